"""Search through the store: Chinese, pinyin, initials with surnames, phones, shop codes."""

from __future__ import annotations

import pytest

from fieldapp.store import Store


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store.open(":memory:")
    county = s.counties.create(name="金水区")
    other = s.counties.create(name="惠济区")
    shops = {
        "HN-0001": ("鑫旺便利店", "0371-66001234"),
        "HN-0002": ("重庆小面馆", "13912345678"),
        "HN-0100": ("单记烟酒店", None),
        "ZZ_9%": ("百货超市", None),
    }
    for code, (name, phone) in shops.items():
        shop = s.shops.create(
            name=name, code=code, channel="other", county_id=county.id, phone=phone
        )
        s.shop_ids = getattr(s, "shop_ids", {}) | {name: shop.id}  # type: ignore[attr-defined]
    first = s.shop_ids["鑫旺便利店"]  # type: ignore[attr-defined]
    for name, mobile in [
        ("张伟", "13800138000"),
        ("周文", None),
        ("单田芳", "13700001111"),
        ("曾小明", None),
        ("解晓东", None),
        ("区家明", None),
        ("欧阳娜", None),
    ]:
        s.owners.create(shop_id=first, name=name, mobile=mobile)
    for name in ["张伟", "章薇", "赵雯雯", "仇亮"]:
        s.kocs.create(name=name, county_id=other.id)
    return s


def titles(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [h.title for h in hits]


def test_initials_find_people_with_the_right_reading(store: Store) -> None:
    assert set(titles(store.search("zw"))) >= {"张伟", "周文", "章薇"}
    assert titles(store.search.owners("stf")) == ["单田芳"]  # 单 read as the surname shan
    assert titles(store.search.owners("dtf")) == []
    assert titles(store.search.owners("zxm")) == ["曾小明"]  # 曾 zeng, not ceng
    assert titles(store.search.owners("xiexiaodong")) == ["解晓东"]
    assert titles(store.search.owners("oujiaming")) == ["区家明"]
    assert titles(store.search.owners("oyn")) == ["欧阳娜"]
    assert titles(store.search.kocs("qiuliang")) == ["仇亮"]


def test_full_pinyin_and_chinese(store: Store) -> None:
    assert "张伟" in titles(store.search("zhangwei"))
    assert titles(store.search.shops("chongqing")) == ["重庆小面馆"]
    assert set(titles(store.search("张"))) == {"张伟"}  # one owner and one KOC of that name
    assert len(store.search("张")) == 2
    assert titles(store.search.shops("烟酒")) == ["单记烟酒店"]


def test_phone_numbers_whole_or_in_part(store: Store) -> None:
    assert titles(store.search("13800138000")) == ["张伟"]
    assert titles(store.search("138 0013")) == ["张伟"]
    assert titles(store.search.shops("6600")) == ["鑫旺便利店"]
    assert titles(store.search.shops("1391234")) == ["重庆小面馆"]


def test_shop_codes_exact_first(store: Store) -> None:
    hits = store.search.shops("HN-000")
    assert set(titles(hits)) == {"鑫旺便利店", "重庆小面馆"}
    assert titles(store.search.shops("hn-0100")) == ["单记烟酒店"]
    assert store.search.shops("HN-0100")[0].rank == 0


def test_like_wildcards_in_the_query_are_literal(store: Store) -> None:
    assert titles(store.search.shops("ZZ_9%")) == ["百货超市"]
    # Unescaped, "_" and "%" would match any character here and find HN-0001.
    assert store.search.shops("H_-0") == []
    assert store.search.shops("HN%1") == []


def test_ranking_puts_exact_and_prefix_before_anywhere(store: Store) -> None:
    hits = store.search("zw")
    ranks = [h.rank for h in hits]
    assert ranks == sorted(ranks)
    assert hits[0].rank == 0


def test_deleted_rows_are_not_found(store: Store) -> None:
    koc = store.kocs.create(name="司马光", county_id=store.counties.list()[0].id)
    assert titles(store.search.kocs("smg")) == ["司马光"]
    store.kocs.delete(koc.id)
    assert store.search.kocs("smg") == []


def test_renaming_updates_the_search_columns(store: Store) -> None:
    sid = store.shop_ids["百货超市"]  # type: ignore[attr-defined]
    store.shops.update(sid, name="福满多超市")
    assert titles(store.search.shops("fmd")) == ["福满多超市"]
    assert store.search.shops("bhcs") == []
    store.shops.update(sid, name="百货超市")


def test_empty_and_blank_queries_find_nothing(store: Store) -> None:
    assert store.search("") == []
    assert store.search("   ") == []
    assert store.search("zw", limit=1) and len(store.search("zw", limit=1)) == 1
