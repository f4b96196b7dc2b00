"""Helpers shared by the tests in tests/ci (import as ``from ci.cihelp import ...``)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from envguard.core.findings import Finding, Location, Severity


def run_multitool(binary: Path, files: list[Path], workdir: Path) -> tuple[str, list[dict[str, Any]]]:
    """Validate ``files``; returns (console output, error and warning results)."""
    out = workdir / "validation.sarif"
    done = subprocess.run(
        [str(binary), "validate", *map(str, files), "--output", str(out), "--log", "ForceOverwrite"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "DOTNET_CLI_TELEMETRY_OPTOUT": "1"},
    )
    console = done.stdout + done.stderr
    assert done.returncode == 0, console
    assert out.is_file(), console
    log = json.loads(out.read_text(encoding="utf-8-sig"))
    problems = [
        r
        for run in log.get("runs", [])
        for r in run.get("results", [])
        if r.get("level", "warning") in ("error", "warning")
    ]
    return console, problems


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        },
    )
    return done.stdout


def sample_findings() -> list[Finding]:
    """Every location shape a reporter must handle, with awkward characters."""
    return [
        Finding(
            "EG101",
            "missing-required",
            Severity.ERROR,
            "DATABASE_URL is required in production but is not set in any env file",
            variable="DATABASE_URL",
            hint="set DATABASE_URL",
            related=(Location(".env.example", 2, None, "listed in the example"),),
        ),
        Finding(
            "EG102",
            "invalid-type",
            Severity.ERROR,
            "DEBUG must be a boolean, got (4 chars)",
            path=".env",
            line=3,
            column=1,
            variable="DEBUG",
            hint="use true/false: 100% sure, a:b, c\nnext line\r",
        ),
        Finding("EG009", "trailing-whitespace", Severity.INFO, "trailing whitespace", path=".env", line=4),
        # A finding about a whole file: a path and no line.
        Finding("EG313", "env-file-not-ignored", Severity.WARNING, ".env is not covered by .gitignore", path=".env"),
        Finding(
            "EG111",
            "not-in-example",
            Severity.WARNING,
            "SECRET_KEY is set in dir with space/.env but not documented",
            path="dir with space/.env",
            line=1,
            column=1,
            variable="SECRET_KEY",
        ),
        Finding(
            "EG104",
            "insecure-url",
            Severity.ERROR,
            "APP_URL uses http:// in production",
            path="<environ>",
            variable="APP_URL",
            related=(Location("<environ>", None, None, "from the process environment"),),
        ),
        Finding(
            # A code no registry lists (a plugin's rule): the descriptor is built from the finding.
            "EG998",
            "plugin-only-rule",
            Severity.WARNING,
            "a mismatch between two files",
            path=".env",
            line=2,
            column=5,
            related=(Location("prisma/schema.prisma", 7, 3, "provider = mysql"), Location(".env.example", 1)),
        ),
    ]
