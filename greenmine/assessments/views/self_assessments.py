"""Self-assessment pages: list, start, detail (scores, items, return comments), submit, return, accept,
revise. The fill-in page is in fill.py, the report downloads in reports.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greenmine.assessments import services
from greenmine.assessments.choices import AssessmentStatus
from greenmine.assessments.forms import StartForm
from greenmine.assessments.models import CHANGE, REVIEW, SUBMIT, SelfAssessment
from greenmine.assessments.reports import report_data
from greenmine.assessments.selectors import completeness, visible_assessments
from greenmine.assessments.views.plans import writable_mines
from greenmine.core.evidence_services import acts_for
from greenmine.core.permissions import VIEW, access_object, can
from greenmine.core.viewutils import paginate, run_action


def get_assessment(request: HttpRequest, pk: int, action: str = VIEW) -> SelfAssessment:
    return access_object(
        SelfAssessment.objects.select_related(
            "mine__enterprise", "mine__mineral", "standard_version__standard", "previous", "submitted_by"
        ),
        request.user,
        action,
        pk=pk,
    )


@login_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    assessments = visible_assessments(request.user)
    status = request.GET.get("status", "")
    if status in AssessmentStatus.values:
        assessments = assessments.filter(status=status)
    return render(
        request,
        "assessments/assessment_list.html",
        {
            "page": paginate(request, assessments),
            "status": status,
            "statuses": AssessmentStatus.choices,
            "can_start": writable_mines(request.user).exists(),
        },
    )


@login_required
def assessment_start(request: HttpRequest) -> HttpResponse:
    mines = writable_mines(request.user)
    if not mines.exists():
        raise PermissionDenied
    form = StartForm(request.POST or None, mines=mines, initial={"mine": request.GET.get("mine")})
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.start_self_assessment(actor=request.user, mine=form.cleaned_data["mine"])
        except ValidationError as exc:
            form.add_error("mine", exc.messages)
        else:
            messages.success(
                request, _("Self-assessment started against %(std)s.") % {"std": assessment.standard_version}
            )
            return redirect("assessments:assessment_fill", pk=assessment.pk)
    return render(request, "assessments/assessment_start.html", {"form": form})


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(request, pk)
    owner = acts_for(request.user, assessment.mine.enterprise, CHANGE)
    data = report_data(assessment)
    draft = assessment.status == AssessmentStatus.DRAFT
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "data": data,
            "missing": completeness(assessment) if draft else [],
            "comments": assessment.return_comments.all(),
            "versions": visible_assessments(request.user)
            .filter(mine=assessment.mine)
            .order_by("-version_no"),
            "can_fill": owner and draft,
            "can_submit": owner and draft and can(request.user, SUBMIT, assessment),
            "can_review": assessment.status == AssessmentStatus.SUBMITTED
            and can(request.user, REVIEW, assessment),
            "can_revise": owner
            and assessment.status in (AssessmentStatus.RETURNED, AssessmentStatus.ACCEPTED),
        },
    )


@login_required
@require_POST
def assessment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _simple(
        request,
        pk,
        SUBMIT,
        lambda a: services.submit_self_assessment(actor=request.user, assessment=a),
        _("Self-assessment submitted. Its content is now frozen."),
    )


@login_required
def assessment_return(request: HttpRequest, pk: int) -> HttpResponse:
    """The bureau's return form: an overall comment and one box per indicator."""
    assessment = get_assessment(request, pk, REVIEW)
    data = report_data(assessment)
    error = ""
    if request.method == "POST":
        item_comments = {
            key[2:]: value for key, value in request.POST.items() if key.startswith("c_") and value.strip()
        }
        try:
            services.return_self_assessment(
                actor=request.user,
                assessment=assessment,
                comment=request.POST.get("comment", ""),
                item_comments=item_comments,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Self-assessment returned to the enterprise."))
            return redirect("assessments:assessment_detail", pk=assessment.pk)
    return render(
        request,
        "assessments/assessment_return.html",
        {
            "assessment": assessment,
            "data": data,
            "error": error,
            "posted": request.POST,
            "typed": {k[2:]: v for k, v in request.POST.items() if k.startswith("c_")},
        },
    )


def _simple(request: HttpRequest, pk: int, action: str, call: Any, done: str) -> HttpResponse:
    assessment = get_assessment(request, pk, action)
    return run_action(request, assessment, call, done, "assessments:assessment_detail")


@login_required
@require_POST
def assessment_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _simple(
        request,
        pk,
        REVIEW,
        lambda a: services.accept_self_assessment(actor=request.user, assessment=a),
        _("Self-assessment accepted."),
    )


@login_required
@require_POST
def assessment_revise(request: HttpRequest, pk: int) -> HttpResponse:
    return _simple(
        request,
        pk,
        VIEW,
        lambda a: services.revise_self_assessment(actor=request.user, assessment=a),
        _("A new draft version was started from this one."),
    )
