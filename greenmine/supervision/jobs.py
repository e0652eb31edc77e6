"""Clock jobs of supervision: open the year's annual self-checks and send their reminders; report overdue
rectification orders. Idempotent: a check is opened once per year, each reminder goes out once."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from greenmine.core.clock import clock_job
from greenmine.supervision import services
from greenmine.supervision.choices import SelfCheckStatus
from greenmine.supervision.models import AnnualSelfCheck, RectificationOrder

logger = logging.getLogger(__name__)


def _email(check: AnnualSelfCheck, kind: str) -> bool:
    """Mail the enterprise (when it has an address) about one self-check; True when a mail went out."""
    address = check.mine.enterprise.email
    if not address:
        return False
    url = settings.SITE_URL.rstrip("/") + reverse("supervision:selfcheck_detail", kwargs={"pk": check.pk})
    values = {"mine": check.mine.name, "year": check.year, "due": check.due_date.isoformat(), "url": url}
    with override(settings.LANGUAGE_CODE):
        if kind == "due":
            subject = _("Annual self-check of %(mine)s due on %(due)s") % values
            body = (
                _(
                    "The %(year)d annual self-check of %(mine)s is due on %(due)s. "
                    "Submit the report with its evidence at %(url)s"
                )
                % values
            )
        else:
            subject = _("Annual self-check of %(mine)s is overdue") % values
            body = (
                _(
                    "The %(year)d annual self-check of %(mine)s was due on %(due)s and "
                    "has not been submitted. Submit it at %(url)s"
                )
                % values
            )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    return True


def remind(today: date) -> tuple[int, int]:
    """Send the before-due reminders and the overdue notices not yet sent; (reminders, notices)."""
    waiting = AnnualSelfCheck.objects.filter(
        status__in=[SelfCheckStatus.OPEN, SelfCheckStatus.RETURNED]
    ).select_related("mine__enterprise")
    lead = timedelta(days=int(settings.SELF_CHECK_REMINDER_DAYS))
    due = waiting.filter(reminder_sent_on__isnull=True, due_date__gte=today, due_date__lte=today + lead)
    late = waiting.filter(overdue_notice_sent_on__isnull=True, due_date__lt=today)
    counts = [0, 0]
    for index, (kind, checks) in enumerate((("due", due), ("overdue", late))):
        for check in checks:
            _email(check, kind)
            services.mark_reminded(check=check, kind=kind, on=today)
            counts[index] += 1
    return counts[0], counts[1]


@clock_job(
    "supervision.annual_self_checks",
    period="daily",
    description="Open the annual self-check of every listed mine; remind before the due date and when late.",
)
def annual_self_checks(now: datetime) -> str:
    opened = services.open_self_checks(year=now.year)
    reminders, notices = remind(now.date())
    return f"{len(opened)} opened, {reminders} reminders, {notices} overdue notices"


@clock_job(
    "supervision.overdue_orders",
    period="daily",
    description="Log the rectification orders past their deadline (the home page lists them).",
)
def overdue_orders(now: datetime) -> str:
    """Overdue is derived at read time; the daily job only reports the count (idempotent)."""
    count = RectificationOrder.objects.overdue(now.date()).count()
    if count:
        logger.warning("%s rectification orders are overdue", count)
    return f"{count} overdue"
