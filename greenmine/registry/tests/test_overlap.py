"""空间查重: the per-process index follows the database's boundary version, and what a user sees."""

import pytest
from django.utils.translation import gettext

from greenmine.registry import overlap, services
from greenmine.registry.tests.factories import (
    BOUNDARY_44_A,
    BOUNDARY_44_B,
    BOUNDARY_44_FAR,
    make_mine,
    make_mining_right,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(world):  # noqa: ANN001, ANN201
    admin = world.users["bureau_admin"]
    mine = make_mine(admin, world.orgs["enterprise"], world.orgs["township"])
    other_mine = make_mine(admin, world.orgs["enterprise_other"], world.orgs["township"])
    a = make_mining_right(admin, mine, BOUNDARY_44_A, licence_no="C-OWN")
    b = make_mining_right(admin, other_mine, BOUNDARY_44_B, licence_no="C-OTHER")
    return a, b


def test_overlaps_for_right_both_ways(pair) -> None:  # noqa: ANN001
    a, b = pair
    assert [(o.licence_no, round(o.area_km2, 2)) for o in overlap.overlaps_for_right(a)] == [("C-OTHER", 0.5)]
    assert [o.licence_no for o in overlap.overlaps_for_right(b)] == ["C-OWN"]


def test_an_enterprise_does_not_learn_another_enterprises_licence(pair, world) -> None:  # noqa: ANN001
    a, _ = pair
    [seen] = overlap.overlaps_for_right(a, world.users["enterprise"])
    assert seen.visible is False and seen.licence_no == "" and seen.right_id is None
    assert seen.label == gettext("an overlapping right (not visible to you)")
    assert round(seen.area_km2, 2) == 0.5
    [seen] = overlap.overlaps_for_right(a, world.users["bureau_viewer"])
    assert seen.visible and seen.label == "C-OTHER"


@pytest.mark.django_db(transaction=True)
def test_index_is_reused_while_the_version_stands(pair) -> None:  # noqa: ANN001
    """Outside a transaction (a page view) the index is built once per committed version."""
    first = overlap.current_index()
    assert overlap.current_index() is first
    assert len(first) == 2


def test_an_index_built_inside_a_transaction_is_never_cached(pair) -> None:  # noqa: ANN001
    """It may hold uncommitted rows under a version number a rollback would hand to other rows."""
    first = overlap.current_index()
    assert overlap.current_index() is not first
    assert len(first) == 2


def test_another_process_sees_the_new_version(pair, world) -> None:  # noqa: ANN001
    a, b = pair
    stale = overlap.current_index()
    # Another process changes a boundary: it bumps the committed version in its own transaction.
    services.update_mining_right(actor=world.users["bureau_admin"], right=b, boundary_text=BOUNDARY_44_FAR)
    fresh = overlap.current_index()
    assert fresh is not stale
    assert overlap.overlaps_for_right(a) == []
    # A second process starting cold (empty module cache) builds the same answer.
    overlap.clear_cache()
    assert overlap.overlaps_for_right(a) == []
    assert overlap.current_version() >= 3


def test_new_right_is_found_by_the_next_query(pair, world) -> None:  # noqa: ANN001
    a, _ = pair
    overlap.current_index()
    mine = make_mine(world.users["bureau_admin"], world.orgs["enterprise"], world.orgs["township"])
    make_mining_right(world.users["bureau_admin"], mine, BOUNDARY_44_A, licence_no="C-THIRD")
    assert {o.licence_no for o in overlap.overlaps_for_right(a)} == {"C-OTHER", "C-THIRD"}


def test_empty_or_broken_geojson_overlaps_nothing(pair) -> None:  # noqa: ANN001
    assert overlap.overlaps_for_boundary({}) == []
    assert overlap.overlaps_for_boundary({"type": "Feature", "geometry": {"type": "Polygon"}}) == []
