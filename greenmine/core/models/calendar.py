"""The editable part of the working-day calendar: holidays and make-up working days that win over
chinese-calendar, and the years whose schedule has been entered by hand."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from greenmine.core.choices import CalendarDayKind
from greenmine.core.models.base import BaseModel
from greenmine.core.permissions import EVERYTHING, NOTHING, VIEW, Scope

_EVERYONE_SIGNED_IN = Scope(
    custom=lambda user, action, memberships: EVERYTHING if action == VIEW else NOTHING,
    published=lambda: EVERYTHING,
)
_BUREAU_EDITS = Scope(
    custom=lambda user, action, memberships: (
        EVERYTHING
        if action == VIEW or any(m.organisation.kind == "bureau" and m.role == "admin" for m in memberships)
        else NOTHING
    ),
    published=lambda: EVERYTHING,
)


class HolidaySchedule(BaseModel):
    """A year whose statutory holiday schedule (国务院办公厅 notice) has been entered here in full."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    source = models.CharField(_("source document"), max_length=200, blank=True)

    scope = _BUREAU_EDITS

    class Meta:
        ordering = ["-year"]
        verbose_name = _("holiday schedule")
        verbose_name_plural = _("holiday schedules")

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(BaseModel):
    """A day that is a holiday or a make-up working day, overriding the package's calendar."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=CalendarDayKind.choices)
    name = models.CharField(_("name"), max_length=60, blank=True, help_text=_("e.g. 春节"))

    scope = _BUREAU_EDITS

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"
