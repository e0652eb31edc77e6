"""Listings decided before this system (the baseline, 底数库): the bureau enters them, and they are then
managed like any other — marked on the mine, on the public list, removed by the clock when a rectification
order runs out."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from greenmine.core.clock import tick
from greenmine.core.models import AuditEvent
from greenmine.listing import services
from greenmine.listing.choices import ListingStatus
from greenmine.registry.models import Mine
from greenmine.registry.tests.factories import make_mine

LISTED_ON = date(2025, 1, 15)
DOCUMENT = "黑自然资公告〔2025〕12号"


@pytest.fixture(autouse=True)
def english():  # noqa: ANN201
    with translation.override("en"):
        yield


def _mine(world, **fields):  # noqa: ANN001, ANN003, ANN202
    return make_mine(world.users["bureau_admin"], world.orgs["enterprise"], world.orgs["township"], **fields)


def _record(world, mine, role="bureau_staff", **changes):  # noqa: ANN001, ANN003, ANN202
    data = {"level": "provincial", "listed_on": LISTED_ON, "document_no": DOCUMENT, **changes}
    return services.record_existing_listing(actor=world.users[role], mine=mine, **data)


def test_a_recorded_listing_marks_the_mine_and_is_audited(world) -> None:  # noqa: ANN001
    mine = _mine(world)
    listing = _record(world, mine)
    assert (listing.status, listing.level, listing.listed_on, listing.recommendation) == (
        ListingStatus.ACTIVE,
        "provincial",
        LISTED_ON,
        None,
    )
    assert Mine.objects.get(pk=mine.pk).green_status == "provincial"
    assert AuditEvent.objects.filter(action="listing.existing_recorded", object_id=str(listing.pk)).exists()
    # A mine the registry already shows as listed gets its record without changing status.
    listed_before = _mine(world, green_status="national")
    _record(world, listed_before, level="national")
    assert Mine.objects.get(pk=listed_before.pk).green_status == "national"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"level": "county"}, "level", "Choose the provincial or the national list."),
        (
            {"document_no": "  "},
            "document_no",
            "Enter the document number (文号) of the listing announcement.",
        ),
        (
            {"listed_on": date(2099, 1, 1)},
            "listed_on",
            "A listing on record cannot be dated in the future.",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_field(world, changes, field, message) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as refused:
        _record(world, _mine(world), **changes)
    assert refused.value.message_dict == {field: [message]}


def test_the_same_list_twice_and_other_people_are_refused(world) -> None:  # noqa: ANN001
    mine = _mine(world)
    _record(world, mine)
    with pytest.raises(ValidationError) as twice:
        _record(world, mine)
    assert twice.value.message_dict == {"level": ["This mine is already on this list."]}
    for role in ("bureau_viewer", "department", "enterprise", "other_bureau"):
        with pytest.raises(PermissionDenied):
            _record(world, _mine(world), role=role)


def test_the_clock_removes_a_recorded_listing_whose_order_runs_out(world) -> None:  # noqa: ANN001
    from greenmine.supervision.tests.helpers import failed_spot_check, order_of

    mine = _mine(world)
    listing = _record(world, mine)
    order = order_of(failed_spot_check(world, mine))
    after = order.deadline + timedelta(days=1)
    outcome = tick(
        timezone.make_aware(datetime(after.year, after.month, after.day, 2)), only="listing.remove_overdue"
    )
    assert outcome[0].result == "1 removed"
    listing.refresh_from_db()
    assert (listing.status, listing.removal_order_id) == (ListingStatus.REMOVED, order.pk)
    assert Mine.objects.get(pk=mine.pk).green_status == "removed"


def test_the_page_keeps_what_was_typed_and_the_bureau_is_told_what_is_missing(world, client_for) -> None:  # noqa: ANN001
    unrecorded = _mine(world, green_status="provincial")
    client = client_for("bureau_staff")
    url = reverse("listing:listing_record_existing")
    assert f'href="{url}"' in client.get(reverse("home")).content.decode()  # the to-do points to the form
    refused = client.post(url, {"mine": unrecorded.pk, "level": "provincial", "listed_on": "2025-01-15"})
    assert refused.status_code == 200
    assert "document_no" in refused.context["form"].errors
    assert 'value="2025-01-15"' in refused.content.decode()
    saved = client.post(url, {**refused.context["form"].data.dict(), "document_no": DOCUMENT})
    assert saved.status_code == 302
    assert f'href="{url}"' not in client.get(reverse("home")).content.decode()
    public = client_for("anonymous").get(reverse("listing:public_list")).content.decode()
    assert unrecorded.name in public
