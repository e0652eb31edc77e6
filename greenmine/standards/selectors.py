"""Reading standards: the pinned document of a version, scoring against it, the indicator tree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from greenmine.core.permissions import VIEW
from greenmine.standards.document import (
    Deduction,
    Graded,
    Indicator,
    Proportional,
    Standard,
    ZeroOut,
    load_document,
)
from greenmine.standards.models import StandardVersion
from greenmine.standards.responses import ResponsesInvalid, parse_responses
from greenmine.standards.scoring import Result, score
from greenmine.standards.services import DocumentRejected
from greenmine.standards.versions import number


def visible_versions(user: Any) -> QuerySet[StandardVersion]:
    return StandardVersion.objects.restrict(user, VIEW).select_related("standard")


def version_document(version: StandardVersion) -> Standard:
    """The engine's `Standard` of this stored version (documents are stored validated)."""
    return load_document(version.document)


def get_version_document(version_pk: int) -> Standard:
    """The exact document a version pins. An assessment stores the version's primary key and scores
    against this; later versions never change it (published versions are immutable)."""
    version = StandardVersion.objects.only("document").get(pk=version_pk)
    return version_document(version)


def score_version(version: StandardVersion, responses: object) -> Result:
    """Score RESPONSES (the README's JSON format) against a stored version. Rule: only a published,
    complete version is assessable; answers are checked against the standard (errors name id and field)."""
    standard = version_document(version)
    return score_standard(standard, responses)


def score_standard(standard: Standard, responses: object) -> Result:
    if not standard.assessable:
        raise ValidationError({"version": [_("Only a published, complete version can be scored.")]})
    try:
        parsed = parse_responses(responses, standard)
    except ResponsesInvalid as exc:
        raise DocumentRejected(exc.issues, field="responses") from None
    return score(standard, parsed)


@dataclass(frozen=True)
class TreeRow:
    indicator: Indicator
    depth: int
    is_leaf: bool
    method: str


def indicator_tree(standard: Standard) -> list[TreeRow]:
    """Indicators in document order (a parent before its children) with their depth and method summary."""
    depth: dict[str, int] = {}
    rows = []
    for ind in standard.indicators:
        depth[ind.id] = depth[ind.parent] + 1 if ind.parent else 0
        leaf = not standard.children(ind.id)
        rows.append(TreeRow(ind, depth[ind.id], leaf, method_summary(ind) if leaf else ""))
    return rows


def method_summary(indicator: Indicator) -> str:
    """A short, translated description of how a leaf earns its points."""
    m = indicator.method
    if isinstance(m, Graded):
        levels = "; ".join(f"{lv.label} {number(lv.points)}" for lv in m.levels)
        return _("Graded: %(levels)s") % {"levels": levels}
    if isinstance(m, Deduction):
        return _("Deduct %(per)s per %(unit)s, down to 0") % {"per": number(m.per_defect), "unit": m.unit}
    if isinstance(m, Proportional):
        low, high = number(m.lower), number(m.upper)
        if m.direction.value == "lower_better":
            low, high = high, low
        return _("Proportional: 0 at %(bad)s%(unit)s, full at %(good)s%(unit)s") % {
            "bad": low,
            "good": high,
            "unit": m.unit or "",
        }
    if isinstance(m, ZeroOut):
        return _("Zero-out: when it occurs, %(target)s scores 0") % {"target": m.target}
    return _("Full points if met, else 0")
