"""Sync converges under the interleavings a chaos run found (issue 12 §2): real stores and
the real client against the real server, on SQLite and PostgreSQL. After everyone has
synced, no store (head office's scope or a device) holds a dangling reference or two live
rows for one pair, and every device can still edit every row.

Head office applies the device store's rules (``fieldapp.kinds.OWNS``,
``UNIQUE_TOGETHER``; docs/sync-protocol.md "Deletes, references and uniqueness").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
import requests
import sqlalchemy as sa
from client_harness import Device, session_with
from requests.adapters import HTTPAdapter
from sync_harness import Server

from fieldapp import kinds, model
from fieldapp.errors import ValidationError
from fieldapp.store import Store
from fieldapp.store.repo import Repo
from sync.client import SyncError
from sync.server import service
from sync.server.db import conflicts, mutation_results, rows

MOBILE = "13912345678"

STARTS = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
ENDS = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)


def _server_dangling(server: Server) -> list[tuple[str, str, str]]:
    """Live server rows whose reference names a missing or deleted row."""
    with server.engine.connect() as c:
        every = {(r.table_name, r.row_id): r for r in c.execute(sa.select(rows))}
    out = []
    for (table, row_id), r in every.items():
        entity = model.ENTITY_BY_TABLE.get(table)
        if entity is None or r.deleted:
            continue
        for name, target in entity.refs.items():
            value = r.data.get(name)
            if value is None:
                continue
            parent = every.get((target, value))
            if parent is None or parent.deleted:
                out.append((table, row_id, name))
    return out


def _assert_all_whole(server: Server, *devices: Device) -> None:
    for d in devices:
        report = d.store.check()
        assert report.ok, (d.store.path, report.orphans)
    assert _server_dangling(server) == []


def _settle(*devices: Device) -> None:
    for _ in range(2):
        for d in devices:
            d.sync()


def _shop(d: Device, world: dict[str, Any]) -> str:
    return d.store.shops.create(
        name="鑫旺便利店", channel="convenience", county_id=world["county"]
    ).id


def _koc(d: Device, world: dict[str, Any], name: str = "李姐") -> str:
    return d.store.kocs.create(name=name, county_id=world["county"], stage="spotted").id


def test_owns_is_one_definition_for_the_store_and_head_office() -> None:
    for entity in model.ENTITIES:
        assert entity.owns == kinds.OWNS.get(entity.table, ()), entity.table
    assert set(kinds.OWNS) <= set(kinds.TABLES)


def test_delete_against_a_teammates_new_visit_is_a_conflict_and_the_shop_stays(
    server: Server, world: dict[str, Any], device: Callable[[str], Device]
) -> None:
    d1, d2 = device("repA"), device("repA")
    d1.sync()
    shop = _shop(d1, world)
    d1.sync()
    d2.sync()
    # d2 adds a visit and a KOC link at the shop; d1, not having pulled them, deletes it.
    koc = _koc(d2, world)
    link = d2.store.koc_shops.create(koc_id=koc, shop_id=shop).id
    visit = d2.store.visits.create(shop_id=shop, planned_date="2026-12-02").id
    d2.sync()
    d1.store.shops.delete(shop)
    d1.sync()
    _settle(d1, d2)

    for d in (d1, d2):
        assert d.store.shops.find(shop) is not None, "the shop must stay: a visit refers to it"
        assert d.store.visits.find(visit) is not None
        assert d.store.koc_shops.find(link) is not None
    conflicts = [c for c in d1.store.replica.conflicts() if c.row_id == shop]
    assert [(c.field, c.kept_value, c.lost_value) for c in conflicts] == [("deleted", False, True)]
    _assert_all_whole(server, d1, d2)


def test_delete_takes_a_teammates_new_part_with_it(
    server: Server, world: dict[str, Any], device: Callable[[str], Device]
) -> None:
    d1, d2 = device("repA"), device("repA")
    d1.sync()
    shop = _shop(d1, world)
    d1.sync()
    d2.sync()
    koc = _koc(d2, world)
    link = d2.store.koc_shops.create(koc_id=koc, shop_id=shop).id  # a part of the shop
    owner = d2.store.owners.create(shop_id=shop, name="王老板").id  # a part too
    d2.sync()
    d1.store.shops.delete(shop)
    d1.sync()
    _settle(d1, d2)

    for d in (d1, d2):
        assert d.store.shops.find(shop) is None
        assert d.store.koc_shops.find(link) is None
        assert d.store.owners.find(owner) is None
        assert d.store.kocs.find(koc) is not None
    _assert_all_whole(server, d1, d2)


def test_a_visit_arriving_after_the_delete_restores_the_shop_and_a_part_goes_with_it(
    server: Server, world: dict[str, Any], device: Callable[[str], Device]
) -> None:
    d1, d2 = device("repA"), device("repA")
    d1.sync()
    shop = _shop(d1, world)
    other = _shop(d1, world)
    koc = _koc(d1, world)
    d1.sync()
    d2.sync()
    d1.store.shops.delete(shop)
    d1.store.shops.delete(other)
    d1.sync()
    # d2, offline, adds a visit at one shop and a KOC link (a part) to the other.
    visit = d2.store.visits.create(shop_id=shop, planned_date="2026-12-02").id
    link = d2.store.koc_shops.create(koc_id=koc, shop_id=other).id
    d2.sync()
    _settle(d1, d2)

    for d in (d1, d2):
        assert d.store.shops.find(shop) is not None, "a visit must refer to a live shop"
        assert d.store.visits.find(visit) is not None
        assert d.store.shops.find(other) is None
        assert d.store.koc_shops.find(link) is None, "a part goes with its deleted row"
    fields = {(c.row_id, c.field) for c in d2.store.replica.conflicts()}
    assert {(shop, "deleted"), (link, "deleted")} <= fields
    _assert_all_whole(server, d1, d2)


def test_an_optional_reference_to_a_deleted_row_is_cleared(
    server: Server, world: dict[str, Any], device: Callable[[str], Device]
) -> None:
    d1, d2 = device("repA"), device("repA")
    d1.sync()
    koc = _koc(d1, world)
    d1.sync()
    d2.sync()
    d1.store.kocs.delete(koc)
    d1.sync()
    group = d2.store.community_groups.create(kind="family", name="家长群", admin_koc_id=koc).id
    d2.sync()
    _settle(d1, d2)
    for d in (d1, d2):
        assert d.store.community_groups.get(group).admin_koc_id is None
    _assert_all_whole(server, d1, d2)


def test_the_same_pair_made_twice_offline_is_merged_and_stays_editable(
    server: Server, world: dict[str, Any], device: Callable[[str], Device]
) -> None:
    d1, d2 = device("repA"), device("repA")
    d1.sync()
    shop = _shop(d1, world)
    koc = _koc(d1, world)
    event = d1.store.events.create(
        kind="tasting", title="品鉴会", starts_at=STARTS, ends_at=ENDS
    ).id
    d1.sync()
    d2.sync()
    first = d1.store.koc_shops.create(koc_id=koc, shop_id=shop, note="老板介绍").id
    second = d2.store.koc_shops.create(koc_id=koc, shop_id=shop, note="自己来的").id
    inv1 = d1.store.invitations.create(event_id=event, koc_id=koc).id
    inv2 = d2.store.invitations.create(event_id=event, koc_id=koc, status="confirmed").id
    d1.sync()
    d2.sync()
    _settle(d1, d2)

    for d in (d1, d2):
        links = d.store.koc_shops.list(where={"koc_id": koc, "shop_id": shop})
        assert [x.id for x in links] == [first], d.store.path
        invites = d.store.invitations.list(where={"event_id": event, "koc_id": koc})
        assert [x.id for x in invites] == [inv1]
        # Every live row stays editable.
        d.store.koc_shops.update(first, note=f"{d.user_id[:4]} 改")
        d.store.invitations.update(inv1, status="attended")
    assert d1.store.koc_shops.find(second) is None and d1.store.invitations.find(inv2) is None
    # What the second row said differently is kept for a person.
    lost = {(c.row_id, c.field, c.lost_value) for c in d2.store.replica.conflicts()}
    assert (first, "note", "自己来的") in lost
    assert (inv1, "status", "confirmed") in lost
    _settle(d1, d2)
    _assert_all_whole(server, d1, d2)


def test_a_device_holding_two_rows_for_one_pair_can_still_edit_them(
    world: dict[str, Any], device: Callable[[str], Device]
) -> None:
    d = device("repA")
    d.sync()
    shop = _shop(d, world)
    koc = _koc(d, world)
    first = d.store.koc_shops.create(koc_id=koc, shop_id=shop).id
    # A second live row for the pair, as an older head office could send one.
    d.store.db.execute(
        "INSERT INTO koc_shops (id, koc_id, shop_id, created_at, updated_at, deleted, version)"
        " VALUES ('dup', ?, ?, '2026-12-01T00:00:00+00:00', '2026-12-01T00:00:00+00:00', 0, 3)",
        [koc, shop],
    )
    d.store.koc_shops.update(first, note="still editable")
    d.store.koc_shops.update("dup", note="this one too")


def test_a_refused_edit_shows_head_offices_values_again(
    world: dict[str, Any], device: Callable[[str], Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    # An app from before the device knew the shared-rows rule (fieldapp.kinds.SHARED_EDITS)
    # makes an edit head office refuses.
    monkeypatch.setattr(Repo, "_check_shared", lambda *_args: None)
    d = device("repA")
    d.sync()
    county = world["county"]
    before = d.store.counties.get(county).koc_target
    d.store.counties.update(county, koc_target=before + 10)  # the supervisor's call
    d.sync()
    (refused,) = [m for m in d.store.outbox.list() if m.state == "rejected"]
    assert (refused.error_code, refused.table) == ("forbidden", "counties")
    assert d.store.counties.get(county).koc_target == before


# --------------------------------------------------------------------------- erase


class BeforePush(HTTPAdapter):
    """Forwards requests; runs ``hook`` once just before the first push is sent (the
    mutations are then ``sending``: a person acting in the app meanwhile)."""

    def __init__(self) -> None:
        super().__init__(max_retries=0)
        self.hook: Callable[[], None] | None = None

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        if self.hook is not None and "/v1/push" in (request.url or ""):
            hook, self.hook = self.hook, None
            hook()
        return super().send(request, *args, **kwargs)


def _stored_answers(server: Server, device_id: str) -> dict[int, str]:
    with server.engine.connect() as c:
        return {
            r.seq: r.answer["status"]
            for r in c.execute(
                sa.select(mutation_results).where(mutation_results.c.device_id == device_id)
            )
        }


def test_erase_while_a_push_is_in_flight_is_a_later_mutation(
    server: Server, world: dict[str, Any], device: Callable[..., Device]
) -> None:
    adapter = BeforePush()
    d = device("repA", session=session_with(adapter))
    d.sync()
    koc = d.store.kocs.create(name="欧阳晓燕", county_id=world["county"], mobile=MOBILE)
    d.sync()
    d.store.kocs.update(koc.id, mobile="13800001111")

    def erase_in_the_app() -> None:
        ui = Store.open(d.store.path)
        try:
            ui.kocs.erase(koc.id)
        finally:
            ui.close()

    adapter.hook = erase_in_the_app
    d.sync()
    d.sync()
    mine = {m.seq: m.state for m in d.store.outbox.list()}
    assert mine == _stored_answers(server, d.store.device_id), "device and head office agree"
    assert set(mine.values()) == {"applied"}
    with server.engine.connect() as c:
        data = c.execute(
            sa.select(rows.c.data).where(rows.c.table_name == "kocs", rows.c.row_id == koc.id)
        ).scalar_one()
    assert data["mobile"] is None and data["erased_at"]
    assert "13800001111" not in json.dumps([m.changes for m in d.store.outbox.list()], default=str)
    _assert_all_whole(server, d)


class LoseOneAnswer(HTTPAdapter):
    """Forwards requests; the first push's answer is lost after head office applied it
    (the client sees a network error and puts the mutations back to ``pending``)."""

    def __init__(self) -> None:
        super().__init__(max_retries=0)
        self.armed = False

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        answer = super().send(request, *args, **kwargs)
        if self.armed and "/v1/push" in (request.url or ""):
            self.armed = False
            raise requests.ConnectionError("the answer was lost on the way back")
        return answer


def test_erase_after_a_lost_answer_leaves_the_sent_mutation_alone(
    server: Server, world: dict[str, Any], device: Callable[..., Device]
) -> None:
    """Found by the chaos run: a mutation sent once whose answer was lost is ``pending``
    again but may be applied at head office; an erase must not turn it into a refusal
    the server never gave (device and head office would disagree about it for ever)."""
    adapter = LoseOneAnswer()
    d = device("repA", session=session_with(adapter), retries=0)
    d.sync()
    koc = d.store.kocs.create(name="欧阳晓燕", county_id=world["county"], mobile=MOBILE)
    d.sync()
    d.store.kocs.update(koc.id, mobile="13800001111")  # personal only
    adapter.armed = True
    with pytest.raises(SyncError):
        d.sync()
    assert [m.state for m in d.store.outbox.list()][-1] == "pending"
    d.store.kocs.erase(koc.id)
    d.sync()
    mine = {m.seq: m.state for m in d.store.outbox.list()}
    assert mine == _stored_answers(server, d.store.device_id), "device and head office agree"
    assert set(mine.values()) == {"applied"}
    assert "13800001111" not in json.dumps([m.changes for m in d.store.outbox.list()], default=str)
    _assert_all_whole(server, d)


def test_an_erase_reaching_a_deleted_person_clears_what_head_office_keeps(
    server: Server, world: dict[str, Any], device: Callable[[str], Device]
) -> None:
    """Found by the chaos run: a teammate deleted the shop (its owner goes with it) while
    this device, not knowing, erased the owner. Head office applies the erase to the
    tombstone (name, mobile, notes gone; conflicts about them cleared) instead of keeping
    it as an edit against the delete with the personal values still in the row."""
    d1, d2 = device("repA"), device("repA")
    d1.sync()
    shop = _shop(d1, world)
    owner = d1.store.owners.create(
        shop_id=shop, name="王建国", mobile=MOBILE, notes="王建国爱喝酱香", level=3
    ).id
    d1.sync()
    d2.sync()
    d2.store.shops.delete(shop)
    d2.sync()
    d1.store.owners.erase(owner)
    report = d1.sync()
    assert report.rejected == 0
    assert {m.state for m in d1.store.outbox.list()} == {"applied"}
    d2.sync()
    with server.engine.connect() as c:
        kept = c.execute(
            sa.select(rows).where(rows.c.table_name == "owners", rows.c.row_id == owner)
        ).one()
        held = json.dumps([dict(r._mapping) for r in c.execute(sa.select(conflicts))],
                          default=str, ensure_ascii=False)  # fmt: skip
    assert kept.deleted and kept.data["erased_at"]
    assert (kept.data["name"], kept.data["mobile"], kept.data["notes"]) == (
        model.ERASED_NAME, None, None,
    )  # fmt: skip
    assert "王建国" not in held and MOBILE not in held
    for d in (d1, d2):
        got = d.store.db.query("SELECT name, mobile, notes FROM owners WHERE id = ?", [owner])
        assert [tuple(r.values()) for r in got] == [(model.ERASED_NAME, None, None)]
    _assert_all_whole(server, d1, d2)


def _two_devices_holding_an_owner(
    device: Callable[[str], Device], world: dict[str, Any]
) -> tuple[Device, Device, str, str]:
    """Two devices of one rep, both synced with a shop and its owner (level 3, a note)."""
    d1, d2 = device("repA"), device("repA")
    d1.sync()
    shop = _shop(d1, world)
    owner = d1.store.owners.create(shop_id=shop, name="王建国", notes="爱喝酱香", level=3).id
    d1.sync()
    d2.sync()
    return d1, d2, shop, owner


def test_an_erase_folded_with_an_edit_meets_a_delete_as_erase_plus_one_conflict(
    server: Server, world: dict[str, Any], device: Callable[[str], Device]
) -> None:
    """Found by the chaos run (FIELDAPP_SEED=541782179): the owner's level changed and the
    owner was erased offline, so one pending mutation carries both, while a teammate
    deleted the shop. Head office applies the erase to the tombstone and keeps the level
    as the one edit lost against the delete; every device ends with the erased
    tombstone and the level it had before."""
    d1, d2, shop, owner = _two_devices_holding_an_owner(device, world)
    d2.store.shops.delete(shop)
    d2.sync()
    d1.store.owners.update(owner, level=4)
    d1.store.owners.erase(owner)
    pending = [m for m in d1.store.outbox.list() if m.state == "pending"]
    assert len(pending) == 1 and {"level", "erased_at"} <= set(pending[0].changes)
    report = d1.sync()
    assert report.rejected == 0 and report.conflicts == 1, report.summary()
    d2.sync()
    with server.engine.connect() as c:
        kept = c.execute(
            sa.select(rows).where(rows.c.table_name == "owners", rows.c.row_id == owner)
        ).one()
        lost = c.execute(
            sa.select(conflicts.c.kind, conflicts.c.field, conflicts.c.losing_value).where(
                conflicts.c.row_id == owner
            )
        ).all()
    assert kept.deleted and kept.data["erased_at"] and kept.data["level"] == 3
    assert kept.data["name"] == model.ERASED_NAME and kept.data["notes"] is None
    assert [tuple(r) for r in lost] == [("edit_delete", "level", 4)]
    for d in (d1, d2):
        got = d.store.db.query("SELECT erased_at, level, name FROM owners WHERE id = ?", [owner])
        assert [(bool(r["erased_at"]), r["level"], r["name"]) for r in got] == [
            (True, 3, model.ERASED_NAME)
        ]
    _assert_all_whole(server, d1, d2)


def test_a_second_erase_after_a_delete_leaves_no_value_for_a_repair(
    server: Server, world: dict[str, Any], device: Callable[[str], Device]
) -> None:
    """Found by the chaos run: one device erased and deleted an owner; another, not
    knowing, erased them too. The second erase's edits against the delete are
    conflicts about personal fields of an erased person: they keep no value (not even
    the erased one), as every device's scrub leaves them, so verify finds nothing to
    repair when the device scrubs again (any later answer about the person does)."""
    d1, d2, _shop_id, owner = _two_devices_holding_an_owner(device, world)
    d1.store.owners.erase(owner)
    d1.store.owners.delete(owner)
    d1.sync()
    d2.store.owners.erase(owner)
    assert d2.sync().conflicts > 0
    d2.store.replica.scrub_erased(owner, "owners")
    report = d2.sync()
    assert report.verified and not report.repaired, report.summary()
    with server.engine.connect() as c:
        kept = c.execute(
            sa.select(conflicts.c.field, conflicts.c.winning_value, conflicts.c.losing_value).where(
                conflicts.c.row_id == owner, conflicts.c.field.in_(["name", "notes"])
            )
        ).all()
    assert kept and all(w is None and lost is None for _, w, lost in kept), kept
    _assert_all_whole(server, d1, d2)


def test_erase_of_a_koc_made_offline_brings_the_anonymous_facts_to_head_office(
    server: Server, world: dict[str, Any], device: Callable[[str], Device]
) -> None:
    d, other = device("repA"), device("repA")
    d.sync()
    shop = _shop(d, world)
    koc = d.store.kocs.create(name="欧阳晓燕", county_id=world["county"], mobile=MOBILE).id
    link = d.store.koc_shops.create(koc_id=koc, shop_id=shop, note="老顾客").id
    d.store.kocs.set_stage(koc, "introduced")
    d.store.kocs.erase(koc)
    d.sync()
    assert [m for m in d.store.outbox.list() if m.state == "rejected"] == []
    other.sync()
    got = other.store.kocs.get(koc)
    assert (got.name, got.mobile, got.stage) == (model.ERASED_NAME, None, "introduced")
    assert other.store.koc_shops.get(link).note is None
    assert other.store.koc_stage_changes.count(where={"koc_id": koc}) == 2
    _assert_all_whole(server, d, other)


def test_a_note_about_an_erased_person_is_refused_on_the_device_and_cleared_at_head_office(
    server: Server, world: dict[str, Any], device: Callable[[str], Device]
) -> None:
    d1, d2 = device("repA"), device("repA")
    d1.sync()
    shop, shop2 = _shop(d1, world), _shop(d1, world)
    koc = _koc(d1, world)
    event = d1.store.events.create(
        kind="tasting", title="品鉴会", starts_at=STARTS, ends_at=ENDS
    ).id
    d1.sync()
    d2.sync()
    d1.store.kocs.erase(koc)
    with pytest.raises(ValidationError) as info:
        d1.store.koc_shops.create(koc_id=koc, shop_id=shop, note="她家在学校旁边")
    assert [(e.field, e.code) for e in info.value.errors] == [("note", "erased")]
    d1.sync()
    # d2 has not heard of the erase yet: its notes are cleared by head office.
    link = d2.store.koc_shops.create(koc_id=koc, shop_id=shop2, note="她家在学校旁边").id
    inv = d2.store.invitations.create(event_id=event, koc_id=koc, note="她爱喝酱香").id
    d2.sync()
    _settle(d1, d2)
    for d in (d1, d2):
        assert d.store.koc_shops.get(link).note is None
        assert d.store.invitations.get(inv).note is None
        assert [m for m in d.store.outbox.list() if m.state == "rejected"] == []
    with server.engine.connect() as c:
        texts = json.dumps([r.data for r in c.execute(sa.select(rows))], ensure_ascii=False)
    assert "学校" not in texts and "酱香" not in texts
    _assert_all_whole(server, d1, d2)


# --------------------------------------------------------------------------- move-user


def test_after_move_user_every_scope_resolves_its_references_and_erase_finds_every_team(
    server: Server, world: dict[str, Any], device: Callable[[str], Device]
) -> None:
    server.user("repA2", "rep", world["A"])
    mover, mate, other = device("repA"), device("repA2"), device("repB")
    for d in (mover, mate, other):
        d.sync()
    county = world["county"]
    # The teammate's shop, owner and event; the mover's visit and log entry there.
    mate_shop = mate.store.shops.create(
        name="福满多超市", channel="supermarket", county_id=county, rep_id=mate.user_id
    ).id
    mate_owner = mate.store.owners.create(shop_id=mate_shop, name="王老板").id
    mate_event = mate.store.events.create(
        kind="tasting", title="品鉴会", starts_at=STARTS, ends_at=ENDS, rep_id=mate.user_id,
        venue_shop_id=mate_shop,
    ).id  # fmt: skip
    mate.sync()
    mover.sync()
    # The mover's own shop (the teammate visits it), KOC (linked to the teammate's shop,
    # invited to the teammate's event) and event (at the teammate's shop).
    shop = mover.store.shops.create(
        name="鑫旺便利店", channel="convenience", county_id=county, rep_id=mover.user_id
    ).id
    koc = mover.store.kocs.create(
        name="欧阳晓燕", county_id=county, rep_id=mover.user_id, mobile=MOBILE
    ).id
    link = mover.store.koc_shops.create(koc_id=koc, shop_id=mate_shop, note="老顾客").id
    invitation = mover.store.invitations.create(
        event_id=mate_event, koc_id=koc, note="欧阳晓燕爱喝酱香"
    ).id
    own_event = mover.store.events.create(
        kind="scene", title="火锅之夜", starts_at=STARTS, ends_at=ENDS, rep_id=mover.user_id,
        venue_shop_id=mate_shop,
    ).id  # fmt: skip
    mover.store.visits.create(shop_id=mate_shop, rep_id=mover.user_id, planned_date="2026-12-02")
    mover.store.interactions.create(
        owner_id=mate_owner, rep_id=mover.user_id, date="2026-12-01", kind="call"
    )
    mover.sync()
    mate.sync()
    mate.store.visits.create(shop_id=shop, rep_id=mate.user_id, planned_date="2026-12-03")
    mate.sync()

    service.move_user(server.engine, "repA", "B", server.clock())
    _settle(mover, mate, other)

    _assert_all_whole(server, mover, mate, other)
    for d in (mover, mate, other):
        assert d.sync().repaired is False
    # The person who left is still named on the old team's rows.
    assert mate.store.users.get(mover.user_id).name == "repA"
    assert other.store.users.get(mate.user_id).name == "repA2"
    # Parts that would cross the boundary ended; optional references were cleared.
    assert mate.store.invitations.find(invitation) is None
    assert mover.store.koc_shops.find(link) is None
    assert mover.store.events.get(own_event).venue_shop_id is None
    assert mover.store.kocs.find(koc) is not None

    # Erase after the move reaches the note left with the old team's event.
    mover.store.kocs.erase(koc)
    mover.sync()
    with server.engine.connect() as c:
        texts = json.dumps([r.data for r in c.execute(sa.select(rows))], ensure_ascii=False)
    assert "酱香" not in texts and "老顾客" not in texts
    _settle(mover, mate, other)
    _assert_all_whole(server, mover, mate, other)


# --------------------------------------------------------------------------- verify


class BeforeVerify(HTTPAdapter):
    """Forwards requests; runs ``hook`` once just before the first verify is sent, and
    counts pulls from cursor 0."""

    def __init__(self) -> None:
        super().__init__(max_retries=0)
        self.hook: Callable[[], None] | None = None
        self.from_zero = 0
        self.pulls = 0
        self.verifies = 0

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        url = request.url or ""
        if self.hook is not None and "/v1/verify" in url:
            hook, self.hook = self.hook, None
            hook()
        if "/v1/pull" in url and "cursor=0&" in url:
            self.from_zero += 1
        self.pulls += "/v1/pull" in url
        self.verifies += "/v1/verify?" in url
        return super().send(request, *args, **kwargs)


def test_a_teammates_push_between_pull_and_verify_needs_no_repair_pull(
    world: dict[str, Any], device: Callable[..., Device]
) -> None:
    """Verify compares as of the pulled cursor: head office leaves out (and lists) the
    rows changed after it, a new row and a changed one, and the device leaves out the
    same rows; one verify, no catch-up pull, no repair. They come with the next sync."""
    adapter = BeforeVerify()
    d1 = device("repA", session=session_with(adapter))
    d2 = device("repA")
    d1.sync()
    held = _shop(d1, world)
    d1.sync()
    d2.sync()
    _shop(d1, world)
    d2.store.shops.create(name="teammate's", channel="other", county_id=world["county"])
    d2.store.shops.update(held, name="改了名")
    adapter.hook = d2.sync  # lands between d1's pull and its verify
    zero_before, pulls_before, verifies = adapter.from_zero, adapter.pulls, adapter.verifies
    report = d1.sync()
    assert report.verified and not report.repaired
    assert adapter.from_zero == zero_before, "no pull of the whole scope from cursor 0"
    assert adapter.pulls == pulls_before + 1, "one pull: no catch-up"
    assert adapter.verifies == verifies + 1, "one verify"
    assert d1.store.shops.count() == 2 and d1.store.shops.get(held).name != "改了名"
    report = d1.sync()
    assert report.verified and not report.repaired
    assert d1.store.shops.count() == 3 and d1.store.shops.get(held).name == "改了名"


def test_a_real_mismatch_repairs_only_the_rows_that_differ(
    world: dict[str, Any], device: Callable[..., Device]
) -> None:
    """A row held under its version with other content (what a refused edit left on
    older apps), a row under a wrong version and a row head office does not hold: verify
    tells (it sums content), and the repair fetches those two rows again by id and drops
    the third; the other rows and tables are not pulled again, the cursor stays."""
    adapter = BeforeVerify()
    d = device("repA", session=session_with(adapter))
    d.sync()
    shops = [_shop(d, world) for _ in range(5)]
    _koc(d, world)
    d.sync()
    good = {s: (d.store.shops.get(s).version, d.store.shops.get(s).name) for s in shops}
    cursor = d.store.replica.cursor()
    d.store.db.execute("UPDATE shops SET name = '不是总部的名字' WHERE id = ?", [shops[0]])
    d.store.db.execute("UPDATE shops SET version = 1 WHERE id = ?", [shops[1]])
    d.store.db.execute(
        "INSERT INTO shops (id, version, deleted, created_at, updated_at, name, channel,"
        " county_id, cloud_store)"
        " SELECT 'ghost', 7, 0, created_at, updated_at, 'ghost', channel, county_id,"
        " cloud_store FROM shops WHERE id = ?",
        [shops[2]],
    )
    d.store.db.conn.commit()
    seen: list[str] = []
    original = adapter.send

    def send(request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        if "/v1/pull" in (request.url or ""):
            seen.append(request.url or "")
        return original(request, *args, **kwargs)

    adapter.send = send  # type: ignore[method-assign]
    report = d.sync()
    assert report.repaired and report.verified and report.repaired_rows == 3, report
    from_zero = [u for u in seen if "cursor=0&" in u]
    assert len(from_zero) == 1 and "tables=shops" in from_zero[0], seen
    fetched = set(from_zero[0].split("ids=")[1].split("&")[0].replace("%2C", ",").split(","))
    assert fetched == {shops[0], shops[1]}, fetched
    assert {s: (d.store.shops.get(s).version, d.store.shops.get(s).name) for s in shops} == good
    assert d.store.shops.find("ghost") is None
    assert d.store.replica.cursor() == cursor, "a repair keeps the cursor"
