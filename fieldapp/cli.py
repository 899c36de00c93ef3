"""The command line: ``python -m fieldapp [--db PATH] [--json] COMMAND``.

Commands: ``init``, ``demo``, ``check``, ``outbox``, ``conflicts``, ``search``, ``stats``,
``export``, ``import-shops``, ``backup``, ``restore``, and those other packages add through the
``fieldapp.commands`` entry point (``sync``, from the sync package). Bad input exits
non-zero with one clear line on stderr and no traceback (set FIELDAPP_DEBUG=1
to see one). Threading: runs on the main thread.
"""

from __future__ import annotations

import argparse
import functools
import importlib.metadata
import json
import os
import sqlite3
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, is_dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NoReturn

from . import __version__, default_store_path
from .errors import (
    FieldappError,
    NotFound,
    SchemaTooNew,
    StoreDamaged,
    StoreError,
    ValidationError,
)

# The import commands' body and the exit codes and one-line error every command shares.
from .exchange.import_command import (
    EXIT_OK as EXIT_OK,
    EXIT_PROBLEM as EXIT_PROBLEM,
    EXIT_USAGE as EXIT_USAGE,
    CliError as CliError,
    add_order_import_arguments,
    locale_lang as _locale_lang,
    run_import,
)
from .model import BUSINESS_UTC_OFFSET, business_today

_CODE_WORDS = {
    "not_a_store": "is not a fieldapp store (not an SQLite database of this app)",
    "not_a_file": "is a folder, not a store file",
    "schema_too_new": "was written by a newer fieldapp; upgrade fieldapp to open it",
    "damaged": "is damaged (restore a backup: fieldapp --db PATH restore)",
    "read_only": "cannot be written by this user (check the file's and its folder's permissions)",
    "cannot_open": "cannot be opened",
    "no_backup": "has no backup yet",
    "never_synced": "never synced with head office",
}


def _message(exc: BaseException) -> str:
    if isinstance(exc, SchemaTooNew | StoreError):
        words = _CODE_WORDS.get(exc.code, exc.code)
        return f"store {exc.detail.split(': ')[0]} {words}"
    if isinstance(exc, ValidationError):
        return "invalid input: " + "; ".join(f"{e.field}: {e.code}" for e in exc.errors)
    if isinstance(exc, NotFound):
        return f"not found: {exc.entity} {exc.row_id}"
    if isinstance(exc, FieldappError):
        return f"{exc.code}: {exc.detail}" if exc.detail else exc.code
    return str(exc)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"fieldapp: error: {message} (see: fieldapp --help)\n")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        help="store file (default: the per-user data folder)",
    )
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
    )
    parser = _Parser(
        prog="fieldapp",
        description="fieldapp: offline field sales for deep distribution (command line).",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"fieldapp {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    sub.add_parser("init", parents=[common], help="create the store or bring its schema up to date")

    demo = sub.add_parser("demo", parents=[common], help="fill an empty store with demo data")
    demo.add_argument("--scale", choices=("rep", "team", "region"), default="rep")
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument(
        "--today",
        type=_date,
        default=None,
        help="the day the demo year ends (default: today, Beijing time)",
    )

    sub.add_parser("check", parents=[common], help="integrity and migration state")

    outbox = sub.add_parser(
        "outbox", parents=[common], help="changes waiting for head office, and refused ones"
    )
    outbox.add_argument(
        "--rejected", action="store_true", help="only the changes head office refused"
    )
    sub.add_parser("conflicts", parents=[common], help="open conflicts waiting for a person")

    search = sub.add_parser("search", parents=[common], help="find shops, owners and KOCs")
    search.add_argument("text", help="Chinese name, pinyin, initials, phone or shop code")
    search.add_argument(
        "--kind",
        choices=("shop", "owner", "koc"),
        action="append",
        help="only this kind (repeatable)",
    )
    search.add_argument("--limit", type=_positive, default=20)

    stats = sub.add_parser("stats", parents=[common], help="the metrics")
    stats.add_argument(
        "--today", type=_date, default=None, help="reference day (default: today, Beijing time)"
    )
    stats.add_argument(
        "--days",
        type=_positive,
        default=None,
        help="overdue after N days for every tier (default: A 7, B 14, C 30)",
    )
    stats.add_argument("--rep", default=None, help="only this rep's shops, owners, KOCs, events")
    stats.add_argument("--county", default=None, help="only this county")

    export = sub.add_parser(
        "export", parents=[common], help="the head-office workbook (.xlsx) or CSV files"
    )
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--xlsx", type=Path, metavar="FILE", help="write one workbook")
    target.add_argument("--csv", type=Path, metavar="DIR", help="write one CSV file per sheet")
    export.add_argument("--from", dest="date_from", type=_date, help="first business day")
    export.add_argument("--to", dest="date_to", type=_date, help="last business day")
    export.add_argument("--rep", action="append", default=[], help="rep name or id (repeatable)")
    export.add_argument("--team", action="append", default=[], help="team name or id (repeatable)")
    export.add_argument(
        "--county", action="append", default=[], help="county name or id (repeatable)"
    )
    export.add_argument(
        "--lang", choices=("zh_CN", "en"), default=None, help="headers and words (default: locale)"
    )

    imp = sub.add_parser(
        "import-shops", parents=[common], help="import a head-office shop list (.xlsx or .csv)"
    )
    imp.add_argument("file", type=Path, help="the shop list")
    imp.add_argument("--dry-run", action="store_true", help="check and show, write nothing")
    imp.add_argument(
        "--valid-only", action="store_true", help="import the valid rows even if others are bad"
    )
    imp.add_argument(
        "--create-counties",
        action="store_true",
        help="create the counties the file names and the store lacks (from China's county"
        " list where the name is on it), with the shops, in one transaction",
    )
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="map a column to a shop field (code, name, channel, tier, county, address, phone,"
        " latitude, longitude, cloud_store, rep, notes); empty FIELD ignores it (repeatable)",
    )
    imp.add_argument(
        "--lang", choices=("zh_CN", "en"), default=None, help="language of the problems"
    )

    orders = sub.add_parser(
        "import-orders",
        parents=[common],
        help="import a cloud-store order export (.xlsx or .csv)",
    )
    add_order_import_arguments(orders)

    backup = sub.add_parser(
        "backup",
        parents=[common],
        help="copy the store into its backup folder beside it (the last 7 are kept)",
    )
    backup.add_argument("--list", action="store_true", help="list the backups instead")
    restore = sub.add_parser(
        "restore",
        parents=[common],
        help="put a backup in the store's place (the file it replaces is kept beside it)",
    )
    restore.add_argument(
        "backup", nargs="?", type=Path, default=None, help="backup file (default: the newest)"
    )
    from .cli_plan import add_parser as add_plan_parser

    add_plan_parser(sub, common, _date)
    from .cli_orders import add_parser as add_orders_parser

    add_orders_parser(sub, common)
    for name, plugin in _plugins().items():
        # Everything after the command is the plugin's to parse ("+" never prefixes).
        extra = sub.add_parser(name, add_help=False, prefix_chars="+", help=plugin.help)
        extra.add_argument("plugin_args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return parser


def _to_jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _to_jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, tuple) and hasattr(value, "_asdict"):  # a NamedTuple row
        return {k: _to_jsonable(v) for k, v in value._asdict().items()}
    if isinstance(value, dict):
        return {str(k): _to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_to_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(_to_jsonable(data), ensure_ascii=False, indent=2))
    else:
        print(text)


def _store_path(args: argparse.Namespace) -> Path:
    path: Path = getattr(args, "db", None) or default_store_path()
    return path


def cmd_backup(args: argparse.Namespace) -> int:
    from .store import backup

    path = _store_path(args)
    if args.list:
        found = backup.list_backups(path)
        _emit(
            args,
            [
                {"path": str(b.path), "taken_at": b.taken_at, "reason": b.reason, "size": b.size}
                for b in found
            ],
            "\n".join(
                f"{b.taken_at:%Y-%m-%d %H:%M:%S} UTC  {b.reason:<9} {b.size:>12,}  {b.path}"
                for b in found
            )
            or f"no backups of {path} yet (folder {backup.backup_folder(path)})",
        )
        return EXIT_OK
    if not path.is_file():
        raise CliError(f"no store at {path}")
    made = backup.make_backup(path, reason="manual")
    _emit(
        args,
        {"path": str(made.path), "taken_at": made.taken_at, "size": made.size},
        f"backup written: {made.path} ({made.size:,} bytes; the last {backup.KEEP} are kept)",
    )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from .store import backup

    path = _store_path(args)
    chosen = args.backup
    if chosen is not None and not chosen.is_file():
        raise CliError(f"no backup file at {chosen}")
    aside = backup.restore(path, chosen)
    _emit(
        args,
        {"path": str(path), "kept": str(aside)},
        f"restored {path} from {chosen or 'the newest backup'}; the file it replaced is kept"
        f" as {aside}",
    )
    return EXIT_OK


def _open(args: argparse.Namespace, *, must_exist: bool, verify: bool = False) -> Any:
    from .store import Store

    path: Path = getattr(args, "db", None) or default_store_path()
    if must_exist and not path.exists():
        raise CliError(f"no store at {path} (create one with: fieldapp --db {path} init)")
    if must_exist and path.is_file() and path.stat().st_size == 0:
        raise CliError(f"{path} is empty, not a fieldapp store")
    # Store.open tells a file that is no SQLite database from a damaged store.
    return Store.open(path, verify=verify)


def cmd_init(args: argparse.Namespace) -> int:
    store = _open(args, must_exist=False)
    with store:
        report = store.check()
        data = {
            "path": store.path,
            "device_id": store.device_id,
            "schema_version": store.schema_version,
            "applied": report.applied,
        }
        _emit(
            args,
            data,
            f"store ready: {store.path} (schema {store.schema_version}, device {store.device_id})",
        )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import adopt_first_rep, generate

    store = _open(args, must_exist=False)
    with store:
        if store.shops.count(include_deleted=True):
            raise CliError(f"{store.path} already holds shops; demo data goes into an empty store")
        quiet = getattr(args, "json", False)
        last = [0.0]

        def progress(stage: str, done: int, total: int) -> None:
            now = time.monotonic()
            if not quiet and now - last[0] > 0.5:
                last[0] = now
                print(f"\r  {stage}: {done}/{total}   ", end="", file=sys.stderr, flush=True)

        started = time.monotonic()
        today = args.today or business_today()
        summary = generate(store, scale=args.scale, seed=args.seed, today=today, progress=progress)
        adopt_first_rep(store)  # the demo is for trying the app as one of its reps
        elapsed = time.monotonic() - started
        if not quiet:
            print("\r" + " " * 60 + "\r", end="", file=sys.stderr)
        counts = _to_jsonable(summary)
        lines = [f"demo data ({args.scale}, seed {args.seed}) in {store.path}, {elapsed:.1f} s:"]
        lines += [f"  {k:<20} {v:>9,}" for k, v in counts.items() if isinstance(v, int)]
        _emit(
            args,
            {
                "path": store.path,
                "scale": args.scale,
                "seed": args.seed,
                "seconds": round(elapsed, 2),
                "counts": counts,
            },
            "\n".join(lines),
        )
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    store = _open(args, must_exist=True, verify=True)
    with store:
        report = store.check()
    lines = [
        f"store: {report.path}",
        f"schema: version {report.schema_version}, "
        + ("up to date" if not report.pending else f"pending: {', '.join(report.pending)}"),
        "integrity: " + ", ".join(report.integrity),
        "references: "
        + (
            "ok"
            if not report.orphans
            else ", ".join(f"{k} dangling {v}" for k, v in report.orphans.items())
        ),
        "outbox: " + (", ".join(f"{k} {v}" for k, v in sorted(report.outbox.items())) or "empty"),
        f"waiting for you: {report.outbox.get('rejected', 0)} refused changes"
        " (fieldapp outbox --rejected), "
        f"{report.conflicts} open conflicts (fieldapp conflicts)",
        f"unreadable values kept aside: {report.quarantined}",
        "rows: " + ", ".join(f"{k} {v}" for k, v in report.rows.items()),
        "OK" if report.ok else "PROBLEMS FOUND",
    ]
    _emit(args, {**asdict(report), "ok": report.ok}, "\n".join(lines))
    return EXIT_OK if report.ok else EXIT_PROBLEM


def cmd_outbox(args: argparse.Namespace) -> int:
    from . import cli_inbox

    store = _open(args, must_exist=True)
    with store:
        items = cli_inbox.outbox_items(store, rejected_only=args.rejected)
    _emit(args, items, cli_inbox.outbox_text(items))
    return EXIT_OK


def cmd_conflicts(args: argparse.Namespace) -> int:
    from . import cli_inbox

    store = _open(args, must_exist=True)
    with store:
        items = cli_inbox.conflict_items(store)
    _emit(args, items, cli_inbox.conflicts_text(items))
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    store = _open(args, must_exist=True)
    with store:
        kinds = tuple(args.kind) if args.kind else ("shop", "owner", "koc")
        hits = store.search(args.text, kinds=kinds, limit=args.limit)
    text = "\n".join(f"{h.kind:<6}{h.title}  {h.subtitle}  [{h.id}]" for h in hits) or "no match"
    _emit(args, hits, text)
    return EXIT_OK


#: ``stats`` shows the shelf numbers (铺货率) of the last this many days, today included.
SHELF_DAYS = 30


def cmd_stats(args: argparse.Namespace) -> int:
    from .store import loop, metrics, metrics_shelf
    from .store.shelf import disorder_share

    store = _open(args, must_exist=True)
    today = args.today or business_today()
    offset = BUSINESS_UTC_OFFSET
    with store:
        db = store.db
        county_ids = [args.county] if args.county else None
        density = metrics.county_density(db, county_ids=county_ids, rep_id=args.rep)
        funnel = metrics.stage_funnel(db, county_id=args.county, rep_id=args.rep)
        overdue = metrics.overdue_shops(
            db,
            today=today,
            days=args.days,
            rep_id=args.rep,
            county_id=args.county,
            utc_offset=offset,
        )
        levels = metrics.relationship_levels(db, rep_id=args.rep, county_id=args.county)
        frequency = metrics.interaction_summary(
            db, today=today, rep_id=args.rep, county_id=args.county
        )
        events = metrics.event_outcomes(db, rep_id=args.rep, utc_offset=offset)
        chain_since = today - timedelta(days=LOOP_DAYS - 1)
        chain = {
            "funnel": loop.funnel(db, since=chain_since, until=today),
            "roi_by_kind": loop.roi_by_kind(db, since=chain_since, until=today),
            "events": loop.event_payback(db, since=chain_since, until=today)[:10],
            "unattributed_orders": loop.unattributed_count(db),
        }
        shelf = [
            n
            for by in ("all", "product")
            for n in metrics_shelf.shelf_numbers(
                db,
                start=today - timedelta(days=SHELF_DAYS - 1),
                end=today,
                by=by,
                share=disorder_share(store),
                rep_id=args.rep,
                county_id=args.county,
            )
        ]
    data = {
        "today": today,
        "county_density": density,
        "stage_funnel": funnel,
        "overdue_shops": overdue,
        "relationship_levels": levels,
        "interaction_frequency": frequency,
        "events": events,
        "shelf": shelf,
        "chain": chain,
    }
    _emit(args, data, _stats_text(data))
    return EXIT_OK


#: The days ``stats`` shows the chain for.
LOOP_DAYS = 90


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _pct(ratio: float | None) -> str:
    return "-" if ratio is None else f"{ratio:.0%}"


def _stats_text(data: dict[str, Any]) -> str:
    out = [
        f"Metrics on {data['today']}",
        "",
        "KOC density per county (KOCs / target, shops covered)",
    ]
    for d in data["county_density"]:
        out.append(
            f"  {d.name:<12} {d.kocs:>6} / {d.koc_target:<4} {_pct(d.density_ratio):>6}"
            f"   shops {d.shops:>6}, covered {d.covered:>6} ({_pct(d.coverage_ratio)})"
        )
    funnel = _to_jsonable(data["stage_funnel"])
    out += ["", "KOC stage funnel"]
    out += [f"  {stage:<12} {n:>8,}" for stage, n in funnel.get("counts", {}).items()]
    out += ["", "Shops overdue for a visit, by tier"]
    for tier in _to_jsonable(data["overdue_shops"]).get("tiers", []):
        out.append("  " + ", ".join(f"{k} {v}" for k, v in tier.items()))
    out += ["", "Relationship levels (owners per level)"]
    out += [f"  level {lvl}: {n:>7,}" for lvl, n in sorted(data["relationship_levels"].items())]
    out += ["", "Interaction frequency"]
    freq = data["interaction_frequency"]
    out.append(
        f"  owners {freq.owners}: {freq.active_30} with an interaction in 30 days,"
        f" {freq.active_90} in 90 days; on average {_num(freq.avg_30)} and"
        f" {_num(freq.avg_90)} interactions per owner"
    )
    events = data["events"]
    done = [e for e in events if e.attendance_rate is not None]
    out += ["", f"Events: {len(events)} in all, {len(done)} with attendance taken (latest 10)"]
    for e in events[-10:]:
        rate = "-" if e.attendance_rate is None else f"{e.attendance_rate:.0%}"
        fb = "-" if e.avg_feedback is None else f"{e.avg_feedback:.1f}"
        out.append(
            f"  {str(e.starts_at)[:10]}  {e.title[:24]:<24} attended {rate:>5}"
            f"  feedback {fb:>4}  KOCs found {e.kocs_found}"
        )
    out += ["", f"Distribution (铺货率) per SKU, last {SHELF_DAYS} days"]
    if not data["shelf"]:
        out.append("  no shelf audit in these days")
    for n in data["shelf"]:
        out.append(
            f"  {n.label[:24] or 'All SKUs':<24} numeric {_pct(n.numeric_distribution):>5}"
            f" ({n.carrying}/{n.pairs})  weighted {_pct(n.weighted_distribution):>5}"
            f"  out of stock {_pct(n.out_of_stock_rate):>5}"
            f"  share of shelf {_pct(n.share_of_shelf):>5}  price disorder {n.price_disorder}"
        )
    out += _chain_text(data["chain"])
    return "\n".join(out)


def _chain_text(chain: dict[str, Any]) -> list[str]:
    """The B→KOC→C chain of the last LOOP_DAYS days (fieldapp.store.loop)."""
    f = chain["funnel"]
    out = [
        "",
        f"The chain, last {LOOP_DAYS} days (experienced → pushed → ordered)",
        f"  KOCs experienced {f.experienced:>6,}   pushed {f.pushed:>6,}   ordered {f.ordered:>6,}",
        "  ROI per event kind (orders within 30 days)",
    ]
    for k in chain["roi_by_kind"]:
        per = "-" if k.revenue_per_yuan is None else f"{k.revenue_per_yuan:.2f}"
        out.append(
            f"    {k.kind:<8} events {k.events:>4}  cost ¥{k.cost:>10,.0f}"
            f"  revenue ¥{k.revenue:>10,.0f}  per ¥ {per:>6}"
        )
    out.append("  Events (latest 10): attendees, pushes, orders 30/60/90 d, revenue, per ¥")
    for e in chain["events"]:
        per = "-" if e.revenue_per_yuan is None else f"{e.revenue_per_yuan:.2f}"
        out.append(
            f"    {e.starts_at[:10]}  {e.title[:20]:<20} {e.attendees:>4} {e.pushes:>4}"
            f"  {e.orders[30]:>3}/{e.orders[60]:>3}/{e.orders[90]:>3}"
            f"  ¥{e.revenue[30]:>9,.0f}  {per:>6}  conversion {_pct(e.conversion):>5}"
        )
    out.append(f"  Orders with neither KOC nor group: {chain['unattributed_orders']}")
    return out


def cmd_export(args: argparse.Namespace) -> int:
    from .exchange import labels
    from .exchange.export import ExportError, ExportFilters, export_csv, export_xlsx
    from .exchange.from_store import StoreSource

    lang = args.lang or _locale_lang()
    filters = ExportFilters(
        date_from=args.date_from,
        date_to=args.date_to,
        reps=tuple(args.rep),
        teams=tuple(args.team),
        counties=tuple(args.county),
    )
    store = _open(args, must_exist=True)
    quiet = getattr(args, "json", False) or not sys.stderr.isatty()

    def progress(done: int, total: int, sheet: str) -> None:
        if not quiet and total:
            print(f"\r  {done:,}/{total:,} rows  ", end="", file=sys.stderr, flush=True)

    started = time.monotonic()
    with store:
        source = StoreSource(store)
        try:
            if args.xlsx is not None:
                summary = export_xlsx(
                    source, args.xlsx, lang=lang, filters=filters, progress=progress
                )
            else:
                summary = export_csv(
                    source, args.csv, lang=lang, filters=filters, progress=progress
                )
        except ExportError as exc:
            raise CliError(_EXPORT_WORDS.get(exc.code, exc.code) + f": {exc.detail}") from None
    if not quiet:
        print("\r" + " " * 40 + "\r", end="", file=sys.stderr)
    elapsed = time.monotonic() - started
    lines = [f"exported to {summary.path} in {elapsed:.1f} s:"]
    lines += [f"  {labels.sheet_name(k, 'en'):<20} {n:>9,}" for k, n in summary.rows.items()]
    _emit(
        args,
        {"path": summary.path, "lang": lang, "seconds": round(elapsed, 2), "rows": summary.rows},
        "\n".join(lines),
    )
    return EXIT_OK


_EXPORT_WORDS = {
    "unknown_rep": "no such rep",
    "unknown_team": "no such team",
    "unknown_county": "no such county",
    "bad_period": "--from is after --to",
    "no_folder": "no such folder",
    "not_a_folder": "not a folder",
    "not_a_file": "is a folder, not a file",
    "unwritable": "cannot write",
    "bad_lang": "unsupported language",
}


def cmd_import_shops(args: argparse.Namespace) -> int:
    from .exchange import import_shops as imp

    return run_import(
        args,
        imp.read_table,
        imp.SHOP_COLUMNS,
        imp.plan_import,
        imp.apply_import,
        lambda: _open(args, must_exist=True),
        _emit,
    )


def cmd_import_orders(args: argparse.Namespace) -> int:
    from .exchange import import_orders as imp

    return run_import(
        args,
        imp.read,
        imp.ORDER_COLUMNS,
        imp.plan_import,
        imp.apply_import,
        lambda: _open(args, must_exist=True),
        _emit,
    )


def cmd_orders(args: argparse.Namespace) -> int:
    from .cli_orders import cmd_orders as run

    return run(args, _open, _emit, CliError)


def cmd_plan(args: argparse.Namespace) -> int:
    from .cli_plan import cmd_plan as run

    return run(args, _open, _emit, _locale_lang())


COMMANDS = {
    "init": cmd_init,
    "demo": cmd_demo,
    "check": cmd_check,
    "outbox": cmd_outbox,
    "conflicts": cmd_conflicts,
    "search": cmd_search,
    "stats": cmd_stats,
    "export": cmd_export,
    "import-shops": cmd_import_shops,
    "import-orders": cmd_import_orders,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "plan": cmd_plan,
    "orders": cmd_orders,
}


@dataclass(frozen=True)
class Plugin:
    """A command another installed package adds (entry point group ``fieldapp.commands``):
    ``run(argv, db)`` gets the words after the command and the ``--db`` path (or None)
    and returns the exit status. ``sync`` comes from the sync package this way, so that
    ``fieldapp`` itself never imports it."""

    name: str
    help: str
    target: str

    def run(self, argv: list[str], db: Path | None) -> int:
        function = importlib.metadata.EntryPoint(self.name, self.target, PLUGIN_GROUP).load()
        return int(function(argv, db))


PLUGIN_GROUP = "fieldapp.commands"


@functools.cache
def _plugins() -> dict[str, Plugin]:
    """Read once per process: the parser and the dispatch both ask."""
    found: dict[str, Plugin] = {}
    for ep in importlib.metadata.entry_points(group=PLUGIN_GROUP):
        if ep.name in COMMANDS:
            continue  # a plugin never shadows a built-in command
        help_text = f"added by the {ep.module.split('.')[0]} package (fieldapp {ep.name} --help)"
        found[ep.name] = Plugin(ep.name, help_text, ep.value)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command not in COMMANDS:
            return _plugins()[args.command].run(args.plugin_args, getattr(args, "db", None))
        return COMMANDS[args.command](args)
    except CliError as exc:
        print(f"fieldapp: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except FieldappError as exc:
        print(f"fieldapp: error: {_message(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.DatabaseError as exc:
        from .store.health import is_damage

        if not is_damage(exc):
            raise
        path = getattr(args, "db", None) or default_store_path()
        print(f"fieldapp: error: {_message(StoreDamaged(str(path), [str(exc)]))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("fieldapp: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug or an environment problem: still one line
        if os.environ.get("FIELDAPP_DEBUG"):
            raise
        print(
            f"fieldapp: error: {type(exc).__name__}: {exc} (FIELDAPP_DEBUG=1 shows details)",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
