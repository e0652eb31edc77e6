"""Helpers shared by the listing pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from greenmine.core.choices import OrganisationKind
from greenmine.core.documents import cached_document
from greenmine.core.permissions import CHANGE, has_role_in
from greenmine.core.viewutils import add_service_errors
from greenmine.listing.documents import OfficialDocument, build_docx, build_pdf

FORMATS = {
    "pdf": ("application/pdf", build_pdf),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", build_docx),
}


def require_bureau_writer(request: HttpRequest) -> None:
    if not has_role_in(request.user, [OrganisationKind.BUREAU], CHANGE):
        raise PermissionDenied


def form_page(
    request: HttpRequest,
    form: Form,
    call: Callable[[dict[str, Any]], Any],
    done: str,
    redirect_to: Callable[[Any], Any],
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """GET shows the form; a valid POST calls the service; its errors go back onto the form (what was
    typed is kept), success redirects."""
    if request.method == "POST" and form.is_valid():
        try:
            result = call(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect_to(result)
    return render(request, template, {**context, "form": form})


def go(name: str) -> Callable[[Any], HttpResponse]:
    return lambda obj: redirect(name, pk=obj.pk)


def document_response(doc: OfficialDocument, fmt: str, stem: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    content_type, builder = FORMATS[fmt]
    response = HttpResponse(cached_document(f"listing.{fmt}", doc, builder), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response
