"""The finding model: what every rule produces and every reporter consumes.

A finding never holds a value. Rules describe values through :mod:`envguard.mask`
(provider prefix and length at most) before they build a message.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """Ordered so that ``max()`` over findings gives the worst one."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            allowed = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r} (expected one of: {allowed})") from None


@dataclass(frozen=True, slots=True)
class Location:
    """A second place a finding points at (the other side of a mismatch)."""

    path: str
    line: int | None = None
    column: int | None = None
    note: str | None = None

    def display(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column, "note": self.note}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, at one place.

    ``path`` is relative to the project root in POSIX form, ``<environ>`` for the live
    process environment, or ``None`` for project-wide findings (a required variable
    missing from every source). ``line`` and ``column`` are 1-based.
    """

    code: str
    rule: str
    severity: Severity
    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    variable: str | None = None
    hint: str | None = None
    fingerprint: str | None = None
    related: tuple[Location, ...] = field(default=())

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        # Project-wide findings (no path) sort first, then by place, then by code.
        return (
            self.path or "",
            self.line or 0,
            self.column or 0,
            self.code,
            self.variable or "",
            self.message,
        )

    def location(self) -> str:
        if self.path is None:
            return "<project>"
        return Location(self.path, self.line, self.column).display()

    def identity(self) -> str:
        """A stable fingerprint that survives line moves: used for baselines and SARIF.

        Rules that know better (the scanner hashes the secret itself) set ``fingerprint``.
        """
        if self.fingerprint:
            return self.fingerprint
        import hashlib

        basis = "\0".join((self.code, self.path or "", self.variable or "", self.message))
        return hashlib.sha256(basis.encode()).hexdigest()[:32]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.label,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "variable": self.variable,
            "hint": self.hint,
            "fingerprint": self.identity(),
        }
        if self.related:
            data["related"] = [loc.to_dict() for loc in self.related]
        return data


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Sorted and de-duplicated: two checks may reach the same conclusion."""
    unique = {(f.sort_key(), f.severity, f.hint): f for f in findings}
    return sorted(unique.values(), key=Finding.sort_key)
