"""envguard: validate configuration and secrets before they hurt anyone.

The public API. Imports are lazy so that ``import envguard`` stays cheap: pydantic is
imported by :func:`load` only, detect-secrets by the scanner only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from envguard.errors import ConfigError, EnvguardError, InvalidSettingsError, UsageError
from envguard.findings import Finding, Location, Severity

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "EnvguardError",
    "Finding",
    "InvalidSettingsError",
    "Location",
    "Severity",
    "UsageError",
    "__version__",
]

if TYPE_CHECKING:
    pass


def __getattr__(name: str) -> Any:
    raise AttributeError(f"module 'envguard' has no attribute {name!r}")
