"""Registry test fixtures: the overlap index cache is per process, so each test starts without one."""

import pytest

from greenmine.registry import overlap


@pytest.fixture(autouse=True)
def _fresh_overlap_cache():  # noqa: ANN202
    overlap.clear_cache()
    yield
    overlap.clear_cache()
