"""Serving evidence files: only through these views, after the permission primitive has said yes."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest

from greenmine.core.evidence import absolute_path
from greenmine.core.models import EvidenceFile
from greenmine.core.permissions import VIEW, access_object


def _open(relative: str):  # noqa: ANN202
    try:
        return absolute_path(relative).open("rb")
    except (OSError, ValueError):
        raise Http404 from None


def evidence_response(record: EvidenceFile) -> FileResponse:
    """The file as a download (never rendered inline: the browser must not interpret uploaded content)."""
    response = FileResponse(
        _open(record.storage_path),
        as_attachment=True,
        filename=record.original_name,
        content_type=record.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    record = access_object(EvidenceFile, request.user, VIEW, pk=pk)
    return evidence_response(record)


@login_required
def evidence_thumbnail(request: HttpRequest, pk: int) -> FileResponse:
    record = access_object(EvidenceFile, request.user, VIEW, pk=pk)
    if not record.thumbnail_path:
        raise Http404
    response = FileResponse(_open(record.thumbnail_path), content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
