"""`Slotted`: a base for small value classes on the way to the first frame, in place of `@dataclass`.

`@dataclass` writes `__init__`, `__repr__` and `__eq__` as source text and compiles them as the module
is imported: 0.3–0.6 ms a class, on every start of the browser, for classes as small as a footer key or
a bookmark. A `Slotted` class lists its fields in `__slots__` and writes its own `__init__`; equality
(the fields in order, same class only, unhashable as a mutable dataclass is) and the repr are read off
the slots, as the generated ones are. tests/test_record.py holds each such class to the dataclass it
replaces.
"""

from __future__ import annotations

from typing import ClassVar


class Slotted:
    __slots__: ClassVar[tuple[str, ...]] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:  # (which makes the class unhashable, as a mutable dataclass is)
        if other.__class__ is not self.__class__ or not isinstance(other, Slotted):
            return NotImplemented
        return self._values() == other._values()

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__qualname__}({shown})"

    def as_dict(self) -> dict[str, object]:
        """The fields by name, in order (as `dataclasses.asdict` gives a flat dataclass's)."""
        return {name: getattr(self, name) for name in self.__slots__}
