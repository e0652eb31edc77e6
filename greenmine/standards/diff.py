"""Differences between two versions of a standard: added, removed and changed items and points.

Nodes are matched by their stable id (never by position or name), which is why ids must not be reused
for a different requirement. ``Diff.scoring_changed`` tells the caller that scores computed under the
old version are not comparable with the new one (CISO ``ScoreChangeDetected``): assessments keep the
version they were scored on.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from greenmine.standards.document import Indicator, Prerequisite, Standard, Veto
from greenmine.standards.versions import dump_document, method_dict

#: Fields whose change alters how points are earned.
SCORING_FIELDS = frozenset({"points", "method", "mandatory", "parent"})


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True, slots=True)
class NodeRef:
    kind: str  # "indicator" | "prerequisite" | "veto"
    id: str
    name: str
    points: Decimal | None = None


@dataclass(frozen=True, slots=True)
class NodeChange:
    kind: str
    id: str
    name: str
    changes: tuple[FieldChange, ...]
    old_points: Decimal | None = None
    new_points: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Diff:
    old_version: str
    new_version: str
    added: tuple[NodeRef, ...]
    removed: tuple[NodeRef, ...]
    changed: tuple[NodeChange, ...]
    meta: tuple[FieldChange, ...]  # top-level fields and pass rules

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.meta)

    @property
    def scoring_changed(self) -> bool:
        """True when any change can alter a score or the pass decision."""
        return bool(
            self.added
            or self.removed
            or any(c.field in SCORING_FIELDS for ch in self.changed for c in ch.changes)
            or any(c.field.startswith(("pass_rules", "total_points")) for c in self.meta)
        )

    def lines(self) -> list[str]:
        """Human-readable summary, one line per change."""
        out = [f"+ {a.kind} {a.id} {a.name}" + _pts(a.points) for a in self.added]
        out += [f"- {r.kind} {r.id} {r.name}" + _pts(r.points) for r in self.removed]
        for ch in self.changed:
            fields = ", ".join(f"{c.field}: {_show(c.old)} → {_show(c.new)}" for c in ch.changes)
            out.append(f"~ {ch.kind} {ch.id} {ch.name}: {fields}")
        out += [f"~ {c.field}: {_show(c.old)} → {_show(c.new)}" for c in self.meta]
        return out


def diff(old: Standard, new: Standard) -> Diff:
    """Compare two versions node by node (by id) and field by field."""
    added: list[NodeRef] = []
    removed: list[NodeRef] = []
    changed: list[NodeChange] = []
    for kind, old_nodes, new_nodes in (
        ("prerequisite", old.prerequisites, new.prerequisites),
        ("veto", old.vetoes, new.vetoes),
        ("indicator", old.indicators, new.indicators),
    ):
        old_by_id = {n.id: n for n in old_nodes}
        new_by_id = {n.id: n for n in new_nodes}
        removed += [_ref(kind, n) for n in old_nodes if n.id not in new_by_id]
        added += [_ref(kind, n) for n in new_nodes if n.id not in old_by_id]
        for n in new_nodes:
            before = old_by_id.get(n.id)
            if before is None:
                continue
            changes = _field_changes(_fields(before), _fields(n))
            if changes:
                changed.append(
                    NodeChange(
                        kind,
                        n.id,
                        n.name,
                        tuple(changes),
                        getattr(before, "points", None),
                        getattr(n, "points", None),
                    )
                )
    return Diff(old.version, new.version, tuple(added), tuple(removed), tuple(changed), _meta(old, new))


def _ref(kind: str, n: Indicator | Prerequisite | Veto) -> NodeRef:
    return NodeRef(kind, n.id, n.name, n.points if isinstance(n, Indicator) else None)


def _fields(n: Indicator | Prerequisite | Veto) -> dict[str, object]:
    out: dict[str, object] = {
        "name": n.name,
        "name_en": n.name_en,
        "guidance": n.guidance,
        "evidence": list(n.evidence),
        "note": n.note,
    }
    if isinstance(n, Indicator):
        out.update(
            parent=n.parent,
            points=n.points,
            mandatory=n.mandatory,
            method=method_dict(n.method) if n.method is not None else None,
        )
    return out


def _field_changes(old: dict[str, object], new: dict[str, object]) -> list[FieldChange]:
    return [FieldChange(k, old.get(k), new.get(k)) for k in new if old.get(k) != new.get(k)]


def _meta(old: Standard, new: Standard) -> tuple[FieldChange, ...]:
    skip = {"version", "status", "indicators", "prerequisites", "vetoes", "pass_rules"}
    a, b = dump_document(old), dump_document(new)
    changes = [FieldChange(k, a.get(k), b.get(k)) for k in b if k not in skip and a.get(k) != b.get(k)]
    pa, pb = a["pass_rules"], b["pass_rules"]
    changes += [
        FieldChange(f"pass_rules.{k}", pa.get(k), pb.get(k))
        for k in sorted(set(pa) | set(pb))
        if pa.get(k) != pb.get(k)
    ]
    return tuple(changes)


def _pts(points: Decimal | None) -> str:
    return "" if points is None else f" ({_show(points)} 分)"


def _show(value: object) -> str:
    """Decimals as plain numbers (10, 0.5), everything else as its repr."""
    return f"{value.normalize():f}" if isinstance(value, Decimal) and value.is_finite() else repr(value)
