"""Third-party assessment (第三方评估): agencies and their experts, conflict records, the commissioned
assessment with its team, declarations, prerequisite checks, site visit and indicator scores.

Who sees what (the permission primitive):
- the bureau of the mine's division (and bureaus above it) sees and acts on an assessment;
- departments of the division and the mine's enterprise view it once completed;
- the commissioned agency acts through a Grant on its organisation (view, form the team);
- a team member acts through Grants on their own account, given only when they declare no conflict —
  until then they see neither the self-assessment, nor its evidence, nor the review.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from greenmine.core.choices import OrganisationKind
from greenmine.core.divisions import scope_prefix
from greenmine.core.models import BaseModel
from greenmine.core.permissions import ADD, CHANGE, NOTHING, VIEW, Scope, role_allows
from greenmine.thirdparty.choices import CheckSection, ConflictKind, Discipline, ExpertTitle, ThirdPartyStatus

TEAM = "team"  # form the team, draw it (granted to the commissioned agency)
# verify prerequisites and veto items, record the visit, score, complete (granted to declared members)
ASSESS = "assess"
# The agency's and the members' work: only ever through grants, never by the bureau's scope.
GRANTED_ONLY = frozenset({TEAM, ASSESS})


def _bureaus(memberships: list[Any], action: str) -> list[Any]:
    return [
        m.organisation
        for m in memberships
        if m.organisation.kind == OrganisationKind.BUREAU and role_allows(m.role, action)
    ]


def _registered_agencies_rule(path: str) -> Any:
    """Any bureau may view registered agencies (and their experts) to commission them."""

    def rule(user: Any, action: str, memberships: list[Any]) -> Q:
        if action == VIEW and _bureaus(memberships, action):
            return Q(**{path: True})
        return NOTHING

    return rule


class AgencyProfile(BaseModel):
    """The assessment agency's profile on its Organisation (kind assessor). The bureau registers it
    (`registered`: may be commissioned); the agency keeps its details up to date."""

    organisation = models.OneToOneField(
        "core.Organisation",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="agency_profile",
        limit_choices_to={"kind": OrganisationKind.ASSESSOR},
    )
    qualifications = models.TextField(_("qualifications"), blank=True)
    staff_count = models.PositiveIntegerField(_("professional staff"), default=0)
    experience = models.TextField(_("green-mine assessment experience"), blank=True)
    registered = models.BooleanField(_("registered for commissioning"), default=False)
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)

    scope = Scope(
        division="organisation__division__code",
        owner="organisation_id",
        owner_actions=frozenset({VIEW, CHANGE}),
        custom=_registered_agencies_rule("registered"),
    )

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("agency profile")
        verbose_name_plural = _("agency profiles")

    def __str__(self) -> str:
        return str(self.organisation)


class Expert(BaseModel):
    """An expert of an agency. `user` is their own account in the agency, with which they declare."""

    agency = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="experts",
        limit_choices_to={"kind": OrganisationKind.ASSESSOR},
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=60)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expert",
    )
    title = models.CharField(
        pgettext_lazy("professional", "title"), max_length=16, choices=ExpertTitle.choices
    )
    disciplines = models.JSONField(_("disciplines"), default=list, blank=True)
    full_time = models.BooleanField(_("full-time staff of the agency"), default=True)
    active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(_("notes"), blank=True)

    scope = Scope(
        division="agency__division__code",
        owner="agency_id",
        bureau_actions=frozenset({VIEW}),
        department_actions=frozenset(),
        owner_actions=frozenset({VIEW, ADD, CHANGE}),
        custom=lambda user, action, memberships: (
            (Q(user=user) if action == VIEW else NOTHING)
            | _registered_agencies_rule("agency__agency_profile__registered")(user, action, memberships)
        ),
    )

    class Meta:
        ordering = ["agency__name", "name", "pk"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self) -> str:
        return self.name

    @property
    def discipline_labels(self) -> str:
        labels = dict(Discipline.choices)
        return "、".join(str(labels.get(d, d)) for d in self.disciplines)


def _conflict_rule(user: Any, action: str, memberships: list[Any]) -> Q:
    """Bureaus see and enter the conflict records about mines and enterprises of their division."""
    q = NOTHING
    if action not in {VIEW, ADD, CHANGE}:
        return q
    for org in _bureaus(memberships, action):
        prefix = scope_prefix(org.division_id)
        q |= Q(mine__division__code__startswith=prefix) | Q(enterprise__division__code__startswith=prefix)
    return q


class ConflictRecord(BaseModel):
    """A tie between an expert (or the agency as a whole, when `expert` is empty) and an enterprise or a
    mine: a business dealing over a date range, authorship of the plan or self-assessment, affiliation."""

    agency = models.ForeignKey(
        "core.Organisation", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    expert = models.ForeignKey(
        Expert,
        verbose_name=_("expert"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conflicts",
    )
    enterprise = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    mine = models.ForeignKey(
        "registry.Mine",
        verbose_name=_("mine"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=ConflictKind.choices)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("to"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    scope = Scope(
        owner="agency_id",
        owner_actions=frozenset({VIEW, ADD, CHANGE}),
        custom=_conflict_rule,
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("conflict record")
        verbose_name_plural = _("conflict records")
        constraints = [
            models.CheckConstraint(
                condition=Q(enterprise__isnull=False) | Q(mine__isnull=False),
                name="thirdparty_conflict_has_party",
            ),
        ]

    def __str__(self) -> str:
        who = self.expert or self.agency
        return f"{who} ↔ {self.mine or self.enterprise}: {self.get_kind_display()}"


def _assessment_rule(user: Any, action: str, memberships: list[Any]) -> Q:
    """The bureau of the mine's division acts (role-capped); departments and the enterprise view the
    completed assessment. Agencies and members act through grants."""
    q = NOTHING
    if action in GRANTED_ONLY:
        return q
    for membership in memberships:
        org = membership.organisation
        if not role_allows(membership.role, action):
            continue
        if org.kind == OrganisationKind.BUREAU:
            q |= Q(mine__division__code__startswith=scope_prefix(org.division_id))
        elif org.kind == OrganisationKind.DEPARTMENT and action == VIEW:
            q |= Q(mine__division__code__startswith=scope_prefix(org.division_id)) & Q(
                status=ThirdPartyStatus.COMPLETED
            )
        elif org.kind == OrganisationKind.ENTERPRISE and action == VIEW:
            q |= Q(mine__enterprise_id=org.pk, status=ThirdPartyStatus.COMPLETED)
    return q


class ThirdPartyAssessment(BaseModel):
    """One commissioned third-party assessment of a submitted self-assessment."""

    mine = models.ForeignKey(
        "registry.Mine",
        verbose_name=_("mine"),
        on_delete=models.PROTECT,
        related_name="thirdparty_assessments",
    )
    self_assessment = models.ForeignKey(
        "assessments.SelfAssessment",
        verbose_name=_("self-assessment"),
        on_delete=models.PROTECT,
        related_name="thirdparty_assessments",
    )
    agency = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="thirdparty_assessments",
    )
    commissioned_by_org = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("commissioning bureau"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ThirdPartyStatus.choices, default=ThirdPartyStatus.COMMISSIONED
    )
    assessment_date = models.DateField(_("assessment date"))
    contract_ref = models.CharField(_("contract number"), max_length=60, blank=True)
    commissioned_at = models.DateTimeField(_("commissioned at"))
    self_total = models.DecimalField(_("self-assessment total"), max_digits=8, decimal_places=2, null=True)
    team_formed_at = models.DateTimeField(_("team formed at"), null=True, blank=True)
    # The random draw of the team: the seed is stored before the pool is computed (no re-roll).
    draw_seed = models.CharField(_("draw seed"), max_length=64, blank=True)
    draw_seed_at = models.DateTimeField(_("seed fixed at"), null=True, blank=True)
    draw_k = models.PositiveSmallIntegerField(_("members drawn"), null=True, blank=True)
    draw_pool = models.JSONField(_("draw pool"), default=list, blank=True)
    draw_result = models.JSONField(_("draw result"), default=list, blank=True)
    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    total_score = models.DecimalField(_("third-party total"), max_digits=8, decimal_places=2, null=True)
    passed = models.BooleanField(_("passed"), null=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope = Scope(custom=_assessment_rule)

    class Meta:
        ordering = ["-commissioned_at", "-pk"]
        verbose_name = _("third-party assessment")
        verbose_name_plural = _("third-party assessments")

    def __str__(self) -> str:
        return f"{self.mine} 第三方评估 #{self.pk}"

    @property
    def completed(self) -> bool:
        return self.status == ThirdPartyStatus.COMPLETED

    @property
    def prerequisite_checks(self) -> Any:
        """The team's prerequisite checks (`checks` holds the veto verdicts too)."""
        return self.checks.filter(section=CheckSection.PREREQUISITE)

    @property
    def veto_checks(self) -> Any:
        """The team's verdicts on the veto items (一票否决)."""
        return self.checks.filter(section=CheckSection.VETO)


class TeamMember(models.Model):
    """A member of the team and their declaration of no conflict (text, time, by their own account)."""

    assessment = models.ForeignKey(ThirdPartyAssessment, on_delete=models.CASCADE, related_name="members")
    expert = models.ForeignKey(Expert, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="+")
    is_leader = models.BooleanField(_("team leader"), default=False)
    added_at = models.DateTimeField(auto_now_add=True)
    declaration_text = models.TextField(_("declaration"), blank=True)
    declared_at = models.DateTimeField(_("declared at"), null=True, blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["assessment", "-is_leader", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "expert"], name="thirdparty_member_unique"),
        ]

    def __str__(self) -> str:
        return str(self.expert)


class PrerequisiteCheck(models.Model):
    """The team's own verification of one condition of the pinned standard (desk review): a prerequisite
    (`section` prerequisite, `holds` yes/no) or a veto item (`section` veto, `occurred` yes/no) — never
    taken from the enterprise's self-assessment. Final once made."""

    assessment = models.ForeignKey(ThirdPartyAssessment, on_delete=models.CASCADE, related_name="checks")
    section = models.CharField(
        _("section"), max_length=16, choices=CheckSection.choices, default=CheckSection.PREREQUISITE
    )
    indicator_id = models.CharField(_("condition"), max_length=64)
    holds = models.BooleanField(_("holds"), null=True, blank=True)  # prerequisites only
    occurred = models.BooleanField(_("occurred"), null=True, blank=True)  # veto items only
    note = models.TextField(_("note"), blank=True)
    verified_at = models.DateTimeField(auto_now_add=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["assessment", "pk"]
        verbose_name = _("condition check")
        verbose_name_plural = _("condition checks")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator_id"], name="thirdparty_prereq_unique"),
            models.CheckConstraint(
                condition=(
                    Q(section=CheckSection.PREREQUISITE, holds__isnull=False, occurred__isnull=True)
                    | Q(section=CheckSection.VETO, holds__isnull=True, occurred__isnull=False)
                ),
                name="thirdparty_check_verdict_of_its_section",
            ),
        ]

    def __str__(self) -> str:
        return self.indicator_id


class SiteVisit(models.Model):
    """The field review (现场评估): date, attendees, and the signed commitment letter (评估工作承诺书)."""

    assessment = models.OneToOneField(
        ThirdPartyAssessment, on_delete=models.CASCADE, related_name="site_visit"
    )
    visit_date = models.DateField(_("visit date"))
    attendees = models.TextField(_("attendees"))
    commitment_letter = models.ForeignKey(
        "core.EvidenceFile",
        verbose_name=_("signed commitment letter"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.assessment} {self.visit_date}"


class SitePhoto(models.Model):
    """A photo of the visit, with the location read from its EXIF GPS tags where present."""

    visit = models.ForeignKey(SiteVisit, on_delete=models.CASCADE, related_name="photos")
    evidence = models.ForeignKey("core.EvidenceFile", on_delete=models.PROTECT, related_name="+")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["visit", "pk"]

    def __str__(self) -> str:
        return self.caption or str(self.evidence)


class IndicatorScore(models.Model):
    """The team's answer, score and finding for one scored indicator, beside the self-assessment's
    score. A difference beyond THIRDPARTY_EXPLAIN_DIFFERENCE_POINTS needs the assessor's explanation."""

    assessment = models.ForeignKey(ThirdPartyAssessment, on_delete=models.CASCADE, related_name="scores")
    indicator_id = models.CharField(_("indicator"), max_length=64)
    answer = models.JSONField(_("answer"), default=dict)
    score = models.DecimalField(_("third-party score"), max_digits=8, decimal_places=2)
    self_score = models.DecimalField(_("self score"), max_digits=8, decimal_places=2, null=True)
    finding = models.TextField(_("finding"))
    explanation = models.TextField(_("explanation of the difference"), blank=True)
    scored_at = models.DateTimeField(auto_now_add=True)
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    explained_at = models.DateTimeField(null=True, blank=True)
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["assessment", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator_id"], name="thirdparty_score_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.score}"

    @property
    def difference(self) -> Any:
        if self.self_score is None:
            return None
        return self.score - self.self_score
