"""A grid of photo thumbnails, decoded off the UI thread; a note when there are none.

``load`` takes (path, photo) pairs; the thumbnails arrive through the task runner and
an older load's late answer is dropped. A double-click is the page's to handle
(``photos.itemDoubleClicked``; the item's UserRole holds the file path).
Threading: UI thread; the decoding runs on a worker through ``ui.tasks``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QImageReader, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QListView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from fieldapp.model import Photo

from .. import theme
from ..tasks import Task, TaskRunner


class PhotoGrid(QWidget):
    """Thumbnails of ``thumb`` pixels with their caption or date."""

    def __init__(self, thumb: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.thumb = thumb
        self._token = object()
        self._skeleton_icon: QIcon | None = None
        self.photos = QListWidget()
        self.photos.setObjectName("shopPhotos")
        self.photos.setViewMode(QListView.ViewMode.IconMode)
        self.photos.setIconSize(QSize(thumb, thumb))
        self.photos.setResizeMode(QListView.ResizeMode.Adjust)
        self.photos.setMovement(QListView.Movement.Static)
        self.photos.setSpacing(8)
        self.no_photos = QLabel()
        self.no_photos.setObjectName("noPhotos")
        self.no_photos.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.no_photos)
        layout.addWidget(self.photos, 1)

    def load(self, photos: Sequence[tuple[str, Photo]], runner: TaskRunner) -> None:
        self.photos.clear()
        token = object()
        self._token = token
        thumb = self.thumb
        paths: list[tuple[int, str]] = []
        for i, (path, photo) in enumerate(photos):
            when = photo.taken_at or photo.created_at
            item = QListWidgetItem(photo.caption or when.date().isoformat())
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(photo.caption or "")
            item.setSizeHint(QSize(thumb + 16, thumb + 36))
            item.setIcon(self._placeholder())  # a skeleton until the thumbnail is decoded
            self.photos.addItem(item)
            paths.append((i, path))
        self.no_photos.setVisible(not photos)
        self.photos.setVisible(bool(photos))
        if not paths:
            return

        def work(task: Task) -> list[tuple[int, QImage]]:
            # QImage (not QPixmap) may be made off the UI thread; no widget is touched.
            out = []
            for i, path in paths:
                task.check()
                reader = QImageReader(path)
                reader.setAutoTransform(True)
                size = reader.size()
                if size.isValid():
                    reader.setScaledSize(
                        size.scaled(thumb, thumb, Qt.AspectRatioMode.KeepAspectRatio)
                    )
                out.append((i, reader.read()))
            return out

        def done(images: list[tuple[int, QImage]]) -> None:
            if self._token is not token:
                return  # another shop was opened meanwhile
            for i, image in images:
                item = self.photos.item(i)
                if item is not None:
                    item.setIcon(QIcon() if image.isNull() else QIcon(QPixmap.fromImage(image)))

        # A missing or unreadable file just has no thumbnail.
        runner.run(work, on_done=done, on_error=lambda _exc, _tb: None)

    def _placeholder(self) -> QIcon:
        """A grey rounded square the size of a thumbnail."""
        if self._skeleton_icon is None:
            pixmap = QPixmap(self.thumb, self.thumb)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.DIVIDER))
            painter.drawRoundedRect(0, 0, self.thumb, self.thumb, theme.RADIUS_L, theme.RADIUS_L)
            painter.end()
            self._skeleton_icon = QIcon(pixmap)
        return self._skeleton_icon

    def retranslate(self) -> None:
        self.no_photos.setText(
            QCoreApplication.translate("ShopPage", "No photos of this shop yet.")
        )
