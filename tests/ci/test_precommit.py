"""The hooks through the real pre-commit, in tmp git repositories: once through
`pre-commit try-repo <this repo>` (what a user runs to try the hooks), then through
`pre-commit run` with a .pre-commit-config.yaml naming this repository.

pre-commit installs the hook environment from a clone of this repository at a commit,
so these tests exercise the **committed** code (HEAD), not uncommitted edits in the work
tree: commit before running them. They pin the revision to HEAD's sha so that a dirty
work tree cannot change what they test. try-repo builds its environment in a temporary
store every time (a pip install of envguard, 10-15 s), so it runs once; the `run` tests
share one PRE_COMMIT_HOME for the session and install once between them.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ci.cihelp import git
from egtest import assert_no_secret, fake, write_project

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
LIVE = fake("stripe-secret-key", "live", seed=7)
SESSION = random.Random(8).randbytes(32).hex()


@pytest.fixture(scope="session")
def pre_commit(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, dict[str, str]]:
    """(pre-commit executable, the sha to test, environment with a session PRE_COMMIT_HOME)."""
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout of envguard")
    exe = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if exe is None:
        pytest.skip("pre-commit is not installed")
    sha = git(REPO, "rev-parse", "HEAD").strip()
    home = tmp_path_factory.mktemp("pre-commit-home")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "PRE_COMMIT_COLOR": "never",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    for name in ("GITHUB_ACTIONS", "NO_COLOR", "APP_ENV", "NODE_ENV", "ENVIRONMENT"):
        env.pop(name, None)
    return exe, sha, env


def pre_commit_run(
    pre_commit: tuple[str, str, dict[str, str]], repo: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    exe, _, env = pre_commit
    return subprocess.run([exe, *args], cwd=repo, env=env, capture_output=True, text=True, timeout=600, check=False)


def sections(output: str) -> dict[str, str]:
    """pre-commit's output split per hook: {hook name: its status line and output}."""
    out: dict[str, str] = {}
    current = None
    for line in output.splitlines():
        m = re.match(r"^(envguard [\w-]+)\.{3,}.*(Passed|Failed|Skipped)", line)
        if m:
            current = m.group(1)
            out[current] = line + "\n"
        elif current is not None:
            out[current] += line + "\n"
    return out


def project(repo: Path, files: dict[str, str]) -> Path:
    write_project(repo, files)
    git(repo, "add", "-A")
    return repo


def configured(repo: Path, sha: str) -> Path:
    """A .pre-commit-config.yaml using this repository's hooks at ``sha`` (staged, as
    pre-commit requires)."""
    hooks = "".join(f"      - id: {h}\n" for h in HOOKS)
    (repo / ".pre-commit-config.yaml").write_text(f"repos:\n  - repo: {REPO}\n    rev: {sha}\n    hooks:\n{hooks}")
    git(repo, "add", ".pre-commit-config.yaml")
    return repo


HOOKS = ("envguard-env-files", "envguard-check", "envguard-scan")
NAMES = {
    "envguard-env-files": "envguard env-files",
    "envguard-check": "envguard check",
    "envguard-scan": "envguard scan",
}


CLEAN = {
    ".gitignore": ".env\n.env.local\n",
    ".env.example": "DATABASE_URL=\nSTRIPE_SECRET_KEY=sk_test_xxx\nNEXTAUTH_SECRET=\nPORT=3000\n",
    "envguard.yaml": "variables:\n  PORT: {type: port}\n",
    "README.md": "Copy .env.example to .env and fill it in.\n",
    "src/app.py": 'import os\n\nKEY = os.environ["STRIPE_SECRET_KEY"]\n',
}


DIRTY = {
    **CLEAN,
    "apps/api/.env.production": f"STRIPE_SECRET_KEY={LIVE}\nSESSION_SECRET={SESSION}\nPORT=http\n",
    "src/billing.py": f'STRIPE_KEY = "{LIVE}"\n',
}


def test_try_repo_blocks_a_filled_in_env_file_and_a_staged_live_key(
    pre_commit: tuple[str, str, dict[str, str]], git_repo: Path
) -> None:
    """try-repo with every hook (its own temporary store: one environment install)."""
    _, sha, _ = pre_commit
    repo = project(git_repo, DIRTY)
    done = pre_commit_run(pre_commit, repo, "try-repo", str(REPO), "--ref", sha, "--all-files", "--verbose")
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    by_hook = sections(out)
    assert set(by_hook) == set(NAMES.values()), out
    env_files = by_hook["envguard env-files"]
    assert "Failed" in env_files.splitlines()[0]
    assert "apps/api/.env.production" in env_files
    assert "EG350" in env_files
    assert "src/billing.py" not in env_files  # not an env file: not its business
    scan = by_hook["envguard scan"]
    assert "Failed" in scan.splitlines()[0]
    assert "src/billing.py" in scan
    check = by_hook["envguard check"]
    assert "Failed" in check.splitlines()[0]
    assert "apps/api/.env.production" in check
    assert "EG102" in check
    assert_no_secret(out, LIVE, SESSION)


def test_a_clean_repository_passes(pre_commit: tuple[str, str, dict[str, str]], git_repo: Path) -> None:
    repo = configured(project(git_repo, CLEAN), pre_commit[1])
    done = pre_commit_run(pre_commit, repo, "run", "--all-files", "--verbose")
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    by_hook = sections(out)
    assert set(by_hook) == set(NAMES.values()), out
    assert all("Passed" in text.splitlines()[0] for text in by_hook.values()), out


@pytest.mark.parametrize(
    ("hook", "files", "named", "code"),
    [
        ("envguard-env-files", ["apps/api/.env.production", "README.md"], "apps/api/.env.production", "EG350"),
        ("envguard-scan", ["src/billing.py", "src/app.py"], "src/billing.py", "EG32"),
        ("envguard-check", ["apps/api/.env.production"], "apps/api/.env.production", "EG102"),
    ],
)
def test_each_hook_blocks_the_staged_offender(
    pre_commit: tuple[str, str, dict[str, str]], git_repo: Path, hook: str, files: list[str], named: str, code: str
) -> None:
    repo = configured(project(git_repo, DIRTY), pre_commit[1])
    done = pre_commit_run(pre_commit, repo, "run", hook, "--files", *files)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    section = sections(out)[NAMES[hook]]
    assert "Failed" in section.splitlines()[0]
    assert named in section
    assert code in section
    for other in files:
        if other != named:
            assert other not in section.split("- exit code", 1)[-1]
    assert_no_secret(out, LIVE, SESSION)
