"""What the rules look at: one :class:`CheckContext` per run (config, environment, env
files, merged values, resolved schema), built by :mod:`envguard.checking.build`. Rules read
it and never change it; ``envguard check``, the pre-commit hook and :func:`envguard.load`
all judge the same context, so they agree on every verdict.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from envguard.config import Config
from envguard.core.findings import Finding
from envguard.core.record import Record
from envguard.knowledge.placeholders import placeholder_reason
from envguard.schema.model import (
    Lookup,
    ResolvedSchema,
    VarSpec,
    public_prefix,
)
from envguard.sources.dotenv import Entry, EnvFile, ExpansionProblem, read_env_file

ENVIRON = "<environ>"
EXAMPLE_NAMES = (
    ".env.example", ".env.sample", ".env.template", ".env.dist", ".env.defaults",
    ".env-example", ".env-template", ".env-sample", "env.example", "example.env",
    ".dev.vars.example",
)  # fmt: skip
MAX_PROJECT_FILE_BYTES = 2 * 1024 * 1024


class RulePolicy(Protocol):
    """The policy in force (:class:`envguard.checking.policy.Policy`): rules ask it before
    doing work whose findings would be dropped; the run applies it to what they found."""

    def enabled(self, code: str) -> bool: ...

    def apply(self, findings: Iterable[Finding]) -> list[Finding]: ...


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
        selection: RulePolicy,
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


# A rule family's check: one pass over the context, any number of findings.
Check = Callable[[CheckContext], Iterable[Finding]]
