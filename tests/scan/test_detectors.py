"""Every scan rule (EG320-EG326) with failing and passing cases, table-driven.

Credentials are generated at test time in the providers' documented shapes; nothing
key-shaped is written in this file.
"""

from __future__ import annotations

import base64
import json
import random
import string
import time
from collections.abc import Callable

import pytest

from envguard.knowledge import providers
from envguard.scanner.api import scan_text

RNG = random.Random(20261122)
ALNUM = string.ascii_letters + string.digits


def pick(alphabet: str, n: int) -> str:
    return "".join(RNG.choice(alphabet) for _ in range(n))


def mixed(n: int) -> str:
    while True:
        v = pick(ALNUM, n)
        if any(c.isdigit() for c in v) and any(c.islower() for c in v) and any(c.isupper() for c in v):
            return v


def fake(name: str, mode: str = "live") -> str:
    return providers.get(name).generate(RNG, mode)


def jwt(claims: dict[str, object], alg: str = "HS256", signature: bool = True) -> str:
    def enc(obj: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    return f"{enc({'alg': alg, 'typ': 'JWT'})}.{enc(claims)}.{pick(ALNUM, 43) if signature else ''}"


def codes(text: str, path: str = "app.py") -> list[str]:
    return [f.code for f in scan_text(text, path=path)]


# --- EG320 provider credentials -----------------------------------------------------------

PROVIDER_FAIL: list[tuple[str, Callable[[], str], str]] = [
    ("stripe live", lambda: f'STRIPE_KEY = "{fake("stripe-secret-key")}"', "app.py"),
    ("stripe test in .env", lambda: f"STRIPE_SECRET_KEY={fake('stripe-secret-key', 'test')}", ".env"),
    ("stripe webhook", lambda: f"hook: {fake('stripe-webhook-secret')}", "config.yaml"),
    ("clerk secret", lambda: f"CLERK_SECRET_KEY={fake('clerk-secret-key')}", ".env.local"),
    ("sentry user token", lambda: f"SENTRY_AUTH_TOKEN={fake('sentry-auth-token')}", "ci.sh"),
    ("aws key id", lambda: f"  aws_access_key_id: {fake('aws-access-key-id')}", "deploy.yml"),
    ("sendgrid", lambda: f'{{"sendgrid": "{fake("sendgrid-api-key")}"}}', "config.json"),
    ("resend", lambda: f"const resend = new Resend('{fake('resend-api-key')}');", "mail.ts"),
    ("supabase service_role jwt", lambda: f"SUPABASE_SERVICE_ROLE_KEY={fake('supabase-service-role-key')}", ".env"),
    ("supabase sb_secret", lambda: f"key = 'sb_secret_{mixed(32)}'", "db.py"),
    ("supabase access token", lambda: f"SUPABASE_ACCESS_TOKEN={fake('supabase-access-token')}", "Makefile"),
    ("posthog personal", lambda: f"posthog_key = '{fake('posthog-personal-key')}'", "analytics.py"),
    ("inngest signing", lambda: f"INNGEST_SIGNING_KEY={fake('inngest-signing-key')}", ".env"),
    ("new relic user key", lambda: f"NEW_RELIC_API_KEY={fake('newrelic-user-key')}", "newrelic.ini"),
    ("cloudflare token", lambda: f'token = "{fake("cloudflare-api-token")}"', "wrangler.toml"),
    ("mapbox secret", lambda: f"MAPBOX_TOKEN={fake('mapbox-secret-token')}", ".env"),
    ("google client secret", lambda: f'"client_secret": "{fake("google-client-secret")}"', "client.json"),
    ("github classic (checksum ok)", lambda: f"# old token {fake('github-token', 'p')}", "notes.py"),
    ("github fine-grained", lambda: f"GH_TOKEN=github_pat_{mixed(22)}_{mixed(59)}", ".envrc"),
    ("gitlab", lambda: f"GITLAB_TOKEN=glpat-{pick(ALNUM + '-_', 20)}", ".gitlab-ci.yml"),
    ("slack bot", lambda: f"slack: {fake('slack-token')}", "bot.yml"),
    ("slack webhook", lambda: f"url = '{fake('slack-webhook-url')}'", "notify.py"),
    ("openai project", lambda: f"openai.api_key = '{fake('openai-api-key')}'", "llm.py"),
    ("anthropic", lambda: f"client = Anthropic(api_key='{fake('anthropic-api-key')}')", "llm.py"),
    ("npm", lambda: f"//registry.npmjs.org/:_authToken={fake('npm-token')}", ".npmrc"),
    ("vercel blob", lambda: f"BLOB_READ_WRITE_TOKEN={fake('vercel-blob-token')}", ".env"),
    (
        "sentry dsn with secret part",
        lambda: (
            f"SENTRY_DSN=https://{pick('0123456789abcdef', 32)}:{pick('0123456789abcdef', 32)}@o1.ingest.sentry.io/2"
        ),
        ".env",
    ),
    (
        "azure storage key",
        lambda: (
            f"conn=DefaultEndpointsProtocol=https;AccountName=x;AccountKey={base64.b64encode(RNG.randbytes(64)).decode()};EndpointSuffix=core.windows.net"
        ),
        "app.cfg",
    ),
    ("telegram bot", lambda: f"bot = Bot('{RNG.randint(10**8, 10**9)}:AA{pick(ALNUM + '-_', 33)}')", "bot.py"),
    ("digitalocean", lambda: f"DO_TOKEN=dop_v1_{pick('0123456789abcdef', 64)}", ".env"),
    ("in a markdown table", lambda: f"| key | `{fake('stripe-secret-key')}` |", "README.md"),
    (
        "in a minified bundle",
        lambda: "var a=1;" * 400 + f'var k="{fake("stripe-secret-key")}";' + "b();" * 400,
        "dist/app.min.js",
    ),
]


@pytest.mark.parametrize(("make", "path"), [(m, p) for _, m, p in PROVIDER_FAIL], ids=[c[0] for c in PROVIDER_FAIL])
def test_provider_credentials_are_found(make: Callable[[], str], path: str) -> None:
    text = make()
    found = scan_text(text + "\n", path=path)
    assert [f.code for f in found] == ["EG320"], [f.message for f in found]
    # Messages name the provider and show at most a prefix and a length.
    assert all(text.split("=")[-1][-12:] not in f.message for f in found)


PROVIDER_PASS: list[tuple[str, Callable[[], str], str]] = [
    ("placeholder body", lambda: "STRIPE_SECRET_KEY=sk_live_" + "x" * 24, ".env"),
    ("sequential body", lambda: 'key = "sk_test_1234567890abcdefghij"', "app.py"),
    ("publishable stripe key", lambda: f"STRIPE_PUBLISHABLE_KEY={fake('stripe-publishable-key')}", ".env"),
    ("publishable clerk key", lambda: f"NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY={fake('clerk-publishable-key')}", ".env"),
    ("posthog project key", lambda: f"NEXT_PUBLIC_POSTHOG_KEY={fake('posthog-project-key')}", ".env"),
    ("mapbox public", lambda: f"NEXT_PUBLIC_MAPBOX_TOKEN={fake('mapbox-public-token')}", ".env"),
    ("supabase anon jwt", lambda: f"NEXT_PUBLIC_SUPABASE_ANON_KEY={fake('supabase-anon-key')}", ".env"),
    (
        "supabase demo jwt",
        lambda: f"SERVICE_ROLE_KEY={jwt({'iss': 'supabase-demo', 'role': 'service_role', 'exp': 1799535600})}",
        ".env",
    ),
    ("github bad checksum", lambda: 'token = "' + fake("github-token", "p")[:-1] + '0"', "app.py"),
    ("aws documented example", lambda: "aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "credentials"),
    ("sentry dsn (public)", lambda: f"SENTRY_DSN={fake('sentry-dsn')}", ".env"),
    ("identifier with a key prefix", lambda: "re_compile_pattern_cache_size = 100", "app.py"),
    ("openai placeholder", lambda: 'OPENAI_API_KEY="sk-xxxxxxxxxxxxxxxxxxxxxxxx"', ".env"),
    ("google api key (public by design)", lambda: f"apiKey: '{fake('google-api-key')}',", "firebase.js"),
    ("slack placeholder", lambda: "SLACK_BOT_TOKEN=xoxb-your-bot-token", ".env"),
]


@pytest.mark.parametrize(("make", "path"), [(m, p) for _, m, p in PROVIDER_PASS], ids=[c[0] for c in PROVIDER_PASS])
def test_public_placeholder_and_example_keys_pass(make: Callable[[], str], path: str) -> None:
    found = scan_text(make() + "\n", path=path)
    assert found == [], [f.message for f in found]


def test_provider_finding_fields() -> None:
    key = fake("stripe-secret-key")
    (f,) = scan_text(f'import os\nSTRIPE_KEY = "{key}"\n', path="src/billing.py")
    assert (f.code, f.rule, f.path, f.line, f.column, f.variable) == (
        "EG320",
        "provider-credential",
        "src/billing.py",
        2,
        15,
        "STRIPE_KEY",
    )
    assert "`sk_live_…` (107 chars)" in f.message
    assert f.hint
    assert "Stripe" in f.hint
    # The fingerprint depends on the secret, not on its place.
    (g,) = scan_text(f'\n\n\nSTRIPE_KEY = "{key}"\n', path="src/billing.py")
    assert f.fingerprint == g.fingerprint
    assert f.line != g.line


# --- EG321 private keys -------------------------------------------------------------------


def _keys() -> dict[str, str]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    ec_key = ec.generate_private_key(ec.SECP256R1())
    ed_key = ed25519.Ed25519PrivateKey.generate()
    pem = serialization.Encoding.PEM
    none = serialization.NoEncryption()
    return {
        "rsa": rsa_key.private_bytes(pem, serialization.PrivateFormat.TraditionalOpenSSL, none).decode(),
        "pkcs8": ec_key.private_bytes(pem, serialization.PrivateFormat.PKCS8, none).decode(),
        "encrypted": ec_key.private_bytes(
            pem, serialization.PrivateFormat.PKCS8, serialization.BestAvailableEncryption(b"pw")
        ).decode(),
        "openssh": ed_key.private_bytes(pem, serialization.PrivateFormat.OpenSSH, none).decode(),
        "public": rsa_key.public_key().public_bytes(pem, serialization.PublicFormat.SubjectPublicKeyInfo).decode(),
    }


KEYS = _keys()


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (KEYS["rsa"], "deploy/id_rsa"),
        (KEYS["pkcs8"], "certs/server.key"),
        (KEYS["encrypted"], "certs/enc.pem"),
        (KEYS["openssh"], ".ssh/id_ed25519"),
        ('{"private_key": "' + KEYS["pkcs8"].replace("\n", "\\n") + '"}', "gcp.json"),
        ('PRIVATE_KEY="' + KEYS["rsa"].replace("\n", "\\n") + '"', ".env"),
        ("key: |\n  " + KEYS["openssh"].strip().replace("\n", "\n  "), "deploy.yaml"),
        ("KEY = (\n" + "".join(f'    "{ln}\\n"\n' for ln in KEYS["rsa"].splitlines()) + ")", "keys.py"),
    ],
    ids=["rsa", "pkcs8", "encrypted", "openssh", "json-escaped", "dotenv-escaped", "yaml-block", "python-concat"],
)
def test_private_keys_are_found(text: str, path: str) -> None:
    found = scan_text(text, path=path)
    assert [f.code for f in found] == ["EG321"], [f.message for f in found]
    assert found[0].line == text[: text.index("-----BEGIN")].count("\n") + 1


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n", "README.md"),
        ("-----BEGIN RSA PRIVATE KEY-----\n<your key here>\n-----END RSA PRIVATE KEY-----\n", "docs/setup.md"),
        ('if line.startswith("-----BEGIN OPENSSH PRIVATE KEY-----"):\n    return True\n', "parse.py"),
        (KEYS["public"], "keys/server.pub"),
        ('JWT_PRIVATE_KEY="' + KEYS["rsa"].replace("\n", "\\n") + '"', ".env.example"),
    ],
    ids=["elided", "template", "code-mentioning-marker", "public-key", "example-file"],
)
def test_private_key_templates_and_example_files_pass(text: str, path: str) -> None:
    assert codes(text, path) == []


# --- EG322 credentials in URLs and headers ------------------------------------------------

PW = "Vq8#" + mixed(10)


@pytest.mark.parametrize(
    ("line", "path"),
    [
        (f"DATABASE_URL=postgres://app:{PW}@db.prod.internal:5432/app", ".env"),
        (f'engine = create_engine("mysql+pymysql://svc:{PW}@mysql.acme.io/shop")', "db.py"),
        (f"  url: amqp://worker:{PW}@mq.acme.io:5672", "compose.yaml"),
        (f"git clone https://x-access-token:{mixed(36)}@git.acme.io/org/repo.git", "setup.sh"),
        (f"curl -u deploy:{PW} https://ci.acme.io/api", "deploy.sh"),
        (f"docker login -u ci -p {PW} registry.acme.io", "ci.sh"),
        (f"mysqldump -uroot -p{PW} shop > dump.sql", "backup.sh"),
        ('headers = {"Authorization": "Basic ' + base64.b64encode(f"admin:{PW}".encode()).decode() + '"}', "client.py"),
        (f"db.acme.io:5432:app:app:{PW}", ".pgpass"),
        (f"DATABASE_URL=postgres://app:{PW}@app-db:5432/app", "compose.yaml"),
        (f'"Default": "Server=sql.acme;Database=app;User Id=sa;Password={PW};"', "appsettings.json"),
    ],
    ids=[
        "dotenv",
        "sqlalchemy",
        "yaml",
        "git-token",
        "curl",
        "docker-login",
        "mysql-p",
        "basic-header",
        "pgpass",
        "service-host-generated",
        "ado-net-connection-string",
    ],
)
def test_passwords_in_urls_and_commands_are_found(line: str, path: str) -> None:
    found = scan_text(line + "\n", path=path)
    assert [f.code for f in found] == ["EG322"], [f.message for f in found]
    assert PW not in found[0].message


@pytest.mark.parametrize(
    "line",
    [
        "DATABASE_URL=postgres://postgres:postgres@localhost:5432/app",
        "DATABASE_URL=postgresql://user:password@host:5432/db",
        "DATABASE_URL=postgres://app:${DB_PASSWORD}@db.prod.internal/app",
        "REDIS_URL=redis://:$REDIS_PASSWORD@cache:6379",
        "MONGO_URL=mongodb+srv://<user>:<password>@cluster0.mongodb.net",
        "AMQP_URL=amqp://guest:guest@rabbitmq:5672",
        # Hoppscotch's compose file: the stack's own database, on its service name.
        "      - DATABASE_URL=postgresql://postgres:testpass@hoppscotch-db:5432/hoppscotch",
        "URL=mysql://tailtribe:pscale_pw_demo@aws.connect.psdb.cloud/tailtribe",
        'curl -u "$USER:$TOKEN" https://api.example.com',
        "mysql -u root -p shop",
    ],
)
def test_url_placeholders_references_and_local_defaults_pass(line: str) -> None:
    assert codes(line + "\n", ".env") == []


# --- EG323 hard-coded secrets: names and values in many syntaxes ---------------------------

SECRET = mixed(9) + "!#vB"
TOKEN = mixed(40)

ASSIGNMENTS = [
    (f'password = "{SECRET}"', "app.py"),
    (f"db_password = '{SECRET}'", "settings.py"),
    (f'client = Client(api_key="{TOKEN}")', "client.py"),
    (f'os.environ.setdefault("SECRET_KEY", "{TOKEN}")', "settings.py"),
    (f'DATABASES = {{"default": {{"PASSWORD": "{SECRET}"}}}}', "settings.py"),
    (f"const apiKey = '{TOKEN}';", "config.ts"),
    (f"  accessToken: `{TOKEN}`,", "config.js"),
    (f'  "clientSecret": "{TOKEN}",', "auth0.json"),
    (f"  password: {SECRET}", "database.yml"),
    (f'smtp_password = "{SECRET}"', "config.toml"),
    (f"password = {SECRET}", "setup.cfg"),
    (f"DB_PASSWORD={SECRET}", ".env.production"),
    (f"export API_TOKEN='{TOKEN}'", "deploy.sh"),
    (f"ENV JWT_SECRET {TOKEN}", "Dockerfile"),
    (f"ARG NPM_AUTH_TOKEN={TOKEN}", "Dockerfile"),
    (f"    export AUTH_TOKEN={TOKEN}", "README.md"),
    (f'  password = "{SECRET}"', "main.tf"),
    (f"  <password>{SECRET}</password>", "settings.xml"),
    (f'  <add key="ApiKey" value="{TOKEN}" />', "web.config"),
    (f"spring.datasource.password={SECRET}", "application.properties"),
    (f'\tapiKey := "{TOKEN}"', "main.go"),
    (f'    private static final String DB_PASSWORD = "{SECRET}";', "App.java"),
    (f"define('DB_PASSWORD', '{SECRET}');", "wp-config.php"),
    (f"$password = '{SECRET}';", "config.php"),
    (f"CREATE USER app WITH PASSWORD '{SECRET}';", "seed.sql"),
    (f"ALTER USER app IDENTIFIED BY '{SECRET}';", "seed.sql"),
    (f"const url = `https://api.acme.io/v1?api_key={TOKEN}&format=json`;", "api.ts"),
    (f'curl -H "Authorization: Bearer {TOKEN}" https://api.acme.io', "call.sh"),
    (f"machine api.heroku.com login ops@acme.io password {mixed(8)}-{mixed(4)}-{mixed(4)}", ".netrc"),
    (f'  "source": ["openai.api_key = \\"{TOKEN}\\"\\n"]', "notebook.ipynb"),
    (f"AWS_SECRET_ACCESS_KEY={pick(string.ascii_letters + string.digits + '+/', 40)}", ".env"),
    (f"DATADOG_API_KEY={pick('0123456789abcdef', 32)}", ".env"),
    (f'api_key <- "{TOKEN}"', "client.R"),
    (f"API_TOKEN ?= {TOKEN}", "Makefile"),
    (f'{{"name": "API_TOKEN", "value": "{TOKEN}"}}', "task-definition.json"),
]


@pytest.mark.parametrize(("line", "path"), ASSIGNMENTS, ids=[f"{p}:{i}" for i, (_, p) in enumerate(ASSIGNMENTS)])
def test_secret_assignments_are_found_in_every_syntax(line: str, path: str) -> None:
    found = scan_text(line + "\n", path=path)
    assert [f.code for f in found] == ["EG323"], [f.message for f in found]
    assert SECRET not in found[0].message
    assert TOKEN not in found[0].message


NOT_SECRETS = [
    ('password = os.environ["DB_PASSWORD"]', "app.py"),
    ('api_key = os.getenv("API_KEY")', "app.py"),
    ("const token = process.env.API_TOKEN;", "app.ts"),
    ("password: ${DB_PASSWORD}", "compose.yaml"),
    ("token: ${{ secrets.GITHUB_TOKEN }}", ".github/workflows/ci.yml"),
    ('api_key: "{{ vault_api_key }}"', "vars.yml"),
    ("password: <%= ENV['DB_PASSWORD'] %>", "database.yml"),
    ("PASSWORD=$(cat /run/secrets/db)", "entry.sh"),
    ("spring.datasource.password=${DB_PASSWORD}", "application.properties"),
    ("SECRET_KEY=changeme", ".env"),
    ("API_KEY=your-api-key-here", ".env"),
    ("AUTH_TOKEN=<your-token>", ".env"),
    ("password = None", "app.py"),
    ('TOKEN_TYPE = "Bearer"', "auth.py"),
    ('password_field = "password"', "forms.py"),
    ('secret_name = "prod/db/password"', "aws.py"),
    ("PASSWORD_MIN_LENGTH = 12", "settings.py"),
    ('password_hash = "$2b$12$' + pick(ALNUM, 53) + '"', "seed.py"),
    (f'sha256 = "{pick("0123456789abcdef", 64)}"', "checksums.py"),
    (f"NEXT_PUBLIC_ALGOLIA_SEARCH_KEY={pick('0123456789abcdef', 32)}", ".env"),
    ('raise ValueError("password must be at least 12 characters")', "forms.py"),
    ('logger.info("token refreshed for %s", user)', "auth.py"),
    ("Set `STRIPE_SECRET_KEY` to your secret key from the dashboard.", "README.md"),
    ("max_tokens = 1000", "llm.py"),
    ('TOKENIZER = "bert-base-uncased"', "llm.py"),
    ('cache_key = "user_profile_v2"', "cache.py"),
    ("Token: '#ddd0c0',", "styles.py"),
    ("jsonnet_token = r'[^\\W\\d]\\w*'", "lexer.py"),
    (
        f'request_id = "{pick("0123456789abcdef", 8)}-{pick("0123456789abcdef", 4)}-4abc-a123-{pick("0123456789abcdef", 12)}"',
        "log.py",
    ),
    ("SESSION_SECRET=" + base64.b64encode(b"local-demo-session-secret-only").decode(), ".env.production"),
    (f"ENCRYPTION_KEY={pick('0123456789abcdef', 32)}", ".env.example"),
    ("NEXTAUTH_SECRET=", ".env.example"),
    # A Datadog agent install line with a word in place of the key.
    ('DD_API_KEY=-nope- sh -c "$(curl -L https://example.com/setup_agent.sh)"', "setup.sh"),
    ("spring.datasource.password: ENC(G6N718UuyPE5bHyWKyuLQSm02auQPUtm)", "application.yml"),
    ("password: ENC[AES256_GCM,data:Tr7o=,iv:1=,tag:2=,type:str]", "secrets.enc.yaml"),
    ("DB_PASSWORD=encrypted:BDqDBibm4wsYqMpCjTQ6BsDHmMadg9K3dDR3bR8Gz7kgOzT2eVHzN", ".env.production"),
]


@pytest.mark.parametrize(("line", "path"), NOT_SECRETS, ids=[f"{p}:{i}" for i, (_, p) in enumerate(NOT_SECRETS)])
def test_lookups_placeholders_identifiers_and_hashes_pass(line: str, path: str) -> None:
    found = scan_text(line + "\n", path=path)
    assert found == [], [f.message for f in found]


# --- EG325 JSON Web Tokens and EG326 random strings ----------------------------------------


def test_live_jwt_is_a_warning_and_expired_or_unsigned_pass() -> None:
    live = jwt({"sub": "svc-42", "scope": "admin"})
    (f,) = scan_text(f'HEADERS = {{"x-svc": "{live}"}}\n', path="svc.py")
    assert (f.code, f.severity.label) == ("EG325", "warning")
    assert "no expiry" in f.message
    expired = jwt({"sub": "svc-42", "exp": int(time.time()) - 3600})
    unsigned = jwt({"sub": "svc-42"}, alg="none", signature=False)
    example = jwt({"sub": "1234567890", "name": "John Doe", "iat": 1516239022})
    for token in (expired, unsigned, example):
        assert codes(f'HEADERS = {{"x-svc": "{token}"}}\n', "svc.py") == []


def test_random_string_without_a_secret_name_is_a_warning() -> None:
    (f,) = scan_text(f'client = Client("{mixed(40)}")\n', path="app.py")
    assert (f.code, f.severity.label) == ("EG326", "warning")


@pytest.mark.parametrize(
    "line",
    [
        f'EXPECTED = "{pick("0123456789abcdef", 64)}"',
        f'commit = "{pick("0123456789abcdef", 40)}"',
        'ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"',
        "NAMES = ['TF2_RemovePlayerDisguise', 'Process2DQuadTessFactorsAvg']",
        f'integrity = "sha512-{pick(ALNUM + "+/", 86)}=="',
        f'price = "price_1{mixed(23)}"',
        f'etag = "{mixed(32)}"',
    ],
)
def test_hashes_identifiers_and_ids_are_not_random_strings(line: str) -> None:
    assert codes(line + "\n", "app.py") == []


def test_entropy_can_be_turned_off() -> None:
    line = f'client = Client("{mixed(40)}")\n'
    assert [f.code for f in scan_text(line, path="a.py", entropy=False)] == []


def test_files_full_of_random_strings_are_data() -> None:
    text = "".join(f'VECTORS.append("{mixed(40)}")\n' for _ in range(20))
    assert codes(text, "test_vectors.py") == []


# Reported although envguard.knowledge.providers calls it an identifier: it is always next to its secret.
_REPORTED_IDS = {"aws-access-key-id"}


@pytest.mark.parametrize("fmt", [f for f in providers.iter_formats() if f.prefixes and f.fake], ids=lambda f: f.name)
def test_every_prefixed_provider_format_is_scanned(fmt: providers.ProviderFormat) -> None:
    """Formats added to envguard.knowledge.providers (for the schemas) are found by the scanner
    too, whatever the variable is called; public ones are not reported."""
    value = fmt.generate(random.Random(fmt.name), "live")
    found = [f.code for f in scan_text(f"VALUE={value}\n", path="settings.env")]
    expected = ["EG320"] if fmt.secret or fmt.name in _REPORTED_IDS else []
    assert found == expected


def test_terraform_variable_defaults_use_the_variable_name() -> None:
    text = f'variable "db_password" {{\n  type      = string\n  sensitive = true\n  default   = "{SECRET}"\n}}\nvariable "region" {{\n  default = "eu-west-1"\n}}\n'
    (f,) = scan_text(text, path="infra/variables.tf")
    assert (f.code, f.line, f.variable) == ("EG323", 4, "db_password")


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (
            f"env:\n  - name: STRIPE_WEBHOOK_SECRET\n    value: {TOKEN}\n  - name: LOG_LEVEL\n    value: debug\n",
            "deploy.yaml",
        ),
        (f"<property>\n  <name>fs.s3a.secret.key</name>\n  <value>{TOKEN}</value>\n</property>\n", "core-site.xml"),
    ],
    ids=["kubernetes-env", "hadoop-property"],
)
def test_name_and_value_in_two_fields(text: str, path: str) -> None:
    (f,) = scan_text(text, path=path)
    assert (f.code, f.line) == ("EG323", 3)


def test_name_value_pairs_with_references_pass() -> None:
    text = "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: db, key: password}\n"
    assert scan_text(text, path="deploy.yaml") == []


@pytest.mark.parametrize(
    "line",
    [
        "    stripe.api_key = settings.STRIPE_SECRET_KEY.get_secret_value()",
        "    password: config.get_secret()",
        "    token = getenv(API_TOKEN)",
    ],
)
def test_expressions_in_markdown_snippets_are_not_values(line: str) -> None:
    assert scan_text(f"```python\n{line}\n```\n", path="README.md") == []
