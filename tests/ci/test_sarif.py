"""--format sarif: schema-valid SARIF 2.1.0 that the Multitool accepts with no errors and
no warnings, rule metadata from the registry, relative URIs, stable fingerprints."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path
from typing import Any

import pytest
from ci.cihelp import git, run_multitool, sample_findings
from egtest import chdir, fake, run, write_project

from envguard import __version__
from envguard.core.report import Report
from envguard.reporters import sarif
from envguard.rules import registry


def render(report: Report) -> dict[str, Any]:
    out = io.StringIO()
    sarif.render(report, out, False)
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def errors_of(validator: Any, log: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]


def results_by_code(log: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["ruleId"]: r for r in log["runs"][0]["results"]}


# --- shape ----------------------------------------------------------------------------------


def test_sample_report_is_schema_valid(sample_report: Report, sarif_validator: Any) -> None:
    log = render(sample_report)
    assert errors_of(sarif_validator, log) == []
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"


def test_empty_report_is_schema_valid(tmp_path: Path, sarif_validator: Any) -> None:
    log = render(Report(command="scan", root=str(tmp_path), findings=[]))
    assert errors_of(sarif_validator, log) == []
    run_ = log["runs"][0]
    assert run_["results"] == []
    assert run_["tool"]["driver"]["rules"] == []
    assert run_["automationDetails"] == {"id": "envguard/scan/"}


def test_tool_metadata(sample_report: Report) -> None:
    driver = render(sample_report)["runs"][0]["tool"]["driver"]
    assert driver["name"] == "envguard"
    assert driver["version"] == __version__
    assert driver["semanticVersion"] == __version__
    assert driver["informationUri"].startswith("https://")


def test_rule_metadata_comes_from_the_registry(sample_report: Report) -> None:
    log = render(sample_report)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    # Only the rules the results refer to, each once, in first-seen order.
    assert [r["id"] for r in rules] == list(dict.fromkeys(f.code for f in sample_report.findings))
    for result in log["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    by_id = {r["id"]: r for r in rules}
    for code in ("EG101", "EG102", "EG009", "EG111", "EG104"):
        rule = registry.get(code)
        d = by_id[code]
        assert d["shortDescription"]["text"].rstrip(".") == rule.summary.rstrip(".")
        what = " ".join(rule.sections()["What it checks"].split()).replace("``", "`")
        assert d["fullDescription"]["text"].rstrip(".") == what.rstrip(".")
        assert "### What it checks" in d["help"]["markdown"]
        assert "### Example that fails" in d["help"]["markdown"]
        assert "``" not in d["help"]["markdown"].replace("```", "")
        assert d["help"]["text"].startswith(f"{code} {rule.name}")
        assert d["helpUri"] == rule.help_uri()
        level = {"error": "error", "warning": "warning", "info": "note"}[rule.severity.label]
        assert d["defaultConfiguration"]["level"] == level
        assert d["name"][0].isupper()
        assert "-" not in d["name"]


def test_a_rule_missing_from_the_registry_still_gets_a_full_descriptor(sample_report: Report) -> None:
    rules = {r["id"]: r for r in render(sample_report)["runs"][0]["tool"]["driver"]["rules"]}
    d = rules["EG998"]
    for key in ("shortDescription", "fullDescription", "help", "helpUri", "defaultConfiguration"):
        assert d[key]
    assert d["name"] == "PluginOnlyRule"


def test_security_families_carry_a_security_severity(tmp_path: Path) -> None:
    secret_rule = next(r for r in registry.all_rules() if r.code.startswith("EG2"))
    lint_rule = registry.get("EG009")
    findings = [secret_rule.finding("x", path=".env", line=1), lint_rule.finding("y", path=".env", line=2)]
    rules = {r["id"]: r for r in render(Report("check", str(tmp_path), findings))["runs"][0]["tool"]["driver"]["rules"]}
    assert float(rules[secret_rule.code]["properties"]["security-severity"]) > 0
    assert "security" in rules[secret_rule.code]["properties"]["tags"]
    assert "security-severity" not in rules["EG009"]["properties"]


def test_levels_and_messages(sample_report: Report) -> None:
    results = results_by_code(render(sample_report))
    assert results["EG101"]["level"] == "error"
    assert results["EG111"]["level"] == "warning"
    assert results["EG009"]["level"] == "note"
    for r in results.values():
        assert r["message"]["text"].endswith(".")
        assert "\n" not in r["message"]["text"]
    assert "Hint: use true/false" in results["EG102"]["message"]["text"]


# --- locations ------------------------------------------------------------------------------


def test_relative_uris_with_a_base_id(sample_report: Report) -> None:
    log = render(sample_report)
    run_ = log["runs"][0]
    base = run_["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == Path(sample_report.root).resolve().as_uri() + "/"
    results = results_by_code(log)
    loc = results["EG102"]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": ".env", "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {"startLine": 3, "startColumn": 1}
    spaced = results["EG111"]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert spaced == {"uri": "dir%20with%20space/.env", "uriBaseId": "%SRCROOT%"}
    assert results["EG009"]["locations"][0]["physicalLocation"]["region"] == {"startLine": 4}
    # A whole-file finding: the whole-file region (a missing region is Multitool SARIF2017).
    assert results["EG313"]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1, "endLine": 4}


def test_uris_are_relative_to_the_repository_root(tmp_path: Path) -> None:
    repo = tmp_path / "mono"
    (repo / ".git").mkdir(parents=True)
    web = write_project(repo / "apps" / "web", {".env": "A=1\n"})
    finding = registry.get("EG009").finding("trailing whitespace", path=".env", line=1)
    log = render(Report("check", str(web), [finding], examined=[".env"]))
    run_ = log["runs"][0]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    uri = run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "apps/web/.env"


def test_project_wide_and_environ_findings(sample_report: Report) -> None:
    results = results_by_code(render(sample_report))
    project = results["EG101"]["locations"][0]
    assert project["logicalLocations"][0] == {
        "name": "DATABASE_URL",
        "fullyQualifiedName": "project::DATABASE_URL",
        "kind": "variable",
    }
    # Code scanning drops results without a file: a whole-file region on the first file.
    assert project["physicalLocation"]["artifactLocation"]["uri"] == ".env"
    assert project["physicalLocation"]["region"] == {"startLine": 1, "endLine": 4}
    assert results["EG101"]["properties"]["scope"] == "project"
    environ = results["EG104"]["locations"][0]
    assert "physicalLocation" not in environ
    assert environ["logicalLocations"][0]["fullyQualifiedName"] == "environ::APP_URL"
    assert results["EG104"]["properties"]["scope"] == "environment"


def test_related_locations(sample_report: Report) -> None:
    results = results_by_code(render(sample_report))
    related = results["EG998"]["relatedLocations"]
    assert [r["id"] for r in related] == [1, 2]
    assert related[0]["physicalLocation"]["artifactLocation"]["uri"] == "prisma/schema.prisma"
    assert related[0]["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 3}
    assert related[0]["message"]["text"] == "provider = mysql."
    assert related[1]["message"]["text"] == "Related location."
    environ_related = results["EG104"]["relatedLocations"][0]
    assert "physicalLocation" not in environ_related


def test_fingerprints_survive_line_moves(sample_report: Report) -> None:
    before = results_by_code(render(sample_report))
    moved = sample_report.replace(findings=[f.replace(line=(f.line or 0) + 10) for f in sample_findings()])
    after = results_by_code(render(moved))
    for code, result in before.items():
        fp = result["partialFingerprints"]["envguard/v1"]
        assert fp == after[code]["partialFingerprints"]["envguard/v1"]
        assert len(fp) >= 16
    assert len({r["partialFingerprints"]["envguard/v1"] for r in before.values()}) == len(before)


def test_notes_become_notifications(sample_report: Report) -> None:
    invocation = render(sample_report)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert invocation["toolExecutionNotifications"] == [
        {"level": "note", "message": {"text": "checked the example file only."}}
    ]


# --- through the CLI ------------------------------------------------------------------------


def _failing_project(root: Path) -> Path:
    write_project(
        root,
        {
            "envguard.yaml": "environment: production\nvariables:\n  APP_PORT: {type: port, required: true}\n  API_TOKEN: {required: true, secret: true}\n",
            ".env": "APP_PORT=http\nlower=1\nDEBUG=ture \n",
            ".env.example": "APP_PORT=\nAPI_TOKEN=\n",
        },
    )
    git(root, "init", "-q")
    return root


def test_cli_sarif_output_file(tmp_path: Path, sarif_validator: Any) -> None:
    root = _failing_project(tmp_path / "p")
    with chdir(root):
        code, out, err = run("check", "--format", "sarif", "--output", "report.sarif")
    assert code == 1, err
    assert out == ""
    log = json.loads((root / "report.sarif").read_text(encoding="utf-8"))
    assert errors_of(sarif_validator, log) == []
    assert {r["ruleId"] for r in log["runs"][0]["results"]} >= {"EG101", "EG102"}


# --- the Multitool --------------------------------------------------------------------------


@pytest.mark.slow
def test_multitool_accepts_our_sarif_with_no_errors_or_warnings(
    tmp_path: Path, sample_report: Report, multitool: Path, sarif_validator: Any
) -> None:
    files: list[Path] = []

    def keep(name: str, text: str) -> None:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert errors_of(sarif_validator, json.loads(text)) == [], name
        files.append(path)

    out = io.StringIO()
    sarif.render(sample_report, out, False)
    keep("sample.sarif", out.getvalue())
    out = io.StringIO()
    sarif.render(Report("scan", str(tmp_path), []), out, False)
    keep("empty.sarif", out.getvalue())

    root = _failing_project(tmp_path / "check")
    with chdir(root):
        code, text, err = run("check", "--format", "sarif")
    assert code == 1, err
    keep("check.sarif", text)

    envs = tmp_path / "envfiles"
    write_project(
        envs,
        {
            ".env.production": f"STRIPE_SECRET_KEY={fake('stripe-secret-key')}\n"
            f"SESSION_SECRET={random.Random(3).randbytes(32).hex()}\n",
            ".env.example": f"OPENAI_API_KEY={fake('openai-api-key')}\n",
        },
    )
    with chdir(envs):
        code, text, err = run("env-files", "--format", "sarif", ".env.production", ".env.example")
    assert code == 1, err
    keep("env-files.sarif", text)

    scanned = write_project(
        tmp_path / "scan",
        {
            "src/settings.py": f'STRIPE = "{fake("stripe-secret-key")}"\nDB = "postgres://app:{random.Random(9).randbytes(12).hex()}@db.example.com/app"\n'
        },
    )
    with chdir(scanned):
        code, text, err = run("scan", "--format", "sarif", "src/settings.py")
    assert code == 1, err
    keep("scan.sarif", text)

    console, problems = run_multitool(multitool, files, tmp_path)
    assert problems == [], console
    assert " error SARIF" not in console, console
    assert " warning SARIF" not in console, console
