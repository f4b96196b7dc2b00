""".pre-commit-hooks.yaml: valid for pre-commit, its file patterns agree with
envguard.rules.committed.is_env_file_name, its entries are real commands; docs/ci.md covers it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from egtest import run

from envguard.rules.committed import is_env_file_name

REPO = Path(__file__).resolve().parents[2]
HOOK_IDS = ("envguard-env-files", "envguard-check", "envguard-scan")


@pytest.fixture(scope="module")
def hooks() -> dict[str, dict[str, Any]]:
    from pre_commit.clientlib import load_manifest

    return {h["id"]: h for h in load_manifest(str(REPO / ".pre-commit-hooks.yaml"))}


def selected(hook: dict[str, Any], path: str) -> bool:
    """pre-commit's own filter: `files` and `exclude` are re.search'ed on the path."""
    return bool(re.search(hook["files"], path)) and not re.search(hook["exclude"], path)


def test_hook_ids_and_settings(hooks: dict[str, dict[str, Any]]) -> None:
    assert tuple(hooks) == HOOK_IDS
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["entry"].startswith("envguard ")
        assert hook["pass_filenames"] is True
        assert "text" in hook["types"]
    # check layers a project's files and pairs them with its example: one process.
    assert hooks["envguard-check"]["require_serial"] is True
    assert hooks["envguard-env-files"]["require_serial"] is False


PATHS = [
    ".env",
    ".dev.vars",
    "worker/.dev.vars.example",
    ".env.local",
    ".env.production",
    "apps/web/.env.production.local",
    ".env.example",
    "apps/api/.env.example",
    "config/prod.env",
    ".env-staging",
    "env.example",
    ".env.keys",
    ".envrc",
    ".env.gpg",
    "secrets/.env.age",
    ".env.vault",
    ".env.ts",
    "src/env.d.ts",
    ".env.json",
    "environment.py",
    "README.md",
    "src/.environment",
    "docs/dotenv.md",
]


@pytest.mark.parametrize("path", PATHS)
def test_env_file_patterns_agree_with_the_module(hooks: dict[str, dict[str, Any]], path: str) -> None:
    expected = is_env_file_name(path.rsplit("/", 1)[-1])
    assert selected(hooks["envguard-env-files"], path) is expected
    assert selected(hooks["envguard-check"], path) is expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("envguard.yaml", True),
        ("apps/web/.envguard.yml", True),
        (".env.yaml", False),
        ("config.yaml", False),
        ("pyproject.toml", False),
    ],
)
def test_check_hook_also_watches_envguard_config(hooks: dict[str, dict[str, Any]], path: str, expected: bool) -> None:
    assert selected(hooks["envguard-check"], path) is expected
    assert selected(hooks["envguard-env-files"], path) is False


@pytest.mark.parametrize("hook_id", HOOK_IDS)
def test_entries_are_commands(hooks: dict[str, dict[str, Any]], hook_id: str) -> None:
    command = hooks[hook_id]["entry"].split()[1:]
    code, out, _ = run(*command, "--help")
    assert code == 0
    assert "usage: envguard" in out


def test_docs_cover_hooks_and_action() -> None:
    import yaml

    doc = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    for hook_id in HOOK_IDS:
        assert f"id: {hook_id}" in doc
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    for name in action["inputs"]:
        assert f"`{name}`" in doc, name
    for needle in ("upload-sarif", "codequality", "artifacts:", "--from-environ", "apps/*", "extends:"):
        assert needle in doc, needle
