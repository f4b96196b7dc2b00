from __future__ import annotations

import time
from pathlib import Path

import pytest

from envguard.sources.dotenv import MAX_EXPANDED, expand_values, parse_env_text, read_env_file


def entries(text: str) -> dict[str, tuple[str, int, int]]:
    f = parse_env_text(text)
    return {e.key: (e.value, e.line, e.column) for e in f.entries}


@pytest.mark.parametrize(
    ("text", "key", "value", "line", "column"),
    [
        ("A=1\n", "A", "1", 1, 1),
        ("\n\n# c\nA=1\n", "A", "1", 4, 1),
        ("export A=1\n", "A", "1", 1, 8),
        ("  A=1\n", "A", "1", 1, 3),
        ("A='x y'\n", "A", "x y", 1, 1),
        ('A="x\\ny"\n', "A", "x\ny", 1, 1),
        ('A="multi\nline"\nB=2\n', "B", "2", 3, 1),
        ("A=x # comment\n", "A", "x", 1, 1),
        ('A="x" # comment\n', "A", "x", 1, 1),
        ("A=\n", "A", "", 1, 1),
        ("A= # a comment, not a value\n", "A", "", 1, 1),
        ("A=#not-a-comment-without-space\n", "A", "", 1, 1),
        ("A=x#y\n", "A", "x#y", 1, 1),
        ("A=1\r\nB=2\r\n", "B", "2", 2, 1),
    ],
)
def test_values_and_positions(text: str, key: str, value: str, line: int, column: int) -> None:
    assert entries(text)[key] == (value, line, column)


def test_multiline_entry_spans_lines() -> None:
    f = parse_env_text('A=1\nPEM="-----BEGIN X-----\nabc\n-----END X-----"\nB=2\n')
    pem = f.mapping()["PEM"]
    assert (pem.line, pem.end_line) == (2, 4)
    assert f.mapping()["B"].line == 5


def test_bom_and_newlines_recorded() -> None:
    f = parse_env_text("\ufeffA=1\r\nB=2\n")
    assert f.has_bom
    assert f.newlines == {"\r\n", "\n"}
    assert f.mapping()["A"].line == 1


def test_parse_error_line_is_reported_and_parsing_continues() -> None:
    f = parse_env_text('A=1\nB="unterminated\nC=3\n')
    assert [e.line for e in f.errors] == [2]
    assert "C" in f.mapping()


def test_commented_keys_are_collected() -> None:
    f = parse_env_text("# SENTRY_DSN=\n#export OPTIONAL=1\n# not a key\n")
    assert f.commented_keys == {"SENTRY_DSN": 1, "OPTIONAL": 2}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A=1 # envguard: ignore[EG201]\n", {"EG201"}),
        ("A=1 # envguard: ignore[eg201, EG3]\n", {"EG201", "EG3"}),
        ("A=1 # envguard: ignore\n", {"*"}),
        ("# envguard: ignore[EG111]\nA=1\n", {"EG111"}),
        ('A="x" # envguard: ignore[EG2]\n', {"EG2"}),
        ("A=1\n", None),
    ],
)
def test_inline_ignores(text: str, expected: set[str] | None) -> None:
    entry = parse_env_text(text).mapping()["A"]
    assert (set(entry.ignores) if entry.ignores is not None else None) == expected


def test_entry_repr_never_shows_value() -> None:
    f = parse_env_text("TOKEN=hunter2-very-secret\n")
    assert "hunter2" not in repr(f.entries[0])
    assert "hunter2" not in repr(f)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"A": "x", "B": "${A}-y"}, {"B": "x-y"}),
        ({"B": "${MISSING:-dflt}"}, {"B": "dflt"}),
        ({"A": "", "B": "${A:-dflt}"}, {"B": "dflt"}),
        ({"B": "$A stays"}, {"B": "$A stays"}),
        ({"A": "1", "B": "${A}${A}${A}"}, {"B": "111"}),
    ],
)
def test_expansion(raw: dict[str, str], expected: dict[str, str]) -> None:
    values, problems = expand_values(raw, raw)
    for key, value in expected.items():
        assert values[key] == value
    assert not [p for p in problems if p.kind != "undefined"]


def test_single_quoted_values_are_not_expanded() -> None:
    f = parse_env_text("A=x\nB='${A}'\nC=\"${A}\"\n")
    raw = {e.key: e.value for e in f.entries}
    expandable = {e.key for e in f.entries if e.quote != "'"}
    values, _ = expand_values(raw, expandable)
    assert values["B"] == "${A}"
    assert values["C"] == "x"


def test_undefined_reference_is_reported() -> None:
    _, problems = expand_values({"A": "${NOPE}"}, {"A"})
    assert [(p.key, p.kind, p.detail) for p in problems] == [("A", "undefined", "NOPE")]


def test_fallback_environment_is_used() -> None:
    values, problems = expand_values({"A": "${HOME_DIR}/x"}, {"A"}, {"HOME_DIR": "/h"})
    assert values["A"] == "/h/x"
    assert not problems


def test_cycle_is_detected_and_values_kept_raw() -> None:
    values, problems = expand_values({"A": "${B}", "B": "${A}"}, {"A", "B"})
    assert any(p.kind == "cycle" for p in problems)
    assert values["A"] == "${B}"


def test_expansion_bomb_is_bounded_in_time_and_memory() -> None:
    raw = {"A0": "x" * 64}
    for i in range(1, 60):
        raw[f"A{i}"] = f"${{A{i - 1}}}${{A{i - 1}}}"
    start = time.perf_counter()
    values, problems = expand_values(raw, raw)
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0
    assert max(len(v) for v in values.values()) <= MAX_EXPANDED + 64
    assert any(p.kind == "too-large" for p in problems)


def test_deep_reference_chain_is_bounded() -> None:
    # Declared last-first, so resolving the first key walks the whole chain at once: without
    # a depth bound this recurses 2000 deep.
    raw = {f"A{i}": f"${{A{i - 1}}}" for i in range(2000, 0, -1)} | {"A0": "x"}
    _, problems = expand_values(raw, raw)
    assert any(p.kind == "too-deep" for p in problems)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"A=1\x00\n", "binary"),
        ("A=é\n".encode("utf-16"), "binary"),
        (b"A=\xff\xfe\n", "UTF-8"),
    ],
)
def test_unreadable_files_are_skipped_with_a_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / ".env"
    path.write_bytes(content)
    f = read_env_file(path, ".env")
    assert f.skipped is not None
    assert reason in f.skipped
    assert f.entries == []


def test_missing_file_is_skipped(tmp_path: Path) -> None:
    f = read_env_file(tmp_path / "nope", "nope")
    assert f.skipped is not None
    assert "cannot be read" in f.skipped
