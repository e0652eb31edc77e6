"""Lists keep a constant number of queries per page, whatever the page and however many records exist.

The data set comes from `greenmine synth` (a few hundred mines here; the benchmark uses 40,000). Each list
is requested on page 1 with 60 mines, then on pages 1 and 3 with 300 mines: the three counts must be equal
and under a fixed ceiling.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from greenmine.core.models import User

MAX_QUERIES = 25
LISTS = [
    "registry:mine_list",
    "registry:right_list",
    "registry-mine-list",
    "registry-mining-right-list",
    "registry:map_data",
]

pytestmark = pytest.mark.django_db


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("name", LISTS)
def test_lists_use_a_constant_number_of_queries(name: str, django_assert_max_num_queries) -> None:  # noqa: ANN001
    try:
        url = reverse(name)
    except NoReverseMatch:
        pytest.fail(f"{name} is not routed yet (agreed name of the records side)")
    call_command("synth", "--mines", "60", "--force", verbosity=0)
    client = Client()
    client.force_login(User.objects.get(username="synth_admin"))
    client.get(url)  # warm per-process caches (content types, translations) so they do not count
    small = _count(client, url)
    call_command("synth", "--mines", "240", "--force", verbosity=0)
    large_first = _count(client, url)
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url + "?page=3")
    large_third = _count(client, url + "?page=3")
    assert small == large_first == large_third, (small, large_first, large_third)
