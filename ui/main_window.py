"""The main window: a side bar of pages, the page stack, a status bar.

Keyboard: Ctrl+F search on the current page, Ctrl+N new visit, Ctrl+S save,
Ctrl+PgDown / Ctrl+PgUp next / previous page in the side bar, Alt+Left back.
The window fits a 1366x768 laptop screen.
Threading: UI thread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from .context import AppContext
from .page import Page


class PageSpec(Protocol):
    """A page not built yet: a Page class, or a ``ui.pages.PageRef``."""

    page_id: str
    title_source: str
    in_nav: bool

    def __call__(self, ctx: AppContext) -> Page: ...


Spec = Page | PageSpec


def _title(spec: Spec) -> str:
    return QCoreApplication.translate("MainWindow", spec.title_source)


class _LazyPages(Mapping[str, Page]):
    """Page id → page; a page given as a spec is built the first time it is needed.

    Building ten pages up front would put every page's widgets and queries on the
    start-up path; most pages are not opened in a session.
    """

    def __init__(self, ctx: AppContext, stack: QStackedWidget) -> None:
        self._ctx = ctx
        self._stack = stack
        self._specs: dict[str, Spec] = {}

    def add(self, spec: Spec) -> None:
        self._specs[spec.page_id] = spec
        if isinstance(spec, Page):
            self._stack.addWidget(spec)

    def spec(self, page_id: str) -> Spec:
        return self._specs[page_id]

    def built(self) -> list[Page]:
        return [p for p in self._specs.values() if isinstance(p, Page)]

    def __getitem__(self, page_id: str) -> Page:
        spec = self._specs[page_id]
        if isinstance(spec, Page):
            return spec
        page = spec(self._ctx)
        self._specs[page_id] = page
        self._stack.addWidget(page)
        return page

    def remove(self, page_id: str) -> None:
        """Forget a page (and delete it if it was built)."""
        spec = self._specs.pop(page_id)
        if isinstance(spec, Page):
            self._stack.removeWidget(spec)
            spec.deleteLater()

    def __contains__(self, page_id: object) -> bool:
        # Mapping's default would build the page just to answer.
        return page_id in self._specs

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, pages: Sequence[Spec]) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self._history: list[tuple[str, object]] = []
        self._current: tuple[str, object] | None = None

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(150)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setStyleSheet(
            "QListWidget#nav { background: #1f2d3d; color: #e8edf2; border: none;"
            " font-size: 15px; padding-top: 8px; }"
            "QListWidget#nav::item { padding: 10px 14px; }"
            "QListWidget#nav::item:selected { background: #2f80ed; color: white; }"
        )
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.pages = _LazyPages(ctx, self.stack)
        self._fill_nav(pages)
        self.nav.currentItemChanged.connect(self._nav_changed)

        self.status_pending = QLabel()
        self.status_pending.setObjectName("pendingChanges")
        self.status_store = QLabel()
        self.status_store.setObjectName("storePath")
        self.statusBar().addWidget(self.status_pending)
        self.statusBar().addPermanentWidget(self.status_store)

        ctx.signals.navigate.connect(self.show_page)
        ctx.signals.changed.connect(lambda _table: self._pending_later.start())
        self._pending_later = QTimer(self)
        self._pending_later.setSingleShot(True)
        self._pending_later.setInterval(200)
        self._pending_later.timeout.connect(self.update_status)

        self._shortcuts()
        self._data_menu()
        self.resize(1280, 720)
        self.setMinimumSize(1024, 640)
        self.retranslate()
        if self.nav.count():
            self.nav.setCurrentRow(0)
        self.update_status()

    # ------------------------------------------------------------------ navigation

    def _fill_nav(self, pages: Sequence[Spec]) -> None:
        for spec in pages:
            if spec.page_id not in self.pages:
                self.pages.add(spec)
            if spec.in_nav:
                item = QListWidgetItem(_title(spec))
                item.setData(Qt.ItemDataRole.UserRole, spec.page_id)
                self.nav.addItem(item)

    def set_pages(self, pages: Sequence[Spec]) -> None:
        """Show these pages instead (a login changed the user and so their pages): pages
        already built and still wanted are kept, the others dropped; the window opens
        on the first page again. Nothing happens when the pages are the same."""
        wanted = [spec.page_id for spec in pages]
        if wanted == list(self.pages):
            return
        for page_id in [p for p in self.pages if p not in wanted]:
            self.pages.remove(page_id)
        self.nav.blockSignals(True)
        self.nav.clear()
        self._fill_nav(pages)
        self.nav.blockSignals(False)
        self._history.clear()
        self._current = None
        if self.nav.count():
            self.nav.setCurrentRow(0)
            self._nav_changed(self.nav.currentItem())

    def _nav_changed(self, item: QListWidgetItem | None, _prev: object = None) -> None:
        if item is not None:
            page_id = item.data(Qt.ItemDataRole.UserRole)
            if self._current is None or self._current[0] != page_id:
                self.show_page(page_id, None)

    def show_page(self, page_id: str, arg: object = None, *, remember: bool = True) -> None:
        if page_id not in self.pages:  # a window built with fewer pages (tests, a future role)
            return
        page = self.pages[page_id]
        if remember and self._current is not None and self._current != (page_id, arg):
            self._history.append(self._current)
            del self._history[:-50]
        self._current = (page_id, arg)
        self.stack.setCurrentWidget(page)
        for i in range(self.nav.count()):
            if self.nav.item(i).data(Qt.ItemDataRole.UserRole) == page_id:
                self.nav.blockSignals(True)
                self.nav.setCurrentRow(i)
                self.nav.blockSignals(False)
        page.open(arg)
        self.setWindowTitle(page.title() + " — " + self.tr("fieldapp"))

    def back(self) -> None:
        if self._history:
            page_id, arg = self._history.pop()
            self.show_page(page_id, arg, remember=False)

    def current_page(self) -> Page:
        return self.stack.currentWidget()  # type: ignore[return-value]

    def _step(self, delta: int) -> None:
        if self.nav.count():
            self.nav.setCurrentRow((max(self.nav.currentRow(), 0) + delta) % self.nav.count())

    # ------------------------------------------------------------------ keyboard

    def _shortcuts(self) -> None:
        def bind(keys: QKeySequence | str, slot: object, name: str) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setObjectName(name)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

        bind(QKeySequence.StandardKey.Find, lambda: self.current_page().focus_search(), "searchKey")
        bind(QKeySequence.StandardKey.Save, lambda: self.current_page().save(), "saveKey")
        bind("Ctrl+N", self._new_visit, "newVisitKey")
        bind("Ctrl+PgDown", lambda: self._step(1), "nextPageKey")
        bind("Ctrl+PgUp", lambda: self._step(-1), "previousPageKey")
        bind("Alt+Left", self.back, "backKey")

    def _data_menu(self) -> None:
        """Head-office spreadsheets: export and shop-list import (ui/exchange.py)."""
        self.data_menu = self.menuBar().addMenu("")
        self.data_menu.setObjectName("dataMenu")
        self.export_action = self.data_menu.addAction("")
        self.export_action.setObjectName("exportAction")
        self.export_action.triggered.connect(self.open_export)
        self.import_shops_action = self.data_menu.addAction("")
        self.import_shops_action.setObjectName("importShopsAction")
        self.import_shops_action.triggered.connect(self.open_import_shops)

    def open_export(self) -> QWidget:
        from .exchange import ExportDialog

        dialog = ExportDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_import_shops(self) -> QWidget:
        from .exchange import ImportShopsDialog

        dialog = ImportShopsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _new_visit(self) -> None:
        if "visit" in self.pages:
            self.show_page("visit", {"new": True})

    # ------------------------------------------------------------------ status and language

    def add_status_widget(self, widget: QWidget) -> None:
        """Put ``widget`` at the right of the status bar (e.g. the sync status)."""
        self.statusBar().addPermanentWidget(widget)

    def update_status(self) -> None:
        try:
            pending = self.ctx.store.outbox.count(state="pending")
        except sqlite3.ProgrammingError:  # the store was closed under a window still alive
            return
        self.status_pending.setText(
            self.tr("All changes saved on this computer; %1 waiting to sync").replace(
                "%1", str(pending)
            )
        )
        self.status_store.setText(self.ctx.store.path)

    def retranslate(self) -> None:
        self.data_menu.setTitle(self.tr("&Data"))
        self.export_action.setText(self.tr("Export for head office…"))
        self.import_shops_action.setText(self.tr("Import shops…"))
        for i in range(self.nav.count()):
            item = self.nav.item(i)
            item.setText(_title(self.pages.spec(item.data(Qt.ItemDataRole.UserRole))))
        page = self.current_page() if self.stack.count() else None
        if page is not None:
            self.setWindowTitle(page.title() + " — " + self.tr("fieldapp"))
        self.update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        page = self.current_page() if self.stack.count() else None
        if page is not None:
            page.save()
        self.ctx.runner.wait(10000)
        super().closeEvent(event)
