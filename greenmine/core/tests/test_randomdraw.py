"""The reproducible draw: literal ranks computed independently with coreutils' sha256sum
(`printf 'hulin-2026\\nmine:2' | sha256sum`), and properties any draw must have."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from greenmine.core.randomdraw import DrawError, DrawRecord, draw, new_seed, rank, ranking, record

POOL = ["mine:1", "mine:2", "mine:3", "mine:4", "mine:5"]


def test_rank_is_sha256_of_seed_newline_key() -> None:
    assert rank("hulin-2026", "mine:2") == (
        "46c1bb155329b30104ebdb22305cdc755b0e96d9a30bc799af1b50edd9226e9a"
    )


@pytest.mark.parametrize(
    ("k", "expected"),
    [
        (0, []),
        (1, ["mine:2"]),
        (2, ["mine:2", "mine:3"]),
        (3, ["mine:2", "mine:3", "mine:4"]),
        (5, ["mine:2", "mine:3", "mine:4", "mine:5", "mine:1"]),
    ],
)
def test_draw_takes_the_smallest_ranks(k: int, expected: list[str]) -> None:
    assert draw("hulin-2026", POOL, k) == expected


def test_the_pool_order_does_not_matter() -> None:
    assert draw("hulin-2026", list(reversed(POOL)), 2) == ["mine:2", "mine:3"]


@pytest.mark.parametrize(
    ("seed", "pool", "k", "message"),
    [
        ("s", POOL, 6, "Cannot draw 6 from a pool of 5."),
        ("s", POOL, -1, "The number to draw must not be negative."),
        ("", POOL, 1, "The seed is empty."),
        ("s", ["a", "b", "a"], 1, "The pool lists these keys more than once: a."),
        ("s", ["a", ""], 1, "The pool has empty keys at positions 2."),
    ],
)
def test_impossible_draws_are_refused_with_the_reason(
    seed: str, pool: list[str], k: int, message: str
) -> None:
    with pytest.raises(DrawError) as raised:
        draw(seed, pool, k)
    assert str(raised.value) == message


def test_a_record_verifies_and_a_tampered_one_does_not() -> None:
    kept = record("hulin-2026", POOL, 2)
    assert kept.verify()
    assert not DrawRecord(kept.seed, kept.pool, 2, ("mine:1", "mine:3")).verify()
    assert not DrawRecord("hulin-2027", kept.pool, 2, kept.result).verify()


def test_new_seeds_are_32_hex_characters_and_differ() -> None:
    seeds = {new_seed() for _ in range(20)}
    assert len(seeds) == 20
    assert all(len(s) == 32 and int(s, 16) >= 0 for s in seeds)


keys = st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=30, unique=True)


@given(seed=st.text(min_size=1).filter(str.strip), pool=keys, data=st.data())
def test_draws_are_reproducible_nested_and_from_the_pool(
    seed: str, pool: list[str], data: st.DataObject
) -> None:
    k = data.draw(st.integers(min_value=0, max_value=len(pool)))
    drawn = draw(seed, pool, k)
    assert drawn == draw(seed, list(reversed(pool)), k)
    assert len(set(drawn)) == k and set(drawn) <= set(pool)
    assert drawn == [key for _r, key in ranking(seed, pool)][:k]
    if k < len(pool):
        assert draw(seed, pool, k + 1)[:k] == drawn
