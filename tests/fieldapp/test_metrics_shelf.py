"""The shelf numbers (铺货率 & co.): hand-worked stores, and the device's SQL against
head office's plain Python on random ones.

The hand-worked stores are small enough to count on paper; each expectation is written
out with the sums that give it, never computed by a second copy of the rules. Both
implementations (``fieldapp.store.metrics_shelf``'s SQL, ``fieldapp.shelf_numbers``'
Python) must give them. The random stores (hypothesis draws the seed: assortments from
team rules and shop additions/removals, reps without a team or missing, tombstones at
every level, check-ins a second either side of Beijing midnight and of a month's turn,
two audits of one SKU in a period, order lines giving the weights, price-list rows by
county, channel, tier and period) then hold the two implementations equal.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st
from sqlite_utils import Database

from fieldapp.shelf_numbers import shelf_numbers_of_rows
from fieldapp.store import metrics_shelf, migrations
from fieldapp.store.metrics_shelf import ShelfNumbers

NOW = "2026-01-05T09:30:00+00:00"
START = date(2025, 12, 20)
DAYS = 30
CHANNELS = ("convenience", "supermarket")
TIERS = ("A", "B")


@dataclass
class World:
    db: Database
    rows: dict[str, list[dict[str, Any]]]


def _instant(rng: random.Random) -> str:
    day = START + timedelta(days=rng.randrange(DAYS))
    t = datetime(day.year, day.month, day.day) + timedelta(seconds=rng.randrange(86400))
    if rng.random() < 0.4:  # a second either side of Beijing midnight
        t = datetime(day.year, day.month, day.day, 16) + timedelta(seconds=rng.choice((-1, 0)))
    return t.strftime("%Y-%m-%dT%H:%M:%S") + "+00:00"


def build(seed: int) -> World:
    rng = random.Random(seed)
    db = Database(memory=True)
    migrations.apply(db)
    n = iter(range(1, 10**6))
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def add(table: str, **row: Any) -> dict[str, Any]:
        row.setdefault("id", f"{table[:2]}{next(n):04d}")
        row.setdefault("created_at", NOW)
        row.setdefault("updated_at", NOW)
        row.setdefault("deleted", int(rng.random() < 0.08))
        db.table(table).insert(row)
        rows[table].append(row)
        return row

    for tid in ("t1", "t2"):
        add("teams", id=tid, name=tid, deleted=0)
    for i in range(1, 5):
        add(
            "users",
            id=f"r{i}",
            name=f"rep {i}",
            role="rep",
            team_id=rng.choice(("t1", "t2", "t1", None)),
            deleted=0,
        )
    for cid in ("c1", "c2"):
        add("counties", id=cid, name=cid, deleted=0)
    for i in range(1, 7):
        add(
            "products",
            id=f"p{i}",
            name=f"sku {i}",
            category=rng.choice(("beer", "tea", None)),
            price=rng.choice((None, 0.0, 5.0, 10.0)),
        )
    for _ in range(rng.randrange(0, 12)):  # price lists: the shop's list price on the day
        first = START + timedelta(days=rng.randrange(-5, DAYS))
        add(
            "prices",
            list_name=rng.choice(("L1", "L2")),
            product_id=f"p{rng.randrange(1, 7)}",
            channel=rng.choice((None, *CHANNELS)),
            tier=rng.choice((None, *TIERS)),
            county_id=rng.choice((None, "c1", "c2")),
            price=rng.choice((4.0, 5.0, 9.0, 10.0, 12.0)),
            valid_from=first.isoformat(),
            valid_to=rng.choice((None, (first + timedelta(days=rng.randrange(0, 9))).isoformat())),
        )
    for i in range(1, 9):
        add(
            "shops",
            id=f"s{i}",
            name=f"s{i}",
            channel=rng.choice(CHANNELS),
            tier=rng.choice(TIERS),
            county_id=rng.choice(("c1", "c2")),
            rep_id=rng.choice(("r1", "r2", "r3", "r4", "r1", "ghost", None)),
        )
    for _ in range(rng.randrange(10, 30)):
        add(
            "assortment_rules",
            team_id=rng.choice(("t1", "t2")),
            channel=rng.choice(CHANNELS),
            tier=rng.choice(TIERS),
            product_id=f"p{rng.randrange(1, 7)}",
        )
    for _ in range(rng.randrange(0, 8)):
        add(
            "shop_skus",
            shop_id=f"s{rng.randrange(1, 9)}",
            product_id=f"p{rng.randrange(1, 7)}",
            listed=int(rng.random() < 0.5),
        )
    for _ in range(rng.randrange(20, 60)):
        v = add(
            "visits",
            shop_id=f"s{rng.randrange(1, 9)}",
            checkin_at=_instant(rng) if rng.random() < 0.85 else None,
            planned_date=START.isoformat(),
        )
        for _ in range(rng.randrange(0, 3)):
            add(
                "order_lines",
                visit_id=v["id"],
                product_id=f"p{rng.randrange(1, 7)}",
                quantity=rng.randrange(1, 20),
            )
        for pid in rng.sample([f"p{i}" for i in range(1, 7)], rng.randrange(0, 6)):
            carried = rng.random() < 0.7
            add(
                "shelf_audits",
                visit_id=v["id"],
                product_id=pid,
                in_distribution=int(carried),
                out_of_stock=int(carried and rng.random() < 0.3),
                facings=rng.choice((None, 0, 2, 7)) if carried else None,
                competitor_facings=rng.choice((None, 0, 3)),
                shelf_price=rng.choice((None, 4.0, 4.3, 8.4, 8.5, 9.9)),
            )
    return World(db, rows)


def _close(got: list[ShelfNumbers], want: list[ShelfNumbers]) -> None:
    assert [g.key for g in got] == [w.key for w in want]
    for g, w in zip(got, want, strict=True):
        for f in ShelfNumbers.__slots__:
            if f == "label":
                continue  # SQL names a county, the plain rows may not
            a, b = getattr(g, f), getattr(w, f)
            assert (a == pytest.approx(b)) if isinstance(b, float) else a == b, (f, g, w)


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 10**6),
    by=st.sampled_from(metrics_shelf.GROUPS),
    first=st.integers(0, DAYS - 1),
    length=st.integers(1, DAYS),
    share=st.sampled_from((0.0, 0.15, 0.16, 0.5)),
)
def test_head_offices_plain_python_numbers_equal_the_devices_sql(
    seed: int, by: metrics_shelf.Group, first: int, length: int, share: float
) -> None:
    """``fieldapp-server export`` computes the 铺货率 sheet from rows in Python
    (``fieldapp.shelf_numbers``): the same numbers, labels aside (SQL names a county)."""
    w = build(seed)
    start = START + timedelta(days=first)
    end = start + timedelta(days=length - 1)
    got = metrics_shelf.shelf_numbers(w.db.conn, start=start, end=end, by=by, share=share)
    rows = {t: [dict(r) for r in rs] for t, rs in w.rows.items()}
    plain = shelf_numbers_of_rows(rows, start=start, end=end, by=by, share=share)
    _close(got, plain)


def test_a_known_store_gives_known_numbers() -> None:
    """Two shops of one rule, one carrying with 3 of 4 facings ours and a 乱价 price."""
    db = Database(memory=True)
    migrations.apply(db)
    base = {"created_at": NOW, "updated_at": NOW}
    db["teams"].insert({"id": "t", "name": "t"} | base)
    db["users"].insert({"id": "r", "name": "rep", "role": "rep", "team_id": "t"} | base)
    db["counties"].insert({"id": "c", "name": "县"} | base)
    db["products"].insert({"id": "p", "name": "sku", "price": 10.0} | base)
    for sid in ("s1", "s2"):
        db["shops"].insert(
            {
                "id": sid,
                "name": sid,
                "channel": "other",
                "tier": "A",
                "county_id": "c",
                "rep_id": "r",
            }
            | base
        )
    db["assortment_rules"].insert(
        {"id": "a", "team_id": "t", "channel": "other", "tier": "A", "product_id": "p"} | base
    )
    for sid, carried in (("s1", 1), ("s2", 0)):
        db["visits"].insert({"id": f"v{sid}", "shop_id": sid, "checkin_at": NOW} | base)
        db["shelf_audits"].insert(
            {
                "id": f"l{sid}",
                "visit_id": f"v{sid}",
                "product_id": "p",
                "in_distribution": carried,
                "facings": 3 * carried,
                "competitor_facings": 1,
                "shelf_price": 8.0,
            }
            | base
        )
    db["order_lines"].insert(
        {"id": "o", "visit_id": "vs1", "product_id": "p", "quantity": 3} | base
    )
    (row,) = metrics_shelf.shelf_numbers(db.conn, start=date(2026, 1, 1), end=date(2026, 1, 31))
    assert (row.pairs, row.carrying, row.numeric_distribution) == (2, 1, 0.5)
    assert row.weighted_distribution == 1.0  # only s1 ordered
    assert row.share_of_shelf == 0.6  # 3 of 3 + 1 + 1
    assert row.price_disorder == 2  # 8.0 < 10 × 0.85, at both shops


# ------------------------------------------------------------------ hand-worked stores


def _known() -> World:
    """A store small enough to count on paper (every number below is worked by hand).

    Team t: rep r (team t), rep r2 (no team). Products p1 ¥10 beer, p2 ¥20 tea, p3 ¥5
    beer. Rules of t: convenience/A -> p1, p2; convenience/B -> p1 (and p2 by a deleted
    rule). Shops: s1 convenience/A county c1 rep r, minus p2 of its own; s2
    convenience/B county c2 rep r, plus p3; s3 convenience/A county c1 rep r2 (no team:
    no rules), plus p1; s4 deleted. Assortments: s1 {p1}, s2 {p1, p3}, s3 {p1}.
    """
    db = Database(memory=True)
    migrations.apply(db)
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def add(table: str, id: str, **row: Any) -> None:
        row = {"id": id, "created_at": NOW, "updated_at": NOW, "deleted": 0} | row
        db.table(table).insert(row)
        rows[table].append(row)

    add("teams", "t", name="t")
    add("users", "r", name="rep r", role="rep", team_id="t")
    add("users", "r2", name="rep r2", role="rep", team_id=None)
    add("counties", "c1", name="一县")
    add("counties", "c2", name="二县")
    add("products", "p1", name="sku 1", category="beer", price=10.0)
    add("products", "p2", name="sku 2", category="tea", price=20.0)
    add("products", "p3", name="sku 3", category="beer", price=5.0)
    for sid, tier, county, rep in (("s1", "A", "c1", "r"), ("s2", "B", "c2", "r"),
                                   ("s3", "A", "c1", "r2")):  # fmt: skip
        add("shops", sid, name=sid, channel="convenience", tier=tier, county_id=county,
            rep_id=rep)  # fmt: skip
    add("shops", "s4", name="s4", channel="convenience", tier="A", county_id="c1",
        rep_id="r", deleted=1)  # fmt: skip
    for rid, tier, pid, deleted in (("a1", "A", "p1", 0), ("a2", "A", "p2", 0),
                                    ("a3", "B", "p1", 0), ("a4", "B", "p2", 1)):  # fmt: skip
        add("assortment_rules", rid, team_id="t", channel="convenience", tier=tier,
            product_id=pid, deleted=deleted)  # fmt: skip
    add("shop_skus", "k1", shop_id="s1", product_id="p2", listed=0)
    add("shop_skus", "k2", shop_id="s2", product_id="p3", listed=1)
    add("shop_skus", "k3", shop_id="s3", product_id="p1", listed=1)

    def visit(vid: str, shop: str, at: str, deleted: int = 0) -> None:
        add("visits", vid, shop_id=shop, checkin_at=at, planned_date=at[:10], deleted=deleted)

    def audit(lid: str, vid: str, pid: str, **values: Any) -> None:
        add("shelf_audits", lid, visit_id=vid, product_id=pid, **values)

    # Beijing 2025-12-31 23:59:59: December
    visit("v0", "s1", "2025-12-31T15:59:59+00:00")
    audit("l0", "v0", "p1", in_distribution=1, out_of_stock=0, facings=5)
    visit("v1", "s1", "2026-01-10T02:00:00+00:00")
    audit("l1", "v1", "p1", in_distribution=1, out_of_stock=0, facings=4, competitor_facings=4,
          shelf_price=9.0)  # fmt: skip
    audit("l1b", "v1", "p2", in_distribution=1, out_of_stock=0, facings=9)  # not s1's SKU
    visit("v2", "s1", "2026-01-12T02:00:00+00:00")  # s1's latest: p1 gone from the shelf
    audit("l2", "v2", "p1", in_distribution=0, out_of_stock=0, facings=0, competitor_facings=6)
    visit("v3", "s2", "2026-01-11T02:00:00+00:00")
    audit("l3", "v3", "p1", in_distribution=1, out_of_stock=1, facings=0, competitor_facings=2,
          shelf_price=7.0)  # fmt: skip
    audit("l3b", "v3", "p3", in_distribution=1, out_of_stock=0, facings=2, competitor_facings=0,
          shelf_price=5.0)  # fmt: skip
    visit("v4", "s3", "2026-01-11T03:00:00+00:00")
    audit("l4", "v4", "p1", in_distribution=1, out_of_stock=0, facings=3, shelf_price=8.4)
    visit("v5", "s3", "2026-01-20T02:00:00+00:00", deleted=1)  # a deleted visit counts nothing
    audit("l5", "v5", "p1", in_distribution=0, out_of_stock=0)
    orders = (("o1", "v1", "p1", 5, 0), ("o3", "v3", "p3", 10, 0), ("o4", "v4", "p1", 2, 0),
              ("o5", "v4", "p1", 100, 1))  # fmt: skip
    for oid, vid, pid, qty, deleted in orders:
        add("order_lines", oid, visit_id=vid, product_id=pid, quantity=qty, deleted=deleted)
    return World(db, rows)


def _both(
    w: World, start: date, end: date, by: metrics_shelf.Group = "all", share: float = 0.15
) -> list[Any]:
    """The numbers by SQL, after checking the plain Python gives the same."""
    got = metrics_shelf.shelf_numbers(w.db.conn, start=start, end=end, by=by, share=share)
    rows = {t: [dict(r) for r in rs] for t, rs in w.rows.items()}
    _close(got, shelf_numbers_of_rows(rows, start=start, end=end, by=by, share=share))
    return got


JAN = (date(2026, 1, 1), date(2026, 1, 31))


def _shape(n: ShelfNumbers) -> tuple[Any, ...]:
    return (n.key, n.pairs, n.carrying, n.out_of_stock, n.facings, n.competitor_facings,
            n.price_disorder)  # fmt: skip


def test_hand_worked_distribution_out_of_stock_and_share_of_shelf() -> None:
    w = _known()
    (n,) = _both(w, *JAN)
    # Pairs of January (latest line each): s1/p1 from v2 (not carried, 0 + 6 competitor
    # facings), s2/p1 (carried, out of stock, 0 + 2, ¥7.0), s2/p3 (carried, 2 + 0, ¥5.0),
    # s3/p1 (carried, 3 + none, ¥8.4). Not counted: s1/p2 (removed from s1), v0
    # (December), v5 (deleted).
    assert (n.pairs, n.carrying, n.out_of_stock) == (4, 3, 1)
    assert n.numeric_distribution == pytest.approx(3 / 4)
    # Weights: s1 5 (o1), s2 10 (o3), s3 2 (o4; o5 deleted). Carried pairs: s2, s2, s3.
    assert n.weighted_distribution == pytest.approx((10 + 10 + 2) / (5 + 10 + 10 + 2))
    assert n.out_of_stock_rate == pytest.approx(1 / 3)
    assert (n.facings, n.competitor_facings) == (0 + 0 + 2 + 3, 6 + 2 + 0 + 0)
    assert n.share_of_shelf == pytest.approx(5 / 13)
    # 乱价 at 15 % against the products' own prices (no price list yet): p1 under 8.50 is
    # s2's 7.0 and s3's 8.4; p3's 5.0 is not under 4.25.
    assert n.price_disorder == 2


def test_hand_worked_groups() -> None:
    w = _known()
    assert [_shape(n) for n in _both(w, *JAN, by="product")] == [
        ("p1", 3, 2, 1, 3, 8, 2),
        ("p3", 1, 1, 0, 2, 0, 0),
    ]
    assert [_shape(n) for n in _both(w, *JAN, by="category")] == [("beer", 4, 3, 1, 5, 8, 2)]
    assert [(n.key, n.label, n.pairs, n.carrying) for n in _both(w, *JAN, by="county")] == [
        ("c1", "一县", 2, 1),  # s1/p1 not carried, s3/p1 carried
        ("c2", "二县", 2, 2),
    ]
    assert [(n.key, n.label, n.pairs, n.carrying) for n in _both(w, *JAN, by="rep")] == [
        ("r", "rep r", 3, 2),
        ("r2", "rep r2", 1, 1),
    ]
    # December and January apart: v0 (23:59:59 on 31 December, Beijing) is December's.
    both_months = (date(2025, 12, 1), date(2026, 1, 31))
    assert [_shape(n) for n in _both(w, *both_months, by="month")] == [
        ("2025-12", 1, 1, 0, 5, 0, 0),
        ("2026-01", 4, 3, 1, 5, 8, 2),
    ]
    # Over both months together s1/p1 is still v2's (the latest), so nothing changes.
    assert [_shape(n) for n in _both(w, *both_months)] == [("", 4, 3, 1, 5, 8, 2)]
    assert [_shape(n) for n in _both(w, date(2025, 12, 31), date(2025, 12, 31))] == [
        ("", 1, 1, 0, 5, 0, 0)
    ]


def test_price_disorder_holds_the_shelf_price_against_the_shops_price_list() -> None:
    w = _known()

    def price(pid: str, product: str, amount: float, start: str, end: str | None = None,
              deleted: int = 0, **segment: Any) -> None:  # fmt: skip
        row = {"id": pid, "created_at": NOW, "updated_at": NOW, "deleted": deleted,
               "list_name": "L", "product_id": product, "price": amount,
               "valid_from": start, "valid_to": end, "channel": None, "tier": None,
               "county_id": None} | segment  # fmt: skip
        w.db.table("prices").insert(row)
        w.rows["prices"].append(row)

    # p1 for county c1 (s1, s3) ¥9.0: s3's 8.4 is not under 9 × 0.85 = 7.65.
    price("q1", "p1", 9.0, "2026-01-01", county_id="c1")
    # p1 for the convenience channel ¥8.0: s2 (county c2) gets it: 7.0 is not under 6.80;
    # s1 and s3 keep their county's row (county beats channel).
    price("q2", "p1", 8.0, "2026-01-01", channel="convenience")
    # A deleted row and one that ended before the audits are never used.
    price("q3", "p1", 100.0, "2026-01-01", county_id="c2", deleted=1)
    price("q4", "p1", 100.0, "2025-12-01", "2026-01-09", county_id="c2", tier="B")
    (n,) = _both(w, *JAN)
    assert n.price_disorder == 0

    # p3: two rows for everyone, the later start wins (¥7.0): s2's 5.0 is under 5.95.
    # A row that starts after the audit (¥4.0 from 1 February) does not apply yet.
    price("q5", "p3", 6.0, "2025-12-01")
    price("q6", "p3", 7.0, "2026-01-05")
    price("q7", "p3", 4.0, "2026-02-01")
    (n,) = _both(w, *JAN)
    assert n.price_disorder == 1
    # The share is configurable: at 30 %, 5.0 is not under 7 × 0.7 = 4.90.
    (n,) = _both(w, *JAN, share=0.3)
    assert n.price_disorder == 0
    # At 0 %, anything under the list price: s2 p1 7.0 < 8, s3 8.4 < 9, s2 p3 5.0 < 7.
    (n,) = _both(w, *JAN, share=0.0)
    assert n.price_disorder == 3
