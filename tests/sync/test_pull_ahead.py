"""Pull pages made ahead (sync/server/prefetch.py): the page a device asks for next is
made while it takes the current one, and is exactly what a late request would get."""

from __future__ import annotations

import json
import threading
import uuid
from typing import Any

import pytest
from sync_harness import Server, shop_fields

from sync.server import prefetch, service
from sync.server.prefetch import Page, Prefetcher


def _latest(changes: list[dict[str, Any]]) -> dict[tuple[str, str], tuple[str, int]]:
    out: dict[tuple[str, str], tuple[str, int]] = {}
    for c in changes:
        out[(c["table"], c["row_id"])] = (c["op"], c["version"])
    return out


def test_changes_committed_between_pages_are_never_lost(
    server: Server, world: dict[str, Any]
) -> None:
    rep = server.device("repA")
    ids = [str(uuid.uuid4()) for _ in range(7)]
    for sid in ids:
        rep.push(rep.mut("shops", sid, "insert", **shop_fields(world, "repA")))
    sup = server.device("supA")
    got: list[dict[str, Any]] = []
    page = sup.pull(0, limit=3)
    got += page["changes"]
    assert page["more"] and len(server.app.state.prefetch) == 1  # the next one is made
    # While the supervisor's device works on page 1, the rep changes a row that the page
    # made ahead holds as it was, and adds one: both must still arrive.
    first_shop = ids[0]
    rep.push(rep.mut("shops", first_shop, base=10_000, name="改名店"))
    late = str(uuid.uuid4())
    rep.push(rep.mut("shops", late, "insert", **shop_fields(world, "repA")))
    cursor = page["cursor"]
    while page["more"]:
        page = sup.pull(cursor, limit=3)
        got += page["changes"]
        cursor = page["cursor"]
    assert _latest(got) == _latest(server.device("supA").pull_all(0, limit=1000))
    renamed = [c for c in got if c["row_id"] == first_shop]
    assert renamed[-1]["row"]["name"] == "改名店"
    assert late in {c["row_id"] for c in got}


def test_a_page_made_ahead_serves_only_the_same_caller_in_the_same_scope(
    server: Server, world: dict[str, Any]
) -> None:
    rep = server.device("repA")
    for _ in range(5):
        rep.push(rep.mut("shops", str(uuid.uuid4()), "insert", **shop_fields(world, "repA")))
    b = server.device("repB")
    b.push(b.mut("shops", str(uuid.uuid4()), "insert", **shop_fields(world, "repB")))
    page = rep.pull(0, limit=2)
    assert page["more"]
    # The rep moves to team B before asking for the page made ahead with team A's scope.
    service.move_user(server.engine, "repA", "B", server.clock())
    got = rep.pull(page["cursor"], limit=2)
    caller = service.Caller(world["repA"], "repA", "rep", world["B"], rep.device_id)
    fresh = service.pull(server.engine, caller, page["cursor"], 2)
    assert got == json.loads(fresh.to_json())
    # Another device of the same rep never gets a page made for the first one.
    other = server.device("repA")
    page = rep.pull(0, limit=2)
    mine = rep.pull(page["cursor"], limit=2)  # may come from the page made ahead
    theirs = other.pull(page["cursor"], limit=2)
    assert mine == theirs  # same user and scope: the same page, made separately
    assert len(server.app.state.prefetch) >= 1


def test_prefetcher_keys_lifetime_and_failures(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    ahead = Prefetcher(clock=lambda: now[0])
    key = ("dev-1", "rep", "A", 2, 10, 1000)
    page = Page(b"{}", 20, True)
    ahead.start(key, lambda: page)
    assert ahead.take(("dev-2", "rep", "A", 2, 10, 1000)) is None  # another device
    assert ahead.take(("dev-1", "rep", "B", 2, 10, 1000)) is None  # another team
    assert ahead.take(key) == page
    assert ahead.take(key) is None  # handed out once
    # Too old: dropped.
    ahead.start(key, lambda: page)
    now[0] += prefetch.TTL_SECONDS + 1
    assert ahead.take(key) is None
    # A page whose making failed is made again by the request (which sees the error).
    ahead.start(key, lambda: (_ for _ in ()).throw(RuntimeError("database gone")))
    assert ahead.take(key) is None
    # Bounded: the oldest page goes first.
    monkeypatch.setattr(prefetch, "MAX_PAGES", 2)
    for n in range(3):
        ahead.start(("dev", "rep", None, 2, n, 10), lambda: page)
    assert len(ahead) == 2
    assert ahead.take(("dev", "rep", None, 2, 0, 10)) is None
    # A request that arrives while its page is being made waits for it.
    gate = threading.Event()

    def slow() -> Page:
        gate.wait(5)
        return page

    ahead.start(key, slow)
    threading.Timer(0.05, gate.set).start()
    assert ahead.take(key) == page
    ahead.close()
