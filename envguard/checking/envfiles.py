"""The env-files check (the envguard-env-files hook): read each given env file, judge its
values with :mod:`envguard.rules.committed`, apply the policy."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from envguard.checking.policy import Policy, ignore_matches, per_file_ignored
from envguard.config import Config, find_config, load_config
from envguard.core.errors import UsageError
from envguard.core.findings import Finding, sort_findings
from envguard.core.report import Report
from envguard.rules.committed import RULES, FileRole, findings_for
from envguard.sources.dotenv import read_env_file


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
    base = (base or Path.cwd()).resolve()
    configs: dict[Path | None, Config] = {}
    policies: dict[Path | None, Policy] = {}
    findings: list[Finding] = []
    examined: list[str] = []
    notes: list[str] = []
    suppressed = 0
    for path in paths:
        full = path if path.is_absolute() else base / path
        rel = _relative(full, base)
        if not full.is_file():
            raise UsageError(f"no such file: {path}")
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
            if (entry.ignores is not None and ignore_matches(f, entry.ignores)) or per_file_ignored(
                f, root_rel, config.per_file_ignores
            ):
                suppressed += 1
            else:
                kept.append(f)
        if key not in policies:
            # With nothing selected, ignored or re-graded, RULES decide and the registry
            # (which imports every rule family: a third of this hook's time) stays unloaded.
            policies[key] = Policy(config, select=select, ignore=ignore, extend_select=extend_select, rules=RULES)
        findings.extend(policies[key].apply(kept))

    return Report(
        command="env-files",
        root=str(base),
        findings=sort_findings(findings),
        examined=examined,
        notes=notes,
        suppressed=suppressed,
    )


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()
