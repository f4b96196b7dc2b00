"""Rule families. Each module declares its ``RULES`` (metadata, documented by docstrings)
and its ``CHECKS`` (functions ``check(ctx) -> Iterable[Finding]``).

The list below is the registry's only input: add a family here, nowhere else.
"""

from __future__ import annotations

from types import ModuleType


def families() -> tuple[ModuleType, ...]:
    from envguard import envfiles
    from envguard.rules import exposure, mismatch, schema, strength, syntax
    from envguard.scan import rules as scan

    return (syntax, schema, strength, exposure, scan, envfiles, mismatch)
