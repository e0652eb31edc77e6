"""/api/v1/thirdparty/... routes of the thirdparty app (a SimpleRouter: the API root belongs to core's
router)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from greenmine.thirdparty.api import views

router = SimpleRouter()
router.register("thirdparty/agencies", views.AgencyViewSet, basename="thirdparty-agency")
router.register("thirdparty/experts", views.ExpertViewSet, basename="thirdparty-expert")
router.register("thirdparty/conflicts", views.ConflictViewSet, basename="thirdparty-conflict")
router.register("thirdparty/assessments", views.AssessmentViewSet, basename="thirdparty-assessment")

urlpatterns = [path("", include(router.urls))]
