"""EG4xx on real project files built in tmp dirs: every rule fails and passes, the seeds'
cases are caught, and the real-world pitfalls (shared/reference/real-world-pitfalls.md,
section A) give no finding at all."""

from __future__ import annotations

import base64
import json
import random
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from envguard.core.findings import Finding, Severity

Check = Callable[..., list[Finding]]  # the ``eg4`` fixture (conftest.py)

# Credentials are generated at test time: no credential-shaped literal in the repository.
_rng = random.Random("eg4")
PW = "".join(_rng.choices(string.ascii_letters + string.digits, k=20))
PW2 = "".join(_rng.choices(string.ascii_letters + string.digits, k=20))
REF = "abcdefghijklmnopqrst"
REF2 = "tsrqponmlkjihgfedcba"


def schema(provider: str, *lines: str, generator: bool = True) -> str:
    gen = 'generator client {\n  provider = "prisma-client-js"\n}\n\n' if generator else ""
    body = "\n".join(f"  {line}" for line in lines)
    return f'{gen}datasource db {{\n  provider = "{provider}"\n{body}\n}}\n'


URL = 'url = env("DATABASE_URL")'
DIRECT = 'directUrl = env("DIRECT_URL")'


def package(*deps: str, dev: tuple[str, ...] = (), extra: dict[str, Any] | None = None) -> str:
    data: dict[str, Any] = {"name": "app", "dependencies": dict.fromkeys(deps, "^1.0.0")}
    if dev:
        data["devDependencies"] = dict.fromkeys(dev, "^1.0.0")
    data.update(extra or {})
    return json.dumps(data, indent=2) + "\n"


def supabase_pooled(port: int = 6543, ref: str = REF, flag: bool = True) -> str:
    query = "?pgbouncer=true" if flag else ""
    return f"postgresql://postgres.{ref}:{PW}@aws-0-eu-central-1.pooler.supabase.com:{port}/postgres{query}"


def supabase_direct(ref: str = REF, db: str = "postgres", user: str = "postgres") -> str:
    return f"postgresql://{user}:{PW}@db.{ref}.supabase.co:5432/{db}"


def jwt(claims: dict[str, Any]) -> str:
    def enc(obj: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    sig = "".join(_rng.choices(string.ascii_letters + string.digits, k=43))
    return f"{enc({'alg': 'HS256', 'typ': 'JWT'})}.{enc(claims)}.{sig}"


def stripe(kind: str, mode: str) -> str:
    body = "".join(_rng.choices(string.ascii_letters + string.digits, k=99))
    return f"{kind}_{mode}_{body}"


def dsn(org: int, project: int) -> str:
    key = "".join(_rng.choices("0123456789abcdef", k=32))
    return f"https://{key}@o{org}.ingest.us.sentry.io/{project}"


def summary(found: list[Finding]) -> list[tuple[str, str, str]]:
    return sorted((f.code, f.severity.label, f.location()) for f in found)


# --- failing projects -------------------------------------------------------------------

FAIL: list[tuple[str, dict[str, str], dict[str, Any], list[tuple[str, str, str]]]] = [
    (
        "seed: postgresql schema, PlanetScale MySQL URL, PlanetScale adapter",
        {
            "prisma/schema.prisma": schema("postgresql", URL),
            "package.json": package("@prisma/client", "@prisma/adapter-planetscale", "@planetscale/database"),
            ".env": f'DATABASE_URL="mysql://app:{PW}@aws.connect.psdb.cloud/app?sslaccept=strict"\n',
        },
        {},
        [
            ("EG400", "error", ".env:1:1"),
            ("EG403", "error", "package.json:5"),
            ("EG403", "warning", "package.json:6"),
        ],
    ),
    (
        "seed: SQLite schema with a Supabase Postgres URL",
        {
            "prisma/schema.prisma": schema("sqlite", URL),
            "prisma/schema-postgresql.prisma": schema("postgresql", URL, DIRECT),
            ".env": f"DATABASE_URL={supabase_pooled()}\n",
        },
        {},
        [("EG400", "error", ".env:1:1")],
    ),
    (
        "seed: MariaDB schema with a compose Postgres service the URL points at",
        {
            "prisma/schema.prisma": schema("mysql", URL),
            "compose.yaml": "services:\n  db:\n    image: postgres:16\n    ports: ['5432:5432']\n",
            ".env": f"DATABASE_URL=mysql://root:{PW}@db:3306/app\n",
        },
        {},
        [("EG407", "error", ".env:1:1")],
    ),
    (
        "seed: MariaDB schema with a compose Postgres service, URL not set yet",
        {
            "prisma/schema.prisma": schema("mysql", URL, 'relationMode = "prisma"'),
            "docker-compose.yml": "services:\n  mariadb:\n    image: postgres:16-alpine\n",
            ".env.example": "DATABASE_URL=\n",
        },
        {},
        [("EG414", "warning", "prisma/schema.prisma:6")],
    ),
    (
        "Prisma 7: the URL lives in prisma.config.ts",
        {
            "prisma/schema.prisma": schema("postgresql"),
            "prisma.config.ts": 'import { defineConfig, env } from "prisma/config";\nexport default defineConfig({\n  schema: "prisma/schema.prisma",\n  datasource: { url: env("DATABASE_URL") },\n});\n',
            ".env": f"DATABASE_URL=mysql://app:{PW}@db.example.com:3306/app\n",
        },
        {},
        [("EG400", "error", ".env:1:1")],
    ),
    (
        "Prisma 7 with no URL anywhere: DATABASE_URL is assumed, so a warning",
        {
            "prisma/schema.prisma": schema("postgresql"),
            ".env": f"DATABASE_URL=mysql://app:{PW}@db.example.com:3306/app\n",
        },
        {},
        [("EG400", "warning", ".env:1:1")],
    ),
    (
        "an env file of another environment holds the wrong kind of URL",
        {
            "prisma/schema.prisma": schema("postgresql", URL),
            ".env": f"DATABASE_URL=postgresql://app:{PW}@localhost:5432/app\n",
            ".env.production": f"DATABASE_URL=mysql://app:{PW}@aws.connect.psdb.cloud/app\n",
        },
        {},
        [("EG400", "error", ".env.production:1:1")],
    ),
    (
        "the example documents the wrong kind of URL (a warning: it does not run)",
        {
            "prisma/schema.prisma": schema("postgresql", URL),
            ".env.example": "DATABASE_URL=mysql://root@localhost:3306/app\n",
        },
        {},
        [("EG400", "warning", ".env.example:1:1")],
    ),
    (
        "two schemas chosen by scheme, and a URL that fits neither",
        {
            "package.json": package(extra={"workspaces": ["packages/*"]}),
            "packages/prisma/package.json": package("@prisma/client"),
            "packages/prisma/mysql/schema.prisma": schema("mysql"),
            "packages/prisma/postgresql/schema.prisma": schema("postgresql"),
            "packages/prisma/prisma.config.ts": "export default defineConfig({ datasource: { url: env('DATABASE_URL') } });\n",
            ".env": "DATABASE_URL=file:./dev.db\n",
        },
        {},
        [("EG400", "error", ".env:1:1")],
    ),
    (
        "libSQL URL with the sqlite provider but no libSQL adapter",
        {
            "prisma/schema.prisma": schema("sqlite", URL),
            ".env": "DATABASE_URL=libsql://app-org.turso.io\n",
        },
        {},
        [("EG400", "warning", ".env:1:1")],
    ),
    (
        "a SQLAlchemy driver suffix that Prisma does not accept",
        {
            "prisma/schema.prisma": schema("postgresql", URL),
            ".env": f"DATABASE_URL=postgresql+asyncpg://app:{PW}@db.example.com/app\n",
        },
        {},
        [("EG400", "warning", ".env:1:1")],
    ),
    (
        "DIRECT_URL referenced by the schema but not set",
        {
            "prisma/schema.prisma": schema("postgresql", URL, DIRECT),
            ".env": f"DATABASE_URL=postgresql://app:{PW}@db.example.com/app\n",
            ".env.example": "DATABASE_URL=\n# DIRECT_URL=\n",
        },
        {},
        [("EG401", "warning", "prisma/schema.prisma:8")],
    ),
    (
        "a variable the schema reads, undocumented in the example (no env file: CI)",
        {
            "prisma/schema.prisma": schema("postgresql", 'url = env("POSTGRES_PRISMA_URL")'),
            ".env.example": "DATABASE_URL=\n",
        },
        {},
        [("EG401", "warning", "prisma/schema.prisma:7")],
    ),
    (
        "PlanetScale without relationMode",
        {
            "prisma/schema.prisma": schema("mysql", URL),
            ".env": f"DATABASE_URL=mysql://app:{PW}@aws.connect.psdb.cloud/app?sslaccept=strict\n",
        },
        {},
        [("EG402", "warning", "prisma/schema.prisma:5")],
    ),
    (
        "PlanetScale driver in package.json, relationMode foreignKeys",
        {
            "prisma/schema.prisma": schema("mysql", URL, 'relationMode = "foreignKeys"'),
            "package.json": package("@planetscale/database"),
        },
        {},
        [("EG402", "warning", "prisma/schema.prisma:8")],
    ),
    (
        "PostgreSQL drivers under a mysql schema",
        {
            "prisma/schema.prisma": schema("mysql", URL, 'relationMode = "prisma"'),
            "package.json": package(
                "@prisma/adapter-neon", "@neondatabase/serverless", "pg", dev=("@prisma/adapter-pg",)
            ),
        },
        {},
        [
            ("EG403", "error", "package.json:4"),
            ("EG403", "error", "package.json:9"),
            ("EG403", "warning", "package.json:5"),
            ("EG403", "warning", "package.json:6"),
        ],
    ),
    (
        "ioredis and @upstash/redis without their variables",
        {
            "package.json": package("ioredis", "@upstash/redis"),
            ".env.example": "UPSTASH_REDIS_REST_URL=\n",
        },
        {},
        [("EG404", "warning", "package.json:4"), ("EG404", "warning", "package.json:5")],
    ),
    (
        "bullmq without a Redis variable",
        {"package.json": package("bullmq"), ".env": "APP_URL=https://app.example.com\n"},
        {},
        [("EG404", "warning", "package.json:4")],
    ),
    (
        "DIRECT_URL through the Supavisor transaction pooler too",
        {
            "prisma/schema.prisma": schema("postgresql", URL, DIRECT),
            ".env": f"DATABASE_URL={supabase_pooled()}\nDIRECT_URL={supabase_pooled(flag=False)}\n",
        },
        {},
        [("EG405", "error", ".env:2:1")],
    ),
    (
        "Neon: both URLs on the -pooler endpoint",
        {
            ".env": (
                f"DATABASE_URL=postgresql://app:{PW}@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/neondb\n"
                f"DIRECT_URL=postgresql://app:{PW}@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/neondb\n"
            ),
        },
        {},
        [("EG405", "error", ".env:2:1")],
    ),
    (
        "DIRECT_URL of another Supabase project",
        {".env": f"DATABASE_URL={supabase_pooled()}\nDIRECT_URL={supabase_direct(ref=REF2)}\n"},
        {},
        [("EG405", "error", ".env:2:1")],
    ),
    (
        "DIRECT_URL names another database",
        {".env": f"DATABASE_URL={supabase_pooled()}\nDIRECT_URL={supabase_direct(db='staging')}\n"},
        {},
        [("EG405", "error", ".env:2:1")],
    ),
    (
        "DIRECT_URL connects as another role (a warning)",
        {".env": f"DATABASE_URL={supabase_pooled()}\nDIRECT_URL={supabase_direct(user='migrator')}\n"},
        {},
        [("EG405", "warning", ".env:2:1")],
    ),
    (
        "a pair declared in crossfile.pairs",
        {
            "envguard.yaml": "crossfile:\n  pairs:\n    - [APP_DB_URL, APP_DB_MIGRATE_URL]\n",
            ".env": f"APP_DB_URL=postgresql://app:{PW}@pgbouncer:6432/app\nAPP_DB_MIGRATE_URL=postgresql://app:{PW}@pgbouncer:6432/app\n",
        },
        {},
        [("EG405", "warning", ".env:2:1")],
    ),
    (
        "Prisma 7 gives Prisma Migrate a transaction-pooled URL",
        {
            "prisma/schema.prisma": schema("postgresql"),
            "prisma.config.ts": "export default defineConfig({ datasource: { url: process.env.DATABASE_URL } });\n",
            "package.json": package("@prisma/adapter-pg"),
            ".env": f"DATABASE_URL={supabase_pooled()}\n",
        },
        {},
        [("EG405", "warning", ".env:1:1")],
    ),
    (
        "a Supavisor transaction URL without pgbouncer=true",
        {
            "prisma/schema.prisma": schema("postgresql", URL, DIRECT),
            ".env": f"DATABASE_URL={supabase_pooled(flag=False)}\nDIRECT_URL={supabase_direct()}\n",
        },
        {},
        [("EG406", "warning", ".env:1:1")],
    ),
    (
        "the URL uses the published port inside the compose network",
        {
            "compose.yaml": "services:\n  db:\n    image: postgres:16\n    ports: ['5433:5432']\n",
            ".env": f"DATABASE_URL=postgresql://app:{PW}@db:5433/app\n",
        },
        {},
        [("EG407", "warning", ".env:1:1")],
    ),
    (
        "localhost port published by a MySQL service",
        {
            "compose.yaml": "services:\n  mysql:\n    image: mysql:8\n    ports: ['5432:3306']\n",
            ".env": f"DATABASE_URL=postgresql://app:{PW}@localhost:5432/app\n",
        },
        {},
        [("EG407", "warning", ".env:1:1")],
    ),
    (
        "localhost port other than the one compose publishes",
        {
            "compose.yaml": "services:\n  db:\n    image: postgres:16\n    ports: ['5433:5432']\n",
            ".env": f"DATABASE_URL=postgresql://app:{PW}@localhost:5432/app\n",
        },
        {},
        [("EG407", "warning", ".env:1:1")],
    ),
    (
        "a compose environment URL to a Redis service that runs Postgres",
        {
            "compose.yaml": (
                "services:\n  cache:\n    image: postgres:16\n  web:\n    image: node:20\n"
                "    environment:\n      REDIS_URL: redis://cache:6379\n"
            ),
        },
        {},
        [("EG407", "error", "compose.yaml:7")],
    ),
    (
        "a compose env_file that does not exist",
        {
            "compose.yaml": "services:\n  web:\n    image: node:20\n    env_file:\n      - .env.docker\n      - path: .env.optional\n        required: false\n",
            ".env.example": "APP_URL=\n",
        },
        {},
        [("EG408", "warning", "compose.yaml:5")],
    ),
    (
        "Django ENGINE mysql against a PostgreSQL DATABASE_URL",
        {
            "manage.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
            "mysite/settings.py": "DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.mysql',\n        'NAME': 'app',\n    }\n}\n",
            ".env": f"DATABASE_URL=postgres://app:{PW}@db.example.com:5432/app\n",
        },
        {},
        [("EG409", "warning", ".env:1:1")],
    ),
    (
        "alembic.ini migrates a SQLite file while DATABASE_URL is PostgreSQL",
        {
            "pyproject.toml": "[project]\nname = 'x'\n",
            "alembic.ini": "[alembic]\nscript_location = migrations\nsqlalchemy.url = sqlite:///app.db\n",
            "migrations/env.py": "from alembic import context\n",
            ".env": f"DATABASE_URL=postgresql://app:{PW}@db.example.com:5432/app\n",
        },
        {},
        [("EG409", "warning", ".env:1:1")],
    ),
    (
        "a Flask config with a literal MySQL URI",
        {
            "requirements.txt": "flask-sqlalchemy\n",
            "app/config.py": 'class Config:\n    SQLALCHEMY_DATABASE_URI = "mysql+pymysql://app@localhost/app"\n',
            ".env": f"DATABASE_URL=postgresql://app:{PW}@db.example.com:5432/app\n",
        },
        {},
        [("EG409", "warning", ".env:1:1")],
    ),
    (
        "DATABASE_TYPE names another kind of database than DATABASE_URL",
        {".env": f"DATABASE_URL=postgresql://umami:{PW}@localhost:5432/umami\nDATABASE_TYPE=mysql\n"},
        {},
        [("EG409", "warning", ".env:1:1")],
    ),
    (
        "REDIS_URL and REDIS_HOST / REDIS_PORT / REDIS_PASSWORD disagree",
        {
            ".env": f"REDIS_URL=redis://default:{PW}@cache:6379\nREDIS_HOST=localhost\nREDIS_PORT=6380\nREDIS_PASSWORD={PW2}\n",
        },
        {},
        [("EG410", "warning", ".env:2:1"), ("EG410", "warning", ".env:3:1"), ("EG410", "warning", ".env:4:1")],
    ),
    (
        "Stripe keys in two modes",
        {
            ".env": f"STRIPE_SECRET_KEY={stripe('sk', 'live')}\nNEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY={stripe('pk', 'test')}\n"
        },
        {},
        [("EG411", "error", ".env:1:1")],
    ),
    (
        "Stripe: the odd one out of three is reported",
        {
            ".env": (
                f"STRIPE_SECRET_KEY={stripe('sk', 'test')}\nSTRIPE_PUBLISHABLE_KEY={stripe('pk', 'live')}\n"
                f"NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY={stripe('pk', 'test')}\n"
            ),
        },
        {},
        [("EG411", "error", ".env:2:1")],
    ),
    (
        "an alias stands for the variable a rule names (VITE_ for NEXT_PUBLIC_)",
        {".env": f"STRIPE_SECRET_KEY={stripe('sk', 'test')}\nVITE_STRIPE_PUBLISHABLE_KEY={stripe('pk', 'live')}\n"},
        {},
        [("EG411", "error", ".env:2:1")],
    ),
    (
        "two Sentry projects",
        {".env": f"SENTRY_DSN={dsn(1234567, 4500001)}\nNEXT_PUBLIC_SENTRY_DSN={dsn(1234567, 4500002)}\n"},
        {},
        [("EG411", "warning", ".env:2:1")],
    ),
    (
        "Supabase URL and anon key of different projects",
        {
            ".env": (
                f"NEXT_PUBLIC_SUPABASE_URL=https://{REF}.supabase.co\n"
                f"NEXT_PUBLIC_SUPABASE_ANON_KEY={jwt({'iss': 'supabase', 'ref': REF2, 'role': 'anon'})}\n"
            ),
        },
        {},
        [("EG411", "error", ".env:2:1")],
    ),
    (
        "auth URL and app URL on different origins",
        {".env": "NEXTAUTH_URL=https://app.example.com\nNEXT_PUBLIC_APP_URL=https://www.example.com\n"},
        {},
        [("EG411", "warning", ".env:2:1")],
    ),
    (
        "a project rule: same value, only in production",
        {
            "envguard.yaml": (
                "rules:\n  - consistent: [API_ORIGIN, NEXT_PUBLIC_API_ORIGIN]\n    by: value\n"
                "    environments: [production]\n    when: {FEATURE_API: 'true'}\n    severity: warning\n"
                "    message: The browser calls another API than the server.\n    hint: Use one origin.\n"
            ),
            ".env.production": "FEATURE_API=true\nAPI_ORIGIN=https://api.example.com\nNEXT_PUBLIC_API_ORIGIN=https://api2.example.com\n",
        },
        {"environment": "production"},
        [("EG411", "warning", ".env.production:3:1")],
    ),
    (
        "production and staging files list different keys; one missing from the example",
        {
            ".env.example": "APP_URL=\nSENTRY_DSN=\n",
            ".env.production": "APP_URL=https://app.example.com\nSENTRY_DSN=\nPROD_ONLY=1\n",
            ".env.staging": "APP_URL=https://staging.example.com\n",
        },
        {},
        [
            ("EG412", "warning", ".env.production:2:1"),
            ("EG412", "warning", ".env.production:3:1"),
            ("EG412", "warning", ".env.production:3:1"),
        ],
    ),
    (
        "a production file pointing at localhost",
        {
            ".env.production": "NEXTAUTH_URL=http://localhost:3000\nAPP_NAME=shop\n",
            ".env": "APP_NAME=shop\n",
            ".env.example": "NEXTAUTH_URL=\nAPP_NAME=\n",
        },
        {},
        [("EG413", "warning", ".env.production:1:1")],
    ),
    (
        "a production run: untyped URL variables to localhost",
        {".env.production": "WEBHOOK_RELAY_URL=http://127.0.0.1:9000/hook\nDATABASE_URL=postgresql://localhost/app\n"},
        {"environment": "production"},
        [("EG413", "warning", ".env.production:1:1")],
    ),
    (
        "unreadable project files are reported",
        {
            "prisma/schema.prisma": schema("postgres", URL),
            "compose.yaml": "services: [\n",
            "package.json": "{ not json",
        },
        {},
        [
            ("EG415", "warning", "compose.yaml:2"),
            ("EG415", "warning", "package.json:1"),
            ("EG415", "warning", "prisma/schema.prisma:6"),
        ],
    ),
    (
        "an invalid crossfile: entry",
        {"envguard.yaml": "crossfile:\n  pairs:\n    - [DATABASE_URL]\n  compose_files: [nope.yaml]\n"},
        {},
        [("EG499", "error", "envguard.yaml:2"), ("EG499", "error", "envguard.yaml:4")],
    ),
]


@pytest.mark.parametrize(("files", "kwargs", "expected"), [c[1:] for c in FAIL], ids=[c[0] for c in FAIL])
def test_fails(eg4: Check, files: dict[str, str], kwargs: dict[str, Any], expected: list[tuple[str, str, str]]) -> None:
    found = eg4(files, **kwargs)
    assert summary(found) == sorted(expected), "\n".join(f"{f.code} {f.location()} {f.message}" for f in found)
    for f in found:
        for secret in (PW, PW2):
            assert secret not in json.dumps(f.to_dict()), "a password leaked into a finding"
        assert f.hint, f"{f.code} has no hint"


# --- passing projects: the real-world pitfalls ---------------------------------------------

PASS: list[tuple[str, dict[str, str], dict[str, Any]]] = [
    (
        "dub: PlanetScale MySQL with relationMode, and an HTTP serverless-driver URL",
        {
            "prisma/schema.prisma": schema("mysql", URL, 'relationMode = "prisma"'),
            "package.json": package("@prisma/client", "@planetscale/database"),
            ".env": (
                f"DATABASE_URL=mysql://app:{PW}@aws.connect.psdb.cloud/dub?sslaccept=strict\n"
                "PLANETSCALE_DATABASE_URL=http://root:unused@localhost:3900\n"
            ),
            "docker-compose.yml": "services:\n  ps-mysql:\n    image: mysql:8\n  planetscale-proxy:\n    image: ghcr.io/mattrobenolt/ps-http-sim:latest\n    ports: ['3900:3900']\n",
        },
        {},
    ),
    (
        "taxonomy: ?schema=public on a MySQL URL",
        {
            "prisma/schema.prisma": schema("mysql", URL, 'relationMode = "prisma"'),
            ".env": f"DATABASE_URL=mysql://root:{PW}@localhost:3306/taxonomy?schema=public\n",
        },
        {},
    ),
    (
        "typebot: two schemas chosen by URL scheme, Prisma 7 config",
        {
            "package.json": package(extra={"workspaces": ["packages/*", "apps/*"]}),
            "packages/prisma/package.json": package("@prisma/client", "mysql2", "pg"),
            "packages/prisma/mysql/schema.prisma": schema("mysql", 'relationMode = "prisma"'),
            "packages/prisma/postgresql/schema.prisma": schema("postgresql"),
            "packages/prisma/prisma.config.ts": (
                'import { defineConfig, env } from "prisma/config";\n'
                "const schema = process.env.DATABASE_URL?.startsWith('mysql') ? 'mysql' : 'postgresql';\n"
                'export default defineConfig({ schema: `${schema}/schema.prisma`, datasource: { url: env("DATABASE_URL") } });\n'
            ),
            ".env": f"DATABASE_URL=postgresql://postgres:{PW}@localhost:5432/typebot\n",
        },
        {},
    ),
    (
        "documenso: other variable names, postgres:// alias",
        {
            "packages/prisma/package.json": package("@prisma/client"),
            "packages/prisma/schema.prisma": schema(
                "postgresql",
                'url = env("NEXT_PRIVATE_DATABASE_URL")',
                'directUrl = env("NEXT_PRIVATE_DIRECT_DATABASE_URL")',
            ),
            "package.json": package(extra={"workspaces": ["packages/*"]}),
            ".env": (
                f"NEXT_PRIVATE_DATABASE_URL=postgres://documenso:{PW}@127.0.0.1:54320/documenso\n"
                f"NEXT_PRIVATE_DIRECT_DATABASE_URL=postgres://documenso:{PW}@127.0.0.1:54320/documenso\n"
            ),
        },
        {},
    ),
    (
        "langfuse: DIRECT_URL set by the entrypoint script, shadow URL unset",
        {
            "packages/shared/prisma/schema.prisma": schema(
                "postgresql", URL, DIRECT, 'shadowDatabaseUrl = env("SHADOW_DATABASE_URL")'
            ),
            "packages/shared/package.json": package("@prisma/client"),
            "package.json": package(extra={"workspaces": ["packages/*", "web"]}),
            "web/entrypoint.sh": '#!/bin/sh\nif [ -z "$DIRECT_URL" ]; then\n  export DIRECT_URL="${DATABASE_URL}"\nfi\n',
            ".env": f"DATABASE_URL=postgresql://postgres:{PW}@localhost:5432/postgres\n",
            ".env.example": "DATABASE_URL=\n# DIRECT_URL=\n",
        },
        {},
    ),
    (
        "langfuse variant: the project lists DIRECT_URL in ignore_env_refs",
        {
            "envguard.yaml": "crossfile:\n  ignore_env_refs: [DIRECT_URL, 'SHADOW_*']\n",
            "prisma/schema.prisma": schema("postgresql", URL, DIRECT),
            ".env": f"DATABASE_URL=postgresql://postgres:{PW}@localhost:5432/postgres\n",
        },
        {},
    ),
    (
        "papermark: Vercel Postgres names, empty example values, shadow URL undocumented (CI)",
        {
            "prisma/schema.prisma": schema(
                "postgresql",
                'url = env("POSTGRES_PRISMA_URL")',
                'directUrl = env("POSTGRES_PRISMA_URL_NON_POOLING")',
                'shadowDatabaseUrl = env("POSTGRES_PRISMA_SHADOW_URL")',
            ),
            ".env.example": "POSTGRES_PRISMA_URL=\nPOSTGRES_PRISMA_URL_NON_POOLING=\n",
        },
        {},
    ),
    (
        "trigger.dev: ?schema=public, same local URL twice",
        {
            "internal-packages/database/prisma/schema.prisma": schema("postgresql", URL, DIRECT),
            ".env": (
                f"DATABASE_URL=postgresql://postgres:{PW}@localhost:5432/postgres?schema=public\n"
                f"DIRECT_URL=postgresql://postgres:{PW}@localhost:5432/postgres?schema=public\n"
            ),
            "docker/docker-compose.yml": "services:\n  database:\n    image: postgres:14\n    ports: ['5432:5432']\n",
        },
        {},
    ),
    (
        "inbox-zero: Prisma 7 fallback chain, only the last name set",
        {
            "apps/web/package.json": package("@prisma/client", "@prisma/adapter-pg"),
            "apps/web/prisma/schema.prisma": schema("postgresql"),
            "apps/web/prisma.config.ts": (
                "export default defineConfig({\n  datasource: {\n    url:\n      process.env.PREVIEW_DATABASE_URL_UNPOOLED ??\n"
                "      process.env.DIRECT_URL ??\n      process.env.DATABASE_URL_UNPOOLED ??\n      process.env.DATABASE_URL,\n  },\n});\n"
            ),
            ".env": f"DATABASE_URL=postgresql://postgres:{PW}@localhost:5432/inboxzero\n",
        },
        {},
    ),
    (
        "rallly: DIRECT_DATABASE_URL or DATABASE_URL",
        {
            "prisma/schema.prisma": schema("postgresql"),
            "prisma.config.ts": "const url = process.env.DIRECT_DATABASE_URL || process.env.DATABASE_URL;\nexport default defineConfig({ datasource: { url } });\n",
            ".env": f"DATABASE_URL=postgres://postgres:{PW}@localhost:5450/rallly\n",
        },
        {},
    ),
    (
        "formbricks: pgvector, ?schema=public, another URL with sslmode=disable",
        {
            "packages/database/schema.prisma": schema("postgresql", "extensions = [vector]"),
            "packages/database/package.json": package("@prisma/client"),
            "packages/database/prisma.config.ts": "export default defineConfig({ datasource: { url: env('DATABASE_URL'), shadowDatabaseUrl: env('SHADOW_DATABASE_URL') } });\n",
            "package.json": package(extra={"workspaces": ["packages/*"]}),
            ".env": (
                f"DATABASE_URL=postgresql://postgres:{PW}@localhost:5432/formbricks?schema=public\n"
                f"HUB_DATABASE_URL=postgresql://postgres:{PW}@localhost:5432/hub?sslmode=disable\n"
            ),
            "docker-compose.dev.yml": "services:\n  postgres:\n    image: pgvector/pgvector:pg17\n    ports: ['5432:5432']\n",
        },
        {},
    ),
    (
        "boxyhq: an unparseable placeholder URL",
        {
            "prisma/schema.prisma": schema("mysql", URL),
            ".env": "DATABASE_URL=postgresql://<USER-HERE>:<PASSWORD-HERE>@localhost:5432/<DATABASE NAME HERE>\n",
        },
        {},
    ),
    (
        "lobe-chat: a placeholder port",
        {
            "prisma/schema.prisma": schema("mysql", URL),
            ".env": "DATABASE_URL=postgres://username:password@host:port/database\n",
        },
        {},
    ),
    (
        "openstatus: libSQL over HTTP through drizzle, a libsql compose service",
        {
            "package.json": package("drizzle-orm", "@libsql/client"),
            "docker-compose.yaml": "services:\n  libsql:\n    image: ghcr.io/tursodatabase/libsql-server:latest\n    ports: ['8080:8080']\n",
            ".env": "DATABASE_URL=http://libsql:8080\nDATABASE_AUTH_TOKEN=\n",
            ".env.docker": "DATABASE_URL=http://127.0.0.1:8080\n",
        },
        {},
    ),
    (
        "libSQL with the sqlite provider and its adapter",
        {
            "prisma/schema.prisma": schema("sqlite", URL),
            "package.json": package("@prisma/adapter-libsql", "@libsql/client"),
            ".env": "DATABASE_URL=libsql://app-org.turso.io\n",
        },
        {},
    ),
    (
        "hoppscotch: compose reads .env, which is created from the committed .env.example",
        {
            "docker-compose.yml": "services:\n  backend:\n    image: node:20\n    env_file:\n      - ./.env\n",
            ".env.example": "APP_URL=\n",
        },
        {},
    ),
    (
        "langfuse: a production template keeps localhost defaults to be edited",
        {
            ".env.prod.example": 'NEXTAUTH_URL="http://localhost:3000"\nOTEL_EXPORTER_OTLP_ENDPOINT="http://localhost:4318"\n',
            ".env.example": "NEXTAUTH_URL=\n",
        },
        {},
    ),
    (
        "plane: interpolated URLs, compose services by name, Django reading DATABASE_URL",
        {
            "docker-compose.yml": (
                "services:\n  plane-db:\n    image: postgres:15.7-alpine\n  plane-redis:\n    image: valkey/valkey:7.2.5-alpine\n"
                "  api:\n    image: makeplane/plane-backend\n    env_file: [.env]\n"
            ),
            "apiserver/manage.py": "",
            "pyproject.toml": "",
            "apiserver/plane/settings/common.py": "DATABASES = {'default': dj_database_url.config()}\n",
            ".env": (
                f"POSTGRES_USER=plane\nPOSTGRES_PASSWORD={PW}\nPOSTGRES_HOST=plane-db\nPOSTGRES_DB=plane\n"
                "DATABASE_URL=postgresql://${POSTGRES_USER}:${POSTGRES_PASSWORD}@${POSTGRES_HOST}/${POSTGRES_DB}\n"
                "REDIS_HOST=plane-redis\nREDIS_PORT=6379\nREDIS_URL=redis://${REDIS_HOST}:6379/\n"
            ),
        },
        {},
    ),
    (
        "midday: region-split database URL names",
        {
            ".env": (
                f"DATABASE_PRIMARY_URL=postgresql://postgres:{PW}@db.{REF}.supabase.co:5432/postgres\n"
                f"DATABASE_FRA_URL=postgresql://postgres:{PW}@db.{REF}.supabase.co:5432/postgres\n"
            ),
        },
        {},
    ),
    (
        "umami: DATABASE_TYPE next to a matching URL",
        {
            "prisma/schema.prisma": schema("postgresql", URL, 'relationMode = "prisma"'),
            ".env": f"DATABASE_URL=postgresql://umami:{PW}@localhost:5432/umami\nDATABASE_TYPE=postgresql\n",
        },
        {},
    ),
    (
        "Supabase done right: pooled with pgbouncer=true, direct to the database",
        {
            "prisma/schema.prisma": schema("postgresql", URL, DIRECT),
            "package.json": package("@prisma/client", "@supabase/supabase-js"),
            ".env": f"DATABASE_URL={supabase_pooled()}\nDIRECT_URL={supabase_direct()}\n",
        },
        {},
    ),
    (
        "Supabase: the session pooler as the direct URL",
        {
            "prisma/schema.prisma": schema("postgresql", URL, DIRECT),
            ".env": f"DATABASE_URL={supabase_pooled()}\nDIRECT_URL={supabase_pooled(port=5432, flag=False)}\n",
        },
        {},
    ),
    (
        "Neon: pooled endpoint without pgbouncer=true, direct endpoint for migrations",
        {
            "prisma/schema.prisma": schema("postgresql", URL, DIRECT),
            ".env": (
                f"DATABASE_URL=postgresql://app:{PW}@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/neondb?sslmode=require\n"
                f"DIRECT_URL=postgresql://app:{PW}@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require\n"
            ),
        },
        {},
    ),
    (
        "compose: the service name with the container port, localhost with the published one",
        {
            "compose.yaml": "services:\n  db:\n    image: postgres:16\n    ports: ['5433:5432']\n  cache:\n    image: redis:7\n    command: redis-server --port 6380\n",
            ".env": f"DATABASE_URL=postgresql://app:{PW}@db:5432/app\nTEST_DATABASE_URL=postgresql://app:{PW}@localhost:5433/test\nREDIS_URL=redis://cache:6380\n",
        },
        {},
    ),
    (
        "Django: SQLite fallback, dj_database_url when DATABASE_URL is set",
        {
            "manage.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
            "mysite/settings.py": (
                "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n"
                "if os.environ.get('DATABASE_URL'):\n    DATABASES['default'] = dj_database_url.config()\n"
            ),
            ".env": f"DATABASE_URL=postgres://app:{PW}@db.example.com:5432/app\n",
        },
        {},
    ),
    (
        "alembic env.py overrides sqlalchemy.url from DATABASE_URL",
        {
            "alembic.ini": "[alembic]\nscript_location = alembic\nsqlalchemy.url = sqlite:///local.db\n",
            "alembic/env.py": "config.set_main_option('sqlalchemy.url', os.environ['DATABASE_URL'])\n",
            ".env": f"DATABASE_URL=postgresql://app:{PW}@db.example.com:5432/app\n",
        },
        {},
    ),
    (
        "consistent values, placeholders left out",
        {
            ".env": (
                f"STRIPE_SECRET_KEY={stripe('sk', 'test')}\nNEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY={stripe('pk', 'test')}\n"
                "STRIPE_PUBLISHABLE_KEY=pk_live_xxxxxxxxxxxx\n"
                "SENTRY_DSN=https://xxx@xxx.ingest.sentry.io/xxx\n"
                f"NEXT_PUBLIC_SENTRY_DSN={dsn(1, 2)}\n"
                "NEXTAUTH_URL=https://app.example.com\nNEXT_PUBLIC_APP_URL=https://app.example.com:443/\n"
                "AWS_REGION=eu-west-1\nAWS_DEFAULT_REGION=eu-west-1\n"
            ),
        },
        {},
    ),
    (
        "a production file pointing at localhost, allowed by the project",
        {
            "envguard.yaml": "crossfile:\n  allow_localhost: [NEXTAUTH_URL, 'INTERNAL_*']\n",
            ".env.production": "NEXTAUTH_URL=http://localhost:3000\nINTERNAL_METRICS_URL=http://127.0.0.1:9100\n",
            ".env.example": "NEXTAUTH_URL=\nINTERNAL_METRICS_URL=\n",
        },
        {},
    ),
    (
        "a production run leaves typed url variables to EG104",
        {".env.production": "NEXTAUTH_URL=http://localhost:3000\n"},
        {"environment": "production"},
    ),
    (
        "deployed files agree with each other and with the example",
        {
            ".env.example": "APP_URL=\n# SENTRY_DSN=\n",
            ".env.production": "APP_URL=https://app.example.com\nSENTRY_DSN=\n",
            ".env.staging": "APP_URL=https://staging.example.com\n# SENTRY_DSN is not used in staging\nSENTRY_DSN=\n",
            ".env.development.local": "DEBUG_ONLY=1\n",
        },
        {},
    ),
    (
        "a production run: the loaded file against the example is EG111's business",
        {".env.example": "APP_URL=\n", ".env.production": "APP_URL=https://app.example.com\nEXTRA=1\n"},
        {"environment": "production"},
    ),
    (
        "a Flask config reading DATABASE_URL",
        {
            "requirements.txt": "flask-sqlalchemy\n",
            "config.py": 'SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite:///dev.db")\n',
            ".env": f"DATABASE_URL=postgresql://app:{PW}@db.example.com:5432/app\n",
        },
        {},
    ),
    (
        "Redis clients with their variables",
        {
            "package.json": package("ioredis", "bullmq", "@upstash/redis"),
            ".env.example": "REDIS_URL=\n# KV_REST_API_URL=\n# KV_REST_API_TOKEN=\n",
        },
        {},
    ),
    (
        "Prisma Accelerate proxies any provider",
        {
            "prisma/schema.prisma": schema("mysql", URL, DIRECT, 'relationMode = "prisma"'),
            ".env": f"DATABASE_URL=prisma://accelerate.prisma-data.net/?api_key={PW}\nDIRECT_URL=mysql://app:{PW}@db.example.com/app\n",
        },
        {},
    ),
    (
        "CockroachDB provider with a postgresql:// URL",
        {
            "prisma/schema.prisma": schema("cockroachdb", URL),
            ".env": f"DATABASE_URL=postgresql://app:{PW}@free-tier.gcp-us-central1.cockroachlabs.cloud:26257/defaultdb?sslmode=verify-full\n",
        },
        {},
    ),
    (
        "no project files at all",
        {".env": "APP_URL=https://app.example.com\n"},
        {},
    ),
]


@pytest.mark.parametrize(("files", "kwargs"), [c[1:] for c in PASS], ids=[c[0] for c in PASS])
def test_passes(eg4: Check, files: dict[str, str], kwargs: dict[str, Any]) -> None:
    found = eg4(files, **kwargs)
    assert found == [], "\n".join(f"{f.code} {f.location()} {f.message}" for f in found)


# --- what the findings say -------------------------------------------------------------------


def case(name: str) -> dict[str, str]:
    """The files of a FAIL case, by its id."""
    return dict(next(c[1] for c in FAIL if c[0] == name))


def _one(found: list[Finding], code: str) -> Finding:
    matching = [f for f in found if f.code == code]
    assert len(matching) == 1, [f"{f.code} {f.message}" for f in found]
    return matching[0]


def test_seed_finding_names_both_places_and_the_likely_wrong_side(eg4: Check) -> None:
    found = eg4(case("seed: postgresql schema, PlanetScale MySQL URL, PlanetScale adapter"))
    f = _one(found, "EG400")
    assert f.variable == "DATABASE_URL"
    assert "MySQL (PlanetScale)" in f.message
    assert '"postgresql"' in f.message
    assert "prisma/schema.prisma:6" in f.message
    assert "The schema is likely the wrong side" in f.message
    assert "@prisma/adapter-planetscale" in f.message
    assert [(r.path, r.line) for r in f.related] == [("prisma/schema.prisma", 6), ("prisma/schema.prisma", 7)]
    assert f.hint is not None
    assert 'provider = "mysql"' in f.hint
    assert 'relationMode = "prisma"' in f.hint
    adapter = next(x for x in found if x.code == "EG403" and x.severity is Severity.ERROR)
    assert adapter.related[0].path == "prisma/schema.prisma"


def test_url_side_is_blamed_when_the_project_agrees_with_the_schema(eg4: Check) -> None:
    found = eg4(
        {
            "prisma/schema.prisma": schema("postgresql", URL),
            "package.json": package("@prisma/client", "@prisma/adapter-pg", "pg"),
            ".env": f"DATABASE_URL=mysql://app:{PW}@db.example.com/app\n",
        }
    )
    f = _one(found, "EG400")
    assert "DATABASE_URL is likely the wrong side" in f.message
    assert "@prisma/adapter-pg and pg" in f.message


def test_sqlite_seed_hints_at_the_schema_file_next_to_it(eg4: Check) -> None:
    f = _one(eg4(case("seed: SQLite schema with a Supabase Postgres URL")), "EG400")
    assert "PostgreSQL (Supabase, Supavisor transaction pooler)" in f.message
    assert f.hint is not None
    assert "prisma/schema-postgresql.prisma" in f.hint


def test_compose_finding_points_at_the_image(eg4: Check) -> None:
    f = _one(eg4(case("seed: MariaDB schema with a compose Postgres service the URL points at")), "EG407")
    assert "compose service db" in f.message
    assert "postgres:16" in f.message
    assert [(r.path, r.line) for r in f.related] == [("compose.yaml", 3)]


def test_missing_env_ref_points_at_the_example(eg4: Check) -> None:
    found = eg4(
        {
            "prisma/schema.prisma": schema("postgresql", URL, DIRECT),
            ".env": f"DATABASE_URL=postgresql://app:{PW}@db.example.com/app\nDIRECT_URL=\n",
            ".env.example": "DATABASE_URL=\nDIRECT_URL=\n",
        }
    )
    f = _one(found, "EG401")
    assert f.variable == "DIRECT_URL"
    assert "is empty" in f.message
    assert [(r.path, r.line) for r in f.related] == [(".env.example", 2)]
    assert f.hint is not None
    assert "crossfile.ignore_env_refs" in f.hint


def test_process_environment_satisfies_env_refs(eg4: Check) -> None:
    found = eg4(
        {"prisma/schema.prisma": schema("postgresql", URL, DIRECT)},
        environ={
            "DATABASE_URL": f"postgresql://app:{PW}@db.example.com/app",
            "DIRECT_URL": f"postgresql://app:{PW}@db.example.com/app",
        },
    )
    assert found == []


def test_process_environment_values_are_checked(eg4: Check) -> None:
    found = eg4(
        {"prisma/schema.prisma": schema("postgresql", URL)},
        environ={"DATABASE_URL": f"mysql://app:{PW}@db.example.com/app"},
    )
    assert summary(found) == [("EG400", "error", "<environ>")]


def test_redis_password_is_never_shown(eg4: Check) -> None:
    found = eg4({".env": f"REDIS_URL=redis://:{PW}@cache:6379\nREDIS_PASSWORD={PW2}\n"})
    f = _one(found, "EG410")
    text = json.dumps(f.to_dict())
    assert PW not in text
    assert PW2 not in text
    assert "REDIS_PASSWORD differs from the password inside REDIS_URL" in f.message


def test_consistent_finding_carries_the_rule_text(eg4: Check) -> None:
    f = _one(eg4(case("Stripe keys in two modes")), "EG411")
    assert f.message.startswith("Stripe keys mix test and live mode")
    assert "STRIPE_SECRET_KEY is live, NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is test" in f.message
    assert "in a development run the live one is likely wrong" in f.message
    assert f.hint is not None
    assert "Test mode toggle" in f.hint
    assert [(r.path, r.line) for r in f.related] == [(".env", 2)]


def test_consistent_rule_with_unmet_condition_is_skipped(eg4: Check) -> None:
    files = case("a project rule: same value, only in production")
    files[".env.production"] = files[".env.production"].replace("FEATURE_API=true", "FEATURE_API=false")
    assert eg4(files, environment="production") == []


def test_consistent_rule_outside_its_environment_is_skipped(eg4: Check) -> None:
    files = case("a project rule: same value, only in production")
    files[".env"] = files.pop(".env.production")
    assert eg4(files, environment="staging") == []


def test_inline_ignore_silences_a_finding(eg4: Check) -> None:
    found = eg4(
        {
            "prisma/schema.prisma": schema("postgresql", URL),
            ".env": f"DATABASE_URL=mysql://app:{PW}@db.example.com/app  # envguard: ignore[EG400]\n",
        }
    )
    assert found == []


def test_a_huge_tree_is_not_walked(tmp_path: Path, eg4: Check) -> None:
    # Thousands of directories the discovery must not descend into.
    for i in range(300):
        (tmp_path / "node_modules" / f"pkg{i}" / "prisma").mkdir(parents=True)
        (tmp_path / "node_modules" / f"pkg{i}" / "prisma" / "schema.prisma").write_text(schema("mysql", URL))
    found = eg4(
        {"prisma/schema.prisma": schema("postgresql", URL), ".env": f"DATABASE_URL=postgresql://a:{PW}@db/app\n"}
    )
    assert found == []


def test_configured_paths(eg4: Check) -> None:
    found = eg4(
        {
            "envguard.yaml": (
                "crossfile:\n  prisma_schema: db/main.prisma\n  database_url: APP_DB\n"
                "  package_json: web/package.json\n  compose_files: [ops/stack.yml]\n"
            ),
            "db/main.prisma": schema("postgresql"),
            "web/package.json": package("mysql2"),
            "ops/stack.yml": "services:\n  pg:\n    image: mysql:8\n",
            ".env": f"APP_DB=postgresql://app:{PW}@pg:5432/app\n",
        }
    )
    assert summary(found) == [
        ("EG403", "warning", "web/package.json:4"),
        ("EG407", "error", ".env:1:1"),
    ]


def test_turning_eg4_off_reads_no_project_file(tmp_path: Path) -> None:
    from envguard.checking.build import build_context
    from envguard.checking.run import run_checks
    from envguard.project.context import Options
    from envguard.rules import mismatch

    files = case("seed: postgresql schema, PlanetScale MySQL URL, PlanetScale adapter")
    files["envguard.yaml"] = "ignore: [EG4]\n"
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    ctx = build_context(Options(root=tmp_path))
    found, _ = run_checks(ctx, mismatch.CHECKS)
    assert found == []
    assert not any(key.startswith(("eg4:", "file:")) for key in ctx.cache)


def test_cli_json_carries_both_places(tmp_path: Path) -> None:
    from egtest import check_json, write_project

    write_project(tmp_path, case("seed: postgresql schema, PlanetScale MySQL URL, PlanetScale adapter"))
    (tmp_path / ".git").mkdir()
    code, findings, _ = check_json(tmp_path, "--select", "EG4")
    assert code == 1
    eg400 = next(f for f in findings if f["code"] == "EG400")
    assert (eg400["path"], eg400["line"], eg400["variable"]) == (".env", 1, "DATABASE_URL")
    assert eg400["related"][0] == {
        "path": "prisma/schema.prisma",
        "line": 6,
        "column": None,
        "note": 'Prisma datasource provider = "postgresql"',
    }
    assert PW not in json.dumps(findings)
