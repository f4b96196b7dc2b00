"""Provider credential and identifier formats: data plus small validators.

One table serves the schema types (``type: stripe-secret-key``), the exposure rules
(is this value secret by its shape?), the mode checks (test key in production) and the
scanner's detectors. Sources for every shape are in ``../shared/reference/key-formats.md``
and are cited per format in ``docs``.

Rules of thumb taken from the sources: prefix and character class are strong signals,
length is soft (Stripe and GitHub both say keys may grow), so patterns give ranges.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from envguard.core.record import Record

if TYPE_CHECKING:
    import random

LOWER = "abcdefghijklmnopqrstuvwxyz"
UPPER = LOWER.upper()
DIGITS = "0123456789"
ALNUM = LOWER + UPPER + DIGITS
HEX = "0123456789abcdef"
B64URL = ALNUM + "-_"
B64 = ALNUM + "+/"


def _pick(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


class FormatProblem(Record):
    """A shape that matches the pattern but fails a deeper check (checksum, claims)."""

    message: str
    warning: bool = False


class ProviderFormat(Record):
    name: str
    title: str
    provider: str
    pattern: str
    secret: bool
    docs: str
    # Prefixes that identify the format in text; used by the scanner's prefilter and by
    # wrong-provider detection. Empty for formats with no prefix (Datadog, Mistral).
    prefixes: tuple[str, ...] = ()
    # Maps a value to its mode ("live"/"test"/...) where the provider has modes.
    mode: Callable[[str], str | None] | None = None
    # Deeper validation; returns problems (empty when fine).
    check: Callable[[str], list[FormatProblem]] | None = None
    fake: Callable[[random.Random, str], str] | None = None
    # Whether a match identifies the provider. Prefixed formats do (by their prefix);
    # unprefixed ones only where the structure is unmistakable (a Sentry DSN, a Google
    # client ID). 32 hex characters say nothing about who issued them.
    distinctive: bool = False
    # A substring every value of a distinctive unprefixed format contains: a cheap test
    # before the pattern is compiled (identify() runs for many values on the hook path).
    needle: str | None = None

    def matches(self, value: str) -> bool:
        return re.fullmatch(self.pattern, value) is not None

    def validate(self, value: str) -> list[FormatProblem]:
        if not self.matches(value):
            return [FormatProblem(f"does not have the shape of a {self.title}")]
        if self.check is not None:
            return self.check(value)
        return []

    def matched_prefix(self, value: str) -> str | None:
        if not value.startswith(self.prefixes):
            return None
        return max((p for p in self.prefixes if value.startswith(p)), key=len)

    def mode_of(self, value: str) -> str | None:
        return self.mode(value) if self.mode is not None else None

    def generate(self, rng: random.Random, mode: str = "test") -> str:
        """A fake credential of this shape, for tests. Never a real key."""
        if self.fake is None:
            raise ValueError(f"no generator for {self.name}")
        return self.fake(rng, mode)


# --- validators ---------------------------------------------------------------------


def b64url_decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def jwt_claims(value: str) -> dict[str, object] | None:
    """The payload of a JWT, decoded but never verified; ``None`` if it is not one."""
    parts = value.split(".")
    if len(parts) != 3 or not value.startswith("eyJ"):
        return None
    try:
        header = json.loads(b64url_decode(parts[0]))
        payload = json.loads(b64url_decode(parts[1]))
    except (ValueError, binascii.Error):
        return None
    if not isinstance(header, dict) or not isinstance(payload, dict):
        return None
    return payload


def _jwt(rng: random.Random, claims: dict[str, object]) -> str:
    def enc(obj: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")

    return f"{enc({'alg': 'HS256', 'typ': 'JWT'})}.{enc(claims)}.{_pick(rng, B64URL, 43)}"


def _supabase_role(expected: str, new_prefix: str) -> Callable[[str], list[FormatProblem]]:
    def check(value: str) -> list[FormatProblem]:
        if value.startswith(new_prefix):
            return []
        if value.startswith("sb_"):
            return [FormatProblem(f"is a Supabase key of another kind (expected `{new_prefix}…`)")]
        claims = jwt_claims(value)
        if claims is None:
            return [FormatProblem("is not a decodable JWT")]
        role = claims.get("role")
        if role != expected:
            shown = role if role in ("anon", "service_role", "authenticated") else "another role"
            return [FormatProblem(f"is a Supabase JWT with role `{shown}`, expected `{expected}`")]
        return []

    return check


def _crc32_base62(data: str) -> str:
    n = zlib.crc32(data.encode()) & 0xFFFFFFFF
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = digits[r] + out
    return out.rjust(6, "0")


def _github_check(value: str) -> list[FormatProblem]:
    # Classic tokens end in a base62 CRC32 of their 30-character random part (GitHub blog,
    # "Behind GitHub's new authentication token formats").
    m = re.fullmatch(r"gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})", value)
    if m and _crc32_base62(m.group(1)) != m.group(2):
        return [FormatProblem("fails the GitHub token checksum (a mistyped or made-up token)")]
    return []


def _fake_github(rng: random.Random, mode: str) -> str:
    body = _pick(rng, ALNUM, 30)
    return f"gh{mode if mode in 'pousr' and len(mode) == 1 else 'p'}_{body}{_crc32_base62(body)}"


def _sentry_dsn_check(value: str) -> list[FormatProblem]:
    m = re.fullmatch(r"(https?)://([^:@/]+)(?::([^@/]+))?@([^/]+)(/.*)?/([^/?#]+)/?", value)
    if m is None:
        return [FormatProblem("is not a Sentry DSN (https://<key>@<host>/<project id>)")]
    if not re.fullmatch(r"[0-9a-f]{32}", m.group(2)):
        return [FormatProblem("has a public key that is not 32 hex characters")]
    if not m.group(6).isdigit():
        return [FormatProblem("has a project id that is not a number")]
    if m.group(3):
        return [
            FormatProblem(
                "carries the deprecated secret-key part; modern DSNs have only the public key",
                warning=True,
            )
        ]
    return []


def sentry_dsn_parts(value: str) -> tuple[str, str, str] | None:
    """(public key, host, project id) of a DSN, or ``None``."""
    m = re.fullmatch(r"https?://([^:@/]+)(?::[^@/]+)?@([^/]+)(?:/.*)?/(\d+)/?", value)
    return (m.group(1), m.group(2), m.group(3)) if m else None


def _clerk_pk_check(value: str) -> list[FormatProblem]:
    host = clerk_frontend_host(value)
    if host is None:
        return [FormatProblem("does not decode to a Clerk frontend API host")]
    return []


def clerk_frontend_host(value: str) -> str | None:
    """Clerk publishable keys are ``pk_<mode>_`` + base64(frontend API host + ``$``)."""
    m = re.fullmatch(r"pk_(?:test|live)_([A-Za-z0-9+/=_-]+)", value)
    if m is None:
        return None
    body = m.group(1)
    try:
        decoded = base64.b64decode(body + "=" * (-len(body) % 4), altchars=b"-_", validate=False)
        text = decoded.decode("ascii")
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    if text.endswith("$") and "." in text:
        return text[:-1]
    return None


def _fake_clerk_pk(rng: random.Random, mode: str) -> str:
    host = f"{_pick(rng, LOWER, 8)}-{_pick(rng, LOWER, 6)}-{rng.randint(10, 99)}.clerk.accounts.dev$"
    return f"pk_{mode}_" + base64.b64encode(host.encode()).decode().rstrip("=")


def _fernet_check(value: str) -> list[FormatProblem]:
    try:
        raw = base64.urlsafe_b64decode(value)
    except (ValueError, binascii.Error):
        return [FormatProblem("is not url-safe base64")]
    if len(raw) != 32:
        return [FormatProblem(f"decodes to {len(raw)} bytes; a Fernet key is 32")]
    return []


def _fake_fernet(rng: random.Random, mode: str) -> str:
    return base64.urlsafe_b64encode(bytes(rng.getrandbits(8) for _ in range(32))).decode()


def _inngest_mode(value: str) -> str | None:
    m = re.match(r"signkey-([a-z0-9]+)-", value)
    if not m:
        return None
    return {"prod": "live", "production": "live"}.get(m.group(1), "test" if m.group(1) == "test" else m.group(1))


def _prefix_mode(value: str) -> str | None:
    m = re.match(r"(?:sk|pk|rk)_(live|test)_", value)
    return m.group(1) if m else None


def _uuid(rng: random.Random) -> str:
    h = _pick(rng, HEX, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


# --- AWS regions (botocore partitions.json; see key-formats.md) --------------------------

AWS_REGIONS = frozenset(
    [
        "af-south-1",
        "ap-east-1",
        "ap-east-2",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-south-1",
        "ap-south-2",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-southeast-3",
        "ap-southeast-4",
        "ap-southeast-5",
        "ap-southeast-6",
        "ap-southeast-7",
        "ca-central-1",
        "ca-west-1",
        "eu-central-1",
        "eu-central-2",
        "eu-north-1",
        "eu-south-1",
        "eu-south-2",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "il-central-1",
        "me-central-1",
        "me-south-1",
        "mx-central-1",
        "sa-east-1",
        "us-east-1",
        "us-east-2",
        "us-west-1",
        "us-west-2",
        "cn-north-1",
        "cn-northwest-1",
        "us-gov-east-1",
        "us-gov-west-1",
        "eusc-de-east-1",
    ]
)
# A compass direction, not any word: ``us-est-1`` and ``eu-centrall-1`` are typos.
_AWS_DIRECTION = r"(?:north|south|east|west|central|northeast|northwest|southeast|southwest)"
_AWS_REGION_RE = (
    r"(?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-gov|-iso[a-z]?|-isob)?-" + _AWS_DIRECTION + r"-\d{1,2}"
    r"|eusc-[a-z]{2}-" + _AWS_DIRECTION + r"-\d{1,2}"
)
# S3 clients also talk to S3-compatible stores, which take their own names (``auto`` for
# R2 and Tigris, ``garage``): only values that start like an AWS partition are held to
# AWS's shape.
_AWS_PARTITION_START = r"(?i:us|eu|ap|sa|ca|me|af|il|mx|cn|eusc)-"
_S3_REGION_RE = r"(?!" + _AWS_PARTITION_START + r")[a-z0-9-]{1,32}|" + _AWS_REGION_RE


def _aws_region_check(value: str) -> list[FormatProblem]:
    if value in AWS_REGIONS:
        return []
    # The list grows (ap-east-2, mx-central-1 arrived in 2025): a well-formed unknown
    # region is a warning, not an error.
    return [FormatProblem("is not a region this version of envguard knows; check the spelling", warning=True)]


_BUCKET_RE = r"(?!xn--)(?!.*\.\.)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"


# --- the table -----------------------------------------------------------------------

STRIPE_DOCS = "https://docs.stripe.com/keys"

_FORMATS: tuple[ProviderFormat, ...] = (
    # Stripe
    ProviderFormat(
        "stripe-secret-key",
        "Stripe secret or restricted key",
        "Stripe",
        r"(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,247}",
        True,
        STRIPE_DOCS,
        prefixes=("sk_live_", "sk_test_", "rk_live_", "rk_test_"),
        mode=_prefix_mode,
        fake=lambda r, m: f"sk_{m}_51{_pick(r, ALNUM, 97)}",
    ),
    ProviderFormat(
        "stripe-publishable-key",
        "Stripe publishable key",
        "Stripe",
        r"pk_(?:live|test)_[0-9A-Za-z]{10,247}",
        False,
        STRIPE_DOCS,
        prefixes=("pk_live_", "pk_test_"),
        mode=_prefix_mode,
        fake=lambda r, m: f"pk_{m}_51{_pick(r, ALNUM, 97)}",
    ),
    ProviderFormat(
        "stripe-webhook-secret",
        "Stripe webhook signing secret",
        "Stripe",
        r"whsec_[A-Za-z0-9+/=]{24,128}",
        True,
        "https://docs.stripe.com/webhooks#verify-events",
        prefixes=("whsec_",),
        fake=lambda r, m: f"whsec_{_pick(r, HEX, 64)}",
    ),
    # Sentry
    ProviderFormat(
        "sentry-dsn",
        "Sentry DSN",
        "Sentry",
        r"https?://[0-9A-Za-z]+(?::[0-9A-Za-z]+)?@[A-Za-z0-9.:-]+(?:/[^\s?#]*)?/[^/\s?#]+/?",
        False,
        "https://docs.sentry.io/concepts/key-terms/dsn-explainer/",
        check=_sentry_dsn_check,
        fake=lambda r, m: (
            f"https://{_pick(r, HEX, 32)}@o{r.randint(10**5, 10**7)}.ingest.us.sentry.io/{r.randint(10**6, 10**7)}"
        ),
        distinctive=True,
        needle="@",
    ),
    ProviderFormat(
        "sentry-auth-token",
        "Sentry auth token",
        "Sentry",
        r"sntrys_[A-Za-z0-9+/=_]{40,400}|sntryu_[0-9a-f]{64}|[0-9a-f]{64}",
        True,
        "https://docs.sentry.io/account/auth-tokens/",
        prefixes=("sntrys_", "sntryu_"),
        fake=lambda r, m: f"sntryu_{_pick(r, HEX, 64)}",
    ),
    # AWS
    ProviderFormat(
        "aws-access-key-id",
        "AWS access key ID",
        "AWS",
        r"(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}",
        False,
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids",
        prefixes=("AKIA", "ASIA"),
        mode=lambda v: "temporary" if v.startswith("ASIA") else "long-term",
        fake=lambda r, m: "AKIA" + _pick(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
    ),
    ProviderFormat(
        "aws-secret-access-key",
        "AWS secret access key",
        "AWS",
        r"[A-Za-z0-9/+]{40}",
        True,
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
        fake=lambda r, m: _pick(r, B64, 40),
    ),
    ProviderFormat(
        "aws-session-token",
        "AWS session token",
        "AWS",
        r"[A-Za-z0-9/+=]{100,2000}",
        True,
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html",
        fake=lambda r, m: "IQoJb3JpZ2luX2Vj" + _pick(r, B64, 300),
    ),
    ProviderFormat(
        "aws-region",
        "AWS region",
        "AWS",
        _AWS_REGION_RE,
        False,
        "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
        check=_aws_region_check,
        fake=lambda r, m: r.choice(sorted(AWS_REGIONS)),
    ),
    ProviderFormat(
        "s3-region",
        "region (AWS or S3-compatible)",
        "AWS",
        _S3_REGION_RE,
        False,
        "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
        check=lambda v: [] if re.match(_AWS_PARTITION_START, v) is None else _aws_region_check(v),
        fake=lambda r, m: r.choice(sorted(AWS_REGIONS)),
    ),
    ProviderFormat(
        "s3-bucket-name",
        "S3 bucket name",
        "AWS",
        _BUCKET_RE,
        False,
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
        fake=lambda r, m: f"app-{_pick(r, LOWER, 8)}-uploads",
    ),
    # Email providers
    ProviderFormat(
        "sendgrid-api-key",
        "SendGrid API key",
        "SendGrid",
        r"SG\.[A-Za-z0-9_-]{20,24}\.[A-Za-z0-9_-]{39,50}",
        True,
        "https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys",
        prefixes=("SG.",),
        fake=lambda r, m: f"SG.{_pick(r, B64URL, 22)}.{_pick(r, B64URL, 43)}",
    ),
    ProviderFormat(
        "resend-api-key",
        "Resend API key",
        "Resend",
        r"re_[A-Za-z0-9_]{16,64}",
        True,
        "https://resend.com/docs/dashboard/api-keys/introduction",
        prefixes=("re_",),
        fake=lambda r, m: f"re_{_pick(r, ALNUM, 8)}_{_pick(r, ALNUM, 24)}",
    ),
    ProviderFormat(
        "postmark-server-token",
        "Postmark server token",
        "Postmark",
        # POSTMARK_API_TEST is Postmark's documented test token (accepted, never delivered).
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|POSTMARK_API_TEST",
        True,
        "https://postmarkapp.com/developer/api/overview#authentication",
        fake=lambda r, m: _uuid(r),
    ),
    # Supabase
    ProviderFormat(
        "supabase-url",
        "Supabase project URL",
        "Supabase",
        r"https://[a-z0-9]{20}\.supabase\.(?:co|in)/?|https?://(?:localhost|127\.0\.0\.1|[A-Za-z0-9.-]+)(?::\d+)?/?",
        False,
        "https://supabase.com/docs/guides/api#api-url-and-keys",
        fake=lambda r, m: f"https://{_pick(r, LOWER, 20)}.supabase.co",
    ),
    ProviderFormat(
        "supabase-anon-key",
        "Supabase anon (publishable) key",
        "Supabase",
        r"eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+|sb_publishable_[A-Za-z0-9_-]{20,}",
        False,
        "https://supabase.com/docs/guides/api/api-keys",
        prefixes=("sb_publishable_",),
        check=_supabase_role("anon", "sb_publishable_"),
        fake=lambda r, m: _jwt(
            r,
            {
                "iss": "supabase",
                "ref": _pick(r, LOWER, 20),
                "role": "anon",
                "iat": 1700000000,
                "exp": 2015000000,
            },
        ),
        distinctive=True,
        needle="eyJ",
    ),
    ProviderFormat(
        "supabase-service-role-key",
        "Supabase service_role (secret) key",
        "Supabase",
        r"eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+|sb_secret_[A-Za-z0-9_-]{20,}",
        True,
        "https://supabase.com/docs/guides/api/api-keys",
        prefixes=("sb_secret_",),
        check=_supabase_role("service_role", "sb_secret_"),
        fake=lambda r, m: _jwt(
            r,
            {
                "iss": "supabase",
                "ref": _pick(r, LOWER, 20),
                "role": "service_role",
                "iat": 1700000000,
                "exp": 2015000000,
            },
        ),
        distinctive=True,
        needle="eyJ",
    ),
    ProviderFormat(
        "supabase-access-token",
        "Supabase personal access token",
        "Supabase",
        r"sbp_(?:v0_)?[0-9a-f]{40}",
        True,
        "https://supabase.com/docs/reference/cli/supabase-login",
        prefixes=("sbp_",),
        fake=lambda r, m: f"sbp_{_pick(r, HEX, 40)}",
    ),
    # PostHog
    ProviderFormat(
        "posthog-project-key",
        "PostHog project API key",
        "PostHog",
        r"phc_[A-Za-z0-9]{32,60}",
        False,
        "https://posthog.com/docs/api#public-endpoints",
        prefixes=("phc_",),
        fake=lambda r, m: f"phc_{_pick(r, ALNUM, 43)}",
    ),
    ProviderFormat(
        "posthog-personal-key",
        "PostHog personal API key",
        "PostHog",
        r"phx_[A-Za-z0-9_]{32,60}",
        True,
        "https://posthog.com/docs/api#private-endpoint-authentication",
        prefixes=("phx_",),
        fake=lambda r, m: f"phx_{_pick(r, ALNUM, 47)}",
    ),
    # Inngest
    ProviderFormat(
        "inngest-signing-key",
        "Inngest signing key",
        "Inngest",
        r"signkey-[a-z0-9]+-[0-9a-f]{32,128}",
        True,
        "https://www.inngest.com/docs/platform/signing-keys",
        prefixes=("signkey-",),
        mode=_inngest_mode,
        fake=lambda r, m: f"signkey-{'prod' if m == 'live' else m}-{_pick(r, HEX, 64)}",
    ),
    ProviderFormat(
        "inngest-event-key",
        "Inngest event key",
        "Inngest",
        r"[A-Za-z0-9_-]{20,128}",
        True,
        "https://www.inngest.com/docs/events/creating-an-event-key",
        fake=lambda r, m: _pick(r, B64URL, 86),
    ),
    # Observability
    ProviderFormat(
        "datadog-api-key",
        "Datadog API key",
        "Datadog",
        r"[0-9a-f]{32}",
        True,
        "https://docs.datadoghq.com/account_management/api-app-keys/",
        fake=lambda r, m: _pick(r, HEX, 32),
    ),
    ProviderFormat(
        "datadog-app-key",
        "Datadog application key",
        "Datadog",
        r"[0-9a-f]{40}",
        True,
        "https://docs.datadoghq.com/account_management/api-app-keys/",
        fake=lambda r, m: _pick(r, HEX, 40),
    ),
    ProviderFormat(
        "datadog-site",
        "Datadog site",
        "Datadog",
        r"(?:us3\.|us5\.|ap1\.|ap2\.)?datadoghq\.com|datadoghq\.eu|ddog-gov\.com",
        False,
        "https://docs.datadoghq.com/getting_started/site/",
        fake=lambda r, m: r.choice(["datadoghq.com", "datadoghq.eu", "us5.datadoghq.com"]),
    ),
    ProviderFormat(
        "newrelic-license-key",
        "New Relic license key",
        "New Relic",
        r"[0-9a-f]{40}|[0-9A-Za-z]{36}NRAL|eu01xx[0-9a-f]{34}",
        True,
        "https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/#license-key",
        fake=lambda r, m: _pick(r, HEX, 32) + "FFFFNRAL",
    ),
    ProviderFormat(
        "newrelic-user-key",
        "New Relic user API key",
        "New Relic",
        r"NRAK-[A-Z0-9]{27}",
        True,
        "https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/#user-key",
        prefixes=("NRAK-",),
        fake=lambda r, m: "NRAK-" + _pick(r, UPPER + DIGITS, 27),
    ),
    # Cloudflare
    ProviderFormat(
        "cloudflare-api-token",
        "Cloudflare API token",
        "Cloudflare",
        r"cf[ua]t_[A-Za-z0-9]{40}[a-f0-9]{8}|[A-Za-z0-9_-]{40}",
        True,
        "https://developers.cloudflare.com/fundamentals/api/get-started/token-formats/",
        prefixes=("cfut_", "cfat_"),
        fake=lambda r, m: f"cfut_{_pick(r, ALNUM, 40)}{_pick(r, HEX, 8)}",
    ),
    ProviderFormat(
        "cloudflare-global-api-key",
        "Cloudflare global API key",
        "Cloudflare",
        r"cfk_[A-Za-z0-9]{40}[a-f0-9]{8}|[0-9a-f]{37}",
        True,
        "https://developers.cloudflare.com/fundamentals/api/get-started/keys/",
        prefixes=("cfk_",),
        fake=lambda r, m: f"cfk_{_pick(r, ALNUM, 40)}{_pick(r, HEX, 8)}",
    ),
    ProviderFormat(
        "cloudflare-id",
        "Cloudflare account or zone ID",
        "Cloudflare",
        r"[0-9a-f]{32}",
        False,
        "https://developers.cloudflare.com/fundamentals/account/find-account-and-zone-ids/",
        fake=lambda r, m: _pick(r, HEX, 32),
    ),
    ProviderFormat(
        "turnstile-site-key",
        "Cloudflare Turnstile site key",
        "Cloudflare",
        r"[0-3]x[0-9A-Za-z_-]{16,}",
        False,
        "https://developers.cloudflare.com/turnstile/get-started/",
        fake=lambda r, m: "0x4AAAAAAA" + _pick(r, B64URL, 14),
    ),
    ProviderFormat(
        "turnstile-secret-key",
        "Cloudflare Turnstile secret key",
        "Cloudflare",
        r"[0-3]x[0-9A-Za-z_-]{16,}",
        True,
        "https://developers.cloudflare.com/turnstile/get-started/server-side-validation/",
        fake=lambda r, m: "0x4AAAAAAA" + _pick(r, B64URL, 25),
    ),
    # Mapbox
    ProviderFormat(
        "mapbox-public-token",
        "Mapbox public token",
        "Mapbox",
        r"pk\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{10,}",
        False,
        "https://docs.mapbox.com/api/accounts/tokens/#token-format",
        prefixes=("pk.",),
        fake=lambda r, m: f"pk.{_pick(r, B64URL, 60)}.{_pick(r, B64URL, 22)}",
    ),
    ProviderFormat(
        "mapbox-secret-token",
        "Mapbox secret token",
        "Mapbox",
        r"sk\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{10,}",
        True,
        "https://docs.mapbox.com/api/accounts/tokens/#token-format",
        prefixes=("sk.",),
        fake=lambda r, m: f"sk.{_pick(r, B64URL, 60)}.{_pick(r, B64URL, 22)}",
    ),
    # Google
    ProviderFormat(
        "google-client-id",
        "Google OAuth client ID",
        "Google",
        r"\d{6,20}-[0-9a-z]{32}\.apps\.googleusercontent\.com",
        False,
        "https://developers.google.com/identity/protocols/oauth2",
        fake=lambda r, m: f"{r.randint(10**11, 10**12 - 1)}-{_pick(r, LOWER + DIGITS, 32)}.apps.googleusercontent.com",
        distinctive=True,
        needle=".apps.googleusercontent.com",
    ),
    ProviderFormat(
        "google-client-secret",
        "Google OAuth client secret",
        "Google",
        r"GOCSPX-[A-Za-z0-9_-]{28}|[A-Za-z0-9_-]{24}",
        True,
        "https://developers.google.com/identity/protocols/oauth2",
        prefixes=("GOCSPX-",),
        fake=lambda r, m: f"GOCSPX-{_pick(r, B64URL, 28)}",
    ),
    ProviderFormat(
        "google-api-key",
        "Google API key",
        "Google",
        r"AIza[0-9A-Za-z_-]{35}",
        False,
        "https://cloud.google.com/docs/authentication/api-keys",
        prefixes=("AIza",),
        fake=lambda r, m: "AIza" + _pick(r, B64URL, 35),
    ),
    ProviderFormat(
        "ga-measurement-id",
        "Google Analytics measurement ID",
        "Google",
        r"G-[A-Z0-9]{4,12}|UA-\d{4,10}-\d{1,4}|GTM-[A-Z0-9]{4,10}",
        False,
        "https://support.google.com/analytics/answer/12270356",
        fake=lambda r, m: "G-" + _pick(r, UPPER + DIGITS, 10),
        distinctive=True,
        needle="-",
    ),
    # GitHub
    ProviderFormat(
        "github-token",
        "GitHub token",
        "GitHub",
        r"gh[pousr]_[A-Za-z0-9_]{36,251}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59,}",
        True,
        "https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/",
        prefixes=("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
        check=_github_check,
        fake=_fake_github,
    ),
    ProviderFormat(
        "github-client-id",
        "GitHub OAuth/App client ID",
        "GitHub",
        r"Iv1\.[0-9a-f]{16}|Iv23[A-Za-z0-9]{16}|Ov23[A-Za-z0-9]{16}|[0-9a-f]{20}",
        False,
        "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps",
        fake=lambda r, m: "Ov23" + _pick(r, ALNUM, 16),
        prefixes=("Iv1.", "Iv23", "Ov23"),
    ),
    ProviderFormat(
        "github-client-secret",
        "GitHub OAuth client secret",
        "GitHub",
        r"[0-9a-f]{40}",
        True,
        "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps",
        fake=lambda r, m: _pick(r, HEX, 40),
    ),
    # Slack
    ProviderFormat(
        "slack-token",
        "Slack token",
        "Slack",
        r"xox[bpaeors]-[0-9A-Za-z-]{20,250}|xapp-\d-[A-Z0-9]+-\d+-[a-f0-9]+|xoxe\.xox[bp]-\d-[A-Za-z0-9-]{20,250}",
        True,
        "https://docs.slack.dev/authentication/tokens",
        prefixes=("xoxb-", "xoxp-", "xapp-", "xoxe.", "xoxa-", "xoxr-", "xoxs-"),
        fake=lambda r, m: f"xoxb-{r.randint(10**10, 10**11)}-{r.randint(10**12, 10**13)}-{_pick(r, ALNUM, 24)}",
    ),
    ProviderFormat(
        "slack-webhook-url",
        "Slack incoming webhook URL",
        "Slack",
        r"https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/+-]{20,200}",
        True,
        "https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks",
        prefixes=("https://hooks.slack.com/",),
        fake=lambda r, m: (
            f"https://hooks.slack.com/services/T{_pick(r, UPPER + DIGITS, 10)}/B{_pick(r, UPPER + DIGITS, 10)}/{_pick(r, ALNUM, 24)}"
        ),
        distinctive=True,
        needle="hooks.slack.com",
    ),
    ProviderFormat(
        "slack-signing-secret",
        "Slack signing secret",
        "Slack",
        r"[0-9a-f]{32}",
        True,
        "https://docs.slack.dev/authentication/verifying-requests-from-slack",
        fake=lambda r, m: _pick(r, HEX, 32),
    ),
    # AI providers
    ProviderFormat(
        "openai-api-key",
        "OpenAI API key",
        "OpenAI",
        r"sk-(?:proj-|svcacct-|service-|admin-)?[A-Za-z0-9_-]{20,250}",
        True,
        "https://platform.openai.com/docs/api-reference/authentication",
        prefixes=("sk-proj-", "sk-svcacct-", "sk-service-", "sk-admin-", "sk-"),
        fake=lambda r, m: f"sk-proj-{_pick(r, B64URL, 74)}T3BlbkFJ{_pick(r, B64URL, 74)}",
    ),
    ProviderFormat(
        "anthropic-api-key",
        "Anthropic API key",
        "Anthropic",
        r"sk-ant-(?:api\d\d|admin\d\d)-[A-Za-z0-9_-]{80,120}",
        True,
        "https://docs.anthropic.com/en/api/getting-started#authentication",
        prefixes=("sk-ant-",),
        fake=lambda r, m: f"sk-ant-api03-{_pick(r, B64URL, 93)}AA",
    ),
    ProviderFormat(
        "mistral-api-key",
        "Mistral API key",
        "Mistral",
        r"[A-Za-z0-9]{32}",
        True,
        "https://docs.mistral.ai/getting-started/quickstart/",
        fake=lambda r, m: _pick(r, ALNUM, 32),
    ),
    # Clerk (shares Stripe's prefixes: decode before you call a pk_ key Stripe)
    ProviderFormat(
        "clerk-publishable-key",
        "Clerk publishable key",
        "Clerk",
        r"pk_(?:test|live)_[A-Za-z0-9+/=_-]{10,}",
        False,
        "https://clerk.com/docs/guides/development/clerk-environment-variables",
        mode=_prefix_mode,
        prefixes=("pk_live_", "pk_test_"),
        check=_clerk_pk_check,
        fake=_fake_clerk_pk,
    ),
    ProviderFormat(
        "clerk-secret-key",
        "Clerk secret key",
        "Clerk",
        r"sk_(?:test|live)_[A-Za-z0-9]{20,}",
        True,
        "https://clerk.com/docs/guides/development/clerk-environment-variables",
        mode=_prefix_mode,
        fake=lambda r, m: f"sk_{m}_{_pick(r, ALNUM, 42)}",
    ),
    ProviderFormat(
        "svix-webhook-secret",
        "Svix/Clerk webhook signing secret",
        "Svix",
        r"whsec_[A-Za-z0-9+/=]{24,}",
        True,
        "https://docs.svix.com/receiving/verifying-payloads/how",
        prefixes=("whsec_",),
        fake=lambda r, m: "whsec_" + base64.b64encode(bytes(r.getrandbits(8) for _ in range(24))).decode(),
    ),
    # Upstash
    ProviderFormat(
        "upstash-redis-url",
        "Upstash Redis REST URL",
        "Upstash",
        r"https://[a-z0-9-]+\.upstash\.io/?",
        False,
        "https://upstash.com/docs/redis/howto/connect-with-upstash-redis",
        fake=lambda r, m: (
            f"https://{r.choice(['eu1', 'us1', 'apn1'])}-{_pick(r, LOWER, 6)}-{r.randint(10000, 99999)}.upstash.io"
        ),
        distinctive=True,
        needle="upstash.io",
    ),
    ProviderFormat(
        "upstash-token",
        "Upstash REST token",
        "Upstash",
        r"[A-Za-z0-9_=-]{20,200}",
        True,
        "https://upstash.com/docs/redis/features/restapi",
        fake=lambda r, m: "AX" + _pick(r, ALNUM, 60) + "=",
    ),
    ProviderFormat(
        "qstash-signing-key",
        "QStash signing key",
        "Upstash",
        r"sig_[A-Za-z0-9]{20,64}",
        True,
        "https://upstash.com/docs/qstash/howto/signature",
        prefixes=("sig_",),
        fake=lambda r, m: "sig_" + _pick(r, ALNUM, 28),
    ),
    # Vercel
    ProviderFormat(
        "vercel-blob-token",
        "Vercel Blob read-write token",
        "Vercel",
        r"vercel_blob_rw_[A-Za-z0-9]{16}_[A-Za-z0-9]{30}",
        True,
        "https://vercel.com/docs/vercel-blob/using-blob-sdk",
        prefixes=("vercel_blob_rw_",),
        fake=lambda r, m: f"vercel_blob_rw_{_pick(r, ALNUM, 16)}_{_pick(r, ALNUM, 30)}",
    ),
    ProviderFormat(
        "vercel-project-id",
        "Vercel project ID",
        "Vercel",
        r"prj_[A-Za-z0-9]{20,40}",
        False,
        "https://vercel.com/docs/projects/overview",
        prefixes=("prj_",),
        fake=lambda r, m: "prj_" + _pick(r, ALNUM, 28),
    ),
    # Twilio
    ProviderFormat(
        "twilio-account-sid",
        "Twilio Account SID",
        "Twilio",
        r"AC[0-9a-f]{32}",
        False,
        "https://www.twilio.com/docs/glossary/what-is-a-sid",
        prefixes=("AC",),
        fake=lambda r, m: "AC" + _pick(r, HEX, 32),
        distinctive=True,
        needle="AC",
    ),
    ProviderFormat(
        "twilio-auth-token",
        "Twilio auth token",
        "Twilio",
        r"[0-9a-f]{32}",
        True,
        "https://www.twilio.com/docs/iam/api/authtoken",
        fake=lambda r, m: _pick(r, HEX, 32),
    ),
    # Package registries
    ProviderFormat(
        "npm-token",
        "npm access token",
        "npm",
        r"npm_[A-Za-z0-9]{36}",
        True,
        "https://docs.npmjs.com/about-access-tokens",
        prefixes=("npm_",),
        fake=lambda r, m: "npm_" + _pick(r, ALNUM, 36),
    ),
    # Key material with a fixed encoding
    ProviderFormat(
        "fernet-key",
        "Fernet key",
        "Fernet",
        r"[A-Za-z0-9_-]{43}=",
        True,
        "https://github.com/fernet/spec/blob/master/Spec.md#key-format",
        check=_fernet_check,
        fake=_fake_fernet,
    ),
    # More AI providers. Vendors document the prefixes; lengths come from scanner rules
    # (kingfisher, gitleaks) and are kept soft.
    ProviderFormat(
        "groq-api-key",
        "Groq API key",
        "Groq",
        r"gsk_[A-Za-z0-9]{40,64}",
        True,
        "https://console.groq.com/docs/quickstart",
        prefixes=("gsk_",),
        fake=lambda r, m: "gsk_" + _pick(r, ALNUM, 52),
    ),
    ProviderFormat(
        "huggingface-token",
        "Hugging Face access token",
        "Hugging Face",
        r"hf_[A-Za-z0-9]{30,40}",
        True,
        "https://huggingface.co/docs/hub/security-tokens",
        prefixes=("hf_",),
        fake=lambda r, m: "hf_" + _pick(r, ALNUM, 34),
    ),
    ProviderFormat(
        "replicate-api-token",
        "Replicate API token",
        "Replicate",
        r"r8_[A-Za-z0-9]{30,45}",
        True,
        "https://replicate.com/docs/reference/http#authentication",
        prefixes=("r8_",),
        fake=lambda r, m: "r8_" + _pick(r, ALNUM, 37),
    ),
    ProviderFormat(
        "openrouter-api-key",
        "OpenRouter API key",
        "OpenRouter",
        r"sk-or-v1-[0-9a-f]{64}",
        True,
        "https://openrouter.ai/docs/api-reference/authentication",
        prefixes=("sk-or-v1-",),
        fake=lambda r, m: "sk-or-v1-" + _pick(r, HEX, 64),
    ),
    ProviderFormat(
        "xai-api-key",
        "xAI API key",
        "xAI",
        r"xai-[A-Za-z0-9]{70,90}",
        True,
        "https://docs.x.ai/docs/overview",
        prefixes=("xai-",),
        fake=lambda r, m: "xai-" + _pick(r, ALNUM, 80),
    ),
    ProviderFormat(
        "perplexity-api-key",
        "Perplexity API key",
        "Perplexity",
        r"pplx-[A-Za-z0-9]{40,56}",
        True,
        "https://docs.perplexity.ai/guides/getting-started",
        prefixes=("pplx-",),
        fake=lambda r, m: "pplx-" + _pick(r, ALNUM, 48),
    ),
)

FORMATS: dict[str, ProviderFormat] = {f.name: f for f in _FORMATS}


def get(name: str) -> ProviderFormat:
    return FORMATS[name]


def iter_formats() -> Iterator[ProviderFormat]:
    return iter(_FORMATS)


# Several rule families identify the same values: one answer per value and process,
# bounded (a scan identifies many candidates).
_IDENTIFIED: dict[tuple[str, bool], tuple[ProviderFormat, ...]] = {}


def identify(value: str, *, secret_only: bool = False) -> list[ProviderFormat]:
    """Formats that claim the value, most specific first.

    Only prefixed or distinctive formats take part: a generic shape (32 hex, 40 base64)
    says nothing about which provider issued a value.
    """
    key = (value, secret_only)
    found = _IDENTIFIED.get(key)
    if found is None:
        if len(_IDENTIFIED) >= 2048:
            _IDENTIFIED.clear()
        found = _IDENTIFIED[key] = tuple(_identify(value, secret_only=secret_only))
    return list(found)


def _identify(value: str, *, secret_only: bool) -> list[ProviderFormat]:
    scored: list[tuple[int, bool, int, ProviderFormat]] = []
    for i, f in enumerate(_FORMATS):
        if secret_only and not f.secret:
            continue
        prefix = f.matched_prefix(value)
        if prefix is None and (not f.distinctive or (f.needle is not None and f.needle not in value)):
            continue
        if f.validate(value):
            continue
        # The longest matching prefix is the strongest evidence (sk-ant- over sk-); a
        # passed deeper check (a Clerk key decodes to its host) beats a bare pattern.
        scored.append((-len(prefix or ""), f.check is None, i, f))
    return [t[-1] for t in sorted(scored, key=lambda t: t[:3])]
