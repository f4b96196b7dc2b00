"""EG1xx: values against the schema: presence, types, formats, cross-variable rules, drift."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from envguard.core.findings import Finding, Location, Severity
from envguard.core.mask import a, describe
from envguard.knowledge import providers
from envguard.rules.base import Rule
from envguard.rules.strength import opaque
from envguard.schema.model import Condition, CrossRule, VarSpec, public_prefix
from envguard.schema.types import Problem, validate

if TYPE_CHECKING:
    from envguard.project.context import CheckContext, Value


class MissingRequired(Rule):
    """What it checks
    Variables the schema marks ``required`` (for the current environment) that are not
    set, or set to an empty string. Required-ness applies to groups the project lists in
    ``use:`` and to the project's own variables; groups inferred from names are checked by
    their conditional rules instead (EG110). With no env file at all and no
    ``--from-environ`` (a fresh clone, a CI job without secrets) there is nothing to hold
    against the schema and the rule is silent; the output notes that only the example was
    checked.

    Why it matters
    The app boots, then fails on the first request that needs the value, in production.

    Example that fails
    ```
    # envguard.yaml: use: [stripe]   and   envguard check -e production
    STRIPE_PUBLISHABLE_KEY=pk_live_...
    ```

    Example that passes
    ```
    STRIPE_SECRET_KEY=<the live secret key>
    STRIPE_PUBLISHABLE_KEY=<the live publishable key>
    ```

    Options
    ``required: true | [production, staging] | {production: true, test: false}`` on the
    variable; a ``default`` satisfies it.
    """

    code = "EG101"
    name = "missing-required"
    summary = "A required variable is not set or is empty."


class InvalidType(Rule):
    """What it checks
    Values that are not of the declared type: ``int``, ``float``, ``bool`` (true/false,
    1/0, yes/no, on/off; ``ture`` is an error), ``port``, ``host``, ``email``,
    ``duration`` (``15m``, ``1h``, seconds), ``json``, ``list``, ``path``, ``regex``,
    ``uuid``.

    Why it matters
    ``Number("15 min")`` is NaN and ``bool("false")`` is ``True``: type errors in config
    become behaviour nobody asked for.

    Example that fails
    ```
    DEBUG=ture
    HASH_SALT_ROUNDS=twelve
    ```

    Example that passes
    ```
    DEBUG=false
    HASH_SALT_ROUNDS=12
    ```

    Options
    ``type`` on the variable; ``items`` and ``separator`` for lists.
    """

    code = "EG102"
    name = "invalid-type"
    summary = "A value that is not of the declared type."


class InvalidUrl(Rule):
    """What it checks
    URL-typed values that do not parse, lack a host, or use a scheme the schema does not
    allow (``DATABASE_URL`` must be a database scheme, ``REDIS_URL`` ``redis://`` or
    ``rediss://``).

    Why it matters
    A malformed connection string fails at the first connection, not at deploy time.

    Example that fails
    ```
    REDIS_URL=https://cache.example.com:6379
    ```

    Example that passes
    ```
    REDIS_URL=rediss://default:secret@cache.example.com:6380
    ```

    Options
    ``schemes: [redis, rediss]`` on the variable.
    """

    code = "EG103"
    name = "invalid-url"
    summary = "A URL that does not parse or has a scheme the schema does not allow."


class InsecureUrl(Rule):
    """What it checks
    In deployed environments (staging, preview, production): ``http://`` or ``ws://`` for a
    public host, and URLs pointing to localhost. Internal hosts (service names without a
    dot, private addresses, ``.internal``) may use plain http.

    Why it matters
    Cookies, tokens and webhooks travel in clear text; a localhost URL in production means
    the real endpoint was never configured.

    Example that fails
    ```
    # envguard check -e production
    NEXTAUTH_URL=http://www.example.com
    ```

    Example that passes
    ```
    NEXTAUTH_URL=https://www.example.com
    ```

    Options
    ``https: false`` or ``allow_localhost: true`` on the variable.
    """

    code = "EG104"
    name = "insecure-url"
    summary = "An http:// or localhost URL in a deployed environment."


class InvalidChoice(Rule):
    """What it checks
    Values outside the variable's ``choices`` (enums such as ``NODE_ENV``, ``LOG_LEVEL``),
    including choices narrowed per environment (``DEBUG`` must be false in production).

    Why it matters
    Unknown values fall through to defaults silently: ``LOG_LEVEL=warnings`` logs
    nothing special and nobody notices.

    Example that fails
    ```
    LOG_LEVEL=verbose
    ```

    Example that passes
    ```
    LOG_LEVEL=info
    ```

    Options
    ``choices: [...]``, ``case_sensitive: false``.
    """

    code = "EG105"
    name = "invalid-choice"
    summary = "A value that is not one of the allowed choices."


class OutOfRange(Rule):
    """What it checks
    Numbers and durations outside ``min``/``max``, and strings outside
    ``min_length``/``max_length``.

    Why it matters
    A port of 70000 or a token lifetime of 30 days passes type checks and still breaks
    the app or its security model.

    Example that fails
    ```
    PLATFORM_COMMISSION_PERCENTAGE=120
    ```

    Example that passes
    ```
    PLATFORM_COMMISSION_PERCENTAGE=20
    ```

    Options
    ``min``, ``max`` (numbers or durations like ``15m``), ``min_length``, ``max_length``.
    """

    code = "EG106"
    name = "out-of-range"
    summary = "A number, duration or length outside its allowed range."


class PatternMismatch(Rule):
    """What it checks
    Values that do not fully match the variable's ``pattern`` (a regular expression).

    Why it matters
    Identifiers such as Stripe price IDs or Cloudflare zone IDs have fixed shapes; a value
    of another shape is a copy-paste from the wrong field.

    Example that fails
    ```
    STRIPE_PRICE_ID=prod_abc123
    ```

    Example that passes
    ```
    STRIPE_PRICE_ID=price_1PqRsTuVwXyZ
    ```

    Options
    ``pattern`` on the variable (matched against the whole value).
    """

    code = "EG107"
    name = "pattern-mismatch"
    summary = "A value that does not match the declared pattern."


class InvalidFormat(Rule):
    """What it checks
    Values that do not have the documented shape of their provider format (Stripe
    ``sk_``/``pk_``/``whsec_``, Sentry DSN parts, ``AKIA`` key IDs, ``SG.x.y``, ``re_``,
    ``phc_``, ``signkey-``, Google ``.apps.googleusercontent.com``/``GOCSPX-``, ...),
    including a key of another provider pasted into the variable, and deeper checks
    (GitHub token checksum, Supabase JWT role, Fernet key length).

    Why it matters
    The provider rejects the key at the first API call, usually in production, usually in
    a webhook nobody watches.

    Example that fails
    ```
    SENDGRID_API_KEY=re_...   (a Resend key)
    ```

    Example that passes
    ```
    SENDGRID_API_KEY=SG.<22 chars>.<43 chars>
    ```

    Options
    ``type: <format>`` or ``format: <format>`` on the variable; ``envguard schema formats``
    lists them.
    """

    code = "EG108"
    name = "invalid-format"
    summary = "A value without the documented shape of its provider's key or ID."


class DeprecatedVariable(Rule):
    """What it checks
    Variables the schema marks ``deprecated``.

    Why it matters
    Libraries drop old names (NextAuth v4 to Auth.js v5); the app silently falls back to
    defaults when they do.

    Example that fails
    ```
    SENTRY_DSN_SECRET=...
    ```

    Example that passes
    ```
    SENTRY_DSN=https://<key>@o0.ingest.sentry.io/1
    ```

    Options
    ``deprecated: "<why>"`` and ``replaced_by: NEW_NAME`` on the variable.
    """

    code = "EG109"
    name = "deprecated-variable"
    summary = "A variable the schema marks as deprecated."
    severity = Severity.WARNING


class CrossVariable(Rule):
    """What it checks
    Declarative rules across variables: ``require`` (these must be set when a condition
    holds), ``forbid`` (must not be set), ``one_of`` (at least one set), each optionally
    limited to some environments.

    Why it matters
    Half-configured integrations fail at runtime: an S3 access key without its secret, a
    Stripe secret key without the webhook secret, NextAuth without any secret in
    production.

    Example that fails
    ```
    # envguard check -e production
    NEXTAUTH_URL=https://app.example.com
    ```

    Example that passes
    ```
    NEXTAUTH_URL=https://app.example.com
    NEXTAUTH_SECRET=<32 random bytes, base64>
    ```

    Options
    ``rules:`` in a schema group or envguard.yaml, see docs/schema.md.
    """

    code = "EG110"
    name = "cross-variable"
    summary = "A cross-variable rule (require, forbid, one_of) is violated."


class NotInExample(Rule):
    """What it checks
    Keys set in an env file that the example file (``.env.example``, ``.env.sample``,
    ``.env.template``, ...) neither lists nor mentions in a comment.

    Why it matters
    The next developer (or the deploy job) does not know the variable exists.

    Example that fails
    ```
    # .env
    RESEND_API_KEY=re_...
    # .env.example has no RESEND_API_KEY
    ```

    Example that passes
    ```
    # .env.example
    RESEND_API_KEY=
    ```

    Options
    ``example: path`` (or ``example: false``) in envguard.yaml.
    """

    code = "EG111"
    name = "not-in-example"
    summary = "A key set in an env file but missing from the example file."
    severity = Severity.WARNING


class MissingFromEnv(Rule):
    """What it checks
    Keys the example file lists that no loaded env file (or, with ``--from-environ``, the
    process environment) sets.

    Why it matters
    Drift between the template and the real configuration is how a key goes missing in
    one environment.

    Example that fails
    ```
    # .env.example
    SENTRY_DSN=
    # .env has no SENTRY_DSN
    ```

    Example that passes
    ```
    # .env
    SENTRY_DSN=https://<key>@o0.ingest.sentry.io/1
    ```

    Options
    None; mark a key optional by leaving it commented out in the example.
    """

    code = "EG112"
    name = "missing-from-env"
    summary = "A key listed in the example file that no env file sets."
    severity = Severity.WARNING


class PossibleTypo(Rule):
    """What it checks
    Keys that no schema knows but that are one or two edits away from a known variable
    (from the active groups or the example file) which is itself not set.

    Why it matters
    ``STRIPE_SECRET_KYE`` is set and ``STRIPE_SECRET_KEY`` is missing: the most common way
    a present key is missing.

    Example that fails
    ```
    STRIPE_SECRET_KYE=sk_live_...
    ```

    Example that passes
    ```
    STRIPE_SECRET_KEY=sk_live_...
    ```

    Options
    None.
    """

    code = "EG113"
    name = "possible-typo"
    summary = "An unknown key that looks like a misspelt known variable."
    severity = Severity.WARNING


class UnknownVariable(Rule):
    """What it checks
    Keys in env files that no schema declares and the example does not list. Off unless
    ``unknown: warning`` (or ``info``/``error``) is set in envguard.yaml, for projects that
    declare every variable.

    Why it matters
    In a fully declared project an undeclared key is a leftover or a typo.

    Example that fails
    ```
    # envguard.yaml: unknown: error
    LEGACY_FLAG=1
    ```

    Example that passes
    ```
    # envguard.yaml: variables: {LEGACY_FLAG: {type: bool}}
    LEGACY_FLAG=1
    ```

    Options
    ``unknown: ignore | info | warning | error`` in envguard.yaml.
    """

    code = "EG114"
    name = "unknown-variable"
    summary = "A key no schema declares (when the project asks for full declaration)."
    severity = Severity.WARNING


class UnknownEnvironment(Rule):
    """What it checks
    An environment name that is neither built in (development, test, staging, preview,
    production and their usual aliases) nor declared under ``environments:``.

    Why it matters
    ``-e prodution`` silently checks nothing production-specific.

    Example that fails
    ```
    envguard check -e prodution
    ```

    Example that passes
    ```
    envguard check -e production
    ```

    Options
    Declare custom environments under ``environments:`` with ``like: production``.
    """

    code = "EG115"
    name = "unknown-environment"
    summary = "An environment name envguard does not know."
    severity = Severity.WARNING


class MisspeltBoolean(Rule):
    """What it checks
    A value one slip away from ``true`` or ``false`` (``ture``, ``flase``, ``treu``,
    ``fasle``, ``truee``) in any variable, declared or not. Variables declared as ``bool``
    get EG102 instead, and secrets are left alone.

    Why it matters
    No loader reads ``ture`` as true: django-environ and most ``=== "true"`` checks read
    it as false, strict ones refuse to start. ``DEBUG=ture`` leaves debugging off in
    development; ``SEND_EMAILS=ture`` ships with e-mail switched off.

    Example that fails
    ```
    TYPEORM_LOGGING=ture
    ```

    Example that passes
    ```
    TYPEORM_LOGGING=true
    ```

    Options
    None.
    """

    code = "EG116"
    name = "misspelt-boolean"
    summary = "A value that is a misspelling of true or false."
    severity = Severity.WARNING


RULES: tuple[type[Rule], ...] = (
    MissingRequired, InvalidType, InvalidUrl, InsecureUrl, InvalidChoice, OutOfRange,
    PatternMismatch, InvalidFormat, DeprecatedVariable, CrossVariable, NotInExample,
    MissingFromEnv, PossibleTypo, UnknownVariable, UnknownEnvironment, MisspeltBoolean,
)  # fmt: skip

_KIND_RULE: dict[str, type[Rule]] = {
    "type": InvalidType,
    "url": InvalidUrl,
    "insecure-url": InsecureUrl,
    "choice": InvalidChoice,
    "range": OutOfRange,
    "pattern": PatternMismatch,
    "format": InvalidFormat,
    "format-warning": InvalidFormat,
}


# --- helpers --------------------------------------------------------------------------


def _names_for(ctx: CheckContext, name: str) -> tuple[str, ...]:
    """The name and its aliases: setting an alias satisfies the variable."""
    spec = ctx.schema.variables.get(name) or ctx.schema.aliases.get(name)
    if spec is None:
        return (name,)
    return (spec.name, *spec.aliases)


def _first_set(ctx: CheckContext, name: str) -> str | None:
    return next((n for n in _names_for(ctx, name) if ctx.is_set(n)), None)


def _where_set(ctx: CheckContext, name: str) -> str:
    return "in the environment" if ctx.from_environ else "in any env file"


def condition_holds(ctx: CheckContext, cond: Condition) -> bool:
    """A ``when:``/``unless:`` condition of a cross rule. The variable counts as set under
    any of its names (aliases); ``true``/``false`` compare case-insensitively, as booleans."""
    present = _first_set(ctx, cond.variable)
    if cond.values is None:
        result = present is not None
    else:
        value = (ctx.get(present) or "").strip() if present else None
        result = value is not None and (
            value in cond.values or (value.lower() in ("true", "false") and value.lower() in cond.values)
        )
    return not result if cond.negate else result


def rule_applies(ctx: CheckContext, rule: CrossRule) -> bool:
    """The rule's environments include this run's, and all its conditions hold. Shared by
    these rules and the ``consistent`` rules of the mismatch family."""
    if rule.environments is not None:
        env = ctx.environment
        if env.name not in rule.environments and not any(like in rule.environments for like in env.like):
            return False
    return all(condition_holds(ctx, c) for c in rule.when)


def _describe_condition(cond: Condition) -> str:
    if cond.values is None:
        return f"{cond.variable} is {'not ' if cond.negate else ''}set"
    shown = " or ".join(cond.values)
    return f"{cond.variable} is {'not ' if cond.negate else ''}{shown}"


# --- checks ---------------------------------------------------------------------------


def check_required(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.files and not ctx.from_environ:
        # A fresh clone or a CI job without secrets has only the example: every required
        # key would be "missing", which says nothing (build_context notes the case).
        return
    env = ctx.environment
    for spec in ctx.schema.variables.values():
        if not ctx.schema.is_explicit(spec) or not spec.required.applies(env.name, env.like):
            continue
        if spec.default is not None or _first_set(ctx, spec.name) is not None:
            continue
        present_empty = any(n in ctx.values for n in _names_for(ctx, spec.name))
        what = "is empty" if present_empty else f"is not set {_where_set(ctx, spec.name)}"
        value = next((ctx.values[n] for n in _names_for(ctx, spec.name) if n in ctx.values), None)
        related: tuple[Location, ...] = ()
        if ctx.example is not None:
            entry = ctx.example.mapping().get(spec.name)
            if entry is not None:
                related = (Location(ctx.example.display, entry.line, note="listed in the example"),)
        hint = f"set {spec.name}"
        if spec.description:
            hint += f" ({spec.description.rstrip('.')})"
        if spec.docs:
            hint += f"; see {spec.docs}"
        yield MissingRequired.finding(
            f"{spec.name} is required in {env.name} but {what}",
            **ctx.at(value),
            variable=spec.name,
            hint=hint,
            related=related,
        )


def _validation_problems(ctx: CheckContext, spec: VarSpec, value: str) -> list[Problem]:
    env = ctx.environment
    return validate(spec, value, deployed=env.deployed, production=env.production)


def _is_public(ctx: CheckContext, name: str, spec: VarSpec) -> bool:
    return spec.exposure == "public" or public_prefix(name) is not None


def check_values(ctx: CheckContext) -> Iterator[Finding]:
    for name, v in ctx.values.items():
        found = ctx.lookup(name)
        if found is None:
            continue
        spec = found.spec
        if found.via == "public-prefix" and spec.secret:
            # A server secret under NEXT_PUBLIC_: the exposure rules report it (EG3xx).
            continue
        if not v.value.strip() or ctx.placeholder(name) is not None or opaque(v.value):
            continue  # empty: EG101's business; placeholder: EG2xx; a reference: unknowable here
        if spec.deprecated and name == spec.name:
            hint = f"use {spec.replaced_by} instead" if spec.replaced_by else None
            yield DeprecatedVariable.finding(
                f"{name} is deprecated: {spec.deprecated}", **ctx.at(v), variable=name, hint=hint
            )
        yield from _value_findings(ctx, name, v, spec)


def _value_findings(ctx: CheckContext, name: str, v: Value, spec: VarSpec) -> Iterator[Finding]:
    problems = _validation_problems(ctx, spec, v.value)
    format_reported = False
    for p in problems:
        rule = _KIND_RULE.get(p.kind, InvalidType)
        severity: Severity | None = None
        message = f"{name} {p.message}"
        hint = p.hint
        if p.kind == "format-warning":
            severity = Severity.WARNING
        elif p.kind == "format":
            if format_reported:
                continue
            format_reported = True
            other = _other_provider(v.value, spec)
            if other is not None and _is_public(ctx, name, spec) and other.secret:
                continue  # a secret in a public variable: EG3xx reports it, more severely
            expected = providers.FORMATS[spec.format].title if spec.format else "the expected format"
            if other is not None:
                message = f"{name} holds what looks like {a(other.title)}, {describe(v.value)}, not {a(expected)}"
                hint = f"paste the {expected} here; if the {other.title} is needed, give it its own variable"
            else:
                message = f"{name} {p.message} {describe(v.value)}"
        elif p.kind == "insecure-url":
            severity = Severity.ERROR if ctx.environment.production else Severity.WARNING
        elif p.kind == "choice" and spec.option("advisory_choices", False):
            severity = Severity.WARNING
        yield rule.finding(message, **ctx.at(v), variable=name, hint=hint, severity=severity)


def _other_provider(value: str, spec: VarSpec) -> providers.ProviderFormat | None:
    """The provider format a value belongs to, when it is not the expected one."""
    for fmt in providers.identify(value.strip()):
        if spec.format is not None and fmt.name == spec.format:
            return None
        if (
            spec.format is not None
            and fmt.provider == providers.FORMATS[spec.format].provider
            and fmt.secret == providers.FORMATS[spec.format].secret
        ):
            continue
        return fmt
    return None


def check_cross_rules(ctx: CheckContext) -> Iterator[Finding]:
    for rule in ctx.schema.rules:
        if rule.kind == "consistent" or not rule_applies(ctx, rule):
            continue
        yield from _cross_findings(ctx, rule)


def _cross_findings(ctx: CheckContext, rule: CrossRule) -> Iterator[Finding]:
    severity = Severity.parse(rule.severity) if rule.severity else None
    evidence = next(
        (ctx.values[n] for c in rule.when if not c.negate for n in _names_for(ctx, c.variable) if n in ctx.values),
        None,
    )
    because = " and ".join(_describe_condition(c) for c in rule.when)
    env_note = f" in {ctx.environment.name}" if rule.environments else ""
    # Built-in rules come from the compiled catalog, which keeps no line marks: they live
    # in envguard's package, not in the user's repository, so only rules from the
    # project's own files get a location to jump to.
    related = (
        (Location(rule.mark.path, rule.mark.line, note="the rule"),)
        if rule.mark is not None and rule.mark.line is not None
        else ()
    )
    if rule.kind == "require":
        for name in rule.variables:
            if _first_set(ctx, name) is not None:
                continue
            message = rule.message or f"{name} is required{env_note}" + (f" when {because}" if because else "")
            yield CrossVariable.finding(
                message,
                **ctx.at(evidence),
                variable=name,
                hint=rule.hint or f"set {name}",
                severity=severity,
                related=related,
            )
    elif rule.kind == "forbid":
        for name in rule.variables:
            present = _first_set(ctx, name)
            if present is None:
                continue
            message = rule.message or f"{present} must not be set{env_note}" + (f" when {because}" if because else "")
            yield CrossVariable.finding(
                message,
                **ctx.at(ctx.values[present]),
                variable=present,
                hint=rule.hint or f"remove {present}",
                severity=severity,
                related=related,
            )
    elif rule.kind == "one_of":
        if any(_first_set(ctx, name) is not None for name in rule.variables):
            return
        names = ", ".join(rule.variables)
        message = rule.message or f"one of {names} must be set{env_note}" + (f" when {because}" if because else "")
        yield CrossVariable.finding(
            message,
            **ctx.at(evidence),
            variable=rule.variables[0],
            hint=rule.hint or f"set one of {names}",
            severity=severity,
            related=related,
        )


def check_example_drift(ctx: CheckContext) -> Iterator[Finding]:
    example = ctx.example
    if example is None or (not ctx.files and not ctx.from_environ):
        return
    documented = set(example.keys()) | set(example.commented_keys)
    for name, v in ctx.file_values().items():
        if name not in documented:
            yield NotInExample.finding(
                f"{name} is set in {v.source} but not documented in {example.display}",
                **ctx.at(v),
                variable=name,
                hint=f"add `{name}=` (no value) to {example.display}",
            )
    sources = "the environment" if ctx.from_environ else ", ".join(f.display for f in ctx.files)
    for entry in example.entries:
        if entry.key in ctx.values:
            continue
        yield MissingFromEnv.finding(
            f"{entry.key} is listed in {example.display} but not set in {sources}",
            path=example.display,
            line=entry.line,
            column=entry.column,
            variable=entry.key,
            hint=f"set {entry.key}, or comment it out in {example.display} if it is optional",
        )


def _edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein (optimal string alignment): a swapped pair is one typo."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def looks_like_typo(name: str, known: str) -> bool:
    """A slip of the fingers, not a different variable: the same words with one of them
    mistyped (``STRIPE_SECRET_KYE``, ``DATABSE_URL``, ``SENTRY_DNS``). A missing or extra
    word (``BUCKET_NAME`` vs ``S3_BUCKET_NAME``) or another short word (``REDIS_TTL`` vs
    ``REDIS_TLS``, ``URL`` vs ``URI``) makes a different name."""
    words, known_words = name.split("_"), known.split("_")
    if len(words) != len(known_words):
        return False
    changed = [(w, k) for w, k in zip(words, known_words, strict=True) if w != k]
    if len(changed) != 1:
        return False
    word, target = changed[0]
    if min(len(word), len(target)) < 4:
        return _is_transposition(word, target)
    distance = _edit_distance(word, target)
    return distance == 1 or (distance == 2 and len(word) == len(target) >= 8)


def _is_transposition(a: str, b: str) -> bool:
    """``a`` is ``b`` with two adjacent characters swapped."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def check_unknown(ctx: CheckContext) -> Iterator[Finding]:
    documented: set[str] = set()
    if ctx.example is not None:
        documented = set(ctx.example.keys()) | set(ctx.example.commented_keys)
    mode = ctx.config.unknown
    candidates: list[str] | None = None
    for name, v in ctx.file_values().items():
        if ctx.lookup(name) is not None or name in documented:
            continue
        if candidates is None:
            # Suggest only names whose variable is not set under any of its names.
            unset = [s for s in ctx.schema.variables.values() if _first_set(ctx, s.name) is None]
            candidates = sorted({n for s in unset for n in (s.name, *s.aliases)} | (documented - set(ctx.values)))
        close = [k for k in candidates if looks_like_typo(name, k)]
        if close:
            yield PossibleTypo.finding(
                f"{name} is not a known variable; did you mean {close[0]}?",
                **ctx.at(v),
                variable=name,
                hint=f"rename it to {close[0]} ({close[0]} is not set)",
            )
        elif mode != "ignore":
            yield UnknownVariable.finding(
                f"{name} is not declared in any schema",
                **ctx.at(v),
                variable=name,
                hint="declare it under `variables:` in envguard.yaml",
                severity=Severity.parse(mode),
            )


def check_environment(ctx: CheckContext) -> Iterator[Finding]:
    from envguard.config import KNOWN_ENVIRONMENTS

    name = ctx.environment.name
    if name in KNOWN_ENVIRONMENTS or name in ctx.config.environments:
        return
    import difflib

    close = difflib.get_close_matches(name, [*KNOWN_ENVIRONMENTS, *ctx.config.environments], n=1)
    hint = (
        f"did you mean {close[0]}?"
        if close
        else "declare it under `environments:` in envguard.yaml (with `like: production` if it is production-like)"
    )
    yield UnknownEnvironment.finding(f"environment {name!r} (from {ctx.environment.source}) is not known", hint=hint)


def _slips(word: str) -> set[str]:
    """``word`` with two neighbours swapped, a letter after the first dropped, or a letter
    doubled: the typos of a word typed from memory."""
    out = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    out |= {word[:i] + word[i + 1 :] for i in range(1, len(word))}
    out |= {word[: i + 1] + word[i:] for i in range(len(word))}
    return out - {word}


# "tue" is a weekday (cron fields, opening hours) and "tre" a word, not typos.
_BOOLEAN_SLIPS = {s: w for w in ("true", "false") for s in _slips(w) if s not in ("tue", "tre")}


def check_misspelt_booleans(ctx: CheckContext) -> Iterator[Finding]:
    for name, v in ctx.values.items():
        meant = _BOOLEAN_SLIPS.get(v.value.strip().lower())
        if meant is None:
            continue
        spec = ctx.spec(name)
        if spec is not None and (spec.secret or spec.type == "bool" or v.value.strip() in (spec.choices or ())):
            continue  # bool: EG102 says it; a secret is not read as a switch
        yield MisspeltBoolean.finding(
            f"{name} looks like a misspelt {meant}: "
            + (
                "most loaders read it as false, strict ones refuse it"
                if meant == "true"
                else "strict loaders refuse it"
            ),
            **ctx.at(v),
            variable=name,
            hint=f"write {meant}",
        )


CHECKS = (
    check_required,
    check_values,
    check_cross_rules,
    check_example_drift,
    check_unknown,
    check_environment,
    check_misspelt_booleans,
)

# What envguard.load() runs at app start: checks that need the repository (example files,
# git, other environments' files, package.json, compose) stay out of it.
RUNTIME_CHECKS = (
    check_required,
    check_values,
    check_cross_rules,
    check_unknown,
    check_environment,
    check_misspelt_booleans,
)
