"""Fixtures shared by every app's tests."""

import shutil

import pytest
from django.conf import settings
from django.test import Client

from greenmine.core.testing.factories import TEST_PASSWORD, World, build_world


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


@pytest.fixture
def password() -> str:
    return TEST_PASSWORD


def pytest_sessionfinish(session, exitstatus) -> None:  # noqa: ANN001
    """Remove this process's scratch var/ tree (uploads, audit heads, backups written by tests)."""
    var_dir = getattr(settings, "VAR_DIR", None)
    if var_dir is not None and "test" in var_dir.parts:
        shutil.rmtree(var_dir, ignore_errors=True)
