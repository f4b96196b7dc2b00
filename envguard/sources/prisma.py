"""Reading Prisma schemas and ``prisma.config.ts``: the datasource and the variables it names.

Pure and tolerant: every function returns what it could read plus a list of problems,
never raises on bad input, and keeps line numbers for findings. No JavaScript engine is
involved: ``prisma.config.ts`` is read with patterns that understand the shapes real
projects use (``env("X")``, ``process.env.X``, ``process.env["X"]``, fallback chains with
``??``/``||``, a ``const`` holding the expression, ``{ url }`` shorthand).

Where the schema lives, in the order Prisma looks: the ``--schema`` path a project
configured (``crossfile.prisma_schema`` for us), ``prisma.schema`` in package.json,
``schema`` in prisma.config.ts, then ``prisma/schema.prisma``, ``schema.prisma`` and the
multi-file folder ``prisma/schema/``. Monorepos keep schemas in packages; those are
found by a bounded walk.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from envguard.core.record import Record
from envguard.sources.discovery import SKIP_DIRS

PROVIDERS = ("postgresql", "mysql", "sqlite", "sqlserver", "mongodb", "cockroachdb")
URL_ROLES = ("url", "directUrl", "shadowDatabaseUrl")
MAX_SCHEMA_FILES = 200

_IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
_ENV_CALL = re.compile(r"""\benv\s*(?:<[^<>()]*>)?\(\s*(["'`])(""" + _IDENT + r""")\1\s*\)""")
_PROCESS_ENV = re.compile(
    r"""\b(?:process\.env|import\.meta\.env|Bun\.env|Deno\.env\.get)\s*(?:\.\s*("""
    + _IDENT
    + r""")|\[\s*(["'`])("""
    + _IDENT
    + r""")\2\s*\]|\(\s*(["'])("""
    + _IDENT
    + r""")\4\s*\))"""
)
_FIELD_RE = re.compile(r"^\s*(" + _IDENT + r")\s*=\s*(.*?)\s*$")
_SCHEMA_ENV = re.compile(r"""^env\(\s*"(""" + _IDENT + r""")"\s*\)$""")


class Problem(Record):
    path: str
    line: int | None
    message: str


class UrlRef(Record):
    """One datasource URL setting: ``url = env("DATABASE_URL")``.

    ``names`` lists the variables in fallback order (``process.env.A ?? process.env.B``);
    ``literal`` is True when the setting is a string literal (its text is not kept: a
    URL may carry a password); ``other`` when it is an expression we cannot read.
    """

    role: str
    names: tuple[str, ...]
    path: str
    line: int
    kind: str  # "env" | "literal" | "other"
    literal_scheme: str | None = None
    literal_host: str | None = None


class Datasource(Record):
    name: str
    path: str
    line: int
    provider: str | None
    provider_line: int | None
    provider_raw: str | None
    urls: tuple[UrlRef, ...]
    relation_mode: str | None
    relation_mode_line: int | None


class Generator(Record):
    name: str
    path: str
    line: int
    provider: str | None
    preview_features: tuple[str, ...]


class PrismaSchema(Record):
    """A schema: one file, or the files of a multi-file schema folder."""

    path: Path
    display: str
    files: tuple[str, ...]
    datasources: tuple[Datasource, ...]
    generators: tuple[Generator, ...]
    problems: tuple[Problem, ...]

    @property
    def datasource(self) -> Datasource | None:
        return self.datasources[0] if self.datasources else None


class PrismaConfig(Record):
    """What ``prisma.config.ts`` says about the schema path and the datasource URLs."""

    path: Path
    display: str
    schema: str | None
    schema_line: int | None
    urls: tuple[UrlRef, ...]
    other_refs: tuple[tuple[str, int], ...]
    problems: tuple[Problem, ...] = ()


# --- schema files ------------------------------------------------------------------------


def strip_comment(line: str) -> str:
    """The line without its ``//`` comment; ``//`` inside a string is kept."""
    quote: str | None = None
    i = 0
    while i < len(line):
        c = line[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            if c == quote:
                quote = None
        elif c == '"':
            quote = c
        elif c == "/" and line[i + 1 : i + 2] == "/":
            return line[:i]
        i += 1
    return line


def _unquote(text: str) -> str | None:
    t = text.strip()
    if len(t) >= 2 and t[0] == t[-1] == '"':
        return t[1:-1]
    return None


def _blocks(lines: list[str]) -> Iterable[tuple[str, str, int, list[tuple[int, str]]]]:
    """(kind, name, line, body lines with their numbers) for each top-level block."""
    i = 0
    n = len(lines)
    while i < n:
        m = re.match(r"^\s*(" + _IDENT + r")\s+(" + _IDENT + r")\s*\{\s*(.*)$", lines[i])
        if m is None:
            i += 1
            continue
        kind, name, after = m.group(1), m.group(2), m.group(3)
        start = i + 1
        body: list[tuple[int, str]] = []
        if "}" in after:
            inner = after[: after.index("}")]
            if inner.strip():
                body.append((start, inner))
            yield kind, name, start, body
            i += 1
            continue
        if after.strip():
            body.append((start, after))
        i += 1
        depth = 1
        while i < n:
            text = lines[i]
            depth += text.count("{") - text.count("}")
            if depth <= 0:
                head = text[: text.rfind("}")] if "}" in text else ""
                if head.strip():
                    body.append((i + 1, head))
                break
            body.append((i + 1, text))
            i += 1
        yield kind, name, start, body
        i += 1


def _schema_url(role: str, raw: str, display: str, line: int) -> UrlRef:
    m = _SCHEMA_ENV.match(raw)
    if m:
        return UrlRef(role, (m.group(1),), display, line, "env")
    literal = _unquote(raw)
    if literal is not None:
        from envguard.knowledge import dburl

        parsed = dburl.parse(literal)
        return UrlRef(
            role,
            (),
            display,
            line,
            "literal",
            literal_scheme=parsed.scheme if parsed else None,
            literal_host=parsed.host if parsed else None,
        )
    return UrlRef(role, (), display, line, "other")


def parse_schema_text(text: str, display: str) -> tuple[list[Datasource], list[Generator], list[Problem]]:
    """The datasource and generator blocks of one ``.prisma`` file."""
    lines = [strip_comment(line) for line in text.splitlines()]
    datasources: list[Datasource] = []
    generators: list[Generator] = []
    problems: list[Problem] = []
    for kind, name, line, body in _blocks(lines):
        if kind not in ("datasource", "generator"):
            continue
        fields: dict[str, tuple[str, int]] = {}
        for lineno, raw in body:
            fm = _FIELD_RE.match(raw)
            if fm:
                fields.setdefault(fm.group(1), (fm.group(2), lineno))
        if kind == "generator":
            prov = fields.get("provider")
            features: tuple[str, ...] = ()
            if "previewFeatures" in fields:
                features = tuple(re.findall(r'"([^"]+)"', fields["previewFeatures"][0]))
            generators.append(Generator(name, display, line, _unquote(prov[0]) if prov else None, features))
            continue
        provider: str | None = None
        provider_raw: str | None = None
        provider_line: int | None = None
        if "provider" in fields:
            raw, provider_line = fields["provider"]
            provider_raw = _unquote(raw)
            if provider_raw is None:
                problems.append(Problem(display, provider_line, "the datasource provider is not a string literal"))
            elif provider_raw in PROVIDERS:
                provider = provider_raw
            elif provider_raw == "postgres":
                # Prisma accepts only "postgresql"; the alias is a typo we can still read.
                provider = "postgresql"
                problems.append(
                    Problem(display, provider_line, 'provider "postgres" is spelled "postgresql" in Prisma')
                )
            else:
                problems.append(Problem(display, provider_line, f"unknown datasource provider {provider_raw!r}"))
        else:
            problems.append(Problem(display, line, f"datasource {name} has no provider"))
        urls = tuple(
            _schema_url(role, fields[role][0], display, fields[role][1]) for role in URL_ROLES if role in fields
        )
        mode = fields.get("relationMode") or fields.get("referentialIntegrity")
        datasources.append(
            Datasource(
                name=name,
                path=display,
                line=line,
                provider=provider,
                provider_line=provider_line,
                provider_raw=provider_raw,
                urls=urls,
                relation_mode=_unquote(mode[0]) if mode else None,
                relation_mode_line=mode[1] if mode else None,
            )
        )
    return datasources, generators, problems


Reader = Callable[[Path], "str | None"]
Displayer = Callable[[Path], str]


def _default_read(path: Path) -> str | None:
    try:
        data = path.read_bytes()[: 2 * 1024 * 1024 + 1]
    except OSError:
        return None
    if len(data) > 2 * 1024 * 1024 or b"\0" in data:
        return None
    return data.decode("utf-8", "replace")


def read_schema(path: Path, display: Displayer, read: Reader = _default_read) -> PrismaSchema:
    """Read a schema file, or every ``.prisma`` file of a schema folder."""
    problems: list[Problem] = []
    if path.is_dir():
        files = sorted(
            p for p in path.rglob("*.prisma") if p.is_file() and not (set(p.relative_to(path).parts) & SKIP_DIRS)
        )
        if len(files) > MAX_SCHEMA_FILES:
            problems.append(
                Problem(
                    display(path),
                    None,
                    f"more than {MAX_SCHEMA_FILES} .prisma files; read the first {MAX_SCHEMA_FILES}",
                )
            )
            files = files[:MAX_SCHEMA_FILES]
    else:
        files = [path]
    datasources: list[Datasource] = []
    generators: list[Generator] = []
    for f in files:
        text = read(f)
        if text is None:
            problems.append(Problem(display(f), None, "not readable (missing, binary or too large)"))
            continue
        ds, gens, probs = parse_schema_text(text, display(f))
        datasources += ds
        generators += gens
        problems += probs
    if len(datasources) > 1:
        problems.append(
            Problem(datasources[1].path, datasources[1].line, "a Prisma schema may have only one datasource")
        )
    return PrismaSchema(
        path, display(path), tuple(display(f) for f in files), tuple(datasources), tuple(generators), tuple(problems)
    )


# --- prisma.config.ts ------------------------------------------------------------------


def env_refs(expr: str) -> list[str]:
    """Variable names an expression reads, in order (``a ?? b`` -> [a, b])."""
    found: list[tuple[int, str]] = []
    for m in _ENV_CALL.finditer(expr):
        found.append((m.start(), m.group(2)))
    for m in _PROCESS_ENV.finditer(expr):
        found.append((m.start(), m.group(1) or m.group(3) or m.group(5)))
    return list(dict.fromkeys(name for _, name in sorted(found)))


def _mask_js(text: str) -> str:
    """The text with comments blanked (newlines kept) so positions still map to lines.
    Strings are kept: the patterns need them."""
    out = list(text)
    i = 0
    n = len(text)
    quote: str | None = None
    while i < n:
        c = text[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            if c == quote:
                quote = None
            i += 1
            continue
        if c in "\"'`":
            quote = c
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            for k in range(i, j):
                out[k] = " "
            i = j
            continue
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            for k in range(i, j):
                if out[k] != "\n":
                    out[k] = " "
            i = j
            continue
        i += 1
    return "".join(out)


def _code_chars(text: str, start: int) -> Iterator[tuple[int, str]]:
    """(index, character) of ``text`` from ``start``, skipping string literals (with
    their escapes), so bracket counting is not fooled by a ``}`` inside a string."""
    quote: str | None = None
    i = start
    n = len(text)
    while i < n:
        c = text[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            if c == quote:
                quote = None
        elif c in "\"'`":
            quote = c
        else:
            yield i, c
        i += 1


def _matching_brace(text: str, open_at: int) -> int:
    """Index of the ``}`` closing the ``{`` at ``open_at`` (string-aware), or len(text)."""
    depth = 0
    for i, c in _code_chars(text, open_at):
        if c in "{[(":
            depth += 1
        elif c in "}])":
            depth -= 1
            if depth == 0:
                return i
    return len(text)


def _expression_end(text: str, start: int) -> int:
    """End of an object-property expression: the next top-level ``,`` or closing bracket."""
    depth = 0
    for i, c in _code_chars(text, start):
        if c in "{[(":
            depth += 1
        elif c in "}])":
            if depth == 0:
                return i
            depth -= 1
        elif c in ",;" and depth == 0:
            return i
    return len(text)


def _literal_js(text: str) -> str | None:
    m = re.fullmatch(r"""(["'`])([^"'`\n$]*)\1""", text)
    return m.group(2) if m else None


def _line_at(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def parse_config_text(text: str, path: Path, display: str) -> PrismaConfig:
    """Read ``schema`` and ``datasource.{url,directUrl,shadowDatabaseUrl}`` from a config."""
    masked = _mask_js(text)
    problems: list[Problem] = []
    schema: str | None = None
    schema_line: int | None = None
    sm = re.search(r"""\bschema\s*:\s*(["'`])([^"'`\n]+)\1""", masked)
    if sm:
        schema, schema_line = sm.group(2), _line_at(masked, sm.start())
    else:
        jm = re.search(r"""\bschema\s*:\s*(?:path\.)?(?:join|resolve)\(([^()]*)\)""", masked)
        if jm:
            args = [a.strip() for a in jm.group(1).split(",") if a.strip()]
            args = [a for a in args if a not in ("__dirname", "process.cwd()", "import.meta.dirname")]
            literals = [_literal_js(a) for a in args]
            if literals and all(lit is not None for lit in literals):
                schema = "/".join(lit for lit in literals if lit is not None)
                schema_line = _line_at(masked, jm.start())

    urls: list[UrlRef] = []
    consts = {
        m.group(1): m.start(2)
        for m in re.finditer(r"\b(?:const|let|var)\s+(" + _IDENT + r")\s*(?::[^=\n]+)?=\s*(\S)", masked)
    }
    dm = re.search(r"\bdatasource\s*:\s*\{", masked)
    if dm:
        open_at = dm.end() - 1
        close = _matching_brace(masked, open_at)
        body_start = open_at + 1
        body = masked[body_start:close]
        for role in URL_ROLES:
            rm = re.search(r"(?<![\w.])" + role + r"\s*(:|,|\}|$)", body)
            if rm is None:
                continue
            line = _line_at(masked, body_start + rm.start())
            if rm.group(1) == ":":
                start = body_start + rm.end()
                expr = masked[start : _expression_end(masked, start)]
            else:
                expr = role  # shorthand { url }
            names = env_refs(expr)
            ident = expr.strip()
            if not names and re.fullmatch(_IDENT, ident) and ident in consts:
                cstart = consts[ident]
                expr = masked[cstart : _expression_end(masked, cstart)]
                names = env_refs(expr)
            if names:
                urls.append(UrlRef(role, tuple(names), display, line, "env"))
            elif re.match(r"""\s*(["'`])""", expr):
                urls.append(UrlRef(role, (), display, line, "literal"))
            else:
                urls.append(UrlRef(role, (), display, line, "other"))
    used = {n for u in urls for n in u.names}
    other: list[tuple[str, int]] = []
    for m in _ENV_CALL.finditer(masked):
        if m.group(2) not in used:
            other.append((m.group(2), _line_at(masked, m.start())))
    for m in _PROCESS_ENV.finditer(masked):
        name = m.group(1) or m.group(3) or m.group(5)
        if name not in used:
            other.append((name, _line_at(masked, m.start())))
    return PrismaConfig(path, display, schema, schema_line, tuple(urls), tuple(dict.fromkeys(other)), tuple(problems))


def read_config(path: Path, display: Displayer, read: Reader = _default_read) -> PrismaConfig:
    text = read(path)
    if text is None:
        return PrismaConfig(
            path,
            display(path),
            None,
            None,
            (),
            (),
            (Problem(display(path), None, "not readable (missing, binary or too large)"),),
        )
    return parse_config_text(text, path, display(path))


# --- discovery -------------------------------------------------------------------------


def alternative_schemas(schema: Path) -> list[Path]:
    """Other ``.prisma`` files next to a single-file schema (``schema-postgresql.prisma``):
    not in force, but a hint when the one in force is the wrong one."""
    if schema.is_dir():
        return []
    try:
        return sorted(p for p in schema.parent.glob("*.prisma") if p.is_file() and p != schema)[:20]
    except OSError:
        return []
