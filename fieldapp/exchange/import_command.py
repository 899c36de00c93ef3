"""The import commands' one body (``import-shops``, ``import-orders``), wherever they run:
``python -m fieldapp`` over the device's store and ``fieldapp-server import-orders`` over
head office's rows (``sync/server/orders.py``): the same options, reading, mapping,
problems, words, exit codes and all-or-nothing rule.
Threading: the calling thread.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_PROBLEM = 1  # the command ran and found a problem (rows with problems)
EXIT_USAGE = 2  # bad input: nothing was changed

Emit = Callable[[argparse.Namespace, Any, str], None]


class CliError(Exception):
    """A one-line message for the user; the command exits with ``EXIT_USAGE``."""


def locale_lang() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"


def parse_maps(items: Sequence[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for item in items:
        if "=" not in item:
            raise CliError(f"--map wants HEADER=FIELD, got {item!r}")
        header, _, fname = item.rpartition("=")
        out[header.strip()] = fname.strip() or None
    return out


def _print(args: argparse.Namespace, data: Any, text: str) -> None:
    print(text)


def add_order_import_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``import-orders``, here and at head office (``fieldapp-server
    import-orders``: the same file, mapping and problems)."""
    parser.add_argument("file", type=Path, help="the platform's order export")
    parser.add_argument("--dry-run", action="store_true", help="check and show, write nothing")
    parser.add_argument(
        "--valid-only", action="store_true", help="import the valid rows even if others are bad"
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="map a column to an order field (order_no, ordered_at, shop, items, amount,"
        " buyer_ref, referrer_code, group_name); empty FIELD ignores it (repeatable)",
    )
    parser.add_argument(
        "--lang", choices=("zh_CN", "en"), default=None, help="language of the problems"
    )


def run_import(
    args: argparse.Namespace,
    read: Any,
    columns: Any,
    plan_import: Any,
    apply_import: Any,
    open_target: Callable[[], AbstractContextManager[Any]],
    emit: Emit = _print,
) -> int:
    """One import command for the shop list and the order export, over any target:
    ``open_target()`` gives what ``plan_import``
    and ``apply_import`` write into (the device's store, or head office's rows:
    ``sync/server/orders.py``). The same reading, mapping, problems, words, exit codes
    and all-or-nothing rule wherever it runs. Raises :class:`CliError` for a file or a
    mapping it cannot use (nothing written)."""

    from . import import_shops as imp, labels

    lang = args.lang or locale_lang()
    if not args.file.exists():
        raise CliError(f"no such file: {args.file}")
    try:
        table = read(args.file)
    except imp.ImportFileError as exc:
        raise CliError(f"{args.file}: {labels.problem(exc.code, lang)}") from None
    mapping, unknown = columns.guess(table.headers)
    overrides = parse_maps(args.map)
    field_words = ", ".join(columns.fields)
    try:
        mapping = columns.apply_overrides(table.headers, mapping, overrides)
    except imp.MappingError as exc:
        value = exc.detail
        if exc.code == "missing_column":
            value = ", ".join(
                labels.header(columns.header_key[f], lang) for f in exc.detail.split(",")
            )
        hint = ""
        left = [h for h in unknown if h not in overrides]
        if left:
            hint = (
                f" (columns not recognised: {', '.join(left)}; map one with --map 'HEADER=FIELD')"
            )
        raise CliError(labels.problem(exc.code, lang, value=value) + hint) from None
    ignored = [h for h in unknown if h not in overrides]
    quiet = getattr(args, "json", False)
    if ignored and not quiet:
        for header in ignored:
            print(
                f"fieldapp: note: column {header!r} ignored (map it with --map"
                f" '{header}=FIELD'; fields: {field_words})",
                file=sys.stderr,
            )
    target = open_target()
    with target as store:
        plan = plan_import(store, table, mapping)
        if getattr(args, "create_counties", False) and plan.unknown_counties:
            # The same agreement the import dialog's check box gives (ui/exchange.py).
            plan = plan_import(store, table, mapping, new_counties=plan.unknown_counties)
        problems = plan.problems
        lines = [f"row {p.row}, column {p.where(lang)}: {p.text(lang)}" for p in problems]
        counts = {a: plan.count(a) for a in ("create", "update", "unchanged", "invalid")}
        data: dict[str, Any] = {
            "file": str(args.file),
            "dry_run": args.dry_run,
            "plan": counts,
            "new_counties": [c.name for c in plan.new_counties],
            "problems": [
                {
                    "row": p.row,
                    "column": p.column,
                    "field": p.field,
                    "code": p.code,
                    "text": p.text(lang),
                }
                for p in problems
            ],
        }
        summary = (
            f"{len(plan.rows)} rows: {counts['create']} new, {counts['update']} changed,"
            f" {counts['unchanged']} unchanged, {counts['invalid']} with problems"
        )
        if plan.new_counties:
            summary += "; new counties: " + ", ".join(c.name for c in plan.new_counties)
        elif plan.unknown_counties:
            summary += (
                "; counties the store lacks: "
                + ", ".join(plan.unknown_counties)
                + " (pass --create-counties to create them)"
            )
        if args.dry_run:
            emit(args, data, "\n".join([*lines, summary, "dry run: nothing was written"]))
            return EXIT_PROBLEM if counts["invalid"] else EXIT_OK
        if counts["invalid"] and not args.valid_only:
            data["written"] = False
            emit(
                args,
                data,
                "\n".join(
                    [
                        *lines,
                        summary,
                        "nothing was written: fix these rows, or pass --valid-only to import"
                        f" the {len(plan.rows) - counts['invalid']} valid rows",
                    ]
                ),
            )
            return EXIT_PROBLEM
        result = apply_import(store, plan, valid_only=args.valid_only)
    data["written"] = True
    data["result"] = asdict(result)
    done = (
        f"imported: {result.created} created, {result.updated} updated,"
        f" {result.unchanged} unchanged"
        + (f", {result.skipped} invalid rows skipped" if result.skipped else "")
        + (
            f", {len(plan.new_counties)} counties created ("
            + ", ".join(c.name for c in plan.new_counties)
            + ")"
            if plan.new_counties
            else ""
        )
    )
    emit(args, data, "\n".join([*lines, done]))
    return EXIT_OK
