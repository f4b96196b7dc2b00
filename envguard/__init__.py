"""envguard: validate configuration and secrets before they hurt anyone.

The public API. Imports are lazy so that ``import envguard`` stays cheap: pydantic is
imported by :func:`load` only, detect-secrets by the scanner only.

    import envguard

    settings = envguard.load()            # fail fast at startup, typed settings
    report = envguard.check(".")          # what `envguard check` reports
    report = envguard.scan(["src"])       # what `envguard scan` reports
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from envguard.core.errors import ConfigError, EnvguardError, InvalidSettingsError, UsageError
from envguard.core.findings import Finding, Location, Severity

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "EnvguardError",
    "Finding",
    "InvalidSettingsError",
    "Location",
    "Report",
    "Severity",
    "UsageError",
    "__version__",
    "check",
    "load",
    "redact",
    "scan",
]

# name -> (module, attribute): resolved on first use.
_LAZY = {
    "check": ("envguard.checking.api", "check"),
    "scan": ("envguard.scanner.api", "scan"),
    "load": ("envguard.runtime.settings", "load"),
    "redact": ("envguard.runtime.redact", "redact"),
    "Report": ("envguard.core.report", "Report"),
}

if TYPE_CHECKING:
    from envguard.checking.api import check
    from envguard.core.report import Report
    from envguard.runtime.redact import redact
    from envguard.runtime.settings import load
    from envguard.scanner.api import scan


def __getattr__(name: str) -> Any:
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'envguard' has no attribute {name!r}")
    value = getattr(importlib.import_module(target[0]), target[1])
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
