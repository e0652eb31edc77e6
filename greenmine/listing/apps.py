from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListingConfig(AppConfig):
    """The green-mine list (绿色矿山名录): review with department opinions, public notice (公示) with
    objections, recommendation, listing and delisting.
    """

    name = "greenmine.listing"
    label = "listing"
    verbose_name = _("Green-mine list")
