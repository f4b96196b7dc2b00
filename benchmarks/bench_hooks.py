"""Hook latency: what a developer waits for on `git commit`.

Measures, in fresh subprocesses (as pre-commit runs them), the wall time of

* ``python -c "import dotenv"``: the floor, a Python start plus python-dotenv;
* ``envguard check`` on a typical project (a Next.js-style .env, .env.example and envguard.yaml);
* ``envguard scan`` of 3 source files (a commit of a few files);
* ``envguard env-files`` of 2 env files;

and prints medians and the ratio of each to the floor (the goal: at most 2x). The commands
run round-robin, so that load from elsewhere on the machine hits the floor and envguard
alike.

    python benchmarks/bench_hooks.py [--runs 21] [--importtime]

``--importtime`` also prints, per command, the imports beyond those of ``import dotenv``
grouped by package (``python -X importtime``): where the time above the floor goes.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ENV = """\
NODE_ENV=development
NEXT_PUBLIC_APP_URL=http://localhost:3000
DATABASE_URL=postgresql://postgres:postgres@localhost:5432/app
DIRECT_URL=postgresql://postgres:postgres@localhost:5432/app
NEXTAUTH_URL=http://localhost:3000
NEXTAUTH_SECRET={secret}
GOOGLE_CLIENT_ID=1234567890-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com
GOOGLE_CLIENT_SECRET=
STRIPE_SECRET_KEY=
STRIPE_WEBHOOK_SECRET=
NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=
RESEND_API_KEY=
EMAIL_FROM=hello@example.com
REDIS_URL=redis://localhost:6379
NEXT_PUBLIC_POSTHOG_HOST=https://eu.i.posthog.com
SENTRY_DSN=
LOG_LEVEL=info
PORT=3000
"""

CONFIG = """\
variables:
  PORT: {type: port}
  LOG_LEVEL: {choices: [debug, info, warning, error]}
  EMAIL_FROM: {type: email}
"""

SOURCE = """\
import os
from dataclasses import dataclass


@dataclass
class Settings:
    database_url: str
    redis_url: str
    log_level: str = "info"


def load() -> Settings:
    return Settings(
        database_url=os.environ["DATABASE_URL"],
        redis_url=os.environ.get("REDIS_URL", "redis://localhost:6379"),
        log_level=os.environ.get("LOG_LEVEL", "info"),
    )

"""


def make_project(root: Path) -> list[Path]:
    rng = random.Random(0)
    secret = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(44))
    (root / ".git").mkdir()
    (root / ".env").write_text(ENV.format(secret=secret))
    (root / ".env.example").write_text(re.sub(r"=.*", "=", ENV.format(secret="")))
    (root / "envguard.yaml").write_text(CONFIG)
    src = root / "src"
    src.mkdir()
    files = []
    for i in range(3):
        path = src / f"module_{i}.py"
        # ~200 lines each: an ordinary module in an ordinary commit.
        path.write_text(SOURCE * 10 + textwrap.dedent(f"VERSION_{i} = '{i}.0'\n"))
        files.append(path.relative_to(root))
    return files


def envguard_command() -> list[str]:
    script = Path(sys.executable).with_name("envguard")
    return [str(script)] if script.exists() else [sys.executable, "-m", "envguard"]


def _env() -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    # An installed hook runs from byte-compiled modules (pip compiles them, and pre-commit's
    # environment keeps them): let the warm-up runs write __pycache__ as they would.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _run_once(cmd: list[str], cwd: Path, env: dict[str, str], ok: tuple[int, ...] = (0, 1)) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stderr.decode(errors='replace')}")
    return elapsed


def time_interleaved(cmds: dict[str, list[str]], cwd: Path, runs: int) -> dict[str, list[float]]:
    """Round-robin over the commands, so that load from elsewhere on the machine hits the
    anchor and envguard alike (sequential blocks of runs let it land on one of them)."""
    env = _env()
    for cmd in cmds.values():
        for _ in range(2):
            _run_once(cmd, cwd, env)
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            times[name].append(_run_once(cmd, cwd, env))
    return times


def _importtime(code: str, cwd: Path) -> dict[str, int]:
    """Self time (microseconds) of every module ``code`` imports, by ``-X importtime``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    times: dict[str, int] = {}
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
        if m:
            times[m.group(2)] = int(m.group(1))
    return times


def imports_beyond_floor(argv: list[str], cwd: Path) -> tuple[float, list[tuple[str, float]]]:
    """(ms, [(package, ms)...]): what the command imports that `import dotenv` does not.

    -X importtime inflates times (roughly 1.5x); compare the groups with each other.
    """
    floor = _importtime("import dotenv", cwd)
    cmd = _importtime(f"import sys; from envguard.cli.main import main; sys.exit(main({argv!r}))", cwd)
    groups: dict[str, int] = {}
    for module, us in cmd.items():
        if module in floor:
            continue
        parts = module.split(".")
        key = ".".join(parts[:2]) if parts[0] == "envguard" else parts[0]
        groups[key] = groups.get(key, 0) + us
    total = sum(groups.values()) / 1000
    return total, sorted(((k, v / 1000) for k, v in groups.items()), key=lambda kv: -kv[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="timed runs per command (after 2 warm-ups)")
    parser.add_argument("--importtime", action="store_true", help="print the slowest imports of each command")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="envguard-bench-hooks-"))
    try:
        files = make_project(tmp)
        eg = envguard_command()
        commands = {
            'python -c "import dotenv"': ([sys.executable, "-c", "import dotenv"], None),
            "envguard check": ([*eg, "check"], ["check"]),
            "envguard scan (3 files)": ([*eg, "scan", *map(str, files)], ["scan", *map(str, files)]),
            "envguard env-files (2 files)": (
                [*eg, "env-files", ".env", ".env.example"],
                ["env-files", ".env", ".env.example"],
            ),
        }
        medians: dict[str, float] = {}
        print(
            f"{args.runs} runs each, fresh processes, medians (python {sys.version.split()[0]}, {os.cpu_count()} CPUs)"
        )
        all_times = time_interleaved({name: cmd for name, (cmd, _) in commands.items()}, tmp, args.runs)
        for name, times in all_times.items():
            medians[name] = statistics.median(times)
            spread = statistics.quantiles(times, n=4) if len(times) >= 4 else [min(times), max(times)]
            print(
                f"  {name:<32} {medians[name] * 1000:7.1f} ms   (IQR {spread[0] * 1000:.1f}-{spread[-1] * 1000:.1f} ms)"
            )
        floor = medians['python -c "import dotenv"']
        print("ratios to the floor (goal: at most 2.0x):")
        worst = 0.0
        for name, median in medians.items():
            if name.startswith("python"):
                continue
            ratio = median / floor
            worst = max(worst, ratio)
            print(f"  {name:<32} {ratio:5.2f}x")
        if args.importtime:
            print("imports beyond the floor's (-X importtime, inflated; by package, ms):")
            for name, (_, argv_) in commands.items():
                if argv_ is None:
                    continue
                total, groups = imports_beyond_floor(argv_, tmp)
                top = ", ".join(f"{pkg} {ms:.1f}" for pkg, ms in groups[:10])
                print(f"  {name:<32} {total:6.1f} ms: {top}")
        return 0 if worst <= 2.0 else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
