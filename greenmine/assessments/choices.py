"""Code lists of the assessments app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    FILED = "filed", _("Filed")
    RETURNED = "returned", _("Returned")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


# Once submitted, an assessment's answers, scores and evidence never change; a revision is a new version.
FROZEN_STATUSES = frozenset(
    {AssessmentStatus.SUBMITTED, AssessmentStatus.RETURNED, AssessmentStatus.ACCEPTED}
)


class ItemSection(models.TextChoices):
    """Which part of the standard an answer belongs to: a scored leaf, a prerequisite or a veto."""

    ITEM = "item", _("Indicator")
    PREREQUISITE = "prerequisite", _("Prerequisite")
    VETO = "veto", _("Veto")
