"""Erase while a push is in flight, with head office killed (SIGKILL) between applying the
push and answering it: a deterministic form of the chaos run's kills
(docs/guarantees.md). The rep's edit of a KOC's mobile is sent; head office commits the
edit and its stored answer, then the server process is killed before the device reads
the answer, and restarted. The rep erases the KOC in the app while the push is on its
way, or after it failed, before the next sync. The edit head office may hold is never
rewritten on the device (``sending``, or back to ``pending`` once sent): the device
re-pushes it, gets the stored answer, then sends the erase. Afterwards the erase holds
everywhere: no personal value at head office or on either device, the device and head
office agree on every (device, seq), a teammate's stale offline edit is refused
(``erased``) and nothing comes back. SQLite and PostgreSQL, the server as its own
process."""

from __future__ import annotations

import json
import threading
import time
import uuid
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import requests
import sqlalchemy as sa
from client_harness import Device, session_with
from requests.adapters import HTTPAdapter
from sync_harness import FAST_HASHER, PASSWORD
from test_chaos import ServerProcess

from sync.client import NetworkError
from sync.server import service
from sync.server.db import conflicts, make_engine, mutation_results, rows
from sync.server.migrate import upgrade_engine

MOBILE = "13912345678"
NEW_MOBILE = "13800001111"
NAME = "欧阳晓燕"


class KillAfterApply(HTTPAdapter):
    """Forwards requests. Armed, at the next push: runs ``before`` (the rep acting in
    the app while the push is on its way), sends the push, waits until head office has
    stored the answer of mutation ``seq``, SIGKILLs the server before the answer is
    read, restarts it and reports a lost connection."""

    def __init__(self, server: ServerProcess, engine: sa.Engine) -> None:
        super().__init__(max_retries=0)
        self.server = server
        self.engine = engine
        self.armed: tuple[str, int, Any] | None = None
        self.killed = False

    def _stored(self, device_id: str, seq: int) -> bool:
        with self.engine.connect() as c:
            return (
                c.execute(
                    sa.select(mutation_results.c.seq).where(
                        mutation_results.c.device_id == device_id,
                        mutation_results.c.seq == seq,
                    )
                ).first()
                is not None
            )

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        if self.armed is None or "/v1/push" not in (request.url or ""):
            return super().send(request, *args, **kwargs)
        device_id, seq, before = self.armed
        self.armed = None
        before()
        answer: list[Any] = []
        worker = threading.Thread(
            target=lambda: answer.append(
                _quiet(super(KillAfterApply, self).send, request, **kwargs)
            )
        )
        worker.start()
        deadline = time.monotonic() + 30
        while not self._stored(device_id, seq):
            assert time.monotonic() < deadline, "head office never applied the push"
            time.sleep(0.005)
        self.server.kill()  # applied and committed; the answer is never read
        worker.join(30)
        self.server.start()
        self.killed = True
        raise requests.ConnectionError("head office died before answering")


def _nothing() -> None:
    pass


def _quiet(send: Any, request: requests.PreparedRequest, **kwargs: Any) -> Any:
    try:
        return send(request, **kwargs)
    except requests.RequestException as exc:
        return exc


def _server_text(engine: sa.Engine) -> str:
    with engine.connect() as c:
        parts = [json.dumps(r.data, ensure_ascii=False) for r in c.execute(sa.select(rows))]
        parts += [
            json.dumps([r.winning_value, r.losing_value], ensure_ascii=False)
            for r in c.execute(sa.select(conflicts))
        ]
    return "\n".join(parts)


def _device_text(d: Device) -> str:
    db = d.store.db
    return "\n".join(
        json.dumps(dict(r), ensure_ascii=False, default=str)
        for table in ("kocs", "outbox", "conflicts")
        for r in db.query(f"SELECT * FROM {table}")
    )


def _stored_answers(engine: sa.Engine, device_id: str) -> dict[int, str]:
    with engine.connect() as c:
        return {
            r.seq: r.answer["status"]
            for r in c.execute(
                sa.select(mutation_results).where(mutation_results.c.device_id == device_id)
            )
        }


@pytest.mark.slow
@pytest.mark.parametrize("erase", ["during_the_push", "after_it_failed"])
def test_erase_while_a_push_is_in_flight_holds_when_head_office_dies_before_answering(
    db_url: str, tmp_path: Path, erase: str
) -> None:
    engine = make_engine(db_url)
    upgrade_engine(engine)
    now = time.time()
    team = service.create_team(engine, "team A", now)
    service.create_user(engine, "repA", "rep", team, PASSWORD, now, FAST_HASHER)
    county = str(uuid.uuid4())
    with engine.begin() as conn:
        service.system_upsert(
            conn, "counties", county, {"name": "金水区", "koc_target": 50}, None, now
        )
    server = ServerProcess(db_url, tmp_path / "photos", tmp_path / "server.log")
    server.start()
    devices: list[Device] = []
    try:
        live = SimpleNamespace(url=server.base)
        adapter = KillAfterApply(server, engine)
        d = Device(live, tmp_path / "a.db", "repA", session=session_with(adapter), retries=0)  # type: ignore[arg-type]
        mate = Device(live, tmp_path / "b.db", "repA", retries=0)  # type: ignore[arg-type]
        devices += [d, mate]
        d.sync()
        koc = d.store.kocs.create(name=NAME, county_id=county, mobile=MOBILE)
        assert d.sync().verified
        mate.sync()
        d.store.kocs.update(koc.id, mobile=NEW_MOBILE)
        (edit,) = [m for m in d.store.outbox.list() if m.state == "pending"]

        def erase_in_the_app() -> None:
            app = d.store.__class__.open(d.store.path)
            try:
                app.kocs.erase(koc.id)
            finally:
                app.close()

        during = erase == "during_the_push"
        adapter.armed = (d.store.device_id, edit.seq, erase_in_the_app if during else _nothing)
        with pytest.raises(NetworkError):
            d.sync()
        assert adapter.killed and server.kills == 1
        if not during:
            erase_in_the_app()
        assert _stored_answers(engine, d.store.device_id)[edit.seq] == "applied"
        (kept,) = [m for m in d.store.outbox.list() if m.seq == edit.seq]
        # Never rewritten: head office may hold it (and does).
        assert (kept.state, kept.changes) == ("pending", edit.changes)

        # The device re-pushes: the stored answer for the edit, then the erase.
        assert d.sync().verified
        mine = {m.seq: m.state for m in d.store.outbox.list()}
        assert mine == _stored_answers(engine, d.store.device_id), "device and head office agree"
        assert set(mine.values()) == {"applied"}
        with engine.connect() as c:
            data = c.execute(
                sa.select(rows.c.data).where(rows.c.table_name == "kocs", rows.c.row_id == koc.id)
            ).scalar_one()
        assert data["erased_at"] and data["mobile"] is None and data["name"] != NAME

        # A teammate's stale offline edit brings nothing back.
        mate.store.kocs.update(koc.id, mobile=NEW_MOBILE, notes="记得回访")
        assert mate.sync().verified
        (refused,) = [m for m in mate.store.outbox.list() if m.state == "rejected"]
        assert refused.error_code == "erased"
        assert d.sync().verified
        for text in (_server_text(engine), _device_text(d), _device_text(mate)):
            for personal in (NAME, MOBILE, NEW_MOBILE, "记得回访"):
                assert personal not in text, personal
        for each in (d, mate):
            got = each.store.kocs.get(koc.id)
            assert got.erased_at is not None and got.mobile is None
            assert each.store.check().ok
    finally:
        for each in devices:
            each.close()
        server.stop()
        engine.dispose()
