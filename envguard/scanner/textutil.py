"""Small pure functions the detectors share: entropy, character classes, and the tests
that tell a secret value from an identifier, a reference, a path or a placeholder.

Everything here takes a value and returns a number, a bool or a short reason; nothing
returns or logs the value.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter


class _LazyPattern:
    """A regular expression compiled on first use: the scanner has dozens, and a commit
    of three files should not pay for compiling the ones it never needs."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str) -> object:
        compiled = re.compile(*self._args)
        for attr in ("search", "match", "fullmatch", "finditer", "findall", "sub", "split", "pattern"):
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return _LazyPattern(pattern, flags)  # type: ignore[return-value]


LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
DIGITS = frozenset("0123456789")
HEXCHARS = frozenset("0123456789abcdefABCDEF")
VOWELS = frozenset("aeiouAEIOU")


def words(text: str) -> frozenset[str]:
    """A set of whitespace-separated words (tables kept readable in the source)."""
    return frozenset(text.split())


def entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    if not value:
        return 0.0
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def classes(value: str) -> int:
    """How many of lower, upper, digit, other occur in ``value``."""
    chars = set(value)
    return bool(chars & LOWER) + bool(chars & UPPER) + bool(chars & DIGITS) + bool(chars - LOWER - UPPER - DIGITS)


def is_hex(value: str) -> bool:
    return bool(value) and set(value) <= HEXCHARS


_UUID_RE = lazy(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def is_uuid(value: str) -> bool:
    return _UUID_RE.fullmatch(value) is not None


_SEQUENCES = (
    "abcdefghijklmnopqrstuvwxyz",
    "0123456789012345678901234567890",
    "qwertyuiopasdfghjklzxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "zyxwvutsrqponmlkjihgfedcba",
    "9876543210987654321",
)


def is_sequential(value: str) -> bool:
    """``abcdef``, ``123456``, ``qwerty``, ``ABCDEF123456``-like runs."""
    stripped = re.sub(r"[^a-z0-9]", "", value.lower())
    if len(stripped) < 4:
        return False
    if any(stripped in seq for seq in _SEQUENCES):
        return True
    # A value made of a few sequential runs (letters then digits) is still sequential.
    parts = re.findall(r"[a-z]+|[0-9]+", stripped)
    return len(parts) <= 3 and all(any(p in seq for seq in _SEQUENCES) for p in parts)


def has_run(value: str, length: int = 5) -> bool:
    """Five or more consecutive ascending characters (``ABCDE``, ``56789``): an alphabet
    or a test pattern, rare by chance in a random string."""
    run = 1
    for a, b in itertools.pairwise(value):
        run = run + 1 if ord(b) == ord(a) + 1 else 1
        if run >= length:
            return True
    return False


_MARKERS = lazy(
    r"demo|example|sample|dummy|fake|placeholder|insecure|notreal|not-real|changeme|change-me|redacted|lorem|do-?not-?use",
    re.IGNORECASE,
)


def demo_value(value: str) -> bool:
    """A value that says it is not real (``pscale_pw_demo``, ``insecure-dev-key``), also
    when base64-encoded (``ZGVtby1zZWNyZXQ=``)."""
    if _MARKERS.search(value):
        return True
    if len(value) >= 8 and len(value) % 4 == 0 and _B64.fullmatch(value):
        import base64
        import binascii

        try:
            decoded = base64.b64decode(value, validate=True)
        except (ValueError, binascii.Error):
            return False
        if decoded.isascii():
            text = decoded.decode("ascii")
            if text.isprintable() and (_MARKERS.search(text) or text.lower() in DUMMY_VALUES):
                return True
            parts = [p for p in re.split(r"[^A-Za-z0-9]+", text.lower()) if p]
            if text.isprintable() and parts and all(p in DUMMY_VALUES for p in parts):
                return True  # ``username:password``
    return False


_B64 = lazy(r"[A-Za-z0-9+/]+={0,2}")


def vowel_ratio(value: str) -> float:
    letters = [c for c in value if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if c in VOWELS) / len(letters)


_CAMEL_SPLIT = lazy(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def name_tokens(name: str) -> list[str]:
    """``dbPassword`` -> [db, password]; ``AWS_SECRET_ACCESS_KEY`` -> [aws, secret, access, key]."""
    return [t.lower() for t in _CAMEL_SPLIT.findall(name)]


# --- values that are not secrets ---------------------------------------------------------

_REFERENCE_RE = lazy(
    r"""
    ^\$\{ | ^\$\( | ^\$[A-Za-z_] | ^%\([\w.]+\)[sdr] | ^%[A-Za-z_]\w*%$ | ^%[sdr]$ | ^\#\{ | ^<%
    | \{\{ | \}\} | \$\{ | \{[A-Za-z_][\w.()\[\]"',:+\ -]*(?:\}|$) | ^\{\}?$ | ^\(\([\w. -]+\)\)$
    | <[\w\ -]{1,40}(?:>|$)
    | ^!(?:Ref|Sub|GetAtt|ImportValue|vault|env|secret) | ^!!
    | ^(?:env|secret|secrets|vault|ssm|sm|awssm|gcpsm|azkv|op|doppler|infisical|file|arn)[:.]
    | ^(?:process\.env|os\.environ|os\.getenv|ENV\[|System\.getenv|getenv\(|env\(|config\()
    """,
    re.VERBOSE,
)


def is_reference(value: str) -> bool:
    """An environment or template lookup rather than a literal: ``${X}``, ``$X``,
    ``{{ secrets.X }}``, ``%(x)s``, ``!Ref X``, ``op://vault/item``, ``arn:aws:...``."""
    if _REFERENCE_RE.search(value) is not None:
        return True
    return value.startswith(("op://", "vault://", "sm://", "ssm://", "akv://", "secretsmanager://"))


# Values that are plainly defaults in local setups, docs and tests. Compared lower-cased.
DUMMY_VALUES = words(
    """
    password passw0rd pass passwd pwd secret secrets token apikey api_key api-key key
    changeme change_me change-me changeit default none null nil undefined true false yes no
    on off empty blank dummy fake mock sample example test testing tester test123 test1234
    admin administrator root user username guest demo postgres mysql mariadb redis mongo
    mongodb rabbitmq minio minioadmin localstack sa oracle elastic kibana airflow keycloak
    foo bar baz qux foobar foobarbaz hello world helloworld abc123 abcdef letmein qwerty
    mysecretpassword mysecret supersecret topsecret notasecret not-a-secret secret123
    password123 password1 pass123 admin123 root123 123456 12345678 123456789
    xxxxxx yyyyyy zzzzzz hidden redacted masked removed omitted sensitive private
    string str bytes int text value your_password your_token your_secret your_api_key
    """
)

_IDENTIFIER_RES = (
    lazy(r"[a-z]+(?:[_.\-/][a-z]+)*"),  # snake, kebab, dotted lower words
    lazy(r"[A-Z]+(?:[_.\-][A-Z]+)*"),  # CONSTANT_NAMES
    lazy(r"[a-z]+(?:[A-Z][a-z]+)+"),  # camelCase words
    lazy(r"(?:[A-Z][a-z]+)+"),  # PascalCase words
    lazy(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+"),  # snake_case with a version digit (api_v2_key)
)


_WORDISH = lazy(r"[A-Za-z0-9_.\-/:$]+")


def is_identifier_like(value: str, *, heuristic: bool = True, acronyms: bool = False) -> bool:
    """Words joined as code joins them: ``api_key``, ``PASSWORD``, ``clientSecret``,
    ``TF2_RemovePlayerDisguise``, ``ASAccountAuthenticationRequest``.

    With ``heuristic``, a value also counts as words when nearly all its letters sit in
    pronounceable runs (a vowel, no four consonants in a row) of which one has at least
    four letters; random strings break into short runs. About 1 in 60 random
    alphanumeric strings of 12 characters pass for words, 1 in 20000 of 32.
    """
    if any(r.fullmatch(value) for r in _IDENTIFIER_RES):
        return True
    if not heuristic or not _WORDISH.fullmatch(value):
        return False
    letters = sum(1 for c in value if c.isalpha())
    digits = sum(1 for c in value if c.isdigit())
    if letters < 6 or digits > 3:
        return False
    tokens = _CAMEL_SPLIT.findall(value)
    runs = [t for t in tokens if t.isalpha() and _pronounceable(t)]
    if not runs:
        return False
    if value.isalpha() and max(len(t) for t in runs) >= 5:
        # Letters only: CamelCase phrases (``IAmSensitive``) are examples, and random
        # passwords of letters alone are rare.
        covered = sum(len(t) for t in tokens if t.isalpha() and (_pronounceable(t) or (len(t) <= 2 and t[0].isupper())))
        return covered / letters >= 0.8
    if len(runs) < 2 or max(len(t) for t in runs) < 4:
        return False
    covered = sum(len(t) for t in runs)
    if acronyms:
        # ``SQLTextWave``, ``UISearchToken``: short capitals before a capitalised word.
        covered += sum(
            len(t)
            for t, nxt in itertools.pairwise(tokens)
            if t.isupper() and 2 <= len(t) <= 3 and len(nxt) >= 3 and nxt[0].isupper() and nxt[1:].islower()
        )
    return covered / letters >= 0.8


_CONSONANTS4 = lazy(r"[^aeiouyAEIOUY]{4}")


def _pronounceable(run: str) -> bool:
    return (
        len(run) >= 3
        and any(c in "aeiouyAEIOUY" for c in run)
        and _CONSONANTS4.search(run) is None
        and not (run.isupper() and len(run) > 4)
    )


_PATHISH = lazy(
    r"^(?:~|\.{1,2})?/[\w.@-]*(?:/[\w.@-]*)*$|^[A-Za-z]:\\|^\\\\|^[\w.-]+\.(?:pem|key|crt|cer|der|p12|pfx|jks|json|ya?ml|txt|env|pub|ppk|asc|gpg|cfg|conf|ini|toml|properties|js|ts|py)$"
)
_COLOR = lazy(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_REGEXISH = lazy(r"\\[wdsbWDSB]|\(\?[:=!<P]|\[\^|^\^.*\$$")
_EMAIL = lazy(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_HASH_PREFIX = lazy(
    r"^(?:sha(?:1|224|256|384|512)|md5|blake2[bs]?|crc32)[:=-]|^\$(?:2[abxy]?|argon2(?:id|i|d)|pbkdf2[\w-]*|scrypt|[156])\$",
    re.IGNORECASE,
)
_NUMBERISH = lazy(r"^[+-]?(?:\d+(?:[.,_]\d+)*|0x[0-9a-fA-F]+)(?:[a-zA-Z%]{0,3})$")
_VERSIONISH = lazy(r"^v?\d+(?:\.\d+){1,3}(?:[-+.][\w.]+)?$")
_DATEISH = lazy(r"^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?$")


# Encrypted at rest: jasypt ENC(...), sops ENC[...], dotenvx, Vault transit, Ansible vault,
# sealed secrets.
_ENCRYPTED = lazy(r"ENC\(.+\)$|ENC\[[A-Z0-9_]+,|encrypted:|vault:v\d+:|\$ANSIBLE_VAULT;|Ag[A-D][A-Za-z0-9+/]{200,}")


# ``settings.STRIPE_SECRET_KEY``, ``config.get_secret()``, ``env.str("X")``: code in a
# Markdown snippet or a template, not a value.
_CALL = lazy(r"(?P<callee>[A-Za-z_$][\w$.]*)\([^()]*\)")
_DOTTED = lazy(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+")


def _is_expression(value: str) -> bool:
    """Attribute access or a call, when every part reads as a name (random passwords
    contain dots and parentheses too)."""
    m = _CALL.fullmatch(value)
    target = m.group("callee") if m else value if _DOTTED.fullmatch(value) else None
    if target is None:
        return False
    if "." not in target:
        # A plain call: ``getenv(``, ``get_secret(``; not ``OY(`` or ``nFgtb(``.
        return _FUNCTION_NAME.fullmatch(target) is not None and any(c in "aeiouy" for c in target)
    return all(len(p) >= 2 and is_identifier_like(p) for p in target.split("."))


_FUNCTION_NAME = lazy(r"[a-z_][a-z0-9_]{2,}")


def non_secret_shape(value: str, *, heuristic: bool = True) -> str | None:
    """Why ``value`` is shaped like something other than a secret, or ``None``."""
    if is_reference(value):
        return "a reference to a variable or secret store"
    if _ENCRYPTED.match(value):
        return "an encrypted value"
    if _is_expression(value):
        return "an expression (attribute access or a call)"
    if "://" in value:
        return "a URL"
    if value.startswith("<"):
        return "a <template>"
    if _COLOR.fullmatch(value):
        return "a colour"
    if _REGEXISH.search(value):
        return "a regular expression"
    if _PATHISH.search(value) and not ("." not in value and looks_random(value.replace("/", ""), min_len=16)):
        return "a path or file name"
    if _EMAIL.match(value):
        return "an email address"
    if _HASH_PREFIX.search(value):
        return "a hash"
    if _NUMBERISH.match(value) or _VERSIONISH.match(value) or _DATEISH.match(value):
        return "a number, version or date"
    if is_identifier_like(value, heuristic=heuristic):
        return "an identifier"
    return None


def placeholder(value: str) -> str | None:
    from envguard.knowledge.placeholders import placeholder_reason

    return placeholder_reason(value, secret=True)


def documented_example(value: str) -> bool:
    from envguard.knowledge.placeholders import is_documented_example

    return is_documented_example(value)


_CODE_CHARS = lazy(r"[\s\"'`\[\]{}<>,;\\|]")


def looks_random(value: str, *, min_len: int = 16) -> bool:
    """A machine-generated token rather than words: long enough, mixed, high entropy."""
    n = len(value)
    if n < min_len or _CODE_CHARS.search(value):
        return False
    if is_identifier_like(value, acronyms=n >= 20) or has_run(value):
        return False
    h = entropy(value)
    if is_hex(value):
        return n >= 32 and h >= 3.0 and not value.isdigit()
    chars = set(value)
    has_digit, has_upper, has_lower = bool(chars & DIGITS), bool(chars & UPPER), bool(chars & LOWER)
    # Generated tokens nearly always hold a digit; without one, demand mixed case.
    if not has_digit and not (has_upper and has_lower and n >= 20):
        return False
    if classes(value) < 2:
        return False
    # A random string of n characters drawn from ~64 symbols has an entropy close to
    # log2(n) for short strings; words and identifiers stay well below it.
    target = min(4.2, 0.78 * math.log2(n))
    if h < target:
        return False
    letters = sum(1 for c in value if c.isalpha())
    # Random base62 has ~16% vowels among letters; identifiers have twice that.
    return not (letters >= 8 and vowel_ratio(value) > 0.38 and not has_digit)
