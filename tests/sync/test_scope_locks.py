"""No single lock for all teams, and still no skipped late commit (docs/sync-protocol.md
"Pull: why a cursor never skips a late commit").

PostgreSQL only: SQLite has one writer at a time by design (``BEGIN IMMEDIATE``).
A push of team A is held mid-transaction (after it drew a change sequence) by a row
lock another connection holds; meanwhile team B's push goes through, and a pull of
team A waits for A's push instead of answering past it.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from sync_harness import Device, Server, shop_fields

from sync import protocol as p
from sync.server import service
from sync.server.db import rows


def _caller(server: Server, dev: Device) -> service.Caller:
    return service.authenticate(server.engine, dev.token, server.clock())


def _push(server: Server, dev: Device, *muts: dict[str, Any]) -> p.PushResponse:
    req = p.PushRequest.model_validate({"device_id": dev.device_id, "mutations": list(muts)})
    return service.push(server.engine, _caller(server, dev), req, server.clock())


class _Run(threading.Thread):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__(daemon=True)
        self.work = work
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.work()
        except BaseException as exc:  # reported by the test
            self.error = exc


def _waiting(server: Server, what: str) -> bool:
    """Whether some backend waits on a lock of kind ``what`` (``transactionid``: a row;
    ``advisory``: a scope), within 10 s."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with server.engine.connect() as c:
            n = c.execute(
                sa.text(
                    "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity s ON s.pid = l.pid"
                    " WHERE NOT l.granted AND l.locktype = :t"
                    " AND s.datname = current_database()"
                ),
                {"t": what},
            ).scalar_one()
        if n:
            return True
        time.sleep(0.05)
    return False


def test_other_teams_push_past_a_push_in_flight_and_its_team_pulls_wait(
    server: Server, world: dict[str, Any], backend: str
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite has one writer at a time by design")
    a, b, sup_a = server.device("repA"), server.device("repB"), server.device("supA")
    held = str(uuid.uuid4())
    assert a.push(a.mut("shops", held, "insert", **shop_fields(world, "repA")))[0]["status"] == (
        "applied"
    )
    cursor = sup_a.pull(0)["cursor"]

    blocker = server.engine.connect()
    tx = blocker.begin()
    blocker.execute(
        sa.select(rows.c.row_id)
        .where(rows.c.table_name == "shops", rows.c.row_id == held)
        .with_for_update()
    )
    fresh = str(uuid.uuid4())
    push_a = _Run(
        lambda: _push(
            server,
            a,
            a.mut("shops", fresh, "insert", **shop_fields(world, "repA", name="新店")),
            a.mut("shops", held, "update", 0, notes="晚上八点"),  # waits for the row lock
        )
    )
    push_a.start()
    try:
        assert _waiting(server, "transactionid"), "team A's push never reached the row lock"

        other = str(uuid.uuid4())
        push_b = _Run(
            lambda: _push(server, b, b.mut("shops", other, "insert", **shop_fields(world, "repB")))
        )
        push_b.start()
        push_b.join(15)
        assert not push_b.is_alive(), "team B's push waited for team A's"
        assert push_b.error is None, push_b.error
        assert push_b.result.results[0].status == "applied"

        pull_a = _Run(lambda: service.pull(server.engine, _caller(server, sup_a), cursor, 500))
        pull_a.start()
        assert _waiting(server, "advisory"), "team A's pull did not wait for A's push"
        assert pull_a.is_alive()
    finally:
        tx.rollback()
        blocker.close()
    push_a.join(15)
    pull_a.join(15)
    assert push_a.error is None and pull_a.error is None, (push_a.error, pull_a.error)
    versions = {r.mutation_id: r.version for r in push_a.result.results}
    assert all(v > 0 for v in versions.values())
    page = pull_a.result
    got = {c["row_id"]: c["seq"] for c in page.changes}
    assert {fresh, held} <= set(got), got  # nothing of A's push skipped
    assert page.cursor >= max(versions.values())
