"""The export's row source over a local store: live rows straight from SQLite.

Rows are plain dicts of every column, in rowid order.
Threading: belongs to the thread of the store it reads.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from ..model import ENTITY_BY_TABLE

if TYPE_CHECKING:
    from ..store import Store
    from ..store.loop import Attribution, EventPayback, KocPayback
    from ..store.metrics_shelf import ShelfNumbers
    from .export import ExportFilters


class StoreSource:
    """``RowSource`` of ``fieldapp.exchange.export`` reading ``store``'s live rows."""

    def __init__(self, store: Store, *, batch: int = 2000) -> None:
        self._conn: sqlite3.Connection = store.db.conn
        self._batch = batch
        self._db = store.db
        from ..store.shelf import disorder_share

        #: The share under the list price flagged as price disorder (乱价).
        self.price_disorder_share = disorder_share(store)

    def shelf_numbers(self, filters: ExportFilters) -> Iterator[tuple[str, ShelfNumbers]]:
        """The shelf numbers (``fieldapp.store.metrics_shelf``) of the export's period, by
        SKU, category, county, rep and month, after the total."""
        from ..store import metrics_shelf

        start = filters.date_from or date(2000, 1, 1)
        end = filters.date_to or date(2999, 12, 31)
        for group in metrics_shelf.GROUPS:
            for n in metrics_shelf.shelf_numbers(
                self._db, start=start, end=end, by=group, share=self.price_disorder_share
            ):
                yield group, n

    def attributions(self) -> list[Attribution]:
        """Every live cloud-store order's attribution (``fieldapp.store.loop``)."""
        from ..store import loop

        return loop.attributions(self._db)

    def event_payback(self, filters: ExportFilters) -> list[EventPayback]:
        """What each event of the export's period paid back (30-day window)."""
        from ..store import loop

        return loop.event_payback(self._db, since=filters.date_from, until=filters.date_to)

    def koc_payback(self) -> list[KocPayback]:
        """What each KOC drove."""
        from ..store import loop

        return loop.koc_payback(self._db)

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        if table not in ENTITY_BY_TABLE:
            raise ValueError(table)
        cur = self._conn.cursor()
        try:
            cur.execute(f"SELECT * FROM {table} WHERE deleted = 0 ORDER BY rowid")
            names = [d[0] for d in cur.description]
            while True:
                chunk = cur.fetchmany(self._batch)
                if not chunk:
                    return
                # Plain dicts: the writer reads ~20 fields by name per row, and a dict
                # lookup beats sqlite3.Row's scan over the column names.
                for values in chunk:
                    yield dict(zip(names, values, strict=True))
        finally:
            cur.close()

    def count(self, table: str) -> int:
        if table not in ENTITY_BY_TABLE:
            raise ValueError(table)
        row = self._conn.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()
        return int(row[0])
