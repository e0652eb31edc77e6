"""Pages: a refused form keeps what was typed and names the field; the public page shows published draws
only; an enterprise never sees another's orders."""

from __future__ import annotations

import pytest
from django.urls import reverse

from greenmine.core.models import AuditEvent
from greenmine.supervision.tests.helpers import (
    failed_spot_check,
    inspectors,
    listed_mine,
    new_draw,
    order_of,
    pending_spot_check,
)

pytestmark = pytest.mark.django_db


def test_draw_form_keeps_input_and_names_the_field(client_for) -> None:  # noqa: ANN001
    response = client_for("bureau_admin").post(
        reverse("supervision:draw_create"),
        {"title": "我的抽查", "year": "2026", "eligibility": "listed", "inspectors_per_mine": "2"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="我的抽查"' in html and 'id="id_sample_count_errors"' in html


def test_refused_draw_on_the_page_is_audited(world, client_for) -> None:  # noqa: ANN001
    draw = new_draw(world, count=1)  # no listed mine: the pool is empty
    response = client_for("bureau_staff").post(
        reverse("supervision:draw_run", kwargs={"pk": draw.pk}), follow=True
    )
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="supervision.draw_refused", object_id=str(draw.pk)).exists()


def test_public_page_shows_only_published_draws(world, client) -> None:  # noqa: ANN001
    listed_mine(world)
    inspectors(world)
    draw = new_draw(world)
    assert client.get(reverse("supervision:public_draw_detail", kwargs={"pk": draw.pk})).status_code == 404
    assert draw.title not in client.get(reverse("supervision:public_draw_list")).content.decode()


def test_record_form_keeps_findings_on_error(world, client_for) -> None:  # noqa: ANN001
    check = pending_spot_check(world, listed_mine(world))
    response = client_for("bureau_staff").post(
        reverse("supervision:check_record", kwargs={"pk": check.pk}),
        {"result": "failed", "checked_on": "2099-01-01", "findings": "道路未硬化"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "道路未硬化" in html and 'id="id_checked_on_errors"' in html


def test_enterprise_lists_only_its_own_orders(world, client_for) -> None:  # noqa: ANN001
    own = order_of(failed_spot_check(world, listed_mine(world)))
    other = order_of(failed_spot_check(world, listed_mine(world, enterprise="enterprise_other")))
    html = client_for("enterprise").get(reverse("supervision:order_list")).content.decode()
    assert reverse("supervision:order_detail", kwargs={"pk": own.pk}) in html
    assert reverse("supervision:order_detail", kwargs={"pk": other.pk}) not in html
    detail = reverse("supervision:order_detail", kwargs={"pk": other.pk})
    assert client_for("enterprise").get(detail).status_code == 404
