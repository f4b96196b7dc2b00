"""Helpers for the runtime tests: projects with generated credentials."""

from __future__ import annotations

import secrets
import string
from pathlib import Path

from egtest import write_project


def token(n: int = 40) -> str:
    """A strong random secret, made at test time (never a literal in the repository)."""
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(n))


def project(root: Path, env: str = "", config: str | None = None, **files: str) -> Path:
    written = {".env": env, **files}
    if config is not None:
        written["envguard.yaml"] = config
    return write_project(root, written)
