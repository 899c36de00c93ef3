"""Tests of fieldapp.store.views_kocs on small hand-made data with answers worked out by hand.

The world: county 金水区 (A) and 二七区 (B), four live KOCs and one deleted one.

| KOC  | county | traits  | total | stage      | consent | shops | groups |
| ---- | ------ | ------- | ----- | ---------- | ------- | ----- | ------ |
| 张伟 | A      | 5 4 3 2 | 14    | introduced | yes     | 2     | 2      |
| 周文 | B      | 2 2 2 2 | 8     | spotted    | no      | 0 (1 deleted) | 0 |
| 刘洋 | A      | 5 5 5 5 | 20    | advocating | yes     | 1     | 1      |
| 单华 | A      | 3 3 3 3 | 12    | dormant    | no      | 0     | 0      |
| 王芳 | A      | (deleted)                                                 |

Pinyin order of the names: liuyang < shanhua (单 as a surname) < zhangwei < zhouwen.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import UTC, date, datetime
from typing import Any

import pytest

from fieldapp.model import GroupKind, InvitationStatus, KocStage
from fieldapp.store import Store, views_kocs as v
from tests.conftest import Maker, World

CONSENT = {"consent": True, "consent_at": "2026-10-01T02:00:00+00:00", "consent_method": "wechat"}


class Data:
    def __init__(self, world: World, make: Maker) -> None:
        store = world.store
        self.store = store
        self.county_a = world.county_id
        self.county_b = make.county(name="二七区").id
        self.shop1 = make.shop(name="鑫旺便利店", code="S001")
        self.shop2 = make.shop(name="好又多超市", code="S002")
        self.owner1 = make.owner(shop_id=self.shop1.id, name="王建国")
        self.visit = make.visit(shop_id=self.shop1.id, planned_date="2026-09-30")
        self.zhang = make.koc(
            name="张伟",
            mobile="13800138000",
            trait_acquaintances=5,
            trait_trying=4,
            trait_sharing=3,
            trait_expertise=2,
            source_visit_id=self.visit.id,
            **CONSENT,
        )
        store.kocs.set_stage(self.zhang.id, "introduced")
        self.zhou = make.koc(
            name="周文",
            county_id=self.county_b,
            wechat="zhouwen88",
            trait_acquaintances=2,
            trait_trying=2,
            trait_sharing=2,
            trait_expertise=2,
        )
        self.liu = make.koc(
            name="刘洋",
            trait_acquaintances=5,
            trait_trying=5,
            trait_sharing=5,
            trait_expertise=5,
            stage="advocating",
            **CONSENT,
        )
        self.shan = make.koc(name="单华", stage="dormant")
        self.gone = make.koc(name="王芳")
        store.kocs.delete(self.gone.id)

        links = store.koc_shops
        links.create(koc_id=self.zhang.id, shop_id=self.shop2.id)
        links.create(
            koc_id=self.zhang.id,
            shop_id=self.shop1.id,
            introduced_by_owner_id=self.owner1.id,
            introduced_at="2026-10-01",
            note="常客",
        )
        links.create(koc_id=self.liu.id, shop_id=self.shop1.id)
        dropped = links.create(koc_id=self.zhou.id, shop_id=self.shop2.id)
        links.delete(dropped.id)

        groups = store.community_groups
        self.g_family = groups.create(
            kind="family", name="张家亲戚", size=30, admin_koc_id=self.zhang.id
        )
        self.g_hobby = groups.create(kind="hobby", name="钓鱼群", admin_koc_id=self.zhang.id)
        self.g_big = groups.create(
            kind="workplace", name="厂里同事", size=200, admin_koc_id=self.zhang.id
        )
        groups.delete(self.g_big.id)
        groups.create(kind="parents", name="三年级家长", size=45, admin_koc_id=self.liu.id)

        self.e_past = make.event(
            title="中秋品鉴会",
            starts_at="2026-10-10T10:00:00+00:00",
            ends_at="2026-10-10T12:00:00+00:00",
            status="done",
        )
        self.e_next = make.event(
            kind="scene",
            title="火锅夜",
            starts_at="2026-11-28T10:00:00+00:00",
            ends_at="2026-11-28T12:00:00+00:00",
        )
        e_gone = make.event(title="取消的活动")
        make.invitation(
            event_id=self.e_past.id, koc_id=self.zhang.id, status="attended", feedback=5
        )
        make.invitation(event_id=self.e_next.id, koc_id=self.zhang.id, note="带朋友来")
        make.invitation(event_id=e_gone.id, koc_id=self.zhang.id)
        store.events.delete(e_gone.id)


@pytest.fixture
def data(world: World, make: Maker) -> Data:
    return Data(world, make)


def names(rows: list[v.KocRow]) -> list[str]:
    return [r.name for r in rows]


def both(db: Any, **filters: Any) -> list[str]:
    """Names from koc_rows (sorted by name), after checking koc_count agrees."""
    rows = v.koc_rows(db, sort="name", **filters)
    assert v.koc_count(db, **filters) == len(rows)
    return names(rows)


# --------------------------------------------------------------------------- the list


def test_default_list_is_live_kocs_by_pinyin(data: Data) -> None:
    assert names(v.koc_rows(data.store.db)) == ["刘洋", "单华", "张伟", "周文"]
    assert v.koc_count(data.store.db) == 4


def test_row_values(data: Data) -> None:
    rows = {r.name: r for r in v.koc_rows(data.store.db)}
    zhang = rows["张伟"]
    assert zhang.id == data.zhang.id
    assert zhang.county == "金水区"
    assert zhang.county_id == data.county_a
    assert zhang.stage is KocStage.EXPERIENCED  # attended 中秋品鉴会
    assert (
        zhang.trait_acquaintances,
        zhang.trait_trying,
        zhang.trait_sharing,
        zhang.trait_expertise,
    ) == (5, 4, 3, 2)
    assert zhang.total == 14
    assert zhang.consent is True
    assert (zhang.shops, zhang.groups) == (2, 2)  # the deleted group does not count
    zhou = rows["周文"]
    assert (zhou.county, zhou.consent, zhou.shops, zhou.groups) == ("二七区", False, 0, 0)
    assert (rows["刘洋"].shops, rows["刘洋"].groups, rows["刘洋"].total) == (1, 1, 20)
    with pytest.raises(FrozenInstanceError):
        zhang.name = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zw", ["张伟", "周文"]),  # pinyin initials
        ("ZW", ["张伟", "周文"]),
        ("zhangwei", ["张伟"]),  # full pinyin
        ("zhang", ["张伟"]),
        ("张", ["张伟"]),  # Chinese
        ("sh", ["单华"]),  # 单 read as the surname shan
        ("dh", []),  # … and never as dan
        ("0013", ["张伟"]),  # part of a mobile number
        ("zhouwen", ["周文"]),
        ("王芳", []),  # deleted
        ("  ", ["刘洋", "单华", "张伟", "周文"]),  # blank: no search
        ("%", []),  # nothing searchable: nothing matches
    ],
)
def test_search(data: Data, text: str, expected: list[str]) -> None:
    assert both(data.store.db, search=text) == expected


def test_search_ranks_best_match_first(data: Data) -> None:
    # "zw" is the exact initials of both; "zhou" is a prefix of 周文 only.
    db = data.store.db
    assert names(v.koc_rows(db, search="zw")) == ["张伟", "周文"]
    store: Store = data.store
    store.kocs.create(name="赵子文", county_id=data.county_a)  # initials zzw: zw inside
    assert names(v.koc_rows(db, search="zw")) == ["张伟", "周文", "赵子文"]
    # An explicit sort key wins over the rank.
    assert names(v.koc_rows(db, search="zw", sort="name", descending=True)) == [
        "周文",
        "赵子文",
        "张伟",
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"stage": "dormant"}, ["单华"]),
        # 张伟 was introduced, then attended 中秋品鉴会: attending makes a KOC experienced.
        ({"stage": KocStage.INTRODUCED}, []),
        ({"stage": "experienced"}, ["张伟"]),
        ({"consent": True}, ["刘洋", "张伟"]),
        ({"consent": False}, ["单华", "周文"]),
        ({"min_acquaintances": 5}, ["刘洋", "张伟"]),
        ({"min_trying": 4}, ["刘洋", "张伟"]),
        ({"min_sharing": 3}, ["刘洋", "单华", "张伟"]),
        ({"min_expertise": 3}, ["刘洋", "单华"]),
        ({"min_total": 14}, ["刘洋", "张伟"]),
        ({"min_total": 15}, ["刘洋"]),
        ({"min_total": 4}, ["刘洋", "单华", "张伟", "周文"]),
        ({"min_acquaintances": 5, "min_expertise": 3}, ["刘洋"]),
        ({"consent": False, "min_total": 10}, ["单华"]),
    ],
)
def test_filters(data: Data, filters: dict[str, Any], expected: list[str]) -> None:
    assert both(data.store.db, **filters) == expected


def test_county_and_rep_filters(data: Data, world: World) -> None:
    db = data.store.db
    assert both(db, county_id=data.county_b) == ["周文"]
    assert both(db, county_id=data.county_a) == ["刘洋", "单华", "张伟"]
    assert both(db, county_id=data.county_a, consent=True, min_sharing=4) == ["刘洋"]
    assert both(db, rep_id=world.rep_id) == ["刘洋", "单华", "张伟", "周文"]
    assert both(db, rep_id="someone-else") == []


@pytest.mark.parametrize(
    ("sort", "descending", "expected"),
    [
        ("name", False, ["刘洋", "单华", "张伟", "周文"]),
        ("name", True, ["周文", "张伟", "单华", "刘洋"]),
        ("total", True, ["刘洋", "张伟", "单华", "周文"]),
        ("total", False, ["周文", "单华", "张伟", "刘洋"]),
        # funnel order, dormant last
        ("stage", False, ["周文", "张伟", "刘洋", "单华"]),
        ("stage", True, ["单华", "刘洋", "张伟", "周文"]),
        # ties keep name order whatever the direction
        ("shops", True, ["张伟", "刘洋", "单华", "周文"]),
        ("groups", True, ["张伟", "刘洋", "单华", "周文"]),
        ("consent", True, ["刘洋", "张伟", "单华", "周文"]),
        ("acquaintances", False, ["周文", "单华", "刘洋", "张伟"]),
        ("expertise", True, ["刘洋", "单华", "张伟", "周文"]),
        ("trying", False, ["周文", "单华", "张伟", "刘洋"]),
        ("sharing", False, ["周文", "单华", "张伟", "刘洋"]),
        # 二七区 sorts before 金水区 by code point (二 U+4E8C < 金 U+91D1)
        ("county", False, ["周文", "刘洋", "单华", "张伟"]),
    ],
)
def test_sorting(data: Data, sort: str, descending: bool, expected: list[str]) -> None:
    assert names(v.koc_rows(data.store.db, sort=sort, descending=descending)) == expected


def test_paging(data: Data) -> None:
    db = data.store.db
    assert names(v.koc_rows(db, sort="name", limit=2)) == ["刘洋", "单华"]
    assert names(v.koc_rows(db, sort="name", limit=2, offset=1)) == ["单华", "张伟"]
    assert names(v.koc_rows(db, sort="name", limit=2, offset=3)) == ["周文"]
    assert v.koc_rows(db, sort="name", limit=2, offset=4) == []
    assert names(v.koc_rows(db, limit=None, offset=2)) == ["张伟", "周文"]


def test_unknown_sort_key_is_refused(data: Data) -> None:
    with pytest.raises(ValueError):
        v.koc_rows(data.store.db, sort="name; DROP TABLE kocs")


def test_empty_store(store: Store) -> None:
    assert v.koc_rows(store.db) == []
    assert v.koc_count(store.db) == 0


# --------------------------------------------------------------------------- one KOC


def test_detail(data: Data, world: World) -> None:
    d = v.koc_detail(data.store.db, koc_id=data.zhang.id)
    assert d is not None
    assert d.koc == data.store.kocs.get(data.zhang.id)
    assert d.koc.stage is KocStage.EXPERIENCED
    assert d.county == "金水区"
    assert d.rep == "李娜"
    assert (d.source_shop_id, d.source_shop) == (data.shop1.id, "鑫旺便利店")
    assert d.source_visit_date == date(2026, 9, 30)
    assert (d.source_event_id, d.source_event) == (None, None)

    plain = v.koc_detail(data.store.db, koc_id=data.shan.id)
    assert plain is not None
    assert (plain.source_shop, plain.source_visit_date, plain.source_event) == (None, None, None)


def test_detail_of_missing_or_deleted_koc_is_none(data: Data) -> None:
    assert v.koc_detail(data.store.db, koc_id=data.gone.id) is None
    assert v.koc_detail(data.store.db, koc_id="no-such-id") is None


def test_shops(data: Data) -> None:
    rows = v.koc_shops(data.store.db, koc_id=data.zhang.id)
    assert [(r.shop, r.shop_code, r.introduced_by, r.introduced_at, r.note) for r in rows] == [
        ("鑫旺便利店", "S001", "王建国", date(2026, 10, 1), "常客"),
        ("好又多超市", "S002", None, None, None),  # undated introductions last
    ]
    assert rows[0].shop_id == data.shop1.id
    assert rows[0].introduced_by_owner_id == data.owner1.id
    assert v.koc_shops(data.store.db, koc_id=data.zhou.id) == []  # its only link was deleted


def test_groups(data: Data) -> None:
    rows = v.koc_groups(data.store.db, koc_id=data.zhang.id)
    assert [(r.kind, r.name, r.size) for r in rows] == [
        (GroupKind.FAMILY, "张家亲戚", 30),
        (GroupKind.HOBBY, "钓鱼群", None),  # unknown size last; the deleted 200 is gone
    ]
    assert v.koc_groups(data.store.db, koc_id=data.shan.id) == []


def test_events(data: Data) -> None:
    rows = v.koc_events(data.store.db, koc_id=data.zhang.id)
    assert [(r.title, r.status, r.feedback, r.note) for r in rows] == [
        ("火锅夜", InvitationStatus.INVITED, None, "带朋友来"),
        ("中秋品鉴会", InvitationStatus.ATTENDED, 5, None),
    ]
    assert rows[0].event_id == data.e_next.id
    assert rows[0].starts_at == datetime(2026, 11, 28, 10, tzinfo=UTC)
    assert rows[1].event_status == "done"
    assert v.koc_events(data.store.db, koc_id=data.liu.id) == []


def test_history(data: Data) -> None:
    rows = v.koc_history(data.store.db, koc_id=data.zhang.id)
    assert [(r.from_stage, r.to_stage) for r in rows] == [
        (KocStage.INTRODUCED, KocStage.EXPERIENCED),  # by attending 中秋品鉴会
        (KocStage.SPOTTED, KocStage.INTRODUCED),
        (None, KocStage.SPOTTED),
    ]
    assert rows[0].changed_at is not None and rows[1].changed_at is not None
    assert rows[0].changed_at > rows[1].changed_at
    data.store.kocs.set_stage(data.zhang.id, "advocating")
    latest = v.koc_history(data.store.db, koc_id=data.zhang.id)[0]
    assert (latest.from_stage, latest.to_stage) == (KocStage.EXPERIENCED, KocStage.ADVOCATING)
    assert len(v.koc_history(data.store.db, koc_id=data.zhang.id)) == 4
