"""EG3xx: secrets in public variables, Supabase key kinds, example files, git exposure.

Credentials are generated at test time in the providers' documented shapes; git tests
run the real git in temporary repositories.
"""

from __future__ import annotations

import base64
import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from egtest import assert_no_secret, check_json, fake, write_project

from envguard.checking.build import build_context
from envguard.checking.run import run_checks
from envguard.core.findings import Finding, Severity
from envguard.project.context import Options
from envguard.rules import exposure as rules

CONFIG = """
infer: false
variables:
  SESSION_SECRET: {type: secret}
  SUPABASE_SERVICE_ROLE_KEY: {type: supabase-service-role-key}
  SUPABASE_ANON_KEY: {type: supabase-anon-key, exposure: public}
  STRIPE_PUBLISHABLE_KEY: {type: stripe-publishable-key, exposure: public}
  STRIPE_SECRET_KEY: {type: stripe-secret-key}
  MAPBOX_TOKEN: {type: string}
"""

RNG = random.Random(20240602)
RSA = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def b64(n: int) -> str:
    return base64.b64encode(RNG.randbytes(n)).decode()


def private_pem_line() -> str:
    text = RSA.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return '"' + text.replace("\n", "\\n") + '"'


def aws_secret() -> str:
    # 40 characters of the documented alphabet, with upper, lower and digits.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+"
    body = "".join(RNG.choice(alphabet) for _ in range(37))
    return body + "Aa1"


def findings(
    root: Path,
    env: str | None,
    *,
    environment: str = "development",
    config: str = CONFIG,
    files: dict[str, str] | None = None,
) -> list[Finding]:
    project = {"envguard.yaml": config, **(files or {})}
    if env is not None:
        project[".env"] = env
    write_project(root, project)
    ctx = build_context(Options(root=root, environment=environment))
    found, _ = run_checks(ctx, list(rules.CHECKS))
    return found


def codes_of(found: list[Finding]) -> list[str]:
    return sorted(f.code for f in found)


def value_of(line: str) -> str:
    return line.partition("=")[2].strip().strip('"')


# --- EG301 -------------------------------------------------------------------------------

PUBLIC_SECRETS = [
    f"NEXT_PUBLIC_STRIPE_SECRET_KEY={fake('stripe-secret-key', 'live')}",
    f"NEXT_PUBLIC_STRIPE_SECRET_KEY={fake('stripe-secret-key', 'test')}",
    f"VITE_STRIPE_RESTRICTED_KEY=rk_live_{b64(60).replace('+', 'a').replace('/', 'b').replace('=', '')}",
    f"VITE_MAPBOX_TOKEN={fake('mapbox-secret-token')}",
    f"NEXT_PUBLIC_POSTHOG_KEY={fake('posthog-personal-key')}",
    f"PUBLIC_SUPABASE_KEY=sb_secret_{b64(30).replace('+', 'a').replace('/', 'b').replace('=', '')}",
    f"NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY={fake('supabase-service-role-key')}",
    f"NEXT_PUBLIC_INNGEST_SIGNING_KEY={fake('inngest-signing-key', 'live')}",
    f"REACT_APP_GITHUB_TOKEN={fake('github-token', 'p')}",
    f"EXPO_PUBLIC_OPENAI_API_KEY={fake('openai-api-key')}",
    f"NUXT_PUBLIC_SENDGRID_KEY={fake('sendgrid-api-key')}",
    f"GATSBY_STRIPE_WEBHOOK_SECRET={fake('stripe-webhook-secret')}",
    f"NEXT_PUBLIC_SLACK_WEBHOOK={fake('slack-webhook-url')}",
    f"NEXT_PUBLIC_DATABASE_URL=postgresql://app:{b64(12).replace('/', 'x').replace('+', 'y').replace('=', '')}@db.example.com:5432/app",
    f"NEXT_PUBLIC_AWS_SECRET_ACCESS_KEY={aws_secret()}",
    f"VITE_JWT_SIGNING_KEY={private_pem_line()}",
    f"STRIPE_PUBLISHABLE_KEY={fake('stripe-secret-key', 'live')}",  # exposure: public, no prefix
    f"NEXT_PUBLIC_SESSION_SECRET={b64(32)}",  # by schema: SESSION_SECRET is a server secret
]


@pytest.mark.parametrize(
    "line", PUBLIC_SECRETS, ids=[x.partition("=")[0] + f"-{i}" for i, x in enumerate(PUBLIC_SECRETS)]
)
def test_secret_in_public_variable(tmp_path: Path, line: str) -> None:
    found = findings(tmp_path, line + "\n")
    assert codes_of(found) == ["EG301"], [(f.code, f.message) for f in found]
    (f,) = found
    assert f.severity == Severity.ERROR
    assert f.variable == line.partition("=")[0]
    assert "rotate" in (f.hint or "")
    assert_no_secret(json.dumps(f.to_dict()), value_of(line))


# Values that are public by design (real-world-pitfalls.md section B) and must not alarm.
PUBLIC_BY_DESIGN = [
    f"NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY={fake('stripe-publishable-key', 'live')}",
    f"NEXT_PUBLIC_STRIPE_KEY={fake('stripe-publishable-key', 'test')}",
    f"NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY={fake('clerk-publishable-key', 'live')}",
    f"NEXT_PUBLIC_POSTHOG_KEY={fake('posthog-project-key')}",
    f"NEXT_PUBLIC_MAPBOX_TOKEN={fake('mapbox-public-token')}",
    f"NEXT_PUBLIC_MAPBOX_ACCESS_TOKEN={fake('mapbox-public-token')}",
    f"NEXT_PUBLIC_GA_MEASUREMENT_ID={fake('ga-measurement-id')}",
    f"NEXT_PUBLIC_SUPABASE_ANON_KEY={fake('supabase-anon-key')}",
    f"NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY=sb_publishable_{b64(24).replace('+', 'a').replace('/', 'b').replace('=', '')}",
    f"NEXT_PUBLIC_SENTRY_DSN={fake('sentry-dsn')}",
    f"NEXT_PUBLIC_TURNSTILE_SITE_KEY={fake('turnstile-site-key')}",
    f"NEXT_PUBLIC_GOOGLE_MAPS_API_KEY={fake('google-api-key')}",
    f"NEXT_PUBLIC_GOOGLE_CLIENT_ID={fake('google-client-id')}",
    f"NEXT_PUBLIC_VAPID_PUBLIC_KEY={base64.urlsafe_b64encode(RNG.randbytes(65)).decode().rstrip('=')}",
    f"NEXT_PUBLIC_MIXPANEL_TOKEN={RNG.randbytes(16).hex()}",
    f"NEXT_PUBLIC_AXIOM_TOKEN=xaat-{RNG.randbytes(16).hex()}",
    f"VITE_PROXYSCOTCH_ACCESS_TOKEN={b64(24)}",
    "NEXT_PUBLIC_APP_URL=https://app.example.com",
    "NEXT_PUBLIC_STRIPE_SECRET_KEY=",
    "NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY=",
    "NEXT_PUBLIC_SESSION_SECRET=",
    f"SUPABASE_SERVICE_ROLE_KEY={fake('supabase-service-role-key')}",  # server side: fine
    f"STRIPE_SECRET_KEY={fake('stripe-secret-key')}",
]


@pytest.mark.parametrize(
    "line", [f"NEXT_PUBLIC_JWT_SECRET={b64(32).encode().hex()[:64]}", f"VITE_NEXTAUTH_SECRET={b64(32)}"]
)
def test_zero_config_infers_the_group_behind_a_public_prefix(tmp_path: Path, line: str) -> None:
    # Alone in the file, with no config: JWT_SECRET's group is inferred from the name
    # behind the prefix, so the server secret it declares is seen exposed.
    found = findings(tmp_path, line + "\n", config="{}\n")
    assert codes_of(found) == ["EG301"], [(f.code, f.message) for f in found]


@pytest.mark.parametrize(
    "line", PUBLIC_BY_DESIGN, ids=[x.partition("=")[0] + f"-{i}" for i, x in enumerate(PUBLIC_BY_DESIGN)]
)
def test_no_false_alarm_on_public_values(tmp_path: Path, line: str) -> None:
    found = findings(tmp_path, line + "\n")
    assert found == [], [(f.code, f.message) for f in found]


def test_public_by_design_values_all_at_once_zero_findings(tmp_path: Path) -> None:
    found = findings(tmp_path, "\n".join(PUBLIC_BY_DESIGN) + "\n", environment="production")
    assert found == [], [(f.code, f.message) for f in found]


def test_placeholder_announcing_a_secret_in_a_public_variable(tmp_path: Path) -> None:
    (f,) = findings(tmp_path, "NEXT_PUBLIC_STRIPE_SECRET_KEY=sk_live_xxxxxxxx\n")
    assert (f.code, f.severity) == ("EG301", Severity.WARNING)
    assert "Stripe secret" in f.message
    assert findings(tmp_path / "ok", "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_live_xxxxxxxx\n") == []


def test_template_designs_a_secret_into_a_public_variable(tmp_path: Path) -> None:
    example = "NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY=\nNEXT_PUBLIC_STRIPE_SECRET_KEY=sk_test_...\nNEXT_PUBLIC_SUPABASE_ANON_KEY=\n"
    found = findings(tmp_path, None, files={".env.example": example})
    assert [(f.code, f.variable, f.severity) for f in found] == [
        ("EG301", "NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY", Severity.WARNING),
        ("EG301", "NEXT_PUBLIC_STRIPE_SECRET_KEY", Severity.WARNING),
    ]
    assert found[0].path == ".env.example"


# --- EG302 -------------------------------------------------------------------------------


def test_server_variable_with_public_prefix(tmp_path: Path) -> None:
    config = (
        CONFIG
        + "  NEXT_PUBLIC_INTERNAL_API_TOKEN: {type: secret}\n  VITE_ADMIN_KEY: {type: string, exposure: server}\n"
    )
    found = findings(tmp_path, "", config=config)
    assert [(f.code, f.variable, f.path) for f in found] == [
        ("EG302", "NEXT_PUBLIC_INTERNAL_API_TOKEN", "envguard.yaml"),
        ("EG302", "VITE_ADMIN_KEY", "envguard.yaml"),
    ]
    assert found[0].line == 9
    assert "rename it to INTERNAL_API_TOKEN" in (found[0].hint or "")


def test_server_variable_without_prefix_or_public_one_passes(tmp_path: Path) -> None:
    config = CONFIG + "  INTERNAL_API_TOKEN: {type: secret}\n  NEXT_PUBLIC_SITE_KEY: {type: string, exposure: public}\n"
    assert findings(tmp_path, "", config=config) == []


# --- EG303 -------------------------------------------------------------------------------

SB_SECRET = "sb_secret_" + "".join(
    RNG.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(32)
)


@pytest.mark.parametrize(
    ("line", "what"),
    [
        (f"NEXT_PUBLIC_SUPABASE_ANON_KEY={fake('supabase-service-role-key')}", "service_role"),
        (f"SUPABASE_ANON_KEY={fake('supabase-service-role-key')}", "service_role"),
        (f"VITE_SUPABASE_ANON_KEY={SB_SECRET}", "sb_secret_"),
        (f"NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY={fake('supabase-access-token')}", "personal access token"),
    ],
)
def test_supabase_secret_in_anon_key(tmp_path: Path, line: str, what: str) -> None:
    found = findings(tmp_path, line + "\n")
    assert codes_of(found) == ["EG303"], [(f.code, f.message) for f in found]
    assert what in found[0].message
    assert_no_secret(json.dumps(found[0].to_dict()), value_of(line))


@pytest.mark.parametrize(
    "line",
    [
        f"NEXT_PUBLIC_SUPABASE_ANON_KEY={fake('supabase-anon-key')}",
        f"SUPABASE_ANON_KEY={fake('supabase-anon-key')}",
        "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY=sb_publishable_" + "a1B2" * 8,
        "NEXT_PUBLIC_SUPABASE_ANON_KEY=",
    ],
)
def test_supabase_anon_key_passes(tmp_path: Path, line: str) -> None:
    assert findings(tmp_path, line + "\n") == []


# --- EG310 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("example", "severity", "what"),
    [
        (f"STRIPE_SECRET_KEY={fake('stripe-secret-key', 'live')}\n", Severity.ERROR, "Stripe secret"),
        (f"STRIPE_SECRET_KEY={fake('stripe-secret-key', 'test')}\n", Severity.WARNING, "Stripe secret"),
        (f"SENDGRID_API_KEY={fake('sendgrid-api-key')}\n", Severity.ERROR, "SendGrid"),
        (f"SUPABASE_SERVICE_ROLE_KEY={fake('supabase-service-role-key')}\n", Severity.ERROR, "service_role"),
        (f"SESSION_SECRET={RNG.randbytes(32).hex()}\n", Severity.WARNING, "random-looking"),
        (f"JWT_SECRET={b64(32)}\n", Severity.WARNING, "random-looking"),
        (f"GITHUB_APP_PRIVATE_KEY={private_pem_line()}\n", Severity.WARNING, "private key"),
        (f"DATABASE_URL=postgresql://app:{RNG.randbytes(12).hex()}@db.example.com/app\n", Severity.WARNING, "password"),
        # PostHog's template: real RSA keys marked for local development only.
        (f"# LOCAL DEVELOPMENT ONLY\nGITHUB_APP_PRIVATE_KEY={private_pem_line()}\n", Severity.INFO, "private key"),
        (
            f"SESSION_SECRET={RNG.randbytes(32).hex()}  # dev only, never use in production\n",
            Severity.INFO,
            "random-looking",
        ),
    ],
)
def test_secret_in_example_file(tmp_path: Path, example: str, severity: Severity, what: str) -> None:
    found = findings(tmp_path, None, files={".env.example": example})
    assert [(f.code, f.severity) for f in found] == [("EG310", severity)], [(f.code, f.message) for f in found]
    (f,) = found
    assert what in f.message
    assert f.path == ".env.example"
    for line in example.splitlines():
        if "=" in line and not line.startswith("#"):
            assert_no_secret(json.dumps(f.to_dict()), value_of(line.split("  #")[0]))


def test_example_file_with_placeholders_passes(tmp_path: Path) -> None:
    example = "\n".join(
        [
            "STRIPE_SECRET_KEY=sk_live_...",
            "STRIPE_WEBHOOK_SECRET=whsec_***",
            "SESSION_SECRET=",
            "NEXTAUTH_SECRET=secret",
            "JWT_SECRET=supersecret",
            "SECRET_KEY=changeme",
            "AUTH_SECRET= # npx auth secret",
            "OPENAI_API_KEY=sk-xxxxxxxxx",
            "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
            "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "DATABASE_URL=postgresql://user:password@localhost:5432/app",
            "REDIS_URL=redis://localhost:6379",
            "SENTRY_DSN=https://xxx@xxx.ingest.sentry.io/xxx",
            f"NEXT_PUBLIC_SUPABASE_ANON_KEY={fake('supabase-anon-key')}",
            f"NEXT_PUBLIC_POSTHOG_KEY={fake('posthog-project-key')}",
            f"STRIPE_PRICE_ID=price_{RNG.randbytes(8).hex()}",
            f"GOOGLE_CLIENT_ID={fake('google-client-id')}",
            "ENCRYPTION_KEY=${SOME_OTHER_VAR}",
            "PORT=3000",
        ]
    )
    found = findings(tmp_path, None, files={".env.example": example + "\n"})
    assert found == [], [(f.code, f.variable, f.message) for f in found]


@pytest.mark.parametrize("name", [".env.local.example", ".env.template", ".env-sample", "env.example", "example.env"])
def test_other_example_names_are_checked(tmp_path: Path, name: str) -> None:
    found = findings(tmp_path, None, files={name: f"STRIPE_SECRET_KEY={fake('stripe-secret-key')}\n"})
    assert [(f.code, f.path) for f in found] == [("EG310", name)]


# --- EG311 -------------------------------------------------------------------------------


def test_secret_copied_from_example(tmp_path: Path) -> None:
    default = RNG.randbytes(32).hex()
    files = {".env.example": f"SESSION_SECRET={default}\n", ".env.production": f"SESSION_SECRET={default}\n"}
    found = findings(tmp_path, None, files=files, environment="production")
    eg311 = [f for f in found if f.code == "EG311"]
    assert [(f.variable, f.path, f.severity) for f in eg311] == [("SESSION_SECRET", ".env.production", Severity.ERROR)]
    assert eg311[0].related[0].path == ".env.example"
    assert_no_secret(json.dumps(eg311[0].to_dict()), default)


def test_secret_copied_from_example_passes(tmp_path: Path) -> None:
    default = RNG.randbytes(32).hex()
    files = {
        ".env.example": f"SESSION_SECRET={default}\n",
        ".env.production": f"SESSION_SECRET={RNG.randbytes(32).hex()}\n",
    }
    assert "EG311" not in codes_of(findings(tmp_path / "a", None, files=files, environment="production"))
    # In development, copying the example's development key is the documented workflow.
    files = {".env.example": f"SESSION_SECRET={default}\n", ".env": f"SESSION_SECRET={default}\n"}
    assert "EG311" not in codes_of(findings(tmp_path / "b", None, files=files, environment="development"))


# --- EG312 / EG313 (real git) -------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@needs_git
def test_env_file_tracked(tmp_path: Path) -> None:
    secret = b64(32)
    write_project(tmp_path, {"envguard.yaml": CONFIG, ".env": f"SESSION_SECRET={secret}\n"})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".env")
    found = findings(tmp_path, f"SESSION_SECRET={secret}\n")
    assert [(f.code, f.path, f.severity) for f in found] == [("EG312", ".env", Severity.ERROR)]
    assert "git rm --cached .env" in (found[0].hint or "")
    assert "1 real secret value" in found[0].message


@needs_git
def test_env_file_not_ignored(tmp_path: Path) -> None:
    env = f"SESSION_SECRET={b64(32)}\nSTRIPE_SECRET_KEY={fake('stripe-secret-key', 'test')}\n"
    write_project(tmp_path, {".gitignore": "node_modules/\n"})
    git(tmp_path, "init", "-q")
    found = findings(tmp_path, env)
    assert [(f.code, f.path, f.severity) for f in found] == [("EG313", ".env", Severity.WARNING)]
    assert "2 real secret values" in found[0].message


@needs_git
def test_production_file_not_loaded_is_still_checked(tmp_path: Path) -> None:
    write_project(tmp_path, {".env.production": f"SESSION_SECRET={b64(32)}\n", ".gitignore": ".env\n"})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".env.production")
    found = findings(tmp_path, "SESSION_SECRET=\n", environment="development")
    assert [(f.code, f.path) for f in found] == [("EG312", ".env.production")]


@needs_git
@pytest.mark.parametrize(
    ("gitignore", "env", "track"),
    [
        (".env*\n!.env.example\n", f"SESSION_SECRET={b64(32)}\n", False),  # ignored
        ("", "SESSION_SECRET=\nSTRIPE_SECRET_KEY=sk_live_...\nPORT=3000\n", True),  # tracked, but no real secret
        ("", "SESSION_SECRET=encrypted:BDx1c2VyLWtleQ==\n", True),  # dotenvx-encrypted value
    ],
)
def test_env_files_that_are_fine(tmp_path: Path, gitignore: str, env: str, track: bool) -> None:
    write_project(tmp_path, {".gitignore": gitignore, ".env": env})
    git(tmp_path, "init", "-q")
    if track:
        git(tmp_path, "add", ".env")
    assert findings(tmp_path, env) == []


def test_outside_git_nothing_is_reported(tmp_path: Path) -> None:
    assert findings(tmp_path, f"SESSION_SECRET={b64(32)}\n") == []


@needs_git
def test_example_file_is_never_an_env_file_finding(tmp_path: Path) -> None:
    write_project(tmp_path, {".env.example": "SESSION_SECRET=\n", ".env.local.example": "SESSION_SECRET=\n"})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    assert findings(tmp_path, None) == []


# --- end to end --------------------------------------------------------------------------


def test_cli_end_to_end(tmp_path: Path) -> None:
    live = fake("stripe-secret-key", "live", seed=9)
    role = fake("supabase-service-role-key", seed=9)
    write_project(
        tmp_path,
        {
            "envguard.yaml": CONFIG,
            ".env": f"NEXT_PUBLIC_STRIPE_SECRET_KEY={live}\nNEXT_PUBLIC_SUPABASE_ANON_KEY={role}\n",
            ".env.example": f"STRIPE_SECRET_KEY={live}\nNEXT_PUBLIC_SUPABASE_ANON_KEY=\nNEXT_PUBLIC_STRIPE_SECRET_KEY=\n",
        },
    )
    code, found, payload = check_json(tmp_path, "--select", "EG3")
    assert code == 1
    assert {(f["code"], f["variable"]) for f in found} == {
        ("EG301", "NEXT_PUBLIC_STRIPE_SECRET_KEY"),
        ("EG303", "NEXT_PUBLIC_SUPABASE_ANON_KEY"),
        ("EG310", "STRIPE_SECRET_KEY"),
    }
    assert_no_secret(json.dumps(payload), live, role)


def test_rules_are_documented() -> None:
    for rule in rules.RULES:
        assert "EG300" <= rule.code <= "EG319"
        assert set(rule.sections()) == {
            "What it checks",
            "Why it matters",
            "Example that fails",
            "Example that passes",
            "Options",
        }


# --- the real built-in catalog (zero config) ----------------------------------------------

# Public variables from well-known SaaS templates (real-world-pitfalls.md section B and the
# common integrations beyond it), with values in each vendor's public shape.
CATALOG_PUBLIC = {
    "NEXT_PUBLIC_AXIOM_TOKEN": "xaat-" + RNG.randbytes(16).hex(),
    "NEXT_PUBLIC_MIXPANEL_TOKEN": RNG.randbytes(16).hex(),
    "NEXT_PUBLIC_VAPID_PUBLIC_KEY": base64.urlsafe_b64encode(RNG.randbytes(65)).decode().rstrip("="),
    "NEXT_PUBLIC_TURNSTILE_SITE_KEY": fake("turnstile-site-key"),
    "VITE_PROXYSCOTCH_ACCESS_TOKEN": base64.urlsafe_b64encode(RNG.randbytes(24)).decode(),
    "NEXT_PUBLIC_GOOGLE_MAPS_API_KEY": fake("google-api-key"),
    "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY": fake("clerk-publishable-key"),
    "NEXT_PUBLIC_POSTHOG_KEY": fake("posthog-project-key"),
    "NEXT_PUBLIC_MAPBOX_TOKEN": fake("mapbox-public-token"),
    "NEXT_PUBLIC_SUPABASE_URL": fake("supabase-url"),
    "NEXT_PUBLIC_SUPABASE_ANON_KEY": fake("supabase-anon-key"),
    "NEXT_PUBLIC_SENTRY_DSN": fake("sentry-dsn"),
    "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY": fake("stripe-publishable-key"),
    "NEXT_PUBLIC_GA_MEASUREMENT_ID": fake("ga-measurement-id"),
    "NEXT_PUBLIC_GOOGLE_CLIENT_ID": fake("google-client-id"),
    "NEXT_PUBLIC_PUSHER_KEY": RNG.randbytes(10).hex(),
    "NEXT_PUBLIC_ALGOLIA_SEARCH_KEY": RNG.randbytes(16).hex(),
    "NEXT_PUBLIC_HCAPTCHA_SITE_KEY": "3f1c6b0e-8d2a-4c1e-9b7f-2a5d6e8f9a0b",
    "NEXT_PUBLIC_INTERCOM_APP_ID": "abc123de",
    "NEXT_PUBLIC_APP_URL": "https://app.example.com",
}


def test_catalog_public_by_design_values_raise_nothing(tmp_path: Path) -> None:
    env = "\n".join(f"{k}={v}" for k, v in CATALOG_PUBLIC.items()) + "\n"
    write_project(tmp_path, {".env": env})
    _, found, _ = check_json(tmp_path, "-e", "production", "--select", "EG2,EG3")
    assert found == [], [(f["code"], f["variable"], f["message"]) for f in found]


def test_catalog_secrets_under_public_prefixes(tmp_path: Path) -> None:
    role = fake("supabase-service-role-key", seed=3)
    signing = fake("inngest-signing-key", "live", seed=3)
    env = (
        f"SUPABASE_URL={fake('supabase-url')}\n"
        f"NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY={role}\n"
        f"NEXT_PUBLIC_INNGEST_SIGNING_KEY={signing}\n"
        f"NEXT_PUBLIC_SUPABASE_ANON_KEY={role}\n"
    )
    write_project(tmp_path, {".env": env})
    _, found, payload = check_json(tmp_path, "-e", "production", "--select", "EG3")
    assert {(f["code"], f["variable"]) for f in found} == {
        ("EG301", "NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY"),
        ("EG301", "NEXT_PUBLIC_INNGEST_SIGNING_KEY"),
        ("EG303", "NEXT_PUBLIC_SUPABASE_ANON_KEY"),
    }
    assert_no_secret(json.dumps(payload), role, signing)


def _demo_jwt(role: str) -> str:
    def enc(obj: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")

    claims = {"role": role, "iss": "supabase-demo", "iat": 1641769200, "exp": 1799535600}
    signature = base64.urlsafe_b64encode(RNG.randbytes(32)).decode().rstrip("=")
    return f"{enc({'alg': 'HS256', 'typ': 'JWT'})}.{enc(claims)}.{signature}"


def test_supabase_docker_template_shape(tmp_path: Path) -> None:
    """Supabase's self-hosting template: demo JWTs are documented examples (fine), the
    generated defaults are warnings (they end up in deployments), nothing is an error."""
    example = "\n".join(
        [
            "POSTGRES_PASSWORD=your-super-secret-and-long-postgres-password",
            "JWT_SECRET=your-super-secret-jwt-token-with-at-least-32-characters-long",
            f"ANON_KEY={_demo_jwt('anon')}",
            f"SERVICE_ROLE_KEY={_demo_jwt('service_role')}",
            "DASHBOARD_USERNAME=supabase",
            "DASHBOARD_PASSWORD=this_password_is_insecure_and_should_be_updated",
            f"SECRET_KEY_BASE={base64.b64encode(RNG.randbytes(48)).decode()}",
            f"S3_PROTOCOL_ACCESS_KEY_ID={RNG.randbytes(16).hex()}",
            f"S3_PROTOCOL_ACCESS_KEY_SECRET={RNG.randbytes(32).hex()}",
            "REGION=stub",
        ]
    )
    found = findings(tmp_path, None, files={".env.example": example + "\n"})
    assert [(f.code, f.variable, f.severity) for f in found] == [
        ("EG310", "SECRET_KEY_BASE", Severity.WARNING),
        ("EG310", "S3_PROTOCOL_ACCESS_KEY_SECRET", Severity.WARNING),
    ]


def test_demo_jwts_in_public_anon_variables_are_not_exposure(tmp_path: Path) -> None:
    # The demo anon key in the anon slot is fine; the demo service_role key there is not.
    assert findings(tmp_path / "a", f"NEXT_PUBLIC_SUPABASE_ANON_KEY={_demo_jwt('anon')}\n") == []
    found = findings(tmp_path / "b", f"NEXT_PUBLIC_SUPABASE_ANON_KEY={_demo_jwt('service_role')}\n")
    assert codes_of(found) == ["EG303"]
