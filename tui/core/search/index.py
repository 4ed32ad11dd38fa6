"""The search index and engine.

The index is built once per corpus: every `Unit`, sorted by its static rank (kind, then length,
then document order), its normalised text joined into one string (`blob`, units separated by NUL)
with the start offset of each unit, the corpus's pinyin `Vocab`, and character frequencies.

A query runs in stages by match tier, best first:

    0 exact      the term as typed is a substring (case- and width-insensitive)
    1 pinyin     the term spells consecutive characters in full pinyin (last syllable may be partial)
    2 initials   ... with some characters typed as initials only (yfjf)
    3 scattered  the term's characters in order, with gaps (研经 → 研发经费)
    4 loose      all but one of the term's characters, scored by rapidfuzz partial_ratio

Loose matches (a typo: 高新技书企业) are a fallback, looked for only when the better tiers found
few results, and are not an exhaustive ranking: of the candidate units (those holding all but one
of the term's characters), only the `LOOSE_TOP` that hold the most of the term's characters and
adjacent character pairs (counted from the masks below, pairs by hashed bucket; rank order breaks
ties) are scored with partial_ratio. They are ranked by that score, then by how many of the term's
adjacent pairs they hold (the typed text more intact: 研发经费 before 研发…废 for 研发经废), then rank
order; `Result.more` says when candidates were left unscored. (Scoring every candidate instead,
as earlier versions did, took ~190 rapidfuzz calls for 高新技书企业; the units holding the intended
word come first either way, `tests/test_search_patterns.py` pins that.)

A term's tier patterns (`patterns`: `str.find` for exact and scattered, the corpus's character
sequences a pinyin term spells, checked behind a small regex over the initials text) are run only
on candidate units: bitmasks (bit i = unit i) per character and per pair of first letters narrow
every pattern to the units that can hold it, exactly so for single characters; masks per
bucket of hashed adjacent character pairs narrow exact terms and a pinyin term's few longer
sequences (each sequence on its own: all its characters and pairs), and masks per bucket of
adjacent first-letter triples narrow initials terms (zdsy: units with z-d-s and d-s-y in a row,
not only the pairs; kept only for corpora small enough, like the pair buckets). The most
selective term drives the scan; the others are checked on the units it finds, or known exactly
(a term unchanged since the last keystroke). A query that only extends the previous one (typing
on) is searched among the previous one's matches when those were found in full; when they are
few (`TYPING_ON_FEW`), those are checked one by one instead of first working out which units each
new term matches. Because units are in rank order, a stage stops as soon as it has `limit`
results: typing ``y`` finds its first 50 units at once instead of matching every unit. Within a tier, results keep the static rank
(headings and 专栏 titles before body text, shorter before longer, then document order), so ties
break deterministically. When several plain terms are given, the units where they stand together
as one phrase come first within each tier.
"""

from __future__ import annotations

import enum
import re
import threading
import weakref
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from itertools import chain, pairwise, repeat
from operator import or_
from typing import Final, cast

from rapidfuzz import fuzz, process

from tui.core.model import Corpus
from tui.core.search.patterns import Initials, Literal, Scattered, Seqs
from tui.core.search.pinyin import TWO_LETTER_INITIALS, Vocab, normalize, spellings
from tui.core.search.query import Query, Term, kinds_for, parse
from tui.core.search.units import Unit, corpus_units

EXACT, PINYIN, INITIALS, SCATTERED, LOOSE = range(5)
TIER_NAMES = ("exact", "pinyin", "initials", "scattered", "loose")
SEP = "\x00"
LOOSE_CUTOFF = 60.0  # rapidfuzz partial_ratio needed for a loose match
LOOSE_SCAN = 4000  # units examined at most for loose matches
LOOSE_TOP = 40  # loose candidates scored at most: the best by characters and pairs held
LOOSE_BELOW = 10  # loose matches are looked for only when the better tiers found fewer results
_TIER_SCORES = tuple(float(100 - 10 * t) for t in range(5))
_ASCII_LETTER = re.compile(r"[a-z]")
class _Unset(enum.Enum):
    UNSET = "unset"


_UNSET: Final = _Unset.UNSET  # a candidate mask not worked out yet (None: cannot be narrowed)
_NONZERO = re.compile(rb"[^\x00]")
MASK_CHARS = 64  # a sequence position with more alternative characters than this (scaled up for
# corpora under ~100k units, where OR-ing masks is cheap) does not narrow
MASK_SEQS = 2000  # expansions with more sequences than this are not narrowed
BIGRAM_BYTES = 4 << 20  # memory for the hashed character-pair masks ...
BIGRAM_MAX_BITS = 14  # ... in at most 2**14 buckets
BIGRAM_MIN = 1024  # fewer buckets than this would not narrow: none are kept
BIGRAM_MUL = 40503
TRIGRAM_BYTES = 4 << 20  # memory for the masks of first-letter triples (hashed like the pairs) ...
TRIGRAM_MAX_BITS = 14  # ... in at most 2**14 buckets (26**3 triples), none when fewer than BIGRAM_MIN fit
MASK_EACH = 96  # up to this many sequences of two or more characters are narrowed one by one
EXACT_VERIFY = 2000  # candidate units checked at most to know a term's units exactly ...
EXACT_VERIFY_NEW = 48  # ... or for a term the previous keystroke did not use
TYPING_ON_FEW = 64  # typing on among at most this many earlier matches: no term's units are worked
# out exactly (the few candidates are checked one by one instead)


def _tri_bucket(letters: str, nt: int) -> int:
    """The bucket (of `nt`, a power of two) of three lowercase letters."""
    return ((ord(letters[0]) - 97) * 676 + (ord(letters[1]) - 97) * 26 + ord(letters[2]) - 97) & (nt - 1)


_BYTE_BITS = [tuple(k for k in range(8) if v >> k & 1) for v in range(256)]


def iter_bits(mask: int):
    """The set bits of `mask` (unit ids), in increasing order."""
    b = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    bits = _BYTE_BITS
    for m in _NONZERO.finditer(b):
        i = m.start()
        base = i << 3
        for k in bits[b[i]]:
            yield base + k


class Hit:
    """One result. `spans` (highlighted [start, end) character offsets into unit.text) are worked
    out on first use, so a keystroke pays only for the rows that are shown."""

    __slots__ = ("unit", "tier", "score", "_spans", "_compute", "_args")

    def __init__(self, unit: Unit, tier: int, score: float, spans: list[tuple[int, int]] | None = None,
                 compute: Callable[..., list[tuple[int, int]]] | None = None, args: tuple = ()) -> None:
        self.unit = unit
        self.tier = tier
        self.score = score  # 0..100, higher is better (100 - 10 × tier; loose: 0.6 × partial_ratio)
        self._spans = spans
        self._compute = compute  # called with `args` for the spans on first use
        self._args = args

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = self._compute(*self._args) if self._compute else []
            self._compute = None
            self._args = ()
        return self._spans

    @property
    def tier_name(self) -> str:
        return TIER_NAMES[self.tier]

    def __repr__(self) -> str:
        return f"Hit({self.unit.key!r}, {self.unit.kind}, {self.tier_name}, {self.unit.text[:20]!r})"


@dataclass
class Result:
    hits: list[Hit] = field(default_factory=list)
    more: bool = False  # stopped at the limit: there are more results
    errors: list[str] = field(default_factory=list)  # unknown @plan / #kind filters


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


class TermMatcher:
    """The tier patterns of one term against one vocabulary. Each pattern runs on the normalised
    text, or (`on_initials`) on its initials text (`Vocab.initials_text`); see `patterns`.

    Patterns are built on first use (a keystroke that fills its results from the better tiers
    never needs the others). Each pattern also knows how to narrow the units it can hit (`cand`:
    see `SearchIndex.cand_mask`); `exact` caches, per pattern, the units it does hit (filled by the
    index for terms that stay the same while the next one is typed)."""

    def __init__(self, term: Term, vocab: Vocab, exclude: bool = False) -> None:
        t = term.text
        self.text = t
        self.vocab = vocab
        # (tier, literal text / sequences / initials regex source, on initials text, candidate spec)
        self.specs: list[tuple[int, str | list[str], bool, tuple[str, str | list[str]]]] = [
            (EXACT, t, False, ("chars", t))]
        self.sequences = 0
        self.capped = False  # the expansion stopped at SEQUENCE_CAP
        self.seqs: list[str] = []
        if not term.exact:
            if _ASCII_LETTER.search(t):
                seqs = vocab.expand(t)
                self.capped = vocab.capped
                self.sequences = len(seqs)
                self.seqs = list(seqs)
                full = [s for s, q in seqs.items() if q == 0 and s != t]
                mixed = [s for s, q in seqs.items() if q == 1 and s != t]
                if full:
                    self.specs.append((PINYIN, full, False, ("seqs", full)))
                if not exclude:
                    if mixed:
                        self.specs.append((INITIALS, mixed, False, ("seqs", mixed)))
                    ini = vocab.initials_pattern(t) if len(t) >= 2 else None
                    if ini:
                        self.specs.append((INITIALS, ini, True, ("letters", t)))
            elif len(t) >= 2 and not exclude:
                self.specs.append((SCATTERED, t, False, ("chars", t)))
        # patterns that stand for single characters only: matched by a set lookup
        self.charsets: list[frozenset[str] | None] = [
            frozenset(src) if not isinstance(src, str) and max(map(len, src)) == 1 else None
            for _, src, _, _ in self.specs]
        self._compiled: list[Initials | Literal | Scattered | Seqs | None] = [None] * len(self.specs)
        self.masks: list[int | _Unset | None] = [_UNSET] * len(self.specs)  # candidate masks, filled by the index
        self.exact: list[int | None] = [None] * len(self.specs)  # units each pattern hits, when known
        self.sure: list[int] = [0] * len(self.specs)  # candidate units known to be hits
        self.ones_known = [False] * len(self.specs)  # sure = exactly the units with a one-character sequence
        self.uses = 0  # searches that used this matcher
        self.estimate: float | None = None

    def pattern(self, i: int) -> Initials | Literal | Scattered | Seqs:
        pat = self._compiled[i]
        if pat is None:
            tier, src, on_initials, _ = self.specs[i]
            # an initials regex, a literal and a scattered term are text; pinyin sequences a list
            if on_initials:
                pat = Initials(cast(str, src))
            elif tier == EXACT:
                pat = Literal(cast(str, src))
            elif tier == SCATTERED:
                pat = Scattered(cast(str, src))
            else:
                pat = Seqs(cast(list[str], src), self.vocab.itable)
            self._compiled[i] = pat
        return pat

    @property
    def tiers(self) -> list[int]:
        return sorted({spec[0] for spec in self.specs})

    def tier_of(self, text: str, itext: str, max_tier: int = SCATTERED) -> int | None:
        for i, spec in enumerate(self.specs):
            tier = spec[0]
            if tier > max_tier:
                break
            cs = self.charsets[i]
            if cs is not None:
                if not cs.isdisjoint(text):
                    return tier
            elif self.pattern(i).hit(text, itext, 0, len(text)):
                return tier
        return None

    def hits_unit(self, uid: int, blob: str, iblob: str, start: int, end: int, max_tier: int) -> bool:
        """Whether the term matches unit `uid` (blob[start:end]) at `max_tier` or better, using
        what the index learnt of each pattern: units outside a pattern's candidate mask are
        skipped, units in its `sure` mask are hits, and where `ones_known` the single characters
        need no test (a unit outside `sure` has none of them). Same answer as `tier_of`."""
        masks, sure, known = self.masks, self.sure, self.ones_known
        for i, spec in enumerate(self.specs):
            if spec[0] > max_tier:
                break
            x = sure[i]
            if x and x >> uid & 1:
                return True
            mask = masks[i]
            if mask is not _UNSET and mask is not None and not (mask >> uid & 1):
                continue
            cs = self.charsets[i]
            if known[i]:
                if cs is None and self.pattern(i).hit(blob, iblob, start, end, False):
                    return True
            elif cs is not None:
                if not cs.isdisjoint(blob[start:end]):
                    return True
            elif self.pattern(i).hit(blob, iblob, start, end):
                return True
        return False

    def spans(self, text: str, itext: str, tier: int) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for i, spec in enumerate(self.specs):
            if spec[0] != tier:
                continue
            cs = self.charsets[i]
            if cs is not None:
                out.extend((k, k + 1) for k, c in enumerate(text) if c in cs)
                continue
            out.extend(self.pattern(i).spans(text, itext))
        return out


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where `query` (same syntax as search) matches in `text`: sorted, merged [start, end)
    character offsets. For the reader's highlights; filters (@ #) and excludes are ignored."""
    q = parse(query)
    if not q.terms or not text:
        return []
    norm = normalize(text)
    vocab = Vocab.build([norm])
    inorm = vocab.initials_text(norm)
    spans: list[tuple[int, int]] = []
    for term in q.terms:
        m = TermMatcher(term, vocab)
        tier = m.tier_of(norm, inorm)
        if tier is not None:
            spans.extend(m.spans(norm, inorm, tier))
    return merge_spans(spans)


class SearchIndex:
    def __init__(self, units: list[Unit], blob: str, iblob: str, starts: list[int], vocab: Vocab,
                 freq: dict[str, int], plans: list[tuple[str, tuple[str, ...]]]) -> None:
        self.units = units
        self.blob = blob
        self.iblob = iblob  # blob as initials text (same offsets)
        self.starts = starts  # starts[i] = offset of unit i in blob; starts[-1] = len(blob)
        self.vocab = vocab
        self.freq = freq
        self.plans = plans  # (plan id, names to match @filters against)
        self._matchers: dict[tuple[str, bool, bool], TermMatcher] = {}
        self._plan_vocab: Vocab | None = None
        self._last: tuple | None = None  # the last search: (filters, terms, mask of every unit it matched)
        self.narrow = True  # False: scan the whole blob, without the masks (for tests)
        self._build_masks()

    def _build_masks(self) -> None:
        """Bitmask inverted indexes (bit i = unit i, so set bits come out in rank order):
        character → units containing it; letter pair → units whose initials text has two adjacent
        characters with those first letters; plan id / kind → its units. A pattern's candidate
        units are then an AND of a few masks, and only those units are searched."""
        n = len(self.units)
        nbytes = (n + 7) // 8
        blob, iblob, starts = self.blob, self.iblob, self.starts
        sym_letters = self.vocab.sym_letters
        # units with the same text (many, in a corpus of similar plans) are read once
        groups: dict[str, list[int]] = {}
        for uid in range(n):
            text = blob[starts[uid] : starts[uid + 1] - 1]
            g = groups.get(text)
            if g is None:
                groups[text] = [uid]
            else:
                g.append(uid)
        char_bits: dict[str, bytearray] = {}
        pair_bits: dict[str, bytearray] = {}
        sym_pairs: dict[str, tuple[str, ...]] = {}
        # adjacent character pairs, hashed into `nb` buckets (as many as fit in BIGRAM_BYTES;
        # none for a corpus so large that too few would fit to narrow anything)
        nb = 1 << min(BIGRAM_MAX_BITS, max(0, (BIGRAM_BYTES // max(1, nbytes)).bit_length() - 1))
        nb = nb if nb >= BIGRAM_MIN else 0
        big_bits: list[bytearray | None] = [None] * nb
        # triples of adjacent first letters (for initials terms: zdsy), hashed the same way
        nt = 1 << min(TRIGRAM_MAX_BITS, max(0, (TRIGRAM_BYTES // max(1, nbytes)).bit_length() - 1))
        nt = nt if nt >= BIGRAM_MIN else 0
        tri_bits: list[bytearray | None] = [None] * nt
        if nt:
            # window of three symbols → buckets: plain letter triples up front, the rest (windows
            # with a symbol for several letters, or without letters) worked out once each
            letters = "abcdefghijklmnopqrstuvwxyz"
            tri_plain = {a + b + c: (i * 676 + j * 26 + k) & (nt - 1) for i, a in enumerate(letters)
                         for j, b in enumerate(letters) for k, c in enumerate(letters)}
            sym_idx = {sym: tuple(ord(x) - 97 for x in ls) for sym, ls in sym_letters.items()}
            sym_tris: dict[str, tuple[int, ...]] = {}
            sym_duos: dict[str, tuple[int, ...]] = {}
            add = str.__add__
        for text, uids in groups.items():
            bits = [(u >> 3, 1 << (u & 7)) for u in uids]
            if nb and len(text) > 1:
                o = list(map(ord, text))
                for h in {(a * BIGRAM_MUL + b) & (nb - 1) for a, b in pairwise(o)}:
                    ba = big_bits[h]
                    if ba is None:
                        ba = big_bits[h] = bytearray(nbytes)
                    for i, bit in bits:
                        ba[i] |= bit
            for c in set(text):
                ba = char_bits.get(c)
                if ba is None:
                    ba = char_bits[c] = bytearray(nbytes)
                for i, bit in bits:
                    ba[i] |= bit
            s = starts[uids[0]]
            itext = iblob[s : s + len(text)]
            pairs: set[str] = set()
            for sp in set(map(str.__add__, itext, itext[1:])):
                lp = sym_pairs.get(sp)
                if lp is None:
                    a, b = sym_letters.get(sp[0], ""), sym_letters.get(sp[1], "")
                    lp = sym_pairs[sp] = tuple(x + y for x in a for y in b)
                pairs.update(lp)
            for pair in pairs:
                ba = pair_bits.get(pair)
                if ba is None:
                    ba = pair_bits[pair] = bytearray(nbytes)
                for i, bit in bits:
                    ba[i] |= bit
            if nt and len(itext) > 2:
                ws = set(map(add, map(add, itext, itext[1:]), itext[2:]))
                tris = {t for t in map(tri_plain.get, ws) if t is not None}
                rest = ws.difference(tri_plain)
                for w in rest.difference(sym_tris):
                    duo = sym_duos.get(w[:2])
                    if duo is None:
                        ia, ib = sym_idx.get(w[0], ()), sym_idx.get(w[1], ())
                        duo = sym_duos[w[:2]] = tuple({x * 26 + y for x in ia for y in ib})
                    iz = sym_idx.get(w[2], ()) if duo else ()
                    sym_tris[w] = tuple({(d * 26 + z) & (nt - 1) for d in duo for z in iz}) if iz else ()
                tris.update(chain.from_iterable(map(sym_tris.__getitem__, rest)))
                for h in tris:
                    ba = tri_bits[h]
                    if ba is None:
                        ba = tri_bits[h] = bytearray(nbytes)
                    for i, bit in bits:
                        ba[i] |= bit
        del groups

        def to_ints(bas: dict[str, bytearray]) -> dict[str, int]:
            out = {}
            for k in list(bas):
                out[k] = int.from_bytes(bas.pop(k), "little")
            return out

        self.char_masks = to_ints(char_bits)
        self.pair_masks = to_ints(pair_bits)
        self.bigram_buckets = nb
        self.bigram_masks = [0 if ba is None else int.from_bytes(ba, "little") for ba in big_bits]
        del big_bits
        self.trigram_buckets = nt
        self.trigram_masks = [0 if ba is None else int.from_bytes(ba, "little") for ba in tri_bits]
        del tri_bits
        kind_uids: dict[str, list[int]] = {}
        for uid, u in enumerate(self.units):
            kind_uids.setdefault(u.kind, []).append(uid)
        self.kind_masks = {k: self._mask_of(v) for k, v in kind_uids.items()}
        self._plan_masks: dict[frozenset[str], int] = {}  # plan ids → their units, made on first use

    def _mask_of(self, uids: list[int]) -> int:
        ba = bytearray((len(self.units) + 7) // 8)
        for u in uids:
            ba[u >> 3] |= 1 << (u & 7)
        return int.from_bytes(ba, "little")

    def plans_mask(self, plan_ids: set[str]) -> int:
        """The units of these plans, made on first use in one pass over the units (and remembered
        for the last few sets): a mask per plan would be most of the index's memory at 500 plans,
        for a filter used now and then."""
        key = frozenset(plan_ids)
        got = self._plan_masks.get(key)
        if got is None:
            if len(self._plan_masks) >= 16:
                self._plan_masks.clear()
            got = self._plan_masks[key] = self._mask_of(
                [uid for uid, u in enumerate(self.units) if u.plan_id in key])
        return got

    def clear_caches(self) -> None:
        """Forget compiled terms (the benchmark starts each replay cold)."""
        self._matchers.clear()
        self._plan_vocab = None
        self._last = None
        self.vocab.clear_cache()

    def cand_mask(self, m: TermMatcher, i: int) -> int | None:
        """Units pattern `i` of `m` can hit (a superset), or None when it cannot be narrowed."""
        if not self.narrow:
            return None
        got = m.masks[i]
        if got is not _UNSET:
            return got
        kind, arg = m.specs[i][3]
        cm = self.char_masks
        out: int | None = None
        if kind == "chars":
            for c in set(arg):
                x = cm.get(c, 0)
                out = x if out is None else out & x
            if out and m.specs[i][0] == EXACT and len(arg) > 1:
                out &= self.bigram_mask(cast(str, arg))
        elif kind == "letters":
            t = cast(str, arg)
            pm = self.pair_masks
            for k in range(len(t) - 1):
                x = pm.get(t[k : k + 2], 0)
                out = x if out is None else out & x
            nt = self.trigram_buckets
            if nt and out:
                tm = self.trigram_masks
                for k in range(len(t) - 2):
                    out &= tm[_tri_bucket(t[k : k + 3], nt)]
        elif kind == "seqs":
            seqs = cast(list[str], arg)
            budget = MASK_CHARS * max(1, 13200 // max(1, (len(self.units) + 7) // 8))
            if len(seqs) <= MASK_SEQS:
                # single characters: exactly the units with one of them; longer sequences: the
                # units with a character of each position (a superset)
                ones = {s for s in seqs if len(s) == 1}
                longer = [s for s in seqs if len(s) > 1]
                ones_mask: int | None = 0
                if len(ones) > budget:
                    ones_mask = None
                elif ones:
                    ones_mask = reduce(or_, map(cm.get, ones, repeat(0)))
                longer_mask: int | None = None
                if longer and len(longer) <= MASK_EACH:
                    # few: the units with every character of some sequence (much tighter than a
                    # character of each position, which mixes the sequences)
                    longer_mask = 0
                    for s in longer:
                        x = -1
                        for c in set(s):
                            x &= cm.get(c, 0)
                            if not x:
                                break
                        if x:
                            x &= self.bigram_mask(s)
                        longer_mask |= x
                elif longer:
                    for k in range(min(map(len, longer))):
                        chars = {s[k] for s in longer}
                        if len(chars) > budget:
                            continue
                        x = 0
                        for c in chars:
                            x |= cm.get(c, 0)
                        longer_mask = x if longer_mask is None else longer_mask & x
                    if longer_mask is not None:
                        longer_mask &= self._pairs_mask(longer)
                if ones_mask is not None and (longer_mask is not None or not longer):
                    out = ones_mask | (longer_mask or 0)
                    m.sure[i] = ones_mask
                    m.ones_known[i] = True
        if kind == "chars" and out is not None and len(arg) == 1:
            m.sure[i] = out  # one character: every unit with it (not so for 国国)
        m.masks[i] = out
        return out

    def bigram_mask(self, s: str) -> int:
        """A superset of the units holding `s` (two or more characters): those with, for each of
        its adjacent character pairs, some pair hashed to the same bucket; -1 without buckets."""
        nb = self.bigram_buckets
        if not nb:
            return -1
        bm = self.bigram_masks
        x = -1
        o = list(map(ord, s))
        for a, b in pairwise(o):
            x &= bm[(a * BIGRAM_MUL + b) & (nb - 1)]
        return x

    def _pairs_mask(self, seqs: list[str]) -> int:
        """Units whose initials text has, at each adjacent position of the sequences, a pair of
        characters with the first letters the sequences have there (a superset of the units with
        one of `seqs`); -1 (no narrowing) where a position holds something other than letters."""
        itable, sym_letters, pm = self.vocab.itable, self.vocab.sym_letters, self.pair_masks
        out = -1
        for k in range(min(map(len, seqs)) - 1):
            pairs: set[str] = set()
            for s in seqs:
                a = sym_letters.get(s[k].translate(itable))
                b = sym_letters.get(s[k + 1].translate(itable))
                if not a or not b:
                    pairs = set()
                    break
                pairs.update(x + y for x in a for y in b)
            if pairs:
                x = 0
                for lp in pairs:
                    x |= pm.get(lp, 0)
                out &= x
        return out

    def exact_mask(self, m: TermMatcher, i: int, budget: int | None = None) -> int | None:
        """Exactly the units pattern `i` of `m` hits, when known or cheap to know, else None.
        Worked out (each candidate searched once) for a term used by an earlier keystroke too:
        typing ``yan fa jing``, ``yan`` and ``fa`` stay while ``jing`` grows, so their units are
        found once instead of being re-checked on every keystroke. `budget`: the candidates that
        may be checked."""
        x = m.exact[i]
        if x is not None:
            return x
        cand = self.cand_mask(m, i)
        if cand is None:
            return None
        sure = m.sure[i]
        rest = cand & ~sure
        if budget is None:
            budget = EXACT_VERIFY if m.uses >= 2 else EXACT_VERIFY_NEW
        if rest and rest.bit_count() > budget:
            return None
        if rest:
            pat = m.pattern(i)
            blob, iblob, starts = self.blob, self.iblob, self.starts
            hit = pat.hit
            known = m.ones_known[i]  # units outside `sure` have none of the single characters
            ba = bytearray((len(self.units) + 7) // 8)
            for uid in iter_bits(rest):
                s, e = starts[uid], starts[uid + 1] - 1
                if hit(blob, iblob, s, e, False) if known else hit(blob, iblob, s, e):
                    ba[uid >> 3] |= 1 << (uid & 7)
            sure |= int.from_bytes(ba, "little")
        m.exact[i] = sure
        return sure

    def exact_term_mask(self, m: TermMatcher, tier: int, budget: int | None = None) -> int | None:
        """Exactly the units where `m` matches at `tier` or better, or None when not known."""
        out = 0
        for i, spec in enumerate(m.specs):
            if spec[0] > tier:
                break
            x = self.exact_mask(m, i, budget)
            if x is None:
                return None
            out |= x
        return out

    def term_mask(self, m: TermMatcher, tier: int) -> int | None:
        """Units where `m` can match at `tier` or better (a superset), or None."""
        out = 0
        for i, spec in enumerate(m.specs):
            if spec[0] > tier:
                break
            x = self.cand_mask(m, i)
            if x is None:
                return None
            out |= x
        return out

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_matchers"] = {}
        state["_plan_vocab"] = None
        state["_last"] = None
        state["_plan_masks"] = {}
        return state

    @classmethod
    def build(cls, corpus: Corpus) -> SearchIndex:
        units = corpus_units(corpus)
        units.sort(key=Unit.rank_key)
        norms = [normalize(u.text) for u in units]
        starts = [0]
        for n in norms:
            starts.append(starts[-1] + len(n) + 1)
        blob = SEP.join(norms) + SEP
        vocab = Vocab.build(norms)
        iblob = vocab.initials_text(blob)
        freq = dict(Counter(blob))
        plans = []
        for p in corpus.plans:
            names = tuple(dict.fromkeys(x for x in (p.id, p.short, p.meta.region) if x))
            plans.append((p.id, names))
        return cls(units, blob, iblob, starts, vocab, freq, plans)

    def __len__(self) -> int:
        return len(self.units)

    def unit_text(self, uid: int) -> str:
        """The normalised text of unit `uid` (same length as its text)."""
        return self.blob[self.starts[uid] : self.starts[uid + 1] - 1]

    def unit_initials(self, uid: int) -> str:
        return self.iblob[self.starts[uid] : self.starts[uid + 1] - 1]

    def matcher(self, term: Term, exclude: bool = False) -> TermMatcher:
        k = (term.text, term.exact, exclude)
        m = self._matchers.get(k)
        if m is None:
            if len(self._matchers) > 512:
                self._matchers.clear()
            m = self._matchers[k] = TermMatcher(term, self.vocab, exclude)
        return m

    # -- filters -----------------------------------------------------------------------------
    def plans_for(self, token: str) -> set[str]:
        """Plan ids an @token names: id, short name or region containing it, or spelled by it in
        pinyin (full, initials)."""
        token = normalize(token)
        if self._plan_vocab is None:
            self._plan_vocab = Vocab.build(normalize(n) for _, names in self.plans for n in names)
        m = TermMatcher(Term(token), self._plan_vocab)
        out: set[str] = set()
        for pid, names in self.plans:
            for name in names:
                norm = normalize(name)
                inorm = self._plan_vocab.initials_text(norm)
                if token in norm or m.tier_of(norm, inorm, INITIALS) is not None or spellings(name)[0].startswith(token):
                    out.add(pid)
                    break
        return out

    def _filters(self, q: Query, plans: list[str] | None, kinds: list[str] | set[str] | tuple[str, ...] | None):
        errors: list[str] = []
        allowed_plans: set[str] | None = None
        tokens = list(q.plan_tokens)
        if tokens:
            allowed_plans = set()
            for tok in tokens:
                found = self.plans_for(tok)
                if not found:
                    errors.append(f"no plan matches @{tok}")
                allowed_plans |= found
        if plans:
            ids: set[str] = set()
            for tok in plans:
                ids |= self.plans_for(tok)
            allowed_plans = ids if allowed_plans is None else allowed_plans & ids
        allowed_kinds: set[str] | None = None
        if q.kind_tokens:
            allowed_kinds = set()
            for tok in q.kind_tokens:
                ks = kinds_for(tok)
                if ks is None:
                    errors.append(f"unknown kind #{tok} (try #专栏 #指标 #标题 #段落 #条目 #规划)")
                else:
                    allowed_kinds |= ks
        if kinds is not None:
            allowed_kinds = set(kinds) if allowed_kinds is None else allowed_kinds & set(kinds)
        return allowed_plans, allowed_kinds, errors

    # -- search ------------------------------------------------------------------------------
    def search(self, query: str | Query, limit: int = 50, plans: list[str] | None = None,
               kinds: list[str] | set[str] | tuple[str, ...] | None = None) -> Result:
        q = parse(query) if isinstance(query, str) else query
        allowed_plans, allowed_kinds, errors = self._filters(q, plans, kinds)
        result = Result(errors=errors)
        if q.empty and plans is None and kinds is None:
            return result
        if (allowed_plans is not None and not allowed_plans) or (allowed_kinds is not None and not allowed_kinds):
            return result
        units = self.units
        blob = self.blob
        starts = self.starts

        def allowed(u: Unit) -> bool:
            return (allowed_plans is None or u.plan_id in allowed_plans) and (
                allowed_kinds is None or u.kind in allowed_kinds)

        allowed_mask: int | None = None
        if allowed_plans is not None and self.narrow:
            allowed_mask = self.plans_mask(allowed_plans)
        if allowed_kinds is not None and self.narrow:
            km = 0
            for k in allowed_kinds:
                km |= self.kind_masks.get(k, 0)
            allowed_mask = km if allowed_mask is None else allowed_mask & km

        excludes = [self.matcher(t, exclude=True) for t in q.excludes]
        # typing on: when this query only extends the previous one, its matches are among the
        # previous one's, known in full when that search did not stop at its limit
        signature = (tuple(q.plan_tokens), tuple(q.kind_tokens), tuple(q.excludes),
                     tuple(plans) if plans is not None else None, frozenset(kinds) if kinds is not None else None)
        prev_mask: int | None = None
        last = self._last
        if self.narrow and last is not None and last[0] == signature and self._extends(last[1], q.terms):
            prev_mask = last[2]
        # few units left to search (typing on): checking them one by one is cheaper than working
        # out exactly which units each term matches, or a mask for a term of many single characters
        few = prev_mask is not None and prev_mask.bit_count() <= TYPING_ON_FEW
        ex_mask: int | None = None  # the units excluded, when known exactly
        if excludes and self.narrow:
            ex_mask = 0
            for ex in excludes:
                ex.uses += 1
                x = self.exact_term_mask(ex, PINYIN)
                if x is None:
                    ex_mask = None
                    break
                ex_mask |= x
        matchers = [self.matcher(t) for t in q.terms]
        for m in matchers:
            m.uses += 1
        found: dict[int, tuple[int, float, TermMatcher | None]] = {}  # uid → (tier, loose ratio, phrase)
        order: list[int] = []

        itable = self.vocab.itable
        ex_initials = any(len(ex.specs) > 1 for ex in excludes)  # only pinyin excludes read the initials text

        def excluded(text: str) -> bool:
            itext = text.translate(itable) if ex_initials else text
            return any(ex.tier_of(text, itext, PINYIN) is not None for ex in excludes)

        if not matchers:  # filters only: every allowed unit, in rank order
            for uid, u in enumerate(units):
                if allowed(u) and not (excludes and excluded(self.unit_text(uid))):
                    if len(order) >= limit:
                        result.more = True
                        break
                    found[uid] = (EXACT, 0.0, None)
                    order.append(uid)
            result.hits = self._hits(order, found, matchers)
            return result

        iblob = self.iblob

        def collect(driver: TermMatcher, i: int, others: list[TermMatcher], tier: int, need: int) -> list[int]:
            """Up to need+1 new units (in rank order) where pattern `i` of the driver hits and the
            other terms match at `tier` or better. Only the candidate units (the AND of the
            pattern's, the other terms' and the filters' masks) are searched, each within its own
            text; without any mask the whole blob is scanned."""
            acc: list[int] = []
            on_initials = driver.specs[i][2]
            exact = self.exact_mask(driver, i, 0 if few else None) if self.narrow else None
            cand = exact if exact is not None else self.cand_mask(driver, i)
            checked = []  # other terms whose units are not known exactly: checked unit by unit
            # (`hits_unit`, which takes the units known to be hits, `sure`, without a test)
            for o in others:
                if few and all((o.charsets[k] is not None or (isinstance(spec[1], str) and len(spec[1]) == 1))
                               and not spec[2] for k, spec in enumerate(o.specs) if spec[0] <= tier):
                    checked.append(o)  # single characters: a set test per unit
                    continue
                x = self.exact_term_mask(o, tier, 0 if few else None) if self.narrow else None
                if x is None:
                    x = self.term_mask(o, tier)
                    checked.append(o)
                if x is not None:
                    cand = x if cand is None else cand & x
            others = checked
            if allowed_mask is not None:
                cand = allowed_mask if cand is None else cand & allowed_mask
            if prev_mask is not None:
                cand = prev_mask if cand is None else cand & prev_mask
            check_ex = bool(excludes)
            if cand is not None and ex_mask is not None:
                cand &= ~ex_mask
                check_ex = False
            if cand is not None and not cand:
                return acc  # nothing to search: the pattern need not even be compiled
            cs = driver.charsets[i]
            exact_mask = exact is not None or (cs is not None and not on_initials and self.cand_mask(driver, i) is not None)
            pat = None if exact_mask else driver.pattern(i)
            search = None if pat is None else pat.search
            if cand is None:
                assert search is not None  # every pattern without a candidate mask is compiled
                pos = 0
                nblob = len(blob)
                while len(acc) <= need:
                    p = search(blob, iblob, pos, nblob)
                    if p < 0:
                        break
                    uid = bisect_right(starts, p) - 1
                    pos = starts[uid + 1]
                    if uid in found or not allowed(units[uid]):
                        continue
                    if others or excludes:
                        s0, e0 = starts[uid], pos - 1
                        if any(not o.hits_unit(uid, blob, iblob, s0, e0, tier) for o in others) or (
                                excludes and excluded(blob[s0:e0])):
                            continue
                    acc.append(uid)
                return acc
            sure = iter_bits(cand & driver.sure[i]) if pat is not None and driver.sure[i] else iter(())
            next_sure = next(sure, -1)
            ones_known = pat is not None and driver.ones_known[i]
            for uid in iter_bits(cand):
                if uid in found:
                    continue
                start = starts[uid]
                end = starts[uid + 1] - 1
                if pat is not None:
                    while -1 < next_sure < uid:
                        next_sure = next(sure, -1)
                    if next_sure != uid and not (
                            pat.hit(blob, iblob, start, end, False) if ones_known else pat.hit(blob, iblob, start, end)):
                        continue
                if others or check_ex:
                    if any(not o.hits_unit(uid, blob, iblob, start, end, tier) for o in others) or (
                            check_ex and excluded(blob[start:end])):
                        continue
                acc.append(uid)
                if len(acc) > need:
                    break
            return acc

        def scan(driver: TermMatcher, others: list[TermMatcher], tier: int, phrase: TermMatcher | None) -> bool:
            """Add units where every term matches at `tier` or better; True when the limit is hit.
            With other terms, units the driver matches at a better tier are scanned too (they may
            have failed an earlier stage on another term); the per-pattern lists, each in rank
            order, are merged."""
            need = limit - len(order)
            pats = [i for i, spec in enumerate(driver.specs) if (spec[0] <= tier if others else spec[0] == tier)]
            if not pats:
                return False
            if len(pats) == 1:
                uids = collect(driver, pats[0], others, tier, need)
            else:
                uids = sorted(set().union(*(collect(driver, i, others, tier, need) for i in pats)))
            for uid in uids[:need]:
                found[uid] = (tier, 0.0, phrase)
                order.append(uid)
            if len(uids) > need:
                result.more = True
                return True
            return False

        driver = matchers[0] if len(matchers) == 1 else min(matchers, key=self._estimate)
        others = [m for m in matchers if m is not driver]
        plain = [t for t in q.terms if not t.exact]
        phrase = self.matcher(Term("".join(t.text for t in plain))) if len(plain) >= 2 else None
        tiers = sorted({t for m in matchers for t in m.tiers})
        full = False
        for tier in tiers:
            if phrase is not None and tier in phrase.tiers:
                exact = [self.matcher(t) for t in q.terms if t.exact]
                if scan(phrase, exact, tier, phrase):
                    full = True
                    break
            if scan(driver, others, tier, None):
                full = True
                break
        if full:
            self._last = None
        else:  # every unit these terms match is in `order`
            ba = bytearray((len(units) + 7) // 8)
            for uid in order:
                ba[uid >> 3] |= 1 << (uid & 7)
            self._last = (signature, list(q.terms), int.from_bytes(ba, "little"))
        if not full and len(matchers) == 1 and len(order) < LOOSE_BELOW:
            self._loose(matchers[0], allowed_mask, excluded if excludes else None, found, order, limit, result)
        result.hits = self._hits(order, found, matchers)
        return result

    def _hits(self, order: list[int], found: dict, matchers: list[TermMatcher]) -> list[Hit]:
        units, spans, scores = self.units, self._spans, _TIER_SCORES
        return [Hit(units[uid], tier, round(0.6 * ratio, 1) if tier == LOOSE else scores[tier], None, spans,
                    (uid, tier, phrase, matchers))
                for uid in order for tier, ratio, phrase in (found[uid],)]

    def _extends(self, old: list[Term], new: list[Term]) -> bool:
        """Whether every unit the terms `new` match (at a tier better than loose) is matched by
        `old` too: each old term grown at its end, or new terms added after them.

        Growing a term keeps its matches among the shorter term's (the same characters spell the
        shorter term: a syllable being typed is a prefix of its reading), except when the shorter
        term ends in zh/ch/sh after an initial (``yanfzh`` + ``j``: 中 took zh as an initial, which
        the last syllable of ``yanfzh`` may not be) or its expansion was cut at `SEQUENCE_CAP`;
        then there is no narrowing. The phrase of the plain terms must grow the same way."""
        if len(new) < len(old) or not old:
            return False
        for o, n in zip(old, new):
            if o.exact != n.exact or not n.text.startswith(o.text):
                return False
            if n.text != o.text and not self._grows_safely(o.text):
                return False
        old_phrase = "".join(t.text for t in old if not t.exact)
        new_phrase = "".join(t.text for t in new if not t.exact)
        if not new_phrase.startswith(old_phrase):
            return False
        return new_phrase == old_phrase or not old_phrase or self._grows_safely(old_phrase)

    def _grows_safely(self, text: str) -> bool:
        if text.endswith(TWO_LETTER_INITIALS):
            return False
        if not _ASCII_LETTER.search(text):
            return True
        m = self._matchers.get((text, False, False))
        return m is not None and not m.capped

    def _estimate(self, m: TermMatcher) -> float:
        """Roughly how many places a term's patterns can hit (lower drives the scan)."""
        if m.estimate is None:
            m.estimate = self._estimate_of(m)
        return m.estimate

    def _estimate_of(self, m: TermMatcher) -> float:
        get = self.freq.get  # counts of single characters only: 0 for a longer sequence
        est = float(min(map(get, m.text, repeat(0)), default=0))
        seqs = m.seqs[:2000]
        est += sum(map(get, seqs, repeat(0)))  # the single characters
        for s in [s for s in seqs if len(s) > 1]:
            est += min(map(get, s, repeat(0)))
        return est

    def _loose(self, m: TermMatcher, allowed_mask: int | None, excluded, found, order, limit, result) -> None:
        """Units with all but one of a Chinese term's characters: the `LOOSE_TOP` best of them by
        how many of the term's characters and adjacent pairs they hold, ranked by partial_ratio,
        then by the term's adjacent pairs held, then rank order. See the module docstring."""
        term = m.text
        if _ASCII_LETTER.search(term) or len(order) >= limit:
            return
        chars = list(dict.fromkeys(term))
        if len(chars) < 3:
            return
        rare = sorted(chars, key=lambda c: self.freq.get(c, 0))[:2]
        blob, starts = self.blob, self.starts
        cm = self.char_masks
        masks = [cm.get(c, 0) for c in chars]
        # the units scanned: those with one of the two rarest characters, not found yet, allowed
        scope = cm.get(rare[0], 0) | cm.get(rare[1], 0)
        if allowed_mask is not None:
            scope &= allowed_mask
        for uid in found:
            if scope >> uid & 1:
                scope ^= 1 << uid
        if scope.bit_count() > LOOSE_SCAN:  # only the first LOOSE_SCAN of them, in rank order
            for k, uid in enumerate(iter_bits(scope)):
                if k == LOOSE_SCAN - 1:
                    scope &= (1 << (uid + 1)) - 1
                    break
        # ... that contain all but at most one of the term's characters
        near = 0
        for j in range(len(masks)):
            x = scope
            for k, mk in enumerate(masks):
                if k != j:
                    x &= mk
            near |= x
        if not near:
            return
        # pre-rank: per candidate, the number of the term's characters and adjacent character
        # pairs (hashed pair buckets) it holds, counted for all candidates at once by adding the
        # masks as bit-planes of a binary counter
        feats = [mk & near for mk in masks]
        nb = self.bigram_buckets
        if nb:
            bm = self.bigram_masks
            o = list(map(ord, term))
            for h in dict.fromkeys((a * BIGRAM_MUL + b) & (nb - 1) for a, b in pairwise(o)):
                feats.append(bm[h] & near)
        planes: list[int] = []
        for carry in feats:
            for k in range(len(planes)):
                if not carry:
                    break
                p = planes[k]
                planes[k] = p ^ carry
                carry &= p
            if carry:
                planes.append(carry)
        picked: list[tuple[int, int]] = []  # (count, uid), best count first, then rank order
        texts: list[str] = []
        left = False  # candidates were left unscored
        for v in range((1 << len(planes)) - 1, -1, -1):
            lv = near
            for k, p in enumerate(planes):
                lv &= p if v >> k & 1 else ~p
                if not lv:
                    break
            if not lv:
                continue
            if len(picked) >= LOOSE_TOP:
                left = True
                break
            for uid in iter_bits(lv):
                text = blob[starts[uid] : starts[uid + 1] - 1]
                if excluded and excluded(text):
                    continue
                if len(picked) >= LOOSE_TOP:
                    left = True
                    break
                picked.append((v, uid))
                texts.append(text)
            if left:
                break
        # one C call scores them (same scorer and cutoff as fuzz.partial_ratio)
        scored = process.extract(term, texts, scorer=fuzz.partial_ratio, score_cutoff=LOOSE_CUTOFF,
                                 limit=None) if texts else []
        pairs = list(dict.fromkeys(map(str.__add__, term, term[1:])))
        cands = sorted((-ratio, -sum(p in texts[k] for p in pairs), picked[k][1]) for _, ratio, k in scored if ratio)
        for neg, _, uid in cands:
            if len(order) >= limit:
                result.more = True
                break
            found[uid] = (LOOSE, -neg, None)
            order.append(uid)
        if left:
            result.more = True

    def _spans(self, uid: int, tier: int, phrase: TermMatcher | None, matchers: list[TermMatcher]) -> list[tuple[int, int]]:
        text = self.unit_text(uid)
        itext = self.unit_initials(uid)
        spans: list[tuple[int, int]] = []
        if tier == LOOSE:
            term = matchers[0].text
            al = fuzz.partial_ratio_alignment(term, text)
            if al is not None:
                spans = [(i, i + 1) for i in range(al.dest_start, al.dest_end) if text[i] in term]
            return merge_spans(spans)
        if phrase is not None:
            t = phrase.tier_of(text, itext)
            if t is not None:
                spans.extend(phrase.spans(text, itext, t))
        for m in matchers:
            t = m.tier_of(text, itext)
            if t is not None:
                spans.extend(m.spans(text, itext, t))
        return merge_spans(spans)


# -- one index per corpus, built once -------------------------------------------------------------
_LOCK = threading.Lock()
_INDEXES: dict[int, tuple[weakref.ref, SearchIndex]] = {}


def index_for(corpus: Corpus, use_cache: bool = True) -> SearchIndex:
    """The corpus's index: built on first use, or loaded from the on-disk cache when the corpus
    came from a file (thread-safe; later calls return the same index)."""
    from tui.core.search import store

    with _LOCK:
        entry = _INDEXES.get(id(corpus))
        if entry is not None and entry[0]() is corpus:
            return entry[1]
        key = store.key_for(corpus.source, corpus.merged) if use_cache and corpus.source and store.enabled() else None
        index = store.load(key, SearchIndex) if key else None
        if index is None:
            index = SearchIndex.build(corpus)
            if key:
                store.save(key, index)
        for k in [k for k, (ref, _) in _INDEXES.items() if ref() is None]:
            del _INDEXES[k]
        _INDEXES[id(corpus)] = (weakref.ref(corpus), index)
        return index


def cached_index(corpus: Corpus) -> SearchIndex | None:
    """The corpus's index if it is already built, else None (never builds)."""
    entry = _INDEXES.get(id(corpus))
    if entry is not None and entry[0]() is corpus:
        return entry[1]
    return None
