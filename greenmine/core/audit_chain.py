"""Hashing of the audit chain: canonical JSON and SHA-256, independent of how a database stores JSON.

Each event's hash covers its own fields and the previous event's hash, so changing, inserting or
removing any row breaks every hash after it. The canonical form is ours (sorted keys, no spaces,
UTF-8, times in UTC ISO 8601 with microseconds), never the database's JSON text, which differs
between SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

GENESIS_HASH = "0" * 64
HASHED_FIELDS = (
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
)


def _default(value: object) -> object:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(str(v) for v in value)
    return str(value)


def canonical_json(value: object) -> str:
    """The one text form that is hashed: sorted keys, no whitespace, non-ASCII kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default)


def normalise(value: object) -> Any:
    """Round-trip through canonical JSON, so what is stored is exactly what was hashed."""
    return json.loads(canonical_json(value))


def event_hash(fields: Mapping[str, object]) -> str:
    """SHA-256 over the canonical JSON of the hashed fields (which include the previous hash)."""
    payload = {name: fields.get(name) for name in HASHED_FIELDS}
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """The first record at which the chain does not hold, and why."""

    event_id: int
    reason: str


def verify_chain(
    events: Iterable[Mapping[str, Any]],
    heads: Mapping[int, str] | None = None,
    start_prev_hash: str = GENESIS_HASH,
) -> tuple[int, ChainBreak | None]:
    """Recompute the chain over events in id order; return how many were checked and the first break.

    `heads` maps event ids to the hashes written out by the clock: each must still be there, unchanged,
    or rows were edited or the newest ones deleted.
    """
    prev = start_prev_hash
    checked = 0
    last_id = 0
    seen_heads: set[int] = set()
    heads = heads or {}
    for event in events:
        event_id = int(event["id"])
        if event["prev_hash"] != prev:
            return checked, ChainBreak(event_id, "prev_hash does not match the previous record's hash")
        if event_hash(event) != event["hash"]:
            return checked, ChainBreak(event_id, "content does not match its hash (the record was edited)")
        if event_id in heads:
            seen_heads.add(event_id)
            if heads[event_id] != event["hash"]:
                return checked, ChainBreak(event_id, "hash differs from the daily head written out for it")
        prev = event["hash"]
        last_id = event_id
        checked += 1
    missing = sorted(set(heads) - seen_heads)
    if missing:
        first = missing[0]
        reason = (
            "a daily head names this record, but it is missing (newest records were deleted)"
            if first > last_id
            else "a daily head names this record, but it is missing from the chain"
        )
        return checked, ChainBreak(first, reason)
    return checked, None
