"""How strong is a secret? Pure functions, no I/O beyond the package's data files.

Two separate questions, because mixing them either passes hand-made secrets or fails
good random ones:

* **Capacity**: how many bits could a value of this length and alphabet carry if every
  character were random? 64 hex characters carry 256 bits, 32 hex characters 128 (RFC
  7518 asks HS256 keys for 256), 44 base64 characters (``openssl rand -base64 32``) 256.
  :func:`capacity_bits` answers it from the declared encoding or the smallest standard
  alphabet that holds every character.
* **Guessability**: how cheaply can the value be described by patterns people use?
  :func:`estimate` finds the cheapest description made of dictionary words (charged
  ``log2(rank)`` bits), keyboard runs, character sequences, repeats, years and random
  characters, as zxcvbn does in spirit, and reports it as ``bits``.

A random value can contain a short word or ``abc`` by chance, so :attr:`Estimate.patterned`
only calls a value patterned when the patterns explain a large share of it (at least 16
bits and a quarter of its capacity). Requirements (``min_bits``) are compared with the
capacity; the patterned test catches ``MySuperSecretKey2024!`` whatever its length.

Nothing here returns or stores a value: results hold numbers, names of alphabets and
pattern kinds with positions.
"""

from __future__ import annotations

import base64
import binascii
import functools
import itertools
import math
import re
import string
from collections import Counter
from pathlib import Path

from envguard.core.record import Record

_DATA = Path(__file__).with_name("data")

ENCODINGS = ("base64", "base64url", "hex", "ascii", "any")

# Longer values are judged by capacity only: pattern analysis is quadratic-ish in length
# and nobody types a 300-character secret by hand.
MAX_ANALYSED = 256
MIN_WORD = 3  # dictionary words shorter than this count only from the first block
SHORT_WORD_BLOCK = 100  # the hand-picked head of words.txt

# A value is "patterned" when patterns save at least this many bits...
PATTERN_MIN_SAVING = 16.0
# ...and the cheapest description is at most this share of the capacity.
PATTERN_MAX_RATIO = 0.75

_PRINTABLE = frozenset(chr(c) for c in range(0x20, 0x7F))
_HEX = frozenset(string.hexdigits)
_DIGITS = frozenset(string.digits)
_LOWER = frozenset(string.ascii_lowercase)
_UPPER = frozenset(string.ascii_uppercase)
_ALNUM = frozenset(string.ascii_letters + string.digits)
_B64 = _ALNUM | {"+", "/"}
_B64URL = _ALNUM | {"-", "_"}
_UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


# --- alphabets ---------------------------------------------------------------------------


class Alphabet(Record):
    """The set a value's characters are taken to be drawn from."""

    name: str
    size: int

    @property
    def bits_per_char(self) -> float:
        return math.log2(self.size) if self.size > 1 else 0.0


DECIMAL = Alphabet("decimal", 10)
HEX = Alphabet("hex", 16)
LOWER = Alphabet("lowercase letters", 26)
UPPER = Alphabet("uppercase letters", 26)
LOWER_ALNUM = Alphabet("lowercase letters and digits", 36)
UPPER_ALNUM = Alphabet("uppercase letters and digits", 36)
ALNUM = Alphabet("letters and digits", 62)
BASE64 = Alphabet("base64", 64)
BASE64URL = Alphabet("base64url", 64)
ASCII = Alphabet("printable ASCII", 95)
UNICODE = Alphabet("unicode", 128)

_DECLARED = {"hex": HEX, "base64": BASE64, "base64url": BASE64URL, "ascii": ASCII}


def char_classes(value: str) -> frozenset[str]:
    """Which of lower, upper, digit, symbol, space, other (non-ASCII) occur in ``value``."""
    out = set()
    for ch in value:
        if ch in _LOWER:
            out.add("lower")
        elif ch in _UPPER:
            out.add("upper")
        elif ch in _DIGITS:
            out.add("digit")
        elif ch == " ":
            out.add("space")
        elif ch in _PRINTABLE:
            out.add("symbol")
        else:
            out.add("other")
    return frozenset(out)


def _strip_padding(value: str) -> tuple[str, bool]:
    core = value.rstrip("=")
    return core, len(core) != len(value) and len(value) - len(core) <= 2


def detect_alphabet(value: str) -> Alphabet:
    """The smallest standard alphabet that holds every character of ``value``."""
    core, padded = _strip_padding(value)
    chars = set(core)
    if not chars:
        return ASCII
    if padded:
        if chars <= _B64URL and chars & {"-", "_"}:
            return BASE64URL
        if chars <= _B64:
            return BASE64
    if chars <= _DIGITS:
        return DECIMAL
    # Random hex comes in one case; "DeadBeef" is letters and digits, not hex.
    if chars <= _HEX and not (chars & _LOWER and chars & _UPPER):
        return HEX
    if chars <= _LOWER:
        return LOWER
    if chars <= _UPPER:
        return UPPER
    if chars <= _LOWER | _DIGITS:
        return LOWER_ALNUM
    if chars <= _UPPER | _DIGITS:
        return UPPER_ALNUM
    if chars <= _ALNUM:
        return ALNUM
    if chars <= _B64URL:
        return BASE64URL
    if chars <= _B64:
        return BASE64
    if chars <= _PRINTABLE:
        return ASCII
    return UNICODE


def fits_encoding(value: str, encoding: str | None) -> bool:
    """Whether ``value`` is written in the declared encoding (``any``/None: always)."""
    if encoding in (None, "any"):
        return True
    if encoding == "hex":
        return bool(value) and set(value) <= _HEX and len(value) % 2 == 0
    if encoding == "ascii":
        return set(value) <= _PRINTABLE
    core, _ = _strip_padding(value)
    alphabet = _B64 if encoding == "base64" else _B64URL
    return bool(core) and set(core) <= alphabet and len(core) % 4 != 1


def alphabet_for(value: str, encoding: str | None = None) -> Alphabet:
    """The alphabet to charge ``value``'s characters at.

    A declared encoding is an upper bound: a value declared base64 whose characters all
    fall in the hex digits was almost certainly made by ``openssl rand -hex``, so the
    smaller alphabet wins. A declaration the value does not fit is ignored here (the key
    material rule reports it).
    """
    detected = detect_alphabet(value)
    declared = _DECLARED.get(encoding or "")
    if declared is None or not fits_encoding(value, encoding):
        return detected
    return declared if declared.size < detected.size else detected


def decoded_length(value: str, encoding: str | None = None) -> int | None:
    """Bytes the value decodes to in ``encoding`` (``None`` when it does not decode).

    With no declared encoding: hex if it is even-length hex, else base64/base64url if
    it decodes, else its UTF-8 length (a raw key).
    """
    if encoding == "hex":
        return len(value) // 2 if fits_encoding(value, "hex") else None
    if encoding in ("base64", "base64url"):
        if not fits_encoding(value, encoding):
            return None
        core, _ = _strip_padding(value)
        try:
            data = base64.b64decode(
                core + "=" * (-len(core) % 4),
                altchars=b"-_" if encoding == "base64url" else None,
                validate=True,
            )
        except (binascii.Error, ValueError):
            return None
        return len(data)
    if encoding == "ascii":
        return len(value.encode("utf-8", "surrogateescape"))
    if fits_encoding(value, "hex") and len(value) >= 16:
        return len(value) // 2
    for enc in ("base64url", "base64"):
        n = decoded_length(value, enc)
        if n is not None and len(value) >= 16:
            return n
    return len(value.encode("utf-8", "surrogateescape"))


def capacity_bits(value: str, encoding: str | None = None) -> float:
    """Bits a random value of this length and alphabet would carry."""
    if _UUID_RE.fullmatch(value):
        return 122.0  # a version-4 UUID: 6 of its 128 bits are fixed
    alphabet = alphabet_for(value, encoding)
    if alphabet in (BASE64, BASE64URL):
        core, _ = _strip_padding(value)
        # Base64 text carries whole bytes: 43 characters are 32 bytes, not 258 bits.
        return float(min(len(core) * 6, (len(core) * 6 // 8) * 8))
    return len(value) * alphabet.bits_per_char


def shannon_bits_per_char(value: str) -> float:
    """Empirical Shannon entropy of the character distribution (bits per character).

    Only a hint: a random 32-character hex string scores about 3.5, not 4, because 32
    draws rarely cover all 16 symbols evenly. Use :func:`estimate` to judge strength.
    """
    if not value:
        return 0.0
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


# --- data files --------------------------------------------------------------------------


def _data_lines(name: str) -> list[str]:
    text = (_DATA / name).read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line and not line.startswith("# ")]


def _ranked(lines: list[str]) -> dict[str, int]:
    """word -> its first line index. The data files are stored lower-cased and stripped
    (tests/test_data_files.py keeps them so), so this is one C-level pass: built from
    the end, the first occurrence of a duplicate wins. Loading runs on the hook path."""
    n = len(lines)
    return dict(zip(reversed(lines), range(n - 1, -1, -1), strict=True))


@functools.cache
def weak_values() -> dict[str, int]:
    """Known weak secrets (lowercased) and their rank, most common first (a repeated
    line does not take a rank). The whole table: lookups go through :func:`_lexicon`."""
    return _build_weak_values()


def _build_weak_values() -> dict[str, int]:
    unique = list(dict.fromkeys(_data_lines("weak-secrets.txt")))
    return dict(zip(unique, range(len(unique)), strict=True))


@functools.cache
def dictionary() -> dict[str, int]:
    """Every word the estimator recognises, with the lower of its ranks in the weak-secret
    and word lists. The whole table: lookups go through :func:`_lexicon`."""
    return _build_dictionary()


def _build_dictionary() -> dict[str, int]:
    lines = _data_lines("words.txt")
    words = _ranked(lines[SHORT_WORD_BLOCK:])
    short = [w for w in words if len(w) < MIN_WORD]
    for w in short:
        del words[w]
    words = {w: rank + SHORT_WORD_BLOCK for w, rank in words.items()}
    for w, rank in _ranked(lines[:SHORT_WORD_BLOCK]).items():
        words[w] = rank
    for w, rank in _build_weak_values().items():
        if len(w) >= MIN_WORD and w.isalnum():
            words[w] = min(words.get(w, rank), rank)
    return words


class _Part(Record):
    ranks: dict[str, int]
    starts4: frozenset[str]  # first 4 characters of the part's words (for pruning)


_EMPTY = _Part({}, frozenset())


class Lexicon:
    """A word -> rank table split by the words' first three characters (shorter words
    in one part of their own), each part decoded on first use.

    Decoding the whole ~30,000-entry table costs ~10 ms on every process start (the hook
    and ``envguard.load()`` pay it), while judging a secret touches a few of its ~3,000
    parts: most three-character pieces of a random value begin no word at all. The packed
    form (per part: the words joined by newlines and their ranks as an ``array('I')``) is
    what the disk cache keeps; marshal loads it as a few thousand strings instead of
    30,000.
    """

    __slots__ = ("_packed", "_parts")
    LAYOUT = 3  # part key length: in the disk cache's file name, so a change rebuilds it

    def __init__(self, packed: dict[str, tuple[str, bytes]]) -> None:
        self._packed = packed
        self._parts: dict[str, _Part | None] = {}

    @staticmethod
    def pack(table: dict[str, int]) -> dict[str, tuple[str, bytes]]:
        from array import array

        grouped: dict[str, list[tuple[str, int]]] = {}
        for word, rank in table.items():
            grouped.setdefault(word[:3] if len(word) >= 3 else "", []).append((word, rank))
        return {
            key: ("\n".join(w for w, _ in items), array("I", (r for _, r in items)).tobytes())
            for key, items in grouped.items()
        }

    def part(self, start: str) -> _Part | None:
        """The words beginning with ``start`` (three characters; "" for the words shorter
        than that), or None if there are none."""
        try:
            return self._parts[start]
        except KeyError:
            pass
        packed = self._packed.get(start)
        part = None
        if packed is not None:
            from array import array

            words = packed[0].split("\n")
            ranks = array("I")
            ranks.frombytes(packed[1])
            part = _Part(dict(zip(words, ranks, strict=True)), frozenset(w[:4] for w in words if len(w) >= 4))
        self._parts[start] = part
        return part

    def get(self, word: str) -> int | None:
        part = self.part(word[:3] if len(word) >= 3 else "")
        return None if part is None else part.ranks.get(word)

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None


@functools.cache
def _lexicon(kind: str) -> Lexicon:
    """The weak-secret list ("weak") or the estimator's dictionary ("words"), packed and
    kept in envguard's disk cache."""
    from envguard.core.cache import cached

    sources = [_DATA / "weak-secrets.txt"] if kind == "weak" else [_DATA / "words.txt", _DATA / "weak-secrets.txt"]
    table = _build_weak_values if kind == "weak" else _build_dictionary
    return Lexicon(cached(f"{kind}-lexicon{Lexicon.LAYOUT}", sources, lambda: Lexicon.pack(table())))


class _Keyboard(Record):
    rows: tuple[str, ...]  # each keyboard line, both directions
    starts: frozenset[str]  # every 4 characters of a row: a run begins with one of these
    longest: int


@functools.cache
def _keyboard() -> _Keyboard:
    """The keyboard lines. A run is any 4+ characters of one of them; the set of every such
    run (~10,000 strings) used to be built on each start, while a random value rarely
    shares even 4 characters with a row."""
    rows: list[str] = []
    for line in _data_lines("keyboard-runs.txt"):
        row = "".join(line.split()).lower()
        rows += [row, row[::-1]]
    starts = frozenset(row[i : i + 4] for row in rows for i in range(len(row) - 3))
    return _Keyboard(tuple(rows), starts, max((len(r) for r in rows), default=0))


def _in_row(piece: str, rows: tuple[str, ...]) -> bool:
    return any(piece in row for row in rows)


# --- pattern matching --------------------------------------------------------------------


class Match(Record):
    """A stretch of the value explained by a pattern. Positions only, never the text."""

    kind: str  # word | keyboard | sequence | repeat | block | year
    start: int
    end: int
    bits: float


_LEET_I = str.maketrans(
    {"4": "a", "@": "a", "3": "e", "1": "i", "!": "i", "0": "o", "$": "s", "5": "s", "7": "t", "+": "t"}
)
_LEET_L = str.maketrans(
    {"4": "a", "@": "a", "3": "e", "1": "l", "!": "i", "0": "o", "$": "s", "5": "s", "7": "t", "+": "t"}
)
_KEYBOARD_BITS = math.log2(600)  # about 300 starting keys on the listed lines, 2 directions
_MAX_WORD = 24


def _case_bits(text: str) -> float:
    upper = sum(1 for c in text if c.isupper())
    lower = sum(1 for c in text if c.islower())
    if upper == 0:
        return 0.0
    if lower == 0 or (upper == 1 and text[:1].isupper()):
        return 1.0
    return math.log2(sum(math.comb(upper + lower, k) for k in range(1, min(upper, lower) + 1)))


def find_patterns(value: str) -> list[Match]:
    """Every pattern occurrence in ``value`` (overlapping; :func:`estimate` picks)."""
    v = value[:MAX_ANALYSED]
    n = len(v)
    low = v.lower()
    out: list[Match] = []
    alphabet_bits = detect_alphabet(v).bits_per_char

    # Runs of one character: "aaaa", "0000".
    i = 0
    while i < n:
        j = i
        while j < n and v[j] == v[i]:
            j += 1
        if j - i >= 3:
            for s in range(i, j - 2):
                out.append(Match("repeat", s, j, alphabet_bits + math.log2(j - s)))
        i = j

    # A block repeated right after itself: "abcabc", "secretsecret".
    for s in range(n):
        for b in range(2, min(32, (n - s) // 2) + 1):
            # The first characters must agree: rules out almost every (s, b) without slicing.
            if v[s] == v[s + b] and v[s : s + b] == v[s + b : s + 2 * b]:
                out.append(Match("block", s + b, s + 2 * b, 2 + math.log2(b)))

    # Sequences by code point: "abcd", "4321", "xyz".
    for step in (1, -1):
        i = 0
        while i < n - 2:
            j = i + 1
            while j < n and ord(v[j]) - ord(v[j - 1]) == step and v[j].isalnum() and v[j - 1].isalnum():
                j += 1
            if j - i >= 3:
                for s in range(i, j - 2):
                    base = math.log2(10 if v[s].isdigit() else 26)
                    out.append(Match("sequence", s, j, base + math.log2(j - s) + 1))
            i = max(j - 1, i + 1)

    # Keyboard runs: "qwerty", "asdf", "1qaz2wsx".
    keyboard = _keyboard()
    for s in range(n - 3):
        if low[s : s + 4] not in keyboard.starts:
            continue
        for e in range(s + 4, min(n, s + keyboard.longest) + 1):
            # Runs are closed under taking a prefix: past the first miss nothing matches.
            if not _in_row(low[s:e], keyboard.rows):
                break
            out.append(Match("keyboard", s, e, _KEYBOARD_BITS + math.log2(e - s)))

    # Years: people append them.
    for m in re.finditer(r"(?=((?:19|20)\d\d))", v):
        out.append(Match("year", m.start(), m.start() + 4, math.log2(120)))

    # Dictionary words, case-insensitive, with common l33t substitutions.
    words = _lexicon("words")
    short = (words.part("") or _EMPTY).ranks
    variants = [low]
    leet_i, leet_l = low.translate(_LEET_I), low.translate(_LEET_L)
    variants += [t for t in (leet_i, leet_l) if t != low]
    best_at: dict[tuple[int, int], float] = {}

    def found(s: int, e: int, text: str, rank: int) -> None:
        subs = sum(1 for k in range(s, e) if text[k] != low[k])
        bits = max(1.0, math.log2(rank + 1)) + _case_bits(v[s:e]) + subs
        key = (s, e)
        if key not in best_at or bits < best_at[key]:
            best_at[key] = bits

    for s in range(n):
        for text in variants:
            rank = short.get(text[s : s + 2]) if s + 2 <= n else None
            if rank is not None:
                found(s, s + 2, text, rank)
            # No word starts with these 3 (or 4) characters: no longer piece can match.
            # This prunes almost every start in a random secret.
            part = words.part(text[s : s + 3]) if s + 3 <= n else None
            if part is None:
                continue
            ranks, starts4 = part
            for e in range(s + 3, min(n, s + _MAX_WORD) + 1):
                piece = text[s:e]
                if e - s == 4 and piece not in starts4:
                    break
                rank = ranks.get(piece)
                if rank is not None:
                    found(s, e, text, rank)
    out.extend(Match("word", s, e, bits) for (s, e), bits in sorted(best_at.items()))
    return out


class Estimate(Record):
    """The strength of one value: numbers and pattern kinds, never the value."""

    bits: float  # the cheapest description found, capped by the capacity
    capacity: float  # what a random value of this length and alphabet carries
    alphabet: Alphabet
    length: int
    patterns: tuple[Match, ...]  # the matches on the cheapest description
    # "base64"/"hex" when the value is an encoding of readable text and these numbers are
    # the text's (`echo -n mysecret | base64` carries no more entropy than `mysecret`).
    encoded: str | None = None

    @property
    def patterned(self) -> bool:
        """Patterns explain too much of the value for it to be random."""
        saving = self.capacity - self.bits
        return saving >= PATTERN_MIN_SAVING and self.bits <= PATTERN_MAX_RATIO * self.capacity

    def pattern_kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.kind for m in self.patterns))

    def describe_patterns(self) -> str:
        """``"dictionary words and a year"``: safe to print."""
        names = {
            "word": "dictionary words",
            "keyboard": "keyboard runs",
            "sequence": "character sequences",
            "repeat": "repeated characters",
            "block": "repeated parts",
            "year": "a year",
        }
        parts = [names[k] for k in self.pattern_kinds()]
        if not parts:
            return "no recognisable pattern"
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


_MIN_DECODED_TEXT = 6


def decoded_text(value: str) -> tuple[str, str] | None:
    """(encoding, text) when ``value`` is hex or base64 of readable ASCII text, else None.

    Random bytes are almost never all printable (32 random bytes: 1 in 10^13), so a value
    that decodes to text was made from text, and is only as strong as that text.
    """
    if len(value) < 8 or len(value) > 4 * MAX_ANALYSED:
        return None
    raw: bytes | None = None
    name = ""
    if fits_encoding(value, "hex"):
        raw, name = bytes.fromhex(value), "hex"
    else:
        for enc in ("base64", "base64url"):
            if fits_encoding(value, enc):
                core, _ = _strip_padding(value)
                try:
                    raw = base64.b64decode(
                        core + "=" * (-len(core) % 4), altchars=b"-_" if enc == "base64url" else None, validate=True
                    )
                except (binascii.Error, ValueError):
                    continue
                name = "base64"
                break
    if raw is None or len(raw) < _MIN_DECODED_TEXT:
        return None
    if not all(0x20 <= b < 0x7F for b in raw) or not any(chr(b).isalpha() for b in raw):
        return None
    return name, raw.decode("ascii")


def estimate(value: str, encoding: str | None = None) -> Estimate:
    """Capacity and cheapest-description bits of ``value``."""
    inner = decoded_text(value)
    if inner is not None:
        enc, text = inner
        return estimate(text)._replace(encoded=enc)
    alphabet = alphabet_for(value, encoding)
    capacity = capacity_bits(value, encoding)
    if len(value) > MAX_ANALYSED or not value:
        return Estimate(capacity, capacity, alphabet, len(value), ())
    per_char = alphabet.bits_per_char
    n = len(value)
    by_start: dict[int, list[Match]] = {}
    for m in find_patterns(value):
        by_start.setdefault(m.start, []).append(m)
    inf = float("inf")
    cost = [inf] * (n + 1)
    back: list[Match | None] = [None] * (n + 1)
    prev = [0] * (n + 1)
    cost[0] = 0.0
    for i in range(n):
        if cost[i] == inf:
            continue
        if cost[i] + per_char < cost[i + 1]:
            cost[i + 1] = cost[i] + per_char
            back[i + 1] = None
            prev[i + 1] = i
        for m in by_start.get(i, ()):
            # A few bits to say where a pattern starts and that one does.
            c = cost[i] + m.bits + 1.0
            if c < cost[m.end]:
                cost[m.end] = c
                back[m.end] = m
                prev[m.end] = i
    used: list[Match] = []
    k = n
    while k > 0:
        step = back[k]
        if step is not None:
            used.append(step)
        k = prev[k]
    return Estimate(min(capacity, cost[n]), capacity, alphabet, n, tuple(reversed(used)))


def entropy_bits(value: str, encoding: str | None = None) -> float:
    """The estimated bits of entropy of ``value`` (see :func:`estimate`)."""
    return estimate(value, encoding).bits


# --- known-weak values -------------------------------------------------------------------


def _is_run(low: str) -> bool:
    return len(low) >= 4 and low[:4] in _keyboard().starts and _in_row(low, _keyboard().rows)


def _is_sequence(v: str) -> bool:
    if len(v) < 4 or not v.isalnum():
        return False
    steps = {ord(b) - ord(a) for a, b in itertools.pairwise(v)}
    return steps in ({1}, {-1})


def weak_reason(value: str) -> str | None:
    """Why ``value`` is a known-weak secret on its own (safe to print), or ``None``.

    Whole-value checks only: the weak-secret list, one character repeated, a keyboard
    run, a sequence, a short block repeated, Django's development key prefix. Values
    that merely contain patterns are judged by :func:`estimate`.
    """
    v = value.strip().strip("'\"`").strip()
    if not v:
        return None
    low = v.lower()
    if low in _lexicon("weak"):
        return "a well-known weak or default secret"
    if low.startswith("django-insecure-"):
        return "a key Django generated for development (`django-insecure-…`)"
    core, _ = _strip_padding(v)
    if len(core) >= 2 and len(set(core)) == 1:
        return "one character repeated"
    if len(core) >= 8 and len(set(core)) <= 2:
        return "made of only two distinct characters"
    if _is_run(low):
        return "a keyboard run"
    if _is_sequence(v):
        return "a character sequence"
    for size in range(1, len(v) // 2 + 1):
        if len(v) % size == 0 and v[:size] * (len(v) // size) == v:
            return "a short part repeated"
    inner = decoded_text(v)
    if inner is not None:
        reason = weak_reason(inner[1])
        if reason is not None:
            return f"the {inner[0]} encoding of {reason}"
    return None


def is_known_weak(value: str) -> bool:
    return weak_reason(value) is not None


# --- advice ------------------------------------------------------------------------------


def generation_command(bits: int, encoding: str | None = None) -> str:
    """A command that prints a random secret of at least ``bits`` bits in ``encoding``."""
    # 32 bytes is the usual advice (NextAuth, RFC 7518 for HS256); more only when asked.
    nbytes = max(32, math.ceil(bits / 8))
    if encoding == "hex":
        return f"openssl rand -hex {nbytes}"
    if encoding == "base64url":
        return f'python -c "import secrets; print(secrets.token_urlsafe({nbytes}))"'
    return f"openssl rand -base64 {nbytes}"


def bits_text(bits: float) -> str:
    """``"about 128 bits"``: rounded down, for messages."""
    return f"about {math.floor(bits + 1e-9)} bits"
