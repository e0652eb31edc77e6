"""The demo part: from completed third-party assessments, one mine listed through the services, one review
waiting for a department's opinion; a second load changes nothing."""

from __future__ import annotations

from greenmine.listing import demo
from greenmine.listing.models import Listing, OpinionRequest, Review
from greenmine.listing.tests.helpers import completed, department


def test_demo_lists_one_mine_and_leaves_one_review_open(world) -> None:  # noqa: ANN001
    first = completed(world)
    second = completed(world)
    context = {
        "actor": world.users["bureau_admin"],
        "departments": [world.orgs["department"], department(world)],
    }
    demo.load(context)
    listing = Listing.objects.get()
    assert listing.mine_id == first.mine_id and listing.mine.green_status == "provincial"
    waiting = Review.objects.get(assessment=second)
    assert waiting.status == "open"
    assert OpinionRequest.objects.filter(review=waiting, answer="").count() == 1
    demo.load(context)
    assert (Listing.objects.count(), Review.objects.count()) == (1, 2)
