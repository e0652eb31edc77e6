"""Admission pages (准入审查): layers, rules, checks, the overlap audit and withdrawal cases."""

from django.urls import path

from greenmine.admission import views

app_name = "admission"

urlpatterns = [
    path("layers/", views.layer_list, name="layer_list"),
    path("layers/import/", views.layer_import, name="layer_import"),
    path("layers/<int:pk>/", views.layer_detail, name="layer_detail"),
    path("rules/", views.rule_list, name="rule_list"),
    path("rules/<int:pk>/edit/", views.rule_edit, name="rule_edit"),
    path("checks/", views.check_list, name="check_list"),
    path("checks/new/", views.check_create, name="check_create"),
    path("checks/<int:pk>/", views.check_detail, name="check_detail"),
    path("checks/<int:pk>/report.<str:fmt>", views.check_report, name="check_report"),
    path("audit/", views.audit, name="audit"),
    path("audit/open/", views.audit_open, name="audit_open"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("cases/<int:pk>/progress/", views.case_progress, name="case_progress"),
    path("cases/<int:pk>/close/", views.case_close, name="case_close"),
]
