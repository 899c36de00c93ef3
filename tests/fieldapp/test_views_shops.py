"""The shop list and shop page queries on small hand-made data with known answers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from fieldapp.model import BUSINESS_UTC_OFFSET, CloudStore, InteractionKind, KocStage, Tier
from fieldapp.store import metrics, views_shops as v
from tests.conftest import Maker, World

TODAY = date(2026, 11, 24)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def shops(world: World, make: Maker) -> dict[str, str]:
    """Four live shops and a deleted one; ids by a short name.

    xinwang  鑫旺便利店 HN-001 A convenience, owner 王芳 (level 2), visited 2026-11-20 local
    zhangji  张记烟酒   HN-002 B tobacco_liquor, owner 李强 (level 4), visited 2026-11-11
             local (2026-11-10 17:00 UTC: 13 days on Beijing time, 14 on UTC)
    pingjia  平价超市   C supermarket in another county, no owner, never visited
    xinxin   新鑫便利   C convenience, owner 单丽 (level 5), visited 2026-09-01: overdue
    gone     旺旺小卖部 deleted
    """
    store = world.store
    county2 = make.county(name="二七区").id
    a = make.shop(
        name="鑫旺便利店",
        code="HN-001",
        tier="A",
        channel="convenience",
        phone="0371-66001234",
        cloud_store="active",
    )
    b = make.shop(name="张记烟酒", code="HN-002", tier="B", channel="tobacco_liquor")
    c = make.shop(name="平价超市", tier="C", channel="supermarket", county_id=county2)
    d = make.shop(name="新鑫便利", tier="C", channel="convenience", cloud_store="opened")
    gone = make.shop(name="旺旺小卖部", tier="A", channel="convenience")
    make.owner(shop_id=a.id, name="王芳", mobile="13800138000", level=2)
    make.owner(shop_id=b.id, name="李强", mobile="13912345678", level=4)
    make.owner(shop_id=d.id, name="单丽", level=5)
    store.shops.delete(gone.id)

    def visit(shop_id: str, at: str, out: str | None = None) -> str:
        vid = make.visit(shop_id=shop_id, planned_date=at[:10]).id
        store.visits.check_in(vid, at=utc(at))
        if out:
            store.visits.check_out(vid, at=utc(out))
        return vid

    visit(a.id, "2026-11-19T16:30:00", "2026-11-19T17:15:00")  # 2026-11-20 00:30 Beijing
    visit(a.id, "2026-10-01T02:00:00")
    visit(b.id, "2026-11-10T17:00:00")  # 2026-11-11 01:00 Beijing
    visit(d.id, "2026-09-01T02:00:00")
    # Not counted as visits: a planned one, a deleted one, one after today.
    make.visit(shop_id=c.id, planned_date="2026-11-23")
    store.visits.delete(visit(c.id, "2026-11-22T02:00:00"))
    visit(c.id, "2026-11-25T02:00:00")
    return {"xinwang": a.id, "zhangji": b.id, "pingjia": c.id, "xinxin": d.id, "gone": gone.id}


def names(rows: list[v.ShopRow]) -> list[str]:
    return [r.name for r in rows]


# --------------------------------------------------------------------------- the list


def test_rows_carry_owner_last_visit_and_overdue(world: World, shops: dict[str, str]) -> None:
    rows = {r.name: r for r in v.shop_rows(world.store.db, today=TODAY)}
    assert set(rows) == {"鑫旺便利店", "张记烟酒", "平价超市", "新鑫便利"}
    a = rows["鑫旺便利店"]
    assert (a.code, a.tier, a.channel, a.county) == ("HN-001", Tier.A, "convenience", "金水区")
    assert (a.owner, a.level, a.cloud_store) == ("王芳", 2, CloudStore.ACTIVE)
    assert (a.last_visit, a.days_since, a.overdue) == (date(2026, 11, 20), 4, False)
    b = rows["张记烟酒"]
    assert (b.last_visit, b.days_since, b.overdue) == (date(2026, 11, 11), 13, False)
    c = rows["平价超市"]
    assert (c.owner, c.level, c.last_visit, c.days_since, c.overdue) == (
        None,
        None,
        None,
        None,
        True,
    )
    assert (c.county, rows["新鑫便利"].overdue) == ("二七区", True)


def test_utc_day_differs_from_beijing_day(world: World, shops: dict[str, str]) -> None:
    db = world.store.db
    beijing = v.shop_rows(db, today=TODAY, text="张记")
    on_utc = v.shop_rows(db, today=TODAY, text="张记", utc_offset=timedelta(0))
    assert (beijing[0].days_since, beijing[0].overdue) == (13, False)
    assert (on_utc[0].days_since, on_utc[0].overdue) == (14, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("xwbld", ["鑫旺便利店"]),  # initials of the shop
        ("xinwang", ["鑫旺便利店"]),  # full pinyin
        ("鑫", ["鑫旺便利店", "新鑫便利"]),  # Chinese, prefix match first
        ("wf", ["鑫旺便利店"]),  # the owner's initials: 王芳
        ("sl", ["新鑫便利"]),  # owner 单丽 reads shan li, not dan li
        ("66001234", ["鑫旺便利店"]),  # landline digits
        ("138001", ["鑫旺便利店"]),  # part of the owner's mobile
        ("hn-002", ["张记烟酒"]),  # shop code, any case
        ("超市", ["平价超市"]),
        ("旺旺", []),  # deleted shop
        ("%", []),  # LIKE wildcards are text, not patterns
        ("!!", []),  # nothing searchable
    ],
)
def test_search(world: World, shops: dict[str, str], text: str, expected: list[str]) -> None:
    db = world.store.db
    assert names(v.shop_rows(db, today=TODAY, text=text)) == expected
    assert v.shop_count(db, today=TODAY, text=text) == len(expected)


def test_search_ranks_exact_then_prefix_then_anywhere(world: World, make: Maker) -> None:
    for name in ("老王便利", "王便利", "王便利店"):
        make.shop(name=name)
    got = names(v.shop_rows(world.store.db, today=TODAY, text="王便利"))
    assert got == ["王便利", "王便利店", "老王便利"]


def test_filters(world: World, shops: dict[str, str]) -> None:
    db = world.store.db

    def run(**filters: object) -> list[str]:
        rows = names(v.shop_rows(db, today=TODAY, order_by="name", **filters))  # type: ignore[arg-type]
        assert v.shop_count(db, today=TODAY, **filters) == len(rows)  # type: ignore[arg-type]
        return rows

    county2 = world.store.counties.list(where={"name": "二七区"})[0].id
    assert run(county_id=county2) == ["平价超市"]
    assert run(county_id=world.county_id) == [X1, X2, Z]
    assert run(tier="A") == ["鑫旺便利店"]
    assert run(tier=Tier.C) == ["平价超市", "新鑫便利"]
    assert run(channel="convenience") == [X1, X2]
    assert run(level=4) == ["张记烟酒"]
    assert run(level=1) == []
    assert run(overdue=True) == ["平价超市", "新鑫便利"]
    assert run(overdue=True, channel="supermarket") == ["平价超市"]
    assert run(rep_id=world.rep_id, tier="B") == ["张记烟酒"]
    assert run(rep_id="someone else") == []
    assert run(text="便利", overdue=True) == ["新鑫便利"]


def test_overdue_agrees_with_metrics(world: World, shops: dict[str, str]) -> None:
    db = world.store.db
    report = metrics.overdue_shops(db, today=TODAY, utc_offset=BUSINESS_UTC_OFFSET)
    assert v.shop_count(db, today=TODAY, overdue=True) == report.overdue == 2
    for day in (date(2026, 11, 27), date(2026, 12, 4), date(2026, 12, 30)):
        report = metrics.overdue_shops(db, today=day, utc_offset=BUSINESS_UTC_OFFSET)
        assert v.shop_count(db, today=day, overdue=True) == report.overdue


P, X1, X2, Z = "平价超市", "鑫旺便利店", "新鑫便利", "张记烟酒"


@pytest.mark.parametrize(
    ("key", "ascending", "descending"),
    [
        # Ties and missing values: ties keep name (pinyin) order, missing sorts lowest.
        ("code", [P, X2, X1, Z], [Z, X1, P, X2]),
        ("name", [P, X1, X2, Z], [Z, X2, X1, P]),  # pinyin: ping, xinwang, xinxin, zhang
        ("channel", [X1, X2, P, Z], [Z, P, X1, X2]),
        ("tier", [X1, Z, P, X2], [P, X2, Z, X1]),
        ("county", [P, X1, X2, Z], [X1, X2, Z, P]),  # 二七区 before 金水区
        ("owner", [P, Z, X2, X1], [X1, X2, Z, P]),  # none, li, shan, wang
        ("level", [P, X1, Z, X2], [X2, Z, X1, P]),
        ("last_visit", [P, X2, Z, X1], [X1, Z, X2, P]),  # never visited first
        ("days_since", [X1, Z, X2, P], [P, X2, Z, X1]),  # never visited: longest
        ("cloud_store", [P, Z, X2, X1], [X1, X2, P, Z]),  # none, opened, active
    ],
)
def test_sorting(
    world: World, shops: dict[str, str], key: str, ascending: list[str], descending: list[str]
) -> None:
    db = world.store.db
    assert names(v.shop_rows(db, today=TODAY, order_by=key)) == ascending
    assert names(v.shop_rows(db, today=TODAY, order_by=key, descending=True)) == descending
    # The same order when the page is cut one row at a time.
    paged = [
        r.name
        for offset in range(4)
        for r in v.shop_rows(db, today=TODAY, order_by=key, limit=1, offset=offset)
    ]
    assert paged == ascending


@pytest.mark.parametrize("key", ["name; DROP TABLE shops", "s.name", "rowid", "NAME", ""])
def test_sort_key_is_whitelisted(world: World, shops: dict[str, str], key: str) -> None:
    with pytest.raises(ValueError, match="sort key"):
        v.shop_rows(world.store.db, today=TODAY, order_by=key)
    assert world.store.shops.count() == 4


def test_paging_covers_every_shop_once(world: World, make: Maker) -> None:
    for i in range(23):
        make.shop(name=f"便利店{i:02d}", tier="ABC"[i % 3])
    db = world.store.db
    for key in (None, "tier", "last_visit"):
        seen = [
            r.id
            for offset in range(0, 30, 5)
            for r in v.shop_rows(db, today=TODAY, order_by=key, limit=5, offset=offset)
        ]
        assert len(seen) == len(set(seen)) == 23 == v.shop_count(db, today=TODAY)


def test_deleted_owner_leaves_shop_without_owner(world: World, shops: dict[str, str]) -> None:
    store = world.store
    owner = store.owners.list(where={"shop_id": shops["zhangji"]})[0]
    store.owners.delete(owner.id)
    row = v.shop_rows(store.db, today=TODAY, text="张记烟酒")[0]
    assert (row.owner, row.level) == (None, None)
    assert v.shop_rows(store.db, today=TODAY, text="lq") == []


# --------------------------------------------------------------------------- the shop page


def test_detail(world: World, make: Maker, shops: dict[str, str]) -> None:
    store = world.store
    store.shops.update(shops["xinwang"], latitude=34.75, longitude=113.62, address="花园路1号")
    d = v.shop_detail(store.db, shops["xinwang"])
    assert d is not None
    assert (d.name, d.code, d.tier, d.county, d.address) == (
        "鑫旺便利店",
        "HN-001",
        Tier.A,
        "金水区",
        "花园路1号",
    )
    assert (d.phone, d.latitude, d.longitude, d.rep) == ("0371-66001234", 34.75, 113.62, "李娜")
    assert d.owner is not None
    assert (d.owner.name, d.owner.mobile, d.owner.level) == ("王芳", "13800138000", 2)
    assert (d.visits, d.kocs, d.events, d.interactions, d.photos) == (2, 0, 0, 0, 0)
    assert v.shop_detail(store.db, shops["gone"]) is None
    assert v.shop_detail(store.db, "no such id") is None
    no_owner = v.shop_detail(store.db, shops["pingjia"])
    assert no_owner is not None and no_owner.owner is None
    # Planned, deleted and future visits: the deleted one is not counted.
    assert no_owner.visits == 2


def test_interactions_newest_first_across_owners(world: World, shops: dict[str, str]) -> None:
    store = world.store
    shop = shops["xinwang"]
    first = store.owners.list(where={"shop_id": shop})[0]
    second = store.owners.create(shop_id=shop, name="王小二", level=1)
    make = store.interactions.create
    make(owner_id=first.id, date="2026-11-01", kind="call", note="旧")
    make(owner_id=second.id, date="2026-11-20", kind="gift", note="中秋礼盒", level_after=2)
    make(owner_id=first.id, date="2026-11-20", kind="wechat", note="同一天后记", level_after=3)
    gone = make(owner_id=first.id, date="2026-11-23", kind="visit")
    store.interactions.delete(gone.id)
    other = store.owners.list(where={"shop_id": shops["zhangji"]})[0]
    make(owner_id=other.id, date="2026-11-22", kind="call")

    rows = v.shop_interactions(store.db, shop)
    assert [(r.date, r.kind, r.owner, r.note, r.level_after) for r in rows] == [
        (date(2026, 11, 20), InteractionKind.WECHAT, "王芳", "同一天后记", 3),
        (date(2026, 11, 20), InteractionKind.GIFT, "王小二", "中秋礼盒", 2),
        (date(2026, 11, 1), InteractionKind.CALL, "王芳", "旧", None),
    ]
    assert [r.id for r in v.shop_interactions(store.db, shop, limit=1, offset=1)] == [rows[1].id]
    d = v.shop_detail(store.db, shop)
    assert d is not None and d.interactions == 3
    assert d.owner is not None and d.owner.name == "王芳"  # the first owner stays the owner


def test_interactions_of_one_day_keep_their_entry_order(
    world: World, shops: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several entries in the same second (the store's clock has seconds) come newest
    first as they were entered, as the owner's level reads them, never by random id."""
    store = world.store
    shop = shops["xinwang"]
    owner = store.owners.list(where={"shop_id": shop})[0]
    monkeypatch.setattr(store, "_clock", lambda: datetime(2026, 11, 20, 2, 0, tzinfo=UTC))
    made = [
        store.interactions.create(
            owner_id=owner.id, date="2026-11-20", kind="call", note=f"第{n}次", level_after=n
        )
        for n in (1, 2, 3, 4, 5, 1)
    ]
    rows = v.shop_interactions(store.db, shop)
    assert [r.id for r in rows] == [m.id for m in reversed(made)]
    assert store.owners.get(owner.id).level == rows[0].level_after == 1


def test_kocs_with_introducer(world: World, make: Maker, shops: dict[str, str]) -> None:
    store = world.store
    shop = shops["xinwang"]
    owner = store.owners.list(where={"shop_id": shop})[0]
    k1 = make.koc(name="张丽", stage="advocating", mobile="13700001111")
    k2 = make.koc(name="刘洋")
    k3 = make.koc(name="赵敏")
    gone = make.koc(name="钱多")
    store.koc_shops.create(
        koc_id=k1.id, shop_id=shop, introduced_by_owner_id=owner.id, introduced_at="2026-10-01"
    )
    store.koc_shops.create(
        koc_id=k2.id, shop_id=shop, introduced_by_owner_id=owner.id, introduced_at="2026-11-02"
    )
    store.koc_shops.create(koc_id=k3.id, shop_id=shop)
    store.koc_shops.create(koc_id=gone.id, shop_id=shop)
    store.koc_shops.create(koc_id=k3.id, shop_id=shops["zhangji"])
    store.kocs.delete(gone.id)

    rows = v.shop_kocs(store.db, shop)
    assert [(r.name, r.introduced_by, r.introduced_at) for r in rows] == [
        ("刘洋", "王芳", date(2026, 11, 2)),
        ("张丽", "王芳", date(2026, 10, 1)),
        ("赵敏", None, None),
    ]
    assert (rows[1].koc_id, rows[1].stage, rows[1].mobile) == (
        k1.id,
        KocStage.ADVOCATING,
        "13700001111",
    )
    d = v.shop_detail(store.db, shop)
    assert d is not None and d.kocs == 3


def test_visits_newest_first(world: World, make: Maker, shops: dict[str, str]) -> None:
    store = world.store
    shop = shops["xinwang"]
    planned = make.visit(shop_id=shop, planned_date="2026-11-28")
    rows = v.shop_visits(store.db, shop)
    assert [r.day for r in rows] == [date(2026, 11, 28), date(2026, 11, 20), date(2026, 10, 1)]
    assert [r.state for r in rows] == ["planned", "finished", "in_progress"]
    assert rows[0].id == planned.id and rows[0].checkin_date is None
    assert (rows[1].checkin_date, rows[1].duration_minutes, rows[1].rep) == (
        date(2026, 11, 20),
        45,
        "李娜",
    )
    assert rows[2].duration_minutes is None
    on_utc = v.shop_visits(store.db, shop, utc_offset=timedelta(0))
    assert on_utc[1].checkin_date == date(2026, 11, 19)


def test_events_at_the_venue(world: World, make: Maker, shops: dict[str, str]) -> None:
    store = world.store
    shop = shops["xinwang"]
    early = make.event(
        title="中秋品鉴会",
        venue_shop_id=shop,
        starts_at="2026-09-10T11:00:00+00:00",
        ends_at="2026-09-10T13:00:00+00:00",
        status="done",
    )
    late = make.event(
        title="火锅夜",
        kind="scene",
        venue_shop_id=shop,
        starts_at="2026-11-27T17:00:00+00:00",  # 2026-11-28 01:00 Beijing
        ends_at="2026-11-27T19:00:00+00:00",
    )
    make.event(title="别处", venue_shop_id=shops["zhangji"])
    gone = make.event(title="取消了", venue_shop_id=shop)
    store.events.delete(gone.id)
    k1, k2 = make.koc(name="甲"), make.koc(name="乙")
    store.invitations.create(event_id=early.id, koc_id=k1.id, status="attended", feedback=5)
    store.invitations.create(event_id=early.id, koc_id=k2.id, status="no_show")
    rows = v.shop_events(store.db, shop)
    assert [(r.id, r.title, r.day) for r in rows] == [
        (late.id, "火锅夜", date(2026, 11, 28)),
        (early.id, "中秋品鉴会", date(2026, 9, 10)),
    ]
    assert (rows[1].invited, rows[1].attended, rows[1].status, rows[1].turnout) == (
        2,
        1,
        "done",
        "1/2",
    )
    assert (rows[0].invited, rows[0].attended, rows[0].kind, rows[0].turnout) == (0, 0, "scene", "")


def test_photos_of_shop_and_its_visits(
    world: World, make: Maker, tmp_path: Path, shops: dict[str, str]
) -> None:
    store = world.store
    shop = shops["xinwang"]
    files = []
    for i in range(3):
        f = tmp_path / f"p{i}.png"
        f.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes([i]) * 32)
        files.append(f)
    visit = store.visits.list(where={"shop_id": shop})[0]
    p_shop = store.photos.add_file(files[0], shop_id=shop, taken_at=utc("2026-11-01T02:00:00"))
    p_visit = store.photos.add_file(
        files[1], visit_id=visit.id, taken_at=utc("2026-11-20T01:00:00")
    )
    store.photos.add_file(files[2], shop_id=shops["zhangji"])
    got = v.shop_photos(store.db, shop)
    assert [p.id for p in got] == [p_visit.id, p_shop.id]
    assert store.photos.path_of(got[0]).read_bytes() == files[1].read_bytes()
    d = v.shop_detail(store.db, shop)
    assert d is not None and d.photos == 2


@pytest.mark.parametrize(
    "filters",
    [{}, {"text": "zw"}, {"tier": "A"}, {"overdue": True}, {"text": "便利", "overdue": True}],
)
def test_shop_page_total_equals_shop_count(filters: dict[str, Any]) -> None:
    """The window count of one page query agrees with the separate count."""
    from fieldapp.demo import generate
    from fieldapp.store import Store

    store = Store.open(":memory:")
    generate(store, scale="rep", seed=2, today=date(2026, 11, 24))
    for order in (None, "name", "last_visit"):
        rows, total = v.shop_page(
            store.db, today=date(2026, 11, 24), limit=10, order_by=order, **filters
        )
        assert total == v.shop_count(store.db, today=date(2026, 11, 24), **filters)
        assert len(rows) == min(10, total)
