"""A pull into an empty store (``Replica.pulling``): indexes, verify-sum and search-index
triggers set aside while the rows arrive, rebuilt, recounted and refilled however the
pull ends."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from fieldapp.store import Store, replica, search
from fieldapp.store.replica import DEFERRED_SCHEMA, BadPage
from tests.conftest import T0, World

NOW = T0.isoformat()


def _shop(world: World, row_id: str, **fields: Any) -> dict[str, Any]:
    row = {
        "id": row_id,
        "created_at": NOW,
        "updated_at": NOW,
        "created_by": "u-server",
        "updated_by": "u-server",
        "deleted": False,
        "code": None,
        "name": "鑫旺便利店",
        "channel": "convenience",
        "tier": "B",
        "address": None,
        "county_id": world.county_id,
        "phone": None,
        "latitude": None,
        "longitude": None,
        "cloud_store": "none",
        "notes": None,
        "rep_id": None,
    }
    return row | fields


def _upsert(row: dict[str, Any], version: int, table: str = "shops") -> dict[str, Any]:
    return {"seq": version, "table": table, "row_id": row["id"], "op": "upsert",
            "version": version, "row": row | {"version": version}}  # fmt: skip


def _schema(store: Store) -> set[tuple[str, str, str]]:
    return {
        (r[0], r[1], r[2])
        for r in store.db.execute(
            "SELECT type, name, sql FROM sqlite_master"
            " WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
        )
    }


def _sums_triggers(store: Store) -> int:
    return sum(1 for _, name, _ in _schema(store) if "_sums_" in name)


def _search_index(store: Store, table: str = "shops") -> list[tuple[Any, ...]]:
    """The search index's rows (their columns, each with its row's rowid) and vocabulary."""
    rows = store.db.execute(
        f"SELECT s.* FROM {table}_search s JOIN {table} t ON t.rowid = s.rowid"
    ).fetchall()
    terms = store.db.execute(f"SELECT * FROM {table}_search_terms ORDER BY term").fetchall()
    return [*sorted(tuple(r) for r in rows), ("terms", *map(tuple, terms))]


def test_first_load_sets_the_schema_aside_and_builds_it_again_exactly(
    file_world: World,
) -> None:
    store = file_world.store
    before = _schema(store)
    with store.replica.pulling(0) as first:
        assert first
        during = _schema(store)
        assert _sums_triggers(store) == 0
        assert not any("_search_" in name for kind, name, _ in during if kind == "trigger")
        assert not any(kind == "index" and name == "shops_county" for kind, name, _ in during)
        assert store.replica.get_state(DEFERRED_SCHEMA)
        # Not set aside: the outbox's indexes (local writes go on meanwhile).
        assert {n for k, n, _ in during if k == "index"} >= {"outbox_state", "outbox_row"}
        page1 = [_upsert(_shop(file_world, f"s{i}", name=f"张伟{i}号店"), i) for i in range(1, 40)]
        store.replica.apply_page(page1, cursor=39)
        page2 = [
            _upsert(_shop(file_world, "s1", name="李娜超市"), 40),  # an update of a batched row
            {"seq": 41, "table": "shops", "row_id": "s2", "op": "left", "version": 41},
            _upsert(_shop(file_world, "s3", deleted=True), 42),  # a tombstone
            # A row that is not whole (an older server) takes the general path.
            _upsert({k: v for k, v in _shop(file_world, "s99").items() if k != "notes"}, 43),
        ]
        store.replica.apply_page(page2, cursor=43)
    assert _schema(store) == before
    assert store.replica.get_state(DEFERRED_SCHEMA) is None
    assert store.replica.checksums() == store.replica.checksums_by_rows()
    # s1…s39 and s99, less s2 that left; the tombstone s3 still counts.
    assert store.replica.checksums()["shops"][0] == 39
    assert store.replica.cursor() == 43
    assert [h.id for h in store.search.shops("lncs")] == ["s1"]
    assert {h.id for h in store.search.shops("zw1")} >= {"s10", "s11"}
    assert store.shops.find("s3") is None and store.shops.find("s99") is not None
    assert store.check().ok
    # The triggers are back: later changes move the sums again.
    store.replica.apply_page([_upsert(_shop(file_world, "s5", tier="A"), 50)], cursor=50)
    assert store.replica.checksums() == store.replica.checksums_by_rows()


def test_the_search_index_after_a_first_load_is_what_its_triggers_would_hold(
    tmp_path: Path, clock: Any
) -> None:
    from tests.conftest import _build_world

    stores = [Store.open(tmp_path / f"{name}.db", clock=clock) for name in ("first", "later")]
    try:
        worlds = [_build_world(store) for store in stores]
        for world in worlds:
            world.store.shops.create(name="本地新店", channel="other", county_id=world.county_id)
        for world, cursor in zip(worlds, (0, 5), strict=True):
            pages = [
                [
                    _upsert(_shop(world, f"s{i}", name=f"张伟{i}号店", phone="0371-6600123"), i)
                    for i in range(1, 30)
                ],
                [
                    _upsert(_shop(world, "s1", name="李娜超市", code="HN-001"), 40),
                    {"seq": 41, "table": "shops", "row_id": "s2", "op": "left", "version": 41},
                ],
            ]
            with world.store.replica.pulling(cursor) as is_first:
                assert is_first == (cursor == 0)
                for n, page in enumerate(pages):
                    world.store.replica.apply_page(page, cursor=cursor + n + 1)
        loaded, kept = (_search_index(world.store) for world in worlds)
        assert len(loaded) == 28 + 1 + 1  # s1…s29 less s2, the local shop, the terms
        assert loaded == kept
        assert {h.id for h in stores[0].search.shops("03716600123", limit=50)} >= {"s3", "s29"}
        assert [h.id for h in stores[0].search.shops("lncs")] == ["s1"]
        found = {h.id for h in stores[0].search.shops("2号店", limit=50)}
        assert "s2" not in found and "s12" in found  # s2 left: gone from the index too
    finally:
        for store in stores:
            store.close()


def test_only_a_pull_from_the_start_into_a_nearly_empty_store_is_a_first_load(
    file_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = file_world.store
    before = _schema(store)
    with store.replica.pulling(7) as first:  # a later pull
        assert not first
        assert _schema(store) == before
    rows = [_upsert(_shop(file_world, "s1"), 1), _upsert(_shop(file_world, "s2"), 2)]
    store.replica.apply_page(rows, 2)
    monkeypatch.setattr(replica, "BULK_LOAD_MAX_ROWS", 1)
    with store.replica.pulling(0) as first:  # a repair pull into a store with rows
        assert not first
        assert _schema(store) == before
    monkeypatch.setattr(replica, "BULK_LOAD_MAX_ROWS", 2)
    with store.replica.pulling(None) as first:  # never pulled, and few rows
        assert first
    assert _schema(store) == before


def test_a_bad_page_mid_first_load_keeps_the_pages_before_it(file_world: World) -> None:
    store = file_world.store
    before = _schema(store)
    broken = _upsert(_shop(file_world, "b1"), 30)
    del broken["row"]["name"]  # NOT NULL: fails while writing
    with pytest.raises(BadPage), store.replica.pulling(0):
        store.replica.apply_page([_upsert(_shop(file_world, "a1"), 10)], cursor=10)
        store.replica.apply_page([_upsert(_shop(file_world, "a2"), 20)], cursor=20)
        store.replica.apply_page([_upsert(_shop(file_world, "a3"), 25), broken], cursor=30)
    assert _schema(store) == before
    assert store.replica.cursor() == 20
    assert store.shops.find("a2") is not None and store.shops.find("a3") is None
    assert store.replica.checksums() == store.replica.checksums_by_rows()
    # The same store, reopened: the committed pages are on disk.
    path = store.db.conn.execute("PRAGMA database_list").fetchone()[2]
    with Store.open(path) as again:
        assert again.replica.cursor() == 20
        assert again.shops.find("a1") is not None


def test_pages_of_a_first_load_commit_in_groups_and_the_last_one_at_the_end(
    file_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = file_world.store
    monkeypatch.setattr(replica, "GROUP_ROWS", 3)
    path = store.db.conn.execute("PRAGMA database_list").fetchone()[2]
    with store.replica.pulling(0):
        for i in range(1, 5):
            store.replica.apply_page([_upsert(_shop(file_world, f"g{i}"), i)], cursor=i)
            with Store.open(path, migrate=False) as other:  # what another connection sees
                seen = other.replica.cursor()
            assert seen == (3 if i >= 3 else None)  # a group of three pages committed
    with Store.open(path, migrate=False) as other:
        assert other.replica.cursor() == 4


def test_an_error_that_ended_the_transaction_is_the_error_the_caller_sees(
    file_world: World,
) -> None:
    store = file_world.store
    before = _schema(store)
    with pytest.raises(RuntimeError, match="disk went away"), store.replica.pulling(0):
        store.replica.apply_page([_upsert(_shop(file_world, "x1"), 10)], cursor=10)
        store.db.conn.execute("ROLLBACK")  # as SQLite does on some I/O errors
        raise RuntimeError("disk went away")
    assert _schema(store) == before  # still rebuilt
    assert store.replica.cursor() is None and store.shops.find("x1") is None
    assert store.replica.checksums() == store.replica.checksums_by_rows()


_KILLED_MID_LOAD = """
import os, sys
from fieldapp.store import Store, replica
replica.GROUP_ROWS = 1  # every page commits at once
store = Store.open(sys.argv[1])
page = [{"seq": 1, "table": "counties", "row_id": "c-srv", "op": "upsert", "version": 1,
         "row": {"id": "c-srv", "created_at": "2026-11-24T08:00:00Z",
                 "updated_at": "2026-11-24T08:00:00Z", "created_by": None,
                 "updated_by": None, "deleted": False, "version": 1, "name": "惠济区",
                 "province": "河南省", "prefecture": "郑州市", "koc_target": 50}},
        {"seq": 2, "table": "shops", "row_id": "s-srv", "op": "upsert", "version": 2,
         "row": {"id": "s-srv", "created_at": "2026-11-24T08:00:00Z",
                 "updated_at": "2026-11-24T08:00:00Z", "created_by": None,
                 "updated_by": None, "deleted": False, "version": 2, "code": "HN-7",
                 "name": "鑫旺便利店", "channel": "convenience", "tier": "B", "address": None,
                 "county_id": "c-srv", "phone": None, "latitude": None, "longitude": None,
                 "cloud_store": "none", "notes": None, "rep_id": None, "opens_at": None,
                 "closes_at": None, "route_days": None, "visit_every_days": None}}]
with store.replica.pulling(0):
    store.replica.apply_page(page, cursor=1)
    os._exit(9)  # killed: the schema stays aside, recorded
"""


def test_a_process_killed_mid_first_load_gets_its_schema_back_at_the_next_open(
    tmp_path: Path,
) -> None:
    path = tmp_path / "killed.db"
    with Store.open(path) as fresh:
        before = _schema(fresh)
    code = textwrap.dedent(_KILLED_MID_LOAD)
    done = subprocess.run([sys.executable, "-c", code, str(path)], check=False)
    assert done.returncode == 9
    with Store.open(path, migrate=False) as untouched:  # as the kill left it
        assert untouched.replica.get_state(DEFERRED_SCHEMA)
        assert _sums_triggers(untouched) == 0
    with Store.open(path) as store:
        assert store.replica.get_state(DEFERRED_SCHEMA) is None
        assert _schema(store) == before
        assert store.replica.cursor() == 1
        assert store.replica.checksums()["counties"][0] == 1
        assert [h.id for h in store.search.shops("xwbld")] == ["s-srv"]  # the index refilled
        short = sorted(store.db.execute("SELECT frag, rank, shop FROM shops_short"))
        assert short and short == sorted(search.short_rows(store.db))  # and the short one
        assert store.replica.checksums() == store.replica.checksums_by_rows()


def test_the_killed_load_s_page_takes_the_whole_row_way() -> None:
    """The kill above lands in the way a first load's pages take (one insert per table,
    the sums from the rows as written): it is the page at risk."""
    start = _KILLED_MID_LOAD.index("page = ")
    page = ast.literal_eval(_KILLED_MID_LOAD[start + 7 : _KILLED_MID_LOAD.index("with store")])
    assert replica._whole_upserts(page)


def test_a_first_load_pauses_the_garbage_collector_and_always_gives_it_back(
    file_world: World,
) -> None:
    """The cyclic collector is off while a first load runs (Replica.pulling), on again
    after it, whether the load ends well or a page fails; a later pull leaves it alone,
    and so does a first load that finds it off already (whoever paused it resumes it)."""
    import gc

    store = file_world.store
    assert gc.isenabled()
    with pytest.raises(RuntimeError), store.replica.pulling(0) as first:
        assert first and not gc.isenabled()
        raise RuntimeError("the connection dropped mid-load")
    assert gc.isenabled()
    with store.replica.pulling(0) as first:
        assert first and not gc.isenabled()
        store.replica.apply_page([_upsert(_shop(file_world, "s1"), 1)], 1)
    assert gc.isenabled()
    with store.replica.pulling(1) as first:  # a later pull
        assert not first and gc.isenabled()
    gc.disable()
    try:
        with store.replica.pulling(0):
            pass
        assert not gc.isenabled()  # not this load's to resume
    finally:
        gc.enable()
