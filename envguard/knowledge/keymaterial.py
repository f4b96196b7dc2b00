"""Key material: the only module that imports ``cryptography``.

``cryptography`` is imported inside the functions that need it, so ``envguard check`` on
a project without key material never pays for it.

Sections:

* reading key text the way apps receive it (:func:`normalise_pem`): PEM with real
  newlines, with ``\\n`` escapes on one line (PostHog's template, Vercel's UI), with
  spaces where newlines were, or base64 of a whole PEM file;
* inspecting asymmetric keys (:func:`inspect_pem`): kind, algorithm, size, curve and
  whether a private key is encrypted;
* symmetric keys: Fernet keys (:func:`fernet_key_problem`), raw/hex/base64 keys of a
  fixed size (:func:`symmetric_key_problem`), Fernet tokens pasted where a key belongs
  (:func:`is_fernet_token`).

Per-value public-key encryption of env files (EG5xx) will live here too and build on
:func:`load_public_key` / :func:`load_private_key`.

Nothing returned here holds key bytes or echoes them: results carry kinds, sizes and our
own messages (``cryptography``'s exception text is never passed on).
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import TYPE_CHECKING, Any

from envguard.core.record import Record
from envguard.knowledge.strength import decoded_length, fits_encoding

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.types import (
        PrivateKeyTypes,
        PublicKeyTypes,
    )

DEFAULT_MIN_RSA_BITS = 2048
# NIST P-256/384/521 (what JOSE ES256/384/512 and TLS use) plus the Edwards curves.
DEFAULT_CURVES = ("secp256r1", "secp384r1", "secp521r1")
_CURVE_ALIASES = {
    "p-256": "secp256r1", "p256": "secp256r1", "prime256v1": "secp256r1",
    "p-384": "secp384r1", "p384": "secp384r1",
    "p-521": "secp521r1", "p521": "secp521r1",
}  # fmt: skip

_BLOCK_RE = re.compile(r"-----BEGIN ([A-Z0-9 ]{1,40})-----(.*?)-----END \1-----", re.DOTALL)
_HEADER_RE = re.compile(r"^[A-Za-z-]+:\s*\S.*$")
MAX_PEM_CHARS = 64 * 1024


# --- reading key text --------------------------------------------------------------------


def looks_like_pem(value: str) -> bool:
    """A PEM block, possibly escaped or base64-wrapped."""
    return "-----BEGIN " in value or _base64_pem(value) is not None


def _base64_pem(value: str) -> str | None:
    """A whole PEM file base64-encoded into one line (a common way to fit it in .env)."""
    compact = "".join(value.split())
    if not compact.startswith("LS0tLS1CRUdJTi") or len(compact) > MAX_PEM_CHARS:
        return None
    try:
        text = base64.b64decode(compact + "=" * (-len(compact) % 4)).decode("ascii")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    return text if "-----BEGIN " in text else None


class PemBlock(Record):
    label: str  # "PRIVATE KEY", "RSA PRIVATE KEY", "PUBLIC KEY", "CERTIFICATE", ...
    data: bytes  # the re-wrapped block, ready for cryptography's loaders

    def __repr__(self) -> str:  # never show key bytes
        return f"PemBlock(label={self.label!r})"


def normalise_pem(value: str) -> list[PemBlock]:
    """The PEM blocks in ``value``, rebuilt with real newlines and 64-column lines.

    Accepts what apps accept after the usual ``.replace(/\\\\n/g, "\\n")``: escaped
    newlines, CRLF, spaces in place of newlines, surrounding quotes, base64 of a PEM file.
    """
    if len(value) > MAX_PEM_CHARS:
        return []
    text = value.strip().strip("'\"")
    if "-----BEGIN " not in text:
        decoded = _base64_pem(text)
        if decoded is None:
            return []
        text = decoded
    text = text.replace("\\r", "").replace("\\n", "\n").replace("\r\n", "\n").replace("\r", "\n")
    blocks = []
    for m in _BLOCK_RE.finditer(text):
        label = m.group(1).strip()
        headers: list[str] = []
        body_parts: list[str] = []
        for line in m.group(2).split("\n"):
            line = line.strip()
            if not line:
                continue
            if _HEADER_RE.match(line):
                headers.append(line)
            else:
                body_parts.append("".join(line.split()))
        body = "".join(body_parts)
        wrapped = "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
        head = "\n".join(headers) + "\n\n" if headers else ""
        pem = f"-----BEGIN {label}-----\n{head}{wrapped}\n-----END {label}-----\n"
        blocks.append(PemBlock(label, pem.encode("ascii", "replace")))
    return blocks


# --- asymmetric keys ---------------------------------------------------------------------


class KeyInfo(Record):
    """What a PEM block holds. No key bytes."""

    label: str
    kind: str  # "private" | "public" | "certificate" | "other"
    algorithm: str | None = None  # "RSA", "EC", "Ed25519", "Ed448", "DSA", ... (None: unknown)
    bits: int | None = None
    curve: str | None = None
    encrypted: bool = False
    error: str | None = None  # why it does not parse, in our words

    @property
    def ok(self) -> bool:
        return self.error is None


def _kind_of(label: str) -> str:
    if "PRIVATE KEY" in label:
        return "private"
    if "PUBLIC KEY" in label:
        return "public"
    if label in ("CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"):
        return "certificate"
    return "other"


def _describe_key(key: Any) -> tuple[str, int | None, str | None]:
    from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa, x448, x25519

    if isinstance(key, (rsa.RSAPrivateKey, rsa.RSAPublicKey)):
        return "RSA", key.key_size, None
    if isinstance(key, (ec.EllipticCurvePrivateKey, ec.EllipticCurvePublicKey)):
        return "EC", key.curve.key_size, key.curve.name
    if isinstance(key, (ed25519.Ed25519PrivateKey, ed25519.Ed25519PublicKey)):
        return "Ed25519", 256, "ed25519"
    if isinstance(key, (ed448.Ed448PrivateKey, ed448.Ed448PublicKey)):
        return "Ed448", 456, "ed448"
    if isinstance(key, (x25519.X25519PrivateKey, x25519.X25519PublicKey)):
        return "X25519", 256, "x25519"
    if isinstance(key, (x448.X448PrivateKey, x448.X448PublicKey)):
        return "X448", 448, "x448"
    if isinstance(key, (dsa.DSAPrivateKey, dsa.DSAPublicKey)):
        return "DSA", key.key_size, None
    return type(key).__name__, None, None


def _legacy_encrypted(block: PemBlock) -> bool:
    return b"Proc-Type: 4,ENCRYPTED" in block.data


def inspect_block(block: PemBlock) -> KeyInfo:
    """Parse one block with ``cryptography`` (no password: encrypted keys stay closed)."""
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization

    kind = _kind_of(block.label)
    label = block.label
    try:
        if kind == "private":
            if label == "ENCRYPTED PRIVATE KEY" or _legacy_encrypted(block):
                algorithm = label.split()[0] if label.split()[0] in ("RSA", "EC", "DSA") else None
                return KeyInfo(label, kind, algorithm, encrypted=True)
            loaded: PrivateKeyTypes
            try:
                if label == "OPENSSH PRIVATE KEY":
                    loaded = serialization.load_ssh_private_key(block.data, password=None)
                else:
                    loaded = serialization.load_pem_private_key(block.data, password=None)
            except TypeError:
                # cryptography raises TypeError when a password is needed but not given.
                return KeyInfo(label, kind, None, encrypted=True)
            algorithm, bits, curve = _describe_key(loaded)
            return KeyInfo(label, kind, algorithm, bits, curve)
        if kind == "public":
            pub: PublicKeyTypes = serialization.load_pem_public_key(block.data)
            algorithm, bits, curve = _describe_key(pub)
            return KeyInfo(label, kind, algorithm, bits, curve)
        if kind == "certificate":
            from cryptography import x509

            cert = x509.load_pem_x509_certificate(block.data)
            algorithm, bits, curve = _describe_key(cert.public_key())
            return KeyInfo(label, kind, algorithm, bits, curve)
    except UnsupportedAlgorithm:
        return KeyInfo(label, kind, error="uses an algorithm this version of cryptography cannot read")
    except (ValueError, TypeError):
        what = {"private": "private key", "public": "public key", "certificate": "certificate"}[kind]
        return KeyInfo(label, kind, error=f"does not parse as a PEM {what} (truncated, mangled or not a key)")
    return KeyInfo(label, kind)


def inspect_pem(value: str) -> list[KeyInfo]:
    """Every PEM block in ``value``, inspected. Empty when there is none.

    A value that starts a PEM block but never ends it is reported as one broken block.
    """
    blocks = normalise_pem(value)
    if blocks:
        return [inspect_block(b) for b in blocks]
    text = value.replace("\\n", "\n")
    m = re.search(r"-----BEGIN ([A-Z0-9 ]{1,40})-----", text)
    if m is None:
        return []
    label = m.group(1).strip()
    kind = _kind_of(label)
    return [KeyInfo(label, kind, error=f"has `-----BEGIN {label}-----` but no matching END line (truncated?)")]


def normalise_curve(name: str) -> str:
    low = name.strip().lower()
    return _CURVE_ALIASES.get(low, low)


def asymmetric_problems(
    info: KeyInfo,
    *,
    min_rsa_bits: int = DEFAULT_MIN_RSA_BITS,
    curves: tuple[str, ...] | None = None,
) -> list[str]:
    """Why a parsed key is too weak (empty when fine). Safe-to-print reasons."""
    out: list[str] = []
    if info.algorithm == "RSA" and info.bits is not None and info.bits < min_rsa_bits:
        out.append(f"is a {info.bits}-bit RSA key; use at least {min_rsa_bits} bits")
    if info.algorithm == "DSA":
        out.append("is a DSA key; DSA is deprecated (FIPS 186-5): use Ed25519, ECDSA P-256 or RSA")
    if info.algorithm == "EC" and info.curve is not None:
        accepted = tuple(normalise_curve(c) for c in (curves or DEFAULT_CURVES))
        if normalise_curve(info.curve) not in accepted:
            out.append(f"is on the curve {info.curve}, which is not accepted here ({', '.join(accepted)})")
    return out


def load_private_key(value: str, password: bytes | None = None) -> PrivateKeyTypes:
    """The first private key in ``value`` (for callers that need the key object)."""
    from cryptography.hazmat.primitives import serialization

    for block in normalise_pem(value):
        if _kind_of(block.label) == "private":
            if block.label == "OPENSSH PRIVATE KEY":
                return serialization.load_ssh_private_key(block.data, password=password)
            return serialization.load_pem_private_key(block.data, password=password)
    raise ValueError("no PEM private key found")


def load_public_key(value: str) -> PublicKeyTypes:
    """The first public key in ``value`` (a PUBLIC KEY block or a certificate's key)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    for block in normalise_pem(value):
        kind = _kind_of(block.label)
        if kind == "public":
            return serialization.load_pem_public_key(block.data)
        if kind == "certificate":
            return x509.load_pem_x509_certificate(block.data).public_key()
    raise ValueError("no PEM public key found")


# --- symmetric keys ----------------------------------------------------------------------

FERNET_KEY_HINT = (
    'generate one with `python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`'
)


def is_fernet_token(value: str) -> bool:
    """A Fernet *token* (an encrypted message): version byte 0x80, so it starts ``gAAAAA``.

    Layout (Fernet spec): version(1) ‖ timestamp(8) ‖ IV(16) ‖ ciphertext(16·k) ‖ HMAC(32).
    """
    v = value.strip()
    if not v.startswith("gAAAAA") or len(v) < 96 or len(v) > 1_000_000:
        return False
    try:
        raw = base64.urlsafe_b64decode(v + "=" * (-len(v) % 4))
    except (binascii.Error, ValueError):
        return False
    return len(raw) >= 73 and raw[0] == 0x80 and (len(raw) - 57) % 16 == 0


def fernet_key_problem(value: str) -> str | None:
    """Why ``value`` is not a usable Fernet key, or ``None`` if ``cryptography`` accepts it."""
    if is_fernet_token(value):
        return "holds a Fernet token (an encrypted message starting `gAAAAA`), not a key"
    from cryptography.fernet import Fernet

    try:
        Fernet(value.encode("utf-8", "surrogateescape"))
    except (ValueError, TypeError):
        n = decoded_length(value, "base64url")
        if n is None:
            n = decoded_length(value, "base64")
        if n is None:
            return "is not url-safe base64; a Fernet key is 32 bytes as 44 url-safe base64 characters"
        return f"decodes to {n} bytes; a Fernet key is 32 bytes (44 url-safe base64 characters)"
    return None


def symmetric_key_problem(value: str, size: int, encoding: str | None = None) -> str | None:
    """Why ``value`` is not a ``size``-byte key in any accepted spelling, or ``None``.

    Accepted: ``2·size`` hex characters, base64 or base64url decoding to ``size`` bytes,
    or ``size`` raw characters (only when no encoding, or ``ascii``, is declared).
    """
    if is_fernet_token(value):
        return "holds a Fernet token (an encrypted message starting `gAAAAA`), not a key"
    b64_chars = (size + 2) // 3 * 4
    declared = encoding if encoding not in (None, "any") else None
    if declared is not None:
        if not fits_encoding(value, declared):
            return f"is declared `encoding: {declared}` but is not valid {declared}"
        n = decoded_length(value, declared)
        if n == size:
            return None
        if declared == "hex":
            expected = f"{2 * size} hex characters"
        elif declared == "ascii":
            expected = f"{size} characters"
        else:
            expected = f"{b64_chars} {declared} characters"
        return f"decodes to {n} bytes; a {size * 8}-bit key is {size} bytes ({expected})"
    for enc in ("hex", "base64url", "base64"):
        if fits_encoding(value, enc) and decoded_length(value, enc) == size:
            return None
    if len(value.encode("utf-8", "surrogateescape")) == size:
        return None
    return (
        f"is not a {size}-byte key: expected {2 * size} hex characters, {b64_chars} base64 "
        f"characters or {size} raw characters"
    )


KEY_SIZES = {"aes-128": 16, "aes-256": 32}
