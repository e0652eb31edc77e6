"""The review: prerequisites verified first (desk review), the veto items verified by the team itself,
the site visit with the signed commitment letter and photos (field review), a score and finding for every
indicator, and completion with the standards engine. Re-exported by greenmine.thirdparty.services."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from greenmine.assessments.selectors import standard_of
from greenmine.core import evidence as evidence_files
from greenmine.core.audit import record_event
from greenmine.core.evidence_services import store_evidence
from greenmine.core.models import User
from greenmine.core.permissions import VIEW, require
from greenmine.standards.document import Standard
from greenmine.standards.responses import ResponsesInvalid, parse_responses
from greenmine.standards.scoring import NotScorable, Result, score
from greenmine.thirdparty.choices import CheckSection, ThirdPartyStatus
from greenmine.thirdparty.exif import gps_of
from greenmine.thirdparty.models import (
    ASSESS,
    IndicatorScore,
    PrerequisiteCheck,
    SitePhoto,
    SiteVisit,
    ThirdPartyAssessment,
)


def standard_for(assessment: ThirdPartyAssessment) -> Standard:
    """The standard version pinned by the self-assessment (the third party scores against the same)."""
    return standard_of(assessment.self_assessment.standard_version)


def self_scores(assessment: ThirdPartyAssessment) -> dict[str, Decimal]:
    """The self-assessment's score of every node, from its frozen snapshot."""
    scores = ((assessment.self_assessment.snapshot or {}).get("result") or {}).get("node_scores") or {}
    return {k: Decimal(str(v)) for k, v in scores.items()}


def responses(assessment: ThirdPartyAssessment, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The third party's answers in the engine's RESPONSES format: the team's verdicts on the
    prerequisites and on the veto items (never the enterprise's own), and the team's answers to the
    items."""
    items = {s.indicator_id: s.answer for s in assessment.scores.all()}
    items.update(extra or {})
    checks = list(assessment.checks.all())
    return {
        "prerequisites": {c.indicator_id: c.holds for c in checks if c.section == CheckSection.PREREQUISITE},
        "vetoes": {c.indicator_id: c.occurred for c in checks if c.section == CheckSection.VETO},
        "items": items,
    }


def result_of(assessment: ThirdPartyAssessment, extra: dict[str, Any] | None = None) -> Result:
    standard = standard_for(assessment)
    return score(standard, parse_responses(responses(assessment, extra), standard))


def _open(assessment: ThirdPartyAssessment, actor: User) -> ThirdPartyAssessment:
    assessment = ThirdPartyAssessment.objects.select_for_update().get(pk=assessment.pk)
    require(actor, ASSESS, assessment)
    if assessment.status != ThirdPartyStatus.IN_REVIEW:
        if assessment.status == ThirdPartyStatus.COMPLETED:
            raise ValidationError(_("This assessment is completed; nothing can change."))
        raise ValidationError(_("The review opens when every team member has declared no conflict."))
    return assessment


def _share_with_bureau(actor: User, assessment: ThirdPartyAssessment, evidence: Any) -> None:
    """The commissioning bureau may open the agency's letter and photos (a core Grant), wherever the
    agency is registered."""
    from greenmine.thirdparty.services import _grant

    _grant(
        evidence, VIEW, actor=actor, org=assessment.commissioned_by_org, reason=f"thirdparty #{assessment.pk}"
    )


def _verified(assessment: ThirdPartyAssessment, section: str) -> set[str]:
    return set(assessment.checks.filter(section=section).values_list("indicator_id", flat=True))


def unverified_prerequisites(assessment: ThirdPartyAssessment) -> list[str]:
    done = _verified(assessment, CheckSection.PREREQUISITE)
    return [p.id for p in standard_for(assessment).prerequisites if p.id not in done]


def unverified_vetoes(assessment: ThirdPartyAssessment) -> list[str]:
    done = _verified(assessment, CheckSection.VETO)
    return [v.id for v in standard_for(assessment).vetoes if v.id not in done]


def _check(
    actor: User, assessment: ThirdPartyAssessment, section: str, indicator_id: str
) -> ThirdPartyAssessment:
    """The rules shared by both verifications: the review open, the actor a declared member, the id one
    of the section's conditions of the pinned standard, not yet verified (a verdict is final)."""
    assessment = _open(assessment, actor)
    standard = standard_for(assessment)
    if section == CheckSection.VETO:
        ids = {v.id for v in standard.vetoes}
        unknown = _("%(id)s is not a veto item of the standard.")
    else:
        ids = {p.id for p in standard.prerequisites}
        unknown = _("%(id)s is not a prerequisite of the standard.")
    if indicator_id not in ids:
        raise ValidationError({"indicator_id": [unknown % {"id": indicator_id}]})
    if assessment.checks.filter(indicator_id=indicator_id).exists():
        raise ValidationError(
            {"indicator_id": [_("%(id)s has already been verified.") % {"id": indicator_id}]}
        )
    return assessment


@transaction.atomic
def verify_prerequisite(
    *, actor: User, assessment: ThirdPartyAssessment, indicator_id: str, holds: bool, note: str = ""
) -> PrerequisiteCheck:
    """Desk review, first step: the team verifies one prerequisite (yes/no with a note). Final once made."""
    assessment = _check(actor, assessment, CheckSection.PREREQUISITE, indicator_id)
    if not isinstance(holds, bool):
        raise ValidationError({"holds": [_("Say whether the prerequisite holds.")]})
    if not holds and not (note or "").strip():
        raise ValidationError({"note": [_("Say why the prerequisite does not hold.")]})
    check = PrerequisiteCheck.objects.create(
        assessment=assessment,
        section=CheckSection.PREREQUISITE,
        indicator_id=indicator_id,
        holds=holds,
        note=(note or "").strip(),
        verified_by=actor,
    )
    record_event(
        "thirdparty.prerequisite_verified",
        actor=actor,
        obj=assessment,
        organisation=assessment.agency,
        changes={"after": {"indicator": indicator_id, "holds": holds, "note": check.note}},
    )
    return check


@transaction.atomic
def verify_veto(
    *, actor: User, assessment: ThirdPartyAssessment, indicator_id: str, occurred: bool, note: str = ""
) -> PrerequisiteCheck:
    """The team's own verdict on one veto item (一票否决, e.g. 越界开采): occurred yes/no, with a note
    (required when it occurred). Any time during the review, before completion; final once made. A veto
    the team finds occurred fails the assessment whatever the enterprise answered."""
    assessment = _check(actor, assessment, CheckSection.VETO, indicator_id)
    if not isinstance(occurred, bool):
        raise ValidationError({"occurred": [_("Say whether the veto item occurred.")]})
    if occurred and not (note or "").strip():
        raise ValidationError({"note": [_("Say what the team found: the veto item occurred.")]})
    check = PrerequisiteCheck.objects.create(
        assessment=assessment,
        section=CheckSection.VETO,
        indicator_id=indicator_id,
        occurred=occurred,
        note=(note or "").strip(),
        verified_by=actor,
    )
    record_event(
        "thirdparty.veto_verified",
        actor=actor,
        obj=assessment,
        organisation=assessment.agency,
        changes={"after": {"indicator": indicator_id, "occurred": occurred, "note": check.note}},
    )
    return check


def _require_prerequisites(assessment: ThirdPartyAssessment) -> None:
    missing = unverified_prerequisites(assessment)
    if missing:
        raise ValidationError(
            _("Verify every prerequisite first; not yet verified: %(ids)s") % {"ids": ", ".join(missing)}
        )


@transaction.atomic
def record_site_visit(
    *,
    actor: User,
    assessment: ThirdPartyAssessment,
    visit_date: dt.date,
    attendees: str,
    commitment_letter: IO[bytes] | None,
    notes: str = "",
) -> SiteVisit:
    """Field review: the visit's date and attendees, and the signed commitment letter (评估工作承诺书)
    the leader read at the opening meeting, uploaded as evidence of the agency (required)."""
    assessment = _open(assessment, actor)
    _require_prerequisites(assessment)
    if SiteVisit.objects.filter(assessment=assessment).exists():
        raise ValidationError(_("The site visit has already been recorded."))
    errors: dict[str, list[str]] = {}
    if not isinstance(visit_date, dt.date):
        errors["visit_date"] = [_("Give the date of the visit.")]
    if not (attendees or "").strip():
        errors["attendees"] = [_("List who attended.")]
    if commitment_letter is None:
        errors["commitment_letter"] = [_("Upload the signed commitment letter (评估工作承诺书).")]
    if errors:
        raise ValidationError(errors)
    try:
        letter = store_evidence(actor=actor, organisation=assessment.agency, uploaded_file=commitment_letter)
    except ValidationError as exc:
        raise ValidationError({"commitment_letter": exc.messages}) from None
    except PermissionDenied:
        raise PermissionDenied from None
    _share_with_bureau(actor, assessment, letter)
    visit = SiteVisit.objects.create(
        assessment=assessment,
        visit_date=visit_date,
        attendees=attendees.strip(),
        commitment_letter=letter,
        notes=(notes or "").strip(),
        recorded_by=actor,
    )
    record_event(
        "thirdparty.site_visit_recorded",
        actor=actor,
        obj=assessment,
        organisation=assessment.agency,
        changes={
            "after": {
                "visit_date": visit_date,
                "attendees": visit.attendees,
                "commitment_letter": letter.sha256,
                "notes": visit.notes,
            }
        },
    )
    return visit


@transaction.atomic
def add_site_photo(
    *, actor: User, assessment: ThirdPartyAssessment, uploaded_file: IO[bytes], caption: str = ""
) -> SitePhoto:
    """A photo of the visit; its location comes from the EXIF GPS tags where present."""
    assessment = _open(assessment, actor)
    visit = SiteVisit.objects.filter(assessment=assessment).first()
    if visit is None:
        raise ValidationError(_("Record the site visit first."))
    name = (getattr(uploaded_file, "name", "") or "photo").rsplit("/", 1)[-1]
    data = evidence_files.read_limited(uploaded_file, name)
    buffer = io.BytesIO(data)
    buffer.name = name
    try:
        stored = store_evidence(actor=actor, organisation=assessment.agency, uploaded_file=buffer)
    except ValidationError as exc:
        raise ValidationError({"photo": exc.messages}) from None
    if not stored.is_image:
        raise ValidationError({"photo": [_("Upload a photo (an image file).")]})
    _share_with_bureau(actor, assessment, stored)
    location = gps_of(data)
    photo = SitePhoto.objects.create(
        visit=visit,
        evidence=stored,
        caption=(caption or "").strip()[:200],
        latitude=location[0] if location else None,
        longitude=location[1] if location else None,
        added_by=actor,
    )
    record_event(
        "thirdparty.site_photo_added",
        actor=actor,
        obj=assessment,
        organisation=assessment.agency,
        changes={"after": {"photo": stored.sha256, "caption": photo.caption, "location": location}},
    )
    return photo


@transaction.atomic
def score_indicator(
    *,
    actor: User,
    assessment: ThirdPartyAssessment,
    indicator_id: str,
    answer: dict[str, Any],
    finding: str,
    explanation: str = "",
) -> IndicatorScore:
    """The team's answer and finding for one scored indicator; the engine gives the points, beside the
    self-assessment's. Refused until every prerequisite is verified. Final once made (an explanation of
    the difference may be added later, once)."""
    assessment = _open(assessment, actor)
    _require_prerequisites(assessment)
    standard = standard_for(assessment)
    leaves = {leaf.id for leaf in standard.leaves()}
    if indicator_id not in leaves:
        raise ValidationError(
            {"indicator_id": [_("%(id)s is not a scored indicator of the standard.") % {"id": indicator_id}]}
        )
    if assessment.scores.filter(indicator_id=indicator_id).exists():
        raise ValidationError({"indicator_id": [_("%(id)s has already been scored.") % {"id": indicator_id}]})
    if not (finding or "").strip():
        raise ValidationError({"finding": [_("Write the finding for %(id)s.") % {"id": indicator_id}]})
    try:
        parse_responses({"items": {indicator_id: answer}}, standard)
        result = result_of(assessment, {indicator_id: answer})
    except (ResponsesInvalid, NotScorable) as exc:
        raise ValidationError({"answer": [str(exc)]}) from None
    points = result.node(indicator_id).score
    row = IndicatorScore.objects.create(
        assessment=assessment,
        indicator_id=indicator_id,
        answer=answer,
        score=points,
        self_score=self_scores(assessment).get(indicator_id),
        finding=finding.strip(),
        explanation=(explanation or "").strip(),
        scored_by=actor,
        explained_at=timezone.now() if (explanation or "").strip() else None,
        explained_by=actor if (explanation or "").strip() else None,
    )
    record_event(
        "thirdparty.indicator_scored",
        actor=actor,
        obj=assessment,
        organisation=assessment.agency,
        changes={
            "after": {
                "indicator": indicator_id,
                "answer": answer,
                "score": points,
                "self_score": row.self_score,
                "finding": row.finding,
                "explanation": row.explanation,
            }
        },
    )
    return row


def needs_explanation(row: IndicatorScore, threshold: Decimal | None = None) -> bool:
    from greenmine.thirdparty.services import explain_threshold

    threshold = explain_threshold() if threshold is None else threshold
    return row.difference is not None and abs(row.difference) > threshold and not row.explanation


@transaction.atomic
def explain_difference(*, actor: User, score_row: IndicatorScore, explanation: str) -> IndicatorScore:
    """Add the assessor's explanation of a difference from the self-assessment (once; the score stays)."""
    _open(score_row.assessment, actor)
    row = IndicatorScore.objects.select_for_update().get(pk=score_row.pk)
    if row.explanation:
        raise ValidationError(
            {"explanation": [_("%(id)s already carries an explanation.") % {"id": row.indicator_id}]}
        )
    if not (explanation or "").strip():
        raise ValidationError({"explanation": [_("Write the explanation.")]})
    row.explanation, row.explained_at, row.explained_by = explanation.strip(), timezone.now(), actor
    row.save(update_fields=["explanation", "explained_at", "explained_by"])
    record_event(
        "thirdparty.difference_explained",
        actor=actor,
        obj=row.assessment,
        organisation=row.assessment.agency,
        changes={"after": {"indicator": row.indicator_id, "explanation": row.explanation}},
    )
    return row


@transaction.atomic
def complete(*, actor: User, assessment: ThirdPartyAssessment, conclusion: str) -> ThirdPartyAssessment:
    """The team leader completes the assessment: every prerequisite and every veto item verified by the
    team, the site visit recorded, every indicator scored, every large difference explained (refused
    naming them); the engine computes the third-party total and the pass from the TEAM's verdicts and
    answers (a veto the team finds occurred fails it), which never change afterwards."""
    assessment = _open(assessment, actor)
    if not assessment.members.filter(is_leader=True, expert__user=actor).exists():
        raise PermissionDenied
    _require_prerequisites(assessment)
    errors: dict[str, list[str]] = {}
    unverified = unverified_vetoes(assessment)
    if unverified:
        errors["vetoes"] = [
            _("Verify every veto item first; not yet verified: %(ids)s") % {"ids": ", ".join(unverified)}
        ]
    if not SiteVisit.objects.filter(assessment=assessment).exists():
        errors["site_visit"] = [_("Record the site visit with the signed commitment letter first.")]
    standard = standard_for(assessment)
    scored = set(assessment.scores.values_list("indicator_id", flat=True))
    unscored = [leaf.id for leaf in standard.leaves() if leaf.id not in scored]
    if unscored:
        errors["scores"] = [_("Indicators not yet scored: %(ids)s") % {"ids": ", ".join(unscored)}]
    unexplained = [row.indicator_id for row in assessment.scores.all() if needs_explanation(row)]
    if unexplained:
        errors["explanation"] = [
            _("A difference from the self-assessment beyond %(points)s points needs an explanation: %(ids)s")
            % {"points": _threshold_text(), "ids": ", ".join(unexplained)}
        ]
    if not (conclusion or "").strip():
        errors["conclusion"] = [_("Write the conclusion.")]
    if errors:
        raise ValidationError(errors)
    result = result_of(assessment)
    assessment.total_score = result.total
    assessment.passed = result.passed
    assessment.result = {
        "total": str(result.total),
        "max": str(result.max),
        "passed": result.passed,
        "prerequisites_met": result.prerequisites_met,
        "reasons": [str(r) for r in result.reasons],
        "node_scores": {n.id: str(n.score) for n in result.nodes},
    }
    assessment.conclusion = conclusion.strip()
    assessment.status = ThirdPartyStatus.COMPLETED
    assessment.completed_at, assessment.completed_by = timezone.now(), actor
    assessment.save()
    record_event(
        "thirdparty.completed",
        actor=actor,
        obj=assessment,
        organisation=assessment.agency,
        changes={
            "after": {
                "total_score": result.total,
                "passed": result.passed,
                "self_total": assessment.self_total,
                "reasons": assessment.result["reasons"],
            }
        },
    )
    return assessment


def _threshold_text() -> str:
    from greenmine.thirdparty.services import explain_threshold

    return str(explain_threshold())
