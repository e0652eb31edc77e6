"""Review pages: prerequisites, veto items, the site visit and photos, scores and explanations,
completion, the comparison, the report downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greenmine.assessments.forms import AnswerError, parse_answer
from greenmine.core.viewutils import add_service_errors
from greenmine.thirdparty import services
from greenmine.thirdparty.choices import ThirdPartyStatus
from greenmine.thirdparty.forms import (
    CompleteForm,
    ExplainForm,
    PhotoForm,
    PrerequisiteForm,
    ScoreForm,
    SiteVisitForm,
    VetoForm,
)
from greenmine.thirdparty.models import ASSESS, IndicatorScore
from greenmine.thirdparty.reports import docx_response, pdf_response, report_data
from greenmine.thirdparty.selectors import prerequisite_rows, score_rows, sees_content, veto_rows
from greenmine.thirdparty.services_review import standard_for
from greenmine.thirdparty.views.assessments import get_assessment


def _done(request: HttpRequest, pk: int, text: str, anchor: str = "") -> HttpResponse:
    messages.success(request, text)
    response = redirect("thirdparty:assessment_review", pk=pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@login_required
def assessment_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The team's working page: prerequisites first, the veto items, then the site visit, then the scores."""
    assessment = get_assessment(request, pk, ASSESS)
    return _review_page(request, assessment)


def _review_page(request: HttpRequest, assessment, **extra) -> HttpResponse:  # noqa: ANN001
    prerequisites = prerequisite_rows(assessment)
    return render(
        request,
        "thirdparty/assessment_review.html",
        {
            "assessment": assessment,
            "open": assessment.status == ThirdPartyStatus.IN_REVIEW,
            "prerequisites": prerequisites,
            "all_verified": all(p["check"] for p in prerequisites),
            "vetoes": veto_rows(assessment),
            "visit": getattr(assessment, "site_visit", None),
            "visit_form": extra.get("visit_form") or SiteVisitForm(),
            "photo_form": extra.get("photo_form") or PhotoForm(),
            "complete_form": extra.get("complete_form") or CompleteForm(),
            "rows": score_rows(assessment),
            "errors": extra.get("errors", {}),
            "posted": extra.get("posted", {}),
            "leader": assessment.members.filter(is_leader=True, expert__user=request.user).exists(),
        },
        status=extra.get("status", 200),
    )


@login_required
@require_POST
def prerequisite_verify(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(request, pk, ASSESS)
    form = PrerequisiteForm(request.POST)
    indicator_id = request.POST.get("indicator_id", "")
    if form.is_valid():
        try:
            services.verify_prerequisite(actor=request.user, assessment=assessment, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            return _done(request, pk, _("%(id)s verified.") % {"id": indicator_id}, "prerequisites")
    errors = {indicator_id: [e for errs in form.errors.values() for e in errs]}
    return _review_page(request, assessment, errors=errors, posted={indicator_id: request.POST}, status=400)


@login_required
@require_POST
def veto_verify(request: HttpRequest, pk: int) -> HttpResponse:
    """The team's own verdict on one veto item (same pattern as the prerequisites)."""
    assessment = get_assessment(request, pk, ASSESS)
    form = VetoForm(request.POST)
    indicator_id = request.POST.get("indicator_id", "")
    if form.is_valid():
        try:
            services.verify_veto(actor=request.user, assessment=assessment, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            return _done(request, pk, _("%(id)s verified.") % {"id": indicator_id}, "vetoes")
    errors = {indicator_id: [e for errs in form.errors.values() for e in errs]}
    return _review_page(request, assessment, errors=errors, posted={indicator_id: request.POST}, status=400)


@login_required
@require_POST
def site_visit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(request, pk, ASSESS)
    form = SiteVisitForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.record_site_visit(actor=request.user, assessment=assessment, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _done(request, pk, _("Site visit recorded."), "visit")
    return _review_page(request, assessment, visit_form=form, status=400)


@login_required
@require_POST
def site_photo(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(request, pk, ASSESS)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_site_photo(
                actor=request.user,
                assessment=assessment,
                uploaded_file=form.cleaned_data["photo"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _done(request, pk, _("Photo added."), "visit")
    return _review_page(request, assessment, photo_form=form, status=400)


@login_required
@require_POST
def indicator_score(request: HttpRequest, pk: int, indicator_id: str) -> HttpResponse:
    assessment = get_assessment(request, pk, ASSESS)
    standard = standard_for(assessment)
    leaves = {leaf.id: leaf for leaf in standard.leaves()}
    if indicator_id not in leaves:
        raise Http404
    form = ScoreForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    errors: list[str] = []
    try:
        answer = parse_answer("item", leaves[indicator_id].method, data.get("answer", ""))
        if not answer:
            raise AnswerError(_("Give the team's answer for %(id)s.") % {"id": indicator_id})
        services.score_indicator(
            actor=request.user,
            assessment=assessment,
            indicator_id=indicator_id,
            answer=answer,
            finding=data.get("finding", ""),
            explanation=data.get("explanation", ""),
        )
    except AnswerError as exc:
        errors = [str(exc)]
    except ValidationError as exc:
        errors = exc.messages
    if not errors:
        return _done(request, pk, _("%(id)s scored.") % {"id": indicator_id}, f"score-{indicator_id}")
    return _review_page(
        request, assessment, errors={indicator_id: errors}, posted={indicator_id: request.POST}, status=400
    )


@login_required
@require_POST
def indicator_explain(request: HttpRequest, pk: int, indicator_id: str) -> HttpResponse:
    assessment = get_assessment(request, pk, ASSESS)
    row = IndicatorScore.objects.filter(assessment=assessment, indicator_id=indicator_id).first()
    if row is None:
        raise Http404
    form = ExplainForm(request.POST)
    errors: list[str] = []
    if form.is_valid():
        try:
            services.explain_difference(
                actor=request.user, score_row=row, explanation=form.cleaned_data["explanation"]
            )
        except ValidationError as exc:
            errors = exc.messages
    else:
        errors = [e for errs in form.errors.values() for e in errs]
    if not errors:
        return _done(
            request, pk, _("Explanation added to %(id)s.") % {"id": indicator_id}, f"score-{indicator_id}"
        )
    return _review_page(
        request, assessment, errors={indicator_id: errors}, posted={indicator_id: request.POST}, status=400
    )


@login_required
@require_POST
def assessment_complete(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(request, pk, ASSESS)
    form = CompleteForm(request.POST)
    if form.is_valid():
        try:
            services.complete(
                actor=request.user, assessment=assessment, conclusion=form.cleaned_data["conclusion"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Assessment completed."))
            return redirect("thirdparty:assessment_detail", pk=pk)
    return _review_page(request, assessment, complete_form=form, status=400)


@login_required
def assessment_comparison(request: HttpRequest, pk: int) -> HttpResponse:
    """Self vs third-party, side by side for every indicator."""
    assessment = get_assessment(request, pk)
    if not sees_content(request.user, assessment):
        raise PermissionDenied
    rows = score_rows(assessment)
    return render(
        request,
        "thirdparty/assessment_comparison.html",
        {
            "assessment": assessment,
            "rows": rows,
            "conditions": prerequisite_rows(assessment) + veto_rows(assessment),
            "threshold": services.explain_threshold(),
        },
    )


@login_required
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    assessment = get_assessment(request, pk)
    if not sees_content(request.user, assessment):
        raise PermissionDenied
    if fmt not in ("pdf", "docx"):
        raise Http404
    data = report_data(assessment)
    return pdf_response(data) if fmt == "pdf" else docx_response(data)
