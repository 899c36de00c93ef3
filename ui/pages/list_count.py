"""Counts a list's matches off the UI thread, one count at a time (the shop and KOC lists).

A broad search's first page is found without counting every match (tens of milliseconds
where the count took hundreds at region scale). :class:`ListCounter` counts them
(``views_shops.shop_count``, ``views_kocs.koc_count``) on a thread of its own
(``AppContext.reads``: a sync or a store check on the task runner's two threads never
holds a count up; whoever closes, replaces or wipes the store waits for both,
``AppContext.wait``), on a read-only connection of its own to the same file (WAL: it
reads beside the UI's writes), and hands the number back with the ask it answers. A new
ask interrupts the running count (``sqlite3.Connection.interrupt``), so a keystroke
never waits for one and no count of an older text arrives as the current one's. A store
in memory cannot be shared: it is counted on the spot. :class:`ListCount` keeps the
count a list's label shows: of the filters its rows were read with, never an older
one's.
Threading: create and call on the UI thread; the count runs on a worker.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from fieldapp.store.db import Db

from ..context import AppContext
from ..tasks import Cancelled, Task
from .list_model import UncountedTableModel

__all__ = ["START_DELAY_S", "Count", "ListCount", "ListCounter"]

#: A count waits this long on its worker before it starts, so the keystroke's table
#: repaint (10-25 ms on the UI thread) has the cores to itself: started at once, the
#: count made the keystrokes that ask one 10 ms slower (median, region store, load 4).
START_DELAY_S = 0.03

#: A count of a list's matches: the store's connection and the list's filters.
Count = Callable[..., int]


class _Count:
    """One count's connection, so the UI thread can interrupt it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.conn: sqlite3.Connection | None = None
        self.stopped = False
        self.stop_event = threading.Event()

    def stop(self) -> None:
        with self.lock:
            self.stopped = True
            self.stop_event.set()
            if self.conn is not None:
                self.conn.interrupt()


class ListCounter(QObject):
    """Counts the rows that match a set of filters with ``count`` (called as
    ``count(db, **filters)``); :attr:`counted` gives (ask, n) for the latest ask only."""

    counted = Signal(int, int)

    def __init__(self, ctx: AppContext, count: Count, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._count = count
        self._ask = 0
        self._running: _Count | None = None

    def start(self, filters: dict[str, Any]) -> int:
        """Count the rows matching ``filters`` (the count's keyword arguments),
        interrupting the count asked before; returns this ask's number."""
        self.cancel()
        self._ask += 1
        ask = self._ask
        path = self._ctx.store.path
        if path == ":memory:":
            self._done(ask, self._count(self._ctx.store.db, **filters))
            return ask
        job = _Count()
        self._running = job

        def work(_task: Task) -> tuple[int, int]:
            on_worker = threading.current_thread() is not threading.main_thread()
            if on_worker and job.stop_event.wait(START_DELAY_S):
                raise Cancelled()  # the next keystroke came first
            db = Db.connect_read_only(Path(path), "count")
            with job.lock:
                if job.stopped:
                    db.conn.close()
                    raise Cancelled()
                job.conn = db.conn
            try:
                return ask, self._count(db, **filters)
            except sqlite3.OperationalError as exc:
                if job.stopped:  # interrupted: a newer ask replaces it
                    raise Cancelled() from exc
                raise
            finally:
                with job.lock:
                    job.conn = None
                db.conn.close()

        self._ctx.read_runner().run(work, on_done=self._answer)
        return ask

    def cancel(self) -> None:
        """Stop the running count (its answer never arrives)."""
        self._ask += 1
        job, self._running = self._running, None
        if job is not None:
            job.stop()

    def _answer(self, result: tuple[int, int]) -> None:
        from shiboken6 import isValid

        if isValid(self):
            self._done(*result)

    def _done(self, ask: int, n: int) -> None:
        if ask == self._ask:
            self._running = None
            self.counted.emit(ask, n)


class ListCount:
    """The count a list's label shows when its first page may come without it: the count
    of the filters its rows were read with (from the page, kept from before, or asked of
    ``counter``), never an older search's; ``show`` updates the label."""

    def __init__(
        self, counter: ListCounter, model: UncountedTableModel, show: Callable[[], None]
    ) -> None:
        self.counter = counter
        self._model = model
        self._show = show
        #: How many rows the current search and filters match, once counted.
        self._counted: int | None = None
        #: The filters that count is of (None: none asked yet, or to be asked again).
        self._counted_for: dict[str, Any] | None = None
        counter.counted.connect(self._arrived)

    def forget(self) -> None:
        """Count again, even for the same filters (before a reload: a write)."""
        self._counted_for = None

    def rows_read(self, filters: dict[str, Any]) -> None:
        """After the rows were read again with ``filters`` (new filters, a sort): their
        count, known with the page, kept from before, or asked anew."""
        if filters == self._counted_for and self._counted is not None:
            if self._model.known_total() is None:  # a sort of the same rows
                self._model.set_total(self._counted)
            return
        if filters != self._counted_for:
            # Rows of other filters (typed while the search waited, then a sort): the
            # count of the former ones must not reach them.
            self._counted_for = filters
            self.counter.cancel()
            self._counted = self._model.known_total()
            if self._counted is None:
                self.counter.start(filters)
        self._show()

    def _arrived(self, _ask: int, n: int) -> None:
        self._model.set_total(n)
        self._counted = self._model.known_total()
        self._show()
