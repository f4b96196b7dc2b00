"""The one policy: which rules are on (``select``/``ignore``/``extend_select``, ruff's
semantics), at which severity (``severity:`` in envguard.yaml), and what inline
``# envguard: ignore[...]`` comments and ``per_file_ignores`` silence. ``check``, ``scan``
and ``env-files`` all apply it through :class:`Policy`."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping, Sequence

from envguard.config import Config
from envguard.core.errors import ConfigError, UsageError
from envguard.core.findings import Finding, Severity, sort_findings
from envguard.project.context import CheckContext
from envguard.rules.base import Rule
from envguard.rules.registry import _by_key, _normalise, all_rules, get


class Policy:
    """Rule selection and severity for one project config and one command line.

    The project's selectors combine with the command line's as ruff's do: a ``select``
    given on the command line replaces the config's, ``ignore`` and ``extend_select``
    add to it. A bad selector or severity key in the config is a :class:`ConfigError`
    at its file and line; on the command line, a :class:`UsageError`.

    ``rules`` names the rules the command can report (the env-files hook passes its
    four): with nothing selected, ignored or re-graded, their defaults decide and the
    registry, which imports every rule family, is never loaded.
    """

    def __init__(
        self,
        config: Config | None = None,
        *,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        extend_select: Sequence[str] = (),
        rules: Sequence[type[Rule]] | None = None,
    ) -> None:
        self.severity: dict[str, Severity] = {}
        cfg_select: Sequence[str] = ()
        cfg_ignore: Sequence[str] = ()
        cfg_extend: Sequence[str] = ()
        if config is not None:
            _validate(config)
            cfg_select, cfg_ignore, cfg_extend = config.select, config.ignore, config.extend_select
            for key, level in config.severity.items():
                # By the rule's code, so that a rule name (weak-secret) works like EG201.
                self.severity[_resolve(config, key)] = level
        self.selection: Selection | None = None
        if select or ignore or extend_select or cfg_select or cfg_ignore or cfg_extend:
            self.selection = Selection(
                select=list(select) or list(cfg_select),
                ignore=[*cfg_ignore, *ignore],
                extend_select=[*cfg_extend, *extend_select],
            )
        self._defaults = None if rules is None else {r.code: r.default_enabled for r in rules}

    def enabled(self, code: str) -> bool:
        if self.selection is not None:
            return self.selection.enabled(code)
        if self._defaults is not None and code in self._defaults:
            return self._defaults[code]
        rule = _by_key().get(code)
        return rule.default_enabled if rule is not None else True

    def severity_of(self, finding: Finding) -> Severity:
        """The configured override with the longest matching code prefix, else the finding's."""
        best: tuple[int, Severity] | None = None
        for prefix, sev in self.severity.items():
            if finding.code.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), sev)
        return finding.severity if best is None else best[1]

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """Drop findings of rules that are off, re-grade the rest; sorted and de-duplicated."""
        kept = []
        for f in findings:
            if not self.enabled(f.code):
                continue
            severity = self.severity_of(f)
            kept.append(f if severity == f.severity else f.replace(severity=severity))
        return sort_findings(kept)


def _validate(config: Config) -> None:
    for (section, selector), mark in config.rule_marks.items():
        if section == "severity":
            continue
        try:
            _normalise(selector)
        except UsageError as exc:  # from the registry: point it at the file and line
            raise ConfigError(str(exc), path=mark.path, line=mark.line) from None


def _resolve(config: Config, key: str) -> str:
    try:
        return get(key).code
    except UsageError as exc:
        mark = config.rule_marks.get(("severity", key))
        raise ConfigError(
            str(exc), path=mark.path if mark else config.display, line=mark.line if mark else None
        ) from None


def apply_policy(ctx: CheckContext, findings: Iterable[Finding]) -> tuple[list[Finding], int]:
    """The check run's policy: inline and per-file ignores, then the context's :class:`Policy`.
    Returns the findings kept and how many were suppressed."""
    ignores = _inline_ignores(ctx)
    kept: list[Finding] = []
    suppressed = 0
    for f in findings:
        if not ctx.enabled(f.code):
            continue
        if is_ignored(f, ignores, ctx.config.per_file_ignores, ctx.config.file_prefix()):
            suppressed += 1
            continue
        kept.append(f)
    return ctx.selection.apply(kept), suppressed


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


def is_ignored(
    f: Finding,
    inline: Mapping[tuple[str, int], frozenset[str]],
    per_file: Mapping[str, Sequence[str]],
    prefix: str | None = None,
) -> bool:
    """Whether an inline ignore on the finding's line or a ``per_file_ignores`` glob
    silences it."""
    if f.path is not None and f.line is not None:
        codes = inline.get((f.path, f.line))
        if codes is not None and ignore_matches(f, codes):
            return True
    if f.path is not None and per_file:
        # Relative to the project root, or to the config's directory when a shared config
        # above the project names it (`apps/web/.env.test`).
        paths = [f.path] if prefix is None else [f.path, f"{prefix}/{f.path}"]
        return per_file_ignored(f, paths, per_file)
    return False


def ignore_matches(f: Finding, codes: frozenset[str]) -> bool:
    """Whether an inline ignore's codes (``EG2``, ``EG201``, a rule name, ``*``) cover ``f``."""
    return "*" in codes or any(f.code.startswith(c) or c == f.rule.upper() for c in codes)


def per_file_ignored(f: Finding, paths: Sequence[str], per_file: Mapping[str, Sequence[str]]) -> bool:
    for glob, globbed in per_file.items():
        if any(fnmatch.fnmatch(p, glob) for p in paths) and any(f.code.startswith(c.upper()) for c in globbed):
            return True
    return False


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
