"""Flask: validate in the application factory and copy what Flask needs into app.config.

flask --app flask_app run        # serve
python flask_app.py              # one request through the test client (what the tests run)
"""

from __future__ import annotations

from typing import Any

from flask import Flask

import envguard


def create_app() -> Flask:
    settings = envguard.load()  # fails fast: flask run never serves a misconfigured app
    envguard.redact.install()

    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.SECRET_KEY.get_secret_value(),  # Flask signs sessions with a str
        DEBUG=settings.DEBUG,
        PERMANENT_SESSION_LIFETIME=settings.SESSION_TTL,  # a datetime.timedelta already
    )
    app.extensions["settings"] = settings

    @app.get("/health")
    def health() -> dict[str, Any]:
        config = app.extensions["settings"]
        return {"debug": config.DEBUG, "hosts": config.ALLOWED_HOSTS, "payments": config.STRIPE_SECRET_KEY is not None}

    return app


if __name__ == "__main__":
    app = create_app()
    response = app.test_client().get("/health")
    print(response.status_code, response.get_json())
    app.logger.warning("session key is %s", app.config["SECRET_KEY"])  # masked by envguard.redact
