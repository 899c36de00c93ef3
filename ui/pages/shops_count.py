"""Counts the shop list's matches off the UI thread, one count at a time.

A broad search's first page is found without counting every match (tens of
milliseconds where the count took hundreds at region scale). :class:`ShopCounter`
counts them (``views_shops.shop_count``) on the task runner's pool, on a read-only
connection of its own to the same file (WAL: it reads beside the UI's writes), and
hands the number back with the ask it answers. A new ask interrupts the running count
(``sqlite3.Connection.interrupt``), so a keystroke never waits for one and no count
of an older text arrives as the current one's. A store in memory cannot be shared:
it is counted on the spot.
Threading: create and call on the UI thread; the count runs on a worker.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from fieldapp.store.db import Db
from fieldapp.store.views_shops import shop_count

from ..context import AppContext
from ..tasks import Cancelled, Task

__all__ = ["START_DELAY_S", "ShopCounter"]

#: A count waits this long on its worker before it starts, so the keystroke's table
#: repaint (10-25 ms on the UI thread) has the cores to itself: started at once, the
#: count made the keystrokes that ask one 10 ms slower (median, region store, load 4).
START_DELAY_S = 0.03


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


class ShopCounter(QObject):
    """Counts the shops that match a set of filters; :attr:`counted` gives (ask, n) for
    the latest ask only."""

    counted = Signal(int, int)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ask = 0
        self._running: _Count | None = None

    def start(self, filters: dict[str, Any]) -> int:
        """Count the shops matching ``filters`` (``shop_count``'s keyword arguments),
        interrupting the count asked before; returns this ask's number."""
        self.cancel()
        self._ask += 1
        ask = self._ask
        path = self._ctx.store.path
        if path == ":memory:":
            self._done(ask, shop_count(self._ctx.store.db, **filters))
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
                return ask, shop_count(db, **filters)
            except sqlite3.OperationalError as exc:
                if job.stopped:  # interrupted: a newer ask replaces it
                    raise Cancelled() from exc
                raise
            finally:
                with job.lock:
                    job.conn = None
                db.conn.close()

        self._ctx.runner.run(work, on_done=self._answer)
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
