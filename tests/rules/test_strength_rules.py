"""EG2xx: weak, placeholder, known-weak, reused, key material, bcrypt cost, key modes.

Every secret is generated at test time (seeded, so failures reproduce). The schemas are
written here, so the tests do not depend on the built-in catalog.
"""

from __future__ import annotations

import base64
import json
import random
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from egtest import assert_no_secret, check_json, fake, write_project

from envguard.checking.build import build_context
from envguard.checking.run import run_checks
from envguard.core.findings import Finding, Severity
from envguard.project.context import Options
from envguard.rules import strength as rules

CONFIG = """
infer: false
variables:
  JWT_SECRET: {type: secret, key: jwt-hs256}
  NEXTAUTH_SECRET: {type: secret, min_bits: 256}
  SESSION_SECRET: {type: secret}
  CSRF_SECRET: {type: secret}
  SHARED_SECRET: {type: secret, options: {allow_reuse: true}}
  ENCRYPTION_KEY: {type: secret, key: fernet}
  DATA_KEY: {type: secret, key: aes-256}
  HEX_KEY: {type: secret, key: aes-256, encoding: hex}
  API_TOKEN: {type: secret, encoding: hex}
  SIGNING_KEY: {type: secret, key: pem-private-key, options: {private_key_encrypted: true}}
  JWT_PRIVATE_KEY: {type: secret, key: rsa-private-key}
  ES_KEY: {type: secret, key: ec-private-key, options: {curves: [secp384r1]}}
  JWT_PUBLIC_KEY: {type: string, key: pem-public-key}
  HASH_SALT_ROUNDS: {type: int, key: bcrypt-cost}
  STRICT_ROUNDS: {type: int, key: bcrypt-cost, options: {bcrypt_min: 12, bcrypt_max: 13}}
  STRIPE_SECRET_KEY: {type: stripe-secret-key}
  STRIPE_PUBLISHABLE_KEY: {type: stripe-publishable-key, exposure: public}
  DEMO_STRIPE_KEY: {type: stripe-secret-key, options: {allow_test_keys: true}}
  INNGEST_SIGNING_KEY: {type: inngest-signing-key}
  TEMPLATE_VALUE: {type: string, options: {allow_placeholder: true}}
  APP_URL: {type: url}
  WORKERS: {type: int}
"""

RNG = random.Random(20240601)


def b64(n: int) -> str:
    return base64.b64encode(RNG.randbytes(n)).decode()


def hexs(n: int) -> str:
    return RNG.randbytes(n).hex()


def pem(key: object, password: bytes | None = None) -> str:
    enc = serialization.BestAvailableEncryption(password) if password else serialization.NoEncryption()
    text = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, enc).decode()  # type: ignore[attr-defined]
    return '"' + text.replace("\n", "\\n") + '"'  # one line, as in PostHog's template


def public(key: object) -> str:
    text = (
        key.public_key()
        .public_bytes(  # type: ignore[attr-defined]
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        .decode()
    )
    return '"' + text.replace("\n", "\\n") + '"'


RSA2048 = rsa.generate_private_key(public_exponent=65537, key_size=2048)
RSA1024 = rsa.generate_private_key(public_exponent=65537, key_size=1024)
EC384 = ec.generate_private_key(ec.SECP384R1())
EC256 = ec.generate_private_key(ec.SECP256R1())
FERNET = Fernet.generate_key().decode()
TOKEN = Fernet(FERNET).encrypt(b"hello").decode()


def findings(
    root: Path,
    env: str,
    *,
    environment: str = "production",
    config: str = CONFIG,
    files: dict[str, str] | None = None,
) -> list[Finding]:
    write_project(root, {"envguard.yaml": config, ".env": env, **(files or {})})
    ctx = build_context(Options(root=root, environment=environment))
    found, _ = run_checks(ctx, list(rules.CHECKS))
    return found


def codes_of(found: list[Finding]) -> list[str]:
    return sorted(f.code for f in found)


DIGITS32 = "".join(RNG.choice("0123456789") for _ in range(32))

# (code, failing .env, passing .env, environment)
CASES = [
    # EG201 weak-secret: capacity below the requirement
    ("EG201", f"JWT_SECRET={hexs(16)}\n", f"JWT_SECRET={hexs(32)}\n", "production"),  # Infisical's 32 hex
    ("EG201", f"JWT_SECRET={b64(24)}\n", f"JWT_SECRET={b64(32)}\n", "production"),
    ("EG201", f"NEXTAUTH_SECRET={hexs(16)}\n", f"NEXTAUTH_SECRET={b64(32)}\n", "production"),
    ("EG201", f"SESSION_SECRET={hexs(8)}\n", f"SESSION_SECRET={hexs(16)}\n", "production"),  # default: 128 bits
    ("EG201", f"DB_PASSWORD={hexs(6)}\n", f"DB_PASSWORD={b64(12)}\n", "production"),  # passwords: 64 bits
    # A key used as 32 raw characters cannot carry 256 bits; 128 (32 hex, trigger.dev's
    # `openssl rand -hex 16`) is AES-128's level and passes, 32 decimal digits (106) do not.
    ("EG201", f"DATA_KEY={DIGITS32}\n", f"DATA_KEY={hexs(16)}\n", "production"),
    ("EG201", f"JWT_SECRET={hexs(16)}\n", f"JWT_SECRET={hexs(32)}\n", "development"),
    # EG202 placeholder-value
    (
        "EG202",
        "STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxx\n",
        f"STRIPE_SECRET_KEY={fake('stripe-secret-key')}\n",
        "production",
    ),
    ("EG202", "SESSION_SECRET=changeme\n", f"SESSION_SECRET={b64(32)}\n", "production"),
    ("EG202", "SESSION_SECRET=<generate-new-strong-secret>\n", f"SESSION_SECRET={b64(32)}\n", "production"),
    ("EG202", "MY_API_KEY=your-api-key-here\n", f"MY_API_KEY={b64(32)}\n", "production"),
    ("EG202", "APP_URL=https://...\n", "APP_URL=https://app.example.com\n", "production"),
    ("EG202", "WORKERS=<number>\n", "WORKERS=4\n", "production"),
    ("EG202", "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n", "AWS_ACCESS_KEY_ID=\n", "production"),
    ("EG202", "SENTRY_DSN=https://xxx@xxx.ingest.sentry.io/xxx\n", f"SENTRY_DSN={fake('sentry-dsn')}\n", "development"),
    ("EG202", "SESSION_SECRET=changeme\n", "TEMPLATE_VALUE=changeme\n", "production"),  # allow_placeholder
    # EG203 known-weak-secret
    ("EG203", "COOKIE_SECRET=supersecret\n", f"COOKIE_SECRET={b64(32)}\n", "production"),  # medusa
    ("EG203", "NEXTAUTH_SECRET=secret\n", f"NEXTAUTH_SECRET={b64(32)}\n", "production"),  # documenso, langfuse
    ("EG203", "ENCRYPTION_KEY=" + "0" * 64 + "\n", f"ENCRYPTION_KEY={FERNET}\n", "production"),  # langfuse
    ("EG203", "JWT_SECRET=keyboard cat\n", f"JWT_SECRET={b64(32)}\n", "production"),
    ("EG203", "JWT_SECRET=MySuperSecretJwtKey2024!\n", f"JWT_SECRET={b64(32)}\n", "production"),
    ("EG203", "SESSION_SECRET=qwertyuiop1234567890\n", f"SESSION_SECRET={b64(32)}\n", "development"),
    ("EG203", "SECRET_KEY=django-insecure-" + "q" * 5 + "(8z^x#" + "\n", f"SECRET_KEY={b64(40)}\n", "production"),
    # EG205 invalid-key-material
    ("EG205", f"ENCRYPTION_KEY={TOKEN}\n", f"ENCRYPTION_KEY={FERNET}\n", "production"),
    (
        "EG205",
        f"ENCRYPTION_KEY={base64.urlsafe_b64encode(RNG.randbytes(16)).decode()}\n",
        f"ENCRYPTION_KEY={FERNET}\n",
        "production",
    ),
    ("EG205", f"DATA_KEY={hexs(8)}\n", f"DATA_KEY={b64(32)}\n", "production"),
    ("EG205", f"DATA_KEY={TOKEN}\n", f"DATA_KEY={hexs(32)}\n", "production"),
    ("EG205", f"HEX_KEY={hexs(16)}\n", f"HEX_KEY={hexs(32)}\n", "production"),
    ("EG205", f"API_TOKEN={b64(32)}\n", f"API_TOKEN={hexs(32)}\n", "production"),
    ("EG205", f"JWT_PRIVATE_KEY={public(RSA2048)}\n", f"JWT_PRIVATE_KEY={pem(RSA2048)}\n", "production"),
    ("EG205", f"JWT_PRIVATE_KEY={pem(EC256)}\n", f"JWT_PRIVATE_KEY={pem(RSA2048)}\n", "production"),
    ("EG205", f"JWT_PUBLIC_KEY={pem(RSA2048)}\n", f"JWT_PUBLIC_KEY={public(RSA2048)}\n", "production"),
    ("EG205", "JWT_PRIVATE_KEY=not-a-pem-at-all-but-long\n", f"JWT_PRIVATE_KEY={pem(RSA2048)}\n", "production"),
    ("EG205", f'JWT_PRIVATE_KEY={pem(RSA2048)[:400]}"\n', f"JWT_PRIVATE_KEY={pem(RSA2048)}\n", "production"),
    ("EG205", f"GITHUB_APP_PUBLIC_KEY={pem(EC256)}\n", f"GITHUB_APP_PUBLIC_KEY={public(EC256)}\n", "production"),
    ("EG205", f"LEGACY_SECRET_KEY={TOKEN}\n", f"LEGACY_SECRET_KEY={b64(32)}\n", "production"),
    # EG206 weak-asymmetric-key
    ("EG206", f"JWT_PRIVATE_KEY={pem(RSA1024)}\n", f"JWT_PRIVATE_KEY={pem(RSA2048)}\n", "production"),
    ("EG206", f"JWT_PUBLIC_KEY={public(RSA1024)}\n", f"JWT_PUBLIC_KEY={public(RSA2048)}\n", "production"),
    ("EG206", f"ES_KEY={pem(EC256)}\n", f"ES_KEY={pem(EC384)}\n", "production"),
    ("EG206", f"GITHUB_APP_PRIVATE_KEY={pem(RSA1024)}\n", f"GITHUB_APP_PRIVATE_KEY={pem(RSA2048)}\n", "development"),
    # EG207 unencrypted-private-key
    ("EG207", f"SIGNING_KEY={pem(EC256)}\n", f"SIGNING_KEY={pem(EC256, b'a passphrase')}\n", "production"),
    # EG208 bcrypt-cost
    ("EG208", "HASH_SALT_ROUNDS=8\n", "HASH_SALT_ROUNDS=12\n", "production"),
    ("EG208", "HASH_SALT_ROUNDS=16\n", "HASH_SALT_ROUNDS=15\n", "production"),
    ("EG208", "HASH_SALT_ROUNDS=3\n", "HASH_SALT_ROUNDS=10\n", "test"),  # below bcrypt's own minimum
    ("EG208", "BCRYPT_ROUNDS=9\n", "BCRYPT_ROUNDS=11\n", "development"),  # by name, no schema
    ("EG208", "STRICT_ROUNDS=11\n", "STRICT_ROUNDS=12\n", "production"),
    ("EG208", "STRICT_ROUNDS=14\n", "STRICT_ROUNDS=13\n", "production"),
    # EG209 wrong-key-mode
    (
        "EG209",
        f"STRIPE_SECRET_KEY={fake('stripe-secret-key', 'test')}\n",
        f"STRIPE_SECRET_KEY={fake('stripe-secret-key')}\n",
        "production",
    ),
    (
        "EG209",
        f"STRIPE_PUBLISHABLE_KEY={fake('stripe-publishable-key', 'test')}\n",
        f"STRIPE_PUBLISHABLE_KEY={fake('stripe-publishable-key')}\n",
        "production",
    ),
    (
        "EG209",
        f"INNGEST_SIGNING_KEY={fake('inngest-signing-key', 'test')}\n",
        f"INNGEST_SIGNING_KEY={fake('inngest-signing-key', 'live')}\n",
        "production",
    ),
    (
        "EG209",
        f"STRIPE_SECRET_KEY={fake('stripe-secret-key', 'test')}\n",
        f"DEMO_STRIPE_KEY={fake('stripe-secret-key', 'test')}\n",
        "production",
    ),
    (
        "EG209",
        f"STRIPE_SECRET_KEY={fake('stripe-secret-key')}\n",
        f"STRIPE_SECRET_KEY={fake('stripe-secret-key', 'test')}\n",
        "development",
    ),
    (
        "EG209",
        f"CLERK_SECRET_KEY={fake('clerk-secret-key', 'test')}\n",
        f"CLERK_SECRET_KEY={fake('clerk-secret-key')}\n",
        "production",
    ),
    (
        "EG209",
        f"INNGEST_SIGNING_KEY={fake('inngest-signing-key', 'branch')}\n",
        f"INNGEST_SIGNING_KEY={fake('inngest-signing-key', 'live')}\n",
        "production",
    ),
]


@pytest.mark.parametrize(
    ("code", "bad", "good", "environment"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_rule_fails_and_passes(tmp_path: Path, code: str, bad: str, good: str, environment: str) -> None:
    failing = findings(tmp_path / "bad", bad, environment=environment)
    assert code in codes_of(failing), f"{code} not reported: {[(f.code, f.message) for f in failing]}"
    passing = findings(tmp_path / "good", good, environment=environment)
    assert code not in codes_of(passing), f"{code} reported on the good value: {[f.message for f in passing]}"
    for f in failing:
        assert_no_secret(json.dumps(f.to_dict()), *_values(bad))


def _values(env: str) -> list[str]:
    out = []
    for line in env.splitlines():
        _, _, value = line.partition("=")
        value = value.strip().strip('"')
        if len(value) >= 8:  # shorter ones ("secret") are words the messages may use
            out.append(value)
            if "\\n" in value:
                out += [part for part in value.split("\\n") if len(part) >= 20 and "-----" not in part]
    return out


def test_one_finding_per_weak_value(tmp_path: Path) -> None:
    # `secret` is both a placeholder word and a known-weak value: reported once.
    found = findings(tmp_path, "NEXTAUTH_SECRET=secret\nSESSION_SECRET=changeme\n")
    assert [(f.variable, f.code) for f in found] == [("NEXTAUTH_SECRET", "EG203"), ("SESSION_SECRET", "EG202")]


@pytest.mark.parametrize(
    ("environment", "value", "severity"),
    [
        ("production", hexs(16), Severity.ERROR),  # JWT below RFC 7518: error when deployed
        ("staging", hexs(16), Severity.ERROR),
        ("development", hexs(16), Severity.INFO),
        ("development", hexs(6), Severity.WARNING),  # under 64 bits: guessable
    ],
)
def test_weak_secret_severity(tmp_path: Path, environment: str, value: str, severity: Severity) -> None:
    (f,) = findings(tmp_path, f"JWT_SECRET={value}\n", environment=environment)
    assert (f.code, f.severity) == ("EG201", severity)
    assert "RFC 7518" in f.message
    assert f.hint == "generate one with `openssl rand -base64 32`"


def test_undeclared_secret_severity(tmp_path: Path) -> None:
    # 96 bits in a secret nobody described: below the 128-bit default, above guessable.
    (f,) = findings(tmp_path, f"WEBHOOK_SIGNING_SECRET={hexs(12)}\n")
    assert (f.code, f.severity) == ("EG201", Severity.WARNING)
    assert "about 96 bits" in f.message


def test_placeholder_severity_by_environment(tmp_path: Path) -> None:
    env = "SESSION_SECRET=changeme\n"
    assert findings(tmp_path / "p", env)[0].severity == Severity.ERROR
    assert findings(tmp_path / "d", env, environment="development")[0].severity == Severity.WARNING
    assert findings(tmp_path / "t", env, environment="test")[0].severity == Severity.INFO


def test_test_environment_skips_strength(tmp_path: Path) -> None:
    env = f"JWT_SECRET=test-jwt-secret\nSESSION_SECRET={hexs(8)}\nHASH_SALT_ROUNDS=4\n"
    assert findings(tmp_path, env, environment="test") == []


def test_strong_generated_secrets_pass_everywhere(tmp_path: Path) -> None:
    """A well-kept production env: strong random secrets, live keys, good key material."""
    env = "\n".join(
        [
            f"JWT_SECRET={b64(32)}",
            f"NEXTAUTH_SECRET={b64(32)}",
            f"SESSION_SECRET={base64.urlsafe_b64encode(RNG.randbytes(32)).decode().rstrip('=')}",
            f"CSRF_SECRET={hexs(32)}",
            f"SHARED_SECRET={hexs(32)}",
            f"ENCRYPTION_KEY={FERNET}",
            f"DATA_KEY={b64(32)}",
            f"HEX_KEY={hexs(32)}",
            f"API_TOKEN={hexs(32)}",
            f"SIGNING_KEY={pem(EC256, b'a passphrase')}",
            f"JWT_PRIVATE_KEY={pem(RSA2048)}",
            f"JWT_PUBLIC_KEY={public(RSA2048)}",
            f"ES_KEY={pem(EC384)}",
            "HASH_SALT_ROUNDS=12",
            f"STRIPE_SECRET_KEY={fake('stripe-secret-key')}",
            f"STRIPE_PUBLISHABLE_KEY={fake('stripe-publishable-key')}",
            f"INNGEST_SIGNING_KEY={fake('inngest-signing-key', 'live')}",
            f"POSTGRES_PASSWORD={b64(18)}",
            f"DATABASE_URL=postgresql://app:{hexs(16)}@db.internal:5432/app",
            f"SENDGRID_API_KEY={fake('sendgrid-api-key')}",
            f"RESEND_API_KEY={fake('resend-api-key')}",
            f"AWS_SECRET_ACCESS_KEY={fake('aws-secret-access-key')}",
            f"DEPLOY_TOKEN={fake('github-token', 'p')}",
            "NODE_ENV=production",
            "WORKERS=4",
            "APP_URL=https://app.example.com",
            "TENANT_ID=3f1c6b0e-8d2a-4c1e-9b7f-2a5d6e8f9a0b",
        ]
    )
    for environment in ("production", "staging"):
        found = findings(tmp_path / environment, env + "\n", environment=environment)
        assert found == [], [(f.code, f.variable, f.message) for f in found]


def test_reused_secret(tmp_path: Path) -> None:
    same = b64(32)
    found = findings(tmp_path, f"SESSION_SECRET={same}\nCSRF_SECRET={same}\n")
    (f,) = [f for f in found if f.code == "EG204"]
    assert f.variable == "CSRF_SECRET"
    assert f.line == 2
    assert "SESSION_SECRET" in f.message
    assert f.related[0].line == 1
    assert_no_secret(json.dumps(f.to_dict()), same)


@pytest.mark.parametrize(
    "env",
    [
        # allow_reuse on one of them
        "SESSION_SECRET={v}\nSHARED_SECRET={v}\n",
        # passwords: both sides of one connection share them
        "POSTGRES_PASSWORD={v}\nDB_PASSWORD={v}\n",
        # a rotation slot
        "SESSION_SECRET={v}\nSESSION_SECRET_FALLBACK={v}\n",
        # different values
        "SESSION_SECRET={v}\nCSRF_SECRET={w}\n",
        # not secrets
        "APP_NAME={v}\nSITE_TITLE={v}\n",
    ],
)
def test_reuse_not_reported(tmp_path: Path, env: str) -> None:
    found = findings(tmp_path, env.format(v=b64(32), w=b64(32)))
    assert "EG204" not in codes_of(found)


def test_reuse_of_aliases_and_provider_keys_is_fine(tmp_path: Path) -> None:
    config = CONFIG + "  AUTH_SECRET: {type: secret, aliases: [NEXTAUTH_SECRET_V4]}\n"
    key = fake("resend-api-key")
    v = b64(32)
    env = f"AUTH_SECRET={v}\nNEXTAUTH_SECRET_V4={v}\nRESEND_API_KEY={key}\nSMTP_PASSWORD={key}\nEMAIL_API_KEY={key}\n"
    found = findings(tmp_path, env, config=config)
    assert "EG204" not in codes_of(found)


def test_secret_shared_across_environments(tmp_path: Path) -> None:
    shared = b64(32)
    files = {".env.production": f"SESSION_SECRET={shared}\n", ".env.development": f"SESSION_SECRET={shared}\n"}
    write_project(tmp_path, {"envguard.yaml": CONFIG, **files})
    for environment, path in (("production", ".env.production"), ("development", ".env.development")):
        ctx = build_context(Options(root=tmp_path, environment=environment))
        found, _ = run_checks(ctx, [rules.check_cross_environment])
        (f,) = found
        assert (f.code, f.path, f.variable) == ("EG210", path, "SESSION_SECRET")
        assert "production and development" in f.message
        assert_no_secret(json.dumps(f.to_dict()), shared)


def test_secret_shared_across_environments_passes(tmp_path: Path) -> None:
    files = {
        ".env.production": f"SESSION_SECRET={b64(32)}\nSTRIPE_SECRET_KEY={fake('stripe-secret-key')}\n",
        ".env.development": f"SESSION_SECRET={b64(32)}\nSTRIPE_SECRET_KEY={fake('stripe-secret-key')}\n",
        ".env.staging": "",
    }
    write_project(tmp_path, {"envguard.yaml": CONFIG, **files})
    ctx = build_context(Options(root=tmp_path, environment="production"))
    assert run_checks(ctx, [rules.check_cross_environment])[0] == []


def test_bcrypt_messages(tmp_path: Path) -> None:
    (low,) = findings(tmp_path / "a", "HASH_SALT_ROUNDS=8\n")
    assert "16x faster than cost 12" in low.message
    assert low.severity == Severity.ERROR
    (high,) = findings(tmp_path / "b", "HASH_SALT_ROUNDS=17\n")
    assert high.severity == Severity.WARNING
    assert "about 8 s" in high.message
    # Not a number: the type rules report it, not us.
    assert findings(tmp_path / "c", "HASH_SALT_ROUNDS=twelve\n") == []


def test_live_publishable_key_in_development_is_fine(tmp_path: Path) -> None:
    found = findings(tmp_path, f"STRIPE_PUBLISHABLE_KEY={fake('stripe-publishable-key')}\n", environment="development")
    assert found == []


def test_staging_accepts_either_mode(tmp_path: Path) -> None:
    env = f"STRIPE_SECRET_KEY={fake('stripe-secret-key', 'test')}\nINNGEST_SIGNING_KEY={fake('inngest-signing-key', 'test')}\n"
    assert findings(tmp_path, env, environment="staging") == []


def test_key_material_messages_name_the_fix(tmp_path: Path) -> None:
    (f,) = findings(tmp_path / "a", f"ENCRYPTION_KEY={TOKEN}\n")
    assert "Fernet token" in f.message
    assert "Fernet.generate_key()" in (f.hint or "")
    (f,) = findings(tmp_path / "b", f"JWT_PUBLIC_KEY={pem(RSA2048)}\n")
    assert "private key where a public key belongs" in f.message
    assert "rotate" in (f.hint or "")


def test_from_environ_judges_only_described_or_secret_names(tmp_path: Path) -> None:
    write_project(tmp_path, {"envguard.yaml": CONFIG})
    environ = {"JWT_SECRET": hexs(16), "PS1": "xxx", "SOME_SETTING": "changeme", "HOME": "/root"}
    ctx = build_context(Options(root=tmp_path, environment="production", from_environ=True, environ=environ))
    found, _ = run_checks(ctx, list(rules.CHECKS))
    assert [(f.code, f.variable, f.path) for f in found] == [("EG201", "JWT_SECRET", "<environ>")]


def test_cli_end_to_end_never_prints_values(tmp_path: Path) -> None:
    weak = hexs(16)
    test_key = fake("stripe-secret-key", "test")
    write_project(
        tmp_path,
        {
            "envguard.yaml": CONFIG,
            ".env": f"JWT_SECRET={weak}\nSTRIPE_SECRET_KEY={test_key}\nENCRYPTION_KEY={TOKEN}\nHASH_SALT_ROUNDS=6\n",
        },
    )
    code, found, payload = check_json(tmp_path, "-e", "production", "--select", "EG2")
    assert code == 1
    assert {f["code"] for f in found} == {"EG201", "EG205", "EG208", "EG209"}
    assert_no_secret(json.dumps(payload), weak, test_key, TOKEN)


def test_inline_ignore_suppresses(tmp_path: Path) -> None:
    found = findings(tmp_path, "SESSION_SECRET=changeme  # envguard: ignore[EG202]\n")
    assert found == []


def test_rules_are_documented() -> None:
    for rule in rules.RULES:
        assert rule.code.startswith("EG2")
        assert set(rule.sections()) == {
            "What it checks",
            "Why it matters",
            "Example that fails",
            "Example that passes",
            "Options",
        }


def test_base64_of_a_weak_text_is_weak(tmp_path: Path) -> None:
    wrapped = base64.b64encode(b"mysupersecretkey2024").decode()
    (f,) = findings(tmp_path, f"SESSION_SECRET={wrapped}\n")
    assert f.code == "EG203"
    assert "base64-encoded text built from dictionary words" in f.message
    assert_no_secret(f.message, wrapped, "mysupersecretkey2024")


def test_invalid_key_material_is_not_also_called_weak(tmp_path: Path) -> None:
    short = base64.urlsafe_b64encode(RNG.randbytes(16)).decode()
    found = findings(tmp_path, f"DATA_KEY={hexs(8)}\nENCRYPTION_KEY={short}\nHEX_KEY={hexs(16)}\n")
    assert codes_of(found) == ["EG205", "EG205", "EG205"]


def test_shared_prefixes_are_named_by_the_variable(tmp_path: Path) -> None:
    (clerk,) = findings(tmp_path / "c", f"CLERK_SECRET_KEY={fake('clerk-secret-key', 'test')}\n")
    assert "test-mode Clerk key" in clerk.message
    (stripe,) = findings(tmp_path / "s", f"PAYMENTS_KEY={fake('stripe-secret-key', 'test')}\n")
    assert "test-mode Stripe key" in stripe.message


# --- the real built-in catalog (zero config) ----------------------------------------------


def well_kept_production_env() -> str:
    return "\n".join(
        [
            "NODE_ENV=production",
            f"DATABASE_URL=postgresql://app:{hexs(16)}@db.example.com:5432/app?sslmode=require",
            f"NEXTAUTH_SECRET={b64(32)}",
            "NEXTAUTH_URL=https://www.example.com",
            f"GOOGLE_CLIENT_ID={fake('google-client-id')}",
            f"GOOGLE_CLIENT_SECRET={fake('google-client-secret')}",
            f"STRIPE_SECRET_KEY={fake('stripe-secret-key')}",
            f"NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY={fake('stripe-publishable-key')}",
            f"STRIPE_WEBHOOK_SECRET={fake('stripe-webhook-secret')}",
            f"RESEND_API_KEY={fake('resend-api-key')}",
            f"SENTRY_DSN={fake('sentry-dsn')}",
            "NEXT_PUBLIC_APP_URL=https://www.example.com",
            f"ENCRYPTION_KEY={hexs(32)}",
            f"FERNET_KEY={FERNET}",
            "HASH_SALT_ROUNDS=12",
            f"SESSION_SECRET={b64(32)}",
            f"CSRF_SECRET={b64(32)}",
            f"JWT_SECRET={b64(32)}",
            f"NEXT_PUBLIC_POSTHOG_KEY={fake('posthog-project-key')}",
            f"INNGEST_SIGNING_KEY={fake('inngest-signing-key', 'live')}",
            f"CRON_SECRET={hexs(32)}",
            f"AWS_ACCESS_KEY_ID={fake('aws-access-key-id')}",
            f"AWS_SECRET_ACCESS_KEY={fake('aws-secret-access-key')}",
            "AWS_REGION=eu-west-1",
        ]
    )


def test_catalog_well_kept_production_project_has_no_eg2_findings(tmp_path: Path) -> None:
    write_project(tmp_path, {".env.production": well_kept_production_env() + "\n"})
    _, found, _ = check_json(tmp_path, "-e", "production", "--env-file", ".env.production", "--select", "EG2")
    assert found == [], [(f["code"], f["variable"], f["message"]) for f in found]


def test_catalog_end_to_end_problems(tmp_path: Path) -> None:
    same = b64(32)
    env = "\n".join(
        [
            f"NEXTAUTH_SECRET={hexs(16)}",  # 128 bits; the nextauth schema asks for 256
            "JWT_SECRET=supersecret",
            "HASH_SALT_ROUNDS=8",
            f"STRIPE_SECRET_KEY={fake('stripe-secret-key', 'test')}",
            f"SESSION_SECRET={same}",
            f"CSRF_SECRET={same}",
            f"ENCRYPTION_KEY={TOKEN}",
            "SENDGRID_API_KEY=SG....",
        ]
    )
    write_project(tmp_path, {".env": env + "\n"})
    code, found, payload = check_json(tmp_path, "-e", "production", "--select", "EG2")
    assert code == 1
    got = {(f["code"], f["variable"]) for f in found}
    assert got == {
        ("EG201", "NEXTAUTH_SECRET"),
        ("EG203", "JWT_SECRET"),
        ("EG208", "HASH_SALT_ROUNDS"),
        ("EG209", "STRIPE_SECRET_KEY"),
        ("EG204", "CSRF_SECRET"),
        ("EG205", "ENCRYPTION_KEY"),
        ("EG202", "SENDGRID_API_KEY"),
    }
    assert_no_secret(json.dumps(payload), same, TOKEN)


def test_undecodable_environment_values_do_not_crash(tmp_path: Path) -> None:
    # os.environ hands non-UTF-8 bytes over as lone surrogates (surrogateescape).
    write_project(tmp_path, {"envguard.yaml": CONFIG})
    value = b64(24) + "\udcff"
    environ = {"SESSION_SECRET": value, "CSRF_SECRET": value, "DATA_KEY": hexs(10) + "\udcfe", "JWT_SECRET": value}
    ctx = build_context(Options(root=tmp_path, environment="production", from_environ=True, environ=environ))
    found, _ = run_checks(ctx, list(rules.CHECKS))
    assert {(f.code, f.variable) for f in found} >= {("EG204", "SESSION_SECRET"), ("EG205", "DATA_KEY")}


def test_weak_local_passwords_are_info_in_development(tmp_path: Path) -> None:
    env = "POSTGRES_PASSWORD=postgres\nREDIS_PASSWORD=abc\nJWT_SECRET=devsecret\n"
    found = findings(tmp_path, env, environment="development")
    assert [(f.variable, f.code, f.severity) for f in found] == [
        ("POSTGRES_PASSWORD", "EG203", Severity.INFO),
        ("REDIS_PASSWORD", "EG201", Severity.INFO),
        ("JWT_SECRET", "EG203", Severity.WARNING),
    ]
    deployed = findings(tmp_path / "p", env, environment="production")
    assert {f.severity for f in deployed} == {Severity.ERROR}


def test_fernet_key_format_is_left_to_the_format_rule(tmp_path: Path) -> None:
    # `type: fernet-key` is EG108's (the provider format check); reporting it again as
    # EG205 would be a duplicate. `key: fernet` alone is ours.
    config = CONFIG + "  FERNET_KEY: {type: fernet-key, key: fernet}\n"
    assert findings(tmp_path, f"FERNET_KEY={TOKEN}\n", config=config) == []
