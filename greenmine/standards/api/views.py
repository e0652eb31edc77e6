"""Standards API: standards and versions (with the document), diff, score, import, new version, publish."""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from greenmine.core.api.viewsets import ReadOnlyRestrictedViewSet
from greenmine.core.permissions import MANAGE, VIEW, access_object
from greenmine.standards import selectors, services
from greenmine.standards.api.serializers import (
    DiffResultSerializer,
    DocumentSerializer,
    ImportSerializer,
    NewVersionSerializer,
    ScoreRequestSerializer,
    ScoreResultSerializer,
    StandardSerializer,
    StandardVersionDetailSerializer,
    StandardVersionSerializer,
)
from greenmine.standards.diff import diff
from greenmine.standards.forms import parse_yaml_text
from greenmine.standards.models import Standard, StandardVersion
from greenmine.standards.versions import number


def _plain(value: Any) -> Any:
    """Decimals as JSON numbers, tuples as lists: the diff's values ready for JSON."""
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class StandardViewSet(ReadOnlyRestrictedViewSet):
    """Standards with the versions the caller may read. Published versions are public."""

    queryset = Standard.objects.all()
    serializer_class = StandardSerializer
    public = True
    filterset_fields = ["kind"]
    search_fields = ["code", "title", "title_en"]
    ordering_fields = ["code"]


class StandardVersionViewSet(ReadOnlyRestrictedViewSet):
    """Versions of standards; retrieve returns the whole document. Writes call the services."""

    queryset = StandardVersion.objects.select_related("standard")
    public = True
    filterset_fields = ["status", "standard", "standard__code", "version"]
    ordering_fields = ["created_at", "version"]
    action_permissions = {
        "diff": VIEW,
        "score": VIEW,
        "new_version": MANAGE,
        "publish": MANAGE,
        "import_document": MANAGE,
        "document": MANAGE,
    }

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return StandardVersionSerializer if self.action == "list" else StandardVersionDetailSerializer

    def _detail(self, version: StandardVersion, code: int = status.HTTP_200_OK) -> Response:
        return Response(
            StandardVersionDetailSerializer(version, context={"request": self.request}).data, status=code
        )

    @extend_schema(
        parameters=[OpenApiParameter("against", int, required=False)],
        responses={200: DiffResultSerializer},
        summary="Added, removed and changed items and points from `against` to this version",
    )
    @action(detail=True, methods=["get"], url_path="diff", url_name="diff")
    def diff(self, request: Request, pk: str) -> Response:
        version = self.get_object()
        against_pk = request.query_params.get("against", "")
        if against_pk:
            against = access_object(self.base_queryset(), request.user, VIEW, pk=against_pk)
        else:
            # Without ?against=: the readable version made just before this one (or itself: no changes).
            against = (
                self.get_queryset()
                .filter(standard_id=version.standard_id, created_at__lte=version.created_at)
                .exclude(pk=version.pk)
                .order_by("-created_at", "-pk")
                .first()
            ) or version
        if against.standard_id != version.standard_id:
            raise serializers.ValidationError({"against": "Compare two versions of the same standard."})
        result = diff(selectors.version_document(against), selectors.version_document(version))
        return Response(
            {
                "old_version": result.old_version,
                "new_version": result.new_version,
                "scoring_changed": result.scoring_changed,
                "added": [_plain(asdict(a)) for a in result.added],
                "removed": [_plain(asdict(r)) for r in result.removed],
                "changed": [_plain(asdict(c)) for c in result.changed],
                "meta": [_plain(asdict(m)) for m in result.meta],
            }
        )

    @extend_schema(
        request=ScoreRequestSerializer,
        responses={200: ScoreResultSerializer},
        summary="Score RESPONSES (the README's format) against this published version",
    )
    @action(detail=True, methods=["post"], url_path="score", url_name="score")
    def score(self, request: Request, pk: str) -> Response:
        version = self.get_object()
        return Response(selectors.score_version(version, request.data).to_json_dict())

    @extend_schema(
        request=ImportSerializer,
        responses={201: StandardVersionDetailSerializer},
        summary="Import a standard document (JSON `document` or `yaml` text); bureau admins",
    )
    @action(detail=False, methods=["post"], url_path="import", url_name="import")
    def import_document(self, request: Request) -> Response:
        payload = ImportSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        if "yaml" in data:
            try:
                document = parse_yaml_text(data["yaml"])
            except ValidationError as exc:
                raise serializers.ValidationError({"yaml": exc.messages}) from None
        elif "document" in data:
            document = data["document"]
        else:
            raise serializers.ValidationError({"document": "Give `document` or `yaml`."})
        version = services.load_standard_document(actor=request.user, data=document, publish=data["publish"])
        return self._detail(version, status.HTTP_201_CREATED)

    @extend_schema(
        request=DocumentSerializer,
        responses={200: StandardVersionDetailSerializer},
        summary="Replace a draft's document",
    )
    @action(detail=True, methods=["put"], url_path="document", url_name="document")
    def document(self, request: Request, pk: str) -> Response:
        version = self.get_object()
        payload = DocumentSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        version = services.update_draft(
            actor=request.user, version=version, document=payload.validated_data["document"]
        )
        return self._detail(version)

    @extend_schema(
        request=NewVersionSerializer,
        responses={201: StandardVersionDetailSerializer},
        summary="Start a new version as a draft copy of this one",
    )
    @action(detail=True, methods=["post"], url_path="new-version", url_name="new-version")
    def new_version(self, request: Request, pk: str) -> Response:
        version = self.get_object()
        payload = NewVersionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        draft = services.create_draft_version(
            actor=request.user, version=version, new_version=payload.validated_data["new_version"]
        )
        return self._detail(draft, status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={200: StandardVersionDetailSerializer},
        summary="Publish a draft (strict validation)",
    )
    @action(detail=True, methods=["post"], url_path="publish", url_name="publish")
    def publish(self, request: Request, pk: str) -> Response:
        version = services.publish_version(actor=request.user, version=self.get_object())
        return self._detail(version)
