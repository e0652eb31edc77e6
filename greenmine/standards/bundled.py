"""The standards shipped with GreenMine under ``standards/data/*.yaml``.

The database (loaded with ``greenmine load_standard``) is the source of truth at run time; these helpers
are for the loader, the tests, the benchmark and demos.
"""

from __future__ import annotations

from pathlib import Path

from greenmine.standards.document import Standard, load_yaml

DATA_DIR = Path(__file__).with_name("data")


def bundled_paths() -> list[Path]:
    """Every bundled standard file, sorted by name."""
    return sorted(DATA_DIR.glob("*.yaml"))


def load_bundled(code: str, version: str | None = None) -> Standard:
    """The bundled standard with this code (and version, if given); `LookupError` when there is none."""
    for path in bundled_paths():
        standard = load_yaml(path)
        if standard.code == code and (version is None or standard.version == version):
            return standard
    raise LookupError(f"no bundled standard {code} {version or ''}".strip())
