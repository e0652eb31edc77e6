"""State changes of construction plans (re-exported by `services`): create, update, milestone progress,
submit, file, return, revise. Each is one transaction with its permission and state checks and one audit
event."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from greenmine.assessments.choices import PlanStatus
from greenmine.assessments.models import ADD, CHANGE, REVIEW, SUBMIT, ConstructionPlan, Milestone, PlanTask
from greenmine.assessments.selectors import assessable_versions
from greenmine.core.audit import record_event
from greenmine.core.evidence_services import acts_for
from greenmine.core.models import User
from greenmine.core.permissions import VIEW, require
from greenmine.standards.models import StandardVersion

PLAN_FIELDS = ("title", "standard_version", "target_year", "targets", "budget")
TASK_FIELDS = ("title", "owner", "start_date", "end_date", "measures", "budget")
MILESTONE_FIELDS = ("title", "due_date", "progress", "done")


def _require_enterprise(actor: User, mine: Any, action: str = ADD) -> None:
    """Only the mine's own enterprise (staff or admin) writes its plans and assessments."""
    if not acts_for(actor, mine.enterprise, action):
        raise PermissionDenied


def _check_version(version: StandardVersion | None) -> StandardVersion:
    if version is None or not assessable_versions().filter(pk=version.pk).exists():
        raise ValidationError({"standard_version": [_("Choose a published, complete standard version.")]})
    return version


def _clean_plan(data: dict[str, Any]) -> dict[str, Any]:
    data = {k: v for k, v in data.items() if k in PLAN_FIELDS}
    errors: dict[str, list[str]] = {}
    if "title" in data:
        data["title"] = (data["title"] or "").strip()
        if not data["title"]:
            errors["title"] = [_("Give the plan a title.")]
    if "target_year" in data and not (2000 <= int(data["target_year"] or 0) <= 2100):
        errors["target_year"] = [_("Enter a year between 2000 and 2100.")]
    if "budget" in data and data["budget"] is not None and Decimal(data["budget"]) < 0:
        errors["budget"] = [_("A budget cannot be negative.")]
    if "standard_version" in data:
        try:
            _check_version(data["standard_version"])
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return data


def _clean_rows(rows: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    errors = []
    cleaned = []
    for n, row in enumerate(rows, start=1):
        if kind == "task":
            row = {k: row.get(k) for k in TASK_FIELDS}
            row["measures"], row["owner"] = row["measures"] or "", row["owner"] or ""
            if not row["start_date"] or not row["end_date"]:
                errors.append(_("Task %(n)d needs a start and an end date.") % {"n": n})
            elif row["end_date"] < row["start_date"]:
                errors.append(_("Task %(n)d ends before it starts.") % {"n": n})
        else:
            row = {k: row.get(k) for k in MILESTONE_FIELDS if k in row}
            if not row.get("due_date"):
                errors.append(_("Milestone %(n)d needs a due date.") % {"n": n})
            if not 0 <= int(row.get("progress") or 0) <= 100:
                errors.append(_("Milestone %(n)d: progress is a percentage from 0 to 100.") % {"n": n})
        if not (row.get("title") or "").strip():
            errors.append(_("Row %(n)d needs a title.") % {"n": n})
        cleaned.append(row)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _replace_rows(
    plan: ConstructionPlan, tasks: list[dict[str, Any]] | None, milestones: list[dict[str, Any]] | None
) -> None:
    if tasks is not None:
        plan.tasks.all().delete()
        PlanTask.objects.bulk_create(
            PlanTask(plan=plan, order=i, **row) for i, row in enumerate(_clean_rows(tasks, "task"))
        )
    if milestones is not None:
        plan.milestones.all().delete()
        Milestone.objects.bulk_create(
            Milestone(plan=plan, order=i, **row) for i, row in enumerate(_clean_rows(milestones, "milestone"))
        )


def _plan_state(plan: ConstructionPlan) -> dict[str, Any]:
    return {
        "status": plan.status,
        "tasks": [t.title for t in plan.tasks.all()],
        "milestones": [m.title for m in plan.milestones.all()],
    }


@transaction.atomic
def create_plan(
    *,
    actor: User,
    mine: Any,
    tasks: list[dict[str, Any]] | None = None,
    milestones: list[dict[str, Any]] | None = None,
    **data: Any,
) -> ConstructionPlan:
    """Start a mine's construction plan (version 1, or the next number). The mine's enterprise only."""
    _require_enterprise(actor, mine)
    data = _clean_plan(data)
    for field in ("title", "standard_version", "target_year"):
        if data.get(field) in (None, ""):
            raise ValidationError({field: [_("This field is required.")]})
    last = ConstructionPlan.objects.filter(mine=mine).order_by("-version_no").first()
    plan = ConstructionPlan.objects.create(
        mine=mine, version_no=(last.version_no + 1) if last else 1, created_by=actor, **data
    )
    _replace_rows(plan, tasks or [], milestones or [])
    require(actor, CHANGE, plan)
    record_event(
        "plan.created",
        actor=actor,
        obj=plan,
        organisation=mine.enterprise,
        changes={"after": _plan_state(plan)},
    )
    return plan


def _locked_plan(plan: ConstructionPlan) -> ConstructionPlan:
    return ConstructionPlan.objects.select_for_update().select_related("mine__enterprise").get(pk=plan.pk)


@transaction.atomic
def update_plan(
    *,
    actor: User,
    plan: ConstructionPlan,
    tasks: list[dict[str, Any]] | None = None,
    milestones: list[dict[str, Any]] | None = None,
    **data: Any,
) -> ConstructionPlan:
    """Change a draft plan (fields, tasks, milestones). Submitted, filed and returned versions are kept
    as they were: a change after submission is a revision."""
    plan = _locked_plan(plan)
    require(actor, CHANGE, plan)
    _require_enterprise(actor, plan.mine, CHANGE)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("Only a draft plan can be edited; start a revision."))
    data = _clean_plan(data)
    for field, value in data.items():
        setattr(plan, field, value)
    plan.save()
    _replace_rows(plan, tasks, milestones)
    record_event(
        "plan.updated",
        actor=actor,
        obj=plan,
        organisation=plan.mine.enterprise,
        changes={"after": _plan_state(plan)},
    )
    return plan


@transaction.atomic
def update_milestone(*, actor: User, milestone: Milestone, progress: int, done: bool) -> Milestone:
    """Report a milestone's progress. Allowed while the plan is in force (draft or filed): progress is
    the plan's execution, not its content."""
    plan = _locked_plan(milestone.plan)
    require(actor, CHANGE, plan)
    _require_enterprise(actor, plan.mine, CHANGE)
    if plan.status not in (PlanStatus.DRAFT, PlanStatus.FILED):
        raise ValidationError(_("Progress is reported on a draft or a filed plan."))
    if not 0 <= int(progress) <= 100:
        raise ValidationError({"progress": [_("Progress is a percentage from 0 to 100.")]})
    before = {"progress": milestone.progress, "done": milestone.done}
    milestone.progress, milestone.done = int(progress), bool(done) or int(progress) == 100
    milestone.save(update_fields=["progress", "done"])
    record_event(
        "plan.milestone_progress",
        actor=actor,
        obj=plan,
        organisation=plan.mine.enterprise,
        changes={
            "before": before,
            "after": {"progress": milestone.progress, "done": milestone.done, "milestone": milestone.title},
        },
    )
    return milestone


@transaction.atomic
def submit_plan(*, actor: User, plan: ConstructionPlan) -> ConstructionPlan:
    """Submit a draft plan to the bureau; it needs at least one task and one milestone."""
    plan = _locked_plan(plan)
    require(actor, SUBMIT, plan)
    _require_enterprise(actor, plan.mine, SUBMIT)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("This plan has already been submitted."))
    if not plan.tasks.exists() or not plan.milestones.exists():
        raise ValidationError(_("A plan needs at least one task and one milestone before it is submitted."))
    plan.status, plan.submitted_at, plan.submitted_by = PlanStatus.SUBMITTED, timezone.now(), actor
    plan.save()
    record_event(
        "plan.submitted",
        actor=actor,
        obj=plan,
        organisation=plan.mine.enterprise,
        changes={"after": {"status": plan.status}},
    )
    return plan


def _review_plan(actor: User, plan: ConstructionPlan, status: str, comments: str) -> ConstructionPlan:
    plan = _locked_plan(plan)
    require(actor, REVIEW, plan)
    if plan.status != PlanStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted plan can be filed or returned."))
    plan.status, plan.comments = status, comments.strip()
    plan.reviewed_at, plan.reviewed_by = timezone.now(), actor
    plan.save()
    record_event(
        f"plan.{status}",
        actor=actor,
        obj=plan,
        organisation=plan.mine.enterprise,
        changes={"after": {"status": status, "comments": plan.comments}},
    )
    return plan


@transaction.atomic
def file_plan(*, actor: User, plan: ConstructionPlan, comments: str = "") -> ConstructionPlan:
    """The bureau of the mine's division files (备案) a submitted plan."""
    return _review_plan(actor, plan, PlanStatus.FILED, comments)


@transaction.atomic
def return_plan(*, actor: User, plan: ConstructionPlan, comments: str) -> ConstructionPlan:
    """The bureau returns a submitted plan; it must say why."""
    if not (comments or "").strip():
        raise ValidationError({"comments": [_("Say what must change when returning a plan.")]})
    return _review_plan(actor, plan, PlanStatus.RETURNED, comments)


@transaction.atomic
def revise_plan(*, actor: User, plan: ConstructionPlan) -> ConstructionPlan:
    """A new draft version copying the plan, pointing at it; the old version stays as it was."""
    plan = _locked_plan(plan)
    require(actor, VIEW, plan)
    _require_enterprise(actor, plan.mine)
    if plan.status == PlanStatus.DRAFT:
        raise ValidationError(_("A draft is edited directly."))
    if ConstructionPlan.objects.filter(mine=plan.mine, status=PlanStatus.DRAFT).exists():
        raise ValidationError(_("This mine already has a draft plan."))
    tasks = [{f: getattr(t, f) for f in TASK_FIELDS} for t in plan.tasks.all()]
    milestones = [{f: getattr(m, f) for f in MILESTONE_FIELDS} for m in plan.milestones.all()]
    new = create_plan(
        actor=actor,
        mine=plan.mine,
        tasks=tasks,
        milestones=milestones,
        **{f: getattr(plan, f) for f in PLAN_FIELDS},
    )
    new.previous = plan
    new.save(update_fields=["previous", "updated_at"])
    return new
