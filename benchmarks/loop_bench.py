"""The B→KOC→C numbers (``fieldapp.store.loop``) on a demo store (issue 18).

    python benchmarks/loop_bench.py STORE [--runs N] [--skip-all-kocs]   # or: run.py --only loop

Median of ``runs`` after one warm-up, each on an open store, for what a page or the
export asks: one KOC's numbers (the KOC page), one event's (the event page's Economics
tab, a mid-list event of the last year), the events of 90 days (the dashboard's ROI per
kind), the funnel, the unattributed orders (their count on the chain card, the list a
person attributes from), one shop's (the shop page), the counties' revenue, and every
KOC's (the export's KOC sheet; ``--skip-all-kocs`` leaves it out: before migration 0028
it took minutes on the team store). Targets: under 100 ms for what a page shows of one
row (KOC, event, shop), 300 ms for the dashboard's parts; the unattributed list and every
KOC are information.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from fieldapp.kinds import BUSINESS_UTC_OFFSET
from fieldapp.store import Store, loop

ONE_ROW_MS = 100.0
DASHBOARD_MS = 300.0


@dataclass(frozen=True)
class Timing:
    name: str
    median_ms: float
    max_ms: float
    runs: int
    target_ms: float | None


def _time(fn: Callable[[], Any], runs: int) -> tuple[float, float]:
    fn()
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples), max(samples)


def _today(store: Store) -> date:
    row = store.db.execute("SELECT max(ordered_at) FROM cloud_orders WHERE deleted = 0").fetchone()
    if row[0] is None:
        return date.today()
    return (datetime.fromisoformat(row[0]) + BUSINESS_UTC_OFFSET).date()


def _pick(store: Store, sql: str) -> Any:
    row = store.db.execute(sql).fetchone()
    if row is None:
        raise SystemExit(f"the store has no row for: {sql}")
    return row[0]


def measure(
    db: Path,
    *,
    runs: int = 5,
    all_kocs: bool = True,
    log: Callable[[str], None] = print,
) -> list[Timing]:
    out: list[Timing] = []
    with Store.open(db) as store:  # applies pending migrations (0028: the loop's indexes)
        d = store.db
        today = _today(store)
        since = today - timedelta(days=89)
        # The KOC behind the most orders, an event of the last months with attendees,
        # the shop with the most orders: the pages' heaviest ordinary rows.
        koc = _pick(
            store,
            "SELECT referrer_code FROM cloud_orders WHERE deleted = 0 AND referrer_code"
            " IS NOT NULL GROUP BY lower(referrer_code) ORDER BY count(*) DESC LIMIT 1",
        )
        koc = _pick(store, f"SELECT id FROM kocs WHERE lower(referrer_code) = lower('{koc}')")
        event = _pick(
            store,
            "SELECT e.id FROM events e WHERE e.deleted = 0 AND e.status != 'cancelled'"
            " AND EXISTS (SELECT 1 FROM invitations i WHERE i.event_id = e.id"
            " AND i.status = 'attended') ORDER BY e.starts_at DESC LIMIT 1 OFFSET 20",
        )
        shop = _pick(
            store,
            "SELECT shop_id FROM cloud_orders WHERE deleted = 0 GROUP BY shop_id"
            " ORDER BY count(*) DESC LIMIT 1",
        )
        cases: list[tuple[str, Callable[[], Any], float | None]] = [
            ("one KOC (KOC page)", lambda: loop.koc_payback(d, koc_id=koc), ONE_ROW_MS),
            ("one event (event page)", lambda: loop.event_payback(d, event_id=event), ONE_ROW_MS),
            ("one shop (shop page)", lambda: loop.shop_payback(d, shop_id=shop), ONE_ROW_MS),
            (
                "events of 90 days (ROI per kind)",
                lambda: loop.roi_by_kind(d, since=since, until=today),
                DASHBOARD_MS,
            ),
            ("funnel of 90 days", lambda: loop.funnel(d, since=since, until=today), DASHBOARD_MS),
            ("unattributed count", lambda: loop.unattributed_count(d), DASHBOARD_MS),
            # The list a person attributes from: read on a worker by its dialog (information).
            ("unattributed list", lambda: loop.unattributed(d), None),
            (
                "county revenue of 90 days",
                lambda: loop.county_revenue(d, since=since, until=today),
                DASHBOARD_MS,
            ),
        ]
        if all_kocs:
            cases.append(("every KOC (export)", lambda: loop.koc_payback(d), None))
        for name, fn, target in cases:
            n = 1 if name.startswith("every") else runs
            med, mx = _time(fn, n)
            out.append(Timing(name, med, mx, n, target))
            log(f"    {name:<34} {med:9.1f} ms (max {mx:.1f})")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-all-kocs", action="store_true")
    args = parser.parse_args()
    found = measure(args.db, runs=args.runs, all_kocs=not args.skip_all_kocs)
    missed = [t for t in found if t.target_ms is not None and t.median_ms > t.target_ms]
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
