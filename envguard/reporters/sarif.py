"""SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

One run per report. The output passes Microsoft's SARIF Multitool ``validate`` with no
errors and no warnings (``tests/ci/test_sarif.py`` runs it when npm can install it).

Choices a reader may want to know:

* Rule metadata (``tool.driver.rules[]``) comes from the registry: ``shortDescription`` is
  the rule's summary, ``fullDescription`` its *What it checks* section, ``help`` the
  whole docstring (plain text and markdown), ``helpUri`` the rule's page under
  ``docs/rules/``. Only the rules a result refers to are listed (with ``ruleIndex``), so
  a clean run stays small.
* Paths are relative URIs against ``uriBaseId: "%SRCROOT%"``; ``originalUriBaseIds``
  maps it to the repository root (the nearest directory holding ``.git`` above the
  report's base), which is what code scanning expects. Outside a repository the base
  is the report's root.
* ``partialFingerprints["envguard/v1"]`` is :meth:`Finding.identity`, a hash that
  ignores line numbers, so an alert survives edits above it.
* Project-wide findings (no path: a required variable missing from every source) get
  a logical location naming the variable and a whole-file region (lines 1 to N) on the
  first file the run examined, because code scanning drops results that have no file.
  Findings about the process environment (``<environ>``) get a logical location only:
  there is no file to point at.
* No ``snippet`` or ``contextRegion`` (the Multitool suggests both, as notes): they copy
  file contents into the log, and the lines envguard reports are the ones that hold
  secrets.
* A finding about a whole file (a path, no line) gets the whole-file region too.
* A finding that names a second place (the other side of a mismatch) carries it in
  ``relatedLocations``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import IO, Any
from urllib.parse import quote

from envguard.core.findings import Finding, Location, Severity
from envguard.core.report import Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://github.com/envguard/envguard"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "envguard/v1"
ENVIRON = "<environ>"
_MAX_COUNT_BYTES = 4 * 1024 * 1024

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

# Families whose findings are security problems: code scanning shows a security
# severity for rules that carry ``security-severity`` (a CVSS-like score as a string).
_SECURITY = {"EG2": "7.5", "EG3": "9.0", "EG5": "7.5"}
_FAMILY_TAGS = {
    "EG0": "env-file-syntax",
    "EG1": "schema",
    "EG2": "secret-strength",
    "EG3": "secret-exposure",
    "EG4": "cross-file",
    "EG5": "encryption",
}


def render(report: Report, out: IO[str], color: bool = False) -> None:
    json.dump(build(report), out, indent=2, ensure_ascii=False)
    out.write("\n")


def build(report: Report) -> dict[str, Any]:
    """The SARIF log as a dict (``render`` serialises it)."""
    from envguard import __version__

    base = report_base(report)
    repo = repository_root(base)
    anchor = repo if repo is not None else base
    places = _Places(base, anchor)

    codes = list(dict.fromkeys(f.code for f in report.findings))
    index = {code: i for i, code in enumerate(codes)}
    by_code = {f.code: f for f in report.findings}
    rules = [_rule_descriptor(code, by_code[code]) for code in codes]
    fallback = _first_file(report, places)
    results = [_result(f, index[f.code], places, fallback) for f in report.findings]

    notifications = [{"level": "note", "message": {"text": _sentence(note)}} for note in report.notes]
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications

    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "envguard",
                "fullName": f"envguard {__version__}",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "automationDetails": {"id": f"envguard/{report.command}/"},
        "invocations": [invocation],
        "originalUriBaseIds": {
            SRCROOT: {
                "uri": _dir_uri(anchor),
                "description": {"text": "The repository root." if repo is not None else "The project root."},
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {"command": report.command, "summary": report.summary()},
    }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


# --- where the paths live -----------------------------------------------------------------


def _paths(report: Report) -> Iterable[str]:
    for f in report.findings:
        if f.path is not None:
            yield f.path
        for loc in f.related:
            yield loc.path


def report_base(report: Report) -> Path:
    """The directory a report's relative paths are relative to.

    Usually ``report.root``. A command that checked several targets rebases its paths on
    the current directory, so when the paths do not resolve under the root but do under
    the current directory, that is the base.
    """
    root = Path(report.root)
    relative = {p for p in _paths(report) if p != ENVIRON and not PurePosixPath(p).is_absolute()}
    if not relative:
        return root
    for candidate in (root, Path.cwd()):
        if all((candidate / p).exists() for p in relative):
            return candidate
    return root


def repository_root(start: Path) -> Path | None:
    """The nearest directory at or above ``start`` holding ``.git`` (no subprocess)."""
    current = start.resolve()
    while True:
        if (current / ".git").exists():
            return current
        if current.parent == current:
            return None
        current = current.parent


def _dir_uri(path: Path) -> str:
    uri = path.resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


class _Places:
    """Turns report paths into SARIF artifact locations relative to the anchor."""

    def __init__(self, base: Path, anchor: Path) -> None:
        self.base = base.resolve()
        self.anchor = anchor.resolve()
        try:
            self.prefix = self.base.relative_to(self.anchor).as_posix()
        except ValueError:
            self.prefix = ""
        if self.prefix == ".":
            self.prefix = ""

    def artifact(self, path: str) -> dict[str, Any]:
        pure = PurePosixPath(path)
        if pure.is_absolute():
            try:
                rel = Path(path).resolve().relative_to(self.anchor).as_posix()
            except ValueError:
                return {"uri": Path(path).as_uri()}
        else:
            rel = f"{self.prefix}/{path}" if self.prefix else path
            rel = _normalise(rel)
            if rel.startswith("../"):
                # Outside the anchor: fall back to an absolute URI rather than a relative
                # one that climbs out of %SRCROOT%.
                return {"uri": (self.base / path).resolve().as_uri()}
        return {"uri": quote(rel, safe="/"), "uriBaseId": SRCROOT}


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == ".." and parts and parts[-1] != "..":
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


def _first_file(report: Report, places: _Places) -> dict[str, Any] | None:
    """A whole-file location on the first file the run examined (for project-wide results)."""
    for path in report.examined:
        if path == ENVIRON:
            continue
        lines = _line_count(places.base / path)
        if lines is None:
            continue
        return {"artifactLocation": places.artifact(path), "region": {"startLine": 1, "endLine": lines}}
    return None


def _line_count(path: Path) -> int | None:
    try:
        with path.open("rb") as handle:
            data = handle.read(_MAX_COUNT_BYTES)
    except OSError:
        return None
    return max(1, data.count(b"\n") + (0 if data.endswith(b"\n") else 1))


# --- results ------------------------------------------------------------------------------


def _region(line: int | None, column: int | None) -> dict[str, Any] | None:
    if line is None or line < 1:
        return None
    region: dict[str, Any] = {"startLine": line}
    if column is not None and column >= 1:
        region["startColumn"] = column
    return region


def _physical(path: str, line: int | None, column: int | None, places: _Places) -> dict[str, Any]:
    region = _region(line, column)
    if region is None:
        # A finding about a whole file (not ignored by git, unreadable): the whole-file
        # region, since consumers treat a missing region as unknown (Multitool SARIF2017).
        lines = _line_count(places.base / path)
        region = {"startLine": 1, "endLine": lines} if lines is not None else {"startLine": 1}
    return {"artifactLocation": places.artifact(path), "region": region}


def _logical(f: Finding, where: str) -> dict[str, Any]:
    name = f.variable or f.rule
    return {
        "name": name,
        "fullyQualifiedName": f"{where}::{name}",
        "kind": "variable" if f.variable else "resource",
    }


def _result(f: Finding, rule_index: int, places: _Places, fallback: dict[str, Any] | None) -> dict[str, Any]:
    text = _sentence(f.message)
    if f.hint:
        text += " Hint: " + _sentence(f.hint)
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": _LEVELS[f.severity],
        "message": {"text": text},
    }
    if f.path == ENVIRON:
        location: dict[str, Any] = {"logicalLocations": [_logical(f, "environ")]}
    elif f.path is None:
        location = {"logicalLocations": [_logical(f, "project")]}
        if fallback is not None:
            location["physicalLocation"] = fallback
    else:
        location = {"physicalLocation": _physical(f.path, f.line, f.column, places)}
    result["locations"] = [location]
    related = [_related(i, loc, places) for i, loc in enumerate(f.related, 1)]
    if related:
        result["relatedLocations"] = related
    result["partialFingerprints"] = {FINGERPRINT_KEY: f.identity()}
    properties: dict[str, Any] = {"rule": f.rule, "severity": f.severity.label}
    if f.variable:
        properties["variable"] = f.variable
    if f.hint:
        properties["hint"] = f.hint
    if f.path is None:
        properties["scope"] = "project"
    elif f.path == ENVIRON:
        properties["scope"] = "environment"
    result["properties"] = properties
    return result


def _related(i: int, loc: Location, places: _Places) -> dict[str, Any]:
    related: dict[str, Any] = {"id": i}
    if loc.path == ENVIRON:
        related["logicalLocations"] = [{"name": "environ", "kind": "resource"}]
    else:
        related["physicalLocation"] = _physical(loc.path, loc.line, loc.column, places)
    related["message"] = {"text": _sentence(loc.note) if loc.note else "Related location."}
    return related


def _sentence(text: str) -> str:
    """SARIF messages end with a period (the Multitool's SARIF2001 checks it)."""
    text = " ".join(text.split())
    if not text:
        return "(no message)."
    return text if text[-1] in ".!?" else text + "."


# --- rule metadata ------------------------------------------------------------------------

_DOUBLE_TICKS = re.compile(r"``(.+?)``")


def _rule_class(code: str) -> Any:
    from envguard.rules import registry

    for rule in registry.all_rules():
        if rule.code == code:
            return rule
    return None


def _rule_descriptor(code: str, example: Finding) -> dict[str, Any]:
    rule = _rule_class(code)
    if rule is None:
        # A finding from a rule the registry does not list (a plugin): describe it from
        # what the finding itself says, so the log stays valid.
        title = example.rule.replace("-", " ").capitalize()
        return {
            "id": code,
            "name": _pascal(example.rule),
            "shortDescription": {"text": _sentence(title)},
            "fullDescription": {"text": _sentence(title)},
            "help": {"text": _sentence(f"{code} {example.rule}"), "markdown": f"**{code}** `{example.rule}`"},
            "helpUri": f"{INFORMATION_URI}/blob/main/docs/rules/{code}.md",
            "defaultConfiguration": {"level": _LEVELS[example.severity]},
            "properties": {"tags": _tags(code), "envguardName": example.rule},
        }
    sections = rule.sections()
    what = sections.get("What it checks") or rule.summary
    properties: dict[str, Any] = {"tags": _tags(code), "envguardName": rule.name, "precision": "high"}
    score = _SECURITY.get(code[:3])
    if score is not None:
        properties["security-severity"] = score
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": _pascal(rule.name),
        "shortDescription": {"text": _sentence(rule.summary)},
        "fullDescription": {"text": _sentence(_plain(what))},
        "help": {"text": _help_text(rule), "markdown": help_markdown(rule)},
        "helpUri": rule.help_uri(),
        "defaultConfiguration": {"level": _LEVELS[rule.severity], "enabled": bool(rule.default_enabled)},
        "properties": properties,
    }
    return descriptor


def _tags(code: str) -> list[str]:
    tags = ["envguard"]
    family = _FAMILY_TAGS.get(code[:3])
    if family:
        tags.append(family)
    if code[:3] in _SECURITY:
        tags.append("security")
    return tags


def _pascal(kebab: str) -> str:
    """SARIF rule names are conventionally PascalCase (``missing-required`` -> ``MissingRequired``)."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[-_\s]+", kebab) if part)


def _plain(text: str) -> str:
    return " ".join(_DOUBLE_TICKS.sub(r"`\1`", text).split())


def _help_text(rule: Any) -> str:
    header = f"{rule.code} {rule.name}: {rule.summary}"
    body = rule.doc()
    return f"{header}\n\n{body}" if body else header


def help_markdown(rule: Any) -> str:
    """The rule's docstring as markdown: sections become headings, ``x`` becomes `x`."""
    from envguard.rules.base import SECTIONS

    lines = [f"**{rule.code} {rule.name}**: {rule.summary}", ""]
    in_fence = False
    for raw in rule.doc().splitlines():
        stripped = raw.strip()
        if stripped.startswith("```"):
            in_fence = not in_fence
            lines.append(raw)
            continue
        if in_fence:
            lines.append(raw)
            continue
        title = stripped.rstrip(":")
        if title in SECTIONS:
            lines += ["", f"### {title}", ""]
            continue
        lines.append(_DOUBLE_TICKS.sub(r"`\1`", raw))
    lines += ["", f"[Full documentation]({rule.help_uri()})"]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
