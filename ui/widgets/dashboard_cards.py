"""The dashboard's cards: each a ``ChartCard`` that draws its own numbers.

One class per card; ``draw`` takes the part of ``fieldapp.store.metrics`` it shows and
fills both the chart and the table. The page only decides when to draw.
Threading: UI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCharts import QBarSeries, QHorizontalBarSeries, QLineSeries, QValueAxis
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPen

from fieldapp.model import BUSINESS_UTC_OFFSET, FUNNEL_STAGES, EventKind, EventStatus, KocStage
from fieldapp.store import metrics
from ui.translate_noop import QT_TRANSLATE_NOOP

from ..labels import label, word
from .chart_card import (
    BLUE,
    GREEN,
    GREY,
    ORANGE,
    RED,
    ChartCard,
    _bar_set,
    _categories,
    _num,
    _pct,
    _small,
    _value_axis,
    _week_label,
)


@dataclass(frozen=True)
class PeriodPart:
    """The period's parts as they arrive (a card reads only its own)."""

    since: date
    until: date
    rep_weeks: Sequence[metrics.RepWeek] = ()
    interaction_weeks: Sequence[metrics.InteractionWeek] = ()
    events: Sequence[metrics.EventOutcome] = ()


#: Height of one county's row in the density chart: enough for its name at 8 pt.
DENSITY_ROW_PX = 22


DENSITY_HEADERS = [
    QT_TRANSLATE_NOOP("DashboardPage", "County"),
    QT_TRANSLATE_NOOP("DashboardPage", "KOCs"),
    QT_TRANSLATE_NOOP("DashboardPage", "Target"),
    QT_TRANSLATE_NOOP("DashboardPage", "Of target"),
    QT_TRANSLATE_NOOP("DashboardPage", "Dormant"),
    QT_TRANSLATE_NOOP("DashboardPage", "Shops"),
    QT_TRANSLATE_NOOP("DashboardPage", "Covered"),
    QT_TRANSLATE_NOOP("DashboardPage", "Coverage"),
]
FUNNEL_HEADERS = [
    QT_TRANSLATE_NOOP("DashboardPage", "Stage"),
    QT_TRANSLATE_NOOP("DashboardPage", "KOCs now"),
    QT_TRANSLATE_NOOP("DashboardPage", "Reached"),
    QT_TRANSLATE_NOOP("DashboardPage", "From previous"),
]
VISIT_HEADERS = [
    QT_TRANSLATE_NOOP("DashboardPage", "Rep"),
    QT_TRANSLATE_NOOP("DashboardPage", "Week of"),
    QT_TRANSLATE_NOOP("DashboardPage", "Planned"),
    QT_TRANSLATE_NOOP("DashboardPage", "Done"),
    QT_TRANSLATE_NOOP("DashboardPage", "Of plan"),
    # PJP compliance: planned visits done with both check-in and check-out.
    QT_TRANSLATE_NOOP("DashboardPage", "Kept (in and out)"),
    QT_TRANSLATE_NOOP("DashboardPage", "PJP compliance"),
]
OVERDUE_HEADERS = [
    word("tier"),
    QT_TRANSLATE_NOOP("DashboardPage", "Visit every (days)"),
    QT_TRANSLATE_NOOP("DashboardPage", "Shops"),
    QT_TRANSLATE_NOOP("DashboardPage", "Overdue"),
    QT_TRANSLATE_NOOP("DashboardPage", "Share"),
]
LEVEL_HEADERS = [
    QT_TRANSLATE_NOOP("DashboardPage", "Level"),
    QT_TRANSLATE_NOOP("DashboardPage", "Owners"),
    QT_TRANSLATE_NOOP("DashboardPage", "Share"),
]
INTERACTION_HEADERS = [
    QT_TRANSLATE_NOOP("DashboardPage", "Week of"),
    QT_TRANSLATE_NOOP("DashboardPage", "Interactions"),
    QT_TRANSLATE_NOOP("DashboardPage", "Owners reached"),
    QT_TRANSLATE_NOOP("DashboardPage", "Mean level"),
]
REP_HEADERS = [
    QT_TRANSLATE_NOOP("DashboardPage", "Rep"),
    QT_TRANSLATE_NOOP("DashboardPage", "KOCs"),
    QT_TRANSLATE_NOOP("DashboardPage", "Share of target"),
    QT_TRANSLATE_NOOP("DashboardPage", "Of target"),
    QT_TRANSLATE_NOOP("DashboardPage", "Shops"),
    QT_TRANSLATE_NOOP("DashboardPage", "Covered"),
    QT_TRANSLATE_NOOP("DashboardPage", "Coverage"),
    QT_TRANSLATE_NOOP("DashboardPage", "Visits planned"),
    QT_TRANSLATE_NOOP("DashboardPage", "Visits done"),
    QT_TRANSLATE_NOOP("DashboardPage", "Of plan"),
    # Visits of the period whose evidence has a flag (fieldapp.evidence).
    QT_TRANSLATE_NOOP("DashboardPage", "Flagged visits"),
]
EVENT_HEADERS = [
    QT_TRANSLATE_NOOP("DashboardPage", "Date"),
    QT_TRANSLATE_NOOP("DashboardPage", "Event"),
    QT_TRANSLATE_NOOP("DashboardPage", "Kind"),
    QT_TRANSLATE_NOOP("DashboardPage", "Status"),
    QT_TRANSLATE_NOOP("DashboardPage", "Invited"),
    QT_TRANSLATE_NOOP("DashboardPage", "Attended"),
    QT_TRANSLATE_NOOP("DashboardPage", "Attendance"),
    QT_TRANSLATE_NOOP("DashboardPage", "Feedback"),
    QT_TRANSLATE_NOOP("DashboardPage", "KOCs found"),
]


class DensityCard(ChartCard):
    """The KOCs against the density target and the shops covered, per county."""

    def __init__(self) -> None:
        super().__init__(
            "density", QT_TRANSLATE_NOOP("DashboardPage", "KOCs per county"), DENSITY_HEADERS
        )

    def draw(self, data: metrics.StandingNumbers, *, one_rep: bool = False) -> None:
        card = self
        card.clear_chart()
        rows = list(data.density)
        card.model.set_rows(
            [
                (
                    c.name,
                    c.kocs,
                    c.koc_target,
                    _pct(c.density_ratio),
                    c.dormant,
                    c.shops,
                    c.covered,
                    _pct(c.coverage_ratio),
                )
                for c in rows
            ]
        )
        shown = rows[::-1]  # a horizontal chart draws the first category at the bottom
        series = QHorizontalBarSeries()
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "KOCs"), [c.kocs for c in shown], BLUE
            )
        )
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "Target"),
                [c.koc_target for c in shown],
                GREY,
            )
        )
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "Shops covered"),
                [c.covered for c in shown],
                GREEN,
            )
        )
        series.setBarWidth(0.8)
        card.chart.addSeries(series)
        # Room for every county's name: QtCharts elides a category label to "…" when
        # the rows are too low for it, so the card grows with the counties (the page scrolls).
        card.view.setMinimumHeight(max(200, DENSITY_ROW_PX * len(shown) + 80))
        series.clicked.connect(lambda index, _bars: card.table.selectRow(len(shown) - 1 - index))
        y = _categories([c.name for c in shown])
        y.setTruncateLabels(False)  # a county's name is never cut to "…"
        top = max([1, *(max(c.kocs, c.koc_target, c.covered) for c in shown)])
        x = _value_axis(top)
        card.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        card.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y)
        series.attachAxis(x)
        kocs = sum(c.kocs for c in rows)
        target = sum(c.koc_target for c in rows)
        words = (
            QCoreApplication.translate("DashboardPage", "%1 KOCs for a target of %2 (%3)")
            if not one_rep
            else QCoreApplication.translate(
                "DashboardPage", "%1 KOCs for this rep's share of the target, %2 (%3)"
            )
        )
        card.note.setText(
            words.replace("%1", str(kocs))
            .replace("%2", str(target))
            .replace("%3", _pct(kocs / target if target else None))
        )


class FunnelCard(ChartCard):
    """The KOC stage funnel (of a county when one is chosen)."""

    def __init__(self) -> None:
        super().__init__(
            "funnel", QT_TRANSLATE_NOOP("DashboardPage", "KOC stage funnel"), FUNNEL_HEADERS
        )

    def draw(self, data: metrics.StandingNumbers, county: str | None = None) -> None:
        card = self
        card.clear_chart()
        funnel = data.funnel
        reached = {c.from_stage: c.from_count for c in funnel.conversions}
        last = funnel.conversions[-1] if funnel.conversions else None
        if last is not None:
            reached[last.to_stage] = last.to_count
        ratios: dict[KocStage, float | None] = {FUNNEL_STAGES[0]: None}
        ratios.update({c.to_stage: c.ratio for c in funnel.conversions})
        stages = [*FUNNEL_STAGES, KocStage.DORMANT]
        card.model.set_rows(
            [
                (
                    label(s),
                    funnel.counts[s],
                    reached.get(s, "") if s != KocStage.DORMANT else "",
                    _pct(ratios.get(s)) if s in ratios and s != FUNNEL_STAGES[0] else "",
                )
                for s in stages
            ]
        )
        # Top to bottom like a funnel: a horizontal chart draws its first category lowest.
        shown = list(reversed(FUNNEL_STAGES))
        series = QHorizontalBarSeries()
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "Reached the stage"),
                [reached.get(s, 0) for s in shown],
                BLUE,
            )
        )
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "At the stage now"),
                [funnel.counts[s] for s in shown],
                ORANGE,
            )
        )
        card.chart.addSeries(series)
        y = _categories([label(s) for s in shown])
        x = _value_axis(max([1, *reached.values()]))
        card.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        card.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x)
        series.attachAxis(y)
        note = QCoreApplication.translate("DashboardPage", "%1 dormant").replace(
            "%1", str(funnel.counts[KocStage.DORMANT])
        )
        card.note.setText(f"{county} · {note}" if county else note)


class VisitsCard(ChartCard):
    """Visits done per week against the plan; the table per rep and week."""

    def __init__(self) -> None:
        super().__init__(
            "visits", QT_TRANSLATE_NOOP("DashboardPage", "Visits against plan"), VISIT_HEADERS
        )

    def draw(self, data: PeriodPart) -> None:
        card = self
        card.clear_chart()
        card.model.set_rows(
            [
                (
                    r.rep_name,
                    r.week.isoformat(),
                    r.planned,
                    r.done,
                    _pct(r.ratio),
                    r.kept,
                    _pct(r.compliance),
                )
                for r in data.rep_weeks
            ]
        )
        weeks: dict[date, list[int]] = {}
        week = metrics.week_start(data.since)
        while week <= data.until:
            weeks[week] = [0, 0]
            week += timedelta(days=7)
        for r in data.rep_weeks:
            entry = weeks.setdefault(r.week, [0, 0])
            entry[0] += r.planned
            entry[1] += r.done
        planned = [v[0] for v in weeks.values()]
        done = [v[1] for v in weeks.values()]
        series = QBarSeries()
        series.append(_bar_set(QCoreApplication.translate("DashboardPage", "Done"), done, BLUE))
        series.setBarWidth(0.7)
        plan = QLineSeries()
        plan.setName(QCoreApplication.translate("DashboardPage", "Planned"))
        plan.setPen(QPen(QColor(ORANGE), 2))
        for i, n in enumerate(planned):
            plan.append(i, n)
        card.chart.addSeries(series)
        card.chart.addSeries(plan)
        x = _categories([_week_label(w) for w in weeks], upright=True)
        y = _value_axis(max([1, *planned, *done]))
        card.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        card.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for s in (series, plan):
            s.attachAxis(x)
            s.attachAxis(y)
        total_plan, total_done = sum(planned), sum(done)
        card.note.setText(
            QCoreApplication.translate("DashboardPage", "%1 of %2 planned (%3)")
            .replace("%1", str(total_done))
            .replace("%2", str(total_plan))
            .replace("%3", _pct(total_done / total_plan if total_plan else None))
        )


class OverdueCard(ChartCard):
    """Shops up to date and overdue per tier."""

    def __init__(self) -> None:
        super().__init__(
            "overdue", QT_TRANSLATE_NOOP("DashboardPage", "Shops overdue by tier"), OVERDUE_HEADERS
        )

    def draw(self, data: metrics.StandingNumbers) -> None:
        card = self
        card.clear_chart()
        tiers = data.overdue.tiers
        card.model.set_rows(
            [
                (
                    label(t.tier),
                    t.days,
                    t.shops,
                    t.overdue,
                    _pct(t.overdue / t.shops if t.shops else None),
                )
                for t in tiers
            ]
        )
        series = QBarSeries()
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "Up to date"),
                [t.shops - t.overdue for t in tiers],
                GREEN,
            )
        )
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "Overdue"),
                [t.overdue for t in tiers],
                RED,
            )
        )
        card.chart.addSeries(series)
        x = _categories([label(t.tier) for t in tiers])
        y = _value_axis(max([1, *(max(t.overdue, t.shops - t.overdue) for t in tiers)]))
        card.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        card.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        overdue = sum(t.overdue for t in tiers)
        card.note.setText(
            QCoreApplication.translate("DashboardPage", "%1 of %2 shops")
            .replace("%1", str(overdue))
            .replace("%2", str(sum(t.shops for t in tiers)))
        )


class LevelsCard(ChartCard):
    """Owners per relationship level."""

    def __init__(self) -> None:
        super().__init__(
            "levels", QT_TRANSLATE_NOOP("DashboardPage", "Relationship levels"), LEVEL_HEADERS
        )

    def draw(self, data: metrics.StandingNumbers) -> None:
        card = self
        card.clear_chart()
        total = sum(data.levels.values())
        card.model.set_rows(
            [
                (str(level), n, _pct(n / total if total else None))
                for level, n in sorted(data.levels.items())
            ]
        )
        series = QBarSeries()
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "Owners"),
                [data.levels[level] for level in sorted(data.levels)],
                BLUE,
            )
        )
        series.setBarWidth(0.6)
        card.chart.addSeries(series)
        card.chart.legend().hide()
        x = _categories(
            [
                QCoreApplication.translate("DashboardPage", "Level %1").replace("%1", str(level))
                for level in sorted(data.levels)
            ]
        )
        y = _value_axis(max([1, *data.levels.values()]))
        card.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        card.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        strong = data.levels.get(4, 0) + data.levels.get(5, 0)
        card.note.setText(
            QCoreApplication.translate("DashboardPage", "%1 owners, %2 at level 4–5")
            .replace("%1", str(total))
            .replace("%2", _pct(strong / total if total else None))
        )


class InteractionsCard(ChartCard):
    """Interactions and owners reached per week, with the mean level."""

    def __init__(self) -> None:
        super().__init__(
            "interactions",
            QT_TRANSLATE_NOOP("DashboardPage", "Interactions per week"),
            INTERACTION_HEADERS,
        )

    def draw(self, data: PeriodPart) -> None:
        card = self
        card.clear_chart()
        rows = list(data.interaction_weeks)
        card.model.set_rows(
            [(w.week.isoformat(), w.interactions, w.owners, _num(w.avg_level)) for w in rows]
        )
        series = QBarSeries()
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "Interactions"),
                [w.interactions for w in rows],
                BLUE,
            )
        )
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "Owners reached"),
                [w.owners for w in rows],
                GREY,
            )
        )
        level = QLineSeries()
        level.setName(QCoreApplication.translate("DashboardPage", "Mean level"))
        level.setPen(QPen(QColor(ORANGE), 2))
        for i, w in enumerate(rows):
            if w.avg_level is not None:
                level.append(i, w.avg_level)
        card.chart.addSeries(series)
        card.chart.addSeries(level)
        x = _categories([_week_label(w.week) for w in rows], upright=True)
        y = _value_axis(max([1, *(w.interactions for w in rows)]))
        levels = QValueAxis()
        levels.setRange(1, 5)
        levels.setTickCount(5)
        levels.setLabelFormat("%d")
        _small(levels)
        card.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        card.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        card.chart.addAxis(levels, Qt.AlignmentFlag.AlignRight)
        series.attachAxis(x)
        series.attachAxis(y)
        level.attachAxis(x)
        level.attachAxis(levels)
        total = sum(w.interactions for w in rows)
        weeks = len(rows) or 1
        card.note.setText(
            QCoreApplication.translate("DashboardPage", "%1 a week").replace(
                "%1", _num(total / weeks, 0)
            )
        )


class EventsCard(ChartCard):
    """Events held, KOCs found and attendance per week; the table per event."""

    def __init__(self) -> None:
        super().__init__("events", QT_TRANSLATE_NOOP("DashboardPage", "Events"), EVENT_HEADERS)

    def draw(self, data: PeriodPart) -> None:
        card = self
        card.clear_chart()
        events = list(data.events)
        # The words once per kind and status, not twice per event (a year: ~1,000 events).
        kinds = {kind.value: label(kind) for kind in EventKind}
        states = {status.value: label(status) for status in EventStatus}
        card.model.set_rows(
            [
                (
                    ((e.starts_at + BUSINESS_UTC_OFFSET).date()).isoformat(),
                    e.title,
                    kinds.get(e.kind, e.kind),
                    states.get(e.status, e.status),
                    e.invited,
                    e.attended,
                    _pct(e.attendance_rate),
                    _num(e.avg_feedback),
                    e.kocs_found,
                )
                for e in events
            ]
        )
        weeks: dict[date, list[float]] = {}
        week = metrics.week_start(data.since)
        while week <= data.until:
            weeks[week] = [0, 0, 0, 0]  # held, KOCs found, attended, invited (taken)
            week += timedelta(days=7)
        held = 0
        for e in events:
            if e.status == "cancelled":
                continue
            held += 1
            local = (e.starts_at + BUSINESS_UTC_OFFSET).date()
            entry = weeks.setdefault(metrics.week_start(local), [0, 0, 0, 0])
            entry[0] += 1
            entry[1] += e.kocs_found
            if e.attendance_rate is not None:
                entry[2] += e.attended
                entry[3] += e.invited
        series = QBarSeries()
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "Events held"),
                [v[0] for v in weeks.values()],
                BLUE,
            )
        )
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "KOCs found"),
                [v[1] for v in weeks.values()],
                GREEN,
            )
        )
        rate = QLineSeries()
        rate.setName(QCoreApplication.translate("DashboardPage", "Attendance rate"))
        rate.setPen(QPen(QColor(ORANGE), 2))
        for i, v in enumerate(weeks.values()):
            if v[3]:
                rate.append(i, 100.0 * v[2] / v[3])
        card.chart.addSeries(series)
        card.chart.addSeries(rate)
        x = _categories([_week_label(w) for w in weeks], upright=True)
        y = _value_axis(max([1.0, *(max(v[0], v[1]) for v in weeks.values())]))
        pct = _value_axis(100, percent=True)
        card.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        card.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        card.chart.addAxis(pct, Qt.AlignmentFlag.AlignRight)
        series.attachAxis(x)
        series.attachAxis(y)
        rate.attachAxis(x)
        rate.attachAxis(pct)
        attended = sum(e.attended for e in events if e.attendance_rate is not None)
        invited = sum(e.invited for e in events if e.attendance_rate is not None)
        feedback = [e.avg_feedback for e in events if e.avg_feedback is not None]
        card.note.setText(
            QCoreApplication.translate(
                "DashboardPage", "%1 held · attendance %2 · feedback %3 · %4 KOCs found"
            )
            .replace("%1", str(held))
            .replace("%2", _pct(attended / invited if invited else None))
            .replace("%3", _num(sum(feedback) / len(feedback) if feedback else None))
            .replace("%4", str(sum(e.kocs_found for e in events)))
        )
