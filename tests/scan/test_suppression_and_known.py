"""Inline pragmas, and values of the project's own env files found elsewhere (EG324)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from envguard.knowledge import providers
from envguard.scanner.api import scan_paths, scan_text
from scan.corpus import mixed, password

KEY = providers.get("stripe-secret-key").generate(random.Random(7), "live")
PW = password(random.Random(13))


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (f'KEY = "{KEY}"  # pragma: allowlist secret', "a.py"),
        (f"const k = '{KEY}'; // pragma: allowlist secret", "a.js"),
        (f"<key>{KEY}</key> <!-- pragma: allowlist secret -->", "a.xml"),
        (f'# pragma: allowlist nextline secret\nKEY = "{KEY}"', "a.py"),
        (f'KEY = "{KEY}"  # pragma: whitelist secret', "a.py"),
        (f'KEY = "{KEY}"  # envguard: ignore[EG320]', "a.py"),
        (f'KEY = "{KEY}"  # envguard: ignore', "a.py"),
        (f'KEY = "{KEY}"  # envguard: ignore[provider-credential]', "a.py"),
        (f'KEY = "{KEY}"  # envguard: ignore[EG32]', "a.py"),
        (f'# envguard: ignore[EG320]\nKEY = "{KEY}"', "a.py"),
        (f"STRIPE_KEY={KEY} # envguard: ignore[EG320]", ".env"),
    ],
)
def test_pragmas_silence_findings(text: str, path: str) -> None:
    assert scan_text(text + "\n", path=path) == []


@pytest.mark.parametrize(
    "text",
    [
        f'KEY = "{KEY}"  # envguard: ignore[EG323]',  # another rule
        f'# pragma: allowlist nextline secret\nx = 1\nKEY = "{KEY}"',  # not the next line
        f'x = "a"  # envguard: ignore\nKEY = "{KEY}"',  # code before the comment: this line only
    ],
)
def test_pragmas_are_precise(text: str) -> None:
    assert [f.code for f in scan_text(text + "\n", path="a.py")] == ["EG320"]


def test_suppressed_findings_are_counted(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(
        f'A = "{KEY}"  # pragma: allowlist secret\npassword = "{PW}"  # envguard: ignore[EG323]\n'
    )
    report = scan_paths([tmp_path])
    assert report.findings == []
    assert report.suppressed == 2
    assert report.stats["inline_suppressed"] == 2


# --- known values ----------------------------------------------------------------------------

SESSION = mixed(random.Random(14), 24)
DB_PW = mixed(random.Random(15), 12)


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_values_of_secret_variables_are_found_verbatim(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            ".env": f"SESSION_SECRET={SESSION}\nPORT=3000\nAPP_NAME=acme-web-frontend\n",
            "apps/api/.env.local": f"DATABASE_URL=postgres://api:{DB_PW}@db.internal/api\n",
            "docs/notes.txt": f"the session secret is currently {SESSION}, do not share\n",
            "docker-compose.yml": f"environment:\n  - DB=postgres://api:{DB_PW}@db.internal/api\n",
            ".env.example": f"SESSION_SECRET={SESSION}\n",
            "README.md": "Runs on PORT 3000 as acme-web-frontend.\n",
        },
    )
    report = scan_paths([root], all_files=True)
    known = sorted((f.path, f.variable) for f in report.findings if f.code == "EG324")
    assert known == [(".env.example", "SESSION_SECRET"), ("docs/notes.txt", "SESSION_SECRET")]
    # The URL password is also a known value, but the URL detector reports it first.
    assert [f.code for f in report.findings if f.path == "docker-compose.yml"] == ["EG322"]
    for f in report.findings:
        assert SESSION not in f.message
        assert SESSION not in (f.hint or "")
    (f,) = [f for f in report.findings if f.path == "docs/notes.txt"]
    assert f.message == "the value of SESSION_SECRET from .env is written here (24 chars)"


def test_known_value_in_a_compose_file_without_other_signal(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {".env": f"DATABASE_URL=postgres://api:{DB_PW}@db.internal/api\n", "ops.txt": f"pw {DB_PW}\n"},
    )
    (f,) = [f for f in scan_paths([root]).findings if f.path != ".env"]
    assert (f.path, f.code, f.variable) == ("ops.txt", "EG324", "DATABASE_URL (password)")


@pytest.mark.parametrize(
    "env",
    [
        "SESSION_SECRET=changeme-please-now\n",  # placeholder
        "SESSION_SECRET=short12\n",  # too short to look for
        "LOG_FORMAT=json-structured-v2\n",  # not a secret variable
        f"NEXT_PUBLIC_POSTHOG_KEY={providers.get('posthog-project-key').generate(random.Random(1), 'live')}\n",
    ],
)
def test_values_not_worth_looking_for(tmp_path: Path, env: str) -> None:
    value = env.split("=", 1)[1].strip()
    root = project(tmp_path, {".env": env, "notes.txt": f"value: {value} end\n"})
    assert [f for f in scan_paths([root]).findings if f.code == "EG324"] == []


def test_known_values_can_be_turned_off(tmp_path: Path) -> None:
    root = project(tmp_path, {".env": f"SESSION_SECRET={SESSION}\n", "notes.txt": f"x {SESSION}\n"})
    assert [f.path for f in scan_paths([root]).findings if f.code == "EG324"] == ["notes.txt"]
    assert [f for f in scan_paths([root], known_values=False).findings if f.code == "EG324"] == []
    project(tmp_path, {"envguard.yaml": "scan:\n  known_values: false\n"})
    assert [f for f in scan_paths([root]).findings if f.code == "EG324"] == []
