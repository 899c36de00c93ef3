"""The damaged-data-file message with its ways out, as a dialog (at start, before any
window) and as a panel that takes the main window's place (found later in a session).

It says in words that the data file is damaged, names the file, and offers: open the
latest automatic backup (with its time), or, when the file has synced, get a fresh copy
from head office (the damaged file is kept and unsent changes that can still be read go
out again), or quit. ``DamagedView.chosen`` carries ``"backup"``, ``"fresh"`` or
``"quit"``. What the file allows is worked out by :func:`ways_out` (no Qt).
Threading: UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.store import backup, rescue

from .clock import datetime_text


@dataclass(frozen=True)
class WaysOut:
    """What can be done about a damaged store file."""

    path: str
    latest_backup: datetime | None
    can_fresh: bool


def ways_out(path: str | Path) -> WaysOut:
    latest = next(iter(backup.list_backups(path)), None)
    return WaysOut(
        path=str(path),
        latest_backup=latest.taken_at if latest else None,
        can_fresh=rescue.salvage(path).has_synced,
    )


def beijing(at: datetime) -> str:
    return datetime_text(at)


class DamagedView(QWidget):
    chosen = Signal(str)

    def __init__(self, ways: WaysOut, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("damagedView")
        self.ways = ways
        self.heading = QLabel()
        self.heading.setObjectName("damagedHeading")
        self.heading.setStyleSheet("font-size: 20px; font-weight: 600; color: #7a1d1a;")
        self.body = QLabel()
        self.body.setObjectName("damagedText")
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_button = QPushButton()
        self.backup_button.setObjectName("restoreBackupButton")
        self.backup_button.setVisible(ways.latest_backup is not None)
        self.backup_button.clicked.connect(lambda: self.chosen.emit("backup"))
        self.backup_note = QLabel()
        self.backup_note.setObjectName("backupNote")
        self.backup_note.setWordWrap(True)
        self.fresh_button = QPushButton()
        self.fresh_button.setObjectName("freshCopyButton")
        self.fresh_button.setVisible(ways.can_fresh)
        self.fresh_button.clicked.connect(lambda: self.chosen.emit("fresh"))
        self.fresh_note = QLabel()
        self.fresh_note.setObjectName("freshNote")
        self.fresh_note.setWordWrap(True)
        self.quit_button = QPushButton()
        self.quit_button.setObjectName("quitButton")
        self.quit_button.clicked.connect(lambda: self.chosen.emit("quit"))

        box = QVBoxLayout(self)
        box.setContentsMargins(32, 24, 32, 24)
        box.setSpacing(12)
        box.addWidget(self.heading)
        box.addWidget(self.body)
        for button, note in (
            (self.backup_button, self.backup_note),
            (self.fresh_button, self.fresh_note),
        ):
            row = QHBoxLayout()
            row.addWidget(button)
            row.addStretch(1)
            box.addLayout(row)
            box.addWidget(note)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.quit_button)
        box.addStretch(1)
        box.addLayout(bottom)
        self.retranslate()

    def retranslate(self) -> None:
        w = self.ways
        self.heading.setText(self.tr("The data file is damaged"))
        self.body.setText(
            self.tr(
                "fieldapp cannot read this data file whole, so it shows nothing from it"
                " rather than wrong or missing figures. The damaged file is never deleted:"
                " whatever you choose, it is kept beside the new one.\n\nFile: %1"
            ).replace("%1", w.path)
        )
        if w.latest_backup is not None:
            self.backup_button.setText(
                self.tr("Open the latest backup (%1)").replace("%1", beijing(w.latest_backup))
            )
            self.backup_note.setText(
                self.tr(
                    "What was entered after that time is not in the backup: it stays in the"
                    " damaged file."
                )
            )
        else:
            self.backup_note.setText(self.tr("There is no automatic backup of this file yet."))
        self.fresh_button.setText(self.tr("Get a fresh copy from head office"))
        self.fresh_note.setVisible(w.can_fresh)
        self.fresh_note.setText(
            self.tr(
                "The next sync downloads everything again; changes not sent yet that can"
                " still be read from the damaged file are sent again."
            )
        )
        self.quit_button.setText(self.tr("Quit"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class DamagedDialog(QDialog):
    """The damaged-file message before any window exists; ``choice`` after ``exec``."""

    def __init__(self, ways: WaysOut, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("damagedDialog")
        self.choice = "quit"
        self.view = DamagedView(ways, self)
        self.view.chosen.connect(self._choose)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.view)
        self.resize(640, 420)
        self.setWindowTitle(self.tr("fieldapp"))

    def _choose(self, choice: str) -> None:
        self.choice = choice
        if choice == "quit":
            self.reject()
        else:
            self.accept()
