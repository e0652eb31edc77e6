"""Test-only PostgreSQL backend: the test runner's flush may empty the append-only audit table.

Only greenmine.settings.test names this backend. The flush runs with the audit table's own
triggers disabled, and enables them again in the same transaction.
"""

from django.db.backends.postgresql import base, operations

from greenmine.core.audit_triggers import TABLE
from greenmine.core.testing.reference import reload_reference_data


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

    def execute_sql_flush(self, sql_list):  # noqa: ANN001, ANN201
        # The flush also empties what data migrations installed (divisions, minerals, default rules):
        # put it back, so every test starts with what a bare `migrate` guarantees.
        super().execute_sql_flush(sql_list)
        reload_reference_data(self.connection)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
