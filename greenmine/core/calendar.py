"""The working-day calendar as the installation knows it: the package plus the bureau's table."""

from datetime import date

from greenmine.core.models import CalendarDay, HolidaySchedule
from greenmine.core.workdays import UnknownYearError, WorkCalendar, package_knows

__all__ = ["UnknownYearError", "add_working_days", "current_calendar", "is_working_day", "year_status"]


def current_calendar() -> WorkCalendar:
    """A WorkCalendar with every override and entered year from the database (a few dozen rows a year)."""
    overrides = {entry.date: entry.kind == "workday" for entry in CalendarDay.objects.only("date", "kind")}
    years = frozenset(HolidaySchedule.objects.values_list("year", flat=True))
    return WorkCalendar(overrides=overrides, entered_years=years)


def is_working_day(day: date) -> bool:
    return current_calendar().is_working_day(day)


def add_working_days(start: date, days: int) -> date:
    return current_calendar().add_working_days(start, days)


def year_status(year: int) -> str:
    """'entered' (by the bureau), 'package' (chinese-calendar knows it) or 'unknown'."""
    if HolidaySchedule.objects.filter(year=year).exists():
        return "entered"
    if package_knows(year):
        return "package"
    return "unknown"
