"""Rule families. Each module declares its ``RULES`` (metadata, documented by docstrings)
and its ``CHECKS`` (functions ``check(ctx) -> Iterable[Finding]``).

The list below is the registry's only input: add a family here, nowhere else.
"""

from __future__ import annotations

from types import ModuleType


def families() -> tuple[ModuleType, ...]:
    from envguard.rules import committed, exposure, leaks, mismatch, schema, strength, syntax

    return (syntax, schema, strength, exposure, leaks, committed, mismatch)
