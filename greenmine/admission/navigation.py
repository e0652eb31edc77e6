"""Navigation entries and home-page to-dos of the admission app."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from greenmine.admission.selectors import overdue_cases
from greenmine.core.choices import OrganisationKind
from greenmine.core.permissions import has_role_in
from greenmine.core.shell import NavItem, TodoItem, register_nav, register_todos

READERS = [OrganisationKind.BUREAU, OrganisationKind.DEPARTMENT]

register_nav(
    NavItem(
        "admission",
        gettext_lazy("Admission"),
        "admission:check_list",
        "ti-shield-search",
        lambda u: has_role_in(u, READERS),
        order=300,
    ),
)


@register_todos
def overdue_case_todos(user: Any) -> list[TodoItem]:
    """Bureau users: open withdrawal cases past their deadline."""
    if not has_role_in(user, [OrganisationKind.BUREAU]):
        return []
    count = overdue_cases(user).count()
    if not count:
        return []
    return [
        TodoItem(
            _("Overdue withdrawal cases"),
            reverse("admission:case_list") + "?state=overdue",
            _("Rights inside protected areas whose withdrawal deadline has passed."),
            count=count,
            urgency="danger",
            icon="ti-alert-triangle",
        )
    ]
