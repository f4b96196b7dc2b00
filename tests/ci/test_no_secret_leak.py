"""Never a secret value in any output format: plant generated secrets, render every
format of every command, and look for the values (and their random parts)."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest
from ci.cihelp import git
from egtest import assert_no_secret, chdir, fake, run, write_project

FORMATS = ("text", "json", "sarif", "github", "junit")


def _random(n: int, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(n))


STRIPE = fake("stripe-secret-key", "live", seed=41)
OPENAI = fake("openai-api-key", "live", seed=42)
PASSWORD = _random(24, 43)
SESSION = _random(40, 44)
SHORT = _random(12, 45)  # too short for a JWT secret: a strength finding quotes only its length
SECRETS = (STRIPE, OPENAI, PASSWORD, SESSION, SHORT)


def needles() -> list[str]:
    """Each secret, and its part after any provider prefix (a prefix alone may be shown)."""
    out = []
    for s in SECRETS:
        out.append(s)
        for prefix in ("sk_live_", "sk-proj-", "sk-"):
            if s.startswith(prefix):
                out.append(s[len(prefix) :][:12])
    return out


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    root = tmp_path / "leaky"
    root.mkdir()
    git(root, "init", "-q")
    write_project(
        root,
        {
            "envguard.yaml": "environment: production\nvariables:\n  SESSION_SECRET: {secret: true, min_length: 64}\n",
            ".env": f"STRIPE_SECRET_KEY={STRIPE}\n"
            f"DATABASE_URL=postgres://app:{PASSWORD}@db.example.com:notaport/app\n"
            f"SESSION_SECRET={SESSION}\n"
            f"JWT_SECRET={SHORT}\n"
            f"OPENAI_API_KEY={OPENAI}\n"
            f"NEXT_PUBLIC_OPENAI_KEY={OPENAI}\n",
            ".env.example": f"STRIPE_SECRET_KEY={STRIPE}\nOPENAI_API_KEY=\n",
            "src/config.py": f'OPENAI_API_KEY = "{OPENAI}"\nDB = "postgres://app:{PASSWORD}@db.example.com/app"\n',
        },
    )
    return root


def _assert_clean(text: str) -> None:
    assert_no_secret(text, *needles())


@pytest.mark.parametrize("fmt", FORMATS)
def test_check(planted: Path, fmt: str) -> None:
    with chdir(planted):
        code, out, err = run("check", "--format", fmt)
    assert code == 1, err  # there is something to report, so the test can fail
    _assert_clean(out + err)


@pytest.mark.parametrize("fmt", FORMATS)
def test_check_from_environ(planted: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"postgres://app:{PASSWORD}@db.example.com:notaport/app")
    monkeypatch.setenv("SESSION_SECRET", SHORT)
    with chdir(planted):
        code, out, err = run("check", "--from-environ", "--format", fmt)
    assert code == 1, err
    _assert_clean(out + err)


@pytest.mark.parametrize("fmt", FORMATS)
def test_env_files(planted: Path, fmt: str) -> None:
    with chdir(planted):
        code, out, err = run("env-files", "--format", fmt, ".env", ".env.example")
    assert code == 1, err
    _assert_clean(out + err)


@pytest.mark.parametrize("fmt", FORMATS)
def test_scan(planted: Path, fmt: str) -> None:
    pytest.importorskip("envguard.cli.scan")
    with chdir(planted):
        code, out, err = run("scan", "--format", fmt, "src/config.py", ".env.example")
    assert code == 1, err
    _assert_clean(out + err)


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_files(planted: Path, fmt: str) -> None:
    with chdir(planted):
        code, out, err = run("check", "--format", fmt, "--output", "report.out")
    assert code == 1, err
    _assert_clean(out + err + (planted / "report.out").read_text(encoding="utf-8"))
