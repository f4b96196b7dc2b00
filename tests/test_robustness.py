"""Bad input gets a clear message, never a traceback: arbitrary bytes in every file envguard
reads must end in exit 0, 1 or 2, never an exception or exit 3."""

from __future__ import annotations

import base64
import io
import json
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from egtest import chdir
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from envguard.cli.main import main

# Text that looks like the files in question, with the characters that break parsers.
_ENVISH = st.text(
    alphabet=st.sampled_from(
        [
            *list("ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcxyz0123456789=#'\"`${}:-.\\/ \t\n\r@?&%[]<>*!"),
            "é",
            "\ufeff",
            "\x00",
            "“",
        ]
    ),
    max_size=400,
)


def _b64(obj: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


# A service_role-shaped token, built here rather than written out (our own scanner rightly
# flags committed JWTs).
_JWT = f"{_b64({'alg': 'HS256'})}.{_b64({'role': 'service_role'})}.x"
_KEYS = st.sampled_from(
    [
        "DATABASE_URL", "DIRECT_URL", "REDIS_URL", "NEXTAUTH_SECRET", "STRIPE_SECRET_KEY", "NEXT_PUBLIC_SUPABASE_ANON_KEY",
        "SENTRY_DSN", "NEXT_PUBLIC_SENTRY_DSN", "HASH_SALT_ROUNDS", "ENCRYPTION_KEY", "JWT_SECRET", "AWS_REGION",
        "NODE_ENV", "PORT", "DEBUG", "FEATURE_X", "UPSTASH_REDIS_REST_URL", "EMAIL_FROM", "JWT_EXPIRES_IN",
    ]
)  # fmt: skip
_VALUES = st.one_of(
    _ENVISH.filter(lambda s: "\n" not in s and "\r" not in s),
    st.sampled_from(
        [
            "postgresql://u:p@h1:5432,h2:5432/db", "mysql://x@aws.connect.psdb.cloud/db", "file:./dev.db", "${A}${A}",
            "sk_test_", _JWT, "-----BEGIN PRIVATE KEY-----\\nAAA",
            "http://[::1", "redis://:@:0", "https://x@o1.ingest.sentry.io/abc", "1e309", "ture", "15 parsecs",
        ]
    ),
)  # fmt: skip
_ENV_FILE = st.lists(st.tuples(_KEYS, _VALUES), max_size=12).map(lambda kv: "".join(f"{k}={v}\n" for k, v in kv))

_YAMLISH = st.one_of(
    st.text(
        alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz_:-[]{}&*!|>'\"#, \n\t0123456789.")), max_size=300
    ),
    st.sampled_from(
        [
            "variables:\n  A: {type: int, min: 1d}\n",
            "use: [stripe, nope]\n",
            "environments:\n  production:\n    variables:\n      X: {choices: [a]}\n",
            "rules:\n  - consistent: [A, B]\n    by: mode\n    when: {C: [1, 2]}\n",
            "a: &a [*a]\n",
            "extends: envguard.yaml\n",
            "crossfile:\n  pairs: [[A]]\n  compose_files: x\n",
        ]
    ),
)

_PROJECT_FILES = st.fixed_dictionaries(
    {
        ".env": _ENV_FILE,
        ".env.example": _ENV_FILE,
    },
    optional={
        "envguard.yaml": _YAMLISH,
        "prisma/schema.prisma": _ENVISH,
        "docker-compose.yml": _YAMLISH,
        "package.json": st.one_of(_ENVISH, st.just('{"dependencies": {"mysql2": 1, "pg": null}}')),
        "alembic.ini": _ENVISH,
        ".env.production": _ENV_FILE,
    },
)


def _run(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    return code, err.getvalue()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    files=_PROJECT_FILES, production=st.booleans(), fmt=st.sampled_from(["text", "json", "sarif", "github", "junit"])
)
def test_check_never_crashes(files: dict[str, str], production: bool, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
        argv = ["check", "--format", fmt, *(["-e", "production"] if production else [])]
        with chdir(root):
            code, err = _run(argv)
    assert code in (0, 1, 2), err
    assert "Traceback" not in err
    if code == 2:
        assert err.startswith("envguard: "), err


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_ENVISH, name=st.sampled_from(["app.py", "config.ts", ".env", "settings.json", "Dockerfile", "notes.md"]))
def test_scan_never_crashes(body: str, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / name).write_bytes(body.encode("utf-8", "surrogatepass"))
        with chdir(root):
            code, err = _run(["scan", "--all-files", "--format", "json"])
    assert code in (0, 1), err
    assert "Traceback" not in err


def test_environment_names_never_become_paths(tmp_path: Path) -> None:
    # Found by the fuzzer: NODE_ENV={ crashed the file discovery; NODE_ENV=../x must not
    # make envguard read files outside the project.
    (tmp_path / "outside.env").write_text("SECRET=1\n")
    project = tmp_path / "project"
    project.mkdir()
    for value in ("{", "../outside", "a/b", "..", "prod}"):
        (project / ".env").write_text(f"NODE_ENV={value}\n")
        with chdir(project):
            code, err = _run(["check", "--format", "json"])
        assert code in (0, 1), err
    with chdir(project):
        code, err = _run(["check", "-e", "../outside"])
    assert code == 2
    assert "invalid environment name" in err


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(env=_ENV_FILE, example=_ENV_FILE)
def test_env_files_hook_never_crashes(env: str, example: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / ".env.production").write_bytes(env.encode("utf-8", "surrogatepass"))
        (root / ".env.example").write_bytes(example.encode("utf-8", "surrogatepass"))
        with chdir(root):
            code, err = _run(["env-files", ".env.production", ".env.example"])
    assert code in (0, 1), err
    assert "Traceback" not in err


@pytest.mark.filterwarnings("ignore:.*shorter than 8 characters")  # random short values, as intended
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(env=_ENV_FILE, production=st.booleans())
def test_load_returns_settings_or_raises_invalid_settings(env: str, production: bool) -> None:
    import envguard
    from envguard.core.errors import EnvguardError, InvalidSettingsError

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / ".env").write_bytes(env.encode("utf-8", "surrogatepass"))
        problem: EnvguardError | None = None
        try:
            envguard.load(
                root=root, environment="production" if production else None, from_environ=False, log_warnings=False
            )
        except EnvguardError as exc:  # a usage problem (an unreadable file...) is a clear message too
            problem = exc
    if isinstance(problem, InvalidSettingsError):
        assert problem.findings
    elif problem is not None:
        assert str(problem)
