from django.urls import path

from greenmine.core import audit_views, evidence_views, views

app_name = "core"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/active/", views.organisation_set_active, name="organisation_set_active"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_detail, name="user_detail"),
    path("users/<int:pk>/edit/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/password/", views.user_password, name="user_password"),
    path("users/<int:pk>/unlock/", views.user_unlock, name="user_unlock"),
    path("users/<int:pk>/active/", views.user_set_active, name="user_set_active"),
    path("memberships/<int:pk>/role/", views.membership_role, name="membership_role"),
    path("profile/", views.profile, name="profile"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/days/<int:pk>/delete/", views.calendar_day_delete, name="calendar_day_delete"),
    path("audit/", audit_views.audit_list, name="audit_list"),
    path("audit/export.xlsx", audit_views.audit_export, name="audit_export"),
    path("audit/<int:pk>/", audit_views.audit_detail, name="audit_detail"),
    path("evidence/<int:pk>/download/", evidence_views.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/thumbnail/", evidence_views.evidence_thumbnail, name="evidence_thumbnail"),
]
