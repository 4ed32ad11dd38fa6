"""The matchers behind a term's tiers, without per-term regex compilation where it costs.

Compiling a regex is Python code in `re._parser`/`re._compiler`: a trie of a pinyin term's
character sequences cost 0.06–0.25 ms per term, more than the search itself, and a new term is
compiled on nearly every keystroke. So:

- `Literal` (exact tier) and `Scattered` (in-order characters) use `str.find`;
- `Seqs` (a pinyin term's character sequences) runs a small regex of per-position character classes
  over the *initials text* (each Han character replaced by a symbol for its first letters, mostly
  below U+0100, where classes compile cheaply) and checks each place it stops at against the set
  of sequences;
- `Initials` (first letters only) is a regex over the initials text, as before.

Every pattern answers `search(text, itext, start, end)` (the first place it matches within
[start, end), or -1), `hit(..., ones=True)` (whether it matches there; `ones=False` lets `Seqs`
skip its single-character sequences when the caller already knows the answer for them) and `spans(text, itext)` (the highlighted [start, end) offsets), where
`itext` is `text` as initials text (same offsets). Matches are what the regexes they replace gave:
leftmost, and the longest sequence at that place; `spans` are non-overlapping, left to right.
"""

from __future__ import annotations

import re

SEP = "\x00"


class Literal:
    """The term as typed is a substring."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def search(self, text: str, itext: str, start: int, end: int) -> int:
        return text.find(self.text, start, end)

    def hit(self, text: str, itext: str, start: int, end: int, ones: bool = True) -> bool:
        return self.text in text if start == 0 and end == len(text) else text.find(self.text, start, end) >= 0

    def spans(self, text: str, itext: str) -> list[tuple[int, int]]:
        t, n = self.text, len(self.text)
        out = []
        i = text.find(t)
        while i >= 0:
            out.append((i, i + n))
            i = text.find(t, i + n)
        return out


class Scattered:
    """The term's characters in order, with gaps, within one unit: the regex
    ``(a)[^b\\x00]*+(b)[^c\\x00]*+(c)``, i.e. the first ``a``, the first ``b`` after it, …"""

    __slots__ = ("chars",)

    def __init__(self, text: str) -> None:
        self.chars = text

    def _chain(self, text: str, start: int, end: int) -> list[int] | None:
        """The positions of the first match at or after `start`, or None."""
        chars = self.chars
        while True:
            i = text.find(chars[0], start, end)
            if i < 0:
                return None
            pos = [i]
            for c in chars[1:]:
                j = text.find(c, i + 1, end)
                if j < 0:
                    return None  # no later first character can do better
                sep = text.find(SEP, i + 1, j)
                if sep >= 0:  # the chain would leave the unit: go on in the next one
                    start = sep + 1
                    break
                pos.append(j)
                i = j
            else:  # every character found within the unit
                return pos

    def search(self, text: str, itext: str, start: int, end: int) -> int:
        pos = self._chain(text, start, end)
        return pos[0] if pos else -1

    def hit(self, text: str, itext: str, start: int, end: int, ones: bool = True) -> bool:
        return self.search(text, itext, start, end) >= 0

    def spans(self, text: str, itext: str) -> list[tuple[int, int]]:
        pos = self._chain(text, 0, len(text))
        return [(p, p + 1) for p in pos] if pos else []


class Seqs:
    """Any of a set of character sequences (a pinyin term's expansion). A regex of character classes
    over the initials text finds the places where a sequence's first letters fit; the text there is
    looked up in the set, longest first. Whether a unit has a match at all (`hit`) is answered
    with a set test for the single characters and, for the longer sequences, that regex (or, for a
    few short ones, `in`)."""

    __slots__ = ("seqs", "lens", "itable", "_pre", "_pre_longer", "ones", "longer", "few_short")

    FEW = 24  # up to this many longer sequences, some of two characters, are tested with `in`

    def __init__(self, seqs: list[str] | set[str], itable: dict[int, int]) -> None:
        self.seqs = frozenset(seqs)
        self.lens = sorted({len(s) for s in self.seqs}, reverse=True)
        self.itable = itable
        self._pre: re.Pattern[str] | None = None
        self._pre_longer: re.Pattern[str] | None = None
        self.ones = frozenset(s for s in self.seqs if len(s) == 1)
        self.longer = tuple(s for s in self.seqs if len(s) > 1)
        self.few_short = len(self.longer) <= self.FEW and any(len(s) == 2 for s in self.longer)

    def _regex(self, lens: list[int]) -> re.Pattern[str]:
        by_len: dict[int, list[set[str]]] = {n: [set() for _ in range(n)] for n in lens}
        for s in self.seqs:
            classes = by_len.get(len(s))
            if classes is not None:
                for k, sym in enumerate(s.translate(self.itable)):
                    classes[k].add(sym)
        alts = []
        for n in lens:
            alts.append("".join(
                re.escape(next(iter(c))) if len(c) == 1 else "[" + "".join(re.escape(x) for x in sorted(c)) + "]"
                for c in by_len[n]))
        return re.compile("|".join(alts))

    @property
    def pre(self) -> re.Pattern[str]:
        if self._pre is None:
            self._pre = self._regex(self.lens)
        return self._pre

    def _at(self, text: str, p: int, end: int) -> int:
        """Length of the longest sequence at `p` (0 if none)."""
        seqs = self.seqs
        for n in self.lens:
            if p + n <= end and text[p : p + n] in seqs:
                return n
        return 0

    def hit(self, text: str, itext: str, start: int, end: int, ones: bool = True) -> bool:
        """Whether a sequence occurs within [start, end) (`search(...) >= 0`); `ones=False` when
        the caller knows none of the single characters is there."""
        part = None
        if ones and self.ones:
            part = text[start:end] if start or end != len(text) else text
            if not self.ones.isdisjoint(part):
                return True
        if not self.longer:
            return False
        if self.few_short:
            if part is None:
                part = text[start:end] if start or end != len(text) else text
            for s in self.longer:
                if s in part:
                    return True
            return False
        # many sequences, or only ones of three or more characters (whose first letters seldom fit
        # by chance): the regex over the initials text is quicker than testing them one by one
        if self._pre_longer is None:
            self._pre_longer = self._regex([n for n in self.lens if n > 1])
        pre = self._pre_longer.search
        seqs = self.seqs
        pos = start
        while True:
            m = pre(itext, pos, end)
            if m is None:
                return False
            p = m.start()
            for n in self.lens:
                if n > 1 and p + n <= end and text[p : p + n] in seqs:
                    return True
            pos = p + 1

    def search(self, text: str, itext: str, start: int, end: int) -> int:
        pre = self.pre.search
        pos = start
        while True:
            m = pre(itext, pos, end)
            if m is None:
                return -1
            p = m.start()
            if self._at(text, p, end):
                return p
            pos = p + 1

    def spans(self, text: str, itext: str) -> list[tuple[int, int]]:
        pre = self.pre.search
        end = len(text)
        out: list[tuple[int, int]] = []
        pos = 0
        while True:
            m = pre(itext, pos)
            if m is None:
                return out
            p = m.start()
            n = self._at(text, p, end)
            if n:
                out.append((p, p + n))
                pos = p + n
            else:
                pos = p + 1


class Initials:
    """A regex over the initials text (a term typed as first letters: yfjf)."""

    __slots__ = ("regex",)

    def __init__(self, source: str) -> None:
        self.regex = re.compile(source)

    def search(self, text: str, itext: str, start: int, end: int) -> int:
        m = self.regex.search(itext, start, end)
        return -1 if m is None else m.start()

    def hit(self, text: str, itext: str, start: int, end: int, ones: bool = True) -> bool:
        return self.regex.search(itext, start, end) is not None

    def spans(self, text: str, itext: str) -> list[tuple[int, int]]:
        return [m.span() for m in self.regex.finditer(itext) if m.end() > m.start()]
