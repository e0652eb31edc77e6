"""Writing and verifying the audit log. `record_event` is the one way a row gets into it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from greenmine.core.audit_chain import GENESIS_HASH, ChainBreak, event_hash, normalise, verify_chain
from greenmine.core.context import current_request
from greenmine.core.models import AuditEvent, Organisation

# Any fixed 64-bit number: the PostgreSQL advisory lock that serialises appends to the chain.
_AUDIT_LOCK_KEY = 7_346_110_820_240_315
NOISY_FIELDS = frozenset({"updated_at", "created_at", "password", "last_login"})


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """A JSON-ready dict of a record's concrete fields (foreign keys by id), noisy fields left out."""
    data = model_to_dict(obj, fields=list(fields) if fields else None)
    for f in obj._meta.concrete_fields:
        if f.name in data and f.is_relation:
            data[f.name] = getattr(obj, f.attname)
    return normalise({k: v for k, v in data.items() if k not in NOISY_FIELDS})


def diff(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> dict[str, Any]:
    """{'before': {...}, 'after': {...}} limited to the fields that changed."""
    before = dict(before or {})
    after = dict(after or {})
    keys = sorted(set(before) | set(after))
    changed = [k for k in keys if before.get(k) != after.get(k)]
    return {"before": {k: before.get(k) for k in changed}, "after": {k: after.get(k) for k in changed}}


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_AUDIT_LOCK_KEY])
    # SQLite: the settings open every transaction with BEGIN IMMEDIATE, which already holds the
    # database's single write lock, so no other writer can append between our read and our insert.


def record_event(
    action: str,
    *,
    actor: Any = None,
    obj: models.Model | None = None,
    organisation: Organisation | None = None,
    changes: Mapping[str, Any] | None = None,
    object_repr: str | None = None,
) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction (or its own).

    `action` names what happened ("organisation.created", "user.password_reset" …); `changes` is a
    before/after diff or any JSON-ready detail. The division comes from the organisation (or the
    object's), so each bureau reads the events of its own division.
    """
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-id").values("id", "hash").first()
        prev_hash = last["hash"] if last else GENESIS_HASH
        next_id = (last["id"] if last else 0) + 1
        org = organisation or _organisation_of(obj)
        ctx = current_request.get()
        fields: dict[str, Any] = {
            "id": next_id,
            "created_at": timezone.now(),
            "actor_id": getattr(actor, "pk", None),
            "actor_repr": (actor.get_username() if actor is not None and actor.pk else "system")[:150],
            "organisation_id": org.pk if org else None,
            "division_code": _division_of(org, obj),
            "action": action,
            "object_type": obj._meta.label_lower if obj is not None else "",
            "object_id": str(obj.pk) if obj is not None and obj.pk is not None else "",
            "object_repr": (
                object_repr if object_repr is not None else (str(obj) if obj is not None else "")
            )[:300],
            "changes": normalise(dict(changes or {})),
            "ip_address": ctx.ip_address,
            "request_id": ctx.request_id,
            "prev_hash": prev_hash,
        }
        fields["hash"] = event_hash(fields)
        return AuditEvent.objects.create(**fields)


def _organisation_of(obj: models.Model | None) -> Organisation | None:
    if obj is None:
        return None
    if isinstance(obj, Organisation):
        return obj
    org = getattr(obj, "organisation", None)
    return org if isinstance(org, Organisation) else None


def _division_of(org: Organisation | None, obj: models.Model | None) -> str:
    if org is not None:
        return org.division_id or ""
    code = getattr(obj, "division_code", None) or getattr(obj, "division_id", None)
    return str(code) if code else ""


def _event_rows() -> Iterable[dict[str, Any]]:
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        row = {
            name: getattr(event, name)
            for name in (
                "id",
                "created_at",
                "actor_id",
                "actor_repr",
                "organisation_id",
                "division_code",
                "action",
                "object_type",
                "object_id",
                "object_repr",
                "changes",
                "ip_address",
                "request_id",
                "prev_hash",
                "hash",
            )
        }
        yield row


def head_file() -> Path:
    return Path(settings.AUDIT_HEAD_DIR) / "heads.jsonl"


def read_heads() -> dict[int, str]:
    """The chain heads written out by the clock: {event id: hash}."""
    path = head_file()
    heads: dict[int, str] = {}
    if not path.exists():
        return heads
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            heads[int(entry["id"])] = entry["hash"]
    return heads


def write_head(day: date) -> dict[str, Any] | None:
    """Append today's chain head to the head file (once per day); None when the log is empty."""
    last = AuditEvent.objects.order_by("-id").values("id", "hash").first()
    if last is None:
        return None
    path = head_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = {"date": day.isoformat(), "id": last["id"], "hash": last["hash"]}
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry) + "\n")
    return entry


def verify() -> tuple[int, ChainBreak | None]:
    """Recompute the whole chain against the stored rows and the written-out heads."""
    return verify_chain(_event_rows(), heads=read_heads())
