"""Reading the database settings of Python frameworks where they are literal.

Django: ``'ENGINE': 'django.db.backends.postgresql'`` in a settings module. SQLAlchemy:
``sqlalchemy.url = postgresql+psycopg://...`` in ``alembic.ini`` and
``SQLALCHEMY_DATABASE_URI = "..."`` in a config module. Only literals count: a settings
file that builds its database config from ``DATABASE_URL`` (``dj_database_url``,
``django-environ``'s ``env.db()``, ``os.environ["DATABASE_URL"]``) agrees with the URL
by construction, and is recorded as ``reads_url`` so no comparison is made.

Pure and tolerant: functions return what they could read, never raise. No URL text is
kept (it may carry a password): only its dialect and scheme.
"""

from __future__ import annotations

import configparser
import re
from pathlib import Path

from envguard.core.record import Record
from envguard.knowledge import dburl

_ENGINES: tuple[tuple[str, str], ...] = (
    (r"postgis|postgresql|psycopg|cockroach|timescale", "postgresql"),
    (r"mysql|mariadb", "mysql"),
    (r"sqlite|spatialite", "sqlite"),
    (r"oracle", "oracle"),
    (r"mssql|sql_server|sqlserver|pyodbc", "sqlserver"),
    (r"djongo|mongo", "mongodb"),
)
_ENGINE_RE = re.compile(r"""["']ENGINE["']\s*:\s*["']([\w.]+)["']""")
_ENGINE_KW_RE = re.compile(r"""\bENGINE\s*=\s*["']([\w.]+)["']""")
_SQLA_URI_RE = re.compile(r"""\bSQLALCHEMY_DATABASE_UR[IL]\s*[:=]\s*[rbuf]?["']([^"'\n]+)["']""")
_READS_URL_RE = re.compile(
    r"dj_database_url|dj-database-url|\benv\.db\(|\benv\.db_url\(|db_url\(|DATABASE_URL|database_url|"
    r"parse_database_url|dburl|environ\.Env\b|config\(\s*[\"']DATABASE"
)
_ALEMBIC_OVERRIDE_RE = re.compile(
    r"set_main_option\(\s*[\"']sqlalchemy\.url|DATABASE_URL|os\.environ|getenv|settings\."
)


class EngineDecl(Record):
    """One literal engine or URL: ``framework`` is django | alembic | sqlalchemy."""

    framework: str
    engine: str  # the ENGINE string, or the URL's scheme (never the URL)
    dialect: str | None
    line: int


class PyDbConfig(Record):
    path: Path
    display: str
    framework: str
    decls: tuple[EngineDecl, ...]
    reads_url: bool
    problems: tuple[tuple[int | None, str], ...] = ()

    @property
    def dialects(self) -> set[str]:
        return {d.dialect for d in self.decls if d.dialect}


def engine_dialect(engine: str) -> str | None:
    """``django.db.backends.postgresql`` -> ``postgresql``; ``None`` when unknown."""
    low = engine.lower()
    if low.startswith("django.db.backends.dummy"):
        return None
    for pattern, dialect in _ENGINES:
        if re.search(pattern, low):
            return dialect
    return None


def _strip_py_comment(line: str) -> str:
    quote: str | None = None
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "#":
            return line[:i]
    return line


def parse_django_settings(text: str, path: Path, display: str) -> PyDbConfig:
    decls: list[EngineDecl] = []
    reads_url = False
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = _strip_py_comment(raw)
        if not line.strip():
            continue
        if _READS_URL_RE.search(line):
            reads_url = True
        for m in (*_ENGINE_RE.finditer(line), *_ENGINE_KW_RE.finditer(line)):
            engine = m.group(1)
            decls.append(EngineDecl("django", engine, engine_dialect(engine), lineno))
    return PyDbConfig(path, display, "django", tuple(decls), reads_url)


def _is_template_url(value: str) -> bool:
    # alembic's generated ini says "driver://user:pass@localhost/dbname".
    return value.startswith(("driver://", "$")) or "%(" in value or "${" in value


def parse_alembic_ini(text: str, path: Path, display: str, env_py: str | None = None) -> PyDbConfig:
    """``sqlalchemy.url`` of each section; ``reads_url`` when env.py overrides it."""
    decls: list[EngineDecl] = []
    problems: list[tuple[int | None, str]] = []
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    try:
        parser.read_string(text, source=display)
    except configparser.Error as exc:
        problems.append((getattr(exc, "lineno", None), "not readable as an INI file"))
        return PyDbConfig(path, display, "alembic", (), False, tuple(problems))
    lines = text.splitlines()
    for section in parser.sections():
        value = parser.get(section, "sqlalchemy.url", fallback=None)
        if not value or _is_template_url(value.strip()):
            continue
        parsed = dburl.parse(value)
        lineno = next((i for i, ln in enumerate(lines, 1) if ln.strip().startswith("sqlalchemy.url")), 1)
        if parsed is None:
            continue
        decls.append(EngineDecl("alembic", parsed.base_scheme, parsed.dialect, lineno))
    reads_url = env_py is not None and _ALEMBIC_OVERRIDE_RE.search(env_py) is not None
    return PyDbConfig(path, display, "alembic", tuple(decls), reads_url, tuple(problems))


def parse_sqlalchemy_config(text: str, path: Path, display: str) -> PyDbConfig:
    """Literal ``SQLALCHEMY_DATABASE_URI = "..."`` (Flask-SQLAlchemy config modules)."""
    decls: list[EngineDecl] = []
    reads_url = False
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = _strip_py_comment(raw) if "#" in raw else raw
        if "SQLALCHEMY_DATABASE_UR" in line and ("environ" in line or "getenv" in line or "DATABASE_URL" in line):
            reads_url = True
        m = _SQLA_URI_RE.search(line)
        if m is None or _is_template_url(m.group(1)):
            continue
        parsed = dburl.parse(m.group(1))
        if parsed is not None:
            decls.append(EngineDecl("sqlalchemy", parsed.base_scheme, parsed.dialect, lineno))
    return PyDbConfig(path, display, "sqlalchemy", tuple(decls), reads_url)


def is_settings_module(path: Path) -> bool:
    return path.name == "settings.py" or (path.parent.name == "settings" and path.suffix == ".py")


def alembic_env_py(ini_path: Path, ini_text: str) -> Path | None:
    """The env.py next to ``script_location`` (``%(here)s`` understood)."""
    m = re.search(r"^\s*script_location\s*=\s*(.+?)\s*$", ini_text, re.MULTILINE)
    base = ini_path.parent
    location = m.group(1).replace("%(here)s", str(base)) if m else "alembic"
    if ":" in location and not Path(location).is_absolute():
        return None  # a package resource ("myapp:migrations"); not a path
    candidate = (base / location / "env.py") if not Path(location).is_absolute() else Path(location) / "env.py"
    return candidate if candidate.is_file() else None
