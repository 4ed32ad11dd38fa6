"""What a screen hands back when the user picks a place to go."""

from __future__ import annotations

from typing import NamedTuple


class Jump(NamedTuple):
    """Go to the node with this key (`Node.key`), optionally highlighting `query` matches in the reader.

    (A named tuple, not a frozen dataclass: that one's six generated methods were compiled at every start.)"""

    node_key: str
    query: str = ""
