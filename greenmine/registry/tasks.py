"""Background tasks of the registry (django.tasks; the django-tasks-db worker runs them)."""

from __future__ import annotations

import logging

from django.tasks import task
from django.utils.translation import gettext as _
from django.utils.translation import override

from greenmine.registry import excel
from greenmine.registry.importjobs import ImportJob, ImportStatus, finish_import, mark_running

logger = logging.getLogger(__name__)


@task()
def run_import(job_id: int) -> str:
    """Import a queued workbook all-or-nothing (see `excel.import_workbook`), reporting progress as it
    goes; the job ends succeeded (every row created) or failed (nothing created, every bad row listed)."""
    job = ImportJob.objects.select_related("owner").filter(pk=job_id, status=ImportStatus.QUEUED).first()
    if job is None:
        return "no queued job"
    mark_running(job)
    try:
        # Row errors are written in the uploader's language, as the page that asked for the import was.
        with override(job.language), job.file.open("rb") as handle:
            result = excel.import_workbook(handle, actor=job.owner, progress=job.write_progress)
    except Exception:
        # An unexpected failure must still end the job, or its progress page would poll for ever.
        logger.exception("import job %s failed", job_id)
        with override(job.language):
            message = _("The import stopped on an unexpected error; nothing was saved.")
        finish_import(
            job,
            succeeded=False,
            total=0,
            processed=0,
            created=0,
            errors=[{"sheet": "", "row": 0, "column": "", "message": message}],
        )
        raise
    finish_import(
        job,
        succeeded=result.ok,
        total=result.total,
        processed=result.processed,
        created=result.created,
        errors=[e.as_dict() for e in result.errors or []],
    )
    return f"{result.created} created, {len(result.errors or [])} errors"
