"""The export's row source over a local store: live rows straight from SQLite.

Rows are ``sqlite3.Row`` values (read by column name, no per-row dict), in rowid order.
Threading: belongs to the thread of the store it reads.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import ENTITY_BY_TABLE

if TYPE_CHECKING:
    from ..store import Store


class StoreSource:
    """``RowSource`` of ``fieldapp.exchange.export`` reading ``store``'s live rows."""

    def __init__(self, store: Store, *, batch: int = 2000) -> None:
        self._conn: sqlite3.Connection = store.db.conn
        self._batch = batch

    def rows(self, table: str) -> Iterator[sqlite3.Row]:
        if table not in ENTITY_BY_TABLE:
            raise ValueError(table)
        cur = self._conn.cursor()
        cur.row_factory = sqlite3.Row
        cur.execute(f"SELECT * FROM {table} WHERE deleted = 0 ORDER BY rowid")
        try:
            while True:
                chunk = cur.fetchmany(self._batch)
                if not chunk:
                    return
                yield from chunk
        finally:
            cur.close()

    def count(self, table: str) -> int:
        if table not in ENTITY_BY_TABLE:
            raise ValueError(table)
        row = self._conn.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()
        return int(row[0])
