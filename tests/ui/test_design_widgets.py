"""The shared widgets of ui/widgets/ the pages are built from: status pill and its table
delegate, the reserved field message (no layout jump), empty states with a next
action, the read-only record summary, the card and the record header."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.errors import FieldError
from fieldapp.model import Koc
from ui import theme
from ui.context import AppContext
from ui.forms import Form
from ui.models import Column, QueryTableModel
from ui.pages.kocs import RowTable
from ui.pages.review import ReviewPage
from ui.pages.shop import ShopPage
from ui.widgets.card import Card
from ui.widgets.empty_state import EmptyStack, EmptyState
from ui.widgets.field_message import FieldMessage
from ui.widgets.interaction_row import InteractionRow
from ui.widgets.record_header import RecordHeader
from ui.widgets.record_summary import RecordSummary
from ui.widgets.status_pill import PillDelegate, StatusPill, state_of_status


def test_status_pill_shows_words_in_the_states_colours(qtbot: QtBot) -> None:
    pill = StatusPill("pill")
    qtbot.addWidget(pill)
    pill.set_status("approved", "已通过")
    assert pill.text() == "已通过" and pill.state() == "approved"
    assert pill.property("role") == "pill"
    pill.set_status("no such state", "x")
    assert pill.state() == "neutral"
    pill.set_status("overdue", "")
    assert pill.isHidden()  # never a colour without its words


def test_every_status_word_maps_to_one_state() -> None:
    assert state_of_status("approved") == "approved"
    assert state_of_status("returned") == "returned"
    assert state_of_status("in_progress") == "progress"
    assert state_of_status("planned") == "due"
    assert state_of_status("cancelled") == "neutral"
    assert state_of_status(None) == "neutral"


def test_pill_delegate_names_the_state_of_each_cell(qtbot: QtBot) -> None:
    rows = [{"status": "approved"}, {"status": "returned"}]
    model = QueryTableModel(
        (Column("status", "Status"),),
        lambda _o, _d, n, off: rows[off : off + n],
        lambda: len(rows),
    )
    table = RowTable("t")
    qtbot.addWidget(table)
    table.setModel(model)
    delegate = PillDelegate(lambda _row, value: state_of_status(value), table)
    table.setItemDelegateForColumn(0, delegate)
    model.reload()
    table.show()
    assert delegate.state_at(model.index(0, 0)) == "approved"
    assert delegate.state_at(model.index(1, 0)) == "returned"
    assert delegate.state_at(QModelIndex()) == "neutral"
    table.grab()  # paints without error


def test_a_validation_message_does_not_move_the_fields_below(qtbot: QtBot) -> None:
    form = Form(Koc, "KocPage")
    form.add_line("name", "Name")
    mobile = form.add_line("mobile", "Mobile")
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    before = mobile.geometry()
    form.show_errors([FieldError("name", "required")])
    qtbot.wait(10)
    error = form.findChild(FieldMessage, "nameError")
    assert error is not None and error.isVisible() and error.text()
    assert mobile.geometry() == before
    form.show_errors([])
    qtbot.wait(10)
    assert not error.isVisible() and mobile.geometry() == before


def test_field_message_keeps_its_line_when_hidden(qtbot: QtBot) -> None:
    host = QWidget()
    column = QVBoxLayout(host)
    message = FieldMessage("m")
    below = QLabel("below")
    column.addWidget(message)
    column.addWidget(below)
    column.addStretch(1)
    qtbot.addWidget(host)
    host.resize(500, 200)
    host.show()
    qtbot.waitExposed(host)
    y = below.y()
    message.show_message("最多 2,000 字，现在 10,000 字")
    qtbot.wait(10)
    assert message.isVisible() and below.y() == y
    message.show_message("")
    qtbot.wait(10)
    assert not message.isVisible() and below.y() == y and message.message() == ""


def test_interaction_row_error_does_not_move_the_row(qtbot: QtBot) -> None:
    row = InteractionRow()
    host = QWidget()
    column = QVBoxLayout(host)
    column.addWidget(row)
    below = QLabel("timeline")
    column.addWidget(below)
    column.addStretch(1)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    y, note = below.y(), row.interaction_note.geometry()
    row.show_error(FieldError("note", "empty_interaction"))
    qtbot.wait(10)
    assert row.interaction_error.isVisible()
    assert below.y() == y and row.interaction_note.geometry() == note


def test_empty_stack_shows_the_next_action_when_the_list_is_empty(qtbot: QtBot) -> None:
    rows: list[dict[str, str]] = []
    model = QueryTableModel(
        (Column("name", "Name"),),
        lambda _o, _d, n, off: rows[off : off + n],
        lambda: len(rows),
    )
    table = RowTable("t")
    table.setModel(model)
    clicked: list[bool] = []
    empty = EmptyState("e", action=lambda: clicked.append(True))
    empty.set_texts("Nothing here yet.", "Add one")
    stack = EmptyStack(table, empty)
    qtbot.addWidget(stack)
    stack.show()
    assert stack.currentWidget() is empty and stack.is_empty()
    assert empty.button.isVisible() and empty.button.text() == "Add one"
    empty.button.click()
    assert clicked == [True]
    rows.append({"name": "x"})
    model.reload()
    assert stack.currentWidget() is table


def test_record_summary_reads_as_text_not_a_form(qtbot: QtBot) -> None:
    summary = RecordSummary("visitSummary")
    qtbot.addWidget(summary)
    summary.set_status("approved", "Approved")
    summary.set_rows([(None, "Visit"), ("Shop", "老李烟酒店"), ("Note", "")])
    summary.show()
    assert summary.value("Shop") == "老李烟酒店"
    assert summary.value("Note") == "—"
    assert summary.captions() == ["Shop", "Note"]
    assert summary.pill.isVisible() and summary.pill.state() == "approved"
    editors = [
        w for w in summary.findChildren(QWidget) if w.isEnabled() and not isinstance(w, QLabel)
    ]
    assert editors == []
    summary.set_rows([("Shop", "新店")])
    assert summary.captions() == ["Shop"]


def test_card_and_record_header(qtbot: QtBot) -> None:
    card = Card("summary", "Today")
    header = RecordHeader(None, heading_name="title")
    qtbot.addWidget(card)
    qtbot.addWidget(header)
    assert card.property("role") == "card" and card.title.property("role") == "title"
    header.set_save_state("invalid")
    assert header.save_state.property("role") == "error" and header.save_state.text()
    header.set_save_state("saved")
    assert header.save_state.property("role") == "muted"
    assert header.heading.property("role") == "heading"


def test_shop_page_shows_visit_status_as_pills(qtbot: QtBot, ctx: AppContext) -> None:
    page = ShopPage(ctx)
    qtbot.addWidget(page)
    shop = ctx.store.db.execute(
        "SELECT shop_id FROM visits WHERE deleted = 0 GROUP BY shop_id ORDER BY count(*) DESC"
    ).fetchone()[0]
    page.open(shop)
    view = page.visits.view
    delegate = view.itemDelegateForColumn(1)
    assert isinstance(delegate, PillDelegate)
    states = {delegate.state_at(view.model().index(r, 1)) for r in range(view.model().rowCount())}
    assert states and states <= set(theme.STATES) and "neutral" not in states


def test_review_queue_empty_state_offers_to_clear_the_filters(
    qtbot: QtBot, ctx: AppContext
) -> None:
    from fieldapp.demo import adopt_first

    adopt_first(ctx.store, "supervisor")
    page = ReviewPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.open()
    assert not page.empty_label.isVisible()
    page.date_filter.setChecked(True)
    page.since_edit.setDate(page.until_edit.date().addDays(300))  # no day matches
    page.reload()
    assert page.queue_model.total() == 0 and page.empty_label.isVisible()
    page.empty_label.button.click()
    assert not page.date_filter.isChecked() and page.queue_model.total() > 0


def test_an_erased_koc_reads_as_a_summary_not_a_grey_form(qtbot: QtBot, ctx: AppContext) -> None:
    from ui.pages.koc import KocPage

    page = KocPage(ctx)
    qtbot.addWidget(page)
    koc = ctx.store.db.execute("SELECT id FROM kocs WHERE deleted = 0 LIMIT 1").fetchone()[0]
    page.open(koc)
    page.show()
    summary = page.details.summary
    assert summary.isHidden() and not page.profile.isHidden()
    page.erase()
    assert not summary.isHidden() and page.profile.isHidden()
    assert summary.value("Stage") and summary.value("Trait score").endswith("of 20")
    assert summary.pill.text() == "Personal data erased"
