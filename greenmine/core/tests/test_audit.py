"""The audit log: one chain, tamper-evident, append-only at the database, serialised appends."""

import threading

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, connections, transaction

from greenmine.core import audit
from greenmine.core.audit_chain import GENESIS_HASH, canonical_json, event_hash
from greenmine.core.audit_triggers import drop_statements
from greenmine.core.models import AuditEvent


def test_canonical_json_is_sorted_compact_and_keeps_chinese() -> None:
    assert canonical_json({"b": 1, "a": "虎林"}) == '{"a":"虎林","b":1}'


def test_hash_is_sha256_of_the_canonical_fields() -> None:
    # Worked by hand: the SHA-256 of the canonical JSON below.
    import hashlib

    fields = {"id": 1, "action": "x", "prev_hash": GENESIS_HASH}
    expected_text = (
        '{"action":"x","actor_id":null,"actor_repr":null,"changes":null,"created_at":null,'
        '"division_code":null,"id":1,"ip_address":null,"object_id":null,"object_repr":null,'
        '"object_type":null,"organisation_id":null,"prev_hash":"' + GENESIS_HASH + '","request_id":null}'
    )
    assert event_hash(fields) == hashlib.sha256(expected_text.encode()).hexdigest()


@pytest.mark.django_db
def test_services_write_a_linked_chain(world) -> None:  # noqa: ANN001
    events = list(AuditEvent.objects.order_by("id"))
    assert len(events) > 10
    assert events[0].prev_hash == GENESIS_HASH
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.hash
    checked, broken = audit.verify()
    assert broken is None and checked == len(events)


@pytest.mark.django_db
def test_the_database_refuses_update_and_delete(world) -> None:  # noqa: ANN001
    event = AuditEvent.objects.order_by("id").first()
    for statement in (
        f"UPDATE core_auditevent SET action = 'forged' WHERE id = {event.pk}",  # noqa: S608
        f"DELETE FROM core_auditevent WHERE id = {event.pk}",  # noqa: S608
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert AuditEvent.objects.filter(pk=event.pk, action=event.action).exists()


@pytest.mark.django_db
def test_truncate_is_refused_on_postgresql(world) -> None:  # noqa: ANN001
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE; its DELETE trigger covers emptying the table")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("TRUNCATE core_auditevent")


@pytest.mark.django_db
def test_audit_verify_names_the_first_edited_record(world, capsys) -> None:  # noqa: ANN001
    """A database administrator drops the trigger and edits a row: the chain shows it."""
    target = AuditEvent.objects.order_by("id")[3]
    with connection.cursor() as cursor:
        for statement in drop_statements(connection.vendor):
            cursor.execute(statement)
        cursor.execute("UPDATE core_auditevent SET object_repr = %s WHERE id = %s", ["篡改", target.pk])
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit_verify")
    assert exit_info.value.code == 1
    assert f"record #{target.pk}" in capsys.readouterr().err


@pytest.mark.django_db
def test_deleting_the_newest_rows_is_caught_by_the_daily_head(world, settings, tmp_path, capsys) -> None:  # noqa: ANN001
    settings.AUDIT_HEAD_DIR = tmp_path
    head = audit.write_head(__import__("datetime").date(2026, 11, 29))
    with connection.cursor() as cursor:
        for statement in drop_statements(connection.vendor):
            cursor.execute(statement)
        cursor.execute("DELETE FROM core_auditevent WHERE id >= %s", [head["id"] - 1])
    checked, broken = audit.verify()
    assert broken is not None
    assert broken.event_id == head["id"]
    assert "deleted" in broken.reason


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_never_fork_the_chain() -> None:
    """Eight threads, each with its own database connection, append 15 events at once."""
    errors: list[BaseException] = []

    def append(n: int) -> None:
        try:
            for i in range(15):
                audit.record_event("test.concurrent", changes={"thread": n, "i": i})
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=append, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    events = list(AuditEvent.objects.order_by("id").values("id", "prev_hash", "hash"))
    assert len(events) == 120
    assert len({e["prev_hash"] for e in events}) == 120  # no two events claim the same predecessor
    checked, broken = audit.verify()
    assert broken is None and checked == 120
