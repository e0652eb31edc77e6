"""The API walks a draw, a failed check, the reply and the verification; every write is in the audit log."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

from greenmine.core.models import AuditEvent
from greenmine.supervision.models import RectificationOrder, SpotCheck
from greenmine.supervision.tests.helpers import inspectors, listed_mine, open_self_check, upload

pytestmark = pytest.mark.django_db
API = "/api/v1/supervision"


def _client(user) -> APIClient:  # noqa: ANN001
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_draw_check_order_walk(world) -> None:  # noqa: ANN001
    mine = listed_mine(world)
    inspectors(world)
    bureau = _client(world.users["bureau_admin"])
    created = bureau.post(f"{API}/draws/", {"title": "抽查", "year": 2026, "sample_count": 1}, format="json")
    assert created.status_code == 201 and len(created.data["seed"]) == 32 and created.data["selection"] == []
    pk = created.data["id"]
    assert APIClient().get(f"{API}/draws/{pk}/").status_code == 404  # not public before publishing
    drawn = bureau.post(f"{API}/draws/{pk}/draw/")
    assert drawn.status_code == 200 and drawn.data["selection"][0]["mine"] == f"M{mine.pk}"
    again = bureau.post(f"{API}/draws/{pk}/draw/")
    assert again.status_code == 400 and "status" in again.data
    assert bureau.post(f"{API}/draws/{pk}/publish/").status_code == 200
    public = APIClient().get(f"{API}/draws/{pk}/")
    assert public.status_code == 200 and public.data["seed"] == created.data["seed"]

    check = SpotCheck.objects.get(draw_id=pk)
    inspector = _client(world.users["bureau_staff"])
    photo = inspector.post(f"{API}/spot-checks/{check.pk}/evidence/", {"file": upload()}, format="multipart")
    assert photo.status_code == 201
    missing = inspector.post(
        f"{API}/spot-checks/{check.pk}/record/",
        {"result": "failed", "checked_on": "2026-08-31"},
        format="json",
    )
    assert missing.status_code == 400 and "findings" in missing.data
    recorded = inspector.post(
        f"{API}/spot-checks/{check.pk}/record/",
        {
            "result": "failed",
            "checked_on": "2026-08-31",
            "findings": "未复绿",
            "evidence": [photo.data["id"]],
        },
        format="json",
    )
    assert recorded.status_code == 200 and recorded.data["result"] == "failed"
    assert recorded.data["evidence"] == [photo.data["id"]]
    order = RectificationOrder.objects.get(spot_check=check)
    assert order.deadline == date(2027, 2, 28)

    enterprise = _client(world.users["enterprise"])
    listed = enterprise.get(f"{API}/rectification-orders/")
    assert [o["id"] for o in listed.data["results"]] == [order.pk]
    assert _client(world.users["enterprise_other"]).get(f"{API}/rectification-orders/").data["results"] == []
    replied = enterprise.post(
        f"{API}/rectification-orders/{order.pk}/reply/",
        {"text": "已复绿", "files": [upload()]},
        format="multipart",
    )
    assert replied.status_code == 200 and replied.data["status"] == "replied"
    assert len(replied.data["replies"][0]["evidence"]) == 1
    rejected = bureau.post(
        f"{API}/rectification-orders/{order.pk}/verify/", {"accepted": False}, format="json"
    )
    assert rejected.status_code == 400 and "comment" in rejected.data
    verified = bureau.post(
        f"{API}/rectification-orders/{order.pk}/verify/", {"accepted": True}, format="json"
    )
    assert verified.status_code == 200 and verified.data["status"] == "verified"

    actions = set(
        AuditEvent.objects.filter(action__startswith="supervision.").values_list("action", flat=True)
    )
    assert {
        "supervision.draw_created",
        "supervision.draw_made",
        "supervision.draw_refused",
        "supervision.draw_published",
        "supervision.spot_check_recorded",
        "supervision.rectification_issued",
        "supervision.rectification_replied",
        "supervision.rectification_verified",
    } <= actions


def test_self_check_api(world) -> None:  # noqa: ANN001
    check = open_self_check(world, listed_mine(world))
    enterprise = _client(world.users["enterprise"])
    submitted = enterprise.post(f"{API}/self-checks/{check.pk}/submit/", {"text": "自查报告"}, format="json")
    assert submitted.status_code == 200 and submitted.data["status"] == "submitted"
    returned = _client(world.users["bureau_staff"]).post(
        f"{API}/self-checks/{check.pk}/review/", {"accepted": False, "comment": "补充照片"}, format="json"
    )
    assert returned.status_code == 200 and returned.data["status"] == "returned"
    assert returned.data["reports"][0]["comment"] == "补充照片"
