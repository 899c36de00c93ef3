"""Counties: KOC density against the target, shop coverage, and the KOC stage funnel.

One row per county: active KOCs against the density target as a progress bar (37/50;
about 50 KOCs cover a county), dormant KOCs, shops, shops covered by at least one KOC
and the coverage; below, the KOC stage funnel as a bar chart with the conversion from
each stage to the next. The county filter narrows both to one county; a double-click
on a county opens its KOC list. Supervisors and admins set the chosen county's density
target below the table (head office refuses a rep's change of a target). Numbers come
from ``fieldapp.store.metrics`` (``county_density``, ``stage_funnel``), computed in SQL.
A supervisor also gets a Team tab: the team's reps with their shops, KOCs and visits
this month, the unassigned pool (reps without a team), and "Add to team" / "Release"
after a confirmation, written through ``store.users`` (outbox, then sync); a refusal
(``rep_has_data``: the rep still owns live shops, KOCs or events) goes through the app's
error presenter and changes nothing. Reps never see the tab (nor the pool).
Threading: UI thread; both metrics are single grouped queries (a few ms on a rep store),
the team's counts three more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, timedelta
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
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.model import FUNNEL_STAGES, KocStage, Role, User
from fieldapp.store import loop, metrics
from ui.translate_noop import QT_TRANSLATE_NOOP

from .. import theme
from ..context import AppContext
from ..labels import field_error_text, label
from ..models import ROW_ROLE, Column, QueryTableModel
from ..numbers import NumberEdit
from ..page import Page
from ..widgets.team_visit_days import TeamDisplayShares, TeamVisitDays
from . import current_user, is_supervisor
from .kocs import RowTable, fill_counties


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
        "covered",
        QT_TRANSLATE_NOOP("Columns", "Shops covered"),
        sort="covered",
        align_right=True,
    ),
    Column(
        "coverage_ratio",
        QT_TRANSLATE_NOOP("Columns", "Coverage"),
        sort="coverage_ratio",
        fmt=percent,
        align_right=True,
    ),
    # Issue 18: cloud-store revenue with a KOC of the county behind it (docs/attribution.md).
    Column(
        "koc_revenue",
        QT_TRANSLATE_NOOP("Columns", "KOC-driven revenue, 90 days"),
        sort="koc_revenue",
        fmt=lambda v: f"¥{v:,.0f}",
        align_right=True,
    ),
)
#: The days the revenue column covers (to today).
REVENUE_DAYS = 90
DENSITY_COLUMN = 1


@dataclass(frozen=True)
class TeamRow:
    """A rep in the Team tab: the team's with their counts, or one of the pool."""

    id: str
    name: str
    mobile: str
    shops: int = 0
    kocs: int = 0
    visits: int = 0


MEMBER_COLUMNS = (
    Column("name", QT_TRANSLATE_NOOP("Columns", "Rep"), sort="name"),
    Column("shops", QT_TRANSLATE_NOOP("Columns", "Shops"), sort="shops", align_right=True),
    Column("kocs", QT_TRANSLATE_NOOP("Columns", "KOCs"), sort="kocs", align_right=True),
    Column(
        "visits",
        QT_TRANSLATE_NOOP("Columns", "Visits this month"),
        sort="visits",
        align_right=True,
    ),
)
POOL_COLUMNS = (
    Column("name", QT_TRANSLATE_NOOP("Columns", "Rep"), sort="name"),
    Column("mobile", QT_TRANSLATE_NOOP("Columns", "Mobile"), sort="mobile"),
)


def _sorted(rows: list[TeamRow], order: str | None, desc: bool) -> list[TeamRow]:
    return sorted(rows, key=lambda r: getattr(r, order or "name"), reverse=desc)


class TeamPanel(QWidget):
    """The supervisor's team membership: reps of the team, the pool, add and release."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamPanel")
        self.ctx = ctx
        self.members: list[TeamRow] = []
        self.pool: list[TeamRow] = []
        self.heading = QLabel()
        self.heading.setObjectName("teamHeading")
        theme.set_role(self.heading, "title")
        self.hint = QLabel()
        self.hint.setObjectName("teamHint")
        theme.set_role(self.hint, "muted")
        self.hint.setWordWrap(True)

        self.members_title = QLabel()
        self.members_title.setObjectName("membersTitle")
        self.member_model = QueryTableModel(
            MEMBER_COLUMNS,
            lambda o, d, n, off: _sorted(self.members, o, d)[off : off + n],
            lambda: len(self.members),
        )
        self.member_table = RowTable("teamMembers")
        self.member_table.setModel(self.member_model)
        self.member_table.setSortingEnabled(True)
        member_header = self.member_table.horizontalHeader()
        member_header.setStretchLastSection(False)
        member_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.member_table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.release_button = QPushButton()
        self.release_button.setObjectName("releaseRepButton")
        self.release_button.clicked.connect(self.ask_release)

        self.pool_title = QLabel()
        self.pool_title.setObjectName("poolTitle")
        self.pool_model = QueryTableModel(
            POOL_COLUMNS,
            lambda o, d, n, off: _sorted(self.pool, o, d)[off : off + n],
            lambda: len(self.pool),
        )
        self.pool_table = RowTable("teamPool")
        self.pool_table.setModel(self.pool_model)
        self.pool_table.setSortingEnabled(True)
        self.pool_table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addRepButton")
        self.add_button.clicked.connect(self.ask_add)
        self.pool_empty = QLabel()
        self.pool_empty.setObjectName("poolEmpty")
        theme.set_role(self.pool_empty, "muted")
        self.pool_empty.setWordWrap(True)

        for table in (self.member_table, self.pool_table):
            table.selectionModel().currentRowChanged.connect(lambda *_a: self._enable())
        left = QVBoxLayout()
        left.addWidget(self.members_title)
        left.addWidget(self.member_table, 1)
        left_buttons = QHBoxLayout()
        left_buttons.addStretch(1)
        left_buttons.addWidget(self.release_button)
        left.addLayout(left_buttons)
        right = QVBoxLayout()
        right.addWidget(self.pool_title)
        right.addWidget(self.pool_table, 1)
        right.addWidget(self.pool_empty)
        right_buttons = QHBoxLayout()
        right_buttons.addStretch(1)
        right_buttons.addWidget(self.add_button)
        right.addLayout(right_buttons)
        lists = QHBoxLayout()
        lists.addLayout(left, 3)
        lists.addSpacing(16)
        lists.addLayout(right, 2)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.hint)
        column.addLayout(lists, 1)
        self.visit_days = TeamVisitDays(ctx, self.team_id)
        self.display_shares = TeamDisplayShares(ctx, self.team_id)  # issue 16
        settings = QHBoxLayout()
        settings.addWidget(self.visit_days, 1)
        settings.addWidget(self.display_shares, 1)
        column.addLayout(settings)

    # ------------------------------------------------------------------ data

    def team_id(self) -> str | None:
        user = current_user(self.ctx)
        return user.team_id if user is not None else None

    def refresh(self) -> None:
        self.visit_days.refresh()
        self.display_shares.refresh()
        users = self.ctx.store.users
        team = self.team_id()
        reps: list[User] = []
        if team is not None:
            members = users.list(where={"team_id": team}, order_by="name")
            reps = [u for u in members if u.role == Role.REP]
        now = self.ctx.store.now().astimezone(UTC)
        month = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        counts = users.activity((u.id for u in reps), since=month)
        self.members = [TeamRow(u.id, u.name, u.mobile or "", **counts.get(u.id, {})) for u in reps]
        self.pool = [
            TeamRow(u.id, u.name, u.mobile or "")
            for u in users.list(where={"team_id": None, "role": Role.REP.value}, order_by="name")
        ]
        self.member_model.reload()
        self.pool_model.reload()
        self.retranslate()

    def selected_member(self) -> TeamRow | None:
        row = self.member_model.row_at(self.member_table.current_row())
        return row if isinstance(row, TeamRow) else None

    def selected_pool(self) -> TeamRow | None:
        row = self.pool_model.row_at(self.pool_table.current_row())
        return row if isinstance(row, TeamRow) else None

    def _enable(self) -> None:
        self.release_button.setEnabled(self.selected_member() is not None)
        self.add_button.setEnabled(self.selected_pool() is not None and self.team_id() is not None)

    # ------------------------------------------------------------------ writing

    def ask_add(self) -> None:
        rep = self.selected_pool()
        if rep is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Add to team"),
            self.tr(
                "Add %1 to your team? They will see the team's shops, KOCs and events after"
                " their next sync."
            ).replace("%1", rep.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.add(rep.id)

    def ask_release(self) -> None:
        rep = self.selected_member()
        if rep is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Release from team"),
            self.tr(
                "Release %1 from your team to the unassigned reps? The team's data leaves"
                " their laptop at their next sync."
            ).replace("%1", rep.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.release(rep.id)

    def add(self, user_id: str) -> bool:
        """Take a pool rep into the team without asking (tests, and after asking)."""
        return self._write(lambda: self.ctx.store.users.take_in(user_id))

    def release(self, user_id: str) -> bool:
        """Release a rep of the team without asking (tests, and after asking)."""
        return self._write(lambda: self.ctx.store.users.release(user_id))

    def _write(self, write: Any) -> bool:
        try:
            write()
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return False
        self.ctx.notify("users")
        self.refresh()
        return True

    # ------------------------------------------------------------------ words

    def retranslate(self) -> None:
        team = self.team_id()
        found = self.ctx.store.teams.find(team) if team else None
        name = found.name if found is not None else ""
        self.heading.setText(self.tr("Team: %1").replace("%1", name))
        self.hint.setText(
            self.tr(
                "Add reps who have no team yet, or release a rep of your team so that another"
                " supervisor can take them in. A rep who still has shops, KOCs or events cannot"
                " be released: reassign their shops, KOCs and events to another rep first."
            )
        )
        self.members_title.setText(
            self.tr("Reps in your team (%1)").replace("%1", str(len(self.members)))
        )
        self.pool_title.setText(self.tr("Unassigned reps (%1)").replace("%1", str(len(self.pool))))
        self.pool_empty.setText(self.tr("No rep is waiting for a team.") if not self.pool else "")
        self.pool_empty.setVisible(not self.pool)
        self.release_button.setText(self.tr("Release…"))
        self.add_button.setText(self.tr("Add to team…"))
        self.member_model.retranslate()
        self.pool_model.retranslate()
        self._enable()


class _Row:
    """A county's numbers, with the density column's value being the row itself."""

    def __init__(self, d: metrics.CountyDensity, koc_revenue: float = 0.0) -> None:
        self.d = d
        self.koc_revenue = koc_revenue

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
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(4, 4, -4, -4)
        bar.minimum = 0
        bar.maximum = max(d.koc_target, 1)
        bar.progress = min(d.kocs, bar.maximum)
        bar.text = density_text(d)
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)


class CountiesPage(Page):
    page_id = "counties"
    title_source = QT_TRANSLATE_NOOP("MainWindow", "Counties")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows: list[metrics.CountyDensity] = []
        self.revenue: dict[str, float] = {}
        self.funnel: metrics.StageFunnel | None = None
        # Whether the store changed since the last refresh (while the page was hidden):
        # open() re-reads only then, not right after __init__ read everything.
        self._stale = True
        self.heading = QLabel()
        self.heading.setObjectName("countiesHeading")
        theme.set_role(self.heading, "heading")
        self.summary = QLabel()
        self.summary.setObjectName("countySummary")
        theme.set_role(self.summary, "muted")
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
        for section, width in enumerate((150, 0, 90, 90, 110, 90)):
            if width:
                header.resizeSection(section, width)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 16)
        self.table.rowActivated.connect(self._open_kocs)

        # The density target of the chosen county (supervisors and admins).
        self.target_box = QWidget()
        self.target_box.setObjectName("targetBox")
        self.target_label = QLabel()
        self.target_label.setObjectName("targetLabel")
        self.target_edit = NumberEdit(minimum=1, maximum=100000)
        self.target_edit.setObjectName("kocTargetEdit")
        self.target_edit.setMaximumWidth(100)
        self.target_error = QLabel()
        self.target_error.setObjectName("targetError")
        theme.set_role(self.target_error, "error")
        self.target_edit.returnPressed.connect(self.save_target)
        self.target_edit.textEdited.connect(lambda _t: self.target_error.setText(""))
        self.target_button = QPushButton()
        self.target_button.setObjectName("setTargetButton")
        self.target_button.clicked.connect(self.save_target)
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
        theme.set_role(self.funnel_title, "title")
        self.conversions = QLabel()
        self.conversions.setObjectName("funnelConversions")
        theme.set_role(self.conversions, "muted")
        self.conversions.setWordWrap(True)
        self.bars = QBarSet("")
        self.bars.setColor(QColor(theme.ACCENT))
        self.bars.setLabelColor(QColor(theme.TEXT))
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
        self.add_county_button = QPushButton()
        self.add_county_button.setObjectName("addCountyButton")
        self.add_county_button.clicked.connect(self.ask_add_county)
        top.addWidget(self.add_county_button)
        # The counties' numbers; a supervisor's Team tab beside them.
        self.density_tab = QWidget()
        self.density_tab.setObjectName("densityTab")
        density = QVBoxLayout(self.density_tab)
        density.setContentsMargins(0, 8, 0, 0)
        density.addWidget(self.table, 2)
        density.addWidget(self.target_box)
        density.addWidget(self.funnel_title)
        density.addWidget(self.chart_view, 3)
        density.addWidget(self.conversions)
        self.team = TeamPanel(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("countiesTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.density_tab, "")
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 12, 16, 8)
        column.addLayout(top)
        column.addWidget(self.tabs, 1)
        self._apply_role()

        ctx.signals.changed.connect(self._store_changed)
        fill_counties(self.county, ctx, any_text=self.tr("All counties"))
        self.retranslate()
        self.refresh()

    # ------------------------------------------------------------------ data

    def county_id(self) -> str | None:
        county: str | None = self.county.currentData()
        return county

    def _fetch(self, order: str | None, desc: bool, limit: int, offset: int) -> list[Any]:
        rows = [_Row(d, self.revenue.get(d.county_id, 0.0)) for d in self.rows]
        if order is not None:
            # None ratios (no target, no shops) sort below every number.
            rows.sort(
                key=lambda r: (getattr(r, order) is not None, getattr(r, order) or 0),
                reverse=desc,
            )
        return rows[offset : offset + limit]

    def manages_team(self) -> bool:
        """Whether the current user gets the Team tab: a supervisor with a team."""
        user = current_user(self.ctx)
        return user is not None and user.role == Role.SUPERVISOR and user.team_id is not None

    def _apply_role(self) -> None:
        """Show what the current user's role allows (a login may change it)."""
        self.target_box.setVisible(is_supervisor(self.ctx))
        shown = self.tabs.indexOf(self.team) >= 0
        if self.manages_team() and not shown:
            self.tabs.addTab(self.team, "")
        elif not self.manages_team() and shown:
            self.tabs.removeTab(self.tabs.indexOf(self.team))
        self.tabs.tabBar().setVisible(self.tabs.count() > 1)
        self._name_tabs()

    def _name_tabs(self) -> None:
        self.tabs.setTabText(0, self.tr("KOC density"))
        if self.tabs.indexOf(self.team) >= 0:
            self.tabs.setTabText(self.tabs.indexOf(self.team), self.tr("Team members"))

    def show_team(self) -> None:
        """Switch to the Team tab (when the user has it)."""
        if self.tabs.indexOf(self.team) >= 0:
            self.tabs.setCurrentWidget(self.team)

    def _tab_changed(self) -> None:
        team_tab = self.tabs.currentWidget() is self.team
        self.county.setVisible(not team_tab)
        self.summary.setVisible(not team_tab)
        if team_tab:
            self.team.refresh()

    def refresh(self) -> None:
        db = self.ctx.store.db
        county = self.county_id()
        self.rows = metrics.county_density(db, county_ids=None if county is None else [county])
        today = self.ctx.today()
        self.revenue = loop.county_revenue(
            db, since=today - timedelta(days=REVENUE_DAYS - 1), until=today
        )
        self.funnel = metrics.stage_funnel(db, county_id=county)
        self.model.reload()
        self._show_funnel()
        self._show_summary()
        self._show_target()
        if self._team_shown():
            self.team.refresh()  # else when its tab is chosen (_tab_changed)
        self._stale = False

    def _team_shown(self) -> bool:
        return self.tabs.indexOf(self.team) >= 0 and self.tabs.currentWidget() is self.team

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
        problem = self.target_edit.problem()
        if problem is not None:  # never a changed target: say why it cannot be taken
            self.target_error.setText(field_error_text(problem))
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
        if table not in ("kocs", "koc_shops", "shops", "counties", "users", "visits"):
            return
        if not self.isVisible():
            self._stale = True  # re-read in open() when shown again
        elif table in ("kocs", "koc_shops", "shops", "counties"):
            self.refresh()
        else:
            self._apply_role()
            if self._team_shown():
                self.team.refresh()

    def open(self, arg: object = None) -> None:
        if isinstance(arg, str):
            self.county.setCurrentIndex(max(self.county.findData(arg), 0))
        fill_counties(self.county, self.ctx, any_text=self.tr("All counties"))
        self._apply_role()
        if self._stale:
            self.refresh()

    def ask_add_county(self) -> QWidget:
        """A county missing from the store (reps and supervisors alike)."""
        from ..add_county import AddCountyDialog

        dialog = AddCountyDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

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
        self.add_county_button.setText(self.tr("Add county…"))
        self._show_target()
        self._name_tabs()
        self.team.retranslate()
        self.model.retranslate()
        self._show_funnel()
        self._show_summary()


__all__ = ["CountiesPage", "DensityDelegate", "TeamPanel"]
