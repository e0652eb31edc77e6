"""The UI shell's registries: navigation by role and the home page's list of what to do next.

Each app declares its entries in its own `navigation.py` (discovered at start-up); the shell only
asks each entry whether this user should see it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    """One link in the side navigation, shown when `visible(user)` is true."""

    key: str
    label: str | Promise
    url_name: str
    icon: str
    visible: Callable[[Any], bool]
    section: str | Promise = ""
    order: int = 100
    url_kwargs: dict[str, Any] = field(default_factory=dict)

    def url(self) -> str:
        return reverse(self.url_name, kwargs=self.url_kwargs or None)


@dataclass(frozen=True)
class TodoItem:
    """Something the user must do next, on their home page."""

    title: str | Promise
    url: str
    detail: str | Promise = ""
    count: int | None = None
    urgency: str = "info"  # info, warning, danger
    icon: str = "ti-checklist"


_NAV: dict[str, NavItem] = {}
_TODO_PROVIDERS: list[Callable[[Any], list[TodoItem]]] = []


def register_nav(*items: NavItem) -> None:
    for item in items:
        _NAV[item.key] = item


def register_todos(provider: Callable[[Any], list[TodoItem]]) -> Callable[[Any], list[TodoItem]]:
    _TODO_PROVIDERS.append(provider)
    return provider


def navigation_for(user: Any) -> list[NavItem]:
    return sorted(
        (item for item in _NAV.values() if item.visible(user)), key=lambda item: (item.order, item.key)
    )


def todos_for(user: Any) -> list[TodoItem]:
    order = {"danger": 0, "warning": 1, "info": 2}
    items = [item for provider in _TODO_PROVIDERS for item in provider(user)]
    return sorted(items, key=lambda item: order.get(item.urgency, 3))
