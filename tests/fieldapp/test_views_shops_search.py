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


def test_one_digit_finds_shops_by_their_first_owners_mobile(world: World, make: Maker) -> None:
    """A one-digit search asks the owner side last (only of shops without the digit): the
    first live owner's mobile still finds its shop, a later owner's does not."""
    db = world.store.db
    by_phone = make.shop(name="平价超市", phone="0371-66001234")
    by_owner = make.shop(name="鑫旺超市")
    make.owner(shop_id=by_owner.id, name="王芳", mobile="13800138000")
    second_only = make.shop(name="老王便利")
    make.owner(shop_id=second_only.id, name="张伟", mobile="15500550055")
    make.owner(shop_id=second_only.id, name="赵磊", mobile="13900139000")
    assert v.shop_page(db, today=TODAY, text="8") == (
        v.shop_rows(db, today=TODAY, text="8"),
        1,
    )
    assert names(v.shop_rows(db, today=TODAY, text="8")) == ["鑫旺超市"]
    assert sorted(names(v.shop_rows(db, today=TODAY, text="1"))) == sorted(
        ["平价超市", "鑫旺超市", "老王便利"]
    )
    assert names(v.shop_rows(db, today=TODAY, text="9")) == []  # the second owner's digit
    assert v.shop_count(db, today=TODAY, text="9") == 0
    assert by_phone.id in {r.id for r in v.shop_rows(db, today=TODAY, text="7")}
    # An owner's mobile that is exactly the digit (stored by an old import, say) ranks its
    # shop first, before a shop whose name sorts first and whose phone has the digit.
    make.shop(name="阿里便利", phone="0371-68001234")
    assert names(v.shop_rows(db, today=TODAY, text="8")) == ["阿里便利", "鑫旺超市"]
    db.execute("UPDATE owners SET mobile = '8' WHERE name = '王芳'")
    assert names(v.shop_rows(db, today=TODAY, text="8")) == ["鑫旺超市", "阿里便利"]


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


@pytest.mark.parametrize("text", ["z", "zw", "王", "13", "HN-0", "便利", "a", "1", "０"])
@pytest.mark.parametrize(
    "filters",
    [{}, {"tier": "A"}, {"level": 3}, {"overdue": True}, {"channel": "convenience"}],
)
def test_every_path_finds_the_same_shops(demo: Store, text: str, filters: dict[str, Any]) -> None:
    """The owner side is matched in one pass (om), or last for a one-digit search, unless a
    level filter or an owner sort joins every shop's first owner; every way, and every sort
    key, finds the same shops, and the page's total is the count."""
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


def _plain(db: Any, text: str, order_by: str | None, descending: bool) -> list[str]:
    """The list's ids the plain way: every shop joined to its first live owner, matched and
    ranked there (what the faster query must equal, order included)."""
    from fieldapp.store.search import match_clause

    shop = match_clause(
        text,
        name="s.name",
        phones=("s.phone",),
        code="s.code",
        pinyin="s.search_pinyin",
        initials="s.search_initials",
    )
    owner = match_clause(
        text,
        name="o.name",
        phones=("o.mobile",),
        pinyin="o.search_pinyin",
        initials="o.search_initials",
    )
    if shop is None or owner is None:
        return []  # nothing to search for in the text (a separator)
    d = " DESC" if descending else ""
    order = (
        f"min({shop.rank}, {owner.rank}){d}, s.search_pinyin{d}, s.id"
        if order_by is None
        else f"{v.SORT_KEYS[order_by]}{d}, s.search_pinyin, s.id"
    )
    sql = (
        "SELECT s.id FROM shops s LEFT JOIN owners o ON o.id = (SELECT o2.id FROM owners o2"
        " WHERE o2.shop_id = s.id AND o2.deleted = 0 ORDER BY o2.created_at, o2.id LIMIT 1)"
        f" WHERE s.deleted = 0 AND ({shop.cond} OR {owner.cond}) ORDER BY {order}"
    )
    params = [*shop.cond_params, *owner.cond_params]
    if order_by is None:
        params += [*shop.rank_params, *owner.rank_params]
    return [r["id"] for r in db.query(sql, params)]


def _random_texts(db: Any, n: int, seed: int) -> list[str]:
    """Pieces of the demo's names, pinyin, initials, phones and codes, as a rep types them:
    short and long, any case, some with a separator."""
    import random

    rnd = random.Random(seed)
    values = [
        str(value)
        for r in db.query(
            "SELECT s.name, s.search_pinyin, s.search_initials, s.phone, s.code, o.name AS owner,"
            " o.search_pinyin AS opy, o.search_initials AS oin, o.mobile"
            " FROM shops s LEFT JOIN owners o ON o.shop_id = s.id"
        )
        for value in dict(r).values()
        if value
    ]
    texts: list[str] = []
    while len(texts) < n:
        value = rnd.choice(values)
        start = rnd.randrange(len(value))
        piece = value[start : start + rnd.choice((1, 1, 2, 3, 5))]
        if piece.strip():  # a blank search box lists every shop: not a search
            texts.append(piece.upper() if rnd.random() < 0.2 else piece)
    return texts


@pytest.mark.parametrize("seed", range(3))
def test_the_list_equals_the_plain_query(demo: Store, seed: int) -> None:
    """Random searches (broad ones of one character too; every single digit, which asks the
    owner side last), ranked and by every key that reads a shop column, either way round:
    the same shops in the same order, and the total is their number."""
    db = demo.db
    digits = ["０", " 3 ", *"0123456789"] if seed == 0 else []
    for text in digits + _random_texts(db, 40, seed):
        for order, descending in (
            (None, False),
            (None, True),
            ("code", seed == 1),
            ("channel", seed == 2),
            ("tier", seed == 0),
            ("cloud_store", seed == 1),
        ):
            expected = _plain(db, text, order, descending)
            rows, total = v.shop_page(
                db, today=TODAY, text=text, order_by=order, descending=descending, limit=None
            )
            assert [r.id for r in rows] == expected, (text, order, descending)
            assert total == len(expected)
            page, page_total = v.shop_page(
                db, today=TODAY, text=text, order_by=order, descending=descending, limit=7
            )
            assert [r.id for r in page] == expected[:7] and page_total == len(expected)
