"""The hook commands never import pydantic, cryptography or detect-secrets for ordinary
files, and the scan, check and env-files hooks not even ``dataclasses`` (with the
``inspect`` it imports, ~20 ms of start-up): a fresh
interpreter runs each command and lists what it imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from egtest import write_project

HEAVY = ("pydantic", "pydantic_settings", "pydantic_core", "cryptography", "detect_secrets")
SLOW_STDLIB = ("dataclasses", "inspect")

SCRIPT = """
import contextlib, io, json, sys
from envguard.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(json.loads(sys.argv[1]))
print(json.dumps([code, sorted({m.split(".")[0] for m in sys.modules})]))
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["check", ".env", ".env.example"],
        ["env-files", ".env", ".env.example"],
        ["scan", "src/app.py", "src/util.py", "README.md"],
        ["check", "--format", "sarif"],
        ["check", "--format", "github"],
        ["check", "--format", "junit"],
    ],
)
def test_hook_paths_stay_light(tmp_path: Path, argv: list[str]) -> None:
    root = write_project(
        tmp_path,
        {
            "envguard.yaml": "variables:\n  PORT: {type: port}\n",
            ".env": "PORT=8080\nDATABASE_URL=postgres://localhost/app\nSESSION_SECRET=changeme\n",
            ".env.example": "PORT=\nDATABASE_URL=\nSESSION_SECRET=\n",
            "src/app.py": "import os\nPORT = int(os.environ['PORT'])\n",
            "src/util.py": "def add(a, b):\n    return a + b\n",
            "README.md": "# app\n",
        },
    )
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(argv)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    code, modules = json.loads(done.stdout.splitlines()[-1])
    assert code in (0, 1), done.stderr
    assert sorted(set(modules) & set(HEAVY)) == []
    # What pre-commit runs on every commit (default format) must not import SLOW_STDLIB
    # either. The CI formats may: SARIF's rule metadata reads docstrings with inspect.
    if "--format" not in argv:
        assert sorted(set(modules) & set(SLOW_STDLIB)) == []
