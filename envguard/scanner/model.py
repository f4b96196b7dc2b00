"""The scanner's internal data: candidates (which hold a secret, in memory only), the
per-file context detectors read, and the picklable settings a worker process receives.

A :class:`Candidate` never leaves the process that found it: workers turn candidates into
:class:`Item` (a :class:`~envguard.core.findings.Finding` plus hashes) before returning.
"""

from __future__ import annotations

import functools
import hashlib
from typing import Any, ClassVar

from envguard.core.findings import Finding, Severity

# Overlapping candidates: the higher priority wins, whether it reports or clears.
PRIORITY_PROVIDER = 100
PRIORITY_PRIVATE_KEY = 95
PRIORITY_SENTRY = 90
PRIORITY_URL = 80
PRIORITY_JWT = 70
PRIORITY_KNOWN = 60
PRIORITY_KEYWORD = 50
PRIORITY_BEARER = 45
PRIORITY_ADAPTER = 40
PRIORITY_ENTROPY = 10


class Record:
    """Base of the scanner's data classes, written by hand instead of with ``@dataclass``:
    importing ``dataclasses`` (and the ``inspect`` machinery it pulls in) and generating
    the methods cost more than the rest of a small scan on every pre-commit run.

    A subclass names its fields in ``_fields`` (in constructor order) and defines
    ``__slots__`` and ``__init__``. As with a dataclass, ``==`` compares the fields and a
    mutable record is unhashable; the repr leaves out the ``_hidden`` fields, which hold
    secret text.
    """

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _hidden: ClassVar[frozenset[str]] = frozenset()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f) for f in self._fields)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    # Defining __eq__ sets __hash__ to None: a mutable record is unhashable.

    def __repr__(self) -> str:
        shown = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields if f not in self._hidden)
        return f"{type(self).__qualname__}({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), self._values())


class FrozenRecord(Record):
    """An immutable :class:`Record`, hashable by its fields. ``__init__`` sets the fields
    with ``object.__setattr__``."""

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:
        return hash(self._values())


class Candidate(Record):
    """A span of a file that a detector has an opinion about.

    ``report=False`` is a claim that the span is *not* a leak (a publishable key, a
    documented example): it silences weaker detectors on the same span.
    Holds the secret: never print, log or pickle a Candidate (its repr leaves it out).

    ``kind`` is the detector id, used in fingerprints ("stripe-secret-key", "keyword");
    ``start`` and ``end`` are offsets in the file text; ``strong`` ones are still reported
    in generated files (lock files, bundles). ``ds_variants`` holds the (detect-secrets
    type, secret) pairs detect-secrets would report for the same text, so that its
    baselines match (it hashes e.g. only the first 24 chars of a Stripe key).
    """

    __slots__ = (
        "code",
        "column",
        "detail",
        "ds_type",
        "ds_variants",
        "end",
        "kind",
        "line",
        "priority",
        "report",
        "secret",
        "severity",
        "start",
        "strong",
        "title",
        "variable",
    )
    _fields = (
        "kind",
        "code",
        "title",
        "secret",
        "start",
        "end",
        "priority",
        "report",
        "variable",
        "detail",
        "severity",
        "strong",
        "ds_variants",
        "ds_type",
        "line",
        "column",
    )
    _hidden = frozenset({"secret", "ds_variants"})

    def __init__(
        self,
        kind: str,
        code: str,
        title: str,
        secret: str,
        start: int,
        end: int,
        priority: int,
        report: bool = True,
        variable: str | None = None,
        detail: str | None = None,
        severity: Severity | None = None,
        strong: bool = True,
        ds_variants: tuple[tuple[str, str], ...] = (),
        ds_type: str = "Secret Keyword",
        line: int = 0,
        column: int = 0,
    ) -> None:
        self.kind = kind
        self.code = code
        self.title = title
        self.secret = secret
        self.start = start
        self.end = end
        self.priority = priority
        self.report = report
        self.variable = variable
        self.detail = detail
        self.severity = severity
        self.strong = strong
        self.ds_variants = ds_variants
        self.ds_type = ds_type
        self.line = line
        self.column = column

    def replace(self, **changes: Any) -> Candidate:
        """A copy with some fields changed (``dataclasses.replace``)."""
        return Candidate(**{**{f: getattr(self, f) for f in self._fields}, **changes})

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end


def sha1(text: str) -> str:
    """detect-secrets' ``hashed_secret``."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def fingerprint(kind: str, secret: str) -> str:
    """Hash of detector type and secret: no path, no line, so it survives edits."""
    return hashlib.sha256(f"{kind}\0{secret}".encode("utf-8", "surrogatepass")).hexdigest()[:32]


class Item(FrozenRecord):
    """A finding plus what the baseline needs. Safe to pickle: it holds hashes only.

    ``baseline_entries``: the (detect-secrets type, sha1) entries to write into a
    baseline for this finding.
    """

    __slots__ = ("baseline_entries", "finding", "sha1")
    _fields = ("finding", "sha1", "baseline_entries")
    finding: Finding
    sha1: str
    baseline_entries: tuple[tuple[str, str], ...]

    def __init__(self, finding: Finding, sha1: str, baseline_entries: tuple[tuple[str, str], ...]) -> None:
        object.__setattr__(self, "finding", finding)
        object.__setattr__(self, "sha1", sha1)
        object.__setattr__(self, "baseline_entries", baseline_entries)


class KnownValue(FrozenRecord):
    """A value from an env file, as its length and the sha256 hex of it."""

    __slots__ = ("digest", "length", "source", "variable")
    _fields = ("length", "digest", "variable", "source")
    length: int
    digest: str
    variable: str
    source: str  # the env file it came from

    def __init__(self, length: int, digest: str, variable: str, source: str) -> None:
        object.__setattr__(self, "length", length)
        object.__setattr__(self, "digest", digest)
        object.__setattr__(self, "variable", variable)
        object.__setattr__(self, "source", source)


class Settings(FrozenRecord):
    """What every worker needs to scan a file; picklable, holds no secret value.

    ``known`` maps the lower-cased first characters of each known value (the prefilter
    anchor) to the values' lengths and hashes. ``baseline`` maps a path to the sha1s in
    the baseline for it; ``line_excludes`` and ``secret_excludes`` are regexes from a
    detect-secrets baseline. No ``__slots__``: the tables are cached in ``__dict__``.
    """

    _fields = (
        "entropy",
        "known",
        "known_sources",
        "baseline",
        "update_baseline",
        "line_excludes",
        "secret_excludes",
    )
    entropy: bool
    known: tuple[tuple[str, tuple[KnownValue, ...]], ...]
    known_sources: frozenset[str]
    baseline: tuple[tuple[str, frozenset[str]], ...]
    update_baseline: bool
    line_excludes: tuple[str, ...]
    secret_excludes: tuple[str, ...]

    def __init__(
        self,
        entropy: bool = True,
        known: tuple[tuple[str, tuple[KnownValue, ...]], ...] = (),
        known_sources: frozenset[str] = frozenset(),
        baseline: tuple[tuple[str, frozenset[str]], ...] = (),
        update_baseline: bool = False,
        line_excludes: tuple[str, ...] = (),
        secret_excludes: tuple[str, ...] = (),
    ) -> None:
        object.__setattr__(self, "entropy", entropy)
        object.__setattr__(self, "known", known)
        object.__setattr__(self, "known_sources", known_sources)
        object.__setattr__(self, "baseline", baseline)
        object.__setattr__(self, "update_baseline", update_baseline)
        object.__setattr__(self, "line_excludes", line_excludes)
        object.__setattr__(self, "secret_excludes", secret_excludes)

    @functools.cached_property
    def known_table(self) -> dict[str, tuple[KnownValue, ...]]:
        return dict(self.known)

    @functools.cached_property
    def baseline_table(self) -> dict[str, frozenset[str]]:
        return dict(self.baseline)


class FileOutcome(Record):
    """What scanning one file produced. ``skipped`` is the reason when the file was not
    scanned; ``truncated`` counts the findings beyond the per-file cap."""

    __slots__ = (
        "baselined",
        "entropy_dropped",
        "generated",
        "items",
        "path",
        "skipped",
        "suppressed_inline",
        "truncated",
    )
    _fields = (
        "path",
        "items",
        "suppressed_inline",
        "baselined",
        "skipped",
        "generated",
        "entropy_dropped",
        "truncated",
    )

    def __init__(
        self,
        path: str,
        items: list[Item] | None = None,
        suppressed_inline: int = 0,
        baselined: int = 0,
        skipped: str | None = None,
        generated: bool = False,
        entropy_dropped: int = 0,
        truncated: int = 0,
    ) -> None:
        self.path = path
        self.items: list[Item] = [] if items is None else items
        self.suppressed_inline = suppressed_inline
        self.baselined = baselined
        self.skipped = skipped
        self.generated = generated
        self.entropy_dropped = entropy_dropped
        self.truncated = truncated
