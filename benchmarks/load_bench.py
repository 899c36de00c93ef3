"""Load benchmark: many devices of many teams pushing and pulling at once, on loopback.

    python benchmarks/load_bench.py [--devices 100] [--teams 20] [--concurrency 20]
        [--mutations 50] [--rounds 2] [--backends sqlite,postgresql] [--processes 1,2]
        [--deadline 300]

For each backend (a SQLite file; a fresh PostgreSQL database on 127.0.0.1:5432, dropped
afterwards) and each number of server processes (``fieldapp-server serve --workers N``:
N processes on one port, one database), the same work:

- setup (untimed): ``--teams`` teams with ``--devices`` reps spread over them, one
  logged-in device each (tokens written straight into ``devices``: no password hashing),
  one county, and 10 shops per team;
- warm-up (untimed): once every server process has started and gone quiet (a process
  compiles the project's sources as it starts when ``PYTHONDONTWRITEBYTECODE`` is set,
  and with ``--workers N`` the port answers before the last worker is ready),
  ``--warmup`` further devices (one per team first) run one "pull, push, pull" each,
  ``--concurrency`` at a time, so that every process has its connections, statement
  caches and lazily imported modules before the clock starts;
- timed: ``--concurrency`` devices at a time run their session: ``--rounds`` times
  "pull the team's changes (all pages), push ``--mutations`` mutations", then a last pull.
  The mix: 40 % inserts (shops and visits), 40 % field updates of the team's shops at the
  version the device last pulled (other devices of the team edit the same shops, so
  some of these are conflicts), 10 % updates with a stale base (conflicts when the
  field changed since), 10 % deletes of the device's own visits. A device builds its
  mutations as the wire's dicts (what ``sync.protocol.MutationIn`` dumps, checked by
  ``tests/sync/test_load_bench_wire.py``), sends them as one JSON body and reads every
  answer in full, as a real device does.

Printed per configuration: mutations/s (all devices, wall clock of the timed part),
pull rows/s, p50/p95/p99 push and pull latency, HTTP errors, rejected mutations,
conflicts, and the server processes' CPU per applied mutation (user + system time of
the server processes during the timed part only: start-up, imports and the warm-up are
not counted; pulls, HTTP and JSON are), and this load generator's CPU per applied
mutation (its threads building and sending pushes and pulls and reading the answers:
on this machine it shares the cores with the server). Beside them, where the
machine's two cores went during the timed part, in cores (CPU seconds / wall seconds):
the server processes, the PostgreSQL backends serving this benchmark's database, this
load generator (its threads, requests and JSON), and the whole machine (``/proc/stat``,
other work included). Bounded: the timed part stops starting sessions at ``--deadline`` seconds
(reported).

``--before DIR``: also run the server from another checkout of the project (e.g.
``git archive main | tar -x -C DIR``), interleaved configuration by configuration with
this one (the order alternating between repeats), ``--repeat`` times: both sides see the
same period of the machine's load.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic_core
import requests
import sqlalchemy as sa

from sync import protocol as p
from sync.server import service
from sync.server.db import device_state, devices, make_engine, users
from sync.server.migrate import upgrade_engine

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
HEADERS = {p.SCHEMA_HEADER: str(p.SCHEMA_VERSION), "Content-Type": "application/json"}
CLK_TCK = os.sysconf("SC_CLK_TCK")


@dataclass
class Stats:
    push_s: list[float] = field(default_factory=list)
    pull_s: list[float] = field(default_factory=list)
    mutations: int = 0
    applied: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    errors: int = 0
    sessions: int = 0
    skipped: int = 0
    error_samples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class Outcome:
    label: str
    wall: float
    stats: Stats
    server_cpu: float
    pg_cpu: float = 0.0
    generator_cpu: float = 0.0
    machine_busy: float = 0.0  # cores busy, all processes of the machine
    connections: int = 0  # PostgreSQL connections opened during the timed part
    lock_wait: str = ""  # the scope locks' waits, from one process's /metrics
    load: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def row(self) -> dict[str, str]:
        s = self.stats
        w = self.wall
        return {
            "mutations/s": f"{s.mutations / self.wall:,.0f}",
            "pull rows/s": f"{s.pulled / self.wall:,.0f}",
            "push p50/p95/p99 ms": _pct(s.push_s),
            "pull p50/p95/p99 ms": _pct(s.pull_s),
            "errors (HTTP)": str(s.errors),
            "rejected": str(s.rejected),
            "conflicts": str(s.conflicts),
            "server CPU ms/mutation": f"{self.server_cpu * 1000 / max(1, s.applied):.2f}",
            "PG backends CPU ms/mutation": f"{self.pg_cpu * 1000 / max(1, s.applied):.2f}",
            "load generator CPU ms/mutation": (
                f"{self.generator_cpu * 1000 / max(1, s.applied):.2f}"
            ),
            "cores: server/PG/loadgen/all": (
                f"{self.server_cpu / w:.2f}/{self.pg_cpu / w:.2f}/"
                f"{self.generator_cpu / w:.2f}/{self.machine_busy:.2f}"
            ),
            "PG connections opened": str(self.connections),
            "scope lock waits (one process)": self.lock_wait,
            "sessions (skipped)": f"{s.sessions} ({s.skipped})",
            "wall s": f"{self.wall:.1f}",
            "load average (1/5 min)": f"{self.load[0]:.1f}/{self.load[1]:.1f}",
        }


def quantile(samples: list[float], q: float) -> float:
    if not samples:
        return 0.0
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def _pct(samples: list[float]) -> str:
    return "/".join(f"{quantile(samples, q) * 1000:.0f}" for q in (0.5, 0.95, 0.99))


# --------------------------------------------------------------------------- setup


@contextmanager
def database(backend: str, tmp: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp / 'load.db'}"
        return
    import psycopg

    name = f"fieldapp_load_{secrets.token_hex(6)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Dev:
    device_id: str
    user_id: str
    team_id: str
    token: str
    county: str
    seq: int = 0
    cursor: int = 0
    shops: dict[str, int] = field(default_factory=dict)  # team shops seen: id -> version
    visits: list[str] = field(default_factory=list)  # own live visits


def populate(url: str, n_devices: int, n_teams: int, seed: int) -> list[Dev]:
    """Teams, reps with one device each, a county and 10 shops per team (untimed)."""
    from argon2 import PasswordHasher

    engine = make_engine(url)
    upgrade_engine(engine)
    now = time.time()
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    teams = [service.create_team(engine, f"load team {t}", now) for t in range(n_teams)]
    admin = service.create_user(engine, "load-admin", "admin", None, "load password", now, hasher)
    county = str(uuid.uuid4())
    admin_caller = service.Caller(admin, "load-admin", "admin", None, "load-admin-device")
    _add_device(engine, admin, "load-admin-device", secrets.token_urlsafe(32), now)
    service.push(
        engine,
        admin_caller,
        p.PushRequest(
            device_id="load-admin-device",
            mutations=[_mut(1, "counties", county, "insert", name="负载区", koc_target=50)],
        ),
        now,
    )
    rng = random.Random(seed)
    out: list[Dev] = []
    for i in range(n_devices):
        team = teams[i % n_teams]
        uid = service.create_user(
            engine, f"load-rep-{i}", "rep", team, "load password", now, hasher
        )
        dev = Dev(f"load-dev-{i}", uid, team, secrets.token_urlsafe(32), county)
        _add_device(engine, uid, dev.device_id, dev.token, now)
        out.append(dev)
    for t, team in enumerate(teams):  # 10 shops per team, by the team's first rep
        first = out[t]
        caller = service.Caller(first.user_id, f"load-rep-{t}", "rep", team, first.device_id)
        muts = []
        for _ in range(10):
            first.seq += 1
            muts.append(p.MutationIn.model_validate(_shop(first, rng)))
        service.push(engine, caller, p.PushRequest(device_id=first.device_id, mutations=muts), now)
    engine.dispose()
    return out


def _add_device(engine: sa.Engine, user_id: str, device_id: str, token: str, now: float) -> None:
    with engine.begin() as conn:
        assert conn.execute(sa.select(users.c.id).where(users.c.id == user_id)).first()
        conn.execute(
            sa.insert(devices).values(
                id=device_id,
                user_id=user_id,
                name=device_id,
                token_hash=service.hash_token(token),
                expires_at=int(now + 86400),
                revoked=False,
                created_at=int(now),
                last_seen_at=int(now),
            )
        )
        conn.execute(sa.insert(device_state).values(device_id=device_id, last_seq=0))


def _mut(seq: int, table: str, row_id: str, op: str, base: int = 0, **fields: Any) -> p.MutationIn:
    return p.MutationIn.model_validate(_wire(seq, table, row_id, op, base, **fields))


def _wire(
    seq: int, table: str, row_id: str, op: str, base: int = 0, **fields: Any
) -> dict[str, Any]:
    """A mutation as the wire carries it: what ``p.MutationIn(...).model_dump(mode="json")``
    gives (``test_load_bench_wire_is_the_protocol_model`` checks it), built as a dict
    directly (the pydantic model cost the load generator more CPU than the push's JSON)."""
    return {
        "mutation_id": str(uuid.uuid4()),
        "seq": seq,
        "table": table,
        "row_id": row_id,
        "op": op,
        "changes": {k: {"old": None, "new": v} for k, v in fields.items()},
        "base_version": base,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()),
    }


def _shop(dev: Dev, rng: random.Random) -> dict[str, Any]:
    return _wire(
        dev.seq,
        "shops",
        str(uuid.uuid4()),
        "insert",
        name=f"烟酒店 {rng.randrange(10**6)}",
        channel=rng.choice(["convenience", "tobacco_liquor", "supermarket"]),
        tier=rng.choice("ABC"),
        county_id=dev.county,
        cloud_store="none",
        rep_id=dev.user_id,
        notes="门口有停车位",
    )


# --------------------------------------------------------------------------- the work


def mutations(dev: Dev, n: int, rng: random.Random) -> list[dict[str, Any]]:
    """``n`` mutations of the mix (module docstring) as wire dicts."""
    out: list[dict[str, Any]] = []
    shops = list(dev.shops)
    for _ in range(n):
        dev.seq += 1
        roll = rng.random()
        if roll < 0.4 or not shops:
            if rng.random() < 0.25 or not shops:
                m = _shop(dev, rng)
                shops.append(m["row_id"])
                dev.shops[m["row_id"]] = 0
            else:
                vid = str(uuid.uuid4())
                m = _wire(
                    dev.seq,
                    "visits",
                    vid,
                    "insert",
                    shop_id=rng.choice(shops),
                    rep_id=dev.user_id,
                    planned_date="2026-12-07",
                    check_stock=rng.choice(["ok", "low", "out"]),
                    review_status="draft",
                )
                dev.visits.append(vid)
        elif roll < 0.9:
            shop = rng.choice(shops)
            stale = roll >= 0.8
            base = 1 if stale else dev.shops.get(shop, 0)
            fields = rng.choice(
                [
                    {"notes": f"第{rng.randrange(100)}次拜访"},
                    {"tier": rng.choice("ABC")},
                    {"phone": f"138{rng.randrange(10**8):08d}"},
                ]
            )
            m = _wire(dev.seq, "shops", shop, "update", base, **fields)
        elif dev.visits:
            vid = dev.visits.pop(rng.randrange(len(dev.visits)))
            m = _wire(dev.seq, "visits", vid, "delete", 0)
        else:
            m = _shop(dev, rng)
            dev.shops[m["row_id"]] = 0
        out.append(m)
    return out


class Servers:
    """``fieldapp-server serve --workers N`` on ``url``: N processes on one port."""

    def __init__(self, url: str, processes: int, log_dir: Path, root: Path = ROOT) -> None:
        port = _free_port()
        self._log = (log_dir / "server-0.log").open("wb")
        self.procs: list[subprocess.Popen[bytes]] = [
            subprocess.Popen(
                [
                    sys.executable, "-m", "sync.server", "serve", "--database", url,
                    "--photos-dir", str(log_dir / "photos"), "--host", "127.0.0.1",
                    "--port", str(port), "--workers", str(processes),
                ],
                cwd=root,
                env=dict(os.environ, PYTHONPATH=str(root)),
                stdout=self._log,
                stderr=subprocess.STDOUT,
            )
        ]  # fmt: skip
        self.urls = [f"http://127.0.0.1:{port}"]
        self._rr = itertools.count()
        deadline = time.monotonic() + 60
        while True:
            if self.procs[0].poll() is not None:
                raise RuntimeError(f"server exited; see {log_dir}")
            try:
                if requests.get(f"{self.urls[0]}/healthz", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not answer within 60 s")
            time.sleep(0.1)
        self._settle(processes, deadline)

    def _settle(self, processes: int, deadline: float) -> None:
        """Wait until all ``processes`` workers exist and have gone quiet: the port
        answers as soon as one worker is ready, while the others may still be
        importing (and, with PYTHONDONTWRITEBYTECODE, compiling) the project."""
        quiet = 0
        last = self.cpu()
        while time.monotonic() < deadline:
            time.sleep(0.25)
            now = self.cpu()
            workers = len(_children(self.procs[0].pid)) if processes > 1 else 1
            quiet = quiet + 1 if workers >= processes and now - last < 0.03 else 0
            last = now
            if quiet >= 3:
                return

    def url(self) -> str:
        return self.urls[next(self._rr) % len(self.urls)]

    def cpu(self) -> float:
        """User + system seconds of the server processes and their children."""
        total = 0.0
        for proc in self.procs:
            for pid in [proc.pid, *_children(proc.pid)]:
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                total += (int(fields[11]) + int(fields[12])) / CLK_TCK
        return total

    def close(self) -> None:
        for proc in self.procs:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
        self._log.close()


def _ticks(pid: int) -> int:
    """User + system clock ticks of process ``pid`` (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def pg_backends(url: str) -> dict[int, int]:
    """Clock ticks of the PostgreSQL backends connected to ``url``'s database, by pid
    (their process titles name it: ``postgres: USER DBNAME HOST(PORT) STATE``)."""
    if not url.startswith("postgresql"):
        return {}
    name = url.rsplit("/", 1)[1]
    out = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if title.startswith("postgres: ") and f" {name} " in title:
            out[int(entry.name)] = _ticks(int(entry.name))
    return out


def pg_sessions(url: str) -> int:
    """Connections ever opened to ``url``'s database (PostgreSQL 14+: ``sessions``)."""
    if not url.startswith("postgresql"):
        return 0
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute("SELECT pg_stat_clear_snapshot()")
        row = conn.execute(
            "SELECT sessions FROM pg_stat_database WHERE datname = %s", (name,)
        ).fetchone()
    return int(row[0]) if row else 0


def lock_waits(url: str) -> str:
    """``push/pull: mean ms over count`` of the scope locks' waits, from ``/metrics`` (the
    process that answers; the warm-up included)."""
    try:
        text = requests.get(f"{url}/metrics", timeout=10).text
    except requests.RequestException:
        return "?"
    sums: dict[str, list[float]] = {}
    for line in text.splitlines():
        if line.startswith("fieldapp_scope_lock_wait_seconds_") and 'kind="' in line:
            name, value = line.rsplit(" ", 1)
            kind = name.split('kind="', 1)[1].split('"', 1)[0]
            entry = sums.setdefault(kind, [0.0, 0.0])
            if name.startswith("fieldapp_scope_lock_wait_seconds_sum"):
                entry[0] = float(value)
            elif name.startswith("fieldapp_scope_lock_wait_seconds_count"):
                entry[1] = float(value)
    return " ".join(
        f"{kind} {total * 1000 / max(1, n):.1f}ms×{n:.0f}"
        for kind, (total, n) in sorted(sums.items())
    )


def busy_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of the whole machine since boot (``/proc/stat``)."""
    values = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def _children(pid: int) -> list[int]:
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    out = [int(k) for k in kids]
    for k in list(out):
        out += _children(k)
    return out


def _free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def session(
    dev: Dev, servers: Servers, stats: Stats, rounds: int, n: int, seed: int, timeout: float
) -> None:
    rng = random.Random(seed)
    http = requests.Session()
    auth = {"Authorization": f"Bearer {dev.token}", **HEADERS}

    def pull() -> None:
        while True:
            t = time.perf_counter()
            try:
                r = http.get(
                    f"{servers.url()}/v1/pull",
                    params={"cursor": dev.cursor, "limit": 500},
                    headers=auth,
                    timeout=timeout,
                )
                ok = r.status_code == 200
            except requests.RequestException as exc:
                ok, r = False, exc  # type: ignore[assignment]
            elapsed = time.perf_counter() - t
            if not ok:
                _error(stats, "pull", r)
                return
            body = pydantic_core.from_json(r.content)
            for ch in body["changes"]:
                if ch["table"] == "shops" and ch["op"] == "upsert":
                    dev.shops[ch["row_id"]] = ch["version"]
            with stats.lock:
                stats.pull_s.append(elapsed)
                stats.pulled += len(body["changes"])
            dev.cursor = body["cursor"]
            if not body["more"]:
                return

    def push() -> None:
        muts = mutations(dev, n, rng)
        body = pydantic_core.to_json({"device_id": dev.device_id, "mutations": muts})
        t = time.perf_counter()
        try:
            r = http.post(f"{servers.url()}/v1/push", data=body, headers=auth, timeout=timeout)
            ok = r.status_code == 200
        except requests.RequestException as exc:
            ok, r = False, exc  # type: ignore[assignment]
        elapsed = time.perf_counter() - t
        if not ok:
            _error(stats, "push", r)
            return
        results = pydantic_core.from_json(r.content)["results"]
        counts = {"applied": 0, "conflict": 0, "rejected": 0}
        for res in results:
            counts[res["status"]] += 1
            if res["status"] == "rejected" and len(stats.error_samples) < 5:
                stats.error_samples.append(f"rejected: {res.get('error')}")
        with stats.lock:
            stats.push_s.append(elapsed)
            stats.mutations += len(results)
            stats.applied += counts["applied"] + counts["conflict"]
            stats.conflicts += counts["conflict"]
            stats.rejected += counts["rejected"]

    try:
        for _ in range(rounds):
            pull()
            push()
        pull()
    finally:
        http.close()
    with stats.lock:
        stats.sessions += 1


def _error(stats: Stats, what: str, r: Any) -> None:
    with stats.lock:
        stats.errors += 1
        if len(stats.error_samples) < 5:
            text = getattr(r, "text", repr(r))[:200]
            stats.error_samples.append(f"{what}: {getattr(r, 'status_code', '')} {text}")


def run_one(
    backend: str,
    processes: int,
    args: argparse.Namespace,
    log: Any = print,
    root: Path = ROOT,
    side: str = "",
) -> Outcome:
    with (
        tempfile.TemporaryDirectory(prefix="fieldapp-load-") as tmp,
        database(backend, Path(tmp)) as url,
    ):
        everyone = populate(url, args.devices + args.warmup, args.teams, args.seed)
        devs, warm = everyone[: args.devices], everyone[args.devices :]
        servers = Servers(url, processes, Path(tmp), root)
        try:
            warm_stats = Stats()
            with ThreadPoolExecutor(args.concurrency) as pool:
                list(
                    pool.map(
                        lambda i, d: session(
                            d, servers, warm_stats, 1, args.mutations, -1 - i, args.timeout
                        ),
                        range(len(warm)),
                        warm,
                    )
                )
            stats = Stats()
            started = time.perf_counter()
            cpu0, gen0 = servers.cpu(), time.process_time()
            pg0, busy0, conns0 = pg_backends(url), busy_ticks(), pg_sessions(url)
            stop_at = started + args.deadline

            def one(i: int, dev: Dev) -> None:
                if time.perf_counter() > stop_at:
                    with stats.lock:
                        stats.skipped += 1
                    return
                session(
                    dev, servers, stats, args.rounds, args.mutations, args.seed + i, args.timeout
                )

            with ThreadPoolExecutor(args.concurrency) as pool:
                list(pool.map(one, range(len(devs)), devs))
            wall = time.perf_counter() - started
            cpu, gen = servers.cpu() - cpu0, time.process_time() - gen0
            pg1, busy1 = pg_backends(url), busy_ticks()
            load = os.getloadavg()
            conns = pg_sessions(url) - conns0
            waits = lock_waits(servers.url())
        finally:
            servers.close()
        if stats.errors or warm_stats.errors:
            for line in _server_errors(Path(tmp)):
                log(f"    server log: {line}")
    # A backend that exited during the run is not counted (its CPU is gone with it: see
    # "PG connections opened"); one that started during it is counted whole.
    pg = sum(t - pg0.get(pid, 0) for pid, t in pg1.items()) / CLK_TCK
    machine = (busy1[0] - busy0[0]) / max(1, busy1[1] - busy0[1]) * (os.cpu_count() or 1)
    label = f"{backend} ×{processes}{side}"
    out = Outcome(
        label,
        wall,
        stats,
        cpu,
        pg_cpu=pg,
        generator_cpu=gen,
        machine_busy=machine,
        load=load,
        connections=conns,
        lock_wait=waits,
    )
    row = out.row()
    log(
        "    " + label + ": " + ", ".join(f"{k} {row[k]}" for k in (
            "mutations/s", "push p50/p95/p99 ms", "errors (HTTP)", "server CPU ms/mutation",
            "load generator CPU ms/mutation", "cores: server/PG/loadgen/all",
            "PG connections opened", "scope lock waits (one process)", "wall s",
        ))
    )  # fmt: skip
    for sample in warm_stats.error_samples:
        log(f"    {label} (warm-up): {sample}")
    for sample in stats.error_samples:
        log(f"    {label}: {sample}")
    return out


def _server_errors(folder: Path, most: int = 8) -> list[str]:
    """Distinct exception lines of the servers' logs (the last line of each traceback)."""
    seen: list[str] = []
    for log in sorted(folder.glob("server-*.log")):
        lines = log.read_text(errors="replace").splitlines()
        for i, line in enumerate(lines):
            if line.startswith("Traceback") or "ERROR" in line:
                tail = next(
                    (x for x in lines[i + 1 :] if x and not x.startswith((" ", "Traceback"))),
                    line,
                )
                if tail not in seen:
                    seen.append(tail[:300])
    return seen[:most]


def table(outcomes: list[Outcome]) -> str:
    rows = [o.row() for o in outcomes]
    keys = list(rows[0])
    width = max(len(k) for k in keys)
    cols = [
        max(len(o.label), *(len(r[k]) for k in keys)) for o, r in zip(outcomes, rows, strict=True)
    ]
    lines = [
        " " * width
        + "  "
        + "  ".join(o.label.rjust(c) for o, c in zip(outcomes, cols, strict=True))
    ]
    for k in keys:
        lines.append(
            k.ljust(width)
            + "  "
            + "  ".join(r[k].rjust(c) for r, c in zip(rows, cols, strict=True))
        )
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--devices", type=int, default=100)
    ap.add_argument("--teams", type=int, default=20)
    ap.add_argument("--concurrency", type=int, default=20)
    ap.add_argument("--mutations", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--warmup", type=int, default=20, help="devices that sync once, untimed, first")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--processes", default="1,2")
    ap.add_argument("--deadline", type=float, default=300.0, help="seconds per configuration")
    ap.add_argument("--timeout", type=float, default=60.0, help="HTTP read timeout, seconds")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--before",
        type=Path,
        help="another checkout whose server runs interleaved with this one's",
    )
    ap.add_argument("--repeat", type=int, default=1, help="rounds of every configuration")
    return ap


def measure(args: argparse.Namespace, log: Any = print) -> list[Outcome]:
    sides: list[tuple[str, Path]] = [("", ROOT)]
    if args.before is not None:
        sides = [(" before", args.before.resolve()), (" after", ROOT)]
    outcomes = []
    for rep in range(args.repeat):
        for backend in args.backends.split(","):
            for n in (int(x) for x in args.processes.split(",")):
                for side, root in sides if rep % 2 == 0 else sides[::-1]:
                    log(
                        f"    load: {backend}, {n} server process(es){side} ... (load "
                        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())})"
                    )
                    outcomes.append(run_one(backend, n, args, log, root, side))
    log(
        f"    {args.devices} devices over {args.teams} teams, {args.concurrency} at once, "
        f"{args.rounds} pushes of {args.mutations} each, after {args.warmup} warm-up devices "
        f"(os.getloadavg() at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}, "
        f"{os.cpu_count()} cores). Server CPU counts the timed part only (after start-up "
        "and warm-up)."
    )
    log(table(outcomes))
    return outcomes


def main(argv: list[str] | None = None) -> int:
    measure(parser().parse_args(argv))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
