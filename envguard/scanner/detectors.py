"""Detectors: provider formats as data plus small validators, and the structural
detectors (private keys, URLs with passwords, auth headers, JWTs, random strings).

A provider detector is a row of :data:`DETECTORS`: the literal anchors the prefilter
looks for, the pattern run on candidate lines, whether the format is secret or public by
design, and a validator that says why a match is *not* a live credential (a failed
checksum, a sequential body, a placeholder). Titles come from
:mod:`envguard.knowledge.providers` where the format is one the schemas know.

``ds_patterns`` copy the regexes detect-secrets uses for the same kind of secret, with
its ``findall`` semantics, so that the hashes in a detect-secrets baseline can be matched
without importing detect-secrets (it hashes ``ghp`` for a GitHub token, the first 24
characters of a Stripe key, the literal ``BEGIN RSA PRIVATE KEY`` for a private key).
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import re
import time
from collections.abc import Callable, Iterator

from envguard.scanner import textutil as tu
from envguard.scanner.model import (
    PRIORITY_BEARER,
    PRIORITY_ENTROPY,
    PRIORITY_JWT,
    PRIORITY_PRIVATE_KEY,
    PRIORITY_PROVIDER,
    PRIORITY_SENTRY,
    PRIORITY_URL,
    Candidate,
    FrozenRecord,
)
from envguard.scanner.textutil import lazy, words

Check = Callable[[str], "str | None"]


class Detector(FrozenRecord):
    """A provider's key format.

    ``ds_patterns`` are (type, regex, flags); ``anchor_lookahead`` is a lookahead (on
    lower-cased text) after the anchors, for short prefixes like ``sk.``; ``fit``, for
    formats taken from envguard.knowledge.providers, gives the length of the longest prefix of a
    match that the format accepts (0: none). No ``__slots__``: ``regex`` is cached in
    ``__dict__``.
    """

    _fields = (
        "id",
        "title",
        "provider",
        "anchors",
        "pattern",
        "secret",
        "check",
        "ds_type",
        "ds_patterns",
        "group",
        "code",
        "anchor_lookahead",
        "fit",
    )
    id: str
    title: str
    provider: str
    anchors: tuple[str, ...]
    pattern: str
    secret: bool
    check: Check | None
    ds_type: str
    ds_patterns: tuple[tuple[str, str, int], ...]
    group: str | None
    code: str
    anchor_lookahead: str
    fit: Callable[[str], int] | None

    def __init__(
        self,
        id: str,
        title: str,
        provider: str,
        anchors: tuple[str, ...],
        pattern: str,
        secret: bool = True,
        check: Check | None = None,
        ds_type: str = "Secret Keyword",
        ds_patterns: tuple[tuple[str, str, int], ...] = (),
        group: str | None = None,
        code: str = "EG320",
        anchor_lookahead: str = "",
        fit: Callable[[str], int] | None = None,
    ) -> None:
        # Plain instance attributes (no __slots__), set past the frozen __setattr__.
        self.__dict__.update(
            id=id,
            title=title,
            provider=provider,
            anchors=anchors,
            pattern=pattern,
            secret=secret,
            check=check,
            ds_type=ds_type,
            ds_patterns=ds_patterns,
            group=group,
            code=code,
            anchor_lookahead=anchor_lookahead,
            fit=fit,
        )

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern)


# --- validators -------------------------------------------------------------------------


# Several words joined as identifiers are: my_secret_key, your-token-here, myApiKey.
_WORDS = lazy(r"[a-z]+(?:[_-][a-z]+)+|[A-Z]+(?:[_-][A-Z]+)+|[a-z]+(?:[A-Z][a-z]+)+|(?:[A-Z][a-z]+){2,}")


def random_body(prefix: str | re.Pattern[str], min_len: int = 16, min_entropy: float = 3.0) -> Check:
    """The part after the prefix must look generated: not sequential, not one repeated
    character, not a word, enough entropy."""

    def check(value: str) -> str | None:
        if isinstance(prefix, str):
            body = value[len(prefix) :] if value.startswith(prefix) else value
        else:
            m = prefix.match(value)
            body = value[m.end() :] if m else value
        if len(body) < min_len:
            return "too short for a real key"
        if tu.is_sequential(body) or len(set(body)) <= 3:
            return "a sequential or repeated body"
        if tu.entropy(body) < min_entropy:
            return "too little entropy for a real key"
        if _WORDS.fullmatch(body) or "example" in body.lower() or "your" in body.lower():
            return "words, not a key"
        return None

    return check


def mixed_body(prefix: str, min_len: int = 16) -> Check:
    """For prefixes that also start identifiers (``re_``, ``sig_``, ``hf_``): the body
    must mix upper case, lower case and digits as generated keys do."""
    base = random_body(prefix, min_len)

    def check(value: str) -> str | None:
        body = value[len(prefix) :].replace("_", "").replace("-", "")
        chars = set(body)
        upper, lower, digit = bool(chars & tu.UPPER), bool(chars & tu.LOWER), bool(chars & tu.DIGITS)
        if not tu.is_hex(body) and not (
            (upper and lower and (digit or len(body) >= 20)) or (digit and (upper or lower) and len(body) >= 32)
        ):
            return "not a mix of letters and digits"
        return base(value)

    return check


def _provider_check(name: str) -> Check:
    def check(value: str) -> str | None:
        from envguard.knowledge import providers

        problems = [p for p in providers.get(name).validate(value) if not p.warning]
        return problems[0].message if problems else None

    return check


def _github_check(value: str) -> str | None:
    if value.startswith("github_pat_"):
        return random_body("github_pat_", 40)(value)
    body = value[4:]
    if len(body) == 36:
        reason = _provider_check("github-token")(value)
        if reason:
            return reason
    return random_body(value[:4], 30)(value)


def _all(*checks: Check) -> Check:
    def check(value: str) -> str | None:
        for c in checks:
            reason = c(value)
            if reason:
                return reason
        return None

    return check


@functools.cache
def _title(name: str, fallback: str) -> str:
    from envguard.knowledge import providers

    fmt = providers.FORMATS.get(name)
    return fmt.title if fmt is not None else fallback


# Leading boundary: not preceded by a character that could continue a token.
_B = r"(?<![A-Za-z0-9_+/.-])"
# Trailing boundary for alphanumeric bodies.
_E = r"(?![A-Za-z0-9])"
_EW = r"(?![A-Za-z0-9_-])"


def _d(
    id: str,
    title: str,
    provider: str,
    anchors: tuple[str, ...],
    pattern: str,
    *,
    secret: bool = True,
    check: Check | None = None,
    ds_type: str = "Secret Keyword",
    ds_patterns: tuple[tuple[str, str, int], ...] = (),
    group: str | None = None,
    anchor_lookahead: str = "",
) -> Detector:
    return Detector(
        id=id,
        title=title,
        provider=provider,
        anchors=anchors,
        pattern=pattern,
        secret=secret,
        check=check,
        ds_type=ds_type,
        ds_patterns=ds_patterns,
        group=group,
        anchor_lookahead=anchor_lookahead,
    )


_DS_STRIPE = (("Stripe Access Key", r"(?:r|s)k_live_[0-9a-zA-Z]{24}", 0),)
_DS_GITHUB = (("GitHub Token", r"(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{36}", 0),)
_DS_SLACK = (
    ("Slack Token", r"xox(?:a|b|p|o|s|r)-(?:\d+-)+[a-z0-9]+", re.IGNORECASE),
    ("Slack Token", r"https://hooks\.slack\.com/services/T[a-zA-Z0-9_]+/B[a-zA-Z0-9_]+/[a-zA-Z0-9_]+", re.IGNORECASE),
)
_DS_GITLAB = tuple(
    ("GitLab Token", p, 0)
    for p in (
        r"(glpat|gldt|glft|glsoat|glrt)-[A-Za-z0-9_\-]{20,50}(?!\w)",
        r"GR1348941[A-Za-z0-9_\-]{20,50}(?!\w)",
        r"glcbt-([0-9a-fA-F]{2}_)?[A-Za-z0-9_\-]{20,50}(?!\w)",
        r"glimt-[A-Za-z0-9_\-]{25}(?!\w)",
        r"glptt-[A-Za-z0-9_\-]{40}(?!\w)",
        r"glagent-[A-Za-z0-9_\-]{50,1024}(?!\w)",
        r"gloas-[A-Za-z0-9_\-]{64}(?!\w)",
    )
)
_DS_JWT = (("JSON Web Token", r"eyJ[A-Za-z0-9-_=]+\.[A-Za-z0-9-_=]+\.?[A-Za-z0-9-_.+/=]*?", 0),)
_DS_AWS = (("AWS Access Key", r"(?:A3T[A-Z0-9]|ABIA|ACCA|AKIA|ASIA)[0-9A-Z]{16}", 0),)
_DS_BASIC_AUTH = (
    ("Basic Auth Credentials", r"://[^:/\?\#\[\]@!\$\&'\(\)\*\+,;=\s]+:([^:/\?\#\[\]@!\$\&'\(\)\*\+,;=\s]+)@", 0),
)


# Telegram bot tokens: ``<bot id>:<35 characters>``. Issued ones start ``AA`` after the
# colon; without it a number, a colon and 35 characters could be anything (a timestamp and
# a hash), so a token without ``AA`` needs a ``telegram`` or ``bot`` word before it on the
# line (``TELEGRAM_TOKEN=…``, ``https://api.telegram.org/bot<token>/sendMessage``).
_TELEGRAM = (
    r"(?:(?P<ctx>(?i:telegram|(?<![a-z])bot(?![a-z])))[^\n]{0,80}?)?"
    r"(?:(?<=(?i:bot))|(?<![A-Za-z0-9:]))"
    r"(?P<s>\d{8,10}:(?(ctx)[0-9A-Za-z_-]{35}|AA[0-9A-Za-z_-]{33}))" + _EW
)
# On lower-cased text, after ``:aa`` or after a context word.
_TELEGRAM_LOOKAHEAD = r"(?:[a-z0-9_-]{33}|[^\n]{0,80}?\d{8,10}:[a-z0-9_-]{35})"


def _no_run(value: str) -> str | None:
    """Six ascending characters (``012345``, ``abcdef``): typed by hand, not issued."""
    return "a sequential run, typed by hand" if tu.has_run(value, 6) else None


def _telegram_check(value: str) -> str | None:
    bot_id, _, body = value.partition(":")
    if tu.is_sequential(bot_id) or len(set(bot_id)) <= 2:
        return "a made-up bot id"
    chars = set(body)
    if not (chars & tu.UPPER and chars & tu.LOWER):
        return "not a mix of upper and lower case"
    return random_body(lazy(r"\d+:(?:AA)?"), 30)(value)


# fmt: off
DETECTORS: tuple[Detector, ...] = (
    # Stripe (and Clerk, which reuses its prefixes)
    _d(
        "stripe-secret-key", _title("stripe-secret-key", "Stripe secret key"), "Stripe",
        ("sk_live_", "sk_test_", "rk_live_", "rk_test_"),
        _B + r"(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,247}" + _E,
        check=random_body(lazy(r"[sr]k_(?:live|test)_")), ds_type="Stripe Access Key", ds_patterns=_DS_STRIPE,
    ),
    _d(
        "stripe-publishable-key", "Stripe or Clerk publishable key", "Stripe",
        ("pk_live_", "pk_test_"), _B + r"pk_(?:live|test)_[0-9A-Za-z+/=_-]{10,}", secret=False,
    ),
    _d(
        "webhook-signing-secret", "Stripe or Svix webhook signing secret", "Stripe",
        ("whsec_",), _B + r"whsec_[A-Za-z0-9+/=]{24,128}" + _E, check=random_body("whsec_", 24),
    ),
    # Sentry
    _d(
        "sentry-auth-token", _title("sentry-auth-token", "Sentry auth token"), "Sentry",
        ("sntrys_", "sntryu_"), _B + r"(?:sntrys_[A-Za-z0-9+/=_]{40,400}|sntryu_[0-9a-f]{64})" + _E,
        check=random_body(lazy(r"sntry[su]_"), 40),
    ),
    # AWS: the key ID is not the secret, but it is always next to one.
    _d(
        "aws-access-key-id", "AWS access key ID", "AWS",
        ("AKIA", "ASIA", "ABIA", "ACCA", "A3T"), r"(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}" + _E,
        check=random_body(lazy(r"A3T[A-Z0-9]|A[A-Z]{3}"), 16, 2.8), ds_type="AWS Access Key", ds_patterns=_DS_AWS,
    ),
    # Email
    _d(
        "sendgrid-api-key", _title("sendgrid-api-key", "SendGrid API key"), "SendGrid",
        ("SG.",), _B + r"SG\.[A-Za-z0-9_-]{20,24}\.[A-Za-z0-9_-]{39,50}" + _EW,
        check=random_body("SG.", 40), ds_type="SendGrid API Key",
        ds_patterns=(("SendGrid API Key", r"SG\.[a-zA-Z0-9_-]{22}\.[a-zA-Z0-9_-]{43}", 0),),
    ),
    _d(
        "resend-api-key", _title("resend-api-key", "Resend API key"), "Resend",
        ("re_",), r"(?<![A-Za-z0-9_])re_[A-Za-z0-9_]{16,64}" + _E, check=mixed_body("re_"),
    ),
    _d(
        "mailgun-api-key", "Mailgun API key", "Mailgun", ("key-",), r"(?<![A-Za-z0-9_-])key-[0-9a-f]{32}" + _E,
        check=random_body("key-", 32),
    ),
    # Supabase
    _d(
        "supabase-secret-key", "Supabase secret key", "Supabase", ("sb_secret_",),
        _B + r"sb_secret_[A-Za-z0-9_-]{20,}", check=random_body("sb_secret_", 20),
    ),
    _d("supabase-publishable-key", "Supabase publishable key", "Supabase", ("sb_publishable_",), _B + r"sb_publishable_[A-Za-z0-9_-]{20,}", secret=False),
    _d(
        "supabase-access-token", _title("supabase-access-token", "Supabase personal access token"), "Supabase",
        ("sbp_",), _B + r"sbp_(?:v0_)?[0-9a-f]{40}" + _E, check=random_body(lazy(r"sbp_(?:v0_)?"), 40),
    ),
    # PostHog
    _d(
        "posthog-personal-key", _title("posthog-personal-key", "PostHog personal API key"), "PostHog",
        ("phx_",), _B + r"phx_[A-Za-z0-9_]{32,60}" + _E, check=random_body("phx_", 32),
    ),
    _d("posthog-project-key", "PostHog project API key", "PostHog", ("phc_",), _B + r"phc_[A-Za-z0-9]{32,60}" + _E, secret=False),
    # Inngest
    _d(
        "inngest-signing-key", _title("inngest-signing-key", "Inngest signing key"), "Inngest",
        ("signkey-",), _B + r"signkey-[a-z0-9]+-[0-9a-f]{32,128}" + _E,
        check=random_body(lazy(r"signkey-[a-z0-9]+-"), 32),
    ),
    # New Relic
    _d(
        "newrelic-user-key", _title("newrelic-user-key", "New Relic user API key"), "New Relic",
        ("NRAK-",), _B + r"NRAK-[A-Z0-9]{27}" + _E, check=random_body("NRAK-", 27),
    ),
    _d("newrelic-insert-key", "New Relic insert key", "New Relic", ("NRII-",), _B + r"NRII-[A-Za-z0-9_-]{32}" + _EW, check=random_body("NRII-", 32)),
    _d("newrelic-browser-key", "New Relic browser key", "New Relic", ("NRJS-",), _B + r"NRJS-[a-f0-9]{19}" + _E, secret=False),
    _d(
        "newrelic-license-key", _title("newrelic-license-key", "New Relic license key"), "New Relic",
        ("NRAL",), r"(?<![A-Za-z0-9])(?:[0-9a-f]{32}FFFF|eu01xx[0-9a-f]{26}FFFF|[0-9A-Za-z]{36})NRAL" + _E,
        check=random_body("", 32),
    ),
    # Cloudflare
    _d(
        "cloudflare-api-token", _title("cloudflare-api-token", "Cloudflare API token"), "Cloudflare",
        ("cfut_", "cfat_", "cfk_"), _B + r"cf(?:ut|at|k)_[A-Za-z0-9]{40}[a-f0-9]{8}" + _E,
        check=random_body(lazy(r"cf(?:ut|at|k)_"), 40),
    ),
    _d(
        "cloudflare-origin-ca-key", "Cloudflare Origin CA key", "Cloudflare", ("v1.0-",),
        _B + r"v1\.0-[0-9a-f]{24}-[0-9a-f]{146}" + _E, check=random_body("v1.0-", 100),
    ),
    # Mapbox: sk. secret, tk. temporary, pk. public
    _d(
        "mapbox-secret-token", _title("mapbox-secret-token", "Mapbox secret token"), "Mapbox",
        ("sk.", "tk."), _B + r"[st]k\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{10,}" + _EW,
        check=random_body(lazy(r"[st]k\."), 30), anchor_lookahead=r"[a-z0-9_-]{20,}\.[a-z0-9_-]{10}",
    ),
    _d(
        "mapbox-public-token", "Mapbox public token", "Mapbox", ("pk.",),
        _B + r"pk\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{10,}", secret=False,
        anchor_lookahead=r"[a-z0-9_-]{20,}\.[a-z0-9_-]{10}",
    ),
    # Google
    _d(
        "google-client-secret", _title("google-client-secret", "Google OAuth client secret"), "Google",
        ("GOCSPX-",), _B + r"GOCSPX-[A-Za-z0-9_-]{28}" + _EW, check=random_body("GOCSPX-", 24),
    ),
    _d("google-api-key", "Google API key", "Google", ("AIza",), r"(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}" + _EW, secret=False),
    _d(
        "google-oauth-access-token", "Google OAuth access token", "Google", ("ya29.",),
        r"(?<![A-Za-z0-9])ya29\.[0-9A-Za-z_-]{30,}" + _EW, check=random_body("ya29.", 30),
    ),
    _d(
        "google-oauth-refresh-token", "Google OAuth refresh token", "Google", ("1//0",),
        r"(?<![A-Za-z0-9/])1//0[0-9A-Za-z_-]{40,}" + _EW, check=random_body("1//0", 40),
    ),
    # GitHub and GitLab
    _d(
        "github-token", _title("github-token", "GitHub token"), "GitHub",
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
        _B + r"(?:gh[pousr]_[A-Za-z0-9_]{36,251}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59,})" + _E,
        check=_github_check, ds_type="GitHub Token", ds_patterns=_DS_GITHUB,
    ),
    _d(
        "gitlab-token", "GitLab token", "GitLab",
        ("glpat-", "gldt-", "glft-", "glsoat-", "glrt-", "glcbt-", "glimt-", "glptt-", "glagent-", "gloas-", "GR1348941"),
        _B + r"(?:(?:glpat|gldt|glft|glsoat|glrt)-[A-Za-z0-9_-]{20,50}|GR1348941[A-Za-z0-9_-]{20,50}|glcbt-(?:[0-9a-fA-F]{2}_)?[A-Za-z0-9_-]{20,50}|glimt-[A-Za-z0-9_-]{25}|glptt-[A-Za-z0-9_-]{40}|glagent-[A-Za-z0-9_-]{50,1024}|gloas-[A-Za-z0-9_-]{64})(?!\w)",
        check=random_body(lazy(r"GR1348941|gl[a-z]+-"), 16), ds_type="GitLab Token", ds_patterns=_DS_GITLAB,
    ),
    # Slack
    _d(
        "slack-token", _title("slack-token", "Slack token"), "Slack",
        ("xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxo-", "xoxe-", "xoxe.", "xapp-"),
        _B + r"(?:xox[baprose]-(?:\d+-)+[0-9A-Za-z-]{8,250}|xoxe\.xox[bp]-\d-[A-Za-z0-9-]{20,250}|xoxe-\d-[A-Za-z0-9-]{20,250}|xapp-\d-[A-Z0-9]+-\d+-[a-f0-9]{16,})" + _E,
        check=random_body(lazy(r"xox[a-z]-|xoxe\.xox[bp]-|xapp-"), 16, 2.6), ds_type="Slack Token", ds_patterns=_DS_SLACK,
    ),
    _d(
        "slack-webhook-url", _title("slack-webhook-url", "Slack incoming webhook URL"), "Slack",
        ("hooks.slack.com/",), r"https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/+-]{20,200}",
        check=random_body(lazy(r"https://hooks\.slack\.com/\w+/"), 20, 3.0), ds_type="Slack Token", ds_patterns=_DS_SLACK,
    ),
    _d(
        "discord-webhook-url", "Discord webhook URL", "Discord", ("discord.com/api/webhooks/", "discordapp.com/api/webhooks/"),
        r"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{5,30}/[A-Za-z0-9_-]{60,80}" + _EW,
        check=random_body(lazy(r"https://\S+/webhooks/\d+/"), 60),
    ),
    # AI providers
    _d(
        "anthropic-api-key", _title("anthropic-api-key", "Anthropic API key"), "Anthropic",
        ("sk-ant-",), _B + r"sk-ant-[a-z]{2,8}\d{2}-[A-Za-z0-9_-]{40,200}" + _EW,
        check=random_body(lazy(r"sk-ant-[a-z]+\d\d-"), 40),
    ),
    _d(
        "openai-api-key", _title("openai-api-key", "OpenAI API key"), "OpenAI",
        ("sk-proj-", "sk-svcacct-", "sk-service-", "sk-admin-", "sk-None-", "T3BlbkFJ", "sk-"),
        _B + r"sk-(?!ant-)(?:(?:proj|svcacct|service|admin|None)-[A-Za-z0-9_-]{40,250}|[A-Za-z0-9_-]*T3BlbkFJ[A-Za-z0-9_-]{20,}|[A-Za-z0-9]{32,64})" + _EW,
        check=mixed_body("sk-", 32), ds_type="OpenAI Token",
        ds_patterns=(("OpenAI Token", r"sk-[A-Za-z0-9-_]*[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}", 0),),
    ),
    # Package registries and developer platforms
    _d(
        "npm-token", _title("npm-token", "npm access token"), "npm", ("npm_",), _B + r"npm_[A-Za-z0-9]{36}" + _E,
        check=mixed_body("npm_", 30), ds_type="NPM tokens",
        ds_patterns=(("NPM tokens", r"\/\/.+\/:_authToken=\s*((npm_.+)|([A-Fa-f0-9-]{36})).*", 0),),
    ),
    _d(
        "pypi-token", "PyPI token", "PyPI", ("pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"),  # envguard: ignore[EG326]
        _B + r"pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{70,}" + _EW,
        check=random_body(lazy(r"pypi-AgE\w+?(?:vcmc|Zw)"), 60), ds_type="PyPI Token",
        ds_patterns=(
            ("PyPI Token", r"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9-_]{70,}", 0),
            ("PyPI Token", r"pypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9-_]{70,}", 0),
        ),
    ),
    _d("vercel-blob-token", _title("vercel-blob-token", "Vercel Blob token"), "Vercel", ("vercel_blob_rw_",), _B + r"vercel_blob_rw_[A-Za-z0-9]{16}_[A-Za-z0-9]{30}" + _E, check=random_body("vercel_blob_rw_", 40)),
    _d("qstash-signing-key", _title("qstash-signing-key", "QStash signing key"), "Upstash", ("sig_",), r"(?<![A-Za-z0-9_])sig_[A-Za-z0-9]{20,64}" + _E, check=mixed_body("sig_", 20)),
    _d("digitalocean-token", "DigitalOcean token", "DigitalOcean", ("dop_v1_", "doo_v1_", "dor_v1_"), _B + r"do[opr]_v1_[a-f0-9]{64}" + _E, check=random_body(lazy(r"do[opr]_v1_"), 64)),
    _d("doppler-token", "Doppler token", "Doppler", ("dp.st.", "dp.pt.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."), _B + r"dp\.(?:st|pt|sa|ct|scim|audit)\.(?:[a-z0-9_-]{2,35}\.)?[A-Za-z0-9]{40,44}" + _E, check=random_body(lazy(r"dp\.\w+\.(?:[a-z0-9_-]+\.)?"), 40)),
    _d("vault-token", "HashiCorp Vault token", "HashiCorp", ("hvs.", "hvb."), _B + r"hv[sb]\.[A-Za-z0-9_-]{90,}" + _EW, check=random_body(lazy(r"hv[sb]\."), 80)),
    _d("terraform-cloud-token", "Terraform Cloud token", "HashiCorp", (".atlasv1.",), r"(?<![A-Za-z0-9])[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}" + _EW, check=random_body(lazy(r"\w+\.atlasv1\."), 60)),
    _d("shopify-token", "Shopify access token", "Shopify", ("shpat_", "shpss_", "shpca_", "shppa_"), _B + r"shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}" + _E, check=random_body(lazy(r"shp\w\w_"), 32)),
    _d("linear-api-key", "Linear API key", "Linear", ("lin_api_",), _B + r"lin_api_[A-Za-z0-9]{40}" + _E, check=mixed_body("lin_api_", 40)),
    _d("notion-token", "Notion integration token", "Notion", ("ntn_", "secret_"), r"(?<![A-Za-z0-9_])(?:ntn_[A-Za-z0-9]{46}|secret_[A-Za-z0-9]{43})" + _E, check=lambda v: mixed_body(v[: v.index("_") + 1], 40)(v)),
    _d("postman-api-key", "Postman API key", "Postman", ("PMAK-",), _B + r"PMAK-[a-f0-9]{24}-[a-f0-9]{34}" + _E, check=random_body("PMAK-", 40)),
    _d("atlassian-api-token", "Atlassian API token", "Atlassian", ("ATATT3",), _B + r"ATATT3[A-Za-z0-9_=-]{180,}" + _EW, check=random_body("ATATT3", 100)),
    _d("figma-token", "Figma personal access token", "Figma", ("figd_",), _B + r"figd_[A-Za-z0-9_-]{40}" + _EW, check=random_body("figd_", 40)),
    _d("databricks-token", "Databricks token", "Databricks", ("dapi",), r"(?<![A-Za-z0-9])dapi[a-f0-9]{32}(?:-\d)?" + _E, check=random_body("dapi", 32)),
    _d("grafana-token", "Grafana token", "Grafana", ("glc_", "glsa_"), _B + r"(?:glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})" + _E, check=random_body(lazy(r"gl(?:c|sa)_"), 32)),
    _d("planetscale-token", "PlanetScale token", "PlanetScale", ("pscale_tkn_", "pscale_pw_", "pscale_oauth_"), _B + r"pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,64}" + _E, check=random_body(lazy(r"pscale_\w+?_"), 32)),
    _d("age-secret-key", "age secret key", "age", ("AGE-SECRET-KEY-1",), r"AGE-SECRET-KEY-1[0-9A-Z]{58}" + _E, check=random_body("AGE-SECRET-KEY-1", 50)),
    _d("square-oauth-secret", "Square OAuth secret", "Square", ("sq0csp-", "sq0atp-"), _B + r"sq0(?:csp-[0-9A-Za-z_-]{43}|atp-[0-9A-Za-z_-]{22})" + _EW, check=random_body(lazy(r"sq0\w+-"), 22), ds_type="Square OAuth Secret", ds_patterns=(("Square OAuth Secret", r"sq0csp-[0-9A-Za-z\\\-_]{43}", 0),)),
    _d(
        "telegram-bot-token", "Telegram bot token", "Telegram", (":AA", "telegram", "bot"), _TELEGRAM, group="s",
        check=_telegram_check, anchor_lookahead=_TELEGRAM_LOOKAHEAD, ds_type="Telegram Bot Token",
        ds_patterns=(("Telegram Bot Token", r"\d{8,10}:[0-9A-Za-z_-]{35}", 0),),
    ),
    # SonarQube 9.5+: user (squ_), project analysis (sqp_) and global analysis (sqa_) tokens
    _d(
        "sonarqube-token", "SonarQube token", "SonarQube", ("squ_", "sqp_", "sqa_"), _B + r"sq[upa]_[0-9a-f]{40}" + _E,
        check=_all(random_body(lazy(r"sq[upa]_"), 40), _no_run), anchor_lookahead=r"[0-9a-f]{40}",
    ),
    # Azure
    _d(
        "azure-storage-key", "Azure storage account key", "Azure", ("AccountKey=",),
        r"AccountKey=(?P<s>[A-Za-z0-9+/]{86}==)", group="s", check=random_body("", 60),
        ds_type="Azure Storage Account access key", ds_patterns=(("Azure Storage Account access key", r"AccountKey=[a-zA-Z0-9+\/=]{88}", 0),),
    ),
    _d(
        "azure-shared-access-key", "Azure shared access key", "Azure", ("SharedAccessKey=",),
        r"SharedAccessKey=(?P<s>[A-Za-z0-9+/]{42,43}=)", group="s", check=random_body("", 30),
    ),
    _d(
        "azure-sas-signature", "Azure SAS token signature", "Azure", ("sig=",),
        r"(?<=[?&])sv=\d{4}-\d\d-\d\d&[^\s\"'<>]*?sig=(?P<s>[A-Za-z0-9%+/=]{40,120})", group="s", check=random_body("", 30),
    ),
)
# fmt: on


def _fit(pattern: str, prefix_len: int) -> Callable[[str], int]:
    compiled = lazy(pattern)

    def fit(token: str) -> int:
        for n in range(len(token), prefix_len + 7, -1):
            if compiled.fullmatch(token, 0, n):
                return n
        return 0

    return fit


def _derived() -> tuple[Detector, ...]:
    """Detectors for prefixed formats in :mod:`envguard.knowledge.providers` that the table above
    does not cover, so a format added there (for the schemas) is also scanned for."""
    from envguard.knowledge import providers

    covered = {a for d in DETECTORS for a in d.anchors}
    ids = {d.id for d in DETECTORS}
    out = []
    for f in providers.iter_formats():
        # Skip formats the table handles: same name, or a prefix the table already
        # looks for (or a longer one). A longer prefix than the table's (``sk-or-v1-``
        # beyond ``sk-``) is a format of its own.
        if f.name in ids or not f.prefixes or any(any(c.startswith(p) for c in covered) for p in f.prefixes):
            continue
        if min(len(p) for p in f.prefixes) < 3:
            continue  # a two-letter anchor would hit most lines of any file
        shortest = min(len(p) for p in f.prefixes)
        alternatives = "|".join(re.escape(p) for p in sorted(f.prefixes, key=len, reverse=True))
        out.append(
            Detector(
                id=f.name,
                title=f.title,
                provider=f.provider,
                anchors=tuple(f.prefixes),
                pattern=_B + f"(?:{alternatives})" + r"[A-Za-z0-9_\-.+/=]{8,400}",
                secret=f.secret,
                check=random_body(lazy(alternatives), 16) if f.secret else None,
                fit=_fit(f.pattern, shortest),
            )
        )
    return tuple(out)


DETECTORS = DETECTORS + _derived()
BY_ID: dict[str, Detector] = {d.id: d for d in DETECTORS}


def provider_candidates(det: Detector, text: str, start: int, end: int) -> Iterator[Candidate]:
    for m in det.regex.finditer(text, start, end):
        secret = m.group(det.group or 0)
        s, e = m.span(det.group or 0)
        if det.fit is not None:
            n = det.fit(secret)
            if n == 0:
                continue
            secret, e = secret[:n], s + n
        if not det.secret:
            yield Candidate(det.id, det.code, det.title, secret, s, e, PRIORITY_PROVIDER, report=False)
            continue
        reason = det.check(secret) if det.check is not None else None
        # The validators reject fillers (xxxx, sequences, words) themselves; the generic
        # placeholder patterns would also reject real bodies that start with "my"/"your".
        if reason is None and (tu.documented_example(secret) or (det.check is None and tu.placeholder(secret))):
            reason = "a placeholder or documented example"
        yield Candidate(
            det.id,
            det.code,
            det.title,
            secret,
            s,
            e,
            PRIORITY_PROVIDER,
            report=reason is None,
            detail=reason,
            ds_type=det.ds_type,
            ds_variants=ds_variants(det.ds_patterns, text[m.start() : m.end()]) if det.ds_patterns else (),
        )


@functools.cache
def _ds_regex(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def ds_variants(patterns: tuple[tuple[str, str, int], ...], text: str) -> tuple[tuple[str, str], ...]:
    """What detect-secrets' regex plugins would report for ``text``, with its quirks
    (``findall`` yields the groups when a pattern has any)."""
    out: list[tuple[str, str]] = []
    for ds_type, pattern, flags in patterns:
        for match in _ds_regex(pattern, flags).findall(text):
            if isinstance(match, tuple):
                out.extend((ds_type, sub) for sub in match if sub)
            else:
                out.append((ds_type, match))
    return tuple(dict.fromkeys(out))


# --- private keys -----------------------------------------------------------------------

_PEM_BEGIN = lazy(r"-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY(?: BLOCK)?-----")
_PEM_END = lazy(r"-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")
_PEM_HEADER_LINE = lazy(r"(?:Proc-Type|DEK-Info|Version|Comment|Hash):[^\\\n]*")
_B64_LINE = lazy(r"[A-Za-z0-9+/=]{4,}")
_ESCAPES = lazy(r"\\[nrt]|\\\\[nrt]")
_PUTTY = lazy(r"PuTTY-User-Key-File-\d: [\w-]+")
MAX_PEM = 64 * 1024


def _pem_body(window: str) -> tuple[str, int, bool]:
    """(base64 body, length of the block in ``window``, whether it is a template).

    The body is the run of base64 lines right after the BEGIN line, in any quoting:
    plain PEM, ``\\n``-escaped on one line (JSON, .env), or string literals joined
    across lines in code. A line of anything else ends it.
    """
    end_m = _PEM_END.search(window, 0, MAX_PEM)
    raw = window[: end_m.start()] if end_m else window[:MAX_PEM]
    text = _ESCAPES.sub("\n", raw)
    body: list[str] = []
    consumed = 0
    for count, line in enumerate(text.split("\n")):
        if count > 400:
            break
        piece = line.strip().strip("\"'`,+;()").strip()
        consumed += len(line) + 1
        if not piece or _PEM_HEADER_LINE.fullmatch(piece):
            continue
        if _B64_LINE.fullmatch(piece) is None:
            if any(w in piece for w in ("...", "…", "<", "xxxx", "XXXX", "YOUR", "your")):
                return "", 0, True
            if end_m is not None:
                return "", 0, True  # not key material between BEGIN and END
            break
        body.append(piece)
    length = end_m.end() if end_m else min(consumed, len(window))
    return "".join(body), length, False


def private_key_candidates(text: str, start: int, end: int) -> Iterator[Candidate]:
    for m in _PEM_BEGIN.finditer(text, start, end):
        kind = (m.group(1) or "").strip()
        body, length, template = _pem_body(text[m.end() : m.end() + MAX_PEM])
        marker = f"BEGIN {kind + ' ' if kind else ''}PRIVATE KEY"
        title = f"{kind} private key" if kind else "private key"
        if template or len(body) < 64 or tu.entropy(body) < 4.0:
            yield Candidate(
                "private-key", "EG321", title, marker, m.start(), m.end(), PRIORITY_PRIVATE_KEY, report=False
            )
            continue
        yield Candidate(
            "private-key",
            "EG321",
            title,
            body,
            m.start(),
            m.end() + length,
            PRIORITY_PRIVATE_KEY,
            ds_type="Private Key",
            ds_variants=(("Private Key", marker),),
        )
    for m in _PUTTY.finditer(text, start, end):
        window = text[m.end() : m.end() + MAX_PEM]
        priv = re.search(r"Private-Lines: \d+\s+((?:[A-Za-z0-9+/=]+\s+)+)", window)
        if priv is None:
            continue
        body = "".join(priv.group(1).split())
        yield Candidate(
            "private-key",
            "EG321",
            "PuTTY private key",
            body,
            m.start(),
            m.end() + priv.end(),
            PRIORITY_PRIVATE_KEY,
            ds_type="Private Key",
            ds_variants=(("Private Key", "PuTTY-User-Key-File-2"),) if "File-2" in m.group() else (),
        )


# --- base64-encoded secrets --------------------------------------------------------------

# A PEM block base64-encoded as a whole (kubeconfig ``client-key-data``, a Kubernetes
# Secret's ``tls.key``, Helm values): its ``-----BEGIN`` reads ``LS0tLS1CRUdJTi``.
_B64_PEM = lazy(r"LS0tLS1CRUdJTi[A-Za-z0-9+/]{40,}={0,2}")


def _b64decode(blob: str) -> str | None:
    """Printable text encoded in ``blob`` (standard alphabet), or None."""
    blob = blob[: len(blob) - len(blob) % 4] if "=" not in blob else blob
    try:
        raw = base64.b64decode(blob, validate=True)
    except (binascii.Error, ValueError):
        return None
    try:
        decoded = raw.decode("ascii")
    except UnicodeDecodeError:
        return None
    return decoded if decoded.isprintable() or decoded.strip("\r\n").replace("\n", "").isprintable() else None


def encoded_pem_candidates(text: str, start: int, end: int) -> Iterator[Candidate]:
    for m in _B64_PEM.finditer(text, start, end):
        decoded = _b64decode(m.group())
        if decoded is None:
            continue
        for c in private_key_candidates(decoded, 0, min(len(decoded), 200)):
            if c.report:
                yield Candidate(
                    "private-key",
                    "EG321",
                    f"{c.title} (base64-encoded)",
                    c.secret,
                    m.start(),
                    m.end(),
                    PRIORITY_PRIVATE_KEY,
                    ds_type="Private Key",
                )
                break


# --- JSON Web Tokens ---------------------------------------------------------------------

_JWT = lazy(r"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*")


def _b64json(part: str) -> object:
    try:
        return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except (ValueError, binascii.Error):
        return None


def jwt_candidates(text: str, start: int, end: int, *, now: float | None = None) -> Iterator[Candidate]:
    for m in _JWT.finditer(text, start, end):
        token = m.group()
        parts = token.split(".")
        header, claims = _b64json(parts[0]), _b64json(parts[1])
        variants = ds_variants(_DS_JWT, token)
        s, e = m.span()
        if not isinstance(header, dict) or not isinstance(claims, dict) or "alg" not in header:
            continue
        clear = Candidate("jwt", "EG325", "JSON Web Token", token, s, e, PRIORITY_JWT, report=False)
        role = claims.get("role")
        if claims.get("iss") == "supabase-demo" or (
            claims.get("sub") == "1234567890" and claims.get("name") == "John Doe"
        ):
            clear.detail = "a documented example"
            yield clear
            continue
        if claims.get("iss") == "supabase" or ("ref" in claims and role in ("anon", "service_role", "authenticated")):
            if role == "service_role":
                yield Candidate(
                    "supabase-service-role-key",
                    "EG320",
                    "Supabase service_role key",
                    token,
                    s,
                    e,
                    PRIORITY_PROVIDER,
                    ds_type="JSON Web Token",
                    ds_variants=variants,
                )
            else:
                clear.detail = "a Supabase anon key (public by design)"
                yield clear
            continue
        alg = str(header.get("alg", "")).lower()
        if alg in ("none", "") or not parts[2]:
            clear.detail = "an unsigned token"
            yield clear
            continue
        exp = claims.get("exp")
        current = time.time() if now is None else now
        if isinstance(exp, (int, float)) and exp < current:
            clear.detail = "expired"
            yield clear
            continue
        detail = "no expiry" if exp is None else "not expired"
        yield Candidate(
            "jwt",
            "EG325",
            "JSON Web Token",
            token,
            s,
            e,
            PRIORITY_JWT,
            detail=f"{header.get('alg')}, {detail}",
            ds_type="JSON Web Token",
            ds_variants=variants,
            strong=False,
        )


# --- credentials in URLs and auth headers ------------------------------------------------

_URL = lazy(
    r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]{0,30})://(?P<user>[^\s:/?#@'\"`<>{}\[\]\\]{0,256}):(?P<pw>[^\s/@'\"`<>\\]{1,256})@(?P<host>[^\s/?#:'\"`<>@\\,;]{1,256})"
)
LOCAL_HOSTS = words(
    """
    localhost 127.0.0.1 0.0.0.0 ::1 [::1] host.docker.internal db database postgres postgresql
    pg mysql mariadb redis cache mongo mongodb rabbitmq rabbit amqp minio localstack kafka
    elasticsearch es memcached smtp mailhog mailpit maildev keycloak vault consul sqlserver
    mssql oracle clickhouse nats
    """
)
_TEMPLATE_HOSTS = frozenset(
    {"host", "hostname", "server", "yourhost", "your-host", "myhost", "hostaddress", "address", "domain", "ip"}
)
_EXAMPLE_DOMAIN = lazy(
    r"(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|local|localhost|domain\.com|yourdomain\.com|host\.com)$",
    re.IGNORECASE,
)


def special_file_candidates(path: str, text: str) -> Iterator[Candidate]:
    """Credential files with a fixed layout and no keyword: ``.pgpass``
    (host:port:database:user:password)."""
    if path.rsplit("/", 1)[-1] not in (".pgpass", "pgpass.conf"):
        return
    offset = 0
    for line in text.split("\n"):
        fields = re.split(r"(?<!\\):", line)
        if len(fields) == 5 and not line.lstrip().startswith("#") and fields[4]:
            pw = fields[4].rstrip("\r")
            s = offset + len(line) - len(fields[4])
            reason = _weak_password(pw, fields[3])
            yield Candidate(
                "pgpass-password",
                "EG322",
                "password in a .pgpass file",
                pw,
                s,
                s + len(pw),
                PRIORITY_URL,
                report=reason is None,
                detail=reason,
                ds_type="Secret Keyword",
            )
        offset += len(line) + 1


def _weak_password(pw: str, user: str) -> str | None:
    low = pw.lower()
    if tu.is_reference(pw):
        return "a reference"
    if low in tu.DUMMY_VALUES or low == user.lower():
        return "a placeholder or default"
    if tu.demo_value(pw):
        return "marked as a demo or example value"
    if tu.placeholder(pw):
        return "a placeholder"
    if len(pw) < 3 or (pw.isdigit() and len(pw) <= 6):
        return "too short"
    if tu.is_sequential(pw):
        return "sequential"
    if re.match(r"\d{1,5}(?:[,/]|$)", pw):
        return "a port, not a password (a multi-host URL)"
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", low) if p]
    if parts and all(p in tu.DUMMY_VALUES or p.isdigit() for p in parts):
        return "placeholder words"
    return None


def _local_host(host: str) -> bool:
    h = host.lower().rstrip(".")
    if h in LOCAL_HOSTS or h.endswith((".local", ".localhost", ".test", ".internal.test")) or h.startswith("127."):
        return True
    # A single-label name is a compose or cluster service (`hoppscotch-db`, `typebot-db`):
    # reachable only inside that network, where the stack's own default password lives.
    return bool(h) and "." not in h and ":" not in h


def url_candidates(text: str, start: int, end: int) -> Iterator[Candidate]:
    for m in _URL.finditer(text, start, end):
        user, pw, host = m.group("user"), m.group("pw"), m.group("host")
        scheme = m.group("scheme").lower()
        s, e = m.span("pw")
        if pw.lower() in ("x-oauth-basic", "x-access-token") and len(user) >= 20:
            pw, (s, e) = user, m.span("user")
        variants = ds_variants(_DS_BASIC_AUTH, m.group())
        # Sentry DSNs with the deprecated secret part: https://<32 hex>:<32 hex>@host/<id>
        if re.fullmatch(r"[0-9a-f]{32}", user) and re.fullmatch(r"[0-9a-f]{32}", pw):
            yield Candidate(
                "sentry-dsn-secret",
                "EG320",
                "Sentry DSN secret key",
                pw,
                s,
                e,
                PRIORITY_SENTRY,
                ds_type="Basic Auth Credentials",
                ds_variants=variants,
            )
            continue
        reason = _weak_password(pw, user)
        local = host.lower() in _TEMPLATE_HOSTS or _EXAMPLE_DOMAIN.search(host) or _local_host(host)
        # Local and documentation hosts carry throwaway defaults; report only a password
        # that looks generated.
        if reason is None and local and not tu.looks_random(pw, min_len=12):
            reason = "a default password on a local or example host"
        if reason is None and scheme in ("http", "https") and not user and len(pw) < 8:
            reason = "not a credential"
        yield Candidate(
            "url-password",
            "EG322",
            f"password in a {scheme}:// URL",
            pw,
            s,
            e,
            PRIORITY_URL,
            report=reason is None,
            detail=reason,
            ds_type="Basic Auth Credentials",
            ds_variants=variants,
        )


# --- passwords in connection strings that are not URLs -----------------------------------

# Go's MySQL driver: ``user:password@tcp(host:3306)/db`` (or ``unix(/path/to.sock)``). A
# ``scheme://`` before the user is a URL, handled above.
_GO_DSN = lazy(
    r"(?<![^\s\"'`=(,;])(?P<user>[^\s:@\"'`/(),;=]{0,64}):(?P<pw>[^\s\"'`]{1,256}?)@(?P<net>tcp6?|udp|unix)\((?P<addr>[^()\s\"'`]{0,256})\)"
)
# Keyword/value connection strings: libpq's ``host=… user=… password=… dbname=…``, and
# ADO.NET, ODBC, JDBC properties ``Server=…;Database=…;User Id=…;Password=…;``.
_KV_PASSWORD = lazy(r"(?<![\w.-])(?:password|pwd)[ \t]*=[ \t]*", re.IGNORECASE)
_KV_KEY = lazy(
    r"(?<![\w.-])(?P<k>host|hostaddr|server|address|addr|data[ \t]+source|datasource|network[ \t]+address|"
    r"user|user[ \t]*id|userid|username|uid|dbname|database|databasename|initial[ \t]+catalog|port|sslmode|"
    r"driver|dsn|protocol|integrated[ \t]+security|trusted_connection|encrypt|trustservercertificate|"
    r"connect_timeout|connection[ \t]+timeout|application_name|application[ \t]+name|options)[ \t]*=[ \t]*",
    re.IGNORECASE,
)
_NEXT_KEY = lazy(r"[A-Za-z_][\w \t]*=")
_HOST_KEYS = frozenset({"host", "hostaddr", "server", "address", "addr", "datasource", "networkaddress"})
_USER_KEYS = frozenset({"user", "userid", "username", "uid"})
_QUOTES = "\"'`"
# ``{0}`` (String.Format), ``?`` and the like: filled in at run time.
_FORMAT_SLOT = lazy(r"\{\d*\}|\?|:\w+|@\w+")


def _dsn_problem(pw: str, user: str, host: str | None) -> str | None:
    """Why the password of a connection string is not a leak, or None."""
    if not pw:
        return "no password"
    if pw.startswith("<") or _FORMAT_SLOT.fullmatch(pw):
        return "a placeholder"
    if "your" in pw.lower():
        return "a placeholder"
    reason = _weak_password(pw, user)
    if reason is None and host is not None:
        h = host.lower()
        local = h in _TEMPLATE_HOSTS or _EXAMPLE_DOMAIN.search(h) or _local_host(h) or h.startswith("(localdb)")
        if local and not tu.looks_random(pw, min_len=12):
            reason = "a default password on a local or example host"
    return reason


def _host_of(value: str) -> str:
    """``tcp:sql.acme.io,1433`` -> ``sql.acme.io``; ``db:5432`` -> ``db``; ``srv\\inst`` -> ``srv``."""
    v = value.strip()
    if v.lower().startswith(("tcp:", "np:", "lpc:")):
        v = v.split(":", 1)[1]
    for sep in (",", "\\"):
        v = v.split(sep, 1)[0]
    if v.count(":") == 1:
        v = v.split(":", 1)[0]
    return v


def _dsn_candidate(pw: str, s: int, user: str, host: str | None, variable: str | None) -> Candidate:
    reason = _dsn_problem(pw, user, host)
    return Candidate(
        "dsn-password",
        "EG322",
        "password in a connection string",
        pw,
        s,
        s + len(pw),
        PRIORITY_URL,
        report=reason is None,
        variable=variable,
        detail=reason,
        ds_type="Secret Keyword",
        ds_variants=(("Secret Keyword", pw),),
    )


def _string_bounds(text: str, start: int, end: int, pos: int, after: int) -> tuple[int, int]:
    """The quoted string (or the whole line segment) around ``pos``..``after``."""
    left = max(text.rfind(q, start, pos) for q in _QUOTES) + 1
    left = max(left, start)
    rights = [i for i in (text.find(q, after, end) for q in _QUOTES) if i >= 0]
    return left, min(rights) if rights else end


def dsn_candidates(text: str, start: int, end: int) -> Iterator[Candidate]:
    """Passwords in connection strings that are not URLs (EG322, like URLs)."""
    from envguard.scanner.keywords import assigned_name

    line_start = text.rfind("\n", 0, start) + 1
    if "@" in text[start:end]:
        for m in _GO_DSN.finditer(text, start, end):
            addr = m.group("addr")
            socket = "localhost" if m.group("net") == "unix" else _host_of(addr)
            variable = assigned_name(text[line_start:end], m.start() - line_start)
            yield _dsn_candidate(m.group("pw"), m.start("pw"), m.group("user"), socket, variable)
    for m in _KV_PASSWORD.finditer(text, start, end):
        j = m.end()
        before = text[start : m.start()].rstrip(" \t")
        if before.endswith(("&", "?")):
            continue  # a query string: ``?user=…&password=…`` is the keyword rule's
        semicolon = before.endswith(";")
        if j < end and text[j] == "'":
            close = text.find("'", j + 1, end)
            if close < 0:
                continue
            pw, vs, after = text[j + 1 : close], j + 1, close + 1
            if any(c.isspace() for c in pw) or "+" in pw:
                continue  # ``'password=' + pw + ' dbname=…'``: code around the string
        else:
            k = j
            stop = ";\n" + _QUOTES if semicolon else ";\n \t" + _QUOTES
            while k < end and text[k] not in stop:
                k += 1
            pw, vs, after = text[j:k].rstrip(), j, k
            if _NEXT_KEY.match(pw):
                continue  # ``password= dbname=app``: no password, the next key follows
            semicolon = semicolon or (k < end and text[k] == ";")
        ls, rs = _string_bounds(text, start, end, m.start(), after)
        keys = list(_KV_KEY.finditer(text, ls, rs))
        if len(keys) < (1 if semicolon else 2):
            continue  # ``password=…`` alone is an assignment: the keyword rule's business
        fields: dict[str, str] = {}
        for km in keys:
            name = re.sub(r"[ \t]", "", km.group("k").lower())
            vend = km.end()
            while vend < rs and text[vend] not in (";" if semicolon else "; \t"):
                vend += 1
            fields.setdefault(name, text[km.end() : vend].strip().strip("'"))
        host: str | None = next((_host_of(fields[k]) for k in fields if k in _HOST_KEYS), None)
        if host is None:
            url = re.search(r"://([^:/;?\s\"'`]+)", text[ls:rs])
            host = url.group(1) if url else None
        user = next((fields[k] for k in fields if k in _USER_KEYS), "")
        # The variable the string is assigned to: from its opening quote, or (unquoted,
        # in an env file) from its first key.
        first = ls if ls > start and text[ls - 1] in _QUOTES else min(keys[0].start(), m.start())
        variable = assigned_name(text[line_start:end], first - line_start)
        yield _dsn_candidate(pw, vs, user, host, variable)


_BASIC = lazy(r"(?<![A-Za-z0-9])[Bb]asic\s+(?P<v>[A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])")
_BEARER = lazy(r"(?<![A-Za-z0-9])(?:[Bb]earer|[Tt]oken|Bot)\s+(?P<v>[A-Za-z0-9._~+/=-]{16,})(?![A-Za-z0-9._~+/=-])")
_CURL_USER = lazy(r"(?:\s-u|--user)(?:\s+|=)['\"]?(?P<user>[^\s:'\"`$/]+):(?!//)(?P<pw>[^\s'\"`]*[^\s'\"`.,;:)])")


# Command lines that take a password as an argument.
_CLI_PASSWORD = lazy(
    r"(?:docker\s+login\b[^\n]*?\s(?:-p|--password)(?:\s+|=)|sshpass\s+-p\s*|"
    r"\bmysql(?:dump|admin)?\b[^\n]*?\s-p(?=[^\s-]))"
    r"(?P<q>['\"]?)(?P<pw>[^\s'\"]+)(?P=q)"
)


def auth_candidates(text: str, start: int, end: int) -> Iterator[Candidate]:
    for m in _CLI_PASSWORD.finditer(text, start, end):
        pw = m.group("pw")
        reason = _weak_password(pw, "")
        s, e = m.span("pw")
        yield Candidate(
            "cli-password",
            "EG322",
            "password on a command line",
            pw,
            s,
            e,
            PRIORITY_URL,
            report=reason is None,
            detail=reason,
            ds_type="Secret Keyword",
        )
    for m in _BASIC.finditer(text, start, end):
        raw = m.group("v")
        try:
            decoded = base64.b64decode(raw + "=" * (-len(raw) % 4), validate=True).decode("utf-8")
        except (ValueError, binascii.Error, UnicodeDecodeError):
            continue
        if ":" not in decoded or not decoded.isprintable():
            continue
        user, pw = decoded.split(":", 1)
        reason = _weak_password(pw, user) if pw else "no password"
        s, e = m.span("v")
        yield Candidate(
            "basic-auth-header",
            "EG322",
            "credentials in an HTTP Basic authorization header",
            raw,
            s,
            e,
            PRIORITY_URL,
            report=reason is None,
            detail=reason,
            ds_type="Basic Auth Credentials",
        )
    for m in _CURL_USER.finditer(text, start, end):
        user, pw = m.group("user"), m.group("pw")
        reason = _weak_password(pw, user)
        s, e = m.span("pw")
        yield Candidate(
            "cli-password",
            "EG322",
            "password in a `-u user:password` argument",
            pw,
            s,
            e,
            PRIORITY_URL,
            report=reason is None,
            detail=reason,
            ds_type="Basic Auth Credentials",
        )
    for m in _BEARER.finditer(text, start, end):
        token = m.group("v")
        s, e = m.span("v")
        ok = tu.looks_random(token, min_len=16) and not tu.placeholder(token) and not token.startswith("eyJ")
        yield Candidate(
            "bearer-token",
            "EG323",
            "hard-coded bearer token",
            token,
            s,
            e,
            PRIORITY_BEARER,
            report=ok,
            ds_type="Secret Keyword",
            strong=False,
        )


# --- random-looking string literals ------------------------------------------------------

_QUOTED = lazy(r"(?P<q>[\"'`])(?P<v>[A-Za-z0-9+/=_-]{24,256})(?P=q)")
_HASH_CONTEXT = lazy(
    r"(?:sha\d*|md5|hash|digest|checksum|integrity|etag|fingerprint|nonce|salt|signature|sig\b|crc|"
    r"uuid|guid|\bid\b|_id\b|\bids?\s*[=:]|kid|commit|revision|\brev\b|version|sri|base64|data:|font|icon|image|"
    r"img|svg|\bpath\b|\bd=|publickey|public_key|pubkey|ssh-(?:rsa|ed25519)|certificate|cert\b|"
    r"assert|expect|test_?vector|example|sample|fixture|cache|key_?id|\bsig=)",
    re.IGNORECASE,
)


def entropy_candidates(text: str, start: int, end: int, line_start: int) -> Iterator[Candidate]:
    for m in _QUOTED.finditer(text, start, end):
        value = m.group("v")
        s, e = m.span("v")
        if not _random_literal(value):
            continue
        before = text[max(line_start, s - 60) : s]
        if _HASH_CONTEXT.search(before):
            continue
        yield Candidate(
            "high-entropy-string",
            "EG326",
            "random-looking string",
            value,
            s,
            e,
            PRIORITY_ENTROPY,
            strong=False,
            ds_type="Base64 High Entropy String",
            ds_variants=(("Base64 High Entropy String", value),),
        )


# Prefixed object IDs (Stripe ``price_…``, ``cus_…``, Vercel ``prj_…``): identifiers, and
# secret prefixes are the provider detectors' business.
_OBJECT_ID = lazy(r"[a-z]{2,10}_[A-Za-z0-9]{8,}$")


def _random_literal(value: str) -> bool:
    if tu.is_hex(value) or tu.is_uuid(value):
        return False
    chars = set(value)
    if not (chars & tu.LOWER and chars & tu.UPPER and chars & tu.DIGITS):
        return False
    if value.startswith(("nonce-", "sha256-", "sha384-", "sha512-")):
        return False  # CSP sources and SRI: per-response nonces and content hashes
    if value.startswith(("AAAA", "MII", "eyJ")):
        # SSH public keys, DER certificates, JWT parts
        return False
    if value.count("/") >= 2 or value.count("-") >= 3 or value.count("_") >= 3 or "=" in value.rstrip("="):
        return False
    if _OBJECT_ID.match(value):
        return False
    if "/" in value and all(tu.is_identifier_like(seg, acronyms=True) for seg in value.split("/") if seg):
        return False  # a path of words
    if tu.demo_value(value):
        return False
    return tu.looks_random(value, min_len=24) and not tu.placeholder(value)
