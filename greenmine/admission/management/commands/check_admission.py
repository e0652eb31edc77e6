"""`greenmine check_admission FILE --kind mining|exploration [--json]`: the admission check (准入审查).

Prints the verdict with the overlaps, nearby features, overlapped rights and reasons (with --json exactly
the documented object). Exit 0 whatever the verdict; 1 when the boundary itself is invalid (the
check_coords findings are printed); 2 when the file cannot be read. The check is recorded as a system
check (no user) naming the layer versions used, so the bureau can print its report later.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from greenmine.admission import services
from greenmine.admission.choices import ApplicationType, RightKind
from greenmine.spatial.cli import format_report

EXIT_INVALID = 1
EXIT_UNREADABLE = 2


class Command(BaseCommand):
    help = "Admission check of a boundary file against the reference layers; exit 0 whatever the verdict."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", help="Boundary file in any format check_coords reads ('-' = standard input)."
        )
        parser.add_argument("--kind", required=True, choices=RightKind.values, help="mining or exploration")
        parser.add_argument(
            "--type",
            default=ApplicationType.NEW,
            choices=ApplicationType.values,
            dest="application_type",
            help="new (default), extension or change",
        )
        parser.add_argument("--licence-no", default="", help="The right being extended or changed.")
        parser.add_argument("--applicant", default="", help="Applicant's name (stored with the check).")
        parser.add_argument(
            "--radius", type=float, default=None, help="Search radius for nearby features (m)."
        )
        parser.add_argument("--json", action="store_true", help="Print the result as one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["file"]
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except OSError as exc:
            self.stderr.write(f"无法读取文件 / cannot read the file: {name}: {exc.strerror or exc}")
            sys.exit(EXIT_UNREADABLE)
        try:
            check = services.run_check(
                actor=None,
                boundary=data,
                right_kind=options["kind"],
                application_type=options["application_type"],
                licence_no=options["licence_no"],
                applicant=options["applicant"],
                source_name=Path(name).name,
                radius_m=options["radius"],
            )
        except services.BoundaryInvalid as exc:
            if options["json"]:
                sys.stdout.write(json.dumps(exc.result.to_json_dict(), ensure_ascii=False) + "\n")
            else:
                sys.stdout.write(format_report(exc.result) + "\n")
            sys.stdout.flush()
            sys.exit(EXIT_INVALID)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        if options["json"]:
            sys.stdout.write(json.dumps(check.result, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(_text(check.result, check.pk) + "\n")
        sys.stdout.flush()


def _text(result: dict[str, Any], pk: int) -> str:
    labels = {"prohibited": "禁止", "review": "需核实", "pass": "通过"}
    lines = [
        f"审查结论：{labels[result['verdict']]}（{result['verdict']}）  记录 #{pk}",
        f"申请范围面积：{result['area_km2']:.4f} 平方公里",
    ]
    lines += [
        f"重叠：{c['layer_kind']} {c['feature']} {c['overlap_km2']:.4f} 平方公里（{c['share']:.1%}）"
        for c in result["conflicts"]
    ]
    lines += [f"邻近：{n['layer_kind']} {n['feature']} {n['distance_m']:.0f} 米" for n in result["nearby"]]
    lines += [
        f"重叠矿业权：{r['licence_no']} {r['overlap_km2']:.4f} 平方公里" for r in result["rights_overlapped"]
    ]
    lines += [f"理由：{r}" for r in result["reasons"]]
    return "\n".join(lines)
