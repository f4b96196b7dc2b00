"""False alarms found by running envguard over real projects' env templates.

Each case is a minimal synthetic reconstruction of a pattern seen in a public template
(the project is named in a comment); no file from those projects is copied here. Keys
are generated at test time.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from egtest import check_json, write_project

from envguard.project.context import looks_secret_by_name


def _codes_for(findings: list[dict[str, object]], variable: str) -> list[str]:
    return sorted(str(f["code"]) for f in findings if f.get("variable") == variable)


# --- which undescribed names hold secrets ------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "API_KEY_PREFIX",  # cal.com: API_KEY_PREFIX=cal_
        "OPENROUTER_MAX_TOKENS",
        "REFRESH_TOKEN_VALIDITY",  # hoppscotch
        "TOKEN_SALT_COMPLEXITY",
        "ACCESS_TOKEN_EXPIRE_MINUTES",
        "AUTH_PASSWORD_HISTORY_COUNT",
        "FEATURE_TEAM_API_KEY",  # boxyhq: a feature switch
        "NEXT_PRIVATE_SMTP_TRANSPORT",  # documenso: NEXT_PRIVATE_ marks server-only settings
        "NEXT_PRIVATE_UPLOAD_BUCKET",
        "NEXT_PRIVATE_OIDC_PROMPT",
        "META_WHATSAPP_REFERENCE_KEY_VERSION",
        "API_KEY_HEADER",  # the header's name: X-Api-Key
        "CACHE_KEY",
        "REDIS_CACHE_KEY",
        "DYNAMODB_PARTITION_KEY",
        "SORT_KEY",
        "PRIMARY_KEY",
        "AMQP_ROUTING_KEY",
        "PASSWORD_RESET_DISABLED",  # formbricks: PASSWORD_RESET_DISABLED=1
        "AUTH_PASSWORD_LOGIN_ENABLE",
        "API_KEY_REQUIRED",
    ],
)
def test_settings_about_secrets_are_not_secrets(name: str) -> None:
    assert not looks_secret_by_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "NEXT_PRIVATE_SMTP_PASSWORD",
        "NEXT_PRIVATE_ENCRYPTION_KEY",
        "OIDC_RSA_PRIVATE_KEY",
        "GITHUB_APP_PRIVATE_KEY",
        "LOGFLARE_PRIVATE_ACCESS_TOKEN",
        "API_KEY_SALT",
        "INTERNAL_API_KEY",
        "TEAMS_BOT_APP_PASSWORD",
        "AZURE_STORAGE_KEY",
        "APP_KEY",
    ],
)
def test_secret_names_stay_secret(name: str) -> None:
    assert looks_secret_by_name(name)


def test_server_only_settings_are_not_judged_as_weak_secrets(tmp_path: Path) -> None:
    env = (
        "NEXT_PRIVATE_SMTP_TRANSPORT=smtp-auth\n"
        "NEXT_PRIVATE_JOBS_PROVIDER=local\n"
        "NEXT_PRIVATE_UPLOAD_BUCKET=acme\n"
        "NEXT_PRIVATE_SMTP_USERNAME=acme\n"
        "API_KEY_PREFIX=cal_\n"
        "OPENROUTER_MAX_TOKENS=2048\n"
        "FEATURE_TEAM_API_KEY=true\n"
        "NEXT_PRIVATE_SMTP_PASSWORD=secret\n"
    )
    write_project(tmp_path, {".env": env, ".env.example": env})
    _, findings, _ = check_json(tmp_path)
    flagged = {str(f["variable"]) for f in findings if str(f["code"]).startswith("EG2")}
    # The one real weak secret is still reported.
    assert flagged == {"NEXT_PRIVATE_SMTP_PASSWORD"}


# --- placeholders ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "secret"),
    [
        ("your-super-secret-jwt-token-with-at-least-32-characters-long", True),  # supabase
        ("your-encryption-key-32-chars-min", True),
        ("replace_me_with_a_random_string_access", True),  # twenty
        ("LOCAL_ONLY_CHANGE_ME", True),  # novu
        ("change-me-jwks-salt", True),
        ("fixme-postgres-password", True),  # healthchecks
        ("get_the_secret_of_above_key", True),  # outline
        ("get_a_key_from_slack", False),  # outline, a client id
        ("REPLACE_ME_WITH_RANDOM_SECRET_32CHARS", True),  # a Cloudflare Workers SaaS base
        ("pk_test_1234", False),  # vercel/nextjs-subscription-payments
        ("sk_test_1234", True),
        ("whsec_1234", True),
    ],
)
def test_written_instructions_and_stub_keys_are_placeholders(value: str, secret: bool) -> None:
    from envguard.knowledge.placeholders import placeholder_reason

    assert placeholder_reason(value, secret=secret) is not None


@pytest.mark.parametrize(
    "value",
    ["Get Things Done", "todo-app", "re_run", "local-dev-password-pepper", "Acme Support Team"],
)
def test_ordinary_words_are_not_placeholders(value: str) -> None:
    from envguard.knowledge.placeholders import placeholder_reason

    assert placeholder_reason(value, secret=False) is None


def test_instruction_values_are_reported_as_placeholders_not_weak(tmp_path: Path) -> None:
    env = (
        "JWT_SECRET=your-super-secret-jwt-token-with-at-least-32-characters-long\n"
        "ACCESS_TOKEN_SECRET=replace_me_with_a_random_string_access\n"
        "STRIPE_SECRET_KEY=sk_test_1234\n"
        "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_test_1234\n"
    )
    write_project(tmp_path, {".env": env})
    _, findings, _ = check_json(tmp_path)
    for name in ("JWT_SECRET", "ACCESS_TOKEN_SECRET", "STRIPE_SECRET_KEY", "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY"):
        assert _codes_for(findings, name) == ["EG202"], name


def test_masked_values_are_placeholders_not_weak_secrets(tmp_path: Path) -> None:
    env = (
        'GOOGLE_CLIENT_SECRET="' + "*" * 48 + '"\n'  # hoppscotch
        "SERPAPI_KEY=xxxx\n"
        "SECRET_KEY=---\n"  # healthchecks
        "ENCRYPTION_KEY=" + "0" * 64 + "\n"  # langfuse: a zero key is a weak value
    )
    write_project(tmp_path, {".env": env})
    _, findings, _ = check_json(tmp_path)
    assert _codes_for(findings, "GOOGLE_CLIENT_SECRET") == ["EG202"]
    assert _codes_for(findings, "SERPAPI_KEY") == ["EG202"]
    assert _codes_for(findings, "SECRET_KEY") == ["EG202"]
    assert "EG203" in _codes_for(findings, "ENCRYPTION_KEY")


# --- example files -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://postgres:postgres@localhost:5432/app?schema=public",  # formbricks, trigger.dev
        "postgres://twenty:twenty@localhost:5432/default",  # twenty
        "postgresql://postgres:typebot@typebot-db:5432/typebot",  # typebot: a compose service
        "postgresql://postgres:testpass@hoppscotch-db:5432/hoppscotch",  # hoppscotch
    ],
)
def test_local_database_urls_in_examples_are_not_leaks(tmp_path: Path, url: str) -> None:
    write_project(tmp_path, {".env.example": f'DATABASE_URL="{url}"\n'})
    _, findings, _ = check_json(tmp_path)
    assert _codes_for(findings, "DATABASE_URL") == []


def test_remote_database_password_in_example_is_reported(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    password = "".join(rng.choice("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(24))
    url = f"postgresql://app:{password}@db.acme-prod.example.net:5432/app"
    write_project(tmp_path, {".env.example": f'DATABASE_URL="{url}"\n'})
    _, findings, _ = check_json(tmp_path)
    assert _codes_for(findings, "DATABASE_URL") == ["EG310"]


# --- syntax ---------------------------------------------------------------------------------


def test_comment_after_empty_value_is_fine_in_a_node_project(tmp_path: Path) -> None:
    env = "AUTH_SECRET= # openssl rand -hex 32\n"  # inbox-zero (Next.js)
    write_project(tmp_path, {".env.example": env, "package.json": '{"name": "web"}\n'})
    _, findings, _ = check_json(tmp_path)
    assert _codes_for(findings, "AUTH_SECRET") == []
    # A Python project reads the comment as the value with python-dotenv.
    write_project(tmp_path, {"requirements.txt": "python-dotenv\n"})
    _, findings, _ = check_json(tmp_path)
    assert _codes_for(findings, "AUTH_SECRET") == ["EG017"]


# --- schema values ---------------------------------------------------------------------------


def test_bare_dollar_reference_is_not_judged_as_a_value(tmp_path: Path) -> None:
    env = (
        "NEXT_PUBLIC_BASE_URL=http://localhost:3000\n"
        "NEXTAUTH_URL=$NEXT_PUBLIC_BASE_URL\n"  # rallly: dotenv-expand resolves it
        "SESSION_SECRET=$APP_SECRET\n"
        "APP_URL=not a url\n"
    )
    write_project(tmp_path, {".env": env})
    _, findings, _ = check_json(tmp_path)
    assert _codes_for(findings, "NEXTAUTH_URL") == []
    assert _codes_for(findings, "SESSION_SECRET") == []
    assert _codes_for(findings, "APP_URL") == ["EG103"]


def test_known_weak_key_gets_one_finding(tmp_path: Path) -> None:
    write_project(tmp_path, {".env": "JWT_SECRET=dev\nENCRYPTION_KEY=dev\n"})  # growthbook
    _, findings, _ = check_json(tmp_path)
    assert _codes_for(findings, "ENCRYPTION_KEY") == ["EG203"]


@pytest.mark.parametrize(
    "value",
    [
        "sb_publishable_key",  # boxyhq: a provider prefix followed by the word "key"
        "sk_test_key",
        "tu_anon_key_aqui",  # a Spanish 'your key here' (Finanzapp)
    ],
)
def test_prefix_plus_word_and_translated_here_placeholders(value: str) -> None:
    from envguard.knowledge.placeholders import placeholder_reason

    assert placeholder_reason(value, secret=False) is not None


def test_click_here_is_not_a_placeholder() -> None:
    from envguard.knowledge.placeholders import placeholder_reason

    assert placeholder_reason("Click here", secret=False) is None


def test_inner_quotes_in_a_quoted_value_are_a_warning_in_a_node_project(tmp_path: Path) -> None:
    # skateshop: PlanetScale's ?ssl={"rejectUnauthorized":true} inside a double-quoted URL.
    line = 'DATABASE_URL="mysql://app@db.example.com/app?ssl={"rejectUnauthorized":true}"\n'
    write_project(tmp_path, {".env.example": line})
    _, findings, _ = check_json(tmp_path)
    assert [(f["code"], f["severity"]) for f in findings if f["code"] == "EG001"] == [("EG001", "error")]
    write_project(tmp_path, {"package.json": '{"name": "shop"}\n'})
    _, findings, _ = check_json(tmp_path)
    parse = [f for f in findings if f["code"] == "EG001"]
    assert [f["severity"] for f in parse] == ["warning"]
    assert "Node's dotenv reads" in str(parse[0]["message"])


def test_bare_stripe_object_prefix_is_a_placeholder(tmp_path: Path) -> None:
    # skateshop: STRIPE_PRO_STORE_PRICE_ID="price_" next to "sk_test_" and "whsec_".
    write_project(tmp_path, {".env": 'STRIPE_PRO_STORE_PRICE_ID="price_"\n'})
    _, findings, _ = check_json(tmp_path)
    assert _codes_for(findings, "STRIPE_PRO_STORE_PRICE_ID") == ["EG202"]


@pytest.mark.parametrize(
    ("value", "placeholder"),
    [
        ("[generate-a-random-32-char-string]", True),  # an Auth0 staging guide
        ("[get-from-auth0-dashboard]", True),
        ("[1]", False),
        ('["a","b"]', False),
    ],
)
def test_bracketed_instructions_are_placeholders(value: str, placeholder: bool) -> None:
    from envguard.knowledge.placeholders import placeholder_reason

    assert (placeholder_reason(value, secret=True) is not None) is placeholder


def test_copied_from_example_names_the_same_variable(tmp_path: Path) -> None:
    import random

    rng = random.Random(3)
    value = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(20))
    example = f"S3_ACCESS_KEY_ID={value}\nS3_SECRET_ACCESS_KEY={value}\n"  # lago's example reuses one value
    write_project(tmp_path, {".env.example": example, ".env": f"S3_SECRET_ACCESS_KEY={value}\n"})
    _, findings, _ = check_json(tmp_path, "-e", "production", "--env-file", ".env")
    copied = [f for f in findings if f["code"] == "EG311"]
    assert len(copied) == 1
    assert "same value as S3_SECRET_ACCESS_KEY in .env.example" in str(copied[0]["message"])


def test_a_value_repeating_its_name_is_a_placeholder(tmp_path: Path) -> None:
    env = "DB_PORT=db_port_number\nDB_PASSWORD=db_password\nDB_HOST=db_host\nPORT=3000\n"  # nest-book
    write_project(tmp_path, {".env": env})
    _, findings, _ = check_json(tmp_path)
    assert _codes_for(findings, "DB_PORT") == ["EG202"]
    assert _codes_for(findings, "DB_PASSWORD") == ["EG202"]
    assert _codes_for(findings, "PORT") == []


def test_non_standard_node_env_is_a_warning_outside_production(tmp_path: Path) -> None:
    write_project(tmp_path, {".env": "NODE_ENV=local\n"})  # novu's API
    _, findings, _ = check_json(tmp_path, "-e", "development")
    assert [(f["code"], f["severity"]) for f in findings if f["variable"] == "NODE_ENV"] == [("EG105", "warning")]
    _, findings, _ = check_json(tmp_path, "-e", "production")
    assert [(f["code"], f["severity"]) for f in findings if f["variable"] == "NODE_ENV"] == [("EG105", "error")]


def test_wrangler_dev_vars_are_checked(tmp_path: Path) -> None:
    # A Cloudflare Workers template: .dev.vars.example, copied to .dev.vars for `wrangler dev`.
    example = "ENVIRONMENT=development\nBETTER_AUTH_SECRET=\nRESEND_API_KEY=re_xxxxxxxxxx\n"
    write_project(
        tmp_path, {".dev.vars.example": example, ".dev.vars": "ENVIRONMENT=development\nBETTER_AUTH_SECRET=secret\n"}
    )
    _, findings, payload = check_json(tmp_path)
    assert ".dev.vars" in payload["files"]
    assert _codes_for(findings, "BETTER_AUTH_SECRET") == ["EG203"]
    assert _codes_for(findings, "RESEND_API_KEY") == ["EG112"]  # listed in the example, not set


def test_a_setting_named_like_its_variable_may_be_real() -> None:
    from envguard.knowledge.placeholders import placeholder_reason

    assert placeholder_reason("postgres_db", secret=False, name="POSTGRES_DB") is None
    assert placeholder_reason("db_port_number", secret=False, name="DB_PORT") is not None
    assert placeholder_reason("db_password", secret=True, name="DB_PASSWORD") is not None
