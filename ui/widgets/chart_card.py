"""A titled card with a chart and the same numbers as a table (a Chart / Table switch).

``ChartCard`` is the dashboard's building block (and the shelf card's); ``NumbersModel``
holds a card's rows as text; the small helpers build bar sets and axes the same way on
every card. Colours come from the theme.
Threading: UI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QMargins,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .. import icons, theme
from ..labels import translate_in
from .skeleton import Skeleton

CONTEXT = "DashboardPage"
Index = QModelIndex | QPersistentModelIndex

#: Chart series colours (the theme's accent and state colours).
BLUE, GREY, ORANGE, RED, GREEN = (
    theme.ACCENT,
    "#b8c2cc",
    "#e8833a",
    theme.STATES["overdue"].fg,
    "#2e9e5b",
)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _num(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


# --------------------------------------------------------------------------- table model


class NumbersModel(QAbstractTableModel):
    """A card's numbers as rows of text under translated headers."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self._rows: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        self.beginResetModel()
        self._rows = [tuple("" if v is None else str(v) for v in row) for row in rows]
        self.endResetModel()

    def rows(self) -> list[tuple[str, ...]]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = (index.column() > 0 and value[:1].isdigit()) or value == "—"
            horizontal = Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return translate_in(CONTEXT, self.headers[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return section + 1
        return None

    def retranslate(self) -> None:
        if self.headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)


# --------------------------------------------------------------------------- cards

#: The cards' colours (white cards with a thin border on a light grey page).
CARD_BACKGROUND = QColor(theme.SURFACE)
CARD_BORDER = QColor(theme.BORDER)
PAGE_BACKGROUND = QColor(theme.PAGE)
MUTED = QColor(theme.MUTED)


def _text_colour(label: QLabel, colour: QColor) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)


class ChartCard(QFrame):
    """A titled card showing a chart, or the same numbers as a table."""

    def __init__(self, key: str, title: str, headers: Sequence[str]) -> None:
        super().__init__()
        self.key = key
        self.title_source = title
        self.setObjectName(f"{key}Card")
        # Drawn by paintEvent and styled by fonts and palettes, not style sheets: a
        # style sheet on the card made Qt style every widget inside it by the sheet,
        # and the page's first open cost 50-100 ms more for it.
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.title = QLabel()
        self.title.setObjectName(f"{key}Title")
        title_font = QFont(self.title.font())
        title_font.setBold(True)
        title_font.setPixelSize(theme.FONT_H3_PX)
        self.title.setFont(title_font)
        self.note = QLabel()
        self.note.setObjectName(f"{key}Note")
        _text_colour(self.note, MUTED)
        self.toggle = QToolButton()
        self.toggle.setObjectName(f"{key}Toggle")
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self._toggled)

        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setBackgroundRoundness(0)
        self.chart.setMargins(QMargins(2, 2, 2, 2))
        self.chart.layout().setContentsMargins(0, 0, 0, 0)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.view = QChartView(self.chart)
        self.view.setObjectName(f"{key}Chart")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.model = NumbersModel(headers, self)
        self.table = QTableView()
        self.table.setObjectName(f"{key}Table")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Size columns from the first rows only: a year of events or rep-weeks is a
        # thousand rows, and measuring them all would cost more than the query.
        self.table.horizontalHeader().setResizeContentsPrecision(50)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.stack = QStackedWidget()
        self.stack.setObjectName(f"{key}Stack")
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.table)
        # Until its first numbers arrive (computed on a worker) the card shows a skeleton.
        self.skeleton = Skeleton(f"{key}Skeleton")
        self.stack.addWidget(self.skeleton)
        self.stack.setCurrentWidget(self.skeleton)
        self.model.modelReset.connect(self._numbers_arrived)

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.SPACE_M, theme.SPACE_S, theme.SPACE_M, theme.SPACE_S)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)
        self.setMinimumHeight(270)
        self.retranslate()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(CARD_BORDER, 1))
        painter.setBrush(CARD_BACKGROUND)
        painter.drawRoundedRect(
            QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), theme.RADIUS_L, theme.RADIUS_L
        )

    def _toggled(self, table: bool) -> None:
        if not self.loading():
            self.stack.setCurrentIndex(1 if table else 0)
        self._toggle_text()

    def _numbers_arrived(self) -> None:
        if self.loading():
            self.stack.setCurrentIndex(1 if self.toggle.isChecked() else 0)

    def loading(self) -> bool:
        """No numbers yet: the skeleton stands in for the chart and the table."""
        return self.stack.currentWidget() is self.skeleton

    def showing_table(self) -> bool:
        return self.stack.currentIndex() == 1

    def _toggle_text(self) -> None:
        self.toggle.setText(
            QCoreApplication.translate("DashboardPage", "Chart")
            if self.toggle.isChecked()
            else QCoreApplication.translate("DashboardPage", "Table")
        )
        self.toggle.setIcon(icons.icon("chart" if self.toggle.isChecked() else "table"))
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setToolTip(
            QCoreApplication.translate("DashboardPage", "Show the chart")
            if self.toggle.isChecked()
            else QCoreApplication.translate("DashboardPage", "Show the numbers")
        )

    def clear_chart(self) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)

    def retranslate(self) -> None:
        self.title.setText(_tr(self.title_source))
        self._toggle_text()
        self.model.retranslate()
        self.skeleton.retranslate()


def _bar_set(name: str, values: Sequence[float], color: str) -> QBarSet:
    bar = QBarSet(name)
    for v in values:
        bar.append(float(v))
    bar.setColor(QColor(color))
    bar.setBorderColor(QColor(color))
    return bar


def _small(axis: QAbstractAxis) -> QAbstractAxis:
    font = QFont()
    font.setPixelSize(theme.FONT_CAPTION_PX)
    axis.setLabelsFont(font)
    return axis


def _value_axis(top: float, *, percent: bool = False) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, max(top, 1.0))
    if not percent:
        axis.applyNiceNumbers()
    axis.setLabelFormat("%d%%" if percent else "%d")
    _small(axis)
    return axis


def _categories(names: Sequence[str], *, upright: bool = False) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append(list(names))
    _small(axis)
    if upright:  # many short labels (weeks): read from bottom to top instead of "…"
        axis.setLabelsAngle(-90)
        axis.setTruncateLabels(False)
    return axis


def _week_label(day: date) -> str:
    return day.strftime("%m-%d")
