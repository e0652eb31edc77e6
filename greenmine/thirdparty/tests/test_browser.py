"""Browser walk of a third-party assessment: the bureau commissions an agency; a team that breaks a rule
is refused with the rule named, a valid one saved; a member cannot see the self-assessment until they
declare no conflict; prerequisites and the team's own veto verdicts, the field review with the signed
commitment letter, scores with an explanation required for a large difference, and the comparison page.

The steps are module-level functions so that the end-to-end journey can chain them:
`commission_agency`, `submit_team`, `declare_no_conflict`, `verify_prerequisites`, `verify_vetoes`,
`record_site_visit`,
`score_indicators`, `explain_difference`, `complete_assessment`, and `commission_and_assess`, which runs
them all (each as the right user) and returns the completed ThirdPartyAssessment.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.urls import reverse
from PIL import Image
from playwright.sync_api import Page, expect

from greenmine.core.testing.factories import TEST_PASSWORD, build_world
from greenmine.core.tests.browser import browser_test, login, logout
from greenmine.thirdparty.models import ThirdPartyAssessment

DECLARATION = "本人与被评估矿山及其企业在评估前后一年内无业务往来，未参与其方案或自评报告编制。"


def _url(base_url: str, name: str, **kwargs: Any) -> str:
    return str(base_url).rstrip("/") + reverse(name, kwargs=kwargs or None)


def commission_agency(
    page: Page, base_url: str, self_assessment_pk: int, agency_pk: int, date: str = "2026-06-15"
) -> int:
    """As the bureau: commission the agency for the self-assessment; returns the assessment's pk."""
    page.goto(_url(base_url, "thirdparty:commission") + f"?self_assessment={self_assessment_pk}")
    page.select_option("#id_self_assessment", str(self_assessment_pk))
    page.select_option("#id_agency", str(agency_pk))
    page.fill("#id_assessment_date", date)
    page.click("[data-testid=save]")
    expect(page.locator("[data-testid=tp-status]")).to_have_attribute("data-status", "commissioned")
    return int(page.url.rstrip("/").rsplit("/", 1)[-1])


def submit_team(page: Page, base_url: str, pk: int, member_pks: list[int], leader_pk: int | None) -> None:
    """As the agency: tick the members and the leader on the team page and save (the caller checks the
    outcome: the assessment page, or the broken rules named on the team page)."""
    page.goto(_url(base_url, "thirdparty:assessment_team", pk=pk))
    for box in page.locator("input[name=members]").all():
        box.set_checked(int(box.get_attribute("value") or 0) in member_pks)
    if leader_pk is not None:
        page.check(f"[data-testid=leader-{leader_pk}]")
    page.click("[data-testid=save-team]")


def declare_no_conflict(page: Page, base_url: str, pk: int, text: str = DECLARATION) -> None:
    """As a team member (their own account): declare no conflict."""
    page.goto(_url(base_url, "thirdparty:assessment_declare", pk=pk))
    page.fill("#id_text", text)
    page.click("[data-testid=declare]")
    expect(page.locator("[data-testid=self-assessment-link]")).to_be_visible()


def verify_prerequisites(page: Page, base_url: str, pk: int, note: str = "查阅原件，属实") -> int:
    """As a declared member: verify every prerequisite as holding; returns how many were verified."""
    page.goto(_url(base_url, "thirdparty:assessment_review", pk=pk))
    done = 0
    while page.locator("[data-testid^=verify-]").count():
        form = page.locator("form:has([data-testid^=verify-])").first
        form.locator("input[name=note]").fill(note)
        form.locator("button").click()
        page.wait_for_load_state()
        done += 1
    return done


def verify_vetoes(page: Page, base_url: str, pk: int, note: str = "核对采矿许可证范围与现场，未发现") -> int:
    """As a declared member: give the team's verdict on every veto item (一票否决) as not occurred;
    returns how many were verified."""
    page.goto(_url(base_url, "thirdparty:assessment_review", pk=pk))
    done = 0
    while page.locator("[data-testid^=veto-verify-]").count():
        form = page.locator("form:has([data-testid^=veto-verify-])").first
        form.locator("select[name=occurred]").select_option("no")
        form.locator("input[name=note]").fill(note)
        form.locator("button").click()
        page.wait_for_load_state()
        done += 1
    return done


def record_site_visit(
    page: Page,
    base_url: str,
    pk: int,
    letter: Path | None,
    date: str = "2026-06-15",
    attendees: str = "评估组 5 人；矿长",
) -> None:
    """As a declared member: record the field review; `letter` is the signed commitment letter's file (None
    leaves it out, which the form refuses naming the field)."""
    page.goto(_url(base_url, "thirdparty:assessment_review", pk=pk))
    page.fill("#id_visit_date", date)
    page.fill("#id_attendees", attendees)
    if letter is not None:
        page.set_input_files("#id_commitment_letter", str(letter))
    page.click("[data-testid=record-visit]")


def score_indicators(
    page: Page, base_url: str, pk: int, answers: dict[str, str], finding: str = "现场核查"
) -> None:
    """As a declared member: score each indicator (form values: a level key, yes/no, a number)."""
    from greenmine.assessments.templatetags.assessments_tags import dom_id

    for indicator, value in answers.items():
        key = dom_id(indicator)
        page.goto(_url(base_url, "thirdparty:assessment_review", pk=pk) + f"#score-{indicator}")
        field = page.locator(f"[data-testid='answer-{key}']")
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
        page.fill(f"[data-testid='finding-{key}']", finding)
        page.click(f"[data-testid='score-{key}']")
        expect(page.locator(f"[data-testid='tp-score-{key}']")).to_be_visible()


def explain_difference(page: Page, base_url: str, pk: int, indicator: str, text: str) -> None:
    from greenmine.assessments.templatetags.assessments_tags import dom_id

    key = dom_id(indicator)
    page.goto(_url(base_url, "thirdparty:assessment_review", pk=pk))
    page.fill(f"[data-testid='explain-text-{key}']", text)
    page.click(f"[data-testid='explain-{key}']")


def complete_assessment(page: Page, base_url: str, pk: int, conclusion: str = "达到绿色矿山建设要求") -> None:
    """As the team leader: complete (the caller checks the outcome)."""
    page.goto(_url(base_url, "thirdparty:assessment_review", pk=pk))
    page.fill("[data-testid=conclusion]", conclusion)
    page.click("[data-testid=complete]")


def letter_file(directory: Path) -> Path:
    path = directory / "评估工作承诺书.pdf"
    out = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(out, format="PDF")
    path.write_bytes(out.getvalue())
    return path


def self_form_answers(assessment: ThirdPartyAssessment) -> dict[str, str]:
    """The self-assessment's own answers as form values, for every scored indicator."""
    from greenmine.thirdparty.selectors import score_rows

    return {row.id: row.self_answer for row in score_rows(assessment)}


def commission_and_assess(
    page: Page,
    base_url: str,
    *,
    self_assessment: Any,
    agency: Any,
    experts: list[Any],
    bureau_username: str,
    agency_username: str,
    password: str,
    tmp_path: Path,
    overrides: dict[str, str] | None = None,
    explanation: str = "现场核查发现与自评不符",
) -> ThirdPartyAssessment:
    """The whole third-party step in the browser, from a submitted self-assessment to completed: the bureau
    commissions, the agency saves the team (experts[0] leads), every member declares, the leader verifies
    the prerequisites and the veto items (none occurred), records the visit with the letter, scores every
    indicator (the self answers, with `overrides`), explains the large differences, and completes.
    Expects the page logged out; logs each user in and out itself and ends logged in as the leader, on
    the completed assessment's page."""
    login(page, base_url, bureau_username, password)
    pk = commission_agency(page, base_url, self_assessment.pk, agency.pk)
    logout(page)
    login(page, base_url, agency_username, password)
    submit_team(page, base_url, pk, [e.pk for e in experts], experts[0].pk)
    expect(page.locator("[data-testid=tp-status]")).to_have_attribute("data-status", "team_formed")
    logout(page)
    for expert in reversed(experts):
        login(page, base_url, expert.user.username, password)
        declare_no_conflict(page, base_url, pk)
        if expert != experts[0]:
            logout(page)
    verify_prerequisites(page, base_url, pk)
    verify_vetoes(page, base_url, pk)
    record_site_visit(page, base_url, pk, letter_file(tmp_path))
    expect(page.locator("[data-testid=visit]")).to_be_visible()
    assessment = ThirdPartyAssessment.objects.get(pk=pk)
    answers = {**self_form_answers(assessment), **(overrides or {})}
    score_indicators(page, base_url, pk, answers)
    from greenmine.thirdparty.selectors import score_rows

    for row in score_rows(assessment):
        if row.needs_explanation:
            explain_difference(page, base_url, pk, row.id, explanation)
    complete_assessment(page, base_url, pk)
    expect(page.locator("[data-testid=tp-status]")).to_have_attribute("data-status", "completed")
    return ThirdPartyAssessment.objects.get(pk=pk)


@browser_test
def test_commission_team_declaration_review_and_comparison(page: Page, live_server, tmp_path: Path) -> None:  # noqa: ANN001
    from greenmine.thirdparty.tests.helpers import agency_with_experts, submitted_self_assessment

    world = build_world()
    base = live_server.url
    self_assessment = submitted_self_assessment(world)
    agency, experts = agency_with_experts(world)
    leader = experts[0]

    # The bureau commissions the agency.
    login(page, base, "w_bureau_admin", TEST_PASSWORD)
    pk = commission_agency(page, base, self_assessment.pk, agency.pk)
    logout(page)

    # The agency: four members break the rules (the rules named); five with a leader are saved.
    login(page, base, "w_assessor", TEST_PASSWORD)
    submit_team(page, base, pk, [e.pk for e in experts[1:]], experts[1].pk)
    broken = page.locator("[data-testid=broken-rules]")
    expect(broken).to_contain_text("5")
    expect(broken).to_contain_text("4")
    expect(page.locator(f"[data-testid=member-{experts[1].pk}]")).to_be_checked()
    submit_team(page, base, pk, [e.pk for e in experts], leader.pk)
    expect(page.locator("[data-testid=tp-status]")).to_have_attribute("data-status", "team_formed")
    logout(page)

    # The leader sees nothing of the self-assessment before declaring.
    login(page, base, leader.user.username, TEST_PASSWORD)
    page.goto(_url(base, "thirdparty:assessment_detail", pk=pk))
    expect(page.locator("[data-testid=declare-first]")).to_be_visible()
    expect(page.locator("[data-testid=self-assessment-link]")).to_have_count(0)
    response = page.goto(_url(base, "assessments:assessment_detail", pk=self_assessment.pk))
    assert response is not None and response.status == 404
    declare_no_conflict(page, base, pk)
    response = page.goto(_url(base, "assessments:assessment_detail", pk=self_assessment.pk))
    assert response is not None and response.status == 200
    from greenmine.thirdparty import services

    assessment = ThirdPartyAssessment.objects.get(pk=pk)
    for member in assessment.members.exclude(expert=leader).select_related("expert__user"):
        services.declare(actor=member.expert.user, member=member, text=DECLARATION)

    # Desk review: scoring waits for the prerequisites; then the field review needs the letter.
    page.goto(_url(base, "thirdparty:assessment_review", pk=pk))
    expect(page.locator("#scores")).to_contain_text("先决条件")
    assert verify_prerequisites(page, base, pk) == 2
    # The veto items: the team's own verdict (an occurrence needs a note; the input is kept).
    page.select_option("[data-testid=veto-occurred-V1]", "yes")
    page.click("[data-testid=veto-verify-V1]")
    expect(page.locator("[data-testid=veto-V1] .invalid-feedback")).to_be_visible()
    expect(page.locator("[data-testid=veto-occurred-V1]")).to_have_value("yes")
    assert verify_vetoes(page, base, pk) == 1
    expect(page.locator("[data-testid=veto-V1]")).to_contain_text("核对采矿许可证范围与现场，未发现")
    record_site_visit(page, base, pk, None)
    expect(page.locator("#id_commitment_letter_errors")).to_be_visible()
    expect(page.locator("#id_attendees")).to_have_value("评估组 5 人；矿长")
    record_site_visit(page, base, pk, letter_file(tmp_path))
    expect(page.locator("[data-testid=visit]")).to_contain_text("评估工作承诺书.pdf")

    # Scores: R2 (30 points) found not met — a difference of 30 that must be explained.
    answers = {**self_form_answers(assessment), "R2": "no"}
    score_indicators(page, base, pk, answers)
    complete_assessment(page, base, pk)
    expect(page.locator("[data-testid=complete-errors]")).to_contain_text("R2")
    explain_difference(page, base, pk, "R2", "现场发现排土场未复绿")
    complete_assessment(page, base, pk)
    expect(page.locator("[data-testid=tp-status]")).to_have_attribute("data-status", "completed")
    done = ThirdPartyAssessment.objects.get(pk=pk)
    assert done.total_score == done.self_total - 30

    # The comparison: both scores side by side, the explanation on the large difference.
    page.click("[data-testid=comparison]")
    row = page.locator("[data-testid=cmp-R2]")
    expect(row).to_contain_text("-30")
    expect(row).to_contain_text("现场发现排土场未复绿")
    expect(page.locator("[data-testid=tp-total]")).to_have_text(str(int(done.total_score)))
