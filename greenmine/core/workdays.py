"""Working days as in China: weekends, statutory holidays and make-up working days (调休).

Three sources, in order: the editable table (a date entered by the bureau wins), a year whose
schedule the bureau has entered in full (then unlisted dates follow the weekend rule), and the
chinese-calendar package for the years it knows. A year none of them knows is refused with a
clear message: counting a notice period over an unknown Spring Festival would be wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

import chinese_calendar


class UnknownYearError(ValueError):
    """The holiday schedule of this year is not known: it must be entered first."""

    def __init__(self, year: int) -> None:
        super().__init__(f"The {year} holiday schedule is not known yet: enter the {year} schedule first.")
        self.year = year


def package_knows(year: int) -> bool:
    """Whether chinese-calendar has the State Council schedule of this year."""
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@dataclass(frozen=True)
class WorkCalendar:
    """A calendar of working days; `overrides` maps a date to True (working) or False (day off)."""

    overrides: Mapping[date, bool] = field(default_factory=dict)
    entered_years: frozenset[int] = frozenset()

    def knows(self, year: int) -> bool:
        return year in self.entered_years or package_knows(year)

    def is_working_day(self, day: date) -> bool:
        """Whether `day` is a working day; UnknownYearError for a year no source knows."""
        if day in self.overrides:
            return self.overrides[day]
        if day.year in self.entered_years:
            return day.weekday() < 5
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            raise UnknownYearError(day.year) from None

    def add_working_days(self, start: date, days: int) -> date:
        """The date `days` working days after `start` (start itself not counted).

        A 5-working-day notice published on a Friday before a normal week ends on the next Friday.
        """
        if days < 0:
            raise ValueError("days must not be negative")
        current = start
        remaining = days
        while remaining > 0:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end ≤ start)."""
        count = 0
        current = start
        while current < end:
            current += timedelta(days=1)
            if self.is_working_day(current):
                count += 1
        return count
