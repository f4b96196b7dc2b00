"""EG4xx: cross-file mismatches (the Postgres-vs-MySQL class of bug).

The env says one thing, a file that declares what the app expects says another: the
Prisma datasource provider against the URL its ``env("…")`` names, package.json drivers
against the provider, the image of the compose service a URL points at, Django's ENGINE,
pooled/direct URL pairs, same-value pairs declared by ``consistent`` rules, and env files
against each other.

Every finding names both places (the variable at its file:line, the other file in
``related``), says which side is likely wrong when the evidence points one way, and how
to fix it. Where envguard cannot be sure, the finding is a warning. Placeholder values
and unexpanded ``${VAR}`` interpolations are never compared.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from envguard.core.findings import Finding, Location, Severity
from envguard.core.record import Record
from envguard.rules.base import Rule

if TYPE_CHECKING:
    from envguard.knowledge import dburl
    from envguard.project.context import CheckContext
    from envguard.sources import compose as compose_src
    from envguard.sources import packagejson, prisma, pyframeworks
    from envguard.sources.dotenv import EnvFile

# The parsers, dburl and compare are imported inside the checks: this module is imported
# on every run (the registry lists its rules), the parsers only when a project has the
# files they read.


# --- rules ------------------------------------------------------------------------------


class PrismaProviderMismatch(Rule):
    """What it checks
    For every Prisma schema in the project (``prisma/schema.prisma``, the path in
    package.json ``prisma.schema`` or ``prisma.config.ts``, multi-file
    ``prisma/schema/`` folders, schemas in monorepo packages), the datasource
    ``provider`` against the scheme of the URL in each variable that ``url``,
    ``directUrl`` and ``shadowDatabaseUrl`` name, in the schema or in Prisma 7's
    ``prisma.config.ts`` (fallback chains such as ``process.env.A ?? process.env.B``
    use the first variable that is set). ``postgres://`` and ``postgresql://`` are
    both PostgreSQL; MariaDB and PlanetScale are MySQL; SQLite is ``file:``;
    ``libsql://`` and HTTP URLs go with the sqlite provider through
    ``@prisma/adapter-libsql``. A project with two schemas chosen by URL scheme
    passes when the URL matches either. The loaded env files, the env files of other
    environments and the example file are all checked.

    Why it matters
    Prisma refuses to connect ("the provided database string is invalid") or, worse,
    the project silently runs against a different kind of database than its
    migrations were written for: a schema that says PostgreSQL with a PlanetScale
    (MySQL) URL is the canonical case.

    Example that fails
    ```
    prisma/schema.prisma:  provider = "postgresql"   url = env("DATABASE_URL")
    .env:                  DATABASE_URL="mysql://USER:PASSWORD@aws.connect.psdb.cloud/app"
    ```

    Example that passes
    ```
    prisma/schema.prisma:  provider = "mysql"   relationMode = "prisma"
    .env:                  DATABASE_URL="mysql://USER:PASSWORD@aws.connect.psdb.cloud/app"
    ```

    Options
    ``crossfile.prisma_schema`` (path or list: where the schema is, when discovery
    does not find it); ``crossfile.database_url`` (the variable(s) holding the URL
    when neither the schema nor prisma.config.ts names one; ``DATABASE_URL`` is
    assumed otherwise, and findings about an assumed variable are warnings).
    """

    code = "EG400"
    name = "prisma-provider-mismatch"
    summary = "The Prisma datasource provider does not match the database URL its variable holds."
    severity = Severity.ERROR


class PrismaEnvMissing(Rule):
    """What it checks
    Variables named by ``url = env("…")`` and ``directUrl = env("…")`` in the schema, or
    by the datasource of ``prisma.config.ts``, are set (not empty) in the loaded env.
    A fallback chain is satisfied by any of its variables. When no env file is loaded
    (CI, ``--example-only``), the variable must at least be documented (set or
    commented) in the example file. ``shadowDatabaseUrl`` is only needed by
    ``prisma migrate dev`` and is not checked.

    Why it matters
    ``prisma generate`` and ``prisma migrate`` stop with "Environment variable not
    found". It is a warning because some projects set the variable at runtime (an
    entrypoint script derives DIRECT_URL from DATABASE_URL): variables assigned in an
    ``*entrypoint*.sh`` script are accepted, and a project can list others.

    Example that fails
    ```
    prisma/schema.prisma:  directUrl = env("DIRECT_URL")
    .env:                  DATABASE_URL=postgresql://…   (no DIRECT_URL)
    ```

    Example that passes
    ```
    .env:  DATABASE_URL=postgresql://…  DIRECT_URL=postgresql://…
    ```

    Options
    ``crossfile.ignore_env_refs``: variable names (globs allowed) that are provided
    some other way.
    """

    code = "EG401"
    name = "prisma-env-missing"
    summary = "A variable named by the Prisma datasource (env(...)) is not set."
    severity = Severity.WARNING


class PlanetScaleRelationMode(Rule):
    """What it checks
    When the datasource provider is ``mysql`` and the database is PlanetScale (the URL
    host is ``*.psdb.cloud``, or package.json has ``@prisma/adapter-planetscale`` or
    ``@planetscale/database``), the datasource sets ``relationMode = "prisma"`` (or the
    older ``referentialIntegrity = "prisma"``).

    Why it matters
    PlanetScale databases run on Vitess and, unless foreign key constraints were
    enabled for the database, reject them: ``prisma db push`` and migrations fail,
    and relations are not enforced. It is a warning because foreign keys can now be
    enabled per database.

    Example that fails
    ```
    datasource db { provider = "mysql"  url = env("DATABASE_URL") }
    .env: DATABASE_URL=mysql://…@aws.connect.psdb.cloud/app
    ```

    Example that passes
    ```
    datasource db { provider = "mysql"  url = env("DATABASE_URL")  relationMode = "prisma" }
    ```

    Options
    None.
    """

    code = "EG402"
    name = "planetscale-relation-mode"
    summary = 'A PlanetScale database without relationMode = "prisma" in the Prisma datasource.'
    severity = Severity.WARNING


class DriverProviderMismatch(Rule):
    """What it checks
    Prisma driver adapters (``@prisma/adapter-planetscale``, ``@prisma/adapter-neon``,
    ``@prisma/adapter-pg``, ``@prisma/adapter-libsql``...) must fit the datasource
    provider (an error when they do not). Plain drivers are weaker evidence:
    ``mysql2`` or ``@planetscale/database`` under a ``postgresql`` schema, ``pg`` or
    ``@neondatabase/serverless`` under ``mysql`` are warnings. The package.json files
    read are the root one and those between the schema and the root.

    Why it matters
    A MySQL adapter cannot serve a PostgreSQL schema: the app fails at its first
    query, and the dependency usually tells which database the team really uses.

    Example that fails
    ```
    schema.prisma: provider = "postgresql";  package.json: "@prisma/adapter-planetscale"
    ```

    Example that passes
    ```
    schema.prisma: provider = "mysql";  package.json: "@prisma/adapter-planetscale"
    ```

    Options
    ``crossfile.package_json``: the package.json to read instead of the root one.
    """

    code = "EG403"
    name = "driver-provider-mismatch"
    summary = "A database driver in package.json does not fit the Prisma provider."
    severity = Severity.ERROR


class ClientWithoutVariables(Rule):
    """What it checks
    ``ioredis``, ``redis``, ``bullmq`` and ``bull`` need a Redis URL or host variable
    (a name containing REDIS, VALKEY or KV_URL); ``@upstash/redis`` and
    ``@vercel/kv`` need their REST URL and token (``UPSTASH_REDIS_REST_URL``/
    ``UPSTASH_REDIS_REST_TOKEN`` or ``KV_REST_API_URL``/``KV_REST_API_TOKEN``, or any
    pair of names with UPSTASH or KV and URL/TOKEN, which the code passes to
    ``new Redis({url, token})``). Names are looked up in the loaded env, the example
    file (commented lines count) and the other env files.

    Why it matters
    ``Redis.fromEnv()`` throws at startup, ioredis silently connects to
    localhost:6379, and BullMQ queues never run in production.

    Example that fails
    ```
    package.json: "@upstash/redis"   .env.example: (no UPSTASH_REDIS_REST_URL)
    ```

    Example that passes
    ```
    .env.example: UPSTASH_REDIS_REST_URL=  UPSTASH_REDIS_REST_TOKEN=
    ```

    Options
    ``crossfile.package_json``.
    """

    code = "EG404"
    name = "client-without-variables"
    summary = "A Redis client dependency has no variable configuring it."
    severity = Severity.WARNING


class DirectUrlPooled(Rule):
    """What it checks
    Pairs of pooled and direct URLs: the Prisma datasource's ``url``/``directUrl``,
    pairs declared in ``crossfile.pairs``, and the usual names (DATABASE_URL with
    DIRECT_URL, DIRECT_DATABASE_URL or DATABASE_URL_UNPOOLED; POSTGRES_PRISMA_URL with
    POSTGRES_URL_NON_POOLING). When the pooled URL goes through PgBouncer or
    Supavisor (``pgbouncer=true``, port 6543, ``*.pooler.supabase.com``, Neon
    ``-pooler`` hosts), the direct URL must not use transaction pooling, and must
    reach the same project (Supabase ref, Neon endpoint) and database; another user is
    a warning. Prisma 7's ``prisma.config.ts`` ``url`` is used by Prisma Migrate and
    gets the same test.

    Why it matters
    Migrations need a session: through a transaction pooler they hang or fail with
    "prepared statement already exists". A direct URL to another database runs the
    migrations somewhere the app never reads.

    Example that fails
    ```
    DATABASE_URL=postgresql://postgres.abcdefghijklmnopqrst:…@aws-0-eu-central-1.pooler.supabase.com:6543/postgres?pgbouncer=true
    DIRECT_URL=postgresql://postgres.abcdefghijklmnopqrst:…@aws-0-eu-central-1.pooler.supabase.com:6543/postgres
    ```

    Example that passes
    ```
    DIRECT_URL=postgresql://postgres:…@db.abcdefghijklmnopqrst.supabase.co:5432/postgres
    ```

    Options
    ``crossfile.pairs``: a list of ``[POOLED_VAR, DIRECT_VAR]`` pairs.
    """

    code = "EG405"
    name = "direct-url-pooled"
    summary = "The direct database URL goes through the pooler or points at another database."
    severity = Severity.ERROR


class PooledUrlWithoutPgbouncer(Rule):
    """What it checks
    The URL named by the datasource ``url`` of a ``postgresql`` Prisma schema, when it
    goes through Supavisor or PgBouncer in transaction mode (Supabase port 6543),
    carries ``pgbouncer=true``. Projects using a driver adapter (``@prisma/adapter-pg``,
    ``@prisma/adapter-neon``...) and Neon's pooler (which supports prepared
    statements) are exempt.

    Why it matters
    Prisma's engine uses prepared statements, which a transaction pooler cannot keep:
    queries fail with "prepared statement \"s0\" already exists". ``pgbouncer=true``
    turns them off.

    Example that fails
    ```
    DATABASE_URL=postgresql://postgres.abcdefghijklmnopqrst:…@aws-0-us-east-1.pooler.supabase.com:6543/postgres
    ```

    Example that passes
    ```
    DATABASE_URL=postgresql://postgres.abcdefghijklmnopqrst:…@aws-0-us-east-1.pooler.supabase.com:6543/postgres?pgbouncer=true
    ```

    Options
    None.
    """

    code = "EG406"
    name = "pooled-url-without-pgbouncer"
    summary = "A pooled PostgreSQL URL used by Prisma lacks pgbouncer=true."
    severity = Severity.WARNING


class ComposeServiceMismatch(Rule):
    """What it checks
    Database and Redis URLs in the env and in compose ``environment:`` entries whose
    host is a compose service name (or container_name, hostname, network alias) are
    held against that service's image (postgres, mysql, mariadb, redis, valkey, mongo
    and their common variants): another kind of server is an error, a port the
    container does not listen on is a warning. URLs to ``localhost`` are matched to
    the service that publishes their port (a warning, since something outside compose
    may answer there). HTTP URLs are never compared.

    Why it matters
    ``mysql://…@db:3306`` against a ``db`` service running ``postgres:16`` fails to
    connect in every container, usually after a half-finished database switch.

    Example that fails
    ```
    compose.yaml: services: { db: { image: "postgres:16" } }
    .env:         DATABASE_URL=mysql://app:PASSWORD@db:3306/app
    ```

    Example that passes
    ```
    .env:         DATABASE_URL=postgresql://app:PASSWORD@db:5432/app
    ```

    Options
    ``crossfile.compose_files``: the compose files to read (default: compose.yaml or
    docker-compose.yml, its override, and docker-compose.*.yml variants).
    """

    code = "EG407"
    name = "compose-service-mismatch"
    summary = "A URL's host is a compose service whose image runs another kind of server, or another port."
    severity = Severity.ERROR


class ComposeEnvFileMissing(Rule):
    """What it checks
    Each ``env_file:`` of each compose service, relative to the compose file, exists
    (entries with ``required: false`` and interpolated paths are skipped, and so is a
    missing file with a template beside it: ``.env`` next to ``.env.example``,
    ``.env.docker`` next to ``.env.docker.example``).

    Why it matters
    ``docker compose up`` stops with "env file … not found" on a fresh clone. It is a
    warning because the file is often created by a setup step from the example.

    Example that fails
    ```
    services: { web: { env_file: .env.docker } }   (no .env.docker)
    ```

    Example that passes
    ```
    services: { web: { env_file: [{ path: .env.docker, required: false }] } }
    ```

    Options
    ``crossfile.compose_files``.
    """

    code = "EG408"
    name = "compose-env-file-missing"
    summary = "A compose env_file does not exist."
    severity = Severity.WARNING


class FrameworkEngineMismatch(Rule):
    """What it checks
    Literal ``'ENGINE': 'django.db.backends.…'`` in Django settings modules,
    ``sqlalchemy.url`` in ``alembic.ini`` and ``SQLALCHEMY_DATABASE_URI = "…"`` in
    config modules, against the dialect of DATABASE_URL (or ``crossfile.database_url``).
    Settings that build the database config from DATABASE_URL (``dj_database_url``,
    ``env.db()``, an alembic ``env.py`` that sets ``sqlalchemy.url``) agree by
    construction and are skipped. Engines listed for several environments
    (SQLite for tests, PostgreSQL otherwise) pass when one matches.

    Why it matters
    The ORM talks to one database while scripts, workers or migrations reading
    DATABASE_URL talk to another kind.

    Example that fails
    ```
    settings.py: 'ENGINE': 'django.db.backends.mysql'   .env: DATABASE_URL=postgres://…
    ```

    Example that passes
    ```
    settings.py: DATABASES = {"default": dj_database_url.config()}
    ```

    Options
    ``crossfile.database_url``.
    """

    code = "EG409"
    name = "framework-engine-mismatch"
    summary = "Django's ENGINE or a literal SQLAlchemy URL disagrees with DATABASE_URL."
    severity = Severity.WARNING


class RedisUrlPartsMismatch(Rule):
    """What it checks
    When a ``…REDIS_URL`` variable and its ``…REDIS_HOST``, ``…REDIS_PORT`` or
    ``…REDIS_PASSWORD`` siblings are all set, they name the same host, port (6379
    when the URL has none) and password. Passwords are compared by digest and never
    shown.

    Why it matters
    Libraries differ in which ones they read (BullMQ takes host/port, a cache client
    the URL): two Redis servers end up in use, and one of them is usually stale.

    Example that fails
    ```
    REDIS_URL=redis://cache:6379   REDIS_HOST=localhost
    ```

    Example that passes
    ```
    REDIS_URL=redis://cache:6379   REDIS_HOST=cache   REDIS_PORT=6379
    ```

    Options
    None.
    """

    code = "EG410"
    name = "redis-url-parts-mismatch"
    summary = "REDIS_URL disagrees with REDIS_HOST, REDIS_PORT or REDIS_PASSWORD."
    severity = Severity.WARNING


class InconsistentValues(Rule):
    """What it checks
    ``consistent`` rules of the schemas in force (built-in groups and the project's
    own), e.g. Stripe keys in one mode, SENTRY_DSN and NEXT_PUBLIC_SENTRY_DSN in one
    project, NEXTAUTH_URL and NEXT_PUBLIC_APP_URL on one origin, Supabase keys of one
    project ref, one AWS region. Comparators: value, mode, origin, host,
    sentry-project, supabase-ref, aws-region. A variable whose value a comparator
    cannot read (a placeholder, another format) is left out. The odd one out is
    reported, next to a variable it disagrees with; severity, message and hint come
    from the rule.

    Why it matters
    A test publishable key with a live secret key fails every payment; a browser
    reporting to another Sentry project loses the errors.

    Example that fails
    ```
    STRIPE_SECRET_KEY=sk_live_…   NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_test_…
    ```

    Example that passes
    ```
    STRIPE_SECRET_KEY=sk_live_…   NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_live_…
    ```

    Options
    Declared per rule in a schema: ``consistent: [A, B]``, ``by:``, ``when:``,
    ``environments:``, ``severity:``, ``message:``, ``hint:``.
    """

    code = "EG411"
    name = "inconsistent-values"
    summary = "Variables that must agree (same mode, project, origin...) do not."
    severity = Severity.ERROR


class EnvFileKeyDrift(Rule):
    """What it checks
    The env files of deployed environments (``.env.production``, ``.env.staging``,
    ``.env.preview``; not ``*.local``) against each other (a key in one and not in
    another) and against the example file (a key in a deployed file that the example
    neither sets nor mentions in a comment).

    Why it matters
    A variable added for production only is forgotten in staging, and the next person
    to set up the project never learns it exists.

    Example that fails
    ```
    .env.production: SENTRY_DSN=…     .env.staging: (no SENTRY_DSN)
    ```

    Example that passes
    ```
    both files list SENTRY_DSN; .env.example has ``SENTRY_DSN=``
    ```

    Options
    None; silence a key with ``# envguard: ignore[EG412]`` on its line.
    """

    code = "EG412"
    name = "env-file-key-drift"
    summary = "Deployed env files and the example list different variables."
    severity = Severity.WARNING


class ProductionFileLocalhost(Rule):
    """What it checks
    Every URL value in a production env file (``.env.production``,
    ``.env.production.local``, or the files loaded for a production run) whose host is
    localhost, a loopback address, 0.0.0.0 or host.docker.internal. For a production
    run, variables typed ``url`` in the schema are left to EG104. Templates
    (``.env.production.example``) are not deployed and are not checked.

    Why it matters
    ``NEXTAUTH_URL=http://localhost:3000`` in production breaks every sign-in
    redirect; a database URL to localhost reaches nothing in a container. It is a
    warning because a single-host deployment can legitimately use localhost.

    Example that fails
    ```
    .env.production: NEXTAUTH_URL=http://localhost:3000
    ```

    Example that passes
    ```
    .env.production: NEXTAUTH_URL=https://app.example.com
    ```

    Options
    ``crossfile.allow_localhost``: variable names (globs allowed) that may point at
    localhost; ``allow_localhost: true`` on a variable in the schema. Names with an
    ``INTERNAL`` word (``NEXT_PRIVATE_INTERNAL_WEBAPP_URL``) are the server's way to reach
    itself and are not reported.
    """

    code = "EG413"
    name = "production-file-localhost"
    summary = "A production env file holds a URL pointing at localhost."
    severity = Severity.WARNING


class SchemaComposeMismatch(Rule):
    """What it checks
    When the compose files define database services (postgres, mysql, mariadb, mongo,
    mssql, cockroach images) and none of them runs the Prisma provider's kind of
    database, while the datasource URL does not point at a remote host (it is unset,
    a placeholder, or local without a compose service behind it).

    Why it matters
    ``docker compose up`` starts a PostgreSQL server for a MySQL (MariaDB) schema:
    local development cannot work, and usually one of the two is left over from a
    migration.

    Example that fails
    ```
    schema.prisma: provider = "mysql"      compose.yaml: db: { image: postgres:16 }
    ```

    Example that passes
    ```
    schema.prisma: provider = "mysql"      compose.yaml: db: { image: mariadb:11 }
    ```

    Options
    ``crossfile.compose_files``, ``crossfile.prisma_schema``.
    """

    code = "EG414"
    name = "schema-compose-mismatch"
    summary = "The compose files run no database of the Prisma provider's kind."
    severity = Severity.WARNING


class CrossfileSourceProblem(Rule):
    """What it checks
    Prisma schemas (unknown or non-literal provider, two datasources, unreadable
    files), ``prisma.config.ts``, compose files (invalid YAML, alias expansion beyond
    the budget, unreadable ports), package.json (invalid JSON) and alembic.ini.

    Why it matters
    A check that silently skips a file gives a false sense of safety; the tools that
    read these files (Prisma, Compose, npm) usually fail on the same problem.

    Example that fails
    ```
    datasource db { provider = "postgres" }   (Prisma spells it "postgresql")
    ```

    Example that passes
    ```
    datasource db { provider = "postgresql" }
    ```

    Options
    None.
    """

    code = "EG415"
    name = "crossfile-source-problem"
    summary = "A file read for cross-file checks (schema.prisma, compose, package.json) has a problem."
    severity = Severity.WARNING


class CrossfileConfigInvalid(Rule):
    """What it checks
    Entries the section's shape allows but whose contents are wrong: list items that
    are not strings, ``pairs`` items that are not two variable names, paths that do
    not exist.

    Why it matters
    A misspelt path or pair silently turns a check off.

    Example that fails
    ```
    crossfile: { pairs: [[DATABASE_URL]] }
    ```

    Example that passes
    ```
    crossfile: { pairs: [[DATABASE_URL, DIRECT_URL]] }
    ```

    Options
    None.
    """

    code = "EG499"
    name = "crossfile-config-invalid"
    summary = "An entry of the crossfile: configuration section is invalid."
    severity = Severity.ERROR


RULES: tuple[type[Rule], ...] = (
    PrismaProviderMismatch,
    PrismaEnvMissing,
    PlanetScaleRelationMode,
    DriverProviderMismatch,
    ClientWithoutVariables,
    DirectUrlPooled,
    PooledUrlWithoutPgbouncer,
    ComposeServiceMismatch,
    ComposeEnvFileMissing,
    FrameworkEngineMismatch,
    RedisUrlPartsMismatch,
    InconsistentValues,
    EnvFileKeyDrift,
    ProductionFileLocalhost,
    SchemaComposeMismatch,
    CrossfileSourceProblem,
    CrossfileConfigInvalid,
)


# --- tables -----------------------------------------------------------------------------

# Dialect families: what must agree. CockroachDB speaks PostgreSQL's protocol; libSQL is
# SQLite.
FAMILY = {
    "postgresql": "postgresql",
    "cockroachdb": "postgresql",
    "mysql": "mysql",
    "sqlite": "sqlite",
    "libsql": "sqlite",
    "sqlserver": "sqlserver",
    "mongodb": "mongodb",
    "redis": "redis",
    "oracle": "oracle",
}
FAMILY_TITLES = {
    "postgresql": "PostgreSQL",
    "mysql": "MySQL",
    "sqlite": "SQLite",
    "sqlserver": "SQL Server",
    "mongodb": "MongoDB",
    "redis": "Redis",
    "oracle": "Oracle",
}
EXAMPLE_URLS = {
    "postgresql": "postgresql://USER:PASSWORD@HOST:5432/DB",
    "cockroachdb": "postgresql://USER:PASSWORD@HOST:26257/DB",
    "mysql": "mysql://USER:PASSWORD@HOST:3306/DB",
    "sqlite": "file:./dev.db",
    "sqlserver": "sqlserver://HOST:1433;database=DB;user=USER;password=PASSWORD",
    "mongodb": "mongodb+srv://USER:PASSWORD@HOST/DB",
}
PRISMA_PROVIDER_FOR = {
    "postgresql": "postgresql",
    "mysql": "mysql",
    "sqlite": "sqlite",
    "sqlserver": "sqlserver",
    "mongodb": "mongodb",
}

# Prisma driver adapters: a mismatch is an error.
ADAPTERS = {
    "@prisma/adapter-planetscale": "mysql",
    "@prisma/adapter-mariadb": "mysql",
    "@prisma/adapter-tidb": "mysql",
    "@prisma/adapter-neon": "postgresql",
    "@prisma/adapter-pg": "postgresql",
    "@prisma/adapter-pg-worker": "postgresql",
    "@prisma/adapter-ppg": "postgresql",
    "@prisma/adapter-libsql": "sqlite",
    "@prisma/adapter-d1": "sqlite",
    "@prisma/adapter-better-sqlite3": "sqlite",
    "@prisma/adapter-mssql": "sqlserver",
}
# Plain drivers: weaker evidence (another part of the app may use them); only the
# PostgreSQL/MySQL confusion is reported, as a warning.
DRIVERS = {
    "@planetscale/database": "mysql",
    "mysql2": "mysql",
    "@neondatabase/serverless": "postgresql",
    "pg": "postgresql",
    "postgres": "postgresql",
    "@vercel/postgres": "postgresql",
}
LIBSQL_DEPS = frozenset({"@prisma/adapter-libsql", "@libsql/client"})
PLANETSCALE_DEPS = ("@prisma/adapter-planetscale", "@planetscale/database")

REDIS_CLIENTS = ("ioredis", "redis", "bullmq", "bull")
REST_CLIENTS = {
    "@upstash/redis": (
        ("UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN"),
        ("KV_REST_API_URL", "KV_REST_API_TOKEN"),
    ),
    "@vercel/kv": (("KV_REST_API_URL", "KV_REST_API_TOKEN"),),
}

DEFAULT_PAIRS = (
    ("DATABASE_URL", "DIRECT_URL"),
    ("DATABASE_URL", "DIRECT_DATABASE_URL"),
    ("DATABASE_URL", "DATABASE_URL_UNPOOLED"),
    ("DATABASE_URL", "DATABASE_URL_NON_POOLING"),
    ("POSTGRES_PRISMA_URL", "POSTGRES_URL_NON_POOLING"),
    ("POSTGRES_URL", "POSTGRES_URL_NON_POOLING"),
)
DB_FAMILIES = frozenset({"postgresql", "mysql", "mongodb", "sqlserver"})
_ENTRYPOINT_GLOBS = (
    "*entrypoint*.sh",
    "*/*entrypoint*.sh",
    "*/*/*entrypoint*.sh",
    "docker/*.sh",
    "scripts/*entrypoint*",
)
_CACHE_KEY = "eg4:project"


def family(dialect: str | None) -> str | None:
    return FAMILY.get(dialect or "")


# --- what the checks look at ------------------------------------------------------------


class Site(Record):
    """A variable's value at one place (env file line, process environment, compose).

    Holds a value: never put a Site (or its value) into a message."""

    name: str
    value: str
    path: str | None
    line: int | None
    column: int | None
    origin: str  # "run" | "file" | "example" | "compose"

    def __repr__(self) -> str:
        return f"Site({self.name!r}, {self.where()!r}, {self.origin!r})"

    def location(self, note: str | None = None) -> Location:
        return Location(self.path or "<project>", self.line, self.column, note)

    def at(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column}

    def where(self) -> str:
        if self.path is None:
            return "<project>"
        return self.path if self.line is None else f"{self.path}:{self.line}"


class PrismaProject(Record):
    schema: prisma.PrismaSchema
    config: prisma.PrismaConfig | None
    packages: list[packagejson.PackageJson]
    alternatives: list[tuple[str, str, int | None]]

    @property
    def datasource(self) -> prisma.Datasource | None:
        return self.schema.datasource

    @property
    def provider(self) -> str | None:
        ds = self.datasource
        return ds.provider if ds is not None else None

    def provider_location(self) -> Location:
        ds = self.datasource
        if ds is None:
            return Location(self.schema.display, None, note="the Prisma schema")
        return Location(ds.path, ds.provider_line or ds.line, note=f'Prisma datasource provider = "{ds.provider_raw}"')

    def provider_where(self) -> str:
        loc = self.provider_location()
        return loc.display()

    def refs(self) -> list[prisma.UrlRef]:
        out: list[prisma.UrlRef] = []
        if self.datasource is not None:
            out += self.datasource.urls
        if self.config is not None:
            out += self.config.urls
        return out

    def deps(self) -> dict[str, tuple[packagejson.PackageJson, packagejson.Dependency]]:
        out: dict[str, tuple[packagejson.PackageJson, packagejson.Dependency]] = {}
        for pkg in self.packages:
            for dep in pkg.dependencies:
                out.setdefault(dep.name, (pkg, dep))
        return out


class Project(Record):
    prisma: list[PrismaProject]
    root_package: packagejson.PackageJson | None
    compose: list[compose_src.ComposeFile]
    python: list[pyframeworks.PyDbConfig]
    problems: list[tuple[str, int | None, str]]
    config_problems: list[tuple[str, str]]
    database_url_names: list[str]
    database_url_declared: bool
    ignore_env_refs: list[str]
    allow_localhost: list[str]
    pairs: list[tuple[str, str]]


def _cfg_strings(cfg: dict[str, Any], key: str, problems: list[tuple[str, str]]) -> list[str]:
    raw = cfg.get(key)
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    out = []
    for item in items:
        if isinstance(item, str) and item.strip():
            out.append(item.strip())
        else:
            problems.append((key, f"crossfile.{key}: every item must be a non-empty string"))
    return out


def _pairs(cfg: dict[str, Any], problems: list[tuple[str, str]]) -> list[tuple[str, str]]:
    raw = cfg.get("pairs")
    out: list[tuple[str, str]] = []
    if not isinstance(raw, list):
        return out
    for item in raw:
        if isinstance(item, dict) and isinstance(item.get("pooled"), str) and isinstance(item.get("direct"), str):
            out.append((item["pooled"], item["direct"]))
        elif isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) and x for x in item):
            out.append((item[0], item[1]))
        else:
            problems.append(
                ("pairs", "crossfile.pairs: each item must be [POOLED_VAR, DIRECT_VAR] (or {pooled: …, direct: …})")
            )
    return out


def project(ctx: CheckContext) -> Project:
    """Everything the EG4xx checks read from the project, parsed once per run."""
    # The parsers are imported only for files that exist: an app container at startup
    # (``envguard.load()``) usually has none of them.
    cached = ctx.cache.get(_CACHE_KEY)
    if isinstance(cached, Project):
        return cached
    cfg = ctx.config.crossfile if isinstance(ctx.config.crossfile, dict) else {}
    config_problems: list[tuple[str, str]] = []
    problems: list[tuple[str, int | None, str]] = []
    root = ctx.root

    def read(path: Path) -> str | None:
        return ctx.read_text(path)

    def display(path: Path) -> str:
        return ctx.display(path)

    package_paths = _cfg_strings(cfg, "package_json", config_problems)
    root_pkg_path = root / package_paths[0] if package_paths else root / "package.json"
    if package_paths and not root_pkg_path.is_file():
        config_problems.append(("package_json", f"crossfile.package_json: {package_paths[0]} does not exist"))
    packages: dict[Path, packagejson.PackageJson | None] = {}

    def package_at(directory: Path) -> packagejson.PackageJson | None:
        path = directory / "package.json"
        if directory == root and package_paths:
            path = root_pkg_path
        if path not in packages:
            text = read(path) if path.is_file() else None
            pkg = None
            if text is not None:
                from envguard.sources import packagejson

                pkg = packagejson.parse_package_json(text, path, display(path))
            packages[path] = pkg
            if pkg is not None:
                problems.extend((pkg.display, line, msg) for line, msg in pkg.problems)
        return packages[path]

    root_pkg = package_at(root)
    # A filesystem that misbehaves (permissions, symlink loops) costs a check, not the run.
    schemas: list[tuple[Path, Path | None]] = []
    try:
        schemas = _discover_schemas(ctx, cfg, config_problems, root_pkg, package_at)
    except (OSError, RuntimeError) as exc:
        problems.append((ctx.display(root), None, f"Prisma schemas could not be searched ({type(exc).__name__})"))
    prisma_projects: list[PrismaProject] = []
    if schemas:
        from envguard.sources import prisma
    for schema_path, config_path in schemas:
        schema = prisma.read_schema(schema_path, display, read)
        problems += [(p.path, p.line, p.message) for p in schema.problems]
        config = prisma.read_config(config_path, display, read) if config_path else None
        if config is not None:
            problems += [(p.path, p.line, p.message) for p in config.problems]
        ancestry: list[packagejson.PackageJson] = []
        directory = schema_path if schema_path.is_dir() else schema_path.parent
        for d in (directory, *directory.parents):
            pkg = package_at(d)
            if pkg is not None:
                ancestry.append(pkg)
            if d == root or root not in d.parents:
                break
        if root_pkg is not None and root_pkg not in ancestry:
            ancestry.append(root_pkg)
        alternatives: list[tuple[str, str, int | None]] = []
        for alt in prisma.alternative_schemas(schema_path):
            text = read(alt)
            if text is None:
                continue
            ds, _, _ = prisma.parse_schema_text(text, display(alt))
            if ds and ds[0].provider:
                alternatives.append((display(alt), ds[0].provider, ds[0].provider_line))
        prisma_projects.append(PrismaProject(schema, config, ancestry, alternatives))

    compose_files: list[Path] = []
    try:
        compose_files = _compose_files(ctx, cfg, config_problems)
    except (OSError, RuntimeError) as exc:
        problems.append((ctx.display(root), None, f"compose files could not be searched ({type(exc).__name__})"))
    composed: list[compose_src.ComposeFile] = []
    if compose_files:
        from envguard.sources import compose as compose_src
    for path in compose_files:
        text = read(path)
        if text is None:
            problems.append((display(path), None, "not readable (binary or too large)"))
            continue
        cf = compose_src.parse_compose_text(text, path, display(path))
        problems += [(cf.display, p.line, p.message) for p in cf.problems]
        composed.append(cf)

    python: list[pyframeworks.PyDbConfig] = []
    try:
        python = _python_configs(ctx, problems)
    except (OSError, RuntimeError) as exc:
        problems.append((ctx.display(root), None, f"Python settings could not be searched ({type(exc).__name__})"))
    db_names = _cfg_strings(cfg, "database_url", config_problems)
    result = Project(
        prisma=prisma_projects,
        root_package=root_pkg,
        compose=composed,
        python=python,
        problems=problems,
        config_problems=config_problems,
        database_url_names=db_names or ["DATABASE_URL"],
        database_url_declared=bool(db_names),
        ignore_env_refs=_cfg_strings(cfg, "ignore_env_refs", config_problems),
        allow_localhost=_cfg_strings(cfg, "allow_localhost", config_problems),
        pairs=_pairs(cfg, config_problems),
    )
    ctx.cache[_CACHE_KEY] = result
    return result


def _package_dirs(ctx: CheckContext, root_pkg: packagejson.PackageJson | None) -> list[Path]:
    """The root and the workspace packages (package.json ``workspaces``,
    pnpm-workspace.yaml); without declared workspaces, the usual apps/* and packages/*."""
    from envguard.sources import discovery

    root = ctx.root
    pnpm = ctx.read_text(root / "pnpm-workspace.yaml") if (root / "pnpm-workspace.yaml").is_file() else None
    globs: list[str] = []
    if root_pkg is not None or pnpm:
        from envguard.sources import packagejson

        globs = packagejson.workspace_globs(root, root_pkg, [pnpm] if pnpm else [])
    if not globs:
        globs = ["apps/*", "packages/*", "services/*"]
    return [root, *discovery.workspace_dirs(root, globs)]


def _discover_schemas(
    ctx: CheckContext,
    cfg: dict[str, Any],
    config_problems: list[tuple[str, str]],
    root_pkg: packagejson.PackageJson | None,
    package_at: Any,
) -> list[tuple[Path, Path | None]]:
    """(schema path, prisma.config.ts or None) for each schema in force.

    Looked for where Prisma looks, in the root and in each workspace package: the path
    configured in prisma.config.ts or package.json, then the default locations, then
    ``*/schema.prisma`` one level down (a package holding one schema per database)."""
    from envguard.sources import discovery

    root = ctx.root
    found: list[Path] = []
    configs: dict[Path, Path] = {}  # directory -> its prisma.config.ts

    def add(path: Path) -> None:
        if not path.exists():
            return
        resolved = path.resolve()
        for f in found:
            fr = f.resolve()
            if fr == resolved or (fr.is_dir() and fr in resolved.parents):
                return
        found.append(path)

    configured = _cfg_strings(cfg, "prisma_schema", config_problems)
    for item in configured:
        path = root / item
        if not path.exists():
            config_problems.append(("prisma_schema", f"crossfile.prisma_schema: {item} does not exist"))
            continue
        add(path)
    for directory in _package_dirs(ctx, root_pkg):
        for config_path in discovery.find_configs(directory):
            configs.setdefault(directory, config_path)
            if configured:
                continue
            text = ctx.read_text(config_path)
            if text is None:
                continue
            from envguard.sources import prisma

            parsed = prisma.parse_config_text(text, config_path, ctx.display(config_path))
            if parsed.schema:
                add(directory / parsed.schema)
        if configured:
            continue
        pkg = package_at(directory) if (directory / "package.json").is_file() else None
        if pkg is not None and pkg.prisma_schema:
            add(directory / pkg.prisma_schema)
        for path in discovery.default_schema_paths(directory):
            add(path)
        if not any(f.resolve().is_relative_to(directory.resolve()) for f in found):
            for path in sorted(directory.glob("*/schema.prisma"))[:8]:
                if path.parent.name not in discovery.SKIP_DIRS:
                    add(path)

    out: list[tuple[Path, Path | None]] = []
    for schema in found:
        directory = schema if schema.is_dir() else schema.parent
        config: Path | None = None
        for d in (directory, *directory.parents):
            if d in configs:
                config = configs[d]
                break
            if d == root or root not in d.parents:
                break
        out.append((schema, config))
    return out


def _compose_files(ctx: CheckContext, cfg: dict[str, Any], config_problems: list[tuple[str, str]]) -> list[Path]:
    from envguard.sources import discovery

    configured = _cfg_strings(cfg, "compose_files", config_problems)
    if configured:
        out = []
        for item in configured:
            path = ctx.root / item
            if path.is_file():
                out.append(path)
            else:
                config_problems.append(("compose_files", f"crossfile.compose_files: {item} does not exist"))
        return out
    out = discovery.default_compose_files(ctx.root)
    for sub in ("docker", ".devcontainer", "deploy"):
        if (ctx.root / sub).is_dir():
            out += discovery.default_compose_files(ctx.root / sub)
    return out


_PY_MARKERS = ("manage.py", "alembic.ini", "pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "Pipfile")


def _python_candidates(root: Path) -> list[Path]:
    """Django settings modules, alembic.ini and config modules, found where projects keep
    them: the module manage.py names, and two directory levels under the root."""
    from envguard.sources import discovery

    out: list[Path] = []
    manage = root / "manage.py"
    if manage.is_file():
        try:
            text = manage.read_text(encoding="utf-8", errors="replace")[:20000]
        except OSError:
            text = ""
        m = re.search(r"DJANGO_SETTINGS_MODULE[\"']\s*,\s*[\"']([\w.]+)[\"']", text)
        if m:
            base = root.joinpath(*m.group(1).split("."))
            for candidate in (base.with_suffix(".py"), *sorted(base.glob("*.py"))[:20]):
                if candidate.is_file():
                    out.append(candidate)
    for directory in discovery.walk(root, max_depth=2, max_dirs=200):
        for name in ("settings.py", "config.py", "alembic.ini"):
            path = directory / name
            if path.is_file() and path not in out:
                out.append(path)
        settings_pkg = directory / "settings"
        if settings_pkg.is_dir():
            out += [p for p in sorted(settings_pkg.glob("*.py"))[:20] if p not in out]
    return out


def _python_configs(ctx: CheckContext, problems: list[tuple[str, int | None, str]]) -> list[pyframeworks.PyDbConfig]:
    if not any((ctx.root / marker).exists() for marker in _PY_MARKERS):
        return []
    from envguard.sources import pyframeworks

    out: list[pyframeworks.PyDbConfig] = []
    for path in _python_candidates(ctx.root):
        text = ctx.read_text(path)
        if text is None:
            continue
        if path.name == "alembic.ini":
            env_py_path = pyframeworks.alembic_env_py(path, text)
            env_py = ctx.read_text(env_py_path) if env_py_path else None
            cfg = pyframeworks.parse_alembic_ini(text, path, ctx.display(path), env_py)
            problems.extend((cfg.display, line, msg) for line, msg in cfg.problems)
            if cfg.decls:
                out.append(cfg)
            continue
        if "ENGINE" in text:
            cfg = pyframeworks.parse_django_settings(text, path, ctx.display(path))
            if cfg.decls:
                out.append(cfg)
        if "SQLALCHEMY_DATABASE_UR" in text:
            cfg = pyframeworks.parse_sqlalchemy_config(text, path, ctx.display(path))
            if cfg.decls:
                out.append(cfg)
    return out


# --- value helpers ----------------------------------------------------------------------


def _unusable(ctx: CheckContext, name: str, value: str) -> bool:
    """Placeholders and unexpanded interpolations are never compared."""
    from envguard.knowledge.placeholders import placeholder_reason

    v = value.strip()
    if not v or "${" in v or v.startswith("$"):
        return True
    return placeholder_reason(v, secret=ctx.is_secret(name)) is not None


def _broken(ctx: CheckContext) -> set[str]:
    return {p.key for p in ctx.expansion_problems}


def run_site(ctx: CheckContext, name: str) -> Site | None:
    """The value this run sees for ``name``, if set and comparable."""
    v = ctx.values.get(name)
    if v is None or _unusable(ctx, name, v.value) or name in _broken(ctx):
        return None
    return Site(name, v.value.strip(), v.source, v.line, v.column, "run")


def _file_expanded(env_file: EnvFile) -> tuple[dict[str, str], set[str]]:
    from envguard.sources.dotenv import expand_values

    raw = {e.key: e.value for e in env_file.entries}
    expandable = {e.key for e in env_file.entries if e.quote != "'"}
    expanded, problems = expand_values(raw, expandable)
    return expanded, {p.key for p in problems}


def other_sites(ctx: CheckContext, name: str, *, example: bool = True) -> list[Site]:
    """The value of ``name`` in env files this run did not load (and the example)."""
    out: list[Site] = []
    files: list[tuple[EnvFile, str]] = [(f, "file") for f in ctx.other_env_files if f.skipped is None]
    if example and ctx.example is not None and ctx.example.skipped is None:
        files.append((ctx.example, "example"))
    for env_file, origin in files:
        entry = env_file.mapping().get(name)
        if entry is None:
            continue
        cache_key = f"eg4:expanded:{env_file.path}"
        if cache_key not in ctx.cache:
            ctx.cache[cache_key] = _file_expanded(env_file)
        expanded, broken = ctx.cache[cache_key]
        value = expanded.get(name, entry.value)
        if name in broken or _unusable(ctx, name, value):
            continue
        out.append(Site(name, value.strip(), env_file.display, entry.line, entry.column, origin))
    return out


def all_sites(ctx: CheckContext, name: str) -> list[Site]:
    site = run_site(ctx, name)
    return ([site] if site else []) + other_sites(ctx, name)


def _parse(site: Site) -> dburl.DbUrl | None:
    from envguard.knowledge import dburl

    return dburl.parse(site.value)


def _known_names(ctx: CheckContext) -> set[str]:
    """Every variable name the project mentions in its env sources."""
    names = {k for k, v in ctx.values.items() if v.value.strip()}
    if ctx.example is not None:
        names |= set(ctx.example.keys()) | set(ctx.example.commented_keys)
    for f in ctx.other_env_files:
        names |= set(f.keys())
    return names


def _any_enabled(ctx: CheckContext, codes: Iterable[str]) -> bool:
    """Whether any of a check's rules is selected: a project that turns EG4xx off pays
    nothing for it (no file is read)."""
    return any(ctx.enabled(code) for code in codes)


def _matches_any(name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, p) for p in patterns)


def _severity(sev: Severity, site: Site) -> Severity:
    """Findings about the example file are warnings: it documents, it does not run."""
    return Severity.WARNING if site.origin == "example" and sev > Severity.WARNING else sev


# --- EG400 / EG401 / EG402 / EG406: Prisma -----------------------------------------------


def _scheme_hint(provider: str | None) -> str:
    """The URL form a provider expects, for hints: ``postgresql://…``, ``file:./dev.db``."""
    example = EXAMPLE_URLS.get(provider or "", "")
    if "://" not in example:
        return example or "matching"
    return example.split("://", 1)[0] + "://…"


def _compat(provider: str, url: dburl.DbUrl, deps: set[str]) -> tuple[str, str | None]:
    """("ok" | "mismatch" | "uncertain" | "skip", why) for a provider and a URL."""
    from envguard.knowledge import dburl

    if url.base_scheme == "prisma":
        return "skip", None  # Prisma Accelerate proxies any provider
    pf = family(provider)
    if url.dialect is None:
        if url.base_scheme in ("http", "https", "ws", "wss"):
            if provider == "sqlite":
                if deps & LIBSQL_DEPS:
                    return "ok", None
                return (
                    "uncertain",
                    "an HTTP URL works with the sqlite provider only through the libSQL driver adapter (@prisma/adapter-libsql)",
                )
            return (
                "uncertain",
                f"an HTTP endpoint, not a {FAMILY_TITLES.get(pf or '', provider)} connection URL; Prisma's {provider} provider needs a {EXAMPLE_URLS.get(provider, provider).split(':', 1)[0]}: URL unless a driver adapter takes another",
            )
        return "skip", None
    uf = family(url.dialect)
    if uf != pf:
        return "mismatch", None
    if provider == "sqlite" and url.dialect == dburl.LIBSQL and not deps & LIBSQL_DEPS:
        return (
            "uncertain",
            "libsql:// URLs need the libSQL driver adapter (@prisma/adapter-libsql), which package.json does not list",
        )
    if provider == "sqlite" and url.dialect == dburl.SQLITE and url.base_scheme != "file":
        return "uncertain", f'Prisma\'s sqlite provider expects a "file:" URL, not {url.base_scheme}:'
    if url.driver:
        return "uncertain", f"the +{url.driver} driver suffix is SQLAlchemy's; Prisma does not accept it"
    if url.mariadb and "@prisma/adapter-mariadb" not in deps:
        return (
            "uncertain",
            "Prisma's mysql provider expects mysql://; mariadb:// works only through @prisma/adapter-mariadb",
        )
    return "ok", None


class _Evidence(Record):
    family: str
    what: str
    location: Location


def _dep_evidence(proj: PrismaProject) -> list[_Evidence]:
    out = []
    for name, (pkg, dep) in proj.deps().items():
        fam = ADAPTERS.get(name) or DRIVERS.get(name)
        if fam is not None:
            out.append(
                _Evidence(fam, f"{pkg.display}'s {name}", Location(pkg.display, dep.line, note=f"dependency {name}"))
            )
    return out


def _compose_evidence(ctx: CheckContext, url: dburl.DbUrl) -> list[_Evidence]:
    out = []
    for svc, cf, info in _services_for(ctx, url):
        out.append(
            _Evidence(
                info[0] if info[0] != "cockroachdb" else "postgresql",
                f"compose service {svc.name} ({info[1]})",
                Location(cf.display, svc.image_line or svc.line, note=f"compose service {svc.name}"),
            )
        )
    return out


def _evidence_text(items: list[_Evidence]) -> str:
    """``package.json's @prisma/adapter-planetscale and @planetscale/database``."""
    groups: dict[str, list[str]] = {}
    for e in items[:4]:
        owner, _, thing = e.what.partition("'s ")
        groups.setdefault(owner if thing else "", []).append(thing or owner)
    parts = [f"{owner}'s {' and '.join(things)}" if owner else " and ".join(things) for owner, things in groups.items()]
    return " and ".join(parts)


def _verdict(url_family: str, providers_: set[str], evidence: list[_Evidence], var: str, schema_where: str) -> str:
    provider_families = {family(p) for p in providers_}
    for_url = [e for e in evidence if e.family == url_family]
    for_schema = [e for e in evidence if e.family in provider_families]
    if for_url and not for_schema:
        return f"The schema is likely the wrong side: {_evidence_text(for_url)} point{'s' if len(for_url) == 1 else ''} to {FAMILY_TITLES.get(url_family, url_family)} too."
    if for_schema and not for_url:
        kinds = " or ".join(FAMILY_TITLES.get(f or "", f or "") for f in sorted(f for f in provider_families if f))
        return f"{var} is likely the wrong side: {_evidence_text(for_schema)} point{'s' if len(for_schema) == 1 else ''} to {kinds} too."
    return f"Nothing else in the project tells which side is right; check {var} and {schema_where}."


def _chains(proj: PrismaProject, ctx: CheckContext, pj: Project) -> list[tuple[prisma.UrlRef, bool]]:
    """(reference, assumed) for each URL setting; DATABASE_URL is assumed when there is none."""
    from envguard.sources import prisma

    refs = [(r, False) for r in proj.refs() if r.kind == "env" and r.names]
    if refs or proj.datasource is None:
        return refs
    ds = proj.datasource
    names = tuple(pj.database_url_names)
    return [(prisma.UrlRef("url", names, ds.path, ds.line, "env"), not pj.database_url_declared)]


def _effective_sites(ctx: CheckContext, names: Sequence[str]) -> list[Site]:
    """The first set variable of a fallback chain in this run, and every chain variable in
    other env files and the example (each file is its own world)."""
    out: list[Site] = []
    for name in names:
        site = run_site(ctx, name)
        if site is not None:
            out.append(site)
            break
        if ctx.is_set(name):
            break  # set but not comparable (placeholder): the chain stops here anyway
    seen_files: set[str] = set()
    for name in names:
        for site in other_sites(ctx, name):
            if site.path in seen_files:
                continue
            seen_files.add(site.path or "")
            out.append(site)
    return out


def check_prisma(ctx: CheckContext) -> Iterator[Finding]:
    if not _any_enabled(ctx, ("EG400", "EG401", "EG402", "EG406")):
        return
    pj = project(ctx)
    if not pj.prisma:
        return
    yield from _provider_findings(ctx, pj)
    yield from _missing_findings(ctx, pj)
    yield from _planetscale_findings(ctx, pj)
    yield from _pgbouncer_findings(ctx, pj)


def _provider_findings(ctx: CheckContext, pj: Project) -> Iterator[Finding]:
    # variable -> [(project, ref, assumed)]: a variable read by several schemas (one per
    # database kind) passes when it fits any of them.
    from envguard.knowledge import dburl

    uses: dict[tuple[str, ...], list[tuple[PrismaProject, prisma.UrlRef, bool]]] = {}
    for proj in pj.prisma:
        if proj.provider is None:
            continue
        for ref, assumed in _chains(proj, ctx, pj):
            uses.setdefault(ref.names, []).append((proj, ref, assumed))
    for names, users in uses.items():
        deps: set[str] = set()
        for proj, _, _ in users:
            deps |= set(proj.deps())
        providers_ = {proj.provider for proj, _, _ in users if proj.provider}
        for site in _effective_sites(ctx, names):
            url = _parse(site)
            if url is None:
                continue
            verdicts = [(proj, ref, assumed, *_compat(proj.provider or "", url, deps)) for proj, ref, assumed in users]
            if any(v[3] in ("ok", "skip") for v in verdicts):
                continue
            mismatches = [v for v in verdicts if v[3] == "mismatch"]
            # The provider line of each schema, then where the first one reads the variable.
            related = tuple(v[0].provider_location() for v in verdicts)
            first_ref = verdicts[0][1]
            if (first_ref.path, first_ref.line) != (related[0].path, related[0].line):
                related += (Location(first_ref.path, first_ref.line, note=f"{first_ref.role} reads {site.name}"),)
            assumed = all(v[2] for v in verdicts)
            first = verdicts[0][0]
            provider_text = " / ".join(f'"{p}"' for p in sorted(providers_))
            if mismatches:
                url_family = family(url.dialect) or ""
                evidence = []
                for proj, _, _ in users:
                    evidence += _dep_evidence(proj)
                evidence += _compose_evidence(ctx, url)
                verdict = _verdict(url_family, providers_, evidence, site.name, first.provider_where())
                new_provider = PRISMA_PROVIDER_FOR.get(url_family, url_family)
                if url.dialect == dburl.COCKROACHDB:
                    new_provider = "cockroachdb"
                fix = f'Either set provider = "{new_provider}" in {first.provider_where()}'
                if url.provider == "planetscale":
                    fix += ' (with relationMode = "prisma" for PlanetScale) and regenerate the migrations'
                fix += f", or point {site.name} at a {FAMILY_TITLES.get(family(first.provider) or '', first.provider or '')} database ({_scheme_hint(first.provider)})."
                alt = [a for a in first.alternatives if family(a[1]) == url_family]
                if alt:
                    fix += f' {alt[0][0]} declares provider "{alt[0][1]}": if that is the schema you meant, copy it over {first.schema.display}.'
                message = (
                    f"{site.name} is a {url.title} URL but the Prisma datasource provider is {provider_text} "
                    f"({first.provider_where()}). {verdict}"
                )
                if assumed:
                    message += f" (The schema names no variable; {site.name} is assumed.)"
                sev = Severity.WARNING if assumed else PrismaProviderMismatch.severity
                yield PrismaProviderMismatch.finding(
                    message,
                    **site.at(),
                    variable=site.name,
                    hint=fix,
                    severity=_severity(sev, site),
                    related=related,
                )
            else:
                why = next((v[4] for v in verdicts if v[4]), "")
                yield PrismaProviderMismatch.finding(
                    f"{site.name} may not work with the Prisma datasource provider {provider_text} ({first.provider_where()}): {why}.",
                    **site.at(),
                    variable=site.name,
                    hint=f"Use a {_scheme_hint(first.provider)} URL, or add the driver adapter the URL needs.",
                    severity=Severity.WARNING,
                    related=related,
                )


def _entrypoint_assigns(ctx: CheckContext, name: str) -> str | None:
    """A shell entrypoint that assigns the variable (``export DIRECT_URL=…``), if any."""
    key = "eg4:entrypoints"
    if key not in ctx.cache:
        texts: list[tuple[str, str]] = []
        for glob in _ENTRYPOINT_GLOBS:
            try:
                paths = sorted(ctx.root.glob(glob))[:20]
            except (OSError, ValueError):
                continue
            for path in paths:
                if "node_modules" in path.parts or not path.is_file():
                    continue
                text = ctx.read_text(path)
                if text is not None:
                    texts.append((ctx.display(path), text))
        ctx.cache[key] = texts
    assigns = re.compile(r"^\s*(?:export\s+)?" + re.escape(name) + r"=", re.MULTILINE)
    for display, text in ctx.cache[key]:
        if assigns.search(text):
            return str(display)
    return None


def _missing_findings(ctx: CheckContext, pj: Project) -> Iterator[Finding]:
    have_env = bool(ctx.files) or ctx.from_environ
    example = ctx.example
    if not have_env and example is None:
        return
    reported: set[tuple[str, str, int]] = set()
    for proj in pj.prisma:
        for ref in proj.refs():
            if ref.kind != "env" or not ref.names or ref.role == "shadowDatabaseUrl":
                continue
            names = [n for n in ref.names if not _matches_any(n, pj.ignore_env_refs)]
            if len(names) < len(ref.names):
                continue
            key = (ref.names[0], ref.path, ref.line)
            if key in reported:
                continue
            chain = " / ".join(ref.names)
            what = f'{ref.role} = env("{ref.names[0]}")' if len(ref.names) == 1 else f"{ref.role} (reads {chain})"
            if have_env:
                if any(ctx.is_set(n) for n in names):
                    continue
                if any(_entrypoint_assigns(ctx, n) for n in names):
                    continue
                reported.add(key)
                empty = [n for n in names if n in ctx.values]
                state = "is empty" if empty else "is not set"
                related: tuple[Location, ...] = ()
                hint = f"Set {ref.names[0]} in your env file"
                if example is not None:
                    entry = next((example.mapping()[n] for n in names if n in example.mapping()), None)
                    if entry is not None:
                        related = (Location(example.display, entry.line, note=f"{entry.key} in the example"),)
                        hint += f" (the example documents it at {example.display}:{entry.line})"
                hint += ", or list it in crossfile.ignore_env_refs if something else provides it (an entrypoint script, the platform)."
                where = ctx.files[-1].display if ctx.files else "<environ>"
                yield PrismaEnvMissing.finding(
                    f"{ref.names[0] if len(names) == 1 else 'None of ' + chain} {state if len(names) == 1 else 'is set'} in this run ({where}), "
                    f"but the Prisma datasource reads it: {what} at {ref.path}:{ref.line}.",
                    path=ref.path,
                    line=ref.line,
                    variable=ref.names[0],
                    hint=hint,
                    related=related,
                )
            elif example is not None:
                documented = set(example.keys()) | set(example.commented_keys)
                if any(n in documented for n in names):
                    continue
                reported.add(key)
                yield PrismaEnvMissing.finding(
                    f"{chain} is read by the Prisma datasource ({what} at {ref.path}:{ref.line}) but {example.display} does not document it.",
                    path=ref.path,
                    line=ref.line,
                    variable=ref.names[0],
                    hint=f"Add `{ref.names[0]}=` with a comment to {example.display}.",
                    related=(Location(example.display, None, note="the example file"),),
                )


def _planetscale_findings(ctx: CheckContext, pj: Project) -> Iterator[Finding]:
    for proj in pj.prisma:
        ds = proj.datasource
        if ds is None or proj.provider != "mysql":
            continue
        if (ds.relation_mode or "").lower() == "prisma":
            continue
        evidence: Location | None = None
        what = ""
        for ref, _ in _chains(proj, ctx, pj):
            for site in _effective_sites(ctx, ref.names):
                url = _parse(site)
                if url is not None and url.provider == "planetscale":
                    evidence, what = (
                        site.location(f"{site.name} is a PlanetScale URL"),
                        f"{site.name} points at PlanetScale",
                    )
                    break
            if evidence:
                break
        if evidence is None:
            deps = proj.deps()
            for name in PLANETSCALE_DEPS:
                if name in deps:
                    pkg, dep = deps[name]
                    evidence, what = (
                        Location(pkg.display, dep.line, note=f"dependency {name}"),
                        f"{pkg.display} depends on {name}",
                    )
                    break
        if evidence is None:
            continue
        line = ds.relation_mode_line or ds.line
        current = f' (it is "{ds.relation_mode}")' if ds.relation_mode else ""
        yield PlanetScaleRelationMode.finding(
            f'The Prisma datasource {ds.name} ({ds.path}:{ds.line}) has no relationMode = "prisma"{current}, and {what}.',
            path=ds.path,
            line=line,
            hint='Add relationMode = "prisma" to the datasource block (and @@index on relation fields), unless foreign key constraints are enabled for the PlanetScale database.',
            related=(evidence,),
        )


_PG_ADAPTERS = frozenset(k for k, v in ADAPTERS.items() if v == "postgresql")


def _pgbouncer_findings(ctx: CheckContext, pj: Project) -> Iterator[Finding]:
    for proj in pj.prisma:
        if proj.provider not in ("postgresql", "cockroachdb") or proj.datasource is None:
            continue
        if set(proj.deps()) & _PG_ADAPTERS:
            continue
        for ref in proj.datasource.urls:
            if ref.role != "url" or ref.kind != "env":
                continue
            for site in _effective_sites(ctx, ref.names):
                if site.origin == "example":
                    continue
                url = _parse(site)
                if url is None or url.pool_mode != "transaction" or url.pooler == "Neon":
                    continue
                if (url.param("pgbouncer") or "").lower() == "true":
                    continue
                yield PooledUrlWithoutPgbouncer.finding(
                    f"{site.name} goes through {url.pooler} in transaction mode (port {url.effective_port}) without pgbouncer=true; "
                    f"Prisma reads it through {ref.path}:{ref.line} and will fail with 'prepared statement already exists'.",
                    **site.at(),
                    variable=site.name,
                    hint=f"Append ?pgbouncer=true (or &pgbouncer=true) to {site.name}, or use a driver adapter such as @prisma/adapter-pg.",
                    related=(Location(ref.path, ref.line, note=f"{ref.role} reads {site.name}"),),
                )


# --- EG403 / EG404: package.json ---------------------------------------------------------


def check_dependencies(ctx: CheckContext) -> Iterator[Finding]:
    if not _any_enabled(ctx, ("EG403", "EG404")):
        return
    pj = project(ctx)
    yield from _driver_findings(pj)
    yield from _client_findings(ctx, pj)


def _driver_findings(pj: Project) -> Iterator[Finding]:
    # A dependency is held against every schema whose ancestry includes it; it fits
    # when it fits any of them (a monorepo with a MySQL and a PostgreSQL schema).
    held: dict[tuple[str, str], tuple[packagejson.PackageJson, packagejson.Dependency, list[PrismaProject]]] = {}
    for proj in pj.prisma:
        if proj.provider is None:
            continue
        for name, (pkg, dep) in proj.deps().items():
            if name in ADAPTERS or name in DRIVERS:
                held.setdefault((pkg.display, name), (pkg, dep, []))[2].append(proj)
    for (_, name), (pkg, dep, projects) in held.items():
        fam = ADAPTERS.get(name) or DRIVERS[name]
        provider_families = {family(p.provider) for p in projects}
        if fam in provider_families:
            continue
        adapter = name in ADAPTERS
        if not adapter and not (fam in ("postgresql", "mysql") and provider_families & {"postgresql", "mysql"}):
            continue
        first = projects[0]
        provider_text = " / ".join(sorted(f'"{p.provider}"' for p in projects))
        kind = "Prisma driver adapter" if adapter else "driver"
        yield DriverProviderMismatch.finding(
            f"{pkg.display} depends on {name}, a {FAMILY_TITLES.get(fam, fam)} {kind}, but the Prisma datasource provider is {provider_text} ({first.provider_where()}).",
            path=pkg.display,
            line=dep.line,
            hint=(
                f'If the database is {FAMILY_TITLES.get(fam, fam)}, set provider = "{PRISMA_PROVIDER_FOR.get(fam, fam)}" in the schema; '
                f"otherwise remove {name} and use the {FAMILY_TITLES.get(family(first.provider) or '', first.provider or '')} adapter."
                if adapter
                else f"Check which database the app really uses: {name} talks {FAMILY_TITLES.get(fam, fam)} while the schema says {first.provider}. Remove it if it is a leftover."
            ),
            severity=DriverProviderMismatch.severity if adapter else Severity.WARNING,
            related=tuple(p.provider_location() for p in projects),
        )


def _client_findings(ctx: CheckContext, pj: Project) -> Iterator[Finding]:
    pkg = pj.root_package
    if pkg is None:
        return
    if not ctx.files and not ctx.from_environ and ctx.example is None and not ctx.other_env_files:
        return
    names = _known_names(ctx)
    for client in REDIS_CLIENTS:
        dep = pkg.dependency(client)
        if dep is None or dep.section == "devDependencies":
            continue
        if any(re.search(r"REDIS|VALKEY|KV_URL|DRAGONFLY|KEYDB", n) and "_REST_" not in n for n in names):
            break
        yield ClientWithoutVariables.finding(
            f"{pkg.display} depends on {client}, but no env source names a Redis variable (REDIS_URL, REDIS_HOST...).",
            path=pkg.display,
            line=dep.line,
            hint=f"Add REDIS_URL (redis://HOST:6379 or rediss://… for TLS) to the env files and document it in the example; without it {client} connects to localhost:6379.",
        )
        break
    for client, alternatives in REST_CLIENTS.items():
        dep = pkg.dependency(client)
        if dep is None or dep.section == "devDependencies":
            continue
        if any(all(n in names for n in combo) for combo in alternatives) or _explicit_rest_pair(names):
            continue
        wanted = " and ".join(alternatives[0])
        present = [n for combo in alternatives for n in combo if n in names]
        missing = [n for n in alternatives[0] if n not in names]
        yield ClientWithoutVariables.finding(
            f"{pkg.display} depends on {client}, but {', '.join(missing) if present else wanted} {'is' if len(missing) == 1 and present else 'are'} not in any env source.",
            path=pkg.display,
            line=dep.line,
            hint=f"Add {wanted} (from the database's REST API section) to the env files and the example; Redis.fromEnv() reads them.",
        )


def _explicit_rest_pair(names: Iterable[str]) -> bool:
    """UPSTASH_REDIS_URL + UPSTASH_REDIS_TOKEN (inbox-zero): names of the project's own
    choosing, handed to ``new Redis({url, token})`` rather than read by ``fromEnv()``."""
    rest = [n for n in names if re.search(r"UPSTASH|(?:^|_)KV_", n)]
    return any("URL" in n for n in rest) and any("TOKEN" in n for n in rest)


# --- EG405: pooled and direct URLs -------------------------------------------------------


def _pairs_to_check(ctx: CheckContext, pj: Project) -> list[tuple[str, str, Location | None]]:
    out: list[tuple[str, str, Location | None]] = []
    for proj in pj.prisma:
        ds = proj.datasource
        if ds is None:
            continue
        url = next((r for r in ds.urls if r.role == "url" and r.kind == "env"), None)
        direct = next((r for r in ds.urls if r.role == "directUrl" and r.kind == "env"), None)
        if url and direct:
            p = next((n for n in url.names if ctx.is_set(n)), url.names[0])
            d = next((n for n in direct.names if ctx.is_set(n)), direct.names[0])
            out.append((p, d, Location(direct.path, direct.line, note=f"directUrl reads {d}")))
    out += [(p, d, None) for p, d in pj.pairs]
    out += [(p, d, None) for p, d in DEFAULT_PAIRS]
    seen: set[tuple[str, str]] = set()
    unique = []
    for p, d, loc in out:
        if (p, d) not in seen and p != d:
            seen.add((p, d))
            unique.append((p, d, loc))
    return unique


def check_pooling(ctx: CheckContext) -> Iterator[Finding]:
    if not _any_enabled(ctx, ("EG405",)):
        return
    pj = project(ctx)
    for pooled_name, direct_name, loc in _pairs_to_check(ctx, pj):
        ps, ds = run_site(ctx, pooled_name), run_site(ctx, direct_name)
        if ps is None or ds is None:
            continue
        pu, du = _parse(ps), _parse(ds)
        if pu is None or du is None or family(pu.dialect) != "postgresql" or family(du.dialect) != "postgresql":
            continue
        if pu.pooler is None:
            continue
        related = (ps.location(f"{pooled_name}: {pu.title}"),) + ((loc,) if loc else ())
        if du.pool_mode == "transaction" or (du.pooler is not None and du.pool_mode is None):
            certain = du.pool_mode == "transaction"
            yield DirectUrlPooled.finding(
                f"{direct_name} goes through the pooler too ({du.title}, port {du.effective_port}), like {pooled_name} ({ps.where()}); "
                "migrations and introspection need a direct session.",
                **ds.at(),
                variable=direct_name,
                hint=_direct_hint(du),
                severity=DirectUrlPooled.severity if certain else Severity.WARNING,
                related=related,
            )
            continue
        pi, di = pu.server_identity(), du.server_identity()
        if pi and di and pi != di:
            yield DirectUrlPooled.finding(
                f"{direct_name} points at another {'Supabase project' if di.startswith('supabase') else 'Neon endpoint'} than {pooled_name}: migrations would run on a database the app does not use.",
                **ds.at(),
                variable=direct_name,
                hint=f"Copy both URLs from the same project's Connect dialog; {direct_name} is likely the stale one if {pooled_name} is what the app uses.",
                related=related,
            )
            continue
        if pu.database and du.database and pu.database != du.database:
            yield DirectUrlPooled.finding(
                f"{direct_name} names another database than {pooled_name}: migrations would change a database the app does not read.",
                **ds.at(),
                variable=direct_name,
                hint=f"Use the same database name in both URLs (the pooled one is what the app uses: fix {direct_name} unless that is the stale one).",
                related=related,
            )
            continue
        pu_user, du_user = pu.identity_user(), du.identity_user()
        if pu_user and du_user and pu_user != du_user:
            yield DirectUrlPooled.finding(
                f"{direct_name} connects as another user than {pooled_name}: objects created by migrations may not be accessible to the app's role.",
                **ds.at(),
                variable=direct_name,
                hint="Use the same role in both URLs, or grant the app's role access to what the migration role creates (ALTER DEFAULT PRIVILEGES).",
                severity=Severity.WARNING,
                related=related,
            )
    yield from _config_url_pooled(ctx, pj)


def _direct_hint(url: dburl.DbUrl) -> str:
    if url.provider == "supabase":
        return "Use the direct connection (db.<project-ref>.supabase.co:5432) or the session pooler (port 5432 on the pooler host) for the direct URL."
    if url.provider == "neon":
        return "Remove -pooler from the endpoint host in the direct URL (Neon dashboard: uncheck 'Connection pooling')."
    return "Point the direct URL at the database server itself, not at PgBouncer, and drop pgbouncer=true from it."


def _config_url_pooled(ctx: CheckContext, pj: Project) -> Iterator[Finding]:
    """Prisma 7: prisma.config.ts's datasource url is what Prisma Migrate connects to."""
    for proj in pj.prisma:
        if proj.config is None or proj.provider not in ("postgresql", "cockroachdb"):
            continue
        for ref in proj.config.urls:
            if ref.role != "url" or ref.kind != "env":
                continue
            site = next(iter(_effective_sites(ctx, ref.names)), None)
            if site is None or site.origin != "run":
                continue
            url = _parse(site)
            if url is None or url.pool_mode != "transaction":
                continue
            yield DirectUrlPooled.finding(
                f"{site.name} goes through {url.pooler} in transaction mode (port {url.effective_port}), and {ref.path}:{ref.line} gives it to Prisma Migrate as the datasource url.",
                **site.at(),
                variable=site.name,
                hint=_direct_hint(url) + " Keep the pooled URL for the app's driver adapter only.",
                severity=Severity.WARNING,
                related=(Location(ref.path, ref.line, note=f"prisma.config.ts url reads {site.name}"),),
            )


# --- EG407 / EG408 / EG414: compose -------------------------------------------------------

_PORT_SETTINGS = r"(?:^|\s)(?:-p|--port)(?:\s|=)|PGPORT|MYSQL_TCP_PORT|--port\b"


def _services_for(
    ctx: CheckContext, url: dburl.DbUrl
) -> list[tuple[compose_src.Service, compose_src.ComposeFile, tuple[str, str]]]:
    """Compose services (with a known database image) a URL reaches by name."""
    if url.host is None or url.base_scheme in ("http", "https", "ws", "wss") or not project(ctx).compose:
        return []
    if not project(ctx).compose:
        return []
    from envguard.sources import compose as compose_src

    out = []
    for cf in project(ctx).compose:
        for svc in cf.services:
            if url.host == svc.name.lower() or url.host in (h.lower() for h in svc.hostnames):
                info = compose_src.image_dialect(svc.image)
                if info is not None:
                    out.append((svc, cf, info))
    return out


def _publishers(
    ctx: CheckContext, port: int
) -> list[tuple[compose_src.Service, compose_src.ComposeFile, tuple[str, str], compose_src.Port]]:
    if not project(ctx).compose:
        return []
    from envguard.sources import compose as compose_src

    out = []
    for cf in project(ctx).compose:
        for svc in cf.services:
            info = compose_src.image_dialect(svc.image)
            if info is None:
                continue
            for p in svc.ports:
                if p.published == port:
                    out.append((svc, cf, info, p))
    return out


def _compose_url_sites(ctx: CheckContext) -> list[Site]:
    from envguard.knowledge import dburl

    sites: list[Site] = []
    for name in sorted(ctx.values):
        site = run_site(ctx, name)
        if site is not None and dburl.looks_like_url(site.value):
            sites.append(site)
    for cf in project(ctx).compose:
        for svc in cf.services:
            for env in svc.environment:
                if env.value and dburl.looks_like_url(env.value) and not _unusable(ctx, env.key, env.value):
                    sites.append(Site(env.key, env.value, cf.display, env.line, None, "compose"))
    return sites


def check_compose(ctx: CheckContext) -> Iterator[Finding]:
    if not _any_enabled(ctx, ("EG407", "EG408", "EG414")):
        return
    pj = project(ctx)
    if not pj.compose:
        return
    from envguard.sources import compose as compose_src

    linked: set[str] = set()
    for site in _compose_url_sites(ctx):
        url = _parse(site)
        if url is None or url.dialect is None or url.base_scheme in ("http", "https", "ws", "wss"):
            continue
        uf = family(url.dialect)
        services = _services_for(ctx, url)
        if services:
            linked.add(site.name)
            kinds = {("postgresql" if info[0] == "cockroachdb" else info[0]) for _, _, info in services}
            svc, cf, info = services[0]
            image_loc = Location(
                cf.display, svc.image_line or svc.line, note=f"compose service {svc.name}: image {svc.image}"
            )
            if uf not in kinds:
                yield ComposeServiceMismatch.finding(
                    f"{site.name} is a {url.title} URL to compose service {svc.name}, which runs {info[1]} ({svc.image}, {cf.display}:{svc.image_line or svc.line}).",
                    **site.at(),
                    variable=site.name,
                    hint=f"Point {site.name} at the {FAMILY_TITLES.get(uf or '', uf)} service, or change the image of {svc.name} if the app moved to {FAMILY_TITLES.get(uf or '', uf)}; whichever side is older is the wrong one.",
                    related=(image_loc,),
                )
                continue
            port = url.effective_port
            if port is None or any(
                re.search(_PORT_SETTINGS, (s.command or "") + " " + " ".join(e.key for e in s.environment))
                for s, _, _ in services
            ):
                continue
            listening: set[int] = set()
            for s, _, i in services:
                listening |= {p.target for p in s.ports if p.target is not None} | set(s.expose)
                default = compose_src.DEFAULT_IMAGE_PORTS.get(i[0])
                if default is not None:
                    listening.add(default)
            if port not in listening:
                yield ComposeServiceMismatch.finding(
                    f"{site.name} connects to {svc.name}:{port}, but the container listens on {', '.join(str(p) for p in sorted(listening))} ({cf.display}:{svc.line}); inside the compose network the published host port does not apply.",
                    **site.at(),
                    variable=site.name,
                    hint=f"Use the container port ({min(listening)}) with the service name, or the published port with localhost from the host.",
                    severity=Severity.WARNING,
                    related=(image_loc,),
                )
            continue
        if not url.is_local or url.effective_port is None:
            continue
        port = url.effective_port
        publishers = _publishers(ctx, port)
        if publishers:
            linked.add(site.name)
            svc, cf, info, p = publishers[0]
            kind = "postgresql" if info[0] == "cockroachdb" else info[0]
            if kind != uf:
                yield ComposeServiceMismatch.finding(
                    f"{site.name} is a {url.title} URL to localhost:{port}, but that port is published by compose service {svc.name}, which runs {info[1]} ({svc.image}).",
                    **site.at(),
                    variable=site.name,
                    hint=f"Use the port compose publishes for a {FAMILY_TITLES.get(uf or '', uf)} service, or fix the image of {svc.name}.",
                    severity=Severity.WARNING,
                    related=(Location(cf.display, p.line, note=f"compose service {svc.name} publishes {port}"),),
                )
            continue
        same = [
            (svc, cf, p)
            for cf in pj.compose
            for svc in cf.services
            for p in svc.ports
            if p.published is not None and family((compose_src.image_dialect(svc.image) or ("", ""))[0]) == uf
        ]
        if len({(s.name, p.published) for s, _, p in same}) == 1:
            svc, cf, p = same[0]
            linked.add(site.name)
            yield ComposeServiceMismatch.finding(
                f"{site.name} connects to localhost:{port}, but compose publishes its {FAMILY_TITLES.get(uf or '', uf)} service {svc.name} on port {p.published}.",
                **site.at(),
                variable=site.name,
                hint=f"Use localhost:{p.published} in {site.name}, or publish {port} in {cf.display}; ignore this if another server answers on {port}.",
                severity=Severity.WARNING,
                related=(Location(cf.display, p.line, note=f"compose service {svc.name} publishes {p.published}"),),
            )
    yield from _env_file_findings(ctx, pj)
    yield from _schema_compose_findings(ctx, pj, linked)


def _example_beside(target: Path) -> bool:
    """The missing env file has a committed template next to it (``.env`` and
    ``.env.example``, ``.env.docker`` and ``.env.docker.example``): creating it from the
    template is the documented setup step, and the file itself is rightly not committed."""
    from envguard.project.context import EXAMPLE_NAMES

    for suffix in (".example", ".sample", ".template", ".dist", ".defaults"):
        if target.with_name(target.name + suffix).is_file():
            return True
    return target.name == ".env" and any((target.parent / name).is_file() for name in EXAMPLE_NAMES)


def _env_file_findings(ctx: CheckContext, pj: Project) -> Iterator[Finding]:
    for cf in pj.compose:
        base = cf.path.parent
        for svc in cf.services:
            for ref in svc.env_files:
                if not ref.required or "$" in ref.path:
                    continue
                target = base / ref.path
                if target.exists() or _example_beside(target):
                    continue
                hint = f"Create {ref.path} next to {cf.display}, or mark it optional: env_file: [{{path: {ref.path}, required: false}}] (Compose 2.24+)."
                if ctx.example is not None:
                    hint = f"Create it (cp {ctx.example.display} {ctx.display(target)}), or mark it optional: env_file: [{{path: {ref.path}, required: false}}] (Compose 2.24+)."
                yield ComposeEnvFileMissing.finding(
                    f"compose service {svc.name} reads env_file {ref.path}, which does not exist ({ctx.display(target)}); docker compose up will stop.",
                    path=cf.display,
                    line=ref.line,
                    hint=hint,
                )


def _schema_compose_findings(ctx: CheckContext, pj: Project, linked: set[str]) -> Iterator[Finding]:
    if not pj.compose:
        return
    from envguard.knowledge import dburl
    from envguard.sources import compose as compose_src

    db_services = [
        (svc, cf, info)
        for cf in pj.compose
        for svc in cf.services
        for info in [compose_src.image_dialect(svc.image)]
        if info is not None and family(info[0]) in DB_FAMILIES
    ]
    if not db_services:
        return
    kinds = {family(info[0]) for _, _, info in db_services}
    for proj in pj.prisma:
        pf = family(proj.provider)
        if pf is None or pf in kinds:
            continue
        remote = False
        names: list[str] = []
        for ref, _ in _chains(proj, ctx, pj):
            names += ref.names
            for site in _effective_sites(ctx, ref.names):
                if site.origin != "run":
                    continue
                url = _parse(site)
                if site.name in linked:
                    remote = True  # EG407 already compared it with the service
                elif url is not None and url.host and not url.is_local and url.dialect not in (dburl.SQLITE,):
                    remote = True
        if remote:
            continue
        _, cf, info = db_services[0]
        others = ", ".join(f"{s.name} ({i[1]})" for s, _, i in db_services[:3])
        yield SchemaComposeMismatch.finding(
            f'The Prisma datasource provider is "{proj.provider}" ({proj.provider_where()}), but the compose database services run {others}.',
            path=proj.provider_location().path,
            line=proj.provider_location().line,
            variable=names[0] if names else None,
            hint=(
                f"Add a {FAMILY_TITLES.get(pf, pf)} service to {cf.display} (for example image: "
                f"{ {'mysql': 'mariadb:11', 'postgresql': 'postgres:16', 'mongodb': 'mongo:7', 'sqlserver': 'mcr.microsoft.com/mssql/server:2022-latest'}.get(pf, pf) }), "
                f'or set the provider to "{PRISMA_PROVIDER_FOR.get(family(info[0]) or "", info[0])}" if the app moved to {info[1]}.'
            ),
            related=tuple(
                Location(c.display, s.image_line or s.line, note=f"compose service {s.name}: image {s.image}")
                for s, c, _ in db_services[:3]
            ),
        )


# --- EG409: Python frameworks ------------------------------------------------------------


_TYPE_VARIABLES = (
    "DATABASE_TYPE", "DB_TYPE", "DATABASE_DIALECT", "DB_DIALECT", "DB_CONNECTION",
    "DATABASE_CLIENT", "DB_CLIENT", "DATABASE_ENGINE", "DB_ENGINE", "TYPEORM_CONNECTION",
)  # fmt: skip
_TYPE_WORDS = {
    "postgres": "postgresql", "postgresql": "postgresql", "pg": "postgresql", "pgsql": "postgresql",
    "cockroachdb": "postgresql", "mysql": "mysql", "mysql2": "mysql", "mariadb": "mysql",
    "sqlite": "sqlite", "sqlite3": "sqlite", "better-sqlite3": "sqlite", "libsql": "sqlite",
    "mssql": "sqlserver", "sqlserver": "sqlserver", "mongodb": "mongodb", "mongo": "mongodb",
}  # fmt: skip


def _type_variable_findings(ctx: CheckContext, pj: Project) -> Iterator[Finding]:
    """``DATABASE_TYPE=postgresql`` (umami, TypeORM, Laravel) next to the URL it describes."""
    for type_name in _TYPE_VARIABLES:
        tv = ctx.values.get(type_name)
        if tv is None:
            continue
        declared = _TYPE_WORDS.get(tv.value.strip().lower())
        if declared is None:
            continue
        for name in pj.database_url_names:
            site = run_site(ctx, name)
            url = _parse(site) if site else None
            if site is None or url is None or url.dialect is None:
                continue
            uf = family(url.dialect)
            if uf == declared or uf not in DB_FAMILIES | {"sqlite"}:
                continue
            yield FrameworkEngineMismatch.finding(
                f"{name} is a {url.title} URL, but {type_name} says {FAMILY_TITLES.get(declared, declared)} ({tv.source}:{tv.line}).",
                **site.at(),
                variable=name,
                hint=f"Make {type_name} and {name} name the same kind of database; the app picks its driver from {type_name}.",
                related=(Location(tv.source, tv.line, tv.column, note=type_name),),
            )


def check_frameworks(ctx: CheckContext) -> Iterator[Finding]:
    if not _any_enabled(ctx, ("EG409",)):
        return
    pj = project(ctx)
    yield from _type_variable_findings(ctx, pj)
    configs = [c for c in pj.python if c.decls and not c.reads_url]
    if not configs:
        return
    for name in pj.database_url_names:
        site = run_site(ctx, name)
        if site is None:
            continue
        url = _parse(site)
        if url is None or url.dialect is None:
            continue
        uf = family(url.dialect)
        for cfg in configs:
            fams = {family(d.dialect) for d in cfg.decls if d.dialect}
            if not fams or uf in fams:
                continue
            decl = next(d for d in cfg.decls if d.dialect)
            what = {
                "django": f"Django's ENGINE is '{decl.engine}'",
                "alembic": f"alembic.ini's sqlalchemy.url is a {decl.engine}: URL",
                "sqlalchemy": f"SQLALCHEMY_DATABASE_URI is a {decl.engine}: URL",
            }[decl.framework]
            yield FrameworkEngineMismatch.finding(
                f"{name} is a {url.title} URL, but {what} ({cfg.display}:{decl.line}), and that file does not read {name}.",
                **site.at(),
                variable=name,
                hint={
                    "django": f"Build the database settings from {name} (dj_database_url.config() or env.db()) so they cannot drift, or fix whichever side is stale.",
                    "alembic": f"Set sqlalchemy.url from {name} in env.py (config.set_main_option('sqlalchemy.url', os.environ['{name}'])), or fix whichever side is stale.",
                    "sqlalchemy": f"Read SQLALCHEMY_DATABASE_URI from {name} (os.environ['{name}']), or fix whichever side is stale.",
                }[decl.framework],
                related=tuple(Location(cfg.display, d.line, note=f"{d.framework}: {d.engine}") for d in cfg.decls[:3]),
            )


# --- EG410: REDIS_URL vs its parts -------------------------------------------------------


def check_redis_parts(ctx: CheckContext) -> Iterator[Finding]:
    if not _any_enabled(ctx, ("EG410",)):
        return
    from envguard.knowledge import dburl

    for name in sorted(ctx.values):
        if not name.endswith("REDIS_URL"):
            continue
        prefix = name[: -len("URL")]
        site = run_site(ctx, name)
        if site is None:
            continue
        url = _parse(site)
        if url is None or url.dialect != dburl.REDIS or url.host is None:
            continue
        host_site = run_site(ctx, prefix + "HOST")
        port_site = run_site(ctx, prefix + "PORT")
        pw = ctx.values.get(prefix + "PASSWORD")
        problems: list[tuple[Site | None, str]] = []
        if host_site is not None and host_site.value.lower().strip("[]") != url.host.strip("[]"):
            problems.append((host_site, f"{host_site.name} names another host than {name}"))
        if port_site is not None and port_site.value.isdigit() and int(port_site.value) != url.effective_port:
            problems.append(
                (port_site, f"{port_site.name} is {port_site.value} but {name} uses port {url.effective_port}")
            )
        if (
            pw is not None
            and pw.value
            and url.password_digest is not None
            and not _unusable(ctx, pw.name, pw.value)
            and dburl.digest(pw.value) != url.password_digest
        ):
            problems.append((None, f"{pw.name} differs from the password inside {name}"))
        for other, text in problems:
            where = other or Site(
                pw.name if pw else name,
                "",
                pw.source if pw else None,
                pw.line if pw else None,
                pw.column if pw else None,
                "run",
            )
            yield RedisUrlPartsMismatch.finding(
                f"{text}; clients that read one or the other will talk to different Redis servers.",
                **where.at(),
                variable=where.name,
                hint=f"Keep one source of truth: derive the parts from {name} in code, or make them agree (or remove the unused ones).",
                related=(site.location(name),),
            )


# --- EG411: consistent rules -------------------------------------------------------------


def check_consistent(ctx: CheckContext) -> Iterator[Finding]:
    if not _any_enabled(ctx, ("EG411",)):
        return
    from envguard.rules import compare

    for d in compare.evaluate(ctx):
        rule = d.rule
        by = rule.by or "value"
        if by in compare.PRINTABLE:
            detail = f"{d.odd.name} is {d.odd.key}, {d.reference.name} is {d.reference.key}"
        else:
            detail = f"{d.odd.name} has another {compare.by_title(by)} than {d.reference.name}"
        majority = sum(1 for m in d.members if m.key == d.reference.key)
        if majority > 1:
            likely = f"; {d.odd.name} is likely the odd one ({majority} of {len(d.members)} agree)"
        elif by == "mode":
            likely = f"; in a {ctx.environment.name} run the {d.odd.key} one is likely wrong"
        else:
            likely = ""
        base = (
            rule.message.rstrip(".")
            if rule.message
            else f"{', '.join(rule.variables)} must agree by {compare.by_title(by)}"
        )
        sev = Severity.parse(rule.severity) if rule.severity else InconsistentValues.severity
        odd, ref = d.odd.value, d.reference.value
        related = [Location(ref.source, ref.line, ref.column, note=f"{d.reference.name}")]
        if rule.mark is not None and rule.mark.line is not None:
            mark_path = ctx.display(Path(rule.mark.path)) if Path(rule.mark.path).is_absolute() else rule.mark.path
            related.append(Location(mark_path, rule.mark.line, note=f"consistent rule ({rule.group})"))
        yield InconsistentValues.finding(
            f"{base}: {detail}{likely}.",
            path=odd.source,
            line=odd.line,
            column=odd.column,
            variable=d.odd.name,
            hint=rule.hint or f"Make {d.odd.name} and {d.reference.name} agree by {compare.by_title(by)}.",
            severity=sev,
            related=tuple(related),
        )


# --- EG412 / EG413: env files against each other -----------------------------------------


def _env_name_of(file_name: str) -> str | None:
    parts = file_name.split(".")
    if len(parts) == 3 and parts[0] == "" and parts[1] == "env":
        from envguard.config import normalise_environment

        return normalise_environment(parts[2])
    return None


def _env_files(ctx: CheckContext) -> list[EnvFile]:
    seen: set[Path] = set()
    out = []
    for f in [*ctx.files, *ctx.other_env_files]:
        if f.skipped is not None or f.path.resolve() in seen:
            continue
        seen.add(f.path.resolve())
        out.append(f)
    return out


def check_env_files(ctx: CheckContext) -> Iterator[Finding]:
    if not _any_enabled(ctx, ("EG412", "EG413")):
        return
    files = _env_files(ctx)
    deployed = []
    for f in files:
        env = _env_name_of(f.path.name)
        if env is not None and env not in ("example", "sample", "template") and ctx.config.is_deployed(env):
            deployed.append(f)
    yield from _drift(ctx, deployed)
    yield from _localhost(ctx, files)


def _drift(ctx: CheckContext, deployed: list[EnvFile]) -> Iterator[Finding]:
    example = ctx.example
    loaded = {f.path.resolve() for f in ctx.files}
    if example is not None and example.skipped is None:
        documented = set(example.keys()) | set(example.commented_keys)
        # Files loaded in this run are compared with the example by EG111.
        for f in (f for f in deployed if f.path.resolve() not in loaded):
            for entry in f.entries:
                if entry.key in documented:
                    continue
                yield EnvFileKeyDrift.finding(
                    f"{entry.key} is set in {f.display} but {example.display} does not mention it.",
                    path=f.display,
                    line=entry.line,
                    column=entry.column,
                    variable=entry.key,
                    hint=f"Document it in {example.display} (`{entry.key}=` with a comment), or remove it from {f.display} if it is unused.",
                    related=(Location(example.display, None, note="the example file"),),
                )
    for a in deployed:
        for b in deployed:
            if a is b:
                continue
            b_keys = set(b.keys()) | set(b.commented_keys)
            for entry in a.entries:
                if entry.key in b_keys:
                    continue
                yield EnvFileKeyDrift.finding(
                    f"{entry.key} is set in {a.display} but not in {b.display}.",
                    path=a.display,
                    line=entry.line,
                    column=entry.column,
                    variable=entry.key,
                    hint=f"Add {entry.key} to {b.display} (or a commented line saying why it is not needed there).",
                    related=(Location(b.display, None, note=f"{b.display} has no {entry.key}"),),
                )


def _internal_by_name(name: str) -> bool:
    """NEXT_PRIVATE_INTERNAL_WEBAPP_URL=http://localhost:3000 (documenso), NEXTAUTH_URL_INTERNAL:
    a URL the server uses to reach itself or a sidecar, where localhost is the point."""
    return "INTERNAL" in name.upper().split("_")


def _localhost(ctx: CheckContext, files: list[EnvFile]) -> Iterator[Finding]:
    from envguard.knowledge import dburl
    from envguard.rules.strength import is_example_name

    pj = project(ctx)
    loaded = {f.path.resolve() for f in ctx.files}
    for f in files:
        in_run = f.path.resolve() in loaded
        if not in_run and is_example_name(f.path.name):
            continue  # langfuse's .env.prod.example: a template's localhost defaults are to be edited
        env = _env_name_of(f.path.name) or _env_name_of(".".join(f.path.name.split(".")[:3]))
        production = (env is not None and ctx.config.is_production(env)) or (in_run and ctx.environment.production)
        if not production:
            continue
        cache_key = f"eg4:expanded:{f.path}"
        if cache_key not in ctx.cache:
            ctx.cache[cache_key] = _file_expanded(f)
        expanded, broken = ctx.cache[cache_key]
        for entry in f.entries:
            name = entry.key
            value = expanded.get(name, entry.value)
            if name in broken or _unusable(ctx, name, value) or not dburl.looks_like_url(value):
                continue
            if _matches_any(name, pj.allow_localhost) or _internal_by_name(name):
                continue
            spec = ctx.spec(name)
            if spec is not None and spec.allow_localhost:
                continue
            if in_run and ctx.environment.deployed and spec is not None and spec.type == "url":
                continue  # EG104 reports localhost URLs of typed variables in deployed runs
            url = dburl.parse(value)
            if url is None or not url.is_local:
                continue
            yield ProductionFileLocalhost.finding(
                f"{name} in {f.display} points at localhost: in production that is the container or server itself.",
                path=f.display,
                line=entry.line,
                column=entry.column,
                variable=name,
                hint=f"Use the production host for {name}; if the service really runs on the same machine, list {name} in crossfile.allow_localhost.",
            )


# --- EG415 / EG499 -----------------------------------------------------------------------


def _config_line(ctx: CheckContext, key: str) -> int | None:
    """The line of ``key`` under ``crossfile:`` in the config file (the loaded section keeps
    no marks)."""
    from envguard.sources.yamlmarks import line_of

    marked = line_of(ctx.config.crossfile, key)
    if marked is not None or ctx.config.path is None:
        return marked
    text = ctx.read_text(ctx.config.path) or ""
    in_section = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if re.match(r"crossfile\s*:", line):
            in_section = True
        elif in_section and line[:1] not in (" ", "\t", "#", ""):
            in_section = False
        elif in_section and re.match(r"\s+" + re.escape(key) + r"\s*:", line):
            return lineno
    return None


def check_sources(ctx: CheckContext) -> Iterator[Finding]:
    if not _any_enabled(ctx, ("EG415", "EG499")):
        return
    pj = project(ctx)
    for path, line, message in pj.problems:
        yield CrossfileSourceProblem.finding(
            f"{path}: {message}.",
            path=path,
            line=line,
            hint="Fix the file (the tool that reads it will likely fail too), or point crossfile: at the right file.",
        )
    seen = set()
    for key, message in pj.config_problems:
        if message in seen:
            continue
        seen.add(message)
        yield CrossfileConfigInvalid.finding(
            message,
            path=ctx.config.display if ctx.config.path is not None else None,
            line=_config_line(ctx, key),
            hint=(
                "Paths are relative to the project root (the directory of the configuration); fix the path or remove the entry."
                if "does not exist" in message
                else "See docs/crossfile.md for the accepted shape of each crossfile: option."
            ),
        )


CHECKS = (
    check_prisma,
    check_dependencies,
    check_pooling,
    check_compose,
    check_frameworks,
    check_redis_parts,
    check_consistent,
    check_env_files,
    check_sources,
)

# What envguard.load() runs at app start: checks that need the repository (example files,
# git, other environments' files, package.json, compose) stay out of it.
RUNTIME_CHECKS = (check_prisma, check_pooling, check_frameworks, check_redis_parts, check_consistent)
