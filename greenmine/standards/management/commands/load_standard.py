"""greenmine load_standard FILE [--publish]: load a standard document into the database."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from greenmine.standards import services
from greenmine.standards.document import DocumentInvalid, read_yaml
from greenmine.standards.validation import format_issue


class Command(BaseCommand):
    help = (
        "Load a standard (YAML) into the database: a new version if the code exists; --publish publishes "
        "it (strict validation). Runs as the system user; works right after a bare migrate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the standard's YAML file")
        parser.add_argument("--publish", action="store_true", help="publish the loaded version")

    def handle(self, *args: object, **options: object) -> None:
        path = Path(str(options["file"]))
        if not path.is_file():
            raise CommandError(f"{path}: no such file", returncode=1)
        try:
            data = read_yaml(path)
            version = services.load_standard_document(actor=None, data=data, publish=bool(options["publish"]))
        except DocumentInvalid as exc:
            raise CommandError("\n".join(format_issue(i) for i in exc.report.errors), returncode=1) from None
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages), returncode=1) from None
        state = "complete" if version.complete else "incomplete"
        self.stdout.write(
            self.style.SUCCESS(
                f"{version.standard.code} {version.version}: {version.status} ({state}), id {version.pk}"
            )
        )
