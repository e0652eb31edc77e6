"""The standards part of the demo: the bundled standards, loaded by the bureau admin through the service.
The three complete template standards are published; the two national frames stay drafts (their points
are not known yet)."""

from __future__ import annotations

from typing import Any

from greenmine.standards import services
from greenmine.standards.bundled import bundled_paths
from greenmine.standards.document import read_yaml


def load(context: dict[str, Any]) -> dict[str, Any]:
    actor = context.get("actor")
    loaded = {}
    for path in bundled_paths():
        # A bundled file says `status: published` only when it is complete; the service publishes
        # those (idempotently) and keeps the others as drafts.
        version = services.load_standard_document(actor=actor, data=read_yaml(path))
        loaded[version.standard.code] = version
    return {"standard_versions": loaded}
