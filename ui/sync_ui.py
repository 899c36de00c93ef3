"""Sync in the desktop app: the controller, the status-bar widget and the login dialog.

``SyncController`` owns the "Sync now" action, syncs every few minutes (``QTimer``)
and when the server can be reached again (``/healthz`` probed on a worker, with
backoff), runs ``SyncClient.sync()`` on the ``TaskRunner`` with its own store from
``ctx.open_worker_store()`` (a connection belongs to its thread), and tells every page
to refresh after a successful sync. ``SyncStatusWidget`` shows what is waiting, the last
successful sync, the current state in plain words, and a "Sync now" button.
``LoginDialog`` logs the device in on a worker and shows errors next to the fields.
A revoked device is told so, is offered its unsynced changes as a file sealed for head
office, then its local data is wiped (``wipe_local_data``).
Threading: UI thread; work functions run on the task runner's threads and never
touch a widget.
"""

from __future__ import annotations

import contextlib
import logging
import platform
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import requests
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.store import Store
from fieldapp.store.replica import SYNCED_TABLES
from sync.client import (
    AuthError,
    Cancelled,
    ConflictError,
    NetworkError,
    ProtocolError,
    SchemaError,
    ServerError,
    SyncClient,
    SyncError,
    SyncReport,
    ThrottledError,
)

from .clock import datetime_text
from .context import AppContext
from .tasks import Cancelled as TaskCancelled, Task

log = logging.getLogger("fieldapp.sync")

ClientFactory = Callable[[Store, str], SyncClient]

#: AuthError codes after which logging in again helps.
RELOGIN_CODES = frozenset(
    {"token_expired", "invalid_token", "not_logged_in", "unauthorized", "http_401"}
)

ERROR_STYLE = "color: #c0392b;"
MUTED_STYLE = "color: #5f6b7a;"


def default_client(store: Store, server_url: str) -> SyncClient:
    return SyncClient(store, server_url, device_name=platform.node())


# --------------------------------------------------------------------------- words


def sync_error_text(exc: BaseException) -> str:
    """Plain words for a sync failure, in the current language."""
    if isinstance(exc, SyncError) and exc.code == "device_pending":
        return QCoreApplication.translate(
            "SyncWords",
            "This computer waits for head office's approval. Ask head office to approve it,"
            " then log in again.",
        )
    if isinstance(exc, AuthError):
        if exc.code == "account_disabled":
            return QCoreApplication.translate(
                "SyncWords",
                "Head office has deactivated this account. What is on this computer stays.",
            )
        if exc.code == "device_revoked":
            return QCoreApplication.translate(
                "SyncWords",
                "Head office has removed this computer from your account."
                " The data on it will be deleted.",
            )
        if exc.code == "invalid_credentials":
            return QCoreApplication.translate("SyncWords", "Wrong user name or password.")
        return QCoreApplication.translate("SyncWords", "Please log in again.")
    if isinstance(exc, ThrottledError):
        return throttled_text(exc)
    if isinstance(exc, NetworkError):
        return QCoreApplication.translate(
            "SyncWords",
            "Offline: the server cannot be reached. Your changes are kept on this"
            " computer and will sync later.",
        )
    if isinstance(exc, ServerError):
        return QCoreApplication.translate(
            "SyncWords", "The server has a problem right now. Sync will try again later."
        )
    if isinstance(exc, SchemaError):
        return QCoreApplication.translate(
            "SyncWords", "This app does not match the server's version. Please update it."
        )
    if isinstance(exc, ConflictError):
        if exc.code == "device_in_use":
            return QCoreApplication.translate(
                "SyncWords", "This computer is already registered to another user."
            )
        return QCoreApplication.translate("SyncWords", "The server refused the request.")
    if isinstance(exc, ProtocolError):
        return QCoreApplication.translate(
            "SyncWords", "The server's answer could not be understood. Nothing was changed."
        )
    if isinstance(exc, Cancelled):
        return QCoreApplication.translate("SyncWords", "Sync was stopped.")
    if isinstance(exc, SyncError):
        return QCoreApplication.translate(
            "SyncWords", "Sync failed. Your changes are kept on this computer."
        )
    return QCoreApplication.translate(
        "SyncWords", "Sync failed because of an unexpected error. Nothing you saved is lost."
    )


def throttled_text(exc: ThrottledError) -> str:
    """The wait after too many failed logins, in whole minutes once it is a minute or more."""
    minutes = str(-(-exc.retry_after // 60))
    if exc.code == "account_locked":
        return QCoreApplication.translate(
            "SyncWords",
            "Too many failed logins: this account is locked. Try again in %1 min,"
            " or ask head office to unlock it.",
        ).replace("%1", minutes)
    if exc.retry_after >= 60:
        return QCoreApplication.translate(
            "SyncWords", "Too many login attempts. Try again in %1 min."
        ).replace("%1", minutes)
    return QCoreApplication.translate(
        "SyncWords", "Too many login attempts. Try again in %1 s."
    ).replace("%1", str(exc.retry_after))


def local_time_text(stored: str | None) -> str:
    """A stored UTC time as business-local ``YYYY-MM-DD HH:MM`` ('—' when unset)."""
    if not stored:
        return "—"
    try:
        value = datetime.fromisoformat(stored.replace("Z", "+00:00"))
    except ValueError:
        return stored
    return datetime_text(value)


# --------------------------------------------------------------------------- wipe


def wipe_local_data(store: Store) -> list[Path]:
    """Close ``store`` and delete its file (with WAL/SHM) and its photo folder.

    Returns what was deleted. Only for a revoked device, after the user was told.
    """
    if store.path == ":memory:":
        store.close()
        return []
    path = Path(store.path)
    photos = Path(store.photos_dir)
    store.close()
    gone: list[Path] = []
    for p in (path, Path(str(path) + "-wal"), Path(str(path) + "-shm")):
        if p.exists():
            p.unlink()
            gone.append(p)
    if photos.is_dir():
        shutil.rmtree(photos)
        gone.append(photos)
    return gone


# --------------------------------------------------------------------------- controller


class SyncController(QObject):
    """Runs sync off the UI thread: on demand, on a timer, and when the network returns."""

    #: The state changed: "idle", "syncing", "ok", "offline", "error", "login", "no_server".
    state_changed = Signal(str)
    #: While syncing: stage ("photos", "push", "pull", "verify"), done, total (-1: unknown).
    progress = Signal(str, int, int)
    #: A login made another user this device's user (their pages may differ).
    user_changed = Signal()
    #: A sync finished successfully (the report).
    synced = Signal(object)
    #: The device's data was wiped (revoked device); the app should quit.
    wiped = Signal()

    def __init__(
        self,
        ctx: AppContext,
        *,
        parent: QObject | None = None,
        client_factory: ClientFactory = default_client,
        interval_ms: int = 5 * 60 * 1000,
        probe_ms: int = 15 * 1000,
        probe_max_ms: int = 5 * 60 * 1000,
        dialog_parent: QWidget | None = None,
        confirm_wipe: Callable[[str], None] | None = None,
        ask_login: Callable[[], None] | None = None,
        show_blocked: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_factory = client_factory
        self.dialog_parent = dialog_parent
        self.state = "idle"
        self.message = ""
        self.last_report: SyncReport | None = None
        #: The tray icon showing this controller's state (ui.tray), once installed.
        self.tray: Any = None
        self._busy = False
        self._probing = False
        self._task: Task | None = None
        self._client: SyncClient | None = None
        self._confirm_wipe = confirm_wipe or self._show_wipe_message
        self._ask_login = ask_login or self.show_login
        self._show_blocked = show_blocked or self._blocked_box
        self.probe_ms = probe_ms
        self.probe_max_ms = probe_max_ms
        self._probe_delay = probe_ms

        self.action = QAction(self)
        self.action.setObjectName("syncNowAction")
        self.action.setShortcut("F5")
        self.action.triggered.connect(self.sync_now)

        self.timer = QTimer(self)
        self.timer.setObjectName("syncTimer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._auto_sync)
        self.probe_timer = QTimer(self)
        self.probe_timer.setSingleShot(True)
        self.probe_timer.timeout.connect(self.probe)
        self.retranslate()

    # ------------------------------------------------------------------ control

    def start(self) -> None:
        """Start automatic sync (and sync once now if a server is set up)."""
        self.timer.start()
        if self.server_url():
            self.sync_now()
        else:
            self._set_state("no_server")

    def stop(self) -> None:
        self.timer.stop()
        self.probe_timer.stop()
        if self._client is not None:
            self._client.cancel()

    def set_interval(self, msecs: int) -> None:
        self.timer.setInterval(msecs)

    def server_url(self) -> str | None:
        return self.ctx.store.replica.server_url()

    def pending_count(self) -> int:
        return self.ctx.store.outbox.count(state="pending")

    def busy(self) -> bool:
        return self._busy

    def retranslate(self) -> None:
        self.action.setText(QCoreApplication.translate("SyncController", "Sync now"))

    # ------------------------------------------------------------------ sync

    def _auto_sync(self) -> None:
        if self.server_url() and self.state not in ("login", "offline"):
            self.sync_now()

    def sync_now(self) -> None:
        if self._busy:
            return
        url = self.server_url()
        if not url:
            self._set_state("no_server")
            self._ask_login()
            return
        if self.ctx.open_worker_store is None:
            raise RuntimeError("sync needs a store file (no worker store for :memory:)")
        self._busy = True
        self.probe_timer.stop()
        self._set_state("syncing")
        open_store = self.ctx.open_worker_store
        user_id = self.ctx.store.user_id
        factory = self.client_factory

        def work(task: Task) -> SyncReport:
            store = open_store()
            try:
                store.user_id = user_id
                client = factory(store, url)
                client.progress = lambda stage, done, total: task.progress(
                    done, -1 if total is None else total, stage
                )
                self._client = client
                if task.cancelled:
                    client.cancel()
                try:
                    return client.sync()
                except TaskCancelled as exc:
                    # Stopped through the task's flag (seen when progress is reported)
                    # before the client's own: the same stop, reported the same way. The
                    # task runner drops its own Cancelled, which would leave us "syncing".
                    raise Cancelled() from exc
            finally:
                self._client = None
                store.close()

        self._task = self.ctx.runner.run(
            work,
            on_done=self._sync_done,
            on_error=self._sync_failed,
            on_progress=lambda done, total, stage: self.progress.emit(stage, done, total),
        )

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
        if self._client is not None:
            self._client.cancel()

    def _sync_done(self, report: SyncReport) -> None:
        self._busy = False
        self._task = None
        self.last_report = report
        self._probe_delay = self.probe_ms
        self._set_state("ok" if report.verified else "error")
        self.ctx.notify(*SYNCED_TABLES, "outbox")
        self.synced.emit(report)

    def _sync_failed(self, exc: BaseException, tb: str) -> None:
        self._busy = False
        self._task = None
        self.message = sync_error_text(exc)
        if isinstance(exc, AuthError) and exc.code == "device_revoked":
            self._set_state("error")
            self.revoked()
            return
        if (isinstance(exc, AuthError) and exc.code == "account_disabled") or (
            isinstance(exc, SyncError) and exc.code == "device_pending"
        ):
            # Logging in again would not help: stop trying on a timer (Sync now still
            # tries), say what happens to the changes made here, offer them as a file.
            self._set_state("error")
            self.stop()
            self.ctx.notify("outbox")
            self._show_blocked(self.message)
            return
        if isinstance(exc, AuthError):
            self._set_state("login")
            self._ask_login()
            return
        if isinstance(exc, NetworkError):
            self._set_state("offline")
            self._schedule_probe()
            return
        if isinstance(exc, Cancelled):  # the user stopped it: no problem to report
            self._set_state("idle")
            self.ctx.notify("outbox")
            return
        if not isinstance(exc, SyncError):
            log.error("sync failed unexpectedly: %s\n%s", exc, tb)
        self._set_state("error")
        self.ctx.notify("outbox")  # rejected/answered mutations may have changed

    # ------------------------------------------------------------------ connectivity

    def _schedule_probe(self) -> None:
        self.probe_timer.start(self._probe_delay)
        self._probe_delay = min(self._probe_delay * 2, self.probe_max_ms)

    def probe(self) -> None:
        """Ask the server's /healthz on a worker; sync when it answers."""
        url = self.server_url()
        if not url or self._probing or self._busy:
            return
        self._probing = True

        def work(_task: Task) -> bool:
            try:
                r = requests.get(url.rstrip("/") + "/healthz", timeout=(3, 5))
            except requests.RequestException:
                return False
            return r.status_code < 500

        def done(reachable: bool) -> None:
            self._probing = False
            if reachable:
                self._probe_delay = self.probe_ms
                self.sync_now()
            else:
                self._schedule_probe()

        def failed(_exc: BaseException, _tb: str) -> None:
            self._probing = False
            self._schedule_probe()

        self.ctx.runner.run(work, on_done=done, on_error=failed)

    # ------------------------------------------------------------------ auth

    def show_login(self) -> None:
        dialog = LoginDialog(
            self.ctx, client_factory=self.client_factory, parent=self.dialog_parent
        )
        if dialog.exec():
            self.logged_in()

    def logged_in(self) -> None:
        """After a successful login: the window shows the user's pages; sync at once."""
        self._set_state("idle")
        self.user_changed.emit()
        self.sync_now()

    def revoked(self) -> None:
        """The device was revoked: tell the user (no way around it), offer the unsynced
        changes as a sealed file, then wipe."""
        self.stop()
        self._confirm_wipe(self.message)
        self.ctx.wait(10000)
        store = self.ctx.store
        with contextlib.suppress(Exception):
            url = self.server_url()
            if url:
                self.client_factory(store, url).logout()
        wipe_local_data(store)
        self.wiped.emit()

    def _blocked_box(self, text: str) -> None:
        from .unsynced_box import show_blocked

        show_blocked(self.dialog_parent, text, self.ctx.store)

    def _show_wipe_message(self, text: str) -> None:
        """Say the computer was removed and, before anything is deleted, offer its
        unsynced changes as a file sealed for head office (``ui.unsynced_box``)."""
        from .unsynced_box import ask_revoked

        token = None
        with contextlib.suppress(Exception):
            url = self.server_url()
            if url:
                client = self.client_factory(self.ctx.store, url)
                token = client.token_store.get(client.token_key)
        ask_revoked(self.dialog_parent, text, self.ctx.store, token)

    # ------------------------------------------------------------------ state

    def _set_state(self, state: str) -> None:
        self.state = state
        if state in ("ok", "syncing", "idle"):
            self.message = ""
        self.state_changed.emit(state)


# --------------------------------------------------------------------------- status widget


def state_words(state: str) -> str:
    """A sync state in plain words (the status bar, the tray icon)."""
    if state == "syncing":
        return QCoreApplication.translate("SyncStatus", "Syncing…")
    if state == "ok":
        return QCoreApplication.translate("SyncStatus", "Synced")
    if state == "offline":
        return QCoreApplication.translate("SyncStatus", "Offline")
    if state == "login":
        return QCoreApplication.translate("SyncStatus", "Log in to sync")
    if state == "no_server":
        return QCoreApplication.translate("SyncStatus", "Not connected to head office")
    if state == "error":
        return QCoreApplication.translate("SyncStatus", "Sync problem")
    return QCoreApplication.translate("SyncStatus", "Ready to sync")


class SyncStatusWidget(QWidget):
    """For the status bar: state, waiting changes, last sync, and a "Sync now" button."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("syncStatus")
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.setSpacing(12)
        self.state_label = QLabel()
        self.state_label.setObjectName("syncState")
        self.pending_label = QLabel()
        self.pending_label.setObjectName("syncPending")
        self.last_label = QLabel()
        self.last_label.setObjectName("lastSync")
        self.last_label.setStyleSheet(MUTED_STYLE)
        # Values head office sent that this device could not read (an older server let
        # them in): the rows were mended, the originals kept aside (``fieldapp check``).
        self.unreadable_label = QLabel()
        self.unreadable_label.setObjectName("syncUnreadable")
        self.unreadable_label.setStyleSheet(ERROR_STYLE)
        self.button = QPushButton()
        self.button.setObjectName("syncNow")
        self.button.clicked.connect(controller.sync_now)
        self.bar = QProgressBar()
        self.bar.setObjectName("syncProgress")
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("syncCancel")
        self.cancel_button.clicked.connect(controller.cancel)
        widgets = (
            self.state_label,
            self.bar,
            self.cancel_button,
            self.pending_label,
            self.unreadable_label,
            self.last_label,
            self.button,
        )
        for w in widgets:
            row.addWidget(w)
        controller.state_changed.connect(lambda _s: self.refresh())
        controller.progress.connect(self.show_progress)
        controller.ctx.signals.changed.connect(lambda _t: self.refresh())
        self.retranslate()

    def state_text(self) -> str:
        return state_words(self.controller.state)

    def refresh(self) -> None:
        c = self.controller
        try:
            pending = c.pending_count()
            last = c.ctx.store.replica.last_sync_at()
            unreadable = c.ctx.store.replica.quarantine_count()
        except Exception:  # the store was closed (wiped) under a living window
            return
        state = c.state
        self.state_label.setText(self.state_text())
        self.state_label.setStyleSheet(
            ERROR_STYLE if state in ("offline", "error", "login") else ""
        )
        self.state_label.setToolTip(c.message)
        self.setToolTip(c.message)
        self.pending_label.setText(
            QCoreApplication.translate("SyncStatus", "Waiting to sync: %1").replace(
                "%1", str(pending)
            )
        )
        self.unreadable_label.setText(
            QCoreApplication.translate("SyncStatus", "Unreadable values kept aside: %1").replace(
                "%1", str(unreadable)
            )
        )
        self.unreadable_label.setToolTip(
            QCoreApplication.translate(
                "SyncStatus",
                "Head office sent values this computer cannot read. The rows were kept"
                " readable and the original values set aside; see: fieldapp check",
            )
        )
        self.unreadable_label.setVisible(unreadable > 0)
        self.last_label.setText(
            QCoreApplication.translate("SyncStatus", "Last sync: %1").replace(
                "%1", local_time_text(last)
            )
            if last
            else QCoreApplication.translate("SyncStatus", "Never synced")
        )
        self.button.setEnabled(state != "syncing")
        self.bar.setVisible(state == "syncing")
        self.cancel_button.setVisible(state == "syncing")
        if state != "syncing":
            self.bar.setRange(0, 0)

    def show_progress(self, stage: str, done: int, total: int) -> None:
        """A stage's progress: a count where the total is known, else a busy bar."""
        words = {
            "photos": QCoreApplication.translate("SyncStatus", "Sending photos"),
            "push": QCoreApplication.translate("SyncStatus", "Sending changes"),
            "pull": QCoreApplication.translate("SyncStatus", "Receiving changes"),
            "verify": QCoreApplication.translate("SyncStatus", "Checking"),
        }
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.bar.setFormat("%v/%m")  # the stage's words are in the label beside it
        else:
            self.bar.setRange(0, 0)  # busy: the server does not say how much is left
        self.bar.setToolTip(f"{words.get(stage, stage)}: {done}")
        self.state_label.setText(words.get(stage, stage) + "…")

    def retranslate(self) -> None:
        self.cancel_button.setText(QCoreApplication.translate("SyncStatus", "Stop"))
        self.cancel_button.setToolTip(
            QCoreApplication.translate(
                "SyncStatus", "Stop syncing; what was sent or received so far is kept"
            )
        )
        self.button.setText(QCoreApplication.translate("SyncStatus", "Sync now"))
        self.controller.retranslate()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


# --------------------------------------------------------------------------- login


class LoginDialog(QDialog):
    """Server address, user name and password; logs in on a worker."""

    #: Login succeeded: the server's user object.
    logged_in = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        *,
        client_factory: ClientFactory = default_client,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_factory = client_factory
        self.user: dict[str, Any] | None = None
        self.setObjectName("loginDialog")
        self.setMinimumWidth(420)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.url = QLineEdit(ctx.store.replica.server_url() or "")
        self.url.setObjectName("serverUrl")
        self.url.setPlaceholderText("https://hq.example.cn")
        self.username = QLineEdit()
        self.username.setObjectName("userName")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.url_error = self._error_label("serverUrlError")
        self.user_error = self._error_label("userNameError")
        self.password_error = self._error_label("passwordError")
        self.general_error = self._error_label("loginError")

        self.form = QFormLayout()
        self._url_label, self._user_label, self._password_label = QLabel(), QLabel(), QLabel()
        for label, edit, error in (
            (self._url_label, self.url, self.url_error),
            (self._user_label, self.username, self.user_error),
            (self._password_label, self.password, self.password_error),
        ):
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(edit)
            box.addWidget(error)
            self.form.addRow(label, box)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.retranslate()
        (self.username if self.url.text() else self.url).setFocus()

    def _error_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        return label

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("LoginDialog", "Log in to head office"))
        self.intro.setText(
            QCoreApplication.translate(
                "LoginDialog", "Log in once so this computer can sync with head office."
            )
        )
        self._url_label.setText(QCoreApplication.translate("LoginDialog", "Server address"))
        self._user_label.setText(QCoreApplication.translate("LoginDialog", "User name"))
        self._password_label.setText(QCoreApplication.translate("LoginDialog", "Password"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(QCoreApplication.translate("LoginDialog", "Log in"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_error(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def _clear_errors(self) -> None:
        for label in (self.url_error, self.user_error, self.password_error, self.general_error):
            self._show_error(label, "")

    def submit(self) -> None:
        self._clear_errors()
        url = self.url.text().strip().rstrip("/")
        user = self.username.text().strip()
        password = self.password.text()
        missing = False
        if not url.startswith(("http://", "https://")):
            self._show_error(
                self.url_error,
                QCoreApplication.translate(
                    "LoginDialog", "Enter the address head office gave you, starting with https://"
                ),
            )
            missing = True
        if not user:
            self._show_error(
                self.user_error, QCoreApplication.translate("LoginDialog", "Enter your user name.")
            )
            missing = True
        if not password:
            self._show_error(
                self.password_error,
                QCoreApplication.translate("LoginDialog", "Enter your password."),
            )
            missing = True
        if missing or self.ctx.open_worker_store is None:
            return
        self.buttons.setEnabled(False)
        open_store = self.ctx.open_worker_store
        factory = self.client_factory

        def work(_task: Task) -> dict[str, Any]:
            store = open_store()
            try:
                return factory(store, url).login(user, password)
            finally:
                store.close()

        self.ctx.runner.run(work, on_done=self._done, on_error=self._failed)

    def _done(self, user: dict[str, Any]) -> None:
        self.buttons.setEnabled(True)
        self.user = user
        self.ctx.store.user_id = str(user["id"])  # the worker stored it in the file
        self.logged_in.emit(user)
        self.accept()

    def _failed(self, exc: BaseException, tb: str) -> None:
        self.buttons.setEnabled(True)
        text = sync_error_text(exc)
        if isinstance(exc, AuthError) and exc.code == "invalid_credentials":
            self._show_error(self.password_error, text)
            self.password.selectAll()
            self.password.setFocus()
        elif isinstance(exc, NetworkError):
            self._show_error(
                self.url_error,
                QCoreApplication.translate(
                    "LoginDialog",
                    "The server cannot be reached. Check the address and the network.",
                ),
            )
        elif isinstance(exc, ThrottledError):
            # The server would refuse a try before the wait is over: no button till then.
            self._show_error(self.general_error, text)
            self.buttons.setEnabled(False)
            QTimer.singleShot(exc.retry_after * 1000, self, self._wait_over)
        elif isinstance(exc, ConflictError):
            self._show_error(self.user_error, text)
        else:
            if not isinstance(exc, SyncError):
                log.error("login failed unexpectedly: %s\n%s", exc, tb)
            self._show_error(self.general_error, text)

    def _wait_over(self) -> None:
        self.buttons.setEnabled(True)
        self._show_error(self.general_error, "")


def install(ctx: AppContext, window: Any, **kw: Any) -> SyncController:
    """Create the controller and put its status widget into ``window``'s status bar."""
    controller = SyncController(ctx, parent=window, dialog_parent=window, **kw)
    window.addAction(controller.action)
    window.add_status_widget(SyncStatusWidget(controller))
    controller.wiped.connect(QApplication.quit)
    from .tray import install as install_tray

    controller.tray = install_tray(ctx, controller, window)
    if hasattr(window, "set_pages"):
        from .pages import build_pages

        controller.user_changed.connect(lambda: window.set_pages(build_pages(ctx)))
    controller.start()
    return controller
