"""Projects envguard has not seen, shaped like public open-source SaaS repositories.

Each stack recreates the *shape* of a real project's committed env template (variable
names, the kind of placeholder it ships, its Prisma schema, compose file and
dependencies), never its text. Two ways each:

* the template as committed (placeholders, empty values, local URLs): ``envguard check``
  on the project, ``envguard scan .`` and ``envguard env-files`` on the example file
  must stay quiet, because that is what a maintainer commits;
* a well-kept production deployment: every key present, in its provider's documented
  shape, strong, https. ``check``, ``check -e production``, ``scan .`` and ``env-files``
  must all report nothing. A finding here is a false alarm, i.e. a bug.

Then realistic mistakes are planted one at a time and must be caught by the rule a
reviewer would expect. Keys are generated at test time (``egtest.fake``), so the
repository's own ``envguard scan .`` stays clean.
"""

from __future__ import annotations

import json
import re
import secrets
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from egtest import assert_no_secret, chdir, fake, run


def strong(n: int = 32) -> str:
    return secrets.token_urlsafe(n)


def hexkey(nbytes: int = 32) -> str:
    return secrets.token_hex(nbytes)


def committing(template: str, value: str) -> str:
    """The template with the random-looking value its maintainers committed (generated
    here: this file is scanned too)."""
    return template.replace("{committed}", value)


class Stack(NamedTuple):
    template: str  # the committed example file, recreated in shape
    prod: dict[str, str]  # a well-kept production deployment
    files: dict[str, str]  # prisma schema, compose, package.json, settings...
    example: str = ".env.example"
    # Keys the real template commits with a random-looking value (cal.com's CRON_API_KEY):
    # envguard is right to warn (EG310, EG352); a well-kept copy leaves them empty.
    committed_secrets: tuple[str, ...] = ()

    def well_kept_template(self) -> str:
        out = self.template
        for key in self.committed_secrets:
            out = re.sub(rf"^{key}=.*$", f"{key}=", out, flags=re.MULTILINE)
        return out


def _pkg(name: str, *deps: str, dev: tuple[str, ...] = ()) -> str:
    return json.dumps(
        {
            "name": name,
            "private": True,
            "dependencies": dict.fromkeys(deps, "^1.0.0"),
            "devDependencies": dict.fromkeys(dev, "^1.0.0"),
        },
        indent=2,
    )


PRISMA_PG = """\
generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider  = "postgresql"
  url       = env("DATABASE_URL")
  directUrl = env("DATABASE_DIRECT_URL")
}
"""


def calcom() -> Stack:
    """Scheduling (cal.com shape): Next.js + Prisma on Postgres, Stripe Connect, SendGrid,
    Twilio, Daily video, PostHog, Sentry; an AES key for stored credentials."""
    template = """\
# Licence: leave empty for the AGPL build
CALCOM_LICENSE_KEY=
# ---- database ----
DATABASE_URL="postgresql://postgres:@localhost:5450/calendso"
DATABASE_DIRECT_URL="postgresql://postgres:@localhost:5450/calendso"
UPSTASH_REDIS_REST_URL=
UPSTASH_REDIS_REST_TOKEN=
INSIGHTS_DATABASE_URL=
# ---- shared ----
NEXT_PUBLIC_WEBAPP_URL='http://localhost:3000'
NEXT_PUBLIC_WEBSITE_URL='http://localhost:3000'
NEXT_PUBLIC_EMBED_LIB_URL='http://localhost:3000/embed/embed.js'
NEXTAUTH_URL='http://localhost:3000'
# openssl rand -base64 32
NEXTAUTH_SECRET=
NEXTAUTH_COOKIE_DOMAIN=
# openssl rand -base64 24 (it must be 32 bytes for AES256)
CALENDSO_ENCRYPTION_KEY=
CRON_API_KEY='{committed}'
CRON_ENABLE_APP_SYNC=false
NEXT_PUBLIC_MINUTES_TO_BOOK=5 # Minutes
ALLOWED_HOSTNAMES='"cal.com","cal.dev","cal-staging.com","localhost:3000"'
RESERVED_SUBDOMAINS='"app","auth","docs","design","console","go","status","api"'
NEXT_PUBLIC_POSTHOG_KEY=
NEXT_PUBLIC_POSTHOG_HOST=
NEXT_PUBLIC_SENTRY_DSN=
SENTRY_AUTH_TOKEN=
NEXT_PUBLIC_STRIPE_PUBLIC_KEY=
STRIPE_PRIVATE_KEY=
STRIPE_CLIENT_ID=
STRIPE_WEBHOOK_SECRET=
PAYMENT_FEE_FIXED=10
PAYMENT_FEE_PERCENTAGE=0.005
DAILY_API_KEY=
DAILY_SCALE_PLAN=''
TWILIO_SID=
TWILIO_TOKEN=
TWILIO_MESSAGING_SID=
TWILIO_PHONE_NUMBER=
NEXT_PUBLIC_SENDER_ID=
# ---- e-mail ----
EMAIL_FROM='notifications@yourselfhostedcal.com'
EMAIL_FROM_NAME='Cal.com'
EMAIL_SERVER_HOST='localhost'
EMAIL_SERVER_PORT=1025
EMAIL_SERVER_USER=
EMAIL_SERVER_PASSWORD=
SENDGRID_API_KEY=
SENDGRID_EMAIL=
NEXT_PUBLIC_VAPID_PUBLIC_KEY=
VAPID_PRIVATE_KEY=
CALCOM_TELEMETRY_DISABLED=
"""
    pw = strong(18)
    prod = {
        "DATABASE_URL": f"postgresql://cal:{pw}@db.prod.internal:5432/calendso?sslmode=require",
        "DATABASE_DIRECT_URL": f"postgresql://cal:{pw}@db.prod.internal:5432/calendso?sslmode=require",
        "UPSTASH_REDIS_REST_URL": fake("upstash-redis-url"),
        "UPSTASH_REDIS_REST_TOKEN": fake("upstash-token"),
        "NEXT_PUBLIC_WEBAPP_URL": "https://app.acmecal.com",
        "NEXT_PUBLIC_WEBSITE_URL": "https://acmecal.com",
        "NEXT_PUBLIC_EMBED_LIB_URL": "https://app.acmecal.com/embed/embed.js",
        "NEXTAUTH_URL": "https://app.acmecal.com",
        "NEXTAUTH_SECRET": strong(32),
        "NEXTAUTH_COOKIE_DOMAIN": ".acmecal.com",
        "CALENDSO_ENCRYPTION_KEY": strong(24),
        "CRON_API_KEY": hexkey(16),
        "CRON_ENABLE_APP_SYNC": "true",
        "NEXT_PUBLIC_MINUTES_TO_BOOK": "5",
        "ALLOWED_HOSTNAMES": '\'"acmecal.com","app.acmecal.com"\'',
        "RESERVED_SUBDOMAINS": '\'"app","auth","docs","api"\'',
        "NEXT_PUBLIC_POSTHOG_KEY": fake("posthog-project-key"),
        "NEXT_PUBLIC_POSTHOG_HOST": "https://eu.i.posthog.com",
        "NEXT_PUBLIC_SENTRY_DSN": fake("sentry-dsn"),
        "SENTRY_AUTH_TOKEN": fake("sentry-auth-token"),
        "NEXT_PUBLIC_STRIPE_PUBLIC_KEY": fake("stripe-publishable-key", "live"),
        "STRIPE_PRIVATE_KEY": fake("stripe-secret-key", "live"),
        "STRIPE_CLIENT_ID": "ca_" + secrets.token_hex(16),
        "STRIPE_WEBHOOK_SECRET": fake("stripe-webhook-secret"),
        "PAYMENT_FEE_FIXED": "10",
        "PAYMENT_FEE_PERCENTAGE": "0.005",
        "DAILY_API_KEY": hexkey(32),
        "TWILIO_SID": fake("twilio-account-sid"),
        "TWILIO_TOKEN": fake("twilio-auth-token"),
        "TWILIO_MESSAGING_SID": "MG" + secrets.token_hex(16),
        "TWILIO_PHONE_NUMBER": "+14155550123",
        "NEXT_PUBLIC_SENDER_ID": "AcmeCal",
        "EMAIL_FROM": "notifications@acmecal.com",
        "EMAIL_FROM_NAME": "AcmeCal",
        "EMAIL_SERVER_HOST": "smtp.sendgrid.net",
        "EMAIL_SERVER_PORT": "587",
        "EMAIL_SERVER_USER": "apikey",
        "EMAIL_SERVER_PASSWORD": (sg := fake("sendgrid-api-key")),
        "SENDGRID_API_KEY": sg,
        "SENDGRID_EMAIL": "notifications@acmecal.com",
        "CALCOM_TELEMETRY_DISABLED": "1",
    }
    files = {
        "packages/prisma/schema.prisma": PRISMA_PG,
        "package.json": _pkg("calcom-monorepo", "next", "@prisma/client", "stripe", "@sendgrid/mail", "twilio"),
        "docker-compose.yml": "services:\n  database:\n    image: postgres:15\n    ports: ['5450:5432']\n",
    }
    return Stack(committing(template, hexkey(16)), prod, files, committed_secrets=("CRON_API_KEY",))


def documenso() -> Stack:
    """Document signing (documenso shape): NEXT_PRIVATE_ names for server values, Prisma
    on Postgres with a direct URL, S3-compatible uploads, SMTP or Resend, Stripe."""
    template = """\
# [[AUTH]]
NEXTAUTH_SECRET="secret"
NEXT_PRIVATE_GOOGLE_CLIENT_ID=""
NEXT_PRIVATE_GOOGLE_CLIENT_SECRET=""
# [[CRYPTO]]
# Application key for symmetric encryption and decryption
# REQUIRED: This should be a random string of at least 32 characters
NEXT_PRIVATE_ENCRYPTION_KEY="CAFEBABE"
# REQUIRED: used for key rotation, at least 32 characters
NEXT_PRIVATE_ENCRYPTION_SECONDARY_KEY="DEADBEEF"
# [[URLS]]
NEXT_PUBLIC_WEBAPP_URL="http://localhost:3000"
NEXT_PRIVATE_INTERNAL_WEBAPP_URL="http://localhost:3000"
# [[DATABASE]]
NEXT_PRIVATE_DATABASE_URL="postgres://documenso:password@127.0.0.1:54320/documenso"
NEXT_PRIVATE_DIRECT_DATABASE_URL="postgres://documenso:password@127.0.0.1:54320/documenso"
# [[SIGNING]]
NEXT_PRIVATE_SIGNING_TRANSPORT="local"
NEXT_PRIVATE_SIGNING_PASSPHRASE=
NEXT_PRIVATE_SIGNING_LOCAL_FILE_PATH=
# [[STORAGE]]
NEXT_PUBLIC_UPLOAD_TRANSPORT="database"
NEXT_PRIVATE_UPLOAD_ENDPOINT=
NEXT_PRIVATE_UPLOAD_FORCE_PATH_STYLE=
NEXT_PRIVATE_UPLOAD_REGION="unknown"
NEXT_PRIVATE_UPLOAD_BUCKET=
NEXT_PRIVATE_UPLOAD_ACCESS_KEY_ID=
NEXT_PRIVATE_UPLOAD_SECRET_ACCESS_KEY=
# [[SMTP]]
NEXT_PRIVATE_SMTP_TRANSPORT="smtp-auth"
NEXT_PRIVATE_SMTP_HOST="127.0.0.1"
NEXT_PRIVATE_SMTP_PORT=2500
NEXT_PRIVATE_SMTP_USERNAME="documenso"
NEXT_PRIVATE_SMTP_PASSWORD="password"
NEXT_PRIVATE_SMTP_SECURE=
NEXT_PRIVATE_RESEND_API_KEY=
NEXT_PRIVATE_SMTP_FROM_NAME="Documenso"
NEXT_PRIVATE_SMTP_FROM_ADDRESS="noreply@documenso.com"
# [[STRIPE]]
NEXT_PRIVATE_STRIPE_API_KEY=
NEXT_PRIVATE_STRIPE_WEBHOOK_SECRET=
# [[FEATURES]]
NEXT_PUBLIC_POSTHOG_KEY=""
NEXT_PUBLIC_DOCUMENT_SIZE_UPLOAD_LIMIT=5
NEXT_PUBLIC_DISABLE_SIGNUP=
NEXT_PRIVATE_JOBS_PROVIDER="local"
NEXT_PRIVATE_INNGEST_EVENT_KEY=
INNGEST_SIGNING_KEY=
"""
    pw = strong(18)
    prod = {
        "NEXTAUTH_SECRET": strong(32),
        "NEXT_PRIVATE_GOOGLE_CLIENT_ID": fake("google-client-id"),
        "NEXT_PRIVATE_GOOGLE_CLIENT_SECRET": fake("google-client-secret"),
        "NEXT_PRIVATE_ENCRYPTION_KEY": strong(32),
        "NEXT_PRIVATE_ENCRYPTION_SECONDARY_KEY": strong(32),
        "NEXT_PUBLIC_WEBAPP_URL": "https://sign.acme.io",
        "NEXT_PRIVATE_INTERNAL_WEBAPP_URL": "http://localhost:3000",
        "NEXT_PRIVATE_DATABASE_URL": f"postgres://documenso:{pw}@pg.acme.internal:5432/documenso",
        "NEXT_PRIVATE_DIRECT_DATABASE_URL": f"postgres://documenso:{pw}@pg.acme.internal:5432/documenso",
        "NEXT_PRIVATE_SIGNING_TRANSPORT": "local",
        "NEXT_PRIVATE_SIGNING_PASSPHRASE": strong(24),
        "NEXT_PRIVATE_SIGNING_LOCAL_FILE_PATH": "/opt/documenso/cert.p12",
        "NEXT_PUBLIC_UPLOAD_TRANSPORT": "s3",
        "NEXT_PRIVATE_UPLOAD_ENDPOINT": "https://" + fake("cloudflare-id") + ".r2.cloudflarestorage.com",
        "NEXT_PRIVATE_UPLOAD_FORCE_PATH_STYLE": "false",
        "NEXT_PRIVATE_UPLOAD_REGION": "auto",
        "NEXT_PRIVATE_UPLOAD_BUCKET": "acme-documents",
        "NEXT_PRIVATE_UPLOAD_ACCESS_KEY_ID": hexkey(16),
        "NEXT_PRIVATE_UPLOAD_SECRET_ACCESS_KEY": hexkey(32),
        "NEXT_PRIVATE_SMTP_TRANSPORT": "resend",
        "NEXT_PRIVATE_RESEND_API_KEY": fake("resend-api-key"),
        "NEXT_PRIVATE_SMTP_FROM_NAME": "Acme Sign",
        "NEXT_PRIVATE_SMTP_FROM_ADDRESS": "noreply@acme.io",
        "NEXT_PRIVATE_STRIPE_API_KEY": fake("stripe-secret-key", "live"),
        "NEXT_PRIVATE_STRIPE_WEBHOOK_SECRET": fake("stripe-webhook-secret"),
        "NEXT_PUBLIC_POSTHOG_KEY": fake("posthog-project-key"),
        "NEXT_PUBLIC_DOCUMENT_SIZE_UPLOAD_LIMIT": "5",
        "NEXT_PUBLIC_DISABLE_SIGNUP": "false",
        "NEXT_PRIVATE_JOBS_PROVIDER": "inngest",
        "NEXT_PRIVATE_INNGEST_EVENT_KEY": fake("inngest-event-key"),
        "INNGEST_SIGNING_KEY": fake("inngest-signing-key", "live"),
    }
    schema = PRISMA_PG.replace('env("DATABASE_URL")', 'env("NEXT_PRIVATE_DATABASE_URL")').replace(
        'env("DATABASE_DIRECT_URL")', 'env("NEXT_PRIVATE_DIRECT_DATABASE_URL")'
    )
    files = {
        "packages/prisma/schema.prisma": schema,
        "package.json": _pkg("documenso", "@prisma/client", "nodemailer", "stripe", "inngest", "posthog-js"),
        "docker/compose.yml": "services:\n  database:\n    image: postgres:15\n    ports: ['54320:5432']\n",
    }
    return Stack(template, prod, files)


def formbricks() -> Stack:
    """Surveys (formbricks shape): hex secrets from `openssl rand -hex 32`, SMTP with 0/1
    flags, S3-compatible storage, Redis, optional OAuth and Stripe."""
    template = """\
WEBAPP_URL=http://localhost:3000
NEXTAUTH_URL=http://localhost:3000
# openssl rand -hex 32
ENCRYPTION_KEY=
NEXTAUTH_SECRET=
CRON_SECRET=
DATABASE_URL='postgresql://postgres:postgres@localhost:5432/formbricks?schema=public'
REDIS_URL=redis://localhost:6379
MAIL_FROM=noreply@example.com
MAIL_FROM_NAME=Formbricks
SMTP_HOST=localhost
SMTP_PORT=1025
SMTP_SECURE_ENABLED=0
SMTP_USER=smtpUser
SMTP_PASSWORD=smtpPassword
SMTP_AUTHENTICATED=1
SMTP_REJECT_UNAUTHORIZED_TLS=0
S3_ACCESS_KEY=
S3_SECRET_KEY=
S3_REGION=
S3_BUCKET_NAME=
S3_ENDPOINT_URL=
S3_FORCE_PATH_STYLE=0
EMAIL_VERIFICATION_DISABLED=1
PASSWORD_RESET_DISABLED=1
RATE_LIMITING_DISABLED=0
GITHUB_ID=
GITHUB_SECRET=
GOOGLE_CLIENT_ID=
GOOGLE_CLIENT_SECRET=
STRIPE_SECRET_KEY=
STRIPE_WEBHOOK_SECRET=
SENTRY_DSN=
POSTHOG_API_KEY=
POSTHOG_API_HOST=
"""
    pw = strong(18)
    prod = {
        "WEBAPP_URL": "https://surveys.acme.com",
        "NEXTAUTH_URL": "https://surveys.acme.com",
        "ENCRYPTION_KEY": hexkey(32),
        "NEXTAUTH_SECRET": hexkey(32),
        "CRON_SECRET": hexkey(32),
        "DATABASE_URL": f"postgresql://formbricks:{pw}@db.acme.internal:5432/formbricks?schema=public",
        "REDIS_URL": f"rediss://default:{strong(18)}@cache.acme.internal:6380",
        "MAIL_FROM": "surveys@acme.com",
        "MAIL_FROM_NAME": "Acme Surveys",
        "SMTP_HOST": "email-smtp.eu-west-1.amazonaws.com",
        "SMTP_PORT": "465",
        "SMTP_SECURE_ENABLED": "1",
        "SMTP_USER": fake("aws-access-key-id"),
        "SMTP_PASSWORD": strong(33),
        "SMTP_AUTHENTICATED": "1",
        "SMTP_REJECT_UNAUTHORIZED_TLS": "1",
        "S3_ACCESS_KEY": fake("aws-access-key-id", seed=1),
        "S3_SECRET_KEY": fake("aws-secret-access-key"),
        "S3_REGION": "eu-west-1",
        "S3_BUCKET_NAME": "acme-formbricks-uploads",
        "S3_FORCE_PATH_STYLE": "0",
        "EMAIL_VERIFICATION_DISABLED": "0",
        "PASSWORD_RESET_DISABLED": "0",
        "RATE_LIMITING_DISABLED": "0",
        "GITHUB_ID": fake("github-client-id"),
        "GITHUB_SECRET": fake("github-client-secret"),
        "GOOGLE_CLIENT_ID": fake("google-client-id"),
        "GOOGLE_CLIENT_SECRET": fake("google-client-secret"),
        "STRIPE_SECRET_KEY": fake("stripe-secret-key", "live"),
        "STRIPE_WEBHOOK_SECRET": fake("stripe-webhook-secret"),
        "SENTRY_DSN": fake("sentry-dsn"),
        "POSTHOG_API_KEY": fake("posthog-project-key"),
        "POSTHOG_API_HOST": "https://eu.i.posthog.com",
    }
    schema = """\
generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["postgresqlExtensions"]
}

datasource db {
  provider   = "postgresql"
  url        = env("DATABASE_URL")
  extensions = [pgvector(map: "vector")]
}
"""
    files = {
        "packages/database/schema.prisma": schema,
        "package.json": _pkg("formbricks", "@prisma/client", "ioredis", "nodemailer", "@aws-sdk/client-s3"),
        "docker-compose.dev.yml": (
            "services:\n  postgres:\n    image: pgvector/pgvector:pg17\n    ports: ['5432:5432']\n"
            "  valkey:\n    image: valkey/valkey:8\n    ports: ['6379:6379']\n"
        ),
    }
    return Stack(template, prod, files)


def dub() -> Stack:
    """Link management (dub shape): Prisma on PlanetScale MySQL with the serverless
    driver, Upstash Redis and QStash, Tinybird, Vercel domains API, R2 storage."""
    template = """\
NEXT_PUBLIC_APP_NAME=Dub
NEXT_PUBLIC_APP_DOMAIN=dub.co
NEXT_PUBLIC_APP_SHORT_DOMAIN=dub.sh
TINYBIRD_API_KEY=
TINYBIRD_API_URL=https://api.tinybird.co
PROJECT_ID_VERCEL=
TEAM_ID_VERCEL=
AUTH_BEARER_TOKEN=
UPSTASH_REDIS_REST_URL=
UPSTASH_REDIS_REST_TOKEN=
QSTASH_TOKEN=
QSTASH_CURRENT_SIGNING_KEY=
QSTASH_NEXT_SIGNING_KEY=
DATABASE_URL=
PLANETSCALE_DATABASE_URL=http://root:unused@localhost:3900
# openssl rand -base64 32
NEXTAUTH_SECRET=
NEXTAUTH_URL=http://localhost:8888
GOOGLE_CLIENT_ID=
GOOGLE_CLIENT_SECRET=
GITHUB_CLIENT_ID=
GITHUB_CLIENT_SECRET=
RESEND_API_KEY=
STORAGE_ACCESS_KEY_ID=
STORAGE_SECRET_ACCESS_KEY=
STORAGE_ENDPOINT=
STORAGE_BASE_URL=
STRIPE_SECRET_KEY=
STRIPE_WEBHOOK_SECRET=
OPENAI_API_KEY=
ANTHROPIC_API_KEY=
CRON_SECRET=
"""
    account = fake("cloudflare-id")
    prod = {
        "NEXT_PUBLIC_APP_NAME": "Shortly",
        "NEXT_PUBLIC_APP_DOMAIN": "shortly.io",
        "NEXT_PUBLIC_APP_SHORT_DOMAIN": "shrt.ly",
        "TINYBIRD_API_KEY": "p." + strong(150),
        "TINYBIRD_API_URL": "https://api.us-east.aws.tinybird.co",
        "PROJECT_ID_VERCEL": fake("vercel-project-id"),
        "TEAM_ID_VERCEL": "team_" + secrets.token_hex(12),
        "AUTH_BEARER_TOKEN": strong(18),
        "UPSTASH_REDIS_REST_URL": fake("upstash-redis-url"),
        "UPSTASH_REDIS_REST_TOKEN": fake("upstash-token"),
        "QSTASH_TOKEN": strong(60),
        "QSTASH_CURRENT_SIGNING_KEY": fake("qstash-signing-key"),
        "QSTASH_NEXT_SIGNING_KEY": fake("qstash-signing-key", seed=1),
        "DATABASE_URL": f"mysql://{strong(9)}:pscale_pw_{strong(32)}@aws.connect.psdb.cloud/shortly?sslaccept=strict",
        "PLANETSCALE_DATABASE_URL": f"https://{strong(9)}:pscale_pw_{strong(32)}@aws.connect.psdb.cloud",
        "NEXTAUTH_SECRET": strong(32),
        "NEXTAUTH_URL": "https://app.shortly.io",
        "GOOGLE_CLIENT_ID": fake("google-client-id"),
        "GOOGLE_CLIENT_SECRET": fake("google-client-secret"),
        "GITHUB_CLIENT_ID": fake("github-client-id"),
        "GITHUB_CLIENT_SECRET": fake("github-client-secret"),
        "RESEND_API_KEY": fake("resend-api-key"),
        "STORAGE_ACCESS_KEY_ID": hexkey(16),
        "STORAGE_SECRET_ACCESS_KEY": hexkey(32),
        "STORAGE_ENDPOINT": f"https://{account}.r2.cloudflarestorage.com/shortly",
        "STORAGE_BASE_URL": "https://cdn.shortly.io",
        "STRIPE_SECRET_KEY": fake("stripe-secret-key", "live"),
        "STRIPE_WEBHOOK_SECRET": fake("stripe-webhook-secret"),
        "OPENAI_API_KEY": fake("openai-api-key"),
        "ANTHROPIC_API_KEY": fake("anthropic-api-key"),
        "CRON_SECRET": strong(32),
    }
    schema = """\
generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["driverAdapters"]
}

datasource db {
  provider     = "mysql"
  url          = env("DATABASE_URL")
  relationMode = "prisma"
}
"""
    files = {
        "packages/prisma/schema/schema.prisma": schema,
        "package.json": _pkg(
            "dub",
            "next",
            "@prisma/client",
            "@prisma/adapter-planetscale",
            "@planetscale/database",
            "@upstash/redis",
            "@upstash/qstash",
            "resend",
            "stripe",
        ),
    }
    return Stack(template, prod, files)


def twenty() -> Stack:
    """CRM (twenty shape): NestJS server on Postgres via TypeORM, Redis, Sentry with a
    separate frontend DSN, S3 storage, SMTP driver; many variables commented out."""
    template = """\
NODE_ENV=development
PG_DATABASE_URL=postgres://postgres:postgres@localhost:5432/default
REDIS_URL=redis://localhost:6379
APP_SECRET=replace_me_with_a_random_string
SERVER_URL=http://localhost:3000
SIGN_IN_PREFILLED=true
# STORAGE_TYPE=local
# STORAGE_S3_REGION=eu-west3
# STORAGE_S3_NAME=my-bucket
# STORAGE_S3_ENDPOINT=
# AUTH_GOOGLE_ENABLED=false
# AUTH_GOOGLE_CLIENT_ID=replace_me_with_google_client_id
# AUTH_GOOGLE_CLIENT_SECRET=replace_me_with_google_client_secret
# AUTH_GOOGLE_CALLBACK_URL=http://localhost:3000/auth/google/redirect
# EMAIL_DRIVER=logger
# EMAIL_SMTP_HOST=
# EMAIL_SMTP_PORT=
# EMAIL_SMTP_USER=
# EMAIL_SMTP_PASSWORD=
# EMAIL_FROM_ADDRESS=contact@yourdomain.com
# EXCEPTION_HANDLER_DRIVER=sentry
# SENTRY_DSN=https://xxx@xxx.ingest.sentry.io/xxx
# SENTRY_FRONT_DSN=https://xxx@xxx.ingest.sentry.io/xxx
# SENTRY_ENVIRONMENT=main
# LOGGER_DRIVER=console
# LOG_LEVELS=error,warn
"""
    pw = strong(18)
    dsn_server, dsn_front = fake("sentry-dsn"), fake("sentry-dsn", seed=1)
    prod = {
        "NODE_ENV": "production",
        "PG_DATABASE_URL": f"postgres://twenty:{pw}@pg.crm.internal:5432/default",
        "REDIS_URL": f"redis://default:{strong(18)}@redis.crm.internal:6379",
        "APP_SECRET": strong(32),
        "SERVER_URL": "https://crm.acme.com",
        "SIGN_IN_PREFILLED": "false",
        "STORAGE_TYPE": "s3",
        "STORAGE_S3_REGION": "eu-west-3",
        "STORAGE_S3_NAME": "acme-crm-files",
        "AUTH_GOOGLE_ENABLED": "true",
        "AUTH_GOOGLE_CLIENT_ID": fake("google-client-id"),
        "AUTH_GOOGLE_CLIENT_SECRET": fake("google-client-secret"),
        "AUTH_GOOGLE_CALLBACK_URL": "https://crm.acme.com/auth/google/redirect",
        "EMAIL_DRIVER": "smtp",
        "EMAIL_SMTP_HOST": "smtp.postmarkapp.com",
        "EMAIL_SMTP_PORT": "587",
        "EMAIL_SMTP_USER": (pm := fake("postmark-server-token")),
        "EMAIL_SMTP_PASSWORD": pm,
        "EMAIL_FROM_ADDRESS": "crm@acme.com",
        "EXCEPTION_HANDLER_DRIVER": "sentry",
        "SENTRY_DSN": dsn_server,
        "SENTRY_FRONT_DSN": dsn_front,
        "SENTRY_ENVIRONMENT": "production",
        "LOGGER_DRIVER": "console",
        "LOG_LEVELS": "error,warn",
    }
    files = {
        "package.json": _pkg("twenty-server", "@nestjs/core", "typeorm", "pg", "bullmq", "@sentry/node"),
        "docker-compose.yml": (
            "services:\n  db:\n    image: postgres:16\n  redis:\n    image: redis:7\n"
            "  server:\n    image: twentycrm/twenty:latest\n    ports: ['3000:3000']\n"
        ),
    }
    return Stack(template, prod, files)


def plane() -> Stack:
    """Project tracking (plane shape): Django API, ${VAR} interpolated database and Redis
    URLs, RabbitMQ, MinIO or S3, OpenAI, Sentry."""
    template = """\
# Database
POSTGRES_USER="plane"
POSTGRES_PASSWORD="plane"
POSTGRES_DB="plane"
PGDATA="/var/lib/postgresql/data"
DATABASE_URL=postgresql://${POSTGRES_USER}:${POSTGRES_PASSWORD}@plane-db/${POSTGRES_DB}
# Redis
REDIS_HOST="plane-redis"
REDIS_PORT="6379"
REDIS_URL="redis://${REDIS_HOST}:6379/"
# RabbitMQ
RABBITMQ_HOST="plane-mq"
RABBITMQ_PORT="5672"
RABBITMQ_USER="plane"
RABBITMQ_PASSWORD="plane"
RABBITMQ_VHOST="plane"
# Django
SECRET_KEY="{committed}"
DEBUG=0
CORS_ALLOWED_ORIGINS="http://localhost"
WEB_URL="http://localhost"
GUNICORN_WORKERS=2
# Storage
USE_MINIO=1
AWS_REGION=""
AWS_ACCESS_KEY_ID="access-key"
AWS_SECRET_ACCESS_KEY="secret-key"
AWS_S3_ENDPOINT_URL="http://plane-minio:9000"
AWS_S3_BUCKET_NAME="uploads"
FILE_SIZE_LIMIT=5242880
# AI
OPENAI_API_KEY="sk-" # deprecated
GPT_ENGINE="gpt-3.5-turbo" # deprecated
SENTRY_DSN=""
SENTRY_ENVIRONMENT="development"
"""
    prod = {
        "POSTGRES_USER": "plane",
        "POSTGRES_PASSWORD": strong(24),
        "POSTGRES_DB": "plane",
        "PGDATA": "/var/lib/postgresql/data",
        "DATABASE_URL": "postgresql://${POSTGRES_USER}:${POSTGRES_PASSWORD}@plane-db/${POSTGRES_DB}",
        "REDIS_HOST": "plane-redis",
        "REDIS_PORT": "6379",
        "REDIS_URL": "redis://${REDIS_HOST}:6379/",
        "RABBITMQ_HOST": "plane-mq",
        "RABBITMQ_PORT": "5672",
        "RABBITMQ_USER": "plane",
        "RABBITMQ_PASSWORD": strong(24),
        "RABBITMQ_VHOST": "plane",
        "SECRET_KEY": strong(50),
        "DEBUG": "0",
        "CORS_ALLOWED_ORIGINS": "https://plane.acme.com",
        "WEB_URL": "https://plane.acme.com",
        "GUNICORN_WORKERS": "4",
        "USE_MINIO": "0",
        "AWS_REGION": "eu-central-1",
        "AWS_ACCESS_KEY_ID": fake("aws-access-key-id"),
        "AWS_SECRET_ACCESS_KEY": fake("aws-secret-access-key"),
        "AWS_S3_BUCKET_NAME": "acme-plane-uploads",
        "FILE_SIZE_LIMIT": "5242880",
        "OPENAI_API_KEY": fake("openai-api-key"),
        "GPT_ENGINE": "gpt-4o-mini",
        "SENTRY_DSN": fake("sentry-dsn"),
        "SENTRY_ENVIRONMENT": "production",
    }
    files = {
        "apiserver/requirements.txt": "Django==4.2.16\ndjangorestframework\npsycopg[binary]\nredis\ncelery\nsentry-sdk\n",
        "apiserver/plane/settings/production.py": (
            "import os\n\nimport dj_database_url\n\n"
            'DATABASES = {"default": dj_database_url.config(default=os.environ.get("DATABASE_URL"))}\n'
            'SECRET_KEY = os.environ.get("SECRET_KEY")\n'
            'DEBUG = int(os.environ.get("DEBUG", "0"))\n'
        ),
        "docker-compose.yml": (
            "services:\n  plane-db:\n    image: postgres:15.7-alpine\n  plane-redis:\n    image: valkey/valkey:7.2\n"
            "  plane-mq:\n    image: rabbitmq:3.13-management-alpine\n"
        ),
    }
    return Stack(committing(template, strong(37)[:50]), prod, files, committed_secrets=("SECRET_KEY",))


def umami() -> Stack:
    """Web analytics (umami shape): Prisma on Postgres with the URL in prisma.config,
    APP_SECRET, DATABASE_TYPE naming the engine."""
    template = """\
DATABASE_URL=postgresql://umami:umami@localhost:5432/umami
DATABASE_TYPE=postgresql
APP_SECRET=replace-me-with-a-random-string
TRACKER_SCRIPT_NAME=
DISABLE_TELEMETRY=1
CLIENT_IP_HEADER=
"""
    prod = {
        "DATABASE_URL": f"postgresql://umami:{strong(18)}@pg.stats.internal:5432/umami",
        "DATABASE_TYPE": "postgresql",
        "APP_SECRET": strong(32),
        "TRACKER_SCRIPT_NAME": "stats.js",
        "DISABLE_TELEMETRY": "1",
        "CLIENT_IP_HEADER": "cf-connecting-ip",
    }
    files = {
        "prisma/schema.prisma": (
            'generator client {\n  provider = "prisma-client-js"\n}\n\n'
            'datasource db {\n  provider     = "postgresql"\n  relationMode = "prisma"\n}\n'
        ),
        "prisma.config.ts": (
            'import { defineConfig, env } from "prisma/config";\n\n'
            'export default defineConfig({\n  schema: "prisma/schema.prisma",\n'
            '  datasource: { url: env("DATABASE_URL") },\n});\n'
        ),
        "package.json": _pkg("umami", "next", "@prisma/client", "@prisma/adapter-pg"),
    }
    return Stack(template, prod, files)


def langfuse() -> Stack:
    """LLM observability (langfuse shape): Postgres + ClickHouse + Redis + S3 event
    uploads, SALT and a 64-hex ENCRYPTION_KEY, NextAuth."""
    template = """\
DATABASE_URL="postgresql://postgres:postgres@localhost:5432/postgres"
DIRECT_URL="postgresql://postgres:postgres@localhost:5432/postgres"
CLICKHOUSE_MIGRATION_URL="clickhouse://localhost:9000"
CLICKHOUSE_URL="http://localhost:8123"
CLICKHOUSE_USER="clickhouse"
CLICKHOUSE_PASSWORD="clickhouse"
CLICKHOUSE_CLUSTER_ENABLED="false"
REDIS_CONNECTION_STRING="redis://default:myredissecret@127.0.0.1:6379"
NEXTAUTH_URL="http://localhost:3000"
NEXTAUTH_SECRET="secret"
SALT="salt"
# openssl rand -hex 32
ENCRYPTION_KEY="0000000000000000000000000000000000000000000000000000000000000000"
LANGFUSE_S3_EVENT_UPLOAD_BUCKET="langfuse"
LANGFUSE_S3_EVENT_UPLOAD_REGION="auto"
LANGFUSE_S3_EVENT_UPLOAD_ACCESS_KEY_ID="minio"
LANGFUSE_S3_EVENT_UPLOAD_SECRET_ACCESS_KEY="miniosecret"
LANGFUSE_S3_EVENT_UPLOAD_ENDPOINT="http://localhost:9090"
LANGFUSE_S3_EVENT_UPLOAD_FORCE_PATH_STYLE="true"
TELEMETRY_ENABLED="false"
AUTH_GOOGLE_CLIENT_ID=
AUTH_GOOGLE_CLIENT_SECRET=
SMTP_CONNECTION_URL=
EMAIL_FROM_ADDRESS=
"""
    pw = strong(18)
    prod = {
        "DATABASE_URL": f"postgresql://langfuse:{pw}@pg.lf.internal:5432/langfuse",
        "DIRECT_URL": f"postgresql://langfuse:{pw}@pg.lf.internal:5432/langfuse",
        "CLICKHOUSE_MIGRATION_URL": "clickhouse://ch.lf.internal:9000",
        "CLICKHOUSE_URL": "https://ch.lf.internal:8443",
        "CLICKHOUSE_USER": "langfuse",
        "CLICKHOUSE_PASSWORD": strong(24),
        "CLICKHOUSE_CLUSTER_ENABLED": "false",
        "REDIS_CONNECTION_STRING": f"rediss://default:{strong(18)}@redis.lf.internal:6380",
        "NEXTAUTH_URL": "https://langfuse.acme.ai",
        "NEXTAUTH_SECRET": strong(32),
        "SALT": strong(32),
        "ENCRYPTION_KEY": hexkey(32),
        "LANGFUSE_S3_EVENT_UPLOAD_BUCKET": "acme-langfuse-events",
        "LANGFUSE_S3_EVENT_UPLOAD_REGION": "us-east-1",
        "LANGFUSE_S3_EVENT_UPLOAD_ACCESS_KEY_ID": fake("aws-access-key-id"),
        "LANGFUSE_S3_EVENT_UPLOAD_SECRET_ACCESS_KEY": fake("aws-secret-access-key"),
        "LANGFUSE_S3_EVENT_UPLOAD_FORCE_PATH_STYLE": "false",
        "TELEMETRY_ENABLED": "false",
        "AUTH_GOOGLE_CLIENT_ID": fake("google-client-id"),
        "AUTH_GOOGLE_CLIENT_SECRET": fake("google-client-secret"),
        "SMTP_CONNECTION_URL": f"smtps://apikey:{fake('sendgrid-api-key')}@smtp.sendgrid.net:465",
        "EMAIL_FROM_ADDRESS": "langfuse@acme.ai",
    }
    schema = PRISMA_PG.replace('env("DATABASE_DIRECT_URL")', 'env("DIRECT_URL")')
    files = {
        "packages/shared/prisma/schema.prisma": schema,
        "package.json": _pkg("langfuse", "next", "next-auth", "@prisma/client", "ioredis", "@clickhouse/client"),
        "docker-compose.yml": (
            "services:\n  postgres:\n    image: postgres:17\n  clickhouse:\n    image: clickhouse/clickhouse-server\n"
            "  redis:\n    image: redis:7\n  minio:\n    image: minio/minio\n"
        ),
    }
    return Stack(template, prod, files)


def saleor() -> Stack:
    """Commerce API (saleor shape): Django with DATABASE_URL, EMAIL_URL, CELERY_BROKER_URL,
    comma lists of hosts, S3 media."""
    template = """\
DEBUG=True
SECRET_KEY=changeme
DATABASE_URL=postgres://saleor:saleor@localhost:5432/saleor
ALLOWED_HOSTS=localhost,127.0.0.1
ALLOWED_CLIENT_HOSTS=localhost,127.0.0.1
PUBLIC_URL=
DEFAULT_FROM_EMAIL=noreply@example.com
EMAIL_URL=
CELERY_BROKER_URL=redis://localhost:6379/1
CACHE_URL=redis://localhost:6379/0
SENTRY_DSN=
AWS_MEDIA_BUCKET_NAME=
AWS_ACCESS_KEY_ID=
AWS_SECRET_ACCESS_KEY=
AWS_STORAGE_BUCKET_NAME=
DASHBOARD_URL=
"""
    prod = {
        "DEBUG": "False",
        "SECRET_KEY": strong(50),
        "DATABASE_URL": f"postgres://saleor:{strong(18)}@pg.shop.internal:5432/saleor",
        "ALLOWED_HOSTS": "api.acmeshop.com",
        "ALLOWED_CLIENT_HOSTS": "acmeshop.com,dashboard.acmeshop.com",
        "PUBLIC_URL": "https://api.acmeshop.com",
        "DEFAULT_FROM_EMAIL": "orders@acmeshop.com",
        "EMAIL_URL": f"smtp://apikey:{fake('sendgrid-api-key')}@smtp.sendgrid.net:587/?tls=True",
        "CELERY_BROKER_URL": f"rediss://:{strong(18)}@redis.shop.internal:6380/1",
        "CACHE_URL": f"rediss://:{strong(18)}@redis.shop.internal:6380/0",
        "SENTRY_DSN": fake("sentry-dsn"),
        "AWS_MEDIA_BUCKET_NAME": "acmeshop-media",
        "AWS_ACCESS_KEY_ID": fake("aws-access-key-id"),
        "AWS_SECRET_ACCESS_KEY": fake("aws-secret-access-key"),
        "AWS_STORAGE_BUCKET_NAME": "acmeshop-static",
        "DASHBOARD_URL": "https://dashboard.acmeshop.com/",
    }
    files = {
        "pyproject.toml": (
            '[project]\nname = "saleor"\nversion = "3.20.0"\n'
            'dependencies = ["Django>=4.2", "dj-database-url", "dj-email-url", "django-cache-url", '
            '"celery[redis]", "sentry-sdk", "django-storages[boto3]"]\n'
        ),
        "saleor/settings.py": (
            "import os\n\nimport dj_database_url\n\n"
            'DATABASES = {"default": dj_database_url.config(default="postgres://saleor:saleor@localhost:5432/saleor")}\n'
            'SECRET_KEY = os.environ.get("SECRET_KEY")\n'
        ),
    }
    return Stack(template, prod, files)


def fastapi_fullstack() -> Stack:
    """FastAPI full-stack template shape: SECRET_KEY and superuser password ship as
    `changethis`, POSTGRES_* parts instead of a URL, SMTP flags, Sentry, ENVIRONMENT."""
    template = """\
DOMAIN=localhost
FRONTEND_HOST=http://localhost:5173
ENVIRONMENT=local
PROJECT_NAME="Full Stack FastAPI Project"
STACK_NAME=full-stack-fastapi-project
BACKEND_CORS_ORIGINS="http://localhost,http://localhost:5173,https://localhost,https://localhost:5173"
SECRET_KEY=changethis
FIRST_SUPERUSER=admin@example.com
FIRST_SUPERUSER_PASSWORD=changethis
SMTP_HOST=
SMTP_USER=
SMTP_PASSWORD=
EMAILS_FROM_EMAIL=info@example.com
SMTP_TLS=True
SMTP_SSL=False
SMTP_PORT=587
POSTGRES_SERVER=localhost
POSTGRES_PORT=5432
POSTGRES_DB=app
POSTGRES_USER=postgres
POSTGRES_PASSWORD=changethis
SENTRY_DSN=
DOCKER_IMAGE_BACKEND=backend
DOCKER_IMAGE_FRONTEND=frontend
"""
    prod = {
        "DOMAIN": "acme-api.com",
        "FRONTEND_HOST": "https://dashboard.acme-api.com",
        "ENVIRONMENT": "production",
        "PROJECT_NAME": '"Acme API"',
        "STACK_NAME": "acme-api-com",
        "BACKEND_CORS_ORIGINS": '"https://dashboard.acme-api.com,https://acme-api.com"',
        "SECRET_KEY": strong(32),
        "FIRST_SUPERUSER": "ops@acme-api.com",
        "FIRST_SUPERUSER_PASSWORD": strong(24),
        "SMTP_HOST": "smtp.resend.com",
        "SMTP_USER": "resend",
        "SMTP_PASSWORD": fake("resend-api-key"),
        "EMAILS_FROM_EMAIL": "noreply@acme-api.com",
        "SMTP_TLS": "True",
        "SMTP_SSL": "False",
        "SMTP_PORT": "587",
        "POSTGRES_SERVER": "db",
        "POSTGRES_PORT": "5432",
        "POSTGRES_DB": "app",
        "POSTGRES_USER": "app",
        "POSTGRES_PASSWORD": strong(24),
        "SENTRY_DSN": fake("sentry-dsn"),
        "DOCKER_IMAGE_BACKEND": "ghcr.io/acme/backend",
        "DOCKER_IMAGE_FRONTEND": "ghcr.io/acme/frontend",
    }
    files = {
        "backend/pyproject.toml": (
            '[project]\nname = "app"\nversion = "0.1.0"\n'
            'dependencies = ["fastapi[standard]", "sqlmodel", "psycopg[binary]", "pydantic-settings", '
            '"sentry-sdk[fastapi]", "emails"]\n'
        ),
        "docker-compose.yml": (
            "services:\n  db:\n    image: postgres:17\n    env_file: [.env]\n"
            "  backend:\n    image: '${DOCKER_IMAGE_BACKEND?Variable not set}:${TAG-latest}'\n"
        ),
    }
    return Stack(template, prod, files, example=".env.example")


def saas_starter() -> Stack:
    """Next.js SaaS starter shape: Drizzle on Postgres, Stripe, AUTH_SECRET; the template
    ships prefix-only placeholders (`sk_test_***`)."""
    template = """\
POSTGRES_URL=postgresql://***
STRIPE_SECRET_KEY=sk_test_***
STRIPE_WEBHOOK_SECRET=whsec_***
BASE_URL=http://localhost:3000
AUTH_SECRET=***
"""
    prod = {
        "POSTGRES_URL": f"postgresql://neondb_owner:{strong(12)}@ep-cool-sky-123456.eu-central-1.aws.neon.tech/neondb?sslmode=require",
        "STRIPE_SECRET_KEY": fake("stripe-secret-key", "live"),
        "STRIPE_WEBHOOK_SECRET": fake("stripe-webhook-secret"),
        "BASE_URL": "https://acme-saas.com",
        "AUTH_SECRET": hexkey(32),
    }
    files = {
        "package.json": _pkg("saas-starter", "next", "drizzle-orm", "postgres", "stripe", "jose", "bcryptjs"),
        "drizzle.config.ts": (
            'import type { Config } from "drizzle-kit";\n\nexport default {\n  schema: "./lib/db/schema.ts",\n'
            '  dialect: "postgresql",\n  dbCredentials: { url: process.env.POSTGRES_URL! },\n} satisfies Config;\n'
        ),
    }
    return Stack(template, prod, files)


def t3_clerk_unkey() -> Stack:
    """create-t3-app shape with Clerk and Unkey: zod-validated env, Prisma on Postgres,
    Clerk publishable/secret keys and webhook secret, Unkey root key and API id."""
    template = """\
# When adding additional environment variables, the schema in "/src/env.js"
# should be updated accordingly.
DATABASE_URL="postgresql://postgres:password@localhost:5432/t3app"
NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_xxxxxxxxxxxxxx
CLERK_SECRET_KEY=sk_test_xxxxxxxxxxxxxx
CLERK_WEBHOOK_SECRET=whsec_xxxxxxxxxxxxxx
NEXT_PUBLIC_CLERK_SIGN_IN_URL=/sign-in
NEXT_PUBLIC_CLERK_SIGN_UP_URL=/sign-up
UNKEY_API_ID=api_xxxxxxxxxxxxxx
UNKEY_ROOT_KEY=unkey_xxxxxxxxxxxxxx
"""
    prod = {
        "DATABASE_URL": f"postgresql://app:{strong(18)}@db.t3.internal:5432/t3app",
        "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY": fake("clerk-publishable-key", "live"),
        "CLERK_SECRET_KEY": fake("clerk-secret-key", "live"),
        "CLERK_WEBHOOK_SECRET": fake("svix-webhook-secret"),
        "NEXT_PUBLIC_CLERK_SIGN_IN_URL": "/sign-in",
        "NEXT_PUBLIC_CLERK_SIGN_UP_URL": "/sign-up",
        "UNKEY_API_ID": "api_" + strong(12).replace("-", "a").replace("_", "b"),
        "UNKEY_ROOT_KEY": "unkey_" + strong(18).replace("-", "a").replace("_", "b"),
    }
    files = {
        "prisma/schema.prisma": PRISMA_PG.replace('  directUrl = env("DATABASE_DIRECT_URL")\n', ""),
        "package.json": _pkg("t3-app", "next", "@prisma/client", "@clerk/nextjs", "@unkey/api", "@t3-oss/env-nextjs"),
    }
    return Stack(template, prod, files)


def chatwoot() -> Stack:
    """Support desk (chatwoot shape): Rails with SECRET_KEY_BASE, POSTGRES_* parts, Redis
    with a password, SMTP with Rails names, S3 via ACTIVE_STORAGE_SERVICE, New Relic and
    Datadog APM."""
    template = """\
SECRET_KEY_BASE=replace_with_lengthy_secure_hex
FRONTEND_URL=http://0.0.0.0:3000
FORCE_SSL=false
ENABLE_ACCOUNT_SIGNUP=false
REDIS_URL=redis://redis:6379
REDIS_PASSWORD=
POSTGRES_HOST=postgres
POSTGRES_USERNAME=postgres
POSTGRES_PASSWORD=
RAILS_ENV=development
MAILER_SENDER_EMAIL=Chatwoot <accounts@chatwoot.com>
SMTP_ADDRESS=
SMTP_PORT=1025
SMTP_USERNAME=
SMTP_PASSWORD=
SMTP_AUTHENTICATION=
SMTP_ENABLE_STARTTLS_AUTO=true
ACTIVE_STORAGE_SERVICE=local
S3_BUCKET_NAME=
AWS_ACCESS_KEY_ID=
AWS_SECRET_ACCESS_KEY=
AWS_REGION=
SENTRY_DSN=
NEW_RELIC_LICENSE_KEY=
NEW_RELIC_APPLICATION_LOGGING_ENABLED=
DD_TRACE_AGENT_URL=
"""
    redis_pw = strong(18)
    prod = {
        "SECRET_KEY_BASE": hexkey(64),
        "FRONTEND_URL": "https://support.acme.com",
        "FORCE_SSL": "true",
        "ENABLE_ACCOUNT_SIGNUP": "false",
        "REDIS_URL": "redis://redis:6379",
        "REDIS_PASSWORD": redis_pw,
        "POSTGRES_HOST": "postgres",
        "POSTGRES_USERNAME": "chatwoot",
        "POSTGRES_PASSWORD": strong(24),
        "RAILS_ENV": "production",
        "MAILER_SENDER_EMAIL": '"Acme Support <support@acme.com>"',
        "SMTP_ADDRESS": "email-smtp.us-east-1.amazonaws.com",
        "SMTP_PORT": "587",
        "SMTP_USERNAME": fake("aws-access-key-id"),
        "SMTP_PASSWORD": strong(33),
        "SMTP_AUTHENTICATION": "login",
        "SMTP_ENABLE_STARTTLS_AUTO": "true",
        "ACTIVE_STORAGE_SERVICE": "amazon",
        "S3_BUCKET_NAME": "acme-chatwoot",
        "AWS_ACCESS_KEY_ID": fake("aws-access-key-id", seed=1),
        "AWS_SECRET_ACCESS_KEY": fake("aws-secret-access-key"),
        "AWS_REGION": "us-east-1",
        "SENTRY_DSN": fake("sentry-dsn"),
        "NEW_RELIC_LICENSE_KEY": fake("newrelic-license-key"),
        "NEW_RELIC_APPLICATION_LOGGING_ENABLED": "true",
        "DD_TRACE_AGENT_URL": "http://datadog-agent:8126",
    }
    files = {
        "Gemfile": "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'pg'\ngem 'redis'\ngem 'sidekiq'\n",
        "docker-compose.production.yaml": (
            "services:\n  postgres:\n    image: pgvector/pgvector:pg16\n  redis:\n    image: redis:alpine\n"
            '    command: ["sh", "-c", \'redis-server --requirepass "$REDIS_PASSWORD"\']\n'
        ),
    }
    return Stack(template, prod, files)


def inbox_zero() -> Stack:
    """AI email assistant (inbox-zero shape): Prisma with a fallback chain of URLs, Google
    OAuth + Pub/Sub, encryption secret and salt, Upstash and QStash, LLM keys, PostHog,
    Sentry, Resend; empty values followed by comments."""
    template = """\
DATABASE_URL="postgresql://postgres:password@localhost:5432/inboxzero?schema=public"
DIRECT_URL="postgresql://postgres:password@localhost:5432/inboxzero?schema=public"
AUTH_SECRET= # npx auth secret
NEXT_PUBLIC_BASE_URL=http://localhost:3000
GOOGLE_CLIENT_ID=
GOOGLE_CLIENT_SECRET=
GOOGLE_ENCRYPT_SECRET= # openssl rand -hex 32
GOOGLE_ENCRYPT_SALT= # openssl rand -hex 16
GOOGLE_PUBSUB_TOPIC_NAME="projects/abc/topics/xyz"
GOOGLE_PUBSUB_VERIFICATION_TOKEN= # openssl rand -hex 32
INTERNAL_API_KEY= # openssl rand -hex 32
API_KEY_SALT= # openssl rand -hex 32
UPSTASH_REDIS_URL="http://localhost:8079"
UPSTASH_REDIS_TOKEN="dev_token"
REDIS_URL= # used for subscriptions: rediss://:password@host:port
QSTASH_TOKEN=
QSTASH_CURRENT_SIGNING_KEY=
QSTASH_NEXT_SIGNING_KEY=
DEFAULT_LLM_PROVIDER=anthropic
ANTHROPIC_API_KEY=
OPENAI_API_KEY=
NEXT_PUBLIC_POSTHOG_KEY=
POSTHOG_API_SECRET=
RESEND_API_KEY=
NEXT_PUBLIC_SENTRY_DSN=
SENTRY_AUTH_TOKEN=
SENTRY_ORGANIZATION=
SENTRY_PROJECT=
CRON_SECRET=
"""
    pw = strong(18)
    prod = {
        "DATABASE_URL": f"postgresql://inbox:{pw}@db.inbox.internal:6543/inboxzero?pgbouncer=true",
        "DIRECT_URL": f"postgresql://inbox:{pw}@db.inbox.internal:5432/inboxzero",
        "AUTH_SECRET": strong(32),
        "NEXT_PUBLIC_BASE_URL": "https://mail.acme.ai",
        "GOOGLE_CLIENT_ID": fake("google-client-id"),
        "GOOGLE_CLIENT_SECRET": fake("google-client-secret"),
        "GOOGLE_ENCRYPT_SECRET": hexkey(32),
        "GOOGLE_ENCRYPT_SALT": hexkey(16),
        "GOOGLE_PUBSUB_TOPIC_NAME": "projects/acme-mail/topics/gmail-push",
        "GOOGLE_PUBSUB_VERIFICATION_TOKEN": hexkey(32),
        "INTERNAL_API_KEY": hexkey(32),
        "API_KEY_SALT": hexkey(32),
        "UPSTASH_REDIS_URL": fake("upstash-redis-url"),
        "UPSTASH_REDIS_TOKEN": fake("upstash-token"),
        "REDIS_URL": f"rediss://default:{strong(24)}@eu1-sharp-cat-31337.upstash.io:6379",
        "QSTASH_TOKEN": strong(60),
        "QSTASH_CURRENT_SIGNING_KEY": fake("qstash-signing-key"),
        "QSTASH_NEXT_SIGNING_KEY": fake("qstash-signing-key", seed=1),
        "DEFAULT_LLM_PROVIDER": "anthropic",
        "ANTHROPIC_API_KEY": fake("anthropic-api-key"),
        "OPENAI_API_KEY": fake("openai-api-key"),
        "NEXT_PUBLIC_POSTHOG_KEY": fake("posthog-project-key"),
        "POSTHOG_API_SECRET": fake("posthog-personal-key"),
        "RESEND_API_KEY": fake("resend-api-key"),
        "NEXT_PUBLIC_SENTRY_DSN": fake("sentry-dsn"),
        "SENTRY_AUTH_TOKEN": fake("sentry-auth-token"),
        "SENTRY_ORGANIZATION": "acme",
        "SENTRY_PROJECT": "inbox",
        "CRON_SECRET": strong(32),
    }
    files = {
        "apps/web/prisma/schema.prisma": (
            'generator client {\n  provider = "prisma-client-js"\n}\n\n'
            'datasource db {\n  provider  = "postgresql"\n  url       = env("DATABASE_URL")\n'
            '  directUrl = env("DIRECT_URL")\n}\n'
        ),
        "package.json": _pkg(
            "inbox-zero", "next", "@prisma/client", "@upstash/redis", "@upstash/qstash", "@ai-sdk/anthropic", "resend"
        ),
    }
    return Stack(template, prod, files)


def trigger_dev() -> Stack:
    """Background jobs (trigger.dev shape): Remix webapp, SESSION_SECRET and
    MAGIC_LINK_SECRET, a 16-byte hex ENCRYPTION_KEY, Redis parts with TLS toggles."""
    template = """\
SESSION_SECRET=abcdef1234
MAGIC_LINK_SECRET=abcdef1234
ENCRYPTION_KEY={committed} # Must be a random 16 byte hex string
DATABASE_URL=postgresql://postgres:postgres@localhost:5432/postgres?schema=public
DIRECT_URL=${DATABASE_URL}
REMIX_APP_PORT=3030
APP_ENV=development
APP_ORIGIN=http://localhost:3030
LOGIN_ORIGIN=http://localhost:3030
NODE_ENV=development
REDIS_HOST="localhost"
REDIS_PORT="6379"
REDIS_TLS_DISABLED="true"
PROVIDER_SECRET=provider-secret # generate the actual secret with `openssl rand -hex 32`
COORDINATOR_SECRET=coordinator-secret # generate the actual secret with `openssl rand -hex 32`
AUTH_GITHUB_CLIENT_ID=
AUTH_GITHUB_CLIENT_SECRET=
RESEND_API_KEY=
FROM_EMAIL=
REPLY_TO_EMAIL=
"""
    prod = {
        "SESSION_SECRET": hexkey(16),
        "MAGIC_LINK_SECRET": hexkey(16),
        "ENCRYPTION_KEY": hexkey(16),
        "DATABASE_URL": f"postgresql://trigger:{strong(18)}@pg.jobs.internal:5432/trigger?schema=public",
        "DIRECT_URL": "${DATABASE_URL}",
        "REMIX_APP_PORT": "3030",
        "APP_ENV": "production",
        "APP_ORIGIN": "https://jobs.acme.dev",
        "LOGIN_ORIGIN": "https://jobs.acme.dev",
        "NODE_ENV": "production",
        "REDIS_HOST": "redis.jobs.internal",
        "REDIS_PORT": "6379",
        "REDIS_TLS_DISABLED": "false",
        "PROVIDER_SECRET": hexkey(32),
        "COORDINATOR_SECRET": hexkey(32),
        "AUTH_GITHUB_CLIENT_ID": fake("github-client-id"),
        "AUTH_GITHUB_CLIENT_SECRET": fake("github-client-secret"),
        "RESEND_API_KEY": fake("resend-api-key"),
        "FROM_EMAIL": "Acme Jobs <jobs@acme.dev>",
        "REPLY_TO_EMAIL": "support@acme.dev",
    }
    files = {
        "internal-packages/database/prisma/schema.prisma": PRISMA_PG.replace(
            'env("DATABASE_DIRECT_URL")', 'env("DIRECT_URL")'
        ),
        "package.json": _pkg("trigger.dev", "@remix-run/node", "@prisma/client", "ioredis", "resend"),
    }
    return Stack(committing(template, hexkey(16)), prod, files, committed_secrets=("ENCRYPTION_KEY",))


STACKS: dict[str, Callable[[], Stack]] = {
    "calcom": calcom,
    "documenso": documenso,
    "formbricks": formbricks,
    "dub": dub,
    "twenty": twenty,
    "plane": plane,
    "umami": umami,
    "langfuse": langfuse,
    "saleor": saleor,
    "fastapi-fullstack": fastapi_fullstack,
    "saas-starter": saas_starter,
    "t3-clerk-unkey": t3_clerk_unkey,
    "chatwoot": chatwoot,
    "inbox-zero": inbox_zero,
    "trigger-dev": trigger_dev,
}

GITIGNORE = ".env\n.env.local\n.env.production\n.env*.local\nnode_modules/\n"


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=root, check=True, capture_output=True
    )


def build(root: Path, stack: Stack, *, prod: dict[str, str] | None) -> Path:
    """Write the project; commit what a maintainer would commit (never the real env)."""
    template = stack.template if prod is None else stack.well_kept_template()
    files = {stack.example: template, ".gitignore": GITIGNORE, **stack.files}
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "init")
    if prod is not None:
        # `cp .env.example .env.production`, then fill in: keys for features the deployment
        # does not use stay, empty (cal.com's VAPID keys, documenso's SMTP next to Resend).
        env = dict.fromkeys(template_keys(stack.template), "") | prod
        (root / ".env.production").write_text("".join(f"{k}={v}\n" for k, v in env.items()), encoding="utf-8")
    return root


def template_keys(template: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^([A-Z][A-Z0-9_]*)=", template, re.MULTILINE)]


def findings_of(root: Path, *argv: str) -> list[dict[str, Any]]:
    with chdir(root):
        code, out, err = run(*argv, "--format", "json")
    assert code in (0, 1), f"exit {code}: {err}"
    result: list[dict[str, Any]] = json.loads(out)["findings"]
    assert (code == 1) == any(f["severity"] == "error" for f in result)
    return result


def summary(findings: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [(f["code"], f.get("variable") or f.get("path") or "", f["message"]) for f in findings]


COMMANDS: dict[str, tuple[str, ...]] = {
    "check": ("check",),
    "check-production": ("check", "-e", "production"),
    "scan": ("scan", "."),
    "env-files": ("env-files",),  # no arguments: the env files git tracks (the example)
}

# What the committed templates deserve: a random-looking secret in a committed file is
# public, and whoever deploys the template unchanged runs with it. Warnings, not errors.
TEMPLATE_FINDINGS = {
    "check": {"EG310"},
    "check-production": {"EG310"},
    "scan": set(),
    "env-files": {"EG352"},
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", STACKS)
def test_committed_template_is_quiet(tmp_path: Path, name: str, command: str) -> None:
    stack = STACKS[name]()
    root = build(tmp_path / name, stack, prod=None)
    found = findings_of(root, *COMMANDS[command])
    expected = sorted((code, key) for key in stack.committed_secrets for code in TEMPLATE_FINDINGS[command])
    assert sorted((f["code"], f["variable"]) for f in found) == expected, summary(found)
    assert all(f["severity"] == "warning" for f in found)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", STACKS)
def test_well_kept_production_project_has_no_findings(tmp_path: Path, name: str, command: str) -> None:
    stack = STACKS[name]()
    root = build(tmp_path / name, stack, prod=stack.prod)
    found = findings_of(root, *COMMANDS[command])
    assert summary(found) == []
    text = json.dumps(found)
    assert_no_secret(text, *(v for v in stack.prod.values() if len(v) >= 16 and "://" not in v))


# --- planted mistakes ----------------------------------------------------------------------


class Mistake(NamedTuple):
    stack: str
    change: dict[str, str | None]  # None removes the key from the production file
    code: str
    variable: str | None
    says: str = ""  # words the message must contain, so that it explains itself


def _pg_to_planetscale() -> str:
    return f"mysql://{strong(9)}:pscale_pw_{strong(32)}@aws.connect.psdb.cloud/app?sslaccept=strict"


MISTAKES: dict[str, Callable[[], Mistake]] = {
    "stripe test key in production": lambda: Mistake(
        "calcom", {"STRIPE_PRIVATE_KEY": fake("stripe-secret-key", "test")}, "EG209", "STRIPE_PRIVATE_KEY"
    ),
    "NEXTAUTH_SECRET=changeme": lambda: Mistake("dub", {"NEXTAUTH_SECRET": "changeme"}, "EG202", "NEXTAUTH_SECRET"),
    "template's changethis kept": lambda: Mistake(
        "fastapi-fullstack", {"SECRET_KEY": "changethis"}, "EG202", "SECRET_KEY"
    ),
    "server secret behind NEXT_PUBLIC_": lambda: Mistake(
        "documenso",
        {"NEXT_PUBLIC_STRIPE_API_KEY": fake("stripe-secret-key", "live", seed=3)},
        "EG301",
        "NEXT_PUBLIC_STRIPE_API_KEY",
    ),
    "PostHog personal key in the public variable": lambda: Mistake(
        "inbox-zero",
        {"NEXT_PUBLIC_POSTHOG_KEY": fake("posthog-personal-key", seed=2)},
        "EG301",
        "NEXT_PUBLIC_POSTHOG_KEY",
    ),
    "Prisma postgresql, PlanetScale URL": lambda: Mistake(
        "t3-clerk-unkey", {"DATABASE_URL": _pg_to_planetscale()}, "EG400", "DATABASE_URL"
    ),
    "Prisma 7 config, MySQL URL": lambda: Mistake(
        "umami", {"DATABASE_URL": _pg_to_planetscale()}, "EG400", "DATABASE_URL"
    ),
    "weak session secret from the template": lambda: Mistake(
        "trigger-dev", {"SESSION_SECRET": "abcdef1234"}, "EG203", "SESSION_SECRET", "character sequences"
    ),
    "all-zero encryption key": lambda: Mistake("langfuse", {"ENCRYPTION_KEY": "0" * 64}, "EG203", "ENCRYPTION_KEY"),
    "http app URL in production": lambda: Mistake(
        "chatwoot", {"FRONTEND_URL": "http://support.acme.com"}, "EG104", "FRONTEND_URL"
    ),
    "missing Stripe webhook secret": lambda: Mistake(
        "saas-starter", {"STRIPE_WEBHOOK_SECRET": None}, "EG110", "STRIPE_WEBHOOK_SECRET"
    ),
    "missing NEXTAUTH_SECRET": lambda: Mistake(
        "dub", {"NEXTAUTH_SECRET": ""}, "EG110", "AUTH_SECRET", "NextAuth refuses to run"
    ),
    "Clerk development key in production": lambda: Mistake(
        "t3-clerk-unkey", {"CLERK_SECRET_KEY": fake("clerk-secret-key", "test")}, "EG209", "CLERK_SECRET_KEY"
    ),
    "Inngest branch key in production": lambda: Mistake(
        "documenso", {"INNGEST_SIGNING_KEY": fake("inngest-signing-key", "test")}, "EG209", "INNGEST_SIGNING_KEY"
    ),
    "Django DEBUG on in production": lambda: Mistake("saleor", {"DEBUG": "True"}, "EG107", "DEBUG", "stack traces"),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_planted_mistake_is_caught_without_leaking(tmp_path: Path, mistake: str) -> None:
    m = MISTAKES[mistake]()
    stack = STACKS[m.stack]()
    prod = dict(stack.prod)
    for key, value in m.change.items():
        if value is None:
            prod.pop(key, None)
        else:
            prod[key] = value
    if any(v is None for v in m.change.values()):
        # Removed everywhere, as a team that never heard of the variable would have it.
        stack = stack._replace(template=re.sub(rf"^({'|'.join(m.change)})=.*\n", "", stack.template, flags=re.M))
    root = build(tmp_path / m.stack, stack, prod=prod)
    found = findings_of(root, "check", "-e", "production")
    hits = [f for f in found if (f["code"], f["variable"]) == (m.code, m.variable)]
    assert hits, summary(found)
    assert any(m.says in f["message"] for f in hits), summary(hits)
    with chdir(root):
        _, text, err = run("check", "-e", "production")
    secrets_in_env = [v for v in prod.values() if len(v) >= 16 and "://" not in v]
    assert_no_secret(json.dumps(found) + text + err, *secrets_in_env)


@pytest.mark.parametrize(
    ("url", "copied"),
    [
        ("redis://redis:6379", False),  # chatwoot: a compose service name, nothing secret
        ("redis://:{pw}@redis:6379", True),
        ("redis://redis:6379/0?password={pw}", True),
        ("https://discord.com/api/webhooks/1234567890/{pw}", True),
    ],
)
def test_url_copied_from_example_is_a_leak_only_with_credentials(tmp_path: Path, url: str, copied: bool) -> None:
    value = url.replace("{pw}", strong(24))
    root = tmp_path / "p"
    root.mkdir()
    (root / ".env.example").write_text(f"REDIS_URL={value}\nALERT_WEBHOOK_SECRET_URL={value}\n")
    (root / ".env.production").write_text(f"REDIS_URL={value}\nALERT_WEBHOOK_SECRET_URL={value}\n")
    found = findings_of(root, "check", "-e", "production", "--select", "EG311")
    assert bool(found) == copied, summary(found)
