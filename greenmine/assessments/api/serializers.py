"""API representations of plans, self-assessments, items and evidence."""

from __future__ import annotations

from rest_framework import serializers

from greenmine.assessments.models import AssessmentItem, ConstructionPlan, Milestone, PlanTask, SelfAssessment
from greenmine.assessments.selectors import assessable_versions
from greenmine.core.models import EvidenceFile
from greenmine.registry.models import Mine


class TaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanTask
        fields = ["title", "owner", "start_date", "end_date", "measures", "budget"]


class MilestoneSerializer(serializers.ModelSerializer):
    overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Milestone
        fields = ["title", "due_date", "progress", "done", "overdue"]


class PlanSerializer(serializers.ModelSerializer):
    tasks = TaskSerializer(many=True, required=False)
    milestones = MilestoneSerializer(many=True, required=False)
    mine = serializers.PrimaryKeyRelatedField(queryset=Mine.objects.all())
    standard_version = serializers.PrimaryKeyRelatedField(queryset=assessable_versions())

    class Meta:
        model = ConstructionPlan
        fields = [
            "id",
            "mine",
            "version_no",
            "previous",
            "title",
            "standard_version",
            "target_year",
            "targets",
            "budget",
            "status",
            "comments",
            "submitted_at",
            "reviewed_at",
            "tasks",
            "milestones",
        ]
        read_only_fields = ["version_no", "previous", "status", "comments", "submitted_at", "reviewed_at"]


class CommentSerializer(serializers.Serializer):
    comments = serializers.CharField(required=False, allow_blank=True, default="")


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvidenceFile
        fields = [
            "id",
            "organisation",
            "sha256",
            "original_name",
            "content_type",
            "kind",
            "size",
            "created_at",
        ]


class ItemSerializer(serializers.ModelSerializer):
    evidence = serializers.SlugRelatedField(many=True, read_only=True, slug_field="sha256")

    class Meta:
        model = AssessmentItem
        fields = ["indicator_id", "section", "answer", "remark", "evidence", "saved_version", "updated_at"]


class SaveItemSerializer(serializers.Serializer):
    indicator_id = serializers.CharField(max_length=64)
    answer = serializers.JSONField(required=False, default=dict)
    remark = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)
    lock_version = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0)

    def validate_answer(self, value: object) -> object:
        if not isinstance(value, dict):
            raise serializers.ValidationError("must be an object")
        return value


class AssessmentSerializer(serializers.ModelSerializer):
    mine = serializers.PrimaryKeyRelatedField(queryset=Mine.objects.all())

    class Meta:
        model = SelfAssessment
        fields = [
            "id",
            "mine",
            "standard_version",
            "version_no",
            "previous",
            "status",
            "lock_version",
            "submitted_at",
            "snapshot_hash",
            "return_comment",
        ]
        read_only_fields = [f for f in fields if f != "mine"]


class AssessmentDetailSerializer(AssessmentSerializer):
    class Meta(AssessmentSerializer.Meta):
        fields = [*AssessmentSerializer.Meta.fields, "snapshot"]


class ReturnSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    item_comments = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False, default=dict
    )


class UploadSerializer(serializers.Serializer):
    indicator_id = serializers.CharField(max_length=64)
    file = serializers.FileField()
