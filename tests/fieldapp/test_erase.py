""" "Erase this person" on one device (``store.kocs.erase``): personal fields and notes
about the person go, from the rows, the outbox and the conflicts; the counts stay."""

from __future__ import annotations

import json

import pytest

from fieldapp.errors import ValidationError
from fieldapp.model import ERASED_NAME
from fieldapp.store import metrics
from tests.conftest import Maker, World

MOBILE = "13912345678"


def _outbox_text(world: World) -> str:
    return "\n".join(
        json.dumps(dict(r), ensure_ascii=False)
        for r in world.store.db.query("SELECT * FROM outbox")
    )


def test_erase_clears_the_person_everywhere_and_keeps_the_counts(world: World, make: Maker) -> None:
    store = world.store
    shop = make.shop()
    koc = make.koc(name="欧阳晓燕", mobile=MOBILE, notes="爱分享", stage="spotted")
    link = store.koc_shops.create(koc_id=koc.id, shop_id=shop.id, note="欧阳晓燕是老顾客")
    density = metrics.county_density(store.db)
    assert MOBILE in _outbox_text(world)

    erased = store.kocs.erase(koc.id)

    assert (erased.name, erased.mobile, erased.notes, erased.consent) == (
        ERASED_NAME, None, None, False,
    )  # fmt: skip
    assert erased.erased_at is not None and erased.stage == "spotted"
    assert store.koc_shops.get(link.id).note is None
    assert MOBILE not in _outbox_text(world) and "欧阳晓燕" not in _outbox_text(world)
    assert metrics.county_density(store.db) == density  # the anonymous counts stay
    assert not store.search.kocs("oyxy")
    assert store.kocs.erase(koc.id) == store.kocs.get(koc.id)  # a second erase changes nothing
    with pytest.raises(ValidationError) as info:
        store.kocs.update(koc.id, mobile=MOBILE, erased_at=None)
    assert {(e.field, e.code) for e in info.value.errors} == {
        ("mobile", "erased"),
        ("erased_at", "erased"),
    }
    store.kocs.update(koc.id, stage="introduced")  # anonymous facts stay editable


def test_a_pulled_erase_strips_pending_personal_edits(world: World, make: Maker) -> None:
    """What another device's erase does here at the next pull (apply_page -> scrub)."""
    store = world.store
    koc = make.koc(name="李姐", mobile=MOBILE)
    sent = store.replica.mark_sending()
    store.replica.record_answers(
        {"seq": m.seq, "mutation_id": m.mutation_id, "status": "applied", "version": 5}
        for m in sent
    )
    store.kocs.update(koc.id, mobile="13800001111")  # pending, personal only
    row = {k: v for k, v in store.kocs.get(koc.id).model_dump(mode="json").items()}
    row |= {"name": ERASED_NAME, "mobile": None, "erased_at": "2026-11-24T08:00:00+00:00"}
    change = {"seq": 9, "table": "kocs", "row_id": koc.id, "op": "upsert", "version": 9,
              "row": row}  # fmt: skip
    store.replica.apply_page([change], cursor=9)
    local = store.kocs.get(koc.id)
    assert (local.name, local.mobile) == (ERASED_NAME, None)  # no protected personal value
    states = {m.state: m for m in store.outbox.list()}
    assert states["rejected"].error_code == "erased" and states["rejected"].changes == {}
    assert MOBILE not in _outbox_text(world) and "13800001111" not in _outbox_text(world)
