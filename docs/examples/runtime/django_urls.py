"""The URL configuration of the Django example: one health endpoint."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import path


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"debug": settings.DEBUG, "hosts": settings.ALLOWED_HOSTS})


urlpatterns = [path("health", health)]
