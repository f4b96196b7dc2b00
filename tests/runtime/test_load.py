"""envguard.load(): types, missing values, defaults, sources and precedence, errors."""

from __future__ import annotations

import datetime
import logging
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from egtest import fake
from pydantic import AnyUrl, BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from runtime.rthelp import project, token

import envguard
from envguard.core.errors import ConfigError, InvalidSettingsError, UsageError
from envguard.runtime.settings import EnvguardSettings, runtime_checks

TYPED = """
variables:
  PORT: {type: port, default: "3000"}
  WORKERS: {type: int}
  RATIO: {type: float}
  DEBUG: {type: bool}
  API_URL: {type: url}
  TOKEN_TTL: {type: duration}
  FLAGS: {type: json}
  HOSTS: {type: list, items: host}
  RETRIES: {type: list, items: int, separator: ";"}
  DATA_DIR: {type: path}
  SLUG_RE: {type: regex}
  TENANT: {type: uuid}
  LOG_LEVEL: {type: enum, choices: [debug, info, warning], case_sensitive: false}
  MAIL_HOST: {type: host}
  ADMIN_EMAIL: {type: email}
  APP_SECRET: {type: secret}
  OPTIONAL_NOTE: {type: string}
  TIMEOUT: {type: duration, default: 30s}
  TAGS: {type: list, default: "a,b"}
"""


def load(root: Path, **kwargs: Any) -> Any:
    kwargs.setdefault("from_environ", False)
    kwargs.setdefault("log_warnings", False)
    return envguard.load(root=root, **kwargs)


def test_each_schema_type_becomes_a_python_type(tmp_path: Path) -> None:
    secret = token()
    tenant = str(uuid.uuid4())
    project(
        tmp_path,
        f"""
        PORT=8080
        WORKERS=4
        RATIO=0.25
        DEBUG=yes
        API_URL=https://api.example.com
        TOKEN_TTL=15m
        FLAGS={{"beta": true, "limit": 3}}
        HOSTS=a.example.com, b.example.com
        RETRIES=1;2;3
        DATA_DIR=/var/lib/app
        SLUG_RE=^[a-z-]+$
        TENANT={tenant}
        LOG_LEVEL=INFO
        MAIL_HOST=smtp.example.com
        ADMIN_EMAIL=ops@example.com
        APP_SECRET={secret}
        """,
        TYPED,
    )
    s = load(tmp_path)
    assert isinstance(s, EnvguardSettings)
    assert s.PORT == 8080
    assert type(s.PORT) is int
    assert s.WORKERS == 4
    assert s.RATIO == 0.25
    assert s.DEBUG is True
    assert isinstance(s.API_URL, AnyUrl)
    assert s.API_URL.host == "api.example.com"
    assert str(s.API_URL) == "https://api.example.com"  # no trailing slash added
    assert datetime.timedelta(minutes=15) == s.TOKEN_TTL
    assert s.FLAGS == {"beta": True, "limit": 3}
    assert s.HOSTS == ["a.example.com", "b.example.com"]
    assert s.RETRIES == [1, 2, 3]
    assert Path("/var/lib/app") == s.DATA_DIR
    assert isinstance(s.SLUG_RE, re.Pattern)
    assert s.SLUG_RE.fullmatch("abc-def")
    assert uuid.UUID(tenant) == s.TENANT
    assert s.LOG_LEVEL == "info"  # the declared spelling of a case-insensitive choice
    assert s.MAIL_HOST == "smtp.example.com"
    assert s.ADMIN_EMAIL == "ops@example.com"
    assert isinstance(s.APP_SECRET, SecretStr)
    assert s.APP_SECRET.get_secret_value() == secret


def test_missing_values_are_none_and_defaults_apply(tmp_path: Path) -> None:
    project(tmp_path, "WORKERS=2\nOPTIONAL_NOTE=\nDEBUG=  \n", TYPED)
    s = load(tmp_path)
    assert s.PORT == 3000  # schema default, converted to the type
    assert datetime.timedelta(seconds=30) == s.TIMEOUT
    assert s.TAGS == ["a", "b"]
    assert s.API_URL is None  # declared, not set
    assert s.OPTIONAL_NOTE is None  # an empty value counts as not set
    assert s.DEBUG is None  # so does whitespace


def test_defaults_are_not_shared_between_loads(tmp_path: Path) -> None:
    project(tmp_path, "", TYPED)
    first = load(tmp_path)
    first.TAGS.append("mutated")
    assert load(tmp_path).TAGS == ["a", "b"]


def test_settings_are_frozen(tmp_path: Path) -> None:
    project(tmp_path, "WORKERS=2\n", TYPED)
    s = load(tmp_path)
    with pytest.raises(Exception, match="frozen"):
        s.WORKERS = 3


def test_undeclared_variables_are_strings_and_secret_by_name(tmp_path: Path) -> None:
    api_key = token()
    project(tmp_path, f"PARTNER_COLOR=blue\nPARTNER_API_KEY={api_key}\nlower_case_name=x\n")
    s = load(tmp_path)
    assert s.PARTNER_COLOR == "blue"
    assert isinstance(s.PARTNER_API_KEY, SecretStr)
    assert s.PARTNER_API_KEY.get_secret_value() == api_key
    assert s.lower_case_name == "x"


def test_catalog_variables_are_typed_and_unset_ones_read_as_none(tmp_path: Path) -> None:
    key = fake("stripe-secret-key", "test")
    project(tmp_path, f"STRIPE_SECRET_KEY={key}\nDATABASE_URL=postgres://app@localhost:5432/app\n")
    s = load(tmp_path)
    assert isinstance(s.STRIPE_SECRET_KEY, SecretStr)
    assert isinstance(s.DATABASE_URL, SecretStr)  # the catalog marks it secret (it holds a password)
    assert s.STRIPE_WEBHOOK_SECRET is None  # same inferred group, not set
    with pytest.raises(AttributeError):
        _ = s.NOT_A_VARIABLE_ANYWHERE


def test_alias_fills_the_canonical_name(tmp_path: Path) -> None:
    key = fake("stripe-secret-key", "test")
    project(tmp_path, f"STRIPE_API_KEY={key}\n", "use: [stripe]\n")
    s = load(tmp_path)
    assert s.STRIPE_SECRET_KEY.get_secret_value() == key
    assert s.STRIPE_API_KEY.get_secret_value() == key


def test_names_that_are_not_identifiers_get_an_attribute_and_keep_their_alias(tmp_path: Path) -> None:
    project(tmp_path, "my-setting=1\nmodel_name=gpt\n")
    s = load(tmp_path)
    assert s.my_setting == "1"
    assert s.model_name_ == "gpt"
    assert s.model_dump(by_alias=True)["my-setting"] == "1"


def test_environment_variables_win_over_files(tmp_path: Path) -> None:
    project(tmp_path, "WORKERS=2\nPARTNER_X=file\n", TYPED)
    s = envguard.load(root=tmp_path, environ={"WORKERS": "9", "HOME": "/root"}, log_warnings=False)
    assert s.WORKERS == 9
    assert s.PARTNER_X == "file"
    with pytest.raises(AttributeError):
        _ = s.HOME  # unrelated environment variables are not settings


def test_from_environ_false_ignores_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, "WORKERS=2\n", TYPED)
    monkeypatch.setenv("WORKERS", "7")
    monkeypatch.setenv("RATIO", "0.5")
    s = load(tmp_path)
    assert s.WORKERS == 2
    assert s.RATIO is None


def test_real_environment_is_read_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, "WORKERS=2\n", TYPED)
    monkeypatch.setenv("WORKERS", "7")
    assert envguard.load(root=tmp_path, log_warnings=False).WORKERS == 7


def test_env_file_argument_is_relative_to_root(tmp_path: Path) -> None:
    project(tmp_path, "WORKERS=2\n", TYPED, **{"config/prod.env": "WORKERS=5\n"})
    assert load(tmp_path, env_file="config/prod.env").WORKERS == 5
    assert load(tmp_path, env_file=[".env", "config/prod.env"]).WORKERS == 5
    assert load(tmp_path, env_file=["config/prod.env", tmp_path / ".env"]).WORKERS == 2


def test_environment_selects_files_like_check(tmp_path: Path) -> None:
    project(tmp_path, "WORKERS=2\n", TYPED, **{".env.staging": "WORKERS=3\n"})
    assert load(tmp_path).WORKERS == 2
    assert load(tmp_path, environment="staging").WORKERS == 3


def test_missing_env_file_is_a_usage_error_without_inner_frames(tmp_path: Path) -> None:
    project(tmp_path, "", TYPED)
    with pytest.raises(UsageError, match="env file not found") as info:
        load(tmp_path, env_file="nope.env")
    assert info.value.__context__ is None
    assert info.value.__cause__ is None
    frames = [f.name for f in _frames(info.value)]
    assert "build_context" not in frames


def _frames(exc: BaseException) -> list[Any]:
    import traceback

    return list(traceback.extract_tb(exc.__traceback__))


def test_broken_config_is_a_config_error(tmp_path: Path) -> None:
    project(tmp_path, "", "variables:\n  PORT: {type: portt}\n")
    with pytest.raises(ConfigError, match=r"envguard\.yaml:2"):
        load(tmp_path)


def test_one_error_lists_every_problem(tmp_path: Path) -> None:
    project(
        tmp_path,
        "PORT=http\nDEBUG=ture\nAPI_URL=not a url\nTOKEN_TTL=soon\n",
        TYPED + "  MUST_HAVE: {type: string, required: true}\n",
    )
    with pytest.raises(InvalidSettingsError) as info:
        load(tmp_path)
    exc = info.value
    assert isinstance(exc, ValueError)
    by_var = {f.variable: f.code for f in exc.findings}
    assert by_var == {"PORT": "EG102", "DEBUG": "EG102", "API_URL": "EG103", "TOKEN_TTL": "EG102", "MUST_HAVE": "EG101"}
    lines = str(exc).splitlines()
    assert len(lines) == 1 + len(exc.findings)
    assert "5 configuration problem(s)" in lines[0]
    assert any("DEBUG" in line and "did you mean `true`?" in line for line in lines)
    assert any(line.strip().startswith("EG101 MUST_HAVE") and "Hint: set MUST_HAVE" in line for line in lines)
    assert repr(exc).startswith("InvalidSettingsError(5 finding(s): EG")


def test_style_lint_and_example_drift_do_not_stop_the_app(tmp_path: Path) -> None:
    project(
        tmp_path,
        "workers=2\nWORKERS=3\nWORKERS=4\nUNDOCUMENTED=1\n",
        TYPED,
        **{".env.example": "WORKERS=\nSOMETHING_ELSE=\n"},
    )
    s = load(tmp_path)
    assert s.WORKERS == 4


def test_parse_errors_stop_the_app(tmp_path: Path) -> None:
    project(tmp_path, 'WORKERS=2\nDATABASE_URL="postgres://app@db/app\n', TYPED)
    with pytest.raises(InvalidSettingsError) as info:
        load(tmp_path)
    assert "EG001" in [f.code for f in info.value.findings]


def test_weak_secret_stops_the_app_in_production(tmp_path: Path) -> None:
    project(tmp_path, "APP_SECRET=changeme\n", "variables:\n  APP_SECRET: {type: secret}\n")
    with pytest.raises(InvalidSettingsError) as info:
        load(tmp_path, environment="production")
    assert all(f.code.startswith("EG2") for f in info.value.findings)
    assert {f.variable for f in info.value.findings} == {"APP_SECRET"}


def test_warnings_are_logged_without_values(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project(tmp_path, "NEXTAUTH_URL=http://www.example.com\n", "use: [nextauth]\n")
    with caplog.at_level(logging.WARNING, logger="envguard"):
        envguard.load(root=tmp_path, environment="staging", from_environ=False)
    assert any("EG104" in r.getMessage() and "NEXTAUTH_URL" in r.getMessage() for r in caplog.records)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="envguard"):
        envguard.load(root=tmp_path, environment="staging", from_environ=False, log_warnings=False)
    assert not caplog.records


def test_selection_in_config_applies_to_load(tmp_path: Path) -> None:
    project(tmp_path, "DEBUG=ture\n", TYPED + "ignore: [EG102]\n")
    # The type check is off; the value still cannot become a bool, so load says so once.
    with pytest.raises(InvalidSettingsError) as info:
        load(tmp_path)
    assert [(f.code, f.variable) for f in info.value.findings] == [("EG102", "DEBUG")]


def test_runtime_checks_leave_out_repository_checks() -> None:
    names = {c.__name__ for c in runtime_checks()}
    assert "check_values" in names
    assert "check_required" in names
    assert "check_secret_values" in names  # strength
    assert "check_example_drift" not in names
    assert "check_git_exposure" not in names


# --- a settings class of the app's own ---------------------------------------------------


class AppSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="")

    port: int = 8000
    debug: bool = False
    token_ttl: datetime.timedelta = datetime.timedelta(minutes=5)
    app_secret: SecretStr
    hosts: list[str] = Field(default_factory=list)
    extra_list: list[int] = Field(default_factory=list)
    renamed: str | None = Field(None, alias="OTHER_NAME")


def test_settings_class_gets_envguard_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = token()
    project(
        tmp_path,
        f"PORT=9000\nDEBUG=on\nTOKEN_TTL=2h\nAPP_SECRET={secret}\nHOSTS=a.com,b.com\nEXTRA_LIST=[1, 2]\nOTHER_NAME=x\n",
        TYPED,
    )
    # pydantic-settings alone would read this; envguard was told not to.
    monkeypatch.setenv("PORT", "1")
    s = load(tmp_path, settings_class=AppSettings)
    assert isinstance(s, AppSettings)
    assert s.port == 9000
    assert s.debug is True  # "on", by envguard's rules
    assert s.token_ttl == datetime.timedelta(hours=2)  # "2h", which pydantic alone rejects
    assert s.app_secret.get_secret_value() == secret
    assert s.hosts == ["a.com", "b.com"]
    assert s.extra_list == [1, 2]  # undeclared: JSON, as pydantic-settings reads complex types
    assert s.renamed == "x"


def test_settings_class_missing_field_is_reported(tmp_path: Path) -> None:
    project(tmp_path, "PORT=9000\n", TYPED)
    with pytest.raises(InvalidSettingsError) as info:
        load(tmp_path, settings_class=AppSettings)
    [finding] = info.value.findings
    assert (finding.code, finding.variable) == ("EG101", "APP_SECRET")
    assert "required by AppSettings" in finding.message


def test_settings_class_type_mismatch_is_reported(tmp_path: Path) -> None:
    class Strict(BaseModel):
        PARTNER_LEVEL: int

    project(tmp_path, "PARTNER_LEVEL=high\n")
    with pytest.raises(InvalidSettingsError) as info:
        load(tmp_path, settings_class=Strict)
    [finding] = info.value.findings
    assert finding.code == "EG102"
    assert finding.variable == "PARTNER_LEVEL"
    assert finding.path == ".env"
    assert finding.line == 1
    assert "Strict.PARTNER_LEVEL is declared as int" in (finding.hint or "")


def test_settings_class_must_be_a_model(tmp_path: Path) -> None:
    project(tmp_path, "")
    with pytest.raises(UsageError, match="settings_class"):
        load(tmp_path, settings_class=dict)  # type: ignore[type-var]


def test_load_is_exported_lazily() -> None:
    from envguard.runtime.settings import load as runtime_load

    assert envguard.load is runtime_load


def test_a_bad_alias_is_reported_once(tmp_path: Path) -> None:
    project(tmp_path, "APP_PORT=eighty\n", "variables:\n  PORT: {type: port, aliases: [APP_PORT]}\n")
    with pytest.raises(InvalidSettingsError) as info:
        load(tmp_path)
    assert [(f.code, f.variable, f.line) for f in info.value.findings] == [("EG102", "APP_PORT", 1)]
    project(tmp_path, "APP_PORT=8080\n")
    s = load(tmp_path)
    assert s.PORT == 8080
    assert s.APP_PORT == 8080
