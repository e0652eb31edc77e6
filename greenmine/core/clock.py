"""The clock: jobs that must happen at a time, run by `greenmine tick` (cron, a systemd timer, or the
loop `make run` starts). Each job runs at most once per period; a job must also be idempotent itself,
because a crash between its work and its ClockRun record makes the next tick run it again.

Deadline states (overdue, closed) are derived at read time wherever possible; the clock only does
what has to be *done* at a time: closing what is due, sending reminders, writing the audit head.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from greenmine.core.models import ClockRun

logger = logging.getLogger(__name__)

PERIODS: dict[str, Callable[[datetime], str]] = {
    "daily": lambda now: now.date().isoformat(),
    "hourly": lambda now: now.strftime("%Y-%m-%dT%H"),
    "every_tick": lambda now: now.isoformat(),
}


@dataclass(frozen=True)
class ClockJob:
    name: str
    period: str
    func: Callable[[datetime], str | None]
    description: str = ""


_JOBS: dict[str, ClockJob] = {}


def clock_job(
    name: str, period: str = "daily", description: str = ""
) -> Callable[[Callable[[datetime], str | None]], Callable[[datetime], str | None]]:
    """Register a function as a clock job; it receives the local time and returns a short result."""
    if period not in PERIODS:
        raise ValueError(f"Unknown clock period {period!r}")

    def register(func: Callable[[datetime], str | None]) -> Callable[[datetime], str | None]:
        _JOBS[name] = ClockJob(
            name=name, period=period, func=func, description=description or (func.__doc__ or "")
        )
        return func

    return register


def registered_jobs() -> list[ClockJob]:
    return sorted(_JOBS.values(), key=lambda job: job.name)


@dataclass(frozen=True)
class TickOutcome:
    job: str
    period: str
    ran: bool
    result: str


def tick(now: datetime | None = None, only: str | None = None) -> list[TickOutcome]:
    """Run every job that has not yet run in its current period."""
    now = timezone.localtime(now or timezone.now())
    outcomes = []
    for job in registered_jobs():
        if only and job.name != only:
            continue
        period = PERIODS[job.period](now)
        if ClockRun.objects.filter(job=job.name, period=period, finished_at__isnull=False).exists():
            outcomes.append(TickOutcome(job.name, period, False, "already done"))
            continue
        try:
            with transaction.atomic():
                run, _created = ClockRun.objects.get_or_create(
                    job=job.name, period=period, defaults={"started_at": timezone.now()}
                )
                result = job.func(now) or ""
                run.finished_at = timezone.now()
                run.result = result[:2000]
                run.save(update_fields=["finished_at", "result"])
        except IntegrityError:
            # Another tick process took this period at the same moment; it does the work.
            outcomes.append(TickOutcome(job.name, period, False, "taken by another tick"))
            continue
        except Exception:
            logger.exception("Clock job %s failed for %s", job.name, period)
            outcomes.append(TickOutcome(job.name, period, False, "failed (see the log)"))
            continue
        outcomes.append(TickOutcome(job.name, period, True, result))
    return outcomes
