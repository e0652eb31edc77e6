"""`greenmine check_coords FILE [--zone N] [--json]`: check a mining-right boundary file.

A thin wrapper over `greenmine.spatial.cli.run` (exit 0 valid, 1 invalid, 2 unreadable file). It touches no
database and skips Django's system and migration checks, so it works after a bare migrate and with no
database at all.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from greenmine.spatial.cli import run

EXIT_UNREADABLE = 2  # as the library's own CLI


class Command(BaseCommand):
    help = "Check a mining-right boundary file (CGCS2000); exit 0 valid, 1 invalid, 2 unreadable."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", help="Boundary text file (any common encoding; '-' reads standard input)."
        )
        parser.add_argument(
            "--zone", type=int, default=None, help="Zone number when Y carries no zone prefix."
        )
        parser.add_argument("--area", type=float, default=None, help="Licensed area in km², compared.")
        parser.add_argument("--json", action="store_true", help="Print the result as one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["file"]
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except OSError as exc:
            # A missing or unreadable file is a clear message, never a traceback.
            reason = exc.strerror or exc.__class__.__name__
            self.stderr.write(f"无法读取文件 / cannot read the file: {name}: {reason}")
            sys.exit(EXIT_UNREADABLE)
        status = run(
            data,
            zone=options["zone"],
            licensed_area_km2=options["area"],
            as_json=options["json"],
            out=sys.stdout,
        )
        sys.stdout.flush()
        if status:
            sys.exit(status)
