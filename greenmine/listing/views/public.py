"""Public pages (no sign-in): what is on notice and what was, objections with a receipt code, the follow
page, and the current list. The objector's name and contact appear on none of them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from greenmine.core.permissions import VIEW, access_object
from greenmine.core.viewutils import add_service_errors
from greenmine.listing import services
from greenmine.listing.forms import FollowForm, ObjectionForm
from greenmine.listing.models import PublicNotice
from greenmine.listing.selectors import current_list, current_notices, objection_by_receipt, past_notices
from greenmine.listing.throttles import ObjectionThrottle


def public_notices(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "listing/public_notices.html",
        {
            "current": current_notices().restrict(request.user, VIEW),
            "past": past_notices().restrict(request.user, VIEW)[:50],
        },
    )


def public_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """A notice and, while it runs, the objection form. A received objection shows its receipt code."""
    notice = access_object(PublicNotice, request.user, VIEW, pk=pk)
    reviews = notice.reviews.select_related("mine__enterprise", "mine__mineral", "assessment")
    open_ = notice.accepts_objections()
    form = ObjectionForm(request.POST or None, reviews=reviews) if open_ else None
    if request.method == "POST" and not ObjectionThrottle().allow_request(request, None):
        return render(
            request,
            "listing/public_notice.html",
            {"notice": notice, "reviews": reviews, "form": form, "open": open_, "throttled": True},
            status=429,
        )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            objection = services.submit_objection(notice=notice, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return render(
                request, "listing/objection_receipt.html", {"notice": notice, "code": objection.receipt_code}
            )
    return render(
        request,
        "listing/public_notice.html",
        {"notice": notice, "reviews": reviews, "form": form, "open": open_},
    )


def objection_follow(request: HttpRequest) -> HttpResponse:
    form = FollowForm(request.GET or None)
    receipt = None
    searched = False
    if form.is_valid():
        searched = True
        receipt = objection_by_receipt(form.cleaned_data["code"])
    return render(
        request, "listing/objection_follow.html", {"form": form, "receipt": receipt, "searched": searched}
    )


def public_list(request: HttpRequest) -> HttpResponse:
    listings = current_list().restrict(request.user, VIEW)
    return render(request, "listing/public_list.html", {"listings": listings})
