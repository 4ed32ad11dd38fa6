"""The 专栏 list of a corpus as light rows: what the 专栏 screen lists, without decoding any plan
(a stored plan knows its 专栏 outline); a row's node is found only when asked for."""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.model import Corpus, Node, Plan


@dataclass(frozen=True, slots=True)
class ColumnRow:
    plan: Plan
    path: tuple[int, ...]
    number: str  # as printed ("1", "4-3")
    title: str
    entries: int  # how many entries it has

    @property
    def key(self) -> str:
        return self.plan.id + "/" + ".".join(map(str, self.path))

    @property
    def node(self) -> Node | None:
        """The 专栏 node (decodes its plan on first use)."""
        return self.plan.find(self.path)


def column_rows(corpus: Corpus) -> list[ColumnRow]:
    """Every 专栏 of every plan, in plan and document order."""
    return [ColumnRow(plan, path, number, title, entries)
            for plan in corpus.plans for path, number, title, entries in plan.column_outline()]
