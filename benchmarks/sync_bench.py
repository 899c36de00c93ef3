"""Helpers for the sync benchmarks in ``benchmarks/run.py``: a live server, devices, the
clean floor of a first sync, and the processes they run in.

``SyncBench(demo_db, backend)`` creates the real sync server's database (a SQLite file in
a temporary folder, or a fresh PostgreSQL database on 127.0.0.1:5432, dropped by
:meth:`SyncBench.close`), a team, a rep and a supervisor with the service functions,
loads the demo store's rows into it, then serves it with ``fieldapp-server serve`` in its
own process on 127.0.0.1:<free port>: head office is another machine, so its work must
not share the device's interpreter lock.

A first sync and its floor (:func:`initial_rounds`) each run in a fresh process of their
own (``sync_bench.py first-sync`` / ``floor``), so that neither shares an interpreter
with the million row objects the setup held; each reports its own wall time and CPU
(user + system) for the timed part, and the parent adds the CPU its server process (and,
on PostgreSQL, the database's backends serving it) spent meanwhile. The floor is what
any program must do to hold the same rows in the same store: the rows as gzip JSON over
loopback (one GET per table from a minimal ``http.server`` that serialises on request),
``executemany`` into the store's own tables (a store created by ``Store.open``, so with
every migration), its secondary indexes, triggers, FTS5 search index (client
migrations 0030/0032) and the shop list's short-text index (0033) dropped first and
built again after the load, one transaction.
It does not compute the derived search columns (pinyin) nor the verify sums: those are
the app's own work, and count against it.

Setup step (NOT timed): pushing ~200,000 mutations through ``POST /v1/push`` costs one
server transaction per mutation (many minutes on a 2-core machine), so the server is
loaded straight into its tables instead: every synced row of the demo store goes into
``rows`` (data = the protocol's fields for the table, ``field_versions`` at its own change
sequence) with one ``change_log`` entry each, in the demo's dependency order, and the
``sync_counter`` is set past the last sequence — exactly what ``service.push`` would
leave behind for a row inserted once; on PostgreSQL the tables are then analysed, as
autovacuum keeps a live head office's. The demo's team, its supervisor and its first rep
are mapped onto the team and users created with ``service.create_team``/``create_user``
(ids rewritten in every row), so the server's rep really owns the first rep's rows.
Everything lives in one ``tempfile.TemporaryDirectory``; :meth:`SyncBench.close` stops
the server process and removes it.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import resource
import secrets
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import requests
import sqlalchemy as sa
from argon2 import PasswordHasher

from fieldapp.demo.generator import TABLE_ORDER
from fieldapp.store import Store, search
from sync import protocol as p
from sync.client import MemoryTokenStore, SyncClient
from sync.server import service
from sync.server.app import create_app
from sync.server.db import change_log, rows, sync_counter

PASSWORD = "bench password"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
META = ("created_at", "updated_at", "created_by", "updated_by")
T0 = time.time()
ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Process:
    """A server in its own process on a loopback port, until :meth:`stop`.

    Head office is another machine: serving from this process would make the server's
    Python work and the device's take turns on one interpreter lock, which no real
    sync does. The baseline's server runs in its own process the same way."""

    def __init__(self, args: list[str], health: str, *, within: float = 60.0) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, *args, "--port", str(self.port)],
            cwd=ROOT,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + within
        while True:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode() if self.proc.stderr else ""
                raise RuntimeError(f"server did not start: {err[-2000:]}")
            try:
                if requests.get(f"{self.url}{health}", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"server did not answer within {within:.0f} s")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if self.proc.stderr:
            self.proc.stderr.close()


def demo_rows(demo_db: Path) -> dict[str, list[dict[str, Any]]]:
    """Every synced row of the demo store, per table in dependency order (protocol
    fields plus ``id``, ``deleted`` and the created/updated columns)."""
    Store.open(demo_db).close()  # an older demo store gets this version's columns
    con = sqlite3.connect(demo_db)
    con.row_factory = sqlite3.Row
    out: dict[str, list[dict[str, Any]]] = {}
    try:
        for table in TABLE_ORDER:
            cols = ["id", "deleted", *META, *p.TABLES[table]]
            sql = f"SELECT {', '.join(cols)} FROM {table} ORDER BY rowid"
            out[table] = [dict(r) for r in con.execute(sql)]
    finally:
        con.close()
    return out


class Device:
    """A store file in the bench folder and a real SyncClient logged in as ``user``."""

    def __init__(self, url: str, path: Path, user: str) -> None:
        self.store = Store.open(path)
        self.client = SyncClient(self.store, url, token_store=MemoryTokenStore())
        self.user = self.client.login(user, PASSWORD)

    def close(self) -> None:
        self.store.close()


class SyncBench:
    """The server loaded with a demo store's team, plus rep and supervisor devices."""

    def __init__(self, demo_db: Path, backend: str = "sqlite") -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="fieldapp-syncbench-")
        self.dir = Path(self._tmp.name)
        self.backend = backend
        self.devices: list[Device] = []
        self.live: _Process | None = None
        self.pg_name: str | None = None
        try:
            self._setup(demo_db)
        except BaseException:
            self.close()
            raise

    def _database(self) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{self.dir / 'server.db'}"
        import psycopg

        self.pg_name = f"fieldapp_initsync_{secrets.token_hex(6)}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.pg_name}"')
        return f"postgresql+psycopg://postgres@127.0.0.1:5432/{self.pg_name}"

    def _setup(self, demo_db: Path) -> None:
        url = self._database()
        hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        self.app = create_app(url, photos_dir=self.dir / "photos", hasher=hasher)
        self.engine = self.app.state.engine
        self.team_id = service.create_team(self.engine, "郑州一队", T0)
        self.rep_id = service.create_user(
            self.engine, "bench-rep", "rep", self.team_id, PASSWORD, T0, hasher
        )
        self.sup_id = service.create_user(
            self.engine, "bench-sup", "supervisor", self.team_id, PASSWORD, T0, hasher
        )
        started = time.perf_counter()
        self.rows = demo_rows(demo_db)
        self.loaded = self._load_server()
        self.rows = {}  # a million row objects: not kept while anything is timed
        self.load_seconds = time.perf_counter() - started
        self.live = _Process(
            [
                "-m",
                "sync.server",
                "serve",
                "--database",
                url,
                "--photos-dir",
                str(self.dir / "photos"),
                "--host",
                "127.0.0.1",
            ],
            "/healthz",
        )
        self.url = self.live.url

    def _load_server(self) -> int:
        """The untimed setup step (see the module docstring). Returns rows loaded."""
        demo_team = self.rows["teams"][0]["id"]
        sup = next(u for u in self.rows["users"] if u["role"] == "supervisor")
        first_rep = min(
            (u for u in self.rows["users"] if u["role"] == "rep"), key=lambda u: u["name"]
        )
        remap = {demo_team: self.team_id, sup["id"]: self.sup_id, first_rep["id"]: self.rep_id}
        skip = set(remap)  # the server already holds these three (service functions)
        with self.engine.begin() as conn:
            seq = int(
                conn.execute(
                    sa.select(sync_counter.c.value).where(sync_counter.c.id == 1)
                ).scalar_one()
            )
            loaded = 0
            for table in TABLE_ORDER:
                fields = p.TABLES[table]
                row_batch: list[dict[str, Any]] = []
                log_batch: list[dict[str, Any]] = []
                for raw in self.rows[table]:
                    if raw["id"] in skip:
                        continue
                    r = {k: remap.get(v, v) if isinstance(v, str) else v for k, v in raw.items()}
                    if table in p.SHARED_TABLES:
                        team = None
                    elif table == "teams":
                        team = r["id"]
                    elif table == "users":
                        team = r["team_id"]
                    else:
                        team = self.team_id
                    seq += 1
                    data = {f: r[f] for f in fields}
                    row_batch.append(
                        {
                            "table_name": table,
                            "row_id": r["id"],
                            "team_id": team,
                            "data": data,
                            "version": seq,
                            "deleted": bool(r["deleted"]),
                            "field_versions": {f: [seq, None, None] for f in fields},
                            "created_at": r["created_at"],
                            "updated_at": r["updated_at"],
                            "created_by": r["created_by"],
                            "updated_by": r["updated_by"],
                        }
                    )
                    log_batch.append(
                        {
                            "seq": seq,
                            "table_name": table,
                            "row_id": r["id"],
                            "team_id": team,
                            "op": "upsert",
                        }
                    )
                if row_batch:
                    conn.execute(sa.insert(rows), row_batch)
                    conn.execute(sa.insert(change_log), log_batch)
                    loaded += len(row_batch)
            conn.execute(sa.update(sync_counter).where(sync_counter.c.id == 1).values(value=seq))
            service.rebuild_scope_sums(conn)
        if self.backend == "postgresql":
            # A head office's tables have statistics (autovacuum analyses them as they
            # grow); loaded at once they have none until autovacuum next wakes, in the
            # middle of a round or not, and the planner guesses a few dozen rows.
            with self.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
        return loaded

    def device(self, name: str, user: str) -> Device:
        assert self.live is not None
        dev = Device(self.url, self.dir / f"{name}.db", user)
        self.devices.append(dev)
        return dev

    def server_rows(self) -> dict[str, list[dict[str, Any]]]:
        """What a supervisor's full pull carries, per table (read once, for the baseline)."""
        caller = service.Caller(self.sup_id, "bench-sup", "supervisor", self.team_id, "-")
        out: dict[str, list[dict[str, Any]]] = {}
        cursor = 0
        while True:
            page = service.pull(self.engine, caller, cursor, p.MAX_PULL_LIMIT)
            for c in page.changes:
                if c["row"] is not None:
                    out.setdefault(c["table"], []).append(c["row"])
            if not page.more:
                return out
            cursor = page.cursor

    def close(self) -> None:
        for dev in self.devices:
            dev.close()
        self.devices.clear()
        if self.live is not None:
            self.live.stop()
            self.live = None
        engine = getattr(self, "engine", None)
        if engine is not None:
            engine.dispose()
        if self.pg_name is not None:
            import psycopg

            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
            self.pg_name = None
        self._tmp.cleanup()

    def server_pids(self) -> list[int]:
        """The processes doing head office's work: the server's, and on PostgreSQL the
        database's backends connected to this bench's database."""
        assert self.live is not None
        pids = [self.live.proc.pid]
        if self.pg_name is not None:
            import psycopg

            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                pids += [
                    int(r[0])
                    for r in conn.execute(
                        "SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.pg_name]
                    )
                ]
        return pids


# --------------------------------------------------------------------------- first sync vs floor


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU seconds of each running process (``/proc/PID/stat``)."""
    tick = os.sysconf("SC_CLK_TCK")
    out: dict[int, float] = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone
        out[pid] = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return out


@dataclass
class Timing:
    """One timed side of a round: wall seconds in the client, CPU of client and server."""

    wall: float
    client_cpu: float
    server_cpu: float
    rows: int
    note: str = ""

    @property
    def cpu(self) -> float:
        return self.client_cpu + self.server_cpu


def _run_child(args: list[str], server_pids: Callable[[], list[int]]) -> Timing:
    """Run ``sync_bench.py ARGS`` in a fresh process: it sets up untimed and prints
    ``ready``; then the server's CPU is read, ``go`` is sent, and the child prints its
    JSON result (its own wall and CPU of the timed part) when done."""
    proc = subprocess.Popen(
        [sys.executable, __file__, *args],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'benchmarks'}"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        line = proc.stdout.readline()
        if line.strip() != "ready":
            raise RuntimeError(f"{args[0]}: did not get ready: {line!r}")
        before = cpu_seconds(server_pids())
        proc.stdin.write("go\n")
        proc.stdin.flush()
        out = json.loads(proc.stdout.readline())
        after = cpu_seconds(server_pids())
    finally:
        proc.stdin.close()
        if proc.wait(600) != 0:
            raise RuntimeError(f"{args[0]} exited {proc.returncode}")
    server = sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())
    return Timing(out["wall"], out["cpu"], server, out["rows"], out.get("note", ""))


class Floor:
    """The floor's minimal server (its own process), serving the rows a supervisor's
    first sync carries, one table per GET, serialised and gzipped on request."""

    def __init__(self, tables: dict[str, list[dict[str, Any]]], folder: Path) -> None:
        self.rows_file = folder / "floor-rows.json"
        self.rows_file.write_text(json.dumps(tables, ensure_ascii=False))
        self.tables = [t for t, found in tables.items() if found]
        self.rows = sum(len(found) for found in tables.values())
        # It reads every row first (hundreds of MB at team scale): minutes on a busy box.
        self.server = _Process(
            [__file__, "serve-baseline", str(self.rows_file)], "/healthz", within=1800
        )

    def close(self) -> None:
        self.server.stop()
        self.rows_file.unlink(missing_ok=True)


@contextmanager
def _fresh_store(folder: Path, name: str) -> Iterator[Path]:
    path = folder / f"{name}.db"
    try:
        yield path
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def initial_round(bench: SyncBench, floor: Floor) -> tuple[Timing, Timing]:
    """One round: a fresh supervisor device's first sync of the whole team, then the
    floor, each in a fresh process on a new store file (deleted after)."""
    with _fresh_store(bench.dir, "first-sync") as path:
        ours = _run_child(["first-sync", bench.url, str(path), "bench-sup"], bench.server_pids)
    with _fresh_store(bench.dir, "floor") as path:
        base = _run_child(
            ["floor", floor.server.url, str(path), ",".join(floor.tables)],
            lambda: [floor.server.proc.pid],
        )
    return ours, base


def _wait_for_go() -> None:
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        raise SystemExit(1)


def _clock() -> tuple[float, float]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return time.perf_counter(), usage.ru_utime + usage.ru_stime


def _first_sync(url: str, path: Path, user: str) -> None:
    """``sync_bench.py first-sync URL STORE USER``: log in on a new store (untimed), then
    time ``client.sync()``, the app's first sync."""
    dev = Device(url, path, user)
    _wait_for_go()
    wall0, cpu0 = _clock()
    report = dev.client.sync()
    wall1, cpu1 = _clock()
    dev.close()
    note = f"{report.summary()}"
    if not report.verified:
        note += " VERIFY MISMATCH"
    print(json.dumps({"wall": wall1 - wall0, "cpu": cpu1 - cpu0, "rows": report.pulled,
                      "note": note}), flush=True)  # fmt: skip


def _floor(url: str, path: Path, tables: list[str]) -> None:
    """``sync_bench.py floor URL STORE TABLES``: the floor (see the module docstring).
    Every index but the unique ones and every trigger of the tables it loads are set
    aside and built again after the load; a search index is filled from its insert
    trigger's own statement (``search.rebuild``, as the app's first pull does), and the
    shop list's short-text index by ``search.rebuild_short``, as the app's first pull does."""
    Store.open(path).close()  # the store's schema, every migration, empty (untimed)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA synchronous = NORMAL")  # as the app's first pull (WAL: the store's)
    session = requests.Session()
    _wait_for_go()
    wall0, cpu0 = _clock()
    con.execute("BEGIN")
    marks = ", ".join("?" for _ in tables)
    aside = con.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL"
        f" AND type IN ('index', 'trigger') AND tbl_name IN ({marks})",
        tables,
    ).fetchall()
    aside = [a for a in aside if not a[3].lstrip().upper().startswith("CREATE UNIQUE")]
    for kind, name, _table, _sql in aside:
        con.execute(f"DROP {kind.upper()} {name}")
    total = 0
    for table in tables:
        got = session.get(f"{url}/{table}").json()  # requests un-gzips
        cols = list(got[0])
        con.executemany(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            [[r[c] for c in cols] for r in got],
        )
        total += len(got)
    for kind, name, table, sql in aside:
        con.execute(sql)
        if kind == "trigger" and name.endswith("_search_insert"):
            search.rebuild(con, table, sql)  # type: ignore[arg-type]  # plain sqlite3
    if "shops" in tables:  # the shop list's short-text index (client migration 0033)
        search.rebuild_short(con)
    con.execute("COMMIT")
    wall1, cpu1 = _clock()
    con.close()
    session.close()
    print(json.dumps({"wall": wall1 - wall0, "cpu": cpu1 - cpu0, "rows": total}), flush=True)


# --------------------------------------------------------------------------- floor server


class _Handler(http.server.BaseHTTPRequestHandler):
    tables: ClassVar[dict[str, list[dict[str, Any]]]] = {}

    def do_GET(self) -> None:
        if self.path == "/healthz":
            body = b"ok"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        table = self.path.rsplit("/", 1)[-1]
        body = gzip.compress(json.dumps(self.tables.get(table, []), ensure_ascii=False).encode(), 6)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: Any) -> None:
        pass


def _serve_baseline(rows: Path, port: int) -> None:
    """``sync_bench.py serve-baseline ROWS.json --port N``: the floor's minimal server."""
    handler = type("Handler", (_Handler,), {"tables": json.loads(rows.read_text())})
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()


def _main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve-baseline")
    serve.add_argument("rows", type=Path)
    serve.add_argument("--port", type=int, required=True)
    first = sub.add_parser("first-sync")
    first.add_argument("url")
    first.add_argument("store", type=Path)
    first.add_argument("user")
    floor = sub.add_parser("floor")
    floor.add_argument("url")
    floor.add_argument("store", type=Path)
    floor.add_argument("tables")
    args = parser.parse_args(argv)
    if args.command == "serve-baseline":
        _serve_baseline(args.rows, args.port)
    elif args.command == "first-sync":
        _first_sync(args.url, args.store, args.user)
    else:
        _floor(args.url, args.store, args.tables.split(","))


if __name__ == "__main__":
    _main(sys.argv[1:])
