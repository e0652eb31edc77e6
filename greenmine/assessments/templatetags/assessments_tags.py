"""Template filters of the assessments pages and report."""

from decimal import Decimal
from typing import Any

from django import template

register = template.Library()


@register.filter
def pts(value: Any) -> str:
    """Points without trailing zeros: 40.00 → 40, 12.50 → 12.5."""
    if value is None or value == "":
        return "—"
    text = f"{Decimal(str(value)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@register.filter
def rate(row: Any) -> str:
    return f"{(row.score / row.max * 100):.1f}%" if row.max else "—"


@register.filter
def dom_id(value: str) -> str:
    """An indicator id usable in an HTML id and a CSS selector (A1.2 → A1-2)."""
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in str(value))
