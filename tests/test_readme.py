"""README's set-up commands are what CI runs, and the example project shows what README says."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_gives_exactly_two_setup_commands() -> None:
    commands = _setup_commands()
    assert len(commands) == 2
    install, tests = commands
    assert "envguard check docs/examples/" in install
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command() -> None:
    tests = _setup_commands()[1]
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_example_project_exists() -> None:
    install = _setup_commands()[0]
    project = install.rsplit("envguard check ", 1)[1].strip()
    assert (ROOT / project / "envguard.yaml").is_file()
