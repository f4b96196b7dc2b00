"""Machine output: one JSON object, stable shape (``version`` bumps on breaking change).

{"version": 1, "tool": {...}, "command": "check", "findings": [...], "summary": {...}}
"""

from __future__ import annotations

import json
from typing import IO

from envguard.core.report import Report

SCHEMA_VERSION = 1


def render(report: Report, out: IO[str], color: bool = False) -> None:
    from envguard import __version__

    payload = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "envguard", "version": __version__},
        "command": report.command,
        "findings": [f.to_dict() for f in report.findings],
        "summary": report.summary(),
        "files": report.examined,
        "notes": report.notes,
    }
    json.dump(payload, out, indent=2, ensure_ascii=False)
    out.write("\n")
