"""A slow evening does not turn into a retry storm: 100 devices (real stores and
``SyncClient``s) sync at once against a deliberately slowed server (four requests served
at a time, each held 100 ms, so the last in line waits longer than the clients' read
timeout). Every request is sent at most ``1 + retries`` times, retries stay a small part
of the traffic (exponential backoff with jitter), and once the evening is over every
device converges: all its writes applied, every device of a team holding the team's
shops (docs/deploy.md "Timeouts and retries")."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from client_harness import Device, LiveServer
from sync_harness import Server

from fieldapp.store import Store
from sync.client import VERIFY_CATCH_UP, SyncError

TEAMS, REPS, SHOPS = 10, 10, 1
RETRIES = 3


class Slowed:
    """ASGI wrapper: sync requests wait for one of ``slots`` places and are held
    ``delay`` seconds there before the app answers; with more than ``queue`` waiting, a
    request is refused at once with 503 ``busy`` and ``Retry-After: 1`` (shedding load,
    as head office does when its SQLite writers wait too long). While ``counting``,
    counts every attempt per device (token), and the requests served and refused."""

    def __init__(self, app: Any, slots: int, delay: float, queue: int) -> None:
        self.app = app
        self.delay = delay
        self.slots = slots
        self.queue = queue
        self.waiting = 0
        self.counting = False
        self._sem: asyncio.Semaphore | None = None
        self.lock = threading.Lock()
        self.attempts: Counter[str] = Counter()
        self.served = 0
        self.refused = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        paths = ("/v1/push", "/v1/pull", "/v1/verify")
        if scope["type"] != "http" or not scope["path"].startswith(paths):
            await self.app(scope, receive, send)
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        token = dict(scope["headers"]).get(b"authorization", b"").decode()
        if self.counting:
            with self.lock:
                self.attempts[token] += 1
        if self.delay:
            if self.waiting >= self.queue:
                self.refused += 1
                await _busy(send)
                return
            self.served += 1
            if self._sem is None:
                self._sem = asyncio.Semaphore(self.slots)
            self.waiting += 1
            try:
                async with self._sem:
                    await asyncio.sleep(self.delay)
            finally:
                self.waiting -= 1
        sent = False

        async def replay() -> Any:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _busy(send: Any) -> None:
    body = b'{"error": {"code": "busy", "message": "slowed", "field": null}}'
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", b"1"),
    ]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})


@pytest.fixture
def sqlite_server(tmp_path: Path) -> Iterator[Server]:
    s = Server(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        yield s
    finally:
        s.close()


@pytest.mark.slow
def test_a_hundred_devices_against_a_slow_server_converge_without_a_storm(
    sqlite_server: Server, tmp_path: Path
) -> None:
    server = sqlite_server
    app = server.app
    slowed = Slowed(app, slots=4, delay=0.0, queue=30)
    server.user("admin", "admin")
    admin = server.device("admin")
    county = str(uuid.uuid4())
    admin.push(admin.mut("counties", county, "insert", name="金水区", koc_target=50))
    names = []
    for t in range(TEAMS):
        server.team(f"T{t}")
        for r in range(REPS):
            names.append((f"T{t}", f"rep{t}-{r}"))
            server.user(names[-1][1], "rep", names[-1][0])
    server.app = slowed  # LiveServer serves server.app
    live = LiveServer(server)
    server.app = app
    template = tmp_path / "template.db"
    Store.open(template).close()  # a new store costs ~1 s; copies of one cost ~40 ms
    n = len(names)

    def evening_starts() -> None:
        slowed.delay, slowed.counting = 0.1, True

    def evening_ends() -> None:
        slowed.delay, slowed.counting = 0.0, False

    day_done = threading.Barrier(n, action=evening_starts, timeout=300)
    evening_done = threading.Barrier(n, action=evening_ends, timeout=300)
    later_done = threading.Barrier(n, timeout=300)
    one_login = threading.Lock()  # logins are not what this is about (throttled at once)
    failed: list[str] = []
    outcome: dict[int, tuple[set[str], set[str]]] = {}

    def device(i: int) -> None:  # one laptop, on its own thread (a store is per thread)
        path = tmp_path / f"dev{i}.db"
        shutil.copy(template, path)
        with sqlite3.connect(path) as c:  # each copy its own device id
            c.execute("DELETE FROM meta WHERE key = 'device_id'")
        with one_login:
            d = Device(live, path, names[i][1], retries=RETRIES, backoff=0.2, timeout=(5, 60))
        try:
            d.sync()  # the day's data, before the evening
            for k in range(SHOPS):
                d.store.shops.create(
                    name=f"店{k}", channel="convenience", tier="B", county_id=county,
                    rep_id=d.user_id,
                )  # fmt: skip
            day_done.wait()
            try:
                d.sync()  # the evening: all at once against the slowed server
            except SyncError as exc:  # gave up after its retries: tried again later
                failed.append(exc.code)
            evening_done.wait()
            d.sync()  # later, calm: what did not get through goes now
            later_done.wait()
            d.sync()  # and reaches every teammate
            outcome[i] = (set(d.outbox_states()), {s.id for s in d.store.shops.list()})
        finally:
            d.close()

    try:
        with ThreadPoolExecutor(n) as pool:
            done = [pool.submit(device, i) for i in range(n)]
            errors = [f.exception() for f in done]
    finally:
        live.stop()
    assert not any(errors), [e for e in errors if e][:3]
    print(
        f"evening: {sum(slowed.attempts.values())} requests, {slowed.served} served,"
        f" {slowed.refused} refused busy, {len(failed)} syncs gave up,"
        f" most from one device {max(slowed.attempts.values())}"
    )
    # Bounded per device: each request of a sync (push, pull, verify, its catch-ups and
    # a repair) is sent at most 1 + RETRIES times.
    per_sync = 2 + 2 * (1 + VERIFY_CATCH_UP) + 2
    assert max(slowed.attempts.values()) <= (1 + RETRIES) * per_sync
    # No storm: what the server did work for is about what a calm evening needs (a
    # push, a pull and a verify per device); retries met a cheap refusal instead.
    assert slowed.served <= 1.5 * 3 * n, (slowed.served, slowed.refused, failed)
    for i, (states, _) in outcome.items():
        assert states == {"applied"}, (i, states)
    for t in range(TEAMS):
        held = [outcome[i][1] for i, (tn, _) in enumerate(names) if tn == f"T{t}"]
        assert len(held[0]) == REPS * SHOPS
        assert all(h == held[0] for h in held)
