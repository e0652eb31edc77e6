"""Code lists of the thirdparty app. Labels are translatable; values are stable API strings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ThirdPartyStatus(models.TextChoices):
    """commissioned → team_formed (a valid team saved) → in_review (every member declared) → completed."""

    COMMISSIONED = "commissioned", _("Commissioned")
    TEAM_FORMED = "team_formed", _("Team formed")
    IN_REVIEW = "in_review", _("In review")
    COMPLETED = "completed", _("Completed")


class CheckSection(models.TextChoices):
    """Which condition of the pinned standard the team verifies: a prerequisite (先决条件, must hold) or a
    veto item (一票否决, must not have occurred)."""

    PREREQUISITE = "prerequisite", _("Prerequisite")
    VETO = "veto", _("Veto item")


class ExpertTitle(models.TextChoices):
    """Professional title (职称). 'Senior' in the rules means deputy-senior or senior."""

    JUNIOR = "junior", _("Junior (初级)")
    INTERMEDIATE = "intermediate", _("Intermediate (中级)")
    DEPUTY_SENIOR = "deputy_senior", _("Deputy senior (副高)")
    SENIOR = "senior", _("Senior (正高)")


class Discipline(models.TextChoices):
    GEOLOGY = "geology", _("Geology")
    MINING = "mining", _("Mining")
    PROCESSING = "processing", _("Mineral processing")
    ECOLOGY = "ecology", _("Ecology")
    ENVIRONMENT = "environment", _("Environment")
    HYDROGEOLOGY = "hydrogeology", _("Hydrogeology")
    SURVEYING = "surveying", _("Surveying")
    SAFETY = "safety", _("Safety")
    MANAGEMENT = "management", _("Management")


class ConflictKind(models.TextChoices):
    BUSINESS = "business", _("Business dealing")
    PLAN_AUTHOR = "plan_author", _("Author of the construction plan")
    SELF_ASSESSMENT_AUTHOR = "self_assessment_author", _("Author of the self-assessment")
    AFFILIATION = "affiliation", _("Affiliation")


# Kinds that exclude whatever their dates: a part in the mine's plan or self-assessment, an affiliation.
ALWAYS_EXCLUDING = frozenset(
    {ConflictKind.PLAN_AUTHOR, ConflictKind.SELF_ASSESSMENT_AUTHOR, ConflictKind.AFFILIATION}
)
