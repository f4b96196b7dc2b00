"""Shared test helpers (importable from any test module: ``tests`` is on ``pythonpath``)."""

from __future__ import annotations

import io
import json
import os
import random
import textwrap
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

from envguard.cli.main import main
from envguard.knowledge import providers


def write_project(root: Path, files: Mapping[str, str]) -> Path:
    """Create files (dedented) under ``root``; returns ``root``."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def run(*argv: str) -> tuple[int, str, str]:
    """``envguard <argv>`` in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@contextmanager
def chdir(path: Path) -> Iterator[None]:
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def check_json(root: Path, *args: str) -> tuple[int, list[dict[str, Any]], dict[str, Any]]:
    """``envguard check --format json ...`` run from ``root``: (exit code, findings, payload)."""
    with chdir(root):
        code, out, err = run("check", "--format", "json", *args)
    assert code in (0, 1), f"exit {code}: {err}"
    payload = json.loads(out)
    return code, payload["findings"], payload


def codes(findings: Iterable[Mapping[str, Any]]) -> list[str]:
    return sorted(f["code"] for f in findings)


def fake(fmt: str, mode: str = "live", seed: int = 0) -> str:
    """A fake credential in the provider's documented shape, generated at test time."""
    return providers.get(fmt).generate(random.Random(f"{fmt}:{mode}:{seed}"), mode)


def assert_no_secret(text: str, *secrets: str) -> None:
    for secret in secrets:
        # Compare a digest in the failure message: never print the secret itself.
        assert secret not in text, f"a secret value ({len(secret)} chars) leaked into output"
