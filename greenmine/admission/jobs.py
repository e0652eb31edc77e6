"""Clock jobs of the admission app."""

from __future__ import annotations

import logging
from datetime import datetime

from greenmine.admission.models import WithdrawalCase
from greenmine.core.clock import clock_job

logger = logging.getLogger(__name__)


@clock_job(
    "admission.overdue_cases",
    period="daily",
    description="Log the withdrawal cases past their deadline (the home page lists them).",
)
def overdue_cases(now: datetime) -> str:
    """Overdue is derived at read time; the daily job only reports the count (idempotent)."""
    count = WithdrawalCase.objects.overdue().count()
    if count:
        logger.warning("%s withdrawal cases are overdue", count)
    return f"{count} overdue"
