from __future__ import annotations

import pytest

# Variables that change envguard's behaviour when set in the developer's shell.
_ISOLATE = ("APP_ENV", "ENVIRONMENT", "NODE_ENV", "GITHUB_ACTIONS", "NO_COLOR", "ENVGUARD_DEBUG")


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _ISOLATE:
        monkeypatch.delenv(name, raising=False)


def pytest_configure(config: pytest.Config) -> None:
    # Tests (and the envguard subprocesses they start) use a cache of their own, never the
    # developer's ~/.cache/envguard.
    import os
    import tempfile

    os.environ.setdefault("ENVGUARD_CACHE_DIR", tempfile.mkdtemp(prefix="envguard-test-cache-"))
