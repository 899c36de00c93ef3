"""A slippy map drawn with QPainter: cached tiles under shops as pins coloured by state,
the day's route as a line with numbered stops, and a scale bar.

Pins and the route are WGS-84 (as stored); on a GCJ-02 tile source they are drawn at
their GCJ-02 position so they sit on the provider's streets (``fieldapp.geo``). Without
tiles the map draws on a plain background: never a blank page offline.
Mouse: drag pans, the wheel zooms at the pointer, a click on a pin emits
``pin_clicked(shop_id)``. Keys: arrows pan, + and - zoom.
Positions are projected once per data change (Web Mercator at zoom 0, with numpy: 6,000
pins in about a millisecond), and pins and route are drawn into a layer a view larger
than the window on every side: a repaint while panning only moves that layer, and a
new one is drawn (numpy picks the pins in it, one sprite blit each) when the view
leaves it or the zoom changes. numpy is imported on a worker at start-up
(``ui.app.WARM_MODULES``), not when the map first opens.
Threading: UI thread.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from fieldapp import geo
from fieldapp.store.map_data import Pin

from ..map_tiles import TileProvider

#: Pin colours by state (the legend uses the same).
STATE_COLOURS: dict[str, str] = {
    "visited": "#2e7d32",
    "planned": "#1f5fa8",
    "due": "#e08a00",
    "overdue": "#c62828",
    "other": "#8d99a6",
}
BACKGROUND = QColor("#eef1ec")
ROUTE_COLOUR = QColor("#1f5fa8")
MIN_ZOOM, MAX_ZOOM = 3, 18
PIN_RADIUS = 5
#: Scale bar lengths to choose from (metres).
SCALE_STEPS = (10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000)


_SPRITES: dict[str, QPixmap] = {}


def _sprites() -> dict[str, QPixmap]:
    """A pin per state: a disc with a white rim, drawn once (antialiased)."""
    if not _SPRITES:
        size = 2 * (PIN_RADIUS + 1) + 4
        for state, colour in STATE_COLOURS.items():
            r = PIN_RADIUS + (1 if state in ("due", "overdue") else 0)
            pix = QPixmap(size, size)
            pix.fill(Qt.GlobalColor.transparent)
            p = QPainter(pix)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setPen(QPen(QColor("white"), 1.5))
            p.setBrush(QColor(colour))
            p.drawEllipse(QPointF(size / 2, size / 2), r, r)
            p.end()
            _SPRITES[state] = pix
    return _SPRITES


@dataclass(frozen=True)
class RoutePoint:
    seq: int
    latitude: float
    longitude: float


class MapView(QWidget):
    pin_clicked = Signal(str)

    def __init__(self, tiles: TileProvider | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 150)
        self.tiles = tiles
        if tiles is not None:
            tiles.arrived.connect(self.update)
        self.zoom = 12
        #: The view's centre in world pixels at zoom 0 (the tiles' datum).
        self.center = (0.0, 0.0)
        self.pins: list[Pin] = []
        #: The pins' world positions at zoom 0 and their states' indexes (STATE_COLOURS).
        self._xs = np.zeros(0)
        self._ys = np.zeros(0)
        self._states = np.zeros(0, dtype=np.int8)
        self.route: list[RoutePoint] = []
        self._route_xy: list[tuple[float, float]] = []
        self._drag: QPointF | None = None
        #: The pins drawn once: ((zoom, data version), area in world pixels, pixmap).
        self._layer: tuple[tuple[int, int], QRectF, QPixmap] | None = None
        self._version = 0
        self._moved = False
        self.tiles_drawn = 0

    # ------------------------------------------------------------------ data

    def _project(self, lat: float, lon: float) -> tuple[float, float]:
        if self.tiles is not None and self.tiles.datum == "gcj02":
            lat, lon = geo.wgs_to_gcj(lat, lon)
        return geo.lonlat_to_world(lat, lon, 0)

    def set_tiles(self, tiles: TileProvider | None) -> None:
        self.tiles = tiles
        if tiles is not None:
            tiles.arrived.connect(self.update)
        self.set_data(self.pins, self.route)

    def set_data(self, pins: Sequence[Pin], route: Sequence[RoutePoint]) -> None:
        self.pins = list(pins)
        lats = np.fromiter((p.latitude for p in self.pins), float, len(self.pins))
        lons = np.fromiter((p.longitude for p in self.pins), float, len(self.pins))
        self._xs, self._ys = self._project_all(lats, lons)
        codes = {state: i for i, state in enumerate(STATE_COLOURS)}
        other = codes["other"]
        self._states = np.fromiter(
            (codes.get(p.state, other) for p in self.pins), np.int8, len(self.pins)
        )
        self.route = list(route)
        self._route_xy = [self._project(r.latitude, r.longitude) for r in self.route]
        self._version += 1
        self.update()

    def _project_all(self, lats: np.ndarray, lons: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """World positions at zoom 0 of many points (``geo.lonlat_to_world``, vectorised)."""
        if self.tiles is not None and self.tiles.datum == "gcj02" and len(lats):
            moved = [
                geo.wgs_to_gcj(a, o) for a, o in zip(lats.tolist(), lons.tolist(), strict=True)
            ]
            lats = np.array([m[0] for m in moved])
            lons = np.array([m[1] for m in moved])
        size = float(geo.TILE_SIZE)
        sin = np.sin(np.radians(np.clip(lats, -geo.MAX_LATITUDE, geo.MAX_LATITUDE)))
        xs = (lons + 180.0) / 360.0 * size
        ys = (0.5 - np.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * size
        return xs, ys

    @property
    def _pin_xy(self) -> list[tuple[float, float]]:
        """Each pin's world position at zoom 0, in pin order."""
        return list(zip(self._xs.tolist(), self._ys.tolist(), strict=True))

    def fit(self) -> None:
        """Centre and zoom so every pin and stop is in view."""
        xs = np.concatenate([self._xs, [x for x, _y in self._route_xy]])
        ys = np.concatenate([self._ys, [y for _x, y in self._route_xy]])
        if not len(xs):
            return
        self.center = (
            (float(xs.min()) + float(xs.max())) / 2,
            (float(ys.min()) + float(ys.max())) / 2,
        )
        span = max(float(xs.max() - xs.min()), float(ys.max() - ys.min()), 1e-9)
        room = max(1, min(self.width(), self.height()) - 40)
        self.zoom = int(max(MIN_ZOOM, min(MAX_ZOOM, math.floor(math.log2(room / span)))))
        self.update()

    # ------------------------------------------------------------------ geometry

    def _scale(self) -> float:
        return float(2**self.zoom)

    def to_screen(self, world0: tuple[float, float]) -> QPointF:
        s = self._scale()
        return QPointF(
            (world0[0] - self.center[0]) * s + self.width() / 2,
            (world0[1] - self.center[1]) * s + self.height() / 2,
        )

    def screen_of_pin(self, shop_id: str) -> QPointF | None:
        for i, pin in enumerate(self.pins):
            if pin.shop_id == shop_id:
                return self.to_screen((float(self._xs[i]), float(self._ys[i])))
        return None

    def pin_at(self, pos: QPointF) -> Pin | None:
        """The pin under ``pos`` (the nearest within its radius and a little), or None."""
        if not self.pins:
            return None
        s = self._scale()
        dx = (self._xs - self.center[0]) * s + self.width() / 2 - pos.x()
        dy = (self._ys - self.center[1]) * s + self.height() / 2 - pos.y()
        d = dx * dx + dy * dy
        i = int(np.argmin(d))
        return self.pins[i] if d[i] <= (PIN_RADIUS + 3) ** 2 else None

    def pan(self, dx: float, dy: float) -> None:
        s = self._scale()
        self.center = (self.center[0] - dx / s, self.center[1] - dy / s)
        self.update()

    def zoom_by(self, step: int, at: QPointF | None = None) -> None:
        new = max(MIN_ZOOM, min(MAX_ZOOM, self.zoom + step))
        if new == self.zoom:
            return
        if at is not None:  # keep the point under the pointer where it is
            s_old, s_new = self._scale(), float(2**new)
            wx = self.center[0] + (at.x() - self.width() / 2) / s_old
            wy = self.center[1] + (at.y() - self.height() / 2) / s_old
            self.center = (
                wx - (at.x() - self.width() / 2) / s_new,
                wy - (at.y() - self.height() / 2) / s_new,
            )
        self.zoom = new
        self.update()

    def metres_per_pixel(self) -> float:
        lat, _lon = geo.world_to_lonlat(self.center[0], self.center[1], 0)
        return geo.metres_per_pixel(lat, self.zoom)

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        self._paint_tiles(painter)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self._paint_layer(painter)
        self._paint_scale(painter)
        painter.end()

    def _paint_tiles(self, painter: QPainter) -> None:
        self.tiles_drawn = 0
        if self.tiles is None:
            return
        z, s, size = self.zoom, self._scale(), geo.TILE_SIZE
        left = self.center[0] * s - self.width() / 2
        top = self.center[1] * s - self.height() / 2
        last = 2**z - 1
        for tx in range(
            max(0, int(left // size)), min(last, int((left + self.width()) // size)) + 1
        ):
            for ty in range(
                max(0, int(top // size)), min(last, int((top + self.height()) // size)) + 1
            ):
                pix = self.tiles.pixmap(z, tx, ty)
                if pix is not None:
                    painter.drawPixmap(round(tx * size - left), round(ty * size - top), pix)
                    self.tiles_drawn += 1

    def _paint_route(self, painter: QPainter, x0: float, y0: float) -> None:
        if not self._route_xy:
            return
        s = self._scale()
        points = [QPointF(x * s - x0, y * s - y0) for x, y in self._route_xy]
        painter.setPen(QPen(ROUTE_COLOUR, 3))
        for a, b in pairwise(points):
            painter.drawLine(a, b)
        font = QFont(painter.font())
        font.setPixelSize(10)
        font.setBold(True)
        painter.setFont(font)
        for point, stop in zip(points, self.route, strict=True):
            painter.setPen(QPen(QColor("white"), 1.5))
            painter.setBrush(ROUTE_COLOUR)
            painter.drawEllipse(point, 9, 9)
            painter.setPen(QColor("white"))
            painter.drawText(
                QRectF(point.x() - 9, point.y() - 9, 18, 18),
                Qt.AlignmentFlag.AlignCenter,
                str(stop.seq),
            )

    def _paint_layer(self, painter: QPainter) -> None:
        """Pins and route come from a layer drawn once for the view and half a view around
        it at this zoom: panning only moves the layer, until the view leaves it."""
        s = self._scale()
        left = self.center[0] * s - self.width() / 2
        top = self.center[1] * s - self.height() / 2
        layer = self._layer
        if (
            layer is None
            or layer[0] != (self.zoom, self._version)
            or not layer[1].contains(QRectF(left, top, self.width(), self.height()))
        ):
            layer = self._build_layer(left, top)
        area, pixmap = layer[1], layer[2]
        painter.drawPixmap(round(area.left() - left), round(area.top() - top), pixmap)

    def _build_layer(self, left: float, top: float) -> tuple[tuple[int, int], QRectF, QPixmap]:
        mx, my = self.width() / 2, self.height() / 2
        area = QRectF(left - mx, top - my, self.width() + 2 * mx, self.height() + 2 * my)
        pixmap = QPixmap(int(area.width()) + 1, int(area.height()) + 1)
        pixmap.fill(Qt.GlobalColor.transparent)
        s = self._scale()
        x0, y0, w, h = area.left(), area.top(), area.width(), area.height()
        sprites = _sprites()
        off = sprites["other"].width() // 2
        px = (self._xs * s - x0).astype(np.int64)
        py = (self._ys * s - y0).astype(np.int64)
        inside = (px >= -off) & (px <= w + off) & (py >= -off) & (py <= h + off)
        painter = QPainter(pixmap)
        draw = painter.drawPixmap
        # The states that need the rep last, on top.
        for code in reversed(range(len(STATE_COLOURS))):
            sprite = sprites[list(STATE_COLOURS)[code]]
            mine = inside & (self._states == code)
            for x, y in zip((px[mine] - off).tolist(), (py[mine] - off).tolist(), strict=True):
                draw(x, y, sprite)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self._paint_route(painter, x0, y0)
        painter.end()
        self._layer = ((self.zoom, self._version), area, pixmap)
        return self._layer

    def _paint_scale(self, painter: QPainter) -> None:
        mpp = self.metres_per_pixel()
        metres = next((m for m in SCALE_STEPS if m / mpp >= 60), SCALE_STEPS[-1])
        length = metres / mpp
        x0, y0 = 12.0, self.height() - 14.0
        painter.setPen(QPen(QColor("#222"), 2))
        painter.drawLine(QPointF(x0, y0), QPointF(x0 + length, y0))
        painter.drawLine(QPointF(x0, y0 - 5), QPointF(x0, y0))
        painter.drawLine(QPointF(x0 + length, y0 - 5), QPointF(x0 + length, y0))
        text = f"{metres // 1000} km" if metres >= 1000 else f"{metres} m"
        painter.drawText(QPointF(x0 + 4, y0 - 5), text)
        self.scale_text = text

    # ------------------------------------------------------------------ input

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = event.position()
            self._moved = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            delta = event.position() - self._drag
            if self._moved or abs(delta.x()) + abs(delta.y()) > 3:
                self._moved = True
                self.pan(delta.x(), delta.y())
                self._drag = event.position()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._drag is not None:
            if not self._moved:
                pin = self.pin_at(event.position())
                if pin is not None:
                    self.pin_clicked.emit(pin.shop_id)
            self._drag = None
        super().mouseReleaseEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        step = 1 if event.angleDelta().y() > 0 else -1
        self.zoom_by(step, event.position())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        moves = {
            Qt.Key.Key_Left: (80, 0),
            Qt.Key.Key_Right: (-80, 0),
            Qt.Key.Key_Up: (0, 80),
            Qt.Key.Key_Down: (0, -80),
        }
        move = moves.get(key)  # type: ignore[call-overload]
        if move is not None:
            self.pan(*move)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(-1)
        else:
            super().keyPressEvent(event)
