"""The one permission primitive: `Model.objects.restrict(user, action)` and `access_object(...)`.

Every view, API route, export and report starts from these two. A model says who may do what with
its records by a `Scope` class attribute; grants add per-object rights without new code:

- anonymous visitors see what the model's `published` filter lets through, and nothing else;
- a bureau or department sees records whose division code lies inside its own division;
- an enterprise (or any owning organisation) sees the records it owns;
- a township sees the records of its township;
- anyone may hold an explicit Grant on one record (an assessor assigned to an assessment, a
  department a record is shared with);
- the member's role caps the action: viewers only view, staff do everything but `manage`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import DataError, models
from django.db.models import Q
from django.http import Http404

from greenmine.core.choices import MembershipRole, OrganisationKind
from greenmine.core.divisions import scope_prefix

if TYPE_CHECKING:
    from greenmine.core.models import Membership

VIEW = "view"
ADD = "add"
CHANGE = "change"
DELETE = "delete"
MANAGE = "manage"  # administering users and organisations: admins only
ALL = frozenset({"*"})
NOTHING: Q = Q(pk__in=[])
# Not Q(): an empty Q vanishes when OR-ed with another (Q(a) | Q() == Q(a)), so "every record" must
# be a real condition.
EVERYTHING: Q = Q(pk__isnull=False)

ADMIN_ONLY_ACTIONS = frozenset({MANAGE})
HTTP_ACTIONS = {
    "GET": VIEW,
    "HEAD": VIEW,
    "OPTIONS": VIEW,
    "POST": ADD,
    "PUT": CHANGE,
    "PATCH": CHANGE,
    "DELETE": DELETE,
}


def _allows(actions: frozenset[str], action: str) -> bool:
    return "*" in actions or action in actions


@dataclass(frozen=True)
class Scope:
    """How a model's records relate to organisations, divisions and the public.

    Paths are ORM lookups from the model: `division` to a division code string, `owner` and
    `township` to an Organisation primary key. Paths should follow forward foreign keys only, so the
    filter never multiplies rows.
    """

    division: str | None = None
    owner: str | None = None
    township: str | None = None
    published: Callable[[], Q] | None = None
    bureau_actions: frozenset[str] = ALL
    department_actions: frozenset[str] = frozenset({VIEW})
    township_actions: frozenset[str] = frozenset({VIEW})
    owner_actions: frozenset[str] = frozenset({VIEW})
    # Extra rule for shapes the paths cannot say (e.g. users, seen through their memberships).
    custom: Callable[[Any, str, list[Membership]], Q] | None = None
    kinds_by_division: frozenset[str] = field(
        default=frozenset({OrganisationKind.BUREAU, OrganisationKind.DEPARTMENT})
    )


def role_allows(role: str, action: str) -> bool:
    """Viewers only view; staff do everything but administer; admins do everything."""
    if role == MembershipRole.ADMIN:
        return True
    if role == MembershipRole.STAFF:
        return action not in ADMIN_ONLY_ACTIONS
    return action == VIEW


def memberships_of(user: Any) -> list[Membership]:
    """The user's active memberships with their organisations, cached on the user object per request."""
    cached = getattr(user, "_greenmine_memberships", None)
    if cached is None:
        cached = list(
            apps.get_model("core", "Membership")
            .objects.select_related("organisation")
            .filter(user=user, organisation__is_active=True)
        )
        user._greenmine_memberships = cached
    return cached


def scope_q(model: type[models.Model], user: Any, action: str) -> Q:
    """The filter of `model` records that `user` may perform `action` on."""
    scope: Scope = model.scope  # type: ignore[attr-defined]
    if user is None or not user.is_authenticated or not user.is_active:
        if action == VIEW and scope.published is not None:
            return scope.published()
        return NOTHING
    if user.is_superuser:
        return Q()
    q = NOTHING
    memberships = memberships_of(user)
    for membership in memberships:
        if not role_allows(membership.role, action):
            continue
        org = membership.organisation
        if scope.division and org.kind in scope.kinds_by_division:
            actions = (
                scope.bureau_actions if org.kind == OrganisationKind.BUREAU else scope.department_actions
            )
            if _allows(actions, action):
                q |= Q(**{f"{scope.division}__startswith": scope_prefix(org.division_id)})
        if (
            scope.township
            and org.kind == OrganisationKind.TOWNSHIP
            and _allows(scope.township_actions, action)
        ):
            q |= Q(**{scope.township: org.pk})
        if scope.owner and _allows(scope.owner_actions, action):
            q |= Q(**{scope.owner: org.pk})
    if scope.custom is not None:
        q |= scope.custom(user, action, memberships)
    q |= grant_q(model, user, action, memberships)
    if action == VIEW and scope.published is not None:
        q |= scope.published()
    return q


def grant_q(model: type[models.Model], user: Any, action: str, memberships: list[Membership]) -> Q:
    """Records on which the user, or an organisation the user acts for, holds a live grant."""
    grant_model = apps.get_model("core", "Grant")
    org_ids = [m.organisation_id for m in memberships if role_allows(m.role, action)]
    holder = Q(user=user)
    if org_ids:
        holder |= Q(organisation_id__in=org_ids)
    grants = grant_model.objects.live().for_model(model).filter(holder, Q(action=action) | Q(action="*"))
    return Q(pk__in=grants.values("object_id"))


class RestrictedQuerySet(models.QuerySet):
    """A QuerySet that knows the permission primitive."""

    def restrict(self, user: Any, action: str = VIEW) -> RestrictedQuerySet:
        """Only the records `user` may perform `action` on."""
        return self.filter(scope_q(self.model, user, action))


RestrictedManager = models.Manager.from_queryset(RestrictedQuerySet)


def access_object(
    queryset_or_model: models.QuerySet | type[models.Model], user: Any, action: str = VIEW, **lookup: Any
) -> Any:
    """Fetch one record and check `action` on it: the object, or Http404 / PermissionDenied.

    A record the user cannot even see is a 404 (its existence is not disclosed); one the user can
    see but not act on is a 403.
    """
    if isinstance(queryset_or_model, models.QuerySet):
        queryset = queryset_or_model
    else:
        queryset = queryset_or_model._default_manager.all()
    try:
        return queryset.restrict(user, action).get(**lookup)
    except queryset.model.DoesNotExist:
        if action != VIEW and queryset.restrict(user, VIEW).filter(**lookup).exists():
            raise PermissionDenied from None
        raise Http404 from None
    except (ValueError, TypeError, OverflowError, DataError):  # a malformed or out-of-range key in the URL
        raise Http404 from None


def can(user: Any, action: str, obj: models.Model) -> bool:
    """Whether `user` may perform `action` on this saved record."""
    return type(obj)._default_manager.filter(pk=obj.pk).restrict(user, action).exists()


def require(user: Any, action: str, obj: models.Model) -> None:
    """Raise PermissionDenied unless `user` may perform `action` on `obj` (services call it after writes)."""
    if not can(user, action, obj):
        raise PermissionDenied


def can_any(user: Any, model: type[models.Model], action: str) -> bool:
    """Whether `user` may perform `action` on at least some record of `model`, e.g. to show a button."""
    return model._default_manager.restrict(user, action).exists()  # type: ignore[attr-defined]


def member_kinds(user: Any) -> set[str]:
    """The organisation kinds the user belongs to (for navigation and home pages)."""
    if not user.is_authenticated:
        return set()
    return {m.organisation.kind for m in memberships_of(user)}


def has_role_in(user: Any, kinds: Iterable[str], action: str = VIEW) -> bool:
    """Whether the user is a member of an organisation of one of `kinds` with a role allowing `action`."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    kinds = set(kinds)
    return any(m.organisation.kind in kinds and role_allows(m.role, action) for m in memberships_of(user))
