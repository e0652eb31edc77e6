"""Code lists of the supervision app. Values are stable API strings (other apps depend on some of them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SpotCheckResult(models.TextChoices):
    PENDING = "pending", pgettext_lazy("spot check", "Pending")
    PASSED = "passed", pgettext_lazy("spot check", "Passed")
    FAILED = "failed", pgettext_lazy("spot check", "Failed")


class RectificationStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("rectification", "Open")
    REPLIED = "replied", pgettext_lazy("rectification", "Replied")
    VERIFIED = "verified", pgettext_lazy("rectification", "Verified")


class DrawStatus(models.TextChoices):
    CREATED = "created", _("Seed fixed, not drawn")
    DRAWN = "drawn", _("Drawn")
    PUBLISHED = "published", _("Published")


class DrawEligibility(models.TextChoices):
    """Which mines enter a draw's pool."""

    LISTED = "listed", _("Listed green mines")
    PRODUCING = "producing", _("All producing mines")


class SelfCheckStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


class ReviewDecision(models.TextChoices):
    """The bureau's decision on an enterprise's reply or report."""

    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
