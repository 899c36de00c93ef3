"""A sync's verify reads the change log after the device's cursor, not the whole log.

Asked as ``SELECT DISTINCT table_name, row_id … WHERE seq > cursor``, SQLite walked every
change-log entry along the (table_name, row_id) index (0.7 s at 400,000 entries, on every
sync, even a no-op one). Counted in SQLite's virtual-machine steps (a progress handler),
not in seconds: the work must not grow with the log's length.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from sync import protocol as p
from sync.server.db import change_log, make_engine
from sync.server.migrate import upgrade_engine
from sync.server.service import Caller
from sync.server.service.pull import _changed_after

TEAM = "T1"


def _steps_after(engine: sa.Engine, caller: Caller, cursor: int) -> tuple[int, list[Any]]:
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.set_progress_handler(count, 100)  # called every 100 VM instructions
        try:
            found = _changed_after(conn, caller, cursor)
        finally:
            raw.set_progress_handler(None, 0)
    return steps, found


def _log(engine: sa.Engine, n: int, start: int = 1) -> None:
    tables = ["shops", "kocs", "visits", "interactions"]
    with engine.begin() as conn:
        conn.execute(
            change_log.insert(),
            [
                {
                    "seq": start + i,
                    "table_name": tables[i % 4],
                    "row_id": str(uuid.uuid4()),
                    "team_id": TEAM,
                    "op": "upsert",
                }
                for i in range(n)
            ],
        )


def test_verify_reads_only_the_entries_after_the_cursor(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/server.db")
    upgrade_engine(engine)
    caller = Caller("u1", "rep", "rep", TEAM, "d1")
    _log(engine, 2_000)
    small, found = _steps_after(engine, caller, 1_990)
    assert len(found) == 10
    _log(engine, 60_000, start=2_001)
    # the same 10 entries after a cursor, in a log 31 times as long
    large, found = _steps_after(engine, caller, 61_990)
    assert len(found) == 10
    assert large <= small * 3 + 20, (small, large)


def test_a_row_changed_many_times_counts_once_and_too_many_says_so(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/server.db")
    upgrade_engine(engine)
    caller = Caller("u1", "rep", "rep", TEAM, "d1")
    with engine.begin() as conn:
        conn.execute(
            change_log.insert(),
            [
                {"seq": s, "table_name": "shops", "row_id": "same", "team_id": TEAM, "op": "upsert"}
                for s in range(1, 6)
            ],
        )
    assert _changed_after_all(engine, caller, 0) == [("shops", "same")]
    _log(engine, p.MAX_VERIFY_CHANGED + 5, start=10)
    assert len(_changed_after_all(engine, caller, 0)) == p.MAX_VERIFY_CHANGED + 1


def _changed_after_all(engine: sa.Engine, caller: Caller, cursor: int) -> list[Any]:
    with engine.connect() as conn:
        return _changed_after(conn, caller, cursor)
