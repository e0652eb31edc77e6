"""greenmine audit_verify: recompute the audit chain; exit 1 naming the first broken record."""

import sys

from django.core.management.base import BaseCommand

from greenmine.core.audit import verify


class Command(BaseCommand):
    help = "Recompute the audit log's hash chain and compare it with the daily heads; exit 1 on a break."

    def handle(self, *args: object, **options: object) -> None:
        checked, broken = verify()
        if broken is None:
            self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {checked} records verified."))
            return
        self.stderr.write(
            self.style.ERROR(
                f"Audit chain broken at record #{broken.event_id}: {broken.reason}. "
                f"{checked} records before it verified."
            )
        )
        sys.exit(1)
