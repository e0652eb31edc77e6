"""The RESPONSES.json parser: every bad answer is an error naming the id and the field, never ignored."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greenmine.standards.document import load_document
from greenmine.standards.responses import (
    Defects,
    Level,
    Met,
    ResponsesInvalid,
    Triggered,
    Value,
    parse_responses,
)
from greenmine.standards.scoring import score
from greenmine.standards.tests.factories import full_answers, small_doc

STANDARD = load_document(small_doc())


def test_full_answers_parse_into_typed_answers() -> None:
    parsed = parse_responses(full_answers(), STANDARD)
    assert parsed.items["Q1"] == Met(True)
    assert parsed.items["Q2"] == Level("good")
    assert parsed.items["Q3"] == Defects(0)
    assert parsed.items["Q4"] == Value(Decimal(100))
    assert parsed.items["R3"] == Triggered(False)
    assert parsed.prerequisites == {"P1": True, "P2": True} and parsed.vetoes == {"V1": False}


def test_measured_value_keeps_decimal_exactness() -> None:
    data = full_answers()
    data["items"]["Q4"] = {"value": 0.1}
    assert parse_responses(data, STANDARD).items["Q4"] == Value(Decimal("0.1"))
    data["items"]["Q4"] = {"value": "85.25"}
    assert parse_responses(data, STANDARD).items["Q4"] == Value(Decimal("85.25"))


def _errors(data: Any) -> list[tuple[str, str]]:
    with pytest.raises(ResponsesInvalid) as err:
        parse_responses(data, STANDARD)
    return [(i.node, i.field) for i in err.value.issues]


def _with(section: str, key: str, value: Any) -> dict[str, Any]:
    data = full_answers()
    data[section][key] = value
    return data


# (responses, expected (node, field) errors)
BAD = [
    (_with("items", "ZZ9", {"met": True}), [("ZZ9", "items")]),
    (_with("items", "Q", {"met": True}), [("Q", "items")]),  # an inner node is not answered
    (_with("items", "Q1", {"level": "good"}), [("Q1", "level"), ("Q1", "met")]),
    (_with("items", "Q1", {"met": "yes"}), [("Q1", "met")]),
    (_with("items", "Q1", True), [("Q1", "met")]),
    (_with("items", "Q2", {"level": "excellent"}), [("Q2", "level")]),
    (_with("items", "Q3", {"defects": -1}), [("Q3", "defects")]),
    (_with("items", "Q3", {"defects": 1.5}), [("Q3", "defects")]),
    (_with("items", "Q3", {"defects": True}), [("Q3", "defects")]),
    (_with("items", "Q4", {"value": "abc"}), [("Q4", "value")]),
    (_with("items", "Q4", {"value": float("nan")}), [("Q4", "value")]),
    (_with("items", "R3", {"triggered": 1}), [("R3", "triggered")]),
    (_with("items", "Q1", {"met": True, "extra": 1}), [("Q1", "extra")]),
    (_with("prerequisites", "P9", True), [("P9", "prerequisites")]),
    (_with("prerequisites", "P1", "true"), [("P1", "prerequisites")]),
    (_with("vetoes", "Q1", False), [("Q1", "vetoes")]),  # an indicator id is not a veto
    ({"itemz": {}}, [("responses", "itemz")]),
    ({"items": []}, [("responses", "items")]),
    ({"standard": "OTHER"}, [("responses", "standard")]),
    ([], [("responses", "(document)")]),
]


@pytest.mark.parametrize(("data", "expected"), BAD)
def test_bad_responses_name_the_id_and_field(data: Any, expected: list[tuple[str, str]]) -> None:
    assert _errors(data) == expected


def test_unknown_indicator_is_an_error_naming_it() -> None:
    with pytest.raises(ResponsesInvalid) as err:
        parse_responses(_with("items", "A9.9", {"met": True}), STANDARD)
    assert str(err.value) == "A9.9 items: the standard has no indicator with this id"


def test_all_errors_are_reported_at_once() -> None:
    data = _with("items", "ZZ9", {"met": True})
    data["items"]["Q3"] = {"defects": -2}
    assert _errors(data) == [("Q3", "defects"), ("ZZ9", "items")]


def test_null_means_not_answered_yet() -> None:
    data = _with("items", "Q1", {"met": None, "comment": "待现场核查"})
    data["prerequisites"]["P1"] = None
    parsed = parse_responses(data, STANDARD)
    assert "Q1" not in parsed.items and "P1" not in parsed.prerequisites


def test_matching_standard_and_version_are_accepted() -> None:
    data = full_answers() | {"standard": "T-SMALL", "version": "1.0"}
    assert parse_responses(data, STANDARD).items


# --- property tests ---------------------------------------------------------------------------------------

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=10,
)
ids = st.sampled_from(["Q", "Q1", "Q2", "Q3", "Q4", "R1", "R2", "R3", "P1", "V1", "X"])
fields = st.sampled_from(["met", "level", "defects", "value", "triggered", "comment", "other"])
answer = st.dictionaries(fields, json_values, max_size=2) | json_values
structured = st.fixed_dictionaries(
    {},
    optional={
        "items": st.dictionaries(ids, answer, max_size=6),
        "prerequisites": st.dictionaries(ids, json_scalars, max_size=3),
        "vetoes": st.dictionaries(ids, json_scalars, max_size=3),
    },
)


def _check(data: object) -> None:
    """A parse gives Responses that always score within [0, max], or ResponsesInvalid with issues."""
    try:
        parsed = parse_responses(data, STANDARD)
    except ResponsesInvalid as exc:
        assert exc.issues
        return
    result = score(STANDARD, parsed)
    assert 0 <= result.total <= result.max


@given(json_values)
@settings(max_examples=150)
def test_parser_never_crashes_on_arbitrary_json(data: object) -> None:
    _check(data)


@given(structured)
@settings(max_examples=300)
def test_parser_never_crashes_on_near_valid_responses(data: dict[str, Any]) -> None:
    _check(data)
    merged = copy.deepcopy(full_answers())
    for key, value in data.items():
        merged[key] = merged.get(key, {}) | value
    _check(merged)
