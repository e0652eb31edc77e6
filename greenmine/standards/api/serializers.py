from typing import Any

from rest_framework import serializers

from greenmine.core.permissions import VIEW
from greenmine.standards.models import Standard, StandardVersion


class VersionBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = StandardVersion
        fields = ["id", "version", "status", "complete", "effective_date"]


class StandardSerializer(serializers.ModelSerializer):
    versions = serializers.SerializerMethodField()

    class Meta:
        model = Standard
        fields = ["id", "code", "title", "title_en", "kind", "issuer", "versions"]

    def get_versions(self, obj: Standard) -> list[dict[str, Any]]:
        # Only the versions the caller may read (drafts are the bureau's).
        request = self.context["request"]
        visible = obj.versions.restrict(request.user, VIEW).order_by("created_at", "pk")
        return VersionBriefSerializer(visible, many=True).data


class StandardVersionSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="standard.code", read_only=True)
    title = serializers.CharField(source="standard.title", read_only=True)

    class Meta:
        model = StandardVersion
        fields = [
            "id",
            "standard",
            "code",
            "title",
            "version",
            "status",
            "provenance",
            "effective_date",
            "complete",
            "content_hash",
            "published_at",
            "created_at",
        ]
        read_only_fields = fields


class StandardVersionDetailSerializer(StandardVersionSerializer):
    class Meta(StandardVersionSerializer.Meta):
        fields = [*StandardVersionSerializer.Meta.fields, "document"]
        read_only_fields = fields


class ImportSerializer(serializers.Serializer):
    """Either `document` (the standard as a JSON object) or `yaml` (the YAML text)."""

    document = serializers.JSONField(required=False)
    yaml = serializers.CharField(required=False, trim_whitespace=False)
    publish = serializers.BooleanField(default=False)


class DocumentSerializer(serializers.Serializer):
    document = serializers.JSONField()


class NewVersionSerializer(serializers.Serializer):
    new_version = serializers.CharField(max_length=64)


class ScoreRequestSerializer(serializers.Serializer):
    """RESPONSES (greenmine/standards/README.md): answers by indicator id, prerequisites and vetoes."""

    standard = serializers.CharField(required=False)
    version = serializers.CharField(required=False)
    prerequisites = serializers.DictField(child=serializers.BooleanField(allow_null=True), required=False)
    vetoes = serializers.DictField(child=serializers.BooleanField(allow_null=True), required=False)
    items = serializers.DictField(child=serializers.JSONField(), required=False)


class DiffResultSerializer(serializers.Serializer):
    old_version = serializers.CharField()
    new_version = serializers.CharField()
    scoring_changed = serializers.BooleanField()
    added = serializers.ListField(child=serializers.JSONField())
    removed = serializers.ListField(child=serializers.JSONField())
    changed = serializers.ListField(child=serializers.JSONField())
    meta = serializers.ListField(child=serializers.JSONField())


class ScoreResultSerializer(serializers.Serializer):
    total = serializers.FloatField()
    max = serializers.FloatField()
    passed = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())
    nodes = serializers.ListField(child=serializers.DictField())
