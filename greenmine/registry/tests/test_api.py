"""Registry API: a right created through the API, and POST /api/v1/coords/check/."""

import pytest
from django.urls import reverse

from greenmine.registry.models import MiningRight
from greenmine.registry.tests.factories import (
    BOUNDARY_44_A,
    BOUNDARY_44_B,
    BOUNDARY_45,
    BOUNDARY_INVALID,
    make_mine,
)

pytestmark = pytest.mark.django_db
KEYS = {
    "valid",
    "epsg",
    "zone",
    "parts",
    "area_km2",
    "plane_area_km2",
    "centroid",
    "geojson",
    "warnings",
    "errors",
}


def test_create_a_right_through_the_api(world, client_for) -> None:  # noqa: ANN001
    mine = make_mine(world.users["bureau_admin"], world.orgs["enterprise"], world.orgs["township"])
    client = client_for("bureau_staff")
    url = reverse("registry-mining-right-list")
    body = {
        "mine": mine.pk,
        "licence_no": "C-API-1",
        "valid_from": "2025-01-01",
        "valid_until": "2030-01-01",
        "boundary_text": BOUNDARY_44_A,
        "licensed_area_km2": "0.9999",
    }
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["zone"], data["epsg"], data["holder"]) == (44, 4532, world.orgs["enterprise"].pk)
    assert data["parts"][0]["name"] == "一采区" and data["overlaps"] == []
    second = client.post(
        url,
        {**body, "licence_no": "C-API-2", "boundary_text": BOUNDARY_44_B},
        content_type="application/json",
    ).json()
    assert second["overlaps"][0]["licence_no"] == "C-API-1"
    bad = client.post(
        url,
        {**body, "licence_no": "C-API-3", "boundary_text": BOUNDARY_INVALID},
        content_type="application/json",
    )
    assert bad.status_code == 400 and any("第3行" in m for m in bad.json()["boundary_text"])
    assert MiningRight.objects.count() == 2
    listing = client_for("enterprise").get(url + "?search=C-API").json()
    assert {r["licence_no"] for r in listing["results"]} == {"C-API-1", "C-API-2"}
    assert client_for("enterprise_other").get(url).json()["results"] == []


@pytest.mark.parametrize(
    ("text", "zone", "valid", "epsg"),
    [
        (BOUNDARY_44_A, None, True, 4532),
        (BOUNDARY_45, None, True, 4533),
        (BOUNDARY_INVALID, None, False, 4532),
        ("", None, False, None),
        (BOUNDARY_44_A.replace(",44577", ",577").replace(",44578", ",578"), 44, True, 4553),
    ],
)
def test_coords_check_answers_the_cli_json(world, client_for, text, zone, valid, epsg) -> None:  # noqa: ANN001
    response = client_for("enterprise").post(
        reverse("registry-coords-check"), {"text": text, "zone": zone}, content_type="application/json"
    )
    assert response.status_code == 200
    data = response.json()
    assert set(data) == KEYS and data["valid"] is valid and data["epsg"] == epsg


def test_coords_check_bad_input_is_a_400_not_a_500(world, client_for) -> None:  # noqa: ANN001
    client = client_for("enterprise")
    url = reverse("registry-coords-check")
    assert client.post(url, {"zone": "x", "text": "1"}, content_type="application/json").status_code == 400
    assert client.post(url, "not json", content_type="application/json").status_code == 400
    assert client.post(url, {"text": ["a"]}, content_type="application/json").status_code == 400
    assert client.post(url, {"text": "1", "zone": 99}, content_type="application/json").status_code == 200
