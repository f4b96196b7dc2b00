"""The check application: sources -> schema -> rules -> findings -> suppressions.

:func:`build_context` gathers everything a rule may look at into a :class:`CheckContext`;
:func:`run_checks` runs every rule family's checks over it and applies selection,
severity overrides and inline ignores. ``envguard check``, the pre-commit hook and
:func:`envguard.load` all go through here, so they agree on every verdict.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from envguard import _re as re
from envguard import catalog
from envguard._record import Record
from envguard.config import Config, load_config
from envguard.errors import ConfigError, UsageError
from envguard.findings import Finding, Severity, sort_findings
from envguard.placeholders import placeholder_reason
from envguard.registry import Selection
from envguard.report import Report
from envguard.schema.model import (
    PUBLIC_PREFIXES,
    Group,
    Lookup,
    ResolvedSchema,
    VarSpec,
    normalise_environment,
    public_prefix,
)
from envguard.sources.dotenv import Entry, EnvFile, ExpansionProblem, expand_values, read_env_file

ENVIRON = "<environ>"
EXAMPLE_NAMES = (
    ".env.example", ".env.sample", ".env.template", ".env.dist", ".env.defaults",
    ".env-example", ".env-template", ".env-sample", "env.example", "example.env",
    ".dev.vars.example",
)  # fmt: skip
ENVIRONMENT_KEYS = ("APP_ENV", "ENVIRONMENT", "NODE_ENV")
MAX_PROJECT_FILE_BYTES = 2 * 1024 * 1024


class Environment(Record):
    name: str
    like: tuple[str, ...]
    production: bool
    deployed: bool
    source: str  # how it was chosen: "--environment", "envguard.yaml", "NODE_ENV in .env:3", "default"


class Value(Record):
    """The value a variable resolves to and where it came from.

    Holds a value: pass ``ctx.at(value)`` to findings, never the object itself. Its
    ``repr`` shows where the value came from, never the value.
    """

    name: str
    value: str
    raw: str
    source: str
    line: int | None = None
    column: int | None = None
    entry: Entry | None = None
    file: EnvFile | None = None

    def __repr__(self) -> str:
        return f"Value(name={self.name!r}, source={self.source!r}, line={self.line!r}, length={len(self.value)})"


class Options(Record):
    """What to check. Mirrors the CLI flags of ``envguard check``."""

    root: Path = Path(".")
    env_files: Sequence[Path] = ()
    environment: str | None = None
    from_environ: bool = False
    config_path: Path | None = None
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    extend_select: Sequence[str] = ()
    environ: Mapping[str, str] | None = None
    # Run the example-file rules only (the env file itself is not present, e.g. in CI).
    example_only: bool = False
    # The example file to use instead of discovering one.
    example_path: Path | None = None


class CheckContext:
    """Everything a check may look at. Built once per run; rules must not mutate it.

    Attributes for rules:
      root, config, environment, files (loaded env files, lowest precedence first),
      example (the .env.example-like file or None), values (name -> Value, merged and
      expanded), schema (ResolvedSchema), from_environ, expansion_problems, cache (a dict
      rule families may use to memoise parsed project files).
    """

    def __init__(
        self,
        *,
        root: Path,
        config: Config,
        environment: Environment,
        files: list[EnvFile],
        example: EnvFile | None,
        values: dict[str, Value],
        schema: ResolvedSchema,
        from_environ: bool,
        selection: Selection,
        expansion_problems: list[ExpansionProblem],
        notes: list[str],
    ) -> None:
        self.root = root
        self.config = config
        self.environment = environment
        self.files = files
        self.example = example
        self.values = values
        self.schema = schema
        self.from_environ = from_environ
        self.selection = selection
        self.expansion_problems = expansion_problems
        self.notes = notes
        self.cache: dict[str, Any] = {}
        self._closers: list[Callable[[], None]] = []
        self._lookups: dict[str, Lookup | None] = {}

    def on_close(self, closer: Callable[[], None] | None) -> None:
        """Register a clean-up for background work (a git process) that
        :func:`run_checks` runs when the checks are done, whatever happened."""
        if closer is not None:
            self._closers.append(closer)

    def close(self) -> None:
        closers, self._closers = self._closers, []
        for closer in closers:
            closer()

    # --- schema ----------------------------------------------------------------------

    def lookup(self, name: str) -> Lookup | None:
        if name not in self._lookups:
            self._lookups[name] = self.schema.lookup(name)
        return self._lookups[name]

    def spec(self, name: str) -> VarSpec | None:
        found = self.lookup(name)
        return found.spec if found is not None else None

    def is_secret(self, name: str) -> bool:
        """Declared secret by the schema; else judged by name. A public-prefixed name
        (``NEXT_PUBLIC_*``) nobody described is public by construction: whether it holds a
        secret anyway is the exposure rules' question, judged by the value's shape."""
        spec = self.spec(name)
        if spec is not None:
            return spec.secret
        return public_prefix(name) is None and looks_secret_by_name(name)

    # --- values ----------------------------------------------------------------------

    def get(self, name: str) -> str | None:
        v = self.values.get(name)
        return v.value if v is not None else None

    def is_set(self, name: str) -> bool:
        v = self.values.get(name)
        return v is not None and v.value.strip() != ""

    def placeholder(self, name: str) -> str | None:
        """Why the value of ``name`` is a placeholder (or None)."""
        v = self.values.get(name)
        if v is None:
            return None
        return placeholder_reason(v.value, secret=self.is_secret(name), name=name)

    def file_values(self) -> dict[str, Value]:
        """Only the values that came from env files (not from the process environment)."""
        return {k: v for k, v in self.values.items() if v.source != ENVIRON}

    def at(self, value: Value | None) -> dict[str, Any]:
        """Location keyword arguments for :meth:`Rule.finding`."""
        if value is None:
            return {"path": None, "line": None, "column": None}
        return {"path": value.source, "line": value.line, "column": value.column}

    def at_entry(self, file: EnvFile, entry: Entry) -> dict[str, Any]:
        return {"path": file.display, "line": entry.line, "column": entry.column}

    # --- selection -------------------------------------------------------------------

    def enabled(self, code: str) -> bool:
        return self.selection.enabled(code)

    # --- project files ---------------------------------------------------------------

    def display(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def read_text(self, path: Path) -> str | None:
        """A project file's text (cached, size-capped); None if missing or unreadable."""
        key = f"file:{path}"
        if key not in self.cache:
            text: str | None
            try:
                data = path.read_bytes()[: MAX_PROJECT_FILE_BYTES + 1]
                text = None if len(data) > MAX_PROJECT_FILE_BYTES or b"\0" in data else data.decode("utf-8", "replace")
            except OSError:
                text = None
            self.cache[key] = text
        result: str | None = self.cache[key]
        return result

    @functools.cached_property
    def other_env_files(self) -> list[EnvFile]:
        """Env files in the root that this run did not load (``.env.production`` while
        checking development), parsed, for cross-file comparisons."""
        loaded = {f.path.resolve() for f in self.files}
        if self.example is not None:
            loaded.add(self.example.path.resolve())
        out = []
        for path in sorted(self.root.glob(".env*")):
            if not path.is_file() or path.resolve() in loaded or path.name in EXAMPLE_NAMES:
                continue
            if path.suffix in (".bak", ".swp", ".orig", ".enc", ".gpg", ".age", ".vault"):
                continue
            out.append(read_env_file(path, self.display(path)))
        return out


_SECRET_WORDS = (
    "SECRET",
    "PASSWORD",
    "PASSWD",
    "TOKEN",
    # Not bare PRIVATE: documenso prefixes every server-only setting NEXT_PRIVATE_
    # (NEXT_PRIVATE_SMTP_TRANSPORT=smtp-auth); a private key says so.
    "PRIVATE_KEY",
    "CREDENTIAL",
    "API_KEY",
    "APIKEY",
    "ACCESS_KEY",
    "AUTH_KEY",
    "SIGNING_KEY",
    "ENCRYPTION_KEY",
    "_SALT",
    "WEBHOOK_SECRET",
    "DSN_SECRET",
)
_NOT_SECRET_SUFFIXES = (
    "_ID",
    "_URL",
    "_HOST",
    "_PORT",
    "_REGION",
    "_NAME",
    "_TTL",
    "_EXPIRES_IN",
    "_EXPIRY",
    "_ROUNDS",
    "_LENGTH",
    "_ALGORITHM",
    "_FILE",
    "_PATH",
    "_PUBLIC_KEY",
    "_PUBLISHABLE_KEY",
    "_ENABLED",
    # Switches about a secret-named feature: PASSWORD_RESET_DISABLED=1 (formbricks),
    # PASSWORD_LOGIN_ENABLE=true, API_KEY_REQUIRED=false.
    "_DISABLED",
    "_ENABLE",
    "_DISABLE",
    "_REQUIRED",
    # Settings about a secret rather than the secret: API_KEY_PREFIX=cal_,
    # OPENROUTER_MAX_TOKENS=2048, REFRESH_TOKEN_VALIDITY=604800000,
    # TOKEN_SALT_COMPLEXITY=10, AUTH_PASSWORD_HISTORY_COUNT=5 (real templates).
    "_PREFIX",
    "_TOKENS",
    "_VALIDITY",
    "_COMPLEXITY",
    "_COUNT",
    "_LIFETIME",
    "_TIMEOUT",
    "_MINUTES",
    "_SECONDS",
    "_HOURS",
    "_DAYS",
    "_MS",
    "_VERSION",
    # The name of a header, field or parameter that carries a key: API_KEY_HEADER=X-Api-Key.
    "_KEY_HEADER",
    "_TOKEN_HEADER",
    "_HEADER_NAME",
    "_KEY_FIELD",
    "_KEY_PARAM",
    # Keys of data, not of locks: CACHE_KEY=v2, PARTITION_KEY=tenant_id, SORT_KEY=created_at.
    "CACHE_KEY",
    "PARTITION_KEY",
    "SORT_KEY",
    "PRIMARY_KEY",
    "FOREIGN_KEY",
    "ROUTING_KEY",
    "RANGE_KEY",
    "SHARD_KEY",
    "LOOKUP_KEY",
    "LOCK_KEY",
    "IDEMPOTENCY_KEY",
)
# Feature switches named after what they switch (FEATURE_TEAM_API_KEY=true in boxyhq's
# SaaS starter kit): booleans, not secrets.
_FLAG_PREFIXES = ("FEATURE_", "ENABLE_", "DISABLE_", "IS_", "USE_", "HAS_", "SHOULD_")


def looks_secret_by_name(name: str) -> bool:
    """A variable nobody described is treated as secret if its name says so."""
    upper = name.upper()
    if upper.endswith(_NOT_SECRET_SUFFIXES) or upper.startswith(_FLAG_PREFIXES):
        return False
    return any(word in upper for word in _SECRET_WORDS) or upper.endswith(("_KEY", "_PASS", "_PWD"))


# --- building the context ---------------------------------------------------------------


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

    selection = Selection(
        select=options.select or config.select,
        ignore=[*config.ignore, *options.ignore],
        extend_select=[*config.extend_select, *options.extend_select],
    )
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
        selection=selection,
        expansion_problems=problems,
        notes=notes,
    )


def catalog_candidate(name: str) -> bool:
    """Process-environment names worth inferring groups from (not PATH, HOME, ...)."""
    return "_" in name and name.isupper() and not name.startswith(("LC_", "XDG_", "GITHUB_", "RUNNER_", "npm_"))


# --- running the checks -----------------------------------------------------------------

Check = Callable[[CheckContext], Iterable[Finding]]


def all_checks() -> tuple[Check, ...]:
    from envguard.rules import families

    return tuple(check for module in families() for check in getattr(module, "CHECKS", ()))


def run_checks(ctx: CheckContext, checks: Sequence[Check] | None = None) -> tuple[list[Finding], int]:
    """(findings after selection and suppression, how many were suppressed)."""
    todo = checks if checks is not None else all_checks()
    findings: list[Finding] = []
    try:
        # A family's PREFETCH starts slow outside work (a git process) for the checks that
        # will run, before any of them runs: it then overlaps the pure-Python rules.
        for check in todo:
            start = getattr(sys.modules.get(check.__module__), "PREFETCH", {}).get(check)
            if start is not None:
                start(ctx)
        for check in todo:
            findings.extend(check(ctx))
    finally:
        ctx.close()
    return apply_policy(ctx, findings)


def apply_policy(ctx: CheckContext, findings: Iterable[Finding]) -> tuple[list[Finding], int]:
    ignores = _inline_ignores(ctx)
    kept: list[Finding] = []
    suppressed = 0
    for f in findings:
        if not ctx.enabled(f.code):
            continue
        if _is_ignored(f, ignores, ctx.config.per_file_ignores, ctx.config.file_prefix()):
            suppressed += 1
            continue
        kept.append(f)
    return apply_selection(kept, ctx.selection, ctx.config.severity), suppressed


def apply_selection(
    findings: Iterable[Finding], selection: Selection, severity: Mapping[str, Severity]
) -> list[Finding]:
    """Rule selection and configured severity overrides; sorted and de-duplicated."""
    kept = []
    for f in findings:
        if not selection.enabled(f.code):
            continue
        override = _severity_override(severity, f.code)
        if override is not None and override != f.severity:
            f = f.replace(severity=override)
        kept.append(f)
    return sort_findings(kept)


def _inline_ignores(ctx: CheckContext) -> dict[tuple[str, int], frozenset[str]]:
    from envguard.registry import all_rules

    table: dict[tuple[str, int], frozenset[str]] = {}
    known: set[str] | None = None
    for f in [*ctx.files, *([ctx.example] if ctx.example else [])]:
        for entry in f.entries:
            if entry.ignores:
                for line in range(entry.line, entry.end_line + 1):
                    table[(f.display, line)] = entry.ignores
                if known is None:
                    known = {r.code for r in all_rules()} | {r.name.upper() for r in all_rules()}
                # A typo silences nothing: say so rather than let the finding reappear unexplained.
                for code in sorted(entry.ignores - {"*"}):
                    if code not in known and not any(k.startswith(code) for k in known if k.startswith("EG")):
                        note = f"{f.display}:{entry.line}: `envguard: ignore[{code}]` names no rule"
                        if note not in ctx.notes:
                            ctx.notes.append(note)
    return table


def _is_ignored(
    f: Finding,
    inline: Mapping[tuple[str, int], frozenset[str]],
    per_file: Mapping[str, Sequence[str]],
    prefix: str | None = None,
) -> bool:
    if f.path is not None and f.line is not None:
        codes = inline.get((f.path, f.line))
        if codes is not None and ("*" in codes or any(f.code.startswith(c) or c == f.rule.upper() for c in codes)):
            return True
    if f.path is not None and per_file:
        # Relative to the project root, or to the config's directory when a shared config
        # above the project names it (`apps/web/.env.test`).
        paths = [f.path] if prefix is None else [f.path, f"{prefix}/{f.path}"]
        for glob, globbed in per_file.items():
            if any(fnmatch.fnmatch(p, glob) for p in paths) and any(f.code.startswith(c.upper()) for c in globbed):
                return True
    return False


def _severity_override(table: Mapping[str, Severity], code: str) -> Severity | None:
    best: tuple[int, Severity] | None = None
    for prefix, sev in table.items():
        if code.startswith(prefix) and (best is None or len(prefix) > best[0]):
            best = (len(prefix), sev)
    return best[1] if best else None


# --- the application object -------------------------------------------------------------


def check(options: Options, display_base: Path | None = None) -> Report:
    """Run ``envguard check`` for one project root and return its report."""
    ctx = build_context(options)
    findings, suppressed = run_checks(ctx)
    examined = [f.display for f in ctx.files]
    if ctx.example is not None:
        examined.append(ctx.example.display)
    if ctx.from_environ:
        examined.append(ENVIRON)
    env = ctx.environment
    report = Report(
        command="check",
        root=str(ctx.root),
        findings=findings,
        examined=examined,
        environment=env.name,
        environment_source=None if env.source == "default" else env.source,
        notes=list(ctx.notes),
        suppressed=suppressed,
        fail_on=ctx.config.effective_fail_on(),
    )
    if display_base is not None:
        _rebase(report, ctx.root, display_base)
    return report


def _rebase(report: Report, root: Path, base: Path) -> None:
    """Make paths relative to ``base`` (the cwd) when checking several projects."""
    try:
        prefix = root.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        prefix = root.resolve().as_posix()
    report.root = str(base)
    if prefix in ("", "."):
        return

    def move(path: str | None) -> str | None:
        if path is None or path == ENVIRON or path.startswith("/"):
            return path
        return f"{prefix}/{path}"

    report.findings = [
        f.replace(path=move(f.path), related=tuple(loc.replace(path=move(loc.path) or loc.path) for loc in f.related))
        for f in report.findings
    ]
    report.examined = [move(p) or p for p in report.examined]


def merge_reports(reports: Sequence[Report]) -> Report:
    if len(reports) == 1:
        return reports[0]
    envs = list(dict.fromkeys(r.environment for r in reports if r.environment))
    sources = {r.environment_source for r in reports}
    fail_ons = [r.fail_on for r in reports if r.fail_on is not None]
    return Report(
        command=reports[0].command,
        root=os.getcwd(),
        findings=sort_findings([f for r in reports for f in r.findings]),
        examined=[p for r in reports for p in r.examined],
        environment=", ".join(envs) or None,
        notes=[n for r in reports for n in r.notes],
        suppressed=sum(r.suppressed for r in reports),
        fail_on=min(fail_ons) if fail_ons else None,
        environment_source=sources.pop() if len(sources) == 1 else None,
    )
