"""Fixtures for the CI-output and hook tests: the SARIF schema and Multitool, git repos,
synthetic reports that exercise every location shape."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from ci.cihelp import git, sample_findings

from envguard.core.report import Report

DATA = Path(__file__).with_name("data")
MULTITOOL_PACKAGE = "@microsoft/sarif-multitool-linux@5.7.0"
MULTITOOL_REL = Path("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool")


@pytest.fixture(scope="session")
def sarif_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((DATA / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    return schema


@pytest.fixture(scope="session")
def sarif_validator(sarif_schema: dict[str, Any]) -> Any:
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(sarif_schema)
    return Draft202012Validator(sarif_schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _multitool_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "envguard-tests" / "sarif-multitool-5.7.0"


@pytest.fixture(scope="session")
def multitool() -> Path:
    """Microsoft's SARIF Multitool.

    ``ENVGUARD_SARIF_MULTITOOL`` names the binary if CI installed it; otherwise it is
    installed once with npm into ~/.cache/envguard-tests (about 40 MB download, a few
    seconds). Without npm or network the tests that need it are skipped; the JSON-schema
    tests always run.
    """
    explicit = os.environ.get("ENVGUARD_SARIF_MULTITOOL")
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            pytest.fail(f"ENVGUARD_SARIF_MULTITOOL={explicit} does not exist")
        return path
    prefix = _multitool_cache()
    binary = prefix / MULTITOOL_REL
    if not binary.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not available to install the SARIF Multitool")
        prefix.mkdir(parents=True, exist_ok=True)
        try:
            done = subprocess.run(
                [npm, "install", "--no-audit", "--no-fund", "--prefix", str(prefix), MULTITOOL_PACKAGE],
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
        except subprocess.TimeoutExpired:
            pytest.skip("npm install of the SARIF Multitool timed out")
        if done.returncode != 0 or not binary.is_file():
            pytest.skip(f"npm could not install the SARIF Multitool: {done.stderr.strip()[-300:]}")
    # npm may skip the package's postinstall (chmod u+x) under an install-scripts policy.
    binary.chmod(binary.stat().st_mode | 0o100)
    return binary


# --- git ----------------------------------------------------------------------------------


@pytest.fixture
def git_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    return repo


# --- reports ------------------------------------------------------------------------------


@pytest.fixture
def sample_report(tmp_path: Path) -> Report:
    """A report whose files exist under a git repository root."""
    root = tmp_path / "proj"
    (root / "dir with space").mkdir(parents=True)
    (root / "prisma").mkdir()
    (root / ".git").mkdir()
    (root / ".env").write_text("A=1\nB=2\nDEBUG=ture\nC=1 \n", encoding="utf-8")
    (root / ".env.example").write_text("DATABASE_URL=\n", encoding="utf-8")
    (root / "dir with space" / ".env").write_text("SECRET_KEY=x\n", encoding="utf-8")
    (root / "prisma" / "schema.prisma").write_text("datasource db {\n}\n", encoding="utf-8")
    return Report(
        command="check",
        root=str(root),
        findings=sample_findings(),
        examined=[".env", ".env.example", "dir with space/.env", "<environ>"],
        environment="production",
        notes=["checked the example file only"],
    )
