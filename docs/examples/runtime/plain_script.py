"""A plain script: validate the configuration first, then work.

Run from a directory holding envguard.yaml and .env:  python plain_script.py
"""

from __future__ import annotations

import logging
import sys

import envguard


def main() -> int:
    try:
        settings = envguard.load()
    except envguard.InvalidSettingsError as exc:
        # One message lists every problem (code, variable, hint), never a value.
        print(exc, file=sys.stderr)
        return 2
    # From here on, no log line or traceback can print a loaded secret.
    envguard.redact.install()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    log = logging.getLogger("script")

    log.info("debug=%s hosts=%s session=%s", settings.DEBUG, settings.ALLOWED_HOSTS, settings.SESSION_TTL)
    log.info("stripe key configured: %s", settings.STRIPE_SECRET_KEY is not None)
    # A mistake envguard.redact catches: logging the raw secret.
    log.info("oops: %s", settings.SECRET_KEY.get_secret_value())
    print(repr(settings))  # SecretStr('**********'): secrets never show in repr
    return 0


if __name__ == "__main__":
    sys.exit(main())
