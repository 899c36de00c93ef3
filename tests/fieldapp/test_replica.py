"""The store side of sync (``store.replica``): push bookkeeping, pulled pages, verify, conflicts."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlite_utils import Database

from fieldapp.errors import NotFound, ValidationError
from fieldapp.kinds import META_FIELDS as META
from fieldapp.store import Store, migrations
from fieldapp.store.replica import SYNCED_TABLES, BadAnswer, BadPage
from tests.conftest import T0, Maker, World

NOW = T0.isoformat()


def _answer(m: Any, status: str = "applied", version: int = 1, **extra: Any) -> dict[str, Any]:
    return {"seq": m.seq, "mutation_id": m.mutation_id, "status": status, "version": version} | (
        extra
    )


def _push_all(store: Store, version: int = 1) -> None:
    """Push every pending mutation and answer each one applied."""
    sent = store.replica.mark_sending()
    store.replica.record_answers(_answer(m, version=version) for m in sent)


def _server_shop(world: World, row_id: str, **fields: Any) -> dict[str, Any]:
    row = {
        "id": row_id,
        "created_at": NOW,
        "updated_at": NOW,
        "created_by": "u-server",
        "updated_by": "u-server",
        "deleted": False,
        "name": "鑫旺便利店",
        "channel": "convenience",
        "tier": "B",
        "county_id": world.county_id,
        "cloud_store": "none",
    }
    return row | fields


def _upsert(table: str, row: dict[str, Any], version: int) -> dict[str, Any]:
    return {"seq": version, "table": table, "row_id": row["id"], "op": "upsert", "version": version,
            "row": row | {"version": version}}  # fmt: skip


def _raw(store: Store, table: str, row_id: str) -> dict[str, Any] | None:
    return next(store.db.query(f"SELECT * FROM {table} WHERE id = ?", [row_id]), None)


# ---------------------------------------------------------------------------- migration


def test_migration_0002_creates_conflicts_and_sync_state() -> None:
    store = Store.open(":memory:")
    cols = {c.name for c in store.db.utils["conflicts"].columns}
    assert {"id", "version", "deleted", "kept_value", "lost_seq", "resolved", "resolution"} <= cols
    assert {c.name for c in store.db.utils["sync_state"].columns} == {"key", "value"}
    assert store.replica.cursor() is None
    assert store.replica.checksums()["conflicts"] == (0, 0)


def test_migration_0002_from_a_0001_store_keeps_data_and_outbox(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.migration_set().apply(db, stop_before="0002_sync_state")
    assert "sync_state" not in db.table_names()
    db.close()
    # Today's code writes into the 0001 tables: only tables no later migration changed
    # (shops gained columns in 0016).
    with Store.open(path, migrate=False) as old:
        county = old.counties.create(name="金水区")
        shop = old.products.create(name="老酒")
    with Store.open(path) as store:
        assert store.schema_version == migrations.SCHEMA_VERSION
        assert store.products.get(shop.id).name == "老酒"
        assert store.outbox.count(state="pending") == 2
        sent = store.replica.mark_sending()
        assert [m.row_id for m in sent] == [county.id, shop.id]
        assert store.check().ok


# ---------------------------------------------------------------------------- push


def test_mark_sending_record_answers_requeue_round_trip(store: Store, make: Maker) -> None:
    _push_all(store)
    a, b, c = make.shop(name="甲店"), make.shop(name="乙店"), make.shop(name="丙店")
    sent = store.replica.mark_sending(limit=2)
    assert [m.row_id for m in sent] == [a.id, b.id]
    assert [m.state for m in sent] == ["sending", "sending"]
    assert sent[0].seq < sent[1].seq
    # An edit of a row being sent gets its own mutation, not folded into the sent one.
    store.shops.update(b.id, notes="while sending")
    assert store.outbox.list(row_id=b.id)[-1].state == "pending"
    # Answer only the first: the second goes back to pending.
    store.replica.record_answers([_answer(sent[0], version=41)])
    assert store.outbox.list(row_id=a.id)[0].state == "applied"
    assert store.outbox.list(row_id=a.id)[0].result["version"] == 41  # type: ignore[index]
    assert store.shops.get(a.id).version == 41
    assert store.shops.get(b.id).version == 0
    assert [m.row_id for m in store.outbox.pending()] == [b.id, c.id, b.id]
    assert store.outbox.count(state="sending") == 0
    # A failed push: everything goes back, nothing lost, order kept.
    again = store.replica.mark_sending()
    assert [m.seq for m in again] == [m.seq for m in store.outbox.list(state="sending")]
    assert store.replica.requeue_sending() == 3
    assert [m.state for m in store.outbox.pending()] == ["pending"] * 3


def test_rejected_answer_keeps_mutation_and_later_ones_are_answered(
    store: Store, make: Maker
) -> None:
    _push_all(store)
    a, b = make.shop(name="甲店"), make.shop(name="乙店")
    store.shops.update(a.id, notes="x")
    sent = store.replica.mark_sending()
    assert len(sent) == 3
    store.replica.record_answers(
        [
            _answer(sent[0], "rejected", 0, error={"code": "out_of_scope", "field": "county_id"}),
            _answer(sent[1], "applied", 7),
            _answer(sent[2], "conflict", 8, conflict_id="c1"),
        ]
    )
    rejected = store.outbox.list(state="rejected")
    assert [(m.seq, m.error_code) for m in rejected] == [(sent[0].seq, "out_of_scope")]
    assert rejected[0].result["error"]["field"] == "county_id"  # type: ignore[index]
    assert store.shops.get(a.id).version == 8  # the conflict answer sets the version too
    assert store.shops.get(b.id).version == 7
    assert store.outbox.count(state="applied") >= 1
    assert store.outbox.count(state="conflict") == 1
    assert store.outbox.pending() == []


def test_an_answer_never_lowers_a_newer_pulled_version(world: World, make: Maker) -> None:
    store = world.store
    _push_all(store)
    shop = make.shop()
    sent = store.replica.mark_sending()
    store.replica.apply_page([_upsert("shops", _server_shop(world, shop.id), 9)], cursor=9)
    store.replica.record_answers([_answer(sent[0], version=7)])
    assert store.shops.get(shop.id).version == 9


def test_bad_answer_records_nothing(store: Store, make: Maker) -> None:
    _push_all(store)
    make.shop()
    sent = store.replica.mark_sending()
    with pytest.raises(BadAnswer):
        store.replica.record_answers([_answer(sent[0]) | {"mutation_id": "someone-else"}])
    with pytest.raises(BadAnswer):
        store.replica.record_answers([_answer(sent[0], "ok")])
    assert store.outbox.list(state="sending") == sent
    # A replayed answer for something already answered changes nothing.
    store.replica.record_answers([_answer(sent[0], version=3)])
    store.replica.record_answers([_answer(sent[0], "rejected", version=9)])
    assert store.outbox.list(row_id=sent[0].row_id)[0].state == "applied"


# ---------------------------------------------------------------------------- pull


def test_apply_page_inserts_updates_and_leaves_without_outbox(world: World) -> None:
    store = world.store
    _push_all(store)
    before = store.outbox.count()
    row = _server_shop(world, "srv-1", name="张伟烟酒店", code="HN-9")
    result = store.replica.apply_page([_upsert("shops", row, 5)], cursor=5)
    assert result.upserted == 1
    shop = store.shops.get("srv-1")
    assert (shop.name, shop.version, shop.created_by) == ("张伟烟酒店", 5, "u-server")
    assert [h.id for h in store.search.shops("zw")] == ["srv-1"]
    assert store.replica.cursor() == 5
    # Update: name changes, search follows.
    row2 = row | {"name": "李娜超市", "tier": "A", "updated_by": "u-other"}
    store.replica.apply_page([_upsert("shops", row2, 9)], cursor=9)
    shop = store.shops.get("srv-1")
    assert (shop.name, shop.tier, shop.version, shop.updated_by) == ("李娜超市", "A", 9, "u-other")
    assert store.search.shops("zw") == []
    assert [h.id for h in store.search.shops("ln")] == ["srv-1"]
    # A tombstone from the server.
    store.replica.apply_page([_upsert("shops", row2 | {"deleted": True}, 10)], cursor=10)
    assert store.shops.find("srv-1") is None
    assert store.shops.find("srv-1", include_deleted=True) is not None
    # Left the scope: removed locally for good.
    left = {"seq": 11, "table": "shops", "row_id": "srv-1", "op": "left", "version": 11}
    assert store.replica.apply_page([left], cursor="11").removed == 1
    assert _raw(store, "shops", "srv-1") is None
    assert store.replica.cursor() == "11"
    assert store.outbox.count() == before


def test_failure_mid_page_leaves_rows_and_cursor_unchanged(world: World) -> None:
    store = world.store
    store.replica.apply_page([_upsert("shops", _server_shop(world, "s1"), 3)], cursor=3)
    good = _upsert("shops", _server_shop(world, "s1", name="改名店"), 4)
    new = _upsert("shops", _server_shop(world, "s2"), 4)
    broken = _upsert("shops", _server_shop(world, "s3"), 5)
    del broken["row"]["name"]  # NOT NULL: fails while writing, after good and new
    with pytest.raises(BadPage) as info:
        store.replica.apply_page([good, new, broken], cursor=5)
    assert (info.value.code, info.value.index, info.value.row_id) == ("constraint", 2, "s3")
    assert store.shops.get("s1").name == "鑫旺便利店"
    assert store.shops.find("s2") is None
    assert store.replica.cursor() == 3
    # Unknown tables and fields are refused before anything is written.
    for bad, code in [
        ({**new, "table": "secrets"}, "unknown_table"),
        ({**new, "row": {**new["row"], "hacked": 1}}, "unknown_field"),
        ({**new, "op": "merge"}, "unknown_op"),
        ({**new, "row": {**new["row"], "id": "other"}}, "invalid_change"),
    ]:
        with pytest.raises(BadPage) as info:
            store.replica.apply_page([good, bad], cursor=6)
        assert info.value.code == code
        assert store.shops.get("s1").name == "鑫旺便利店"
        assert store.replica.cursor() == 3


def test_a_row_twice_in_one_page_ends_as_its_last_change(world: World) -> None:
    """New rows are batched; a row met again in the same page still ends as its last change."""
    store = world.store
    left = {"seq": 9, "table": "shops", "row_id": "t1", "op": "left", "version": 9}
    page = [
        _upsert("shops", _server_shop(world, "t1"), 3),
        _upsert("shops", _server_shop(world, "t2", name="乙店"), 4),
        _upsert("shops", _server_shop(world, "t2", name="乙店二"), 6),
        left,
        _upsert("shops", _server_shop(world, "t3"), 7),
    ]
    result = store.replica.apply_page(page, cursor=9)
    assert (result.upserted, result.removed) == (4, 1)
    assert _raw(store, "shops", "t1") is None
    assert store.shops.get("t2").name == "乙店二" and store.shops.get("t2").version == 6
    assert store.shops.get("t3").version == 7
    hits = store.search.shops("xwbld")  # derived search columns written for batched rows
    assert [h.id for h in hits] == ["t3"]
    assert store.replica.checksums() == store.replica.checksums_by_rows()


def test_a_code_freed_later_in_the_log_does_not_block_the_pull(world: World) -> None:
    """Head office keeps shop codes unique, but its log holds only a row's latest change:
    a page may bring a shop with a code before the change that freed that code on another
    shop. The page applies; once all is pulled, the codes are unique again."""
    store = world.store
    store.replica.apply_page([_upsert("shops", _server_shop(world, "s1", code="HN-1"), 3)], 3)
    page = [
        _upsert("shops", _server_shop(world, "s2", code="hn-1"), 5),
        _upsert("shops", _server_shop(world, "s1", code="HN-2"), 6),
    ]
    assert store.replica.apply_page(page, cursor=6).upserted == 2
    assert (store.shops.get("s1").code, store.shops.get("s2").code) == ("HN-2", "hn-1")
    assert store.check().ok
    # Local writes still refuse a live code, whatever its case.
    with pytest.raises(ValidationError) as info:
        store.shops.update("s1", code="HN-1")
    assert info.value.errors[0].code == "duplicate"


def test_pull_keeps_fields_with_pending_local_edits(world: World, make: Maker) -> None:
    store = world.store
    shop = make.shop(name="鑫旺便利店", notes="old")
    _push_all(store, version=2)
    store.shops.update(shop.id, notes="local note")
    server = _server_shop(world, shop.id, notes="server note", tier="A", name="张伟店")
    store.replica.apply_page([_upsert("shops", server, 3)], cursor=3)
    got = store.shops.get(shop.id)
    assert (got.notes, got.tier, got.name, got.version) == ("local note", "A", "张伟店", 3)
    assert got.updated_by == world.rep_id  # the unpushed local edit is the newest word
    assert [h.id for h in store.search.shops("zwd")] == [shop.id]
    # Still protected while being sent.
    sent = store.replica.mark_sending()
    store.replica.apply_page([_upsert("shops", server | {"tier": "C"}, 4)], cursor=4)
    got = store.shops.get(shop.id)
    assert (got.notes, got.tier) == ("local note", "C")
    # Once answered, the next pull overwrites normally.
    store.replica.record_answers([_answer(m, version=5) for m in sent])
    store.replica.apply_page([_upsert("shops", server | {"notes": "later"}, 6)], cursor=6)
    assert store.shops.get(shop.id).notes == "later"
    assert store.shops.get(shop.id).updated_by == "u-server"
    # The mutation still carries the version it was based on.
    assert store.outbox.list(row_id=shop.id)[-1].base_version == 2


def test_stale_page_does_not_move_a_row_backwards(world: World, make: Maker) -> None:
    store = world.store
    shop = make.shop(notes="mine")
    _push_all(store, version=8)
    result = store.replica.apply_page([_upsert("shops", _server_shop(world, shop.id), 6)], 6)
    assert result.stale == [("shops", shop.id)]
    assert store.shops.get(shop.id).notes == "mine"
    assert store.shops.get(shop.id).version == 8
    assert store.replica.cursor() == 6


def test_left_keeps_a_row_with_pending_edits_until_answered(world: World, make: Maker) -> None:
    store = world.store
    shop = make.shop()
    _push_all(store)
    store.shops.update(shop.id, notes="offline edit")
    left = {"seq": 4, "table": "shops", "row_id": shop.id, "op": "left", "version": 4}
    result = store.replica.apply_page([left], cursor=4)
    assert result.kept_left == [("shops", shop.id)]
    assert store.shops.get(shop.id).notes == "offline edit"
    assert json.loads(store.replica.get_state("left_kept") or "[]") == [["shops", shop.id]]
    sent = store.replica.mark_sending()
    store.replica.record_answers([_answer(m, "rejected", 0) for m in sent])
    assert _raw(store, "shops", shop.id) is None
    assert store.replica.get_state("left_kept") is None
    assert len(store.outbox.list(state="rejected")) == 1  # the edit is still there to show


# ---------------------------------------------------------------------------- verify


def test_checksums_match_a_hand_computation_and_follow_versions(world: World) -> None:
    store = world.store
    assert store.replica.checksums()["shops"] == (0, 0)  # version 0 rows do not count
    store.replica.apply_page(
        [
            _upsert("shops", _server_shop(world, "a"), 3),
            _upsert("shops", _server_shop(world, "b", deleted=True), 4),
        ],
        cursor=4,
    )

    def part(row_id: str, version: int, **fields: Any) -> int:
        """sha256 of the id, version, deleted flag and every synced field, by hand."""
        row = _server_shop(world, row_id, **fields)
        values = {
            c: int(v) if isinstance(v, bool) else v
            for c in SYNCED_TABLES["shops"]
            if c not in META and (v := row.get(c)) is not None
        }
        text = json.dumps(
            [row_id, version, bool(row["deleted"]), values],
            ensure_ascii=False,
            separators=(",", ":"),
            sort_keys=True,
        )
        return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")

    expected = (part("a", 3) + part("b", 4, deleted=True)) % 2**64
    assert store.replica.checksums()["shops"] == (2, expected)
    store.replica.apply_page([_upsert("shops", _server_shop(world, "a"), 5)], cursor=5)
    b = part("b", 4, deleted=True)
    assert store.replica.checksums()["shops"] == (2, (part("a", 5) + b) % 2**64)
    assert store.replica.checksums()["counties"] == (0, 0)
    # Content counts, not only versions: another name under the same version (an edit
    # head office refused, kept by an older app) is another checksum.
    store.db.execute("UPDATE shops SET name = '别的名字' WHERE id = 'a'")
    assert store.replica.checksums()["shops"] == (2, (part("a", 5, name="别的名字") + b) % 2**64)
    assert store.replica.checksums() == store.replica.checksums_by_rows()
    # Rows left out (head office's changed ones, our own waiting ones) do not count.
    assert store.replica.checksums({"shops": {"a", "zz"}})["shops"] == (1, b)


def test_every_synced_table_has_its_verify_sum_triggers(world: World) -> None:
    """A migration that adds a synced table must call sums.install_triggers for it."""
    triggers = {
        r["name"]
        for r in world.store.db.query("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    for table in SYNCED_TABLES:
        for op in ("insert", "update", "delete"):
            assert f"{table}_sums_{op}" in triggers


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["page", "answer", "sql_version", "sql_delete", "left", "edit"]),
            st.integers(0, 5),
            st.integers(0, 40),
        ),
        max_size=30,
    )
)
def test_running_sums_always_equal_a_recount(world: World, ops: list[tuple[str, int, int]]) -> None:
    """Whatever writes the rows (pages, answers, lefts, local edits, raw SQL), the running
    sums equal a recount: verify never reads stale sums."""
    store = world.store
    ids = [f"shop-{i}" for i in range(6)]
    for op, which, version in ops:
        row_id = ids[which]
        if op == "page" and version > 0:
            store.replica.apply_page(
                [_upsert("shops", _server_shop(world, row_id), version)], version
            )
        elif op == "left":
            store.replica.apply_page(
                [{"seq": 1, "table": "shops", "row_id": row_id, "op": "left", "version": 1}], 1
            )
        elif op == "answer":
            store.shops.create(name="本地店", channel="other", county_id=world.county_id)
            _push_all(store, version=version or 1)
        elif op == "edit" and _raw(store, "shops", row_id) is not None:
            store.shops.update(row_id, notes=f"n{version}")
        elif op == "sql_version":
            store.db.execute("UPDATE shops SET version = ? WHERE id = ?", [version, row_id])
        elif op == "sql_delete":
            store.db.execute("DELETE FROM shops WHERE id = ?", [row_id])
        assert store.replica.checksums() == store.replica.checksums_by_rows()


def test_migration_0003_backfills_the_sums_of_an_older_store(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.migration_set().apply(db, stop_before="0003_verify_sums")
    db.close()
    with Store.open(path, migrate=False) as old:
        old.counties.create(name="金水区")
        for i in range(3):  # products: no later migration changed the table
            old.products.create(name=f"酒{i}")
        old.db.execute("UPDATE products SET version = rowid + 7")
        old.db.execute("UPDATE counties SET version = 3")
        old.db.conn.commit()
    with Store.open(path) as store:
        assert store.replica.checksums()["products"][0] == 3
        assert store.replica.checksums()["counties"][0] == 1
        assert store.replica.checksums() == store.replica.checksums_by_rows()


# ---------------------------------------------------------------------------- conflicts


def _conflict(world: World, cid: str, row_id: str, kept: Any, lost: Any) -> dict[str, Any]:
    row = {
        "id": cid,
        "created_at": NOW,
        "updated_at": NOW,
        "table_name": "shops",
        "row_id": row_id,
        "field": "notes",
        "kept_value": json.dumps(kept),
        "lost_value": json.dumps(lost),
        "kept_by": "u-boss",
        "lost_by": world.rep_id,
        "kept_seq": 12,
        "lost_seq": 10,
        "resolved": 0,
    }
    return _upsert("conflicts", row, 12)


def test_resolve_conflict_keeping_the_lost_value_syncs_like_an_edit(
    world: World, make: Maker
) -> None:
    store = world.store
    shop = make.shop(notes="老板的说法")
    _push_all(store, version=12)
    store.replica.apply_page(
        [_conflict(world, "c1", shop.id, "老板的说法", "我的说法"),
         _conflict(world, "c2", shop.id, "老板的说法", "另一个")], cursor=12,
    )  # fmt: skip
    assert store.outbox.pending() == []
    assert [(c.id, c.lost_value) for c in store.replica.conflicts()] == [
        ("c1", "我的说法"),
        ("c2", "另一个"),
    ]
    resolved = store.replica.resolve_conflict("c1", keep="lost")
    assert (resolved.resolved, resolved.resolution) == (True, "lost")
    assert store.shops.get(shop.id).notes == "我的说法"
    muts = store.outbox.pending()
    assert [(m.table, m.op) for m in muts] == [("shops", "update"), ("conflicts", "update")]
    assert muts[0].changes["notes"].new == "我的说法"
    assert muts[0].base_version == 12
    assert muts[1].changes["resolved"].new is True
    assert muts[1].changes["resolution"].new == "lost"
    # Keeping the server's value touches only the conflict row.
    store.replica.resolve_conflict("c2", keep="kept")
    assert store.shops.get(shop.id).notes == "我的说法"
    assert [c.id for c in store.replica.conflicts()] == []
    assert len(store.replica.conflicts(unresolved_only=False)) == 2
    with pytest.raises(ValidationError):
        store.replica.resolve_conflict("c2", keep="lost")
    with pytest.raises(NotFound):
        store.replica.resolve_conflict("nope", keep="kept")


def test_resolve_conflict_with_an_invalid_lost_value_changes_nothing(
    world: World, make: Maker
) -> None:
    store = world.store
    shop = make.shop()
    _push_all(store)
    page = _conflict(world, "c1", shop.id, "ok", "x")
    page["row"]["field"] = "phone"
    store.replica.apply_page([page], cursor=1)
    with pytest.raises(ValidationError):
        store.replica.resolve_conflict("c1", keep="lost")
    assert store.replica.conflicts()[0].resolved is False
    assert store.outbox.pending() == []


def test_sync_state_helpers(store: Store) -> None:
    store.replica.set_server_url("https://hq.example.cn")
    store.replica.set_last_sync_at()
    assert store.replica.server_url() == "https://hq.example.cn"
    assert store.replica.last_sync_at() is not None
    store.replica.set_server_url(None)
    assert store.replica.server_url() is None


def test_applied_page_survives_reopen(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store.open(path) as store:
        county = store.counties.create(name="金水区")
        store.replica.apply_page(
            [{"seq": 1, "table": "teams", "row_id": "t1", "op": "upsert", "version": 1,
              "row": {"id": "t1", "name": "郑州一组", "created_at": NOW, "updated_at": NOW}}],
            cursor=1,
        )  # fmt: skip
    with Store.open(path) as store:
        assert store.teams.get("t1").name == "郑州一组"
        assert store.replica.cursor() == 1
        assert store.counties.get(county.id).version == 0
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value FROM sync_state WHERE key = 'cursor'").fetchone() == ("1",)
    conn.close()


# ---------------------------------------------------------------------------- property


FIELDS = ("name", "notes", "address")

_steps = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), st.integers(0, 3), st.sampled_from(FIELDS)),
        st.tuples(st.just("server_edit"), st.integers(0, 3), st.sets(st.sampled_from(FIELDS))),
        st.tuples(st.just("pull"), st.sets(st.integers(0, 3), min_size=1), st.none()),
        st.tuples(
            st.just("push"),
            st.integers(1, 4),
            st.lists(st.sampled_from(["applied", "conflict", "rejected", "none"]), max_size=4),
        ),
        st.tuples(st.just("crash"), st.none(), st.none()),
    ),
    max_size=30,
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=_steps)
def test_random_edits_pulls_and_answers_keep_local_edits(steps: list[Any]) -> None:
    """Local edits, server changes, pulls and push answers in any order.

    A small head office model holds each shop's server state. After every step: a
    field with an unanswered local edit holds the local value; every other field
    holds the newest of the last local edit and the last pulled value, or, after head
    office refused the edit, head office's value as the device last learnt it; every
    unanswered mutation is still in the outbox, unchanged.
    """
    store = Store.open(":memory:")
    county = store.counties.create(name="金水区")
    counter = iter(range(10**6))
    server: dict[str, dict[str, Any]] = {}
    version: dict[str, int] = {}
    # Shops 0-1 made locally (then pushed), 2-3 made on the server (then pulled).
    ids = []
    for i in range(2):
        shop = store.shops.create(name=f"本地{i}", channel="other", county_id=county.id)
        ids.append(shop.id)
    for i in range(2):
        ids.append(f"srv-{i}")
    seq_version = iter(range(1, 10**6))
    sent = store.replica.mark_sending()
    answers = []
    for m in sent:
        v = next(seq_version)
        answers.append(_answer(m, version=v))
        if m.table == "shops":
            server[m.row_id] = {k: c.new for k, c in m.changes.items()}
            version[m.row_id] = v
    store.replica.record_answers(answers)
    for sid in ids[2:]:
        server[sid] = {"name": sid, "channel": "other", "county_id": county.id, "tier": "C"}
        server[sid] |= {"notes": None, "address": None}  # a pulled row carries every field
        version[sid] = next(seq_version)
    store.replica.apply_page(
        [
            {"seq": version[s], "table": "shops", "row_id": s, "op": "upsert",
             "version": version[s], "row": server[s] | {"id": s, "created_at": NOW,
                                                       "updated_at": NOW}}
            for s in ids[2:]
        ],
        cursor=max(version.values()),
    )  # fmt: skip
    local = {s: {f: store.shops.get(s).model_dump(mode="json")[f] for f in FIELDS} for s in ids}
    # What the device last learnt of head office's value of each field (a pull, or an
    # accepted answer): a refused edit falls back to it.
    known = {(s, f): v for s in ids for f, v in local[s].items()}
    # seq -> {(shop, field): value} for every mutation the model has not seen answered.
    unanswered: dict[int, dict[tuple[str, str], Any]] = {}

    def pending_local(sid: str, f: str) -> bool:
        return any((sid, f) in fields for fields in unanswered.values())

    for step in steps:
        kind, a, b = step
        outbox_before = store.outbox.count()
        if kind == "edit":
            sid, f = ids[a], b
            value = f"loc-{next(counter)}"
            store.shops.update(sid, **{f: value})
            seq = store.outbox.list(table="shops", row_id=sid)[-1].seq
            unanswered.setdefault(seq, {})[(sid, f)] = value
            local[sid][f] = value
        elif kind == "server_edit":
            sid = ids[a]
            for f in b:
                server[sid][f] = f"srv-{next(counter)}"
            version[sid] = next(seq_version)
        elif kind == "pull":
            page = [
                {"seq": version[ids[i]], "table": "shops", "row_id": ids[i], "op": "upsert",
                 "version": version[ids[i]], "row": server[ids[i]] | {"id": ids[i]}}
                for i in sorted(a)
            ]  # fmt: skip
            store.replica.apply_page(page, cursor=max(version.values()))
            assert store.outbox.count() == outbox_before
            for i in a:
                for f in FIELDS:
                    known[(ids[i], f)] = server[ids[i]].get(f)
                    if not pending_local(ids[i], f):
                        local[ids[i]][f] = server[ids[i]].get(f)
        elif kind == "push":
            batch = store.replica.mark_sending(limit=a)
            answers = []
            for m, status in zip(batch, b, strict=False):
                if status == "none":
                    break  # the response ends here: the rest go back to pending
                v = next(seq_version) if status != "rejected" else 0
                answers.append(_answer(m, status, v))
                for (sid, f), value in unanswered.pop(m.seq).items():
                    assert m.changes[f].new == value
                    if status != "rejected":
                        server[sid][f] = value
                        version[sid] = v
                        known[(sid, f)] = value
            store.replica.record_answers(answers)
            # A refused edit: the field shows head office's value again, unless another
            # local edit of it still waits.
            for m, status in zip(batch, b, strict=False):
                if status == "none":
                    break
                if status == "rejected":
                    for f in m.changes:
                        if f in FIELDS and not pending_local(m.row_id, f):
                            local[m.row_id][f] = known[(m.row_id, f)]
            assert store.outbox.count(state="sending") == 0
        else:
            store.replica.mark_sending(limit=2)
            store.replica.requeue_sending()
        # Invariants.
        for sid in ids:
            row = store.shops.get(sid).model_dump(mode="json")
            for f in FIELDS:
                assert row[f] == local[sid][f], (sid, f, step)
        waiting = {m.seq: m for m in store.outbox.pending()}
        for seq, fields in unanswered.items():
            assert seq in waiting, "an unanswered mutation was lost"
            for (_sid, f), value in fields.items():
                assert waiting[seq].changes[f].new == value
    store.close()


def test_no_folding_into_a_mutation_sent_before_a_lost_answer() -> None:
    """A requeued mutation may already be applied on the server: a later edit of the same
    row must travel as its own mutation, or the server's replayed answer would swallow it."""
    from fieldapp.store import Store

    store = Store.open(":memory:")
    county = store.counties.create(name="金水区")
    shop = store.shops.create(name="鑫旺便利店", channel="other", county_id=county.id)
    sent = store.replica.mark_sending()
    assert [m.row_id for m in sent] == [county.id, shop.id]
    store.replica.requeue_sending()  # the answer was lost on the way back
    store.shops.update(shop.id, notes="门口有停车位")
    muts = store.outbox.list(table="shops", row_id=shop.id)
    assert [m.op for m in muts] == ["insert", "update"]
    assert muts[1].changes["notes"].new == "门口有停车位"
