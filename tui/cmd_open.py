"""`plans open 湖州 专栏4-3`: open the browser on one node (a 专栏, a section path, an indicator).

Nothing matching gives one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys

from tui import cmd_browse
from tui.core.i18n import said, t, t_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("where", nargs="+", metavar=t("WHERE"), help="plan name, then 专栏N-M, a section path (四 （二）) or an indicator")
    cmd_browse.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    import gc

    from tui.core.deeplink import DeepLinkError, resolve
    from tui.core.safetext import visible

    cmd_browse.pause_gc()
    try:
        corpus, error = cmd_browse.load(args)
        if error:
            print(visible(said("plans open", t_line(error)), multiline=False), file=sys.stderr)
            return 2
        try:
            target = resolve(corpus, args.where)
        except DeepLinkError as exc:
            print(visible(t_line(str(exc)), multiline=False), file=sys.stderr)
            return 2
        key = target.node.key if target.node is not None else target.plan.id
        return cmd_browse.start(args, corpus, start_key=key, start_query=target.query)
    finally:
        gc.enable()
