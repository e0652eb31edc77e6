"""Supervision (监管) of listed mines: the inspector pool, random spot-check draws (双随机一公开),
spot checks, rectification orders (整改) and annual self-checks.

Who sees what (the permission primitive): the bureau of a division manages everything in it; departments
and townships of the division read; an enterprise reads its own mines' checks and orders and answers them
(action `reply` / `submit`); an inspector records the checks they are assigned to (action `record`);
visitors see published draws only. Overdue is derived at read time, never stored.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from greenmine.core.models import BaseModel
from greenmine.core.permissions import NOTHING, VIEW, RestrictedQuerySet, Scope
from greenmine.supervision.choices import (
    DrawEligibility,
    DrawStatus,
    RectificationStatus,
    ReviewDecision,
    SelfCheckStatus,
    SpotCheckResult,
)

RECORD = "record"  # an inspector (or the bureau) records a spot check's result
REPLY = "reply"  # the enterprise replies to a rectification order
SUBMIT = "submit"  # the enterprise submits its annual self-check
REVIEW = "review"  # the bureau verifies a reply, accepts or returns a self-check


class Inspector(BaseModel):
    """A law-enforcement officer of the bureau or a department in the inspector pool (执法检查人员库)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="inspector"
    )
    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    certificate_no = models.CharField(_("law-enforcement certificate no."), max_length=40, unique=True)
    disciplines = models.CharField(_("disciplines"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)
    # 回避: enterprises this inspector must not inspect (business or family ties, earlier employment).
    avoid_enterprises = models.ManyToManyField(
        "core.Organisation",
        verbose_name=_("enterprises to avoid"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "enterprise"},
    )

    scope = Scope(
        division="organisation__division__code",
        custom=lambda user, action, memberships: Q(user=user) if action == VIEW else NOTHING,
    )

    class Meta:
        ordering = ["organisation__name", "certificate_no"]
        verbose_name = _("inspector")
        verbose_name_plural = _("inspectors")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.user.display_name or self.user.get_full_name() or self.user.get_username()


def _published_draws() -> Q:
    return Q(status=DrawStatus.PUBLISHED)


class SpotCheckDraw(BaseModel):
    """One random draw of mines and inspectors. The seed is fixed when the draw is created, before the pools
    are known; the draw step stores both pools and the selection, so anyone can recompute it."""

    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    division = models.ForeignKey(
        "core.Division", verbose_name=_("administrative division"), on_delete=models.PROTECT, related_name="+"
    )
    eligibility = models.CharField(
        _("eligible mines"), max_length=12, choices=DrawEligibility.choices, default=DrawEligibility.LISTED
    )
    sample_count = models.PositiveIntegerField(_("number of mines"), null=True, blank=True)
    sample_ratio = models.DecimalField(
        _("ratio of mines (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    inspectors_per_mine = models.PositiveSmallIntegerField(_("inspectors per mine"), default=2)
    seed = models.CharField(_("seed"), max_length=64, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=DrawStatus.choices, default=DrawStatus.CREATED
    )
    # [{"key": "M12", "name": "…"}] in pool order; the selection: [{"mine": "M12", "inspectors": ["I3", …],
    # "excluded": ["I5"]}] ("excluded": the inspectors who must avoid that mine's enterprise, when any).
    mine_pool = models.JSONField(_("mine pool"), default=list, blank=True)
    inspector_pool = models.JSONField(_("inspector pool"), default=list, blank=True)
    selection = models.JSONField(_("selection"), default=list, blank=True)
    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope = Scope(division="division__code", published=_published_draws)

    class Meta:
        ordering = ["-year", "-created_at", "-pk"]
        verbose_name = _("spot-check draw")
        verbose_name_plural = _("spot-check draws")

    def __str__(self) -> str:
        return self.title

    def names(self) -> dict[str, str]:
        """Pool key → name, for both pools."""
        return {row["key"]: row["name"] for row in [*self.mine_pool, *self.inspector_pool]}

    def selection_rows(self) -> list[dict[str, Any]]:
        """The selection with names, in drawn order."""
        names = self.names()
        return [
            {
                "order": i,
                "mine_key": row["mine"],
                "mine": names.get(row["mine"], row["mine"]),
                "inspectors": [names.get(k, k) for k in row["inspectors"]],
                "inspector_keys": row["inspectors"],
                "excluded": [names.get(k, k) for k in row.get("excluded", [])],
            }
            for i, row in enumerate(self.selection, start=1)
        ]


def _assigned_inspector(user: Any, action: str, memberships: list[Any]) -> Q:
    """An assigned inspector views and records their check."""
    if action not in (VIEW, RECORD):
        return NOTHING
    through = SpotCheck.inspectors.through
    return Q(
        pk__in=through.objects.filter(inspector__user=user, inspector__active=True).values("spotcheck_id")
    )


class SpotCheck(BaseModel):
    """A check of one mine by its assigned inspectors (from a draw, or ordered by the bureau). The result is
    recorded once and never changes; a failed check opens a rectification order."""

    draw = models.ForeignKey(
        SpotCheckDraw,
        verbose_name=_("draw"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="checks",
    )
    mine = models.ForeignKey(
        "registry.Mine", verbose_name=_("mine"), on_delete=models.PROTECT, related_name="spot_checks"
    )
    inspectors = models.ManyToManyField(Inspector, verbose_name=_("inspectors"), related_name="spot_checks")
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    result = models.CharField(
        pgettext_lazy("spot check", "result"),
        max_length=10,
        choices=SpotCheckResult.choices,
        default=SpotCheckResult.PENDING,
    )
    findings = models.TextField(_("findings"), blank=True)
    evidence = models.ManyToManyField("core.EvidenceFile", blank=True, related_name="spot_checks")
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope = Scope(
        division="mine__division__code",
        owner="mine__enterprise_id",
        township="mine__township_id",
        custom=_assigned_inspector,
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("spot check")
        verbose_name_plural = _("spot checks")

    def __str__(self) -> str:
        return f"{self.mine} · {self.get_result_display()}"

    @property
    def recorded(self) -> bool:
        return self.result != SpotCheckResult.PENDING


class RectificationOrderQuerySet(RestrictedQuerySet):
    def overdue(self, on: date) -> RectificationOrderQuerySet:
        """Orders past their deadline on `on` and not verified."""
        return self.filter(deadline__lt=on).exclude(status=RectificationStatus.VERIFIED)


class RectificationOrder(BaseModel):
    """An order to rectify (整改通知): issued by the bureau or by a failed spot check; the enterprise replies
    with evidence; the bureau verifies (accepted: verified; rejected: open again, with its comment)."""

    mine = models.ForeignKey(
        "registry.Mine", verbose_name=_("mine"), on_delete=models.PROTECT, related_name="rectification_orders"
    )
    spot_check = models.ForeignKey(
        SpotCheck,
        verbose_name=_("spot check"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rectification_orders",
    )
    requirement = models.TextField(_("requirement"))
    deadline = models.DateField(pgettext_lazy("rectification", "deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=RectificationStatus.choices, default=RectificationStatus.OPEN
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = models.Manager.from_queryset(RectificationOrderQuerySet)()

    scope = Scope(
        division="mine__division__code",
        owner="mine__enterprise_id",
        township="mine__township_id",
        owner_actions=frozenset({VIEW, REPLY}),
    )

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("rectification order")
        verbose_name_plural = _("rectification orders")

    def __str__(self) -> str:
        return f"{self.mine} · {self.deadline:%Y-%m-%d}"

    @property
    def overdue(self) -> bool:
        return self.status != RectificationStatus.VERIFIED and self.deadline < timezone.localdate()


class Submission(models.Model):
    """One submission by the enterprise (a reply, a report) with the bureau's decision on it. Kept as it
    was: a rejected submission is followed by a new one, never rewritten."""

    text = models.TextField(_("text"))
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(_("decision"), max_length=10, choices=ReviewDecision.choices, blank=True)
    comment = models.TextField(_("bureau comment"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["submitted_at", "pk"]


class RectificationReply(Submission):
    order = models.ForeignKey(RectificationOrder, on_delete=models.CASCADE, related_name="replies")
    evidence = models.ManyToManyField("core.EvidenceFile", blank=True, related_name="rectification_replies")

    class Meta(Submission.Meta):
        verbose_name = _("rectification reply")
        verbose_name_plural = _("rectification replies")

    def __str__(self) -> str:
        return f"{self.order} · {self.submitted_at:%Y-%m-%d}"


class AnnualSelfCheck(BaseModel):
    """A listed mine's annual self-check (年度自查): opened by the clock for the year, reported by the
    enterprise with evidence, accepted or returned by the bureau."""

    mine = models.ForeignKey(
        "registry.Mine", verbose_name=_("mine"), on_delete=models.PROTECT, related_name="annual_self_checks"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=SelfCheckStatus.choices, default=SelfCheckStatus.OPEN
    )
    reminder_sent_on = models.DateField(_("reminder sent on"), null=True, blank=True)
    overdue_notice_sent_on = models.DateField(_("overdue notice sent on"), null=True, blank=True)

    scope = Scope(
        division="mine__division__code",
        owner="mine__enterprise_id",
        township="mine__township_id",
        owner_actions=frozenset({VIEW, SUBMIT}),
    )

    class Meta:
        ordering = ["-year", "mine__name"]
        verbose_name = _("annual self-check")
        verbose_name_plural = _("annual self-checks")
        constraints = [
            models.UniqueConstraint(fields=["mine", "year"], name="supervision_selfcheck_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.mine} · {self.year}"

    @property
    def awaiting_report(self) -> bool:
        return self.status in (SelfCheckStatus.OPEN, SelfCheckStatus.RETURNED)

    @property
    def overdue(self) -> bool:
        return self.awaiting_report and self.due_date < timezone.localdate()


class SelfCheckReport(Submission):
    self_check = models.ForeignKey(AnnualSelfCheck, on_delete=models.CASCADE, related_name="reports")
    evidence = models.ManyToManyField("core.EvidenceFile", blank=True, related_name="self_check_reports")

    class Meta(Submission.Meta):
        verbose_name = _("self-check report")
        verbose_name_plural = _("self-check reports")

    def __str__(self) -> str:
        return f"{self.self_check} · {self.submitted_at:%Y-%m-%d}"
