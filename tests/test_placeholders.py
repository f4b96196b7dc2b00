"""Placeholders vs real values: both directions matter (a miss lets a template ship, a
false alarm trains people to ignore envguard)."""

from __future__ import annotations

import random

import pytest

from envguard.core.mask import describe, known_prefix
from envguard.knowledge import providers
from envguard.knowledge.placeholders import is_documented_example, placeholder_reason

PLACEHOLDERS = [
    "changeme", "<your-key>", "{{SECRET}}", "[API_KEY]", "%SECRET%", "sk_test_***", "whsec_***",
    "pk_test...", "sk_test...", "sk_live_xxxxxxxxxxx", "sk-xxxxxxxxx", "sk-", "sk-proj-xxxxxxxx",
    "gsk_xxxxxxx", "re_your_resend_api_key_here", "your-key-here", "your_api_key_here",
    "insert-your-token", "xxxxxxxx", "XXXX-XXXX", "https://xxx@xxx.ingest.sentry.io/xxx",
    "https://...@sentry.io/...", "https://...supabase.co", "https://xxx.supabase.co",
    "postgres://username:password@host:port/database",
    "postgresql://<USER-HERE>:<PASSWORD-HERE>@localhost:5432/<DATABASE NAME HERE>",
    "postgresql://***", "AKIAIOSFODNN7EXAMPLE", "my-superstrong-secret", "SG....",
    "sk_live_abcdefghijk", "ghp_1234567890", "re_abababab",
]  # fmt: skip

REAL = [
    "https://app.example.com", "postgresql://app:{password}@db.internal:5432/app",
    "redis://default:abc@localhost:6379", "production", "true", "12", "us-east-1",
    "noreply@tailtribe.be", "App <noreply@app.com>", "1.0.0", "http://localhost:3000", "info",
    "15m", "TATU", "example.com", "https://www.tailtribe.be", "99999",
]  # fmt: skip


@pytest.mark.parametrize("value", PLACEHOLDERS)
def test_placeholders_are_recognised(value: str) -> None:
    assert placeholder_reason(value) is not None


@pytest.mark.parametrize("value", REAL)
def test_real_values_are_not_placeholders(value: str) -> None:
    password = "".join(
        random.Random(value).choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(16)
    )
    assert placeholder_reason(value.format(password=password), secret=False) is None


@pytest.mark.parametrize(
    ("value", "secret", "expected"), [("test", True, True), ("test", False, False), ("99999", False, False)]
)
def test_secret_only_words(value: str, secret: bool, expected: bool) -> None:
    assert (placeholder_reason(value, secret=secret) is not None) is expected


@pytest.mark.parametrize("fmt", [f.name for f in providers.iter_formats()])
def test_generated_keys_are_never_placeholders(fmt: str) -> None:
    # Random bodies must not trip any pattern: 2,000 keys per format, both modes.
    rng = random.Random(fmt)
    f = providers.get(fmt)
    for i in range(1000):
        for mode in ("live", "test"):
            value = f.generate(rng, mode)
            reason = placeholder_reason(value)
            assert reason is None, f"{fmt} key #{i} ({len(value)} chars) taken for {reason}"


def test_documented_examples_are_recognised_by_hash() -> None:
    assert is_documented_example("AKIAIOSFODNN7EXAMPLE")
    assert not is_documented_example(providers.get("aws-access-key-id").generate(random.Random(1), "live"))


def test_mask_shows_only_known_prefixes_and_lengths() -> None:
    assert describe("sk_live_" + "a1B2" * 10) == "`sk_live_…` (48 chars)"
    assert describe("hunter2-is-my-password") == "(22 chars)"
    assert describe("sk_live_") == "(8 chars)", "a prefix alone must not be echoed as if a key followed"
    assert known_prefix("mypassword_secret") is None
    assert describe("") == "(empty)"
