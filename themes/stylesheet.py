"""The app's style sheet object: Textual's, parsing each piece of CSS once per start.

Textual parses the CSS of each widget class the first time one mounts, and keeps the rules it parsed
in a cache per style sheet. Setting the theme (which `PlansApp` does as it starts) re-parses every
source in a fresh style sheet and throws that one's cache away (`Stylesheet.reparse`), so the next
widget class to mount had the app's own CSS parsed a second time, on the way to the first frame.
`PlansStylesheet.reparse` keeps what it parsed.
"""

from __future__ import annotations

from textual.css.stylesheet import Stylesheet


class PlansStylesheet(Stylesheet):
    """A `Stylesheet` whose `reparse` keeps the rules it parsed for the next `parse`."""

    def reparse(self) -> None:
        # As Textual's (a fresh style sheet, so an error leaves this one as it was), sharing the parse
        # cache: it holds rules parsed under the current variables only (`set_variables` clears it).
        fresh = type(self)(variables=self._variables)
        fresh._parse_cache = self._parse_cache
        for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
            fresh.add_source(css, read_from=read_from, is_default_css=is_defaults, tie_breaker=tie_breaker,
                             scope=scope)
        try:
            fresh.parse()
        except Exception:
            self._invalid_css.update(fresh._invalid_css)
            raise
        self._rules = fresh.rules
        self._rules_map = None
        self.source = fresh.source
        self._require_parse = False
