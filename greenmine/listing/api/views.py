"""API of the green-mine list. Every write calls a service; reads go through the permission primitive.
The objection intake and the receipt lookup are public (no sign-in) and never return name or contact."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from greenmine.core.api.viewsets import RestrictedViewSet
from greenmine.core.models import Organisation
from greenmine.core.permissions import CHANGE, VIEW, access_object
from greenmine.listing import services
from greenmine.listing.api import serializers as s
from greenmine.listing.documents import listing_document, notice_document
from greenmine.listing.models import (
    ANSWER,
    DECIDE,
    Listing,
    Objection,
    OpinionRequest,
    PublicNotice,
    Recommendation,
    Review,
)
from greenmine.listing.selectors import objection_by_receipt
from greenmine.listing.throttles import ObjectionThrottle
from greenmine.listing.views.common import document_response


class _Base(mixins.ListModelMixin, mixins.RetrieveModelMixin, RestrictedViewSet):
    def _out(self, obj: Any, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(self.base_queryset().get(pk=obj.pk)).data, status=code)


def _body(serializer_class: type, request: Request) -> dict[str, Any]:
    body = serializer_class(data=request.data)
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


class ReviewViewSet(_Base):
    """Reviews (初审): open on a completed third-party assessment, ask departments, decide, recommend."""

    queryset = Review.objects.select_related("mine")
    serializer_class = s.ListingReviewSerializer
    action_permissions = {"opinions": CHANGE, "decide": DECIDE, "recommend": CHANGE}
    filterset_fields = ["status", "mine"]

    @extend_schema(request=s.ListingOpenReviewSerializer)
    def create(self, request: Request) -> Response:
        from greenmine.thirdparty.models import ThirdPartyAssessment

        data = _body(s.ListingOpenReviewSerializer, request)
        assessment = access_object(
            ThirdPartyAssessment.objects.all(), request.user, VIEW, pk=data["assessment"]
        )
        return self._out(
            services.open_review(actor=request.user, assessment=assessment), status.HTTP_201_CREATED
        )

    @extend_schema(request=s.ListingRequestOpinionSerializer, responses=s.ListingOpinionSerializer)
    @action(detail=True, methods=["post"])
    def opinions(self, request: Request, pk: str | None = None) -> Response:
        review = self.get_object()
        data = _body(s.ListingRequestOpinionSerializer, request)
        department = (
            Organisation.objects.restrict(request.user, VIEW).filter(pk=data.pop("department")).first()
        )
        opinion = services.request_opinion(actor=request.user, review=review, department=department, **data)
        return Response(s.ListingOpinionSerializer(opinion).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ListingDecideReviewSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        review = self.get_object()
        return self._out(
            services.decide_review(
                actor=request.user, review=review, **_body(s.ListingDecideReviewSerializer, request)
            )
        )

    @extend_schema(request=s.ListingRecommendSerializer, responses=s.ListingRecommendationSerializer)
    @action(detail=True, methods=["post"])
    def recommend(self, request: Request, pk: str | None = None) -> Response:
        review = self.get_object()
        recommendation = services.recommend_upward(
            actor=request.user, review=review, **_body(s.ListingRecommendSerializer, request)
        )
        return Response(
            s.ListingRecommendationSerializer(recommendation).data, status=status.HTTP_201_CREATED
        )


class OpinionViewSet(_Base):
    """Opinion requests: a department sees those addressed to it and answers them."""

    queryset = OpinionRequest.objects.select_related("department")
    serializer_class = s.ListingOpinionSerializer
    action_permissions = {"answer": ANSWER}

    @extend_schema(request=s.ListingAnswerOpinionSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str | None = None) -> Response:
        opinion = self.get_object()
        data = _body(s.ListingAnswerOpinionSerializer, request)
        return self._out(services.answer_opinion(actor=request.user, request=opinion, **data))


class NoticeViewSet(_Base):
    """Public notices: anyone reads them; the bureau publishes. The document is the notice in DOCX/PDF."""

    queryset = PublicNotice.objects.all()
    serializer_class = s.ListingNoticeSerializer
    public = True
    filterset_fields = ["status"]

    @extend_schema(request=s.ListingPublishNoticeSerializer)
    def create(self, request: Request) -> Response:
        data = _body(s.ListingPublishNoticeSerializer, request)
        reviews = list(Review.objects.restrict(request.user, CHANGE).filter(pk__in=data.pop("reviews")))
        return self._out(
            services.publish_notice(actor=request.user, reviews=reviews, **data), status.HTTP_201_CREATED
        )

    @extend_schema(request=None, responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"])
    def document(self, request: Request, pk: str | None = None) -> HttpResponse:
        notice = self.get_object()
        return document_response(
            notice_document(notice), request.query_params.get("kind", "pdf"), f"notice-{notice.pk}"
        )


class ObjectionViewSet(_Base):
    """Objections on record, for the bureau of the notice's division only; the bureau answers each."""

    queryset = Objection.objects.all()
    serializer_class = s.ListingObjectionSerializer
    action_permissions = {"answer": CHANGE}
    filterset_fields = ["status", "notice"]

    @extend_schema(request=s.ListingAnswerObjectionSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str | None = None) -> Response:
        objection = self.get_object()
        data = _body(s.ListingAnswerObjectionSerializer, request)
        return self._out(
            services.answer_objection(actor=request.user, objection=objection, answer=data["answer"])
        )


class RecommendationViewSet(_Base):
    """Recommendations upward and the higher level's decision."""

    queryset = Recommendation.objects.all()
    serializer_class = s.ListingRecommendationSerializer
    action_permissions = {"decide": CHANGE}
    filterset_fields = ["status", "level", "mine"]

    @extend_schema(request=s.ListingHigherDecisionSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        recommendation = self.get_object()
        data = _body(s.ListingHigherDecisionSerializer, request)
        return self._out(services.record_decision(actor=request.user, recommendation=recommendation, **data))


class ListingViewSet(_Base):
    """The list: anyone reads it; the bureau removes a mine with reasons and 文号; the 公告 document."""

    queryset = Listing.objects.select_related("mine")
    serializer_class = s.ListingRecordSerializer
    public = True
    action_permissions = {"remove": CHANGE}
    filterset_fields = ["status", "level", "mine"]

    @extend_schema(request=s.ListingExistingListingSerializer)
    def create(self, request: Request) -> Response:
        """Record a listing decided before this system (the baseline)."""
        from greenmine.registry.models import Mine

        data = _body(s.ListingExistingListingSerializer, request)
        mine = access_object(Mine.objects.all(), request.user, VIEW, pk=data.pop("mine"))
        listing = services.record_existing_listing(actor=request.user, mine=mine, **data)
        return self._out(listing, status.HTTP_201_CREATED)

    @extend_schema(request=s.ListingRemoveListingSerializer)
    @action(detail=True, methods=["post"])
    def remove(self, request: Request, pk: str | None = None) -> Response:
        listing = self.get_object()
        return self._out(
            services.remove_listing(
                actor=request.user, listing=listing, **_body(s.ListingRemoveListingSerializer, request)
            )
        )

    @extend_schema(request=None, responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"])
    def document(self, request: Request, pk: str | None = None) -> HttpResponse:
        listing = self.get_object()
        return document_response(
            listing_document(listing), request.query_params.get("kind", "pdf"), f"listing-{listing.pk}"
        )


class PublicObjectionView(APIView):
    """Anyone objects to a mine on a running notice (name and contact required, never published); the
    answer is the receipt code, nothing else."""

    permission_classes = [AllowAny]
    throttle_classes = [ObjectionThrottle]

    @extend_schema(request=s.ListingPublicObjectionSerializer, responses={201: {"type": "object"}})
    def post(self, request: Request) -> Response:
        data = _body(s.ListingPublicObjectionSerializer, request)
        notice = PublicNotice.objects.restrict(request.user, VIEW).filter(pk=data.pop("notice")).first()
        if notice is None:
            raise NotFound
        review = Review.objects.filter(pk=data.pop("review"), notice=notice).first()
        objection = services.submit_objection(notice=notice, review=review, actor=request.user, **data)
        return Response({"receipt_code": objection.receipt_code}, status=status.HTTP_201_CREATED)


class PublicReceiptView(APIView):
    """The status and the bureau's answer of an objection, by its receipt code."""

    permission_classes = [AllowAny]

    @extend_schema(responses=s.ListingReceiptSerializer)
    def get(self, request: Request, code: str) -> Response:
        receipt = objection_by_receipt(code)
        if receipt is None:
            raise NotFound
        return Response(s.ListingReceiptSerializer(receipt).data)
