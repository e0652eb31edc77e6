"""Mining-right pages: list (expiry flags), detail (parts, areas, overlaps, downloads, timeline), forms,
and the HTMX preview of a pasted boundary."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greenmine.core.choices import OrganisationKind
from greenmine.core.models import Organisation
from greenmine.core.permissions import CHANGE, VIEW, access_object, can
from greenmine.core.viewutils import add_service_errors, paginate, querystring_without_page
from greenmine.registry import selectors, services
from greenmine.registry.choices import RightStatus
from greenmine.registry.forms import CoordsCheckForm, MiningRightForm
from greenmine.registry.models import MiningRight
from greenmine.registry.overlap import visible_overlaps
from greenmine.registry.views.common import (
    check_context,
    filters_querystring,
    may_write_registry,
    require_registry_writer,
)
from greenmine.spatial import parse_boundary, write_licence_text

RIGHT_FIELDS = ("licence_no", "holder", "valid_from", "valid_until", "licensed_area_km2", "status")


@login_required
def right_list(request: HttpRequest) -> HttpResponse:
    rights = selectors.mining_rights_for(request.user, request.GET)
    page = paginate(request, rights)
    page.object_list = selectors.flag_expiry(page.object_list)
    townships = Organisation.objects.restrict(request.user, VIEW).filter(kind=OrganisationKind.TOWNSHIP)
    return render(
        request,
        "registry/right_list.html",
        {
            "page": page,
            "params": request.GET,
            "sort": request.GET.get("sort", "licence_no"),
            "statuses": RightStatus.choices,
            "townships": townships.order_by("name"),
            "querystring": querystring_without_page(request),
            "filters": filters_querystring(request),
            "can_create": may_write_registry(request.user),
        },
    )


def _licensed_match(right: MiningRight) -> str:
    """Which computed area the licensed area matches (the library's rule: within 0.0001 km²)."""
    if right.licensed_area_km2 is None:
        return ""
    tolerance = 0.0001 + 1e-9
    for name, value in (("ellipsoidal", right.area_km2), ("plane", right.plane_area_km2)):
        if value is not None and abs(float(right.licensed_area_km2) - float(value)) <= tolerance:
            return name
    return "none"


@login_required
def right_detail(request: HttpRequest, pk: int) -> HttpResponse:
    right = access_object(
        MiningRight.objects.select_related("mine", "holder", "mine__township"), request.user, VIEW, pk=pk
    )
    [right] = selectors.flag_expiry([right])
    return render(
        request,
        "registry/right_detail.html",
        {
            "right": right,
            "parts": right.parts.all(),
            "overlaps": selectors.overlaps_for_right(right, request.user),
            "licensed_match": _licensed_match(right),
            # The right is visible to the user (access_object above), so its history is too.
            "timeline": selectors.timeline_for([right]),
            "can_change": can(request.user, CHANGE, right),
        },
    )


def _save_right(
    request: HttpRequest, form: MiningRightForm, right: MiningRight | None
) -> HttpResponse | None:
    data = dict(form.cleaned_data)
    data.pop("boundary_file", None)
    if not data.get("holder"):
        data.pop("holder", None)
    try:
        if right is None:
            right, overlaps = services.create_mining_right(actor=request.user, **data)
        else:
            right, overlaps = services.update_mining_right(actor=request.user, right=right, **data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    except PermissionDenied:
        form.add_error(None, _("You can only register rights of mines inside your own division."))
        return None
    messages.success(request, _("Mining right %(no)s saved.") % {"no": right.licence_no})
    for overlap in visible_overlaps(overlaps, request.user):
        messages.warning(
            request,
            _("The boundary overlaps %(right)s by %(area).4f km².")
            % {"right": overlap.label, "area": overlap.area_km2},
        )
    return redirect("registry:right_detail", pk=right.pk)


@login_required
def right_create(request: HttpRequest) -> HttpResponse:
    require_registry_writer(request)
    form = MiningRightForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial={"mine": request.GET.get("mine"), "status": RightStatus.VALID},
    )
    if request.method == "POST" and form.is_valid():
        response = _save_right(request, form, None)
        if response is not None:
            return response
    return render(request, "registry/right_form.html", {"form": form, "title": _("Register a mining right")})


@login_required
def right_edit(request: HttpRequest, pk: int) -> HttpResponse:
    right = access_object(MiningRight.objects.select_related("mine"), request.user, CHANGE, pk=pk)
    initial: dict[str, Any] = {f: getattr(right, f) for f in RIGHT_FIELDS}
    initial["boundary_text"] = right.boundary_text
    form = MiningRightForm(
        request.POST or None, request.FILES or None, user=request.user, editing=True, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        response = _save_right(request, form, right)
        if response is not None:
            return response
    return render(
        request,
        "registry/right_form.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": right.licence_no},
            "right": right,
        },
    )


@login_required
def right_geojson(request: HttpRequest, pk: int) -> HttpResponse:
    """The boundary as GeoJSON (CGCS2000 lon/lat), as a download."""
    right = access_object(MiningRight, request.user, VIEW, pk=pk)
    response = HttpResponse(
        json.dumps(right.geojson or {"type": "FeatureCollection", "features": []}, ensure_ascii=False),
        content_type="application/geo+json",
    )
    response["Content-Disposition"] = f'attachment; filename="{right.pk}.geojson"'
    return response


@login_required
def right_licence_text(request: HttpRequest, pk: int) -> HttpResponse:
    """The boundary written back as licence text ('*'-terminated format) by the spatial library."""
    right = access_object(MiningRight, request.user, VIEW, pk=pk)
    parsed = parse_boundary(right.boundary_text)
    if parsed.boundary is None or parsed.errors:
        # Y without zone prefix: read again with the zone stored when the right was saved.
        parsed = parse_boundary(right.boundary_text, zone=right.zone)
    text = write_licence_text(parsed.boundary) if parsed.boundary is not None else right.boundary_text
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{right.pk}.txt"'
    return response


@login_required
@require_POST
def boundary_check(request: HttpRequest) -> HttpResponse:
    """HTMX: check the pasted boundary and render errors, parts and areas (no record is written)."""
    form = CoordsCheckForm(request.POST, request.FILES or None)
    result = None
    if form.is_valid() and (form.cleaned_data.get("boundary_text") or "").strip():
        result = services.check_right_boundary(
            form.cleaned_data["boundary_text"],
            form.cleaned_data.get("zone"),
            form.cleaned_data.get("licensed_area_km2"),
        )
    return render(request, "registry/includes/check_result.html", {**check_context(result), "form": form})
