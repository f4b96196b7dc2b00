"""Django: the settings module asks envguard for every value, so ``manage.py`` and the
WSGI/ASGI server refuse to start with a bad configuration.

Point DJANGO_SETTINGS_MODULE at this module (see django_check.py).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import envguard

env = envguard.load()

BASE_DIR = Path.cwd()
SECRET_KEY = env.SECRET_KEY.get_secret_value()
DEBUG = env.DEBUG
ALLOWED_HOSTS = env.ALLOWED_HOSTS
SESSION_COOKIE_AGE = int(env.SESSION_TTL.total_seconds())

INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions"]
ROOT_URLCONF = "django_urls"
USE_TZ = True


def _database(url: str) -> dict[str, object]:
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / parts.path.lstrip("/")}
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": parts.path.lstrip("/"),
        "USER": parts.username or "",
        "PASSWORD": parts.password or "",
        "HOST": parts.hostname or "",
        "PORT": parts.port or "",
    }


DATABASES = {"default": _database(env.DATABASE_URL.get_secret_value())}

# Every handler masks loaded secrets: the filter class shares envguard.runtime.redact's registry.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "envguard.runtime.redact.Redactor"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
