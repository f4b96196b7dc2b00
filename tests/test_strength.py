"""envguard.knowledge.strength: alphabets, capacity, the pattern estimator and known-weak values."""

from __future__ import annotations

import base64
import random
import string
from collections.abc import Callable

import pytest

from envguard.knowledge import strength

RNG_SEED = 20240601


def _rand(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


# Generators of the values real tools print (openssl rand, secrets.token_*, uuidgen),
# each with the capacity it must be credited with.
GENERATORS = {
    "openssl rand -base64 32": (lambda r: base64.b64encode(r.randbytes(32)).decode(), 256),
    "openssl rand -hex 32": (lambda r: r.randbytes(32).hex(), 256),
    "openssl rand -hex 16": (lambda r: r.randbytes(16).hex(), 128),
    "token_urlsafe(32)": (lambda r: base64.urlsafe_b64encode(r.randbytes(32)).decode().rstrip("="), 256),
    "Fernet.generate_key()": (lambda r: base64.urlsafe_b64encode(r.randbytes(32)).decode(), 256),
    "64 random bytes base64": (lambda r: base64.b64encode(r.randbytes(64)).decode(), 512),
}


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_generated_secrets_get_full_capacity_and_are_never_patterned(name: str) -> None:
    make, bits = GENERATORS[name]
    rng = random.Random(f"{RNG_SEED}:{name}")
    for _ in range(300):
        value = make(rng)
        est = strength.estimate(value)
        assert est.capacity == pytest.approx(bits, abs=0.5)
        assert not est.patterned, f"{name}: a random value was called patterned ({est.describe_patterns()})"
        assert est.encoded is None
        assert strength.weak_reason(value) is None


@pytest.mark.parametrize(
    ("alphabet", "length"),
    [
        (string.ascii_letters + string.digits, 16),
        (string.ascii_letters + string.digits, 32),
        (string.ascii_lowercase, 20),
        (string.ascii_letters + string.digits + string.punctuation, 24),
    ],
)
def test_random_passwords_are_not_patterned(alphabet: str, length: int) -> None:
    rng = random.Random(f"{RNG_SEED}:{alphabet}:{length}")
    patterned = sum(strength.estimate(_rand(rng, alphabet, length)).patterned for _ in range(500))
    assert patterned <= 1  # measured: 0 of 2,000 for each of these shapes


@pytest.mark.parametrize(
    ("value", "alphabet"),
    [
        ("0123456789", strength.DECIMAL),
        ("deadbeef00", strength.HEX),
        ("DEADBEEF00", strength.HEX),
        ("DeadBeef00", strength.ALNUM),  # mixed-case "hex" is not how hex is generated
        ("abcxyz", strength.LOWER),
        ("ABCXYZ", strength.UPPER),
        ("abc123xyz", strength.LOWER_ALNUM),
        ("ABC234XYZ", strength.UPPER_ALNUM),
        ("abcXYZ123", strength.ALNUM),
        ("ab-c_XY", strength.BASE64URL),
        ("ab+c/XY", strength.BASE64),
        ("abcXYZ12==", strength.BASE64),
        ("ab-cXY12=", strength.BASE64URL),
        ("a b!c", strength.ASCII),
        ("pässwörd", strength.UNICODE),
    ],
)
def test_detect_alphabet(value: str, alphabet: strength.Alphabet) -> None:
    assert strength.detect_alphabet(value) == alphabet


def test_declared_encoding_is_an_upper_bound() -> None:
    hexval = "ab" * 32
    # Declared base64 but written in hex digits: charged as hex.
    assert strength.alphabet_for(hexval, "base64") == strength.HEX
    # Declared hex and mixed case: hex wins over the detected letters-and-digits.
    assert strength.alphabet_for("DeadBeef" * 8, "hex") == strength.HEX
    # A declaration the value does not fit is ignored.
    assert strength.alphabet_for("xyz!" * 8, "hex") == strength.ASCII


@pytest.mark.parametrize(
    ("value", "encoding", "fits"),
    [
        ("00ff", "hex", True),
        ("00f", "hex", False),
        ("00fg", "hex", False),
        ("YWJj", "base64", True),
        ("YW-j", "base64", False),
        ("YW-j", "base64url", True),
        ("Y", "base64", False),
        ("héllo", "ascii", False),
        ("anything at all", "any", True),
        ("anything", None, True),
    ],
)
def test_fits_encoding(value: str, encoding: str | None, fits: bool) -> None:
    assert strength.fits_encoding(value, encoding) is fits


def test_decoded_length() -> None:
    raw = bytes(range(32))
    assert strength.decoded_length(raw.hex(), "hex") == 32
    assert strength.decoded_length(base64.b64encode(raw).decode(), "base64") == 32
    assert strength.decoded_length(base64.urlsafe_b64encode(raw).decode().rstrip("="), "base64url") == 32
    assert strength.decoded_length("not hex!", "hex") is None
    assert strength.decoded_length("x" * 32, "ascii") == 32
    # Undeclared: hex first, then base64, then raw length.
    assert strength.decoded_length(raw.hex()) == 32
    assert strength.decoded_length(base64.b64encode(raw).decode()) == 32
    assert strength.decoded_length("short") == 5


@pytest.mark.parametrize(
    ("value", "bits"),
    [
        ("z" * 64, 64 * 4.7004),  # 64 lowercase letters (patterns are not capacity's business)
        ("0" * 64, 64 * 3.3219),
        ("3f1c6b0e-8d2a-4c1e-9b7f-2a5d6e8f9a0b", 122),  # a v4 UUID
        ("A" * 43 + "=", 256),  # base64 carries whole bytes
    ],
)
def test_capacity(value: str, bits: float) -> None:
    assert strength.capacity_bits(value) == pytest.approx(bits, abs=0.1)


@pytest.mark.parametrize(
    ("value", "kinds"),
    [
        ("mysupersecretkey2024", {"word", "year"}),
        ("MySuperSecretKey2024!", {"word", "year"}),
        ("Th1sIsMyS3cretK3y!", {"word"}),  # l33t is undone before the dictionary lookup
        ("correct-horse-battery-staple", {"word"}),
        ("qwertyuiop123456", None),
        ("my-app-jwt-secret-2024", {"word", "year"}),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", {"repeat"}),
        ("abcdefghijklmnopqrstuvwxyz012345", None),
        ("1qaz2wsx3edc4rfv5tgb", {"keyboard"}),
    ],
)
def test_hand_made_secrets_are_patterned(value: str, kinds: set[str] | None) -> None:
    est = strength.estimate(value)
    assert est.patterned
    assert est.bits < 0.75 * est.capacity
    if kinds is not None:
        assert kinds <= set(est.pattern_kinds())


def test_estimate_never_exceeds_capacity_and_holds_no_value() -> None:
    value = "MySuperSecretKey2024!"
    est = strength.estimate(value)
    assert est.bits <= est.capacity
    assert value not in repr(est)
    assert "Super" not in repr(est)
    assert strength.entropy_bits(value) == est.bits


def test_long_values_are_judged_by_capacity_only() -> None:
    value = "password" * 40  # 320 characters: beyond pattern analysis
    est = strength.estimate(value)
    assert est.bits == est.capacity
    # ... but the whole-value checks still see it.
    assert strength.weak_reason(value) == "a short part repeated"


def test_estimate_is_fast_enough() -> None:
    import time

    rng = random.Random(RNG_SEED)
    values = [base64.b64encode(rng.randbytes(48)).decode() for _ in range(200)]
    start = time.perf_counter()
    for v in values:
        strength.estimate(v)
    # Measured at about 1 ms per 64-character value; a generous bound for slow CI.
    assert time.perf_counter() - start < 4.0


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("supersecret", "a well-known weak or default secret"),
        ("SuperSecret", "a well-known weak or default secret"),
        ("keyboard cat", "a well-known weak or default secret"),
        ("your-256-bit-secret", "a well-known weak or default secret"),
        ("minioadmin", "a well-known weak or default secret"),
        ("  'password123'  ", "a well-known weak or default secret"),
        ("0" * 64, "one character repeated"),
        (base64.urlsafe_b64encode(bytes(32)).decode(), "one character repeated"),  # a zero Fernet key
        ("abababababab", "made of only two distinct characters"),
        ("lkjhgfds", "a keyboard run"),
        ("yxcvbnm,", "a keyboard run"),  # QWERTZ bottom row
        ("stuvwxyz", "a character sequence"),
        ("ponmlkji", "a character sequence"),
        ("xyzxyzxyzxyz", "a short part repeated"),
        ("django-insecure-" + "k" * 10 + "7#z", "a key Django generated for development (`django-insecure-…`)"),
    ],
)
def test_weak_reason(value: str, reason: str) -> None:
    assert strength.weak_reason(value) == reason


@pytest.mark.parametrize("value", ["", "   ", "Zx9#q", "correct-horse-battery-staple-42"])
def test_weak_reason_none(value: str) -> None:
    assert strength.weak_reason(value) is None


def test_data_lists_are_loaded_and_ranked() -> None:
    weak = strength.weak_values()
    assert len(weak) > 10_000
    assert weak["secret"] < weak["dragon"]  # curated head first, then by frequency
    words = strength.dictionary()
    assert words["secret"] < 100
    assert "the" in words
    # The placeholder words stay placeholders: the weak list does not claim them.
    assert "changeme" not in weak
    assert "todo" not in weak


@pytest.mark.parametrize(("kind", "table"), [("weak", strength.weak_values), ("words", strength.dictionary)])
def test_lexicon_holds_exactly_the_table(kind: str, table: Callable[[], dict[str, int]]) -> None:
    # The packed, part-by-part form used on the hot path must answer like the plain dict.
    lexicon = strength.Lexicon(strength.Lexicon.pack(table()))
    full = table()
    assert all(lexicon.get(word) == rank for word, rank in full.items())
    for probe in ("zq", "zqxj", "secretx", "x", ""):
        assert lexicon.get(probe) == full.get(probe)
    cached = strength._lexicon(kind)
    assert all(cached.get(word) == rank for word, rank in list(full.items())[:2000])


def test_generation_command() -> None:
    assert strength.generation_command(256) == "openssl rand -base64 32"
    assert strength.generation_command(128) == "openssl rand -base64 32"
    assert strength.generation_command(512, "hex") == "openssl rand -hex 64"
    assert "token_urlsafe(32)" in strength.generation_command(256, "base64url")


def test_shannon_and_classes() -> None:
    assert strength.shannon_bits_per_char("") == 0
    assert strength.shannon_bits_per_char("aaaa") == 0
    assert strength.shannon_bits_per_char("abcd") == pytest.approx(2.0)
    assert strength.char_classes("aB3!é ") == frozenset({"lower", "upper", "digit", "symbol", "other", "space"})
    assert strength.bits_text(127.9) == "about 127 bits"


def test_encoded_text_is_judged_as_its_text() -> None:
    # `echo -n supersecret | base64`, Kubernetes-style: no stronger than the text itself.
    wrapped = base64.b64encode(b"supersecret").decode()
    assert strength.weak_reason(wrapped) == "the base64 encoding of a well-known weak or default secret"
    est = strength.estimate(base64.b64encode(b"mysupersecretkey2024").decode())
    assert est.encoded == "base64"
    assert est.patterned
    assert est.capacity < 110
    assert strength.estimate(b"my-jwt-secret-2024".hex()).encoded == "hex"
    assert strength.decoded_text(base64.urlsafe_b64encode(b"k8s-secret-value").decode()) == (
        "base64",
        "k8s-secret-value",
    )
    # Random bytes and short values are not text.
    assert strength.decoded_text(bytes(range(200, 232)).hex()) is None
    assert strength.decoded_text("abcd") is None
