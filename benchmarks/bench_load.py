"""What ``import envguard; envguard.load()`` costs at startup, against a bare
``import pydantic_settings``.

The budget (issue 5): at most 1.3x. Both are measured in the same run, each in fresh
interpreters (a process starts once, so the first-import cost is the one that
matters), alternating so that machine noise hits both alike; medians are reported.

Scenarios, each with the same 50 production variables (fake credentials generated here,
in their providers' shapes, so every check passes):

* ``environ``: a container: the variables are in the process environment, no file.
* ``dotenv``: a ``.env.production`` file in the project, nothing in the environment.

Bytecode is cached in a temporary ``PYTHONPYCACHEPREFIX`` (installed packages ship
compiled; the repository's PYTHONDONTWRITEBYTECODE would otherwise make envguard
recompile on every run).

    python benchmarks/bench_load.py                 # 30 rounds
    python benchmarks/bench_load.py -n 60 --check   # exit 1 over budget
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET = 1.3
REPO = Path(__file__).resolve().parent.parent


def production_env(seed: int = 20240601) -> dict[str, str]:
    """Fifty variables of a typical production SaaS backend, all valid."""
    sys.path.insert(0, str(REPO))
    from envguard.knowledge import providers

    rng = random.Random(seed)

    def gen(fmt: str) -> str:
        return providers.get(fmt).generate(rng, "live")

    def secret(nbytes: int = 32) -> str:
        return base64.b64encode(rng.randbytes(nbytes)).decode()

    def password() -> str:
        return base64.urlsafe_b64encode(rng.randbytes(18)).decode().rstrip("=")

    env = {
        "APP_ENV": "production",
        "APP_NAME": "acme",
        "APP_URL": "https://app.acme-corp.com",
        "API_URL": "https://api.acme-corp.com",
        "LOG_LEVEL": "info",
        "PORT": "8000",
        "DEBUG": "false",
        "DATABASE_URL": f"postgresql://app:{password()}@db.acme-corp.com:5432/app?sslmode=require",
        "DATABASE_POOL_SIZE": "20",
        "REDIS_URL": f"rediss://default:{password()}@cache.acme-corp.com:6380",
        "SENTRY_DSN": gen("sentry-dsn"),
        "SENTRY_ENVIRONMENT": "production",
        "SENTRY_TRACES_SAMPLE_RATE": "0.1",
        "STRIPE_SECRET_KEY": gen("stripe-secret-key"),
        "STRIPE_PUBLISHABLE_KEY": gen("stripe-publishable-key"),
        "STRIPE_WEBHOOK_SECRET": gen("stripe-webhook-secret"),
        "STRIPE_PRICE_ID_PRO": "price_"
        + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789") for _ in range(24)),
        "AWS_ACCESS_KEY_ID": gen("aws-access-key-id"),
        "AWS_SECRET_ACCESS_KEY": gen("aws-secret-access-key"),
        "AWS_REGION": "eu-west-1",
        "AWS_S3_BUCKET": "acme-uploads-prod",
        "RESEND_API_KEY": gen("resend-api-key"),
        "EMAIL_FROM": "noreply@acme-corp.com",
        "SUPPORT_EMAIL": "support@acme-corp.com",
        "OPENAI_API_KEY": gen("openai-api-key"),
        "OPENAI_MODEL": "gpt-4o-mini",
        "ANTHROPIC_API_KEY": gen("anthropic-api-key"),
        "JWT_SECRET": secret(48),
        "JWT_ACCESS_TTL": "15m",
        "JWT_REFRESH_TTL": "30d",
        "JWT_ALGORITHM": "HS256",
        "JWT_ISSUER": "https://acme-corp.com",
        "SESSION_SECRET": secret(),
        "CSRF_SECRET": secret(),
        "ENCRYPTION_KEY": secret(),
        "HASH_SALT_ROUNDS": "12",
        "POSTHOG_KEY": gen("posthog-project-key"),
        "POSTHOG_HOST": "https://eu.posthog.com",
        "SMTP_HOST": "smtp.acme-corp.com",
        "SMTP_PORT": "465",
        "SMTP_USER": "apikey",
        "SMTP_PASSWORD": secret(24),
        "SMTP_SECURE": "true",
        "GITHUB_CLIENT_ID": gen("github-client-id"),
        "GITHUB_CLIENT_SECRET": gen("github-client-secret"),
        "FEATURE_NEW_BILLING": "true",
        "ALLOWED_HOSTS": "acme-corp.com,www.acme-corp.com",
        "CORS_ORIGINS": "https://app.acme-corp.com,https://acme-corp.com",
        "WORKER_CONCURRENCY": "8",
        "CACHE_TTL_SECONDS": "300",
    }
    assert len(env) == 50, len(env)
    return env


def _dotenv(env: dict[str, str]) -> str:
    return "".join(f'{k}="{v}"\n' if any(c in v for c in " #'\"$") else f"{k}={v}\n" for k, v in env.items())


LOAD = (
    "import envguard\n"
    "s = envguard.load(root={root!r}, environment='production', from_environ={from_environ})\n"
    "assert s.PORT == 8000\n"
)


# Where the time goes, phase by phase, in one fresh process (the phases load() runs).
PHASES = """
import json, time
T = time.perf_counter
marks = [("start", T())]
import pydantic_settings
marks.append(("import pydantic_settings", T()))
import envguard, envguard.runtime.settings as rt
marks.append(("import envguard.runtime.settings", T()))
from pathlib import Path
from envguard.project.context import Options
from envguard.checking.build import build_context
from envguard.checking.run import run_checks
ctx = build_context(Options(root=Path({root!r}), environment="production", from_environ={from_environ}))
marks.append(("resolve files and schema", T()))
checks = rt.runtime_checks()
marks.append(("import rule families", T()))
times = {{}}
for check in checks:
    t = T()
    list(check(ctx))
    times[check.__module__.rsplit(".", 1)[-1] + "." + check.__name__] = T() - t
marks.append(("run checks", T()))
plans = rt.plan(ctx)
data, _ = rt._schema_data(ctx, plans, set())
rt._register_secrets(ctx, plans, [])
fields = [p for p in plans if p.explicit or not p.declared or p.env in data]
model = rt._model_for(fields, frozenset())
marks.append(("plan, convert, build the model", T()))
rt._construct(model, data, {{}}, ctx)
marks.append(("validate", T()))
print(json.dumps({{"phases": [(b[0], b[1] - a[1]) for a, b in zip(marks, marks[1:])], "checks": times}}))
"""


def _phases(python: str, env: dict[str, str], cwd: Path, root: Path, from_environ: bool, rounds: int) -> None:
    import json

    runs = []
    for _ in range(rounds):
        code = PHASES.format(root=str(root), from_environ=from_environ)
        proc = subprocess.run([python, "-c", code], env=env, cwd=cwd, capture_output=True, text=True, check=True)
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    print("where envguard.load() spends its time (environ scenario, medians, ms):")
    for i, (name, _) in enumerate(runs[0]["phases"]):
        print(f"  {name:<34} {statistics.median(r['phases'][i][1] for r in runs) * 1000:7.1f}")
    slow = sorted(
        ((statistics.median(r["checks"][name] for r in runs) * 1000, name) for name in runs[0]["checks"]),
        reverse=True,
    )
    print("  slowest checks: " + ", ".join(f"{name} {ms:.1f}" for ms, name in slow[:6]))


def _timed(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"benchmark command failed: {argv[-1][:80]!r}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--rounds", type=int, default=30, help="fresh processes per measurement (default 30)")
    parser.add_argument("--check", action="store_true", help=f"exit 1 if a ratio exceeds {BUDGET}")
    parser.add_argument("--python", default=sys.executable, help="interpreter to measure")
    parser.add_argument(
        "--phases", type=int, default=10, metavar="N", help="fresh processes for the per-phase breakdown (0: none)"
    )
    args = parser.parse_args(argv)

    variables = production_env()
    with tempfile.TemporaryDirectory(prefix="envguard-bench-") as tmp:
        work = Path(tmp)
        container = work / "container"
        container.mkdir()
        project = work / "project"
        project.mkdir()
        (project / ".env.production").write_text(_dotenv(variables), encoding="utf-8")

        base = {
            k: v
            for k, v in os.environ.items()
            if k in ("PATH", "HOME", "LANG", "LC_ALL", "SYSTEMROOT", "TMPDIR", "VIRTUAL_ENV")
        }
        base["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        base["PYTHONPATH"] = str(REPO)
        with_vars = {**base, **variables}

        cases = {
            "python -c pass": ([args.python, "-c", "pass"], base, work),
            "import pydantic_settings": ([args.python, "-c", "import pydantic_settings"], base, work),
            "envguard.load(), environ": (
                [args.python, "-c", LOAD.format(root=str(container), from_environ=True)],
                with_vars,
                container,
            ),
            "envguard.load(), .env file": (
                [args.python, "-c", LOAD.format(root=str(project), from_environ=False)],
                base,
                project,
            ),
        }
        for command, env, cwd in cases.values():  # warm the bytecode cache and the OS
            for _ in range(3):
                _timed(command, env, cwd)
        samples: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.rounds):
            for name, (command, env, cwd) in cases.items():
                samples[name].append(_timed(command, env, cwd))

        if args.phases:
            _phases(args.python, with_vars, container, container, True, args.phases)

    medians = {name: statistics.median(values) * 1000 for name, values in samples.items()}
    baseline = medians["import pydantic_settings"]
    print(f"{len(variables)} production variables, {args.rounds} fresh processes each, medians:")
    for name, ms in medians.items():
        spread = statistics.quantiles([v * 1000 for v in samples[name]], n=4)
        ratio = f"{ms / baseline:5.2f}x" if name.startswith("envguard") else ""
        print(f"  {name:<28} {ms:7.1f} ms  (IQR {spread[0]:.1f}-{spread[2]:.1f})  {ratio}")
    worst = max(ms / baseline for name, ms in medians.items() if name.startswith("envguard"))
    print(f"worst ratio to `import pydantic_settings`: {worst:.2f}x (budget {BUDGET}x)")
    if args.check and worst > BUDGET:
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
