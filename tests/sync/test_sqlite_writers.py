"""SQLite: twenty pushes at once wait their turn instead of failing with "database is
locked" (sync/server/db.py: the writers of a process take turns on a lock of their own
before ``BEGIN IMMEDIATE``), and a writer that waited too long is answered 503 ``busy``
with ``Retry-After``, which the client honours."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sync_harness import Server

from sync import protocol as p
from sync.server import db, service


@pytest.fixture
def sqlite_server(tmp_path: Path) -> Iterator[Server]:
    s = Server(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        yield s
    finally:
        s.close()


def _shop(dev_seq: int, county: str, rep: str) -> p.MutationIn:
    return p.MutationIn.model_validate(
        {
            "mutation_id": str(uuid.uuid4()),
            "seq": dev_seq,
            "table": "shops",
            "row_id": str(uuid.uuid4()),
            "op": "insert",
            "changes": {
                k: {"old": None, "new": v}
                for k, v in {
                    "name": "鑫旺便利店",
                    "channel": "convenience",
                    "tier": "B",
                    "county_id": county,
                    "cloud_store": "none",
                    "rep_id": rep,
                }.items()
            },
            "base_version": 0,
            "created_at": "2026-12-07T10:00:00+00:00",
        }
    )


def test_twenty_pushes_at_once_all_land(sqlite_server: Server) -> None:
    server = sqlite_server

    # SQLite's own wait made short: a writer polling SQLite's lock gives up after 50 ms
    # ("database is locked"); one waiting on the process's writer lock does not.
    @event.listens_for(server.engine, "connect")
    def _short_busy(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA busy_timeout=50")

    server.engine.dispose()
    admin_id = server.user("admin", "admin")
    admin = server.device("admin")
    county = str(uuid.uuid4())
    admin.push(admin.mut("counties", county, "insert", name="金水区", koc_target=50))
    team = server.team("A")
    callers = []
    for i in range(20):
        uid = server.user(f"rep{i}", "rep", "A")
        dev = server.device(f"rep{i}")
        callers.append(service.Caller(uid, f"rep{i}", "rep", team, dev.device_id))
    assert admin_id

    start = threading.Barrier(len(callers))
    answers: dict[int, list[str]] = {}
    failures: list[BaseException] = []

    def push(i: int, caller: service.Caller) -> None:
        muts = [_shop(n + 1, county, caller.user_id) for n in range(30)]
        start.wait()
        try:
            res = service.push(
                server.engine,
                caller,
                p.PushRequest(device_id=caller.device_id, mutations=muts),
                server.clock(),
            )
            answers[i] = [r.status for r in res.results]
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=push, args=(i, c)) for i, c in enumerate(callers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not failures, failures[:3]
    assert len(answers) == 20
    assert all(s == ["applied"] * 30 for s in answers.values())


def test_a_writer_that_waited_too_long_is_told_to_come_back(
    sqlite_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = sqlite_server
    server.user("admin", "admin")
    dev = server.device("admin")
    monkeypatch.setattr(db, "WRITER_WAIT", 0.2)
    county = dev.mut("counties", str(uuid.uuid4()), "insert", name="金水区", koc_target=50)
    with server.engine.begin():  # another writer holds the turn (this thread)
        r = dev.push_raw(county)
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "busy"
    assert int(r.headers["Retry-After"]) >= 1
    assert dev.push(county)[0]["status"] == "applied"  # the turn is free again
