"""Navigation entries and home-page to-dos of the core app."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from greenmine.core.calendar import year_status
from greenmine.core.choices import OrganisationKind
from greenmine.core.models import ClockRun
from greenmine.core.permissions import MANAGE, has_role_in
from greenmine.core.shell import NavItem, TodoItem, register_nav, register_todos

BUREAU = [OrganisationKind.BUREAU]
GOVERNMENT = [OrganisationKind.BUREAU, OrganisationKind.DEPARTMENT, OrganisationKind.TOWNSHIP]


def _signed_in(user: Any) -> bool:
    return bool(user.is_authenticated)


def _manages_users(user: Any) -> bool:
    return has_role_in(user, BUREAU, MANAGE)


register_nav(
    NavItem("home", gettext_lazy("Home"), "home", "ti-home", _signed_in, order=0),
    NavItem(
        "organisations",
        gettext_lazy("Organisations"),
        "core:organisation_list",
        "ti-building",
        lambda u: has_role_in(u, GOVERNMENT),
        section=gettext_lazy("Administration"),
        order=900,
    ),
    NavItem(
        "users",
        gettext_lazy("Users"),
        "core:user_list",
        "ti-users",
        _manages_users,
        section=gettext_lazy("Administration"),
        order=910,
    ),
    NavItem(
        "calendar",
        gettext_lazy("Working-day calendar"),
        "core:calendar",
        "ti-calendar",
        lambda u: has_role_in(u, BUREAU),
        section=gettext_lazy("Administration"),
        order=920,
    ),
    NavItem(
        "audit",
        gettext_lazy("Audit log"),
        "core:audit_list",
        "ti-shield-check",
        lambda u: has_role_in(u, BUREAU, MANAGE),
        section=gettext_lazy("Administration"),
        order=930,
    ),
    NavItem(
        "api",
        gettext_lazy("API"),
        "api-docs",
        "ti-api",
        _signed_in,
        section=gettext_lazy("Administration"),
        order=990,
    ),
)


@register_todos
def account_todos(user: Any) -> list[TodoItem]:
    items = []
    if user.is_authenticated and user.has_demo_password:
        items.append(
            TodoItem(
                _("Change the demo password"),
                reverse("password_change"),
                _("This account still uses the password printed in the README."),
                urgency="danger",
                icon="ti-key",
            )
        )
    return items


@register_todos
def bureau_admin_todos(user: Any) -> list[TodoItem]:
    if not has_role_in(user, BUREAU, MANAGE):
        return []
    items = []
    locked = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).count()
    if locked:
        items.append(
            TodoItem(
                _("Locked-out accounts"),
                reverse("core:user_list") + "?locked=1",
                _("Accounts locked after repeated failed logins."),
                count=locked,
                urgency="warning",
                icon="ti-lock",
            )
        )
    today = timezone.localdate()
    next_year = today.year + 1
    if today.month >= 11 and year_status(next_year) == "unknown":
        items.append(
            TodoItem(
                _("Enter the %(year)d holiday schedule") % {"year": next_year},
                reverse("core:calendar"),
                _(
                    "Notice periods and deadlines that reach into %(year)d cannot be counted until the "
                    "State Council schedule is entered."
                )
                % {"year": next_year},
                urgency="warning",
                icon="ti-calendar-exclamation",
            )
        )
    yesterday = (today - timedelta(days=1)).isoformat()
    if not ClockRun.objects.filter(job="core.audit_head", period__in=[today.isoformat(), yesterday]).exists():
        items.append(
            TodoItem(
                _("The clock has not run"),
                reverse("core:audit_list"),
                _(
                    "Schedule 'greenmine tick' (see the deployment guide): reminders, closing of "
                    "notices and the daily audit head depend on it."
                ),
                urgency="info",
                icon="ti-clock",
            )
        )
    return items
