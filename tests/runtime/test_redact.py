"""envguard.redact: log records, exception text, the installer, short values."""

from __future__ import annotations

import io
import json
import logging
import logging.config
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from egtest import assert_no_secret
from runtime.rthelp import project, token

import envguard
from envguard.runtime.redact import MIN_LENGTH, Redactor, ShortSecretWarning, redact


@pytest.fixture
def secret() -> str:
    value = token(40)
    redact.add("APP_SECRET", value)
    return value


@pytest.fixture
def capture() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s|%(custom)s"))
    logger = logging.getLogger("test.redact")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    handler.addFilter(envguard.redact)
    try:
        yield logger, stream
    finally:
        logger.removeHandler(handler)
        logger.propagate = True


def test_text(secret: str) -> None:
    assert redact(f"a {secret} b") == "a [REDACTED:APP_SECRET] b"
    assert envguard.redact(f"x{secret}") == "x[REDACTED:APP_SECRET]"
    assert redact("nothing here") == "nothing here"


def test_encoded_forms_are_masked() -> None:
    value = token(20) + "/+= \"'\\"
    redact.add("ODD_SECRET", value)
    for text in (value, quote(value, safe=""), json.dumps(value), repr(value)):
        assert_no_secret(redact(f"<{text}>"), value)
        assert "[REDACTED:ODD_SECRET]" in redact(text)


def test_pem_lines_are_masked_on_their_own() -> None:
    body = [token(64) for _ in range(3)]
    pem = "-----BEGIN PRIVATE KEY-----\n" + "\n".join(body) + "\n-----END PRIVATE KEY-----\n"
    redact.add("JWT_PRIVATE_KEY", pem)
    assert "BEGIN PRIVATE KEY" in redact("-----BEGIN PRIVATE KEY----- alone")  # not itself secret
    assert_no_secret(redact(f"error near {body[1]}"), body[1])


def test_record_message_and_args(secret: str, capture: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = capture
    logger.info("key=%s", secret, extra={"custom": "-"})
    logger.info("key=%(k)s", {"k": secret}, extra={"custom": "-"})
    logger.info(f"inline {secret}", extra={"custom": "-"})
    logger.info("extra field", extra={"custom": f"in extra {secret}"})
    out = stream.getvalue()
    assert_no_secret(out, secret)
    assert out.count("[REDACTED:APP_SECRET]") == 4


def test_untouched_records_keep_their_args(secret: str) -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "count=%d", (3,), None)
    assert redact.filter(record)
    assert record.args == (3,)
    assert record.getMessage() == "count=3"


def test_exception_text_and_stack_info(secret: str, capture: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = capture
    try:
        try:
            raise KeyError(secret)
        except KeyError as inner:
            raise RuntimeError(f"wrapped {secret}") from inner
    except RuntimeError:
        logger.exception("failed", extra={"custom": "-"}, stack_info=True)
    out = stream.getvalue()
    assert_no_secret(out, secret)
    assert "RuntimeError: wrapped [REDACTED:APP_SECRET]" in out
    assert "KeyError" in out
    assert "Stack (most recent call last)" in out


def test_record_with_secret_exception_drops_the_raw_exception(secret: str) -> None:
    try:
        raise ValueError(secret)
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", (), sys.exc_info())
    redact.filter(record)
    assert record.exc_info is None  # no later handler can format the raw exception
    assert record.exc_text is not None
    assert "ValueError: [REDACTED:APP_SECRET]" in record.exc_text
    assert_no_secret(logging.Formatter().format(record), secret)


def test_format_exception(secret: str) -> None:
    try:
        raise ValueError(f"bad {secret}")
    except ValueError as exc:
        text = redact.format_exception(exc)
    assert "ValueError: bad [REDACTED:APP_SECRET]" in text
    assert_no_secret(text, secret)


def test_broken_format_string_does_not_break_logging(secret: str) -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%s %s " + secret, ("only one",), None)
    assert redact.filter(record)
    assert_no_secret(str(record.msg), secret)


def test_install_covers_loggers_and_handlers_made_later(secret: str) -> None:
    redact.install(excepthook=False)
    stream = io.StringIO()
    logger = logging.getLogger(f"made.later.{token(6)}")
    logger.addHandler(logging.StreamHandler(stream))  # after install: no filter on it
    logger.propagate = False
    logger.warning("late %s", secret)
    assert_no_secret(stream.getvalue(), secret)
    assert "[REDACTED:APP_SECRET]" in stream.getvalue()
    redact.uninstall()
    logger.warning("after %s", "uninstall")
    assert logging.getLogRecordFactory() is logging.LogRecord


def test_install_is_idempotent(secret: str) -> None:
    handler = logging.StreamHandler(io.StringIO())
    logging.getLogger().addHandler(handler)
    try:
        redact.install(excepthook=False)
        redact.install(excepthook=False)
        assert handler.filters.count(redact) == 1
        redact.uninstall()
        assert redact not in handler.filters
    finally:
        logging.getLogger().removeHandler(handler)


def test_dictconfig_filter_shares_the_registry(secret: str) -> None:
    stream = io.StringIO()
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "filters": {"redact": {"()": "envguard.runtime.redact.Redactor"}},
            "handlers": {"s": {"class": "logging.StreamHandler", "stream": stream, "filters": ["redact"]}},
            "loggers": {"dictcfg": {"handlers": ["s"], "propagate": False, "level": "INFO"}},
        }
    )
    logging.getLogger("dictcfg").info("v=%s", secret)
    assert stream.getvalue().strip() == "v=[REDACTED:APP_SECRET]"
    assert isinstance(Redactor(), logging.Filter)


def test_excepthooks_print_masked_tracebacks(secret: str, capsys: pytest.CaptureFixture[str]) -> None:
    redact.install()
    try:
        try:
            raise RuntimeError(secret)
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)

        def crash() -> None:
            raise RuntimeError(f"thread {secret}")

        t = threading.Thread(target=crash, name="worker")
        t.start()
        t.join()
    finally:
        redact.uninstall()
    err = capsys.readouterr().err
    assert_no_secret(err, secret)
    assert "RuntimeError: [REDACTED:APP_SECRET]" in err
    assert "Exception in thread worker" in err
    assert sys.excepthook is sys.__excepthook__


def test_uncaught_exception_in_a_real_process(tmp_path: Path) -> None:
    value = token(40)
    project(tmp_path, f"APP_SECRET={value}\n", "variables:\n  APP_SECRET: {type: secret}\n")
    script = (
        "import envguard\n"
        "s = envguard.load(from_environ=False)\n"
        "envguard.redact.install()\n"
        "raise SystemError('config is ' + s.APP_SECRET.get_secret_value())\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert "SystemError: config is [REDACTED:APP_SECRET]" in proc.stderr
    assert_no_secret(proc.stderr + proc.stdout, value)


def test_short_values_are_not_masked_and_warn_once_by_name() -> None:
    short = token(MIN_LENGTH - 1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert not redact.add("PIN_SECRET", short)
        assert not redact.add("PIN_SECRET", short)
    [warning] = caught
    assert warning.category is ShortSecretWarning
    assert "PIN_SECRET" in str(warning.message)
    assert str(MIN_LENGTH) in str(warning.message)
    assert short not in str(warning.message)
    assert redact(f"x {short} y") == f"x {short} y"
    assert "PIN_SECRET" not in redact.names


def test_load_registers_secrets_and_url_passwords(tmp_path: Path) -> None:
    value, password = token(40), token(20)
    project(
        tmp_path,
        f"APP_SECRET={value}\nRELAY_URL=https://relay:{password}@relay.example.com\nPLAIN=hello-world-value\n",
        "variables:\n  APP_SECRET: {type: secret}\n  RELAY_URL: {type: url}\n",
    )
    envguard.load(root=tmp_path, from_environ=False)
    assert redact.names == ["APP_SECRET", "RELAY_URL"]
    text = redact(f"{value} {password} hello-world-value")
    assert text == "[REDACTED:APP_SECRET] [REDACTED:RELAY_URL] hello-world-value"


def test_load_warns_about_short_secrets_of_the_app_only(tmp_path: Path) -> None:
    project(tmp_path, "DB_PASSWORD=abc12\n")
    with pytest.warns(ShortSecretWarning, match="DB_PASSWORD") as record:
        envguard.load(root=tmp_path, environ={"OTHER_TOKEN": "short"}, log_warnings=False)
    assert all("OTHER_TOKEN" not in str(w.message) for w in record)
    # The warning points at the caller of load(), not inside envguard.
    assert record[0].filename == __file__


def test_public_name_is_the_process_redactor() -> None:
    import envguard.runtime.redact as module

    # The module and the public object have different names now: importing the module
    # must not rebind envguard.redact to it.
    assert envguard.redact is module.redact
    assert isinstance(envguard.redact, module.Redactor)


def test_short_url_password_warning_names_the_part(tmp_path: Path) -> None:
    project(tmp_path, "RELAY_URL=https://relay:pw@relay.example.com\n", "variables:\n  RELAY_URL: {type: url}\n")
    with pytest.warns(ShortSecretWarning, match="the password in RELAY_URL"):
        envguard.load(root=tmp_path, from_environ=False)
