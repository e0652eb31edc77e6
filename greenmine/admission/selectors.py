"""Read-side queries of the admission app, and the overlap audit (rights inside protected areas).

Every list starts from the permission primitive (`restrict`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from shapely.geometry.base import BaseGeometry

from greenmine.admission.choices import CaseStatus
from greenmine.admission.index import current_index
from greenmine.admission.models import AdmissionCheck, LayerFeature, ReferenceLayer, WithdrawalCase
from greenmine.core.permissions import VIEW
from greenmine.spatial import footprint_from_geojson


def layers_for(user: Any) -> QuerySet[ReferenceLayer]:
    return ReferenceLayer.objects.restrict(user, VIEW).prefetch_related("versions")


def checks_for(user: Any, params: Any = None) -> QuerySet[AdmissionCheck]:
    checks = AdmissionCheck.objects.restrict(user, VIEW).select_related("created_by", "enterprise")
    verdict = (params or {}).get("verdict")
    if verdict:
        checks = checks.filter(verdict=verdict)
    return checks


def cases_for(user: Any, params: Any = None) -> QuerySet[WithdrawalCase]:
    cases = WithdrawalCase.objects.restrict(user, VIEW).select_related("holder")
    state = (params or {}).get("state")
    if state == "overdue":
        cases = cases.overdue()
    elif state in CaseStatus.values:
        cases = cases.filter(status=state)
    return cases


def overdue_cases(user: Any) -> QuerySet[WithdrawalCase]:
    return WithdrawalCase.objects.restrict(user, VIEW).overdue()


@dataclass
class AuditFinding:
    """One right inside protected areas: the features it overlaps and the open case, if any."""

    right: Any
    kind: str  # "mining" | "exploration"
    hits: list[tuple[LayerFeature, float, float]] = field(default_factory=list)  # feature, km², share
    open_case: WithdrawalCase | None = None

    @property
    def overlap_km2(self) -> float:
        return sum(a for _, a, _ in self.hits)


def _footprint(geojson: Any) -> BaseGeometry | None:
    if not isinstance(geojson, dict) or not geojson:
        return None
    try:
        geom = footprint_from_geojson(geojson)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return None if geom.is_empty else geom


def overlap_audit(user: Any) -> list[AuditFinding]:
    """Every right the user may see against every current layer: the rights inside protected areas.

    Rule: a right overlapping any feature of a protected-area layer (every kind except planning zones) by
    at least 1 m² is a finding; one vectorised STRtree query covers all rights at once.
    """
    from greenmine.registry.models import ExplorationRight, MiningRight

    index, _versions = current_index()
    findings: list[AuditFinding] = []
    for kind, model in (("mining", MiningRight), ("exploration", ExplorationRight)):
        rights = {r.pk: r for r in model.objects.restrict(user, VIEW).exclude(geojson={})}
        items = [(pk, g) for pk, r in rights.items() if (g := _footprint(r.geojson)) is not None]
        hits = index.audit(items)
        if not hits:
            continue
        features = LayerFeature.objects.select_related("version__layer").in_bulk(
            {h.feature_key for h in hits}
        )
        lookup = "mining_right_id" if kind == "mining" else "exploration_right_id"
        open_cases = {
            getattr(c, lookup): c
            for c in WithdrawalCase.objects.filter(status=CaseStatus.OPEN, **{f"{lookup}__in": list(rights)})
        }
        by_right: dict[int, AuditFinding] = {}
        for h in hits:
            finding = by_right.setdefault(
                h.right_key, AuditFinding(rights[h.right_key], kind, open_case=open_cases.get(h.right_key))
            )
            finding.hits.append((features[h.feature_key], h.overlap_km2, h.share_of_right))
        findings.extend(by_right.values())
    findings.sort(key=lambda f: f.right.licence_no)
    return findings
