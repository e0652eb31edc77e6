"""Construction plan pages: list, detail with the timeline, form with task and milestone formsets, and the
submit / file / return / revise buttons. Views parse input and call services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greenmine.assessments import services
from greenmine.assessments.choices import PlanStatus
from greenmine.assessments.forms import (
    CommentForm,
    MilestoneFormSet,
    MilestoneProgressForm,
    PlanForm,
    TaskFormSet,
    rows_of,
)
from greenmine.assessments.models import CHANGE, REVIEW, SUBMIT, ConstructionPlan, Milestone
from greenmine.assessments.selectors import applicable_version, timeline, visible_plans
from greenmine.core.evidence_services import acts_for
from greenmine.core.permissions import VIEW, access_object, can, memberships_of, role_allows
from greenmine.core.viewutils import add_service_errors, paginate, run_action
from greenmine.registry.models import Mine


def writable_mines(user: Any) -> Any:
    """Mines of the enterprises the user writes for (staff and admins of the owning enterprise)."""
    orgs = [m.organisation_id for m in memberships_of(user) if role_allows(m.role, "add")]
    return Mine.objects.restrict(user, VIEW).filter(enterprise_id__in=orgs).select_related("mineral")


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = visible_plans(request.user)
    status = request.GET.get("status", "")
    if status in PlanStatus.values:
        plans = plans.filter(status=status)
    return render(
        request,
        "assessments/plan_list.html",
        {
            "page": paginate(request, plans),
            "status": status,
            "statuses": PlanStatus.choices,
            "can_create": writable_mines(request.user).exists(),
        },
    )


def _plan(request: HttpRequest, pk: int, action: str = VIEW) -> ConstructionPlan:
    return access_object(
        ConstructionPlan.objects.select_related("mine__enterprise", "standard_version__standard", "previous"),
        request.user,
        action,
        pk=pk,
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    owner = acts_for(request.user, plan.mine.enterprise, CHANGE)
    return render(
        request,
        "assessments/plan_detail.html",
        {
            "plan": plan,
            "tasks": plan.tasks.all(),
            "milestones": plan.milestones.all(),
            "timeline": timeline(plan),
            "versions": ConstructionPlan.objects.restrict(request.user, VIEW)
            .filter(mine=plan.mine)
            .order_by("-version_no"),
            "can_edit": owner and plan.status == PlanStatus.DRAFT,
            "can_submit": owner and plan.status == PlanStatus.DRAFT and can(request.user, SUBMIT, plan),
            "can_review": plan.status == PlanStatus.SUBMITTED and can(request.user, REVIEW, plan),
            "can_revise": owner and plan.status in (PlanStatus.RETURNED, PlanStatus.FILED),
            "can_progress": owner and plan.status in (PlanStatus.DRAFT, PlanStatus.FILED),
            "comment_form": CommentForm(),
        },
    )


def _plan_form_page(request: HttpRequest, plan: ConstructionPlan | None, mine: Mine | None) -> HttpResponse:
    if plan is not None:
        initial = {f: getattr(plan, f) for f in services.PLAN_FIELDS}
        tasks_initial = [{f: getattr(t, f) for f in services.TASK_FIELDS} for t in plan.tasks.all()]
        ms_initial = [{f: getattr(m, f) for f in services.MILESTONE_FIELDS} for m in plan.milestones.all()]
    else:
        initial = {"standard_version": applicable_version(mine), "title": _("Green mine construction plan")}
        tasks_initial, ms_initial = [], []
    post = request.POST if request.method == "POST" else None
    form = PlanForm(post, initial=initial)
    tasks = TaskFormSet(post, initial=tasks_initial, prefix="tasks")
    milestones = MilestoneFormSet(post, initial=ms_initial, prefix="milestones")
    if post is not None and form.is_valid() and tasks.is_valid() and milestones.is_valid():
        try:
            with transaction.atomic():
                if plan is None:
                    plan = services.create_plan(
                        actor=request.user,
                        mine=mine,
                        tasks=rows_of(tasks),
                        milestones=rows_of(milestones),
                        **form.cleaned_data,
                    )
                else:
                    plan = services.update_plan(
                        actor=request.user,
                        plan=plan,
                        tasks=rows_of(tasks),
                        milestones=rows_of(milestones),
                        **form.cleaned_data,
                    )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Plan saved."))
            return redirect("assessments:plan_detail", pk=plan.pk)
    return render(
        request,
        "assessments/plan_form.html",
        {
            "form": form,
            "tasks": tasks,
            "milestones": milestones,
            "plan": plan,
            "mine": mine or plan.mine,
        },
    )


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    mines = writable_mines(request.user)
    if not mines.exists():
        raise PermissionDenied
    chosen = str(request.GET.get("mine") or request.POST.get("mine") or "")
    mine = mines.filter(pk=int(chosen)).first() if chosen.isdigit() and len(chosen) < 12 else None
    if mine is None:
        return render(request, "assessments/choose_mine.html", {"mines": mines, "target": "plan"})
    return _plan_form_page(request, None, mine)


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk, CHANGE)
    if not acts_for(request.user, plan.mine.enterprise, CHANGE):
        raise PermissionDenied
    if plan.status != PlanStatus.DRAFT:
        messages.error(request, _("Only a draft plan can be edited; start a revision."))
        return redirect("assessments:plan_detail", pk=plan.pk)
    return _plan_form_page(request, plan, plan.mine)


def _act(request: HttpRequest, pk: int, action: str, call: Any, done: str) -> HttpResponse:
    return run_action(request, _plan(request, pk, action), call, done, "assessments:plan_detail")


@login_required
@require_POST
def plan_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        SUBMIT,
        lambda p: services.submit_plan(actor=request.user, plan=p),
        _("Plan submitted to the bureau."),
    )


@login_required
@require_POST
def plan_file(request: HttpRequest, pk: int) -> HttpResponse:
    comments = request.POST.get("comments", "")
    return _act(
        request,
        pk,
        REVIEW,
        lambda p: services.file_plan(actor=request.user, plan=p, comments=comments),
        _("Plan filed."),
    )


@login_required
@require_POST
def plan_return(request: HttpRequest, pk: int) -> HttpResponse:
    comments = request.POST.get("comments", "")
    return _act(
        request,
        pk,
        REVIEW,
        lambda p: services.return_plan(actor=request.user, plan=p, comments=comments),
        _("Plan returned to the enterprise."),
    )


@login_required
@require_POST
def plan_revise(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        CHANGE,
        lambda p: services.revise_plan(actor=request.user, plan=p),
        _("A new draft version was started."),
    )


@login_required
@require_POST
def milestone_progress(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    plan = _plan(request, pk, CHANGE)
    milestone = Milestone.objects.filter(plan=plan, pk=milestone_pk).first()
    form = MilestoneProgressForm(request.POST)
    if milestone is None or not form.is_valid():
        messages.error(request, _("Enter a progress between 0 and 100."))
        return redirect("assessments:plan_detail", pk=plan.pk)
    try:
        services.update_milestone(actor=request.user, milestone=milestone, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Progress saved."))
    return redirect("assessments:plan_detail", pk=plan.pk)
