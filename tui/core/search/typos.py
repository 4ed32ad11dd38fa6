"""Typo candidates: the loose tier, units holding all but one of a term's characters.

Loose matches (a typo: 高新技书企业) are a fallback, looked for only when the better tiers found
few results, and are not an exhaustive ranking: of the candidate units (those holding all but one
of the term's characters), only the `LOOSE_TOP` that hold the most of the term's characters and
adjacent character pairs (counted from the masks, pairs by hashed bucket; rank order breaks
ties) are scored with partial_ratio. They are ranked by that score, then by how many of the term's
adjacent pairs they hold (the typed text more intact: 研发经费 before 研发…废 for 研发经废), then rank
order; `Result.more` says when candidates were left unscored. (Scoring every candidate instead,
as earlier versions did, took ~190 rapidfuzz calls for 高新技书企业; the units holding the intended
word come first either way, `tests/test_search_patterns.py` pins that.)
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from tui.core.search.hits import Result
from tui.core.search.masks import BIGRAM_MUL, iter_bits
from tui.core.search.terms import ASCII_LETTER, LOOSE, Found, TermMatcher, merge_spans

if TYPE_CHECKING:
    from tui.core.search.index import SearchIndex

LOOSE_CUTOFF = 60.0  # rapidfuzz partial_ratio needed for a loose match
LOOSE_SCAN = 4000  # units examined at most for loose matches
LOOSE_TOP = 40  # loose candidates scored at most: the best by characters and pairs held
LOOSE_BELOW = 10  # loose matches are looked for only when the better tiers found fewer results


def loose_matches(index: SearchIndex, m: TermMatcher, allowed_mask: int | None,
                  excluded: Callable[[str], bool] | None, found: Found, order: list[int], limit: int,
                  result: Result) -> None:
    """Units with all but one of a Chinese term's characters: the `LOOSE_TOP` best of them by
    how many of the term's characters and adjacent pairs they hold, ranked by partial_ratio,
    then by the term's adjacent pairs held, then rank order. See the module docstring."""
    term = m.text
    if ASCII_LETTER.search(term) or len(order) >= limit:
        return
    chars = list(dict.fromkeys(term))
    if len(chars) < 3:
        return
    rare = sorted(chars, key=lambda c: index.freq.get(c, 0))[:2]
    blob, starts = index.blob, index.starts
    cm = index.char_masks
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
    nb = index.bigram_buckets
    if nb:
        bm = index.bigram_masks
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


def loose_spans(term: str, text: str) -> list[tuple[int, int]]:
    """The characters of `term` in the part of `text` that partial_ratio aligned it with."""
    al = fuzz.partial_ratio_alignment(term, text)
    if al is None:
        return []
    return merge_spans([(i, i + 1) for i in range(al.dest_start, al.dest_end) if text[i] in term])
