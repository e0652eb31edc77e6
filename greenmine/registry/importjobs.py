"""Excel import jobs: the uploaded workbook, its state and its progress, and the two writes on them.

An import runs as a background task (`registry.tasks.run_import`); the job row is what the progress page
polls. While the import's own transaction is open its progress is invisible to other database
connections (SQLite holds the one write lock, PostgreSQL does not show uncommitted rows), so the running
task reports progress through a small JSON file beside the upload instead, and the row gets the final
figures when the task ends.

The model is imported at the end of `registry/models.py` so that Django's migrations find it.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from greenmine.core.audit import record_event
from greenmine.core.models import BaseModel, User
from greenmine.core.permissions import Scope

IMPORT_DIR = "imports"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


DONE_STATUSES = (ImportStatus.SUCCEEDED, ImportStatus.FAILED)


def _upload_name(instance: ImportJob, filename: str) -> str:
    # Never the uploader's file name: it could carry path tricks or personal data.
    return f"{IMPORT_DIR}/{uuid.uuid4().hex}.xlsx"


class ImportJob(BaseModel):
    """One uploaded workbook and what became of it. Only its owner sees it (uploads are never served)."""

    owner = models.ForeignKey(User, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=30, default="registry_workbook")
    file = models.FileField(_("file"), upload_to=_upload_name, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    language = models.CharField(max_length=10, default="zh-hans")
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    created_count = models.PositiveIntegerField(_("records created"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    scope = Scope(custom=lambda user, action, memberships: Q(owner=user))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.original_name or self.kind} ({self.get_status_display()})"

    @property
    def done(self) -> bool:
        return self.status in DONE_STATUSES

    def progress_path(self) -> Path:
        return Path(settings.MEDIA_ROOT) / IMPORT_DIR / f"job-{self.pk}.progress.json"

    def live_progress(self) -> tuple[int, int]:
        """(processed, total): from the running task's progress file, else from the row."""
        if self.status == ImportStatus.RUNNING:
            try:
                data = json.loads(self.progress_path().read_text(encoding="utf-8"))
                return int(data["processed"]), int(data["total"])
            except (OSError, ValueError, KeyError, TypeError):
                pass
        return self.processed_rows, self.total_rows

    def percent(self) -> int:
        """Whole per cent done; a finished job is 100 %, whatever its row count."""
        if self.status == ImportStatus.SUCCEEDED:
            return 100
        processed, total = self.live_progress()
        return min(100, int(processed * 100 / total)) if total else 0

    def write_progress(self, processed: int, total: int) -> None:
        """Atomically replace the progress file (a reader never sees half a file)."""
        path = self.progress_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"processed": processed, "total": total}), encoding="utf-8")
        os.replace(temporary, path)


@transaction.atomic
def start_import(*, actor: User, upload: UploadedFile, language: str) -> ImportJob:
    """Store an upload as a queued job of `actor`. The caller has checked the file's size and type."""
    job = ImportJob(owner=actor, created_by=actor, original_name=(upload.name or "")[:200], language=language)
    job.file.save("upload.xlsx", upload, save=False)
    job.save()
    record_event(
        "registry.import_queued", actor=actor, obj=job, changes={"after": {"file": job.original_name}}
    )
    return job


def finish_import(
    job: ImportJob, *, succeeded: bool, total: int, processed: int, created: int, errors: list[dict[str, Any]]
) -> ImportJob:
    """Record a job's outcome (after the import's own transaction committed or rolled back)."""
    with transaction.atomic():
        job.status = ImportStatus.SUCCEEDED if succeeded else ImportStatus.FAILED
        job.total_rows, job.processed_rows, job.created_count = total, processed, created
        job.errors = errors
        job.finished_at = timezone.now()
        job.save()
        record_event(
            "registry.import_succeeded" if succeeded else "registry.import_failed",
            actor=job.owner,
            obj=job,
            changes={"after": {"rows": total, "created": created, "errors": len(errors)}},
        )
    job.progress_path().unlink(missing_ok=True)
    return job


def mark_running(job: ImportJob) -> None:
    """Flag the job as running (committed at once, so the progress page switches to the live count)."""
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING, updated_at=timezone.now())
    job.status = ImportStatus.RUNNING
