"""Pages: bad input is refused with the reason and nothing typed is lost; no 500 on odd input."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from greenmine.assessments import services
from greenmine.assessments.models import AssessmentItem, ConstructionPlan
from greenmine.core.models import EvidenceFile

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world, mine, hlss):  # noqa: ANN001, ANN201
    return services.start_self_assessment(actor=world.users["enterprise"], mine=mine)


def test_fill_page_and_live_score(draft, client_for) -> None:  # noqa: ANN001
    client = client_for("enterprise")
    assert client.get(reverse("assessments:assessment_fill", kwargs={"pk": draft.pk})).status_code == 200
    url = reverse("assessments:item_save", kwargs={"pk": draft.pk, "indicator_id": "A1.1"})
    response = client.post(url, {"answer": "yes", "token": "0", "remark": "现场核查"})
    body = response.content.decode()
    assert response.status_code == 200 and 'id="score-panel"' in body and "hx-swap-oob" in body
    assert AssessmentItem.objects.get(assessment=draft, indicator_id="A1.1").answer == {"met": True}


def test_bad_number_and_stale_save_are_reported(world, draft, client_for) -> None:  # noqa: ANN001
    client = client_for("enterprise")
    url = reverse("assessments:item_save", kwargs={"pk": draft.pk, "indicator_id": "A3.1"})
    refused = client.post(url, {"answer": "abc", "token": "0"}).content.decode()
    assert "text-danger" in refused and ("Enter a number" in refused or "请输入数字" in refused)
    services.save_item(
        actor=world.users["enterprise"], assessment=draft, indicator_id="A3.1", answer={"value": 90}
    )
    body = client.post(url, {"answer": "70", "token": "0"}).content.decode()
    assert world.users["enterprise"].username in body
    assert AssessmentItem.objects.get(assessment=draft, indicator_id="A3.1").answer == {"value": 90}
    odd = reverse("assessments:item_save", kwargs={"pk": draft.pk, "indicator_id": "ZZ"})
    assert client.post(odd, {"answer": "1"}).status_code == 404


def test_disguised_or_oversized_upload_is_refused_with_reason(draft, client_for, settings) -> None:  # noqa: ANN001
    client = client_for("enterprise")
    url = reverse("assessments:evidence_upload", kwargs={"pk": draft.pk, "indicator_id": "P1"})
    body = client.post(url, {"file": SimpleUploadedFile("photo.png", b"<html><script>x</script>")}).content
    assert "photo.png" in body.decode() and 'role="alert"' in body.decode()
    settings.EVIDENCE_MAX_BYTES = 10
    body = client.post(
        url, {"file": SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"0" * 100)}
    ).content.decode()
    assert "big.pdf" in body and 'role="alert"' in body
    assert not EvidenceFile.objects.exists()


def test_incomplete_submit_lists_what_is_missing(draft, client_for) -> None:  # noqa: ANN001
    client = client_for("enterprise")
    response = client.post(reverse("assessments:assessment_submit", kwargs={"pk": draft.pk}), follow=True)
    text = response.content.decode()
    assert "alert-danger" in text and "P1" in text and "V1" in text


def test_plan_form_keeps_what_was_typed(world, mine, client_for) -> None:  # noqa: ANN001
    client = client_for("enterprise")
    url = reverse("assessments:plan_create") + f"?mine={mine.pk}"
    data = {
        "mine": mine.pk,
        "title": "我的方案",
        "target_year": "1900",
        "targets": "八百分",
        "tasks-TOTAL_FORMS": "1",
        "tasks-INITIAL_FORMS": "0",
        "tasks-0-title": "绿化",
        "tasks-0-owner": "环保部",
        "tasks-0-start_date": "2026-05-01",
        "tasks-0-end_date": "2026-04-01",
        "milestones-TOTAL_FORMS": "1",
        "milestones-INITIAL_FORMS": "0",
    }
    body = client.post(url, data).content.decode()
    assert "我的方案" in body and "八百分" in body and "绿化" in body
    assert not ConstructionPlan.objects.exists()
    assert client.get(reverse("assessments:plan_create") + "?mine=99999999999999999999").status_code == 200
