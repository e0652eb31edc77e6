"""`greenmine check_coords FILE [--zone N] [--json]`: exit codes, the exact JSON shape, no database."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from greenmine.registry.tests.factories import BOUNDARY_44_A, BOUNDARY_45, BOUNDARY_INVALID

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
PART_KEYS = {"name", "top_elevation", "bottom_elevation", "points", "area_km2"}


def _run(capsys, *args: str) -> tuple[int, str, str]:  # noqa: ANN001
    try:
        call_command("check_coords", *args)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _file(tmp_path: Path, text: str, name: str = "b.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("text", "zone", "epsg", "plane"), [(BOUNDARY_44_A, 44, 4532, 1.0), (BOUNDARY_45, 45, 4533, 0.5)]
)
def test_valid_file(tmp_path, capsys, text, zone, epsg, plane) -> None:  # noqa: ANN001
    code, out, _ = _run(capsys, _file(tmp_path, text), "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == KEYS
    assert all(set(p) == PART_KEYS for p in data["parts"])
    assert (data["valid"], data["zone"], data["epsg"], data["plane_area_km2"]) == (True, zone, epsg, plane)
    assert data["errors"] == [] and data["geojson"]["type"] == "FeatureCollection"


def test_bare_y_needs_the_zone_option(tmp_path, capsys) -> None:  # noqa: ANN001
    bare = BOUNDARY_44_A.replace(",44577", ",577").replace(",44578", ",578")
    code, out, _ = _run(capsys, _file(tmp_path, bare), "--json", "--zone", "44")
    data = json.loads(out)
    assert code == 0 and data["epsg"] == 4553


def test_file_with_an_error(tmp_path, capsys) -> None:  # noqa: ANN001
    code, out, _ = _run(capsys, _file(tmp_path, BOUNDARY_INVALID), "--json")
    data = json.loads(out)
    assert code == 1 and set(data) == KEYS
    assert data["valid"] is False and data["area_km2"] is None
    assert [e["line"] for e in data["errors"]] == [3]


def test_text_report(tmp_path, capsys) -> None:  # noqa: ANN001
    code, out, _ = _run(capsys, _file(tmp_path, BOUNDARY_44_A))
    assert code == 0 and "EPSG:4532" in out


def test_missing_file_is_a_message_not_a_traceback(tmp_path, capsys) -> None:  # noqa: ANN001
    code, out, err = _run(capsys, str(tmp_path / "nope.txt"), "--json")
    assert code == 2 and out == ""
    assert "nope.txt" in err and "Traceback" not in err


def test_works_without_any_database(tmp_path) -> None:  # noqa: ANN001
    """The real console script, with a database URL nothing listens on: no connection is attempted."""
    script = Path(sys.executable).with_name("greenmine")
    env = {**os.environ, "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for text, expected in ((BOUNDARY_44_A, 0), (BOUNDARY_INVALID, 1)):
        done = subprocess.run(
            [str(script), "check_coords", _file(tmp_path, text), "--json"],  # noqa: S603
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert done.returncode == expected, done.stderr
        assert set(json.loads(done.stdout)) == KEYS
    done = subprocess.run(
        [str(script), "check_coords", str(tmp_path / "missing.txt")],  # noqa: S603
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
