"""Pages of the core app: home, organisations, users, calendar. They parse input and call services."""

from datetime import date
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greenmine.core import services
from greenmine.core.calendar import current_calendar, year_status
from greenmine.core.choices import OrganisationKind
from greenmine.core.forms import (
    AdminPasswordForm,
    CalendarDayForm,
    OrganisationForm,
    RoleForm,
    ScheduleForm,
    UserCreateForm,
    UserEditForm,
)
from greenmine.core.models import CalendarDay, HolidaySchedule, Membership, Organisation, User
from greenmine.core.permissions import MANAGE, VIEW, access_object, can, has_role_in
from greenmine.core.shell import todos_for
from greenmine.core.viewutils import add_service_errors, paginate, querystring_without_page
from greenmine.core.workdays import UnknownYearError


def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's home: what to do next. Visitors get the public front page."""
    if not request.user.is_authenticated:
        return render(request, "core/public_home.html")
    return render(request, "core/home.html", {"todos": todos_for(request.user)})


def healthz(request: HttpRequest) -> HttpResponse:
    """For the reverse proxy and monitoring: the application answers and reaches its database."""
    Organisation.objects.exists()
    return HttpResponse("ok", content_type="text/plain")


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.restrict(request.user, VIEW).select_related("division")
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    if query:
        organisations = organisations.filter(
            Q(name__icontains=query) | Q(uscc__icontains=query) | Q(short_name__icontains=query)
        )
    if kind in OrganisationKind.values:
        organisations = organisations.filter(kind=kind)
    sort = request.GET.get("sort", "name")
    if sort.lstrip("-") in {"name", "kind", "division", "created_at"}:
        organisations = organisations.order_by(sort)
    page = paginate(request, organisations)
    return render(
        request,
        "core/organisation_list.html",
        {
            "page": page,
            "query": query,
            "kind": kind,
            "kinds": OrganisationKind.choices,
            "sort": sort,
            "querystring": querystring_without_page(request),
            "can_create": has_role_in(request.user, [OrganisationKind.BUREAU], MANAGE),
        },
    )


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_object(Organisation.objects.select_related("division"), request.user, VIEW, pk=pk)
    members = (
        Membership.objects.restrict(request.user, VIEW)
        .filter(organisation=organisation)
        .select_related("user")
    )
    return render(
        request,
        "core/organisation_detail.html",
        {
            "organisation": organisation,
            "members": members,
            "can_manage": can(request.user, MANAGE, organisation),
            "can_change": can(request.user, "change", organisation),
        },
    )


def _organisation_initial(organisation: Organisation) -> dict[str, Any]:
    return {name: getattr(organisation, name) for name in OrganisationForm.base_fields}


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    if not has_role_in(request.user, [OrganisationKind.BUREAU], MANAGE):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.create_organisation(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied:
            form.add_error("division", _("You can only register organisations inside your own division."))
        else:
            messages.success(request, _("Organisation “%(name)s” registered.") % {"name": organisation.name})
            return redirect("core:organisation_detail", pk=organisation.pk)
    return render(
        request, "core/organisation_form.html", {"form": form, "title": _("Register an organisation")}
    )


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_object(Organisation, request.user, VIEW, pk=pk)
    manages = can(request.user, MANAGE, organisation)
    if not manages and not can(request.user, "change", organisation):
        raise PermissionDenied
    form = OrganisationForm(
        request.POST or None, initial=_organisation_initial(organisation), limited=not manages
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(actor=request.user, organisation=organisation, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied:
            form.add_error("division", _("You can only move an organisation inside your own division."))
        else:
            messages.success(request, _("Changes saved."))
            return redirect("core:organisation_detail", pk=organisation.pk)
    return render(
        request,
        "core/organisation_form.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": organisation.name},
            "organisation": organisation,
        },
    )


@login_required
@require_POST
def organisation_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_object(Organisation, request.user, MANAGE, pk=pk)
    active = request.POST.get("active") == "1"
    services.set_organisation_active(actor=request.user, organisation=organisation, active=active)
    messages.success(request, _("Organisation reactivated.") if active else _("Organisation deactivated."))
    return redirect("core:organisation_detail", pk=organisation.pk)


def _manageable_organisations(user: Any) -> Any:
    return Organisation.objects.restrict(user, MANAGE).filter(is_active=True)


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    users = User.objects.restrict(request.user, MANAGE)
    if not users.exists() and not _manageable_organisations(request.user).exists():
        raise PermissionDenied
    users = users.prefetch_related("memberships__organisation")
    query = request.GET.get("q", "").strip()
    if query:
        users = users.filter(
            Q(username__icontains=query) | Q(display_name__icontains=query) | Q(email__icontains=query)
        )
    locked_names = set(
        AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).values_list(
            "username", flat=True
        )
    )
    if request.GET.get("locked"):
        users = users.filter(username__in=locked_names)
    page = paginate(request, users.order_by("username"))
    return render(
        request,
        "core/user_list.html",
        {
            "page": page,
            "query": query,
            "locked_names": locked_names,
            "querystring": querystring_without_page(request),
        },
    )


@login_required
def user_create(request: HttpRequest) -> HttpResponse:
    organisations = _manageable_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = UserCreateForm(
        request.POST or None,
        organisations=organisations,
        initial={"organisation": request.GET.get("organisation")},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            user = services.create_user(actor=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Account “%(name)s” created.") % {"name": user.username})
            return redirect("core:user_detail", pk=user.pk)
    return render(request, "core/user_form.html", {"form": form, "title": _("New account")})


@login_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = access_object(User, request.user, MANAGE, pk=pk)
    memberships = account.memberships.select_related("organisation")
    locked = AccessAttempt.objects.filter(
        username=account.username, failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    ).exists()
    return render(
        request,
        "core/user_detail.html",
        {
            "account": account,
            "memberships": memberships,
            "locked": locked,
            "password_form": AdminPasswordForm(),
            "role_form": RoleForm(),
        },
    )


@login_required
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = access_object(User, request.user, MANAGE, pk=pk)
    form = UserEditForm(
        request.POST or None,
        initial={"display_name": account.display_name, "email": account.email, "phone": account.phone},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_user(actor=request.user, user=account, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("core:user_detail", pk=account.pk)
    return render(
        request, "core/user_form.html", {"form": form, "title": _("Edit %(name)s") % {"name": account}}
    )


@login_required
def user_password(request: HttpRequest, pk: int) -> HttpResponse:
    account = access_object(User, request.user, MANAGE, pk=pk)
    form = AdminPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.admin_reset_password(
                actor=request.user, user=account, new_password=form.cleaned_data["new_password"]
            )
        except ValidationError as exc:
            add_service_errors(
                form, ValidationError({"new_password": exc.message_dict.get("password", exc.messages)})
            )
        else:
            messages.success(request, _("Password set. Tell the user through a separate channel."))
            return redirect("core:user_detail", pk=account.pk)
    return render(
        request,
        "core/user_form.html",
        {"form": form, "title": _("Set a new password for %(name)s") % {"name": account}},
    )


@login_required
@require_POST
def user_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    account = access_object(User, request.user, MANAGE, pk=pk)
    services.unlock_user(actor=request.user, user=account)
    messages.success(request, _("The login lockout was lifted."))
    return redirect("core:user_detail", pk=account.pk)


@login_required
@require_POST
def user_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    account = access_object(User, request.user, MANAGE, pk=pk)
    try:
        services.set_user_active(actor=request.user, user=account, active=request.POST.get("active") == "1")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("core:user_detail", pk=account.pk)


@login_required
@require_POST
def membership_role(request: HttpRequest, pk: int) -> HttpResponse:
    membership = access_object(Membership.objects.select_related("user"), request.user, MANAGE, pk=pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        services.set_membership_role(
            actor=request.user, membership=membership, role=form.cleaned_data["role"]
        )
        messages.success(request, _("Role changed."))
    else:
        messages.error(request, _("Choose a role."))
    return redirect("core:user_detail", pk=membership.user_id)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = UserEditForm(
        request.POST or None,
        initial={
            "display_name": request.user.display_name,
            "email": request.user.email,
            "phone": request.user.phone,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.update_user(actor=request.user, user=request.user, **form.cleaned_data)
        messages.success(request, _("Changes saved."))
        return redirect("core:profile")
    return render(request, "core/profile.html", {"form": form})


@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    if not has_role_in(request.user, [OrganisationKind.BUREAU]):
        raise PermissionDenied
    editable = has_role_in(request.user, [OrganisationKind.BUREAU], MANAGE)
    day_form = CalendarDayForm(request.POST if request.POST.get("form") == "day" else None)
    schedule_form = ScheduleForm(request.POST if request.POST.get("form") == "schedule" else None)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        form = day_form if request.POST.get("form") == "day" else schedule_form
        if form.is_bound and form.is_valid():
            try:
                if form is day_form:
                    services.set_calendar_day(
                        actor=request.user,
                        day=form.cleaned_data["date"],
                        kind=form.cleaned_data["kind"],
                        name=form.cleaned_data["name"],
                    )
                else:
                    services.mark_schedule_entered(
                        actor=request.user, year=form.cleaned_data["year"], source=form.cleaned_data["source"]
                    )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Calendar updated."))
                return redirect("core:calendar")
    today = timezone.localdate()
    years = [(y, year_status(y)) for y in range(today.year - 1, today.year + 3)]
    check_date_raw = request.GET.get("check", "")
    check = None
    if check_date_raw:
        try:
            day = date.fromisoformat(check_date_raw)
            check = {"date": day, "working": current_calendar().is_working_day(day)}
        except ValueError:
            check = {"error": _("Enter a date as YYYY-MM-DD.")}
        except UnknownYearError as exc:
            check = {
                "error": _(
                    "The %(year)d holiday schedule is not known yet: enter the %(year)d schedule first."
                )
                % {"year": exc.year}
            }
    return render(
        request,
        "core/calendar.html",
        {
            "days": CalendarDay.objects.restrict(request.user, VIEW).order_by("-date")[:200],
            "schedules": HolidaySchedule.objects.all(),
            "years": years,
            "editable": editable,
            "day_form": day_form,
            "schedule_form": schedule_form,
            "check": check,
            "check_raw": check_date_raw,
        },
    )


@login_required
@require_POST
def calendar_day_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = access_object(CalendarDay, request.user, "delete", pk=pk)
    services.delete_calendar_day(actor=request.user, entry=entry)
    messages.success(request, _("Calendar updated."))
    return redirect("core:calendar")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
