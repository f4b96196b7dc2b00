"""Type validation: is a value what its :class:`VarSpec` says?

Pure functions. They return :class:`Problem` objects whose ``kind`` the schema rules map
to codes; messages describe what is wrong without quoting the value (the caller adds the
variable name). Values of any type may be secrets by accident, so none is ever echoed.
"""

from __future__ import annotations

import json
import math
import re
from typing import TYPE_CHECKING

from envguard.core.record import Record
from envguard.knowledge import providers
from envguard.schema.model import VarSpec

if TYPE_CHECKING:
    from urllib.parse import SplitResult

BOOL_TRUE = ("true", "1", "yes", "on")
BOOL_FALSE = ("false", "0", "no", "off")
BOOL_SPELLINGS = BOOL_TRUE + BOOL_FALSE

_INT_RE = re.compile(r"[+-]?\d+")
_FLOAT_RE = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
# `_` is allowed: Docker names containers and networks with it (immich's
# REDIS_HOSTNAME=immich_redis) and its DNS resolves them.
_HOST_LABEL = re.compile(r"(?!-)[A-Za-z0-9_-]{1,63}(?<!-)")
_EMAIL_RE = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)  # `*`, not `+`: dev@localhost is a valid address in development
_EMAIL_NAMED_RE = re.compile(r"""(?:"[^"]*"|[^<>"]*)\s*<([^<>\s]+)>""")
_UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_DURATION_RE = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>ms|msecs?|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|y|yrs?|years?)?",
    re.IGNORECASE,
)
_UNIT_SECONDS = {
    "ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "y": 31557600,
}  # fmt: skip

LOCAL_HOSTS = ("localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]", "host.docker.internal")
_INTERNAL_SUFFIXES = (
    ".local",
    ".localhost",
    ".internal",
    ".svc",
    ".cluster.local",
    ".lan",
    ".home.arpa",
    ".test",
)


class Problem(Record):
    """``kind``: type | url | insecure-url | choice | range | pattern | format | format-warning."""

    kind: str
    message: str
    hint: str | None = None


def parse_duration(text: str) -> float | None:
    """Seconds in ``15m``, ``1h``, ``7 days``, ``500ms`` or a bare number (seconds)."""
    m = _DURATION_RE.fullmatch(text.strip())
    if m is None:
        return None
    unit = (m.group("unit") or "s").lower()
    if unit.startswith(("ms", "milli")):
        key = "ms"
    elif unit.startswith("mi") or unit == "m":
        key = "m"
    else:
        key = unit[0]
    return float(m.group("num")) * _UNIT_SECONDS[key]


def parse_bool(text: str) -> bool | None:
    low = text.strip().lower()
    if low in BOOL_TRUE:
        return True
    if low in BOOL_FALSE:
        return False
    return None


def is_local_host(host: str) -> bool:
    import ipaddress

    h = host.lower().strip("[]")
    if h in ("localhost", "0.0.0.0", "::1", "host.docker.internal") or h.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def is_internal_host(host: str) -> bool:
    """Hosts that never cross the public internet: service names, private ranges."""
    import ipaddress

    h = host.lower().strip("[]")
    if is_local_host(h) or "." not in h:
        return True
    if h.endswith(_INTERNAL_SUFFIXES):
        return True
    try:
        ip = ipaddress.ip_address(h)
    except ValueError:
        return False
    return ip.is_private or ip.is_link_local


def valid_host(host: str) -> bool:
    import ipaddress

    h = host.strip()
    if not h or len(h) > 253:
        return False
    try:
        ipaddress.ip_address(h.strip("[]"))
        return True
    except ValueError:
        pass
    return all(_HOST_LABEL.fullmatch(label) for label in h.rstrip(".").split("."))


def parse_url(value: str) -> SplitResult | None:
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value.strip())
        _ = parts.port  # raises for a non-numeric or out-of-range port
    except ValueError:
        return None
    return parts


_HOSTLESS_SCHEMES = ("file", "sqlite", "unix", "redis+unix", "redis+socket", "valkey+unix", "memory")
_URL_RE = r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):(?://(?P<netloc>[^/?#]*))?(?P<rest>.*)"


def url_hosts(value: str) -> tuple[str, list[str]] | None:
    """(scheme, hosts) of a URL, or None if it does not parse.

    Beyond ``urlsplit``: multi-host connection strings (``postgresql://u@h1:5432,h2:5432/db``,
    MongoDB replica sets), SQL Server's ``sqlserver://host:1433;database=x`` and socket
    URLs with no host (``unix:///run/redis.sock``, ``postgresql:///db?host=/run/pg``).
    """
    m = re.fullmatch(_URL_RE, value.strip(), re.DOTALL)
    if m is None or any(c.isspace() for c in value.strip()):
        return None
    scheme = m.group("scheme").lower()
    netloc = m.group("netloc")
    if netloc is None:
        return scheme, []
    hostpart = netloc.rpartition("@")[2].split(";", 1)[0]
    hosts = []
    for item in hostpart.split(",") if hostpart else []:
        parts = parse_url(f"{scheme}://{item}")
        if parts is None or not item:
            return None
        hosts.append(parts.hostname or "")
    return scheme, hosts


# (plain scheme, TLS scheme, host suffix, provider): services that refuse plain-text
# connections, so the plain scheme cannot work in any environment. Upstash: "TLS is
# enabled by default for all Upstash Redis databases. It's not possible to disable it."
# (https://upstash.com/docs/redis/howto/connectclient).
_TLS_ONLY = (("redis", "rediss", ".upstash.io", "Upstash"),)


def _validate_url(spec: VarSpec, value: str, deployed: bool, production: bool) -> list[Problem]:
    if value.startswith("/") and not value.startswith("//") and spec.option("allow_relative", False):
        return [] if " " not in value else [Problem("url", "is not a valid URL path")]
    parsed = url_hosts(value)
    if parsed is None:
        return [Problem("url", "is not a valid URL", "write it as scheme://host[:port]/path")]
    scheme, hosts = parsed
    if spec.schemes and scheme not in spec.schemes:
        allowed = ", ".join(f"{s}://" for s in spec.schemes)
        return [Problem("url", f"uses the scheme {scheme}://, expected {allowed}")]
    if not any(hosts):
        # sqlite (`file:./dev.db`), sockets and `?host=/run/postgresql` have no host.
        if scheme in _HOSTLESS_SCHEMES or scheme.startswith("sqlite") or "host=" in value:
            return []
        return [Problem("url", "has no host", "write it as scheme://host[:port]/path")]
    if not all(valid_host(h) for h in hosts):
        return [Problem("url", "has a host name that is not valid")]
    for plain, secure, suffix, provider in _TLS_ONLY:
        if scheme == plain and any(h.lower().endswith(suffix) for h in hosts):
            return [
                Problem(
                    "url",
                    f"uses {plain}:// but {provider} accepts only TLS connections",
                    f"use {secure}:// (the client never gets a reply otherwise)",
                )
            ]
    problems: list[Problem] = []
    if deployed and not spec.allow_localhost and all(is_local_host(h) for h in hosts):
        problems.append(
            Problem(
                "insecure-url",
                "points to localhost in a deployed environment",
                "use the address of the real service; set allow_localhost in the schema if this is intended",
            )
        )
    wants_https = spec.https if spec.https is not None else True
    if deployed and wants_https and scheme in ("http", "ws") and not all(is_internal_host(h) for h in hosts):
        problems.append(
            Problem(
                "insecure-url",
                f"uses {scheme}:// for a public host" + (" in production" if production else ""),
                f"use {'https' if scheme == 'http' else 'wss'}:// (traffic and cookies travel in clear text otherwise)",
            )
        )
    return problems


def validate_scalar(spec: VarSpec, type_: str, value: str, *, deployed: bool, production: bool) -> list[Problem]:
    v = value.strip() if type_ not in ("string", "secret", "json", "path") else value
    if type_ in ("string", "secret", "enum"):
        return []
    if type_ == "int":
        if not _INT_RE.fullmatch(v):
            return [Problem("type", "is not a whole number")]
        return _range(spec, float(int(v)))
    if type_ == "float":
        if not _FLOAT_RE.fullmatch(v):
            return [Problem("type", "is not a number")]
        number = float(v)
        if math.isnan(number):
            return [Problem("type", "is not a number")]
        return _range(spec, number)
    if type_ == "bool":
        if parse_bool(v) is None:
            import difflib

            close = difflib.get_close_matches(v.lower(), BOOL_SPELLINGS, n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`?" if close else "use true or false"
            return [Problem("type", "is not a boolean (true/false, 1/0, yes/no, on/off)", hint)]
        return []
    if type_ == "port":
        if not _INT_RE.fullmatch(v) or not 1 <= int(v) <= 65535:
            return [Problem("type", "is not a port number (1-65535)")]
        return _range(spec, float(int(v)))
    if type_ == "url":
        return _validate_url(spec, v, deployed, production)
    if type_ == "host":
        if "://" in v or "/" in v:
            return [
                Problem(
                    "type",
                    "is not a bare host name (it has a scheme or a path)",
                    "give the host only, e.g. db.example.com",
                )
            ]
        if not valid_host(v):
            return [Problem("type", "is not a valid host name or IP address")]
        return []
    if type_ == "email":
        named = _EMAIL_NAMED_RE.fullmatch(v)
        address = named.group(1) if named else v
        if not _EMAIL_RE.fullmatch(address):
            return [Problem("type", "is not an email address")]
        return []
    if type_ == "duration":
        seconds = parse_duration(v)
        if seconds is None:
            return [Problem("type", "is not a duration (e.g. 30s, 15m, 1h, 7d, or seconds)")]
        return _range(spec, seconds, duration=True)
    if type_ == "json":
        try:
            json.loads(v)
        except (ValueError, RecursionError) as exc:
            where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
            return [Problem("type", f"is not valid JSON{where}")]
        return []
    if type_ == "path":
        if not v.strip() or "\0" in v:
            return [Problem("type", "is not a usable path")]
        return []
    if type_ == "regex":
        try:
            re.compile(v)
        except re.error as exc:
            return [Problem("type", f"is not a valid regular expression ({exc.msg})")]
        return []
    if type_ == "uuid":
        if not _UUID_RE.fullmatch(v):
            return [Problem("type", "is not a UUID")]
        return []
    if type_ in providers.FORMATS:
        return _validate_format(type_, v)
    return [Problem("type", f"has an unknown type {type_!r}")]


def _range(spec: VarSpec, number: float, *, duration: bool = False) -> list[Problem]:
    def show(n: float) -> str:
        if duration:
            return _show_duration(n)
        return str(int(n)) if float(n).is_integer() else str(n)

    if spec.min is not None and number < spec.min:
        return [Problem("range", f"is below the minimum of {show(spec.min)}")]
    if spec.max is not None and number > spec.max:
        return [Problem("range", f"is above the maximum of {show(spec.max)}")]
    return []


def _show_duration(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


def _validate_format(name: str, value: str) -> list[Problem]:
    fmt = providers.FORMATS[name]
    out = []
    for p in fmt.validate(value):
        out.append(Problem("format-warning" if p.warning else "format", p.message, f"see {fmt.docs}"))
    return out


def validate(spec: VarSpec, value: str, *, deployed: bool = False, production: bool = False) -> list[Problem]:
    """All problems of ``value`` against ``spec``. Empty values are the caller's concern."""
    problems: list[Problem] = []
    if spec.type == "list":
        items = [item.strip() for item in value.split(spec.separator)]
        if any(not item for item in items):
            problems.append(
                Problem(
                    "type",
                    f"is a list with an empty item (check the '{spec.separator}' separators)",
                )
            )
        item_type = spec.item_type or "string"
        for index, item in enumerate(items, 1):
            if not item:
                continue
            for p in validate_scalar(spec, item_type, item, deployed=deployed, production=production):
                problems.append(Problem(p.kind, f"item {index} {p.message}", p.hint))
                break
            if spec.choices is not None and not _in_choices(spec, item):
                problems.append(Problem("choice", f"item {index} is not one of: {', '.join(spec.choices)}"))
    else:
        problems.extend(validate_scalar(spec, spec.type, value, deployed=deployed, production=production))
        if spec.choices is not None and not _in_choices(spec, value.strip()):
            problems.append(_choice_problem(spec, value.strip()))
    if spec.format is not None and spec.type != "list":
        problems.extend(_validate_format(spec.format, value.strip()))
    if spec.pattern is not None and re.fullmatch(spec.pattern, value) is None:
        # A regex says what is allowed, not what is wrong; a schema can say it in words.
        explained = spec.option("pattern_message")
        if isinstance(explained, str):
            problems.append(Problem("pattern", explained))
        else:
            problems.append(Problem("pattern", "does not match the required pattern", f"expected /{spec.pattern}/"))
    if spec.min_length is not None and len(value) < spec.min_length:
        problems.append(Problem("range", f"is shorter than {spec.min_length} characters"))
    if spec.max_length is not None and len(value) > spec.max_length:
        problems.append(Problem("range", f"is longer than {spec.max_length} characters"))
    return problems


def _in_choices(spec: VarSpec, value: str) -> bool:
    assert spec.choices is not None
    if spec.case_sensitive:
        return value in spec.choices
    return value.lower() in (c.lower() for c in spec.choices)


def _choice_problem(spec: VarSpec, value: str) -> Problem:
    import difflib

    assert spec.choices is not None
    choices = list(spec.choices)
    close = difflib.get_close_matches(value if spec.case_sensitive else value.lower(), choices, n=1, cutoff=0.6)
    if not close and not spec.case_sensitive:
        close = [c for c in choices if c.lower() == value.lower()]
    if not close:
        lowered = {c.lower(): c for c in choices}
        if value.lower() in lowered:
            close = [lowered[value.lower()]]
    hint = f"did you mean `{close[0]}`?" if close else None
    shown = ", ".join(choices[:12]) + (", …" if len(choices) > 12 else "")
    return Problem("choice", f"is not one of: {shown}", hint)
