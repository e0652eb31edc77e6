"""Licence text writer: exact format and read-back."""

from __future__ import annotations

import pytest

from greenmine.spatial import parse_boundary, write_licence_text
from greenmine.spatial.write import format_dms

from .fixtures import BOX44_DMS, F44, F45, jtable_text, list_text, star_text


def test_writes_the_licence_format() -> None:
    parsed = parse_boundary(star_text(F44))
    assert parsed.boundary is not None
    assert write_licence_text(parsed.boundary) == (
        "拐点,X(起标高),Y(止标高)\n"
        "1,5085000,44577000\n"
        "2,5085000,44577800\n"
        "3,5086200,44577800\n"
        "4,5086200,44577000\n"
        "*,300,100,一采区,1\n"
    )


def test_two_decimal_presentation() -> None:
    parsed = parse_boundary(
        "1,4507088.2206,41473349.922\n2,4507128.219,41473413.9217\n3,4506980.2207,41473349.9237\n"
    )
    assert parsed.boundary is not None
    text = write_licence_text(parsed.boundary, decimals=2, header=False, newline="\r\n")
    assert text.splitlines()[0] == "1,4507088.22,41473349.92"
    assert text.endswith("*,,,,\r\n")


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        (star_text(F44), None),
        (star_text(F45, prefix=False), 45),
        (jtable_text(F45, sep="\t"), None),
        (list_text(F44, swap=True), None),
        (BOX44_DMS, None),
        (
            "1,4507088.2206,41473349.922, , ,\n2,4507128.219,41473413.9217, , ,\n"
            "8,4506980.2207,41473349.9237, , ,\n"
            "*,229.5,70,金藏采区,1,\n",
            None,
        ),
    ],
)
def test_read_write_read_is_identity(text: str, zone: int | None) -> None:
    first = parse_boundary(text, zone=zone)
    assert first.boundary is not None and not first.errors
    written = write_licence_text(first.boundary)
    for data in (written, written.encode("gb18030")):
        again = parse_boundary(data, zone=zone)
        assert again.errors == ()
        assert again.boundary == first.boundary


@pytest.mark.parametrize(
    ("degrees", "text"),
    [
        (132.5, "132°30′00.000″"),
        (45.31, "45°18′36.000″"),
        (133.47892305555555, "133°28′44.123″"),
        (45.99999999999, "46°00′00.000″"),
    ],
)
def test_format_dms(degrees: float, text: str) -> None:
    assert format_dms(degrees) == text


def test_dms_output_reads_back_to_the_same_seconds() -> None:
    parsed = parse_boundary(BOX44_DMS)
    assert parsed.boundary is not None
    again = parse_boundary(write_licence_text(parsed.boundary, dms=True))
    assert again.boundary is not None
    for a, b in zip(parsed.boundary.parts[0].points, again.boundary.parts[0].points, strict=True):
        assert abs(a.x - b.x) < 1e-9 and abs(a.y - b.y) < 1e-9
