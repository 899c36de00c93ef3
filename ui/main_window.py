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

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from . import icons, window_state
from .context import AppContext
from .page import Page


class PageSpec(Protocol):
    """A page not built yet: a Page class, or a ``ui.pages.PageRef``."""

    @property
    def page_id(self) -> str: ...
    @property
    def title_source(self) -> str: ...
    @property
    def in_nav(self) -> bool: ...

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
        # The first page, before the window shows, is made in the stack where the spec
        # allows it: moved into the stack once built, it was restyled and its tables'
        # headers measured again (~20% of the header work before the first paint). Not
        # in a shown window: there a page made in place takes the keyboard focus from
        # the side bar.
        if getattr(spec, "takes_parent", False) and not self._stack.isVisible():
            page = spec(self._ctx, self._stack)  # type: ignore[call-arg]
        else:
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

        # A column with a free slot on top (the data file's banner, ui.store_safety) over
        # the side bar and the pages: filling it later moves nothing, where wrapping the
        # built window re-polished every widget of the first page (tens of ms at start).
        self.column = QWidget()
        self.column.setObjectName("storeColumn")
        column = QVBoxLayout(self.column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.body = QWidget()
        column.addWidget(self.body, 1)
        row = QHBoxLayout(self.body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(150)
        self.nav.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(self.column)

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
        ctx.saves.changed.connect(self.update_status)
        self._pending_later: QTimer = QTimer(self)
        self._pending_later.setSingleShot(True)
        self._pending_later.setInterval(200)
        self._pending_later.timeout.connect(self.update_status)

        self._shortcuts()
        self._data_menu()
        self._help_menu()
        self.setMinimumSize(1024, 640)
        window_state.restore(self, self.qsettings())
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
                nav_icon = icons.nav_icon(spec.page_id)
                if nav_icon is not None:
                    item.setIcon(nav_icon)
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
        leaving = self.current_page() if self.stack.count() else None
        if leaving is not None and self._current != (page_id, arg) and not leaving.can_leave():
            self._select_nav(self._current[0] if self._current else None)
            return
        page = self.pages[page_id]
        if remember and self._current is not None and self._current != (page_id, arg):
            self._history.append(self._current)
            del self._history[:-50]
        self._current = (page_id, arg)
        self.stack.setCurrentWidget(page)
        self._select_nav(page_id)
        page.open(arg)
        self.setWindowTitle(page.title() + " — " + self.tr("fieldapp"))

    def _select_nav(self, page_id: str | None) -> None:
        for i in range(self.nav.count()):
            if self.nav.item(i).data(Qt.ItemDataRole.UserRole) == page_id:
                self.nav.blockSignals(True)
                self.nav.setCurrentRow(i)
                self.nav.blockSignals(False)

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
        def bind(
            keys: QKeySequence | QKeySequence.StandardKey | str, slot: object, name: str
        ) -> None:
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
        # The B→KOC→C loop (issue 18): the cloud-store platform's order export, and the
        # orders no rule attributes, for a person to attach to a KOC or a group.
        self.import_orders_action = self.data_menu.addAction("")
        self.import_orders_action.setObjectName("importOrdersAction")
        self.import_orders_action.triggered.connect(self.open_import_orders)
        self.attribute_orders_action = self.data_menu.addAction("")
        self.attribute_orders_action.setObjectName("attributeOrdersAction")
        self.attribute_orders_action.triggered.connect(self.open_attribute_orders)

    def _help_menu(self) -> None:
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.setObjectName("helpMenu")
        self.about_action = self.help_menu.addAction("")
        self.about_action.setObjectName("aboutAction")
        self.about_action.triggered.connect(self.open_about)

    def open_about(self) -> QWidget:
        from .about import show_about

        return show_about(self, self.ctx.store.path, self.ctx.errors.log_path or None)

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

    def open_import_orders(self) -> QWidget:
        from .exchange import ImportOrdersDialog

        dialog = ImportOrdersDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_attribute_orders(self) -> QWidget:
        from .attribute_orders import AttributeOrdersDialog

        dialog = AttributeOrdersDialog(self.ctx, self)
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
        except sqlite3.DatabaseError:  # damaged: said below, and by ui.store_safety
            pending = 0
        if self.ctx.errors.damaged is not None:
            self.status_pending.setText(self.tr("The data file is damaged: nothing is saved"))
            self.status_pending.setStyleSheet("color: #c0392b;")
        elif self.ctx.store.read_only:
            # Never "all changes saved" where nothing can be saved.
            self.status_pending.setText(self.tr("Read only: nothing can be saved"))
            self.status_pending.setStyleSheet("color: #8a4b00;")
        elif self.ctx.saves.failed():
            # Never "all changes saved" while something typed could not be saved.
            self.status_pending.setText(
                self.tr("Not saved: a field has a problem (what you typed is kept as a draft)")
            )
            self.status_pending.setStyleSheet("color: #c0392b;")
        else:
            self.status_pending.setText(
                self.tr("All changes saved on this computer; %1 waiting to sync").replace(
                    "%1", str(pending)
                )
            )
            self.status_pending.setStyleSheet("")
        self.status_store.setText(self.ctx.store.path)

    def retranslate(self) -> None:
        self.data_menu.setTitle(self.tr("&Data"))
        self.export_action.setText(self.tr("Export for head office…"))
        self.import_shops_action.setText(self.tr("Import shops…"))
        self.import_orders_action.setText(self.tr("Import cloud-store orders…"))
        self.attribute_orders_action.setText(self.tr("Orders not attributed…"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("About fieldapp"))
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

    def qsettings(self) -> QSettings:
        """The per-user settings (window state, language); tests pass their own."""
        given = self.ctx.extra.get("qsettings")
        return given if isinstance(given, QSettings) else QSettings()

    def closeEvent(self, event: QCloseEvent) -> None:
        window_state.save(self, self.qsettings())
        page = self.current_page() if self.stack.count() else None
        if page is not None and not self._saved_before_close(page):
            event.ignore()
            return
        self.ctx.runner.cancel_background()  # a warm-up or a store check: not worth a wait
        self.ctx.wait(10000)
        super().closeEvent(event)

    def _saved_before_close(self, page: Page) -> bool:
        """Save what is being edited; a save that fails never breaks closing (an error
        escaping closeEvent left the window open and its text lost): the person is told
        why and chooses to stay (the text stays on screen) or to close without it."""
        try:
            page.save()
            return True
        except Exception as exc:
            from .ask import ask
            from .errors import describe

            choice = ask(
                self,
                "closeUnsavedBox",
                self.tr("fieldapp"),
                self.tr("What you entered last could not be saved."),
                [
                    ("stay", self.tr("Keep the window open")),
                    ("close", self.tr("Close without saving it")),
                ],
                default="stay",
                escape="stay",
                details=describe(exc) or str(exc),
            )
            return choice == "close"
