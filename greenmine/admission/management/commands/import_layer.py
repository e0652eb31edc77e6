"""`greenmine import_layer FILE --kind KIND --name NAME`: import a reference layer (a new version).

GeoJSON, a zipped Shapefile or a GeoPackage, in any CRS (reprojected to CGCS2000); repaired geometries
are reported. Runs as the system (no user), so it works after a bare migrate. Exit 1 on a bad file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from greenmine.admission import services
from greenmine.admission.choices import LayerKind


class Command(BaseCommand):
    help = "Import a reference layer file as the next version of the layer (kind, name)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="GeoJSON, zipped Shapefile (.zip) or GeoPackage (.gpkg)")
        parser.add_argument("--kind", required=True, choices=LayerKind.values)
        parser.add_argument("--name", required=True)
        parser.add_argument("--description", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.stderr.write(f"无法读取文件 / cannot read the file: {path}: {exc.strerror or exc}")
            sys.exit(2)
        try:
            version = services.import_layer(
                actor=None,
                data=data,
                filename=path.name,
                kind=options["kind"],
                name=options["name"],
                description=options["description"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            sys.exit(1)
        self.stdout.write(
            f"{version.layer.name}（{version.layer.kind}）第 {version.number} 版："
            f"{version.feature_count} 个要素，"
            f"源坐标系 {version.source_crs}，修复/剔除 {len(version.repair_report)} 处"
        )
        for entry in version.repair_report:
            self.stdout.write(
                f"  要素 {entry.get('feature')} {entry.get('name', '')}: {entry.get('problem')} → "
                f"{entry.get('action')}"
            )
