"""Admission models: reference layers (versioned), rules, immutable admission checks, withdrawal cases.

Scopes: layers and rules are programme-wide reference data that every bureau reads (admins import and
configure); checks belong to the checking bureau's division (departments of that division view them, a
system check from the command line is visible to every bureau and department); withdrawal cases belong to
the right's division and its holder sees its own.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from greenmine.admission.choices import (
    ApplicationType,
    CaseStatus,
    LayerKind,
    ReserveZone,
    RightKind,
    Verdict,
)
from greenmine.core.choices import OrganisationKind
from greenmine.core.models import BaseModel
from greenmine.core.permissions import EVERYTHING, NOTHING, VIEW, RestrictedQuerySet, Scope, role_allows


def _bureau_members(user: Any, action: str, memberships: list[Any]) -> Q:
    """Programme-wide reference data: any bureau member whose role allows the action."""
    if any(
        m.organisation.kind == OrganisationKind.BUREAU and role_allows(m.role, action) for m in memberships
    ):
        return EVERYTHING
    return NOTHING


def _system_checks(user: Any, action: str, memberships: list[Any]) -> Q:
    """Checks run from the command line (no division) are read by every bureau and department."""
    if action == VIEW and any(
        m.organisation.kind in (OrganisationKind.BUREAU, OrganisationKind.DEPARTMENT) for m in memberships
    ):
        return Q(division__isnull=True)
    return NOTHING


REFERENCE_SCOPE = Scope(custom=_bureau_members)


class ReferenceLayer(BaseModel):
    """A reference layer (a red line, the reserves, the planning zones …); its content is its versions."""

    kind = models.CharField(_("kind"), max_length=24, choices=LayerKind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    scope = REFERENCE_SCOPE

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("reference layer")
        verbose_name_plural = _("reference layers")
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="admission_layer_kind_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def current_version(self) -> LayerVersion | None:
        return self.versions.order_by("-number").first()


class LayerVersion(BaseModel):
    """One import of a layer. The newest version is the current one; older ones stay for the checks
    that used them."""

    layer = models.ForeignKey(ReferenceLayer, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    source_name = models.CharField(_("source file"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    source_crs = models.CharField(_("source CRS"), max_length=200, blank=True)
    feature_count = models.PositiveIntegerField(_("features"), default=0)
    repair_report = models.JSONField(_("repair report"), default=list, blank=True)

    scope = REFERENCE_SCOPE

    class Meta:
        ordering = ["layer", "-number"]
        verbose_name = _("layer version")
        verbose_name_plural = _("layer versions")
        constraints = [models.UniqueConstraint(fields=["layer", "number"], name="admission_version_unique")]

    def __str__(self) -> str:
        return f"{self.layer} v{self.number}"


class LayerFeature(models.Model):
    """One feature of a layer version: name, attributes, GeoJSON geometry in CGCS2000 lon/lat, bbox."""

    version = models.ForeignKey(LayerVersion, on_delete=models.CASCADE, related_name="features")
    name = models.CharField(_("name"), max_length=300, blank=True)
    zone = models.CharField(_("reserve zone"), max_length=12, choices=ReserveZone.choices, blank=True)
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    geometry = models.JSONField(_("geometry (GeoJSON, CGCS2000)"))
    area_km2 = models.FloatField(_("area (km²)"), default=0.0)
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()

    objects = RestrictedQuerySet.as_manager()
    scope = REFERENCE_SCOPE

    class Meta:
        ordering = ["version", "id"]
        verbose_name = _("layer feature")
        verbose_name_plural = _("layer features")
        indexes = [models.Index(fields=["min_lon", "min_lat"], name="admission_feature_bbox")]

    def __str__(self) -> str:
        return self.name or f"#{self.pk}"


class AdmissionRule(BaseModel):
    """What one layer kind means for an application: the verdict on overlap, on lying within a distance,
    and (planning zones) on lying outside. `right_kind` empty = every right."""

    layer_kind = models.CharField(_("layer kind"), max_length=24, choices=LayerKind.choices)
    right_kind = models.CharField(_("right kind"), max_length=12, choices=RightKind.choices, blank=True)
    overlap_verdict = models.CharField(
        _("verdict when overlapping"), max_length=12, choices=Verdict.choices, blank=True
    )
    within_m = models.FloatField(_("review within (m)"), null=True, blank=True)
    within_verdict = models.CharField(
        _("verdict when within the distance"), max_length=12, choices=Verdict.choices, blank=True
    )
    outside_verdict = models.CharField(
        _("verdict when outside every feature"), max_length=12, choices=Verdict.choices, blank=True
    )
    active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("basis"), max_length=300, blank=True)

    scope = REFERENCE_SCOPE

    class Meta:
        ordering = ["layer_kind", "right_kind"]
        verbose_name = _("admission rule")
        verbose_name_plural = _("admission rules")

    def __str__(self) -> str:
        return f"{self.get_layer_kind_display()} {self.right_kind or '*'}"


class AdmissionCheck(BaseModel):
    """One admission check, immutable: a re-check is a new record. `result` is the CLI JSON."""

    division = models.ForeignKey(
        "core.Division",
        verbose_name=_("administrative division"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    applicant = models.CharField(_("applicant"), max_length=200, blank=True)
    enterprise = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="admission_checks",
    )
    right_kind = models.CharField(_("right kind"), max_length=12, choices=RightKind.choices)
    application_type = models.CharField(
        _("application type"), max_length=12, choices=ApplicationType.choices, default=ApplicationType.NEW
    )
    licence_no = models.CharField(_("licence number (extension or change)"), max_length=40, blank=True)
    source_name = models.CharField(_("source file"), max_length=255, blank=True)
    boundary_text = models.TextField(_("boundary"))
    geojson = models.JSONField(_("boundary GeoJSON (CGCS2000)"), default=dict)
    area_km2 = models.FloatField(_("area (km²)"))
    verdict = models.CharField(_("verdict"), max_length=12, choices=Verdict.choices)
    reasons = models.JSONField(_("reasons"), default=list)
    result = models.JSONField(_("result"), default=dict)
    layer_versions = models.ManyToManyField(
        LayerVersion, verbose_name=_("layer versions used"), related_name="checks", blank=True
    )
    rules_used = models.JSONField(_("rules used"), default=list)
    radius_m = models.FloatField(_("search radius (m)"), default=1000.0)

    scope = Scope(division="division__code", custom=_system_checks)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("admission check")
        verbose_name_plural = _("admission checks")

    def __str__(self) -> str:
        return f"#{self.pk} {self.applicant or self.get_right_kind_display()}"


class WithdrawalCaseQuerySet(RestrictedQuerySet):
    """Overdue is derived at read time: open with a deadline in the past."""

    def overdue(self) -> WithdrawalCaseQuerySet:
        return self.filter(status=CaseStatus.OPEN, deadline__lt=timezone.localdate())


class WithdrawalCase(BaseModel):
    """The withdrawal (退出) of a right inside a protected area, tracked from opening to closure."""

    division = models.ForeignKey(
        "core.Division", verbose_name=_("administrative division"), on_delete=models.PROTECT, related_name="+"
    )
    holder = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="withdrawal_cases",
    )
    mining_right = models.ForeignKey(
        "registry.MiningRight",
        verbose_name=_("mining right"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    exploration_right = models.ForeignKey(
        "registry.ExplorationRight",
        verbose_name=_("exploration right"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    licence_no = models.CharField(_("licence number"), max_length=40)
    features = models.ManyToManyField(
        LayerFeature, verbose_name=_("protected-area features"), related_name="withdrawal_cases", blank=True
    )
    overlap_km2 = models.FloatField(_("overlap (km²)"), default=0.0)
    reason = models.TextField(_("reason"))
    plan = models.TextField(_("withdrawal plan"), blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    compensation_note = models.TextField(_("compensation note"), blank=True)
    status = models.CharField(_("status"), max_length=8, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closure_note = models.TextField(_("closure note"), blank=True)

    objects = WithdrawalCaseQuerySet.as_manager()
    scope = Scope(division="division__code", owner="holder_id")

    class Meta:
        ordering = ["status", "deadline", "id"]
        verbose_name = _("withdrawal case")
        verbose_name_plural = _("withdrawal cases")
        constraints = [
            models.CheckConstraint(
                condition=Q(mining_right__isnull=False, exploration_right__isnull=True)
                | Q(mining_right__isnull=True, exploration_right__isnull=False),
                name="admission_case_one_right",
            ),
            models.UniqueConstraint(
                fields=["mining_right"], condition=Q(status="open"), name="admission_case_open_mining"
            ),
            models.UniqueConstraint(
                fields=["exploration_right"],
                condition=Q(status="open"),
                name="admission_case_open_exploration",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.licence_no} 退出"

    @property
    def is_overdue(self) -> bool:
        return (
            self.status == CaseStatus.OPEN
            and self.deadline is not None
            and self.deadline < timezone.localdate()
        )

    @property
    def progress_percent(self) -> int:
        last = self.progress.order_by("-date", "-id").first()
        return last.percent if last else 0


class WithdrawalProgress(BaseModel):
    """One progress entry of a withdrawal case."""

    case = models.ForeignKey(WithdrawalCase, on_delete=models.CASCADE, related_name="progress")
    date = models.DateField(_("date"))
    note = models.TextField(_("note"))
    percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)

    scope = Scope(division="case__division__code", owner="case__holder_id")

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")

    def __str__(self) -> str:
        return f"{self.date} {self.percent}%"
