"""The map page: pins by state, today's route, tiles from a loopback server and from the
cache alone when offline, never a blank page, a click opens the shop; GCJ-02 tiles move
the pins; the territory download."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from fieldapp import geo
from fieldapp.store import plan
from fieldapp.store.map_data import shop_pins
from tests.fieldapp.test_tiles import TileServer
from tests.ui.conftest import DEMO_TODAY
from ui.context import AppContext
from ui.map_tiles import TILE_DATUM, TILE_KEY, TILE_URL
from ui.pages.map import MapPage
from ui.widgets.map_view import BACKGROUND, STATE_COLOURS


@pytest.fixture
def server() -> Iterator[TileServer]:
    s = TileServer()
    yield s
    s.stop()


def make_page(qtbot: QtBot, ctx: AppContext) -> MapPage:
    page = MapPage(ctx)
    qtbot.addWidget(page)
    page.resize(1216, 740)
    page.show()
    page.refresh()
    return page


def pixel(page: MapPage, at: QPointF) -> QColor:
    image = page.view.grab().toImage()
    return QColor(image.pixel(int(at.x()), int(at.y())))


def test_pins_by_state_and_todays_route_on_a_plain_background_offline(
    qtbot: QtBot, ctx: AppContext
) -> None:
    page = make_page(qtbot, ctx)
    rep = ctx.store.user_id or ""
    pins = shop_pins(ctx.store, day=DEMO_TODAY, rep_id=rep)
    assert len(page.view.pins) == len(pins) > 100
    assert page.pins_by_state["visited"] > 0 and page.pins_by_state["planned"] > 0
    stops = [s for s in plan.day_plan(ctx.store, rep, DEMO_TODAY).stops if s.latitude]
    assert len(page.view.route) == len(stops)
    # No tile server, no tile: the background, the pins and the scale bar are drawn.
    image = page.view.grab().toImage()
    assert page.view.tiles_drawn == 0
    corner = QColor(image.pixel(page.view.width() - 5, 5))
    assert corner == BACKGROUND
    # The most isolated pin off the route is drawn in its state's colour.
    view = page.view
    on_route = {(r.latitude, r.longitude) for r in view.route}
    candidates = [
        (p, xy) for p, xy in zip(view.pins, view._pin_xy, strict=True)
        if (p.latitude, p.longitude) not in on_route
    ]  # fmt: skip

    def room(xy: tuple[float, float]) -> float:
        return min(
            (xy[0] - o[0]) ** 2 + (xy[1] - o[1]) ** 2
            for o in view._pin_xy + view._route_xy
            if o != xy
        )

    pin, xy = max(candidates, key=lambda c: room(c[1]))
    view.center, view.zoom = xy, 14
    at = view.screen_of_pin(pin.shop_id)
    assert at is not None
    assert pixel(page, at).name() == STATE_COLOURS[pin.state]
    assert page.view.scale_text.endswith(("m", "km"))
    assert "No tile server" in page.status.text()


def test_a_click_on_a_pin_opens_the_shop_and_drag_pans(qtbot: QtBot, ctx: AppContext) -> None:
    page = make_page(qtbot, ctx)
    view = page.view
    view.zoom = 16
    pin = view.pins[0]
    view.center = view._pin_xy[0]
    view.update()
    at = view.screen_of_pin(pin.shop_id)
    assert at is not None
    with qtbot.waitSignal(ctx.signals.navigate) as opened:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=at.toPoint())
    assert opened.args == ["shop", pin.shop_id] or opened.args[1] == view.pin_at(at).shop_id  # type: ignore[union-attr]
    before = view.center
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.center[0] < before[0]
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.zoom == 17


def test_tiles_from_the_server_then_from_the_cache_alone_offline(
    qtbot: QtBot, ctx: AppContext, server: TileServer, tmp_path: Path
) -> None:
    store = ctx.store
    store.set_setting(TILE_URL, server.url())
    store.set_setting(TILE_KEY, "K")
    store.set_setting(TILE_DATUM, "wgs84")
    page = make_page(qtbot, ctx)
    page.view.grab()  # first paint asks for the tiles (inline runner in tests)
    assert server.requests and page.view.tiles is not None
    asked = len(server.requests)
    image = page.view.grab().toImage()
    assert page.view.tiles_drawn > 0
    assert len(server.requests) == asked  # drawn from the cache now
    server.stop()
    offline = make_page(qtbot, ctx)  # a new page, the server gone: the cache still draws
    offline.view.zoom, offline.view.center = page.view.zoom, page.view.center
    offline.view.grab()
    assert offline.view.tiles_drawn == page.view.tiles_drawn
    assert "map tiles kept" in offline.status.text()
    assert isinstance(image, QImage)


def test_on_gcj02_tiles_pins_are_drawn_at_their_gcj02_position(
    qtbot: QtBot, ctx: AppContext
) -> None:
    page = make_page(qtbot, ctx)
    pin = page.view.pins[0]
    wgs = page.view.screen_of_pin(pin.shop_id)
    ctx.store.set_setting(TILE_URL, "http://127.0.0.1:9/{z}/{x}/{y}.png")
    ctx.store.set_setting(TILE_DATUM, "gcj02")
    ctx.notify("settings")
    gcj = page.view.screen_of_pin(pin.shop_id)
    assert wgs is not None and gcj is not None
    g_lat, g_lon = geo.wgs_to_gcj(pin.latitude, pin.longitude)
    metres = geo.metres_per_pixel(pin.latitude, page.view.zoom)
    moved_m = ((gcj.x() - wgs.x()) ** 2 + (gcj.y() - wgs.y()) ** 2) ** 0.5 * metres
    from fieldapp.route import great_circle_km

    assert moved_m == pytest.approx(
        great_circle_km(pin.latitude, pin.longitude, g_lat, g_lon) * 1000, rel=0.05
    )


def test_download_my_territory_fills_the_cache(
    qtbot: QtBot, ctx: AppContext, server: TileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.pages.map as map_page

    monkeypatch.setattr(map_page, "TERRITORY_ZOOMS", range(9, 11))
    store = ctx.store
    store.set_setting(TILE_URL, server.url())
    store.set_setting(TILE_KEY, "K")
    page = make_page(qtbot, ctx)
    before = page.view.tiles.count() if page.view.tiles else 0
    page.download_territory()
    assert page.view.tiles is not None and page.view.tiles.count() > before
    assert "tiles new" in page.status.text()
