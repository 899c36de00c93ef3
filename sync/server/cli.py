"""``fieldapp-server``: serve the sync API and manage teams, users and devices.

Commands: ``serve``, ``backup``, ``restore``, ``create-team``, ``create-user``, ``reset-password``,
``unlock-user``, ``deactivate-user``, ``activate-user``, ``revoke-device``,
``approve-device``, ``require-device-approval``, ``list-devices``, ``open-unsynced`` (a
removed computer's sealed unsynced changes, as plain JSON), ``export`` (the
head-office workbook or CSV files of all teams, or of ``--team``); each takes
``--database URL`` (or the ``FIELDAPP_SERVER_DATABASE`` environment variable) and
migrates the database first.
Passwords come from a prompt or, with ``--password-stdin``, from standard input, never
from the command line. Errors print one line on stderr and exit non-zero, no traceback.
Threading: runs in the main thread.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TextIO

from argon2 import PasswordHasher
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from . import service
from .db import make_engine
from .migrate import upgrade_engine
from .service import ServiceError

PROG = "fieldapp-server"
ENV_DATABASE = "FIELDAPP_SERVER_DATABASE"


class CliError(Exception):
    """A user-facing error: printed as one line, exit status ``status`` (1 unless given)."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def _count(n: int, noun: str) -> str:
    """``1 device``, ``2 devices``: the CLI's English counts."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--database",
        default=os.environ.get(ENV_DATABASE),
        help=f"database URL (sqlite:///path or postgresql+psycopg://...; env {ENV_DATABASE})",
    )
    parser = argparse.ArgumentParser(prog=PROG, description="fieldapp sync server")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", parents=[common], help="serve the sync API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes on one port, one database (PostgreSQL; see docs/deploy.md)",
    )
    serve.add_argument(
        "--photos-dir",
        default=None,
        help="where photo files are kept (default: beside a SQLite database; required to"
        " keep photos across restarts on PostgreSQL)",
    )
    team = sub.add_parser("create-team", parents=[common], help="create a team")
    team.add_argument("name")
    user = sub.add_parser("create-user", parents=[common], help="create a user")
    user.add_argument("name")
    user.add_argument(
        "--role",
        choices=service.ACCOUNT_ROLES,
        required=True,
        help="head_office: signs in to the console only (docs/deploy.md)",
    )
    user.add_argument("--team", help="team name or id (not for admins and head_office)")
    user.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    move = sub.add_parser(
        "move-user",
        parents=[common],
        help="move a rep or supervisor to another team (their rows follow at the next sync),"
        " or a rep without live data to the unassigned pool",
    )
    move.add_argument("name")
    where = move.add_mutually_exclusive_group(required=True)
    where.add_argument("--team", help="team name or id")
    where.add_argument(
        "--pool", action="store_true", help="release a rep to the unassigned pool (no team)"
    )
    reset = sub.add_parser("reset-password", parents=[common], help="set a user's password")
    reset.add_argument("name")
    reset.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    unlock = sub.add_parser(
        "unlock-user",
        parents=[common],
        help="forget a user's failed logins at once (lifts an account lock)",
    )
    unlock.add_argument("name")
    deactivate = sub.add_parser(
        "deactivate-user",
        parents=[common],
        help="stop an account at once: no login, every device refused; its rows are kept",
    )
    deactivate.add_argument("name")
    activate = sub.add_parser("activate-user", parents=[common], help="undo deactivate-user")
    activate.add_argument("name")
    back = sub.add_parser(
        "backup", parents=[common], help="write a consistent copy of the database"
    )
    back.add_argument("file", type=Path)
    rest = sub.add_parser(
        "restore", parents=[common], help="put a backup back (stop the server first)"
    )
    rest.add_argument("file", type=Path)
    revoke = sub.add_parser("revoke-device", parents=[common], help="revoke a device")
    revoke.add_argument("device_id")
    unsealed = sub.add_parser(
        "open-unsynced",
        parents=[common],
        help="open the file of unsynced changes a removed computer sealed for head office",
    )
    unsealed.add_argument("file", type=Path)
    unsealed.add_argument(
        "--out", type=Path, help="write the changes here (JSON, 0600) instead of printing them"
    )
    approve = sub.add_parser(
        "approve-device", parents=[common], help="let a device waiting for approval log in"
    )
    approve.add_argument("device_id")
    approval = sub.add_parser(
        "require-device-approval",
        parents=[common],
        help="on: a device a user logs in with for the first time waits for approve-device",
    )
    approval.add_argument("state", choices=("on", "off"))
    sub.add_parser(
        "list-devices",
        parents=[common],
        help="list devices: id, user, name, state (active, revoked, pending, deactivated"
        " user), token expiry, first login",
    )
    prices = sub.add_parser(
        "import-prices",
        parents=[common],
        help="import head office's price lists and promotions (.xlsx or .csv); idempotent",
    )
    prices.add_argument("file", help="a workbook (sheets 价格 and 促销) or a CSV file")
    prices.add_argument(
        "--valid-only",
        action="store_true",
        help="write the valid rows even if others have problems",
    )
    prices.add_argument(
        "--dry-run",
        action="store_true",
        help="show what the file would create, update and remove; write nothing",
    )
    from fieldapp.exchange.import_command import add_order_import_arguments

    orders = sub.add_parser(
        "import-orders",
        parents=[common],
        help="import a cloud-store order export (.xlsx or .csv) for all teams: the app's"
        " import-orders (same mapping, problems and all-or-nothing rule); each order goes"
        " to its shop's team",
    )
    add_order_import_arguments(orders)
    export = sub.add_parser(
        "export", parents=[common], help="head-office workbook (.xlsx) or CSV files, all teams"
    )
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--xlsx", metavar="FILE", help="write one workbook")
    target.add_argument("--csv", metavar="DIR", help="write one CSV file per sheet")
    export.add_argument(
        "--team", action="append", default=[], help="only this team, name or id (repeatable)"
    )
    export.add_argument("--from", dest="date_from", type=_day, help="first business day")
    export.add_argument("--to", dest="date_to", type=_day, help="last business day")
    export.add_argument("--rep", action="append", default=[], help="rep name or id (repeatable)")
    export.add_argument(
        "--county", action="append", default=[], help="county name or id (repeatable)"
    )
    export.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN")
    return parser


def _read_password(from_stdin: bool, stdin: TextIO) -> str:
    if from_stdin:
        line = stdin.readline()
        return line.rstrip("\r\n")
    first = getpass.getpass("Password: ")
    second = getpass.getpass("Password again: ")
    if first != second:
        raise CliError("the passwords differ")
    return first


def _engine(url: str | None) -> Engine:
    if not url:
        raise CliError(f"--database URL is required (or set {ENV_DATABASE})")
    try:
        engine = make_engine(url)
    except (SQLAlchemyError, ValueError, ImportError) as exc:
        raise CliError(f"bad database URL: {type(exc).__name__}") from None
    try:
        upgrade_engine(engine)
    except SQLAlchemyError as exc:
        cause = getattr(exc, "orig", None) or exc  # DBAPIError wraps the driver's error
        msg = str(cause).splitlines()[0]
        raise CliError(f"cannot open the database: {msg}") from None
    return engine


def run(argv: Sequence[str], stdin: TextIO, stdout: TextIO) -> int:
    args = _parser().parse_args(list(argv))
    if args.command == "serve":
        from .app import create_app
        from .serving import serve

        if not args.database:
            raise CliError(f"--database URL is required (or set {ENV_DATABASE})")
        _engine(args.database).dispose()
        if args.workers > 1:
            from .serving import serve_workers

            photos = Path(args.photos_dir or service.default_photos_dir(args.database))
            serve_workers(
                args.database, photos, host=args.host, port=args.port, workers=args.workers
            )
            return 0
        app = create_app(args.database, photos_dir=args.photos_dir)
        serve(app, host=args.host, port=args.port)
        return 0
    if args.command == "export":
        return _export(args, stdout)
    if args.command == "import-prices":
        return _import_prices(args, stdout)
    if args.command == "import-orders":
        return _import_orders(args, stdout)
    if args.command in ("backup", "restore"):
        from .backup import BackupError, backup, restore

        if not args.database:
            raise CliError(f"--database URL is required (or set {ENV_DATABASE})")
        try:
            if args.command == "backup":
                backup(args.database, args.file)
                print(f"backup written to {args.file}", file=stdout)
            else:
                seq = restore(args.database, args.file)
                print(f"restored from {args.file}; changes continue at {seq + 1}", file=stdout)
        except BackupError as exc:
            raise CliError(str(exc)) from None
        return 0
    engine = _engine(args.database)
    now = time.time()
    try:
        if args.command == "create-team":
            print(service.create_team(engine, args.name, now), file=stdout)
        elif args.command == "create-user":
            password = _read_password(args.password_stdin, stdin)
            hasher = PasswordHasher()
            print(
                service.create_user(engine, args.name, args.role, args.team, password, now, hasher),
                file=stdout,
            )
        elif args.command == "move-user":
            moved = service.move_user(engine, args.name, None if args.pool else args.team, now)
            print(f"moved {args.name} and {moved} rows", file=stdout)
        elif args.command == "reset-password":
            password = _read_password(args.password_stdin, stdin)
            ended = service.reset_password(engine, args.name, password, PasswordHasher())
            print(f"password set; {_count(ended, 'device')} must log in again", file=stdout)
        elif args.command in ("deactivate-user", "activate-user"):
            active = args.command == "activate-user"
            n = service.set_active(engine, args.name, active)
            state = "active again" if active else "deactivated (rows kept)"
            print(f"{args.name} {state}; {_count(n, 'device')}", file=stdout)
        elif args.command == "approve-device":
            service.approve_device(engine, args.device_id)
        elif args.command == "require-device-approval":
            service.require_device_approval(engine, args.state == "on")
        elif args.command == "unlock-user":
            had = service.unlock_user(engine, args.name)
            state = "unlocked" if had else "had no failed logins; unlocked"
            print(f"{args.name} {state}", file=stdout)
        elif args.command == "revoke-device":
            service.revoke_device(engine, args.device_id)
        elif args.command == "open-unsynced":
            _open_unsynced(engine, args.file, args.out, stdout)
        elif args.command == "list-devices":
            for d in service.list_devices(engine):
                expires = _stamp(d["expires_at"])
                first = _stamp(d["created_at"])
                version = d["app_version"] or "-"
                print(
                    f"{d['id']}\t{d['user']}\t{d['name']}\t{_device_state(d)}\t{expires}"
                    f"\t{first}\t{version}",
                    file=stdout,
                )
    finally:
        engine.dispose()
    return 0


def _open_unsynced(engine: Engine, file: Path, out: Path | None, stdout: TextIO) -> None:
    try:
        sealed = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise CliError(f"cannot read {file}: {exc}") from None
    body = service.open_unsynced(engine, sealed)
    text = json.dumps(body, ensure_ascii=False, indent=1)
    if out is None:
        print(text, file=stdout)
        return
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    n = len(body.get("mutations", []))
    print(f"{_count(n, 'change')} of device {body.get('device_id')} written to {out}", file=stdout)


def _stamp(ts: int) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


def _device_state(d: dict[str, object]) -> str:
    if d["revoked"]:
        return "revoked"
    if not d["approved"]:
        return "pending"
    return "active" if d["user_active"] else "deactivated-user"


_EXPORT_WORDS = {
    "unknown_rep": "no such rep",
    "unknown_county": "no such county",
    "unknown_team": "no such team",
    "bad_period": "--from is after --to",
    "no_folder": "no such folder",
    "not_a_folder": "not a folder",
    "not_a_file": "is a folder, not a file",
    "unwritable": "cannot write",
}


def _export(args: argparse.Namespace, stdout: TextIO) -> int:
    from fieldapp.exchange.export import ExportError, ExportFilters

    from . import export

    _engine(args.database).dispose()  # checks the URL and brings the schema up to date
    engine = export.read_engine(args.database)
    filters = ExportFilters(
        date_from=args.date_from,
        date_to=args.date_to,
        reps=tuple(args.rep),
        counties=tuple(args.county),
    )
    try:
        summary = export.export(
            engine,
            xlsx=args.xlsx,
            csv_dir=args.csv,
            teams=args.team,
            lang=args.lang,
            filters=filters,
        )
    except export.UnknownTeam as exc:
        raise CliError(f"no such team: {exc}", 2) from None
    except ExportError as exc:
        raise CliError(f"{_EXPORT_WORDS.get(exc.code, exc.code)}: {exc.detail}", 2) from None
    finally:
        engine.dispose()
    print(f"exported to {summary.path}:", file=stdout)
    for key, n in summary.rows.items():
        print(f"  {key:<18} {n:>9,}", file=stdout)
    return 0


def _import_prices(args: argparse.Namespace, stdout: TextIO) -> int:
    from fieldapp.exchange.import_prices import PriceFileError

    from .prices import import_prices

    engine = _engine(args.database)
    try:
        result = import_prices(
            engine, args.file, now=time.time(), valid_only=args.valid_only, dry_run=args.dry_run
        )
    except PriceFileError as exc:
        raise CliError(f"cannot read {exc.detail}: {exc.code}", 2) from None
    finally:
        engine.dispose()
    for problem in result.problems:
        column = problem.column or problem.field
        print(f"{problem.sheet} row {problem.row}: {column}: {problem.code}", file=stdout)
    if not result.written and not args.dry_run:
        print(f"{_count(len(result.problems), 'problem')}; nothing written", file=stdout)
        return 2
    # The lists the file replaces lose the rows it no longer has: named one per line.
    verb = "would remove" if args.dry_run else "removed"
    for gone in result.removed:
        print(f"{verb} {gone.table}: {gone.label}", file=stdout)
    print(
        ("dry run, nothing written: would have " if args.dry_run else "")
        + f"created {result.created}, updated {result.updated}, unchanged {result.unchanged},"
        f" removed {len(result.removed)}"
        + (f"; {_count(len(result.problems), 'row problem')} left out" if result.problems else ""),
        file=stdout,
    )
    return 2 if args.dry_run and result.problems and not args.valid_only else 0


def _import_orders(args: argparse.Namespace, stdout: TextIO) -> int:
    """The device's ``import-orders`` over head office's rows (``sync/server/orders.py``):
    the same output and exit codes (0 imported, 1 rows with problems, 2 a file or mapping
    it cannot use)."""
    from contextlib import redirect_stdout

    from fieldapp.exchange import import_command as command, import_orders as imp

    from . import orders

    if not args.database:
        raise CliError(f"--database URL is required (or set {ENV_DATABASE})", 2)
    try:
        with redirect_stdout(stdout):
            return command.run_import(
                args,
                imp.read,
                imp.ORDER_COLUMNS,
                orders.plan_import,
                orders.apply_import,
                lambda: orders.HeadOfficeOrders(_engine(args.database), time.time()),
            )
    except command.CliError as exc:
        raise CliError(str(exc), command.EXIT_USAGE) from None


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(sys.argv[1:] if argv is None else argv, sys.stdin, sys.stdout)
    except ServiceError as exc:
        print(f"{PROG}: error: {exc.message or exc.code}", file=sys.stderr)
        return 1
    except CliError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return exc.status
    except SQLAlchemyError as exc:
        print(f"{PROG}: error: database: {type(exc).__name__}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, EOFError):
        print(f"{PROG}: error: interrupted", file=sys.stderr)
        return 130
