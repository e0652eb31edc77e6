"""State changes of supervision. Each is one function: transaction, permission and state checks, the rows,
one audit event. Views, the API, the clock jobs, the demo and the tests call these; nothing else writes.

One exception to "one transaction": `run_draw` records a refused attempt in the audit log *outside* the
rolled-back transaction of the attempt, so that every attempt, refused or not, leaves its trace.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from greenmine.core import randomdraw
from greenmine.core.audit import record_event
from greenmine.core.choices import OrganisationKind
from greenmine.core.divisions import scope_prefix
from greenmine.core.evidence_services import acts_for
from greenmine.core.models import Division, EvidenceFile, Organisation, User
from greenmine.core.permissions import ADD, CHANGE, VIEW, can, has_role_in, memberships_of, require
from greenmine.registry.choices import LISTED_STATUSES, MineStatus
from greenmine.registry.models import Mine
from greenmine.supervision import rules
from greenmine.supervision.choices import (
    DrawEligibility,
    DrawStatus,
    RectificationStatus,
    ReviewDecision,
    SelfCheckStatus,
    SpotCheckResult,
)
from greenmine.supervision.models import (
    RECORD,
    REPLY,
    REVIEW,
    SUBMIT,
    AnnualSelfCheck,
    Inspector,
    RectificationOrder,
    RectificationReply,
    SelfCheckReport,
    SpotCheck,
    SpotCheckDraw,
)

INSPECTOR_FIELDS = ("certificate_no", "disciplines", "active", "avoid_enterprises")
DRAW_FIELDS = ("title", "year", "eligibility", "sample_count", "sample_ratio", "inspectors_per_mine")


def rectification_months() -> int:
    return int(getattr(settings, "RECTIFICATION_MONTHS", 6))


def self_check_due(year: int) -> date:
    return rules.due_date(year, str(getattr(settings, "ANNUAL_SELF_CHECK_DUE", "03-31")))


def _require_bureau(actor: User, obj: Any = None, action: str = CHANGE) -> None:
    if not has_role_in(actor, [OrganisationKind.BUREAU], action):
        raise PermissionDenied
    if obj is not None and not can(actor, action, obj):
        raise PermissionDenied


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _attach(relation: Any, actor: User, evidence: Iterable[EvidenceFile]) -> list[int]:
    files = list(evidence)
    for record in files:
        require(actor, VIEW, record)
    relation.add(*files)
    return [f.pk for f in files]


# --- inspectors -----------------------------------------------------------------------------------------


def _clean_inspector(data: dict[str, Any], instance: Inspector | None = None) -> dict[str, Any]:
    data = {k: v for k, v in data.items() if k in INSPECTOR_FIELDS}
    if "certificate_no" in data or instance is None:
        number = _text(data.get("certificate_no"))
        if not number:
            raise ValidationError({"certificate_no": [_("Enter the law-enforcement certificate number.")]})
        taken = Inspector.objects.filter(certificate_no=number)
        if instance is not None:
            taken = taken.exclude(pk=instance.pk)
        if taken.exists():
            raise ValidationError({"certificate_no": [_("Another inspector has this certificate number.")]})
        data["certificate_no"] = number
    if "disciplines" in data:
        data["disciplines"] = _text(data["disciplines"])
    if "avoid_enterprises" in data:
        avoid = list(data["avoid_enterprises"] or [])
        if any(org.kind != OrganisationKind.ENTERPRISE for org in avoid):
            raise ValidationError({"avoid_enterprises": [_("Only enterprises can be avoided.")]})
        data["avoid_enterprises"] = avoid
    return data


@transaction.atomic
def add_inspector(*, actor: User, user: User, organisation: Organisation, **data: Any) -> Inspector:
    """The bureau adds a member of itself or of a department of its division to the inspector pool."""
    _require_bureau(actor)
    if organisation.kind not in (OrganisationKind.BUREAU, OrganisationKind.DEPARTMENT):
        raise ValidationError({"organisation": [_("Inspectors belong to the bureau or a department.")]})
    if not user.memberships.filter(organisation=organisation).exists():
        raise ValidationError({"user": [_("This user is not a member of the organisation.")]})
    if Inspector.objects.filter(user=user).exists():
        raise ValidationError({"user": [_("This user is already in the inspector pool.")]})
    data = _clean_inspector(data)
    avoid = data.pop("avoid_enterprises", [])
    inspector = Inspector.objects.create(user=user, organisation=organisation, created_by=actor, **data)
    inspector.avoid_enterprises.set(avoid)
    require(actor, CHANGE, inspector)
    record_event(
        "supervision.inspector_added",
        actor=actor,
        obj=inspector,
        organisation=organisation,
        changes={"after": {"user": user.pk, **data, "avoid_enterprises": [o.pk for o in avoid]}},
    )
    return inspector


@transaction.atomic
def update_inspector(*, actor: User, inspector: Inspector, **data: Any) -> Inspector:
    """Change the certificate number or disciplines, or take the inspector out of (or back into) the pool."""
    inspector = Inspector.objects.select_for_update().get(pk=inspector.pk)
    _require_bureau(actor, inspector)
    data = _clean_inspector(data, inspector)
    avoid = data.pop("avoid_enterprises", None)
    before: dict[str, Any] = {k: getattr(inspector, k) for k in data}
    after: dict[str, Any] = dict(data)
    for key, value in data.items():
        setattr(inspector, key, value)
    inspector.save()
    if avoid is not None:
        before["avoid_enterprises"] = sorted(inspector.avoid_enterprises.values_list("pk", flat=True))
        inspector.avoid_enterprises.set(avoid)
        after["avoid_enterprises"] = sorted(o.pk for o in avoid)
    record_event(
        "supervision.inspector_changed",
        actor=actor,
        obj=inspector,
        organisation=inspector.organisation,
        changes={"before": before, "after": after},
    )
    return inspector


# --- draws ----------------------------------------------------------------------------------------------


def _clean_draw(data: dict[str, Any]) -> dict[str, Any]:
    data = {k: v for k, v in data.items() if k in DRAW_FIELDS}
    errors: dict[str, list[str]] = {}
    data["title"] = _text(data.get("title"))
    if not data["title"]:
        errors["title"] = [_("Enter a title.")]
    if not isinstance(data.get("year"), int) or not 2000 <= data["year"] <= 2100:
        errors["year"] = [_("Enter a year between 2000 and 2100.")]
    data.setdefault("eligibility", DrawEligibility.LISTED)
    if data["eligibility"] not in DrawEligibility.values:
        errors["eligibility"] = [_("Choose which mines are eligible.")]
    count, ratio = data.get("sample_count"), data.get("sample_ratio")
    if count is None and ratio is None:
        errors["sample_count"] = [_("Give the number of mines or the ratio to draw.")]
    elif count is not None and ratio is not None:
        errors["sample_count"] = [_("Give either the number of mines or the ratio, not both.")]
    elif count is not None and count < 1:
        errors["sample_count"] = [_("Draw at least one mine.")]
    elif ratio is not None and not Decimal(0) < Decimal(ratio) <= Decimal(100):
        errors["sample_ratio"] = [_("The ratio must be more than 0 and at most 100 percent.")]
    per_mine = data.setdefault("inspectors_per_mine", 2)
    if not isinstance(per_mine, int) or per_mine < 1:
        errors["inspectors_per_mine"] = [_("At least one inspector per mine.")]
    if errors:
        raise ValidationError(errors)
    return data


@transaction.atomic
def create_draw(*, actor: User, division: Division | None = None, **data: Any) -> SpotCheckDraw:
    """Fix a draw's parameters and its seed. The seed is made and recorded now, before the pools are known,
    so nobody can choose the outcome by re-rolling."""
    _require_bureau(actor)
    if division is None:
        bureau = next(
            m.organisation for m in memberships_of(actor) if m.organisation.kind == OrganisationKind.BUREAU
        )
        division = bureau.division
    data = _clean_draw(data)
    draw = SpotCheckDraw.objects.create(
        division=division, seed=randomdraw.new_seed(), created_by=actor, **data
    )
    require(actor, CHANGE, draw)
    record_event(
        "supervision.draw_created",
        actor=actor,
        obj=draw,
        changes={"after": {**data, "division": division.pk, "seed": draw.seed}},
    )
    return draw


def mine_pool_of(draw: SpotCheckDraw) -> list[Mine]:
    """The mines eligible for a draw, in primary-key order (the order does not change the draw)."""
    mines = Mine.objects.filter(division__code__startswith=scope_prefix(draw.division_id))
    if draw.eligibility == DrawEligibility.LISTED:
        mines = mines.filter(green_status__in=LISTED_STATUSES)
    else:
        mines = mines.filter(status=MineStatus.PRODUCING)
    return list(mines.order_by("pk"))


def inspector_pool_of(draw: SpotCheckDraw) -> list[Inspector]:
    """The active inspectors of the bureau and departments of the draw's division."""
    return list(
        Inspector.objects.filter(
            active=True, organisation__division__code__startswith=scope_prefix(draw.division_id)
        )
        .select_related("user")
        .order_by("pk")
    )


def compute_selection(
    seed: str,
    mine_keys: list[str],
    inspector_keys: list[str],
    k: int,
    per_mine: int,
    excluded: dict[str, list[str]] | None = None,
) -> list[dict[str, Any]]:
    """The selection: `k` mines drawn from the mine pool, then for each drawn mine `per_mine` inspectors drawn
    under the seed '<seed>/<mine key>' from the inspector pool less those who must avoid that mine's
    enterprise (`excluded[mine key]`, published with the selection). Pure: anyone can recompute it."""
    excluded = excluded or {}
    rows = []
    for key in randomdraw.draw(seed, mine_keys, k):
        out = sorted(excluded.get(key, []))
        pool = [i for i in inspector_keys if i not in set(out)]
        row: dict[str, Any] = {
            "mine": key,
            "inspectors": randomdraw.draw(rules.inspector_seed(seed, key), pool, per_mine),
        }
        if out:
            row["excluded"] = out
        rows.append(row)
    return rows


@transaction.atomic
def _run_draw(actor: User, draw: SpotCheckDraw) -> SpotCheckDraw:
    draw = SpotCheckDraw.objects.select_for_update().get(pk=draw.pk)
    _require_bureau(actor, draw)
    if draw.status != DrawStatus.CREATED:
        raise ValidationError({"status": [_("This draw has already been made; a draw happens once.")]})
    mines = mine_pool_of(draw)
    inspectors = inspector_pool_of(draw)
    k = rules.sample_size(len(mines), draw.sample_count, draw.sample_ratio)
    if k == 0:
        raise ValidationError({"sample_count": [_("No mine is eligible for this draw.")]})
    if k > len(mines):
        raise ValidationError(
            {"sample_count": [_("Cannot draw %(k)d mines from a pool of %(n)d.") % {"k": k, "n": len(mines)}]}
        )
    if draw.inspectors_per_mine > len(inspectors):
        raise ValidationError(
            {
                "inspectors_per_mine": [
                    _("Cannot draw %(k)d inspectors per mine from a pool of %(n)d active inspectors.")
                    % {"k": draw.inspectors_per_mine, "n": len(inspectors)}
                ]
            }
        )
    draw.mine_pool = [{"key": f"M{m.pk}", "name": m.name} for m in mines]
    draw.inspector_pool = [{"key": f"I{i.pk}", "name": f"{i.name}（{i.certificate_no}）"} for i in inspectors]
    avoiding: dict[int, list[str]] = {}
    for inspector in inspectors:
        for enterprise_id in inspector.avoid_enterprises.values_list("pk", flat=True):
            avoiding.setdefault(enterprise_id, []).append(f"I{inspector.pk}")
    excluded = {f"M{m.pk}": avoiding[m.enterprise_id] for m in mines if m.enterprise_id in avoiding}
    try:
        draw.selection = compute_selection(
            draw.seed,
            [row["key"] for row in draw.mine_pool],
            [row["key"] for row in draw.inspector_pool],
            k,
            draw.inspectors_per_mine,
            excluded,
        )
    except randomdraw.DrawError:
        raise ValidationError(
            {
                "inspectors_per_mine": [
                    _("Too few inspectors remain for a drawn mine once those who must avoid it are left out.")
                ]
            }
        ) from None
    draw.status = DrawStatus.DRAWN
    draw.drawn_at = timezone.now()
    draw.drawn_by = actor
    draw.save()
    by_key = {f"M{m.pk}": m for m in mines}
    inspectors_by_key = {f"I{i.pk}": i for i in inspectors}
    for row in draw.selection:
        check = SpotCheck.objects.create(draw=draw, mine=by_key[row["mine"]], created_by=actor)
        check.inspectors.set([inspectors_by_key[key] for key in row["inspectors"]])
    record_event(
        "supervision.draw_made",
        actor=actor,
        obj=draw,
        changes={
            "after": {
                "seed": draw.seed,
                "k": k,
                "mine_pool": [r["key"] for r in draw.mine_pool],
                "inspector_pool": [r["key"] for r in draw.inspector_pool],
                "selection": draw.selection,
            }
        },
    )
    return draw


def run_draw(*, actor: User, draw: SpotCheckDraw) -> SpotCheckDraw:
    """Draw the mines and their inspectors, store both pools and the selection, and create one spot check
    per drawn mine. Once only. A refused attempt (no permission, already drawn, pool too small) is rolled
    back but its audit record is kept: it is written after the rollback, in a transaction of its own."""
    try:
        return _run_draw(actor, draw)
    except (ValidationError, PermissionDenied) as exc:
        reason = exc.messages if isinstance(exc, ValidationError) else ["permission denied"]
        record_event(
            "supervision.draw_refused",
            actor=actor,
            obj=draw,
            changes={"after": {"status": draw.status, "reason": reason}},
        )
        raise


@transaction.atomic
def publish_draw(*, actor: User, draw: SpotCheckDraw) -> SpotCheckDraw:
    """Make the draw public: its seed, both pools, the selection and how to recompute it."""
    draw = SpotCheckDraw.objects.select_for_update().get(pk=draw.pk)
    _require_bureau(actor, draw)
    if draw.status != DrawStatus.DRAWN:
        raise ValidationError({"status": [_("Only a drawn, unpublished draw can be published.")]})
    draw.status = DrawStatus.PUBLISHED
    draw.published_at = timezone.now()
    draw.published_by = actor
    draw.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    record_event(
        "supervision.draw_published", actor=actor, obj=draw, changes={"after": {"status": draw.status}}
    )
    return draw


# --- spot checks ----------------------------------------------------------------------------------------


@transaction.atomic
def create_spot_check(*, actor: User, mine: Mine, inspectors: Iterable[Inspector]) -> SpotCheck:
    """The bureau orders a check of one mine outside a draw (a lead, a complaint), naming its inspectors."""
    _require_bureau(actor, mine)
    chosen = list(inspectors)
    if not chosen:
        raise ValidationError({"inspectors": [_("Name at least one inspector.")]})
    if any(not i.active or not can(actor, VIEW, i) for i in chosen):
        raise ValidationError({"inspectors": [_("Choose active inspectors of your division.")]})
    check = SpotCheck.objects.create(mine=mine, created_by=actor)
    check.inspectors.set(chosen)
    require(actor, CHANGE, check)
    record_event(
        "supervision.spot_check_ordered",
        actor=actor,
        obj=check,
        organisation=mine.enterprise,
        changes={"after": {"mine": mine.pk, "inspectors": [i.pk for i in chosen]}},
    )
    return check


@transaction.atomic
def record_spot_check(
    *,
    actor: User,
    check: SpotCheck,
    result: str,
    checked_on: date,
    findings: str = "",
    requirement: str = "",
    evidence: Iterable[EvidenceFile] = (),
) -> SpotCheck:
    """An assigned inspector (or the bureau) records the result, once. A failed check opens a rectification
    order due `RECTIFICATION_MONTHS` (default 6) months after the check, with `requirement` (default: the
    findings)."""
    check = SpotCheck.objects.select_for_update().select_related("mine__enterprise").get(pk=check.pk)
    require(actor, RECORD, check)
    if check.result != SpotCheckResult.PENDING:
        raise ValidationError({"result": [_("The result of this check is recorded and cannot change.")]})
    if result not in (SpotCheckResult.PASSED, SpotCheckResult.FAILED):
        raise ValidationError({"result": [_("Choose passed or failed.")]})
    if not isinstance(checked_on, date):
        raise ValidationError({"checked_on": [_("Enter the date of the check.")]})
    if checked_on > timezone.localdate():
        raise ValidationError({"checked_on": [_("The check cannot be dated in the future.")]})
    findings = _text(findings)
    if result == SpotCheckResult.FAILED and not findings:
        raise ValidationError({"findings": [_("A failed check must state its findings.")]})
    check.result = result
    check.checked_on = checked_on
    check.findings = findings
    check.recorded_at = timezone.now()
    check.recorded_by = actor
    check.save()
    evidence_ids = _attach(check.evidence, actor, evidence)
    record_event(
        "supervision.spot_check_recorded",
        actor=actor,
        obj=check,
        organisation=check.mine.enterprise,
        changes={
            "after": {
                "result": result,
                "checked_on": checked_on.isoformat(),
                "findings": findings,
                "evidence": evidence_ids,
            }
        },
    )
    if result == SpotCheckResult.FAILED:
        _open_order(
            actor,
            check.mine,
            _text(requirement) or findings,
            rules.add_months(checked_on, rectification_months()),
            check,
        )
    return check


# --- rectification orders -------------------------------------------------------------------------------


def _open_order(
    actor: User, mine: Mine, requirement: str, deadline: date, spot_check: SpotCheck | None
) -> RectificationOrder:
    order = RectificationOrder.objects.create(
        mine=mine, spot_check=spot_check, requirement=requirement, deadline=deadline, created_by=actor
    )
    record_event(
        "supervision.rectification_issued",
        actor=actor,
        obj=order,
        organisation=mine.enterprise,
        changes={
            "after": {
                "mine": mine.pk,
                "spot_check": spot_check.pk if spot_check else None,
                "requirement": requirement,
                "deadline": deadline.isoformat(),
            }
        },
    )
    return order


@transaction.atomic
def issue_rectification(
    *, actor: User, mine: Mine, requirement: str, deadline: date | None = None
) -> RectificationOrder:
    """The bureau issues an order from another source (a lead, a department's finding). The deadline defaults
    to `RECTIFICATION_MONTHS` months from today."""
    _require_bureau(actor, mine)
    requirement = _text(requirement)
    if not requirement:
        raise ValidationError({"requirement": [_("State what must be rectified.")]})
    today = timezone.localdate()
    deadline = deadline or rules.add_months(today, rectification_months())
    if deadline <= today:
        raise ValidationError({"deadline": [_("The deadline must lie in the future.")]})
    return _open_order(actor, mine, requirement, deadline, None)


def _locked_order(order: RectificationOrder) -> RectificationOrder:
    return RectificationOrder.objects.select_for_update().select_related("mine__enterprise").get(pk=order.pk)


def _decide_latest(submissions: Any, *, actor: User, accepted: bool, comment: str, at: Any) -> None:
    """Record the bureau's decision on the latest submission (a rectification reply, a self-check report);
    earlier ones keep theirs."""
    latest = submissions.order_by("-submitted_at", "-pk").first()
    if latest is not None:
        latest.decision = ReviewDecision.ACCEPTED if accepted else ReviewDecision.REJECTED
        latest.comment = comment
        latest.decided_at = at
        latest.decided_by = actor
        latest.save()


@transaction.atomic
def reply_rectification(
    *, actor: User, order: RectificationOrder, text: str, evidence: Iterable[EvidenceFile] = ()
) -> RectificationReply:
    """The enterprise reports what it rectified, with evidence; the order waits for the bureau."""
    order = _locked_order(order)
    require(actor, REPLY, order)
    if not acts_for(actor, order.mine.enterprise, ADD):
        raise PermissionDenied
    if order.status != RectificationStatus.OPEN:
        raise ValidationError({"status": [_("Only an open order can be replied to.")]})
    text = _text(text)
    if not text:
        raise ValidationError({"text": [_("Describe what was rectified.")]})
    reply = RectificationReply.objects.create(order=order, text=text, submitted_by=actor)
    evidence_ids = _attach(reply.evidence, actor, evidence)
    order.status = RectificationStatus.REPLIED
    order.save(update_fields=["status", "updated_at"])
    record_event(
        "supervision.rectification_replied",
        actor=actor,
        obj=order,
        organisation=order.mine.enterprise,
        changes={"after": {"status": order.status, "reply": reply.pk, "evidence": evidence_ids}},
    )
    return reply


@transaction.atomic
def verify_rectification(
    *, actor: User, order: RectificationOrder, accepted: bool, comment: str = ""
) -> RectificationOrder:
    """The bureau verifies the latest reply: accepted, the order is verified; rejected (a comment is
    required), it is open again and the enterprise replies anew."""
    order = _locked_order(order)
    _require_bureau(actor, order, REVIEW)
    if order.status != RectificationStatus.REPLIED:
        raise ValidationError({"status": [_("Only a replied order can be verified.")]})
    comment = _text(comment)
    if not accepted and not comment:
        raise ValidationError({"comment": [_("Say why the rectification is not accepted.")]})
    now = timezone.now()
    _decide_latest(order.replies, actor=actor, accepted=accepted, comment=comment, at=now)
    order.status = RectificationStatus.VERIFIED if accepted else RectificationStatus.OPEN
    if accepted:
        order.verified_at = now
        order.verified_by = actor
    order.save()
    record_event(
        "supervision.rectification_verified" if accepted else "supervision.rectification_rejected",
        actor=actor,
        obj=order,
        organisation=order.mine.enterprise,
        changes={"after": {"status": order.status, "comment": comment}},
    )
    return order


# --- annual self-checks ---------------------------------------------------------------------------------


@transaction.atomic
def open_self_checks(*, year: int) -> list[AnnualSelfCheck]:
    """Open the year's self-check of every listed mine that has none yet (the clock's job; idempotent)."""
    due = self_check_due(year)
    have = AnnualSelfCheck.objects.filter(year=year).values("mine_id")
    opened = []
    for mine in Mine.objects.filter(green_status__in=LISTED_STATUSES).exclude(pk__in=have).order_by("pk"):
        check = AnnualSelfCheck.objects.create(mine=mine, year=year, due_date=due)
        record_event(
            "supervision.self_check_opened",
            obj=check,
            organisation=mine.enterprise,
            changes={"after": {"mine": mine.pk, "year": year, "due_date": due.isoformat()}},
        )
        opened.append(check)
    return opened


def _locked_self_check(check: AnnualSelfCheck) -> AnnualSelfCheck:
    return AnnualSelfCheck.objects.select_for_update().select_related("mine__enterprise").get(pk=check.pk)


@transaction.atomic
def submit_self_check(
    *, actor: User, check: AnnualSelfCheck, text: str, evidence: Iterable[EvidenceFile] = ()
) -> SelfCheckReport:
    """The enterprise submits its self-check report (again after a return: a new report, the old kept)."""
    check = _locked_self_check(check)
    require(actor, SUBMIT, check)
    if not acts_for(actor, check.mine.enterprise, ADD):
        raise PermissionDenied
    if not check.awaiting_report:
        raise ValidationError({"status": [_("This self-check is already submitted.")]})
    text = _text(text)
    if not text:
        raise ValidationError({"text": [_("Write the self-check report.")]})
    report = SelfCheckReport.objects.create(self_check=check, text=text, submitted_by=actor)
    evidence_ids = _attach(report.evidence, actor, evidence)
    check.status = SelfCheckStatus.SUBMITTED
    check.save(update_fields=["status", "updated_at"])
    record_event(
        "supervision.self_check_submitted",
        actor=actor,
        obj=check,
        organisation=check.mine.enterprise,
        changes={"after": {"status": check.status, "report": report.pk, "evidence": evidence_ids}},
    )
    return report


@transaction.atomic
def review_self_check(
    *, actor: User, check: AnnualSelfCheck, accepted: bool, comment: str = ""
) -> AnnualSelfCheck:
    """The bureau accepts the submitted report, or returns it with a comment (required)."""
    check = _locked_self_check(check)
    _require_bureau(actor, check, REVIEW)
    if check.status != SelfCheckStatus.SUBMITTED:
        raise ValidationError({"status": [_("Only a submitted self-check can be accepted or returned.")]})
    comment = _text(comment)
    if not accepted and not comment:
        raise ValidationError({"comment": [_("Say what must be completed.")]})
    _decide_latest(check.reports, actor=actor, accepted=accepted, comment=comment, at=timezone.now())
    check.status = SelfCheckStatus.ACCEPTED if accepted else SelfCheckStatus.RETURNED
    check.save(update_fields=["status", "updated_at"])
    record_event(
        "supervision.self_check_accepted" if accepted else "supervision.self_check_returned",
        actor=actor,
        obj=check,
        organisation=check.mine.enterprise,
        changes={"after": {"status": check.status, "comment": comment}},
    )
    return check


@transaction.atomic
def mark_reminded(*, check: AnnualSelfCheck, kind: str, on: date) -> AnnualSelfCheck:
    """Note that the before-due reminder (`kind` 'due') or the overdue notice ('overdue') went out (clock)."""
    field = "reminder_sent_on" if kind == "due" else "overdue_notice_sent_on"
    check = _locked_self_check(check)
    if getattr(check, field) is not None:
        return check
    setattr(check, field, on)
    check.save(update_fields=[field, "updated_at"])
    record_event(
        f"supervision.self_check_reminded_{kind}",
        obj=check,
        organisation=check.mine.enterprise,
        changes={"after": {field: on.isoformat(), "email": check.mine.enterprise.email}},
    )
    return check
