from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Organisations, users, permissions, audit log, calendar, clock: what every other app stands on."""

    name = "greenmine.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Each app declares its navigation, home-page to-dos and clock jobs in these modules.
        autodiscover_modules("navigation", "jobs")
        from greenmine.core import checks  # noqa: F401  (registers the system checks)
