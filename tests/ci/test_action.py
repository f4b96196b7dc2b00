"""action.yml: a composite action whose run step works when executed as GitHub would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from egtest import write_project

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    return data


def test_shape(action: dict[str, Any]) -> None:
    assert action["runs"]["using"] == "composite"
    for name, spec in action["inputs"].items():
        assert spec["description"], name
        assert "default" in spec, name
    assert action["inputs"]["command"]["default"] == "check"
    assert action["inputs"]["format"]["default"] == "annotations"
    assert action["inputs"]["upload-sarif"]["default"] == "false"
    steps = action["runs"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert "inputs.upload-sarif == 'true'" in upload["if"]
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"
            # Inputs reach scripts through env, never spliced into the script text.
            assert "${{" not in step["run"], step.get("name")


def _run_step(action: dict[str, Any], tmp_path: Path, workdir: Path, **inputs: str) -> tuple[int, str, dict[str, str]]:
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "run")
    runner_temp = tmp_path / "runner"
    (runner_temp / "envguard-venv" / "bin").mkdir(parents=True)
    # The install step's venv: point it at this environment's envguard.
    (runner_temp / "envguard-venv" / "bin" / "envguard").symlink_to(Path(sys.executable).with_name("envguard"))
    output = tmp_path / "github_output"
    output.write_text("")
    env = {
        **os.environ,
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workdir),
    }
    for key, value in step["env"].items():
        name = value.removeprefix("${{ inputs.").removesuffix(" }}")
        env[key] = inputs.get(name, str(action["inputs"][name]["default"]))
    # GitHub runs `shell: bash` steps as `bash --noprofile --norc -eo pipefail {0}`.
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
    return done.returncode, done.stdout + done.stderr, outputs


@pytest.mark.slow
def test_run_step_reports_and_writes_sarif(action: dict[str, Any], tmp_path: Path, sarif_validator: Any) -> None:
    work = write_project(
        tmp_path / "ws", {".env": "APP_PORT=http\n", "envguard.yaml": "variables:\n  APP_PORT: {type: port}\n"}
    )
    status, log, outputs = _run_step(action, tmp_path, work)
    # The step itself succeeds (so the upload can run); the outcome travels in exit-code.
    assert status == 0, log
    assert outputs["exit-code"] == "1"
    assert "::error file=.env,line=1,col=1,title=EG102 invalid-type::" in log
    sarif = Path(outputs["sarif-file"])
    assert sarif.is_absolute()
    assert list(sarif_validator.iter_errors(json.loads(sarif.read_text()))) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("inputs", "exit_code"),
    [
        ({"exit-zero": "true"}, "0"),
        ({"args": "--ignore EG102"}, "0"),
        ({"command": "env-files", "args": ".env"}, "0"),
        ({"format": "json", "sarif-file": ""}, "1"),
    ],
)
def test_run_step_inputs(action: dict[str, Any], tmp_path: Path, inputs: dict[str, str], exit_code: str) -> None:
    work = write_project(
        tmp_path / "ws", {".env": "APP_PORT=http\n", "envguard.yaml": "variables:\n  APP_PORT: {type: port}\n"}
    )
    status, log, outputs = _run_step(action, tmp_path, work, **inputs)
    assert status == 0, log
    assert outputs["exit-code"] == exit_code, log
    if inputs.get("sarif-file") == "":
        assert "sarif-file" not in outputs
        assert json.loads(log)["summary"]["errors"] == 1


@pytest.mark.slow
@pytest.mark.parametrize("inputs", [{"command": "rm"}, {"format": "xml"}, {"args": "--no-such-flag"}])
def test_run_step_rejects_bad_inputs(action: dict[str, Any], tmp_path: Path, inputs: dict[str, str]) -> None:
    work = write_project(tmp_path / "ws", {".env": "A=1\n"})
    status, log, _ = _run_step(action, tmp_path, work, **inputs)
    assert status == 2, log
