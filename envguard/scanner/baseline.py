"""detect-secrets' ``.secrets.baseline``, read and written, so teams switch without
re-auditing.

The format (detect-secrets 1.x)::

    {"version": "1.5.0", "plugins_used": [...], "filters_used": [...],
     "results": {"path/file.py": [{"type": "Secret Keyword", "filename": "path/file.py",
                                   "hashed_secret": "<sha1 of the secret>",
                                   "is_verified": false, "line_number": 12,
                                   "is_secret": false}]},
     "generated_at": "2026-01-01T00:00:00Z"}

A finding is baselined when its file has an entry whose ``hashed_secret`` is the SHA-1
of the secret, or of what detect-secrets itself would have reported for it (it hashes
``ghp`` for a GitHub token and the BEGIN line for a private key); the type and line are
ignored, so edits and detector differences do not resurrect audited secrets. Entries
marked ``"is_secret": true`` (audited as real) still silence the finding, as in
detect-secrets, and are counted in the report's notes.

Reading is plain JSON (no detect-secrets import). The baseline's exclusion filters
(``--exclude-files``, ``--exclude-lines``, ``--exclude-secrets``) are honoured.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from envguard.core.errors import ConfigError
from envguard.scanner.model import FrozenRecord, Record

_SHA1 = re.compile(r"[0-9a-f]{40}")


class Entry(Record):
    """One result of a detect-secrets baseline; ``extra`` keeps the keys envguard does not
    know, so that they are written back."""

    __slots__ = ("extra", "filename", "hashed_secret", "is_secret", "is_verified", "line_number", "type")
    _fields = ("type", "filename", "hashed_secret", "is_verified", "line_number", "is_secret", "extra")

    def __init__(
        self,
        type: str,
        filename: str,
        hashed_secret: str,
        is_verified: bool = False,
        line_number: int | None = None,
        is_secret: bool | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.type = type
        self.filename = filename
        self.hashed_secret = hashed_secret
        self.is_verified = is_verified
        self.line_number = line_number
        self.is_secret = is_secret
        self.extra: dict[str, Any] = {} if extra is None else extra

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": self.type,
            "filename": self.filename,
            "hashed_secret": self.hashed_secret,
            "is_verified": self.is_verified,
        }
        if self.line_number:
            data["line_number"] = self.line_number
        if self.is_secret is not None:
            data["is_secret"] = self.is_secret
        for key, value in self.extra.items():
            data.setdefault(key, value)
        return data


class Baseline(Record):
    """A loaded baseline: its top-level keys but ``results`` (``header``), the entries by
    normalised file name, and the exclusion regexes of its filters."""

    __slots__ = ("display", "exclude_files", "exclude_lines", "exclude_secrets", "header", "path", "results")
    _fields = ("path", "display", "header", "results", "exclude_files", "exclude_lines", "exclude_secrets")

    def __init__(
        self,
        path: Path,
        display: str,
        header: dict[str, Any] | None = None,
        results: dict[str, list[Entry]] | None = None,
        exclude_files: list[str] | None = None,
        exclude_lines: list[str] | None = None,
        exclude_secrets: list[str] | None = None,
    ) -> None:
        self.path = path
        self.display = display
        self.header: dict[str, Any] = {} if header is None else header
        self.results: dict[str, list[Entry]] = {} if results is None else results
        self.exclude_files: list[str] = [] if exclude_files is None else exclude_files
        self.exclude_lines: list[str] = [] if exclude_lines is None else exclude_lines
        self.exclude_secrets: list[str] = [] if exclude_secrets is None else exclude_secrets

    def hashes(self) -> dict[str, frozenset[str]]:
        return {name: frozenset(e.hashed_secret for e in entries) for name, entries in self.results.items()}

    def audited_real(self) -> int:
        return sum(1 for entries in self.results.values() for e in entries if e.is_secret is True)

    def count(self) -> int:
        return sum(len(v) for v in self.results.values())


def load(path: Path, display: str) -> Baseline:
    """Read a baseline; a malformed one is a :class:`ConfigError` naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read the baseline: {exc.strerror or exc}", path=display) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"the baseline is not valid JSON: {exc.msg}", path=display, line=exc.lineno) from None
    if not isinstance(data, dict) or not isinstance(data.get("results", {}), dict):
        raise ConfigError("not a detect-secrets baseline (expected an object with 'results')", path=display)
    baseline = Baseline(path, display, header={k: v for k, v in data.items() if k != "results"})
    for filename, entries in data.get("results", {}).items():
        if not isinstance(entries, list):
            raise ConfigError(f"results for {filename!r} must be a list", path=display)
        parsed = []
        for raw in entries:
            if not isinstance(raw, dict) or not isinstance(raw.get("hashed_secret"), str):
                raise ConfigError(f"an entry for {filename!r} has no 'hashed_secret'", path=display)
            known = {"type", "filename", "hashed_secret", "is_verified", "line_number", "is_secret"}
            parsed.append(
                Entry(
                    type=str(raw.get("type", "Secret Keyword")),
                    filename=str(raw.get("filename", filename)),
                    hashed_secret=raw["hashed_secret"].lower(),
                    is_verified=bool(raw.get("is_verified", False)),
                    line_number=raw.get("line_number") if isinstance(raw.get("line_number"), int) else None,
                    is_secret=raw.get("is_secret") if isinstance(raw.get("is_secret"), bool) else None,
                    extra={k: v for k, v in raw.items() if k not in known},
                )
            )
        baseline.results[_normal(filename)] = parsed
    _read_exclusions(baseline, data)
    return baseline


def _normal(filename: str) -> str:
    name = filename.replace("\\", "/")
    return name[2:] if name.startswith("./") else name


def _read_exclusions(baseline: Baseline, data: dict[str, Any]) -> None:
    def patterns(value: Any) -> list[str]:
        items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        out = []
        for p in items:
            try:
                re.compile(p)
            except (re.error, TypeError):
                raise ConfigError(f"invalid exclusion pattern {p!r}", path=baseline.display) from None
            out.append(p)
        return out

    for f in data.get("filters_used", []) or []:
        if not isinstance(f, dict):
            continue
        path = f.get("path", "")
        if path.endswith("regex.should_exclude_file"):
            baseline.exclude_files += patterns(f.get("pattern"))
        elif path.endswith("regex.should_exclude_line"):
            baseline.exclude_lines += patterns(f.get("pattern"))
        elif path.endswith("regex.should_exclude_secret"):
            baseline.exclude_secrets += patterns(f.get("pattern"))
    # detect-secrets 0.x kept them under "exclude".
    old = data.get("exclude")
    if isinstance(old, dict):
        baseline.exclude_files += patterns(old.get("files")) if old.get("files") else []
        baseline.exclude_lines += patterns(old.get("lines")) if old.get("lines") else []


def excluded_file(baseline: Baseline, path: str) -> bool:
    return any(re.search(p, path) for p in baseline.exclude_files)


class NewEntry(FrozenRecord):
    """A result of this run, to write into the baseline."""

    __slots__ = ("filename", "hashed_secret", "line_number", "type")
    _fields = ("filename", "type", "hashed_secret", "line_number")
    filename: str
    type: str
    hashed_secret: str
    line_number: int

    def __init__(self, filename: str, type: str, hashed_secret: str, line_number: int) -> None:
        object.__setattr__(self, "filename", filename)
        object.__setattr__(self, "type", type)
        object.__setattr__(self, "hashed_secret", hashed_secret)
        object.__setattr__(self, "line_number", line_number)


def update(
    path: Path,
    display: str,
    old: Baseline | None,
    found: Iterable[NewEntry],
    scanned: Sequence[str],
    root: Path,
) -> int:
    """Write the baseline: this run's findings for the scanned files, older entries for
    files not scanned this time (if they still exist), audit marks kept. Returns the
    number of entries written."""
    results: dict[str, list[Entry]] = {}
    previous: dict[tuple[str, str], Entry] = {}
    if old is not None:
        for name, entries in old.results.items():
            for e in entries:
                previous.setdefault((name, e.hashed_secret), e)
    scanned_set = set(scanned)
    for item in found:
        prior = previous.get((item.filename, item.hashed_secret))
        entry = Entry(item.type, item.filename, item.hashed_secret, line_number=item.line_number)
        if prior is not None:
            entry.is_verified = prior.is_verified
            entry.is_secret = prior.is_secret
            entry.extra = dict(prior.extra)
        bucket = results.setdefault(item.filename, [])
        if not any(e.type == entry.type and e.hashed_secret == entry.hashed_secret for e in bucket):
            bucket.append(entry)
    if old is not None:
        for name, entries in old.results.items():
            if name in scanned_set or name in results or not (root / name).exists():
                continue
            results[name] = list(entries)
    header: dict[str, Any]
    if old is not None and old.header.get("plugins_used") is not None:
        header = {k: v for k, v in old.header.items() if k not in ("generated_at",)}
    else:
        from envguard.scanner.adapter import default_header

        header = default_header()
    from envguard.scanner.adapter import version

    document: dict[str, Any] = {"version": version()}
    for key in ("plugins_used", "filters_used"):
        document[key] = header.get(key, [])
    for key, value in header.items():
        if key not in ("version", "plugins_used", "filters_used", "results"):
            document[key] = value
    document["results"] = {
        name: [e.to_json() for e in sorted(entries, key=lambda e: (e.line_number or 0, e.hashed_secret, e.type))]
        for name, entries in sorted(results.items())
    }
    document["generated_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    _write_atomically(path, json.dumps(document, indent=2) + "\n", display)
    return sum(len(v) for v in results.values())


def _write_atomically(path: Path, text: str, display: str) -> None:
    import tempfile  # ~4 ms with shutil and random: only when a baseline is written

    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    except OSError as exc:
        raise ConfigError(f"cannot write the baseline: {exc.strerror or exc}", path=display) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
