"""State changes of the core app. Each is one function: transaction, permission and state checks,
audit record. Views, the API, commands and tests call these; nothing else writes core records."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from greenmine.core.audit import diff, record_event, snapshot
from greenmine.core.choices import KINDS_WITH_USCC, CalendarDayKind, MembershipRole, OrganisationKind
from greenmine.core.divisions import DivisionCodeError, level_of, parent_code, validate_code
from greenmine.core.models import (
    CalendarDay,
    Division,
    Grant,
    HolidaySchedule,
    Membership,
    Organisation,
    User,
)
from greenmine.core.permissions import MANAGE, can, has_role_in, require
from greenmine.core.tasks import send_password_setup_email
from greenmine.core.validators import validate_uscc

ORGANISATION_FIELDS = (
    "name",
    "short_name",
    "kind",
    "division",
    "uscc",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "is_published",
)
USER_FIELDS = ("display_name", "email", "phone", "first_name", "last_name")


def _clean_organisation(data: dict[str, Any], instance: Organisation | None = None) -> dict[str, Any]:
    """Check one organisation's fields; a ValidationError names every bad field."""
    errors: dict[str, list[str]] = {}
    kind = data.get("kind", instance.kind if instance else "")
    if kind not in OrganisationKind.values:
        errors.setdefault("kind", []).append(_("Choose a kind of organisation."))
    name = (data.get("name", instance.name if instance else "") or "").strip()
    if not name:
        errors.setdefault("name", []).append(_("Enter the organisation's name."))
    data["name"] = name
    uscc = (data.get("uscc", instance.uscc if instance else "") or "").strip().upper()
    if uscc:
        try:
            uscc = validate_uscc(uscc)
        except ValidationError as exc:
            errors.setdefault("uscc", []).extend(exc.messages)
    elif kind in KINDS_WITH_USCC:
        errors.setdefault("uscc", []).append(
            _("This kind of organisation must give its unified social credit code.")
        )
    data["uscc"] = uscc
    division = data.get("division", instance.division if instance else None)
    if not isinstance(division, Division):
        errors.setdefault("division", []).append(_("Choose the administrative division."))
    if errors:
        raise ValidationError(errors)
    duplicate = Organisation.objects.filter(uscc=uscc) if uscc else Organisation.objects.none()
    if instance is not None:
        duplicate = duplicate.exclude(pk=instance.pk)
    if duplicate.exists():
        raise ValidationError(
            {"uscc": [_("Another organisation already has this unified social credit code.")]}
        )
    same_name = Organisation.objects.filter(kind=kind, name=name)
    if instance is not None:
        same_name = same_name.exclude(pk=instance.pk)
    if same_name.exists():
        raise ValidationError({"name": [_("An organisation of this kind with this name already exists.")]})
    return data


@transaction.atomic
def create_organisation(*, actor: User, **data: Any) -> Organisation:
    """Register an organisation. Only administrators of a bureau whose division contains it may."""
    if not has_role_in(actor, [OrganisationKind.BUREAU], MANAGE):
        raise PermissionDenied
    data = _clean_organisation({k: v for k, v in data.items() if k in ORGANISATION_FIELDS})
    organisation = Organisation.objects.create(created_by=actor, **data)
    require(actor, MANAGE, organisation)
    record_event(
        "organisation.created", actor=actor, obj=organisation, changes=diff(None, snapshot(organisation))
    )
    return organisation


@transaction.atomic
def update_organisation(*, actor: User, organisation: Organisation, **data: Any) -> Organisation:
    """Change an organisation's details: the bureau that manages it, or the organisation's own admin."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    manages = can(actor, MANAGE, organisation)
    if not manages and not can(actor, "change", organisation):
        raise PermissionDenied
    # An organisation's own admin keeps its contact details current; identity fields are the bureau's.
    allowed = (
        ORGANISATION_FIELDS
        if manages
        else ("short_name", "legal_representative", "contact_person", "phone", "email", "address")
    )
    data = {k: v for k, v in data.items() if k in allowed}
    before = snapshot(organisation)
    data = _clean_organisation(data, instance=organisation)
    for field, value in data.items():
        setattr(organisation, field, value)
    organisation.save(update_fields=[*data.keys(), "updated_at"])
    if manages:
        require(actor, MANAGE, organisation)  # a changed division must stay inside the actor's own
    changes = diff(before, snapshot(organisation))
    if changes["after"]:
        record_event("organisation.updated", actor=actor, obj=organisation, changes=changes)
    return organisation


@transaction.atomic
def set_organisation_active(*, actor: User, organisation: Organisation, active: bool) -> Organisation:
    """Deactivate (or reactivate) an organisation; its members lose access while it is inactive."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    require(actor, MANAGE, organisation)
    if organisation.is_active == active:
        return organisation
    organisation.is_active = active
    organisation.save(update_fields=["is_active", "updated_at"])
    record_event(
        "organisation.activated" if active else "organisation.deactivated",
        actor=actor,
        obj=organisation,
        changes=diff({"is_active": not active}, {"is_active": active}),
    )
    return organisation


def _check_username(username: str) -> str:
    username = (username or "").strip()
    if not username:
        raise ValidationError({"username": [_("Enter a user name.")]})
    User.username_validator(username)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": [_("This user name is taken.")]})
    return username


@transaction.atomic
def create_user(
    *,
    actor: User,
    username: str,
    organisation: Organisation,
    role: str = MembershipRole.STAFF,
    password: str | None = None,
    **data: Any,
) -> User:
    """Create an account in an organisation the actor manages. Without a password the account cannot
    log in until it is set (by a reset e-mail or an administrator)."""
    try:
        username = _check_username(username)
    except ValidationError as exc:
        raise ValidationError({"username": exc.messages}) from None
    if role not in MembershipRole.values:
        raise ValidationError({"role": [_("Choose a role.")]})
    user = User(username=username, **{k: v for k, v in data.items() if k in USER_FIELDS})
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from None
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    membership = Membership.objects.create(user=user, organisation=organisation, role=role, created_by=actor)
    require(actor, MANAGE, membership)
    record_event(
        "user.created",
        actor=actor,
        obj=user,
        organisation=organisation,
        changes={"after": {**snapshot(user, USER_FIELDS), "username": username, "role": role}},
    )
    if not password and user.email:
        # The account has no password yet: mail it the link to set one, once the account is committed.
        language = get_language() or settings.LANGUAGE_CODE
        transaction.on_commit(lambda: send_password_setup_email.enqueue(user.pk, language))
    return user


@transaction.atomic
def update_user(*, actor: User, user: User, **data: Any) -> User:
    """Change a user's name and contact details (the user, or an admin who manages them)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if actor.pk != user.pk:
        require(actor, MANAGE, user)
    before = snapshot(user, USER_FIELDS)
    fields = [k for k in data if k in USER_FIELDS]
    for field in fields:
        setattr(user, field, data[field])
    user.save(update_fields=fields)
    changes = diff(before, snapshot(user, USER_FIELDS))
    if changes["after"]:
        record_event("user.updated", actor=actor, obj=user, changes=changes)
    return user


@transaction.atomic
def set_user_active(*, actor: User, user: User, active: bool) -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    require(actor, MANAGE, user)
    if user.pk == actor.pk and not active:
        raise ValidationError(_("You cannot deactivate your own account."))
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        record_event("user.activated" if active else "user.deactivated", actor=actor, obj=user)
    return user


def _set_password(user: User, password: str) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
    user.has_demo_password = False
    user.save(update_fields=["password", "has_demo_password"])


@transaction.atomic
def change_own_password(*, actor: User, new_password: str) -> User:
    """The user sets a new password (the old one was checked by the form)."""
    user = User.objects.select_for_update().get(pk=actor.pk)
    _set_password(user, new_password)
    record_event("user.password_changed", actor=actor, obj=user)
    return user


@transaction.atomic
def reset_password_by_token(*, user: User, new_password: str) -> User:
    """The user sets a password through an e-mailed reset link (the token was checked by the view)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    _set_password(user, new_password)
    axes_reset(username=user.username)
    record_event("user.password_reset_by_email", actor=user, obj=user)
    return user


@transaction.atomic
def admin_reset_password(*, actor: User, user: User, new_password: str) -> User:
    """An administrator sets a user's password (and lifts a lockout)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    require(actor, MANAGE, user)
    _set_password(user, new_password)
    axes_reset(username=user.username)
    record_event("user.password_reset_by_admin", actor=actor, obj=user)
    return user


@transaction.atomic
def unlock_user(*, actor: User, user: User) -> int:
    """Lift a login lockout early; returns how many lockout records were cleared."""
    require(actor, MANAGE, user)
    cleared = axes_reset(username=user.username)
    record_event("user.unlocked", actor=actor, obj=user, changes={"cleared_attempts": cleared})
    return cleared


@transaction.atomic
def set_membership_role(*, actor: User, membership: Membership, role: str) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    require(actor, MANAGE, membership)
    if role not in MembershipRole.values:
        raise ValidationError({"role": [_("Choose a role.")]})
    before = membership.role
    if before != role:
        membership.role = role
        membership.save(update_fields=["role", "updated_at"])
        record_event(
            "membership.role_changed",
            actor=actor,
            obj=membership,
            organisation=membership.organisation,
            changes=diff({"role": before}, {"role": role}),
        )
    return membership


@transaction.atomic
def grant_access(
    *,
    actor: User,
    obj: models.Model,
    action: str,
    user: User | None = None,
    organisation: Organisation | None = None,
    reason: str = "",
    valid_until: datetime | None = None,
) -> Grant:
    """Give one user or organisation a right on one record. The actor must hold that right itself
    (nobody hands out what they do not have)."""
    if (user is None) == (organisation is None):
        raise ValidationError(_("A grant goes to exactly one user or one organisation."))
    if not can(actor, action if action != "*" else MANAGE, obj):
        raise PermissionDenied
    grant = Grant.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        user=user,
        organisation=organisation,
        action=action,
        reason=reason,
        valid_until=valid_until,
        created_by=actor,
    )
    record_event(
        "grant.created",
        actor=actor,
        obj=obj,
        changes={
            "after": {
                "grant": grant.pk,
                "action": action,
                "user": getattr(user, "pk", None),
                "organisation": getattr(organisation, "pk", None),
                "reason": reason,
            }
        },
    )
    return grant


@transaction.atomic
def revoke_grant(*, actor: User, grant: Grant) -> None:
    target = grant.content_type.get_object_for_this_type(pk=grant.object_id)
    if not can(actor, MANAGE, target) and grant.created_by_id != actor.pk:
        raise PermissionDenied
    record_event(
        "grant.revoked",
        actor=actor,
        obj=target,
        changes={"before": {"grant": grant.pk, "action": grant.action}},
    )
    grant.delete()


def _require_calendar_admin(actor: User) -> None:
    if not has_role_in(actor, [OrganisationKind.BUREAU], MANAGE):
        raise PermissionDenied


@transaction.atomic
def set_calendar_day(*, actor: User, day: date, kind: str, name: str = "") -> CalendarDay:
    """Enter a holiday or a make-up working day; it wins over the package's calendar."""
    _require_calendar_admin(actor)
    if kind not in CalendarDayKind.values:
        raise ValidationError({"kind": [_("Choose holiday or make-up working day.")]})
    existing = CalendarDay.objects.filter(date=day).first()
    before = snapshot(existing) if existing else None
    entry, _created = CalendarDay.objects.update_or_create(
        date=day, defaults={"kind": kind, "name": name.strip(), "created_by": actor}
    )
    record_event("calendar.day_set", actor=actor, obj=entry, changes=diff(before, snapshot(entry)))
    return entry


@transaction.atomic
def delete_calendar_day(*, actor: User, entry: CalendarDay) -> None:
    _require_calendar_admin(actor)
    record_event("calendar.day_deleted", actor=actor, obj=entry, changes=diff(snapshot(entry), None))
    entry.delete()


@transaction.atomic
def mark_schedule_entered(*, actor: User, year: int, source: str = "") -> HolidaySchedule:
    """Declare a year's holiday schedule complete, so working days can be counted in it."""
    _require_calendar_admin(actor)
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": [_("Enter a year between 2000 and 2100.")]})
    schedule, created = HolidaySchedule.objects.get_or_create(
        year=year, defaults={"source": source.strip(), "created_by": actor}
    )
    if created:
        record_event(
            "calendar.schedule_entered",
            actor=actor,
            obj=schedule,
            changes={"after": {"year": year, "source": source}},
        )
    return schedule


def ensure_division(code: str, name: str) -> Division:
    """Create a division (and nothing else) if missing; used by data loading, not by users."""
    try:
        validate_code(code)
    except DivisionCodeError as exc:
        raise ValidationError({"division": [str(exc)]}) from None
    parent = parent_code(code)
    division, _created = Division.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "level": level_of(code),
            "parent_id": parent if parent and Division.objects.filter(code=parent).exists() else None,
        },
    )
    return division


@transaction.atomic
def bootstrap_bureau(
    *,
    name: str,
    division_code: str,
    admin_username: str,
    admin_password: str | None,
    admin_display_name: str = "",
) -> User:
    """Set up a new installation: its natural resources bureau and the bureau's first administrator.

    This is the one write that has no acting user (nobody exists yet), so it is refused once the
    division already has a bureau; every later account is created by an administrator.
    """
    division = Division.objects.filter(code=division_code).first()
    if division is None:
        raise ValidationError(
            {"division": [_("Unknown administrative division code %(code)s.") % {"code": division_code}]}
        )
    if Organisation.objects.filter(kind=OrganisationKind.BUREAU, division=division).exists():
        raise ValidationError(
            {
                "division": [
                    _("This division already has a bureau; its administrators create further accounts.")
                ]
            }
        )
    bureau = Organisation.objects.create(name=name.strip(), kind=OrganisationKind.BUREAU, division=division)
    admin = User(username=_check_username(admin_username), display_name=admin_display_name)
    if admin_password:
        try:
            validate_password(admin_password, admin)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from None
        admin.set_password(admin_password)
    else:
        admin.set_unusable_password()
    admin.save()
    Membership.objects.create(user=admin, organisation=bureau, role=MembershipRole.ADMIN)
    record_event(
        "installation.bootstrapped",
        actor=None,
        obj=bureau,
        changes={"after": {"bureau": bureau.name, "division": division_code, "admin": admin.username}},
    )
    return admin
