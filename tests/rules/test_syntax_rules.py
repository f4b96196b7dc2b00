"""EG0xx: one fail and one pass case per rule, through the real engine and CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from egtest import check_json, write_project

from envguard.sources.dotenv import MAX_FILE_BYTES

# (code, failing .env text, line of the finding, passing .env text)
CASES = [
    ("EG001", 'A=1\nB="open\nC=3\n', 2, 'A=1\nB="closed"\nC=3\n'),
    ("EG001", "A=1\nB='x'y\n", 2, "A=1\nB='x'\n"),
    ("EG002", "LOG_LEVEL=info\nLOG_LEVEL=debug\n", 2, "LOG_LEVEL=info\n"),
    ("EG003", "SENTRY_DSN\n", 1, "SENTRY_DSN=\n"),
    ("EG004", "database_url=x\n", 1, "DATABASE_URL=x\n"),
    ("EG005", "1PASSWORD=x\n", 1, "OP_PASSWORD=x\n"),
    ("EG006", "API-KEY=x\n", 1, "API_KEY=x\n"),
    ("EG006", "spring.port=1\n", 1, "SPRING_PORT=1\n"),
    ("EG007", "PORT = 3000\n", 1, "PORT=3000\n"),
    ("EG007", "PORT= 3000\n", 1, "PORT=3000\n"),
    ("EG008", "APP_NAME=“Acme”\n", 1, 'APP_NAME="Acme"\n'),
    ("EG008", "APP_NAME=Acme's\n", 1, 'APP_NAME="Acme\'s"\n'),
    ("EG008", "APP_NAME=`Acme`\n", 1, "APP_NAME=Acme\n"),
    # A JSON keyring written unquoted (brandhaug/b2b-saas-starter) keeps its quotes by design.
    ("EG008", 'KEYS={"k1":"a"\n', 1, 'KEYS={"k1":"a","k0":"b"}\nHOSTS=["a.example","b.example"]\n'),
    ("EG009", "LOG_LEVEL=info  \n", 1, "LOG_LEVEL=info\n"),
    ("EG010", "URL=postgres://${DB_USER@db/app\n", 1, "DB_USER=a\nURL=postgres://${DB_USER}@db/app\n"),
    ("EG010", "URL=${DB_USER-app}\n", 1, "URL=${DB_USER:-app}\n"),
    ("EG010", "URL=$ {DB_USER}\n", 1, "URL=$DB_USER\n"),
    ("EG011", "A=1\n\n\nB=2\n", 3, "A=1\n\nB=2\n"),
    ("EG012", "A=1\nB=2", 2, "A=1\nB=2\n"),
    ("EG014", "\ufeffA=1\n", 1, "A=1\n"),
    ("EG015", "A=1\r\nB=2\n", None, "A=1\nB=2\n"),
    ("EG016", "URL=postgres://${DB_USER}@db/app\n", 1, "DB_USER=a\nURL=postgres://${DB_USER}@db/app\n"),
    ("EG016", "A=${B}\nB=${A}\n", 1, "A=${B:-x}\nB=y\n"),
    ("EG017", "REDIS_URL= # rediss://:password@host:port\n", 1, "# rediss://:password@host:port\nREDIS_URL=\n"),
]


@pytest.mark.parametrize(("code", "bad", "line", "good"), CASES)
def test_rule_fails_and_passes(tmp_path: Path, code: str, bad: str, line: int | None, good: str) -> None:
    # No .env.example: drift rules stay out of the way.
    bad_root = tmp_path / "bad"
    bad_root.mkdir()
    (bad_root / ".env").write_bytes(bad.encode("utf-8"))
    _, findings, _ = check_json(bad_root, "--select", code)
    hits = [f for f in findings if f["code"] == code]
    assert hits, f"{code} did not fire"
    if line is not None:
        assert hits[0]["line"] == line
    assert hits[0]["path"] == ".env"

    good_root = tmp_path / "good"
    good_root.mkdir()
    (good_root / ".env").write_bytes(good.encode("utf-8"))
    _, findings, _ = check_json(good_root, "--select", code)
    assert [f for f in findings if f["code"] == code] == []


def test_unordered_key_is_off_by_default_and_selectable(tmp_path: Path) -> None:
    write_project(tmp_path, {".env": "REDIS_URL=x\nDATABASE_URL=y\n\nB=1\nA=2\n"})
    _, findings, _ = check_json(tmp_path)
    assert not [f for f in findings if f["code"] == "EG013"]
    _, findings, _ = check_json(tmp_path, "--select", "EG0")
    assert not [f for f in findings if f["code"] == "EG013"], "a family prefix must not enable an off-by-default rule"
    _, findings, _ = check_json(tmp_path, "--extend-select", "EG013")
    assert [(f["line"], f["variable"]) for f in findings if f["code"] == "EG013"] == [(2, "DATABASE_URL"), (5, "A")]


@pytest.mark.parametrize(
    ("content", "message", "hint"),
    [
        ("A=1\n".encode("utf-16"), "is binary", "UTF-8"),
        (b"A=\xff\n", "is not valid UTF-8 (line 1)", "UTF-8"),
        (b"A=" + b"x" * (MAX_FILE_BYTES + 10), "is larger than 4 MiB", "too large to be an env file"),
    ],
)
def test_unreadable_env_file(tmp_path: Path, content: bytes, message: str, hint: str) -> None:
    (tmp_path / ".env").write_bytes(content)
    code, findings, _ = check_json(tmp_path)
    assert code == 1
    assert [f["code"] for f in findings] == ["EG018"]
    assert message in findings[0]["message"]
    assert hint in findings[0]["hint"]


def test_example_file_is_linted_too(tmp_path: Path) -> None:
    write_project(tmp_path, {".env.example": "A=1\nA=2\n"})
    _, findings, _ = check_json(tmp_path)
    assert [(f["code"], f["path"]) for f in findings] == [("EG002", ".env.example")]


def test_duplicate_names_the_first_place(tmp_path: Path) -> None:
    write_project(tmp_path, {".env": "A=1\nB=2\nA=3\n"})
    _, findings, _ = check_json(tmp_path, "--select", "EG002")
    assert findings[0]["line"] == 3
    assert "line 1" in findings[0]["message"]
