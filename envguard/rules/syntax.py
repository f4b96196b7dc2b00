"""EG0xx: the env file itself. dotenv-linter's checks plus parse and expansion problems."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from envguard.core.findings import Finding, Location, Severity
from envguard.rules.base import Rule
from envguard.sources.dotenv import EnvFile

if TYPE_CHECKING:
    from envguard.project.context import CheckContext


class ParseError(Rule):
    """What it checks
    Lines that are not ``KEY=value``, a comment or blank: an unterminated quote, text after a
    closing quote, a line with no ``=``. In a Node.js project (a ``package.json`` and no
    Python project file), a value with unescaped quotes inside its outer quotes is a
    warning: Node's dotenv reads it, other loaders do not.

    Why it matters
    Loaders skip such lines silently (python-dotenv warns at best), so the variable is
    missing at runtime while the file looks right.

    Example that fails
    ```
    DATABASE_URL="postgres://app@db/app
    ```

    Example that passes
    ```
    DATABASE_URL="postgres://app@db/app"
    ```

    Options
    None.
    """

    code = "EG001"
    name = "parse-error"
    summary = "A line that no dotenv loader can read."


class DuplicatedKey(Rule):
    """What it checks
    The same key assigned twice in one file.

    Why it matters
    The last assignment wins in every dotenv loader, so the first one is dead text that
    reviewers still read and trust.

    Example that fails
    ```
    LOG_LEVEL=info
    LOG_LEVEL=debug
    ```

    Example that passes
    ```
    LOG_LEVEL=info
    ```

    Options
    None.
    """

    code = "EG002"
    name = "duplicated-key"
    summary = "A key assigned more than once in the same file."
    severity = Severity.WARNING


class KeyWithoutValue(Rule):
    """What it checks
    A bare ``KEY`` with no ``=``.

    Why it matters
    Loaders disagree: python-dotenv sets nothing, others set an empty string. Write
    ``KEY=`` for an intentionally empty value.

    Example that fails
    ```
    SENTRY_DSN
    ```

    Example that passes
    ```
    SENTRY_DSN=
    ```

    Options
    None.
    """

    code = "EG003"
    name = "key-without-value"
    summary = "A key with no '=' after it."
    severity = Severity.WARNING


class LowercaseKey(Rule):
    """What it checks
    Keys with lowercase letters.

    Why it matters
    Environment variable names are upper case by convention; ``process.env`` and
    ``os.environ`` are case-sensitive, so ``database_url`` is not ``DATABASE_URL``.

    Example that fails
    ```
    database_url=postgres://db/app
    ```

    Example that passes
    ```
    DATABASE_URL=postgres://db/app
    ```

    Options
    None.
    """

    code = "EG004"
    name = "lowercase-key"
    summary = "A key with lowercase letters."
    severity = Severity.WARNING


class LeadingCharacter(Rule):
    """What it checks
    Keys that start with something other than a letter or underscore.

    Why it matters
    Shells and most loaders cannot export such names; the variable never arrives.

    Example that fails
    ```
    1PASSWORD_VAULT=app
    ```

    Example that passes
    ```
    OP_VAULT=app
    ```

    Options
    None.
    """

    code = "EG005"
    name = "leading-character"
    summary = "A key that does not start with a letter or underscore."
    severity = Severity.WARNING


class IncorrectDelimiter(Rule):
    """What it checks
    Keys containing characters other than letters, digits and ``_`` (``-``, ``.``).

    Why it matters
    ``API-KEY`` cannot be read as a shell variable and is renamed or dropped by Docker,
    systemd and most CI systems.

    Example that fails
    ```
    API-KEY=abc
    ```

    Example that passes
    ```
    API_KEY=abc
    ```

    Options
    None.
    """

    code = "EG006"
    name = "incorrect-delimiter"
    summary = "A key with characters other than letters, digits and underscores."
    severity = Severity.WARNING


class SpaceCharacter(Rule):
    """What it checks
    Spaces around ``=``.

    Why it matters
    dotenv tolerates them but ``source .env``, Docker's ``--env-file`` and Compose do not:
    the same file means different things to different tools.

    Example that fails
    ```
    PORT = 3000
    ```

    Example that passes
    ```
    PORT=3000
    ```

    Options
    None.
    """

    code = "EG007"
    name = "space-character"
    summary = "Whitespace around '='."
    severity = Severity.WARNING


class QuoteCharacter(Rule):
    """What it checks
    Quote characters inside an unquoted value, typographic quotes, and backtick quoting.
    An unquoted JSON object or array (``SIGNING_KEYS={"k1":"..."}``) is fine: its quotes
    are part of the value in every loader.

    Why it matters
    A stray ``"`` usually means a copy-paste error, and the quote becomes part of the value.
    Backticks quote in Node's dotenv but are literal in python-dotenv and Compose.

    Example that fails
    ```
    APP_NAME=“Acme”
    ```

    Example that passes
    ```
    APP_NAME="Acme"
    ```

    Options
    None.
    """

    code = "EG008"
    name = "quote-character"
    summary = "Quote characters that will end up inside the value."
    severity = Severity.WARNING


class TrailingWhitespace(Rule):
    """What it checks
    Spaces or tabs at the end of a line.

    Why it matters
    Some loaders keep trailing whitespace in unquoted values: a password with a trailing
    space fails authentication in a way nobody can see.

    Example that fails
    ```
    LOG_LEVEL=info␠␠
    ```

    Example that passes
    ```
    LOG_LEVEL=info
    ```

    Options
    None.
    """

    code = "EG009"
    name = "trailing-whitespace"
    summary = "Whitespace at the end of a line."
    severity = Severity.INFO


class SubstitutionKey(Rule):
    """What it checks
    Malformed ``${VAR}`` references: a missing closing brace, ``$ {VAR}``, ``${}`` or a
    shell-only form such as ``${VAR-default}`` or ``${VAR:=default}``.

    Why it matters
    dotenv expands only ``${VAR}`` and ``${VAR:-default}``; anything else is left in the
    value literally.

    Example that fails
    ```
    DATABASE_URL=postgres://${DB_USER@db/app
    ```

    Example that passes
    ```
    DATABASE_URL=postgres://${DB_USER}@db/app
    ```

    Options
    None.
    """

    code = "EG010"
    name = "substitution-key"
    summary = "A malformed ${VAR} reference."
    severity = Severity.WARNING


class ExtraBlankLine(Rule):
    """What it checks
    More than one blank line in a row.

    Why it matters
    Style only; it keeps diffs of env templates tidy.

    Example that fails
    ```
    A=1


    B=2
    ```

    Example that passes
    ```
    A=1

    B=2
    ```

    Options
    None.
    """

    code = "EG011"
    name = "extra-blank-line"
    summary = "Consecutive blank lines."
    severity = Severity.INFO


class EndingBlankLine(Rule):
    """What it checks
    A file that does not end with a newline.

    Why it matters
    ``cat .env >> other`` and ``echo KEY=v >> .env`` glue two assignments into one line.

    Example that fails
    ```
    A=1⏎B=2   (no newline after B=2)
    ```

    Example that passes
    ```
    A=1
    B=2
    ```

    Options
    None.
    """

    code = "EG012"
    name = "ending-blank-line"
    summary = "No newline at the end of the file."
    severity = Severity.INFO


class UnorderedKey(Rule):
    """What it checks
    Keys out of alphabetical order within a block (blocks are separated by blank lines or
    comments). Off by default: select it with ``--extend-select EG013``.

    Why it matters
    Sorted blocks make duplicates and drift easy to see in review.

    Example that fails
    ```
    REDIS_URL=redis://cache:6379
    DATABASE_URL=postgres://db/app
    ```

    Example that passes
    ```
    DATABASE_URL=postgres://db/app
    REDIS_URL=redis://cache:6379
    ```

    Options
    None.
    """

    code = "EG013"
    name = "unordered-key"
    summary = "Keys not in alphabetical order within a block."
    severity = Severity.INFO
    default_enabled = False


class ByteOrderMark(Rule):
    """What it checks
    A UTF-8 byte order mark at the start of the file.

    Why it matters
    Several loaders read the BOM as part of the first key, so ``\\ufeffDATABASE_URL`` is
    set and ``DATABASE_URL`` is not.

    Example that fails
    ```
    <BOM>DATABASE_URL=postgres://db/app
    ```

    Example that passes
    ```
    DATABASE_URL=postgres://db/app
    ```

    Options
    None.
    """

    code = "EG014"
    name = "byte-order-mark"
    summary = "A byte order mark at the start of the file."
    severity = Severity.WARNING


class MixedLineEndings(Rule):
    """What it checks
    A file that mixes ``\\n`` and ``\\r\\n`` line endings.

    Why it matters
    Values on CRLF lines can keep a trailing ``\\r`` in some loaders: invisible, and fatal
    for passwords and URLs.

    Example that fails
    ```
    A=1\\r\\n
    B=2\\n
    ```

    Example that passes
    ```
    A=1\\n
    B=2\\n
    ```

    Options
    None.
    """

    code = "EG015"
    name = "mixed-line-endings"
    summary = "A file mixing LF and CRLF line endings."
    severity = Severity.WARNING


class SubstitutionError(Rule):
    """What it checks
    ``${VAR}`` references that cannot be expanded: a cycle (``A=${B}``, ``B=${A}``), a
    value that grows past 64 KiB (the ``A=${B}${B}`` bomb), nesting deeper than 32, or a
    reference to a variable that is not set anywhere and has no ``:-default``.

    Why it matters
    The application sees an empty or unexpanded value; a cycle or bomb can hang or exhaust
    naive loaders. envguard stops expanding early and keeps the raw value.

    Example that fails
    ```
    DATABASE_URL=postgres://${DB_USER}@db/app
    ```
    (with ``DB_USER`` set nowhere)

    Example that passes
    ```
    DB_USER=app
    DATABASE_URL=postgres://${DB_USER}@db/app
    ```

    Options
    None.
    """

    code = "EG016"
    name = "substitution-error"
    summary = "A ${VAR} reference that cannot be expanded safely."


class CommentAsValue(Rule):
    """What it checks
    ``KEY= # comment``: an empty value followed by a comment.

    Why it matters
    python-dotenv reads ``# comment`` as the value while Node's dotenv, Compose and shells
    read an empty value: the same file configures two apps differently. envguard treats
    the value as empty. Not reported in a Node.js project (a ``package.json`` and no
    Python project file such as ``pyproject.toml`` or ``requirements.txt`` beside it).

    Example that fails
    ```
    REDIS_URL= # rediss://:password@host:port
    ```

    Example that passes
    ```
    # rediss://:password@host:port
    REDIS_URL=
    ```

    Options
    None.
    """

    code = "EG017"
    name = "comment-as-value"
    summary = "An empty value followed by a comment that some loaders read as the value."
    severity = Severity.WARNING


class UnreadableFile(Rule):
    """What it checks
    Env files that cannot be read as text: not UTF-8, binary, or larger than 4 MiB.

    Why it matters
    Loaders fail or read garbage; an encrypted or binary file under an env-file name is
    usually a mistake.

    Example that fails
    A ``.env`` saved as UTF-16 by an editor.

    Example that passes
    The same file saved as UTF-8.

    Options
    None.
    """

    code = "EG018"
    name = "unreadable-file"
    summary = "An env file that cannot be read as UTF-8 text."


RULES: tuple[type[Rule], ...] = (
    ParseError, DuplicatedKey, KeyWithoutValue, LowercaseKey, LeadingCharacter,
    IncorrectDelimiter, SpaceCharacter, QuoteCharacter, TrailingWhitespace, SubstitutionKey,
    ExtraBlankLine, EndingBlankLine, UnorderedKey, ByteOrderMark, MixedLineEndings,
    SubstitutionError, CommentAsValue, UnreadableFile,
)  # fmt: skip

_BAD_SUBST = re.compile(r"\$\s+\{|\$\{\}|\$\{[^}]*$|\$\{[A-Za-z_][A-Za-z0-9_]*(?:-|:=|=|:\?|\?|:\+|\+)[^}]*\}")
_SMART_QUOTES = "“”‘’„«»"


def lint_file(f: EnvFile) -> Iterator[Finding]:
    """Every EG0xx finding for one file (expansion aside, which needs all files)."""
    path = f.display
    if f.skipped is not None:
        if f.skipped.startswith("is larger"):
            hint = "this is too large to be an env file: check the path, or move data out of it"
        elif f.skipped.startswith("cannot be read"):
            hint = "check the file's permissions"
        else:
            hint = "save env files as UTF-8 text"
        yield UnreadableFile.finding(f"{path} {f.skipped}", path=path, hint=hint)
        return
    for err in f.errors:
        yield ParseError.finding(
            f"line cannot be parsed: {err.message}",
            path=path,
            line=err.line,
            hint="close the quote or remove the stray text",
        )
    if f.has_bom:
        yield ByteOrderMark.finding(
            "file starts with a byte order mark",
            path=path,
            line=1,
            column=1,
            hint="save the file as UTF-8 without BOM",
        )
    if len(f.newlines) > 1:
        yield MixedLineEndings.finding(
            "file mixes LF and CRLF line endings",
            path=path,
            hint="convert the file to LF line endings",
        )

    first_seen: dict[str, int] = {}
    for e in f.entries:
        at: dict[str, Any] = {"path": path, "line": e.line, "column": e.column, "variable": e.key}
        if e.key in first_seen:
            yield DuplicatedKey.finding(
                f"{e.key} is assigned again (first on line {first_seen[e.key]}); the last one wins",
                **at,
                hint="remove one of the assignments",
                related=(Location(path, first_seen[e.key], note="first assignment"),),
            )
        else:
            first_seen[e.key] = e.line
        if not e.has_equals:
            yield KeyWithoutValue.finding(f"{e.key} has no '='", **at, hint=f"write `{e.key}=` for an empty value")
        if e.key[0].isdigit() or not (e.key[0].isalpha() or e.key[0] == "_"):
            yield LeadingCharacter.finding(
                f"{e.key} does not start with a letter or underscore",
                **at,
                hint="rename the variable",
            )
        elif re.search(r"[^A-Za-z0-9_]", e.key):
            yield IncorrectDelimiter.finding(
                f"{e.key} contains characters other than letters, digits and '_'",
                **at,
                hint="use '_' between words",
            )
        if any(c.islower() for c in e.key):
            yield LowercaseKey.finding(f"{e.key} has lowercase letters", **at, hint=f"rename it to {e.key.upper()}")
        if e.space_before_equals or e.space_after_equals:
            yield SpaceCharacter.finding(
                f"{e.key} has whitespace around '='",
                **at,
                hint=f"write `{e.key}=value` with no spaces",
            )
        if e.comment_as_value:
            yield CommentAsValue.finding(
                f"{e.key} is empty but followed by a comment that python-dotenv reads as the value",
                **at,
                hint="move the comment to its own line above the key",
            )
        value_line = f.lines[e.line - 1][e.value_column - 1 :] if e.line <= len(f.lines) else ""
        if e.quote is None and e.has_equals and not e.comment_as_value:
            unquoted = re.sub(r"\s#.*$", "", value_line)
            if any(q in unquoted for q in _SMART_QUOTES):
                yield QuoteCharacter.finding(
                    f"{e.key} contains typographic quotes",
                    **at,
                    hint="use plain ASCII quotes around the value",
                )
            elif unquoted.startswith("`") and unquoted.rstrip().endswith("`") and len(unquoted.strip()) > 1:
                yield QuoteCharacter.finding(
                    f"{e.key} is quoted with backticks, which python-dotenv and Compose keep literally",
                    **at,
                    hint="use double quotes",
                )
            elif ('"' in unquoted or "'" in unquoted) and not _json_text(unquoted):
                yield QuoteCharacter.finding(
                    f"{e.key} has quote characters inside an unquoted value",
                    **at,
                    hint="quote the whole value, or remove the stray quote",
                )
        if e.quote != "'" and _BAD_SUBST.search(value_line if e.quote is None else f.lines[e.line - 1]):
            yield SubstitutionKey.finding(
                f"{e.key} has a malformed ${{…}} reference",
                **at,
                hint="dotenv expands only ${VAR} and ${VAR:-default}",
            )

    yield from _blank_lines(f)
    yield from _unordered(f)


def _json_text(text: str) -> bool:
    """An unquoted JSON object or array (``KEYS={"current":"..."}``): its quotes are the
    value, which every dotenv loader keeps as written."""
    t = text.strip()
    if not ((t.startswith("{") and t.endswith("}")) or (t.startswith("[") and t.endswith("]"))):
        return False
    import json

    try:
        json.loads(t)
    except ValueError:
        return False
    return True


def _blank_lines(f: EnvFile) -> Iterator[Finding]:
    lines = f.lines
    # Lines inside multi-line quoted values are content, not layout.
    inside = {n for e in f.entries if e.end_line > e.line for n in range(e.line + 1, e.end_line + 1)}
    blank_run = 0
    for number, line in enumerate(lines, 1):
        if number in inside:
            blank_run = 0
            continue
        if line.rstrip() != line and line.strip():
            yield TrailingWhitespace.finding(
                "line ends with whitespace",
                path=f.display,
                line=number,
                column=len(line.rstrip()) + 1,
                hint="remove the trailing spaces",
            )
        if not line.strip():
            blank_run += 1
            if blank_run == 2:
                yield ExtraBlankLine.finding(
                    "more than one blank line in a row",
                    path=f.display,
                    line=number,
                    hint="remove the extra blank line",
                )
        else:
            blank_run = 0
    if f.text and not f.text.endswith(("\n", "\r")):
        yield EndingBlankLine.finding(
            "file does not end with a newline",
            path=f.display,
            line=len(lines),
            hint="add a newline at the end of the file",
        )


def _unordered(f: EnvFile) -> Iterator[Finding]:
    lines = f.lines
    by_line = {e.line: e for e in f.entries}
    previous: str | None = None
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            previous = None
            continue
        entry = by_line.get(number)
        if entry is None:
            continue
        if previous is not None and entry.key < previous:
            yield UnorderedKey.finding(
                f"{entry.key} should come before {previous}",
                path=f.display,
                line=number,
                column=entry.column,
                variable=entry.key,
                hint="sort the keys of this block alphabetically",
            )
        previous = entry.key


# Files that say Python code may load the env files with python-dotenv.
_PYTHON_PROJECT_FILES = (
    "pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "Pipfile", "manage.py", "poetry.lock", "uv.lock",
)  # fmt: skip


def _node_only(root: Path) -> bool:
    return (root / "package.json").is_file() and not any((root / name).is_file() for name in _PYTHON_PROJECT_FILES)


def check_files(ctx: CheckContext) -> Iterable[Finding]:
    # EG017 is about python-dotenv; in a Node.js project every loader reads the comment
    # as a comment (inbox-zero writes `AUTH_SECRET= # openssl rand -hex 32` throughout).
    node_only = _node_only(ctx.root)
    for f in [*ctx.files, *([ctx.example] if ctx.example else [])]:
        for finding in lint_file(f):
            if node_only and finding.code == CommentAsValue.code:
                continue
            if node_only and finding.code == ParseError.code and _node_reads(f, finding.line):
                finding = finding.replace(
                    severity=Severity.WARNING,
                    message="line has quotes inside a quoted value: Node's dotenv reads the text between the "
                    "outer quotes, but python-dotenv, Compose and envguard cannot read the line",
                    hint='escape the inner quotes (\\") or quote the value with the other quote character',
                )
            yield finding


# `KEY="...{"a":true}"`: Node's dotenv takes everything between the outer quotes.
_OUTER_QUOTED = re.compile(r"""[ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_.-]*[ \t]*=[ \t]*(["'])(.*)\1[ \t]*""")


def _node_reads(f: EnvFile, line: int | None) -> bool:
    return line is not None and 0 < line <= len(f.lines) and _OUTER_QUOTED.fullmatch(f.lines[line - 1]) is not None


def check_expansion(ctx: CheckContext) -> Iterable[Finding]:
    for problem in ctx.expansion_problems:
        v = ctx.values.get(problem.key)
        where = ctx.at(v)
        if problem.kind == "undefined":
            yield SubstitutionError.finding(
                f"{problem.key} references {problem.detail}, which is not set anywhere; it expands to an empty string",
                **where,
                variable=problem.key,
                hint=f"set {problem.detail}, or give a default: ${{{problem.detail}:-value}}",
                severity=Severity.WARNING,
            )
        else:
            yield SubstitutionError.finding(
                f"{problem.key} cannot be expanded: {problem.kind.replace('-', ' ')} ({problem.detail})",
                **where,
                variable=problem.key,
                hint="break the cycle or simplify the references; the value is used unexpanded",
            )


CHECKS = (check_files, check_expansion)

# What envguard.load() runs at app start: checks that need the repository (example files,
# git, other environments' files, package.json, compose) stay out of it.
RUNTIME_CHECKS = CHECKS
