"""Pages of the supervision app."""

from django.urls import path

from greenmine.supervision.views import checks, draws

app_name = "supervision"

urlpatterns = [
    path("inspectors/", draws.inspector_list, name="inspector_list"),
    path("inspectors/new/", draws.inspector_create, name="inspector_create"),
    path("inspectors/<int:pk>/edit/", draws.inspector_edit, name="inspector_edit"),
    path("draws/", draws.draw_list, name="draw_list"),
    path("draws/new/", draws.draw_create, name="draw_create"),
    path("draws/<int:pk>/", draws.draw_detail, name="draw_detail"),
    path("draws/<int:pk>/draw/", draws.draw_run, name="draw_run"),
    path("draws/<int:pk>/publish/", draws.draw_publish, name="draw_publish"),
    path("public/draws/", draws.public_draw_list, name="public_draw_list"),
    path("public/draws/<int:pk>/", draws.public_draw_detail, name="public_draw_detail"),
    path("checks/", checks.check_list, name="check_list"),
    path("checks/new/", checks.check_create, name="check_create"),
    path("checks/<int:pk>/", checks.check_detail, name="check_detail"),
    path("checks/<int:pk>/record/", checks.check_record, name="check_record"),
    path("orders/", checks.order_list, name="order_list"),
    path("orders/new/", checks.order_create, name="order_create"),
    path("orders/<int:pk>/", checks.order_detail, name="order_detail"),
    path("orders/<int:pk>/reply/", checks.order_reply, name="order_reply"),
    path("orders/<int:pk>/verify/", checks.order_verify, name="order_verify"),
    path("self-checks/", checks.selfcheck_list, name="selfcheck_list"),
    path("self-checks/<int:pk>/", checks.selfcheck_detail, name="selfcheck_detail"),
    path("self-checks/<int:pk>/submit/", checks.selfcheck_submit, name="selfcheck_submit"),
    path("self-checks/<int:pk>/review/", checks.selfcheck_review, name="selfcheck_review"),
]
