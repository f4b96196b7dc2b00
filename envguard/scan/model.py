"""The scanner's internal data: candidates (which hold a secret, in memory only), the
per-file context detectors read, and the picklable settings a worker process receives.

A :class:`Candidate` never leaves the process that found it: workers turn candidates into
:class:`Item` (a :class:`~envguard.findings.Finding` plus hashes) before returning.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field

from envguard.findings import Finding, Severity

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


@dataclass(slots=True)
class Candidate:
    """A span of a file that a detector has an opinion about.

    ``report=False`` is a claim that the span is *not* a leak (a publishable key, a
    documented example): it silences weaker detectors on the same span.
    Holds the secret: never print, log or pickle a Candidate.
    """

    kind: str  # detector id, used in fingerprints: "stripe-secret-key", "keyword", ...
    code: str
    title: str
    secret: str = field(repr=False)
    start: int  # offsets in the file text
    end: int
    priority: int
    report: bool = True
    variable: str | None = None
    detail: str | None = None
    severity: Severity | None = None
    strong: bool = True  # still reported in generated files (lock files, bundles)
    # (detect-secrets type, secret) pairs detect-secrets would report for the same text,
    # so that its baselines match (it hashes e.g. only the first 24 chars of a Stripe key).
    ds_variants: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    ds_type: str = "Secret Keyword"
    line: int = 0
    column: int = 0

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end


def sha1(text: str) -> str:
    """detect-secrets' ``hashed_secret``."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def fingerprint(kind: str, secret: str) -> str:
    """Hash of detector type and secret: no path, no line, so it survives edits."""
    return hashlib.sha256(f"{kind}\0{secret}".encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Item:
    """A finding plus what the baseline needs. Safe to pickle: it holds hashes only."""

    finding: Finding
    sha1: str
    # (detect-secrets type, sha1) entries to write into a baseline for this finding.
    baseline_entries: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class KnownValue:
    length: int
    digest: str  # sha256 hex of the value
    variable: str
    source: str  # the env file it came from


@dataclass(frozen=True)
class Settings:
    """What every worker needs to scan a file; picklable, holds no secret value.

    ``known`` maps the lower-cased first characters of each known value (the prefilter
    anchor) to the values' lengths and hashes.
    """

    entropy: bool = True
    known: tuple[tuple[str, tuple[KnownValue, ...]], ...] = ()
    known_sources: frozenset[str] = frozenset()
    # path -> sha1s in the baseline for that path
    baseline: tuple[tuple[str, frozenset[str]], ...] = ()
    update_baseline: bool = False
    line_excludes: tuple[str, ...] = ()  # regexes from a detect-secrets baseline
    secret_excludes: tuple[str, ...] = ()

    @functools.cached_property
    def known_table(self) -> dict[str, tuple[KnownValue, ...]]:
        return dict(self.known)

    @functools.cached_property
    def baseline_table(self) -> dict[str, frozenset[str]]:
        return dict(self.baseline)


@dataclass
class FileOutcome:
    """What scanning one file produced."""

    path: str
    items: list[Item] = field(default_factory=list)
    suppressed_inline: int = 0
    baselined: int = 0
    skipped: str | None = None  # reason when the file was not scanned
    generated: bool = False
    entropy_dropped: int = 0
    truncated: int = 0  # findings beyond the per-file cap
