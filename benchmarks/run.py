"""Benchmarks: the speed numbers the issues ask for, measured on real data volumes.

    python benchmarks/run.py [--scale team] [--db PATH] [--only NAME ...] [--json FILE]

Each benchmark prints its numbers and the target they are held to; the run ends
with a table and exits 1 when a target is missed. Later issues add benchmarks by
appending to ``BENCHMARKS``. Not part of the test suite: timing belongs here.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from fieldapp.demo import adopt_first_rep
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
        adopt_first_rep(store)  # the app is measured as one rep's laptop
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


_BARE_WINDOW = """
import time
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
w = QMainWindow()
w.setCentralWidget(QLabel("fieldapp"))
w.resize(1366, 740)
w.show()
app.processEvents()
w.grab()
print(time.perf_counter() - t0)
"""

_OUR_WINDOW = """
import sys, time
t0 = time.perf_counter()
from datetime import date
from PySide6.QtWidgets import QApplication
from fieldapp.store import Store
from ui.app import create_context, create_window
from ui.i18n import Translations
app = QApplication([])
Translations(app).install("zh_CN")
store = Store.open(sys.argv[1])
ctx = create_context(store, today=lambda: date(2026, 11, 24))
w = create_window(ctx)
w.resize(1366, 740)
w.show()
app.processEvents()
w.grab()
print(time.perf_counter() - t0)
"""


def _time_script(script: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", script, *args], env=env, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def bench_ui_window(ctx: Context) -> list[Result]:
    """Start-up to the first painted main window on the store vs a bare PySide6 window."""
    if not ctx.db.exists():
        return []
    bare, ours = [], []
    for _ in range(3):
        bare.append(_time_script(_BARE_WINDOW))
        ours.append(_time_script(_OUR_WINDOW, str(ctx.db)))
    b, o = statistics.median(bare), statistics.median(ours)
    return [
        Result(
            "ui: main window painted / bare window",
            o / b,
            "x",
            2.5,
            f"ours {o * 1000:.0f} ms (Today page, {ctx.scale} store, zh_CN),"
            f" bare {b * 1000:.0f} ms, medians of 3 fresh processes each, imports included",
        )
    ]


def _app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def bench_ui_search(ctx: Context) -> list[Result]:
    """Each keystroke in the shop search: query, table refill and repaint."""
    if not ctx.db.exists():
        return []
    app = _app()
    from ui.app import create_context
    from ui.pages.shops import ShopsPage

    with Store.open(ctx.db) as store:
        page = ShopsPage(create_context(store, today=lambda: TODAY))
        page.resize(1200, 700)
        page.show()
        page.open(None)
        app.processEvents()
        samples = []
        for word in ("zhangw", "wsbld", "1380013", "HN-00", "张伟", "烟酒店"):
            for n in range(1, len(word) + 1):
                t = time.perf_counter()
                page.search.setText(word[:n])
                page.apply_filters()
                app.processEvents()
                page.table.viewport().grab()
                samples.append(time.perf_counter() - t)
        page.close()
    med, p95, mx = _ms(samples)
    return [
        Result(
            "ui: shop search per keystroke (max)",
            mx,
            "ms",
            50.0,
            f"{len(samples)} keystrokes, median {med:.1f} ms, p95 {p95:.1f} ms",
        )
    ]


def bench_ui_shop_page(ctx: Context) -> list[Result]:
    """Opening a shop page: queries, widgets filled and painted."""
    if not ctx.db.exists():
        return []
    app = _app()
    from ui.app import create_context
    from ui.pages.shop import ShopPage

    with Store.open(ctx.db) as store:
        ids = [
            r["shop_id"]
            for r in store.db.query(
                "SELECT shop_id, count(*) AS n FROM visits"
                " GROUP BY shop_id ORDER BY n DESC LIMIT 40"
            )
        ]
        page = ShopPage(create_context(store, today=lambda: TODAY))
        page.resize(1200, 700)
        page.show()
        samples = []
        for shop_id in ids:
            t = time.perf_counter()
            page.open(shop_id)
            app.processEvents()
            page.grab()
            samples.append(time.perf_counter() - t)
        page.close()
    med, p95, mx = _ms(samples)
    return [
        Result(
            "ui: shop page opened and painted (max)",
            mx,
            "ms",
            100.0,
            f"the 40 busiest shops, median {med:.1f} ms, p95 {p95:.1f} ms",
        )
    ]


BENCHMARKS: dict[str, Callable[[Context], list[Result]]] = {
    "generate": bench_generate,
    "search": bench_search,
    "write": bench_write,
    "ui_window": bench_ui_window,
    "ui_search": bench_ui_search,
    "ui_shop_page": bench_ui_shop_page,
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
            f"{r.name:<52} {r.value:>8.2f}{r.unit:<2}  {r.target:>6g}{r.unit:<2}  "
            f"{'ok' if r.ok else 'MISSED'}   {r.detail}"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps([asdict(r) | {"ok": r.ok} for r in results], indent=2))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
