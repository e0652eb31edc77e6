"""greenmine validate_standard FILE [--strict]: check a standard document; exit 1 listing the errors."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from greenmine.standards.document import validate_yaml
from greenmine.standards.validation import format_report


class Command(BaseCommand):
    help = (
        "Validate a standard document (YAML). Errors name the node and the field; an incomplete draft "
        "passes with warnings unless --strict."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the standard's YAML file")
        parser.add_argument("--strict", action="store_true", help="require completeness (as publishing does)")

    def handle(self, *args: object, **options: object) -> None:
        path = Path(str(options["file"]))
        if not path.is_file():
            raise CommandError(f"{path}: no such file", returncode=1)
        report = validate_yaml(path, strict=bool(options["strict"]))
        for line in format_report(report):
            self.stdout.write(line)
        summary = f"{path}: {len(report.errors)} error(s), {len(report.warnings)} warning(s)"
        if report.errors:
            raise CommandError(summary, returncode=1)
        self.stdout.write(self.style.SUCCESS(f"{summary}; {'complete' if report.complete else 'incomplete'}"))
