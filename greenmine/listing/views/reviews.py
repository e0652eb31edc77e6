"""Reviews (初审): open one on a completed third-party assessment, ask departments for opinions, the
departments' answers, the decision, and the recommendation upward."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from greenmine.core.choices import OrganisationKind
from greenmine.core.evidence_services import acts_for, store_evidence
from greenmine.core.models import Organisation
from greenmine.core.permissions import CHANGE, VIEW, access_object, can, has_role_in
from greenmine.core.viewutils import add_service_errors, paginate
from greenmine.listing import services
from greenmine.listing.choices import ReviewStatus
from greenmine.listing.forms import (
    DecisionForm,
    OpenReviewForm,
    OpinionAnswerForm,
    OpinionRequestForm,
    RecommendForm,
)
from greenmine.listing.models import ANSWER, DECIDE, OpinionRequest, Review
from greenmine.listing.selectors import completed_assessments, visible_reviews
from greenmine.listing.views.common import form_page, go, require_bureau_writer


def get_review(request: HttpRequest, pk: int, action: str = VIEW) -> Review:
    return access_object(
        Review.objects.select_related("mine__enterprise", "assessment", "notice"), request.user, action, pk=pk
    )


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    reviews = visible_reviews(request.user)
    status = request.GET.get("status", "")
    if status in ReviewStatus.values:
        reviews = reviews.filter(status=status)
    return render(
        request,
        "listing/review_list.html",
        {
            "page": paginate(request, reviews),
            "status": status,
            "statuses": ReviewStatus.choices,
            "can_open": has_role_in(request.user, [OrganisationKind.BUREAU], CHANGE),
        },
    )


@login_required
def review_open(request: HttpRequest) -> HttpResponse:
    require_bureau_writer(request)
    assessments = completed_assessments(request.user)
    form = OpenReviewForm(
        request.POST or None, assessments=assessments, initial={"assessment": request.GET.get("assessment")}
    )
    return form_page(
        request,
        form,
        lambda d: services.open_review(actor=request.user, assessment=d["assessment"]),
        _("Review opened."),
        go("listing:review_detail"),
        "listing/form.html",
        {"title": _("Open a review"), "submit_id": "open-review"},
    )


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_review(request, pk)
    opinions = OpinionRequest.objects.restrict(request.user, VIEW).filter(review=review)
    open_ = review.status == ReviewStatus.OPEN
    acts = can(request.user, CHANGE, review) and has_role_in(request.user, [OrganisationKind.BUREAU], CHANGE)
    return render(
        request,
        "listing/review_detail.html",
        {
            "review": review,
            "opinions": opinions.select_related("department", "attachment"),
            "waiting": services.missing_opinions(review) if open_ else [],
            "can_request": acts and open_,
            "can_decide": acts and open_,
            "can_recommend": acts
            and review.status == ReviewStatus.RECOMMENDED
            and review.notice is not None
            and not review.notice.is_open,
            "recommendations": review.recommendations.all(),
            "objections": review.objections.all() if acts else [],
        },
    )


@login_required
def opinion_request(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_review(request, pk, CHANGE)
    departments = Organisation.objects.filter(
        kind=OrganisationKind.DEPARTMENT,
        is_active=True,
        division__code__startswith=review.mine.division_id[:6],
    ).exclude(pk__in=review.opinions.values("department_id"))
    form = OpinionRequestForm(
        request.POST or None,
        departments=departments,
        initial={"deadline": services.opinion_deadline() if request.method == "GET" else None},
    )
    return form_page(
        request,
        form,
        lambda d: (
            services.request_opinion(
                actor=request.user,
                review=review,
                department=d["department"],
                deadline=d["deadline"],
                question=d["question"],
            ).review
        ),
        _("Opinion requested."),
        go("listing:review_detail"),
        "listing/form.html",
        {"title": _("Ask a department for its opinion"), "object": review, "submit_id": "request-opinion"},
    )


@login_required
def opinion_list(request: HttpRequest) -> HttpResponse:
    """The requests a department has received (the bureau sees those of its division)."""
    opinions = (
        OpinionRequest.objects.restrict(request.user, VIEW)
        .select_related("review__mine", "department")
        .order_by("answered_at", "deadline", "pk")
    )
    return render(request, "listing/opinion_list.html", {"page": paginate(request, opinions)})


@login_required
def opinion_answer(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = access_object(
        OpinionRequest.objects.select_related("review__mine", "department"), request.user, VIEW, pk=pk
    )
    addressee = can(request.user, ANSWER, opinion) and acts_for(request.user, opinion.department, CHANGE)
    may_answer = addressee and not opinion.answered and opinion.review.status == ReviewStatus.OPEN
    form = OpinionAnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not addressee:
            raise PermissionDenied
        if form.is_valid():
            try:
                upload = form.cleaned_data.get("attachment")
                attachment = (
                    store_evidence(actor=request.user, organisation=opinion.department, uploaded_file=upload)
                    if upload
                    else None
                )
                services.answer_opinion(
                    actor=request.user,
                    request=opinion,
                    answer=form.cleaned_data["answer"],
                    text=form.cleaned_data["answer_text"],
                    attachment=attachment,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Opinion sent to the bureau."))
                return redirect("listing:opinion_answer", pk=opinion.pk)
    return render(
        request,
        "listing/opinion_answer.html",
        {"opinion": opinion, "form": form, "may_answer": may_answer},
    )


@login_required
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_review(request, pk, DECIDE)
    form = DecisionForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda d: services.decide_review(actor=request.user, review=review, **d),
        _("Decision recorded."),
        go("listing:review_detail"),
        "listing/form.html",
        {
            "title": _("Decide the review"),
            "object": review,
            "waiting": services.missing_opinions(review),
            "submit_id": "decide",
        },
    )


@login_required
def recommend(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_review(request, pk, CHANGE)
    form = RecommendForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda d: services.recommend_upward(actor=request.user, review=review, **d),
        _("Recommendation recorded."),
        go("listing:recommendation_decide"),
        "listing/form.html",
        {"title": _("Recommend upward"), "object": review, "submit_id": "recommend"},
    )
