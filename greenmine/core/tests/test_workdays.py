"""Working days as in China. Expected values are from the State Council's 2026 holiday notice
(国办发明电〔2025〕7号): 春节 2月15日–23日 off with 2月14日 (Sat) and 2月28日 (Sat) worked; 国庆 10月1日–7日
off with 9月20日 (Sun) and 10月10日 (Sat) worked."""

from datetime import date

import pytest

from greenmine.core.workdays import UnknownYearError, WorkCalendar

CAL = WorkCalendar()


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 2, 13), True),  # Friday before the Spring Festival
        (date(2026, 2, 14), True),  # Saturday, make-up working day
        (date(2026, 2, 15), False),  # first day of the holiday (Sunday)
        (date(2026, 2, 23), False),  # last day of the holiday (Monday)
        (date(2026, 2, 24), True),
        (date(2026, 2, 28), True),  # Saturday, make-up working day
        (date(2026, 9, 20), True),  # Sunday, make-up working day
        (date(2026, 10, 7), False),
        (date(2026, 10, 8), True),
        (date(2026, 10, 10), True),  # Saturday, make-up working day
        (date(2026, 11, 28), False),  # an ordinary Saturday
        (date(2026, 11, 30), True),  # an ordinary Monday
    ],
)
def test_2026_schedule(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        # A 5-working-day notice published on Friday 2026-11-20 ends on Friday 11-27.
        (date(2026, 11, 20), 5, date(2026, 11, 27)),
        # Published Friday 2026-09-25 (中秋, off): 9-28, 9-29, 9-30, then 10-08, 10-09.
        (date(2026, 9, 25), 5, date(2026, 10, 9)),
        # Published 2026-02-13: 2-14 (make-up Saturday), then 2-24, 2-25, 2-26, 2-27.
        (date(2026, 2, 13), 5, date(2026, 2, 27)),
        (date(2026, 11, 20), 0, date(2026, 11, 20)),
    ],
)
def test_add_working_days(start: date, days: int, end: date) -> None:
    assert CAL.add_working_days(start, days) == end


def test_overrides_win_over_the_package() -> None:
    cal = WorkCalendar(overrides={date(2026, 11, 30): False, date(2026, 11, 28): True})
    assert cal.is_working_day(date(2026, 11, 30)) is False
    assert cal.is_working_day(date(2026, 11, 28)) is True


def test_unknown_year_is_refused_with_the_year_named() -> None:
    with pytest.raises(UnknownYearError) as info:
        CAL.is_working_day(date(2031, 3, 3))
    assert info.value.year == 2031
    assert "enter the 2031 schedule" in str(info.value)


def test_an_entered_year_follows_its_table_then_the_weekend_rule() -> None:
    cal = WorkCalendar(
        overrides={date(2031, 1, 1): False, date(2031, 1, 4): True}, entered_years=frozenset({2031})
    )
    assert cal.is_working_day(date(2031, 1, 1)) is False  # Wednesday, entered as a holiday
    assert cal.is_working_day(date(2031, 1, 4)) is True  # Saturday, entered as a make-up day
    assert cal.is_working_day(date(2031, 1, 5)) is False  # Sunday
    assert cal.is_working_day(date(2031, 1, 6)) is True  # Monday


def test_working_days_between() -> None:
    assert CAL.working_days_between(date(2026, 11, 20), date(2026, 11, 27)) == 5
    assert CAL.working_days_between(date(2026, 11, 27), date(2026, 11, 20)) == 0
