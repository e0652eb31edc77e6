"""/api/v1/: each app adds its routes to the one router here."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from greenmine.core.api import views

router = DefaultRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("users", views.UserViewSet, basename="user")
router.register("audit-events", views.AuditEventViewSet, basename="audit-event")

urlpatterns = [
    path("auth/token/", views.obtain_token, name="api-token"),
    path("me/", views.me, name="api-me"),
    path("calendar/working-days/", views.working_days, name="api-working-days"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include(router.urls)),
]
