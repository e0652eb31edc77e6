"""Layer imports (formats, CRSs, repairs, bad files), checks (records, CLI JSON) and withdrawal cases."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from datetime import date
from pathlib import Path

import numpy as np
import pyogrio.raw
import pytest
import shapely
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from greenmine.admission import selectors, services
from greenmine.admission.models import AdmissionCheck, AdmissionRule, LayerFeature, WithdrawalCase
from greenmine.admission.tests.helpers import (
    APP,
    RESERVE,
    hulin_layers,
    import_geojson,
    licence_text,
    lonlat_polygon,
)
from greenmine.core.models import AuditEvent
from greenmine.registry.tests.factories import BOUNDARY_44_B, make_mine, make_mining_right

pytestmark = pytest.mark.django_db


def _write(tmp_path: Path, driver: str, suffix: str, epsg: int) -> Path:
    """The reserve square written by GDAL in the unprefixed GK zone 44 CRS (EPSG:4553) or lon/lat."""
    x = np.array([c[0] for c in RESERVE])
    y = np.array([c[1] for c in RESERVE])  # noqa: E702
    geom = shapely.Polygon(np.column_stack([y, x])) if epsg == 4553 else lonlat_polygon(RESERVE)
    path = tmp_path / f"layer{suffix}"
    pyogrio.raw.write(
        path,
        np.array([shapely.to_wkb(geom)], dtype=object),
        [np.array(["投影保护区"], dtype=object), np.array(["core"], dtype=object)],
        fields=["名称", "zone"],
        geometry_type="Polygon",
        crs=f"EPSG:{epsg}",
        driver=driver,
        encoding="UTF-8",
    )
    return path


def test_the_default_rules_hold_after_migrate() -> None:
    kinds = dict(AdmissionRule.objects.filter(right_kind="").values_list("layer_kind", "overlap_verdict"))
    for kind in ("ecological_redline", "nature_reserve", "scenic_area", "geopark"):
        assert kinds[kind] == "prohibited"
    assert AdmissionRule.objects.get(layer_kind="planning_zone").outside_verdict == "review"


@pytest.mark.parametrize("driver,suffix", [("GPKG", ".gpkg"), ("ESRI Shapefile", ".shp")])
def test_import_projected_gpkg_and_zipped_shapefile_reprojects_to_cgcs2000(
    tmp_path, world, driver, suffix
) -> None:  # noqa: ANN001
    path = _write(tmp_path, driver, suffix, 4553)
    if suffix == ".shp":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for part in tmp_path.glob("layer.*"):
                archive.write(part, part.name)
        data, name = buffer.getvalue(), "reserve.zip"
    else:
        data, name = path.read_bytes(), "reserve.gpkg"
    version = services.import_layer(
        actor=world.users["bureau_admin"], data=data, filename=name, kind="nature_reserve", name="投影层"
    )
    feature = version.features.get()
    assert feature.name == "投影保护区" and feature.zone == "core"
    assert "4553" in version.source_crs
    assert (
        shapely.hausdorff_distance(
            shapely.geometry.shape(feature.geometry), lonlat_polygon(RESERVE, densify=1e9)
        )
        < 1e-8
    )
    check = services.run_check(
        actor=world.users["bureau_admin"], boundary=licence_text(APP), right_kind="mining"
    )
    assert check.verdict == "prohibited"
    assert check.result["conflicts"][0]["overlap_km2"] == pytest.approx(0.5, rel=2e-4)


def test_invalid_geometry_is_repaired_and_reported_and_reimport_is_a_new_version(world) -> None:  # noqa: ANN001
    bowtie = shapely.Polygon([(133.1, 45.8), (133.2, 45.9), (133.2, 45.8), (133.1, 45.9)])
    admin = world.users["bureau_admin"]
    v1 = import_geojson(admin, "scenic_area", "景区", [({"NAME": "蝴蝶"}, bowtie)])
    assert (
        v1.repair_report[0]["action"] == "repaired" and "Self-intersection" in v1.repair_report[0]["problem"]
    )
    v2 = import_geojson(admin, "scenic_area", "景区", [({"名称": "新"}, bowtie.convex_hull)])
    assert (v1.layer_id, v2.number) == (v2.layer_id, 2)
    assert AuditEvent.objects.filter(action="admission.layer_imported").count() == 2


@pytest.mark.parametrize(
    "data,name,needle",
    [
        (b"", "x.geojson", "empty"),
        (b"not json", "x.geojson", "cannot read"),
        (b"PK\x03\x04broken", "x.zip", "damaged"),
        (b"{}", "x.txt", "unsupported"),
        (json.dumps({"type": "FeatureCollection", "features": []}).encode(), "x.geojson", "no features"),
    ],
)
def test_bad_files_raise_a_clear_error(world, data, name, needle) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.import_layer(
            actor=world.users["bureau_admin"], data=data, filename=name, kind="geopark", name="x"
        )
    assert needle in " ".join(exc.value.messages)


def test_only_bureau_admins_import(world) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        hulin_layers(world.users["bureau_staff"])


def test_check_is_an_immutable_record_naming_its_layer_versions(world) -> None:  # noqa: ANN001
    admin = world.users["bureau_admin"]
    hulin_layers(admin)
    check = services.run_check(actor=admin, boundary=licence_text(APP), right_kind="exploration")
    assert check.verdict == "prohibited"
    assert check.layer_versions.count() == 2
    assert check.result["nearby"] == [
        {"layer_kind": "ecological_redline", "feature": "红线东", "distance_m": 300.0}
    ]
    assert check.division_id == "230381"
    with pytest.raises(ValidationError):
        services.run_check(actor=admin, boundary="1,abc\n", right_kind="mining")


def test_rights_overlapped_need_review_except_the_right_itself(world) -> None:  # noqa: ANN001
    admin = world.users["bureau_admin"]
    right = make_mining_right(
        admin, make_mine(admin, world.orgs["enterprise"], world.orgs["township"]), BOUNDARY_44_B
    )
    check = services.run_check(actor=admin, boundary=licence_text(APP), right_kind="mining")
    assert check.verdict == "review"
    assert check.result["rights_overlapped"][0]["licence_no"] == right.licence_no
    same = services.run_check(
        actor=admin,
        boundary=licence_text(APP),
        right_kind="mining",
        application_type="extension",
        licence_no=right.licence_no,
    )
    assert same.verdict == "pass" and same.result["rights_overlapped"] == []


def test_cli_json_is_exact_and_works_without_users(tmp_path, db) -> None:  # noqa: ANN001
    layer = tmp_path / "reserve.geojson"
    from greenmine.admission.tests.helpers import geojson_bytes

    layer.write_bytes(geojson_bytes([({"name": "北区"}, lonlat_polygon(RESERVE))]))
    call_command("import_layer", str(layer), kind="nature_reserve", name="保护区")
    app = tmp_path / "app.txt"
    app.write_text(licence_text(APP), encoding="utf-8")
    out = io.StringIO()
    sys_stdout = sys.stdout
    sys.stdout = out
    try:
        call_command("check_admission", str(app), kind="mining", json=True)
    finally:
        sys.stdout = sys_stdout
    result = json.loads(out.getvalue())
    assert list(result) == ["verdict", "area_km2", "conflicts", "nearby", "rights_overlapped", "reasons"]
    assert result["verdict"] == "prohibited"
    assert list(result["conflicts"][0]) == ["layer_kind", "feature", "overlap_km2", "share"]
    assert (
        result["conflicts"][0]["layer_kind"] == "nature_reserve"
        and result["conflicts"][0]["feature"] == "北区"
    )
    check = AdmissionCheck.objects.get()
    assert check.created_by is None and check.division is None
    assert AuditEvent.objects.filter(action="admission.checked").get().actor_repr == "system"


def test_cli_exit_codes(tmp_path, capsys, db) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.txt"
    bad.write_text("1,abc\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        call_command("check_admission", str(bad), kind="mining", json=True)
    assert exc.value.code == 1
    assert json.loads(capsys.readouterr().out)["valid"] is False
    with pytest.raises(SystemExit) as exc:
        call_command("check_admission", str(tmp_path / "missing.txt"), kind="mining")
    assert exc.value.code == 2
    assert not AdmissionCheck.objects.exists()


def test_audit_opens_withdrawal_case_tracked_to_its_end(world) -> None:  # noqa: ANN001
    admin = world.users["bureau_admin"]
    hulin_layers(admin)
    right = make_mining_right(
        admin, make_mine(admin, world.orgs["enterprise"], world.orgs["township"]), BOUNDARY_44_B
    )
    [finding] = selectors.overlap_audit(admin)
    assert finding.right == right and finding.hits[0][0].name == "测试保护区北"
    case = services.open_withdrawal_case(
        actor=admin,
        right=right,
        reason="位于保护区",
        deadline=date(2020, 1, 1),
        features=[f for f, _a, _s in finding.hits],
        overlap_km2=finding.overlap_km2,
    )
    with pytest.raises(ValidationError):
        services.open_withdrawal_case(actor=admin, right=right, reason="again")
    assert case.is_overdue and list(selectors.overdue_cases(admin)) == [case]
    assert list(WithdrawalCase.objects.restrict(world.users["enterprise"])) == [case]
    assert not WithdrawalCase.objects.restrict(world.users["enterprise_other"]).exists()
    with pytest.raises(PermissionDenied):
        services.add_progress(
            actor=world.users["enterprise"], case=case, on=date(2026, 1, 1), note="x", percent=5
        )
    services.add_progress(actor=admin, case=case, on=date(2026, 1, 1), note="停产", percent=60)
    services.close_case(actor=admin, case=case, note="已注销")
    case.refresh_from_db()
    assert case.status == "closed" and not case.is_overdue and case.progress_percent == 60
    assert LayerFeature.objects.filter(withdrawal_cases=case).exists()
