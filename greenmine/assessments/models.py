"""Construction plans (绿色矿山建设实施方案) and self-assessments (自评) of a mine.

Who sees what (the permission primitive): the mine's enterprise sees and edits its own records; the
bureau of the mine's division sees records once submitted and files or returns them (action `review`);
departments of the division read submitted records; nobody else learns they exist.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from greenmine.assessments.choices import FROZEN_STATUSES, AssessmentStatus, ItemSection, PlanStatus
from greenmine.core.choices import OrganisationKind
from greenmine.core.divisions import scope_prefix
from greenmine.core.models import BaseModel
from greenmine.core.permissions import ADD, CHANGE, NOTHING, VIEW, Scope, role_allows

REVIEW = "review"
SUBMIT = "submit"
OWNER_ACTIONS = frozenset({VIEW, ADD, CHANGE, SUBMIT})


def _government_rule(user: Any, action: str, memberships: list[Any]) -> Q:
    """Bureaus view and review, departments view, what lies in their division and is no longer a draft:
    a draft is the enterprise's working copy until it submits it."""
    q = NOTHING
    for membership in memberships:
        org = membership.organisation
        if not role_allows(membership.role, action):
            continue
        allowed = {VIEW, REVIEW} if org.kind == OrganisationKind.BUREAU else set()
        if org.kind == OrganisationKind.DEPARTMENT:
            allowed = {VIEW}
        if action in allowed:
            q |= Q(mine__division__code__startswith=scope_prefix(org.division_id)) & ~Q(status="draft")
    return q


RECORD_SCOPE = Scope(owner="mine__enterprise_id", owner_actions=OWNER_ACTIONS, custom=_government_rule)


class ConstructionPlan(BaseModel):
    """One version of a mine's construction plan: the target (standard version, year), budget, tasks and
    milestones. The enterprise submits it; the bureau files it (备案) or returns it; a revision is a new
    version pointing at the previous one, so every version is kept."""

    mine = models.ForeignKey(
        "registry.Mine", verbose_name=_("mine"), on_delete=models.PROTECT, related_name="construction_plans"
    )
    version_no = models.PositiveIntegerField(_("version"), default=1)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
    )
    title = models.CharField(_("title"), max_length=200)
    standard_version = models.ForeignKey(
        "standards.StandardVersion",
        verbose_name=_("target standard"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_year = models.PositiveSmallIntegerField(_("target year"))
    targets = models.TextField(_("targets"), blank=True)
    budget = models.DecimalField(
        _("budget (10k CNY)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    comments = models.TextField(_("bureau comments"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("filed or returned at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope = RECORD_SCOPE

    class Meta:
        ordering = ["mine__name", "-version_no"]
        verbose_name = _("construction plan")
        verbose_name_plural = _("construction plans")
        constraints = [
            models.UniqueConstraint(fields=["mine", "version_no"], name="assessments_plan_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version_no}"

    @property
    def editable(self) -> bool:
        return self.status == PlanStatus.DRAFT


class PlanTask(models.Model):
    """A task of a plan: who is responsible, when, the concrete measures and what it costs."""

    plan = models.ForeignKey(ConstructionPlan, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("task"), max_length=200)
    owner = models.CharField(_("responsible"), max_length=100)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    measures = models.TextField(_("measures"), blank=True)
    budget = models.DecimalField(
        _("budget (10k CNY)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="assessments_task_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    """A dated milestone with its progress. 'Overdue' is derived when read, never stored."""

    plan = models.ForeignKey(ConstructionPlan, on_delete=models.CASCADE, related_name="milestones")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("milestone"), max_length=200)
    due_date = models.DateField(_("due date"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["plan", "due_date", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="assessments_milestone_progress"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def overdue(self) -> bool:
        return not self.done and self.due_date < timezone.localdate()


class SelfAssessment(BaseModel):
    """One version of a mine's self-assessment against a pinned standard version.

    `lock_version` counts saves: every save carries the counter the editor last saw, so a save made on a
    stale page is refused instead of silently overwriting someone else's answer. After submission the
    `snapshot` (responses, scores, evidence hashes, the standard's code/version/content hash) is frozen.
    """

    mine = models.ForeignKey(
        "registry.Mine", verbose_name=_("mine"), on_delete=models.PROTECT, related_name="self_assessments"
    )
    standard_version = models.ForeignKey(
        "standards.StandardVersion", verbose_name=_("standard"), on_delete=models.PROTECT, related_name="+"
    )
    version_no = models.PositiveIntegerField(_("version"), default=1)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    lock_version = models.PositiveIntegerField(_("edit counter"), default=0)
    last_saved_at = models.DateTimeField(null=True, blank=True)
    last_saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    snapshot = models.JSONField(_("submitted content"), null=True, blank=True)
    snapshot_hash = models.CharField(_("submitted content hash"), max_length=64, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    return_comment = models.TextField(_("bureau comments"), blank=True)

    scope = RECORD_SCOPE

    class Meta:
        ordering = ["mine__name", "-version_no"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.UniqueConstraint(fields=["mine", "version_no"], name="assessments_self_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.mine} 自评 v{self.version_no}"

    @property
    def frozen(self) -> bool:
        return self.status in FROZEN_STATUSES

    # Fields the bureau's review may still write on a frozen assessment; the content never changes.
    REVIEW_FIELDS = frozenset({"status", "reviewed_at", "reviewed_by", "return_comment", "updated_at"})

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Defence in depth behind the services: the stored, submitted content of a frozen assessment cannot
        # be rewritten by any code path, only its review fields.
        if self.pk is not None:
            stored = (
                type(self)
                .objects.filter(pk=self.pk)
                .values("status", "snapshot_hash", "lock_version", "standard_version_id", "mine_id")
                .first()
            )
            if stored and stored["status"] in FROZEN_STATUSES:
                update_fields = kwargs.get("update_fields")
                changed = (
                    stored["snapshot_hash"] != self.snapshot_hash
                    or stored["lock_version"] != self.lock_version
                    or stored["standard_version_id"] != self.standard_version_id
                    or stored["mine_id"] != self.mine_id
                    or self.status == AssessmentStatus.DRAFT
                )
                if changed or update_fields is None or not set(update_fields) <= self.REVIEW_FIELDS:
                    raise ValidationError(_("A submitted self-assessment cannot change; start a revision."))
        super().save(*args, **kwargs)


class AssessmentItem(models.Model):
    """The answer to one indicator, prerequisite or veto, with remarks and evidence. `saved_version` is the
    assessment's edit counter at this item's last save (what a stale save is detected by)."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="items")
    section = models.CharField(max_length=14, choices=ItemSection.choices, default=ItemSection.ITEM)
    indicator_id = models.CharField(_("indicator"), max_length=64)
    answer = models.JSONField(_("answer"), default=dict, blank=True)
    remark = models.TextField(_("remarks"), blank=True)
    evidence = models.ManyToManyField("core.EvidenceFile", blank=True, related_name="assessment_items")
    saved_version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["assessment", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator_id"], name="assessments_item_unique"),
        ]

    def __str__(self) -> str:
        return self.indicator_id

    def save(self, *args: Any, **kwargs: Any) -> None:
        if SelfAssessment.objects.filter(pk=self.assessment_id, status__in=FROZEN_STATUSES).exists():
            raise ValidationError(_("A submitted self-assessment cannot change; start a revision."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if SelfAssessment.objects.filter(pk=self.assessment_id, status__in=FROZEN_STATUSES).exists():
            raise ValidationError(_("A submitted self-assessment cannot change; start a revision."))
        return super().delete(*args, **kwargs)


class ReturnComment(models.Model):
    """The bureau's comment on one indicator (or on the whole, with an empty id) when it returns a
    submission."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="return_comments")
    indicator_id = models.CharField(_("indicator"), max_length=64, blank=True)
    comment = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["assessment", "pk"]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.comment[:40]}"


class StandardAssignment(BaseModel):
    """The bureau's choice of standard for one mine, overriding the applies-to rule (e.g. an enterprise
    leading standard, or a mineral no standard names)."""

    mine = models.OneToOneField("registry.Mine", on_delete=models.CASCADE, related_name="standard_assignment")
    standard_version = models.ForeignKey(
        "standards.StandardVersion", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    scope = Scope(
        division="mine__division__code",
        owner="mine__enterprise_id",
        kinds_by_division=frozenset({OrganisationKind.BUREAU}),
    )

    def __str__(self) -> str:
        return f"{self.mine}: {self.standard_version}"
