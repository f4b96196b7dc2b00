"""The benchmark's 50 production variables load cleanly: the benchmark measures a
successful startup, not an early failure."""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

import pytest

import envguard

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_load.py"


def test_benchmark_environment_loads_without_findings(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    spec = importlib.util.spec_from_file_location("bench_load", BENCH)
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    variables = bench.production_env()
    assert len(variables) == 50
    with caplog.at_level(logging.WARNING, logger="envguard"):
        s = envguard.load(root=tmp_path, environment="production", environ=variables)
    assert not caplog.records, [r.getMessage() for r in caplog.records]
    assert s.PORT == 8000
    assert s.JWT_ACCESS_TTL.total_seconds() == 900
    (tmp_path / ".env.production").write_text(bench._dotenv(variables))
    assert envguard.load(root=tmp_path, environment="production", from_environ=False).PORT == 8000
