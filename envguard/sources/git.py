"""Git plumbing: the only module in envguard that runs subprocesses.

Every call runs ``git`` directly (never a shell) with a timeout, reads NUL-separated
output (``-z``) so that any file name survives, and turns every failure into a
:class:`GitError` that says what went wrong and where. Paths given to and returned by
these functions are relative to the work tree's top level, in POSIX form.

Callers that only want to know whether they are in a repository use :func:`repo_root`,
which returns ``None`` outside one; everything else assumes a repository and raises.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from envguard.core.errors import EnvguardError

TIMEOUT = 60.0
# Blobs larger than this are not read by :func:`staged_blobs` (their size is returned).
DEFAULT_MAX_BLOB = 64 * 1024 * 1024


_NOTHING: Any = object()  # PendingClassify: no answer known without running git


class GitError(EnvguardError):
    """git is missing, the path is not in a work tree, or a git command failed."""


def _git() -> str:
    exe = shutil.which("git")
    if exe is None:
        raise GitError("git is not installed or not on PATH (needed to list the files of a git work tree)")
    return exe


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # Reading commands must not take the index lock or refresh the index behind a
    # running `git commit` (the pre-commit hook runs inside one).
    env["GIT_OPTIONAL_LOCKS"] = "0"
    env.pop("GIT_PAGER", None)
    env["GIT_TERMINAL_PROMPT"] = "0"
    return env


def _run(
    args: Sequence[str],
    cwd: Path,
    *,
    stdin: bytes | None = None,
    ok: Iterable[int] = (0,),
    timeout: float = TIMEOUT,
) -> subprocess.CompletedProcess[bytes]:
    cmd = [_git(), "-c", "core.quotepath=off", *args]
    try:
        proc = subprocess.run(
            cmd,
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=timeout,
            check=False,
            env=_env(),
        )
    except subprocess.TimeoutExpired:
        raise GitError(f"`git {args[0]}` did not finish within {timeout:.0f} s in {cwd}") from None
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH") from None
    except OSError as exc:
        raise GitError(f"cannot run git in {cwd}: {exc.strerror or exc}") from None
    if proc.returncode not in tuple(ok):
        raise GitError(f"`git {args[0]}` failed in {cwd}: {_last_line(proc.stderr)}")
    return proc


def _last_line(stderr: bytes) -> str:
    lines = [ln.strip() for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    # git prints hints after the error; the line starting with fatal/error is the cause.
    for ln in lines:
        if ln.startswith(("fatal:", "error:")):
            return ln
    return lines[-1] if lines else "no message"


def _split_z(out: bytes) -> list[str]:
    return [p.decode("utf-8", "surrogateescape") for p in out.split(b"\0") if p]


def _has_git_dir(start: Path) -> bool:
    current = start
    while True:
        if (current / ".git").exists():
            return True
        if current.parent == current:
            return False
        current = current.parent


# start directory -> work-tree top. Repositories do not move during a run, and every
# helper below needs the top: without this each call spawned `git rev-parse`. Only found
# tops are remembered: a directory may become a repository (`git init`) later.
_ROOTS: dict[Path, Path] = {}


def repo_root(path: Path | str) -> Path | None:
    """The top level of the work tree holding ``path``, or ``None`` outside one.

    Raises :class:`GitError` only when the answer cannot be known: ``path`` sits in a
    directory with a ``.git`` but git is missing, or git refuses the repository
    (unsafe ownership).
    """
    p = Path(path)
    try:
        p = p.resolve()
    except OSError:
        return None
    start = p if p.is_dir() else p.parent
    if start in _ROOTS:
        return _ROOTS[start]
    found = _find_root(start)
    if found is not None:
        _ROOTS[start] = _ROOTS[found] = found
    return found


def _find_root(start: Path) -> Path | None:
    if not start.is_dir():
        return None
    if shutil.which("git") is None:
        if _has_git_dir(start):
            raise GitError(f"{start} is in a git work tree but git is not installed; install git or pass --all-files")
        return None
    try:
        proc = _run(["rev-parse", "--show-toplevel"], start, ok=(0, 128))
    except GitError:
        return None
    if proc.returncode != 0:
        message = _last_line(proc.stderr)
        if "dubious ownership" in message or "safe.directory" in message:
            raise GitError(f"git refuses the repository at {start}: {message}")
        return None
    top = proc.stdout.decode("utf-8", "surrogateescape").strip()
    return Path(top) if top else None


def _check_repo(root: Path) -> Path:
    found = repo_root(root)
    if found is None:
        raise GitError(f"{root} is not inside a git work tree")
    return found


def _pathspecs(paths: Sequence[str]) -> list[str]:
    return ["--", *paths] if paths else []


def tracked_files(root: Path, paths: Sequence[str] = ()) -> list[str]:
    """Files in the index (``git ls-files``), optionally only under ``paths``.

    Paths in ``paths`` are literal (no glob magic) and relative to ``root``.
    """
    top = _check_repo(root)
    out = _run(["--literal-pathspecs", "ls-files", "-z", "--cached", *_pathspecs(paths)], top).stdout
    # An unmerged path is listed once per stage.
    return list(dict.fromkeys(_split_z(out)))


def untracked_unignored(root: Path, paths: Sequence[str] = ()) -> list[str]:
    """Files git does not track and does not ignore (what ``git add -A`` would add)."""
    top = _check_repo(root)
    out = _run(
        ["--literal-pathspecs", "ls-files", "-z", "--others", "--exclude-standard", *_pathspecs(paths)],
        top,
    ).stdout
    return _split_z(out)


def is_tracked(root: Path, relpath: str) -> bool:
    """Whether ``relpath`` (a file, or a directory holding one) is in the index."""
    top = _check_repo(root)
    out = _run(["--literal-pathspecs", "ls-files", "-z", "--cached", "--", relpath], top).stdout
    return bool(out.strip(b"\0"))


def ignored(root: Path, relpaths: Iterable[str]) -> set[str]:
    """The subset of ``relpaths`` that git ignores (``git check-ignore``).

    Tracked files are never reported: git's ignore rules do not apply to them.
    """
    paths = [p for p in relpaths if p and "\0" not in p]
    if not paths:
        return set()
    top = _check_repo(root)
    stdin = b"\0".join(p.encode("utf-8", "surrogateescape") for p in paths) + b"\0"
    # Exit 1 means "none ignored", not an error.
    proc = _run(["check-ignore", "-z", "--stdin"], top, stdin=stdin, ok=(0, 1))
    return set(_split_z(proc.stdout)) & set(paths)


def staged_files(root: Path, paths: Sequence[str] = ()) -> list[str]:
    """Files added, copied, modified or renamed in the index (what a commit would change)."""
    top = _check_repo(root)
    out = _run(
        [
            "--literal-pathspecs",
            "diff",
            "--cached",
            "--name-only",
            "-z",
            "--diff-filter=ACMR",
            "--no-ext-diff",
            "--no-textconv",
            *_pathspecs(paths),
        ],
        top,
    ).stdout
    return _split_z(out)


def staged_blob(root: Path, relpath: str) -> bytes:
    """The content of ``relpath`` as staged in the index (``git show :path``)."""
    top = _check_repo(root)
    return _run(["cat-file", "blob", f":{relpath}"], top).stdout


def staged_blobs(root: Path, relpaths: Sequence[str], *, max_size: int = DEFAULT_MAX_BLOB) -> dict[str, bytes | int]:
    """Index content of many files with two ``git cat-file`` processes.

    Returns path -> content, or path -> size (an ``int``) for blobs larger than
    ``max_size``, which are not read. Paths missing from the index are left out.
    """
    names = [p for p in relpaths if "\n" not in p and "\0" not in p]
    if not names:
        return {}
    top = _check_repo(root)
    request = "".join(f":{p}\n" for p in names).encode("utf-8", "surrogateescape")
    check = _run(["cat-file", "--batch-check=%(objecttype) %(objectsize)"], top, stdin=request).stdout
    sizes: dict[str, int] = {}
    for name, line in zip(names, check.decode("utf-8", "replace").splitlines(), strict=False):
        parts = line.split()
        if len(parts) == 2 and parts[0] == "blob" and parts[1].isdigit():
            sizes[name] = int(parts[1])
    result: dict[str, bytes | int] = {n: s for n, s in sizes.items() if s > max_size}
    wanted = [n for n, s in sizes.items() if s <= max_size]
    if not wanted:
        return result
    request = "".join(f":{p}\n" for p in wanted).encode("utf-8", "surrogateescape")
    out = _run(["cat-file", "--batch"], top, stdin=request).stdout
    pos = 0
    for name in wanted:
        header_end = out.index(b"\n", pos)
        header = out[pos:header_end].split()
        pos = header_end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        result[name] = out[pos : pos + size]
        pos += size + 1  # the content is followed by a newline
    return result


def classify(cwd: Path, relpaths: Sequence[str]) -> dict[str, str] | None:
    """``"tracked"``, ``"untracked"`` (not ignored) or ``"ignored"`` for each of
    ``relpaths`` (existing files, relative to ``cwd``); ``None`` outside a work tree.

    One `git ls-files` run: it lists tracked files (tag ``H``, ``C``, ``M``...) and
    untracked files that are not ignored (tag ``?``); an existing file it leaves out is
    ignored. The exposure rules run this on every hook call, where three separate git
    processes (rev-parse, ls-files, check-ignore) cost more than the rest of the check.
    """
    return start_classify(cwd, relpaths).result()


class PendingClassify:
    """A :func:`classify` whose git process runs while the caller does other work.

    The check hook starts it before the other rules run, so that git's ~7 ms go by on
    the second core instead of in the hook's latency. :meth:`result` waits (with the
    timeout) and parses; :meth:`close` ends a process nobody collected.
    """

    def __init__(
        self, paths: list[str], proc: subprocess.Popen[bytes] | None, cwd: Path, early: Any = _NOTHING
    ) -> None:
        self._paths = paths
        self._proc = proc
        self._cwd = cwd
        self._early = early

    def result(self, timeout: float = TIMEOUT) -> dict[str, str] | None:
        if self._early is not _NOTHING:
            early: dict[str, str] | None = self._early
            return early
        proc = self._proc
        assert proc is not None
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.close()
            raise GitError(f"`git ls-files` did not finish within {timeout:.0f} s in {self._cwd}") from None
        if proc.returncode == 128:
            self._early = None
            return None
        if proc.returncode != 0:
            raise GitError(f"`git ls-files` failed in {self._cwd}: {_last_line(err)}")
        status = dict.fromkeys(self._paths, "ignored")
        for item in _split_z(out):
            tag, _, path = item.partition(" ")
            if path in status:
                status[path] = "untracked" if tag == "?" else "tracked"
        self._early = status
        return status

    def close(self) -> None:
        proc = self._proc
        if proc is not None and proc.returncode is None:
            proc.kill()
            proc.communicate()


def start_classify(cwd: Path, relpaths: Sequence[str]) -> PendingClassify:
    """Start :func:`classify`: the git process runs until :meth:`PendingClassify.result`."""
    paths = [p for p in relpaths if p and "\0" not in p]
    if not paths:
        return PendingClassify(paths, None, cwd, {})
    if not _has_git_dir(cwd.resolve()):
        # No subprocess at all outside a repository (the common zero-config case).
        return PendingClassify(paths, None, cwd, None)
    exe = shutil.which("git")
    if exe is None:
        raise GitError(f"{cwd} is in a git work tree but git is not installed")
    args = ["--literal-pathspecs", "ls-files", "-z", "-t", "--cached", "--others", "--exclude-standard", "--", *paths]
    try:
        proc = subprocess.Popen(
            [exe, "-c", "core.quotepath=off", *args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_env(),
        )
    except OSError as exc:
        raise GitError(f"cannot run git in {cwd}: {exc.strerror or exc}") from None
    return PendingClassify(paths, proc, cwd)
