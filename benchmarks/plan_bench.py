"""Day plan benchmark: plan + route for 40 and 120 stops (targets: under 1 s and 5 s).

    python benchmarks/plan_bench.py [--rounds 3]

Each round builds a store (untimed) with one rep's shops scattered within ~15 km of the
start point, all on the day's route and never visited, a third with opening hours and a
few without coordinates; then times ``fieldapp.store.plan.generate`` (one planned visit,
with its outbox row, per due shop) followed by ``order_by_route`` (OR-Tools with time
windows, the stops renumbered). ``benchmarks/run.py --only plan`` runs it too.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from dataclasses import dataclass
from datetime import date

from fieldapp.store import Store, plan

DAY = date(2026, 11, 24)
START = (34.75, 113.62)
TARGETS_S = {40: 1.0, 120: 5.0}


@dataclass(frozen=True)
class Timing:
    stops: int
    median_s: float
    max_s: float
    total_km: float
    late: int
    rounds: int


def _store(stops: int, seed: int) -> tuple[Store, str]:
    rnd = random.Random(seed)
    store = Store.open(":memory:")
    county = store.counties.create(name="金水区")
    team = store.teams.create(name="郑州一组")
    rep = store.users.create(name="李娜", role="rep", team_id=team.id)
    store.set_user(rep.id)
    plan.set_start(store, *START)
    with store.transaction():
        for i in range(stops):
            placed = i % 20 != 19  # one in twenty has no coordinates
            hours = {"opens_at": "09:00", "closes_at": "17:00"} if i % 3 == 0 else {}
            store.shops.create(
                name=f"店{i:03d}",
                channel="convenience",
                tier="ABC"[i % 3],
                county_id=county.id,
                rep_id=rep.id,
                route_days="1234567",
                latitude=START[0] + rnd.uniform(-0.12, 0.12) if placed else None,
                longitude=START[1] + rnd.uniform(-0.15, 0.15) if placed else None,
                **hours,
            )
    return store, rep.id


def measure(rounds: int = 3, log: object = print) -> list[Timing]:
    t0 = time.perf_counter()
    import ortools.constraint_solver.pywrapcp  # noqa: F401  (once per process, untimed)

    if callable(log):
        log(f"  importing OR-Tools (once per process, not in the timings): "
            f"{time.perf_counter() - t0:.2f} s")  # fmt: skip
    out: list[Timing] = []
    for stops in TARGETS_S:
        samples: list[float] = []
        km = 0.0
        late = 0
        for r in range(rounds):
            store, rep_id = _store(stops, seed=r)
            with store:
                t0 = time.perf_counter()
                day = plan.generate(store, rep_id, DAY, limit=None)
                route = plan.order_by_route(store, rep_id, DAY)
                samples.append(time.perf_counter() - t0)
                assert len(day.stops) == stops == len(route.legs)
                km, late = route.total_km, len(route.late)
        t = Timing(stops, statistics.median(samples), max(samples), km, late, rounds)
        if callable(log):
            log(f"  {stops} stops: median {t.median_s:.2f} s, max {t.max_s:.2f} s; "
                f"{km:.1f} km, {late} late")  # fmt: skip
        out.append(t)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    measure(args.rounds)


if __name__ == "__main__":
    main()
