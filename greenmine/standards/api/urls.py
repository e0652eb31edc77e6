"""/api/v1/ routes of the standards app (mounted beside the core API)."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from greenmine.standards.api import views

router = DefaultRouter()
router.include_root_view = False  # the core API owns /api/v1/ and its "api-root" name

router.register("standards", views.StandardViewSet, basename="standard")
router.register("standard-versions", views.StandardVersionViewSet, basename="standard-version")

urlpatterns = [path("", include(router.urls))]
