from __future__ import annotations

from pathlib import Path

import pytest
from egtest import write_project

from envguard.checking.policy import Policy
from envguard.config import find_config, load_config
from envguard.core.errors import ConfigError
from envguard.core.findings import Severity
from envguard.schema.catalog import schema_dir
from envguard.schema.loader import nested_quantifier


def test_zero_config(tmp_path: Path) -> None:
    cfg = load_config(tmp_path)
    assert cfg.path is None
    assert cfg.infer
    assert cfg.use == ()


def test_discovery_walks_up_to_the_repository_root(tmp_path: Path) -> None:
    write_project(
        tmp_path, {".git/HEAD": "", "envguard.yaml": "use: [stripe]\n", "apps/web/.env": "A=1\n", "src/lib/a.py": ""}
    )
    path, root = find_config(tmp_path / "apps" / "web")
    assert path == tmp_path / "envguard.yaml"
    # The package with env files of its own is the project; the shared config applies.
    assert root == tmp_path / "apps" / "web"
    path, root = find_config(tmp_path / "src" / "lib")
    assert path == tmp_path / "envguard.yaml"
    assert root == tmp_path


def test_discovery_stops_at_the_repository_root(tmp_path: Path) -> None:
    write_project(tmp_path, {"envguard.yaml": "use: [stripe]\n", "repo/.git/HEAD": "", "repo/app/.env": "A=1\n"})
    path, root = find_config(tmp_path / "repo" / "app")
    assert path is None
    assert root == (tmp_path / "repo" / "app").resolve()


def test_nearest_config_wins(tmp_path: Path) -> None:
    write_project(
        tmp_path, {".git/HEAD": "", "envguard.yaml": "strict: true\n", "apps/api/envguard.yaml": "strict: false\n"}
    )
    cfg = load_config(tmp_path / "apps" / "api")
    assert cfg.root == (tmp_path / "apps" / "api").resolve()
    assert not cfg.strict


def test_pyproject_table(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "x"\n\n[tool.envguard]\nuse = ["stripe"]\nstrict = true\n\n[tool.envguard.severity]\nEG111 = "error"\n'
        },
    )
    cfg = load_config(tmp_path)
    assert cfg.use == ("stripe",)
    assert cfg.strict
    assert cfg.severity == {"EG111": Severity.ERROR}


def test_pyproject_without_table_is_not_config(tmp_path: Path) -> None:
    write_project(tmp_path, {"pyproject.toml": '[project]\nname = "x"\n'})
    assert load_config(tmp_path).path is None


def test_extends_merges_groups_and_variables(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            ".git/HEAD": "",
            "envguard.shared.yaml": "use: [stripe]\nvariables:\n  A: {type: int}\nstrict: true\n",
            "apps/web/envguard.yaml": "extends: ../../envguard.shared.yaml\nuse: [sentry]\nvariables:\n  B: {type: bool}\nstrict: false\n",
        },
    )
    cfg = load_config(tmp_path / "apps" / "web")
    assert cfg.use == ("stripe", "sentry")
    assert cfg.project is not None
    assert {v.name for v in cfg.project.variables} == {"A", "B"}
    assert cfg.strict is False


def test_errors_name_the_file_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_project(tmp_path, {"apps/web/envguard.yaml": "bogus: 1\n"})
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=r"^apps/web/envguard.yaml:1: unknown key"):
        load_config(tmp_path / "apps" / "web")


def test_extends_cycle_is_an_error(tmp_path: Path) -> None:
    write_project(tmp_path, {"a.yaml": "extends: envguard.yaml\n", "envguard.yaml": "extends: a.yaml\n"})
    with pytest.raises(ConfigError, match="nests deeper"):
        load_config(tmp_path)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("use: stripe\nbogus: 1\n", 2, "unknown key 'bogus'"),
        ("variables:\n  A:\n    type: int\n    mni: 1\n", 4, "did you mean 'min'"),
        ("variables:\n  A: {type: enum}\n", 2, "needs 'choices'"),
        ("variables:\n  A: {type: int, min: 5, max: 1}\n", 2, "min is greater than max"),
        ("variables:\n  A: {pattern: '(['}\n", 2, "invalid pattern"),
        ("variables:\n  A: {pattern: '(a+)+$'}\n", 2, "repeats a repeat"),
        ("environments:\n  production:\n    variables:\n      A: {pattern: '(a*)*'}\n", 4, "repeats a repeat"),
        ("environments:\n  production:\n    variables:\n      A: {pattern: '(['}\n", 4, "invalid pattern"),
        ("variables:\n  B: {}\n  A:\n    pattern: '(?:\\w+\\s?)*x'\n", 4, "repeats a repeat"),
        ("variables:\n  a-b c: {}\n", 2, "not a valid variable name"),
        ("rules:\n  - require: [A]\n    one_of: [B, C]\n", 2, "exactly one of"),
        ("rules:\n  - consistent: [A, B]\n", 2, "needs 'by'"),
        ("environments:\n  production:\n    deployed: maybe\n", 3, "'deployed' must be true or false"),
        ("severity:\n  EG101: loud\n", 2, "unknown severity"),
        ("severity:\n  EG101: info\n  EG999: error\n", 3, "unknown rule 'EG999'"),
        ("environments:\n  prod2: {like: nope}\n", 2, "neither a built-in"),
        ("environments:\n  a: {like: b}\n  b: {like: a}\n", 2, "loop back to 'a'"),
        ("environments:\n  eu:\n    like: [eu]\n", 3, "loop back to 'eu'"),
        ("select: [EG1, nope]\n", 1, "unknown rule"),
        ("scan:\n  exclude: node_modules\n", 2, "scan.exclude must be a list"),
        ("scan:\n  excludes: []\n", 2, "unknown key 'excludes'"),
        ("a: 1\na: 2\n", 2, "duplicate key 'a'"),
        ("- just\n- a list\n", 1, "must be a mapping"),
        ("groups: [missing.yaml]\n", 1, "group file not found"),
    ],
)
def test_config_errors_name_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, line: int, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write_project(tmp_path, {"envguard.yaml": text})
    with pytest.raises(ConfigError) as info:
        # Rule selectors and severity keys are resolved by the policy, at their line.
        Policy(load_config(tmp_path))
    assert info.value.path == "envguard.yaml"
    assert info.value.line == line, str(info.value)
    assert message in str(info.value)


def test_default_respects_case_insensitive_choices(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "envguard.yaml": "variables:\n  LOG_LEVEL: {type: enum, choices: [debug, info], case_sensitive: false, default: INFO}\n"
        },
    )
    assert load_config(tmp_path).project is not None
    write_project(
        tmp_path, {"envguard.yaml": "variables:\n  LOG_LEVEL: {type: enum, choices: [debug, info], default: INFO}\n"}
    )
    with pytest.raises(ConfigError, match="default is not one of the choices"):
        load_config(tmp_path)


def test_group_files_are_loaded(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "envguard.yaml": "groups: [config/billing.yaml]\n",
            "config/billing.yaml": "group: billing\nvariables:\n  PLATFORM_COMMISSION_PERCENTAGE: {type: int, min: 0, max: 100}\n",
        },
    )
    cfg = load_config(tmp_path)
    assert [g.name for g in cfg.groups] == ["billing"]


def test_environment_aliases_and_like(tmp_path: Path) -> None:
    write_project(tmp_path, {"envguard.yaml": "environment: prod\nenvironments:\n  uat: {like: [prod]}\n"})
    cfg = load_config(tmp_path)
    assert cfg.environment == "production"
    assert cfg.is_production("uat")
    assert cfg.is_deployed("uat")
    assert cfg.is_deployed("staging")
    assert not cfg.is_production("staging")
    assert not cfg.is_deployed("development")


@pytest.mark.parametrize(
    ("pattern", "refused"),
    [
        ("(a+)+$", True),
        ("(a*)*", True),
        (r"(\w+\s?)+", True),
        ("(?:a|b+)+", True),
        ("((ab)+)+", True),
        ("(?=(a+)+)x", True),
        # Each pass of the outer repeat must end in a character the inner one cannot take.
        (r"([a-z]+\.)+[a-z]+", False),
        (r"(?:[a-z0-9-]+\.)+[a-z]{2,}", False),
        (r"\d+(\.\d+)*", False),
        ("a+b+", False),
        ("(ab){2,5}", False),
    ],
)
def test_catastrophic_patterns_are_refused(pattern: str, refused: bool) -> None:
    assert nested_quantifier(pattern) is refused


def test_builtin_patterns_are_not_refused() -> None:
    import yaml

    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "pattern" and isinstance(value, str):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted(schema_dir().glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert len(found) > 50
    assert [p for p in found if nested_quantifier(p)] == []


def test_environments_may_build_on_each_other(tmp_path: Path) -> None:
    text = "environments:\n  eu: {like: [production]}\n  eu-west: {like: [eu, production]}\n  eu-east: {like: [eu]}\n"
    write_project(tmp_path, {"envguard.yaml": text})
    cfg = load_config(tmp_path)
    assert cfg.environment_config("eu-west").like == ("eu", "production")


def test_severity_overrides_by_code_or_name(tmp_path: Path) -> None:
    write_project(tmp_path, {"envguard.yaml": "severity:\n  eg101: info\n  weak-secret: warning\n"})
    assert Policy(load_config(tmp_path)).severity == {"EG101": Severity.INFO, "EG201": Severity.WARNING}
