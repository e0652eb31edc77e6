"""The API side of the permission primitive: authentication required (unless a viewset is public),
and the action a request needs, named once per HTTP method or custom action."""

from typing import Any

from rest_framework.permissions import BasePermission

from greenmine.core.permissions import HTTP_ACTIONS


def required_action(request: Any, view: Any) -> str:
    """The action a request needs: the viewset's declared one for custom actions, else by HTTP method."""
    custom = getattr(view, "action_permissions", {}).get(getattr(view, "action", None))
    return custom or HTTP_ACTIONS.get(request.method, "view")


class RestrictedActionPermission(BasePermission):
    """Signed-in users only, unless the view says `public = True` (then read-only for visitors).
    Which records a user may act on is decided by `restrict()` in the viewset's queryset."""

    def has_permission(self, request: Any, view: Any) -> bool:
        if request.user and request.user.is_authenticated:
            return True
        return bool(getattr(view, "public", False)) and required_action(request, view) == "view"
