"""``fieldapp-server``: serve the sync API and manage teams, users and devices.

Commands: ``serve``, ``create-team``, ``create-user``, ``reset-password``,
``revoke-device``, ``list-devices``, ``export`` (the head-office workbook or CSV files of
all teams, or of ``--team``); each takes ``--database URL`` (or the
``FIELDAPP_SERVER_DATABASE`` environment variable) and migrates the database first.
Passwords come from a prompt or, with ``--password-stdin``, from standard input, never
from the command line. Errors print one line on stderr and exit non-zero, no traceback.
Threading: runs in the main thread.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime
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
        "--photos-dir",
        default=None,
        help="where photo files are kept (default: beside a SQLite database; required to"
        " keep photos across restarts on PostgreSQL)",
    )
    team = sub.add_parser("create-team", parents=[common], help="create a team")
    team.add_argument("name")
    user = sub.add_parser("create-user", parents=[common], help="create a user")
    user.add_argument("name")
    user.add_argument("--role", choices=service.ROLES, required=True)
    user.add_argument("--team", help="team name or id (not needed for admins)")
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
    revoke = sub.add_parser("revoke-device", parents=[common], help="revoke a device")
    revoke.add_argument("device_id")
    sub.add_parser("list-devices", parents=[common], help="list devices")
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
        app = create_app(args.database, photos_dir=args.photos_dir)
        serve(app, host=args.host, port=args.port)
        return 0
    if args.command == "export":
        return _export(args, stdout)
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
            service.reset_password(engine, args.name, password, PasswordHasher())
        elif args.command == "revoke-device":
            service.revoke_device(engine, args.device_id)
        elif args.command == "list-devices":
            for d in service.list_devices(engine):
                expires = datetime.fromtimestamp(d["expires_at"], UTC).isoformat(timespec="seconds")
                state = "revoked" if d["revoked"] else "active"
                print(f"{d['id']}\t{d['user']}\t{d['name']}\t{state}\t{expires}", file=stdout)
    finally:
        engine.dispose()
    return 0


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
