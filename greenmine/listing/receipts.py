"""Receipt codes of objections (异议回执编号): framework-free and typed.

A code is 16 characters from a 32-letter alphabet without look-alikes (no 0/O, 1/I), shown in four groups
of four: ``K7QD-3MZX-PW2H-9RTC`` (80 bits from `secrets`: not guessable). People read codes over the phone
and type them back in any case, with spaces or without hyphens; `parse_receipt` accepts all of that and
answers the canonical form, or None for anything that cannot be a code.
"""

from __future__ import annotations

import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 16
GROUP = 4
SEPARATORS = frozenset(" -_\t")
_ALLOWED = frozenset(ALPHABET)


def format_receipt(raw: str) -> str:
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def new_receipt() -> str:
    """A fresh random code in its canonical form."""
    return format_receipt("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def parse_receipt(text: str) -> str | None:
    """The canonical code typed in `text` (case, spaces, hyphens ignored), or None if it cannot be one."""
    raw = "".join(ch for ch in text.strip().upper() if ch not in SEPARATORS)
    if len(raw) != LENGTH or not set(raw) <= _ALLOWED:
        return None
    return format_receipt(raw)
