"""Review: the queue shows each visit's order value (¥), duration and photos; several
visits are approved at once; the keyboard approves and returns."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from fieldapp.demo import adopt_first
from fieldapp.model import ReviewStatus
from fieldapp.store import views_visits as vv
from ui.context import AppContext
from ui.pages.review import QUEUE_COLUMNS, ReviewPage, queue_ids


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> ReviewPage:
    assert adopt_first(ctx.store, "supervisor") is not None
    p = ReviewPage(ctx)
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.show()
    p.open()
    return p


def _cell(page: ReviewPage, row: int, key: str) -> str:
    column = [c.key for c in QUEUE_COLUMNS].index(key)
    return str(page.queue_model.index(row, column).data(Qt.ItemDataRole.DisplayRole) or "")


def test_the_queue_shows_order_value_duration_and_photos(page: ReviewPage, ctx: AppContext) -> None:
    rows = vv.review_queue(ctx.store.db, limit=200)
    with_order = next(i for i, r in enumerate(rows) if r.amount > 0)
    visit = rows[with_order]
    lines = vv.order_lines(ctx.store.db, visit_id=visit.visit_id)
    assert visit.amount == pytest.approx(sum(line.amount or 0 for line in lines))
    assert _cell(page, with_order, "amount") == f"¥{visit.amount:,.0f}"
    assert visit.minutes is not None and visit.minutes >= 0
    assert _cell(page, with_order, "minutes") == f"{visit.minutes} min"
    assert "photos" in [c.key for c in QUEUE_COLUMNS]
    # Sorted by value, the biggest order first.
    values = [r.amount for r in vv.review_queue(ctx.store.db, order="amount", descending=True)]
    assert values == sorted(values, reverse=True)


def test_several_visits_are_approved_at_once(page: ReviewPage, ctx: AppContext) -> None:
    ids = queue_ids(page)
    assert len(ids) >= 4
    selection = page.queue.selectionModel()
    for row in (0, 2, 3):
        selection.select(
            page.queue_model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert page.approve_selected_button.isVisible()
    assert "3" in page.approve_selected_button.text()
    assert page.approve_selected() == 3
    for visit_id in (ids[0], ids[2], ids[3]):
        assert ctx.store.visits.get(visit_id).review_status == ReviewStatus.APPROVED
    assert ctx.store.visits.get(ids[1]).review_status == ReviewStatus.SUBMITTED
    assert queue_ids(page)[0] == ids[1]


def test_the_keyboard_approves_and_returns(qtbot: QtBot, page: ReviewPage, ctx: AppContext) -> None:
    page.activateWindow()
    ids = queue_ids(page)
    page.select(ids[0])
    page.queue.setFocus()
    qtbot.waitUntil(page.queue.hasFocus, timeout=1000)
    qtbot.keyClick(page.queue, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert ctx.store.visits.get(ids[0]).review_status == ReviewStatus.APPROVED
    # Returning asks for the comment first, then goes through.
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.queue, Qt.Key.Key_Return, shift_ctrl)
    assert page.comment_error.isVisible() and page.comment.hasFocus()
    page.comment.setPlainText("货架照片不清楚")
    qtbot.keyClick(page.comment, Qt.Key.Key_Return, shift_ctrl)
    assert ctx.store.visits.get(ids[1]).review_status == ReviewStatus.RETURNED
