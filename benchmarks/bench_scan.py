"""``envguard scan`` against ``detect-secrets scan --all-files`` on the same tree, in one run.

The tree exists offline on a fresh machine: a copy of pure-Python packages from this
interpreter's site-packages (real source code, docs, data files and a few binaries),
plus the two labelled corpora of ``tests/scan/corpus.py`` planted under ``planted/``
(fake credentials generated here, in their providers' shapes, beside decoys). Both
tools scan the whole tree; recall is measured on the planted secrets, false alarms are
findings anywhere else.

Both run as command-line programs in fresh processes (startup included), with all CPUs
(detect-secrets uses a process pool, envguard its workers). detect-secrets runs with
``--no-verify`` so that it stays offline and does not send the planted keys to the
providers' APIs (verification only makes it slower). Bytecode is cached in a temporary
``PYTHONPYCACHEPREFIX`` for both.

    python benchmarks/bench_scan.py                  # default tree (~21 MB of text)
    python benchmarks/bench_scan.py --quick          # a smaller tree
    python benchmarks/bench_scan.py --check          # exit 1 under 20x or below detect-secrets' recall
    python benchmarks/bench_scan.py --tree DIR       # keep the tree in DIR (reused if present)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_RATIO = 20.0
PACKAGES = (
    "pygments", "hypothesis", "jsonschema", "requests", "pre_commit", "yaml", "_pytest", "pydantic",
    "pip", "setuptools", "urllib3", "idna", "virtualenv", "distlib", "pkg_resources",
)  # fmt: skip
QUICK = ("pygments", "requests", "pre_commit", "yaml", "jsonschema")


def build_tree(root: Path, packages: tuple[str, ...]) -> tuple[dict[str, set[int]], int]:
    """Copy the packages and plant the corpora; returns (planted lines, bytes of text)."""
    sys.path.insert(0, str(REPO / "tests"))
    from scan.corpus import build, build_ops

    site = Path(sysconfig.get_paths()["purelib"])
    for name in packages:
        src = site / name
        if src.is_dir() and not (root / "site" / name).exists():
            shutil.copytree(src, root / "site" / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    planted: dict[str, set[int]] = {}
    for sub, make, seed in (("planted/app", build, 0), ("planted/ops", build_ops, 0)):
        target = root / sub
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        corpus = make(target, seed)
        for path, lines in corpus.positives.items():
            planted[f"{sub}/{path}"] = lines
    size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and p.suffix not in (".so", ".gz", ".png"))
    return planted, size


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=3600)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{cmd[2]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, done.stdout


def score(found: list[tuple[str, int]], planted: dict[str, set[int]]) -> tuple[int, int, int]:
    """(hits, total planted, false alarms)."""
    hits = {(p, n) for p, n in found if n in planted.get(p, set())}
    total = sum(len(v) for v in planted.values())
    return len(hits), total, len({(p, n) for p, n in found} - hits)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, help="build (or reuse) the tree here")
    parser.add_argument("--quick", action="store_true", help="a smaller tree")
    parser.add_argument("--check", action="store_true", help=f"exit 1 under {TARGET_RATIO:.0f}x or with less recall")
    parser.add_argument(
        "--rounds", type=int, default=3, help="envguard runs (the median is used); detect-secrets runs once"
    )
    args = parser.parse_args(argv)

    tmp = tempfile.TemporaryDirectory(prefix="envguard-bench-")
    root = args.tree or Path(tmp.name) / "tree"
    root.mkdir(parents=True, exist_ok=True)
    planted, size = build_tree(root, QUICK if args.quick else PACKAGES)
    files = sum(1 for p in root.rglob("*") if p.is_file())
    env = dict(os.environ)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tmp.name) / "pycache")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"tree: {root} ({files} files, {size / 1e6:.1f} MB), {sum(len(v) for v in planted.values())} planted secrets")

    # Warm-up: compile envguard's bytecode and fill the page cache for both.
    ours_cmd = [
        sys.executable,
        "-m",
        "envguard",
        "scan",
        ".",
        "--all-files",
        "--no-baseline",
        "--format",
        "json",
        "--exit-zero",
    ]
    run(ours_cmd, root, env)

    ds_time, ds_out = run([sys.executable, "-m", "detect_secrets", "scan", "--all-files", "--no-verify"], root, env)
    ds_found = [(p, r["line_number"]) for p, found in json.loads(ds_out)["results"].items() for r in found]

    times = []
    for _ in range(max(1, args.rounds)):
        elapsed, out = run(ours_cmd, root, env)
        times.append(elapsed)
    ours_time = sorted(times)[len(times) // 2]
    payload = json.loads(out)
    ours_found = [(f["path"], f["line"]) for f in payload["findings"] if f["path"] and f["line"]]

    oh, total, ofp = score(ours_found, planted)
    dh, _, dfp = score(ds_found, planted)
    ratio = ds_time / ours_time
    print(f"{'':16} {'time':>9} {'recall':>16} {'false alarms':>13}")
    print(f"{'detect-secrets':16} {ds_time:8.2f}s {dh:>5}/{total} {dh / total:6.1%} {dfp:>13}")
    print(f"{'envguard':16} {ours_time:8.2f}s {oh:>5}/{total} {oh / total:6.1%} {ofp:>13}")
    print(f"envguard is {ratio:.1f}x faster (median of {len(times)} runs: {', '.join(f'{t:.2f}' for t in times)} s)")
    tmp.cleanup()
    if args.check and (ratio < TARGET_RATIO or oh < dh):
        print(f"FAIL: need >= {TARGET_RATIO:.0f}x and at least detect-secrets' recall")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
