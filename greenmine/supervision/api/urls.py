"""/api/v1/ routes of the supervision app (a SimpleRouter: the API root belongs to core's router)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

router = SimpleRouter()

urlpatterns = [path("", include(router.urls))]
