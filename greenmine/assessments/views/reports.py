"""Report downloads (DOCX, PDF) of a self-assessment the user may view."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from greenmine.assessments.reports import build_docx, build_pdf, report_data
from greenmine.assessments.views.self_assessments import get_assessment
from greenmine.core.documents import cached_document

FORMATS = {
    "pdf": ("application/pdf", build_pdf),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", build_docx),
}


def report_response(assessment, fmt: str) -> HttpResponse:  # noqa: ANN001
    if fmt not in FORMATS:
        raise Http404
    content_type, builder = FORMATS[fmt]
    data = report_data(assessment)
    response = HttpResponse(
        cached_document(f"self-assessment.{fmt}", data, builder), content_type=content_type
    )
    filename = f"self-assessment-{assessment.pk}-v{assessment.version_no}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    return report_response(get_assessment(request, pk), fmt)
