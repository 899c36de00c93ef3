"""A photo opens in the app's own viewer (double-click or Enter on it), never through a
system launcher; the next photo of the list is a key away."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.test_visit import image, make_page, shop_to_visit
from ui.context import AppContext
from ui.pages.shop import ShopPage
from ui.photo_viewer import PhotoViewer


def test_photos_open_in_the_apps_viewer(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    launched: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: launched.append(url) or True)
    shop, _ = shop_to_visit(ctx.store)
    page = make_page(qtbot, ctx)
    page.open({"shop_id": shop.id, "new": True})
    page.attach_files([image(tmp_path / "a.png", 640, 480), image(tmp_path / "b.png", 300, 500)])
    photos = page.photo_list
    assert photos.count() == 2
    photos.itemActivated.emit(photos.item(0))
    viewer = QApplication.activeModalWidget() or page.findChild(PhotoViewer)
    assert isinstance(viewer, PhotoViewer)
    assert viewer.image.pixmap() is not None and not viewer.image.pixmap().isNull()
    assert viewer.caption.text().startswith("1 / 2")
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.index == 1 and viewer.caption.text().startswith("2 / 2")
    assert all(Path(p).is_absolute() for p in viewer.paths)
    viewer.close()

    shop_page = ShopPage(ctx)
    qtbot.addWidget(shop_page)
    shop_page.open(shop.id)
    shop_page.show()
    qtbot.waitUntil(lambda: shop_page.photos.count() >= 2, timeout=3000)
    shop_page.photos.itemDoubleClicked.emit(shop_page.photos.item(0))
    assert shop_page.findChild(PhotoViewer) is not None
    assert launched == []
