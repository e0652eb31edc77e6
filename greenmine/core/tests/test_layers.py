"""Dependencies run one way (docs/architecture.md, docs/decisions/0004): each app may import only the apps
below it, so there is no import cycle, and no app imports another app's views (core's view helpers are
the shared base). Tests and migrations are outside the rule: a test may build fixtures through any app's
services."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]

# What each app may import (besides itself). Anything not listed here is refused.
ALLOWED = {
    "spatial": set(),
    "core": set(),
    "registry": {"core", "spatial"},
    "standards": {"core"},
    "admission": {"core", "spatial", "registry", "standards"},
    "assessments": {"core", "spatial", "registry", "standards"},
    "supervision": {"core", "spatial", "registry", "standards"},
    "thirdparty": {"core", "spatial", "registry", "standards", "assessments", "supervision"},
    "listing": {"core", "spatial", "registry", "standards", "assessments", "supervision", "thirdparty"},
}


def imports_of_apps() -> list[tuple[str, str, str]]:
    """(app, file, imported module) for every import of another greenmine app outside tests/migrations."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2 or parts[0] not in ALLOWED or {"tests", "migrations"} & set(parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            for module in modules:
                if module.startswith("greenmine.") and module.split(".")[1] != parts[0]:
                    found.append((parts[0], str(path.relative_to(PACKAGE)), module))
    return found


def test_every_app_has_a_place_in_the_layers() -> None:
    apps = {p.parent.name for p in PACKAGE.glob("*/apps.py")} | {"spatial"}
    assert apps == set(ALLOWED), f"add {sorted(apps - set(ALLOWED))} to ALLOWED (and the docs)"


def test_apps_import_only_the_layers_below() -> None:
    wrong = [
        f"{file}: {module}"
        for app, file, module in imports_of_apps()
        if module.split(".")[1] not in ALLOWED[app]
    ]
    assert wrong == [], "imports against the layering:\n" + "\n".join(wrong)


def test_no_app_imports_another_apps_views() -> None:
    wrong = [
        f"{file}: {module}"
        for _app, file, module in imports_of_apps()
        if module.split(".")[1] != "core" and "views" in module.split(".")[2:]
    ]
    assert wrong == [], "views are private to their app:\n" + "\n".join(wrong)


def test_the_allowed_table_has_no_cycle() -> None:
    order: list[str] = []

    def visit(app: str, path: tuple[str, ...]) -> None:
        assert app not in path, f"cycle: {' → '.join((*path, app))}"
        for dependency in ALLOWED[app]:
            visit(dependency, (*path, app))
        if app not in order:
            order.append(app)

    for app in ALLOWED:
        visit(app, ())
    assert len(order) == len(ALLOWED)
