"""Fuzzy search over a corpus, with pinyin (UI-free).

    index = index_for(corpus)            # built once per corpus (thread-safe)
    result = index.search("yfjf @湖州", limit=50)
    for hit in result.hits: hit.unit.key, hit.unit.kind, hit.unit.breadcrumb, hit.spans

`match_spans(text, query)` gives the highlight offsets of a query in any text (for the reader).
See `query` for the syntax, `index` for the ranking, `pinyin` for the readings.
"""

from tui.core.search.hits import Hit, Result
from tui.core.search.index import SearchIndex, cached_index, index_for
from tui.core.search.query import SEARCH_HINT, parse
from tui.core.search.searchable import SEARCH_KIND_LABELS, Unit, corpus_units
from tui.core.search.snippet import snippet
from tui.core.search.terms import TIER_NAMES, match_spans

__all__ = [
    "Hit", "Result", "SearchIndex", "TIER_NAMES", "Unit", "SEARCH_HINT", "SEARCH_KIND_LABELS",
    "cached_index", "corpus_units", "index_for", "match_spans", "parse", "snippet",
]
