"""Code lists of the admission app. The layer-kind codes are exact: commands and the API use them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LayerKind(models.TextChoices):
    ECOLOGICAL_REDLINE = "ecological_redline", _("Ecological red line")
    NATURE_RESERVE = "nature_reserve", _("Nature reserve")
    SCENIC_AREA = "scenic_area", _("Scenic area")
    GEOPARK = "geopark", _("Geopark")
    FOREST_PARK = "forest_park", _("Forest park")
    WETLAND_PARK = "wetland_park", _("Wetland park")
    WATER_SOURCE = "water_source", _("Drinking-water source protection area")
    PLANNING_ZONE = "planning_zone", _("Mining planning zone")
    PROHIBITED_ZONE = "prohibited_zone", _("Prohibited mining zone")
    RESTRICTED_ZONE = "restricted_zone", _("Restricted mining zone")


# Kinds whose features are protected areas: a right overlapping one is an overlap-audit finding.
PROTECTED_KINDS = frozenset(k for k in LayerKind.values if k != LayerKind.PLANNING_ZONE)


class ReserveZone(models.TextChoices):
    CORE = "core", _("Core zone")
    BUFFER = "buffer", _("Buffer zone")
    EXPERIMENTAL = "experimental", _("Experimental zone")


class Verdict(models.TextChoices):
    PROHIBITED = "prohibited", _("Prohibited")
    REVIEW = "review", _("Needs review")
    PASS = "pass", _("Pass")


class RightKind(models.TextChoices):
    MINING = "mining", _("Mining right")
    EXPLORATION = "exploration", _("Exploration right")


class ApplicationType(models.TextChoices):
    NEW = "new", _("New")
    EXTENSION = "extension", _("Extension")
    CHANGE = "change", _("Change")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", pgettext_lazy("case status", "Closed")
