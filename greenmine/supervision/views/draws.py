"""Inspector pool and random draw pages (双随机一公开), and the public page of published draws."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greenmine.core.permissions import CHANGE, VIEW, access_object, can
from greenmine.core.viewutils import add_service_errors, paginate
from greenmine.supervision import services
from greenmine.supervision.choices import DrawStatus
from greenmine.supervision.forms import DrawForm, InspectorEditForm, InspectorForm
from greenmine.supervision.models import Inspector, SpotCheckDraw
from greenmine.supervision.views.common import is_bureau, require_bureau

# Inspectors


@login_required
def inspector_list(request: HttpRequest) -> HttpResponse:
    inspectors = Inspector.objects.restrict(request.user, VIEW).select_related("user", "organisation")
    return render(
        request,
        "supervision/inspector_list.html",
        {"page": paginate(request, inspectors), "can_add": can_add_inspector(request)},
    )


def can_add_inspector(request: HttpRequest) -> bool:
    return is_bureau(request.user)


@login_required
def inspector_create(request: HttpRequest) -> HttpResponse:
    require_bureau(request.user)
    form = InspectorForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_inspector(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Inspector added to the pool."))
            return redirect("supervision:inspector_list")
    return render(request, "supervision/form.html", {"form": form, "title": _("Add an inspector")})


@login_required
def inspector_edit(request: HttpRequest, pk: int) -> HttpResponse:
    inspector = access_object(Inspector.objects.select_related("user"), request.user, CHANGE, pk=pk)
    initial = {"certificate_no": inspector.certificate_no, "disciplines": inspector.disciplines}
    initial["active"] = inspector.active
    initial["avoid_enterprises"] = list(inspector.avoid_enterprises.all())
    form = InspectorEditForm(request.POST or None, initial=initial, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_inspector(actor=request.user, inspector=inspector, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Inspector saved."))
            return redirect("supervision:inspector_list")
    return render(
        request,
        "supervision/form.html",
        {"form": form, "title": _("Inspector %(name)s") % {"name": inspector}},
    )


# Draws


@login_required
def draw_list(request: HttpRequest) -> HttpResponse:
    draws = SpotCheckDraw.objects.restrict(request.user, VIEW).select_related("division")
    return render(
        request,
        "supervision/draw_list.html",
        {"page": paginate(request, draws), "can_create": can_add_inspector(request)},
    )


@login_required
def draw_create(request: HttpRequest) -> HttpResponse:
    require_bureau(request.user)
    form = DrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            draw = services.create_draw(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The draw is created and its seed fixed."))
            return redirect("supervision:draw_detail", pk=draw.pk)
    return render(
        request,
        "supervision/form.html",
        {
            "form": form,
            "title": _("New spot-check draw"),
            "intro": _(
                "The seed is generated and recorded when you save, before the pools are known; nobody "
                "can draw again with another seed."
            ),
        },
    )


@login_required
def draw_detail(request: HttpRequest, pk: int) -> HttpResponse:
    draw = access_object(SpotCheckDraw.objects.select_related("division"), request.user, VIEW, pk=pk)
    manage = can(request.user, CHANGE, draw)
    return render(
        request,
        "supervision/draw_detail.html",
        {
            "draw": draw,
            "rows": draw.selection_rows(),
            "checks": draw.checks.restrict(request.user, VIEW).select_related("mine"),
            "can_draw": manage and draw.status == DrawStatus.CREATED,
            "can_publish": manage and draw.status == DrawStatus.DRAWN,
        },
    )


def _draw_action(request: HttpRequest, pk: int, call, done: str) -> HttpResponse:  # noqa: ANN001
    draw = access_object(SpotCheckDraw, request.user, CHANGE, pk=pk)
    try:
        call(draw)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("supervision:draw_detail", pk=draw.pk)


@login_required
@require_POST
def draw_run(request: HttpRequest, pk: int) -> HttpResponse:
    return _draw_action(
        request, pk, lambda d: services.run_draw(actor=request.user, draw=d), _("The draw is made.")
    )


@login_required
@require_POST
def draw_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _draw_action(
        request, pk, lambda d: services.publish_draw(actor=request.user, draw=d), _("The draw is published.")
    )


# Public


def public_draw_list(request: HttpRequest) -> HttpResponse:
    draws = SpotCheckDraw.objects.restrict(None, VIEW).select_related("division")
    return render(request, "supervision/public_draw_list.html", {"page": paginate(request, draws)})


def public_draw_detail(request: HttpRequest, pk: int) -> HttpResponse:
    draw = access_object(SpotCheckDraw.objects.select_related("division"), None, VIEW, pk=pk)
    results = {c.mine_id: c for c in draw.checks.all()}
    rows = draw.selection_rows()
    for row in rows:
        check = results.get(int(row["mine_key"][1:]))
        row["result"] = check.get_result_display() if check else ""
    return render(request, "supervision/public_draw_detail.html", {"draw": draw, "rows": rows})
