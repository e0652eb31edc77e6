"""Permission matrix of the green-mine list (see greenmine.core.testing.matrix).

Fixture: a mine of world.orgs["enterprise"] (虎头镇) carried by the real services to the state each route
needs. The bureau of Hulin acts (staff and admins) and reads (viewer); Hulin's department reads reviews and
answers the opinion requests addressed to it; the enterprise reads its own mine's review, recommendation and
listing; objections are the bureau's alone. Notices, the list and their documents are public. Everyone else
never learns the others exist (404).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from greenmine.core.testing.matrix import Route, everyone, signed_in

NOT_VISIBLE = 404
BUREAU_READS = {"bureau_admin": 200, "bureau_staff": 200, "bureau_viewer": 200}
REVIEW_READERS = {**BUREAU_READS, "department": 200, "enterprise": 200, "anonymous": 302}
# Acting on a review or recommendation: bureau staff and admins; those who read it are refused (403).
ACTS_PAGE = {
    "bureau_admin": 200,
    "bureau_staff": 200,
    "bureau_viewer": 403,
    "department": 403,
    "enterprise": 403,
    "anonymous": 302,
}
# Another county's bureau gets the (empty) form: nothing of Hulin's is offered to it.
BUREAU_WRITER_PAGE = {"bureau_admin": 200, "bureau_staff": 200, "other_bureau": 200, "anonymous": 302}
OPINION_READERS = {**BUREAU_READS, "department": 200, "anonymous": 302}
OBJECTION_ACTS = {"bureau_admin": 200, "bureau_staff": 200, "bureau_viewer": 403, "anonymous": 302}


def api(expect: dict[str, int], ok: int | None = None) -> dict[str, int]:
    """The same expectations for the API: anonymous gets 401, page successes become `ok`."""
    return {r: (401 if r == "anonymous" else (ok if s == 200 and ok else s)) for r, s in expect.items()}


def _fixture(world: Any, state: str) -> dict[str, Any]:
    from greenmine.listing import services
    from greenmine.listing.tests import helpers

    if state == "open":
        return {"review": helpers.open_review(world)}
    if state == "requested":
        review = helpers.open_review(world)
        opinion = services.request_opinion(
            actor=world.users["bureau_staff"], review=review, department=world.orgs["department"]
        )
        return {"review": review, "opinion": opinion}
    if state == "completed":
        return {"assessment": helpers.completed(world)}
    review = helpers.recommended_review(world)
    if state == "recommended":
        return {"review": review}
    if state == "running":
        notice = helpers.published_notice(world, [review])
        objection = services.submit_objection(
            notice=notice, review=review, name="张三", contact="13800000000", content="扬尘"
        )
        return {"review": review, "notice": notice, "objection": objection}
    notice = helpers.closed(
        helpers.published_notice(world, [review], starts_on=timezone.localdate() - timedelta(days=60))
    )
    if state == "closed":
        return {"review": review, "notice": notice}
    recommendation = services.recommend_upward(
        actor=world.users["bureau_staff"],
        review=review,
        level="provincial",
        recommended_on=notice.ends_on + timedelta(days=1),
        document_no="虎自然资发〔2026〕8号",
    )
    if state == "recommendation":
        return {"recommendation": recommendation}
    services.record_decision(
        actor=world.users["bureau_staff"],
        recommendation=recommendation,
        listed=True,
        decided_on=notice.ends_on + timedelta(days=5),
        document_no="黑自然资公告〔2026〕3号",
    )
    return {"listing": recommendation.listings.get()}


def _k(state: str, key: str, **extra: Any):  # noqa: ANN202
    return lambda w: {"pk": _fixture(w, state)[key].pk, **extra}


def _mine_of_listing(w):  # noqa: ANN001, ANN202
    return {"pk": _fixture(w, "listing")["listing"].mine_id}


def _receipt(w):  # noqa: ANN001, ANN202
    return {"code": _fixture(w, "running")["objection"].receipt_code}


def _objection_post(w, role):  # noqa: ANN001, ANN202
    from greenmine.listing.models import Review

    review = Review.objects.filter(notice__isnull=False).order_by("-pk").first()
    return {"review": review.pk, "name": "李四", "contact": "0467-1234567", "content": "噪声扰民"}


def _public_objection_post(w, role):  # noqa: ANN001, ANN202
    from greenmine.listing.models import Review

    review = Review.objects.filter(notice__isnull=False).order_by("-pk").first()
    return {
        "notice": review.notice_id,
        "review": review.pk,
        "name": "李四",
        "contact": "1",
        "content": "噪声",
    }


def _running_notice(w):  # noqa: ANN001, ANN202
    return {"pk": _fixture(w, "running")["notice"].pk}


def _open_review_post(w, role):  # noqa: ANN001, ANN202
    from greenmine.thirdparty.models import ThirdPartyAssessment

    return {"assessment": ThirdPartyAssessment.objects.order_by("-pk").first().pk}


def _notice_post(w, role):  # noqa: ANN001, ANN202
    from greenmine.listing.models import Review

    return {
        "title": "公示",
        "document_no": "虎自然资公示〔2026〕9号",
        "starts_on": timezone.localdate().isoformat(),
        "reviews": [Review.objects.order_by("-pk").first().pk],
    }


def _recommended_only(w):  # noqa: ANN001, ANN202
    _fixture(w, "recommended")
    return {}


def _completed_only(w):  # noqa: ANN001, ANN202
    _fixture(w, "completed")
    return {}


def _baseline_post(world: Any, role: str) -> dict[str, Any]:
    """A mine of world's enterprise that is not on any list yet, to record its listing (the baseline)."""
    from greenmine.registry.tests.factories import make_mine

    mine = make_mine(world.users["bureau_admin"], world.orgs["enterprise"], world.orgs["township"])
    return {
        "mine": mine.pk,
        "level": "provincial",
        "listed_on": (timezone.localdate() - timedelta(days=300)).isoformat(),
        "document_no": "黑自然资公告〔2025〕12号",
    }


JSON = "application/json"
DECISION = {"decision": "recommend", "reasons": "材料齐全", "document_no": "虎自然资审〔2026〕5号"}
HIGHER = {
    "listed": True,
    "decided_on": timezone.localdate().isoformat(),
    "document_no": "黑自然资公告〔2026〕7号",
}

ROUTES = [
    # Pages: reviews and opinions
    Route("listing:review_list", signed_in(200)),
    Route("listing:review_open", BUREAU_WRITER_PAGE),
    Route("listing:review_detail", REVIEW_READERS, default=NOT_VISIBLE, kwargs=_k("open", "review")),
    Route("listing:opinion_request", ACTS_PAGE, default=NOT_VISIBLE, kwargs=_k("open", "review")),
    Route("listing:review_decide", ACTS_PAGE, default=NOT_VISIBLE, kwargs=_k("open", "review")),
    Route(
        "listing:review_decide",
        {**ACTS_PAGE, "bureau_admin": 302, "bureau_staff": 302},
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("open", "review"),
        data=lambda w, r: DECISION,
        label="POST listing:review_decide",
    ),
    Route("listing:recommend", ACTS_PAGE, default=NOT_VISIBLE, kwargs=_k("closed", "review")),
    Route("listing:opinion_list", signed_in(200)),
    Route("listing:opinion_answer", OPINION_READERS, default=NOT_VISIBLE, kwargs=_k("requested", "opinion")),
    Route(
        "listing:opinion_answer",
        {"department": 302, **{r: 403 for r in BUREAU_READS}, "anonymous": 302},
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("requested", "opinion"),
        data=lambda w, r: {"answer": "agree", "answer_text": ""},
        label="POST listing:opinion_answer",
    ),
    # Pages: notices and objections
    Route("listing:notice_list", signed_in(200)),
    Route("listing:notice_create", BUREAU_WRITER_PAGE, kwargs=lambda w: {}),
    Route("listing:notice_detail", signed_in(200), kwargs=_running_notice),
    Route("listing:notice_download", everyone(200), kwargs=lambda w: {**_running_notice(w), "fmt": "docx"}),
    Route("listing:objection_answer", OBJECTION_ACTS, default=NOT_VISIBLE, kwargs=_k("running", "objection")),
    # Pages: recommendations, the list, history
    Route("listing:recommendation_list", signed_in(200)),
    Route(
        "listing:recommendation_decide",
        ACTS_PAGE,
        default=NOT_VISIBLE,
        kwargs=_k("recommendation", "recommendation"),
    ),
    Route("listing:listing_list", signed_in(200)),
    Route("listing:listing_record_existing", {**BUREAU_WRITER_PAGE, "bureau_viewer": 403}),
    Route(
        "listing:listing_record_existing",
        # Another county's bureau is offered none of Hulin's mines: its form comes back with the error.
        {"bureau_admin": 302, "bureau_staff": 302, "other_bureau": 200, "anonymous": 302},
        method="post",
        data=_baseline_post,
        label="POST listing:listing_record_existing",
    ),
    Route("listing:listing_detail", signed_in(200), kwargs=_k("listing", "listing")),
    Route(
        "listing:listing_remove",
        {"bureau_admin": 200, "bureau_staff": 200, "anonymous": 302},
        kwargs=_k("listing", "listing"),
    ),
    Route("listing:listing_download", everyone(200), kwargs=_k("listing", "listing", fmt="docx")),
    Route("listing:mine_history", signed_in(200), kwargs=_mine_of_listing),
    # Public pages
    Route("listing:public_notices", everyone(200)),
    Route("listing:public_notice", everyone(200), kwargs=_running_notice),
    Route(
        "listing:public_notice",
        everyone(200),
        method="post",
        kwargs=_running_notice,
        data=_objection_post,
        label="POST listing:public_notice",
    ),
    Route("listing:objection_follow", everyone(200), query="code=ABCD-EFGH-JKLM-NPQR"),
    Route("listing:public_list", everyone(200)),
    # API: reviews
    Route("listing-review-list", signed_in(200, anonymous=401)),
    Route(
        "listing-review-list",
        {**api(ACTS_PAGE, ok=201), "assessor": 403},  # the agency and the enterprise see the assessment
        default=NOT_VISIBLE,
        method="post",
        kwargs=_completed_only,
        content_type=JSON,
        data=_open_review_post,
        label="POST listing-review-list",
    ),
    Route("listing-review-detail", api(REVIEW_READERS), default=NOT_VISIBLE, kwargs=_k("open", "review")),
    Route(
        "listing-review-opinions",
        api(ACTS_PAGE, ok=201),
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("open", "review"),
        content_type=JSON,
        data=lambda w, r: {"department": w.orgs["department"].pk},
    ),
    Route(
        "listing-review-decide",
        api(ACTS_PAGE),
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("open", "review"),
        content_type=JSON,
        data=lambda w, r: DECISION,
    ),
    Route(
        "listing-review-recommend",
        api(ACTS_PAGE, ok=201),
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("closed", "review"),
        content_type=JSON,
        data=lambda w, r: {
            "level": "provincial",
            "recommended_on": timezone.localdate().isoformat(),
            "document_no": "虎自然资发〔2026〕8号",
        },
    ),
    # API: opinions
    Route("listing-opinion-list", signed_in(200, anonymous=401)),
    Route(
        "listing-opinion-detail", api(OPINION_READERS), default=NOT_VISIBLE, kwargs=_k("requested", "opinion")
    ),
    Route(
        "listing-opinion-answer",
        {"department": 200, **{r: 403 for r in BUREAU_READS}, "anonymous": 401},
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("requested", "opinion"),
        content_type=JSON,
        data=lambda w, r: {"answer": "agree"},
    ),
    # API: notices and objections
    Route("listing-notice-list", everyone(200)),
    Route(
        "listing-notice-list",
        {"bureau_admin": 201, "bureau_staff": 201, "other_bureau": 400, "anonymous": 401},
        method="post",
        kwargs=_recommended_only,
        content_type=JSON,
        data=_notice_post,
        label="POST listing-notice-list",
    ),
    Route("listing-notice-detail", everyone(200), kwargs=_running_notice),
    Route("listing-notice-document", everyone(200), kwargs=_running_notice, query="kind=docx"),
    Route("listing-objection-list", signed_in(200, anonymous=401)),
    Route(
        "listing-objection-detail",
        {**BUREAU_READS, "anonymous": 401},
        default=NOT_VISIBLE,
        kwargs=_k("running", "objection"),
    ),
    Route(
        "listing-objection-answer",
        api(OBJECTION_ACTS),
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("running", "objection"),
        content_type=JSON,
        data=lambda w, r: {"answer": "已核实"},
    ),
    Route(
        "listing-public-objection",
        everyone(201),
        method="post",
        kwargs=lambda w: (_fixture(w, "running"), {})[1],
        content_type=JSON,
        data=_public_objection_post,
    ),
    Route("listing-public-receipt", everyone(200), kwargs=_receipt),
    # API: recommendations and the list
    Route("listing-recommendation-list", signed_in(200, anonymous=401)),
    Route(
        "listing-recommendation-detail",
        api(REVIEW_READERS),
        default=NOT_VISIBLE,
        kwargs=_k("recommendation", "recommendation"),
    ),
    Route(
        "listing-recommendation-decide",
        api(ACTS_PAGE),
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("recommendation", "recommendation"),
        content_type=JSON,
        data=lambda w, r: HIGHER,
    ),
    Route("listing-listing-list", everyone(200)),
    Route(
        "listing-listing-list",
        {
            "bureau_admin": 201,
            "bureau_staff": 201,
            "bureau_viewer": 403,
            "department": 403,
            "township": 403,
            "enterprise": 403,
            "anonymous": 401,
        },
        default=NOT_VISIBLE,
        method="post",
        content_type=JSON,
        data=_baseline_post,
        label="POST listing-listing-list",
    ),
    Route("listing-listing-detail", everyone(200), kwargs=_k("listing", "listing")),
    Route("listing-listing-document", everyone(200), kwargs=_k("listing", "listing"), query="kind=docx"),
    Route(
        "listing-listing-remove",
        {"bureau_admin": 200, "bureau_staff": 200, "anonymous": 401},
        method="post",
        kwargs=_k("listing", "listing"),
        content_type=JSON,
        data=lambda w, r: {"reasons": "重大安全事故", "document_no": "黑自然资公告〔2026〕9号"},
    ),
]
