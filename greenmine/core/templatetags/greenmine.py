"""Template helpers of the shell."""

from typing import Any

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()

_SELECTS = {"select", "selectmultiple"}


@register.filter
def styled(field: BoundField) -> SafeString:
    """Render a field's widget with the theme's classes, marked invalid (and described) when it has errors."""
    widget_type = field.widget_type
    css = "form-select" if widget_type in _SELECTS else "form-control"
    attrs: dict[str, Any] = {"class": css + (" is-invalid" if field.errors else "")}
    if field.errors:
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{field.auto_id}_errors"
    return field.as_widget(attrs=attrs)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None
