"""EG300-EG319: secrets that reach people who should not have them.

Never by name alone: in well-known public repositories every ``NEXT_PUBLIC_*KEY``,
``*TOKEN`` and ``*DSN`` is public by design (Sentry DSN, PostHog ``phc_``, Stripe and
Clerk ``pk_``, Supabase anon key, Turnstile site key). A public variable is reported when
its *value* has the shape of a secret (``sk_live_``, a ``service_role`` JWT, ``phx_``,
Mapbox ``sk.``, a PEM private key, a URL with a password) or when the schema classifies
the variable it exposes as a server secret and the value does not look publishable.

Example files and git: an ``.env.example`` is committed, so a real-looking secret in it
is published; an env file with real secrets that git tracks (or would add) is one push
away from the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from envguard.core.findings import Finding, Location, Severity
from envguard.core.mask import describe
from envguard.knowledge import providers
from envguard.knowledge.placeholders import placeholder_reason
from envguard.knowledge.strength import estimate
from envguard.project.context import CheckContext
from envguard.rules.base import Rule
from envguard.rules.strength import (
    Candidate,
    candidates,
    is_example_name,
    opaque,
    secret_formats,
)
from envguard.schema.model import public_prefix
from envguard.sources.dotenv import Entry, EnvFile, read_env_file

_URL_PASSWORD_RE = re.compile(r"^([a-z][a-z0-9+.-]*)://([^:/@\s]*):([^@/\s]+)@", re.IGNORECASE)
_CONNECTION_SCHEMES = frozenset(
    [
        "postgres",
        "postgresql",
        "mysql",
        "mariadb",
        "mongodb",
        "mongodb+srv",
        "redis",
        "rediss",
        "amqp",
        "amqps",
        "smtp",
        "smtps",
        "ftp",
        "ftps",
        "sftp",
        "mssql",
        "sqlserver",
        "cockroachdb",
        "clickhouse",
        "nats",
        "kafka",
        "ldap",
        "ldaps",
    ]
)
_AWS_SECRET_RE = re.compile(r"[A-Za-z0-9/+]{40}")
_DEV_ONLY_RE = re.compile(
    r"(?:local|dev|development|testing|test)[ _-]*only|for (?:local )?(?:development|testing)|"
    r"(?:do not|don't|never|not for) use (?:it |this |these )?in production|not for production|insecure|demo key",
    re.IGNORECASE,
)
# Generic (unprefixed) secrets in example files are reported from this capacity up:
# below it a value is a word, a short default or a version string, not a generated key.
EXAMPLE_RANDOM_BITS = 64
EXAMPLE_RANDOM_MIN_LENGTH = 16


# --- rules -------------------------------------------------------------------------------


class SecretInPublicVariable(Rule):
    """
    What it checks:
        A variable that is shipped to browsers or apps (a ``NEXT_PUBLIC_``, ``VITE_``,
        ``PUBLIC_``, ``REACT_APP_``, ``EXPO_PUBLIC_``, ``NUXT_PUBLIC_``, ``GATSBY_``,
        ``NG_APP_`` or ``STORYBOOK_`` prefix, or ``exposure: public`` in the schema) that
        holds a secret: by the value's shape (Stripe ``sk_``/``rk_``, Supabase
        ``sb_secret_`` and ``service_role`` JWTs, PostHog ``phx_``, Mapbox ``sk.``,
        ``whsec_``, ``ghp_``, OpenAI/Anthropic keys, a PEM private key, a connection URL
        with a password, an AWS secret key in an AWS-named variable...) or because the
        schema says the variable it exposes (``NEXT_PUBLIC_X`` → ``X``) is a server
        secret. Templates that *tell* people to put a secret there (``sk_live_...`` in a
        public variable) are a warning.

    Why it matters:
        Bundlers inline these variables into the JavaScript every visitor downloads. A
        secret there is published, whatever the name says.

    Example that fails:
        NEXT_PUBLIC_STRIPE_SECRET_KEY=sk_live_...
        NEXT_PUBLIC_MAPBOX_TOKEN=sk.eyJ...

    Example that passes:
        NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_live_...
        NEXT_PUBLIC_POSTHOG_KEY=phc_...
        NEXT_PUBLIC_SENTRY_DSN=https://<key>@o1.ingest.sentry.io/2

    Options:
        None: move the secret to a server-only variable and rotate it.
    """

    code = "EG301"
    name = "secret-in-public-variable"
    summary = "A browser-exposed variable (NEXT_PUBLIC_, VITE_, ...) that holds a secret."
    severity = Severity.ERROR


class ServerVariableWithPublicPrefix(Rule):
    """
    What it checks:
        A variable declared in the project's schema as a secret or ``exposure: server``
        whose name carries a public prefix (``NEXT_PUBLIC_``, ``VITE_``...).

    Why it matters:
        The prefix decides exposure, not the schema: the bundler will inline the value
        into client code however the schema describes it.

    Example that fails:
        # envguard.yaml
        variables:
          NEXT_PUBLIC_INTERNAL_API_TOKEN: {type: secret}

    Example that passes:
        variables:
          INTERNAL_API_TOKEN: {type: secret}

    Options:
        None.
    """

    code = "EG302"
    name = "server-variable-with-public-prefix"
    summary = "A schema declares a server-only secret under a public prefix."
    severity = Severity.ERROR


class SupabaseSecretInAnonKey(Rule):
    """
    What it checks:
        A Supabase anon or publishable key variable (``SUPABASE_ANON_KEY``,
        ``NEXT_PUBLIC_SUPABASE_ANON_KEY``, ``*_SUPABASE_PUBLISHABLE_KEY``, or any variable
        with the ``supabase-anon-key`` format) that holds a secret Supabase key: a JWT whose
        ``role`` claim is ``service_role`` (decoded, never verified or printed), an
        ``sb_secret_`` key, or an ``sbp_`` personal access token (a wrong-prefix mix-up:
        publishable keys start ``sb_publishable_``).

    Why it matters:
        The anon key goes to every browser and is safe only under Row Level Security. The
        service_role key bypasses RLS and a personal access token controls every project
        of the account: in the anon slot, the whole database is public.

    Example that fails:
        NEXT_PUBLIC_SUPABASE_ANON_KEY=<a JWT with role service_role>

    Example that passes:
        NEXT_PUBLIC_SUPABASE_ANON_KEY=<a JWT with role anon>
        NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY=sb_publishable_...

    Options:
        None.
    """

    code = "EG303"
    name = "supabase-secret-in-anon-key"
    summary = "A Supabase anon/publishable variable holding a service_role, sb_secret_ or sbp_ key."
    severity = Severity.ERROR


class SecretInExampleFile(Rule):
    """
    What it checks:
        Example and template env files (``.env.example``, ``.env.sample``,
        ``.env.template``, ``.env.local.example``...) holding real-looking secrets instead
        of placeholders: provider secrets (error; test-mode keys a warning), PEM private
        keys (warning), and random-looking values of secret variables (warning). A
        value whose comment says it is for local development only is reported as info.
        Empty values, placeholders (``sk_live_...``, ``<your-key>``, ``changeme``) and the
        vendors' documented example keys are fine.

    Why it matters:
        Example files are committed and read by everyone. A real key there is leaked; a
        generated default is copied into deployments by whoever runs ``cp .env.example
        .env``, so everyone who read the repository knows it. (PostHog's template ships
        two real RSA private keys marked "LOCAL DEVELOPMENT ONLY": envguard reports
        them as info, so the choice stays visible.)

    Example that fails:
        # .env.example
        STRIPE_SECRET_KEY=sk_live_...(a real key)
        SESSION_SECRET=<64 random hex characters>

    Example that passes:
        STRIPE_SECRET_KEY=sk_live_...
        SESSION_SECRET=            # openssl rand -base64 32

    Options:
        ``# envguard: ignore[EG310]`` on a line keeps a deliberate development key.
    """

    code = "EG310"
    name = "secret-in-example-file"
    summary = "An example/template env file holding a real-looking secret instead of a placeholder."
    severity = Severity.ERROR


class SecretCopiedFromExample(Rule):
    """
    What it checks:
        In a deployed environment (staging, preview, production), a secret whose value is
        the one in the committed example file.

    Why it matters:
        ``cp .env.example .env`` is how projects start; a default secret from the example
        that survives into a deployment is known to everyone who can read the repository.

    Example that fails:
        # .env.example: SESSION_SECRET=3f1c...   .env.production: SESSION_SECRET=3f1c...

    Example that passes:
        # .env.production holds its own `openssl rand -base64 32`

    Options:
        None.
    """

    code = "EG311"
    name = "secret-copied-from-example"
    summary = "A deployed secret equal to the value in the committed example file."
    severity = Severity.ERROR


class EnvFileTracked(Rule):
    """
    What it checks:
        An env file (``.env``, ``.env.local``, ``.env.production``...; not example files)
        holding at least one real secret value that is tracked by git.

    Why it matters:
        Everything tracked is pushed, cloned, forked and kept in history forever.
        Removing the file later does not remove the secrets from history: rotate them.

    Example that fails:
        git add .env   # .env holds STRIPE_SECRET_KEY=sk_live_...

    Example that passes:
        # .env is listed in .gitignore; .env.example (placeholders only) is tracked

    Options:
        None. Files whose secret values are all placeholders, empty or encrypted
        (``encrypted:...``) are not reported.
    """

    code = "EG312"
    name = "env-file-tracked"
    summary = "An env file with real secrets is tracked by git."
    severity = Severity.ERROR


class EnvFileNotIgnored(Rule):
    """
    What it checks:
        An env file holding real secret values that git does not track yet but does not
        ignore either, so ``git add .`` or ``git commit -a`` picks it up.

    Why it matters:
        It is one careless command away from EG312.

    Example that fails:
        # .gitignore does not mention .env.local, which holds secrets

    Example that passes:
        # .gitignore
        .env*
        !.env.example

    Options:
        None.
    """

    code = "EG313"
    name = "env-file-not-ignored"
    summary = "An env file with real secrets is not covered by .gitignore."
    severity = Severity.WARNING


RULES: tuple[type[Rule], ...] = (
    SecretInPublicVariable,
    ServerVariableWithPublicPrefix,
    SupabaseSecretInAnonKey,
    SecretInExampleFile,
    SecretCopiedFromExample,
    EnvFileTracked,
    EnvFileNotIgnored,
)


# --- what a secret looks like ------------------------------------------------------------


def _kind_title(formats: list[providers.ProviderFormat]) -> str:
    """``"a Stripe secret or restricted key"``; ``"a secret key (Stripe or Clerk)"`` when
    the prefix is shared."""
    owners = list(dict.fromkeys(f.provider for f in formats))
    if len(owners) == 1:
        return _article(formats[0].title)
    return f"a secret key ({' or '.join(owners)})"


def _article(title: str) -> str:
    return ("an " if title[:1].lower() in "aeiou" else "a ") + title


def _is_private_pem(text: str) -> bool:
    if "PRIVATE KEY" in text and "-----BEGIN " in text:
        return True
    if text.startswith("LS0tLS1CRUdJTi"):
        from envguard.knowledge.keymaterial import normalise_pem

        return any("PRIVATE KEY" in b.label for b in normalise_pem(text))
    return False


def _url_with_password(text: str) -> bool:
    m = _URL_PASSWORD_RE.match(text)
    if m is None or m.group(1).lower() not in _CONNECTION_SCHEMES:
        return False
    return placeholder_reason(m.group(3), secret=True) is None


def _aws_secret(name: str, text: str) -> bool:
    upper = name.upper()
    if "AWS" not in upper and "SECRET_ACCESS_KEY" not in upper:
        return False
    if not _AWS_SECRET_RE.fullmatch(text):
        return False
    # A random 40-character base64 string: mixed case and digits, not a word.
    return any(c.isupper() for c in text) and any(c.islower() for c in text) and any(c.isdigit() for c in text)


def secret_shape(name: str, text: str) -> str | None:
    """What secret ``text`` looks like ("a Stripe secret or restricted key"), or ``None``.

    By shape only (prefixes, structure, JWT claims), except that a bare 40-character AWS
    secret needs an AWS-looking name to be told from any other random string.
    """
    formats = secret_formats(text)
    if formats:
        return _kind_title(formats)
    if _is_private_pem(text):
        return "a PEM private key"
    if _url_with_password(text):
        return "a connection URL with a password"
    if _aws_secret(name, text):
        return "an AWS secret access key"
    return None


def _public_shaped(text: str) -> bool:
    """The value has the shape of something publishable (``pk_live_``, ``phc_``, a DSN...)."""
    return any(not f.secret for f in providers.identify(text))


def _secret_prefix_title(text: str) -> str | None:
    """For a placeholder such as ``sk_live_xxx``: the secret kind its prefix announces."""
    for fmt in providers.iter_formats():
        if fmt.secret and fmt.prefixes:
            prefix = fmt.matched_prefix(text)
            if prefix is not None and len(prefix) >= 3:
                return _article(fmt.title)
    return None


# --- public variables --------------------------------------------------------------------


def _is_anon_variable(c: Candidate) -> bool:
    if c.spec is not None and c.spec.format == "supabase-anon-key":
        return True
    upper = c.name.upper()
    return "SUPABASE" in upper and ("ANON" in upper or "PUBLISHABLE" in upper)


def _supabase_secret(text: str) -> tuple[str, str] | None:
    """(what the value is, what it allows) for a secret Supabase key, else None."""
    rls = "it bypasses Row Level Security"
    if text.startswith("sb_secret_"):
        return "a Supabase secret key (`sb_secret_…`)", rls
    if text.startswith("sbp_"):
        return "a Supabase personal access token (`sbp_…`)", "it controls every project of the account"
    claims = providers.jwt_claims(text)
    if claims is not None and claims.get("role") == "service_role":
        return "the Supabase service_role key (its JWT role claim is service_role)", rls
    return None


def check_supabase_anon(ctx: CheckContext) -> Iterator[Finding]:
    for c in candidates(ctx):
        if not _is_anon_variable(c):
            continue
        found = _supabase_secret(c.text)
        if found is None:
            continue
        what, power = found
        yield SupabaseSecretInAnonKey.finding(
            f"{c.name} holds {what} instead of the anon/publishable key; {power}, and this variable "
            "is meant for browsers",
            **ctx.at(c.value),
            variable=c.name,
            hint="put the anon key (JWT role anon) or the `sb_publishable_…` key here, keep the secret key in a "
            "server-only variable, and rotate the exposed one in the Supabase dashboard",
        )


def _public_reason(c: Candidate) -> str | None:
    prefix = public_prefix(c.name)
    if prefix is not None:
        return f"{prefix} variables are inlined into the client bundle"
    if c.spec is not None and c.spec.exposure == "public" and c.via != "public-prefix":
        return "the schema marks it public (it is meant for browsers)"
    return None


def check_public_secrets(ctx: CheckContext) -> Iterator[Finding]:
    for c in candidates(ctx):
        why = _public_reason(c)
        if why is None or _is_anon_variable(c):
            continue
        text = c.text
        if not text or opaque(text):
            continue
        at = ctx.at(c.value)
        hint = (
            "move it to a server-only variable (without the public prefix), read it only in server code, "
            "and rotate it: assume it has been published"
        )
        if placeholder_reason(text, secret=True) is not None:
            announced = _secret_prefix_title(text)
            if announced is not None:
                yield SecretInPublicVariable.finding(
                    f"{c.name} is meant to hold {announced} ({why}); a secret must not be public",
                    **at,
                    variable=c.name,
                    hint="use a server-only variable for the secret; only publishable keys belong here",
                    severity=Severity.WARNING,
                )
            continue
        shape = secret_shape(c.name, text)
        if shape is not None:
            yield SecretInPublicVariable.finding(
                f"{c.name} holds {shape} {describe(text)}, but {why}",
                **at,
                variable=c.name,
                hint=hint,
            )
            continue
        found = ctx.lookup(c.name)
        if found is not None and found.via == "public-prefix" and found.spec.secret and not _public_shaped(text):
            yield SecretInPublicVariable.finding(
                f"{c.name} exposes {found.spec.name}, a server-side secret, and {why}",
                **at,
                variable=c.name,
                hint=hint,
            )


def check_public_templates(ctx: CheckContext) -> Iterator[Finding]:
    """Example files that design a secret into a public variable (empty or placeholder)."""
    for file in example_files(ctx):
        for entry in file.entries:
            prefix = public_prefix(entry.key)
            if prefix is None:
                continue
            text = entry.value.strip()
            if text and placeholder_reason(text, secret=True) is None:
                continue  # a real value: EG310 judges real-looking secrets in example files
            announced = _secret_prefix_title(text) if text else None
            found = ctx.lookup(entry.key)
            if announced is not None:
                what = f"is meant to hold {announced}"
            elif found is not None and found.via == "public-prefix" and found.spec.secret:
                what = f"exposes {found.spec.name}, a server-side secret"
            else:
                continue
            yield SecretInPublicVariable.finding(
                f"{entry.key} in {file.display} {what}, but {prefix} variables are inlined into the client "
                "bundle; whoever fills in this template publishes the secret",
                **ctx.at_entry(file, entry),
                variable=entry.key,
                hint=f"rename it to {entry.key[len(prefix) :]} and read it only in server code",
                severity=Severity.WARNING,
            )


def check_schema_exposure(ctx: CheckContext) -> Iterator[Finding]:
    own = {"project", *(g.name for g in ctx.config.groups)}
    for name, spec in ctx.schema.variables.items():
        if spec.group not in own or public_prefix(name) is None:
            continue
        if spec.exposure != "server" and not (spec.secret and spec.exposure != "public"):
            continue
        prefix = public_prefix(name)
        inner = name[len(prefix or "") :]
        mark = spec.mark
        where = ctx.at(ctx.values.get(name))
        if mark is not None and mark.line is not None:
            # Marks name the config file as the user typed it (relative to the cwd).
            declared = Path(mark.path) if Path(mark.path).is_absolute() else Path.cwd() / mark.path
            where = {"path": ctx.display(declared), "line": mark.line, "column": None}
        yield ServerVariableWithPublicPrefix.finding(
            f"{name} is declared as a server-only secret, but its {prefix} prefix makes the bundler "
            "publish it to browsers",
            **where,
            variable=name,
            hint=f"rename it to {inner} (without the prefix) and read it only in server code",
        )


# --- example files -----------------------------------------------------------------------


def example_files(ctx: CheckContext) -> list[EnvFile]:
    """The example file and other template-like env files in the project root."""
    key = "exposure:example-files"
    if key not in ctx.cache:
        files: list[EnvFile] = []
        seen: set[Path] = set()
        if ctx.example is not None:
            files.append(ctx.example)
            seen.add(ctx.example.path.resolve())
        try:
            entries = sorted(ctx.root.iterdir())
        except OSError:
            entries = []
        for path in entries:
            name = path.name
            envish = name.startswith((".env", "env.")) or name.endswith(".env")
            if not envish or not is_example_name(name) or not path.is_file() or path.resolve() in seen:
                continue
            seen.add(path.resolve())
            files.append(read_env_file(path, ctx.display(path)))
        ctx.cache[key] = files
    result: list[EnvFile] = ctx.cache[key]
    return result


def _marked_dev_only(file: EnvFile, entry: Entry) -> bool:
    """A comment on the line or just above it says the value is for development only."""
    lines = file.lines
    index = entry.line - 1
    if 0 <= index < len(lines) and "#" in lines[index] and _DEV_ONLY_RE.search(lines[index].split("#", 1)[1]):
        return True
    for k in range(index - 1, max(-1, index - 6), -1):
        line = lines[k].strip() if 0 <= k < len(lines) else ""
        if not line:
            continue
        if not line.startswith("#"):
            break
        if _DEV_ONLY_RE.search(line):
            return True
    return False


def _example_secret(ctx: CheckContext, key: str, text: str) -> tuple[str, Severity] | None:
    """(what the value looks like, severity) for a real-looking secret in an example file."""
    formats = secret_formats(text)
    if formats:
        mode = next((m for m in (f.mode_of(text) for f in formats) if m is not None), None)
        return "what looks like a real " + _kind_title(formats).split(" ", 1)[1], (
            Severity.WARNING if mode == "test" else Severity.ERROR
        )
    if _is_private_pem(text):
        return "a private key", Severity.WARNING
    if _url_with_password(text):
        from envguard.rules.committed import url_password

        if url_password(text) is None:
            # postgresql://postgres:postgres@localhost/app, or @db:5432 (a compose service):
            # the throwaway password of a local database, which is what an example shows.
            return None
        return "a connection URL with a real-looking password", Severity.WARNING
    if "://" in text:
        return None  # a URL's only secret is its password, and this one has none
    found = ctx.lookup(key)
    secret = found.spec.secret if found is not None else ctx.is_secret(key)
    if not secret or len(text) < EXAMPLE_RANDOM_MIN_LENGTH or any(not f.secret for f in providers.identify(text)):
        return None
    encoding = found.spec.encoding if found is not None else None
    est = estimate(text, encoding)
    if est.capacity >= EXAMPLE_RANDOM_BITS and not est.patterned:
        return "a random-looking secret", Severity.WARNING
    return None


def check_example_files(ctx: CheckContext) -> Iterator[Finding]:
    for file in example_files(ctx):
        for entry in file.entries:
            text = entry.value.strip()
            if not text or opaque(text) or placeholder_reason(text, secret=True) is not None:
                continue
            found = _example_secret(ctx, entry.key, text)
            if found is None:
                continue
            what, severity = found
            note = ""
            if severity != Severity.ERROR and _marked_dev_only(file, entry):
                severity = Severity.INFO
                note = " (marked for development only: make sure no deployment uses it)"
            yield SecretInExampleFile.finding(
                f"{entry.key} in {file.display} holds {what} {describe(text)} instead of a placeholder; "
                f"example files are committed and public{note}",
                **ctx.at_entry(file, entry),
                variable=entry.key,
                hint=f"leave it empty (`{entry.key}=`) or write a placeholder, with a comment saying how to "
                "generate the value; if the value is real, rotate it (it stays in git history)",
                severity=severity,
            )


_SECRET_PARAM = re.compile(r"pass|pwd|secret|token|key|sig|auth|cred", re.IGNORECASE)


def _url_without_credentials(text: str) -> bool:
    from envguard.knowledge import dburl

    url = dburl.parse(text) if dburl.looks_like_url(text) else None
    if url is None or url.user is not None or url.password_digest is not None:
        return False
    rest, _, query = text.split("://", 1)[-1].partition("?")
    if any(_SECRET_PARAM.search(pair.partition("=")[0]) for pair in re.split(r"[&;]", query) if pair):
        return False
    # Webhook URLs carry their secret in the path (Discord's /api/webhooks/<id>/<token>).
    return all(len(segment) < 20 for segment in rest.partition("/")[2].split("/"))


def check_copied_from_example(ctx: CheckContext) -> Iterator[Finding]:
    env = ctx.environment
    if not (env.deployed or env.production):
        return
    published: dict[str, list[tuple[EnvFile, Entry]]] = {}
    for file in example_files(ctx):
        for entry in file.entries:
            text = entry.value.strip()
            if len(text) >= 8 and not opaque(text) and placeholder_reason(text, secret=True) is None:
                published.setdefault(text, []).append((file, entry))
    if not published:
        return
    for c in candidates(ctx):
        if not (ctx.is_secret(c.name) or secret_formats(c.text)):
            continue
        hits = published.get(c.text)
        if not hits:
            continue
        if _url_without_credentials(c.text) and not secret_formats(c.text):
            # REDIS_URL=redis://redis:6379 (chatwoot's compose service name): the secret of a
            # connection URL is its password, and this one has none to know.
            continue
        # Name the example's own line for this variable when it has one (lago's example gives
        # the S3 key id and secret the same value; the secret's line is the one to point at).
        file, entry = next((h for h in hits if h[1].key == c.name), hits[0])
        yield SecretCopiedFromExample.finding(
            f"{c.name} has the same value as {entry.key} in {file.display}; that file is committed, so this "
            f"secret is known to everyone who can read the repository",
            **ctx.at(c.value),
            variable=c.name,
            hint=f"generate a new {c.name} for {env.name} (`openssl rand -base64 32`) and keep the example's value "
            "for local development only",
            related=(Location(file.display, entry.line, entry.column, note="the published value"),),
        )


# --- env files and git -------------------------------------------------------------------


def real_secret_count(ctx: CheckContext, file: EnvFile) -> int:
    """How many entries of ``file`` hold a real secret (not empty, placeholder, reference
    or encrypted)."""
    count = 0
    for entry in file.entries:
        text = entry.value.strip()
        if not text or opaque(text):
            continue
        found = ctx.lookup(entry.key)
        secret = found.spec.secret if found is not None else ctx.is_secret(entry.key)
        if not secret and not secret_formats(text):
            continue
        if placeholder_reason(text, secret=True) is not None:
            continue
        count += 1
    return count


def _real_env_files(ctx: CheckContext) -> list[EnvFile]:
    files: list[EnvFile] = []
    seen: set[Path] = set()
    for f in [*ctx.files, *ctx.other_env_files]:
        resolved = f.path.resolve()
        if resolved in seen or is_example_name(f.path.name):
            continue
        seen.add(resolved)
        files.append(f)
    return files


_GIT_PENDING = "exposure.git-classify"


def start_git_exposure(ctx: CheckContext) -> None:
    """Start the one git process :func:`check_git_exposure` needs, before the other rules
    run (engine.run_checks calls each family's ``PREFETCH``)."""
    if _GIT_PENDING in ctx.cache or not (ctx.enabled(EnvFileTracked.code) or ctx.enabled(EnvFileNotIgnored.code)):
        return
    files = [(f, n) for f in _real_env_files(ctx) if (n := real_secret_count(ctx, f)) > 0]
    rel: dict[str, tuple[EnvFile, int]] = {}
    root = ctx.root.resolve()
    for f, n in files:
        try:
            rel[f.path.resolve().relative_to(root).as_posix()] = (f, n)
        except ValueError:
            continue  # outside the project (an --env-file from elsewhere)
    if not rel:
        ctx.cache[_GIT_PENDING] = (rel, None)
        return
    from envguard.sources import git

    try:
        pending: git.PendingClassify | git.GitError = git.start_classify(root, list(rel))
    except git.GitError as exc:
        pending = exc
    ctx.cache[_GIT_PENDING] = (rel, pending)
    ctx.on_close(getattr(pending, "close", None))


def check_git_exposure(ctx: CheckContext) -> Iterator[Finding]:
    if not (ctx.enabled(EnvFileTracked.code) or ctx.enabled(EnvFileNotIgnored.code)):
        return
    start_git_exposure(ctx)
    rel, pending = ctx.cache[_GIT_PENDING]
    if pending is None:
        return
    from envguard.sources import git

    try:
        if isinstance(pending, git.GitError):
            raise pending
        status = pending.result()
    except git.GitError as exc:
        ctx.notes.append(f"git exposure checks skipped: {exc}")
        return
    if status is None:
        return
    for path, (f, n) in rel.items():
        secrets = f"{n} real secret value" + ("" if n == 1 else "s")
        if status.get(path) == "tracked":
            yield EnvFileTracked.finding(
                f"{f.display} holds {secrets} and is tracked by git; everyone with the repository has them",
                path=f.display,
                hint=f"`git rm --cached {path}`, add it to .gitignore, and rotate the secrets: they stay in git history",
            )
        elif status.get(path) == "untracked":
            yield EnvFileNotIgnored.finding(
                f"{f.display} holds {secrets} and is not covered by .gitignore; `git add .` would commit it",
                path=f.display,
                hint="add `.env*` and `!.env.example` to .gitignore",
            )


CHECKS = (
    check_public_secrets,
    check_public_templates,
    check_schema_exposure,
    check_supabase_anon,
    check_example_files,
    check_copied_from_example,
    check_git_exposure,
)

# Work a check can start before any rule runs, so that it overlaps them.
PREFETCH = {check_git_exposure: start_git_exposure}

# What envguard.load() runs at app start: checks that need the repository (example files,
# git, other environments' files, package.json, compose) stay out of it.
RUNTIME_CHECKS = (check_public_secrets, check_schema_exposure, check_supabase_anon, check_copied_from_example)
