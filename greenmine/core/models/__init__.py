"""Core models, re-exported explicitly."""

from greenmine.core.models.audit import AuditEvent, ClockRun
from greenmine.core.models.base import BaseModel
from greenmine.core.models.calendar import CalendarDay, HolidaySchedule
from greenmine.core.models.evidence import EvidenceFile, EvidenceKind
from greenmine.core.models.organisations import Division, Grant, Membership, Organisation, User

__all__ = [
    "AuditEvent",
    "BaseModel",
    "CalendarDay",
    "ClockRun",
    "Division",
    "EvidenceFile",
    "EvidenceKind",
    "Grant",
    "HolidaySchedule",
    "Membership",
    "Organisation",
    "User",
]
