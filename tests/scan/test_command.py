"""``envguard scan`` through ``envguard.cli.scan.run`` and ``envguard.cli.main.main``:
options, exit codes, output that never shows a secret."""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import pytest
from egtest import chdir, run

from envguard.cli import scan as command
from envguard.core.errors import ConfigError, UsageError
from envguard.knowledge import providers
from scan.corpus import password

KEY = providers.get("stripe-secret-key").generate(random.Random(11), "live")
PW = password(random.Random(12))


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    return parser.parse_args(list(argv))


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_run_returns_a_report(tmp_path: Path) -> None:
    root = project(tmp_path, {"a.py": f'K = "{KEY}"\n', "b.py": f'password = "{PW}"\n', "c.py": "x = 1\n"})
    report = command.run(parse(str(root), "--exclude", "b.py", "--jobs", "1"))
    assert report.command == "scan"
    assert [f.path for f in report.findings] == ["a.py"]
    assert report.exit_code() == 1
    assert sorted(report.examined) == ["a.py", "c.py"]


def test_run_bad_input_raises_usage_and_config_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        command.run(parse(str(tmp_path / "missing")))
    with pytest.raises(UsageError, match="bad size"):
        command.run(parse(str(tmp_path), "--max-file-size", "lots"))
    project(tmp_path, {"envguard.yaml": "scan:\n  exclude: 'docs/'\n"})
    with pytest.raises(ConfigError, match=r"scan.exclude must be a list"):
        command.run(parse(str(tmp_path)))


def test_cli_exit_codes(tmp_path: Path) -> None:
    clean = project(tmp_path / "clean", {"a.py": "x = 1\n"})
    dirty = project(tmp_path / "dirty", {"a.py": f'K = "{KEY}"\n'})
    assert run("scan", str(clean))[0] == 0
    code, out, _ = run("scan", str(dirty))
    assert code == 1
    assert "EG320" in out
    assert KEY not in out
    assert run("scan", str(dirty), "--exit-zero")[0] == 0
    assert run("scan", str(dirty), "--ignore", "EG320")[0] == 0
    assert run("scan", str(tmp_path / "nope"))[0] == 2
    assert run("scan", str(dirty), "--max-file-size", "-3")[0] == 2
    (tmp_path / "bad.json").write_text("[", encoding="utf-8")
    assert run("scan", str(dirty), "--baseline", str(tmp_path / "bad.json"))[0] == 2


def test_cli_warnings_fail_only_when_asked(tmp_path: Path) -> None:
    rng = random.Random(3)
    token = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789") for _ in range(40))
    root = project(tmp_path, {"a.py": f'client = Client("{token}1Aa")\n'})
    code, out, _ = run("scan", str(root))
    assert code == 0
    assert "EG326" in out
    assert run("scan", str(root), "--fail-on", "warning")[0] == 1
    assert run("scan", str(root), "--no-entropy")[1].count("EG326") == 0


def test_cli_json_output(tmp_path: Path) -> None:
    root = project(tmp_path, {"app/settings.py": f'import os\nSTRIPE_KEY = "{KEY}"\npassword = "{PW}"\n'})
    code, out, _ = run("scan", str(root), "--format", "json")
    assert code == 1
    assert KEY not in out
    assert PW not in out
    payload = json.loads(out)
    findings = {f["code"]: f for f in payload["findings"]}
    f = findings["EG320"]
    assert (f["path"], f["line"], f["column"], f["variable"], f["rule"]) == (
        "app/settings.py",
        2,
        15,
        "STRIPE_KEY",
        "provider-credential",
    )
    assert len(f["fingerprint"]) == 32
    assert f["hint"]
    assert findings["EG323"]["variable"] == "password"


def test_cli_update_baseline_then_clean(tmp_path: Path) -> None:
    root = project(tmp_path, {"a.py": f'K = "{KEY}"\n'})
    with chdir(root):
        code, _out, _ = run("scan", "--update-baseline")
        assert code == 0
        assert (root / ".secrets.baseline").is_file()
        assert run("scan")[0] == 0
        assert run("scan", "--no-baseline")[0] == 1


def test_cli_staged_without_git_is_a_usage_error(tmp_path: Path) -> None:
    assert run("scan", str(tmp_path), "--staged")[0] == 2


def test_envguard_scan_stays_the_function_after_the_scanner_is_imported(tmp_path: Path) -> None:
    import envguard
    import envguard.scanner.api  # binds envguard.scanner, a name the function does not share

    root = project(tmp_path, {"a.py": f'K = "{KEY}"\n'})
    report = envguard.scan([root])
    assert [f.code for f in report.findings] == ["EG320"]
