"""Project configuration: ``envguard.yaml`` (or ``.envguard.yaml``) or ``[tool.envguard]``.

Discovery walks up from the starting directory to the repository root (the first
directory holding ``.git``), so ``envguard check apps/web`` in a monorepo finds
``apps/web/envguard.yaml`` first. ``extends:`` pulls in a shared file (paths relative to
the file that names them); the child's keys win, lists of groups are merged.

Unknown keys are errors naming file and line. With no file at all, envguard runs in
zero-config mode: groups are inferred from the variable names it sees.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from envguard.core.errors import ConfigError
from envguard.core.findings import Severity
from envguard.core.record import Record
from envguard.schema.loader import (
    _check_keys,
    _Ctx,
    _expect_mapping,
    _str,
    _str_list,
    parse_overlay,
    parse_patterns,
    parse_rules,
    parse_variables,
)
from envguard.schema.model import Group, Mark
from envguard.schema.model import normalise_environment as normalise_environment  # re-exported
from envguard.sources.yamlmarks import line_of

CONFIG_NAMES = ("envguard.yaml", "envguard.yml", ".envguard.yaml", ".envguard.yml")
MAX_EXTENDS = 8

KNOWN_ENVIRONMENTS = ("development", "test", "staging", "preview", "production")
_DEPLOYED = ("staging", "preview", "production")

TOP_KEYS = (
    "version", "extends", "environment", "environments", "env_files", "example", "use", "infer",
    "variables", "patterns", "rules", "groups", "select", "ignore", "extend_select", "severity",
    "per_file_ignores", "unknown", "fail_on", "strict", "scan", "crossfile",
)  # fmt: skip
ENV_KEYS = ("like", "deployed", "env_files", "variables")
UNKNOWN_MODES = ("ignore", "info", "warning", "error")

# Sections owned by other subsystems: validated by them, declared here so that a typo in
# a top-level key is still caught. Each maps option -> accepted Python types.
SECTION_SHAPES: dict[str, dict[str, tuple[type, ...]]] = {
    "scan": {
        "exclude": (list,),
        "include": (list,),
        "baseline": (str,),
        "max_file_size": (int,),
        "jobs": (int,),
        "known_values": (bool,),
        "entropy": (bool,),
    },
    "crossfile": {
        "prisma_schema": (str, list),
        "database_url": (str, list),
        "compose_files": (list,),
        "package_json": (str,),
        "ignore_env_refs": (list,),
        "pairs": (list,),
        "allow_localhost": (list,),
    },
}


class EnvironmentConfig(Record):
    name: str
    like: tuple[str, ...] = ()
    deployed: bool | None = None
    env_files: tuple[str, ...] | None = None
    overlays: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()


class Config:
    """A project's configuration; every attribute has its zero-config default."""

    def __init__(self, root: Path, path: Path | None = None, **overrides: Any) -> None:
        self.root = root
        self.path = path
        self.environment: str | None = None
        self.environments: dict[str, EnvironmentConfig] = {}
        self.env_files: tuple[str, ...] | None = None
        self.example: str | None = None
        self.example_disabled = False
        self.use: tuple[str, ...] = ()
        self.infer = True
        self.project: Group | None = None
        self.groups: list[Group] = []
        self.select: tuple[str, ...] = ()
        self.ignore: tuple[str, ...] = ()
        self.extend_select: tuple[str, ...] = ()
        # Keyed as written (a code or a rule name): envguard.checking.policy resolves them.
        self.severity: dict[str, Severity] = {}
        # (section, selector or severity key) -> where it was written.
        self.rule_marks: dict[tuple[str, str], Mark] = {}
        self.per_file_ignores: dict[str, tuple[str, ...]] = {}
        self.unknown = "ignore"
        self.fail_on: Severity | None = None
        self.strict = False
        self.scan: dict[str, Any] = {}
        self.crossfile: dict[str, Any] = {}
        for name, value in overrides.items():
            if not hasattr(self, name):
                raise TypeError(f"Config has no attribute {name!r}")
            setattr(self, name, value)

    def __repr__(self) -> str:
        return f"Config(root={self.root!r}, path={self.path!r})"

    @property
    def base(self) -> Path:
        """The config file's directory (``per_file_ignores`` patterns may be written
        relative to it; the project root can be a package below it)."""
        return self.path.parent if self.path is not None else self.root

    def file_prefix(self) -> str | None:
        """The project root relative to :attr:`base` (``apps/web``), None when they are
        the same directory."""
        try:
            rel = self.root.resolve().relative_to(self.base.resolve()).as_posix()
        except ValueError:
            return None
        return None if rel in ("", ".") else rel

    @property
    def display(self) -> str:
        if self.path is None:
            return "<zero-config>"
        try:
            return self.path.relative_to(self.root).as_posix()
        except ValueError:
            return self.path.as_posix()

    def effective_fail_on(self) -> Severity | None:
        if self.fail_on is not None:
            return self.fail_on
        return Severity.WARNING if self.strict else None

    def environment_config(self, name: str) -> EnvironmentConfig:
        return self.environments.get(name, EnvironmentConfig(name))

    def is_deployed(self, name: str) -> bool:
        env = self.environment_config(name)
        if env.deployed is not None:
            return env.deployed
        return name in _DEPLOYED or any(like in _DEPLOYED for like in env.like)

    def is_production(self, name: str) -> bool:
        return name == "production" or "production" in self.environment_config(name).like


def find_config(start: Path) -> tuple[Path | None, Path]:
    """(config file or None, project root).

    The project root is the nearest directory from ``start`` up to the config's own that
    holds env files or a package manifest (see :func:`_is_project_dir`), else the
    config's directory: in a monorepo whose only config is the shared one at the top,
    ``envguard check apps/web`` is about ``apps/web/.env``, while ``envguard check`` run
    from ``src/`` of a single project is about the project's. Without a config file the
    root is ``start``.
    """
    start = start.resolve()
    current = start
    while True:
        for name in CONFIG_NAMES:
            candidate = current / name
            if candidate.is_file():
                return candidate, _project_dir(start, current)
        pyproject = current / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject, _project_dir(start, current)
        if (current / ".git").exists() or current.parent == current:
            return None, start
        current = current.parent


_MANIFESTS = ("package.json", "pyproject.toml", ".dev.vars", "env.example", "example.env")


def _is_project_dir(directory: Path) -> bool:
    """Holds env files (``.env``, ``.env.*``, an example) or a package manifest."""
    try:
        with os.scandir(directory) as entries:
            return any(
                e.name in _MANIFESTS or e.name == ".env" or e.name.startswith((".env.", ".env-", ".dev.vars."))
                for e in entries
            )
    except OSError:
        return False


def _project_dir(start: Path, config_dir: Path) -> Path:
    current = start
    while current != config_dir and config_dir in current.parents:
        if _is_project_dir(current):
            return current
        current = current.parent
    return config_dir


def _has_tool_section(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    # Loose on purpose: a broken header (`[tool.envguard` without its bracket) must reach
    # the TOML parser and be reported, not make the file look unconfigured.
    return re.search(r"^\s*\[\s*tool\s*\.\s*envguard\b", text, re.MULTILINE) is not None


def load_config(start: Path, explicit: Path | None = None) -> Config:
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError("config file not found", path=str(explicit))
        path: Path | None = explicit.resolve()
        root = start.resolve()
    else:
        path, root = find_config(start)
    if path is None:
        return Config(root=root)
    data, display = _read(path, root)
    data = _resolve_extends(data, path, root, display, depth=0)
    return _build(data, path, root, display)


def _display(path: Path, root: Path) -> str:
    """How config errors name a file: relative to the working directory, where the user
    typed the command (``apps/web/envguard.yaml:3``), else absolute."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _read(path: Path, root: Path) -> tuple[Any, str]:
    display = _display(path, root)
    if path.name == "pyproject.toml":
        return _read_pyproject(path, display), display
    from envguard.sources.yamlmarks import load_yaml_file

    data = load_yaml_file(path, display)
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise ConfigError("the configuration must be a mapping of keys", path=display, line=line_of(data))
    return data, display


def _read_pyproject(path: Path, display: str) -> Mapping[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    try:
        text = path.read_text(encoding="utf-8")
        doc = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", path=display) from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) if m else (text.count("\n") + 1 if "end of document" in str(exc) else None)
        raise ConfigError(f"invalid TOML: {exc}", path=display, line=line) from None
    section = doc.get("tool", {}).get("envguard", {})
    if not isinstance(section, dict):
        raise ConfigError("[tool.envguard] must be a table", path=display)
    # TOML gives no positions; approximate each key by the line of its first mention so
    # that errors still point near the right place.
    from envguard.sources.yamlmarks import MarkedDict

    marked = MarkedDict(section)
    header = re.search(r"^\s*\[tool\.envguard\]", text, re.MULTILINE)
    marked.line = text.count("\n", 0, header.start()) + 1 if header else None
    marked.key_lines = {}
    for key in section:
        m = re.search(
            rf"^\s*{re.escape(key)}\s*=|^\s*\[tool\.envguard\.{re.escape(key)}\b",
            text,
            re.MULTILINE,
        )
        if m:
            marked.key_lines[key] = text.count("\n", 0, m.start()) + 1
    return marked


def _resolve_extends(data: Mapping[str, Any], path: Path, root: Path, display: str, depth: int) -> Mapping[str, Any]:
    ref = data.get("extends")
    if ref is None:
        return data
    if not isinstance(ref, str):
        raise ConfigError("'extends' must be a path", path=display, line=line_of(data, "extends"))
    if depth >= MAX_EXTENDS:
        raise ConfigError(
            f"'extends' nests deeper than {MAX_EXTENDS} files (a cycle?)",
            path=display,
            line=line_of(data, "extends"),
        )
    parent_path = (path.parent / ref).resolve()
    if not parent_path.is_file():
        raise ConfigError(
            f"'extends' names a file that does not exist: {ref}",
            path=display,
            line=line_of(data, "extends"),
        )
    parent, parent_display = _read(parent_path, root)
    parent = _resolve_extends(parent, parent_path, root, parent_display, depth + 1)
    # Validate the shared file on its own first, so that its mistakes name it, not the
    # package file that extends it.
    _build(parent, parent_path, root, parent_display)
    if isinstance(parent.get("groups"), list):
        # Group files named by the shared config are relative to it.
        parent = {
            **parent,
            "groups": [str((parent_path.parent / g).resolve()) if isinstance(g, str) else g for g in parent["groups"]],
        }
    from envguard.sources.yamlmarks import MarkedDict

    merged = MarkedDict(parent)
    # Keys the package file sets keep their own line numbers.
    merged.line = line_of(data)
    merged.key_lines = {k: n for k in data if (n := line_of(data, k)) is not None}
    for key, value in data.items():
        if key == "extends":
            continue
        if key in ("use", "groups") and isinstance(value, list) and isinstance(parent.get(key), list):
            merged[key] = [*parent[key], *(v for v in value if v not in parent[key])]
        elif (
            key in ("variables", "patterns", "environments", "severity", "per_file_ignores")
            and isinstance(value, Mapping)
            and isinstance(parent.get(key), Mapping)
        ):
            both = dict(parent[key])
            both.update(value)
            merged[key] = both
        else:
            merged[key] = value
    return merged


def _build(data: Mapping[str, Any], path: Path, root: Path, display: str) -> Config:
    ctx = _Ctx(display)
    _check_keys(ctx, data, TOP_KEYS, "the envguard configuration")
    cfg = Config(root=root, path=path)
    what = "configuration"
    env = _str(ctx, data, "environment", what)
    cfg.environment = normalise_environment(env) if env else None
    files = _str_list(ctx, data, "env_files", what)
    cfg.env_files = files
    example = data.get("example")
    if example is False:
        cfg.example_disabled = True
    elif example is not None:
        cfg.example = _str(ctx, data, "example", what)
    cfg.use = _str_list(ctx, data, "use", what) or ()
    if cfg.use:
        from envguard.schema import catalog

        known = set(catalog.names())
        for i, name in enumerate(cfg.use):
            if name not in known:
                import difflib

                close = difflib.get_close_matches(name, sorted(known), n=1)
                extra = f" (did you mean {close[0]!r}?)" if close else ""
                raise ctx.error(
                    f"unknown built-in group {name!r}{extra}; `envguard schema list` shows them",
                    data.get("use"),
                    i,
                )
    infer = data.get("infer")
    if infer is not None:
        if not isinstance(infer, bool):
            raise ctx.error("'infer' must be true or false", data, "infer")
        cfg.infer = infer
    variables = parse_variables(ctx, data.get("variables"), "project", data, "variables")
    patterns = parse_patterns(ctx, data.get("patterns"), "project", data, "patterns")
    rules = parse_rules(ctx, data.get("rules"), "project", data, "rules")
    if variables or patterns or rules:
        cfg.project = Group(
            "project",
            "Project variables",
            variables=variables,
            patterns=patterns,
            rules=rules,
            mark=ctx.mark(data),
        )
    for i, group_path in enumerate(_str_list(ctx, data, "groups", what) or ()):
        cfg.groups.append(_load_group_file(path.parent / group_path, root, data.get("groups"), i, ctx))
    cfg.environments = _parse_environments(ctx, data)
    # Rule selectors and severity keys are kept as written, with where they were written:
    # the rule registry sits above this layer, so envguard.checking.policy resolves them
    # and reports a bad one at this file and line.
    for key in ("select", "ignore", "extend_select"):
        value = _str_list(ctx, data, key, what) or ()
        raw_list = data.get(key)
        for i, selector in enumerate(value):
            cfg.rule_marks[(key, selector)] = ctx.mark(raw_list, i if isinstance(raw_list, list) else None)
        setattr(cfg, key, value)
    if "severity" in data:
        sev = _expect_mapping(ctx, data["severity"], "'severity'", data, "severity")
        for code, level in sev.items():
            if not isinstance(level, str):
                raise ctx.error(f"severity of {code} must be error, warning or info", sev, code)
            try:
                cfg.severity[str(code)] = Severity.parse(level)
            except ValueError as exc:
                raise ctx.error(str(exc), sev, code) from None
            cfg.rule_marks[("severity", str(code))] = ctx.mark(sev, code)
    if "per_file_ignores" in data:
        pfi = _expect_mapping(ctx, data["per_file_ignores"], "'per_file_ignores'", data, "per_file_ignores")
        for glob in pfi:
            cfg.per_file_ignores[str(glob)] = _str_list(ctx, pfi, str(glob), "per_file_ignores") or ()
    unknown = _str(ctx, data, "unknown", what)
    if unknown is not None:
        if unknown not in UNKNOWN_MODES:
            raise ctx.error(f"'unknown' must be one of {', '.join(UNKNOWN_MODES)}", data, "unknown")
        cfg.unknown = unknown
    fail_on = _str(ctx, data, "fail_on", what)
    if fail_on is not None:
        if fail_on not in ("error", "warning"):
            raise ctx.error("'fail_on' must be error or warning", data, "fail_on")
        cfg.fail_on = Severity.parse(fail_on)
    strict = data.get("strict")
    if strict is not None:
        if not isinstance(strict, bool):
            raise ctx.error("'strict' must be true or false", data, "strict")
        cfg.strict = strict
    for section, shape in SECTION_SHAPES.items():
        if section in data:
            raw = _expect_mapping(ctx, data[section], f"'{section}'", data, section)
            _check_keys(ctx, raw, tuple(shape), f"'{section}'")
            for key, value in raw.items():
                if (isinstance(value, bool) and bool not in shape[key]) or not isinstance(value, shape[key]):
                    names = " or ".join(t.__name__ for t in shape[key])
                    raise ctx.error(f"{section}.{key} must be a {names}", raw, key)
            setattr(cfg, section, dict(raw))
    return cfg


def _parse_environments(ctx: _Ctx, data: Mapping[str, Any]) -> dict[str, EnvironmentConfig]:
    raw = data.get("environments")
    if raw is None:
        return {}
    raw = _expect_mapping(ctx, raw, "'environments'", data, "environments")
    out: dict[str, EnvironmentConfig] = {}
    bodies: dict[str, Mapping[str, Any]] = {}
    defined = {normalise_environment(str(n)) for n in raw}
    for name, body in raw.items():
        env = normalise_environment(str(name))
        body = bodies[env] = _expect_mapping(ctx, body or {}, f"environment {name}", raw, name)
        _check_keys(ctx, body, ENV_KEYS, f"environment {name}")
        like = tuple(normalise_environment(x) for x in (_str_list(ctx, body, "like", f"environment {name}") or ()))
        deployed = body.get("deployed")
        if deployed is not None and not isinstance(deployed, bool):
            raise ctx.error("'deployed' must be true or false", body, "deployed")
        overlays = []
        if "variables" in body:
            variables = _expect_mapping(ctx, body["variables"], f"environment {name}: variables", body, "variables")
            for var, fields in variables.items():
                overlays.append((str(var), tuple(parse_overlay(ctx, str(var), fields, variables).items())))
        for parent in like:
            if parent not in KNOWN_ENVIRONMENTS and parent not in defined:
                known = ", ".join(KNOWN_ENVIRONMENTS)
                raise ctx.error(
                    f"environment {name}: 'like' names {parent!r}, which is neither a built-in"
                    f" environment ({known}) nor one defined here",
                    body,
                    "like",
                )
        out[env] = EnvironmentConfig(
            name=env,
            like=like,
            deployed=deployed,
            env_files=_str_list(ctx, body, "env_files", f"environment {name}"),
            overlays=tuple(overlays),
        )
    for env, cfg in out.items():
        # ``like`` is read one level deep; a loop back to the environment itself means
        # the configuration does not say what the environment is.
        seen: set[str] = set()
        todo = list(cfg.like)
        while todo:
            parent = todo.pop()
            if parent == env:
                raise ctx.error(f"environment {env}: 'like' goes round in a loop back to {env!r}", bodies[env], "like")
            if parent not in seen:
                seen.add(parent)
                todo.extend(out[parent].like if parent in out else ())
    return out


def _load_group_file(path: Path, root: Path, parent: Any, index: int, ctx: _Ctx) -> Group:
    from envguard.schema.loader import parse_group
    from envguard.sources.yamlmarks import load_yaml_file

    if not path.is_file():
        raise ctx.error(f"group file not found: {path.name}", parent, index)
    display = _display(path, root)
    return parse_group(load_yaml_file(path, display), display)
