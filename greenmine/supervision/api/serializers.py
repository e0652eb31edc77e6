"""API representations of inspectors, draws, spot checks, rectification orders and annual self-checks."""

from __future__ import annotations

from rest_framework import serializers

from greenmine.core.models import EvidenceFile, Organisation, User
from greenmine.registry.models import Mine
from greenmine.supervision.choices import DrawEligibility, SpotCheckResult
from greenmine.supervision.models import (
    AnnualSelfCheck,
    Inspector,
    RectificationOrder,
    RectificationReply,
    SelfCheckReport,
    SpotCheck,
    SpotCheckDraw,
)


class SupervisionInspectorSerializer(serializers.ModelSerializer):
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    name = serializers.CharField(read_only=True)
    avoid_enterprises = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), many=True, required=False
    )

    class Meta:
        model = Inspector
        fields = [
            "id",
            "user",
            "name",
            "organisation",
            "certificate_no",
            "disciplines",
            "active",
            "avoid_enterprises",
        ]


class SupervisionInspectorUpdateSerializer(serializers.ModelSerializer):
    avoid_enterprises = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), many=True, required=False
    )

    class Meta:
        model = Inspector
        fields = ["certificate_no", "disciplines", "active", "avoid_enterprises"]


class SpotCheckDrawSerializer(serializers.ModelSerializer):
    eligibility = serializers.ChoiceField(choices=DrawEligibility.choices, default=DrawEligibility.LISTED)

    class Meta:
        model = SpotCheckDraw
        fields = [
            "id",
            "title",
            "year",
            "division",
            "eligibility",
            "sample_count",
            "sample_ratio",
            "inspectors_per_mine",
            "seed",
            "status",
            "mine_pool",
            "inspector_pool",
            "selection",
            "drawn_at",
            "published_at",
        ]
        read_only_fields = [
            "division",
            "seed",
            "status",
            "mine_pool",
            "inspector_pool",
            "selection",
            "drawn_at",
            "published_at",
        ]


class SpotCheckSerializer(serializers.ModelSerializer):
    mine = serializers.PrimaryKeyRelatedField(queryset=Mine.objects.all())
    inspectors = serializers.PrimaryKeyRelatedField(queryset=Inspector.objects.all(), many=True)

    class Meta:
        model = SpotCheck
        fields = [
            "id",
            "draw",
            "mine",
            "inspectors",
            "checked_on",
            "result",
            "findings",
            "evidence",
            "recorded_at",
        ]
        read_only_fields = ["draw", "checked_on", "result", "findings", "evidence", "recorded_at"]


class SpotCheckRecordSerializer(serializers.Serializer):
    result = serializers.ChoiceField(choices=[SpotCheckResult.PASSED, SpotCheckResult.FAILED])
    checked_on = serializers.DateField()
    findings = serializers.CharField(required=False, allow_blank=True, default="")
    requirement = serializers.CharField(required=False, allow_blank=True, default="")
    evidence = serializers.PrimaryKeyRelatedField(
        queryset=EvidenceFile.objects.all(), many=True, required=False, default=list
    )


class RectificationReplySerializer(serializers.ModelSerializer):
    class Meta:
        model = RectificationReply
        fields = [
            "id",
            "text",
            "evidence",
            "submitted_at",
            "submitted_by",
            "decision",
            "comment",
            "decided_at",
        ]


class RectificationOrderSerializer(serializers.ModelSerializer):
    mine = serializers.PrimaryKeyRelatedField(queryset=Mine.objects.all())
    overdue = serializers.BooleanField(read_only=True)
    replies = RectificationReplySerializer(many=True, read_only=True)

    class Meta:
        model = RectificationOrder
        fields = [
            "id",
            "mine",
            "spot_check",
            "requirement",
            "deadline",
            "status",
            "overdue",
            "verified_at",
            "replies",
        ]
        read_only_fields = ["spot_check", "status", "verified_at"]
        extra_kwargs = {"deadline": {"required": False}}


class SupervisionTextWithEvidenceSerializer(serializers.Serializer):
    """A reply or a report: the text, with evidence already uploaded (ids) and/or files uploaded now."""

    text = serializers.CharField()
    evidence = serializers.PrimaryKeyRelatedField(
        queryset=EvidenceFile.objects.all(), many=True, required=False, default=list
    )
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class SupervisionDecisionSerializer(serializers.Serializer):
    accepted = serializers.BooleanField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class CheckEvidenceUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class SelfCheckReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = SelfCheckReport
        fields = [
            "id",
            "text",
            "evidence",
            "submitted_at",
            "submitted_by",
            "decision",
            "comment",
            "decided_at",
        ]


class SelfCheckSerializer(serializers.ModelSerializer):
    overdue = serializers.BooleanField(read_only=True)
    reports = SelfCheckReportSerializer(many=True, read_only=True)

    class Meta:
        model = AnnualSelfCheck
        fields = ["id", "mine", "year", "due_date", "status", "overdue", "reports"]
        read_only_fields = fields
