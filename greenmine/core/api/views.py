"""Core API: token, the current user, organisations, users, the audit log, working days."""

from datetime import date

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from greenmine.core import services
from greenmine.core.api.serializers import (
    AuditEventSerializer,
    OrganisationSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
    UserSerializer,
    WorkingDaysResponseSerializer,
)
from greenmine.core.api.viewsets import ReadOnlyRestrictedViewSet, RestrictedViewSet
from greenmine.core.calendar import UnknownYearError, add_working_days
from greenmine.core.models import AuditEvent, Organisation, User
from greenmine.core.permissions import MANAGE


class TokenThrottle(ScopedRateThrottle):
    scope_attr = "throttle_scope"


@extend_schema(
    request=TokenRequestSerializer,
    responses={200: TokenResponseSerializer},
    auth=[],
    summary="Exchange a user name and password for an API token",
)
@api_view(["POST"])
@permission_classes([AllowAny])
@throttle_classes([])
def obtain_token(request: Request) -> Response:
    """POST username and password; answers {"token": "…"} to send as `Authorization: Token …`.
    Failed attempts count towards the same lockout as the login page."""
    serializer = TokenRequestSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    try:
        user = authenticate(
            request._request,
            username=serializer.validated_data["username"],
            password=serializer.validated_data["password"],
        )
    except PermissionDenied:
        user = None
    if getattr(request._request, "axes_locked_out", False):
        return Response(
            {"detail": _("Too many failed logins: this account is locked for a while.")},
            status=status.HTTP_403_FORBIDDEN,
        )
    if user is None or not user.is_active:
        return Response(
            {"detail": _("The user name or password is wrong.")}, status=status.HTTP_400_BAD_REQUEST
        )
    token, _created = Token.objects.get_or_create(user=user)
    return Response({"token": token.key})


@extend_schema(responses={200: UserSerializer}, summary="The signed-in user")
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def me(request: Request) -> Response:
    return Response(UserSerializer(request.user).data)


@extend_schema(
    parameters=[OpenApiParameter("start", date, required=True), OpenApiParameter("days", int, required=True)],
    responses={200: WorkingDaysResponseSerializer},
    summary="The date N working days after a start date (Chinese holidays and make-up days)",
)
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def working_days(request: Request) -> Response:
    try:
        start = date.fromisoformat(request.query_params.get("start", ""))
        days = int(request.query_params.get("days", ""))
    except ValueError:
        raise serializers.ValidationError(
            {"start": _("Give start as YYYY-MM-DD and days as a whole number.")}
        ) from None
    if not 0 <= days <= 366:
        raise serializers.ValidationError({"days": _("days must be between 0 and 366.")})
    try:
        end = add_working_days(start, days)
    except UnknownYearError as exc:
        raise serializers.ValidationError(
            {
                "start": _(
                    "The %(year)d holiday schedule is not known yet: enter the %(year)d schedule first."
                )
                % {"year": exc.year}
            }
        ) from None
    return Response({"start": start, "days": days, "end": end})


class OrganisationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RestrictedViewSet,
):
    """Organisations the user may see; bureau admins register and edit them."""

    queryset = Organisation.objects.select_related("division")
    serializer_class = OrganisationSerializer
    filterset_fields = ["kind", "division", "is_active"]
    search_fields = ["name", "short_name", "uscc"]
    ordering_fields = ["name", "kind", "created_at"]
    action_permissions = {"create": MANAGE, "update": "change", "partial_update": "change"}

    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = services.create_organisation(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(organisation).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: object, **kwargs: object) -> Response:
        organisation = self.get_object()
        serializer = self.get_serializer(
            organisation, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        organisation = services.update_organisation(
            actor=request.user, organisation=organisation, **serializer.validated_data
        )
        return Response(self.get_serializer(organisation).data)


class UserViewSet(ReadOnlyRestrictedViewSet):
    """Accounts the user administers."""

    queryset = User.objects.prefetch_related("memberships__organisation")
    serializer_class = UserSerializer
    search_fields = ["username", "display_name", "email"]
    action_permissions = {"list": MANAGE, "retrieve": MANAGE}

    def get_queryset(self):  # noqa: ANN201
        return self.base_queryset().restrict(self.request.user, MANAGE)


class AuditEventViewSet(ReadOnlyRestrictedViewSet):
    """The audit log of the bureau's division (bureau admins)."""

    queryset = AuditEvent.objects.all()
    serializer_class = AuditEventSerializer
    filterset_fields = ["action", "object_type", "object_id", "actor"]
    search_fields = ["object_repr", "actor_repr", "action"]
    action_permissions = {"list": MANAGE, "retrieve": MANAGE}

    def get_queryset(self):  # noqa: ANN201
        return self.base_queryset().restrict(self.request.user, MANAGE)
