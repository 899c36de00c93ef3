"""Running verify sums of the local store.

``/v1/verify`` compares, per synced table, the count and checksum of the rows a device
holds with what the server holds in its scope (docs/sync-protocol.md, "Verify"). A row
with ``version > 0`` (it came from, or was confirmed by, the server) contributes
``row_checksum(id, version)``; the table's checksum is the sum modulo 2**64.

Instead of hashing every row at each sync, ``sync_sums`` holds a running count and
checksum per table. Plain SQL triggers on each synced table append every change of a
row's version (insert with a version, version change, delete) to ``sync_sums_log``;
:func:`read` folds the log into the sums, hashing only the rows that changed, and
empties it. The triggers need no application function, so a write by any SQLite tool
is seen too: the sums always describe what is really in the tables.
"""

from __future__ import annotations

import hashlib

from .db import Sql

_MOD = 2**64


def row_checksum(row_id: str, version: int) -> int:
    """One row's share of a verify checksum: sha256("id:version")[:8] as a big-endian int."""
    return int.from_bytes(hashlib.sha256(f"{row_id}:{version}".encode()).digest()[:8], "big")


def to_signed(value: int) -> int:
    """``value`` modulo 2**64 as SQLite's signed 64-bit integer."""
    value %= _MOD
    return value - _MOD if value >= 2**63 else value


def trigger_names(table: str) -> tuple[str, str, str]:
    """The names of the three triggers :func:`install_triggers` creates on ``table``."""
    return (f"{table}_sums_insert", f"{table}_sums_update", f"{table}_sums_delete")


def _from_rows(db: Sql, table: str) -> tuple[int, int]:
    """``(count, unreduced checksum sum)`` of ``table``'s rows with a version."""
    count = total = 0
    for row_id, version in db.execute(f"SELECT id, version FROM {table} WHERE version > 0"):
        count += 1
        total += row_checksum(row_id, version)
    return count, total


def recount(db: Sql, table: str) -> tuple[int, int]:
    """Set ``table``'s running sums from its rows and drop its pending log entries.

    For when the rows changed without the triggers (a first pull sets them aside while
    it bulk-loads, see ``Replica.pulling``). Call it inside a transaction. Returns the
    new ``(count, checksum)``."""
    count, total = _from_rows(db, table)
    db.execute(
        "UPDATE sync_sums SET row_count = ?, checksum = ? WHERE table_name = ?",
        [count, to_signed(total), table],
    )
    db.execute("DELETE FROM sync_sums_log WHERE table_name = ?", [table])
    return count, total % _MOD


def install_triggers(db: Sql, table: str) -> None:
    """Create ``table``'s row in ``sync_sums`` (backfilled) and the triggers feeding the log.

    For migrations: every synced table gets this when it is created.
    """
    count, total = _from_rows(db, table)
    db.execute(
        "INSERT INTO sync_sums (table_name, row_count, checksum) VALUES (?, ?, ?)",
        [table, count, to_signed(total)],
    )
    log = (
        "INSERT INTO sync_sums_log (table_name, row_id, old_version, new_version)"
        f" VALUES ('{table}', {{}}, {{}}, {{}});"
    )
    db.execute(
        f"CREATE TRIGGER {table}_sums_insert AFTER INSERT ON {table}"
        f" WHEN NEW.version > 0 BEGIN {log.format('NEW.id', 'NULL', 'NEW.version')} END"
    )
    db.execute(
        f"CREATE TRIGGER {table}_sums_update AFTER UPDATE OF version ON {table}"
        " WHEN OLD.version IS NOT NEW.version"
        f" BEGIN {log.format('NEW.id', 'OLD.version', 'NEW.version')} END"
    )
    db.execute(
        f"CREATE TRIGGER {table}_sums_delete AFTER DELETE ON {table}"
        f" WHEN OLD.version > 0 BEGIN {log.format('OLD.id', 'OLD.version', 'NULL')} END"
    )


def read(db: Sql) -> dict[str, tuple[int, int]]:
    """``{table: (count, checksum)}``, the log folded into ``sync_sums`` first, so the cost
    is the number of rows changed since the last read. Call it inside a transaction."""
    deltas: dict[str, list[int]] = {}
    last = 0
    for rowid, table, row_id, old, new in db.execute(
        "SELECT rowid, table_name, row_id, old_version, new_version FROM sync_sums_log"
    ):
        last = max(last, rowid)
        entry = deltas.setdefault(table, [0, 0])
        if old:
            entry[0] -= 1
            entry[1] -= row_checksum(row_id, old)
        if new:
            entry[0] += 1
            entry[1] += row_checksum(row_id, new)
    for table, (d_count, d_sum) in deltas.items():
        (count, checksum) = db.execute(
            "SELECT row_count, checksum FROM sync_sums WHERE table_name = ?", [table]
        ).fetchone()
        db.execute(
            "UPDATE sync_sums SET row_count = ?, checksum = ? WHERE table_name = ?",
            [count + d_count, to_signed(checksum + d_sum), table],
        )
    if last:
        db.execute("DELETE FROM sync_sums_log WHERE rowid <= ?", [last])
    return {
        name: (int(count), int(checksum) % _MOD)
        for name, count, checksum in db.execute(
            "SELECT table_name, row_count, checksum FROM sync_sums"
        )
    }
