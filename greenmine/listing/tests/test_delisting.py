"""Dynamic management: a listed mine whose rectification order passes its deadline unrectified is removed
by the daily clock job, with reasons naming the order, and its history shows why."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone, translation

from greenmine.core.clock import tick
from greenmine.core.models import AuditEvent
from greenmine.listing import services
from greenmine.listing.choices import ListingStatus
from greenmine.listing.selectors import mine_history
from greenmine.listing.tests.helpers import listed


@pytest.fixture(autouse=True)
def english():  # noqa: ANN201
    """Messages are checked in English (the msgids), whatever the catalogue holds."""
    with translation.override("en"):
        yield


def _at(day) -> datetime:  # noqa: ANN001
    return timezone.make_aware(datetime(day.year, day.month, day.day, 2, 0))


def test_overdue_order_removes_the_listing_once_and_history_shows_why(world) -> None:  # noqa: ANN001
    from greenmine.supervision.tests.helpers import failed_spot_check, order_of

    listing = listed(world)
    mine = listing.mine
    order = order_of(failed_spot_check(world, mine))
    # On the deadline the order is not overdue yet: nothing happens.
    assert tick(_at(order.deadline), only="listing.remove_overdue")[0].result == "0 removed"
    listing.refresh_from_db()
    assert listing.status == ListingStatus.ACTIVE
    after = order.deadline + timedelta(days=1)
    assert tick(_at(after), only="listing.remove_overdue")[0].result == "1 removed"
    listing.refresh_from_db()
    mine.refresh_from_db()
    assert (listing.status, listing.removed_on, listing.removal_order_id) == (
        ListingStatus.REMOVED,
        after,
        order.pk,
    )
    assert (
        f"整改通知 #{order.pk}" in listing.removal_reasons
        and order.deadline.isoformat() in listing.removal_reasons
    )
    assert mine.green_status == "removed"
    # Idempotent: the next day, or the same job run directly, finds nothing left to do.
    assert tick(_at(after + timedelta(days=1)), only="listing.remove_overdue")[0].result == "0 removed"
    assert services.remove_for_overdue_rectification(on=after) == []
    assert AuditEvent.objects.filter(action="listing.removed", object_id=str(listing.pk)).count() == 1
    kinds = [e.kind for e in mine_history(world.users["bureau_viewer"], mine)]
    assert kinds.index("listed") < kinds.index("spot_check") < kinds.index("removed")
    assert "order" in kinds
    # The enterprise sees its own mine's history; the other enterprise does not see the mine at all.
    assert "removed" in [e.kind for e in mine_history(world.users["enterprise"], mine)]


def test_a_verified_order_or_an_unlisted_mine_is_left_alone(world) -> None:  # noqa: ANN001
    from greenmine.supervision.tests.helpers import failed_spot_check, listed_mine, order_of, verified_order

    listing = listed(world)
    order = verified_order(world, listing.mine)
    unlisted = listed_mine(world)  # provincial by a registry import, but no listing record of ours
    other = order_of(failed_spot_check(world, unlisted))
    later = max(order.deadline, other.deadline) + timedelta(days=1)
    assert services.remove_for_overdue_rectification(on=later) == []
    listing.refresh_from_db()
    assert listing.status == ListingStatus.ACTIVE
