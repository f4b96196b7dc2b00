from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from egtest import write_project

from envguard.config import load_config
from envguard.core import cache
from envguard.core.errors import ConfigError


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("ENVGUARD_CACHE_DIR", str(directory))
    return directory


def test_result_is_reused_while_the_source_is_unchanged(tmp_path: Path, cache_dir: Path) -> None:
    source = tmp_path / "src.txt"
    source.write_text("a")
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"n": len(calls)}

    assert cache.cached("t", [source], build) == {"n": 1}
    assert cache.cached("t", [source], build) == {"n": 1}
    time.sleep(0.01)
    source.write_text("ab")
    assert cache.cached("t", [source], build) == {"n": 2}
    assert len(list(cache_dir.glob("t-*.marshal"))) == 1


def test_corrupt_cache_is_rebuilt(tmp_path: Path, cache_dir: Path) -> None:
    source = tmp_path / "src.txt"
    source.write_text("a")
    cache.cached("t", [source], lambda: [1])
    for f in cache_dir.glob("t-*"):
        f.write_bytes(b"\x00garbage")
    assert cache.cached("t", [source], lambda: [2]) == [2]


def test_unwritable_or_disabled_cache_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "src.txt"
    source.write_text("a")
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("ENVGUARD_CACHE_DIR", str(blocker / "sub"))
    assert cache.cached("t", [source], lambda: [3]) == [3]
    monkeypatch.setenv("ENVGUARD_NO_CACHE", "1")
    assert cache.cache_dir() is None
    assert cache.cached("t", [source], lambda: [4]) == [4]


def test_unmarshalable_values_are_returned_uncached(tmp_path: Path, cache_dir: Path) -> None:
    source = tmp_path / "src.txt"
    source.write_text("a")
    value = object()
    assert cache.cached("t", [source], lambda: value) is value


def test_cached_config_keeps_line_numbers(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_project(tmp_path, {"envguard.yaml": "variables:\n  A: {type: int}\n  B:\n    type: enum\n"})
    for _ in range(2):  # the second load comes from the cache
        with pytest.raises(ConfigError) as info:
            load_config(tmp_path)
        assert (info.value.path, info.value.line) == ("envguard.yaml", 4)
    assert list(cache_dir.glob("yaml-*.marshal"))


def test_edited_config_is_reread(tmp_path: Path, cache_dir: Path) -> None:
    write_project(tmp_path, {"envguard.yaml": "strict: false\n"})
    assert load_config(tmp_path).strict is False
    path = tmp_path / "envguard.yaml"
    path.write_text("strict: true\n")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load_config(tmp_path).strict is True


def test_the_cache_directory_is_kept_bounded(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 8)
    sources = []
    for i in range(20):
        source = tmp_path / f"src{i}.txt"
        source.write_text(str(i))
        sources.append(source)
        cache.cached("t", [source], lambda i=i: {"n": i})
    kept = list(cache_dir.glob("*.marshal"))
    assert 4 <= len(kept) <= 8
    # The newest entry survived the pruning and is still served from the cache.
    assert cache.cached("t", [sources[-1]], lambda: {"n": -1}) == {"n": 19}
