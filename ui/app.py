"""Build the application's window around an open store (used by main.py, tests, benchmarks).

Threading: UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from fieldapp.store import Store

from .context import AppContext, AppSignals
from .errors import ErrorPresenter
from .fonts import use_chinese_font
from .i18n import Translations
from .main_window import MainWindow
from .tasks import TaskRunner


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
    )
    if today is not None:
        ctx.today = today
    if store.path != ":memory:":
        path, user = store.path, store.user_id
        ctx.open_worker_store = lambda: Store.open(path, user_id=user)
    if translations is not None:
        ctx.extra["translations"] = translations
    return ctx


def create_window(ctx: AppContext) -> MainWindow:
    from .pages import build_pages

    app = QApplication.instance()
    if isinstance(app, QApplication):
        use_chinese_font(app)  # before the widgets: they take the font when made
    window = MainWindow(ctx, build_pages(ctx))
    ctx.errors.parent = window
    return window


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


def after_first_paint(widget: QWidget, callback: Callable[[], object]) -> None:
    """Call ``callback`` once, when ``widget`` has been painted for the first time.

    For work the first screen does not need (the sync controller, which imports the
    HTTP client): done before the event loop starts, it would hold back the first paint.
    """
    _FirstPaint(widget, callback)
