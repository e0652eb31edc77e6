"""Table-driven tests of the team rules (green-mine-rules.md §2.3), with literal expected values."""

from __future__ import annotations

from datetime import date

import pytest

from greenmine.thirdparty.team_rules import Conflict, Limits, Member, check_team, conflict_applies

ON = date(2026, 6, 15)


def team(
    *specs: tuple[str, bool, bool], conflicts: dict[int, tuple[Conflict, ...]] | None = None
) -> list[Member]:
    """Members from (title, full_time, is_leader) tuples, named M1, M2 …"""
    conflicts = conflicts or {}
    return [
        Member(f"k{i}", f"M{i}", title, full_time, leader, conflicts.get(i, ()))
        for i, (title, full_time, leader) in enumerate(specs, start=1)
    ]


GOOD = [
    ("senior", True, True),
    ("deputy_senior", True, False),
    ("intermediate", True, False),
    ("intermediate", False, False),
    ("intermediate", True, False),
]


@pytest.mark.parametrize(
    ("members", "codes"),
    [
        (team(*GOOD), []),
        (team(*GOOD[:4]), ["min_members"]),
        (team(*GOOD, ("junior", True, False)), ["title"]),
        (team(("intermediate", True, True), *GOOD[1:]), ["min_senior"]),
        (team(("senior", True, False), *GOOD[1:]), ["one_leader"]),
        (team(("senior", True, True), ("deputy_senior", True, True), *GOOD[2:]), ["one_leader"]),
        (team(("senior", False, True), *GOOD[1:]), ["leader_staff"]),
        (
            team(("junior", False, True), ("junior", True, False), ("intermediate", True, False)),
            ["min_members", "title", "min_senior", "leader_staff"],
        ),
        (
            team(*GOOD, conflicts={3: (Conflict("business", date(2025, 9, 1), date(2025, 12, 31)),)}),
            ["conflict"],
        ),
        (team(*GOOD, conflicts={2: (Conflict("plan_author"),)}), ["conflict"]),
        (team(*GOOD, conflicts={2: (Conflict("business", date(2020, 1, 1), date(2024, 12, 31)),)}), []),
        ([], ["min_members", "min_senior", "one_leader"]),
    ],
)
def test_check_team(members: list[Member], codes: list[str]) -> None:
    assert [b.code for b in check_team(members, ON)] == codes


def test_broken_rules_name_the_members() -> None:
    members = team(*GOOD, ("junior", True, False), conflicts={4: (Conflict("affiliation"),)})
    broken = {b.code: b for b in check_team(members, ON)}
    assert broken["title"].members == ("M6",)
    assert broken["conflict"].members == ("M4",)
    assert broken["title"].message == "All members intermediate title or above: M6."


def test_duplicates_are_refused() -> None:
    members = team(*GOOD)
    members.append(members[1])
    assert [b.code for b in check_team(members, ON)] == ["duplicate"]


def test_limits_come_from_configuration() -> None:
    members = team(*GOOD[:3])
    assert [b.code for b in check_team(members, ON, Limits(min_members=3, min_senior=2))] == []
    assert [b.code for b in check_team(team(*GOOD), ON, Limits(min_senior=3))] == ["min_senior"]


def test_agency_conflict() -> None:
    broken = check_team(team(*GOOD), ON, agency_conflicts=[Conflict("self_assessment_author")])
    assert [b.code for b in broken] == ["agency_conflict"]


@pytest.mark.parametrize(
    ("conflict", "window", "applies"),
    [
        (Conflict("business", date(2025, 6, 15), date(2025, 6, 15)), 365, True),  # exactly one year before
        (Conflict("business", date(2025, 6, 14), date(2025, 6, 14)), 365, False),  # a day earlier
        (Conflict("business", date(2027, 6, 15), None), 365, True),  # exactly one year after, open-ended
        (Conflict("business", date(2027, 6, 16), None), 365, False),
        (Conflict("business", None, None), 365, True),  # undated: always
        (Conflict("business", date(2020, 1, 1), None), 365, True),  # still running
        (Conflict("business", date(2025, 1, 1), date(2025, 3, 1)), 730, True),  # a longer window
        (Conflict("plan_author", date(2010, 1, 1), date(2010, 2, 1)), 365, True),  # authorship: always
        (Conflict("affiliation", None, None), 0, True),
    ],
)
def test_conflict_window(conflict: Conflict, window: int, applies: bool) -> None:
    assert conflict_applies(conflict, ON, window) is applies
