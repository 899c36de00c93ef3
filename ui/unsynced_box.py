"""When head office stops this computer's sync (the account deactivated, the device waiting
for an admin's approval): what the rep sees. The message says why, how many changes made
here have not reached head office, that they stay here (nothing is lost, they go at the
next sync head office allows), and offers to save them to a file for head office
(``fieldapp.exchange.unsynced``). When head office removed this computer, its data is
deleted: before that the box offers to save the unsynced changes sealed for head office
(only head office opens them), and deletes nothing until the rep says so.

Threading: UI thread only (the export is a small JSON file).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from fieldapp.exchange.unsynced import count_unsynced, export_unsynced
from fieldapp.store import Store

from . import theme


class UnsyncedBox(QObject):
    """The words of this module that count: their context is this class's name, because
    lupdate extracts a %n plural only from a ``tr`` call, never from
    ``QCoreApplication.translate(context, text, "", n)``."""

    def waiting(self, n: int) -> str:
        return self.tr(
            "%n change(s) made on this computer have not reached head office. They stay"
            " here, nothing is lost: they are sent at the first sync head office allows."
            " You can also save them to a file and give it to head office.",
            "",
            n,
        )

    def before_deleting(self, n: int) -> str:
        return self.tr(
            "%n change(s) made on this computer have not reached head office. Save them to"
            " a file before the data is deleted and give it to your supervisor: it is"
            " sealed so that only head office can open it.",
            "",
            n,
        )


def blocked_text(store: Store) -> str:
    """How many changes wait here, and what happens to them."""
    n = count_unsynced(store)
    if n == 0:
        return QCoreApplication.translate(
            "UnsyncedBox", "Every change made on this computer has reached head office."
        )
    return UnsyncedBox().waiting(n)


def show_blocked(parent: QWidget | None, message: str, store: Store) -> None:
    """The message box: why sync stopped, what happens to the changes, and a button that
    saves them to a file."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("UnsyncedBox", "Sync stopped by head office"),
        message,
        QMessageBox.StandardButton.Close,
        parent,
    )
    box.setObjectName("blockedBox")
    box.setInformativeText(blocked_text(store))
    save = box.addButton(
        QCoreApplication.translate("UnsyncedBox", "Save unsynced changes…"),
        QMessageBox.ButtonRole.ActionRole,
    )
    save.setObjectName("exportUnsynced")
    save.setEnabled(count_unsynced(store) > 0)
    box.exec()
    if box.clickedButton() is save:
        save_unsynced(parent, store)


def save_unsynced(parent: QWidget | None, store: Store, path: str | None = None) -> int | None:
    """Ask where (unless ``path``), then write the unsynced changes there; how many, or
    None when the person cancelled."""
    if path is None:
        default = Path(store.path).with_name(f"unsynced-{store.device_id[:8]}.json")
        path, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("UnsyncedBox", "Save unsynced changes"),
            str(default),
            QCoreApplication.translate("UnsyncedBox", "JSON files (*.json)"),
        )
    if not path:
        return None
    return export_unsynced(store, path)


def revoked_text(store: Store, saved: str | None = None) -> str:
    """What a removed computer's unsynced changes become, and where they were saved."""
    n = count_unsynced(store)
    if n == 0:
        return QCoreApplication.translate(
            "UnsyncedBox", "Every change made on this computer has reached head office."
        )
    if saved is not None:
        return QCoreApplication.translate(
            "UnsyncedBox",
            "Saved to %1. Give this file to your supervisor: only head office can open it.",
        ).replace("%1", saved)
    return UnsyncedBox().before_deleting(n)


def ask_revoked(
    parent: QWidget | None,
    message: str,
    store: Store,
    token: str | None,
    ask_path: Callable[[], str | None] | None = None,
) -> None:
    """The box a removed computer shows before its data is deleted: why, and, while
    changes have not reached head office, a button that saves them sealed for head
    office (``token``: the device's sign-in token). Returns when the rep chose to
    delete; saving (or cancelling the save) comes back to the box."""
    saved: str | None = None
    while True:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("SyncController", "This computer was removed"),
            message
            + "\n\n"
            + QCoreApplication.translate(
                "SyncController", "The app will close after the data is deleted."
            ),
            QMessageBox.StandardButton.NoButton,
            parent,
        )
        box.setObjectName("wipeBox")
        box.setInformativeText(revoked_text(store, saved))
        save = box.addButton(
            QCoreApplication.translate("UnsyncedBox", "Save unsynced changes…"),
            QMessageBox.ButtonRole.ActionRole,
        )
        save.setObjectName("exportUnsynced")
        bold = QFont(save.font())
        bold.setWeight(QFont.Weight.DemiBold)  # the theme's default button: room for it
        save.setMinimumWidth(QFontMetrics(bold).horizontalAdvance(save.text()) + 32)
        can_save = token is not None and count_unsynced(store) > 0
        save.setVisible(can_save)
        wipe = box.addButton(
            QCoreApplication.translate("UnsyncedBox", "Delete the data and close"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        wipe.setObjectName("wipeNow")
        wipe.setAutoDefault(False)  # Enter saves while there is something to save
        theme.set_role(wipe, "danger")
        box.setDefaultButton(save if can_save else wipe)
        box.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        box.exec()
        if box.clickedButton() is wipe:
            return
        if box.clickedButton() is not save:
            continue  # closed some other way: nothing is deleted without a yes
        path = ask_path() if ask_path is not None else _ask_path(parent, store, "sealed")
        if path:
            export_unsynced(store, path, token=token)
            saved = path


def _ask_path(parent: QWidget | None, store: Store, kind: str = "") -> str | None:
    name = f"unsynced-{store.device_id[:8]}{'-' + kind if kind else ''}.json"
    default = Path.home() / name
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("UnsyncedBox", "Save unsynced changes"),
        str(default),
        QCoreApplication.translate("UnsyncedBox", "JSON files (*.json)"),
    )
    return path or None
