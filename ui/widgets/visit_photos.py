"""A visit's photos: attach (scaled down on a worker), remove, open in the viewer.

Photos larger than the ``photo.max_px`` setting (1600) are scaled down to a JPEG
before they are stored. With ``photo.keep_original`` on, the original file is
attached as it is instead (one picture, one photo row: never two copies).
``saved(visit_id)`` after photos were added to or removed from that visit.
Threading: UI thread; photos are prepared on the task runner.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp import evidence
from fieldapp.errors import FieldappError, ValidationError
from fieldapp.store import views_visits as vv

from ..context import AppContext
from ..photo_viewer import open_from_list
from ..photos import choose_photos, prepare_photo, preparing_text, thumbnail_icon
from ..tasks import Task, run_with_progress
from .visit_bits import icon_size, message_label, show_message, words
from .visit_evidence import VisitEvidence

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class VisitPhotos(QGroupBox):
    saved = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("photosBox")
        self.visit_id: str | None = None
        self.read_only = False
        self._evidence_key: object = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(4)
        buttons = QHBoxLayout()
        self.attach_button = QPushButton()
        self.attach_button.setObjectName("attachPhotosButton")
        self.attach_button.clicked.connect(self._choose)
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("removePhotoButton")
        self.remove_button.clicked.connect(self._remove)
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.photo_list = QListWidget()
        self.photo_list.setObjectName("photoList")
        self.photo_list.setViewMode(QListView.ViewMode.IconMode)
        self.photo_list.setFlow(QListView.Flow.LeftToRight)
        self.photo_list.setWrapping(False)
        self.photo_list.setIconSize(self.photo_list.iconSize().expandedTo(icon_size()))
        self.photo_list.setFixedHeight(icon_size().height() + 26)
        self.photo_list.setMovement(QListView.Movement.Static)
        self.photo_list.itemActivated.connect(self._open)
        layout.addWidget(self.photo_list)
        self.message = message_label("photoError")
        layout.addWidget(self.message)
        self.evidence = VisitEvidence(ctx)
        layout.addWidget(self.evidence)

    def show_photos(self, detail: vv.VisitDetail | None) -> None:
        self.photo_list.clear()
        if detail is None:
            return
        self.visit_id, self.read_only = detail.visit_id, detail.read_only
        size = icon_size().width()
        for p in detail.photos:
            path = self.ctx.store.photos.path_for(p.sha256, p.mime)
            item = QListWidgetItem(thumbnail_icon(path, size), "")
            item.setData(Qt.ItemDataRole.UserRole, p.photo_id)
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(f"{p.size // 1024} KB")
            self.photo_list.addItem(item)
        self.remove_button.setEnabled(bool(detail.photos) and not detail.read_only)
        key = (detail.visit_id, tuple(p.photo_id for p in detail.photos), detail.checkout_at)
        if key != self._evidence_key:  # photos or times changed: check them again
            self._evidence_key = key
            self.evidence.check(
                detail.visit_id,
                detail.checkin_at,
                detail.checkout_at,
                tuple(p.photo_id for p in detail.photos),
            )

    def forget(self) -> None:
        """No visit shown (the shop picker is up)."""
        self.visit_id = None

    def set_editable(self, editable: bool) -> None:
        self.attach_button.setEnabled(editable)
        if not editable:
            self.remove_button.setEnabled(False)
        # A submitted or approved visit reads as a record: no greyed-out buttons.
        self.attach_button.setVisible(editable)
        self.remove_button.setVisible(editable)

    def _choose(self) -> None:
        if self.visit_id is None:
            return
        files = choose_photos(self)
        if files:
            self.attach_files(files)

    def attach_files(self, files: Sequence[str | Path]) -> None:
        """Scale the pictures down on a worker if needed, then attach them to this visit."""
        if self.visit_id is None or self.read_only:
            return
        store = self.ctx.store
        visit_id = self.visit_id
        max_px = int(store.get_setting("photo.max_px", 1600))
        keep = bool(store.get_setting("photo.keep_original", False))
        folder = Path(tempfile.mkdtemp(prefix="fieldapp-photos-"))
        sources = [Path(f) for f in files]

        def work(task: Task) -> list[Any]:
            prepared = []
            for i, source in enumerate(sources):
                task.progress(i, len(sources), source.name)
                p = prepare_photo(source, max_px=max_px, keep_original=keep, out_dir=folder)
                # The picture's time and fingerprint for its evidence, off the UI thread.
                try:
                    phash: str | None = evidence.perceptual_hash(p.path)
                except (OSError, ValueError):
                    phash = None
                prepared.append((p, phash, evidence.read_facts(p.path).taken_at))
            return prepared

        def done(prepared: list[Any]) -> None:
            problems = []
            try:
                for p, phash, taken in prepared:
                    try:
                        store.photos.add_file(
                            p.path, visit_id=visit_id, phash=phash, taken_at=taken
                        )
                    except ValidationError as exc:
                        problems.append(p.source.name + ": " + words(exc))
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            show_message(self.message, "\n".join(problems))
            self.saved.emit(visit_id)

        def failed(exc: BaseException, tb: str) -> None:
            shutil.rmtree(folder, ignore_errors=True)
            self.ctx.errors.show(exc, tb)

        run_with_progress(
            self.ctx.runner,
            self,
            preparing_text(),
            work,
            on_done=done,
            on_error=failed,
            on_cancel=lambda: shutil.rmtree(folder, ignore_errors=True),
        )

    def _remove(self) -> None:
        item = self.photo_list.currentItem()
        if item is None or self.visit_id is None or self.read_only:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove photo"),
            self.tr("Remove the selected photo from this visit?"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.ctx.store.photos.delete(item.data(Qt.ItemDataRole.UserRole))
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self.saved.emit(self.visit_id)

    def _open(self, item: QListWidgetItem) -> None:
        open_from_list(self.photo_list, self.photo_list.row(item), PATH_ROLE)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Photos"))
        self.attach_button.setText(self.tr("Attach photos…"))
        self.remove_button.setText(self.tr("Remove"))
        self.evidence.retranslate()
