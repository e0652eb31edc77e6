"""Exploration-right and project pages, and the enterprise/township profile forms."""

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
from greenmine.registry.choices import ExplorationStage, RightStatus
from greenmine.registry.forms import (
    EnterpriseProfileForm,
    ExplorationProjectForm,
    ExplorationRightForm,
    TownshipProfileForm,
)
from greenmine.registry.models import EnterpriseProfile, ExplorationRight, TownshipProfile
from greenmine.registry.views.common import filters_querystring, may_write_registry, require_registry_writer

EXPLORATION_FIELDS = (
    "licence_no",
    "project_name",
    "holder",
    "township",
    "mineral",
    "stage",
    "valid_from",
    "valid_until",
    "licensed_area_km2",
    "status",
)


@login_required
def exploration_list(request: HttpRequest) -> HttpResponse:
    rights = selectors.exploration_rights_for(request.user, request.GET)
    page = paginate(request, rights)
    page.object_list = selectors.flag_expiry(page.object_list)
    return render(
        request,
        "registry/exploration_list.html",
        {
            "page": page,
            "params": request.GET,
            "sort": request.GET.get("sort", "licence_no"),
            "stages": ExplorationStage.choices,
            "querystring": querystring_without_page(request),
            "filters": filters_querystring(request),
            "can_create": may_write_registry(request.user),
        },
    )


@login_required
def exploration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    right = access_object(
        ExplorationRight.objects.select_related("holder", "township", "mineral"), request.user, VIEW, pk=pk
    )
    [right] = selectors.flag_expiry([right])
    projects = list(selectors.projects_of(request.user, right))
    return render(
        request,
        "registry/exploration_detail.html",
        {
            "right": right,
            "projects": projects,
            # Visible right (access_object above) → its history and its visible projects' history.
            "timeline": selectors.timeline_for([right, *projects]),
            "can_change": can(request.user, CHANGE, right),
        },
    )


def _save_exploration(
    request: HttpRequest, form: ExplorationRightForm, right: ExplorationRight | None
) -> HttpResponse | None:
    data = dict(form.cleaned_data)
    data.pop("boundary_file", None)
    try:
        if right is None:
            right = services.create_exploration_right(actor=request.user, **data)
        else:
            right = services.update_exploration_right(actor=request.user, right=right, **data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    except PermissionDenied:
        form.add_error("township", _("You can only register rights inside your own division."))
        return None
    messages.success(request, _("Exploration right %(no)s saved.") % {"no": right.licence_no})
    return redirect("registry:exploration_detail", pk=right.pk)


@login_required
def exploration_create(request: HttpRequest) -> HttpResponse:
    require_registry_writer(request)
    form = ExplorationRightForm(
        request.POST or None, request.FILES or None, user=request.user, initial={"status": RightStatus.VALID}
    )
    if request.method == "POST" and form.is_valid():
        response = _save_exploration(request, form, None)
        if response is not None:
            return response
    return render(
        request,
        "registry/right_form.html",
        {
            "form": form,
            "title": _("Register an exploration right"),
            "back": "registry:exploration_list",
        },
    )


@login_required
def exploration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    right = access_object(ExplorationRight, request.user, CHANGE, pk=pk)
    initial: dict[str, Any] = {f: getattr(right, f) for f in EXPLORATION_FIELDS}
    initial["boundary_text"] = right.boundary_text
    form = ExplorationRightForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        response = _save_exploration(request, form, right)
        if response is not None:
            return response
    return render(
        request,
        "registry/right_form.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": right.licence_no},
            "back": "registry:exploration_list",
        },
    )


@login_required
def project_create(request: HttpRequest, pk: int) -> HttpResponse:
    right = access_object(ExplorationRight, request.user, CHANGE, pk=pk)
    form = ExplorationProjectForm(
        request.POST or None,
        user=request.user,
        initial={"stage": right.stage, "exploration_unit": right.holder_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.create_exploration_project(actor=request.user, right=right, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Exploration project registered."))
            return redirect("registry:exploration_detail", pk=right.pk)
    return render(
        request,
        "registry/form.html",
        {
            "form": form,
            "title": _("New exploration project under %(no)s") % {"no": right.licence_no},
            "back": "registry:exploration_list",
        },
    )


def _profile_org(request: HttpRequest, pk: int, kinds: set[str]) -> Organisation:
    organisation = access_object(Organisation, request.user, VIEW, pk=pk)
    if organisation.kind not in kinds:
        raise PermissionDenied
    return organisation


def _may_change_profile(user: Any, organisation: Organisation) -> bool:
    """The profiles' Scope (bureau of the division, or the organisation's own staff) is the organisation's
    own 'change' rule; checking it on the organisation also works before the profile's first save. The
    service checks the profile itself again."""
    return can(user, CHANGE, organisation)


def _profile_edit(
    request: HttpRequest, pk: int, kinds: set[str], profile_model: Any, form_class: Any, save: Any
) -> HttpResponse:
    """The registry profile form of an organisation: one shape for enterprises and townships."""
    organisation = _profile_org(request, pk, kinds)
    if not _may_change_profile(request.user, organisation):
        raise PermissionDenied
    profile = profile_model.objects.filter(organisation=organisation).first()
    initial = {f: getattr(profile, f) for f in form_class.base_fields} if profile else {}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            save(actor=request.user, organisation=organisation, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("core:organisation_detail", pk=organisation.pk)
    return render(
        request,
        "registry/form.html",
        {
            "form": form,
            "title": _("Registry profile of %(name)s") % {"name": organisation.name},
        },
    )


@login_required
def enterprise_profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _profile_edit(
        request,
        pk,
        {OrganisationKind.ENTERPRISE, OrganisationKind.EXPLORATION_UNIT},
        EnterpriseProfile,
        EnterpriseProfileForm,
        services.update_enterprise_profile,
    )


@login_required
def township_profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _profile_edit(
        request,
        pk,
        {OrganisationKind.TOWNSHIP},
        TownshipProfile,
        TownshipProfileForm,
        services.update_township_profile,
    )
