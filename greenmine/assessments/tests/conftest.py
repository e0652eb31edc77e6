"""Fixtures of the assessments tests: the published HL-SS-2024 standard, a mine of the world's enterprise,
answers for every item. (The Playwright fixtures come from the root conftest's plugin.)"""

from __future__ import annotations

from typing import Any

import pytest

from greenmine.assessments.tests.helpers import full_answers, hlss_version, world_mine  # noqa: F401


@pytest.fixture
def hlss(db) -> Any:  # noqa: ANN001
    return hlss_version()


@pytest.fixture
def mine(world, hlss) -> Any:  # noqa: ANN001
    return world_mine(world)
