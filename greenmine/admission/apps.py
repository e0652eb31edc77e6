from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdmissionConfig(AppConfig):
    """Reference layers, the admission check (准入审查), the overlap audit and withdrawal cases (退出)."""

    name = "greenmine.admission"
    label = "admission"
    verbose_name = _("Admission")
