"""The database triggers that make the audit table append-only, for SQLite and PostgreSQL.

Kept in one place so the migration installs them and the test-only database backends can lift and
restore them around the test runner's table flush (production backends have no way to do that).
"""

TABLE = "core_auditevent"

SQLITE_CREATE = [
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only: UPDATE refused'); END;",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only: DELETE refused'); END;",
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {TABLE}_no_update;", f"DROP TRIGGER IF EXISTS {TABLE}_no_delete;"]

POSTGRESQL_CREATE = [
    f"""CREATE OR REPLACE FUNCTION {TABLE}_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{TABLE} is append-only: % refused', TG_OP;
END;
$$;""",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_change ON {TABLE};",
    f"CREATE TRIGGER {TABLE}_no_change BEFORE UPDATE OR DELETE ON {TABLE} "
    f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse();",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE};",
    f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
    f"FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_refuse();",
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_change ON {TABLE};",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE};",
]


def create_statements(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_CREATE
    if vendor == "postgresql":
        return POSTGRESQL_CREATE
    raise NotImplementedError(f"No append-only triggers for the {vendor} database")


def drop_statements(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_DROP
    if vendor == "postgresql":
        return POSTGRESQL_DROP
    raise NotImplementedError(f"No append-only triggers for the {vendor} database")
