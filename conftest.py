"""Root of the test suite: plugins and settings every app's tests share."""

import os

from hypothesis import settings as hypothesis_settings

# The Playwright browser, page and screenshot-on-failure hooks, for any app's browser tests.
pytest_plugins = ["greenmine.core.tests.browser"]

# Property tests: no per-example deadline (a loaded 2-core CI machine is not a slow parser), and in CI a
# fixed example sequence, so a red CI always means a reproducible failure; locally they explore freely.
hypothesis_settings.register_profile("greenmine", deadline=None)
hypothesis_settings.register_profile("ci", deadline=None, derandomize=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "greenmine")
