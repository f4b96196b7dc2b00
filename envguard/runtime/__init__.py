"""``envguard.load()`` on pydantic-settings, log redaction, typed settings generation.

The only layer that imports pydantic; this package's ``__init__`` does not, so
``envguard.runtime.codegen`` and ``envguard.runtime.redact`` stay light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from envguard.runtime.settings import EnvguardSettings, load

__all__ = ["EnvguardSettings", "load"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        value = getattr(importlib.import_module("envguard.runtime.settings"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'envguard.runtime' has no attribute {name!r}")
