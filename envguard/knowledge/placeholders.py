"""Is this value a "fill me in" placeholder rather than a real value?

Used everywhere a real value and a template must be told apart: type validation (a
placeholder URL is reported as a placeholder, not as a malformed URL), the example-file
rules (placeholders are what an example should hold), the strength rules and the
scanner's false-alarm filters. The word list and the documented example credentials are
data files in ``envguard/data``.

Returns a short reason (safe to print: it never quotes the value) or ``None``.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
from collections.abc import Callable
from pathlib import Path

_DATA = Path(__file__).with_name("data")

# Provider prefixes whose placeholder forms are common: `sk_test_***`, `sk_live_xxxx`,
# `sk-xxxxxxxx`, `gsk_xxx`, `whsec_...`, `pk_test...` (no underscore after "test",
# stripe-samples), `re_your_resend_api_key_here`.
_PREFIX = r"(?:[sprk]k[_-](?:live|test)_?|whsec_|price_|prod_|acct_|cus_|sk-(?:proj-|ant-)?|gsk_|re_|phc_|phx_|SG\.|xox[bp]-|ghp_|npm_|sbp_|sb_(?:secret|publishable)_|signkey-(?:prod|test)-|AKIA|GOCSPX-|pk\.|sk\.)"
# Case-sensitive (?-i:...) where a random key could otherwise match: `xXxX` is noise, not
# a filler, and `my` + anything would swallow every key whose body starts with "my".
_FILLER = r"(?:(?-i:x+|X+)|\*+|\.+|…|_+|-+|0+|<[^>]*>|\{[^}]*\}|\[[^\]]*\]|(?-i:(?:your|my|YOUR|MY)(?:[-_][a-z]+)+)|\.\.\.[\w-]*|key|token|secret|here)"

_PREFIX_STARTS = (
    "sk",
    "pk",
    "rk",
    "whsec_",
    "price_",
    "prod_",
    "acct_",
    "cus_",
    "gsk_",
    "re_",
    "phc_",
    "phx_",
    "sg.",
    "xox",
    "ghp_",
    "npm_",
    "sbp_",
    "sb_",
    "signkey-",
    "akia",
    "gocspx-",
)
_WORD_STARTS = ("your", "my", "insert", "enter", "put", "add", "paste", "replace", "generate", "set")


def _template_tail(low: str) -> bool:
    """The last path segment could be a DSN template's (``…/xxx``, ``…/<project-id>``)."""
    tail = low.rstrip("/").rsplit("/", 1)[-1]
    return bool(tail) and (set(tail) in ({"x"}, {"*"}) or tail in ("...", "…") or tail.startswith(("<", "project")))


# (cheap gate on the lower-cased value, pattern, reason). The gate keeps the common case
# (a real value) from compiling and running a dozen regular expressions: this runs for
# every variable on the pre-commit path.
_RULES: tuple[tuple[Callable[[str], bool], str, str], ...] = (
    (lambda low: "<" in low, r"<[^<>]{1,80}>", "an <angle-bracket> template"),
    (lambda low: "<" in low, r".*<[A-Za-z][\w .-]{0,60}>.*", "a value with a <TEMPLATE> part"),
    (lambda low: "{{" in low, r"\{\{[^{}]{1,80}\}\}", "a {{template}} placeholder"),
    # `[get-from-auth0-dashboard]`, `[generate-a-random-32-char-string]`; a letter is required
    # so that a JSON list such as `[1]` is not one.
    (lambda low: low.startswith("["), r"\[(?=[^\]]*[A-Za-z])[A-Za-z0-9 _.-]{1,60}\]", "a [bracketed] placeholder"),
    (lambda low: low.startswith("%"), r"%[A-Z_]{2,40}%", "a %TEMPLATE% placeholder"),
    (lambda low: low.startswith(_PREFIX_STARTS), _PREFIX + _FILLER + r"?", "a provider prefix with no key after it"),
    (
        lambda low: low.startswith(_WORD_STARTS),
        r"(?:your|my|insert|enter|put|add|paste|replace|generate|set)[-_ ]?(?:own[-_ ]?)?[\w -]{0,40}?(?:key|secret|token|password|pass|id|here|url|dsn|value)[-_ ]?(?:here)?",
        "a 'your-key-here' placeholder",
    ),
    (lambda low: "here" in low, r"[\w-]{0,40}[-_](?:here|goes[-_]here)", "a '...-here' placeholder"),
    (
        lambda low: low.startswith(("xxx", "***", "...", "…")),
        r"(?:(?-i:x{3,}|X{3,})(?![A-Za-z0-9])|(?-i:x{6,}|X{6,})|\*\*\*|\.\.\.|…)[\w.*…-]*",
        "an elided value",
    ),
    (
        lambda low: any(m in low for m in ("xxxxx", "***", "...", "…")),
        r".*(?:(?-i:x{5,}|X{5,})|\*{3,}|\.\.\.|…).*",
        "an elided value",
    ),
    (
        lambda low: "://" in low and any(m in low for m in ("...", "…", "<", "xxx")),
        # `xxx` only as a whole label (`https://xxx.supabase.co`): a random project ref may
        # contain the letters.
        r"(?:https?|postgres(?:ql)?|mysql|redis|rediss|mongodb(?:\+srv)?)://(?:[\w.-]*(?:\.\.\.|…|<|(?<![A-Za-z0-9])(?-i:x{3,}|X{3,})(?![A-Za-z0-9]))[^\s]*|\.\.\.[^\s]*)",
        "a URL template",
    ),
    (
        lambda low: "://" in low and "@" in low and "user" in low and "host" in low,
        r"[a-z+]+://(?:user(?:name)?|USER(?:NAME)?)(?::(?:pass(?:word)?|PASS(?:WORD)?|secret))?@(?:host|HOST|hostname|HOSTNAME)(?::(?:port|PORT|\d+))?(?:/.*)?",
        "a URL with template parts (user@host)",
    ),
    (
        lambda low: "://" in low and ":port" in low,
        r"[a-z+]+://[^/\s]*:(?:port|PORT)(?:/.*)?",
        "a URL whose port is the word 'port'",
    ),
    (
        lambda low: "://" in low and "@" in low and _template_tail(low),
        r"https?://[^@\s]*@[^/\s]*/(?:(?-i:x+|X+)|\.\.\.|<[^>]+>|project[-_]?id|\*+)/?",
        "a DSN template",
    ),
)


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_SECRET_ONLY_MARK = "# --- below:"


@functools.cache
def _words() -> tuple[frozenset[str], frozenset[str]]:
    """(words that are placeholders anywhere, words that are placeholders for secrets)."""
    text = (_DATA / "placeholders.txt").read_text(encoding="utf-8")
    always: set[str] = set()
    secret_only: set[str] = set()
    target = always
    for line in text.splitlines():
        if line.startswith(_SECRET_ONLY_MARK):
            target = secret_only
        elif line.strip() and not line.startswith("# "):
            target.add(line.strip().lower())
    return frozenset(always), frozenset(always | secret_only)


@functools.cache
def _documented_hashes() -> dict[int, frozenset[str]]:
    """length -> SHA-256 digests of documented example credentials of that length."""
    text = (_DATA / "documented-examples.sha256").read_text(encoding="utf-8")
    table: dict[int, set[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            length, digest = line.strip().split(":")
            table.setdefault(int(length), set()).add(digest)
    return {n: frozenset(d) for n, d in table.items()}


def is_documented_example(value: str) -> bool:
    """A credential a vendor prints in its docs (AKIAIOSFODNN7EXAMPLE, Stripe's doc keys)."""
    if "EXAMPLE" in value and re.search(r"EXAMPLE(?:KEY)?$", value):
        return True
    candidates = _documented_hashes().get(len(value))
    if candidates and hashlib.sha256(value.encode()).hexdigest() in candidates:
        return True
    # Supabase's self-hosting demo JWTs carry iss=supabase-demo.
    if value.startswith("eyJ"):
        from envguard.knowledge.providers import jwt_claims

        claims = jwt_claims(value)
        if claims is not None and claims.get("iss") == "supabase-demo":
            return True
    return False


def _made_up_body(value: str) -> bool:
    """A provider prefix followed by a run of consecutive characters or a couple of
    symbols (``sk_live_abcdefghijk``, ``ghp_1234567890``, ``re_abababab``): typed by hand,
    not issued. Random bodies step by +1 on about 1 pair in 60; these on nearly all."""
    from envguard.core.mask import known_prefix

    prefix = known_prefix(value)
    if prefix is None or "://" in prefix or prefix in ("eyJ", "gAAAAA", "-----BEGIN ", "file:"):
        return False
    body = value[len(prefix) :]
    if len(body) < 3:
        return False  # `re_` alone is caught by the prefix rule; `re_ab` says too little
    low = body.lower()
    if len(set(low)) <= 2:
        return True
    steps = sum(
        1 for a, b in itertools.pairwise(low) if ord(b) - ord(a) in (1, -1) or (a, b) in (("9", "0"), ("0", "1"))
    )
    return steps >= 0.8 * (len(low) - 1)


# An instruction written where the value goes: `your-super-secret-jwt-token-with-at-least-
# 32-characters-long` (Supabase), `replace_me_with_a_random_string_access` (Twenty),
# `LOCAL_ONLY_CHANGE_ME` (Novu), `fixme-postgres-password` (Healthchecks),
# `get_the_secret_of_above_key` (Outline). Only whole words and numbers qualify, so a
# random key (mixed-case, alphanumeric runs) never does.
_INSTRUCTION_LEADS = frozenset({"your", "replace"})
_SECRET_INSTRUCTION_LEADS = _INSTRUCTION_LEADS | {"insert", "enter", "put", "paste", "generate", "get", "fill"}
_HERE_WORDS = frozenset({"here", "aqui", "aquí", "ici", "hier", "qui"})
_CREDENTIAL_WORDS = frozenset({"key", "secret", "token", "id", "password", "value", "url", "dsn"})
_INSTRUCTION_WORDS = frozenset({"changeme", "changethis", "replaceme", "fixme"})
_INSTRUCTION_PAIRS = frozenset({("change", "me"), ("change", "this"), ("replace", "me"), ("fix", "me")})


def _instruction_phrase(value: str, *, secret: bool) -> bool:
    parts = [p for p in re.split(r"[-_ .]+", value) if p]
    # Words, numbers and sizes (`32CHARS`, `64hex`).
    if not 2 <= len(parts) <= 16 or not all(p.isalpha() or re.fullmatch(r"\d+[A-Za-z]*", p) for p in parts):
        return False
    words = [p.lower() for p in parts]
    if words[0] in _INSTRUCTION_LEADS:
        return True
    if words[-1] in _HERE_WORDS and _CREDENTIAL_WORDS.intersection(words):
        return True  # `tu_anon_key_aqui` (Spanish: your anon key here), not `Click here`
    if words[0] in _SECRET_INSTRUCTION_LEADS and (secret or _CREDENTIAL_WORDS.intersection(words)):
        return True  # `get_a_key_from_slack`, but not a title such as `Get Things Done`
    return any(w in _INSTRUCTION_WORDS for w in words) or any(
        pair in _INSTRUCTION_PAIRS for pair in itertools.pairwise(words)
    )


_FILLER_CHARS = frozenset("xX*-._#•…")


def is_filler(value: str) -> bool:
    """Nothing but a masking character: ``xxxx``, ``****`` (Hoppscotch), ``---``
    (Healthchecks). A placeholder, not a weak secret somebody chose."""
    v = value.strip()
    return len(v) >= 2 and len(set(v)) == 1 and v[0] in _FILLER_CHARS


_NAME_ECHO_TAILS = ("", "number", "value", "here")


def _echoes_name(value: str, name: str, *, secret: bool) -> bool:
    """``DB_PASSWORD=db_password``, ``DB_PORT=db_port_number`` (nest-book): the value is
    the variable's own name, written where the value goes. For a setting that is not a
    secret the bare name may be a real value (``POSTGRES_DB=postgres_db``); only a
    ``..._number``/``_value``/``_here`` tail makes it a placeholder there."""
    v = re.sub(r"[^a-z0-9]", "", value.lower())
    n = re.sub(r"[^a-z0-9]", "", name.lower())
    tails = _NAME_ECHO_TAILS if secret else _NAME_ECHO_TAILS[1:]
    return len(n) >= 4 and any(v == n + tail for tail in tails)


# Each rule family asks about the same values (strength, exposure, key modes, key
# material): one answer per value and process. Bounded, since a long-lived process may
# check many environments; the values are the process's own configuration anyway.
_MEMO: dict[tuple[str, bool], str | None] = {}
_MEMO_MAX = 2048


def placeholder_reason(value: str, *, secret: bool = True, name: str | None = None) -> str | None:
    """Why ``value`` looks like a placeholder, or ``None`` if it looks like a real value.

    ``secret=False`` is for variables that are not secrets, where words such as ``test``
    or ``default`` are ordinary values. ``name`` (the variable's) lets a value that only
    repeats the name count as a placeholder.
    """
    v = value.strip().strip("'\"`").strip()
    if not v:
        return None
    if name is not None and _echoes_name(v, name, secret=secret):
        return "the variable's own name"
    key = (v, secret)
    try:
        return _MEMO[key]
    except KeyError:
        pass
    reason = _placeholder_reason(v, secret=secret)
    if len(_MEMO) >= _MEMO_MAX:
        _MEMO.clear()
    _MEMO[key] = reason
    return reason


def _placeholder_reason(v: str, *, secret: bool) -> str | None:
    if not secret and v.lstrip("+-").replace(".", "", 1).isdigit():
        return None  # 99999 is a fine port or limit; repeated digits only look fake in secrets
    low = v.lower()
    if low in _words()[1 if secret else 0]:
        return "a placeholder word"
    if len(v) > 512:
        return None
    if len(v) >= 3 and len(set(v)) == 1:
        return "an elided value" if is_filler(v) else "one character repeated"
    for gate, pattern, why in _RULES:
        if gate(low) and _compiled(pattern).fullmatch(v):
            return why
    if _made_up_body(v):
        return "a provider prefix followed by a made-up sequence"
    if _instruction_phrase(v, secret=secret):
        return "an instruction to replace it"
    if is_documented_example(v):
        return "a documented example credential"
    return None


def is_placeholder(value: str, *, secret: bool = True) -> bool:
    return placeholder_reason(value, secret=secret) is not None
