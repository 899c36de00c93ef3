"""The map page: the rep's shops as pins coloured by today's state (visited, planned,
due on today's route, overdue, others), today's route as a line with numbered stops, a
scale bar and a legend; a click on a pin opens the shop. A supervisor sees the team's
shops with the day's visits, planned against done.

Tiles come from the tile server set in Settings, through a cache on disk
(``ui.map_tiles``); "Download my territory" caches the box of the shops at zoom 10-15
for offline use, with progress and cancel. With no server or no network the map draws
the cached tiles, and with none at all a plain background: never a blank page.
Threading: UI thread; tile fetches and the territory download run on the task runner.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldapp.errors import FieldappError
from fieldapp.store import plan
from fieldapp.store.map_data import STATES, shop_pins
from fieldapp.tiles import TileCache, download_area
from ui.translate_noop import QT_TRANSLATE_NOOP

from ..context import AppContext
from ..map_tiles import TileProvider, cache_path, tile_source
from ..page import Page
from ..tasks import Task, run_with_progress
from ..widgets.map_view import STATE_COLOURS, MapView, RoutePoint
from . import is_supervisor, team_of

STATE_WORDS = {
    "visited": QT_TRANSLATE_NOOP("MapPage", "Visited today"),
    "planned": QT_TRANSLATE_NOOP("MapPage", "Planned today"),
    "due": QT_TRANSLATE_NOOP("MapPage", "Due on today's route"),
    "overdue": QT_TRANSLATE_NOOP("MapPage", "Overdue"),
    "other": QT_TRANSLATE_NOOP("MapPage", "Others"),
}
#: Zoom levels of "download my territory": county roads to street level.
TERRITORY_ZOOMS = range(10, 16)
WATCHED = frozenset({"visits", "shops", "settings"})


class MapPage(Page):
    page_id = "map"
    title_source = QT_TRANSLATE_NOOP("MainWindow", "Map")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._dirty = True
        self._fitted = False
        self.title_label = QLabel()
        self.title_label.setObjectName("mapTitle")
        self.title_label.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.legend = QLabel()
        self.legend.setObjectName("mapLegend")
        self.fit_button = QPushButton()
        self.fit_button.setObjectName("mapFit")
        self.download_button = QPushButton()
        self.download_button.setObjectName("mapDownload")
        self.status = QLabel()
        self.status.setObjectName("mapStatus")
        self.status.setStyleSheet("color: #555;")
        self.view = MapView(self._provider())
        self.view.pin_clicked.connect(lambda shop_id: self.ctx.go("shop", shop_id))
        self.fit_button.clicked.connect(self.view.fit)
        self.download_button.clicked.connect(self.download_territory)
        top = QHBoxLayout()
        top.addWidget(self.title_label)
        top.addSpacing(12)
        top.addWidget(self.legend, 1)
        top.addWidget(self.fit_button)
        top.addWidget(self.download_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        ctx.signals.changed.connect(self._changed)
        self.retranslate()

    def _provider(self) -> TileProvider:
        path = cache_path(
            getattr(self.ctx.store, "path", None),
            Path(tempfile.gettempdir()) / "fieldapp-tiles.mbtiles",
        )
        return TileProvider(path, tile_source(self.ctx.store), self.ctx.runner, self)

    # ------------------------------------------------------------------ data

    def refresh(self) -> None:
        self._dirty = False
        store, today = self.ctx.store, self.ctx.today()
        supervisor = is_supervisor(self.ctx)
        rep = None if supervisor else store.user_id
        pins = shop_pins(store, day=today, rep_id=rep, team_id=team_of(self.ctx))
        route: list[RoutePoint] = []
        if rep is not None:
            legs = plan.route_of(plan.day_plan(store, rep, today), plan.start_point(store)).legs
            by_visit = {s.visit_id: s for s in plan.day_plan(store, rep, today).stops}
            for n, leg in enumerate(legs, start=1):
                stop = by_visit[leg.stop.key]
                if stop.latitude is not None and stop.longitude is not None:
                    route.append(RoutePoint(n, stop.latitude, stop.longitude))
        self.pins_by_state = {s: sum(1 for p in pins if p.state == s) for s in STATES}
        self.view.set_data(pins, route)
        if not self._fitted and (pins or route):
            self._fitted = True
            self.view.fit()
        self._texts()

    def _changed(self, table: str) -> None:
        if table == "settings":
            self.view.set_tiles(self._provider())
        if table in WATCHED:
            self._dirty = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    # ------------------------------------------------------------------ offline

    def download_territory(self) -> None:
        """Cache the tiles of the box around the shops for offline use."""
        tiles = self.view.tiles
        pins = self.view.pins
        if tiles is None or tiles.source is None or not pins:
            self.status.setText(self.tr("Set a tile server in Settings first."))
            return
        lats = [p.latitude for p in pins]
        lons = [p.longitude for p in pins]
        box = (min(lats) - 0.01, min(lons) - 0.01, max(lats) + 0.01, max(lons) + 0.01)
        source, path = tiles.source, tiles.path

        def work(task: Task) -> Any:
            cache = TileCache(path)
            try:
                return download_area(
                    source,
                    cache,
                    *box,
                    TERRITORY_ZOOMS,
                    progress=lambda done, total: task.progress(done, total, ""),
                    cancelled=lambda: task.cancelled,
                )
            finally:
                cache.close()

        def done(report: Any) -> None:
            self.status.setText(
                self.tr("Territory: %1 tiles new, %2 already here, %3 not reachable")
                .replace("%1", str(report.fetched))
                .replace("%2", str(report.already))
                .replace("%3", str(report.failed))
            )
            self.view.update()

        def failed(exc: BaseException, tb: str) -> None:
            if isinstance(exc, FieldappError):
                self.ctx.errors.show(exc)
            else:
                self.ctx.errors.show(exc, tb)

        run_with_progress(
            self.ctx.runner,
            self,
            self.tr("Downloading the map of your territory…"),
            work,
            on_done=done,
            on_error=failed,
            on_cancel=lambda: self.status.setText(
                self.tr("Download cancelled; tiles so far kept.")
            ),
        )

    # ------------------------------------------------------------------ words

    def _texts(self) -> None:
        counts = getattr(self, "pins_by_state", {})
        parts = []
        for state in STATES:
            words = QCoreApplication.translate("MapPage", STATE_WORDS[state])
            parts.append(
                f"<span style='color:{STATE_COLOURS[state]}; font-size:16px'>●</span> "
                f"{words} {counts.get(state, 0)}"
            )
        self.legend.setText("&nbsp;&nbsp;".join(parts))
        tiles = self.view.tiles
        cached = tiles.count() if tiles is not None else 0
        if tiles is None or tiles.source is None:
            text = self.tr("No tile server set (Settings): shops and route on a plain background.")
        else:
            text = (
                self.tr("%1 map tiles kept for offline use. Tiles: %2.")
                .replace("%1", str(cached))
                .replace("%2", "GCJ-02" if tiles.datum == "gcj02" else "WGS-84")
            )
        self.status.setText(text)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Map"))
        self.fit_button.setText(self.tr("Show all"))
        self.download_button.setText(self.tr("Download my territory…"))
        self.download_button.setToolTip(
            self.tr("Keep the map of the area around your shops on this computer (zoom 10-15)")
        )
        self.view.setToolTip(self.tr("Drag or arrows to move, wheel or +/- to zoom, click a shop"))
        self._texts()
