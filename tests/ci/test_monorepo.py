"""Monorepos: `envguard check apps/web apps/api`, each package with its own envguard.yaml
that extends a shared one; config discovery per directory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from egtest import chdir, run, write_project

SHARED = """
variables:
  DATABASE_URL: {type: url, required: true, secret: true}
  LOG_LEVEL: {choices: [debug, info, warning, error]}
severity:
  EG111: info
"""
WEB = """
extends: ../../envguard.shared.yaml
variables:
  NEXT_PUBLIC_APP_URL: {type: url, required: true}
"""
API = """
extends: ../../envguard.shared.yaml
variables:
  PORT: {type: port, required: true}
"""


@pytest.fixture
def monorepo(tmp_path: Path) -> Path:
    root = tmp_path / "mono"
    (root / ".git").mkdir(parents=True)
    return write_project(
        root,
        {
            "envguard.shared.yaml": SHARED,
            "apps/web/envguard.yaml": WEB,
            "apps/web/.env": "DATABASE_URL=postgres://localhost:5432/web\nNEXT_PUBLIC_APP_URL=not a url\nLOG_LEVEL=loud\n",
            "apps/web/.env.example": "DATABASE_URL=\nNEXT_PUBLIC_APP_URL=\n",
            "apps/api/envguard.yaml": API,
            "apps/api/.env": "PORT=http\nLOG_LEVEL=info\nUNDOCUMENTED=1\n",
            "apps/api/.env.example": "DATABASE_URL=\nPORT=\n",
        },
    )


def findings(root: Path, *args: str) -> tuple[int, list[dict[str, Any]], dict[str, Any]]:
    with chdir(root):
        code, out, err = run("check", "--format", "json", *args)
    assert code in (0, 1), err
    payload = json.loads(out)
    return code, payload["findings"], payload


def keyed(found: list[dict[str, Any]]) -> set[tuple[str, str | None, str | None]]:
    return {(f["code"], f["path"], f["variable"]) for f in found}


def test_each_package_is_checked_against_its_own_config(monorepo: Path) -> None:
    code, found, payload = findings(monorepo, "apps/web", "apps/api")
    assert code == 1
    got = keyed(found)
    # web: its own variable and the shared ones.
    assert ("EG103", "apps/web/.env", "NEXT_PUBLIC_APP_URL") in got
    assert ("EG105", "apps/web/.env", "LOG_LEVEL") in got
    # api: its own variable; the shared required DATABASE_URL is missing everywhere.
    assert ("EG102", "apps/api/.env", "PORT") in got
    assert ("EG101", None, "DATABASE_URL") in got
    # Neither package sees the other's variables.
    assert not any(f["variable"] == "PORT" and f["path"] != "apps/api/.env" for f in found)
    assert not any(f["variable"] == "NEXT_PUBLIC_APP_URL" and not f["path"].startswith("apps/web/") for f in found)
    # The shared severity override applies to both packages.
    undocumented = [f for f in found if f["code"] == "EG111"]
    assert undocumented
    assert all(f["severity"] == "info" for f in undocumented)
    assert set(payload["files"]) >= {"apps/web/.env", "apps/api/.env"}


def test_glob_of_packages_equals_listing_them(monorepo: Path) -> None:
    packages = sorted(str(p.relative_to(monorepo)) for p in (monorepo / "apps").iterdir())  # apps/*
    assert keyed(findings(monorepo, *packages)[1]) == keyed(findings(monorepo, "apps/web", "apps/api")[1])


def test_a_package_checked_from_its_own_directory(monorepo: Path) -> None:
    code, found, _ = findings(monorepo / "apps" / "api")
    assert code == 1
    assert ("EG102", ".env", "PORT") in keyed(found)
    assert not any(f["variable"] == "NEXT_PUBLIC_APP_URL" for f in found)


def test_one_package_from_the_repository_root(monorepo: Path) -> None:
    _, found, _ = findings(monorepo, "apps/web")
    assert all(f["path"] is None or f["path"].startswith("apps/web/") for f in found)
    assert not any(f["variable"] == "PORT" for f in found)


def test_sarif_uris_are_relative_to_the_repository(monorepo: Path) -> None:
    for args in (("apps/web",), ("apps/web", "apps/api")):
        with chdir(monorepo):
            code, out, err = run("check", "--format", "sarif", *args)
        assert code == 1, err
        log = json.loads(out)
        uris = _uris(log)
        assert uris
        assert all(u.startswith("apps/") for u in uris), uris
        assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == monorepo.resolve().as_uri() + "/"
    # From inside the package, the same file gets the same repository-relative URI.
    with chdir(monorepo / "apps" / "api"):
        _, out, _ = run("check", "--format", "sarif")
    assert "apps/api/.env" in _uris(json.loads(out))


def _uris(log: dict[str, Any]) -> set[str]:
    return {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
        for loc in r["locations"]
        if "physicalLocation" in loc
    }


def test_a_broken_package_config_names_its_file(monorepo: Path) -> None:
    (monorepo / "apps" / "api" / "envguard.yaml").write_text("extends: ../../envguard.shared.yaml\nvariabels: {}\n")
    with chdir(monorepo):
        code, _, err = run("check", "apps/web", "apps/api")
    assert code == 2
    assert "apps/api/envguard.yaml" in err
    assert "variabels" in err


def test_an_error_in_the_shared_config_names_the_shared_file(monorepo: Path) -> None:
    (monorepo / "envguard.shared.yaml").write_text(SHARED.lstrip() + "  EG112: loud\n")
    with chdir(monorepo):
        code, _, err = run("check", "apps/api")
    assert code == 2
    assert "envguard.shared.yaml:" in err


@pytest.fixture
def shared_only(tmp_path: Path) -> Path:
    """One config at the top and none in the packages: each package is still its own project."""
    root = tmp_path / "mono"
    (root / ".git").mkdir(parents=True)
    return write_project(
        root,
        {
            "envguard.yaml": "variables:\n  PORT: {type: port}\nper_file_ignores:\n  apps/b/.env: [EG102]\n",
            ".env": "PORT=8080\n",
            "apps/a/.env": "PORT=abc\n",
            "apps/b/.env": "PORT=abc\n",
            "src/lib/util.py": "",
        },
    )


@pytest.mark.parametrize(
    ("cwd", "args", "expected"),
    [
        (".", ["apps/a"], {("EG102", "apps/a/.env", "PORT")}),
        ("apps/a", [], {("EG102", ".env", "PORT")}),
        (".", ["apps/a/.env"], {("EG102", "apps/a/.env", "PORT")}),
        # Ignored by a pattern the shared config writes relative to itself.
        (".", ["apps/b"], set()),
        # A directory with no env files of its own is part of the project above it.
        ("src/lib", [], set()),
        (".", [], set()),
    ],
)
def test_a_shared_config_above_checks_each_package_s_own_files(
    shared_only: Path, cwd: str, args: list[str], expected: set[tuple[str, str, str]]
) -> None:
    _, found, payload = findings(shared_only / cwd, *args)
    assert keyed(found) == expected
    assert payload["summary"]["files"] == 1


def test_load_in_a_package_under_a_shared_config(shared_only: Path) -> None:
    import envguard

    with pytest.raises(envguard.EnvguardError) as raised:
        envguard.load(root=shared_only / "apps/a", from_environ=False)
    assert "EG102" in str(raised.value)
    settings = envguard.load(root=shared_only, from_environ=False)
    assert settings.PORT == 8080
