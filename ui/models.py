"""Table models over store queries: columns declared once, sorting and paging in SQL.

``QueryTableModel`` asks a fetch function for one page of rows at a time
(``fetchMore``), so a list of 150,000 visits opens as fast as one of 10. Sorting
re-queries with an ``ORDER BY`` key; ``ROW_ROLE`` returns the row object itself.
Threading: UI thread; fetch functions must be quick (indexed, paged) queries.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

# ``data`` runs for every role of every painted cell (thousands of calls per repaint):
# plain ints compare faster than Qt's enum members, looked up on every call.
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_LEFT = (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value
_RIGHT = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value
_HORIZONTAL = Qt.Orientation.Horizontal
_VERTICAL = Qt.Orientation.Vertical

Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[str | None, bool, int, int], Sequence[Any]]


@dataclass(frozen=True)
class Column:
    """One column: the row field, its header (source text), how to sort and show it."""

    key: str
    header: str
    #: Sort key handed to the fetch function; None makes the column unsortable.
    sort: str | None = None
    fmt: Callable[[Any], str] | None = None
    align_right: bool = False


def value_of(row: Any, key: str) -> Any:
    if isinstance(row, dict):
        return row.get(key)
    return getattr(row, key, None)


class QueryTableModel(QAbstractTableModel):
    """A read-only, lazily paged table over a query."""

    #: Show a cell's whole text as its tooltip (for narrow columns that elide).
    text_tooltips = False

    def __init__(
        self,
        columns: Sequence[Column],
        fetch: Fetch,
        count: Callable[[], int],
        *,
        context: str = "Columns",
        page_size: int = 200,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._fetch = fetch
        self._count = count
        self._context = context
        self._page = page_size
        self._rows: list[Any] = []
        self._total = 0
        self._order: str | None = None
        self._desc = False
        self._fetching = False  # views may ask for more while rows are being inserted
        # Display texts by (row, column), made on first paint: a repaint asks again.
        self._texts: dict[tuple[int, int], str] = {}

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Query again from the first page (after a filter change or an edit)."""
        self.beginResetModel()
        # Rows first, then the count. A first page that is not full is the whole list;
        # a page that carries its list's ``total`` (views_today.Rows: counted in the
        # same query) needs no count either; else ``count`` is asked (it may know the
        # total from the same query too, see ShopsPage).
        page = self._fetch(self._order, self._desc, self._page, 0)
        known = getattr(page, "total", None)
        self._rows = list(page)
        if len(self._rows) < self._page:
            self._total = len(self._rows)
        else:
            self._total = max(known if known is not None else self._count(), len(self._rows))
        self._texts.clear()
        self.endResetModel()

    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._fetching:
            return
        self._fetching = True
        try:
            more = list(self._fetch(self._order, self._desc, self._page, len(self._rows)))
            if not more:
                self._total = len(self._rows)
                return
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()
        finally:
            self._fetching = False

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY or (role == _TOOLTIP and self.text_tooltips):
            key = (index.row(), index.column())
            text = self._texts.get(key)
            if text is None and index.isValid() and 0 <= key[0] < len(self._rows):
                text = self.display(self._rows[key[0]], self.columns[key[1]])
                self._texts[key] = text
            return text
        if role == _ALIGNMENT:
            if not index.isValid():
                return None
            return _RIGHT if self.columns[index.column()].align_right else _LEFT
        if role == _FOREGROUND:
            if not index.isValid() or not (0 <= index.row() < len(self._rows)):
                return None
            return self.foreground(self._rows[index.row()], self.columns[index.column()])
        if role != ROW_ROLE and role != SORT_ROLE:
            return None
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        return value_of(row, self.columns[index.column()].key)

    def foreground(self, row: Any, column: Column) -> Any:
        """The text colour (a QBrush) of one cell; None for the usual colour."""
        return None

    def display(self, row: Any, column: Column) -> str:
        """The text of one cell (asked once per cell until the rows or language change)."""
        value = value_of(row, column.key)
        if column.fmt is not None:
            return column.fmt(value)
        return "" if value is None else str(value)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        # Asked for every role of every section each time a header measures itself
        # (hundreds of calls before the first paint): plain ints, as in ``data``.
        if role != _DISPLAY:
            return None
        if orientation is _HORIZONTAL and 0 <= section < len(self.columns):
            header = self.columns[section].header
            return QCoreApplication.translate(getattr(header, "context", self._context), header)
        if orientation is _VERTICAL:
            return section + 1
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.columns)) or self.columns[column].sort is None:
            return
        self._order = self.columns[column].sort
        self._desc = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def retranslate(self) -> None:
        """Headers and formatted cells are translated on read; tell the views to redraw."""
        self._texts.clear()
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1)
            )
