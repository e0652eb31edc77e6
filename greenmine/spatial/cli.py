"""Command-line entry point: ``python -m greenmine.spatial FILE [--zone N] [--area KM2] [--json]``.

The Django management command ``greenmine check_coords`` wraps :func:`run` the same way; both print
the JSON of :meth:`CheckResult.to_json_dict` with ``--json`` and exit 0 when the boundary is valid,
1 when it has errors and 2 when the file cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .check import check_boundary
from .model import CheckResult

__all__ = ["format_report", "main", "run"]


def format_report(result: CheckResult) -> str:
    """Human-readable Chinese summary of a check (the non-JSON CLI output)."""
    lines = [f"结果：{'通过' if result.valid else '不通过'}"]
    if result.epsg is not None:
        lines.append(f"坐标系：EPSG:{result.epsg}（{result.zone}带）")
    for index, part in enumerate(result.parts, start=1):
        area = "—" if part.area_km2 is None else f"{part.area_km2:.4f}"
        lines.append(f"分区{index} {part.name or ''}：{part.points}个拐点，椭球面积{area}平方公里")
    if result.area_km2 is not None and result.plane_area_km2 is not None:
        lines.append(
            f"椭球面积：{result.area_km2:.4f}平方公里；高斯平面面积：{result.plane_area_km2:.4f}平方公里"
        )
    lines += [f"警告：{w}" for w in result.warnings]
    lines += [f"错误（第{e.line}行）：{e.message}" if e.line else f"错误：{e.message}" for e in result.errors]
    return "\n".join(lines)


def run(data: bytes, *, zone: int | None, licensed_area_km2: float | None, as_json: bool, out: TextIO) -> int:
    """Check ``data`` and print the result; returns the exit status (0 valid, 1 invalid)."""
    result = check_boundary(data, zone=zone, licensed_area_km2=licensed_area_km2)
    if as_json:
        out.write(json.dumps(result.to_json_dict(), ensure_ascii=False) + "\n")
    else:
        out.write(format_report(result) + "\n")
    return 0 if result.valid else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, read the file as bytes (encoding is detected) and run the check."""
    parser = argparse.ArgumentParser(prog="check_coords", description="检查矿业权拐点坐标（CGCS2000）")
    parser.add_argument("file", type=Path)
    parser.add_argument("--zone", type=int, default=None, help="Y坐标不含带号时的带号（13–45）")
    parser.add_argument("--area", type=float, default=None, help="登记面积（平方公里）")
    parser.add_argument("--json", action="store_true", help="输出JSON")
    args = parser.parse_args(argv)
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        sys.stderr.write(f"无法读取文件：{exc}\n")
        return 2
    return run(data, zone=args.zone, licensed_area_km2=args.area, as_json=args.json, out=sys.stdout)
