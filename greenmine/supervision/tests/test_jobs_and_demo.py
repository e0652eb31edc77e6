"""The clock jobs (self-checks opened once, reminders sent once, by e-mail when the enterprise has an address)
and the demo (idempotent)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core import mail
from django.utils import timezone

from greenmine.core import services as core_services
from greenmine.core.clock import tick
from greenmine.core.shell import todos_for
from greenmine.supervision import jobs
from greenmine.supervision.choices import SelfCheckStatus
from greenmine.supervision.models import AnnualSelfCheck, Inspector, RectificationOrder, SpotCheckDraw
from greenmine.supervision.tests.helpers import failed_spot_check, listed_mine

pytestmark = pytest.mark.django_db


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 8, 0))


def test_job_opens_self_checks_and_reminds_once(world, settings) -> None:  # noqa: ANN001
    settings.ANNUAL_SELF_CHECK_DUE = "03-31"
    settings.SELF_CHECK_REMINDER_DAYS = 30
    core_services.update_organisation(
        actor=world.users["bureau_admin"], organisation=world.orgs["enterprise"], email="qy@example.cn"
    )
    mine = listed_mine(world)
    listed_mine(world, enterprise="enterprise_other")  # no e-mail address: to-do only

    assert jobs.annual_self_checks(_at(date(2026, 1, 5))) == "2 opened, 0 reminders, 0 overdue notices"
    check = AnnualSelfCheck.objects.get(mine=mine, year=2026)
    assert check.due_date == date(2026, 3, 31) and check.status == SelfCheckStatus.OPEN
    assert mail.outbox == []

    assert jobs.annual_self_checks(_at(date(2026, 3, 2))) == "0 opened, 2 reminders, 0 overdue notices"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["qy@example.cn"]
    assert mine.name in mail.outbox[0].subject and "2026-03-31" in mail.outbox[0].subject
    assert jobs.annual_self_checks(_at(date(2026, 3, 3))) == "0 opened, 0 reminders, 0 overdue notices"

    assert jobs.annual_self_checks(_at(date(2026, 4, 1))) == "0 opened, 0 reminders, 2 overdue notices"
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["qy@example.cn"]
    assert mine.name in mail.outbox[1].subject and mail.outbox[1].subject != mail.outbox[0].subject
    check.refresh_from_db()
    assert check.reminder_sent_on == date(2026, 3, 2) and check.overdue_notice_sent_on == date(2026, 4, 1)
    assert jobs.annual_self_checks(_at(date(2026, 4, 2))) == "0 opened, 0 reminders, 0 overdue notices"


def test_clock_runs_the_job_once_a_day(world) -> None:  # noqa: ANN001
    listed_mine(world)
    now = _at(date(2026, 2, 1))
    first = {o.job: o for o in tick(now, only="supervision.annual_self_checks")}
    assert first["supervision.annual_self_checks"].ran
    again = {o.job: o for o in tick(now, only="supervision.annual_self_checks")}
    assert not again["supervision.annual_self_checks"].ran
    assert AnnualSelfCheck.objects.count() == 1


def test_todos(world) -> None:  # noqa: ANN001
    mine = listed_mine(world)
    failed_spot_check(world, mine, checked_on=date(2025, 1, 10))  # its order is overdue since 2025-07-10
    titles = [str(t.title) for t in todos_for(world.users["enterprise"])]
    assert any("rectification" in t.lower() or "整改" in t for t in titles)
    assert not [t for t in todos_for(world.users["enterprise_other"]) if "整改" in str(t.title)]
    assert jobs.overdue_orders(_at(date(2026, 1, 1))) == "1 overdue"


def test_demo_is_idempotent(db) -> None:  # noqa: ANN001
    from greenmine.core import demo as core_demo
    from greenmine.registry import demo as registry_demo
    from greenmine.supervision import demo

    context = core_demo.load([])
    context.update(registry_demo.load(context) or {})
    demo.load(context)
    demo.load(context)
    assert Inspector.objects.count() == 3
    draw = SpotCheckDraw.objects.get()
    assert draw.status == "published" and len(draw.selection) == 1
    assert RectificationOrder.objects.filter(status="open").count() == 1
    assert AnnualSelfCheck.objects.filter(year=timezone.localdate().year).exists()
