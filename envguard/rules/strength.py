"""EG2xx: secrets that are present but weak, fake, reused, malformed or in the wrong mode.

A secret that passes every type check can still be ``changeme``, 32 hex characters where
HS256 needs 256 bits, the same value as another secret, a 1024-bit RSA key or a Stripe
test key in production. These rules look at values from real env files (and the process
environment with ``--from-environ``), never at the example file (EG3xx covers that).

How strength is judged is documented in ``docs/secrets.md`` and implemented in
:mod:`envguard.knowledge.strength`; key material is read by :mod:`envguard.knowledge.keymaterial`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from envguard.core.findings import Finding, Location, Severity
from envguard.core.mask import describe
from envguard.core.record import Record
from envguard.knowledge import providers, strength
from envguard.knowledge.placeholders import is_filler, placeholder_reason
from envguard.project.context import ENVIRON, CheckContext, Value
from envguard.rules.base import Rule
from envguard.schema.model import VarSpec, public_prefix

PEM_KINDS = ("pem-private-key", "pem-public-key", "rsa-private-key", "ec-private-key")
SYMMETRIC_KINDS = ("aes-128", "aes-256")
KEY_KIND_BITS = {
    "jwt-hs256": (256, "RFC 7518 requires HS256 keys of at least 256 bits"),
    "jwt-hs384": (384, "RFC 7518 requires HS384 keys of at least 384 bits"),
    "jwt-hs512": (512, "RFC 7518 requires HS512 keys of at least 512 bits"),
    "hmac-sha256": (256, "an HMAC-SHA256 key should be as long as the hash (256 bits)"),
    "aes-128": (128, "an AES-128 key is 128 random bits"),
    "aes-256": (256, "an AES-256 key is 256 random bits"),
    "fernet": (256, "a Fernet key is 32 random bytes"),
}
# Libraries enforce these (jjwt throws, PyJWT warns): below them is an error when deployed.
STRICT_KINDS = ("jwt-hs256", "jwt-hs384", "jwt-hs512", "hmac-sha256")
DEFAULT_KEY_BITS = 128  # a secret nobody described whose name says key/secret/token
DEFAULT_PASSWORD_BITS = 64  # ... whose name says password: used online, rate-limited
GUESSABLE_BITS = 64  # below this a secret falls to an offline search
BCRYPT_MIN, BCRYPT_MAX, BCRYPT_RECOMMENDED = 10, 15, 12

_PASSWORD_RE = re.compile(r"(?:PASSWORD|PASSWD|_PASS$|_PWD$|^PASS$|^PWD$)")
_ROTATION_RE = re.compile(r"_(?:FALLBACK|PREVIOUS|PREV|OLD|NEXT)(?:_\d+)?$")
_BCRYPT_NAME_RE = re.compile(r"(?:^|_)(?:BCRYPT_(?:ROUNDS|COST|SALT_ROUNDS|WORK_FACTOR)|(?:HASH_)?SALT_ROUNDS|BCRYPT)$")
_EXAMPLE_NAME_RE = re.compile(
    r"(?:^|[._-])(?:example|sample|template|dist|defaults|tmpl|tpl)(?:$|[._-])", re.IGNORECASE
)


# --- rules -------------------------------------------------------------------------------


class WeakSecret(Rule):
    """
    What it checks:
        A secret whose length and alphabet cannot carry the entropy it needs: the
        schema's ``min_bits``, the minimum for its ``key`` kind (``jwt-hs256``: 256 bits,
        RFC 7518 §3.2; ``aes-256``: 256), or by default 128 bits for keys, secrets and
        tokens and 64 bits for passwords. Entropy is counted per character of the
        declared ``encoding`` or the smallest alphabet that holds the value: 64 hex
        characters carry 256 bits, 32 hex characters only 128, 44 base64 characters 256.
        Provider-issued keys (``sk_live_…``, ``SG.…``) are not judged: the provider made them.

    Why it matters:
        An HMAC secret is attacked offline: one signed cookie or JWT lets an attacker
        test guesses at GPU speed. 32 hex characters pass a "32 characters" check but hold
        half the entropy RFC 7518 requires for HS256, and libraries such as jjwt reject
        them.

    Example that fails:
        # envguard.yaml: JWT_SECRET: {type: secret, key: jwt-hs256}
        JWT_SECRET=<32 hex characters>

    Example that passes:
        JWT_SECRET=<the output of `openssl rand -base64 32`>

    Options:
        ``min_bits`` and ``encoding`` on the variable; ``key`` sets a minimum by kind.
        Severity: error when deployed if the secret carries under 128 bits (or breaks a
        JWT/HMAC minimum), warning otherwise; in development a warning under 64 bits (info
        for passwords) and info above. Not checked in the ``test`` environment.
    """

    code = "EG201"
    name = "weak-secret"
    summary = "A secret too short for the entropy it needs (min_bits, JWT/HMAC key size)."
    severity = Severity.ERROR


class PlaceholderValue(Rule):
    """
    What it checks:
        A value in a real env file that is a placeholder rather than a value:
        ``changeme``, ``<your-key>``, ``your-api-key-here``, ``xxx…``, ``sk_live_xxxx``,
        ``https://...@sentry.io/...``, and credentials vendors print in their docs
        (``AKIAIOSFODNN7EXAMPLE``, Supabase's demo JWTs). Any variable, secret or not;
        words like ``test`` or ``example`` count only where a secret is expected.

    Why it matters:
        A placeholder passes "is it set?" checks and fails at the first request, or
        worse, a documented example key ends up signing real sessions.

    Example that fails:
        STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxx

    Example that passes:
        STRIPE_SECRET_KEY=<the key from the Stripe dashboard>
        SENTRY_DSN=            # empty: not configured, which EG101 judges

    Options:
        ``options: {allow_placeholder: true}`` on a variable accepts placeholders there.
        Severity: error in deployed environments, warning in development, info in test.
    """

    code = "EG202"
    name = "placeholder-value"
    summary = "A placeholder (changeme, <...>, xxx, a documented example key) in a real env file."
    severity = Severity.ERROR


class KnownWeakSecret(Rule):
    """
    What it checks:
        A secret that is a well-known weak value or is built from guessable parts: one of
        the 10,000 most common passwords or a framework default (``supersecret``,
        ``keyboard cat``, ``your-256-bit-secret``, ``minioadmin``), one character
        repeated (64 zeros), a keyboard run (``qwerty``), a sequence (``123456``), a short
        part repeated, Django's ``django-insecure-`` development key, or a value made of
        dictionary words, keyboard runs, sequences and years whose estimated entropy is
        below what the secret needs (``MySuperSecretKey2024!``).

    Why it matters:
        These values are the first guesses of every attacker and every scanner; a
        64-zero encryption key has the right format and no entropy at all.

    Example that fails:
        COOKIE_SECRET=supersecret
        ENCRYPTION_KEY=0000000000000000000000000000000000000000000000000000000000000000

    Example that passes:
        COOKIE_SECRET=<the output of `openssl rand -base64 32`>

    Options:
        None. Severity: error in deployed environments, warning in development (info for
        passwords of local services). Not checked in the ``test`` environment.
    """

    code = "EG203"
    name = "known-weak-secret"
    summary = "A secret that is a common/default value or built from words, runs and years."
    severity = Severity.ERROR


class ReusedSecret(Rule):
    """
    What it checks:
        Two secret variables with the same value (compared by SHA-256), such as
        ``SESSION_SECRET`` = ``CSRF_SECRET``. Aliases of one variable (``AUTH_SECRET`` and
        ``NEXTAUTH_SECRET``), passwords (both sides of one connection legitimately share
        them), provider-issued keys (one API key used by two integrations), rotation
        slots (``*_FALLBACK``, ``*_PREVIOUS``) and placeholders are not compared.

    Why it matters:
        Keys for different purposes should be independent: a leak of one must not forge
        the other, and rotating one must not silently break the other.

    Example that fails:
        SESSION_SECRET=<value A>
        CSRF_SECRET=<value A>

    Example that passes:
        SESSION_SECRET=<value A>
        CSRF_SECRET=<value B>

    Options:
        ``options: {allow_reuse: true}`` on either variable.
    """

    code = "EG204"
    name = "reused-secret"
    summary = "The same secret value in two variables (compared by hash)."
    severity = Severity.WARNING


class InvalidKeyMaterial(Rule):
    """
    What it checks:
        Key material that cannot work: a ``key: fernet`` value that is not 32 url-safe
        base64 bytes; a ``key: aes-256``/``aes-128`` value that is not 32/16 bytes as hex,
        base64 or raw characters; a Fernet *token* (``gAAAAA…``, an encrypted message)
        pasted where a key belongs; a PEM key that does not parse (also ``\\n``-escaped
        one-line PEM and base64-wrapped PEM are read); a public key where a private key
        is needed, or a private key where a public key belongs; a value that is not in
        its declared ``encoding``.

    Why it matters:
        The app fails at startup at best; at worst it encrypts with a key nobody can
        reproduce, or a private key meant to stay on one server is handed out as "the
        public key".

    Example that fails:
        ENCRYPTION_KEY=gAAAAAB...   # a Fernet token, not a key

    Example that passes:
        ENCRYPTION_KEY=<Fernet.generate_key()>

    Options:
        ``key`` (fernet, aes-128, aes-256, pem-private-key, pem-public-key,
        rsa-private-key, ec-private-key) and ``encoding`` on the variable.
    """

    code = "EG205"
    name = "invalid-key-material"
    summary = "Key material that does not parse or has the wrong size or kind."
    severity = Severity.ERROR


class WeakAsymmetricKey(Rule):
    """
    What it checks:
        PEM keys (private, public or in a certificate) that are too weak: RSA under 2048
        bits (NIST SP 800-131A), EC keys on a curve the variable does not accept (P-256,
        P-384, P-521 by default), DSA keys.

    Why it matters:
        1024-bit RSA is within reach of well-funded attackers and rejected by current
        TLS and JOSE libraries; a key on an unexpected curve (secp256k1 for ES256) fails
        verification elsewhere.

    Example that fails:
        JWT_PRIVATE_KEY="-----BEGIN RSA PRIVATE KEY-----\\n<1024-bit key>..."

    Example that passes:
        JWT_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\n<2048-bit or larger RSA key>..."

    Options:
        ``options: {min_rsa_bits: 3072, curves: [secp384r1]}`` on the variable.
    """

    code = "EG206"
    name = "weak-asymmetric-key"
    summary = "RSA key under 2048 bits, EC key on an unaccepted curve, or a DSA key."
    severity = Severity.ERROR


class UnencryptedPrivateKey(Rule):
    """
    What it checks:
        A PEM private key stored unencrypted in a variable whose schema says
        ``options: {private_key_encrypted: true}``.

    Why it matters:
        Some deployments require keys at rest to be passphrase-protected (the passphrase
        lives in a secret manager); a plain key in the env file defeats that.

    Example that fails:
        SIGNING_KEY="-----BEGIN PRIVATE KEY-----\\n..."

    Example that passes:
        SIGNING_KEY="-----BEGIN ENCRYPTED PRIVATE KEY-----\\n..."

    Options:
        ``options: {private_key_encrypted: true}`` turns the check on for a variable.
    """

    code = "EG207"
    name = "unencrypted-private-key"
    summary = "An unencrypted PEM private key where the schema requires encryption."
    severity = Severity.ERROR


class BcryptCost(Rule):
    """
    What it checks:
        The bcrypt cost factor (``HASH_SALT_ROUNDS``, ``BCRYPT_ROUNDS``, or any variable
        with ``key: bcrypt-cost``): it must be 10 to 15, 12 is recommended. bcrypt itself
        accepts 4 to 31.

    Why it matters:
        Each step halves or doubles the work of hashing. Below 10, stolen password hashes
        are cheap to crack (OWASP asks for at least 10); above 15 one login takes seconds
        of CPU, so a handful of requests can take the server down.

    Example that fails:
        HASH_SALT_ROUNDS=8

    Example that passes:
        HASH_SALT_ROUNDS=12

    Options:
        ``options: {bcrypt_min: 11, bcrypt_max: 14}`` on the variable. A low cost is not
        reported in the ``test`` environment (test suites lower it for speed); severity
        is error when deployed, warning otherwise; a high cost is a warning.
    """

    code = "EG208"
    name = "bcrypt-cost"
    summary = "bcrypt cost outside 10-15 (12 recommended)."
    severity = Severity.ERROR


class WrongKeyMode(Rule):
    """
    What it checks:
        Provider keys in the wrong mode for the environment: Stripe/Clerk ``sk_test_``,
        ``pk_test_``, ``rk_test_`` and Inngest ``signkey-test-`` in production (error);
        live keys in development or test (warning); and any key whose mode differs from
        the variable's declared ``mode``. Staging and preview accept either mode.

    Why it matters:
        Test keys in production take no real payments and fail silently; live keys on a
        laptop charge real cards from test scripts and widen who holds production access.

    Example that fails:
        # envguard check -e production
        STRIPE_SECRET_KEY=sk_test_...

    Example that passes:
        STRIPE_SECRET_KEY=sk_live_...

    Options:
        ``options: {allow_test_keys: true}`` accepts test keys in production (a demo
        deployment); ``mode: live|test`` on a variable fixes the mode it must have.
    """

    code = "EG209"
    name = "wrong-key-mode"
    summary = "A test key in production, a live key in development, or a key of the wrong declared mode."
    severity = Severity.ERROR


class SecretSharedAcrossEnvironments(Rule):
    """
    What it checks:
        A secret with the same value in the production env file and in a non-production
        one (``.env.production`` and ``.env.development``), compared by hash. Only secrets
        you generate are compared (provider keys have their own mode checks).

    Why it matters:
        Development secrets live on laptops, in CI logs and in screenshots. If they equal
        production's, any of those is a production compromise: generate separate secrets
        per environment.

    Example that fails:
        # .env.production and .env.development both hold the same NEXTAUTH_SECRET

    Example that passes:
        # each file has its own `openssl rand -base64 32`

    Options:
        ``options: {allow_reuse: true}`` on the variable.
    """

    code = "EG210"
    name = "secret-shared-across-environments"
    summary = "A production secret equal to the same variable in a non-production env file."
    severity = Severity.WARNING


RULES: tuple[type[Rule], ...] = (
    WeakSecret,
    PlaceholderValue,
    KnownWeakSecret,
    ReusedSecret,
    InvalidKeyMaterial,
    WeakAsymmetricKey,
    UnencryptedPrivateKey,
    BcryptCost,
    WrongKeyMode,
    SecretSharedAcrossEnvironments,
)


# --- helpers shared with the exposure rules ----------------------------------------------


def is_example_name(filename: str) -> bool:
    """``.env.example``, ``.env.local.sample``, ``env.template``, ``example.env``..."""
    return _EXAMPLE_NAME_RE.search(filename) is not None


def is_public(c: Candidate) -> bool:
    """Shipped to browsers: a public prefix, or ``exposure: public`` in the schema."""
    if public_prefix(c.name) is not None:
        return True
    return c.spec is not None and c.spec.exposure == "public" and c.via != "public-prefix"


_BARE_REFERENCE_RE = re.compile(r"\$[A-Za-z_][A-Za-z0-9_]*")


def opaque(value: str) -> bool:
    """Values nobody can judge here: unresolved references, dotenvx-encrypted values.

    A bare ``$NAME`` (rallly: ``NEXTAUTH_URL=$NEXT_PUBLIC_BASE_URL``) is a reference for
    dotenv-expand (Next.js) and Compose, which expand it, though python-dotenv does not.
    """
    v = value.strip()
    return "${" in v or v.startswith("encrypted:") or _BARE_REFERENCE_RE.fullmatch(v) is not None


def is_password_name(name: str) -> bool:
    return _PASSWORD_RE.search(name.upper()) is not None


class Candidate(Record):
    name: str
    value: Value
    spec: VarSpec | None
    via: str | None  # how the name resolved against the schema

    @property
    def text(self) -> str:
        return self.value.value.strip()


def candidates(ctx: CheckContext) -> Iterator[Candidate]:
    """Values worth judging: everything from env files, and from the process environment
    only what the schema describes or what is named like a secret (not PATH, HOME...)."""
    for name, v in ctx.values.items():
        found = ctx.lookup(name)
        if v.source == ENVIRON and found is None and not ctx.is_secret(name):
            continue
        yield Candidate(name, v, found.spec if found else None, found.via if found else None)


def secret_formats(value: str) -> list[providers.ProviderFormat]:
    """Secret provider formats that claim ``value`` (prefixed or distinctive only)."""
    return providers.identify(value, secret_only=True)


def is_provider_issued(c: Candidate) -> bool:
    """Made by a provider (not by the user): its strength is the provider's business."""
    if c.spec is not None and c.spec.format is not None and c.spec.format != "fernet-key":
        return True
    return bool(providers.identify(c.text))


def _severity(
    ctx: CheckContext, *, deployed: Severity, development: Severity, test: Severity | None = None
) -> Severity:
    if ctx.environment.deployed or ctx.environment.production:
        return deployed
    if ctx.environment.name == "test" and test is not None:
        return test
    return development


def _is_test_env(ctx: CheckContext) -> bool:
    return ctx.environment.name == "test" or "test" in ctx.environment.like


def _requirement(c: Candidate) -> tuple[int, bool, str]:
    """(minimum bits, declared by the schema?, why) for a secret."""
    spec = c.spec
    if spec is not None and spec.key in SYMMETRIC_KINDS and _raw_character_key(c.text, spec.key):
        # The app uses the text itself as the key bytes (trigger.dev's ENCRYPTION_KEY is 32
        # characters from `openssl rand -hex 16`; cal.com's from `openssl rand -base64 24`):
        # 32 hex characters cannot carry more than 128 bits, which is AES-128's level.
        return RAW_KEY_BITS, True, f"a key used as raw characters should carry at least {RAW_KEY_BITS} bits"
    if spec is not None and spec.min_bits is not None:
        return spec.min_bits, True, f"the schema asks for at least {spec.min_bits} bits"
    if spec is not None and spec.key in KEY_KIND_BITS:
        bits, why = KEY_KIND_BITS[spec.key]
        return bits, True, why
    if is_password_name(c.name):
        return DEFAULT_PASSWORD_BITS, False, f"a password should carry at least {DEFAULT_PASSWORD_BITS} bits"
    return DEFAULT_KEY_BITS, False, f"a secret key should carry at least {DEFAULT_KEY_BITS} bits"


RAW_KEY_BITS = 128


def _raw_character_key(text: str, kind: str) -> bool:
    """Whether ``text`` is a symmetric key only as raw characters (its length is the key
    size) and not as hex or base64 of that many bytes."""
    from envguard.knowledge.keymaterial import KEY_SIZES

    size = KEY_SIZES[kind]
    if len(text.encode("utf-8", "surrogateescape")) != size:
        return False
    return not any(
        strength.fits_encoding(text, enc) and strength.decoded_length(text, enc) == size
        for enc in ("hex", "base64url", "base64")
    )


def _generate_hint(bits: int, encoding: str | None) -> str:
    return f"generate one with `{strength.generation_command(bits, encoding)}`"


# --- strength, placeholders, weak values -------------------------------------------------


_SWITCH_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "0", "1"})


def check_secret_values(ctx: CheckContext) -> Iterator[Finding]:
    """EG201, EG202, EG203: at most one of them per value, the most specific."""
    test_env = _is_test_env(ctx)
    for c in candidates(ctx):
        text = c.text
        if not text or opaque(text):
            continue
        if c.spec is not None and c.spec.type not in ("secret", "string"):
            # Typed values (ints, urls...) are the schema rules' business, except that a
            # placeholder in them is ours (the type checks skip placeholders).
            yield from _placeholder(ctx, c, secret=c.spec.secret)
            continue
        # Public variables are not secrets, whatever their names say (NEXT_PUBLIC_PUSHER_KEY):
        # a secret value in one is EG301's business.
        secret = not is_public(c) and (ctx.is_secret(c.name) or bool(secret_formats(text)))
        if secret and c.via in (None, "pattern") and text.lower() in _SWITCH_WORDS:
            # FEATURE_TEAM_API_KEY=true (boxyhq's SaaS starter): a switch named after the
            # feature it turns on. Only names the schema declares explicitly are held to
            # being secrets whatever their value.
            continue
        if not secret:
            yield from _placeholder(ctx, c, secret=False)
            continue
        kind = c.spec.key if c.spec is not None else None
        if kind in PEM_KINDS or kind == "bcrypt-cost":
            yield from _placeholder(ctx, c, secret=True)
            continue
        weak = None if is_filler(text) else strength.weak_reason(text)
        if weak is not None and not test_env:
            yield _weak_finding(ctx, c, f"{c.name} is {weak}, the first guess of any attacker")
            continue
        placeholder = list(_placeholder(ctx, c, secret=True))
        if placeholder or weak is not None:
            yield from placeholder
            continue
        if test_env or is_provider_issued(c) or "://" in text or _looks_like_key_text(text):
            continue
        if c.via == "public-prefix":
            continue  # a server secret under NEXT_PUBLIC_: EG301 says more than "weak"
        if not _key_material_fits(c):
            continue  # EG205 says what is wrong with it; "weak" would only add noise
        yield from _strength(ctx, c)


def _key_material_fits(c: Candidate) -> bool:
    """Symmetric key material of the right size (only then is its entropy worth judging)."""
    kind = c.spec.key if c.spec is not None else None
    if kind == "fernet":
        return strength.decoded_length(c.text, "base64url") == 32 or strength.decoded_length(c.text, "base64") == 32
    if kind in SYMMETRIC_KINDS:
        from envguard.knowledge.keymaterial import KEY_SIZES, symmetric_key_problem

        return symmetric_key_problem(c.text, KEY_SIZES[kind], c.spec.encoding if c.spec else None) is None
    return True


def _looks_like_key_text(text: str) -> bool:
    return "-----BEGIN " in text or text.startswith("LS0tLS1CRUdJTi")


def _placeholder(ctx: CheckContext, c: Candidate, *, secret: bool) -> Iterator[Finding]:
    if c.spec is not None and c.spec.option("allow_placeholder", False):
        return
    reason = placeholder_reason(c.text, secret=secret, name=c.name)
    if reason is None:
        return
    severity = _severity(ctx, deployed=Severity.ERROR, development=Severity.WARNING, test=Severity.INFO)
    if secret:
        fmt = c.spec.format if c.spec is not None else None
        if fmt is not None and fmt in providers.FORMATS and fmt != "fernet-key":
            hint = f"paste the real {providers.FORMATS[fmt].title} from {providers.FORMATS[fmt].provider}'s dashboard"
        else:
            bits, _, _ = _requirement(c)
            hint = _generate_hint(bits, c.spec.encoding if c.spec else None)
        hint += ", or leave it empty if the feature is not used"
    else:
        hint = "set the real value, or leave it empty if the feature is not used"
    yield PlaceholderValue.finding(
        f"{c.name} holds a placeholder ({reason}), not a real value",
        **ctx.at(c.value),
        variable=c.name,
        hint=hint,
        severity=severity,
    )


def _weak_finding(ctx: CheckContext, c: Candidate, message: str) -> Finding:
    bits, _, _ = _requirement(c)
    encoding = c.spec.encoding if c.spec is not None else None
    return KnownWeakSecret.finding(
        message,
        **ctx.at(c.value),
        variable=c.name,
        hint=_generate_hint(bits, encoding),
        # `POSTGRES_PASSWORD=postgres` for a local container is normal; a weak signing key in
        # development is the one that gets copied to production.
        severity=_severity(ctx, deployed=Severity.ERROR, development=_dev_severity(c)),
    )


def _dev_severity(c: Candidate) -> Severity:
    return Severity.INFO if is_password_name(c.name) else Severity.WARNING


def _encoded(est: strength.Estimate) -> str:
    return f"{est.encoded}-encoded text " if est.encoded else ""


def _strength(ctx: CheckContext, c: Candidate) -> Iterator[Finding]:
    text = c.text
    encoding = c.spec.encoding if c.spec is not None else None
    required, declared, why = _requirement(c)
    est = strength.estimate(text, encoding)
    if est.patterned and est.bits < required:
        yield _weak_finding(
            ctx,
            c,
            f"{c.name} is {_encoded(est)}built from {est.describe_patterns()}: {strength.bits_text(est.bits)} of "
            f"entropy where {why}",
        )
        return
    if est.capacity >= required:
        return
    kind = c.spec.key if c.spec is not None else None
    if ctx.environment.deployed or ctx.environment.production:
        floor = DEFAULT_KEY_BITS if declared else GUESSABLE_BITS
        strict = est.capacity < floor or (declared and kind in STRICT_KINDS)
        severity = Severity.ERROR if strict else Severity.WARNING
    else:
        severity = _dev_severity(c) if est.capacity < GUESSABLE_BITS else Severity.INFO
    chars = _encoded(est) + f"{est.length} character" + ("" if est.length == 1 else "s")
    yield WeakSecret.finding(
        f"{c.name} is too weak: {chars} of {est.alphabet.name} carry {strength.bits_text(est.capacity)}, and {why}",
        **ctx.at(c.value),
        variable=c.name,
        hint=_generate_hint(required, encoding),
        severity=severity,
    )


# --- reuse -------------------------------------------------------------------------------


def _comparable(ctx: CheckContext, c: Candidate) -> bool:
    """A self-generated key-like secret worth comparing with others."""
    text = c.text
    if len(text) < 8 or opaque(text) or not ctx.is_secret(c.name):
        return False
    if is_public(c) or c.via == "public-prefix":
        return False
    if is_password_name(c.name) or _ROTATION_RE.search(c.name.upper()):
        return False
    if c.spec is not None and (c.spec.option("allow_reuse", False) or c.spec.key == "bcrypt-cost"):
        return False
    if c.spec is not None and c.spec.type not in ("secret", "string"):
        return False
    if placeholder_reason(text, secret=True) or strength.weak_reason(text):
        return False
    return not is_provider_issued(c)


def check_reuse(ctx: CheckContext) -> Iterator[Finding]:
    # Grouped in a dict, which compares keys by their hash and then for equality: the
    # values are already in memory for this run, and a SHA-256 would only add the cost of
    # importing OpenSSL's hashlib on the hook path. Nothing here outlives the run.
    groups: dict[str, list[Candidate]] = {}
    for c in candidates(ctx):
        if _comparable(ctx, c):
            groups.setdefault(c.text, []).append(c)
    for members in groups.values():
        first: Candidate | None = None
        seen: set[str] = set()
        for c in sorted(members, key=lambda m: (m.value.source, m.value.line or 0, m.name)):
            canonical = c.spec.name if c.spec is not None else c.name
            if canonical in seen:
                continue  # an alias of a variable already in the group
            seen.add(canonical)
            if first is None:
                first = c
                continue
            where = Location(first.value.source, first.value.line, first.value.column, note=f"{first.name} is set here")
            yield ReusedSecret.finding(
                f"{c.name} has the same value as {first.name}; secrets for different purposes should be independent",
                **ctx.at(c.value),
                variable=c.name,
                hint=f"generate a separate value for {c.name} (`openssl rand -base64 32`), or set "
                "`options: {allow_reuse: true}` on it if they must match",
                related=(where,),
            )


def _environment_of(filename: str) -> str | None:
    from envguard.config import normalise_environment

    parts = filename.split(".")
    if len(parts) >= 3 and parts[0] == "" and parts[1] == "env" and not is_example_name(filename):
        return normalise_environment(parts[2])
    return None


def check_cross_environment(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.from_environ or _is_test_env(ctx):
        return
    here_production = ctx.environment.production
    mine = {c.name: c for c in candidates(ctx) if c.value.source != ENVIRON and _comparable(ctx, c)}
    if not mine:
        return
    for other in ctx.other_env_files:
        env = _environment_of(other.path.name)
        if env is None or env == "test" or ctx.config.is_production(env) == here_production:
            continue
        for name, entry in other.mapping().items():
            c = mine.get(name)
            if c is None or entry.value.strip() != c.text:
                continue
            where = Location(other.display, entry.line, entry.column, note=f"{name} in {env}")
            prod, nonprod = (ctx.environment.name, env) if here_production else (env, ctx.environment.name)
            yield SecretSharedAcrossEnvironments.finding(
                f"{name} has the same value in {prod} and {nonprod} ({other.display}); a "
                "development secret must not unlock production",
                **ctx.at(c.value),
                variable=name,
                hint=f"generate a separate {name} for each environment (`openssl rand -base64 32`)",
                related=(where,),
            )


# --- key material ------------------------------------------------------------------------


def check_key_material(ctx: CheckContext) -> Iterator[Finding]:
    """EG205, EG206, EG207 through :mod:`envguard.knowledge.keymaterial` (imported only when needed)."""
    for c in candidates(ctx):
        text = c.text
        if not text or opaque(text) or placeholder_reason(text, secret=True) is not None:
            continue
        spec = c.spec
        kind = spec.key if spec is not None else None
        if spec is not None and spec.format == "fernet-key":
            continue  # the provider format check (EG108) owns `type: fernet-key`, even with `key: fernet`
        if (kind == "fernet" or kind in SYMMETRIC_KINDS) and not _is_test_env(ctx) and strength.weak_reason(text):
            # GrowthBook's ENCRYPTION_KEY=dev: EG203 says it is a known-weak value; "not a
            # 32-byte key" on top would be a second finding for the same line.
            continue
        if kind == "fernet":
            yield from _fernet(ctx, c)
        elif kind in SYMMETRIC_KINDS:
            yield from _symmetric(ctx, c, kind)
        elif kind in PEM_KINDS or _looks_like_key_text(text):
            yield from _pem(ctx, c, kind)
        elif spec is not None and spec.encoding not in (None, "any") and (spec.secret or kind):
            if not strength.fits_encoding(text, spec.encoding):
                yield InvalidKeyMaterial.finding(
                    f"{c.name} is declared `encoding: {spec.encoding}` but is not valid {spec.encoding} "
                    f"{describe(text, prefix=False)}",
                    **ctx.at(c.value),
                    variable=c.name,
                    hint=_generate_hint(_requirement(c)[0], spec.encoding),
                )
        elif _key_named(c.name) and not is_provider_issued(c):
            from envguard.knowledge.keymaterial import is_fernet_token

            if is_fernet_token(text):
                yield _token_finding(ctx, c)


def _key_named(name: str) -> bool:
    upper = name.upper()
    return "KEY" in upper or "SECRET" in upper


def _token_finding(ctx: CheckContext, c: Candidate) -> Finding:
    from envguard.knowledge.keymaterial import FERNET_KEY_HINT

    return InvalidKeyMaterial.finding(
        f"{c.name} holds a Fernet token (an encrypted message starting `gAAAAA`), not a key",
        **ctx.at(c.value),
        variable=c.name,
        hint=f"put the key that encrypted it here, not its output; {FERNET_KEY_HINT}",
    )


def _fernet(ctx: CheckContext, c: Candidate) -> Iterator[Finding]:
    from envguard.knowledge.keymaterial import FERNET_KEY_HINT, fernet_key_problem, is_fernet_token

    if is_fernet_token(c.text):
        yield _token_finding(ctx, c)
        return
    problem = fernet_key_problem(c.text)
    if problem is not None:
        yield InvalidKeyMaterial.finding(
            f"{c.name} {describe(c.text, prefix=False)} is not a valid Fernet key: it {problem}",
            **ctx.at(c.value),
            variable=c.name,
            hint=FERNET_KEY_HINT,
        )


def _symmetric(ctx: CheckContext, c: Candidate, kind: str) -> Iterator[Finding]:
    from envguard.knowledge.keymaterial import KEY_SIZES, is_fernet_token, symmetric_key_problem

    if is_fernet_token(c.text):
        yield _token_finding(ctx, c)
        return
    size = KEY_SIZES[kind]
    encoding = c.spec.encoding if c.spec is not None else None
    problem = symmetric_key_problem(c.text, size, encoding)
    if problem is not None:
        yield InvalidKeyMaterial.finding(
            f"{c.name} {describe(c.text, prefix=False)} is not a valid {kind.upper()} key: it {problem}",
            **ctx.at(c.value),
            variable=c.name,
            hint=f"generate one with `openssl rand -{'hex' if encoding == 'hex' else 'base64'} {size}`",
        )


_PEM_EXPECT = {
    "pem-private-key": ("private", None),
    "rsa-private-key": ("private", "RSA"),
    "ec-private-key": ("private", "EC"),
    "pem-public-key": ("public", None),
}


def _pem(ctx: CheckContext, c: Candidate, kind: str | None) -> Iterator[Finding]:
    from envguard.knowledge.keymaterial import DEFAULT_MIN_RSA_BITS, asymmetric_problems, inspect_pem

    infos = inspect_pem(c.text)
    at = ctx.at(c.value)
    expect_kind, expect_alg = _PEM_EXPECT.get(kind or "", (None, None))
    bare = c.name.upper()[len(public_prefix(c.name) or "") :]
    if expect_kind is None and "PUBLIC" in bare and "PRIVATE" not in bare:
        expect_kind = "public"
    if not infos:
        if kind is not None:
            what = "a PEM private key" if expect_kind == "private" else "a PEM public key"
            yield InvalidKeyMaterial.finding(
                f"{c.name} is not {what} {describe(c.text, prefix=False)}",
                **at,
                variable=c.name,
                hint="paste the whole PEM block, from `-----BEGIN` to `-----END`, with `\\n` for newlines on one line",
            )
        return
    broken = [i for i in infos if not i.ok]
    for info in broken:
        yield InvalidKeyMaterial.finding(
            f"{c.name} {info.error}",
            **at,
            variable=c.name,
            hint="copy the key again from its source; on one line, write newlines as `\\n` inside double quotes",
        )
    good = [i for i in infos if i.ok]
    privates = [i for i in good if i.kind == "private"]
    publics = [i for i in good if i.kind in ("public", "certificate")]
    if expect_kind == "public" and privates:
        yield InvalidKeyMaterial.finding(
            f"{c.name} holds a private key where a public key belongs",
            **at,
            variable=c.name,
            hint="put only the public half here (`openssl pkey -in key.pem -pubout`) and keep the private key secret; "
            "treat this one as exposed and rotate it",
        )
        return
    if expect_kind == "private" and not privates and not broken:
        found = "a certificate" if any(i.kind == "certificate" for i in publics) else "a public key"
        yield InvalidKeyMaterial.finding(
            f"{c.name} holds {found}, but this variable needs a private key",
            **at,
            variable=c.name,
            hint="paste the private key (`-----BEGIN PRIVATE KEY-----`)",
        )
        return
    if expect_alg is not None:
        for info in privates:
            if info.algorithm is not None and info.algorithm != expect_alg:
                yield InvalidKeyMaterial.finding(
                    f"{c.name} holds an {info.algorithm} key, but an {expect_alg} key is expected",
                    **at,
                    variable=c.name,
                    hint=f"generate an {expect_alg} key"
                    + (
                        " (`openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072`)"
                        if expect_alg == "RSA"
                        else " (`openssl ecparam -name prime256v1 -genkey`)"
                    ),
                )
    spec = c.spec
    min_rsa = int(spec.option("min_rsa_bits", DEFAULT_MIN_RSA_BITS)) if spec is not None else DEFAULT_MIN_RSA_BITS
    curves_opt = spec.option("curves") if spec is not None else None
    curves = tuple(str(x) for x in curves_opt) if curves_opt else None
    for info in good:
        for problem in asymmetric_problems(info, min_rsa_bits=min_rsa, curves=curves):
            yield WeakAsymmetricKey.finding(
                f"{c.name} {problem}",
                **at,
                variable=c.name,
                hint=f"generate a new key (`openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:{max(min_rsa, 3072)}` "
                "or `openssl genpkey -algorithm ed25519`) and rotate the old one",
                severity=_severity(ctx, deployed=Severity.ERROR, development=Severity.WARNING),
            )
    if spec is not None and spec.option("private_key_encrypted", False):
        for info in privates:
            if not info.encrypted:
                yield UnencryptedPrivateKey.finding(
                    f"{c.name} holds an unencrypted private key; the schema requires it encrypted",
                    **at,
                    variable=c.name,
                    hint="encrypt it (`openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem`) and provide the "
                    "passphrase from your secret manager",
                )


# --- bcrypt cost ---------------------------------------------------------------------------


def _is_bcrypt_variable(c: Candidate) -> bool:
    if c.spec is not None:
        return c.spec.key == "bcrypt-cost"
    return _BCRYPT_NAME_RE.search(c.name.upper()) is not None


def check_bcrypt_cost(ctx: CheckContext) -> Iterator[Finding]:
    for c in candidates(ctx):
        if not _is_bcrypt_variable(c):
            continue
        try:
            cost = int(c.text)
        except ValueError:
            continue  # not a number: the type rules (EG102) report it when declared
        spec = c.spec
        low = int(spec.option("bcrypt_min", BCRYPT_MIN)) if spec is not None else BCRYPT_MIN
        high = int(spec.option("bcrypt_max", BCRYPT_MAX)) if spec is not None else BCRYPT_MAX
        at = ctx.at(c.value)
        if cost < 4 or cost > 31:
            yield BcryptCost.finding(
                f"{c.name} is {cost}: bcrypt accepts costs from 4 to 31, so hashing will fail",
                **at,
                variable=c.name,
                hint=f"set {c.name}={BCRYPT_RECOMMENDED}",
            )
        elif cost < low:
            if _is_test_env(ctx):
                continue
            yield BcryptCost.finding(
                f"{c.name} is {cost}: below {low}, stolen bcrypt hashes are cheap to crack "
                f"({2 ** (BCRYPT_RECOMMENDED - cost)}x faster than cost {BCRYPT_RECOMMENDED})",
                **at,
                variable=c.name,
                hint=f"set {c.name}={BCRYPT_RECOMMENDED} (OWASP: at least 10); existing hashes upgrade on the next login",
                severity=_severity(ctx, deployed=Severity.ERROR, development=Severity.WARNING),
            )
        elif cost > high:
            seconds = 0.25 * 2 ** (cost - BCRYPT_RECOMMENDED)
            yield BcryptCost.finding(
                f"{c.name} is {cost}: each hash takes about {seconds:g} s of CPU (cost 12 takes about 0.25 s), "
                "so a few login attempts can exhaust the server",
                **at,
                variable=c.name,
                hint=f"set {c.name}={BCRYPT_RECOMMENDED}",
                severity=Severity.WARNING,
            )


# --- key modes ---------------------------------------------------------------------------


def _mode(c: Candidate) -> tuple[providers.ProviderFormat, str] | None:
    """The provider format and mode of a value. Stripe and Clerk share `sk_test_`: the
    variable's declared format, then a provider named in the variable, decides."""
    value = c.text
    declared = providers.FORMATS.get(c.spec.format or "") if c.spec is not None else None
    upper = c.name.upper()
    named = [f for f in providers.iter_formats() if f.provider.upper().replace(" ", "_") in upper and f.matches(value)]
    candidates_ = [f for f in (declared,) if f is not None and f.matches(value)] + named + providers.identify(value)
    for fmt in candidates_:
        if fmt.mode is None or fmt.provider == "AWS":
            continue
        mode = fmt.mode_of(value)
        if mode is not None:
            return fmt, mode
    return None


def check_key_modes(ctx: CheckContext) -> Iterator[Finding]:
    env = ctx.environment
    for c in candidates(ctx):
        text = c.text
        if not text or opaque(text) or placeholder_reason(text, secret=True) is not None:
            continue
        found = _mode(c)
        if found is None:
            continue
        fmt, mode = found
        spec = c.spec
        at = ctx.at(c.value)
        shown = describe(text)
        declared = getattr(spec, "mode", None) if spec is not None else None
        allow_test = bool(spec.option("allow_test_keys", False)) if spec is not None else False
        if declared:
            if mode != declared:
                yield WrongKeyMode.finding(
                    f"{c.name} holds a {mode}-mode {fmt.provider} key {shown}, but the schema says mode {declared}",
                    **at,
                    variable=c.name,
                    hint=f"use the {declared}-mode key from the {fmt.provider} dashboard",
                    severity=_severity(ctx, deployed=Severity.ERROR, development=Severity.WARNING),
                )
            continue
        if env.production:
            if mode == "test" and not allow_test:
                yield WrongKeyMode.finding(
                    f"{c.name} holds a test-mode {fmt.provider} key {shown} in {env.name}",
                    **at,
                    variable=c.name,
                    hint=f"use the live-mode key from the {fmt.provider} dashboard, or set "
                    "`options: {allow_test_keys: true}` if this deployment is a demo",
                )
            elif mode not in ("live", "test"):
                yield WrongKeyMode.finding(
                    f"{c.name} holds a {fmt.provider} key for the `{mode}` environment {shown} in {env.name}",
                    **at,
                    variable=c.name,
                    hint=f"use the production key from the {fmt.provider} dashboard",
                    severity=Severity.WARNING,
                )
        elif not env.deployed and mode == "live" and fmt.secret:
            yield WrongKeyMode.finding(
                f"{c.name} holds a live-mode {fmt.provider} key {shown} in {env.name}",
                **at,
                variable=c.name,
                hint="use a test-mode key outside production; live keys belong in the deployment's secret store",
                severity=Severity.WARNING,
            )


CHECKS = (
    check_secret_values,
    check_reuse,
    check_cross_environment,
    check_key_material,
    check_bcrypt_cost,
    check_key_modes,
)

# What envguard.load() runs at app start: checks that need the repository (example files,
# git, other environments' files, package.json, compose) stay out of it.
RUNTIME_CHECKS = (check_secret_values, check_reuse, check_key_material, check_bcrypt_cost, check_key_modes)
