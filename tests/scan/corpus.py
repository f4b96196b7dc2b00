"""A labelled corpus for the scanner, generated at test time (nothing key-shaped is
committed): planted credentials in many file types and syntaxes, beside decoys that a
careful scanner must not report.

``build(root, seed)`` writes the files and returns the labels: the (path, line) of every
planted secret and of every decoy. A finding on a planted line is a hit; a finding
anywhere else is a false alarm. Different seeds give different values, names, syntaxes
and file mixes, so tests can check that results do not hinge on one arrangement.
"""

from __future__ import annotations

import base64
import json
import random
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from envguard.knowledge import providers

ALNUM = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
B64 = ALNUM + "+/"
B64URL = ALNUM + "-_"
SYMBOLS = "!#%^*-_+=.~"


def pick(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def password(rng: random.Random) -> str:
    n = rng.randint(12, 20)
    chars = [
        rng.choice(string.ascii_lowercase),
        rng.choice(string.ascii_uppercase),
        rng.choice(string.digits),
        rng.choice(SYMBOLS),
    ]
    chars += [rng.choice(ALNUM + SYMBOLS) for _ in range(n - 4)]
    rng.shuffle(chars)
    return "".join(chars)


def mixed(rng: random.Random, n: int) -> str:
    while True:
        v = pick(rng, ALNUM, n)
        if any(c.islower() for c in v) and any(c.isupper() for c in v) and any(c.isdigit() for c in v):
            return v


def fmt(name: str, mode: str = "live") -> Callable[[random.Random], str]:
    return lambda rng: providers.get(name).generate(rng, mode)


def jwt(claims: dict[str, object], rng: random.Random, alg: str = "HS256") -> str:
    def enc(obj: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")

    return f"{enc({'alg': alg, 'typ': 'JWT'})}.{enc(claims)}.{pick(rng, B64URL, 43)}"


# (variable name, value generator): secrets that must be found.
SECRETS: list[tuple[str, Callable[[random.Random], str]]] = [
    ("STRIPE_SECRET_KEY", fmt("stripe-secret-key")),
    ("STRIPE_TEST_KEY", fmt("stripe-secret-key", "test")),
    ("STRIPE_WEBHOOK_SECRET", fmt("stripe-webhook-secret")),
    ("CLERK_SECRET_KEY", fmt("clerk-secret-key")),
    ("CLERK_WEBHOOK_SECRET", fmt("svix-webhook-secret")),
    ("SENTRY_AUTH_TOKEN", fmt("sentry-auth-token")),
    ("AWS_ACCESS_KEY_ID", fmt("aws-access-key-id")),
    ("AWS_SECRET_ACCESS_KEY", lambda r: pick(r, B64, 40)),
    ("SENDGRID_API_KEY", fmt("sendgrid-api-key")),
    ("RESEND_API_KEY", fmt("resend-api-key")),
    ("SUPABASE_SERVICE_ROLE_KEY", fmt("supabase-service-role-key")),
    ("SUPABASE_ACCESS_TOKEN", fmt("supabase-access-token")),
    ("POSTHOG_PERSONAL_API_KEY", fmt("posthog-personal-key")),
    ("INNGEST_SIGNING_KEY", fmt("inngest-signing-key")),
    ("NEW_RELIC_API_KEY", fmt("newrelic-user-key")),
    ("CLOUDFLARE_API_TOKEN", fmt("cloudflare-api-token")),
    ("MAPBOX_SECRET_TOKEN", fmt("mapbox-secret-token")),
    ("GOOGLE_CLIENT_SECRET", fmt("google-client-secret")),
    ("GITHUB_TOKEN", fmt("github-token", "p")),
    ("GH_APP_TOKEN", fmt("github-token", "s")),
    ("SLACK_BOT_TOKEN", fmt("slack-token")),
    ("SLACK_WEBHOOK_URL", fmt("slack-webhook-url")),
    ("OPENAI_API_KEY", fmt("openai-api-key")),
    ("ANTHROPIC_API_KEY", fmt("anthropic-api-key")),
    ("NPM_TOKEN", fmt("npm-token")),
    ("BLOB_READ_WRITE_TOKEN", fmt("vercel-blob-token")),
    ("GITLAB_TOKEN", lambda r: "glpat-" + pick(r, B64URL, 20)),
    ("DB_PASSWORD", password),
    ("SMTP_PASSWORD", password),
    ("REDIS_PASSWORD", password),
    ("api_key", lambda r: mixed(r, 32)),
    ("client_secret", lambda r: pick(r, HEX, 40)),
    ("auth_token", lambda r: mixed(r, 40)),
    ("SECRET_KEY", lambda r: pick(r, ALNUM + "!@#%^&*(-_=+)", 50)),
    ("JWT_SECRET", lambda r: pick(r, B64URL, 43)),
    ("ENCRYPTION_KEY", lambda r: pick(r, HEX, 64)),
    ("SESSION_SECRET", lambda r: base64.b64encode(bytes(r.getrandbits(8) for _ in range(32))).decode()),
    ("DATADOG_API_KEY", lambda r: pick(r, HEX, 32)),
    ("TWILIO_AUTH_TOKEN", lambda r: pick(r, HEX, 32)),
    ("UPSTASH_REDIS_REST_TOKEN", fmt("upstash-token")),
    ("apiKey", lambda r: mixed(r, 36)),
    ("accessToken", lambda r: mixed(r, 40)),
    ("dbPassword", password),
    ("privateToken", lambda r: mixed(r, 24)),
]

# (variable name, value generator): values that are not leaks.
DECOYS: list[tuple[str, Callable[[random.Random], str]]] = [
    # placeholders and documented examples
    ("STRIPE_SECRET_KEY", lambda r: "sk_live_" + "x" * 24),
    ("STRIPE_SECRET_KEY", lambda r: "sk_test_***"),
    ("OPENAI_API_KEY", lambda r: "sk-xxxxxxxxxxxxxxxxxxxxxxxx"),
    ("OPENAI_API_KEY", lambda r: "sk-proj-..."),
    ("API_KEY", lambda r: "your-api-key-here"),
    ("DB_PASSWORD", lambda r: "changeme"),
    ("AUTH_TOKEN", lambda r: "<your-token>"),
    ("GITHUB_TOKEN", lambda r: "ghp_" + "x" * 36),
    ("AWS_ACCESS_KEY_ID", lambda r: "AKIAIOSFODNN7EXAMPLE"),
    ("AWS_SECRET_ACCESS_KEY", lambda r: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    ("RESEND_API_KEY", lambda r: "re_your_resend_api_key_here"),
    ("SENTRY_DSN", lambda r: "https://xxx@xxx.ingest.sentry.io/xxx"),
    ("SLACK_BOT_TOKEN", lambda r: "xoxb-your-bot-token"),
    ("JWT_SECRET", lambda r: "super-secret-jwt-key-change-me"),
    ("password", lambda r: "password"),
    ("SECRET_KEY", lambda r: "<generate with openssl rand -hex 32>"),
    # public by design
    ("STRIPE_PUBLISHABLE_KEY", fmt("stripe-publishable-key")),
    ("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", fmt("clerk-publishable-key")),
    ("NEXT_PUBLIC_POSTHOG_KEY", fmt("posthog-project-key")),
    ("NEXT_PUBLIC_MAPBOX_TOKEN", fmt("mapbox-public-token")),
    ("NEXT_PUBLIC_SUPABASE_ANON_KEY", fmt("supabase-anon-key")),
    ("NEXT_PUBLIC_SENTRY_DSN", fmt("sentry-dsn")),
    ("GOOGLE_CLIENT_ID", fmt("google-client-id")),
    ("TWILIO_ACCOUNT_SID", fmt("twilio-account-sid")),
    ("NEXT_PUBLIC_ALGOLIA_SEARCH_KEY", lambda r: pick(r, HEX, 32)),
    # identifiers, hashes, checksums, ids
    ("TOKEN_TYPE", lambda r: "Bearer"),
    ("password_field", lambda r: "password"),
    ("secret_name", lambda r: "prod/db/password"),
    ("PASSWORD_MIN_LENGTH", lambda r: "12"),
    ("api_key_header", lambda r: "X-API-Key"),
    ("sha256", lambda r: pick(r, HEX, 64)),
    ("checksum", lambda r: pick(r, HEX, 64)),
    ("commit", lambda r: pick(r, HEX, 40)),
    ("etag", lambda r: pick(r, HEX, 32)),
    ("request_id", lambda r: _uuid(r)),
    ("id", lambda r: _uuid(r)),
    ("integrity", lambda r: "sha512-" + pick(r, B64, 86) + "=="),
    ("image_digest", lambda r: "sha256:" + pick(r, HEX, 64)),
    ("STRIPE_PRICE_ID", lambda r: "price_1" + mixed(r, 23)),
    ("CLOUDFLARE_ACCOUNT_ID", lambda r: pick(r, HEX, 32)),
    ("build_id", lambda r: mixed(r, 21)),
    ("VERSION", lambda r: "2.14.3"),
]

_EXPIRED = 1_500_000_000


def _uuid(rng: random.Random) -> str:
    h = pick(rng, HEX, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


def _fake_github_bad_checksum(rng: random.Random) -> str:
    token = providers.get("github-token").generate(rng, "p")
    last = token[-1]
    return token[:-1] + ("A" if last != "A" else "B")


# Whole decoy lines in the syntax of a file type (a decoy per line).
def raw_decoys(rng: random.Random, kind: str) -> list[str]:
    py_js = {
        "py": [
            'password = os.environ["DB_PASSWORD"]',
            'api_key = os.getenv("API_KEY")',
            "token = request.headers.get('Authorization')",
            "secret = settings.SECRET_KEY",
            'raise ValueError("password must be at least 12 characters")',
            'logger.info("token refreshed for %s", user)',
            f'GITHUB_TOKEN = "{_fake_github_bad_checksum(rng)}"',
            f'EXPIRED = "{jwt({"sub": "user-1", "exp": _EXPIRED}, rng)}"',
            'KEY_ALIAS = "alias/prod-db"',
            f'SSH_PUBLIC = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{pick(rng, B64, 43)} deploy@ci"',
        ],
        "js": [
            "const apiKey = process.env.API_KEY;",
            "const password = process.env.DB_PASSWORD ?? '';",
            "headers: { Authorization: `Bearer ${token}` },",
            "const secret = await getSecret('prod/api');",
            f"const logo = 'data:image/png;base64,iVBORw0KGgo{pick(rng, B64, 120)}';",
            "if (!token) throw new Error('token is required');",
        ],
    }
    common = {
        "yaml": [
            "password: ${DB_PASSWORD}",
            "token: ${{ secrets.GITHUB_TOKEN }}",
            'api_key: "{{ vault_api_key }}"',
            "secretKeyRef:",
            "DATABASE_URL: postgres://postgres:postgres@localhost:5432/app",
            "url: postgres://user:password@host:5432/db",
        ],
        "env": [
            "NEXTAUTH_SECRET=",
            "API_KEY=",
            "DB_PASSWORD=${POSTGRES_PASSWORD}",
            "REDIS_URL=redis://localhost:6379",
            "DATABASE_URL=postgresql://postgres:postgres@localhost:5432/postgres",
        ],
        "sh": [
            'export API_KEY="$API_KEY"',
            "PASSWORD=$(cat /run/secrets/db_password)",
            'mysql -u root -p"$MYSQL_ROOT_PASSWORD" app',
            'curl -H "Authorization: Bearer $TOKEN" https://api.example.com',
        ],
        "md": [
            "Set `STRIPE_SECRET_KEY` to your secret key from the dashboard.",
            "The password is stored in the vault.",
            "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----",
        ],
        "ini": ["password = %(DB_PASSWORD)s", "token ="],
        "xml": ["<password>${db.password}</password>", '<add key="ApiKey" value="" />'],
        "tf": ["password = var.db_password", "api_key  = data.aws_ssm_parameter.api_key.value"],
        "properties": ["spring.datasource.password=${DB_PASSWORD}", "api.key="],
        "dockerfile": ["ARG NPM_TOKEN", "ENV NODE_ENV=production"],
        "toml": ['token = ""', 'password = "${PASSWORD}"'],
        "json": ['"password": "",', '"token": null,'],
    }
    return py_js.get(kind, []) + common.get(kind, [])


# --- syntaxes -----------------------------------------------------------------------

Render = Callable[[str, str, random.Random], str]


def _camel(name: str) -> str:
    parts = name.lower().split("_")
    return parts[0] + "".join(p.title() for p in parts[1:]) if "_" in name else name


def _py(name: str, value: str, rng: random.Random) -> str:
    return rng.choice(
        [
            f'{name} = "{value}"',
            f"{name.lower()} = '{value}'",
            f'CONFIG = {{"{name.lower()}": "{value}"}}',
            f'client = Client({name.lower()}="{value}")',
            f'os.environ.setdefault("{name}", "{value}")',
        ]
    )


def _js(name: str, value: str, rng: random.Random) -> str:
    return rng.choice(
        [
            f"const {_camel(name)} = '{value}';",
            f'export const {name} = "{value}";',
            f"  {_camel(name)}: '{value}',",
            f"const {_camel(name)} = `{value}`;",
            f'process.env.{name} = "{value}";',
        ]
    )


def _json(name: str, value: str, rng: random.Random) -> str:
    return f'  "{rng.choice([name, _camel(name), name.lower()])}": "{value}",'


def _yaml(name: str, value: str, rng: random.Random) -> str:
    key = rng.choice([name, name.lower(), _camel(name)])
    return rng.choice([f"  {key}: {value}", f'  {key}: "{value}"', f"    - {name}={value}"])


def _toml(name: str, value: str, rng: random.Random) -> str:
    return f'{name.lower()} = "{value}"'


def _ini(name: str, value: str, rng: random.Random) -> str:
    return rng.choice([f"{name.lower()} = {value}", f"{name.lower()}={value}"])


def _env(name: str, value: str, rng: random.Random) -> str:
    return rng.choice([f"{name}={value}", f'{name}="{value}"', f"export {name}={value}", f"{name}='{value}'"])


def _docker(name: str, value: str, rng: random.Random) -> str:
    return rng.choice([f"ENV {name}={value}", f"ENV {name} {value}", f"ARG {name}={value}"])


def _sh(name: str, value: str, rng: random.Random) -> str:
    return rng.choice(
        [f'export {name}="{value}"', f"{name}='{value}' ./run.sh", f"deploy --{name.lower().replace('_', '-')}={value}"]
    )


def _md(name: str, value: str, rng: random.Random) -> str:
    return rng.choice([f"    export {name}={value}", f"`{name}={value}`", f"{name}: {value}"])


def _tf(name: str, value: str, rng: random.Random) -> str:
    return f'  {name.lower()} = "{value}"'


def _xml(name: str, value: str, rng: random.Random) -> str:
    return rng.choice([f"  <{_camel(name)}>{value}</{_camel(name)}>", f'  <add key="{name}" value="{value}" />'])


def _properties(name: str, value: str, rng: random.Random) -> str:
    return rng.choice([f"app.{name.lower().replace('_', '.')}={value}", f"{_camel(name)}: {value}"])


def _go(name: str, value: str, rng: random.Random) -> str:
    return rng.choice([f'\t{_camel(name)} := "{value}"', f'\tconst {name} = "{value}"'])


def _java(name: str, value: str, rng: random.Random) -> str:
    return f'    private static final String {name} = "{value}";'


@dataclass(frozen=True)
class FileType:
    path: str
    kind: str
    render: Render
    head: tuple[str, ...] = ()
    tail: tuple[str, ...] = ()


FILE_TYPES = [
    FileType("app/settings.py", "py", _py, ("import os", "")),
    FileType("web/src/config.ts", "js", _js, ("// generated config", "")),
    FileType("web/lib/client.js", "js", _js),
    FileType("config/app.json", "json", _json, ("{",), ('  "end": true', "}")),
    FileType("deploy/values.yaml", "yaml", _yaml, ("env:",)),
    FileType("pyproject-local.toml", "toml", _toml, ("[tool.app]",)),
    FileType("setup.cfg", "ini", _ini, ("[app]",)),
    FileType(".env.production", "env", _env),
    FileType("docker/Dockerfile", "dockerfile", _docker, ("FROM node:20-alpine",)),
    FileType("scripts/deploy.sh", "sh", _sh, ("#!/bin/sh", "set -eu")),
    FileType("docs/setup.md", "md", _md, ("# Setup", "")),
    FileType("infra/main.tf", "tf", _tf, ('provider "aws" {', "}", 'resource "x" "y" {'), ("}",)),
    FileType("config/web.config", "xml", _xml, ("<configuration>",), ("</configuration>",)),
    FileType("src/main/resources/application.properties", "properties", _properties),
    FileType("cmd/server/main.go", "go", _go, ("package main", "", "func main() {"), ("}",)),
    FileType("src/main/java/App.java", "java", _java, ("public class App {",), ("}",)),
]


@dataclass
class Corpus:
    root: Path
    positives: dict[str, set[int]] = field(default_factory=dict)
    decoys: dict[str, set[int]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.positives.values())

    def score(self, found: Iterable[tuple[str, int]]) -> Score:
        hits: set[tuple[str, int]] = set()
        false: set[tuple[str, int]] = set()
        for path, line in found:
            if line in self.positives.get(path, set()):
                hits.add((path, line))
            else:
                false.add((path, line))
        missed = {(p, n) for p, lines in self.positives.items() for n in lines} - hits
        return Score(len(hits), self.total, sorted(false), sorted(missed))


@dataclass
class Score:
    hits: int
    total: int
    false_alarms: list[tuple[str, int]]
    missed: list[tuple[str, int]]

    @property
    def recall(self) -> float:
        return self.hits / self.total if self.total else 1.0


class _Writer:
    def __init__(self, corpus: Corpus, path: str) -> None:
        self.corpus = corpus
        self.path = path
        self.lines: list[str] = []

    def add(self, text: str, label: str | None = None) -> None:
        for part in text.split("\n"):
            self.lines.append(part)
            if label == "secret":
                self.corpus.positives.setdefault(self.path, set()).add(len(self.lines))
            elif label == "decoy":
                self.corpus.decoys.setdefault(self.path, set()).add(len(self.lines))
            label = None if label == "secret" else label  # a multi-line secret counts at its first line

    def write(self) -> None:
        target = self.corpus.root / self.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(self.lines) + "\n", encoding="utf-8")


def _pem_keys(rng: random.Random) -> list[str]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519

    ec_key = ec.generate_private_key(ec.SECP256R1())
    ed_key = ed25519.Ed25519PrivateKey.generate()
    return [
        ec_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
        ).decode(),
        ec_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode(),
        ed_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, serialization.NoEncryption()
        ).decode(),
    ]


def build(root: Path, seed: int = 0) -> Corpus:
    """Write the corpus under ``root``."""
    rng = random.Random(seed)
    corpus = Corpus(root)
    for ft in FILE_TYPES:
        w = _Writer(corpus, ft.path)
        for line in ft.head:
            w.add(line)
        secrets = rng.sample(SECRETS, k=min(len(SECRETS), rng.randint(14, 22)))
        decoys = rng.sample(DECOYS, k=min(len(DECOYS), rng.randint(14, 22)))
        entries: list[tuple[str, str | None]] = [(ft.render(n, g(rng), rng), "secret") for n, g in secrets]
        entries += [(ft.render(n, g(rng), rng), "decoy") for n, g in decoys]
        entries += [(line, "decoy") for line in raw_decoys(rng, ft.kind)]
        rng.shuffle(entries)
        for text, label in entries:
            w.add(text, label)
            if rng.random() < 0.3:
                w.add("")
        for line in ft.tail:
            w.add(line)
        w.write()
    _special(corpus, rng)
    _lock_files(corpus, rng)
    return corpus


def _special(corpus: Corpus, rng: random.Random) -> None:
    """Forms that are not name = value: URLs, headers, comments, private keys."""
    pw = password(rng).replace("%", "x")
    host = f"db-{pick(rng, string.ascii_lowercase, 6)}.prod.internal"
    w = _Writer(corpus, "docs/operations.md")
    w.add("# Operations")
    w.add("")
    w.add(f"    psql postgres://app:{pw}@{host}:5432/app", "secret")
    w.add(f"    redis-cli -u rediss://default:{mixed(rng, 32)}@cache-{pick(rng, HEX, 6)}.upstash.io:6379", "secret")
    w.add(f'    curl -H "Authorization: Bearer {mixed(rng, 40)}" https://api.partner.com/v1/orders', "secret")
    w.add(f"    curl -u deploy:{password(rng)} https://ci.internal.example.net/api", "secret")
    w.add(f"The staging key is {providers.get('stripe-secret-key').generate(rng, 'test')} (rotate monthly).", "secret")
    w.add("")
    w.add("Local development uses `postgres://postgres:postgres@localhost:5432/app`.", "decoy")
    w.add("Connect with `mongodb+srv://<user>:<password>@cluster0.mongodb.net`.", "decoy")
    w.add(f"Our DSN is {providers.get('sentry-dsn').generate(rng, 'live')} (public).", "decoy")
    w.add(f"Release {pick(rng, HEX, 40)} fixed the login bug.", "decoy")
    w.write()

    w = _Writer(corpus, "app/clients.py")
    w.add("import requests")
    w.add(
        f'DSN = "https://{pick(rng, HEX, 32)}:{pick(rng, HEX, 32)}@o{rng.randint(10**5, 10**6)}.ingest.sentry.io/{rng.randint(10**5, 10**6)}"',
        "secret",
    )
    w.add(f'HEADERS = {{"Authorization": "Bearer {mixed(rng, 36)}"}}', "secret")
    w.add(f"# old key, remove: {providers.get('github-token').generate(rng, 'p')}", "secret")
    w.add(
        f'engine = create_engine("mysql+pymysql://svc:{password(rng).replace("%", "x").replace("@", "a")}@mysql.prod.acme.io/shop")',
        "secret",
    )
    basic = base64.b64encode(f"admin:{password(rng)}".encode()).decode()
    w.add(f'requests.get(url, headers={{"Authorization": "Basic {basic}"}})', "secret")
    w.add('requests.get(url, auth=(user, os.environ["API_PASSWORD"]))', "decoy")
    w.add(f'CACHE_PREFIX = "{pick(rng, HEX, 12)}"', "decoy")
    w.add('TOKEN_URL = "https://oauth2.googleapis.com/token"', "decoy")
    w.write()

    w = _Writer(corpus, "web/src/api.ts")
    w.add(f"// TODO: rotate {providers.get('openai-api-key').generate(rng, 'live')}", "secret")
    w.add(f"const stripe = new Stripe('{providers.get('stripe-secret-key').generate(rng, 'live')}');", "secret")
    w.add(f"const url = `https://api.example.com/v1?api_key={mixed(rng, 32)}&format=json`;", "secret")
    w.add(f"const pk = '{providers.get('stripe-publishable-key').generate(rng, 'live')}';", "decoy")
    w.add("const token = localStorage.getItem('token');", "decoy")
    w.write()

    keys = _pem_keys(rng)
    w = _Writer(corpus, "deploy/keys/deploy.pem")
    w.add(keys[0].rstrip("\n"), "secret")
    w.write()
    w = _Writer(corpus, "config/service-account.json")
    w.add("{")
    w.add('  "type": "service_account",')
    w.add(f'  "private_key_id": "{pick(rng, HEX, 40)}",', "decoy")
    w.add(f'  "private_key": "{keys[1].replace(chr(10), chr(92) + "n")}",', "secret")
    w.add(f'  "client_email": "svc@proj-{pick(rng, string.ascii_lowercase, 6)}.iam.gserviceaccount.com"')
    w.add("}")
    w.write()
    w = _Writer(corpus, "deploy/ssh.yaml")
    w.add("deploy_key: |")
    w.add("  " + keys[2].rstrip("\n").replace("\n", "\n  "), "secret")
    w.write()

    # Example files: empty values and placeholders are what they should hold.
    w = _Writer(corpus, ".env.example")
    for line in [
        "STRIPE_SECRET_KEY=",
        "STRIPE_WEBHOOK_SECRET=whsec_...",
        "OPENAI_API_KEY=sk-xxxxxxxx",
        "DATABASE_URL=postgresql://user:password@localhost:5432/app",
        "NEXTAUTH_SECRET=  # openssl rand -base64 32",
        f"ENCRYPTION_KEY={pick(rng, HEX, 32)}  # demo value, replace in production",
        f"NEXT_PUBLIC_SUPABASE_ANON_KEY={jwt({'iss': 'supabase-demo', 'role': 'anon', 'exp': 1799535600}, rng)}",
    ]:
        w.add(line, "decoy")
    w.write()


def _lock_files(corpus: Corpus, rng: random.Random) -> None:
    w = _Writer(corpus, "web/package-lock.json")
    w.add("{")
    for i in range(20):
        w.add(
            f'  "node_modules/pkg{i}": {{"version": "1.{i}.0", "integrity": "sha512-{pick(rng, B64, 86)}=="}},', "decoy"
        )
    w.add("}")
    w.write()
    w = _Writer(corpus, "poetry.lock")
    for i in range(10):
        w.add(f'{{file = "pkg{i}-1.0.tar.gz", hash = "sha256:{pick(rng, HEX, 64)}"}},', "decoy")
    w.write()
    w = _Writer(corpus, "go.sum")
    for i in range(10):
        w.add(f"github.com/acme/mod{i} v1.{i}.0 h1:{pick(rng, B64, 43)}=", "decoy")
    w.write()


# --- a second corpus: ops and config files ---------------------------------------------


def g(name: str, mode: str = "live", rng: random.Random | None = None) -> str:
    return providers.get(name).generate(rng or random.Random(0), mode)


def build_ops(root: Path, seed: int = 0) -> Corpus:
    """A second corpus in other syntaxes: ops and config files (database.yml, wp-config.php,
    appsettings.json, k8s secrets, CI workflows, .npmrc, .pypirc, .netrc, .pgpass, docker
    config, notebooks, Rust/Kotlin/Swift/SQL/Terraform/Ansible/nginx...)."""
    rng = random.Random(seed)
    c = Corpus(root)
    S, D = "secret", "decoy"

    def P() -> str:
        return password(rng)

    def T(n: int = 32) -> str:
        return mixed(rng, n)

    files: dict[str, list[tuple[str, str | None]]] = {}
    files["config/database.yml"] = [
        ("production:", None),
        ("  adapter: postgresql", None),
        (f"  password: {P()}", S),
        ("  username: app", None),
        ("development:", None),
        ("  password: <%= ENV['DB_PASSWORD'] %>", D),
        ("test:", None),
        ("  password: ", D),
    ]
    files["wp-config.php"] = [
        ("<?php", None),
        (f"define('DB_PASSWORD', '{P()}');", S),
        (f"define('AUTH_KEY',         '{pick(rng, ALNUM + '!@#$%^&*()-_[]{}<>~`+=,.;:/?|', 64)}');", S),
        ("define('DB_PASSWORD_HINT', 'ask ops');", D),
        ("$password = $_POST['password'];", D),
        (f"$config['api_key'] = '{T(40)}';", S),
    ]
    files["appsettings.json"] = [
        ("{", None),
        ('  "ConnectionStrings": {', None),
        (f'    "Default": "Server=sql.prod.corp;Database=app;User Id=sa;Password={P()};"', S),
        ('    "Local": "Server=(localdb)\\\\mssqllocaldb;Database=app;Trusted_Connection=True;"', D),
        ("  },", None),
        (
            f'  "Storage": "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={base64.b64encode(bytes(rng.getrandbits(8) for _ in range(64))).decode()};EndpointSuffix=core.windows.net",',
            S,
        ),
        ('  "Logging": { "LogLevel": "Information" },', None),
        (f'  "Jwt": {{ "Key": "{T(48)}", "Issuer": "acme" }}', S),
        ("}", None),
    ]
    files["k8s/secret.yaml"] = [
        ("apiVersion: v1", D),
        ("kind: Secret", None),
        ("metadata:", None),
        ("  name: db", None),
        ("data:", None),
        (f"  password: {base64.b64encode(P().encode()).decode()}", S),
        (f"  api-token: {base64.b64encode(T(32).encode()).decode()}", S),
        ("---", None),
        ("env:", None),
        ("  - name: DB_PASSWORD", D),
        ("    valueFrom:", None),
        ("      secretKeyRef:", D),
        ("        key: password", D),
    ]
    files[".github/workflows/ci.yml"] = [
        ("env:", None),
        ("  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}", D),
        (f"  SONAR_TOKEN: {pick(rng, HEX, 40)}", S),
        ("  NODE_VERSION: 20", None),
        ("steps:", None),
        (f"  - run: docker login -u ci -p {P()} registry.acme.io", S),
    ]
    files[".npmrc"] = [
        ("//registry.npmjs.org/:_authToken=${NPM_TOKEN}", D),
        (f"//npm.pkg.github.com/:_authToken={g('github-token', 'p', rng)}", S),
        ("@acme:registry=https://npm.pkg.github.com", None),
    ]
    files[".pypirc"] = [
        ("[pypi]", None),
        ("username = __token__", D),
        (f"password = pypi-AgEIcHlwaS5vcmc{pick(rng, B64URL, 120)}", S),
    ]
    files[".netrc"] = [(f"machine api.heroku.com login ops@acme.io password {_uuid(rng)}", S)]
    files[".git-credentials"] = [(f"https://ci-bot:{g('github-token', 'p', rng)}@github.com", S)]
    files["docker-compose.yml"] = [
        ("services:", None),
        ("  db:", None),
        ("    image: postgres:16", None),
        ("    environment:", None),
        ("      POSTGRES_PASSWORD: postgres", D),
        ("      POSTGRES_USER: postgres", None),
        ("  api:", None),
        ("    environment:", None),
        (f"      - STRIPE_KEY={g('stripe-secret-key', 'live', rng)}", S),
        ("      - DATABASE_URL=postgres://postgres:postgres@db:5432/app", D),
        (f"      - REDIS_URL=redis://default:{T(32)}@redis-12345.c1.us-east-1.ec2.cloud.redislabs.com:12345", S),
    ]
    files["notebook.ipynb"] = [
        ("{", None),
        (' "cells": [{', None),
        ('   "source": [', None),
        ('    "import openai\\n",', None),
        (f'    "openai.api_key = \\"{g("openai-api-key", "live", rng)}\\"\\n",', S),
        (f'    "client = Anthropic(api_key=\\"{g("anthropic-api-key", "live", rng)}\\")\\n"', S),
        ("   ]", None),
        (" }]", None),
        ("}", None),
    ]
    files["src/main.rs"] = [
        (f'const API_TOKEN: &str = "{T(40)}";', S),
        ('let password = std::env::var("PASSWORD").unwrap();', D),
    ]
    files["src/Config.kt"] = [
        (f'val slackWebhook = "{g("slack-webhook-url", "live", rng)}"', S),
        ("val tokenTtl = 3600", D),
        (f'private const val CLIENT_SECRET = "{pick(rng, B64URL, 32)}"', S),
    ]
    files["Sources/Keys.swift"] = [
        (f'let stripeKey = "{g("stripe-secret-key", "live", rng)}"', S),
        ('let publishable = "' + g("stripe-publishable-key", "live", rng) + '"', D),
    ]
    files["db/seed.sql"] = [
        (f"CREATE USER app WITH PASSWORD '{P()}';", S),
        (f"ALTER USER reporting IDENTIFIED BY '{P()}';", S),
        (
            "INSERT INTO users (email, password_hash) VALUES ('a@b.c', '$2b$12$"
            + pick(rng, B64URL.replace("-", ".").replace("_", "/"), 53)
            + "');",
            D,
        ),
    ]
    files["deploy/terraform.tfvars"] = [
        (f'aws_access_key = "{g("aws-access-key-id", "live", rng)}"', S),
        (f'aws_secret_key = "{pick(rng, B64, 40)}"', S),
        ('region = "eu-west-1"', None),
        ('db_password = ""', D),
    ]
    files["ansible/group_vars/all.yml"] = [
        ("db_password: !vault |", D),
        ("  $ANSIBLE_VAULT;1.1;AES256", D),
        ("  " + pick(rng, "0123456789abcdef", 64), D),
        (f"mail_password: {P()}", S),
        ("api_key: \"{{ lookup('env', 'API_KEY') }}\"", D),
    ]
    files["scripts/backup.sh"] = [
        (f"PGPASSWORD='{P()}' pg_dump -h db.prod -U app app > dump.sql", S),
        (f"sshpass -p '{P()}' ssh root@10.0.0.5", S),
        ('mysql -uroot -p"$MYSQL_ROOT_PASSWORD"', D),
        (f"wget --user=admin --password={P()} https://files.acme.io/x.tgz", S),
    ]
    files["app/db.py"] = [
        (f'conn = psycopg2.connect(host="db", user="app", password="{P()}")', S),
        (f'r = redis.Redis(host="cache", password="{P()}")', S),
        ('auth = HTTPBasicAuth("user", os.environ["PASS"])', D),
        ("max_tokens = 1000", D),
        ('TOKENIZER = "bert-base-uncased"', D),
        ("password = None", D),
        ("csrf_token = generate_token()", D),
        ('DATABASES = {"default": {"PASSWORD": os.environ.get("DB_PASSWORD", "")}}', D),
        (f'DATABASES = {{"default": {{"PASSWORD": "{P()}"}}}}', S),
    ]
    files["web/firebase.js"] = [
        (f'  apiKey: "{g("google-api-key", "live", rng)}",', D),
        ('  authDomain: "acme.firebaseapp.com",', D),
        (f'  appId: "1:{rng.randint(10**11, 10**12)}:web:{pick(rng, HEX, 22)}",', D),
        (f"const mongo = 'mongodb+srv://admin:{T(20)}@cluster0.ab1cd.mongodb.net/prod';", S),
        (f"const pool = new Pool({{ user: 'app', password: '{P()}' }});", S),
    ]
    files["config/auth0.json"] = [
        ("{", None),
        (f'  "clientSecret": "{pick(rng, B64URL, 64)}",', S),
        ('  "domain": "acme.eu.auth0.com"', None),
        ("}", None),
    ]
    files["README.md"] = [
        ("# Acme", None),
        ("| Setting | Value |", None),
        ("|---|---|", None),
        (f"| API key | `{g('sendgrid-api-key', 'live', rng)}` |", S),
        ("| Region | eu-west-1 |", None),
        ("Run `export OPENAI_API_KEY=sk-...` first.", D),
        ("Use the password `********` from 1Password.", D),
        (f"Test card token: tok_visa, price id price_{mixed(rng, 24)}", D),
    ]
    files[".pgpass"] = [(f"db.prod.acme.io:5432:app:app:{P()}", S)]
    files["docker/config.json"] = [
        ("{", None),
        ('  "auths": {', None),
        (f'    "registry.acme.io": {{"auth": "{base64.b64encode(("ci:" + P()).encode()).decode()}"}}', S),
        ("  }", None),
        ("}", None),
    ]
    files["keys/id_rsa"] = [(_rsa(), S)]
    files["package.json"] = [
        ("{", None),
        ('  "name": "acme",', None),
        (f'  "packageManager": "pnpm@9.1.0+sha512.{pick(rng, HEX, 128)}",', D),
        ('  "version": "1.0.0"', None),
        ("}", None),
    ]
    files["assets/logo.svg"] = [
        (f'<svg><path d="M{rng.randint(1, 99)} {pick(rng, "0123456789 .,LMCZ", 300)}"/></svg>', D)
    ]
    files["nginx.conf"] = [
        ('proxy_set_header Authorization "Basic ' + base64.b64encode(("admin:" + P()).encode()).decode() + '";', S),
        ("ssl_certificate_key /etc/ssl/private/key.pem;", D),
    ]
    files["test/fixtures/users.json"] = [
        ('[{"id": "' + _uuid(rng) + '", "token_hash": "' + pick(rng, HEX, 64) + '"}]', D),
    ]
    for path, lines in files.items():
        p = root / path
        p.parent.mkdir(parents=True, exist_ok=True)
        out = []
        for text, label in lines:
            first = len(out) + 1
            out.extend(text.split("\n"))
            if label == S:
                c.positives.setdefault(path, set()).add(first)
            elif label == D:
                c.decoys.setdefault(path, set()).add(first)
        p.write_text("\n".join(out) + "\n")
    return c


def _rsa() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    k = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    return (
        k.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
        )
        .decode()
        .strip()
    )


def detect_secrets_findings(root: Path) -> list[tuple[str, int]]:
    """(path, line) of everything ``detect-secrets scan --all-files`` reports under ``root``.

    ``--no-verify`` keeps it offline and deterministic: verification would send the
    planted keys to the providers' APIs.
    """
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "detect_secrets", "scan", "--all-files", "--no-verify"],
        cwd=root,
        capture_output=True,
        check=True,
        timeout=600,
    ).stdout
    results = json.loads(out)["results"]
    return [(path, r["line_number"]) for path, found in results.items() for r in found]
