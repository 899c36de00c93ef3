"""The shelf-audit grid (issue 16) filled by keys alone: 20 SKUs, arrows, digits, Tab
and Space; a number the store would refuse stays as typed with its problem shown, and
the grid is not handed out until it is fixed; the model passes qtmodeltester."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.store.shelf import AuditRow
from ui.audit_grid import PROBLEM_ROLE, AuditGrid, AuditGridModel

K = Qt.Key
N = 20


def _rows(n: int = 20) -> list[AuditRow]:
    return [
        AuditRow(product_id=f"p{i}", name=f"SKU {i}", category="beer", list_price=10.0)
        for i in range(n)
    ]


def _key(qtbot: QtBot, grid: AuditGrid, key: Qt.Key, times: int = 1) -> None:
    for _ in range(times):
        target = grid.focusWidget() if grid.state() == grid.State.EditingState else grid
        qtbot.keyClick(target or grid, key)


def _type(qtbot: QtBot, grid: AuditGrid, text: str) -> None:
    """Type into the current cell: the first key opens its editor (Tab after an edit
    has opened the next cell's already), then Tab commits and moves on."""
    if grid.state() != grid.State.EditingState:
        qtbot.keyClicks(grid, text[0])
        text = text[1:]
    editor = grid.focusWidget()
    assert editor is not grid and editor is not None
    if text:
        qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, K.Key_Tab)


def test_twenty_skus_by_keys_alone(qtbot: QtBot) -> None:
    grid = AuditGrid()
    qtbot.addWidget(grid)
    grid.resize(900, 600)
    grid.grid_model.set_rows(_rows(N))
    grid.show()
    qtbot.waitExposed(grid)
    grid.setFocus()
    grid.setCurrentIndex(grid.model().index(0, 0))
    _key(qtbot, grid, K.Key_Right, 2)  # out of stock
    qtbot.keyClick(grid, K.Key_Space)
    qtbot.keyClick(grid, K.Key_Space)  # and back: not out of stock
    _key(qtbot, grid, K.Key_Right)  # facings
    for i in range(N):
        assert (grid.currentIndex().row(), grid.currentIndex().column()) == (i, 3)
        _type(qtbot, grid, str(i + 1))
        _type(qtbot, grid, "12.5")
        if i < N - 1:
            _key(qtbot, grid, K.Key_Escape)  # leave the editor Tab opened, then move
            _key(qtbot, grid, K.Key_Down)
            _key(qtbot, grid, K.Key_Left, 2)
    rows = grid.grid_model.rows()
    assert rows is not None
    assert [(r.facings, r.shelf_price, r.in_distribution, r.out_of_stock) for r in rows] == [
        (i + 1, 12.5, True, False) for i in range(N)
    ]


def test_a_refused_number_stays_as_typed_until_fixed(qtbot: QtBot) -> None:
    grid = AuditGrid()
    qtbot.addWidget(grid)
    grid.grid_model.set_rows(_rows(3))
    grid.show()
    qtbot.waitExposed(grid)
    grid.setFocus()
    grid.setCurrentIndex(grid.model().index(1, 3))
    _type(qtbot, grid, "1000")
    model = grid.grid_model
    cell = model.index(1, 3)
    assert model.data(cell) == "1000"  # never clamped to 999
    assert model.data(cell, PROBLEM_ROLE).code == "out_of_range"
    assert model.rows() is None and model._rows[1].facings is None
    _key(qtbot, grid, K.Key_Escape)
    _key(qtbot, grid, K.Key_Left)
    _type(qtbot, grid, "7")
    assert model.data(cell, PROBLEM_ROLE) is None
    rows = model.rows()
    assert rows is not None and rows[1].facings == 7


def test_price_disorder_is_flagged_not_changed(qtbot: QtBot) -> None:
    model = AuditGridModel()
    model.set_rows(_rows(1), share=0.2)
    price = model.index(0, 4)
    assert model.setData(price, "7.9")
    assert model.data(price) == "7.90" or model.data(price) == "7.9"
    assert model.data(price, int(Qt.ItemDataRole.UserRole.value) + 12) is True
    assert model.setData(price, "8")
    assert model.data(price, int(Qt.ItemDataRole.UserRole.value) + 12) is False


def test_the_model_passes_the_model_tester(qtmodeltester: Any) -> None:
    model = AuditGridModel()
    model.set_rows(_rows(5))
    qtmodeltester.check(model)


def test_stored_prices_show_their_cents_and_numbers_line_up_right() -> None:
    model = AuditGridModel()
    row = AuditRow(product_id="p", name="SKU", category="beer", list_price=90.0)
    model.set_rows([replace(row, shelf_price=89.0, facings=3, competitor_price=91.5)])
    assert model.data(model.index(0, 4)) == "89.00"
    assert model.data(model.index(0, 6)) == "91.50"
    assert model.data(model.index(0, 3)) == "3"
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.data(model.index(0, 4), Qt.ItemDataRole.TextAlignmentRole) == right
