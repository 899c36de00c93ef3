"""Values this device received but could not read, kept aside (table ``quarantine``).

An older head office accepted some values no reader can read (``fieldapp.readable``).
The replica mends such a row before it stores it (so every page, list and export reads
it) and records each original value here with its code; ``fieldapp check`` and the sync
status count them, ``fieldapp check --json`` lists them. A later pull of the same row in a
readable form clears its entries. Migration 0014 mends the rows a store already held.
Threading: functions take the store's connection (its thread).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .. import readable
from .db import Sql

#: The table, created by migration 0014.
DDL = """
CREATE TABLE IF NOT EXISTS quarantine (
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    field TEXT NOT NULL,
    code TEXT NOT NULL,
    value TEXT,
    version INTEGER,
    found_at TEXT NOT NULL,
    PRIMARY KEY (table_name, row_id, field)
)
"""


@dataclass(frozen=True)
class Quarantined:
    """One value kept aside: its row, field, code and the value as received."""

    table: str
    row_id: str
    field: str
    code: str
    value: Any
    version: int | None
    found_at: str


def _json(value: Any) -> str:
    # A lone surrogate cannot be encoded as UTF-8: keep it as an escape.
    return json.dumps(value, ensure_ascii=True)


def record(
    db: Sql,
    table: str,
    row_id: str,
    version: int | None,
    problems: Sequence[readable.Problem],
    at: str,
) -> None:
    """Keep ``problems`` of one row (replacing what was kept for it before)."""
    db.execute("DELETE FROM quarantine WHERE table_name = ? AND row_id = ?", [table, row_id])
    for p in problems:
        db.execute(
            "INSERT INTO quarantine (table_name, row_id, field, code, value, version, found_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [table, row_id, p.field, p.code, _json(p.value), version, at],
        )


def clear(db: Sql, keys: Iterable[tuple[str, str]]) -> None:
    """Forget what was kept for these ``(table, row_id)`` (read again, or gone)."""
    if db.execute("SELECT 1 FROM quarantine LIMIT 1").fetchone() is None:
        return  # the usual case: nothing kept, nothing to look up
    for key in keys:
        db.execute("DELETE FROM quarantine WHERE table_name = ? AND row_id = ?", list(key))


def count(db: Sql) -> int:
    """How many values are kept aside."""
    return int(db.execute("SELECT count(*) FROM quarantine").fetchone()[0])


def listing(db: Sql) -> list[Quarantined]:
    """Every value kept aside, by table, row and field."""
    return [
        Quarantined(r[0], r[1], r[2], r[3], json.loads(r[4]) if r[4] else None, r[5], r[6])
        for r in db.execute(
            "SELECT table_name, row_id, field, code, value, version, found_at FROM quarantine"
            " ORDER BY table_name, row_id, field"
        )
    ]


def mend_stored(db: Sql, at: str) -> int:
    """Mend every stored row holding an unreadable value, keeping the originals here;
    return how many rows were mended (migration 0014; the version is left alone, so the
    verify sums do not change)."""
    from .repo import DERIVED, derived_columns

    mended_rows = 0
    for table, kinds in readable.KINDS.items():
        # Only the columns the store has now: a later migration may add a field the
        # model already knows (0015 adds order_lines.reason).
        have = {r[1] for r in db.execute(f"PRAGMA table_info({table})").fetchall()}
        if not have:
            continue  # a table a later migration creates (0018: the shelf audits)
        fields = [n for n in kinds if n in have]
        names = ["id", *fields]
        # Column positions of each kind, for the quick check of a chunk of plain tuples.
        where = {
            k: [i + 1 for i, n in enumerate(fields) if kinds[n][0] == k]
            for k in ("text", "date", "datetime")
        }
        cur = db.execute(f"SELECT {', '.join(names)}, version FROM {table}")
        while chunk := cur.fetchmany(2000):
            lists = [[r[i] for r in chunk for i in where[k]] for k in ("text", "date", "datetime")]
            if readable.values_fine(*lists):
                continue  # the usual case: one quick pass over 2,000 rows
            for raw in chunk:
                row = dict(zip(names, raw[:-1], strict=True))
                fixed, problems = readable.mend(table, row)
                if fixed == row:
                    continue
                changed = {k: v for k, v in fixed.items() if v != row[k]}
                if table in DERIVED:
                    full = next(db.query(f"SELECT * FROM {table} WHERE id = ?", [row["id"]]))
                    changed |= derived_columns(table, full | changed)
                sets = ", ".join(f"{k} = ?" for k in changed)
                db.execute(
                    f"UPDATE {table} SET {sets} WHERE id = ?", [*changed.values(), row["id"]]
                )
                if problems:
                    record(db, table, str(row["id"]), raw[-1], problems, at)
                mended_rows += 1
    return mended_rows
