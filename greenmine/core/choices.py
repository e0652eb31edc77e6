"""Code lists of the core app. Labels are translatable; values are stable API strings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    """The parties of the programme (DESIGN.md §1)."""

    BUREAU = "bureau", _("Natural resources bureau")
    DEPARTMENT = "department", _("Partner department")
    TOWNSHIP = "township", _("Township government")
    ENTERPRISE = "enterprise", _("Mining enterprise")
    EXPLORATION_UNIT = "exploration_unit", _("Exploration unit")
    ASSESSOR = "assessor", _("Assessment agency")


# Kinds that are legal persons registered with a 统一社会信用代码 and must give it.
KINDS_WITH_USCC = frozenset(
    {OrganisationKind.ENTERPRISE, OrganisationKind.EXPLORATION_UNIT, OrganisationKind.ASSESSOR}
)


class MembershipRole(models.TextChoices):
    """A user's role inside an organisation."""

    ADMIN = "admin", _("Administrator")
    STAFF = "staff", _("Staff")
    VIEWER = "viewer", _("Viewer")


class DivisionLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    PREFECTURE = "prefecture", _("Prefecture")
    COUNTY = "county", _("County")
    TOWNSHIP = "township", _("Township")


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday (day off)")
    WORKDAY = "workday", _("Make-up working day")
