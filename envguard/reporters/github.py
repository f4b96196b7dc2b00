"""GitHub Actions workflow commands: one annotation per finding.

    ::error file=apps/web/.env,line=3,col=1,title=EG101 missing-required::DATABASE_URL is not set%0Ahint: ...

``--format auto`` picks this format when ``GITHUB_ACTIONS=true``. Escaping follows the
Actions toolkit (``@actions/core``, ``command.ts``): in the message ``%``, CR and LF
become ``%25``, ``%0D``, ``%0A``; in property values ``:`` and ``,`` are escaped too
(``%3A``, ``%2C``). So no message can end the command early or start a new one.

Paths are made relative to ``GITHUB_WORKSPACE`` (the checkout), because that is what
GitHub matches annotations against; without it, relative to the repository root.
Findings with no file (project-wide, or about the process environment) are annotations
without ``file=``: GitHub shows them on the run summary. Errors become ``::error``,
warnings ``::warning`` and info ``::notice``. A last plain line summarises the run.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import IO

from envguard.core.findings import Finding, Severity
from envguard.core.report import Report

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
ENVIRON = "<environ>"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, out: IO[str], color: bool = False) -> None:
    rebase = _Rebase(report)
    for f in report.findings:
        out.write(annotation(f, rebase(f.path)) + "\n")
    for note in report.notes:
        # One line per note: a note may not start a line with "::" and become a command.
        out.write(f"envguard: note: {' '.join(note.split())}\n")
    out.write(_summary(report) + "\n")


def annotation(f: Finding, path: str | None) -> str:
    props: list[tuple[str, str]] = []
    if path is not None:
        props.append(("file", path))
        if f.line is not None:
            props.append(("line", str(f.line)))
            if f.column is not None:
                props.append(("col", str(f.column)))
    title = f"{f.code} {f.rule}"
    if f.path == ENVIRON:
        title += " (environment)"
    elif f.path is None:
        title += " (project)"
    props.append(("title", title))
    message = f.message
    for loc in f.related:
        message += f"\nsee {loc.display()}" + (f" ({loc.note})" if loc.note else "")
    if f.hint:
        message += f"\nhint: {f.hint}"
    head = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{_COMMANDS[f.severity]} {head}::{escape_data(message)}"


class _Rebase:
    """Report paths -> paths relative to the workspace GitHub matches annotations against."""

    def __init__(self, report: Report) -> None:
        from envguard.reporters.sarif import report_base, repository_root

        self.base = report_base(report).resolve()
        workspace = os.environ.get("GITHUB_WORKSPACE")
        anchor = Path(workspace) if workspace else repository_root(self.base)
        self.anchor = anchor.resolve() if anchor is not None else None

    def __call__(self, path: str | None) -> str | None:
        if path is None or path == ENVIRON:
            return None
        if self.anchor is None:
            return path
        full = Path(path) if PurePosixPath(path).is_absolute() else self.base / path
        try:
            return full.resolve().relative_to(self.anchor).as_posix()
        except ValueError:
            return path


def _summary(report: Report) -> str:
    errors = report.count(Severity.ERROR)
    warnings = report.count(Severity.WARNING)
    infos = report.count(Severity.INFO)
    files = len(report.examined)
    verb = "checked" if report.command == "check" else "scanned"
    where = f"({_plural(files, 'file')} {verb})"
    if not report.findings:
        return f"envguard {report.command}: no problems found {where}"
    counts = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}, {infos} info"
    return f"envguard {report.command}: {counts} {where}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
