"""The visit's shelf-audit grid (issue 16): one row per SKU of the shop's assortment.

``AuditGridModel`` holds the rows (``fieldapp.store.shelf.AuditRow``) and what was typed
in each number cell: a number is taken only when ``ui.numbers`` finds nothing wrong with
it; otherwise the text stays as typed, the cell says why (``PROBLEM_ROLE``, tooltip) and
``rows()`` refuses to hand the grid out. Nothing typed is ever changed. A shelf price
under the list price by more than the configured share is flagged (乱价), not changed.
``AuditGrid`` is the table view, driven by keys alone: arrows move, digits start an
edit, Enter or Tab commits (Tab to the next cell), Space ticks a yes/no cell.
Threading: UI thread; the model does no I/O (the page loads and saves the rows).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from fieldapp.errors import FieldError
from fieldapp.shelf import DEFAULT_PRICE_DISORDER_SHARE
from fieldapp.store.shelf import AuditRow

from .labels import field_error_text
from .numbers import format_number, number_problem, read_number

PROBLEM_ROLE = int(Qt.ItemDataRole.UserRole.value) + 11
DISORDER_ROLE = int(Qt.ItemDataRole.UserRole.value) + 12
Index = QModelIndex | QPersistentModelIndex

_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_EDIT = Qt.ItemDataRole.EditRole.value
_CHECK = Qt.ItemDataRole.CheckStateRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ALIGN = Qt.ItemDataRole.TextAlignmentRole.value
_PROBLEM = PROBLEM_ROLE
_DISORDER = DISORDER_ROLE

#: (field, kind, minimum, maximum, decimals); kind "check" or "number"; the bounds are
#: the store's (fieldapp.model.ShelfAudit), so the grid refuses what the store refuses.
COLUMNS: tuple[tuple[str, str, float, float, int], ...] = (
    ("product", "label", 0, 0, 0),
    ("in_distribution", "check", 0, 0, 0),
    ("out_of_stock", "check", 0, 0, 0),
    ("facings", "number", 0, 999, 0),
    ("shelf_price", "number", 0.01, 1_000_000, 2),
    ("competitor_facings", "number", 0, 999, 0),
    ("competitor_price", "number", 0.01, 1_000_000, 2),
)


def _header(field: str) -> str:
    if field == "product":
        return QCoreApplication.translate("AuditGrid", "SKU")
    if field == "in_distribution":
        return QCoreApplication.translate("AuditGrid", "Carried")
    if field == "out_of_stock":
        return QCoreApplication.translate("AuditGrid", "OOS")
    if field == "facings":
        return QCoreApplication.translate("AuditGrid", "Facings")
    if field == "shelf_price":
        return QCoreApplication.translate("AuditGrid", "Price")
    if field == "competitor_facings":
        return QCoreApplication.translate("AuditGrid", "Rival facings")
    return QCoreApplication.translate("AuditGrid", "Rival price")


class AuditGridModel(QAbstractTableModel):
    """The grid's rows and the text typed in its number cells."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditRow] = []
        #: (row, column) -> (text as typed, its problem): only cells whose text is not
        #: (yet) a value the store takes.
        self._typed: dict[tuple[int, int], tuple[str, FieldError]] = {}
        self.share = DEFAULT_PRICE_DISORDER_SHARE

    # ------------------------------------------------------------------ content

    def set_rows(self, rows: list[AuditRow], *, share: float | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._typed.clear()
        if share is not None:
            self.share = share
        self.endResetModel()

    def rows(self) -> list[AuditRow] | None:
        """The rows to save, or None while a cell holds a problem."""
        return None if self._typed else list(self._rows)

    def problems(self) -> list[tuple[int, int, FieldError]]:
        return [(r, c, e) for (r, c), (_t, e) in sorted(self._typed.items())]

    # ------------------------------------------------------------------ Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _header(COLUMNS[section][0])
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        kind = COLUMNS[index.column()][1]
        if kind == "check":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if kind == "number":
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        row = self._rows[r]
        field, kind, _lo, _hi, decimals = COLUMNS[c]
        typed = self._typed.get((r, c))
        if kind == "label":
            if role == _DISPLAY:
                return row.name
            if role == _TOOLTIP and row.list_price is not None:
                return QCoreApplication.translate("AuditGrid", "List price %1").replace(
                    "%1", format_number(row.list_price, 2)
                )
            return None
        if kind == "check":
            if role == _CHECK:
                return Qt.CheckState.Checked if getattr(row, field) else Qt.CheckState.Unchecked
            return None
        if role == _ALIGN:  # numbers line up by their last digit
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (_DISPLAY, _EDIT):
            if typed is not None:
                return typed[0]
            value = getattr(row, field)
            if value is None:
                return ""
            # A stored price always shows its cents (89.00, not 89), so the column lines up.
            return f"{value:.{decimals}f}" if decimals else format_number(value)
        if role == _PROBLEM:
            return None if typed is None else typed[1]
        if role == _DISORDER:
            return field == "shelf_price" and row.price_disorder(self.share)
        if role == _TOOLTIP:
            if typed is not None:
                return field_error_text(typed[1])
            if field == "shelf_price" and row.price_disorder(self.share):
                return QCoreApplication.translate(
                    "AuditGrid", "Price disorder: under the list price by more than %1"
                ).replace("%1", f"{self.share:.0%}")
        return None

    def setData(self, index: Index, value: Any, role: int = _EDIT) -> bool:
        if not index.isValid():
            return False
        r, c = index.row(), index.column()
        field, kind, lo, hi, decimals = COLUMNS[c]
        if kind == "check" and role == _CHECK:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            return self._set(r, c, field, checked)
        if kind != "number" or role != _EDIT:
            return False
        text = "" if value is None else str(value)
        parsed = read_number(text, decimals=decimals)
        found = number_problem(
            parsed, minimum=lo, maximum=hi, decimals=decimals, optional=True, field=field
        )
        if found is not None:
            self._typed[(r, c)] = (text, found)
            self._changed(r, c)
            return True
        self._typed.pop((r, c), None)
        number = None if parsed is None or isinstance(parsed, str) else parsed
        if number is not None and decimals:
            number = float(number)
        return self._set(r, c, field, number)

    def _set(self, r: int, c: int, field: str, value: Any) -> bool:
        row = self._rows[r]
        changes: dict[str, Any] = {field: value}
        # Typing a count or a price says the SKU is on the shelf.
        if field in ("facings", "shelf_price") and value and not row.in_distribution:
            changes["in_distribution"] = True
        self._rows[r] = replace(row, **changes)
        self._changed(r, c)
        if "in_distribution" in changes and field != "in_distribution":
            self._changed(r, 1)
        return True

    def _changed(self, r: int, c: int) -> None:
        index = self.index(r, c)
        self.dataChanged.emit(index, index, [])


class AuditGrid(QTableView):
    """The grid view: keys alone fill it (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditGrid")
        self.grid_model = AuditGridModel(self)
        self.setModel(self.grid_model)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Tab moves on to the next cell only while editing (the delegate commits and opens
        # the next one); otherwise it leaves the grid, as everywhere on the page.
        self.setTabKeyNavigation(False)
        # Every column in view at the visit page's width (no sideways scrolling): the
        # numbers as wide as their header, the SKU name takes the rest.
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # No Python slot listens to the edits: one did (on dataChanged, or on a signal of
        # the model's) and PySide6 6.12 crashed at exit after a few hundred edits (a
        # refcount error on bool). The page reads the rows when it saves.
