"""State changes of self-assessments, and (re-exported from services_plans) of construction plans. Each is
one function: transaction, permission and state checks, the rows, one audit event. Views, the API, the demo
and the tests call these; nothing else writes."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from greenmine.assessments.choices import AssessmentStatus, ItemSection
from greenmine.assessments.models import (
    CHANGE,
    REVIEW,
    SUBMIT,
    AssessmentItem,
    ReturnComment,
    SelfAssessment,
    StandardAssignment,
)
from greenmine.assessments.selectors import (
    applicable_version,
    completeness,
    live_result,
    responses_of,
    standard_of,
)
from greenmine.core.audit import record_event
from greenmine.core.choices import OrganisationKind
from greenmine.core.models import EvidenceFile, User
from greenmine.core.permissions import VIEW, can, has_role_in, require
from greenmine.standards.models import StandardVersion
from greenmine.standards.responses import ResponsesInvalid, parse_responses


class ConcurrentEditError(ValidationError):
    """A save based on a stale page: someone else changed the same answer since it was loaded."""


class IncompleteError(ValidationError):
    """Submitting with answers missing; `missing` lists them."""

    def __init__(self, missing: list[Any]) -> None:
        self.missing = missing
        names = "、".join(f"{m.id} {m.name}" for m in missing[:20])
        more = _(" and %(n)d more") % {"n": len(missing) - 20} if len(missing) > 20 else ""
        super().__init__(
            _("%(count)d answers are missing: %(names)s%(more)s")
            % {"count": len(missing), "names": names, "more": more},
            code="incomplete",
        )


from greenmine.assessments.services_plans import (  # noqa: E402, F401 — one services module for callers
    MILESTONE_FIELDS,
    PLAN_FIELDS,
    TASK_FIELDS,
    _check_version,
    _require_enterprise,
    create_plan,
    file_plan,
    return_plan,
    revise_plan,
    submit_plan,
    update_milestone,
    update_plan,
)

# Self-assessments


@transaction.atomic
def assign_standard(*, actor: User, mine: Any, standard_version: StandardVersion, reason: str = "") -> Any:
    """The bureau of the mine's division overrides the applies-to rule for one mine."""
    if not has_role_in(actor, [OrganisationKind.BUREAU], CHANGE) or not can(actor, CHANGE, mine):
        raise PermissionDenied
    _check_version(standard_version)
    assignment, _created = StandardAssignment.objects.update_or_create(
        mine=mine,
        defaults={"standard_version": standard_version, "reason": reason.strip(), "created_by": actor},
    )
    record_event(
        "assessment.standard_assigned",
        actor=actor,
        obj=mine,
        changes={"after": {"standard_version": standard_version.pk, "reason": reason}},
    )
    return assignment


@transaction.atomic
def start_self_assessment(*, actor: User, mine: Any) -> SelfAssessment:
    """Start a draft self-assessment of a mine against the standard that applies to it (the bureau's
    assignment, else the applies-to rule). One draft per mine at a time."""
    _require_enterprise(actor, mine)
    version = applicable_version(mine)
    if version is None:
        raise ValidationError(
            _("No published standard applies to %(mineral)s (%(kind)s); ask the bureau to assign one.")
            % {"mineral": mine.mineral.name, "kind": mine.get_mine_kind_display()}
        )
    if SelfAssessment.objects.filter(mine=mine, status=AssessmentStatus.DRAFT).exists():
        raise ValidationError(_("This mine already has a draft self-assessment."))
    last = SelfAssessment.objects.filter(mine=mine).order_by("-version_no").first()
    assessment = SelfAssessment.objects.create(
        mine=mine, standard_version=version, version_no=(last.version_no + 1) if last else 1, created_by=actor
    )
    require(actor, CHANGE, assessment)
    record_event(
        "assessment.started",
        actor=actor,
        obj=assessment,
        organisation=mine.enterprise,
        changes={"after": {"standard_version": version.pk, "version_no": assessment.version_no}},
    )
    return assessment


def _locked_assessment(assessment: SelfAssessment) -> SelfAssessment:
    return (
        SelfAssessment.objects.select_for_update()
        .select_related("mine__enterprise", "standard_version")
        .get(pk=assessment.pk)
    )


def _editable(actor: User, assessment: SelfAssessment) -> SelfAssessment:
    assessment = _locked_assessment(assessment)
    require(actor, CHANGE, assessment)
    _require_enterprise(actor, assessment.mine, CHANGE)
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError(_("A submitted self-assessment cannot change; start a revision."))
    return assessment


def _section_of(assessment: SelfAssessment, indicator_id: str) -> str:
    standard = standard_of(assessment.standard_version)
    if any(p.id == indicator_id for p in standard.prerequisites):
        return ItemSection.PREREQUISITE
    if any(v.id == indicator_id for v in standard.vetoes):
        return ItemSection.VETO
    indicator = standard.find(indicator_id)
    if indicator is None or indicator.method is None:
        raise ValidationError(
            {"indicator": [_("%(id)s is not an item of this standard.") % {"id": indicator_id}]}
        )
    return ItemSection.ITEM


def _check_answer(
    assessment: SelfAssessment, section: str, indicator_id: str, answer: dict[str, Any]
) -> None:
    """The answer must fit the item's scoring method (the standards engine says what is wrong)."""
    standard = standard_of(assessment.standard_version)
    if section == ItemSection.PREREQUISITE:
        data = {"prerequisites": {indicator_id: answer.get("holds")}}
    elif section == ItemSection.VETO:
        data = {"vetoes": {indicator_id: answer.get("occurred")}}
    else:
        data = {"items": {indicator_id: answer}} if answer else {}
    try:
        parse_responses(data, standard)
    except ResponsesInvalid as exc:
        raise ValidationError({"answer": [str(issue) for issue in exc.issues]}) from None


def _stale_message(item: AssessmentItem) -> str:
    who = item.updated_by.get_full_name() or item.updated_by.get_username() if item.updated_by else "?"
    when = date_format(timezone.localtime(item.updated_at), "Y-m-d H:i:s")
    return _(
        "%(id)s was changed by %(user)s at %(time)s after you opened this page. Reload to see their "
        "answer, then make your change again."
    ) % {"id": item.indicator_id, "user": who, "time": when}


@transaction.atomic
def save_item(
    *,
    actor: User,
    assessment: SelfAssessment,
    indicator_id: str,
    answer: dict[str, Any] | None = None,
    remark: str | None = None,
    lock_version: int | None = None,
) -> tuple[AssessmentItem, int]:
    """Save one answer (and remarks) of a draft; returns the item and the new edit counter.

    Rule: `lock_version` is the edit counter at which the editor last saw this item (the page's counter
    when loaded, or the token returned by their own last save of it). If the item has been saved since
    (by anyone, at a higher counter), the save is refused with ConcurrentEditError naming who changed it
    and when, instead of silently overwriting their answer. Answers to other items do not
    conflict. `None` for `lock_version` (API callers that do not track it) skips the check.
    """
    assessment = _editable(actor, assessment)
    section = _section_of(assessment, indicator_id)
    answer = {k: v for k, v in (answer or {}).items() if v is not None}
    _check_answer(assessment, section, indicator_id, answer)
    item = (
        AssessmentItem.objects.select_related("updated_by")
        .filter(assessment=assessment, indicator_id=indicator_id)
        .first()
    )
    if lock_version is not None and item is not None and item.saved_version > int(lock_version):
        raise ConcurrentEditError(_stale_message(item), code="stale")
    before = {"answer": item.answer, "remark": item.remark} if item else None
    if item is None:
        item = AssessmentItem(assessment=assessment, indicator_id=indicator_id, section=section)
    item.answer = answer
    if remark is not None:
        item.remark = remark.strip()
    assessment.lock_version += 1
    item.saved_version = assessment.lock_version
    item.updated_by = actor
    item.save()
    assessment.last_saved_at, assessment.last_saved_by = timezone.now(), actor
    assessment.save(update_fields=["lock_version", "last_saved_at", "last_saved_by", "updated_at"])
    record_event(
        "assessment.item_saved",
        actor=actor,
        obj=assessment,
        organisation=assessment.mine.enterprise,
        changes={"before": before, "after": {"id": indicator_id, "answer": answer, "remark": item.remark}},
    )
    return item, assessment.lock_version


@transaction.atomic
def attach_evidence(
    *, actor: User, assessment: SelfAssessment, indicator_id: str, evidence: EvidenceFile
) -> AssessmentItem:
    """Link an evidence file of the mine's enterprise to an item of a draft (one file may support many)."""
    assessment = _editable(actor, assessment)
    if evidence.organisation_id != assessment.mine.enterprise_id:
        raise PermissionDenied
    section = _section_of(assessment, indicator_id)
    item, _created = AssessmentItem.objects.get_or_create(
        assessment=assessment, indicator_id=indicator_id, defaults={"section": section, "updated_by": actor}
    )
    item.evidence.add(evidence)
    record_event(
        "assessment.evidence_attached",
        actor=actor,
        obj=assessment,
        organisation=assessment.mine.enterprise,
        changes={"after": {"id": indicator_id, "sha256": evidence.sha256, "name": evidence.original_name}},
    )
    return item


@transaction.atomic
def detach_evidence(
    *, actor: User, assessment: SelfAssessment, indicator_id: str, evidence: EvidenceFile
) -> None:
    """Unlink an evidence file from an item of a draft (the file itself stays)."""
    assessment = _editable(actor, assessment)
    item = AssessmentItem.objects.filter(assessment=assessment, indicator_id=indicator_id).first()
    if item is not None:
        item.evidence.remove(evidence)
        record_event(
            "assessment.evidence_detached",
            actor=actor,
            obj=assessment,
            organisation=assessment.mine.enterprise,
            changes={"before": {"id": indicator_id, "sha256": evidence.sha256}},
        )


def canonical_hash(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_snapshot(assessment: SelfAssessment) -> dict[str, Any]:
    """What submission freezes: the standard pinned, every answer with remarks and evidence hashes, and the
    scores the engine gave them."""
    items = list(assessment.items.prefetch_related("evidence").order_by("pk"))
    result = live_result(assessment, items)
    version = assessment.standard_version
    evidence: dict[str, dict[str, Any]] = {}
    for item in items:
        for file in item.evidence.all():
            evidence[file.sha256] = {
                "sha256": file.sha256,
                "name": file.original_name,
                "size": file.size,
                "content_type": file.content_type,
                "id": file.pk,
            }
    return {
        "standard": {
            "version_id": version.pk,
            "code": version.standard.code,
            "version": version.version,
            "title": version.standard.title,
            "content_hash": version.content_hash,
        },
        "responses": responses_of(items),
        "items": [
            {
                "id": item.indicator_id,
                "section": item.section,
                "answer": item.answer,
                "remark": item.remark,
                "evidence": sorted(f.sha256 for f in item.evidence.all()),
            }
            for item in items
        ],
        "evidence": sorted(evidence.values(), key=lambda e: e["name"]),
        "result": {
            **result.to_json_dict(),
            "total": str(result.total),
            "max": str(result.max),
            "prerequisites_met": result.prerequisites_met,
            "node_scores": {n.id: str(n.score) for n in result.nodes},
        },
    }


@transaction.atomic
def submit_self_assessment(*, actor: User, assessment: SelfAssessment) -> SelfAssessment:
    """Submit a complete draft. Rule: every item, prerequisite and veto must be answered (an incomplete
    one is refused listing what is missing); the responses, scores, evidence hashes and the standard
    version are frozen in the snapshot and never change afterwards."""
    assessment = _locked_assessment(assessment)
    require(actor, SUBMIT, assessment)
    _require_enterprise(actor, assessment.mine, SUBMIT)
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError(_("This self-assessment has already been submitted."))
    missing = completeness(assessment)
    if missing:
        raise IncompleteError(missing)
    assessment.snapshot = build_snapshot(assessment)
    assessment.snapshot_hash = canonical_hash(assessment.snapshot)
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at, assessment.submitted_by = timezone.now(), actor
    assessment.save()
    record_event(
        "assessment.submitted",
        actor=actor,
        obj=assessment,
        organisation=assessment.mine.enterprise,
        changes={
            "after": {
                "snapshot_hash": assessment.snapshot_hash,
                "total": assessment.snapshot["result"]["total"],
                "passed": assessment.snapshot["result"]["passed"],
            }
        },
    )
    return assessment


@transaction.atomic
def return_self_assessment(
    *, actor: User, assessment: SelfAssessment, comment: str = "", item_comments: dict[str, str] | None = None
) -> SelfAssessment:
    """The bureau returns a submission with comments (overall and per indicator). The submitted content
    stays frozen; the enterprise answers with a revision."""
    assessment = _locked_assessment(assessment)
    require(actor, REVIEW, assessment)
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted self-assessment can be returned."))
    item_comments = {k: v.strip() for k, v in (item_comments or {}).items() if (v or "").strip()}
    if not comment.strip() and not item_comments:
        raise ValidationError({"comment": [_("Say what must change when returning a self-assessment.")]})
    standard = standard_of(assessment.standard_version)
    known = (
        {i.id for i in standard.indicators}
        | {p.id for p in standard.prerequisites}
        | {v.id for v in standard.vetoes}
    )
    unknown = sorted(set(item_comments) - known)
    if unknown:
        raise ValidationError(
            {"item_comments": [_("Unknown indicators: %(ids)s") % {"ids": ", ".join(unknown)}]}
        )
    ReturnComment.objects.bulk_create(
        ReturnComment(assessment=assessment, indicator_id=k, comment=v, created_by=actor)
        for k, v in item_comments.items()
    )
    assessment.status, assessment.return_comment = AssessmentStatus.RETURNED, comment.strip()
    assessment.reviewed_at, assessment.reviewed_by = timezone.now(), actor
    assessment.save(update_fields=["status", "return_comment", "reviewed_at", "reviewed_by", "updated_at"])
    record_event(
        "assessment.returned",
        actor=actor,
        obj=assessment,
        organisation=assessment.mine.enterprise,
        changes={"after": {"comment": assessment.return_comment, "items": item_comments}},
    )
    return assessment


@transaction.atomic
def accept_self_assessment(*, actor: User, assessment: SelfAssessment) -> SelfAssessment:
    """The bureau accepts a submission as the basis of the next step (third-party assessment)."""
    assessment = _locked_assessment(assessment)
    require(actor, REVIEW, assessment)
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted self-assessment can be accepted."))
    assessment.status = AssessmentStatus.ACCEPTED
    assessment.reviewed_at, assessment.reviewed_by = timezone.now(), actor
    assessment.save(update_fields=["status", "reviewed_at", "reviewed_by", "updated_at"])
    record_event(
        "assessment.accepted",
        actor=actor,
        obj=assessment,
        organisation=assessment.mine.enterprise,
        changes={"after": {"status": assessment.status}},
    )
    return assessment


@transaction.atomic
def revise_self_assessment(*, actor: User, assessment: SelfAssessment) -> SelfAssessment:
    """A new draft version copying the answers, remarks and evidence links, pointing at the old one, which
    stays frozen. It keeps the old version's standard, so the answers still fit."""
    assessment = _locked_assessment(assessment)
    require(actor, VIEW, assessment)
    _require_enterprise(actor, assessment.mine)
    if assessment.status == AssessmentStatus.DRAFT:
        raise ValidationError(_("A draft is edited directly."))
    if SelfAssessment.objects.filter(mine=assessment.mine, status=AssessmentStatus.DRAFT).exists():
        raise ValidationError(_("This mine already has a draft self-assessment."))
    last = SelfAssessment.objects.filter(mine=assessment.mine).order_by("-version_no").first()
    new = SelfAssessment.objects.create(
        mine=assessment.mine,
        standard_version=assessment.standard_version,
        previous=assessment,
        version_no=last.version_no + 1,
        created_by=actor,
    )
    for item in assessment.items.prefetch_related("evidence"):
        copy = AssessmentItem.objects.create(
            assessment=new,
            section=item.section,
            indicator_id=item.indicator_id,
            answer=item.answer,
            remark=item.remark,
            updated_by=actor,
        )
        copy.evidence.set(item.evidence.all())
    require(actor, CHANGE, new)
    record_event(
        "assessment.revised",
        actor=actor,
        obj=new,
        organisation=assessment.mine.enterprise,
        changes={"after": {"previous": assessment.pk, "version_no": new.version_no}},
    )
    return new
