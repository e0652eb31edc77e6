"""Versions of a standard: published versions are immutable, a new version starts as a draft copy.

The persistence layer (Django side) stores `dump_document(standard)`; these functions decide what is
allowed, so the rules are the same in the admin, the API, the management commands and the tests.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from greenmine.standards.document import (
    Deduction,
    DocumentInvalid,
    Graded,
    Indicator,
    Prerequisite,
    Proportional,
    ScoringMethod,
    Standard,
    Status,
    Veto,
    ZeroOut,
    load_document,
)
from greenmine.standards.validation import DOCUMENT_NODE, Issue, ValidationReport, validate_document


class StandardImmutable(ValueError):
    """A published version was about to be changed; create a new version instead."""


def ensure_editable(standard: Standard) -> None:
    """Rule: a published version is never edited (assessments pin it); raise `StandardImmutable`."""
    if standard.status is Status.PUBLISHED:
        raise StandardImmutable(
            f"{standard.code} {standard.version} is published and immutable; start a new version"
        )


def new_version(standard: Standard, version: str) -> Standard:
    """A draft copy of ``standard`` under a new version string (the only way to change a published one)."""
    if version == standard.version:
        raise ValueError(f"the new version must differ from {standard.version!r}")
    data = dump_document(standard)
    data["version"] = version
    data["status"] = Status.DRAFT.value
    return load_document(data)


def publish(standard: Standard) -> Standard:
    """The published copy of a draft; raises `DocumentInvalid` unless it passes strict validation.

    Strict validation is what makes "only a complete standard is ever published" hold.
    """
    if standard.status is Status.PUBLISHED:
        return standard
    data = dump_document(standard)
    data["status"] = Status.PUBLISHED.value
    report = validate_document(data, strict=True)
    if not report.ok:
        raise DocumentInvalid(report)
    return load_document(data)


def check_stricter(base: Standard, leading: Standard) -> ValidationReport:
    """Rule: an enterprise leading standard may only be stricter than the standard it is based on.

    Checked: same total points; pass line and floors not lower as a share of the total; every base
    prerequisite, veto and mandatory indicator still present (mandatory stays mandatory).
    """
    errors: list[Issue] = []
    if leading.based_on is not None and leading.based_on != (base.code, base.version):
        errors.append(
            Issue(DOCUMENT_NODE, "based_on", f"names {leading.based_on}, not {base.code} {base.version}")
        )
    if base.total_points != leading.total_points:
        errors.append(Issue(DOCUMENT_NODE, "total_points", f"must equal the base's {base.total_points}"))
    elif _lower(leading.pass_rules.pass_line, base.pass_rules.pass_line):
        errors.append(Issue("pass_rules", "pass_line", f"must not be lower than {base.pass_rules.pass_line}"))
    if _lower(leading.pass_rules.first_level_floor, base.pass_rules.first_level_floor):
        errors.append(Issue("pass_rules", "first_level_floor", "must not be lower than the base's"))
    lead_floors = dict(leading.pass_rules.node_floors)
    for node_id, ratio in base.pass_rules.node_floors:
        if _lower(lead_floors.get(node_id), ratio):
            errors.append(Issue("pass_rules", f"node_floors.{node_id}", f"must not be lower than {ratio}"))
    lead_ids = {p.id for p in leading.prerequisites} | {v.id for v in leading.vetoes}
    base_ids = [p.id for p in base.prerequisites] + [v.id for v in base.vetoes]
    errors.extend(
        Issue(cid, "id", "a condition of the base standard may not be dropped")
        for cid in base_ids
        if cid not in lead_ids
    )
    lead_mandatory = {i.id for i in leading.indicators if i.mandatory}
    errors.extend(
        Issue(i.id, "mandatory", "a mandatory indicator of the base standard must stay mandatory")
        for i in base.indicators
        if i.mandatory and i.id not in lead_mandatory
    )
    return ValidationReport(errors=tuple(errors))


def _lower(new: Decimal | None, old: Decimal | None) -> bool:
    return old is not None and (new is None or new < old)


# --- dumping back to the document format ------------------------------------------------------------------


def number(d: Decimal) -> int | float:
    """A Decimal as a YAML/JSON number; floats round-trip exactly through ``repr`` for short decimals."""
    return int(d) if d == d.to_integral_value() else float(d)


def dump_document(standard: Standard) -> dict[str, Any]:
    """The document mapping of a `Standard` (inverse of `load_document`); optional empties are omitted."""
    data: dict[str, Any] = {
        "code": standard.code,
        "title": standard.title,
        "title_en": standard.title_en,
        "issuer": standard.issuer,
        "kind": standard.kind.value,
        "version": standard.version,
        "effective_date": standard.effective_date,
        "description": standard.description,
        "source": {
            "citation": standard.source.citation,
            "url": standard.source.url,
            "notes": standard.source.notes,
        },
        "provenance": standard.provenance.value,
        "status": standard.status.value,
        "applies_to": {"minerals": list(standard.minerals), "mine_kinds": list(standard.mine_kinds)},
        "total_points": _opt(standard.total_points),
        "pass_rules": _pass_rules(standard),
        "prerequisites": [_condition(c) for c in standard.prerequisites],
        "vetoes": [_condition(v) for v in standard.vetoes],
        "indicators": [_indicator(i) for i in standard.indicators],
    }
    if standard.based_on is not None:
        data["based_on"] = {"code": standard.based_on[0], "version": standard.based_on[1]}
    return data


def _opt(d: Decimal | None) -> int | float | None:
    return None if d is None else number(d)


def _pass_rules(standard: Standard) -> dict[str, Any]:
    rules = standard.pass_rules
    out: dict[str, Any] = {
        "pass_line": _opt(rules.pass_line),
        "first_level_floor": _opt(rules.first_level_floor),
    }
    if rules.node_floors:
        out["node_floors"] = {k: number(v) for k, v in rules.node_floors}
    return out


def _condition(c: Prerequisite | Veto) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "name_en": c.name_en,
        "guidance": c.guidance,
        "evidence": list(c.evidence),
        "note": c.note,
    }


def _indicator(i: Indicator) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": i.id,
        "parent": i.parent,
        "level": i.level,
        "name": i.name,
        "name_en": i.name_en,
        "points": _opt(i.points),
        "mandatory": i.mandatory,
    }
    if i.method is not None:
        out["method"] = method_dict(i.method)
    out.update(guidance=i.guidance, evidence=list(i.evidence), note=i.note)
    return out


def method_dict(m: ScoringMethod) -> dict[str, Any]:
    """The ``method:`` mapping of a scoring method."""
    out: dict[str, Any] = {"type": m.TYPE}
    if isinstance(m, Graded):
        out["levels"] = [{"key": lv.key, "label": lv.label, "points": number(lv.points)} for lv in m.levels]
    elif isinstance(m, Deduction):
        out.update(per_defect=number(m.per_defect), unit=m.unit)
    elif isinstance(m, Proportional):
        out.update(lower=number(m.lower), upper=number(m.upper), direction=m.direction.value, unit=m.unit)
    elif isinstance(m, ZeroOut):
        out["target"] = m.target
    return out


__all__ = [
    "StandardImmutable",
    "check_stricter",
    "dump_document",
    "ensure_editable",
    "method_dict",
    "new_version",
    "number",
    "publish",
]
