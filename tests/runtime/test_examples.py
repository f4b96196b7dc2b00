"""The runtime examples in docs/examples/runtime/ run for real: a plain script, FastAPI,
Flask and Django start on envguard.load(), serve a request through their test clients,
and refuse to start on a bad configuration. Each runs in a fresh process from a copy of
the example project with credentials generated now."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from egtest import assert_no_secret, fake
from runtime.rthelp import token

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "runtime"

# script -> (modules it needs, what a good run prints)
CASES = {
    "plain_script.py": ((), "ALLOWED_HOSTS=['localhost', '127.0.0.1']"),
    "fastapi_app.py": (("fastapi", "httpx2|httpx"), "200 {'debug': False, 'port': 8000, 'session_seconds': 3600.0"),
    "flask_app.py": (("flask",), "200 {'debug': False, 'hosts': ['localhost', '127.0.0.1'], 'payments': True}"),
    "django_check.py": (("django",), "200 {'debug': False, 'hosts': ['localhost', '127.0.0.1']}"),
}


def _needs(modules: tuple[str, ...]) -> None:
    # "a|b": either will do (Starlette's test client takes httpx2, or httpx with a warning).
    missing = [m for m in modules if all(importlib.util.find_spec(alt) is None for alt in m.split("|"))]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (add to the `test` extra to run this example)")


def _project(tmp_path: Path, env: str) -> Path:
    for item in EXAMPLES.iterdir():
        if item.is_file():
            shutil.copy(item, tmp_path / item.name)
    (tmp_path / ".env").write_text(env, encoding="utf-8")
    return tmp_path


def _run(cwd: Path, script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-W", "ignore::DeprecationWarning", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("script", sorted(CASES))
def test_example_starts_and_masks_secrets(tmp_path: Path, script: str) -> None:
    modules, expected = CASES[script]
    _needs(modules)
    secret_key, stripe = token(50), fake("stripe-secret-key", "test")
    env = (
        f"SECRET_KEY={secret_key}\nDEBUG=false\nALLOWED_HOSTS=localhost,127.0.0.1\n"
        f"DATABASE_URL=sqlite:///db.sqlite3\nSESSION_TTL=1h\nSTRIPE_SECRET_KEY={stripe}\n"
    )
    proc = _run(_project(tmp_path, env), script)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-3000:]
    assert expected in output
    assert_no_secret(output, secret_key, stripe)
    if script != "fastapi_app.py":
        assert "[REDACTED:SECRET_KEY]" in output  # the example logs the key by mistake, on purpose


@pytest.mark.parametrize("script", sorted(CASES))
def test_example_refuses_a_bad_configuration(tmp_path: Path, script: str) -> None:
    modules, _ = CASES[script]
    _needs(modules)
    stripe = fake("stripe-secret-key", "test")
    env = f"DEBUG=ture\nALLOWED_HOSTS=localhost,\nSESSION_TTL=forever\nSTRIPE_SECRET_KEY={stripe}\n"
    proc = _run(_project(tmp_path, env), script)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    for line in ("EG101 SECRET_KEY", "EG101 DATABASE_URL", "EG102 DEBUG", "EG102 ALLOWED_HOSTS", "EG102 SESSION_TTL"):
        assert line in output, output[-3000:]
    assert "200 {" not in output  # nothing was served
    assert_no_secret(output, stripe)
