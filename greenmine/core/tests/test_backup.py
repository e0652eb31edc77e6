"""Backup and restore: the round trip on whichever database the suite runs on (SQLite or PostgreSQL)
compares every record and every uploaded file's hash; damaged archives and non-empty targets are refused."""

import copy
import hashlib
import io
import json
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import DatabaseError, connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import load_backend

from greenmine.core import backup
from greenmine.core.backup import BackupError, create_backup, restore_backup, verify_archive
from greenmine.core.models import AuditEvent, Organisation, User

# Transactional: pg_dump (another process) must see the committed data, and the restore may not run
# inside the test's wrapping transaction.
pytestmark = pytest.mark.django_db(transaction=True)

TARGET = "restore_target"
UPLOADS = {
    "plans/2026/绿色矿山建设方案.pdf": b"%PDF-1.7\n" + "示例".encode() * 500,
    "photos/site.jpg": bytes(range(256)) * 40,
}


@pytest.fixture
def isolated(settings, tmp_path: Path) -> Path:  # noqa: ANN001
    """Uploads, backups and audit heads of this test only, and a couple of uploaded files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.AUDIT_HEAD_DIR = tmp_path / "audit"
    for name, data in UPLOADS.items():
        path = settings.MEDIA_ROOT / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return tmp_path


@pytest.fixture
def empty_target(transactional_db: None, tmp_path: Path) -> Iterator[str]:
    """A second, empty database of the same vendor under its own alias; dropped afterwards."""
    source = connections["default"]
    settings_dict = copy.deepcopy(source.settings_dict)
    admin: dict[str, Any] = {}
    if source.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
    else:
        settings_dict["NAME"] = f"greenmine_restore_test_{uuid.uuid4().hex[:12]}"
        admin = {
            key.lower(): settings_dict[key]
            for key in ("HOST", "PORT", "USER", "PASSWORD")
            if settings_dict[key]
        }
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as pg:
            pg.execute(f'CREATE DATABASE "{settings_dict["NAME"]}"')
    # A connection set on the handler but absent from settings.DATABASES: Django's test case allows such
    # dynamically created connections, while a configured alias would have to exist before the test.
    connections[TARGET] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, TARGET)
    try:
        yield TARGET
    finally:
        connections[TARGET].close()
        del connections[TARGET]
        if source.vendor == "postgresql":
            with psycopg.connect(dbname="postgres", autocommit=True, **admin) as pg:
                pg.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}" WITH (FORCE)')


def all_rows(alias: str) -> dict[str, list[Any]]:
    """Every model's rows as values() by primary key, and every table's raw rows (django_migrations and
    the audit table included), read through the given alias."""
    conn = connections[alias]
    with conn.cursor() as cursor:
        tables = sorted(conn.introspection.table_names(cursor))
    rows: dict[str, list[Any]] = {"tables": tables}
    for model in apps.get_models(include_auto_created=True):
        # A model of an app whose migration is still being written has no table yet on either side.
        if model._meta.managed and not model._meta.proxy and model._meta.db_table in tables:
            rows[model._meta.label] = list(model._base_manager.using(alias).order_by("pk").values())
    with conn.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {conn.ops.quote_name(table)}")  # noqa: S608
            rows[f"table {table}"] = sorted((tuple(row) for row in cursor.fetchall()), key=repr)
    return rows


def file_hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def rewrite_archive(
    archive: Path, change: dict[str, bytes | None], rename: dict[str, str] | None = None
) -> Path:
    """A copy of the archive with some members' content replaced (None: removed) or renamed."""
    out = archive.with_name("altered.tar.gz")
    with tarfile.open(archive, "r:gz") as src, tarfile.open(out, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read()
            if member.name in change:
                if change[member.name] is None:
                    continue
                data = change[member.name]
            member.name = (rename or {}).get(member.name, member.name)
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    return out


def test_round_trip_restores_every_record_and_file(
    world, isolated: Path, empty_target: str, settings
) -> None:  # noqa: ANN001
    source_rows = all_rows("default")
    assert Organisation.objects.count() > 5
    assert User.objects.count() > 5
    assert AuditEvent.objects.count() > 5

    result = create_backup()

    assert result.path.parent == isolated / "backups"
    assert result.path.name.startswith("greenmine-backup-") and result.path.name.endswith(".tar.gz")
    assert sorted(p.name for p in result.path.parent.iterdir()) == [result.path.name]  # no partial left
    manifest = verify_archive(result.path)
    assert manifest.vendor == connections["default"].vendor
    applied = MigrationRecorder(connections["default"]).applied_migrations()
    assert manifest.migrations["core"] == [max(name for app, name in applied if app == "core")]
    assert {entry.path for entry in manifest.files} == {
        manifest.database_file,
        *(f"media/{name}" for name in UPLOADS),
    }
    assert manifest.row_counts["core_auditevent"] == AuditEvent.objects.count()
    with tarfile.open(result.path) as tar:
        assert json.loads(tar.extractfile("manifest.json").read())["format_version"] == 1

    settings.MEDIA_ROOT = isolated / "media-restored"
    restored = restore_backup(result.path, database_alias=empty_target)

    assert restored.audit_break is None
    assert restored.audit_checked == AuditEvent.objects.count()
    assert restored.media_written == len(UPLOADS)
    # None, unless a migration was added to the code after the test database was made.
    assert restored.pending_migrations == backup._pending_migrations(connections["default"])
    assert all_rows(empty_target) == source_rows
    assert file_hashes(isolated / "media-restored") == file_hashes(isolated / "media")
    assert file_hashes(isolated / "media-restored") == {
        name: hashlib.sha256(data).hexdigest() for name, data in UPLOADS.items()
    }


def test_restore_into_a_migrated_empty_installation(
    world, isolated: Path, empty_target: str, settings
) -> None:  # noqa: ANN001
    """The usual case: a new installation after a bare `greenmine migrate` (its tables are replaced)."""
    call_command("migrate", database=empty_target, verbosity=0)
    source_rows = all_rows("default")
    archive = create_backup().path
    settings.MEDIA_ROOT = isolated / "media-restored"

    restored = restore_backup(archive, database_alias=empty_target)

    assert restored.audit_break is None
    assert all_rows(empty_target) == source_rows
    # The append-only triggers came back with the database.
    with pytest.raises(DatabaseError, match="append-only"):
        AuditEvent._base_manager.using(empty_target).filter(pk=1).delete()


def test_an_unreachable_database_is_a_message_not_a_traceback(isolated: Path, tmp_path: Path) -> None:
    source = connections["default"]
    settings_dict = copy.deepcopy(source.settings_dict)
    if source.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "no-such-folder" / "db.sqlite3")
    else:
        settings_dict["PORT"] = "1"  # nothing listens there
    connections["broken"] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "broken")
    try:
        with pytest.raises(BackupError, match="The database failed while making the backup"):
            create_backup(database_alias="broken")
    finally:
        connections["broken"].close()
        del connections["broken"]
    assert list((isolated / "backups").iterdir()) == []


def test_commands_back_up_and_check_a_restore(world, isolated: Path, empty_target: str) -> None:  # noqa: ANN001
    out = io.StringIO()
    call_command("backup", output=isolated / "one.tar.gz", stdout=out)
    assert str(isolated / "one.tar.gz") in out.getvalue()
    assert "uploaded files: 2" in out.getvalue()

    out = io.StringIO()
    call_command("restore", str(isolated / "one.tar.gz"), "--check", f"--database={empty_target}", stdout=out)
    assert "nothing was changed" in out.getvalue()
    with connections[empty_target].cursor() as cursor:
        assert connections[empty_target].introspection.table_names(cursor) == []


def test_restore_into_a_non_empty_installation_is_refused(world, isolated: Path, settings) -> None:  # noqa: ANN001
    archive = create_backup().path
    settings.MEDIA_ROOT = isolated / "media-restored"
    before = all_rows("default")

    err = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("restore", str(archive), stderr=err)

    assert exited.value.code == 1
    assert "not empty" in err.getvalue() and "core_organisation" in err.getvalue()
    assert all_rows("default") == before
    assert not (isolated / "media-restored").exists()


def test_a_corrupted_file_is_refused_by_name(world, isolated: Path, empty_target: str) -> None:  # noqa: ANN001
    archive = create_backup().path
    damaged = bytearray(UPLOADS["photos/site.jpg"])
    damaged[100] ^= 0xFF
    altered = rewrite_archive(archive, {"media/photos/site.jpg": bytes(damaged)})

    with pytest.raises(BackupError, match=r"media/photos/site\.jpg is corrupted"):
        verify_archive(altered)
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("restore", str(altered), f"--database={empty_target}", stderr=err)
    assert "media/photos/site.jpg is corrupted" in err.getvalue()
    with connections[empty_target].cursor() as cursor:
        assert connections[empty_target].introspection.table_names(cursor) == []

    with pytest.raises(
        BackupError, match=r"media/plans/2026/绿色矿山建设方案\.pdf is listed in the manifest but missing"
    ):
        verify_archive(rewrite_archive(archive, {"media/plans/2026/绿色矿山建设方案.pdf": None}))
    with pytest.raises(BackupError, match="no manifest.json"):
        verify_archive(rewrite_archive(archive, {"manifest.json": None}))
    truncated = isolated / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(BackupError, match="not a readable backup archive"):
        verify_archive(truncated)


def test_a_backup_of_the_other_database_kind_is_refused(world, isolated: Path, empty_target: str) -> None:  # noqa: ANN001
    archive = create_backup().path
    manifest = json.loads(backup.read_manifest(archive).to_json())
    mine = manifest["vendor"]
    other = "postgresql" if mine == "sqlite" else "sqlite"
    old_name, new_name = backup.DATABASE_FILES[mine], backup.DATABASE_FILES[other]
    manifest["vendor"] = other
    for entry in manifest["files"]:
        if entry["path"] == old_name:
            entry["path"] = new_name
    altered = rewrite_archive(
        archive, {"manifest.json": json.dumps(manifest).encode()}, rename={old_name: new_name}
    )

    with pytest.raises(BackupError, match="cross-database restore is not supported"):
        restore_backup(altered, database_alias=empty_target)


def test_a_different_existing_upload_is_never_overwritten(
    world, isolated: Path, empty_target: str, settings
) -> None:  # noqa: ANN001
    archive = create_backup().path
    settings.MEDIA_ROOT = isolated / "media-restored"
    (settings.MEDIA_ROOT / "photos").mkdir(parents=True)
    (settings.MEDIA_ROOT / "photos" / "site.jpg").write_bytes(b"someone else's photo")

    with pytest.raises(BackupError, match=r"different file.*photos/site\.jpg.*refusing to overwrite"):
        restore_backup(archive, database_alias=empty_target)
    assert (settings.MEDIA_ROOT / "photos" / "site.jpg").read_bytes() == b"someone else's photo"
    with connections[empty_target].cursor() as cursor:
        assert connections[empty_target].introspection.table_names(cursor) == []


def test_missing_or_failing_client_tools_give_a_clear_message(monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BackupError, match="pg_dump was not found on PATH"):
        backup._require_tool("pg_dump")
    failing = ["/bin/sh", "-c", "echo 'pg_dump: error: connection refused' >&2; exit 1"]
    with pytest.raises(BackupError, match="pg_dump failed \\(exit 1\\):\npg_dump: error: connection refused"):
        backup._run(failing, {}, "pg_dump")


def test_backup_command_exits_1_with_the_message(world, isolated: Path) -> None:  # noqa: ANN001
    existing = isolated / "taken.tar.gz"
    existing.write_bytes(b"not mine to overwrite")
    err = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("backup", output=existing, stderr=err)
    assert exited.value.code == 1
    assert "already exists" in err.getvalue()
    assert existing.read_bytes() == b"not mine to overwrite"
