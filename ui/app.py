"""Build the application's window around an open store (used by main.py, tests, benchmarks).

Threading: UI thread.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton, QToolButton, QWidget

from fieldapp.store import Store

from . import theme
from .context import AppContext, AppSignals
from .errors import ErrorPresenter
from .fonts import use_chinese_font
from .i18n import Translations
from .main_window import MainWindow
from .tasks import Task, TaskRunner

log = logging.getLogger(__name__)


def create_context(
    store: Store,
    *,
    runner: TaskRunner | None = None,
    errors: ErrorPresenter | None = None,
    today: Callable[[], date] | None = None,
    translations: Translations | None = None,
) -> AppContext:
    presenter = errors or ErrorPresenter()
    ctx = AppContext(
        store=store,
        runner=runner or TaskRunner(on_error=presenter.show),
        errors=presenter,
        signals=AppSignals(),
        # The lists' counts on a thread of their own (a given runner: the tests' own).
        reads=None if runner is not None else TaskRunner(on_error=presenter.show, threads=1),
    )
    if today is not None:
        ctx.today = today
    if store.path != ":memory:":
        path, user = store.path, store.user_id
        ctx.open_worker_store = lambda: Store.open(path, user_id=user)
    if translations is not None:
        ctx.extra["translations"] = translations
    return ctx


def create_window(ctx: AppContext, *, enter_clicks: bool = True) -> MainWindow:
    """The main window on its first page. ``enter_clicks=False`` leaves
    :class:`EnterClicks` to the caller (``install_enter_clicks`` once the window is
    painted, as main.py does): an application-wide Python event filter sees every event
    of the start-up, thousands of calls before the first paint."""
    from .pages import build_pages

    app = QApplication.instance()
    if isinstance(app, QApplication):
        use_chinese_font(app)  # before the widgets: they take the font when made
        theme.apply(app)  # palette, type scale and the one style sheet, before the widgets
    # Qt's own file dialog everywhere: it follows the interface language (qtbase's
    # translations and ui/qt_words.py), where a desktop's native one follows the system.
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    if enter_clicks:
        install_enter_clicks()
    window = MainWindow(ctx, build_pages(ctx))
    ctx.errors.parent = window
    return window


class EnterClicks(QObject):
    """Enter (or Return) on a focused push or tool button clicks it, as Space does.

    Qt clicks a focused button on Space only (and on Enter only in a dialog, for its
    default button): keyboard users press Enter. Installed once on the application.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(watched, QPushButton | QToolButton)
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and watched.hasFocus()
            and watched.isEnabled()
        ):
            if isinstance(watched, QPushButton) and watched.menu() is not None:
                watched.showMenu()
            else:
                watched.animateClick()
            return True
        return False


def install_enter_clicks() -> None:
    """Install :class:`EnterClicks` on the application, once."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and app.findChild(EnterClicks) is None:
        app.installEventFilter(EnterClicks(app))


def parent_of(widget: QWidget | None) -> QWidget | None:
    return widget.window() if widget is not None else None


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], object]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Once this paint is done, not inside it.
            QTimer.singleShot(0, self._run)
        return False

    def _run(self) -> None:
        self._callback()
        self.deleteLater()


#: What the first screen does not load but the next clicks will: the models and their
#: repositories (the first list page or save), sqlite-utils (the first write), the
#: pinyin dictionaries (the first Chinese name saved), the query modules of the list
#: pages and the HTTP client (sync). Plain Python, no Qt: safe to import on a worker.
WARM_MODULES: tuple[str, ...] = (
    "fieldapp.model",
    "fieldapp.store.repo",
    "sqlite_utils",
    "fieldapp.store.views_shops",
    "fieldapp.store.views_kocs",
    "fieldapp.store.views_events",
    "fieldapp.store.views_visits",
    "fieldapp.store.metrics",
    "fieldapp.store.replica",
    "pypinyin",
    "sync.client",
    "numpy",  # the map's pins (ui.widgets.map_view), 50-100 ms on the UI thread otherwise
)


def warm_up(ctx: AppContext, *, then: Callable[[], object] | None = None) -> Task:
    """Import :data:`WARM_MODULES` on a worker thread, then call ``then`` on the UI thread.

    Each import done here is one the UI thread does not stall on later (opening Shops
    the first time, the first save of a Chinese name, installing sync: 50-150 ms each).
    A module that fails to import is logged; ``then`` runs all the same.
    """

    def work(task: Task) -> None:
        for name in WARM_MODULES:
            task.check()
            importlib.import_module(name)
        from fieldapp.pinyin import search_keys

        search_keys("张伟")  # pypinyin reads its dictionaries on first use

    def done(_result: object = None) -> None:
        if then is not None:
            then()

    def failed(exc: BaseException, tb: str) -> None:
        log.warning("warm-up import failed: %s\n%s", exc, tb)
        done()

    return ctx.runner.run(work, on_done=done, on_error=failed, on_cancel=done, background=True)


def page_modules() -> tuple[str, ...]:
    """The pages' own modules (Qt code) and the spreadsheet dialogs', side-bar order."""
    from .pages import PAGES

    return (*dict.fromkeys(ref.module for ref in PAGES), "ui.exchange")


def import_in_turns(names: Sequence[str], *, then: Callable[[], object] | None = None) -> None:
    """Import ``names`` on the UI thread, one per turn of the event loop, then call
    ``then``. For Qt modules (a worker must not make Qt types): each is a few to 20 ms,
    so the UI never stalls on it, and a page's first open no longer imports it."""
    pending = [name for name in names if name not in sys.modules]

    def step() -> None:
        if not pending:
            if then is not None:
                then()
            return
        name = pending.pop(0)
        try:
            importlib.import_module(name)
        except Exception:  # its page will raise it again, where the user sees it
            log.exception("could not import %s ahead of time", name)
        QTimer.singleShot(0, step)

    QTimer.singleShot(0, step)


def after_first_paint(widget: QWidget, callback: Callable[[], object]) -> None:
    """Call ``callback`` once, when ``widget`` has been painted for the first time.

    For work the first screen does not need (the sync controller, which imports the
    HTTP client): done before the event loop starts, it would hold back the first paint.
    """
    _FirstPaint(widget, callback)
