"""The one place that turns a value into something printable.

Every message that mentions a value goes through :func:`describe`, which shows at most a
well-known provider prefix and a length. Prefixes come from a fixed allow-list: a generic
"leading word" rule would leak the first word of a passphrase.
"""

from __future__ import annotations

# Prefixes that identify a credential's provider and kind without revealing any of its
# random part. Longest first so that ``sk-ant-api03-`` wins over ``sk-``.
_KNOWN_PREFIXES = (
    "sk-ant-admin01-",
    "sk-or-v1-",
    "sk-ant-api03-",
    "sk-svcacct-",
    "sk-service-",
    "sk-admin-",
    "signkey-prod-",
    "signkey-test-",
    "signkey-branch-",
    "github_pat_",
    "sk-proj-",
    "sk-ant-",
    "sb_publishable_",
    "sb_secret_",
    "xoxe.xoxp-",
    "xoxe.xoxb-",
    "mongodb+srv://",
    "postgresql://",
    "postgres://",
    "rediss://",
    "redis://",
    "mysql://",
    "mariadb://",
    "mongodb://",
    "https://",
    "http://",
    "file:",
    "sk_live_",
    "sk_test_",
    "pk_live_",
    "pk_test_",
    "rk_live_",
    "rk_test_",
    "whsec_",
    "sntrys_",
    "sntryu_",
    "GOCSPX-",
    "glpat-",
    "npm_",
    "NRAK-",
    "NRJS-",
    "NRII-",
    "cfut_",
    "cfat_",
    "cfk_",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "phc_",
    "phx_",
    "sbp_",
    "xoxb-",
    "xoxp-",
    "xapp-",
    "xoxa-",
    "xoxr-",
    "xoxe-",
    "AKIA",
    "ASIA",
    "AIza",
    "ya29.",
    "SG.",
    "re_",
    "gsk_",
    "hf_",
    "r8_",
    "xai-",
    "pplx-",
    "sk.",
    "pk.",
    "tk.",
    "sk-",
    "eyJ",
    "gAAAAA",
    "-----BEGIN ",
    "v1.0-",
)

_LONGEST_FIRST = tuple(sorted(_KNOWN_PREFIXES, key=len, reverse=True))

# A prefix may be shown only if the value is clearly longer than it, so that a
# placeholder like ``sk_live_`` alone is described by its length only.
_MIN_HIDDEN = 4


def a(noun: str) -> str:
    """``noun`` with its indefinite article: "an OpenAI API key", "a Stripe key", "an SES key"."""
    # An initialism is read letter by letter: "an AWS key", "a URL".
    vowel_sound = noun[0] in "AEFHILMNORSX" if noun[:2].isupper() else noun[:1].lower() in "aeiou"
    return f"an {noun}" if vowel_sound else f"a {noun}"


def known_prefix(value: str) -> str | None:
    """The provider prefix of ``value`` if it starts with one we know, else ``None``."""
    if not value.startswith(_LONGEST_FIRST):
        return None
    prefix = next(p for p in _LONGEST_FIRST if value.startswith(p))
    if len(value) - len(prefix) < _MIN_HIDDEN:
        return None
    return prefix


def describe(value: str, *, prefix: bool = True) -> str:
    """``'`sk_live_…` (107 chars)'`` or ``'(12 chars)'``: never any of the value's own characters."""
    length = f"{len(value)} char" + ("" if len(value) == 1 else "s")
    if prefix:
        p = known_prefix(value)
        if p is not None:
            return f"`{p}…` ({length})"
    if not value:
        return "(empty)"
    return f"({length})"
