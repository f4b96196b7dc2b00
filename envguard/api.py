"""Python entry points mirroring the CLI: ``envguard.check(...)`` and ``envguard.scan(...)``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from envguard.report import Report


def check(
    root: str | Path = ".",
    *,
    env_files: Sequence[str | Path] = (),
    environment: str | None = None,
    from_environ: bool = False,
    config: str | Path | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> Report:
    """Validate a project's env files (or the process environment) like ``envguard check``.

    Raises :class:`~envguard.errors.ConfigError` or :class:`~envguard.errors.UsageError`
    for bad input; findings are returned, not raised.
    """
    from envguard.engine import Options
    from envguard.engine import check as run

    options = Options(
        root=Path(root),
        env_files=[Path(p) for p in env_files],
        environment=environment,
        from_environ=from_environ,
        config_path=Path(config) if config is not None else None,
        select=select,
        ignore=ignore,
    )
    return run(options)


def scan(
    paths: Sequence[str | Path] = (".",),
    *,
    root: str | Path | None = None,
    staged: bool = False,
    baseline: str | Path | None = None,
) -> Report:
    """Look for leaked credentials in files like ``envguard scan``."""
    from envguard.scan.api import scan_paths

    return scan_paths(
        [Path(p) for p in paths],
        root=Path(root) if root is not None else None,
        staged=staged,
        baseline=Path(baseline) if baseline is not None else None,
    )
