"""Registry pages: records (lists, details, forms) and data (map, Excel import/export)."""

from django.urls import include, path

app_name = "registry"

urlpatterns = [
    path("", include("greenmine.registry.urls_records")),
    path("", include("greenmine.registry.urls_data")),
]
