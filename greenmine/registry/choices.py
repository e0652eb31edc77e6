"""Code lists of the registry."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MineKind(models.TextChoices):
    OPEN_PIT = "open_pit", _("Open-pit")
    UNDERGROUND = "underground", _("Underground")


class MineStatus(models.TextChoices):
    PRODUCING = "producing", _("Producing")
    UNDER_CONSTRUCTION = "under_construction", _("Under construction")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", pgettext_lazy("mine status", "Closed")


class GreenStatus(models.TextChoices):
    """Where a mine stands in the green-mine programme."""

    NOT_STARTED = "not_started", _("Not started")
    BUILDING = "building", _("Building to the standard")
    PROVINCIAL = "provincial", _("On the provincial list")
    NATIONAL = "national", _("On the national list")
    REMOVED = "removed", _("Removed from the list")


LISTED_STATUSES = (GreenStatus.PROVINCIAL, GreenStatus.NATIONAL)


class ScaleClass(models.TextChoices):
    """Production-scale class (国土资发〔2004〕208号)."""

    LARGE = "large", _("Large")
    MEDIUM = "medium", _("Medium")
    SMALL = "small", _("Small")
    UNCLASSIFIED = "", _("Not classified")


class RightStatus(models.TextChoices):
    """The licence's own state; 'expired' and 'expiring' are derived from the dates when read."""

    VALID = "valid", _("Valid")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")


class ExplorationStage(models.TextChoices):
    PRELIMINARY = "preliminary", _("Preliminary survey (普查)")
    GENERAL = "general", _("General exploration (详查)")
    DETAILED = "detailed", _("Detailed exploration (勘探)")
