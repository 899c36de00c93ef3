"""One place that turns errors into plain words for a person.

Expected errors (``fieldapp.errors``) become a short message in the current
language; unexpected ones are logged with their traceback and shown as a short
dialog that says where the log is; a cancel stays silent. ``install_excepthook``
routes uncaught exceptions here so nothing dies silently.
Threading: UI thread only (``TaskRunner`` hands worker errors over by signal, and the
excepthook hands over what escapes a thread).
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from fieldapp.errors import (
    FieldappError,
    FieldError,
    InUse,
    NotFound,
    SchemaTooNew,
    StoreDamaged,
    StoreError,
    StoreReadOnly,
    ValidationError,
)
from fieldapp.store.health import is_damage

from .labels import field_error_text
from .tasks import Cancelled

log = logging.getLogger("fieldapp.ui")


def membership_text(error: FieldError) -> str | None:
    """Words for a refused team-membership change (``store.users``), else None."""
    if error.code == "rep_has_data":
        p = error.params
        return (
            QCoreApplication.translate(
                "ErrorPresenter",
                "This rep still has %1 shop(s), %2 KOC(s) and %3 event(s). Reassign their"
                " shops, KOCs and events to another rep first, then release them.",
            )
            .replace("%1", str(p.get("shops", 0)))
            .replace("%2", str(p.get("kocs", 0)))
            .replace("%3", str(p.get("events", 0)))
        )
    if error.code == "forbidden":
        return QCoreApplication.translate(
            "ErrorPresenter",
            "Only a supervisor changes team membership: taking reps who have no team into"
            " their own team, or releasing reps of their team. Other changes to people are"
            " made by head office.",
        )
    return None


def read_only_text(reason: str) -> str:
    """Why a data file is read-only, and what that means, in words."""
    if reason == "folder_read_only":
        why = QCoreApplication.translate(
            "ErrorPresenter", "the folder it is in is write-protected for your account"
        )
    else:
        why = QCoreApplication.translate(
            "ErrorPresenter", "the file is write-protected for your account"
        )
    return QCoreApplication.translate(
        "ErrorPresenter",
        "Read only: this data file cannot be changed (%1). You can look at everything,"
        " but nothing can be entered or saved.",
    ).replace("%1", why)


def describe(exc: BaseException) -> str | None:
    """Plain words for an expected error; None for an unexpected one."""
    if isinstance(exc, ValidationError):
        if exc.entity == "users":
            return "\n".join(membership_text(e) or field_error_text(e) for e in exc.errors)
        return "\n".join(field_error_text(e) for e in exc.errors)
    if isinstance(exc, NotFound):
        return QCoreApplication.translate(
            "ErrorPresenter", "This record no longer exists. It may have been deleted."
        )
    if isinstance(exc, InUse):
        return QCoreApplication.translate(
            "ErrorPresenter", "Cannot delete: %1 other record(s) still refer to it."
        ).replace("%1", str(exc.count))
    if isinstance(exc, SchemaTooNew):
        return QCoreApplication.translate(
            "ErrorPresenter",
            "This data was saved by a newer version of the app. Please update the app.",
        )
    if isinstance(exc, StoreReadOnly) and exc.needs_update:
        return QCoreApplication.translate(
            "ErrorPresenter",
            "This data file was saved by an older version of the app and must be updated"
            " once before it can be opened, but it is write-protected for your account."
            " Ask for write access to the file and its folder, or open a copy of it.",
        )
    if isinstance(exc, StoreReadOnly):
        return read_only_text(exc.reason)
    if isinstance(exc, StoreDamaged):
        return QCoreApplication.translate(
            "ErrorPresenter",
            "The data file is damaged: it cannot be read whole. It is kept as it is; open"
            " the latest automatic backup or get a fresh copy from head office.\nFile: %1",
        ).replace("%1", exc.path)
    if isinstance(exc, StoreError) and exc.code == "no_backup":
        return QCoreApplication.translate(
            "ErrorPresenter", "There is no automatic backup of this data file yet."
        )
    if isinstance(exc, StoreError) and exc.code == "not_a_store":
        return QCoreApplication.translate(
            "ErrorPresenter", "The data file cannot be opened: it is not a data file of this app."
        )
    if isinstance(exc, StoreError):
        return QCoreApplication.translate(
            "ErrorPresenter", "The data file cannot be opened: %1"
        ).replace("%1", exc.detail)
    if isinstance(exc, FieldappError):
        return QCoreApplication.translate("ErrorPresenter", "The action could not be completed.")
    return None


class ErrorPresenter:
    """Shows errors to the user; ``last_message`` lets tests check what was said."""

    def __init__(self, parent: QWidget | None = None, *, log_path: str = "") -> None:
        self.parent = parent
        self.log_path = log_path
        self.last_message: str | None = None
        self.quiet = False  # tests: record, do not open dialogs
        #: Called instead of a message box when an error says the data file is damaged
        #: (``ui.store_safety`` shows the ways out once, for every page).
        self.on_damage: Callable[[BaseException], None] | None = None
        #: The first error that said the data file is damaged (kept for ``on_damage``
        #: set later: the window's first page is read before it exists).
        self.damaged: BaseException | None = None
        #: Record damage without a message box until ``on_damage`` is set (main.py sets
        #: it while the window is built).
        self.defer_damage = False

    def show(self, exc: BaseException, tb: str | None = None) -> None:
        if isinstance(exc, Cancelled):
            return
        if is_damage(exc):
            log.error("the data file is damaged: %s", exc)
            if self.damaged is None:
                self.damaged = exc
            if self.on_damage is not None:
                self.on_damage(exc)
                return
            if self.defer_damage:
                return
            if not isinstance(exc, FieldappError):
                exc = StoreDamaged("", [str(exc)])
        words = describe(exc)
        if words is None:
            log.error(
                "unexpected error: %s\n%s",
                exc,
                tb or "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
            )
            words = QCoreApplication.translate(
                "ErrorPresenter", "Something went wrong. Nothing you saved is lost."
            )
            if self.log_path:
                words += "\n" + QCoreApplication.translate(
                    "ErrorPresenter", "Details are in the log file: %1"
                ).replace("%1", self.log_path)
            self._box("critical", words)
        else:
            self._box("warning", words)

    def _box(self, kind: str, text: str) -> None:
        self.last_message = text
        if self.quiet:
            return
        # Imported here: the class (and its enums) costs milliseconds at start-up, and
        # most sessions never show an error.
        from PySide6.QtWidgets import QMessageBox

        icon = QMessageBox.Icon.Critical if kind == "critical" else QMessageBox.Icon.Warning
        box = QMessageBox(
            icon,
            QCoreApplication.translate("ErrorPresenter", "fieldapp"),
            text,
            QMessageBox.StandardButton.Ok,
            self.parent,
        )
        box.setObjectName("errorBox")
        box.exec()


class _ToUiThread(QObject):
    """Hands an error raised on another thread to the presenter on the UI thread (a
    dialog made off the UI thread fails: "Cannot set parent, new parent is in a
    different thread")."""

    failed = Signal(object, str)

    def __init__(self, presenter: ErrorPresenter) -> None:
        super().__init__()
        self._presenter = presenter
        self.failed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def _show(self, exc: BaseException, tb: str) -> None:
        self._presenter.show(exc, tb)


def install_excepthook(presenter: ErrorPresenter) -> None:
    """Route uncaught exceptions (including those in Qt slots and worker threads) to the
    presenter, on the UI thread. Call it on the UI thread."""
    bridge = _ToUiThread(presenter)

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        text = "".join(traceback.format_exception(kind, exc, tb))
        if threading.current_thread() is threading.main_thread():
            presenter.show(exc, text)
        else:
            log.error("uncaught error on %s: %s\n%s", threading.current_thread().name, exc, text)
            bridge.failed.emit(exc, text)

    hook.bridge = bridge  # type: ignore[attr-defined]  # kept alive with the hook
    sys.excepthook = hook
