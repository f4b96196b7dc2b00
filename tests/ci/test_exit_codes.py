"""Exit codes end to end through envguard.cli.main.main: 0 clean, 1 findings, 2 usage or
config error, 3 internal error; --exit-zero, --fail-on and --strict, in every format."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from egtest import chdir, run, write_project

CONFIG = "variables:\n  APP_PORT: {type: port, required: true}\n"
CLEAN = {"envguard.yaml": CONFIG, ".env": "APP_PORT=8080\n", ".env.example": "APP_PORT=\n"}
# EG111 (not in the example) is a warning; nothing is an error.
WARNING_ONLY = {"envguard.yaml": CONFIG, ".env": "APP_PORT=8080\nEXTRA=1\n", ".env.example": "APP_PORT=\n"}
# EG102 (not a port) is an error.
ERROR = {"envguard.yaml": CONFIG, ".env": "APP_PORT=http\n", ".env.example": "APP_PORT=\n"}

FORMATS = ("text", "json", "sarif", "github", "junit")


def check(root: Path, *args: str) -> tuple[int, str, str]:
    with chdir(root):
        return run("check", *args)


@pytest.mark.parametrize(
    ("files", "args", "expected"),
    [
        (CLEAN, (), 0),
        (WARNING_ONLY, (), 0),
        (WARNING_ONLY, ("--fail-on", "warning"), 1),
        (WARNING_ONLY, ("--strict",), 1),
        (WARNING_ONLY, ("--fail-on", "warning", "--exit-zero"), 0),
        (ERROR, (), 1),
        (ERROR, ("--fail-on", "error"), 1),
        (ERROR, ("--exit-zero",), 0),
        (ERROR, ("--ignore", "EG102,EG101"), 0),
        (ERROR, ("--select", "EG0"), 0),
        ({**WARNING_ONLY, "envguard.yaml": CONFIG + "fail_on: warning\n"}, (), 1),
        ({**WARNING_ONLY, "envguard.yaml": CONFIG + "fail_on: warning\n"}, ("--fail-on", "error"), 0),
        ({**WARNING_ONLY, "envguard.yaml": CONFIG + "strict: true\n"}, (), 1),
    ],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_check_exit_codes(
    tmp_path: Path, files: dict[str, str], args: tuple[str, ...], expected: int, fmt: str
) -> None:
    root = write_project(tmp_path, files)
    code, out, err = check(root, "--format", fmt, *args)
    assert code == expected, err
    assert err == ""
    assert out  # every format reports something, also when clean


@pytest.mark.parametrize(
    ("files", "args", "message"),
    [
        (CLEAN, ("--no-such-flag",), "unrecognized arguments"),
        (CLEAN, ("--format", "xml"), "invalid choice"),
        (CLEAN, ("--fail-on", "info"), "invalid choice"),
        (CLEAN, ("missing-dir",), "no such file or directory"),
        ({**CLEAN, "envguard.yaml": "variabels: {}\n"}, (), "envguard.yaml:1"),
        ({**CLEAN, "envguard.yaml": "extends: ../nowhere.yaml\n"}, (), "envguard.yaml:1"),
    ],
)
def test_usage_and_config_errors_exit_2(
    tmp_path: Path, files: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    root = write_project(tmp_path / "p", files)
    code, _, err = check(root, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_exit_zero_does_not_hide_usage_errors(tmp_path: Path) -> None:
    root = write_project(tmp_path, {**CLEAN, "envguard.yaml": "variabels: {}\n"})
    code, _, err = check(root, "--exit-zero")
    assert code == 2, err


def test_internal_errors_exit_3_without_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import envguard.checking.run

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("deep inside with a value sk_live_do_not_print")

    monkeypatch.setattr(envguard.checking.run, "check", boom)
    root = write_project(tmp_path, CLEAN)
    code, out, err = check(root)
    assert code == 3
    assert "internal error (RuntimeError)" in err
    assert "sk_live_do_not_print" not in err + out
    assert "Traceback" not in err


def test_reporter_output_file_and_exit_code(tmp_path: Path) -> None:
    root = write_project(tmp_path, ERROR)
    code, out, err = check(root, "--format", "junit", "--output", "junit.xml")
    assert code == 1, err
    assert out == ""
    assert (root / "junit.xml").read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.parametrize(
    ("args", "expected"),
    [((), 1), (("--exit-zero",), 0), (("--ignore", "EG350"), 0), (("--fail-on", "warning"), 1)],
)
def test_env_files_exit_codes(tmp_path: Path, args: tuple[str, ...], expected: int) -> None:
    root = write_project(tmp_path, {".env.production": "SESSION_SECRET=" + random.Random(7).randbytes(32).hex() + "\n"})
    with chdir(root):
        code, _, err = run("env-files", ".env.production", *args)
    assert code == expected, err


def test_env_files_warning_only(tmp_path: Path) -> None:
    root = write_project(tmp_path, {".env.example": "ENCRYPTION_KEY=" + random.Random(8).randbytes(16).hex() + "\n"})
    with chdir(root):
        assert run("env-files", ".env.example")[0] == 0
        assert run("env-files", ".env.example", "--fail-on", "warning")[0] == 1
        assert run("env-files", ".env.example", "--strict")[0] == 1


def test_env_files_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    with chdir(tmp_path):
        code, _, err = run("env-files", "nope.env")
    assert code == 2
    assert "no such file" in err
