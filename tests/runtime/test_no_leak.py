"""Adversarial: a secret generated now must not escape through any failure path of load().

Every path that can fail (envguard's type and format checks, a missing required
variable, pydantic rejecting a value, a validator that quotes its input) runs with the
secret in play; the secret must appear in none of the exception's text, repr, cause,
context, formatted traceback, frame locals, findings, log output, or the settings' repr.
"""

from __future__ import annotations

import io
import logging
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from egtest import assert_no_secret
from pydantic import BaseModel, field_validator, model_validator
from runtime.rthelp import project, token

import envguard
from envguard.core.errors import InvalidSettingsError

SCHEMA = """
variables:
  WORKERS: {type: int}
  API_URL: {type: url}
  APP_SECRET: {type: secret, min_length: 80}
  MUST_HAVE: {type: string, required: true}
  STRIPE_SECRET_KEY: {type: stripe-secret-key}
  SESSION_TTL: {type: duration}
  RELAY_URL: {type: url, secret: false}
"""


@pytest.fixture
def secret() -> str:
    return token(48)


@pytest.fixture
def logs() -> Iterator[io.StringIO]:
    """Everything logged anywhere during the test, at every level."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


def _everything(exc: BaseException) -> str:
    """All the text an exception can show: its message, repr, chain, traceback, the
    locals of its frames (what error trackers capture) and its findings."""
    parts = [str(exc), repr(exc), repr(exc.__cause__), repr(exc.__context__)]
    parts.append("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    tb = exc.__traceback__
    while tb is not None:
        if "envguard" not in Path(tb.tb_frame.f_code.co_filename).parts:
            tb = tb.tb_next
            continue  # the caller's own frames (this test holds the secret, of course)
        for name, value in tb.tb_frame.f_locals.items():
            parts.append(f"{name}={value!r}")
            # Objects' attributes too; not classes: a class defined in a test keeps the
            # test's namespace (pydantic's parent namespace), secret included.
            if hasattr(value, "__dict__") and not isinstance(value, type):
                parts.append(repr(vars(value)))
        tb = tb.tb_next
    for f in getattr(exc, "findings", ()):
        parts.append(repr(f))
        parts.append(repr(f.to_dict()))
    return "\n".join(parts)


def _fail(root: Path, **kwargs: Any) -> InvalidSettingsError:
    with pytest.raises(InvalidSettingsError) as info:
        envguard.load(root=root, from_environ=False, **kwargs)
    exc = info.value
    assert exc.__cause__ is None
    assert exc.__context__ is None
    assert exc.__suppress_context__
    return exc


def _check(exc: BaseException, logs: io.StringIO, *secrets: str) -> None:
    assert_no_secret(_everything(exc), *secrets)
    logging.getLogger("app").exception("startup failed", exc_info=exc)
    assert_no_secret(logs.getvalue(), *secrets)


def test_bad_type_and_format_and_missing(tmp_path: Path, secret: str, logs: io.StringIO) -> None:
    # The secret sits in variables where it is wrong for envguard's own checks.
    project(
        tmp_path,
        f"WORKERS={secret}\nSTRIPE_SECRET_KEY={secret}\nAPP_SECRET={secret}\nSESSION_TTL={secret}\n"
        f"API_URL=https://{secret}@\n",
        SCHEMA,
    )
    exc = _fail(tmp_path)
    codes = {(f.code, f.variable) for f in exc.findings}
    assert ("EG102", "WORKERS") in codes
    assert ("EG108", "STRIPE_SECRET_KEY") in codes
    assert ("EG106", "APP_SECRET") in codes  # shorter than min_length
    assert ("EG102", "SESSION_TTL") in codes
    assert ("EG101", "MUST_HAVE") in codes
    assert any(v == "API_URL" for _, v in codes)
    _check(exc, logs, secret)


def test_pydantic_rejects_what_envguard_accepted(tmp_path: Path, secret: str, logs: io.StringIO) -> None:
    # envguard's URL check takes 999.1.1.1 for a host name; pydantic's URL parser does not.
    project(tmp_path, f"MUST_HAVE=x\nAPI_URL=https://user:{secret}@999.1.1.1/\n", SCHEMA)
    exc = _fail(tmp_path)
    [finding] = exc.findings
    assert (finding.code, finding.variable) == ("EG102", "API_URL")
    assert "is not accepted by Settings: input should be a valid URL" in finding.message
    assert finding.path == ".env"
    assert finding.line == 2
    _check(exc, logs, secret)


def test_pydantic_coercion_failure(tmp_path: Path, secret: str, logs: io.StringIO) -> None:
    class Settings(BaseModel):
        PARTNER_LEVEL: int  # not in any schema: only pydantic judges it
        PARTNER_IDS: list[int]

    project(tmp_path, f'PARTNER_LEVEL={secret}\nPARTNER_IDS=[1, "{secret}"]\n')
    exc = _fail(tmp_path, settings_class=Settings)
    assert {(f.code, f.variable) for f in exc.findings} == {("EG102", "PARTNER_LEVEL"), ("EG102", "PARTNER_IDS")}
    assert any("[1]" in f.message for f in exc.findings)  # where in the list, not what
    _check(exc, logs, secret)


def test_validators_that_quote_their_input(tmp_path: Path, secret: str, logs: io.StringIO) -> None:
    class Settings(BaseModel):
        PARTNER_TOKEN: str
        PARTNER_MODE: str

        @field_validator("PARTNER_TOKEN")
        @classmethod
        def loud(cls, v: str) -> str:
            raise ValueError(f"token {v} is revoked")

        @model_validator(mode="after")
        def louder(self) -> Settings:
            raise ValueError(f"mode {self.PARTNER_MODE} with {self.PARTNER_TOKEN}")

    project(tmp_path, f"PARTNER_TOKEN={secret}\nPARTNER_MODE={secret}x\n")
    exc = _fail(tmp_path, settings_class=Settings)
    assert any(f.variable == "PARTNER_TOKEN" and "value_error" in f.message for f in exc.findings)
    _check(exc, logs, secret)


def test_missing_required_with_secrets_around(tmp_path: Path, secret: str, logs: io.StringIO) -> None:
    other = token(40)
    project(tmp_path, f"APP_SECRET={secret}{other}\nRELAY_URL=https://relay:{other}@relay.example.com\n", SCHEMA)
    exc = _fail(tmp_path)
    assert [(f.code, f.variable) for f in exc.findings] == [("EG101", "MUST_HAVE")]
    _check(exc, logs, secret, other)


def test_settings_repr_and_logs_hide_every_secret(tmp_path: Path, secret: str, logs: io.StringIO) -> None:
    password = token(24)
    api_key = token(40)
    other = token(40)
    project(
        tmp_path,
        f"MUST_HAVE=yes\nAPP_SECRET={secret}{other}\nRELAY_URL=https://relay:{password}@relay.example.com\n"
        f"PARTNER_API_KEY={api_key}\nPLAIN_URL=redis://default:{password}@cache:6379\n",
        SCHEMA,
    )
    s = envguard.load(root=tmp_path, from_environ=False)
    for text in (repr(s), str(s)):
        assert_no_secret(text, secret, password, api_key)
    # Serialisation is data: declared secrets stay masked, a password inside a URL that is
    # not declared secret is kept (docs/runtime.md says to declare such URLs secret).
    assert_no_secret(s.model_dump_json(), secret, api_key)
    assert "**********" in repr(s)
    envguard.redact.install(excepthook=False)
    log = logging.getLogger("app.settings")
    log.info("loaded %r", s.model_dump())
    log.warning("relay=%s key=%s", str(s.RELAY_URL), s.PARTNER_API_KEY.get_secret_value())
    assert_no_secret(logs.getvalue(), secret, password, api_key)
