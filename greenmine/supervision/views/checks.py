"""Spot-check, rectification-order and annual self-check pages. Views parse input and call services; a
refused form is shown again with what was typed and the service's reasons on the fields."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greenmine.core.evidence_services import acts_for
from greenmine.core.permissions import ADD, VIEW, access_object, can
from greenmine.core.viewutils import add_service_errors, paginate
from greenmine.supervision import services
from greenmine.supervision.choices import RectificationStatus, SelfCheckStatus, SpotCheckResult
from greenmine.supervision.forms import (
    DecisionForm,
    OrderForm,
    RecordForm,
    ReplyForm,
    ReportForm,
    SpotCheckOrderForm,
)
from greenmine.supervision.models import (
    RECORD,
    REPLY,
    REVIEW,
    SUBMIT,
    AnnualSelfCheck,
    RectificationOrder,
    SpotCheck,
)
from greenmine.supervision.views.common import acting_organisation, is_bureau, require_bureau, store_files


def _filter(request: HttpRequest, queryset: Any, field: str, values: Any) -> tuple[Any, str]:
    value = request.GET.get(field, "")
    if value in values:
        queryset = queryset.filter(**{field: value})
    return queryset, value


# Spot checks


@login_required
def check_list(request: HttpRequest) -> HttpResponse:
    checks = SpotCheck.objects.restrict(request.user, VIEW).select_related("mine", "draw")
    checks, result = _filter(request, checks, "result", SpotCheckResult.values)
    if request.GET.get("mine") == "1":
        checks = checks.filter(inspectors__user=request.user)
    return render(
        request,
        "supervision/check_list.html",
        {
            "page": paginate(request, checks.distinct()),
            "result": result,
            "results": SpotCheckResult.choices,
            "can_create": is_bureau(request.user),
        },
    )


@login_required
def check_create(request: HttpRequest) -> HttpResponse:
    require_bureau(request.user)
    form = SpotCheckOrderForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            check = services.create_spot_check(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Spot check ordered."))
            return redirect("supervision:check_detail", pk=check.pk)
    return render(request, "supervision/form.html", {"form": form, "title": _("Order a spot check")})


def _check_page(request: HttpRequest, check: SpotCheck, form: RecordForm | None = None) -> HttpResponse:
    can_record = check.result == SpotCheckResult.PENDING and can(request.user, RECORD, check)
    return render(
        request,
        "supervision/check_detail.html",
        {
            "check": check,
            "inspectors": check.inspectors.select_related("user"),
            "evidence": check.evidence.restrict(request.user, VIEW),
            "orders": check.rectification_orders.restrict(request.user, VIEW),
            "can_record": can_record,
            "form": form or (RecordForm() if can_record else None),
        },
    )


@login_required
def check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    check = access_object(
        SpotCheck.objects.select_related("mine__enterprise", "draw"), request.user, VIEW, pk=pk
    )
    return _check_page(request, check)


@login_required
@require_POST
def check_record(request: HttpRequest, pk: int) -> HttpResponse:
    check = access_object(SpotCheck.objects.select_related("mine__enterprise"), request.user, RECORD, pk=pk)
    form = RecordForm(request.POST, request.FILES)
    if form.is_valid():
        data = dict(form.cleaned_data)
        files = data.pop("files")
        try:
            with transaction.atomic():
                evidence = store_files(request.user, acting_organisation(request.user), files)
                services.record_spot_check(actor=request.user, check=check, evidence=evidence, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The result is recorded."))
            return redirect("supervision:check_detail", pk=check.pk)
    return _check_page(request, check, form)


# Rectification orders


@login_required
def order_list(request: HttpRequest) -> HttpResponse:
    orders = RectificationOrder.objects.restrict(request.user, VIEW).select_related("mine__enterprise")
    orders, status = _filter(request, orders, "status", RectificationStatus.values)
    if request.GET.get("overdue") == "1":
        orders = orders.overdue(timezone.localdate())
    return render(
        request,
        "supervision/order_list.html",
        {
            "page": paginate(request, orders),
            "status": status,
            "statuses": RectificationStatus.choices,
            "can_create": is_bureau(request.user),
        },
    )


@login_required
def order_create(request: HttpRequest) -> HttpResponse:
    require_bureau(request.user)
    form = OrderForm(request.POST or None, actor=request.user, initial={"mine": request.GET.get("mine")})
    if request.method == "POST" and form.is_valid():
        try:
            order = services.issue_rectification(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Rectification order issued."))
            return redirect("supervision:order_detail", pk=order.pk)
    return render(request, "supervision/form.html", {"form": form, "title": _("Issue a rectification order")})


def _order_page(
    request: HttpRequest,
    order: RectificationOrder,
    reply_form: ReplyForm | None = None,
    decision_form: DecisionForm | None = None,
) -> HttpResponse:
    can_reply = (
        order.status == RectificationStatus.OPEN
        and can(request.user, REPLY, order)
        and acts_for(request.user, order.mine.enterprise, ADD)
    )
    can_verify = (
        order.status == RectificationStatus.REPLIED
        and can(request.user, REVIEW, order)
        and is_bureau(request.user, REVIEW)
    )
    return render(
        request,
        "supervision/order_detail.html",
        {
            "order": order,
            "replies": order.replies.select_related("submitted_by", "decided_by").prefetch_related(
                "evidence"
            ),
            "can_reply": can_reply,
            "can_verify": can_verify,
            "reply_form": reply_form or (ReplyForm() if can_reply else None),
            "decision_form": decision_form or (DecisionForm() if can_verify else None),
        },
    )


def _order(request: HttpRequest, pk: int, action: str) -> RectificationOrder:
    return access_object(
        RectificationOrder.objects.select_related("mine__enterprise", "spot_check"),
        request.user,
        action,
        pk=pk,
    )


def _with_files(
    request: HttpRequest, obj: Any, form: Any, owner: Any, call: Any, done: str, route: str, page: Any
) -> HttpResponse:
    """An enterprise's text with uploaded evidence (a rectification reply, a self-check report): the files
    are stored and the service called in one transaction, so a refusal keeps no orphan file; the form keeps
    what was typed."""
    if form.is_valid():
        try:
            with transaction.atomic():
                evidence = store_files(request.user, owner, form.cleaned_data["files"])
                call(text=form.cleaned_data["text"], evidence=evidence)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(route, pk=obj.pk)
    return page(form)


def _decision(request: HttpRequest, obj: Any, call: Any, done: str, route: str, page: Any) -> HttpResponse:
    """The bureau accepts or rejects with a comment (a rectification, a self-check report)."""
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            call(accepted=form.accepted, comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(route, pk=obj.pk)
    return page(form)


@login_required
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _order_page(request, _order(request, pk, VIEW))


@login_required
@require_POST
def order_reply(request: HttpRequest, pk: int) -> HttpResponse:
    order = _order(request, pk, REPLY)
    return _with_files(
        request,
        order,
        ReplyForm(request.POST, request.FILES),
        order.mine.enterprise,
        lambda **data: services.reply_rectification(actor=request.user, order=order, **data),
        _("Your reply is sent to the bureau."),
        "supervision:order_detail",
        lambda form: _order_page(request, order, reply_form=form),
    )


@login_required
@require_POST
def order_verify(request: HttpRequest, pk: int) -> HttpResponse:
    order = _order(request, pk, REVIEW)
    return _decision(
        request,
        order,
        lambda **data: services.verify_rectification(actor=request.user, order=order, **data),
        _("Verification recorded."),
        "supervision:order_detail",
        lambda form: _order_page(request, order, decision_form=form),
    )


# Annual self-checks


@login_required
def selfcheck_list(request: HttpRequest) -> HttpResponse:
    checks = AnnualSelfCheck.objects.restrict(request.user, VIEW).select_related("mine__enterprise")
    checks, status = _filter(request, checks, "status", SelfCheckStatus.values)
    return render(
        request,
        "supervision/selfcheck_list.html",
        {"page": paginate(request, checks), "status": status, "statuses": SelfCheckStatus.choices},
    )


def _selfcheck_page(
    request: HttpRequest,
    check: AnnualSelfCheck,
    report_form: ReportForm | None = None,
    decision_form: DecisionForm | None = None,
) -> HttpResponse:
    can_submit = (
        check.awaiting_report
        and can(request.user, SUBMIT, check)
        and acts_for(request.user, check.mine.enterprise, ADD)
    )
    can_review = (
        check.status == SelfCheckStatus.SUBMITTED
        and can(request.user, REVIEW, check)
        and is_bureau(request.user, REVIEW)
    )
    return render(
        request,
        "supervision/selfcheck_detail.html",
        {
            "check": check,
            "reports": check.reports.select_related("submitted_by", "decided_by").prefetch_related(
                "evidence"
            ),
            "can_submit": can_submit,
            "can_review": can_review,
            "report_form": report_form or (ReportForm() if can_submit else None),
            "decision_form": decision_form or (DecisionForm() if can_review else None),
        },
    )


def _selfcheck(request: HttpRequest, pk: int, action: str) -> AnnualSelfCheck:
    return access_object(
        AnnualSelfCheck.objects.select_related("mine__enterprise"), request.user, action, pk=pk
    )


@login_required
def selfcheck_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _selfcheck_page(request, _selfcheck(request, pk, VIEW))


@login_required
@require_POST
def selfcheck_submit(request: HttpRequest, pk: int) -> HttpResponse:
    check = _selfcheck(request, pk, SUBMIT)
    return _with_files(
        request,
        check,
        ReportForm(request.POST, request.FILES),
        check.mine.enterprise,
        lambda **data: services.submit_self_check(actor=request.user, check=check, **data),
        _("Self-check report submitted."),
        "supervision:selfcheck_detail",
        lambda form: _selfcheck_page(request, check, report_form=form),
    )


@login_required
@require_POST
def selfcheck_review(request: HttpRequest, pk: int) -> HttpResponse:
    check = _selfcheck(request, pk, REVIEW)
    return _decision(
        request,
        check,
        lambda **data: services.review_self_check(actor=request.user, check=check, **data),
        _("Decision recorded."),
        "supervision:selfcheck_detail",
        lambda form: _selfcheck_page(request, check, decision_form=form),
    )
