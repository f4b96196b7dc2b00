"""The schema model: variables, name patterns, cross-variable rules and groups.

Built from YAML by :mod:`envguard.schema.loader` (user files, with line marks) or from the
compiled catalog (built-ins). Every object records where it was declared so a config
error or a finding can name the file and line.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

from envguard.core.record import Record

BASE_TYPES = (
    "string", "secret", "int", "float", "bool", "enum", "url", "host", "port", "email",
    "duration", "json", "list", "path", "regex", "uuid",
)  # fmt: skip

PUBLIC_PREFIXES = (
    "NEXT_PUBLIC_", "VITE_", "PUBLIC_", "REACT_APP_", "EXPO_PUBLIC_", "NUXT_PUBLIC_",
    "GATSBY_", "NG_APP_", "STORYBOOK_",
)  # fmt: skip


ENV_ALIASES = {
    "dev": "development", "develop": "development", "local": "development",
    "prod": "production", "live": "production", "prd": "production",
    "stage": "staging", "stg": "staging", "testing": "test",
}  # fmt: skip


def normalise_environment(name: str) -> str:
    """``prod`` -> ``production``, ``Dev`` -> ``development``; other names lower-cased."""
    low = name.strip().lower()
    return ENV_ALIASES.get(low, low)


def public_prefix(name: str) -> str | None:
    """The client-exposure prefix of a variable name (``NEXT_PUBLIC_``), if any."""
    if not name.startswith(PUBLIC_PREFIXES):  # one C call for the usual answer
        return None
    for prefix in PUBLIC_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return prefix
    return None


class Mark(Record):
    """Where something was declared."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


class Required(Record):
    """``required: true``, ``[production]`` or ``{production: true, test: false}``."""

    default: bool = False
    per_env: tuple[tuple[str, bool], ...] = ()

    def applies(self, environment: str, like: tuple[str, ...] = ()) -> bool:
        table = dict(self.per_env)
        for name in (environment, *like):
            if name in table:
                return table[name]
        return self.default

    @property
    def ever(self) -> bool:
        return self.default or any(v for _, v in self.per_env)


class VarSpec(Record):
    """What a variable must look like. Fields left ``None`` are unconstrained.

    Immutable value types in this module are NamedTuples rather than dataclasses: they are
    created on every run of the pre-commit hook, and a NamedTuple class costs a fraction
    of a frozen dataclass to build at import time.
    """

    name: str
    type: str = "string"
    format: str | None = None
    secret: bool = False
    exposure: str | None = None  # "server" | "public" | None (either)
    required: Required = Required()
    default: str | None = None
    description: str | None = None
    docs: str | None = None
    example: str | None = None
    choices: tuple[str, ...] | None = None
    case_sensitive: bool = True
    pattern: str | None = None
    min: float | None = None
    max: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    schemes: tuple[str, ...] | None = None
    https: bool | None = None  # require https when deployed (default: on for http(s) urls)
    allow_localhost: bool = False  # allow localhost/loopback hosts when deployed
    separator: str = ","
    item_type: str | None = None
    encoding: str | None = None  # base64 | base64url | hex | ascii | any
    min_bits: int | None = None
    key: str | None = None  # key material kind, see docs/schema.md
    deprecated: str | None = None
    replaced_by: str | None = None
    # The provider mode this variable must hold (``live``/``test``), overriding the
    # environment's default expectation (EG209).
    mode: str | None = None
    aliases: tuple[str, ...] = ()
    group: str = "project"
    mark: Mark | None = None
    # Checked rule-specific options, keyed by option name (see docs/schema.md).
    options: tuple[tuple[str, Any], ...] = ()

    def with_overrides(self, overrides: Mapping[str, Any]) -> VarSpec:
        return self._replace(**overrides)

    def option(self, name: str, default: Any = None) -> Any:
        return dict(self.options).get(name, default)


@functools.cache
def glob_test(glob: str) -> Callable[[str], bool]:
    """``fnmatch.fnmatchcase(name, glob)`` as a function. Nearly every glob in a schema is
    ``PREFIX_*`` or an exact name: those become ``startswith``/``==`` instead of one regex
    compiled per glob on every run (lookups run on the hook and app-start paths)."""
    body = glob[:-1] if glob.endswith("*") else glob
    if not any(c in body for c in "*?["):
        return (lambda name: name.startswith(body)) if glob.endswith("*") else body.__eq__
    head, star, tail = glob.partition("*")
    if star and not any(c in head + tail for c in "*?["):  # FEATURE_*_URL, *_KEY
        least = len(head) + len(tail)
        return lambda name: len(name) >= least and name.startswith(head) and name.endswith(tail)
    # Anything else still goes through fnmatch, after a test of its literal start that
    # rejects most names without compiling the glob.
    literal = glob[: min((glob.index(c) for c in "*?[" if c in glob), default=len(glob))]
    compiled = re.compile(fnmatch.translate(glob))  # what fnmatchcase runs, but cached on disk
    return lambda name: name.startswith(literal) and compiled.match(name) is not None


class PatternSpec(Record):
    """Variables matched by a glob (``FEATURE_*``), each validated by ``spec``."""

    match: str
    spec: VarSpec

    def matches(self, name: str) -> bool:
        return glob_test(self.match)(name)


class Condition(Record):
    """``when:`` of a cross rule: a variable is set, or has one of some values."""

    variable: str
    values: tuple[str, ...] | None = None  # None: "is set and not empty"
    negate: bool = False  # ``unless:``


class CrossRule(Record):
    """A declarative rule across variables.

    kinds: ``require`` (the listed variables must be set), ``forbid`` (must not be set),
    ``one_of`` (at least one set), ``consistent`` (set ones agree ``by`` a comparator).
    """

    kind: str
    variables: tuple[str, ...]
    when: tuple[Condition, ...] = ()
    environments: tuple[str, ...] | None = None
    severity: str | None = None
    message: str | None = None
    hint: str | None = None
    by: str | None = None
    group: str = "project"
    mark: Mark | None = None


class Group(Record):
    name: str
    title: str
    description: str = ""
    docs: str | None = None
    detect: tuple[str, ...] = ()
    variables: tuple[VarSpec, ...] = ()
    patterns: tuple[PatternSpec, ...] = ()
    rules: tuple[CrossRule, ...] = ()
    # environment name -> variable name -> overrides
    environments: tuple[tuple[str, tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]], ...] = ()
    mark: Mark | None = None

    def names(self) -> set[str]:
        out = set()
        for v in self.variables:
            out.add(v.name)
            out.update(v.aliases)
        return out

    def detects(self, name: str) -> bool:
        if self.detect:
            return any(glob_test(pat)(name) for pat in self.detect)
        return name in self.names() or any(p.matches(name) for p in self.patterns)


class Lookup(Record):
    """How a variable name resolved against the schema."""

    spec: VarSpec
    via: str  # "name" | "alias" | "pattern" | "public-prefix"
    public_prefix: str | None = None


class ResolvedSchema:
    """The groups in force, with environment overlays applied, indexed for lookup."""

    def __init__(
        self,
        groups: list[Group],
        environment: str,
        like: tuple[str, ...] = (),
        explicit_groups: frozenset[str] = frozenset(),
    ) -> None:
        self.groups = groups
        self.environment = environment
        self.like = like
        self.explicit_groups = explicit_groups
        self.variables: dict[str, VarSpec] = {}
        self.aliases: dict[str, VarSpec] = {}
        self.patterns: list[PatternSpec] = []
        self.rules: list[CrossRule] = []

    def lookup(self, name: str) -> Lookup | None:
        spec = self.variables.get(name)
        if spec is not None:
            return Lookup(spec, "name")
        spec = self.aliases.get(name)
        if spec is not None:
            return Lookup(spec, "alias")
        for pattern in self.patterns:
            if pattern.matches(name):
                return Lookup(pattern.spec._replace(name=name), "pattern")
        prefix = public_prefix(name)
        if prefix is not None:
            inner = self.lookup(name[len(prefix) :])
            if inner is not None and inner.via != "public-prefix":
                return Lookup(inner.spec, "public-prefix", prefix)
        return None

    def is_explicit(self, spec: VarSpec) -> bool:
        """Variables from ``use:`` groups and project config have their ``required`` enforced."""
        return spec.group in self.explicit_groups


# --- a marshal-able form of parsed groups --------------------------------------------------
#
# Parsing a built-in group from its compiled JSON validates every field again (~0.5 ms a
# group, a dozen groups on a typical app start). The disk cache keeps the parsed objects
# instead, as plain data: a model object becomes a list ``[class tag, *fields]`` and a tuple
# that holds model objects ``[-1, *items]``. The model itself never holds lists, so
# anything that is not a list is stored and restored as it is, without a walk.

_FROZEN_CLASSES: tuple[type[Any], ...] = (Mark, Required, VarSpec, PatternSpec, Condition, CrossRule, Group)
_FROZEN_TAGS = {cls: tag for tag, cls in enumerate(_FROZEN_CLASSES)}


def freeze(obj: Any) -> Any:
    """``obj`` (a :class:`Group` or any part of one) as marshal-able data; see :func:`thaw`."""
    tag = _FROZEN_TAGS.get(type(obj))
    if tag is not None:
        return [tag, *(freeze(v) for v in obj)]
    if type(obj) is tuple:
        items = [freeze(v) for v in obj]
        return [-1, *items] if any(type(v) is list for v in items) else obj
    if isinstance(obj, list):
        raise TypeError("a schema model holds tuples, never lists")
    return obj


def thaw(data: Any) -> Any:
    """The inverse of :func:`freeze`."""
    if type(data) is not list:
        return data
    items = [thaw(v) if type(v) is list else v for v in data[1:]]
    tag = data[0]
    return tuple(items) if tag < 0 else _FROZEN_CLASSES[tag]._make(items)
