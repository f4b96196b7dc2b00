"""The check path never imports pydantic; load() imports only what it needs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from runtime.rthelp import project, token

PROBE = """
import json, sys
{body}
heavy = ("pydantic", "pydantic_core", "pydantic_settings", "yaml", "cryptography", "detect_secrets")
print(json.dumps(sorted(m for m in heavy if m in sys.modules)))
"""


def _imported(body: str, cwd: Path) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(body=body)], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    result: list[str] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def test_import_envguard_and_check_do_not_import_pydantic(tmp_path: Path) -> None:
    project(tmp_path, f"PORT=3000\nSTRIPE_SECRET_KEY=\nSESSION_SECRET={token()}\n")
    assert _imported("import envguard", tmp_path) == []
    body = "import envguard\nreport = envguard.check('.')\nassert report.findings is not None"
    assert "pydantic" not in _imported(body, tmp_path)
    body = "from envguard.cli.main import main\ncode = main(['check', '--quiet'])\nassert code in (0, 1), code"
    found = _imported(body, tmp_path)
    assert not {"pydantic", "pydantic_core", "pydantic_settings"} & set(found)
    # The CLI builds the codegen subcommand: building it must not import pydantic either.
    body = "from envguard.cli.main import main\ntry:\n    main(['codegen', '--help'])\nexcept SystemExit:\n    pass"
    assert "pydantic" not in _imported(body, tmp_path)


def test_load_imports_no_yaml_or_cryptography_without_need(tmp_path: Path) -> None:
    project(tmp_path, f"PORT=3000\nSESSION_SECRET={token()}\nDATABASE_URL=postgres://app@localhost:5432/app\n")
    found = _imported("import envguard\nenvguard.load(from_environ=False)", tmp_path)
    assert "pydantic_settings" in found
    assert "yaml" not in found
    assert "cryptography" not in found
    assert "detect_secrets" not in found
