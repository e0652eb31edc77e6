"""State changes of agencies, experts, conflict records, commissioning, teams, draws and declarations
(the review itself — prerequisites, veto items, site visit, scores, completion — is in services_review and
re-exported here). Each is one function: transaction, permission and state checks, the rows, one audit
event. Views, the API, the demo and the tests call these; nothing else writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from greenmine.assessments.choices import AssessmentStatus
from greenmine.assessments.models import SelfAssessment
from greenmine.core import randomdraw
from greenmine.core.audit import record_event
from greenmine.core.choices import OrganisationKind
from greenmine.core.evidence_services import acts_for
from greenmine.core.models import EvidenceFile, Grant, Membership, Organisation, User
from greenmine.core.permissions import (
    ADD,
    CHANGE,
    VIEW,
    can,
    has_role_in,
    memberships_of,
    require,
    role_allows,
)
from greenmine.thirdparty import team_rules
from greenmine.thirdparty.choices import ConflictKind, Discipline, ExpertTitle, ThirdPartyStatus
from greenmine.thirdparty.models import (
    ASSESS,
    TEAM,
    AgencyProfile,
    ConflictRecord,
    Expert,
    TeamMember,
    ThirdPartyAssessment,
)

COMMISSIONABLE = (AssessmentStatus.SUBMITTED, AssessmentStatus.ACCEPTED)
LEVELS = ("county", "prefecture", "province")


def team_limits() -> team_rules.Limits:
    """The team rules' numbers from THIRDPARTY_TEAM_RULES (defaults: 5 members, 2 senior, 365 days)."""
    configured = getattr(settings, "THIRDPARTY_TEAM_RULES", {}) or {}
    return team_rules.Limits(
        min_members=int(configured.get("min_members", team_rules.MIN_MEMBERS)),
        min_senior=int(configured.get("min_senior", team_rules.MIN_SENIOR)),
        conflict_window_days=int(configured.get("conflict_window_days", team_rules.CONFLICT_WINDOW_DAYS)),
    )


def explain_threshold() -> Decimal:
    """A difference (third-party − self) beyond this many points on one indicator must be explained."""
    return Decimal(str(getattr(settings, "THIRDPARTY_EXPLAIN_DIFFERENCE_POINTS", "5")))


# Agencies


def _require_bureau(actor: User, action: str = CHANGE) -> None:
    if not has_role_in(actor, [OrganisationKind.BUREAU], action):
        raise PermissionDenied


PROFILE_FIELDS = ("qualifications", "staff_count", "experience")


def _clean_profile(data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    out = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}
    if "staff_count" in out:
        try:
            out["staff_count"] = int(out["staff_count"] or 0)
        except (TypeError, ValueError):
            raise ValidationError({"staff_count": [_("Enter a whole number.")]}) from None
        if out["staff_count"] < 0:
            raise ValidationError({"staff_count": [_("Enter a whole number.")]})
    return out


@transaction.atomic
def register_agency(
    *, actor: User, organisation: Organisation, registered: bool = True, **data: Any
) -> AgencyProfile:
    """The bureau records an assessment agency (an organisation of kind assessor) with its
    qualifications, and whether it is registered for commissioning."""
    _require_bureau(actor)
    if not can(actor, CHANGE, organisation):
        raise PermissionDenied
    if organisation.kind != OrganisationKind.ASSESSOR:
        raise ValidationError({"organisation": [_("Only an assessment agency can be registered.")]})
    if AgencyProfile.objects.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": [_("This agency already has a profile.")]})
    fields = _clean_profile(data)
    profile = AgencyProfile.objects.create(
        organisation=organisation,
        registered=registered,
        registered_at=timezone.now() if registered else None,
        created_by=actor,
        **fields,
    )
    record_event(
        "thirdparty.agency_registered",
        actor=actor,
        obj=profile,
        organisation=organisation,
        changes={"after": {**fields, "registered": registered}},
    )
    return profile


@transaction.atomic
def update_agency_profile(*, actor: User, profile: AgencyProfile, **data: Any) -> AgencyProfile:
    """The agency (or the bureau of its division) keeps the profile's details up to date."""
    require(actor, CHANGE, profile)
    fields = _clean_profile(data)
    before = {k: getattr(profile, k) for k in fields}
    for key, value in fields.items():
        setattr(profile, key, value)
    profile.save()
    record_event(
        "thirdparty.agency_updated",
        actor=actor,
        obj=profile,
        organisation=profile.organisation,
        changes={"before": before, "after": fields},
    )
    return profile


@transaction.atomic
def set_agency_registration(*, actor: User, profile: AgencyProfile, registered: bool) -> AgencyProfile:
    """Only the bureau (of the agency's division) registers an agency for commissioning, or withdraws the
    registration."""
    _require_bureau(actor)
    require(actor, CHANGE, profile)
    before = profile.registered
    profile.registered = registered
    profile.registered_at = timezone.now() if registered else None
    profile.save(update_fields=["registered", "registered_at", "updated_at"])
    record_event(
        "thirdparty.agency_registration",
        actor=actor,
        obj=profile,
        organisation=profile.organisation,
        changes={"before": {"registered": before}, "after": {"registered": registered}},
    )
    return profile


# Experts

EXPERT_FIELDS = ("name", "title", "disciplines", "full_time", "active", "notes", "user")


def _clean_expert(agency: Organisation, data: dict[str, Any], expert: Expert | None = None) -> dict[str, Any]:
    unknown = set(data) - set(EXPERT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    out = dict(data)
    errors: dict[str, list[str]] = {}
    if "name" in out:
        out["name"] = (out["name"] or "").strip()
        if not out["name"]:
            errors["name"] = [_("Give the expert's name.")]
    if "title" in out and out["title"] not in ExpertTitle.values:
        errors["title"] = [_("Choose a title.")]
    if "disciplines" in out:
        values = list(out["disciplines"] or [])
        wrong = [v for v in values if v not in Discipline.values]
        if wrong:
            errors["disciplines"] = [_("Unknown disciplines: %(d)s") % {"d": ", ".join(map(str, wrong))}]
        out["disciplines"] = sorted(set(values), key=Discipline.values.index) if not wrong else values
    user = out.get("user")
    if user is not None:
        if not Membership.objects.filter(user=user, organisation=agency).exists():
            errors["user"] = [_("The expert's account must be a member of the agency.")]
        elif Expert.objects.filter(user=user).exclude(pk=getattr(expert, "pk", None)).exists():
            errors["user"] = [_("This account already belongs to another expert.")]
    if errors:
        raise ValidationError(errors)
    return out


@transaction.atomic
def add_expert(*, actor: User, agency: Organisation, **data: Any) -> Expert:
    """The agency (its admins and staff) adds one of its experts."""
    if agency.kind != OrganisationKind.ASSESSOR:
        raise ValidationError({"agency": [_("Experts belong to an assessment agency.")]})
    if not acts_for(actor, agency, ADD):
        raise PermissionDenied
    for key in ("name", "title"):
        data.setdefault(key, "")
    fields = _clean_expert(agency, data)
    expert = Expert.objects.create(agency=agency, created_by=actor, **fields)
    require(actor, CHANGE, expert)
    record_event(
        "thirdparty.expert_added",
        actor=actor,
        obj=expert,
        organisation=agency,
        changes={"after": {**fields, "user": getattr(fields.get("user"), "pk", None)}},
    )
    return expert


@transaction.atomic
def update_expert(*, actor: User, expert: Expert, **data: Any) -> Expert:
    require(actor, CHANGE, expert)
    fields = _clean_expert(expert.agency, data, expert)
    before = {k: getattr(expert, k) for k in fields}
    for key, value in fields.items():
        setattr(expert, key, value)
    expert.save()
    record_event(
        "thirdparty.expert_updated",
        actor=actor,
        obj=expert,
        organisation=expert.agency,
        changes={
            "before": {k: getattr(v, "pk", v) for k, v in before.items()},
            "after": {k: getattr(v, "pk", v) for k, v in fields.items()},
        },
    )
    return expert


# Conflict records


@transaction.atomic
def add_conflict(
    *,
    actor: User,
    agency: Organisation,
    kind: str,
    expert: Expert | None = None,
    enterprise: Organisation | None = None,
    mine: Any = None,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    note: str = "",
) -> ConflictRecord:
    """Record a tie of an expert (or the agency) with an enterprise or a mine. The bureau of the
    mine's (enterprise's) division and the agency itself enter them."""
    errors: dict[str, list[str]] = {}
    if kind not in ConflictKind.values:
        errors["kind"] = [_("Choose the kind of conflict.")]
    if expert is not None and expert.agency_id != agency.pk:
        errors["expert"] = [_("The expert is not of this agency.")]
    if mine is None and enterprise is None:
        errors["mine"] = [_("Name the mine or the enterprise.")]
    if mine is not None and enterprise is None:
        enterprise = mine.enterprise
    if enterprise is not None and enterprise.kind != OrganisationKind.ENTERPRISE:
        errors["enterprise"] = [_("Choose a mining enterprise.")]
    if start_date and end_date and end_date < start_date:
        errors["end_date"] = [_("The end date is before the start date.")]
    if errors:
        raise ValidationError(errors)
    record = ConflictRecord(
        agency=agency,
        expert=expert,
        enterprise=enterprise,
        mine=mine,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        note=note.strip(),
        created_by=actor,
    )
    if not acts_for(actor, agency, ADD):
        # The bureau: only about mines and enterprises of its division.
        record.save()
        if not can(actor, ADD, record):
            raise PermissionDenied
    else:
        record.save()
    record_event(
        "thirdparty.conflict_recorded",
        actor=actor,
        obj=record,
        organisation=agency,
        changes={
            "after": {
                "expert": getattr(expert, "pk", None),
                "enterprise": getattr(enterprise, "pk", None),
                "mine": getattr(mine, "pk", None),
                "kind": kind,
                "start_date": start_date,
                "end_date": end_date,
                "note": record.note,
            }
        },
    )
    return record


def conflicts_for(mine: Any, expert: Expert | None, agency: Organisation) -> list[team_rules.Conflict]:
    """The conflict records of an expert (or of the agency as a whole) with the mine or its enterprise."""
    records = ConflictRecord.objects.filter(Q(mine=mine) | Q(enterprise_id=mine.enterprise_id), agency=agency)
    records = records.filter(expert=expert) if expert is not None else records.filter(expert__isnull=True)
    return [team_rules.Conflict(r.kind, r.start_date, r.end_date) for r in records]


# Commissioning


def commissioning_code(mine: Any) -> str:
    """The division whose bureau commissions the assessment of `mine` (THIRDPARTY_COMMISSIONING_LEVEL:
    county — the default —, prefecture or province)."""
    county = mine.division_id[:6]
    level = getattr(settings, "THIRDPARTY_COMMISSIONING_LEVEL", "county")
    if level == "province":
        return county[:2] + "0000"
    if level == "prefecture":
        return county[:4] + "00"
    return county


def commissioning_bureau(actor: User, mine: Any) -> Organisation | None:
    """The actor's bureau that may commission for this mine, if any."""
    code = commissioning_code(mine)
    for membership in memberships_of(actor):
        org = membership.organisation
        if (
            org.kind == OrganisationKind.BUREAU
            and org.division_id == code
            and role_allows(membership.role, ADD)
        ):
            return org
    return None


def _grant(
    obj: models.Model, action: str, *, actor: User, reason: str, user: Any = None, org: Any = None
) -> None:
    """A per-object right (core Grant) given by this app's rules, e.g. on declaration."""
    content_type = ContentType.objects.get_for_model(type(obj))
    exists = Grant.objects.filter(
        content_type=content_type, object_id=obj.pk, user=user, organisation=org, action=action
    ).exists()
    if not exists:
        Grant.objects.create(
            content_type=content_type,
            object_id=obj.pk,
            user=user,
            organisation=org,
            action=action,
            reason=reason,
            created_by=actor,
        )


@transaction.atomic
def commission(
    *,
    actor: User,
    self_assessment: SelfAssessment,
    agency: Organisation,
    assessment_date: dt.date,
    contract_ref: str = "",
) -> ThirdPartyAssessment:
    """The bureau at the configured level commissions a registered agency for a submitted (or accepted)
    self-assessment. The agency gets view and team rights on the assessment through grants."""
    mine = self_assessment.mine
    bureau = commissioning_bureau(actor, mine)
    if bureau is None or not can(actor, VIEW, self_assessment):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if self_assessment.status not in COMMISSIONABLE:
        errors["self_assessment"] = [_("Only a submitted or accepted self-assessment can be assessed.")]
    elif ThirdPartyAssessment.objects.filter(self_assessment=self_assessment).exists():
        errors["self_assessment"] = [_("This self-assessment already has a third-party assessment.")]
    profile = AgencyProfile.objects.filter(organisation=agency).first()
    if agency.kind != OrganisationKind.ASSESSOR or profile is None or not profile.registered:
        errors["agency"] = [_("Choose an agency registered for commissioning.")]
    elif conflicts_for(mine, None, agency) and any(
        team_rules.conflict_applies(c, assessment_date, team_limits().conflict_window_days)
        for c in conflicts_for(mine, None, agency)
    ):
        errors["agency"] = [_("The agency has a conflict with this mine or its enterprise.")]
    if not isinstance(assessment_date, dt.date):
        errors["assessment_date"] = [_("Give the assessment date.")]
    if errors:
        raise ValidationError(errors)
    snapshot = self_assessment.snapshot or {}
    self_total = snapshot.get("result", {}).get("total")
    assessment = ThirdPartyAssessment.objects.create(
        mine=mine,
        self_assessment=self_assessment,
        agency=agency,
        commissioned_by_org=bureau,
        assessment_date=assessment_date,
        contract_ref=contract_ref.strip(),
        commissioned_at=timezone.now(),
        self_total=Decimal(str(self_total)) if self_total is not None else None,
        created_by=actor,
    )
    for action in (VIEW, TEAM):
        _grant(assessment, action, actor=actor, org=agency, reason="commissioned agency")
    record_event(
        "thirdparty.commissioned",
        actor=actor,
        obj=assessment,
        organisation=bureau,
        changes={
            "after": {
                "mine": mine.pk,
                "self_assessment": self_assessment.pk,
                "agency": agency.pk,
                "assessment_date": assessment_date,
                "contract_ref": assessment.contract_ref,
            }
        },
    )
    return assessment


def _locked(assessment: ThirdPartyAssessment) -> ThirdPartyAssessment:
    return ThirdPartyAssessment.objects.select_for_update().get(pk=assessment.pk)


# Team


class TeamRuleError(ValidationError):
    """A team that breaks the rules; `broken` lists each rule (code and sentence)."""

    def __init__(self, broken: list[team_rules.Broken]) -> None:
        self.broken = broken
        super().__init__({"members": [rule_message(b) for b in broken]}, code="team_rules")


def rule_message(broken: team_rules.Broken) -> str:
    """The translated sentence naming a broken team rule."""
    limits = team_limits()
    names = "、".join(broken.members)
    messages = {
        "min_members": _("Rule: at least %(n)d members — the team has %(count)d.")
        % {"n": limits.min_members, "count": broken.count},
        "duplicate": _("Rule: each expert only once — %(names)s.") % {"names": names},
        "title": _("Rule: all members intermediate title or above — %(names)s.") % {"names": names},
        "min_senior": _(
            "Rule: at least %(n)d senior titles (deputy senior or senior) — the team has %(count)d."
        )
        % {"n": limits.min_senior, "count": broken.count},
        "one_leader": _("Rule: exactly one team leader — the team has %(count)d.") % {"count": broken.count},
        "leader_staff": _("Rule: the leader must be full-time staff of the agency — %(names)s.")
        % {"names": names},
        "conflict": _(
            "Rule: no member with a conflict with the mine or its enterprise (business within %(days)d days "
            "of the assessment, a part in its plan or self-assessment, affiliation) — %(names)s."
        )
        % {"days": limits.conflict_window_days, "names": names},
        "agency_conflict": _("Rule: the agency must have no conflict with the mine or its enterprise."),
    }
    return messages.get(broken.code, broken.message)


def check_team(
    assessment: ThirdPartyAssessment, experts: Sequence[Expert], leader: Expert | None
) -> list[team_rules.Broken]:
    """Every rule the proposed team breaks (empty: it may be saved)."""
    members = [
        team_rules.Member(
            key=str(e.pk),
            name=e.name,
            title=e.title,
            full_time=e.full_time,
            is_leader=leader is not None and e.pk == leader.pk,
            conflicts=tuple(conflicts_for(assessment.mine, e, assessment.agency)),
        )
        for e in experts
    ]
    return team_rules.check_team(
        members,
        assessment.assessment_date,
        team_limits(),
        agency_conflicts=conflicts_for(assessment.mine, None, assessment.agency),
    )


@transaction.atomic
def save_team(
    *, actor: User, assessment: ThirdPartyAssessment, experts: Sequence[Expert], leader: Expert | None
) -> ThirdPartyAssessment:
    """The agency saves the team. Every rule is checked (team_rules) and every broken one named; a team
    drawn at random must be the drawn experts. The team can change only until a member has declared."""
    assessment = _locked(assessment)
    require(actor, TEAM, assessment)
    if assessment.status not in (ThirdPartyStatus.COMMISSIONED, ThirdPartyStatus.TEAM_FORMED):
        raise ValidationError(_("The team can no longer change."))
    if assessment.members.filter(declared_at__isnull=False).exists():
        raise ValidationError(_("A member has declared; the team can no longer change."))
    experts = list(experts)
    errors: dict[str, list[str]] = {}
    foreign = [e.name for e in experts if e.agency_id != assessment.agency_id or not e.active]
    if foreign:
        errors["members"] = [
            _("Not active experts of the commissioned agency: %(names)s") % {"names": "、".join(foreign)}
        ]
    if leader is not None and leader.pk not in {e.pk for e in experts}:
        errors["leader"] = [_("The leader must be one of the members.")]
    if assessment.draw_result and sorted(str(e.pk) for e in experts) != sorted(assessment.draw_result):
        errors.setdefault("members", []).append(_("The team must be the experts drawn at random."))
    if errors:
        raise ValidationError(errors)
    broken = check_team(assessment, experts, leader)
    if broken:
        raise TeamRuleError(broken)
    assessment.members.all().delete()
    TeamMember.objects.bulk_create(
        TeamMember(assessment=assessment, expert=e, is_leader=leader is not None and e.pk == leader.pk)
        for e in experts
    )
    assessment.status = ThirdPartyStatus.TEAM_FORMED
    assessment.team_formed_at = timezone.now()
    assessment.save(update_fields=["status", "team_formed_at", "updated_at"])
    record_event(
        "thirdparty.team_saved",
        actor=actor,
        obj=assessment,
        organisation=assessment.agency,
        changes={
            "after": {
                "members": [e.pk for e in experts],
                "leader": getattr(leader, "pk", None),
            }
        },
    )
    return assessment


def eligible_pool(assessment: ThirdPartyAssessment) -> list[Expert]:
    """The agency's experts who may serve: active, intermediate title or above, no conflict applying."""
    limits = team_limits()
    pool = []
    for expert in Expert.objects.filter(agency=assessment.agency, active=True).order_by("pk"):
        if expert.title not in team_rules.QUALIFIED_TITLES:
            continue
        conflicts = conflicts_for(assessment.mine, expert, assessment.agency)
        if any(
            team_rules.conflict_applies(c, assessment.assessment_date, limits.conflict_window_days)
            for c in conflicts
        ):
            continue
        pool.append(expert)
    return pool


@transaction.atomic
def _fix_seed(actor: User, assessment: ThirdPartyAssessment) -> ThirdPartyAssessment:
    assessment = _locked(assessment)
    if not assessment.draw_seed:
        assessment.draw_seed = randomdraw.new_seed()
        assessment.draw_seed_at = timezone.now()
        assessment.save(update_fields=["draw_seed", "draw_seed_at", "updated_at"])
        record_event(
            "thirdparty.draw_seed_fixed",
            actor=actor,
            obj=assessment,
            organisation=assessment.agency,
            changes={"after": {"seed": assessment.draw_seed}},
        )
    return assessment


@transaction.atomic
def _audit_refusal(actor: User, assessment: ThirdPartyAssessment, details: dict[str, Any]) -> None:
    record_event(
        "thirdparty.team_draw_refused",
        actor=actor,
        obj=assessment,
        organisation=assessment.agency,
        changes={"after": details},
    )


@transaction.atomic
def _attempt_draw(actor: User, assessment: ThirdPartyAssessment, k: int) -> tuple[ThirdPartyAssessment, str]:
    assessment = _locked(assessment)
    pool = [str(e.pk) for e in eligible_pool(assessment)]
    details: dict[str, Any] = {"seed": assessment.draw_seed, "pool": pool, "k": k}
    refusal = ""
    if assessment.draw_result:
        refusal = _("The team has already been drawn; a draw cannot be repeated.")
    elif k < team_limits().min_members:
        refusal = _("Draw at least %(n)d experts.") % {"n": team_limits().min_members}
    elif len(pool) < k:
        refusal = _("The eligible pool has %(size)d experts; %(k)d cannot be drawn.") % {
            "size": len(pool),
            "k": k,
        }
    if refusal:
        _audit_refusal(actor, assessment, {**details, "reason": refusal})
        return assessment, refusal
    result = randomdraw.draw(assessment.draw_seed, pool, k)
    assessment.draw_k, assessment.draw_pool, assessment.draw_result = k, pool, result
    assessment.drawn_at = timezone.now()
    assessment.save(update_fields=["draw_k", "draw_pool", "draw_result", "drawn_at", "updated_at"])
    record_event(
        "thirdparty.team_drawn",
        actor=actor,
        obj=assessment,
        organisation=assessment.agency,
        changes={"after": {**details, "result": result}},
    )
    return assessment, ""


def draw_team(*, actor: User, assessment: ThirdPartyAssessment, k: int | None = None) -> ThirdPartyAssessment:
    """Draw k experts (default: the minimum team size) at random from the agency's eligible pool.

    Fairness: the seed is fixed, stored and audited in its own transaction BEFORE the pool is computed,
    and never replaced, so nobody can re-roll; the pool and result are stored; every attempt — refused
    ones included — is in the audit log (a refused attempt is committed before the refusal is raised).
    The agency then saves the team from the drawn experts, choosing the leader."""
    require(actor, TEAM, assessment)
    k = team_limits().min_members if k is None else int(k)
    if assessment.status not in (ThirdPartyStatus.COMMISSIONED, ThirdPartyStatus.TEAM_FORMED):
        refusal = _("The team can no longer change.")
        _audit_refusal(actor, assessment, {"seed": assessment.draw_seed, "k": k, "reason": refusal})
        raise ValidationError({"k": [refusal]})
    assessment = _fix_seed(actor, assessment)
    assessment, refusal = _attempt_draw(actor, assessment, k)
    if refusal:
        raise ValidationError({"k": [refusal]})
    return assessment


# Declarations

DEFAULT_DECLARATION = (
    "本人承诺：与被评估矿山及其企业在评估前后一年内无业务往来，未参与其绿色矿山建设方案或自评报告的编制，"
    "与其无隶属或利害关系，将独立、客观、公正地开展评估。"
)


@transaction.atomic
def declare(*, actor: User, member: TeamMember, text: str) -> TeamMember:
    """A member declares no conflict, with their own account, before seeing anything. Only then do they
    receive (core Grants) the rights to view the self-assessment and its evidence and to take part in the
    review. When every member has declared, the review opens."""
    assessment = _locked(member.assessment)
    member = TeamMember.objects.select_for_update().select_related("expert").get(pk=member.pk)
    if member.expert.user_id is None or member.expert.user_id != actor.pk:
        raise PermissionDenied
    if assessment.status not in (ThirdPartyStatus.TEAM_FORMED, ThirdPartyStatus.IN_REVIEW):
        raise ValidationError(_("The team has not been formed yet."))
    if member.declared_at is not None:
        raise ValidationError(_("You have already declared."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [_("Write the declaration.")]})
    limits = team_limits()
    conflicts = conflicts_for(assessment.mine, member.expert, assessment.agency)
    if any(
        team_rules.conflict_applies(c, assessment.assessment_date, limits.conflict_window_days)
        for c in conflicts
    ):
        raise ValidationError({"text": [_("A conflict record names you for this mine; you cannot declare.")]})
    member.declaration_text, member.declared_at, member.declared_by = text, timezone.now(), actor
    member.save(update_fields=["declaration_text", "declared_at", "declared_by"])
    reason = f"thirdparty #{assessment.pk} declared member"
    _grant(assessment, VIEW, actor=actor, user=actor, reason=reason)
    _grant(assessment, ASSESS, actor=actor, user=actor, reason=reason)
    _grant(assessment.self_assessment, VIEW, actor=actor, user=actor, reason=reason)
    evidence_ids = [e["id"] for e in (assessment.self_assessment.snapshot or {}).get("evidence", [])]
    for evidence in EvidenceFile.objects.filter(pk__in=evidence_ids):
        _grant(evidence, VIEW, actor=actor, user=actor, reason=reason)
    if not assessment.members.filter(declared_at__isnull=True).exists():
        assessment.status = ThirdPartyStatus.IN_REVIEW
        assessment.save(update_fields=["status", "updated_at"])
    record_event(
        "thirdparty.declared",
        actor=actor,
        obj=assessment,
        organisation=assessment.agency,
        changes={
            "after": {
                "member": member.pk,
                "expert": member.expert_id,
                "text": text,
                "status": assessment.status,
            }
        },
    )
    return member


from greenmine.thirdparty.services_review import (  # noqa: E402, F401 — one services module for callers
    add_site_photo,
    complete,
    explain_difference,
    record_site_visit,
    score_indicator,
    verify_prerequisite,
    verify_veto,
)
