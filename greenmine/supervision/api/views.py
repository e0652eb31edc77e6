"""API of supervision. Every write calls a service (and so is in the audit log)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from greenmine.core.api.viewsets import RestrictedViewSet
from greenmine.core.models import EvidenceFile
from greenmine.core.permissions import VIEW
from greenmine.registry.models import Mine
from greenmine.supervision import services
from greenmine.supervision.api import serializers as s
from greenmine.supervision.models import (
    RECORD,
    REPLY,
    REVIEW,
    SUBMIT,
    AnnualSelfCheck,
    Inspector,
    RectificationOrder,
    SpotCheck,
    SpotCheckDraw,
)
from greenmine.supervision.views.common import acting_organisation, store_files

PARSERS = [JSONParser, MultiPartParser, FormParser]


def _visible(request: Request, model: Any, obj: Any) -> Any:
    """A related record the caller can see, or 404 (do not disclose the existence of others' records)."""
    if not model.objects.restrict(request.user, VIEW).filter(pk=obj.pk).exists():
        raise NotFound
    return obj


def _evidence(request: Request, records: list[EvidenceFile]) -> list[EvidenceFile]:
    return [_visible(request, EvidenceFile, r) for r in records]


class ReadMixin(mixins.ListModelMixin, mixins.RetrieveModelMixin):
    pass


class InspectorViewSet(ReadMixin, RestrictedViewSet):
    """The inspector pool: the bureau adds and changes inspectors."""

    queryset = Inspector.objects.select_related("user", "organisation")
    serializer_class = s.SupervisionInspectorSerializer

    def create(self, request: Request) -> Response:
        body = s.SupervisionInspectorSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        data.pop("active", None)
        inspector = services.add_inspector(actor=request.user, **data)
        return Response(s.SupervisionInspectorSerializer(inspector).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.SupervisionInspectorUpdateSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        inspector = self.get_object()
        body = s.SupervisionInspectorUpdateSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        inspector = services.update_inspector(actor=request.user, inspector=inspector, **body.validated_data)
        return Response(s.SupervisionInspectorSerializer(inspector).data)


class DrawViewSet(ReadMixin, RestrictedViewSet):
    """Draws: create (the seed is fixed now), draw (once), publish. Published draws are public."""

    queryset = SpotCheckDraw.objects.all()
    serializer_class = s.SpotCheckDrawSerializer
    public = True
    action_permissions = {"draw": "change", "publish": "change"}

    def create(self, request: Request) -> Response:
        body = s.SpotCheckDrawSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        draw = services.create_draw(actor=request.user, **body.validated_data)
        return Response(s.SpotCheckDrawSerializer(draw).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def draw(self, request: Request, pk: str | None = None) -> Response:
        return Response(
            s.SpotCheckDrawSerializer(services.run_draw(actor=request.user, draw=self.get_object())).data
        )

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        return Response(
            s.SpotCheckDrawSerializer(services.publish_draw(actor=request.user, draw=self.get_object())).data
        )


class SpotCheckViewSet(ReadMixin, RestrictedViewSet):
    """Spot checks: the bureau orders one outside a draw; an assigned inspector (or the bureau) uploads
    evidence and records the result, once."""

    queryset = SpotCheck.objects.select_related("mine").prefetch_related("inspectors", "evidence")
    serializer_class = s.SpotCheckSerializer
    parser_classes = PARSERS
    action_permissions = {"record": RECORD, "evidence": RECORD}

    def create(self, request: Request) -> Response:
        body = s.SpotCheckSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        mine = _visible(request, Mine, body.validated_data["mine"])
        inspectors = [_visible(request, Inspector, i) for i in body.validated_data["inspectors"]]
        check = services.create_spot_check(actor=request.user, mine=mine, inspectors=inspectors)
        return Response(s.SpotCheckSerializer(check).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.SpotCheckRecordSerializer)
    @action(detail=True, methods=["post"])
    def record(self, request: Request, pk: str | None = None) -> Response:
        check = self.get_object()
        body = s.SpotCheckRecordSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        data["evidence"] = _evidence(request, data["evidence"])
        check = services.record_spot_check(actor=request.user, check=check, **data)
        return Response(s.SpotCheckSerializer(self.base_queryset().get(pk=check.pk)).data)

    @extend_schema(request=s.CheckEvidenceUploadSerializer, responses={201: None})
    @action(detail=True, methods=["post"])
    def evidence(self, request: Request, pk: str | None = None) -> Response:
        """Upload one evidence file for the check (its id is then given to `record`)."""
        self.get_object()
        body = s.CheckEvidenceUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        (record,) = store_files(
            request.user, acting_organisation(request.user), [body.validated_data["file"]]
        )
        return Response({"id": record.pk, "sha256": record.sha256}, status=status.HTTP_201_CREATED)


class RectificationOrderViewSet(ReadMixin, RestrictedViewSet):
    """Rectification orders: issue (bureau), reply with evidence (enterprise), verify (bureau)."""

    queryset = RectificationOrder.objects.select_related("mine").prefetch_related("replies__evidence")
    serializer_class = s.RectificationOrderSerializer
    parser_classes = PARSERS
    action_permissions = {"reply": REPLY, "verify": REVIEW}

    def create(self, request: Request) -> Response:
        body = s.RectificationOrderSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        mine = _visible(request, Mine, body.validated_data["mine"])
        order = services.issue_rectification(
            actor=request.user,
            mine=mine,
            requirement=body.validated_data["requirement"],
            deadline=body.validated_data.get("deadline"),
        )
        return Response(s.RectificationOrderSerializer(order).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.SupervisionTextWithEvidenceSerializer, responses=s.RectificationOrderSerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request: Request, pk: str | None = None) -> Response:
        order = self.get_object()
        body = s.SupervisionTextWithEvidenceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with transaction.atomic():
            evidence = _evidence(request, body.validated_data["evidence"])
            evidence += store_files(request.user, order.mine.enterprise, body.validated_data["files"])
            services.reply_rectification(
                actor=request.user, order=order, text=body.validated_data["text"], evidence=evidence
            )
        return Response(s.RectificationOrderSerializer(self.base_queryset().get(pk=order.pk)).data)

    @extend_schema(request=s.SupervisionDecisionSerializer, responses=s.RectificationOrderSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: str | None = None) -> Response:
        order = self.get_object()
        body = s.SupervisionDecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.verify_rectification(actor=request.user, order=order, **body.validated_data)
        return Response(s.RectificationOrderSerializer(self.base_queryset().get(pk=order.pk)).data)


class SelfCheckViewSet(ReadMixin, RestrictedViewSet):
    """Annual self-checks (opened by the clock): submit the report (enterprise), accept or return (bureau)."""

    queryset = AnnualSelfCheck.objects.select_related("mine").prefetch_related("reports__evidence")
    serializer_class = s.SelfCheckSerializer
    parser_classes = PARSERS
    action_permissions = {"submit": SUBMIT, "review": REVIEW}

    @extend_schema(request=s.SupervisionTextWithEvidenceSerializer, responses=s.SelfCheckSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        check = self.get_object()
        body = s.SupervisionTextWithEvidenceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with transaction.atomic():
            evidence = _evidence(request, body.validated_data["evidence"])
            evidence += store_files(request.user, check.mine.enterprise, body.validated_data["files"])
            services.submit_self_check(
                actor=request.user, check=check, text=body.validated_data["text"], evidence=evidence
            )
        return Response(s.SelfCheckSerializer(self.base_queryset().get(pk=check.pk)).data)

    @extend_schema(request=s.SupervisionDecisionSerializer, responses=s.SelfCheckSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        check = self.get_object()
        body = s.SupervisionDecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.review_self_check(actor=request.user, check=check, **body.validated_data)
        return Response(s.SelfCheckSerializer(self.base_queryset().get(pk=check.pk)).data)
