"""Turning schema YAML (already parsed) into the model, with strict validation.

Unknown keys, wrong types and bad values are :class:`ConfigError` naming file and line.
The same code reads user files (marked YAML) and the compiled built-in catalog (plain
JSON data, no line marks).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from envguard.core.errors import ConfigError
from envguard.knowledge import providers
from envguard.schema.model import (
    BASE_TYPES,
    Condition,
    CrossRule,
    Group,
    Mark,
    PatternSpec,
    Required,
    VarSpec,
    normalise_environment,
)
from envguard.sources.yamlmarks import line_of

_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_GLOB_RE = re.compile(r"^[A-Za-z0-9_.*?\[\]-]+$")
_GROUP_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

ENCODINGS = ("base64", "base64url", "hex", "ascii", "any")
KEY_KINDS = (
    "fernet", "aes-128", "aes-256", "hmac-sha256", "jwt-hs256", "jwt-hs384", "jwt-hs512",
    "pem-private-key", "pem-public-key", "rsa-private-key", "ec-private-key",
    "bcrypt-cost",
)  # fmt: skip
EXPOSURES = ("server", "public")
CROSS_KINDS = ("require", "forbid", "one_of", "consistent")
COMPARATORS = (
    "value", "mode", "origin", "host", "sentry-project", "supabase-ref", "aws-region",
)  # fmt: skip
SEVERITIES = ("error", "warning", "info")

# Rule-specific options a variable may carry, with their types. Rule families that read
# an option declare it here so that typos in a schema are errors, not silent no-ops.
OPTION_TYPES: dict[str, type | tuple[type, ...]] = {
    "allow_reuse": bool,  # EG2xx: this secret may equal another one
    "allow_placeholder": bool,  # EG202: a placeholder is acceptable here
    "allow_test_keys": bool,  # test-mode provider keys are fine even in production
    "allow_relative": bool,  # EG103: a root-relative path (/api) is a valid URL here
    "advisory_choices": bool,  # EG105: a value outside the choices is a warning, not an error
    "pattern_message": str,  # EG107: what a value outside the pattern means, instead of the regex
    "private_key_encrypted": bool,  # PEM private keys must be encrypted
    "curves": list,  # accepted EC curves
    "min_rsa_bits": int,
    "bcrypt_min": int,
    "bcrypt_max": int,
}


class _Ctx:
    """Where we are: the file and the data, for error messages."""

    def __init__(self, display: str, *, checked: bool = False) -> None:
        self.display = display
        # The built-in catalog was validated when _catalog.json was compiled (and by the
        # tests); recompiling its ~100 patterns would cost every app start a few ms.
        self.checked = checked

    def error(self, message: str, obj: Any = None, key: str | int | None = None) -> ConfigError:
        return ConfigError(message, path=self.display, line=line_of(obj, key))

    def mark(self, obj: Any, key: str | int | None = None) -> Mark:
        return Mark(self.display, line_of(obj, key))


def _expect_mapping(
    ctx: _Ctx, obj: Any, what: str, parent: Any = None, key: str | int | None = None
) -> Mapping[str, Any]:
    if not isinstance(obj, Mapping):
        raise ctx.error(f"{what} must be a mapping", parent if parent is not None else obj, key)
    return obj


def _check_keys(ctx: _Ctx, data: Mapping[str, Any], allowed: Sequence[str], what: str) -> None:
    for key in data:
        if key not in allowed:
            import difflib

            close = difflib.get_close_matches(str(key), allowed, n=1)
            extra = f" (did you mean {close[0]!r}?)" if close else ""
            raise ctx.error(f"unknown key {key!r} in {what}{extra}", data, key)


def _str(ctx: _Ctx, data: Mapping[str, Any], key: str, what: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ctx.error(f"{what}: {key!r} must be a string", data, key)
    return str(value)


def _bool(ctx: _Ctx, data: Mapping[str, Any], key: str, what: str) -> bool | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, bool):
        raise ctx.error(f"{what}: {key!r} must be true or false", data, key)
    return value


def _num(ctx: _Ctx, data: Mapping[str, Any], key: str, what: str, *, integer: bool = False) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ctx.error(f"{what}: {key!r} must be a number", data, key)
    if integer and not float(value).is_integer():
        raise ctx.error(f"{what}: {key!r} must be a whole number", data, key)
    return float(value)


def _str_list(ctx: _Ctx, data: Mapping[str, Any], key: str, what: str) -> tuple[str, ...] | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        raise ctx.error(f"{what}: {key!r} must be a list", data, key)
    out = []
    for i, item in enumerate(value):
        if isinstance(item, bool):
            out.append("true" if item else "false")
        elif isinstance(item, (str, int, float)):
            out.append(str(item))
        else:
            raise ctx.error(f"{what}: items of {key!r} must be strings", value, i)
    return tuple(out)


def _duration_or_number(ctx: _Ctx, data: Mapping[str, Any], key: str, what: str) -> float | None:
    value = data.get(key)
    if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return None if value is None else float(value)
    if isinstance(value, str):
        from envguard.schema.types import parse_duration

        seconds = parse_duration(value)
        if seconds is not None:
            return seconds
    raise ctx.error(f"{what}: {key!r} must be a number or a duration like 15m", data, key)


def parse_required(ctx: _Ctx, data: Mapping[str, Any], what: str) -> Required:
    value = data.get("required")
    if value is None:
        return Required()
    if isinstance(value, bool):
        return Required(default=value)
    if isinstance(value, list):
        names = _str_list(ctx, data, "required", what) or ()
        return Required(default=False, per_env=tuple((normalise_environment(n), True) for n in names))
    if isinstance(value, Mapping):
        pairs = []
        for env, flag in value.items():
            if not isinstance(flag, bool):
                raise ctx.error(f"{what}: required.{env} must be true or false", value, env)
            pairs.append((normalise_environment(str(env)), flag))
        return Required(default=False, per_env=tuple(pairs))
    raise ctx.error(
        f"{what}: 'required' must be true/false, a list of environments or a mapping",
        data,
        "required",
    )


VAR_KEYS = (
    "type", "format", "secret", "exposure", "required", "default", "description", "docs",
    "example", "choices", "case_sensitive", "pattern", "min", "max", "min_length",
    "max_length", "schemes", "https", "allow_localhost", "separator", "items", "encoding",
    "min_bits", "key", "deprecated", "replaced_by", "aliases", "mode", "options",
)  # fmt: skip

# Keys an environment overlay may change (not the identity of the variable).
OVERLAY_KEYS = tuple(
    k for k in VAR_KEYS if k not in ("aliases", "type", "format", "secret", "description", "docs", "example")
)


def parse_var(ctx: _Ctx, name: str, data: Any, group: str, parent: Any = None) -> VarSpec:
    what = f"variable {name}"
    if data is None:
        data = {}
    if isinstance(data, str):
        data = {"type": data}
    data = _expect_mapping(ctx, data, what, parent, name)
    _check_keys(ctx, data, VAR_KEYS, what)
    fields = _var_fields(ctx, data, what, overlay=False)
    spec = VarSpec(
        name=name,
        group=group,
        mark=ctx.mark(parent, name) if parent is not None else ctx.mark(data),
        **fields,
    )
    _check_spec(ctx, spec, data, what)
    return spec


def parse_overlay(ctx: _Ctx, name: str, data: Any, parent: Any) -> dict[str, Any]:
    what = f"environment overlay for {name}"
    data = _expect_mapping(ctx, data, what, parent, name)
    _check_keys(ctx, data, OVERLAY_KEYS, what)
    out = _var_fields(ctx, data, what, overlay=True)
    if isinstance(out.get("pattern"), str) and not ctx.checked:
        _check_pattern(ctx, out["pattern"], data, what)
    return out


def _var_fields(ctx: _Ctx, data: Mapping[str, Any], what: str, *, overlay: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    type_ = _str(ctx, data, "type", what)
    fmt = _str(ctx, data, "format", what)
    if type_ is not None and type_ not in BASE_TYPES:
        if type_ in providers.FORMATS:
            fmt = fmt or type_
            type_ = "secret" if providers.FORMATS[type_].secret else "string"
        else:
            import difflib

            options = list(BASE_TYPES) + list(providers.FORMATS)
            close = difflib.get_close_matches(type_, options, n=1)
            extra = f" (did you mean {close[0]!r}?)" if close else ""
            raise ctx.error(f"{what}: unknown type {type_!r}{extra}", data, "type")
    if fmt is not None and fmt not in providers.FORMATS:
        raise ctx.error(f"{what}: unknown format {fmt!r}", data, "format")
    if type_ is not None:
        out["type"] = type_
    if fmt is not None:
        out["format"] = fmt
    secret = _bool(ctx, data, "secret", what)
    if secret is None and not overlay:
        secret = type_ == "secret" or (fmt is not None and providers.FORMATS[fmt].secret)
    if secret is not None:
        out["secret"] = secret
    exposure = _str(ctx, data, "exposure", what)
    if exposure is not None and exposure not in EXPOSURES:
        raise ctx.error(f"{what}: exposure must be one of {', '.join(EXPOSURES)}", data, "exposure")
    if exposure is None and not overlay and secret:
        exposure = "server"
    if exposure is not None:
        out["exposure"] = exposure
    if "required" in data:
        out["required"] = parse_required(ctx, data, what)
    for key in ("default", "description", "docs", "example", "pattern", "replaced_by", "mode"):
        value = _str(ctx, data, key, what)
        if value is not None:
            out[key] = value
    if "deprecated" in data:
        dep = data["deprecated"]
        if isinstance(dep, bool):
            if dep:
                out["deprecated"] = "deprecated"
        elif isinstance(dep, str):
            out["deprecated"] = dep
        else:
            raise ctx.error(f"{what}: 'deprecated' must be true or a message", data, "deprecated")
    choices = _str_list(ctx, data, "choices", what)
    if choices is not None:
        out["choices"] = choices
    for key in ("case_sensitive", "https", "allow_localhost"):
        flag = _bool(ctx, data, key, what)
        if flag is not None:
            out[key] = flag
    for key in ("min", "max"):
        # Overlays do not know the base type: a string limit (`max: 1d`) is a duration.
        durations = (type_ or "") == "duration" or isinstance(data.get(key), str)
        num = _duration_or_number(ctx, data, key, what) if durations else _num(ctx, data, key, what)
        if num is not None:
            out[key] = num
    for key in ("min_length", "max_length", "min_bits"):
        num = _num(ctx, data, key, what, integer=True)
        if num is not None:
            if num < 0:
                raise ctx.error(f"{what}: {key!r} must not be negative", data, key)
            out[key] = int(num)
    schemes = _str_list(ctx, data, "schemes", what)
    if schemes is not None:
        out["schemes"] = tuple(s.lower().rstrip(":/") for s in schemes)
    separator = _str(ctx, data, "separator", what)
    if separator is not None:
        if not separator:
            raise ctx.error(f"{what}: 'separator' must not be empty", data, "separator")
        out["separator"] = separator
    items = _str(ctx, data, "items", what)
    if items is not None:
        if (items not in BASE_TYPES and items not in providers.FORMATS) or items == "list":
            raise ctx.error(f"{what}: 'items' must be a scalar type", data, "items")
        out["item_type"] = items
    encoding = _str(ctx, data, "encoding", what)
    if encoding is not None:
        if encoding not in ENCODINGS:
            raise ctx.error(f"{what}: encoding must be one of {', '.join(ENCODINGS)}", data, "encoding")
        out["encoding"] = encoding
    key_kind = _str(ctx, data, "key", what)
    if key_kind is not None:
        if key_kind not in KEY_KINDS:
            raise ctx.error(f"{what}: key must be one of {', '.join(KEY_KINDS)}", data, "key")
        out["key"] = key_kind
    aliases = _str_list(ctx, data, "aliases", what)
    if aliases is not None:
        for alias in aliases:
            if not _NAME_RE.match(alias):
                raise ctx.error(f"{what}: alias {alias!r} is not a valid variable name", data, "aliases")
        out["aliases"] = aliases
    if "options" in data:
        opts = _expect_mapping(ctx, data["options"], f"{what}: options", data, "options")
        checked = []
        for opt, val in opts.items():
            expected = OPTION_TYPES.get(opt)
            if expected is None:
                raise ctx.error(
                    f"{what}: unknown option {opt!r} (known: {', '.join(sorted(OPTION_TYPES))})",
                    opts,
                    opt,
                )
            if (isinstance(val, bool) and expected is not bool) or not isinstance(val, expected):
                raise ctx.error(f"{what}: option {opt!r} has the wrong type", opts, opt)
            checked.append((opt, tuple(val) if isinstance(val, list) else val))
        out["options"] = tuple(checked)
    return out


def _parser() -> Any:
    try:
        return importlib.import_module("re._parser")
    except ImportError:  # Python < 3.11
        return importlib.import_module("sre_parse")


def nested_quantifier(pattern: str) -> bool:
    """An unbounded repeat whose body is itself one unbounded repeat (``(a+)+``,
    ``(\\w+\\s?)*``): Python's backtracking matcher takes exponential time on a value that
    almost matches, and a pattern cannot be interrupted, so such patterns are refused."""
    p = _parser()
    unbounded = p.MAXREPEAT
    repeats = (p.MAX_REPEAT, p.MIN_REPEAT)

    def width0(state: Any, item: Any) -> bool:
        return bool(p.SubPattern(state, [item]).getwidth()[0] == 0)

    def one_repeat(sub: Any) -> bool:
        # The body can be matched by one unbounded repeat alone (the rest matching empty):
        # then (x+)+ splits a run of x in exponentially many ways when the match fails.
        items = list(sub)
        for i, (op, av) in enumerate(items):
            others = items[:i] + items[i + 1 :]
            if not all(width0(sub.state, o) for o in others):
                continue
            if op in repeats and av[1] == unbounded:
                return True
            if op == p.SUBPATTERN and one_repeat(av[3]):
                return True
            if op == p.BRANCH and any(one_repeat(b) for b in av[1]):
                return True
        return False

    def children(op: Any, av: Any) -> list[Any]:
        if op in repeats:
            return [av[2]]
        if op == p.SUBPATTERN:
            return [av[3]]
        if op == p.BRANCH:
            return list(av[1])
        if op in (p.ASSERT, p.ASSERT_NOT):
            return [av[1]]
        return []

    def walk(sub: Any) -> bool:
        for op, av in sub:
            if op in repeats and av[1] == unbounded and one_repeat(av[2]):
                return True
            if any(walk(child) for child in children(op, av)):
                return True
        return False

    return walk(p.parse(pattern))


def _check_pattern(ctx: _Ctx, pattern: str, data: Mapping[str, Any], what: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ctx.error(f"{what}: invalid pattern: {exc}", data, "pattern") from None
    if nested_quantifier(pattern):
        raise ctx.error(
            f"{what}: pattern repeats a repeat (like (a+)+), which can take for ever on a"
            " value that almost matches; drop the outer repeat or make each pass end in a"
            " required character",
            data,
            "pattern",
        )


def _check_spec(ctx: _Ctx, spec: VarSpec, data: Mapping[str, Any], what: str) -> None:
    if spec.type == "enum" and not spec.choices:
        raise ctx.error(f"{what}: type enum needs 'choices'", data, "type")
    if spec.pattern is not None and not ctx.checked:
        _check_pattern(ctx, spec.pattern, data, what)
    if spec.min is not None and spec.max is not None and spec.min > spec.max:
        raise ctx.error(f"{what}: min is greater than max", data, "min")
    if spec.min_length is not None and spec.max_length is not None and spec.min_length > spec.max_length:
        raise ctx.error(f"{what}: min_length is greater than max_length", data, "min_length")
    if spec.default is not None and spec.choices:
        fold = (lambda s: s) if spec.case_sensitive else str.lower
        if fold(spec.default) not in {fold(c) for c in spec.choices}:
            raise ctx.error(f"{what}: default is not one of the choices", data, "default")


def parse_condition(ctx: _Ctx, value: Any, parent: Any, key: str, negate: bool) -> tuple[Condition, ...]:
    what = f"rule '{key}'"
    if isinstance(value, str):
        return (Condition(value, None, negate),)
    if isinstance(value, list):
        out: list[Condition] = []
        for i, item in enumerate(value):
            if not isinstance(item, (str, Mapping)):
                raise ctx.error(f"{what}: each condition is a variable name or a mapping", value, i)
            out.extend(parse_condition(ctx, item, value, key, negate))
        return tuple(out)
    if isinstance(value, Mapping):
        conds = []
        for var, expected in value.items():
            if isinstance(expected, list):
                values = tuple("true" if v is True else "false" if v is False else str(v) for v in expected)
            elif isinstance(expected, bool):
                values = ("true" if expected else "false",)
            elif isinstance(expected, (str, int, float)):
                values = (str(expected),)
            else:
                raise ctx.error(f"{what}: the value of {var} must be a scalar or a list", value, var)
            conds.append(Condition(str(var), values, negate))
        return tuple(conds)
    raise ctx.error(f"{what} must be a variable name, a list or a mapping", parent, key)


RULE_KEYS = (*CROSS_KINDS, "when", "unless", "environments", "severity", "message", "hint", "by")


def parse_cross_rule(ctx: _Ctx, data: Any, group: str, parent: Any, index: int) -> CrossRule:
    data = _expect_mapping(ctx, data, "a rule", parent, index)
    _check_keys(ctx, data, RULE_KEYS, "a rule")
    kinds = [k for k in CROSS_KINDS if k in data]
    if len(kinds) != 1:
        raise ctx.error(f"a rule needs exactly one of: {', '.join(CROSS_KINDS)}", data)
    kind = kinds[0]
    variables = _str_list(ctx, data, kind, "a rule") or ()
    if not variables:
        raise ctx.error(f"rule '{kind}' needs at least one variable", data, kind)
    if kind in ("one_of", "consistent") and len(variables) < 2:
        raise ctx.error(f"rule '{kind}' needs at least two variables", data, kind)
    when: tuple[Condition, ...] = ()
    if "when" in data:
        when += parse_condition(ctx, data["when"], data, "when", negate=False)
    if "unless" in data:
        when += parse_condition(ctx, data["unless"], data, "unless", negate=True)
    severity = _str(ctx, data, "severity", "a rule")
    if severity is not None and severity not in SEVERITIES:
        raise ctx.error(f"severity must be one of {', '.join(SEVERITIES)}", data, "severity")
    by = _str(ctx, data, "by", "a rule")
    if kind == "consistent":
        if by is None:
            raise ctx.error("rule 'consistent' needs 'by' (what must agree)", data, kind)
        if by not in COMPARATORS:
            raise ctx.error(f"'by' must be one of {', '.join(COMPARATORS)}", data, "by")
    elif by is not None:
        raise ctx.error("'by' only applies to 'consistent' rules", data, "by")
    return CrossRule(
        kind=kind,
        variables=variables,
        when=when,
        environments=_normalised(_str_list(ctx, data, "environments", "a rule")),
        severity=severity,
        message=_str(ctx, data, "message", "a rule"),
        hint=_str(ctx, data, "hint", "a rule"),
        by=by,
        group=group,
        mark=ctx.mark(data),
    )


def parse_variables(ctx: _Ctx, data: Any, group: str, parent: Any, key: str) -> tuple[VarSpec, ...]:
    if data is None:
        return ()
    data = _expect_mapping(ctx, data, "'variables'", parent, key)
    out = []
    for name, spec in data.items():
        if not _NAME_RE.match(name):
            raise ctx.error(f"{name!r} is not a valid variable name", data, name)
        out.append(parse_var(ctx, name, spec, group, data))
    return tuple(out)


def parse_patterns(ctx: _Ctx, data: Any, group: str, parent: Any, key: str) -> tuple[PatternSpec, ...]:
    if data is None:
        return ()
    data = _expect_mapping(ctx, data, "'patterns'", parent, key)
    out = []
    for glob, spec in data.items():
        if not _GLOB_RE.match(glob) or ("*" not in glob and "?" not in glob):
            raise ctx.error(f"{glob!r} is not a name pattern (use * or ?, e.g. FEATURE_*)", data, glob)
        out.append(PatternSpec(glob, parse_var(ctx, glob, spec, group, data)))
    return tuple(out)


def parse_rules(ctx: _Ctx, data: Any, group: str, parent: Any, key: str) -> tuple[CrossRule, ...]:
    if data is None:
        return ()
    if not isinstance(data, list):
        raise ctx.error("'rules' must be a list", parent, key)
    return tuple(parse_cross_rule(ctx, item, group, data, i) for i, item in enumerate(data))


def parse_environments(
    ctx: _Ctx,
    data: Any,
    parent: Any,
    key: str,
    extra: Callable[[str, Mapping[str, Any]], None] | None = None,
) -> tuple[tuple[str, tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]], ...]:
    """``environments: {production: {VAR: {overrides}}}`` for groups."""
    if data is None:
        return ()
    data = _expect_mapping(ctx, data, "'environments'", parent, key)
    out = []
    for env, overlays in data.items():
        overlays = _expect_mapping(ctx, overlays or {}, f"environment {env}", data, env)
        per_var = []
        for var, fields in overlays.items():
            per_var.append((str(var), tuple(parse_overlay(ctx, str(var), fields, overlays).items())))
        out.append((normalise_environment(str(env)), tuple(per_var)))
    return tuple(out)


def _normalised(names: tuple[str, ...] | None) -> tuple[str, ...] | None:
    return None if names is None else tuple(normalise_environment(n) for n in names)


GROUP_KEYS = (
    "group",
    "title",
    "description",
    "docs",
    "detect",
    "variables",
    "patterns",
    "rules",
    "environments",
)


def parse_group(data: Any, display: str, *, checked: bool = False) -> Group:
    """``checked``: the data was already validated (the compiled built-in catalog)."""
    ctx = _Ctx(display, checked=checked)
    data = _expect_mapping(ctx, data, "a schema file")
    _check_keys(ctx, data, GROUP_KEYS, "a schema group")
    name = _str(ctx, data, "group", "a schema group")
    if name is None:
        raise ctx.error("a schema group needs a 'group' name", data)
    if not _GROUP_RE.match(name):
        raise ctx.error(f"group name {name!r} must be lowercase letters, digits and dashes", data, "group")
    detect = _str_list(ctx, data, "detect", f"group {name}") or ()
    for glob in detect:
        if not _GLOB_RE.match(glob):
            raise ctx.error(f"group {name}: {glob!r} is not a name or pattern", data, "detect")
    group = Group(
        name=name,
        title=_str(ctx, data, "title", f"group {name}") or name,
        description=_str(ctx, data, "description", f"group {name}") or "",
        docs=_str(ctx, data, "docs", f"group {name}"),
        detect=detect,
        variables=parse_variables(ctx, data.get("variables"), name, data, "variables"),
        patterns=parse_patterns(ctx, data.get("patterns"), name, data, "patterns"),
        rules=parse_rules(ctx, data.get("rules"), name, data, "rules"),
        environments=parse_environments(ctx, data.get("environments"), data, "environments"),
        mark=ctx.mark(data),
    )
    _check_group(ctx, group, data)
    return group


def _check_group(ctx: _Ctx, group: Group, data: Mapping[str, Any]) -> None:
    seen: dict[str, str] = {}
    for spec in group.variables:
        for n in (spec.name, *spec.aliases):
            if n in seen:
                raise ctx.error(
                    f"group {group.name}: {n} is declared twice ({seen[n]} and {spec.name})",
                    data,
                    "variables",
                )
            seen[n] = spec.name
    known = set(seen)
    for env, per_var in group.environments:
        for var, _ in per_var:
            if var not in known:
                raise ctx.error(
                    f"group {group.name}: environment {env} overrides unknown variable {var}",
                    data,
                    "environments",
                )
