"""The CLI contract: exit codes, output shapes, errors without tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from egtest import assert_no_secret, chdir, check_json, fake, run, write_project

import envguard
from envguard.cli.main import main

CLEAN = {".env": "LOG_LEVEL=info\n", ".env.example": "LOG_LEVEL=\n"}


@pytest.mark.parametrize(
    ("files", "args", "expected"),
    [
        (CLEAN, (), 0),
        ({".env": 'A="open\n'}, (), 1),  # parse error
        ({".env": "A=1\nA=2\n"}, (), 0),  # warnings only
        ({".env": "A=1\nA=2\n"}, ("--strict",), 1),
        ({".env": "A=1\nA=2\n"}, ("--fail-on", "warning"), 1),
        ({".env": 'A="open\n'}, ("--exit-zero",), 0),
        ({".env": "A=1\nA=2\n", "envguard.yaml": "strict: true\n"}, (), 1),
        ({".env": "A=1\nA=2\n", "envguard.yaml": "fail_on: warning\n"}, ("--fail-on", "error"), 0),
        ({".env": "A=1  \n"}, ("--strict",), 0),  # info never fails
    ],
)
def test_exit_codes(tmp_path: Path, files: dict[str, str], args: tuple[str, ...], expected: int) -> None:
    write_project(tmp_path, files)
    with chdir(tmp_path):
        code, _, err = run("check", *args)
    assert code == expected, err


@pytest.mark.parametrize(
    ("files", "args", "message"),
    [
        ({}, ("--env-file", "nope.env"), "env file not found"),
        ({}, ("--select", "XYZ"), "unknown rule"),
        ({}, ("--select", "EG9999"), "bad rule selector"),
        ({}, ("--select", "EG999"), "no rule has code 'EG999'"),
        ({}, ("--ignore", "EG9"), "no rule has code 'EG9'"),
        ({"envguard.yaml": "ignore: [EG2, EG999]\n"}, (), "envguard.yaml:1: no rule has code 'EG999'"),
        ({"sub/x": ""}, ("--env-file", "sub"), "env file is a directory"),
        ({"pyproject.toml": "[tool.envguard\nuse = 1\n"}, (), "pyproject.toml:1: invalid TOML"),
        ({"pyproject.toml": "[tool.envguard]\nuse = [\n"}, (), "pyproject.toml:3: invalid TOML"),
        ({}, ("--format", "yaml"), "invalid choice"),
        (
            {"envguard.yaml": "variables:\n  A: {type: integer}\n"},
            (),
            "envguard.yaml:2: variable A: unknown type 'integer'",
        ),
        ({"envguard.yaml": "use: [stripee]\n"}, (), "did you mean 'stripe'"),
        ({"envguard.yaml": "vars: {}\n"}, (), "envguard.yaml:1: unknown key 'vars'"),
        ({"envguard.yaml": "a: [\n"}, (), "envguard.yaml:2: invalid YAML"),
        ({"pyproject.toml": "[tool.envguard]\nunknown = 'loud'\n"}, (), "pyproject.toml:2: 'unknown' must be one of"),
    ],
)
def test_usage_and_config_errors_exit_2(
    tmp_path: Path, files: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    write_project(tmp_path, files)
    with chdir(tmp_path):
        code, _out, err = run("check", *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_internal_error_exits_3_without_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import envguard.checking.run

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom with sensitive text")

    monkeypatch.setattr(envguard.checking.run, "build_context", boom)
    with chdir(tmp_path):
        code, _, err = run("check")
    assert code == 3
    assert "internal error (RuntimeError)" in err
    assert "sensitive" not in err
    assert "Traceback" not in err


def test_json_shape(tmp_path: Path) -> None:
    write_project(tmp_path, {".env": "A=1\nA=2\n"})
    _, findings, payload = check_json(tmp_path)
    assert payload["version"] == 1
    assert set(payload["summary"]) >= {"errors", "warnings", "info", "files", "suppressed", "environment"}
    assert set(findings[0]) >= {"code", "rule", "severity", "message", "path", "line", "column", "variable", "hint"}


def test_text_output_is_grouped_and_plain_without_tty(tmp_path: Path) -> None:
    write_project(tmp_path, {".env": "A=1\nA=2\n", ".env.example": "A=\nA=\n"})
    with chdir(tmp_path):
        code, out, _ = run("check")
    assert code == 0
    assert out.index(".env\n") < out.index(".env.example\n")
    assert "\033[" not in out
    assert "2 warnings in 2 files" in out


def test_color_always_and_no_color(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_project(tmp_path, {".env": "A=1\nA=2\n"})
    with chdir(tmp_path):
        _, out, _ = run("check", "--color", "always")
        assert "\033[" in out
        monkeypatch.setenv("NO_COLOR", "1")
        _, out, _ = run("check", "--color", "auto")
        assert "\033[" not in out


def test_output_file_is_written(tmp_path: Path) -> None:
    write_project(tmp_path, {".env": 'A="open\n'})
    with chdir(tmp_path):
        code, out, _ = run("check", "--format", "json", "--output", "report.json")
    assert code == 1
    assert out == ""
    assert json.loads((tmp_path / "report.json").read_text())["summary"]["errors"] == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_quiet_prints_nothing_when_clean(tmp_path: Path) -> None:
    write_project(tmp_path, CLEAN)
    with chdir(tmp_path):
        assert run("check", "-q") == (0, "", "")


def test_several_projects_at_once(tmp_path: Path) -> None:
    write_project(tmp_path, {"apps/web/.env": "A=1\nA=2\n", "apps/api/.env": 'B="open\n', ".git/HEAD": ""})
    with chdir(tmp_path):
        code, out, _ = run("check", "apps/web", "apps/api", "--format", "json")
    paths = sorted(f["path"] for f in json.loads(out)["findings"])
    assert code == 1
    assert paths == ["apps/api/.env", "apps/web/.env"]


def test_env_file_argument_sets_environment_from_its_name(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {"envguard.yaml": "variables:\n  APP_URL: {type: url}\n", ".env.production": "APP_URL=http://a.example.com\n"},
    )
    with chdir(tmp_path):
        code, out, _ = run("check", ".env.production", "--format", "json")
    payload = json.loads(out)
    assert payload["summary"]["environment"] == "production"
    assert payload["summary"]["environment_source"] == "the file name .env.production"
    assert [f["code"] for f in payload["findings"]] == ["EG104"]
    assert code == 1


def test_from_environ(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_project(tmp_path, {"envguard.yaml": "variables:\n  WORKERS: {type: int, required: true}\n"})
    monkeypatch.setenv("WORKERS", "many")
    with chdir(tmp_path):
        code, out, _ = run("check", "--from-environ", "--format", "json")
    finding = json.loads(out)["findings"][0]
    assert (code, finding["code"], finding["path"]) == (1, "EG102", "<environ>")
    monkeypatch.setenv("WORKERS", "4")
    with chdir(tmp_path):
        assert run("check", "--from-environ")[0] == 0


def test_from_environ_wins_over_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_project(tmp_path, {"envguard.yaml": "variables:\n  WORKERS: {type: int}\n", ".env": "WORKERS=x\n"})
    monkeypatch.setenv("WORKERS", "4")
    with chdir(tmp_path):
        assert run("check", "--from-environ", "--select", "EG102")[0] == 0


def test_rules_and_rule_commands() -> None:
    code, out, _ = run("rules")
    assert code == 0
    assert "EG001" in out
    assert "(off by default)" in out
    code, out, _ = run("rules", "--format", "json")
    listed = json.loads(out)
    assert {"code", "name", "severity", "summary", "help_uri"} <= set(listed[0])
    code, out, _ = run("rule", "EG017")
    assert code == 0
    assert "What it checks" in out
    assert "Example that passes" in out
    assert run("rule", "comment-as-value")[1] == out
    assert run("rule", "EG999")[0] == 2


def test_schema_commands() -> None:
    code, out, _ = run("schema", "list")
    assert code == 0
    assert "stripe" in out
    code, out, _ = run("schema", "show", "stripe")
    assert code == 0
    assert "STRIPE_SECRET_KEY" in out
    assert run("schema", "show", "nope")[0] == 2
    code, out, _ = run("schema", "formats")
    assert "stripe-secret-key" in out


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert envguard.__version__ in out
    assert main(["check", "--help"]) == 0
    assert main([]) == 2


def test_python_dash_m_and_console_script(tmp_path: Path) -> None:
    write_project(tmp_path, CLEAN)
    result = subprocess.run(
        [sys.executable, "-m", "envguard", "check"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "no problems found" in result.stdout


def test_check_never_imports_heavy_dependencies(tmp_path: Path) -> None:
    write_project(tmp_path, {".env": "STRIPE_SECRET_KEY=x\nNEXTAUTH_SECRET=changeme\n", ".env.example": "A=\n"})
    code = (
        "import sys\n"
        "from envguard.cli.main import main\n"
        "main(['check', '--exit-zero', '--output', 'report.txt'])\n"
        "heavy = ('pydantic', 'pydantic_settings', 'cryptography', 'detect_secrets', 'yaml')\n"
        "print('loaded:' + ','.join(sorted(m for m in heavy if m in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "loaded:"
    assert "EG1" in (tmp_path / "report.txt").read_text()


def test_no_secret_in_any_output(tmp_path: Path) -> None:
    secret = fake("stripe-secret-key", "test")
    write_project(
        tmp_path,
        {
            "envguard.yaml": "variables:\n  SENDGRID_API_KEY: {type: sendgrid-api-key}\n  PORT: {type: port}\n",
            ".env": f"SENDGRID_API_KEY={secret}\nPORT={secret}\nNEXT_PUBLIC_SECRET={secret}\n",
        },
    )
    with chdir(tmp_path):
        for fmt in ("text", "json"):
            _, out, err = run("check", "--format", fmt, "-e", "production")
            assert_no_secret(out + err, secret)


def test_environ_is_not_needed(tmp_path: Path) -> None:
    # Running in an empty directory with nothing to check is clean, not an error.
    with chdir(tmp_path):
        code, out, _ = run("check")
    assert code == 0
    assert "nothing to validate" in out


def test_main_does_not_leak_state_between_runs(tmp_path: Path) -> None:
    write_project(tmp_path, {".env": 'A="open\n'})
    with chdir(tmp_path):
        first = run("check")
        second = run("check")
    assert first == second
    assert os.getcwd() != str(tmp_path)


def test_an_inline_ignore_naming_no_rule_is_reported_as_a_note(tmp_path: Path) -> None:
    write_project(tmp_path, {".env": "PORT=abc # envguard: ignore[EG999]\nA=1 # envguard: ignore[EG1, weak-secret]\n"})
    with chdir(tmp_path):
        code, out, _ = run("check", "--format", "json")
    payload = json.loads(out)
    assert code == 1
    assert payload["notes"] == [".env:1: `envguard: ignore[EG999]` names no rule"]
