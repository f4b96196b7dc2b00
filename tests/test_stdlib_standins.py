"""envguard.core.record.Record behaves as typing.NamedTuple."""

from __future__ import annotations

import pickle
from typing import NamedTuple

import pytest

from envguard.core.record import Record


class Fast(Record):
    """A doc."""

    name: str
    line: int = 0
    tags: tuple[str, ...] = ()

    def where(self) -> str:
        return f"{self.name}:{self.line}"

    @property
    def tagged(self) -> bool:
        return bool(self.tags)


class Slow(NamedTuple):
    """A doc."""

    name: str
    line: int = 0
    tags: tuple[str, ...] = ()

    def where(self) -> str:
        return f"{self.name}:{self.line}"

    @property
    def tagged(self) -> bool:
        return bool(self.tags)


@pytest.mark.parametrize(
    ("probe"),
    [
        lambda c: c("a"),
        lambda c: c("a", 3, ("x",)),
        lambda c: c(name="a", tags=("y",)),
        lambda c: c("a", 2)._replace(line=5),
        lambda c: c("a", 2)._asdict(),
        lambda c: c._fields,
        lambda c: c._field_defaults,
        lambda c: c("a", 7).where(),
        lambda c: c("a", 7, ("t",)).tagged,
        lambda c: repr(c("a", 1)).split("(", 1)[1],
        lambda c: hash(c("a", 1)) == hash(("a", 1, ())),
        lambda c: c("a") == ("a", 0, ()),
        lambda c: c.__doc__,
        lambda c: sorted(c.__annotations__),
        lambda c: hasattr(c("a"), "__dict__"),
        lambda c: pickle.loads(pickle.dumps(c("a", 4))) == c("a", 4),
    ],
)
def test_same_as_typing_namedtuple(probe):
    assert probe(Fast) == probe(Slow)


def test_immutable_and_named():
    f = Fast("a")
    with pytest.raises(AttributeError):
        f.name = "b"  # type: ignore[misc]
    assert type(f).__name__ == "Fast"
    assert type(f).__module__ == __name__
    assert isinstance(f, tuple)


def test_errors_as_typing():
    with pytest.raises(TypeError, match="without a default follows"):

        class Bad(Record):
            a: int = 0
            b: str

    with pytest.raises(AttributeError, match="_make"):

        class Worse(Record):
            a: int

            def _make(self) -> None: ...
