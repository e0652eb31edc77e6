"""System checks: production must not serve while a demo account keeps its published password."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError

from greenmine.core.models import User


def demo_password_accounts() -> list[str]:
    """Active accounts still on a demo password: flagged by the demo, confirmed against the hash."""
    flagged = User.objects.filter(is_active=True, has_demo_password=True).only("username", "password")
    return [u.username for u in flagged if any(u.check_password(p) for p in settings.DEMO_PASSWORDS)]


@register(Tags.security, deploy=True)
def check_demo_passwords(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if getattr(settings, "GREENMINE_ENV", "") != "prod":
        return []
    try:
        names = demo_password_accounts()
    except DatabaseError:
        return []  # not migrated yet: nothing to refuse
    if not names:
        return []
    return [
        Error(
            f"{len(names)} active account(s) still use a published demo password: "
            + ", ".join(sorted(names)[:10]),
            hint="Change their passwords or deactivate them ('greenmine changepassword USER'), then start "
            "again.",
            id="greenmine.E001",
        )
    ]


def assert_safe_to_serve() -> None:
    """Called by the WSGI entry point under production settings: refuse to start on a demo password."""
    errors = check_demo_passwords()
    if errors:
        raise ImproperlyConfigured(errors[0].msg + ". " + (errors[0].hint or ""))
