"""The map page, its GeoJSON (through the permission primitive) and the boundary preview."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from greenmine.registry import services
from greenmine.registry.tests.factories import (
    BOUNDARY_44_A,
    BOUNDARY_44_FAR,
    BOUNDARY_INVALID,
    expiring_dates,
    make_mine,
    make_mining_right,
)
from greenmine.registry.views_data import right_state, tile_config

pytestmark = pytest.mark.django_db


@pytest.fixture
def hulin(world):  # noqa: ANN001, ANN201
    """A listed (published) mine with a valid right, and an unlisted mine with an expiring right."""
    admin = world.users["bureau_admin"]
    listed = make_mine(
        admin,
        world.orgs["enterprise"],
        world.orgs["township"],
        name="示例绿色矿山",
        green_status="provincial",
    )
    valid = make_mining_right(admin, listed, boundary_text=BOUNDARY_44_A)
    quiet = make_mine(
        admin,
        world.orgs["enterprise_other"],
        world.orgs["township"],
        name="示例普通矿山",
        longitude=133.1,
        latitude=45.8,
    )
    expiring = make_mining_right(admin, quiet, boundary_text=BOUNDARY_44_FAR, **expiring_dates(30))
    return {"listed": listed, "quiet": quiet, "valid": valid, "expiring": expiring}


def data(client, query: str = "") -> dict:  # noqa: ANN001
    response = client.get(reverse("registry:map_data") + query)
    assert response.status_code == 200
    return response.json()


def test_the_bureau_sees_every_mine_and_right_coloured_by_status(hulin, client_for) -> None:  # noqa: ANN001
    payload = data(client_for("bureau_admin"))
    mines = {f["properties"]["name"]: f for f in payload["mines"]["features"]}
    rights = {f["properties"]["name"]: f for f in payload["rights"]["features"]}
    assert set(mines) == {"示例绿色矿山", "示例普通矿山"}
    assert mines["示例绿色矿山"]["properties"]["state"] == "provincial"
    # A mine without coordinates sits in the middle of its rights.
    lon, lat = mines["示例绿色矿山"]["geometry"]["coordinates"]
    assert 132.99 < lon < 133.01 and 45.89 < lat < 45.91
    assert mines["示例普通矿山"]["geometry"]["coordinates"] == [133.1, 45.8]
    assert rights[hulin["valid"].licence_no]["properties"]["state"] == "valid"
    assert rights[hulin["expiring"].licence_no]["properties"]["state"] == "expiring"
    assert rights[hulin["valid"].licence_no]["geometry"]["type"] == "MultiPolygon"
    assert payload["truncated"] is False


def test_the_bbox_filters_on_the_stored_bounding_boxes(hulin, client_for) -> None:  # noqa: ANN001
    client = client_for("bureau_admin")
    around_a = data(client, "?bbox=132.98,45.89,133.01,45.91")
    assert [f["properties"]["name"] for f in around_a["rights"]["features"]] == [hulin["valid"].licence_no]
    assert [f["properties"]["name"] for f in around_a["mines"]["features"]] == ["示例绿色矿山"]
    far_away = data(client, "?bbox=120,40,121,41")
    assert far_away["rights"]["features"] == [] and far_away["mines"]["features"] == []
    for bad in ("?bbox=1,2,3", "?bbox=a,b,c,d", "?bbox=5,5,1,1", "?bbox=nan,1,2,3"):
        assert client.get(reverse("registry:map_data") + bad).status_code == 400


def test_visitors_get_published_mines_only_and_no_rights(hulin, client_for) -> None:  # noqa: ANN001
    payload = data(client_for("anonymous"))
    assert [f["properties"]["name"] for f in payload["mines"]["features"]] == ["示例绿色矿山"]
    assert payload["rights"]["features"] == []
    other = data(client_for("other_bureau"))
    assert [f["properties"]["name"] for f in other["mines"]["features"]] == ["示例绿色矿山"]
    assert other["rights"]["features"] == []
    own = data(client_for("enterprise_other"))
    assert [f["properties"]["name"] for f in own["rights"]["features"]] == [hulin["expiring"].licence_no]


def test_right_states() -> None:
    today = timezone.localdate()
    assert right_state("valid", today - timedelta(days=1), today) == "expired"
    assert right_state("valid", today + timedelta(days=90), today) == "expiring"
    assert right_state("valid", today + timedelta(days=91), today) == "valid"
    assert right_state("suspended", today + timedelta(days=900), today) == "suspended"


def test_map_page_without_base_map_says_so(client_for) -> None:  # noqa: ANN001
    page = client_for("bureau_viewer").get(reverse("registry:map")).content.decode()
    assert 'id="registry-map"' in page and 'data-testid="no-base-map"' in page
    assert 'data-tile-url=""' in page and "vendor/leaflet/leaflet.js" in page and "<script>" not in page


@override_settings(
    MAP_TILE_URL="https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=KEY", MAP_TILE_SUBDOMAINS="01234567"
)
def test_map_page_with_a_tianditu_base_map(client_for) -> None:  # noqa: ANN001
    page = client_for("bureau_viewer").get(reverse("registry:map")).content.decode()
    assert "tianditu.gov.cn" in page and 'data-testid="no-base-map"' not in page


def test_gcj02_tiles_are_refused() -> None:
    with override_settings(MAP_TILE_URL="https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}"):
        assert tile_config()["url"] == ""
    with override_settings(MAP_TILE_URL="https://tile.openstreetmap.org/{z}/{x}/{y}.png"):
        assert tile_config()["url"].startswith("https://tile.openstreetmap.org")


def test_boundary_preview_returns_geojson_and_line_numbered_errors(client_for) -> None:  # noqa: ANN001
    client = client_for("bureau_staff")
    url = reverse("registry:boundary_preview")
    good = client.post(url, {"boundary_text": BOUNDARY_44_A, "licensed_area_km2": "1"}).json()
    assert good["valid"] and good["zone"] == 44 and good["geojson"]["features"]
    assert good["area_km2"] == pytest.approx(1.0, abs=0.001)
    bad = client.post(url, {"boundary_text": BOUNDARY_INVALID}).json()
    assert not bad["valid"] and any(m.startswith("第3行") for m in bad["messages"])
    assert client.post(url, {"boundary_text": "x" * 300_000}).status_code == 400
    assert (
        client.post(url, {"boundary_text": "", "zone": "abc", "licensed_area_km2": "inf"}).status_code == 200
    )
    assert client.get(url).status_code == 405
    # Nothing was saved.
    assert services.MiningRight.objects.count() == 0
