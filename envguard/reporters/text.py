"""Human output: findings grouped by file, coloured on a terminal.

Colour is decided by the CLI (TTY, ``NO_COLOR``, ``--color``); this module only obeys.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import IO

from envguard.core.findings import Finding, Severity
from envguard.core.report import Report

_COLORS = {
    Severity.ERROR: "\033[31m",
    Severity.WARNING: "\033[33m",
    Severity.INFO: "\033[36m",
}
_BOLD = "\033[1m"
_DIM = "\033[2m"
_RESET = "\033[0m"


class _Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text


def _group_key(f: Finding) -> str:
    return f.path or "<project>"


def render(report: Report, out: IO[str], color: bool = False) -> None:
    style = _Style(color)
    findings = report.findings
    for path, group in groupby(findings, key=_group_key):
        out.write(style(path, _BOLD) + "\n")
        for f in group:
            out.write(_line(f, style))
        out.write("\n")
    for note in report.notes:
        out.write(style(f"note: {note}", _DIM) + "\n")
    out.write(_summary(report, style) + "\n")


def _line(f: Finding, style: _Style) -> str:
    where = (
        f"{f.line}:{f.column}"
        if f.line is not None and f.column is not None
        else (str(f.line) if f.line is not None else "-")
    )
    sev = style(f"{f.severity.label:<7}", _COLORS[f.severity])
    text = f"  {where:>7}  {sev}  {style(f.code, _BOLD)}  {f.message}  {style('[' + f.rule + ']', _DIM)}\n"
    pad = " " * 30
    for loc in f.related:
        note = f" ({loc.note})" if loc.note else ""
        text += f"{pad}{style('see ' + loc.display() + note, _DIM)}\n"
    if f.hint:
        text += f"{pad}{style('hint: ' + f.hint, _DIM)}\n"
    return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _summary(report: Report, style: _Style) -> str:
    errors = report.count(Severity.ERROR)
    warnings = report.count(Severity.WARNING)
    infos = report.count(Severity.INFO)
    files = len({f.path for f in report.findings if f.path})
    context = []
    if report.environment:
        source = f", from {report.environment_source}" if report.environment_source else ""
        context.append(f"environment: {report.environment}{source}")
    context.append(
        f"{_plural(len(report.examined), 'file')} checked"
        if report.command == "check"
        else f"{_plural(len(report.examined), 'file')} scanned"
    )
    if report.suppressed:
        context.append(f"{report.suppressed} suppressed")
    tail = f" ({', '.join(context)})"
    if not report.findings:
        return style("✔ no problems found", "\033[32m") + tail
    parts = [_plural(errors, "error"), _plural(warnings, "warning")]
    if infos:
        parts.append(f"{infos} info")
    mark = style("✖", _COLORS[Severity.ERROR]) if errors else style("!", _COLORS[Severity.WARNING])
    return f"{mark} {', '.join(parts)} in {_plural(files, 'file')}{tail}"


def render_lines(findings: Iterable[Finding]) -> str:
    """Plain one-line-per-finding text, for exceptions and logs."""
    return "".join(_line(f, _Style(False)) for f in findings)
