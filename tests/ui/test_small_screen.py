"""A 1366x768 laptop, in Chinese and in English: the settings page scrolls instead of
squeezing its boxes until their text is cut, the review queue's shop column keeps room
for the shops' names without a horizontal scroll bar, and the visit page's shelf-audit
grid fits whole (issue 17)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QGroupBox, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.demo import adopt_first
from ui.app import create_window
from ui.context import AppContext
from ui.i18n import Translations
from ui.pages.review import ReviewPage
from ui.pages.settings import SettingsPage


def _window(qtbot: QtBot, ctx: AppContext, page_id: str) -> QWidget:
    window = create_window(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_page(page_id, None)
    for _ in range(3):
        QApplication.processEvents()
    page: QWidget = window.pages[page_id]
    return page


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_settings_scroll_rather_than_cut_their_boxes(
    qtbot: QtBot, ctx: AppContext, translations: Translations, lang: str
) -> None:
    translations.install(lang)
    page = _window(qtbot, ctx, "settings")
    assert isinstance(page, SettingsPage)
    assert isinstance(page.scroll_area, QScrollArea) and page.scroll_area.widget().isAncestorOf(
        page.user_box
    )
    boxes = [b for b in page.findChildren(QGroupBox) if b.isVisible()]
    assert len(boxes) >= 5
    for box in boxes:
        assert box.height() >= box.minimumSizeHint().height(), box.objectName()
    # The page is taller than the window leaves it: the rest is a scroll away.
    assert page.scroll_area.verticalScrollBar().maximum() > 0
    assert page.scroll_area.horizontalScrollBar().maximum() == 0


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_review_queue_leaves_room_for_the_shop(
    qtbot: QtBot, ctx: AppContext, translations: Translations, lang: str
) -> None:
    adopt_first(ctx.store, "supervisor")
    translations.install(lang)
    page = _window(qtbot, ctx, "review")
    assert isinstance(page, ReviewPage)
    queue = page.queue
    model = queue.model()
    assert model.rowCount() > 5
    names = [str(model.index(r, 2).data()) for r in range(min(model.rowCount(), 40))]
    widest = max(QFontMetrics(queue.font()).horizontalAdvance(n) for n in names)
    assert queue.columnWidth(2) >= min(widest, 8 * queue.fontMetrics().height())
    assert not queue.horizontalScrollBar().isVisible()
    header = queue.horizontalHeader()
    # Every column still shows its whole header.
    for column in range(header.count()):
        text = str(model.headerData(column, header.orientation()))
        assert header.sectionSize(column) >= QFontMetrics(header.font()).horizontalAdvance(text)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_shelf_audit_grid_fits_without_sideways_scrolling(
    qtbot: QtBot, ctx: AppContext, translations: Translations, lang: str
) -> None:
    """The shelf audit's seven columns, every header whole and the SKU names uncut, fit
    the visit page of a 1366x768 window: no horizontal scroll bar (issue 17)."""
    translations.install(lang)
    visit_id = ctx.store.db.execute(
        "SELECT v.id FROM visits v WHERE v.deleted = 0 AND EXISTS"
        " (SELECT 1 FROM shelf_audits a WHERE a.visit_id = v.id AND a.deleted = 0)"
        " ORDER BY v.planned_date DESC LIMIT 1"
    ).fetchone()[0]
    window = create_window(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_page("visit", {"visit_id": visit_id})
    for _ in range(3):
        QApplication.processEvents()
    page = window.pages["visit"]
    grid = page.shelf_box.grid  # type: ignore[attr-defined]
    model = grid.model()
    assert grid.isVisible() and model.rowCount() >= 3
    assert grid.horizontalScrollBar().maximum() == 0
    assert not grid.horizontalScrollBar().isVisible()
    header = grid.horizontalHeader()
    used = sum(header.sectionSize(c) for c in range(header.count()))
    assert used <= grid.viewport().width()
    metrics = QFontMetrics(header.font())
    for column in range(header.count()):
        text = str(model.headerData(column, header.orientation()))
        assert header.sectionSize(column) >= metrics.horizontalAdvance(text), text
    cells = QFontMetrics(grid.font())
    names = [str(model.index(r, 0).data()) for r in range(model.rowCount())]
    assert header.sectionSize(0) >= max(cells.horizontalAdvance(n) for n in names)
