"""The independent corpus (``corpus_unseen.py``) against envguard and detect-secrets.

The floors are below 100% on purpose: this corpus exists to catch overfitting, so a seed
that finds a new gap should fail loudly only when the gap is real work, not noise. Messages
name files, lines and key kinds, never values.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from envguard.scanner.api import scan_paths
from scan.corpus_unseen import Corpus, Score, build, detect_secrets_lines, make_keys

RECALL_FLOOR = 0.97
MAX_FALSE_ALARMS = 2


def envguard_score(corpus: Corpus) -> Score:
    report = scan_paths([corpus.root], use_baseline=False)
    return corpus.score((f.path, f.line) for f in report.findings if f.path and f.line)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_envguard_beats_detect_secrets_on_unseen_corpus(tmp_path: Path, seed: int) -> None:
    corpus = build(tmp_path, seed)
    ours = envguard_score(corpus)
    theirs = corpus.score(detect_secrets_lines(tmp_path))
    summary = (
        f"envguard: recall {ours.hits}/{ours.total}, {len(ours.false_alarms)} false alarms; "
        f"detect-secrets: recall {theirs.hits}/{theirs.total}, {len(theirs.false_alarms)} false alarms"
    )
    print(summary)
    assert ours.recall >= RECALL_FLOOR, f"{summary}; missed {ours.missed}"
    assert len(ours.false_alarms) <= MAX_FALSE_ALARMS, f"{summary}; false alarms at {ours.false_alarms}"
    assert ours.recall >= theirs.recall, summary
    assert len(ours.false_alarms) <= len(theirs.false_alarms), summary


def test_every_format_is_planted_in_several_syntaxes(tmp_path: Path) -> None:
    import random

    corpus = build(tmp_path, 0)
    kinds = {k.kind for k in make_keys(random.Random(0))}
    files_per_kind: dict[str, set[str]] = {}
    for rel, _start, _end, kind in corpus.planted:
        files_per_kind.setdefault(kind.removesuffix("/base64"), set()).add(rel)
    assert kinds <= set(files_per_kind), sorted(kinds - set(files_per_kind))
    assert min(len(files_per_kind[k]) for k in kinds) >= 2
    assert sum(len(lines) for lines in corpus.decoys.values()) > 150
