"""The adapter to detect-secrets: the only module in envguard that imports it.

detect-secrets keeps its configuration in process-global settings; every call here runs
inside ``transient_settings`` so that nothing leaks into (or out of) other users of the
library in the same process. Only lines the prefilter routed here are analysed, and the
module is imported only when there are such lines.

Plugins: all of detect-secrets' built-in plugins except ``IPPublicDetector`` (an IP
address is not a credential). Filters: its heuristic filters, without the verification
filter (which would send found secrets to the providers' APIs) and without the allowlist
filter (envguard applies pragmas itself, to every detector alike).

The adapter sticks to detect-secrets' public functions (``get_plugins``,
``get_filters_with_parameter``, ``call_function_with_arguments``, ``get_code_snippet``)
rather than its private line loop.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import Any

from envguard.scanner.model import FrozenRecord

EXCLUDED_PLUGINS = frozenset({"IPPublicDetector"})

FILTERS = (
    "detect_secrets.filters.heuristic.is_indirect_reference",
    "detect_secrets.filters.heuristic.is_likely_id_string",
    "detect_secrets.filters.heuristic.is_lock_file",
    "detect_secrets.filters.heuristic.is_not_alphanumeric_string",
    "detect_secrets.filters.heuristic.is_potential_uuid",
    "detect_secrets.filters.heuristic.is_prefixed_with_dollar_sign",
    "detect_secrets.filters.heuristic.is_sequential_string",
    "detect_secrets.filters.heuristic.is_swagger_file",
    "detect_secrets.filters.heuristic.is_templated_secret",
)

# detect-secrets types that envguard's own detectors do not cover: these are reported
# from the adapter's results (after envguard's false-alarm filters). The others are used
# only to keep baselines compatible.
REPORTED_TYPES: dict[str, str] = {
    "Artifactory Credentials": "Artifactory",
    "Azure Storage Account access key": "Azure",
    "Cloudant Credentials": "IBM Cloudant",
    "Discord Bot Token": "Discord",
    "IBM Cloud IAM Key": "IBM Cloud",
    "IBM COS HMAC Credentials": "IBM Cloud Object Storage",
    "Mailchimp Access Key": "Mailchimp",
    "PyPI Token": "PyPI",
    "SoftLayer Credentials": "SoftLayer",
    "Square OAuth Secret": "Square",
    "Telegram Bot Token": "Telegram",
}


class DsSecret(FrozenRecord):
    """A secret detect-secrets found on a line. Holds the secret: not in the repr."""

    __slots__ = ("line", "secret", "type")
    _fields = ("line", "type", "secret")
    _hidden = frozenset({"secret"})
    line: int
    type: str
    secret: str

    def __init__(self, line: int, type: str, secret: str) -> None:
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "type", type)
        object.__setattr__(self, "secret", secret)


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("detect-secrets")
    except PackageNotFoundError:
        return "1.5.0"


@functools.cache
def plugin_names() -> tuple[str, ...]:
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class

    classes: list[type] = list(get_mapping_from_secret_type_to_class().values())
    names = {cls.__name__ for cls in classes}
    return tuple(sorted(names - EXCLUDED_PLUGINS))


def _settings() -> dict[str, Any]:
    return {
        "plugins_used": [{"name": name} for name in plugin_names()],
        "filters_used": [{"path": path} for path in FILTERS],
    }


def scan_lines(requests: Sequence[tuple[str, Sequence[str], Sequence[int]]]) -> dict[str, list[DsSecret]]:
    """Run detect-secrets on some lines of some files.

    ``requests`` holds (file name, all lines of the file, the 1-based line numbers to
    analyse). The file name decides detect-secrets' per-language keyword rules.
    """
    if not requests:
        return {}
    from detect_secrets.settings import transient_settings

    out: dict[str, list[DsSecret]] = {}
    with transient_settings(_settings()):
        for filename, lines, numbers in requests:
            out[filename] = list(_scan(filename, lines, numbers))
    return out


def _scan(filename: str, lines: Sequence[str], numbers: Sequence[int]) -> Iterator[DsSecret]:
    from detect_secrets.core.scan import get_filters_with_parameter
    from detect_secrets.settings import get_plugins
    from detect_secrets.util.code_snippet import get_code_snippet
    from detect_secrets.util.inject import call_function_with_arguments

    def filtered(params: tuple[str, ...], **kwargs: Any) -> bool:
        for fn in get_filters_with_parameter(*params):
            try:
                if call_function_with_arguments(fn, **kwargs):
                    return True
            except TypeError:
                continue
        return False

    plugins = get_plugins()
    all_lines = list(lines)
    for number in sorted(set(numbers)):
        if not 1 <= number <= len(lines):
            continue
        line = lines[number - 1].rstrip()
        if len(line) > 10000:
            # detect-secrets' regexes backtrack badly on minified lines.
            continue
        context = get_code_snippet(lines=all_lines, line_number=number)
        if filtered(("line",), filename=filename, line=line, context=context):
            continue
        for plugin in plugins:
            found = call_function_with_arguments(
                plugin.analyze_line, filename=filename, line=line, line_number=number, context=context
            )
            for secret in found or ():
                value = secret.secret_value
                if value is None:
                    continue
                if filtered(("secret",), filename=filename, secret=value, plugin=plugin, line=line):
                    continue
                if filtered(("context",), filename=filename, secret=value, plugin=plugin, line=line, context=context):
                    continue
                yield DsSecret(number, str(secret.type), value)


def default_header() -> dict[str, Any]:
    """``plugins_used`` and ``filters_used`` for a new baseline: detect-secrets' defaults
    without the plugins envguard leaves out, so that detect-secrets reading the baseline
    looks for what envguard looked for."""
    from detect_secrets.settings import default_settings

    with default_settings() as settings:
        settings.disable_plugins(*EXCLUDED_PLUGINS)
        header: dict[str, Any] = settings.json()
    return header
