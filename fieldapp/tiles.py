"""Map tiles for offline use: a tile cache on disk filled from a configured tile server.

The cache is an MBTiles file (SQLite: ``tiles(zoom_level, tile_column, tile_row,
tile_data)`` with rows in the TMS scheme, i.e. flipped against the XYZ scheme of tile
URLs, and a ``metadata`` table), beside the data file. Its ``bounds`` metadata is the
box of every tile cached so far ("west,south,east,north", as the MBTiles spec says), so
the app knows which area works offline.

A :class:`TileSource` is a URL template with ``{z}``, ``{x}``, ``{y}`` and optionally
``{key}`` and ``{s}`` (a subdomain, from ``subdomains``), and the datum its tiles are
drawn in: ``gcj02`` for the common Chinese providers, ``wgs84`` otherwise (see
``fieldapp.geo``). :func:`fetch_tile` answers from the cache, else asks the server
(a few seconds at most) and keeps what it got; offline it answers None, never raises.
:func:`download_area` fills the cache for a box and zoom levels ("download my territory
for offline use"), with progress and cancel.

Threading: a :class:`TileCache` belongs to the thread that opened it (SQLite); workers
open their own on the same file (WAL lets them read while another writes).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import requests

from . import geo
from .errors import ValidationError

__all__ = [
    "DATUMS",
    "MAX_DOWNLOAD_TILES",
    "DownloadReport",
    "TileCache",
    "TileSource",
    "download_area",
    "fetch_tile",
    "tiles_in_area",
]

DATUMS: tuple[str, ...] = ("wgs84", "gcj02")
#: A territory download larger than this is refused (tiles; ~15 KB each).
MAX_DOWNLOAD_TILES = 20_000
#: Seconds a tile request may take.
TIMEOUT_S = 5.0
#: Headers sent with every tile request (servers ask to be named).
HEADERS = {"User-Agent": "fieldapp tile cache"}


@dataclass(frozen=True)
class TileSource:
    url: str
    key: str = ""
    datum: Literal["wgs84", "gcj02"] = "wgs84"
    subdomains: str = ""

    def tile_url(self, z: int, x: int, y: int) -> str:
        sub = self.subdomains[(x + y) % len(self.subdomains)] if self.subdomains else ""
        return self.url.format(z=z, x=x, y=y, key=self.key, s=sub)

    @staticmethod
    def check(url: str, datum: str) -> None:
        """Refuse a template that cannot name a tile, or an unknown datum."""
        if not url.startswith(("http://", "https://")):
            raise ValidationError.single("tile_url", "invalid_format")
        if any(part not in url for part in ("{z}", "{x}", "{y}")):
            raise ValidationError.single("tile_url", "invalid_format")
        if datum not in DATUMS:
            raise ValidationError.single("tile_datum", "invalid_choice")


class TileCache:
    """One MBTiles file; see the module docstring."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=10)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(
            """
            CREATE TABLE IF NOT EXISTS metadata (name TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE IF NOT EXISTS tiles (
                zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB,
                PRIMARY KEY (zoom_level, tile_column, tile_row));
            INSERT OR IGNORE INTO metadata VALUES ('name', 'fieldapp tiles');
            INSERT OR IGNORE INTO metadata VALUES ('format', 'png');
            """
        )
        self._db.commit()

    def get(self, z: int, x: int, y: int) -> bytes | None:
        row = self._db.execute(
            "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
            (z, x, (1 << z) - 1 - y),
        ).fetchone()
        return None if row is None else bytes(row[0])

    def put(self, z: int, x: int, y: int, data: bytes) -> None:
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO tiles VALUES (?, ?, ?, ?)",
                (z, x, (1 << z) - 1 - y, sqlite3.Binary(data)),
            )
            self._grow_bounds(z, x, y)

    def _grow_bounds(self, z: int, x: int, y: int) -> None:
        north, west = geo.world_to_lonlat(x * geo.TILE_SIZE, y * geo.TILE_SIZE, z)
        south, east = geo.world_to_lonlat((x + 1) * geo.TILE_SIZE, (y + 1) * geo.TILE_SIZE, z)
        old = self.bounds()
        if old is not None:
            west, south = min(west, old[0]), min(south, old[1])
            east, north = max(east, old[2]), max(north, old[3])
        value = ",".join(f"{v:.6f}" for v in (west, south, east, north))
        self._db.execute("INSERT OR REPLACE INTO metadata VALUES ('bounds', ?)", (value,))

    def bounds(self) -> tuple[float, float, float, float] | None:
        """(west, south, east, north) of every tile cached; None when empty."""
        row = self._db.execute("SELECT value FROM metadata WHERE name = 'bounds'").fetchone()
        if row is None:
            return None
        w, s, e, n = (float(v) for v in str(row[0]).split(","))
        return w, s, e, n

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM tiles").fetchone()[0])

    def close(self) -> None:
        self._db.close()


def fetch_tile(
    source: TileSource,
    cache: TileCache,
    z: int,
    x: int,
    y: int,
    *,
    session: requests.Session | None = None,
    refresh: bool = False,
) -> bytes | None:
    """The tile from the cache, else from the server (then cached); None when neither has
    it (offline, a refused key, a missing tile)."""
    if not refresh:
        cached = cache.get(z, x, y)
        if cached is not None:
            return cached
    try:
        answer = (session or requests).get(
            source.tile_url(z, x, y), timeout=TIMEOUT_S, headers=HEADERS
        )
    except requests.RequestException:
        return cache.get(z, x, y) if refresh else None
    if answer.status_code != 200 or not answer.content:
        return cache.get(z, x, y) if refresh else None
    cache.put(z, x, y, answer.content)
    return answer.content


def tiles_in_area(
    south: float, west: float, north: float, east: float, zooms: Iterable[int]
) -> list[tuple[int, int, int]]:
    """Every (z, x, y) covering the box at each zoom."""
    out = []
    for z in zooms:
        cols, rows = geo.tile_range(south, west, north, east, z)
        out += [(z, x, y) for x in cols for y in rows]
    return out


@dataclass(frozen=True)
class DownloadReport:
    wanted: int
    fetched: int
    already: int
    failed: int
    cancelled: bool


def download_area(
    source: TileSource,
    cache: TileCache,
    south: float,
    west: float,
    north: float,
    east: float,
    zooms: Iterable[int],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: threading.Event | Callable[[], bool] | None = None,
    session: requests.Session | None = None,
) -> DownloadReport:
    """Cache every tile of the box (WGS-84 degrees) at ``zooms``; for a GCJ-02 source the
    box is moved into GCJ-02 first. Refuses more than :data:`MAX_DOWNLOAD_TILES`."""
    if source.datum == "gcj02":
        south, west = geo.wgs_to_gcj(south, west)
        north, east = geo.wgs_to_gcj(north, east)
    wanted = tiles_in_area(south, west, north, east, zooms)
    if len(wanted) > MAX_DOWNLOAD_TILES:
        raise ValidationError.single(
            "tiles", "too_many", maximum=MAX_DOWNLOAD_TILES, count=len(wanted)
        )
    stop = cancelled.is_set if isinstance(cancelled, threading.Event) else cancelled
    fetched = already = failed = 0
    own = session or requests.Session()
    try:
        for i, (z, x, y) in enumerate(wanted):
            if stop is not None and stop():
                return DownloadReport(len(wanted), fetched, already, failed, True)
            if cache.get(z, x, y) is not None:
                already += 1
            elif fetch_tile(source, cache, z, x, y, session=own) is not None:
                fetched += 1
            else:
                failed += 1
            if progress is not None:
                progress(i + 1, len(wanted))
    finally:
        if session is None:
            own.close()
    return DownloadReport(len(wanted), fetched, already, failed, False)
