"""``python -m sync``: log a device in and sync its store from the command line.

``python -m sync [--db PATH] login --server URL --user NAME [--password-stdin]``
``python -m sync [--db PATH] sync [--server URL]`` (default: the store's last server)
``python -m fieldapp [--db PATH] sync --server URL [--user NAME] [--password-stdin]`` runs
:func:`fieldapp_command`: ``fieldapp`` finds it through its ``fieldapp.commands`` entry
point and never imports ``sync`` (the layer contract).
Errors print one line on stderr and exit non-zero (1; 2 for a verify mismatch), never a
traceback. Threading: runs in the main thread.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from fieldapp.errors import FieldappError
from fieldapp.store import Store

from .client import SyncClient, SyncError

PROG = "python -m sync"


class CliError(Exception):
    """A user-facing error: one line, exit status 1."""


def _default_db() -> str:
    from fieldapp import default_store_path

    return str(default_store_path())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="fieldapp sync client")
    parser.add_argument("--db", help="the store file (default: the per-user store)")
    sub = parser.add_subparsers(dest="command", required=True)
    login = sub.add_parser("login", help="log this device in")
    login.add_argument("--server", required=True, help="server URL, e.g. https://hq.example.cn")
    login.add_argument("--user", required=True, help="user name")
    login.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    sync = sub.add_parser("sync", help="push, pull and verify")
    sync.add_argument("--server", help="server URL (default: the one logged in to)")
    return parser


def run(argv: Sequence[str], stdin: TextIO, stdout: TextIO) -> int:
    args = _parser().parse_args(list(argv))
    path = args.db or _default_db()
    with Store.open(path) as store:
        if args.command == "login":
            if args.password_stdin:
                password = stdin.readline().rstrip("\r\n")
            else:
                password = getpass.getpass("Password: ")
            if not password:
                raise CliError("an empty password")
            user = SyncClient(store, args.server, retries=1).login(args.user, password)
            print(f"logged in as {user['name']} ({user['role']}) on {args.server}", file=stdout)
            return 0
        server = args.server or store.replica.server_url()
        if not server:
            raise CliError("no server: pass --server URL (or log in first)")
        report = SyncClient(store, server).sync()
        print(report.summary(), file=stdout)
        return 0 if report.verified else 2


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(sys.argv[1:] if argv is None else argv, sys.stdin, sys.stdout)
    except SyncError as exc:
        print(f"{PROG}: error: {exc.code}: {exc.message}".splitlines()[0], file=sys.stderr)
        return 1
    except CliError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except FieldappError as exc:
        print(f"{PROG}: error: store: {exc}".splitlines()[0], file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{PROG}: error: {exc}".splitlines()[0], file=sys.stderr)
        return 1
    except (KeyboardInterrupt, EOFError):
        print(f"{PROG}: error: interrupted", file=sys.stderr)
        return 130


def fieldapp_command(argv: Sequence[str], db: Path | None) -> int:
    """``python -m fieldapp [--db PATH] sync --server URL [--user NAME [--password-stdin]]``

    The ``sync`` command of the fieldapp CLI (entry point ``fieldapp.commands``): logs in
    first when ``--user`` is given, then pushes, pulls and verifies.
    """
    parser = argparse.ArgumentParser(
        prog="fieldapp sync", description="sync this store with head office"
    )
    parser.add_argument("--db", help="the store file (default: the per-user store)")
    parser.add_argument("--server", help="server URL (default: the one logged in to)")
    parser.add_argument("--user", help="log in as this user first")
    parser.add_argument(
        "--password-stdin", action="store_true", help="read the password from stdin"
    )
    args = parser.parse_args(list(argv))
    base = ["--db", str(args.db or db)] if (args.db or db) else []
    if args.user:
        if not args.server:
            print("fieldapp sync: error: --user needs --server URL", file=sys.stderr)
            return 2
        login = [*base, "login", "--server", args.server, "--user", args.user]
        code = main([*login, "--password-stdin"] if args.password_stdin else login)
        if code != 0:
            return code
    return main([*base, "sync", *(["--server", args.server] if args.server else [])])


if __name__ == "__main__":
    sys.exit(main())
