"""Exceptions, each mapped to an exit code by :mod:`envguard.cli.main`.

Messages name files and lines, never values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from envguard.core.findings import Finding


class EnvguardError(Exception):
    """Base class for every error envguard raises on purpose."""


class UsageError(EnvguardError):
    """Bad command-line usage (exit 2)."""


class ConfigError(EnvguardError):
    """A configuration or schema file is invalid (exit 2). Names the file and line."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.detail = message
        super().__init__(self.__str__())

    def __str__(self) -> str:
        if self.path is None:
            return self.detail
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.detail}"


class InvalidSettingsError(EnvguardError, ValueError):
    """Raised by :func:`envguard.load` when the configuration has error-level findings.

    The message lists every problem, one per line; ``findings`` holds them. Nothing in
    it shows a value, and it never chains pydantic's ``ValidationError`` (which carries
    ``input_value``).
    """

    def __init__(self, findings: Sequence[Finding], header: str | None = None) -> None:
        self.findings: tuple[Finding, ...] = tuple(findings)
        lines = [header or f"envguard: {len(self.findings)} configuration problem(s)"]
        for f in self.findings:
            var = f" {f.variable}" if f.variable else ""
            where = f" ({f.location()})" if f.path else ""
            hint = f" Hint: {f.hint}" if f.hint else ""
            lines.append(f"  {f.code}{var}: {f.message}{where}{hint}")
        super().__init__("\n".join(lines))

    def __repr__(self) -> str:
        codes = ", ".join(f.code for f in self.findings)
        return f"{type(self).__name__}({len(self.findings)} finding(s): {codes})"
