"""Running verify sums of the local store.

``/v1/verify`` compares, per synced table, the count and checksum of the rows a device
holds with what the server holds in its scope (docs/sync-protocol.md, "Verify"). A row
with ``version > 0`` (it came from, or was confirmed by, the server) contributes
``fieldapp.kinds.row_hash`` of its id, version, deleted flag and synced fields (the one
definition head office sums too); the table's checksum is the sum modulo 2**64.

Instead of hashing every row at each sync, ``sync_sums`` holds a running count and
checksum per table and ``sync_row_sums`` each counted row's hash. Plain SQL triggers on
each synced table append every change of a counted row (insert, update, delete) to
``sync_sums_log``; :func:`read` folds the log into the sums, hashing only the rows that
changed, and empties it. The triggers need no application function, so a write by any
SQLite tool is seen too: the sums always describe what is really in the tables.
Threading: the caller's connection (the store's thread).
"""

from __future__ import annotations

import functools
import hashlib
import struct
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from operator import methodcaller
from typing import Any

from ..kinds import META_FIELDS, row_hash
from .db import Sql

_MOD = 2**64
_CHUNK = 500


def row_checksum(row_id: str, version: int) -> int:
    """The share of a row in the ids-and-versions sums of store versions before the
    content sums (migration 0003; kept for those migrations)."""
    return int.from_bytes(hashlib.sha256(f"{row_id}:{version}".encode()).digest()[:8], "big")


def to_signed(value: int) -> int:
    """``value`` modulo 2**64 as SQLite's signed 64-bit integer."""
    value %= _MOD
    return value - _MOD if value >= 2**63 else value


@functools.cache
def _synced_columns(table: str) -> frozenset[str]:
    from .replica import SYNCED_TABLES  # replica builds on this module

    return frozenset(c for c in SYNCED_TABLES[table] if c not in META_FIELDS)


def hashed_columns(db: Sql, table: str) -> tuple[str, ...]:
    """The synced fields of ``table`` a row hash covers, in name order (head office's
    ``sync.protocol.HASHED_FIELDS``), among the columns the table has now (a migration
    may run before the one that adds a field: a missing field hashes as null)."""
    have = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
    return tuple(sorted(_synced_columns(table) & have))


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _select(db: Sql, table: str) -> tuple[str, tuple[str, ...]]:
    columns = hashed_columns(db, table)
    return f"SELECT id, version, deleted, {', '.join(columns)} FROM {table}", columns


def _hash(columns: tuple[str, ...], row: Any) -> int:
    return row_hash(row[0], row[1], row[2], zip(columns, row[3:], strict=True))


#: The types a value of a stored row may have for :func:`row_hashes`' quick way.
_PLAIN = frozenset({str, int, type(None)})
_ROUNDED = frozenset({str, int, float, bool, type(None)})
#: Non-integral floats whose JSON both encoders write alike (plain decimal notation;
#: pydantic-core writes 1.5e-05 as 0.000015): others take ``row_hash`` row by row.
_FLOAT_MIN, _FLOAT_MAX = 1e-4, 1e15
_DIGEST = methodcaller("digest")
_HEAD = struct.Struct(">Q24x")  # a SHA-256 digest's first 8 bytes, big-endian


def row_hashes(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[int]:
    """``kinds.row_hash`` of each ``(id, version, deleted, *values)`` row (values in
    ``columns`` order), the same numbers at a fraction of the cost: the values are
    made canonical column by column, each row's JSON is written by pydantic-core's
    serialiser (which writes strings, integers and floats in plain notation as
    ``json.dumps`` does) and hashed without a Python call per value. A row holding
    anything else (a float in exponent notation, a NaN, bytes, ...) is hashed by
    ``row_hash`` itself, and so is every row when ``columns`` are not in name order or
    the serialiser writes otherwise than ``json`` (checked once, :func:`_quick_agrees`).
    A first load recounts a few hundred thousand rows this way (``recount``)."""
    rows = rows if isinstance(rows, list) else list(rows)
    width = 3 + len(columns)
    if (
        not rows
        or list(columns) != sorted(set(columns))
        or set(map(len, rows)) != {width}
        or not _quick_agrees()
    ):
        return [_hash(tuple(columns), row) for row in rows]
    return _quick(tuple(columns), rows)


def _quick(columns: tuple[str, ...], rows: Sequence[Sequence[Any]]) -> list[int]:
    ids, versions, deleted, *values = (list(c) for c in zip(*rows, strict=True))
    if set(map(type, ids)) != {str} or set(map(type, versions)) != {int}:
        return [_hash(columns, row) for row in rows]
    slow: set[int] = set()
    for column in values:
        types = set(map(type, column))
        if types <= _PLAIN:
            continue
        if not types <= _ROUNDED:
            return [_hash(columns, row) for row in rows]
        for i, v in enumerate(column):
            kind = type(v)
            if kind is bool:
                column[i] = int(v)
            elif kind is float:
                if v.is_integer() and abs(v) < 2**63:
                    column[i] = int(v)
                elif not _FLOAT_MIN <= abs(v) < _FLOAT_MAX or v.is_integer():
                    slow.add(i)
    import pydantic_core  # not on the first screen's path (sync and migrations only)

    dicts: list[dict[str, Any]] = [{} for _ in ids]
    if values:
        dicts = [
            {k: v for k, v in zip(columns, r, strict=True) if v is not None}
            for r in zip(*values, strict=True)
        ]
    payloads = zip(ids, versions, map(bool, deleted), dicts, strict=True)
    digests = b"".join(map(_DIGEST, map(hashlib.sha256, map(pydantic_core.to_json, payloads))))
    out = [h for (h,) in _HEAD.iter_unpack(digests)]
    for i in slow:
        out[i] = _hash(columns, rows[i])
    return out


@functools.cache
def _quick_agrees() -> bool:
    """Whether :func:`row_hashes`' quick way gives ``row_hash``'s numbers for a sample
    of awkward values (every control character, quotes, non-BMP text, big and negative
    numbers, floats at the plain-notation bounds): if a future serialiser writes any
    of them otherwise, every row is hashed the slow way."""
    text = "".join(map(chr, range(0x80))) + '"\\\u2028\u2029\ufeff\U0001f600中文\uffff'
    floats = (0.1, -1.5, 1e-4, 1.2345e-4, 999999999999999.9, 113.123456789, -0.0, 5.0)
    columns = ("a", "b", "c", "d")
    rows = [
        ("id-1", 1, 0, text, 2**63 - 1, None, True),
        ("中文", 2**62, 1, "", -(2**63), "x", False),
        *(("f", 3, 0, None, None, f, "t") for f in floats),
    ]
    return [_hash(columns, r) for r in rows] == _quick(columns, rows)


def trigger_names(table: str) -> tuple[str, str, str]:
    """The names of the three triggers :func:`install_triggers` creates on ``table``."""
    return (f"{table}_sums_insert", f"{table}_sums_update", f"{table}_sums_delete")


def recount(db: Sql, table: str) -> tuple[int, int]:
    """Set ``table``'s running sums and row hashes from its rows and drop its pending log
    entries.

    For when the rows changed without the triggers (a first pull sets them aside while
    it bulk-loads, see ``Replica.pulling``) and for migrations. Call it inside a
    transaction. Returns the new ``(count, checksum)``."""
    found: list[tuple[str, int]] = []
    sql, columns = _select(db, table)
    rows = db.execute(sql + " WHERE version > 0")
    while batch := rows.fetchmany(5000):
        found += zip([r[0] for r in batch], row_hashes(columns, batch), strict=True)
    return set_counted(db, table, found)


def set_counted(db: Sql, table: str, found: list[tuple[str, int]]) -> tuple[int, int]:
    """Set ``table``'s running sums and row hashes to ``found`` (``(row_id, row_hash)`` of
    every row it counts, each once) and drop its pending log entries: what
    :func:`recount` does with the hashes it computed, and what a first load does with
    the hashes of the rows it wrote, when nothing else wrote the table meanwhile
    (``Replica.pulling``). Call it inside a transaction. Returns ``(count, checksum)``."""
    db.execute("DELETE FROM sync_row_sums WHERE table_name = ?", [table])
    count, total = len(found), sum(h for _, h in found)
    # In key order: appended to the index's end instead of split all over it.
    found.sort()
    db.conn.executemany(
        "INSERT INTO sync_row_sums VALUES (?, ?, ?)",
        [(table, row_id, h - _MOD if h >= 2**63 else h) for row_id, h in found],
    )
    db.execute(
        "INSERT INTO sync_sums (table_name, row_count, checksum) VALUES (?, ?, ?)"
        " ON CONFLICT(table_name) DO UPDATE SET row_count = excluded.row_count,"
        " checksum = excluded.checksum",
        [table, count, to_signed(total)],
    )
    db.execute("DELETE FROM sync_sums_log WHERE table_name = ?", [table])
    return count, total % _MOD


def stored_alike(db: Sql, table: str) -> dict[str, frozenset[type]]:
    """Per column of ``table``, the Python types of a value written there that SQLite
    gives back as a value of the same ``row_hash`` (by the column's type affinity: a
    number bound to a TEXT column comes back as text, a numeric text bound to an
    INTEGER one as a number, a NaN as null): what a first load may hash from the
    values it writes instead of reading them back (``Replica._insert_new``). Integers
    bound to a REAL column come back as floats, alike only up to 2**53: not listed."""
    out: dict[str, frozenset[type]] = {}
    for _cid, name, declared, *_rest in db.execute(f"PRAGMA table_info({table})"):
        kind = str(declared or "").upper()
        if "INT" in kind:
            alike = {int, bool}
        elif "CHAR" in kind or "CLOB" in kind or "TEXT" in kind:
            alike = {str}
        elif not kind or "BLOB" in kind:
            alike = {str, int, bool, float}  # stored as given (a NaN is checked apart)
        elif "REAL" in kind or "FLOA" in kind or "DOUB" in kind:
            alike = {float}
        else:
            alike = {int, bool}  # NUMERIC
        out[name] = frozenset(alike | {type(None)})
    return out


def install_triggers(db: Sql, table: str) -> None:
    """Create ``table``'s running sums (backfilled) and the triggers feeding the log.

    For migrations: every synced table gets this when it is created (after migration
    ``0022_verify_content``, which made the sums cover content)."""
    log = (
        "INSERT INTO sync_sums_log (table_name, row_id, old_version, new_version)"
        f" VALUES ('{table}', {{}}, NULL, NULL);"
    )
    db.execute(
        f"CREATE TRIGGER {table}_sums_insert AFTER INSERT ON {table}"
        f" WHEN NEW.version > 0 BEGIN {log.format('NEW.id')} END"
    )
    db.execute(
        f"CREATE TRIGGER {table}_sums_update AFTER UPDATE ON {table}"
        f" WHEN OLD.version > 0 OR NEW.version > 0 BEGIN {log.format('NEW.id')} END"
    )
    db.execute(
        f"CREATE TRIGGER {table}_sums_delete AFTER DELETE ON {table}"
        f" WHEN OLD.version > 0 BEGIN {log.format('OLD.id')} END"
    )
    recount(db, table)


def install_version_triggers(db: Sql, table: str) -> None:
    """The ids-and-versions sums of migrations 0003 to 0018 (replaced by
    ``0022_verify_content``): kept as they ran, so a store migrates the same way."""
    count = total = 0
    for row_id, version in db.execute(f"SELECT id, version FROM {table} WHERE version > 0"):
        count += 1
        total += row_checksum(row_id, version)
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
    changed: dict[str, set[str]] = {}
    last = 0
    for rowid, table, row_id in db.execute("SELECT rowid, table_name, row_id FROM sync_sums_log"):
        last = max(last, rowid)
        changed.setdefault(table, set()).add(row_id)
    for table, ids in changed.items():
        d_count = d_sum = 0
        sql, columns = _select(db, table)
        for chunk in _chunks(sorted(ids)):
            marks = ", ".join("?" for _ in chunk)
            old = dict(
                db.execute(
                    "SELECT row_id, hash FROM sync_row_sums"
                    f" WHERE table_name = ? AND row_id IN ({marks})",
                    [table, *chunk],
                ).fetchall()
            )
            rows = db.execute(sql + f" WHERE version > 0 AND id IN ({marks})", chunk).fetchall()
            new = dict(zip([r[0] for r in rows], row_hashes(columns, rows), strict=True))
            d_count += len(new) - len(old)
            d_sum += sum(new.values()) - sum(old.values())
            gone = [r for r in old if r not in new]
            if gone:
                db.execute(
                    "DELETE FROM sync_row_sums WHERE table_name = ?"
                    f" AND row_id IN ({', '.join('?' for _ in gone)})",
                    [table, *gone],
                )
            if new:
                db.conn.executemany(
                    "INSERT OR REPLACE INTO sync_row_sums VALUES (?, ?, ?)",
                    [(table, r, to_signed(h)) for r, h in new.items()],
                )
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


def hashes_of(db: Sql, keys: Mapping[str, Collection[str]]) -> dict[str, dict[str, int]]:
    """``{table: {row_id: hash}}`` of the counted rows among ``keys`` ({table: ids}),
    from ``sync_row_sums`` (call :func:`read` first in the same transaction)."""
    out: dict[str, dict[str, int]] = {}
    for table, ids in keys.items():
        found = out.setdefault(table, {})
        for chunk in _chunks(sorted(ids)):
            marks = ", ".join("?" for _ in chunk)
            for row_id, h in db.execute(
                "SELECT row_id, hash FROM sync_row_sums"
                f" WHERE table_name = ? AND row_id IN ({marks})",
                [table, *chunk],
            ):
                found[row_id] = int(h) % _MOD
    return out


def all_hashes(db: Sql, table: str) -> Iterable[tuple[str, int]]:
    """``(row_id, hash)`` of every counted row of ``table`` (call :func:`read` first)."""
    for row_id, h in db.execute(
        "SELECT row_id, hash FROM sync_row_sums WHERE table_name = ?", [table]
    ):
        yield row_id, int(h) % _MOD


def by_rows(db: Sql, table: str) -> tuple[int, int]:
    """``(count, checksum)`` of ``table`` recomputed from its rows (slow; for checks)."""
    count = total = 0
    sql, columns = _select(db, table)
    rows = db.execute(sql + " WHERE version > 0")
    while batch := rows.fetchmany(5000):
        count += len(batch)
        total += sum(row_hashes(columns, batch))
    return count, total % _MOD
