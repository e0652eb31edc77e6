"""Pages of the thirdparty app."""

from django.urls import path  # noqa: F401

app_name = "thirdparty"

urlpatterns: list = []
