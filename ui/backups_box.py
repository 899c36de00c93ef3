"""Settings → Backups: when the last automatic backup was taken, back up now, restore one.

The backups live in ``<name>-backups/`` beside the data file (``fieldapp.store.backup``:
one a day, one before each migration, the last 7 kept). Restoring closes the store, puts
the chosen backup in its place (the replaced file is kept beside it) and starts the app
again (``ctx.extra["restart"]``, set by ``ui.store_safety``).
Threading: UI thread; a backup is made on the task runner.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.store import backup

from .ask import ask
from .context import AppContext
from .damaged import beijing


def _reason(code: str) -> str:
    words = {
        "daily": QCoreApplication.translate("BackupsBox", "daily"),
        "migration": QCoreApplication.translate("BackupsBox", "before an update"),
        "manual": QCoreApplication.translate("BackupsBox", "made by hand"),
    }
    return words.get(code, code)


class RestoreBackupDialog(QDialog):
    """Pick one backup (newest first); ``chosen`` after ``exec``."""

    def __init__(self, backups: list[backup.Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreBackupDialog")
        self.setWindowTitle(self.tr("Restore a backup"))
        self.backups = backups
        self.chosen: backup.Backup | None = None
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        for b in backups:
            item = QListWidgetItem(
                self.tr("%1 · %2 · %3 MB")
                .replace("%1", beijing(b.taken_at))
                .replace("%2", _reason(b.reason))
                .replace("%3", f"{b.size / 1e6:.1f}")
            )
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            self.list.addItem(item)
        if backups:
            self.list.setCurrentRow(0)
        note = QLabel(
            self.tr(
                "The app starts again with the chosen backup. The current data file is"
                " not deleted: it is kept beside it."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("restoreButtons")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.list)
        box.addWidget(note)
        box.addWidget(buttons)
        self.resize(460, 320)

    def _accept(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.backups):
            self.chosen = self.backups[row]
            self.accept()


class BackupsBox(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("backupsBox")
        self.last = QLabel()
        self.last.setObjectName("backupLast")
        self.last.setWordWrap(True)
        self.now_button = QPushButton()
        self.now_button.setObjectName("backupNow")
        self.now_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton()
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(self.choose_restore)
        self.folder_button = QPushButton()
        self.folder_button.setObjectName("openBackupFolder")
        self.folder_button.clicked.connect(self.open_folder)
        row = QHBoxLayout()
        row.addWidget(self.now_button)
        row.addWidget(self.restore_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        box = QVBoxLayout(self)
        box.addWidget(self.last)
        box.addLayout(row)
        self._busy = False
        self.retranslate()

    def _path(self) -> str:
        return self.ctx.store.path

    def refresh(self) -> None:
        in_memory = self._path() == ":memory:"
        writable = not in_memory and not self.ctx.store.read_only
        found = [] if in_memory else backup.list_backups(self._path())
        self.now_button.setEnabled(writable and not self._busy)
        self.restore_button.setEnabled(writable and bool(found))
        self.folder_button.setEnabled(bool(found))
        if found:
            self.last.setText(
                self.tr("The latest backup is from %1; %2 are kept beside the data file.")
                .replace("%1", beijing(found[0].taken_at))
                .replace("%2", str(len(found)))
            )
        else:
            self.last.setText(self.tr("No backup yet. One is made every day the app starts."))

    def back_up_now(self) -> None:
        path = self._path()
        self._busy = True
        self.refresh()

        def done(_made: object) -> None:
            self._busy = False
            self.refresh()

        def failed(exc: BaseException, tb: str) -> None:
            done(None)
            self.ctx.errors.show(exc, tb)

        self.ctx.runner.run(
            lambda task: backup.make_backup(path, reason="manual", check=task.check),
            on_done=done,
            on_error=failed,
        )

    def choose_restore(self) -> None:
        dialog = RestoreBackupDialog(backup.list_backups(self._path()), self)
        if not dialog.exec() or dialog.chosen is None:
            return
        chosen = dialog.chosen
        answer = ask(
            self,
            "confirmRestoreBox",
            self.tr("Restore a backup"),
            self.tr("Go back to the backup from %1?").replace("%1", beijing(chosen.taken_at)),
            [("restore", self.tr("Restore and start again")), ("cancel", self.tr("Cancel"))],
            default="cancel",
            details=self.tr(
                "What was entered after that time is not in the backup; it stays in the"
                " current data file, which is kept beside it."
            ),
        )
        if answer == "restore":
            self.restore(chosen)

    def restore(self, chosen: backup.Backup) -> None:
        """Close the store, put ``chosen`` in its place and start the app again."""
        path = self._path()
        self.ctx.wait(10000)
        self.ctx.store.close()
        backup.restore(path, chosen)
        restart = self.ctx.extra.get("restart")
        if callable(restart):
            restart()

    def open_folder(self) -> bool:
        folder = backup.backup_folder(self._path())
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(folder))))

    def retranslate(self) -> None:
        self.setTitle(self.tr("Backups"))
        self.now_button.setText(self.tr("Back up now"))
        self.restore_button.setText(self.tr("Restore a backup…"))
        self.folder_button.setText(self.tr("Open folder"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
