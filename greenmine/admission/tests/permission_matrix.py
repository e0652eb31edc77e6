"""Permission matrix of the admission pages and API (see greenmine.core.testing.matrix).

Fixture: two layers imported by Hulin's bureau admin; a check by Hulin's bureau; a withdrawal case for a
mining right of world.orgs["enterprise"] (虎头镇). Layers and rules are programme-wide bureau data (every
bureau reads them, admins import and configure); checks are the division's (its departments read them);
cases are the division's and the holder's.
"""

from datetime import date

from greenmine.admission import services
from greenmine.admission.models import AdmissionRule
from greenmine.admission.tests.helpers import APP, hulin_layers, licence_text
from greenmine.core.testing.matrix import Route, signed_in
from greenmine.registry.tests.factories import BOUNDARY_44_B, make_mine, make_mining_right

NOT_VISIBLE = 404
JSON = "application/json"
BUREAUS = {
    "bureau_admin": 200,
    "bureau_staff": 200,
    "bureau_viewer": 200,
    "other_bureau": 200,
    "anonymous": 302,
}
BUREAU_ADMINS = {"bureau_admin": 200, "other_bureau": 200, "anonymous": 302}
BUREAU_WRITERS = {"bureau_admin": 200, "bureau_staff": 200, "other_bureau": 200, "anonymous": 302}
BUREAU_WRITERS_POST = {"bureau_admin": 302, "bureau_staff": 302, "other_bureau": 302, "anonymous": 302}
CHECK_READERS = {**BUREAUS, "department": 200}
SEES_CHECK = {
    "bureau_admin": 200,
    "bureau_staff": 200,
    "bureau_viewer": 200,
    "department": 200,
    "anonymous": 302,
}
SEES_CASE = {**SEES_CHECK, "enterprise": 200}
CHANGES_CASE = {
    "bureau_admin": 200,
    "bureau_staff": 200,
    "bureau_viewer": 403,
    "department": 403,
    "enterprise": 403,
    "anonymous": 302,
}
CHANGES_CASE_POST = {**CHANGES_CASE, "bureau_admin": 302, "bureau_staff": 302}
API_SEES_CHECK = {**SEES_CHECK, "anonymous": 401}
API_SEES_CASE = {**SEES_CASE, "anonymous": 401}
API_BUREAUS = {
    "bureau_admin": 200,
    "bureau_staff": 200,
    "bureau_viewer": 200,
    "other_bureau": 200,
    "anonymous": 401,
}


def _layer_pk(w):  # noqa: ANN001, ANN202
    hulin_layers(w.users["bureau_admin"])
    from greenmine.admission.models import ReferenceLayer

    return {"pk": ReferenceLayer.objects.order_by("pk").first().pk}


def _rule_pk(w):  # noqa: ANN001, ANN202
    return {"pk": AdmissionRule.objects.order_by("pk").first().pk}


def _check_pk(w):  # noqa: ANN001, ANN202
    check = services.run_check(actor=w.users["bureau_admin"], boundary=licence_text(APP), right_kind="mining")
    return {"pk": check.pk}


def _report(fmt):  # noqa: ANN001, ANN202
    return lambda w: {**_check_pk(w), "fmt": fmt}


def _case_pk(w):  # noqa: ANN001, ANN202
    admin = w.users["bureau_admin"]
    mine = make_mine(admin, w.orgs["enterprise"], w.orgs["township"])
    right = make_mining_right(admin, mine, BOUNDARY_44_B)
    case = services.open_withdrawal_case(
        actor=admin, right=right, reason="测试退出", deadline=date(2020, 1, 1)
    )
    return {"pk": case.pk}


def _check_data(w, role):  # noqa: ANN001, ANN202
    return {"boundary_text": licence_text(APP), "right_kind": "mining", "application_type": "new"}


ROUTES = [
    Route("admission:layer_list", BUREAUS),
    Route("admission:layer_import", BUREAU_ADMINS),
    Route("admission:layer_detail", BUREAUS, kwargs=_layer_pk),
    Route("admission:rule_list", BUREAUS),
    Route("admission:rule_edit", BUREAU_ADMINS, kwargs=_rule_pk),
    Route("admission:check_list", CHECK_READERS),
    Route("admission:check_create", BUREAU_WRITERS),
    Route(
        "admission:check_create",
        {**BUREAU_WRITERS_POST, "other_bureau": 302},
        method="post",
        data=_check_data,
        label="POST admission:check_create",
    ),
    Route("admission:check_detail", SEES_CHECK, default=NOT_VISIBLE, kwargs=_check_pk),
    Route("admission:check_report", SEES_CHECK, default=NOT_VISIBLE, kwargs=_report("docx")),
    Route(
        "admission:check_report",
        SEES_CHECK,
        default=NOT_VISIBLE,
        kwargs=_report("pdf"),
        label="GET admission:check_report pdf",
    ),
    Route("admission:audit", BUREAUS),
    Route("admission:audit_open", BUREAU_WRITERS_POST, method="post"),
    Route("admission:case_list", signed_in(200)),
    Route("admission:case_detail", SEES_CASE, default=NOT_VISIBLE, kwargs=_case_pk),
    Route("admission:case_edit", CHANGES_CASE, default=NOT_VISIBLE, kwargs=_case_pk),
    Route(
        "admission:case_progress",
        CHANGES_CASE_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_case_pk,
        data=lambda w, r: {"date": "2026-01-05", "percent": "40", "note": "已停产"},
    ),
    Route(
        "admission:case_close",
        CHANGES_CASE_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_case_pk,
        data=lambda w, r: {"note": "已注销"},
    ),
    Route("admission-layer-list", signed_in(200, anonymous=401)),
    Route("admission-layer-detail", API_BUREAUS, default=NOT_VISIBLE, kwargs=_layer_pk),
    Route("admission-rule-list", signed_in(200, anonymous=401)),
    Route("admission-rule-detail", API_BUREAUS, default=NOT_VISIBLE, kwargs=_rule_pk),
    Route("admission-check-list", signed_in(200, anonymous=401)),
    Route(
        "admission-check-list",
        {"bureau_admin": 201, "bureau_staff": 201, "other_bureau": 201, "anonymous": 401},
        method="post",
        content_type=JSON,
        data=_check_data,
        label="POST admission-check-list",
    ),
    Route("admission-check-detail", API_SEES_CHECK, default=NOT_VISIBLE, kwargs=_check_pk),
    Route("admission-case-list", signed_in(200, anonymous=401)),
    Route("admission-case-detail", API_SEES_CASE, default=NOT_VISIBLE, kwargs=_case_pk),
]
