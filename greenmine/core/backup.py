"""Backup and restore: one archive with a consistent copy of the database and every uploaded file.

The .tar.gz holds `database.sqlite3` (SQLite's online backup) or `database.pgdump` (`pg_dump
--format=custom`), `media/…` (MEDIA_ROOT), and last `manifest.json`: format version, time, vendor, applied
migrations, every table's row count, and the size and SHA-256 of every other file. A restore checks every
hash before it touches anything and writes only into an empty installation of the same database vendor.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import IO, Any

import django
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from greenmine.core import audit
from greenmine.core.audit_chain import HASHED_FIELDS, ChainBreak, verify_chain
from greenmine.core.models import AuditEvent, Organisation, User

FORMAT, FORMAT_VERSION, MANIFEST, MEDIA_PREFIX = "greenmine-backup", 1, "manifest.json", "media/"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
PG_DUMP_FLAGS = ["--format=custom", "--no-owner", "--no-privileges"]
# One transaction, stopping at the first error: a failed pg_restore leaves no half-restored database.
PG_RESTORE_FLAGS = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
# A target holding a row in any of these is someone's installation, never overwritten by a restore.
USER_DATA_TABLES = (Organisation._meta.db_table, User._meta.db_table, AuditEvent._meta.db_table)
_CHUNK = 1 << 20


class BackupError(Exception):
    """An expected failure of a backup or restore; the message says what to do about it."""


@dataclass(frozen=True)
class FileEntry:
    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    vendor: str
    created_at: str
    app_version: str
    django_version: str
    migrations: dict[str, list[str]]  # per app, the latest applied migrations
    row_counts: dict[str, int]
    files: list[FileEntry]
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    @property
    def database_file(self) -> str:
        return DATABASE_FILES[self.vendor]

    @property
    def media(self) -> list[FileEntry]:
        return [entry for entry in self.files if entry.path.startswith(MEDIA_PREFIX)]

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        """Parse a manifest, refusing other formats and versions, unknown vendors and unsafe file names."""
        try:
            data = json.loads(raw)
            if data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
                raise BackupError(
                    f"manifest.json is not a GreenMine backup of format {FORMAT_VERSION} (it says "
                    f"{data.get('format')!r} {data.get('format_version')!r}); restore it with the GreenMine "
                    f"version that made it."
                )
            files = [FileEntry(str(f["path"]), int(f["size"]), str(f["sha256"])) for f in data["files"]]
            manifest = cls(**{**data, "files": files})
            names = {entry.path for entry in files}
            if manifest.database_file not in names:
                raise BackupError(f"manifest.json does not list the database file {manifest.database_file}.")
        except (ValueError, KeyError, TypeError) as exc:
            raise BackupError(f"manifest.json is unreadable or names an unknown database: {exc}") from exc
        for name in sorted(names - {manifest.database_file}):
            if not _safe_media_name(name):
                raise BackupError(f"manifest.json lists an unsafe or unexpected file name {name!r}.")
        return manifest


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    manifest: Manifest
    skipped: list[str] = field(default_factory=list)  # links and special files under MEDIA_ROOT, not copied


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    target: str
    check_only: bool
    media_written: int = 0
    media_unchanged: int = 0
    audit_checked: int = 0
    audit_break: ChainBreak | None = None
    pending_migrations: list[str] = field(default_factory=list)


@contextmanager
def _database_errors(doing: str) -> Iterator[None]:
    # An unreachable or failing database is an expected failure: a message, not a traceback.
    try:
        yield
    except DatabaseError as exc:
        raise BackupError(f"The database failed while {doing}: {exc}") from exc


# --- backup ---------------------------------------------------------------------------------------


def create_backup(output: Path | None = None, *, database_alias: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Write one archive of the database and MEDIA_ROOT. It appears under its final name only once complete
    (written under a hidden temporary name, synced, renamed), never replaces an existing file, and is
    readable by its owner only, as it holds password hashes."""
    conn = connections[database_alias]
    vendor = _supported_vendor(conn)
    final = _archive_path(output)
    if final.exists():
        raise BackupError(f"{final} already exists; choose another --output.")
    if final.parent.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
        raise BackupError("Write backups outside MEDIA_ROOT, or every backup would contain the earlier ones.")
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(f".{final.name}.partial")
    with (
        tempfile.TemporaryDirectory(dir=final.parent, prefix=".greenmine-backup-") as work,
        _database_errors("making the backup"),
    ):
        dump = Path(work) / DATABASE_FILES[vendor]
        row_counts = _dump_sqlite(conn, dump) if vendor == "sqlite" else _dump_postgresql(conn, dump)
        media, skipped = _media_files(Path(settings.MEDIA_ROOT))
        try:
            with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
                with tarfile.open(fileobj=handle, mode="w:gz") as tar:
                    files = [_add_file(tar, path, name) for path, name in [(dump, dump.name), *media]]
                    manifest = Manifest(
                        vendor=vendor,
                        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
                        app_version=_app_version(),
                        django_version=django.get_version(),
                        migrations=_applied_leaves(conn),
                        row_counts=row_counts,
                        files=files,
                    )
                    info = tarfile.TarInfo(MANIFEST)
                    info.size, info.mtime, info.mode = (
                        len(manifest.to_json()),
                        int(datetime.now(UTC).timestamp()),
                        0o600,
                    )
                    tar.addfile(info, io.BytesIO(manifest.to_json()))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(partial, final)
        finally:
            partial.unlink(missing_ok=True)
    return BackupResult(path=final, size=final.stat().st_size, manifest=manifest, skipped=skipped)


def _supported_vendor(conn: BaseDatabaseWrapper) -> str:
    if conn.vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {conn.vendor}.")
    return conn.vendor


def _archive_path(output: Path | None) -> Path:
    name = f"greenmine-backup-{datetime.now().astimezone():%Y%m%d-%H%M%S}.tar.gz"
    if output is None:
        return Path(settings.BACKUP_DIR) / name
    output = Path(output).expanduser()
    return output / name if output.is_dir() else output


def _dump_sqlite(conn: BaseDatabaseWrapper, dest: Path) -> dict[str, int]:
    """Copy the live database with SQLite's online backup API, which copies one consistent state even while
    other processes write (WAL). The row counts are read from the copy, so they match it exactly."""
    conn.ensure_connection()
    copy = sqlite3.connect(dest)
    try:
        conn.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # self-contained: nothing of it may live in a -wal file
        query = (
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
        tables = [row[0] for row in copy.execute(query)]
        return {t: copy.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
    except sqlite3.Error as exc:
        raise BackupError(f"The SQLite backup failed: {exc}") from exc
    finally:
        copy.close()


def _dump_postgresql(conn: BaseDatabaseWrapper, dest: Path) -> dict[str, int]:
    """Run pg_dump on a snapshot exported by a transaction of our own, and count the rows in that same
    transaction, so the recorded counts describe exactly what the dump holds."""
    pg_dump = _require_tool("pg_dump")
    args, env = _pg_connection(conn.settings_dict)
    own = conn.copy()  # a connection of our own: its snapshot must stay open while pg_dump runs
    try:
        with own.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = {}
            for table in sorted(own.introspection.table_names(cursor)):
                cursor.execute(f"SELECT COUNT(*) FROM {own.ops.quote_name(table)}")  # noqa: S608
                counts[table] = cursor.fetchone()[0]
            _run([pg_dump, *PG_DUMP_FLAGS, f"--snapshot={snapshot}", f"--file={dest}", *args], env, "pg_dump")
            cursor.execute("COMMIT")
    finally:
        own.close()
    return counts


def _media_files(root: Path) -> tuple[list[tuple[Path, str]], list[str]]:
    """Every regular file under MEDIA_ROOT (none while it does not exist), in a stable order, as
    (path, archive name). Symbolic links and special files are reported, never followed or copied."""
    files: list[tuple[Path, str]] = []
    skipped: list[str] = []
    for folder, dirs, names in os.walk(root) if root.is_dir() else ():
        dirs.sort()
        for name in sorted(names + [d for d in dirs if (Path(folder) / d).is_symlink()]):
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            if path.is_symlink() or not path.is_file():
                skipped.append(relative)
            else:
                files.append((path, MEDIA_PREFIX + relative))
    return files, skipped


class _HashingReader:
    """Hashes what tarfile reads, so each file is read once and the hash is of exactly what was stored."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _add_file(tar: tarfile.TarFile, source: Path, name: str) -> FileEntry:
    with source.open("rb") as handle:
        info = tar.gettarinfo(fileobj=handle, arcname=name)
        info.uid, info.gid, info.uname, info.gname, info.mode = 0, 0, "", "", 0o600
        reader = _HashingReader(handle)
        try:
            tar.addfile(info, reader)
        except OSError as exc:  # the file shrank while it was read
            raise BackupError(f"{source} changed during the backup ({exc}); run the backup again.") from exc
    return FileEntry(name, info.size, reader.digest.hexdigest())


def _app_version() -> str:
    try:
        return metadata.version("greenmine")
    except metadata.PackageNotFoundError:
        return "unknown"


def _applied_leaves(conn: BaseDatabaseWrapper) -> dict[str, list[str]]:
    """Per app, the latest applied migrations: those no other applied migration of the app follows."""
    applied = set(MigrationRecorder(conn).applied_migrations())
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    leaves: dict[str, list[str]] = {}
    for app, name in sorted(applied):
        node = graph.node_map.get((app, name))
        children = {child.key for child in node.children} if node is not None else set()
        if not any(child in applied and child[0] == app for child in children):
            leaves.setdefault(app, []).append(name)
    return leaves


def _require_tool(name: str) -> str:
    if (path := shutil.which(name)) is None:
        raise BackupError(
            f"{name} was not found on PATH. Install the PostgreSQL client tools of the server's major "
            f"version (Debian: apt-get install postgresql-client-15)."
        )
    return path


def _pg_connection(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """pg_dump/pg_restore arguments from the Django settings. The password goes in PGPASSWORD, never on the
    command line, where any local user could read it in the process list."""
    args = ["--no-password"]
    for key, flag in (("HOST", "--host"), ("PORT", "--port"), ("USER", "--username"), ("NAME", "--dbname")):
        if settings_dict.get(key):
            args.append(f"{flag}={settings_dict[key]}")
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    options = settings_dict.get("OPTIONS") or {}
    env.update(
        {f"PG{key.upper()}": str(options[key]) for key in ("sslmode", "sslrootcert") if options.get(key)}
    )
    return args, env


def _run(command: list[str], env: dict[str, str], tool: str) -> None:
    try:
        completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise BackupError(f"{tool} could not be started: {exc}") from exc
    if completed.returncode != 0:
        raise BackupError(f"{tool} failed (exit {completed.returncode}):\n{completed.stderr.strip()}")


# --- reading and verifying -------------------------------------------------------------------------


def _safe_media_name(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return name.startswith(MEDIA_PREFIX) and len(parts) > 1 and "\\" not in name and ".." not in parts


def _scan(archive: Path, into: Path | None = None) -> Manifest:
    """Read the archive once, hashing every file (and extracting it into `into` when given), then hold every
    size and hash against the manifest: a missing, extra, unexpected or changed file refuses the archive."""
    found: dict[str, FileEntry] = {}
    raw_manifest: bytes | None = None
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                known = member.name in DATABASE_FILES.values() or _safe_media_name(member.name)
                if member.name == MANIFEST and member.isfile():
                    raw_manifest = tar.extractfile(member).read()  # type: ignore[union-attr]
                elif not member.isfile() or not known or member.name in found:
                    raise BackupError(f"The archive holds an unexpected entry {member.name!r}; refusing it.")
                else:
                    found[member.name] = _read_member(tar, member, into)
    except FileNotFoundError as exc:
        raise BackupError(f"{archive} does not exist.") from exc
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise BackupError(
            f"{archive} is not a readable backup archive (damaged or cut short?): {exc}"
        ) from exc
    if raw_manifest is None:
        raise BackupError(f"{archive} has no manifest.json; it is not a complete GreenMine backup.")
    manifest = Manifest.from_json(raw_manifest)
    for entry in manifest.files:
        if (got := found.pop(entry.path, None)) is None:
            raise BackupError(f"{entry.path} is listed in the manifest but missing from the archive.")
        if got != entry:
            raise BackupError(f"{entry.path} is corrupted: its size or SHA-256 does not match the manifest.")
    if found:
        raise BackupError(f"{sorted(found)[0]} is in the archive but not in its manifest; refusing it.")
    return manifest


def _read_member(tar: tarfile.TarFile, member: tarfile.TarInfo, into: Path | None) -> FileEntry:
    source = tar.extractfile(member)
    assert source is not None  # a regular file always has content
    digest, size = hashlib.sha256(), 0
    target = into / member.name if into is not None else None
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") if target is not None else io.BytesIO() as out:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if target is not None:
                out.write(chunk)
    if target is not None:
        os.utime(target, (member.mtime, member.mtime))
    return FileEntry(member.name, size, digest.hexdigest())


def read_manifest(archive: Path) -> Manifest:
    """The manifest of an archive, read without checking the files against it (that is verify_archive)."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                if member.name == MANIFEST and member.isfile():
                    return Manifest.from_json(tar.extractfile(member).read())  # type: ignore[union-attr]
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise BackupError(f"{archive} is not a readable backup archive: {exc}") from exc
    raise BackupError(f"{archive} has no manifest.json; it is not a complete GreenMine backup.")


def verify_archive(archive: Path) -> Manifest:
    """Check that every file in the archive is there, complete and matching its SHA-256 in the manifest."""
    return _scan(Path(archive))


# --- restore --------------------------------------------------------------------------------------


def restore_backup(
    archive: Path, *, database_alias: str = DEFAULT_DB_ALIAS, check_only: bool = False
) -> RestoreResult:
    """Bring an archive back into an empty installation. Nothing is written until every file's hash holds,
    the vendor matches, this code knows the archive's migrations, the target database holds no user data
    and no existing upload would be replaced by a different file. `check_only` stops after those checks."""
    conn = connections[database_alias]
    vendor = _supported_vendor(conn)
    staging = Path(settings.BACKUP_DIR)
    staging.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(dir=staging, prefix=".greenmine-restore-") as tmp,
        _database_errors("restoring"),
    ):
        work = Path(tmp)
        manifest = _scan(Path(archive), into=work)
        if manifest.vendor != vendor:
            raise BackupError(
                f"This is a {manifest.vendor} backup and the target database is {vendor}: cross-database "
                f"restore is not supported. To move data between database kinds, use `greenmine dumpdata` on "
                f"the old installation and `greenmine loaddata` on a migrated new one."
            )
        _check_migrations_known(manifest)
        if conn.in_atomic_block:
            raise BackupError("A restore cannot run inside a database transaction.")
        _check_target_empty(conn)
        media_root = Path(settings.MEDIA_ROOT)
        to_write, unchanged = _plan_media(manifest, media_root)
        result = RestoreResult(manifest, str(conn.settings_dict["NAME"]), check_only, 0, len(unchanged))
        if check_only:
            return result
        if vendor == "sqlite":
            _restore_sqlite(conn, work / manifest.database_file)
        else:
            _restore_postgresql(conn, work / manifest.database_file)
        for name in to_write:
            # Moved in under a temporary name, then renamed: a crash never leaves a half-written upload.
            dest = media_root / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            partial = dest.with_name(f".{dest.name}.restoring")
            shutil.move(work / MEDIA_PREFIX / name, partial)
            os.replace(partial, dest)
        _check_row_counts(conn, manifest)
        checked, broken = _verify_audit(database_alias)
        pending = _pending_migrations(conn)
    return replace(
        result,
        media_written=len(to_write),
        audit_checked=checked,
        audit_break=broken,
        pending_migrations=pending,
    )


def _check_migrations_known(manifest: Manifest) -> None:
    """An archive from a newer GreenMine holds a schema this code cannot use: refuse it up front."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    for app, names in sorted(manifest.migrations.items()):
        for name in (name for name in names if (app, name) not in graph.nodes):
            raise BackupError(
                f"The archive's database has migration {app}.{name}, which this GreenMine does not have: it "
                f"was made by a newer version. Install that version (or a newer one) first."
            )


def _check_target_empty(conn: BaseDatabaseWrapper) -> None:
    """The target is empty when it has no tables at all, or only GreenMine's own (migrated) tables with no
    organisation, user or audit event in them. Anything else is refused, never replaced."""
    if conn.vendor == "sqlite":
        if conn.is_in_memory_db():  # type: ignore[attr-defined]  # the SQLite wrapper has it
            raise BackupError("The target SQLite database is in memory; restore needs a database file.")
        Path(conn.settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    with conn.cursor() as cursor:
        tables = set(conn.introspection.table_names(cursor))
        unknown = sorted(tables - set(conn.introspection.django_table_names()) - {"django_migrations"})
        if unknown:
            raise BackupError(
                f"The target database holds tables GreenMine does not know ({', '.join(unknown[:5])}); "
                f"restore only into an empty database."
            )
        for table in (table for table in USER_DATA_TABLES if table in tables):
            cursor.execute(f"SELECT COUNT(*) FROM {conn.ops.quote_name(table)}")  # noqa: S608
            if rows := cursor.fetchone()[0]:
                raise BackupError(
                    f"The target installation is not empty: {table} has {rows} rows. Restore only into a "
                    f"new database (empty, or after a bare `greenmine migrate`)."
                )


def _plan_media(manifest: Manifest, media_root: Path) -> tuple[list[str], list[str]]:
    """Which uploads to write and which are already there, identical. A different file under the same name
    refuses the restore before anything is written: an upload is never silently replaced."""
    to_write: list[str] = []
    unchanged: list[str] = []
    conflicts: list[str] = []
    for entry in manifest.media:
        name = entry.path.removeprefix(MEDIA_PREFIX)
        dest = media_root / name
        if not dest.exists() and not dest.is_symlink():
            to_write.append(name)
        elif dest.is_file() and not dest.is_symlink() and _sha256(dest) == entry.sha256:
            unchanged.append(name)
        else:
            conflicts.append(name)
    if conflicts:
        raise BackupError(
            f"MEDIA_ROOT ({media_root}) already holds {len(conflicts)} different file(s) under the names of "
            f"the archive's uploads ({', '.join(conflicts[:5])}); refusing to overwrite them."
        )
    return to_write, unchanged


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _restore_sqlite(conn: BaseDatabaseWrapper, source: Path) -> None:
    """Copy the archived database into the target file with SQLite's backup API, which writes through the
    target's own journal and locks, so no reader ever sees a half-copied file."""
    target = Path(conn.settings_dict["NAME"])
    conn.close()
    if not target.exists() or target.stat().st_size == 0:
        # A -wal left beside a missing file belongs to some earlier database, and SQLite would replay it.
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target, timeout=30)
    try:
        if (status := src.execute("PRAGMA quick_check").fetchone()[0]) != "ok":
            raise BackupError(f"The archived SQLite database fails its integrity check: {status}")
        src.backup(dst)
        dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as exc:
        raise BackupError(
            f"Copying the database into {target} failed ({exc}); stop the server, worker and clock first."
        ) from exc
    finally:
        src.close()
        dst.close()


def _restore_postgresql(conn: BaseDatabaseWrapper, source: Path) -> None:
    """Replace the public schema (checked empty before) and pg_restore the dump into it."""
    pg_restore = _require_tool("pg_restore")
    args, env = _pg_connection(conn.settings_dict)
    with conn.cursor() as cursor:
        migrated = bool(conn.introspection.table_names(cursor))
    if migrated:  # the empty tables of a migrated installation would collide with the dump's own
        with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
            cursor.execute("GRANT USAGE ON SCHEMA public TO PUBLIC")  # what PostgreSQL 15 grants by default
    conn.close()
    _run([pg_restore, *PG_RESTORE_FLAGS, *args, str(source)], env, "pg_restore")


def _check_row_counts(conn: BaseDatabaseWrapper, manifest: Manifest) -> None:
    """Every table has as many rows as the backup recorded, or the restore did not bring everything back."""
    with conn.cursor() as cursor:
        for table, expected in sorted(manifest.row_counts.items()):
            cursor.execute(f"SELECT COUNT(*) FROM {conn.ops.quote_name(table)}")  # noqa: S608
            if (rows := cursor.fetchone()[0]) != expected:
                raise BackupError(
                    f"The restored database differs from the backup: {table} has {rows} rows where the "
                    f"archive recorded {expected}."
                )


def _verify_audit(alias: str) -> tuple[int, ChainBreak | None]:
    """The restored audit chain, recomputed and held against this installation's daily heads."""
    if alias == DEFAULT_DB_ALIAS:
        return audit.verify()
    rows = AuditEvent._base_manager.using(alias).order_by("id").values(*HASHED_FIELDS, "hash")
    return verify_chain(rows.iterator(chunk_size=2000), heads=audit.read_heads())


def _pending_migrations(conn: BaseDatabaseWrapper) -> list[str]:
    executor = MigrationExecutor(conn)
    return [f"{m.app_label}.{m.name}" for m, _ in executor.migration_plan(executor.loader.graph.leaf_nodes())]
