"""Map coordinates (fieldapp.geo): GCJ-02 against published reference points, the tile grid."""

from __future__ import annotations

import math

import pytest

from fieldapp import geo
from fieldapp.route import great_circle_km

#: (WGS-84 lat, lon, GCJ-02 lat, lon): the reference points of eviltransform's test
#: suite (github.com/googollee/eviltransform, python/test.py), Shanghai, Shenzhen, Beijing.
REFERENCE = [
    (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),
    (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),
    (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),
]


@pytest.mark.parametrize(("w_lat", "w_lon", "g_lat", "g_lon"), REFERENCE)
def test_wgs_to_gcj_matches_the_reference_points(
    w_lat: float, w_lon: float, g_lat: float, g_lon: float
) -> None:
    lat, lon = geo.wgs_to_gcj(w_lat, w_lon)
    assert lat == pytest.approx(g_lat, abs=1e-7)
    assert lon == pytest.approx(g_lon, abs=1e-7)
    # The offset is hundreds of metres: drawing WGS-84 on GCJ-02 tiles would miss the shop.
    assert great_circle_km(w_lat, w_lon, g_lat, g_lon) > 0.1


@pytest.mark.parametrize(("w_lat", "w_lon", "g_lat", "g_lon"), REFERENCE)
def test_gcj_to_wgs_inverts_to_a_millimetre(
    w_lat: float, w_lon: float, g_lat: float, g_lon: float
) -> None:
    lat, lon = geo.gcj_to_wgs(g_lat, g_lon)
    assert great_circle_km(lat, lon, w_lat, w_lon) * 1000 < 0.01


def test_outside_china_nothing_moves() -> None:
    assert geo.wgs_to_gcj(48.8584, 2.2945) == (48.8584, 2.2945)  # Paris
    assert geo.gcj_to_wgs(-33.8568, 151.2153) == (-33.8568, 151.2153)  # Sydney
    assert not geo.in_china(48.8584, 2.2945) and geo.in_china(34.75, 113.62)


def test_web_mercator_round_trip_and_scale() -> None:
    x, y = geo.lonlat_to_world(34.7466, 113.6253, 12)
    lat, lon = geo.world_to_lonlat(x, y, 12)
    assert (lat, lon) == (pytest.approx(34.7466, abs=1e-9), pytest.approx(113.6253, abs=1e-9))
    assert geo.lonlat_to_world(0, 0, 0) == (128.0, 128.0)
    assert geo.metres_per_pixel(0, 0) == pytest.approx(156_543.03, abs=0.01)
    assert geo.metres_per_pixel(60, 1) == pytest.approx(geo.metres_per_pixel(0, 0) / 4, rel=1e-9)
    # The tile under a point holds it.
    cols, rows = geo.tile_range(34.74, 113.62, 34.75, 113.63, 12)
    assert int(x // 256) in cols and int(y // 256) in rows
    assert len(cols) * len(rows) <= 4
    assert math.isclose(geo.lonlat_to_world(85.1, 0, 0)[1], 0, abs_tol=1e-6)
