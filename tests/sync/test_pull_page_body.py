"""A pull page's body is written around each row's stored JSON text
(``service.pull.PullPage.to_json``) and its entries are read from a window of the change
log first: the body must still be exactly the page's changes, for every caller, schema
and page size, and a window entry that is not the caller's must not change the page."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pydantic_core
import sqlalchemy as sa
from sync_harness import Server, shop_fields

from sync import protocol as p
from sync.server import service
from sync.server.db import rows


def _pages(
    server: Server, caller: service.Caller, limit: int, schema: int
) -> list[service.PullPage]:
    out = []
    cursor = 0
    while True:
        page = service.pull(server.engine, caller, cursor, limit, schema=schema)
        out.append(page)
        if not page.more:
            return out
        cursor = page.cursor


def _body(page: service.PullPage) -> Any:
    """What the page's body was before it was written around the stored text."""
    whole = {"changes": page.changes, "cursor": page.cursor, "more": page.more}
    return json.loads(pydantic_core.to_json(whole))


def test_the_body_is_the_pages_changes_for_every_caller_and_schema(
    server: Server, world: dict[str, Any]
) -> None:
    rep = server.device("repA")
    ids = [str(uuid.uuid4()) for _ in range(6)]
    for i, sid in enumerate(ids):
        fields = shop_fields(world, "repA")
        fields["name"] = [
            "张记\\面馆",
            'Tom "的" 店',
            "NaN 小卖部",
            "Infinity 超市",
            "Café 店",
            "店",
        ][i]
        rep.push(rep.mut("shops", sid, "insert", **fields))
    # Stored texts of other shapes: spaces around the object, an empty object.
    padded = "' ' || CAST(data AS TEXT) || ' '"
    if server.engine.dialect.name == "postgresql":
        padded = f"CAST({padded} AS JSON)"
    with server.engine.begin() as conn:
        conn.execute(
            sa.update(rows).where(rows.c.row_id == ids[0]).values(data=sa.literal_column(padded))
        )
    # A rep who leaves team A: team A's devices get a "left" entry with the person.
    service.move_user(server.engine, "repB", "A", server.clock())
    service.move_user(server.engine, "repB", "B", server.clock())
    callers = [
        service.Caller(world["repA"], "repA", "rep", world["A"], "d1"),
        service.Caller(world["supA"], "supA", "supervisor", world["A"], "d2"),
        service.Caller(world["admin"], "admin", "admin", None, "d3"),
    ]
    seen = 0
    for caller in callers:
        for schema in p.SUPPORTED_SCHEMAS:
            for limit in (1, 2, 1000):
                for page in _pages(server, caller, limit, schema):
                    assert json.loads(page.to_json()) == _body(page)
                    seen += len(page.changes)
    assert seen
    names = {
        c["row"]["name"]
        for page in _pages(server, callers[1], 1000, p.SCHEMA_VERSION)
        for c in page.changes
        if c["table"] == "shops"
    }
    assert "张记\\面馆" in names and 'Tom "的" 店' in names and "NaN 小卖部" in names


def test_an_entry_of_the_window_that_is_not_the_callers_leaves_the_page_as_it_was(
    server: Server, world: dict[str, Any]
) -> None:
    rep = server.device("repA")
    for _ in range(4):
        rep.push(rep.mut("shops", str(uuid.uuid4()), "insert", **shop_fields(world, "repA")))
    caller = service.Caller(world["repA"], "repA", "rep", world["A"], "d1")
    before = [c for page in _pages(server, caller, 2, p.SCHEMA_VERSION) for c in page.changes]
    # An entry under the rep's personal key whose row is now another team's (an own
    # upsert the rep may no longer read): in the window, not on the page.
    other = str(uuid.uuid4())
    b = server.device("repB")
    b.push(b.mut("shops", other, "insert", **shop_fields(world, "repB")))
    with server.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE change_log SET team_id = :key WHERE row_id = :row_id"),
            {"key": service.personal_key(world["repA"]), "row_id": other},
        )
    for limit in (1, 2, 3, 1000):
        after = [
            c for page in _pages(server, caller, limit, p.SCHEMA_VERSION) for c in page.changes
        ]
        assert [c["row_id"] for c in after] == [c["row_id"] for c in before]
