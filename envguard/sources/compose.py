"""Reading Docker Compose files: services, images, ports, environment and env_file.

Pure and tolerant: :func:`parse_compose_text` returns what it could read plus problems,
never raises. Line numbers come from PyYAML's node marks. We walk the composed node
graph ourselves instead of constructing Python objects: anchors, aliases and merge keys
(``<<: *defaults``) are followed with a budget on visited nodes and on depth, so an
alias bomb ("billion laughs") stops early with a problem instead of hanging.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from envguard.core.record import Record

MAX_NODES = 50_000
MAX_DEPTH = 64
MAX_BYTES = 2 * 1024 * 1024

_VAR_RE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)")


class Problem(Record):
    line: int | None
    message: str


class Port(Record):
    """A ``ports:`` entry. ``published`` is the host side (None when not published or
    not knowable), ``target`` the container side."""

    published: int | None
    target: int | None
    host_ip: str | None
    line: int


class EnvVar(Record):
    """An ``environment:`` entry. Holds a value: never print it."""

    key: str
    value: str | None
    line: int

    def __repr__(self) -> str:
        return f"EnvVar({self.key!r}, line={self.line})"


class EnvFileRef(Record):
    path: str
    required: bool
    line: int


class Service(Record):
    name: str
    line: int
    image: str | None
    image_line: int | None
    build: bool
    ports: tuple[Port, ...]
    expose: tuple[int, ...]
    environment: tuple[EnvVar, ...]
    env_files: tuple[EnvFileRef, ...]
    hostnames: tuple[str, ...]  # container_name, hostname, network aliases
    command: str | None


class ComposeFile(Record):
    path: Path
    display: str
    services: tuple[Service, ...]
    problems: tuple[Problem, ...]

    def service(self, name: str) -> Service | None:
        return next((s for s in self.services if s.name == name), None)


class _Budget(Exception):
    pass


class _Walker:
    """Turns YAML nodes into plain values with lines, within a node budget."""

    def __init__(self) -> None:
        self.visited = 0

    def tick(self) -> None:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise _Budget

    def mapping(self, node: Any, depth: int = 0) -> list[tuple[str, Any, int]]:
        """(key, value node, key line) pairs, merge keys applied (explicit keys win)."""
        import yaml

        if not isinstance(node, yaml.MappingNode):
            return []
        if depth > MAX_DEPTH:
            raise _Budget
        own: list[tuple[str, Any, int]] = []
        merged: list[tuple[str, Any, int]] = []
        for key_node, value_node in node.value:
            self.tick()
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            if key_node.tag == "tag:yaml.org,2002:merge" or key_node.value == "<<":
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for src in sources:
                    self.tick()
                    merged.extend(self.mapping(src, depth + 1))
                continue
            own.append((str(key_node.value), value_node, key_node.start_mark.line + 1))
        keys = {k for k, _, _ in own}
        out = list(own)
        seen = set(keys)
        for k, v, line in merged:
            if k not in seen:
                seen.add(k)
                out.append((k, v, line))
        return out

    def sequence(self, node: Any) -> list[Any]:
        import yaml

        if not isinstance(node, yaml.SequenceNode):
            return []
        for _ in node.value:
            self.tick()
        return list(node.value)

    def scalar(self, node: Any) -> str | None:
        import yaml

        self.tick()
        if isinstance(node, yaml.ScalarNode):
            if node.tag == "tag:yaml.org,2002:null":
                return None
            return str(node.value)
        return None


def interpolate_default(text: str) -> str | None:
    """``${VAR:-5432}`` -> ``5432``; ``None`` when a variable has no default."""

    def repl(m: re.Match[str]) -> str:
        if m.group(2) in (":-", "-"):
            return m.group(3) or ""
        raise KeyError(m.group(1) or m.group(4))

    try:
        return _VAR_RE.sub(repl, text.replace("$$", "\0")).replace("\0", "$")
    except KeyError:
        return None


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    text = text.strip()
    return int(text) if text.isdigit() and len(text) <= 5 else None


def parse_port(text: str, line: int) -> Port | None:
    """``"5432"``, ``"5433:5432"``, ``"127.0.0.1:5433:5432/tcp"``, ``"${PORT:-5433}:5432"``."""
    resolved = interpolate_default(text)
    spec = (resolved if resolved is not None else text).strip().split("/", 1)[0]
    host_ip: str | None = None
    if spec.startswith("["):  # [::1]:5433:5432
        close = spec.find("]")
        host_ip, spec = spec[1:close], spec[close + 2 :]
    parts = spec.rsplit(":", 2)
    if len(parts) == 3:
        host_ip, published_text, target_text = parts
    elif len(parts) == 2:
        published_text, target_text = parts
    else:
        published_text, target_text = "", parts[0]
    target = _int(target_text.split("-", 1)[0])
    published = _int(published_text.split("-", 1)[0]) if resolved is not None else None
    if target is None:
        return None
    return Port(published, target, host_ip or None, line)


def _service(w: _Walker, name: str, node: Any, line: int, problems: list[Problem]) -> Service:
    import yaml

    image: str | None = None
    image_line: int | None = None
    build = False
    ports: list[Port] = []
    expose: list[int] = []
    env: list[EnvVar] = []
    env_files: list[EnvFileRef] = []
    hostnames: list[str] = []
    command: str | None = None
    for key, value, key_line in w.mapping(node):
        if key == "image":
            image, image_line = w.scalar(value), key_line
        elif key == "build":
            build = True
        elif key in ("container_name", "hostname"):
            h = w.scalar(value)
            if h:
                hostnames.append(h)
        elif key == "networks" and isinstance(value, yaml.MappingNode):
            for _, net, _ in w.mapping(value):
                for k2, v2, _ in w.mapping(net):
                    if k2 == "aliases":
                        hostnames += [a for a in (w.scalar(x) for x in w.sequence(v2)) if a]
        elif key == "command":
            if isinstance(value, yaml.SequenceNode):
                command = " ".join(s for s in (w.scalar(x) for x in w.sequence(value)) if s)
            else:
                command = w.scalar(value)
        elif key == "ports":
            for item in w.sequence(value):
                item_line = item.start_mark.line + 1
                if isinstance(item, yaml.MappingNode):
                    fields = {k: w.scalar(v) for k, v, _ in w.mapping(item)}
                    target = _int(fields.get("target"))
                    pub_text = fields.get("published")
                    pub = None
                    if pub_text is not None:
                        resolved = interpolate_default(pub_text)
                        pub = _int(resolved.split("-", 1)[0]) if resolved else None
                    if target is not None:
                        ports.append(Port(pub, target, fields.get("host_ip"), item_line))
                else:
                    text = w.scalar(item)
                    port = parse_port(text, item_line) if text else None
                    if port is not None:
                        ports.append(port)
                    elif text:
                        problems.append(Problem(item_line, f"service {name}: cannot read port {text!r}"))
        elif key == "expose":
            for item in w.sequence(value):
                p = _int((w.scalar(item) or "").split("/", 1)[0])
                if p is not None:
                    expose.append(p)
        elif key == "environment":
            if isinstance(value, yaml.MappingNode):
                for k, v, k_line in w.mapping(value):
                    env.append(EnvVar(k, w.scalar(v), k_line))
            else:
                for item in w.sequence(value):
                    text = w.scalar(item)
                    if text is None:
                        continue
                    k, eq, v = text.partition("=")
                    env.append(EnvVar(k.strip(), v if eq else None, item.start_mark.line + 1))
        elif key == "env_file":
            items = w.sequence(value) if isinstance(value, yaml.SequenceNode) else [value]
            for item in items:
                item_line = item.start_mark.line + 1
                if isinstance(item, yaml.MappingNode):
                    fields = {k: w.scalar(v) for k, v, _ in w.mapping(item)}
                    ref_path = fields.get("path")
                    required = (fields.get("required") or "true").lower() not in ("false", "no", "off")
                    if ref_path:
                        env_files.append(EnvFileRef(ref_path, required, item_line))
                else:
                    ref_path = w.scalar(item)
                    if ref_path:
                        env_files.append(EnvFileRef(ref_path, True, item_line))
    return Service(
        name, line, image, image_line, build, tuple(ports), tuple(expose), tuple(env),
        tuple(env_files), tuple(hostnames), command,
    )  # fmt: skip


def parse_compose_text(text: str, path: Path, display: str) -> ComposeFile:
    """The services of one compose file."""
    import yaml

    problems: list[Problem] = []
    if len(text) > MAX_BYTES:
        return ComposeFile(path, display, (), (Problem(None, "is too large to read"),))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = next(iter(yaml.compose_all(text, Loader=loader)), None)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return ComposeFile(
            path, display, (), (Problem(mark.line + 1 if mark else None, f"invalid YAML: {exc.problem or exc}"),)
        )
    except (yaml.YAMLError, RecursionError) as exc:
        # Only the kind of error: YAMLError's text may quote the file, environment values included.
        what = "nested too deeply" if isinstance(exc, RecursionError) else f"invalid YAML ({type(exc).__name__})"
        return ComposeFile(path, display, (), (Problem(None, what),))
    if root is None:
        return ComposeFile(path, display, (), ())
    w = _Walker()
    services: list[Service] = []
    try:
        if not isinstance(root, yaml.MappingNode):
            return ComposeFile(path, display, (), (Problem(1, "not a mapping of top-level keys"),))
        for key, value, line in w.mapping(root):
            if key != "services":
                continue
            if not isinstance(value, yaml.MappingNode):
                problems.append(Problem(line, "'services' is not a mapping"))
                continue
            for name, node, sline in w.mapping(value):
                services.append(_service(w, name, node, sline, problems))
    except _Budget:
        problems.append(
            Problem(
                None,
                f"too complex to read (more than {MAX_NODES} YAML nodes after aliases, or nested deeper than {MAX_DEPTH}); read partially",
            )
        )
    except RecursionError:
        problems.append(Problem(None, "nested too deeply; read partially"))
    return ComposeFile(path, display, tuple(services), tuple(problems))


# Images -> dialect, by the last part of the repository name (registry and tag removed),
# or by the whole repository for names that are too generic alone ("mssql/server").
_IMAGE_NAMES: dict[str, tuple[str, str]] = {}
for _names, _info in (
    (
        "postgres postgresql postgis pgvector timescaledb timescaledb-ha timescaledb-postgis paradedb",
        ("postgresql", "PostgreSQL"),
    ),
    ("pgbouncer pgcat odyssey supavisor", ("postgresql", "PostgreSQL pooler")),
    ("cockroach cockroachdb", ("cockroachdb", "CockroachDB")),
    ("mariadb", ("mysql", "MariaDB")),
    ("mysql mysql-server percona percona-server tidb", ("mysql", "MySQL")),
    ("redis redis-stack redis-stack-server valkey keydb dragonfly dragonflydb garnet kvrocks", ("redis", "Redis")),
    ("mongo mongodb mongodb-community-server", ("mongodb", "MongoDB")),
    ("mssql azure-sql-edge sqlserver", ("sqlserver", "SQL Server")),
    ("libsql-server sqld", ("libsql", "libSQL")),
):
    for _name in _names.split():
        _IMAGE_NAMES[_name] = _info
_IMAGE_REPOS = {
    "mssql/server": ("sqlserver", "SQL Server"),
    "supabase/postgres": ("postgresql", "PostgreSQL"),
    "vitess/lite": ("mysql", "MySQL"),
    "neondatabase/neon": ("postgresql", "PostgreSQL"),
}


def image_dialect(image: str | None) -> tuple[str, str] | None:
    """(dialect, title) of a database image (``postgres:16-alpine`` -> postgresql);
    ``None`` for other images and images whose name is interpolated."""
    if not image or "$" in image:
        return None
    ref = image.strip().lower().split("@", 1)[0]
    last = ref.rsplit("/", 1)[-1]
    if ":" in last:
        ref = ref[: len(ref) - len(last)] + last.split(":", 1)[0]
    # Strip a registry host (docker.io/, ghcr.io/, mcr.microsoft.com/).
    parts = ref.split("/")
    if len(parts) > 1 and ("." in parts[0] or ":" in parts[0] or parts[0] == "localhost"):
        parts = parts[1:]
    for i in range(len(parts) - 1):
        repo = "/".join(parts[i : i + 2])
        if repo in _IMAGE_REPOS:
            return _IMAGE_REPOS[repo]
    return _IMAGE_NAMES.get(parts[-1])


DEFAULT_IMAGE_PORTS = {
    "postgresql": 5432, "mysql": 3306, "redis": 6379, "mongodb": 27017, "sqlserver": 1433,
    "cockroachdb": 26257, "libsql": 8080,
}  # fmt: skip
