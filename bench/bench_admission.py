"""Admission benchmark: our in-process engine beside PostGIS 3 on the same data, in the same run.

Data (seeded RNG, over Heilongjiang): 100,000 star-shaped layer polygons (0.5–3 km radius, ten kinds) and
10,000 rectangular rights (0.3–1.2 km sides). Timed:

(a) one admission check (median of --runs applications): ours = ``LayerIndex.assess`` (overlap areas with
    every feature, nearest feature of each layer within 1 km in the GK plane, planning-zone share);
    PostGIS = one query: ``ST_Intersects`` (GiST) + ``ST_Area(ST_Intersection(..)::geography)`` for the
    overlaps, and ``ST_DWithin``/``ST_Distance`` on ``ST_Transform`` to the CGCS2000 GK zone (EPSG 4509+n)
    for the nearest feature per kind;
(b) the full overlap audit (every right × every protected-area feature, areas of all overlapping pairs):
    ours = ``LayerIndex.audit``; PostGIS = ``JOIN .. ON ST_Intersects`` with ``ST_Area(..::geography)``.

Areas: ours are ellipsoidal through the CGCS2000 Albers equal-area projection; PostGIS's are ellipsoidal
through geography (spheroid). The index is built once (like PostGIS's GiST index at load); its build time
is printed separately. PostGIS runs in a temporary database on 127.0.0.1:5432 as user postgres, dropped at
the end; if the postgis extension is missing and we run as root, ``apt-get install -y
postgresql-15-postgis-3`` is run first.

Run: ``.venv/bin/python bench/bench_admission.py [--features N] [--rights N] [--runs N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from greenmine.admission.engine import FeatureItem, LayerIndex  # noqa: E402
from greenmine.spatial.crs import zone_of_longitude  # noqa: E402

KINDS = [
    "ecological_redline",
    "nature_reserve",
    "scenic_area",
    "geopark",
    "forest_park",
    "wetland_park",
    "water_source",
    "planning_zone",
    "prohibited_zone",
    "restricted_zone",
]
LON = (121.5, 134.5)
LAT = (43.5, 53.0)
DSN = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def star_polygons(
    rng: np.random.Generator, n: int, rmin: float, rmax: float, vertices: int = 10
) -> np.ndarray:
    lon = rng.uniform(*LON, n)
    lat = rng.uniform(*LAT, n)
    angles = np.sort(rng.uniform(0, 2 * np.pi, (n, vertices)), axis=1)
    radius = rng.uniform(rmin, rmax, (n, 1)) * rng.uniform(0.6, 1.0, (n, vertices))
    x = lon[:, None] + radius * np.cos(angles) / (111_320 * np.cos(np.radians(lat[:, None])))
    y = lat[:, None] + radius * np.sin(angles) / 110_574
    coords = np.stack([x, y], axis=2)
    coords = np.concatenate([coords, coords[:, :1]], axis=1)
    polys = np.asarray(shapely.polygons(coords), dtype=object)
    # Near-equal angles can make a rare sliver self-intersect: give PostGIS and us the same valid input.
    invalid = ~shapely.is_valid(polys)
    polys[invalid] = shapely.convex_hull(polys[invalid])
    return polys


def rectangles(rng: np.random.Generator, n: int) -> np.ndarray:
    lon = rng.uniform(*LON, n)
    lat = rng.uniform(*LAT, n)
    w = rng.uniform(300, 1200, n) / (111_320 * np.cos(np.radians(lat)))
    h = rng.uniform(300, 1200, n) / 110_574
    return np.asarray(shapely.box(lon, lat, lon + w, lat + h), dtype=object)


def connect(dbname: str | None = None):  # noqa: ANN201
    import psycopg

    dsn = DSN if dbname is None else DSN.rsplit("/", 1)[0] + "/" + dbname
    return psycopg.connect(dsn, autocommit=True)


def ensure_postgis(conn) -> None:  # noqa: ANN001
    try:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        return
    except Exception as exc:  # noqa: BLE001 — the extension's files are missing
        if os.geteuid() != 0:
            sys.exit(f"PostGIS is not installed ({exc}); run: apt-get install -y postgresql-15-postgis-3")
    print("installing postgresql-15-postgis-3 …", flush=True)
    subprocess.run(
        ["apt-get", "install", "-y", "postgresql-15-postgis-3"],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )
    conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")


def load(conn, table: str, geoms: np.ndarray, kinds: list[str] | None) -> None:  # noqa: ANN001
    conn.execute(f"CREATE TABLE {table} (id integer PRIMARY KEY, kind text, geom geometry(Polygon, 4490))")
    wkb = shapely.to_wkb(shapely.set_srid(geoms, 4490), hex=True, include_srid=True)
    with conn.cursor() as cur, cur.copy(f"COPY {table} (id, kind, geom) FROM STDIN") as copy:
        for i, hexwkb in enumerate(wkb.tolist()):
            copy.write_row((i, kinds[i] if kinds else "", hexwkb))
    conn.execute(f"CREATE INDEX ON {table} USING gist (geom)")
    conn.execute(f"ANALYZE {table}")


CHECK_SQL = """
WITH app AS (SELECT ST_GeomFromEWKB(%(g)s) AS g, ST_Transform(ST_GeomFromEWKB(%(g)s), %(srid)s) AS gk)
SELECT f.id, f.kind, ST_Area(ST_Intersection(f.geom, app.g)::geography) AS value, 'overlap' AS what
  FROM features f, app WHERE ST_Intersects(f.geom, app.g)
UNION ALL
SELECT id, kind, d, 'near' FROM (
  SELECT DISTINCT ON (f.kind) f.id, f.kind, ST_Distance(ST_Transform(f.geom, %(srid)s), app.gk) AS d
    FROM features f, app
   WHERE f.geom && ST_Expand(app.g, %(deg)s) AND NOT ST_Intersects(f.geom, app.g)
     AND ST_DWithin(ST_Transform(f.geom, %(srid)s), app.gk, %(radius)s)
   ORDER BY f.kind, d) near
"""
AUDIT_SQL = """
SELECT r.id, f.id, ST_Area(ST_Intersection(r.geom, f.geom)::geography)
  FROM rights r JOIN features f ON ST_Intersects(r.geom, f.geom) WHERE f.kind <> 'planning_zone'
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, default=100_000)
    parser.add_argument("--rights", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--radius", type=float, default=1000.0)
    args = parser.parse_args()
    rng = np.random.default_rng(20260107)
    features = star_polygons(rng, args.features, 500, 3000)
    kinds = [KINDS[i] for i in rng.integers(0, len(KINDS), args.features).tolist()]
    rights = rectangles(rng, args.rights)
    apps = rectangles(rng, args.runs)
    print(f"data: {args.features} layer polygons, {args.rights} rights, {args.runs} applications", flush=True)

    admin = connect()
    dbname = f"gm_bench_admission_{os.getpid()}"
    admin.execute(f"CREATE DATABASE {dbname}")
    try:
        conn = connect(dbname)
        ensure_postgis(conn)
        start = time.perf_counter()
        load(conn, "features", features, kinds)
        load(conn, "rights", rights, None)
        print(f"PostGIS load (COPY + GiST + ANALYZE): {time.perf_counter() - start:.1f} s", flush=True)

        start = time.perf_counter()
        index = LayerIndex(
            [
                FeatureItem(i, KINDS.index(k), k, f"f{i}", g)
                for i, (k, g) in enumerate(zip(kinds, features.tolist(), strict=True))
            ]
        )
        print(f"ours: index build (project once + STRtree): {time.perf_counter() - start:.1f} s", flush=True)

        # (a) one check
        ours_t, pg_t, agree = [], [], 0
        for app in apps.tolist():
            index.assess(app, radius_m=args.radius)  # warm-up (transformer caches)
            t = time.perf_counter()
            result = index.assess(app, radius_m=args.radius)
            ours_t.append(time.perf_counter() - t)
            srid = 4509 + zone_of_longitude(float(app.centroid.x)).number
            params = {
                "g": shapely.to_wkb(shapely.set_srid(app, 4490), include_srid=True),
                "srid": srid,
                "deg": args.radius * 1.5 / 70_000,
                "radius": args.radius,
            }
            conn.execute(CHECK_SQL, params).fetchall()  # warm-up
            t = time.perf_counter()
            rows = conn.execute(CHECK_SQL, params).fetchall()
            pg_t.append(time.perf_counter() - t)
            ours_overlap = (
                sum(c.overlap_km2 for c in result.conflicts) + result.planning_share * result.area_km2
            )
            pg_overlap = sum(r[2] for r in rows if r[3] == "overlap") / 1e6
            agree += abs(ours_overlap - pg_overlap) < 1e-3 * max(1.0, pg_overlap)
        a_ours, a_pg = statistics.median(ours_t), statistics.median(pg_t)
        print(
            f"(a) one check, median of {args.runs}: ours {a_ours * 1000:.2f} ms, "
            f"PostGIS {a_pg * 1000:.2f} ms, ratio ours/PostGIS {a_ours / a_pg:.3f} (goal ≤ 0.5); "
            f"overlap areas agree in {agree}/{args.runs}",
            flush=True,
        )

        # (b) the full audit
        items = list(enumerate(rights.tolist()))
        t = time.perf_counter()
        hits = index.audit(items)
        b_ours = time.perf_counter() - t
        t = time.perf_counter()
        rows = conn.execute(AUDIT_SQL).fetchall()
        b_pg = time.perf_counter() - t
        ours_pairs = {(h.right_key, h.feature_key) for h in hits}
        pg_pairs = {(r[0], r[1]) for r in rows if r[2] >= 1.0}
        ours_area = sum(h.overlap_km2 for h in hits)
        pg_area = sum(r[2] for r in rows if r[2] >= 1.0) / 1e6
        print(
            f"(b) full overlap audit: ours {b_ours:.3f} s, PostGIS {b_pg:.3f} s, ratio ours/PostGIS "
            f"{b_ours / b_pg:.3f} (goal ≤ 1); pairs ours {len(ours_pairs)} / PostGIS {len(pg_pairs)} "
            f"(common {len(ours_pairs & pg_pairs)}), total overlap {ours_area:.4f} / {pg_area:.4f} km²",
            flush=True,
        )
        conn.close()
        ok = a_ours <= 0.5 * a_pg and b_ours <= b_pg
        print("goals met" if ok else "GOAL MISSED", flush=True)
        return 0 if ok else 1
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)")
        admin.close()


if __name__ == "__main__":
    sys.exit(main())
