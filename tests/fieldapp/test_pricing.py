"""Offline pricing (issue 16): the list price per channel, tier and county with its
validity dates, the promotion of the day with its priority, and order lines that keep
the price they got (``fieldapp.pricing``, ``fieldapp.store.pricing``)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from fieldapp.errors import ValidationError
from fieldapp.pricing import best_price, best_promotion, fen, quote
from fieldapp.store.pricing import active_promotions, price_line
from fieldapp.store.views_visits import add_order_line, change_order_line, order_lines
from tests.conftest import World, as_head_office

SHOP = {"channel": "convenience", "tier": "A", "county_id": "c1"}
DAY = date(2026, 12, 7)


def _price(id: str, price: float, **kw: Any) -> dict[str, Any]:
    return {"id": id, "price": price, "valid_from": "2026-01-01", "valid_to": None} | kw


def _promo(id: str, **kw: Any) -> dict[str, Any]:
    base = {
        "id": id,
        "name": id,
        "kind": "percent_off",
        "percent": 10.0,
        "priority": 0,
        "valid_from": "2026-12-01",
        "valid_to": "2026-12-31",
        "product_id": "p",
    }
    return base | kw


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # the county beats channel and tier together; the channel beats the tier
        (
            [
                _price("any", 10),
                _price("tier", 9, tier="A"),
                _price("ch", 8, channel="convenience"),
                _price("both", 7, channel="convenience", tier="A"),
                _price("county", 11, county_id="c1"),
            ],
            "county",
        ),
        ([_price("tier", 9, tier="A"), _price("ch", 8, channel="convenience")], "ch"),
        ([_price("any", 10), _price("tier", 9, tier="A")], "tier"),
        # a row of another segment never applies, however specific
        ([_price("any", 10), _price("other", 1, channel="supermarket", county_id="c1")], "any"),
        # equal specificity: the later start, then the lower price, then the lower id
        ([_price("old", 10), _price("new", 12, valid_from="2026-06-01")], "new"),
        ([_price("b", 10), _price("a", 10), _price("c", 9)], "c"),
        ([_price("b", 10), _price("a", 10)], "a"),
        # both ends of the period are included; outside it the row does not hold
        ([_price("ends", 5, valid_to="2026-12-07"), _price("any", 10)], "ends"),
        (
            [
                _price("starts", 5, valid_from="2026-12-07"),
                _price("any", 10, valid_from="2026-01-01"),
            ],
            "starts",
        ),
        ([_price("ended", 5, valid_to="2026-12-06", county_id="c1"), _price("any", 10)], "any"),
        ([_price("later", 5, valid_from="2026-12-08", county_id="c1"), _price("any", 10)], "any"),
        ([_price("gone", 5, deleted=1, county_id="c1"), _price("any", 10)], "any"),
        ([_price("later", 5, valid_from="2026-12-08")], None),
    ],
)
def test_the_most_specific_price_in_its_period_wins(
    rows: list[dict[str, Any]], expected: str | None
) -> None:
    found = best_price(rows, day=DAY, shop=SHOP)
    assert (None if found is None else found["id"]) == expected
    assert (None if best_price(reversed(rows), day=DAY, shop=SHOP) is None else found["id"]) == (  # type: ignore[index]
        expected
    )  # the order of the rows does not matter


@pytest.mark.parametrize(
    ("rows", "quantity", "expected"),
    [
        # overlapping promotions: the highest priority wins, even when it saves less
        ([_promo("big", percent=30), _promo("first", percent=5, priority=9)], 10, "first"),
        # equal priority: the one saving the shop more on this line
        ([_promo("five", percent=5), _promo("twenty", percent=20)], 10, "twenty"),
        (
            [
                _promo("pct", percent=10),
                _promo("bg", kind="buy_get", buy_quantity=5, free_quantity=1),
            ],
            10,
            "bg",
        ),  # 2 free of 10 beats 10 %
        (
            [
                _promo("pct", percent=25),
                _promo("bg", kind="buy_get", buy_quantity=5, free_quantity=1),
            ],
            10,
            "pct",
        ),
        # equal priority and saving: the lower id
        ([_promo("b"), _promo("a")], 10, "a"),
        # the minimum quantity, and buy N needs N ordered
        ([_promo("min", min_quantity=12)], 11, None),
        ([_promo("min", min_quantity=12)], 12, "min"),
        ([_promo("bg", kind="buy_get", buy_quantity=6, free_quantity=1)], 5, None),
        # another product's, or every product's
        ([_promo("other", product_id="q")], 10, None),
        ([_promo("all", product_id=None)], 10, "all"),
        # the segment and the period, both ends included
        ([_promo("seg", tier="B")], 10, None),
        ([_promo("edge", valid_from="2026-12-07", valid_to="2026-12-07")], 10, "edge"),
        ([_promo("over", valid_to="2026-12-06")], 10, None),
        # a return gets none
        ([_promo("any")], -3, None),
    ],
)
def test_the_promotion_of_the_day(
    rows: list[dict[str, Any]], quantity: int, expected: str | None
) -> None:
    found = best_promotion(
        rows, day=DAY, shop=SHOP, product_id="p", quantity=quantity, list_price=10.0
    )
    assert (None if found is None else found["id"]) == expected


def test_a_quote_applies_the_promotion_to_the_list_price() -> None:
    product = {"id": "p", "price": 10.0}
    pct = quote(
        product=product,
        prices=[_price("x", 12.5)],
        promotions=[_promo("m", percent=15)],
        day=DAY,
        shop=SHOP,
        quantity=4,
    )
    assert (pct.list_price, pct.net_price, pct.promotion_id, pct.free_quantity) == (
        12.5,
        10.63,
        "m",
        0,  # 12.5 × 0.85 = 10.625, half up to the fen
    )
    assert pct.amount == 42.52
    bg = quote(
        product=product,
        prices=[],
        promotions=[_promo("bg", kind="buy_get", buy_quantity=5, free_quantity=2)],
        day=DAY,
        shop=SHOP,
        quantity=12,
    )
    assert (bg.list_price, bg.net_price, bg.free_quantity, bg.amount) == (10.0, 10.0, 4, 120.0)
    none = quote(
        product={"id": "p", "price": None},
        prices=[],
        promotions=[_promo("m")],
        day=DAY,
        shop=SHOP,
        quantity=4,
    )
    assert (none.list_price, none.promotion_id) == (None, None)
    assert fen(0.125) == 0.13 and fen(2.675) == 2.68  # half up, not to even


T_VISIT = datetime(2026, 12, 6, 17, 0, tzinfo=UTC)  # Beijing: 7 Dec, 01:00


def _head_office_lists(world: World) -> dict[str, str]:
    s = world.store
    with as_head_office(s):
        beer = s.products.create(name="啤酒 500ml", price=6.0).id
        s.prices.create(list_name="2026 冬", product_id=beer, price=5.5, valid_from="2026-12-01")
        s.prices.create(
            list_name="2026 冬",
            product_id=beer,
            channel="convenience",
            tier="A",
            price=5.2,
            valid_from="2026-12-01",
            valid_to="2026-12-07",
        )
        s.prices.create(
            list_name="2026 冬",
            product_id=beer,
            channel="convenience",
            tier="A",
            price=5.8,
            valid_from="2026-12-08",
        )
        promo = s.promotions.create(
            name="冬季满箱",
            kind="buy_get",
            product_id=beer,
            buy_quantity=12,
            free_quantity=1,
            valid_from="2026-12-01",
            priority=5,
        ).id
        s.promotions.create(
            name="九折",
            kind="percent_off",
            product_id=beer,
            percent=10,
            valid_from="2026-12-01",
            priority=1,
        )
    shop = s.shops.create(
        name="鑫旺便利店",
        channel="convenience",
        tier="A",
        county_id=world.county_id,
        rep_id=world.rep_id,
    ).id
    return {"beer": beer, "shop": shop, "promo": promo}


def test_an_order_line_gets_the_list_price_and_promotion_of_the_visits_day(world: World) -> None:
    s = world.store
    ids = _head_office_lists(world)
    visit = s.visits.create(shop_id=ids["shop"], rep_id=world.rep_id, checkin_at=T_VISIT)
    line = add_order_line(s, visit_id=visit.id, product_id=ids["beer"], quantity=6)
    # 6 is under the buy-12 promotion: the 10 % one applies to the channel/tier price
    assert (line.list_price, line.net_price, line.unit_price, line.free_quantity) == (
        5.2,
        4.68,
        4.68,
        None,
    )
    line = add_order_line(s, visit_id=visit.id, product_id=ids["beer"], quantity=6)
    # folded to 12: the buy-12-get-1 promotion has the higher priority
    assert (line.quantity, line.promotion_id, line.unit_price, line.free_quantity) == (
        12,
        ids["promo"],
        5.2,
        1,
    )
    assert line.net_price == 5.2
    # head office changes the list later: the saved line keeps its price
    with as_head_office(s):
        for row in s.prices.list():
            s.prices.update(row.id, price=9.9)
    assert s.order_lines.get(line.id).list_price == 5.2
    line = change_order_line(s, line.id, quantity=25)
    assert (line.list_price, line.unit_price, line.free_quantity) == (5.2, 5.2, 2)
    assert (
        price_line(
            s.db, shop_id=ids["shop"], product_id=ids["beer"], day=DAY, quantity=1
        ).list_price
        == 9.9
    )


def test_a_price_override_needs_a_reason_and_survives_a_new_quantity(world: World) -> None:
    s = world.store
    ids = _head_office_lists(world)
    visit = s.visits.create(shop_id=ids["shop"], rep_id=world.rep_id, checkin_at=T_VISIT)
    line = add_order_line(s, visit_id=visit.id, product_id=ids["beer"], quantity=6)
    with pytest.raises(ValidationError) as caught:
        s.order_lines.update(line.id, unit_price=4.0)
    assert [(e.field, e.code) for e in caught.value.errors] == [("reason", "reason_required")]
    s.order_lines.update(line.id, unit_price=4.0, reason="老客户")
    (row,) = order_lines(s.db, visit_id=visit.id)  # what the supervisor's review shows
    assert (row.overridden, row.override_note, row.promotion) == (True, "老客户", "九折")
    line = change_order_line(s, line.id, quantity=24)
    assert (line.unit_price, line.promotion_id, line.free_quantity) == (4.0, ids["promo"], 2)


def test_reps_cannot_write_price_lists_or_promotions(world: World) -> None:
    s = world.store
    ids = _head_office_lists(world)
    with pytest.raises(ValidationError) as caught:
        s.prices.create(list_name="私价", product_id=ids["beer"], price=1, valid_from="2026-12-01")
    assert caught.value.errors[0].code == "forbidden"
    with pytest.raises(ValidationError):
        s.promotions.update(ids["promo"], priority=99)
    with pytest.raises(ValidationError):
        s.promotions.delete(ids["promo"])


@pytest.mark.parametrize(
    ("table", "fields", "field", "code"),
    [
        (
            "prices",
            {"price": 5, "valid_from": "2026-12-08", "valid_to": "2026-12-07"},
            "valid_to",
            "end_before_start",
        ),
        ("prices", {"price": -1, "valid_from": "2026-12-01"}, "price", "out_of_range"),
        (
            "promotions",
            {"name": "x", "kind": "percent_off", "valid_from": "2026-12-01"},
            "percent",
            "required",
        ),
        (
            "promotions",
            {"name": "x", "kind": "buy_get", "buy_quantity": 3, "valid_from": "2026-12-01"},
            "free_quantity",
            "required",
        ),
        (
            "promotions",
            {"name": "x", "kind": "percent_off", "percent": 101, "valid_from": "2026-12-01"},
            "percent",
            "out_of_range",
        ),
    ],
)
def test_the_rows_own_rules(
    world: World, table: str, fields: dict[str, Any], field: str, code: str
) -> None:
    s = world.store
    with as_head_office(s):
        beer = s.products.create(name="啤酒", price=6.0).id
        with pytest.raises(ValidationError) as caught:
            getattr(s, table).create(
                **({"list_name": "L"} if table == "prices" else {}), product_id=beer, **fields
            )
    assert [(e.field, e.code) for e in caught.value.errors] == [(field, code)]


def test_the_days_promotions_for_a_shop(world: World) -> None:
    ids = _head_office_lists(world)
    shown = active_promotions(world.store.db, shop_id=ids["shop"], day=DAY)
    assert [p.name for p in shown] == ["冬季满箱", "九折"]
    assert active_promotions(world.store.db, shop_id=ids["shop"], day=date(2026, 11, 30)) == []
