"""Possible duplicates are found where rows are created (docs/guarantees.md "Typed input")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldapp.store import Store, duplicates

if TYPE_CHECKING:
    from conftest import Maker


def test_a_koc_with_a_live_kocs_mobile_is_a_match(store: Store, make: Maker) -> None:
    koc = make.koc(name="李娜", mobile="13812345678")
    found = duplicates.koc_matches(store, mobile="138 1234 5678")
    assert [(m.id, m.reason) for m in found] == [(koc.id, "mobile")]
    assert duplicates.koc_matches(store, mobile="13812345678", exclude_id=koc.id) == []
    assert duplicates.koc_matches(store, mobile="13900000000") == []
    assert duplicates.koc_matches(store, mobile="123") == []  # no number: nothing to match
    store.kocs.delete(koc.id)
    assert duplicates.koc_matches(store, mobile="13812345678") == []


def test_a_shop_alike_in_pinyin_phone_or_within_50_m_is_a_match(store: Store, make: Maker) -> None:
    shop = make.shop(name="张记便利店", phone="0371-66001234", latitude=34.75, longitude=113.62)
    county = shop.county_id

    def reasons(**fields: object) -> list[str]:
        found = duplicates.shop_matches(store, **fields)  # type: ignore[arg-type]
        return [m.reason for m in found if m.id == shop.id]

    assert reasons(name="章记便利店", county_id=county) == ["name"]  # sounds the same
    assert reasons(name="张记便利", county_id=county) == ["name"]  # nearly the same
    assert reasons(name="王府酒家", county_id=county) == []
    assert reasons(name="王府酒家", phone="037166001234") == ["phone"]
    # 0.0003° of latitude is about 33 m; 0.001° about 111 m.
    assert reasons(name="王府酒家", latitude=34.7503, longitude=113.62) == ["gps"]
    assert reasons(name="王府酒家", latitude=34.751, longitude=113.62) == []
    near = duplicates.shop_matches(store, name="王府酒家", latitude=34.7503, longitude=113.62)
    assert near[0].metres is not None and 30 <= near[0].metres <= 36
    assert reasons(name="张记便利店", exclude_id=shop.id) == []
