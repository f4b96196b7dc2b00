from __future__ import annotations

import pytest

# Variables that change envguard's behaviour when set in the developer's shell.
_ISOLATE = ("APP_ENV", "ENVIRONMENT", "NODE_ENV", "GITHUB_ACTIONS", "NO_COLOR", "ENVGUARD_DEBUG")


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _ISOLATE:
        monkeypatch.delenv(name, raising=False)
