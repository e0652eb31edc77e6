"""Reference data (divisions, minerals, default rules …) that data migrations install.

A transactional test ends with a flush of every table, which also empties what the data migrations put
there; the next test would then run without the code lists a bare `migrate` guarantees. Every data
migration that installs reference data says so with `REFERENCE_DATA = True` at module level and is
idempotent (get_or_create), so the suite can run it again after a flush.
"""

from __future__ import annotations

import functools
import importlib

from django.apps import apps as global_apps
from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations.special import RunPython


@functools.cache
def reference_migrations() -> tuple[str, ...]:
    """Module paths of the project's data migrations marked REFERENCE_DATA, in dependency order."""
    loader = MigrationLoader(default_connection, ignore_no_migrations=True)
    plan = loader.graph.leaf_nodes()
    ordered = []
    seen: set[tuple[str, str]] = set()
    for leaf in plan:
        for key in loader.graph.forwards_plan(leaf):
            if key in seen:
                continue
            seen.add(key)
            migration = loader.graph.nodes[key]
            module_name = type(migration).__module__
            if module_name.startswith("greenmine.") and getattr(
                importlib.import_module(module_name), "REFERENCE_DATA", False
            ):
                ordered.append(module_name)
    return tuple(ordered)


def reload_reference_data(connection: BaseDatabaseWrapper | None = None) -> None:
    """Run every reference-data migration's forward steps again, with today's models. The test database
    backends call this right after a flush; reference-data steps must not need the schema editor."""
    connection = connection or default_connection
    for module_name in reference_migrations():
        for operation in importlib.import_module(module_name).Migration.operations:
            if isinstance(operation, RunPython):
                with connection.schema_editor(atomic=False) as editor:
                    operation.code(global_apps, editor)
