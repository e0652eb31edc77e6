from django.urls import path

from greenmine.standards import views

app_name = "standards"

urlpatterns = [
    path("", views.standard_list, name="list"),
    path("import/", views.standard_import, name="import"),
    path("import/template.xlsx", views.excel_template, name="excel_template"),
    path("versions/<int:pk>/", views.version_detail, name="detail"),
    path("versions/<int:pk>/compare/", views.version_compare, name="compare"),
    path("versions/<int:pk>/yaml/", views.version_yaml, name="yaml"),
    path("versions/<int:pk>/edit/", views.version_edit, name="edit"),
    path("versions/<int:pk>/publish/", views.version_publish, name="publish"),
    path("versions/<int:pk>/new-version/", views.version_new, name="new_version"),
]
