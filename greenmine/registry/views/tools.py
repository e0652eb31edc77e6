"""The coordinate-check page for officials: paste or upload a boundary, see the library's verdict."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from greenmine.registry import services
from greenmine.registry.forms import CoordsCheckForm
from greenmine.registry.views.common import check_context


@login_required
def coords_check(request: HttpRequest) -> HttpResponse:
    """Anyone signed in: the check is pure computation on the given text and touches no record."""
    form = CoordsCheckForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data.get("boundary_text") or ""
        if text.strip():
            result = services.check_right_boundary(
                text, form.cleaned_data.get("zone"), form.cleaned_data.get("licensed_area_km2")
            )
        else:
            form.add_error("boundary_text", _("Paste the coordinates or choose a file."))
    return render(request, "registry/coords_check.html", {"form": form, **check_context(result)})
