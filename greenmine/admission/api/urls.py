"""/api/v1/ routes of the admission app (a SimpleRouter: the API root belongs to core's router)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from greenmine.admission.api import views

router = SimpleRouter()
router.register("admission/layers", views.ReferenceLayerViewSet, basename="admission-layer")
router.register("admission/rules", views.AdmissionRuleViewSet, basename="admission-rule")
router.register("admission/checks", views.AdmissionCheckViewSet, basename="admission-check")
router.register("admission/cases", views.WithdrawalCaseViewSet, basename="admission-case")

urlpatterns = [path("", include(router.urls))]
