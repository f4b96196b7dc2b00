"""The rule base class.

A rule is a class whose docstring is its documentation, in fixed sections:

    What it checks / Why it matters / Example that fails / Example that passes / Options

Rules declare metadata only; the checks that emit their findings are plain functions
(``check_*(ctx)``) grouped by family, because one pass over the values often serves
several rules. ``Rule.finding(...)`` builds a :class:`~envguard.core.findings.Finding` with the
rule's code, name and default severity.
"""

from __future__ import annotations

import re
from typing import ClassVar

from envguard.core.findings import Finding, Location, Severity

DOCS_BASE = "https://github.com/envguard/envguard/blob/main/docs/rules"

SECTIONS = (
    "What it checks",
    "Why it matters",
    "Example that fails",
    "Example that passes",
    "Options",
)

_SECTION_RE = re.compile(r"^(" + "|".join(SECTIONS) + r"):?\s*$", re.MULTILINE)


class Rule:
    """Base class; subclasses set the class variables and write the docstring."""

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    # Rules that are noisy for most projects (unordered keys) stay off unless selected
    # by their exact code or name.
    default_enabled: ClassVar[bool] = True

    @classmethod
    def doc(cls) -> str:
        import inspect  # only to print docs; too heavy for the hook path's imports

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def sections(cls) -> dict[str, str]:
        """The docstring split into its named sections (missing ones are absent)."""
        text = cls.doc()
        parts = _SECTION_RE.split(text)
        # parts = [preamble, title1, body1, title2, body2, ...]
        return {parts[i]: parts[i + 1].strip("\n") for i in range(1, len(parts) - 1, 2)}

    @classmethod
    def help_uri(cls) -> str:
        return f"{DOCS_BASE}/{cls.code}.md"

    @classmethod
    def finding(
        cls,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        variable: str | None = None,
        hint: str | None = None,
        severity: Severity | None = None,
        fingerprint: str | None = None,
        related: tuple[Location, ...] = (),
    ) -> Finding:
        return Finding(
            code=cls.code,
            rule=cls.name,
            severity=cls.severity if severity is None else severity,
            message=message,
            path=path,
            line=line,
            column=column,
            variable=variable,
            hint=hint,
            fingerprint=fingerprint,
            related=related,
        )
