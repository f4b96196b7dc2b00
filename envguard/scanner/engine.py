"""Scanning files: read, prefilter, detect, resolve overlaps, suppress, build findings.

Work is done in chunks of files. A chunk runs in two phases so that detect-secrets is
imported at most once per chunk and only when needed: phase one runs envguard's own
detectors and collects the lines that need detect-secrets (formats only it knows, and
lines with findings when a baseline must be matched or written); phase two calls the
adapter once for all of them, then resolves and suppresses.

Large trees are split over worker processes (:func:`run`); a handful of files is scanned
in-process, since starting workers costs more than it saves.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from envguard.core.findings import Finding
from envguard.core.mask import a, describe
from envguard.rules import leaks as rules
from envguard.scanner import detectors as det
from envguard.scanner import filetypes as ft
from envguard.scanner import prefilter as pf
from envguard.scanner.keywords import (
    LineContext,
    assigned_name,
    keyword_candidates,
    pair_candidates,
    terraform_default_candidates,
)
from envguard.scanner.model import (
    PRIORITY_ADAPTER,
    PRIORITY_KNOWN,
    Candidate,
    FileOutcome,
    FrozenRecord,
    Item,
    Record,
    Settings,
    fingerprint,
    sha1,
)
from envguard.scanner.textutil import lazy

if TYPE_CHECKING:
    from envguard.scanner.adapter import DsSecret

DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024
_SNIFF = 8192
_LONG_LINE = 4096
_WINDOW_BEFORE = 512
_WINDOW_AFTER = 1536
# More context-free random strings than this in one file: it is data (test vectors,
# fixtures, fonts), not a leak.
MAX_ENTROPY_PER_FILE = 5
# A data dump full of tokens would otherwise make a report of millions of lines.
MAX_FINDINGS_PER_FILE = 200
_MAX_CANDIDATES = 20 * MAX_FINDINGS_PER_FILE

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_PRAGMA = lazy(r"pragma:\s?(?:allow|white)list[ -]secret")
_PRAGMA_NEXT = lazy(r"pragma:\s?allowlist[ -]nextline[ -]secret")
_IGNORE = lazy(r"envguard:\s*ignore(?:\[([A-Za-z0-9_,\s-]*)\])?")
_PROSE_EXTENSIONS = frozenset(
    {"md", "markdown", "mdx", "rst", "txt", "adoc", "asciidoc", "org", "textile", "html", "htm"}
)

# Codes that are demo values in example files (.env.example): only provider keys and
# known real values are reported there.
_EXAMPLE_CLEARED = frozenset({"EG321", "EG322", "EG323", "EG325", "EG326"})


class Target(FrozenRecord):
    """A file to scan: from disk (``abspath``) or from the git index (``content``, left
    out of the repr)."""

    __slots__ = ("abspath", "content", "path", "size")
    _fields = ("path", "abspath", "content", "size")
    _hidden = frozenset({"content"})
    path: str
    abspath: str | None
    content: bytes | None
    size: int

    def __init__(self, path: str, abspath: str | None = None, content: bytes | None = None, size: int = 0) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "abspath", abspath)
        object.__setattr__(self, "content", content)
        object.__setattr__(self, "size", size)


# --- reading ---------------------------------------------------------------------------


def _read(target: Target, max_size: int) -> tuple[str | None, str | None]:
    """(text, None) or (None, reason skipped)."""
    if ft.is_binary_name(target.path):
        return None, "binary"
    if target.content is not None:
        data = target.content
        if len(data) > max_size:
            return None, "too-large"
    else:
        assert target.abspath is not None
        try:
            with open(target.abspath, "rb") as fh:
                head = fh.read(_SNIFF)
                if _is_binary(head):
                    return None, "binary"
                rest = fh.read(max_size + 1 - len(head)) if len(head) == _SNIFF else b""
        except OSError:
            return None, "unreadable"
        data = head + rest
        if len(data) > max_size:
            return None, "too-large"
    if _is_binary(data[:_SNIFF]):
        return None, "binary"
    return _decode(data), None


def _is_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text
    return b"\0" in head


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Credentials are ASCII: latin-1 keeps every byte and every position.
        return data.decode("latin-1")


def _lower(text: str) -> str:
    if text.isascii():
        return text.lower()
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


# --- phase one: envguard's detectors ----------------------------------------------------


class _Pending(Record):
    """A file between the phases: its text, candidates, and lines for detect-secrets
    (``needs``: the lines to run through it). The text is left out of the repr."""

    __slots__ = (
        "candidates",
        "ds_lines",
        "example",
        "generated",
        "line_spans",
        "needs",
        "outcome",
        "target",
        "text",
    )
    _fields = (
        "target",
        "text",
        "generated",
        "example",
        "candidates",
        "ds_lines",
        "line_spans",
        "outcome",
        "needs",
    )
    _hidden = frozenset({"text"})

    def __init__(
        self,
        target: Target,
        text: str,
        generated: bool,
        example: bool,
        candidates: list[Candidate],
        ds_lines: set[int],
        line_spans: dict[int, tuple[int, int]],
        outcome: FileOutcome,
        needs: set[int] | None = None,
    ) -> None:
        self.target = target
        self.text = text
        self.generated = generated
        self.example = example
        self.candidates = candidates
        self.ds_lines = ds_lines
        self.line_spans = line_spans
        self.outcome = outcome
        self.needs: set[int] = set() if needs is None else needs


def _line_segments(start: int, end: int, positions: list[int]) -> Iterator[tuple[int, int]]:
    """The whole line, or windows around the hits on a very long (minified) line."""
    if end - start <= _LONG_LINE:
        yield start, end
        return
    merged: list[list[int]] = []
    for pos in sorted(positions):
        s, e = max(start, pos - _WINDOW_BEFORE), min(end, pos + _WINDOW_AFTER)
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    for s, e in merged:
        yield s, e


class _Line(Record):
    """A line with prefilter hits: the anchor tags, detector ids, hit positions, and
    (position, anchor) of known-value hits."""

    __slots__ = ("detectors", "end", "known", "positions", "start", "tags")
    _fields = ("start", "end", "tags", "detectors", "positions", "known")

    def __init__(
        self,
        start: int,
        end: int,
        tags: set[str] | None = None,
        detectors: set[str] | None = None,
        positions: list[int] | None = None,
        known: list[tuple[int, str]] | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.tags: set[str] = set() if tags is None else tags
        self.detectors: set[str] = set() if detectors is None else detectors
        self.positions: list[int] = [] if positions is None else positions
        self.known: list[tuple[int, str]] = [] if known is None else known


def _matches(prefilter: pf.Prefilter, lower: str) -> Iterator[re.Match[str]]:
    """The prefilter's matches, also those starting inside another match's literal
    (``apikey`` in ``ddapikey``, where Databricks' ``dapi`` matched first). A consuming
    regex plus these few extra ``match`` calls is much faster than a zero-width one."""
    regex = prefilter.regex
    for m in regex.finditer(lower):
        yield m
        base = m.start()
        for k, literals in prefilter.inner_offsets(m.group()):
            if lower.startswith(literals, base + k):
                inner = regex.match(lower, base + k)
                if inner is not None:
                    yield inner


def _hits(prefilter: pf.Prefilter, text: str) -> dict[int, _Line]:
    lower = _lower(text)
    lines: dict[int, _Line] = {}
    line_no, line_start = 1, 0
    line_end = text.find("\n")
    if line_end < 0:
        line_end = len(text)
    for m in _matches(prefilter, lower):
        pos = m.start()
        if pos > line_end:
            line_no += text.count("\n", line_end, pos)
            line_start = text.rfind("\n", 0, pos) + 1
            line_end = text.find("\n", pos)
            if line_end < 0:
                line_end = len(text)
        entry = lines.get(line_no)
        if entry is None:
            entry = lines[line_no] = _Line(line_start, line_end)
        entry.positions.append(pos)
        for anchor in prefilter.anchors_for(m.group()):
            entry.tags.add(anchor.tag)
            if anchor.detector is not None:
                entry.detectors.add(anchor.detector)
            elif anchor.tag == pf.KNOWN:
                entry.known.append((pos, anchor.literal))
    return lines


def _analyze(target: Target, text: str, settings: Settings, prefilter: pf.Prefilter, outcome: FileOutcome) -> _Pending:
    path = target.path
    reason = ft.generated_reason(path)
    generated = reason is not None or ft.looks_minified(path, text)
    # Bundles and source maps are built from code (``process.env.X`` inlined by the
    # bundler, a JSON fixture with one long line): a secret-named literal there is as
    # much a leak. Lock files hold nothing but hashes under generic names.
    bundle = generated and reason != "lock file"
    example = ft.is_example(path)
    ext = ft.extension(path)
    ctx = LineContext(
        code=ft.is_code(path),
        dockerfile=ft.is_dockerfile(path),
        prose=ext in _PROSE_EXTENSIONS,
        example=example,
        netrc=path.rsplit("/", 1)[-1] in (".netrc", "_netrc"),
    )
    known_here = settings.known and not ft.is_env_file(path) and path not in settings.known_sources
    candidates: list[Candidate] = []
    ds_lines: set[int] = set()
    line_spans: dict[int, tuple[int, int]] = {}
    for number, line in _hits(prefilter, text).items():
        line_spans[number] = (line.start, line.end)
        if pf.DS in line.tags and pf.DS_CONFIRM.search(text, line.start, line.end):
            ds_lines.add(number)
        for s, e in _line_segments(line.start, line.end, line.positions):
            for det_id in line.detectors:
                candidates.extend(det.provider_candidates(det.BY_ID[det_id], text, s, e))
            if pf.PEM in line.tags:
                candidates.extend(det.private_key_candidates(text, s, e))
            if pf.PEM_B64 in line.tags:
                candidates.extend(det.encoded_pem_candidates(text, s, e))
            if pf.URL in line.tags:
                candidates.extend(det.url_candidates(text, s, e))
            if pf.JWT in line.tags:
                candidates.extend(det.jwt_candidates(text, s, e))
            if generated:
                if bundle and pf.KEYWORD in line.tags:
                    candidates.extend(_confident(keyword_candidates(text, s, e, ctx)))
                continue
            if pf.AUTH in line.tags:
                candidates.extend(det.auth_candidates(text, s, e))
            if pf.DSN in line.tags:
                candidates.extend(det.dsn_candidates(text, s, e))
            if pf.KEYWORD in line.tags:
                candidates.extend(keyword_candidates(text, s, e, ctx))
                candidates.extend(pair_candidates(text, s, e, ctx))
            if pf.ENTROPY in line.tags and settings.entropy:
                candidates.extend(det.entropy_candidates(text, s, e, line.start))
        if known_here and line.known:
            candidates.extend(_known_candidates(text, line.known, settings))
        if len(candidates) > _MAX_CANDIDATES:
            outcome.truncated += 1  # a dump of credentials: enough is known about this file
            break
    candidates.extend(det.special_file_candidates(path, text))
    if ext in ("tf", "hcl") and not generated:
        candidates.extend(terraform_default_candidates(text, ctx))
    if ext in ("yaml", "yml", "json") and not generated and _K8S_SECRET.search(text):
        candidates.extend(_k8s_data_candidates(text, prefilter))
    if generated:
        candidates = [c for c in candidates if c.strong]
    outcome.generated = generated
    return _Pending(target, text, generated, example, candidates, ds_lines, line_spans, outcome)


# A Kubernetes Secret's ``data:`` holds base64: what a provider key, a URL with a password
# or a private key looks like there is only visible after decoding. (Secret-named keys
# are found by name already; this finds ``SLACK_WEBHOOK_URL: aHR0cHM6…``.)
_K8S_SECRET = lazy(r"^kind:[ \t]*[\"']?Secret[\"']?[ \t]*$|\"kind\"\s*:\s*\"Secret\"", re.MULTILINE)
_K8S_DATA_VALUE = lazy(
    r"""(?:^[ \t]+[\w.-]+:[ \t]*["']?|"[\w.-]+"\s*:\s*")(?P<v>[A-Za-z0-9+/]{16,}={0,2})["']?[ \t]*,?[ \t]*$""",
    re.MULTILINE,
)


def _k8s_data_candidates(text: str, prefilter: pf.Prefilter) -> Iterator[Candidate]:
    for m in _K8S_DATA_VALUE.finditer(text):
        decoded = det._b64decode(m.group("v"))
        if decoded is None or len(decoded) < 8:
            continue
        vs, ve = m.span("v")
        found: list[Candidate] = []
        for line in _hits(prefilter, decoded).values():
            s, e = line.start, line.end
            for det_id in line.detectors:
                found.extend(det.provider_candidates(det.BY_ID[det_id], decoded, s, e))
            if pf.URL in line.tags:
                found.extend(det.url_candidates(decoded, s, e))
            if pf.PEM in line.tags:
                found.extend(det.private_key_candidates(decoded, s, e))
            if pf.JWT in line.tags:
                found.extend(det.jwt_candidates(decoded, s, e))
        for c in found:
            if c.report:
                yield c.replace(start=vs, end=ve, ds_variants=())
                break


def _confident(found: Iterable[Candidate]) -> Iterator[Candidate]:
    """Secret-named literals that also look generated: kept in generated files, where
    short or word-like values under secret names are mostly UI strings and defaults."""
    from envguard.scanner import textutil as tu

    for c in found:
        value = c.secret
        if c.report and (
            tu.looks_random(value, min_len=16) or tu.is_uuid(value) or (tu.is_hex(value) and len(value) >= 32)
        ):
            c.strong = True
            yield c


def _known_candidates(text: str, hits: list[tuple[int, str]], settings: Settings) -> Iterator[Candidate]:
    table = settings.known_table
    for pos, anchor in hits:
        for kv in table.get(anchor, ()):
            piece = text[pos : pos + kv.length]
            if (
                len(piece) != kv.length
                or hashlib.sha256(piece.encode("utf-8", "surrogatepass")).hexdigest() != kv.digest
            ):
                continue
            yield Candidate(
                "known-value",
                "EG324",
                "known secret value",
                piece,
                pos,
                pos + kv.length,
                PRIORITY_KNOWN,
                variable=kv.variable,
                detail=kv.source,
                ds_variants=(("Secret Keyword", piece),),
            )


# --- phase two: resolve, suppress, build findings ---------------------------------------


def _ds_candidates(pending: _Pending, found: Sequence[DsSecret]) -> Iterator[Candidate]:
    from envguard.scanner import textutil as tu
    from envguard.scanner.adapter import REPORTED_TYPES

    for secret in found:
        if secret.type not in REPORTED_TYPES or secret.line not in pending.ds_lines:
            continue
        start, end = pending.line_spans[secret.line]
        idx = pending.text.find(secret.secret, start, end)
        if idx < 0:
            continue
        value = secret.secret
        report = not (tu.placeholder(value) or tu.documented_example(value) or tu.is_reference(value))
        yield Candidate(
            f"ds:{secret.type}",
            "EG320",
            secret.type,
            value,
            idx,
            idx + len(value),
            PRIORITY_ADAPTER,
            report=report,
            ds_type=secret.type,
            ds_variants=((secret.type, value),),
        )


def _resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Higher priority wins on overlapping spans, whether it reports or clears.

    Kept spans never overlap each other, so a sorted list and two neighbour checks
    decide each candidate (files can hold many thousands).
    """
    starts: list[int] = []
    kept: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (-c.priority, c.start, -(c.end - c.start))):
        i = bisect.bisect_right(starts, c.start)
        if i > 0 and kept[i - 1].end > c.start:
            continue
        if i < len(kept) and kept[i].start < c.end:
            continue
        starts.insert(i, c.start)
        kept.insert(i, c)
    return [c for c in kept if c.report]


def _locate(text: str, candidates: list[Candidate]) -> None:
    """Line and column of each candidate (sorted by offset), in one pass over the text."""
    line, last, line_start = 1, 0, 0
    for c in candidates:
        newlines = text.count("\n", last, c.start)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", last, c.start) + 1
        last = c.start
        c.line = line
        c.column = c.start - line_start + 1


def _line_text(text: str, line_start: int) -> tuple[str, str]:
    """(this line, previous line) for the line starting at ``line_start``."""
    le = text.find("\n", line_start)
    line = text[line_start : le if le >= 0 else len(text)]
    if line_start == 0:
        return line, ""
    prev_start = text.rfind("\n", 0, line_start - 1) + 1
    return line, text[prev_start : line_start - 1]


def _ignored_codes(line: str, prev: str) -> set[str] | None:
    found: set[str] | None = None
    for text, own in ((line, True), (prev, False)):
        if "envguard" not in text:
            continue
        if not own and not text.lstrip().startswith(("#", "//", "/*", "*", "--", "<!--", ";", "%")):
            continue
        m = _IGNORE.search(text)
        if m is None:
            continue
        found = found or set()
        if m.group(1) is None or not m.group(1).strip():
            found.add("*")
        else:
            found.update(c.strip() for c in m.group(1).split(",") if c.strip())
    return found


class _LineInfo(FrozenRecord):
    """What a line says about suppression, computed once per line (lines can be long).

    ``excluded``: a detect-secrets baseline's --exclude-lines matches; ``allowlisted``:
    ``pragma: allowlist secret`` on the line (or nextline above); ``codes``: from
    ``envguard: ignore[...]``. The line's text can hold a secret: not in the repr.
    """

    __slots__ = ("allowlisted", "codes", "excluded", "text")
    _fields = ("text", "excluded", "allowlisted", "codes")
    _hidden = frozenset({"text"})
    text: str
    excluded: bool
    allowlisted: bool
    codes: frozenset[str] | None

    def __init__(self, text: str, excluded: bool, allowlisted: bool, codes: frozenset[str] | None) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "excluded", excluded)
        object.__setattr__(self, "allowlisted", allowlisted)
        object.__setattr__(self, "codes", codes)


def _line_info(text: str, line_start: int, line_excludes: Sequence[re.Pattern[str]]) -> _LineInfo:
    line, prev = _line_text(text, line_start)
    allowlisted = ("pragma" in line and _PRAGMA.search(line) is not None) or (
        "pragma" in prev and _PRAGMA_NEXT.search(prev) is not None
    )
    codes = _ignored_codes(line, prev)
    excluded = any(r.search(line) for r in line_excludes)
    return _LineInfo(line, excluded, allowlisted, frozenset(codes) if codes is not None else None)


def _suppressed(c: Candidate, info: _LineInfo) -> bool:
    if info.allowlisted:
        return True
    if info.codes is None:
        return False
    rule = rules.BY_CODE[c.code]
    return "*" in info.codes or any(c.code.startswith(x.upper()) or x.lower() == rule.name for x in info.codes)


def _finish(pending: _Pending, found: Sequence[DsSecret], settings: Settings) -> FileOutcome:
    outcome = pending.outcome
    text = pending.text
    candidates = pending.candidates + list(_ds_candidates(pending, found))
    if pending.example:
        for c in candidates:
            if c.code in _EXAMPLE_CLEARED:
                c.report = False
    reported = _resolve(candidates)
    entropy = [c for c in reported if c.code == "EG326"]
    if len(entropy) > MAX_ENTROPY_PER_FILE:
        outcome.entropy_dropped += len(entropy)
        reported = [c for c in reported if c.code != "EG326"]
    _locate(text, reported)

    line_excludes = [re.compile(p) for p in settings.line_excludes]
    secret_excludes = [re.compile(p) for p in settings.secret_excludes]
    baseline = settings.baseline_table.get(pending.target.path, frozenset())
    ds_by_line: dict[int, list[DsSecret]] = {}
    for s in found:
        ds_by_line.setdefault(s.line, []).append(s)
    lines: dict[int, _LineInfo] = {}
    for c in reported:
        info = lines.get(c.line)
        if info is None:
            info = lines[c.line] = _line_info(text, c.start - c.column + 1, line_excludes)
        line = info.text
        if _suppressed(c, info):
            outcome.suppressed_inline += 1
            continue
        if info.excluded or any(r.search(c.secret) for r in secret_excludes):
            outcome.suppressed_inline += 1
            continue
        if len(outcome.items) >= MAX_FINDINGS_PER_FILE:
            outcome.truncated += 1
            continue
        if c.variable is None and c.code in ("EG320", "EG322", "EG325", "EG326"):
            c.variable = _variable_for(c, line)
        own = sha1(c.secret)
        hashes = {own} | {sha1(v) for _, v in c.ds_variants}
        exact = _ds_entries(c, line, ds_by_line.get(c.line, ()))
        if baseline and not settings.update_baseline and (hashes & baseline or {h for _, h in exact} & baseline):
            outcome.baselined += 1
            continue
        entries = exact or ((c.ds_type, own),)
        outcome.items.append(Item(_finding(c, pending.target.path), own, tuple(entries)))
    return outcome


def _variable_for(c: Candidate, line: str) -> str | None:
    col = c.column - 1
    if c.code == "EG322":
        scheme = line.rfind("://", 0, col)
        if scheme < 0:
            return None
        col = scheme
        while col > 0 and (line[col - 1].isalnum() or line[col - 1] in "+.-"):
            col -= 1
    return assigned_name(line, col)


def _ds_entries(c: Candidate, line: str, found: Iterable[DsSecret]) -> tuple[tuple[str, str], ...]:
    """detect-secrets' own (type, sha1) for the secrets it found within this candidate."""
    out = []
    col = c.column - 1
    span_end = col + (c.end - c.start)
    for s in found:
        idx = line.find(s.secret)
        if idx < 0:
            # Private keys: detect-secrets reports the BEGIN marker.
            if c.code == "EG321" and s.type == "Private Key":
                out.append((s.type, sha1(s.secret)))
            continue
        if (idx < span_end and col < idx + len(s.secret)) or (c.code == "EG321" and s.type == "Private Key"):
            out.append((s.type, sha1(s.secret)))
    return tuple(dict.fromkeys(out))


# --- findings ---------------------------------------------------------------------------

_HINTS = {
    "EG320": (
        "Revoke and rotate this {provider} credential (it stays in git history), then read it from an "
        "environment variable or a secret manager. For a test fixture, mark the line "
        "`# envguard: ignore[EG320]` or record it with `envguard scan --update-baseline`."
    ),
    "EG321": (
        "Replace the key pair (anyone with this file can act as its owner); keep private keys in a secret "
        "store or a git-ignored file and pass their path in an environment variable."
    ),
    "EG322": (
        "Build the URL from a separate password variable (`postgres://app:${{DB_PASSWORD}}@host/db`) or read the "
        "whole URL from the environment, and change the password."
    ),
    "EG323": (
        'Read the value from the environment (`os.environ["NAME"]`, `process.env.NAME`, `${{NAME}}`) or a secret '
        "manager and rotate it. If it is not a real secret, mark the line `# envguard: ignore[EG323]`."
    ),
    "EG324": (
        "This is the real value of {variable} from {source}: replace it with a reference to the variable and "
        "rotate the secret."
    ),
    "EG325": (
        "Fetch tokens at runtime instead of committing them. A test token should carry an `exp` in the past, "
        "or mark the line `# envguard: ignore[EG325]`."
    ),
    "EG326": (
        "If this is a credential, move it to the environment and rotate it; if not, mark the line "
        "`# envguard: ignore[EG326]` or record it with `envguard scan --update-baseline`."
    ),
}


def _provider_name(c: Candidate) -> str:
    d = det.BY_ID.get(c.kind)
    if d is not None:
        return d.provider
    if c.kind.startswith("ds:"):
        from envguard.scanner.adapter import REPORTED_TYPES

        return REPORTED_TYPES.get(c.kind[3:], "the provider")
    if c.kind == "supabase-service-role-key":
        return "Supabase"
    if c.kind == "sentry-dsn-secret":
        return "Sentry"
    return "the provider"


def _message(c: Candidate) -> str:
    shown = describe(c.secret)
    if c.code == "EG320":
        where = f" assigned to {c.variable}" if c.variable else ""
        return f"{c.title} {shown}{where}"
    if c.code == "EG321":
        return f"{c.title} ({len(c.secret)} base64 characters of key material)"
    if c.code == "EG322":
        where = f" assigned to {c.variable}" if c.variable else ""
        return f"{c.title} {describe(c.secret, prefix=False)}{where}"
    if c.code == "EG323":
        provider = _identify(c.secret)
        what = f", looks like {a(provider)}" if provider else ""
        where = f" in {c.variable}" if c.variable else ""
        return f"{c.title}{where} {shown}{what}"
    if c.code == "EG324":
        return f"the value of {c.variable} from {c.detail} is written here {describe(c.secret, prefix=False)}"
    if c.code == "EG325":
        return f"{c.title} {shown}, {c.detail}"
    where = f" assigned to {c.variable}" if c.variable else ""
    return f"{c.title} {shown}{where}"


def _identify(value: str) -> str | None:
    from envguard.knowledge.providers import identify

    found = identify(value, secret_only=True)
    return found[0].title if found else None


def _finding(c: Candidate, path: str) -> Finding:
    rule = rules.BY_CODE[c.code]
    hint = _HINTS[c.code].format(provider=_provider_name(c), variable=c.variable, source=c.detail)
    return rule.finding(
        _message(c),
        path=path,
        line=c.line,
        column=c.column,
        variable=c.variable,
        hint=hint,
        severity=c.severity,
        fingerprint=fingerprint(c.kind, c.secret),
    )


# --- chunks and processes ---------------------------------------------------------------


def scan_chunk(targets: Sequence[Target], settings: Settings, max_size: int) -> list[FileOutcome]:
    """Scan some files completely (both phases). Runs in a worker or in-process."""
    prefilter = pf.get(settings.entropy, tuple(sorted(settings.known_table)))
    pending: list[_Pending] = []
    outcomes: list[FileOutcome] = []
    for target in targets:
        outcome = FileOutcome(target.path)
        outcomes.append(outcome)
        text, skipped = _read(target, max_size)
        if text is None:
            outcome.skipped = skipped
            continue
        p = _analyze(target, text, settings, prefilter, outcome)
        p.needs = set(p.ds_lines)
        if settings.update_baseline or target.path in settings.baseline_table:
            # Baselines hold detect-secrets' own hashes: ask it what it sees on these lines.
            p.needs.update(_line_of(text, c.start) for c in p.candidates if c.report)
        if p.candidates or p.needs:
            pending.append(p)
    requests = [(p.target.path, p.text.split("\n"), sorted(p.needs)) for p in pending if p.needs]
    found: dict[str, list[DsSecret]] = {}
    if requests:
        from envguard.scanner.adapter import scan_lines

        found = scan_lines(requests)
    for p in pending:
        _finish(p, found.get(p.target.path, []), settings)
    return outcomes


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _chunks(targets: Sequence[Target], n: int) -> list[list[Target]]:
    """About ``n`` chunks of similar byte size; big files spread first."""
    ordered = sorted(targets, key=lambda t: -t.size)
    bins: list[list[Target]] = [[] for _ in range(n)]
    sizes = [0] * n
    for t in ordered:
        i = sizes.index(min(sizes))
        bins[i].append(t)
        sizes[i] += t.size + 2048  # a per-file cost beyond its bytes
    return [b for b in bins if b]


# Below these, worker processes cost more than they save.
PARALLEL_MIN_FILES = 200
PARALLEL_MIN_BYTES = 4 * 1024 * 1024


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def run(
    targets: Sequence[Target], settings: Settings, *, jobs: int | None, max_size: int
) -> tuple[list[FileOutcome], int]:
    """Scan every target; returns the outcomes (in target order) and the workers used."""
    jobs = jobs if jobs else default_jobs()
    total = sum(t.size for t in targets)
    if jobs <= 1 or len(targets) < PARALLEL_MIN_FILES or total < PARALLEL_MIN_BYTES:
        return scan_chunk(targets, settings, max_size), 1
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork is by far the cheapest start on Linux and the scanner holds no threads or
    # locks when it forks; elsewhere the platform default.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods and os.name == "posix" and _is_linux() else None)
    chunks = _chunks(targets, jobs * 4)
    order = {t.path: i for i, t in enumerate(targets)}
    outcomes: list[FileOutcome] = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for result in pool.map(scan_chunk, chunks, [settings] * len(chunks), [max_size] * len(chunks)):
            outcomes.extend(result)
    outcomes.sort(key=lambda o: order.get(o.path, 0))
    return outcomes, jobs


def _is_linux() -> bool:
    import sys

    return sys.platform.startswith("linux")
