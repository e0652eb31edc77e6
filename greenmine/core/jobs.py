"""Clock jobs of the core app."""

from datetime import datetime

from greenmine.core.audit import write_head
from greenmine.core.clock import clock_job


@clock_job("core.audit_head", period="daily", description="Write the audit chain's head out of the database.")
def write_audit_head(now: datetime) -> str:
    """Write today's head of the audit chain to the head file, so deleting the newest rows shows."""
    entry = write_head(now.date())
    return f"head #{entry['id']}" if entry else "audit log empty"
