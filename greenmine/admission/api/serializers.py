"""API serializers of the admission app (read shapes; the check input is validated here too)."""

from __future__ import annotations

from rest_framework import serializers

from greenmine.admission.choices import ApplicationType, RightKind
from greenmine.admission.models import (
    AdmissionCheck,
    AdmissionRule,
    LayerVersion,
    ReferenceLayer,
    WithdrawalCase,
)


class LayerVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = LayerVersion
        fields = [
            "id",
            "number",
            "source_name",
            "sha256",
            "source_crs",
            "feature_count",
            "repair_report",
            "created_at",
        ]


class ReferenceLayerSerializer(serializers.ModelSerializer):
    versions = LayerVersionSerializer(many=True, read_only=True)

    class Meta:
        model = ReferenceLayer
        fields = ["id", "kind", "name", "description", "versions"]


class AdmissionRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = AdmissionRule
        fields = [
            "id",
            "layer_kind",
            "right_kind",
            "overlap_verdict",
            "within_m",
            "within_verdict",
            "outside_verdict",
            "active",
            "note",
        ]


class AdmissionCheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = AdmissionCheck
        fields = [
            "id",
            "applicant",
            "enterprise",
            "right_kind",
            "application_type",
            "licence_no",
            "area_km2",
            "verdict",
            "reasons",
            "result",
            "layer_versions",
            "radius_m",
            "created_at",
        ]


class CheckInputSerializer(serializers.Serializer):
    boundary_text = serializers.CharField(max_length=1_000_000, trim_whitespace=False)
    right_kind = serializers.ChoiceField(choices=RightKind.choices)
    application_type = serializers.ChoiceField(choices=ApplicationType.choices, default=ApplicationType.NEW)
    applicant = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    licence_no = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    radius_m = serializers.FloatField(
        required=False, allow_null=True, min_value=0, max_value=50_000, default=None
    )


class WithdrawalCaseSerializer(serializers.ModelSerializer):
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = WithdrawalCase
        fields = [
            "id",
            "licence_no",
            "holder",
            "mining_right",
            "exploration_right",
            "reason",
            "plan",
            "deadline",
            "compensation_note",
            "status",
            "closed_at",
            "overlap_km2",
            "is_overdue",
        ]
