"""State changes of the standards app. Each is one function: transaction, permission and state checks,
audit record. Views, the API, the management commands and the demo call these; nothing else writes
standards.

`actor=None` is the system (a management command run by the operator, e.g. `greenmine load_standard`
after a bare migrate, when no user exists yet); it is recorded in the audit log as "system".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from greenmine.core.audit import record_event
from greenmine.core.choices import OrganisationKind
from greenmine.core.models import User
from greenmine.core.permissions import MANAGE, has_role_in, require
from greenmine.standards import versions
from greenmine.standards.choices import VersionStatus
from greenmine.standards.document import DocumentInvalid, Standard, Status, load_document
from greenmine.standards.models import Standard as StandardRecord
from greenmine.standards.models import StandardVersion
from greenmine.standards.validation import Issue

HEADER_FIELDS = ("title", "title_en", "kind", "issuer")


class DocumentRejected(ValidationError):
    """A ValidationError whose messages are `<node> <field>: <message>` lines; `issues` keeps them typed."""

    def __init__(self, issues: Iterable[Issue], field: str = "document") -> None:
        self.issues = tuple(issues)
        super().__init__({field: [str(issue) for issue in self.issues]})


def immutable_error() -> ValidationError:
    return ValidationError({"document": [_("Published versions are immutable; start a new version.")]})


def canonical_document(standard: Standard) -> dict[str, Any]:
    """The stored form of a document: `dump_document` of the validated standard (numbers normalised)."""
    return versions.dump_document(standard)


def content_hash(document: Mapping[str, Any]) -> str:
    """sha256 of the canonical JSON, without `status`: publishing a draft does not change its content."""
    content = {k: v for k, v in document.items() if k != "status"}
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _require_manager(actor: User | None) -> None:
    """Only bureau administrators (or the system) import and publish standards."""
    if actor is not None and not has_role_in(actor, [OrganisationKind.BUREAU], MANAGE):
        raise PermissionDenied


def _require_manage(actor: User | None, version: StandardVersion) -> None:
    if actor is not None:
        require(actor, MANAGE, version)


def _user_or_none(actor: User | None) -> User | None:
    return actor if actor is not None and actor.pk else None


def _validated(data: object) -> Standard:
    """The non-strict `load_document`, its errors as a `DocumentRejected` naming node and field."""
    try:
        return load_document(data)
    except DocumentInvalid as exc:
        raise DocumentRejected(exc.report.errors) from None


def _store(version: StandardVersion, standard: Standard, status: str) -> None:
    document = canonical_document(standard)
    document["status"] = status
    version.document = document
    version.content_hash = content_hash(document)
    version.status = status
    version.provenance = standard.provenance.value
    version.effective_date = parse_date(standard.effective_date) if standard.effective_date else None
    version.complete = standard.complete


def _sync_header(record: StandardRecord, standard: Standard) -> dict[str, Any]:
    """Keep the standard's header fields equal to the latest loaded version's; returns what changed."""
    changed = {}
    for name in HEADER_FIELDS:
        value = getattr(standard, name)
        value = value.value if hasattr(value, "value") else (value or "")
        if getattr(record, name) != value:
            changed[name] = value
            setattr(record, name, value)
    if changed and record.pk:
        record.save(update_fields=[*changed, "updated_at"])
    return changed


@transaction.atomic
def load_standard_document(*, actor: User | None, data: object, publish: bool = False) -> StandardVersion:
    """Load a standard document: a new version if the code exists, a new standard otherwise.

    Rules: the document must validate (errors name node and field); loading an existing draft version
    replaces its content; an existing published version is never changed: the same content is a no-op
    (idempotent), different content is refused. A document saying `status: published`, or
    `publish=True`, publishes the version, which needs strict validation (nothing incomplete).
    """
    _require_manager(actor)
    declared = data.get("status") if isinstance(data, Mapping) else None
    if isinstance(data, Mapping):
        # Status is the version's state, not content: validate as a draft, publish (strictly) below.
        data = {**data, "status": Status.DRAFT.value}
    standard = _validated(data)
    wants_publish = publish or declared == Status.PUBLISHED.value
    record = StandardRecord.objects.select_for_update().filter(code=standard.code).first()
    if record is None:
        record = StandardRecord(code=standard.code, created_by=_user_or_none(actor))
        _sync_header(record, standard)
        record.save()
    else:
        _sync_header(record, standard)
    version = (
        StandardVersion.objects.select_for_update().filter(standard=record, version=standard.version).first()
    )
    new_hash = content_hash(canonical_document(standard))
    if version is not None and version.is_published:
        if version.content_hash != new_hash:
            raise ValidationError(
                {
                    "document": [
                        _(
                            "%(code)s %(version)s is published with different content. "
                            "Published versions are immutable; start a new version."
                        )
                        % {"code": standard.code, "version": standard.version}
                    ]
                }
            )
        return version
    if version is None:
        version = StandardVersion(standard=record, version=standard.version, created_by=_user_or_none(actor))
        _store(version, standard, VersionStatus.DRAFT)
        version.save()
        record_event(
            "standard.version_loaded",
            actor=actor,
            obj=version,
            changes={
                "after": {
                    "code": standard.code,
                    "version": standard.version,
                    "content_hash": version.content_hash,
                }
            },
        )
    elif version.content_hash != new_hash:
        before = version.content_hash
        _store(version, standard, VersionStatus.DRAFT)
        version.save()
        record_event(
            "standard.draft_updated",
            actor=actor,
            obj=version,
            changes={"before": {"content_hash": before}, "after": {"content_hash": version.content_hash}},
        )
    if wants_publish:
        version = publish_version(actor=actor, version=version)
    return version


@transaction.atomic
def update_draft(*, actor: User | None, version: StandardVersion, document: object) -> StandardVersion:
    """Replace a draft's document (the YAML editor, the API). Rules: published versions are immutable;
    the document must validate (incomplete is allowed in a draft) and keep the version's code and
    version string (a new version is made with `create_draft_version`)."""
    _require_manage(actor, version)
    version = StandardVersion.objects.select_for_update().select_related("standard").get(pk=version.pk)
    if version.is_published:
        raise immutable_error()
    if isinstance(document, Mapping):
        document = {**document, "status": Status.DRAFT.value}  # publishing is its own step
    standard = _validated(document)
    issues = []
    if standard.code != version.standard.code:
        issues.append(Issue("standard", "code", _("must stay %(code)s") % {"code": version.standard.code}))
    if standard.version != version.version:
        issues.append(
            Issue(
                "standard",
                "version",
                _("must stay %(version)s; start a new version instead") % {"version": version.version},
            )
        )
    if issues:
        raise DocumentRejected(issues)
    before = version.content_hash
    _store(version, standard, VersionStatus.DRAFT)
    if version.content_hash != before:
        version.save()
        _sync_header(version.standard, standard)
        record_event(
            "standard.draft_updated",
            actor=actor,
            obj=version,
            changes={"before": {"content_hash": before}, "after": {"content_hash": version.content_hash}},
        )
    return version


@transaction.atomic
def create_draft_version(
    *, actor: User | None, version: StandardVersion, new_version: str
) -> StandardVersion:
    """Start a new version as a draft copy of `version` (the only way to change a published standard).
    Rule: the new version string is valid and not yet used by this standard."""
    _require_manage(actor, version)
    new_version = (new_version or "").strip()
    if StandardVersion.objects.filter(standard_id=version.standard_id, version=new_version).exists():
        raise ValidationError(
            {
                "new_version": [
                    _("This standard already has a version %(version)s.") % {"version": new_version}
                ]
            }
        )
    try:
        copy = versions.new_version(load_document(version.document), new_version)
    except DocumentInvalid as exc:
        raise DocumentRejected(exc.report.errors, field="new_version") from None
    except ValueError as exc:
        raise ValidationError({"new_version": [str(exc)]}) from None
    draft = StandardVersion(
        standard_id=version.standard_id, version=new_version, created_by=_user_or_none(actor)
    )
    _store(draft, copy, VersionStatus.DRAFT)
    draft.save()
    record_event(
        "standard.version_created",
        actor=actor,
        obj=draft,
        changes={"after": {"version": new_version, "copied_from": version.version}},
    )
    return draft


@transaction.atomic
def publish_version(*, actor: User | None, version: StandardVersion) -> StandardVersion:
    """Publish a draft. Rule: strict validation (every point, the pass line and the date known), so an
    incomplete standard is never published. Publishing a published version changes nothing."""
    _require_manage(actor, version)
    version = StandardVersion.objects.select_for_update().select_related("standard").get(pk=version.pk)
    if version.is_published:
        return version
    try:
        published = versions.publish(load_document(version.document))
    except DocumentInvalid as exc:
        raise DocumentRejected(exc.report.errors) from None
    _store(version, published, VersionStatus.PUBLISHED)
    version.published_at = timezone.now()
    version.published_by = _user_or_none(actor)
    version.save()
    record_event(
        "standard.version_published",
        actor=actor,
        obj=version,
        changes={"after": {"status": VersionStatus.PUBLISHED, "content_hash": version.content_hash}},
    )
    return version


def import_excel(*, actor: User | None, file: IO[bytes], publish: bool = False) -> StandardVersion:
    """Import a standard from the Excel template (see `excel.py`). All or nothing: every bad row is
    reported with its sheet, row number and column, and nothing is saved unless the whole file is good."""
    from greenmine.standards.excel import read_workbook  # openpyxl only where needed

    _require_manager(actor)
    document = read_workbook(file)
    return load_standard_document(actor=actor, data=document, publish=publish)
