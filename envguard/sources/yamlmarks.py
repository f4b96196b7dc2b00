"""YAML loading that remembers line numbers, so config errors can name file:line.

Only imported when a YAML file is actually read (``import yaml`` costs ~20 ms).
Duplicate keys are errors: PyYAML silently keeps the last one, which hides typos.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from envguard.core.errors import ConfigError

MAX_CONFIG_BYTES = 2 * 1024 * 1024


class MarkedDict(dict[str, Any]):
    """A dict that knows the line of each key (1-based) and of itself."""

    line: int | None = None
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key, self.line)


class MarkedList(list[Any]):
    line: int | None = None
    item_lines: list[int]


def line_of(obj: Any, key: str | int | None = None) -> int | None:
    """The line of ``obj[key]`` (or of ``obj``) if ``obj`` came from a marked load."""
    if isinstance(obj, MarkedDict):
        return obj.line if key is None else obj.line_of(str(key))
    if isinstance(obj, MarkedList):
        if isinstance(key, int) and 0 <= key < len(obj.item_lines):
            return obj.item_lines[key]
        return obj.line
    return None


def _loader_class() -> Any:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    def construct_mapping(loader: Any, node: Any) -> MarkedDict:
        loader.flatten_mapping(node)
        out = MarkedDict()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise ConfigError("mapping keys must be plain scalars", line=key_node.start_mark.line + 1)
            key = str(key) if not isinstance(key, bool) else ("true" if key else "false")
            if key in out:
                raise ConfigError(f"duplicate key {key!r}", line=key_node.start_mark.line + 1)
            out[key] = loader.construct_object(value_node, deep=True)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out

    def construct_sequence(loader: Any, node: Any) -> MarkedList:
        out = MarkedList(loader.construct_object(child, deep=True) for child in node.value)
        out.line = node.start_mark.line + 1
        out.item_lines = [child.start_mark.line + 1 for child in node.value]
        return out

    Loader.add_constructor("tag:yaml.org,2002:map", construct_mapping)
    Loader.add_constructor("tag:yaml.org,2002:seq", construct_sequence)
    return Loader


def load_yaml_text(text: str, display: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_loader_class())
    except ConfigError as exc:
        raise ConfigError(exc.detail, path=display, line=exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise ConfigError(f"invalid YAML: {exc.problem or exc}", path=display, line=line) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"invalid YAML: {exc}", path=display) from None


def _pack(obj: Any) -> Any:
    """Marked containers to marshal-able tuples (safe YAML never yields tuples itself)."""
    if isinstance(obj, MarkedDict):
        return ("M", obj.line, obj.key_lines, {k: _pack(v) for k, v in obj.items()})
    if isinstance(obj, MarkedList):
        return ("L", obj.line, obj.item_lines, [_pack(v) for v in obj])
    return obj


def _unpack(obj: Any) -> Any:
    if isinstance(obj, tuple):
        if obj[0] == "M":
            out = MarkedDict({k: _unpack(v) for k, v in obj[3].items()})
            out.line, out.key_lines = obj[1], obj[2]
            return out
        seq = MarkedList(_unpack(v) for v in obj[3])
        seq.line, seq.item_lines = obj[1], obj[2]
        return seq
    return obj


def load_yaml_file(path: Path, display: str) -> Any:
    """Parse a YAML file with line marks; the parse is cached (see :mod:`envguard.core.cache`)
    so that an unchanged ``envguard.yaml`` does not cost a PyYAML import on every hook."""
    from envguard.core.cache import cached

    return _unpack(cached("yaml", [path], lambda: _pack(_load_yaml_file(path, display))))


def _load_yaml_file(path: Path, display: str) -> Any:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read file: {exc.strerror or exc}", path=display) from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError("file is too large for a configuration file", path=display)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError("file is not valid UTF-8", path=display) from None
    return load_yaml_text(text, display)
