"""Secret-named assignments in any syntax: ``password = "…"``, ``"apiKey": "…"``,
``DB_PASSWORD=…``, ``ENV API_TOKEN …``, ``<password>…</password>``, ``--token=…``,
``?api_key=…&``, ``setdefault("SECRET_KEY", "…")``, ``IDENTIFIED BY '…'``.

Two questions decide a finding: does the *name* say secret (:func:`name_strength`), and is
the *value* a literal that looks like one (:func:`value_problem`)? Names are split into
words (``dbPassword`` -> db, password) so that ``password_hash``, ``token_type``,
``SECRET_NAME`` or ``NEXT_PUBLIC_*`` are told apart from secrets. Values must be
literals: in code files an unquoted value is an expression (``os.environ["X"]``), and
references (``${X}``, ``{{ secrets.X }}``), placeholders, identifiers, paths and hashes
are not secrets.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from envguard.scanner import textutil as tu
from envguard.scanner.model import PRIORITY_KEYWORD, Candidate
from envguard.scanner.textutil import lazy, words

NONE, WEAK, STRONG = 0, 1, 2

_PUBLIC_PREFIXES = (
    "next_public_", "vite_", "public_", "react_app_", "expo_public_", "nuxt_public_", "gatsby_",
    "ng_app_", "storybook_", "sanity_studio_", "plasmo_public_",
)  # fmt: skip

_STRONG_SUBSTRINGS = (
    "password", "passwd", "passphrase", "secret", "credential", "apikey", "accesskey", "privatekey",
    "authtoken", "accesstoken", "refreshtoken", "apitoken", "bearertoken", "authkey", "masterkey",
    "signingkey", "encryptionkey", "secretkey", "clientkey", "contrasena", "contraseña", "passwort",
    "motdepasse", "senha", "webhookkey", "licensekey", "servicekey", "accountkey", "appkey",
)  # fmt: skip
_STRONG_TOKENS = frozenset({"pass", "pwd", "pw", "token", "psk", "secret", "secrets", "passkey", "apikey", "creds"})
_KEY_QUALIFIERS = words(
    """
    api access secret private auth master signing sign encryption enc crypt crypto cipher
    license client account app application service session jwt hmac aes rsa ssh gpg pgp
    deploy admin root webhook integration write read subscription shared consumer storage
    bot server ingest sdk write management mgmt personal partner merchant
    """
)
# ``pat`` is a personal access token, but also a pattern (``HEX_PAT``): weak.
_WEAK_TOKENS = frozenset({"key", "auth", "salt", "keys", "pat"})

_NON_SECRET_LAST = words(
    """
    id ids url uri urls uris endpoint endpoints host hosts hostname port name names file files
    filename filepath path paths dir directory folder type types kind length len size count
    min max prompt label labels field fields header headers env envvar var vars variable hash
    hashed hashes digest sha checksum arn region ttl expiry expires expiration expire timeout
    lifetime age policy policies version format template pattern regex regexp enabled disabled
    enable disable required mode algorithm alg algo strength rounds iterations bits class cls
    handler handlers provider providers store storage manager backend method scheme scope
    scopes audience issuer location ref reference source placeholder hint message msg error
    errors text title description desc help doc docs example column col attr attribute param
    params parameter status state valid validator validation rule rules date time at created
    updated index idx prefix suffix separator delimiter encoding charset cache limit usage
    chars characters num number list map dict callback hook hooks event events input inputs
    output button link route page view form component icon style color width height flag
    flags option options owner user username email login strategy length location reset
    confirmation visible visibility min_length count in tab sid
    """
)
_NON_SECRET_FIRST = words(
    """
    is has use uses enable enabled disable show hide min max num allow require required should
    can validate check verify get fetch load read parse hash hashed compare reset forgot change
    update create generate no skip handle on test_ expect expected mock fake dummy example
    sample placeholder default_length
    """
)
_MARKER_TOKENS = frozenset(
    {"example", "sample", "dummy", "fake", "mock", "placeholder", "public", "publishable", "pub", "nonsecret"}
)
_NON_SECRET_NAMES = words(
    """
    tokentype granttype tokenizer tokenizers tokenurl tokenendpoint tokenuri authurl authorizationurl
    authtype authmethod authscheme authprovider authmode authorization passwordfield passwordinput
    secretname secretref secretkeyref secretsmanager keyvault keyring keyboard keypress keycode
    keydown keyup keyframes keyword keywords keystore keyfile keypath keypair hotkey primarykey
    foreignkey sortkey partitionkey cachekey dictkey idempotencykey rowkey hashkey rangekey
    lookupkey objectkey storagekey s3key bucketkey querykey routekey i18nkey translationkey
    localstoragekey sessionstoragekey keyname keyid kid keyalias authenticated authenticator
    authority authorized authorize author authors tokens maxtokens
    """
)


@functools.lru_cache(maxsize=8192)
def name_strength(name: str) -> int:
    """How strongly a variable or key name says "this holds a secret"."""
    raw = name.strip("'\"`$@[]<>/\\").lstrip("-").rstrip(".:")
    if not raw or len(raw) > 100:
        return NONE
    low = raw.lower()
    flat = re.sub(r"[.\-]", "_", low)
    if flat.startswith(_PUBLIC_PREFIXES) or any(f"_{p}" in flat for p in _PUBLIC_PREFIXES[:2]):
        return NONE
    tokens = tu.name_tokens(raw)
    if not tokens:
        return NONE
    joined = "".join(tokens)
    if joined in _NON_SECRET_NAMES or tokens[-1] in _NON_SECRET_LAST or tokens[0] in _NON_SECRET_FIRST:
        return NONE
    if any(t in _MARKER_TOKENS for t in tokens) or joined.startswith(("public", "publishable")):
        return NONE
    if any(w in joined for w in _STRONG_SUBSTRINGS) or any(t in _STRONG_TOKENS for t in tokens):
        return STRONG
    if joined.endswith("token"):
        return STRONG
    if "key" in tokens and any(t in _KEY_QUALIFIERS for t in tokens):
        return STRONG
    if any(t in _WEAK_TOKENS for t in tokens):
        return WEAK
    return NONE


def value_problem(value: str, strength: int, *, name: str = "", loose: bool = False) -> str | None:
    """Why ``value`` (assigned to a name of the given strength) is not reported, or None.

    ``loose`` is for prose and whitespace-separated forms (``password is …``,
    ``--token …``), where the value must look generated rather than merely be a literal.
    """
    v = value
    if not v.strip():
        return "empty"
    if strength == NONE:
        return "not a secret name"
    if any(c.isspace() for c in v):
        return "contains whitespace (a message or a fragment, not a secret)"
    if _FLAG.fullmatch(v):
        return "a command-line flag"
    if len(v) > 512:
        return "too long (a blob, not a secret)"
    low = v.lower()
    if low in tu.DUMMY_VALUES:
        return "a placeholder or default"
    name_low = re.sub(r"[^a-z0-9]", "", name.lower())
    bare = re.sub(r"[^a-z0-9]", "", low)
    if bare and (bare == name_low or (bare in name_low and len(bare) >= 4)):
        return "the name repeated"
    if tu.placeholder(v):
        return "a placeholder"
    if tu.demo_value(v):
        return "marked as a demo or example value"
    if tu.documented_example(v):
        return "a documented example"
    # For a secret-named variable, a value with digits is judged by shape only: the
    # word heuristic would misread some random passwords.
    shape = tu.non_secret_shape(v, heuristic=strength != STRONG or loose or not any(c.isdigit() for c in v))
    if shape:
        return shape
    if tu.is_sequential(v) or len(set(v)) <= 2 or tu.has_run(v, 8):
        return "sequential or repeated characters"
    if v.startswith(("-----", "ssh-", "ecdsa-", "sk-ssh")):
        return "key material handled elsewhere"
    if tu.is_uuid(v):
        if strength == STRONG and not loose and not set(v.replace("-", "")) <= {"0"}:
            return None
        return "a UUID"
    if strength == WEAK or loose:
        return None if tu.looks_random(v, min_len=16 if strength == STRONG else 20) else "does not look generated"
    # A strong name: any literal of some length and variety is a secret.
    if len(v) < 6:
        return "too short"
    core = v.strip("-_.*~#=+:")
    if core != v and v[0] == v[-1] and core.isalpha() and len(core) < 12:
        # A word between matching marks (`DD_API_KEY=-nope-` in a Datadog install
        # script, `*secret*`); `Summer!` is still a password.
        return "a single word"
    n_classes = tu.classes(v)
    if n_classes >= 2:
        if v.isalpha() and len(v) < 12 and (v[0].isupper() and v[1:].islower()):
            return "a capitalised word"
        return None
    # One class: letters only or digits only.
    if v.isdigit():
        return "digits only"
    if len(v) >= 20 and tu.entropy(v) >= 3.8 and tu.vowel_ratio(v) < 0.3:
        return None
    return "a single word"


# --- finding assignments in a line -------------------------------------------------------

_KEYWORD = lazy(
    r"pass|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|auth|credential|private[_-]?key|contrase|passwort|salt|key|creds|_pat\b",
    re.IGNORECASE,
)
_NAME_CHAR = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
_TYPE_ANNOTATION = lazy(
    r"\s*:\s*&?(?:'\w+\s+)?[A-Za-z_][\w.\[\]|, ]{0,40}?\s*(?==[^=>])|[ \t]+[A-Za-z_][\w.\[\]*]{0,30}[ \t]*(?==[^=>])"
)
_OP = lazy(
    r"[ \t]*(?::=|=>|===|!==|==|!=|\?\?=|\|\|=|\?=|<-|=|:|,|\()[ \t]*|[ \t]+(?:is|was|are|of|=)[ \t]+[`'\"]?|[ \t]+"
)
_PREFIX = lazy(r"(?:@|[rRbBuU]{1,2}(?=[\"'])|r#{1,3}(?=\")|(?:new\s+)?String\(|SecretStr\()")
_UNQUOTED_STOP = frozenset(" \t;,'\"`)}]<>&|")
# In env files, YAML block values, INI and properties an unquoted value runs to the end
# of the line (passwords contain ``)``, ``&`` and ``;``).
_UNQUOTED_STOP_LOOSE = frozenset(" \t'\"`")
MAX_KEYWORDS_PER_LINE = 500
_FLAG = lazy(r"-{1,2}[a-z][a-z0-9]*(?:-[a-z0-9]+)*=?")
_CODE_CHARS = lazy(r"[\"'`()\[\]{}<>,;=\\]")
_SETTER_CALL = lazy(
    r"(?:^|[^\w])(?:set\w*|put\w*|add\w*|define|with\w*|update|header|get\w*|env|fetch|config|option|param\w*)\s*\(\s*$",
    re.IGNORECASE,
)
_COMMENT_START = ("#", "//", "/*", "*", "--", "<!--", ";", "%", "rem ", "REM ")

_XML_KEY_VALUE = lazy(
    r"""(?:key|name)\s*=\s*(?P<q1>["'])(?P<name>[^"'<>]{1,100})(?P=q1)\s+value\s*=\s*(?P<q2>["'])(?P<value>[^"'<>]*)(?P=q2)""",
    re.IGNORECASE,
)
# ``requests.get(url, auth=("user", "…"))``, ``HTTPBasicAuth("user", "…")``: the second
# string of the pair is a password, whatever the variables around it are called.
_AUTH_TUPLE = lazy(
    r"""(?:\bauth\s*=\s*[(\[]|BasicAuth\s*\()\s*(?P<q1>["'])[^"'\n]{0,100}(?P=q1)\s*,\s*(?P<q2>["'])(?P<value>[^"'\n]+)(?P=q2)\s*[)\]]"""
)
# ``INSERT INTO t (id, api_key) VALUES ('…', '…')``: the column names sit apart from values.
_SQL_INSERT = lazy(
    r"INSERT\s+INTO\s+[\w.\"`\[\]]+\s*\((?P<cols>[^()]{1,2000})\)\s*VALUES\s*\((?P<vals>[^\n]{1,20000}?)\)\s*[;,]?",
    re.IGNORECASE,
)
_SQL_VALUE = lazy(r"\s*(?:'(?P<q>(?:[^'\n]|'')*)'|(?P<bare>[^,'\n]*?))\s*(?:,|$)")


def _sql_insert_candidates(line: str, start: int, ctx: LineContext) -> Iterator[Candidate]:
    for m in _SQL_INSERT.finditer(line):
        cols = [c.strip().strip('"`[]') for c in m.group("cols").split(",")]
        strengths = [name_strength(c) for c in cols]
        if not any(strengths):
            continue
        pos, stop = m.start("vals"), m.end("vals")
        for col, strength in zip(cols, strengths, strict=False):
            v = _SQL_VALUE.match(line, pos, stop)
            if v is None or v.end() == pos:
                break
            pos = v.end()
            if strength == NONE or v.group("q") is None:
                continue
            value = v.group("q")
            vs, ve = v.span("q")
            yield _candidate(col, value, start + vs, start + ve, value_problem(value, strength, name=col), ctx)


_SQL_PASSWORD = lazy(r"IDENTIFIED\s+BY\s+(?:PASSWORD\s+)?(?P<q>['\"])(?P<value>[^'\"]+)(?P=q)", re.IGNORECASE)
_DOCKER_ENV = lazy(r"^\s*(?:ENV|ARG)\s", re.IGNORECASE)


class LineContext:
    """How to read values on one line of one file."""

    __slots__ = ("code", "dockerfile", "example", "netrc", "prose")

    def __init__(self, *, code: bool, dockerfile: bool, prose: bool, example: bool, netrc: bool = False) -> None:
        self.code = code
        self.dockerfile = dockerfile
        self.prose = prose
        self.example = example
        # .netrc: ``machine host login user password secret``, whitespace-separated by design
        self.netrc = netrc


def _read_value(line: str, j: int, *, strict: bool = True) -> tuple[str, int, int, bool] | None:
    """(value, start, end, quoted) of the value starting at ``j``, or None."""
    n = len(line)
    m = _PREFIX.match(line, j)
    if m:
        j = m.end()
    if j >= n:
        return None
    ch = line[j]
    if ch == "\\" and j + 1 < n and line[j + 1] in "\"'":
        quote = line[j : j + 2]
        end = line.find(quote, j + 2)
        if end < 0:
            return None
        return line[j + 2 : end], j + 2, end, True
    if ch in "\"'`":
        if line.startswith(ch * 3, j):
            return None  # a docstring or block string: not a single value
        k = j + 1
        while True:
            end = line.find(ch, k)
            if end < 0:
                return None
            if line[end - 1] != "\\" or line[end - 2 : end] == "\\\\":
                break
            k = end + 1
        return line[j + 1 : end], j + 1, end, True
    stop = _UNQUOTED_STOP if strict else _UNQUOTED_STOP_LOOSE
    k = j
    while k < n and line[k] not in stop:
        k += 1
    if k == j:
        return None
    return line[j:k], j, k, False


def _name_bounds(line: str, pos: int) -> tuple[int, int]:
    s = pos
    while s > 0 and line[s - 1] in _NAME_CHAR:
        s -= 1
    # ``$`` and ``@`` may start a name (PHP ``$password``, Ruby ``@token``), never join two.
    if s > 0 and line[s - 1] in "$@":
        s -= 1
    e = pos
    while e < len(line) and line[e] in _NAME_CHAR:
        e += 1
    # A trailing dot ends a sentence, it is not part of the name.
    while e > s and line[e - 1] in ".-":
        e -= 1
    return s, e


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith(_COMMENT_START)


def keyword_candidates(text: str, start: int, end: int, ctx: LineContext) -> Iterator[Candidate]:
    """Assignments of literal values to secret-named keys on the line ``text[start:end]``."""
    line = text[start:end]
    comment = ctx.prose or _is_comment(line)
    # Where a flow mapping or a list opens (``{password: …, user: …}``): values there end
    # at commas and braces. Computed once: lines can be megabytes long.
    opened = min((i for i in (line.find("{"), line.find("[")) if i >= 0), default=len(line))
    seen: set[tuple[int, int]] = set()
    for count, m in enumerate(_KEYWORD.finditer(line)):
        if count >= MAX_KEYWORDS_PER_LINE:
            break  # a line made of thousands of keywords is data, not configuration
        ns, ne = _name_bounds(line, m.start())
        if (ns, ne) in seen or ne <= ns:
            continue
        seen.add((ns, ne))
        name = line[ns:ne]
        strength = name_strength(name)
        if strength == NONE:
            continue
        found = _assignment(line, ns, ne, name, ctx, comment, opened < ns)
        if found is None:
            continue
        value, vs, ve, loose = found
        reason = value_problem(value, strength, name=name, loose=loose)
        yield _candidate(name, value, start + vs, start + ve, reason, ctx)
    for m in _XML_KEY_VALUE.finditer(line):
        name = m.group("name")
        strength = name_strength(name)
        if strength == NONE:
            continue
        value = m.group("value")
        reason = value_problem(value, strength, name=name)
        vs, ve = m.span("value")
        yield _candidate(name, value, start + vs, start + ve, reason, ctx)
    for m in _AUTH_TUPLE.finditer(line):
        value = m.group("value")
        vs, ve = m.span("value")
        yield _candidate("auth", value, start + vs, start + ve, value_problem(value, STRONG, name="password"), ctx)
    low = line.lower()
    if "insert" in low and "values" in low:
        yield from _sql_insert_candidates(line, start, ctx)
    for m in _SQL_PASSWORD.finditer(line):
        value = m.group("value")
        vs, ve = m.span("value")
        yield _candidate(
            "IDENTIFIED BY", value, start + vs, start + ve, value_problem(value, STRONG, name="password"), ctx
        )


def _candidate(name: str, value: str, s: int, e: int, reason: str | None, ctx: LineContext) -> Candidate:
    if reason is None and ctx.example:
        reason = "a demo value in an example file"
    variable = name.strip("'\"`$@[]<>/\\").lstrip("-") or None
    return Candidate(
        "keyword",
        "EG323",
        _title(name),
        value,
        s,
        e,
        PRIORITY_KEYWORD,
        report=reason is None,
        variable=variable,
        detail=reason,
        strong=False,
        ds_type="Secret Keyword",
        ds_variants=(("Secret Keyword", value),),
    )


def _title(name: str) -> str:
    low = name.lower()
    if "pass" in low or "pwd" in low or "contrase" in low or "identified" in low:
        return "hard-coded password"
    if "token" in low:
        return "hard-coded token"
    if re.search(r"api[_-]?key", low):
        return "hard-coded API key"
    if "private" in low:
        return "hard-coded private key"
    return "hard-coded secret"


def _assignment(
    line: str, ns: int, ne: int, name: str, ctx: LineContext, comment: bool, in_mapping: bool = False
) -> tuple[str, int, int, bool] | None:
    """(value, start, end, loose) when ``name`` is followed by an assigned literal."""
    n = len(line)
    i = ne
    before = line[ns - 1] if ns > 0 else ""
    quoted_name = bool(before) and before in "\"'`"
    if quoted_name and i < n and line[i] == before:
        i += 1
    elif ns > 1 and line[ns - 2 : ns] in ('\\"', "\\'") and line.startswith(line[ns - 2 : ns], i):
        quoted_name = True
        i += 2
    if i < n and line[i] == "]":
        i += 1
    # XML element: <password>value</password>
    if before == "<" or (before == ":" and "<" in line[max(0, ns - 20) : ns]):
        if i < n and line[i] == ">":
            close = line.find("<", i + 1)
            if close > i + 1 and line.startswith("</", close):
                return line[i + 1 : close], i + 1, close, False
        return None
    t = _TYPE_ANNOTATION.match(line, i) if ctx.code else None
    if t:
        i = t.end()
    op_m = _OP.match(line, i)
    if op_m is None:
        return None
    op = op_m.group().strip()
    j = op_m.end()
    if op in ("==", "===") and not ctx.code:
        # ``key==value`` in a config file: the value starts with "=".
        j = op_m.start() + op_m.group().index("=") + 1
        op = "="
    if op.endswith(("'", '"', "`")):
        j -= 1  # prose: "password is `hunter2`" keeps the quote for the value reader
        op = op[:-1].strip()
    query = bool(before) and before in "?&"
    strict = ctx.code or query or in_mapping or op in (",", "(")
    got = _read_value(line, j, strict=strict)
    if got is None:
        return None
    value, vs, ve, quoted = got
    if not quoted and (ctx.prose or comment):
        trimmed = value.rstrip(".,;:!?" if "(" in value else ".,;:!?)")
        ve -= len(value) - len(trimmed)
        value = trimmed
    whitespace_op = op == ""
    prose_op = op in ("is", "was", "are", "of")
    if op == "(" and "(" in op_m.group() and op_m.group().index("(") > 0 and not quoted_name:
        return None  # ``secret (…)`` in prose, not a call
    if op == "(":
        last = re.split(r"[.]", name)[-1].lower()
        if not quoted or not (last.startswith(("set", "with")) or (name_strength(last) == STRONG and last.isalpha())):
            return None
        if last.startswith(("check", "verify", "validate", "hash", "compare")):
            return None
    if op == "," and not (quoted_name and _SETTER_CALL.search(line[max(0, ns - 60) : ns - 1])):
        # ``setdefault("SECRET_KEY", "…")``, ``define('DB_PASSWORD', '…')``; not a list of strings
        return None
    if name.lower().strip("-") == "pass" and op not in ("=", ":", ":="):
        return None  # the English verb, or Python's statement
    if op in ("==", "===", "!=", "!==") and not quoted:
        return None
    if ctx.code and not quoted and not (comment or query):
        return None
    if whitespace_op:
        allowed = (
            quoted
            or (ctx.dockerfile and _DOCKER_ENV.match(line) is not None)
            or name.startswith("-")
            or comment
            or not ctx.code
        )
        if not allowed:
            return None
    if ctx.code and not quoted and value.endswith(("(", ".")):
        return None
    if op == "(" and line[ne : op_m.start() + op_m.group().index("(")].strip(" \t\"'"):
        return None
    # An unquoted value followed by more code is an expression, not a literal.
    if not quoted and ve < n and line[ve] in "([.":
        return None
    loose = (whitespace_op and not quoted) or prose_op or (comment and not quoted and not ctx.prose)
    if whitespace_op and (ctx.netrc or (ctx.dockerfile and _DOCKER_ENV.match(line) is not None)):
        loose = False
    if loose and _CODE_CHARS.search(value):
        return None
    return value, vs, ve, loose


_ASSIGNED = lazy(
    r"""(?:^|(?<=[\s{(\[,;<]))(?:export\s+|(?:ENV|ARG)\s+|(?:const|let|var|val|final|static|private|public|readonly)\s+)?"""
    r"""\\?["'`]?(?P<name>[A-Za-z_$@][\w.$@-]{0,100}?)\\?["'`]?\]?"""
    r"""(?:\s*:\s*&?(?:'\w+\s+)?[A-Za-z_][\w.\[\]|]{0,30})?\s*(?::=|=>|\?\?=|=|:|>|\s)\s*(?:@|[rRbBuU]{1,2}(?=["']))?\\?["'`]?$"""
)
_NOT_NAMES = frozenset(
    {"http", "https", "return", "yield", "print", "echo", "if", "else", "case", "default", "and", "or", "not", "in"}
)


def assigned_name(line: str, col: int) -> str | None:
    """The variable or key a value starting at column ``col`` (0-based) is assigned to:
    ``STRIPE_KEY = "…"``, ``"apiKey": "…"``, ``export TOKEN=…``, ``<password>…``."""
    prefix = line[max(0, col - 160) : col]
    m = _ASSIGNED.search(prefix)
    if m is None:
        return None
    name = m.group("name").strip(".-")
    if not name or name.lower() in _NOT_NAMES or name.isdigit():
        return None
    return name


_TF_VARIABLE = lazy(r'^[ \t]*variable[ \t]+"(?P<name>[^"\n]{1,100})"', re.MULTILINE)
_TF_DEFAULT = lazy(r'^[ \t]*default[ \t]*=[ \t]*"(?P<value>[^"\n]*)"', re.MULTILINE)


def terraform_default_candidates(text: str, ctx: LineContext) -> Iterator[Candidate]:
    """``variable "db_password" { default = "…" }``: the name is a few lines above."""
    starts = list(_TF_VARIABLE.finditer(text))
    for i, m in enumerate(starts):
        strength = name_strength(m.group("name"))
        if strength == NONE:
            continue
        stop = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        d = _TF_DEFAULT.search(text, m.end(), min(stop, m.end() + 3000))
        if d is None:
            continue
        value = d.group("value")
        s, e = d.span("value")
        yield _candidate(m.group("name"), value, s, e, value_problem(value, strength, name=m.group("name")), ctx)


# ``- name: API_KEY`` / ``value: …`` (Kubernetes, ECS, GitHub Actions), ``<name>…</name>``
# ``<value>…</value>`` (Hadoop, Maven), ``{"Name": "DB_PASSWORD", "Value": "…"}``: the
# variable's name and its value sit in two fields.
_PAIR_NAME = lazy(
    r"""(?:^|[\s{,\[-])["']?(?:name|key|Name|Key|parameter_name|ParameterKey)["']?\s*[:=]\s*["']?(?P<name>[A-Za-z_][\w.-]{1,100})["']?\s*(?:,|$|})"""
    r"""|<name>\s*(?P<xname>[A-Za-z_][\w.-]{1,100})\s*</name>""",
    re.MULTILINE,
)
_PAIR_VALUE = lazy(
    r"""["']?(?:value|Value|ParameterValue)["']?\s*[:=]\s*(?:(?P<q>["'])(?P<qv>[^"'\n]*)(?P=q)|(?P<v>[^\s"',}#]+))"""
    r"""|<value>(?P<xv>[^<\n]*)</value>"""
)


def pair_candidates(text: str, start: int, end: int, ctx: LineContext) -> Iterator[Candidate]:
    """A secret-named ``name`` field and the ``value`` field right after it."""
    for m in _PAIR_NAME.finditer(text, start, end):
        name = m.group("name") or m.group("xname")
        strength = name_strength(name)
        if strength == NONE:
            continue
        window_end = min(len(text), m.end() + 200)
        v = _PAIR_VALUE.search(text, m.end(), window_end)
        if v is None or text.count("\n", m.end(), v.start()) > 2:
            continue
        group = "qv" if v.group("qv") is not None else "xv" if v.group("xv") is not None else "v"
        value = v.group(group)
        vs, ve = v.span(group)
        yield _candidate(name, value, vs, ve, value_problem(value, strength, name=name), ctx)
