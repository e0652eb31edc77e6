"""Mine pages: list, detail (with rights and timeline), create, edit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from greenmine.core.choices import OrganisationKind
from greenmine.core.models import Organisation
from greenmine.core.permissions import CHANGE, VIEW, access_object, can
from greenmine.core.viewutils import add_service_errors, paginate, querystring_without_page
from greenmine.registry import selectors, services
from greenmine.registry.choices import GreenStatus, MineKind, MineStatus, ScaleClass
from greenmine.registry.forms import MineForm
from greenmine.registry.models import Mine, MiningRight
from greenmine.registry.views.common import (
    filters_querystring,
    may_write_registry,
    minerals,
    require_registry_writer,
)


def mine_list(request: HttpRequest) -> HttpResponse:
    """Mines the user may see (visitors: the listed green mines only), searched, filtered, sorted, paged."""
    mines = selectors.mines_for(request.user, request.GET)
    page = paginate(request, mines)
    townships = (
        Organisation.objects.restrict(request.user, VIEW)
        .filter(kind=OrganisationKind.TOWNSHIP)
        .order_by("name")
        if request.user.is_authenticated
        else Organisation.objects.none()
    )
    return render(
        request,
        "registry/mine_list.html",
        {
            "page": page,
            "params": request.GET,
            "sort": request.GET.get("sort", "name"),
            "townships": townships,
            "minerals": minerals(),
            "kinds": MineKind.choices,
            "statuses": MineStatus.choices,
            "green_statuses": GreenStatus.choices,
            "scale_classes": [c for c in ScaleClass.choices if c[0]],
            "querystring": querystring_without_page(request),
            "filters": filters_querystring(request),
            "can_create": may_write_registry(request.user),
        },
    )


def mine_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mine = access_object(
        Mine.objects.select_related("enterprise", "township", "mineral", "division"),
        request.user,
        VIEW,
        pk=pk,
    )
    rights = selectors.flag_expiry(
        MiningRight.objects.restrict(request.user, VIEW).filter(mine=mine).select_related("holder")
    )
    # The mine's history is shown because the user may see the mine (fetched through access_object above);
    # the rights' events only for the rights the user may see.
    timeline = selectors.timeline_for([mine, *rights]) if request.user.is_authenticated else []
    return render(
        request,
        "registry/mine_detail.html",
        {
            "mine": mine,
            "rights": rights,
            "timeline": timeline,
            "can_change": can(request.user, CHANGE, mine),
        },
    )


def _mine_initial(mine: Mine) -> dict[str, Any]:
    return {name: getattr(mine, name) for name in MineForm.base_fields}


@login_required
def mine_create(request: HttpRequest) -> HttpResponse:
    require_registry_writer(request)
    form = MineForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            mine = services.create_mine(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied:
            form.add_error("township", _("You can only register mines inside your own division."))
        else:
            messages.success(request, _("Mine “%(name)s” registered.") % {"name": mine.name})
            return redirect("registry:mine_detail", pk=mine.pk)
    return render(
        request,
        "registry/form.html",
        {
            "form": form,
            "title": _("Register a mine"),
            "back": "registry:mine_list",
        },
    )


@login_required
def mine_edit(request: HttpRequest, pk: int) -> HttpResponse:
    mine = access_object(Mine, request.user, CHANGE, pk=pk)
    form = MineForm(request.POST or None, user=request.user, initial=_mine_initial(mine))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_mine(actor=request.user, mine=mine, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied:
            form.add_error("township", _("You can only move a mine inside your own division."))
        else:
            messages.success(request, _("Changes saved."))
            return redirect("registry:mine_detail", pk=mine.pk)
    return render(
        request,
        "registry/form.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": mine.name},
            "object": mine,
            "back": "registry:mine_list",
        },
    )
