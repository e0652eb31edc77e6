"""Pages of the thirdparty app."""

from django.urls import path

from greenmine.thirdparty.views import agencies, assessments, review

app_name = "thirdparty"

urlpatterns = [
    path("", assessments.assessment_list, name="assessment_list"),
    path("commission/", assessments.commission, name="commission"),
    path("<int:pk>/", assessments.assessment_detail, name="assessment_detail"),
    path("<int:pk>/team/", assessments.assessment_team, name="assessment_team"),
    path("<int:pk>/team/draw/", assessments.assessment_draw, name="assessment_draw"),
    path("<int:pk>/declare/", assessments.assessment_declare, name="assessment_declare"),
    path("<int:pk>/review/", review.assessment_review, name="assessment_review"),
    path("<int:pk>/review/prerequisite/", review.prerequisite_verify, name="prerequisite_verify"),
    path("<int:pk>/review/veto/", review.veto_verify, name="veto_verify"),
    path("<int:pk>/review/visit/", review.site_visit, name="site_visit"),
    path("<int:pk>/review/photo/", review.site_photo, name="site_photo"),
    path("<int:pk>/review/score/<str:indicator_id>/", review.indicator_score, name="indicator_score"),
    path("<int:pk>/review/explain/<str:indicator_id>/", review.indicator_explain, name="indicator_explain"),
    path("<int:pk>/complete/", review.assessment_complete, name="assessment_complete"),
    path("<int:pk>/comparison/", review.assessment_comparison, name="assessment_comparison"),
    path("<int:pk>/report.<str:fmt>", review.report_download, name="report_download"),
    path("agencies/", agencies.agency_list, name="agency_list"),
    path("agencies/register/", agencies.agency_register, name="agency_register"),
    path("agencies/<int:pk>/", agencies.agency_detail, name="agency_detail"),
    path("agencies/<int:pk>/edit/", agencies.agency_edit, name="agency_edit"),
    path("agencies/<int:pk>/registration/", agencies.agency_registration, name="agency_registration"),
    path("agencies/<int:pk>/experts/new/", agencies.expert_create, name="expert_create"),
    path("experts/<int:pk>/edit/", agencies.expert_edit, name="expert_edit"),
    path("agencies/<int:pk>/conflicts/new/", agencies.conflict_create, name="conflict_create"),
]
