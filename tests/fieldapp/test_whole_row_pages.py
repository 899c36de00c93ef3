"""Pages of whole new rows (what head office sends, and all a first load holds) take
``Replica.apply_page``'s quick way: checked in a few passes and inserted per table in
one statement. Whatever the quick way cannot take (a row that exists already or comes
twice, a broken row, a row with local changes waiting) goes the general way
with the same outcome as before: nothing is written twice, nothing silently dropped."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldapp.kinds import row_hash
from fieldapp.store import Store, sums
from fieldapp.store.replica import SYNCED_TABLES, BadPage
from tests.conftest import Maker, World, _build_world
from tests.fieldapp.test_replica import _server_shop


def _whole_shop(world: World, row_id: str, version: int, **fields: Any) -> dict[str, Any]:
    """test_replica's server shop with every synced column (the rest None)."""
    base = _server_shop(world, row_id, version=version, visit_every_days=14)
    return dict.fromkeys(SYNCED_TABLES["shops"]) | base | fields


def _upsert(row: dict[str, Any]) -> dict[str, Any]:
    return {"seq": row["version"], "table": "shops", "row_id": row["id"], "op": "upsert",
            "version": row["version"], "row": row}  # fmt: skip


def _shop(store: Store, row_id: str) -> dict[str, Any] | None:
    return next(store.db.query("SELECT * FROM shops WHERE id = ?", [row_id]), None)


def test_whole_new_rows_are_written_with_search_columns_and_sums(world: World) -> None:
    store = world.store
    page = [_upsert(_whole_shop(world, f"w{i}", 3 + i, name=f"张伟{i}号店")) for i in range(5)]
    result = store.replica.apply_page(page, cursor=7)
    assert result.upserted == 5
    got = _shop(store, "w2")
    assert got is not None and (got["name"], got["version"], got["deleted"]) == ("张伟2号店", 5, 0)
    assert got["search_initials"].startswith("zw")
    assert store.replica.cursor() == 7
    assert store.replica.checksums() == store.replica.checksums_by_rows()


def test_a_row_already_here_goes_the_general_way(world: World, make: Maker) -> None:
    store = world.store
    shop = make.shop(notes="mine")
    sent = store.replica.mark_sending()
    store.replica.record_answers(
        [{"seq": m.seq, "mutation_id": m.mutation_id, "status": "applied", "version": 8}
         for m in sent]
    )  # fmt: skip
    older = _upsert(_whole_shop(world, shop.id, 6))
    new = _upsert(_whole_shop(world, "n1", 7))
    result = store.replica.apply_page([new, older], cursor=7)
    assert result.stale == [("shops", shop.id)] and result.upserted == 1
    assert _shop(store, shop.id)["notes"] == "mine"  # type: ignore[index]
    assert _shop(store, "n1") is not None
    newer = _upsert(_whole_shop(world, shop.id, 9, notes="theirs"))
    assert store.replica.apply_page([newer], cursor=9).upserted == 1
    assert _shop(store, shop.id)["notes"] == "theirs"  # type: ignore[index]
    assert store.replica.checksums() == store.replica.checksums_by_rows()


def test_a_row_twice_in_a_page_ends_as_its_last_change(world: World) -> None:
    store = world.store
    page = [
        _upsert(_whole_shop(world, "t1", 3, name="甲店")),
        _upsert(_whole_shop(world, "t1", 4, name="乙店")),
    ]
    assert store.replica.apply_page(page, cursor=4).upserted == 2
    got = _shop(store, "t1")
    assert got is not None and (got["name"], got["version"]) == ("乙店", 4)


def test_a_broken_row_is_named_and_nothing_is_written(world: World) -> None:
    store = world.store
    store.replica.apply_page([_upsert(_whole_shop(world, "c1", 3))], cursor=3)
    broken = [_upsert(_whole_shop(world, "c4", 6)), _upsert(_whole_shop(world, "c5", 7, name=None))]
    with pytest.raises(BadPage) as info:
        store.replica.apply_page(broken, cursor=7)
    assert (info.value.code, info.value.index, info.value.row_id) == ("constraint", 1, "c5")
    assert [_shop(store, r) for r in ("c4", "c5")] == [None] * 2
    assert store.replica.cursor() == 3


def test_a_row_whose_version_differs_from_its_change_is_written_as_before(world: World) -> None:
    store = world.store
    change = _upsert(_whole_shop(world, "v1", 3)) | {"version": 5}
    assert store.replica.apply_page([change], cursor=5).upserted == 1
    assert _shop(store, "v1")["version"] == 5  # type: ignore[index]


def test_a_row_with_local_changes_waiting_keeps_them(world: World, make: Maker) -> None:
    store = world.store
    shop = make.shop(notes="mine")
    sent = store.replica.mark_sending()
    store.replica.record_answers(
        [{"seq": m.seq, "mutation_id": m.mutation_id, "status": "applied", "version": 2}
         for m in sent]
    )  # fmt: skip
    store.shops.update(shop.id, notes="local")
    page = [_upsert(_whole_shop(world, shop.id, 3, notes="theirs", tier="A"))]
    assert store.replica.apply_page(page, cursor=3).upserted == 1
    got = _shop(store, shop.id)
    assert got is not None and (got["notes"], got["tier"]) == ("local", "A")


def test_unreadable_values_are_mended_and_kept_aside_on_the_quick_way(world: World) -> None:
    store = world.store
    page = [
        _upsert(_whole_shop(world, "q1", 3)),
        _upsert(_whole_shop(world, "q2", 4, name="坏\x00名", notes="ok")),
    ]
    assert store.replica.apply_page(page, cursor=4).upserted == 2
    got = _shop(store, "q2")
    assert got is not None and got["name"] == "坏\ufffd名"
    kept = store.replica.quarantined()
    assert [(q.table, q.row_id, q.field) for q in kept] == [("shops", "q2", "name")]


# ---------------------------------------------------------------------------- first loads


@pytest.fixture
def file_world(tmp_path: Path) -> Iterator[World]:
    store = Store.open(tmp_path / "device.db", photos_dir=tmp_path / "photos")
    try:
        yield _build_world(store)
    finally:
        store.close()


def _recounted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    recount = sums.recount

    def counting(db: Any, table: str) -> tuple[int, int]:
        calls.append(table)
        return recount(db, table)

    monkeypatch.setattr(sums, "recount", counting)
    return calls


def _sums_are_the_rows(store: Store) -> None:
    assert store.replica.checksums() == store.replica.checksums_by_rows()
    for table in SYNCED_TABLES:
        sql, columns = sums._select(store.db, table)
        rows = store.db.execute(sql + " WHERE version > 0").fetchall()
        want = {r[0]: row_hash(r[0], r[1], r[2], zip(columns, r[3:], strict=True)) for r in rows}
        kept = dict(sums.all_hashes(store.db, table))
        assert kept == want, table


def _load(store: Store, pages: list[list[dict[str, Any]]], between: Any = None) -> None:
    with store.replica.pulling(0) as first:
        assert first
        if between is not None:
            between()
        for n, page in enumerate(pages):
            store.replica.apply_page(page, cursor=n + 1)


def test_a_first_load_sets_the_sums_from_the_rows_it_wrote(
    file_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = file_world.store
    pages = [
        [_upsert(_whole_shop(file_world, f"s{p}-{i}", 3, latitude=34.75, notes="备注"))
         for i in range(20)]
        for p in range(3)
    ]  # fmt: skip
    recounted = _recounted(monkeypatch)
    _load(store, pages)
    assert recounted == []  # every table's sums set from the hashes of what was written
    assert store.replica.checksums()["shops"][0] == 60
    _sums_are_the_rows(store)


def test_a_value_its_column_turns_into_another_gets_its_table_recounted(
    file_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An integer in a REAL column comes back as a float (alike only up to 2**53), a
    number in a TEXT column as text: that table is recounted from its rows."""
    store = file_world.store
    pages = [
        [_upsert(_whole_shop(file_world, "i1", 3, latitude=2**60 + 1))],
        [_upsert(_whole_shop(file_world, "i2", 4, notes=7))],
    ]
    recounted = _recounted(monkeypatch)
    _load(store, pages)
    assert recounted == ["shops"]
    _sums_are_the_rows(store)


def test_a_write_from_another_connection_during_a_first_load_is_counted(
    file_world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = file_world.store
    pages = [[_upsert(_whole_shop(file_world, "o1", 3))]]

    def other_writer() -> None:  # no trigger logs it while the load runs
        con = sqlite3.connect(tmp_path / "device.db")
        with con:
            con.execute("UPDATE counties SET version = 7 WHERE id = ?", [file_world.county_id])
        con.close()

    recounted = _recounted(monkeypatch)
    _load(store, pages, between=other_writer)
    assert "counties" in recounted
    assert store.replica.checksums()["counties"][0] == 1
    _sums_are_the_rows(store)


def test_a_page_that_goes_the_general_way_gets_every_table_recounted(
    file_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = file_world.store
    pages = [
        [_upsert(_whole_shop(file_world, "g1", 3))],
        [_upsert(_whole_shop(file_world, "g1", 4, name="又改名"))],  # exists: general way
    ]
    recounted = _recounted(monkeypatch)
    _load(store, pages)
    assert "shops" in recounted
    _sums_are_the_rows(store)
