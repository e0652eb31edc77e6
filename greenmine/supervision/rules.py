"""Pure rules of supervision: month arithmetic for deadlines, the self-check due date, the sample size of a
draw and the per-mine seed of the inspector draw. Framework-free and typed (mypy --strict)."""

from __future__ import annotations

import calendar
import math
from datetime import date
from decimal import Decimal


def add_months(start: date, months: int) -> date:
    """`start` plus whole calendar months; a day the target month lacks is clamped to its last day
    (2026-08-31 + 6 months = 2027-02-28)."""
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def parse_month_day(text: str) -> tuple[int, int]:
    """'MM-DD' → (month, day); raises ValueError for anything else (29 February is allowed)."""
    parts = text.strip().split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise ValueError(f"Expected MM-DD, got {text!r}.")
    month, day = int(parts[0]), int(parts[1])
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2024, month)[1]:
        raise ValueError(f"No such day of the year: {text!r}.")
    return month, day


def due_date(year: int, month_day: str) -> date:
    """The due date of a year's self-check ('02-29' in a common year is the 28th)."""
    month, day = parse_month_day(month_day)
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def sample_size(pool_size: int, count: int | None, ratio_percent: Decimal | None) -> int:
    """How many to draw: a fixed count, or the ratio (percent) of the pool rounded up (at least one from a
    non-empty pool). A count wins when both are given; neither gives 0."""
    if pool_size < 0:
        raise ValueError("The pool size must not be negative.")
    if count is not None:
        if count < 0:
            raise ValueError("The count must not be negative.")
        return count
    if ratio_percent is None:
        return 0
    if not Decimal(0) <= ratio_percent <= Decimal(100):
        raise ValueError("The ratio must lie between 0 and 100 percent.")
    if pool_size == 0 or ratio_percent == 0:
        return 0
    return max(1, math.ceil(Decimal(pool_size) * ratio_percent / Decimal(100)))


def inspector_seed(seed: str, mine_key: str) -> str:
    """The seed of one drawn mine's inspector draw: the draw's seed, '/', the mine's key."""
    return f"{seed}/{mine_key}"
