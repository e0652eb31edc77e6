"""The shell in a real browser: each demo role logs in and sees its navigation, the language switch, login
failures and lockout, a form with a wrong field, and a page that asks nothing of any other host.

Headless Debian chromium through Playwright (see greenmine/core/tests/browser.py); a screenshot of each
failing test is kept in test-artifacts/screenshots/.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from playwright.sync_api import Page, expect

from greenmine.core import demo
from greenmine.core.models import Organisation
from greenmine.core.tests.browser import browser_test, login, logout, nav_keys, rerun_data_migration, watch

PASSWORD = settings.DEMO_PASSWORDS[0]

# What each demo login must find among the core app's entries of the side navigation (data-nav keys), from
# its role: everyone: home and the API; government (bureau, department, township): organisations; the
# bureau: the working-day calendar; the bureau's administrator: users and the audit log too.
# Other apps' entries are theirs to test.
CORE_NAV = {"home", "organisations", "users", "calendar", "audit", "api"}
EXPECTED_NAV = {
    "hl_admin": {"home", "organisations", "users", "calendar", "audit", "api"},
    "hl_staff": {"home", "organisations", "calendar", "api"},
    "hl_viewer": {"home", "organisations", "calendar", "api"},
    "sthj_staff": {"home", "organisations", "api"},
    "hutou_staff": {"home", "organisations", "api"},
    "qy_admin": {"home", "api"},
    "qy_staff": {"home", "api"},
    "qy2_admin": {"home", "api"},
    "dk_staff": {"home", "api"},
    "pg_staff": {"home", "api"},
}


def load_demo() -> dict[str, Any]:
    """The core demo, on top of the divisions the migrations create (the flush of an earlier transactional
    test removed them)."""
    rerun_data_migration("greenmine.core.migrations.0003_divisions")
    return demo.load([])


def test_every_demo_login_has_an_expectation() -> None:
    assert {login.username for login in demo.DEMO_LOGINS} == set(EXPECTED_NAV)


@browser_test
def test_each_role_logs_in_and_sees_its_navigation(page: Page, live_server) -> None:
    """One after the other on one page (one demo load): log in, look, log out."""
    load_demo()
    seen = {}
    for username in EXPECTED_NAV:
        login(page, live_server.url, username, PASSWORD)
        seen[username] = nav_keys(page) & CORE_NAV
        expect(page.locator("[data-testid=main-nav] [data-nav=home]")).to_have_attribute(
            "aria-current", "page"
        )
        expect(page.locator("[data-testid=todo-list]")).to_be_visible()

        logout(page)
        expect(page.locator("[data-testid=login-form]")).to_be_visible()
        page.goto(f"{live_server.url}/")
        expect(page.locator("[data-testid=main-nav]")).to_have_count(0)
    assert seen == EXPECTED_NAV


@browser_test
def test_language_switch_keeps_the_page(page: Page, live_server) -> None:
    load_demo()
    page.goto(f"{live_server.url}/accounts/login/")
    html = page.locator("html")
    submit = page.locator("[data-testid=login-form] button[type=submit]")
    expect(html).to_have_attribute("lang", "zh-CN")
    expect(submit).to_have_text("登录")
    expect(page.locator("[data-testid=lang-en]")).to_have_text("English")  # each language in its own name

    with page.expect_navigation():
        page.click("[data-testid=lang-en]")
    assert page.url == f"{live_server.url}/accounts/login/"
    expect(html).to_have_attribute("lang", "en")
    expect(submit).to_have_text("Log in")
    expect(page.locator("[data-testid=lang-zh-hans]")).to_have_text("简体中文")

    # The choice survives logging in, and switching back keeps a signed-in page and its query.
    login(page, live_server.url, "hl_staff", PASSWORD)
    expect(html).to_have_attribute("lang", "en")
    page.goto(f"{live_server.url}/core/organisations/?kind=township")
    with page.expect_navigation():
        page.click("[data-testid=lang-zh-hans]")
    assert page.url == f"{live_server.url}/core/organisations/?kind=township"
    expect(html).to_have_attribute("lang", "zh-CN")
    expect(page.locator("[data-testid=lang-en]")).to_be_visible()


@browser_test
def test_wrong_password_shows_the_error_and_keeps_the_user_name(page: Page, live_server) -> None:
    load_demo()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "hl_staff")
    page.fill("#id_password", "not-the-password")
    with page.expect_navigation():
        page.click("[data-testid=login-form] button[type=submit]")

    assert page.url.startswith(f"{live_server.url}/accounts/login/")
    expect(page.locator("[data-testid=login-form] .alert-danger")).to_be_visible()
    expect(page.locator("#id_username")).to_have_value("hl_staff")
    expect(page.locator("#id_password")).to_have_value("")


@browser_test
def test_five_wrong_passwords_lock_the_account(page: Page, live_server) -> None:
    load_demo()
    limit = settings.AXES_FAILURE_LIMIT
    statuses = []
    page.goto(f"{live_server.url}/accounts/login/")
    for attempt in range(limit + 1):
        if attempt == limit:  # the lockout page has no form; the last attempt has the right password
            page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", "qy_staff")
        page.fill("#id_password", PASSWORD if attempt == limit else f"wrong-{attempt}")
        with page.expect_navigation() as navigation:
            page.click("[data-testid=login-form] button[type=submit]")
        statuses.append(navigation.value.status if navigation.value else None)
        if attempt < limit - 1:
            expect(page.locator("[data-testid=login-form] .alert-danger")).to_be_visible()

    expect(page.locator("[data-testid=locked-out]")).to_be_visible()
    assert statuses[-2:] == [429, 429]
    page.goto(f"{live_server.url}/")
    expect(page.locator("[data-testid=main-nav]")).to_have_count(0)


@browser_test
def test_organisation_form_keeps_typed_values_after_an_error(page: Page, live_server) -> None:
    load_demo()
    login(page, live_server.url, "hl_admin", PASSWORD)
    page.click("[data-nav=organisations]")
    with page.expect_navigation():
        page.click("a[href='/core/organisations/new/']")

    typed = {
        "#id_name": "虎林市示例浏览器测试矿业有限公司",
        "#id_short_name": "浏览器测试矿业",
        "#id_legal_representative": "王示例",
        "#id_contact_person": "陈示例",
        "#id_phone": "0467-5811111",
        "#id_email": "contact@example.invalid",
        "#id_address": "黑龙江省虎林市虎头镇示例路1号",
    }
    for selector, value in typed.items():
        page.fill(selector, value)
    page.select_option("#id_kind", "enterprise")
    page.select_option("#id_division", "230381103")
    page.fill("#id_uscc", "91230381MA00000001")  # the check character is wrong
    page.check("#id_is_published")
    with page.expect_navigation():
        page.click("main form button[type=submit]")

    # The error sits on the credit-code field, and only there; everything typed is still there.
    uscc = page.locator("#id_uscc")
    expect(uscc).to_have_class("form-control is-invalid")
    expect(uscc).to_have_attribute("aria-describedby", "id_uscc_errors")
    expect(page.locator("#id_uscc_errors")).not_to_be_empty()
    expect(page.locator("main .is-invalid")).to_have_count(1)
    expect(uscc).to_have_value("91230381MA00000001")
    for selector, value in typed.items():
        expect(page.locator(selector)).to_have_value(value)
    expect(page.locator("#id_kind")).to_have_value("enterprise")
    expect(page.locator("#id_division")).to_have_value("230381103")
    expect(page.locator("#id_is_published")).to_be_checked()

    valid = demo.demo_uscc(999, "230381")
    page.fill("#id_uscc", valid)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    organisation = Organisation.objects.get(uscc=valid)
    assert page.url == f"{live_server.url}/core/organisations/{organisation.pk}/"
    expect(page.locator(".alert-success")).to_contain_text(typed["#id_name"])
    assert organisation.name == typed["#id_name"]
    assert organisation.division_id == "230381103"
    assert organisation.is_published


@browser_test
def test_pages_load_only_from_this_server_without_csp_violations(page: Page, live_server) -> None:
    context = load_demo()
    seen = watch(page)
    login(page, live_server.url, "hl_admin", PASSWORD)

    # The theme, our stylesheet and the icon font are served from here and applied.
    assert page.evaluate("getComputedStyle(document.body).getPropertyValue('--tblr-border-radius')").strip()
    topbar = page.evaluate("getComputedStyle(document.querySelector('.gm-topbar')).backgroundColor")
    assert topbar == "rgb(31, 90, 34)"
    assert page.evaluate(
        "document.fonts.ready.then(() => [...document.fonts].some("
        "f => f.family.includes('tabler-icons') && f.status === 'loaded'))"
    )

    enterprise = context["enterprises"][0]
    for path in [
        "/core/organisations/",
        f"/core/organisations/{enterprise.pk}/",
        "/core/organisations/new/",
        "/core/users/",
        "/core/calendar/",
        "/core/audit/",
        "/core/profile/",
        "/api/v1/docs/",
    ]:
        page.goto(f"{live_server.url}{path}")
    # The API page's script ran under the CSP and fetched the schema (generating it can take a while).
    expect(page.locator("#swagger-ui .info")).to_be_visible(timeout=30_000)
    page.goto(f"{live_server.url}/")
    logout(page)

    assert seen.requests, "no request was recorded"
    assert seen.foreign_requests() == []
    assert seen.csp_violations() == []
    assert seen.failed_responses == []
