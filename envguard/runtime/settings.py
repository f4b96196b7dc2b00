"""``envguard.load()``: validate the configuration at startup, get typed settings back.

The only module of envguard that imports pydantic. It resolves exactly what
``envguard check`` resolves (the same env files, the same schema, real environment
variables winning over files as in pydantic-settings), runs the checks about values, and
builds a pydantic-settings object from the resolved schema::

    settings = envguard.load()
    settings.STRIPE_SECRET_KEY      # SecretStr
    settings.PORT                   # int
    settings.JWT_EXPIRES_IN         # datetime.timedelta

On any error-level problem it raises one :class:`~envguard.core.errors.InvalidSettingsError`
listing every problem, one per line, with no value in it: pydantic's ``ValidationError``
(which carries ``input_value``) is turned into findings and never chained.

See docs/runtime.md for the types, how missing values and defaults appear, and which
checks run.
"""

from __future__ import annotations

import copy
import datetime
import json
import logging
import os
import re
import types
import typing
import uuid
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, TypeVar, overload

from pydantic import AnyUrl, BaseModel, ConfigDict, Field, SecretStr, ValidationError, create_model
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from envguard.core.errors import EnvguardError, InvalidSettingsError
from envguard.core.findings import Finding, Severity, sort_findings
from envguard.runtime.codegen import NO_DEFAULT, ConversionError, FieldPlan, convert, plan

if TYPE_CHECKING:
    from envguard.project.context import Check, CheckContext, Value

__all__ = ["EnvguardSettings", "load", "runtime_checks"]

S = TypeVar("S", bound=BaseModel)
PathArg = typing.Union[str, "os.PathLike[str]"]

logger = logging.getLogger("envguard")

# The smallest value whose appearance in a pydantic message we treat as an echo of it.
_ECHO_MIN = 3


def runtime_checks() -> tuple[Check, ...]:
    """The checks :func:`load` runs: each rule family's ``RUNTIME_CHECKS``."""
    from envguard.rules import families

    checks: list[Check] = []
    for module in families():
        # Each family says which of its checks make sense at app start (RUNTIME_CHECKS:
        # not those about the repository, such as example files, git or compose files);
        # one that says nothing contributes all of them.
        checks.extend(getattr(module, "RUNTIME_CHECKS", getattr(module, "CHECKS", ())))
    return tuple(checks)


def _never_fatal() -> frozenset[str]:
    """Codes that never stop an app: style lint of env files and example-file drift."""
    from envguard.rules import schema, syntax

    style = {r.code for r in syntax.RULES if r.severity < Severity.ERROR}
    return frozenset(style | {schema.NotInExample.code, schema.MissingFromEnv.code})


# --- the settings base class -------------------------------------------------------------

_CONFIG = SettingsConfigDict(
    frozen=True,
    extra="allow",
    case_sensitive=True,
    validate_default=True,
)
if "url_preserve_empty_path" in ConfigDict.__annotations__:
    # `https://api.example.com` stays as written instead of gaining a trailing slash.
    _CONFIG["url_preserve_empty_path"] = True  # type: ignore[typeddict-unknown-key,unused-ignore]


class _Masked:
    """Shows a URL with its password replaced, in ``repr(settings)``."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _mask_url_password(value: Any) -> Any:
    if isinstance(value, AnyUrl) and value.password:
        masked = str(value).replace(f":{value.password}@", ":**********@", 1)
        return _Masked(f"{type(value).__name__}({masked!r})")
    if isinstance(value, str) and "://" in value and "@" in value:
        from envguard.runtime.redact import url_password

        password = url_password(value)
        if password:
            return _Masked(repr(value.replace(f":{password}@", ":**********@", 1)))
    return value


class EnvguardSettings(BaseSettings):
    """Base of the classes :func:`load` builds and ``envguard codegen`` writes.

    Frozen; secrets are ``SecretStr``; ``repr()`` hides passwords inside URLs too. Build
    it with :func:`load`: envguard has already read the env files and the environment
    (with pydantic-settings' precedence), so this class reads nothing itself.
    """

    model_config = _CONFIG

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # A second reading of the environment here could disagree with what was validated.
        return (init_settings,)

    if not TYPE_CHECKING:  # like pydantic: keep type checkers strict about attributes

        def __getattr__(self, item: str) -> Any:
            try:
                return super().__getattr__(item)
            except AttributeError:
                if item in _UNSET.get(type(self), ()):
                    return None
                raise

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        for name, value in super().__repr_args__():
            yield name, _mask_url_password(value)


def _init_only(
    cls: type[BaseSettings],
    settings_cls: type[BaseSettings],
    init_settings: PydanticBaseSettingsSource,
    env_settings: PydanticBaseSettingsSource,
    dotenv_settings: PydanticBaseSettingsSource,
    file_secret_settings: PydanticBaseSettingsSource,
) -> tuple[PydanticBaseSettingsSource, ...]:
    return (init_settings,)


_WRAPPED: dict[type[Any], type[Any]] = {}


def _buildable(cls: type[S]) -> type[S]:
    """A class that takes its values from envguard only.

    A user's BaseSettings subclass would otherwise read os.environ and its own env files
    again, filling fields from sources envguard was told to ignore.
    """
    if not issubclass(cls, BaseSettings) or issubclass(cls, EnvguardSettings):
        return cls
    wrapped = _WRAPPED.get(cls)
    if wrapped is None:
        namespace = {
            "settings_customise_sources": classmethod(_init_only),
            "__module__": cls.__module__,
            "__qualname__": cls.__qualname__,
            "__doc__": cls.__doc__,
        }
        wrapped = type(cls.__name__, (cls,), namespace)
        _WRAPPED[cls] = wrapped
    return typing.cast("type[S]", wrapped)


# --- kinds to pydantic types ---------------------------------------------------------------

_TYPES: dict[str, Any] = {
    "str": str,
    "secret": SecretStr,
    "int": int,
    "float": float,
    "bool": bool,
    "url": AnyUrl,
    "duration": datetime.timedelta,
    "json": Any,
    "path": Path,
    "regex": re.Pattern[str],
    "uuid": uuid.UUID,
}


def _annotation(p: FieldPlan) -> Any:
    if p.kind == "list":
        return list[_TYPES[p.item_kind or "str"]]  # type: ignore[misc]
    return _TYPES[p.kind]


_MODELS: dict[tuple[Any, ...], type[EnvguardSettings]] = {}
# Per generated class: attributes of schema variables that read as None without being
# fields (unset variables of groups inferred from names).
_UNSET: dict[type[Any], frozenset[str]] = {}


def _model_for(plans: Sequence[FieldPlan], unset: frozenset[str]) -> type[EnvguardSettings]:
    """The settings class for a plan; cached, since the plan rarely changes in a process."""
    key = (tuple((p.attr, p.env, p.kind, p.item_kind, p.description) for p in plans), unset)
    model = _MODELS.get(key)
    if model is None:
        fields: dict[str, Any] = {}
        for p in plans:
            extra: dict[str, Any] = {}
            if p.description:
                extra["description"] = p.description
            if p.attr != p.env:
                extra["alias"] = p.env
            fields[p.attr] = (Optional[_annotation(p)], Field(None, **extra))  # noqa: UP045 - a runtime value
        model = create_model("Settings", __base__=EnvguardSettings, __module__=__name__, **fields)
        if len(_MODELS) >= 16:
            _MODELS.clear()
        _MODELS[key] = model
        _UNSET[model] = unset
    return model


# --- values ------------------------------------------------------------------------------


def _raw(ctx: CheckContext, env: str, aliases: Sequence[str] = ()) -> str | None:
    """The value of a variable or its first set alias; empty counts as not set."""
    for name in (env, *aliases):
        v = ctx.values.get(name)
        if v is not None and v.value.strip():
            return v.value
    return None


def _alias_value(ctx: CheckContext, env: str) -> Value | None:
    spec = ctx.spec(env)
    for alias in spec.aliases if spec is not None else ():
        if alias in ctx.values:
            return ctx.values[alias]
    return None


def _conversion_finding(ctx: CheckContext, env: str, problem: str, *, default: bool = False) -> Finding:
    from envguard.rules.schema import InvalidType

    if default:
        return InvalidType.finding(
            f"the schema default of {env} {problem}", variable=env, hint=f"fix `default:` of {env} in the schema"
        )
    found = ctx.values.get(env)
    return InvalidType.finding(
        f"{env} {problem}",
        **ctx.at(found if found is not None else _alias_value(ctx, env)),
        variable=env,
        hint="fix the value; `envguard check` shows the same problem",
    )


def _schema_data(
    ctx: CheckContext, plans: Sequence[FieldPlan], flagged: set[str]
) -> tuple[dict[str, Any], list[Finding]]:
    data: dict[str, Any] = {}
    problems: list[Finding] = []
    for p in plans:
        if p.env in flagged or any(alias in flagged for alias in p.aliases):
            continue  # envguard already reported it (under its name or an alias)
        raw = _raw(ctx, p.env, p.aliases)
        if raw is None:
            if p.default_problem:
                problems.append(_conversion_finding(ctx, p.env, p.default_problem, default=True))
            elif p.default is not NO_DEFAULT:
                data[p.env] = copy.deepcopy(p.default)
            continue
        try:
            data[p.env] = convert(p.kind, raw, item_kind=p.item_kind, spec=ctx.spec(p.env))
        except ConversionError as exc:
            problems.append(_conversion_finding(ctx, p.env, str(exc)))
    return data, problems


def _base_annotation(annotation: Any) -> Any:
    """``Optional[Annotated[int, ...]]`` -> ``int``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _base_annotation(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _base_annotation(args[0])
    return annotation


def _is_complex(annotation: Any) -> bool:
    """Types pydantic-settings reads as JSON from the environment."""
    origin = typing.get_origin(annotation) or annotation
    if origin in (list, dict, set, tuple, frozenset):
        return True
    return isinstance(origin, type) and issubclass(origin, BaseModel)


def _field_keys(cls: type[BaseModel], name: str, info: Any) -> tuple[list[str], str]:
    """(variable names a field reads, the keyword that fills it)."""
    from pydantic import AliasChoices

    alias = info.validation_alias
    if isinstance(alias, str):
        return [alias], alias
    if isinstance(alias, AliasChoices):
        choices = [c for c in alias.choices if isinstance(c, str)]
        if choices:
            return choices, choices[0]
    if isinstance(info.alias, str):
        return [info.alias], info.alias
    prefix = str(cls.model_config.get("env_prefix") or "")
    return [f"{prefix}{name}"], name


def _class_data(
    ctx: CheckContext, plans: Sequence[FieldPlan], cls: type[BaseModel], flagged: set[str]
) -> tuple[dict[str, Any], list[Finding], dict[str, str], list[tuple[str, str]]]:
    """Keyword arguments for a user's settings class, matching its fields to variables
    the way pydantic-settings would (alias, ``env_prefix``, case sensitivity)."""
    by_env = {p.env: p for p in plans}
    case_sensitive = bool(cls.model_config.get("case_sensitive", False))
    folded: dict[str, str] = {}
    if not case_sensitive:
        for name in [*by_env, *ctx.values]:
            folded.setdefault(name.lower(), name)
    data: dict[str, Any] = {}
    problems: list[Finding] = []
    env_of: dict[str, str] = {}
    secrets: list[tuple[str, str]] = []
    for name, info in cls.model_fields.items():
        candidates, key = _field_keys(cls, name, info)
        # Not set anywhere: name it as people write variables for a case-insensitive class.
        env = candidates[0] if case_sensitive else candidates[0].upper()
        for candidate in candidates:
            found = candidate if case_sensitive else folded.get(candidate.lower())
            if found is not None and (found in by_env or found in ctx.values):
                env = found
                break
        env_of[key] = env
        env_of[name] = env
        if env in flagged:
            continue
        p = by_env.get(env)
        raw = _raw(ctx, env, p.aliases if p is not None else ())
        base = _base_annotation(info.annotation)
        if raw is None:
            if p is not None and p.default is not NO_DEFAULT:
                data[key] = copy.deepcopy(p.default)
            continue
        if base is SecretStr:
            secrets.append((env, raw))
        if base in (str, SecretStr):
            data[key] = raw
        elif p is not None and p.kind not in ("str", "secret"):
            try:
                data[key] = convert(p.kind, raw, item_kind=p.item_kind, spec=ctx.spec(env))
            except ConversionError as exc:
                problems.append(_conversion_finding(ctx, env, str(exc)))
        elif _is_complex(base):
            try:
                data[key] = json.loads(raw)
            except (ValueError, RecursionError):
                data[key] = raw  # pydantic reports it, without the value
        else:
            data[key] = raw
    return data, problems, env_of, secrets


# --- pydantic's errors, without their input ------------------------------------------------


def _echoes_a_value(text: str, ctx: CheckContext) -> bool:
    from envguard.runtime.redact import redact

    if redact.contains_secret(text):
        return True
    for v in ctx.values.values():
        value = v.value.strip()
        if len(value) >= _ECHO_MIN and value in text:
            return True
    return False


def _type_name(annotation: Any) -> str:
    if isinstance(annotation, type):
        return annotation.__name__
    return re.sub(r"\b(?:typing|pydantic\.types|pydantic\.networks|datetime|pathlib|uuid)\.", "", str(annotation))


def _validation_findings(
    errors: list[Any], cls: type[BaseModel], env_of: Mapping[str, str], ctx: CheckContext
) -> list[Finding]:
    from envguard.rules.schema import InvalidType, MissingRequired

    out: list[Finding] = []
    title = cls.__name__
    fields = cls.model_fields
    for err in errors:
        loc = tuple(err.get("loc", ()))
        key = loc[0] if loc and isinstance(loc[0], str) else None
        env = env_of.get(key, key) if key is not None else None
        kind = str(err.get("type", "error"))
        if kind == "missing":
            out.append(
                MissingRequired.finding(
                    f"{env} is required by {title} but is not set",
                    variable=env,
                    hint=f"set {env}, or give the field a default in {title}",
                )
            )
            continue
        msg = str(err.get("msg", ""))
        if _echoes_a_value(msg, ctx):
            msg = f"failed validation ({kind})"
        msg = msg[:1].lower() + msg[1:]
        where = "".join(f"[{part!r}]" if isinstance(part, int) else f".{part}" for part in loc[1:])
        field = next((n for n, info in fields.items() if n == key or env_of.get(n) == env), None)
        hint = None
        if field is not None:
            hint = f"{title}.{field} is declared as {_type_name(fields[field].annotation)}"
        subject = f"{env}{where}" if env else title
        value = ctx.values.get(env) if env else None
        out.append(
            InvalidType.finding(
                f"{subject} is not accepted by {title}: {msg}",
                **ctx.at(value),
                variable=env,
                hint=hint,
            )
        )
    return out


def _construct(
    cls: type[S], data: dict[str, Any], env_of: Mapping[str, str], ctx: CheckContext
) -> tuple[S | None, list[Finding]]:
    try:
        settings = cls(**data)
    except ValidationError as exc:
        # Copy out what we need, without input values, and let the error die here: it
        # must be neither raised, chained nor kept alive in a traceback.
        errors = exc.errors(include_url=False, include_context=False, include_input=False)
    else:
        return settings, []
    return None, _validation_findings(errors, cls, env_of, ctx)


# --- secrets -----------------------------------------------------------------------------


def _register_secrets(ctx: CheckContext, plans: Sequence[FieldPlan], more: Sequence[tuple[str, str]]) -> None:
    from envguard.runtime.redact import redact, url_password

    ours = {p.env for p in plans}
    for name, v in ctx.values.items():
        value = v.value
        if not value.strip():
            continue
        # Short secrets warn only for the app's own variables, not for the whole environment.
        warn = name in ours
        if ctx.is_secret(name):
            redact.add(name, value, warn=warn, stacklevel=4)
        password = url_password(value)
        if password:
            redact.add(name, password, warn=warn, stacklevel=4, what=f"the password in {name}")
    for name, value in more:
        redact.add(name, value, stacklevel=4)


# --- load --------------------------------------------------------------------------------


class _Failure:
    def __init__(self, findings: list[Finding], header: str) -> None:
        self.findings = findings
        self.header = header


def _line(f: Finding) -> str:
    var = f" {f.variable}" if f.variable else ""
    where = f" ({f.location()})" if f.path else ""
    hint = f" Hint: {f.hint}" if f.hint else ""
    return f"{f.code}{var}: {f.message}{where}{hint}"


def _env_files(env_file: PathArg | Sequence[PathArg] | None, root: Path) -> list[Path]:
    if env_file is None:
        return []
    items = [env_file] if isinstance(env_file, (str, os.PathLike)) else list(env_file)
    out = []
    for item in items:
        path = Path(os.fspath(item))
        out.append(path if path.is_absolute() else root / path)
    return out


def _load(
    *,
    env_file: PathArg | Sequence[PathArg] | None,
    environment: str | None,
    root: PathArg,
    from_environ: bool,
    environ: Mapping[str, str] | None,
    config: PathArg | None,
    settings_class: type[BaseModel] | None,
    log_warnings: bool,
) -> BaseModel | _Failure:
    from envguard.checking.build import build_context
    from envguard.checking.run import run_checks
    from envguard.project.context import Options

    root_path = Path(os.fspath(root))
    ctx = build_context(
        Options(
            root=root_path,
            env_files=_env_files(env_file, root_path),
            environment=environment,
            from_environ=from_environ,
            environ=environ,
            config_path=Path(os.fspath(config)) if config is not None else None,
        )
    )
    findings, _ = run_checks(ctx, runtime_checks())
    quiet = _never_fatal()
    errors = [f for f in findings if f.severity >= Severity.ERROR and f.code not in quiet]
    flagged = {f.variable for f in errors if f.variable}
    plans = plan(ctx)

    more_secrets: list[tuple[str, str]] = []
    if settings_class is None:
        data, problems = _schema_data(ctx, plans, flagged)
        # Unset variables of groups inferred from names (a catalog group has dozens) read
        # as None without being fields: a field costs model-building time at every start.
        fields = [p for p in plans if p.explicit or not p.declared or p.env in data or p.env in flagged]
        unset = frozenset(p.attr for p in plans if p.env not in {f.env for f in fields})
        cls: type[BaseModel] = _model_for(fields, unset)
        env_of = {p.attr: p.env for p in fields} | {p.env: p.env for p in fields}
    else:
        if not (isinstance(settings_class, type) and issubclass(settings_class, BaseModel)):
            from envguard.core.errors import UsageError

            raise UsageError("settings_class must be a pydantic BaseModel or BaseSettings subclass")
        data, problems, env_of, more_secrets = _class_data(ctx, plans, settings_class, flagged)
        cls = _buildable(settings_class)
    _register_secrets(ctx, plans, more_secrets)
    errors += problems
    flagged |= {f.variable for f in problems if f.variable}

    settings, invalid = _construct(cls, data, env_of, ctx)
    errors += [f for f in invalid if f.variable is None or f.variable not in flagged]
    env = ctx.environment
    if errors or settings is None:
        found = sort_findings(errors)
        where = env.name if env.source == "default" else f"{env.name}, from {env.source}"
        header = f"envguard: {len(found)} configuration problem(s) in environment {where}; the app must not start"
        return _Failure(found, header)
    if log_warnings:
        for f in findings:
            if f.severity == Severity.WARNING and f.code not in quiet:
                logger.warning("envguard: %s", _line(f))
    return settings


@overload
def load(
    *,
    env_file: PathArg | Sequence[PathArg] | None = None,
    environment: str | None = None,
    root: PathArg = ".",
    from_environ: bool = True,
    environ: Mapping[str, str] | None = None,
    config: PathArg | None = None,
    settings_class: None = None,
    log_warnings: bool = True,
) -> Any: ...


@overload
def load(
    *,
    env_file: PathArg | Sequence[PathArg] | None = None,
    environment: str | None = None,
    root: PathArg = ".",
    from_environ: bool = True,
    environ: Mapping[str, str] | None = None,
    config: PathArg | None = None,
    settings_class: type[S],
    log_warnings: bool = True,
) -> S: ...


def load(
    *,
    env_file: PathArg | Sequence[PathArg] | None = None,
    environment: str | None = None,
    root: PathArg = ".",
    from_environ: bool = True,
    environ: Mapping[str, str] | None = None,
    config: PathArg | None = None,
    settings_class: type[BaseModel] | None = None,
    log_warnings: bool = True,
) -> Any:
    """Validate the configuration and return it as typed settings.

    Resolves what ``envguard check`` resolves: the project's config and schema under
    ``root``, the env files (``env_file``, one path or several, relative to ``root``;
    default: discovered for the environment like ``envguard check``), and, with
    ``from_environ``, the process environment (``environ`` replaces ``os.environ``),
    which wins over files as in pydantic-settings.

    Returns an :class:`EnvguardSettings` with one attribute per variable (see
    docs/runtime.md), or an instance of ``settings_class`` (a class written by
    ``envguard codegen``, or any pydantic model whose fields name the variables).

    Raises :class:`~envguard.core.errors.InvalidSettingsError` (a ``ValueError``) listing every
    error-level problem, and :class:`~envguard.core.errors.ConfigError` /
    :class:`~envguard.core.errors.UsageError` for a broken config file or a missing
    ``env_file``. Warnings are logged on the ``envguard`` logger (``log_warnings``).
    Secret values are registered with :data:`envguard.runtime.redact`.
    """
    error: EnvguardError | None = None
    result: BaseModel | _Failure | None = None
    try:
        result = _load(
            env_file=env_file,
            environment=environment,
            root=root,
            from_environ=from_environ,
            environ=environ,
            config=config,
            settings_class=settings_class,
            log_warnings=log_warnings,
        )
    except EnvguardError as exc:
        error = exc
    if error is not None:
        # Re-raised from here, without the frames below (they hold the values) and
        # without whatever the error was raised while handling.
        error.__cause__ = None
        error.__context__ = None
        raise error.with_traceback(None)
    if isinstance(result, _Failure):
        raise InvalidSettingsError(result.findings, header=result.header) from None
    return result
