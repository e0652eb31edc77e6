"""Navigation entries and home-page to-dos of plans and self-assessments."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from greenmine.assessments.choices import AssessmentStatus, PlanStatus
from greenmine.assessments.models import REVIEW, ConstructionPlan, SelfAssessment
from greenmine.assessments.selectors import overdue_milestones
from greenmine.core.choices import OrganisationKind
from greenmine.core.permissions import has_role_in
from greenmine.core.shell import NavItem, TodoItem, register_nav, register_todos

READERS = [OrganisationKind.BUREAU, OrganisationKind.DEPARTMENT, OrganisationKind.ENTERPRISE]
SECTION = gettext_lazy("Green mine building")


def _reads(user: Any) -> bool:
    return has_role_in(user, READERS)


register_nav(
    NavItem(
        "assessments_plans",
        gettext_lazy("Construction plans"),
        "assessments:plan_list",
        "ti-clipboard-list",
        _reads,
        section=SECTION,
        order=400,
    ),
    NavItem(
        "assessments_self",
        gettext_lazy("Self-assessments"),
        "assessments:assessment_list",
        "ti-checklist",
        _reads,
        section=SECTION,
        order=410,
    ),
)


@register_todos
def enterprise_todos(user: Any) -> list[TodoItem]:
    """Enterprises: drafts to finish, returned plans and assessments, overdue milestones."""
    if not has_role_in(user, [OrganisationKind.ENTERPRISE], "change"):
        return []
    items = []
    plans = ConstructionPlan.objects.restrict(user, "change")
    assessments = SelfAssessment.objects.restrict(user, "change")
    drafts = assessments.filter(status=AssessmentStatus.DRAFT).count()
    if drafts:
        items.append(
            TodoItem(
                _("Self-assessments in draft"),
                reverse("assessments:assessment_list") + "?status=draft",
                _("Finish the answers and submit."),
                count=drafts,
                icon="ti-checklist",
            )
        )
    returned_plans = plans.filter(status=PlanStatus.RETURNED, revisions__isnull=True).count()
    if returned_plans:
        items.append(
            TodoItem(
                _("Returned construction plans"),
                reverse("assessments:plan_list") + "?status=returned",
                _("The bureau returned these with comments: start a revision."),
                count=returned_plans,
                urgency="warning",
                icon="ti-clipboard-x",
            )
        )
    returned = assessments.filter(status=AssessmentStatus.RETURNED, revisions__isnull=True).count()
    if returned:
        items.append(
            TodoItem(
                _("Returned self-assessments"),
                reverse("assessments:assessment_list") + "?status=returned",
                _("The bureau returned these with comments: start a revision."),
                count=returned,
                urgency="warning",
                icon="ti-checklist",
            )
        )
    overdue = overdue_milestones(user).count()
    if overdue:
        items.append(
            TodoItem(
                _("Overdue milestones"),
                reverse("assessments:plan_list"),
                _("Milestones of your construction plans past their due date."),
                count=overdue,
                urgency="danger",
                icon="ti-alarm",
            )
        )
    return items


@register_todos
def bureau_todos(user: Any) -> list[TodoItem]:
    """Bureaus: submitted plans to file, submitted self-assessments to review."""
    if not has_role_in(user, [OrganisationKind.BUREAU], REVIEW):
        return []
    items = []
    plans = ConstructionPlan.objects.restrict(user, REVIEW).filter(status=PlanStatus.SUBMITTED).count()
    if plans:
        items.append(
            TodoItem(
                _("Construction plans to file"),
                reverse("assessments:plan_list") + "?status=submitted",
                _("Submitted plans waiting to be filed or returned."),
                count=plans,
                icon="ti-clipboard-list",
            )
        )
    assessments = (
        SelfAssessment.objects.restrict(user, REVIEW).filter(status=AssessmentStatus.SUBMITTED).count()
    )
    if assessments:
        items.append(
            TodoItem(
                _("Self-assessments to review"),
                reverse("assessments:assessment_list") + "?status=submitted",
                _("Submitted self-assessments waiting to be accepted or returned."),
                count=assessments,
                icon="ti-checklist",
            )
        )
    return items
