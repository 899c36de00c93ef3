"""Order a day's stops: the shortest route from a start point, with opening hours.

OR-Tools' routing solver (one vehicle, an open route: the day ends at the last stop) on
a distance matrix of great-circle distances × :data:`DETOUR_FACTOR`, since a laptop
offline has no road network. Travel time is distance / :data:`SPEED_KMH`; each stop takes
a standard visit duration. A shop's opening hours are a time window: arriving early
means waiting for it to open; closing times are soft, so an infeasible set of windows
still gives a route, with the stops that cannot be finished before closing marked late.
Shops without coordinates cannot be placed: they go to the end, marked.

Pure and thread-agnostic: no store, no Qt. ``fieldapp.plan`` feeds it the day's stops.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

__all__ = [
    "DETOUR_FACTOR",
    "SPEED_KMH",
    "VISIT_MINUTES",
    "Leg",
    "Route",
    "Stop",
    "follow",
    "great_circle_km",
    "order_stops",
    "road_km",
]

#: Road distance over straight-line distance. Measured circuity factors for road
#: networks are 1.2-1.4 (Ballou et al. 2002, "Selected country circuity factors for road
#: travel distance estimation", Transportation Research A 36: China not listed, its
#: neighbours ~1.3); county roads between towns sit at the high end, so 1.3.
DETOUR_FACTOR = 1.3
#: Average speed between shops, town and county roads (km/h).
SPEED_KMH = 30.0
#: A standard visit's length (minutes).
VISIT_MINUTES = 20
#: Mean Earth radius (km, IUGG).
EARTH_RADIUS_KM = 6371.0088
#: The solver's penalty per minute a stop is finished after closing, in metres of road:
#: a kilometre's detour is worth less than a minute late.
_LATE_PENALTY_PER_MINUTE = 10_000
_DAY_MINUTES = 24 * 60 * 2


@dataclass(frozen=True)
class Stop:
    """A place to visit: its key (a shop id), name, position and opening hours."""

    key: str
    name: str
    latitude: float | None = None
    longitude: float | None = None
    #: Opening and closing time as minutes after midnight (None: unknown).
    opens: int | None = None
    closes: int | None = None

    @property
    def placed(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class Leg:
    """One stop of the route."""

    stop: Stop
    #: When the visit starts (after any wait for opening); None when it has no position.
    arrival: datetime | None
    #: Road kilometres from the previous stop (the start for the first); None: no position.
    km: float | None
    #: The visit cannot be finished before the shop closes.
    late: bool = False

    @property
    def no_position(self) -> bool:
        return not self.stop.placed


@dataclass(frozen=True)
class Route:
    legs: tuple[Leg, ...]
    #: Road kilometres from the start to the last placed stop.
    total_km: float

    @property
    def late(self) -> tuple[Leg, ...]:
        return tuple(leg for leg in self.legs if leg.late)

    @property
    def without_position(self) -> tuple[Leg, ...]:
        return tuple(leg for leg in self.legs if leg.no_position)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The haversine distance between two WGS-84 points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def road_km(
    a: tuple[float, float], b: tuple[float, float], *, detour: float = DETOUR_FACTOR
) -> float:
    """Estimated road distance: great-circle distance × the detour factor."""
    return great_circle_km(a[0], a[1], b[0], b[1]) * detour


def _minutes(km: float, speed_kmh: float) -> int:
    return math.ceil(km / speed_kmh * 60)


def order_stops(
    stops: Sequence[Stop],
    *,
    start: tuple[float, float],
    depart: datetime,
    visit_minutes: int = VISIT_MINUTES,
    speed_kmh: float = SPEED_KMH,
    detour: float = DETOUR_FACTOR,
    time_limit_s: float | None = None,
) -> Route:
    """The stops in a short visiting order from ``start``, leaving at ``depart``.

    Stops without a position come last in their given order. ``time_limit_s``: how long
    the solver may improve its first route (default grows with the number of stops).
    """
    placed = [s for s in stops if s.placed]
    order = _solve(placed, start, depart, visit_minutes, speed_kmh, detour, time_limit_s)
    ordered = [placed[i] for i in order] + [s for s in stops if not s.placed]
    return follow(
        ordered,
        start=start,
        depart=depart,
        visit_minutes=visit_minutes,
        speed_kmh=speed_kmh,
        detour=detour,
    )


def follow(
    stops: Sequence[Stop],
    *,
    start: tuple[float, float],
    depart: datetime,
    visit_minutes: int = VISIT_MINUTES,
    speed_kmh: float = SPEED_KMH,
    detour: float = DETOUR_FACTOR,
) -> Route:
    """The route through ``stops`` in the given order: arrivals, distances, late stops.

    Stops without a position are skipped for distance and time and listed last.
    """
    legs: list[Leg] = []
    where, clock, total = start, depart, 0.0
    midnight = depart.replace(hour=0, minute=0, second=0, microsecond=0)
    for stop in (s for s in stops if s.placed):
        here = (float(stop.latitude or 0.0), float(stop.longitude or 0.0))
        km = road_km(where, here, detour=detour)
        arrival = clock + timedelta(minutes=_minutes(km, speed_kmh))
        if stop.opens is not None:
            arrival = max(arrival, midnight + timedelta(minutes=stop.opens))
        finish = arrival + timedelta(minutes=visit_minutes)
        late = stop.closes is not None and finish > midnight + timedelta(minutes=stop.closes)
        legs.append(Leg(stop, arrival, round(km, 2), late))
        where, clock, total = here, finish, total + km
    legs += [Leg(s, None, None) for s in stops if not s.placed]
    return Route(tuple(legs), round(total, 2))


def _solve(
    stops: Sequence[Stop],
    start: tuple[float, float],
    depart: datetime,
    visit_minutes: int,
    speed_kmh: float,
    detour: float,
    time_limit_s: float | None,
) -> list[int]:
    """Indexes into ``stops`` in visiting order."""
    n = len(stops)
    if n <= 1:
        return list(range(n))
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    points = [start] + [(float(s.latitude or 0.0), float(s.longitude or 0.0)) for s in stops]
    metres = [
        [0 if j == 0 else round(road_km(a, b, detour=detour) * 1000) for j, b in enumerate(points)]
        for a in points
    ]
    # Travel plus the visit at the stop left (none at the start); the route is open, so
    # going back to the start (node 0) costs nothing.
    minutes = [
        [
            0 if j == 0 or i == j else (visit_minutes if i else 0) + _minutes(m / 1000, speed_kmh)
            for j, m in enumerate(row)
        ]
        for i, row in enumerate(metres)
    ]
    manager = pywrapcp.RoutingIndexManager(n + 1, 1, 0)
    routing = pywrapcp.RoutingModel(manager)
    routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitMatrix(metres))
    routing.AddDimension(routing.RegisterTransitMatrix(minutes), _DAY_MINUTES, _DAY_MINUTES,
                         True, "time")  # fmt: skip
    time = routing.GetDimensionOrDie("time")
    day_start = depart.hour * 60 + depart.minute
    for node, stop in enumerate(stops, start=1):
        index = manager.NodeToIndex(node)
        if stop.opens is not None and stop.opens > day_start:
            time.CumulVar(index).SetMin(stop.opens - day_start)
        if stop.closes is not None:
            latest = max(0, stop.closes - visit_minutes - day_start)
            time.SetCumulVarSoftUpperBound(index, latest, _LATE_PENALTY_PER_MINUTE)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    limit = time_limit_s if time_limit_s is not None else min(2.0, 0.05 + 0.005 * n)
    params.time_limit.FromMilliseconds(max(1, round(limit * 1000)))
    solution = routing.SolveWithParameters(params)
    if solution is None:  # cannot happen with soft windows; keep the given order
        return list(range(n))
    order: list[int] = []
    index = solution.Value(routing.NextVar(routing.Start(0)))
    while not routing.IsEnd(index):
        order.append(manager.IndexToNode(index) - 1)
        index = solution.Value(routing.NextVar(index))
    return order
