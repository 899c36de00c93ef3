"""Offline map tiles (fieldapp.tiles) against a tile server on the loopback address."""

from __future__ import annotations

import struct
import threading
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from fieldapp import geo
from fieldapp.errors import ValidationError
from fieldapp.tiles import TileCache, TileSource, download_area, fetch_tile, tiles_in_area


def png(z: int, x: int, y: int) -> bytes:
    """A 1x1 PNG whose colour names the tile (so a wrong tile is caught)."""
    raw = b"\x00" + bytes((z * 10 % 256, x % 256, y % 256))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    head = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", head) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


class TileServer:
    """Serves /tiles/{z}/{x}/{y}.png?key=K (403 without the key), counts requests."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.requests.append(self.path)
                path, _, query = self.path.partition("?")
                parts = path.strip("/").split("/")
                if query != "key=K":
                    self.send_response(403)
                    self.end_headers()
                    return
                if len(parts) != 4 or parts[0] != "tiles":
                    self.send_response(404)
                    self.end_headers()
                    return
                z, x, y = int(parts[1]), int(parts[2]), int(parts[3].removesuffix(".png"))
                body = png(z, x, y)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/tiles/{{z}}/{{x}}/{{y}}.png?key={{key}}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[TileServer]:
    s = TileServer()
    yield s
    s.stop()


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[TileCache]:
    c = TileCache(tmp_path / "tiles.mbtiles")
    yield c
    c.close()


def test_a_tile_is_fetched_once_then_served_from_the_cache_even_offline(
    server: TileServer, cache: TileCache
) -> None:
    source = TileSource(server.url(), key="K")
    assert fetch_tile(source, cache, 12, 3345, 1627) == png(12, 3345, 1627)
    assert len(server.requests) == 1
    assert fetch_tile(source, cache, 12, 3345, 1627) == png(12, 3345, 1627)
    assert len(server.requests) == 1  # from the cache
    server.stop()  # offline now
    assert fetch_tile(source, cache, 12, 3345, 1627) == png(12, 3345, 1627)
    assert fetch_tile(source, cache, 12, 3346, 1627) is None  # never fetched: nothing
    assert fetch_tile(source, cache, 12, 3345, 1627, refresh=True) == png(12, 3345, 1627)


def test_a_refused_key_or_a_missing_tile_is_no_tile_and_nothing_cached(
    server: TileServer, cache: TileCache
) -> None:
    assert fetch_tile(TileSource(server.url(), key="wrong"), cache, 3, 1, 2) is None
    missing = TileSource(server.url().replace("/tiles/", "/none/"), key="K")
    assert fetch_tile(missing, cache, 3, 1, 2) is None
    assert cache.count() == 0


def test_mbtiles_rows_are_tms_and_the_bounds_grow_with_the_tiles(
    server: TileServer, cache: TileCache
) -> None:
    source = TileSource(server.url(), key="K")
    fetch_tile(source, cache, 1, 0, 0)  # the north-west quarter of the world
    row = cache._db.execute("SELECT zoom_level, tile_column, tile_row FROM tiles").fetchone()
    assert row == (1, 0, 1)  # TMS: row 0 is the south
    w, s, e, n = cache.bounds() or (0, 0, 0, 0)
    assert (w, s, e) == (-180.0, 0.0, 0.0) and n == pytest.approx(85.0511, abs=1e-4)


def test_download_my_territory_with_progress_cancel_and_a_limit(
    server: TileServer, cache: TileCache
) -> None:
    source = TileSource(server.url(), key="K")
    box = (34.70, 113.55, 34.80, 113.70)  # south, west, north, east (Zhengzhou)
    wanted = tiles_in_area(*box, range(10, 14))
    seen: list[tuple[int, int]] = []
    report = download_area(
        source, cache, *box, range(10, 14), progress=lambda d, t: seen.append((d, t))
    )
    assert (report.wanted, report.fetched, report.failed) == (len(wanted), len(wanted), 0)
    assert seen[-1] == (len(wanted), len(wanted)) and len(seen) == len(wanted)
    again = download_area(source, cache, *box, range(10, 14))
    assert (again.fetched, again.already) == (0, len(wanted))
    # Cancelled after three tiles of the next zoom.
    stop = threading.Event()

    def progress(done: int, _total: int) -> None:
        if done == 3:
            stop.set()

    cut = download_area(source, cache, *box, [15], progress=progress, cancelled=stop)
    assert cut.cancelled and cut.fetched == 3
    with pytest.raises(ValidationError) as caught:
        download_area(source, cache, 20.0, 100.0, 40.0, 120.0, [14])
    assert caught.value.codes() == {"tiles": "too_many"}


def test_a_gcj02_source_downloads_the_box_where_its_tiles_draw_it(
    server: TileServer, cache: TileCache
) -> None:
    source = TileSource(server.url(), key="K", datum="gcj02")
    lat, lon = 34.7466, 113.6253
    download_area(source, cache, lat - 0.001, lon - 0.001, lat + 0.001, lon + 0.001, [17])
    g_lat, g_lon = geo.wgs_to_gcj(lat, lon)
    x, y = geo.lonlat_to_world(g_lat, g_lon, 17)
    assert cache.get(17, int(x // 256), int(y // 256)) is not None


def test_a_template_without_z_x_y_is_refused() -> None:
    with pytest.raises(ValidationError):
        TileSource.check("http://127.0.0.1/tiles.png", "wgs84")
    with pytest.raises(ValidationError):
        TileSource.check("http://127.0.0.1/{z}/{x}/{y}.png", "bd09")
    TileSource.check("https://t{s}.example/{z}/{x}/{y}.png?key={key}", "gcj02")
    assert (
        TileSource("https://t{s}.x/{z}/{x}/{y}", subdomains="ab").tile_url(1, 1, 0)
        == "https://tb.x/1/1/0"
    )
