"""API of agencies, experts, conflict records and third-party assessments (/api/v1/thirdparty/...).
Every write calls a service; every step is in the audit log through the services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from greenmine.assessments.models import SelfAssessment
from greenmine.core.api.viewsets import RestrictedViewSet
from greenmine.core.models import Organisation
from greenmine.core.permissions import VIEW
from greenmine.thirdparty import services
from greenmine.thirdparty.api import serializers as s
from greenmine.thirdparty.choices import CheckSection
from greenmine.thirdparty.models import (
    ASSESS,
    TEAM,
    AgencyProfile,
    ConflictRecord,
    Expert,
    IndicatorScore,
    ThirdPartyAssessment,
)
from greenmine.thirdparty.reports import FORMATS, docx_response, pdf_response, report_data
from greenmine.thirdparty.selectors import (
    conflict_enterprises,
    conflict_mines,
    member_of,
    prerequisite_rows,
    score_rows,
    sees_content,
    veto_rows,
)


def _visible(model: Any, user: Any, obj: Any) -> Any:
    """An object the caller can see, or 404 (never disclose what others' records are)."""
    if obj is not None and not model.objects.restrict(user, VIEW).filter(pk=obj.pk).exists():
        raise NotFound
    return obj


class AgencyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RestrictedViewSet):
    """Agency profiles: the bureau registers (create) and withdraws or restores registration; the agency
    or the bureau updates the details."""

    queryset = AgencyProfile.objects.select_related("organisation")
    serializer_class = s.ThirdPartyAgencySerializer
    action_permissions = {"partial_update": VIEW, "registration": VIEW}

    def create(self, request: Request) -> Response:
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        organisation = _visible(Organisation, request.user, data.pop("organisation"))
        data.pop("registered_at", None)
        profile = services.register_agency(actor=request.user, organisation=organisation, **data)
        return Response(self.get_serializer(profile).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        profile = self.get_object()
        body = self.get_serializer(profile, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = {k: v for k, v in body.validated_data.items() if k in services.PROFILE_FIELDS}
        profile = services.update_agency_profile(actor=request.user, profile=profile, **data)
        return Response(self.get_serializer(profile).data)

    @extend_schema(request=s.ThirdPartyRegistrationSerializer)
    @action(detail=True, methods=["post"])
    def registration(self, request: Request, pk: str | None = None) -> Response:
        body = s.ThirdPartyRegistrationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        profile = services.set_agency_registration(
            actor=request.user, profile=self.get_object(), registered=body.validated_data["registered"]
        )
        return Response(self.get_serializer(profile).data)


class ExpertViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RestrictedViewSet):
    """Experts: the agency adds and updates its own."""

    queryset = Expert.objects.select_related("agency")
    serializer_class = s.ThirdPartyExpertSerializer
    action_permissions = {"partial_update": "change"}

    def create(self, request: Request) -> Response:
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        agency = data.pop("agency")
        expert = services.add_expert(actor=request.user, agency=agency, **data)
        return Response(self.get_serializer(expert).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        expert = self.get_object()
        body = self.get_serializer(expert, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        data.pop("agency", None)
        return Response(
            self.get_serializer(services.update_expert(actor=request.user, expert=expert, **data)).data
        )


class ConflictViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RestrictedViewSet):
    """Conflict records: entered by the bureau (mines of its division) and by the agency."""

    queryset = ConflictRecord.objects.select_related("expert", "mine", "enterprise")
    serializer_class = s.ThirdPartyConflictSerializer

    def create(self, request: Request) -> Response:
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        for key, allowed in (("mine", conflict_mines), ("enterprise", conflict_enterprises)):
            if data.get(key) is not None and not allowed(request.user).filter(pk=data[key].pk).exists():
                raise NotFound
        record = services.add_conflict(actor=request.user, **data)
        return Response(self.get_serializer(record).data, status=status.HTTP_201_CREATED)


class AssessmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RestrictedViewSet):
    """Third-party assessments: commission (create), the team (save or draw), declarations, prerequisites,
    veto items, the site visit and photos, scores and explanations, completion, the comparison and the
    report."""

    queryset = ThirdPartyAssessment.objects.select_related("mine__enterprise", "agency", "self_assessment")
    serializer_class = s.ThirdPartyAssessmentSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    action_permissions = {
        "team": TEAM,
        "draw": TEAM,
        "declare": VIEW,
        "prerequisites": VIEW,
        "vetoes": VIEW,
        "site_visit": VIEW,
        "photos": ASSESS,
        "scores": VIEW,
        "explain": ASSESS,
        "complete": ASSESS,
        "comparison": VIEW,
        "comparison_conditions": VIEW,
        "report": VIEW,
    }

    def get_serializer_class(self) -> type:
        return (
            s.ThirdPartyAssessmentDetailSerializer
            if self.action != "list"
            else s.ThirdPartyAssessmentSerializer
        )

    def _out(self, assessment: ThirdPartyAssessment, code: int = status.HTTP_200_OK) -> Response:
        return Response(
            s.ThirdPartyAssessmentDetailSerializer(
                self.base_queryset().get(pk=assessment.pk), context=self.get_serializer_context()
            ).data,
            status=code,
        )

    def _content(self, request: Request) -> ThirdPartyAssessment:
        """The assessment, if the caller may see the self-assessment under review (declared, bureau…)."""
        assessment = self.get_object()
        if not sees_content(request.user, assessment):
            raise PermissionDenied
        return assessment

    def create(self, request: Request) -> Response:
        body = s.ThirdPartyAssessmentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        self_assessment = _visible(SelfAssessment, request.user, data["self_assessment"])
        assessment = services.commission(
            actor=request.user,
            self_assessment=self_assessment,
            agency=data["agency"],
            assessment_date=data["assessment_date"],
            contract_ref=data.get("contract_ref", ""),
        )
        return self._out(assessment, status.HTTP_201_CREATED)

    @extend_schema(request=s.ThirdPartyTeamSerializer)
    @action(detail=True, methods=["post"])
    def team(self, request: Request, pk: str | None = None) -> Response:
        assessment = self.get_object()
        body = s.ThirdPartyTeamSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            assessment = services.save_team(
                actor=request.user,
                assessment=assessment,
                experts=body.validated_data["experts"],
                leader=body.validated_data.get("leader"),
            )
        except services.TeamRuleError as exc:
            return Response(
                {
                    "members": [services.rule_message(b) for b in exc.broken],
                    "broken": [b.code for b in exc.broken],
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        return self._out(assessment)

    @extend_schema(request=s.ThirdPartyDrawSerializer)
    @action(detail=True, methods=["post"])
    def draw(self, request: Request, pk: str | None = None) -> Response:
        body = s.ThirdPartyDrawSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        assessment = services.draw_team(
            actor=request.user, assessment=self.get_object(), k=body.validated_data.get("k")
        )
        return self._out(assessment)

    @extend_schema(request=s.ThirdPartyDeclarationSerializer)
    @action(detail=True, methods=["post"])
    def declare(self, request: Request, pk: str | None = None) -> Response:
        assessment = self.get_object()
        member = member_of(request.user, assessment)
        if member is None:
            raise PermissionDenied
        body = s.ThirdPartyDeclarationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.declare(actor=request.user, member=member, text=body.validated_data["text"])
        return self._out(assessment)

    @extend_schema(
        request=s.ThirdPartyPrerequisiteCheckSerializer,
        responses=s.ThirdPartyPrerequisiteCheckSerializer(many=True),
    )
    @action(detail=True, methods=["get", "post"])
    def prerequisites(self, request: Request, pk: str | None = None) -> Response:
        assessment = self._content(request)
        if request.method == "POST":
            body = s.ThirdPartyPrerequisiteCheckSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            check = services.verify_prerequisite(
                actor=request.user, assessment=assessment, **body.validated_data
            )
            return Response(
                s.ThirdPartyPrerequisiteCheckSerializer(check).data, status=status.HTTP_201_CREATED
            )
        checks = assessment.prerequisite_checks
        return Response(s.ThirdPartyPrerequisiteCheckSerializer(checks, many=True).data)

    @extend_schema(
        request=s.ThirdPartyVetoCheckSerializer, responses=s.ThirdPartyVetoCheckSerializer(many=True)
    )
    @action(detail=True, methods=["get", "post"])
    def vetoes(self, request: Request, pk: str | None = None) -> Response:
        """The team's verdicts on the veto items (一票否决); POST verifies one."""
        assessment = self._content(request)
        if request.method == "POST":
            body = s.ThirdPartyVetoCheckSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            check = services.verify_veto(actor=request.user, assessment=assessment, **body.validated_data)
            return Response(s.ThirdPartyVetoCheckSerializer(check).data, status=status.HTTP_201_CREATED)
        return Response(s.ThirdPartyVetoCheckSerializer(assessment.veto_checks, many=True).data)

    @extend_schema(request=s.ThirdPartyVisitInSerializer, responses=s.ThirdPartySiteVisitSerializer)
    @action(detail=True, methods=["get", "post"], url_path="site-visit", url_name="site-visit")
    def site_visit(self, request: Request, pk: str | None = None) -> Response:
        assessment = self._content(request)
        if request.method == "POST":
            body = s.ThirdPartyVisitInSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            data = dict(body.validated_data)
            visit = services.record_site_visit(
                actor=request.user,
                assessment=assessment,
                visit_date=data["visit_date"],
                attendees=data["attendees"],
                commitment_letter=data.get("commitment_letter"),
                notes=data.get("notes", ""),
            )
            return Response(s.ThirdPartySiteVisitSerializer(visit).data, status=status.HTTP_201_CREATED)
        visit = getattr(assessment, "site_visit", None)
        if visit is None:
            raise NotFound
        return Response(s.ThirdPartySiteVisitSerializer(visit).data)

    @extend_schema(request=s.ThirdPartyPhotoInSerializer, responses=s.ThirdPartyPhotoSerializer)
    @action(detail=True, methods=["post"])
    def photos(self, request: Request, pk: str | None = None) -> Response:
        body = s.ThirdPartyPhotoInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        photo = services.add_site_photo(
            actor=request.user,
            assessment=self.get_object(),
            uploaded_file=body.validated_data["photo"],
            caption=body.validated_data.get("caption", ""),
        )
        return Response(s.ThirdPartyPhotoSerializer(photo).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ThirdPartyScoreInSerializer, responses=s.ThirdPartyScoreSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def scores(self, request: Request, pk: str | None = None) -> Response:
        assessment = self._content(request)
        if request.method == "POST":
            body = s.ThirdPartyScoreInSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            row = services.score_indicator(actor=request.user, assessment=assessment, **body.validated_data)
            return Response(s.ThirdPartyScoreSerializer(row).data, status=status.HTTP_201_CREATED)
        return Response(s.ThirdPartyScoreSerializer(assessment.scores.all(), many=True).data)

    @extend_schema(request=s.ThirdPartyExplainSerializer, responses=s.ThirdPartyScoreSerializer)
    @action(detail=True, methods=["post"])
    def explain(self, request: Request, pk: str | None = None) -> Response:
        assessment = self.get_object()
        body = s.ThirdPartyExplainSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        row = IndicatorScore.objects.filter(
            assessment=assessment, indicator_id=body.validated_data["indicator_id"]
        ).first()
        if row is None:
            raise NotFound
        row = services.explain_difference(
            actor=request.user, score_row=row, explanation=body.validated_data["explanation"]
        )
        return Response(s.ThirdPartyScoreSerializer(row).data)

    @extend_schema(request=s.ThirdPartyCompleteSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: str | None = None) -> Response:
        body = s.ThirdPartyCompleteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        assessment = services.complete(
            actor=request.user, assessment=self.get_object(), conclusion=body.validated_data["conclusion"]
        )
        return self._out(assessment)

    @extend_schema(request=None, responses=s.ThirdPartyComparisonRowSerializer(many=True))
    @action(detail=True, methods=["get"])
    def comparison(self, request: Request, pk: str | None = None) -> Response:
        assessment = self._content(request)
        rows = [
            {
                "id": r.id,
                "name": r.name,
                "points": r.points,
                "self_score": r.self_score,
                "third_party_score": r.score.score if r.score else None,
                "difference": r.difference,
                "needs_explanation": r.needs_explanation,
                "finding": r.score.finding if r.score else "",
                "explanation": r.score.explanation if r.score else "",
            }
            for r in score_rows(assessment)
        ]
        return Response(s.ThirdPartyComparisonRowSerializer(rows, many=True).data)

    @extend_schema(request=None, responses=s.ThirdPartyConditionRowSerializer(many=True))
    @action(
        detail=True,
        methods=["get"],
        url_path="comparison/conditions",
        url_name="comparison-conditions",
    )
    def comparison_conditions(self, request: Request, pk: str | None = None) -> Response:
        """Every prerequisite and veto item: the self-assessment's answer beside the team's verdict."""
        assessment = self._content(request)
        rows = [
            {
                "section": r["section"],
                "id": r["id"],
                "name": r["name"],
                "self_answer": r["self"],
                "team_verdict": None
                if r["check"] is None
                else (r["check"].occurred if r["section"] == CheckSection.VETO else r["check"].holds),
                "note": r["check"].note if r["check"] else "",
                "differs": r["differs"],
            }
            for r in prerequisite_rows(assessment) + veto_rows(assessment)
        ]
        return Response(s.ThirdPartyConditionRowSerializer(rows, many=True).data)

    @extend_schema(request=None, responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"])
    def report(self, request: Request, pk: str | None = None) -> HttpResponse:
        # `?kind=`, not `?format=`: DRF reads `format` to pick a renderer.
        assessment = self._content(request)
        kind = request.query_params.get("kind", "pdf")
        if kind not in FORMATS:
            raise NotFound
        data = report_data(assessment)
        return pdf_response(data) if kind == "pdf" else docx_response(data)
