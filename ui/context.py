"""What every page gets through its constructor: the store, the task runner, the
error presenter, navigation and change notifications. No global app object.
Threading: UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QObject, Signal

from fieldapp.kinds import business_today
from fieldapp.store import Store

from .errors import ErrorPresenter
from .tasks import TaskRunner


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
    #: The day pages treat as today (tests pin it).
    today: Callable[[], date] = business_today
    #: Opens a second store on the same file for a worker thread.
    open_worker_store: Callable[[], Store] | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def notify(self, *tables: str) -> None:
        for table in tables:
            self.signals.changed.emit(table)

    def go(self, page: str, arg: object = None) -> None:
        self.signals.navigate.emit(page, arg)
