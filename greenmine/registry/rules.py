"""Rules shared by the registry services: field checks that collect every error at once, the scale class,
the boundary check through the spatial library and the boundary version counter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _

from greenmine.core.audit import snapshot
from greenmine.core.choices import OrganisationKind
from greenmine.core.models import Organisation, User
from greenmine.core.permissions import ADD, has_role_in
from greenmine.registry.choices import ScaleClass
from greenmine.registry.models import BoundaryVersion, Mineral, MiningRight, RightPart, ScaleThreshold
from greenmine.spatial import CheckResult, check_boundary

RIGHTS_VERSION = "rights"
BUREAU = [OrganisationKind.BUREAU]


@dataclass(frozen=True)
class OverlapFound:
    """One existing right a boundary overlaps (returned to the caller; the view filters what it shows)."""

    right_id: int
    licence_no: str
    area_km2: float


# --- helpers -------------------------------------------------------------------------------------------


def _add(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _require_bureau_writer(actor: User) -> None:
    """Registry records are written by bureau staff and admins (viewers and other parties read)."""
    if not has_role_in(actor, BUREAU, ADD):
        raise PermissionDenied


def _decimal(value: Any, field: str, errors: dict[str, list[str]], *, minimum: Decimal | None = None) -> Any:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        _add(errors, field, _("Enter a number."))
        return None
    if not number.is_finite():
        _add(errors, field, _("Enter a number."))
        return None
    if minimum is not None and number < minimum:
        _add(errors, field, _("Enter a number not below %(min)s.") % {"min": minimum})
    return number


def _choice(value: Any, choices: type[models.TextChoices], field: str, errors: dict[str, list[str]]) -> Any:
    if value not in choices.values:
        _add(errors, field, _("Choose one of the listed values."))
    return value


def _org_of_kind(value: Any, kinds: set[str], field: str, errors: dict[str, list[str]], message: str) -> Any:
    if not isinstance(value, Organisation) or value.kind not in kinds:
        _add(errors, field, message)
    return value


def _dates_ordered(data: dict[str, Any], start: str, end: str, errors: dict[str, list[str]]) -> None:
    first, last = data.get(start), data.get(end)
    for name, value in ((start, first), (end, last)):
        if not isinstance(value, date):
            _add(errors, name, _("Enter a valid date."))
    if isinstance(first, date) and isinstance(last, date) and last <= first:
        _add(errors, end, _("The end date must be after the start date."))


def classify_scale(mineral: Mineral, mine_kind: str, scale: Decimal | None) -> str:
    """The 国土资发〔2004〕208号 scale class: the mine-kind-specific threshold row first, then the generic
    one; no scale or no threshold row → unclassified ('')."""
    if scale is None:
        return ScaleClass.UNCLASSIFIED
    rows = {
        t.mine_kind: t for t in ScaleThreshold.objects.filter(mineral=mineral, mine_kind__in=[mine_kind, ""])
    }
    threshold = rows.get(mine_kind) or rows.get("")
    return threshold.classify(scale) if threshold is not None else ScaleClass.UNCLASSIFIED


def bump_boundary_version() -> int:
    """Increase the rights' boundary version in the caller's transaction, so every process's overlap
    index sees the change once it commits (and never before)."""
    BoundaryVersion.objects.get_or_create(name=RIGHTS_VERSION)
    BoundaryVersion.objects.filter(name=RIGHTS_VERSION).update(version=F("version") + 1)
    return BoundaryVersion.objects.get(name=RIGHTS_VERSION).version


def boundary_errors(result: CheckResult) -> list[str]:
    """The library's errors as '第N行：message' (line 0 = the whole text)."""
    return [f"第{e.line}行：{e.message}" if e.line else e.message for e in result.errors]


def check_right_boundary(text: Any, zone: Any = None, licensed_area_km2: Any = None) -> CheckResult:
    """Run the spatial library's check on a boundary text; never raises on the text itself."""
    if not isinstance(text, str | bytes):
        text = ""
    try:
        zone_number = int(zone) if zone not in (None, "") else None
    except (TypeError, ValueError):
        zone_number = None
    area = float(licensed_area_km2) if isinstance(licensed_area_km2, Decimal | int | float) else None
    return check_boundary(text, zone=zone_number, licensed_area_km2=area)


def _apply_boundary(record: Any, result: CheckResult, text: str) -> None:
    """Copy the library's figures onto a BoundaryMixin record."""
    record.boundary_text = text
    record.zone = result.zone
    record.epsg = result.epsg
    record.area_km2 = None if result.area_km2 is None else Decimal(str(result.area_km2))
    record.plane_area_km2 = None if result.plane_area_km2 is None else Decimal(str(result.plane_area_km2))
    record.geojson = result.geojson or {}
    lons: list[float] = []
    lats: list[float] = []
    for feature in (result.geojson or {}).get("features", []):
        for ring in feature.get("geometry", {}).get("coordinates", []):
            for lon, lat in ring:
                lons.append(lon)
                lats.append(lat)
    record.min_lon, record.max_lon = (min(lons), max(lons)) if lons else (None, None)
    record.min_lat, record.max_lat = (min(lats), max(lats)) if lats else (None, None)


def _validated_boundary(data: dict[str, Any], errors: dict[str, list[str]]) -> CheckResult | None:
    """Check `boundary_text` (+ optional `zone`); adds every '第N行' error under boundary_text."""
    text = data.get("boundary_text")
    if not isinstance(text, str) or not text.strip():
        _add(errors, "boundary_text", _("Enter the boundary coordinates."))
        return None
    result = check_right_boundary(text, data.get("zone"), data.get("licensed_area_km2"))
    for message in boundary_errors(result):
        _add(errors, "boundary_text", message)
    return result


def _save_parts(right: MiningRight, result: CheckResult) -> None:
    right.parts.all().delete()
    RightPart.objects.bulk_create(
        RightPart(
            right=right,
            order=i,
            name=(part.name or "")[:60],
            top_elevation=None if part.top_elevation is None else Decimal(str(part.top_elevation)),
            bottom_elevation=None if part.bottom_elevation is None else Decimal(str(part.bottom_elevation)),
            points=part.points,
            area_km2=None if part.area_km2 is None else Decimal(str(part.area_km2)),
        )
        for i, part in enumerate(result.parts, start=1)
    )


def _overlaps_of(right: MiningRight) -> list[OverlapFound]:
    from greenmine.registry.overlap import overlaps_for_boundary  # the index module imports the models

    return overlaps_for_boundary(right.geojson, exclude_pk=right.pk)


def _right_snapshot(right: Any) -> dict[str, Any]:
    data = snapshot(right)
    data.pop("geojson", None)  # derived from boundary_text, which is in the diff already
    return data
