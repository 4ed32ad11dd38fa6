"""`python -m tui.serve.warm FILE`: build the plans file's caches (the loaded corpus and the search
index) in the sessions' shared cache directory, so the first `/` of every served session is fast.

`plans serve` runs it once, in the background and at low priority, when it starts.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tui.serve.warm FILE", file=sys.stderr)
        return 2
    try:
        os.nice(10)
    except OSError:
        pass
    from tui.core.load import PlansFileError, load_corpus
    from tui.core.search.index import index_for

    try:
        corpus = load_corpus(argv[0])
    except PlansFileError as exc:
        print(f"plans serve: warm-up: {exc}", file=sys.stderr)
        return 2
    index_for(corpus)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
