"""The env-files check (the envguard-env-files hook): read each given env file, judge its
values with :mod:`envguard.rules.committed`, apply the policy."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from envguard.config import Config
from envguard.core.findings import Finding, Severity
from envguard.core.report import Report
from envguard.rules.committed import FileRole, _ignored, findings_for


def check_paths(
    paths: Sequence[Path],
    *,
    base: Path | None = None,
    config_path: Path | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
) -> Report:
    """Check env files (given as paths) and return a Report with paths relative to ``base``.

    ``select``/``ignore``/``extend_select`` come from the command line and combine with
    each file's project config as in ``envguard check``.
    """
    from envguard.checking.policy import Selection, apply_selection
    from envguard.config import find_config, load_config
    from envguard.core.report import Report
    from envguard.sources.dotenv import read_env_file

    base = (base or Path.cwd()).resolve()
    configs: dict[Path | None, Config] = {}
    findings: list[Finding] = []
    examined: list[str] = []
    notes: list[str] = []
    suppressed = 0
    for path in paths:
        full = path if path.is_absolute() else base / path
        rel = _relative(full, base)
        if not full.is_file():
            raise _usage(f"no such file: {path}")
        env = read_env_file(full, rel)
        examined.append(rel)
        if env.skipped:
            notes.append(f"{rel} {env.skipped}; not checked")
            continue
        if config_path is not None:
            key: Path | None = config_path
        else:
            key = find_config(full.parent)[1]
        if key not in configs:
            configs[key] = load_config(full.parent, config_path)
        config = configs[key]
        # Patterns are relative to the project root or to the config's own directory.
        root_rel = (_relative(full, config.root), _relative(full, config.base))
        kept = []
        for f, entry in findings_for(env, FileRole.of(full.name)):
            if _ignored(f, entry, config.per_file_ignores, root_rel):
                suppressed += 1
            else:
                kept.append(f)
        chosen = [*select, *ignore, *extend_select, *config.select, *config.ignore, *config.extend_select]
        if chosen:
            selection = Selection(
                select=list(select) or config.select,
                ignore=[*config.ignore, *ignore],
                extend_select=[*config.extend_select, *extend_select],
            )
            findings.extend(apply_selection(kept, selection, config.severity))
        else:
            # Nothing selected or ignored: skip the registry, which imports every rule
            # family (a third of this command's time in a pre-commit hook).
            findings.extend(_with_severity(f, config.severity) for f in kept)
    from envguard.core.findings import sort_findings

    return Report(
        command="env-files",
        root=str(base),
        findings=sort_findings(findings),
        examined=examined,
        notes=notes,
        suppressed=suppressed,
    )


def _with_severity(f: Finding, table: dict[str, Severity]) -> Finding:
    """The configured severity override with the longest matching code prefix."""
    best = max((prefix for prefix in table if f.code.startswith(prefix)), key=len, default=None)
    if best is None or table[best] == f.severity:
        return f

    return f.replace(severity=table[best])


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _usage(message: str) -> Exception:
    from envguard.core.errors import UsageError

    return UsageError(message)
