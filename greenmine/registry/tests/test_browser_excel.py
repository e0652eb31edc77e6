"""The Excel round trip in a real browser: download the template, upload a workbook with a bad row (refused,
the row named, nothing saved), upload it fixed (the progress page reaches 100 %, the mine is listed),
then export and find the mine in the exported workbook."""

from __future__ import annotations

import io
from pathlib import Path

from django.conf import settings
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from greenmine.core import demo
from greenmine.core.tests.browser import browser_test, login
from greenmine.registry.models import Mine
from greenmine.registry.tests.factories import BOUNDARY_44_FAR

# The Playwright fixtures and the live-server media patch come from the root conftest's plugin
# (greenmine.core.tests.browser): one browser per test process.

PASSWORD = settings.DEMO_PASSWORDS[0]
MINE = "浏览器导入示例采石场"
ENTERPRISE = "虎林市示例建筑石料有限公司"
TOWNSHIP = "虎头镇人民政府"


def _fill(template: Path, target: Path, mineral: str) -> None:
    workbook = load_workbook(template)
    workbook["矿山"].append([MINE, ENTERPRISE, TOWNSHIP, mineral, "露天开采", 8, "生产"])
    workbook["采矿权"].append(
        ["C2303812026BROWSER1", ENTERPRISE, MINE, "2025-01-01", "2030-01-01", None, BOUNDARY_44_FAR]
    )
    workbook.save(target)


def _upload(page: Page, base: str, path: Path) -> None:
    page.goto(f"{base}/registry/excel/import/")
    page.set_input_files("input[type=file][name=file]", str(path))
    with page.expect_navigation():
        page.click("[data-testid=import-form] button[type=submit]")


@browser_test
def test_excel_round_trip(page: Page, live_server, tmp_path: Path) -> None:  # noqa: ANN001
    demo.load([])
    base = live_server.url
    login(page, base, "hl_admin", PASSWORD)
    page.goto(f"{base}/registry/excel/import/")
    with page.expect_download() as download:
        page.click("[data-testid=download-template]")
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)

    bad = tmp_path / "bad.xlsx"
    _fill(template, bad, mineral="月球岩石")
    _upload(page, base, bad)
    errors = page.locator("[data-testid=import-error]")
    expect(errors.first).to_be_visible()
    rows = errors.all_inner_texts()
    assert any("矿山" in r and "2" in r and "矿种" in r for r in rows), rows
    assert not Mine.objects.filter(name=MINE).exists()

    good = tmp_path / "good.xlsx"
    _fill(template, good, mineral="建筑用石料")
    _upload(page, base, good)
    expect(page.locator("[data-testid=import-percent]")).to_have_text("100 %")
    expect(page.locator("[data-testid=import-succeeded]")).to_be_visible()
    page.goto(f"{base}/registry/mines/?q={MINE}")
    expect(page.get_by_text(MINE).first).to_be_visible()

    page.goto(f"{base}/registry/excel/import/")
    with page.expect_download() as download:
        page.click("[data-testid=export]")
    exported = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert MINE in [row[0] for row in exported["矿山"].iter_rows(min_row=2, values_only=True)]
    assert "C2303812026BROWSER1" in [
        row[0] for row in exported["采矿权"].iter_rows(min_row=2, values_only=True)
    ]


@browser_test
def test_the_map_draws_the_visible_mines_and_rights(page: Page, live_server, world, password) -> None:  # noqa: ANN001
    """The map page in a real browser: Leaflet loads from our static files, the features arrive, nothing
    breaks the CSP and nothing is asked of another host (no base map is configured in the tests)."""
    from greenmine.core.tests.browser import watch
    from greenmine.registry.tests.factories import BOUNDARY_44_A, make_mine, make_mining_right

    admin = world.users["bureau_admin"]
    mine = make_mine(admin, world.orgs["enterprise"], world.orgs["township"], name="地图示例矿山")
    make_mining_right(admin, mine, boundary_text=BOUNDARY_44_A)
    seen = watch(page)
    login(page, live_server.url, admin.username, password)
    page.goto(f"{live_server.url}/registry/map/")
    expect(page.locator("#registry-map")).to_have_attribute("data-loaded", "2")
    expect(page.locator(".leaflet-control-scale")).to_be_visible()
    expect(page.locator("[data-testid=no-base-map]")).to_be_visible()
    assert seen.csp_violations() == [] and seen.foreign_requests() == []
    assert not seen.failed_responses, seen.failed_responses
