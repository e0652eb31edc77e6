"""greenmine score STANDARD_CODE VERSION RESPONSES.json [--json]: score responses against a stored version."""

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from greenmine.standards import selectors
from greenmine.standards.bundled import load_bundled
from greenmine.standards.document import Standard
from greenmine.standards.models import StandardVersion
from greenmine.standards.scoring import Result


class Command(BaseCommand):
    help = (
        "Score RESPONSES.json against a published standard version loaded with load_standard (a bundled "
        "file is used, with a note on stderr, when the version is not in the database)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="the standard's code, e.g. HL-SS-2024")
        parser.add_argument("version", help="the version, e.g. 2024.1")
        parser.add_argument("responses", help="the RESPONSES.json file")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: object, **options: Any) -> None:
        standard = self._standard(options["code"], options["version"])
        path = Path(options["responses"])
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file", returncode=1) from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"{path}: not valid JSON ({exc})", returncode=1) from None
        try:
            result = selectors.score_standard(standard, data)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages), returncode=1) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.to_json_dict(), ensure_ascii=False))
        else:
            self._table(result)

    def _standard(self, code: str, version: str) -> Standard:
        stored = StandardVersion.objects.filter(standard__code=code, version=version).first()
        if stored is not None:
            return selectors.version_document(stored)
        try:
            standard = load_bundled(code, version)
        except LookupError:
            raise CommandError(
                f"unknown standard version {code} {version}: load it with "
                "'greenmine load_standard FILE --publish'",
                returncode=1,
            ) from None
        self.stderr.write(f"note: {code} {version} is not in the database; using the bundled file")
        return standard

    def _table(self, result: Result) -> None:
        self.stdout.write(f"{result.code} {result.version}")
        self.stdout.write(f"{'id':<12} {'score':>9} {'max':>9}  name")
        for node in result.nodes:
            indent = "  " * (node.level - 1)
            self.stdout.write(
                f"{indent + node.id:<12} {float(node.score):>9g} {float(node.max):>9g}  {node.name}"
            )
        self.stdout.write(
            f"total {float(result.total):g} / {float(result.max):g}: "
            f"{'PASSED' if result.passed else 'NOT PASSED'}"
        )
        for reason in result.reasons:
            self.stdout.write(f"  {reason}")
        if result.missing:
            self.stdout.write(f"unanswered: {', '.join(result.missing)}")
