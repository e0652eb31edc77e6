"""The project's URLs. Each app mounts its pages under its own prefix and its API under /api/v1/."""

from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from greenmine.core import views as core_views
from greenmine.core.forms import PasswordChangeForm, SetPasswordForm

auth_patterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(form_class=PasswordChangeForm),
        name="password_change",
    ),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=SetPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include(auth_patterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("core/", include("greenmine.core.urls")),
    path("standards/", include("greenmine.standards.urls")),
    path("registry/", include("greenmine.registry.urls")),
    path("assessments/", include("greenmine.assessments.urls")),
    path("admission/", include("greenmine.admission.urls")),
    path("supervision/", include("greenmine.supervision.urls")),
    path("thirdparty/", include("greenmine.thirdparty.urls")),
    path("listing/", include("greenmine.listing.urls")),
    path("api/v1/", include("greenmine.core.api.urls")),
    path("api/v1/", include("greenmine.standards.api.urls")),
    path("api/v1/", include("greenmine.registry.api.urls")),
    path("api/v1/", include("greenmine.assessments.api.urls")),
    path("api/v1/", include("greenmine.admission.api.urls")),
    path("api/v1/", include("greenmine.supervision.api.urls")),
    path("api/v1/", include("greenmine.thirdparty.api.urls")),
    path("api/v1/", include("greenmine.listing.api.urls")),
]

handler403 = "greenmine.core.views.permission_denied"
handler404 = "greenmine.core.views.page_not_found"
handler500 = "greenmine.core.views.server_error"
