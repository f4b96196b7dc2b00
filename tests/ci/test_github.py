"""--format github: workflow annotations, escaped per the Actions toolkit; --format auto."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from egtest import chdir, run, write_project

from envguard.core.findings import Finding, Severity
from envguard.core.report import Report
from envguard.reporters import github


def render(report: Report) -> list[str]:
    out = io.StringIO()
    github.render(report, out, False)
    return out.getvalue().splitlines()


def unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    return unescape_data(text.replace("%3A", ":").replace("%2C", ","))


_COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """Parse one workflow command the way the runner does."""
    m = _COMMAND.match(line)
    assert m is not None, line
    props = dict(part.split("=", 1) for part in m.group(2).split(",")) if m.group(2) else {}
    return m.group(1), {k: unescape_property(v) for k, v in props.items()}, unescape_data(m.group(3))


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"),
        ("key: value, more", "key: value, more", "key%3A value%2C more"),
        ("%0A literal", "%250A literal", "%250A literal"),
        ("::stop-commands::x", "::stop-commands::x", "%3A%3Astop-commands%3A%3Ax"),
    ],
)
def test_escaping_follows_the_toolkit(raw: str, data: str, prop: str) -> None:
    assert github.escape_data(raw) == data
    assert github.escape_property(raw) == prop
    assert unescape_data(data) == raw
    assert unescape_property(prop) == raw


def test_annotations_for_every_location_shape(sample_report: Report) -> None:
    lines = render(sample_report)
    commands = [parse(line) for line in lines if line.startswith("::")]
    assert len(commands) == len(sample_report.findings)
    by_title = {props["title"].split()[0]: (level, props, msg) for level, props, msg in commands}

    level, props, msg = by_title["EG102"]
    assert level == "error"
    assert props == {"file": ".env", "line": "3", "col": "1", "title": "EG102 invalid-type"}
    # The hint's newline, % and , survive the round trip and cannot start a new command.
    assert msg.endswith("hint: use true/false: 100% sure, a:b, c\nnext line\r")

    assert by_title["EG009"][0] == "notice"
    assert by_title["EG009"][1] == {"file": ".env", "line": "4", "title": "EG009 trailing-whitespace"}
    assert by_title["EG111"][1]["file"] == "dir with space/.env"
    assert by_title["EG313"][1] == {"file": ".env", "title": "EG313 env-file-not-ignored"}

    level, props, msg = by_title["EG101"]
    assert "file" not in props
    assert props["title"] == "EG101 missing-required (project)"
    assert "see .env.example:2 (listed in the example)" in msg
    assert "file" not in by_title["EG104"][1]
    assert by_title["EG104"][1]["title"].endswith("(environment)")

    # Every physical line is either a command or plain text that is not one.
    assert all(line.startswith("::") or not line.startswith(":") for line in lines)
    assert lines[-1] == "envguard check: 3 errors, 3 warnings, 1 info (4 files checked)"
    assert "envguard: note: checked the example file only" in lines


def test_paths_are_relative_to_the_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    web = write_project(tmp_path / "ws" / "apps" / "web", {".env": "A=1\n"})
    report = Report(
        "check",
        str(web),
        [Finding("EG009", "trailing-whitespace", Severity.INFO, "x", path=".env", line=1)],
        examined=[".env"],
    )
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "ws"))
    _, props, _ = parse(render(report)[0])
    assert props["file"] == "apps/web/.env"


def test_no_findings(tmp_path: Path) -> None:
    assert render(Report("scan", str(tmp_path), [], examined=["a.py", "b.py"])) == [
        "envguard scan: no problems found (2 files scanned)"
    ]


@pytest.mark.parametrize(("actions", "expected"), [("true", "::"), (None, "")])
def test_auto_format_picks_annotations_under_github_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, actions: str | None, expected: str
) -> None:
    root = write_project(tmp_path, {".env": "lower=1\n"})
    if actions is not None:
        monkeypatch.setenv("GITHUB_ACTIONS", actions)
        monkeypatch.setenv("GITHUB_WORKSPACE", str(root))
    with chdir(root):
        code, out, err = run("check", "--format", "auto")
    assert code == 0, err
    first = out.splitlines()[0]
    if expected:
        assert first.startswith("::warning file=.env,line=1,col=1,title=EG004 lowercase-key::")
    else:
        assert not first.startswith("::")
        assert ".env" in first
