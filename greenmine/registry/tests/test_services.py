"""Registry services: scale classes, boundaries, overlaps, permissions and the audit trail."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from greenmine.core.models import AuditEvent
from greenmine.registry import services
from greenmine.registry.models import BoundaryVersion, Mine, MiningRight
from greenmine.registry.tests.factories import (
    BOUNDARY_44_A,
    BOUNDARY_44_B,
    BOUNDARY_44_FAR,
    BOUNDARY_44_TWO_PARTS,
    BOUNDARY_45,
    BOUNDARY_INVALID,
    make_exploration_project,
    make_exploration_right,
    make_mine,
    make_mining_right,
    mineral,
)

pytestmark = pytest.mark.django_db


def _admin(world):  # noqa: ANN001, ANN202
    return world.users["bureau_admin"]


def _mine(world, **fields):  # noqa: ANN001, ANN003, ANN202
    return make_mine(_admin(world), world.orgs["enterprise"], world.orgs["township"], **fields)


@pytest.mark.parametrize(
    ("code", "kind", "scale", "expected"),
    [
        # 建筑石料 (208号): large ≥ 10 万m³/a, medium ≥ 5, small below.
        ("building_stone", "open_pit", "12", "large"),
        ("building_stone", "open_pit", "10", "large"),
        ("building_stone", "open_pit", "6", "medium"),
        ("building_stone", "open_pit", "4", "small"),
        # 煤: the kind-specific row wins (underground large ≥ 120, open pit large ≥ 400).
        ("coal", "underground", "150", "large"),
        ("coal", "open_pit", "150", "medium"),
        # No threshold row for 建筑用砂 → not classified; no scale → not classified.
        ("construction_sand", "open_pit", "50", ""),
        ("building_stone", "open_pit", None, ""),
    ],
)
def test_scale_class_is_derived_from_the_thresholds(world, code, kind, scale, expected) -> None:  # noqa: ANN001
    mine = _mine(world, mineral=mineral(code), mine_kind=kind, production_scale=scale)
    assert mine.scale_class == expected


def test_mine_takes_the_townships_division_and_is_audited(world) -> None:  # noqa: ANN001
    mine = _mine(world, name="示例石场")
    assert mine.division_id == "230381103"
    event = AuditEvent.objects.get(action="mine.created", object_id=str(mine.pk))
    assert event.changes["after"]["name"] == "示例石场"
    services.update_mine(actor=_admin(world), mine=mine, production_scale="12")
    mine.refresh_from_db()
    assert mine.scale_class == "large"
    event = AuditEvent.objects.get(action="mine.updated", object_id=str(mine.pk))
    assert event.changes["before"]["scale_class"] == "medium"
    assert event.changes["after"]["scale_class"] == "large"


def test_mine_parties_must_be_of_the_right_kind(world) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        make_mine(_admin(world), world.orgs["township"], world.orgs["enterprise"], name="")
    assert set(exc.value.message_dict) == {"name", "enterprise", "township"}


@pytest.mark.parametrize("role", ["bureau_viewer", "department", "township", "enterprise", "other_bureau"])
def test_only_the_divisions_bureau_writers_create_mines(world, role) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        make_mine(world.users[role], world.orgs["enterprise"], world.orgs["township"])
    assert not Mine.objects.exists()


def test_right_stores_parts_areas_and_geojson(world) -> None:  # noqa: ANN001
    right = make_mining_right(
        _admin(world), _mine(world), BOUNDARY_44_TWO_PARTS, licensed_area_km2=Decimal("0.4000")
    )
    assert (right.zone, right.epsg) == (44, 4532)
    assert right.plane_area_km2 == Decimal("0.4000")
    assert Decimal("0.3990") < right.area_km2 < Decimal("0.4000")
    parts = list(right.parts.values_list("name", "top_elevation", "bottom_elevation", "points"))
    assert parts == [
        ("一采区", Decimal("320"), Decimal("200"), 4),
        ("二采区", Decimal("300"), Decimal("180"), 4),
    ]
    assert len(right.geojson["features"]) == 2
    assert 132 < right.min_lon < right.max_lon < 134 and 45 < right.min_lat < right.max_lat < 47


def test_zone_45_right(world) -> None:  # noqa: ANN001
    right = make_mining_right(_admin(world), _mine(world), BOUNDARY_45)
    assert (right.zone, right.epsg, right.plane_area_km2) == (45, 4533, Decimal("0.5000"))


def test_invalid_boundary_is_refused_naming_the_line(world) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        make_mining_right(_admin(world), _mine(world), BOUNDARY_INVALID)
    messages = exc.value.message_dict["boundary_text"]
    assert messages and all(m.startswith("第") for m in messages)
    assert any(m.startswith("第3行：") for m in messages)
    assert not MiningRight.objects.exists()


def test_every_bad_field_is_named_at_once(world) -> None:  # noqa: ANN001
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        services.create_mining_right(
            actor=_admin(world),
            mine=_mine(world),
            licence_no="",
            boundary_text="  ",
            valid_from=today,
            valid_until=today - timedelta(days=1),
            licensed_area_km2="x",
        )
    assert set(exc.value.message_dict) == {"licence_no", "boundary_text", "valid_until", "licensed_area_km2"}


def test_licensed_area_mismatch_is_a_kept_warning(world) -> None:  # noqa: ANN001
    right = make_mining_right(_admin(world), _mine(world), BOUNDARY_44_FAR, licensed_area_km2=Decimal("0.9"))
    event = AuditEvent.objects.get(action="mining_right.created", object_id=str(right.pk))
    assert event.changes["warnings"]


def test_overlap_of_two_offset_squares(world) -> None:  # noqa: ANN001
    mine = _mine(world)
    first = make_mining_right(_admin(world), mine, BOUNDARY_44_A, licence_no="C-A")
    right, overlaps = services.create_mining_right(
        actor=_admin(world),
        mine=mine,
        licence_no="C-B",
        boundary_text=BOUNDARY_44_B,
        holder=mine.enterprise,
        valid_from=timezone.localdate(),
        valid_until=timezone.localdate() + timedelta(days=9),
    )
    assert [(o.right_id, o.licence_no) for o in overlaps] == [(first.pk, "C-A")]
    # Two 1000 m squares offset by 500 m in X share 1000 m × 500 m = 0.5 km² in the Gauss plane. The index
    # measures ellipsoidal area; the GK scale factor barely varies over 1.5 km (~77 km from the central
    # meridian: dk/dy ≈ y/R² ≈ 2e-9 per m), so the overlap keeps the square's own ellipsoidal/plane ratio to
    # within ~1e-6 km². The index's edges are straight in an Albers plane rather than the GK plane: far
    # below 1e-5 km² for a 1 km figure (index.py). 1e-4 km², the precision areas are stated in, covers both.
    ratio = float(first.area_km2) / float(first.plane_area_km2)
    assert abs(overlaps[0].area_km2 - 0.5 * ratio) < 1e-4
    assert abs(overlaps[0].area_km2 - 0.5) < 0.001


def test_boundary_version_bumps_with_boundary_changes_only(world) -> None:  # noqa: ANN001
    right = make_mining_right(_admin(world), _mine(world), BOUNDARY_44_A)
    version = BoundaryVersion.objects.get(name="rights").version
    services.update_mining_right(actor=_admin(world), right=right, licence_no="C-NEW")
    assert BoundaryVersion.objects.get(name="rights").version == version
    services.update_mining_right(actor=_admin(world), right=right, boundary_text=BOUNDARY_44_FAR)
    assert BoundaryVersion.objects.get(name="rights").version == version + 1
    right.refresh_from_db()
    assert right.plane_area_km2 == Decimal("0.4800")
    assert right.parts.count() == 1


def test_update_keeps_the_old_boundary_when_the_new_one_is_invalid(world) -> None:  # noqa: ANN001
    right = make_mining_right(_admin(world), _mine(world), BOUNDARY_44_A)
    with pytest.raises(ValidationError):
        services.update_mining_right(actor=_admin(world), right=right, boundary_text=BOUNDARY_INVALID)
    right.refresh_from_db()
    assert right.boundary_text == BOUNDARY_44_A


def test_enterprise_cannot_change_its_right(world) -> None:  # noqa: ANN001
    right = make_mining_right(_admin(world), _mine(world))
    with pytest.raises(PermissionDenied):
        services.update_mining_right(actor=world.users["enterprise"], right=right, licence_no="X")


def test_exploration_right_and_project(world) -> None:  # noqa: ANN001
    right = make_exploration_right(_admin(world), world.orgs["exploration_unit"], world.orgs["township"])
    assert right.division_id == "230381103"
    assert right.plane_area_km2 == Decimal("0.4000")
    project = make_exploration_project(
        _admin(world), right, world.orgs["exploration_unit"], methods="无人机物探；以钻代槽"
    )
    assert project.methods == ["无人机物探", "以钻代槽"]
    services.update_exploration_right(actor=_admin(world), right=right, stage="general")
    right.refresh_from_db()
    assert right.stage == "general"
    assert AuditEvent.objects.filter(action__startswith="exploration_").count() == 3


def test_profiles(world) -> None:  # noqa: ANN001
    enterprise = world.orgs["enterprise"]
    profile = services.update_enterprise_profile(
        actor=world.users["enterprise"], organisation=enterprise, employees="35", safety_licence_no=" AQ-1 "
    )
    assert (profile.employees, profile.safety_licence_no) == (35, "AQ-1")
    with pytest.raises(PermissionDenied):
        services.update_enterprise_profile(
            actor=world.users["enterprise_other"], organisation=enterprise, employees=1
        )
    with pytest.raises(ValidationError):
        services.update_enterprise_profile(
            actor=world.users["enterprise"], organisation=enterprise, employees="many"
        )
    township = services.update_township_profile(
        actor=world.users["township"], organisation=world.orgs["township"], head="张三"
    )
    assert township.head == "张三"
    with pytest.raises(PermissionDenied):
        services.update_township_profile(
            actor=world.users["enterprise"], organisation=world.orgs["township"], head="x"
        )
