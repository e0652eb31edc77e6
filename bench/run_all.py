"""`make bench`: the spatial, scoring and registry benchmarks in turn, each printing ours beside the peer.

Options after `--` are not forwarded; run a benchmark on its own to change its sizes, e.g.
`python bench/bench_registry.py --mines 5000`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SCRIPTS = [
    "bench_spatial.py",
    "bench_scoring.py",
    "bench_registry.py",
    "bench_admission.py",
    "bench_reports.py",
]


def main() -> int:
    failed = []
    for script in SCRIPTS:
        print(f"\n=== {script} ===", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(BENCH / script)], cwd=BENCH.parent)
        print(f"=== {script}: exit {code}, {time.perf_counter() - start:.0f} s ===", flush=True)
        if code:
            failed.append(script)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
