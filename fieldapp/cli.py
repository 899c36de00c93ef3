"""The command line: ``python -m fieldapp [--db PATH] [--json] COMMAND``.

Commands: ``init``, ``demo``, ``check``, ``search``, ``stats``, ``export``,
``import-shops``, and those other packages add through the ``fieldapp.commands`` entry
point (``sync``, from the sync package). Bad input exits
non-zero with one clear line on stderr and no traceback (set FIELDAPP_DEBUG=1
to see one). Threading: runs on the main thread.
"""

from __future__ import annotations

import argparse
import functools
import importlib.metadata
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from . import __version__, default_store_path
from .errors import FieldappError, NotFound, SchemaTooNew, StoreError, ValidationError
from .model import BUSINESS_UTC_OFFSET, business_today

EXIT_OK = 0
EXIT_PROBLEM = 1  # the command ran and found a problem (e.g. check failed)
EXIT_USAGE = 2  # bad input: nothing was changed


class CliError(Exception):
    """A one-line message for the user; the command exits with ``EXIT_USAGE``."""


_CODE_WORDS = {
    "not_a_store": "is not a fieldapp store (not an SQLite database of this app)",
    "not_a_file": "is a folder, not a store file",
    "schema_too_new": "was written by a newer fieldapp; upgrade fieldapp to open it",
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


def _open(args: argparse.Namespace, *, must_exist: bool) -> Any:
    from .store import Store

    path: Path = getattr(args, "db", None) or default_store_path()
    if must_exist and not path.exists():
        raise CliError(f"no store at {path} (create one with: fieldapp --db {path} init)")
    if must_exist and path.is_file() and path.stat().st_size == 0:
        raise CliError(f"{path} is empty, not a fieldapp store")
    if path.exists() and path.is_file() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                raise CliError(f"{path} is not a fieldapp store (not an SQLite database)")
    return Store.open(path)


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
    store = _open(args, must_exist=True)
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
        "rows: " + ", ".join(f"{k} {v}" for k, v in report.rows.items()),
        "OK" if report.ok else "PROBLEMS FOUND",
    ]
    _emit(args, {**asdict(report), "ok": report.ok}, "\n".join(lines))
    return EXIT_OK if report.ok else EXIT_PROBLEM


def cmd_search(args: argparse.Namespace) -> int:
    store = _open(args, must_exist=True)
    with store:
        kinds = tuple(args.kind) if args.kind else ("shop", "owner", "koc")
        hits = store.search(args.text, kinds=kinds, limit=args.limit)
    text = "\n".join(f"{h.kind:<6}{h.title}  {h.subtitle}  [{h.id}]" for h in hits) or "no match"
    _emit(args, hits, text)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from .store import metrics

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
    data = {
        "today": today,
        "county_density": density,
        "stage_funnel": funnel,
        "overdue_shops": overdue,
        "relationship_levels": levels,
        "interaction_frequency": frequency,
        "events": events,
    }
    _emit(args, data, _stats_text(data))
    return EXIT_OK


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
    return "\n".join(out)


def _locale_lang() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"


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


def _parse_maps(items: Sequence[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for item in items:
        if "=" not in item:
            raise CliError(f"--map wants HEADER=FIELD, got {item!r}")
        header, _, fname = item.rpartition("=")
        out[header.strip()] = fname.strip() or None
    return out


def cmd_import_shops(args: argparse.Namespace) -> int:
    from .exchange import import_shops as imp, labels

    lang = args.lang or _locale_lang()
    if not args.file.exists():
        raise CliError(f"no such file: {args.file}")
    try:
        table = imp.read_table(args.file)
    except imp.ImportFileError as exc:
        raise CliError(f"{args.file}: {labels.problem(exc.code, lang)}") from None
    mapping, unknown = imp.guess_mapping(table.headers)
    overrides = _parse_maps(args.map)
    field_words = ", ".join(imp.FIELDS)
    try:
        mapping = imp.apply_overrides(table.headers, mapping, overrides)
    except imp.MappingError as exc:
        value = exc.detail
        if exc.code == "missing_column":
            value = ", ".join(
                labels.header(imp.FIELD_HEADER[f], lang) for f in exc.detail.split(",")
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
    store = _open(args, must_exist=True)
    with store:
        plan = imp.plan_import(store, table, mapping)
        problems = plan.problems
        lines = [f"row {p.row}, column {p.where(lang)}: {p.text(lang)}" for p in problems]
        counts = {a: plan.count(a) for a in ("create", "update", "unchanged", "invalid")}
        data: dict[str, Any] = {
            "file": str(args.file),
            "dry_run": args.dry_run,
            "plan": counts,
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
        if args.dry_run:
            _emit(args, data, "\n".join([*lines, summary, "dry run: nothing was written"]))
            return EXIT_PROBLEM if counts["invalid"] else EXIT_OK
        if counts["invalid"] and not args.valid_only:
            data["written"] = False
            _emit(
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
        result = imp.apply_import(store, plan, valid_only=args.valid_only)
    data["written"] = True
    data["result"] = asdict(result)
    done = (
        f"imported: {result.created} created, {result.updated} updated,"
        f" {result.unchanged} unchanged"
        + (f", {result.skipped} invalid rows skipped" if result.skipped else "")
    )
    _emit(args, data, "\n".join([*lines, done]))
    return EXIT_OK


COMMANDS = {
    "init": cmd_init,
    "demo": cmd_demo,
    "check": cmd_check,
    "search": cmd_search,
    "stats": cmd_stats,
    "export": cmd_export,
    "import-shops": cmd_import_shops,
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
