"""End to end on projects shaped like the seeds' stacks, through the real CLI.

Well-kept projects (all keys present, valid, strong) must produce zero findings: a false
alarm is a bug. Broken copies must produce the findings a reviewer would want. Keys are
generated at test time in the providers' documented shapes.
"""

from __future__ import annotations

import base64
import json
import secrets
import shutil
import subprocess
from pathlib import Path

import pytest
from egtest import assert_no_secret, chdir, check_json, fake, run, write_project

ROOT = Path(__file__).resolve().parent.parent


def strong(n: int = 32) -> str:
    return secrets.token_urlsafe(n)


def supabase_jwt(ref: str, role: str) -> str:
    """A Supabase-style key for project ``ref`` (never signed by anyone: a test fixture)."""

    def part(obj: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")

    claims = {"iss": "supabase", "ref": ref, "role": role, "iat": 1700000000, "exp": 2015000000}
    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(claims)}.{secrets.token_urlsafe(32)}"


def test_readme_example_shows_the_seed_bugs(tmp_path: Path) -> None:
    project = tmp_path / "tailtribe"
    shutil.copytree(ROOT / "docs" / "examples" / "tailtribe", project)
    code, findings, payload = check_json(project)
    assert code == 1
    by_code = {f["code"] for f in findings}
    expected = {
        "EG400",  # Prisma says postgresql, DATABASE_URL is PlanetScale MySQL
        "EG403",  # @prisma/adapter-planetscale under a postgresql schema
        "EG401",  # directUrl = env("DIRECT_URL") but DIRECT_URL is not set
        "EG202",  # NEXTAUTH_SECRET=changeme, placeholder Resend key and Sentry DSN
        "EG209",  # a test-mode Stripe key in production
        "EG411",  # Stripe keys of mixed modes
        "EG301",  # a Stripe secret key behind NEXT_PUBLIC_
        "EG204",  # SESSION_SECRET == CSRF_SECRET
        "EG208",  # bcrypt cost 8
        "EG104",  # http:// app URL in production
        "EG105",  # NODE_ENV=development in production
        "EG106",  # commission above 100 %
        "EG110",  # Upstash URL without its token; Stripe without webhook secret
    }
    assert expected <= by_code, sorted(expected - by_code)
    text = json.dumps(payload)
    for line in (project / ".env.production").read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            value = line.split("=", 1)[1]
            if len(value) >= 12 and "://" not in value:
                assert_no_secret(text, value)


def _nest_project(root: Path, *, broken: bool) -> Path:
    """Seed 003: NestJS + Prisma on MariaDB, Valkey for cache and BullMQ, SendGrid/SES,
    S3, Datadog/New Relic, Sentry, Cloudflare, short-lived JWTs with refresh tokens."""
    db_password = strong(18)
    env = {
        "NODE_ENV": "production",
        "PORT": "3000",
        "APP_URL": "https://app.vivero.example",
        "DATABASE_URL": f"mysql://vivero:{db_password}@db.internal:3306/vivero",
        "REDIS_HOST": "valkey.internal",
        "REDIS_PORT": "6379",
        "REDIS_PASSWORD": strong(24),
        "JWT_SECRET": secrets.token_hex(32),
        "JWT_EXPIRES_IN": "15m",
        "JWT_REFRESH_SECRET": secrets.token_hex(32),
        "JWT_REFRESH_EXPIRES_IN": "7d",
        "ENCRYPTION_KEY": secrets.token_hex(32),
        "HASH_SALT_ROUNDS": "12",
        "SENDGRID_API_KEY": fake("sendgrid-api-key"),
        "EMAIL_FROM": "Vivero <noreply@vivero.example>",
        "AWS_REGION": "eu-central-1",
        "AWS_ACCESS_KEY_ID": fake("aws-access-key-id"),
        "AWS_SECRET_ACCESS_KEY": fake("aws-secret-access-key"),
        "AWS_S3_BUCKET": "vivero-uploads-prod",
        "SENTRY_DSN": fake("sentry-dsn"),
        "SENTRY_ENVIRONMENT": "production",
        "DATADOG_API_KEY": fake("datadog-api-key"),
        "NEW_RELIC_LICENSE_KEY": fake("newrelic-license-key"),
        "NEW_RELIC_APP_NAME": "vivero-api",
        "CLOUDFLARE_API_TOKEN": fake("cloudflare-api-token"),
        "CLOUDFLARE_ZONE_ID": fake("cloudflare-id"),
        "LOG_LEVEL": "info",
    }
    if broken:
        env["JWT_SECRET"] = secrets.token_hex(16)  # 128 bits: below HS256's 256
        env["JWT_EXPIRES_IN"] = "fifteen minutes"
        env["REDIS_PORT"] = "63790"
        env["SENDGRID_API_KEY"] = fake("resend-api-key")
        env["HASH_SALT_ROUNDS"] = "8"
        env["LOG_LEVEL"] = "debug"
    schema = """
generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider = "mysql"
  url      = env("DATABASE_URL")
}
"""
    compose = """
services:
  db:
    image: mariadb:10.11
    ports: ["3306:3306"]
  valkey:
    image: valkey/valkey:7.2
    ports: ["6379:6379"]
"""
    if broken:
        compose = compose.replace("mariadb:10.11", "postgres:16").replace("3306:3306", "5432:5432")
        env["DATABASE_URL"] = f"mysql://vivero:{db_password}@db:3306/vivero"
    package = {
        "name": "vivero-api",
        "dependencies": {
            "@nestjs/core": "^10.0.0",
            "@prisma/client": "^5.0.0",
            "ioredis": "^5.3.0",
            "bullmq": "^5.0.0",
        },
    }
    example = "\n".join(f"{k}=" for k in env) + "\n"
    write_project(
        root,
        {
            ".env.production": "".join(f"{k}={v}\n" for k, v in env.items()),
            ".env.example": example,
            "prisma/schema.prisma": schema,
            "docker-compose.yml": compose,
            "package.json": json.dumps(package, indent=2),
        },
    )
    return root


def _next_supabase_project(root: Path, *, broken: bool) -> Path:
    """Seed 002: Next.js on Vercel with Supabase, Upstash Redis, PostHog, Inngest, Sentry,
    Vercel Cron."""
    ref = "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(20))
    anon = supabase_jwt(ref, "anon")
    service = supabase_jwt(ref, "service_role")
    env = {
        "NODE_ENV": "production",
        "NEXT_PUBLIC_APP_URL": "https://msc.example",
        "NEXT_PUBLIC_SUPABASE_URL": f"https://{ref}.supabase.co",
        "NEXT_PUBLIC_SUPABASE_ANON_KEY": anon,
        "SUPABASE_SERVICE_ROLE_KEY": service,
        "UPSTASH_REDIS_REST_URL": fake("upstash-redis-url"),
        "UPSTASH_REDIS_REST_TOKEN": fake("upstash-token"),
        "NEXT_PUBLIC_POSTHOG_KEY": fake("posthog-project-key"),
        "NEXT_PUBLIC_POSTHOG_HOST": "https://eu.i.posthog.com",
        "INNGEST_EVENT_KEY": fake("inngest-event-key"),
        "INNGEST_SIGNING_KEY": fake("inngest-signing-key", "live"),
        "SENTRY_DSN": (dsn := fake("sentry-dsn")),
        "NEXT_PUBLIC_SENTRY_DSN": dsn,
        "SENTRY_AUTH_TOKEN": fake("sentry-auth-token"),
        "CRON_SECRET": strong(32),
        "OPENAI_API_KEY": fake("openai-api-key"),
    }
    if broken:
        env["NEXT_PUBLIC_SUPABASE_ANON_KEY"] = service  # the service_role key, shipped to browsers
        env["INNGEST_SIGNING_KEY"] = fake("inngest-signing-key", "test")
        env["NEXT_PUBLIC_POSTHOG_KEY"] = fake("posthog-personal-key")
        env["CRON_SECRET"] = "secret"
        env["NEXT_PUBLIC_SENTRY_DSN"] = fake("sentry-dsn", seed=2)
    write_project(
        root,
        {
            ".env.production": "".join(f"{k}={v}\n" for k, v in env.items()),
            ".env.example": "".join(f"{k}=\n" for k in env),
            "package.json": json.dumps(
                {"name": "msc", "dependencies": {"next": "14.2.0", "@upstash/redis": "^1.30.0", "inngest": "^3.0.0"}}
            ),
        },
    )
    return root


PROJECTS = {"nest-mariadb-valkey": _nest_project, "next-supabase-upstash": _next_supabase_project}


@pytest.mark.parametrize("name", PROJECTS)
def test_well_kept_project_has_no_findings(tmp_path: Path, name: str) -> None:
    project = PROJECTS[name](tmp_path / name, broken=False)
    code, findings, _ = check_json(project, "-e", "production")
    assert [(f["code"], f["variable"], f["message"]) for f in findings] == []
    assert code == 0


EXPECTED_BROKEN = {
    "nest-mariadb-valkey": {"EG201", "EG102", "EG108", "EG208", "EG105", "EG407"},
    "next-supabase-upstash": {"EG303", "EG209", "EG301", "EG203", "EG411"},
}


@pytest.mark.parametrize("name", PROJECTS)
def test_broken_project_is_caught_without_leaking(tmp_path: Path, name: str) -> None:
    project = PROJECTS[name](tmp_path / name, broken=True)
    code, findings, payload = check_json(project, "-e", "production")
    assert code == 1
    missing = EXPECTED_BROKEN[name] - {f["code"] for f in findings}
    assert not missing, (sorted(missing), [(f["code"], f["variable"]) for f in findings])
    text = json.dumps(payload)
    for line in (project / ".env.production").read_text().splitlines():
        value = line.split("=", 1)[1]
        if len(value) >= 16 and "://" not in value:
            assert_no_secret(text, value)
    with chdir(project):
        _, out, err = run("check", "-e", "production", "--format", "text")
    for line in (project / ".env.production").read_text().splitlines():
        value = line.split("=", 1)[1]
        if len(value) >= 16 and "://" not in value:
            assert_no_secret(out + err, value)


def test_scan_finds_a_key_pasted_into_code(tmp_path: Path) -> None:
    key = fake("stripe-secret-key", "live")
    write_project(
        tmp_path,
        {
            "src/lib/stripe.ts": f'import Stripe from "stripe";\nexport const stripe = new Stripe("{key}");\n',
            "src/lib/env.ts": "export const url = process.env.NEXT_PUBLIC_APP_URL;\n",
        },
    )
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    with chdir(tmp_path):
        code, out, err = run("scan", "--format", "json")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert [(f["path"], f["line"]) for f in findings] == [("src/lib/stripe.ts", 2)]
    assert_no_secret(out + err, key)
