"""The rule registry: the single source of truth for codes, names, severities and docs.

Explicit, no discovery: each family module exports ``RULES`` and this module lists the
modules. ``--select``/``--ignore``, ``envguard rules``, ``docs/rules/`` and SARIF
``rules[]`` all read from here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from envguard.core.errors import UsageError
from envguard.rules.base import Rule

_CODE_RE = re.compile(r"^EG\d{3}$")
_SELECTOR_RE = re.compile(r"^EG\d{0,3}$")


@functools.cache
def all_rules() -> tuple[type[Rule], ...]:
    from envguard.rules import families

    rules = tuple(rule for module in families() for rule in module.RULES)
    _check_unique(rules)
    return tuple(sorted(rules, key=lambda r: r.code))


def _check_unique(rules: Iterable[type[Rule]]) -> None:
    seen_codes: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    for rule in rules:
        if not _CODE_RE.match(rule.code):
            raise AssertionError(f"bad rule code {rule.code!r} on {rule.__name__}")
        if rule.code in seen_codes:
            raise AssertionError(f"duplicate rule code {rule.code}")
        if rule.name in seen_names:
            raise AssertionError(f"duplicate rule name {rule.name}")
        seen_codes[rule.code] = rule.name
        seen_names[rule.name] = rule.code


@functools.cache
def _by_key() -> dict[str, type[Rule]]:
    table: dict[str, type[Rule]] = {}
    for rule in all_rules():
        table[rule.code] = rule
        table[rule.name] = rule
    return table


def get(code_or_name: str) -> type[Rule]:
    """The rule with this code (``EG201``) or name (``weak-secret``)."""
    key = code_or_name.strip()
    rule = _by_key().get(key.upper() if key.upper().startswith("EG") else key)
    if rule is None:
        raise UsageError(f"unknown rule {code_or_name!r}; `envguard rules` lists them")
    return rule


def _normalise(selector: str) -> str:
    sel = selector.strip()
    if sel.upper() == "ALL":
        return "EG"
    if sel.upper().startswith("EG"):
        sel = sel.upper()
        if not _SELECTOR_RE.match(sel):
            raise UsageError(f"bad rule selector {selector!r}: use a code prefix like EG2 or EG201")
        # A typo (EG999 for EG399) would otherwise select nothing, or ignore nothing, silently.
        if not any(rule.code.startswith(sel) for rule in all_rules()):
            raise UsageError(f"no rule has code {selector!r} or starts with it; `envguard rules` lists them")
        return sel
    return get(sel).code  # a rule name
