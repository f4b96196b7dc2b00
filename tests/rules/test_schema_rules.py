"""EG1xx: values against project schemas (so the tests do not depend on the catalog)."""

from __future__ import annotations

from pathlib import Path

import pytest
from egtest import assert_no_secret, check_json, fake, run, write_project

CONFIG = """
infer: false
variables:
  PORT: {type: port}
  WORKERS: {type: int, min: 1, max: 64}
  RATIO: {type: float, min: 0, max: 1}
  DEBUG: {type: bool}
  LOG_LEVEL: {type: enum, choices: [debug, info, warn, error]}
  APP_URL: {type: url, schemes: [http, https]}
  REDIS_URL: {type: url, schemes: [redis, rediss]}
  DB_HOST: {type: host}
  EMAIL_FROM: {type: email}
  JWT_TTL: {type: duration, min: 5m, max: 1d}
  FLAGS_JSON: {type: json}
  ORIGINS: {type: list, items: url}
  REGIONS: {type: list, choices: [eu, us]}
  PATTERN: {type: regex}
  TENANT_ID: {type: uuid}
  PRICE_ID: {type: string, pattern: "price_[A-Za-z0-9]{8,}"}
  SHORT: {type: string, min_length: 3, max_length: 5}
  STRIPE_KEY: {type: stripe-secret-key}
  SENDGRID_API_KEY: {type: sendgrid-api-key}
  OLD_NAME: {type: string, deprecated: "renamed in v2", replaced_by: NEW_NAME}
  REQUIRED_ONE: {type: string, required: true}
  PROD_ONLY: {type: string, required: [production]}
  HAS_DEFAULT: {type: string, required: true, default: x}
  AWS_ACCESS_KEY_ID: {type: aws-access-key-id}
  AWS_SECRET_ACCESS_KEY: {type: aws-secret-access-key}
rules:
  - require: [AWS_SECRET_ACCESS_KEY]
    when: AWS_ACCESS_KEY_ID
  - forbid: [DEBUG_TOOLBAR]
    when: {APP_ENV: production}
  - one_of: [SESSION_SECRET, COOKIE_SECRET]
    environments: [production]
"""

BASE = "REQUIRED_ONE=x\n"

# (code, env text that fails, env text that passes, extra CLI args)
CASES = [
    ("EG101", "", BASE, ()),
    ("EG101", "REQUIRED_ONE=\n", BASE, ()),
    ("EG101", BASE + "SESSION_SECRET=s\n", BASE + "SESSION_SECRET=s\nPROD_ONLY=y\n", ("-e", "production")),
    ("EG102", "PORT=70000\n", "PORT=8080\n", ()),
    ("EG102", "PORT=http\n", "PORT=1\n", ()),
    ("EG102", "WORKERS=4.5\n", "WORKERS=4\n", ()),
    ("EG102", "RATIO=half\n", "RATIO=0.5\n", ()),
    ("EG102", "DEBUG=ture\n", "DEBUG=true\n", ()),
    ("EG102", "DEBUG=2\n", "DEBUG=off\n", ()),
    ("EG102", "DB_HOST=https://db.example.com\n", "DB_HOST=db.example.com\n", ()),
    ("EG102", "DB_HOST=bad_host!\n", "DB_HOST=10.0.0.5\n", ()),
    ("EG102", "EMAIL_FROM=noreply\n", 'EMAIL_FROM="Acme <noreply@acme.io>"\n', ()),
    ("EG102", "JWT_TTL=fifteen\n", "JWT_TTL=15m\n", ()),
    ("EG102", "FLAGS_JSON={{bad json}}\n", 'FLAGS_JSON={{"a": 1}}\n', ()),
    ("EG102", "ORIGINS=https://a.io,,https://b.io\n", "ORIGINS=https://a.io,https://b.io\n", ()),
    ("EG102", "PATTERN=([a-z\n", "PATTERN=[a-z]+\n", ()),
    ("EG102", "TENANT_ID=1234\n", "TENANT_ID=3f2b8c1e-5d4a-4c2b-9e7f-0a1b2c3d4e5f\n", ()),
    ("EG103", "REDIS_URL=https://cache.example.com\n", "REDIS_URL=rediss://cache.example.com:6380\n", ()),
    ("EG103", "APP_URL=not a url\n", "APP_URL=https://app.example.com\n", ()),
    ("EG103", "APP_URL=https://host:99999/x\n", "APP_URL=https://host:8443/x\n", ()),
    ("EG104", "APP_URL=http://app.example.com\n", "APP_URL=https://app.example.com\n", ("-e", "production")),
    ("EG104", "APP_URL=http://localhost:3000\n", "APP_URL=http://api.internal:3000\n", ("-e", "production")),
    ("EG105", "LOG_LEVEL=verbose\n", "LOG_LEVEL=info\n", ()),
    ("EG105", "REGIONS=eu,asia\n", "REGIONS=eu,us\n", ()),
    ("EG106", "WORKERS=0\n", "WORKERS=1\n", ()),
    ("EG106", "JWT_TTL=30d\n", "JWT_TTL=1h\n", ()),
    ("EG106", "SHORT=ab\n", "SHORT=abc\n", ()),
    ("EG106", "SHORT=abcdef\n", "SHORT=abcde\n", ()),
    ("EG107", "PRICE_ID=prod_abc12345\n", "PRICE_ID=price_abc12345\n", ()),
    ("EG109", "OLD_NAME=x\n", "NEW_NAME=x\n", ()),
    ("EG110", "AWS_ACCESS_KEY_ID={aws_id}\n", "AWS_ACCESS_KEY_ID={aws_id}\nAWS_SECRET_ACCESS_KEY={aws_secret}\n", ()),
    ("EG110", "APP_ENV=production\nDEBUG_TOOLBAR=1\n", "APP_ENV=staging\nDEBUG_TOOLBAR=1\n", ("-e", "staging")),
    ("EG110", BASE + "PROD_ONLY=y\n", BASE + "PROD_ONLY=y\nCOOKIE_SECRET=z\n", ("-e", "production")),
]


def _fill(text: str) -> str:
    return text.format(aws_id=fake("aws-access-key-id"), aws_secret=fake("aws-secret-access-key"))


@pytest.mark.parametrize(("code", "bad", "good", "args"), CASES)
def test_rule_fails_and_passes(tmp_path: Path, code: str, bad: str, good: str, args: tuple[str, ...]) -> None:
    for name, text, expect in (("bad", bad, True), ("good", good, False)):
        root = write_project(tmp_path / name, {"envguard.yaml": CONFIG, ".env": _fill(text) if text else "\n"})
        _, findings, _ = check_json(root, "--select", code, *args)
        hits = [f for f in findings if f["code"] == code]
        assert bool(hits) == expect, f"{code} on {name}: {[f['message'] for f in findings]}"


def test_insecure_url_only_in_deployed_environments(tmp_path: Path) -> None:
    write_project(tmp_path, {"envguard.yaml": CONFIG, ".env": BASE + "APP_URL=http://app.example.com\n"})
    _, findings, _ = check_json(tmp_path, "-e", "development", "--select", "EG104")
    assert findings == []
    _, findings, _ = check_json(tmp_path, "-e", "staging", "--select", "EG104")
    assert [f["severity"] for f in findings] == ["warning"]
    _, findings, _ = check_json(tmp_path, "-e", "production", "--select", "EG104")
    assert [f["severity"] for f in findings] == ["error"]


def test_placeholders_are_not_type_errors(tmp_path: Path) -> None:
    write_project(tmp_path, {"envguard.yaml": CONFIG, ".env": BASE + "PORT=<port>\nAPP_URL=https://...\n"})
    _, findings, _ = check_json(tmp_path, "--select", "EG1")
    assert findings == []


def test_wrong_provider_key_is_named_without_the_value(tmp_path: Path) -> None:
    resend = fake("resend-api-key")
    stripe = fake("stripe-secret-key")
    write_project(
        tmp_path, {"envguard.yaml": CONFIG, ".env": BASE + f"SENDGRID_API_KEY={resend}\nSTRIPE_KEY={stripe[:-40]}!\n"}
    )
    code, out, _ = run("check", str(tmp_path), "--format", "json", "--select", "EG108")
    assert code == 1
    assert "looks like a Resend API key" in out
    assert "`re_…`" in out
    assert_no_secret(out, resend, stripe[:-40])


def test_alias_satisfies_required(tmp_path: Path) -> None:
    config = (
        "infer: false\nvariables:\n  STRIPE_SECRET_KEY: {type: string, required: true, aliases: [STRIPE_API_KEY]}\n"
    )
    write_project(tmp_path, {"envguard.yaml": config, ".env": "STRIPE_API_KEY=x\n"})
    _, findings, _ = check_json(tmp_path, "--select", "EG101")
    assert findings == []


def test_required_points_to_the_example(tmp_path: Path) -> None:
    write_project(tmp_path, {"envguard.yaml": CONFIG, ".env": "A=1\n", ".env.example": "A=\nREQUIRED_ONE=\n"})
    _, findings, _ = check_json(tmp_path, "--select", "EG101")
    assert findings[0]["related"][0]["path"] == ".env.example"
    assert findings[0]["related"][0]["line"] == 2


def test_environment_overlay_from_config(tmp_path: Path) -> None:
    config = CONFIG + "environments:\n  production:\n    variables:\n      DEBUG: {choices: ['false', '0']}\n"
    write_project(tmp_path, {"envguard.yaml": config, ".env": BASE + "DEBUG=true\n"})
    _, findings, _ = check_json(tmp_path, "--select", "EG105")
    assert findings == []
    _, findings, _ = check_json(tmp_path, "-e", "prod", "--select", "EG105")
    assert [f["variable"] for f in findings] == ["DEBUG"]


def test_custom_environment_like_production(tmp_path: Path) -> None:
    config = CONFIG + "environments:\n  eu-prod: {like: production}\n"
    write_project(tmp_path, {"envguard.yaml": config, ".env": BASE + "APP_URL=http://app.example.com\n"})
    _, findings, _ = check_json(tmp_path, "-e", "eu-prod", "--select", "EG104,EG101,EG115")
    assert sorted(f["code"] for f in findings) == ["EG101", "EG104"]


@pytest.mark.parametrize(
    ("env", "example", "expected"),
    [
        ("A=1\nB=2\n", "A=\n", [("EG111", ".env", "B")]),
        ("A=1\n", "A=\nB=\n", [("EG112", ".env.example", "B")]),
        ("A=1\nB=2\n", "A=\n# B=optional\n", []),
        ("A=1\nB=\n", "A=\nB=\n", []),
    ],
)
def test_example_drift(tmp_path: Path, env: str, example: str, expected: list[tuple[str, str, str]]) -> None:
    write_project(tmp_path, {".env": env, ".env.example": example})
    _, findings, _ = check_json(tmp_path, "--select", "EG111,EG112")
    assert [(f["code"], f["path"], f["variable"]) for f in findings] == expected


def test_no_drift_when_only_the_example_exists(tmp_path: Path) -> None:
    write_project(tmp_path, {".env.example": "A=\nB=\n"})
    code, findings, payload = check_json(tmp_path)
    assert (code, findings) == (0, [])
    assert any("no env file found" in n for n in payload["notes"])


def test_possible_typo(tmp_path: Path) -> None:
    config = "infer: false\nvariables:\n  STRIPE_SECRET_KEY: {type: string}\n"
    write_project(tmp_path, {"envguard.yaml": config, ".env": "STRIPE_SECRET_KYE=x\n"})
    _, findings, _ = check_json(tmp_path, "--select", "EG113")
    assert [f["variable"] for f in findings] == ["STRIPE_SECRET_KYE"]
    assert "STRIPE_SECRET_KEY" in findings[0]["message"]


@pytest.mark.parametrize(("mode", "expected"), [("ignore", []), ("warning", ["warning"]), ("error", ["error"])])
def test_unknown_variable_mode(tmp_path: Path, mode: str, expected: list[str]) -> None:
    write_project(tmp_path, {"envguard.yaml": f"infer: false\nunknown: {mode}\n", ".env": "LEFTOVER=1\n"})
    _, findings, _ = check_json(tmp_path, "--select", "EG114")
    assert [f["severity"] for f in findings] == expected


def test_unknown_environment(tmp_path: Path) -> None:
    write_project(tmp_path, {".env": "A=1\n"})
    _, findings, _ = check_json(tmp_path, "-e", "prodution", "--select", "EG115")
    assert findings[0]["hint"] == "did you mean production?"


def test_environment_from_node_env(tmp_path: Path) -> None:
    write_project(
        tmp_path, {"envguard.yaml": CONFIG, ".env": BASE + "NODE_ENV=production\nAPP_URL=http://app.example.com\n"}
    )
    _, findings, payload = check_json(tmp_path, "--select", "EG104")
    assert payload["summary"]["environment"] == "production"
    assert payload["summary"]["environment_source"] == "NODE_ENV in .env:2"
    assert [f["code"] for f in findings] == ["EG104"]


def test_environment_specific_files_are_loaded(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "envguard.yaml": CONFIG,
            ".env": BASE + "WORKERS=1\n",
            ".env.production": "WORKERS=0\n",
            ".env.production.local": "LOG_LEVEL=loud\n",
            ".env.local": "PORT=1\n",
        },
    )
    _, findings, payload = check_json(tmp_path, "-e", "production", "--select", "EG105,EG106")
    assert sorted((f["code"], f["path"]) for f in findings) == [
        ("EG105", ".env.production.local"),
        ("EG106", ".env.production"),
    ]
    assert payload["files"] == [".env", ".env.local", ".env.production", ".env.production.local"]


def test_inline_ignore_suppresses(tmp_path: Path) -> None:
    write_project(tmp_path, {"envguard.yaml": CONFIG, ".env": BASE + "PORT=99999 # envguard: ignore[EG102]\n"})
    code, findings, payload = check_json(tmp_path)
    assert (code, findings, payload["summary"]["suppressed"]) == (0, [], 1)


@pytest.mark.parametrize("environment", [(), ("-e", "production")])
def test_fresh_clone_with_only_the_example_is_not_missing_everything(
    tmp_path: Path, environment: tuple[str, ...]
) -> None:
    # A fresh clone or a CI job without secrets: every required key is absent, which says
    # nothing; the note says only the example was checked.
    write_project(tmp_path, {"envguard.yaml": CONFIG, ".env.example": "REQUIRED_ONE=\nPROD_ONLY=\n"})
    code, findings, _ = check_json(tmp_path, *environment, "--select", "EG101")
    assert (code, findings) == (0, [])
    write_project(tmp_path, {".env": "A=1\n"})
    _, findings, _ = check_json(tmp_path, *environment, "--select", "EG101")
    assert "REQUIRED_ONE" in {f["variable"] for f in findings}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("TYPEORM_LOGGING=ture", "true"),
        ("RAILS_SERVE_STATIC_FILES=treu", "true"),
        ("BILLING_SWITCH=Flase", "false"),
        ("SEND_EMAILS=fasle", "false"),
        ("USE_SSL=truee", "true"),
        ("DEBUG=ture", "true"),  # the catalog's DEBUG is a string (Node's debug namespaces)
        # Not slips: a weekday, real words, the right spellings, a declared bool (EG102).
        ("CRON_DAY=tue", None),
        ("LOCALE_NUMBER=tre", None),
        ("TYPEORM_LOGGING=true", None),
        ("FEATURE_X=False", None),
        ("NAME=trueman", None),
        ("DEBUG_FLAG=ture", None),
    ],
)
def test_misspelt_boolean(tmp_path: Path, line: str, expected: str | None) -> None:
    config = "variables:\n  DEBUG_FLAG: {type: bool}\n"
    write_project(tmp_path, {"envguard.yaml": config, ".env": line + "\n"})
    _, findings, _ = check_json(tmp_path, "--select", "EG116")
    assert [f["hint"] for f in findings] == ([f"write {expected}"] if expected else [])


def test_misspelt_boolean_in_a_declared_bool_is_a_type_error_once(tmp_path: Path) -> None:
    write_project(tmp_path, {"envguard.yaml": "variables:\n  DEBUG_FLAG: {type: bool}\n", ".env": "DEBUG_FLAG=ture\n"})
    _, findings, _ = check_json(tmp_path)
    assert [f["code"] for f in findings] == ["EG102"]
