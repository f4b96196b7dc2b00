"""The parsers behind EG4xx: Prisma schemas and prisma.config.ts, compose files,
package.json and Python framework settings. Pure functions, tolerant of bad input."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from envguard.sources import compose, discovery, packagejson, prisma, pyframeworks

# --- Prisma schema ---------------------------------------------------------------------

SCHEMA = """
// The datasource // comments are ignored, "strings // are not"
generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["driverAdapters", "multiSchema"]
}

datasource db {
  provider          = "postgresql" // was "mysql"
  url               = env("DATABASE_URL")
  directUrl         = env("DIRECT_URL")
  shadowDatabaseUrl = env("SHADOW_DATABASE_URL")
  relationMode      = "prisma"
}

model User {
  id    String @id @default(cuid())
  email String @unique // datasource db { provider = "mysql" }
}
"""


def test_schema_datasource_and_generator() -> None:
    ds, gens, problems = prisma.parse_schema_text(textwrap.dedent(SCHEMA), "prisma/schema.prisma")
    assert problems == []
    assert len(ds) == 1
    d = ds[0]
    assert (d.name, d.line, d.provider, d.provider_line) == ("db", 8, "postgresql", 9)
    assert [(u.role, u.names, u.line, u.kind) for u in d.urls] == [
        ("url", ("DATABASE_URL",), 10, "env"),
        ("directUrl", ("DIRECT_URL",), 11, "env"),
        ("shadowDatabaseUrl", ("SHADOW_DATABASE_URL",), 12, "env"),
    ]
    assert (d.relation_mode, d.relation_mode_line) == ("prisma", 13)
    assert gens[0].provider == "prisma-client-js"
    assert gens[0].preview_features == ("driverAdapters", "multiSchema")


@pytest.mark.parametrize(
    ("text", "provider", "problem"),
    [
        ('datasource db {\n  provider = "postgres"\n}\n', "postgresql", 'spelled "postgresql"'),
        ('datasource db {\n  provider = "oracle"\n}\n', None, "unknown datasource provider"),
        ('datasource db {\n  provider = env("DB")\n}\n', None, "not a string literal"),
        ('datasource db {\n  url = env("X")\n}\n', None, "has no provider"),
        ('datasource db { provider = "sqlite" }\n', "sqlite", None),
        ("datasource db {\n", None, "has no provider"),
        ("}}}} {{{{ datasource", None, None),
        ("\x00\xff garbage", None, None),
    ],
)
def test_schema_problems_never_raise(text: str, provider: str | None, problem: str | None) -> None:
    ds, _, problems = prisma.parse_schema_text(text, "s.prisma")
    assert (ds[0].provider if ds else None) == provider
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p.message for p in problems), problems


def test_literal_url_keeps_no_text() -> None:
    ds, _, _ = prisma.parse_schema_text(
        'datasource db {\n  provider = "mysql"\n  url = "mysql://u:hunter2x@db.example.com/app"\n}\n', "s.prisma"
    )
    ref = ds[0].urls[0]
    assert (ref.kind, ref.literal_scheme, ref.literal_host) == ("literal", "mysql", "db.example.com")
    assert "hunter2x" not in repr(ref)


def test_multi_file_schema_folder(tmp_path: Path) -> None:
    folder = tmp_path / "prisma" / "schema"
    folder.mkdir(parents=True)
    (folder / "schema.prisma").write_text('datasource db {\n  provider = "mysql"\n  url = env("DATABASE_URL")\n}\n')
    (folder / "user.prisma").write_text("model User {\n  id Int @id\n}\n")
    (folder / "post.prisma").write_text("model Post {\n  id Int @id\n}\n")
    schema = prisma.read_schema(folder, lambda p: p.relative_to(tmp_path).as_posix())
    assert schema.datasource is not None
    assert schema.datasource.provider == "mysql"
    assert schema.datasource.path == "prisma/schema/schema.prisma"
    assert len(schema.files) == 3


def test_two_datasources_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "a.prisma").write_text('datasource a {\n  provider = "mysql"\n}\n')
    (tmp_path / "b.prisma").write_text('datasource b {\n  provider = "postgresql"\n}\n')
    schema = prisma.read_schema(tmp_path, lambda p: p.name)
    assert any("only one datasource" in p.message for p in schema.problems)


def test_unreadable_schema_is_a_problem(tmp_path: Path) -> None:
    schema = prisma.read_schema(tmp_path / "missing.prisma", lambda p: p.name)
    assert schema.datasource is None
    assert schema.problems
    assert "not readable" in schema.problems[0].message


# --- prisma.config.ts -------------------------------------------------------------------

CONFIGS = [
    (
        "env() helper",
        """
        import "dotenv/config";
        import { defineConfig, env } from "prisma/config";

        export default defineConfig({
          schema: "prisma/schema.prisma",
          migrations: { path: "prisma/migrations" },
          datasource: {
            url: env("DATABASE_URL"),
            shadowDatabaseUrl: env('SHADOW_DATABASE_URL'),
          },
        });
        """,
        "prisma/schema.prisma",
        [("url", ("DATABASE_URL",)), ("shadowDatabaseUrl", ("SHADOW_DATABASE_URL",))],
    ),
    (
        "fallback chain (inbox-zero)",
        """
        export default defineConfig({
          datasource: {
            // PREVIEW first: preview deployments get their own database
            url:
              process.env.PREVIEW_DATABASE_URL_UNPOOLED ??
              process.env.DIRECT_URL ??
              process.env["DATABASE_URL_UNPOOLED"] ??
              process.env.DATABASE_URL,
          },
        });
        """,
        None,
        [("url", ("PREVIEW_DATABASE_URL_UNPOOLED", "DIRECT_URL", "DATABASE_URL_UNPOOLED", "DATABASE_URL"))],
    ),
    (
        "const and shorthand (rallly)",
        """
        const url = process.env.DIRECT_DATABASE_URL || process.env.DATABASE_URL;
        export default defineConfig({ schema: path.join("prisma", "schema"), datasource: { url } });
        """,
        "prisma/schema",
        [("url", ("DIRECT_DATABASE_URL", "DATABASE_URL"))],
    ),
    (
        "const with a type and a named property",
        """
        const databaseUrl: string = env<Env>("POSTGRES_PRISMA_URL");
        export default defineConfig({
          schema: path.join(__dirname, "db", "schema.prisma"),
          datasource: { url: databaseUrl, directUrl: env("POSTGRES_URL_NON_POOLING") },
        });
        """,
        "db/schema.prisma",
        [("url", ("POSTGRES_PRISMA_URL",)), ("directUrl", ("POSTGRES_URL_NON_POOLING",))],
    ),
    (
        "commented-out datasource",
        """
        export default defineConfig({
          /* datasource: { url: env("OLD_URL") }, */
          schema: "prisma/schema.prisma",
        });
        """,
        "prisma/schema.prisma",
        [],
    ),
    ("garbage", "export default {{{ datasource: { url: ", None, [("url", ())]),
]


@pytest.mark.parametrize(("text", "schema", "urls"), [c[1:] for c in CONFIGS], ids=[c[0] for c in CONFIGS])
def test_prisma_config(text: str, schema: str | None, urls: list[tuple[str, tuple[str, ...]]]) -> None:
    cfg = prisma.parse_config_text(textwrap.dedent(text), Path("prisma.config.ts"), "prisma.config.ts")
    assert cfg.schema == schema
    assert [(u.role, u.names) for u in cfg.urls] == urls


def test_prisma_config_lines_and_other_refs() -> None:
    text = 'const x = process.env.NODE_ENV;\nexport default defineConfig({\n  datasource: {\n    url: env("DATABASE_URL"),\n  },\n});\n'
    cfg = prisma.parse_config_text(text, Path("prisma.config.ts"), "prisma.config.ts")
    assert cfg.urls[0].line == 4
    assert cfg.other_refs == (("NODE_ENV", 1),)


def test_env_refs_order() -> None:
    assert prisma.env_refs('process.env.B ?? env("A") ?? import.meta.env.C') == ["B", "A", "C"]


# --- compose ------------------------------------------------------------------------------

COMPOSE = """
x-db-env: &db-env
  POSTGRES_USER: app
  POSTGRES_DB: app

x-common: &common
  restart: unless-stopped
  env_file:
    - .env
    - path: .env.local
      required: false

services:
  db:
    <<: *common
    image: postgres:16-alpine
    container_name: app-db
    environment:
      <<: *db-env
      POSTGRES_DB: override
    ports:
      - "5433:5432"
      - 127.0.0.1:6000:6000/tcp
  cache:
    image: docker.io/valkey/valkey:8
    ports: ["${REDIS_PORT:-6380}:6379"]
    networks:
      default:
        aliases: [redis]
  web:
    build: .
    environment:
      - DATABASE_URL=postgresql://app@db:5432/app
      - BARE
    ports:
      - target: 3000
        published: "8080"
    expose: ["9000"]
    command: ["node", "server.js"]
"""


def test_compose_services() -> None:
    cf = compose.parse_compose_text(textwrap.dedent(COMPOSE).lstrip(), Path("compose.yaml"), "compose.yaml")
    assert cf.problems == ()
    db, cache, web = cf.services
    assert (db.name, db.image, db.image_line, db.hostnames) == ("db", "postgres:16-alpine", 15, ("app-db",))
    assert [(p.published, p.target, p.host_ip) for p in db.ports] == [(5433, 5432, None), (6000, 6000, "127.0.0.1")]
    assert {e.key: e.value for e in db.environment} == {"POSTGRES_USER": "app", "POSTGRES_DB": "override"}
    assert [(r.path, r.required) for r in db.env_files] == [(".env", True), (".env.local", False)]
    assert cache.hostnames == ("redis",)
    assert [(p.published, p.target) for p in cache.ports] == [(6380, 6379)]
    assert web.build
    assert web.image is None
    assert [(e.key, e.value is None) for e in web.environment] == [("DATABASE_URL", False), ("BARE", True)]
    assert [(p.published, p.target) for p in web.ports] == [(8080, 3000)]
    assert web.expose == (9000,)
    assert web.command == "node server.js"
    assert "postgresql" not in repr(web.environment[0])  # an EnvVar never shows its value


@pytest.mark.parametrize(
    ("image", "dialect"),
    [
        ("postgres:16", "postgresql"),
        ("postgis/postgis:16-3.4", "postgresql"),
        ("pgvector/pgvector:pg16", "postgresql"),
        ("bitnami/postgresql:latest", "postgresql"),
        ("supabase/postgres:15.1.0.147", "postgresql"),
        ("timescale/timescaledb:latest-pg16", "postgresql"),
        ("edoburu/pgbouncer", "postgresql"),
        ("mysql:8.4", "mysql"),
        ("mariadb:11", "mysql"),
        ("bitnami/mariadb", "mysql"),
        ("percona:8", "mysql"),
        ("redis:7-alpine", "redis"),
        ("valkey/valkey:8", "redis"),
        ("redis/redis-stack-server", "redis"),
        ("docker.dragonflydb.io/dragonflydb/dragonfly", "redis"),
        ("mongo:7", "mongodb"),
        ("mcr.microsoft.com/mssql/server:2022-latest", "sqlserver"),
        ("cockroachdb/cockroach:v24.1.0", "cockroachdb"),
        ("ghcr.io/tursodatabase/libsql-server:latest", "libsql"),
        ("ghcr.io/mattrobenolt/ps-http-sim:latest", None),
        ("node:20", None),
        ("${DB_IMAGE:-postgres}", None),
        ("postgres@sha256:0123abcd", "postgresql"),
        ("localhost:5000/postgres:16", "postgresql"),
    ],
)
def test_image_dialect(image: str, dialect: str | None) -> None:
    info = compose.image_dialect(image)
    assert (info[0] if info else None) == dialect


@pytest.mark.parametrize(
    ("text", "published", "target"),
    [
        ("5432", None, 5432),
        ("5433:5432", 5433, 5432),
        ("0.0.0.0:5433:5432/tcp", 5433, 5432),
        ("[::1]:5433:5432", 5433, 5432),
        ("${PORT:-5433}:5432", 5433, 5432),
        ("${PORT}:5432", None, 5432),
        ("3000-3005:3000-3005", 3000, 3000),
    ],
)
def test_parse_port(text: str, published: int | None, target: int) -> None:
    port = compose.parse_port(text, 1)
    assert port is not None
    assert (port.published, port.target) == (published, target)


def test_alias_bomb_is_bounded() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    lines.append("services:")
    lines.append("  db:")
    lines.append("    image: postgres")
    lines.append("    command: *a11")
    lines.append("    environment:")
    lines.append("      <<: [" + ", ".join(["*m"] * 3) + "]")
    text = "m: &m {K: v}\n" + "\n".join(lines) + "\n"
    start = time.perf_counter()
    cf = compose.parse_compose_text(text, Path("compose.yaml"), "compose.yaml")
    assert time.perf_counter() - start < 2.0
    # Aliases are followed only where a service setting is read, never expanded blindly.
    assert [s.image for s in cf.services] == ["postgres"]
    assert {e.key for e in cf.services[0].environment} == {"K"}


def test_merge_key_bomb_is_bounded() -> None:
    lines = ["m0: &m0 {k0: v, k1: v, k2: v, k3: v, k4: v, k5: v, k6: v, k7: v, k8: v, k9: v}"]
    for i in range(1, 25):
        lines.append(f"m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}, *m{i - 1}], x{i}: v}}")
    lines += ["services:", "  web:", "    image: node", "    environment: *m24"]
    start = time.perf_counter()
    cf = compose.parse_compose_text("\n".join(lines) + "\n", Path("c.yaml"), "c.yaml")
    assert time.perf_counter() - start < 2.0
    assert any("too complex" in p.message for p in cf.problems)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("services: [\n", "invalid YAML"),
        ("- a\n- b\n", "not a mapping"),
        ("services: 3\n", "'services' is not a mapping"),
        ("[" * 5000 + "]" * 5000, ""),
        ("", None),
        ("services:\n  db:\n    ports: ['not-a-port']\n", "cannot read port"),
    ],
)
def test_compose_bad_input(text: str, message: str | None) -> None:
    cf = compose.parse_compose_text(text, Path("c.yaml"), "c.yaml")
    if message is None:
        assert cf.problems == ()
    else:
        assert cf.problems
        assert message in cf.problems[0].message


def test_default_compose_files(tmp_path: Path) -> None:
    for name in ("docker-compose.yml", "docker-compose.override.yml", "docker-compose.prod.yml", "compose.txt"):
        (tmp_path / name).write_text("services: {}\n")
    assert [p.name for p in discovery.default_compose_files(tmp_path)] == [
        "docker-compose.yml",
        "docker-compose.override.yml",
        "docker-compose.prod.yml",
    ]


# --- package.json --------------------------------------------------------------------------

PACKAGE = """{
  "name": "web",
  "private": true,
  "workspaces": ["apps/*", "packages/*"],
  "prisma": {
    "schema": "db/schema.prisma",
    "seed": "tsx db/seed.ts"
  },
  "scripts": {"dependencies": "not a section"},
  "dependencies": {
    "@prisma/client": "^5.22.0",
    "pg": "^8.11.0"
  },
  "devDependencies": {
    "prisma": "^5.22.0",
    "pg": "^8.11.0"
  }
}
"""


def test_package_json() -> None:
    pkg = packagejson.parse_package_json(PACKAGE, Path("package.json"), "package.json")
    assert pkg.problems == ()
    assert (pkg.name, pkg.prisma_schema, pkg.prisma_schema_line) == ("web", "db/schema.prisma", 6)
    assert pkg.workspaces == ("apps/*", "packages/*")
    pg = pkg.dependency("pg")
    assert pg is not None
    assert (pg.section, pg.line) == ("dependencies", 12)
    prisma_dep = pkg.dependency("prisma")
    assert prisma_dep is not None
    assert (prisma_dep.section, prisma_dep.line) == ("devDependencies", 15)
    assert not pkg.has("mysql2")


@pytest.mark.parametrize("text", ["{", "[1, 2]", '{"dependencies": []}', "\ufeff{}", ""])
def test_package_json_bad_input(text: str) -> None:
    pkg = packagejson.parse_package_json(text, Path("package.json"), "package.json")
    assert pkg.dependencies == ()


def test_key_lines_ignore_strings_that_look_like_keys() -> None:
    text = '{\n  "a": "x: {\\"b\\": 1}",\n  "b": {\n    "c": [1, {"d": 2}],\n    "e": 3\n  }\n}\n'
    lines = packagejson.key_lines(text)
    assert lines[("a",)] == 2
    assert lines[("b",)] == 3
    assert lines[("b", "c")] == 4
    assert lines[("b", "e")] == 5
    assert ("b", "d") not in lines


def test_workspaces(tmp_path: Path) -> None:
    for d in ("apps/web", "apps/docs", "packages/db", "packages/empty"):
        (tmp_path / d).mkdir(parents=True)
    for d in ("apps/web", "apps/docs", "packages/db"):
        (tmp_path / d / "package.json").write_text("{}")
    globs = packagejson.workspace_globs(
        tmp_path, None, ["packages:\n  - 'apps/*'\n  - \"packages/*\"\n  - '!**/test/**'\n"]
    )
    assert globs == ["apps/*", "packages/*"]
    dirs = packagejson.workspace_dirs(tmp_path, globs)
    assert [d.relative_to(tmp_path).as_posix() for d in dirs] == ["apps/docs", "apps/web", "packages/db"]


# --- Python frameworks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dialects", "reads_url"),
    [
        (
            "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'app'}}\n",
            {"postgresql"},
            False,
        ),
        ('DATABASES = {"default": {"ENGINE": "django.contrib.gis.db.backends.postgis"}}\n', {"postgresql"}, False),
        ("DATABASES = {'default': dict(ENGINE='django.db.backends.mysql')}\n", {"mysql"}, False),
        (
            "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3'}}\n"
            "if os.environ.get('DATABASE_URL'):\n    DATABASES['default'] = dj_database_url.config()\n",
            {"sqlite"},
            True,
        ),
        ("DATABASES = {'default': env.db()}\n", set(), True),
        ("# 'ENGINE': 'django.db.backends.mysql'\n", set(), False),
        ("DATABASES = {'default': {'ENGINE': 'mssql', 'NAME': 'x'}}\n", {"sqlserver"}, False),
    ],
)
def test_django_settings(text: str, dialects: set[str], reads_url: bool) -> None:
    cfg = pyframeworks.parse_django_settings(text, Path("settings.py"), "settings.py")
    assert cfg.dialects == dialects
    assert cfg.reads_url is reads_url


@pytest.mark.parametrize(
    ("ini", "env_py", "dialects", "reads_url"),
    [
        (
            "[alembic]\nscript_location = alembic\nsqlalchemy.url = postgresql+psycopg://app@localhost/app\n",
            None,
            {"postgresql"},
            False,
        ),
        ("[alembic]\nsqlalchemy.url = driver://user:pass@localhost/dbname\n", None, set(), False),
        ("[alembic]\nsqlalchemy.url = %(DATABASE_URL)s\n", None, set(), False),
        (
            "[alembic]\nsqlalchemy.url = sqlite:///app.db\n",
            "config.set_main_option('sqlalchemy.url', os.environ['DATABASE_URL'])",
            {"sqlite"},
            True,
        ),
        ("not an ini file at all = [", None, set(), False),
    ],
)
def test_alembic_ini(ini: str, env_py: str | None, dialects: set[str], reads_url: bool) -> None:
    cfg = pyframeworks.parse_alembic_ini(ini, Path("alembic.ini"), "alembic.ini", env_py)
    assert cfg.dialects == dialects
    assert cfg.reads_url is reads_url


def test_sqlalchemy_config_literal() -> None:
    text = 'class Config:\n    SQLALCHEMY_DATABASE_URI = "mysql+pymysql://app@db/app"\n'
    cfg = pyframeworks.parse_sqlalchemy_config(text, Path("config.py"), "config.py")
    assert cfg.dialects == {"mysql"}
    assert cfg.decls[0].line == 2
    assert "app@db" not in repr(cfg)


@pytest.mark.parametrize(
    ("engine", "dialect"),
    [
        ("django.db.backends.postgresql_psycopg2", "postgresql"),
        ("django_cockroachdb", "postgresql"),
        ("django.db.backends.oracle", "oracle"),
        ("djongo", "mongodb"),
        ("django.db.backends.dummy", None),
        ("custom.backend", None),
    ],
)
def test_engine_dialect(engine: str, dialect: str | None) -> None:
    assert pyframeworks.engine_dialect(engine) == dialect


# --- never raise ----------------------------------------------------------------------------


_TEXT = st.text(
    alphabet=st.sampled_from(
        [*list("{}[]()\"'`=:;,.@/\\#*<>&$?+-_ \n\tabcdefghijklmnopqrstuvwxyzENV0123456789"), "\x00", "é", "\u2028"]
    ),
    max_size=300,
)
_FRAGMENTS = st.lists(
    st.sampled_from(
        [
            "datasource db {",
            "generator g {",
            "}",
            'provider = "mysql"',
            'url = env("X")',
            "env(",
            "process.env.",
            "datasource: {",
            "url:",
            "??",
            "services:",
            "  db:",
            "    image: postgres",
            "    ports:",
            "      - '5432:5432'",
            "<<: *a",
            "&a",
            "*a",
            '{"dependencies": {',
            '"pg": "1"',
            "[alembic]",
            "sqlalchemy.url = ",
            "'ENGINE':",
            "postgresql://",
            "mysql://u:p@h:3306/d",
            "file:",
            "sqlserver://h;database=d",
            "[::1]",
            ":",
            "@",
            "?",
            "\n",
        ]
    ),
    max_size=40,
).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(st.one_of(_TEXT, _FRAGMENTS))
def test_parsers_never_raise(text: str) -> None:
    from envguard.knowledge import dburl

    prisma.parse_schema_text(text, "s.prisma")
    prisma.parse_config_text(text, Path("prisma.config.ts"), "prisma.config.ts")
    compose.parse_compose_text(text, Path("c.yaml"), "c.yaml")
    packagejson.parse_package_json(text, Path("package.json"), "package.json")
    packagejson.key_lines(text)
    pyframeworks.parse_django_settings(text, Path("settings.py"), "settings.py")
    pyframeworks.parse_alembic_ini(text, Path("alembic.ini"), "alembic.ini", text)
    pyframeworks.parse_sqlalchemy_config(text, Path("config.py"), "config.py")
    dburl.parse(text)
    for line in text.splitlines():
        dburl.parse(line)
        compose.parse_port(line, 1)
        compose.image_dialect(line)
