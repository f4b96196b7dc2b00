"""``envguard env-files [PATH...]``: block committing env files that hold real secret
values (see :mod:`envguard.rules.committed` for what is judged and how)."""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from envguard.checking.envfiles import check_paths
from envguard.core.report import Report
from envguard.rules.committed import is_env_file_name

# The CLI gives this command the common output and policy options and renders the
# Report that run() returns.
REPORTS = True


_SKIP_DIRS = frozenset(
    {".git", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".nox", "dist", "build", ".next", "vendor"}
)


_MAX_WALK = 100_000


def discover(root: Path) -> tuple[list[Path], str | None]:
    """Env files under ``root`` that git tracks or has staged; every one outside git.

    Returns the files and a note for the report (or None).
    """
    tracked = _git_index(root)
    if tracked is not None:
        return [p for p in tracked if is_env_file_name(p.name)], None
    found: list[Path] = []
    for seen, path in enumerate(_walk(root), 1):
        if seen > _MAX_WALK:
            return found, f"stopped after {_MAX_WALK} entries; pass the env files as arguments"
        if is_env_file_name(path.name):
            found.append(path)
    return found, "not a git work tree: checked every env file under the current directory"


def _walk(root: Path) -> Iterator[Path]:
    import os

    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS)
        for name in sorted(filenames):
            yield Path(dirpath) / name


def _git_index(root: Path) -> list[Path] | None:
    """Files under ``root`` in git's index (which holds staged new files); None outside git."""
    from envguard.sources import git

    top = git.repo_root(root)
    if top is None:
        return None
    try:
        prefix = root.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        return None
    return [top / rel for rel in git.tracked_files(top, [prefix] if prefix != "." else [])]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="env files to check (default: the env files git tracks or has staged under the current directory)",
    )


def run(args: argparse.Namespace) -> Report:
    base = Path.cwd()
    paths: list[Path] = list(args.paths)
    notes: list[str] = []
    if not paths:
        paths, note = discover(base)
        if note:
            notes.append(note)
    else:
        paths = list(_expand(paths))
    report = check_paths(
        paths,
        base=base,
        config_path=getattr(args, "config", None),
        select=_split(getattr(args, "select", [])),
        ignore=_split(getattr(args, "ignore", [])),
        extend_select=_split(getattr(args, "extend_select", [])),
    )
    report.notes[:0] = notes
    return report


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given; directories are searched for env files."""
    for path in paths:
        if path.is_dir():
            found, _ = discover(path)
            yield from found
        else:
            yield path
