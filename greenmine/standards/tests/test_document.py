"""Loading and validating standard documents: errors name the node and the field; bundled standards load."""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greenmine.standards.bundled import bundled_paths, load_bundled
from greenmine.standards.document import (
    DocumentInvalid,
    Graded,
    Kind,
    Proportional,
    Standard,
    Status,
    ZeroOut,
    format_report,
    load_document,
    load_yaml,
    read_yaml,
    validate_document,
    validate_yaml,
)
from greenmine.standards.tests.factories import indicator, small_doc
from greenmine.standards.versions import publish

Mutation = Callable[[dict[str, Any]], None]


def _set(node: str, key: str, value: Any) -> Mutation:
    return lambda doc: indicator(doc, node).__setitem__(key, value)


def _method(node: str, key: str, value: Any) -> Mutation:
    return lambda doc: indicator(doc, node)["method"].__setitem__(key, value)


def _top(key: str, value: Any) -> Mutation:
    return lambda doc: doc.__setitem__(key, value)


def _rules(key: str, value: Any) -> Mutation:
    return lambda doc: doc["pass_rules"].__setitem__(key, value)


def _level_points(doc: dict[str, Any]) -> None:
    indicator(doc, "Q2")["method"]["levels"][0]["points"] = 12


def _duplicate(doc: dict[str, Any]) -> None:
    indicator(doc, "Q2")["id"] = "Q1"


def _drop_name(doc: dict[str, Any]) -> None:
    del indicator(doc, "Q1")["name"]


def _parent_after_child(doc: dict[str, Any]) -> None:
    doc["indicators"].append(doc["indicators"].pop(0))


# (mutation, node, field, message fragment)
MALFORMED = [
    (_set("Q1", "points", -1), "Q1", "points", "must be ≥ 0"),
    (_set("Q1", "points", "ten"), "Q1", "points", "must be of type number or null"),
    (_drop_name, "Q1", "name", "is required"),
    (_set("Q1", "colour", "green"), "Q1", "colour", "unknown field"),
    (_set("Q1", "parent", "NOPE"), "Q1", "parent", "unknown indicator"),
    (_parent_after_child, "Q1", "parent", "must be listed before its children"),
    (_set("Q1", "level", 1), "Q1", "level", "sits at level 2"),
    (_set("Q1", "mandatory", "yes"), "Q1", "mandatory", "must be of type boolean"),
    (_duplicate, "Q1", "id", "duplicate id"),
    (_set("Q", "points", 55), "Q", "points", "is 55 but its children sum to 50"),
    (_set("Q", "method", {"type": "full_or_zero"}), "Q", "method", "only leaf indicators"),
    (_set("Q1", "method", {"type": "lottery"}), "Q1", "method.type", "must be one of"),
    (_method("Q3", "per_defect", 0), "Q3", "method.per_defect", "must be > 0"),
    (_method("Q3", "bonus", 1), "Q3", "method.bonus", "unknown field"),
    (_level_points, "Q2", "method.levels[0].points", "exceeds the item's 10 points"),
    (_method("Q4", "upper", 60), "Q4", "method.upper", "must be greater than lower (60)"),
    (_method("Q4", "direction", "sideways"), "Q4", "method.direction", "must be one of"),
    (_method("R3", "target", "NOPE"), "R3", "method.target", "unknown indicator 'NOPE'"),
    (_method("R3", "target", "R3"), "R3", "method.target", "cannot target itself"),
    (_set("R3", "points", 5), "R3", "points", "carries no points"),
    (_top("total_points", 110), "standard", "total_points", "first-level indicators sum to 100"),
    (_top("kind", "galaxy"), "standard", "kind", "must be one of"),
    (_top("effective_date", "2024-13-45"), "standard", "effective_date", "valid date"),
    (_top("surprise", 1), "standard", "surprise", "unknown field"),
    (_rules("first_level_floor", 1.5), "pass_rules", "first_level_floor", "must be ≤ 1"),
    (_rules("pass_line", 120), "pass_rules", "pass_line", "exceeds total_points 100"),
    (_rules("node_floors", {"NOPE": 0.5}), "pass_rules", "node_floors.NOPE", "unknown indicator"),
]


@pytest.mark.parametrize(("mutate", "node", "field", "fragment"), MALFORMED)
def test_malformed_standard_errors_name_node_and_field(
    mutate: Mutation, node: str, field: str, fragment: str
) -> None:
    doc = small_doc()
    mutate(doc)
    report = validate_document(doc)
    assert not report.ok
    matching = [e for e in report.errors if e.node == node and e.field == field]
    assert matching, format_report(report)
    assert any(fragment in e.message for e in matching), format_report(report)
    with pytest.raises(DocumentInvalid):
        load_document(doc)


def test_error_lines_read_node_field_message() -> None:
    doc = small_doc()
    indicator(doc, "Q1")["points"] = -1
    assert format_report(validate_document(doc)) == ["Q1 points: must be ≥ 0"]


def test_null_points_warn_in_a_draft_and_fail_strict_and_published() -> None:
    doc = small_doc(status="draft")
    indicator(doc, "Q1")["points"] = None
    lenient = validate_document(doc)
    assert lenient.ok and not lenient.complete
    assert [(w.node, w.field) for w in lenient.warnings] == [("Q1", "points")]
    strict = validate_document(doc, strict=True)
    assert [(e.node, e.field) for e in strict.errors] == [("Q1", "points")]
    doc["status"] = "published"
    published = validate_document(doc)
    assert [(e.node, e.field) for e in published.errors] == [("Q1", "points")]
    assert "published standard must be complete" in published.errors[0].message


def test_loaded_standard_has_typed_decimal_data() -> None:
    standard = load_document(small_doc())
    assert standard.kind is Kind.CITY and standard.status is Status.PUBLISHED
    assert standard.total_points == Decimal(100)
    assert standard.indicator("Q1").level == 2 and standard.indicator("Q1").mandatory
    q4 = standard.indicator("Q4").method
    assert isinstance(q4, Proportional) and q4.lower == Decimal(60)
    assert isinstance(standard.indicator("Q2").method, Graded)
    assert standard.indicator("R3").method == ZeroOut("R3".replace("3", "2"))
    assert standard.indicator("Q").method is None
    assert [i.id for i in standard.children(None)] == ["Q", "R"]
    assert standard.assessable


def test_yaml_dates_stay_strings_and_bad_yaml_is_reported() -> None:
    standard = load_yaml(bundled_paths()[0])
    assert isinstance(standard.effective_date, str)
    report = validate_yaml("code: [unclosed\n")
    assert report.errors[0].field == "(yaml)"


# --- bundled standards -------------------------------------------------------------------------------------

BUNDLED = {p.name: p for p in bundled_paths()}
COMPLETE = ["hulin-sandstone-2024.yaml", "green-exploration.yaml", "demo-zone.yaml"]
INCOMPLETE = ["national-2020.yaml", "national-2024.yaml"]


def test_all_five_bundled_standards_are_present() -> None:
    assert sorted(BUNDLED) == sorted(COMPLETE + INCOMPLETE)


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_bundled_standard_validates(name: str) -> None:
    report = validate_yaml(BUNDLED[name])
    assert report.ok, format_report(report)
    standard = load_yaml(BUNDLED[name])
    assert standard.source.citation and standard.provenance


@pytest.mark.parametrize("name", COMPLETE)
def test_complete_bundled_standard_validates_strictly(name: str) -> None:
    report = validate_yaml(BUNDLED[name], strict=True)
    assert report.ok and report.complete and not report.warnings, format_report(report)
    assert load_yaml(BUNDLED[name]).assessable


@pytest.mark.parametrize("name", INCOMPLETE)
def test_incomplete_national_frame_fails_strict_and_cannot_be_published(name: str) -> None:
    report = validate_yaml(BUNDLED[name], strict=True)
    assert not report.ok and not report.complete
    assert all(e.field in ("points", "pass_line", "effective_date") for e in report.errors)
    standard = load_yaml(BUNDLED[name])
    assert standard.status is Status.DRAFT and not standard.assessable
    with pytest.raises(DocumentInvalid):
        publish(standard)


def test_national_2020_frame_matches_the_reference() -> None:
    standard = load_bundled("CN-GM-2020")
    assert standard.total_points == 1000 and standard.pass_rules.pass_line == 800
    assert standard.pass_rules.first_level_floor == Decimal("0.75")
    assert [p.id for p in standard.prerequisites] == ["P1", "P2", "P3", "P4", "P5"]
    assert [i.name for i in standard.children(None)] == [
        "矿区环境", "资源开发方式", "资源综合利用", "节能减排", "科技创新与智能矿山", "企业管理与企业形象",
    ]  # fmt: skip


def test_national_2024_frame_matches_the_reference() -> None:
    standard = load_bundled("CN-GM-2024")
    assert standard.total_points == 100 and standard.pass_rules.pass_line is None
    assert [i.name for i in standard.children(None)] == [
        "矿区环境", "资源开采", "资源综合利用", "绿色低碳", "生态修复与环境治理", "科技创新与规范管理",
    ]  # fmt: skip


def test_city_sandstone_standard_follows_dzt_0316_and_2020_pass_rules() -> None:
    standard = load_bundled("HL-SS-2024")
    assert standard.provenance.value == "template" and standard.status is Status.PUBLISHED
    assert [i.name for i in standard.children(None)] == [
        "矿区环境", "资源开发方式", "资源综合利用", "节能减排", "科技创新与数字化矿山", "企业管理与企业形象",
    ]  # fmt: skip
    assert standard.total_points == 1000 and standard.pass_rules.pass_line == 800
    assert len(standard.prerequisites) == 5 and len(standard.vetoes) >= 1
    scored = [i for i in standard.leaves() if not isinstance(i.method, ZeroOut)]
    assert 60 <= len(scored) <= 100
    assert all(i.guidance or i.evidence for i in standard.leaves())
    kinds = {type(i.method).__name__ for i in standard.leaves()}
    assert kinds == {"FullOrZero", "Graded", "Deduction", "Proportional", "ZeroOut"}


def test_load_bundled_unknown_code() -> None:
    with pytest.raises(LookupError):
        load_bundled("NOPE")


# --- property tests: any JSON-ish input gives a Standard or a list of errors -------------------------------

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def _outcome(data: object) -> Standard | None:
    try:
        return load_document(data)
    except DocumentInvalid as exc:
        assert exc.report.errors
        assert all(isinstance(e.node, str) and isinstance(e.field, str) for e in exc.report.errors)
        return None


@given(json_values)
@settings(max_examples=200)
def test_loader_never_crashes_on_arbitrary_json(data: object) -> None:
    _outcome(data)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


DOC_PATHS = _paths(small_doc())


@given(st.sampled_from(DOC_PATHS), json_values, st.booleans())
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_loader_never_crashes_on_a_mutated_valid_document(
    path: tuple[Any, ...], value: object, drop: bool
) -> None:
    doc = copy.deepcopy(small_doc())
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    if drop:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    report = validate_document(doc, strict=True)
    assert all(isinstance(str(e), str) for e in report.errors + report.warnings)
    _outcome(doc)


def test_a_string_is_always_yaml_text_never_a_file_name(tmp_path: Path) -> None:
    """Text pasted into a form or sent to the API must not be able to make the server read a file."""
    secret = tmp_path / "secret.yaml"
    secret.write_text("code: SECRET\n", encoding="utf-8")
    assert read_yaml(str(secret)) == str(secret)
    assert read_yaml(secret) == {"code": "SECRET"}
