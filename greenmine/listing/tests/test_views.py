"""The listing pages and API: public pages without sign-in, the objection form and receipt, privacy of the
objector, documents, and the flow through the API."""

from __future__ import annotations

import io
import json
import subprocess
from datetime import timedelta
from pathlib import Path

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from greenmine.listing import services
from greenmine.listing.choices import ObjectionStatus
from greenmine.listing.models import Objection
from greenmine.listing.tests.helpers import closed, completed, listed, published_notice, recommended_review

NAME, CONTACT = "王秘密", "13912345678"


def _running(world):  # noqa: ANN001, ANN202
    review = recommended_review(world)
    notice = published_notice(world, [review])
    return review, notice


def test_anonymous_objects_keeps_typed_input_on_error_and_gets_a_receipt(world) -> None:  # noqa: ANN001
    review, notice = _running(world)
    client = Client()
    url = reverse("listing:public_notice", args=[notice.pk])
    page = client.get(url)
    assert page.status_code == 200 and review.mine.name in page.content.decode()
    bad = client.post(url, {"review": review.pk, "name": NAME, "contact": "", "content": "扬尘严重"})
    html = bad.content.decode()
    assert bad.status_code == 200 and "扬尘严重" in html and NAME in html
    assert 'data-testid="error-contact"' in html
    ok = client.post(url, {"review": review.pk, "name": NAME, "contact": CONTACT, "content": "扬尘严重"})
    objection = Objection.objects.get()
    assert objection.receipt_code in ok.content.decode()
    follow = client.get(
        reverse("listing:objection_follow"), {"code": objection.receipt_code.lower().replace("-", " ")}
    )
    text = follow.content.decode()
    assert 'data-status="pending"' in text and NAME not in text and CONTACT not in text
    services.answer_objection(
        actor=world.users["bureau_staff"], objection=objection, answer="已现场核实并督促整改"
    )
    text = client.get(reverse("listing:objection_follow"), {"code": objection.receipt_code}).content.decode()
    assert 'data-status="answered"' in text and "已现场核实并督促整改" in text
    unknown = client.get(
        reverse("listing:objection_follow"), {"code": "AAAA-BBBB-CCCC-DDDD"}
    ).content.decode()
    assert 'data-testid="receipt-unknown"' in unknown


def test_objector_identity_is_never_public_nor_shown_to_non_bureau_users(world, client_for) -> None:  # noqa: ANN001
    review, notice = _running(world)
    objection = services.submit_objection(
        notice=notice, review=review, name=NAME, contact=CONTACT, content="噪声"
    )
    public_urls = [
        reverse("listing:public_notices"),
        reverse("listing:public_notice", args=[notice.pk]),
        reverse("listing:objection_follow") + f"?code={objection.receipt_code}",
        f"/api/v1/listing/notices/{notice.pk}/",
        f"/api/v1/listing/public/receipts/{objection.receipt_code}/",
        f"/api/v1/listing/notices/{notice.pk}/document/?kind=docx",
    ]
    for role in ("anonymous", "department", "enterprise", "township", "other_bureau"):
        client = client_for(role)
        for url in [
            *public_urls,
            reverse("listing:notice_detail", args=[notice.pk]),
            "/api/v1/listing/objections/",
            f"/api/v1/listing/objections/{objection.pk}/",
        ]:
            body = client.get(url).content
            if url.endswith("kind=docx"):
                body = _docx_text(body).encode()
            text = body.decode(errors="ignore")
            assert NAME not in text and CONTACT not in text, (role, url)
    # The bureau sees them, on its notice page and in its API.
    bureau = client_for("bureau_viewer")
    assert NAME in bureau.get(reverse("listing:notice_detail", args=[notice.pk])).content.decode()
    assert bureau.get(f"/api/v1/listing/objections/{objection.pk}/").json()["contact"] == CONTACT


def _docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_notice_and_listing_documents_carry_their_document_numbers(world, tmp_path: Path) -> None:  # noqa: ANN001
    listing = listed(world)
    notice = listing.recommendation.review.notice
    client = Client()
    docx = client.get(reverse("listing:notice_download", args=[notice.pk, "docx"]))
    text = _docx_text(docx.content)
    assert notice.document_no in text and listing.mine.name in text and "公示期" in text
    docx = client.get(reverse("listing:listing_download", args=[listing.pk, "docx"]))
    text = _docx_text(docx.content)
    assert "黑自然资公告〔2026〕3号" in text and listing.mine.name in text and "公告" in text
    pdf = client.get(reverse("listing:listing_download", args=[listing.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    path = tmp_path / "l.pdf"
    path.write_bytes(pdf.content)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    assert listing.mine.name in out
    assert client.get(reverse("listing:listing_download", args=[listing.pk, "odt"])).status_code == 404


def test_listed_mine_is_marked_in_the_registry_and_on_the_public_list(world, client_for) -> None:  # noqa: ANN001
    listing = listed(world)
    mine = listing.mine
    public = Client().get(reverse("listing:public_list")).content.decode()
    assert mine.name in public and listing.document_no in public
    detail = client_for("bureau_viewer").get(reverse("registry:mine_detail", args=[mine.pk])).content.decode()
    assert "省级" in detail or "provincial list" in detail.lower()
    # A listed mine is published: the anonymous API shows it, marked.
    assert Client().get(f"/api/v1/mines/{mine.pk}/").json()["green_status"] == "provincial"


def test_the_whole_path_through_the_api(world, client_for) -> None:  # noqa: ANN001
    assessment = completed(world)
    staff = client_for("bureau_staff")
    post = lambda c, url, data: c.post(url, json.dumps(data), content_type="application/json")  # noqa: E731
    review = post(staff, "/api/v1/listing/reviews/", {"assessment": assessment.pk})
    assert review.status_code == 201, review.content
    rid = review.json()["id"]
    opinion = post(
        staff, f"/api/v1/listing/reviews/{rid}/opinions/", {"department": world.orgs["department"].pk}
    )
    assert opinion.status_code == 201
    refused = post(
        staff,
        f"/api/v1/listing/reviews/{rid}/decide/",
        {"decision": "recommend", "reasons": "r", "document_no": "d"},
    )
    assert refused.status_code == 400 and world.orgs["department"].name in json.dumps(
        refused.json(), ensure_ascii=False
    )
    answered = post(
        client_for("department"),
        f"/api/v1/listing/opinions/{opinion.json()['id']}/answer/",
        {"answer": "agree"},
    )
    assert answered.status_code == 200 and answered.json()["answer"] == "agree"
    decided = post(
        staff,
        f"/api/v1/listing/reviews/{rid}/decide/",
        {"decision": "recommend", "reasons": "达标", "document_no": "虎审〔2026〕1号"},
    )
    assert decided.json()["status"] == "recommended"
    start = (timezone.localdate() - timedelta(days=60)).isoformat()
    notice = post(
        staff,
        "/api/v1/listing/notices/",
        {"title": "公示", "document_no": "公示〔2026〕1号", "starts_on": start, "reviews": [rid]},
    )
    assert notice.status_code == 201 and notice.json()["period_days"] == 5
    from greenmine.listing.models import PublicNotice

    closed(PublicNotice.objects.get(pk=notice.json()["id"]))
    rec = post(
        staff,
        f"/api/v1/listing/reviews/{rid}/recommend/",
        {
            "level": "provincial",
            "recommended_on": timezone.localdate().isoformat(),
            "document_no": "推〔2026〕1号",
        },
    )
    assert rec.status_code == 201, rec.content
    done = post(
        staff,
        f"/api/v1/listing/recommendations/{rec.json()['id']}/decide/",
        {"listed": True, "decided_on": timezone.localdate().isoformat(), "document_no": "黑公告〔2026〕1号"},
    )
    assert done.json()["status"] == "listed"
    listings = Client().get("/api/v1/listing/listings/").json()
    assert [item["mine"] for item in listings["results"]] == [assessment.mine_id]


def test_public_objection_api_returns_only_the_receipt(world) -> None:  # noqa: ANN001
    review, notice = _running(world)
    client = Client()
    body = {"notice": notice.pk, "review": review.pk, "name": NAME, "contact": CONTACT, "content": "噪声"}
    missing = client.post(
        "/api/v1/listing/public/objections/",
        json.dumps({**body, "contact": ""}),
        content_type="application/json",
    )
    assert missing.status_code == 400 and "contact" in missing.json()
    made = client.post(
        "/api/v1/listing/public/objections/", json.dumps(body), content_type="application/json"
    )
    assert made.status_code == 201 and set(made.json()) == {"receipt_code"}
    receipt = client.get(f"/api/v1/listing/public/receipts/{made.json()['receipt_code']}/").json()
    assert receipt["status"] == ObjectionStatus.PENDING and NAME not in json.dumps(
        receipt, ensure_ascii=False
    )
    assert client.get("/api/v1/listing/public/receipts/AAAA-BBBB-CCCC-DDDD/").status_code == 404
    closed(notice)
    late = client.post(
        "/api/v1/listing/public/objections/", json.dumps(body), content_type="application/json"
    )
    assert late.status_code == 400


def test_home_page_todos_point_bureau_and_department_to_their_next_step(world, client_for) -> None:  # noqa: ANN001
    review, notice = _running(world)
    services.submit_objection(notice=notice, review=review, name=NAME, contact=CONTACT, content="噪声")
    from greenmine.listing.tests.helpers import open_review

    waiting = open_review(world)
    services.request_opinion(
        actor=world.users["bureau_staff"], review=waiting, department=world.orgs["department"]
    )
    bureau = client_for("bureau_staff").get("/").content.decode()
    assert "待答复的异议" in bureau and "待决定的初审" in bureau  # objections to answer, reviews to decide
    assert "待反馈的意见" in client_for("department").get("/").content.decode()  # opinions to give
    assert "待反馈的意见" not in client_for("enterprise").get("/").content.decode()
    assert "待答复的异议" not in client_for("bureau_viewer").get("/").content.decode()


def test_decide_page_names_the_awaited_department_and_keeps_what_was_typed(world, client_for) -> None:  # noqa: ANN001
    from greenmine.listing.tests.helpers import open_review

    review = open_review(world)
    services.request_opinion(
        actor=world.users["bureau_staff"], review=review, department=world.orgs["department"]
    )
    url = reverse("listing:review_decide", args=[review.pk])
    data = {"decision": "reject", "reasons": "第三方评估与现场不符", "document_no": "虎自然资审〔2026〕7号"}
    page = client_for("bureau_staff").post(url, data)
    html = page.content.decode()
    assert page.status_code == 200 and world.orgs["department"].name in html
    assert 'value="reject" id="id_decision_2" checked' in html and "第三方评估与现场不符" in html
    review.refresh_from_db()
    assert review.status == "open"
