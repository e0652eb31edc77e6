from django.urls import path

from greenmine.assessments.views import fill, plans, reports, self_assessments

app_name = "assessments"

urlpatterns = [
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_create, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/submit/", plans.plan_submit, name="plan_submit"),
    path("plans/<int:pk>/file/", plans.plan_file, name="plan_file"),
    path("plans/<int:pk>/return/", plans.plan_return, name="plan_return"),
    path("plans/<int:pk>/revise/", plans.plan_revise, name="plan_revise"),
    path(
        "plans/<int:pk>/milestones/<int:milestone_pk>/", plans.milestone_progress, name="milestone_progress"
    ),
    path("self/", self_assessments.assessment_list, name="assessment_list"),
    path("self/new/", self_assessments.assessment_start, name="assessment_start"),
    path("self/<int:pk>/", self_assessments.assessment_detail, name="assessment_detail"),
    path("self/<int:pk>/fill/", fill.assessment_fill, name="assessment_fill"),
    path("self/<int:pk>/items/<str:indicator_id>/", fill.item_save, name="item_save"),
    path("self/<int:pk>/items/<str:indicator_id>/evidence/", fill.evidence_upload, name="evidence_upload"),
    path(
        "self/<int:pk>/items/<str:indicator_id>/evidence/<int:evidence_pk>/remove/",
        fill.evidence_detach,
        name="evidence_detach",
    ),
    path("self/<int:pk>/submit/", self_assessments.assessment_submit, name="assessment_submit"),
    path("self/<int:pk>/return/", self_assessments.assessment_return, name="assessment_return"),
    path("self/<int:pk>/accept/", self_assessments.assessment_accept, name="assessment_accept"),
    path("self/<int:pk>/revise/", self_assessments.assessment_revise, name="assessment_revise"),
    path("self/<int:pk>/report.<str:fmt>", reports.report_download, name="report_download"),
]
