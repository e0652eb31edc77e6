"""Pages of the listing app."""

from django.urls import path  # noqa: F401

app_name = "listing"

urlpatterns: list = []
