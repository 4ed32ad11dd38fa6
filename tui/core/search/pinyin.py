"""Pinyin for search: per-character readings (every heteronym), and expanding a typed pinyin
term into the character sequences of the corpus it can stand for.

Readings come from pypinyin's per-character table (pinyin_dict.json, read directly), all heteronyms,
tones stripped, ü written ``v``. No phrase conversion: looking a character up is a dict access,
so a corpus of 100k characters is read in milliseconds.

A pinyin term is matched character by character: each character consumes either
- a full reading (``yan`` → 研), or
- an initial: the reading's first letter, or zh/ch/sh (``y`` → 研, 一, 业 …; y/w syllables have no
  initial in pypinyin's `Style.INITIALS`, so first letters are used), or
- at the end of the term only, any prefix of a reading (``yanfaj`` → 研发经…: typing in progress), or
- itself (a Han character, digit or ASCII letter typed as is: ``研发jf``, ``r&d``).
Once a character took an initial, the rest of the term is initials too (``yanfjf`` but not
``yfjingfei``): reading every letter both ways would make long terms explode.
The quality of a sequence is 0 when every character took a full reading (or the last one a prefix
of one, or itself) and 1 when some character before the last was typed as an initial only.

`Vocab` knows the readings of the corpus's characters and which characters follow which (bigrams
and trigrams of the corpus), so expanding a term only walks sequences that occur.
"""

from __future__ import annotations

import importlib.util
import json
import operator
import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from tui.core.names import search_form

# tone marks off, ü → v, ê → e; combining marks (m̄, ê̌) dropped
_TONELESS: dict[int, int | None] = {0x300 + k: None for k in range(0x70)}
for _plain, _marked in (("a", "āáǎà"), ("e", "ēéěèêếề"), ("i", "īíǐì"), ("o", "ōóǒò"), ("u", "ūúǔù"),
                        ("v", "üǖǘǚǜ"), ("n", "ńňǹ"), ("m", "ḿ")):
    for _m in _marked:
        _TONELESS[ord(_m)] = ord(_plain)


def _dict_path() -> Path:
    """pypinyin's per-character table, found without importing pypinyin (whose package import
    loads its phrase dictionary: ~150 ms)."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("pypinyin is not installed")
    return Path(spec.submodule_search_locations[0]) / "pinyin_dict.json"


class _Table:
    """pypinyin's table (code point → readings, comma-separated), compact: the dict `json.load` gave,
    41,923 pairs of strings, took 6 MB for as long as the app ran (read as the search index loads, for
    the plans' names, then kept for a Han term typed later); here, sorted code points, each with the
    number of its readings among the 8,600 different ones: under 1 MB. Read straight from the file's
    text, pair by pair, so no 6 MB dict is made even for a moment (the app's peak memory). A lookup
    is a binary search."""

    __slots__ = ("codes", "which", "values")

    def __init__(self, pairs: Iterable[tuple[int, str]]) -> None:
        unique: dict[str, int] = {}
        self.codes = array("I")
        self.which = array("I")
        for code, value in pairs:
            self.codes.append(code)
            self.which.append(unique.setdefault(value, len(unique)))
        self.values = list(unique)
        if any(a >= b for a, b in zip(self.codes, self.codes[1:])):  # (pypinyin's file is in order)
            order = sorted(range(len(self.codes)), key=self.codes.__getitem__)
            self.codes = array("I", [self.codes[i] for i in order])
            self.which = array("I", [self.which[i] for i in order])

    def get(self, code: int) -> str | None:
        i = bisect_left(self.codes, code)
        if i < len(self.codes) and self.codes[i] == code:
            return self.values[self.which[i]]
        return None


_PAIR = re.compile(r'"(\d+)"\s*:\s*"([^"\\]*)"\s*[,}]')


@lru_cache(maxsize=1)
def _table() -> _Table:
    text = _dict_path().read_text(encoding="utf-8")
    pairs = ((int(m.group(1)), m.group(2)) for m in _PAIR.finditer(text))
    table = _Table(pairs)
    if len(table.codes) != text.count('":'):  # not the plain layout read above (escapes?): JSON's own reading
        table = _Table((int(k), v) for k, v in json.loads(text).items())
    return table


def table_version() -> str:
    """Changes when pypinyin's table does (for cache keys)."""
    st = _dict_path().stat()
    return f"{st.st_size}:{st.st_mtime_ns}"


TWO_LETTER_INITIALS = ("zh", "ch", "sh")
_INITIALS_SIGNS = "0123456789-./"  # typed as themselves among initials (zl4-3)
MAX_SYLLABLE = 6  # zhuang, chuang, shuang
SEQUENCE_CAP = 20000  # stop expanding a term beyond this many candidate sequences (per step)
_EMPTY: frozenset[str] = frozenset()

# `normalize`: the search index's same-length form of a text (offsets survive); see tui.core.names.
normalize = search_form


def _toneless(reading: str) -> str:
    return reading.translate(_TONELESS).lower()


@cache
def readings(ch: str) -> tuple[str, ...]:
    """Every toneless reading of one character (heteronyms included), most common first; () if none."""
    raw = _table().get(ord(ch))
    if not raw:
        return ()
    out: list[str] = []
    for r in raw.split(","):
        t = _toneless(r)
        if t.isascii() and t.isalpha() and t not in out:
            out.append(t)
    return tuple(out)


def spellings(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of `text` by each character's first reading; other characters as is
    (normalised). Used for short names such as plan regions."""
    full: list[str] = []
    ini: list[str] = []
    for ch in normalize(text):
        r = readings(ch)
        full.append(r[0] if r else ch)
        ini.append(r[0][0] if r else ch)
    return "".join(full), "".join(ini)


@dataclass
class Vocab:
    """Readings of a corpus's characters, indexed by pinyin prefix, plus the corpus's bigrams and
    trigrams (on normalised text) so that expansion only follows sequences that occur."""

    prefix: dict[str, frozenset[str]] = field(default_factory=dict)  # pinyin prefix → chars
    full: dict[str, frozenset[str]] = field(default_factory=dict)  # full reading → chars
    succ: dict[str, set[str]] = field(default_factory=dict)  # char → chars that follow it
    trigrams: set[str] = field(default_factory=set)  # every three-character substring
    itable: dict[int, int] = field(default_factory=dict)  # str.translate table: text → initials text
    letter_class: dict[str, str] = field(default_factory=dict)  # letter → regex class over initials text
    sym_letters: dict[str, str] = field(default_factory=dict)  # initials-text symbol → the letters it stands for
    _frontiers: dict[str, dict[str, int]] = field(default_factory=dict, repr=False, compare=False)  # expand's cache
    capped: bool = field(default=False, repr=False, compare=False)  # the last expand stopped at SEQUENCE_CAP

    @classmethod
    def build(cls, texts: Iterable[str]) -> Vocab:
        """From normalised texts (duplicates are cheap: they are read once)."""
        add = operator.add
        chars: set[str] = set()
        bigrams: set[str] = set()
        trigrams: set[str] = set()
        for t in set(texts):
            chars.update(t)
            pairs = list(map(add, t, t[1:]))
            bigrams.update(pairs)
            trigrams.update(map(add, pairs, t[2:]))
        prefix: dict[str, set[str]] = {}
        full: dict[str, set[str]] = {}
        for ch in chars:
            for r in readings(ch):
                full.setdefault(r, set()).add(ch)
                for k in range(1, len(r) + 1):
                    prefix.setdefault(r[:k], set()).add(ch)
        succ: dict[str, set[str]] = {}
        for bg in bigrams:
            succ.setdefault(bg[0], set()).add(bg[1])
        itable, letter_class, sym_letters = _initials_table(chars)
        return cls(
            prefix={k: frozenset(v) for k, v in prefix.items()},
            full={k: frozenset(v) for k, v in full.items()},
            succ=succ,
            trigrams=trigrams,
            itable=itable,
            letter_class=letter_class,
            sym_letters=sym_letters,
        )

    def initials_text(self, text: str) -> str:
        """`text` (normalised) with each Han character replaced by a symbol for the set of its
        readings' first letters (same length, so offsets carry over)."""
        return text.translate(self.itable)

    def initials_pattern(self, term: str) -> str | None:
        """A regex over initials text for a term typed as first letters (yfjf), digits and signs
        as themselves (zl4-3: 专栏4-3), or None."""
        if not term.isascii() or not term[:1].isalpha() or any(
                not c.isalpha() and c not in _INITIALS_SIGNS for c in term):
            return None
        parts = []
        for ch in term:
            if not ch.isalpha():
                parts.append(re.escape(ch))
                continue
            cls_ = self.letter_class.get(ch)
            if cls_ is None:
                return None
            parts.append(cls_)
        return "".join(parts)

    # -- expansion --------------------------------------------------------------------------
    def expand(self, term: str) -> dict[str, int]:
        """Every character sequence occurring in the corpus that the (normalised) term can stand
        for, with its quality (0 full pinyin, 1 initials). Bounded by `SEQUENCE_CAP`
        (`capped` then tells whether some step stopped there).

        The sequences reached after the first k letters by steps that end before the term does
        depend only on those k letters (`_interior`, cached per prefix), so typing one more letter
        reuses everything but the steps that end at the new last letter."""
        n = len(term)
        self.capped = False
        if n == 0:
            return {}
        out: dict[str, int] = {}
        for i in range(max(0, n - MAX_SYLLABLE), n):
            here = self._interior(term[:i])
            if here:
                if len(here) > SEQUENCE_CAP:
                    self.capped = True
                self._push(here, self._final_options(term, i), out)
        if len(out) > SEQUENCE_CAP:
            self.capped = True
        return out

    def spells(self, prefix: str) -> bool:
        """Whether `prefix` (whole syllables or initials) spells some character sequence of the corpus."""
        return bool(self._interior(prefix))

    def spelled(self, term: str) -> int:
        """How many leading letters of `term` spell some character sequence of the corpus (whole
        syllables or initials): where a misspelt term goes wrong, at the latest."""
        k = len(term)
        while k and not self._interior(term[:k]):
            k -= 1
        return k

    def _interior(self, prefix: str) -> dict[str, int]:
        """The sequences (→ quality) that spell `prefix` exactly, by steps allowed before the end
        of a longer term (initials allowed, no partial syllables).

        Built bottom-up over the prefixes of `prefix` (each from the MAX_SYLLABLE before it), not
        by recursion: a long term (a pasted paragraph of ASCII) must not exhaust the stack."""
        got = self._frontiers.get(prefix)
        if got is not None:
            return got
        k = len(prefix)
        frontiers: list[dict[str, int]] = []
        for j in range(k + 1):
            part = prefix[:j]
            got = self._frontiers.get(part)
            if got is None:
                got = {"": 0} if j == 0 else {}
                for i in range(max(0, j - MAX_SYLLABLE), j):
                    here = frontiers[i]
                    if here:
                        self._push(here, self._interior_options(part, i), got)
                if len(self._frontiers) > 4096:
                    self._frontiers.clear()
                self._frontiers[part] = got
            frontiers.append(got)
        return frontiers[k]

    def _interior_options(self, prefix: str, i: int) -> list[tuple[frozenset[str], int, bool]]:
        """(chars, quality, is a syllable) for the steps from letter i to the end of `prefix`,
        inside a longer term."""
        k = len(prefix)
        part = prefix[i:]
        ch = prefix[i]
        opts: list[tuple[frozenset[str], int, bool]] = []
        if k == i + 1:
            opts.append((frozenset((ch,)), 0, False))  # itself
        if not ("a" <= ch <= "z"):
            return opts
        chars = self.full.get(part)
        if chars:
            opts.append((chars, 0, True))
        if k == i + 1:
            opts.append((self.prefix.get(ch, _EMPTY), 1, False))  # an initial
        elif k == i + 2 and part in TWO_LETTER_INITIALS:
            opts.append((self.prefix.get(part, _EMPTY), 1, False))
        return opts

    def _final_options(self, term: str, i: int) -> list[tuple[frozenset[str], int, bool]]:
        """(chars, quality, is a syllable) for the steps from letter i to the end of the term."""
        n = len(term)
        rest = term[i:]
        ch = term[i]
        opts: list[tuple[frozenset[str], int, bool]] = []
        if n == i + 1:
            opts.append((frozenset((ch,)), 0, False))  # itself
        if not ("a" <= ch <= "z"):
            return opts
        chars = self.full.get(rest)
        if chars:
            opts.append((chars, 0, True))
        if len(rest) <= MAX_SYLLABLE and rest in self.prefix:
            opts.append((self.prefix[rest], 0, len(rest) > 1))  # the last syllable, still being typed
        return opts

    def _push(self, here: dict[str, int], opts: list[tuple[frozenset[str], int, bool]], bucket: dict[str, int]) -> None:
        """Extend every sequence of `here` by one character of each option into `bucket`."""
        trigrams = self.trigrams
        succ = self.succ
        for seq, qual in here.items():
            allowed = succ.get(seq[-1], _EMPTY) if seq else None
            for chars, q, syllable in opts:
                if syllable and qual:  # after an initial, only initials (yanfjf, not yfjingfei)
                    continue
                if q and not seq:  # a term of initials only is matched on the initials text
                    continue
                nxt: Iterable[str] = chars if allowed is None else (chars & allowed if len(chars) < len(allowed) else allowed & chars)
                if not nxt:
                    continue
                if len(seq) >= 2:
                    two = seq[-2:]
                    nxt = [c for c in nxt if two + c in trigrams]
                qq = q if q > qual else qual
                for c in nxt:
                    s = seq + c
                    old = bucket.get(s)
                    if old is None or qq < old:
                        bucket[s] = qq
                if len(bucket) > SEQUENCE_CAP:
                    return

    def clear_cache(self) -> None:
        self._frontiers.clear()

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_frontiers"] = {}
        return state


# Symbols for sets of first letters with more than one letter (重: z, c, t). Kept below U+0100 where
# the regex compiler builds character classes cheaply; Latin-1 text characters become spaces.
_SYMBOLS = [chr(c) for c in list(range(1, 32)) + [0x7F] + list(range(0x80, 0x100))]


def _initials_table(chars: set[str]) -> tuple[dict[int, int], dict[str, str], dict[str, str]]:
    table: dict[int, int] = {c: 0x20 for c in range(0x80, 0x100)}
    for c in list(range(1, 32)) + [0x7F]:
        table[c] = 0x20
    symbol_of: dict[frozenset[str], str] = {}
    members: dict[str, set[str]] = {chr(c): {chr(c)} for c in range(ord("a"), ord("z") + 1)}
    pua = 0xE000
    for ch in sorted(chars):
        r = readings(ch)
        if not r:
            continue
        letters = frozenset(x[0] for x in r)
        sym: str | None
        if len(letters) == 1:
            (sym,) = letters
        else:
            sym = symbol_of.get(letters)
            if sym is None:
                if len(symbol_of) < len(_SYMBOLS):
                    sym = _SYMBOLS[len(symbol_of)]
                else:
                    sym = chr(pua)
                    pua += 1
                symbol_of[letters] = sym
                for letter in letters:
                    members.setdefault(letter, set()).add(sym)
        table[ord(ch)] = ord(sym)
    letter_class = {}
    for letter, syms in members.items():
        if len(syms) == 1:
            letter_class[letter] = letter
        else:
            letter_class[letter] = "[" + "".join(re.escape(x) for x in sorted(syms)) + "]"
    sym_letters = {chr(c): chr(c) for c in range(ord("a"), ord("z") + 1)}
    sym_letters.update((sym, "".join(sorted(letters))) for letters, sym in symbol_of.items())
    return table, letter_class, sym_letters
