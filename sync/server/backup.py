"""``fieldapp-server backup`` / ``restore``: a consistent copy of the server's database
and putting one back (docs/deploy.md "Backup and restore").

SQLite: the online backup API (a consistent copy while the server runs). PostgreSQL:
``pg_dump --format=custom`` and ``pg_restore --clean --single-transaction`` (the
PostgreSQL client tools on PATH). Photo files are not in the database: copy the photo
folder with the backup (they are content-addressed, so an older folder only lacks files).

After a restore the change sequence jumps ``SEQ_JUMP`` past the copy's last number, so
devices whose cursor went beyond the copy (they synced after it was taken) still receive
every change made from then on, and the server's ``epoch`` (``server_settings``) is
renewed: at their next sync devices find out and send again what the copy lacks of theirs
(docs/sync-protocol.md "Head office restored").
Threading: run from the CLI, with the server stopped for a restore.
"""

from __future__ import annotations

import secrets
import sqlite3
import subprocess
from pathlib import Path

import sqlalchemy as sa

from .db import make_engine, server_settings
from .migrate import upgrade_engine
from .service import last_seq, set_seq

#: How far the change sequence moves on after a restore (more than any device can
#: have seen between a backup and the restore).
SEQ_JUMP = 1_000_000_000


class BackupError(Exception):
    """A backup or restore could not be made (message for a person)."""


def _sqlite_path(url: sa.URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("a SQLite backup needs a database file")
    return Path(url.database)


def _libpq(url: sa.URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def backup(database_url: str, dest: Path) -> None:
    """Write a consistent copy of the database to ``dest``."""
    url = sa.make_url(database_url)
    if url.get_backend_name() == "sqlite":
        src = sqlite3.connect(_sqlite_path(url))
        out = sqlite3.connect(dest)
        try:
            with out:
                src.backup(out)
        finally:
            out.close()
            src.close()
        return
    _run(["pg_dump", "--format=custom", "--no-owner", f"--file={dest}", _libpq(url)])


def restore(database_url: str, src: Path) -> int:
    """Put the copy ``src`` back (the server stopped); return the change sequence the
    server continues from."""
    if not src.is_file():
        raise BackupError(f"no backup file {src}")
    url = sa.make_url(database_url)
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(src)
        target = sqlite3.connect(_sqlite_path(url))
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
             f"--dbname={_libpq(url)}", str(src)]
        )  # fmt: skip
    engine = make_engine(database_url)
    try:
        upgrade_engine(engine)  # a copy from an older version
        with engine.begin() as conn:
            value = last_seq(conn) + SEQ_JUMP
            set_seq(conn, value)
            epoch = secrets.token_hex(8)
            conn.execute(sa.delete(server_settings).where(server_settings.c.key == "epoch"))
            conn.execute(sa.insert(server_settings).values(key="epoch", value=epoch))
        return value
    finally:
        engine.dispose()


def _run(args: list[str]) -> None:
    try:
        done = subprocess.run(args, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(f"{args[0]} is not installed (PostgreSQL client tools)") from None
    if done.returncode != 0:
        raise BackupError(f"{args[0]} failed: {done.stderr.strip()[-500:]}")
