"""The read-only tables of the shop list and the shop page: rows open with Enter or a
double-click, columns sized to fit their header and sample texts.
Threading: UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import EnumType, StrEnum

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ..labels import label
from ..models import ROW_ROLE, QueryTableModel

__all__ = ["DATE_SAMPLE", "PERSON_SAMPLE", "OpenTable", "Sample"]

#: What a column must fit: sample texts, an enum (all its words), or a function giving
#: texts in the current language.
Sample = Sequence[str] | type[StrEnum] | Callable[[], Sequence[str]]

DATE_SAMPLE = ("2026-11-24",)
PERSON_SAMPLE = ("欧阳建国",)


class OpenTable(QTableView):
    """A read-only table whose rows open with Enter or a double-click."""

    #: The row (its ``ROW_ROLE`` object) the user wants to open.
    opened = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.doubleClicked.connect(self._open_index)
        self._samples: dict[str, Sample] = {}
        self._stretch: str | None = None

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.opened.emit(index.data(ROW_ROLE))

    def open_current(self) -> bool:
        index = self.currentIndex()
        if not index.isValid() and self.model() is not None and self.model().rowCount():
            index = self.model().index(0, 0)
        if not index.isValid():
            return False
        self._open_index(index)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open_index(self.currentIndex())
            return
        super().keyPressEvent(event)

    def fit_columns(self, samples: Mapping[str, Sample], *, stretch: str | None = None) -> None:
        """Size columns to fit their header and sample texts; ``stretch`` takes the rest.

        Widths are measured again after a language change (the words change length).
        """
        self._samples = dict(samples)
        self._stretch = stretch
        self.refit()

    def refit(self) -> None:
        model = self.model()
        if not isinstance(model, QueryTableModel):
            return
        header = self.horizontalHeader()
        header.setStretchLastSection(self._stretch is None)
        fm, head_fm = self.fontMetrics(), header.fontMetrics()
        for i, column in enumerate(model.columns):
            if column.key == self._stretch:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
                continue
            spec = self._samples.get(column.key)
            if spec is None:
                continue
            if isinstance(spec, EnumType):  # a StrEnum class: its members' words
                texts: Sequence[str] = [label(m) for m in spec]
            elif callable(spec):
                texts = spec()
            else:
                texts = spec
            head = str(model.headerData(i, Qt.Orientation.Horizontal))
            # Room for the sort arrow beside the header text, and cell padding.
            # A pill (ui/widgets/status_pill.py) needs its own padding around the text.
            extra = getattr(self.itemDelegateForColumn(i), "extra_width", 0)
            width = max(
                [head_fm.horizontalAdvance(head) + 30]
                + [fm.horizontalAdvance(t) + 18 + extra for t in texts]
            )
            self.setColumnWidth(i, width)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.refit()
