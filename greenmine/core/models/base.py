"""The abstract base every domain model inherits."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from greenmine.core.permissions import RestrictedManager


class BaseModel(models.Model):
    """Creation and update times, who created the record, and the restrictable default manager."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = RestrictedManager()

    class Meta:
        abstract = True
