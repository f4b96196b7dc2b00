"""``envguard.check(...)``: the Python entry point mirroring ``envguard check``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from envguard.core.report import Report


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

    Raises :class:`~envguard.core.errors.ConfigError` or :class:`~envguard.core.errors.UsageError`
    for bad input; findings are returned, not raised.
    """
    from envguard.checking.run import check as run
    from envguard.project.context import Options

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
