"""Validation of a standard document (the raw YAML/JSON mapping), before it becomes a `Standard`.

Two layers:

1. the JSON Schema in ``schema.json`` (shape, types, enums, ranges), whose errors are converted into
   `Issue` objects naming the node (indicator id, or top-level path) and the field;
2. semantic rules the schema cannot express (unique ids, parents, point sums, thresholds, completeness).

Semantic rules run only on a document that passed the schema, so they can rely on its shape; this keeps
every check free of defensive type tests and guarantees that any JSON-ish input gives a report, never an
exception.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA_PATH = Path(__file__).with_name("schema.json")

#: The node name used for issues about the document as a whole (top-level fields).
DOCUMENT_NODE = "standard"


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in a document or a response: which node, which field, what is wrong."""

    node: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.node} {self.field}: {self.message}"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Errors block loading; warnings (e.g. incomplete points in a draft) do not.

    `complete` is False when any value the bureau still has to fill in (``points: null`` …) is missing.
    """

    errors: tuple[Issue, ...] = ()
    warnings: tuple[Issue, ...] = ()
    complete: bool = True

    @property
    def ok(self) -> bool:
        return not self.errors


def format_issue(issue: Issue) -> str:
    """One line, ``<node> <field>: <message>``, e.g. ``A1.2 points: must be ≥ 0``."""
    return str(issue)


def format_report(report: ValidationReport) -> list[str]:
    """Lines for the ``validate_standard`` command: errors as they are, warnings prefixed ``warning:``."""
    return [format_issue(i) for i in report.errors] + [f"warning: {format_issue(i)}" for i in report.warnings]


@cache
def _validator() -> Any:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def validate_document(data: object, strict: bool = False) -> ValidationReport:
    """Check a raw standard document; the rules are listed in the module docstring and README.

    ``strict`` turns "incomplete" warnings (unknown points, pass line or date) into errors; a document
    whose status is ``published`` is always checked as if strict, because only a complete standard can be
    assessed against.
    """
    if not isinstance(data, Mapping):
        return ValidationReport(errors=(Issue(DOCUMENT_NODE, "(document)", "must be a mapping"),))
    schema_errors = _schema_issues(data)
    if schema_errors:
        return ValidationReport(errors=tuple(schema_errors))
    return _Semantic(data, strict).run()


# --- JSON Schema errors → Issue ------------------------------------------------------------------------

_LISTS_WITH_IDS = ("indicators", "prerequisites", "vetoes")


def _schema_issues(data: Mapping[str, Any]) -> list[Issue]:
    issues = [issue for err in _validator().iter_errors(data) for issue in _convert(err, data)]
    # Deterministic order, one line per (node, field, message).
    return sorted(set(issues), key=lambda i: (i.node, i.field, i.message))


def _convert(err: Any, data: Mapping[str, Any]) -> list[Issue]:
    path = list(err.absolute_path)
    node = DOCUMENT_NODE
    rest: list[Any] = path
    if len(path) >= 2 and path[0] in _LISTS_WITH_IDS and isinstance(path[1], int):
        node = _node_name(data, path[0], path[1])
        rest = path[2:]
    elif len(path) >= 1 and path[0] in ("pass_rules", "source", "applies_to", "based_on"):
        node = str(path[0])
        rest = path[1:]
    field_name = _join_path(rest)
    message = _message(err)
    if err.validator == "required":
        # The missing property is the field the user has to add.
        missing = _missing_property(err)
        field_name = f"{field_name}.{missing}" if field_name else missing
        message = "is required"
    elif err.validator in ("additionalProperties", "unevaluatedProperties"):
        # One issue per unexpected key, each naming the key as the field.
        prefix = f"{field_name}." if field_name else ""
        return [
            Issue(node, prefix + extra, "unknown field (not in the schema)")
            for extra in _extra_properties(err)
        ]
    return [Issue(node, field_name or "(node)", message)]


def _node_name(data: Mapping[str, Any], list_name: str, index: int) -> str:
    items = data.get(list_name)
    if isinstance(items, list) and index < len(items):
        item = items[index]
        if isinstance(item, Mapping) and isinstance(item.get("id"), str) and item["id"]:
            return str(item["id"])
    return f"{list_name}[{index}]"


def _join_path(parts: Sequence[Any]) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out = f"{out}.{part}" if out else str(part)
    return out


def _missing_property(err: Any) -> str:
    instance = err.instance if isinstance(err.instance, Mapping) else {}
    for name in err.validator_value:
        if name not in instance:
            return str(name)
    return "?"


def _extra_properties(err: Any) -> list[str]:
    """Keys not declared for this object; for a method, the branch of its ``type`` counts as declared."""
    instance = err.instance if isinstance(err.instance, Mapping) else {}
    allowed = set(err.schema.get("properties", {}))
    for branch in err.schema.get("allOf", []):
        const = branch.get("if", {}).get("properties", {}).get("type", {}).get("const")
        if const is not None and instance.get("type") == const:
            allowed |= set(branch.get("then", {}).get("properties", {}))
    return sorted(str(k) for k in instance if k not in allowed) or ["?"]


def _message(err: Any) -> str:
    v = err.validator
    value = err.validator_value
    if v == "type":
        return f"must be of type {value if isinstance(value, str) else ' or '.join(value)}"
    if v == "enum":
        return "must be one of " + ", ".join(str(x) for x in value)
    if v == "const":
        return f"must be {value!r}"
    if v == "minimum":
        return f"must be ≥ {value}"
    if v == "maximum":
        return f"must be ≤ {value}"
    if v == "exclusiveMinimum":
        return f"must be > {value}"
    if v == "minLength":
        return "must not be empty"
    if v == "minItems":
        return f"must have at least {value} entries"
    if v == "pattern":
        return "must start with a letter or digit and contain only letters, digits, '.', '_' or '-'"
    if v == "format":
        return f"must be a valid {value} (YYYY-MM-DD)"
    return str(err.message)


# --- semantic rules --------------------------------------------------------------------------------------


def to_decimal(value: object) -> Decimal:
    """Exact decimal of a YAML/JSON number: floats go through ``repr`` so that 0.1 stays 0.1."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    raise TypeError(f"not a number: {value!r}")


@dataclass
class _Semantic:
    data: Mapping[str, Any]
    strict: bool
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    complete: bool = True

    def error(self, node: str, field_name: str, message: str) -> None:
        self.errors.append(Issue(node, field_name, message))

    def incomplete(self, node: str, field_name: str, what: str) -> None:
        """Record a value the bureau has yet to fill in: a warning in a draft, else an error."""
        self.complete = False
        if self.data["status"] == "published":
            self.error(node, field_name, f"{what}; a published standard must be complete")
        elif self.strict:
            self.error(node, field_name, f"{what} (strict mode requires a complete standard)")
        else:
            message = f"incomplete: {what}, to be completed by the bureau"
            self.warnings.append(Issue(node, field_name, message))

    def number(self, node: str, field_name: str, value: object) -> Decimal | None:
        """A finite Decimal, or None (with an error when the value is NaN/infinite)."""
        if value is None:
            return None
        d = to_decimal(value)
        if not d.is_finite():
            self.error(node, field_name, "must be a finite number")
            return None
        return d

    def run(self) -> ValidationReport:
        self.check_top_level()
        ids = self.check_ids()
        points = self.check_indicators(ids)
        self.check_totals(points)
        self.check_pass_rules(points)
        return ValidationReport(tuple(self.errors), tuple(self.warnings), self.complete)

    def check_top_level(self) -> None:
        date = self.data.get("effective_date")
        if date is None:
            self.incomplete(DOCUMENT_NODE, "effective_date", "effective date unknown")
        else:
            try:
                dt.date.fromisoformat(date)
            except ValueError:
                self.error(DOCUMENT_NODE, "effective_date", "must be a valid date (YYYY-MM-DD)")
        if self.data["status"] == "published" and not self.data["indicators"]:
            self.error(DOCUMENT_NODE, "indicators", "a published standard needs at least one indicator")

    def check_ids(self) -> dict[str, str]:
        """Ids are unique across indicators, prerequisites and vetoes (responses and reasons use them)."""
        seen: dict[str, str] = {}
        for list_name in _LISTS_WITH_IDS:
            for entry in self.data.get(list_name, []):
                node_id = entry["id"]
                if node_id in seen:
                    self.error(node_id, "id", f"duplicate id (already used in {seen[node_id]})")
                else:
                    seen[node_id] = list_name
        return seen

    def check_indicators(self, ids: Mapping[str, str]) -> dict[str, Decimal | None]:
        """Parents, levels, methods and children's point sums; returns each indicator's points."""
        indicators: list[Mapping[str, Any]] = self.data["indicators"]
        points: dict[str, Decimal | None] = {}
        depth: dict[str, int] = {}
        children: dict[str | None, list[str]] = {}
        methods: dict[str, str] = {}
        unique: list[Mapping[str, Any]] = []
        for ind in indicators:
            node, parent = ind["id"], ind.get("parent")
            if node in points:
                continue  # duplicate already reported
            unique.append(ind)
            if parent is not None and parent not in depth:
                where = (
                    "must be listed before its children"
                    if any(i["id"] == parent for i in indicators)
                    else "unknown indicator"
                )
                self.error(node, "parent", f"{where}: {parent!r}")
                parent = None
            depth[node] = 1 if parent is None else depth[parent] + 1
            if "level" in ind and ind["level"] != depth[node]:
                self.error(node, "level", f"is {ind['level']} but the node sits at level {depth[node]}")
            points[node] = self.number(node, "points", ind["points"])
            if ind["points"] is None:
                self.incomplete(node, "points", "points unknown")
            children.setdefault(parent, []).append(node)
            methods[node] = ind.get("method", {}).get("type", "full_or_zero")
        for ind in unique:
            node = ind["id"]
            if node in children:
                if "method" in ind:
                    self.error(node, "method", "only leaf indicators carry a scoring method")
                self.check_sum(node, "points", points[node], [points[c] for c in children[node]], "children")
            else:
                self.check_method(ind, points[node], ids, methods)
        return {k: v for k, v in points.items() if k in depth and depth[k] == 1}

    def check_sum(
        self, node: str, field_name: str, whole: Decimal | None, parts: Iterable[Decimal | None], what: str
    ) -> None:
        """The parts of a node must add up to its points exactly (Decimal, so no rounding slack)."""
        parts = list(parts)
        known = [p for p in parts if p is not None]
        if whole is None:
            return
        total = sum(known, Decimal(0))
        if len(known) == len(parts):
            if total != whole:
                self.error(node, field_name, f"is {_fmt(whole)} but its {what} sum to {_fmt(total)}")
        elif total > whole:
            message = f"is {_fmt(whole)} but its known {what} already sum to {_fmt(total)}"
            self.error(node, field_name, message)

    def check_method(
        self, ind: Mapping[str, Any], pts: Decimal | None, ids: Mapping[str, str], methods: Mapping[str, str]
    ) -> None:
        node = ind["id"]
        method: Mapping[str, Any] = ind.get("method", {"type": "full_or_zero"})
        kind = method["type"]
        if kind == "graded":
            keys: set[str] = set()
            full = False
            for i, level in enumerate(method["levels"]):
                where = f"method.levels[{i}]"
                if level["key"] in keys:
                    self.error(node, f"{where}.key", f"duplicate level key {level['key']!r}")
                keys.add(level["key"])
                lp = self.number(node, f"{where}.points", level["points"])
                if lp is not None and pts is not None:
                    if lp > pts:
                        message = f"{_fmt(lp)} exceeds the item's {_fmt(pts)} points"
                        self.error(node, f"{where}.points", message)
                    full = full or lp == pts
            if pts is not None and not full:
                self.warnings.append(Issue(node, "method.levels", "no level gives the item's full points"))
        elif kind == "deduction":
            self.number(node, "method.per_defect", method["per_defect"])
        elif kind == "proportional":
            lower = self.number(node, "method.lower", method["lower"])
            upper = self.number(node, "method.upper", method["upper"])
            if lower is not None and upper is not None and lower >= upper:
                self.error(node, "method.upper", f"must be greater than lower ({_fmt(lower)})")
        elif kind == "zero_out":
            target = method["target"]
            if pts is not None and pts != 0:
                self.error(node, "points", "a zero_out condition carries no points; must be 0")
            if target == node:
                self.error(node, "method.target", "a zero_out condition cannot target itself")
            elif ids.get(target) != "indicators":
                self.error(node, "method.target", f"unknown indicator {target!r}")
            elif methods.get(target) == "zero_out":
                self.error(node, "method.target", f"{target!r} is itself a zero_out condition")

    def check_totals(self, first_level: Mapping[str, Decimal | None]) -> None:
        total = self.number(DOCUMENT_NODE, "total_points", self.data["total_points"])
        if self.data["total_points"] is None:
            self.incomplete(DOCUMENT_NODE, "total_points", "total points unknown")
        elif total is not None and total <= 0:
            self.error(DOCUMENT_NODE, "total_points", "must be > 0")
        self.check_sum(DOCUMENT_NODE, "total_points", total, first_level.values(), "first-level indicators")

    def check_pass_rules(self, first_level: Mapping[str, Decimal | None]) -> None:
        rules: Mapping[str, Any] = self.data["pass_rules"]
        line = self.number("pass_rules", "pass_line", rules["pass_line"])
        total_raw = self.data["total_points"]
        total = to_decimal(total_raw) if total_raw is not None else None
        if rules["pass_line"] is None:
            self.incomplete("pass_rules", "pass_line", "pass line unknown")
        elif line is not None and total is not None and total.is_finite() and line > total:
            self.error("pass_rules", "pass_line", f"{_fmt(line)} exceeds total_points {_fmt(total)}")
        if rules.get("first_level_floor") is not None:
            self.number("pass_rules", "first_level_floor", rules["first_level_floor"])
        all_ids = {i["id"] for i in self.data["indicators"]}
        for node_id, ratio in rules.get("node_floors", {}).items():
            if node_id not in all_ids:
                self.error("pass_rules", f"node_floors.{node_id}", "unknown indicator")
            self.number("pass_rules", f"node_floors.{node_id}", ratio)


def _fmt(d: Decimal) -> str:
    """Points without trailing zeros or exponent: 165, 82.5."""
    text = f"{d.normalize():f}"
    return "0" if text in ("-0", "0") else text
