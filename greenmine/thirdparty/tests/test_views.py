"""The thirdparty pages: each step through the browser-facing views, forms keep input and name rules."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from greenmine.thirdparty.choices import ThirdPartyStatus
from greenmine.thirdparty.models import ThirdPartyAssessment
from greenmine.thirdparty.tests.helpers import (
    ASSESSMENT_DATE,
    agency_admin,
    agency_with_experts,
    commissioned,
    completed_assessment,
    in_review,
    letter_upload,
    submitted_self_assessment,
)


def client_of(user) -> Client:  # noqa: ANN001
    client = Client()
    client.force_login(user)
    return client


def test_bureau_commissions_through_the_form(world, client_for):
    self_assessment = submitted_self_assessment(world)
    agency, _experts = agency_with_experts(world)
    client = client_for("bureau_admin")
    assert client.get(reverse("thirdparty:commission")).status_code == 200
    response = client.post(
        reverse("thirdparty:commission"),
        {"self_assessment": self_assessment.pk, "agency": agency.pk, "assessment_date": "2026-06-15"},
    )
    assessment = ThirdPartyAssessment.objects.get(self_assessment=self_assessment)
    assert response.status_code == 302
    assert response["Location"] == reverse("thirdparty:assessment_detail", kwargs={"pk": assessment.pk})
    assert client.get(response["Location"]).status_code == 200


def test_team_form_names_the_broken_rule_and_keeps_the_choice(world):
    assessment, experts = commissioned(world)
    client = client_of(agency_admin(assessment.agency))
    url = reverse("thirdparty:assessment_team", kwargs={"pk": assessment.pk})
    response = client.post(url, {"members": [e.pk for e in experts[:4]], "leader": experts[0].pk})
    text = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="broken-rules"' in text
    assert "5" in text and "4" in text
    assert f'value="{experts[3].pk}" data-testid="member-{experts[3].pk}" checked' in text
    response = client.post(url, {"members": [e.pk for e in experts], "leader": experts[0].pk})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == ThirdPartyStatus.TEAM_FORMED


def test_undeclared_member_sees_no_self_assessment_then_declares(world):
    assessment, experts = commissioned(world)
    from greenmine.thirdparty import services

    services.save_team(
        actor=agency_admin(assessment.agency), assessment=assessment, experts=experts, leader=experts[0]
    )
    client = client_of(experts[1].user)
    detail = reverse("thirdparty:assessment_detail", kwargs={"pk": assessment.pk})
    self_url = reverse("assessments:assessment_detail", kwargs={"pk": assessment.self_assessment.pk})
    page = client.get(detail).content.decode()
    assert 'data-testid="declare-first"' in page
    assert 'data-testid="self-assessment-link"' not in page
    assert client.get(self_url).status_code == 404
    assert (
        client.get(reverse("thirdparty:assessment_comparison", kwargs={"pk": assessment.pk})).status_code
        == 403
    )
    response = client.post(
        reverse("thirdparty:assessment_declare", kwargs={"pk": assessment.pk}), {"text": "无冲突"}
    )
    assert response.status_code == 302
    assert client.get(self_url).status_code == 200
    assert 'data-testid="self-assessment-link"' in client.get(detail).content.decode()


def test_review_pages_refuse_scoring_before_prerequisites_and_require_the_letter(world):
    assessment, experts = in_review(world)
    leader = client_of(experts[0].user)
    review = reverse("thirdparty:assessment_review", kwargs={"pk": assessment.pk})
    assert leader.get(review).status_code == 200
    from greenmine.thirdparty.services_review import standard_for

    standard = standard_for(assessment)
    leaf = standard.leaves()[0]
    response = leader.post(
        reverse("thirdparty:indicator_score", kwargs={"pk": assessment.pk, "indicator_id": leaf.id}),
        {"answer": "yes", "finding": "ok"},
    )
    assert response.status_code == 400
    assert (
        "Verify every prerequisite first" in response.content.decode()
        or "先核查" in response.content.decode()
    )
    for prerequisite in standard.prerequisites:
        response = leader.post(
            reverse("thirdparty:prerequisite_verify", kwargs={"pk": assessment.pk}),
            {"indicator_id": prerequisite.id, "holds": "yes", "note": "核查属实"},
        )
        assert response.status_code == 302
    visit = reverse("thirdparty:site_visit", kwargs={"pk": assessment.pk})
    response = leader.post(visit, {"visit_date": "2026-06-15", "attendees": "评估组"})
    assert response.status_code == 400
    assert 'id="id_commitment_letter_errors"' in response.content.decode()
    assert "评估组" in response.content.decode()
    response = leader.post(
        visit, {"visit_date": "2026-06-15", "attendees": "评估组", "commitment_letter": letter_upload()}
    )
    assert response.status_code == 302


def test_completed_assessment_pages_and_reports(world, client_for):
    assessment = completed_assessment(world)
    for role in ("bureau_admin", "department", "enterprise"):
        client = client_for(role)
        assert (
            client.get(reverse("thirdparty:assessment_detail", kwargs={"pk": assessment.pk})).status_code
            == 200
        )
        comparison = client.get(reverse("thirdparty:assessment_comparison", kwargs={"pk": assessment.pk}))
        assert comparison.status_code == 200
    client = client_for("bureau_admin")
    pdf = client.get(reverse("thirdparty:report_download", kwargs={"pk": assessment.pk, "fmt": "pdf"}))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get(reverse("thirdparty:report_download", kwargs={"pk": assessment.pk, "fmt": "docx"}))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    profile = assessment.agency.agency_profile
    page = client.get(reverse("thirdparty:agency_detail", kwargs={"pk": profile.pk})).content.decode()
    assert 'data-testid="record-done">1<' in page
    assert ASSESSMENT_DATE


def test_agency_pages_register_add_expert_and_conflict(world, client_for):
    from greenmine.thirdparty.models import AgencyProfile, ConflictRecord, Expert

    bureau = client_for("bureau_admin")
    agency = world.orgs["assessor"]
    response = bureau.post(
        reverse("thirdparty:agency_register"),
        {"organisation": agency.pk, "qualifications": "甲级", "staff_count": "abc", "registered": "on"},
    )
    assert response.status_code == 200
    assert "甲级" in response.content.decode()
    response = bureau.post(
        reverse("thirdparty:agency_register"),
        {"organisation": agency.pk, "qualifications": "甲级", "staff_count": "16", "registered": "on"},
    )
    profile = AgencyProfile.objects.get(organisation=agency)
    assert response.status_code == 302 and profile.registered and profile.staff_count == 16
    own = client_for("assessor")
    response = own.post(
        reverse("thirdparty:expert_create", kwargs={"pk": profile.pk}),
        {
            "name": "孙强",
            "title": "senior",
            "disciplines": ["mining", "ecology"],
            "full_time": "on",
            "active": "on",
        },
    )
    assert response.status_code == 302
    expert = Expert.objects.get(name="孙强")
    assert expert.disciplines == ["mining", "ecology"]
    response = own.post(
        reverse("thirdparty:expert_edit", kwargs={"pk": expert.pk}), {"name": "", "title": "senior"}
    )
    assert response.status_code == 200 and 'id="id_name_errors"' in response.content.decode()
    mine = submitted_self_assessment(world).mine
    response = bureau.post(
        reverse("thirdparty:conflict_create", kwargs={"pk": profile.pk}),
        {
            "expert": expert.pk,
            "kind": "business",
            "mine": mine.pk,
            "start_date": "2026-01-01",
            "end_date": "2025-01-01",
        },
    )
    assert response.status_code == 200 and 'id="id_end_date_errors"' in response.content.decode()
    response = bureau.post(
        reverse("thirdparty:conflict_create", kwargs={"pk": profile.pk}),
        {"expert": expert.pk, "kind": "business", "mine": mine.pk, "start_date": "2025-01-01"},
    )
    assert response.status_code == 302
    record = ConflictRecord.objects.get()
    assert record.enterprise == mine.enterprise
    page = own.get(reverse("thirdparty:agency_detail", kwargs={"pk": profile.pk})).content.decode()
    assert "孙强" in page and mine.name in page
    assert (
        client_for("enterprise")
        .get(reverse("thirdparty:agency_detail", kwargs={"pk": profile.pk}))
        .status_code
        == 404
    )


def test_home_todos_and_navigation(world, client_for):
    assessment, experts = commissioned(world)
    from greenmine.thirdparty import services

    home = client_for("assessor").get("/").content.decode()
    assert reverse("thirdparty:assessment_list") in home
    assert "?status=commissioned" in home
    services.save_team(
        actor=agency_admin(assessment.agency), assessment=assessment, experts=experts, leader=experts[0]
    )
    page = client_of(experts[2].user).get("/").content.decode()
    assert reverse("thirdparty:assessment_declare", kwargs={"pk": assessment.pk}) in page
    submitted_self_assessment(world)
    page = client_for("bureau_staff").get("/").content.decode()
    assert reverse("thirdparty:commission") in page
