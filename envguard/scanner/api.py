"""The scan application: ``scan_paths(...) -> Report``. ``envguard scan`` and
``envguard.scan(...)`` are thin layers over it.

Order of work: choose the root, read the config's ``scan:`` section, load the baseline,
collect the known values of the project's env files, list the files, scan them (in
worker processes for large trees), drop what pragmas and the baseline silence, and
(with ``update_baseline``) write the baseline, then apply the policy (selection and
severity overrides) to what is reported.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from envguard.checking.policy import Policy
from envguard.core.errors import ConfigError, UsageError
from envguard.core.findings import Finding, sort_findings
from envguard.core.report import Report
from envguard.rules import leaks
from envguard.scanner import baseline as bl
from envguard.scanner import engine
from envguard.scanner.model import KnownValue, Settings

DEFAULT_BASELINE = ".secrets.baseline"

_SIZE_UNITS = {
    "": 1,
    "b": 1,
    "k": 1024,
    "kb": 1024,
    "kib": 1024,
    "m": 1024**2,
    "mb": 1024**2,
    "mib": 1024**2,
    "g": 1024**3,
    "gb": 1024**3,
    "gib": 1024**3,
}


def parse_size(text: str) -> int:
    """``4M``, ``512k``, ``1048576`` -> bytes."""
    raw = text.strip().lower()
    number = raw.rstrip("abgikm")
    unit = raw[len(number) :]
    try:
        value = float(number)
    except ValueError:
        raise UsageError(f"bad size {text!r}: use bytes or a K/M/G suffix, like 4M") from None
    if unit not in _SIZE_UNITS or value <= 0:
        raise UsageError(f"bad size {text!r}: use bytes or a K/M/G suffix, like 4M")
    return int(value * _SIZE_UNITS[unit])


def find_root(paths: Sequence[Path], root: Path | None) -> Path:
    """The project root: given, else the git work tree of the first path, else the
    directory of the nearest envguard config, else the first path (or cwd)."""
    if root is not None:
        if not root.is_dir():
            raise UsageError(f"--root is not a directory: {root}")
        return root.resolve()
    start = paths[0] if paths else Path.cwd()
    start = start if start.is_absolute() else Path.cwd() / start
    if not start.exists():
        raise UsageError(f"no such file or directory: {paths[0] if paths else start}")
    base = start if start.is_dir() else start.parent
    # The work tree's top is the nearest directory holding ``.git`` (a directory, or a
    # file in worktrees and submodules): no git process needed to find it.
    for candidate in (base.resolve(), *base.resolve().parents):
        if (candidate / ".git").exists():
            return candidate
    from envguard.config import find_config

    config_path, config_root = find_config(base)
    return (config_root if config_path is not None else base).resolve()


def _strings(value: Any, key: str, config_display: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"scan.{key} must be a list of strings", path=config_display)
    return list(value)


def scan_paths(
    paths: Sequence[str | os.PathLike[str]] = (),
    *,
    root: str | os.PathLike[str] | None = None,
    staged: bool = False,
    baseline: str | os.PathLike[str] | None = None,
    update_baseline: bool = False,
    use_baseline: bool = True,
    jobs: int | None = None,
    exclude: Sequence[str] = (),
    include: Sequence[str] = (),
    max_file_size: int | None = None,
    all_files: bool = False,
    known_values: bool | None = None,
    entropy: bool | None = None,
    config_path: str | os.PathLike[str] | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
) -> Report:
    """Scan files for leaked credentials; see ``docs/scan.md``.

    ``paths`` default to the whole project. In a git work tree only tracked and
    not-ignored files are read (``all_files`` reads everything); ``staged`` reads the
    index. ``baseline`` defaults to ``scan.baseline`` in the config, then to
    ``.secrets.baseline`` in the root when it exists. Raises
    :class:`~envguard.core.errors.UsageError` / :class:`~envguard.core.errors.ConfigError` for bad
    input; findings are returned in the report, never raised. ``select``/``ignore``/
    ``extend_select`` combine with the config's as in ``envguard check``
    (:class:`~envguard.checking.policy.Policy`).
    """
    started = time.perf_counter()
    path_list = [Path(p) for p in paths]
    root_path = find_root(path_list, Path(root) if root is not None else None)
    if not path_list:
        path_list = [root_path]
    if jobs is not None and jobs < 0:
        raise UsageError("--jobs must be 0 (one per CPU) or more")

    from envguard.config import load_config

    config = load_config(root_path, Path(config_path) if config_path is not None else None)
    policy = Policy(config, select=select, ignore=ignore, extend_select=extend_select, rules=leaks.RULES)
    section: dict[str, Any] = dict(config.scan or {})
    config_display = config.display
    excludes = [*_strings(section.get("exclude"), "exclude", config_display), *exclude]
    includes = [*_strings(section.get("include"), "include", config_display), *include]
    max_size = (
        max_file_size if max_file_size is not None else section.get("max_file_size", engine.DEFAULT_MAX_FILE_SIZE)
    )
    if not isinstance(max_size, int) or max_size <= 0:
        raise ConfigError("scan.max_file_size must be a positive number of bytes", path=config_display)
    if jobs is None:
        jobs = section.get("jobs")
    use_entropy = entropy if entropy is not None else bool(section.get("entropy", True))
    use_known = known_values if known_values is not None else bool(section.get("known_values", True))

    notes: list[str] = []
    base, base_path, base_display = _load_baseline(root_path, baseline, section, use_baseline, update_baseline)
    skip_paths = [base_display] if base_path is not None and _inside(base_path, root_path) else []

    known: dict[str, tuple[KnownValue, ...]] = {}
    known_sources: set[str] = set()
    if use_known:
        from envguard.scanner import known as known_mod

        known, known_sources = known_mod.collect(root_path, config)

    from envguard.scanner import walker

    collection = walker.collect(
        root_path,
        path_list,
        staged=staged,
        all_files=all_files,
        include=includes,
        exclude=excludes,
        max_size=max_size,
        skip_paths=skip_paths,
    )
    targets = collection.targets
    if base is not None and base.exclude_files:
        kept = [t for t in targets if not bl.excluded_file(base, t.path)]
        collection.skipped["excluded"] += len(targets) - len(kept)
        targets = kept

    settings = Settings(
        entropy=use_entropy,
        known=tuple(sorted(known.items())),
        known_sources=frozenset(known_sources),
        baseline=tuple(sorted(base.hashes().items())) if base is not None else (),
        update_baseline=update_baseline,
        line_excludes=tuple(base.exclude_lines) if base is not None else (),
        secret_excludes=tuple(base.exclude_secrets) if base is not None else (),
    )
    outcomes, workers = engine.run(targets, settings, jobs=jobs, max_size=max_size)

    findings: list[Finding] = []
    skipped: Counter[str] = Counter(collection.skipped)
    examples = {k: list(v) for k, v in collection.examples.items()}
    examined: list[str] = []
    generated = inline = baselined = entropy_dropped = 0
    truncated: list[str] = []
    for o in outcomes:
        if o.skipped:
            skipped[o.skipped] += 1
            shown = examples.setdefault(o.skipped, [])
            if len(shown) < 3:
                shown.append(o.path)
            continue
        examined.append(o.path)
        generated += o.generated
        inline += o.suppressed_inline
        baselined += o.baselined
        entropy_dropped += o.entropy_dropped
        if o.truncated:
            truncated.append(f"{o.path} (+{o.truncated})")
        findings.extend(item.finding for item in o.items)

    if update_baseline:
        assert base_path is not None
        written = bl.update(
            base_path,
            base_display,
            base,
            (
                bl.NewEntry(o.path, ds_type, digest, item.finding.line or 0)
                for o in outcomes
                for item in o.items
                for ds_type, digest in item.baseline_entries
            ),
            examined,
            root_path,
        )
        recorded = sum(len(o.items) for o in outcomes)
        notes.append(f"wrote {base_display}: {written} entries; {recorded} finding(s) recorded and not reported")
        baselined += recorded
        findings = []

    notes.extend(_notes(skipped, examples, generated, entropy_dropped, base, base_display, baselined, update_baseline))
    if truncated:
        notes.append(
            f"only the first {engine.MAX_FINDINGS_PER_FILE} findings per file are reported; more in "
            + ", ".join(truncated[:5])
            + (", ..." if len(truncated) > 5 else "")
        )
    stats: dict[str, Any] = {
        "skipped": dict(sorted((k, v) for k, v in skipped.items() if k != "excluded")),
        "excluded": skipped.get("excluded", 0),
        "generated": generated,
        "baselined": baselined,
        "inline_suppressed": inline,
        "jobs": workers,
        "git": collection.git,
        "staged": staged,
        "seconds": round(time.perf_counter() - started, 3),
    }
    if base_path is not None:
        stats["baseline"] = base_display
    return Report(
        command="scan",
        root=str(root_path),
        findings=policy.apply(findings),
        examined=examined,
        notes=notes,
        suppressed=inline + baselined,
        stats=stats,
        fail_on=config.effective_fail_on(),
    )


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except ValueError:
        return False
    return True


def _load_baseline(
    root: Path,
    explicit: str | os.PathLike[str] | None,
    section: dict[str, Any],
    use: bool,
    update: bool,
) -> tuple[bl.Baseline | None, Path | None, str]:
    if not use and not update:
        return None, None, ""
    if explicit is not None:
        path = Path(explicit)
        path = path if path.is_absolute() else Path.cwd() / path
    elif section.get("baseline"):
        path = root / str(section["baseline"])
    else:
        path = root / DEFAULT_BASELINE
        if not path.is_file() and not update:
            return None, None, ""
    display = _display(path, root)
    if not path.is_file():
        if update:
            return None, path, display
        raise UsageError(f"baseline file not found: {display} (create it with --update-baseline)")
    if not use:
        return None, path, display
    return bl.load(path, display), path, display


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


_SKIP_WORDS = {
    "binary": "binary file",
    "too-large": "file larger than the size limit",
    "unreadable": "unreadable file",
    "symlink": "symbolic link",
}


def _notes(
    skipped: Counter[str],
    examples: dict[str, list[str]],
    generated: int,
    entropy_dropped: int,
    base: bl.Baseline | None,
    base_display: str,
    baselined: int,
    updating: bool,
) -> list[str]:
    out: list[str] = []
    for reason, label in _SKIP_WORDS.items():
        n = skipped.get(reason, 0)
        if n:
            shown = ", ".join(examples.get(reason, [])[:3])
            more = "" if n <= 3 else ", ..."
            out.append(f"skipped {n} {label}{'' if n == 1 else 's'} ({shown}{more})")
    if generated:
        out.append(
            f"{generated} generated file{'' if generated == 1 else 's'} (lock files, minified bundles, source maps) "
            "scanned for provider keys, private keys and passwords in URLs only"
        )
    if entropy_dropped:
        out.append(f"ignored {entropy_dropped} random-looking strings in files full of them (test vectors or data)")
    if base is not None and not updating:
        out.append(f"baseline {base_display}: {baselined} known finding(s) not reported")
        real = base.audited_real()
        if real:
            out.append(
                f"baseline {base_display} holds {real} entr{'y' if real == 1 else 'ies'} audited as real secrets: rotate them"
            )
    return out


def scan_text(text: str, *, path: str = "snippet.txt", entropy: bool = True) -> list[Finding]:
    """Findings for one text, as if it were the file ``path`` (its name decides the
    syntax rules: ``.py`` code, ``.env``, ``.md`` prose...). No baseline, no known values;
    inline pragmas apply. For editors, hooks and tests."""
    settings = Settings(entropy=entropy)
    target = engine.Target(path, None, text.encode("utf-8", "surrogatepass"), len(text))
    outcomes = engine.scan_chunk([target], settings, max(len(text) * 4, 1))
    return sort_findings([item.finding for o in outcomes for item in o.items])


def scan(paths: Sequence[str | Path] = (), **options: Any) -> Report:
    """Look for leaked credentials in files like ``envguard scan``.

    ``options`` are those of :func:`scan_paths` (``root``, ``staged``,
    ``baseline``, ``exclude``, ``all_files``, ``known_values``, ...; see docs/scan.md).
    """
    return scan_paths(list(paths), **options)
