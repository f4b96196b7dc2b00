"""False alarms found by running envguard over real projects' env templates.

Each case is a minimal synthetic reconstruction of a pattern seen in a public template
(the project is named in a comment); no file from those projects is copied here. Keys
are generated at test time.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from egtest import check_json, write_project

from envguard.engine import looks_secret_by_name


def _codes_for(findings: list[dict[str, object]], variable: str) -> list[str]:
    return sorted(str(f["code"]) for f in findings if f.get("variable") == variable)


# --- which undescribed names hold secrets ------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "API_KEY_PREFIX",  # cal.com: API_KEY_PREFIX=cal_
        "OPENROUTER_MAX_TOKENS",
        "REFRESH_TOKEN_VALIDITY",  # hoppscotch
        "TOKEN_SALT_COMPLEXITY",
        "ACCESS_TOKEN_EXPIRE_MINUTES",
        "AUTH_PASSWORD_HISTORY_COUNT",
        "FEATURE_TEAM_API_KEY",  # boxyhq: a feature switch
        "NEXT_PRIVATE_SMTP_TRANSPORT",  # documenso: NEXT_PRIVATE_ marks server-only settings
        "NEXT_PRIVATE_UPLOAD_BUCKET",
        "NEXT_PRIVATE_OIDC_PROMPT",
        "META_WHATSAPP_REFERENCE_KEY_VERSION",
    ],
)
def test_settings_about_secrets_are_not_secrets(name: str) -> None:
    assert not looks_secret_by_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "NEXT_PRIVATE_SMTP_PASSWORD",
        "NEXT_PRIVATE_ENCRYPTION_KEY",
        "OIDC_RSA_PRIVATE_KEY",
        "GITHUB_APP_PRIVATE_KEY",
        "LOGFLARE_PRIVATE_ACCESS_TOKEN",
        "API_KEY_SALT",
        "INTERNAL_API_KEY",
        "TEAMS_BOT_APP_PASSWORD",
    ],
)
def test_secret_names_stay_secret(name: str) -> None:
    assert looks_secret_by_name(name)


def test_server_only_settings_are_not_judged_as_weak_secrets(tmp_path: Path) -> None:
    env = (
        "NEXT_PRIVATE_SMTP_TRANSPORT=smtp-auth\n"
        "NEXT_PRIVATE_JOBS_PROVIDER=local\n"
        "NEXT_PRIVATE_UPLOAD_BUCKET=acme\n"
        "NEXT_PRIVATE_SMTP_USERNAME=acme\n"
        "API_KEY_PREFIX=cal_\n"
        "OPENROUTER_MAX_TOKENS=2048\n"
        "FEATURE_TEAM_API_KEY=true\n"
        "NEXT_PRIVATE_SMTP_PASSWORD=secret\n"
    )
    write_project(tmp_path, {".env": env, ".env.example": env})
    _, findings, _ = check_json(tmp_path)
    flagged = {str(f["variable"]) for f in findings if str(f["code"]).startswith("EG2")}
    # The one real weak secret is still reported.
    assert flagged == {"NEXT_PRIVATE_SMTP_PASSWORD"}
