"""--format junit: one testcase per file, failures at the report's failing severity."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

from egtest import chdir, run, write_project

from envguard.core.findings import Finding, Severity
from envguard.core.report import Report
from envguard.reporters import junit


def parse(report: Report) -> ET.Element:
    out = io.StringIO()
    junit.render(report, out, False)
    text = out.getvalue()
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.split("\n", 1)[1])


def cases(root: ET.Element) -> dict[str, ET.Element]:
    return {c.get("name", ""): c for c in root.iter("testcase")}


def test_one_testcase_per_file(sample_report: Report) -> None:
    root = parse(sample_report)
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("name") == "envguard check"
    by_name = cases(root)
    # examined files in order, then files only findings name, then the project.
    assert list(by_name) == [".env", ".env.example", "dir with space/.env", "<environ>", "(project)"]
    assert all(c.get("classname") == "envguard.check" for c in by_name.values())
    assert by_name[".env"].get("file") == ".env"
    assert by_name["(project)"].get("file") is None


def test_failures_follow_the_failing_severity(sample_report: Report) -> None:
    root = parse(sample_report)
    by_name = cases(root)
    failure = by_name[".env"].find("failure")
    assert failure is not None
    assert failure.get("type") == "error"
    assert failure.get("message") == "1 problem (EG102)"
    assert ".env:3:1: error EG102 DEBUG must be a boolean" in (failure.text or "")
    # Below the threshold: reported, not failing.
    out = by_name[".env"].find("system-out")
    assert out is not None
    assert "EG009" in (out.text or "")
    assert "EG998" in (out.text or "")
    assert by_name["dir with space/.env"].find("failure") is None
    assert by_name[".env.example"].find("failure") is None
    assert by_name["<environ>"].find("failure") is not None
    assert by_name["(project)"].find("failure") is not None
    assert root.get("tests") == "5"
    assert root.get("failures") == "3"
    assert root.get("errors") == "0"

    strict = parse(Report(**{**sample_report.__dict__, "fail_on": Severity.WARNING}))
    assert cases(strict)["dir with space/.env"].find("failure") is not None
    assert strict.get("failures") == "4"


def test_control_characters_cannot_break_the_xml(tmp_path: Path) -> None:
    f = Finding("EG001", "parse-error", Severity.ERROR, "bad \x00\x1b[31m line <&>", path="a\x07.env", line=1)
    root = parse(Report("check", str(tmp_path), [f]))
    failure = root.find(".//failure")
    assert failure is not None
    assert "<&>" in (failure.text or "")
    assert "\x00" not in (failure.text or "")


def test_an_empty_run_is_one_passing_test(tmp_path: Path) -> None:
    root = parse(Report("env-files", str(tmp_path), []))
    assert root.get("tests") == "1"
    assert list(cases(root)) == ["envguard env-files"]
    assert root.find(".//failure") is None


def test_cli_junit(tmp_path: Path) -> None:
    root = write_project(
        tmp_path, {".env": "APP_PORT=http\n", "envguard.yaml": "variables:\n  APP_PORT: {type: port}\n"}
    )
    with chdir(root):
        code, out, err = run("check", "--format", "junit", "--exit-zero")
    assert code == 0, err
    xml = ET.fromstring(out.split("\n", 1)[1])
    assert cases(xml)[".env"].find("failure") is not None


def test_cli_fail_on_reaches_junit(tmp_path: Path) -> None:
    root = write_project(tmp_path, {".env": "lower=1\n"})  # EG004, a warning
    with chdir(root):
        code, out, err = run("check", "--format", "junit", "--fail-on", "warning")
    assert code == 1, err
    xml = ET.fromstring(out.split("\n", 1)[1])
    assert cases(xml)[".env"].find("failure") is not None
