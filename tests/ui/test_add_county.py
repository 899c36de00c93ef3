"""A rep or a supervisor adds a county the store lacks, from China's county list or by
hand, on the Counties page; the new-shop form offers it at once."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from fieldapp import reference
from fieldapp.demo import adopt_first
from ui.add_county import AddCountyDialog
from ui.context import AppContext
from ui.pages.counties import CountiesPage


def test_a_rep_adds_a_county_from_the_list(qtbot: QtBot, ctx: AppContext) -> None:
    page = CountiesPage(ctx)
    qtbot.addWidget(page)
    assert page.add_county_button.isVisibleTo(page)
    dialog = page.ask_add_county()
    assert isinstance(dialog, AddCountyDialog)
    assert dialog.province.currentData() == "河南省"  # where the store's counties are
    have = {c.name for c in ctx.store.counties.list()}
    offered = {dialog.name.itemText(i) for i in range(dialog.name.count())}
    assert offered and not offered & have  # only the missing ones
    before = ctx.store.counties.count()
    dialog.set_county("河南省", "兰考县")
    assert dialog.prefecture.text() == "开封市"
    assert dialog.add()
    added = dialog.added
    assert added is not None and added.name == "兰考县" and added.prefecture == "开封市"
    ref = reference.find("兰考县")[0]
    assert added.id == reference.county_id(ref)
    assert ctx.store.counties.count() == before + 1
    assert page.county.findText("兰考县") >= 0  # the filter knows it now


def test_a_supervisor_types_a_county_that_is_not_on_the_list(qtbot: QtBot, ctx: AppContext) -> None:
    adopt_first(ctx.store, "supervisor")
    dialog = AddCountyDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.set_county("河南省", "郑东新区")
    dialog.prefecture.setText("郑州市")
    assert dialog.add()
    assert dialog.added is not None and dialog.added.prefecture == "郑州市"
    # Twice is refused in words, and nothing is written.
    again = AddCountyDialog(ctx)
    qtbot.addWidget(again)
    again.set_county("河南省", "郑东新区")
    count = ctx.store.counties.count()
    assert not again.add()
    assert again.error.text() and ctx.store.counties.count() == count
    # An empty name is a field error, not a crash.
    again.set_county("河南省", "")
    assert not again.add() and again.error.text()
