"""Keeps the window honest about its data file: read-only, damaged, backed up.

``install(ctx, window)`` puts a :class:`~ui.store_banner.StoreBanner` above the pages and:

* **read-only** (``store.read_only``): the banner says why; every input of every page is
  made read-only (search boxes, filters and view switches stay usable), pages built later
  included; *Import shops* is off. Writes that get through anyway are refused by the
  store in words (``StoreReadOnly``).
* **damaged**: an error that says the file is damaged, on any page or worker
  (``ErrorPresenter.on_damage``), or the check after the first paint, replaces the pages
  by the damaged-file message (``ui.damaged``) with its ways out; the pages (which would
  show an empty, all-good day) are hidden. A way out closes the store, puts the backup
  or the fresh copy in place and starts the app again.
* after the first paint, on a worker: SQLite's ``quick_check`` (about 1.5 s on a team's
  400 MB) then the day's automatic backup (``fieldapp.store.backup``): background work,
  stopped at once when the window closes (``TaskRunner.cancel_background``).

Threading: UI thread; the check runs on the task runner with its own read-only connection.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from fieldapp.errors import FieldappError, StoreDamaged
from fieldapp.store import Store, backup, health
from fieldapp.store.db import Db

from .context import AppContext
from .errors import ErrorPresenter
from .store_banner import StoreBanner
from .tasks import Cancelled, Task

log = logging.getLogger(__name__)

#: Inputs whose objectName holds one of these only choose what is shown: they stay usable
#: in a read-only store.
VIEW_ONLY = ("search", "filter", "mine", "show", "language", "period", "scope")


def _view_only(widget: QWidget) -> bool:
    name = widget.objectName().lower()
    return any(part in name for part in VIEW_ONLY)


def lock_inputs(root: QWidget) -> int:
    """Make every input under ``root`` read-only (not the view-only ones); return how many."""
    # Imported here, for a read-only store only: each Qt class imported makes its Python
    # enums, milliseconds that a usual start would spend before its first paint.
    from PySide6.QtWidgets import (
        QAbstractSpinBox,
        QCheckBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QRadioButton,
        QTextEdit,
    )

    locked = 0
    for w in root.findChildren(QWidget):
        if _view_only(w):
            continue
        parent = w.parentWidget()
        if parent is not None and isinstance(parent, QComboBox | QAbstractSpinBox):
            continue  # their own line edit: the box itself is locked
        if isinstance(w, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox):
            if not w.isReadOnly():
                w.setReadOnly(True)
                locked += 1
        elif isinstance(w, QComboBox | QCheckBox | QRadioButton) and w.isEnabled():
            w.setEnabled(False)
            locked += 1
    return locked


def restart_app() -> None:
    """Start the app again with the same arguments, then quit this one."""
    from PySide6.QtCore import QProcess  # only when leaving a damaged store

    QProcess.startDetached(sys.executable, sys.argv)
    QApplication.quit()


def check_store(path: str, task: Task, *, read_only: bool) -> backup.Backup | None:
    """``quick_check`` on a connection of its own, then the day's backup (not for a
    read-only store). Raises StoreDamaged; stops with Cancelled when ``task`` is."""
    conn = Db.connect_read_only(Path(path), "check").conn
    conn.set_progress_handler(lambda: 1 if task.cancelled else 0, 20000)
    try:
        problems = health.quick_check(conn)
    except sqlite3.OperationalError:
        if task.cancelled:
            raise Cancelled() from None
        raise
    finally:
        conn.close()
    if problems != ["ok"]:
        raise StoreDamaged(path, problems)
    if read_only:
        return None
    try:
        return backup.daily_backup(path, check=task.check)
    except OSError as exc:  # a full disk must not stop the app; the next start tries again
        log.warning("daily backup of %s failed: %s", path, exc)
        return None


class StoreSafety(QObject):
    def __init__(
        self, ctx: AppContext, window: Any, *, restart: Callable[[], None] = restart_app
    ) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.restart = restart
        self.damaged_view: QWidget | None = None
        self.last_check: backup.Backup | BaseException | None = None
        self._task: Task | None = None
        # The banner above the side bar and the pages, in the slot the window's column
        # keeps for it (MainWindow.column; its body holds the side bar and the pages).
        self.banner = StoreBanner()
        self.banner.hide()
        self.column: QWidget = window.column
        self.pages_widget: QWidget = window.body
        layout = self.column.layout()
        assert isinstance(layout, QVBoxLayout)
        self.column_layout = layout
        layout.insertWidget(0, self.banner)
        ctx.errors.on_damage = self.show_damaged
        ctx.errors.defer_damage = False
        if ctx.errors.damaged is not None:  # found while the window's first page was read
            QTimer.singleShot(0, self.show_damaged)
        if ctx.store.read_only:
            self._read_only(ctx.store.read_only)

    # ------------------------------------------------------------------ read-only

    def _read_only(self, reason: str) -> None:
        self.banner.show_read_only(reason, self.ctx.store.path)
        self.banner.show()
        stack = self.window.stack
        for i in range(stack.count()):
            lock_inputs(stack.widget(i))
        stack.widgetAdded.connect(lambda i: lock_inputs(stack.widget(i)))
        # A page may enable a field when it opens a record: lock again once it has.
        stack.currentChanged.connect(lambda _i: self._relock())
        for name in ("import_shops_action", "import_orders_action", "attribute_orders_action"):
            action = getattr(self.window, name, None)
            if action is not None:
                action.setEnabled(False)

    def _relock(self) -> None:
        QTimer.singleShot(0, lambda: lock_inputs(self.window.stack.currentWidget()))

    # ------------------------------------------------------------------ check and backup

    def check_in_background(self) -> Task:
        """quick_check and the day's backup on a worker; damage shows the ways out."""
        path, read_only = self.ctx.store.path, bool(self.ctx.store.read_only)

        def done(result: object) -> None:
            self.last_check = result  # type: ignore[assignment]

        def failed(exc: BaseException, tb: str) -> None:
            self.last_check = exc
            if health.is_damage(exc):
                self.show_damaged(exc)
            else:
                log.warning("store check failed: %s\n%s", exc, tb)

        self._task = self.ctx.runner.run(
            lambda task: check_store(path, task, read_only=read_only),
            on_done=done,
            on_error=failed,
            background=True,
        )
        return self._task

    # ------------------------------------------------------------------ damaged

    def show_damaged(self, _exc: BaseException | None = None) -> None:
        """Replace the pages by the damaged-file message (once)."""
        if self.damaged_view is not None:
            return
        from .damaged import DamagedView, ways_out  # only for a damaged store

        path = self.ctx.store.path
        if self.ctx.errors.damaged is None:
            self.ctx.errors.damaged = _exc or StoreDamaged(path)
        self.window.update_status()
        self.banner.show_damaged(path)
        self.banner.show()
        view = DamagedView(ways_out(path))
        view.setObjectName("damagedPanel")
        view.chosen.connect(self.choose)
        self.damaged_view = view
        self.pages_widget.hide()
        self.column_layout.addWidget(view, 1)
        view.show()
        view.setFocus()

    def choose(self, choice: str) -> None:
        """Leave the damaged store the way chosen: ``backup``, ``fresh`` or ``quit``."""
        store = self.ctx.store
        path = store.path
        if self._task is not None:
            self._task.cancel()
        self.ctx.wait(5000)
        if choice == "quit":
            store.close()
            QApplication.quit()
            return
        store.close()
        try:
            leave(choice, path)
        except FieldappError as exc:
            self.ctx.errors.on_damage = None  # say what went wrong in words
            self.ctx.errors.show(exc)
            QApplication.quit()
            return
        self.restart()


def leave(choice: str, path: str | Path) -> None:
    """Put the newest backup (``backup``) or a fresh copy from head office (``fresh``) in
    place of the damaged store at ``path`` (closed); the damaged file is kept beside it."""
    from fieldapp.store import rescue

    if choice == "backup":
        rescue.restore_latest(path)
    elif choice == "fresh":
        rescue.fresh_copy(path)
    else:
        raise ValueError(choice)


def open_damaged(path: Path, errors: ErrorPresenter) -> Store | None:
    """At start, for a store that is damaged: show the ways out until one gives a store
    that opens, or the person quits (None)."""
    from .damaged import DamagedDialog, ways_out

    while True:
        dialog = DamagedDialog(ways_out(path))
        if not dialog.exec():
            return None
        try:
            leave(dialog.choice, path)
            return Store.open(path)
        except FieldappError as exc:
            errors.show(exc)
            if not isinstance(exc, StoreDamaged):
                return None


def install(
    ctx: AppContext, window: Any, *, restart: Callable[[], None] = restart_app
) -> StoreSafety:
    """Banner, read-only lock and damage handling for ``window`` (see the module)."""
    safety = StoreSafety(ctx, window, restart=restart)
    window.store_safety = safety
    ctx.extra["restart"] = restart  # Settings → Restore a backup
    return safety
