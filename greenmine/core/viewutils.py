"""Small helpers shared by the views of every app."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where it names one, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def paginate(request: HttpRequest, queryset: Any, per_page: int = 50) -> Page:
    """One page of a list; a page number out of range gives the last page, a bad one the first."""
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


def querystring_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def run_action(request: HttpRequest, obj: Any, call: Any, done: str, route: str) -> HttpResponse:
    """A POST button's view body: call the service on `obj`; on success say `done` and go to the page
    (`route`) of what the service returned (a revision is a new record) or of `obj`; on a refused state
    change show the service's reasons on `obj`'s page. Nothing is lost: a button posts no typed text."""
    try:
        result = call(obj)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(route, pk=obj.pk)
    messages.success(request, done)
    return redirect(route, pk=(result or obj).pk)
