"""A table header that keeps room for the sort arrow only on the sorted column.

Qt sizes every section of a sortable header (``ResizeToContents``) as if it showed the
sort arrow, which adds about a header's height to each column: a queue of ten short
numbers then needs more width than a 1366x768 screen leaves it, and the one stretching
column (the shop's name) is squeezed to nothing. ``CompactHeader`` sizes every other
section to its words (bold, as the style sheet draws them) and the padding around them.
Threading: UI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QWidget

from .. import theme

#: Room beyond the words and the padding (the section's border, a little air).
_SLACK = 6


class CompactHeader(QHeaderView):
    """A horizontal header whose unsorted sections fit their words alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(False)

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        size = super().sectionSizeFromContents(logicalIndex)
        if not self.isSortIndicatorShown() or logicalIndex == self.sortIndicatorSection():
            return size
        model = self.model()
        text = model.headerData(logicalIndex, self.orientation()) if model is not None else ""
        font = QFont(self.font())
        font.setBold(True)
        words = QFontMetrics(font).horizontalAdvance(str(text or ""))
        width = words + 2 * theme.HEADER_PAD_X + _SLACK
        size.setWidth(max(min(size.width(), width), self.minimumSectionSize()))
        return size
