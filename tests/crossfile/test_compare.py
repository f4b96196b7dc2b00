"""The comparators of ``consistent`` rules: each maps a value to the key that must agree."""

from __future__ import annotations

import base64
import json

import pytest

from envguard.rules.compare import COMPARATORS, PRINTABLE


def _jwt(claims: dict[str, object]) -> str:
    def enc(obj: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    return f"{enc({'alg': 'HS256'})}.{enc(claims)}.{'s' * 43}"


REF = "abcdefghijklmnopqrst"
KEY32 = "0123456789abcdef" * 2


@pytest.mark.parametrize(
    ("by", "value", "key"),
    [
        ("value", "  same  ", "same"),
        ("value", "   ", None),
        ("mode", "sk_live_" + "a" * 99, "live"),
        ("mode", "pk_test_" + "b" * 99, "test"),
        ("mode", "rk_live_" + "c" * 99, "live"),
        ("mode", "signkey-prod-" + "d" * 64, "live"),
        ("mode", "signkey-test-" + "e" * 64, "test"),
        ("mode", "not a key", None),
        ("origin", "https://app.example.com/path?x=1", "https://app.example.com"),
        ("origin", "https://APP.example.com:443/", "https://app.example.com"),
        ("origin", "http://localhost:3000/api/auth", "http://localhost:3000"),
        ("origin", "app.example.com", None),
        ("origin", "https://[::1", None),
        ("host", "https://user:pw@api.example.com:8443/x", "api.example.com"),
        ("host", "cache.internal", "cache.internal"),
        ("host", "not a host!", None),
        ("sentry-project", f"https://{KEY32}@o123456.ingest.us.sentry.io/4500001", "org 123456, project 4500001"),
        ("sentry-project", f"https://{KEY32}@o123456.ingest.sentry.io/4500001", "org 123456, project 4500001"),
        ("sentry-project", f"https://{KEY32}@sentry.example.com/7", "sentry.example.com, project 7"),
        ("sentry-project", "https://xxx@xxx.ingest.sentry.io/xxx", None),
        ("supabase-ref", f"https://{REF}.supabase.co", REF),
        ("supabase-ref", f"postgresql://postgres.{REF}:pw@aws-0-eu-west-1.pooler.supabase.com:6543/postgres", REF),
        ("supabase-ref", f"postgresql://postgres:pw@db.{REF}.supabase.co:5432/postgres", REF),
        ("supabase-ref", _jwt({"iss": "supabase", "ref": REF, "role": "anon"}), REF),
        ("supabase-ref", _jwt({"iss": "supabase-demo", "role": "anon"}), None),
        ("supabase-ref", "sb_publishable_" + "x" * 30, None),
        ("supabase-ref", REF, REF),
        ("supabase-ref", "http://localhost:54321", None),
        ("aws-region", "eu-west-1", "eu-west-1"),
        ("aws-region", "email-smtp.us-east-1.amazonaws.com", "us-east-1"),
        ("aws-region", "https://s3.ap-southeast-2.amazonaws.com", "ap-southeast-2"),
        ("aws-region", "https://sqs.us-gov-west-1.amazonaws.com/123/q", "us-gov-west-1"),
        ("aws-region", "auto", None),
        ("aws-region", "garage", None),
        ("aws-region", "europe-west4-drams3a", None),
    ],
)
def test_comparators(by: str, value: str, key: str | None) -> None:
    assert COMPARATORS[by](value) == key


def test_comparators_match_the_loader() -> None:
    from envguard.schema.loader import COMPARATORS as DECLARED

    assert set(COMPARATORS) == set(DECLARED)
    assert set(COMPARATORS) >= PRINTABLE
    assert "value" not in PRINTABLE
