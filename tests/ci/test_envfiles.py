"""envguard env-files (EG350-EG353): real secret values in env files being committed."""

from __future__ import annotations

import base64
import json
import random
from pathlib import Path
from typing import Any

import pytest
from ci.cihelp import git
from egtest import assert_no_secret, chdir, fake, run, write_project

from envguard.rules import committed as envfiles
from envguard.rules.committed import FileRole, classify, is_encrypted_value, is_env_file_name


def rand_hex(nbytes: int, seed: int = 0) -> str:
    return random.Random(seed).randbytes(nbytes).hex()


def rand_b64(nbytes: int, seed: int = 0) -> str:
    return base64.urlsafe_b64encode(random.Random(seed).randbytes(nbytes)).decode().rstrip("=")


def env_files(root: Path, *args: str) -> tuple[int, list[dict[str, Any]], dict[str, Any]]:
    with chdir(root):
        code, out, err = run("env-files", "--format", "json", *args)
    assert code in (0, 1), err
    payload = json.loads(out)
    return code, payload["findings"], payload


# --- the encrypted-value predicate ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "encrypted"),
    [
        ("encrypted:" + base64.b64encode(random.Random(1).randbytes(120)).decode(), True),  # dotenvx
        ("  encrypted:" + rand_b64(48) + "  ", True),
        ("ENC[AES256_GCM,data:" + "QUJD" * 4 + ",iv:" + "SVY=" + ",tag:" + "VEFH" + ",type:str]", True),  # sops
        ("encrypted:hunter2", False),  # a label, not ciphertext
        ("encrypted:", False),
        ("ENC[not really]", False),
        ("plain-" + rand_hex(16), False),
        ("", False),
    ],
)
def test_is_encrypted_value(value: str, encrypted: bool) -> None:
    assert is_encrypted_value(value) is encrypted


def test_the_encryption_work_can_register_a_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(envfiles, "ENCRYPTED_FORMATS", list(envfiles.ENCRYPTED_FORMATS))
    value = "eg1:" + rand_b64(64)
    assert not is_encrypted_value(value)
    envfiles.register_encrypted_format("eg1:", r"eg1:[A-Za-z0-9_-]{40,}")
    assert is_encrypted_value(value)
    assert classify("SESSION_SECRET", value) is None


# --- names and roles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "env", "example", "development"),
    [
        (".env", True, False, False),
        (".env.local", True, False, False),
        (".env.production", True, False, False),
        (".env.production.local", True, False, False),
        (".env.keys", True, False, False),  # dotenvx private keys
        (".env.test", True, False, True),
        (".env.development.local", True, False, True),
        (".env.ci", True, False, True),
        ("prod.env", True, False, False),
        (".env-staging", True, False, False),
        (".env.example", True, True, False),
        (".env.sample", True, True, False),
        (".env.template", True, True, False),
        (".env.production.example", True, True, False),
        (".env.defaults", True, True, False),
        ("env.example", True, True, False),
        ("example.env", True, True, False),
        (".dev.vars", True, False, True),  # Cloudflare Wrangler, `wrangler dev` only
        (".dev.vars.staging", True, False, True),
        (".dev.vars.example", True, True, True),
        (".envrc", False, False, False),
        (".env.gpg", False, False, False),
        (".env.production.age", False, False, False),
        (".env.vault", False, False, False),
        (".env.ts", False, False, False),
        (".env.json", False, False, False),
        ("env.d.ts", False, False, False),
        ("environment.py", False, False, False),
        ("settings.env.py", False, False, False),
    ],
)
def test_names_and_roles(name: str, env: bool, example: bool, development: bool) -> None:
    assert is_env_file_name(name) is env
    if env:
        assert FileRole.of(name) == FileRole(example=example, development=development)


# --- values ---------------------------------------------------------------------------------

SAFE = [
    ("STRIPE_SECRET_KEY", ""),
    ("STRIPE_SECRET_KEY", "sk_test_xxx"),
    ("STRIPE_SECRET_KEY", "sk_live_..."),
    ("OPENAI_API_KEY", "sk-proj-xxxxxxxx"),
    ("JWT_SECRET", "supersecret"),
    ("JWT_SECRET", "changeme"),
    ("NEXTAUTH_SECRET", "<generate with openssl rand -base64 32>"),
    ("AUTH_SECRET", "your-secret-here"),
    ("DB_PASSWORD", "${DB_PASSWORD}"),
    ("API_TOKEN", "$API_TOKEN"),
    ("API_TOKEN", "op://prod/api/token"),
    ("DB_PASSWORD", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"),
    ("SESSION_SECRET", "encrypted:" + rand_b64(90)),
    ("DATABASE_URL", "postgresql://postgres:postgres@localhost:5432/app"),
    ("DATABASE_URL", "postgres://app:" + rand_b64(18) + "@db:5432/app"),  # compose service name
    ("DATABASE_URL", "postgres://app:${DB_PASSWORD}@db.prod.example.com/app"),
    ("DATABASE_URL", "postgres://USER:PASSWORD@HOST:PORT/DB"),
    ("REDIS_URL", "redis://localhost:6379"),
    ("STRIPE_PUBLISHABLE_KEY", "pk_live_" + rand_b64(40)),  # public by design
    ("NEXT_PUBLIC_POSTHOG_KEY", "phc_" + rand_b64(32)),
    ("APP_NAME", "my app"),
    ("DEBUG", "false"),
    ("CACHE_DIR", rand_hex(20)),  # random but not secret by name nor by format
    ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),  # AWS docs example
]


@pytest.mark.parametrize(("name", "value"), SAFE)
def test_safe_values(name: str, value: str) -> None:
    assert classify(name, value) is None


def _pem() -> str:
    body = base64.b64encode(random.Random(5).randbytes(96)).decode()
    return "-----BEGIN RSA PRIVATE KEY-----\\n" + body + "\\n-----END RSA PRIVATE KEY-----"


SECRET = [
    ("STRIPE_SECRET_KEY", fake("stripe-secret-key"), "provider", "live Stripe"),
    ("STRIPE_SECRET_KEY", fake("stripe-secret-key", "test"), "provider", "test Stripe"),
    ("SOME_VAR", fake("openai-api-key"), "provider", "OpenAI"),  # by format, whatever the name
    ("GITHUB_TOKEN", fake("github-token", "p"), "provider", "GitHub"),
    ("SIGNING_KEY", _pem(), "private-key", "private key"),
    ("DATABASE_URL", "postgres://app:" + rand_b64(18) + "@db.prod.example.com:5432/app", "url", "db.prod.example.com"),
    ("SESSION_SECRET", rand_hex(32), "random", "random-looking"),
    ("JWT_SECRET", "MySuperSecretKey2024!", "hand-made", "real-looking"),
]


@pytest.mark.parametrize(("name", "value", "kind", "words"), SECRET)
def test_secret_values(name: str, value: str, kind: str, words: str) -> None:
    verdict = classify(name, value)
    assert verdict is not None
    assert verdict.kind == kind
    assert words in verdict.what
    assert_no_secret(verdict.what, value)


# --- files ----------------------------------------------------------------------------------

LIVE = fake("stripe-secret-key")
RANDOM = rand_hex(32, seed=11)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (".env.production", f"STRIPE_SECRET_KEY={LIVE}\n", [("EG350", "error", 1)]),
        (".env.production", f"SESSION_SECRET={RANDOM}\n", [("EG350", "error", 1)]),
        (".env.production", "JWT_SECRET=MySuperSecretKey2024!\n", [("EG350", "error", 1)]),
        (".env.test", "JWT_SECRET=MySuperSecretKey2024!\n", [("EG350", "warning", 1)]),
        (".env.test", f"SESSION_SECRET={RANDOM}\n", [("EG350", "error", 1)]),
        (".env.example", f"STRIPE_SECRET_KEY={LIVE}\n", [("EG351", "error", 1)]),
        (".env.example", f"SESSION_SECRET={RANDOM}\n", [("EG352", "warning", 1)]),
        # PostHog: a private key published on purpose, marked for local development only.
        (".env.example", f"# LOCAL DEVELOPMENT ONLY\nOIDC_RSA_PRIVATE_KEY={_pem()}\n", [("EG351", "warning", 2)]),
        (".env.example", f"OIDC_RSA_PRIVATE_KEY={_pem()}\n", [("EG351", "error", 1)]),
        (".env.example", "JWT_SECRET=MySuperSecretKey2024!\n", []),
        (".env.example", f"DATABASE_URL=postgres://a:{RANDOM}@db.example.com/a\n", [("EG353", "error", 1)]),
        (".env", f"# comment\nDEBUG=1\nDATABASE_URL=postgres://a:{RANDOM}@db.example.com/a\n", [("EG353", "error", 3)]),
        (".env.example", "STRIPE_SECRET_KEY=\nJWT_SECRET=changeme\nDATABASE_URL=postgres://u:p@localhost/x\n", []),
        # Superset's committed docker/.env: the password is the user name, a local default.
        (".env", "DATABASE_USER=superset\nDATABASE_PASSWORD=superset\nPOSTGRES_USER=superset\n", []),
        (".env", f"DATABASE_USER=superset\nDATABASE_PASSWORD={RANDOM}\n", [("EG350", "error", 2)]),
        (".env.production", f"SESSION_SECRET=encrypted:{rand_b64(80)}\nAPI_KEY=${{API_KEY}}\n", []),
        # Suppressed inline, on the line or the line above.
        (".env.production", f"SESSION_SECRET={RANDOM}  # envguard: ignore[EG350]\n", []),
        (".env.production", f"# envguard: ignore[EG3]\nSESSION_SECRET={RANDOM}\n", []),
        (".env.production", f"SESSION_SECRET={RANDOM}  # envguard: ignore[EG999]\n", [("EG350", "error", 1)]),
    ],
)
def test_files(tmp_path: Path, name: str, text: str, expected: list[tuple[str, str, int]]) -> None:
    root = write_project(tmp_path, {name: text})
    code, found, payload = env_files(root, name)
    assert [(f["code"], f["severity"], f["line"]) for f in found] == expected
    assert code == (1 if any(sev == "error" for _, sev, _ in expected) else 0)
    for f in found:
        assert f["path"] == name
        assert f["variable"]
        assert f["hint"]
    assert payload["files"] == [name]
    assert_no_secret(json.dumps(payload), LIVE, RANDOM)


def test_config_ignores_and_severity(tmp_path: Path) -> None:
    root = write_project(
        tmp_path,
        {
            ".env.production": f"SESSION_SECRET={RANDOM}\n",
            ".env.staging": f"SESSION_SECRET={RANDOM}\n",
            "envguard.yaml": "per_file_ignores:\n  .env.staging: [EG350]\nseverity:\n  EG350: warning\n",
        },
    )
    code, found, payload = env_files(root, ".env.production", ".env.staging")
    assert code == 0
    assert [(f["path"], f["severity"]) for f in found] == [(".env.production", "warning")]
    assert payload["summary"]["suppressed"] == 1


def test_monorepo_packages_use_their_own_config(tmp_path: Path) -> None:
    root = write_project(
        tmp_path,
        {
            "apps/web/.env.production": f"SESSION_SECRET={RANDOM}\n",
            "apps/web/envguard.yaml": "ignore: [EG350]\n",
            "apps/api/.env.production": f"SESSION_SECRET={RANDOM}\n",
            "apps/api/envguard.yaml": "infer: true\n",
        },
    )
    (root / ".git").mkdir()
    _, found, _ = env_files(root, "apps/web/.env.production", "apps/api/.env.production")
    assert [f["path"] for f in found] == ["apps/api/.env.production"]


def test_without_paths_checks_what_git_tracks(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    write_project(
        root,
        {
            ".env": f"SESSION_SECRET={RANDOM}\n",  # local only: not tracked, not reported
            ".env.production": f"SESSION_SECRET={RANDOM}\n",
            "apps/api/.env.staging": f"STRIPE_SECRET_KEY={LIVE}\n",
            ".env.example": "SESSION_SECRET=\n",
            "README.md": "no env here\n",
        },
    )
    git(root, "add", ".env.production", "apps/api/.env.staging", ".env.example", "README.md")
    code, found, payload = env_files(root)
    assert code == 1
    assert sorted(payload["files"]) == [".env.example", ".env.production", "apps/api/.env.staging"]
    assert {f["path"] for f in found} == {".env.production", "apps/api/.env.staging"}


def test_without_paths_in_a_subdirectory_only_its_files(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    write_project(
        root, {"apps/api/.env.production": f"SESSION_SECRET={RANDOM}\n", "apps/web/.env": f"A_SECRET={RANDOM}\n"}
    )
    git(root, "add", ".")
    _, found, payload = env_files(root / "apps" / "api")
    assert payload["files"] == [".env.production"]
    assert [f["path"] for f in found] == [".env.production"]


def test_without_git_walks_the_directory(tmp_path: Path) -> None:
    root = write_project(
        tmp_path / "plain",
        {".env": f"SESSION_SECRET={RANDOM}\n", "node_modules/x/.env": f"SESSION_SECRET={RANDOM}\n"},
    )
    _, found, payload = env_files(root)
    assert [f["path"] for f in found] == [".env"]
    assert any("not a git work tree" in n for n in payload["notes"])


def test_a_directory_argument_is_searched(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"config/.env.production": f"SESSION_SECRET={RANDOM}\n"})
    _, found, _ = env_files(root, "config")
    assert [f["path"] for f in found] == ["config/.env.production"]


def test_unreadable_files_are_noted_not_fatal(tmp_path: Path) -> None:
    root = tmp_path
    (root / ".env.production").write_bytes(b"KEY=\x00\x01binary")
    code, found, payload = env_files(root, ".env.production")
    assert code == 0
    assert found == []
    assert any("binary" in n for n in payload["notes"])


def test_rules_are_documented() -> None:
    from envguard.rules.base import SECTIONS

    assert [r.code for r in envfiles.RULES] == ["EG350", "EG351", "EG352", "EG353"]
    for rule in envfiles.RULES:
        assert set(rule.sections()) == set(SECTIONS), rule.code
        assert rule.summary.endswith(".")
        assert rule.name == rule.name.lower()
