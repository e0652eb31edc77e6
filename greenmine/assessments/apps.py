from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    """Enterprises' green-mine construction plans (实施方案) and self-assessments (自评)."""

    name = "greenmine.assessments"
    label = "assessments"
    verbose_name = _("Plans and self-assessments")

    def ready(self) -> None:
        from greenmine.assessments import signals  # noqa: F401 — connects the frozen-evidence guard
