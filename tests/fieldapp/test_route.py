"""The route solver on fixed inputs with known optimal orders (fieldapp.route)."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest

from fieldapp.route import DETOUR_FACTOR, Stop, follow, great_circle_km, order_stops

DEPART = datetime(2026, 11, 24, 8, 30)
START = (34.75, 113.60)  # Zhengzhou
# 0.01° of longitude at 34.75° N is 0.914 km; of latitude 1.112 km.


def _stop(key: str, dlat: float, dlon: float, **kw: int) -> Stop:
    return Stop(key, key, START[0] + dlat, START[1] + dlon, **kw)  # type: ignore[arg-type]


def _keys(route: object) -> list[str]:
    return [leg.stop.key for leg in route.legs]  # type: ignore[attr-defined]


def test_great_circle_distances_of_known_pairs() -> None:
    # One degree along the equator is 2πR/360; equator to pole a quarter circle.
    assert great_circle_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.001)
    assert great_circle_km(0, 30, 90, 0) == pytest.approx(10_007.557, abs=0.001)
    # A degree of longitude shrinks with the cosine of the latitude.
    assert great_circle_km(60, 10, 60, 11) == pytest.approx(55.597, abs=0.01)


def test_stops_on_a_line_are_visited_outward() -> None:
    stops = [_stop("c", 0, 0.03), _stop("a", 0, 0.01), _stop("d", 0, 0.04), _stop("b", 0, 0.02)]
    route = order_stops(stops, start=START, depart=DEPART)
    assert _keys(route) == ["a", "b", "c", "d"]
    expected = great_circle_km(*START, START[0], START[1] + 0.04) * DETOUR_FACTOR
    assert route.total_km == pytest.approx(expected, abs=0.02)
    assert [leg.km for leg in route.legs][1:] == pytest.approx([0.914 * 1.3] * 3, abs=0.01)


def test_the_order_is_the_shortest_of_all_orders() -> None:
    # Seven scattered stops: brute force over all 5,040 orders gives the optimum.
    offsets = [(0.02, 0.05), (-0.03, 0.01), (0.04, -0.02), (-0.01, -0.04), (0.05, 0.03),
               (-0.04, 0.04), (0.01, 0.0)]  # fmt: skip
    stops = [_stop(str(i), *o) for i, o in enumerate(offsets)]
    best = min(
        follow(list(p), start=START, depart=DEPART).total_km for p in itertools.permutations(stops)
    )
    route = order_stops(stops, start=START, depart=DEPART, time_limit_s=0.5)
    assert route.total_km == pytest.approx(best, abs=0.01)


def test_a_shop_closing_early_is_visited_first_even_if_far() -> None:
    near = _stop("near", 0, 0.01)
    far = _stop("far", 0, 0.10, closes=9 * 60 + 30)  # 9.1 km away, closes 09:30
    route = order_stops([near, far], start=START, depart=DEPART)
    assert _keys(route) == ["far", "near"]
    assert not route.late
    # Without the window the near one goes first.
    plain = order_stops([near, _stop("far", 0, 0.10)], start=START, depart=DEPART)
    assert _keys(plain) == ["near", "far"]


def test_arriving_before_opening_waits_for_it() -> None:
    route = order_stops([_stop("a", 0, 0.01, opens=10 * 60)], start=START, depart=DEPART)
    assert route.legs[0].arrival == datetime(2026, 11, 24, 10, 0)


def test_infeasible_windows_still_give_a_route_with_late_stops_marked() -> None:
    # Both close at 08:55; from 08:30 only one visit of 20 minutes can end in time.
    a = _stop("a", 0, 0.01, closes=8 * 60 + 55)
    b = _stop("b", 0, -0.01, closes=8 * 60 + 55)
    route = order_stops([a, b], start=START, depart=DEPART)
    assert sorted(_keys(route)) == ["a", "b"]
    assert [leg.late for leg in route.legs] == [False, True]


def test_shops_without_coordinates_go_last_marked() -> None:
    lost = Stop("lost", "lost")
    route = order_stops([lost, _stop("b", 0, 0.02), _stop("a", 0, 0.01)], start=START,
                        depart=DEPART)  # fmt: skip
    assert _keys(route) == ["a", "b", "lost"]
    assert route.legs[-1].no_position and route.legs[-1].arrival is None
    assert route.legs[-1].km is None
    assert [leg.stop.key for leg in route.without_position] == ["lost"]


def test_arrivals_add_travel_and_visit_time() -> None:
    route = order_stops([_stop("a", 0, 0.01), _stop("b", 0, 0.02)], start=START, depart=DEPART)
    # 1.19 km at 30 km/h: 3 minutes (rounded up); then 20 minutes' visit and 3 more.
    assert [leg.arrival for leg in route.legs] == [
        datetime(2026, 11, 24, 8, 33),
        datetime(2026, 11, 24, 8, 56),
    ]
