"""A list's table model whose pages are found without counting every match (the shop
and KOC lists).

A broad search's first page comes before anyone knows how many rows match
(``views_shops_first.shop_page_uncounted``, ``views_kocs_first.koc_rows_uncounted``);
the count follows from a worker (:mod:`ui.pages.list_count`) and
:meth:`UncountedTableModel.set_total` takes it. Until then the model scrolls on while
the last page it read was full.
Threading: UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex

from ..models import Column, Index, QueryTableModel

__all__ = ["PageFetch", "Rows", "UncountedTableModel"]


class Rows(list[Any]):
    """A page of the list and how many rows match in all (None: not known yet)."""

    def __init__(self, rows: Sequence[Any], total: int | None) -> None:
        super().__init__(rows)
        self.total = total


PageFetch = Callable[[str | None, bool, int, int], Rows]


class UncountedTableModel(QueryTableModel):
    """A list model whose total may come after the rows."""

    def __init__(
        self,
        columns: Sequence[Column],
        fetch: PageFetch,
        *,
        context: str = "Columns",
        page_size: int = 60,
        parent: Any = None,
    ) -> None:
        super().__init__(
            columns, fetch, lambda: 0, context=context, page_size=page_size, parent=parent
        )
        #: How many rows match; None until it is known.
        self._known: int | None = 0
        #: Whether the last page read was full (there may be more).
        self._more = False

    def reload(self) -> None:
        """Query the first page again; the total is known when the page was not full or
        came with it, else :meth:`set_total` brings it."""
        self.beginResetModel()
        page = self._fetch(self._order, self._desc, self._page, 0)
        self._rows = list(page)
        self._more = len(self._rows) >= self._page
        known = getattr(page, "total", None)
        if not self._more:
            self._known = len(self._rows)
        else:
            self._known = None if known is None else max(known, len(self._rows))
        self._total = len(self._rows) if self._known is None else self._known
        self._texts.clear()
        self.endResetModel()

    def known_total(self) -> int | None:
        """How many rows match, or None while that is not known."""
        return self._known

    def total(self) -> int:
        """How many rows match when known, else how many are read so far."""
        return len(self._rows) if self._known is None else self._known

    def set_total(self, n: int) -> None:
        """The count of every match, computed apart from the rows (a write in between
        may have added rows already read: never fewer than those)."""
        self._known = max(n, len(self._rows)) if self._more else len(self._rows)
        self._total = self._known

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self._fetching:
            return False
        if self._known is None:
            return self._more
        return len(self._rows) < self._known

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._fetching:
            return
        self._fetching = True
        try:
            more = list(self._fetch(self._order, self._desc, self._page, len(self._rows)))
            self._more = len(more) >= self._page
            if more:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
                self._rows.extend(more)
                self.endInsertRows()
            if not self._more and self._known is not None:
                self._known = self._total = len(self._rows)  # the list changed meanwhile
        finally:
            self._fetching = False
