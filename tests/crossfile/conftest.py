from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest
from egtest import write_project

from envguard.checking.build import build_context
from envguard.checking.run import run_checks
from envguard.core.findings import Finding
from envguard.project.context import Options
from envguard.rules import mismatch

Check = Callable[..., list[Finding]]


def run_eg4(
    root: Path,
    files: Mapping[str, str],
    *,
    environment: str | None = None,
    env_files: Sequence[str] = (),
    environ: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Build the project under ``root`` and run the EG4xx checks over it."""
    write_project(root, files)
    (root / ".git").mkdir(exist_ok=True)  # the project root for config discovery
    ctx = build_context(
        Options(
            root=root,
            environment=environment,
            env_files=[root / f for f in env_files],
            from_environ=environ is not None,
            environ=environ if environ is not None else {},
        )
    )
    found, _ = run_checks(ctx, mismatch.CHECKS)
    return found


@pytest.fixture
def eg4(tmp_path: Path) -> Check:
    def run(files: Mapping[str, str], **kwargs: object) -> list[Finding]:
        return run_eg4(tmp_path, files, **kwargs)  # type: ignore[arg-type]

    return run
