"""What a screen hands back when the user picks a place to go."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Jump:
    """Go to the node with this key (`Node.key`), optionally highlighting `query` matches in the reader."""

    node_key: str
    query: str = ""
