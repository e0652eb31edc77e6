"""greenmine synth --mines N: a realistic synthetic registry at any scale, for benchmarks.

ON PURPOSE this command bypasses the services and the audit log: it bulk-inserts enterprises, townships,
mines and mining rights (40,000 mines in about a minute), which the one-write-path rule forbids for real
data. It therefore refuses to run in production settings, and on a database that already holds mines
unless --force is given. Boundaries are real licence texts; every 20th (--exact-every) goes through the
spatial library's full check (ellipsoidal area, GeoJSON, as the services store them), the others get the
same GeoJSON from one pyproj call and their plane area (a full check costs ~5 ms a right). The boundary
version is bumped at the end so overlap indexes rebuild.

Layout: a provincial bureau (division --division, default 230000 Heilongjiang) whose admin `synth_admin`
sees everything; a fictional prefecture 239000 with counties 2390NN and townships 2390NN1MM; mines spread
over lon 127.6–134.9 / lat 43–53 (3° Gauss–Krüger zones 43–45), one right each of 0.05–3 km².
"""

from __future__ import annotations

import math
import random
import time
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from pyproj import CRS, Transformer
from stdnum.cn import uscc

from greenmine.core import services as core_services
from greenmine.core.choices import DivisionLevel, MembershipRole, OrganisationKind
from greenmine.core.models import Division, Membership, Organisation, User
from greenmine.registry.choices import GreenStatus, MineKind, MineStatus
from greenmine.registry.models import Mine, Mineral, MiningRight, RightPart
from greenmine.registry.services import bump_boundary_version
from greenmine.spatial import check_boundary

BATCH = 2000
PREFECTURE = "239000"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
MINE_WORDS = ["石料厂", "采石场", "砂场", "石墨矿", "金矿", "煤矿", "黏土矿", "花岗岩矿"]
PLACES = ["东山", "西岭", "青山", "北沟", "南岗", "红旗", "太平", "长青", "永安", "兴隆", "新华", "富民"]


def _uscc(rng: random.Random, serial: int) -> str:
    body = f"91{PREFECTURE[:4]}{rng.randint(0, 99):02d}MA{serial:07d}"[:17]
    body = "".join(c if c in USCC_ALPHABET else "0" for c in body)
    return body + uscc.calc_check_digit(body)


def _licence(
    rng: random.Random, forward: dict[int, Transformer], lon: float, lat: float
) -> tuple[str, int, list[tuple[float, float]]]:
    """A star-shaped polygon of 5–9 corners and 0.05–3 km² in the licence '*' format: (text, zone, corners
    as (easting with zone prefix, northing), counter-clockwise)."""
    zone = min(45, max(43, round(lon / 3)))
    east0, north0 = forward[zone].transform(lon, lat)
    k = rng.randint(5, 9)
    angles = sorted(rng.uniform(0, 2 * math.pi) for _ in range(k))
    radius = math.sqrt(rng.uniform(0.05, 3.0) * 1e6 / math.pi)
    corners = []
    lines = ["拐点,X(起标高),Y(止标高)"]
    for i, angle in enumerate(angles, start=1):
        r = radius * rng.uniform(0.7, 1.0)
        east, north = round(east0 + r * math.cos(angle), 2), round(north0 + r * math.sin(angle), 2)
        corners.append((east, north))
        lines.append(f"{i},{north:.2f},{east:.2f}, , ,")
    lines.append(f"*,{rng.randint(200, 600)},{rng.randint(-200, 100)},一采区,1,")
    return "\n".join(lines) + "\n", zone, corners


def _plane_km2(corners: list[tuple[float, float]]) -> float:
    return (
        abs(
            sum(
                x0 * y1 - x1 * y0
                for (x0, y0), (x1, y1) in zip(corners, corners[1:] + corners[:1], strict=True)
            )
        )
        / 2e6
    )


class Command(BaseCommand):
    help = "Bulk-create a synthetic registry (benchmarks only: bypasses services and audit; refuses in prod)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--mines", type=int, required=True)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--division", default="230000", help="the provincial bureau's division code")
        parser.add_argument("--force", action="store_true", help="add to a database that already has mines")
        parser.add_argument("--password", default="", help="password of synth_admin (default: unusable)")
        parser.add_argument(
            "--exact-every",
            type=int,
            default=20,
            help="run the full spatial check on every Nth right (1: all; slower)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "GREENMINE_ENV", "") == "prod":
            raise CommandError("synth bypasses the services and the audit log: never in production.")
        count = options["mines"]
        if count < 1:
            raise CommandError("--mines must be at least 1.")
        if Mine.objects.exists() and not options["force"]:
            raise CommandError("The database already has mines; use --force to add synthetic ones anyway.")
        started = time.monotonic()
        rng = random.Random(options["seed"])
        with transaction.atomic():
            admin = self._bureau(options["division"], options["password"])
            townships = self._townships(max(4, count // 40))
            enterprises = self._enterprises(rng, max(2, count // 2))
            self._mines_and_rights(rng, count, townships, enterprises, admin, max(1, options["exact_every"]))
            bump_boundary_version()
        self.stdout.write(
            f"synth: {count} mines and rights in {time.monotonic() - started:.1f} s "
            f"(login synth_admin sees them all)"
        )

    def _bureau(self, code: str, password: str) -> User:
        bureau = Organisation.objects.filter(kind=OrganisationKind.BUREAU, division_id=code).first()
        if bureau is None:
            if not Division.objects.filter(code=code).exists():
                raise CommandError(f"Unknown division {code}.")
            return core_services.bootstrap_bureau(
                name="合成数据自然资源厅",
                division_code=code,
                admin_username="synth_admin",
                admin_password=password or None,
            )
        admin = User.objects.filter(username="synth_admin").first()
        if admin is None:
            admin = User.objects.create(username="synth_admin")
            admin.set_unusable_password()
            admin.save()
            Membership.objects.create(user=admin, organisation=bureau, role=MembershipRole.ADMIN)
        return admin

    def _townships(self, n: int) -> list[Organisation]:
        existing = list(
            Organisation.objects.filter(
                kind=OrganisationKind.TOWNSHIP, division__code__startswith=PREFECTURE[:4]
            ).order_by("pk")
        )
        if len(existing) >= n:  # --force on a synthetic database: reuse its townships
            return existing
        core_services.ensure_division(PREFECTURE, "合成市")
        divisions, orgs = [], []
        for i in range(len(existing), n):
            county = f"{PREFECTURE[:4]}{i // 50 + 1:02d}"
            code = f"{county}{100 + i % 50:03d}"
            divisions.append(
                Division(
                    code=county, name=f"合成县{i // 50 + 1}", level=DivisionLevel.COUNTY, parent_id=PREFECTURE
                )
            )
            divisions.append(
                Division(code=code, name=f"合成镇{i + 1}", level=DivisionLevel.TOWNSHIP, parent_id=county)
            )
            orgs.append(
                Organisation(name=f"合成镇{i + 1}人民政府", kind=OrganisationKind.TOWNSHIP, division_id=code)
            )
        Division.objects.bulk_create(divisions, ignore_conflicts=True)
        return existing + Organisation.objects.bulk_create(orgs, batch_size=BATCH)

    def _enterprises(self, rng: random.Random, n: int) -> list[Organisation]:
        base = Organisation.objects.count()
        orgs = [
            Organisation(
                name=f"合成{rng.choice(PLACES)}矿业有限公司{base + i:06d}",
                kind=OrganisationKind.ENTERPRISE,
                division_id=f"{PREFECTURE[:4]}01",
                uscc=_uscc(rng, base + i),
                legal_representative="合成",
                phone="0467-0000000",
            )
            for i in range(n)
        ]
        return Organisation.objects.bulk_create(orgs, batch_size=BATCH)

    def _mines_and_rights(
        self,
        rng: random.Random,
        n: int,
        townships: list[Organisation],
        enterprises: list[Organisation],
        admin: User,
        exact_every: int,
    ) -> None:
        geo = CRS.from_epsg(4490)
        forward = {
            z: Transformer.from_crs(geo, CRS.from_epsg(4488 + z), always_xy=True) for z in (43, 44, 45)
        }
        inverse = {
            z: Transformer.from_crs(CRS.from_epsg(4488 + z), geo, always_xy=True) for z in (43, 44, 45)
        }
        minerals = list(Mineral.objects.all())
        today = date.today()  # noqa: DTZ011 - synthetic dates only need to be roughly today
        serial = MiningRight.objects.count()
        for start in range(0, n, BATCH):
            size = min(BATCH, n - start)
            mines, licences = [], []
            for i in range(start, start + size):
                township = townships[i % len(townships)]
                lon, lat = rng.uniform(127.6, 134.9), rng.uniform(43.0, 53.0)
                mines.append(
                    Mine(
                        name=f"合成{rng.choice(PLACES)}{rng.choice(MINE_WORDS)}{serial + i + 1:06d}",
                        enterprise=enterprises[i % len(enterprises)],
                        township=township,
                        division_id=township.division_id,
                        mineral=rng.choice(minerals),
                        mine_kind=rng.choice(MineKind.values),
                        production_scale=Decimal(rng.randint(1, 50)),
                        status=rng.choices(MineStatus.values, weights=[70, 10, 15, 5])[0],
                        green_status=rng.choices(GreenStatus.values, weights=[50, 25, 15, 8, 2])[0],
                        created_by=admin,
                    )
                )
                licences.append(_licence(rng, forward, lon, lat))
            mines = Mine.objects.bulk_create(mines)
            rights = []
            for index, (mine, (text, zone, corners)) in enumerate(zip(mines, licences, strict=True)):
                serial += 1
                valid_until = today + timedelta(days=rng.randint(-200, 5 * 365))
                right = MiningRight(
                    licence_no=f"C9990002026{serial:08d}",
                    holder_id=mine.enterprise_id,
                    mine=mine,
                    valid_from=valid_until - timedelta(days=5 * 365),
                    valid_until=valid_until,
                    boundary_text=text,
                    zone=zone,
                    epsg=4488 + zone,
                    created_by=admin,
                )
                if (start + index) % exact_every == 0:
                    self._exact(right, text)
                else:
                    self._fast(right, zone, corners, inverse[zone])
                right.licensed_area_km2 = right.area_km2
                rights.append(right)
            rights = MiningRight.objects.bulk_create(rights)
            RightPart.objects.bulk_create(
                RightPart(
                    right=right,
                    order=1,
                    name="一采区",
                    points=right.boundary_text.count("\n") - 2,
                    area_km2=right.area_km2,
                )
                for right in rights
            )
            self.stdout.write(f"  {start + size}/{n}", ending="\r")
        self.stdout.write("")

    @staticmethod
    def _exact(right: MiningRight, text: str) -> None:
        """The spatial library's full check: ellipsoidal area, GeoJSON, as the services store them."""
        result = check_boundary(text)
        right.area_km2 = Decimal(str(result.area_km2)) if result.area_km2 is not None else None
        right.plane_area_km2 = (
            Decimal(str(result.plane_area_km2)) if result.plane_area_km2 is not None else None
        )
        right.geojson = result.geojson or {}
        _set_bbox(right)

    @staticmethod
    def _fast(
        right: MiningRight, zone: int, corners: list[tuple[float, float]], inverse: Transformer
    ) -> None:
        """The same GeoJSON shape from one pyproj call; the plane area stands in for the ellipsoidal one
        (they differ by the GK scale factor, < 0.1 % near the central meridians: fine for benchmarks)."""
        lons, lats = inverse.transform([c[0] for c in corners], [c[1] for c in corners])
        ring = [[round(lo, 9), round(la, 9)] for lo, la in zip(lons, lats, strict=True)]
        ring.append(ring[0])
        plane = Decimal(f"{_plane_km2(corners):.4f}")
        right.area_km2 = right.plane_area_km2 = plane
        right.geojson = {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {
                        "part": 1,
                        "name": "一采区",
                        "points": len(corners),
                        "area_km2": float(plane),
                    },
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                }
            ],
        }
        _set_bbox(right)


def _set_bbox(right: MiningRight) -> None:
    points = [
        pt for f in right.geojson.get("features", []) for ring in f["geometry"]["coordinates"] for pt in ring
    ]
    if points:
        right.min_lon, right.max_lon = min(p[0] for p in points), max(p[0] for p in points)
        right.min_lat, right.max_lat = min(p[1] for p in points), max(p[1] for p in points)
