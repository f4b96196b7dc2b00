"""The prefilter: one pass of one regular expression over each file.

Every anchor (a provider prefix, a secret keyword, ``://`` with a password, ``eyJ``, a
quote before a long token, the first characters of a known value...) is a literal,
optionally followed by a lookahead. The literals are merged into a trie so that the
regex engine rejects most positions after one character comparison; the pattern runs
over the lower-cased text, so keywords need no case-insensitive matching (which is
several times slower in Python's engine). Lookaheads keep the matches short; an anchor
that starts inside another's literal (``apikey`` in ``ddapikey``) is looked for with a
few ``match`` calls at the offsets where that can happen (:meth:`Prefilter.inner_offsets`).

Only the lines the prefilter hits reach the detectors; a file without hits costs one
``str.lower`` and one regex scan.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from envguard.scanner.detectors import DETECTORS
from envguard.scanner.model import FrozenRecord

# Families of detectors, used as tags on candidate lines.
PROVIDER = "provider"
KEYWORD = "keyword"
URL = "url"
PEM = "pem"
PEM_B64 = "pem-b64"
JWT = "jwt"
AUTH = "auth"
DS = "ds"  # formats only detect-secrets knows: route the line through the adapter
DSN = "dsn"  # connection strings that are not URLs: ``user:pw@tcp(…)``, ``…;Password=…;``
ENTROPY = "entropy"
KNOWN = "known"


class Anchor(FrozenRecord):
    """A lower-case literal the prefilter looks for, its tag, a regex (on lower-cased
    text) that must follow it, and the provider detector it stands for."""

    __slots__ = ("detector", "literal", "lookahead", "tag")
    _fields = ("literal", "tag", "lookahead", "detector")
    literal: str
    tag: str
    lookahead: str
    detector: str | None

    def __init__(self, literal: str, tag: str, lookahead: str = "", detector: str | None = None) -> None:
        object.__setattr__(self, "literal", literal)
        object.__setattr__(self, "tag", tag)
        object.__setattr__(self, "lookahead", lookahead)
        object.__setattr__(self, "detector", detector)

    def __repr__(self) -> str:
        if self.tag != KNOWN:
            return super().__repr__()
        # A known value's anchor is its first characters: show only how many.
        return f"Anchor(literal=<{len(self.literal)} characters>, tag={self.tag!r})"


_KEYWORD_ANCHORS = (
    Anchor("pass", KEYWORD),
    Anchor("pwd", KEYWORD),
    Anchor("secret", KEYWORD),
    Anchor("token", KEYWORD),
    Anchor("credential", KEYWORD),
    Anchor("creds", KEYWORD),
    Anchor("api_key", KEYWORD),
    Anchor("apikey", KEYWORD),
    Anchor("api-key", KEYWORD),
    Anchor("contrase", KEYWORD),
    Anchor("salt", KEYWORD, r"[\w.-]{0,30}[\"'\]]{0,2}\s{0,3}(?:[:=,>]|=>|[?+]=)"),
    Anchor("auth", KEYWORD, r"[\w.-]{0,30}[\"'\]]{0,2}\s{0,3}(?:[:=,>]|=>|[?+]=)"),
    # ``key`` alone is everywhere in code: only when an assignment follows the name (Make's
    # ``?=`` too), or when the name ends the line: ``- name: DD_APP_KEY`` is followed by
    # its ``value:`` on the next one.
    Anchor("key", KEYWORD, r"[\w.-]{0,30}(?:[\"'\]]{0,2}\s{0,3}(?:[:=,>(]|=>|[?+]=)|[\"']?[ \t]*(?:\r?\n|$))"),
    Anchor("identified by", KEYWORD),
    # Dockerfile ``ENV NAME value``: no operator after the name.
    Anchor("env ", KEYWORD, r"[a-z0-9_]*(?:key|secret|token|pass|pwd|auth|credential)[a-z0-9_]*[\s=]"),
    Anchor("arg ", KEYWORD, r"[a-z0-9_]*(?:key|secret|token|pass|pwd|auth|credential)[a-z0-9_]*[\s=]"),
    Anchor("_pat", KEYWORD, r"\b"),
)

_STRUCTURAL_ANCHORS = (
    Anchor("://", URL, r"[^\s/@'\"<>]{0,256}:[^\s/@'\"<>]{1,256}@"),
    Anchor("-----begin", PEM, r"[a-z0-9 ]{0,30}private key"),
    Anchor("putty-user-key-file-", PEM),
    Anchor("ls0tls1crudjti", PEM_B64),  # base64 of "-----BEGIN"
    Anchor("eyj", JWT, r"[a-z0-9_-]{8,}\.eyj"),
    Anchor("bearer", AUTH, r"\s+[a-z0-9._~+/=-]{16}"),
    Anchor("token ", AUTH, r"\s*[a-z0-9._~+/=-]{16}"),
    Anchor("bot ", AUTH, r"\s*[a-z0-9._~+/=-]{16}"),
    Anchor("basic", AUTH, r"\s+[a-z0-9+/]{8}"),
    Anchor("-u", AUTH, r"\s+['\"]?[^\s:'\"$]+:[^\s'\"]"),
    Anchor("docker login", AUTH),
    Anchor("sshpass", AUTH),
    Anchor("mysql", AUTH, r"[^\n]*\s-p[^\s-]"),
    Anchor("--user", AUTH, r"[\s=]+['\"]?[^\s:'\"$]+:[^\s'\"]"),
    Anchor("@tcp(", DSN),
    Anchor("@tcp6(", DSN),
    Anchor("@udp(", DSN),
    Anchor("@unix(", DSN),
    Anchor("password", DSN, r"[ \t]{0,3}=[ \t]{0,3}[^\s=]"),
    Anchor("pwd", DSN, r"[ \t]{0,3}=[ \t]{0,3}[^\s=]"),
)

# Formats that only detect-secrets' plugins know (Artifactory, Cloudant, IBM, Mailchimp,
# SoftLayer, Discord bot tokens): lines with these go through the adapter.
_DS_ANCHORS = (
    Anchor("akc", DS, r"[a-z0-9]{10}"),
    Anchor("ap", DS, r"[0-9a-f][a-z0-9]{8,}(?:[\s\"]|$)"),
    Anchor("cloudant", DS),
    Anchor("ibm", DS),
    Anchor("-us", DS, r"\d{1,2}\b"),
    Anchor("softlayer", DS),
    Anchor("discord", DS),
)

# The anchors above run on lower-cased text; before a line is handed to detect-secrets its
# original case must show one of these shapes (detect-secrets' own, case-sensitive).
DS_CONFIRM = re.compile(
    r"(?:^|[\s=:\"])AKC[a-zA-Z0-9]{10,}"
    r"|(?:^|[\s=:\"])AP[\dABCDEF][a-zA-Z0-9]{8,}(?:[\s\"]|$)"
    r"|[MNO][a-zA-Z\d_-]{23,25}\.[a-zA-Z\d_-]{6}\.[a-zA-Z\d_-]{27}"
    r"|[0-9a-z]{32}-us[0-9]{1,2}"
    r"|(?i:ibm|cloudant|softlayer)[^\n]{0,80}?(?:[A-Za-z0-9_-]{44}|[a-f0-9]{48}|[0-9a-f]{64}|[a-z]{24})"
    r"|(?i:cloudant)[^\n]*://",
    re.MULTILINE,
)

_ENTROPY_ANCHORS = tuple(Anchor(q, ENTROPY, r"[a-z0-9+/=_-]{24}") for q in ('"', "'", "`"))


@functools.cache
def static_anchors() -> tuple[Anchor, ...]:
    provider = tuple(Anchor(a.lower(), PROVIDER, d.anchor_lookahead, d.id) for d in DETECTORS for a in d.anchors)
    return provider + _KEYWORD_ANCHORS + _STRUCTURAL_ANCHORS + _DS_ANCHORS


class _Node:
    __slots__ = ("children", "ends")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.ends: set[str] | None = None  # lookaheads of anchors ending here


def _trie_regex(anchors: Iterable[Anchor]) -> str:
    """A regex matching any anchor, factored as a trie on the literals."""
    root = _Node()
    for a in anchors:
        node = root
        for ch in a.literal:
            node = node.children.setdefault(ch, _Node())
        if node.ends is None:
            node.ends = set()
        node.ends.add(a.lookahead)

    def emit(node: _Node) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.children.items())]
        if node.ends is not None:
            if "" in node.ends:
                tail = ""
            elif len(node.ends) == 1:
                tail = "(?=" + next(iter(node.ends)) + ")"
            else:
                tail = "(?=(?:" + ")|(?:".join(sorted(node.ends)) + "))"
            if not branches:
                return tail
            return "(?:" + "|".join(branches) + "|" + tail + ")"
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return emit(root)


class Prefilter:
    """The compiled anchors of one configuration (static ones plus known values)."""

    def __init__(self, *, entropy: bool, known: Iterable[str] = ()) -> None:
        anchors = list(static_anchors())
        if entropy:
            anchors.extend(_ENTROPY_ANCHORS)
        anchors.extend(Anchor(k, KNOWN) for k in known)
        self.regex = re.compile(_trie_regex(anchors))
        self._by_literal: dict[str, list[Anchor]] = {}
        for a in anchors:
            self._by_literal.setdefault(a.literal, []).append(a)
        self._lengths = sorted({len(lit) for lit in self._by_literal}, reverse=True)

        self._cache: dict[str, tuple[Anchor, ...]] = {}
        self._inner: dict[str, tuple[tuple[int, tuple[str, ...]], ...]] = {}

    def inner_offsets(self, matched: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """(offset, literals) inside a matched literal where another anchor could start:
        a match consumes its literal, which would hide ``apikey`` behind ``dapi`` in
        ``ddapikey``. The literals are the ones to test with ``str.startswith`` first."""
        found = self._inner.get(matched)
        if found is None:
            out = []
            for k in range(1, len(matched)):
                rest = matched[k:]
                lits = tuple(lit for lit in self._by_literal if lit.startswith(rest) or rest.startswith(lit))
                if lits:
                    out.append((k, lits))
            found = self._inner[matched] = tuple(out)
        return found

    def anchors_for(self, matched: str) -> tuple[Anchor, ...]:
        """Every anchor whose literal starts the matched text (``sk-ant-`` and ``sk-``).

        The regex's lookaheads consume nothing, so a match is exactly a literal; the
        answer is cached per literal.
        """
        found = self._cache.get(matched)
        if found is None:
            out: list[Anchor] = []
            for n in self._lengths:
                if n <= len(matched):
                    out.extend(self._by_literal.get(matched[:n], ()))
            found = self._cache[matched] = tuple(out)
        return found


@functools.cache
def get(entropy: bool, known: tuple[str, ...] = ()) -> Prefilter:
    return Prefilter(entropy=entropy, known=known)
