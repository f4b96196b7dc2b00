"""detect-secrets' .secrets.baseline, both ways, with the real detect-secrets."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from envguard.core.errors import ConfigError, UsageError
from envguard.knowledge import providers
from envguard.scanner.api import scan_paths
from scan.corpus import mixed, password


def fake(name: str, seed: int, mode: str = "live") -> str:
    return providers.get(name).generate(random.Random(seed), mode)


def ec_key() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    ).decode()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    root.mkdir()
    for args in (["init", "-q"], ["config", "user.email", "d@example.com"], ["config", "user.name", "d"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)
    (root / "app.py").write_text(
        f'STRIPE = "{fake("stripe-secret-key", 1)}"\npassword = "{password(random.Random(3))}"\nGH = "{fake("github-token", 2, "p")}"\n',
        encoding="utf-8",
    )
    (root / "id_ec").write_text(ec_key(), encoding="utf-8")
    (root / "db.yaml").write_text(
        f"url: postgres://app:{mixed(random.Random(4), 14)}@db.prod.internal/app\n", encoding="utf-8"
    )
    subprocess.run(["git", "add", "."], cwd=root, check=True, capture_output=True)
    return root


def ds(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "detect_secrets", *args], cwd=root, capture_output=True, text=True, timeout=120
    )


def test_a_detect_secrets_baseline_silences_what_it_recorded(project: Path) -> None:
    before = scan_paths([project], use_baseline=False)
    assert sorted(f.code for f in before.findings) == ["EG320", "EG320", "EG321", "EG322", "EG323"]
    out = ds(project, "scan", "--no-verify")
    assert out.returncode == 0, out.stderr
    (project / ".secrets.baseline").write_text(out.stdout, encoding="utf-8")
    # Found automatically in the root; detect-secrets hashes differ from envguard's for
    # GitHub tokens ("ghp"), Stripe keys (the first 24 characters) and private keys
    # (the BEGIN line), and they still match.
    after = scan_paths([project])
    assert after.findings == []
    assert after.stats["baselined"] == 5
    assert after.suppressed == 5
    assert any("baseline .secrets.baseline: 5 known finding(s)" in n for n in after.notes)


def test_new_secrets_are_still_reported_with_a_baseline(project: Path) -> None:
    (project / ".secrets.baseline").write_text(ds(project, "scan", "--no-verify").stdout, encoding="utf-8")
    with (project / "app.py").open("a", encoding="utf-8") as fh:
        fh.write(f'\nNEW = "{fake("stripe-secret-key", 9)}"\n')
    report = scan_paths([project])
    assert [(f.path, f.line, f.code) for f in report.findings] == [("app.py", 5, "EG320")]


def test_envguard_baseline_is_read_by_detect_secrets(project: Path) -> None:
    report = scan_paths([project], update_baseline=True)
    assert report.findings == []
    assert (project / ".secrets.baseline").is_file()
    data = json.loads((project / ".secrets.baseline").read_text(encoding="utf-8"))
    assert data["version"]
    assert data["plugins_used"]
    assert "generated_at" in data
    entry = data["results"]["app.py"][0]
    assert set(entry) >= {"type", "filename", "hashed_secret", "is_verified", "line_number"}
    assert all(len(e["hashed_secret"]) == 40 for v in data["results"].values() for e in v)
    # detect-secrets loads it, and its pre-commit hook accepts every secret in it.
    from detect_secrets.core import baseline as ds_baseline

    loaded = ds_baseline.load(ds_baseline.load_from_file(str(project / ".secrets.baseline")))
    assert sorted(loaded.files) == ["app.py", "db.yaml", "id_ec"]
    subprocess.run(["git", "add", ".secrets.baseline"], cwd=project, check=True)
    hook = subprocess.run(
        [
            sys.executable,
            "-m",
            "detect_secrets.pre_commit_hook",
            "--baseline",
            ".secrets.baseline",
            "app.py",
            "id_ec",
            "db.yaml",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert hook.returncode == 0, hook.stdout + hook.stderr
    # And envguard itself honours what it wrote, even after the lines move.
    text = (project / "app.py").read_text(encoding="utf-8")
    (project / "app.py").write_text("# moved\n\n" + text, encoding="utf-8")
    assert scan_paths([project]).findings == []


def test_update_keeps_audit_marks_and_other_files(project: Path) -> None:
    scan_paths([project], update_baseline=True)
    path = project / ".secrets.baseline"
    data = json.loads(path.read_text(encoding="utf-8"))
    for entry in data["results"]["app.py"]:
        entry["is_secret"] = False
    data["results"]["gone.py"] = [
        {"type": "Secret Keyword", "filename": "gone.py", "hashed_secret": "0" * 40, "is_verified": False}
    ]
    data["results"]["kept.py"] = [
        {"type": "Secret Keyword", "filename": "kept.py", "hashed_secret": "1" * 40, "is_verified": True}
    ]
    (project / "kept.py").write_text("x = 1\n", encoding="utf-8")
    path.write_text(json.dumps(data), encoding="utf-8")
    scan_paths([project / "app.py", project / "db.yaml", project / "id_ec"], update_baseline=True)
    again = json.loads(path.read_text(encoding="utf-8"))
    assert all(e.get("is_secret") is False for e in again["results"]["app.py"])
    assert "gone.py" not in again["results"]  # the file no longer exists
    assert again["results"]["kept.py"][0]["is_verified"] is True  # not scanned this time: kept


def test_audited_real_secrets_are_silenced_but_noted(project: Path) -> None:
    scan_paths([project], update_baseline=True)
    path = project / ".secrets.baseline"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["results"]["app.py"][0]["is_secret"] = True
    path.write_text(json.dumps(data), encoding="utf-8")
    report = scan_paths([project])
    assert report.findings == []
    assert any("audited as real secrets: rotate them" in n for n in report.notes)


def test_baseline_exclusions_are_honoured(project: Path) -> None:
    out = ds(project, "scan", "--no-verify", "--exclude-files", r"\.yaml$", "--exclude-lines", "password =")
    (project / ".secrets.baseline").write_text(json.dumps({**json.loads(out.stdout), "results": {}}), encoding="utf-8")
    report = scan_paths([project])
    assert sorted((f.path, f.code) for f in report.findings) == [
        ("app.py", "EG320"),
        ("app.py", "EG320"),
        ("id_ec", "EG321"),
    ]


def test_bad_baselines(project: Path) -> None:
    (project / "broken.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"broken.json:1: the baseline is not valid JSON"):
        scan_paths([project], baseline=project / "broken.json")
    (project / "wrong.json").write_text('{"results": {"a.py": [{"type": "x"}]}}', encoding="utf-8")
    with pytest.raises(ConfigError, match="no 'hashed_secret'"):
        scan_paths([project], baseline=project / "wrong.json")
    with pytest.raises(UsageError, match="baseline file not found"):
        scan_paths([project], baseline=project / "missing.json")
    # --no-baseline ignores the default one.
    (project / ".secrets.baseline").write_text(ds(project, "scan", "--no-verify").stdout, encoding="utf-8")
    assert len(scan_paths([project], use_baseline=False).findings) == 5


def test_baseline_file_itself_is_not_scanned(project: Path) -> None:
    scan_paths([project], update_baseline=True)
    report = scan_paths([project])
    assert ".secrets.baseline" not in report.examined
