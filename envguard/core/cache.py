"""A small on-disk cache for work that is identical on every run.

The pre-commit hook and ``envguard.load()`` start a fresh process each time; two costs in
them do not depend on anything but a file's bytes: importing PyYAML to parse
``envguard.yaml`` (~20 ms) and building the strength estimator's 30,000-word dictionary
(~13 ms). Their results are kept as ``marshal`` data (what ``.pyc`` files use: the fastest
load the standard library offers) in the user's cache directory, one file per source,
validated by the source's size and modification time and by envguard's and Python's
versions (the marshal format is version-specific).

Location: ``$ENVGUARD_CACHE_DIR``, else ``$XDG_CACHE_HOME/envguard``, else
``~/.cache/envguard``. ``ENVGUARD_NO_CACHE=1`` turns it off. A cache that cannot be read
or written is ignored: it only ever saves time, never changes a verdict.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

T = TypeVar("T")

# Bumped with the envguard version and whenever a cached structure changes shape.
_FORMAT = 1
# Entries are one per source path, so a machine that runs envguard in many checkouts (or
# in throw-away temporary projects) would collect them forever. Past this many files a
# write also removes the least recently written half.
MAX_ENTRIES = 512


def _tag() -> str:
    from envguard import __version__

    return f"{__version__}-{_FORMAT}-py{sys.version_info[0]}.{sys.version_info[1]}"


def cache_dir() -> Path | None:
    if os.environ.get("ENVGUARD_NO_CACHE"):
        return None
    explicit = os.environ.get("ENVGUARD_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "envguard"
    try:
        return Path.home() / ".cache" / "envguard"
    except RuntimeError:  # no home directory (some containers)
        return None


def _stamp(sources: list[Path]) -> tuple[Any, ...] | None:
    try:
        stats = [p.stat() for p in sources]
    except OSError:
        return None
    return (_tag(), *((str(p), s.st_size, s.st_mtime_ns) for p, s in zip(sources, stats, strict=True)))


def cached(kind: str, sources: list[Path], build: Callable[[], T]) -> T:
    """``build()``'s result for these source files, from the cache when it is fresh.

    ``build`` must return marshal-able data (dicts, lists, tuples, str, int, float, bool,
    None); anything else is simply not cached.
    """
    directory = cache_dir()
    stamp = _stamp(sources)
    if directory is None or stamp is None:
        return build()
    # One file per source (not per version of it), so the cache does not grow with edits.
    name = f"{kind}-{zlib.crc32(repr([str(p) for p in sources]).encode()):08x}.marshal"
    path = directory / name
    try:
        stored_stamp, value = marshal.loads(path.read_bytes())
        if stored_stamp == stamp:
            return value  # type: ignore[no-any-return]
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    try:
        data = marshal.dumps((stamp, cast(Any, value)))
    except ValueError:
        return value  # not marshal-able (a YAML timestamp, say): fine, just not cached
    _write(directory, path, data)
    return value


def _write(directory: Path, path: Path, data: bytes) -> None:
    import tempfile  # ~10 ms with what it imports (shutil, random): only on a cache miss

    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return  # read-only home, full disk: the cache is an optimisation only
    _prune(directory)


def _prune(directory: Path) -> None:
    """Keep the directory under :data:`MAX_ENTRIES` files. Runs only after a write (a cache
    miss), so the listing is never on the fast path."""
    try:
        entries = [(e.stat().st_mtime_ns, e.path) for e in os.scandir(directory) if e.name.endswith(".marshal")]
    except OSError:
        return
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort()
    for _, path in entries[: len(entries) - MAX_ENTRIES // 2]:
        # Another process may have removed or be replacing it: either is fine.
        with contextlib.suppress(OSError):
            os.unlink(path)
