"""Typed responses to one standard, and the parser of the RESPONSES.json format (see README.md).

The parser checks every answer against the standard it answers: an id the standard does not have, an
answer to an inner node, or an answer of the wrong kind for the item's scoring method is an error naming
the id and the field. ``null`` means "not answered yet" and is allowed (live scoring while typing).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from greenmine.standards.document import (
    Deduction,
    FullOrZero,
    Graded,
    Proportional,
    ScoringMethod,
    Standard,
    ZeroOut,
)
from greenmine.standards.validation import Issue

#: Node name for issues about the response document as a whole.
RESPONSES_NODE = "responses"

_TOP_LEVEL = frozenset({"standard", "version", "prerequisites", "vetoes", "items"})
_OPTIONAL_ITEM_FIELDS = frozenset({"comment"})
_MAX_DEFECTS = 1_000_000
_MAX_VALUE = Decimal(10) ** 12


@dataclass(frozen=True, slots=True)
class Met:
    """Answer to a full_or_zero item."""

    met: bool


@dataclass(frozen=True, slots=True)
class Level:
    """Answer to a graded item: the key of the chosen level."""

    level: str


@dataclass(frozen=True, slots=True)
class Defects:
    """Answer to a deduction item: the number of defects found (≥ 0)."""

    defects: int


@dataclass(frozen=True, slots=True)
class Value:
    """Answer to a proportional item: the measured value, in the unit of the method."""

    value: Decimal


@dataclass(frozen=True, slots=True)
class Triggered:
    """Answer to a zero_out condition: did the zeroing condition occur?"""

    triggered: bool


Answer = Met | Level | Defects | Value | Triggered

#: For each scoring method: the response field and the answer class that carries it.
ANSWER_FIELD: dict[type[ScoringMethod], tuple[str, type[Answer]]] = {
    FullOrZero: ("met", Met),
    Graded: ("level", Level),
    Deduction: ("defects", Defects),
    Proportional: ("value", Value),
    ZeroOut: ("triggered", Triggered),
}


@dataclass(frozen=True, slots=True)
class Responses:
    """Answers of one assessment. Missing keys = not answered yet.

    ``prerequisites[id]`` is True when the prerequisite holds; ``vetoes[id]`` is True when the veto
    condition occurred.
    """

    items: Mapping[str, Answer] = field(default_factory=dict)
    prerequisites: Mapping[str, bool] = field(default_factory=dict)
    vetoes: Mapping[str, bool] = field(default_factory=dict)


class ResponsesInvalid(ValueError):
    """The responses do not fit the standard; ``issues`` name each id and field."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = tuple(issues)
        super().__init__("; ".join(str(i) for i in issues))


def parse_responses(data: object, standard: Standard) -> Responses:
    """Parse the RESPONSES.json structure against ``standard``; raise `ResponsesInvalid` listing all errors.

    Rules: only known top-level keys; if ``standard``/``version`` are given they must match; every id
    must exist in the standard in the right section; each item answer is an object with exactly the
    field of its scoring method (plus an optional ``comment``); values have the right type and range.
    """
    issues: list[Issue] = []
    if not isinstance(data, Mapping):
        raise ResponsesInvalid([Issue(RESPONSES_NODE, "(document)", "must be a JSON object")])
    issues.extend(Issue(RESPONSES_NODE, str(key), "unknown field") for key in data if key not in _TOP_LEVEL)
    for key, expected in (("standard", standard.code), ("version", standard.version)):
        if key in data and data[key] != expected:
            issues.append(Issue(RESPONSES_NODE, key, f"is {data[key]!r} but the standard is {expected!r}"))
    prerequisites = _flags(data, "prerequisites", {p.id for p in standard.prerequisites}, issues)
    vetoes = _flags(data, "vetoes", {v.id for v in standard.vetoes}, issues)
    items = _items(data.get("items", {}), standard, issues)
    if issues:
        raise ResponsesInvalid(issues)
    return Responses(items=items, prerequisites=prerequisites, vetoes=vetoes)


def _flags(
    data: Mapping[object, object], section: str, known: set[str], issues: list[Issue]
) -> dict[str, bool]:
    raw = data.get(section, {})
    out: dict[str, bool] = {}
    if not isinstance(raw, Mapping):
        issues.append(Issue(RESPONSES_NODE, section, "must be an object {id: true|false|null}"))
        return out
    for key, value in raw.items():
        node = str(key)
        if key not in known:
            issues.append(Issue(node, section, f"the standard has no {section[:-1]} with this id"))
        elif value is None:
            continue  # not answered yet
        elif not isinstance(value, bool):
            issues.append(Issue(node, section, "must be true, false or null"))
        else:
            out[node] = value
    return out


def _items(raw: object, standard: Standard, issues: list[Issue]) -> dict[str, Answer]:
    out: dict[str, Answer] = {}
    if not isinstance(raw, Mapping):
        issues.append(Issue(RESPONSES_NODE, "items", "must be an object {indicator id: answer}"))
        return out
    find = standard.find
    for key, answer in raw.items():
        node = str(key)
        indicator = find(node) if isinstance(key, str) else None
        fast = _fast_answer(indicator.method, answer) if indicator is not None else None
        if fast is not None:
            out[node] = fast
            continue
        if indicator is None:
            issues.append(Issue(node, "items", "the standard has no indicator with this id"))
            continue
        if indicator.method is None:
            issues.append(Issue(node, "items", "is not a scored item; answer its sub-items"))
            continue
        parsed = _answer(node, indicator.method, answer, issues)
        if parsed is not None:
            out[node] = parsed
    return out


def _fast_answer(method: ScoringMethod | None, raw: object) -> Answer | None:
    """The well-formed common case (a plain dict with exactly the right field and type), or None.

    Only a shortcut: whatever it declines goes through `_answer`, which applies every rule and reports
    the errors, so both paths accept exactly the same inputs.
    """
    if type(raw) is not dict or len(raw) != 1:
        return None
    kind = type(method)
    if kind is FullOrZero:
        v = raw.get("met")
        return Met(v) if type(v) is bool else None
    if kind is Graded:
        v = raw.get("level")
        return Level(v) if type(v) is str and _has_level(method, v) else None
    if kind is Deduction:
        v = raw.get("defects")
        return Defects(v) if type(v) is int and 0 <= v <= _MAX_DEFECTS else None
    if kind is ZeroOut:
        v = raw.get("triggered")
        return Triggered(v) if type(v) is bool else None
    return None  # proportional values need the full number checks


def _has_level(method: ScoringMethod | None, key: str) -> bool:
    assert isinstance(method, Graded)
    return any(level.key == key for level in method.levels)  # a handful of levels, no set needed


def _answer(node: str, method: ScoringMethod, raw: object, issues: list[Issue]) -> Answer | None:
    name, cls = ANSWER_FIELD[type(method)]
    if not isinstance(raw, Mapping):
        issues.append(Issue(node, name, f'answer must be an object like {{"{name}": …}}'))
        return None
    if len(raw) != 1 or name not in raw:  # the common case, one expected field, skips this scan
        issues.extend(
            Issue(node, str(key), f"unknown field for a {method.TYPE} item (expected {name!r})")
            for key in raw
            if key != name and key not in _OPTIONAL_ITEM_FIELDS
        )
    if "comment" in raw and not isinstance(raw["comment"], str | None):
        issues.append(Issue(node, "comment", "must be a string"))
    if name not in raw:
        issues.append(Issue(node, name, "is required (use null if not answered yet)"))
        return None
    value = raw[name]
    if value is None:
        return None  # not answered yet
    if cls is Met or cls is Triggered:
        if not isinstance(value, bool):
            issues.append(Issue(node, name, "must be true or false"))
            return None
        return Met(value) if cls is Met else Triggered(value)
    if cls is Level:
        assert isinstance(method, Graded)
        keys = [lv.key for lv in method.levels]
        if not isinstance(value, str) or value not in keys:
            issues.append(Issue(node, name, "must be one of " + ", ".join(keys)))
            return None
        return Level(value)
    if cls is Defects:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_DEFECTS:
            issues.append(Issue(node, name, f"must be a whole number between 0 and {_MAX_DEFECTS}"))
            return None
        return Defects(value)
    number = _number(value)
    if number is None:
        issues.append(Issue(node, name, "must be a finite number (or a decimal string)"))
        return None
    return Value(number)


def _number(value: object) -> Decimal | None:
    """A measured value: JSON number or decimal string, finite and of sane magnitude."""
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, int):
            number = Decimal(value)
        elif isinstance(value, float):
            if not math.isfinite(value):
                return None
            number = Decimal(repr(value))
        elif isinstance(value, str):
            number = Decimal(value.strip())
        else:
            return None
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or abs(number) > _MAX_VALUE:
        return None
    return number
