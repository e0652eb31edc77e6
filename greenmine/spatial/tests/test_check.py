"""check_boundary end to end: every supported format for Hulin zones 44 and 45, and every refusal."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from greenmine.spatial import CheckResult, check_boundary, compare_licensed_area

from .fixtures import (
    BOX44_DMS,
    BOX44_KM2,
    BOX45_DMS,
    BOX45_KM2,
    F44,
    F45,
    FIGURES,
    Figure,
    jtable_text,
    list_text,
    star_text,
)

JSON_KEYS = {
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
PART_KEYS = {"name", "top_elevation", "bottom_elevation", "points", "area_km2"}

Render = Callable[[Figure], bytes | str]
FORMATS: dict[str, tuple[Render, bool]] = {
    # name: (render, zone prefix in Y)
    "star-comma": (lambda f: star_text(f), True),
    "star-comma-bare": (lambda f: star_text(f, prefix=False), False),
    "star-chinese-comma": (lambda f: star_text(f, sep="，"), True),
    "star-gb18030": (lambda f: star_text(f).encode("gb18030"), True),
    "star-gb18030-bare": (lambda f: star_text(f, prefix=False).encode("gb18030"), False),
    "star-utf8-bom": (lambda f: b"\xef\xbb\xbf" + star_text(f).encode("utf-8"), True),
    "star-crlf": (lambda f: star_text(f).replace("\n", "\r\n"), True),
    "jtable-pipe": (lambda f: jtable_text(f), True),
    "jtable-pipe-bare": (lambda f: jtable_text(f, prefix=False), False),
    "jtable-tab": (lambda f: jtable_text(f, sep="\t"), True),
    "jtable-tab-bare-gb18030": (lambda f: jtable_text(f, sep="\t", prefix=False).encode("gb18030"), False),
    "list-space": (lambda f: list_text(f, sep="   "), True),
    "list-space-bare": (lambda f: list_text(f, sep=" ", prefix=False), False),
    "list-tab": (lambda f: list_text(f, sep="\t"), True),
    "list-chinese-comma-bare": (lambda f: list_text(f, sep="，", prefix=False), False),
}


@pytest.mark.parametrize("fig", FIGURES, ids=lambda f: f"zone{f.zone}")
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_in_both_hulin_zones(fig: Figure, fmt: str) -> None:
    render, prefixed = FORMATS[fmt]
    result = check_boundary(render(fig), zone=None if prefixed else fig.zone)
    assert result.errors == ()
    assert result.valid
    assert result.zone == fig.zone
    assert result.epsg == (fig.epsg_prefixed if prefixed else fig.epsg_bare)
    assert result.area_km2 == fig.ellipsoidal_km2
    assert result.plane_area_km2 == fig.plane_km2
    assert [p.points for p in result.parts] == [4]
    assert result.parts[0].area_km2 == fig.ellipsoidal_km2


def test_star_format_part_metadata() -> None:
    result = check_boundary(star_text(F44))
    data = result.to_json_dict()
    assert data["parts"] == [
        {"name": "一采区", "top_elevation": 300.0, "bottom_elevation": 100.0, "points": 4, "area_km2": 0.9599}
    ]


def test_jtable_part_label_becomes_name() -> None:
    assert check_boundary(jtable_text(F45)).parts[0].name == "一"


@pytest.mark.parametrize(
    ("text", "zone", "km2"),
    [
        (BOX44_DMS, 44, BOX44_KM2),
        (BOX44_DMS.encode("gb18030"), 44, BOX44_KM2),
        (BOX45_DMS, 45, BOX45_KM2),
        # decimal degrees, longitude first
        ("1,132.5,45.3\n2,132.51,45.3\n3,132.51,45.31\n4,132.5,45.31\n", 44, BOX44_KM2),
        # decimal degrees, latitude first, Chinese commas, closing point repeated
        (
            "1，46.5，133.9\n2，46.5，133.91\n3，46.51，133.91\n4，46.51，133.9\n5，46.5，133.9\n",
            45,
            BOX45_KM2,
        ),
        # DMS with spaces and hemisphere marks
        (
            "1 E132° 30′ 00″ N45° 18′ 00″\n2 E132° 30′ 36″ N45° 18′ 00″\n"
            "3 E132° 30′ 36″ N45° 18′ 36″\n4 E132° 30′ 00″ N45° 18′ 36″\n",
            44,
            BOX44_KM2,
        ),
    ],
)
def test_geographic_input(text: str | bytes, zone: int, km2: float) -> None:
    result = check_boundary(text)
    assert result.errors == ()
    assert result.epsg == 4490
    assert result.zone == zone
    assert result.area_km2 == km2
    assert result.plane_area_km2 is not None and result.plane_area_km2 >= km2


def test_json_shape_of_a_valid_result_is_exact() -> None:
    data = check_boundary(star_text(F45)).to_json_dict()
    assert set(data) == JSON_KEYS
    assert all(set(p) == PART_KEYS for p in data["parts"])
    assert data["valid"] is True and data["errors"] == []
    lon, lat = data["centroid"]
    assert 133.88 < lon < 133.92 and 46.48 < lat < 46.52  # near worked example (133.9, 46.5)
    feature = data["geojson"]["features"][0]
    ring = feature["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1] and len(ring) == 5
    json.dumps(data, ensure_ascii=False)


def test_json_shape_of_an_invalid_result_is_exact() -> None:
    data = check_boundary("1,5085000,44577000\n2,5085000,44577800\n").to_json_dict()
    assert set(data) == JSON_KEYS
    assert data["valid"] is False
    assert data["area_km2"] is None and data["plane_area_km2"] is None
    assert all(set(e) == {"line", "message"} for e in data["errors"])
    json.dumps(data, ensure_ascii=False)


def _errors(result: CheckResult) -> list[tuple[int, str]]:
    return [(e.line, e.message) for e in result.errors]


def _has(result: CheckResult, line: int, *fragments: str) -> bool:
    return any(e.line == line and all(f in e.message for f in fragments) for e in result.errors)


def test_multiple_parts_add_up() -> None:
    text = star_text(F44) + star_text(F44, name="二采区").replace("5085", "5095").replace("5086", "5096")
    result = check_boundary(text)
    assert result.errors == ()
    assert [p.name for p in result.parts] == ["一采区", "二采区"]
    assert [p.area_km2 for p in result.parts] == [0.9599, 0.9599]
    assert result.area_km2 == 1.9197  # 2 × 0.959859 rounded
    assert result.plane_area_km2 == 1.92


def test_jtable_with_two_sections() -> None:
    text = """矿段\t拐点\tX\tY
一\tJ1\t5085000.00\t44577000.00
\tJ2\t5085000.00\t44577800.00
\tJ3\t5086200.00\t44577800.00
\tJ4\t5086200.00\t44577000.00
二\tJ5\t5095000.00\t44577000.00
\tJ6\t5095000.00\t44577800.00
\tJ7\t5096200.00\t44577800.00
"""
    result = check_boundary(text)
    assert result.errors == ()
    assert [(p.name, p.points) for p in result.parts] == [("一", 4), ("二", 3)]
    assert result.parts[1].area_km2 == pytest.approx(0.48, abs=0.0001)


def test_point_number_restart_starts_a_new_part() -> None:
    text = list_text(F44) + list_text(F44).replace("5085", "5095").replace("5086", "5096")
    result = check_boundary(text)
    assert result.errors == () and len(result.parts) == 2


# ---- refusals and errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "坐标系：1980西安坐标系",
        "西安80坐标",
        "坐标系统:北京54",
        "1954北京坐标系",
        "Xi'an 1980",
        "Beijing 1954",
    ],
)
def test_xian_and_beijing_datums_are_refused(header: str) -> None:
    result = check_boundary(header + "\n" + list_text(F44))
    assert not result.valid
    assert _has(result, 1, "CGCS2000")
    assert result.area_km2 is None and result.geojson is None


@pytest.mark.parametrize("datum", ["Xi'an 1980", "西安80", "北京54", "WGS84"])
def test_datum_option_other_than_cgcs2000_is_refused(datum: str) -> None:
    result = check_boundary(list_text(F44), datum=datum)
    assert not result.valid and _has(result, 0, "CGCS2000")


@pytest.mark.parametrize("datum", ["CGCS2000", "2000国家大地坐标系", "EPSG:4490"])
def test_datum_option_cgcs2000_is_accepted(datum: str) -> None:
    assert check_boundary(list_text(F44), datum=datum).valid


def test_mixed_zone_prefix_names_the_line() -> None:
    text = "拐点,X,Y\n1,5085000.00,44577000.00\n2,5085000.00,45577800.00\n3,5086200.00,44577800.00\n"
    result = check_boundary(text)
    assert _errors(result) == [(3, "Y坐标带号45与第2行第一个点的带号44不同")]
    assert result.zone == 44


def test_bare_and_prefixed_mixed_names_the_line() -> None:
    text = "1,5085000.00,44577000.00\n2,5085000.00,577800.00\n3,5086200.00,44577800.00\n"
    assert _has(check_boundary(text), 2, "带号")


def test_bare_y_without_zone_is_an_error() -> None:
    result = check_boundary(list_text(F44, prefix=False))
    assert _has(result, 1, "必须指定带号")
    assert result.epsg is None and result.zone is None


def test_zone_option_conflicting_with_prefix() -> None:
    assert _has(check_boundary(list_text(F44), zone=45), 1, "45", "44")


def test_zone_24_prefix_is_refused() -> None:
    # 3° zone 24 (CM 72°E) lies west of China and has no CGCS2000 EPSG code (4488+24 is a 6° CRS).
    text = "1,5085000,24577000\n2,5085000,24577800\n3,5086200,24577800\n"
    result = check_boundary(text)
    assert _has(result, 1, "带号24无效")
    assert result.epsg is None


@pytest.mark.parametrize("zone", [12, 24, 46, 0])
def test_zone_option_out_of_range(zone: int) -> None:
    assert _has(check_boundary(list_text(F44, prefix=False), zone=zone), 0, str(zone))


@pytest.mark.parametrize("fig", FIGURES, ids=lambda f: f"zone{f.zone}")
@pytest.mark.parametrize("prefix", [True, False])
def test_all_swapped_is_fixed_with_a_warning(fig: Figure, prefix: bool) -> None:
    result = check_boundary(list_text(fig, swap=True, prefix=prefix), zone=None if prefix else fig.zone)
    assert result.valid
    assert any("互换" in w for w in result.warnings)
    assert result.area_km2 == fig.ellipsoidal_km2


def test_partly_swapped_is_refused_line_by_line() -> None:
    text = "拐点,X,Y\n1,5085000.00,44577000.00\n2,44577800.00,5085000.00\n3,5086200.00,44577800.00\n"
    result = check_boundary(text)
    assert [e.line for e in result.errors] == [3]
    assert "互换" in result.errors[0].message


def test_self_intersection_names_both_edges() -> None:
    # Bow-tie: points 3 and 4 of F44 exchanged.
    text = "拐点,X,Y\n1,5085000,44577000\n2,5085000,44577800\n3,5086200,44577000\n4,5086200,44577800\n*,,,,\n"
    result = check_boundary(text)
    assert not result.valid
    assert any(
        "自相交" in e.message and "第3行—第4行" in e.message and "第5行—第2行" in e.message
        for e in result.errors
    )
    assert result.area_km2 is None and result.parts[0].area_km2 is None


def test_spike_back_along_an_edge_is_a_self_intersection() -> None:
    text = "1,5085000,44577000\n2,5085000,44577800\n3,5085000,44577400\n4,5086200,44577400\n"
    assert any("自相交" in e.message for e in check_boundary(text).errors)


def test_missing_terminator_is_a_closure_error() -> None:
    text = star_text(F44) + "1,5095000,44577000\n2,5095000,44577800\n3,5096200,44577800\n"
    result = check_boundary(text)
    assert _errors(result) == [(9, "第2个分区未以“*”结束行闭合（缺少“*,起标高,止标高,名称,标志”行）")]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("1,5085000,44577000\n2,5085000,44577800\n", 1),
        ("拐点,X,Y\n1,5085000,44577000\n2,5085000,44577800\n1,5085000,44577000\n*,1,2,a,1\n", 2),
        ("\n\n1,132.5,45.3\n2,132.6,45.3\n", 3),
    ],
)
def test_too_few_points(text: str, line: int) -> None:
    result = check_boundary(text)
    assert _has(result, line, "至少需要3个")


def test_repeated_point_names_both_lines() -> None:
    text = (
        "1,5085000,44577000\n2,5085000,44577800\n3,5086200,44577800\n4,5085000,44577800\n5,5086200,44577000\n"
    )
    assert _errors(check_boundary(text)) == [(4, "点4与第2行的点2坐标重复")]


def test_repeated_closing_point_is_accepted_silently() -> None:
    text = list_text(F44) + f"5,{F44.points[0][0]},{F44.points[0][1]}\n"
    result = check_boundary(text)
    assert result.valid and result.warnings == () and result.parts[0].points == 4


def test_point_outside_zone_range() -> None:
    text = "1,5085000,44577000\n2,5085000,44900000\n3,5086200,44577800\n"
    result = check_boundary(text)
    assert _has(result, 2, "超出44带")


def test_point_outside_china_latitudes() -> None:
    text = "1,5085000,44577000\n2,5,44577800\n3,5086200,44577800\n"
    assert _has(check_boundary(text), 2, "纬度")


def test_point_in_zone_margin_gives_a_warning() -> None:
    # Y = 44 616 403.70 is 133.5°E (reference §7.2); 2 km further east is just past zone 44's edge.
    text = (
        "1,5086065.24,44616403.70\n2,5086065.24,44618403.70\n"
        "3,5087065.24,44618403.70\n4,5087065.24,44616403.70\n"
    )
    result = check_boundary(text)
    assert result.valid
    assert any("44带标称范围" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("1,5085000,44577000\n2,5085000,abc\n3,5086200,44577800\n", 2, "无法识别"),
        ("1,5085000,44577000\n2,5085000,4457x800,5\n3,5086200,44577800\n", 2, "无法识别"),
        ("1,5085000,44577000\n2,5085000,123\n3,5086200,44577800\n", 2, "不是有效的高斯平面坐标"),
        ("1,45°61′00″,132°30′00″\n2,45.3,132.6\n3,45.4,132.6\n", 1, "小于60"),
        ("1,45.3,32.5\n2,45.3,132.6\n3,45.4,132.6\n", 1, "无法区分经度和纬度"),
        ("1,45.3,132.5\n2,5085000,44577800\n3,45.4,132.6\n", 2, "坐标类型"),
        ("*,1,2,a,1\n", 1, "之前没有拐点"),
        ("1,5085000,44577000\n2,5085000,44577800\n3,5086200,44577800\n*,高,100,a,1\n", 4, "起标高"),
        ("1,5085000,44577000,1,2,3\n2,5085000,44577800\n3,5086200,44577800\n", 1, "字段过多"),
        ("1,5085000,44577000\n2,5085000,44577800\n3,5086200,44577800\n面积 1.5 平方公里 2\n", 4, "无法识别"),
        # a damaged point line with a single readable coordinate is not skipped as a header
        (
            "1,5085000,44577000\n5085000.00,4457780O.00\n3,5086200,44577800\n4,5086200,44577000\n",
            2,
            "无法识别",
        ),
        ("1,5085000,44577000\nJ2 5085000.00\n3,5086200,44577800\n4,5086200,44577000\n", 2, "无法识别"),
    ],
)
def test_line_errors(text: str, line: int, fragment: str) -> None:
    result = check_boundary(text)
    assert _has(result, line, fragment), _errors(result)


def test_narrative_and_header_lines_are_skipped_but_counted() -> None:
    text = (
        "采矿权范围拐点坐标（2000国家大地坐标系）\n拐点,X,Y\n\n" + list_text(F44) + "面积：0.9599平方公里\n"
    )
    result = check_boundary(text)
    assert result.valid
    assert result.boundary is not None and result.boundary.parts[0].points[0].line == 4


@pytest.mark.parametrize(
    "data",
    [b"", "", "拐点,X,Y\n", b"\xff\xfe\x00", b"\x81\x30", "\x00\x00\x00", "1,nan,inf\n2,1e10,3\n"],
)
def test_nothing_to_read(data: bytes | str) -> None:
    result = check_boundary(data)
    assert not result.valid and result.to_json_dict()["area_km2"] is None


def test_undecodable_bytes() -> None:
    result = check_boundary(b"1,5085000,44577000\n\xff\xfe\xfd\x80\x80\n")
    assert _errors(result) == [(0, "无法识别文件编码（应为UTF-8或GB18030）")]


# ---- licensed area ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("licensed", "match", "warns"),
    [
        (1.2498, "ellipsoidal", False),
        (1.2497, "ellipsoidal", False),
        (1.2500, "plane", False),
        (1.2501, "plane", False),
        (1.2499, "ellipsoidal", False),  # within 0.0001 of both: the ellipsoidal area wins
        (1.2503, None, True),
        (1.2495, None, True),
    ],
)
def test_licensed_area_comparison(licensed: float, match: str | None, warns: bool) -> None:
    result = check_boundary(star_text(F45), licensed_area_km2=licensed)
    assert result.licensed_area_match == match
    assert any("登记面积" in w for w in result.warnings) == warns
    assert result.valid  # a mismatch is a warning, not an error


def test_compare_licensed_area_helper() -> None:
    assert compare_licensed_area(0.9600, 0.959859, 0.96) == ("plane", None)
    assert compare_licensed_area(0.9599, 0.959859, 0.96) == ("ellipsoidal", None)
    match, warning = compare_licensed_area(1.0, 0.959859, 0.96)
    assert match is None and warning is not None and "1.0000" in warning and "0.9599" in warning
    assert compare_licensed_area(float("nan"), 0.9, 0.9)[0] is None


def test_top_elevation_below_bottom_is_a_warning() -> None:
    result = check_boundary(star_text(F44).replace("*,300,100,", "*,100,300,"))
    assert result.valid
    assert any("起标高100米低于止标高300米" in w for w in result.warnings)


@pytest.mark.parametrize("prefix", [True, False])
def test_six_degree_zone(prefix: bool) -> None:
    """The 0.01° box at 132.5°E, 45.3°N written in 6° zone 23 (CM 135°E): closed-form area 0.8716 km².

    The corner coordinates are produced with pyproj directly (input generation, not the expectation).
    """
    from pyproj import Transformer

    to_gk = Transformer.from_crs(4490, 4501, always_xy=True)  # CGCS2000 / Gauss-Kruger zone 23
    corners = [(132.5, 45.3), (132.51, 45.3), (132.51, 45.31), (132.5, 45.31)]
    lines = []
    for i, (lon, lat) in enumerate(corners, start=1):
        east, north = to_gk.transform(lon, lat)
        lines.append(f"{i},{north:.3f},{east if prefix else east - 23_000_000:.3f}")
    result = check_boundary("\n".join(lines), zone=None if prefix else 23)
    assert result.errors == ()
    assert (result.zone, result.epsg) == (23, 4501 if prefix else 4512)
    assert result.area_km2 == 0.8716
