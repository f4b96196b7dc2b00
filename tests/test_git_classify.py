from __future__ import annotations

import subprocess
from pathlib import Path

from egtest import write_project

from envguard.sources import git


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_classify_tracked_untracked_ignored(tmp_path: Path) -> None:
    write_project(
        tmp_path, {".gitignore": ".env.local\n", ".env": "A=1\n", ".env.local": "B=2\n", ".env.production": "C=3\n"}
    )
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".env")
    status = git.classify(tmp_path, [".env", ".env.local", ".env.production"])
    assert status == {".env": "tracked", ".env.local": "ignored", ".env.production": "untracked"}


def test_classify_in_a_subdirectory_and_outside_a_repository(tmp_path: Path) -> None:
    write_project(tmp_path, {"repo/apps/web/.env": "A=1\n", "elsewhere/.env": "A=1\n"})
    _git(tmp_path / "repo", "init", "-q")
    _git(tmp_path / "repo", "add", "apps/web/.env")
    assert git.classify(tmp_path / "repo" / "apps" / "web", [".env"]) == {".env": "tracked"}
    assert git.classify(tmp_path / "elsewhere", [".env"]) is None
    assert git.classify(tmp_path / "elsewhere", []) == {}
