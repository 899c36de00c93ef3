"""Helpers for the sync benchmarks in ``benchmarks/run.py``: a live server, devices and
the raw baseline.

``SyncBench(demo_db)`` creates the real sync server's database (a SQLite file in a
temporary folder), a team, a rep and a supervisor with the service functions, loads the
demo store's rows into it, then serves it with ``fieldapp-server serve`` in its own
process on 127.0.0.1:<free port>: head office is another machine, so its work must not
share the device's interpreter lock. The raw baseline's server runs in its own process
too.

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
the server process and removes it.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, ClassVar

import requests
import sqlalchemy as sa
from argon2 import PasswordHasher

from fieldapp.demo.generator import TABLE_ORDER
from fieldapp.store import Store
from sync import protocol as p
from sync.client import MemoryTokenStore, SyncClient
from sync.server import service
from sync.server.app import create_app
from sync.server.db import change_log, rows, sync_counter

PASSWORD = "bench password"
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

    def __init__(self, args: list[str], health: str) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, *args, "--port", str(self.port)],
            cwd=ROOT,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
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
                raise RuntimeError("server did not answer within 60 s")
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

    def __init__(self, demo_db: Path) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="fieldapp-syncbench-")
        self.dir = Path(self._tmp.name)
        self.devices: list[Device] = []
        self.live: _Process | None = None
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
    rows_file = folder / "baseline-rows.json"
    rows_file.write_text(json.dumps(tables, ensure_ascii=False))
    server = _Process([__file__, "serve-baseline", str(rows_file)], "/healthz")
    path = folder / "baseline.db"
    path.unlink(missing_ok=True)
    try:
        url = server.url
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
        server.stop()
        path.unlink(missing_ok=True)
        rows_file.unlink(missing_ok=True)
    return elapsed, total


def _serve_baseline(argv: list[str]) -> None:
    """``sync_bench.py serve-baseline ROWS.json --port N``: the baseline's minimal server."""
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["serve-baseline"])
    parser.add_argument("rows", type=Path)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    handler = type("Handler", (_Handler,), {"tables": json.loads(args.rows.read_text())})
    http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler).serve_forever()


if __name__ == "__main__":
    _serve_baseline(sys.argv[1:])
