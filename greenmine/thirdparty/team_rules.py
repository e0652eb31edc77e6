"""The rules an assessment team must meet (《绿色矿山遴选第三方评估工作要求》, green-mine-rules.md §2.3).

Framework-free and typed: the service turns experts and conflict records into the plain values below,
and `check_team` returns every broken rule, each with a stable code and a sentence naming it. The
numbers come from settings (THIRDPARTY_TEAM_MIN_MEMBERS, THIRDPARTY_TEAM_MIN_SENIOR,
THIRDPARTY_CONFLICT_WINDOW_DAYS) with the rules' defaults.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

INTERMEDIATE = "intermediate"
DEPUTY_SENIOR = "deputy_senior"
SENIOR = "senior"
#: Titles counted as "intermediate or above" and as "senior" (副高 or 正高).
QUALIFIED_TITLES = frozenset({INTERMEDIATE, DEPUTY_SENIOR, SENIOR})
SENIOR_TITLES = frozenset({DEPUTY_SENIOR, SENIOR})
#: Conflict kinds that exclude whatever their dates (a part in the plan or self-assessment, affiliation).
ALWAYS_EXCLUDING = frozenset({"plan_author", "self_assessment_author", "affiliation"})

MIN_MEMBERS = 5
MIN_SENIOR = 2
CONFLICT_WINDOW_DAYS = 365


@dataclass(frozen=True)
class Conflict:
    """A conflict record of a member (or of the agency, with `expert` None) with the mine or its
    enterprise. An open-ended dealing has `end` None; an undated one has both None."""

    kind: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Member:
    key: str
    name: str
    title: str
    full_time: bool
    is_leader: bool = False
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True)
class Limits:
    min_members: int = MIN_MEMBERS
    min_senior: int = MIN_SENIOR
    conflict_window_days: int = CONFLICT_WINDOW_DAYS


@dataclass(frozen=True)
class Broken:
    """One broken rule: `code` is stable (for the API and tests), `message` names the rule for people."""

    code: str
    message: str
    members: tuple[str, ...] = field(default=())
    count: int = 0

    def __str__(self) -> str:
        return self.message


def conflict_applies(conflict: Conflict, on: date, window_days: int = CONFLICT_WINDOW_DAYS) -> bool:
    """Whether a conflict excludes a member from an assessment held on `on`: authorship and affiliation
    always do; a business dealing does when it overlaps [on − window, on + window] (undated: always)."""
    if conflict.kind in ALWAYS_EXCLUDING:
        return True
    lower = on - timedelta(days=window_days)
    upper = on + timedelta(days=window_days)
    start = conflict.start or date.min
    end = conflict.end or date.max
    return start <= upper and end >= lower


def check_team(
    members: Sequence[Member],
    on: date,
    limits: Limits | None = None,
    agency_conflicts: Sequence[Conflict] = (),
) -> list[Broken]:
    """Every rule the team breaks, in a fixed order; an empty list means the team may be saved.
    `message` is plain English; the service shows the translated sentence of the same `code`."""
    limits = limits or Limits()
    broken: list[Broken] = []
    if len(members) < limits.min_members:
        broken.append(
            Broken(
                "min_members",
                f"At least {limits.min_members} members: the team has {len(members)}.",
                count=len(members),
            )
        )
    keys = [m.key for m in members]
    duplicates = tuple(sorted({m.name for m in members if keys.count(m.key) > 1}))
    if duplicates:
        broken.append(
            Broken("duplicate", "Each expert only once: " + ", ".join(duplicates) + ".", duplicates)
        )
    low = tuple(m.name for m in members if m.title not in QUALIFIED_TITLES)
    if low:
        broken.append(
            Broken("title", "All members intermediate title or above: " + ", ".join(low) + ".", low)
        )
    seniors = sum(1 for m in members if m.title in SENIOR_TITLES)
    if seniors < limits.min_senior:
        broken.append(
            Broken(
                "min_senior",
                f"At least {limits.min_senior} senior titles (deputy senior or senior): "
                f"the team has {seniors}.",
                count=seniors,
            )
        )
    leaders = [m for m in members if m.is_leader]
    if len(leaders) != 1:
        broken.append(
            Broken("one_leader", f"Exactly one team leader: the team has {len(leaders)}.", count=len(leaders))
        )
    elif not leaders[0].full_time:
        broken.append(
            Broken(
                "leader_staff",
                f"The leader must be full-time staff of the agency: {leaders[0].name}.",
                (leaders[0].name,),
            )
        )
    conflicted = tuple(
        m.name
        for m in members
        if any(conflict_applies(c, on, limits.conflict_window_days) for c in m.conflicts)
    )
    if conflicted:
        broken.append(
            Broken(
                "conflict",
                "No member with a conflict with the mine or its enterprise (business within the window, "
                "a part in its plan or self-assessment, affiliation): " + ", ".join(conflicted) + ".",
                conflicted,
            )
        )
    if any(conflict_applies(c, on, limits.conflict_window_days) for c in agency_conflicts):
        broken.append(Broken("agency_conflict", "The agency has a conflict with the mine or its enterprise."))
    return broken
