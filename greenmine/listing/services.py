"""State changes of the green-mine list. Each is one function: transaction, permission and state checks,
the rows, one audit event. Views, the API, the clock job, the demo and the tests call these; nothing else
writes. Decisions, answers and the higher level's decision are final once recorded."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from greenmine.core.audit import record_event
from greenmine.core.calendar import UnknownYearError, add_working_days
from greenmine.core.choices import OrganisationKind
from greenmine.core.evidence_services import acts_for
from greenmine.core.models import EvidenceFile, Grant, Organisation, User
from greenmine.core.permissions import CHANGE, VIEW, can, has_role_in, memberships_of, require, role_allows
from greenmine.listing.choices import (
    DECISION_STATUS,
    ListingDecision,
    ListingStatus,
    ListLevel,
    NoticeStatus,
    ObjectionStatus,
    OpinionAnswer,
    RecommendationStatus,
    ReviewStatus,
)
from greenmine.listing.models import (
    Listing,
    Objection,
    OpinionRequest,
    PublicNotice,
    Recommendation,
    Review,
)
from greenmine.listing.receipts import new_receipt
from greenmine.registry.choices import GreenStatus
from greenmine.registry.models import Mine

COMPLETED = "completed"  # greenmine.thirdparty.choices.ThirdPartyStatus.COMPLETED


def _errors(**fields: str) -> ValidationError:
    return ValidationError({name: [message] for name, message in fields.items()})


def _require_bureau(actor: Any, mine: Mine) -> None:
    """Staff or admins of the bureau whose division holds the mine."""
    if not has_role_in(actor, [OrganisationKind.BUREAU], CHANGE) or not can(actor, CHANGE, mine):
        raise PermissionDenied


def _locked(model: Any, obj: Any) -> Any:
    return model.objects.select_for_update(of=("self",)).get(pk=obj.pk)


def _required_text(value: str | None, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise _errors(**{field: message})
    return text


def opinion_deadline(start: date | None = None) -> date:
    """The default deadline of an opinion request: LISTING_OPINION_WORKING_DAYS working days from today."""
    start = start or timezone.localdate()
    return _working_days_after(start, settings.LISTING_OPINION_WORKING_DAYS, "deadline")


def _working_days_after(start: date, days: int, field: str) -> date:
    try:
        return add_working_days(start, days)
    except UnknownYearError as exc:
        raise _errors(
            **{
                field: _(
                    "The %(year)s holiday schedule is not known yet: enter the %(year)s schedule in the "
                    "working-day calendar first."
                )
                % {"year": exc.year}
            }
        ) from None


# --- review (初审) and department opinions ----------------------------------------------------------------


@transaction.atomic
def open_review(*, actor: User, assessment: Any) -> Review:
    """The bureau of the mine's division opens a review of a completed third-party assessment (one open or
    recommended review per assessment)."""
    mine = assessment.mine
    _require_bureau(actor, mine)
    if assessment.status != COMPLETED:
        raise _errors(assessment=_("Only a completed third-party assessment can be reviewed."))
    if Review.objects.filter(
        assessment=assessment, status__in=[ReviewStatus.OPEN, ReviewStatus.RECOMMENDED]
    ).exists():
        raise _errors(assessment=_("This assessment is already under review or recommended."))
    review = Review.objects.create(mine=mine, assessment=assessment, created_by=actor)
    require(actor, CHANGE, review)
    record_event(
        "listing.review_opened",
        actor=actor,
        obj=review,
        organisation=mine.enterprise,
        changes={"after": {"assessment": assessment.pk, "mine": mine.pk}},
    )
    return review


def _open_review(actor: User, review: Review) -> Review:
    review = (
        Review.objects.select_for_update(of=("self",)).select_related("mine__enterprise").get(pk=review.pk)
    )
    _require_bureau(actor, review.mine)
    if review.status != ReviewStatus.OPEN:
        raise ValidationError(_("This review has been decided; its record cannot change."))
    return review


@transaction.atomic
def request_opinion(
    *,
    actor: User,
    review: Review,
    department: Organisation,
    deadline: date | None = None,
    question: str = "",
) -> OpinionRequest:
    """Ask a partner department for its opinion by a deadline (default: LISTING_OPINION_WORKING_DAYS
    working days from today)."""
    review = _open_review(actor, review)
    if not isinstance(department, Organisation) or department.kind != OrganisationKind.DEPARTMENT:
        raise _errors(department=_("Choose a partner department."))
    if not department.is_active:
        raise _errors(department=_("This department is deactivated."))
    if review.opinions.filter(department=department).exists():
        raise _errors(department=_("This department has already been asked on this review."))
    today = timezone.localdate()
    deadline = deadline or opinion_deadline(today)
    if deadline < today:
        raise _errors(deadline=_("The deadline cannot be in the past."))
    request = OpinionRequest.objects.create(
        review=review, department=department, deadline=deadline, question=question.strip(), created_by=actor
    )
    require(actor, CHANGE, request)
    shared = _share_evidence(review, department, actor, reason=f"opinion request #{request.pk}")
    record_event(
        "listing.opinion_requested",
        actor=actor,
        obj=review,
        organisation=review.mine.enterprise,
        changes={
            "after": {
                "department": department.pk,
                "deadline": deadline.isoformat(),
                "evidence_shared": shared,
            }
        },
    )
    return request


def _review_evidence(review: Review) -> list[EvidenceFile]:
    """The files behind a review: the self-assessment's evidence (as frozen at submission) and the
    third-party field review's commitment letter and photos."""
    assessment = review.assessment
    snapshot = assessment.self_assessment.snapshot or {}
    ids = {row["id"] for row in snapshot.get("evidence", []) if row.get("id")}
    visit = getattr(assessment, "site_visit", None)
    if visit is not None:
        ids.add(visit.commitment_letter_id)
        ids.update(visit.photos.values_list("evidence_id", flat=True))
    return list(EvidenceFile.objects.filter(pk__in=ids).order_by("pk"))


def _share_evidence(review: Review, department: Organisation, actor: User, *, reason: str) -> list[int]:
    """A department asked for its opinion may read the evidence it is asked about (core Grants to the
    department, VIEW only). Only files the asking bureau may read itself are shared: nobody hands out what
    they do not have. Returns the ids shared."""
    content_type = ContentType.objects.get_for_model(EvidenceFile)
    shared = []
    for file in _review_evidence(review):
        if not can(actor, VIEW, file):
            continue
        Grant.objects.get_or_create(
            content_type=content_type,
            object_id=file.pk,
            user=None,
            organisation=department,
            action=VIEW,
            defaults={"reason": reason, "created_by": actor},
        )
        shared.append(file.pk)
    return shared


@transaction.atomic
def answer_opinion(
    *,
    actor: User,
    request: OpinionRequest,
    answer: str,
    text: str = "",
    attachment: EvidenceFile | None = None,
) -> OpinionRequest:
    """The addressed department answers, before the deadline; the answer is final."""
    request = (
        OpinionRequest.objects.select_for_update(of=("self",))
        .select_related("review", "department")
        .get(pk=request.pk)
    )
    if not acts_for(actor, request.department, CHANGE):
        raise PermissionDenied
    if request.answered:
        raise ValidationError(_("This opinion has been given; it cannot change."))
    if request.review.status != ReviewStatus.OPEN:
        raise ValidationError(_("The review has been decided; opinions are closed."))
    if request.is_overdue(timezone.localdate()):
        raise ValidationError(
            _("The deadline (%(date)s) has passed; the bureau decides without this opinion.")
            % {"date": request.deadline.isoformat()}
        )
    if answer not in OpinionAnswer.values:
        raise _errors(answer=_("Choose agree, agree with conditions or disagree."))
    text = (text or "").strip()
    if answer != OpinionAnswer.AGREE and not text:
        raise _errors(answer_text=_("Give the reasons or the conditions of this opinion."))
    if attachment is not None and attachment.organisation_id != request.department_id:
        raise _errors(attachment=_("Attach a file uploaded by your department."))
    request.answer = answer
    request.answer_text = text
    request.attachment = attachment
    request.answered_at = timezone.now()
    request.answered_by = actor
    request.save(
        update_fields=["answer", "answer_text", "attachment", "answered_at", "answered_by", "updated_at"]
    )
    record_event(
        "listing.opinion_answered",
        actor=actor,
        obj=request,
        organisation=request.department,
        changes={"after": {"answer": answer, "review": request.review_id}},
    )
    return request


def missing_opinions(review: Review, on: date | None = None) -> list[OpinionRequest]:
    """Requested opinions still awaited: unanswered and not yet past their deadline."""
    today = on or timezone.localdate()
    return [r for r in review.opinions.select_related("department") if not r.answered and r.deadline >= today]


@transaction.atomic
def decide_review(*, actor: User, review: Review, decision: str, reasons: str, document_no: str) -> Review:
    """Recommend, return or reject, with reasons and the decision's document number (文号). Refused while
    a requested opinion is unanswered and its deadline has not passed (the message names them)."""
    review = _open_review(actor, review)
    if decision not in ListingDecision.values:
        raise _errors(decision=_("Choose recommend, return or reject."))
    reasons = _required_text(reasons, "reasons", _("Give the reasons of the decision."))
    document_no = _required_text(
        document_no, "document_no", _("Enter the document number (文号) of the decision.")
    )
    waiting = missing_opinions(review)
    if waiting:
        names = "、".join(f"{r.department.name}（{r.deadline.isoformat()}）" for r in waiting)
        raise ValidationError(
            _("Waiting for the opinions of %(names)s: decide once they answer or their deadline passes.")
            % {"names": names},
            code="opinions_missing",
        )
    if decision == ListingDecision.RECOMMEND and review.assessment.passed is False:
        raise _errors(decision=_("The third-party assessment did not pass: the mine cannot be recommended."))
    review.status = DECISION_STATUS[ListingDecision(decision)]
    review.reasons = reasons
    review.document_no = document_no
    review.decided_at = timezone.now()
    review.decided_by = actor
    review.save(update_fields=["status", "reasons", "document_no", "decided_at", "decided_by", "updated_at"])
    record_event(
        "listing.review_decided",
        actor=actor,
        obj=review,
        organisation=review.mine.enterprise,
        changes={"after": {"status": review.status, "document_no": document_no, "reasons": reasons}},
    )
    return review


# --- public notice (公示) and objections -------------------------------------------------------------------


def _bureau_division(actor: Any) -> str:
    for membership in memberships_of(actor):
        org = membership.organisation
        if org.kind == OrganisationKind.BUREAU and role_allows(membership.role, CHANGE):
            return org.division_id
    raise PermissionDenied


@transaction.atomic
def publish_notice(
    *,
    actor: User,
    title: str,
    document_no: str,
    starts_on: date,
    reviews: Iterable[Review],
    period_days: int | None = None,
    body: str = "",
) -> PublicNotice:
    """Publish a notice of recommended reviews: the period counts working days (default
    DEFAULT_NOTICE_WORKING_DAYS); the last day is computed with the working-day calendar."""
    if not has_role_in(actor, [OrganisationKind.BUREAU], CHANGE):
        raise PermissionDenied
    division = _bureau_division(actor)
    title = _required_text(title, "title", _("Enter the notice's title."))
    document_no = _required_text(document_no, "document_no", _("Enter the notice's document number (文号)."))
    if not isinstance(starts_on, date):
        raise _errors(starts_on=_("Enter the first day of the notice."))
    period = settings.DEFAULT_NOTICE_WORKING_DAYS if period_days in (None, "") else int(period_days)
    if period < 1:
        raise _errors(period_days=_("The period is at least one working day."))
    chosen = list(Review.objects.select_for_update(of=("self",)).filter(pk__in=[r.pk for r in reviews]))
    if not chosen:
        raise _errors(reviews=_("Choose at least one recommended mine."))
    for review in chosen:
        _require_bureau(actor, review.mine)
        if review.status != ReviewStatus.RECOMMENDED:
            raise _errors(reviews=_("%(mine)s has not been recommended.") % {"mine": review.mine})
        if review.notice_id is not None:
            raise _errors(reviews=_("%(mine)s is already on a notice.") % {"mine": review.mine})
    ends_on = _working_days_after(starts_on, period, "starts_on")
    notice = PublicNotice.objects.create(
        division_id=division,
        title=title,
        document_no=document_no,
        body=(body or "").strip(),
        starts_on=starts_on,
        period_days=period,
        ends_on=ends_on,
        created_by=actor,
    )
    require(actor, CHANGE, notice)
    Review.objects.filter(pk__in=[r.pk for r in chosen]).update(notice=notice)
    record_event(
        "listing.notice_published",
        actor=actor,
        obj=notice,
        changes={
            "after": {
                "document_no": document_no,
                "starts_on": starts_on.isoformat(),
                "ends_on": ends_on.isoformat(),
                "period_days": period,
                "reviews": sorted(r.pk for r in chosen),
            }
        },
    )
    return notice


@transaction.atomic
def close_notice(*, notice: PublicNotice, on: date, actor: User | None = None) -> PublicNotice | None:
    """Close a notice after its last day (the clock calls this; closing twice does nothing)."""
    notice = _locked(PublicNotice, notice)
    if notice.status != NoticeStatus.PUBLISHED or notice.ends_on >= on:
        return None
    notice.status = NoticeStatus.CLOSED
    notice.closed_at = timezone.now()
    notice.save(update_fields=["status", "closed_at", "updated_at"])
    record_event(
        "listing.notice_closed",
        actor=actor,
        obj=notice,
        changes={"after": {"status": NoticeStatus.CLOSED, "ends_on": notice.ends_on.isoformat()}},
    )
    return notice


@transaction.atomic
def submit_objection(
    *, notice: PublicNotice, review: Review, name: str, contact: str, content: str, actor: Any = None
) -> Objection:
    """Anyone objects to a mine on a notice while it runs. Name and contact are required (as in practice)
    and never published; the returned objection carries the receipt code to follow it."""
    notice = PublicNotice.objects.get(pk=notice.pk)
    if not notice.accepts_objections(timezone.localdate()):
        raise ValidationError(_("This notice is not open for objections."))
    errors: dict[str, list[str]] = {}
    if review is None or not Review.objects.filter(pk=review.pk, notice=notice).exists():
        errors["review"] = [_("Choose a mine on this notice.")]
    name, contact, content = (name or "").strip(), (contact or "").strip(), (content or "").strip()
    if not name:
        errors["name"] = [_("Enter your name.")]
    if not contact:
        errors["contact"] = [_("Enter a telephone number or an address where the bureau can reach you.")]
    if not content:
        errors["content"] = [_("Write your objection and the facts behind it.")]
    if errors:
        raise ValidationError(errors)
    code = new_receipt()
    while Objection.objects.filter(receipt_code=code).exists():  # pragma: no cover — 80 bits
        code = new_receipt()
    user = actor if getattr(actor, "is_authenticated", False) else None
    objection = Objection.objects.create(
        notice=notice,
        review=review,
        name=name,
        contact=contact,
        content=content,
        receipt_code=code,
        created_by=user,
    )
    # The objector's name and contact stay out of the audit log's details (they are personal data).
    record_event(
        "listing.objection_received",
        actor=user,
        obj=objection,
        changes={"after": {"notice": notice.pk, "review": review.pk}},
        object_repr=f"{notice.document_no} 异议 #{objection.pk}",
    )
    return objection


@transaction.atomic
def answer_objection(*, actor: User, objection: Objection, answer: str) -> Objection:
    """The bureau answers an objection on record; the answer is final."""
    objection = (
        Objection.objects.select_for_update(of=("self",)).select_related("review__mine").get(pk=objection.pk)
    )
    if not has_role_in(actor, [OrganisationKind.BUREAU], CHANGE):
        raise PermissionDenied
    require(actor, CHANGE, objection)
    if objection.status == ObjectionStatus.ANSWERED:
        raise ValidationError(_("This objection has been answered; the answer cannot change."))
    objection.answer = _required_text(answer, "answer", _("Write the bureau's answer."))
    objection.status = ObjectionStatus.ANSWERED
    objection.answered_at = timezone.now()
    objection.answered_by = actor
    objection.save(update_fields=["answer", "status", "answered_at", "answered_by", "updated_at"])
    record_event(
        "listing.objection_answered",
        actor=actor,
        obj=objection,
        changes={"after": {"status": objection.status, "answer": objection.answer}},
    )
    return objection


# --- recommendation upward, the higher level's decision, the list -----------------------------------------


@transaction.atomic
def recommend_upward(
    *, actor: User, review: Review, level: str, recommended_on: date, document_no: str
) -> Recommendation:
    """Recommend a reviewed mine to the provincial or national list, once its notice has closed with every
    objection answered."""
    review = (
        Review.objects.select_for_update(of=("self",))
        .select_related("mine__enterprise", "notice")
        .get(pk=review.pk)
    )
    _require_bureau(actor, review.mine)
    if review.status != ReviewStatus.RECOMMENDED:
        raise ValidationError(_("Only a review decided as 'recommend' can go upward."))
    notice = review.notice
    if notice is None:
        raise ValidationError(_("Publish a notice of this mine first."))
    if notice.status != NoticeStatus.CLOSED:
        raise ValidationError(
            _("The notice runs until %(date)s; recommend once it has closed.")
            % {"date": notice.ends_on.isoformat()}
        )
    pending = review.objections.filter(status=ObjectionStatus.PENDING).count()
    if pending:
        raise ValidationError(
            _("%(count)d objection(s) to this mine await an answer; answer them first.") % {"count": pending}
        )
    if level not in ListLevel.values:
        raise _errors(level=_("Choose the provincial or the national list."))
    if not isinstance(recommended_on, date):
        raise _errors(recommended_on=_("Enter the date of the recommendation."))
    document_no = _required_text(
        document_no, "document_no", _("Enter the document number (文号) of the recommendation.")
    )
    if Recommendation.objects.filter(
        mine=review.mine, level=level, status=RecommendationStatus.PENDING
    ).exists():
        raise _errors(level=_("This mine already awaits a decision on this list."))
    if Listing.objects.filter(mine=review.mine, level=level, status=ListingStatus.ACTIVE).exists():
        raise _errors(level=_("This mine is already on this list."))
    recommendation = Recommendation.objects.create(
        mine=review.mine,
        review=review,
        level=level,
        recommended_on=recommended_on,
        document_no=document_no,
        created_by=actor,
    )
    require(actor, CHANGE, recommendation)
    record_event(
        "listing.recommended",
        actor=actor,
        obj=recommendation,
        organisation=review.mine.enterprise,
        changes={
            "after": {
                "level": level,
                "recommended_on": recommended_on.isoformat(),
                "document_no": document_no,
            }
        },
    )
    return recommendation


def _sync_green_status(mine: Mine, actor: Any) -> None:
    """The mine's green-mine status follows its listings: national over provincial; removed once every
    listing is removed. Only the listing services write these values."""
    active = set(
        Listing.objects.filter(mine=mine, status=ListingStatus.ACTIVE).values_list("level", flat=True)
    )
    if ListLevel.NATIONAL in active:
        status = GreenStatus.NATIONAL
    elif ListLevel.PROVINCIAL in active:
        status = GreenStatus.PROVINCIAL
    elif Listing.objects.filter(mine=mine, status=ListingStatus.REMOVED).exists():
        status = GreenStatus.REMOVED
    else:
        return
    before = Mine.objects.filter(pk=mine.pk).values_list("green_status", flat=True).get()
    if before == status:
        return
    Mine.objects.filter(pk=mine.pk).update(green_status=status, updated_at=timezone.now())
    record_event(
        "mine.green_status_changed",
        actor=actor,
        obj=mine,
        organisation=mine.enterprise,
        changes={"before": {"green_status": before}, "after": {"green_status": status}},
    )


@transaction.atomic
def record_decision(
    *,
    actor: User,
    recommendation: Recommendation,
    listed: bool,
    decided_on: date,
    document_no: str,
    level: str | None = None,
    notes: str = "",
) -> Recommendation:
    """Record the higher level's decision (level, date, document number, listed or not). Listed: the mine
    gets a listing and its green-mine status."""
    recommendation = (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("mine__enterprise")
        .get(pk=recommendation.pk)
    )
    _require_bureau(actor, recommendation.mine)
    if recommendation.status != RecommendationStatus.PENDING:
        raise ValidationError(_("The decision on this recommendation is on record; it cannot change."))
    level = level or recommendation.level
    if level not in ListLevel.values:
        raise _errors(level=_("Choose the provincial or the national list."))
    if not isinstance(decided_on, date):
        raise _errors(decided_on=_("Enter the date of the decision."))
    if decided_on < recommendation.recommended_on:
        raise _errors(decided_on=_("The decision cannot precede the recommendation."))
    document_no = _required_text(
        document_no, "document_no", _("Enter the document number (文号) of the decision.")
    )
    if (
        listed
        and Listing.objects.filter(
            mine=recommendation.mine, level=recommendation.level, status=ListingStatus.ACTIVE
        ).exists()
    ):
        raise _errors(level=_("This mine is already on this list."))
    recommendation.status = RecommendationStatus.LISTED if listed else RecommendationStatus.NOT_LISTED
    recommendation.decided_on = decided_on
    recommendation.decision_level = level
    recommendation.decision_document_no = document_no
    recommendation.decision_notes = (notes or "").strip()
    recommendation.decided_by = actor
    recommendation.save()
    listing = None
    if listed:
        listing = Listing.objects.create(
            mine=recommendation.mine,
            recommendation=recommendation,
            level=recommendation.level,
            listed_on=decided_on,
            document_no=document_no,
            created_by=actor,
        )
    record_event(
        "listing.decision_recorded",
        actor=actor,
        obj=recommendation,
        organisation=recommendation.mine.enterprise,
        changes={
            "after": {
                "listed": listed,
                "level": level,
                "decided_on": decided_on.isoformat(),
                "document_no": document_no,
                "listing": listing.pk if listing else None,
            }
        },
    )
    if listing is not None:
        _sync_green_status(recommendation.mine, actor)
    return recommendation


@transaction.atomic
def record_existing_listing(
    *, actor: User, mine: Mine, level: str, listed_on: date, document_no: str
) -> Listing:
    """Enter a listing decided before this system (the programme's baseline, 底数库): the mine, the list,
    the date and the announcement's document number. It then counts like any other listing — marked
    everywhere, on the public list, spot-checked and removable — so a mine the registry shows as listed
    always has its listing on record."""
    mine = Mine.objects.select_related("enterprise").get(pk=mine.pk)
    _require_bureau(actor, mine)
    if level not in ListLevel.values:
        raise _errors(level=_("Choose the provincial or the national list."))
    if not isinstance(listed_on, date):
        raise _errors(listed_on=_("Enter the date of the listing."))
    if listed_on > timezone.localdate():
        raise _errors(listed_on=_("A listing on record cannot be dated in the future."))
    document_no = _required_text(
        document_no, "document_no", _("Enter the document number (文号) of the listing announcement.")
    )
    if Listing.objects.filter(mine=mine, level=level, status=ListingStatus.ACTIVE).exists():
        raise _errors(level=_("This mine is already on this list."))
    listing = Listing.objects.create(
        mine=mine, level=level, listed_on=listed_on, document_no=document_no, created_by=actor
    )
    record_event(
        "listing.existing_recorded",
        actor=actor,
        obj=listing,
        organisation=mine.enterprise,
        changes={"after": {"level": level, "listed_on": listed_on.isoformat(), "document_no": document_no}},
    )
    _sync_green_status(mine, actor)
    return listing


def _remove(
    listing: Listing, *, actor: Any, reasons: str, document_no: str, on: date, order_id: int | None
) -> Listing:
    listing.status = ListingStatus.REMOVED
    listing.removed_on = on
    listing.removal_reasons = reasons
    listing.removal_document_no = document_no
    listing.removal_order_id = order_id
    listing.removed_by = actor if getattr(actor, "is_authenticated", False) else None
    listing.save()
    record_event(
        "listing.removed",
        actor=actor,
        obj=listing,
        organisation=listing.mine.enterprise,
        changes={
            "after": {
                "status": ListingStatus.REMOVED,
                "removed_on": on.isoformat(),
                "reasons": reasons,
                "document_no": document_no,
                "rectification_order": order_id,
            }
        },
    )
    _sync_green_status(listing.mine, actor)
    return listing


@transaction.atomic
def remove_listing(
    *, actor: User, listing: Listing, reasons: str, document_no: str, removed_on: date | None = None
) -> Listing:
    """The bureau removes a mine from a list, with the reasons and the document number (文号)."""
    listing = (
        Listing.objects.select_for_update(of=("self",)).select_related("mine__enterprise").get(pk=listing.pk)
    )
    _require_bureau(actor, listing.mine)
    if listing.status != ListingStatus.ACTIVE:
        raise ValidationError(_("This listing has already been removed."))
    reasons = _required_text(reasons, "reasons", _("Give the reasons for the removal."))
    document_no = _required_text(
        document_no, "document_no", _("Enter the document number (文号) of the removal.")
    )
    on = removed_on or timezone.localdate()
    if on < listing.listed_on:
        raise _errors(removed_on=_("The removal cannot precede the listing."))
    return _remove(listing, actor=actor, reasons=reasons, document_no=document_no, on=on, order_id=None)


def order_reasons(order: Any) -> str:
    return (
        f"整改通知 #{order.pk}（{order.requirement}）整改期限 {order.deadline.isoformat()} 已过，逾期未整改，"
        "依据绿色矿山名录动态管理要求移出名录。"
    )


@transaction.atomic
def remove_for_overdue_rectification(*, on: date) -> list[Listing]:
    """The daily rule: an active listing whose mine has an overdue rectification order is removed, the
    reasons naming the order (the clock calls this; a second run finds nothing left to do)."""
    from greenmine.supervision.models import RectificationOrder

    removed = []
    orders = RectificationOrder.objects.overdue(on=on).select_related("mine").order_by("deadline", "pk")
    first_order: dict[int, Any] = {}
    for order in orders:
        first_order.setdefault(order.mine_id, order)
    listings = (
        Listing.objects.select_for_update(of=("self",))
        .select_related("mine__enterprise")
        .filter(status=ListingStatus.ACTIVE, mine_id__in=list(first_order))
    )
    for listing in listings:
        order = first_order[listing.mine_id]
        removed.append(
            _remove(
                listing, actor=None, reasons=order_reasons(order), document_no="", on=on, order_id=order.pk
            )
        )
    return removed
