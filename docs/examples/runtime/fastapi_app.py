"""FastAPI: load the settings when the module is imported, so a bad configuration stops
the process before uvicorn binds a port; hand them to endpoints as a dependency.

    uvicorn fastapi_app:app          # serve
    python fastapi_app.py            # one request through the test client (what the tests run)
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, FastAPI

import envguard

settings = envguard.load()  # raises envguard.InvalidSettingsError listing every problem
envguard.redact.install()  # mask secrets in uvicorn's and the app's logs and tracebacks

app = FastAPI(debug=settings.DEBUG)


def get_settings() -> Any:
    """A dependency, so tests can override it with ``app.dependency_overrides``."""
    return settings


@app.get("/health")
def health(config: Annotated[Any, Depends(get_settings)]) -> dict[str, Any]:
    return {
        "debug": config.DEBUG,
        "port": config.PORT,
        "session_seconds": config.SESSION_TTL.total_seconds(),
        "payments": config.STRIPE_SECRET_KEY is not None,
    }


if __name__ == "__main__":
    from fastapi.testclient import TestClient

    response = TestClient(app).get("/health")
    print(response.status_code, response.json())
