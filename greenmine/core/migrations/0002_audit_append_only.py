"""Database triggers refusing UPDATE, DELETE (and TRUNCATE on PostgreSQL) on the audit table."""

from django.db import migrations

from greenmine.core.audit_triggers import create_statements, drop_statements


def install(apps, schema_editor):  # noqa: ANN001, ANN201
    for statement in create_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


def remove(apps, schema_editor):  # noqa: ANN001, ANN201
    for statement in drop_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
