"""Permission matrix of the core app's pages and API routes (see greenmine.core.testing.matrix)."""

from datetime import date

from greenmine.core import services
from greenmine.core.models import AuditEvent
from greenmine.core.testing.factories import TEST_PASSWORD, make_uscc
from greenmine.core.testing.matrix import Route, everyone, signed_in

HULIN_BUREAU = {"bureau_admin": 200, "bureau_staff": 200, "bureau_viewer": 200}
BUREAU_ADMINS = {"bureau_admin": 200, "other_bureau": 200, "anonymous": 302}
# Who may see the enterprise's organisation record: its own division's government and itself.
SEES_ENTERPRISE = {**HULIN_BUREAU, "department": 200, "enterprise": 200, "anonymous": 302}
NOT_VISIBLE = 404


def _enterprise_org(w):  # noqa: ANN001, ANN202
    return {"pk": w.orgs["enterprise"].pk}


def _enterprise_user(w):  # noqa: ANN001, ANN202
    return {"pk": w.users["enterprise"].pk}


def _enterprise_membership(w):  # noqa: ANN001, ANN202
    return {"pk": w.users["enterprise"].memberships.get().pk}


def _calendar_day(w):  # noqa: ANN001, ANN202
    entry = services.set_calendar_day(
        actor=w.users["bureau_admin"], day=date(2026, 12, 31), kind="holiday", name="测试"
    )
    return {"pk": entry.pk}


def _hulin_event(w):  # noqa: ANN001, ANN202
    return {"pk": AuditEvent.objects.filter(division_code="230381").order_by("id").first().pk}


def _own_credentials(w, role):  # noqa: ANN001, ANN202
    user = w.users[role] or w.users["bureau_admin"]
    return {"username": user.username, "password": TEST_PASSWORD}


USER_ADMIN_ONLY = {
    "bureau_admin": 200,
    "anonymous": 302,
    "bureau_staff": 403,
    "bureau_viewer": 403,
    "enterprise": 403,
}
USER_ADMIN_POST = {
    "bureau_admin": 302,
    "anonymous": 302,
    "bureau_staff": 403,
    "bureau_viewer": 403,
    "enterprise": 403,
}

ROUTES = [
    Route("home", everyone(200)),
    Route("healthz", everyone(200)),
    Route("login", signed_in(302, anonymous=200)),
    Route("logout", everyone(302), method="post"),
    Route("password_change", signed_in(200)),
    Route("password_change_done", signed_in(200)),
    Route("password_reset", everyone(200)),
    Route("password_reset_done", everyone(200)),
    Route("password_reset_confirm", everyone(200), kwargs=lambda w: {"uidb64": "MQ", "token": "bad-token"}),
    Route("password_reset_complete", everyone(200)),
    Route("set_language", everyone(302), method="post", data=lambda w, r: {"language": "en", "next": "/"}),
    Route("javascript-catalog", everyone(200)),
    Route("core:organisation_list", signed_in(200)),
    Route("core:organisation_create", BUREAU_ADMINS),
    Route("core:organisation_detail", SEES_ENTERPRISE, default=NOT_VISIBLE, kwargs=_enterprise_org),
    Route(
        "core:organisation_edit",
        {
            "bureau_admin": 200,
            "bureau_staff": 200,
            "bureau_viewer": 403,
            "department": 403,
            "enterprise": 200,
            "anonymous": 302,
        },
        default=NOT_VISIBLE,
        kwargs=_enterprise_org,
    ),
    Route(
        "core:organisation_set_active",
        {
            "bureau_admin": 302,
            "bureau_staff": 403,
            "bureau_viewer": 403,
            "department": 403,
            "enterprise": 403,
            "anonymous": 302,
        },
        default=NOT_VISIBLE,
        method="post",
        kwargs=_enterprise_org,
        data=lambda w, r: {"active": "0"},
    ),
    Route("core:user_list", BUREAU_ADMINS),
    Route("core:user_create", BUREAU_ADMINS),
    Route("core:user_detail", USER_ADMIN_ONLY, default=NOT_VISIBLE, kwargs=_enterprise_user),
    Route("core:user_edit", USER_ADMIN_ONLY, default=NOT_VISIBLE, kwargs=_enterprise_user),
    Route("core:user_password", USER_ADMIN_ONLY, default=NOT_VISIBLE, kwargs=_enterprise_user),
    Route("core:user_unlock", USER_ADMIN_POST, default=NOT_VISIBLE, method="post", kwargs=_enterprise_user),
    Route(
        "core:user_set_active",
        USER_ADMIN_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_enterprise_user,
        data=lambda w, r: {"active": "0"},
    ),
    Route(
        "core:membership_role",
        USER_ADMIN_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_enterprise_membership,
        data=lambda w, r: {"role": "viewer"},
    ),
    Route("core:profile", signed_in(200)),
    Route("core:calendar", {**HULIN_BUREAU, "other_bureau": 200, "anonymous": 302}),
    Route(
        "core:calendar_day_delete",
        {"bureau_admin": 302, "other_bureau": 302, "anonymous": 302},
        method="post",
        kwargs=_calendar_day,
    ),
    Route("core:audit_list", BUREAU_ADMINS),
    Route("core:audit_export", BUREAU_ADMINS),
    Route(
        "core:audit_detail", {"bureau_admin": 200, "anonymous": 302}, default=NOT_VISIBLE, kwargs=_hulin_event
    ),
    # API
    Route("api-token", everyone(200), method="post", data=_own_credentials),
    Route("api-me", signed_in(200, anonymous=401)),
    Route("api-working-days", signed_in(200, anonymous=401), query="start=2026-09-28&days=5"),
    # The API's description is public (no data in it), so integrators can read it before they have a login.
    Route("api-schema", everyone(200)),
    Route("api-docs", everyone(200)),
    Route("api-root", signed_in(200, anonymous=401)),
    Route("organisation-list", signed_in(200, anonymous=401)),
    Route(
        "organisation-list",
        {"bureau_admin": 201, "anonymous": 401},
        method="post",
        label="POST organisation-list",
        content_type="application/json",
        data=lambda w, r: {
            "name": f"API新建企业{r}",
            "kind": "enterprise",
            "division": "230381",
            "uscc": make_uscc(),
        },
    ),
    Route(
        "organisation-detail",
        {**SEES_ENTERPRISE, "anonymous": 401},
        default=NOT_VISIBLE,
        kwargs=_enterprise_org,
    ),
    Route(
        "organisation-detail",
        {
            "bureau_admin": 200,
            "bureau_staff": 200,
            "bureau_viewer": 403,
            "department": 403,
            "enterprise": 200,
            "anonymous": 401,
        },
        default=NOT_VISIBLE,
        method="patch",
        kwargs=_enterprise_org,
        content_type="application/json",
        data=lambda w, r: {"phone": "0467-1234567"},
        label="PATCH organisation-detail",
    ),
    Route("user-list", signed_in(200, anonymous=401)),
    Route(
        "user-detail",
        {"bureau_admin": 200, "anonymous": 401, "bureau_staff": 403, "bureau_viewer": 403, "enterprise": 403},
        default=NOT_VISIBLE,
        kwargs=_enterprise_user,
    ),
    Route("audit-event-list", signed_in(200, anonymous=401)),
    Route(
        "audit-event-detail",
        {"bureau_admin": 200, "anonymous": 401},
        default=NOT_VISIBLE,
        kwargs=_hulin_event,
    ),
]
