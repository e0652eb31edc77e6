"""Code lists of the standards app. Values equal the document format's strings (document.py enums)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class StandardKind(models.TextChoices):
    NATIONAL_INDICATORS = "national_indicators", _("National evaluation indicators")
    INDUSTRY_SPECIFICATION = "industry_specification", _("Industry specification")
    GREEN_EXPLORATION = "green_exploration", _("Green exploration")
    DEMONSTRATION_ZONE = "demonstration_zone", _("Demonstration zone")
    CITY = "city", _("City standard")
    ENTERPRISE_LEADING = "enterprise_leading", _("Enterprise leading standard")


class Provenance(models.TextChoices):
    OFFICIAL = "official", _("Official")
    TEMPLATE = "template", _("Template — our draft on an official structure")
