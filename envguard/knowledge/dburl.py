"""Understanding database and Redis URLs: dialect, provider, pooling, user and database.

Pure functions shared by the cross-file rules (EG4xx). :func:`parse` never raises and
never keeps a password: a :class:`DbUrl` holds a SHA-256 digest of it (so two URLs can
be compared) and drops query parameters whose names suggest a credential. The dialect
comes from the scheme, the provider from the host; pooling from both.

Sources: Prisma's connection URL docs (postgresql, mysql, sqlite ``file:``, sqlserver's
``;key=value`` form, mongodb, cockroachdb), Supabase's "Connecting to Postgres" guide
(Supavisor transaction mode on port 6543, session mode on 5432, ``postgres.<ref>`` user
on ``*.pooler.supabase.com``, direct ``db.<ref>.supabase.co``), Neon's connection
pooling docs (``-pooler`` endpoint suffix), PlanetScale's connection strings
(``<region>.connect.psdb.cloud``) and libSQL/Turso's ``libsql://`` and HTTP forms.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from envguard.core.record import Record
from envguard.schema.types import is_local_host

# Dialects: what protocol the server speaks. Prisma provider names where one exists.
POSTGRESQL = "postgresql"
MYSQL = "mysql"
SQLITE = "sqlite"
SQLSERVER = "sqlserver"
MONGODB = "mongodb"
COCKROACHDB = "cockroachdb"
REDIS = "redis"
LIBSQL = "libsql"
ORACLE = "oracle"

DIALECT_TITLES = {
    POSTGRESQL: "PostgreSQL",
    MYSQL: "MySQL",
    SQLITE: "SQLite",
    SQLSERVER: "SQL Server",
    MONGODB: "MongoDB",
    COCKROACHDB: "CockroachDB",
    REDIS: "Redis",
    LIBSQL: "libSQL",
    ORACLE: "Oracle",
}

# Scheme (before any ``+driver``) -> dialect. ``http``/``https`` are not here: an HTTP
# URL in DATABASE_URL is a driver's HTTP endpoint (libSQL, PlanetScale's serverless
# driver, a proxy) whose dialect the host may tell, the scheme never does.
_SCHEMES = {
    "postgres": POSTGRESQL,
    "postgresql": POSTGRESQL,
    "pgsql": POSTGRESQL,
    "postgis": POSTGRESQL,
    "prisma+postgres": POSTGRESQL,
    "cockroachdb": COCKROACHDB,
    "cockroach": COCKROACHDB,
    "mysql": MYSQL,
    "mysqlx": MYSQL,
    "mariadb": MYSQL,
    "sqlite": SQLITE,
    "sqlite3": SQLITE,
    "file": SQLITE,
    "sqlserver": SQLSERVER,
    "mssql": SQLSERVER,
    "mongodb": MONGODB,
    "mongodb+srv": MONGODB,
    "redis": REDIS,
    "rediss": REDIS,
    "redis+sentinel": REDIS,
    "valkey": REDIS,
    "valkeys": REDIS,
    "libsql": LIBSQL,
    "oracle": ORACLE,
}

DEFAULT_PORTS = {
    POSTGRESQL: 5432,
    MYSQL: 3306,
    SQLSERVER: 1433,
    MONGODB: 27017,
    COCKROACHDB: 26257,
    REDIS: 6379,
    ORACLE: 1521,
}
_HTTP_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}

# Query parameters that may hold a credential are dropped, never stored.
_SECRET_PARAM = re.compile(r"pass|secret|token|key|auth|cred|sig", re.IGNORECASE)

_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]{0,40}):")
_SUPABASE_REF = re.compile(r"[a-z]{20}")

MAX_URL = 8192


class DbUrl(Record):
    """What a connection URL says, without its password.

    ``dialect`` is ``None`` for schemes that do not name one (``http``, ``prisma``).
    ``provider`` is a hosting service recognised by host (``supabase``, ``neon``,
    ``planetscale``...). ``pooler`` names the pooler the URL goes through, and
    ``pool_mode`` is ``transaction``/``session``/``None``.
    """

    scheme: str
    base_scheme: str
    driver: str | None
    dialect: str | None
    host: str | None
    port: int | None
    user: str | None
    database: str | None
    params: tuple[tuple[str, str], ...]
    password_digest: str | None
    provider: str | None
    pooler: str | None
    pool_mode: str | None
    mariadb: bool = False

    @property
    def effective_port(self) -> int | None:
        if self.port is not None:
            return self.port
        if self.dialect is not None and self.base_scheme not in _HTTP_PORTS:
            return DEFAULT_PORTS.get(self.dialect)
        return _HTTP_PORTS.get(self.base_scheme)

    def param(self, name: str) -> str | None:
        for k, v in self.params:
            if k.lower() == name.lower():
                return v
        return None

    @property
    def is_local(self) -> bool:
        return self.host is not None and is_local_host(self.host)

    @property
    def title(self) -> str:
        """``PostgreSQL (Supabase, Supavisor transaction pooler)``: for messages."""
        base = DIALECT_TITLES.get(self.dialect or "", self.base_scheme.upper() + " endpoint")
        if self.mariadb:
            base = "MariaDB (MySQL)"
        provider = PROVIDER_TITLES.get(self.provider, self.provider) if self.provider else None
        extra = [provider] if provider else []
        if self.pooler:
            name = "" if self.pooler == provider else f"{self.pooler} "
            extra.append(f"{name}{self.pool_mode or ''} pooler".replace("  ", " ").strip())
        return f"{base} ({', '.join(extra)})" if extra else base

    def supabase_ref(self) -> str | None:
        """The Supabase project ref named by the host or the Supavisor user."""
        if self.provider != "supabase":
            return None
        host = self.host or ""
        m = re.match(r"db\.([a-z]{20})\.supabase\.co$", host)
        if m:
            return m.group(1)
        m = re.match(r"([a-z]{20})\.supabase\.co$", host)
        if m:
            return m.group(1)
        if self.user and "." in self.user:
            ref = self.user.rsplit(".", 1)[1]
            if _SUPABASE_REF.fullmatch(ref):
                return ref
        return None

    def identity_user(self) -> str | None:
        """The database role, with pooler decorations removed (Supavisor's
        ``postgres.<ref>`` is the role ``postgres``)."""
        if self.user is None:
            return None
        if self.provider == "supabase" and "." in self.user:
            role, ref = self.user.rsplit(".", 1)
            if _SUPABASE_REF.fullmatch(ref):
                return role
        return self.user

    def server_identity(self) -> str | None:
        """A key naming the database server behind any pooler, where the provider makes
        it knowable (the Supabase project, the Neon endpoint)."""
        if self.provider == "supabase":
            ref = self.supabase_ref()
            return f"supabase:{ref}" if ref else None
        if self.provider == "neon" and self.host:
            first = self.host.split(".", 1)[0]
            return "neon:" + first.removesuffix("-pooler")
        return None


PROVIDER_TITLES = {
    "supabase": "Supabase",
    "neon": "Neon",
    "planetscale": "PlanetScale",
    "rds": "Amazon RDS",
    "railway": "Railway",
    "render": "Render",
    "upstash": "Upstash",
    "turso": "Turso",
    "atlas": "MongoDB Atlas",
    "cockroach-cloud": "CockroachDB Cloud",
    "prisma-postgres": "Prisma Postgres",
    "prisma-accelerate": "Prisma Accelerate",
    "aiven": "Aiven",
    "tidb": "TiDB Cloud",
    "digitalocean": "DigitalOcean",
    "azure": "Azure",
    "cloudsql": "Google Cloud SQL",
    "heroku": "Heroku",
    "vercel-kv": "Vercel KV",
}

# Host suffixes -> provider (plain string tests: this runs for every URL in a project).
_HOST_PROVIDERS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("supabase.co", "supabase.com", "supabase.net"), "supabase"),
    (("neon.tech",), "neon"),
    (("psdb.cloud",), "planetscale"),
    (("rds.amazonaws.com", "rds.amazonaws.com.cn"), "rds"),
    (("railway.app", "rlwy.net", "railway.internal"), "railway"),
    (("render.com",), "render"),
    (("upstash.io",), "upstash"),
    (("turso.io",), "turso"),
    (("mongodb.net",), "atlas"),
    (("cockroachlabs.cloud",), "cockroach-cloud"),
    (("db.prisma.io",), "prisma-postgres"),
    (("prisma-data.net",), "prisma-accelerate"),
    (("aivencloud.com",), "aiven"),
    (("tidbcloud.com",), "tidb"),
    (("db.ondigitalocean.com",), "digitalocean"),
    (("postgres.database.azure.com", "mysql.database.azure.com"), "azure"),
    (("compute-1.amazonaws.com",), "heroku"),
    (("kv.vercel-storage.com",), "vercel-kv"),
)


def provider_of_host(host: str | None) -> str | None:
    if not host:
        return None
    h = host.lower().rstrip(".")
    for suffixes, name in _HOST_PROVIDERS:
        for suffix in suffixes:
            if h == suffix or h.endswith("." + suffix):
                return name
    return None


def dialect_of_scheme(scheme: str) -> str | None:
    """``postgresql+asyncpg`` -> ``postgresql``; ``http`` -> ``None``."""
    s = scheme.lower()
    if s in _SCHEMES:
        return _SCHEMES[s]
    base = s.split("+", 1)[0]
    return _SCHEMES.get(base)


def _split_params(query: str, sep: str = "&") -> tuple[tuple[str, str], ...]:
    out = []
    for part in query.split(sep):
        if not part:
            continue
        key, _, value = part.partition("=")
        key = unquote(key).strip()
        if not key or _SECRET_PARAM.search(key):
            continue
        out.append((key, unquote(value).strip()))
    return tuple(out)


def _digest(password: str) -> str:
    """A stand-in for the password, for comparing two URLs within this run. Python's own
    string hash is keyed per process (unless PYTHONHASHSEED is fixed), so unlike an
    unsalted SHA-256 it means nothing outside the process; and it spares the hook path
    the import of OpenSSL's hashlib."""
    return format(hash(("envguard-db-password", password)) & 0xFFFFFFFFFFFFFFFF, "016x")


def parse(value: str) -> DbUrl | None:
    """Parse a connection URL; ``None`` when it is not one (or cannot be read)."""
    text = value.strip().strip("'\"").strip()
    if not text or len(text) > MAX_URL or any(c.isspace() for c in text):
        return None
    m = _SCHEME_RE.match(text)
    if m is None:
        return None
    scheme = m.group(1).lower()
    rest = text[m.end() :]
    base = scheme
    driver: str | None = None
    if scheme not in _SCHEMES and "+" in scheme:
        base, driver = scheme.split("+", 1)
    dialect = dialect_of_scheme(scheme)

    if base in ("file", "sqlite", "sqlite3"):
        return DbUrl(scheme, base, driver, SQLITE, None, None, None, None, (), None, None, None, None)
    if not rest.startswith("//"):
        return None
    rest = rest[2:]

    # sqlserver://host:1433;database=app;user=sa;password=...;encrypt=true (Prisma's form)
    semi_params: tuple[tuple[str, str], ...] = ()
    if dialect == SQLSERVER and ";" in rest:
        rest, _, tail = rest.partition(";")
        semi_params = _split_params(tail, ";")

    authority, sep, path = rest.partition("/")
    query = ""
    if not sep:
        authority, _, query = authority.partition("?")
        path = ""
    else:
        path, _, query = path.partition("?")
    path = path.partition("#")[0]
    query = query.partition("#")[0]

    userinfo, at, hostport = authority.rpartition("@")
    if not at:
        userinfo, hostport = "", authority
    user: str | None = None
    password_digest: str | None = None
    if userinfo:
        u, colon, pw = userinfo.partition(":")
        user = unquote(u) or None
        if colon and pw:
            password_digest = _digest(unquote(pw))

    # Mongo and Redis Sentinel URLs may list several hosts; the first one stands for all.
    hostport = hostport.split(",", 1)[0]
    host: str | None
    port: int | None = None
    if hostport.startswith("["):
        close = hostport.find("]")
        if close < 0:
            return None
        host = hostport[: close + 1]
        port_text = hostport[close + 2 :] if hostport[close + 1 : close + 2] == ":" else ""
    else:
        host, _, port_text = hostport.partition(":")
    if port_text:
        if not port_text.isdigit() or len(port_text) > 5:
            return None
        port = int(port_text)
    host = host.lower() or None

    params = _split_params(query) + semi_params
    database: str | None = unquote(path).strip("/") or None
    if dialect == SQLSERVER and database is None:
        database = {k.lower(): v for k, v in semi_params}.get("database")
    if dialect == REDIS and database is not None and not database.isdigit():
        database = None

    provider = provider_of_host(host)
    if base in ("prisma", "prisma+postgres") and provider is None:
        provider = "prisma-accelerate" if base == "prisma" else "prisma-postgres"
    if base in ("http", "https", "ws", "wss") and provider == "turso":
        dialect = LIBSQL
    mariadb = base == "mariadb"

    pooler, pool_mode = _pooling(dialect, host, port, params, provider)
    return DbUrl(
        scheme=scheme,
        base_scheme=base,
        driver=driver,
        dialect=dialect,
        host=host,
        port=port,
        user=user,
        database=database,
        params=params,
        password_digest=password_digest,
        provider=provider,
        pooler=pooler,
        pool_mode=pool_mode,
        mariadb=mariadb,
    )


def _pooling(
    dialect: str | None,
    host: str | None,
    port: int | None,
    params: tuple[tuple[str, str], ...],
    provider: str | None,
) -> tuple[str | None, str | None]:
    """(pooler name, mode) for PostgreSQL URLs that go through a connection pooler."""
    if dialect not in (POSTGRESQL, COCKROACHDB) or host is None:
        return None, None
    flags = {k.lower(): v.lower() for k, v in params}
    if provider == "supabase":
        if host.endswith(".pooler.supabase.com"):
            return "Supavisor", "transaction" if port == 6543 else "session"
        if port == 6543:
            return "PgBouncer", "transaction"  # Supabase's dedicated pooler on the db host
    if provider == "neon" and host.split(".", 1)[0].endswith("-pooler"):
        return "Neon", "transaction"
    if flags.get("pgbouncer") == "true":
        return "PgBouncer", "transaction"
    if port == 6432 or "pgbouncer" in host:
        return "PgBouncer", None
    return None, None


def is_pooled(url: DbUrl) -> bool:
    return url.pooler is not None


def is_transaction_pooled(url: DbUrl) -> bool:
    return url.pool_mode == "transaction"


def looks_like_url(value: str) -> bool:
    return _SCHEME_RE.match(value.strip()) is not None and "://" in value


def same_password(a: DbUrl, b: DbUrl) -> bool | None:
    """Whether two URLs carry the same password (``None`` if either has none)."""
    if a.password_digest is None or b.password_digest is None:
        return None
    return a.password_digest == b.password_digest


def digest(password: str) -> str:
    """The digest :class:`DbUrl` keeps, for comparing a bare password variable."""
    return _digest(password)
