"""Map coordinates: WGS-84 ↔ GCJ-02 and the Web Mercator tile grid.

Shops, check-ins and the route's start are stored in **WGS-84**, as a phone's or a
laptop's GPS reports them. Map tiles of the common Chinese providers (AMap/Gaode,
Tencent, and others licensed for mainland China) are drawn in **GCJ-02**, the state's
obfuscated datum, which sits 100-700 m off WGS-84 inside China and equals it outside.
A map whose tile source is GCJ-02 therefore draws each WGS-84 point at
:func:`wgs_to_gcj` of it (and turns a click back with :func:`gcj_to_wgs`); a WGS-84
source (OpenStreetMap style) draws points as they are. Nothing stored is converted.

The forward transform is the published GCJ-02 formula (Krasovsky 1940 ellipsoid, the
same constants as the open reference implementations, e.g. eviltransform and
PRCoords); it has no closed inverse, so :func:`gcj_to_wgs` iterates the forward one to
about a millimetre. The tests check both against the reference points that
eviltransform's suite publishes for Shanghai, Shenzhen and Beijing.

No package on PyPI does this and is kept up (the ones there were last released in
2018-2019), so it is here, ~60 lines, with those reference tests.
Pure functions, any thread.
"""

from __future__ import annotations

import math

__all__ = [
    "MAX_LATITUDE",
    "TILE_SIZE",
    "gcj_to_wgs",
    "in_china",
    "lonlat_to_world",
    "metres_per_pixel",
    "tile_range",
    "wgs_to_gcj",
    "world_to_lonlat",
]

#: Krasovsky 1940: semi-major axis (m) and first eccentricity squared, as GCJ-02 uses.
_A = 6378245.0
_EE = 0.00669342162296594323
#: Pixels of one tile side.
TILE_SIZE = 256


def in_china(lat: float, lon: float) -> bool:
    """Whether GCJ-02 moves this point: the rectangle the formula applies to."""
    return 0.8293 <= lat <= 55.8271 and 72.004 <= lon <= 137.8347


def _delta(lat: float, lon: float) -> tuple[float, float]:
    x, y = lon - 105.0, lat - 35.0
    d_lat = (
        -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
        + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
        + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
        + (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    )  # fmt: skip
    d_lon = (
        300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
        + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
        + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
        + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    )  # fmt: skip
    rad = math.radians(lat)
    magic = 1.0 - _EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (_A / sqrt_magic * math.cos(rad) * math.pi)
    return d_lat, d_lon


def wgs_to_gcj(lat: float, lon: float) -> tuple[float, float]:
    """GCJ-02 of a WGS-84 point (unchanged outside China)."""
    if not in_china(lat, lon):
        return lat, lon
    d_lat, d_lon = _delta(lat, lon)
    return lat + d_lat, lon + d_lon


def gcj_to_wgs(lat: float, lon: float, *, tolerance_deg: float = 1e-8) -> tuple[float, float]:
    """WGS-84 of a GCJ-02 point: the forward transform inverted by iteration (converges
    to ``tolerance_deg``, ~1 mm, in a few steps; unchanged outside China)."""
    if not in_china(lat, lon):
        return lat, lon
    w_lat, w_lon = lat, lon
    for _ in range(30):
        g_lat, g_lon = wgs_to_gcj(w_lat, w_lon)
        e_lat, e_lon = g_lat - lat, g_lon - lon
        w_lat, w_lon = w_lat - e_lat, w_lon - e_lon
        if abs(e_lat) < tolerance_deg and abs(e_lon) < tolerance_deg:
            break
    return w_lat, w_lon


# --------------------------------------------------------------------------- Web Mercator

#: Web Mercator's latitude limit (the world map is square).
MAX_LATITUDE = 85.05112878
_MAX_LAT = MAX_LATITUDE


def lonlat_to_world(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    """Pixel position of a point on the Web Mercator world at ``zoom`` (0,0: top left)."""
    size = TILE_SIZE * 2.0**zoom
    lat = max(-_MAX_LAT, min(_MAX_LAT, lat))
    x = (lon + 180.0) / 360.0 * size
    s = math.sin(math.radians(lat))
    y = (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * size
    return x, y


def world_to_lonlat(x: float, y: float, zoom: float) -> tuple[float, float]:
    """(lat, lon) of a world pixel at ``zoom``; the inverse of :func:`lonlat_to_world`."""
    size = TILE_SIZE * 2.0**zoom
    lon = x / size * 360.0 - 180.0
    n = math.pi - 2.0 * math.pi * y / size
    lat = math.degrees(math.atan(math.sinh(n)))
    return lat, lon


def metres_per_pixel(lat: float, zoom: float) -> float:
    """Ground metres one pixel covers at ``lat`` and ``zoom`` (WGS-84 equator 40,075 km)."""
    return float(40_075_016.686 * math.cos(math.radians(lat)) / (TILE_SIZE * 2.0**zoom))


def tile_range(
    south: float, west: float, north: float, east: float, zoom: int
) -> tuple[range, range]:
    """The tile columns and rows (XYZ scheme) covering a box at ``zoom``."""
    x0, y0 = lonlat_to_world(north, west, zoom)
    x1, y1 = lonlat_to_world(south, east, zoom)
    last = 2**zoom - 1
    cols = range(max(0, int(x0 // TILE_SIZE)), min(last, int(x1 // TILE_SIZE)) + 1)
    rows = range(max(0, int(y0 // TILE_SIZE)), min(last, int(y1 // TILE_SIZE)) + 1)
    return cols, rows
