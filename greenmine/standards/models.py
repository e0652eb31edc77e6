"""Stored standards. A version's `document` (the whole validated standard document) is the source of
truth; the scoring engine loads it with `load_document`, and pages render the indicator tree from it.

Permissions: the public reads published versions; members of a bureau also read drafts; only bureau
administrators (action `manage`) import, edit, copy and publish. Standards are programme-wide
reference data, so there is no division path.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from greenmine.core.choices import OrganisationKind
from greenmine.core.models.base import BaseModel
from greenmine.core.permissions import EVERYTHING, NOTHING, VIEW, Scope, role_allows
from greenmine.standards.choices import Provenance, StandardKind, VersionStatus


def _bureau_rule(user: Any, action: str, memberships: list[Any]) -> Q:
    """Any bureau member views everything (drafts included); only bureau admins act (`manage` is
    admin-only in `role_allows`, and every write here needs `manage`)."""
    for membership in memberships:
        if membership.organisation.kind != OrganisationKind.BUREAU:
            continue
        if action == VIEW or (action == "manage" and role_allows(membership.role, action)):
            return EVERYTHING
    return NOTHING


def _published_standards() -> Q:
    # A subquery, not Q(versions__status=…): following the reverse key would multiply rows.
    version = apps.get_model("standards", "StandardVersion")
    return Q(pk__in=version.objects.filter(status=VersionStatus.PUBLISHED).values("standard_id"))


class Standard(BaseModel):
    """One standard (by code); its header fields follow the most recently loaded version."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=StandardKind.choices)
    issuer = models.CharField(_("issuer"), max_length=200)

    scope = Scope(published=_published_standards, custom=_bureau_rule)

    class Meta:
        ordering = ["code"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class StandardVersion(BaseModel):
    """One version of a standard. Published versions are immutable (assessments pin them)."""

    standard = models.ForeignKey(
        Standard, verbose_name=_("standard"), on_delete=models.PROTECT, related_name="versions"
    )
    version = models.CharField(_("version"), max_length=64)
    status = models.CharField(
        _("status"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    provenance = models.CharField(_("provenance"), max_length=16, choices=Provenance.choices)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    complete = models.BooleanField(_("complete"), default=False)
    document = models.JSONField(_("document"))
    content_hash = models.CharField(_("content hash"), max_length=64)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    scope = Scope(published=lambda: Q(status=VersionStatus.PUBLISHED), custom=_bureau_rule)

    class Meta:
        ordering = ["standard__code", "-created_at", "-pk"]
        verbose_name = _("standard version")
        verbose_name_plural = _("standard versions")
        constraints = [
            models.UniqueConstraint(fields=["standard", "version"], name="standards_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.standard.code} {self.version}"

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Last line of defence behind the services: a stored published row never changes its content,
        # whatever code path tries (assessments pin the exact version).
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values("status", "content_hash", "version").first()
            if (
                stored
                and stored["status"] == VersionStatus.PUBLISHED
                and (
                    stored["content_hash"] != self.content_hash
                    or stored["version"] != self.version
                    or self.status != VersionStatus.PUBLISHED
                )
            ):
                raise ValidationError(_("Published versions are immutable; start a new version."))
        super().save(*args, **kwargs)
