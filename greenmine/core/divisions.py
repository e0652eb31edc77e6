"""Administrative division codes (GB/T 2260 six digits, nine for townships): levels and scope prefixes.

A bureau or department sees what lies inside its division. Inside-ness is a prefix test on the code:
230000 (Heilongjiang) covers every code starting "23", 230300 (Jixi) every code starting "2303",
230381 (Hulin) every code starting "230381", township 230381103 only itself.
"""

from __future__ import annotations

import re

_CODE = re.compile(r"^\d{6}(\d{3})?$")


class DivisionCodeError(ValueError):
    """A code that is not a six- or nine-digit administrative division code."""


def validate_code(code: str) -> str:
    """Return the code if it is 6 digits (province/prefecture/county) or 9 (township); raise otherwise."""
    if not _CODE.match(code or ""):
        raise DivisionCodeError(f"{code!r} is not a 6- or 9-digit administrative division code")
    if code[:2] == "00":
        raise DivisionCodeError(f"{code!r} has no province part")
    return code


def level_of(code: str) -> str:
    """province, prefecture, county or township, read from the code's shape."""
    validate_code(code)
    if len(code) == 9:
        return "township"
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "prefecture"
    return "county"


def scope_prefix(code: str) -> str:
    """The prefix every code inside this division starts with."""
    level = level_of(code)
    if level == "province":
        return code[:2]
    if level == "prefecture":
        return code[:4]
    return code


def parent_code(code: str) -> str | None:
    """The enclosing division's code, or None for a province."""
    level = level_of(code)
    if level == "township":
        return code[:6]
    if level == "county":
        return code[:4] + "00"
    if level == "prefecture":
        return code[:2] + "0000"
    return None


def contains(outer: str, inner: str) -> bool:
    """Whether division `inner` lies inside (or is) division `outer`."""
    return inner.startswith(scope_prefix(outer))
