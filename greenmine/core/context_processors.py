"""Template context for the shell: navigation for this user, grouped by section."""

from itertools import groupby
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from greenmine.core.permissions import memberships_of
from greenmine.core.shell import navigation_for


def shell(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    items = navigation_for(user)
    sections = [
        (section, list(group)) for section, group in groupby(items, key=lambda item: str(item.section))
    ]
    memberships = memberships_of(user) if user.is_authenticated else []
    return {
        "nav_sections": sections,
        "current_memberships": memberships,
        "site_title": settings.SITE_TITLE,
        "installation_name": settings.INSTALLATION_NAME,
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
    }
