"""Table tests of the pure rules (literal expected values)."""

from datetime import date
from decimal import Decimal

import pytest

from greenmine.core import randomdraw
from greenmine.supervision import rules
from greenmine.supervision.services import compute_selection


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), 6, date(2026, 9, 30)),
        (date(2026, 7, 31), 6, date(2027, 1, 31)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2026, 5, 30), 0, date(2026, 5, 30)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 1), 24, date(2028, 1, 1)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert rules.add_months(start, months) == expected


@pytest.mark.parametrize(
    ("year", "month_day", "expected"),
    [
        (2026, "03-31", date(2026, 3, 31)),
        (2026, "02-29", date(2026, 2, 28)),
        (2028, "02-29", date(2028, 2, 29)),
        (2026, " 12-01 ", date(2026, 12, 1)),
    ],
)
def test_due_date(year: int, month_day: str, expected: date) -> None:
    assert rules.due_date(year, month_day) == expected


@pytest.mark.parametrize("text", ["", "3/31", "13-01", "04-31", "00-10", "a-b", "03-31-01"])
def test_bad_month_day(text: str) -> None:
    with pytest.raises(ValueError):
        rules.parse_month_day(text)


@pytest.mark.parametrize(
    ("pool", "count", "ratio", "expected"),
    [
        (10, 3, None, 3),
        (10, None, Decimal("20"), 2),
        (10, None, Decimal("25"), 3),  # 2.5 rounded up
        (3, None, Decimal("5"), 1),  # at least one from a non-empty pool
        (0, None, Decimal("50"), 0),
        (10, None, None, 0),
        (10, 12, None, 12),  # the service refuses it: the pool is too small
        (7, None, Decimal("100"), 7),
    ],
)
def test_sample_size(pool: int, count: int | None, ratio: Decimal | None, expected: int) -> None:
    assert rules.sample_size(pool, count, ratio) == expected


@pytest.mark.parametrize(
    ("pool", "count", "ratio"), [(-1, 1, None), (5, -1, None), (5, None, Decimal("101"))]
)
def test_sample_size_refuses(pool: int, count: int | None, ratio: Decimal | None) -> None:
    with pytest.raises(ValueError):
        rules.sample_size(pool, count, ratio)


def test_inspector_seed() -> None:
    assert rules.inspector_seed("ab12", "M7") == "ab12/M7"


def test_selection_is_recomputable_from_published_values() -> None:
    seed = "00112233445566778899aabbccddeeff"
    mines = ["M1", "M2", "M3", "M4", "M5"]
    people = ["I1", "I2", "I3", "I4"]
    selection = compute_selection(seed, mines, people, 2, 2)
    # What anyone can recompute with the published module: the mines, then each mine's inspectors.
    expected_mines = randomdraw.draw(seed, mines, 2)
    assert [row["mine"] for row in selection] == expected_mines
    for row in selection:
        assert row["inspectors"] == randomdraw.draw(f"{seed}/{row['mine']}", people, 2)
        assert len(set(row["inspectors"])) == 2
    # The order of the pools does not change the draw.
    assert compute_selection(seed, mines[::-1], people[::-1], 2, 2) == selection


def test_excluded_inspectors_are_never_drawn_for_that_mine() -> None:
    seed = "ffeeddccbbaa99887766554433221100"
    mines, people = ["M1", "M2"], ["I1", "I2", "I3", "I4"]
    selection = compute_selection(seed, mines, people, 2, 2, {"M1": ["I2", "I1"]})
    by_mine = {row["mine"]: row for row in selection}
    assert sorted(by_mine["M1"]["inspectors"]) == ["I3", "I4"]
    assert by_mine["M1"]["excluded"] == ["I1", "I2"]
    assert "excluded" not in by_mine["M2"]
    assert by_mine["M2"]["inspectors"] == randomdraw.draw(f"{seed}/M2", people, 2)
    with pytest.raises(randomdraw.DrawError):
        compute_selection(seed, mines, people, 2, 3, {"M1": ["I1", "I2"]})
