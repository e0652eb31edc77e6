"""API of the registry: list/retrieve/create/update through the permission primitive and the services,
and the coordinate check answering the CLI's JSON."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from greenmine.core.api.viewsets import RestrictedViewSet
from greenmine.core.choices import OrganisationKind
from greenmine.core.permissions import ADD, has_role_in
from greenmine.registry import services
from greenmine.registry.api.serializers import (
    CoordsCheckSerializer,
    EnterpriseProfileSerializer,
    ExplorationProjectSerializer,
    ExplorationRightSerializer,
    MineSerializer,
    MiningRightSerializer,
)
from greenmine.registry.models import (
    EnterpriseProfile,
    ExplorationProject,
    ExplorationRight,
    Mine,
    MiningRight,
)
from greenmine.registry.overlap import visible_overlaps
from greenmine.spatial import check_boundary


class _ServiceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RestrictedViewSet,
):
    """Create/update call `_create`/`_update` (the services); there is no generic save."""

    def _create(self, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def _update(self, obj: Any, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def _respond(
        self, obj: Any, extra: dict[str, Any] | None = None, code: int = status.HTTP_200_OK
    ) -> Response:
        data = dict(self.get_serializer(self.base_queryset().get(pk=obj.pk)).data)
        data.update(extra or {})
        return Response(data, status=code)

    # Registry records are created by bureau writers: refuse others before validating what they sent (a
    # 403, not field errors that would tell them which organisations exist).
    create_needs_bureau_writer = True

    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        if self.create_needs_bureau_writer and not has_role_in(request.user, [OrganisationKind.BUREAU], ADD):
            raise PermissionDenied
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        obj, extra = self._create(dict(serializer.validated_data))
        return self._respond(obj, extra, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: object, **kwargs: object) -> Response:
        obj = self.get_object()
        serializer = self.get_serializer(obj, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        obj, extra = self._update(obj, dict(serializer.validated_data))
        return self._respond(obj, extra)


class MineViewSet(_ServiceViewSet):
    """Mines the caller may see (visitors: the listed green mines); bureau writers register and edit."""

    queryset = Mine.objects.select_related("enterprise", "township", "mineral")
    serializer_class = MineSerializer
    public = True
    filterset_fields = [
        "township",
        "enterprise",
        "mineral",
        "mine_kind",
        "status",
        "green_status",
        "scale_class",
    ]
    search_fields = ["name", "enterprise__name"]
    ordering_fields = ["name", "scale_class", "status", "created_at"]

    def _create(self, data: dict[str, Any]) -> tuple[Mine, dict[str, Any]]:
        return services.create_mine(actor=self.request.user, **data), {}

    def _update(self, obj: Mine, data: dict[str, Any]) -> tuple[Mine, dict[str, Any]]:
        return services.update_mine(actor=self.request.user, mine=obj, **data), {}


def _overlap_rows(overlaps: list[services.OverlapFound], user: Any) -> list[dict[str, Any]]:
    return [
        {
            "licence_no": o.licence_no if o.visible else None,
            "id": o.right_id,
            "area_km2": round(o.area_km2, 6),
            "visible": o.visible,
        }
        for o in visible_overlaps(overlaps, user)
    ]


class MiningRightViewSet(_ServiceViewSet):
    """Mining rights with parts and GeoJSON; create/update answer the overlaps found (空间查重)."""

    queryset = MiningRight.objects.select_related("mine", "holder").prefetch_related("parts")
    serializer_class = MiningRightSerializer
    filterset_fields = ["mine", "holder", "status", "zone"]
    search_fields = ["licence_no", "mine__name", "holder__name"]
    ordering_fields = ["licence_no", "valid_until", "area_km2"]

    def _create(self, data: dict[str, Any]) -> tuple[MiningRight, dict[str, Any]]:
        right, overlaps = services.create_mining_right(actor=self.request.user, **data)
        return right, {"overlaps": _overlap_rows(overlaps, self.request.user)}

    def _update(self, obj: MiningRight, data: dict[str, Any]) -> tuple[MiningRight, dict[str, Any]]:
        right, overlaps = services.update_mining_right(actor=self.request.user, right=obj, **data)
        return right, {"overlaps": _overlap_rows(overlaps, self.request.user)}


class ExplorationRightViewSet(_ServiceViewSet):
    queryset = ExplorationRight.objects.select_related("holder", "township", "mineral")
    serializer_class = ExplorationRightSerializer
    filterset_fields = ["holder", "township", "mineral", "stage", "status"]
    search_fields = ["licence_no", "project_name", "holder__name"]
    ordering_fields = ["licence_no", "valid_until"]

    def _create(self, data: dict[str, Any]) -> tuple[ExplorationRight, dict[str, Any]]:
        return services.create_exploration_right(actor=self.request.user, **data), {}

    def _update(self, obj: ExplorationRight, data: dict[str, Any]) -> tuple[ExplorationRight, dict[str, Any]]:
        return services.update_exploration_right(actor=self.request.user, right=obj, **data), {}


class ExplorationProjectViewSet(_ServiceViewSet):
    queryset = ExplorationProject.objects.select_related("right", "exploration_unit")
    serializer_class = ExplorationProjectSerializer
    filterset_fields = ["right", "exploration_unit", "stage"]
    search_fields = ["name"]
    ordering_fields = ["starts_on", "name"]

    def _create(self, data: dict[str, Any]) -> tuple[ExplorationProject, dict[str, Any]]:
        right = data.pop("right")
        unit = data.pop("exploration_unit")
        project = services.create_exploration_project(
            actor=self.request.user, right=right, exploration_unit=unit, **data
        )
        return project, {}

    def _update(
        self, obj: ExplorationProject, data: dict[str, Any]
    ) -> tuple[ExplorationProject, dict[str, Any]]:
        data.pop("exploration_unit", None)  # the unit doing the work is fixed once registered
        return services.update_exploration_project(actor=self.request.user, project=obj, **data), {}


class EnterpriseProfileViewSet(_ServiceViewSet):
    """Registry facts of enterprises: POST creates or completes an organisation's profile."""

    queryset = EnterpriseProfile.objects.select_related("organisation").order_by("organisation__name", "pk")
    serializer_class = EnterpriseProfileSerializer
    filterset_fields = ["organisation"]
    search_fields = ["organisation__name"]
    create_needs_bureau_writer = False  # an enterprise completes its own profile

    def _create(self, data: dict[str, Any]) -> tuple[EnterpriseProfile, dict[str, Any]]:
        organisation = data.pop("organisation")
        profile = services.update_enterprise_profile(
            actor=self.request.user, organisation=organisation, **data
        )
        return profile, {}

    def _update(
        self, obj: EnterpriseProfile, data: dict[str, Any]
    ) -> tuple[EnterpriseProfile, dict[str, Any]]:
        data.pop("organisation", None)
        profile = services.update_enterprise_profile(
            actor=self.request.user, organisation=obj.organisation, **data
        )
        return profile, {}


@extend_schema(request=CoordsCheckSerializer, responses={200: dict})
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def coords_check(request: Request) -> Response:
    """Check a boundary text (CGCS2000); answers exactly the JSON of `greenmine check_coords --json`."""
    serializer = CoordsCheckSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    result = check_boundary(
        data["text"], zone=data.get("zone"), licensed_area_km2=data.get("licensed_area_km2")
    )
    return Response(result.to_json_dict())
