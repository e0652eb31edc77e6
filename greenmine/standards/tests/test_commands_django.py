"""The exact CLI: validate_standard, load_standard, score (see the standards README)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from greenmine.standards.bundled import DATA_DIR, bundled_paths
from greenmine.standards.models import StandardVersion

# HL-DZ-2024 answered by hand; every number below is worked out from data/demo-zone.yaml:
#   Z1.1 proportional 60→0 … 100→15, value 80: 20/40 × 15 = 7.5;  Z1.2 90 ≥ 90: 10;  Z1.3 met: 5   → Z1 22.5
#   Z2.1 proportional 40→0 … 90→10, value 65: 25/50 × 10 = 5;  Z2.2 "most": 6;  Z2.3 not met: 0  → Z2 11
#   Z3.1 met: 5;  Z3.2 30→0 … 70→10, value 50: 5;  Z3.3 no defects: 5                            → Z3 15
#   Z4.1 100 %: 10;  Z4.2 "done": 5                                                                → Z4 15
#   Z5.1 "some": 3;  Z5.2 met: 5                                                                   → Z5 8
#   total 71.5 of 100. Z2's floor is 60 % of 25 = 15 > 11 → floor:Z2; 71.5 < 80 → pass_line.


@pytest.fixture(autouse=True)
def _english():  # noqa: ANN202
    with translation.override("en"):  # the assertions read the English msgids
        yield


RESPONSES = {
    "standard": "HL-DZ-2024",
    "version": "2024.1",
    "prerequisites": {"ZP1": True, "ZP2": True},
    "vetoes": {"ZV1": False, "ZV2": False},
    "items": {
        "Z1.1": {"value": 80},
        "Z1.2": {"value": "90"},
        "Z1.3": {"met": True},
        "Z2.1": {"value": 65},
        "Z2.2": {"level": "most"},
        "Z2.3": {"met": False},
        "Z3.1": {"met": True},
        "Z3.2": {"value": 50},
        "Z3.3": {"defects": 0},
        "Z4.1": {"value": 100},
        "Z4.2": {"level": "done"},
        "Z5.1": {"level": "some", "comment": "用地、财税"},
        "Z5.2": {"met": True},
    },
}
EXPECTED_NODES = [
    ("Z1", 22.5, 30),
    ("Z1.1", 7.5, 15),
    ("Z1.2", 10, 10),
    ("Z1.3", 5, 5),
    ("Z2", 11, 25),
    ("Z2.1", 5, 10),
    ("Z2.2", 6, 10),
    ("Z2.3", 0, 5),
    ("Z3", 15, 20),
    ("Z3.1", 5, 5),
    ("Z3.2", 5, 10),
    ("Z3.3", 5, 5),
    ("Z4", 15, 15),
    ("Z4.1", 10, 10),
    ("Z4.2", 5, 5),
    ("Z5", 8, 10),
    ("Z5.1", 3, 5),
    ("Z5.2", 5, 5),
]


def _run(*args: str, capsys) -> tuple[int, str, str]:  # noqa: ANN001
    try:
        call_command(*args)
        code = 0
    except CommandError as exc:
        code = exc.returncode
        print(exc, file=sys.stderr)  # noqa: T201 — what the command line prints
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.name)
def test_every_bundled_standard_validates(path: Path, capsys) -> None:  # noqa: ANN001
    code, out, _err = _run("validate_standard", str(path), capsys=capsys)
    assert code == 0, out
    complete = path.name not in {"national-2020.yaml", "national-2024.yaml"}
    assert ("warning:" in out) is not complete


@pytest.mark.parametrize("name", ["hulin-sandstone-2024.yaml", "green-exploration.yaml", "demo-zone.yaml"])
def test_complete_standards_pass_strict(name: str, capsys) -> None:  # noqa: ANN001
    assert _run("validate_standard", str(DATA_DIR / name), "--strict", capsys=capsys)[0] == 0


def test_strict_national_2020_fails_naming_node_and_field(capsys) -> None:  # noqa: ANN001
    code, out, err = _run(
        "validate_standard", str(DATA_DIR / "national-2020.yaml"), "--strict", capsys=capsys
    )
    assert code == 1
    lines = out.splitlines()
    assert lines and not any(line.startswith("warning:") for line in lines)
    # Each line is "<node> <field>: <message>", e.g. a first-level node with unknown points.
    assert all(" " in line.split(":")[0] for line in lines)
    assert any(line.split(":")[0].split(" ")[1] == "points" for line in lines)
    assert "error(s)" in err


def test_validate_reports_a_bad_file(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (DATA_DIR / "demo-zone.yaml").read_text(encoding="utf-8").replace("points: 15\n", "points: -15\n", 1),
        encoding="utf-8",
    )
    code, out, _err = _run("validate_standard", str(bad), capsys=capsys)
    assert code == 1 and "Z1.1 points:" in out
    assert _run("validate_standard", str(tmp_path / "missing.yaml"), capsys=capsys)[0] == 1


@pytest.mark.django_db
def test_load_then_score_json(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    code, out, _err = _run("load_standard", str(DATA_DIR / "demo-zone.yaml"), capsys=capsys)
    assert code == 0 and "HL-DZ-2024 2024.1: published" in out
    responses = tmp_path / "responses.json"
    responses.write_text(json.dumps(RESPONSES, ensure_ascii=False), encoding="utf-8")
    code, out, err = _run("score", "HL-DZ-2024", "2024.1", str(responses), "--json", capsys=capsys)
    assert code == 0 and err == ""
    result = json.loads(out)
    assert list(result) == ["total", "max", "passed", "reasons", "nodes"]
    assert result["total"] == 71.5 and result["max"] == 100.0 and result["passed"] is False
    assert [r.split(" ")[0] for r in result["reasons"]] == ["floor:Z2", "pass_line"]
    assert [(n["id"], n["score"], n["max"]) for n in result["nodes"]] == EXPECTED_NODES
    assert all(list(n) == ["id", "score", "max"] for n in result["nodes"])
    code, out, _err = _run("score", "HL-DZ-2024", "2024.1", str(responses), capsys=capsys)
    assert code == 0 and "total 71.5 / 100: NOT PASSED" in out and "floor:Z2" in out


@pytest.mark.django_db
def test_load_with_publish_and_an_incomplete_frame(capsys) -> None:  # noqa: ANN001
    code, out, _err = _run("load_standard", str(DATA_DIR / "national-2024.yaml"), capsys=capsys)
    assert code == 0 and "draft (incomplete)" in out
    code, _out, err = _run("load_standard", str(DATA_DIR / "national-2024.yaml"), "--publish", capsys=capsys)
    assert code == 1 and "points" in err
    assert StandardVersion.objects.get().status == "draft"


@pytest.mark.django_db
def test_score_errors(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    responses = tmp_path / "r.json"
    responses.write_text(
        json.dumps({"items": {"Z2.2": {"level": "best"}, "Z9": {"met": True}}}), encoding="utf-8"
    )
    code, _out, err = _run("score", "NOPE", "1", str(responses), "--json", capsys=capsys)
    assert code == 1 and "unknown standard version NOPE 1" in err
    call_command("load_standard", str(DATA_DIR / "demo-zone.yaml"))
    code, _out, err = _run("score", "HL-DZ-2024", "2024.1", str(responses), "--json", capsys=capsys)
    assert code == 1 and "Z2.2 level:" in err and "Z9 " in err
    responses.write_text("{not json", encoding="utf-8")
    assert _run("score", "HL-DZ-2024", "2024.1", str(responses), capsys=capsys)[0] == 1
    call_command("load_standard", str(DATA_DIR / "national-2020.yaml"))
    code, _out, err = _run("score", "CN-GM-2020", "2020.1", str(tmp_path / "r.json"), capsys=capsys)
    assert code == 1


@pytest.mark.django_db
def test_score_falls_back_to_a_bundled_file_with_a_note(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    responses = tmp_path / "r.json"
    responses.write_text(json.dumps(RESPONSES), encoding="utf-8")
    code, out, err = _run("score", "HL-DZ-2024", "2024.1", str(responses), "--json", capsys=capsys)
    assert code == 0 and "bundled file" in err and json.loads(out)["total"] == 71.5


@pytest.mark.slow
def test_cli_after_a_bare_migrate(tmp_path: Path) -> None:
    """The acceptance path: a new empty database, no users, no demo data."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "greenmine.settings.dev",
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    cli = [str(Path(sys.executable).with_name("greenmine"))]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*cli, *args], env=env, capture_output=True, text=True, timeout=300, check=False
        )

    assert run("migrate", "--no-input").returncode == 0
    loaded = run("load_standard", str(DATA_DIR / "demo-zone.yaml"), "--publish")
    assert loaded.returncode == 0, loaded.stderr
    responses = tmp_path / "r.json"
    responses.write_text(json.dumps(RESPONSES), encoding="utf-8")
    scored = run("score", "HL-DZ-2024", "2024.1", str(responses), "--json")
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["total"] == 71.5 and scored.stderr == ""
