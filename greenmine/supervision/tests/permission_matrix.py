"""Permission matrix of supervision (see greenmine.core.testing.matrix).

Fixture: a listed mine of world.orgs["enterprise"] (虎头镇) with a draw, a spot check assigned to the bureau's
staff user as inspector, a rectification order or an annual self-check in the state each route needs. Hulin's
bureau manages; its viewer, the department and the township (the mine's) read; the enterprise reads its own
and answers orders and self-checks; the other enterprise, the exploration unit, the assessor and Mishan's
bureau never learn the records exist (404). Published draws are public.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from greenmine.core.testing.matrix import Route, everyone, signed_in
from greenmine.supervision.tests.helpers import matrix_fixture

NOT_VISIBLE = 404
JSON = "application/json"
# Any bureau opens its create forms (Mishan's bureau creates its own records).
BUREAU_PAGE = {"bureau_admin": 200, "bureau_staff": 200, "other_bureau": 200, "anonymous": 302}
GOVERNMENT_READS = {
    "bureau_admin": 200,
    "bureau_staff": 200,
    "bureau_viewer": 200,
    "department": 200,
    "anonymous": 302,
}
MINE_READERS = {**GOVERNMENT_READS, "township": 200, "enterprise": 200}
# Those who see the record but may not act on it get 403; the rest 404.
SEERS_REFUSED = {"bureau_viewer": 403, "department": 403, "township": 403, "enterprise": 403}
BUREAU_ACTS = {**SEERS_REFUSED, "bureau_admin": 302, "bureau_staff": 302, "anonymous": 302}
DRAW_ACTS = {
    "bureau_admin": 302,
    "bureau_staff": 302,
    "bureau_viewer": 403,
    "department": 403,
    "anonymous": 302,
}
ENTERPRISE_ACTS = {
    **SEERS_REFUSED,
    "bureau_admin": 403,
    "bureau_staff": 403,
    "enterprise": 302,
    "anonymous": 302,
}


def api(expect: dict[str, int], ok: int | None = None) -> dict[str, int]:
    """The same expectations for the API: anonymous gets 401, redirects become the success code."""
    return {r: (401 if r == "anonymous" else (ok if s == 302 and ok else s)) for r, s in expect.items()}


def _k(state: str, key: str):  # noqa: ANN202
    return lambda w: {"pk": matrix_fixture(w, state)[key].pk}


def _today() -> str:
    return timezone.localdate().isoformat()


def _record(w, r):  # noqa: ANN001, ANN202
    return {"result": "passed", "checked_on": _today(), "findings": "符合要求"}


def _decision(w, r):  # noqa: ANN001, ANN202
    return {"decision": "accept", "comment": ""}


def _text(w, r):  # noqa: ANN001, ANN202
    return {"text": "已整改完成"}


def _inspector_data(w, r):  # noqa: ANN001, ANN202
    return {
        "user": w.users["department"].pk,
        "organisation": w.orgs["department"].pk,
        "certificate_no": "黑执法0001",
        "disciplines": "生态环境",
    }


def _check_data(w, r):  # noqa: ANN001, ANN202
    fx = matrix_fixture(w, "inspector")
    return {"mine": fx["mine"].pk, "inspectors": [fx["inspector"].pk]}


def _order_data(w, r):  # noqa: ANN001, ANN202
    return {"mine": matrix_fixture(w, "mine")["mine"].pk, "requirement": "补办安全生产许可证"}


def _upload(w, r):  # noqa: ANN001, ANN202
    from greenmine.assessments.tests.helpers import png_bytes

    return {"file": SimpleUploadedFile("现场.png", png_bytes(), content_type="image/png")}


def _mine_only(w):  # noqa: ANN001, ANN202
    matrix_fixture(w, "mine")
    return {}


API_MINE_READERS = api(MINE_READERS)
API_BUREAU_ACTS = api(BUREAU_ACTS, ok=200)
API_ENTERPRISE_ACTS = api(ENTERPRISE_ACTS, ok=200)
API_CREATES = {"bureau_admin": 201, "bureau_staff": 201, "anonymous": 401}

ROUTES = [
    # Pages: inspectors
    Route("supervision:inspector_list", signed_in(200)),
    Route("supervision:inspector_create", BUREAU_PAGE),
    Route(
        "supervision:inspector_edit",
        {**BUREAU_PAGE, "bureau_viewer": 403, "department": 403, "other_bureau": 404},
        default=NOT_VISIBLE,
        kwargs=_k("inspector", "inspector"),
    ),
    # Pages: draws
    Route("supervision:draw_list", signed_in(200)),
    Route("supervision:draw_create", BUREAU_PAGE),
    Route(
        "supervision:draw_detail", GOVERNMENT_READS, default=NOT_VISIBLE, kwargs=_k("draw_created", "draw")
    ),
    Route(
        "supervision:draw_run",
        DRAW_ACTS,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("draw_created", "draw"),
    ),
    Route(
        "supervision:draw_publish",
        DRAW_ACTS,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("draw_drawn", "draw"),
    ),
    Route("supervision:public_draw_list", everyone(200)),
    Route("supervision:public_draw_detail", everyone(200), kwargs=_k("draw_published", "draw")),
    # Pages: spot checks
    Route("supervision:check_list", signed_in(200)),
    Route("supervision:check_create", BUREAU_PAGE, kwargs=_mine_only),
    Route("supervision:check_detail", MINE_READERS, default=NOT_VISIBLE, kwargs=_k("check_pending", "check")),
    Route(
        "supervision:check_record",
        BUREAU_ACTS,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("check_pending", "check"),
        data=_record,
    ),
    # Pages: rectification orders
    Route("supervision:order_list", signed_in(200)),
    Route("supervision:order_create", BUREAU_PAGE, kwargs=_mine_only),
    Route("supervision:order_detail", MINE_READERS, default=NOT_VISIBLE, kwargs=_k("order_open", "order")),
    Route(
        "supervision:order_reply",
        ENTERPRISE_ACTS,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("order_open", "order"),
        data=_text,
    ),
    Route(
        "supervision:order_verify",
        BUREAU_ACTS,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("order_replied", "order"),
        data=_decision,
    ),
    # Pages: annual self-checks
    Route("supervision:selfcheck_list", signed_in(200)),
    Route(
        "supervision:selfcheck_detail",
        MINE_READERS,
        default=NOT_VISIBLE,
        kwargs=_k("selfcheck_open", "selfcheck"),
    ),
    Route(
        "supervision:selfcheck_submit",
        ENTERPRISE_ACTS,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("selfcheck_open", "selfcheck"),
        data=_text,
    ),
    Route(
        "supervision:selfcheck_review",
        BUREAU_ACTS,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("selfcheck_submitted", "selfcheck"),
        data=_decision,
    ),
    # API: inspectors
    Route("supervision-inspector-list", signed_in(200, anonymous=401)),
    Route(
        "supervision-inspector-list",
        API_CREATES,
        method="post",
        data=_inspector_data,
        content_type=JSON,
        label="POST supervision-inspector-list (add)",
    ),
    Route(
        "supervision-inspector-detail",
        api(GOVERNMENT_READS),
        default=NOT_VISIBLE,
        kwargs=_k("inspector", "inspector"),
    ),
    Route(
        "supervision-inspector-detail",
        {"bureau_admin": 200, "bureau_staff": 200, "bureau_viewer": 403, "department": 403, "anonymous": 401},
        default=NOT_VISIBLE,
        method="patch",
        kwargs=_k("inspector", "inspector"),
        data=lambda w, r: {"disciplines": "矿产资源"},
        content_type=JSON,
        label="PATCH supervision-inspector-detail",
    ),
    # API: draws (published ones are public)
    Route("supervision-draw-list", everyone(200)),
    Route(
        "supervision-draw-list",
        {**API_CREATES, "other_bureau": 201},
        method="post",
        data=lambda w, r: {"title": "抽查", "year": 2026, "sample_count": 1},
        content_type=JSON,
        label="POST supervision-draw-list (create)",
    ),
    Route("supervision-draw-detail", everyone(200), kwargs=_k("draw_published", "draw")),
    Route(
        "supervision-draw-draw",
        api(DRAW_ACTS, ok=200),
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("draw_created", "draw"),
    ),
    Route(
        "supervision-draw-publish",
        api(DRAW_ACTS, ok=200),
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("draw_drawn", "draw"),
    ),
    # API: spot checks
    Route("supervision-spot-check-list", signed_in(200, anonymous=401)),
    Route(
        "supervision-spot-check-list",
        {**API_CREATES, "bureau_viewer": 403, "department": 403},
        default=NOT_VISIBLE,
        method="post",
        data=_check_data,
        content_type=JSON,
        label="POST supervision-spot-check-list (order)",
    ),
    Route(
        "supervision-spot-check-detail",
        API_MINE_READERS,
        default=NOT_VISIBLE,
        kwargs=_k("check_pending", "check"),
    ),
    Route(
        "supervision-spot-check-record",
        API_BUREAU_ACTS,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("check_pending", "check"),
        data=_record,
        content_type=JSON,
    ),
    Route(
        "supervision-spot-check-evidence",
        api(BUREAU_ACTS, ok=201),
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("check_pending", "check"),
        data=_upload,
    ),
    # API: rectification orders
    Route("supervision-rectification-order-list", signed_in(200, anonymous=401)),
    Route(
        "supervision-rectification-order-list",
        API_CREATES,
        default=403,  # a listed mine is public: everyone sees it, only Hulin's bureau issues
        method="post",
        data=_order_data,
        content_type=JSON,
        label="POST supervision-rectification-order-list (issue)",
    ),
    Route(
        "supervision-rectification-order-detail",
        API_MINE_READERS,
        default=NOT_VISIBLE,
        kwargs=_k("order_open", "order"),
    ),
    Route(
        "supervision-rectification-order-reply",
        API_ENTERPRISE_ACTS,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("order_open", "order"),
        data=_text,
        content_type=JSON,
    ),
    Route(
        "supervision-rectification-order-verify",
        API_BUREAU_ACTS,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("order_replied", "order"),
        data=lambda w, r: {"accepted": True},
        content_type=JSON,
    ),
    # API: annual self-checks
    Route("supervision-self-check-list", signed_in(200, anonymous=401)),
    Route(
        "supervision-self-check-detail",
        API_MINE_READERS,
        default=NOT_VISIBLE,
        kwargs=_k("selfcheck_open", "selfcheck"),
    ),
    Route(
        "supervision-self-check-submit",
        API_ENTERPRISE_ACTS,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("selfcheck_open", "selfcheck"),
        data=_text,
        content_type=JSON,
    ),
    Route(
        "supervision-self-check-review",
        API_BUREAU_ACTS,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("selfcheck_submitted", "selfcheck"),
        data=lambda w, r: {"accepted": True},
        content_type=JSON,
    ),
]
