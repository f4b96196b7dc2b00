"""``re`` with compiled patterns kept across processes.

Every envguard process starts cold, and CPython compiles a regular expression in pure
Python (parse, then generate code for the C matcher): the ~130 patterns a ``check`` run
needs cost ~20 ms, a sixth of the command and of ``envguard.load()``. This module keeps
the generated code in envguard's disk cache and hands it straight to the C matcher
(``_sre.compile``, the last step of ``re.compile``) on later runs.

It is a drop-in for the parts of ``re`` envguard uses (``from envguard import _re as re``).
Safety: the cache is keyed by the exact Python build and the matcher's ``MAGIC``; the C
side validates the code it is given and raises rather than run bad code; any problem at
all falls back to ``re.compile``. Only envguard's own calls go through it; the
application's ``re`` is untouched. ``ENVGUARD_NO_CACHE=1`` turns it off with the rest of
the cache.
"""

from __future__ import annotations

import atexit
import marshal
import sys
from re import ASCII as ASCII
from re import DOTALL as DOTALL
from re import IGNORECASE as IGNORECASE
from re import MULTILINE as MULTILINE
from re import VERBOSE as VERBOSE
from re import A as A
from re import I as I
from re import M as M
from re import Match as Match
from re import Pattern as Pattern
from re import S as S
from re import X as X
from re import compile as _std_compile
from re import error as error
from re import escape as escape
from typing import Any

# The C matcher behind ``re`` (loaded by it; untyped, hence Any).
_sre: Any = sys.modules.get("_sre")

# At most this many patterns are kept (project configs add their own; a cache that only
# grows would slow every start).
MAX_PATTERNS = 4000

_compiled: dict[tuple[str, int], Pattern[str]] = {}
_stored: dict[tuple[str, int], tuple[Any, ...]] | None = None
_new: dict[tuple[str, int], tuple[Any, ...]] = {}


def _tag() -> tuple[Any, ...]:
    from envguard import __version__

    return (sys.version, sys.implementation.name, _sre.MAGIC, _sre.CODESIZE, __version__)


def _path() -> Any:
    from envguard.cache import cache_dir

    directory = cache_dir()
    return None if directory is None else directory / "regex.marshal"


def _load() -> dict[tuple[str, int], tuple[Any, ...]]:
    path = _path()
    if path is None:
        return {}
    try:
        tag, entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if tag != _tag() or not isinstance(entries, dict):
        return {}
    return entries


def _save() -> None:
    if not _new:
        return
    path = _path()
    if path is None:
        return
    try:
        entries = {**_load(), **_new}
        if len(entries) > MAX_PATTERNS:
            entries = dict(_new)
        data = marshal.dumps((_tag(), entries))
    except (ValueError, TypeError):
        return
    from envguard.cache import _write

    _write(path.parent, path, data)
    _new.clear()


def _generate(pattern: str, flags: int) -> tuple[Pattern[str], tuple[Any, ...]]:
    """``re.compile``, keeping what it hands to the C matcher."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = [int(c) for c in _compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    entry = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    return _sre.compile(pattern, *entry), entry


def compile(pattern: str | Pattern[str], flags: int = 0) -> Pattern[str]:
    """``re.compile``. Every pattern given here is written to the disk cache: patterns
    built from values (``redact``) must use the standard ``re``."""
    if isinstance(pattern, Pattern):
        return pattern
    if not isinstance(pattern, str):
        return _std_compile(pattern, flags)
    key = (pattern, int(flags))
    found = _compiled.get(key)
    if found is not None:
        return found
    global _stored
    if _stored is None:
        _stored = _load() if _FAST else {}
        if _FAST:
            atexit.register(_save)
    compiled = None
    entry = _stored.get(key) if _FAST else None
    if entry is not None:
        try:
            compiled = _sre.compile(pattern, *entry)
        except Exception:  # a stale or damaged entry: compile it afresh
            compiled = None
    if compiled is None:
        if _FAST and not flags & 128:  # not re.DEBUG, which prints
            try:
                compiled, entry = _generate(pattern, int(flags))
                _new[key] = entry
            except error:
                raise
            except Exception:  # an interpreter whose internals differ: plain re
                compiled = _std_compile(pattern, flags)
        else:
            compiled = _std_compile(pattern, flags)
    _compiled[key] = compiled
    return compiled


def match(pattern: str | Pattern[str], string: str, flags: int = 0) -> Match[str] | None:
    return compile(pattern, flags).match(string)


def fullmatch(pattern: str | Pattern[str], string: str, flags: int = 0) -> Match[str] | None:
    return compile(pattern, flags).fullmatch(string)


def search(pattern: str | Pattern[str], string: str, flags: int = 0) -> Match[str] | None:
    return compile(pattern, flags).search(string)


def findall(pattern: str | Pattern[str], string: str, flags: int = 0) -> list[Any]:
    return compile(pattern, flags).findall(string)


def finditer(pattern: str | Pattern[str], string: str, flags: int = 0) -> Any:
    return compile(pattern, flags).finditer(string)


def sub(pattern: str | Pattern[str], repl: Any, string: str, count: int = 0, flags: int = 0) -> str:
    return compile(pattern, flags).sub(repl, string, count)


def subn(pattern: str | Pattern[str], repl: Any, string: str, count: int = 0, flags: int = 0) -> tuple[str, int]:
    return compile(pattern, flags).subn(repl, string, count)


def split(pattern: str | Pattern[str], string: str, maxsplit: int = 0, flags: int = 0) -> list[Any]:
    return compile(pattern, flags).split(string, maxsplit)


def _fast_path_available() -> bool:
    if sys.implementation.name != "cpython" or sys.version_info < (3, 11):
        return False
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        return hasattr(_parser, "parse") and hasattr(_compiler, "_code") and hasattr(_sre, "compile")
    except ImportError:
        return False


_FAST = _fast_path_available()
