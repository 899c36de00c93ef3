"""Updates in the desktop app: install a verified release at the start, look for new
ones in the background (the logic is ``updater``; this is its Qt side).

``apply_at_start`` runs in main.py once the store is open, before the window: a release
downloaded earlier replaces the app folder and the new version starts in this one's
place. When changes still wait to sync it says so first and the person chooses (they
are kept either way: the new version sends them; "Later" leaves it for the next start).
``UpdateChecker`` looks for a release a minute after the start and every six hours,
downloads and verifies it on a worker and says, in the status bar and the tray, that it
installs at the next start; a refused release is said too (never installed).
Threading: UI thread; checks and downloads run on the task runner's workers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from fieldapp import APP_NAME
from fieldapp.store import Store
from updater import apply
from updater.check import Updater, UpdateRefused
from updater.config import UpdateConfig, load

from .ask import ask
from .context import AppContext
from .tasks import Task

log = logging.getLogger("fieldapp.update")

#: Asks whether to install now though ``pending`` changes wait to sync; True: install.
AskInstall = Callable[[str, int], bool]


def waiting_changes(store: Store) -> int:
    """Changes not yet accepted by head office (waiting or being sent)."""
    return int(store.outbox.count(state="pending")) + int(store.outbox.count(state="sending"))


def ask_install(version: str, pending: int) -> bool:
    title = QCoreApplication.translate("Update", "Update fieldapp")
    text = (
        QCoreApplication.translate(
            "Update",
            "fieldapp %1 is ready to install. %2 changes on this computer have not reached"
            " head office yet: they are kept, and the new version sends them.",
        )
        .replace("%1", version)
        .replace("%2", str(pending))
    )
    choices = [
        ("install", QCoreApplication.translate("Update", "Install now")),
        ("later", QCoreApplication.translate("Update", "Later (sync first)")),
    ]
    return ask(None, "updateAskBox", title, text, choices, default="later") == "install"


def apply_at_start(
    store: Store,
    args: list[str],
    *,
    config: UpdateConfig | None = None,
    ask_user: AskInstall = ask_install,
    relaunch: Callable[[Path, list[str]], None] = apply.relaunch,
) -> str:
    """Install the release waiting from an earlier download, if any, and start it.

    Returns "none" (nothing waits), "later" (the person chose to sync first),
    "started" (the new version runs: end this process), or "failed" (this version goes
    on; ``store`` was closed and must be opened again)."""
    config = config or load()
    if config is None:
        return "none"
    apply.remove_previous(config)
    found = apply.ready(config)
    if found is None:
        return "none"
    pending = 0 if store.read_only else waiting_changes(store)
    if pending and not ask_user(found.version, pending):
        log.info("update %s left for later: %s changes wait to sync", found.version, pending)
        return "later"
    log.info("installing update %s (%s changes waiting to sync)", found.version, pending)
    store.close()
    try:
        app = apply.install(found, config)
    except OSError:
        log.exception("could not install update %s; this version goes on", found.version)
        return "failed"
    relaunch(apply.executable(app, APP_NAME), args)
    return "started"


def refusal_text(code: str) -> str:
    words = {
        "unreachable": QCoreApplication.translate("Update", "the update server cannot be reached"),
        "expired": QCoreApplication.translate("Update", "its signature has expired"),
        "unsigned": QCoreApplication.translate("Update", "it is not signed by head office"),
        "rollback": QCoreApplication.translate("Update", "it is older than one seen before"),
        "tampered": QCoreApplication.translate("Update", "the download was changed on the way"),
    }
    return words.get(code, QCoreApplication.translate("Update", "it is not valid"))


class UpdateChecker(QObject):
    """Looks for, downloads and verifies releases; says what it found."""

    #: Something to say (plain words), e.g. for the tray.
    told = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        config: UpdateConfig,
        *,
        parent: QObject | None = None,
        first_ms: int = 60_000,
        every_ms: int = 6 * 3600 * 1000,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.config = config
        self.state = "idle"  # idle, checking, ready, current, refused
        self.version: str | None = None
        self.refused: str | None = None
        self.label = QLabel()
        self.label.setObjectName("updateStatus")
        self.label.hide()
        self._busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(every_ms)
        self.timer.timeout.connect(self.check_now)
        self.timer.start()
        if first_ms >= 0:
            QTimer.singleShot(first_ms, self, self.check_now)

    def check_now(self) -> None:
        if self._busy or self.state == "ready":
            return
        self._busy = True
        self.state = "checking"
        config = self.config

        def work(_task: Task) -> str | None:
            updater = Updater(config)
            if updater.check() is None:
                return None
            updater.download()
            found = apply.ready(config)
            return None if found is None else found.version

        self.ctx.runner.run(work, on_done=self._done, on_error=self._failed, background=True)

    def _done(self, version: str | None) -> None:
        self._busy = False
        if version is None:
            self.state = "current"
            return
        self.state, self.version, self.refused = "ready", version, None
        self._say(
            QCoreApplication.translate(
                "Update", "fieldapp %1 was downloaded and checked; it installs at the next start."
            ).replace("%1", version)
        )

    def _failed(self, exc: BaseException, tb: str) -> None:
        self._busy = False
        if not isinstance(exc, UpdateRefused):
            log.error("update check failed: %s\n%s", exc, tb)
            self.state = "idle"
            return
        log.warning("update refused: %s", exc)
        self.state, self.refused = "refused", exc.code
        if exc.code == "unreachable":  # offline is usual for a rep: not worth a word
            self.label.hide()
            return
        self._say(
            QCoreApplication.translate("Update", "An update was refused: %1.").replace(
                "%1", refusal_text(exc.code)
            )
        )

    def _say(self, text: str) -> None:
        self.label.setText(text)
        self.label.setVisible(True)
        self.told.emit(text)


def install(
    ctx: AppContext, window: QWidget, *, notify: Callable[[str, str], None] | None = None
) -> UpdateChecker | None:
    """The background checker in ``window``'s status bar (and ``notify``, e.g. the
    tray); None when this app has no update source (run from source, or packaged
    without one)."""
    config = load()
    if config is None:
        return None
    checker = UpdateChecker(ctx, config, parent=window)
    add = getattr(window, "add_status_widget", None)
    if add is not None:
        add(checker.label)
    if notify is not None:
        checker.told.connect(
            lambda text: notify(QCoreApplication.translate("Update", "fieldapp update"), text)
        )
    return checker


__all__ = ["UpdateChecker", "apply_at_start", "install"]
