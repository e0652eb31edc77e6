"""/api/v1/ routes of the registry (a SimpleRouter: the API root belongs to core's router)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from greenmine.registry.api import views

router = SimpleRouter()
router.register("mines", views.MineViewSet, basename="registry-mine")
router.register("mining-rights", views.MiningRightViewSet, basename="registry-mining-right")
router.register("exploration-rights", views.ExplorationRightViewSet, basename="registry-exploration-right")
router.register(
    "exploration-projects", views.ExplorationProjectViewSet, basename="registry-exploration-project"
)
router.register("enterprise-profiles", views.EnterpriseProfileViewSet, basename="registry-enterprise-profile")

urlpatterns = [
    path("coords/check/", views.coords_check, name="registry-coords-check"),
    path("", include(router.urls)),
]
