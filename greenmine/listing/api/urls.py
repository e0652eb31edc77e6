"""/api/v1/ routes of the listing app (a SimpleRouter: the API root belongs to core's router)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from greenmine.listing.api import views

router = SimpleRouter()
router.register("listing/reviews", views.ReviewViewSet, basename="listing-review")
router.register("listing/opinions", views.OpinionViewSet, basename="listing-opinion")
router.register("listing/notices", views.NoticeViewSet, basename="listing-notice")
router.register("listing/objections", views.ObjectionViewSet, basename="listing-objection")
router.register("listing/recommendations", views.RecommendationViewSet, basename="listing-recommendation")
router.register("listing/listings", views.ListingViewSet, basename="listing-listing")

urlpatterns = [
    path("", include(router.urls)),
    path("listing/public/objections/", views.PublicObjectionView.as_view(), name="listing-public-objection"),
    path(
        "listing/public/receipts/<str:code>/",
        views.PublicReceiptView.as_view(),
        name="listing-public-receipt",
    ),
]
