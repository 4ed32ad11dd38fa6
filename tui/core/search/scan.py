"""The search loop: one query's scan over an index, tier by tier, best first.

A query runs in stages by match tier (`terms`). Only candidate units (`masks`) are searched. The
most selective term drives the scan; the others are checked on the units it finds, or known exactly
(a term unchanged since the last keystroke). A query that only extends the previous one (typing
on) is searched among the previous one's matches when those were found in full; when they are
few (`TYPING_ON_FEW`), those are checked one by one instead of first working out which units each
new term matches. Because units are in rank order, a stage stops as soon as it has `limit`
results: typing ``y`` finds its first 50 units at once instead of matching every unit. Within a
tier, results keep the static rank (headings and 专栏 titles before body text, shorter before
longer, then document order), so ties break deterministically. When several plain terms are
given, the units where they stand together as one phrase come first within each tier. Loose
matches (`typos`) are looked for last, only when the better tiers found few results.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from typing import TYPE_CHECKING

from tui.core.search.finders import Number
from tui.core.search.hits import Result
from tui.core.search.masks import iter_bits, mask_of
from tui.core.search.query import Query, Term
from tui.core.search.ranking import POOL, ranked, relevance
from tui.core.search.searchable import Unit
from tui.core.search.terms import ASCII_LETTER, EXACT, INITIALS, PINYIN, SCATTERED, SOUND, Found, TermMatcher
from tui.core.search.typos import LOOSE_BELOW, homophone_spelling, loose_matches

if TYPE_CHECKING:
    from tui.core.search.index import SearchIndex

TYPING_ON_FEW = 64  # typing on among at most this many earlier matches: no term's units are worked
# out exactly (the few candidates are checked one by one instead)

# what a query is searched within, beside its terms: plan and kind tokens, excludes, the caller's filters
Signature = tuple[tuple[str, ...], tuple[str, ...], tuple[Term, ...], tuple[str, ...] | None, frozenset[str] | None]


class Scan:
    """The state of one query's search: its filters, the terms' matchers, the units found so far
    (`found`, `order`: in the order they rank) and the `Result` being filled."""

    def __init__(self, index: SearchIndex, q: Query, limit: int, signature: Signature,
                 allowed_plans: set[str] | None, allowed_kinds: set[str] | None, result: Result) -> None:
        self.index = index
        self.q = q
        self.limit = limit
        self.signature = signature
        self.allowed_plans = allowed_plans
        self.allowed_kinds = allowed_kinds
        self.result = result
        narrow = index.narrow
        allowed_mask: int | None = None
        if allowed_plans is not None and narrow:
            allowed_mask = index.plans_mask(allowed_plans)
        if allowed_kinds is not None and narrow:
            km = 0
            for k in allowed_kinds:
                km |= index.kind_masks.get(k, 0)
            allowed_mask = km if allowed_mask is None else allowed_mask & km
        self.allowed_mask = allowed_mask
        self.excludes = excludes = [index.matcher(t, exclude=True) for t in q.excludes]
        # typing on: when this query only extends the previous one, its matches are among the
        # previous one's, known in full when that search did not stop at its limit
        prev_mask: int | None = None
        last = index._last
        if narrow and last is not None and last[0] == signature and index._extends(last[1], q.terms):
            prev_mask = last[2]
        self.prev_mask = prev_mask
        # few units left to search (typing on): checking them one by one is cheaper than working
        # out exactly which units each term matches, or a mask for a term of many single characters
        self.few = prev_mask is not None and prev_mask.bit_count() <= TYPING_ON_FEW
        ex_mask: int | None = None  # the units excluded, when known exactly
        if excludes and narrow:
            ex_mask = 0
            for ex in excludes:
                ex.uses += 1
                x = index.exact_term_mask(ex, PINYIN)
                if x is None:
                    ex_mask = None
                    break
                ex_mask |= x
        self.ex_mask = ex_mask
        self.matchers = [index.matcher(t) for t in q.terms]
        for m in self.matchers:
            m.uses += 1
        self.found: Found = {}
        self.order: list[int] = []
        self.itable = index.vocab.itable
        self.ex_initials = any(len(ex.specs) > 1 for ex in excludes)  # only pinyin excludes read the initials text

    def allowed(self, u: Unit) -> bool:
        return (self.allowed_plans is None or u.plan_id in self.allowed_plans) and (
            self.allowed_kinds is None or u.kind in self.allowed_kinds)

    def excluded(self, text: str) -> bool:
        itext = text.translate(self.itable) if self.ex_initials else text
        return any(ex.tier_of(text, itext, PINYIN) is not None for ex in self.excludes)

    def run(self) -> Result:
        index, result, matchers = self.index, self.result, self.matchers
        if not matchers:
            self._filters_only()
            result.hits = index._hits(self.order, self.found, matchers)
            return result
        q = self.q
        driver = matchers[0] if len(matchers) == 1 else min(matchers, key=index._estimate)
        others = [m for m in matchers if m is not driver]
        plain = [t for t in q.terms if not t.exact]
        phrase = index.matcher(Term("".join(t.text for t in plain))) if len(plain) >= 2 else None
        tiers = sorted({t for m in matchers for t in m.tiers})
        full = False
        catalog = len(q.terms) == 1 and not q.terms[0].exact  # rows named by the catalogue: after exact matches
        for tier in tiers:
            if catalog and tier > EXACT:
                catalog = False
                if self.catalog_rows():
                    full = True
                    break
            if phrase is not None and tier in phrase.tiers:
                exact = [index.matcher(t) for t in q.terms if t.exact]
                if self.scan(phrase, exact, tier, phrase):
                    full = True
                    break
            if self.scan(driver, others, tier, None):
                full = True
                break
        if not full and len(matchers) == 1 and matchers[0].number and not q.terms[0].exact:
            full = self.value_rows(matchers[0])
        if not full and len(matchers) == 1 and matchers[0].plain and ASCII_LETTER.search(matchers[0].text):
            full = self.spelled_rows(matchers[0])
        if full:
            index._last = None
        else:  # every unit these terms match is in `order`
            index._last = (self.signature, list(q.terms), mask_of(self.order, len(index.units)))
        if not full and len(matchers) == 1 and matchers[0].plain and len(self.order) < LOOSE_BELOW:
            # sound-alikes only for a term that found nothing (typing a word out, its last letters
            # find few units: no spelling is guessed then)
            if not (not self.order and self.sound_alikes(matchers[0])):
                loose_matches(index, matchers[0], self.allowed_mask, self.excluded if self.excludes else None,
                              self.found, self.order, self.limit, result)
        result.hits = index._hits(self.order, self.found, matchers)
        return result

    def value_rows(self, m: TermMatcher) -> bool:
        """Add the indicator rows holding a number term as a value (`SearchIndex.row_values`):
        3.5% finds a row whose cell is 3.5 or 3.50 in a % row or column, 3.5 one in any unit,
        neither 35 nor 13.5 (`Number`). After the units whose text holds it; True when the limit
        is hit."""
        index = self.index
        text, starts, uids = index.row_values()
        if not uids:
            return False
        found, order, units = self.found, self.order, index.units
        last = -1
        for hit in Number(m.text).regex.finditer(text):
            line = bisect_right(starts, hit.start()) - 1
            if line == last:
                continue
            last = line
            uid = uids[line]
            if uid in found or not self.allowed(units[uid]) or (
                    self.excludes and self.excluded(index.unit_text(uid))):
                continue
            if len(order) >= self.limit:
                self.result.more = True
                return True
            found[uid] = (EXACT, 0.0, None)
            order.append(uid)
        return False

    def catalog_rows(self) -> bool:
        """A term that names an indicator of the catalogue (研发强度, an alias of rd_intensity)
        finds first the indicator rows printed under any of its names (研发投入强度, R&D经费支出占
        GDP比重…) right after the units holding it as typed, before its looser matches (scattered
        研…强…). True when the limit is hit."""
        index, q = self.index, self.q
        if self.allowed_kinds is not None and "indicator" not in self.allowed_kinds:
            return False
        names = index.catalog_names(q.terms[0].text)
        if not names:
            return False
        saved = self.allowed_kinds, self.allowed_mask, self.prev_mask
        self.allowed_kinds = {"indicator"}
        km = index.kind_masks.get("indicator", 0) if index.narrow else None
        self.allowed_mask = km if km is None or saved[1] is None else km & saved[1]
        self.prev_mask = None  # the rows need not hold the term typed so far
        try:
            for name in names:
                m = index.matcher(Term(name, exact=True))
                if self.scan(m, [], EXACT, m):
                    return True
            return False
        finally:
            self.allowed_kinds, self.allowed_mask, self.prev_mask = saved

    def spelled_rows(self, m: TermMatcher) -> bool:
        """A pinyin term that spells one Chinese term (yfjf, yanfajingfei: 研发经费) finds what
        that term finds, after its own matches: the catalogue's indicator rows the term names and
        its scattered matches (研发与试验发展经费). The Chinese term is the one the pinyin stands
        for in the units found so far, when they all show the same (`spelled_word`), else a
        catalogue name the pinyin spells in full (yfqd: 研发强度). True when the limit is hit."""
        word = self.spelled_word(m) or self.index.catalog_spelled(m.text)
        if not word:
            return False
        wm = self.index.matcher(Term(word))
        saved = self.q, self.prev_mask
        self.q = Query(raw=word, terms=[Term(word)])
        self.prev_mask = None  # the word's rows need not be among the previous keystroke's matches
        try:
            if self.scan(wm, [], EXACT, wm) or self.catalog_rows():
                return True
            return self.scan(wm, [], SCATTERED, None, shown=wm)
        finally:
            self.q, self.prev_mask = saved

    def spelled_word(self, m: TermMatcher) -> str | None:
        """The Chinese term pinyin term `m` spells in the units it found (in pinyin or initials),
        when it is the same everywhere (at least two characters, not only Latin letters); None
        when it spells several (yanfa: 研发, 广泛…) or none."""
        index, found = self.index, self.found
        words: set[str] = set()
        for uid in self.order:
            tier = found[uid][0]
            if tier not in (PINYIN, INITIALS):
                continue
            text, itext = index.unit_text(uid), index.unit_initials(uid)
            for a, b in m.spans(text, itext, tier):
                words.add(text[a:b])
            if len(words) > 1:
                return None
        word = next(iter(words), None)
        if word is None or len(word) < 2 or word.isascii():
            return None
        return word

    def sound_alikes(self, m: TermMatcher) -> bool:
        """Add the units a term spelt a little differently matches in full pinyin (the sound tier): a pinyin term with one letter wrong, missing or extra (`pinyin_variants`), a Han
        term by its sound (研法经费 as yanfajingfei: a homophone typed by mistake). True when the
        limit is hit."""
        index = self.index
        if m.number:
            return False
        spelling = homophone_spelling(m.text)
        variants = [spelling] if spelling else index.pinyin_variants(m.text)
        self.prev_mask = None  # the matches of the previous keystroke do not bound these
        for v in variants:
            vm = index.matcher(Term(v))
            if self.scan(vm, [], PINYIN, vm, record=SOUND):
                return True
        return False

    def _filters_only(self) -> None:
        """Every allowed unit, in rank order."""
        found, order, excludes, limit = self.found, self.order, self.excludes, self.limit
        unit_text = self.index.unit_text
        for uid, u in enumerate(self.index.units):
            if self.allowed(u) and not (excludes and self.excluded(unit_text(uid))):
                if len(order) >= limit:
                    self.result.more = True
                    break
                found[uid] = (EXACT, 0.0, None)
                order.append(uid)

    def scan(self, driver: TermMatcher, others: list[TermMatcher], tier: int, phrase: TermMatcher | None,
             record: int | None = None, shown: TermMatcher | None = None) -> bool:
        """Add units where every term matches at `tier` or better; True when the limit is hit.
        With other terms, units the driver matches at a better tier are scanned too (they may
        have failed an earlier stage on another term); the per-pattern lists, each in rank
        order, are merged. `record`: the tier the units are found at, when not `tier`; `shown`: the
        matcher that highlights them, when ranked as without a phrase (`spelled_rows`)."""
        need = self.limit - len(self.order)
        pats = [i for i, spec in enumerate(driver.specs) if (spec[0] <= tier if others else spec[0] == tier)]
        if not pats:
            return False
        # initials and scattered matches are ranked by how good the match is (`relevance`), among
        # the first POOL of them in rank order
        rank = phrase is None and ranked(tier, [driver, *others])
        want = max(need, POOL) if rank else need
        if len(pats) == 1:
            uids = self.collect(driver, pats[0], others, tier, want)
        else:
            uids = sorted(set[int]().union(*(self.collect(driver, i, others, tier, want) for i in pats)))
        if rank and len(uids) > 1:
            key = relevance(self.index, [driver, *others], tier)
            uids = sorted(uids[:want], key=key) + uids[want:]
        found, order = self.found, self.order
        got = (tier if record is None else record, 0.0, phrase if shown is None else shown)
        for uid in uids[:need]:
            found[uid] = got
            order.append(uid)
        if len(uids) > need:
            self.result.more = True
            return True
        return False

    def collect(self, driver: TermMatcher, i: int, others: list[TermMatcher], tier: int, need: int) -> list[int]:
        """Up to need+1 new units (in rank order) where pattern `i` of the driver hits and the
        other terms match at `tier` or better. Only the candidate units (the AND of the
        pattern's, the other terms' and the filters' masks) are searched, each within its own
        text; without any mask the whole blob is scanned."""
        index, few = self.index, self.few
        narrow = index.narrow
        acc: list[int] = []
        on_initials = driver.specs[i][2]
        exact = index.exact_mask(driver, i, 0 if few else None) if narrow else None
        cand = exact if exact is not None else index.cand_mask(driver, i)
        checked = []  # other terms whose units are not known exactly: checked unit by unit
        # (`hits_unit`, which takes the units known to be hits, `sure`, without a test)
        for o in others:
            if few and all((o.charsets[k] is not None or (isinstance(spec[1], str) and len(spec[1]) == 1))
                           and not spec[2] for k, spec in enumerate(o.specs) if spec[0] <= tier):
                checked.append(o)  # single characters: a set test per unit
                continue
            x = index.exact_term_mask(o, tier, 0 if few else None) if narrow else None
            if x is None:
                x = index.term_mask(o, tier)
                checked.append(o)
            if x is not None:
                cand = x if cand is None else cand & x
        others = checked
        if self.allowed_mask is not None:
            cand = self.allowed_mask if cand is None else cand & self.allowed_mask
        if self.prev_mask is not None:
            cand = self.prev_mask if cand is None else cand & self.prev_mask
        excludes = self.excludes
        excluded = self.excluded
        check_ex = bool(excludes)
        if cand is not None and self.ex_mask is not None:
            cand &= ~self.ex_mask
            check_ex = False
        if cand is not None and not cand:
            return acc  # nothing to search: the pattern need not even be compiled
        cs = driver.charsets[i]
        exact_mask = exact is not None or (cs is not None and not on_initials and index.cand_mask(driver, i) is not None)
        pat = None if exact_mask else driver.pattern(i)
        search = None if pat is None else pat.search
        found = self.found
        blob, iblob, starts, units = index.blob, index.iblob, index.starts, index.units
        if cand is None:
            assert search is not None  # every pattern without a candidate mask is compiled
            allowed = self.allowed
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
        sure: Iterator[int] = iter_bits(cand & driver.sure[i]) if pat is not None and driver.sure[i] else iter(())
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
