"""Reproducible random draws (双随机一公开, the random choice of an assessment team).

A draw is fair only if nobody could choose its outcome. So the seed is fixed and recorded *before*
the pool is known, and the result is a pure function of (seed, pool, k) that anyone can recompute
from what is published — no hidden state, no Python `random` whose algorithm may change between
versions:

    rank(key) = SHA-256(seed + "\\n" + key), read as a hexadecimal number
    draw      = the k keys with the smallest rank, in rank order

The pool's order does not matter (each key is ranked on its own), and drawing k+1 from the same seed
and pool extends the draw of k, so a replacement for a withdrawn member is simply the next in rank.
Framework-free and typed.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SEED_BYTES = 16


class DrawError(ValueError):
    """A draw that cannot be made as asked (too small a pool, a bad seed, duplicate keys)."""


def new_seed() -> str:
    """A fresh seed: 32 hexadecimal characters from the operating system's secure generator."""
    return secrets.token_hex(SEED_BYTES)


def rank(seed: str, key: str) -> str:
    """The hexadecimal SHA-256 rank of one pool key under a seed (smaller ranks are drawn first)."""
    return hashlib.sha256(f"{seed}\n{key}".encode()).hexdigest()


def _checked_pool(seed: str, pool: Iterable[str]) -> list[str]:
    if not seed or not seed.strip():
        raise DrawError("The seed is empty.")
    keys = list(pool)
    duplicates = sorted(key for key, count in Counter(keys).items() if count > 1)
    if duplicates:
        raise DrawError(f"The pool lists these keys more than once: {', '.join(duplicates)}.")
    empty = [index + 1 for index, key in enumerate(keys) if not key]
    if empty:
        raise DrawError(f"The pool has empty keys at positions {', '.join(map(str, empty))}.")
    return keys


def ranking(seed: str, pool: Iterable[str]) -> list[tuple[str, str]]:
    """Every key of the pool with its rank, smallest rank first (ties, impossible in practice, by key)."""
    keys = _checked_pool(seed, pool)
    return sorted(((rank(seed, key), key) for key in keys), key=lambda pair: (pair[0], pair[1]))


def draw(seed: str, pool: Sequence[str], k: int) -> list[str]:
    """The k keys of `pool` drawn under `seed`, in the order they were drawn."""
    if k < 0:
        raise DrawError("The number to draw must not be negative.")
    keys = _checked_pool(seed, pool)
    if k > len(keys):
        raise DrawError(f"Cannot draw {k} from a pool of {len(keys)}.")
    return [key for _rank, key in ranking(seed, keys)[:k]]


@dataclass(frozen=True)
class DrawRecord:
    """What is published about a draw, enough for anyone to recompute it."""

    seed: str
    pool: tuple[str, ...]
    k: int
    result: tuple[str, ...]

    def verify(self) -> bool:
        """Whether the recorded result is what the seed and pool give."""
        try:
            return tuple(draw(self.seed, self.pool, self.k)) == self.result
        except DrawError:
            return False


def record(seed: str, pool: Sequence[str], k: int) -> DrawRecord:
    """Draw and keep everything needed to check the draw later."""
    return DrawRecord(seed=seed, pool=tuple(pool), k=k, result=tuple(draw(seed, pool, k)))
