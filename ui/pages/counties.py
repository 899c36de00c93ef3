"""Counties: KOC density against the target, shop coverage, and the KOC stage funnel.

One row per county: active KOCs against the density target as a progress bar (37/50;
about 50 KOCs cover a county), dormant KOCs, shops, shops covered by at least one KOC
and the coverage; below, the KOC stage funnel as a bar chart with the conversion from
each stage to the next. The county filter narrows both to one county; a double-click
on a county opens its KOC list. Supervisors and admins set the chosen county's density
target below the table (head office refuses a rep's change of a target). Numbers come
from ``fieldapp.store.metrics`` (``county_density``, ``stage_funnel``), computed in SQL.
Threading: UI thread; both metrics are single grouped queries (a few ms on a rep store).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QMargins,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.model import FUNNEL_STAGES, KocStage
from fieldapp.store import metrics

from ..context import AppContext
from ..labels import field_error_text, label
from ..models import ROW_ROLE, Column, QueryTableModel
from ..page import Page
from . import is_supervisor
from .kocs import HEADING_STYLE, MUTED_STYLE, RowTable, fill_counties


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def density_text(row: metrics.CountyDensity) -> str:
    return f"{row.kocs}/{row.koc_target}"


COLUMNS = (
    Column("name", QT_TRANSLATE_NOOP("Columns", "County"), sort="name"),
    Column(
        "density",
        QT_TRANSLATE_NOOP("Columns", "KOCs / target"),
        sort="density_ratio",
        fmt=density_text,
    ),
    Column("dormant", QT_TRANSLATE_NOOP("Columns", "Dormant"), sort="dormant", align_right=True),
    Column("shops", QT_TRANSLATE_NOOP("Columns", "Shops"), sort="shops", align_right=True),
    Column(
        "covered", QT_TRANSLATE_NOOP("Columns", "Shops covered"), sort="covered", align_right=True
    ),
    Column(
        "coverage_ratio",
        QT_TRANSLATE_NOOP("Columns", "Coverage"),
        sort="coverage_ratio",
        fmt=percent,
        align_right=True,
    ),
)
DENSITY_COLUMN = 1


class _Row:
    """A county's numbers, with the density column's value being the row itself."""

    def __init__(self, d: metrics.CountyDensity) -> None:
        self.d = d

    def __getattr__(self, name: str) -> Any:
        if name == "density":
            return self.d
        return getattr(self.d, name)


class DensityDelegate(QStyledItemDelegate):
    """Paints "KOCs / target" as a progress bar that fills up to the target."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        row = index.data(ROW_ROLE)
        if row is None:
            super().paint(painter, option, index)
            return
        d: metrics.CountyDensity = row.d
        if option.state & QStyle.StateFlag.State_Selected:  # type: ignore[attr-defined]
            painter.fillRect(option.rect, option.palette.highlight())  # type: ignore[attr-defined]
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(4, 4, -4, -4)  # type: ignore[attr-defined]
        bar.minimum = 0
        bar.maximum = max(d.koc_target, 1)
        bar.progress = min(d.kocs, bar.maximum)
        bar.text = density_text(d)
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette  # type: ignore[attr-defined]
        style = option.widget.style() if option.widget else QApplication.style()  # type: ignore[attr-defined]
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)  # type: ignore[attr-defined]


class CountiesPage(Page):
    page_id = "counties"
    title_source = QT_TRANSLATE_NOOP("MainWindow", "Counties")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows: list[metrics.CountyDensity] = []
        self.funnel: metrics.StageFunnel | None = None
        self.heading = QLabel()
        self.heading.setObjectName("countiesHeading")
        self.heading.setStyleSheet(HEADING_STYLE)
        self.summary = QLabel()
        self.summary.setObjectName("countySummary")
        self.summary.setStyleSheet(MUTED_STYLE)
        self.county = QComboBox()
        self.county.setObjectName("countyFilter")
        self.county.setMinimumContentsLength(8)
        self.county.currentIndexChanged.connect(lambda _i: self.refresh())

        self.model = QueryTableModel(COLUMNS, self._fetch, lambda: len(self.rows))
        self.table = RowTable("countyTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(DENSITY_COLUMN, DensityDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DENSITY_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((150, 0, 90, 90, 110, 90)):
            if width:
                header.resizeSection(column, width)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 16)
        self.table.rowActivated.connect(self._open_kocs)

        # The density target of the chosen county (supervisors and admins).
        self.target_box = QWidget()
        self.target_box.setObjectName("targetBox")
        self.target_label = QLabel()
        self.target_label.setObjectName("targetLabel")
        self.target_edit = QSpinBox()
        self.target_edit.setObjectName("kocTargetEdit")
        self.target_edit.setRange(1, 100000)
        self.target_button = QPushButton()
        self.target_button.setObjectName("setTargetButton")
        self.target_button.clicked.connect(self.save_target)
        self.target_error = QLabel()
        self.target_error.setObjectName("targetError")
        self.target_error.setStyleSheet("color: #c0392b;")
        target_row = QHBoxLayout(self.target_box)
        target_row.setContentsMargins(0, 0, 0, 0)
        target_row.addWidget(self.target_label)
        target_row.addWidget(self.target_edit)
        target_row.addWidget(self.target_button)
        target_row.addWidget(self.target_error, 1)
        self.target_box.setVisible(is_supervisor(ctx))
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_target())

        self.funnel_title = QLabel()
        self.funnel_title.setObjectName("funnelTitle")
        self.funnel_title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.conversions = QLabel()
        self.conversions.setObjectName("funnelConversions")
        self.conversions.setStyleSheet(MUTED_STYLE)
        self.conversions.setWordWrap(True)
        self.bars = QBarSet("")
        self.bars.setColor(QColor("#2f80ed"))
        self.bars.setLabelColor(QColor("#1f2d3d"))
        self.series = QBarSeries()
        self.series.append(self.bars)
        self.series.setLabelsVisible(True)
        self.series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.chart = QChart()
        self.chart.addSeries(self.series)
        self.chart.legend().hide()
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.setBackgroundRoundness(0)
        self.axis_x = QBarCategoryAxis()
        self.axis_y = QValueAxis()
        self.axis_y.setLabelFormat("%d")
        self.chart.addAxis(self.axis_x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.axis_y, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.axis_x)
        self.series.attachAxis(self.axis_y)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("kocFunnel")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(220)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(12)
        top.addWidget(self.summary, 1, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.county)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 12, 16, 8)
        column.addLayout(top)
        column.addWidget(self.table, 2)
        column.addWidget(self.target_box)
        column.addWidget(self.funnel_title)
        column.addWidget(self.chart_view, 3)
        column.addWidget(self.conversions)

        ctx.signals.changed.connect(self._store_changed)
        fill_counties(self.county, ctx, any_text=self.tr("All counties"))
        self.retranslate()
        self.refresh()

    # ------------------------------------------------------------------ data

    def county_id(self) -> str | None:
        return self.county.currentData()

    def _fetch(self, order: str | None, desc: bool, limit: int, offset: int) -> list[Any]:
        rows = [_Row(d) for d in self.rows]
        if order is not None:
            # None ratios (no target, no shops) sort below every number.
            rows.sort(
                key=lambda r: (getattr(r.d, order) is not None, getattr(r.d, order) or 0),
                reverse=desc,
            )
        return rows[offset : offset + limit]

    def refresh(self) -> None:
        db = self.ctx.store.db
        county = self.county_id()
        self.rows = metrics.county_density(db, county_ids=None if county is None else [county])
        self.funnel = metrics.stage_funnel(db, county_id=county)
        self.model.reload()
        self._show_funnel()
        self._show_summary()
        self._show_target()

    def target_county(self) -> metrics.CountyDensity | None:
        """The county whose target the editor shows: the chosen row, else the filter's."""
        item = self.model.row_at(self.table.current_row())
        if item is not None:
            return item.d  # type: ignore[no-any-return]
        if len(self.rows) == 1:
            return self.rows[0]
        return None

    def _show_target(self) -> None:
        county = self.target_county()
        self.target_error.clear()
        self.target_edit.setEnabled(county is not None)
        self.target_button.setEnabled(county is not None)
        if county is None:
            self.target_label.setText(self.tr("Choose a county to set its KOC target."))
            return
        self.target_label.setText(self.tr("KOC target for %1:").replace("%1", county.name))
        self.target_edit.setValue(county.koc_target)

    def save_target(self) -> bool:
        """Write the editor's value as the chosen county's density target."""
        county = self.target_county()
        if county is None:
            return False
        try:
            self.ctx.store.counties.update(county.county_id, koc_target=self.target_edit.value())
        except ValidationError as exc:
            self.target_error.setText(field_error_text(exc.errors[0]))
            return False
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return False
        keep = county.county_id
        self.ctx.notify("counties")
        self.refresh()
        for i in range(self.model.rowCount()):
            if self.model.row_at(i).d.county_id == keep:
                self.table.selectRow(i)
        return True

    def _store_changed(self, table: str) -> None:
        if table == "counties":
            fill_counties(self.county, self.ctx, any_text=self.tr("All counties"))
        # Hidden, it re-reads in open() when shown again.
        if table in ("kocs", "koc_shops", "shops", "counties") and self.isVisible():
            self.refresh()

    def open(self, arg: object = None) -> None:
        if isinstance(arg, str):
            self.county.setCurrentIndex(max(self.county.findData(arg), 0))
        fill_counties(self.county, self.ctx, any_text=self.tr("All counties"))
        self.refresh()

    def _open_kocs(self, row: int) -> None:
        item = self.model.row_at(row)
        if item is not None:
            self.ctx.go("kocs", {"county_id": item.d.county_id})

    # ------------------------------------------------------------------ words and chart

    def _show_summary(self) -> None:
        kocs = sum(r.kocs for r in self.rows)
        target = sum(r.koc_target for r in self.rows)
        shops = sum(r.shops for r in self.rows)
        covered = sum(r.covered for r in self.rows)
        self.summary.setText(
            self.tr("%1 active KOCs against a target of %2 · %3 of %4 shops covered")
            .replace("%1", f"{kocs:,}")
            .replace("%2", f"{target:,}")
            .replace("%3", f"{covered:,}")
            .replace("%4", f"{shops:,}")
        )

    def _show_funnel(self) -> None:
        funnel = self.funnel
        if funnel is None:
            return
        stages = (*FUNNEL_STAGES, KocStage.DORMANT)
        counts = [funnel.count(s) for s in stages]
        if self.bars.count():
            self.bars.remove(0, self.bars.count())
        self.bars.append([float(n) for n in counts])
        self.axis_x.setCategories([label(s) for s in stages])
        top = max([*counts, 1])
        self.axis_y.setRange(0, top * 1.15)
        self.axis_y.applyNiceNumbers()
        name = self.county.currentText() if self.county_id() else self.tr("all counties")
        self.funnel_title.setText(self.tr("KOC stage funnel: %1").replace("%1", name))
        parts = []
        for step in funnel.conversions:
            parts.append(
                self.tr("%1 → %2: %3")
                .replace("%1", label(step.from_stage))
                .replace("%2", label(step.to_stage))
                .replace("%3", percent(step.ratio))
            )
        self.conversions.setText(
            self.tr("Conversion to the next stage: %1").replace("%1", " · ".join(parts))
        )

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        if self.county.count():
            self.county.setItemText(0, self.tr("All counties"))
        self.bars.setLabel(QCoreApplication.translate("CountiesPage", "KOCs"))
        self.target_button.setText(self.tr("Set target"))
        self._show_target()
        self.model.retranslate()
        self._show_funnel()
        self._show_summary()


__all__ = ["CountiesPage", "DensityDelegate"]
