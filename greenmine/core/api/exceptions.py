"""API errors as JSON: service ValidationErrors become 400 with the fields named; nothing becomes a 500."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        detail: Any = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail=detail)
    response = drf_exception_handler(exc, context)
    if response is None and isinstance(exc, (ValueError, TypeError)):
        return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
    return response
