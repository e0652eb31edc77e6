"""/api/v1/ routes of plans and self-assessments (a SimpleRouter: the API root belongs to core's router)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from greenmine.assessments.api import views

router = SimpleRouter()
router.register("construction-plans", views.PlanViewSet, basename="assessments-plan")
router.register("self-assessments", views.AssessmentViewSet, basename="assessments-self-assessment")
router.register("evidence-files", views.EvidenceViewSet, basename="assessments-evidence")

urlpatterns = [path("", include(router.urls))]
