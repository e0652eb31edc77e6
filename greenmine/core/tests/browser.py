"""Playwright helpers for every app's browser tests: Debian's chromium, headless, with no network.

Use them from an app's ``tests/conftest.py``::

    from greenmine.core.tests.browser import (  # noqa: F401
        browser, page, pytest_configure, pytest_runtest_makereport)

and in the tests::

    from greenmine.core.tests.browser import browser_test, login

    @browser_test  # the browser marker, the "browser" xdist group, a transactional database
    def test_something(page, live_server):
        demo.load([])
        login(page, live_server.url, "hl_admin", settings.DEMO_PASSWORDS[0])

``page`` is a fresh context and page per test (``zh-CN``, 1280x800); when the test fails a full-page
screenshot is kept in ``test-artifacts/screenshots/<test name>.png``. Chromium is never downloaded:
``playwright install`` is not needed and must not be run.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.db import connection, connections
from django.db.migrations.operations.special import RunPython
from django.test import testcases
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 800}
LOCALE = "zh-CN"
TIMEOUT_MS = 10_000
SCREENSHOT_DIR = Path("test-artifacts") / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

# Browser tests need the live server, which needs real commits: a transactional database, emptied after each
# test. That flush also removes the rows data migrations made; see rerun_data_migration. (serialized_rollback
# is no way out: after another transactional test's flush has re-created the content types, restoring the
# snapshot fails on their unique constraint.)
BROWSER_DB = pytest.mark.django_db(transaction=True)


def browser_test[F: Callable[..., Any]](function: F) -> F:
    """Mark a test as a browser test: the ``browser`` marker, one xdist group (one worker, one chromium)
    and a transactional database that the live server sees."""
    for mark in (pytest.mark.browser, pytest.mark.xdist_group("browser"), BROWSER_DB):
        function = mark(function)
    return function


class _NoPublicMediaHandler(testcases._MediaFilesHandler):
    """Django's live server serves MEDIA_URL from MEDIA_ROOT, and fails on every request when MEDIA_URL is
    None (GreenMine's setting: uploads go out only through permission-checked views). Serve none."""

    def _should_handle(self, path: str) -> bool:
        return bool(settings.MEDIA_URL) and super()._should_handle(path)


def pytest_configure(config: pytest.Config) -> None:
    # Know xdist's group marker when xdist is not loaded (``-p no:xdist``) under --strict-markers.
    config.addinivalue_line("markers", "xdist_group(name): run the tests of one group in one xdist worker")
    testcases._MediaFilesHandler = _NoPublicMediaHandler  # the live server thread looks the name up here


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    """Keep each phase's report on the test item (``item.rep_setup``, ``rep_call``, ``rep_teardown``)."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless chromium for the whole session (per xdist worker)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (make test does, as root).")
    # Playwright's sync API runs an event loop in this thread; Django then refuses ORM calls from it
    # (SynchronousOnlyOperation). The documented pytest-django + Playwright way round is this variable,
    # set for as long as the browser runs (Django reads it at each call).
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        # While the loop runs, Django hands this thread other connection objects (asgiref's Local follows
        # the loop): close them, or dropping a PostgreSQL test database at the end finds them connected.
        connections.close_all()
        playwright.stop()
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser context (no cookies) and page; a screenshot is kept when the test fails."""
    failures_before = request.session.testsfailed
    context = browser.new_context(locale=LOCALE, viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
        if _failed(request, failures_before):
            save_screenshot(page, request.config.rootpath, request.node.name)
    finally:
        context.close()


def _failed(request: pytest.FixtureRequest, failures_before: int) -> bool:
    report = getattr(request.node, "rep_call", None)
    if report is not None:
        return bool(report.failed)
    # The report hook above is not registered for this test's directory: fall back on the session's count.
    return request.session.testsfailed > failures_before


def save_screenshot(page: Page, root: Path, test_name: str) -> Path | None:
    path = root / SCREENSHOT_DIR / (re.sub(r"[^\w.-]+", "_", test_name).strip("_") + ".png")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=str(path), full_page=True)
    except Exception:  # noqa: BLE001 - a closed or crashed page must not hide the test's own failure
        return None
    return path


def rerun_data_migration(module: str) -> None:
    """Run a data migration's RunPython steps again, with today's models, after a flush emptied the tables
    (e.g. ``"greenmine.core.migrations.0003_divisions"``). Only for steps that are idempotent
    (get_or_create)."""
    migration = importlib.import_module(module).Migration
    for operation in migration.operations:
        if isinstance(operation, RunPython):
            with connection.schema_editor() as editor:
                operation.code(django_apps, editor)


def login(page: Page, live_server_url: str, username: str, password: str) -> None:
    """Log in through the real form and wait for the home page."""
    base = str(live_server_url).rstrip("/")
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("[data-testid=login-form] button[type=submit]")
    page.wait_for_url(f"{base}/")


def logout(page: Page) -> None:
    """Log out through the account menu; ends on the login page."""
    page.click("[data-testid=account-menu]")
    with page.expect_navigation():
        page.click("[data-testid=logout]")
    page.wait_for_url("**/accounts/login/")


def nav_keys(page: Page) -> set[str]:
    """The keys (``data-nav``) of the entries in the side navigation."""
    return set(
        page.locator("[data-testid=main-nav] [data-nav]").evaluate_all("els => els.map(e => e.dataset.nav)")
    )


@dataclass
class PageWatch:
    """What a page asked for and complained about: every request URL, console errors, failed responses."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Requests to anything but this machine (data: and blob: URLs never leave the browser)."""
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in {"data", "blob"} and urlsplit(url).hostname not in LOCAL_HOSTS
        ]

    def csp_violations(self) -> list[str]:
        return [text for text in self.console_errors if "Content Security Policy" in text]


def watch(page: Page) -> PageWatch:
    """Start recording the page's requests, console errors and 4xx/5xx responses."""
    seen = PageWatch()

    def on_request(request: Request) -> None:
        seen.requests.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            seen.console_errors.append(message.text)

    def on_response(response: Response) -> None:
        if response.status >= 400:
            seen.failed_responses.append(f"{response.status} {response.url}")

    page.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.console_errors.append(str(error)))
    page.on("response", on_response)
    return seen
