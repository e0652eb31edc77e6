"""Test-only PostgreSQL backend: the test runner's flush may empty the append-only audit table.

Only greenmine.settings.test names this backend. The flush runs with the audit table's own
triggers disabled, and enables them again in the same transaction.
"""

from django.db.backends.postgresql import base, operations

from greenmine.core.audit_triggers import TABLE


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):  # noqa: ANN001, ANN201
        statements = super().sql_flush(
            style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if not statements or TABLE not in tables:
            return statements
        return [
            f"ALTER TABLE {TABLE} DISABLE TRIGGER USER;",
            *statements,
            f"ALTER TABLE {TABLE} ENABLE TRIGGER USER;",
        ]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
