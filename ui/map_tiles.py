"""Map tiles for the map view: decoded pixmaps from the on-disk cache, missing tiles
fetched on the task runner when a tile server is configured.

The source comes from the store's settings (``map.tile_url``, ``map.tile_key``,
``map.tile_datum``; Settings edits them); the cache is ``<data file>-tiles.mbtiles``
(``fieldapp.tiles``). With no source, or offline, only cached tiles are drawn and the
map still draws its pins, route and scale bar on a plain background.
A cached tile is decoded (PNG/JPEG inflate, ~1.5 ms each, a view needs ~24) on the
runner into a QImage, made a QPixmap on the UI thread and drawn at the next paint
(``arrived``): the map's first paint shows pins, route and scale bar at once and the
tiles a moment later, never holding the UI thread for the decoding. Without a runner
tiles are decoded as they are asked for.
Threading: UI thread; decoding and fetches run on the runner (each fetch with its own
cache connection).
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QPixmap

from fieldapp.tiles import TileCache, TileSource, fetch_tile

from .tasks import Task, TaskRunner

TILE_URL, TILE_KEY, TILE_DATUM = "map.tile_url", "map.tile_key", "map.tile_datum"
#: Decoded tiles kept in memory (a 1366x768 view needs ~24).
MEMORY_TILES = 256


def tile_source(settings: object) -> TileSource | None:
    """The configured tile server, or None."""
    get = getattr(settings, "get_setting")  # noqa: B009 (a Store or a stand-in)
    url = get(TILE_URL)
    if not isinstance(url, str) or not url:
        return None
    datum = get(TILE_DATUM) or "wgs84"
    return TileSource(
        url, key=str(get(TILE_KEY) or ""), datum="gcj02" if datum == "gcj02" else "wgs84"
    )


def cache_path(store_path: str | Path | None, fallback: Path) -> Path:
    if store_path is None or str(store_path) == ":memory:":
        return fallback
    p = Path(store_path)
    return p.with_name(p.stem + "-tiles.mbtiles")


class TileProvider(QObject):
    """``pixmap(z, x, y)`` now if cached; else None, and ``arrived`` once it is fetched."""

    arrived = Signal()

    def __init__(
        self,
        path: Path,
        source: TileSource | None,
        runner: TaskRunner | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.source = source
        self._runner = runner
        self._cache = TileCache(path)
        self._memory: OrderedDict[tuple[int, int, int], QPixmap] = OrderedDict()
        self._asked: set[tuple[int, int, int]] = set()
        self._failed: set[tuple[int, int, int]] = set()
        self._decoding: set[tuple[int, int, int]] = set()

    @property
    def datum(self) -> str:
        return self.source.datum if self.source is not None else "wgs84"

    def pixmap(self, z: int, x: int, y: int) -> QPixmap | None:
        key = (z, x, y)
        found = self._memory.get(key)
        if found is not None:
            self._memory.move_to_end(key)
            return found
        if key in self._decoding:
            return None
        data = self._cache.get(z, x, y)
        if data is not None:
            if self._runner is None:
                pix = QPixmap()
                return self._remember(key, pix) if pix.loadFromData(data) else None
            self._decode(key, data)
            return self._memory.get(key)  # an inline runner (tests) has decoded it already
        self._fetch(key)
        return None

    def _remember(self, key: tuple[int, int, int], pix: QPixmap) -> QPixmap:
        self._memory[key] = pix
        if len(self._memory) > MEMORY_TILES:
            self._memory.popitem(last=False)
        return pix

    def _decode(self, key: tuple[int, int, int], data: bytes) -> None:
        assert self._runner is not None
        self._decoding.add(key)

        def work(_task: Task) -> QImage:
            return QImage.fromData(data)  # QImage, not QPixmap: safe off the UI thread

        def done(image: QImage) -> None:
            self._decoding.discard(key)
            if not image.isNull():
                self._remember(key, QPixmap.fromImage(image))
                self.arrived.emit()

        self._runner.run(
            work, on_done=done, on_error=lambda *_: self._decoding.discard(key), background=True
        )

    def _fetch(self, key: tuple[int, int, int]) -> None:
        if self.source is None or self._runner is None or key in self._asked or key in self._failed:
            return
        self._asked.add(key)
        source, path = self.source, self.path

        def work(_task: Task) -> bool:
            cache = TileCache(path)
            try:
                return fetch_tile(source, cache, *key) is not None
            finally:
                cache.close()

        def done(ok: bool) -> None:
            self._asked.discard(key)
            if ok:
                self.arrived.emit()
            else:
                self._failed.add(key)  # offline or refused: not asked again this session

        self._runner.run(work, on_done=done, on_error=lambda *_: done(False), background=True)

    def decoding(self) -> int:
        """Tiles being decoded on the runner."""
        return len(self._decoding)

    def count(self) -> int:
        return self._cache.count()

    def close(self) -> None:
        self._cache.close()
