"""Exceptions of the spatial library.

Coordinate *input* problems never raise: they are reported as :class:`~greenmine.spatial.model.Issue`
values.  Exceptions are only for programming errors in how the library is called.
"""

from __future__ import annotations

__all__ = ["SpatialError"]


class SpatialError(ValueError):
    """A caller passed something the library cannot work with (not a data-quality problem)."""
