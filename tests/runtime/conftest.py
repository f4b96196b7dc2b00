from __future__ import annotations

from collections.abc import Iterator

import pytest

from envguard.runtime.redact import redact


@pytest.fixture(autouse=True)
def _fresh_redactor() -> Iterator[None]:
    """Each test starts with no registered secret and nothing installed."""
    redact.uninstall()
    redact.clear()
    yield
    redact.uninstall()
    redact.clear()
