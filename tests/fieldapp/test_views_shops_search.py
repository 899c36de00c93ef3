"""The shop list's search: the owner side matched in one pass over the owners, the page and
its total from one scan, the same shops whichever sort key or filter takes another path."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from fieldapp.store import Store, views_shops as v
from tests.conftest import Maker, World

TODAY = date(2026, 11, 24)


def names(rows: list[v.ShopRow]) -> list[str]:
    return [r.name for r in rows]


def test_search_matches_the_first_live_owner_only(world: World, make: Maker) -> None:
    db = world.store.db
    shop = make.shop(name="平价超市")
    first = make.owner(shop_id=shop.id, name="王芳")
    make.owner(shop_id=shop.id, name="赵磊")  # a second owner, created later
    assert names(v.shop_rows(db, today=TODAY, text="王芳")) == ["平价超市"]
    assert v.shop_rows(db, today=TODAY, text="赵磊") == []
    assert v.shop_count(db, today=TODAY, text="zl") == 0
    # Once the first owner is gone the other one is the shop's owner, in search too.
    world.store.owners.delete(first.id)
    rows = v.shop_rows(db, today=TODAY, text="zl")
    assert names(rows) == ["平价超市"] and rows[0].owner == "赵磊"
    assert v.shop_page(db, today=TODAY, text="赵磊") == (rows, 1)


def test_owner_match_ranks_with_the_shops_own(world: World, make: Maker) -> None:
    db = world.store.db
    anywhere = make.shop(name="老王便利")  # "wbl" inside the shop's initials
    exact_owner = make.shop(name="鑫旺超市")
    make.owner(shop_id=exact_owner.id, name="王碧莲")  # owner's initials are exactly "wbl"
    make.owner(shop_id=anywhere.id, name="张伟")
    assert names(v.shop_rows(db, today=TODAY, text="wbl")) == ["鑫旺超市", "老王便利"]
    # Sorted by a column instead, the same shops in that column's order.
    assert names(v.shop_rows(db, today=TODAY, text="wbl", order_by="owner")) == [
        "鑫旺超市",  # wang bi lian
        "老王便利",  # zhang wei
    ]


def test_page_total(world: World, make: Maker) -> None:
    db = world.store.db
    for i in range(7):
        make.shop(name=f"便利店{i}")
    make.shop(name="平价超市")

    def page(**kw: Any) -> tuple[list[str], int]:
        rows, total = v.shop_page(db, today=TODAY, text="便利", **kw)
        return names(rows), total

    assert page(limit=3) == (["便利店0", "便利店1", "便利店2"], 7)  # a full page counts all
    assert page(limit=3, offset=6) == (["便利店6"], 7)
    assert page(limit=3, offset=9) == ([], 7)  # past the end: still the true total
    assert page(limit=None)[1] == 7
    assert v.shop_page(db, today=TODAY, text="没有这家")[1] == 0


@pytest.fixture(scope="module")
def demo() -> Iterator[Store]:
    from fieldapp.demo import generate

    store = Store.open(":memory:")
    generate(store, scale="rep", seed=3, today=TODAY)
    yield store
    store.close()


@pytest.mark.parametrize("text", ["z", "zw", "王", "13", "HN-0", "便利", "a"])
@pytest.mark.parametrize(
    "filters",
    [{}, {"tier": "A"}, {"level": 3}, {"overdue": True}, {"channel": "convenience"}],
)
def test_every_path_finds_the_same_shops(demo: Store, text: str, filters: dict[str, Any]) -> None:
    """The owner side is matched in one pass (om) unless a level filter or an owner sort
    joins every shop's first owner; both ways, and every sort key, find the same shops,
    and the page's total is the count."""
    db = demo.db
    found: dict[str | None, list[str]] = {}
    for order in (None, "owner", "level", "last_visit", "county", "code"):
        rows, total = v.shop_page(db, today=TODAY, text=text, order_by=order, limit=None, **filters)
        assert total == len(rows) == v.shop_count(db, today=TODAY, text=text, **filters)
        found[order] = sorted(r.id for r in rows)
        first, first_total = v.shop_page(
            db, today=TODAY, text=text, order_by=order, limit=5, **filters
        )
        assert first_total == total
        assert [r.id for r in first] == [r.id for r in rows[:5]]
    assert all(ids == found[None] for ids in found.values())
    if not filters:
        assert found[None], "the query should find shops in the demo data"
