"""Ways out of a damaged store: the newest backup, or a fresh copy from head office.

:func:`salvage` reads what can still be read from a damaged file (opened read-only,
each piece on its own so one bad page does not take the rest with it): the device's
identity and settings, the sync server, and the outbox mutations head office has not
answered yet. :func:`fresh_copy` then moves the damaged file aside (it is kept), makes a
new store with the same device id, user and server, and puts those mutations back in
its outbox with their original sequence numbers and ids (head office applies each at
most once, so one it already had is only answered again); the next sync pulls
everything else. :func:`restore_latest` puts the newest good backup in place.
Threading: any thread; the store must be closed by everyone first.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import StoreDamaged, StoreError
from . import backup

__all__ = ["FreshCopy", "Salvage", "fresh_copy", "restore_latest", "salvage"]

_UNSENT = ("pending", "sending")


@dataclass
class Salvage:
    """What could be read from a damaged store."""

    meta: dict[str, str | None] = field(default_factory=dict)
    sync_state: dict[str, str | None] = field(default_factory=dict)
    #: Outbox rows (column → value) of mutations head office has not answered, by seq.
    unsent: list[dict[str, Any]] = field(default_factory=list)
    #: The highest outbox seq ever given out (new mutations must come after it).
    last_seq: int = 0
    #: Unsent mutations that could not be read (a damaged page held them).
    lost: int = 0

    @property
    def has_synced(self) -> bool:
        """The store synced with head office, so a fresh copy can come from there."""
        return bool(self.sync_state.get("server_url")) and (
            self.sync_state.get("cursor") is not None
            or self.sync_state.get("last_sync_at") is not None
        )


def _connect(path: Path) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError:
        conn.close()
        conn = sqlite3.connect(uri + "&immutable=1", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def _pairs(conn: sqlite3.Connection, table: str) -> dict[str, str | None]:
    """key → value of a key-value table, skipping what cannot be read."""
    out: dict[str, str | None] = {}
    try:
        keys = [r[0] for r in conn.execute(f"SELECT key FROM {table}")]
    except sqlite3.DatabaseError:
        keys = []
    for key in keys:
        with contextlib.suppress(sqlite3.DatabaseError):
            row = conn.execute(f"SELECT value FROM {table} WHERE key = ?", [key]).fetchone()
            if row is not None:
                out[key] = row[0]
    return out


def salvage(path: str | Path) -> Salvage:
    """Read what can be read from the damaged store at ``path`` (never writes to it)."""
    found = Salvage()
    try:
        conn = _connect(Path(path))
    except sqlite3.DatabaseError:
        return found
    try:
        found.meta = _pairs(conn, "meta")
        found.sync_state = _pairs(conn, "sync_state")
        highs: list[int] = []
        with contextlib.suppress(sqlite3.DatabaseError):
            row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").fetchone()
            if row is not None:
                highs.append(int(row[0]))
        with contextlib.suppress(sqlite3.DatabaseError):
            highs.append(int(conn.execute("SELECT max(seq) FROM outbox").fetchone()[0] or 0))
        try:
            seqs = [
                int(r[0])
                for r in conn.execute(
                    "SELECT seq FROM outbox WHERE state IN (?, ?) ORDER BY seq", _UNSENT
                )
            ]
        except sqlite3.DatabaseError:
            # The index is damaged: walk the table's own order instead.
            seqs = []
            with contextlib.suppress(sqlite3.DatabaseError):
                for r in conn.execute("SELECT seq, state FROM outbox NOT INDEXED"):
                    if r[1] in _UNSENT:
                        seqs.append(int(r[0]))
        for seq in seqs:
            try:
                row = conn.execute("SELECT * FROM outbox WHERE seq = ?", [seq]).fetchone()
                json.loads(row["changes"])
            except (sqlite3.DatabaseError, TypeError, ValueError):
                found.lost += 1
                continue
            found.unsent.append(dict(row))
        highs.extend(seqs)
        found.last_seq = max(highs, default=0)
    finally:
        conn.close()
    return found


@dataclass(frozen=True)
class FreshCopy:
    """What :func:`fresh_copy` did: where the damaged file went, what goes out again."""

    aside: Path
    repushed: int
    lost: int


def fresh_copy(path: str | Path, *, now: datetime | None = None) -> FreshCopy:
    """Move the damaged store aside and start a new one that the next sync fills from
    head office, carrying over the device, user, settings, server and unsent mutations.
    Raises :class:`StoreError` (``never_synced``, nothing moved) when the store never
    synced."""
    from . import Store

    path = Path(path)
    found = salvage(path)
    device = found.meta.get("device_id")
    if not found.has_synced or not device:
        raise StoreError("never_synced", str(path))
    aside = backup.set_aside(path, "damaged", now=now)
    with Store.open(path) as store:
        db = store.db
        with db.atomic():
            for key, value in found.meta.items():
                if key == "device_id" or key == "user_id" or key.startswith("setting."):
                    store.set_meta(key, value)
            store.replica.set_server_url(found.sync_state["server_url"])
            columns = [c[1] for c in db.conn.execute("PRAGMA table_info(outbox)").fetchall()]
            for row in found.unsent:
                values = {k: v for k, v in row.items() if k in columns}
                values["state"] = "pending"
                values["sent"] = 1  # it may have reached head office: never fold into it
                values["result"] = None
                names = list(values)
                db.conn.execute(
                    f"INSERT INTO outbox ({', '.join(names)})"
                    f" VALUES ({', '.join('?' for _ in names)})",
                    [values[n] for n in names],
                )
            # New mutations are numbered after every one this device ever made.
            db.conn.execute("DELETE FROM sqlite_sequence WHERE name = 'outbox'")
            db.conn.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)", [found.last_seq]
            )
    return FreshCopy(aside=aside, repushed=len(found.unsent), lost=found.lost)


def restore_latest(path: str | Path, *, now: datetime | None = None) -> Path:
    """Put the newest whole backup in place of the damaged store; return where the damaged
    file was kept. Raises :class:`StoreError` (``no_backup``) when there is none."""
    for candidate in backup.list_backups(path):
        try:
            return backup.restore(path, candidate, now=now, label="damaged")
        except StoreDamaged:
            continue  # that backup is damaged too: the one before it
    raise StoreError("no_backup", str(path))
