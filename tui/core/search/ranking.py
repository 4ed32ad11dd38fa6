"""How good a match is, beyond its tier: the order of initials and scattered matches.

Within a tier, results keep the static rank (headings and 专栏 titles before body text, shorter
before longer, then document order), except in the two tiers where matches differ in quality:

- scattered (研发强度): the tightest match first, fewest runs of adjacent characters, then the
  narrowest (研发投入强度 before 研究开发…加强…程度), so scattered single characters never outrank
  the term's words standing near each other;
- initials (sys): the match that is the commoner word in the corpus first (实验室, in many units,
  before 市优势, which only 绍兴市优势… has), counted in powers of two so that words about as
  common keep the static rank.

Several terms typed as characters are ranked by how close they stand (`apart`: 研发 强度 finds
研发投入强度 first). Only the first `POOL` matches of the tier in rank order are ranked this way (a
keystroke stays cheap on a corpus of hundreds of plans).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.core.search.finders import Scattered
from tui.core.search.terms import EXACT, INITIALS, SCATTERED, TermMatcher

if TYPE_CHECKING:
    from tui.core.search.index import SearchIndex

POOL = 100  # matches of a tier ranked by quality at most
LONGEST = 32  # characters of the longest term whose matches are ranked by quality
WORDS_CACHED = 4096  # word counts remembered per index


def ranked(tier: int, matchers: list[TermMatcher]) -> bool:
    """Whether matches at `tier` of these terms are ranked by `relevance`: initials and scattered
    matches, and several terms typed as characters (several pinyin terms are left in rank order:
    their phrase is searched first, and where a syllable stands in a text is costly to find)."""
    if any(len(m.text) > LONGEST for m in matchers):
        return False  # a paste, not a query: rank order
    return tier in (INITIALS, SCATTERED) or (
        len(matchers) > 1 and all(spec[0] in (EXACT, SCATTERED) for m in matchers for spec in m.specs))


def relevance(index: SearchIndex, matchers: list[TermMatcher], tier: int) -> Callable[[int], tuple[int, ...]]:
    """A sort key for unit ids found at `tier` by these terms: better matches first, then rank
    order. Several terms: those standing closer together first (`apart`), after the initials'
    commoner word."""
    latin = [m for m in matchers if any(spec[0] == INITIALS for spec in m.specs)]

    def key(uid: int) -> tuple[int, ...]:
        out: list[int] = []
        if tier == INITIALS:  # the word the letters stand for first: 专栏 sys is about 实验室
            out.append(-word_score(index, uid, latin))
        if len(matchers) > 1:
            out.append(apart(index, uid, matchers))
        if tier == SCATTERED:
            out.extend(scattered_cost(index.unit_text(uid), matchers))
        out.append(uid)
        return tuple(out)

    return key


APART = (0, 2, 8, 32)  # characters between the terms: at most this many → 0, 1, 2, 3; more → 4


def apart(index: SearchIndex, uid: int, matchers: list[TermMatcher]) -> int:
    """How far apart the terms stand in unit `uid`, as a step of `APART` (0: side by side): the
    narrowest stretch of text holding a match of every term, less the matches' own lengths."""
    text, itext = index.unit_text(uid), index.unit_initials(uid)
    events: list[tuple[int, int, int]] = []
    lengths: list[int] = []
    for k, m in enumerate(matchers):
        t = m.tier_of(text, itext)
        spans = m.spans(text, itext, t) if t is not None else []
        if not spans:
            return len(APART)
        spans = spans[:64]
        events.extend((a, b, k) for a, b in spans)
        lengths.append(min(b - a for a, b in spans))
    events.sort()
    need = len(matchers)
    count = [0] * need
    have = 0
    best = len(text)
    lo = 0
    ends: list[int] = []
    for hi, (_a, b, k) in enumerate(events):
        ends.append(b)
        if count[k] == 0:
            have += 1
        count[k] += 1
        while have == need:
            best = min(best, max(ends[lo : hi + 1]) - events[lo][0])
            k0 = events[lo][2]
            count[k0] -= 1
            if count[k0] == 0:
                have -= 1
            lo += 1
    gap = best - sum(lengths)
    for step, most in enumerate(APART):
        if gap <= most:
            return step
    return len(APART)


def scattered_cost(text: str, matchers: list[TermMatcher]) -> tuple[int, int]:
    """(runs of adjacent characters, extra width) summed over the terms: 0 for a term standing
    as typed, its tightest scattered match's (`Scattered.best`) otherwise."""
    pieces = extra = 0
    for m in matchers:
        t = m.text
        if t in text:
            continue
        for spec in m.specs:
            if spec[0] == SCATTERED:
                p, width, _ = Scattered(t).best(text, 0, len(text))
                if p:
                    pieces += p - 1
                    extra += width - len(t)
                break
    return pieces, extra


def word_score(index: SearchIndex, uid: int, matchers: list[TermMatcher]) -> int:
    """How common, as a word of the corpus, the text the initials terms match in unit `uid` is:
    per term, the log2 of the number of units holding its commonest match here, summed."""
    text, itext = index.unit_text(uid), index.unit_initials(uid)
    score = 0
    for m in matchers:
        best = 0
        for a, b in m.spans(text, itext, INITIALS):
            best = max(best, units_with(index, text[a:b]))
        score += best.bit_length()
    return score


def units_with(index: SearchIndex, word: str) -> int:
    """How many units hold all of `word`'s characters and (hashed) adjacent pairs: about how many
    hold the word (cheap: a few mask ANDs; remembered)."""
    cache = index.word_counts
    got = cache.get(word)
    if got is None:
        cm = index.char_masks
        x = -1
        for c in set(word):
            x &= cm.get(c, 0)
            if not x:
                break
        if x and len(word) > 1:
            x &= index.bigram_mask(word)
        got = x.bit_count() if x > 0 else 0
        if len(cache) >= WORDS_CACHED:
            cache.clear()
        cache[word] = got
    return got
