"""`plans add FILE`: bring in a plan from a PDF, Word file, web page or text file (see tui/core/adder/)."""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.i18n import t

if TYPE_CHECKING:
    from tui.core.adder.prepare import Prepared


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", metavar=t("FILE"), help="the plan: .pdf, .docx, .html/.htm or .txt")
    parser.add_argument("--dry-run", action="store_true", help="print the review, write nothing")
    parser.add_argument("--set", dest="sets", metavar=t("KEY=VALUE"), action="append", default=[],
                        help="fill or correct a metadata field (repeatable): --set issuer=绍兴市人民政府")
    parser.add_argument("--rebuild", action="store_true",
                        help="rebuild the user plans file from the added plans (after editing their metadata)")
    parser.add_argument("--list", action="store_true", help="list the added plans")


def run(args: argparse.Namespace) -> int:
    from tui.core.adder import store
    from tui.core.adder.prepare import AddError, parse_sets, prepare
    from tui.core.i18n import said, t_line
    from tui.core.safetext import visible
    from tui.core.statefile import StateFileError
    from tui.core.userplans import plans_file

    try:
        if args.list:
            for rec in store.stored():
                print(f"{rec.id}\t{rec.format}\t{visible(rec.original)}")
            _say_damaged()
            return 0
        if args.rebuild:
            with store.writing():
                note = store.rebuild()
            _say_note(note)
            print(f"已重建 {plans_file()}（{len(store.stored())} 个自添规划）")
            return 0
        if not args.file:
            print(said("plans add", t_line("give a file: plans add FILE [--dry-run] [--set key=value …]")), file=sys.stderr)
            return 2
        sets = parse_sets(args.sets)
        prep = prepare(Path(args.file), sets)  # the slow part (reading the document), before the lock
        shipped = _shipped_ids()
        # from the id chosen to the file rebuilt, one `plans add` at a time (a dry run writes nothing)
        with nullcontext() if args.dry_run else store.writing():
            return _review_and_save(args, prep, sets, shipped)
    except (AddError, StateFileError) as exc:
        print(said("plans add", visible(t_line(str(exc)))), file=sys.stderr)
        return 2


def _review_and_save(args: argparse.Namespace, prep: Prepared, sets: dict[str, str], shipped: set[str]) -> int:
    from tui.core.adder import store
    from tui.core.adder.prepare import AddError
    from tui.core.adder.review import review, unmapped_rows
    from tui.core.i18n import said, t_line
    from tui.core.safetext import visible

    same = store.same_file(prep)
    if same is not None and not sets and not args.dry_run:
        message = f"{visible(args.file)} is already added as {same.id} (unchanged); nothing to do"
        print(said("plans add", t_line(message)))
        _say_damaged()
        return 0
    previous = store.previous_version(prep)
    if previous is None and "id" not in sets:
        prep.meta.id = store.free_id(prep.meta.id, shipped | {s.id for s in store.stored()})
        prep.meta.source = f"{prep.meta.id}.txt"
    elif "id" in sets and prep.meta.id in shipped:
        raise AddError(f"--set id={prep.meta.id}: a shipped plan has this id; choose another")
    elif previous is not None:
        prep.meta.id, prep.meta.source = previous.id, f"{previous.id}.txt"
    for line in review(prep, unmapped_rows(prep)):
        print(line)
    if prep.coverage != 1.0:
        message = (f"{visible(args.file)}: coverage {prep.coverage * 100:.1f}%, not 100%: "
                   "some text would be lost; nothing written")
        print(said("plans add", t_line(message)), file=sys.stderr)
        return 1
    if args.dry_run:
        print("（--dry-run：未写入任何文件）")
        _say_damaged()
        return 0
    notes: list[str] = []
    where = store.save(prep, previous, notes)
    for note in notes:
        _say_note(note)
    verb = "已更新" if previous is not None else "已添加"
    print(f"{verb} {prep.meta.id}：{visible(prep.meta.title)} → {where}")
    return 0


def _say_note(note: str) -> None:
    """The rebuild moved the user plans file aside (`store.rebuild`): say where, on stderr."""
    from tui.core.i18n import said
    from tui.core.safetext import visible

    if note:
        print(said("plans add", visible(note, multiline=False)), file=sys.stderr)


def _say_damaged() -> None:
    """When the user plans file does not load (and nothing here rebuilt it): the browser's line, on stderr."""
    from tui.core.i18n import said
    from tui.core.load import PlansFileError, load_corpus
    from tui.core.safetext import visible
    from tui.core.userplans import damaged, plans_file

    path = plans_file()
    if not path.is_file():
        return
    try:
        load_corpus(path, user_plans=False)
    except PlansFileError as exc:
        print(said("plans add", visible(damaged(str(exc)), multiline=False)), file=sys.stderr)


def _shipped_ids() -> set[str]:
    from tui.core.load import PlansFileError, load_corpus
    from tui.core.locations import DEFAULT_DATA

    try:
        return {p.id for p in load_corpus(DEFAULT_DATA, user_plans=False).plans}
    except PlansFileError:
        return set()
