"""The list on the bureau's side: recommendations and the higher level's decision, listings, removal,
the listing announcement (公告), and a mine's history in the programme."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from greenmine.core.choices import OrganisationKind
from greenmine.core.permissions import CHANGE, VIEW, access_object, can, has_role_in
from greenmine.core.viewutils import paginate
from greenmine.listing import services
from greenmine.listing.choices import ListingStatus, RecommendationStatus
from greenmine.listing.documents import listing_document
from greenmine.listing.forms import ExistingListingForm, HigherDecisionForm, RemoveForm
from greenmine.listing.models import Listing, Recommendation
from greenmine.listing.selectors import mine_history as history_of
from greenmine.listing.views.common import document_response, form_page, go, require_bureau_writer


@login_required
def recommendation_list(request: HttpRequest) -> HttpResponse:
    recommendations = Recommendation.objects.restrict(request.user, VIEW).select_related("mine")
    return render(request, "listing/recommendation_list.html", {"page": paginate(request, recommendations)})


@login_required
def recommendation_decide(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = access_object(
        Recommendation.objects.select_related("mine", "review"), request.user, CHANGE, pk=pk
    )
    form = HigherDecisionForm(request.POST or None, initial={"level": recommendation.level})
    return form_page(
        request,
        form,
        lambda d: services.record_decision(actor=request.user, recommendation=recommendation, **d),
        _("The higher level's decision is on record."),
        lambda r: redirect("listing:mine_history", pk=r.mine_id),
        "listing/recommendation_decide.html",
        {
            "recommendation": recommendation,
            "pending": recommendation.status == RecommendationStatus.PENDING,
        },
    )


@login_required
def listing_list(request: HttpRequest) -> HttpResponse:
    listings = Listing.objects.restrict(request.user, VIEW).select_related("mine__enterprise")
    status = request.GET.get("status", "")
    if status in ListingStatus.values:
        listings = listings.filter(status=status)
    return render(
        request,
        "listing/listing_list.html",
        {
            "page": paginate(request, listings),
            "status": status,
            "statuses": ListingStatus.choices,
            "can_record": has_role_in(request.user, [OrganisationKind.BUREAU], CHANGE),
        },
    )


@login_required
def listing_record_existing(request: HttpRequest) -> HttpResponse:
    """The bureau enters a listing decided before this system (the baseline), e.g. a mine the registry
    already shows as listed."""
    from greenmine.registry.models import Mine

    require_bureau_writer(request)
    mines = Mine.objects.restrict(request.user, CHANGE).order_by("name")
    form = ExistingListingForm(request.POST or None, mines=mines, initial={"mine": request.GET.get("mine")})
    return form_page(
        request,
        form,
        lambda d: services.record_existing_listing(actor=request.user, **d),
        _("The listing is on record."),
        go("listing:listing_detail"),
        "listing/form.html",
        {"title": _("Record an existing listing"), "submit_id": "record-existing"},
    )


@login_required
def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    listing = access_object(
        Listing.objects.select_related("mine__enterprise", "recommendation", "removal_order"),
        request.user,
        VIEW,
        pk=pk,
    )
    return render(
        request,
        "listing/listing_detail.html",
        {
            "listing": listing,
            "can_remove": listing.active
            and can(request.user, CHANGE, listing)
            and has_role_in(request.user, [OrganisationKind.BUREAU], CHANGE),
        },
    )


@login_required
def listing_remove(request: HttpRequest, pk: int) -> HttpResponse:
    listing = access_object(Listing.objects.select_related("mine"), request.user, CHANGE, pk=pk)
    form = RemoveForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda d: services.remove_listing(actor=request.user, listing=listing, **d),
        _("The mine has been removed from the list."),
        go("listing:listing_detail"),
        "listing/form.html",
        {"title": _("Remove from the list"), "object": listing, "submit_id": "remove"},
    )


def listing_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The listing announcement (公告) as DOCX or PDF: the list is published, anyone may download it."""
    listing = access_object(Listing.objects.select_related("mine"), request.user, VIEW, pk=pk)
    return document_response(listing_document(listing), fmt, f"listing-{listing.pk}")


@login_required
def mine_history(request: HttpRequest, pk: int) -> HttpResponse:
    from greenmine.registry.models import Mine

    mine = access_object(Mine.objects.select_related("enterprise"), request.user, VIEW, pk=pk)
    return render(
        request,
        "listing/mine_history.html",
        {
            "mine": mine,
            "entries": history_of(request.user, mine),
            "listings": Listing.objects.restrict(request.user, VIEW).filter(mine=mine),
        },
    )
