"""Benchmark: score 10,000 assessments of a 100-item standard, against a naive one-query-per-item peer.

Run from the repository root:  python bench/bench_scoring.py [--assessments N] [--naive N]

Our engine: `greenmine.standards.scoring.score` over a plan compiled once per standard.
Naive peer: the same standard and responses in an in-memory SQLite database (stdlib sqlite3), scored the
way a naive ORM loop does it: one SELECT per item per assessment, Decimal arithmetic in Python. It runs on
a subset and is extrapolated (said so in the output); its totals are checked against ours on that subset.
The requirement is ≥ 100,000 item-scores per second for our engine.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from greenmine.standards.document import Standard, load_document  # noqa: E402
from greenmine.standards.responses import Responses, parse_responses  # noqa: E402
from greenmine.standards.scoring import compile, score  # noqa: E402

GROUPS, PER_GROUP = 10, 10
METHODS = ["full_or_zero", "graded", "deduction", "proportional"]
REQUIRED = 100_000


def build_standard() -> Standard:
    """100 scored items of 10 points in 10 first-level groups: 1000 points, pass 800, 75 % floors."""
    indicators: list[dict[str, Any]] = []
    for g in range(GROUPS):
        gid = f"G{g}"
        indicators.append({"id": gid, "name": f"一级指标{g}", "points": PER_GROUP * 10})
        for i in range(PER_GROUP):
            kind = METHODS[i % len(METHODS)]
            method: dict[str, Any] = {"type": kind}
            if kind == "graded":
                method["levels"] = [
                    {"key": "a", "label": "好", "points": 10},
                    {"key": "b", "label": "中", "points": 6},
                    {"key": "c", "label": "差", "points": 0},
                ]
            elif kind == "deduction":
                method["per_defect"] = 2.5
            elif kind == "proportional":
                method.update(lower=60, upper=100, unit="%")
            indicators.append(
                {"id": f"{gid}.{i}", "parent": gid, "name": f"指标{g}.{i}", "points": 10, "method": method}
            )
    return load_document(
        {
            "code": "BENCH-100",
            "title": "基准测试标准",
            "issuer": "bench",
            "kind": "city",
            "version": "1",
            "effective_date": "2024-01-01",
            "source": {"citation": "synthetic"},
            "provenance": "template",
            "status": "published",
            "total_points": GROUPS * PER_GROUP * 10,
            "pass_rules": {"pass_line": 800, "first_level_floor": 0.75},
            "prerequisites": [{"id": f"P{k}", "name": f"先决条件{k}"} for k in range(1, 6)],
            "vetoes": [{"id": "V1", "name": "一票否决"}],
            "indicators": indicators,
        }
    )


def random_responses(standard: Standard, rng: random.Random) -> dict[str, Any]:
    """Answers of a mine near the pass line, so that both passing and failing results are exercised."""
    items: dict[str, Any] = {}
    for ind in standard.leaves():
        kind = ind.method.TYPE if ind.method else "full_or_zero"
        if kind == "full_or_zero":
            items[ind.id] = {"met": rng.random() < 0.93}
        elif kind == "graded":
            items[ind.id] = {"level": rng.choices("abc", weights=(80, 15, 5))[0]}
        elif kind == "deduction":
            items[ind.id] = {"defects": rng.choice([0, 0, 0, 0, 0, 0, 1, 2])}
        else:
            items[ind.id] = {"value": round(rng.uniform(75, 110), 2)}
    return {
        "prerequisites": {f"P{k}": rng.random() < 0.98 for k in range(1, 6)},
        "vetoes": {"V1": rng.random() < 0.02},
        "items": items,
    }


# --- the naive peer ---------------------------------------------------------------------------------------


def load_sqlite(standard: Standard, raw: list[dict[str, Any]]) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.executescript(
        """
        CREATE TABLE indicator (id TEXT PRIMARY KEY, parent TEXT, points TEXT, method TEXT,
                                per_defect TEXT, lower TEXT, upper TEXT);
        CREATE TABLE grade_level (indicator_id TEXT, key TEXT, points TEXT, PRIMARY KEY (indicator_id, key));
        CREATE TABLE response (assessment_id INTEGER, indicator_id TEXT, met INTEGER, level TEXT,
                               defects INTEGER, value TEXT, PRIMARY KEY (assessment_id, indicator_id));
        """
    )
    for ind in standard.indicators:
        m: Any = ind.method
        db.execute(
            "INSERT INTO indicator VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                ind.id,
                ind.parent,
                str(ind.points),
                m.TYPE if m else None,
                str(getattr(m, "per_defect", "")) or None,
                str(getattr(m, "lower", "")) or None,
                str(getattr(m, "upper", "")) or None,
            ),
        )
        for lv in getattr(m, "levels", ()):
            db.execute("INSERT INTO grade_level VALUES (?, ?, ?)", (ind.id, lv.key, str(lv.points)))
    for a, data in enumerate(raw):
        for item_id, ans in data["items"].items():
            value = ans.get("value")
            db.execute(
                "INSERT INTO response VALUES (?, ?, ?, ?, ?, ?)",
                (
                    a,
                    item_id,
                    ans.get("met"),
                    ans.get("level"),
                    ans.get("defects"),
                    None if value is None else repr(value),
                ),
            )
    db.commit()
    return db


ITEM_QUERY = """
    SELECT i.points, i.method, i.per_defect, i.lower, i.upper, r.met, r.defects, r.value, g.points
    FROM indicator i
    LEFT JOIN response r ON r.indicator_id = i.id AND r.assessment_id = ?
    LEFT JOIN grade_level g ON g.indicator_id = i.id AND g.key = r.level
    WHERE i.id = ?
"""


def naive_total(db: sqlite3.Connection, assessment: int, item_ids: list[tuple[str, str]]) -> Decimal:
    """One SELECT per item, like ``for item in items: Response.objects.get(...)``."""
    groups: dict[str, Decimal] = {}
    for item_id, parent in item_ids:
        pts, method, per, lower, upper, met, defects, value, grade = db.execute(
            ITEM_QUERY, (assessment, item_id)
        ).fetchone()
        points = Decimal(pts)
        if method == "full_or_zero":
            got = points if met else Decimal(0)
        elif method == "graded":
            got = Decimal(grade) if grade is not None else Decimal(0)
        elif method == "deduction":
            got = max(Decimal(0), points - Decimal(per) * (defects or 0))
        else:
            lo, hi, v = Decimal(lower), Decimal(upper), Decimal(value)
            share = (v - lo) / (hi - lo)
            got = (
                Decimal(0)
                if share <= 0
                else points
                if share >= 1
                else (points * share).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            )
        groups[parent] = groups.get(parent, Decimal(0)) + got
    return sum(groups.values(), Decimal(0))


# --- run --------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--assessments", type=int, default=10_000)
    parser.add_argument("--naive", type=int, default=1_000, help="assessments scored by the naive peer")
    args = parser.parse_args()

    standard = build_standard()
    n_items = len(standard.leaves())
    rng = random.Random(20240301)
    raw = [random_responses(standard, rng) for _ in range(args.assessments)]

    t0 = time.perf_counter()
    parsed: list[Responses] = [parse_responses(r, standard) for r in raw]
    t_parse = time.perf_counter() - t0

    t0 = time.perf_counter()
    compile(standard)
    t_compile = time.perf_counter() - t0

    t0 = time.perf_counter()
    results = [score(standard, r) for r in parsed]
    t_ours = time.perf_counter() - t0

    db = load_sqlite(standard, raw[: args.naive])
    item_ids = [(i.id, i.parent or "") for i in standard.leaves()]
    t0 = time.perf_counter()
    naive = [naive_total(db, a, item_ids) for a in range(args.naive)]
    t_naive_subset = time.perf_counter() - t0
    t_naive = t_naive_subset * args.assessments / args.naive

    mismatches = sum(1 for a in range(args.naive) if naive[a] != results[a].total)
    total_scores = args.assessments * n_items
    ours_rate = total_scores / t_ours
    naive_rate = args.naive * n_items / t_naive_subset
    passed = sum(r.passed for r in results)

    print(f"standard {standard.code}: {n_items} items; {args.assessments:,} assessments; {passed:,} passed")
    print(f"compile plan once: {t_compile * 1000:.2f} ms")
    print(
        f"parse RESPONSES.json structures ({args.assessments:,}, not part of the comparison): {t_parse:.2f} s"
    )
    print()
    row = "{:<46} {:>11} {:>9} {:>14}"
    print(row.format("engine", "assessments", "seconds", "item-scores/s"))
    rows = [
        ("greenmine score() (compiled plan, Decimal)", args.assessments, t_ours, ours_rate),
        ("naive: sqlite3, one SELECT per item (measured)", args.naive, t_naive_subset, naive_rate),
        ("naive, extrapolated from the measured subset", args.assessments, t_naive, naive_rate),
    ]
    for name, count, seconds, rate in rows:
        print(row.format(name, f"{count:,}", f"{seconds:.2f}", f"{rate:,.0f}"))
    print()
    print(f"ratio ours / naive: {ours_rate / naive_rate:.1f}x")
    print(f"totals identical on the {args.naive:,} naive-scored assessments: {mismatches == 0}")
    verdict = "OK" if ours_rate >= REQUIRED else "TOO SLOW"
    print(f"requirement ≥ {REQUIRED:,} item-scores/s: {verdict}")
    if mismatches or ours_rate < REQUIRED:
        sys.exit(1)


if __name__ == "__main__":
    main()
