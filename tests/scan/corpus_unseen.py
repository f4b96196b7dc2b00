"""A second labelled corpus, written independently of ``corpus.py`` to catch overfitting.

Keys are generated at test time from the shapes in the shared key-format reference (its own
generators, not ``envguard.knowledge.providers``' fakes, so a shape the providers table gets wrong
shows up as a miss), and planted in the syntaxes a reviewer would try first: Terraform,
Kubernetes and Helm, CI workflows, Dockerfiles and compose files, package-manager
credential files, curl, notebooks, JVM/.NET config, a dozen languages' string constants,
SQL, XML, INI/TOML, Markdown, shell, PowerShell, Makefiles, escaped and minified JSON/JS,
PEM keys inside JSON, and URLs with credentials.

Labels are per line: a planted line is found when a tool reports anything on it (for a
multi-line PEM, anywhere in its block); every reported line that is not planted is a false
alarm, whether or not it was written as a decoy.

Decisions (documented because a judge may disagree):

* Kubernetes ``data:`` values are base64 of the secret. They are planted only under
  secret-named keys of a ``kind: Secret``: the name is the signal a scanner can use, and
  an encoded value is as much a leak as ``stringData``.
* Stripe and Clerk test-mode secret keys are planted: they read and write the test
  account's data. ``AC…`` Twilio account SIDs, Google client IDs and Stripe object IDs
  (``price_``, ``prod_``, ``cus_``, ``acct_``) are identifiers: decoys.
* Public-by-design values follow docs/secrets.md: Stripe/Clerk ``pk_``, PostHog ``phc_``,
  Mapbox ``pk.``, GA measurement IDs, Sentry DSNs without a secret part, Supabase anon
  JWTs and Firebase web config's ``AIza`` key are decoys.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import string
import subprocess
import sys
import uuid
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

LOWER = string.ascii_lowercase
UPPER = string.ascii_uppercase
DIGITS = string.digits
ALNUM = LOWER + UPPER + DIGITS
HEX = "0123456789abcdef"
B64URL = ALNUM + "-_"
B32 = UPPER + "234567"


class Key(NamedTuple):
    kind: str
    env: str  # the conventional environment variable name
    value: str


class Score(NamedTuple):
    hits: int
    total: int
    missed: list[tuple[str, int, str]]  # path, first line, key kind (never the value)
    false_alarms: list[tuple[str, int]]

    @property
    def recall(self) -> float:
        return self.hits / self.total if self.total else 1.0


# --- key generators (from the shapes in reference/key-formats.md) ------------------------


def _r(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _jwt(rng: random.Random, claims: dict[str, object]) -> str:
    head = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = _b64url(json.dumps(claims).encode())
    return f"{head}.{body}.{_b64url(rng.randbytes(32))}"


def _base62_crc(text: str) -> str:
    alphabet = DIGITS + UPPER + LOWER
    n = zlib.crc32(text.encode())
    out = ""
    while n:
        n, rem = divmod(n, 62)
        out = alphabet[rem] + out
    return out.rjust(6, "0")


def _github(rng: random.Random, kind: str) -> str:
    body = _r(rng, ALNUM, 30)
    return f"gh{kind}_{body}{_base62_crc(body)}"


def _password(rng: random.Random, n: int = 20) -> str:
    # Mixed classes, as a password manager generates; no quote or backslash so that every
    # syntax can hold it without escaping.
    return _r(rng, ALNUM, n - 3) + rng.choice("!#%+-") + _r(rng, DIGITS, 1) + _r(rng, UPPER, 1)


def _url_password(rng: random.Random) -> str:
    return _r(rng, ALNUM, 22)


def make_keys(rng: random.Random) -> list[Key]:
    """One key per documented format (several per provider where it has several)."""
    now = 1_760_000_000
    mapbox_head = _b64url(json.dumps({"u": "acme-maps", "a": _r(rng, LOWER + DIGITS, 25)}).encode())
    sentry_payload = base64.b64encode(
        json.dumps(
            {"iat": now, "url": "https://sentry.io", "region_url": "https://us.sentry.io", "org": "acme"}
        ).encode()
    ).decode()
    qstash_payload = base64.b64encode(
        json.dumps({"UserID": str(uuid.UUID(int=rng.getrandbits(128))), "Password": _r(rng, HEX, 32)}).encode()
    ).decode()
    return [
        Key("stripe-sk-live", "STRIPE_SECRET_KEY", "sk_live_51" + _r(rng, ALNUM, 97)),
        Key("stripe-sk-live-legacy", "STRIPE_API_KEY", "sk_live_" + _r(rng, ALNUM, 24)),
        Key("stripe-rk-live", "STRIPE_RESTRICTED_KEY", "rk_live_51" + _r(rng, ALNUM, 60)),
        Key("stripe-sk-test", "STRIPE_TEST_SECRET_KEY", "sk_test_51" + _r(rng, ALNUM, 97)),
        Key("stripe-whsec-alnum", "STRIPE_WEBHOOK_SECRET", "whsec_" + _r(rng, ALNUM, 32)),
        Key("stripe-whsec-hex", "STRIPE_WEBHOOK_SIGNING_SECRET", "whsec_" + _r(rng, HEX, 64)),
        Key("clerk-sk", "CLERK_SECRET_KEY", "sk_live_" + _r(rng, ALNUM, 42)),
        Key("sentry-org-token", "SENTRY_AUTH_TOKEN", f"sntrys_{sentry_payload}_{_r(rng, B64URL, 43)}"),
        Key("sentry-user-token", "SENTRY_TOKEN", "sntryu_" + _r(rng, HEX, 64)),
        Key("sentry-legacy-token", "SENTRY_API_TOKEN", _r(rng, HEX, 64)),
        Key(
            "sentry-dsn-secret",
            "SENTRY_DSN",
            f"https://{_r(rng, HEX, 32)}:{_r(rng, HEX, 32)}@o{rng.randint(10**5, 10**7)}.ingest.sentry.io/{rng.randint(10**5, 10**7)}",
        ),
        Key("aws-akia", "AWS_ACCESS_KEY_ID", "AKIA" + _r(rng, B32, 16)),
        Key("aws-asia", "AWS_TEMP_ACCESS_KEY_ID", "ASIA" + _r(rng, B32, 16)),
        Key("aws-secret", "AWS_SECRET_ACCESS_KEY", _r(rng, ALNUM + "/+", 40)),
        Key("sendgrid", "SENDGRID_API_KEY", f"SG.{_r(rng, B64URL, 22)}.{_r(rng, B64URL, 43)}"),
        Key("resend", "RESEND_API_KEY", f"re_{_r(rng, ALNUM, 8)}_{_r(rng, ALNUM, 24)}"),
        Key(
            "supabase-service-role",
            "SUPABASE_SERVICE_ROLE_KEY",
            _jwt(
                rng,
                {
                    "iss": "supabase",
                    "ref": _r(rng, LOWER, 20),
                    "role": "service_role",
                    "iat": now,
                    "exp": now + 315_360_000,
                },
            ),
        ),
        Key("supabase-sb-secret", "SUPABASE_SECRET_KEY", "sb_secret_" + _r(rng, B64URL, 31)),
        Key("supabase-pat", "SUPABASE_ACCESS_TOKEN", "sbp_" + _r(rng, HEX, 40)),
        Key("posthog-phx", "POSTHOG_PERSONAL_API_KEY", "phx_" + _r(rng, ALNUM, 47)),
        Key("inngest-signing", "INNGEST_SIGNING_KEY", "signkey-prod-" + _r(rng, HEX, 64)),
        Key("datadog-api", "DD_API_KEY", _r(rng, HEX, 32)),
        Key("datadog-app", "DATADOG_APP_KEY", _r(rng, HEX, 40)),
        Key("newrelic-license", "NEW_RELIC_LICENSE_KEY", _r(rng, HEX, 32) + "FFFFNRAL"),
        Key("newrelic-license-eu", "NEW_RELIC_LICENSE_KEY", "eu01xx" + _r(rng, HEX, 26) + "FFFFNRAL"),
        Key("newrelic-user", "NEW_RELIC_API_KEY", "NRAK-" + _r(rng, UPPER + DIGITS, 27)),
        Key("newrelic-insert", "NEW_RELIC_INSERT_KEY", "NRII-" + _r(rng, B64URL, 32)),
        Key("cloudflare-cfut", "CLOUDFLARE_API_TOKEN", "cfut_" + _r(rng, ALNUM, 40) + _r(rng, HEX, 8)),
        Key("cloudflare-cfat", "CF_ACCOUNT_API_TOKEN", "cfat_" + _r(rng, ALNUM, 40) + _r(rng, HEX, 8)),
        Key("cloudflare-cfk", "CLOUDFLARE_GLOBAL_API_KEY", "cfk_" + _r(rng, ALNUM, 40) + _r(rng, HEX, 8)),
        Key("cloudflare-legacy-token", "CLOUDFLARE_API_TOKEN", _r(rng, B64URL, 40)),
        Key("cloudflare-legacy-global", "CLOUDFLARE_API_KEY", _r(rng, HEX, 37)),
        Key("cloudflare-origin-ca", "CF_ORIGIN_CA_KEY", f"v1.0-{_r(rng, HEX, 24)}-{_r(rng, HEX, 146)}"),
        Key("mapbox-sk", "MAPBOX_SECRET_TOKEN", f"sk.{mapbox_head}.{_r(rng, B64URL, 22)}"),
        Key("mapbox-tk", "MAPBOX_TEMP_TOKEN", f"tk.{mapbox_head}.{_r(rng, B64URL, 22)}"),
        Key("google-client-secret", "GOOGLE_CLIENT_SECRET", "GOCSPX-" + _r(rng, B64URL, 28)),
        Key("google-access-token", "GOOGLE_ACCESS_TOKEN", "ya29." + _r(rng, B64URL, 120)),
        Key("google-refresh-token", "GOOGLE_REFRESH_TOKEN", "1//0" + _r(rng, B64URL, 99)),
        Key("github-ghp", "GITHUB_TOKEN", _github(rng, "p")),
        Key("github-gho", "GH_OAUTH_TOKEN", _github(rng, "o")),
        Key("github-ghu", "GITHUB_USER_TOKEN", _github(rng, "u")),
        Key("github-ghs", "GITHUB_APP_TOKEN", _github(rng, "s")),
        Key("github-ghr", "GITHUB_REFRESH_TOKEN", _github(rng, "r")),
        Key("github-fine-grained", "GH_PAT", f"github_pat_{_r(rng, ALNUM, 22)}_{_r(rng, ALNUM, 59)}"),
        Key(
            "slack-bot",
            "SLACK_BOT_TOKEN",
            f"xoxb-{rng.randint(10**10, 10**12)}-{rng.randint(10**11, 10**12)}-{_r(rng, ALNUM, 24)}",
        ),
        Key(
            "slack-user",
            "SLACK_USER_TOKEN",
            f"xoxp-{rng.randint(10**10, 10**12)}-{rng.randint(10**10, 10**12)}-{rng.randint(10**11, 10**12)}-{_r(rng, HEX, 32)}",
        ),
        Key(
            "slack-app",
            "SLACK_APP_TOKEN",
            f"xapp-1-A{_r(rng, UPPER + DIGITS, 10)}-{rng.randint(10**12, 10**13)}-{_r(rng, HEX, 64)}",
        ),
        Key("slack-config", "SLACK_CONFIG_TOKEN", f"xoxe.xoxp-1-{_r(rng, ALNUM, 160)}"),
        Key(
            "slack-webhook",
            "SLACK_WEBHOOK_URL",
            f"https://hooks.slack.com/services/T{_r(rng, UPPER + DIGITS, 10)}/B{_r(rng, UPPER + DIGITS, 10)}/{_r(rng, ALNUM, 24)}",
        ),
        Key("slack-signing", "SLACK_SIGNING_SECRET", _r(rng, HEX, 32)),
        Key("openai-project", "OPENAI_API_KEY", f"sk-proj-{_r(rng, B64URL, 74)}T3BlbkFJ{_r(rng, B64URL, 74)}"),
        Key("openai-svcacct", "OPENAI_SERVICE_KEY", f"sk-svcacct-{_r(rng, B64URL, 58)}T3BlbkFJ{_r(rng, B64URL, 58)}"),
        Key("openai-admin", "OPENAI_ADMIN_KEY", f"sk-admin-{_r(rng, B64URL, 58)}T3BlbkFJ{_r(rng, B64URL, 58)}"),
        Key("openai-legacy", "OPENAI_KEY", f"sk-{_r(rng, ALNUM, 20)}T3BlbkFJ{_r(rng, ALNUM, 20)}"),
        Key("anthropic-api", "ANTHROPIC_API_KEY", f"sk-ant-api03-{_r(rng, B64URL, 93)}AA"),
        Key("anthropic-admin", "ANTHROPIC_ADMIN_KEY", f"sk-ant-admin01-{_r(rng, B64URL, 93)}AA"),
        Key("twilio-auth-token", "TWILIO_AUTH_TOKEN", _r(rng, HEX, 32)),
        Key("twilio-api-secret", "TWILIO_API_SECRET", _r(rng, ALNUM, 32)),
        Key("nextauth-secret", "NEXTAUTH_SECRET", base64.b64encode(rng.randbytes(32)).decode()),
        Key("authjs-secret", "AUTH_SECRET", rng.randbytes(32).hex()),
        Key("jwt-secret", "JWT_SECRET", rng.randbytes(32).hex()),
        Key("fernet", "FERNET_KEY", base64.urlsafe_b64encode(rng.randbytes(32)).decode()),
        Key("upstash-token", "UPSTASH_REDIS_REST_TOKEN", "A" + _r(rng, ALNUM, 3) + "ASQgODU" + _r(rng, B64URL, 50)),
        Key("qstash-token", "QSTASH_TOKEN", qstash_payload),
        Key("qstash-signing", "QSTASH_CURRENT_SIGNING_KEY", "sig_" + _r(rng, ALNUM, 28)),
        Key("npm", "NPM_TOKEN", "npm_" + _r(rng, ALNUM, 36)),
        Key("pypi", "PYPI_API_TOKEN", "pypi-AgEIcHlwaS5vcmc" + _r(rng, B64URL, 120)),
        Key("heroku-uuid", "HEROKU_API_KEY", str(uuid.UUID(int=rng.getrandbits(128)))),
        Key("db-password", "DB_PASSWORD", _password(rng)),
        Key("smtp-password", "SMTP_PASSWORD", _password(rng, 16)),
        Key("redis-password", "REDIS_PASSWORD", _password(rng, 24)),
    ]


def make_pem(rng: random.Random, label: str) -> str:
    body = base64.b64encode(rng.randbytes(rng.choice((900, 1190)))).decode()
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "\n".join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----"])


# --- decoy generators -------------------------------------------------------------------


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _sha1(rng: random.Random) -> str:
    return hashlib.sha1(rng.randbytes(16)).hexdigest()


def _sha256(rng: random.Random) -> str:
    return hashlib.sha256(rng.randbytes(16)).hexdigest()


def _sri(rng: random.Random) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(rng.randbytes(16)).digest()).decode()


def _image(rng: random.Random, mime: str = "image/png") -> str:
    return f"data:{mime};base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + rng.randbytes(300)).decode()


def _anon_jwt(rng: random.Random) -> str:
    now = 1_760_000_000
    return _jwt(
        rng, {"iss": "supabase", "ref": _r(rng, LOWER, 20), "role": "anon", "iat": now, "exp": now + 315_360_000}
    )


def public_values(rng: random.Random) -> list[tuple[str, str]]:
    """Public-by-design values, with the (public) variable names they live in."""
    return [
        ("NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY", "pk_live_51" + _r(rng, ALNUM, 97)),
        ("NEXT_PUBLIC_POSTHOG_KEY", "phc_" + _r(rng, ALNUM, 43)),
        (
            "NEXT_PUBLIC_MAPBOX_TOKEN",
            f"pk.{_b64url(json.dumps({'u': 'acme', 'a': _r(rng, LOWER, 25)}).encode())}.{_r(rng, B64URL, 22)}",
        ),
        ("NEXT_PUBLIC_GA_MEASUREMENT_ID", "G-" + _r(rng, UPPER + DIGITS, 10)),
        (
            "NEXT_PUBLIC_SENTRY_DSN",
            f"https://{_r(rng, HEX, 32)}@o{rng.randint(10**5, 10**7)}.ingest.sentry.io/{rng.randint(10**5, 10**7)}",
        ),
        ("NEXT_PUBLIC_SUPABASE_ANON_KEY", _anon_jwt(rng)),
        ("NEXT_PUBLIC_FIREBASE_API_KEY", "AIza" + _r(rng, B64URL, 35)),
        (
            "GOOGLE_CLIENT_ID",
            f"{rng.randint(10**11, 10**12 - 1)}-{_r(rng, LOWER + DIGITS, 32)}.apps.googleusercontent.com",
        ),
        ("TWILIO_ACCOUNT_SID", "AC" + _r(rng, HEX, 32)),
        ("STRIPE_PRICE_ID", "price_1" + _r(rng, ALNUM, 23)),
        ("STRIPE_PRODUCT_ID", "prod_" + _r(rng, ALNUM, 14)),
        ("STRIPE_CUSTOMER_ID", "cus_" + _r(rng, ALNUM, 14)),
        ("STRIPE_CONNECT_ACCOUNT", "acct_1" + _r(rng, ALNUM, 15)),
    ]


# A scanner must not report these: lookups, templates and the vendors' own documented
# examples. Built by concatenation where a literal would look like a key to a scanner
# reading this file.
PLACEHOLDERS = [
    "sk" + "_live_xxxxxxxxxxxxxxxxxxxxxxxx",
    "<your-api-key>",
    "${STRIPE_SECRET_KEY}",
    "your-secret-here",
    "changeme",
    "REPLACE_ME",
    "sk-" + "...",
    "xoxb-your-bot-token",
    "ghp_" + "x" * 36,
    "AKIA" + "IOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY",
    "********",
    "",
]


# --- file building ----------------------------------------------------------------------


class FileBuilder:
    def __init__(self, corpus: Corpus, rel: str) -> None:
        self.corpus = corpus
        self.rel = rel
        self.lines: list[str] = []

    def line(self, text: str = "") -> None:
        self.lines.extend(text.split("\n"))

    def secret(self, text: str, kind: str) -> None:
        start = len(self.lines) + 1
        self.line(text)
        self.corpus.planted.append((self.rel, start, len(self.lines), kind))

    def decoy(self, text: str) -> None:
        start = len(self.lines) + 1
        self.line(text)
        self.corpus.decoys.setdefault(self.rel, set()).update(range(start, len(self.lines) + 1))

    def write(self) -> None:
        path = self.corpus.root / self.rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(self.lines) + "\n", encoding="utf-8")


class Corpus:
    def __init__(self, root: Path, seed: int) -> None:
        self.root = root
        self.rng = random.Random(seed)
        self.keys = make_keys(self.rng)
        # Each seed puts each format in different syntaxes.
        self.rng.shuffle(self.keys)
        self.planted: list[tuple[str, int, int, str]] = []
        self.decoys: dict[str, set[int]] = {}
        self._cursor = 0

    def take(self, n: int, *, only: Callable[[Key], bool] | None = None) -> list[Key]:
        """The next ``n`` keys, round robin, so every format lands in several syntaxes."""
        pool = [k for k in self.keys if only is None or only(k)]
        out = [pool[(self._cursor + i) % len(pool)] for i in range(n)]
        self._cursor += n
        return out

    def file(self, rel: str) -> FileBuilder:
        return FileBuilder(self, rel)

    def score(self, reported: Iterable[tuple[str, int]]) -> Score:
        seen = {(p, line) for p, line in reported}
        by_path: dict[str, set[int]] = {}
        for p, line in seen:
            by_path.setdefault(p, set()).add(line)
        hits = 0
        missed: list[tuple[str, int, str]] = []
        planted_lines: set[tuple[str, int]] = set()
        for rel, start, end, kind in self.planted:
            span = range(start, end + 1)
            planted_lines.update((rel, n) for n in span)
            if any(n in by_path.get(rel, ()) for n in span):
                hits += 1
            else:
                missed.append((rel, start, kind))
        false_alarms = sorted(x for x in seen if x not in planted_lines)
        return Score(hits, len(self.planted), missed, false_alarms)


def _camel(env: str) -> str:
    first, *rest = env.lower().split("_")
    return first + "".join(w.capitalize() for w in rest)


def _pascal(env: str) -> str:
    return "".join(w.capitalize() for w in env.lower().split("_"))


def _dotted(env: str) -> str:
    return env.lower().replace("_", ".")


def _kebab(env: str) -> str:
    return env.lower().replace("_", "-")


def _simple(k: Key) -> bool:
    # Values every syntax can hold unquoted or in a URL without escaping.
    return all(c in ALNUM + "-_." for c in k.value)


# --- the syntaxes -----------------------------------------------------------------------


def _terraform(c: Corpus) -> None:
    f = c.file("infra/main.tf")
    aws_id = next(k for k in c.keys if k.kind == "aws-akia")
    aws_secret = next(k for k in c.keys if k.kind == "aws-secret")
    f.line('terraform {\n  required_version = ">= 1.5"\n}\n')
    f.line('provider "aws" {\n  region     = "eu-west-1"')
    f.secret(f'  access_key = "{aws_id.value}"', aws_id.kind)
    f.secret(f'  secret_key = "{aws_secret.value}"', aws_secret.kind)
    f.line("}\n")
    for k in c.take(6):
        f.line(f'variable "{k.env.lower()}" {{\n  type      = string\n  sensitive = true')
        f.secret(f'  default   = "{k.value}"', k.kind)
        f.line("}\n")
    f.line('resource "aws_db_instance" "main" {\n  engine   = "postgres"\n  username = "app"')
    f.decoy("  password = var.db_password")
    f.decoy('  ami      = "ami-0' + _r(c.rng, HEX, 16) + '"')
    f.decoy(f'  source_code_hash = "{base64.b64encode(hashlib.sha256(c.rng.randbytes(8)).digest()).decode()}"')
    f.decoy(f'  kms_key_id = "arn:aws:kms:eu-west-1:{c.rng.randint(10**11, 10**12 - 1)}:key/{_uuid(c.rng)}"')
    f.line("}\n")
    for k in c.take(3):
        f.line(f'resource "kubernetes_secret" "{k.env.lower()}" {{\n  data = {{')
        f.secret(f'    {k.env.lower()} = "{k.value}"', k.kind)
        f.line("  }\n}\n")
    f.line("locals {")
    f.secret(f"  tls_key = <<-EOT\n{make_pem(c.rng, 'RSA PRIVATE KEY')}\n  EOT", "pem-terraform-heredoc")
    f.decoy(f'  commit = "{_sha1(c.rng)}"')
    f.line("}")
    f.write()


def _kubernetes(c: Corpus) -> None:
    f = c.file("k8s/secret.yaml")
    f.line("apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secrets")
    f.decoy(f"  uid: {_uuid(c.rng)}")
    f.line("type: Opaque\nstringData:")
    for k in c.take(5):
        f.secret(f'  {k.env}: "{k.value}"', k.kind)
    f.line("data:")
    for k in c.take(4):
        f.secret(f"  {k.env}: {base64.b64encode(k.value.encode()).decode()}", k.kind + "/base64")
    f.line(
        "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web"
    )
    f.decoy(f"          image: ghcr.io/acme/web@sha256:{_sha256(c.rng)}")
    f.line("          env:")
    for k in c.take(3):
        f.line(f"            - name: {k.env}")
        f.secret(f'              value: "{k.value}"', k.kind)
    f.line(
        "            - name: DATABASE_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: db"
    )
    f.decoy("                  key: password")
    f.line("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:")
    f.decoy(f'  BUILD_SHA: "{_sha1(c.rng)}"')
    f.decoy(f'  REQUEST_ID_NAMESPACE: "{_uuid(c.rng)}"')
    f.decoy("  LOG_LEVEL: info")
    f.write()


def _helm(c: Corpus) -> None:
    f = c.file("charts/app/values.yaml")
    f.line("image:\n  repository: ghcr.io/acme/app")
    f.decoy(f'  tag: "{_sha1(c.rng)[:12]}"')
    f.line("podAnnotations:")
    f.decoy(f"  checksum/config: {_sha256(c.rng)}")
    f.line("postgresql:\n  auth:\n    username: app")
    pw = next(k for k in c.keys if k.kind == "db-password")
    f.secret(f'    password: "{pw.value}"', pw.kind)
    f.decoy('    existingSecret: ""')
    f.line("secrets:")
    for k in c.take(5):
        f.secret(f"  {_camel(k.env)}: {json.dumps(k.value)}", k.kind)
    f.line("stripe:")
    k = next(x for x in c.keys if x.kind == "stripe-whsec-hex")
    f.secret(f"  webhookSecret: {k.value}", k.kind)
    f.decoy("  apiKey: '{{ .Values.global.stripeKey }}'")
    f.write()


def _github_actions(c: Corpus) -> None:
    f = c.file(".github/workflows/deploy.yml")
    f.line("name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:")
    for k in c.take(5):
        f.secret(f"      {k.env}: {k.value}" if _simple(k) else f"      {k.env}: '{k.value}'", k.kind)
    f.decoy("      STRIPE_KEY: ${{ secrets.STRIPE_SECRET_KEY }}")
    f.decoy("      NODE_ENV: production")
    f.line("    steps:")
    f.decoy(f"      - uses: actions/checkout@{_sha1(c.rng)}")
    f.line("      - run: npm ci\n      - run: ./deploy.sh\n        env:")
    for k in c.take(2):
        f.secret(f'          {k.env}: "{k.value}"', k.kind)
    f.decoy("          GITHUB_TOKEN: ${{ github.token }}")
    f.write()


def _dockerfile(c: Corpus) -> None:
    f = c.file("Dockerfile")
    f.decoy(f"FROM node:20-alpine@sha256:{_sha256(c.rng)}")
    f.decoy("ARG NPM_TOKEN")
    f.decoy("ENV NODE_ENV=production")
    for i, k in enumerate(c.take(6)):
        if i % 3 == 0:
            f.secret(f"ENV {k.env}={k.value}", k.kind)
        elif i % 3 == 1:
            f.secret(f"ENV {k.env} {k.value}", k.kind)
        else:
            f.secret(f'ARG {k.env}="{k.value}"', k.kind)
    f.decoy("RUN --mount=type=secret,id=npm,target=/root/.npmrc npm ci")
    f.line('CMD ["node", "server.js"]')
    f.write()


def _compose(c: Corpus) -> None:
    f = c.file("docker-compose.yml")
    f.line("services:\n  db:\n    image: postgres:16\n    environment:")
    pw = next(k for k in c.keys if k.kind == "redis-password")
    f.secret(f"      POSTGRES_PASSWORD: {pw.value}", pw.kind)
    f.decoy("      POSTGRES_DB: app")
    f.line("  web:\n    build: .\n    environment:")
    for k in c.take(5):
        f.secret(f"      - {k.env}={k.value}", k.kind)
    f.decoy("      - STRIPE_SECRET_KEY=${STRIPE_SECRET_KEY}")
    f.decoy("      - SESSION_SECRET=${SESSION_SECRET:?set it in .env}")
    f.line("  worker:\n    image: acme/worker\n    environment:")
    for k in c.take(4):
        f.secret(f'      {k.env}: "{k.value}"', k.kind)
    f.decoy("      DB_PASSWORD_FILE: /run/secrets/db_password")
    f.write()


def _package_credentials(c: Corpus) -> None:
    npm = next(k for k in c.keys if k.kind == "npm")
    f = c.file(".npmrc")
    f.decoy("registry=https://registry.npmjs.org/")
    f.secret(f"//registry.npmjs.org/:_authToken={npm.value}", npm.kind)
    gh = next(k for k in c.keys if k.kind == "github-ghp")
    f.secret(f"//npm.pkg.github.com/:_authToken={gh.value}", gh.kind)
    f.decoy("//npm.acme.dev/:_authToken=${NPM_TOKEN}")
    f.write()
    pypi = next(k for k in c.keys if k.kind == "pypi")
    f = c.file(".pypirc")
    f.line("[distutils]\nindex-servers =\n    pypi\n    private\n\n[pypi]\nusername = __token__")
    f.secret(f"password = {pypi.value}", pypi.kind)
    f.line("\n[private]\nrepository = https://pypi.acme.dev/\nusername = deploy")
    f.secret(f"password = {_password(c.rng)}", "pypirc-password")
    f.write()
    f = c.file("ops/.netrc")
    f.secret(
        f"machine api.heroku.com\n  login ops@acme.dev\n  password {next(k for k in c.keys if k.kind == 'heroku-uuid').value}",
        "netrc-heroku",
    )
    f.secret(f"machine github.com login acme-bot password {_github(c.rng, 'p')}", "netrc-github")
    f.write()


def _shell(c: Corpus) -> None:
    f = c.file("scripts/deploy.sh")
    f.line("#!/usr/bin/env bash\nset -euo pipefail\n")
    for k in c.take(5):
        f.secret(f"export {k.env}='{k.value}'", k.kind)
    f.decoy('export STRIPE_SECRET_KEY="$(vault kv get -field=key secret/stripe)"')
    f.decoy('export DATABASE_URL="postgres://${DB_USER}:${DB_PASSWORD}@db:5432/app"')
    bearer = _r(c.rng, B64URL, 48)
    f.secret(f'curl -sS https://api.acme.dev/v1/deploy -H "Authorization: Bearer {bearer}"', "curl-bearer")
    f.secret(f"curl -u deploy:{_url_password(c.rng)} https://ci.acme.dev/job/build", "curl-basic")
    k = next(x for x in c.keys if x.kind == "openai-project")
    f.secret(f"curl https://api.openai.com/v1/models \\\n  -H 'Authorization: Bearer {k.value}'", k.kind)
    f.decoy('curl -H "Authorization: Bearer $API_TOKEN" https://api.acme.dev/v1/me')
    f.decoy('curl -u "$USER:$PASS" https://ci.acme.dev/')
    f.decoy(f"git checkout {_sha1(c.rng)}")
    f.decoy(f"echo '{_sha256(c.rng)}  app.tar.gz' | sha256sum -c")
    f.write()


def _notebook(c: Corpus) -> None:
    keys = c.take(4)
    f = c.file("notebooks/analysis.ipynb")
    f.line(
        '{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": 1,\n   "metadata": {},\n   "outputs": [],\n   "source": ['
    )
    f.line('    "import os\\n",\n    "import openai\\n",')
    for k in keys:
        f.secret(f"    {json.dumps(f'{k.env.lower()} = {k.value!r}' + chr(10))},", k.kind)
    f.decoy(f"    {json.dumps('token = os.environ[' + repr('HF_TOKEN') + ']' + chr(10))},")
    f.line(
        '    "print(1)"\n   ]\n  },\n  {\n   "cell_type": "code",\n   "execution_count": 2,\n   "metadata": {},\n   "outputs": [\n    {\n     "data": {'
    )
    f.decoy(f'      "image/png": "{_image(c.rng)[len("data:image/png;base64,") :]}",')
    f.line(
        '      "text/plain": ["<Figure>"]\n     },\n     "metadata": {},\n     "output_type": "display_data"\n    }\n   ],\n   "source": ["plot()"]\n  }\n ],'
    )
    f.line(
        ' "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},\n "nbformat": 4,\n "nbformat_minor": 5\n}'
    )
    f.write()


def _java_properties(c: Corpus) -> None:
    f = c.file("src/main/resources/application.properties")
    f.line("spring.application.name=orders\nserver.port=8080")
    f.decoy("spring.datasource.password=${DB_PASSWORD}")
    for k in c.take(5):
        f.secret(f"{_dotted(k.env)}={k.value}", k.kind)
    pw = _url_password(c.rng)
    f.secret(
        f"spring.datasource.url=jdbc:postgresql://db.acme.internal:5432/orders?user=orders&password={pw}",
        "jdbc-password",
    )
    f.decoy(f"app.build.commit={_sha1(c.rng)}")
    f.decoy("app.password.min-length=12")
    f.write()
    f = c.file("src/main/resources/application.yml")
    f.line("spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/app\n    username: app")
    f.secret(f"    password: {_password(c.rng)}", "spring-password")
    f.line("  security:\n    oauth2:\n      client:\n        registration:\n          google:")
    f.decoy("            client-id: ${GOOGLE_CLIENT_ID}")
    gcs = next(k for k in c.keys if k.kind == "google-client-secret")
    f.secret(f"            client-secret: {gcs.value}", gcs.kind)
    f.line("app:")
    for k in c.take(3):
        f.secret(f"  {_kebab(k.env)}: {json.dumps(k.value)}", k.kind)
    f.decoy("  jwt-secret: ${JWT_SECRET}")
    f.write()


def _dotnet(c: Corpus) -> None:
    keys = c.take(4)
    f = c.file("src/Api/appsettings.json")
    f.line('{\n  "Logging": { "LogLevel": { "Default": "Information" } },\n  "ConnectionStrings": {')
    f.secret(
        f'    "Default": "Server=tcp:acme.database.windows.net,1433;Database=orders;User ID=api;Password={_password(c.rng)};Encrypt=True;"',
        "sqlserver-connstring",
    )
    f.line('  },\n  "Stripe": {')
    f.decoy('    "PublishableKey": "' + public_values(c.rng)[0][1] + '",')
    f.line('    "Mode": "live"\n  },\n  "Secrets": {')
    for k in keys:
        f.secret(f'    "{_pascal(k.env)}": "{k.value}",', k.kind)
    f.decoy(f'    "InstanceId": "{_uuid(c.rng)}"')
    f.line("  }\n}")
    f.write()
    f = c.file("src/Api/Payments.cs")
    f.line("namespace Acme.Api;\n\npublic static class Payments\n{")
    for k in c.take(3):
        f.secret(f'    private const string {_pascal(k.env)} = "{k.value}";', k.kind)
    f.decoy('    private static readonly string ApiKey = Environment.GetEnvironmentVariable("STRIPE_SECRET_KEY");')
    f.decoy('    public const string PasswordLabel = "Password";')
    f.line("}")
    f.write()


def _languages(c: Corpus) -> None:
    f = c.file("cmd/server/main.go")
    f.line('package main\n\nimport "os"\n\nconst (')
    for k in c.take(3):
        f.secret(f'\t{_camel(k.env)} = "{k.value}"', k.kind)
    f.line(")\n\nvar (")
    k = c.take(1)[0]
    f.secret(f"\t{_pascal(k.env)} = `{k.value}`", k.kind)
    f.decoy('\tdbPassword = os.Getenv("DB_PASSWORD")')
    f.decoy(f'\tbuildCommit = "{_sha1(c.rng)}"')
    f.line(")\n\nfunc main() {")
    pw = _url_password(c.rng)
    f.secret(f'\tdsn := "postgres://app:{pw}@db.internal:5432/app?sslmode=require"', "go-dsn")
    f.line("\t_ = dsn\n}")
    f.write()

    f = c.file("src/config.rs")
    for k in c.take(3):
        f.secret(f'pub const {k.env}: &str = "{k.value}";', k.kind)
    k = c.take(1)[0]
    f.secret(f'static {k.env}: &str = r#"{k.value}"#;', k.kind)
    f.decoy('let key = std::env::var("STRIPE_SECRET_KEY").expect("STRIPE_SECRET_KEY");')
    f.decoy(f'const SCHEMA_ID: &str = "{_uuid(c.rng)}";')
    f.write()

    f = c.file("config/initializers/services.rb")
    for k in c.take(3):
        f.secret(f"{k.env} = '{k.value}'.freeze", k.kind)
    k = c.take(1)[0]
    f.secret(f'Stripe.api_key = "{k.value}"', k.kind)
    f.decoy("Stripe.api_key = ENV.fetch('STRIPE_SECRET_KEY')")
    f.decoy("config.secret_key_base = Rails.application.credentials.secret_key_base")
    f.write()

    f = c.file("config/services.php")
    f.line("<?php\n\nreturn [")
    for k in c.take(3):
        f.secret(f"    '{k.env.lower()}' => '{k.value}',", k.kind)
    f.decoy("    'stripe_secret' => env('STRIPE_SECRET'),")
    f.line("];")
    f.secret(f"define('DB_PASSWORD', '{_password(c.rng)}');", "php-define")
    f.decoy("define('AUTH_KEY', 'put your unique phrase here');")
    f.write()

    f = c.file("app/src/main/kotlin/acme/Secrets.kt")
    f.line("package acme\n\nobject Secrets {")
    for k in c.take(3):
        f.secret(f'    const val {k.env} = "{k.value}"', k.kind)
    f.decoy('    val stripeKey: String = System.getenv("STRIPE_SECRET_KEY") ?: ""')
    f.line("}")
    f.write()

    f = c.file("ios/Acme/Keys.swift")
    f.line("enum Keys {")
    for k in c.take(3):
        f.secret(f'    static let {_camel(k.env)} = "{k.value}"', k.kind)
    f.decoy('    static let apiKey = ProcessInfo.processInfo.environment["API_KEY"] ?? ""')
    f.decoy('    static let accentColor = "#1E90FF"')
    f.line("}")
    f.write()

    f = c.file("app/settings.py")
    for k in c.take(4):
        f.secret(f'{k.env} = "{k.value}"', k.kind)
    f.decoy('STRIPE_SECRET_KEY = os.environ["STRIPE_SECRET_KEY"]')
    f.decoy('SECRET_KEY = os.getenv("DJANGO_SECRET_KEY", "")')
    f.secret(
        f'CELERY_BROKER_URL = "amqp://celery:{_url_password(c.rng)}@rabbitmq.internal:5672/prod"',
        "amqp-url",
    )
    f.secret(
        f'CACHES = {{"default": {{"LOCATION": "redis://:{_url_password(c.rng)}@cache.internal:6379/0"}}}}',
        "redis-url",
    )
    f.decoy('AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]')
    f.write()

    f = c.file("web/src/config.ts")
    f.line("export const config = {")
    for k in c.take(4):
        f.secret(f"  {_camel(k.env)}: '{k.value}',", k.kind)
    f.decoy("  stripeKey: process.env.STRIPE_SECRET_KEY!,")
    f.decoy("  openaiKey: import.meta.env.VITE_OPENAI_KEY,")
    f.secret(
        f"  mongoUri: 'mongodb+srv://admin:{_url_password(c.rng)}@cluster0.{_r(c.rng, LOWER + DIGITS, 5)}.mongodb.net/app?retryWrites=true',",
        "mongodb-srv-url",
    )
    f.line("};")
    f.write()


def _sql(c: Corpus) -> None:
    f = c.file("db/seed.sql")
    f.line("CREATE TABLE integrations (id uuid primary key, provider text, api_key text);")
    for k in c.take(4):
        f.secret(
            f"INSERT INTO integrations (id, provider, api_key) VALUES ('{_uuid(c.rng)}', '{k.kind.split('-')[0]}', '{k.value}');",
            k.kind,
        )
    bcrypt = "$2b$12$" + _r(c.rng, ALNUM + "./", 53)
    f.decoy(f"INSERT INTO users (id, email, password_hash) VALUES ('{_uuid(c.rng)}', 'a@acme.dev', '{bcrypt}');")
    f.secret(f"CREATE USER reporting WITH PASSWORD '{_password(c.rng)}';", "sql-create-user")
    f.decoy("ALTER USER app WITH PASSWORD :'app_password';")
    f.write()


def _xml(c: Corpus) -> None:
    f = c.file("src/Web/web.config")
    f.line('<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>')
    for k in c.take(4):
        f.secret(f'    <add key="{_pascal(k.env)}" value="{k.value}" />', k.kind)
    f.decoy('    <add key="StripeSecretKey" value="#{StripeSecretKey}#" />')
    f.decoy(f'    <add key="AssemblyGuid" value="{_uuid(c.rng)}" />')
    f.line("  </appSettings>\n</configuration>")
    f.write()
    f = c.file(".m2/settings.xml")
    f.line("<settings>\n  <servers>\n    <server>\n      <id>acme-releases</id>\n      <username>deploy</username>")
    f.secret(f"      <password>{_password(c.rng)}</password>", "maven-password")
    f.line("    </server>\n    <server>\n      <id>central</id>\n      <username>${env.MAVEN_USER}</username>")
    f.decoy("      <password>${env.MAVEN_PASSWORD}</password>")
    f.line("    </server>\n  </servers>\n</settings>")
    f.write()


def _ini_toml(c: Corpus) -> None:
    f = c.file("config/app.ini")
    f.line("[database]\nhost = db.internal\nuser = app")
    f.secret(f"password = {_password(c.rng)}", "ini-password")
    f.line("\n[integrations]")
    for k in c.take(4):
        f.secret(f"{k.env.lower()} = {k.value}", k.kind)
    f.decoy("password = %(DB_PASSWORD)s")
    f.decoy(f"checksum = {_sha256(c.rng)}")
    f.write()
    f = c.file("config/production.toml")
    f.line('[server]\nhost = "0.0.0.0"\nport = 8080\n\n[secrets]')
    for k in c.take(4):
        f.secret(f'{k.env.lower()} = "{k.value}"', k.kind)
    f.decoy('api_key = "${API_KEY}"')
    f.decoy(f'instance_id = "{_uuid(c.rng)}"')
    f.write()


def _markdown(c: Corpus) -> None:
    f = c.file("docs/SETUP.md")
    f.line("# Setup\n\nCopy the values below into your shell.\n\n```bash")
    for k in c.take(3):
        f.secret(f"export {k.env}={k.value}" if _simple(k) else f'export {k.env}="{k.value}"', k.kind)
    f.line("```\n\nIn Python:\n\n```python")
    k = c.take(1)[0]
    f.secret(f'client = Client(api_key="{k.value}")', k.kind)
    f.line("```\n\nReplace the placeholders:\n\n```env")
    f.decoy("STRIPE_SECRET_KEY=" + PLACEHOLDERS[0])
    f.decoy("OPENAI_API_KEY=<your-api-key>")
    f.decoy("AWS_ACCESS_KEY_ID=" + PLACEHOLDERS[9])
    f.decoy("AWS_SECRET_ACCESS_KEY=" + PLACEHOLDERS[10])
    f.line("```\n")
    f.decoy(f"Released in commit {_sha1(c.rng)}; see ![logo]({_image(c.rng)}).")
    f.write()


def _powershell(c: Corpus) -> None:
    f = c.file("scripts/setup.ps1")
    for k in c.take(4):
        f.secret(f'$env:{k.env} = "{k.value}"', k.kind)
    k = c.take(1)[0]
    f.secret(f"[Environment]::SetEnvironmentVariable('{k.env}', '{k.value}', 'User')", k.kind)
    f.decoy("$env:STRIPE_SECRET_KEY = (Get-Secret -Name StripeKey -AsPlainText)")
    f.decoy("$password = Read-Host -AsSecureString 'Password'")
    f.write()


def _makefile(c: Corpus) -> None:
    f = c.file("Makefile")
    for k in c.take(3):
        f.secret(f"{k.env} ?= {k.value}", k.kind)
    k = c.take(1)[0]
    f.secret(f"export {k.env} := {k.value}", k.kind)
    f.decoy("DOCKER_TAG ?= $(shell git rev-parse --short HEAD)")
    f.line("\ndeploy:")
    f.secret(
        f"\tcurl -fsS -H 'Authorization: Bearer {_r(c.rng, B64URL, 40)}' https://deploy.acme.dev/hooks/web",
        "make-curl-bearer",
    )
    f.decoy('\tcurl -H "Authorization: Bearer $(DEPLOY_TOKEN)" https://deploy.acme.dev/')
    f.write()


def _escaped_json(c: Corpus) -> None:
    f = c.file("fixtures/events.json")
    f.line("[")
    for k in c.take(3):
        inner = json.dumps({"provider": "acme", _camel(k.env): k.value})
        f.secret(f'  {{"id": "{_uuid(c.rng)}", "payload": {json.dumps(inner)}}},', k.kind)
    pem = make_pem(c.rng, "PRIVATE KEY")
    sa = {
        "type": "service_account",
        "project_id": "acme-prod",
        "private_key_id": _r(c.rng, HEX, 40),
        "private_key": pem + "\n",
        "client_email": "deploy@acme-prod.iam.gserviceaccount.com",
    }
    f.secret(f'  {{"id": "{_uuid(c.rng)}", "credentials": {json.dumps(sa)}}},', "pem-in-json")
    f.decoy(f'  {{"id": "{_uuid(c.rng)}", "payload": {json.dumps(json.dumps({"password": "", "token": "${TOKEN}"}))}}}')
    f.line("]")
    f.write()
    f = c.file("deploy/gcp-service-account.json")
    sa2 = dict(sa, private_key=make_pem(c.rng, "PRIVATE KEY") + "\n", private_key_id=_r(c.rng, HEX, 40))
    f.line("{")
    items = list(sa2.items())
    for i, (name, value) in enumerate(items):
        text = f"  {json.dumps(name)}: {json.dumps(value)}{',' if i < len(items) - 1 else ''}"
        if name == "private_key":
            f.secret(text, "pem-in-json-file")
        elif name == "private_key_id":
            # The key's id names the key (a fingerprint); it grants nothing by itself.
            f.decoy(text)
        else:
            f.line(text)
    f.line("}")
    f.write()


def _minified(c: Corpus) -> None:
    f = c.file("public/assets/app.3f9a1c.min.js")
    vendor = ";".join(
        f'var a{i}="{_uuid(c.rng)}",b{i}="{_sri(c.rng)}",c{i}=function(e){{return e.map(function(t){{return t*{i}}})}}'
        for i in range(12)
    )
    f.decoy(vendor + f';var font="{_image(c.rng, "font/woff2")}";')
    for k in c.take(3):
        chunk = ";".join(f'function f{i}(n){{return n+"{_r(c.rng, LOWER, 6)}"}}' for i in range(20))
        f.secret(chunk + f';var cfg={{{_camel(k.env)}:"{k.value}",env:"production"}};' + chunk, k.kind)
    f.write()


def _pem_files(c: Corpus) -> None:
    f = c.file("deploy/keys/id_ed25519")
    f.secret(make_pem(c.rng, "OPENSSH PRIVATE KEY"), "pem-openssh")
    f.write()
    f = c.file("deploy/keys/tls.key")
    f.secret(make_pem(c.rng, "EC PRIVATE KEY"), "pem-ec")
    f.write()
    f = c.file("deploy/keys/tls.crt")
    f.decoy(make_pem(c.rng, "CERTIFICATE"))
    f.write()
    f = c.file("k8s/tls-secret.yaml")
    f.line("apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\ntype: kubernetes.io/tls\nstringData:")
    pem = make_pem(c.rng, "RSA PRIVATE KEY").replace("\n", "\n    ")
    f.secret(f"  tls.key: |\n    {pem}", "pem-yaml-block")
    f.write()


def _urls(c: Corpus) -> None:
    f = c.file(".env.production")
    for k in c.take(6):
        f.secret(f"{k.env}={k.value}", k.kind)
    f.secret(f"DATABASE_URL=postgres://app:{_url_password(c.rng)}@db.acme.internal:5432/app", "postgres-url")
    f.secret(f"REDIS_URL=rediss://default:{_url_password(c.rng)}@cache.upstash.io:6379", "rediss-url")
    gh = _github(c.rng, "p")
    f.secret(f"REPO_URL=https://acme-bot:{gh}@github.com/acme/infra.git", "https-token-url")
    for name, value in public_values(c.rng):
        f.decoy(f"{name}={value}")
    f.decoy("NEXT_PUBLIC_APP_URL=https://acme.dev")
    f.decoy("DATABASE_POOL_URL=postgres://app:${DB_PASSWORD}@pooler:6543/app")
    f.write()


def _decoy_files(c: Corpus) -> None:
    f = c.file(".env.example")
    for k in c.keys[:12]:
        f.decoy(f"{k.env}={c.rng.choice(PLACEHOLDERS)}")
    f.decoy("DATABASE_URL=postgres://user:password@localhost:5432/app")
    f.write()

    f = c.file("package-lock.json")
    f.line('{\n  "name": "web",\n  "lockfileVersion": 3,\n  "packages": {')
    for i in range(15):
        f.line(f'    "node_modules/pkg-{i}": {{')
        f.line(f'      "version": "1.{i}.0",')
        f.line(f'      "resolved": "https://registry.npmjs.org/pkg-{i}/-/pkg-{i}-1.{i}.0.tgz",')
        f.decoy(f'      "integrity": "{_sri(c.rng)}"')
        f.line("    },")
    f.line('    "node_modules/last": {"version": "1.0.0"}\n  }\n}')
    f.write()

    f = c.file("yarn.lock")
    for i in range(10):
        f.line(f'pkg-{i}@^2.{i}.0:\n  version "2.{i}.1"')
        f.decoy(f'  resolved "https://registry.yarnpkg.com/pkg-{i}/-/pkg-{i}-2.{i}.1.tgz#{_sha1(c.rng)}"')
        f.decoy(f"  integrity {_sri(c.rng)}")
    f.write()

    f = c.file("go.sum")
    for i in range(10):
        digest = base64.b64encode(hashlib.sha256(c.rng.randbytes(8)).digest()).decode()
        f.decoy(f"github.com/acme/mod{i} v1.{i}.0 h1:{digest}")
    f.write()

    f = c.file("Cargo.lock")
    for i in range(8):
        f.line(
            f'[[package]]\nname = "crate{i}"\nversion = "0.{i}.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"'
        )
        f.decoy(f'checksum = "{_sha256(c.rng)}"')
        f.line("")
    f.write()

    f = c.file("poetry.lock")
    for i in range(6):
        f.line(f'[[package]]\nname = "lib{i}"\nversion = "1.0.{i}"\nfiles = [')
        f.decoy(f'    {{file = "lib{i}-1.0.{i}-py3-none-any.whl", hash = "sha256:{_sha256(c.rng)}"}},')
        f.line("]\n")
    f.write()

    f = c.file("web/src/styles.css")
    f.line(":root {")
    for name in ("primary", "secondary", "accent", "muted"):
        f.decoy(f"  --color-{name}: #{_r(c.rng, HEX, 6)};")
    f.line("}")
    f.decoy(f"@font-face {{ font-family: Inter; src: url({_image(c.rng, 'font/woff2')}) format('woff2'); }}")
    f.decoy(f".logo {{ background-image: url({_image(c.rng)}); }}")
    f.write()

    f = c.file("web/public/locales/de.json")
    f.line("{")
    for key, text in (
        ("password", "Passwort"),
        ("passwordForgot", "Passwort vergessen?"),
        ("token_expired", "Ihr Zugangstoken ist abgelaufen. Bitte melden Sie sich erneut an."),
        ("secret_hint", "Geben Sie Ihren geheimen Schlüssel nicht weiter"),
        ("api_key_label", "API-Schlüssel"),
    ):
        f.decoy(f'  "{key}": "{text}",')
    f.line('  "ok": "OK"\n}')
    f.write()

    f = c.file("tests/fixtures/aws_test.py")
    f.decoy('AWS_ACCESS_KEY_ID = "' + PLACEHOLDERS[9] + '"')
    f.decoy('AWS_SECRET_ACCESS_KEY = "' + PLACEHOLDERS[10] + '"')
    f.decoy('STRIPE_SECRET_KEY = "' + PLACEHOLDERS[0] + '"')
    f.decoy('GITHUB_TOKEN = "' + PLACEHOLDERS[8] + '"')
    f.decoy('password = "<your-password>"')
    f.decoy(f'REQUEST_ID = "{_uuid(c.rng)}"')
    f.decoy(f'EXPECTED_SHA256 = "{_sha256(c.rng)}"')
    f.decoy(f'EXPECTED_SHA512 = "{hashlib.sha512(c.rng.randbytes(8)).hexdigest()}"')
    f.write()

    f = c.file("billing/catalog.py")
    for name, value in public_values(c.rng)[9:]:
        f.decoy(f'{name} = "{value}"')
    f.decoy(f'PLANS = {{"pro": "price_1{_r(c.rng, ALNUM, 23)}", "team": "price_1{_r(c.rng, ALNUM, 23)}"}}')
    f.write()

    f = c.file("web/src/lib/public.ts")
    for name, value in public_values(c.rng)[:7]:
        f.decoy(f'export const {_camel(name)} = "{value}";')
    f.decoy(
        "export const firebaseConfig = { apiKey: "
        f'"AIza{_r(c.rng, B64URL, 35)}", authDomain: "acme.firebaseapp.com", appId: "1:{c.rng.randint(10**11, 10**12)}:web:{_r(c.rng, HEX, 22)}" }};'
    )
    f.write()

    f = c.file("CHANGELOG.md")
    f.line("# Changelog\n")
    for _ in range(6):
        f.decoy(
            f"* {_sha1(c.rng)[:7]} fix retries ([{_sha1(c.rng)}](https://github.com/acme/web/commit/{_sha1(c.rng)}))"
        )
    f.write()


def _more_ops(c: Corpus) -> None:
    ca = base64.b64encode(make_pem(c.rng, "CERTIFICATE").encode()).decode()
    client_key = base64.b64encode(make_pem(c.rng, "RSA PRIVATE KEY").encode()).decode()
    sa_claims = {
        "iss": "kubernetes/serviceaccount",
        "kubernetes.io/serviceaccount/namespace": "ci",
        "kubernetes.io/serviceaccount/service-account.name": "deployer",
        "sub": "system:serviceaccount:ci:deployer",
    }
    f = c.file("ops/kubeconfig.yaml")
    f.line("apiVersion: v1\nkind: Config\nclusters:\n  - name: prod\n    cluster:")
    f.decoy(f"        certificate-authority-data: {ca}")
    f.line("        server: https://10.0.0.1:6443\nusers:\n  - name: admin\n    user:")
    f.decoy(f"        client-certificate-data: {ca}")
    f.secret(f"        client-key-data: {client_key}", "kubeconfig-client-key")
    f.line("  - name: deployer\n    user:")
    f.secret(f"        token: {_jwt(c.rng, sa_claims)}", "k8s-serviceaccount-jwt")
    f.write()

    f = c.file("k8s/sealed-secret.yaml")
    f.line("apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: app\nspec:\n  encryptedData:")
    for name in ("DB_PASSWORD", "STRIPE_SECRET_KEY", "API_TOKEN"):
        # kubeseal's layout: a 2-byte length of the RSA-4096-wrapped session key first
        f.decoy(f"    {name}: {base64.b64encode(bytes((2, 0)) + c.rng.randbytes(600)).decode()}")
    f.write()

    f = c.file("secrets/prod.enc.yaml")
    for name in ("db_password", "api_token"):
        data = base64.b64encode(c.rng.randbytes(24)).decode()
        iv = base64.b64encode(c.rng.randbytes(32)).decode()
        tag = base64.b64encode(c.rng.randbytes(16)).decode()
        f.decoy(f"{name}: ENC[AES256_GCM,data:{data},iv:{iv},tag:{tag},type:str]")
    f.line("sops:\n  version: 3.8.1")
    f.write()

    f = c.file("deploy/authorized_keys")
    f.decoy(f"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{base64.b64encode(c.rng.randbytes(32)).decode()} ops@acme")
    f.decoy(f"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ{base64.b64encode(c.rng.randbytes(256)).decode()} ci@acme")
    f.write()

    f = c.file("web/public/.well-known/jwks.json")
    n = _b64url(c.rng.randbytes(256))
    f.decoy(
        f'{{"keys": [{{"kty": "RSA", "kid": "{_r(c.rng, HEX, 16)}", "use": "sig", "alg": "RS256", "n": "{n}", "e": "AQAB"}}]}}'
    )
    f.write()

    f = c.file("web/public/index.html")
    f.line("<!doctype html>\n<html>\n<head>")
    sha384 = base64.b64encode(hashlib.sha384(c.rng.randbytes(8)).digest()).decode()
    f.decoy(f'<script src="https://cdn.acme.dev/lib.js" integrity="sha384-{sha384}" crossorigin="anonymous"></script>')
    f.decoy(
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'nonce-{_r(c.rng, B64URL, 22)}' 'sha256-{base64.b64encode(hashlib.sha256(c.rng.randbytes(8)).digest()).decode()}'\">"
    )
    pk = public_values(c.rng)[0][1]
    f.decoy(f'<script>Stripe("{pk}");</script>')
    f.line("</head>\n</html>")
    f.write()

    f = c.file("infra/.terraform.lock.hcl")
    f.line('provider "registry.terraform.io/hashicorp/aws" {\n  version = "5.40.0"\n  hashes = [')
    f.decoy(f'    "h1:{base64.b64encode(hashlib.sha256(c.rng.randbytes(8)).digest()).decode()}",')
    for _ in range(4):
        f.decoy(f'    "zh:{_sha256(c.rng)}",')
    f.line("  ]\n}")
    f.write()

    f = c.file("infra/prod.tfvars")
    for k in c.take(4):
        f.secret(f'{k.env.lower()} = "{k.value}"', k.kind)
    f.decoy('region = "eu-west-1"')
    f.write()

    f = c.file("ansible/group_vars/prod.yml")
    f.line("ansible_user: deploy")
    f.secret(f"ansible_become_password: {_password(c.rng)}", "ansible-become")
    f.secret(f'mysql_root_password: "{_password(c.rng)}"', "ansible-mysql")
    f.decoy('app_secret: "{{ vault_app_secret }}"')
    f.decoy(
        "vault_app_secret: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  " + _r(c.rng, HEX, 64) + "\n  " + _r(c.rng, HEX, 64)
    )
    f.write()

    f = c.file("tools/sync.py")
    f.line("import requests\n")
    f.secret(f'resp = requests.post(URL, auth=("api", "{_password(c.rng, 32)}"), data=payload)', "requests-auth-tuple")
    f.secret(f'resp = requests.get(URL, headers={{"X-API-Key": "{_r(c.rng, ALNUM, 40)}"}})', "x-api-key-header")
    f.secret(f'client = Client(token="{_r(c.rng, B64URL, 48)}")', "kwarg-token")
    f.decoy('TOKEN_STORAGE_KEY = "auth_token"')
    f.decoy('resp = requests.get(URL, headers={"Authorization": f"Bearer {token}"})')
    f.decoy('PASSWORD_RESET_URL = "https://acme.dev/account/password/reset"')
    f.decoy(f'cache_key = "user:{_uuid(c.rng)}:profile"')
    f.write()

    f = c.file("scripts/release.sh")
    f.secret(f"echo building; docker login -u acme -p {_url_password(c.rng)} registry.acme.dev", "docker-login")
    glpat = "glpat-" + _r(c.rng, B64URL, 20)
    f.secret(f"git clone https://oauth2:{glpat}@gitlab.com/acme/infra.git", "gitlab-url")
    f.secret(f'curl -H "X-Api-Key: {_r(c.rng, HEX, 40)}" https://api.acme.dev/v2/status', "curl-x-api-key")
    f.decoy('docker login -u "$REGISTRY_USER" --password-stdin registry.acme.dev < token.txt')
    f.write()


SYNTAXES: list[Callable[[Corpus], None]] = [
    _more_ops,
    _terraform,
    _kubernetes,
    _helm,
    _github_actions,
    _dockerfile,
    _compose,
    _package_credentials,
    _shell,
    _notebook,
    _java_properties,
    _dotnet,
    _languages,
    _sql,
    _xml,
    _ini_toml,
    _markdown,
    _powershell,
    _makefile,
    _escaped_json,
    _minified,
    _pem_files,
    _urls,
    _decoy_files,
]


def build(root: Path, seed: int) -> Corpus:
    corpus = Corpus(root, seed)
    for write in SYNTAXES:
        write(corpus)
    return corpus


def detect_secrets_lines(root: Path) -> list[tuple[str, int]]:
    """What ``detect-secrets scan --all-files`` reports on the tree, as (path, line)."""
    exe = Path(sys.executable).with_name("detect-secrets")
    out = subprocess.run(
        [str(exe), "scan", "--all-files", "--no-verify"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    results: dict[str, list[dict[str, object]]] = json.loads(out)["results"]
    return [(path, int(str(item["line_number"]))) for path, items in results.items() for item in items]
