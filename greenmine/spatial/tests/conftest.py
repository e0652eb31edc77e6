"""Test configuration: Hypothesis without an on-disk example database (nothing written to the repo)."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "greenmine-spatial",
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("greenmine-spatial")
