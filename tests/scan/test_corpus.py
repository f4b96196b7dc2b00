"""Quality on labelled corpora, against detect-secrets on the same files.

Recall: planted secrets with at least one finding on their line. False alarms: findings on
any other line (decoys included). envguard must beat detect-secrets on both.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from envguard.scanner.api import scan_paths
from scan.corpus import Corpus, Score, build, build_ops, detect_secrets_findings

CORPORA: list[tuple[str, Callable[[Path, int], Corpus], int]] = [
    ("syntaxes-seed0", build, 0),
    ("syntaxes-seed1", build, 1),
    ("ops-seed0", build_ops, 0),
]


def envguard_score(corpus: Corpus) -> Score:
    report = scan_paths([corpus.root], use_baseline=False)
    return corpus.score((f.path, f.line) for f in report.findings if f.path and f.line)


@pytest.mark.parametrize(("make", "seed"), [(m, s) for _, m, s in CORPORA], ids=[c[0] for c in CORPORA])
def test_recall_and_false_alarms_beat_detect_secrets(
    tmp_path: Path, make: Callable[[Path, int], Corpus], seed: int
) -> None:
    corpus = make(tmp_path, seed)
    ours = envguard_score(corpus)
    theirs = corpus.score(detect_secrets_findings(tmp_path))
    summary = (
        f"envguard: recall {ours.recall:.3f} ({ours.hits}/{ours.total}), {len(ours.false_alarms)} false alarms; "
        f"detect-secrets: recall {theirs.recall:.3f} ({theirs.hits}/{theirs.total}), {len(theirs.false_alarms)} false alarms"
    )
    print(summary)
    assert ours.recall >= 0.98, f"missed {ours.missed}"
    assert len(ours.false_alarms) <= 1, f"false alarms at {ours.false_alarms}"
    assert ours.recall > theirs.recall, summary
    assert len(ours.false_alarms) < len(theirs.false_alarms), summary


def test_every_decoy_kind_is_quiet(tmp_path: Path) -> None:
    corpus = build(tmp_path, 2)
    report = scan_paths([tmp_path])
    on_decoys = [(f.path, f.line, f.code) for f in report.findings if f.line in corpus.decoys.get(f.path or "", set())]
    assert on_decoys == []
    assert sum(len(v) for v in corpus.decoys.values()) > 200
