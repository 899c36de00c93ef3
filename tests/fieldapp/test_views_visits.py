"""Queries and actions behind the Today and Visit pages, on hand-made data with known answers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from fieldapp.errors import ValidationError
from fieldapp.model import InteractionKind, KocStage, Tier
from fieldapp.store import Store, views_visits as vv
from tests.conftest import T0, Clock, Maker, World, as_head_office

TODAY = date(2026, 11, 24)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def other_rep(store: Store, world: World) -> str:
    user = store.users.create(name="赵强", role="rep", team_id=world.team_id)
    return user.id


# --------------------------------------------------------------------------- planned visits


def test_planned_visits_of_the_day_in_the_order_the_day_goes(
    store: Store, world: World, make: Maker
) -> None:
    b = make.shop(name="乙店", tier="B")
    a = make.shop(name="甲店", tier="A")
    c = make.shop(name="丙店", tier="C")
    done = make.visit(shop_id=b.id)
    store.visits.check_in(done.id, at=utc("2026-11-24T01:10:00"))
    store.visits.check_out(done.id, at=utc("2026-11-24T01:40:00"))
    going = make.visit(shop_id=c.id)
    store.visits.check_in(going.id, at=utc("2026-11-24T02:00:00"))
    later_c = make.visit(shop_id=c.id)
    later_a = make.visit(shop_id=a.id)
    # Not on the list: someone else's, tomorrow's, a deleted one.
    make.visit(shop_id=a.id, rep_id=other_rep(store, world))
    make.visit(shop_id=a.id, planned_date="2026-11-25")
    store.visits.delete(make.visit(shop_id=b.id).id)

    rows = vv.planned_visits(store.db, day=TODAY, rep_id=world.rep_id)
    assert [r.visit_id for r in rows] == [done.id, going.id, later_a.id, later_c.id]
    assert [r.progress for r in rows] == [
        vv.Progress.DONE,
        vv.Progress.IN_PROGRESS,
        vv.Progress.NOT_STARTED,
        vv.Progress.NOT_STARTED,
    ]
    assert rows[0].shop_name == "乙店" and rows[0].tier is Tier.B
    assert rows[0].checkin_at == utc("2026-11-24T01:10:00")
    assert vv.count_planned_visits(store.db, day=TODAY, rep_id=world.rep_id) == 4
    assert vv.count_planned_visits(store.db, day=TODAY, rep_id=None) == 5

    by_shop = vv.planned_visits(store.db, day=TODAY, rep_id=world.rep_id, order="shop")
    assert [r.shop_name for r in by_shop] == sorted(r.shop_name for r in rows)
    page = vv.planned_visits(store.db, day=TODAY, rep_id=world.rep_id, limit=2, offset=1)
    assert [r.visit_id for r in page] == [going.id, later_a.id]


@pytest.mark.parametrize(
    "call",
    [
        lambda db: vv.planned_visits(db, day=TODAY, rep_id=None, order="s.name; DROP TABLE x"),
        lambda db: vv.returned_visits(db, rep_id=None, order="id"),
        lambda db: vv.quiet_owners(db, today=TODAY, rep_id=None, order="mobile"),
        lambda db: vv.kocs_to_follow_up(db, today=TODAY, rep_id=None, order="consent"),
        lambda db: vv.upcoming_events(db, today=TODAY, rep_id=None, order="budget"),
        lambda db: vv.order_lines(db, visit_id="x", order="deleted"),
        lambda db: vv.products(db, order="rowid"),
    ],
)
def test_sort_keys_outside_the_whitelist_are_refused(store: Store, call: Any) -> None:
    with pytest.raises(ValueError, match="unknown sort key"):
        call(store.db)


# --------------------------------------------------------------------------- returned visits


def test_returned_visits_latest_review_first_with_the_comment(
    store: Store, world: World, make: Maker
) -> None:
    shop = make.shop(name="鑫旺便利店")
    older = make.visit(shop_id=shop.id, planned_date="2026-11-20")
    # Checked in at 01:30 Beijing time on the 24th, which is still the 23rd in UTC.
    store.visits.check_in(older.id, at=utc("2026-11-23T17:30:00"))
    store.visits.update(
        older.id,
        review_status="returned",
        supervisor_comment="竞品情况没写",
        reviewed_at=utc("2026-11-24T02:00:00"),
    )
    newer = make.visit(shop_id=shop.id, planned_date="2026-11-21")
    store.visits.update(
        newer.id,
        review_status="returned",
        supervisor_comment="下一步行动不具体",
        reviewed_at=utc("2026-11-24T09:00:00"),
    )
    finished = make.visit(shop_id=shop.id)
    store.visits.check_in(finished.id, at=utc("2026-11-24T01:00:00"))
    store.visits.check_out(finished.id, at=utc("2026-11-24T01:30:00"))
    store.visits.submit(finished.id)  # submitted, not returned
    theirs = make.visit(shop_id=shop.id, rep_id=other_rep(store, world))
    store.visits.update(theirs.id, review_status="returned", supervisor_comment="x")

    rows = vv.returned_visits(store.db, rep_id=world.rep_id)
    assert [r.visit_id for r in rows] == [newer.id, older.id]
    assert rows[0].supervisor_comment == "下一步行动不具体"
    assert rows[0].visit_date == date(2026, 11, 21)  # not checked in: the planned date
    assert rows[1].visit_date == date(2026, 11, 24)  # the Beijing day of the check-in
    assert vv.count_returned_visits(store.db, rep_id=world.rep_id) == 2
    assert vv.count_returned_visits(store.db, rep_id=None) == 3


# --------------------------------------------------------------------------- quiet owners


def test_quiet_owners_strongest_first_with_the_30_day_window(
    store: Store, world: World, make: Maker
) -> None:
    def owner(name: str, level: int, *dates: str) -> str:
        o = make.owner(name=name, level=level)
        for d in dates:
            store.interactions.create(owner_id=o.id, date=d, kind="call")
        return str(o.id)

    exactly_30 = owner("王一", 5, "2026-09-01", "2026-10-25")
    owner("王二", 5, "2026-10-26")  # 29 days ago: not quiet
    never = owner("王三", 3)
    only_future = owner("王四", 5, "2026-11-30")  # after today: does not count
    long_ago = owner("王五", 2, "2026-09-01")
    deleted_recent = owner("王六", 4, "2026-10-01")
    late = store.interactions.create(owner_id=deleted_recent, date="2026-11-20", kind="wechat")
    store.interactions.delete(late.id)
    theirs = make.shop(rep_id=other_rep(store, world))
    make.owner(name="王七", level=5, shop_id=theirs.id)

    rows = vv.quiet_owners(store.db, today=TODAY, rep_id=world.rep_id)
    assert [r.owner_id for r in rows] == [only_future, exactly_30, deleted_recent, never, long_ago]
    first = rows[1]
    assert first.last_date == date(2026, 10, 25) and first.days_since == 30
    assert rows[0].last_date is None and rows[0].days_since is None
    assert rows[2].last_date == date(2026, 10, 1)
    assert vv.count_quiet_owners(store.db, today=TODAY, rep_id=world.rep_id) == 5
    assert vv.count_quiet_owners(store.db, today=TODAY, rep_id=None) == 6
    by_level = vv.quiet_owners(store.db, today=TODAY, rep_id=world.rep_id, order="level")
    assert [r.level for r in by_level] == [2, 3, 4, 5, 5]


# --------------------------------------------------------------------------- KOCs to follow up


def test_kocs_to_follow_up(store: Store, world: World, make: Maker, clock: Clock) -> None:
    def koc(name: str, stage: str, at: datetime, **fields: Any) -> str:
        clock.now = at
        return str(make.koc(name=name, stage=stage, **fields).id)

    quiet_40 = koc("李一", "introduced", T0 - timedelta(days=40))
    koc("李二", "introduced", T0 - timedelta(days=10))
    touched = koc("李三", "experienced", T0 - timedelta(days=31))
    quiet_exp = koc("李四", "experienced", T0 - timedelta(days=35))
    no_consent = koc("李五", "spotted", T0)
    koc(
        "李六",
        "spotted",
        T0,
        consent=True,
        consent_at="2026-11-20T02:00:00+00:00",
        consent_method="verbal",
    )
    koc("李七", "advocating", T0 - timedelta(days=200))
    koc("李八", "dormant", T0 - timedelta(days=200))
    koc("李九", "introduced", T0 - timedelta(days=90), rep_id=other_rep(store, world))
    gone = koc("李十", "introduced", T0 - timedelta(days=90))
    # Exactly 30 Beijing days ago is quiet; 00:30 Beijing on the next day is not, even
    # though in UTC it is still the 30th day back.
    boundary = koc("李甲", "introduced", datetime(2026, 10, 25, 1, 0, tzinfo=UTC))
    koc("李乙", "introduced", datetime(2026, 10, 25, 16, 30, tzinfo=UTC))
    clock.now = T0 - timedelta(days=5)
    make.invitation(koc_id=touched)
    clock.now = T0
    store.kocs.delete(gone)
    shop = make.shop(name="鑫旺便利店")
    store.koc_shops.create(koc_id=quiet_40, shop_id=shop.id, introduced_at="2026-10-10")

    rows = vv.kocs_to_follow_up(store.db, today=TODAY, rep_id=world.rep_id)
    assert [r.koc_id for r in rows] == [quiet_exp, quiet_40, boundary, no_consent]
    assert [r.reason for r in rows] == [vv.FollowUpReason.QUIET] * 3 + [
        vv.FollowUpReason.NO_CONSENT
    ]
    assert rows[1].last_touch == date(2026, 10, 15) and rows[1].days_since == 40
    assert rows[1].shop_name == "鑫旺便利店" and rows[0].shop_name is None
    assert rows[3].stage is KocStage.SPOTTED and rows[3].consent is False
    assert rows[2].days_since == 30
    assert vv.count_kocs_to_follow_up(store.db, today=TODAY, rep_id=world.rep_id) == 4
    assert vv.count_kocs_to_follow_up(store.db, today=TODAY, rep_id=None) == 5


# --------------------------------------------------------------------------- upcoming events


def test_upcoming_events_in_the_next_14_beijing_days(
    store: Store, world: World, make: Maker
) -> None:
    venue = make.shop(name="福满大酒店")

    def event(title: str, starts: str, **fields: Any) -> str:
        start = utc(starts)
        end = start + timedelta(hours=2)
        return str(
            make.event(
                title=title, starts_at=start.isoformat(), ends_at=end.isoformat(), **fields
            ).id
        )

    first = event("今日凌晨", "2026-11-23T16:30:00", venue_shop_id=venue.id, capacity=20)
    event("昨天深夜", "2026-11-23T15:30:00")
    last = event("第十四天", "2026-12-07T15:59:00", venue_note="人民公园")
    event("第十五天", "2026-12-07T16:00:00")
    event("取消了", "2026-11-26T10:00:00", status="cancelled")
    event("别人的", "2026-11-26T10:00:00", rep_id=other_rep(store, world))
    store.events.delete(event("删掉的", "2026-11-26T10:00:00"))
    make.invitation(event_id=first, status="confirmed")
    make.invitation(event_id=first)
    store.invitations.delete(make.invitation(event_id=first).id)

    rows = vv.upcoming_events(store.db, today=TODAY, rep_id=world.rep_id)
    assert [r.event_id for r in rows] == [first, last]
    assert rows[0].venue == "福满大酒店" and rows[1].venue == "人民公园"
    assert (rows[0].invited, rows[0].confirmed, rows[0].capacity) == (2, 1, 20)
    assert vv.count_upcoming_events(store.db, today=TODAY, rep_id=world.rep_id) == 2
    assert vv.count_upcoming_events(store.db, today=TODAY, rep_id=None) == 3


# --------------------------------------------------------------------------- overdue by tier


def test_overdue_by_tier_keeps_the_counts_and_the_first_few_of_each_tier(
    store: Store, make: Maker
) -> None:
    for i in range(7):
        make.shop(name=f"甲{i}", tier="A")
    for i in range(2):
        fresh = make.shop(name=f"乙{i}", tier="B")
        v = make.visit(shop_id=fresh.id, planned_date="2026-11-23")
        store.visits.check_in(v.id, at=utc("2026-11-23T02:00:00"))
    make.shop(name="丙0", tier="C")

    found = vv.overdue_by_tier(store.db, today=TODAY, rep_id=None, per_tier=5)
    assert (found.count("A"), found.count("B"), found.count("C")) == (7, 0, 1)
    assert [r.name for r in found.rows] == ["甲0", "甲1", "甲2", "甲3", "甲4", "丙0"]


# --------------------------------------------------------------------------- one visit


def _png(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    return path


def test_visit_detail_with_lines_photos_and_kocs(store: Store, make: Maker, tmp_path: Path) -> None:
    shop = make.shop(name="鑫旺便利店", tier="A", address="金水路1号")
    owner = make.owner(shop_id=shop.id, name="王芳", level=3, mobile="13800138000")
    make.owner(shop_id=shop.id, name="后来的店主", level=1)
    visit = make.visit(shop_id=shop.id)
    beer = make.product(code="ZY-101", name="清爽啤酒", unit="箱", price=48)
    wine = make.product(code="YF-101", name="窖藏1号", unit="瓶", price=168)
    vv.add_order_line(store, visit_id=visit.id, product_id=beer.id, quantity=10)
    gone = vv.add_order_line(store, visit_id=visit.id, product_id=wine.id, quantity=1)
    store.order_lines.delete(gone.id)
    vv.add_order_line(store, visit_id=visit.id, product_id=wine.id, quantity=2)
    photo = store.photos.add_file(_png(tmp_path / "a.png"), visit_id=visit.id)
    koc = vv.add_spotted_koc(store, visit_id=visit.id, day=TODAY, name="张丽华")

    d = vv.visit_detail(store.db, visit_id=visit.id)
    assert d is not None
    assert (d.shop_name, d.shop_tier, d.shop_address) == ("鑫旺便利店", Tier.A, "金水路1号")
    assert (d.owner_id, d.owner_name, d.owner_level) == (owner.id, "王芳", 3)
    assert d.progress is vv.Progress.NOT_STARTED and not d.read_only
    assert [(x.product_name, x.quantity, x.amount) for x in d.lines] == [
        ("清爽啤酒", 10, 480.0),
        ("窖藏1号", 2, 336.0),
    ]
    assert [p.photo_id for p in d.photos] == [photo.id]
    assert d.photos[0].mime == "image/png"
    assert [(k.koc_id, k.stage, k.trait_score) for k in d.kocs] == [(koc.id, KocStage.SPOTTED, 12)]
    assert vv.count_order_lines(store.db, visit_id=visit.id) == 2
    by_amount = vv.order_lines(store.db, visit_id=visit.id, order="amount", descending=True)
    assert [x.product_name for x in by_amount] == ["清爽啤酒", "窖藏1号"]

    assert vv.visit_detail(store.db, visit_id="missing") is None
    store.visits.delete(visit.id)
    assert vv.visit_detail(store.db, visit_id=visit.id) is None


def test_products_by_code_with_a_filter(store: Store, make: Maker) -> None:
    make.product(code="ZY-101", name="中原雪·清爽", price=4.5)
    make.product(code="YF-101", name="豫坊·窖藏1号", price=168)
    make.product(code="YF-201", name="豫坊·珍品", price=128)
    with as_head_office(store):
        store.products.delete(make.product(code="YF-001", name="停产的").id)
    assert [p.code for p in vv.products(store.db)] == ["YF-101", "YF-201", "ZY-101"]
    assert [p.code for p in vv.products(store.db, text="豫坊")] == ["YF-101", "YF-201"]
    assert [p.code for p in vv.products(store.db, text="zy-1")] == ["ZY-101"]
    assert vv.products(store.db, text="%") == []  # a literal %, not a wildcard
    assert [p.code for p in vv.products(store.db, order="price", descending=True)] == [
        "YF-101",
        "YF-201",
        "ZY-101",
    ]


# --------------------------------------------------------------------------- actions


def test_open_or_create_visit_reuses_the_unfinished_one(
    store: Store, world: World, make: Maker
) -> None:
    shop = make.shop()
    first, created = vv.open_or_create_visit(store, shop_id=shop.id, rep_id=world.rep_id, day=TODAY)
    assert created and first.planned_date == TODAY and first.rep_id == world.rep_id
    again, created = vv.open_or_create_visit(store, shop_id=shop.id, rep_id=world.rep_id, day=TODAY)
    assert again.id == first.id and not created
    store.visits.check_in(first.id)
    store.visits.check_out(first.id)
    second, created = vv.open_or_create_visit(
        store, shop_id=shop.id, rep_id=world.rep_id, day=TODAY
    )
    assert created and second.id != first.id


def test_order_lines_fold_per_product_at_the_list_price(store: Store, make: Maker) -> None:
    visit = make.visit()
    beer = make.product(name="清爽啤酒", price=48)
    line = vv.add_order_line(store, visit_id=visit.id, product_id=beer.id, quantity=6)
    assert line.unit_price == 48
    again = vv.add_order_line(store, visit_id=visit.id, product_id=beer.id, quantity=4)
    assert again.id == line.id and again.quantity == 10
    assert store.order_lines.count(where={"visit_id": visit.id}) == 1
    with pytest.raises(ValidationError) as err:
        vv.add_order_line(store, visit_id=visit.id, product_id=beer.id, quantity=0)
    assert err.value.field == "quantity"


def test_spotted_koc_and_its_shop_link_in_one_transaction(
    store: Store, world: World, make: Maker
) -> None:
    county = make.county(name="确山县")
    shop = make.shop(county_id=county.id)
    owner = make.owner(shop_id=shop.id)
    visit = make.visit(shop_id=shop.id)
    koc = vv.add_spotted_koc(
        store,
        visit_id=visit.id,
        day=TODAY,
        name="张丽华",
        mobile="139 1234 5678",
        trait_sharing=5,
    )
    assert (koc.county_id, koc.source_visit_id, koc.rep_id) == (county.id, visit.id, world.rep_id)
    assert koc.stage is KocStage.SPOTTED and koc.mobile == "13912345678"
    assert (koc.trait_sharing, koc.trait_trying) == (5, 3)
    links = store.koc_shops.list(where={"koc_id": koc.id})
    assert [(x.shop_id, x.introduced_by_owner_id, x.introduced_at) for x in links] == [
        (shop.id, owner.id, TODAY)
    ]
    assert store.koc_stage_changes.count(where={"koc_id": koc.id}) == 1
    assert [h.id for h in store.search.kocs("zlh")] == [koc.id]

    before = (store.kocs.count(), store.koc_shops.count(), store.outbox.count())
    with pytest.raises(ValidationError) as err:
        vv.add_spotted_koc(store, visit_id=visit.id, day=TODAY, name="李四", mobile="12345")
    assert err.value.field == "mobile" and err.value.field_code == "invalid_mobile"
    with pytest.raises(ValidationError):
        vv.add_spotted_koc(store, visit_id=visit.id, day=TODAY, name="李四", county_id="x")
    assert (store.kocs.count(), store.koc_shops.count(), store.outbox.count()) == before


def test_spotted_koc_is_not_kept_when_the_link_fails(
    store: Store, make: Maker, monkeypatch: pytest.MonkeyPatch
) -> None:
    visit = make.visit()
    before = (store.kocs.count(), store.outbox.count())

    def refuse(**fields: Any) -> None:
        raise ValidationError.single("shop_id", "duplicate", entity="koc_shops")

    monkeypatch.setattr(store.koc_shops, "create", refuse)
    with pytest.raises(ValidationError):
        vv.add_spotted_koc(store, visit_id=visit.id, day=TODAY, name="张丽华")
    assert (store.kocs.count(), store.outbox.count()) == before


def test_finishing_a_visit_records_one_interaction_that_moves_the_level(
    store: Store, world: World, make: Maker
) -> None:
    shop = make.shop()
    owner = make.owner(shop_id=shop.id, level=2)
    visit = make.visit(shop_id=shop.id, relationship_level=4, relationship_note="聊了备货")
    assert vv.record_visit_interaction(store, visit_id=visit.id, day=TODAY) is None  # not over
    store.visits.check_in(visit.id)
    vv.finish_visit(store, visit_id=visit.id, day=TODAY)

    iid = vv.visit_interaction_id(visit.id)
    interaction = store.interactions.get(iid)
    assert (interaction.owner_id, interaction.kind, interaction.date) == (
        owner.id,
        InteractionKind.VISIT,
        TODAY,
    )
    assert (interaction.level_after, interaction.note, interaction.rep_id) == (
        4,
        "聊了备货",
        world.rep_id,
    )
    assert store.owners.get(owner.id).level == 4

    store.visits.update(visit.id, relationship_level=5)
    vv.record_visit_interaction(store, visit_id=visit.id, day=TODAY)
    assert store.interactions.count(where={"owner_id": owner.id}) == 1
    assert store.interactions.get(iid).level_after == 5
    assert store.owners.get(owner.id).level == 5

    no_owner = make.visit(shop_id=make.shop().id)
    store.visits.check_in(no_owner.id)
    finished = vv.finish_visit(store, visit_id=no_owner.id, day=TODAY)
    assert finished.checkout_at is not None
    assert store.interactions.find(vv.visit_interaction_id(no_owner.id)) is None
