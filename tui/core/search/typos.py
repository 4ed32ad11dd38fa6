"""Typo candidates: the sound tier (a term spelt a little differently) and the loose tier (units
holding all but one of a term's characters).

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
from tui.core.search.pinyin import Vocab, spellings
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
    if ASCII_LETTER.search(term) or len(order) >= limit or any(c.isdigit() for c in term):
        return  # pinyin has its own typo tolerance (`pinyin_variants`); a number is never near another
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


# -- sound-alikes: a pinyin term with one letter wrong, missing or extra; a Han term's homophones --
FUZZY_MIN = 5  # letters a pinyin term needs before one wrong letter is tolerated (shorter ones are too ambiguous)
FUZZY_MAX = 30  # letters beyond which a term is a paste, not a word typed: no guessing
FUZZY_VARIANTS = 8  # spellings that spell corpus text kept at most per term
FUZZY_TRIES = 24  # spellings expanded at most per term (those whose fixed syllable fits its neighbours)
# letters often confused in typing pinyin (front/back nasals, flat/retroflex initials, l/n, f/h):
# such an edit is tried before any other
_CONFUSED = {("n", "ng"), ("ng", "n"), ("z", "zh"), ("zh", "z"), ("c", "ch"), ("ch", "c"), ("s", "sh"),
             ("sh", "s"), ("l", "n"), ("n", "l"), ("f", "h"), ("h", "f")}


def _segments(term: str, full: dict[str, frozenset[str]]) -> tuple[list[bool], list[bool]]:
    """(forward, backward): forward[i] when term[:i] splits into full syllables, backward[i] when
    term[i:] does."""
    n = len(term)
    fw = [False] * (n + 1)
    fw[0] = True
    for i in range(n):
        if fw[i]:
            for k in range(1, min(6, n - i) + 1):
                if term[i : i + k] in full:
                    fw[i + k] = True
    bw = [False] * (n + 1)
    bw[n] = True
    for i in range(n - 1, -1, -1):
        for k in range(1, min(6, n - i) + 1):
            if bw[i + k] and term[i : i + k] in full:
                bw[i] = True
                break
    return fw, bw


_NEAR: dict[int, tuple[dict[str, frozenset[str]], dict[str, list[tuple[str, int]]]]] = {}


def _near_table(full: dict[str, frozenset[str]]) -> dict[str, list[tuple[str, int]]]:
    """Each syllable of the corpus under itself (deleted position -1) and under each spelling with
    one letter deleted (that position): one edit apart are the syllables filed under the typed
    text or under it with one letter deleted (deletion neighbourhoods)."""
    got = _NEAR.get(id(full))
    if got is not None and got[0] is full:
        return got[1]
    table: dict[str, list[tuple[str, int]]] = {}
    for syl in full:
        if not syl.isalpha():
            continue
        table.setdefault(syl, []).append((syl, -1))
        for k in range(len(syl)):
            table.setdefault(syl[:k] + syl[k + 1 :], []).append((syl, k))
    _NEAR.clear()
    _NEAR[id(full)] = (full, table)
    return table


def _near(x: str, table: dict[str, list[tuple[str, int]]]) -> dict[str, int]:
    """Syllables one edit from `x` → how likely the edit is: 0 letters often confused (n/ng,
    z/zh, c/ch, s/sh, l/n, f/h), 1 a letter missing, 2 a letter extra, wrong, or two swapped."""
    out: dict[str, int] = {}
    for syl, k in table.get(x, ()):
        if k >= 0:  # x lacks a letter of syl
            out[syl] = min(out.get(syl, 9), _confused(x, syl, 1))
    for i in range(len(x)):
        for syl, k in table.get(x[:i] + x[i + 1 :], ()):
            if k < 0 or k == i or abs(k - i) == 1:  # x has an extra letter; a wrong one; a swap
                out[syl] = min(out.get(syl, 9), _confused(x, syl, 2))
    out.pop(x, None)
    return out


def _confused(typed: str, fixed: str, otherwise: int) -> int:
    for a, b in _CONFUSED:
        if a in typed and typed.replace(a, b, 1) == fixed:
            return 0
    return otherwise


def pinyin_variants(term: str, vocab: Vocab) -> list[str]:
    """Full-pinyin spellings one edit from a Latin term (in one syllable) that spell character
    sequences of the corpus (`Vocab.expand`), confused letters first (huanjiu → huangjiu 黄酒,
    yanfajinfei → yanfajingfei 研发经费) and nearest to where the term stops spelling corpus text
    (likeliness and distance added). The term must split into whole syllables before and after the syllable fixed, so most
    edits are never tried, nor a syllable whose characters never follow (or precede) its
    neighbours' in the corpus; at most `FUZZY_TRIES` are expanded."""
    if not FUZZY_MIN <= len(term) <= FUZZY_MAX or not term.isascii() or not term.isalpha():
        return []
    full = vocab.full
    succ = vocab.succ
    table = _near_table(full)
    fw, bw = _segments(term, full)
    n = len(term)
    wrong = vocab.spelled(term)  # the edit is likely near where the term stops spelling corpus text

    def joins(left: frozenset[str], right: frozenset[str]) -> bool:
        """Whether a character of `left` is followed by one of `right` somewhere in the corpus."""
        return any(not right.isdisjoint(succ.get(c, ())) for c in left)

    def fits(i: int, end: int, chars: frozenset[str]) -> bool:
        """Whether characters read `chars` can stand between the syllables before letter i and
        from letter `end` of the term (a pair of the corpus on each side)."""
        left = i == 0 or any(fw[j] and term[j:i] in full and joins(full[term[j:i]], chars)
                             for j in range(max(0, i - 6), i))
        return left and (end == n or any(bw[m] and term[end:m] in full and joins(chars, full[term[end:m]])
                                         for m in range(end + 1, min(n, end + 6) + 1)))

    cands: dict[str, tuple[int, int]] = {}
    for i in range(n):
        if not fw[i]:
            continue
        for k in range(1, min(7, n - i) + 1):
            if not bw[i + k]:
                continue
            x = term[i : i + k]
            far = 0 if i <= wrong <= i + k else min(abs(i - wrong), abs(i + k - wrong))
            for syl, p in _near(x, table).items():
                s = term[:i] + syl + term[i + k :]
                if cands.get(s, (9, 0)) > (p + far, p) and fits(i, i + k, full[syl]):
                    cands[s] = (p + far, p)
    out: list[str] = []
    for _, s in sorted((rank, s) for s, rank in cands.items())[:FUZZY_TRIES]:
        if any(q == 0 and len(seq) >= 2 for seq, q in vocab.expand(s).items()):
            out.append(s)
            if len(out) >= FUZZY_VARIANTS:
                break
    return out


def homophone_spelling(term: str) -> str | None:
    """The full pinyin of a term of two or more Han characters (研法经费 → yanfajingfei: a wrong
    character typed by its sound), or None."""
    if not 2 <= len(term) <= FUZZY_MAX // 3 or term.isascii():
        return None
    full, _ = spellings(term)
    return full if full.isascii() and full.isalpha() else None
