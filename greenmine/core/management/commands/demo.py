"""greenmine demo: load the fictional Hulin data set (idempotent); --logins prints the demo logins."""

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from greenmine.core.demo import DEMO_LOGINS, DemoLogin
from greenmine.core.models import Organisation


class Command(BaseCommand):
    help = "Create the fictional Hulin demo data set (names carry 示例), with one login per role."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--logins", action="store_true", help="only print the demo logins")
        parser.add_argument("--status", action="store_true", help="print 'empty' or 'loaded' and exit")

    def handle(self, *args: object, **options) -> None:  # noqa: ANN003
        if options["status"]:
            self.stdout.write("loaded" if Organisation.objects.exists() else "empty")
            return
        if options["logins"]:
            self._print_logins(DEMO_LOGINS)
            return
        logins: list[DemoLogin] = []
        context: dict = {}
        with transaction.atomic():
            # Each app's demo module builds on what the apps before it created (INSTALLED_APPS order).
            for config in apps.get_app_configs():
                if not config.name.startswith("greenmine."):
                    continue
                try:
                    load = import_string(f"{config.name}.demo.load")
                except ImportError:
                    continue
                if config.name == "greenmine.core":
                    context.update(load(logins))
                else:
                    context.update(load(context) or {})
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self._print_logins(logins)

    def _print_logins(self, logins: list[DemoLogin]) -> None:
        password = settings.DEMO_PASSWORDS[0]
        self.stdout.write(f"Demo logins (password for all: {password}):")
        for login in logins:
            self.stdout.write(f"  {login.username:<12} {login.role} — {login.organisation}")
