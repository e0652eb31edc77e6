"""Template helpers of the registry's maps."""

from typing import Any

from django import template

register = template.Library()


@register.simple_tag
def map_tiles() -> dict[str, Any]:
    """The base-map settings (URL, attribution, subdomains) as the map scripts read them."""
    from greenmine.registry.views_data import tile_config  # the views import the models: load lazily

    return tile_config()
