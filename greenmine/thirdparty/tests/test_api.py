"""The /api/v1/thirdparty/ routes: every step through services, the broken team rules named in 400s."""

from __future__ import annotations

from decimal import Decimal

from rest_framework.test import APIClient

from greenmine.core.models import AuditEvent
from greenmine.thirdparty.services_review import standard_for
from greenmine.thirdparty.tests.helpers import (
    agency_admin,
    agency_with_experts,
    commissioned,
    completed_assessment,
    letter_upload,
    self_answers,
    submitted_self_assessment,
)

BASE = "/api/v1/thirdparty/assessments/"


def api(user) -> APIClient:  # noqa: ANN001
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_whole_flow_through_the_api(world):
    self_assessment = submitted_self_assessment(world)
    agency, experts = agency_with_experts(world)
    bureau = api(world.users["bureau_admin"])
    response = bureau.post(
        BASE,
        {"self_assessment": self_assessment.pk, "agency": agency.pk, "assessment_date": "2026-06-15"},
        format="json",
    )
    assert response.status_code == 201, response.data
    pk = response.data["id"]
    assert response.data["status"] == "commissioned"
    admin = api(agency_admin(agency))
    response = admin.post(f"{BASE}{pk}/team/", {"experts": [e.pk for e in experts[2:]]}, format="json")
    assert response.status_code == 400
    assert response.data["broken"] == ["min_members", "min_senior", "one_leader"]
    assert len(response.data["members"]) == 3
    response = admin.post(
        f"{BASE}{pk}/team/", {"experts": [e.pk for e in experts], "leader": experts[0].pk}, format="json"
    )
    assert response.status_code == 200, response.data
    leader = api(experts[0].user)
    assert leader.get(f"{BASE}{pk}/scores/").status_code == 403
    for expert in experts:
        response = api(expert.user).post(f"{BASE}{pk}/declare/", {"text": "无利益冲突"}, format="json")
        assert response.status_code == 200, response.data
    assert response.data["status"] == "in_review"
    from greenmine.thirdparty.models import ThirdPartyAssessment

    assessment = ThirdPartyAssessment.objects.get(pk=pk)
    standard = standard_for(assessment)
    leaf = standard.leaves()[0]
    answers = self_answers(assessment)
    response = leader.post(
        f"{BASE}{pk}/scores/",
        {"indicator_id": leaf.id, "answer": answers[leaf.id], "finding": "x"},
        format="json",
    )
    assert response.status_code == 400
    for prerequisite in standard.prerequisites:
        response = leader.post(
            f"{BASE}{pk}/prerequisites/", {"indicator_id": prerequisite.id, "holds": True}, format="json"
        )
        assert response.status_code == 201, response.data
    for veto in standard.vetoes:
        response = leader.post(
            f"{BASE}{pk}/vetoes/", {"indicator_id": veto.id, "occurred": False}, format="json"
        )
        assert response.status_code == 201, response.data
    response = leader.post(f"{BASE}{pk}/site-visit/", {"visit_date": "2026-06-15", "attendees": "评估组"})
    assert response.status_code == 400
    assert "commitment_letter" in response.data
    response = leader.post(
        f"{BASE}{pk}/site-visit/",
        {"visit_date": "2026-06-15", "attendees": "评估组", "commitment_letter": letter_upload()},
        format="multipart",
    )
    assert response.status_code == 201, response.data
    for leaf in standard.leaves():
        response = leader.post(
            f"{BASE}{pk}/scores/",
            {"indicator_id": leaf.id, "answer": answers[leaf.id], "finding": "一致"},
            format="json",
        )
        assert response.status_code == 201, response.data
    response = leader.post(f"{BASE}{pk}/complete/", {"conclusion": "达标"}, format="json")
    assert response.status_code == 200, response.data
    assert response.data["status"] == "completed"
    assert Decimal(response.data["total_score"]) == assessment.self_total
    comparison = bureau.get(f"{BASE}{pk}/comparison/")
    assert comparison.status_code == 200
    assert len(comparison.data) == len(standard.leaves())
    actions = set(AuditEvent.objects.filter(object_id=str(pk)).values_list("action", flat=True))
    assert {
        "thirdparty.commissioned",
        "thirdparty.team_saved",
        "thirdparty.declared",
        "thirdparty.prerequisite_verified",
        "thirdparty.veto_verified",
        "thirdparty.site_visit_recorded",
        "thirdparty.indicator_scored",
        "thirdparty.completed",
    } <= actions


def test_other_county_and_other_enterprise_see_nothing(world):
    assessment = completed_assessment(world)
    for role in ("other_bureau", "enterprise_other", "township"):
        client = api(world.users[role])
        assert client.get(f"{BASE}{assessment.pk}/").status_code == 404
        assert client.get(BASE).data["count"] == 0


def test_draw_refused_then_done_with_the_same_seed(world):
    assessment, experts = commissioned(world)
    admin = api(agency_admin(assessment.agency))
    response = admin.post(f"{BASE}{assessment.pk}/draw/", {"k": 6}, format="json")
    assert response.status_code == 400
    assessment.refresh_from_db()
    seed = assessment.draw_seed
    assert len(seed) == 32
    response = admin.post(f"{BASE}{assessment.pk}/draw/", {"k": 5}, format="json")
    assert response.status_code == 200
    assert response.data["draw_seed"] == seed
    assert sorted(response.data["draw_result"]) == sorted(str(e.pk) for e in experts)
    refused = AuditEvent.objects.filter(action="thirdparty.team_draw_refused", object_id=str(assessment.pk))
    assert refused.count() == 1
    assert refused.get().changes["after"]["k"] == 6


def test_the_agency_does_not_read_the_self_total_before_declaring(world):
    from greenmine.thirdparty.tests.helpers import team_formed

    assessment, experts = team_formed(world)
    member = api(experts[1].user)
    assert member.get(f"{BASE}{assessment.pk}/").data["self_total"] is None
    assert member.get(f"{BASE}{assessment.pk}/comparison/").status_code == 403
    bureau = api(world.users["bureau_admin"])
    assert bureau.get(f"{BASE}{assessment.pk}/").data["self_total"] is not None


def test_the_agency_records_its_conflict_with_a_mine_it_is_commissioned_for(world):
    assessment, experts = commissioned(world)
    admin = api(agency_admin(assessment.agency))
    body = {
        "agency": assessment.agency.pk,
        "expert": experts[3].pk,
        "mine": assessment.mine.pk,
        "kind": "affiliation",
    }
    response = admin.post("/api/v1/thirdparty/conflicts/", body, format="json")
    assert response.status_code == 201, response.data
    response = admin.post(
        f"{BASE}{assessment.pk}/team/",
        {"experts": [e.pk for e in experts], "leader": experts[0].pk},
        format="json",
    )
    assert response.status_code == 400
    assert response.data["broken"] == ["conflict"]
    assert experts[3].name in response.data["members"][0]
    other = submitted_self_assessment(world)
    body["mine"] = other.mine.pk
    assert admin.post("/api/v1/thirdparty/conflicts/", body, format="json").status_code == 404
