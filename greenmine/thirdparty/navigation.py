"""Navigation entries and home-page to-dos of third-party assessment."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from greenmine.core.choices import OrganisationKind
from greenmine.core.permissions import has_role_in
from greenmine.core.shell import NavItem, TodoItem, register_nav, register_todos
from greenmine.thirdparty.choices import ThirdPartyStatus
from greenmine.thirdparty.models import ASSESS, TEAM, TeamMember, ThirdPartyAssessment
from greenmine.thirdparty.selectors import commissionable

READERS = [
    OrganisationKind.BUREAU,
    OrganisationKind.DEPARTMENT,
    OrganisationKind.ENTERPRISE,
    OrganisationKind.ASSESSOR,
]
SECTION = gettext_lazy("Green mine building")


def _reads(user: Any) -> bool:
    return has_role_in(user, READERS)


def _agencies(user: Any) -> bool:
    return has_role_in(
        user, [OrganisationKind.BUREAU, OrganisationKind.DEPARTMENT, OrganisationKind.ASSESSOR]
    )


register_nav(
    NavItem(
        "thirdparty_assessments",
        gettext_lazy("Third-party assessments"),
        "thirdparty:assessment_list",
        "ti-user-check",
        _reads,
        section=SECTION,
        order=420,
    ),
    NavItem(
        "thirdparty_agencies",
        gettext_lazy("Assessment agencies"),
        "thirdparty:agency_list",
        "ti-building-community",
        _agencies,
        section=SECTION,
        order=425,
    ),
)


@register_todos
def bureau_todos(user: Any) -> list[TodoItem]:
    """The commissioning bureau: submitted self-assessments without a third-party assessment."""
    if not has_role_in(user, [OrganisationKind.BUREAU], "add"):
        return []
    count = commissionable(user).count()
    if not count:
        return []
    return [
        TodoItem(
            _("Self-assessments awaiting a third-party assessment"),
            reverse("thirdparty:commission"),
            _("Commission a registered agency for each."),
            count=count,
            icon="ti-user-check",
        )
    ]


@register_todos
def thirdparty_todos(user: Any) -> list[TodoItem]:
    """Agencies: teams to form; experts: declarations to make and reviews to do."""
    if not has_role_in(user, [OrganisationKind.ASSESSOR]):
        return []
    items = []
    team = (
        ThirdPartyAssessment.objects.restrict(user, TEAM).filter(status=ThirdPartyStatus.COMMISSIONED).count()
    )
    if team:
        items.append(
            TodoItem(
                _("Assessments without a team"),
                reverse("thirdparty:assessment_list") + "?status=commissioned",
                _("Form the team (or draw it) for these commissioned assessments."),
                count=team,
                icon="ti-users",
            )
        )
    undeclared = TeamMember.objects.filter(expert__user=user, declared_at__isnull=True).select_related(
        "assessment"
    )
    items.extend(
        TodoItem(
            _("Declare no conflict: %(mine)s") % {"mine": member.assessment.mine.name},
            reverse("thirdparty:assessment_declare", kwargs={"pk": member.assessment_id}),
            _("You see nothing of the assessment until you declare."),
            urgency="warning",
            icon="ti-shield-check",
        )
        for member in undeclared[:10]
    )
    reviews = (
        ThirdPartyAssessment.objects.restrict(user, ASSESS).filter(status=ThirdPartyStatus.IN_REVIEW).count()
    )
    if reviews:
        items.append(
            TodoItem(
                _("Assessments in review"),
                reverse("thirdparty:assessment_list") + "?status=in_review",
                _("Verify the prerequisites and veto items, record the site visit, score every indicator."),
                count=reviews,
                icon="ti-clipboard-check",
            )
        )
    return items
