"""Scoring methods and pass rules, table-driven, with totals worked out by hand from `factories.small_doc`."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from greenmine.standards.bundled import load_bundled
from greenmine.standards.document import Deduction, Graded, Proportional, ZeroOut, load_document
from greenmine.standards.responses import Met, Responses, parse_responses
from greenmine.standards.scoring import NotScorable, compile, score
from greenmine.standards.tests.factories import full_answers, small_doc

STANDARD = load_document(small_doc())


def answers(**items: dict[str, Any]) -> dict[str, Any]:
    data = full_answers()
    data["items"].update(items)
    return data


def run(data: dict[str, Any], standard: Any = STANDARD) -> Any:
    return score(standard, parse_responses(data, standard))


# (item id, answer, expected item score) — each expected value computed by hand.
METHOD_CASES = [
    ("Q1", {"met": True}, "10"),
    ("Q1", {"met": False}, "0"),
    ("Q2", {"level": "good"}, "10"),
    ("Q2", {"level": "fair"}, "6"),
    ("Q2", {"level": "poor"}, "0"),
    ("Q3", {"defects": 0}, "10"),
    ("Q3", {"defects": 1}, "7"),  # 10 − 3
    ("Q3", {"defects": 3}, "1"),  # 10 − 9
    ("Q3", {"defects": 4}, "0"),  # 10 − 12 < 0 → 0 (扣完为止)
    ("Q3", {"defects": 100}, "0"),
    ("Q4", {"value": 50}, "0"),  # below lower
    ("Q4", {"value": 60}, "0"),  # at lower
    ("Q4", {"value": 61}, "0.5"),  # 20 × 1/40
    ("Q4", {"value": 70.3}, "5.15"),  # 20 × 10.3/40
    ("Q4", {"value": 80}, "10"),  # 20 × 20/40
    ("Q4", {"value": 85}, "12.5"),  # 20 × 25/40
    ("Q4", {"value": "60.01"}, "0.01"),  # 20 × 0.01/40 = 0.005 → half-up 0.01
    ("Q4", {"value": 100}, "20"),
    ("Q4", {"value": 120}, "20"),  # clamped
    ("R1", {"value": -5}, "20"),  # lower is better, below lower → full
    ("R1", {"value": 0}, "20"),
    ("R1", {"value": 10}, "15"),  # 20 × (40 − 10)/40
    ("R1", {"value": 40}, "0"),
    ("R1", {"value": 50}, "0"),
    ("R3", {"triggered": False}, "0"),  # a condition carries no points
]


@pytest.mark.parametrize(("item", "answer", "expected"), METHOD_CASES)
def test_each_scoring_method_scores_the_hand_computed_points(
    item: str, answer: dict[str, Any], expected: str
) -> None:
    result = run(answers(**{item: answer}))
    assert result.node(item).score == Decimal(expected)


# (case, item overrides, prerequisite/veto overrides, total, Q, R, passed, reason codes)
PASS_RULE_CASES = [
    ("everything met", {}, {}, "100", "50", "50", True, []),
    (
        # Q = 10 + 6 + 4 + 5 = 25 (exactly the 50 % floor); R = 10 + 30 + 0 = 40; total 65 ≥ 60.
        "exactly at floor",
        {"Q2": {"level": "fair"}, "Q3": {"defects": 2}, "Q4": {"value": 70}, "R1": {"value": 20}},
        {},
        "65",
        "25",
        "40",
        True,
        [],
    ),
    (
        # Q = 10 + 0 + 4 + 5 = 19 < 25; R = 40; total 59 < 60.
        "below floor and pass line",
        {"Q2": {"level": "poor"}, "Q3": {"defects": 2}, "Q4": {"value": 70}, "R1": {"value": 20}},
        {},
        "59",
        "19",
        "40",
        False,
        ["floor:Q", "pass_line"],
    ),
    ("mandatory missed", {"Q1": {"met": False}}, {}, "90", "40", "50", False, ["mandatory:Q1"]),
    # R3 triggered: R2's 30 points are zeroed → R = 20 < 25, total 70.
    ("zero-out", {"R3": {"triggered": True}}, {}, "70", "50", "20", False, ["floor:R"]),
    ("veto", {}, {"vetoes": {"V1": True}}, "100", "50", "50", False, ["veto:V1"]),
    (
        "prerequisite",
        {},
        {"prerequisites": {"P1": True, "P2": False}},
        "100",
        "50",
        "50",
        False,
        ["prerequisite:P2"],
    ),
]


@pytest.mark.parametrize(
    ("case", "items", "conditions", "total", "q", "r", "passed", "codes"),
    PASS_RULE_CASES,
    ids=[c[0] for c in PASS_RULE_CASES],
)
def test_pass_rules(
    case: str,
    items: dict[str, Any],
    conditions: dict[str, Any],
    total: str,
    q: str,
    r: str,
    passed: bool,
    codes: list[str],
) -> None:
    data = answers(**items)
    data.update(conditions)
    result = run(data)
    assert result.total == Decimal(total)
    assert result.node("Q").score == Decimal(q)
    assert result.node("R").score == Decimal(r)
    assert result.passed is passed
    assert [reason.code for reason in result.reasons] == codes


def test_reasons_say_by_how_much() -> None:
    data = answers(Q2={"level": "poor"}, Q3={"defects": 2}, Q4={"value": 70}, R1={"value": 20})
    texts = [str(reason) for reason in run(data).reasons]
    assert texts == [
        "floor:Q 甲 得分 19，低于下限 25（50%），差 6",
        "pass_line 总分 59，低于达标线 60，差 1",
    ]


def test_prerequisite_failure_still_reports_scores() -> None:
    data = full_answers()
    data["prerequisites"]["P1"] = False
    result = run(data)
    assert result.prerequisites_met is False
    assert result.total == Decimal(100)
    assert str(result.reasons[0]) == "prerequisite:P1 先决条件不满足：证照有效"


def test_zero_out_explains_which_condition_zeroed_the_node() -> None:
    result = run(answers(R3={"triggered": True}))
    r2 = result.node("R2")
    assert r2.score == 0
    assert r2.zeroed_by == "R3"
    assert r2.lines[-1] == "因 R3「加工区未全封闭」触发，本项计 0 分（原得 30 分）"


def test_zero_out_can_target_an_inner_node() -> None:
    doc = small_doc()
    doc["indicators"][-1]["method"]["target"] = "Q"
    standard = load_document(doc)
    result = run(answers(R3={"triggered": True}), standard)
    # Q (50) is zeroed; R keeps 50 → total 50, Q below its floor of 25 and total below 60.
    assert result.node("Q").score == 0
    assert result.node("Q1").score == 10  # the item keeps its own score; only the target's subtotal is 0
    assert result.total == Decimal(50)
    assert [r.code for r in result.reasons] == ["floor:Q", "pass_line"]


def test_mandatory_zero_out_condition_fails_when_triggered() -> None:
    doc = small_doc()
    doc["indicators"][-1]["mandatory"] = True
    result = run(answers(R3={"triggered": True}), load_document(doc))
    assert [r.code for r in result.reasons] == ["mandatory:R3", "floor:R"]


def test_node_floor_overrides_first_level_floor() -> None:
    # Q's floor raised to 80 % of 50 = 40. Q2 poor: Q = 10 + 0 + 10 + 20 = 40, exactly at the floor, passes;
    # plus one Q3 defect: Q = 10 + 0 + 7 + 20 = 37, fails by 3.
    standard = load_document(
        small_doc(pass_rules={"pass_line": 60, "first_level_floor": 0.5, "node_floors": {"Q": 0.8}})
    )
    assert run(answers(Q2={"level": "poor"}), standard).passed is True
    result = run(answers(Q2={"level": "poor"}, Q3={"defects": 1}), standard)
    assert [str(r) for r in result.reasons] == ["floor:Q 甲 得分 37，低于下限 40（80%），差 3"]


def test_partial_responses_score_zero_and_list_missing() -> None:
    data = {"prerequisites": {"P1": True}, "items": {"Q1": {"met": True}, "Q2": {"level": None}}}
    result = run(data)
    assert result.total == Decimal(10)
    assert result.missing == ("Q2", "Q3", "Q4", "R1", "R2", "R3", "P2", "V1")
    assert [r.code for r in result.reasons] == [
        "prerequisite:P2",
        "veto:V1",
        "floor:Q",
        "floor:R",
        "pass_line",
    ]
    assert result.node("Q3").lines == ("未作答，计 0 分",)


def test_json_output_has_exactly_the_documented_shape() -> None:
    out = run(answers(Q1={"met": False})).to_json_dict()
    assert list(out) == ["total", "max", "passed", "reasons", "nodes"]
    assert out["total"] == 90.0 and out["max"] == 100.0 and out["passed"] is False
    assert out["reasons"][0].startswith("mandatory:Q1 ")
    assert out["nodes"][0] == {"id": "Q", "score": 40.0, "max": 50.0}
    assert [n["id"] for n in out["nodes"]] == ["Q", "Q1", "Q2", "Q3", "Q4", "R", "R1", "R2", "R3"]


def test_decimal_totals_do_not_drift() -> None:
    # 30 items of 0.1 point: binary floats give 3.0000000000000013; Decimal must give exactly 3.0.
    items = [{"id": "X", "name": "合计", "points": 3}]
    items += [{"id": f"X{i}", "parent": "X", "name": f"项{i}", "points": 0.1} for i in range(30)]
    standard = load_document(
        small_doc(total_points=3, pass_rules={"pass_line": 3}, indicators=items, prerequisites=[], vetoes=[])
    )
    naive = 0.0
    for _ in range(30):
        naive += 0.1  # what a float accumulator in a loop does (3.12's sum() compensates, a loop does not)
    assert naive != 3.0
    result = run({"items": {f"X{i}": {"met": True} for i in range(30)}}, standard)
    assert result.total == Decimal("3.0")
    assert result.to_json_dict()["total"] == 3.0
    assert result.passed is True


def test_deduction_with_decimal_step_is_exact() -> None:
    doc = small_doc()
    doc["indicators"][3]["method"]["per_defect"] = 0.1
    result = run(answers(Q3={"defects": 3}), load_document(doc))
    assert result.node("Q3").score == Decimal("9.7")


def test_incomplete_standard_cannot_be_compiled() -> None:
    doc = small_doc(status="draft")
    doc["indicators"][1]["points"] = None
    with pytest.raises(NotScorable) as err:
        compile(load_document(doc))
    assert "Q1 points" in str(err.value)


def test_answer_of_wrong_kind_built_in_code_is_rejected() -> None:
    with pytest.raises(NotScorable, match="Q2"):
        score(STANDARD, Responses(items={"Q2": Met(True)}))


def test_plan_is_compiled_once_per_standard() -> None:
    assert compile(STANDARD) is compile(STANDARD)


# --- the bundled city standard ------------------------------------------------------------------------------


def _city_full_marks() -> dict[str, Any]:
    city = load_bundled("HL-SS-2024")
    items: dict[str, Any] = {}
    for leaf in city.leaves():
        m = leaf.method
        if isinstance(m, Graded):
            items[leaf.id] = {"level": m.levels[0].key}  # the first level is the full-points level
        elif isinstance(m, Deduction):
            items[leaf.id] = {"defects": 0}
        elif isinstance(m, Proportional):
            items[leaf.id] = {"value": 100}  # every upper threshold is ≤ 100
        elif isinstance(m, ZeroOut):
            items[leaf.id] = {"triggered": False}
        else:
            items[leaf.id] = {"met": True}
    return {
        "prerequisites": {p.id: True for p in city.prerequisites},
        "vetoes": {v.id: False for v in city.vetoes},
        "items": items,
    }


def test_city_standard_full_marks_total_1000_and_pass() -> None:
    city = load_bundled("HL-SS-2024")
    result = run(_city_full_marks(), city)
    assert result.total == Decimal(1000) and result.passed and result.missing == ()


def test_city_standard_unenclosed_processing_area_zeroes_mine_appearance() -> None:
    # A2 矿容矿貌 (90) is zeroed: total 1000 − 90 = 910 ≥ 800, but A = 200 − 90 = 110 < 150 (75 % of 200).
    city = load_bundled("HL-SS-2024")
    data = _city_full_marks()
    data["items"]["A2.Z"] = {"triggered": True}
    result = run(data, city)
    assert result.total == Decimal(910)
    assert [str(r) for r in result.reasons] == ["floor:A 矿区环境 得分 110，低于下限 150（75%），差 40"]


def test_readme_responses_example_parses_against_the_city_standard() -> None:
    text = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    example = text.split("## RESPONSES.json", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    city = load_bundled("HL-SS-2024")
    result = run(json.loads(example), city)
    # A1.1 10 + A1.3 good 10 + A1.2 (10 − 2 × 2) 6 + A3.1 40 × (92.5 − 60)/40 = 32.5 → 58.5
    assert result.total == Decimal("58.5")
    assert "veto:V3" in [r.code for r in result.reasons]  # V3–V5 unanswered
