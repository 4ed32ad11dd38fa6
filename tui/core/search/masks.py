"""Candidate filtering: bitmask inverted indexes that narrow every pattern to the units that can hold it.

Bitmasks (bit i = unit i, units in rank order) per character and per pair of first letters
narrow every pattern (`finders`) to the units that can hold it, exactly so for single characters;
masks per bucket of hashed adjacent character pairs narrow exact terms and a pinyin term's few
longer sequences (each sequence on its own: all its characters and pairs), and masks per bucket of
adjacent first-letter triples narrow initials terms (zdsy: units with z-d-s and d-s-y in a row,
not only the pairs; kept only for corpora small enough, like the pair buckets). For a term used by
an earlier keystroke too, the units each pattern really hits are worked out once (`exact_mask`).

`MaskIndex` is the part of `SearchIndex` that builds and reads the masks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import reduce
from itertools import chain, pairwise, repeat
from operator import or_
from typing import cast

from tui.core.search.pinyin import Vocab
from tui.core.search.searchable import Unit
from tui.core.search.terms import EXACT, UNSET, TermMatcher

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


def tri_bucket(letters: str, nt: int) -> int:
    """The bucket (of `nt`, a power of two) of three lowercase letters."""
    return ((ord(letters[0]) - 97) * 676 + (ord(letters[1]) - 97) * 26 + ord(letters[2]) - 97) & (nt - 1)


_BYTE_BITS = [tuple(k for k in range(8) if v >> k & 1) for v in range(256)]


def iter_bits(mask: int) -> Iterator[int]:
    """The set bits of `mask` (unit ids), in increasing order."""
    b = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    bits = _BYTE_BITS
    for m in _NONZERO.finditer(b):
        i = m.start()
        base = i << 3
        for k in bits[b[i]]:
            yield base + k


def mask_of(uids: list[int] | Iterator[int], n: int) -> int:
    """The mask of these unit ids (of `n` units)."""
    ba = bytearray((n + 7) // 8)
    for u in uids:
        ba[u >> 3] |= 1 << (u & 7)
    return int.from_bytes(ba, "little")


class MaskIndex:
    """The masks of an index's units, and the candidate units of a term's patterns."""

    units: list[Unit]
    blob: str
    iblob: str
    starts: list[int]
    vocab: Vocab
    narrow: bool
    char_masks: dict[str, int]
    pair_masks: dict[str, int]
    bigram_buckets: int
    bigram_masks: list[int]
    trigram_buckets: int
    trigram_masks: list[int]
    kind_masks: dict[str, int]
    _plan_masks: dict[frozenset[str], int]

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
        self._plan_masks = {}  # plan ids → their units, made on first use

    def _mask_of(self, uids: list[int]) -> int:
        return mask_of(uids, len(self.units))

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

    def cand_mask(self, m: TermMatcher, i: int) -> int | None:
        """Units pattern `i` of `m` can hit (a superset), or None when it cannot be narrowed."""
        if not self.narrow:
            return None
        got = m.masks[i]
        if got is not UNSET:
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
                    out &= tm[tri_bucket(t[k : k + 3], nt)]
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

