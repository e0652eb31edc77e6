"""The base viewset every app's API declares its resources on.

It applies the permission primitive to every query (`restrict(user, action)`), answers 404 for
records the user cannot see and 403 for records the user can see but not act on, paginates and
filters, and routes every write to a service function: a resource overrides `perform_create` /
`perform_update` with a call to its service, and there is no generic save path.
"""

from typing import Any

from django.db.models import Model, QuerySet
from rest_framework import mixins, viewsets
from rest_framework.exceptions import MethodNotAllowed

from greenmine.core.api.permissions import required_action
from greenmine.core.permissions import access_object


class RestrictedViewSet(viewsets.GenericViewSet):
    """Read side: list and retrieve through `restrict()`. Write mixins below call services."""

    # Custom actions name the permission they need: {"submit": "submit"}.
    action_permissions: dict[str, str] = {}
    public = False

    def required_action(self) -> str:
        return required_action(self.request, self)

    def base_queryset(self) -> QuerySet:
        return super().get_queryset()

    def get_queryset(self) -> QuerySet:
        """Lists show what the user may view; single records are checked in get_object."""
        return self.base_queryset().restrict(self.request.user, "view")

    def get_object(self) -> Model:
        lookup_url_kwarg = self.lookup_url_kwarg or self.lookup_field
        obj = access_object(
            self.base_queryset(),
            self.request.user,
            self.required_action(),
            **{self.lookup_field: self.kwargs[lookup_url_kwarg]},
        )
        self.check_object_permissions(self.request, obj)
        return obj


class ReadOnlyRestrictedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RestrictedViewSet):
    pass


class ServiceWriteMixin:
    """Create and update through services only: a resource must say which service to call."""

    def perform_create(self, serializer: Any) -> None:
        raise MethodNotAllowed("POST")

    def perform_update(self, serializer: Any) -> None:
        raise MethodNotAllowed("PUT")
