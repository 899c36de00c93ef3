"""Skeletons where a list fills asynchronously (issue 17): a dashboard card shows grey bars
until its numbers arrive from the worker, a shop's photo grid a grey square per photo
until its thumbnail is decoded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from fieldapp.model import Photo
from ui.widgets.chart_card import ChartCard
from ui.widgets.photo_grid import PhotoGrid
from ui.widgets.skeleton import BAR_GAP, BAR_HEIGHT, Skeleton


def test_skeleton_fills_its_widget_with_still_bars(qtbot: QtBot) -> None:
    skeleton = Skeleton("s")
    qtbot.addWidget(skeleton)
    skeleton.resize(300, 120)
    bars = skeleton.bars()
    assert len(bars) == (120 - BAR_GAP) // (BAR_HEIGHT + BAR_GAP)
    inside = QRectF(skeleton.rect())
    assert all(inside.contains(bar) for bar in bars)
    assert skeleton.accessibleName() == "Loading…"
    picture = skeleton.grab().toImage()
    first = bars[0].center().toPoint()
    assert picture.pixelColor(first) != picture.pixelColor(first.x(), int(bars[0].bottom()) + 5)


def test_a_card_shows_its_skeleton_until_its_numbers_arrive(qtbot: QtBot) -> None:
    card = ChartCard("sample", "Sample", ["Name", "Count"])
    qtbot.addWidget(card)
    card.show()
    assert card.loading() and card.skeleton.isVisible()
    assert not card.view.isVisible() and not card.table.isVisible()
    card.toggle.setChecked(True)  # the reader wants the table: still waiting for numbers
    assert card.loading() and not card.showing_table()
    card.model.set_rows([("a", 1)])
    assert not card.loading() and card.showing_table() and card.table.isVisible()
    card.toggle.setChecked(False)
    assert card.view.isVisible()
    card.model.set_rows([("b", 2)])  # later numbers never bring the skeleton back
    assert not card.loading() and not card.showing_table()


class HeldRunner:
    """Runs nothing until the test says so: the worker's answer is still on its way."""

    def __init__(self) -> None:
        self.pending: list[tuple[Callable[..., Any], Callable[[Any], None]]] = []

    def run(self, work: Callable[..., Any], on_done: Callable[[Any], None], **_: Any) -> None:
        self.pending.append((work, on_done))


def test_photo_grid_shows_a_square_per_photo_until_its_thumbnail_comes(qtbot: QtBot) -> None:
    grid = PhotoGrid(48)
    qtbot.addWidget(grid)
    now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    photos = [
        Photo(id=f"p{i}", sha256="0" * 64, size=1, shop_id="s1", created_at=now, updated_at=now)
        for i in range(2)
    ]
    runner = HeldRunner()
    grid.load([("/nowhere/a.jpg", photos[0]), ("/nowhere/b.jpg", photos[1])], runner)  # type: ignore[arg-type]
    items = [grid.photos.item(i) for i in range(2)]
    placeholder = items[0].icon().pixmap(48, 48).toImage()
    assert not placeholder.isNull()
    assert placeholder.pixelColor(24, 24) != QColor(0, 0, 0, 0)  # a grey square, not nothing
    ((_, done),) = runner.pending
    image = QImage(48, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    done([(0, image), (1, QImage())])  # the second file could not be read
    assert items[0].icon().pixmap(48, 48).toImage().pixelColor(24, 24) == QColor("red")
    assert items[1].icon().isNull()  # no thumbnail, and no skeleton left behind
