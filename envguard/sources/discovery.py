"""Where a project keeps the files the cross-file checks read: paths only.

Kept apart from the parsers (:mod:`envguard.sources.prisma`, :mod:`~envguard.sources.compose`)
so that a project without a Prisma schema or a compose file (an app container at
startup, most ``envguard.load()`` calls) never imports them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

CONFIG_NAMES = (
    "prisma.config.ts", "prisma.config.mts", "prisma.config.cts",
    "prisma.config.js", "prisma.config.mjs", "prisma.config.cjs",
)  # fmt: skip
SKIP_DIRS = frozenset(
    {
        "node_modules", ".git", ".hg", ".venv", "venv", "dist", "build", ".next", ".nuxt",
        ".turbo", ".cache", "coverage", "vendor", "target", "__pycache__", ".output", ".vercel",
    }
)  # fmt: skip
MAX_WALK_DIRS = 2000
MAX_PACKAGES = 64
COMPOSE_NAMES = (
    "compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml",
)  # fmt: skip
OVERRIDE_NAMES = (
    "compose.override.yaml", "compose.override.yml",
    "docker-compose.override.yaml", "docker-compose.override.yml",
)  # fmt: skip


def walk(root: Path, max_depth: int, max_dirs: int = MAX_WALK_DIRS) -> Iterable[Path]:
    """Directories under ``root`` (root first), skipping dependency and build folders;
    bounded in depth and count so a huge tree cannot stall a check."""
    seen = 0
    stack: list[tuple[Path, int]] = [(root, 0)]
    while stack and seen < max_dirs:
        current, depth = stack.pop(0)
        seen += 1
        yield current
        if depth >= max_depth:
            continue
        try:
            children = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            continue
        for entry in children:
            if entry.name in SKIP_DIRS or (entry.name.startswith(".") and entry.name != ".config"):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((Path(entry.path), depth + 1))
            except OSError:
                continue


def default_schema_paths(directory: Path) -> list[Path]:
    """Where Prisma looks by default in one package directory."""
    out = []
    for candidate in (directory / "prisma" / "schema.prisma", directory / "schema.prisma"):
        if candidate.is_file():
            out.append(candidate)
            break
    folder = directory / "prisma" / "schema"
    if not out and folder.is_dir() and any(folder.glob("*.prisma")):
        out.append(folder)
    return out


def find_configs(directory: Path) -> list[Path]:
    out = [directory / name for name in CONFIG_NAMES if (directory / name).is_file()]
    dotconfig = directory / ".config" / "prisma.ts"
    if dotconfig.is_file():
        out.append(dotconfig)
    return out


def default_compose_files(root: Path) -> list[Path]:
    """The compose files of a directory: the base file Compose picks, its override, and
    the ``docker-compose.<name>.yml`` variants (alternatives, not layers)."""
    out: list[Path] = []
    for name in COMPOSE_NAMES:
        if (root / name).is_file():
            out.append(root / name)
            break
    for name in OVERRIDE_NAMES:
        if (root / name).is_file():
            out.append(root / name)
            break
    try:
        variants = sorted(
            root / name
            for name in os.listdir(root)
            if name.startswith(("docker-compose.", "compose.")) and name.endswith((".yml", ".yaml"))
        )
    except OSError:
        variants = []
    for p in variants:
        if p.is_file() and p not in out and p.name not in OVERRIDE_NAMES:
            out.append(p)
    return out[:16]


def workspace_dirs(root: Path, globs: Iterable[str], limit: int = MAX_PACKAGES) -> list[Path]:
    """Package directories matched by workspace globs (``apps/*``, ``packages/**``), bounded."""
    out: list[Path] = []
    for pattern in globs:
        pattern = pattern.strip().rstrip("/")
        if not pattern or pattern.startswith("!") or ".." in pattern:
            continue
        # "**" would descend into every node_modules: one level stands for it.
        pattern = pattern.replace("/**", "/*").replace("**/", "*/").replace("**", "*")
        try:
            matches = sorted(root.glob(pattern))
        except (ValueError, OSError):
            continue
        for m in matches:
            if "node_modules" in m.parts:
                continue
            if (m / "package.json").is_file() and m not in out:
                out.append(m)
                if len(out) >= limit:
                    return out
    return out
