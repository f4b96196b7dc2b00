"""The built-in schema catalog (``schemas/*.yaml``): it loads, it is compiled, and it is
precise enough to run on every project without crying wolf.

Table-driven: most tests run once per group, variable, pattern or provider format.
"""

from __future__ import annotations

import fnmatch
import json
import marshal
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from envguard.checking.build import _resolve_schema
from envguard.config import KNOWN_ENVIRONMENTS, Config
from envguard.knowledge import providers
from envguard.knowledge.placeholders import placeholder_reason
from envguard.schema import catalog
from envguard.schema.loader import parse_group
from envguard.schema.model import Group, PatternSpec, VarSpec, freeze, glob_test, thaw
from envguard.schema.types import validate
from envguard.sources.yamlmarks import load_yaml_file

SCHEMAS = catalog.schema_dir()
GROUP_FILES = sorted(SCHEMAS.glob("*.yaml"))
GROUPS: list[Group] = [parse_group(load_yaml_file(p, f"schemas/{p.name}"), f"schemas/{p.name}") for p in GROUP_FILES]
BY_NAME = {g.name: g for g in GROUPS}

# Names declared by more than one group, on purpose. The AWS SDK's standard variables
# belong to both AWS groups so that either one, used alone (`use: [s3]`, infer: false),
# still validates them; the declarations must stay identical.
SHARED_VARIABLES = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL",
    "AWS_PROFILE",
)
SHARED: dict[str, frozenset[str]] = {
    name: frozenset({"ses", "s3"})
    for name in (*SHARED_VARIABLES, "AWS_ACCESS_KEY", "AWS_SECRET_KEY")  # with their aliases
}
# Names too generic to infer a group on their own (Fly.io's Tigris sets BUCKET_NAME;
# AdonisJS has an APP_KEY of its own format too); they resolve once the group is active
# for other reasons (Laravel's LOG_CHANNEL, QUEUE_CONNECTION...).
GENERIC_ALIASES = frozenset({"BUCKET_NAME", "APP_KEY", "LARAVEL_APP_KEY", "APP_PREVIOUS_KEYS"})

# Every variable named in the documents the project came from (../shared/seeds), so the
# test does not depend on files outside the repository. PLATFORM_COMMISSION_PERCENTAGE is
# project-specific and belongs in a project's own envguard.yaml.
SEED_VARIABLES = (
    "CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ZONE_ID", "CSRF_SECRET", "DATABASE_URL",
    "DATADOG_API_KEY", "DATADOG_APP_KEY", "DIRECT_URL", "ENCRYPTION_KEY",
    "FEATURE_ADVANCED_ANALYTICS", "FEATURE_REAL_TIME_MESSAGING", "FEATURE_SOCIAL_LOGIN",
    "FEATURE_STRIPE_CONNECT", "GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET", "HASH_SALT_ROUNDS",
    "NEW_RELIC_APP_NAME", "NEW_RELIC_LICENSE_KEY", "NEXTAUTH_SECRET", "NEXTAUTH_URL",
    "NEXT_PUBLIC_APP_URL", "NEXT_PUBLIC_SENTRY_DSN", "NODE_ENV", "REDIS_CLOUD_PASSWORD",
    "REDIS_CLOUD_URL", "REDIS_HOST", "REDIS_PORT", "RESEND_API_KEY", "SENDGRID_API_KEY",
    "SENTRY_DSN", "SENTRY_ENVIRONMENT", "SENTRY_RELEASE", "SESSION_SECRET",
    "STRIPE_PUBLISHABLE_KEY", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET",
    "SUPABASE_ANON_KEY", "SUPABASE_SERVICE_ROLE_KEY", "SUPABASE_URL", "AWS_SES_REGION",
    "AWS_SES_ACCESS_KEY_ID", "AWS_SES_SECRET_ACCESS_KEY",
)  # fmt: skip
SEED_EXCEPTIONS = frozenset({"PLATFORM_COMMISSION_PERCENTAGE"})
SEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _variables() -> Iterator[tuple[str, VarSpec]]:
    for g in GROUPS:
        for v in g.variables:
            yield f"{g.name}:{v.name}", v


def _patterns() -> Iterator[tuple[str, PatternSpec]]:
    for g in GROUPS:
        for p in g.patterns:
            yield f"{g.name}:{p.match}", p


VARIABLES = dict(_variables())
PATTERNS = dict(_patterns())


def _names(group: Group) -> set[str]:
    return group.names()


# --- loading and compiling -------------------------------------------------------------


@pytest.mark.parametrize("path", GROUP_FILES, ids=[p.stem for p in GROUP_FILES])
def test_group_loads_and_lives_in_its_own_file(path: Path) -> None:
    group = parse_group(load_yaml_file(path, f"schemas/{path.name}"), f"schemas/{path.name}")
    assert group.name == path.stem
    assert group.title
    assert group.description
    assert group.variables or group.patterns


def test_compiled_catalog_is_not_stale() -> None:
    fresh = json.loads(json.dumps(catalog.compile_catalog(SCHEMAS), sort_keys=True))
    shipped = json.loads(catalog.COMPILED.read_text(encoding="utf-8"))
    assert fresh == shipped, "schemas/ changed: run `python -m envguard.schema.catalog`"


def test_every_compiled_group_parses() -> None:
    assert catalog.names() == sorted(BY_NAME)
    for name in catalog.names():
        assert catalog.get(name).names() == BY_NAME[name].names()


# --- documentation of every variable ---------------------------------------------------


@pytest.mark.parametrize("spec", VARIABLES.values(), ids=list(VARIABLES))
def test_variable_is_documented(spec: VarSpec) -> None:
    assert spec.description, "every variable needs a description"
    assert (spec.docs or "").startswith("https://"), "every variable needs an https docs URL"


@pytest.mark.parametrize("pattern", PATTERNS.values(), ids=list(PATTERNS))
def test_pattern_is_documented(pattern: PatternSpec) -> None:
    assert pattern.spec.description
    assert pattern.spec.docs
    assert pattern.spec.docs.startswith("https://")


@pytest.mark.parametrize("group", GROUPS, ids=[g.name for g in GROUPS])
def test_group_docs_are_https(group: Group) -> None:
    assert group.docs
    assert group.docs.startswith("https://")


@pytest.mark.parametrize("fmt", list(providers.iter_formats()), ids=lambda f: f.name)
def test_provider_format_cites_its_docs(fmt: providers.ProviderFormat) -> None:
    assert fmt.docs.startswith("https://")


# --- examples --------------------------------------------------------------------------

_ELIDED = re.compile(r"\.\.\.|…")


@pytest.mark.parametrize("spec", VARIABLES.values(), ids=list(VARIABLES))
def test_example(spec: VarSpec) -> None:
    example = spec.example
    if example is None:
        return
    if spec.secret:
        # A secret's example is a placeholder, never something key-shaped.
        assert placeholder_reason(example, secret=True) is not None, "secret example is not a placeholder"
        assert providers.identify(example) == [], "secret example looks like a real credential"
        return
    problems = validate(spec, example)
    if problems and _ELIDED.search(example) and (spec.format or spec.pattern):
        # Public credentials (pk_test_..., phc_...) are elided too: a complete one would
        # be key-shaped. The elision must be recognised as a placeholder.
        assert placeholder_reason(example, secret=True) is not None
        return
    assert problems == [], [p.message for p in problems]


def _overlay(group: Group, env: str, name: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for env_name, per_var in group.environments:
        if env_name == env:
            for var, fields in per_var:
                if var == name:
                    out.update(dict(fields))
    return out


@pytest.mark.parametrize("spec", VARIABLES.values(), ids=list(VARIABLES))
def test_example_is_valid_in_production(spec: VarSpec) -> None:
    """The documented value is one a well-kept production deployment could have."""
    if spec.example is None or spec.secret or _ELIDED.search(spec.example):
        return
    prod = spec.with_overrides(_overlay(BY_NAME[spec.group], "production", spec.name))
    problems = validate(prod, spec.example, deployed=True, production=True)
    assert problems == [], [p.message for p in problems]


@pytest.mark.parametrize("spec", VARIABLES.values(), ids=list(VARIABLES))
def test_default_and_choices_are_consistent(spec: VarSpec) -> None:
    if spec.default is not None:
        assert validate(spec, spec.default) == []
    if spec.type == "enum":
        assert spec.choices
        assert len(set(spec.choices)) == len(spec.choices)


# --- provider formats: the fakes tests rely on ----------------------------------------


@pytest.mark.parametrize(
    ("fmt", "mode"),
    [(f, m) for f in providers.iter_formats() if f.fake is not None for m in ("test", "live")],
    ids=lambda x: x if isinstance(x, str) else x.name,
)
def test_fake_credentials_have_the_provider_shape(fmt: providers.ProviderFormat, mode: str) -> None:
    for seed in range(5):
        value = fmt.generate(random.Random(f"{fmt.name}:{mode}:{seed}"), mode)
        assert fmt.validate(value) == [], f"fake {fmt.name} ({len(value)} chars) fails its own format"
        assert placeholder_reason(value, secret=fmt.secret) is None, f"fake {fmt.name} reads as a placeholder"
        if fmt.prefixes or fmt.distinctive:
            assert fmt in providers.identify(value)


def test_every_format_is_used_or_generic() -> None:
    """Formats added for the catalog are referenced by a schema (or by the scanner only)."""
    used = {s.format for s in VARIABLES.values() if s.format} | {
        p.spec.format for p in PATTERNS.values() if p.spec.format
    }
    unused = {f.name for f in providers.iter_formats()} - used
    # Formats that exist for the scanner and wrong-provider detection, not for a variable
    # (AWS_SESSION_TOKEN stays generic: S3-compatible stores issue their own tokens;
    # UPSTASH_REDIS_REST_URL is a plain URL: Vercel KV hosts and local REST proxies too;
    # SUPABASE_URL is a plain URL so that http:// and localhost in production are EG104).
    assert unused == {"npm-token", "aws-session-token", "upstash-redis-url", "supabase-url"}


# --- name resolution and group inference -------------------------------------------------


def _zero_config(names: set[str], environment: str = "development") -> Any:
    return _resolve_schema(Config(root=Path(".")), environment, (), names)


@pytest.mark.parametrize("name", SEED_VARIABLES)
def test_seed_variable_resolves_with_zero_config(name: str) -> None:
    detected = catalog.detect([name])
    assert detected, f"{name} infers no group"
    assert _zero_config({name}).lookup(name) is not None


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="the seed documents are not next to this checkout")
def test_seed_list_is_complete() -> None:
    found: set[str] = set()
    for path in SEEDS_DIR.glob("*.txt"):
        text = path.read_text(encoding="utf-8", errors="replace")
        # File names such as ENV_SETUP.md are not variables.
        found |= set(re.findall(r"\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b(?!\.[a-z])", text))
    assert found - SEED_EXCEPTIONS <= set(SEED_VARIABLES)


@pytest.mark.parametrize("group", GROUPS, ids=[g.name for g in GROUPS])
def test_every_declared_name_infers_its_group(group: Group) -> None:
    """Zero-config finds every variable and alias a group declares."""
    # A shared name is inferred through one of its owners (the AWS names through `ses`).
    missing = sorted(
        n for n in _names(group) - GENERIC_ALIASES if not set(SHARED.get(n, {group.name})) & set(catalog.detect([n]))
    )
    assert missing == [], f"these names do not infer {group.name}"
    for name in _names(group) - GENERIC_ALIASES:
        assert _zero_config({name}).lookup(name) is not None


@pytest.mark.parametrize(
    ("name", "groups"),
    [
        ("PORT", ["app"]),
        ("HOST", ["app"]),
        ("NODE_ENV", ["app"]),
        ("DEBUG", ["app"]),
        ("LOG_LEVEL", ["app"]),
        ("DATABASE_URL", ["database"]),
        ("DIRECT_URL", ["database"]),
        ("POSTGRES_PASSWORD", ["postgres"]),
        ("POSTGRES_PRISMA_URL", ["database"]),
        ("REDIS_URL", ["redis"]),
        ("UPSTASH_REDIS_REST_URL", ["redis"]),
        ("QSTASH_TOKEN", ["qstash"]),
        ("NEXTAUTH_SECRET", ["nextauth"]),
        ("AUTH_SECRET", ["nextauth"]),
        ("AUTH_GOOGLE_ID", ["oauth"]),
        ("GITHUB_ID", ["oauth"]),
        ("GITHUB_TOKEN", ["github"]),
        ("STRIPE_SECRET_KEY", ["stripe"]),
        ("CLERK_SECRET_KEY", ["clerk"]),
        ("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", ["clerk"]),
        ("AWS_ACCESS_KEY_ID", ["ses"]),
        ("AWS_SES_REGION", ["ses"]),
        ("S3_REGION", ["s3"]),
        ("R2_ACCOUNT_ID", ["s3"]),
        ("CLOUDFLARE_ACCOUNT_ID", ["cloudflare"]),
        ("SMTP_HOST", ["smtp"]),
        ("EMAIL_SERVER", ["smtp"]),
        ("EMAIL_FROM", ["email"]),
        ("SENTRY_DSN", ["sentry"]),
        ("NEXT_PUBLIC_POSTHOG_KEY", ["posthog"]),
        ("INNGEST_SIGNING_KEY", ["inngest"]),
        ("DD_API_KEY", ["datadog"]),
        ("NEW_RELIC_LICENSE_KEY", ["newrelic"]),
        ("NEXT_PUBLIC_MAPBOX_TOKEN", ["mapbox"]),
        ("NEXT_PUBLIC_GA_MEASUREMENT_ID", ["analytics"]),
        ("CRON_SECRET", ["cron"]),
        ("SLACK_BOT_TOKEN", ["slack"]),
        ("OPENAI_API_KEY", ["ai"]),
        ("VERCEL_URL", ["vercel"]),
        ("BLOB_READ_WRITE_TOKEN", ["vercel"]),
        ("CLICKHOUSE_URL", ["clickhouse"]),
        ("TWILIO_ACCOUNT_SID", ["twilio"]),
        ("FEATURE_NEW_CHECKOUT", ["feature-flags"]),
        ("NEXT_PUBLIC_FEATURE_BETA", ["feature-flags"]),
        ("JWT_SECRET", ["secrets"]),
        ("HASH_SALT_ROUNDS", ["secrets"]),
        ("SUPABASE_URL", ["supabase"]),
        ("NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY", ["supabase"]),
    ],
)
def test_detect_maps_a_name_to_exactly_its_groups(name: str, groups: list[str]) -> None:
    assert catalog.detect([name]) == groups


# Names seen in shells, CI and unrelated configuration: none may infer a group (a wrong
# group brings its rules, and rules on the wrong variables are false alarms).
UNRELATED = (
    "PATH", "HOME", "USER", "SHELL", "LANG", "LC_ALL", "TERM", "PWD", "OLDPWD", "TZ", "CI",
    "EDITOR", "HOSTNAME", "LOGNAME", "DISPLAY", "SSH_AUTH_SOCK", "TMPDIR", "NODE_OPTIONS",
    "NODE_PATH", "NPM_CONFIG_REGISTRY", "PYTHONPATH", "VIRTUAL_ENV", "JAVA_HOME", "GOPATH",
    "DOCKER_HOST", "KUBECONFIG", "API_KEY", "SECRET", "TOKEN", "PASSWORD", "MY_API_KEY",
    "SOME_SECRET_KEY", "AUTH_TOKEN", "ACCESS_TOKEN", "ACCESS_KEY", "PRIVATE_KEY", "URL",
    "BASE_PATH", "TIMEOUT", "MAX_UPLOAD_SIZE", "PLATFORM_COMMISSION_PERCENTAGE", "APP_VERSION",
    "COMPANY_NAME", "SUPPORT_PHONE", "RATE_LIMIT_MAX", "CACHE_TTL", "UPLOAD_DIR", "CORS_ORIGIN",
    "WEBHOOK_SECRET", "WEBHOOK_URL", "ADMIN_PASSWORD", "REGION", "BUCKET_NAME", "SESSION_TTL",
    "ENABLE_SIGNUP", "SIGNUP_ENABLED", "MINUTES_TO_BOOK", "GITHUB_SHA", "GITHUB_REPOSITORY",
    "RUNNER_OS", "VERCEL_FORCE_NO_BUILD_CACHE_X", "AUTH_MODE", "MAIL_DRIVER_X", "SESSION_COOKIE_NAME",
)  # fmt: skip


@pytest.mark.parametrize("name", UNRELATED)
def test_unrelated_names_infer_no_group(name: str) -> None:
    detected = catalog.detect([name])
    # VERCEL_* is Vercel's namespace: any name in it belongs to the vercel group.
    if name.startswith("VERCEL_"):
        assert detected == ["vercel"]
    else:
        assert detected == [], f"{name} infers {detected}"


def test_a_name_belongs_to_one_group() -> None:
    owners: dict[str, set[str]] = {}
    for g in GROUPS:
        for name in _names(g):
            owners.setdefault(name, set()).add(g.name)
    shared = {n: frozenset(gs) for n, gs in owners.items() if len(gs) > 1}
    assert shared == SHARED


@pytest.mark.parametrize("name", SHARED_VARIABLES)
def test_shared_declarations_are_identical(name: str) -> None:
    specs = [
        next(v for v in BY_NAME[g].variables if v.name == name)._replace(group="", mark=None)
        for g in sorted(SHARED[name])
    ]
    assert all(s == specs[0] for s in specs)


def test_no_alias_shadows_a_variable_of_another_group() -> None:
    variables = {v.name for v in VARIABLES.values()}
    for key, spec in VARIABLES.items():
        assert not set(spec.aliases) & variables, key


# --- environments and rules ------------------------------------------------------------


@pytest.mark.parametrize("group", GROUPS, ids=[g.name for g in GROUPS])
def test_environment_names_are_canonical(group: Group) -> None:
    for env, _ in group.environments:
        assert env in KNOWN_ENVIRONMENTS
    for rule in group.rules:
        assert rule.environments is None or set(rule.environments) <= set(KNOWN_ENVIRONMENTS)
    for spec in group.variables:
        assert set(dict(spec.required.per_env)) <= set(KNOWN_ENVIRONMENTS)


ALL_NAMES = {n for g in GROUPS for n in _names(g)}


@pytest.mark.parametrize("group", GROUPS, ids=[g.name for g in GROUPS])
def test_rules_name_declared_variables(group: Group) -> None:
    for rule in group.rules:
        for name in (*rule.variables, *(c.variable for c in rule.when)):
            assert name in ALL_NAMES, f"{group.name}: rule names unknown variable {name}"
        assert rule.message, f"{group.name}: built-in rules explain themselves"
        assert rule.hint, f"{group.name}: built-in rules say how to fix"


@pytest.mark.parametrize("group", GROUPS, ids=[g.name for g in GROUPS])
def test_inferred_rules_are_conditional(group: Group) -> None:
    """Rules run whenever a group is inferred, so presence rules need a `when`."""
    for rule in group.rules:
        if rule.kind in ("require", "one_of", "forbid"):
            assert rule.when, f"{group.name}: a {rule.kind} rule without `when` fires on every project"


@pytest.mark.parametrize("group", GROUPS, ids=[g.name for g in GROUPS])
def test_production_overlays_only_tighten(group: Group) -> None:
    """An overlay's choices are a subset of the base choices."""
    base = {v.name: v for v in group.variables}
    for _env, per_var in group.environments:
        for var, fields in per_var:
            choices = dict(fields).get("choices")
            if choices is not None and base[var].choices is not None:
                assert set(choices) <= set(base[var].choices), var


# --- semantics that real templates depend on ---------------------------------------------


def _spec(name: str, environment: str = "development") -> VarSpec:
    found = _resolve_schema(Config(root=Path("."), use=tuple(BY_NAME)), environment, (), set()).lookup(name)
    assert found is not None, name
    return found.spec


@pytest.mark.parametrize(
    ("name", "value", "environment", "ok"),
    [
        # Region fields of S3-compatible stores are not AWS regions (real templates).
        ("S3_REGION", "garage", "production", True),
        ("S3_REGION", "auto", "production", True),
        ("AWS_REGION", "auto", "production", True),
        ("AWS_REGION", "us-east-1", "production", True),
        ("AWS_REGION", "us-east1", "production", False),
        ("AWS_SES_REGION", "auto", "production", False),
        ("AWS_SES_REGION", "eu-west-1", "production", True),
        ("AWS_ACCESS_KEY_ID", "0123456789abcdef0123456789abcdef", "production", True),
        ("AWS_ACCESS_KEY_ID", "AKIA1234", "production", False),
        # libSQL over HTTP, SQLite files, Prisma Accelerate, SQLAlchemy drivers.
        ("DATABASE_URL", "http://libsql:8080", "production", True),
        ("DATABASE_URL", "file:./dev.db", "development", True),
        ("DATABASE_URL", "postgresql+asyncpg://app:pw@db.internal:5432/app", "production", True),
        ("DATABASE_URL", "https://abcdefghijklmnopqrst.supabase.co", "development", True),
        ("DATABASE_URL", "postgress://app:pw@db:5432/app", "development", False),
        ("MONGODB_URI", "mongodb://a:27017,b:27017/app?replicaSet=rs0", "production", True),
        ("DATABASE_URI", "mongodb://127.0.0.1/payload", "development", True),  # Payload CMS
        ("DATABASE_URL", "mongodb+srv://app@cluster0.example.mongodb.net/app", "production", True),  # Prisma mongodb
        ("DATABASE_URL", "amqp://mq:5672", "production", False),
        # Strict booleans for toggles, and settings that merely share the prefix.
        ("FEATURE_SOCIAL_LOGIN", "true", "production", True),
        ("FEATURE_SOCIAL_LOGIN", "ture", "production", False),
        ("FEATURE_CHECKOUT_ROLLOUT_PERCENT", "25", "production", True),
        ("FEATURE_CHECKOUT_ROLLOUT_PERCENT", "125", "production", False),
        ("FEATURE_SEARCH_URL", "https://search.example.com", "production", True),
        ("FEATURE_FLAGS_PROVIDER", "launchdarkly", "production", True),
        # Production is stricter.
        ("NODE_ENV", "development", "production", False),
        ("NODE_ENV", "development", "development", True),
        ("LOG_LEVEL", "debug", "production", False),
        ("LOG_LEVEL", "INFO", "production", True),
        ("DEBUG", "express:*", "development", True),
        ("DEBUG", "true", "production", False),
        ("DEBUG", "False", "production", True),
        ("DEBUG", "1", "production", False),
        ("DEBUG", "http", "production", True),  # Outline: a `debug` namespace, not a switch
        ("REDIS_HOST", "immich_redis", "production", True),  # a Docker container name
        ("VITE_API_BASE_URL", "/api", "production", True),  # proxied on the app's origin
        ("NEXT_PUBLIC_API_URL", "//api.example.com", "production", False),
        ("APP_URL", "/app", "production", False),
        ("REDIS_HOST", "redis host", "production", False),
        ("DB_HOST", "localhost:5432", "development", False),
        ("NODE_TLS_REJECT_UNAUTHORIZED", "0", "production", False),
        ("POSTGRES_HOST_AUTH_METHOD", "trust", "production", False),
        ("POSTGRES_HOST_AUTH_METHOD", "trust", "development", True),
        ("INNGEST_DEV", "1", "production", False),
        ("INNGEST_DEV", "1", "development", True),
        ("JWT_ACCESS_TTL", "15m", "production", True),
        ("JWT_ACCESS_TTL", "7d", "production", False),
        ("JWT_ACCESS_TTL", "7d", "development", True),
        ("NEXTAUTH_URL", "http://localhost:3000", "production", False),
        ("NEXTAUTH_URL", "http://localhost:3000", "development", True),
        ("NEXTAUTH_URL_INTERNAL", "http://localhost:3000", "production", True),
        # Names as real templates spell them.
        (
            "AUTH_GOOGLE_ID",
            "123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com",
            "production",
            True,
        ),
        ("SENTRY_RELEASE", "web@1.4.2+abc123", "production", True),
        ("SENTRY_RELEASE", "feature/login", "production", False),
        ("SENTRY_RELEASE", "my release 1", "production", True),
        ("SENTRY_RELEASE", "latest", "production", False),
        ("SENTRY_ENVIRONMENT", "None", "production", False),
        ("PGSSLMODE", "no-verify", "production", True),
        ("DATABASE_HOST", "/cloudsql/acme:europe-west1:db", "production", True),
        ("DATABASE_HOST", "postgres://db.example.com", "production", False),
        ("UPSTASH_REDIS_REST_URL", "https://calm-cat-12345.kv.vercel-storage.com", "production", True),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318", "production", True),
        ("EMAIL_FROM", "Acme <no-reply@example.com>", "production", True),
        ("TWILIO_PHONE_NUMBER", "whatsapp:+14155238886", "production", True),
        ("POSTMARK_SERVER_TOKEN", "POSTMARK_API_TEST", "development", True),
        ("SMTP_PORT", "587", "production", True),
        ("VERCEL_URL", "app-git-main-acme.vercel.app", "production", True),
        ("VERCEL_URL", "https://app.vercel.app", "production", False),
        ("HASH_SALT_ROUNDS", "12", "production", True),
        ("HASH_SALT_ROUNDS", "twelve", "production", False),
    ],
)
def test_value_semantics(name: str, value: str, environment: str, ok: bool) -> None:
    spec = _spec(name, environment)
    prod = environment == "production"
    problems = [p for p in validate(spec, value, deployed=prod, production=prod) if p.kind != "format-warning"]
    assert (problems == []) is ok, [p.message for p in problems]


@pytest.mark.parametrize(
    ("name", "min_bits", "key"),
    [
        ("NEXTAUTH_SECRET", 256, None),
        ("AUTH_SECRET", 256, None),
        ("JWT_SECRET", 256, "jwt-hs256"),
        ("JWT_REFRESH_SECRET", 256, "jwt-hs256"),
        ("ENCRYPTION_KEY", 256, "aes-256"),
        ("SESSION_SECRET", 128, None),
        ("CSRF_SECRET", 128, None),
        ("COOKIE_SECRET", 128, None),
        ("FLAGS_SECRET", 256, None),
    ],
)
def test_generated_secrets_declare_their_strength(name: str, min_bits: int, key: str | None) -> None:
    spec = _spec(name)
    assert spec.secret
    assert spec.exposure == "server"
    assert spec.key == key
    assert spec.min_bits == min_bits


def test_bcrypt_cost_is_left_to_the_strength_rules() -> None:
    spec = _spec("HASH_SALT_ROUNDS")
    assert spec.type == "int"
    assert spec.key == "bcrypt-cost"
    assert spec.min is None
    assert spec.max is None


@pytest.mark.parametrize(
    ("name", "public"),
    [
        ("NEXT_PUBLIC_SENTRY_DSN", True),
        ("NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY", True),
        ("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", True),
        ("NEXT_PUBLIC_SUPABASE_ANON_KEY", True),
        ("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", True),
        ("NEXT_PUBLIC_POSTHOG_KEY", True),
        ("NEXT_PUBLIC_MAPBOX_TOKEN", True),
        ("NEXT_PUBLIC_TURNSTILE_SITE_KEY", True),
        ("NEXT_PUBLIC_GA_MEASUREMENT_ID", True),
        ("VITE_SUPABASE_ANON_KEY", True),
        # Server secrets under a public prefix resolve to the secret spec (a leak).
        ("NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY", False),
        ("NEXT_PUBLIC_STRIPE_SECRET_KEY", False),
        ("NEXT_PUBLIC_OPENAI_API_KEY", False),
        ("VITE_OPENAI_API_KEY", False),
        ("NEXT_PUBLIC_MAPBOX_SECRET_TOKEN", False),
    ],
)
def test_public_names_resolve_to_public_specs(name: str, public: bool) -> None:
    schema = _zero_config({name})
    found = schema.lookup(name)
    assert found is not None
    if public:
        assert not found.spec.secret
        assert found.via in ("name", "alias")
    else:
        assert found.spec.secret
        assert found.via == "public-prefix"


# --- docs/schema.md documents exactly what the loader accepts ------------------------------

DOCS = Path(__file__).resolve().parents[1] / "docs" / "schema.md"


def _documented_terms() -> list[str]:
    from envguard.config import ENV_KEYS, TOP_KEYS, UNKNOWN_MODES
    from envguard.schema import loader
    from envguard.schema.model import BASE_TYPES

    return [
        *loader.VAR_KEYS,
        *loader.GROUP_KEYS,
        *loader.RULE_KEYS,
        *loader.ENCODINGS,
        *loader.KEY_KINDS,
        *loader.OPTION_TYPES,
        *loader.COMPARATORS,
        *loader.EXPOSURES,
        *BASE_TYPES,
        *providers.FORMATS,
        *TOP_KEYS,
        *ENV_KEYS,
        *UNKNOWN_MODES,
        *catalog.names(),
    ]


@pytest.mark.parametrize("term", sorted(set(_documented_terms())))
def test_docs_document_every_schema_term(term: str) -> None:
    assert f"`{term}`" in DOCS.read_text(encoding="utf-8"), f"docs/schema.md does not mention `{term}`"


def _fenced(language: str, after: str) -> str:
    text = DOCS.read_text(encoding="utf-8")
    start = text.index(f"```{language}\n", text.index(after)) + len(language) + 4
    return text[start : text.index("```", start)]


def test_docs_example_configuration_loads(tmp_path: Path) -> None:
    from envguard.config import load_config

    (tmp_path / "envguard.yaml").write_text(_fenced("yaml", "## Project configuration"), encoding="utf-8")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "envguard-billing.yaml").write_text(
        "group: billing\ntitle: Billing\nvariables:\n  BILLING_MODE: {type: enum, choices: [live, test]}\n",
        encoding="utf-8",
    )
    cfg = load_config(tmp_path)
    assert cfg.use[:2] == ("app", "database")
    assert cfg.environments["staging"].like == ("production",)
    assert cfg.project is not None
    assert [g.name for g in cfg.groups] == ["billing"]
    (tmp_path / "envguard.yaml").unlink()
    (tmp_path / "pyproject.toml").write_text(_fenced("toml", "The same in `pyproject.toml`"), encoding="utf-8")
    cfg = load_config(tmp_path)
    assert cfg.unknown == "warning"
    assert cfg.environments["staging"].like == ("production",)


def test_docs_group_example_loads() -> None:
    from envguard.sources.yamlmarks import load_yaml_text

    text = _fenced("yaml", "## Group files").replace("{...}", "{}").replace("[...]", "[]")
    text = text.replace(
        "environments:                       # see Environment overlays\n  production:\n    BILLING_MODE: {choices: [live]}\n",
        "",
    )
    group = parse_group(load_yaml_text(text, "docs/schema.md"), "docs/schema.md")
    assert group.name == "billing"
    assert group.detect == ("BILLING_*",)


# --- end to end: a well-kept project produces no finding -----------------------------------


def _strong(rng: random.Random, nbytes: int = 32, encoding: str = "base64") -> str:
    import base64

    raw = bytes(rng.getrandbits(8) for _ in range(nbytes))
    return raw.hex() if encoding == "hex" else base64.b64encode(raw).decode()


def _jwt(rng: random.Random, claims: dict[str, object]) -> str:
    import base64

    def enc(obj: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")

    return f"{enc({'alg': 'HS256', 'typ': 'JWT'})}.{enc(claims)}.{_strong(rng, 32)[:43].replace('+', '-').replace('/', '_')}"


def _seed_stack(environment: str) -> dict[str, str]:
    """The variables of the seed documents' stack, with values a careful team would have."""
    from egtest import fake

    rng = random.Random(f"well-kept:{environment}")
    mode = "live" if environment == "production" else "test"
    deployed = environment in ("production", "staging")
    ref = "abcdefghijklmnopqrst"
    site = {"production": "https://www.tailtribe.be", "staging": "https://staging.tailtribe.be"}.get(
        environment, "http://localhost:3000"
    )
    db_host = "aws-0-eu-central-1.pooler.supabase.com" if deployed else "localhost"
    db_user = f"postgres.{ref}" if deployed else "postgres"
    db_password = _strong(rng, 18).replace("+", "A").replace("/", "B")
    dsn = "https://0123456789abcdef0123456789abcdef@o123456.ingest.us.sentry.io/1234567"
    anon = {"iss": "supabase", "ref": ref, "role": "anon", "iat": 1700000000, "exp": 2015000000}
    service = {**anon, "role": "service_role"}
    return {
        # Staging runs an optimised build: NODE_ENV is production there too.
        "NODE_ENV": "production" if deployed else environment,
        "NEXT_PUBLIC_APP_URL": site,
        "DATABASE_URL": f"postgresql://{db_user}:{db_password}@{db_host}:6543/postgres?pgbouncer=true",
        "DIRECT_URL": f"postgresql://{db_user}:{db_password}@{db_host}:5432/postgres",
        "NEXTAUTH_URL": site,
        "NEXTAUTH_SECRET": _strong(rng),
        "GOOGLE_CLIENT_ID": fake("google-client-id"),
        "GOOGLE_CLIENT_SECRET": fake("google-client-secret"),
        "STRIPE_SECRET_KEY": fake("stripe-secret-key", mode),
        "STRIPE_PUBLISHABLE_KEY": fake("stripe-publishable-key", mode),
        "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY": fake("stripe-publishable-key", mode, 1),
        "STRIPE_WEBHOOK_SECRET": fake("stripe-webhook-secret"),
        "RESEND_API_KEY": fake("resend-api-key"),
        "SENDGRID_API_KEY": fake("sendgrid-api-key"),
        "EMAIL_FROM": "TailTribe <hello@tailtribe.be>",
        "SENTRY_DSN": dsn,
        "NEXT_PUBLIC_SENTRY_DSN": dsn,
        "SENTRY_ENVIRONMENT": environment,
        "SENTRY_RELEASE": "1.0.0",
        "SUPABASE_URL": f"https://{ref}.supabase.co",
        "NEXT_PUBLIC_SUPABASE_URL": f"https://{ref}.supabase.co",
        "SUPABASE_ANON_KEY": _jwt(rng, anon),
        "NEXT_PUBLIC_SUPABASE_ANON_KEY": _jwt(rng, anon),
        "SUPABASE_SERVICE_ROLE_KEY": _jwt(rng, service),
        "UPSTASH_REDIS_REST_URL": "https://eu1-calm-cat-12345.upstash.io",
        "UPSTASH_REDIS_REST_TOKEN": fake("upstash-token"),
        "REDIS_CLOUD_URL": f"rediss://default:{db_password}@redis-12345.c1.eu-west-1-2.ec2.redns.redis-cloud.com:12345",
        "REDIS_CLOUD_PASSWORD": db_password,
        "AWS_SES_REGION": "eu-west-1",
        "AWS_SES_ACCESS_KEY_ID": fake("aws-access-key-id"),
        "AWS_SES_SECRET_ACCESS_KEY": fake("aws-secret-access-key"),
        "AWS_S3_BUCKET": "tailtribe-uploads",
        "AWS_S3_REGION": "eu-central-1",
        "NEXT_PUBLIC_MAPBOX_TOKEN": fake("mapbox-public-token"),
        "NEXT_PUBLIC_GA_MEASUREMENT_ID": "G-ABC123DEF4",
        "NEXT_PUBLIC_POSTHOG_KEY": fake("posthog-project-key"),
        "NEXT_PUBLIC_POSTHOG_HOST": "https://eu.i.posthog.com",
        "DATADOG_API_KEY": fake("datadog-api-key"),
        "DATADOG_APP_KEY": fake("datadog-app-key"),
        "NEW_RELIC_LICENSE_KEY": fake("newrelic-license-key"),
        "NEW_RELIC_APP_NAME": "TATU",
        "CLOUDFLARE_API_TOKEN": fake("cloudflare-api-token"),
        "CLOUDFLARE_ZONE_ID": _strong(rng, 16, "hex"),
        "ENCRYPTION_KEY": _strong(rng, 32, "hex"),
        "HASH_SALT_ROUNDS": "12",
        "SESSION_SECRET": _strong(rng),
        "CSRF_SECRET": _strong(rng),
        "JWT_SECRET": _strong(rng),
        "JWT_REFRESH_SECRET": _strong(rng),
        "JWT_ACCESS_TTL": "15m",
        "JWT_REFRESH_TTL": "7d",
        "FEATURE_STRIPE_CONNECT": "true",
        "FEATURE_SOCIAL_LOGIN": "true",
        "FEATURE_REAL_TIME_MESSAGING": "false",
        "FEATURE_ADVANCED_ANALYTICS": "true",
        "CRON_SECRET": _strong(rng, 32, "hex"),
        "LOG_LEVEL": "info",
        "PORT": "3000",
    }


@pytest.mark.parametrize("environment", ["production", "staging", "development"])
def test_a_well_kept_seed_project_has_no_findings(tmp_path: Path, environment: str) -> None:
    """False alarms are bugs: every value here is valid, strong and consistent."""
    from egtest import check_json, write_project

    values = _seed_stack(environment)
    env_file = f".env.{environment}"
    write_project(
        tmp_path,
        {
            env_file: "".join(f"{k}={v}\n" for k, v in values.items()),
            ".env.example": "".join(f"{k}=\n" for k, v in values.items() if v is not None),
            ".gitignore": ".env*\n!.env.example\n",
        },
    )
    code, findings, _ = check_json(tmp_path, "-e", environment, "--env-file", env_file)
    assert [(f["code"], f["variable"]) for f in findings] == []
    assert code == 0


# Cloudflare's documented dummy secret that accepts every token (built here so that the
# source holds no key-shaped literal).
TURNSTILE_ALWAYS_PASSES = "1x" + "0" * 31 + "AA"


@pytest.mark.parametrize(
    ("environment", "changes", "expected"),
    [
        ("production", {"NODE_ENV": "development"}, ("EG105", "NODE_ENV")),
        ("production", {"LOG_LEVEL": "debug"}, ("EG105", "LOG_LEVEL")),
        ("production", {"DEBUG": "true"}, ("EG107", "DEBUG")),
        ("production", {"FEATURE_SOCIAL_LOGIN": "ture"}, ("EG102", "FEATURE_SOCIAL_LOGIN")),
        ("production", {"NEXTAUTH_URL": "http://www.tailtribe.be"}, ("EG104", "NEXTAUTH_URL")),
        ("production", {"NEXT_PUBLIC_APP_URL": "https://tailtribe.be"}, ("EG411", "NEXT_PUBLIC_APP_URL")),
        ("production", {"JWT_ACCESS_TTL": "30d"}, ("EG106", "JWT_ACCESS_TTL")),
        ("production", {"AWS_SES_REGION": "eu-west"}, ("EG108", "AWS_SES_REGION")),
        ("production", {"AWS_S3_REGION": "eu-central1"}, ("EG108", "AWS_S3_REGION")),
        ("production", {"DATABASE_URL": "postgress://u:p@db.example.com:5432/app"}, ("EG103", "DATABASE_URL")),
        ("production", {"UPSTASH_REDIS_REST_TOKEN": ""}, ("EG110", "UPSTASH_REDIS_REST_TOKEN")),
        (
            "production",
            {"TURNSTILE_SECRET_KEY": TURNSTILE_ALWAYS_PASSES},
            ("EG110", "TURNSTILE_SECRET_KEY"),
        ),
        ("production", {"POSTMARK_SERVER_TOKEN": "POSTMARK_API_TEST"}, ("EG110", "POSTMARK_SERVER_TOKEN")),
        (
            "development",
            {"SMTP_HOST": "smtp.example.com", "SMTP_PORT": "587", "SMTP_SECURE": "true"},
            ("EG110", "SMTP_SECURE"),
        ),
        ("production", {"GOOGLE_CLIENT_ID": ""}, ("EG110", "GOOGLE_CLIENT_ID")),
        (
            "development",
            {"NEXT_PUBLIC_SENTRY_DSN": "https://0123456789abcdef0123456789abcdef@o123456.ingest.us.sentry.io/7654321"},
            ("EG411", "NEXT_PUBLIC_SENTRY_DSN"),
        ),
        ("development", {"SUPABASE_URL": "https://zyxwvutsrqponmlkjihg.supabase.co"}, ("EG411", "SUPABASE_URL")),
        ("development", {"SENTRY_RELEASE": "release/1.0"}, ("EG107", "SENTRY_RELEASE")),
        ("development", {"PORT": "70000"}, ("EG102", "PORT")),
        ("development", {"EMAIL_FROM": "hello at tailtribe"}, ("EG102", "EMAIL_FROM")),
        ("production", {"INNGEST_DEV": "1"}, ("EG107", "INNGEST_DEV")),
        ("production", {"NODE_TLS_REJECT_UNAUTHORIZED": "0"}, ("EG105", "NODE_TLS_REJECT_UNAUTHORIZED")),
    ],
)
def test_planted_problems_are_found(
    tmp_path: Path, environment: str, changes: dict[str, str], expected: tuple[str, str]
) -> None:
    from egtest import check_json, write_project

    values = {**_seed_stack(environment), **changes}
    env_file = f".env.{environment}"
    write_project(
        tmp_path,
        {env_file: "".join(f"{k}={v}\n" for k, v in values.items()), ".gitignore": ".env*\n"},
    )
    _, findings, _ = check_json(tmp_path, "-e", environment, "--env-file", env_file)
    assert expected in [(f["code"], f["variable"]) for f in findings]


@pytest.mark.parametrize("spec", VARIABLES.values(), ids=list(VARIABLES))
def test_exposure_is_coherent(spec: VarSpec) -> None:
    """Secrets are server-only and never declared under a browser prefix; names with a
    browser prefix are public by design."""
    from envguard.schema.model import public_prefix

    public_names = [n for n in (spec.name, *spec.aliases) if public_prefix(n)]
    if spec.secret:
        assert spec.exposure == "server"
        assert public_names == []
    elif public_names:
        assert spec.exposure in (None, "public")


@pytest.mark.parametrize(
    "glob",
    [
        "FEATURE_*",
        "*_URL",
        "STRIPE_SECRET_KEY",
        "*",
        "A?C",
        "*_KEY*",
        "[AB]_X",
        "X*Y",
        "",
        "FEATURE_*_URL",
        "FEATURE_?*",
        "F*_X*",
    ],
)
@pytest.mark.parametrize(
    "name", ["FEATURE_X", "FEATURE_", "DATABASE_URL", "STRIPE_SECRET_KEY", "ABC", "A_KEY_2", "B_X", "XY", ""]
)
def test_glob_test_agrees_with_fnmatch(glob: str, name: str) -> None:
    assert glob_test(glob)(name) is fnmatch.fnmatchcase(name, glob)


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (a NamedTuple equals a plain tuple)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return bool(a == b)


@pytest.mark.parametrize("name", catalog.names())
def test_cached_group_is_the_parsed_group(name: str) -> None:
    parsed = parse_group(catalog._compiled()["groups"][name], f"schemas/{name}.yaml")
    assert _same(thaw(marshal.loads(marshal.dumps(freeze(parsed)))), parsed)
    assert _same(catalog.get(name), parsed)


_REF = "abcdefghijklmnopqrst"


@pytest.mark.parametrize(
    ("environment", "line", "expected"),
    [
        ("production", f"SUPABASE_URL=http://{_REF}.supabase.co", ("EG104", "error")),
        ("production", f"NEXT_PUBLIC_SUPABASE_URL=http://{_REF}.supabase.co", ("EG104", "error")),
        ("production", "SUPABASE_URL=http://127.0.0.1:54321", ("EG104", "error")),
        ("production", f"SUPABASE_URL=https://{_REF}.supabase.co", None),
        ("production", "SUPABASE_URL=https://api.acme-app.com", None),
        ("development", "SUPABASE_URL=http://127.0.0.1:54321", None),
        # Upstash refuses plain-text connections in every environment.
        ("development", "REDIS_URL=redis://default:{pw}@eu1-brave-cat-31337.upstash.io:6379", ("EG103", "error")),
        ("development", "REDIS_URL=rediss://default:{pw}@eu1-brave-cat-31337.upstash.io:6379", None),
        ("production", "REDIS_URL=redis://default:{pw}@cache.internal:6379", None),
        ("production", "REDIS_URL=redis://default:{pw}@redis-12345.c1.eu-west-1-2.ec2.cloud.redislabs.com:12345", None),
        # Regions: a direction that is not one, a number AWS has not used, S3-compatible names.
        ("development", "AWS_REGION=us-est-1", ("EG108", "error")),
        ("development", "AWS_DEFAULT_REGION=eu-centrall-1", ("EG108", "error")),
        ("development", "AWS_S3_REGION_NAME=eu-west", ("EG108", "error")),
        ("development", "AWS_REGION=us-east-7", ("EG108", "warning")),
        ("development", "AWS_REGION=eusc-de-east-1", None),
        ("development", "AWS_REGION=us-gov-west-1", None),
        ("development", "S3_REGION=auto", None),
        ("development", "AWS_REGION=garage", None),
        ("development", "AWS_S3_REGION_NAME=ap-southeast-7", None),
    ],
)
def test_urls_and_regions(tmp_path: Path, environment: str, line: str, expected: tuple[str, str] | None) -> None:
    from egtest import check_json, write_project

    text = line.replace("{pw}", random.Random(7).randbytes(16).hex()) + "\n"
    write_project(tmp_path, {f".env.{environment}": text, ".gitignore": ".env*\n"})
    args = ("-e", environment, "--env-file", f".env.{environment}", "--select", "EG103,EG104,EG108")
    _, findings, _ = check_json(tmp_path, *args)
    got = [(f["code"], f["severity"]) for f in findings]
    assert got == ([expected] if expected else [])


def _laravel_key(nbytes: int, rng: random.Random) -> str:
    import base64

    return "base64:" + base64.b64encode(rng.randbytes(nbytes)).decode()


_LARAVEL_RNG = random.Random(11)
_KEY_32, _KEY_16 = _laravel_key(32, _LARAVEL_RNG), _laravel_key(16, _LARAVEL_RNG)
_ADONIS_KEY = _LARAVEL_RNG.randbytes(20).hex()


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ({}, []),
        ({"APP_KEY": ""}, [("EG110", "APP_KEY")]),
        ({"APP_KEY": _KEY_16}, [("EG107", "APP_KEY")]),
        ({"APP_DEBUG": "true"}, [("EG107", "APP_DEBUG")]),
        ({"APP_DEBUG": "ture"}, [("EG102", "APP_DEBUG")]),
        # AdonisJS: an APP_KEY of its own format, and none of Laravel's names.
        ({"LOG_CHANNEL": None, "QUEUE_CONNECTION": None, "MAIL_MAILER": None, "APP_KEY": _ADONIS_KEY}, []),
    ],
)
def test_laravel(tmp_path: Path, lines: dict[str, str | None], expected: list[tuple[str, str]]) -> None:
    from egtest import check_json, write_project

    values: dict[str, str | None] = {
        "APP_NAME": "Acme",
        "APP_ENV": "production",
        "APP_KEY": _KEY_32,
        "APP_DEBUG": "false",
        "APP_URL": "https://acme-app.com",
        "LOG_CHANNEL": "stack",
        "QUEUE_CONNECTION": "redis",
        "MAIL_MAILER": "smtp",
        **lines,
    }
    kept = {k: v for k, v in values.items() if v is not None}
    write_project(
        tmp_path,
        {
            ".env.production": "".join(f"{k}={v}\n" for k, v in kept.items()),
            ".env.example": "".join(f"{k}=\n" for k in kept),
            ".gitignore": ".env*\n",
        },
    )
    _, findings, _ = check_json(
        tmp_path, "-e", "production", "--env-file", ".env.production", "--ignore", "EG111,EG112,EG3"
    )
    assert [(f["code"], f["variable"]) for f in findings] == expected
