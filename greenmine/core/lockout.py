"""What a locked-out login attempt gets: the lockout page, or JSON on the API."""

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

LOCKED_STATUS = 429


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    message = _(
        "Too many failed logins: this account is locked for a while. Try again later, or ask an "
        "administrator to lift the lock."
    )
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=LOCKED_STATUS)
    return render(request, "registration/locked_out.html", status=LOCKED_STATUS)
