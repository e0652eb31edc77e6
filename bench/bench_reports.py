"""Benchmark: the self-assessment report (DOCX and PDF) for a 100-item assessment beside a one-page report
(1 item), in the same run.

Run from the repository root:  python bench/bench_reports.py [--items 100] [--runs 5]

The report builders take plain data (`greenmine.assessments.reports.ReportData`), so no database is needed:
the data is synthetic, shaped like a real report (first-level categories, leaves with explanations,
remarks and evidence hashes, prerequisites, an evidence list). Each figure is the median of --runs runs
after one warm-up (font loading and template compilation are paid once, as in a running server).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "greenmine.settings.dev")


def sample(items: int):  # noqa: ANN201
    from greenmine.assessments.reports import ConditionRow, EvidenceRow, ItemRow, ReportData

    categories = max(1, min(6, items // 10 or 1))
    rows, cats = [], []
    per_cat = [items // categories + (1 if i < items % categories else 0) for i in range(categories)]
    for c, n in enumerate(per_cat):
        cid = chr(ord("A") + c)
        cat = ItemRow(cid, f"一级指标{cid}矿区环境与生态修复", 0, Decimal(10 * n), Decimal(8 * n), False)
        cats.append(cat)
        rows.append(cat)
        for k in range(n):
            digest = hashlib.sha256(f"{cid}{k}".encode()).hexdigest()
            rows.append(
                ItemRow(
                    f"{cid}{k + 1}",
                    f"指标{cid}{k + 1}：矿区绿化覆盖率达到可绿化面积的规定比例",
                    1,
                    Decimal(10),
                    Decimal(8),
                    True,
                    k % 7 == 0,
                    "实测值 92.5%，按比例得 8 分（60%→0 分，100%→10 分）",
                    "现场核查，附测量报告",
                    (digest,),
                )
            )
    evidence = [
        EvidenceRow(
            f"证明材料{i}.pdf", hashlib.sha256(str(i).encode()).hexdigest(), 123456 + i, "application/pdf"
        )
        for i in range(max(1, items // 5))
    ]
    return ReportData(
        mine_name="虎头示例建筑石料矿",
        enterprise="虎林市示例建筑石料有限公司",
        standard_code="HL-SS-2024",
        standard_title="虎林市砂石（建筑用石料）绿色矿山评价标准（模板）",
        standard_version="2024.1",
        content_hash="0" * 64,
        report_date=date(2026, 6, 1),
        uscc="91230381MA0000001X",
        township="虎头镇",
        mineral="建筑用石料",
        mine_kind="露天开采",
        scale="12 万立方米/年",
        licences=[("C2303812016017130141001", "2021-06-01", "2030-05-31", "0.51")],
        total=sum((r.score for r in cats), Decimal(0)),
        max=sum((r.max for r in cats), Decimal(0)),
        pass_line=Decimal(800),
        passed=True,
        categories=cats,
        items=rows,
        conditions=[
            ConditionRow(f"P{i}", "采矿许可证在有效期内", "先决条件", "满足", True) for i in range(1, 6)
        ],
        evidence=evidence,
    )


def median_ms(builder, data, runs: int) -> tuple[float, int]:  # noqa: ANN001
    out = builder(data)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        out = builder(data)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(out)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    import logging

    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    from greenmine.assessments.reports import build_docx, build_pdf

    small, large = sample(1), sample(args.items)
    print(f"self-assessment report, median of {args.runs} runs after a warm-up")
    print(f"{'format':<6} {'1 item (one page)':>22} {f'{args.items} items':>22} {'ratio':>7}")
    for name, builder in (("DOCX", build_docx), ("PDF", build_pdf)):
        one, one_size = median_ms(builder, small, args.runs)
        many, many_size = median_ms(builder, large, args.runs)
        print(
            f"{name:<6} {one:>12.0f} ms {one_size / 1024:>5.0f} KiB"
            f" {many:>12.0f} ms {many_size / 1024:>5.0f} KiB {many / one:>6.1f}×"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
