"""Navigation entries and home-page to-dos of the registry."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from greenmine.core.choices import OrganisationKind
from greenmine.core.permissions import has_role_in
from greenmine.core.shell import NavItem, TodoItem, register_nav, register_todos
from greenmine.registry.selectors import expiring_rights
from greenmine.registry.views_data import can_import

# Assessment agencies see no registry record until assigned to an assessment, so the entries are hidden
# for them; everyone else signed in reads (their own share of) the registry.
REGISTRY_READERS = [
    OrganisationKind.BUREAU,
    OrganisationKind.DEPARTMENT,
    OrganisationKind.TOWNSHIP,
    OrganisationKind.ENTERPRISE,
    OrganisationKind.EXPLORATION_UNIT,
]
SECTION = gettext_lazy("Registry")


def _reads_registry(user: Any) -> bool:
    return has_role_in(user, REGISTRY_READERS)


register_nav(
    NavItem(
        "registry_mines",
        gettext_lazy("Mines"),
        "registry:mine_list",
        "ti-building-factory-2",
        _reads_registry,
        section=SECTION,
        order=100,
    ),
    NavItem(
        "registry_rights",
        gettext_lazy("Mining rights"),
        "registry:right_list",
        "ti-certificate",
        _reads_registry,
        section=SECTION,
        order=110,
    ),
    NavItem(
        "registry_exploration",
        gettext_lazy("Exploration rights"),
        "registry:exploration_list",
        "ti-search",
        _reads_registry,
        section=SECTION,
        order=120,
    ),
    NavItem(
        "registry_coords",
        gettext_lazy("Coordinate check"),
        "registry:coords_check",
        "ti-map-pin-check",
        lambda u: bool(u.is_authenticated),
        section=SECTION,
        order=130,
    ),
    NavItem(
        "registry_map",
        gettext_lazy("Map"),
        "registry:map",
        "ti-map-2",
        _reads_registry,
        section=SECTION,
        order=105,
    ),
    NavItem(
        "registry_import",
        gettext_lazy("Excel import"),
        "registry:import",
        "ti-file-import",
        can_import,
        section=SECTION,
        order=140,
    ),
)


@register_todos
def expiring_rights_todos(user: Any) -> list[TodoItem]:
    """Bureau users: every visible right expiring within 90 days; enterprises: their own."""
    if not has_role_in(user, [OrganisationKind.BUREAU, OrganisationKind.ENTERPRISE]):
        return []
    count = expiring_rights(user).count()
    if not count:
        return []
    return [
        TodoItem(
            _("Rights expiring within 90 days"),
            reverse("registry:right_list") + "?expiry=expiring",
            _("Mining licences that end within 90 days: start the renewal in time."),
            count=count,
            urgency="warning",
            icon="ti-certificate",
        )
    ]
