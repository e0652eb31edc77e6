"""State changes of the admission app: layer imports, checks, rules, withdrawal cases.

Each is one function: `@transaction.atomic`, a keyword-only `actor` (None = the system, e.g. a command
run on the server after a bare migrate), the permission and state checks, the rows, one `record_event`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from greenmine.admission import engine
from greenmine.admission.choices import ApplicationType, CaseStatus, LayerKind, RightKind, Verdict
from greenmine.admission.index import current_index
from greenmine.admission.layerio import LayerFileError, read_layer, to_geojson
from greenmine.admission.models import (
    AdmissionCheck,
    AdmissionRule,
    LayerFeature,
    LayerVersion,
    ReferenceLayer,
    WithdrawalCase,
    WithdrawalProgress,
)
from greenmine.core.audit import diff, record_event, snapshot
from greenmine.core.choices import OrganisationKind
from greenmine.core.permissions import ADD, CHANGE, MANAGE, has_role_in, memberships_of, require
from greenmine.spatial import CheckResult, check_boundary, footprint_from_geojson

BUREAU = [OrganisationKind.BUREAU]
DEFAULT_RADIUS_M = 1000.0
MAX_RADIUS_M = 50_000.0


class BoundaryInvalid(ValidationError):
    """The application's boundary itself is invalid; `result` holds the spatial library's findings."""

    def __init__(self, result: CheckResult) -> None:
        self.result = result
        messages = [f"第{e.line}行：{e.message}" if e.line else e.message for e in result.errors]
        super().__init__({"boundary_text": messages or [_("The boundary could not be read.")]})


@dataclass
class Computed:
    """A check's outcome before it is stored."""

    boundary: CheckResult
    result: dict[str, Any]
    versions: list[LayerVersion]
    rules: list[dict[str, Any]]
    radius_m: float


def _require_bureau(actor: Any, action: str) -> None:
    """Layers, rules and checks are the bureau's work; the system (actor None) may do them too."""
    if actor is not None and not has_role_in(actor, BUREAU, action):
        raise PermissionDenied


def _bureau_division(actor: Any) -> Any:
    if actor is None:
        return None
    for m in memberships_of(actor):
        if m.organisation.kind == OrganisationKind.BUREAU:
            return m.organisation.division
    return None


# --- layers ------------------------------------------------------------------------------------------


@transaction.atomic
def import_layer(
    *, actor: Any, data: bytes, filename: str, kind: str, name: str, description: str = ""
) -> LayerVersion:
    """Import a layer file as the next version of the layer (kind, name). Bureau admins (or the system).

    Raises ValidationError naming the problem for a bad kind, name or file.
    """
    _require_bureau(actor, MANAGE)
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    if kind not in LayerKind.values:
        errors["kind"] = [
            _("Unknown layer kind %(kind)s; use one of: %(kinds)s")
            % {"kind": kind, "kinds": ", ".join(LayerKind.values)}
        ]
    if not name:
        errors["name"] = [_("Enter the layer's name.")]
    if errors:
        raise ValidationError(errors)
    try:
        read = read_layer(data, filename)
    except LayerFileError as exc:
        raise ValidationError({"file": [str(exc)]}) from None
    layer, created = ReferenceLayer.objects.get_or_create(
        kind=kind, name=name[:200], defaults={"description": description, "created_by": actor}
    )
    if description and layer.description != description:
        layer.description = description
        layer.save(update_fields=["description", "updated_at"])
    number = (layer.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = LayerVersion.objects.create(
        layer=layer,
        number=number,
        source_name=filename[:255],
        sha256=read.sha256,
        source_crs=read.source_crs[:200],
        feature_count=len(read.features),
        repair_report=read.repairs,
        created_by=actor,
    )
    areas = engine.equal_area_km2([f.geometry for f in read.features])
    rows = []
    for f, area in zip(read.features, areas, strict=True):
        lon0, lat0, lon1, lat1 = f.geometry.bounds
        rows.append(
            LayerFeature(
                version=version,
                name=f.name,
                zone=f.zone,
                attributes=f.attributes,
                geometry=to_geojson(f.geometry),
                area_km2=area,
                min_lon=lon0,
                min_lat=lat0,
                max_lon=lon1,
                max_lat=lat1,
            )
        )
    LayerFeature.objects.bulk_create(rows, batch_size=2000)
    if actor is not None:
        require(actor, "view", version)
    record_event(
        "admission.layer_imported",
        actor=actor,
        obj=version,
        changes={
            "layer": layer.name,
            "kind": kind,
            "version": number,
            "features": len(rows),
            "repairs": len(read.repairs),
            "sha256": read.sha256,
            "new_layer": created,
        },
    )
    return version


# --- rules -------------------------------------------------------------------------------------------

RULE_FIELDS = (
    "overlap_verdict",
    "within_m",
    "within_verdict",
    "outside_verdict",
    "active",
    "note",
    "right_kind",
)


def active_rules() -> list[AdmissionRule]:
    return list(AdmissionRule.objects.filter(active=True).order_by("layer_kind", "right_kind", "pk"))


@transaction.atomic
def update_rule(*, actor: Any, rule: AdmissionRule, **data: Any) -> AdmissionRule:
    """Change what a layer kind means for the verdict. Bureau admins only; a change affects later checks
    only (each check stores the rules it used)."""
    _require_bureau(actor, MANAGE)
    rule = AdmissionRule.objects.select_for_update().get(pk=rule.pk)
    before = snapshot(rule)
    for key in RULE_FIELDS:
        if key in data:
            setattr(rule, key, data[key])
    if rule.within_m is not None and rule.within_m < 0:
        raise ValidationError({"within_m": [_("Enter a distance of zero or more metres.")]})
    rule.save()
    record_event("admission.rule_changed", actor=actor, obj=rule, changes=diff(before, snapshot(rule)))
    return rule


# --- checks ------------------------------------------------------------------------------------------


def _rule_tuple(rule: AdmissionRule) -> engine.Rule:
    return engine.Rule(
        rule.layer_kind,
        rule.overlap_verdict,
        rule.within_m,
        rule.within_verdict,
        rule.outside_verdict,
        rule.right_kind,
    )


def compute_check(
    boundary: str | bytes, *, right_kind: str, licence_no: str = "", radius_m: float | None = None
) -> Computed:
    """Run the check without storing it. Raises BoundaryInvalid when the boundary has errors.

    Rules: overlaps and distances per the active rules; overlaps with existing rights (other than the
    right being extended or changed, `licence_no`) need review.
    """
    from greenmine.registry.overlap import overlaps_for_boundary  # the registry's public 空间查重

    parsed = check_boundary(boundary)
    if not parsed.valid or not parsed.geojson:
        raise BoundaryInvalid(parsed)
    rules = active_rules()
    if radius_m is None:
        radius_m = max([DEFAULT_RADIUS_M] + [float(r.within_m) for r in rules if r.within_m])
    radius_m = max(0.0, min(float(radius_m), MAX_RADIUS_M))
    footprint = footprint_from_geojson(parsed.geojson)
    index, versions = current_index()
    assessment = index.assess(footprint, radius_m=radius_m)
    rights = [
        (o.licence_no, o.area_km2)
        for o in overlaps_for_boundary(parsed.geojson)
        if not licence_no or o.licence_no != licence_no
    ]
    verdict = engine.evaluate(
        assessment, [_rule_tuple(r) for r in rules], right_kind=right_kind, rights=rights
    )
    result = engine.result_json(assessment, verdict, area_km2=float(parsed.area_km2 or 0.0), rights=rights)
    used = [
        {
            "id": r.pk,
            "layer_kind": r.layer_kind,
            "right_kind": r.right_kind,
            "overlap": r.overlap_verdict,
            "within_m": r.within_m,
            "within": r.within_verdict,
            "outside": r.outside_verdict,
        }
        for r in rules
    ]
    return Computed(parsed, result, versions, used, radius_m)


@transaction.atomic
def run_check(
    *,
    actor: Any,
    boundary: str | bytes,
    right_kind: str,
    application_type: str = ApplicationType.NEW,
    applicant: str = "",
    enterprise: Any = None,
    licence_no: str = "",
    source_name: str = "",
    radius_m: float | None = None,
) -> AdmissionCheck:
    """Check an application and store the immutable record (bureau writers, or the system)."""
    _require_bureau(actor, ADD)
    errors: dict[str, list[str]] = {}
    if right_kind not in RightKind.values:
        errors["right_kind"] = [_("Choose mining or exploration.")]
    if application_type not in ApplicationType.values:
        errors["application_type"] = [_("Choose new, extension or change.")]
    if errors:
        raise ValidationError(errors)
    computed = compute_check(boundary, right_kind=right_kind, licence_no=licence_no, radius_m=radius_m)
    text = boundary.decode("utf-8", errors="replace") if isinstance(boundary, bytes) else boundary
    check = AdmissionCheck.objects.create(
        division=_bureau_division(actor),
        applicant=applicant[:200],
        enterprise=enterprise,
        right_kind=right_kind,
        application_type=application_type,
        licence_no=licence_no[:40],
        source_name=source_name[:255],
        boundary_text=text,
        geojson=computed.boundary.geojson or {},
        area_km2=float(computed.boundary.area_km2 or 0.0),
        verdict=computed.result["verdict"],
        reasons=computed.result["reasons"],
        result=computed.result,
        rules_used=computed.rules,
        radius_m=computed.radius_m,
        created_by=actor,
    )
    check.layer_versions.set(computed.versions)
    if actor is not None:
        require(actor, "view", check)
    record_event(
        "admission.checked",
        actor=actor,
        obj=check,
        changes={
            "verdict": check.verdict,
            "right_kind": right_kind,
            "area_km2": check.area_km2,
            "layer_versions": [v.pk for v in computed.versions],
        },
    )
    return check


# --- withdrawal cases --------------------------------------------------------------------------------


def _right_facts(right: Any) -> tuple[Any, Any]:
    """(division, holder) of a mining or exploration right."""
    if hasattr(right, "mine"):
        return right.mine.division, right.holder
    return right.division, right.holder


@transaction.atomic
def open_withdrawal_case(
    *,
    actor: Any,
    right: Any,
    reason: str,
    plan: str = "",
    deadline: date | None = None,
    compensation_note: str = "",
    features: list[LayerFeature] | None = None,
    overlap_km2: float = 0.0,
) -> WithdrawalCase:
    """Open the withdrawal (退出) of a right inside a protected area. Bureau writers of the right's
    division; one open case per right."""
    from greenmine.registry.models import MiningRight

    is_mining = isinstance(right, MiningRight)
    division, holder = _right_facts(right)
    if actor is not None and not has_role_in(actor, BUREAU, ADD):
        raise PermissionDenied
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Give the reason for the withdrawal.")]})
    lookup = {"mining_right": right} if is_mining else {"exploration_right": right}
    if WithdrawalCase.objects.filter(status=CaseStatus.OPEN, **lookup).exists():
        raise ValidationError(_("This right already has an open withdrawal case."))
    case = WithdrawalCase.objects.create(
        division=division,
        holder=holder,
        licence_no=right.licence_no,
        reason=reason.strip(),
        plan=plan,
        deadline=deadline,
        compensation_note=compensation_note,
        overlap_km2=overlap_km2,
        created_by=actor,
        **lookup,
    )
    if features:
        case.features.set(features)
    if actor is not None:
        require(actor, ADD, case)
    record_event("admission.case_opened", actor=actor, obj=case, changes=diff(None, snapshot(case)))
    return case


CASE_FIELDS = ("reason", "plan", "deadline", "compensation_note")


@transaction.atomic
def update_case(*, actor: Any, case: WithdrawalCase, **data: Any) -> WithdrawalCase:
    """Change an open case's reason, plan, deadline or compensation note (bureau writers)."""
    case = WithdrawalCase.objects.select_for_update().get(pk=case.pk)
    require(actor, CHANGE, case)
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("A closed case cannot be changed."))
    before = snapshot(case)
    for key in CASE_FIELDS:
        if key in data:
            setattr(case, key, data[key])
    if not case.reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the withdrawal.")]})
    case.save()
    record_event("admission.case_changed", actor=actor, obj=case, changes=diff(before, snapshot(case)))
    return case


@transaction.atomic
def add_progress(
    *, actor: Any, case: WithdrawalCase, on: date, note: str, percent: int
) -> WithdrawalProgress:
    """Record progress on an open case (bureau writers); percent 0–100."""
    case = WithdrawalCase.objects.select_for_update().get(pk=case.pk)
    require(actor, CHANGE, case)
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("A closed case cannot be changed."))
    if not (note or "").strip():
        raise ValidationError({"note": [_("Describe the progress.")]})
    if not 0 <= int(percent) <= 100:
        raise ValidationError({"percent": [_("Enter a percentage from 0 to 100.")]})
    entry = WithdrawalProgress.objects.create(
        case=case, date=on, note=note.strip(), percent=int(percent), created_by=actor
    )
    record_event(
        "admission.case_progress",
        actor=actor,
        obj=case,
        changes={"date": on.isoformat(), "percent": int(percent), "note": entry.note},
    )
    return entry


@transaction.atomic
def close_case(*, actor: Any, case: WithdrawalCase, note: str) -> WithdrawalCase:
    """Close a case (the right has withdrawn): bureau writers; a closing note is required."""
    case = WithdrawalCase.objects.select_for_update().get(pk=case.pk)
    require(actor, CHANGE, case)
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("The case is already closed."))
    if not (note or "").strip():
        raise ValidationError({"note": [_("Say how the case ended.")]})
    case.status = CaseStatus.CLOSED
    case.closed_at = timezone.now()
    case.closed_by = actor
    case.closure_note = note.strip()
    case.save()
    record_event("admission.case_closed", actor=actor, obj=case, changes={"note": case.closure_note})
    return case


__all__ = [
    "BoundaryInvalid",
    "Verdict",
    "add_progress",
    "close_case",
    "compute_check",
    "import_layer",
    "open_withdrawal_case",
    "run_check",
    "update_case",
    "update_rule",
]
