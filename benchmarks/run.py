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
import shutil
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
    target: float | None  # None: a number for the reader, held to nothing
    detail: str
    higher: bool = False  # the target is a floor (throughput), not a ceiling

    @property
    def ok(self) -> bool:
        if self.target is None:
            return True
        return self.value >= self.target if self.higher else self.value <= self.target


@dataclass
class Context:
    scale: str
    db: Path
    fresh: bool


def _ms(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return statistics.median(ordered) * 1000, p95 * 1000, ordered[-1] * 1000


#: What every scale must reach: the team scale as it was on 2026-12-07 (840,000 rows) in 60 s.
GENERATE_ROWS_PER_S = 14_000.0


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
    rows = summary.total
    load = f"{rows:,} rows, load {os.getloadavg()[0]:.1f}"
    return [
        Result(f"generate {ctx.scale} scale", elapsed, "s", 60.0 if ctx.scale == "team" else None,
               counts),
        # Generation is linear in the rows (fieldapp/store/bulk.py): one floor for every
        # scale, the team scale's 60 s.
        Result(f"generate {ctx.scale} scale, rows/s", rows / elapsed, "rows/s",
               GENERATE_ROWS_PER_S, load, higher=True),
    ]  # fmt: skip


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


#: Words typed one character at a time: every keystroke searches what is typed so far.
TYPED = ["zhangwei", "wsbld", "lxm", "13800138", "HN-00", "张伟", "烟酒店", "xyzxyz", "ivy"]


def bench_search(ctx: Context) -> list[Result]:
    """store.search over shops, owners and KOCs: every query kind, many times, and each
    keystroke of typed words (the index of client migration 0030)."""
    results = []
    with Store.open(ctx.db) as store:
        sizes = {t: store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("shops", "owners", "kocs")}  # fmt: skip
        print("    " + ", ".join(f"{t} {n:,}" for t, n in sizes.items()))
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
                f"{len(QUERIES)} query kinds, median of the maxima {med:.1f} ms, {ctx.scale}"
                f" store ({sizes['shops']:,} shops, {sizes['kocs']:,} KOCs), {_load()}",
            )
        )
        keys: list[float] = []
        slowest = ("", 0.0)
        for _ in range(5):
            for word in TYPED:
                for n in range(1, len(word) + 1):
                    t = time.perf_counter()
                    store.search(word[:n], limit=50)
                    keys.append(time.perf_counter() - t)
                    if keys[-1] > slowest[1]:
                        slowest = (word[:n], keys[-1])
        med, p95, mx = _ms(keys)
        print(f"    keystrokes: median {med:.1f} ms, p95 {p95:.1f} ms, max {mx:.1f} ms"
              f" ({slowest[0]!r})")  # fmt: skip
        results.append(
            Result(
                "search per keystroke (p95)",
                p95,
                "ms",
                50.0,
                f"{len(keys)} keystrokes of {len(TYPED)} typed words, 5 rounds: median"
                f" {med:.1f} ms, max {mx:.1f} ms ({slowest[0]!r}); {ctx.scale} store, {_load()}",
            )
        )
    return results


def _load() -> str:
    """The machine's load while a benchmark ran (its numbers depend on it)."""
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} on {os.cpu_count()} cores"


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
w.resize(1280, 720)  # the size fieldapp's window opens at
w.show()
app.processEvents()
w.grab()
print(time.perf_counter() - t0, time.time())
"""

_OUR_WINDOW = """
import sys, time
t0 = time.perf_counter()
from datetime import date
import main
started = main.start(["--db", sys.argv[1], "--lang", "zh_CN"], today=lambda: date(2026, 11, 24))
started.app.processEvents()  # the window opens at 1280x720 (MainWindow), shown by start()
started.window.grab()
painted = time.perf_counter() - t0, time.time()
# Then the warm-up (ui.app.warm_up on a worker, sync installed, the pages' modules imported
# one per turn of the event loop): done when the last page module is imported.
from ui.app import WARM_MODULES, page_modules
wanted = (*WARM_MODULES, *page_modules())
while not all(name in sys.modules for name in wanted):
    started.app.processEvents()
    time.sleep(0.002)
print(*painted, time.time())
"""


def _time_script(script: str, *args: str) -> list[float]:
    """Run ``script`` in a fresh process: its own seconds to the paint, then the seconds
    from this side's launch of the process to each moment it printed (time.time())."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    launched = time.time()
    out = subprocess.run(
        [sys.executable, "-c", script, *args], env=env, capture_output=True, text=True, check=True
    )
    own, *moments = (float(x) for x in out.stdout.strip().splitlines()[-1].split())
    return [own, *(m - launched for m in moments)]


def _byte_compile_app() -> None:
    """Bytecode for the app's own packages, as an installed app has it.

    pip compiles a package when it installs it and Python writes bytecode on a module's
    first import, so the app normally starts from bytecode, like the bare window's
    PySide6 (which pip compiled). Where PYTHONDONTWRITEBYTECODE is set, as on some
    shared machines, nothing would write it for this source tree, and every fresh
    process would compile fieldapp and ui from source: a cost users do not have.
    """
    import compileall

    root = Path(__file__).resolve().parent.parent
    for package in ("fieldapp", "ui", "sync"):
        compileall.compile_dir(root / package, quiet=1)
    compileall.compile_file(root / "main.py", quiet=1)


def bench_ui_window(ctx: Context) -> list[Result]:
    """Start-up to the first painted main window on the store vs a bare PySide6 window,
    in the process and as the whole process, and the time until the warm-up is done."""
    if not ctx.db.exists():
        return []
    _byte_compile_app()
    bare, ours = [], []
    for _ in range(5):  # interleaved
        bare.append(_time_script(_BARE_WINDOW))
        ours.append(_time_script(_OUR_WINDOW, str(ctx.db)))
    b, o = (statistics.median(x[0] for x in bare), statistics.median(x[0] for x in ours))
    bw, ow = (statistics.median(x[1] for x in bare), statistics.median(x[1] for x in ours))
    warm = statistics.median(x[2] for x in ours)
    return [
        Result(
            "ui: main window painted / bare window",
            o / b,
            "x",
            2.5,
            f"ours {o * 1000:.0f} ms (main.start: Today page, {ctx.scale} store, zh_CN),"
            f" bare {b * 1000:.0f} ms, medians of 5 fresh processes each, interleaved, timed"
            " inside the process from its first line, imports included (from bytecode, as"
            f" installed); {_load()}",
        ),
        Result(
            "ui: whole process to painted window / bare",
            ow / bw,
            "x",
            None,
            f"ours {ow * 1000:.0f} ms, bare {bw * 1000:.0f} ms from launching the process"
            " (the interpreter's start-up included), medians of 5",
        ),
        Result(
            "ui: warm-up done, from launching the process",
            warm * 1000,
            "ms",
            None,
            "the worker's imports, sync installed and every page's module imported"
            f" (ui.app.warm_up, import_in_turns), median of 5; {ctx.scale} store",
        ),
    ]


def _app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def bench_ui_search(ctx: Context) -> list[Result]:
    """Each keystroke in the shop list's and the KOC list's search: query, table refill
    and repaint, what the user waits for. The shop list shows a broad search's first
    page before counting its matches (``views_shops_first``): its count follows from a
    worker, timed apart (from the keystroke to the count on the label; the next
    keystroke waits for it here, where typing would interrupt it); so does the KOC list
    (``views_kocs_first``). Each list is typed into as it opens (a rep's own rows) and
    over the whole store (its "Whole team" switch, as a supervisor or a rep looking
    further sees it)."""
    if not ctx.db.exists():
        return []
    app = _app()
    from ui.app import create_context
    from ui.pages.kocs import KocsPage
    from ui.pages.shops import ShopsPage

    words = ("zhangw", "wsbld", "1380013", "HN-00", "张伟", "烟酒店")
    results = []
    with Store.open(ctx.db) as store:
        lists: tuple[tuple[str, Any, bool], ...] = (
            ("shop", ShopsPage, False),
            ("shop (whole store)", ShopsPage, True),
            ("KOC", KocsPage, False),
            ("KOC (whole store)", KocsPage, True),
        )
        for label, kind, whole in lists:
            page = kind(create_context(store, today=lambda: TODAY))
            page.resize(1200, 700)
            page.show()
            page.open(None)
            if whole:
                page.scope.set_mine(False)
            app.processEvents()
            # The page is on screen before anyone types; a process's first grab of a
            # viewport also sets up what every later grab reuses (~8 ms the app never
            # spends).
            page.table.viewport().grab()
            samples = []
            counts = []
            known = getattr(page.model, "known_total", None)
            for word in words:
                for n in range(1, len(word) + 1):
                    t = time.perf_counter()
                    page.search.setText(word[:n])
                    page.apply_filters()
                    app.processEvents()
                    page.table.viewport().grab()
                    samples.append(time.perf_counter() - t)
                    if known is not None and known() is None:
                        while known() is None and time.perf_counter() - t < 60:
                            app.processEvents()
                            time.sleep(0.0005)
                        app.processEvents()
                        counts.append(time.perf_counter() - t)
            page.close()
            med, p95, mx = _ms(samples)
            results.append(
                Result(
                    f"ui: {label} search per keystroke (max)",
                    mx,
                    "ms",
                    50.0,
                    f"{len(samples)} keystrokes, median {med:.1f} ms, p95 {p95:.1f} ms",
                )
            )
            if counts:
                med, _p95, mx = _ms(counts)
                results.append(
                    Result(
                        f"ui: {label} count shown after its keystroke (max)",
                        mx,
                        "ms",
                        None,
                        f"{len(counts)} keystrokes counted on a worker, median {med:.1f} ms",
                    )
                )
    return results


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


_PAGES_FIRST_OPEN = """
import importlib, json, sys, time
from datetime import date
import main
from ui.app import WARM_MODULES
started = main.start(
    ["--db", sys.argv[1], "--lang", "zh_CN", "--as", sys.argv[2]],
    today=lambda: date(2026, 11, 24),
)
app, window = started.app, started.window
window.resize(1366, 740)
app.processEvents()
for name in WARM_MODULES:  # what ui.app.warm_up loads after the first paint
    importlib.import_module(name)
from ui.sync_ui import install
install(window.ctx, window)
from ui.app import page_modules  # then, one per event-loop turn, the pages' modules
for name in page_modules():
    importlib.import_module(name)
app.processEvents()
out = {}
pages = [window.nav.item(i).data(256) for i in range(window.nav.count())]  # Qt.UserRole
for page in pages:
    t = time.perf_counter()
    window.show_page(page)
    app.processEvents()
    window.grab()
    out[page] = time.perf_counter() - t
print(json.dumps(out))
"""


def bench_ui_pages(ctx: Context) -> list[Result]:
    """Each side-bar page's first open after start-up: its widgets, its queries and a
    paint, all on the UI thread (which must never stall > 100 ms). As in the app, the
    warm-up has run and the pages' modules were imported in the idle turns after it."""
    if not ctx.db.exists():
        return []
    _byte_compile_app()
    results = []
    for role in ("rep", "supervisor"):
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "pages.db"
            shutil.copy(ctx.db, db)  # --as changes the store's user
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
            out = subprocess.run(
                [sys.executable, "-c", _PAGES_FIRST_OPEN, str(db), role],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
        times = json.loads(out.stdout.strip().splitlines()[-1])
        worst = max(times, key=times.get)
        results.append(
            Result(
                f"ui: first open of each page, {role} (max)",
                times[worst] * 1000,
                "ms",
                100.0,
                f"{worst} slowest; "
                + ", ".join(f"{k} {v * 1000:.0f}" for k, v in times.items())
                + f" ms; after the warm-up and the idle imports, {ctx.scale} store",
            )
        )
    return results


# --------------------------------------------------------------------------- sync
# --------------------------------------------------------------------------- sync

_SYNC: dict[str, Any] = {}


def _sync_bench(ctx: Context) -> Any:
    """The shared live server + devices (benchmarks/sync_bench.py), built once per run;
    the demo store is generated first when the run has none yet."""
    if "bench" in _SYNC:
        return _SYNC["bench"]
    import atexit

    from sync_bench import SyncBench

    if not ctx.db.exists():
        with Store.open(ctx.db) as store:
            generate(store, scale=ctx.scale, seed=1, today=TODAY)
            adopt_first_rep(store)
    bench = SyncBench(ctx.db)
    atexit.register(bench.close)
    print(
        f"    setup (untimed): {bench.loaded:,} rows loaded into the server tables"
        f" in {bench.load_seconds:.1f} s; server at {bench.url}",
        flush=True,
    )
    _SYNC["bench"] = bench
    return bench


def _synced_device(ctx: Context, name: str, user: str) -> Any:
    """A device of ``user`` that has done its first sync (untimed unless sync_initial)."""
    key = f"device:{name}"
    if key not in _SYNC:
        dev = _sync_bench(ctx).device(name, user)
        t = time.perf_counter()
        report = dev.client.sync()
        print(
            f"    {name}: first sync (untimed) {time.perf_counter() - t:.1f} s, {report.summary()}"
        )
        _SYNC[key] = dev
    return _SYNC[key]


#: Rounds of (first sync, floor), interleaved, per backend and scale.
INITIAL_ROUNDS = {"rep": 3, "team": 3, "region": 2}
INITIAL_BACKENDS = ("sqlite", "postgresql")


def bench_sync_initial(ctx: Context) -> list[Result]:
    """A fresh supervisor device's first sync of the whole team against its clean floor
    (gzip JSON over loopback + executemany into the same store schema, indexes and the
    search index built after the load), each in a fresh process, interleaved rounds, on
    SQLite and PostgreSQL; targets: the median of the rounds' ratios at most 1.3x wall
    and 1.6x CPU (client + server)."""
    from sync_bench import Floor, SyncBench, initial_round

    if not ctx.db.exists():
        with Store.open(ctx.db) as store:
            generate(store, scale=ctx.scale, seed=1, today=TODAY)
            adopt_first_rep(store)
    rounds = INITIAL_ROUNDS[ctx.scale]
    results: list[Result] = []
    for backend in INITIAL_BACKENDS:
        bench = _sync_bench(ctx) if backend == "sqlite" else SyncBench(ctx.db, backend)
        if backend != "sqlite":
            print(f"    {backend}: {bench.loaded:,} rows loaded (untimed), server at {bench.url}")
        floor = Floor(bench.server_rows(), bench.dir)  # the same rows, read once, not timed
        pairs = []
        loads = []
        try:
            for n in range(rounds):
                ours, base = initial_round(bench, floor)
                pairs.append((ours, base))
                loads.append(os.getloadavg()[0])
                print(
                    f"    {backend} round {n + 1}: first sync {ours.wall:.1f} s wall,"
                    f" {ours.client_cpu:.1f} + {ours.server_cpu:.1f} s cpu (client + server);"
                    f" floor {base.wall:.1f} s wall, {base.client_cpu:.1f} +"
                    f" {base.server_cpu:.1f} s cpu; ratio {ours.wall / base.wall:.2f}x wall,"
                    f" {ours.cpu / base.cpu:.2f}x cpu; load {loads[-1]:.1f}; {ours.note}",
                    flush=True,
                )
        finally:
            floor.close()
            if backend != "sqlite":
                bench.close()
        wall = statistics.median(o.wall / b.wall for o, b in pairs)
        cpu = statistics.median(o.cpu / b.cpu for o, b in pairs)
        ours_wall = statistics.median(o.wall for o, _ in pairs)
        base_wall = statistics.median(b.wall for _, b in pairs)
        rows = pairs[-1][0].rows
        server = "server CPU: its process" + (
            " and PostgreSQL's backends serving it" if backend == "postgresql" else ""
        )
        where = (
            f"{ctx.scale} scale, {rows:,} rows, median of {rounds} interleaved rounds (fresh"
            f" processes); load {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores"
        )
        results += [
            Result(
                f"sync: first sync / floor, wall ({backend})",
                wall,
                "x",
                1.3,
                f"first sync {ours_wall:.1f} s, floor {base_wall:.1f} s (medians); {where}",
            ),
            Result(
                f"sync: first sync / floor, CPU ({backend})",
                cpu,
                "x",
                1.6,
                "client + server user+sys: first sync "
                + "/".join(f"{o.cpu:.1f}" for o, _ in pairs)
                + " s, floor "
                + "/".join(f"{b.cpu:.1f}" for _, b in pairs)
                + f" s; {server}",
            ),
        ]
    return results


def _cli_sync(db: Path, *args: str, stdin: str | None = None) -> tuple[float, float, str]:
    """``python -m fieldapp --db DB sync ARGS`` as a user runs it: a new process. Returns
    its wall seconds from launch to exit, its CPU (user + sys) and what it printed."""
    before = os.times()
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "fieldapp", "--db", str(db), "sync", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - t
    after = os.times()
    if done.returncode != 0:
        raise RuntimeError(f"fieldapp sync exited {done.returncode}: {done.stderr[-2000:]}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu, done.stdout.strip()


def _cli_device(ctx: Context) -> Path:
    """A rep's store synced by the command line (``fieldapp sync --user``: log in, first
    sync; untimed); its token in a file beside it, as on a machine without a keyring."""
    if "cli" not in _SYNC:
        bench = _sync_bench(ctx)
        path = bench.dir / "rep-cli.db"
        wall, _cpu, out = _cli_sync(
            path, "--server", bench.url, "--user", "bench-rep", "--password-stdin",
            stdin="bench password\n",
        )  # fmt: skip
        print(f"    rep-cli: login + first sync by the CLI (untimed) {wall:.1f} s: {out}")
        _SYNC["cli"] = path
    return Path(_SYNC["cli"])


def bench_sync_incremental(ctx: Context) -> list[Result]:
    """One rep sync after 50 local edits and 50 server-side changes by the supervisor's
    device (target 300 ms in process); 3 rounds, and the same by the command line (a new
    process each time: ``python -m fieldapp sync``, held to nothing)."""
    bench = _sync_bench(ctx)
    rep = _synced_device(ctx, "rep", "bench-rep")
    sup = _synced_device(ctx, "supervisor", "bench-sup")
    cli = _cli_device(ctx)
    _byte_compile_app()  # the CLI starts from bytecode, as installed
    shops = [
        r["id"]
        for r in rep.store.db.query(
            "SELECT id FROM shops WHERE rep_id = ? ORDER BY id LIMIT 100", [bench.rep_id]
        )
    ]
    shops, cli_shops = shops[:50], shops[50:]  # the CLI's laptop edits other shops
    visits = [
        r["id"] for r in sup.store.db.query("SELECT id FROM visits ORDER BY id DESC LIMIT 50")
    ]
    assert len(shops) == len(cli_shops) == len(visits) == 50
    samples, reports, cli_samples, cli_cpu = [], [], [], []
    for round_no in range(3):
        for shop_id in shops:
            rep.store.shops.update(shop_id, notes=f"第{round_no}轮 陈列调整")
        with Store.open(cli) as store:
            for shop_id in cli_shops:
                store.shops.update(shop_id, notes=f"第{round_no}轮 命令行")
        for visit_id in visits:
            sup.store.visits.update(visit_id, supervisor_comment=f"第{round_no}轮 已阅")
        sup.client.sync()  # the server-side changes (another device), untimed
        t = time.perf_counter()
        report = rep.client.sync()
        samples.append(time.perf_counter() - t)
        reports.append(report)
        wall, cpu, out = _cli_sync(cli)
        cli_samples.append(wall)
        cli_cpu.append(cpu)
        print(
            f"    round {round_no}: in process {samples[-1] * 1000:.0f} ms, {report.summary()};"
            f" CLI {wall * 1000:.0f} ms ({cpu * 1000:.0f} ms cpu), {out}"
        )
    med, _p95, mx = _ms(samples)
    cli_med, _p95, cli_mx = _ms(cli_samples)
    last = reports[-1]
    return [
        Result(
            "sync: incremental in process, warm client (median)",
            med,
            "ms",
            300.0,
            f"50 changes each way; max {mx:.0f} ms of 3 rounds; pushed {last.pushed}, pulled"
            f" {last.pulled}, verify {'ok' if last.verified else 'MISMATCH'}; {ctx.scale}"
            " store; client.sync() in this process with its connection open and its modules"
            f" imported; {_load()}",
        ),
        Result(
            "sync: incremental by the CLI, new process (median)",
            cli_med,
            "ms",
            None,
            f"`python -m fieldapp --db STORE sync`, launch to exit (interpreter, imports,"
            f" store open, push + pull + verify); max {cli_mx:.0f} ms of 3, CPU median"
            f" {statistics.median(cli_cpu) * 1000:.0f} ms; the same 50 changes each way",
        ),
    ]


def bench_sync_noop(ctx: Context) -> list[Result]:
    """A rep sync with nothing to push or pull (target 50 ms in process); 10 runs, and 5
    by the command line (a new process each: ``python -m fieldapp sync``)."""
    rep = _synced_device(ctx, "rep", "bench-rep")
    cli = _cli_device(ctx)
    _byte_compile_app()
    rep.client.sync()  # settle anything left over
    _cli_sync(cli)
    samples = []
    for _ in range(10):
        t = time.perf_counter()
        report = rep.client.sync()
        samples.append(time.perf_counter() - t)
        assert report.pushed == 0 and report.pulled == 0, report.summary()
    cli_samples, cli_cpu = [], []
    for _ in range(5):
        wall, cpu, out = _cli_sync(cli)
        assert out.startswith("pushed 0 ") and "pulled 0 " in out, out
        cli_samples.append(wall)
        cli_cpu.append(cpu)
    med, _p95, mx = _ms(samples)
    cli_med, _p95, cli_mx = _ms(cli_samples)
    return [
        Result(
            "sync: no-op in process, warm client (median)",
            med,
            "ms",
            50.0,
            f"max {mx:.0f} ms of 10; push + pull + verify round trips, {ctx.scale} store;"
            f" in this process, warm; {_load()}",
        ),
        Result(
            "sync: no-op by the CLI, new process (median)",
            cli_med,
            "ms",
            None,
            f"`python -m fieldapp --db STORE sync`, launch to exit; max {cli_mx:.0f} ms of 5,"
            f" CPU median {statistics.median(cli_cpu) * 1000:.0f} ms; {ctx.scale} store",
        ),
    ]


def bench_export(ctx: Context) -> list[Result]:
    """The head-office workbook (all sheets) vs writing the same cells straight with
    xlsxwriter in the same run (target: at most 1.3x); benchmarks/export_bench.py."""
    from export_bench import measure

    if not ctx.db.exists():
        with Store.open(ctx.db) as store:
            generate(store, scale=ctx.scale, seed=1, today=TODAY)
            adopt_first_rep(store)
    m = measure(ctx.db, log=lambda text: print(text, flush=True))
    return [
        Result(
            "export: xlsx / straight xlsxwriter (cpu)",
            m.ratio,
            "x",
            1.3,
            f"export {m.ours_cpu:.1f} s cpu / {m.ours:.1f} s wall, straight {m.straight_cpu:.1f} s"
            f" cpu / {m.straight:.1f} s wall (wall ratio {m.wall_ratio:.2f}); {m.rows:,} rows,"
            f" {m.cells:,} cells; csv {m.csv:.1f} s; {ctx.scale} scale, best of 2",
        )
    ]


def bench_dashboard(ctx: Context) -> list[Result]:
    """The supervisor's team dashboard: the query alone and the page refresh (worker store,
    query, seven charts) on the demo store (target: under 300 ms); dashboard_bench.py."""
    from dashboard_bench import TARGET_MS, measure

    if not ctx.db.exists():
        with Store.open(ctx.db) as store:
            generate(store, scale=ctx.scale, seed=1, today=TODAY)
    # The refresh the supervisor waits for is the page's, held to the target; the query
    # lines are its SQL alone on one thread (the page runs its four parts on two), shown
    # for the reader.
    return [
        Result(
            f"dashboard: {t.name} (median)",
            t.median_ms,
            "ms",
            TARGET_MS if t.name.startswith("page:") else None,
            f"max {t.max_ms:.0f} ms of {t.runs}; {ctx.scale} store"
            + ("" if t.name.startswith("page:") else "; all parts on one thread, in turn"),
        )
        for t in measure(ctx.db, log=lambda text: print(text, flush=True))
    ]


def bench_loop(ctx: Context) -> list[Result]:
    """The B→KOC→C numbers a page or the export asks for (one KOC, one event, one shop,
    the dashboard's chain, every KOC) on the demo store; loop_bench.py."""
    from loop_bench import measure

    if not ctx.db.exists():
        with Store.open(ctx.db) as store:
            generate(store, scale=ctx.scale, seed=1, today=TODAY)
    return [
        Result(
            f"loop: {t.name} (median)",
            t.median_ms,
            "ms",
            t.target_ms,
            f"max {t.max_ms:.0f} ms of {t.runs}; {ctx.scale} store",
        )
        for t in measure(ctx.db, log=lambda text: print(text, flush=True))
    ]


def bench_plan(ctx: Context) -> list[Result]:
    """A rep's day: plan (planned visits for the due shops) + route (OR-Tools, time
    windows) for 40 and 120 stops (targets: under 1 s and 5 s); plan_bench.py."""
    from plan_bench import TARGETS_S, measure

    return [
        Result(
            f"plan: plan + route, {t.stops} stops (median)",
            t.median_s,
            "s",
            TARGETS_S[t.stops],
            f"max {t.max_s:.2f} s of {t.rounds}; {t.total_km:.1f} km, {t.late} late",
        )
        for t in measure(log=lambda text: print(text, flush=True))
    ]


def bench_map(ctx: Context) -> list[Result]:
    """The map: a repaint while panning with 6,000 pins (target < 16 ms) and the view's
    first open and paint (target < 200 ms); map_bench.py."""
    from map_bench import OPEN_TARGET_MS, PAN_TARGET_MS, measure

    p95, median, first, tiles = measure()
    return [
        Result(
            "map: pan repaint, 6,000 pins (p95)",
            p95,
            "ms",
            PAN_TARGET_MS,
            f"median {median:.1f} ms",
        ),
        Result(
            "map: first open + paint (UI thread)",
            first,
            "ms",
            OPEN_TARGET_MS,
            f"6,000 pins, cached tiles decoded on the runner: all drawn after {tiles:.0f} ms",
        ),
    ]


def bench_audit(ctx: Context) -> list[Result]:
    """The shelf-audit grid's model work per keystroke, 20 SKUs (target < 16 ms);
    audit_bench.py."""
    from audit_bench import TARGET_MS, measure

    med, p95, worst = measure()
    return [
        Result(
            "audit grid: model work per keystroke (p95)",
            p95,
            "ms",
            TARGET_MS,
            f"median {med:.2f} ms, max {worst:.2f} ms; 20 SKUs, repaint of every cell",
        )
    ]


def bench_load(ctx: Context) -> list[Result]:
    """Many devices of many teams pushing and pulling at once on loopback, SQLite and
    PostgreSQL, one and two server processes (benchmarks/load_bench.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from load_bench import measure, parser, quantile

    args = parser().parse_args([])
    outcomes = measure(args, log=lambda text: print(text, flush=True))
    results: list[Result] = []
    by = {o.label: o for o in outcomes}
    for o in outcomes:
        s = o.stats
        pg = o.label.startswith("postgresql")
        rate = s.mutations / o.wall
        results.append(
            Result(
                f"load {o.label}: mutations/s",
                rate,
                "/s",
                2000.0 if o.label == "postgresql ×1" else None,
                f"{args.devices} devices, {args.teams} teams, {args.concurrency} at once, "
                f"{s.errors} errors, {s.rejected} rejected",
                higher=True,
            )
        )
        results.append(
            Result(
                f"load {o.label}: push p95",
                quantile(s.push_s, 0.95) * 1000,
                "ms",
                1000.0 if pg else None,
                f"p99 {quantile(s.push_s, 0.99) * 1000:.0f} ms",
            )
        )
        results.append(Result(f"load {o.label}: errors", s.errors, "", 0.0 if pg else None, ""))
        cpu = o.server_cpu * 1000 / max(1, s.applied)
        results.append(
            Result(f"load {o.label}: server CPU/mutation", cpu, "ms", 0.5 if pg else None, "")
        )
    one, two = by.get("postgresql ×1"), by.get("postgresql ×2")
    if one and two:
        ratio = (two.stats.mutations / two.wall) / max(1e-9, one.stats.mutations / one.wall)
        cores = os.cpu_count() or 1
        # Two processes can add only what one left idle: the server, PostgreSQL and the
        # load generator share this machine's cores.
        room = cores / max(1e-9, one.machine_busy)
        per_two = two.server_cpu / max(1, two.stats.applied)
        per_one = one.server_cpu / max(1, one.stats.applied)
        note = (
            f"one process kept {one.machine_busy:.2f} of {cores} cores busy (server,"
            f" PostgreSQL, load generator and the rest): at most {room:.2f}x left here;"
            f" server CPU/mutation two/one {per_two / max(1e-12, per_one):.2f}"
        )
        results.append(
            Result("load postgresql: 2 processes / 1", ratio, "x", 1.6, note, higher=True)
        )
    return results


BENCHMARKS: dict[str, Callable[[Context], list[Result]]] = {
    "generate": bench_generate,
    "search": bench_search,
    "write": bench_write,
    "ui_window": bench_ui_window,
    "ui_search": bench_ui_search,
    "ui_shop_page": bench_ui_shop_page,
    "ui_pages": bench_ui_pages,
    "sync_initial": bench_sync_initial,
    "sync_incremental": bench_sync_incremental,
    "sync_noop": bench_sync_noop,
    "export": bench_export,
    "dashboard": bench_dashboard,
    "loop": bench_loop,
    "plan": bench_plan,
    "map": bench_map,
    "audit": bench_audit,
    "load": bench_load,
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
            f"{r.name:<52} {r.value:>8.2f}{r.unit:<2}  "
            + (
                f"{'≥' if r.higher else ''}{r.target:>6g}{r.unit:<2}  "
                if r.target is not None
                else f"{'-':>8}  "
            )
            + f"{'info' if r.target is None else 'ok' if r.ok else 'MISSED'}   {r.detail}"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps([asdict(r) | {"ok": r.ok} for r in results], indent=2))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
