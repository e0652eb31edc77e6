"""Storing evidence files: the one write path for `EvidenceFile`."""

from __future__ import annotations

from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from greenmine.core import evidence
from greenmine.core.audit import record_event
from greenmine.core.models import EvidenceFile, EvidenceKind, Organisation, User
from greenmine.core.permissions import ADD, VIEW, memberships_of, require, role_allows


def acts_for(actor: Any, organisation: Organisation, action: str = ADD) -> bool:
    """Whether the actor is a member of this organisation with a role allowing `action`."""
    if actor is None or not actor.is_authenticated:
        return False
    return any(
        m.organisation_id == organisation.pk and role_allows(m.role, action) for m in memberships_of(actor)
    )


@transaction.atomic
def store_evidence(*, actor: User, organisation: Organisation, uploaded_file: IO[bytes]) -> EvidenceFile:
    """Accept one upload as evidence of `organisation`.

    Rules: only the organisation's own staff and admins upload for it; the size limit
    (`EVIDENCE_MAX_BYTES`) is enforced while reading; the type is judged by content; the same bytes
    uploaded again by the same organisation return the existing record (dedup by SHA-256). The bytes are
    written content-addressed before the row: a rolled-back transaction leaves at most an unreferenced file
    that the next upload of the same bytes reuses.
    """
    if not acts_for(actor, organisation, ADD):
        raise PermissionDenied
    name = (getattr(uploaded_file, "name", "") or "upload").rsplit("/", 1)[-1][:255]
    data = evidence.read_limited(uploaded_file, name)
    detected = evidence.detect(data, name)
    digest = evidence.sha256_of(data)
    existing = EvidenceFile.objects.filter(organisation=organisation, sha256=digest).first()
    if existing is not None:
        return existing
    thumbnail = evidence.make_thumbnail(data, name) if detected.kind == EvidenceKind.IMAGE else None
    path = evidence.relative_path(digest)
    evidence.write_once(path, data)
    thumb_path = ""
    if thumbnail is not None:
        thumb_path = evidence.relative_path(digest, ".thumb.png")
        evidence.write_once(thumb_path, thumbnail)
    record = EvidenceFile.objects.create(
        organisation=organisation,
        sha256=digest,
        original_name=name,
        content_type=detected.content_type,
        kind=detected.kind,
        size=len(data),
        storage_path=path,
        thumbnail_path=thumb_path,
        uploaded_by=actor,
        created_by=actor,
    )
    require(actor, VIEW, record)
    record_event(
        "evidence.stored",
        actor=actor,
        obj=record,
        organisation=organisation,
        changes={"after": {"sha256": digest, "name": name, "size": len(data), "type": detected.content_type}},
    )
    return record
