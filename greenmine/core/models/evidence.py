"""Evidence files: uploaded documents and photos that support a record (an indicator of a self-assessment,
later an inspection finding or a restoration record). The bytes live under MEDIA_ROOT/evidence/, which no
URL serves; they go out only through `core:evidence_download`, which checks the permission primitive."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from greenmine.core.models.base import BaseModel
from greenmine.core.permissions import ADD, VIEW, Scope


class EvidenceKind(models.TextChoices):
    IMAGE = "image", _("Image")
    PDF = "pdf", _("PDF")
    OFFICE = "office", _("Office document")


class EvidenceFile(BaseModel):
    """One uploaded file, owned by an organisation and identified by the SHA-256 of its bytes.

    The same bytes uploaded twice by the same organisation are one record (unique per owner), so one
    file can support several indicators and is stored once.
    """

    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="evidence_files"
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=EvidenceKind.choices)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    # Relative to MEDIA_ROOT; never under a public URL (MEDIA_URL is None).
    storage_path = models.CharField(_("storage path"), max_length=300)
    thumbnail_path = models.CharField(_("thumbnail path"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    # The owner and the government of the owner's division (bureau) see the file; departments and others
    # only through an explicit Grant (e.g. an assessor assigned to an assessment).
    scope = Scope(
        division="organisation__division__code",
        owner="organisation_id",
        bureau_actions=frozenset({VIEW}),
        department_actions=frozenset(),
        owner_actions=frozenset({VIEW, ADD}),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "sha256"], name="core_evidence_unique_owner_hash"
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.kind == EvidenceKind.IMAGE

    @property
    def short_hash(self) -> str:
        return self.sha256[:12]
