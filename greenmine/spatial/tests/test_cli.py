"""The CLI entry point the Django ``check_coords`` command mirrors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from greenmine.spatial.cli import main, run

from .fixtures import F44, star_text


def test_json_output_and_exit_status() -> None:
    out = io.StringIO()
    assert (
        run(
            star_text(F44, prefix=False).encode("gb18030"),
            zone=44,
            licensed_area_km2=None,
            as_json=True,
            out=out,
        )
        == 0
    )
    data = json.loads(out.getvalue())
    assert (data["valid"], data["epsg"], data["zone"], data["area_km2"]) == (True, 4553, 44, 0.9599)


def test_invalid_file_exits_1_with_chinese_report() -> None:
    out = io.StringIO()
    assert (
        run(star_text(F44, prefix=False).encode(), zone=None, licensed_area_km2=None, as_json=False, out=out)
        == 1
    )
    assert "错误（第2行）" in out.getvalue()


def test_main_reads_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "boundary.txt"
    path.write_bytes(star_text(F44).encode("gb18030"))
    assert main([str(path), "--json", "--area", "0.9600"]) == 0
    assert json.loads(capsys.readouterr().out)["plane_area_km2"] == 0.96
    assert main([str(tmp_path / "missing.txt")]) == 2
