"""The shop list's table model (:class:`ui.pages.list_model.UncountedTableModel`: a total
that may come after the rows); overdue shops show their last visit in red.
Threading: UI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor

from fieldapp.store.views_shops import ShopRow

from ..models import Column
from .list_model import Rows, UncountedTableModel

__all__ = ["OVERDUE_COLOR", "Rows", "ShopTableModel"]

#: Text colour of an overdue shop's last visit.
OVERDUE_COLOR = QColor("#c0392b")


class ShopTableModel(UncountedTableModel):
    """The shop list model: a total that may come after the rows; overdue shops show
    their last visit in red."""

    def foreground(self, row: Any, column: Column) -> Any:
        if isinstance(row, ShopRow) and row.overdue and column.key in ("last_visit", "days_since"):
            return QBrush(OVERDUE_COLOR)
        return None
