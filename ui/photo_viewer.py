"""An in-app photo viewer: a double-click (or Enter) on any photo opens it here, large,
with the previous and next photo of the same list a key away.

The system's image viewer is not asked: a laptop may have none, and a relative path
made it fail. Paths are made absolute before they are read.
Threading: UI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QImageReader, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class PhotoViewer(QDialog):
    """Shows ``paths[index]`` fitted to the window; ← → (or the buttons) step through."""

    def __init__(self, paths: Sequence[str], index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoViewer")
        self.paths = [str(Path(p).resolve()) for p in paths]
        self.index = max(0, min(index, len(self.paths) - 1))
        self._pixmap = QPixmap()
        self.image = QLabel()
        self.image.setObjectName("photoImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setMinimumSize(320, 240)
        self.caption = QLabel()
        self.caption.setObjectName("photoCaption")
        self.previous_button = QPushButton("←")
        self.previous_button.setObjectName("previousPhoto")
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QPushButton("→")
        self.next_button.setObjectName("nextPhoto")
        self.next_button.clicked.connect(lambda: self.step(1))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.previous_button)
        row.addWidget(self.caption, 1, Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.next_button)
        row.addWidget(buttons)
        column = QVBoxLayout(self)
        column.addWidget(self.image, 1)
        column.addLayout(row)
        self.resize(960, 680)
        self._load()

    def step(self, delta: int) -> None:
        if self.paths:
            self.index = (self.index + delta) % len(self.paths)
            self._load()

    def _load(self) -> None:
        path = self.paths[self.index] if self.paths else ""
        reader = QImageReader(path)
        reader.setAutoTransform(True)  # a phone photo's EXIF orientation
        image = reader.read()
        self._pixmap = QPixmap.fromImage(image)
        if self._pixmap.isNull():
            self.image.setText(self.tr("This photo cannot be shown: %1").replace("%1", path))
        self.caption.setText(f"{self.index + 1} / {len(self.paths)} · {Path(path).name}")
        self.setWindowTitle(Path(path).name)
        many = len(self.paths) > 1
        self.previous_button.setEnabled(many)
        self.next_button.setEnabled(many)
        self._fit()

    def _fit(self) -> None:
        if not self._pixmap.isNull():
            self.image.setPixmap(
                self._pixmap.scaled(
                    self.image.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.step(-1)
        elif event.key() in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.step(1)
        else:
            super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._load()
        super().changeEvent(event)


def open_from_list(
    photos: QListWidget, row: int, role: int = Qt.ItemDataRole.UserRole
) -> PhotoViewer:
    """Open the viewer on ``row`` of a photo list whose items hold their file path in
    ``role``; the list's other photos are a key away."""
    paths = [str(photos.item(i).data(role) or "") for i in range(photos.count())]
    viewer = PhotoViewer(paths, row, photos.window())
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    viewer.open()
    return viewer


__all__ = ["PhotoViewer", "open_from_list"]
