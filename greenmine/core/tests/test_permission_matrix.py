"""Every URL pattern and API route × every role → the expected status, against real fixture objects.

A route with no entry in any app's permission_matrix.py fails `test_every_route_has_an_entry`.
"""

import importlib
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import get_resolver, reverse

from greenmine.core.testing.factories import ROLES
from greenmine.core.testing.matrix import Route, project_route_names

# Framework routes with no page of ours behind them.
IGNORED = {"django_htmx"}


def all_routes() -> list[Route]:
    routes: list[Route] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("greenmine."):
            continue
        # One matrix file per app, or several (permission_matrix_*.py) where parts of an app are built apart.
        tests_dir = Path(config.path) / "tests"
        for path in sorted(tests_dir.glob("permission_matrix*.py")):
            module = importlib.import_module(f"{config.name}.tests.{path.stem}")
            routes.extend(module.ROUTES)
    return routes


ROUTES = all_routes()


def test_every_route_has_an_entry() -> None:
    covered = {route.name for route in ROUTES}
    missing = sorted(project_route_names() - covered - IGNORED)
    assert not missing, f"Routes without a permission-matrix entry: {missing}"


def test_every_url_pattern_is_named() -> None:
    """An unnamed pattern could not be listed in the matrix, so none may exist."""

    def walk(patterns, prefix=""):  # noqa: ANN001, ANN202
        for entry in patterns:
            if hasattr(entry, "url_patterns"):
                yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            elif not entry.name:
                yield prefix + str(entry.pattern)

    assert list(walk(get_resolver().url_patterns)) == []


def test_every_route_lets_some_role_in() -> None:
    opened: dict[str, bool] = {}
    for route in ROUTES:
        # A form POST that succeeds redirects; a GET that redirects (to the login page) does not count.
        success = {200, 201, 204} | ({302} if route.method == "post" else set())
        ok = any(route.status_for(r) in success for r in ROLES if r != "anonymous" or route.method != "post")
        opened[route.name] = opened.get(route.name, False) or ok
    closed = sorted(name for name, ok in opened.items() if not ok)
    assert not closed, f"Routes no role can open: {closed}"


def _request(client: Client, route: Route, url: str, role: str, world) -> int:  # noqa: ANN001
    data = route.data(world, role) if route.data else {}
    method = getattr(client, route.method)
    if route.content_type:
        response = method(url, data=json.dumps(data), content_type=route.content_type)
    elif route.method == "get":
        response = method(url + (f"?{route.query}" if route.query else ""))
    else:
        response = method(url, data=data)
    return response.status_code


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.key)
def test_route_answers_each_role_as_expected(route: Route, world) -> None:  # noqa: ANN001
    # The route's fixture objects are built once; each role's request runs in a savepoint that is rolled
    # back, so a POST that succeeds for one role leaves nothing behind for the next.
    kwargs = route.kwargs(world) if route.kwargs else {}
    url = reverse(route.name, kwargs=kwargs or None)
    mismatches = []
    for role in ROLES:
        with transaction.atomic():
            client = Client()
            user = world.users[role]
            if user is not None:
                client.force_login(user)
            status = _request(client, route, url, role, world)
            transaction.set_rollback(True)
        if status != route.status_for(role):
            mismatches.append(f"{role}: got {status}, expected {route.status_for(role)}")
    assert not mismatches, f"{route.key} {url}:\n" + "\n".join(mismatches)
