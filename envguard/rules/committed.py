"""Block committing env files that hold real secret values (the envguard-env-files hook).

``envguard env-files [PATH...]`` reads each env file it is given (pre-commit passes the
staged ones) and reports the values that should never reach a repository: provider
credentials, private keys, URLs with real passwords, and real-looking values of
variables whose names say they are secret. Example and template files pass when they
hold placeholders or empty values, and so do values that are encrypted
(:func:`is_encrypted_value`), references to other variables (``${DB_PASSWORD}``) or to
a secret manager (``op://vault/item/field``), and well-known weak defaults (a value
everyone knows protects nothing).

With no paths it checks the env files git tracks or has staged under the current
directory (every env file under it outside a git work tree).

What a file is, by name:

* an *example* (``.env.example``, ``.env.sample``, ``.env.template``, ``.env.dist``,
  ``.env.defaults``, ``.env.production.example`` ...): documents variables, should hold
  no real credential;
* a *development or test* file (``.env.test``, ``.env.development``, ``.env.ci`` ...):
  often committed on purpose with throwaway values, so a hand-made value of a secret
  variable there is a warning, a random-looking one or a provider key an error;
* any other env file (``.env``, ``.env.local``, ``.env.production`` ...): every real
  secret value is an error.

Rules EG350-EG353 (``envguard rule EG350``). Inline ``# envguard: ignore[EG350]`` on the
line (or the line above) and ``per_file_ignores`` in ``envguard.yaml`` suppress, as for
``envguard check``. Nothing here prints a value: messages name the variable and describe
the value through :func:`envguard.core.mask.describe`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from envguard.core.findings import Finding, Severity
from envguard.core.record import Record
from envguard.rules.base import Rule

if TYPE_CHECKING:
    from envguard.sources.dotenv import Entry, EnvFile


# --- encrypted values ---------------------------------------------------------------------

# Values that are ciphertext, not secrets: safe to commit, since only the holder of the
# private key can read them. Each entry is (prefix, pattern of the whole value).
#
# * ``encrypted:<base64>``: dotenvx's per-value ECIES encryption, and the shape envguard's
#   own env-file encryption (EG5xx) writes;
# * ``ENC[AES256_GCM,data:...,iv:...,tag:...,type:str]``: Mozilla sops in dotenv mode.
#
# The encryption work extends this tuple (or calls register_encrypted_format) with its
# own prefixes; every caller goes through is_encrypted_value, so nothing else changes.
ENCRYPTED_FORMATS: list[tuple[str, str]] = [
    ("encrypted:", r"encrypted:[A-Za-z0-9+/_=-]{32,}"),
    ("ENC[", r"ENC\[[A-Z0-9_]+,data:[A-Za-z0-9+/=]*,iv:[A-Za-z0-9+/=]+,tag:[A-Za-z0-9+/=]+,type:\w+\]"),
]


def register_encrypted_format(prefix: str, pattern: str) -> None:
    """Accept values matching ``pattern`` (a full-match regex starting with ``prefix``)."""
    re.compile(pattern)  # a bad pattern fails here, not on the first value
    ENCRYPTED_FORMATS.append((prefix, pattern))


def is_encrypted_value(value: str) -> bool:
    """Is ``value`` ciphertext in a format envguard knows (so it may be committed)?

    A known prefix alone is not enough: ``encrypted:hunter2`` is a secret with a label,
    so the rest of the value must have the format's shape and length.
    """
    v = value.strip()
    return any(v.startswith(prefix) and re.fullmatch(pattern, v) for prefix, pattern in ENCRYPTED_FORMATS)


# --- rules --------------------------------------------------------------------------------


class SecretInEnvFile(Rule):
    """What it checks
    Env files that are being committed (``.env``, ``.env.local``, ``.env.production``,
    any env file that is not an example) and hold a real secret value: a provider
    credential (a Stripe, OpenAI, GitHub... key, recognised by its format), a private key,
    or a variable whose name says it is secret (``*_SECRET``, ``*_PASSWORD``, ``*_TOKEN``,
    ``*_KEY``...) set to something that is not a placeholder, a reference or a known
    default. In development and test files (``.env.test``, ``.env.development``), a
    hand-made value of a secret variable is a warning; a random-looking one is an error.

    Why it matters
    A value in git history is public to everyone who can clone the repository, forever:
    deleting the file later does not remove it. Rotating a leaked production key is
    an incident; not committing it is a hook.

    Example that fails
    ```
    # .env.production, staged
    STRIPE_SECRET_KEY=<a live Stripe secret key>
    SESSION_SECRET=<64 random hex characters>
    ```

    Example that passes
    ```
    # .env.production, staged
    STRIPE_SECRET_KEY=${STRIPE_SECRET_KEY}
    SESSION_SECRET=encrypted:BDb7t...   # ciphertext, decrypted at deploy time
    DATABASE_PASSWORD=op://prod/db/password
    ```

    Options
    Keep the file out of git (``.gitignore``) and commit a ``.env.example`` with the
    names only. Encrypted values (``encrypted:...``, sops ``ENC[...]``) pass. Suppress a
    line with ``# envguard: ignore[EG350]``.
    """

    code = "EG350"
    name = "secret-in-env-file"
    summary = "An env file being committed holds a real secret value."


class CredentialInExampleFile(Rule):
    """What it checks
    Example and template env files (``.env.example``, ``.env.sample``,
    ``.env.template``, ``.env.dist``...) that hold what looks like a real credential: a
    value in a provider's credential format that is not a placeholder or a documented
    example key, or a private key block. A value that a comment on or just above its line
    marks for development only ("local development only", "never use in production") is
    a warning, not an error.

    Why it matters
    Example files are committed and copied by every new developer. A real key in one is
    a leaked key, and a key that everyone copies ends up in production.

    Example that fails
    ```
    # .env.example
    OPENAI_API_KEY=<a real-looking sk-proj- key>
    ```

    Example that passes
    ```
    # .env.example
    OPENAI_API_KEY=sk-proj-xxxxxxxx
    STRIPE_SECRET_KEY=
    ```

    Options
    Replace the value with a placeholder or leave it empty. A deliberate demo key can be
    kept with ``# envguard: ignore[EG351]`` on its line.
    """

    code = "EG351"
    name = "credential-in-example-file"
    summary = "An example env file holds what looks like a real credential."


class RandomValueInExampleFile(Rule):
    """What it checks
    Variables whose names say they are secret (``JWT_SECRET``, ``ENCRYPTION_KEY``...)
    that an example file sets to a random-looking value (high entropy, no recognisable
    pattern) rather than a placeholder.

    Why it matters
    Either it is a real secret pasted into the template, or it is a shared development
    value that will be copied into every environment, production included. Both are
    worth a look; hand-made development defaults (``supersecret``) are not reported.

    Example that fails
    ```
    # .env.example
    ENCRYPTION_KEY=<32 random hex characters>
    ```

    Example that passes
    ```
    # .env.example
    ENCRYPTION_KEY=            # openssl rand -hex 32
    ```

    Options
    A warning: it blocks only with ``--fail-on warning``.
    """

    code = "EG352"
    name = "random-value-in-example-file"
    summary = "An example env file gives a secret variable a random-looking value."
    severity = Severity.WARNING


class PasswordInUrl(Rule):
    """What it checks
    URLs in env files being committed that carry a real password for a host that is not
    local: ``postgres://app:<password>@db.example.com/app``. Local hosts (``localhost``,
    ``127.0.0.1``, Docker service names without a dot), placeholders, references and
    well-known defaults (``postgres:postgres``) pass.

    Why it matters
    ``DATABASE_URL`` and ``REDIS_URL`` do not look secret by name, so they slip past
    reviews, yet they hold the database password.

    Example that fails
    ```
    DATABASE_URL=postgres://app:<real password>@db.prod.example.com:5432/app
    ```

    Example that passes
    ```
    DATABASE_URL=postgres://postgres:postgres@localhost:5432/app
    DATABASE_URL=postgres://app:${DB_PASSWORD}@db.prod.example.com:5432/app
    ```

    Options
    Suppress a line with ``# envguard: ignore[EG353]``.
    """

    code = "EG353"
    name = "password-in-url"
    summary = "An env file being committed holds a URL with a real password."


RULES: tuple[type[Rule], ...] = (SecretInEnvFile, CredentialInExampleFile, RandomValueInExampleFile, PasswordInUrl)


# --- what a file is -----------------------------------------------------------------------

# Patterns are kept as strings and compiled on first use (re caches them): this module
# is imported whenever the CLI builds its parser, and most runs never need them.
#
# File names this command (and the pre-commit hook's `files:` pattern) treats as env
# files: .env, .env.<anything>, <anything>.env, .env-<anything>, env.example-likes.
# `.dev.vars` is Cloudflare Wrangler's local env file (dotenv syntax).
ENV_FILE_RE = r"(?:\.env|\.env[.\-_][^/]*|[^/]+\.env|env\.(?:example|sample|template|dist)|\.dev\.vars(?:\.[^/]*)?)"
# Encrypted containers and code or data files whose names merely start with .env.
NOT_ENV_FILE_RE = (
    r".*\.(?:gpg|age|asc|enc|vault|pgp|kms|sops|"
    r"js|mjs|cjs|ts|mts|cts|jsx|tsx|py|rb|go|rs|java|php|sh|bash|ps1|json|ya?ml|toml|md|txt|lock|d\.ts)"
)
_EXAMPLE_RE = r"(?:^|[.\-_])(?:example|examples|sample|template|tmpl|tpl|dist|defaults?|schema)(?:$|[.\-_])"
_DEV_RE = r"(?:^|[.\-_])(?:test|tests|testing|dev|develop|development|ci|e2e|local-dev|demo)(?:$|[.\-_])"


def is_env_file_name(name: str) -> bool:
    """Would the hook look at a file with this base name?"""
    return re.fullmatch(ENV_FILE_RE, name) is not None and re.fullmatch(NOT_ENV_FILE_RE, name) is None


class FileRole(Record):
    example: bool
    development: bool

    @classmethod
    def of(cls, name: str) -> FileRole:
        low = name.lower()
        if low.startswith(".dev.vars"):
            # Wrangler reads .dev.vars (and .dev.vars.<env>) only for `wrangler dev`.
            return cls(example=re.search(_EXAMPLE_RE, low[9:]) is not None, development=True)
        stem = low[4:] if low.startswith(".env") else low
        if re.search(_EXAMPLE_RE, stem) or low.startswith("env."):
            return cls(example=True, development=False)
        return cls(example=False, development=re.search(_DEV_RE, stem) is not None)


# --- what a value is ----------------------------------------------------------------------

_REF_RE = r"\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*"
# Secret-manager references: the value names where the secret lives, not the secret.
_MANAGER_RE = (
    r"(?:op://|vault:|vault://|arn:aws:secretsmanager:|arn:aws:ssm:|sm://|gcpsm://|akv://|keyvault://|"
    r"doppler://|infisical://|projects/[\w-]+/secrets/)\S*"
)
_PEM_RE = r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
_URL_RE = r"[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#@]*:[^\s/?#@]*@[^\s/?#]+\S*"
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]", "host.docker.internal"})
_DEFAULT_PASSWORDS = frozenset(
    {"postgres", "password", "pass", "secret", "root", "admin", "example", "changeme", "mysql", "redis", "guest"}
)
# Values shorter than this are never called random: there is nothing to protect.
_MIN_RANDOM_LENGTH = 16
_MIN_RANDOM_BITS = 64.0


def is_reference(value: str) -> bool:
    """Only references to other variables or to a secret manager: no secret in it."""
    v = value.strip()
    if re.fullmatch(_MANAGER_RE, v):
        return True
    if "$" not in v:
        return False
    rest = re.sub(_REF_RE, "", v)
    return not re.search(r"[A-Za-z0-9]{4,}", rest)


def _unquote(value: str) -> str:
    return value.strip().strip("'\"`").strip()


class Verdict(Record):
    """Why a value is (or may be) a secret: safe to print, it never quotes the value."""

    kind: str  # "provider" | "private-key" | "url" | "random" | "hand-made" | "secret"
    what: str


def _known_weak(value: str) -> bool:
    try:
        from envguard.knowledge.strength import weak_reason
    except ImportError:  # pragma: no cover - strength ships with the core
        return value.lower() in _DEFAULT_PASSWORDS
    return weak_reason(value) is not None


def _looks_random(value: str) -> bool:
    if len(value) < _MIN_RANDOM_LENGTH or " " in value:
        return False
    try:
        from envguard.knowledge.strength import estimate
    except ImportError:  # pragma: no cover
        import math
        from collections import Counter

        counts = Counter(value)
        bits = -sum(c / len(value) * math.log2(c / len(value)) for c in counts.values()) * len(value)
        return bits >= _MIN_RANDOM_BITS
    est = estimate(value)
    return not est.patterned and est.bits >= _MIN_RANDOM_BITS


def url_password(value: str) -> tuple[str, str] | None:
    """(host, password) of a URL that embeds a real password for a non-local host: not a
    placeholder, not a default (``postgres``, the user name), not a local or compose host."""
    return _url_password(value)


def _url_password(value: str) -> tuple[str, str] | None:
    """(host, password) of a URL that embeds a real password for a non-local host."""
    m = re.search(_URL_RE, value)
    if m is None:
        return None
    from urllib.parse import unquote, urlsplit

    try:
        parts = urlsplit(m.group(0))
        password = parts.password
        host = parts.hostname or ""
        username = parts.username or ""
    except ValueError:
        return None
    if not password:
        return None
    password = unquote(password)
    if "$" in password or is_reference(password):
        return None
    from envguard.knowledge.placeholders import placeholder_reason

    if placeholder_reason(password, secret=True) or placeholder_reason(m.group(0), secret=False):
        return None
    if password.lower() in _DEFAULT_PASSWORDS or password == username or _known_weak(password):
        return None
    if host in _LOCAL_HOSTS or host.endswith((".local", ".localhost", ".internal", ".test")) or "." not in host:
        # Docker Compose service names (db, postgres, redis) have no dot.
        return None
    return host, password


def classify(name: str, value: str, *, judge_randomness: bool = True) -> Verdict | None:
    """What makes ``name=value`` a secret worth blocking, or None for a safe value.

    ``judge_randomness=False`` skips telling random values from hand-made ones (the
    strength estimator loads a dictionary) where the verdict would be the same: a real
    env file blocks both. Such values get the kind ``"secret"``.
    """
    from envguard.core.mask import describe
    from envguard.knowledge.placeholders import placeholder_reason

    v = _unquote(value)
    if not v or is_encrypted_value(v) or is_reference(v):
        return None
    if re.search(_PEM_RE, v):
        return Verdict("private-key", "a private key")
    if placeholder_reason(v, secret=True):
        return None
    from envguard.knowledge.providers import identify

    formats = identify(v, secret_only=True)
    if formats:
        fmt = formats[0]
        mode = fmt.mode_of(v)
        title = f"{mode} {fmt.title}" if mode in ("live", "test") else fmt.title
        article = "an" if title[:1].lower() in "aeio" else "a"
        return Verdict("provider", f"{article} {title}, {describe(v)}")
    url = _url_password(v)
    if url is not None:
        host, password = url
        return Verdict("url", f"a URL with the password for {host} {describe(password, prefix=False)}")
    from envguard.project.context import looks_secret_by_name
    from envguard.schema.model import public_prefix

    # Public by design: a publishable key format (pk_live_, phc_), or a variable the
    # framework ships to the browser (NEXT_PUBLIC_...), whose value is public anyway.
    if public_prefix(name) or identify(v):
        return None
    if not looks_secret_by_name(name) or _known_weak(v):
        return None
    if not judge_randomness:
        return Verdict("secret", f"a secret value {describe(v)}")
    if _looks_random(v):
        return Verdict("random", f"a random-looking value {describe(v)}")
    return Verdict("hand-made", f"a real-looking value {describe(v)}")


# --- the check ----------------------------------------------------------------------------


_KEEP_OUT = "keep the file out of git and commit a .env.example with the names only"


def _decide(verdict: Verdict, key: str, role: FileRole) -> tuple[type[Rule], str, str, Severity | None] | None:
    """(rule, message, hint, severity override) for a value in a file of this role."""
    if verdict.kind == "url":
        hint = "put the password in its own secret variable and reference it (${DB_PASSWORD}), or use a placeholder"
        return PasswordInUrl, f"{key} holds {verdict.what}", hint, None
    if role.example:
        if verdict.kind in ("provider", "private-key"):
            hint = "replace it with a placeholder (or leave it empty) and rotate the key if it was real"
            return CredentialInExampleFile, f"{key} holds {verdict.what} in an example file", hint, None
        if verdict.kind == "random":
            hint = "leave it empty and say how to generate one in a comment"
            return RandomValueInExampleFile, f"{key} is set to {verdict.what} in an example file", hint, None
        return None
    if verdict.kind == "hand-made" and role.development:
        hint = f"fine for a throwaway test value; otherwise {_KEEP_OUT}"
        return SecretInEnvFile, f"{key} holds {verdict.what}", hint, Severity.WARNING
    return SecretInEnvFile, f"{key} holds {verdict.what}", f"{_KEEP_OUT}, or encrypt the value", None


_USER_NAME_RE = re.compile(r"(?:^|_)(?:USER|USERNAME|LOGIN)$")
_PASSWORD_NAME_RE = re.compile(r"(?:^|_)(?:PASSWORD|PASSWD|PASS|PWD)$")


def findings_for(env: EnvFile, role: FileRole) -> Iterator[tuple[Finding, Entry]]:
    """The findings for one parsed env file, each with the entry it is about."""
    # Superset's docker/.env: DATABASE_USER=superset, DATABASE_PASSWORD=superset. A password
    # equal to a user name in the same file is a throwaway default, as in URLs (user:user@).
    user_names = {_unquote(e.value) for e in env.entries if _USER_NAME_RE.search(e.key.upper()) and e.value.strip()}
    for entry in env.entries:
        if _PASSWORD_NAME_RE.search(entry.key.upper()) and _unquote(entry.value) in user_names:
            continue
        verdict = classify(entry.key, entry.value, judge_randomness=role.example or role.development)
        decided = _decide(verdict, entry.key, role) if verdict is not None else None
        if decided is None:
            continue
        rule, message, hint, severity = decided
        if rule is CredentialInExampleFile:
            from envguard.rules.exposure import _marked_dev_only

            if _marked_dev_only(env, entry):
                # PostHog's .env.example: a private key under "LOCAL DEVELOPMENT ONLY. NEVER
                # use these values in production". Published on purpose, so the hook warns
                # instead of blocking, as `envguard check` does (EG310 is info there).
                severity = Severity.WARNING
                message += " (marked for development only: make sure no deployment uses it)"
        finding = rule.finding(
            message,
            path=env.display,
            line=entry.line,
            column=entry.column,
            variable=entry.key,
            hint=hint,
            severity=severity,
        )
        yield finding, entry
