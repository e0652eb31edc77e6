from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    """Evaluation standards: versioned documents, their validation, diff and scoring (Django side)."""

    name = "greenmine.standards"
    label = "standards"
    verbose_name = _("Standards")
