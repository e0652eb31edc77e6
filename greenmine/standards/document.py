"""The standard document as typed, immutable data, and its loading from YAML / JSON-like mappings.

A `Standard` is built only from a document that `validate_document` accepted, so every invariant the
validator enforces (unique ids, parents listed first, point sums, thresholds) holds for every `Standard`
in memory. All points are `decimal.Decimal`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, ClassVar

import yaml

from greenmine.standards.validation import (
    DOCUMENT_NODE,
    Issue,
    ValidationReport,
    format_issue,
    format_report,
    to_decimal,
    validate_document,
)

__all__ = [
    "Deduction",
    "Direction",
    "DocumentInvalid",
    "FullOrZero",
    "GradeLevel",
    "Graded",
    "Indicator",
    "Issue",
    "Kind",
    "PassRules",
    "Prerequisite",
    "Proportional",
    "Provenance",
    "ScoringMethod",
    "Source",
    "Standard",
    "Status",
    "ValidationReport",
    "Veto",
    "ZeroOut",
    "format_issue",
    "format_report",
    "load_document",
    "load_yaml",
    "read_yaml",
    "validate_document",
    "validate_yaml",
]


class Kind(StrEnum):
    NATIONAL_INDICATORS = "national_indicators"
    INDUSTRY_SPECIFICATION = "industry_specification"
    GREEN_EXPLORATION = "green_exploration"
    DEMONSTRATION_ZONE = "demonstration_zone"
    CITY = "city"
    ENTERPRISE_LEADING = "enterprise_leading"


class Provenance(StrEnum):
    OFFICIAL = "official"  # transcribed from an official text
    TEMPLATE = "template"  # our own draft on an official structure; the UI must say so


class Status(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"  # immutable; the only status an assessment may be scored against


class Direction(StrEnum):
    HIGHER_BETTER = "higher_better"
    LOWER_BETTER = "lower_better"


@dataclass(frozen=True, slots=True)
class FullOrZero:
    """Full points when the requirement is met, otherwise 0. Response: ``{"met": bool}``."""

    TYPE: ClassVar[str] = "full_or_zero"


@dataclass(frozen=True, slots=True)
class GradeLevel:
    key: str
    label: str
    points: Decimal


@dataclass(frozen=True, slots=True)
class Graded:
    """The points of the chosen level. Response: ``{"level": key}``."""

    levels: tuple[GradeLevel, ...]
    TYPE: ClassVar[str] = "graded"


@dataclass(frozen=True, slots=True)
class Deduction:
    """Item points minus ``per_defect`` per defect, down to zero (扣完为止). Response: ``{"defects": n}``."""

    per_defect: Decimal
    unit: str = "处"
    TYPE: ClassVar[str] = "deduction"


@dataclass(frozen=True, slots=True)
class Proportional:
    """Linear in a measured value between two thresholds (e.g. 矿区绿化覆盖率 %). Response: ``{"value": x}``.

    higher_better: value ≤ lower → 0, value ≥ upper → full points; lower_better is the mirror image.
    """

    lower: Decimal
    upper: Decimal
    direction: Direction = Direction.HIGHER_BETTER
    unit: str = ""
    TYPE: ClassVar[str] = "proportional"


@dataclass(frozen=True, slots=True)
class ZeroOut:
    """A 0-point condition; when it holds, the ``target`` node scores 0. Response: ``{"triggered": bool}``."""

    target: str
    TYPE: ClassVar[str] = "zero_out"


ScoringMethod = FullOrZero | Graded | Deduction | Proportional | ZeroOut


@dataclass(frozen=True, slots=True)
class Indicator:
    """A node of the indicator tree; leaves carry a scoring method, inner nodes sum their children."""

    id: str
    parent: str | None
    level: int
    name: str
    points: Decimal | None  # None only in an incomplete draft
    mandatory: bool = False
    method: ScoringMethod | None = None  # None exactly for inner nodes
    name_en: str = ""
    guidance: str = ""
    evidence: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Prerequisite:
    """先决条件: must hold (answered true) before the assessment can pass; checked before scoring."""

    id: str
    name: str
    name_en: str = ""
    guidance: str = ""
    evidence: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Veto:
    """一票否决: when it occurred (answered true), the assessment fails whatever the score."""

    id: str
    name: str
    name_en: str = ""
    guidance: str = ""
    evidence: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class PassRules:
    """Pass line on the total, floor ratio for every first-level node, and per-node floor overrides."""

    pass_line: Decimal | None
    first_level_floor: Decimal | None = None
    node_floors: tuple[tuple[str, Decimal], ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    citation: str
    url: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Standard:
    """One exact version of one standard. Immutable; a new version is a new object (see versions.py)."""

    code: str
    title: str
    issuer: str
    kind: Kind
    version: str
    source: Source
    provenance: Provenance
    status: Status
    total_points: Decimal | None
    pass_rules: PassRules
    indicators: tuple[Indicator, ...]
    prerequisites: tuple[Prerequisite, ...] = ()
    vetoes: tuple[Veto, ...] = ()
    title_en: str = ""
    effective_date: str | None = None
    description: str = ""
    minerals: tuple[str, ...] = ()
    mine_kinds: tuple[str, ...] = ()
    based_on: tuple[str, str] | None = None
    # Per-object cache for the compiled scoring plan and indexes; not part of the value.
    _cache: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    @property
    def complete(self) -> bool:
        """True when nothing is left for the bureau to fill in (all points and the pass line known)."""
        return (
            self.total_points is not None
            and self.pass_rules.pass_line is not None
            and self.effective_date is not None
            and all(i.points is not None for i in self.indicators)
        )

    @property
    def assessable(self) -> bool:
        """Only a published (hence complete) version may be assessed against."""
        return self.status is Status.PUBLISHED and self.complete

    def indicator(self, node_id: str) -> Indicator:
        return self._index()[node_id]

    def find(self, node_id: str) -> Indicator | None:
        """The indicator with this id, or None."""
        return self._index().get(node_id)

    def children(self, node_id: str | None) -> tuple[Indicator, ...]:
        """Direct children of a node (``None`` = the first-level nodes), in document order."""
        return tuple(i for i in self.indicators if i.parent == node_id)

    def leaves(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.method is not None)

    def _index(self) -> dict[str, Indicator]:
        index: dict[str, Indicator] | None = self._cache.get("index")
        if index is None:
            index = {i.id: i for i in self.indicators}
            self._cache["index"] = index
        return index


class DocumentInvalid(ValueError):
    """The document failed validation; ``report`` names each bad node and field."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        super().__init__("; ".join(format_issue(i) for i in report.errors))


def load_document(data: object, strict: bool = False) -> Standard:
    """Validate a raw mapping and build the `Standard`; raises `DocumentInvalid` on any error."""
    report = validate_document(data, strict=strict)
    if not report.ok:
        raise DocumentInvalid(report)
    assert isinstance(data, Mapping)  # guaranteed by validate_document
    return _build(data)


class _StringDateLoader(yaml.SafeLoader):
    """SafeLoader that keeps ``2024-03-01`` a string, as the schema expects, instead of a date object."""


_StringDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path_or_text: str | os.PathLike[str]) -> object:
    """Parse YAML from a file (a `Path`) or from YAML text (a `str`).

    A `str` is always text, never a file name: text pasted into a form or sent to the API must not be
    able to name a file on the server. Raises `DocumentInvalid` when the text is not YAML, so callers
    have one error type to handle.
    """
    if isinstance(path_or_text, os.PathLike):
        text = Path(path_or_text).read_text(encoding="utf-8")
    else:
        text = str(path_or_text)
    try:
        return yaml.load(text, Loader=_StringDateLoader)  # noqa: S506 — a SafeLoader subclass
    except yaml.YAMLError as exc:
        issue = Issue(DOCUMENT_NODE, "(yaml)", " ".join(str(exc).split()))
        raise DocumentInvalid(ValidationReport(errors=(issue,))) from exc


def load_yaml(path_or_text: str | os.PathLike[str], strict: bool = False) -> Standard:
    """`read_yaml` then `load_document`."""
    return load_document(read_yaml(path_or_text), strict=strict)


def validate_yaml(path_or_text: str | os.PathLike[str], strict: bool = False) -> ValidationReport:
    """What ``greenmine validate_standard FILE [--strict]`` runs: exit 1 iff ``report.errors``."""
    try:
        data = read_yaml(path_or_text)
    except DocumentInvalid as exc:
        return exc.report
    return validate_document(data, strict=strict)


# --- building ---------------------------------------------------------------------------------------------


def _opt_decimal(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value)


def _method(raw: Mapping[str, Any] | None) -> ScoringMethod:
    if raw is None:
        return FullOrZero()  # a leaf without a method is a plain met / not-met item
    kind = raw["type"]
    if kind == Graded.TYPE:
        levels = tuple(GradeLevel(lv["key"], lv["label"], to_decimal(lv["points"])) for lv in raw["levels"])
        return Graded(levels)
    if kind == Deduction.TYPE:
        return Deduction(to_decimal(raw["per_defect"]), raw.get("unit", "处"))
    if kind == Proportional.TYPE:
        return Proportional(
            to_decimal(raw["lower"]),
            to_decimal(raw["upper"]),
            Direction(raw.get("direction", Direction.HIGHER_BETTER)),
            raw.get("unit", ""),
        )
    if kind == ZeroOut.TYPE:
        return ZeroOut(raw["target"])
    return FullOrZero()


def _build(data: Mapping[str, Any]) -> Standard:
    raw_indicators: list[Mapping[str, Any]] = data["indicators"]
    parents = {i.get("parent") for i in raw_indicators}
    level: dict[str, int] = {}
    indicators = []
    for raw in raw_indicators:
        parent = raw.get("parent")
        level[raw["id"]] = 1 if parent is None else level[parent] + 1
        is_leaf = raw["id"] not in parents
        indicators.append(
            Indicator(
                id=raw["id"],
                parent=parent,
                level=level[raw["id"]],
                name=raw["name"],
                points=_opt_decimal(raw["points"]),
                mandatory=bool(raw.get("mandatory", False)),
                method=_method(raw.get("method")) if is_leaf else None,
                name_en=raw.get("name_en", ""),
                guidance=raw.get("guidance", ""),
                evidence=tuple(raw.get("evidence", ())),
                note=raw.get("note", ""),
            )
        )
    rules = data["pass_rules"]
    source = data["source"]
    applies = data.get("applies_to", {})
    based_on = data.get("based_on")
    return Standard(
        code=data["code"],
        title=data["title"],
        issuer=data["issuer"],
        kind=Kind(data["kind"]),
        version=data["version"],
        source=Source(source["citation"], source.get("url", ""), source.get("notes", "")),
        provenance=Provenance(data["provenance"]),
        status=Status(data["status"]),
        total_points=_opt_decimal(data["total_points"]),
        pass_rules=PassRules(
            pass_line=_opt_decimal(rules["pass_line"]),
            first_level_floor=_opt_decimal(rules.get("first_level_floor")),
            node_floors=tuple((k, to_decimal(v)) for k, v in rules.get("node_floors", {}).items()),
        ),
        indicators=tuple(indicators),
        prerequisites=tuple(Prerequisite(**_condition(c)) for c in data.get("prerequisites", ())),
        vetoes=tuple(Veto(**_condition(c)) for c in data.get("vetoes", ())),
        title_en=data.get("title_en", ""),
        effective_date=data.get("effective_date"),
        description=data.get("description", ""),
        minerals=tuple(applies.get("minerals", ())),
        mine_kinds=tuple(applies.get("mine_kinds", ())),
        based_on=(based_on["code"], based_on["version"]) if based_on else None,
    )


def _condition(raw: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": raw["id"],
        "name": raw["name"],
        "name_en": raw.get("name_en", ""),
        "guidance": raw.get("guidance", ""),
        "evidence": tuple(raw.get("evidence", ())),
        "note": raw.get("note", ""),
    }
