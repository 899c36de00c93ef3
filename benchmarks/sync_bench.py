"""Helpers for the sync benchmarks in ``benchmarks/run.py``: a live server, devices and
the raw baseline.

``SyncBench(demo_db)`` starts the real sync server (``create_app`` on a SQLite file in a
temporary folder, served by uvicorn on 127.0.0.1:<free port> in a background thread),
creates a team, a rep and a supervisor with the service functions, and loads the demo
store's rows into the server.

Setup step (NOT timed): pushing ~200,000 mutations through ``POST /v1/push`` costs one
server transaction per mutation (many minutes on a 2-core machine), so the server is
loaded straight into its tables instead: every synced row of the demo store goes into
``rows`` (data = the protocol's fields for the table, ``field_versions`` at its own change
sequence) with one ``change_log`` entry each, in the demo's dependency order, and the
``sync_counter`` is set past the last sequence — exactly what ``service.push`` would
leave behind for a row inserted once. The demo's team, its supervisor and its first rep
are mapped onto the team and users created with ``service.create_team``/``create_user``
(ids rewritten in every row), so the server's rep really owns the first rep's rows.
Everything lives in one ``tempfile.TemporaryDirectory``; :meth:`SyncBench.close` stops
the server thread and removes it.
"""

from __future__ import annotations

import gzip
import http.server
import json
import socket
import sqlite3
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, ClassVar

import requests
import sqlalchemy as sa
import uvicorn
from argon2 import PasswordHasher

from fieldapp.demo.generator import TABLE_ORDER
from fieldapp.store import Store
from sync import protocol as p
from sync.client import MemoryTokenStore, SyncClient
from sync.server import service
from sync.server.app import create_app
from sync.server.db import change_log, rows, sync_counter
from sync.server.serving import uvicorn_config

PASSWORD = "bench password"
META = ("created_at", "updated_at", "created_by", "updated_by")
T0 = time.time()


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


class _Uvicorn:
    """An ASGI app served on a loopback port in a daemon thread until :meth:`stop`."""

    def __init__(self, app: Any) -> None:
        self.sock = _free_socket()
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn_config(app, log_level="warning", lifespan="off", loop="asyncio")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


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

    def __init__(self, demo_db: Path) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="fieldapp-syncbench-")
        self.dir = Path(self._tmp.name)
        self.devices: list[Device] = []
        self.live: _Uvicorn | None = None
        try:
            self._setup(demo_db)
        except BaseException:
            self.close()
            raise

    def _setup(self, demo_db: Path) -> None:
        url = f"sqlite:///{self.dir / 'server.db'}"
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
        self.load_seconds = time.perf_counter() - started
        self.live = _Uvicorn(self.app)
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
                if c.row is not None:
                    out.setdefault(c.table, []).append(c.row)
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
        self._tmp.cleanup()


# --------------------------------------------------------------------------- raw baseline


class _Handler(http.server.BaseHTTPRequestHandler):
    tables: ClassVar[dict[str, list[dict[str, Any]]]] = {}

    def do_GET(self) -> None:
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


def raw_baseline(
    tables: dict[str, list[dict[str, Any]]], folder: Path, *, store_schema: bool = False
) -> tuple[float, int]:
    """The same rows as gzip JSON over loopback (one GET per table from a minimal
    http.server, serialised on request) inserted with ``executemany`` into a fresh
    SQLite file, one transaction. Returns (seconds, rows).

    By default into bare tables (a primary key only: the issue's baseline). With
    ``store_schema`` into the store's own tables (its migrations: indexes and the
    verify-sum triggers), which shows how much of a sync is the schema's own cost."""
    handler = type("Handler", (_Handler,), {"tables": tables})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    path = folder / "baseline.db"
    path.unlink(missing_ok=True)
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}"
        if store_schema:
            Store.open(path).close()  # the schema, empty
        con = sqlite3.connect(path, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        session = requests.Session()
        started = time.perf_counter()
        total = 0
        con.execute("BEGIN")
        for table, sample in tables.items():
            got = session.get(f"{url}/{table}").json()  # requests un-gzips
            cols = list(sample[0])
            if not store_schema:
                con.execute(
                    f"CREATE TABLE {table} (id TEXT PRIMARY KEY, "
                    + ", ".join(c for c in cols if c != "id")
                    + ")"
                )
            marks = ", ".join("?" for _ in cols)
            con.executemany(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})",
                [[r.get(c) for c in cols] for r in got],
            )
            total += len(got)
        con.execute("COMMIT")
        elapsed = time.perf_counter() - started
        con.close()
        session.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
        path.unlink(missing_ok=True)
    return elapsed, total
