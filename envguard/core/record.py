"""``Record``: ``typing.NamedTuple`` without the per-field annotation checks.

Under ``from __future__ import annotations`` every field annotation is a string, and
``typing.NamedTuple`` turns each into a ``ForwardRef``, which compiles it: about 15 µs a
field, ~200 fields across envguard, paid by every pre-commit hook run and every app
start. The tuple class itself comes from ``collections.namedtuple`` exactly as
``typing.NamedTuple`` makes it (fields, defaults, ``_replace``, ``_asdict``, methods and
docstrings of the class body); only the checks of annotations nobody reads at run time
are skipped. Type checkers see ``typing.NamedTuple`` itself.
"""

from __future__ import annotations

import collections
from typing import TYPE_CHECKING, Any

__all__ = ["Record"]

# Names the class statement puts in the namespace that are not fields or methods.
_SKIP = frozenset(
    {"__module__", "__qualname__", "__annotations__", "__orig_bases__", "__static_attributes__", "__firstlineno__"}
)
_PROTECTED = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults", "_make"})


class _RecordMeta(type):
    def __new__(mcs, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
        if not bases:  # Record itself
            return super().__new__(mcs, name, bases, ns)
        annotations: dict[str, Any] = ns.get("__annotations__", {})
        fields = list(annotations)
        defaults = [ns[f] for f in fields if f in ns]
        if defaults and fields[len(fields) - len(defaults) :] != [f for f in fields if f in ns]:
            raise TypeError(f"{name}: a field without a default follows one with a default")
        make: Any = collections.namedtuple  # called with computed arguments, as typing does
        cls = make(name, fields, defaults=defaults or None, module=ns.get("__module__"))
        cls.__annotations__ = annotations
        cls.__qualname__ = ns.get("__qualname__", name)
        if "__classcell__" in ns:
            raise TypeError(f"{name}: super() and __class__ are not available in a Record's methods")
        for key, value in ns.items():
            if key in _SKIP or key in annotations:
                continue
            if key in _PROTECTED:
                raise AttributeError(f"{name}: cannot overwrite NamedTuple attribute {key}")
            setattr(cls, key, value)
        return cls


if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:

    class Record(metaclass=_RecordMeta):
        """Base class: ``class Mark(Record): line: int`` as with ``typing.NamedTuple``."""
