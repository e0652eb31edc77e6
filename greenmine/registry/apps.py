from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    """Enterprises, townships, mines, mining rights and exploration rights: who, what and where."""

    name = "greenmine.registry"
    label = "registry"
    verbose_name = _("Registry")
