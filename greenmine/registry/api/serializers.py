"""API serializers of the registry. They validate shapes; the services enforce the rules and save."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from greenmine.core.models import Organisation
from greenmine.core.permissions import VIEW
from greenmine.registry.models import (
    EnterpriseProfile,
    ExplorationProject,
    ExplorationRight,
    Mine,
    Mineral,
    MiningRight,
    RightPart,
)
from greenmine.registry.selectors import expiry_state

MAX_BOUNDARY_CHARS = 1_000_000


class VisibleOrganisationField(serializers.PrimaryKeyRelatedField):
    """An organisation the caller may see: another's id is 'does not exist', not 'wrong kind'."""

    def get_queryset(self) -> Any:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return Organisation.objects.restrict(user, VIEW)


class MineSerializer(serializers.ModelSerializer):
    enterprise = VisibleOrganisationField()
    township = VisibleOrganisationField()
    mineral = serializers.SlugRelatedField(slug_field="code", queryset=Mineral.objects.all())

    class Meta:
        model = Mine
        fields = [
            "id",
            "name",
            "enterprise",
            "township",
            "division",
            "mineral",
            "mine_kind",
            "production_scale",
            "scale_class",
            "status",
            "green_status",
            "address",
            "longitude",
            "latitude",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["division", "scale_class", "created_at", "updated_at"]


class RightPartSerializer(serializers.ModelSerializer):
    class Meta:
        model = RightPart
        fields = ["order", "name", "top_elevation", "bottom_elevation", "points", "area_km2"]
        read_only_fields = fields


class MiningRightSerializer(serializers.ModelSerializer):
    holder = VisibleOrganisationField(required=False)
    mine = serializers.PrimaryKeyRelatedField(queryset=Mine.objects.none())
    boundary_text = serializers.CharField(trim_whitespace=False, max_length=MAX_BOUNDARY_CHARS)
    zone = serializers.IntegerField(required=False, allow_null=True, min_value=13, max_value=45)
    parts = RightPartSerializer(many=True, read_only=True)
    expiry = serializers.SerializerMethodField()

    class Meta:
        model = MiningRight
        fields = [
            "id",
            "licence_no",
            "holder",
            "mine",
            "valid_from",
            "valid_until",
            "licensed_area_km2",
            "status",
            "boundary_text",
            "zone",
            "epsg",
            "area_km2",
            "plane_area_km2",
            "geojson",
            "parts",
            "expiry",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["epsg", "area_km2", "plane_area_km2", "geojson", "created_at", "updated_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        # A right is registered for a mine the caller may change; on update the mine is fixed.
        self.fields["mine"].queryset = Mine.objects.restrict(user, "change")
        if self.instance is not None and not isinstance(self.instance, list):
            self.fields["mine"].read_only = True

    def get_expiry(self, obj: MiningRight) -> str:
        return expiry_state(obj.valid_until, obj.status)


class ExplorationRightSerializer(serializers.ModelSerializer):
    holder = VisibleOrganisationField()
    township = VisibleOrganisationField()
    mineral = serializers.SlugRelatedField(slug_field="code", queryset=Mineral.objects.all())
    boundary_text = serializers.CharField(trim_whitespace=False, max_length=MAX_BOUNDARY_CHARS)
    zone = serializers.IntegerField(required=False, allow_null=True, min_value=13, max_value=45)
    expiry = serializers.SerializerMethodField()

    class Meta:
        model = ExplorationRight
        fields = [
            "id",
            "licence_no",
            "project_name",
            "holder",
            "township",
            "division",
            "mineral",
            "stage",
            "valid_from",
            "valid_until",
            "licensed_area_km2",
            "status",
            "boundary_text",
            "zone",
            "epsg",
            "area_km2",
            "plane_area_km2",
            "geojson",
            "expiry",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "division",
            "epsg",
            "area_km2",
            "plane_area_km2",
            "geojson",
            "created_at",
            "updated_at",
        ]

    def get_expiry(self, obj: ExplorationRight) -> str:
        return expiry_state(obj.valid_until, obj.status)


class ExplorationProjectSerializer(serializers.ModelSerializer):
    right = serializers.PrimaryKeyRelatedField(queryset=ExplorationRight.objects.none())
    exploration_unit = VisibleOrganisationField()
    methods = serializers.ListField(child=serializers.CharField(max_length=200), required=False)

    class Meta:
        model = ExplorationProject
        fields = [
            "id",
            "right",
            "name",
            "exploration_unit",
            "stage",
            "starts_on",
            "ends_on",
            "methods",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self.context.get("request"), "user", None)
        self.fields["right"].queryset = ExplorationRight.objects.restrict(user, VIEW)
        if self.instance is not None and not isinstance(self.instance, list):
            self.fields["right"].read_only = True


class EnterpriseProfileSerializer(serializers.ModelSerializer):
    organisation = VisibleOrganisationField()

    class Meta:
        model = EnterpriseProfile
        fields = [
            "id",
            "organisation",
            "registered_capital",
            "established_on",
            "safety_licence_no",
            "safety_licence_valid_until",
            "employees",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None and not isinstance(self.instance, list):
            self.fields["organisation"].read_only = True


class CoordsCheckSerializer(serializers.Serializer):
    text = serializers.CharField(trim_whitespace=False, max_length=MAX_BOUNDARY_CHARS, allow_blank=True)
    zone = serializers.IntegerField(required=False, allow_null=True)
    licensed_area_km2 = serializers.FloatField(required=False, allow_null=True, min_value=0)
