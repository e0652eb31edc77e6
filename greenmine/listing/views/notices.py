"""Public notices (公示) on the bureau's side: list, publish, the notice with its objections (names and
contacts shown to the bureau only), answers, and the notice document."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from greenmine.core.choices import OrganisationKind
from greenmine.core.divisions import scope_prefix
from greenmine.core.permissions import CHANGE, NOTHING, VIEW, access_object, can, has_role_in, memberships_of
from greenmine.core.viewutils import paginate
from greenmine.listing import services
from greenmine.listing.documents import notice_document
from greenmine.listing.forms import AnswerObjectionForm, NoticeForm
from greenmine.listing.models import Objection, PublicNotice
from greenmine.listing.selectors import notice_candidates
from greenmine.listing.views.common import document_response, form_page, go, require_bureau_writer


def _own_division(user: Any) -> Q:
    q = NOTHING
    for membership in memberships_of(user):
        if membership.organisation.kind in (OrganisationKind.BUREAU, OrganisationKind.DEPARTMENT):
            q |= Q(division__code__startswith=scope_prefix(membership.organisation.division_id))
    return q


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    """The notices of the user's division (the public page lists every published one)."""
    notices = PublicNotice.objects.filter(_own_division(request.user)).prefetch_related("reviews__mine")
    return render(
        request,
        "listing/notice_list.html",
        {
            "page": paginate(request, notices),
            "can_publish": has_role_in(request.user, [OrganisationKind.BUREAU], CHANGE),
        },
    )


@login_required
def notice_create(request: HttpRequest) -> HttpResponse:
    require_bureau_writer(request)
    form = NoticeForm(request.POST or None, candidates=notice_candidates(request.user))
    return form_page(
        request,
        form,
        lambda d: services.publish_notice(actor=request.user, **d),
        _("Notice published."),
        go("listing:notice_detail"),
        "listing/form.html",
        {"title": _("Publish a notice"), "submit_id": "publish-notice"},
    )


@login_required
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = access_object(PublicNotice.objects.all(), request.user, VIEW, pk=pk)
    objections = (
        Objection.objects.restrict(request.user, VIEW).filter(notice=notice).select_related("review__mine")
    )
    return render(
        request,
        "listing/notice_detail.html",
        {"notice": notice, "reviews": notice.reviews.select_related("mine"), "objections": objections},
    )


@login_required
def objection_answer(request: HttpRequest, pk: int) -> HttpResponse:
    objection = access_object(
        Objection.objects.select_related("notice", "review__mine"), request.user, CHANGE, pk=pk
    )
    form = AnswerObjectionForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda d: (
            services.answer_objection(actor=request.user, objection=objection, answer=d["answer"]).notice
        ),
        _("Answer recorded."),
        go("listing:notice_detail"),
        "listing/objection_answer.html",
        {"objection": objection, "can_answer": can(request.user, CHANGE, objection) and not objection.answer},
    )


def notice_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The notice as DOCX or PDF: published, so anyone may download it."""
    notice = access_object(PublicNotice.objects.all(), request.user, VIEW, pk=pk)
    return document_response(notice_document(notice), fmt, f"notice-{notice.pk}")
