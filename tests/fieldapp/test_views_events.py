"""The event queries (fieldapp.store.views_events) on small hand-made worlds with known answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from fieldapp.store import views_events as v
from tests.conftest import Maker, World

BEIJING = timezone(timedelta(hours=8))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A UTC time on a day of November 2026."""
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def event(make: Maker, start: datetime, end: datetime, **fields: object) -> str:
    return str(
        make.event(starts_at=start.isoformat(), ends_at=end.isoformat(), **fields).id  # type: ignore[arg-type]
    )


# --------------------------------------------------------------------------- overlaps


@pytest.fixture
def booked(world: World, make: Maker) -> dict[str, str]:
    """One event of the world's rep at a venue, 28 Nov 10:00–12:00 UTC."""
    venue = make.shop(name="老味道酒楼", channel="restaurant")
    eid = event(make, at(28, 10), at(28, 12), venue_shop_id=venue.id, title="金典品鉴会")
    return {"event": eid, "venue": venue.id, "rep": world.rep_id}


@pytest.mark.parametrize(
    ("start", "end", "overlaps"),
    [
        (at(28, 12), at(28, 14), False),  # starts as the other ends: touching
        (at(28, 8), at(28, 10), False),  # ends as the other starts: touching
        (at(28, 12, 1), at(28, 14), False),  # after
        (at(28, 7), at(28, 9, 59), False),  # before
        (at(28, 11, 59), at(28, 13), True),  # one minute of overlap at the end
        (at(28, 9), at(28, 10, 1), True),  # one minute of overlap at the start
        (at(28, 9), at(28, 13), True),  # contains it
        (at(28, 10, 30), at(28, 11), True),  # inside it
        (at(28, 10), at(28, 12), True),  # the same interval
    ],
)
def test_overlap_edges_for_the_same_rep(
    world: World, booked: dict[str, str], start: datetime, end: datetime, overlaps: bool
) -> None:
    found = v.overlapping_events(world.store.db, starts_at=start, ends_at=end, rep_id=world.rep_id)
    assert [o.id for o in found] == ([booked["event"]] if overlaps else [])
    if overlaps:
        assert found[0].same_rep and found[0].same_venue is False


def test_touching_in_beijing_time_is_no_overlap(world: World, booked: dict[str, str]) -> None:
    # 20:00 Beijing is 12:00 UTC, exactly when the booked event ends.
    start = datetime(2026, 11, 28, 20, 0, tzinfo=BEIJING)
    db = world.store.db
    found = v.overlapping_events(
        db, starts_at=start, ends_at=start + timedelta(hours=2), rep_id=world.rep_id
    )
    assert found == []
    found = v.overlapping_events(
        db, starts_at=start - timedelta(minutes=1), ends_at=start + timedelta(hours=2),
        rep_id=world.rep_id,
    )  # fmt: skip
    assert [o.id for o in found] == [booked["event"]]


def test_venue_clash_of_another_rep(world: World, make: Maker, booked: dict[str, str]) -> None:
    store = world.store
    other = store.users.create(name="赵强", role="rep")
    db = store.db
    # Another rep asks: no clash of their own, but the venue is taken.
    assert v.overlapping_events(db, starts_at=at(28, 11), ends_at=at(28, 13), rep_id=other.id) == []
    found = v.overlapping_events(
        db,
        starts_at=at(28, 11),
        ends_at=at(28, 13),
        rep_id=other.id,
        venue_shop_id=booked["venue"],
    )
    assert [(o.id, o.same_rep, o.same_venue) for o in found] == [(booked["event"], False, True)]
    assert found[0].venue_name == "老味道酒楼"
    # Both: the same rep at the same venue.
    both = v.overlapping_events(
        db,
        starts_at=at(28, 11),
        ends_at=at(28, 13),
        rep_id=world.rep_id,
        venue_shop_id=booked["venue"],
    )
    assert [(o.same_rep, o.same_venue) for o in both] == [(True, True)]
    # Another venue, another rep: nothing.
    elsewhere = make.shop(name="别处饭店", channel="restaurant")
    assert (
        v.overlapping_events(
            db,
            starts_at=at(28, 11),
            ends_at=at(28, 13),
            rep_id=other.id,
            venue_shop_id=elsewhere.id,
        )
        == []
    )


def test_overlap_leaves_out_cancelled_deleted_and_the_event_itself(
    world: World, make: Maker, booked: dict[str, str]
) -> None:
    store, db = world.store, world.store.db
    ask = {"starts_at": at(28, 11), "ends_at": at(28, 13), "rep_id": world.rep_id}
    assert [o.id for o in v.overlapping_events(db, **ask)] == [booked["event"]]  # type: ignore[arg-type]
    assert v.overlapping_events(db, **ask, exclude_event_id=booked["event"]) == []  # type: ignore[arg-type]
    store.events.update(booked["event"], status="cancelled")
    assert v.overlapping_events(db, **ask) == []  # type: ignore[arg-type]
    assert len(v.overlapping_events(db, **ask, include_cancelled=True)) == 1  # type: ignore[arg-type]
    store.events.update(booked["event"], status="planned")
    store.events.delete(booked["event"])
    assert v.overlapping_events(db, **ask) == []  # type: ignore[arg-type]


def test_overlap_needs_a_rep_or_venue_and_a_real_range(
    world: World, booked: dict[str, str]
) -> None:
    db = world.store.db
    assert v.overlapping_events(db, starts_at=at(28, 9), ends_at=at(28, 13)) == []
    assert (
        v.overlapping_events(db, starts_at=at(28, 13), ends_at=at(28, 9), rep_id=world.rep_id) == []
    )
    assert (
        v.overlapping_events(db, starts_at=at(28, 11), ends_at=at(28, 11), rep_id=world.rep_id)
        == []
    )


def test_several_overlaps_come_by_start(world: World, make: Maker) -> None:
    late = event(make, at(28, 14), at(28, 16), title="晚场")
    early = event(make, at(28, 9), at(28, 11), title="早场")
    event(make, at(28, 16), at(28, 18), title="不重叠")
    found = v.overlapping_events(
        world.store.db, starts_at=at(28, 10), ends_at=at(28, 15), rep_id=world.rep_id
    )
    assert [o.id for o in found] == [early, late]


# --------------------------------------------------------------------------- calendar and list


def test_events_between_takes_overlapping_not_touching(world: World, make: Maker) -> None:
    db = world.store.db
    # A week from Monday 23 Nov 00:00 to Monday 30 Nov 00:00 (UTC here).
    start, end = at(23, 0), at(30, 0)
    inside = event(make, at(25, 10), at(25, 12), title="周中")
    across = event(make, at(22, 22), at(23, 1), title="跨周一零点")
    event(make, at(22, 20), at(23, 0), title="周日结束")  # ends as the week starts
    event(make, at(30, 0), at(30, 2), title="下周一")  # starts as the week ends
    event(make, at(26, 10), at(26, 12), title="已删除")
    gone = world.store.events.list(where={"title": "已删除"})[0].id
    world.store.events.delete(gone)
    rows = v.events_between(db, start=start, end=end)
    assert [r.id for r in rows] == [across, inside]


def test_event_filters(world: World, make: Maker) -> None:
    store, db = world.store, world.store.db
    other = store.users.create(name="赵强", role="rep")
    venue = make.shop(name="鸿运酒家", channel="restaurant")
    a = event(make, at(25, 10), at(25, 12), kind="tasting", title="金典十年品鉴会")
    b = event(make, at(26, 10), at(26, 12), kind="scene", title="火锅之夜", venue_shop_id=venue.id)
    c = event(make, at(27, 10), at(27, 12), kind="scene", title="家宴", rep_id=other.id)
    d = event(make, at(27, 14), at(27, 15), title="取消的", status="cancelled", venue_note="村委会")
    ids = lambda **kw: [r.id for r in v.event_rows(db, **kw)]  # noqa: E731
    assert ids() == [a, b, c, d]
    assert ids(kind="scene") == [b, c]
    assert ids(kind=["scene", "tasting"]) == [a, b, c, d]
    assert ids(status="cancelled") == [d]
    assert ids(status=["planned", "confirmed"]) == [a, b, c]
    assert ids(rep_id=other.id) == [c]
    assert ids(text="品鉴") == [a]
    assert ids(text="鸿运") == [b]  # the venue shop's name
    assert ids(text="村委") == [d]  # the free-text venue
    assert ids(text="100%") == []  # LIKE wildcards are plain text
    assert v.event_count(db, kind="scene") == 2
    assert v.event_count(db, text="鸿运") == 1
    row = v.event_rows(db, text="鸿运")[0]
    assert row.venue == "鸿运酒家" and row.venue_name == "鸿运酒家"
    assert v.event_rows(db, text="村委")[0].venue == "村委会"


def test_event_rows_counts_sorting_and_paging(world: World, make: Maker) -> None:
    store, db = world.store, world.store.db
    a = event(make, at(25, 10), at(25, 12), title="A 场", capacity=2)
    b = event(make, at(26, 10), at(26, 12), title="B 场")
    c = event(make, at(27, 10), at(27, 12), title="C 场")
    k1, k2, k3 = make.koc(name="张丽"), make.koc(name="李强"), make.koc(name="王芳")
    owner = make.owner(name="刘建国")
    make.invitation(event_id=a, koc_id=k1.id, status="attended", feedback=4)
    make.invitation(event_id=a, koc_id=k2.id, status="no_show")
    make.invitation(event_id=a, owner_id=owner.id, status="confirmed")
    make.invitation(event_id=a, koc_id=k3.id)
    make.invitation(event_id=b, koc_id=k1.id, status="confirmed")
    gone = make.invitation(event_id=b, koc_id=k2.id)
    store.invitations.delete(gone.id)
    # An invitee deleted elsewhere (a synced tombstone) no longer counts.
    make.invitation(event_id=c, koc_id=k3.id)
    store.db.execute("UPDATE kocs SET deleted = 1 WHERE id = ?", [k3.id])

    rows = {r.id: r for r in v.event_rows(db)}
    ra = rows[a]
    assert (ra.invited, ra.confirmed, ra.attended, ra.no_show) == (3, 1, 1, 1)
    assert ra.expected == 2 and ra.capacity == 2
    assert (rows[b].invited, rows[b].confirmed) == (1, 1)
    assert rows[c].invited == 0

    def order(key: str, desc: bool = False) -> list[str]:
        return [r.id for r in v.event_rows(db, order_by=key, descending=desc)]

    assert order("starts_at") == [a, b, c]
    assert order("starts_at", True) == [c, b, a]
    assert order("invited", True) == [a, b, c]
    assert order("invited") == [c, b, a]
    assert order("title", True) == [c, b, a]
    with pytest.raises(ValueError, match="unknown sort key"):
        v.event_rows(db, order_by="starts_at; DROP TABLE events")
    # Pages neither repeat nor skip, with or without the count sort.
    for key in ("starts_at", "invited"):
        pages = [
            r.id for off in (0, 1, 2) for r in v.event_rows(db, order_by=key, limit=1, offset=off)
        ]
        assert pages == order(key)
    assert v.event_count(db) == 3


def test_event_detail(world: World, make: Maker, tmp_path: object) -> None:
    store, db = world.store, world.store.db
    venue = make.shop(name="鸿运酒家", channel="restaurant", address="人民路 8 号")
    eid = event(
        make, at(25, 10), at(25, 12), venue_shop_id=venue.id, capacity=1, budget=800, notes="备酒"
    )
    p1, p2 = make.product(name="金典十年"), make.product(name="原浆啤酒")
    store.event_products.create(event_id=eid, product_id=p1.id)
    link = store.event_products.create(event_id=eid, product_id=p2.id)
    store.event_products.delete(link.id)
    make.invitation(event_id=eid, koc_id=make.koc().id, status="confirmed")
    make.invitation(event_id=eid, owner_id=make.owner().id)
    make.koc(name="新朋友", source_event_id=eid)

    d = v.event_detail(db, event_id=eid)
    assert d is not None
    assert (d.title, d.venue_name, d.venue_address, d.venue) == (
        "品鉴会",
        "鸿运酒家",
        "人民路 8 号",
        "鸿运酒家",
    )
    assert d.venue_county_id == world.county_id and d.venue_county_name == "金水区"
    assert d.rep_id == world.rep_id and d.rep_name == "李娜"
    assert [p.name for p in d.products] == ["金典十年"]
    assert (d.invited, d.confirmed, d.attended, d.no_show) == (2, 1, 0, 0)
    assert d.kocs_found == 1 and d.photos == 0
    assert d.capacity == 1 and d.over_capacity
    assert d.budget == 800 and d.notes == "备酒"
    assert d.starts_at == at(25, 10) and d.ends_at == at(25, 12)
    assert v.event_detail(db, event_id="nope") is None
    store.events.delete(eid)
    assert v.event_detail(db, event_id=eid) is None


# --------------------------------------------------------------------------- invitations


def test_invitations_with_names_in_pinyin_order(world: World, make: Maker) -> None:
    store, db = world.store, world.store.db
    eid = event(make, at(25, 10), at(25, 12))
    shop = make.shop(name="鑫旺便利店")
    owner = make.owner(name="王建国", shop_id=shop.id, level=4, mobile="13800138000")
    zhang = make.koc(name="张丽", stage="introduced")
    an = make.koc(name="安然")
    make.invitation(event_id=eid, koc_id=zhang.id, status="attended", feedback=5)
    make.invitation(event_id=eid, owner_id=owner.id, status="confirmed")
    make.invitation(event_id=eid, koc_id=an.id, status="no_show", note="临时有事")
    gone = make.invitation(event_id=eid, koc_id=make.koc(name="删除的").id)
    store.invitations.delete(gone.id)

    rows = v.invitations(db, event_id=eid)
    assert [r.name for r in rows] == ["安然", "王建国", "张丽"]
    an_row, owner_row, zhang_row = rows
    assert (owner_row.person, owner_row.person_id, owner_row.detail) == (
        "owner",
        owner.id,
        "鑫旺便利店",
    )
    assert (owner_row.level, owner_row.stage, owner_row.mobile) == (4, None, "13800138000")
    # Attending moved 张丽 from introduced to experienced (the store's stage rule).
    assert (zhang_row.person, zhang_row.detail, zhang_row.stage) == ("koc", "金水区", "experienced")
    assert (zhang_row.status, zhang_row.feedback) == ("attended", 5)
    assert zhang_row.initials.startswith("zl")
    assert (an_row.status, an_row.note) == ("no_show", "临时有事")
    assert [r.name for r in v.invitations(db, event_id=eid, status="attended")] == ["张丽"]


def test_invitable_kocs(world: World, make: Maker) -> None:
    store, db = world.store, world.store.db
    eid = event(make, at(25, 10), at(25, 12))
    other_county = make.county(name="中牟县")
    other_rep = store.users.create(name="赵强", role="rep")
    zhang = make.koc(name="张伟", stage="introduced", trait_sharing=5)
    zhou = make.koc(name="周文", stage="spotted", mobile="13912345678")
    wang = make.koc(name="王芳", stage="introduced", county_id=other_county.id)
    li = make.koc(name="李娜", stage="dormant", rep_id=other_rep.id)
    gone = make.koc(name="删掉")
    store.kocs.delete(gone.id)
    make.invitation(event_id=eid, koc_id=wang.id)

    def names(**kw: object) -> list[str]:
        return [k.name for k in v.invitable_kocs(db, event_id=eid, **kw)]  # type: ignore[arg-type]

    assert names() == ["李娜", "张伟", "周文"]  # pinyin order, invited and deleted left out
    assert v.invitable_koc_count(db, event_id=eid) == 3
    assert names(include_invited=True) == ["李娜", "王芳", "张伟", "周文"]
    marked = {k.name: k.invited for k in v.invitable_kocs(db, event_id=eid, include_invited=True)}
    assert marked == {"李娜": False, "王芳": True, "张伟": False, "周文": False}
    assert names(county_id=other_county.id) == []
    assert names(county_id=other_county.id, include_invited=True) == ["王芳"]
    assert names(stage="introduced") == ["张伟"]
    assert names(stage=["spotted", "dormant"]) == ["李娜", "周文"]
    assert names(rep_id=other_rep.id) == ["李娜"]
    assert names(text="zw") == ["张伟", "周文"]  # initials
    assert names(text="zhangwei") == ["张伟"]
    assert names(text="周") == ["周文"]
    assert names(text="1391234") == ["周文"]
    assert v.invitable_koc_count(db, event_id=eid, text="zw") == 2
    assert names(order_by="traits", descending=True)[0] == "张伟"
    assert [k.id for k in v.invitable_kocs(db, event_id=eid, limit=1, offset=1)] == [zhang.id]
    assert zhou.id in [k.id for k in v.invitable_kocs(db, event_id=eid)]
    assert li.id in [k.id for k in v.invitable_kocs(db, event_id=eid)]
    # Once the invitation is gone, the KOC can be invited again.
    inv = store.invitations.list(where={"koc_id": wang.id})[0]
    store.invitations.delete(inv.id)
    assert "王芳" in names()
    with pytest.raises(ValueError):
        v.invitable_kocs(db, event_id=eid, order_by="k.id")


def test_invitable_owners(world: World, make: Maker) -> None:
    store, db = world.store, world.store.db
    eid = event(make, at(25, 10), at(25, 12))
    s1 = make.shop(name="鑫旺便利店")
    s2 = make.shop(name="好运烟酒")
    s3 = make.shop(name="关门的店")
    o1 = make.owner(name="王建国", shop_id=s1.id, level=5)
    o2 = make.owner(name="陈红", shop_id=s2.id, level=3)
    o3 = make.owner(name="刘明", level=2)
    make.owner(name="赵关", shop_id=s3.id, level=5)
    store.db.execute("UPDATE shops SET deleted = 1 WHERE id = ?", [s3.id])
    make.invitation(event_id=eid, owner_id=o3.id)

    def names(**kw: object) -> list[str]:
        return [o.name for o in v.invitable_owners(db, event_id=eid, **kw)]  # type: ignore[arg-type]

    assert names() == ["陈红", "王建国"]
    assert v.invitable_owner_count(db, event_id=eid) == 2
    assert names(include_invited=True) == ["陈红", "刘明", "王建国"]
    assert names(min_level=4) == ["王建国"]
    assert names(level=3) == ["陈红"]
    assert names(text="wjg") == ["王建国"]
    assert names(text="好运") == ["陈红"]  # found by the shop's name
    assert names(text="xinwang") == ["王建国"]  # the shop's pinyin
    assert v.invitable_owner_count(db, event_id=eid, text="好运") == 1
    assert names(order_by="level", descending=True) == ["王建国", "陈红"]
    row = v.invitable_owners(db, event_id=eid, text="王")[0]
    assert (row.id, row.shop_id, row.shop_name, row.county_name, row.level) == (
        o1.id,
        s1.id,
        "鑫旺便利店",
        "金水区",
        5,
    )
    assert o2.id in [o.id for o in v.invitable_owners(db, event_id=eid)]


def test_kocs_found(world: World, make: Maker, clock: object) -> None:
    db = world.store.db
    eid = event(make, at(25, 10), at(25, 12))
    first = make.koc(name="甲", source_event_id=eid)
    second = make.koc(name="乙", source_event_id=eid, stage="experienced")
    make.koc(name="丙")
    found = v.kocs_found(db, event_id=eid)
    assert [k.id for k in found] == [second.id, first.id]  # newest first
    assert found[0].stage == "experienced" and found[0].county_name == "金水区"
