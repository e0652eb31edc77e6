"""Root of the test suite: plugins every app's tests share."""

# The Playwright browser, page and screenshot-on-failure hooks, for any app's browser tests.
pytest_plugins = ["greenmine.core.tests.browser"]
