"""Fixtures shared by every app's tests."""

import shutil

import pytest
from django.conf import settings
from django.test import Client

from greenmine.core.testing.factories import TEST_PASSWORD, World, build_world
from greenmine.core.testing.reference import reload_reference_data


@pytest.fixture
def world(db) -> World:  # noqa: ANN001
    """One user of each role (see greenmine.core.testing.factories.ROLES)."""
    return build_world()


@pytest.fixture
def client_for(world: World):  # noqa: ANN201
    """client_for(role) -> a Django test client logged in as that role (anonymous: not logged in)."""
    clients: dict[str, Client] = {}

    def make(role: str) -> Client:
        if role not in clients:
            client = Client()
            user = world.user(role)
            if user is not None:
                client.force_login(user)
            clients[role] = client
        return clients[role]

    return make


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request, django_db_blocker):  # noqa: ANN001, ANN202
    """After a transactional test's flush, put back what the data migrations installed (see
    greenmine.core.testing.reference); tests in a transaction roll back and need nothing."""
    yield
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):
        with django_db_blocker.unblock():
            reload_reference_data()


@pytest.fixture
def password() -> str:
    return TEST_PASSWORD


def pytest_sessionfinish(session, exitstatus) -> None:  # noqa: ANN001
    """Remove this process's scratch var/ tree (uploads, audit heads, backups written by tests)."""
    var_dir = getattr(settings, "VAR_DIR", None)
    if var_dir is not None and "test" in var_dir.parts:
        shutil.rmtree(var_dir, ignore_errors=True)
