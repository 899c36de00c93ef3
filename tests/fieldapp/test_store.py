"""The store: CRUD, tombstones and delete rules, the outbox, migrations, files on disk."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from fieldapp.errors import InUse, NotFound, SchemaTooNew, StoreError, ValidationError
from fieldapp.model import KocStage, ReviewStatus
from fieldapp.store import Store, migrations

T0 = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def tick(self, minutes: int = 1) -> None:
        self.now += timedelta(minutes=minutes)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def st_(clock: Clock, tmp_path: Path) -> Store:
    store = Store.open(":memory:", clock=clock, photos_dir=tmp_path / "photos")
    county = store.counties.create(name="金水区", province="河南省")
    rep = store.users.create(name="李娜", role="rep")
    store.set_user(rep.id)
    store.county_id = county.id  # type: ignore[attr-defined]
    store.rep_id = rep.id  # type: ignore[attr-defined]
    return store


def _shop(store: Store, **kw: Any) -> Any:
    fields = {"name": "鑫旺便利店", "channel": "convenience", "county_id": store.county_id}  # type: ignore[attr-defined]
    return store.shops.create(**(fields | kw))


# ---------------------------------------------------------------------------- CRUD


def test_create_get_update_roundtrip(st_: Store, clock: Clock) -> None:
    shop = _shop(st_, tier="A", code="HN-001", latitude=34.75, longitude=113.62)
    assert st_.shops.get(shop.id) == shop
    assert shop.created_by == st_.rep_id  # type: ignore[attr-defined]
    assert shop.version == 0 and shop.deleted is False
    clock.tick()
    updated = st_.shops.update(shop.id, tier="B", notes="门口有停车位")
    assert updated.tier == "B" and updated.notes == "门口有停车位"
    assert updated.updated_at == clock.now and updated.created_at == T0
    assert st_.shops.get(shop.id) == updated


def test_update_with_no_real_change_writes_nothing(st_: Store) -> None:
    shop = _shop(st_)
    before = st_.outbox.count()
    assert st_.shops.update(shop.id, name="鑫旺便利店") == shop
    assert st_.outbox.count() == before


def test_get_missing_and_deleted_raise_not_found(st_: Store) -> None:
    with pytest.raises(NotFound):
        st_.shops.get("no-such-id")
    shop = _shop(st_)
    st_.shops.delete(shop.id)
    with pytest.raises(NotFound):
        st_.shops.get(shop.id)
    assert st_.shops.find(shop.id, include_deleted=True).deleted is True  # type: ignore[union-attr]
    with pytest.raises(NotFound):
        st_.shops.update(shop.id, name="x")
    with pytest.raises(NotFound):
        st_.shops.delete(shop.id)


def test_list_and_count_filter_and_sort(st_: Store) -> None:
    for name, tier in [("乙店", "B"), ("甲店", "A"), ("丙店", "C"), ("丁店", "A")]:
        _shop(st_, name=name, tier=tier)
    assert st_.shops.count(where={"tier": "A"}) == 2
    assert [s.name for s in st_.shops.list(where={"tier": ["A", "B"]}, order_by="name")] == sorted(
        ["乙店", "甲店", "丁店"]
    )
    page = st_.shops.list(order_by="name", limit=2, offset=1)
    assert len(page) == 2
    with pytest.raises(ValidationError) as err:
        st_.shops.list(where={"nope": 1})
    assert err.value.field_code == "unknown_field"
    with pytest.raises(ValidationError):
        st_.shops.list(order_by="name; DROP TABLE shops")


def test_client_supplied_id_and_duplicate_id(st_: Store) -> None:
    shop = _shop(st_, id="fixed-id-1")
    assert shop.id == "fixed-id-1"
    with pytest.raises(ValidationError) as err:
        _shop(st_, id="fixed-id-1")
    assert err.value.field == "id" and err.value.field_code == "duplicate"


# ---------------------------------------------------------------------------- domain rules


def test_interaction_level_after_moves_owner_level_unless_a_later_one_exists(st_: Store) -> None:
    shop = _shop(st_)
    owner = st_.owners.create(shop_id=shop.id, name="王芳", level=2)
    st_.interactions.create(owner_id=owner.id, date="2026-11-10", kind="visit", level_after=3)
    assert st_.owners.get(owner.id).level == 3
    # An older interaction entered late does not overwrite the newer level.
    st_.interactions.create(owner_id=owner.id, date="2026-10-01", kind="call", level_after=1)
    assert st_.owners.get(owner.id).level == 3
    st_.interactions.create(owner_id=owner.id, date="2026-11-20", kind="gift", level_after=5)
    assert st_.owners.get(owner.id).level == 5


def test_koc_stage_history_is_recorded(st_: Store, clock: Clock) -> None:
    koc = st_.kocs.create(name="赵敏", county_id=st_.county_id)  # type: ignore[attr-defined]
    clock.tick()
    st_.kocs.set_stage(koc.id, KocStage.INTRODUCED)
    clock.tick()
    st_.kocs.update(koc.id, notes="爱分享")  # not a stage change
    st_.kocs.set_stage(koc.id, "experienced")
    history = st_.koc_stage_changes.list(where={"koc_id": koc.id}, order_by="changed_at")
    assert [(h.from_stage, h.to_stage) for h in history] == [
        (None, "spotted"),
        ("spotted", "introduced"),
        ("introduced", "experienced"),
    ]


def test_visit_flow_check_in_out_submit(st_: Store, clock: Clock) -> None:
    shop = _shop(st_)
    visit = st_.visits.create(shop_id=shop.id, rep_id=st_.rep_id, planned_date="2026-11-24")  # type: ignore[attr-defined]
    with pytest.raises(ValidationError) as err:
        st_.visits.submit(visit.id)
    assert err.value.field_code == "visit_not_finished"
    st_.visits.check_in(visit.id)
    clock.tick(25)
    st_.visits.check_out(visit.id)
    done = st_.visits.submit(visit.id)
    assert done.review_status == ReviewStatus.SUBMITTED
    assert done.checkout_at - done.checkin_at == timedelta(minutes=25)  # type: ignore[operator]
    with pytest.raises(ValidationError) as err:
        st_.visits.submit(visit.id)
    assert err.value.field_code == "not_editable"


# ---------------------------------------------------------------------------- deletes


def test_delete_cascades_to_parts_and_clears_optional_references(st_: Store) -> None:
    shop = _shop(st_)
    owner = st_.owners.create(shop_id=shop.id, name="王芳")
    inter = st_.interactions.create(owner_id=owner.id, date="2026-11-01", kind="call")
    koc = st_.kocs.create(name="赵敏", county_id=st_.county_id)  # type: ignore[attr-defined]
    link = st_.koc_shops.create(koc_id=koc.id, shop_id=shop.id, introduced_by_owner_id=owner.id)
    event = st_.events.create(
        kind="tasting",
        title="品鉴会",
        venue_shop_id=shop.id,
        starts_at=T0,
        ends_at=T0 + timedelta(hours=2),
    )
    invite = st_.invitations.create(event_id=event.id, owner_id=owner.id)
    st_.shops.delete(shop.id)
    # Parts of the shop are gone with it ...
    assert st_.owners.find(owner.id) is None
    assert st_.interactions.find(inter.id) is None
    assert st_.koc_shops.find(link.id) is None
    assert st_.invitations.find(invite.id) is None
    # ... optional references to it are cleared, and unrelated rows stay.
    assert st_.events.get(event.id).venue_shop_id is None
    assert st_.kocs.get(koc.id).name == "赵敏"
    # Every step is in the outbox, so head office learns the same.
    deleted = {(m.table, m.row_id) for m in st_.outbox.list() if m.op == "delete"}
    assert {
        ("shops", shop.id),
        ("owners", owner.id),
        ("interactions", inter.id),
        ("koc_shops", link.id),
        ("invitations", invite.id),
    } <= deleted
    cleared = [m for m in st_.outbox.list(table="events", row_id=event.id) if m.op == "update"]
    assert cleared and cleared[-1].changes["venue_shop_id"].new is None


def test_delete_refused_while_required_references_live(st_: Store) -> None:
    shop = _shop(st_)
    visit = st_.visits.create(shop_id=shop.id, planned_date="2026-11-24")
    before = st_.outbox.count()
    with pytest.raises(InUse) as err:
        st_.shops.delete(shop.id)
    assert err.value.referenced_by == "visits" and err.value.count == 1
    assert st_.shops.get(shop.id) and st_.outbox.count() == before
    st_.visits.delete(visit.id)
    st_.shops.delete(shop.id)


def test_failed_cascade_rolls_back_everything(st_: Store) -> None:
    shop = _shop(st_)
    owner = st_.owners.create(shop_id=shop.id, name="王芳")
    st_.visits.create(shop_id=shop.id, planned_date="2026-11-24")
    counts = {t: st_.repo(t).count() for t in ("shops", "owners")}
    outbox = st_.outbox.count()
    with pytest.raises(InUse):
        st_.shops.delete(shop.id)  # the owner part would go first; the visit then blocks
    assert st_.owners.get(owner.id)
    assert {t: st_.repo(t).count() for t in ("shops", "owners")} == counts
    assert st_.outbox.count() == outbox


# ---------------------------------------------------------------------------- outbox


def test_outbox_records_insert_update_delete_with_old_and_new(st_: Store, clock: Clock) -> None:
    shop = _shop(st_, tier="B")
    first = st_.outbox.list(table="shops", row_id=shop.id)
    assert [m.op for m in first] == ["insert"]
    ins = first[0]
    assert ins.changes["name"].old is None and ins.changes["name"].new == "鑫旺便利店"
    assert ins.base_version == 0 and ins.device_id == st_.device_id
    assert ins.user_id == st_.rep_id  # type: ignore[attr-defined]
    assert "search_pinyin" not in ins.changes and "updated_at" not in ins.changes
    st_.counties.create(name="惠济区")  # something else in between: no folding
    st_.shops.update(shop.id, tier="A")
    st_.shops.delete(shop.id)
    muts = st_.outbox.list(table="shops", row_id=shop.id)
    assert [m.op for m in muts] == ["insert", "update", "delete"]
    assert muts[1].changes == {"tier": type(muts[1].changes["tier"])("B", "A")}
    assert muts[2].changes["deleted"].new is True
    seqs = [m.seq for m in st_.outbox.list()]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert len({m.mutation_id for m in st_.outbox.list()}) == len(seqs)


def test_consecutive_edits_of_one_row_fold_into_one_pending_mutation(st_: Store) -> None:
    shop = _shop(st_)
    visit = st_.visits.create(shop_id=shop.id, planned_date="2026-11-24")
    st_.counties.create(name="惠济区")
    for text in ("陈", "陈列", "陈列好"):
        st_.visits.update(visit.id, check_notes=text)
    updates = [m for m in st_.outbox.list(table="visits") if m.op == "update"]
    assert len(updates) == 1
    assert updates[0].changes["check_notes"].old is None
    assert updates[0].changes["check_notes"].new == "陈列好"
    # Typing back the old value leaves nothing to send.
    st_.visits.update(visit.id, check_notes=None)
    assert [m for m in st_.outbox.list(table="visits") if m.op == "update"] == []
    # The sequence number of a dropped mutation is never handed out again.
    last = st_.outbox.last_seq()
    st_.visits.update(visit.id, check_notes="x")
    assert st_.outbox.list(table="visits")[-1].seq > last


def test_no_folding_into_a_mutation_being_sent(st_: Store) -> None:
    shop = _shop(st_)
    st_.db.execute("UPDATE outbox SET state = 'sending' WHERE row_id = ?", [shop.id])
    st_.shops.update(shop.id, notes="a")
    muts = st_.outbox.list(table="shops", row_id=shop.id)
    assert [(m.op, m.state) for m in muts] == [("insert", "sending"), ("update", "pending")]
    assert muts[1].base_version == 0


def test_base_version_is_the_rows_server_version(st_: Store) -> None:
    shop = _shop(st_)
    st_.db.execute("UPDATE shops SET version = 7 WHERE id = ?", [shop.id])
    st_.counties.create(name="惠济区")
    st_.shops.update(shop.id, notes="x")
    assert st_.outbox.list(table="shops", row_id=shop.id)[-1].base_version == 7


def test_failed_write_leaves_no_outbox_row(st_: Store) -> None:
    before = st_.outbox.count()
    with pytest.raises(ValidationError):
        _shop(st_, county_id="missing")
    with pytest.raises(ValidationError):
        _shop(st_, phone="12")
    assert st_.outbox.count() == before
    assert st_.shops.count() == 0


def test_outer_transaction_rolls_back_rows_and_outbox_together(st_: Store) -> None:
    before = (st_.shops.count(), st_.outbox.count())
    with pytest.raises(RuntimeError), st_.transaction():
        _shop(st_)
        _shop(st_, name="第二家")
        raise RuntimeError("power cut in the middle")
    assert (st_.shops.count(), st_.outbox.count()) == before


def _replay(store: Store) -> dict[tuple[str, str], dict[str, Any]]:
    """Rebuild every row from the outbox alone, as head office would."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for m in store.outbox.list():
        key = (m.table, m.row_id)
        if m.op == "insert":
            rows[key] = {k: c.new for k, c in m.changes.items()}
        elif m.op == "update":
            for k, c in m.changes.items():
                assert rows[key][k] == c.old, f"stale old value for {key} {k}"
                rows[key][k] = c.new
        else:
            rows.pop(key)
    return rows


def _live(store: Store) -> dict[tuple[str, str], dict[str, Any]]:
    out = {}
    for table in ("shops", "owners", "visits", "kocs", "koc_stage_changes", "interactions"):
        for row in store.repo(table).list():
            out[(table, row.id)] = row.data()
    return out


_shop_edit = st.fixed_dictionaries(
    {},
    optional={
        "tier": st.sampled_from(["A", "B", "C"]),
        "notes": st.one_of(st.none(), st.text(max_size=5)),
        "name": st.sampled_from(["甲", "乙店", "丙超市"]),
        "phone": st.sampled_from([None, "13800138000", "0371-66001234", "bad"]),
    },
)
_ops = st.lists(
    st.one_of(
        st.tuples(st.just("new_shop"), st.none()),
        st.tuples(st.just("edit_shop"), _shop_edit),
        st.tuples(st.just("del_shop"), st.none()),
        st.tuples(st.just("new_owner"), st.integers(0, 7)),
        st.tuples(st.just("interaction"), st.integers(1, 5)),
        st.tuples(st.just("koc_stage"), st.sampled_from(list(KocStage))),
        st.tuples(st.just("visit_note"), st.text(max_size=4)),
    ),
    max_size=40,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=_ops, data=st.data())
def test_outbox_replay_rebuilds_the_store(ops: list[tuple[str, Any]], data: st.DataObject) -> None:
    """Whatever mix of writes (valid or not), replaying the outbox gives the live rows."""
    store = Store.open(":memory:")
    county = store.counties.create(name="金水区")
    koc = store.kocs.create(name="赵敏", county_id=county.id)
    shops: list[str] = []
    owners: list[str] = []
    visits: list[str] = []
    for op, arg in ops:
        try:
            if op == "new_shop":
                shop = store.shops.create(name="店", channel="other", county_id=county.id)
                shops.append(shop.id)
                visits.append(store.visits.create(shop_id=shop.id, planned_date="2026-11-24").id)
            elif op == "edit_shop" and shops:
                store.shops.update(data.draw(st.sampled_from(shops)), **arg)
            elif op == "del_shop" and shops:
                sid = data.draw(st.sampled_from(shops))
                store.shops.delete(sid)
                shops.remove(sid)
            elif op == "new_owner" and shops:
                owners.append(store.owners.create(shop_id=shops[arg % len(shops)], name="王").id)
            elif op == "interaction" and owners:
                store.interactions.create(
                    owner_id=owners[-1], date="2026-11-01", kind="call", level_after=arg
                )
            elif op == "koc_stage":
                store.kocs.set_stage(koc.id, arg)
            elif op == "visit_note" and visits:
                store.visits.update(visits[-1], check_notes=arg)
        except (ValidationError, NotFound, InUse):
            pass
    replayed = _replay(store)
    live = _live(store)
    assert {k: v for k, v in replayed.items() if k in live} == live
    assert set(replayed) >= set(live)


# ---------------------------------------------------------------------------- the file


def test_file_store_is_wal_and_keeps_device_id(tmp_path: Path) -> None:
    path = tmp_path / "a" / "store.db"
    with Store.open(path) as store:
        device = store.device_id
        mode = next(store.db.query("PRAGMA journal_mode"))["journal_mode"]
        assert mode == "wal"
        store.counties.create(name="金水区")
    with Store.open(path) as again:
        assert again.device_id == device
        assert again.counties.count() == 1
        assert again.check().ok


def test_opening_a_non_store_fails_cleanly(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00\x01not sqlite at all" * 100)
    before = junk.read_bytes()
    with pytest.raises(StoreError):
        Store.open(junk)
    assert junk.read_bytes() == before
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE cats (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError):
        Store.open(other)
    with pytest.raises(StoreError):
        Store.open(tmp_path)


def test_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        [migrations.MIGRATION_SET, "9999_from_the_future", "2030-01-01"],
    )
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNew):
        Store.open(path)


# ---------------------------------------------------------------------------- migrations


def test_migrations_from_empty_reach_the_current_version() -> None:
    store = Store.open(":memory:")
    assert store.schema_version == migrations.SCHEMA_VERSION
    assert migrations.applied(store.db) == list(migrations.MIGRATION_NAMES)
    assert store.check().pending == []


@pytest.mark.parametrize("stop_index", range(len(migrations.MIGRATION_NAMES)))
def test_migrations_from_each_earlier_version(tmp_path: Path, stop_index: int) -> None:
    """A store left at any earlier schema (with data where tables exist) upgrades cleanly."""
    from sqlite_utils import Database

    path = tmp_path / "old.db"
    db = Database(path)
    stop = migrations.MIGRATION_NAMES[stop_index]
    migrations.migration_set().apply(db, stop_before=stop)
    if "counties" in db.table_names():
        db.execute(
            "INSERT INTO counties (id, created_at, updated_at, name) VALUES ('c1', ?, ?, '老区')",
            [T0.isoformat(), T0.isoformat()],
        )
    db.close()
    with Store.open(path) as store:
        assert migrations.applied(store.db) == list(migrations.MIGRATION_NAMES)
        if stop_index > 0:
            assert store.counties.get("c1").name == "老区"
        assert store.check().ok


def test_every_model_field_has_a_column() -> None:
    from fieldapp.model import ENTITIES

    store = Store.open(":memory:")
    for entity in ENTITIES:
        columns = {c.name for c in store.db.utils[entity.table].columns}
        assert set(entity.model_fields) <= columns, entity.table


# ---------------------------------------------------------------------------- bulk, photos, check


def test_bulk_insert_with_and_without_outbox(st_: Store) -> None:
    rows = [
        {
            "id": f"s{i}",
            "name": f"张记{i}号店",
            "channel": "other",
            "tier": "C",
            "county_id": st_.county_id,
            "cloud_store": "none",
        }  # type: ignore[attr-defined]
        for i in range(50)
    ]
    before = st_.outbox.count()
    assert st_.bulk_insert("shops", rows[:25]) == 25
    assert st_.outbox.count() == before
    assert st_.bulk_insert("shops", rows[25:], outbox=True) == 25
    assert st_.outbox.count() == before + 25
    assert st_.shops.get("s3").name == "张记3号店"
    assert [h.id for h in st_.search.shops("zj3h")] == ["s3"]
    with pytest.raises(ValidationError):
        st_.bulk_insert(
            "shops",
            [{"id": "x", "name": "", "channel": "other", "county_id": st_.county_id}],
            validate=True,
        )  # type: ignore[attr-defined]
    assert st_.shops.find("x") is None


def test_photo_file_is_content_addressed_and_verified(st_: Store, tmp_path: Path) -> None:
    shop = _shop(st_)
    png = tmp_path / "shelf.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    photo = st_.photos.add_file(png, shop_id=shop.id, caption="货架")
    again = st_.photos.add_file(png, shop_id=shop.id)
    stored = st_.photos.path_of(photo)
    assert stored.read_bytes() == png.read_bytes()
    assert photo.sha256 == again.sha256 and photo.mime == "image/png" and photo.size == 108
    assert stored.name.startswith(photo.sha256)
    text = tmp_path / "notes.txt"
    text.write_text("not a picture")
    with pytest.raises(ValidationError) as err:
        st_.photos.add_file(text, shop_id=shop.id)
    assert err.value.field_code == "not_an_image"
    with pytest.raises(ValidationError) as err:
        st_.photos.add_file(tmp_path / "missing.jpg", shop_id=shop.id)
    assert err.value.field_code == "unreadable"


def test_check_reports_dangling_references(st_: Store) -> None:
    shop = _shop(st_)
    assert st_.check().ok
    st_.db.execute("UPDATE shops SET county_id = 'gone' WHERE id = ?", [shop.id])
    report = st_.check()
    assert not report.ok and report.orphans == {"shops.county_id": 1}


def test_settings_round_trip_json(st_: Store) -> None:
    assert st_.get_setting("photo.max_px", 1600) == 1600
    st_.set_setting("photo.max_px", {"w": 1280, "keep_original": False})
    assert st_.get_setting("photo.max_px") == {"w": 1280, "keep_original": False}
    raw = st_.get_meta("setting.photo.max_px")
    assert raw is not None and json.loads(raw)["w"] == 1280


def test_shop_codes_are_unique_regardless_of_case(st_: Store) -> None:
    _shop(st_, code="HN-001")
    with pytest.raises(ValidationError) as err:
        _shop(st_, code="hn-001")
    assert err.value.field == "code" and err.value.field_code == "duplicate"
    other = _shop(st_, code="HN-002")
    with pytest.raises(ValidationError) as err:
        st_.shops.update(other.id, code="Hn-001")
    assert err.value.field_code == "duplicate"
    # No unique index backs it (migration 0008): a pull may bring a code a moment before
    # the change that frees it elsewhere; head office keeps live codes unique.


def test_submitted_visit_takes_only_review_changes(st_: Store, clock: Clock) -> None:
    shop = _shop(st_)
    visit = st_.visits.create(shop_id=shop.id, checkin_at=clock.now)
    clock.tick(20)
    st_.visits.check_out(visit.id)
    st_.visits.submit(visit.id)
    before = st_.outbox.count()
    with pytest.raises(ValidationError) as err:
        st_.visits.update(visit.id, check_notes="改一下")
    assert err.value.field == "check_notes" and err.value.field_code == "not_editable"
    assert st_.outbox.count() == before
    returned = st_.visits.update(visit.id, review_status="returned", supervisor_comment="补充竞品")
    assert returned.review_status == "returned"
    assert st_.visits.update(visit.id, check_notes="补充了").check_notes == "补充了"


def test_times_are_kept_to_the_second(st_: Store) -> None:
    shop = _shop(st_)
    t = datetime(2026, 11, 24, 1, 0, 0, 900000, tzinfo=UTC)
    visit = st_.visits.create(shop_id=shop.id, checkin_at=t)
    assert visit.checkin_at == t.replace(microsecond=0)
    # A check-out within the same second is not "after" the check-in once stored.
    with pytest.raises(ValidationError) as err:
        st_.visits.check_out(visit.id, at=t + timedelta(microseconds=50000))
    assert err.value.field_code == "checkout_before_checkin"


def test_attending_an_event_makes_a_koc_experienced(st_: Store) -> None:
    event = st_.events.create(
        kind="tasting", title="品鉴会", starts_at=T0, ends_at=T0 + timedelta(hours=2)
    )
    koc = st_.kocs.create(name="赵敏", county_id=st_.county_id, stage="introduced")  # type: ignore[attr-defined]
    fan = st_.kocs.create(name="钱多", county_id=st_.county_id, stage="advocating")  # type: ignore[attr-defined]
    inv = st_.invitations.create(event_id=event.id, koc_id=koc.id)
    assert st_.kocs.get(koc.id).stage == "introduced"  # invited is not enough
    st_.invitations.update(inv.id, status="attended")
    assert st_.kocs.get(koc.id).stage == "experienced"
    st_.invitations.create(event_id=event.id, koc_id=fan.id, status="attended")
    assert st_.kocs.get(fan.id).stage == "advocating"  # never moved back
