"""Registry data pages: the map, the boundary preview, Excel template/import/export (views_data)."""

from django.urls import path

from greenmine.registry import views_data

urlpatterns = [
    path("map/", views_data.map_page, name="map"),
    path("map/data.json", views_data.map_data, name="map_data"),
    path("boundary-preview/", views_data.boundary_preview, name="boundary_preview"),
    path("excel/template.xlsx", views_data.excel_template, name="excel_template"),
    path("excel/import/", views_data.import_upload, name="import"),
    path("excel/import/<int:pk>/", views_data.import_job, name="import_job"),
    path("excel/import/<int:pk>/progress/", views_data.import_progress, name="import_progress"),
    path("excel/export.xlsx", views_data.export, name="export"),
]
