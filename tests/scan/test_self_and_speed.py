"""envguard scan on this repository finds nothing; the prefilter keeps detect-secrets out
of the common path; worker processes give the same answer as one process."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from envguard.knowledge import providers
from envguard.scanner import engine
from envguard.scanner.api import scan_paths
from scan.corpus import password

REPO = Path(__file__).resolve().parents[2]


def test_this_repository_is_clean() -> None:
    report = scan_paths([REPO])
    assert [(f.path, f.line, f.code, f.message) for f in report.findings] == []
    assert len(report.examined) > 50


def _imports_detect_secrets(tmp_path: Path, text: str) -> tuple[bool, list[str]]:
    (tmp_path / "f.txt").write_text(text, encoding="utf-8")
    code = (
        "import sys\nfrom envguard.scanner.api import scan_paths\n"
        f"r = scan_paths([{str(tmp_path)!r}], use_baseline=False)\n"
        "print('detect_secrets' in sys.modules)\nprint(','.join(f.code for f in r.findings))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    return out[0] == "True", [c for c in out[1].split(",") if c]


def test_detect_secrets_is_not_imported_when_nothing_needs_it(tmp_path: Path) -> None:
    key = providers.get("stripe-secret-key").generate(random.Random(1), "live")
    imported, codes = _imports_detect_secrets(
        tmp_path, f"KEY={key}\npassword = '{password(random.Random(2))}'\nplain text\n"
    )
    assert codes == ["EG320", "EG323"]
    assert imported is False


def test_detect_secrets_runs_for_formats_only_it_knows(tmp_path: Path) -> None:
    rng = random.Random(4)
    mailchimp = "".join(rng.choice("0123456789abcdef") for _ in range(32)) + "-us12"
    imported, codes = _imports_detect_secrets(tmp_path, f"mc = {mailchimp}\n")
    assert imported is True
    assert codes == ["EG320"]


def test_workers_agree_with_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scan.corpus import build

    build(tmp_path, 5)
    one = scan_paths([tmp_path], jobs=1)
    monkeypatch.setattr(engine, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 1)
    many = scan_paths([tmp_path], jobs=2)
    assert many.stats["jobs"] == 2
    assert one.stats["jobs"] == 1
    assert many.findings == one.findings
    assert sorted(many.examined) == sorted(one.examined)


def test_small_scans_stay_in_process(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n", encoding="utf-8")
    assert scan_paths([tmp_path], jobs=8).stats["jobs"] == 1


def test_pathological_files_stay_linear_and_capped(tmp_path: Path) -> None:
    import time

    from scan.corpus import mixed

    rng = random.Random(9)
    (tmp_path / "words.txt").write_text("password " * 200_000, encoding="utf-8")
    (tmp_path / "dump.py").write_text(
        "".join(f'password = "{mixed(rng, 14)}!"\n' for _ in range(20_000)), encoding="utf-8"
    )
    (tmp_path / "urls.txt").write_text(
        " ".join(f"https://u:{mixed(rng, 12)}@h{i}.example.net" for i in range(10_000)), encoding="utf-8"
    )
    start = time.perf_counter()
    report = scan_paths([tmp_path], jobs=1)
    assert time.perf_counter() - start < 20
    per_file = {p: sum(1 for f in report.findings if f.path == p) for p in ("dump.py", "urls.txt")}
    assert per_file == {"dump.py": engine.MAX_FINDINGS_PER_FILE, "urls.txt": engine.MAX_FINDINGS_PER_FILE}
    assert any("only the first 200 findings per file" in n for n in report.notes)
