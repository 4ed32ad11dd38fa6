"""The search index and engine.

The index is built once per corpus: every `Unit` (`searchable`), sorted by its static rank (kind,
then length, then document order), its normalised text joined into one string (`blob`, units
separated by NUL) with the start offset of each unit, the corpus's pinyin `Vocab`, character
frequencies and the bitmask inverted indexes (`masks`).

A query is parsed (`query`), its filters resolved here, and its terms (`terms`: one `TermMatcher`
per term, tier patterns from `finders`) searched tier by tier by a `Scan` (`scan`), with loose
matches for a typo last (`typos`). Results are `Hit`s in a `Result` (`hits`).
"""

from __future__ import annotations

import threading
import weakref
from collections import Counter
from itertools import repeat

from tui.core.model import Corpus
from tui.core.search.hits import TIER_SCORES, Hit, Result
from tui.core.search.masks import MaskIndex, iter_bits
from tui.core.search.pinyin import TWO_LETTER_INITIALS, Vocab, normalize, spellings
from tui.core.search.query import Query, Term, kinds_for, parse
from tui.core.search.scan import Scan, Signature
from tui.core.search.searchable import Unit, corpus_units, row_values
from tui.core.search.terms import (
    ASCII_LETTER,
    INITIALS,
    LOOSE,
    TIER_NAMES,
    Found,
    TermMatcher,
    match_spans,
    merge_spans,
)
from tui.core.search.typos import loose_spans, pinyin_variants

__all__ = ["TIER_NAMES", "Hit", "Result", "SearchIndex", "cached_index", "index_for", "match_spans"]

SEP = "\x00"


class SearchIndex(MaskIndex):
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
        # the last search: (filters, terms, mask of every unit it matched)
        self._last: tuple[Signature, list[Term], int] | None = None
        self.narrow = True  # False: scan the whole blob, without the masks (for tests)
        self._build_masks()

    _word_counts: dict[str, int] | None = None
    _variants: dict[str, list[str]] | None = None
    _aliases: dict[str, tuple[str, ...]] | None = None
    _corpus: weakref.ref[Corpus] | None = None  # the corpus indexed, for its table values
    _values: tuple[str, list[int], list[int]] | None = None  # (values text, starts, unit ids)

    def row_values(self) -> tuple[str, list[int], list[int]]:
        """The indicator rows' values as searchable text (`searchable.row_values`): one line per
        row, each value with its unit (3.5% for 3.5 in a % column), the line starts and each line's
        unit id; made on first use (a number query) from the corpus indexed, empty without it."""
        if self._values is None:
            corpus = self._corpus() if self._corpus is not None else None
            self._values = row_values(corpus, self.units) if corpus is not None else ("", [0], [])
        return self._values

    def catalog_names(self, term: str) -> tuple[str, ...]:
        """The names an indicator catalogue entry (`data/indicators.yaml`) goes by, normalised,
        when `term` is one of them (研发强度 → 全社会R&D经费支出占GDP比重, R&D经费占GDP比重…);
        else (). The catalogue is read once, on the first query; an unreadable one names nothing."""
        if self._aliases is None:
            self._aliases = catalog_aliases()
        return self._aliases.get(term, ())

    _catalog_vocab: Vocab | None = None  # the catalogue's names' pinyin (made on first use)
    _spelled: dict[str, str | None] | None = None  # pinyin term → the catalogue name it spells

    def catalog_spelled(self, term: str) -> str | None:
        """The one indicator catalogue name (normalised) a pinyin term spells in full, in full
        pinyin, initials or both (yfqd, yanfaqiangdu: 研发强度); None when it spells none or
        several. Remembered per term."""
        if self._spelled is None:
            self._spelled = {}
        if term in self._spelled:
            return self._spelled[term]
        if self._aliases is None:
            self._aliases = catalog_aliases()
        if self._catalog_vocab is None:
            self._catalog_vocab = Vocab.build(self._aliases)
        vocab = self._catalog_vocab
        m = TermMatcher(Term(term), vocab)
        names: set[str] = set()
        for name in self._aliases:
            if name.isascii():
                continue
            itext = vocab.initials_text(name)
            tier = m.tier_of(name, itext, INITIALS)
            if tier is not None and any(b - a == len(name) for a, b in m.spans(name, itext, tier)):
                names.add(name)
        if len(self._spelled) >= 256:
            self._spelled.clear()
        got = self._spelled[term] = names.pop() if len(names) == 1 else None
        return got

    def pinyin_variants(self, term: str) -> list[str]:
        """`typos.pinyin_variants` of a term, remembered (a term typed on is asked again)."""
        if self._variants is None:
            self._variants = {}
        got = self._variants.get(term)
        if got is None:
            if len(self._variants) >= 256:
                self._variants.clear()
            got = self._variants[term] = pinyin_variants(term, self.vocab)
        return got

    @property
    def word_counts(self) -> dict[str, int]:
        """Units holding a word, by word (`ranking.units_with`), filled as searches need them."""
        if self._word_counts is None:
            self._word_counts = {}
        return self._word_counts

    def clear_caches(self) -> None:
        """Forget compiled terms (the benchmark starts each replay cold)."""
        self._matchers.clear()
        self._plan_vocab = None
        self._named = None
        self._last = None
        self._word_counts = None
        self._variants = None
        self._spelled = None
        self.vocab.clear_cache()

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_matchers"] = {}
        state["_plan_vocab"] = None
        state.pop("_named", None)
        state["_last"] = None
        state["_plan_masks"] = {}
        for cache in ("_regions", "_word_counts", "_variants", "_aliases", "_corpus", "_values",
                      "_catalog_vocab", "_spelled"):
            state.pop(cache, None)  # made again on first use
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
        index = cls(units, blob, iblob, starts, vocab, freq, plans)
        index._corpus = weakref.ref(corpus)
        index.catalog_names("")  # the catalogue read with the build, not on the first keystroke
        return index

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
    _regions: dict[str, set[str]] | None = None  # a plan's bare name → plan ids (made on first use)

    def region_plans(self, text: str) -> set[str]:
        """The plans a bare term names exactly: a plan id, its short name or region, with or
        without 市/区/县, in characters or full pinyin (湖州, 湖州市, huzhou, huzhoushi)."""
        if self._regions is None:
            regions: dict[str, set[str]] = {}
            for pid, names in self.plans:
                for name in names:
                    norm = normalize(name).strip()
                    variants = {norm}
                    if len(norm) >= 3 and norm[-1] in "市区县":
                        variants.add(norm[:-1])
                    for v in list(variants):
                        if not v.isascii():
                            variants.add(spellings(v)[0])
                    for v in variants:
                        regions.setdefault(v, set()).add(pid)
            self._regions = regions
        return self._regions.get(text, set())

    def _regions_as_filters(self, q: Query) -> Query:
        """A plain term that names a plan (`region_plans`) beside other terms or a #kind filter
        acts as an @plan filter: 湖州 专栏 is 专栏 in the 湖州市 plan."""
        if len(q.terms) + len(q.kind_tokens) < 2:
            return q
        terms: list[Term] = []
        plan_tokens = list(q.plan_tokens)
        for t in q.terms:
            pids = set() if t.exact else self.region_plans(t.text)
            if pids:
                plan_tokens.extend(sorted(pids))
            else:
                terms.append(t)
        if len(terms) == len(q.terms) or not (terms or q.kind_tokens):
            return q
        return Query(raw=q.raw, terms=terms, excludes=q.excludes, plan_tokens=plan_tokens,
                     kind_tokens=q.kind_tokens)

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

    _named: dict[str, list[int]] | None = None  # token → the plan units `plan_units_named` gives

    def plan_units_named(self, token: str) -> list[int]:
        """The ids of the plan units (a plan's title) whose plan's id, short name or region a token
        spells from its start: as typed, in full pinyin, initials or both (hz, huzhou, huz, 湖州 for
        湖州市), in rank order. For the command palette, where a region's name outranks the commoner
        words its initials spell elsewhere (合作 for hz). Remembered per token."""
        token = normalize(token).strip()
        if self._named is None:
            self._named = {}
        got = self._named.get(token)
        if got is not None:
            return got
        if self._plan_vocab is None:
            self._plan_vocab = Vocab.build(normalize(n) for _, names in self.plans for n in names)
        vocab = self._plan_vocab
        m = TermMatcher(Term(token), vocab)
        pids: set[str] = set()
        for pid, names in self.plans:
            for name in names:
                norm = normalize(name)
                if norm.startswith(token):
                    pids.add(pid)
                    break
                inorm = vocab.initials_text(norm)
                tier = m.tier_of(norm, inorm, INITIALS)
                if tier is not None and any(a == 0 for a, _ in m.spans(norm, inorm, tier)):
                    pids.add(pid)
                    break
        got = [uid for uid in iter_bits(self.kind_masks.get("plan", 0)) if self.units[uid].plan_id in pids] if pids else []
        if len(self._named) >= 256:
            self._named.clear()
        self._named[token] = got
        return got

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
        q = self._regions_as_filters(parse(query) if isinstance(query, str) else query)
        allowed_plans, allowed_kinds, errors = self._filters(q, plans, kinds)
        result = Result(errors=errors)
        if q.empty and plans is None and kinds is None:
            return result
        if (allowed_plans is not None and not allowed_plans) or (allowed_kinds is not None and not allowed_kinds):
            return result
        signature: Signature = (tuple(q.plan_tokens), tuple(q.kind_tokens), tuple(q.excludes),
                                tuple(plans) if plans is not None else None,
                                frozenset(kinds) if kinds is not None else None)
        return Scan(self, q, limit, signature, allowed_plans, allowed_kinds, result).run()

    def _hits(self, order: list[int], found: Found, matchers: list[TermMatcher]) -> list[Hit]:
        units, spans, scores = self.units, self._spans, TIER_SCORES
        return [Hit(units[uid], tier, round(0.6 * ratio, 1) if tier == LOOSE else scores[tier], None, spans,
                    (uid, tier, phrase, matchers))
                for uid in order for tier, ratio, phrase in (found[uid],)]

    def _extends(self, old: list[Term], new: list[Term]) -> bool:
        """Whether every unit the terms `new` match (at a tier better than loose) is matched by
        `old` too: each old term grown at its end, or new terms added after them.

        Growing a term keeps its matches among the shorter term's (the same characters spell the
        shorter term: a syllable being typed is a prefix of its reading), except when the shorter
        term ends in zh/ch/sh after an initial (``yanfzh`` + ``j``: 中 took zh as an initial, which
        the last syllable of ``yanfzh`` may not be), its expansion was cut at `SEQUENCE_CAP`, or
        it holds a digit (numbers match as numbers: 3.5 is no match of 3); then there is no narrowing. The phrase of the plain terms must grow the same way."""
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
        if any(c.isdigit() for c in text):
            return False  # a number matches as a number: 3.5 is not among the matches of 3
        if not ASCII_LETTER.search(text):
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

    def _spans(self, uid: int, tier: int, phrase: TermMatcher | None, matchers: list[TermMatcher]) -> list[tuple[int, int]]:
        text = self.unit_text(uid)
        itext = self.unit_initials(uid)
        spans: list[tuple[int, int]] = []
        if phrase is not None:  # the plain terms as one phrase, or a typed term's sound-alike
            t = phrase.tier_of(text, itext)
            if t is not None:
                spans.extend(phrase.spans(text, itext, t))
                matchers = [m for m in matchers if not m.plain]  # only the phrase is highlighted
        elif tier == LOOSE:
            return loose_spans(matchers[0].text, text)
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
        if index is None and key:
            from tui.core.store.index_build import build_apart

            if build_apart(corpus, key):  # a large corpus: built by another process (memory, keys)
                index = store.load(key, SearchIndex)
        if index is None:
            index = SearchIndex.build(corpus)
            if key:
                store.save(key, index)
        index._corpus = weakref.ref(corpus)
        store.pause()  # (in the app's warm-up: waits while keys come) the catalogue is read with PyYAML, ~30 ms
        index.catalog_names("")  # the catalogue read here (a worker), not on the first keystroke
        store.pause()
        # the plans' names in pinyin (pypinyin's table read: 20–60 ms), here and not on the first
        # keystroke of a second term (`zhongdian s`: is `s` a plan?) or the reader's first highlight
        index.region_plans("")
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


def catalog_aliases() -> dict[str, tuple[str, ...]]:
    """Each name of each indicator catalogue entry (normalised) → all the entry's names, longest
    first; {} when the catalogue cannot be read (search works without it)."""
    from tui.core.indicators import CatalogError, load_catalog

    try:
        catalog = load_catalog()
    except (CatalogError, OSError):
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for ind in catalog:
        names = tuple(sorted({normalize(n) for n in (ind.name, *ind.aliases) if n}, key=len, reverse=True))
        for n in names:
            out.setdefault(n, names)
    return out
