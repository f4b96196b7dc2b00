"""JUnit XML, for CI systems that display test results (GitLab, Jenkins, Azure, CircleCI).

One ``<testcase>`` per file: every file the run examined is a test, named by its path,
with ``classname="envguard.<command>"``. A file fails when it has findings at or above
the report's failing severity (``fail_on`` from the project config, else errors); the
``<failure>`` element lists them all, one per line, with location, code, message and
hint. Findings below that severity do not fail the test and are listed in its
``<system-out>``. Findings with no file become a test named ``(project)``; findings
about the process environment a test named ``<environ>``. A run that examined nothing
and found nothing is one passing test named ``envguard <command>``.

Per file rather than per rule because that is what a reader of a test report acts on
("apps/web/.env is failing"), and because the set of tests then follows the project, not
the version of envguard. ``tests``/``failures`` are counted on ``<testsuites>`` and
``<testsuite>``; ``errors`` (tests that could not run) is always 0, since envguard
exits 2 or 3 instead of writing a report when it cannot run.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import IO

from envguard.core.findings import Finding, Severity
from envguard.core.report import Report

ENVIRON = "<environ>"
PROJECT = "(project)"

# Characters XML 1.0 cannot carry, even escaped.
_INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _line(f: Finding) -> str:
    where = f.location() if f.path != ENVIRON else ENVIRON
    text = f"{where}: {f.severity.label} {f.code} {f.message} [{f.rule}]"
    for loc in f.related:
        text += f"\n    see {loc.display()}" + (f" ({loc.note})" if loc.note else "")
    if f.hint:
        text += f"\n    hint: {f.hint}"
    return _clean(text)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def build(report: Report) -> ET.Element:
    threshold = report.fail_on or Severity.ERROR
    classname = f"envguard.{report.command.replace('-', '_')}"
    order: list[str] = []
    groups: dict[str, list[Finding]] = {}
    for path in report.examined:
        if path not in groups:
            groups[path] = []
            order.append(path)
    extra: dict[str, list[Finding]] = {}
    for f in report.findings:
        name = f.path if f.path is not None else PROJECT
        if name in groups:
            groups[name].append(f)
        else:
            extra.setdefault(name, []).append(f)
    for name in sorted(extra, key=lambda n: (n != PROJECT, n)):
        groups[name] = extra[name]
        order.append(name)

    suite = ET.Element("testsuite", name=f"envguard {report.command}")
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", name="command", value=report.command)
    ET.SubElement(props, "property", name="fail_on", value=threshold.label)
    if report.environment:
        ET.SubElement(props, "property", name="environment", value=_clean(report.environment))
    if report.suppressed:
        ET.SubElement(props, "property", name="suppressed", value=str(report.suppressed))

    failures = 0
    for name in order:
        findings = groups[name]
        case = ET.SubElement(suite, "testcase", name=_clean(name), classname=classname, time="0")
        if name not in (PROJECT, ENVIRON):
            case.set("file", _clean(name))
        failing = [f for f in findings if f.severity >= threshold]
        passing = [f for f in findings if f.severity < threshold]
        if failing:
            failures += 1
            worst = max(f.severity for f in failing)
            codes = ", ".join(dict.fromkeys(f.code for f in failing))
            message = f"{_plural(len(failing), 'problem')} ({codes})"
            failure = ET.SubElement(case, "failure", message=message, type=worst.label)
            failure.text = "\n".join(_line(f) for f in failing) + "\n"
        if passing:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(_line(f) for f in passing) + "\n"
    if not order:
        # Nothing examined and nothing found: one passing test, so that a CI system that
        # treats an empty report as a broken one still shows the run.
        ET.SubElement(suite, "testcase", name=f"envguard {report.command}", classname=classname, time="0")
    tests = max(1, len(order))
    for key, value in (("tests", tests), ("failures", failures), ("errors", 0), ("skipped", 0), ("time", 0)):
        suite.set(key, str(value))
    if report.notes:
        err = ET.SubElement(suite, "system-out")
        err.text = "\n".join(_clean(f"note: {n}") for n in report.notes) + "\n"

    root = ET.Element(
        "testsuites",
        name="envguard",
        tests=str(tests),
        failures=str(failures),
        errors="0",
        skipped="0",
        time="0",
    )
    root.append(suite)
    return root


def render(report: Report, out: IO[str], color: bool = False) -> None:
    root = build(report)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
