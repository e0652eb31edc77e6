import pytest

from greenmine.core.divisions import DivisionCodeError, contains, level_of, parent_code, scope_prefix


@pytest.mark.parametrize(
    ("code", "level", "prefix", "parent"),
    [
        ("230000", "province", "23", None),
        ("230300", "prefecture", "2303", "230000"),
        ("230381", "county", "230381", "230300"),
        ("230381103", "township", "230381103", "230381"),
    ],
)
def test_levels_prefixes_and_parents(code: str, level: str, prefix: str, parent: str | None) -> None:
    assert level_of(code) == level
    assert scope_prefix(code) == prefix
    assert parent_code(code) == parent


@pytest.mark.parametrize(
    ("outer", "inner", "inside"),
    [
        ("230000", "230381103", True),
        ("230300", "230381", True),
        ("230381", "230382", False),
        ("230381", "230381103", True),
        ("230381103", "230381", False),
    ],
)
def test_contains(outer: str, inner: str, inside: bool) -> None:
    assert contains(outer, inner) is inside


@pytest.mark.parametrize("bad", ["", "2303", "23038", "2303811", "23038110a", "000000", "2303811034"])
def test_bad_codes_are_refused(bad: str) -> None:
    with pytest.raises(DivisionCodeError):
        level_of(bad)
