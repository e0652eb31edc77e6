"""API representations of agencies, experts, conflict records and third-party assessments."""

from __future__ import annotations

from rest_framework import serializers

from greenmine.assessments.models import SelfAssessment
from greenmine.core.models import Organisation, User
from greenmine.core.permissions import VIEW, can
from greenmine.registry.models import Mine
from greenmine.thirdparty.choices import ConflictKind, Discipline, ExpertTitle
from greenmine.thirdparty.models import (
    AgencyProfile,
    ConflictRecord,
    Expert,
    IndicatorScore,
    PrerequisiteCheck,
    SitePhoto,
    SiteVisit,
    TeamMember,
    ThirdPartyAssessment,
)


class ThirdPartyAgencySerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = AgencyProfile
        fields = [
            "id",
            "organisation",
            "name",
            "qualifications",
            "staff_count",
            "experience",
            "registered",
            "registered_at",
        ]
        read_only_fields = ["registered_at"]


class ThirdPartyRegistrationSerializer(serializers.Serializer):
    registered = serializers.BooleanField()


class ThirdPartyExpertSerializer(serializers.ModelSerializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False, allow_null=True)
    title = serializers.ChoiceField(choices=ExpertTitle.choices)
    disciplines = serializers.ListField(
        child=serializers.ChoiceField(choices=Discipline.choices), required=False
    )

    class Meta:
        model = Expert
        fields = ["id", "agency", "name", "user", "title", "disciplines", "full_time", "active", "notes"]


class ThirdPartyConflictSerializer(serializers.ModelSerializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    expert = serializers.PrimaryKeyRelatedField(
        queryset=Expert.objects.all(), required=False, allow_null=True
    )
    enterprise = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    mine = serializers.PrimaryKeyRelatedField(queryset=Mine.objects.all(), required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=ConflictKind.choices)

    class Meta:
        model = ConflictRecord
        fields = ["id", "agency", "expert", "enterprise", "mine", "kind", "start_date", "end_date", "note"]


class ThirdPartyMemberSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="expert.name", read_only=True)
    title = serializers.CharField(source="expert.title", read_only=True)

    class Meta:
        model = TeamMember
        fields = ["id", "expert", "name", "title", "is_leader", "declared_at"]


class ThirdPartyPrerequisiteCheckSerializer(serializers.ModelSerializer):
    holds = serializers.BooleanField()

    class Meta:
        model = PrerequisiteCheck
        fields = ["indicator_id", "holds", "note", "verified_at", "verified_by"]
        read_only_fields = ["verified_at", "verified_by"]


class ThirdPartyVetoCheckSerializer(serializers.ModelSerializer):
    """The team's verdict on one veto item (一票否决): occurred yes/no with a note (required if it did)."""

    occurred = serializers.BooleanField()

    class Meta:
        model = PrerequisiteCheck
        fields = ["indicator_id", "occurred", "note", "verified_at", "verified_by"]
        read_only_fields = ["verified_at", "verified_by"]


class ThirdPartyConditionRowSerializer(serializers.Serializer):
    """One prerequisite or veto item: the enterprise's own answer beside the team's verdict (holds for a
    prerequisite, occurred for a veto item; null while unanswered or not yet verified)."""

    section = serializers.CharField()
    id = serializers.CharField()
    name = serializers.CharField()
    self_answer = serializers.BooleanField(allow_null=True)
    team_verdict = serializers.BooleanField(allow_null=True)
    note = serializers.CharField()
    differs = serializers.BooleanField()


class ThirdPartyPhotoSerializer(serializers.ModelSerializer):
    sha256 = serializers.CharField(source="evidence.sha256", read_only=True)

    class Meta:
        model = SitePhoto
        fields = ["id", "evidence", "sha256", "caption", "latitude", "longitude"]


class ThirdPartySiteVisitSerializer(serializers.ModelSerializer):
    photos = ThirdPartyPhotoSerializer(many=True, read_only=True)
    commitment_letter_sha256 = serializers.CharField(source="commitment_letter.sha256", read_only=True)

    class Meta:
        model = SiteVisit
        fields = [
            "visit_date",
            "attendees",
            "commitment_letter",
            "commitment_letter_sha256",
            "notes",
            "photos",
        ]


class ThirdPartyScoreSerializer(serializers.ModelSerializer):
    difference = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True)

    class Meta:
        model = IndicatorScore
        fields = [
            "indicator_id",
            "answer",
            "score",
            "self_score",
            "difference",
            "finding",
            "explanation",
            "scored_at",
        ]
        read_only_fields = ["score", "self_score", "scored_at"]


class ThirdPartyAssessmentSerializer(serializers.ModelSerializer):
    """The contract fields (mine, self_assessment, agency, status, total_score, passed, completed_at) and
    the commissioning facts. Create = commission."""

    self_assessment = serializers.PrimaryKeyRelatedField(queryset=SelfAssessment.objects.all())
    agency = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = ThirdPartyAssessment
        fields = [
            "id",
            "mine",
            "self_assessment",
            "agency",
            "commissioned_by_org",
            "status",
            "assessment_date",
            "contract_ref",
            "commissioned_at",
            "self_total",
            "total_score",
            "passed",
            "completed_at",
            "conclusion",
            "draw_seed",
            "draw_pool",
            "draw_result",
        ]
        read_only_fields = [
            "mine",
            "commissioned_by_org",
            "status",
            "commissioned_at",
            "self_total",
            "total_score",
            "passed",
            "completed_at",
            "conclusion",
            "draw_seed",
            "draw_pool",
            "draw_result",
        ]

    def to_representation(self, instance: ThirdPartyAssessment) -> dict:
        """The self-assessment's total only for those who may read the self-assessment (never an
        undeclared team member)."""
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and not can(request.user, VIEW, instance.self_assessment):
            data["self_total"] = None
        return data


class ThirdPartyAssessmentDetailSerializer(ThirdPartyAssessmentSerializer):
    members = ThirdPartyMemberSerializer(many=True, read_only=True)

    class Meta(ThirdPartyAssessmentSerializer.Meta):
        fields = [*ThirdPartyAssessmentSerializer.Meta.fields, "members"]


class ThirdPartyTeamSerializer(serializers.Serializer):
    experts = serializers.PrimaryKeyRelatedField(queryset=Expert.objects.all(), many=True)
    leader = serializers.PrimaryKeyRelatedField(
        queryset=Expert.objects.all(), required=False, allow_null=True
    )


class ThirdPartyDrawSerializer(serializers.Serializer):
    k = serializers.IntegerField(required=False, min_value=1, max_value=50)


class ThirdPartyDeclarationSerializer(serializers.Serializer):
    text = serializers.CharField()


class ThirdPartyVisitInSerializer(serializers.Serializer):
    visit_date = serializers.DateField()
    attendees = serializers.CharField()
    commitment_letter = serializers.FileField(required=False)
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class ThirdPartyPhotoInSerializer(serializers.Serializer):
    photo = serializers.FileField()
    caption = serializers.CharField(required=False, allow_blank=True, default="")


class ThirdPartyScoreInSerializer(serializers.Serializer):
    indicator_id = serializers.CharField()
    answer = serializers.DictField()
    finding = serializers.CharField(allow_blank=True)
    explanation = serializers.CharField(required=False, allow_blank=True, default="")


class ThirdPartyExplainSerializer(serializers.Serializer):
    indicator_id = serializers.CharField()
    explanation = serializers.CharField()


class ThirdPartyCompleteSerializer(serializers.Serializer):
    conclusion = serializers.CharField()


class ThirdPartyComparisonRowSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()
    points = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    self_score = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    third_party_score = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    difference = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    needs_explanation = serializers.BooleanField()
    finding = serializers.CharField()
    explanation = serializers.CharField()
