"""What a command hands to a reporter: findings plus what was examined."""

from __future__ import annotations

from typing import Any

from envguard.core.findings import Finding, Severity


class Report:
    """The outcome of ``check`` or ``scan``.

    ``findings`` are sorted and already filtered by selection and suppressions.
    ``examined`` lists the files read (relative POSIX paths); ``notes`` carry
    non-finding remarks for the text reporter ("skipped 3 binary files").
    ``fail_on`` is the lowest severity that fails the run, from the project config (the
    CLI's --fail-on/--strict override it); None means errors.
    """

    def __init__(
        self,
        command: str,
        root: str,
        findings: list[Finding],
        examined: list[str] | None = None,
        environment: str | None = None,
        notes: list[str] | None = None,
        suppressed: int = 0,
        stats: dict[str, Any] | None = None,
        fail_on: Severity | None = None,
        environment_source: str | None = None,
    ) -> None:
        self.command = command
        self.root = root
        self.findings = findings
        self.examined = examined if examined is not None else []
        self.environment = environment
        self.notes = notes if notes is not None else []
        self.suppressed = suppressed
        self.stats = stats if stats is not None else {}
        self.fail_on = fail_on
        # Where the environment name came from ("NODE_ENV in .env:1"); None for the default.
        self.environment_source = environment_source

    _FIELDS = (
        "command", "root", "findings", "examined", "environment", "notes", "suppressed", "stats", "fail_on",
        "environment_source",
    )  # fmt: skip

    def replace(self, **changes: Any) -> Report:
        return Report(**{**{f: getattr(self, f) for f in self._FIELDS}, **changes})

    def __repr__(self) -> str:
        return f"Report(command={self.command!r}, findings={len(self.findings)}, examined={len(self.examined)})"

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def summary(self) -> dict[str, Any]:
        return {
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "info": self.count(Severity.INFO),
            "files": len(self.examined),
            "suppressed": self.suppressed,
            "environment": self.environment,
            "environment_source": self.environment_source,
            **self.stats,
        }

    def exit_code(self, fail_on: Severity = Severity.ERROR) -> int:
        return 1 if any(f.severity >= fail_on for f in self.findings) else 0
