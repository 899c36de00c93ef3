"""A check-in asks the laptop's position source once and keeps a fix on the visit;
without a source (most laptops) nothing is kept and the check-in is as before."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDateTime, QObject, Signal
from PySide6.QtPositioning import QGeoCoordinate, QGeoPositionInfo, QGeoPositionInfoSource
from pytestqt.qtbot import QtBot

from ui.checkin_position import ask_position
from ui.context import AppContext


class FakeSource(QObject):
    positionUpdated = Signal(QGeoPositionInfo)
    errorOccurred = Signal(QGeoPositionInfoSource.Error)

    def __init__(self, parent: QObject, at: tuple[float, float] | None) -> None:
        super().__init__(parent)
        self.at = at
        self.asked: list[int] = []

    def requestUpdate(self, timeout: int) -> None:
        self.asked.append(timeout)
        if self.at is None:
            self.errorOccurred.emit(QGeoPositionInfoSource.Error.UpdateTimeoutError)
        else:
            coordinate = QGeoCoordinate(*self.at)
            self.positionUpdated.emit(QGeoPositionInfo(coordinate, QDateTime.currentDateTime()))


def _visit(ctx: AppContext) -> str:
    store = ctx.store
    shop = next(s for s in store.shops.list(where={"rep_id": store.user_id}) if s.latitude)
    visit = store.visits.create(shop_id=shop.id, rep_id=store.user_id, planned_date=date.today())
    store.visits.check_in(visit.id)
    return visit.id


def test_a_fix_is_kept_on_the_visit(qtbot: QtBot, ctx: AppContext) -> None:
    visit = _visit(ctx)
    sources: list[Any] = []
    kept: list[str] = []

    def make(parent: QObject) -> FakeSource:
        sources.append(FakeSource(parent, (34.7466, 113.6253)))
        return sources[-1]

    holder = QObject()
    assert ask_position(ctx, visit, holder, source_factory=make, then=kept.append)
    assert sources[0].asked and kept == [visit]
    row = ctx.store.visits.get(visit)
    assert (row.checkin_latitude, row.checkin_longitude) == (34.7466, 113.6253)


def test_no_source_or_no_fix_keeps_nothing(qtbot: QtBot, ctx: AppContext) -> None:
    visit = _visit(ctx)
    holder = QObject()
    assert not ask_position(ctx, visit, holder, source_factory=lambda _p: None)
    assert ask_position(ctx, visit, holder, source_factory=lambda p: FakeSource(p, None))
    row = ctx.store.visits.get(visit)
    assert row.checkin_latitude is None and row.checkin_longitude is None
