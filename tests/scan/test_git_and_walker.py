"""sources/git.py against real repositories, and which files the scanner reads."""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

import pytest

from envguard.core.errors import UsageError
from envguard.knowledge import providers
from envguard.scanner.api import scan_paths
from envguard.scanner.walker import compile_globs
from envguard.sources import git

pytestmark = pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="git missing"
)


def key(seed: int = 0) -> str:
    return providers.get("stripe-secret-key").generate(random.Random(seed), "live")


def sh(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    sh(root, "init", "-q")
    sh(root, "config", "user.email", "dev@example.com")
    sh(root, "config", "user.name", "dev")
    sh(root, "config", "commit.gpgsign", "false")
    return root


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- sources/git.py -----------------------------------------------------------------------


def test_git_plumbing(repo: Path) -> None:
    write(repo, ".gitignore", ".env\nbuild/\n")
    write(repo, "a.py", "x = 1\n")
    write(repo, "dir with space/b.txt", "y\n")
    write(repo, ".env", "S=1\n")
    write(repo, "build/out.js", "z\n")
    write(repo, "new.txt", "n\n")
    sh(repo, "add", ".gitignore", "a.py", "dir with space/b.txt")
    assert git.repo_root(repo / "dir with space") == repo.resolve()
    assert git.tracked_files(repo) == [".gitignore", "a.py", "dir with space/b.txt"]
    assert git.tracked_files(repo, ["dir with space"]) == ["dir with space/b.txt"]
    assert git.untracked_unignored(repo) == ["new.txt"]
    assert git.is_tracked(repo, "a.py")
    assert not git.is_tracked(repo, ".env")
    assert git.ignored(repo, [".env", "a.py", "new.txt", "build/out.js"]) == {".env", "build/out.js"}
    assert git.staged_files(repo) == [".gitignore", "a.py", "dir with space/b.txt"]
    assert git.staged_blob(repo, "a.py") == b"x = 1\n"
    blobs = git.staged_blobs(repo, ["a.py", ".gitignore", "missing.txt"], max_size=8)
    assert blobs == {"a.py": b"x = 1\n", ".gitignore": 12}


def test_git_errors_are_clear(tmp_path: Path) -> None:
    assert git.repo_root(tmp_path) is None
    with pytest.raises(git.GitError, match="not inside a git work tree"):
        git.tracked_files(tmp_path)


def test_git_missing_inside_a_work_tree(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(git.GitError, match="git is not installed"):
        git.repo_root(repo)
    with pytest.raises(git.GitError, match="git is not installed"):
        git.tracked_files(repo)


# --- which files ---------------------------------------------------------------------------


def test_git_work_tree_scans_tracked_and_unignored_files_only(repo: Path) -> None:
    k = key()
    write(repo, ".gitignore", ".env\nlogs/\n")
    write(repo, "tracked.py", f'KEY = "{k}"\n')
    write(repo, "untracked.py", f'KEY = "{k}"\n')
    write(repo, "logs/ignored.py", f'KEY = "{k}"\n')
    sh(repo, "add", "tracked.py", ".gitignore")
    report = scan_paths([repo])
    assert sorted(f.path for f in report.findings) == ["tracked.py", "untracked.py"]
    assert report.stats["git"] is True
    # --all-files ignores git: the ignored file is read too.
    report = scan_paths([repo], all_files=True)
    assert sorted(f.path for f in report.findings) == ["logs/ignored.py", "tracked.py", "untracked.py"]


def test_outside_git_every_file_but_dependency_and_cache_dirs(tmp_path: Path) -> None:
    k = key()
    for name in ("src/app.py", "node_modules/pkg/index.js", ".venv2/lib/x.py", "__pycache__/x.py", ".git/config"):
        write(tmp_path, name, f'KEY = "{k}"\n')
    write(tmp_path, ".venv2/pyvenv.cfg", "home = /usr\n")
    report = scan_paths([tmp_path])
    assert [f.path for f in report.findings] == ["src/app.py"]
    assert report.stats["git"] is False


def test_named_files_are_scanned_and_paths_are_relative_to_the_root(repo: Path) -> None:
    write(repo, ".gitignore", "secret.txt\n")
    write(repo, "secret.txt", f"{key()}\n")
    report = scan_paths([repo / "secret.txt"])
    assert [(f.path, f.line) for f in report.findings] == [("secret.txt", 1)]
    assert report.root == str(repo.resolve())


def test_binary_huge_and_generated_files(tmp_path: Path) -> None:
    k = key()
    write(tmp_path, "logo.png", "not really a png")
    (tmp_path / "blob.dat").write_bytes(b"\0\1\2" + k.encode())
    write(tmp_path, "dump.sql", f"-- {k}\n" + "x" * 2_000_000)
    write(tmp_path, "yarn.lock", f'  integrity sha512-{"A" * 86}==\n  resolved "https://npm.acme.io/x.tgz"\n')
    write(tmp_path, "package-lock.json", f'{{"token": "{"Ab1" * 12}", "k": "{k}"}}\n')
    write(tmp_path, "dist/app.min.js", "var a=1;" * 500 + "\n")
    report = scan_paths([tmp_path], max_file_size=1_000_000)
    assert report.stats["skipped"] == {"binary": 2, "too-large": 1}
    # A provider key in a lock file is still found; its random-looking values are not.
    assert [(f.path, f.code) for f in report.findings] == [("package-lock.json", "EG320")]
    assert report.stats["generated"] == 3
    notes = " ".join(report.notes)
    assert "skipped 2 binary files" in notes
    assert "larger than the size limit" in notes
    assert "dump.sql" in notes
    assert "3 generated files" in notes


def test_exclude_and_include_globs(tmp_path: Path) -> None:
    k = key()
    for name in ("src/a.py", "tests/fixtures/b.py", "docs/c.md", "vendor/d.js"):
        write(tmp_path, name, f'KEY = "{k}"\n')
    report = scan_paths([tmp_path], exclude=["tests/fixtures/**", "*.md"])
    assert sorted(f.path for f in report.findings) == ["src/a.py", "vendor/d.js"]
    report = scan_paths([tmp_path], include=["src/"])
    assert [f.path for f in report.findings] == ["src/a.py"]
    write(tmp_path, "envguard.yaml", "scan:\n  exclude: ['vendor/']\n")
    report = scan_paths([tmp_path], exclude=["docs/"])
    assert sorted(f.path for f in report.findings) == ["src/a.py", "tests/fixtures/b.py"]


@pytest.mark.parametrize(
    ("glob", "path", "matches"),
    [
        ("*.min.js", "web/dist/app.min.js", True),
        ("docs/", "docs/a/b.md", True),
        ("docs/", "src/docs.py", False),
        ("/build", "build/x", True),
        ("/build", "src/build/x", False),
        ("tests/fixtures/**", "tests/fixtures/a/b.json", True),
        ("**/secrets.yml", "a/b/secrets.yml", True),
        ("fixtures", "tests/fixtures/x", True),
    ],
)
def test_glob_semantics(glob: str, path: str, matches: bool) -> None:
    assert compile_globs([glob])(path) is matches


def test_symlinks_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, "k.py", f'K = "{key()}"\n')
    proj = tmp_path / "proj"
    write(proj, "a.py", "x = 1\n")
    os.symlink(outside / "k.py", proj / "link.py")
    os.symlink(outside, proj / "linkdir")
    report = scan_paths([proj])
    assert report.findings == []
    assert report.stats["skipped"] == {"symlink": 1}


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        scan_paths([tmp_path / "nope"])


# --- --staged --------------------------------------------------------------------------------


def test_staged_scans_the_index_not_the_work_tree(repo: Path) -> None:
    k1, k2 = key(1), key(2)
    write(repo, "clean_in_index.py", f'KEY = "{k1}"\n')
    write(repo, "dirty_in_index.py", "KEY = None\n")
    write(repo, "unstaged.py", f'KEY = "{k1}"\n')
    sh(repo, "add", "clean_in_index.py", "dirty_in_index.py")
    sh(repo, "commit", "-qm", "init")
    # Index: a key staged, then removed from the work tree; and the reverse.
    write(repo, "dirty_in_index.py", f'KEY = "{k2}"\n')
    sh(repo, "add", "dirty_in_index.py")
    write(repo, "dirty_in_index.py", "KEY = None\n")
    write(repo, "clean_in_index.py", "KEY = None  # fixed in the work tree, not staged\n")
    report = scan_paths([repo], staged=True)
    assert [(f.path, f.line) for f in report.findings] == [("dirty_in_index.py", 1)]
    assert report.examined == ["dirty_in_index.py"]
    # The work tree says the opposite.
    work = scan_paths([repo])
    assert sorted(f.path for f in work.findings) == ["unstaged.py"]


def test_staged_outside_git_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--staged needs a git repository"):
        scan_paths([tmp_path], staged=True)


def test_staged_in_a_repository_without_commits(repo: Path) -> None:
    write(repo, "a.py", f'KEY = "{key()}"\n')
    sh(repo, "add", "a.py")
    assert [f.path for f in scan_paths([repo], staged=True).findings] == ["a.py"]
