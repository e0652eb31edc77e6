"""API of plans, self-assessments, their items and evidence. Every write calls a service."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from greenmine.assessments import services
from greenmine.assessments.api import serializers as s
from greenmine.assessments.models import REVIEW, SUBMIT, ConstructionPlan, SelfAssessment
from greenmine.assessments.selectors import live_result
from greenmine.assessments.views.reports import report_response
from greenmine.core.api.viewsets import RestrictedViewSet
from greenmine.core.evidence_services import store_evidence
from greenmine.core.evidence_views import evidence_response
from greenmine.core.models import EvidenceFile
from greenmine.core.permissions import VIEW


def _visible_mine(request: Request, mine: Any) -> Any:
    """A mine the caller can see, or 404 (do not disclose the existence of others' mines)."""
    from greenmine.registry.models import Mine

    if not Mine.objects.restrict(request.user, VIEW).filter(pk=mine.pk).exists():
        raise NotFound
    return mine


class PlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RestrictedViewSet):
    """Construction plans: create and change drafts, submit, file or return (bureau), revise."""

    queryset = ConstructionPlan.objects.select_related("mine").prefetch_related("tasks", "milestones")
    serializer_class = s.PlanSerializer
    action_permissions = {"submit": SUBMIT, "file": REVIEW, "return_plan": REVIEW, "revise": VIEW}

    def _out(self, plan: ConstructionPlan, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(self.base_queryset().get(pk=plan.pk)).data, status=code)

    def create(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        mine = _visible_mine(request, data.pop("mine"))
        plan = services.create_plan(actor=request.user, mine=mine, **data)
        return self._out(plan, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        plan = self.get_object()
        serializer = self.get_serializer(plan, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("mine", None)
        return self._out(services.update_plan(actor=request.user, plan=plan, **data))

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self._out(services.submit_plan(actor=request.user, plan=self.get_object()))

    @extend_schema(request=s.CommentSerializer)
    @action(detail=True, methods=["post"])
    def file(self, request: Request, pk: str | None = None) -> Response:
        body = s.CommentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._out(
            services.file_plan(
                actor=request.user, plan=self.get_object(), comments=body.validated_data["comments"]
            )
        )

    @extend_schema(request=s.CommentSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_plan(self, request: Request, pk: str | None = None) -> Response:
        body = s.CommentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._out(
            services.return_plan(
                actor=request.user, plan=self.get_object(), comments=body.validated_data["comments"]
            )
        )

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def revise(self, request: Request, pk: str | None = None) -> Response:
        return self._out(
            services.revise_plan(actor=request.user, plan=self.get_object()), status.HTTP_201_CREATED
        )


class AssessmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RestrictedViewSet):
    """Self-assessments: start, items (read and save, with the optimistic-concurrency counter), evidence
    upload, live score, submit, return (bureau), revise, and the report download."""

    queryset = SelfAssessment.objects.select_related("mine__enterprise", "standard_version__standard")
    serializer_class = s.AssessmentSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    action_permissions = {
        "submit": SUBMIT,
        "return_assessment": REVIEW,
        "revise": VIEW,
        "items": VIEW,
        "evidence": VIEW,
        "score": VIEW,
        "report": VIEW,
    }

    def get_serializer_class(self) -> type:
        return s.AssessmentDetailSerializer if self.action == "retrieve" else s.AssessmentSerializer

    def _out(self, assessment: SelfAssessment, code: int = status.HTTP_200_OK) -> Response:
        return Response(
            s.AssessmentDetailSerializer(self.base_queryset().get(pk=assessment.pk)).data, status=code
        )

    def create(self, request: Request) -> Response:
        serializer = s.AssessmentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        mine = _visible_mine(request, serializer.validated_data["mine"])
        return self._out(
            services.start_self_assessment(actor=request.user, mine=mine), status.HTTP_201_CREATED
        )

    @extend_schema(request=s.SaveItemSerializer, responses=s.ItemSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def items(self, request: Request, pk: str | None = None) -> Response:
        assessment = self.get_object()
        if request.method == "POST":
            body = s.SaveItemSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            try:
                item, counter = services.save_item(
                    actor=request.user, assessment=assessment, **body.validated_data
                )
            except services.ConcurrentEditError as exc:
                return Response({"detail": exc.messages[0], "code": "stale"}, status=status.HTTP_409_CONFLICT)
            return Response({**s.ItemSerializer(item).data, "lock_version": counter})
        return Response(s.ItemSerializer(assessment.items.prefetch_related("evidence"), many=True).data)

    @extend_schema(request=s.UploadSerializer, responses=s.EvidenceSerializer)
    @action(detail=True, methods=["post"])
    def evidence(self, request: Request, pk: str | None = None) -> Response:
        assessment = self.get_object()
        body = s.UploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        record = store_evidence(
            actor=request.user,
            organisation=assessment.mine.enterprise,
            uploaded_file=body.validated_data["file"],
        )
        services.attach_evidence(
            actor=request.user,
            assessment=assessment,
            indicator_id=body.validated_data["indicator_id"],
            evidence=record,
        )
        return Response(s.EvidenceSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None)
    @action(detail=True, methods=["get"])
    def score(self, request: Request, pk: str | None = None) -> Response:
        assessment = self.get_object()
        result = live_result(assessment)
        return Response({**result.to_json_dict(), "missing": list(result.missing)})

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        try:
            return self._out(
                services.submit_self_assessment(actor=request.user, assessment=self.get_object())
            )
        except services.IncompleteError as exc:
            return Response(
                {"detail": exc.messages[0], "missing": [m.id for m in exc.missing]},
                status=status.HTTP_400_BAD_REQUEST,
            )

    @extend_schema(request=s.ReturnSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_assessment(self, request: Request, pk: str | None = None) -> Response:
        body = s.ReturnSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._out(
            services.return_self_assessment(
                actor=request.user, assessment=self.get_object(), **body.validated_data
            )
        )

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def revise(self, request: Request, pk: str | None = None) -> Response:
        return self._out(
            services.revise_self_assessment(actor=request.user, assessment=self.get_object()),
            status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"])
    def report(self, request: Request, pk: str | None = None) -> HttpResponse:
        # `?kind=`, not `?format=`: DRF reads `format` to pick a renderer.
        return report_response(self.get_object(), request.query_params.get("kind", "pdf"))


class EvidenceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RestrictedViewSet):
    """Evidence files the caller may see, and their download (permission-checked, never a public path)."""

    queryset = EvidenceFile.objects.all()
    serializer_class = s.EvidenceSerializer

    @extend_schema(request=None, responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str | None = None) -> FileResponse:
        return evidence_response(self.get_object())
