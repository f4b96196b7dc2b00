"""docs/ci.md: its YAML snippets parse and its GitLab Code Quality conversion works."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml
from egtest import chdir, run, write_project

DOC = Path(__file__).resolve().parents[2] / "docs" / "ci.md"


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)


def test_yaml_snippets_parse() -> None:
    snippets = blocks("yaml")
    assert len(snippets) >= 6
    for snippet in snippets:
        # Indented fragments (extra keys for a hook or a job) parse once dedented.
        assert yaml.safe_load(textwrap.dedent(snippet)) is not None


def test_gitlab_code_quality_conversion(tmp_path: Path) -> None:
    gitlab = next(s for s in blocks("yaml") if s.startswith("envguard:"))
    job = yaml.safe_load(gitlab)["envguard"]
    assert job["artifacts"]["reports"] == {"junit": "envguard-junit.xml", "codequality": "gl-code-quality-report.json"}
    script = next(line for line in job["script"] if line.startswith("python -c"))
    code = script[len("python -c ") :].strip().strip("'")
    root = write_project(
        tmp_path, {".env": "APP_PORT=http\nlower=1\n", "envguard.yaml": "variables:\n  APP_PORT: {type: port}\n"}
    )
    with chdir(root):
        status, out, err = run("check", "--format", "json", "--exit-zero")
    assert status == 0, err
    (root / "envguard.json").write_text(out)
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)
    report = json.loads((root / "gl-code-quality-report.json").read_text())
    assert report
    for issue in report:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"]
        assert issue["location"]["lines"]["begin"] >= 1
    assert any(i["check_name"] == "invalid-type" and i["severity"] == "major" for i in report)
