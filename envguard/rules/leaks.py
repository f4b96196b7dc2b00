"""EG32x: credentials leaked into files, found by ``envguard scan``.

Metadata only: the scan does not run inside ``envguard check`` (it reads every file of
the project, not the env files), so this family has no ``CHECKS``. The findings are
built by :mod:`envguard.scanner.engine`.
"""

from __future__ import annotations

from envguard.core.findings import Severity
from envguard.rules.base import Rule


class ProviderCredential(Rule):
    """What it checks
    Credentials in a format a provider documents: Stripe ``sk_live_``/``rk_``/``whsec_``,
    GitHub (with its CRC32 checksum), GitLab, Slack tokens and webhooks, AWS access key
    IDs, OpenAI ``sk-proj-``, Anthropic ``sk-ant-``, SendGrid, Resend, Supabase
    ``service_role`` JWTs and ``sb_secret_``, PostHog ``phx_``, Inngest signing keys,
    Sentry auth tokens and DSNs that carry their secret part, Cloudflare, Mapbox ``sk.``,
    Google ``GOCSPX-``, New Relic, npm, SonarQube ``squ_``/``sqp_``/``sqa_``, Telegram bot
    tokens, and the formats detect-secrets knows (Azure, Discord, PyPI, ...). Keys that are
    public by design (``pk_live_``, ``phc_``, Mapbox ``pk.``, Supabase anon keys) and
    documented example keys are not reported.

    Why it matters
    Anything committed is copied to every clone, fork and CI cache, and stays in git
    history after the line is deleted. Leaked keys are found by bots within minutes.

    Example that fails
    ```
    # settings.py
    STRIPE_API_KEY = "sk_live_…"   # a full 107-character live key
    ```

    Example that passes
    ```
    STRIPE_API_KEY = os.environ["STRIPE_API_KEY"]
    ```

    Options
    ``scan:`` in envguard.yaml (``exclude``, ``include``, ``baseline``, ``max_file_size``,
    ``jobs``). Accept a known test fixture with ``# pragma: allowlist secret``,
    ``# envguard: ignore[EG320]`` or ``envguard scan --update-baseline``.
    """

    code = "EG320"
    name = "provider-credential"
    summary = "A credential in a provider's documented format is written in a file."


class PrivateKey(Rule):
    """What it checks
    PEM private keys (``-----BEGIN RSA PRIVATE KEY-----``, ``EC``, ``OPENSSH``, PKCS#8,
    encrypted PKCS#8, PGP private key blocks) and PuTTY key files, also when the key is
    kept on one line with ``\\n`` escapes. A BEGIN line with no key material after it (a
    template) is not reported, nor are keys in example files such as ``.env.example``,
    which projects ship on purpose for local development.

    Why it matters
    A private key is the identity of a server, a deploy bot or a signing service; whoever
    copies the repository can impersonate it.

    Example that fails
    ```
    -----BEGIN OPENSSH PRIVATE KEY-----
    (base64 key material)
    -----END OPENSSH PRIVATE KEY-----
    ```

    Example that passes
    ```
    SSH_KEY_PATH=~/.ssh/deploy_ed25519
    ```

    Options
    None. Suppress a deliberate test key with ``# envguard: ignore[EG321]`` on the BEGIN
    line or the line above it.
    """

    code = "EG321"
    name = "private-key"
    summary = "A private key is written in a file."


class CredentialsInUrl(Rule):
    """What it checks
    A password inside a URL (``postgres://app:PASSWORD@db.internal/app``), a connection
    string that is not a URL (Go's ``user:PASSWORD@tcp(host:3306)/db``, libpq's
    ``host=… user=… password=… dbname=…``, ADO.NET, ODBC and JDBC
    ``Server=…;Database=…;User Id=…;Password=…;``), an HTTP Basic ``Authorization`` header,
    or ``curl -u user:password``. Not reported: references (``${DB_PASSWORD}``, ``$PASS``,
    ``%s``, ``{password}``, ``{0}``), placeholders (``user:password@host``, ``<password>``,
    ``changeme``, ``***``), and throwaway defaults on local hosts
    (``postgres://postgres:postgres@localhost``).

    Why it matters
    Connection strings are copied into docs, compose files and scripts, and the password
    in them usually opens a production database.

    Example that fails
    ```
    DATABASE_URL: postgres://app:9fK2…@db.prod.internal:5432/app
    ```

    Example that passes
    ```
    DATABASE_URL: postgres://app:${DB_PASSWORD}@db.prod.internal:5432/app
    ```

    Options
    None.
    """

    code = "EG322"
    name = "credentials-in-url"
    summary = "A password is embedded in a URL or an HTTP auth header."


class HardcodedSecret(Rule):
    """What it checks
    A literal value assigned to a secret-named variable or key in any syntax: Python,
    JavaScript/TypeScript, JSON, YAML, TOML, INI, properties, ``.env``, shell, Dockerfile
    ``ENV``/``ARG``, Terraform, XML, Markdown, command-line flags (``--password``), and
    ``Authorization: Bearer`` tokens. Names count when they say ``password``, ``secret``,
    ``token``, ``api key``, ``credential``, ``private key`` and the like (``*_key`` only
    with a random-looking value). Not reported: environment lookups
    (``os.environ["…"]``, ``process.env.X``, ``${VAR}``, ``{{ secrets.X }}``),
    placeholders, identifiers and messages, public variables (``NEXT_PUBLIC_*``), hashes
    and checksums, and demo values in example files (``.env.example``).

    Why it matters
    A secret in source code is shared with everyone who can read the repository and
    cannot be rotated without a commit.

    Example that fails
    ```
    db:
      password: 8vQ…        # a real password
    ```

    Example that passes
    ```
    db:
      password: ${DB_PASSWORD}
    ```

    Options
    None.
    """

    code = "EG323"
    name = "hardcoded-secret"
    summary = "A secret-named variable or key is assigned a literal secret value."


class KnownValueLeak(Rule):
    """What it checks
    The values of secret variables in the project's own env files (``.env``,
    ``.env.local``, ``.env.production``...; example files excluded) found verbatim in
    other files. Values are compared by hash and never printed; placeholders and short or
    guessable values are not looked for. A variable is secret when the built-in schemas
    say so, when its value has a secret provider format, or when its name says so
    (``*_SECRET``, ``*_TOKEN``, ``*_PASSWORD``...).

    Why it matters
    This catches what no pattern can: a real password copied into a test, a README, a
    ``docker-compose.yml`` or ``.env.example``.

    Example that fails
    ```
    # .env (not committed)
    SESSION_SECRET=…
    # docker-compose.yml (committed) holds the same value
    ```

    Example that passes
    ```
    # docker-compose.yml
    environment:
      SESSION_SECRET: ${SESSION_SECRET}
    ```

    Options
    ``scan: known_values: false`` or ``--no-known-values`` turns it off.
    """

    code = "EG324"
    name = "known-value-leak"
    summary = "The value of a secret from a local env file appears in another file."


class JsonWebToken(Rule):
    """What it checks
    Signed JSON Web Tokens that are still valid (no ``exp`` claim, or one in the future).
    The payload is decoded, never verified. Supabase ``service_role`` keys are reported
    as EG320; Supabase anon keys, unsigned tokens, expired tokens and documented examples
    (jwt.io's) are not reported.

    Why it matters
    A bearer token works for whoever holds it until it expires; long-lived service tokens
    are as good as passwords.

    Example that fails
    ```
    const token = "eyJhbGciOi…";   // a signed token with no expiry
    ```

    Example that passes
    ```
    const token = await getToken();
    ```

    Options
    None.
    """

    code = "EG325"
    name = "json-web-token"
    summary = "A signed JSON Web Token that has not expired is written in a file."
    severity = Severity.WARNING


class HighEntropyString(Rule):
    """What it checks
    Quoted strings that look machine-generated (mixed-case letters and digits, high
    Shannon entropy, 24 to 256 characters) with no secret-named variable next to them.
    Hex strings (hashes, commit ids), UUIDs, base64 blobs longer than a key, values next
    to words like ``sha256``, ``integrity``, ``checksum`` or ``hash``, and files with many
    such strings (test vectors, data) are not reported.

    Why it matters
    Many keys have no recognisable prefix. A random-looking literal in code is worth a
    look.

    Example that fails
    ```
    client = Client("q7Rk2…")   # 40 random letters and digits
    ```

    Example that passes
    ```
    EXPECTED_SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    ```

    Options
    ``scan: entropy: false`` or ``--no-entropy`` turns it off.
    """

    code = "EG326"
    name = "high-entropy-string"
    summary = "A random-looking string literal that may be a credential."
    severity = Severity.WARNING


RULES: tuple[type[Rule], ...] = (
    ProviderCredential,
    PrivateKey,
    CredentialsInUrl,
    HardcodedSecret,
    KnownValueLeak,
    JsonWebToken,
    HighEntropyString,
)

BY_CODE: dict[str, type[Rule]] = {r.code: r for r in RULES}

PROVIDER = ProviderCredential
PRIVATE_KEY = PrivateKey
URL_CREDENTIALS = CredentialsInUrl
HARDCODED = HardcodedSecret
KNOWN_VALUE = KnownValueLeak
JWT = JsonWebToken
ENTROPY = HighEntropyString
