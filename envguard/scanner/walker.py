"""Which files to scan.

In a git work tree: the tracked files and the untracked files git does not ignore (what
``git add -A`` would commit), under the given paths. Outside git (or with
``--all-files``): every file, minus version-control, dependency, virtualenv and cache
directories. ``--staged``: the files a commit would change, read from the index rather
than the work tree. Files named on the command line are always scanned, but exclude
globs still apply to them, so pre-commit's file list obeys the project's config.
"""

from __future__ import annotations

import os
import posixpath
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from envguard.core.errors import UsageError
from envguard.scanner import filetypes as ft
from envguard.scanner.engine import Target
from envguard.scanner.model import Record
from envguard.scanner.textutil import words
from envguard.sources import git

SKIP_DIRS = words(
    """
    .git .hg .svn .bzr node_modules bower_components jspm_packages __pycache__ .mypy_cache
    .pytest_cache .ruff_cache .hypothesis .tox .nox .venv venv .direnv .next .nuxt .svelte-kit
    .turbo .parcel-cache .terraform .gradle .eggs .yarn .pnpm-store .cache .sass-cache
    .angular .expo .vercel .serverless .aws-sam .idea-cache
    """
)
BASELINE_NAME = ".secrets.baseline"


class Collection(Record):
    """The files to scan, and the count and first few paths of those skipped, by reason."""

    __slots__ = ("examples", "git", "skipped", "targets")
    _fields = ("targets", "skipped", "examples", "git")

    def __init__(
        self,
        targets: list[Target] | None = None,
        skipped: Counter[str] | None = None,
        examples: dict[str, list[str]] | None = None,
        git: bool = False,
    ) -> None:
        self.targets: list[Target] = [] if targets is None else targets
        self.skipped: Counter[str] = Counter() if skipped is None else skipped
        self.examples: dict[str, list[str]] = {} if examples is None else examples
        self.git = git

    def skip(self, reason: str, path: str) -> None:
        self.skipped[reason] += 1
        shown = self.examples.setdefault(reason, [])
        if len(shown) < 3:
            shown.append(path)


def compile_globs(patterns: Iterable[str]) -> Callable[[str], bool]:
    """A matcher for gitignore-like globs: ``*.min.js`` matches at any depth, ``docs/``
    a directory anywhere, ``tests/fixtures/**`` and ``/build`` from the root."""
    regexes = [_glob_regex(p) for p in patterns if p.strip()]
    if not regexes:
        return lambda path: False
    combined = re.compile("|".join(f"(?:{r})" for r in regexes))
    return lambda path: combined.match(path) is not None


def _glob_regex(pattern: str) -> str:
    p = pattern.strip().replace("\\", "/")
    directory = p.endswith("/")
    p = p.strip("/") if p.startswith("/") or directory else p
    anchored = pattern.strip().startswith("/") or "/" in p
    out = []
    i = 0
    while i < len(p):
        c = p[i]
        if p.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if p.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            end = p.find("]", i + 1)
            if end < 0:
                out.append(re.escape(c))
            else:
                body = p[i + 1 : end].replace("\\", "\\\\")
                out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
                i = end
        else:
            out.append(re.escape(c))
        i += 1
    body = "".join(out)
    prefix = "" if anchored else "(?:.*/)?"
    # A pattern matches the path itself or anything beneath it (a directory).
    suffix = "/.*" if directory else "(?:/.*)?"
    return f"{prefix}{body}{suffix}$"


def display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def collect(
    root: Path,
    paths: Sequence[Path],
    *,
    staged: bool = False,
    all_files: bool = False,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    max_size: int,
    skip_paths: Iterable[str] = (),
) -> Collection:
    """The files to scan, as :class:`~envguard.scanner.engine.Target` with root-relative paths."""
    excluded = compile_globs(exclude)
    included = compile_globs(include) if include else None
    skip = set(skip_paths)
    out = Collection()

    def keep(rel: str) -> bool:
        if rel in skip or posixpath.basename(rel) == BASELINE_NAME:
            return False
        if "/.git/" in f"/{rel}" or excluded(rel):
            out.skipped["excluded"] += 1
            return False
        if included is not None and not included(rel):
            out.skipped["excluded"] += 1
            return False
        return True

    directories = [p for p in paths if (p if p.is_absolute() else Path.cwd() / p).is_dir()]
    # Files named on the command line (pre-commit's case) need no git process at all.
    git_root = None if all_files or not (staged or directories) else git.repo_root(root)
    if staged:
        if git_root is None:
            raise UsageError("--staged needs a git repository (the index holds the staged content)")
        out.git = True
        _collect_staged(out, root, git_root, paths, keep, max_size)
        return out

    seen: set[str] = set()
    git_dirs: list[str] = []
    walk_dirs: list[Path] = []
    for path in paths:
        full = path if path.is_absolute() else (Path.cwd() / path)
        full = Path(os.path.normpath(full))
        if not full.exists() and not full.is_symlink():
            raise UsageError(f"no such file or directory: {path}")
        if full.is_file() and not full.is_symlink():
            rel = display(full, root)
            if rel not in seen and keep(rel):
                seen.add(rel)
                _add_file(out, full, rel, max_size)
            continue
        if full.is_symlink():
            out.skip("symlink", display(full, root))
            continue
        if git_root is not None and _inside(full, git_root):
            git_dirs.append(display(full, git_root) if full != git_root else "")
        else:
            walk_dirs.append(full)

    if git_root is not None and git_dirs:
        out.git = True
        specs = [] if "" in git_dirs else sorted(set(git_dirs))
        files = dict.fromkeys([*git.tracked_files(git_root, specs), *git.untracked_unignored(git_root, specs)])
        for rel_git in files:
            full = git_root / rel_git
            rel = display(full, root)
            if rel in seen or not keep(rel):
                continue
            seen.add(rel)
            _add_file(out, full, rel, max_size, from_git=True)
    for directory in walk_dirs:
        for full in _walk(directory):
            rel = display(full, root)
            if rel in seen or not keep(rel):
                continue
            seen.add(rel)
            _add_file(out, full, rel, max_size)
    return out


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _add_file(out: Collection, full: Path, rel: str, max_size: int, *, from_git: bool = False) -> None:
    try:
        st = full.lstat()
    except OSError:
        if not from_git:  # tracked but deleted in the work tree: nothing to scan
            out.skip("unreadable", rel)
        return
    if stat.S_ISLNK(st.st_mode):
        out.skip("symlink", rel)
        return
    if not stat.S_ISREG(st.st_mode):
        return  # submodules, sockets, fifos
    if ft.is_binary_name(rel):
        out.skip("binary", rel)
        return
    if st.st_size > max_size:
        out.skip("too-large", rel)
        return
    out.targets.append(Target(rel, str(full), None, st.st_size))


def _walk(directory: Path) -> Iterable[Path]:
    for current, dirs, files in os.walk(directory, followlinks=False):
        dirs[:] = sorted(
            d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info") and not _is_venv(current, d)
        )
        for name in sorted(files):
            yield Path(current) / name


def _is_venv(parent: str, name: str) -> bool:
    return os.path.isfile(os.path.join(parent, name, "pyvenv.cfg"))


def _collect_staged(
    out: Collection, root: Path, git_root: Path, paths: Sequence[Path], keep: Callable[[str], bool], max_size: int
) -> None:
    specs: list[str] = []
    for path in paths:
        full = Path(os.path.normpath(path if path.is_absolute() else Path.cwd() / path))
        if full == git_root:
            specs = []
            break
        if not _inside(full, git_root):
            raise UsageError(f"{path} is outside the git repository at {git_root}")
        specs.append(display(full, git_root))
    names = git.staged_files(git_root, specs)
    wanted: dict[str, str] = {}
    for rel_git in names:
        rel = display(git_root / rel_git, root)
        if not keep(rel):
            continue
        if ft.is_binary_name(rel):
            out.skip("binary", rel)
            continue
        wanted[rel_git] = rel
    blobs = git.staged_blobs(git_root, list(wanted), max_size=max_size)
    for rel_git, rel in wanted.items():
        blob = blobs.get(rel_git)
        if blob is None:
            continue  # a submodule or a symlink: no blob content to scan
        if isinstance(blob, int):
            out.skip("too-large", rel)
            continue
        out.targets.append(Target(rel, None, blob, len(blob)))
