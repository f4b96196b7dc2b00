"""The built-in schema catalog.

Source of truth: one YAML file per group in the top-level ``schemas/``. For speed the
package ships them compiled into ``_catalog.json`` (reading JSON is a fraction of the
cost of importing PyYAML), and parses a group only when a project uses it.

Regenerate after editing ``schemas/``::

    python -m envguard.schema.catalog

``tests/test_catalog.py`` fails when the compiled file is stale.
"""

from __future__ import annotations

import fnmatch
import functools
import json
import sys
from pathlib import Path
from typing import Any

from envguard.schema.loader import parse_group
from envguard.schema.model import Group, freeze, thaw

_HERE = Path(__file__).resolve().parent
# The envguard package: the wheel puts the YAML sources in envguard/_schemas.
_PACKAGE = _HERE.parent
COMPILED = _HERE / "_catalog.json"


def schema_dir() -> Path:
    """Where the YAML sources are: inside the wheel, or the repository's ``schemas/``."""
    packaged = _PACKAGE / "_schemas"
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / "schemas"


@functools.cache
def _compiled() -> dict[str, Any]:
    if COMPILED.exists():
        data: dict[str, Any] = json.loads(COMPILED.read_text(encoding="utf-8"))
        return data
    return compile_catalog(schema_dir())


@functools.cache
def _table() -> dict[str, Any]:
    """``{"groups": {name: frozen Group}, "detect": {...}}``: the compiled catalog parsed
    once per install and kept in envguard's disk cache (see :func:`~envguard.schema.model.freeze`)."""
    from envguard.core.cache import cached

    def build() -> dict[str, Any]:
        data = _compiled()
        groups = {
            name: freeze(parse_group(raw, f"schemas/{name}.yaml", checked=True)) for name, raw in data["groups"].items()
        }
        return {"groups": groups, "detect": data["detect"]}

    if not COMPILED.exists():
        return build()
    return cached("catalog", [COMPILED], build)


def compile_catalog(directory: Path) -> dict[str, Any]:
    """Read and validate every ``*.yaml`` group in ``directory``."""
    from envguard.core.errors import ConfigError
    from envguard.sources.yamlmarks import load_yaml_file

    groups: dict[str, Any] = {}
    detect: dict[str, list[str]] = {}
    for path in sorted(directory.glob("*.yaml")):
        display = f"schemas/{path.name}"
        raw = load_yaml_file(path, display)
        group = parse_group(raw, display)
        if group.name != path.stem:
            raise ConfigError(f"group {group.name!r} must live in {group.name}.yaml", path=display)
        groups[group.name] = _plain(raw)
        detect[group.name] = sorted(group.detect or group.names() | {p.match for p in group.patterns})
    return {"version": 1, "groups": groups, "detect": detect}


def _plain(obj: Any) -> Any:
    """Marked YAML containers to plain JSON-able ones."""
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    return obj


def names() -> list[str]:
    return sorted(_table()["groups"])


@functools.cache
def get(name: str) -> Group:
    frozen = _table()["groups"].get(name)
    if frozen is None:
        raise KeyError(name)
    group: Group = thaw(frozen)
    return group


def all_groups() -> list[Group]:
    return [get(n) for n in names()]


@functools.cache
def _detectors() -> tuple[dict[str, set[str]], dict[str, set[str]], tuple[tuple[str, str], ...]]:
    """(exact name -> groups, name prefix -> groups, (glob, group) pairs for the rest).

    Nearly every detect glob is an exact name or ``PREFIX_*``: dict look-ups of a name
    and of its heads instead of ~160 fnmatch regexes (or ~230 ``startswith`` calls a
    name), on every hook run.
    """
    exact: dict[str, set[str]] = {}
    prefixes: dict[str, set[str]] = {}
    others: list[tuple[str, str]] = []
    for group, globs in _table()["detect"].items():
        for glob in globs:
            body = glob[:-1] if glob.endswith("*") else glob
            if not any(c in body for c in "*?["):
                (prefixes if glob.endswith("*") else exact).setdefault(body, set()).add(group)
            else:
                others.append((glob, group))
    return exact, prefixes, tuple(others)


def detect(variable_names: list[str] | set[str]) -> list[str]:
    """Groups that the given variable names show to be in use."""
    exact, prefixes, others = _detectors()
    longest = max(map(len, prefixes), default=0)
    found: set[str] = set()
    for name in variable_names:
        found.update(exact.get(name, ()))
        for end in range(1, min(len(name), longest) + 1):
            found.update(prefixes.get(name[:end], ()))
        found.update(group for glob, group in others if fnmatch.fnmatchcase(name, glob))
    return sorted(found)


def write_compiled() -> int:
    data = compile_catalog(schema_dir())
    # Not sort_keys: the order of `patterns:` is meaningful (the first match wins), and the
    # groups are already in file-name order.
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    COMPILED.write_text(text, encoding="utf-8")
    print(f"wrote {COMPILED.relative_to(_PACKAGE.parent)} ({len(data['groups'])} groups)")
    return 0


if __name__ == "__main__":
    sys.exit(write_compiled())
