"""The finding model: what every rule produces and every reporter consumes.

A finding never holds a value. Rules describe values through :mod:`envguard.core.mask`
(provider prefix and length at most) before they build a message.
"""

from __future__ import annotations

import enum
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


class _Frozen:
    """Immutable, slotted value objects with ``replace()``, ``==`` and ``hash``.

    Written by hand instead of with ``@dataclass(frozen=True, slots=True)``: importing
    ``dataclasses`` (and the ``inspect`` machinery it pulls in) and generating the methods
    costs more than the rest of this module on every pre-commit run.
    """

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable; use .replace()")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f) for f in self._fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __repr__(self) -> str:
        args = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{type(self).__name__}({args})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), self._values())


class Location(_Frozen):
    """A second place a finding points at (the other side of a mismatch)."""

    __slots__ = ("column", "line", "note", "path")
    _fields = ("path", "line", "column", "note")
    path: str
    line: int | None
    column: int | None
    note: str | None

    def __init__(self, path: str, line: int | None = None, column: int | None = None, note: str | None = None) -> None:
        for name, value in (("path", path), ("line", line), ("column", column), ("note", note)):
            object.__setattr__(self, name, value)

    def replace(self, **changes: Any) -> Location:
        return Location(**{**{f: getattr(self, f) for f in self._fields}, **changes})

    def display(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column, "note": self.note}


class Finding(_Frozen):
    """One problem, at one place. Immutable; ``replace(**changes)`` makes a changed copy.

    ``path`` is relative to the project root in POSIX form, ``<environ>`` for the live
    process environment, or ``None`` for project-wide findings (a required variable
    missing from every source). ``line`` and ``column`` are 1-based.
    """

    __slots__ = (
        "code",
        "column",
        "fingerprint",
        "hint",
        "line",
        "message",
        "path",
        "related",
        "rule",
        "severity",
        "variable",
    )
    _fields = (
        "code",
        "rule",
        "severity",
        "message",
        "path",
        "line",
        "column",
        "variable",
        "hint",
        "fingerprint",
        "related",
    )
    code: str
    rule: str
    severity: Severity
    message: str
    path: str | None
    line: int | None
    column: int | None
    variable: str | None
    hint: str | None
    fingerprint: str | None
    related: tuple[Location, ...]

    def __init__(
        self,
        code: str,
        rule: str,
        severity: Severity,
        message: str,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        variable: str | None = None,
        hint: str | None = None,
        fingerprint: str | None = None,
        related: tuple[Location, ...] = (),
    ) -> None:
        values = (code, rule, severity, message, path, line, column, variable, hint, fingerprint, tuple(related))
        for name, value in zip(self._fields, values, strict=True):
            object.__setattr__(self, name, value)

    def replace(self, **changes: Any) -> Finding:
        return Finding(**{**{f: getattr(self, f) for f in self._fields}, **changes})

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
