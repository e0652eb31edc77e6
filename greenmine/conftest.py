"""Fixtures shared by every app's tests."""

import pytest
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
