"""The public objection form slows down a script (the same limit as the API), keeping what was typed."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from greenmine.listing.models import Objection
from greenmine.listing.tests.helpers import published_notice, recommended_review
from greenmine.listing.throttles import ObjectionThrottle


@pytest.fixture(autouse=True)
def low_limit(monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setattr(ObjectionThrottle, "rate", "2/minute")
    cache.clear()
    yield
    cache.clear()


def test_the_third_objection_in_a_minute_is_held_back_with_the_text_kept(world, client_for) -> None:  # noqa: ANN001
    review = recommended_review(world)
    notice = published_notice(world, [review])
    url = reverse("listing:public_notice", kwargs={"pk": notice.pk})
    visitor = client_for("anonymous")
    data = {"review": review.pk, "name": "李四", "contact": "0467-1234567", "content": "夜间爆破噪声扰民"}
    assert [visitor.post(url, data).status_code for _ in range(2)] == [200, 200]
    held = visitor.post(url, {**data, "content": "第三条异议"})
    assert held.status_code == 429
    page = held.content.decode()
    assert 'data-testid="throttled"' in page
    assert "第三条异议" in page
    assert Objection.objects.count() == 2
