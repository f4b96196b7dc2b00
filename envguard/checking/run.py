"""The check run: every rule family's checks over one context, then the policy."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from envguard.checking.build import build_context
from envguard.checking.policy import apply_policy
from envguard.core.findings import Finding, sort_findings
from envguard.core.report import Report
from envguard.project.context import ENVIRON, Check, CheckContext, Options


def all_checks() -> tuple[Check, ...]:
    from envguard.rules import families

    return tuple(check for module in families() for check in getattr(module, "CHECKS", ()))


def run_checks(ctx: CheckContext, checks: Sequence[Check] | None = None) -> tuple[list[Finding], int]:
    """(findings after selection and suppression, how many were suppressed)."""
    todo = checks if checks is not None else all_checks()
    findings: list[Finding] = []
    try:
        # A family's PREFETCH starts slow outside work (a git process) for the checks that
        # will run, before any of them runs: it then overlaps the pure-Python rules.
        for check in todo:
            start = getattr(sys.modules.get(check.__module__), "PREFETCH", {}).get(check)
            if start is not None:
                start(ctx)
        for check in todo:
            findings.extend(check(ctx))
    finally:
        ctx.close()
    return apply_policy(ctx, findings)


def check(options: Options, display_base: Path | None = None) -> Report:
    """Run ``envguard check`` for one project root and return its report."""
    ctx = build_context(options)
    findings, suppressed = run_checks(ctx)
    examined = [f.display for f in ctx.files]
    if ctx.example is not None:
        examined.append(ctx.example.display)
    if ctx.from_environ:
        examined.append(ENVIRON)
    env = ctx.environment
    report = Report(
        command="check",
        root=str(ctx.root),
        findings=findings,
        examined=examined,
        environment=env.name,
        environment_source=None if env.source == "default" else env.source,
        notes=list(ctx.notes),
        suppressed=suppressed,
        fail_on=ctx.config.effective_fail_on(),
    )
    if display_base is not None:
        _rebase(report, ctx.root, display_base)
    return report


def _rebase(report: Report, root: Path, base: Path) -> None:
    """Make paths relative to ``base`` (the cwd) when checking several projects."""
    try:
        prefix = root.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        prefix = root.resolve().as_posix()
    report.root = str(base)
    if prefix in ("", "."):
        return

    def move(path: str | None) -> str | None:
        if path is None or path == ENVIRON or path.startswith("/"):
            return path
        return f"{prefix}/{path}"

    report.findings = [
        f.replace(path=move(f.path), related=tuple(loc.replace(path=move(loc.path) or loc.path) for loc in f.related))
        for f in report.findings
    ]
    report.examined = [move(p) or p for p in report.examined]


def merge_reports(reports: Sequence[Report]) -> Report:
    if len(reports) == 1:
        return reports[0]
    envs = list(dict.fromkeys(r.environment for r in reports if r.environment))
    sources = {r.environment_source for r in reports}
    fail_ons = [r.fail_on for r in reports if r.fail_on is not None]
    return Report(
        command=reports[0].command,
        root=os.getcwd(),
        findings=sort_findings([f for r in reports for f in r.findings]),
        examined=[p for r in reports for p in r.examined],
        environment=", ".join(envs) or None,
        notes=[n for r in reports for n in r.notes],
        suppressed=sum(r.suppressed for r in reports),
        fail_on=min(fail_ons) if fail_ons else None,
        environment_source=sources.pop() if len(sources) == 1 else None,
    )
