"""The tray icon: sync state at a glance (the icon set's sync icon in the state's
colour), "Sync now" and "Open" in its menu, and a notification when sync has failed for
longer than a setting or a supervisor returned a visit.

``SyncWatch`` (plain Python) decides when to tell: a failure is told once, when it has
lasted ``tray.sync_failed_minutes`` (a store setting, default 120) and until a sync
works again; returned visits are told when a sync brings ones not seen before (those
already returned when the app started are on Today, not news). ``TrayIcon`` draws the
state, keeps the tooltip and menu in the interface language and shows the messages.
Threading: UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from fieldapp.store import views_today

from . import icons, theme
from .context import AppContext
from .sync_ui import SyncController, state_words

#: Store setting: minutes of failing sync before the tray says so.
FAILED_AFTER_KEY = "tray.sync_failed_minutes"
DEFAULT_FAILED_AFTER = 120
FAILING = frozenset({"offline", "error", "login"})

#: Sync state → the state colour of the tray's sync icon (ui.theme; the status bar's
#: words say the same).
COLOURS = {
    "ok": theme.STATES["done"].fg,
    "syncing": theme.ACCENT,
    "offline": theme.STATES["returned"].fg,
    "error": theme.ERROR,
    "login": theme.ERROR,
}
IDLE_COLOUR = theme.STATES["neutral"].fg


class SyncWatch:
    """When the tray should speak up. No Qt: ``now`` is injectable."""

    def __init__(self, failed_after: timedelta, now: Callable[[], datetime]) -> None:
        self.failed_after = failed_after
        self.now = now
        self.failing_since: datetime | None = None
        self._told_failure = False
        self._seen_returned: set[str] | None = None

    def state(self, state: str) -> bool:
        """Note a sync state; True when the failure notice is due now."""
        if state in FAILING:
            if self.failing_since is None:
                self.failing_since = self.now()
        elif state in ("ok", "idle", "no_server"):
            self.failing_since = None
            self._told_failure = False
        return self.tick()

    def tick(self) -> bool:
        """True once per failure, when it has lasted ``failed_after``."""
        if self.failing_since is None or self._told_failure:
            return False
        if self.now() - self.failing_since >= self.failed_after:
            self._told_failure = True
            return True
        return False

    def returned(self, visit_ids: set[str]) -> set[str]:
        """The returned visits not seen before (none the first time: the baseline)."""
        if self._seen_returned is None:
            self._seen_returned = set(visit_ids)
            return set()
        new = visit_ids - self._seen_returned
        self._seen_returned |= visit_ids
        return new


def state_colour(state: str) -> str:
    return COLOURS.get(state, IDLE_COLOUR)


class TrayIcon(QObject):
    """The tray icon of ``window``, following ``controller``'s sync state."""

    def __init__(
        self,
        ctx: AppContext,
        controller: SyncController,
        window: QWidget,
        *,
        now: Callable[[], datetime] | None = None,
        check_ms: int = 60_000,
    ) -> None:
        super().__init__(window)
        self.setObjectName("tray")
        self.ctx = ctx
        self.controller = controller
        self.window = window
        minutes = ctx.store.get_setting(FAILED_AFTER_KEY, DEFAULT_FAILED_AFTER)
        if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 1:
            minutes = DEFAULT_FAILED_AFTER
        self.watch = SyncWatch(timedelta(minutes=minutes), now or ctx.store.now)
        #: The last notification shown: (title, text).
        self.last_message: tuple[str, str] | None = None

        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.sync_action = QAction(self)
        self.sync_action.setObjectName("traySyncNow")
        self.sync_action.setIcon(icons.icon("sync"))
        self.sync_action.triggered.connect(controller.sync_now)
        self.open_action = QAction(self)
        self.open_action.setObjectName("trayOpen")
        self.open_action.triggered.connect(self.open_window)
        self.menu.addAction(self.open_action)
        self.menu.addAction(self.sync_action)

        self.icon = QSystemTrayIcon(self)
        self.icon.setObjectName("trayIcon")
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self.open_window)

        controller.state_changed.connect(self._state_changed)
        controller.synced.connect(lambda _report: self.check_returned())
        ctx.signals.changed.connect(lambda _table: self.refresh())
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        window.installEventFilter(self)
        self.check_returned()  # the baseline
        self.retranslate()
        self._state_changed(controller.state)
        self.icon.show()

    # ------------------------------------------------------------------ state

    def _state_changed(self, state: str) -> None:
        self.colour = state_colour(state)
        self.icon.setIcon(icons.icon("sync", self.colour))
        self.refresh()
        if self.watch.state(state):
            self._tell_failure()

    def _tick(self) -> None:
        if self.watch.tick():
            self._tell_failure()

    def refresh(self) -> None:
        """The tooltip: the state in words and what waits to sync."""
        try:
            pending = self.controller.pending_count()
        except Exception:  # a closed or damaged store: the status bar says why
            pending = 0
        self.icon.setToolTip(
            "fieldapp — "
            + state_words(self.controller.state)
            + "\n"
            + QCoreApplication.translate("Tray", "Waiting to sync: %1").replace("%1", str(pending))
        )
        self.sync_action.setEnabled(not self.controller.busy())

    def check_returned(self) -> None:
        """After a sync: tell about visits a supervisor returned since the last look."""
        rows = views_today.returned_visits(self.ctx.store.db, rep_id=self.ctx.store.user_id)
        new = self.watch.returned({r.visit_id for r in rows})
        if not new:
            return
        names = [r.shop_name for r in rows if r.visit_id in new][:3]
        self.notify(
            QCoreApplication.translate("Tray", "Visits returned: %1").replace("%1", str(len(new))),
            QCoreApplication.translate(
                "Tray", "Your supervisor returned visits to fix: %1. See Today."
            ).replace("%1", "、".join(names)),
        )

    def _tell_failure(self) -> None:
        since = self.watch.failing_since
        hours = 0 if since is None else int((self.watch.now() - since).total_seconds() // 3600)
        text = self.controller.message or QCoreApplication.translate(
            "Tray", "Sync has not worked for a while."
        )
        self.notify(
            QCoreApplication.translate("Tray", "Sync has failed for %1 h").replace(
                "%1", str(max(hours, 1))
            ),
            text
            + " "
            + QCoreApplication.translate("Tray", "Your changes are kept on this computer."),
        )

    def notify(self, title: str, text: str) -> None:
        self.last_message = (title, text)
        self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 15000)

    # ------------------------------------------------------------------ menu

    def open_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_window()

    def retranslate(self) -> None:
        self.sync_action.setText(QCoreApplication.translate("Tray", "Sync now"))
        self.open_action.setText(QCoreApplication.translate("Tray", "Open fieldapp"))
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def close(self) -> None:
        self.timer.stop()
        self.icon.hide()


def install(ctx: AppContext, controller: SyncController, window: QWidget) -> TrayIcon:
    """The tray icon for ``window`` (where the desktop has a tray, it shows)."""
    return TrayIcon(ctx, controller, window)
