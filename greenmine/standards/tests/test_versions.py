"""Versions: immutability of published versions, copies as new drafts, diffs, leading standards."""

from __future__ import annotations

from decimal import Decimal

import pytest

from greenmine.standards.bundled import bundled_paths
from greenmine.standards.diff import FieldChange, diff
from greenmine.standards.document import DocumentInvalid, Status, load_document, load_yaml
from greenmine.standards.tests.factories import indicator, small_doc
from greenmine.standards.versions import (
    StandardImmutable,
    check_stricter,
    dump_document,
    ensure_editable,
    new_version,
    publish,
)

STANDARD = load_document(small_doc())


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.name)
def test_dump_and_load_round_trip(path: object) -> None:
    standard = load_yaml(path)  # type: ignore[arg-type]
    assert load_document(dump_document(standard)) == standard


def test_published_version_is_immutable() -> None:
    with pytest.raises(StandardImmutable):
        ensure_editable(STANDARD)
    ensure_editable(new_version(STANDARD, "1.1"))


def test_new_version_starts_as_a_draft_copy() -> None:
    copy = new_version(STANDARD, "1.1")
    assert copy.status is Status.DRAFT and copy.version == "1.1"
    assert copy.indicators == STANDARD.indicators
    assert diff(STANDARD, copy).empty
    with pytest.raises(ValueError, match="must differ"):
        new_version(STANDARD, "1.0")


def test_publish_requires_a_complete_standard() -> None:
    doc = small_doc(status="draft")
    draft = load_document(doc)
    assert publish(draft).status is Status.PUBLISHED
    indicator(doc, "Q1")["points"] = None
    with pytest.raises(DocumentInvalid) as err:
        publish(load_document(doc))
    assert [(e.node, e.field) for e in err.value.report.errors] == [("Q1", "points")]


def test_diff_lists_added_removed_and_changed_items_with_points() -> None:
    doc = small_doc(version="1.1", status="draft")
    # Q2 10 → 8 and Q3 10 → 12 keep Q at 50; R3 removed; R4 added; V2 added; pass line 60 → 70.
    indicator(doc, "Q2")["points"] = 8
    indicator(doc, "Q2")["method"]["levels"][0]["points"] = 8
    indicator(doc, "Q3")["points"] = 12
    indicator(doc, "Q3")["name"] = "甲三（修订）"
    doc["indicators"] = [i for i in doc["indicators"] if i["id"] != "R3"]
    doc["indicators"].append({"id": "R4", "parent": "R", "name": "新增项", "points": 0})
    doc["vetoes"].append({"id": "V2", "name": "弄虚作假"})
    doc["pass_rules"]["pass_line"] = 70
    result = diff(STANDARD, load_document(doc))
    assert [(a.kind, a.id) for a in result.added] == [("veto", "V2"), ("indicator", "R4")]
    assert [(r.kind, r.id, r.points) for r in result.removed] == [("indicator", "R3", Decimal(0))]
    changed = {c.id: c for c in result.changed}
    assert set(changed) == {"Q2", "Q3"}
    assert (changed["Q2"].old_points, changed["Q2"].new_points) == (Decimal(10), Decimal(8))
    assert [c.field for c in changed["Q2"].changes] == ["points", "method"]
    assert [c.field for c in changed["Q3"].changes] == ["name", "points"]
    assert FieldChange("pass_rules.pass_line", 60, 70) in result.meta
    assert result.scoring_changed
    assert "~ indicator Q3 甲三（修订）: name: '甲三' → '甲三（修订）', points: 10 → 12" in result.lines()


def test_text_only_change_does_not_change_scoring() -> None:
    doc = small_doc(version="1.1")
    indicator(doc, "Q1")["guidance"] = "补充说明"
    result = diff(STANDARD, load_document(doc))
    assert [c.field for c in result.changed[0].changes] == ["guidance"]
    assert not result.scoring_changed


def test_leading_standard_may_only_be_stricter() -> None:
    stricter = small_doc(
        code="ENT-1", kind="enterprise_leading", based_on={"code": "T-SMALL", "version": "1.0"}
    )
    stricter["pass_rules"] = {"pass_line": 85, "first_level_floor": 0.8}
    assert check_stricter(STANDARD, load_document(stricter)).ok
    looser = small_doc(
        code="ENT-2", kind="enterprise_leading", prerequisites=[{"id": "P1", "name": "证照有效"}]
    )
    looser["pass_rules"] = {"pass_line": 50, "first_level_floor": 0.5}
    indicator(looser, "Q1")["mandatory"] = False
    report = check_stricter(STANDARD, load_document(looser))
    assert [(e.node, e.field) for e in report.errors] == [
        ("pass_rules", "pass_line"),
        ("P2", "id"),
        ("Q1", "mandatory"),
    ]
