"""Small inline standards for the tests; every expected number in the tests is worked out by hand."""

from __future__ import annotations

import copy
from typing import Any


def small_doc(**overrides: Any) -> dict[str, Any]:
    """A complete, published 100-point standard with one item of every scoring method.

    Q 50 = Q1 full_or_zero 10 (mandatory) + Q2 graded 10 (10/6/0) + Q3 deduction 10 (3 per defect)
           + Q4 proportional 20 (60 → 0 … 100 → 20, higher better)
    R 50 = R1 proportional 20 (0 → 20 … 40 → 0, lower better) + R2 full_or_zero 30 + R3 zero_out → R2
    Pass line 60, first-level floor 50 %, prerequisites P1 P2, veto V1.
    """
    doc: dict[str, Any] = {
        "code": "T-SMALL",
        "title": "测试标准",
        "issuer": "测试局",
        "kind": "city",
        "version": "1.0",
        "effective_date": "2024-01-01",
        "source": {"citation": "hand-made test standard"},
        "provenance": "template",
        "status": "published",
        "total_points": 100,
        "pass_rules": {"pass_line": 60, "first_level_floor": 0.5},
        "prerequisites": [{"id": "P1", "name": "证照有效"}, {"id": "P2", "name": "无重大事故"}],
        "vetoes": [{"id": "V1", "name": "越界开采"}],
        "indicators": [
            {"id": "Q", "name": "甲", "points": 50},
            {"id": "Q1", "parent": "Q", "name": "甲一", "points": 10, "mandatory": True},
            {
                "id": "Q2",
                "parent": "Q",
                "name": "甲二",
                "points": 10,
                "method": {
                    "type": "graded",
                    "levels": [
                        {"key": "good", "label": "好", "points": 10},
                        {"key": "fair", "label": "中", "points": 6},
                        {"key": "poor", "label": "差", "points": 0},
                    ],
                },
            },
            {
                "id": "Q3",
                "parent": "Q",
                "name": "甲三",
                "points": 10,
                "method": {"type": "deduction", "per_defect": 3},
            },
            {
                "id": "Q4",
                "parent": "Q",
                "name": "绿化覆盖率",
                "points": 20,
                "method": {"type": "proportional", "lower": 60, "upper": 100, "unit": "%"},
            },
            {"id": "R", "name": "乙", "points": 50},
            {
                "id": "R1",
                "parent": "R",
                "name": "单位能耗",
                "points": 20,
                "method": {"type": "proportional", "lower": 0, "upper": 40, "direction": "lower_better"},
            },
            {
                "id": "R2",
                "parent": "R",
                "name": "加工区封闭",
                "points": 30,
                "method": {"type": "full_or_zero"},
            },
            {
                "id": "R3",
                "parent": "R",
                "name": "加工区未全封闭",
                "points": 0,
                "method": {"type": "zero_out", "target": "R2"},
            },
        ],
    }
    doc.update(copy.deepcopy(overrides))
    return doc


def full_answers() -> dict[str, Any]:
    """RESPONSES.json for `small_doc` earning every point (total 100)."""
    return {
        "prerequisites": {"P1": True, "P2": True},
        "vetoes": {"V1": False},
        "items": {
            "Q1": {"met": True},
            "Q2": {"level": "good"},
            "Q3": {"defects": 0},
            "Q4": {"value": 100},
            "R1": {"value": 0},
            "R2": {"met": True},
            "R3": {"triggered": False},
        },
    }


def indicator(doc: dict[str, Any], node_id: str) -> dict[str, Any]:
    """The mutable indicator mapping with this id inside ``doc``."""
    for ind in doc["indicators"]:
        if ind["id"] == node_id:
            return ind  # type: ignore[no-any-return]
    raise KeyError(node_id)
