"""Assessment pages: the list, commissioning, the assessment's page, the team (saved or drawn) and the
members' declarations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greenmine.assessments.models import SelfAssessment
from greenmine.core.choices import OrganisationKind
from greenmine.core.models import Organisation
from greenmine.core.permissions import VIEW, access_object, can
from greenmine.core.viewutils import add_service_errors, paginate
from greenmine.thirdparty import services
from greenmine.thirdparty.choices import ThirdPartyStatus
from greenmine.thirdparty.forms import CommissionForm, DeclarationForm, DrawForm, TeamForm
from greenmine.thirdparty.models import ASSESS, TEAM, Expert, ThirdPartyAssessment
from greenmine.thirdparty.selectors import (
    commissionable,
    member_of,
    prerequisite_rows,
    score_rows,
    sees_content,
    veto_rows,
    visible_assessments,
)
from greenmine.thirdparty.services_review import unverified_prerequisites


def get_assessment(request: HttpRequest, pk: int, action: str = VIEW) -> ThirdPartyAssessment:
    return access_object(
        ThirdPartyAssessment.objects.select_related(
            "mine__enterprise", "agency", "self_assessment__standard_version__standard", "commissioned_by_org"
        ),
        request.user,
        action,
        pk=pk,
    )


def registered_agencies() -> Any:
    return Organisation.objects.filter(
        kind=OrganisationKind.ASSESSOR, is_active=True, agency_profile__registered=True
    ).order_by("name")


@login_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    assessments = visible_assessments(request.user)
    status = request.GET.get("status", "")
    if status in ThirdPartyStatus.values:
        assessments = assessments.filter(status=status)
    page = paginate(request, assessments)
    # The self total only where the user may read the self-assessment (not an undeclared member).
    readable = set(
        SelfAssessment.objects.restrict(request.user, VIEW)
        .filter(pk__in=[a.self_assessment_id for a in page])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "thirdparty/assessment_list.html",
        {
            "readable": readable,
            "page": page,
            "status": status,
            "statuses": ThirdPartyStatus.choices,
            "can_commission": commissionable(request.user).exists(),
        },
    )


@login_required
def commission(request: HttpRequest) -> HttpResponse:
    candidates = commissionable(request.user)
    if not candidates.exists():
        raise PermissionDenied
    form = CommissionForm(
        request.POST or None,
        self_assessments=candidates,
        agencies=registered_agencies(),
        initial={"self_assessment": request.GET.get("self_assessment")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.commission(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Agency commissioned."))
            return redirect("thirdparty:assessment_detail", pk=assessment.pk)
    return render(
        request, "thirdparty/form.html", {"form": form, "title": _("Commission a third-party assessment")}
    )


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(request, pk)
    member = member_of(request.user, assessment)
    content = sees_content(request.user, assessment)
    assess = can(request.user, ASSESS, assessment)
    open_review = assessment.status == ThirdPartyStatus.IN_REVIEW
    rows = score_rows(assessment) if content else []
    leader = member is not None and member.is_leader
    return render(
        request,
        "thirdparty/assessment_detail.html",
        {
            "assessment": assessment,
            "members": assessment.members.select_related("expert"),
            "member": member,
            "content": content,
            "prerequisites": prerequisite_rows(assessment) if content else [],
            "vetoes": veto_rows(assessment) if content else [],
            "rows": rows,
            "scored": sum(1 for r in rows if r.score is not None),
            "visit": getattr(assessment, "site_visit", None),
            "can_team": assessment.status in (ThirdPartyStatus.COMMISSIONED, ThirdPartyStatus.TEAM_FORMED)
            and can(request.user, TEAM, assessment),
            "can_declare": member is not None
            and member.declared_at is None
            and assessment.status in (ThirdPartyStatus.TEAM_FORMED, ThirdPartyStatus.IN_REVIEW),
            "can_assess": assess and open_review,
            "can_complete": assess and open_review and leader,
            "unverified": unverified_prerequisites(assessment) if content and open_review else [],
            "declaration": services.DEFAULT_DECLARATION,
        },
    )


@login_required
def assessment_team(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(request, pk, TEAM)
    if assessment.status not in (ThirdPartyStatus.COMMISSIONED, ThirdPartyStatus.TEAM_FORMED):
        messages.info(request, _("The team can no longer change."))
        return redirect("thirdparty:assessment_detail", pk=assessment.pk)
    experts = Expert.objects.filter(agency=assessment.agency, active=True).order_by("name", "pk")
    if assessment.draw_result:
        experts = experts.filter(pk__in=[int(k) for k in assessment.draw_result])
    current = list(assessment.members.all())
    initial = {
        "members": [m.expert_id for m in current] or ([int(k) for k in assessment.draw_result] or None),
        "leader": next((m.expert_id for m in current if m.is_leader), None),
    }
    form = TeamForm(request.POST or None, experts=experts, initial=initial)
    broken: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.save_team(
                actor=request.user,
                assessment=assessment,
                experts=list(form.cleaned_data["members"]),
                leader=form.cleaned_data["leader"],
            )
        except services.TeamRuleError as exc:
            broken = [services.rule_message(b) for b in exc.broken]
            form.add_error(None, _("The team breaks the rules of §2.3; see below."))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Team saved. Each member now declares no conflict."))
            return redirect("thirdparty:assessment_detail", pk=assessment.pk)
    pool = services.eligible_pool(assessment)
    return render(
        request,
        "thirdparty/assessment_team.html",
        {
            "assessment": assessment,
            "form": form,
            "broken": broken,
            "experts": experts,
            "pool": pool,
            "draw_form": DrawForm(initial={"k": services.team_limits().min_members}),
            "limits": services.team_limits(),
        },
    )


@login_required
@require_POST
def assessment_draw(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(request, pk, TEAM)
    form = DrawForm(request.POST)
    k = form.cleaned_data["k"] if form.is_valid() else services.team_limits().min_members
    try:
        services.draw_team(actor=request.user, assessment=assessment, k=k)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Team drawn. Choose the leader among the drawn experts and save."))
    return redirect("thirdparty:assessment_team", pk=assessment.pk)


@login_required
def assessment_declare(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(request, pk)
    member = member_of(request.user, assessment)
    if member is None:
        raise PermissionDenied
    form = DeclarationForm(request.POST or None, initial={"text": services.DEFAULT_DECLARATION})
    if request.method == "POST" and form.is_valid():
        try:
            services.declare(actor=request.user, member=member, text=form.cleaned_data["text"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Declaration recorded. You may now see the self-assessment."))
            return redirect("thirdparty:assessment_detail", pk=assessment.pk)
    return render(
        request,
        "thirdparty/form.html",
        {
            "form": form,
            "title": _("Declaration of no conflict"),
            "back_assessment": assessment,
            "testid": "declare",
        },
    )
