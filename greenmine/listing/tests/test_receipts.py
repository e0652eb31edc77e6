"""Receipt codes: the parser accepts what people type back and nothing that cannot be a code."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from greenmine.listing.receipts import ALPHABET, LENGTH, new_receipt, parse_receipt


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("K7QD-3MZX-PW2H-9RTC", "K7QD-3MZX-PW2H-9RTC"),
        ("k7qd3mzxpw2h9rtc", "K7QD-3MZX-PW2H-9RTC"),
        ("  k7qd 3mzx pw2h 9rtc ", "K7QD-3MZX-PW2H-9RTC"),
        ("K7QD_3MZX-PW2H 9RTC", "K7QD-3MZX-PW2H-9RTC"),
        ("K7QD-3MZX-PW2H-9RT", None),  # 15 characters
        ("K7QD-3MZX-PW2H-9RTCA", None),  # 17 characters
        ("K7QD-3MZX-PW2H-9RT0", None),  # 0 is not in the alphabet (looks like O)
        ("K7QD-3MZX-PW2H-9RT1", None),  # 1 is not in the alphabet (looks like I)
        ("K7QD-3MZX-PW2H-9RTO", None),
        ("", None),
        ("异议异议异议异议异议异议异议异议", None),
    ],
)
def test_parse_receipt(typed: str, expected: str | None) -> None:
    assert parse_receipt(typed) == expected


def test_new_receipts_are_canonical_and_differ() -> None:
    codes = {new_receipt() for _ in range(200)}
    assert len(codes) == 200
    assert all(parse_receipt(code) == code and len(code) == LENGTH + 3 for code in codes)


@given(st.text(alphabet=ALPHABET, min_size=LENGTH, max_size=LENGTH), st.sampled_from(["", " ", "-"]))
def test_any_code_round_trips_however_it_is_typed(raw: str, sep: str) -> None:
    canonical = parse_receipt(raw)
    assert canonical is not None and canonical.replace("-", "") == raw
    typed = sep.join(raw[i : i + 4] for i in range(0, LENGTH, 4)).lower()
    assert parse_receipt(typed) == canonical


@given(st.text(max_size=40))
def test_parse_never_fails_and_answers_only_canonical_codes(text: str) -> None:
    result = parse_receipt(text)
    assert result is None or (len(result) == 19 and set(result.replace("-", "")) <= set(ALPHABET))
