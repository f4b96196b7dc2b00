"""The one policy: rule selection (``select``/``ignore``/``extend_select``), configured
severity overrides, inline ``# envguard: ignore[...]`` and per-file ignores. ``check``,
``scan`` and ``env-files`` all apply it through this module."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping, Sequence

from envguard.core.findings import Finding, Severity, sort_findings
from envguard.project.context import CheckContext, RuleFilter
from envguard.rules.registry import _by_key, _normalise, all_rules


def apply_policy(ctx: CheckContext, findings: Iterable[Finding]) -> tuple[list[Finding], int]:
    ignores = _inline_ignores(ctx)
    kept: list[Finding] = []
    suppressed = 0
    for f in findings:
        if not ctx.enabled(f.code):
            continue
        if _is_ignored(f, ignores, ctx.config.per_file_ignores, ctx.config.file_prefix()):
            suppressed += 1
            continue
        kept.append(f)
    return apply_selection(kept, ctx.selection, ctx.config.severity), suppressed


def apply_selection(
    findings: Iterable[Finding], selection: RuleFilter, severity: Mapping[str, Severity]
) -> list[Finding]:
    """Rule selection and configured severity overrides; sorted and de-duplicated."""
    kept = []
    for f in findings:
        if not selection.enabled(f.code):
            continue
        override = _severity_override(severity, f.code)
        if override is not None and override != f.severity:
            f = f.replace(severity=override)
        kept.append(f)
    return sort_findings(kept)


def _inline_ignores(ctx: CheckContext) -> dict[tuple[str, int], frozenset[str]]:

    table: dict[tuple[str, int], frozenset[str]] = {}
    known: set[str] | None = None
    for f in [*ctx.files, *([ctx.example] if ctx.example else [])]:
        for entry in f.entries:
            if entry.ignores:
                for line in range(entry.line, entry.end_line + 1):
                    table[(f.display, line)] = entry.ignores
                if known is None:
                    known = {r.code for r in all_rules()} | {r.name.upper() for r in all_rules()}
                # A typo silences nothing: say so rather than let the finding reappear unexplained.
                for code in sorted(entry.ignores - {"*"}):
                    if code not in known and not any(k.startswith(code) for k in known if k.startswith("EG")):
                        note = f"{f.display}:{entry.line}: `envguard: ignore[{code}]` names no rule"
                        if note not in ctx.notes:
                            ctx.notes.append(note)
    return table


def _is_ignored(
    f: Finding,
    inline: Mapping[tuple[str, int], frozenset[str]],
    per_file: Mapping[str, Sequence[str]],
    prefix: str | None = None,
) -> bool:
    if f.path is not None and f.line is not None:
        codes = inline.get((f.path, f.line))
        if codes is not None and ("*" in codes or any(f.code.startswith(c) or c == f.rule.upper() for c in codes)):
            return True
    if f.path is not None and per_file:
        # Relative to the project root, or to the config's directory when a shared config
        # above the project names it (`apps/web/.env.test`).
        paths = [f.path] if prefix is None else [f.path, f"{prefix}/{f.path}"]
        for glob, globbed in per_file.items():
            if any(fnmatch.fnmatch(p, glob) for p in paths) and any(f.code.startswith(c.upper()) for c in globbed):
                return True
    return False


def _severity_override(table: Mapping[str, Severity], code: str) -> Severity | None:
    best: tuple[int, Severity] | None = None
    for prefix, sev in table.items():
        if code.startswith(prefix) and (best is None or len(prefix) > best[0]):
            best = (len(prefix), sev)
    return best[1] if best else None


class Selection:
    """Which rules are on. Ruff's semantics: the most specific selector wins.

    ``select`` replaces the default set (every rule with ``default_enabled``);
    ``extend_select`` adds to it; ``ignore`` removes. A rule that is off by default is
    turned on only by its exact code or name, not by a family prefix.
    """

    def __init__(
        self,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        extend_select: Sequence[str] = (),
    ) -> None:
        self._select = [_normalise(s) for s in select]
        self._extend = [_normalise(s) for s in extend_select]
        self._ignore = [_normalise(s) for s in ignore]
        self._cache: dict[str, bool] = {}

    def enabled(self, code: str) -> bool:
        cached = self._cache.get(code)
        if cached is None:
            cached = self._cache[code] = self._decide(code)
        return cached

    def _decide(self, code: str) -> bool:
        rule = _by_key().get(code)
        default_on = rule.default_enabled if rule is not None else True

        def best(selectors: list[str]) -> int:
            lengths = [len(s) for s in selectors if code.startswith(s)]
            if not default_on:
                lengths = [n for n in lengths if n == len(code)]
            return max(lengths, default=-1)

        if self._select:
            on = best(self._select + self._extend)
        else:
            on = best(self._extend)
            if on < 0 and default_on:
                on = 0
        off = best(self._ignore)
        return on >= 0 and on > off
