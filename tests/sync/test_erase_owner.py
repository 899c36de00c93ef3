""" "Erase this person" (PIPL) for a shop owner, end to end and exactly as for a KOC
(``store.owners.erase``): name, mobile, WeChat, birthday, what they care about and every
note about them (the owner's, their interactions', their invitations') go from the
erasing device at once, from head office when the edit arrives and from every device of
the team at its next sync, pending offline edits included; nothing brings them back
(device and head office refuse it, ``erased``); the shop, the owner's level and the
interaction log (dates and kinds) stay. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from client_harness import Device
from sync_harness import Server

from fieldapp.errors import ValidationError
from sync import protocol as p
from sync.server.db import conflicts, rows

NAME = "欧阳建国"
MOBILE = "13912345678"
WECHAT = "oyjg_liquor"
#: Free text about the owner: what they care about, the owner's notes, an interaction's.
CARES = "孙子明年高考"
NOTES = "老伴住院，周三不在店"
TOLD = "说女儿腊月结婚，想订喜宴酒"
STARTS = datetime(2026, 12, 20, 10, 0, tzinfo=UTC)


def _server_text(server: Server) -> str:
    with server.engine.connect() as c:
        parts = [json.dumps(r.data, ensure_ascii=False) for r in c.execute(sa.select(rows))]
        parts += [
            json.dumps([r.winning_value, r.losing_value], ensure_ascii=False)
            for r in c.execute(sa.select(conflicts))
        ]
    return "\n".join(parts)


def _device_text(d: Device) -> str:
    db = d.store.db
    return "\n".join(
        json.dumps(dict(r), ensure_ascii=False)
        for table in ("owners", "interactions", "invitations", "outbox", "conflicts")
        for r in db.query(f"SELECT * FROM {table}")
    )


def test_an_owner_erase_reaches_head_office_and_every_device_and_cannot_be_undone(
    server: Server, world: dict[str, Any], device: Callable[[str], Device]
) -> None:
    a, b = device("repA"), device("repA")
    a.sync()
    shop = a.store.shops.create(name="鑫旺便利店", channel="convenience", county_id=world["county"])
    owner = a.store.owners.create(
        shop_id=shop.id,
        name=NAME,
        mobile=MOBILE,
        wechat=WECHAT,
        birthday="1975-03-08",
        level=4,
        cares_about=CARES,
        notes=NOTES,
    )
    talk = a.store.interactions.create(owner_id=owner.id, date="2026-12-01", kind="call", note=TOLD)
    event = a.store.events.create(
        kind="tasting", title="品鉴会", starts_at=STARTS, ends_at=STARTS + timedelta(hours=2)
    )
    invite = a.store.invitations.create(
        event_id=event.id, owner_id=owner.id, note=f"{NAME}爱喝酱香"
    )
    a.sync()
    b.sync()
    assert b.store.owners.get(owner.id).mobile == MOBILE
    b.store.owners.update(owner.id, mobile="13800001111", level=5)  # offline, on the other laptop
    b.store.interactions.create(owner_id=owner.id, date="2026-12-02", kind="visit", note="又聊家事")

    a.store.owners.erase(owner.id)
    assert NAME not in _device_text(a) and MOBILE not in _device_text(a)
    assert WECHAT not in _device_text(a)
    assert not [t for t in (CARES, NOTES, TOLD) if t in _device_text(a)]
    assert a.sync().verified
    text = _server_text(server)
    for personal in (NAME, MOBILE, WECHAT, "1975-03-08", CARES, NOTES, TOLD):
        assert personal not in text, personal
    with server.engine.connect() as c:
        data = c.execute(sa.select(rows.c.data).where(rows.c.row_id == owner.id)).scalar()
    assert data["name"] == p.ERASED_NAME and data["erased_at"] and data["level"] == 4
    assert data["notes"] is None and data["cares_about"] is None

    assert b.sync().verified
    row = b.store.owners.get(owner.id)
    assert (row.name, row.mobile, row.wechat, row.birthday, row.erased_at is not None) == (
        p.ERASED_NAME, None, None, None, True,
    )  # fmt: skip
    (refused,) = [m for m in b.store.outbox.list() if m.state == "rejected"]
    assert refused.error_code == "erased" and refused.changes["mobile"].new is None
    assert "13800001111" not in _device_text(b) and NAME not in _device_text(b)
    assert b.store.invitations.get(invite.id).note is None
    for personal in (CARES, NOTES, TOLD, "又聊家事"):
        assert personal not in _device_text(b), personal
    # The relationship log stays: both interactions, their dates and kinds, no notes.
    assert sorted((i.date.isoformat(), i.kind, i.note) for i in b.store.interactions.list()) == [
        ("2026-12-01", "call", None),
        ("2026-12-02", "visit", None),
    ]
    assert a.sync().verified and a.store.interactions.get(talk.id).note is None
    assert "又聊家事" not in _server_text(server)

    with pytest.raises(ValidationError) as info:
        a.store.owners.update(owner.id, mobile=MOBILE)
    assert [(e.field, e.code) for e in info.value.errors] == [("mobile", "erased")]
    with pytest.raises(ValidationError):
        a.store.invitations.update(invite.id, note="又记了一笔")
    for change in ({"notes": "又记了一笔"}, {"cares_about": "喝茶"}):
        with pytest.raises(ValidationError) as info:
            a.store.owners.update(owner.id, **change)
        assert [e.code for e in info.value.errors] == ["erased"], change
    with pytest.raises(ValidationError):
        a.store.interactions.update(talk.id, note="又记了一笔")
    dev = server.device("repA")
    for change in (
        {"name": NAME},
        {"birthday": "1975-03-08"},
        {"notes": NOTES},
        {"cares_about": CARES},
        {"erased_at": None},
    ):
        (answer,) = dev.push(dev.mut("owners", owner.id, base=10**9, **change))
        assert (answer["status"], answer["error"]["code"]) == ("rejected", "erased"), change
    # A note about the erased owner from a device that had not heard of it is cleared.
    (answer,) = dev.push(dev.mut("invitations", invite.id, base=10**9, note="老板生日"))
    assert answer["status"] == "applied"
    (answer,) = dev.push(dev.mut("interactions", talk.id, base=10**9, note="老板生日"))
    assert answer["status"] == "applied"
    assert "老板生日" not in _server_text(server) and NAME not in _server_text(server)


def test_owner_erase_is_in_the_schema_it_was_added_to() -> None:
    assert p.ADDED_IN[3]["owners"] == ("erased_at",)
    assert "erased_at" in p.hidden_from(2)["owners"]
    assert p.PERSONAL_FIELDS["owners"] == (
        "name", "mobile", "wechat", "birthday", "cares_about", "notes",
    )  # fmt: skip
