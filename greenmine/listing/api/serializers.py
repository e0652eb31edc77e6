"""API representations of the green-mine list. Objections show the objector's name and contact only in
the bureau's resource (the public intake returns the receipt code, the receipt lookup never shows them)."""

from __future__ import annotations

from rest_framework import serializers

from greenmine.core.models import EvidenceFile
from greenmine.listing.choices import ListingDecision, ListLevel, OpinionAnswer
from greenmine.listing.models import Listing, Objection, OpinionRequest, PublicNotice, Recommendation, Review


class ListingOpinionSerializer(serializers.ModelSerializer):
    overdue = serializers.BooleanField(read_only=True)
    department_name = serializers.CharField(source="department.name", read_only=True)

    class Meta:
        model = OpinionRequest
        fields = [
            "id",
            "review",
            "department",
            "department_name",
            "deadline",
            "question",
            "answer",
            "answer_text",
            "attachment",
            "answered_at",
            "overdue",
        ]
        read_only_fields = fields


class ListingReviewSerializer(serializers.ModelSerializer):
    mine_name = serializers.CharField(source="mine.name", read_only=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "mine",
            "mine_name",
            "assessment",
            "status",
            "reasons",
            "document_no",
            "decided_at",
            "notice",
            "created_at",
        ]
        read_only_fields = fields


class ListingOpenReviewSerializer(serializers.Serializer):
    assessment = serializers.IntegerField()


class ListingRequestOpinionSerializer(serializers.Serializer):
    department = serializers.IntegerField()
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    question = serializers.CharField(required=False, allow_blank=True, default="")


class ListingAnswerOpinionSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(choices=OpinionAnswer.choices)
    text = serializers.CharField(required=False, allow_blank=True, default="")
    attachment = serializers.PrimaryKeyRelatedField(
        queryset=EvidenceFile.objects.all(), required=False, allow_null=True, default=None
    )


class ListingDecideReviewSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=ListingDecision.choices)
    reasons = serializers.CharField(allow_blank=True)
    document_no = serializers.CharField(allow_blank=True)


class ListingRecommendSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=ListLevel.choices)
    recommended_on = serializers.DateField()
    document_no = serializers.CharField(allow_blank=True)


class ListingNoticeSerializer(serializers.ModelSerializer):
    reviews = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    mines = serializers.SerializerMethodField()

    class Meta:
        model = PublicNotice
        fields = [
            "id",
            "title",
            "document_no",
            "body",
            "starts_on",
            "period_days",
            "ends_on",
            "status",
            "closed_at",
            "reviews",
            "mines",
        ]
        read_only_fields = fields

    def get_mines(self, notice: PublicNotice) -> list[str]:
        return [r.mine.name for r in notice.reviews.select_related("mine")]


class ListingPublishNoticeSerializer(serializers.Serializer):
    title = serializers.CharField(allow_blank=True)
    document_no = serializers.CharField(allow_blank=True)
    starts_on = serializers.DateField()
    period_days = serializers.IntegerField(required=False, allow_null=True, default=None)
    body = serializers.CharField(required=False, allow_blank=True, default="")
    reviews = serializers.ListField(child=serializers.IntegerField(), allow_empty=True)


class ListingObjectionSerializer(serializers.ModelSerializer):
    """The bureau's view of an objection (its division only, through the permission primitive)."""

    class Meta:
        model = Objection
        fields = [
            "id",
            "notice",
            "review",
            "name",
            "contact",
            "content",
            "receipt_code",
            "status",
            "answer",
            "answered_at",
            "created_at",
        ]
        read_only_fields = fields


class ListingAnswerObjectionSerializer(serializers.Serializer):
    answer = serializers.CharField(allow_blank=True)


class ListingPublicObjectionSerializer(serializers.Serializer):
    notice = serializers.IntegerField()
    review = serializers.IntegerField()
    name = serializers.CharField(allow_blank=True)
    contact = serializers.CharField(allow_blank=True)
    content = serializers.CharField(allow_blank=True)


class ListingReceiptSerializer(serializers.Serializer):
    code = serializers.CharField()
    notice_title = serializers.CharField()
    notice_document_no = serializers.CharField()
    mine = serializers.CharField()
    received_on = serializers.DateField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    answer = serializers.CharField()
    answered_on = serializers.DateField(allow_null=True)


class ListingRecommendationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Recommendation
        fields = [
            "id",
            "mine",
            "review",
            "level",
            "recommended_on",
            "document_no",
            "status",
            "decided_on",
            "decision_level",
            "decision_document_no",
            "decision_notes",
        ]
        read_only_fields = fields


class ListingHigherDecisionSerializer(serializers.Serializer):
    listed = serializers.BooleanField()
    decided_on = serializers.DateField()
    document_no = serializers.CharField(allow_blank=True)
    level = serializers.ChoiceField(choices=ListLevel.choices, required=False, allow_null=True, default=None)
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class ListingRecordSerializer(serializers.ModelSerializer):
    mine_name = serializers.CharField(source="mine.name", read_only=True)

    class Meta:
        model = Listing
        fields = [
            "id",
            "mine",
            "mine_name",
            "level",
            "listed_on",
            "document_no",
            "status",
            "removed_on",
            "removal_reasons",
            "removal_document_no",
            "removal_order",
        ]
        read_only_fields = fields


class ListingExistingListingSerializer(serializers.Serializer):
    mine = serializers.IntegerField()
    level = serializers.CharField()
    listed_on = serializers.DateField()
    document_no = serializers.CharField(allow_blank=True)


class ListingRemoveListingSerializer(serializers.Serializer):
    reasons = serializers.CharField(allow_blank=True)
    document_no = serializers.CharField(allow_blank=True)
    removed_on = serializers.DateField(required=False, allow_null=True, default=None)
