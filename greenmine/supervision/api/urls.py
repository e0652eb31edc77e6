"""/api/v1/supervision/... routes (a SimpleRouter: the API root belongs to core's router)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from greenmine.supervision.api import views

router = SimpleRouter()
router.register("supervision/inspectors", views.InspectorViewSet, basename="supervision-inspector")
router.register("supervision/draws", views.DrawViewSet, basename="supervision-draw")
router.register("supervision/spot-checks", views.SpotCheckViewSet, basename="supervision-spot-check")
router.register(
    "supervision/rectification-orders",
    views.RectificationOrderViewSet,
    basename="supervision-rectification-order",
)
router.register("supervision/self-checks", views.SelfCheckViewSet, basename="supervision-self-check")

urlpatterns = [path("", include(router.urls))]
