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


def test_pending_classify_overlaps_and_is_reaped(tmp_path: Path) -> None:
    write_project(tmp_path, {".env": "A=1\n"})
    _git(tmp_path, "init", "-q")
    pending = git.start_classify(tmp_path, [".env"])
    assert pending.result() == {".env": "untracked"}
    assert pending.result() == {".env": "untracked"}  # answered once, kept
    abandoned = git.start_classify(tmp_path, [".env"])
    abandoned.close()
    assert abandoned._proc is not None
    assert abandoned._proc.returncode is not None


def test_run_checks_ends_background_git_when_a_check_fails(tmp_path: Path) -> None:
    import pytest

    from envguard.checking.build import build_context
    from envguard.checking.run import run_checks
    from envguard.project.context import Options
    from envguard.rules import exposure

    strong = "Zq8" + "x7Lm" * 10  # not a placeholder, long enough to count as a real value
    write_project(tmp_path, {".env": f"SESSION_SECRET={strong}\n"})
    _git(tmp_path, "init", "-q")
    ctx = build_context(Options(root=tmp_path))

    def boom(_ctx: object) -> list[object]:
        raise RuntimeError("a rule failed")

    with pytest.raises(RuntimeError):
        run_checks(ctx, [boom, exposure.check_git_exposure])  # type: ignore[list-item]
    rel, pending = ctx.cache["exposure.git-classify"]
    assert ".env" in rel
    assert pending._proc.returncode is not None  # killed and reaped, not left running
