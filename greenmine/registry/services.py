"""State changes of the registry. Each is one function: transaction, permission and state checks,
audit record. Views, the API, the demo, imports and tests call these; nothing else writes registry records.

Who may write: bureau staff and admins of a division containing the record (the models' Scope gives
the bureau every action; the member's role caps it). Every function checks with `require`/`can` after
the write, as the core services do, so a record moved outside the actor's division is refused and the
transaction rolled back.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from greenmine.core.audit import diff, record_event, snapshot
from greenmine.core.choices import OrganisationKind
from greenmine.core.models import Organisation, User
from greenmine.core.permissions import ADD, CHANGE, can, require
from greenmine.registry.choices import (
    ExplorationStage,
    GreenStatus,
    MineKind,
    MineStatus,
    RightStatus,
)
from greenmine.registry.models import (
    EnterpriseProfile,
    ExplorationProject,
    ExplorationRight,
    Mine,
    Mineral,
    MiningRight,
    TownshipProfile,
)
from greenmine.registry.rules import (  # noqa: F401 — re-exported: callers use services.check_right_boundary …
    BUREAU,
    RIGHTS_VERSION,
    OverlapFound,
    _add,
    _apply_boundary,
    _choice,
    _dates_ordered,
    _decimal,
    _org_of_kind,
    _overlaps_of,
    _require_bureau_writer,
    _right_snapshot,
    _save_parts,
    _validated_boundary,
    boundary_errors,
    bump_boundary_version,
    check_right_boundary,
    classify_scale,
)

MINE_FIELDS = (
    "name",
    "mineral",
    "mine_kind",
    "production_scale",
    "status",
    "green_status",
    "address",
    "longitude",
    "latitude",
    "notes",
)
MINING_RIGHT_FIELDS = ("licence_no", "holder", "valid_from", "valid_until", "licensed_area_km2", "status")
EXPLORATION_RIGHT_FIELDS = (
    "licence_no",
    "project_name",
    "holder",
    "mineral",
    "stage",
    "valid_from",
    "valid_until",
    "licensed_area_km2",
    "status",
)
PROJECT_FIELDS = ("name", "stage", "starts_on", "ends_on", "methods")
ENTERPRISE_PROFILE_FIELDS = (
    "registered_capital",
    "established_on",
    "safety_licence_no",
    "safety_licence_valid_until",
    "employees",
)
TOWNSHIP_PROFILE_FIELDS = ("head", "mining_contact", "phone")


# --- mines ---------------------------------------------------------------------------------------------


def _clean_mine(data: dict[str, Any], errors: dict[str, list[str]]) -> dict[str, Any]:
    name = (data.get("name") or "").strip() if isinstance(data.get("name"), str) else ""
    if not name:
        _add(errors, "name", _("Enter the mine's name."))
    data["name"] = name
    if not isinstance(data.get("mineral"), Mineral):
        _add(errors, "mineral", _("Choose a mineral from the code list."))
    _choice(data.get("mine_kind"), MineKind, "mine_kind", errors)
    data.setdefault("status", MineStatus.PRODUCING)
    data.setdefault("green_status", GreenStatus.NOT_STARTED)
    _choice(data.get("status"), MineStatus, "status", errors)
    _choice(data.get("green_status"), GreenStatus, "green_status", errors)
    data["production_scale"] = _decimal(
        data.get("production_scale"), "production_scale", errors, minimum=Decimal(0)
    )
    for field, low, high in (("longitude", -180, 180), ("latitude", -90, 90)):
        value = data.get(field)
        if value in (None, ""):
            data[field] = None
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            _add(errors, field, _("Enter a number."))
            continue
        if not low <= number <= high:
            _add(errors, field, _("Enter a value between %(low)s and %(high)s.") % {"low": low, "high": high})
        data[field] = number
    for field in ("address", "notes"):
        data[field] = data.get(field) or ""
    return data


def _check_parties(enterprise: Any, township: Any, errors: dict[str, list[str]]) -> None:
    _org_of_kind(
        enterprise, {OrganisationKind.ENTERPRISE}, "enterprise", errors, _("Choose a mining enterprise.")
    )
    _org_of_kind(township, {OrganisationKind.TOWNSHIP}, "township", errors, _("Choose a township."))


@transaction.atomic
def create_mine(*, actor: User, enterprise: Organisation, township: Organisation, **data: Any) -> Mine:
    """Register a mine. Rules: bureau staff/admins only, inside their division; the enterprise is a mining
    enterprise and the township a township government; the division is the township's; the scale class is
    derived from the thresholds, never typed in."""
    _require_bureau_writer(actor)
    errors: dict[str, list[str]] = {}
    data = _clean_mine({k: v for k, v in data.items() if k in MINE_FIELDS}, errors)
    _check_parties(enterprise, township, errors)
    if errors:
        raise ValidationError(errors)
    mine = Mine(
        enterprise=enterprise,
        township=township,
        division_id=township.division_id,
        scale_class=classify_scale(data["mineral"], data["mine_kind"], data["production_scale"]),
        created_by=actor,
        **data,
    )
    mine.save()
    require(actor, ADD, mine)
    record_event(
        "mine.created", actor=actor, obj=mine, organisation=enterprise, changes=diff(None, snapshot(mine))
    )
    return mine


@transaction.atomic
def update_mine(*, actor: User, mine: Mine, **data: Any) -> Mine:
    """Change a mine's facts (same rules as `create_mine`); the scale class is derived again."""
    mine = Mine.objects.select_for_update().get(pk=mine.pk)
    require(actor, CHANGE, mine)
    before = snapshot(mine)
    errors: dict[str, list[str]] = {}
    merged = {f: getattr(mine, f) for f in MINE_FIELDS}
    merged.update({k: v for k, v in data.items() if k in MINE_FIELDS})
    merged = _clean_mine(merged, errors)
    owned = {GreenStatus.PROVINCIAL, GreenStatus.NATIONAL, GreenStatus.REMOVED}  # set by greenmine.listing
    if merged["green_status"] != mine.green_status and {merged["green_status"], mine.green_status} & owned:
        _add(errors, "green_status", _("Only the green-mine list sets or clears a listed or removed status."))
    enterprise = data.get("enterprise", mine.enterprise)
    township = data.get("township", mine.township)
    _check_parties(enterprise, township, errors)
    if errors:
        raise ValidationError(errors)
    for field, value in merged.items():
        setattr(mine, field, value)
    mine.enterprise = enterprise
    mine.township = township
    mine.division_id = township.division_id
    mine.scale_class = classify_scale(mine.mineral, mine.mine_kind, mine.production_scale)
    mine.save()
    require(actor, CHANGE, mine)  # a township moved outside the actor's division is refused
    changes = diff(before, snapshot(mine))
    if changes["after"]:
        record_event("mine.updated", actor=actor, obj=mine, organisation=mine.enterprise, changes=changes)
    return mine


# --- mining rights ---------------------------------------------------------------------------------------


def _clean_right_fields(
    data: dict[str, Any], errors: dict[str, list[str]], instance: Any, model: Any
) -> None:
    licence_no = data.get("licence_no")
    licence_no = licence_no.strip() if isinstance(licence_no, str) else ""
    if not licence_no:
        _add(errors, "licence_no", _("Enter the licence number."))
    else:
        duplicate = model.objects.filter(licence_no=licence_no)
        if instance is not None:
            duplicate = duplicate.exclude(pk=instance.pk)
        if duplicate.exists():
            _add(errors, "licence_no", _("A right with this licence number already exists."))
    data["licence_no"] = licence_no
    _dates_ordered(data, "valid_from", "valid_until", errors)
    data["licensed_area_km2"] = _decimal(
        data.get("licensed_area_km2"), "licensed_area_km2", errors, minimum=Decimal(0)
    )
    data.setdefault("status", RightStatus.VALID)
    _choice(data.get("status"), RightStatus, "status", errors)


@transaction.atomic
def create_mining_right(
    *, actor: User, mine: Mine, boundary_text: str, zone: int | None = None, **data: Any
) -> tuple[MiningRight, list[OverlapFound]]:
    """Register a mining licence of `mine`. Rules: bureau writers only; the holder is an enterprise; the
    boundary must pass the spatial library's check (every '第N行' error refused at once); areas, zone and
    GeoJSON are computed, never typed; the boundary version is bumped in the same transaction. Returns the
    right and every existing right its boundary overlaps."""
    _require_bureau_writer(actor)
    require(actor, CHANGE, mine)
    errors: dict[str, list[str]] = {}
    data = {k: v for k, v in data.items() if k in MINING_RIGHT_FIELDS}
    data.setdefault("holder", mine.enterprise)
    _clean_right_fields(data, errors, None, MiningRight)
    _org_of_kind(
        data["holder"], {OrganisationKind.ENTERPRISE}, "holder", errors, _("Choose a mining enterprise.")
    )
    result = _validated_boundary({**data, "boundary_text": boundary_text, "zone": zone}, errors)
    if errors:
        raise ValidationError(errors)
    assert result is not None  # noqa: S101 — no errors means the boundary was checked
    right = MiningRight(mine=mine, created_by=actor, **data)
    _apply_boundary(right, result, boundary_text)
    right.save()
    _save_parts(right, result)
    require(actor, ADD, right)
    bump_boundary_version()
    changes = diff(None, _right_snapshot(right))
    changes["warnings"] = list(result.warnings)
    record_event("mining_right.created", actor=actor, obj=right, organisation=right.holder, changes=changes)
    return right, _overlaps_of(right)


@transaction.atomic
def update_mining_right(
    *, actor: User, right: MiningRight, boundary_text: str | None = None, zone: int | None = None, **data: Any
) -> tuple[MiningRight, list[OverlapFound]]:
    """Change a mining licence (same rules as `create_mining_right`). A changed boundary is checked again,
    its parts replaced and the boundary version bumped; returns the right and its current overlaps."""
    right = MiningRight.objects.select_for_update().get(pk=right.pk)
    require(actor, CHANGE, right)
    before = _right_snapshot(right)
    errors: dict[str, list[str]] = {}
    merged = {f: getattr(right, f) for f in MINING_RIGHT_FIELDS}
    merged.update({k: v for k, v in data.items() if k in MINING_RIGHT_FIELDS})
    _clean_right_fields(merged, errors, right, MiningRight)
    _org_of_kind(
        merged["holder"], {OrganisationKind.ENTERPRISE}, "holder", errors, _("Choose a mining enterprise.")
    )
    text = right.boundary_text if boundary_text is None else boundary_text
    boundary_changed = text != right.boundary_text or (zone is not None and zone != right.zone)
    licensed_changed = merged["licensed_area_km2"] != right.licensed_area_km2
    result = None
    if boundary_changed or licensed_changed:
        result = _validated_boundary({**merged, "boundary_text": text, "zone": zone}, errors)
    if errors:
        raise ValidationError(errors)
    for field, value in merged.items():
        setattr(right, field, value)
    if boundary_changed and result is not None:
        _apply_boundary(right, result, text)
    right.save()
    if boundary_changed and result is not None:
        _save_parts(right, result)
        bump_boundary_version()
    require(actor, CHANGE, right)
    changes = diff(before, _right_snapshot(right))
    if result is not None and result.warnings:
        changes["warnings"] = list(result.warnings)
    if changes["after"]:
        record_event(
            "mining_right.updated", actor=actor, obj=right, organisation=right.holder, changes=changes
        )
    return right, _overlaps_of(right)


# --- exploration ----------------------------------------------------------------------------------------


def _clean_exploration(data: dict[str, Any], errors: dict[str, list[str]], instance: Any) -> None:
    _clean_right_fields(data, errors, instance, ExplorationRight)
    name = data.get("project_name")
    data["project_name"] = name.strip() if isinstance(name, str) else ""
    if not data["project_name"]:
        _add(errors, "project_name", _("Enter the project name."))
    if not isinstance(data.get("mineral"), Mineral):
        _add(errors, "mineral", _("Choose a mineral from the code list."))
    _choice(data.get("stage"), ExplorationStage, "stage", errors)
    _org_of_kind(
        data.get("holder"),
        {OrganisationKind.ENTERPRISE, OrganisationKind.EXPLORATION_UNIT},
        "holder",
        errors,
        _("Choose an enterprise or exploration unit."),
    )


@transaction.atomic
def create_exploration_right(
    *,
    actor: User,
    holder: Organisation,
    township: Organisation,
    boundary_text: str,
    zone: int | None = None,
    **data: Any,
) -> ExplorationRight:
    """Register an exploration licence. Rules: bureau writers only; holder an enterprise or exploration unit;
    township a township (its division is the right's); the boundary passes the library's check."""
    _require_bureau_writer(actor)
    errors: dict[str, list[str]] = {}
    data = {k: v for k, v in data.items() if k in EXPLORATION_RIGHT_FIELDS}
    data["holder"] = holder
    _clean_exploration(data, errors, None)
    _org_of_kind(township, {OrganisationKind.TOWNSHIP}, "township", errors, _("Choose a township."))
    result = _validated_boundary({**data, "boundary_text": boundary_text, "zone": zone}, errors)
    if errors:
        raise ValidationError(errors)
    assert result is not None  # noqa: S101
    right = ExplorationRight(township=township, division_id=township.division_id, created_by=actor, **data)
    _apply_boundary(right, result, boundary_text)
    right.save()
    require(actor, ADD, right)
    changes = diff(None, _right_snapshot(right))
    changes["warnings"] = list(result.warnings)
    record_event("exploration_right.created", actor=actor, obj=right, organisation=holder, changes=changes)
    return right


@transaction.atomic
def update_exploration_right(
    *,
    actor: User,
    right: ExplorationRight,
    boundary_text: str | None = None,
    zone: int | None = None,
    **data: Any,
) -> ExplorationRight:
    """Change an exploration licence (same rules as `create_exploration_right`)."""
    right = ExplorationRight.objects.select_for_update().get(pk=right.pk)
    require(actor, CHANGE, right)
    before = _right_snapshot(right)
    errors: dict[str, list[str]] = {}
    merged = {f: getattr(right, f) for f in EXPLORATION_RIGHT_FIELDS}
    merged.update({k: v for k, v in data.items() if k in EXPLORATION_RIGHT_FIELDS})
    _clean_exploration(merged, errors, right)
    township = data.get("township", right.township)
    _org_of_kind(township, {OrganisationKind.TOWNSHIP}, "township", errors, _("Choose a township."))
    text = right.boundary_text if boundary_text is None else boundary_text
    boundary_changed = text != right.boundary_text or (zone is not None and zone != right.zone)
    result = None
    if boundary_changed or merged["licensed_area_km2"] != right.licensed_area_km2:
        result = _validated_boundary({**merged, "boundary_text": text, "zone": zone}, errors)
    if errors:
        raise ValidationError(errors)
    for field, value in merged.items():
        setattr(right, field, value)
    right.township = township
    right.division_id = township.division_id
    if boundary_changed and result is not None:
        _apply_boundary(right, result, text)
    right.save()
    require(actor, CHANGE, right)
    changes = diff(before, _right_snapshot(right))
    if changes["after"]:
        record_event(
            "exploration_right.updated", actor=actor, obj=right, organisation=right.holder, changes=changes
        )
    return right


def _clean_project(data: dict[str, Any], errors: dict[str, list[str]]) -> None:
    name = data.get("name")
    data["name"] = name.strip() if isinstance(name, str) else ""
    if not data["name"]:
        _add(errors, "name", _("Enter the project's name."))
    _choice(data.get("stage"), ExplorationStage, "stage", errors)
    _dates_ordered(data, "starts_on", "ends_on", errors)
    methods = data.get("methods") or []
    if isinstance(methods, str):
        methods = [
            m.strip() for m in methods.replace("；", "\n").replace(";", "\n").splitlines() if m.strip()
        ]
    if not isinstance(methods, list) or not all(isinstance(m, str) for m in methods):
        _add(errors, "methods", _("Give the methods as a list of texts."))
        methods = []
    data["methods"] = methods


@transaction.atomic
def create_exploration_project(
    *, actor: User, right: ExplorationRight, exploration_unit: Organisation, **data: Any
) -> ExplorationProject:
    """Register exploration work under a right. Rules: whoever may change the right (bureau writers); the
    unit doing the work is an exploration unit (or the holding enterprise itself)."""
    require(actor, CHANGE, right)
    errors: dict[str, list[str]] = {}
    data = {k: v for k, v in data.items() if k in PROJECT_FIELDS}
    _clean_project(data, errors)
    _org_of_kind(
        exploration_unit,
        {OrganisationKind.EXPLORATION_UNIT, OrganisationKind.ENTERPRISE},
        "exploration_unit",
        errors,
        _("Choose an exploration unit."),
    )
    if errors:
        raise ValidationError(errors)
    project = ExplorationProject.objects.create(
        right=right, exploration_unit=exploration_unit, created_by=actor, **data
    )
    require(actor, ADD, project)
    record_event(
        "exploration_project.created",
        actor=actor,
        obj=project,
        organisation=exploration_unit,
        changes=diff(None, snapshot(project)),
    )
    return project


@transaction.atomic
def update_exploration_project(
    *, actor: User, project: ExplorationProject, **data: Any
) -> ExplorationProject:
    """Change exploration work (same rules as `create_exploration_project`)."""
    project = ExplorationProject.objects.select_for_update().get(pk=project.pk)
    require(actor, CHANGE, project)
    before = snapshot(project)
    errors: dict[str, list[str]] = {}
    merged = {f: getattr(project, f) for f in PROJECT_FIELDS}
    merged.update({k: v for k, v in data.items() if k in PROJECT_FIELDS})
    _clean_project(merged, errors)
    if errors:
        raise ValidationError(errors)
    for field, value in merged.items():
        setattr(project, field, value)
    project.save()
    changes = diff(before, snapshot(project))
    if changes["after"]:
        record_event(
            "exploration_project.updated",
            actor=actor,
            obj=project,
            organisation=project.exploration_unit,
            changes=changes,
        )
    return project


# --- profiles ----------------------------------------------------------------------------------------------


@transaction.atomic
def update_enterprise_profile(*, actor: User, organisation: Organisation, **data: Any) -> EnterpriseProfile:
    """Keep an enterprise's (or exploration unit's) registry facts: the bureau, or the organisation's own
    staff (the profile's Scope gives owners 'change'). The profile is created on first save."""
    if organisation.kind not in (OrganisationKind.ENTERPRISE, OrganisationKind.EXPLORATION_UNIT):
        raise ValidationError(
            {"organisation": [_("Only enterprises and exploration units have this profile.")]}
        )
    profile, created = EnterpriseProfile.objects.select_for_update().get_or_create(
        organisation=organisation, defaults={"created_by": actor}
    )
    if not can(actor, CHANGE, profile):
        raise PermissionDenied
    before = {} if created else snapshot(profile)
    errors: dict[str, list[str]] = {}
    data = {k: v for k, v in data.items() if k in ENTERPRISE_PROFILE_FIELDS}
    if "registered_capital" in data:
        data["registered_capital"] = _decimal(
            data["registered_capital"], "registered_capital", errors, minimum=Decimal(0)
        )
    for field in ("established_on", "safety_licence_valid_until"):
        if field in data and data[field] in ("", None):
            data[field] = None
        elif field in data and not isinstance(data[field], date):
            _add(errors, field, _("Enter a valid date."))
    if "employees" in data and data["employees"] not in (None, ""):
        try:
            data["employees"] = int(data["employees"])
            if data["employees"] < 0:
                raise ValueError
        except (TypeError, ValueError):
            _add(errors, "employees", _("Enter a whole number."))
    elif "employees" in data:
        data["employees"] = None
    if "safety_licence_no" in data:
        data["safety_licence_no"] = (data["safety_licence_no"] or "").strip()
    if errors:
        raise ValidationError(errors)
    for field, value in data.items():
        setattr(profile, field, value)
    profile.save()
    changes = diff(before, snapshot(profile))
    if changes["after"]:
        record_event(
            "enterprise_profile.updated", actor=actor, obj=profile, organisation=organisation, changes=changes
        )
    return profile


@transaction.atomic
def update_township_profile(*, actor: User, organisation: Organisation, **data: Any) -> TownshipProfile:
    """Keep a township's registry facts: the bureau, or the township's own staff."""
    if organisation.kind != OrganisationKind.TOWNSHIP:
        raise ValidationError({"organisation": [_("Only townships have this profile.")]})
    profile, created = TownshipProfile.objects.select_for_update().get_or_create(
        organisation=organisation, defaults={"created_by": actor}
    )
    if not can(actor, CHANGE, profile):
        raise PermissionDenied
    before = {} if created else snapshot(profile)
    for field in TOWNSHIP_PROFILE_FIELDS:
        if field in data:
            value = data[field]
            setattr(
                profile, field, (value or "").strip() if isinstance(value, str | type(None)) else str(value)
            )
    profile.save()
    changes = diff(before, snapshot(profile))
    if changes["after"]:
        record_event(
            "township_profile.updated", actor=actor, obj=profile, organisation=organisation, changes=changes
        )
    return profile
