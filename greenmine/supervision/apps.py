from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    """Supervision (监管): annual self-checks, random spot checks (双随机一公开) and rectification orders
    (整改).
    """

    name = "greenmine.supervision"
    label = "supervision"
    verbose_name = _("Supervision")
