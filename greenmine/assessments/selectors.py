"""Reading plans and self-assessments: visible lists, the applicable standard, live scores, completeness."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from greenmine.assessments.choices import AssessmentStatus, ItemSection, PlanStatus
from greenmine.assessments.models import (
    AssessmentItem,
    ConstructionPlan,
    Milestone,
    SelfAssessment,
    StandardAssignment,
)
from greenmine.core.permissions import VIEW
from greenmine.standards.choices import StandardKind, VersionStatus
from greenmine.standards.document import Standard, load_document
from greenmine.standards.models import StandardVersion
from greenmine.standards.responses import ANSWER_FIELD, parse_responses
from greenmine.standards.scoring import Result, score

# Standards of other programmes (exploration, demonstration zones) are never a mine's assessment standard.
NOT_FOR_MINES = {StandardKind.GREEN_EXPLORATION, StandardKind.DEMONSTRATION_ZONE}
_DOCUMENTS: dict[tuple[int, str], Standard] = {}


def visible_plans(user: Any) -> QuerySet[ConstructionPlan]:
    return ConstructionPlan.objects.restrict(user, VIEW).select_related(
        "mine", "mine__enterprise", "standard_version__standard"
    )


def visible_assessments(user: Any) -> QuerySet[SelfAssessment]:
    return SelfAssessment.objects.restrict(user, VIEW).select_related(
        "mine", "mine__enterprise", "standard_version__standard"
    )


def standard_of(version: StandardVersion) -> Standard:
    """The engine's document of a stored version, parsed once per (version, content hash): published
    versions never change, so the cache can never serve stale content."""
    key = (version.pk, version.content_hash)
    document = _DOCUMENTS.get(key)
    if document is None:
        document = load_document(version.document)
        if len(_DOCUMENTS) > 64:
            _DOCUMENTS.clear()
        _DOCUMENTS[key] = document
    return document


def assessable_versions() -> QuerySet[StandardVersion]:
    return (
        StandardVersion.objects.filter(status=VersionStatus.PUBLISHED, complete=True)
        .exclude(standard__kind__in=NOT_FOR_MINES)
        .select_related("standard")
    )


def applicable_version(mine: Any) -> StandardVersion | None:
    """The standard a mine is assessed against. Rule: the bureau's assignment wins; otherwise among
    published, complete mine standards whose applies-to admits the mine's mineral and kind, one that
    names the mineral beats one that admits every mineral, then the latest effective date."""
    assignment = StandardAssignment.objects.filter(mine=mine).select_related("standard_version").first()
    if assignment is not None:
        return assignment.standard_version
    best: tuple[Any, ...] | None = None
    chosen = None
    for version in assessable_versions():
        applies = version.document.get("applies_to") or {}
        minerals = applies.get("minerals") or []
        kinds = applies.get("mine_kinds") or []
        if minerals and mine.mineral.name not in minerals:
            continue
        if kinds and mine.mine_kind not in kinds:
            continue
        key = (bool(minerals), bool(kinds), version.effective_date or date.min, version.pk)
        if best is None or key > best:
            best, chosen = key, version
    return chosen


def responses_of(items: list[AssessmentItem] | QuerySet[AssessmentItem]) -> dict[str, Any]:
    """The RESPONSES.json structure (standards README) of the saved answers; unanswered ones are absent."""
    data: dict[str, Any] = {"prerequisites": {}, "vetoes": {}, "items": {}}
    for item in items:
        answer = item.answer or {}
        if item.section == ItemSection.PREREQUISITE:
            if answer.get("holds") is not None:
                data["prerequisites"][item.indicator_id] = answer["holds"]
        elif item.section == ItemSection.VETO:
            if answer.get("occurred") is not None:
                data["vetoes"][item.indicator_id] = answer["occurred"]
        elif answer:
            data["items"][item.indicator_id] = answer
    return data


def live_result(assessment: SelfAssessment, items: list[AssessmentItem] | None = None) -> Result:
    """Score the saved answers now (partial answers allowed: the engine lists what is missing)."""
    standard = standard_of(assessment.standard_version)
    if items is None:
        items = list(assessment.items.all())
    return score(standard, parse_responses(responses_of(items), standard))


@dataclass(frozen=True)
class Missing:
    id: str
    name: str
    section: str


def completeness(assessment: SelfAssessment, result: Result | None = None) -> list[Missing]:
    """What must still be answered before submitting: every scored item, prerequisite and veto."""
    standard = standard_of(assessment.standard_version)
    result = result or live_result(assessment)
    names = {i.id: (i.name, ItemSection.ITEM) for i in standard.indicators}
    names.update({p.id: (p.name, ItemSection.PREREQUISITE) for p in standard.prerequisites})
    names.update({v.id: (v.name, ItemSection.VETO) for v in standard.vetoes})
    return [Missing(node, *names.get(node, (node, ItemSection.ITEM))) for node in result.missing]


def answer_field(standard: Standard, indicator_id: str) -> str:
    indicator = standard.indicator(indicator_id)
    return ANSWER_FIELD[type(indicator.method)][0]


@dataclass(frozen=True)
class PlanRow:
    """A task bar of the timeline: offsets and widths in percent of the plan's span."""

    title: str
    owner: str
    start: Any
    end: Any
    left: float
    width: float


def timeline(plan: ConstructionPlan) -> dict[str, Any]:
    """The Gantt-like view: each task as a bar over the months from the first start to the last end."""
    tasks = list(plan.tasks.all())
    milestones = list(plan.milestones.all())
    dates = [t.start_date for t in tasks] + [t.end_date for t in tasks] + [m.due_date for m in milestones]
    if not dates:
        return {"rows": [], "months": [], "milestones": []}
    first = min(dates).replace(day=1)
    last = max(dates)
    span = max((last - first).days + 1, 1)
    months = []
    cursor = first
    while cursor <= last:
        nxt = cursor.replace(year=cursor.year + (cursor.month == 12), month=cursor.month % 12 + 1)
        months.append({"label": cursor.strftime("%Y-%m"), "width": 100 * (nxt - cursor).days / span})
        cursor = nxt
    rows = [
        PlanRow(
            t.title,
            t.owner,
            t.start_date,
            t.end_date,
            100 * (t.start_date - first).days / span,
            max(100 * ((t.end_date - t.start_date).days + 1) / span, 0.8),
        )
        for t in tasks
    ]
    marks = [{"milestone": m, "left": 100 * (m.due_date - first).days / span} for m in milestones]
    return {"rows": rows, "months": months, "milestones": marks}


def overdue_milestones(user: Any) -> QuerySet[Milestone]:
    """Milestones past due and not done, of the plans the user may view (derived at read time)."""
    return Milestone.objects.filter(
        plan__in=ConstructionPlan.objects.restrict(user, VIEW).exclude(status=PlanStatus.RETURNED),
        done=False,
        due_date__lt=timezone.localdate(),
    ).exclude(plan__revisions__isnull=False)


def decimal_or_none(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except ArithmeticError:
        return None


ASSESSMENT_OPEN = (AssessmentStatus.DRAFT,)


def example_answers(version: StandardVersion) -> list[tuple[str, dict[str, Any]]]:
    """A full-points answer to every prerequisite, veto and item (for the demo and the benchmarks)."""
    from greenmine.standards.document import Deduction, Graded, Proportional, ZeroOut

    standard = standard_of(version)
    rows: list[tuple[str, dict[str, Any]]] = [(p.id, {"holds": True}) for p in standard.prerequisites]
    rows += [(v.id, {"occurred": False}) for v in standard.vetoes]
    for leaf in standard.leaves():
        m = leaf.method
        if isinstance(m, Graded):
            answer: dict[str, Any] = {"level": max(m.levels, key=lambda lv: lv.points).key}
        elif isinstance(m, Deduction):
            answer = {"defects": 0}
        elif isinstance(m, Proportional):
            answer = {"value": str(m.upper if m.direction.value == "higher_better" else m.lower)}
        elif isinstance(m, ZeroOut):
            answer = {"triggered": False}
        else:
            answer = {"met": True}
        rows.append((leaf.id, answer))
    return rows
