"""SHA-1 and SHA-256 without ``hashlib``'s import of OpenSSL.

``import hashlib`` loads ``_hashlib`` (OpenSSL's bindings): ~4 ms, more than the rest of
a three-file ``envguard scan`` hook spends on imports of its own. envguard hashes short
strings (fingerprints, known values, documented examples), for which CPython's own
built-in implementations are as fast and give the same digests. Builds without them
(``--without-builtin-hashlib-hashes``) get hashlib's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["sha1_hex", "sha256_hex"]


def _builtin() -> tuple[Callable[[bytes], Any], Callable[[bytes], Any]]:
    try:
        from _sha1 import sha1  # type: ignore[import-not-found,unused-ignore]

        try:
            from _sha2 import sha256  # type: ignore[import-not-found,unused-ignore]  # 3.12+
        except ImportError:
            from _sha256 import sha256  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        from hashlib import sha1, sha256
    return sha1, sha256


_SHA1, _SHA256 = _builtin()


def sha1_hex(data: bytes) -> str:
    return str(_SHA1(data).hexdigest())


def sha256_hex(data: bytes) -> str:
    return str(_SHA256(data).hexdigest())
