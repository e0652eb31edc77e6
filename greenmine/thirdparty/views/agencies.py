"""Agency pages: the list, registration by the bureau, the agency's page (profile, experts, conflict
records, track record), experts and conflict records."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greenmine.core.choices import OrganisationKind
from greenmine.core.evidence_services import acts_for
from greenmine.core.models import Organisation, User
from greenmine.core.permissions import ADD, CHANGE, VIEW, access_object, can, has_role_in
from greenmine.core.viewutils import add_service_errors, paginate
from greenmine.thirdparty import services
from greenmine.thirdparty.forms import ConflictForm, ExpertForm, ProfileForm, RegisterForm
from greenmine.thirdparty.models import AgencyProfile, ConflictRecord, Expert
from greenmine.thirdparty.selectors import (
    conflict_enterprises,
    conflict_mines,
    track_record,
    visible_agencies,
    visible_assessments,
)


def get_profile(request: HttpRequest, pk: int, action: str = VIEW) -> AgencyProfile:
    return access_object(AgencyProfile.objects.select_related("organisation"), request.user, action, pk=pk)


def is_bureau(user: Any, action: str = CHANGE) -> bool:
    return has_role_in(user, [OrganisationKind.BUREAU], action)


def registrable(user: Any) -> Any:
    return Organisation.objects.restrict(user, CHANGE).filter(
        kind=OrganisationKind.ASSESSOR, agency_profile__isnull=True
    )


@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    agencies = visible_agencies(request.user)
    return render(
        request,
        "thirdparty/agency_list.html",
        {
            "page": paginate(request, agencies),
            "can_register": is_bureau(request.user) and registrable(request.user).exists(),
        },
    )


@login_required
def agency_register(request: HttpRequest) -> HttpResponse:
    if not is_bureau(request.user):
        raise PermissionDenied
    form = RegisterForm(request.POST or None, organisations=registrable(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            profile = services.register_agency(actor=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Agency recorded."))
            return redirect("thirdparty:agency_detail", pk=profile.pk)
    return render(request, "thirdparty/form.html", {"form": form, "title": _("Register an agency")})


@login_required
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_profile(request, pk)
    agency = profile.organisation
    own = acts_for(request.user, agency, ADD)
    bureau = is_bureau(request.user)
    return render(
        request,
        "thirdparty/agency_detail.html",
        {
            "profile": profile,
            "agency": agency,
            "experts": Expert.objects.restrict(request.user, VIEW).filter(agency=agency),
            "conflicts": ConflictRecord.objects.restrict(request.user, VIEW)
            .filter(agency=agency)
            .select_related("expert", "mine", "enterprise"),
            "record": track_record(agency),
            "assessments": visible_assessments(request.user).filter(agency=agency)[:50],
            "can_edit": can(request.user, CHANGE, profile),
            "can_register": bureau and can(request.user, CHANGE, profile),
            "can_add_expert": own,
            "can_add_conflict": own or bureau,
        },
    )


@login_required
def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_profile(request, pk, CHANGE)
    initial = {k: getattr(profile, k) for k in services.PROFILE_FIELDS}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_agency_profile(actor=request.user, profile=profile, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("thirdparty:agency_detail", pk=profile.pk)
    return render(
        request, "thirdparty/form.html", {"form": form, "title": profile.organisation.name, "back": profile}
    )


@login_required
@require_POST
def agency_registration(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_profile(request, pk)
    registered = request.POST.get("registered") == "1"
    services.set_agency_registration(actor=request.user, profile=profile, registered=registered)
    messages.success(request, _("Registration updated."))
    return redirect("thirdparty:agency_detail", pk=profile.pk)


def _agency_users(agency: Organisation) -> Any:
    return User.objects.filter(memberships__organisation=agency, is_active=True).order_by("username")


@login_required
def expert_create(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_profile(request, pk)
    agency = profile.organisation
    if not acts_for(request.user, agency, ADD):
        raise PermissionDenied
    form = ExpertForm(request.POST or None, users=_agency_users(agency))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_expert(actor=request.user, agency=agency, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Expert added."))
            return redirect("thirdparty:agency_detail", pk=profile.pk)
    return render(
        request, "thirdparty/form.html", {"form": form, "title": _("Add an expert"), "back": profile}
    )


@login_required
def expert_edit(request: HttpRequest, pk: int) -> HttpResponse:
    expert = access_object(
        Expert.objects.select_related("agency__agency_profile"), request.user, CHANGE, pk=pk
    )
    initial = {k: getattr(expert, k) for k in services.EXPERT_FIELDS}
    form = ExpertForm(request.POST or None, users=_agency_users(expert.agency), initial=initial)
    profile = getattr(expert.agency, "agency_profile", None)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_expert(actor=request.user, expert=expert, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            if profile is not None:
                return redirect("thirdparty:agency_detail", pk=profile.pk)
            return redirect("thirdparty:agency_list")
    return render(request, "thirdparty/form.html", {"form": form, "title": expert.name, "back": profile})


@login_required
def conflict_create(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_profile(request, pk)
    agency = profile.organisation
    own = acts_for(request.user, agency, ADD)
    if not (own or is_bureau(request.user, ADD)):
        raise PermissionDenied
    form = ConflictForm(
        request.POST or None,
        experts=Expert.objects.filter(agency=agency),
        mines=conflict_mines(request.user),
        enterprises=conflict_enterprises(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_conflict(actor=request.user, agency=agency, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Conflict record saved."))
            return redirect("thirdparty:agency_detail", pk=profile.pk)
    return render(
        request, "thirdparty/form.html", {"form": form, "title": _("Record a conflict"), "back": profile}
    )
