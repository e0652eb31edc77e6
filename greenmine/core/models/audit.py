"""The append-only, hash-chained audit log, and the clock's record of runs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from greenmine.core.permissions import MANAGE, RestrictedManager, Scope


class AuditEvent(models.Model):
    """One state change or create/update/delete of a domain record. Rows are never updated or deleted
    (database triggers refuse it); each carries the hash of the one before, so an edit shows."""

    created_at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    actor_repr = models.CharField(_("actor"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    division_code = models.CharField(_("division"), max_length=9, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=60, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=36, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = RestrictedManager()

    # Only bureau admins read the log (the role rule keeps `manage` for admins), inside their division.
    scope = Scope(
        division="division_code",
        bureau_actions=frozenset({MANAGE}),
        department_actions=frozenset(),
    )

    class Meta:
        ordering = ["-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id"], name="core_audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_repr}"


class ClockRun(models.Model):
    """When a clock job last ran for a period, so `greenmine tick` does each job once per period."""

    job = models.CharField(max_length=100)
    period = models.CharField(max_length=40, help_text="e.g. 2026-11-29 for a daily job")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "period"], name="core_clockrun_unique_job_period")
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.period}"
