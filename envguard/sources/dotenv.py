"""Reading ``.env`` files: values through python-dotenv's parser, positions through ours.

This is the only module that imports python-dotenv. Values are what python-dotenv
returns, with one correction: ``KEY= # comment`` is read as empty (python-dotenv keeps
``# comment`` as the value; Node's dotenv, Docker Compose and shells treat it as a
comment, and the file's author meant a comment). The lint rules report the ambiguity.

Expansion of ``${VAR}`` and ``${VAR:-default}`` follows python-dotenv and dotenv-expand:
unquoted and double-quoted values expand, single-quoted ones do not. Expansion is
bounded: a value may not grow beyond :data:`MAX_EXPANDED` characters and references may
not nest deeper than :data:`MAX_DEPTH`, so ``A=${B}${B}``-style bombs stop early.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from envguard.core.record import Record

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_EXPANDED = 64 * 1024
MAX_DEPTH = 32

_IGNORE_RE = re.compile(r"envguard:\s*ignore(?:\[([A-Za-z0-9_,\s-]*)\])?")
_COMMENTED_KEY_RE = re.compile(r"^[ \t]*#+[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=")
_KEY_LINE_RE = re.compile(
    r"""(?P<indent>[ \t]*)(?P<export>export[ \t]+)?(?P<key>'[^']+'|[^=\#\s]+)(?P<pre>[ \t]*)(?P<eq>=?)(?P<post>[ \t]*)"""
)
_REF_RE = re.compile(r"\$\{([^}:\s]+)(?::-([^}]*))?\}")


class Entry(Record):
    """One ``KEY=value`` binding. ``value`` is decoded but not expanded.

    Holds a value: never put an Entry into a message (its ``repr`` leaves the value out).
    """

    key: str
    value: str
    line: int
    column: int
    end_line: int
    value_column: int
    quote: str | None
    exported: bool
    has_equals: bool
    space_before_equals: bool
    space_after_equals: bool
    comment_as_value: bool
    ignores: frozenset[str] | None

    def __repr__(self) -> str:
        return f"Entry(key={self.key!r}, line={self.line}, length={len(self.value)})"


class ParseError(Record):
    line: int
    message: str


class EnvFile:
    """A parsed env file. Holds values: its ``repr`` names the file only."""

    __slots__ = (
        "_lines",
        "commented_keys",
        "display",
        "entries",
        "errors",
        "has_bom",
        "newlines",
        "path",
        "skipped",
        "text",
    )

    def __init__(
        self,
        path: Path,
        display: str,
        text: str,
        entries: list[Entry],
        errors: list[ParseError],
        commented_keys: dict[str, int],
        has_bom: bool,
        newlines: frozenset[str],
        skipped: str | None = None,
    ) -> None:
        self.path = path
        self.display = display
        self.text = text
        self.entries = entries
        self.errors = errors
        self.commented_keys = commented_keys
        self.has_bom = has_bom
        self.newlines = newlines
        self.skipped = skipped
        self._lines: list[str] | None = None

    def __repr__(self) -> str:
        return f"EnvFile({self.display!r}, {len(self.entries)} entries)"

    @property
    def lines(self) -> list[str]:
        # Computed once: the lint rules index into it for every entry.
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def mapping(self) -> dict[str, Entry]:
        """Last binding wins, as in every dotenv loader."""
        return {e.key: e for e in self.entries}

    def keys(self) -> list[str]:
        return list(dict.fromkeys(e.key for e in self.entries))


def _ignores_from(comment: str) -> frozenset[str] | None:
    m = _IGNORE_RE.search(comment)
    if m is None:
        return None
    if m.group(1) is None or not m.group(1).strip():
        return frozenset({"*"})
    return frozenset(c.strip().upper() for c in m.group(1).split(",") if c.strip())


def _split_comment(rest: str, quote: str | None) -> str:
    """The comment text after a value on its first line ('' when none)."""
    if quote:
        close = rest.find(quote, 1)
        tail = rest[close + 1 :] if close >= 0 else ""
        idx = tail.find("#")
        return tail[idx + 1 :] if idx >= 0 else ""
    if rest.startswith("#"):
        return rest[1:]
    m = re.search(r"\s#(.*)$", rest)
    return m.group(1) if m else ""


def read_env_file(path: Path, display: str) -> EnvFile:
    """Read and parse one env file. Never raises for bad content: problems are recorded."""
    try:
        with path.open("rb") as fh:  # never more than the cap into memory
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return _skipped(path, display, f"cannot be read ({exc.strerror or exc})")
    if len(raw) > MAX_FILE_BYTES:
        return _skipped(path, display, f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    if b"\0" in raw:
        return _skipped(path, display, "is binary (contains NUL bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return _skipped(path, display, f"is not valid UTF-8 (line {line})")
    return parse_env_text(text, path=path, display=display)


def _skipped(path: Path, display: str, why: str) -> EnvFile:
    return EnvFile(path, display, "", [], [], {}, False, frozenset(), skipped=why)


def parse_env_text(text: str, *, path: Path | None = None, display: str = "<string>") -> EnvFile:
    from dotenv.parser import parse_stream

    has_bom = text.startswith("\ufeff")
    if has_bom:
        text = text[1:]
    newlines = frozenset(re.findall(r"\r\n|\r|\n", text))
    lines = text.splitlines()

    entries: list[Entry] = []
    errors: list[ParseError] = []
    commented: dict[str, int] = {}
    for lineno, text_line in enumerate(lines, 1):
        m = _COMMENTED_KEY_RE.match(text_line)
        if m and m.group(1) not in commented:
            commented[m.group(1)] = lineno

    for binding in parse_stream(io.StringIO(text)):
        original = binding.original.string
        lead = len(original) - len(original.lstrip())
        line = (
            binding.original.line
            + original.count("\n", 0, lead)
            + original.count("\r", 0, lead)
            - original.count("\r\n", 0, lead)
        )
        if binding.error:
            errors.append(ParseError(line, _describe_error(lines[line - 1] if line <= len(lines) else "")))
            continue
        if binding.key is None:
            continue
        entries.append(_entry(binding.key, binding.value, line, lines, original[lead:]))
    return EnvFile(path or Path(display), display, text, entries, errors, commented, has_bom, newlines)


def _entry(key: str, value: str | None, line: int, lines: list[str], body: str) -> Entry:
    first = lines[line - 1] if line <= len(lines) else body
    m = _KEY_LINE_RE.match(first)
    assert m is not None  # the pattern accepts any line python-dotenv parsed as a binding
    value_start = m.end()
    rest = first[value_start:]
    quote = rest[0] if rest[:1] in ("'", '"') else None
    has_equals = bool(m.group("eq"))
    comment_as_value = has_equals and quote is None and rest.startswith("#")
    if comment_as_value:
        value = ""
    comment = _split_comment(rest, quote) if has_equals else ""
    ignores = _ignores_from(comment) if "envguard" in comment else None
    if ignores is None and line >= 2 and "envguard" in lines[line - 2]:
        above = lines[line - 2].strip()
        if above.startswith("#"):
            ignores = _ignores_from(above)
    span = body.rstrip().count("\n") if quote else 0
    return Entry(
        key=key.strip("'"),
        value=value if value is not None else "",
        line=line,
        column=len(m.group("indent")) + len(m.group("export") or "") + 1,
        end_line=line + span,
        value_column=value_start + 1,
        quote=quote,
        exported=bool(m.group("export")),
        has_equals=has_equals,
        space_before_equals=bool(m.group("pre")) and has_equals,
        space_after_equals=bool(m.group("post")) and has_equals and bool(rest) and not comment_as_value,
        comment_as_value=comment_as_value,
        ignores=ignores,
    )


def _describe_error(line: str) -> str:
    stripped = line.strip()
    if stripped.count('"') % 2 == 1 or stripped.count("'") % 2 == 1:
        return "unterminated or stray quote; the rest of the line is ignored"
    if "=" not in stripped:
        return "not a KEY=value line"
    return "cannot be parsed as KEY=value (text after a closing quote?)"


# --- expansion -----------------------------------------------------------------------


class ExpansionProblem(Record):
    key: str
    kind: str  # "cycle" | "too-large" | "too-deep" | "undefined"
    detail: str


def expand_values(
    raw: Mapping[str, str],
    expandable: Iterable[str],
    fallback: Mapping[str, str] | None = None,
) -> tuple[dict[str, str], list[ExpansionProblem]]:
    """Expand ``${VAR}`` references in the ``expandable`` keys.

    ``fallback`` (the process environment) is looked up when a name is not in ``raw``.
    Returns the expanded mapping and the problems met; a value that cannot be expanded
    safely is kept unexpanded.
    """
    expandable = set(expandable)
    done: dict[str, str] = {}
    problems: list[ExpansionProblem] = []
    reported: set[tuple[str, str]] = set()

    def note(key: str, kind: str, detail: str) -> None:
        if (key, kind) not in reported:
            reported.add((key, kind))
            problems.append(ExpansionProblem(key, kind, detail))

    class _Abort(Exception):
        pass

    def resolve(key: str, stack: tuple[str, ...]) -> str:
        if key in done:
            return done[key]
        if key not in raw:
            return (fallback or {}).get(key, "")
        value = raw[key]
        if key not in expandable or "${" not in value:
            done[key] = value
            return value
        if key in stack:
            note(stack[0], "cycle", " -> ".join((*stack, key)))
            raise _Abort
        if len(stack) >= MAX_DEPTH:
            note(stack[0], "too-deep", f"references nest deeper than {MAX_DEPTH}")
            raise _Abort

        out: list[str] = []
        size = 0
        pos = 0
        for m in _REF_RE.finditer(value):
            out.append(value[pos : m.start()])
            size += m.start() - pos
            name, default = m.group(1), m.group(2)
            if name in raw or (fallback is not None and name in fallback):
                piece = resolve(name, (*stack, key))
                if piece == "" and default is not None:
                    piece = default
            else:
                piece = default if default is not None else ""
                if default is None:
                    note(key, "undefined", name)
            size += len(piece)
            if size > MAX_EXPANDED:
                note(
                    stack[0] if stack else key,
                    "too-large",
                    f"expands beyond {MAX_EXPANDED} characters",
                )
                raise _Abort
            out.append(piece)
            pos = m.end()
        out.append(value[pos:])
        result = "".join(out)
        done[key] = result
        return result

    for key in raw:
        try:
            resolve(key, ())
        except _Abort:
            done[key] = raw[key]
    return done, problems
