"""Navigation entries and home-page to-dos of supervision: draws, spot checks, rectification orders,
annual self-checks and the inspector pool."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from greenmine.core.choices import OrganisationKind
from greenmine.core.permissions import has_role_in
from greenmine.core.shell import NavItem, TodoItem, register_nav, register_todos
from greenmine.supervision.choices import RectificationStatus, SelfCheckStatus, SpotCheckResult
from greenmine.supervision.models import (
    REPLY,
    REVIEW,
    SUBMIT,
    AnnualSelfCheck,
    RectificationOrder,
    SpotCheck,
)

SECTION = gettext_lazy("Supervision")
GOVERNMENT = [OrganisationKind.BUREAU, OrganisationKind.DEPARTMENT]
READERS = [*GOVERNMENT, OrganisationKind.TOWNSHIP, OrganisationKind.ENTERPRISE]


def _government(user: Any) -> bool:
    return has_role_in(user, GOVERNMENT)


def _readers(user: Any) -> bool:
    return has_role_in(user, READERS)


register_nav(
    NavItem(
        "supervision_draws",
        gettext_lazy("Spot-check draws"),
        "supervision:draw_list",
        "ti-arrows-shuffle",
        _government,
        section=SECTION,
        order=700,
    ),
    NavItem(
        "supervision_checks",
        gettext_lazy("Spot checks"),
        "supervision:check_list",
        "ti-zoom-check",
        _readers,
        section=SECTION,
        order=710,
    ),
    NavItem(
        "supervision_orders",
        gettext_lazy("Rectification orders"),
        "supervision:order_list",
        "ti-tool",
        _readers,
        section=SECTION,
        order=720,
    ),
    NavItem(
        "supervision_self_checks",
        gettext_lazy("Annual self-checks"),
        "supervision:selfcheck_list",
        "ti-calendar-check",
        _readers,
        section=SECTION,
        order=730,
    ),
    NavItem(
        "supervision_inspectors",
        gettext_lazy("Inspectors"),
        "supervision:inspector_list",
        "ti-id-badge-2",
        _government,
        section=SECTION,
        order=740,
    ),
    NavItem(
        "supervision_public_draws",
        gettext_lazy("Random spot checks (双随机一公开)"),
        "supervision:public_draw_list",
        "ti-world",
        lambda user: not user.is_authenticated,
        order=900,
    ),
)


@register_todos
def inspector_todos(user: Any) -> list[TodoItem]:
    """Inspectors: the checks assigned to them and not yet recorded."""
    if not user.is_authenticated:
        return []
    pending = (
        SpotCheck.objects.filter(
            inspectors__user=user, inspectors__active=True, result=SpotCheckResult.PENDING
        )
        .distinct()
        .count()
    )
    if not pending:
        return []
    return [
        TodoItem(
            _("Spot checks assigned to you"),
            reverse("supervision:check_list") + "?mine=1&result=pending",
            _("Check the mine and record the result."),
            count=pending,
            urgency="warning",
            icon="ti-zoom-check",
        )
    ]


@register_todos
def enterprise_todos(user: Any) -> list[TodoItem]:
    """Enterprises: open rectification orders (overdue ones first) and self-checks awaiting the report."""
    if not has_role_in(user, [OrganisationKind.ENTERPRISE], "add"):
        return []
    today = timezone.localdate()
    items = []
    orders = RectificationOrder.objects.restrict(user, REPLY).filter(status=RectificationStatus.OPEN)
    overdue = orders.overdue(today).count()
    if overdue:
        items.append(
            TodoItem(
                _("Overdue rectification orders"),
                reverse("supervision:order_list") + "?overdue=1",
                _("Past the deadline: a mine that does not rectify in time is removed from the list."),
                count=overdue,
                urgency="danger",
                icon="ti-alarm",
            )
        )
    open_orders = orders.count() - overdue
    if open_orders:
        items.append(
            TodoItem(
                _("Rectification orders to answer"),
                reverse("supervision:order_list") + "?status=open",
                _("Rectify, then reply with evidence before the deadline."),
                count=open_orders,
                urgency="warning",
                icon="ti-tool",
            )
        )
    waiting = AnnualSelfCheck.objects.restrict(user, SUBMIT).filter(
        status__in=[SelfCheckStatus.OPEN, SelfCheckStatus.RETURNED]
    )
    late = waiting.filter(due_date__lt=today).count()
    if late:
        items.append(
            TodoItem(
                _("Overdue annual self-checks"),
                reverse("supervision:selfcheck_list"),
                _("The annual self-check report is past its due date."),
                count=late,
                urgency="danger",
                icon="ti-calendar-exclamation",
            )
        )
    soon = waiting.filter(
        due_date__gte=today, due_date__lte=today + timedelta(days=settings.SELF_CHECK_REMINDER_DAYS)
    ).count()
    if soon:
        items.append(
            TodoItem(
                _("Annual self-checks due soon"),
                reverse("supervision:selfcheck_list"),
                _("Submit the annual self-check report with evidence."),
                count=soon,
                urgency="warning",
                icon="ti-calendar-check",
            )
        )
    return items


@register_todos
def bureau_todos(user: Any) -> list[TodoItem]:
    """Bureaus: replies to verify, self-check reports to review."""
    if not has_role_in(user, [OrganisationKind.BUREAU], REVIEW):
        return []
    items = []
    replied = (
        RectificationOrder.objects.restrict(user, REVIEW).filter(status=RectificationStatus.REPLIED).count()
    )
    if replied:
        items.append(
            TodoItem(
                _("Rectifications to verify"),
                reverse("supervision:order_list") + "?status=replied",
                _("Enterprises replied to these orders with evidence."),
                count=replied,
                icon="ti-tool",
            )
        )
    reports = AnnualSelfCheck.objects.restrict(user, REVIEW).filter(status=SelfCheckStatus.SUBMITTED).count()
    if reports:
        items.append(
            TodoItem(
                _("Self-check reports to review"),
                reverse("supervision:selfcheck_list") + "?status=submitted",
                _("Accept them or return them with comments."),
                count=reports,
                icon="ti-calendar-check",
            )
        )
    return items
