"""Term matching: what a query term matches, at which tier, and where.

A term matches a text at one of these tiers, best first:

    0 exact      the term as typed is a substring (case- and width-insensitive)
    1 pinyin     the term spells consecutive characters in full pinyin (last syllable may be partial)
    2 initials   ... with some characters typed as initials only (yfjf)
    3 scattered  the term's characters in order, with gaps (研经 → 研发经费)
    4 sound      spelt a little differently: a pinyin term with one letter wrong, missing or extra,
                 a Han term by its sound (研法经费 as yanfajingfei) (`typos`)
    5 loose      all but one of the term's characters (`typos`)

A `TermMatcher` holds a term's tier patterns (`finders`: `str.find` for exact and scattered, the
corpus's character sequences a pinyin term spells, checked behind a small regex over the initials
text) and what the index learnt of the units each pattern can hit (`masks`).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from typing import Final, NamedTuple, cast

from tui.core.search.finders import Initials, Literal, Number, Scattered, Seqs, number_parts
from tui.core.search.pinyin import SEQUENCE_CAP, Vocab, normalize
from tui.core.search.query import Term, parse

EXACT, PINYIN, INITIALS, SCATTERED, SOUND, LOOSE = range(6)
TIER_NAMES = ("exact", "pinyin", "initials", "scattered", "sound", "loose")
ASCII_LETTER = re.compile(r"[a-z]")


class _Unset(enum.Enum):
    UNSET = "unset"


UNSET: Final = _Unset.UNSET  # a candidate mask not worked out yet (None: cannot be narrowed)


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
    see `MaskIndex.cand_mask`); `exact` caches, per pattern, the units it does hit (filled by the
    index for terms that stay the same while the next one is typed)."""

    def __init__(self, term: Term, vocab: Vocab, exclude: bool = False) -> None:
        t = term.text
        self.text = t
        self.vocab = vocab
        # (tier, literal text / sequences / initials regex source, on initials text, candidate spec)
        self.specs: list[tuple[int, str | list[str], bool, tuple[str, str | list[str]]]] = []
        self.sequences = 0
        self.capped = False  # the expansion stopped at SEQUENCE_CAP
        self.seqs: list[str] = []
        self.plain = not term.exact  # the term as typed, not quoted: part of the phrase of the plain terms
        parts = number_parts(t)
        self.number = parts is not None  # a number: matched as a number (`Number`), nothing else
        if parts is not None:
            self.specs.append((EXACT, t, False, ("digits", "".join(parts).replace(" ", ""))))
        else:
            self.specs.append((EXACT, t, False, ("chars", t)))
        if not term.exact and parts is None:
            if ASCII_LETTER.search(t):
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
            elif len(t) >= 2 and not exclude and not any(c.isdigit() for c in t):
                # characters in order with gaps; not for a term with digits (3.5 is not 3…5)
                self.specs.append((SCATTERED, t, False, ("chars", t)))
        # patterns that stand for single characters only: matched by a set lookup
        self.charsets: list[frozenset[str] | None] = [
            frozenset(src) if not isinstance(src, str) and max(map(len, src)) == 1 else None
            for _, src, _, _ in self.specs]
        self._compiled: list[Initials | Literal | Number | Scattered | Seqs | None] = [None] * len(self.specs)
        self.masks: list[int | _Unset | None] = [UNSET] * len(self.specs)  # candidate masks, filled by the index
        self.exact: list[int | None] = [None] * len(self.specs)  # units each pattern hits, when known
        self.sure: list[int] = [0] * len(self.specs)  # candidate units known to be hits
        self.ones_known = [False] * len(self.specs)  # sure = exactly the units with a one-character sequence
        self.uses = 0  # searches that used this matcher
        self.estimate: float | None = None

    def pattern(self, i: int) -> Initials | Literal | Number | Scattered | Seqs:
        pat = self._compiled[i]
        if pat is None:
            tier, src, on_initials, _ = self.specs[i]
            # an initials regex, a literal and a scattered term are text; pinyin sequences a list
            if on_initials:
                pat = Initials(cast(str, src))
            elif self.number and i == 0:
                pat = Number(cast(str, src))
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
            if mask is not UNSET and mask is not None and not (mask >> uid & 1):
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
    terms = q.terms
    plain = [t for t in terms if not t.exact]
    if len(plain) >= 2:  # where the plain terms stand together as one phrase, only the phrase
        m = TermMatcher(Term("".join(t.text for t in plain)), vocab)
        tier = m.tier_of(norm, inorm, INITIALS)
        if tier is not None:
            spans.extend(m.spans(norm, inorm, tier))
            terms = [t for t in terms if t.exact]
    for term in terms:
        m = TermMatcher(term, vocab)
        tier = m.tier_of(norm, inorm)
        if tier is not None:
            spans.extend(m.spans(norm, inorm, tier))
    return merge_spans(spans)


class ManySpans(NamedTuple):
    spans: list[list[tuple[int, int]]]  # each text's, as `match_spans` gives them
    vocab: Vocab | None  # the texts' joint vocabulary (None: none was needed)


def match_spans_many(texts: Sequence[str], query: str, vocab: Vocab | None = None) -> ManySpans:
    """`[match_spans(text, query) for text in texts]`, with one vocabulary and one matcher per term
    for all the texts (a reader counting a query's matches in a document: each text's own vocabulary
    and pinyin expansion cost ~1 ms, the shared ones are made once). `vocab`: one built before from
    these texts or more (`ManySpans.vocab`, for the same document and another query); a query with no
    Latin letter needs none (its patterns are the term's characters).

    The same spans: a term's patterns built from the texts' joint vocabulary stand for more
    character sequences, but those that occur in one text are exactly the ones its own vocabulary
    gives (a sequence occurring in a text has its bigrams and trigrams there), and a pattern's tier
    is decided per text as before. Only when an expansion was cut short (`SEQUENCE_CAP`: the joint
    vocabulary may reach it where a text's own would not) is each text matched on its own."""
    q = parse(query)
    if not q.terms:
        return ManySpans([[] for _ in texts], vocab)
    norms = [normalize(text) for text in texts]
    if vocab is None:
        # a term without Latin letters is matched by its characters (exact, scattered): no pinyin, so
        # the vocabulary goes unused but for the initials text, which those patterns never read
        pinyin = any(ASCII_LETTER.search(t.text) for t in q.terms if not t.exact)
        vocab = Vocab.build(norms) if pinyin else None
    plain = [t for t in q.terms if not t.exact]
    shared = vocab or Vocab()
    phrase = TermMatcher(Term("".join(t.text for t in plain)), shared) if len(plain) >= 2 else None
    matchers = [(term, TermMatcher(term, shared)) for term in q.terms]
    exact = [(term, m) for term, m in matchers if term.exact]
    if (phrase is not None and phrase.capped) or any(m.capped for _, m in matchers) or any(
            len(f) > SEQUENCE_CAP for f in shared._frontiers.values()):
        return ManySpans([match_spans(text, query) for text in texts], vocab)
    out: list[list[tuple[int, int]]] = []
    for text, norm in zip(texts, norms):
        if not text:
            out.append([])
            continue
        inorm = shared.initials_text(norm) if vocab is not None else norm
        spans: list[tuple[int, int]] = []
        these = matchers
        if phrase is not None:  # where the plain terms stand together as one phrase, only the phrase
            tier = phrase.tier_of(norm, inorm, INITIALS)
            if tier is not None:
                spans.extend(phrase.spans(norm, inorm, tier))
                these = exact
        for _, m in these:
            tier = m.tier_of(norm, inorm)
            if tier is not None:
                spans.extend(m.spans(norm, inorm, tier))
        out.append(merge_spans(spans))
    return ManySpans(out, vocab)


# what a search found: unit id → (tier, loose ratio, the phrase matcher it was found as a phrase by)
Found = dict[int, tuple[int, float, TermMatcher | None]]
