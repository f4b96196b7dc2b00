"""Python entry points mirroring the CLI: ``envguard.check(...)`` and ``envguard.scan(...)``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

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


def scan(paths: Sequence[str | Path] = (), **options: Any) -> Report:
    """Look for leaked credentials in files like ``envguard scan``.

    ``options`` are those of :func:`envguard.scan.api.scan_paths` (``root``, ``staged``,
    ``baseline``, ``exclude``, ``all_files``, ``known_values``, ...; see docs/scan.md).
    """
    from envguard.scan.api import scan_paths

    return scan_paths(list(paths), **options)
