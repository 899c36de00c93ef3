"""What every page gets through its constructor: the store, the task runner, the
error presenter, navigation and change notifications. No global app object.
Threading: UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from fieldapp.kinds import business_today
from fieldapp.store import Store

from .errors import ErrorPresenter
from .saving import SaveStatus
from .tasks import TaskRunner

T = TypeVar("T")


class AppSignals(QObject):
    """Application-wide notifications."""

    #: A table's rows changed (name of the table); lists refresh themselves.
    changed = Signal(str)
    #: Ask the main window to show a page: (page id, argument such as a row id).
    navigate = Signal(str, object)
    #: The interface language changed (new language code).
    language_changed = Signal(str)


@dataclass
class AppContext:
    store: Store
    runner: TaskRunner
    errors: ErrorPresenter
    signals: AppSignals
    #: Runs the lists' counts (``ui/pages/list_count.py``) on a thread of its own, so
    #: that a sync, a warm-up or a store check on ``runner``'s two threads never keeps a
    #: list's label on "Counting…"; None: on ``runner`` (tests that run work inline).
    reads: TaskRunner | None = None
    #: The day pages treat as today (tests pin it).
    today: Callable[[], date] = business_today
    #: Opens a second store on the same file for a worker thread.
    open_worker_store: Callable[[], Store] | None = None
    extra: dict[str, object] = field(default_factory=dict)
    #: Whether the last saves worked (the status bar says "not saved" when not).
    saves: SaveStatus = field(default_factory=SaveStatus)
    #: The latest ask of each widget reading through :meth:`read_latest`.
    _latest: dict[int, object] = field(default_factory=dict)

    def read_runner(self) -> TaskRunner:
        """The runner for the lists' counts: :attr:`reads`, else :attr:`runner`."""
        return self.reads if self.reads is not None else self.runner

    def wait(self, msecs: int) -> bool:
        """Block until the work on both runners is done (before the store file is closed,
        replaced or wiped: no worker may hold it open, which Windows would refuse)."""
        done = self.runner.wait(msecs)
        return (self.reads is None or self.reads.wait(msecs)) and done

    def read_later(self, compute: Callable[[Any], T], on_done: Callable[[T], None]) -> None:
        """Run ``compute(db)`` on a worker thread with a store of its own and hand its
        result to ``on_done`` on the UI thread (a page that would otherwise wait for a
        slow read); inline on a store that cannot be shared (in memory: tests)."""
        if self.open_worker_store is None:
            on_done(compute(self.store.db))
            return
        open_store = self.open_worker_store

        def work(task: Any) -> T:
            store = open_store()
            try:
                task.check()
                return compute(store.db)
            finally:
                store.close()

        self.runner.run(work, on_done=on_done)

    def read_latest(
        self, owner: QObject, compute: Callable[[Any], T], on_done: Callable[[T], None]
    ) -> None:
        """:meth:`read_later` for a widget that shows one answer at a time: only the
        answer to ``owner``'s latest ask reaches ``on_done``, and none once ``owner`` is
        gone (a page moved on to another record while the worker read)."""
        from shiboken6 import isValid

        token = object()
        self._latest[id(owner)] = token

        def done(result: T) -> None:
            if isValid(owner) and self._latest.get(id(owner)) is token:
                del self._latest[id(owner)]
                on_done(result)

        self.read_later(compute, done)

    def drop_read(self, owner: QObject) -> None:
        """Forget ``owner``'s pending :meth:`read_latest` ask (it shows nothing now)."""
        self._latest.pop(id(owner), None)

    def notify(self, *tables: str) -> None:
        for table in tables:
            self.signals.changed.emit(table)

    def go(self, page: str, arg: object = None) -> None:
        self.signals.navigate.emit(page, arg)
