from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThirdPartyConfig(AppConfig):
    """Third-party assessment (第三方评估): agencies, experts, conflicts, commissioning, teams, desk
    and field review, scores, reports.
    """

    name = "greenmine.thirdparty"
    label = "thirdparty"
    verbose_name = _("Third-party assessment")
