"""greenmine tick: perform what must happen at a time (closing what is due, reminders, the daily
audit head). Idempotent: run it from cron every few minutes, or with --every N as a loop."""

import time

from django.core.management.base import BaseCommand

from greenmine.core.clock import registered_jobs, tick


class Command(BaseCommand):
    help = "Run the clock's due jobs once (or every N seconds with --every)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument(
            "--every", type=int, default=0, metavar="SECONDS", help="keep running, one tick every SECONDS"
        )
        parser.add_argument("--job", help="run only this job")
        parser.add_argument("--list", action="store_true", help="list the registered jobs and exit")

    def handle(self, *args: object, **options) -> None:  # noqa: ANN003
        if options["list"]:
            for job in registered_jobs():
                self.stdout.write(f"{job.name}\t{job.period}\t{job.description.strip()}")
            return
        while True:
            for outcome in tick(only=options["job"]):
                if outcome.ran or options["verbosity"] > 1:
                    self.stdout.write(f"{outcome.job} [{outcome.period}]: {outcome.result or 'done'}")
            if not options["every"]:
                return
            time.sleep(options["every"])
