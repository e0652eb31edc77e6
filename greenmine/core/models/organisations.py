"""Divisions, organisations, users, memberships and grants: who is who, and who may see what."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from greenmine.core.choices import DivisionLevel, MembershipRole, OrganisationKind
from greenmine.core.models.base import BaseModel
from greenmine.core.permissions import MANAGE, VIEW, RestrictedManager, RestrictedQuerySet, Scope


class Division(models.Model):
    """An administrative division (GB/T 2260 code; nine digits for townships). Scopes follow its tree."""

    code = models.CharField(_("division code"), max_length=9, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=12, choices=DivisionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent division"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("administrative division")
        verbose_name_plural = _("administrative divisions")

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


def _users_through_memberships(user, action, memberships) -> Q:  # noqa: ANN001
    """A user sees their own account; organisation admins see the accounts of their members."""
    q = Q(pk=user.pk) if action == VIEW else Q(pk__in=[])
    visible = Membership.objects.restrict(user, MANAGE if action != VIEW else VIEW)
    return q | Q(pk__in=visible.values("user_id"))


class Organisation(BaseModel):
    """A party of the programme: the bureau, a department, a township, an enterprise, an exploration
    unit or an assessment agency. Later apps add profiles to it; there is no parallel table."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    division = models.ForeignKey(
        Division, verbose_name=_("administrative division"), on_delete=models.PROTECT, related_name="+"
    )
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=60, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_published = models.BooleanField(
        _("public profile"), default=False, help_text=_("Shown on the public portal.")
    )

    scope = Scope(
        division="division__code",
        owner="pk",
        township="pk",
        published=lambda: Q(is_published=True, is_active=True),
        owner_actions=frozenset({VIEW, "change"}),
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["uscc"], condition=~Q(uscc=""), name="%(app_label)s_%(class)s_unique_uscc"
            ),
            models.UniqueConstraint(fields=["kind", "name"], name="%(app_label)s_%(class)s_unique_kind_name"),
        ]

    def __str__(self) -> str:
        return self.name


class GreenMineUserManager(UserManager.from_queryset(RestrictedQuerySet)):  # type: ignore[misc]
    pass


class User(AbstractUser):
    """A person who logs in. What they may do comes from their memberships, never from the user row."""

    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # Set by the demo command, cleared by any password change; production refuses to start while set.
    has_demo_password = models.BooleanField(default=False, editable=False)

    objects = GreenMineUserManager()

    scope = Scope(custom=_users_through_memberships, division=None)

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username


class Membership(BaseModel):
    """A user's place in an organisation, with a role (admin / staff / viewer)."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.STAFF
    )

    scope = Scope(
        division="organisation__division__code",
        owner="organisation_id",
        owner_actions=frozenset({VIEW}),
        department_actions=frozenset(),
        township_actions=frozenset(),
        custom=lambda user, action, memberships: Q(user=user) if action == VIEW else Q(pk__in=[]),
    )

    class Meta:
        ordering = ["organisation__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="%(app_label)s_%(class)s_unique_user_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"


class GrantQuerySet(RestrictedQuerySet):
    def live(self) -> "GrantQuerySet":
        return self.filter(Q(valid_until__isnull=True) | Q(valid_until__gt=timezone.now()))

    def for_model(self, model: type[models.Model]) -> "GrantQuerySet":
        return self.filter(content_type=ContentType.objects.get_for_model(model))


class Grant(BaseModel):
    """An explicit right on one record for a user or an organisation. Later apps add grants (an assessor
    assigned to an assessment, a department a record is shared with) instead of new permission code."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    user = models.ForeignKey(User, on_delete=models.CASCADE, null=True, blank=True, related_name="grants")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="grants"
    )
    action = models.CharField(
        _("action"), max_length=30, help_text=_("An action name, or * for every action.")
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)

    objects = RestrictedManager.from_queryset(GrantQuerySet)()

    # Grants are read through the primitive; a holder sees its own. They are written only by services.
    scope = Scope(custom=lambda user, action, memberships: Q(user=user) if action == VIEW else Q(pk__in=[]))

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_grant_object_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(user__isnull=False, organisation__isnull=True)
                    | Q(user__isnull=True, organisation__isnull=False)
                ),
                name="%(app_label)s_%(class)s_one_holder",
            )
        ]

    def __str__(self) -> str:
        return f"{self.action} on {self.content_type.model}#{self.object_id}"
