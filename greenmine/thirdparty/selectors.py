"""Reading third-party assessments: visible lists, the review rows, the self vs third-party comparison,
and each agency's track record."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from greenmine.assessments.forms import answer_value
from greenmine.assessments.models import SelfAssessment
from greenmine.core.choices import OrganisationKind
from greenmine.core.permissions import VIEW, can, memberships_of, role_allows
from greenmine.standards.document import Graded
from greenmine.supervision.choices import SpotCheckResult
from greenmine.supervision.models import SpotCheck
from greenmine.thirdparty.choices import CheckSection, ThirdPartyStatus
from greenmine.thirdparty.models import (
    AgencyProfile,
    IndicatorScore,
    TeamMember,
    ThirdPartyAssessment,
)
from greenmine.thirdparty.services import COMMISSIONABLE, commissioning_code, explain_threshold
from greenmine.thirdparty.services_review import self_scores, standard_for


def visible_assessments(user: Any) -> QuerySet[ThirdPartyAssessment]:
    return ThirdPartyAssessment.objects.restrict(user, VIEW).select_related(
        "mine", "mine__enterprise", "agency", "self_assessment"
    )


def visible_agencies(user: Any) -> QuerySet[AgencyProfile]:
    return AgencyProfile.objects.restrict(user, VIEW).select_related("organisation")


def conflict_mines(user: Any) -> QuerySet[Any]:
    """Mines a conflict record may name: those the user sees, and those of assessments the user sees (an
    agency declares its ties with the mines it is commissioned for)."""
    from greenmine.registry.models import Mine

    return Mine.objects.filter(
        Q(pk__in=Mine.objects.restrict(user, VIEW).values("pk"))
        | Q(pk__in=ThirdPartyAssessment.objects.restrict(user, VIEW).values("mine_id"))
    ).order_by("name")


def conflict_enterprises(user: Any) -> QuerySet[Any]:
    from greenmine.core.models import Organisation

    return Organisation.objects.filter(
        Q(pk__in=Organisation.objects.restrict(user, VIEW).values("pk"))
        | Q(pk__in=conflict_mines(user).values("enterprise_id")),
        kind=OrganisationKind.ENTERPRISE,
    ).order_by("name")


def commissionable(user: Any) -> Any:
    """Self-assessments the user's bureau may commission an assessment of."""
    codes = [
        m.organisation.division_id
        for m in memberships_of(user)
        if m.organisation.kind == OrganisationKind.BUREAU and role_allows(m.role, "add")
    ]
    if not codes:
        return SelfAssessment.objects.none()
    candidates = (
        SelfAssessment.objects.restrict(user, VIEW)
        .filter(status__in=COMMISSIONABLE, thirdparty_assessments__isnull=True)
        .select_related("mine")
    )
    ids = [a.pk for a in candidates if commissioning_code(a.mine) in codes]
    return SelfAssessment.objects.filter(pk__in=ids).select_related("mine")


def member_of(user: Any, assessment: ThirdPartyAssessment) -> TeamMember | None:
    """The user's own place on the team, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return assessment.members.select_related("expert").filter(expert__user=user).first()


def sees_content(user: Any, assessment: ThirdPartyAssessment) -> bool:
    """Whether the user may see the self-assessment under review (and so the review's content): the
    bureau, declared members (through grants), and after completion the departments and the enterprise.
    An undeclared member sees nothing of it."""
    return can(user, VIEW, assessment.self_assessment)


@dataclass
class ScoreRow:
    """One scored indicator of the standard, with both scores side by side."""

    id: str
    name: str
    points: Any
    kind: str  # choice | integer | number
    choices: list[tuple[str, str]]
    self_score: Decimal | None
    self_answer: str
    score: IndicatorScore | None
    threshold: Decimal

    @property
    def difference(self) -> Decimal | None:
        if self.score is None or self.self_score is None:
            return None
        return self.score.score - self.self_score

    @property
    def large(self) -> bool:
        return self.difference is not None and abs(self.difference) > self.threshold

    @property
    def needs_explanation(self) -> bool:
        return self.large and self.score is not None and not self.score.explanation


def _kind(method: Any) -> tuple[str, list[tuple[str, str]]]:
    type_name = type(method).__name__
    if isinstance(method, Graded):
        return "choice", [(lv.key, f"{lv.label}（{lv.points}）") for lv in method.levels]
    if type_name == "ZeroOut":
        return "choice", [("no", "未发生 / did not occur"), ("yes", "发生 / occurred")]
    if type_name == "Deduction":
        return "integer", []
    if type_name == "Proportional":
        return "number", []
    return "choice", [("yes", "符合 / met"), ("no", "不符合 / not met")]


def score_rows(assessment: ThirdPartyAssessment) -> list[ScoreRow]:
    """Every scored indicator of the pinned standard: the self-assessment's answer and score, and the
    team's score, finding and explanation where made."""
    standard = standard_for(assessment)
    selfs = self_scores(assessment)
    snapshot_items = ((assessment.self_assessment.snapshot or {}).get("responses") or {}).get("items") or {}
    scores = {s.indicator_id: s for s in assessment.scores.all()}
    threshold = explain_threshold()
    rows = []
    for leaf in standard.leaves():
        kind, choices = _kind(leaf.method)
        rows.append(
            ScoreRow(
                leaf.id,
                leaf.name,
                leaf.points,
                kind,
                choices,
                selfs.get(leaf.id),
                answer_value("item", leaf.method, snapshot_items.get(leaf.id) or {}),
                scores.get(leaf.id),
                threshold,
            )
        )
    return rows


def _condition_rows(assessment: ThirdPartyAssessment, section: str) -> list[dict[str, Any]]:
    """Every condition of the section of the pinned standard: the enterprise's own answer (`self`: holds
    for a prerequisite, occurred for a veto item; None when unanswered) and the team's check, if made."""
    checks = {
        c.indicator_id: c for c in assessment.checks.filter(section=section).select_related("verified_by")
    }
    standard = standard_for(assessment)
    conditions = standard.vetoes if section == CheckSection.VETO else standard.prerequisites
    key = "vetoes" if section == CheckSection.VETO else "prerequisites"
    claimed = ((assessment.self_assessment.snapshot or {}).get("responses") or {}).get(key) or {}
    rows = []
    for c in conditions:
        check = checks.get(c.id)
        self_answer = claimed.get(c.id)
        team = None if check is None else (check.occurred if section == CheckSection.VETO else check.holds)
        rows.append(
            {
                "section": section,
                "id": c.id,
                "name": c.name,
                "self": self_answer,
                "check": check,
                "differs": check is not None and self_answer is not None and team != self_answer,
            }
        )
    return rows


def prerequisite_rows(assessment: ThirdPartyAssessment) -> list[dict[str, Any]]:
    return _condition_rows(assessment, CheckSection.PREREQUISITE)


def veto_rows(assessment: ThirdPartyAssessment) -> list[dict[str, Any]]:
    """Every veto item (一票否决): the enterprise's own answer beside the team's verdict."""
    return _condition_rows(assessment, CheckSection.VETO)


@dataclass
class TrackRecord:
    done: int
    passed: int
    average_difference: Decimal | None
    discrepancies: list[dict[str, Any]]


def track_record(agency: Any) -> TrackRecord:
    """An agency's record: completed assessments, the average difference third-party − self of their
    totals, and later spot-check discrepancies (a FAILED spot check of a mine after the agency passed it)."""
    completed = list(
        ThirdPartyAssessment.objects.filter(agency=agency, status=ThirdPartyStatus.COMPLETED)
        .select_related("mine")
        .order_by("completed_at")
    )
    differences = [
        a.total_score - a.self_total
        for a in completed
        if a.total_score is not None and a.self_total is not None
    ]
    average = (
        (sum(differences, Decimal(0)) / len(differences)).quantize(Decimal("0.01")) if differences else None
    )
    discrepancies: list[dict[str, Any]] = []
    for assessment in completed:
        if not assessment.passed or assessment.completed_at is None:
            continue
        failed = SpotCheck.objects.filter(
            mine_id=assessment.mine_id,
            result=SpotCheckResult.FAILED,
            checked_on__gte=timezone.localtime(assessment.completed_at).date(),
        ).order_by("checked_on")
        discrepancies.extend(
            {"assessment": assessment, "mine": assessment.mine, "checked_on": check.checked_on}
            for check in failed
        )
    return TrackRecord(len(completed), sum(1 for a in completed if a.passed), average, discrepancies)
