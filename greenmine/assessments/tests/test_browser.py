"""Browser walk: an enterprise user writes and submits a plan, fills and submits a self-assessment (watching
the live score), uploads evidence and downloads the PDF report."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from greenmine.assessments.models import ConstructionPlan, SelfAssessment
from greenmine.assessments.tests.helpers import fill, hlss_version, png_bytes, world_mine
from greenmine.core.testing.factories import TEST_PASSWORD, build_world
from greenmine.core.tests.browser import browser_test, login


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
@browser_test
def test_enterprise_from_plan_to_report(page: Page, live_server, tmp_path: Path) -> None:  # noqa: ANN001
    world = build_world()
    hlss_version()
    mine = world_mine(world)
    base = live_server.url
    login(page, base, "w_enterprise", TEST_PASSWORD)

    # The plan: one task and one milestone, then submit it.
    page.goto(f"{base}/assessments/plans/new/?mine={mine.pk}")
    page.fill("#id_target_year", "2027")
    page.fill("#id_tasks-0-title", "矿区绿化")
    page.fill("#id_tasks-0-owner", "安全环保部")
    page.fill("#id_tasks-0-start_date", "2026-03-01")
    page.fill("#id_tasks-0-end_date", "2026-09-30")
    page.fill("#id_milestones-0-title", "绿化完成")
    page.fill("#id_milestones-0-due_date", "2026-09-30")
    page.click("[data-testid=save-plan]")
    expect(page.locator("[data-testid=timeline]")).to_contain_text("矿区绿化")
    page.click("[data-testid=submit-plan]")
    expect(page.locator("[data-testid=plan-status]")).to_have_attribute("data-status", "submitted")
    assert ConstructionPlan.objects.get(mine=mine).status == "submitted"

    # The self-assessment: start it in the page; most answers come through the services to keep this fast.
    page.goto(f"{base}/assessments/self/new/")
    page.select_option("#id_mine", str(mine.pk))
    page.click("[data-testid=start]")
    page.wait_for_url("**/fill/")
    assessment = SelfAssessment.objects.get(mine=mine)
    fill(world.users["enterprise"], assessment, skip={"P1", "A1.1", "A3.1"})
    page.reload()
    total = page.locator("[data-testid=live-total]")
    before = float(total.inner_text())
    page.select_option("[data-testid='answer-A1.1']", "yes")
    expect(page.locator("[data-testid='status-A1.1']")).to_have_attribute("data-saved", "1")
    expect(total).to_have_text(str(int(before + 10)))
    page.fill("[data-testid='answer-A3.1']", "100")
    expect(total).to_have_text(str(int(before + 50)))
    page.select_option("[data-testid=answer-P1]", "yes")
    expect(page.locator("[data-testid=score-panel]")).to_have_attribute("data-passed", "1")
    photo = tmp_path / "证照.png"
    photo.write_bytes(png_bytes())
    page.set_input_files("[data-testid=file-P1]", str(photo))
    expect(page.locator("[data-testid=evidence-P1]")).to_contain_text("证照.png")

    page.click("[data-testid=submit-assessment]")
    expect(page.locator("[data-testid=assessment-status]")).to_have_attribute("data-status", "submitted")
    # The PDF of the full standard takes seconds to lay out (see bench/bench_reports.py): wait longer than
    # the helpers' default 10 s so a loaded machine does not fail the walk.
    with page.expect_download(timeout=60_000) as info:
        page.click("[data-testid=report-pdf]", timeout=60_000)
    pdf = tmp_path / "report.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    assert mine.name in text and "自评报告" in text
