"""Admission pages: layers (list, import, detail), rules, checks (form, result, reports), the overlap
audit, withdrawal cases (list, detail, edit, progress, close)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greenmine.admission import selectors, services
from greenmine.admission.choices import CaseStatus, LayerKind, Verdict
from greenmine.admission.forms import CaseForm, CheckForm, CloseForm, LayerImportForm, ProgressForm, RuleForm
from greenmine.admission.models import (
    AdmissionCheck,
    AdmissionRule,
    LayerFeature,
    ReferenceLayer,
    WithdrawalCase,
)
from greenmine.core.choices import OrganisationKind
from greenmine.core.permissions import ADD, CHANGE, MANAGE, VIEW, access_object, has_role_in
from greenmine.core.viewutils import add_service_errors, paginate, querystring_without_page

BUREAU = [OrganisationKind.BUREAU]
READERS = [OrganisationKind.BUREAU, OrganisationKind.DEPARTMENT]


def _require(request: HttpRequest, kinds: list[str], action: str = VIEW) -> None:
    if not has_role_in(request.user, kinds, action):
        raise PermissionDenied


# --- layers ------------------------------------------------------------------------------------------


@login_required
def layer_list(request: HttpRequest) -> HttpResponse:
    _require(request, BUREAU)
    return render(
        request,
        "admission/layer_list.html",
        {
            "layers": selectors.layers_for(request.user),
            "can_import": has_role_in(request.user, BUREAU, MANAGE),
            "kinds": LayerKind.choices,
        },
    )


@login_required
def layer_import(request: HttpRequest) -> HttpResponse:
    _require(request, BUREAU, MANAGE)
    form = LayerImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            version = services.import_layer(
                actor=request.user,
                data=upload.read(),
                filename=upload.name,
                kind=form.cleaned_data["kind"],
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Imported version %(n)s with %(count)s features.")
                % {"n": version.number, "count": version.feature_count},
            )
            return redirect("admission:layer_detail", pk=version.layer_id)
    return render(request, "admission/layer_import.html", {"form": form})


@login_required
def layer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, BUREAU)
    layer = access_object(ReferenceLayer, request.user, VIEW, pk=pk)
    versions = list(layer.versions.order_by("-number"))
    current = versions[0] if versions else None
    features = (
        LayerFeature.objects.filter(version=current).order_by("id")
        if current
        else LayerFeature.objects.none()
    )
    return render(
        request,
        "admission/layer_detail.html",
        {
            "layer": layer,
            "versions": versions,
            "current": current,
            "page": paginate(request, features),
        },
    )


# --- rules -------------------------------------------------------------------------------------------


@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    _require(request, BUREAU)
    return render(
        request,
        "admission/rule_list.html",
        {
            "rules": AdmissionRule.objects.restrict(request.user, VIEW),
            "can_edit": has_role_in(request.user, BUREAU, MANAGE),
        },
    )


@login_required
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, BUREAU, MANAGE)
    rule = access_object(AdmissionRule, request.user, CHANGE, pk=pk)
    initial = {
        k: getattr(rule, k)
        for k in ("overlap_verdict", "within_m", "within_verdict", "outside_verdict", "active", "note")
    }
    form = RuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_rule(actor=request.user, rule=rule, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Rule saved."))
            return redirect("admission:rule_list")
    return render(
        request, "admission/form.html", {"form": form, "title": str(rule), "back": "admission:rule_list"}
    )


# --- checks ------------------------------------------------------------------------------------------


@login_required
def check_list(request: HttpRequest) -> HttpResponse:
    _require(request, READERS)
    checks = selectors.checks_for(request.user, request.GET)
    return render(
        request,
        "admission/check_list.html",
        {
            "page": paginate(request, checks),
            "params": request.GET,
            "verdicts": Verdict.choices,
            "querystring": querystring_without_page(request),
            "can_check": has_role_in(request.user, BUREAU, ADD),
        },
    )


@login_required
def check_create(request: HttpRequest) -> HttpResponse:
    _require(request, BUREAU, ADD)
    form = CheckForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check = services.run_check(
                actor=request.user,
                boundary=data["boundary"],
                right_kind=data["right_kind"],
                application_type=data["application_type"],
                applicant=data["applicant"],
                enterprise=data["enterprise"],
                licence_no=data["licence_no"],
                source_name=data["source_name"],
                radius_m=data["radius_m"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("admission:check_detail", pk=check.pk)
    return render(request, "admission/check_form.html", {"form": form})


@login_required
def check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    check = access_object(
        AdmissionCheck.objects.select_related("created_by", "enterprise"), request.user, VIEW, pk=pk
    )
    return render(
        request,
        "admission/check_detail.html",
        {
            "check": check,
            "result": check.result,
            "versions": check.layer_versions.select_related("layer").order_by("layer__kind", "layer__name"),
        },
    )


@login_required
def check_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    from greenmine.admission import reports

    check = access_object(AdmissionCheck, request.user, VIEW, pk=pk)
    if fmt == "pdf":
        content, ctype = reports.pdf_report(check), "application/pdf"
    elif fmt == "docx":
        content = reports.docx_report(check)
        ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        raise Http404
    response = HttpResponse(content, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="admission-check-{check.pk}.{fmt}"'
    return response


# --- overlap audit and withdrawal cases --------------------------------------------------------------


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    """The overlap audit runs synchronously: the vectorised index answers thousands of rights in well
    under a second (see bench/bench_admission.py)."""
    _require(request, BUREAU)
    return render(
        request,
        "admission/audit.html",
        {
            "findings": selectors.overlap_audit(request.user),
            "can_open": has_role_in(request.user, BUREAU, ADD),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def audit_open(request: HttpRequest) -> HttpResponse:
    """Open a withdrawal case for the chosen findings (or all of them without an open case)."""
    _require(request, BUREAU, ADD)
    wanted = set(request.POST.getlist("right"))
    opened = 0
    for finding in selectors.overlap_audit(request.user):
        key = f"{finding.kind}:{finding.right.pk}"
        if finding.open_case is not None or (wanted and key not in wanted):
            continue
        names = "、".join(f"{f.version.layer.get_kind_display()}“{f.name}”" for f, _a, _s in finding.hits)
        try:
            services.open_withdrawal_case(
                actor=request.user,
                right=finding.right,
                reason=_("Inside protected areas: %(names)s") % {"names": names},
                features=[f for f, _a, _s in finding.hits],
                overlap_km2=finding.overlap_km2,
            )
        except (ValidationError, PermissionDenied):
            continue
        opened += 1
    messages.success(request, _("%(n)s withdrawal cases opened.") % {"n": opened})
    return redirect("admission:case_list")


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    cases = selectors.cases_for(request.user, request.GET)
    return render(
        request,
        "admission/case_list.html",
        {
            "page": paginate(request, cases),
            "params": request.GET,
            "statuses": CaseStatus.choices,
            "querystring": querystring_without_page(request),
        },
    )


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_object(
        WithdrawalCase.objects.select_related("holder", "closed_by"), request.user, VIEW, pk=pk
    )
    from greenmine.core.permissions import can

    writable = case.status == CaseStatus.OPEN and can(request.user, CHANGE, case)
    return render(
        request,
        "admission/case_detail.html",
        {
            "case": case,
            "progress": case.progress.all(),
            "features": case.features.select_related("version__layer"),
            "can_change": writable,
            "progress_form": ProgressForm(initial={"date": timezone.localdate()}),
            "close_form": CloseForm(),
        },
    )


@login_required
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_object(WithdrawalCase, request.user, CHANGE, pk=pk)
    initial = {k: getattr(case, k) for k in ("reason", "plan", "deadline", "compensation_note")}
    form = CaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_case(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Case saved."))
            return redirect("admission:case_detail", pk=case.pk)
    return render(request, "admission/form.html", {"form": form, "title": str(case), "back_pk": case.pk})


def _case_post(request: HttpRequest, pk: int, form_class: Any, action: Any) -> HttpResponse:
    case = access_object(WithdrawalCase, request.user, CHANGE, pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(case, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
    if form.errors:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("admission:case_detail", pk=case.pk)


@login_required
@require_POST
def case_progress(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_post(
        request,
        pk,
        ProgressForm,
        lambda case, d: services.add_progress(
            actor=request.user, case=case, on=d["date"], note=d["note"], percent=d["percent"]
        ),
    )


@login_required
@require_POST
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_post(
        request,
        pk,
        CloseForm,
        lambda case, d: services.close_case(actor=request.user, case=case, note=d["note"]),
    )
