"""Known values: the secrets in the project's own env files, to be found verbatim elsewhere.

Only values worth looking for are kept: secret variables (by the built-in schemas, the
project's own schema, the value's provider format, or the name), not placeholders, not
references, long and varied enough not to occur by chance. The table handed to the
scanner holds lengths and SHA-256 digests; the prefilter anchor is the value's first
eight characters (lower-cased), which never leave memory and are never printed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from envguard.scanner import filetypes as ft
from envguard.scanner import textutil as tu
from envguard.scanner.model import KnownValue

if TYPE_CHECKING:
    from envguard.config import Config

MIN_LENGTH = 10
ANCHOR_LENGTH = 8
MAX_DEPTH = 3
MAX_FILES = 50
_SKIP = frozenset(
    {".git", "node_modules", ".venv", "venv", "__pycache__", ".next", ".turbo", "dist", "build", ".terraform"}
)


def env_files(root: Path, config: Config | None = None) -> list[Path]:
    """Real env files under ``root`` (a bounded walk: monorepos keep them per app)."""
    found: list[Path] = []
    names = set(config.env_files or ()) if config is not None else set()
    for name in sorted(names):
        path = root / name
        if path.is_file():
            found.append(path)
    base_depth = len(root.parts)
    for current, dirs, files in os.walk(root):
        depth = len(Path(current).parts) - base_depth
        dirs[:] = (
            []
            if depth >= MAX_DEPTH
            else sorted(d for d in dirs if (d not in _SKIP and not d.startswith(".")) or d == ".config")
        )
        for name in sorted(files):
            if ft.is_env_file(name):
                path = Path(current) / name
                if path not in found:
                    found.append(path)
        if len(found) >= MAX_FILES:
            break
    return found[:MAX_FILES]


def collect(root: Path, config: Config | None = None) -> tuple[dict[str, tuple[KnownValue, ...]], set[str]]:
    """(anchor -> known values, the env files read as root-relative paths)."""
    from envguard.sources.dotenv import read_env_file

    table: dict[str, list[KnownValue]] = {}
    sources: set[str] = set()
    seen: set[str] = set()
    for path in env_files(root, config):
        display = _display(path, root)
        env = read_env_file(path, display)
        if env.skipped:
            continue
        sources.add(display)
        for entry in env.entries:
            for variable, value in _secret_values(entry.key, entry.value, config):
                digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()
                if digest in seen:
                    continue
                seen.add(digest)
                anchor = value[:ANCHOR_LENGTH].lower()
                table.setdefault(anchor, []).append(KnownValue(len(value), digest, variable, display))
    return {k: tuple(v) for k, v in table.items()}, sources


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _secret_values(name: str, value: str, config: Config | None) -> Iterator[tuple[str, str]]:
    v = value.strip()
    if not v or "${" in v:
        return
    if "://" in v:
        # A connection string: its password is the secret, wherever it is copied.
        try:
            parts = urlsplit(v)
            password = parts.password
        except ValueError:
            return
        if password:
            pw = unquote(password)
            if _worth_looking_for(pw):
                yield f"{name} (password)", pw
                if pw != password and _worth_looking_for(password):
                    yield f"{name} (password)", password
        return
    if not is_secret(name, v, config):
        return
    if _worth_looking_for(v):
        yield name, v


def _worth_looking_for(value: str) -> bool:
    if len(value) < MIN_LENGTH or any(c.isspace() for c in value):
        return False
    if tu.placeholder(value) or tu.documented_example(value) or value.lower() in tu.DUMMY_VALUES:
        return False
    if tu.is_sequential(value) or tu.non_secret_shape(value) or "change" in value.lower():
        return False
    # Common words and dev defaults would be found everywhere.
    return tu.classes(value) >= 2 and tu.entropy(value) >= 2.8


def is_secret(name: str, value: str, config: Config | None = None) -> bool:
    """Secret-ness of an env variable: schema first, then provider format, then name."""
    spec_secret = _schema_secret(name, config)
    if spec_secret is not None:
        return spec_secret
    from envguard.knowledge.providers import identify

    formats = identify(value)
    if formats:
        return formats[0].secret
    from envguard.scanner.keywords import NONE, name_strength

    return name_strength(name) != NONE


def _schema_secret(name: str, config: Config | None) -> bool | None:
    if config is not None:
        for group in [*(config.groups or []), *([config.project] if config.project is not None else [])]:
            for spec in group.variables:
                if spec.name == name or name in spec.aliases:
                    return bool(spec.secret)
    from envguard.schema import catalog

    for group_name in catalog.detect({name}):
        group = catalog.get(group_name)
        for spec in group.variables:
            if spec.name == name or name in spec.aliases:
                return bool(spec.secret)
        for pattern in group.patterns:
            if pattern.matches(name):
                return bool(pattern.spec.secret)
    return None
