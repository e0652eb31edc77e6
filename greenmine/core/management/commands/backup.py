"""greenmine backup: one archive with a consistent copy of the database and every uploaded file."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DEFAULT_DB_ALIAS

from greenmine.core.backup import BackupError, create_backup


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{value:.0f} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


class Command(BaseCommand):
    help = (
        "Write greenmine-backup-YYYYmmdd-HHMMSS.tar.gz (into BACKUP_DIR unless --output says otherwise) "
        "with the database, the uploaded files and a manifest of their SHA-256 hashes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, metavar="PATH", help="archive file, or a folder for it")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="database alias (default: default)")

    def handle(self, *args: object, **options: Any) -> None:
        try:
            result = create_backup(options["output"], database_alias=options["database"])
        except BackupError as exc:
            self.stderr.write(self.style.ERROR(f"Backup failed: {exc}"))
            sys.exit(1)
        manifest = result.manifest
        database = next(entry for entry in manifest.files if entry.path == manifest.database_file)
        media = manifest.media
        counts = manifest.row_counts
        self.stdout.write(self.style.SUCCESS(f"Backup written: {result.path} ({human_size(result.size)})"))
        self.stdout.write(f"  database: {manifest.vendor}, {human_size(database.size)}, {len(counts)} tables")
        self.stdout.write(
            f"  uploaded files: {len(media)} ({human_size(sum(entry.size for entry in media))})"
        )
        self.stdout.write(
            f"  organisations: {counts.get('core_organisation', 0)}, users: {counts.get('core_user', 0)}, "
            f"audit events: {counts.get('core_auditevent', 0)}"
        )
        for name in result.skipped:
            self.stderr.write(self.style.WARNING(f"  not copied (a link or special file): media/{name}"))
