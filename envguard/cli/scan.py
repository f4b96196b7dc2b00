"""``envguard scan``: the scan-specific options and a thin ``run`` over
:func:`envguard.scanner.api.scan_paths`.

The CLI adds the options every command shares (``--format``, ``--select``/``--ignore``,
``--fail-on``, ``--exit-zero``, ``--config``, ``--output``...), applies rule selection
and severity overrides to the returned report, and sets the exit code.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from envguard.core.report import Report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files and directories to scan (default: the whole project); in a git work tree "
        "only tracked and not-ignored files under them",
    )
    g = parser.add_argument_group("what to scan")
    g.add_argument(
        "--staged",
        action="store_true",
        help="scan what the next commit would add: the staged content of added, copied, modified "
        "and renamed files, read from the git index (not the work tree)",
    )
    g.add_argument(
        "--all-files",
        action="store_true",
        help="ignore git: scan every file under PATH, also untracked and ignored ones "
        "(dependency, virtualenv and cache directories are still skipped)",
    )
    g.add_argument(
        "--exclude",
        metavar="GLOB",
        action="append",
        default=[],
        help="skip files matching GLOB (gitignore-like: '*.min.js', 'docs/', 'tests/fixtures/**'); repeatable",
    )
    g.add_argument(
        "--include",
        metavar="GLOB",
        action="append",
        default=[],
        help="scan only files matching GLOB; repeatable",
    )
    g.add_argument(
        "--max-file-size",
        metavar="SIZE",
        help="skip files larger than SIZE (bytes or 512K, 4M, 1G; default 4M; config scan.max_file_size)",
    )
    g.add_argument("--root", metavar="DIR", type=Path, help="project root that paths in findings are relative to")
    b = parser.add_argument_group("baseline (detect-secrets .secrets.baseline format)")
    b.add_argument(
        "--baseline",
        metavar="FILE",
        type=Path,
        help="findings recorded in FILE are not reported (default: config scan.baseline, "
        "then .secrets.baseline in the root if it exists)",
    )
    b.add_argument(
        "--update-baseline",
        action="store_true",
        help="write every current finding into the baseline (created if missing), keep audit "
        "marks of existing entries, and report nothing",
    )
    b.add_argument("--no-baseline", action="store_true", help="ignore any baseline file")
    d = parser.add_argument_group("detection")
    d.add_argument(
        "--no-known-values",
        dest="known_values",
        action="store_false",
        default=None,
        help="do not look for the values of secrets from the project's .env files",
    )
    d.add_argument(
        "--entropy",
        dest="entropy",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="report random-looking string literals with no secret-named variable (EG326; default on; config scan.entropy)",
    )
    d.add_argument(
        "--jobs",
        "-j",
        metavar="N",
        type=int,
        help="worker processes for large trees (default: one per CPU; 1 disables; config scan.jobs)",
    )


def run(args: argparse.Namespace) -> Report:
    from envguard.scanner.api import parse_size, scan_paths

    size = getattr(args, "max_file_size", None)
    return scan_paths(
        list(getattr(args, "paths", None) or []),
        root=getattr(args, "root", None),
        staged=bool(getattr(args, "staged", False)),
        baseline=getattr(args, "baseline", None),
        update_baseline=bool(getattr(args, "update_baseline", False)),
        use_baseline=not getattr(args, "no_baseline", False),
        jobs=getattr(args, "jobs", None),
        exclude=list(getattr(args, "exclude", None) or []),
        include=list(getattr(args, "include", None) or []),
        max_file_size=parse_size(size) if size else None,
        all_files=bool(getattr(args, "all_files", False)),
        known_values=getattr(args, "known_values", None),
        entropy=getattr(args, "entropy", None),
        config_path=getattr(args, "config", None),
        select=_split(getattr(args, "select", None) or []),
        ignore=_split(getattr(args, "ignore", None) or []),
        extend_select=_split(getattr(args, "extend_select", None) or []),
    )


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
