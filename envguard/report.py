"""What a command hands to a reporter: findings plus what was examined."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from envguard.findings import Finding, Severity


@dataclass
class Report:
    """The outcome of ``check`` or ``scan``.

    ``findings`` are sorted and already filtered by selection and suppressions.
    ``examined`` lists the files read (relative POSIX paths); ``notes`` carry
    non-finding remarks for the text reporter ("skipped 3 binary files").
    """

    command: str
    root: str
    findings: list[Finding]
    examined: list[str] = field(default_factory=list)
    environment: str | None = None
    notes: list[str] = field(default_factory=list)
    suppressed: int = 0
    stats: dict[str, Any] = field(default_factory=dict)
    # The lowest severity that fails the run, from the project config (the CLI's
    # --fail-on/--strict override it); None means errors.
    fail_on: Severity | None = None

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
            **self.stats,
        }

    def exit_code(self, fail_on: Severity = Severity.ERROR) -> int:
        return 1 if any(f.severity >= fail_on for f in self.findings) else 0


# A reporter writes a report to a text stream. ``color`` is decided by the CLI (TTY and
# NO_COLOR); reporters that never colour ignore it.
Reporter = Callable[[Report, IO[str], bool], None]

# Module per format, imported only when chosen.
REPORTERS: dict[str, str] = {
    "text": "envguard.reporters.text",
    "json": "envguard.reporters.json",
    "sarif": "envguard.reporters.sarif",
    "github": "envguard.reporters.github",
    "junit": "envguard.reporters.junit",
}


def get_reporter(name: str) -> Reporter:
    import importlib

    module = importlib.import_module(REPORTERS[name])
    render: Reporter = module.render
    return render
