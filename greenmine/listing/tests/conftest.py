"""Fixtures of the listing tests (the Playwright fixtures come from the root conftest's plugin)."""

from __future__ import annotations

import pytest

from greenmine.listing.tests.helpers import ensure_next_year_known


@pytest.fixture(autouse=True)
def next_year_known(request: pytest.FixtureRequest) -> None:
    """Deadlines and notice periods count working days from today; late in a year they run into the next
    one, which chinese-calendar may not know yet. Enter it (weekend rule) as the bureau would, so the tests
    do not start failing in December. Tests that need an unknown year use one far ahead."""
    if "world" not in request.fixturenames:
        return
    world = request.getfixturevalue("world")
    ensure_next_year_known(world)
