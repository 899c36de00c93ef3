"""Benchmarks: the speed numbers the issues ask for, measured on real data volumes.

    python benchmarks/run.py [--scale team] [--db PATH] [--only NAME ...] [--json FILE]

Each benchmark prints its numbers and the target they are held to; the run ends
with a table and exits 1 when a target is missed. Later issues add benchmarks by
appending to ``BENCHMARKS``. Not part of the test suite: timing belongs here.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from fieldapp.demo.generator import generate
from fieldapp.store import Store

TODAY = date(2026, 11, 24)


@dataclass
class Result:
    name: str
    value: float
    unit: str
    target: float
    detail: str

    @property
    def ok(self) -> bool:
        return self.value <= self.target


@dataclass
class Context:
    scale: str
    db: Path
    fresh: bool


def _ms(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return statistics.median(ordered) * 1000, p95 * 1000, ordered[-1] * 1000


def bench_generate(ctx: Context) -> list[Result]:
    """Demo data at the chosen scale, generated into a new store file."""
    if not ctx.fresh:
        return []
    started = time.perf_counter()
    with Store.open(ctx.db) as store:
        summary = generate(store, scale=ctx.scale, seed=1, today=TODAY)
    elapsed = time.perf_counter() - started
    counts = ", ".join(f"{k} {v:,}" for k, v in asdict(summary).items() if isinstance(v, int))
    return [Result(f"generate {ctx.scale} scale", elapsed, "s", 60.0, counts)]


QUERIES = [
    ("Chinese name", "张"),
    ("Chinese shop", "烟酒"),
    ("full pinyin", "wangfang"),
    ("initials", "zw"),
    ("initials 3", "lxm"),
    ("phone part", "1380"),
    ("phone 7", "1391234"),
    ("shop code", "HN-0"),
    ("no match", "xyzxyz"),
    ("single letter", "l"),
]


def bench_search(ctx: Context) -> list[Result]:
    """store.search over shops, owners and KOCs: every query kind, many times."""
    results = []
    with Store.open(ctx.db) as store:
        worst: list[float] = []
        for label, text in QUERIES:
            samples = []
            for _ in range(15):
                t = time.perf_counter()
                store.search(text, limit=50)
                samples.append(time.perf_counter() - t)
            med, _, mx = _ms(samples)
            worst.append(mx / 1000)
            print(f"    search {label:<14} {text!r:<10} median {med:6.1f} ms  max {mx:6.1f} ms")
        med, _p95, mx = _ms(worst)
        results.append(
            Result(
                "search (worst query, max of 15)",
                mx,
                "ms",
                50.0,
                f"{len(QUERIES)} query kinds, median of the maxima {med:.1f} ms",
            )
        )
    return results


def bench_write(ctx: Context) -> list[Result]:
    """One write with its outbox row, on a file store (WAL, synchronous=FULL).

    Runs inside the freshly generated store (real index sizes) when there is one,
    else in an empty store.
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = ctx.db if ctx.fresh and ctx.db.exists() else Path(tmp) / "w.db"
        with Store.open(path) as store:
            return _write_samples(store, "team store" if path == ctx.db else "empty store")


def _write_samples(store: Store, where: str) -> list[Result]:
    county = store.counties.create(name="金水区")
    store.set_user(store.users.create(name="李娜").id)
    product = store.products.create(name="清香型白酒 500ml")
    shop = store.shops.create(name="鑫旺便利店", channel="convenience", county_id=county.id)
    now = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
    samples: dict[str, list[float]] = {
        "create visit": [],
        "update visit (folded into its insert)": [],
        "create order line": [],
        "update shop (new mutation)": [],
    }
    for i in range(300):
        t = time.perf_counter()
        visit = store.visits.create(shop_id=shop.id, checkin_at=now + timedelta(hours=i))
        samples["create visit"].append(time.perf_counter() - t)
        t = time.perf_counter()
        store.visits.update(visit.id, check_notes=f"陈列良好 {i}")
        samples["update visit (folded into its insert)"].append(time.perf_counter() - t)
        t = time.perf_counter()
        store.order_lines.create(visit_id=visit.id, product_id=product.id, quantity=i + 1)
        samples["create order line"].append(time.perf_counter() - t)
        t = time.perf_counter()
        store.shops.update(shop.id, notes=f"第{i}次")
        samples["update shop (new mutation)"].append(time.perf_counter() - t)
    results = []
    for label, values in samples.items():
        med, p95, mx = _ms(values)
        results.append(
            Result(
                f"write: {label} (p95)",
                p95,
                "ms",
                5.0,
                f"median {med:.2f} ms, max {mx:.2f} ms, 300 writes in the {where}",
            )
        )
    assert store.outbox.count() >= 300
    return results


BENCHMARKS: dict[str, Callable[[Context], list[Result]]] = {
    "generate": bench_generate,
    "search": bench_search,
    "write": bench_write,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--scale", choices=("rep", "team", "region"), default="team")
    parser.add_argument("--db", type=Path, help="use this existing demo store (skips generation)")
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHMARKS), help="run only these")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = args.db is None
        ctx = Context(args.scale, args.db or Path(tmp) / f"bench-{args.scale}.db", fresh)
        results: list[Result] = []
        for name, bench in BENCHMARKS.items():
            if args.only and name not in args.only:
                continue
            print(f"== {name}: {bench.__doc__}", flush=True)
            results += bench(ctx)
    print()
    print(f"{'benchmark':<52} {'value':>10}  {'target':>8}  result")
    for r in results:
        print(
            f"{r.name:<52} {r.value:>8.2f}{r.unit:<2}  {r.target:>6.0f}{r.unit:<2}  "
            f"{'ok' if r.ok else 'MISSED'}   {r.detail}"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps([asdict(r) | {"ok": r.ok} for r in results], indent=2))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
