"""Cached map tiles are decoded on the task runner, never on the UI thread: the first
ask of a tile answers None at once and the tile arrives (``arrived``) decoded; later
asks answer from memory. Without a runner the tile is decoded as it is asked for."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from fieldapp.tiles import TileCache
from ui.map_tiles import TileProvider
from ui.tasks import TaskRunner


def _tile_png() -> bytes:
    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor("#e4e8df"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def _cache(tmp_path: Path) -> Path:
    path = tmp_path / "tiles.mbtiles"
    cache = TileCache(path)
    cache.put(10, 5, 7, _tile_png())
    cache.close()
    return path


def test_a_cached_tile_is_decoded_off_the_ui_thread(qtbot: QtBot, tmp_path: Path) -> None:
    runner = TaskRunner()
    provider = TileProvider(_cache(tmp_path), None, runner)
    with qtbot.waitSignal(provider.arrived, timeout=5000):
        assert provider.pixmap(10, 5, 7) is None  # asked: on its way
        assert provider.decoding() == 1
        assert provider.pixmap(10, 5, 7) is None  # asked again: not decoded twice
        assert provider.decoding() == 1
    pix = provider.pixmap(10, 5, 7)
    assert pix is not None and pix.width() == 256
    assert provider.decoding() == 0
    assert provider.pixmap(10, 6, 7) is None and provider.decoding() == 0  # not cached
    provider.close()


def test_without_a_runner_the_tile_comes_at_once(tmp_path: Path, qtbot: QtBot) -> None:
    provider = TileProvider(_cache(tmp_path), None, None)
    pix = provider.pixmap(10, 5, 7)
    assert pix is not None and pix.height() == 256
    provider.close()
