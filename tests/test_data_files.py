"""The data files are stored normalised, because the loaders rely on it for speed."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "envguard" / "knowledge" / "data"


@pytest.mark.parametrize("name", ["words.txt", "weak-secrets.txt", "placeholders.txt"])
def test_word_lists_are_lowercase_and_stripped(name: str) -> None:
    for number, line in enumerate((DATA / name).read_text(encoding="utf-8").split("\n"), 1):
        if not line or line.startswith("#"):
            continue
        assert line == line.strip().lower(), f"{name}:{number} is not lower-cased and stripped"
        assert "\r" not in line


def test_documented_examples_are_hashed() -> None:
    for line in (DATA / "documented-examples.sha256").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            length, digest = line.split(":")
            assert length.isdigit()
            assert len(digest) == 64
            assert all(c in "0123456789abcdef" for c in digest)
