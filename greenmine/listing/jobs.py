"""Clock jobs of the green-mine list: notices close after their last day; listed mines whose
rectification order is overdue are removed. Both are idempotent (a second run finds nothing to do)."""

from __future__ import annotations

from datetime import datetime

from greenmine.core.clock import clock_job
from greenmine.listing import services
from greenmine.listing.choices import NoticeStatus
from greenmine.listing.models import PublicNotice


@clock_job("listing.close_notices", period="daily", description="Close public notices after their last day.")
def close_notices(now: datetime) -> str:
    today = now.date()
    closed = 0
    for notice in PublicNotice.objects.filter(status=NoticeStatus.PUBLISHED, ends_on__lt=today):
        if services.close_notice(notice=notice, on=today) is not None:
            closed += 1
    return f"{closed} closed"


@clock_job(
    "listing.remove_overdue",
    period="daily",
    description="Remove listed mines whose rectification order passed its deadline unrectified.",
)
def remove_overdue(now: datetime) -> str:
    removed = services.remove_for_overdue_rectification(on=now.date())
    return f"{len(removed)} removed"
