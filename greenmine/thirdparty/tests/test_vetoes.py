"""The team's own verdict on the veto items (一票否决) of the pinned standard: the service's rules, final
once made, audited; completion refused while one is unverified; the third-party result computed from the
TEAM's verdicts (not the enterprise's answers); the API, the review and comparison pages and the report."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from docx import Document
from rest_framework.test import APIClient

from greenmine.assessments.models import SelfAssessment
from greenmine.core.models import AuditEvent
from greenmine.thirdparty import services
from greenmine.thirdparty.choices import CheckSection, ThirdPartyStatus
from greenmine.thirdparty.models import PrerequisiteCheck
from greenmine.thirdparty.reports import build_docx, report_data
from greenmine.thirdparty.selectors import veto_rows
from greenmine.thirdparty.services_review import responses, standard_for, unverified_vetoes
from greenmine.thirdparty.tests.helpers import (
    ASSESSMENT_DATE,
    agency_admin,
    completed_assessment,
    in_review,
    letter_upload,
    self_answers,
    team_formed,
    verify_vetoes,
)

BASE = "/api/v1/thirdparty/assessments/"
OCCURRED_NOTE = "现场测量：采场越界 0.3 公顷"


def client_of(user) -> Client:  # noqa: ANN001
    client = Client()
    client.force_login(user)
    return client


# The small test standard: prerequisites P1 P2, veto V1 越界开采.
@pytest.mark.parametrize(
    ("service", "indicator_id", "value", "note", "error_field"),
    [
        ("veto", "V1", False, "", None),  # did not occur: a note is optional
        ("veto", "V1", False, "核对许可证范围", None),
        ("veto", "V1", True, OCCURRED_NOTE, None),
        ("veto", "V1", True, "", "note"),  # occurred: say what the team found
        ("veto", "V1", True, "   ", "note"),
        ("veto", "V1", "no", "", "occurred"),  # not a yes/no
        ("veto", "V1", None, "", "occurred"),
        ("veto", "P1", False, "", "indicator_id"),  # a prerequisite is not a veto item
        ("veto", "Q1", False, "", "indicator_id"),  # nor is a scored indicator
        ("veto", "V9", False, "", "indicator_id"),  # not in the standard
        ("prerequisite", "V1", True, "", "indicator_id"),  # and a veto item is not a prerequisite
    ],
)
def test_verify_veto_rules(world, service, indicator_id, value, note, error_field):  # noqa: ANN001, PLR0913
    assessment, experts = in_review(world)
    leader = experts[0].user
    if service == "veto":
        call = services.verify_veto
        kwargs = {"occurred": value}
    else:
        call = services.verify_prerequisite
        kwargs = {"holds": value}
    if error_field is not None:
        with pytest.raises(ValidationError) as error:
            call(actor=leader, assessment=assessment, indicator_id=indicator_id, note=note, **kwargs)
        assert list(error.value.message_dict) == [error_field]
        assert not PrerequisiteCheck.objects.filter(assessment=assessment).exists()
        assert not AuditEvent.objects.filter(action="thirdparty.veto_verified").exists()
        return
    check = call(actor=leader, assessment=assessment, indicator_id=indicator_id, note=note, **kwargs)
    assert (check.section, check.indicator_id, check.occurred, check.holds, check.note) == (
        CheckSection.VETO,
        "V1",
        value,
        None,
        note.strip(),
    )
    event = AuditEvent.objects.get(action="thirdparty.veto_verified", object_id=str(assessment.pk))
    assert event.changes["after"] == {"indicator": "V1", "occurred": value, "note": note.strip()}
    assert unverified_vetoes(assessment) == []


def test_a_veto_verdict_is_final_and_only_a_declared_member_gives_it(world):
    formed, experts = team_formed(world)
    with pytest.raises(PermissionDenied):  # an undeclared member has no rights on the review yet
        services.verify_veto(actor=experts[0].user, assessment=formed, indicator_id="V1", occurred=False)
    assessment, experts = in_review(world)
    for actor in (world.users["bureau_admin"], agency_admin(assessment.agency), world.users["enterprise"]):
        with pytest.raises(PermissionDenied):
            services.verify_veto(actor=actor, assessment=assessment, indicator_id="V1", occurred=False)
    services.verify_veto(actor=experts[1].user, assessment=assessment, indicator_id="V1", occurred=False)
    with pytest.raises(ValidationError) as error:
        services.verify_veto(
            actor=experts[0].user, assessment=assessment, indicator_id="V1", occurred=True, note="改判"
        )
    assert list(error.value.message_dict) == ["indicator_id"]
    assert assessment.checks.get(indicator_id="V1").occurred is False
    assert AuditEvent.objects.filter(action="thirdparty.veto_verified").count() == 1
    # Vetoes need not wait for the prerequisites, and the prerequisites' list does not include them.
    assert [c.indicator_id for c in assessment.checks.filter(section=CheckSection.PREREQUISITE)] == []
    assert responses(assessment)["vetoes"] == {"V1": False}
    assert responses(assessment)["prerequisites"] == {}


def _ready_to_complete(world, team_occurred: bool):  # noqa: ANN001, ANN202
    """In review, prerequisites verified as holding, V1 verified by the team (occurred or not), the visit
    recorded and every indicator scored with the enterprise's own answers."""
    assessment, experts = in_review(world)
    leader = experts[0].user
    for prerequisite in standard_for(assessment).prerequisites:
        services.verify_prerequisite(
            actor=leader, assessment=assessment, indicator_id=prerequisite.id, holds=True
        )
    services.record_site_visit(
        actor=leader,
        assessment=assessment,
        visit_date=ASSESSMENT_DATE,
        attendees="评估组",
        commitment_letter=letter_upload(),
    )
    answers = self_answers(assessment)
    for leaf in standard_for(assessment).leaves():
        services.score_indicator(
            actor=leader, assessment=assessment, indicator_id=leaf.id, answer=answers[leaf.id], finding="一致"
        )
    with pytest.raises(ValidationError) as error:  # every veto item first, named
        services.complete(actor=leader, assessment=assessment, conclusion="结论")
    assert list(error.value.message_dict) == ["vetoes"]
    assert "V1" in error.value.message_dict["vetoes"][0]
    assessment.refresh_from_db()
    assert assessment.status == ThirdPartyStatus.IN_REVIEW
    verify_vetoes(assessment, leader, occurred=frozenset({"V1"}) if team_occurred else frozenset())
    return assessment, leader


@pytest.mark.parametrize(
    ("self_occurred", "team_occurred", "passed"),
    [
        (False, True, False),  # the enterprise says no; the team finds it occurred: fails
        (True, False, True),  # the enterprise's answer does not count; the team's verdict does
        (False, False, True),
    ],
)
def test_the_team_veto_verdict_decides_the_pass(world, self_occurred, team_occurred, passed):  # noqa: ANN001
    assessment, leader = _ready_to_complete(world, team_occurred)
    if self_occurred:  # what the enterprise answered in its frozen snapshot
        self_assessment = SelfAssessment.objects.get(pk=assessment.self_assessment_id)
        snapshot = self_assessment.snapshot
        snapshot["responses"]["vetoes"]["V1"] = True
        SelfAssessment.objects.filter(pk=self_assessment.pk).update(snapshot=snapshot)
        assessment.refresh_from_db()
    done = services.complete(actor=leader, assessment=assessment, conclusion="结论")
    assert done.passed is passed
    assert done.result["passed"] is passed
    assert done.total_score == done.self_total  # the scores are the same; only the veto decides
    vetoed = [r for r in done.result["reasons"] if r.startswith("veto:V1")]
    assert vetoed == (["veto:V1 一票否决：越界开采"] if team_occurred else [])
    row = veto_rows(done)[0]
    assert (row["self"], row["check"].occurred, row["differs"]) == (
        self_occurred,
        team_occurred,
        self_occurred != team_occurred,
    )


def test_api_vetoes_and_the_conditions_comparison(world):
    assessment, experts = in_review(world)
    leader = APIClient()
    leader.force_authenticate(experts[0].user)
    url = f"{BASE}{assessment.pk}/vetoes/"
    response = leader.post(url, {"indicator_id": "V1"}, format="json")
    assert response.status_code == 400 and "occurred" in response.data
    response = leader.post(url, {"indicator_id": "V1", "occurred": True}, format="json")
    assert response.status_code == 400 and "note" in response.data
    response = leader.post(url, {"indicator_id": "P1", "occurred": False}, format="json")
    assert response.status_code == 400 and "indicator_id" in response.data
    response = leader.post(
        url, {"indicator_id": "V1", "occurred": True, "note": OCCURRED_NOTE}, format="json"
    )
    assert response.status_code == 201, response.data
    assert (response.data["indicator_id"], response.data["occurred"], response.data["note"]) == (
        "V1",
        True,
        OCCURRED_NOTE,
    )
    assert leader.post(url, {"indicator_id": "V1", "occurred": False}, format="json").status_code == 400
    listed = leader.get(url).data
    assert [(c["indicator_id"], c["occurred"]) for c in listed] == [("V1", True)]
    assert leader.get(f"{BASE}{assessment.pk}/prerequisites/").data == []
    bureau = APIClient()
    bureau.force_authenticate(world.users["bureau_admin"])
    assert bureau.post(url, {"indicator_id": "V1", "occurred": False}, format="json").status_code == 403
    rows = bureau.get(f"{BASE}{assessment.pk}/comparison/conditions/").data
    assert [(r["section"], r["id"], r["self_answer"], r["team_verdict"], r["differs"]) for r in rows] == [
        ("prerequisite", "P1", True, None, False),
        ("prerequisite", "P2", True, None, False),
        ("veto", "V1", False, True, True),
    ]
    assert rows[2]["note"] == OCCURRED_NOTE


def test_review_page_veto_form_keeps_input_and_names_the_field(world):
    assessment, experts = in_review(world)
    leader = client_of(experts[0].user)
    review = reverse("thirdparty:assessment_review", kwargs={"pk": assessment.pk})
    page = leader.get(review).content.decode()
    assert 'data-testid="veto-verify-V1"' in page
    verify = reverse("thirdparty:veto_verify", kwargs={"pk": assessment.pk})
    response = leader.post(verify, {"indicator_id": "V1", "occurred": "yes", "note": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="yes" selected' in page  # what was chosen is kept
    assert "invalid-feedback" in page
    assert not assessment.checks.exists()
    response = leader.post(verify, {"indicator_id": "V1", "occurred": "yes", "note": OCCURRED_NOTE})
    assert response.status_code == 302
    assert response["Location"].endswith("#vetoes")
    page = leader.get(review).content.decode()
    assert OCCURRED_NOTE in page and 'data-testid="veto-verify-V1"' not in page
    bureau = client_of(world.users["bureau_admin"])
    assert bureau.post(verify, {"indicator_id": "V1", "occurred": "no"}).status_code == 403


def test_comparison_page_detail_and_report_show_the_team_verdict(world, client_for):
    assessment = completed_assessment(world)
    client = client_for("bureau_admin")
    comparison = client.get(reverse("thirdparty:assessment_comparison", kwargs={"pk": assessment.pk}))
    page = comparison.content.decode()
    assert 'data-testid="cmp-veto-V1"' in page and 'data-testid="cmp-prerequisite-P1"' in page
    detail = client.get(
        reverse("thirdparty:assessment_detail", kwargs={"pk": assessment.pk})
    ).content.decode()
    assert 'data-testid="vetoes"' in detail and "核对采矿许可证范围与现场，未发现" in detail
    data = report_data(assessment)
    assert data.vetoes == [["V1", "越界开采", "未发生", "未发生", "核对采矿许可证范围与现场，未发现"]]
    docx = Document(io.BytesIO(build_docx(data)))
    text = "\n".join(p.text for p in docx.paragraphs)
    cells = "\n".join(c.text for t in docx.tables for r in t.rows for c in r.cells)
    assert "一票否决事项核查" in text and "越界开采" in cells and "评估组核查" in cells
