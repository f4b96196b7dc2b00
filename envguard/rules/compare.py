"""Comparators for ``consistent`` rules, and their evaluation over a check context.

A schema says ``consistent: [STRIPE_SECRET_KEY, NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY]``
with ``by: mode``: every set variable must map to the same key. Each comparator maps a
value to that key, or to ``None`` when it cannot tell (a value that is not a DSN, a
Supabase key that does not carry its project ref); ``None`` never disagrees.

Only the keys of :data:`PRINTABLE` comparators may appear in messages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from envguard.core.record import Record
from envguard.knowledge import providers
from envguard.rules.schema import rule_applies

if TYPE_CHECKING:
    from envguard.project.context import CheckContext, Value
    from envguard.schema.model import CrossRule


def _value(value: str) -> str | None:
    v = value.strip()
    return v or None


def _mode(value: str) -> str | None:
    v = value.strip()
    for fmt in providers.identify(v):
        mode = fmt.mode_of(v)
        if mode is not None:
            return {"prod": "live", "production": "live", "development": "test"}.get(mode, mode)
    m = re.match(r"(?:sk|pk|rk)_(live|test)_", v)
    return m.group(1) if m else None


_DEFAULT_PORTS = {"http": "80", "https": "443", "ws": "80", "wss": "443"}


def _split(value: str) -> tuple[str, str, str] | None:
    """(scheme, host, port) of a URL, lowercased, default ports made explicit."""
    v = value.strip()
    if "://" not in v:
        return None
    try:
        parts = urlsplit(v)
        port = parts.port
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None
    scheme = parts.scheme.lower()
    port_text = str(port) if port is not None else _DEFAULT_PORTS.get(scheme, "")
    return scheme, parts.hostname.lower().rstrip("."), port_text


def _origin(value: str) -> str | None:
    split = _split(value)
    if split is None:
        return None
    scheme, host, port = split
    default = _DEFAULT_PORTS.get(scheme)
    return f"{scheme}://{host}" + (f":{port}" if port and port != default else "")


def _host(value: str) -> str | None:
    split = _split(value)
    if split is not None:
        return split[1]
    v = value.strip().lower().rstrip(".")
    if re.fullmatch(r"[a-z0-9.-]+|\[[0-9a-f:]+\]", v):
        return v
    return None


def _sentry_project(value: str) -> str | None:
    parts = providers.sentry_dsn_parts(value.strip())
    if parts is None:
        return None
    _key, host, project = parts
    host = host.lower().split(":", 1)[0]
    # o123.ingest.sentry.io and o123.ingest.us.sentry.io name the same organisation.
    m = re.match(r"o(\d+)\.ingest\.", host)
    org = f"org {m.group(1)}" if m else host
    return f"{org}, project {project}"


_SUPABASE_HOST = re.compile(r"(?:db\.)?([a-z]{20})\.supabase\.(?:co|in|net)$")


def _supabase_ref(value: str) -> str | None:
    v = value.strip()
    if v.startswith("eyJ"):
        claims = providers.jwt_claims(v)
        ref = claims.get("ref") if claims else None
        return ref if isinstance(ref, str) and ref else None
    if "://" in v:
        from envguard.knowledge import dburl

        parsed = dburl.parse(v)
        if parsed is not None and parsed.provider == "supabase":
            return parsed.supabase_ref()
        host = _host(v)
        if host:
            m = _SUPABASE_HOST.fullmatch(host)
            return m.group(1) if m else None
        return None
    return v if re.fullmatch(r"[a-z]{20}", v) else None


_REGION = re.compile(
    r"(?<![a-z0-9-])((?:us|eu|ap|sa|ca|me|af|il|mx|cn|eusc)(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2})(?![a-z0-9-])"
)


def _aws_region(value: str) -> str | None:
    v = value.strip().lower()
    m = _REGION.search(v)
    return m.group(1) if m else None


COMPARATORS: dict[str, Callable[[str], str | None]] = {
    "value": _value,
    "mode": _mode,
    "origin": _origin,
    "host": _host,
    "sentry-project": _sentry_project,
    "supabase-ref": _supabase_ref,
    "aws-region": _aws_region,
}

# Comparators whose keys may be shown: a mode or a region is one of a few well-known
# words. The others are parts of a value (a host, a project ref) and stay out of
# messages, like every value (the file:line of both variables tell where to look).
PRINTABLE = frozenset({"mode", "aws-region"})

_BY_TITLE = {
    "value": "value",
    "mode": "mode",
    "origin": "origin",
    "host": "host",
    "sentry-project": "Sentry project",
    "supabase-ref": "Supabase project ref",
    "aws-region": "AWS region",
}


def by_title(by: str) -> str:
    return _BY_TITLE.get(by, by)


# --- evaluation -------------------------------------------------------------------------


class Member(Record):
    """One variable of a consistent rule, with the key its value maps to."""

    name: str
    value: Value
    key: str


class Disagreement(Record):
    """``odd`` disagrees with ``reference`` (the key most variables share)."""

    rule: CrossRule
    odd: Member
    reference: Member
    members: tuple[Member, ...]


def _resolve(ctx: CheckContext, name: str) -> tuple[str, Value] | None:
    """The variable that stands for ``name``: itself, else the first set of its spec's
    name and aliases (the way require/forbid rules read names)."""
    if ctx.is_set(name):
        return name, ctx.values[name]
    spec = ctx.schema.variables.get(name) or ctx.schema.aliases.get(name)
    if spec is not None:
        for other in (spec.name, *spec.aliases):
            if ctx.is_set(other):
                return other, ctx.values[other]
    return None


def _expected_mode(ctx: CheckContext) -> str:
    return "live" if ctx.environment.production else "test"


def evaluate(ctx: CheckContext) -> Iterator[Disagreement]:
    """Every disagreement of every applicable ``consistent`` rule."""
    for rule in ctx.schema.rules:
        if rule.kind != "consistent" or rule.by not in COMPARATORS or not rule_applies(ctx, rule):
            continue
        compare = COMPARATORS[rule.by]
        members: list[Member] = []
        seen: set[str] = set()
        for name in rule.variables:
            found = _resolve(ctx, name)
            if found is None or found[0] in seen:
                continue
            actual, value = found
            seen.add(actual)
            if ctx.placeholder(actual) is not None or "${" in value.value:
                continue
            key = compare(value.value)
            if key is not None:
                members.append(Member(actual, value, key))
        keys = Counter(m.key for m in members)
        if len(keys) < 2:
            continue
        ranked = keys.most_common()
        if ranked[0][1] > ranked[1][1]:
            reference_key = ranked[0][0]
        elif rule.by == "mode" and _expected_mode(ctx) in keys:
            reference_key = _expected_mode(ctx)
        else:
            reference_key = members[0].key
        reference = next(m for m in members if m.key == reference_key)
        for m in members:
            if m.key != reference_key:
                yield Disagreement(rule, m, reference, tuple(members))
