"""Building a :class:`~envguard.project.context.CheckContext`: which env files, which
environment, which schema groups, read once for every rule."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from envguard.checking.policy import Policy
from envguard.config import Config, load_config
from envguard.core.errors import ConfigError, UsageError
from envguard.project.context import ENVIRON, EXAMPLE_NAMES, CheckContext, Environment, Options, Value
from envguard.schema import catalog
from envguard.schema.model import (
    PUBLIC_PREFIXES,
    Group,
    ResolvedSchema,
    VarSpec,
    normalise_environment,
)
from envguard.sources.dotenv import Entry, EnvFile, expand_values, read_env_file

ENVIRONMENT_KEYS = ("APP_ENV", "ENVIRONMENT", "NODE_ENV")


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _environment_from_filename(name: str) -> str | None:
    parts = name.split(".")
    # .env.production, .env.production.local
    if len(parts) >= 3 and parts[0] == "" and parts[1] == "env":
        candidate = normalise_environment(parts[2])
        if candidate not in ("local", "example", "sample", "template"):
            return candidate
    return None


def find_example(root: Path, config: Config) -> Path | None:
    if config.example_disabled:
        return None
    if config.example:
        path = root / config.example
        return path if path.is_file() else None
    for name in EXAMPLE_NAMES:
        path = root / name
        if path.is_file():
            return path
    return None


def discover_env_files(root: Path, config: Config, environment: str) -> list[Path]:
    env_cfg = config.environment_config(environment)
    if env_cfg.env_files is not None:
        names: Sequence[str] = env_cfg.env_files
    elif config.env_files is not None:
        names = config.env_files
    else:
        # The order Next.js, Vite and dotenv-flow use: later files win.
        names = [".env"]
        if environment != "test":
            names.append(".env.local")
        names += [f".env.{environment}", f".env.{environment}.local"]
        if environment == "development":
            names.append(".dev.vars")  # Cloudflare Wrangler's local variables and secrets
    out = []
    for name in names:
        # Plain substitution, not str.format: a stray brace in a name is not a template.
        path = root / name.replace("{environment}", environment)
        if path.is_file() and path not in out:
            out.append(path)
    return out


_ENV_NAME_RE = re.compile(r"[a-z0-9][a-z0-9_.-]{0,63}")


def valid_environment(name: str) -> bool:
    """Environment names become parts of file names (``.env.<name>``): letters, digits,
    ``_ . -`` only, so a value such as ``../../x`` can never point outside the project."""
    return _ENV_NAME_RE.fullmatch(name) is not None and ".." not in name


def _choose_environment(
    options: Options, config: Config, base_files: list[EnvFile], environ: Mapping[str, str], notes: list[str]
) -> tuple[str, str]:
    if options.environment:
        name = normalise_environment(options.environment)
        if not valid_environment(name):
            raise UsageError(f"invalid environment name {options.environment!r}: use letters, digits, '_', '.' and '-'")
        return name, "--environment"
    if config.environment:
        if not valid_environment(config.environment):
            raise ConfigError(f"invalid environment name {config.environment!r}", path=config.display)
        return config.environment, config.display
    for path in options.env_files:
        from_name = _environment_from_filename(Path(path).name)
        if from_name and valid_environment(from_name):
            return from_name, f"the file name {Path(path).name}"
    candidates: list[tuple[str, str]] = []
    if options.from_environ:
        candidates += [(environ.get(key, ""), f"{key} in the environment") for key in ENVIRONMENT_KEYS]
    for key in ENVIRONMENT_KEYS:
        for f in reversed(base_files):
            entry = f.mapping().get(key)
            if entry is not None and "${" not in entry.value:
                candidates.append((entry.value, f"{key} in {f.display}:{entry.line}"))
    for value, source in candidates:
        if not value.strip():
            continue
        name = normalise_environment(value)
        if valid_environment(name):
            return name, source
        notes.append(f"ignored {source}: {len(value)} characters that are not an environment name")
    return "development", "default"


def _resolve_schema(config: Config, environment: str, like: tuple[str, ...], names: Iterable[str]) -> ResolvedSchema:
    explicit = list(config.use)
    inferred: list[str] = []
    if config.infer:
        seen = set(names)
        # NEXT_PUBLIC_JWT_SECRET names the secrets group's JWT_SECRET behind a public
        # prefix: the group must be in force for EG301 to see what is exposed.
        seen |= {n[len(p) :] for n in seen for p in PUBLIC_PREFIXES if n.startswith(p) and len(n) > len(p)}
        inferred = catalog.detect(seen)
    group_names = list(dict.fromkeys([*explicit, *inferred]))
    groups: list[Group] = [catalog.get(n) for n in group_names]
    groups += config.groups
    if config.project is not None:
        groups.append(config.project)
    explicit_set = frozenset([*explicit, *(g.name for g in config.groups), "project"])
    schema = ResolvedSchema(groups=groups, environment=environment, like=like, explicit_groups=explicit_set)
    overlay_envs = (*like, environment)
    for group in groups:
        overlays: dict[str, dict[str, Any]] = {}
        for env_name, per_var in group.environments:
            if env_name in overlay_envs:
                for var, fields in per_var:
                    overlays.setdefault(var, {}).update(dict(fields))
        for spec in group.variables:
            if spec.name in overlays:
                spec = spec.with_overrides(overlays[spec.name])
            schema.variables[spec.name] = spec
            for alias in spec.aliases:
                schema.aliases[alias] = spec
        if group.name == "project":
            # The project's own patterns are tried before the built-in ones.
            schema.patterns[:0] = group.patterns
        else:
            schema.patterns.extend(group.patterns)
        schema.rules.extend(group.rules)
    # Project-level overlays from the config's environments section.
    for env_name in overlay_envs:
        for var, fields in config.environment_config(env_name).overlays:
            base = schema.variables.get(var) or schema.aliases.get(var)
            if base is None:
                base = VarSpec(name=var, group="project")
            schema.variables[var] = base.with_overrides({**dict(fields), "name": var})
    return schema


def build_context(options: Options) -> CheckContext:
    environ = dict(os.environ if options.environ is None else options.environ)
    config = load_config(options.root, options.config_path)
    root = config.root
    notes: list[str] = []

    explicit = [Path(p) if Path(p).is_absolute() else (Path.cwd() / p) for p in options.env_files]
    for path in explicit:
        if path.is_dir():
            raise UsageError(f"env file is a directory: {path} (give a file, or the directory as a path argument)")
        if not path.is_file():
            raise UsageError(f"env file not found: {path}")

    example_path = options.example_path or find_example(root, config)
    base_paths = explicit or [p for p in (root / ".env", root / ".env.local") if p.is_file()]
    base_files = [read_env_file(p, _display(p, root)) for p in base_paths]
    env_name, env_source = _choose_environment(options, config, base_files, environ, notes)
    env_cfg = config.environment_config(env_name)
    environment = Environment(
        name=env_name,
        like=env_cfg.like,
        production=config.is_production(env_name),
        deployed=config.is_deployed(env_name),
        source=env_source,
    )

    if explicit:
        files = base_files
    else:
        cache = {f.path: f for f in base_files}
        paths = discover_env_files(root, config, env_name)
        files = [cache.get(p) or read_env_file(p, _display(p, root)) for p in paths]
    if options.example_only:
        files = []
    if example_path is not None and example_path.resolve() in {f.path.resolve() for f in files}:
        files = [f for f in files if f.path.resolve() != example_path.resolve()]
    example = read_env_file(example_path, _display(example_path, root)) if example_path else None

    raw: dict[str, str] = {}
    origin: dict[str, tuple[EnvFile, Entry]] = {}
    for f in files:
        for entry in f.entries:
            raw[entry.key] = entry.value
            origin[entry.key] = (f, entry)
    expandable = {k for k, (_, e) in origin.items() if e.quote != "'"}
    expanded, problems = expand_values(raw, expandable, environ if options.from_environ else None)
    values: dict[str, Value] = {}
    for key, value in expanded.items():
        f, entry = origin[key]
        values[key] = Value(key, value, raw[key], f.display, entry.line, entry.column, entry, f)
    if options.from_environ:
        # Real environment variables win over files, as in pydantic-settings and dotenv.
        for key, value in environ.items():
            values[key] = Value(key, value, value, ENVIRON)

    names: set[str] = set(values) if not options.from_environ else set(expanded)
    if options.from_environ:
        names |= {k for k in environ if catalog_candidate(k)}
    if example is not None:
        names |= set(example.keys())
    schema = _resolve_schema(config, env_name, env_cfg.like, names)

    policy = Policy(config, select=options.select, ignore=options.ignore, extend_select=options.extend_select)
    if not files and not options.from_environ:
        where = f"for environment {env_name}" if not explicit else ""
        notes.append(
            f"no env file found {where}".strip()
            + ("; checked the example file only" if example else "; nothing to validate")
        )
    return CheckContext(
        root=root,
        config=config,
        environment=environment,
        files=files,
        example=example,
        values=values,
        schema=schema,
        from_environ=options.from_environ,
        selection=policy,
        expansion_problems=problems,
        notes=notes,
    )


def catalog_candidate(name: str) -> bool:
    """Process-environment names worth inferring groups from (not PATH, HOME, ...)."""
    return "_" in name and name.isupper() and not name.startswith(("LC_", "XDG_", "GITHUB_", "RUNNER_", "npm_"))
