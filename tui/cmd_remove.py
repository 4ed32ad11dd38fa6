"""`plans remove ID`: take out a plan added with `plans add` (shipped plans cannot be removed)."""

from __future__ import annotations

import argparse
import sys

from tui.core.i18n import t


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar=t("ID"), help="the added plan's id (see plans add --list)")


def run(args: argparse.Namespace) -> int:
    from tui.core.adder import store
    from tui.core.adder.prepare import AddError
    from tui.core.i18n import said, t_line
    from tui.core.safetext import visible
    from tui.core.statefile import StateFileError

    notes: list[str] = []
    try:
        record = store.remove(args.id, notes)
    except (AddError, StateFileError) as exc:
        message = visible(t_line(str(exc)), multiline=False)
        print(message if message.startswith("plans remove") else said("plans remove", message), file=sys.stderr)
        return 2
    for note in notes:  # the user plans file set aside before it was rebuilt
        print(said("plans remove", visible(note, multiline=False)), file=sys.stderr)
    print(f"已移除 {record.id}（{visible(record.original)}）")
    return 0
