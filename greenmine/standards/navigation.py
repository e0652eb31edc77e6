"""Navigation entry of the standards app."""

from typing import Any

from django.utils.translation import gettext_lazy

from greenmine.core.shell import NavItem, register_nav


def _signed_in(user: Any) -> bool:
    return bool(user.is_authenticated)


register_nav(
    NavItem("standards", gettext_lazy("Standards"), "standards:list", "ti-list-check", _signed_in, order=200)
)
