"""envguard.knowledge.dburl: scheme -> dialect, host -> provider, pooling, and no password kept."""

from __future__ import annotations

import random
import string

import pytest

from envguard.knowledge import dburl

# A password generated at test time: no credential-shaped literal lives in the repository.
PW = "".join(random.Random("dburl").choices(string.ascii_letters + string.digits, k=18))
REF = "abcdefghijklmnopqrst"


@pytest.mark.parametrize(
    ("url", "dialect", "provider", "pooler", "mode"),
    [
        (f"postgresql://app:{PW}@db.example.com:5432/app", "postgresql", None, None, None),
        (f"postgres://app:{PW}@localhost/app", "postgresql", None, None, None),
        (f"postgresql+asyncpg://app:{PW}@db/app", "postgresql", None, None, None),
        (
            f"postgresql://postgres.{REF}:{PW}@aws-0-eu-central-1.pooler.supabase.com:6543/postgres?pgbouncer=true",
            "postgresql",
            "supabase",
            "Supavisor",
            "transaction",
        ),
        (
            f"postgresql://postgres.{REF}:{PW}@aws-0-eu-central-1.pooler.supabase.com:5432/postgres",
            "postgresql",
            "supabase",
            "Supavisor",
            "session",
        ),
        (f"postgresql://postgres:{PW}@db.{REF}.supabase.co:5432/postgres", "postgresql", "supabase", None, None),
        (
            f"postgresql://postgres:{PW}@db.{REF}.supabase.co:6543/postgres",
            "postgresql",
            "supabase",
            "PgBouncer",
            "transaction",
        ),
        (
            f"postgresql://app:{PW}@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/neondb?sslmode=require",
            "postgresql",
            "neon",
            "Neon",
            "transaction",
        ),
        (
            f"postgresql://app:{PW}@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb",
            "postgresql",
            "neon",
            None,
            None,
        ),
        (f"postgresql://app:{PW}@pgbouncer:6432/app", "postgresql", None, "PgBouncer", None),
        (f"postgresql://app:{PW}@db:5432/app?pgbouncer=true", "postgresql", None, "PgBouncer", "transaction"),
        (f"mysql://app:{PW}@aws.connect.psdb.cloud/app?sslaccept=strict", "mysql", "planetscale", None, None),
        (f"mysql://app:{PW}@gcp.connect.psdb.cloud/app", "mysql", "planetscale", None, None),
        (f"mariadb://app:{PW}@db:3306/app", "mysql", None, None, None),
        (f"mysql://app:{PW}@localhost:3306/app?schema=public", "mysql", None, None, None),
        ("file:./dev.db", "sqlite", None, None, None),
        ("file:/data/app.db?connection_limit=1", "sqlite", None, None, None),
        ("sqlite:///app.db", "sqlite", None, None, None),
        (f"sqlserver://db:1433;database=app;user=sa;password={PW};encrypt=true", "sqlserver", None, None, None),
        (f"mongodb+srv://app:{PW}@cluster0.abcde.mongodb.net/app", "mongodb", "atlas", None, None),
        (f"mongodb://app:{PW}@mongo1:27017,mongo2:27017/app?replicaSet=rs0", "mongodb", None, None, None),
        (
            f"postgresql://app:{PW}@free-tier.gcp-us-central1.cockroachlabs.cloud:26257/defaultdb",
            "postgresql",
            "cockroach-cloud",
            None,
            None,
        ),
        (f"cockroachdb://app:{PW}@localhost:26257/app", "cockroachdb", None, None, None),
        (f"redis://default:{PW}@cache:6379/0", "redis", None, None, None),
        (f"rediss://default:{PW}@eu1-fancy-cat-12345.upstash.io:6379", "redis", "upstash", None, None),
        ("libsql://app-org.turso.io", "libsql", "turso", None, None),
        ("http://libsql:8080", None, None, None, None),
        ("https://app-org.turso.io", "libsql", "turso", None, None),
        ("http://root:unused@localhost:3900", None, None, None, None),
        (f"prisma+postgres://accelerate.prisma-data.net/?api_key={PW}", "postgresql", "prisma-accelerate", None, None),
        (f"prisma://accelerate.prisma-data.net/?api_key={PW}", None, "prisma-accelerate", None, None),
        (f"postgresql://app:{PW}@[::1]:5432/app", "postgresql", None, None, None),
    ],
)
def test_parse(url: str, dialect: str | None, provider: str | None, pooler: str | None, mode: str | None) -> None:
    parsed = dburl.parse(url)
    assert parsed is not None
    assert (parsed.dialect, parsed.provider, parsed.pooler, parsed.pool_mode) == (dialect, provider, pooler, mode)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not a url",
        "postgres://username:password@host:port/database",  # lobe-chat's placeholder port
        "postgresql://<USER-HERE>:<PASSWORD-HERE>@localhost:5432/<DATABASE NAME HERE>",  # boxyhq
        "postgresql://[::1/app",
        "x" * 10000,
        "postgresql:relative",
    ],
)
def test_unparseable_values_give_none(text: str) -> None:
    assert dburl.parse(text) is None


def test_no_password_is_kept_anywhere() -> None:
    for url in (
        f"postgresql://app:{PW}@db:5432/app",
        f"sqlserver://db:1433;database=app;user=sa;password={PW}",
        f"prisma://accelerate.prisma-data.net/?api_key={PW}",
        f"redis://:{PW}@cache:6379",
    ):
        parsed = dburl.parse(url)
        assert parsed is not None
        assert PW not in repr(parsed)
        assert all(PW not in str(field) for field in parsed)
        assert parsed.title
        assert PW not in parsed.title


def test_password_digests_compare_without_the_password() -> None:
    a = dburl.parse(f"redis://:{PW}@cache:6379")
    b = dburl.parse(f"redis://default:{PW}@cache:6379")
    c = dburl.parse("redis://:other@cache:6379")
    d = dburl.parse("redis://cache:6379")
    assert a is not None
    assert b is not None
    assert c is not None
    assert d is not None
    assert dburl.same_password(a, b) is True
    assert dburl.same_password(a, c) is False
    assert dburl.same_password(a, d) is None
    assert a.password_digest == dburl.digest(PW)


def test_users_databases_and_identities() -> None:
    pooled = dburl.parse(f"postgresql://postgres.{REF}:{PW}@aws-0-eu-central-1.pooler.supabase.com:6543/postgres")
    direct = dburl.parse(f"postgresql://postgres:{PW}@db.{REF}.supabase.co:5432/postgres")
    assert pooled is not None
    assert direct is not None
    assert pooled.identity_user() == direct.identity_user() == "postgres"
    assert pooled.server_identity() == direct.server_identity() == f"supabase:{REF}"
    assert pooled.database == direct.database == "postgres"
    neon_pooled = dburl.parse(f"postgresql://a:{PW}@ep-x-1-pooler.eu-central-1.aws.neon.tech/neondb")
    neon_direct = dburl.parse(f"postgresql://a:{PW}@ep-x-1.eu-central-1.aws.neon.tech/neondb")
    assert neon_pooled is not None
    assert neon_direct is not None
    assert neon_pooled.server_identity() == neon_direct.server_identity() == "neon:ep-x-1"
    sql = dburl.parse("sqlserver://db:1433;database=app;user=sa")
    assert sql is not None
    assert sql.database == "app"
    assert sql.effective_port == 1433


@pytest.mark.parametrize(
    ("url", "port"),
    [
        ("postgresql://db/app", 5432),
        ("mysql://db/app", 3306),
        ("redis://cache", 6379),
        ("mongodb://m/app", 27017),
        ("https://x.turso.io", 443),
        ("http://libsql:8080", 8080),
        ("file:./dev.db", None),
    ],
)
def test_effective_port(url: str, port: int | None) -> None:
    parsed = dburl.parse(url)
    assert parsed is not None
    assert parsed.effective_port == port


def test_titles_name_dialect_provider_and_pooler() -> None:
    ps = dburl.parse(f"mysql://a:{PW}@aws.connect.psdb.cloud/app")
    sb = dburl.parse(f"postgresql://postgres.{REF}:{PW}@aws-0-eu-central-1.pooler.supabase.com:6543/postgres")
    maria = dburl.parse("mariadb://db/app")
    assert ps is not None
    assert ps.title == "MySQL (PlanetScale)"
    assert sb is not None
    assert sb.title == "PostgreSQL (Supabase, Supavisor transaction pooler)"
    assert maria is not None
    assert maria.title == "MariaDB (MySQL)"


def test_local_hosts() -> None:
    for url, local in (
        ("postgresql://localhost/app", True),
        ("postgresql://127.0.0.1/app", True),
        ("redis://[::1]:6379", True),
        ("postgresql://db/app", False),
        ("postgresql://db.example.com/app", False),
    ):
        parsed = dburl.parse(url)
        assert parsed is not None
        assert parsed.is_local is local, url
