"""Benchmark: the registry's list pages and API lists on a large synthetic registry, beside a minimal view.

Run from the repository root:  python bench/bench_registry.py [--mines N] [--requests N]

Builds a fresh SQLite database in a temporary directory (development settings, DEBUG off), migrates it,
fills it with `greenmine synth --mines N` (default 40,000), then requests through Django's test Client,
signed in as the synthetic provincial bureau admin (who sees every record), each of:

  ours  = the mine list page, the mining-right list page, the API mine list (page 1 and a middle page)
          and the map's GeoJSON for one county-sized box;
  peer  = /healthz, a minimal Django view (one tiny query) served the same way in the same run.

Each figure is the median of --requests requests after one warm-up. The ratio shows what the permission
filter, the page's queries and the template cost above Django's own request handling.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_ms(client, url: str, requests: int) -> float:  # noqa: ANN001
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mines", type=int, default=40_000)
    parser.add_argument("--requests", type=int, default=7)
    args = parser.parse_args()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="greenmine-bench-") as var_dir:
        os.environ["DJANGO_SETTINGS_MODULE"] = "greenmine.settings.dev"
        os.environ["GREENMINE_VAR_DIR"] = var_dir
        os.environ["DEBUG"] = "0"  # no query log, no debug pages: the costs a real installation has
        os.environ.pop("DATABASE_URL", None)
        os.environ["STATIC_ROOT"] = var_dir  # whitenoise warns about a missing folder otherwise
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client
        from django.urls import reverse

        from greenmine.core.models import User

        call_command("migrate", verbosity=0)
        start = time.perf_counter()
        call_command("synth", "--mines", str(args.mines), verbosity=0)
        print(f"synth --mines {args.mines}: {time.perf_counter() - start:.1f} s", file=sys.stderr)

        client = Client(SERVER_NAME="localhost")
        client.force_login(User.objects.get(username="synth_admin"))
        middle = max(1, args.mines // 50 // 2)
        peer = median_ms(client, reverse("healthz"), args.requests)
        rows = [
            ("mine list page 1", reverse("registry:mine_list")),
            (f"mine list page {middle}", reverse("registry:mine_list") + f"?page={middle}"),
            ("right list page 1", reverse("registry:right_list")),
            (f"right list page {middle}", reverse("registry:right_list") + f"?page={middle}"),
            ("API mines page 1", reverse("registry-mine-list")),
            (f"API mines page {middle}", reverse("registry-mine-list") + f"?page={middle}"),
            ("API rights page 1", reverse("registry-mining-right-list")),
            ("map GeoJSON, 1°×0.5° box", reverse("registry:map_data") + "?bbox=130,45,131,45.5"),
        ]
        print()
        print(f"registry on {args.mines} mines — median of {args.requests} requests (ms)")
        print(f"{'request':<34} {'ours':>10} {'peer':>10} {'ours/peer':>10}")
        for label, url in rows:
            ours = median_ms(client, url, args.requests)
            print(f"{label:<34} {ours:10.1f} {peer:10.1f} {ours / peer:10.1f}")
        print("peer = /healthz (a minimal Django view, one query) through the same client")
    print(f"total runtime {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
