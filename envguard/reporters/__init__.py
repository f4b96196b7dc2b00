"""One module per output format, each with ``render(report, out, color)``."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from envguard.core.report import Report

# A reporter writes a report to a text stream. ``color`` is decided by the CLI (TTY and
# NO_COLOR); reporters that never colour ignore it.
Reporter = Callable[[Report, IO[str], bool], None]

# Module per format, imported only when chosen.
REPORTERS: dict[str, str] = {
    "text": "envguard.reporters.text",
    "json": "envguard.reporters.json",
    "sarif": "envguard.reporters.sarif",
    "github": "envguard.reporters.github",
    "junit": "envguard.reporters.junit",
}


def get_reporter(name: str) -> Reporter:
    import importlib

    module = importlib.import_module(REPORTERS[name])
    render: Reporter = module.render
    return render
