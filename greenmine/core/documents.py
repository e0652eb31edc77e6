"""Generated documents (reports, notices) built once per content, not once per download.

Rendering a 100-item PDF takes seconds (WeasyPrint lays out every table row), and officials download
the same frozen report again and again. The cache key is a hash of the document's data itself, so a
change to anything the document shows (a mine renamed, a new comment) makes a new document, and a
deploy (new templates or code) starts with an empty cache because the cache lives in the process.
Memory is bounded by a byte budget; the least recently used documents go first.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

MAX_BYTES = 64 * 1024 * 1024

_lock = threading.Lock()
_cache: OrderedDict[str, bytes] = OrderedDict()
_size = 0


def content_key(kind: str, data: Any) -> str:
    """A key for a document of `kind` built from `data` (dataclasses, dicts, lists, dates, Decimals: their
    repr is stable for the same values)."""
    return hashlib.sha256(f"{kind}\n{data!r}".encode()).hexdigest()


def cached_document(kind: str, data: Any, builder: Callable[[Any], bytes]) -> bytes:
    """`builder(data)`, or the bytes it gave for the same kind and data before."""
    global _size
    key = content_key(kind, data)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    built = builder(data)
    if len(built) > MAX_BYTES // 4:
        return built  # too large to keep; never evict everything for one document
    with _lock:
        if key not in _cache:
            _cache[key] = built
            _size += len(built)
        while _size > MAX_BYTES:
            _old_key, old = _cache.popitem(last=False)
            _size -= len(old)
    return built


def clear() -> None:
    global _size
    with _lock:
        _cache.clear()
        _size = 0
