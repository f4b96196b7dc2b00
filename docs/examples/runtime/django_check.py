"""Start Django on the envguard-backed settings, run its system checks, serve one request.

python django_check.py           # what the tests run (from the project directory)
"""

from __future__ import annotations

import logging
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "django_settings")

import django
from django.conf import settings
from django.core.management import call_command
from django.test import Client

django.setup()  # imports django_settings: envguard.load() runs here
call_command("check")
response = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0]).get("/health")
print(response.status_code, response.json())
logging.getLogger("django.request").warning("secret key: %s", settings.SECRET_KEY)  # masked
