"""Pages of the listing app."""

from django.urls import path

from greenmine.listing.views import lists, notices, public, reviews

app_name = "listing"

urlpatterns = [
    path("reviews/", reviews.review_list, name="review_list"),
    path("reviews/new/", reviews.review_open, name="review_open"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review_detail"),
    path("reviews/<int:pk>/opinions/new/", reviews.opinion_request, name="opinion_request"),
    path("reviews/<int:pk>/decide/", reviews.review_decide, name="review_decide"),
    path("reviews/<int:pk>/recommend/", reviews.recommend, name="recommend"),
    path("opinions/", reviews.opinion_list, name="opinion_list"),
    path("opinions/<int:pk>/", reviews.opinion_answer, name="opinion_answer"),
    path("notices/", notices.notice_list, name="notice_list"),
    path("notices/new/", notices.notice_create, name="notice_create"),
    path("notices/<int:pk>/", notices.notice_detail, name="notice_detail"),
    path("notices/<int:pk>/document.<str:fmt>", notices.notice_download, name="notice_download"),
    path("objections/<int:pk>/answer/", notices.objection_answer, name="objection_answer"),
    path("recommendations/", lists.recommendation_list, name="recommendation_list"),
    path("recommendations/<int:pk>/decide/", lists.recommendation_decide, name="recommendation_decide"),
    path("listings/", lists.listing_list, name="listing_list"),
    path("listings/new/", lists.listing_record_existing, name="listing_record_existing"),
    path("listings/<int:pk>/", lists.listing_detail, name="listing_detail"),
    path("listings/<int:pk>/remove/", lists.listing_remove, name="listing_remove"),
    path("listings/<int:pk>/document.<str:fmt>", lists.listing_download, name="listing_download"),
    path("mines/<int:pk>/history/", lists.mine_history, name="mine_history"),
    path("public/notices/", public.public_notices, name="public_notices"),
    path("public/notices/<int:pk>/", public.public_notice, name="public_notice"),
    path("public/follow/", public.objection_follow, name="objection_follow"),
    path("public/list/", public.public_list, name="public_list"),
]
