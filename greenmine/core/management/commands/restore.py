"""greenmine restore ARCHIVE: bring a backup back into an empty installation, then verify the audit chain."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DEFAULT_DB_ALIAS

from greenmine.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a `greenmine backup` archive into an empty installation of the same database kind. Every "
        "file's SHA-256 is checked first; a non-empty database or a different existing upload is refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="the .tar.gz written by `greenmine backup`")
        parser.add_argument(
            "--check",
            action="store_true",
            help="only verify the archive and that this installation can take it; change nothing",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="database alias (default: default)")

    def handle(self, *args: object, **options: Any) -> None:
        try:
            result = restore_backup(
                options["archive"], database_alias=options["database"], check_only=options["check"]
            )
        except BackupError as exc:
            self.stderr.write(self.style.ERROR(f"Restore refused: {exc}"))
            sys.exit(1)
        manifest = result.manifest
        made = f"{manifest.vendor} backup of {manifest.created_at} (GreenMine {manifest.app_version})"
        if result.check_only:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Archive intact: {made}, {len(manifest.files)} files verified. "
                    f"{result.target} is empty and can take it; nothing was changed."
                )
            )
            return
        self.stdout.write(self.style.SUCCESS(f"Restored the {made} into {result.target}."))
        self.stdout.write(
            f"  uploaded files: {result.media_written} written, {result.media_unchanged} already present"
        )
        if result.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"  this GreenMine has {len(result.pending_migrations)} newer migration(s): "
                    f"run `greenmine migrate` next."
                )
            )
        if result.audit_break is not None:
            self.stderr.write(
                self.style.ERROR(
                    f"The data is restored, but its audit chain is broken at record "
                    f"#{result.audit_break.event_id}: {result.audit_break.reason}. "
                    f"{result.audit_checked} records before it verified."
                )
            )
            sys.exit(1)
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {result.audit_checked} records verified."))
