"""API of the admission app: layers, rules and cases read through the permission primitive; checks are
listed, read and created (POST runs the check through the service and answers the stored record)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from greenmine.admission import services
from greenmine.admission.api.serializers import (
    AdmissionCheckSerializer,
    AdmissionRuleSerializer,
    CheckInputSerializer,
    ReferenceLayerSerializer,
    WithdrawalCaseSerializer,
)
from greenmine.admission.models import AdmissionCheck, AdmissionRule, ReferenceLayer, WithdrawalCase
from greenmine.core.api.viewsets import ReadOnlyRestrictedViewSet, RestrictedViewSet
from greenmine.core.choices import OrganisationKind
from greenmine.core.permissions import ADD, has_role_in


class ReferenceLayerViewSet(ReadOnlyRestrictedViewSet):
    queryset = ReferenceLayer.objects.prefetch_related("versions")
    serializer_class = ReferenceLayerSerializer
    filterset_fields = ["kind"]


class AdmissionRuleViewSet(ReadOnlyRestrictedViewSet):
    queryset = AdmissionRule.objects.all()
    serializer_class = AdmissionRuleSerializer


class WithdrawalCaseViewSet(ReadOnlyRestrictedViewSet):
    queryset = WithdrawalCase.objects.all()
    serializer_class = WithdrawalCaseSerializer
    filterset_fields = ["status"]


class AdmissionCheckViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, RestrictedViewSet
):
    queryset = AdmissionCheck.objects.prefetch_related("layer_versions")
    serializer_class = AdmissionCheckSerializer
    filterset_fields = ["verdict", "right_kind"]

    @extend_schema(request=CheckInputSerializer, responses=AdmissionCheckSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Refuse non-writers before validating what they sent.
        if not has_role_in(request.user, [OrganisationKind.BUREAU], ADD):
            raise PermissionDenied
        data = CheckInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            check = services.run_check(
                actor=request.user, boundary=data.validated_data.pop("boundary_text"), **data.validated_data
            )
        except services.BoundaryInvalid as exc:
            return Response(
                {"boundary_text": exc.messages, "check": exc.result.to_json_dict()},
                status=status.HTTP_400_BAD_REQUEST,
            )
        except ValidationError as exc:
            return Response({"detail": exc.messages}, status=status.HTTP_400_BAD_REQUEST)
        return Response(AdmissionCheckSerializer(check).data, status=status.HTTP_201_CREATED)
