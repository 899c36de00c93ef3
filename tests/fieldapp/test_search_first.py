"""The shop list's pages found without counting every match
(``views_shops_first.shop_page_uncounted``): the same rows in the same order as the
counted ``shop_page`` gives, by every path (each rank from the index's candidates, walked
in name order within ``WALK`` shops, walked to the end, or the counted query), with every
filter, offset and order; and a total, when it gives one, is ``shop_count``'s."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from fieldapp.demo.generator import generate
from fieldapp.store import Store, views_shops, views_shops_first, views_shops_keyed
from fieldapp.store.views_shops_first import shop_page_uncounted
from tests.conftest import T0

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(tmp_path_factory.mktemp("first") / "demo.db")
    generate(store, scale="rep", seed=11, today=TODAY)
    county = store.counties.list(limit=1)[0].id
    for n, (name, code, phone) in enumerate(
        [("KFC肯德基", "HN-0%_1", "0371-6600 1234"), ("张犇", "hn-zha", "12"), ("Zhang", None, "8")]
    ):
        store.db.execute(
            "INSERT INTO shops (id, created_at, updated_at, name, code, phone, channel,"
            " county_id, search_pinyin, search_initials) VALUES (?, ?, ?, ?, ?, ?, 'other', ?,"
            " lower(?), lower(?))",
            [f"odd-{n}", T0.isoformat(), T0.isoformat(), name, code, phone, county, name, name],
        )
    shop = store.shops.list(limit=1)[0].id
    store.owners.create(shop_id=shop, name="张", mobile="13800138000")
    # Two counties of one name (one value of the county sort) and shops whose county is
    # gone (its name NULL: first ascending); some match, one is deleted.
    for n in (1, 2):
        store.db.execute(
            "INSERT INTO counties (id, created_at, updated_at, name) VALUES (?, ?, ?, '同名县')",
            [f"twin-{n}", T0.isoformat(), T0.isoformat()],
        )
    for n in range(9):
        store.db.execute(
            "INSERT INTO shops (id, created_at, updated_at, name, code, channel, tier,"
            " county_id, deleted, search_pinyin, search_initials)"
            " VALUES (?, ?, ?, ?, ?, 'other', ?, ?, ?, ?, ?)",
            [f"keyed-{n}", T0.isoformat(), T0.isoformat(), ("张记", "Zhang小店", "李店")[n % 3],
             f"HN-9{n}", "ABC"[n % 3], ("twin-1", "twin-2", "gone-county")[n % 3],
             int(n == 4), ("zhangji", "zhangxiaodian", "lidian")[n % 3], "zj"],
        )  # fmt: skip
    yield store
    store.close()


def _texts(store: Store) -> list[str]:
    """Texts of three or more characters that match many shops or few, as typed."""
    rnd = random.Random(5)
    found = [
        "zha", "zhan", "zhang", "zhangw", "HN-", "HN-0", "hn-0", "HN-00", "HN-000", "138",
        "1380", "1380013", "张伟", "烟酒店", "wsbld", "ws", "xyzxyz", "-0%_1", "kfc", "KFC肯",
        "ang", "ian", "dian", "000", "371", "0371",
    ]  # fmt: skip
    values = [
        v
        for table in ("shops", "owners")
        for r in store.db.execute(f"SELECT name, search_pinyin, search_initials FROM {table}")
        for v in r
        if v
    ]
    for source in rnd.sample(values, 30):
        start = rnd.randrange(len(source))
        found.append(source[start : start + rnd.randint(3, 5)])
    return found


KINDS: list[dict[str, Any]] = [
    {},
    {"offset": 7, "limit": 5},
    {"offset": 60, "limit": 60},
    {"offset": 20, "limit": None},
    {"order_by": "name"},
    {"order_by": "name", "offset": 30},
    {"tier": "A"},
    {"channel": "convenience", "order_by": "name"},
    {"level": 3},
    {"overdue": True},
    {"overdue": True, "tier": "B", "offset": 3, "limit": 4},
    {"order_by": "code"},  # walked along the codes when the search is broad
    {"order_by": "code", "descending": True, "offset": 50},
    {"order_by": "code", "tier": "C", "level": 3},
    {"order_by": "owner"},  # the counted query
    {"descending": True},
]


@pytest.mark.parametrize(
    ("walk", "most", "sort"),
    [
        (views_shops_first.WALK, None, views_shops_first.SORTED),  # as shipped
        (5, 3, 1),  # short walks that go on among the candidates, ranks rarely sorted
        (1, 100_000, 100_000),  # all the candidates, sorted, whenever the index narrows
        (1, 100_000, 0),  # the name order walked among the candidates
        (100_000, 0, 0),  # the walk always, to the end
        (3, 0, 0),  # a short walk, then the candidates' walk
    ],
)
def test_pages_are_the_counted_lists_pages(
    demo: Store, monkeypatch: pytest.MonkeyPatch, walk: int, most: int | None, sort: int
) -> None:
    monkeypatch.setattr(views_shops_first, "WALK", walk)
    monkeypatch.setattr(views_shops_first, "SORTED", sort)
    if most is not None:
        monkeypatch.setattr(views_shops_first, "_most", lambda *_: most)
    db = demo.db
    rep = db.execute("SELECT rep_id FROM shops WHERE rep_id IS NOT NULL LIMIT 1").fetchone()[0]
    county = db.execute("SELECT county_id FROM shops LIMIT 1").fetchone()[0]
    kinds = [
        *KINDS,
        {"rep_id": rep},
        {"rep_id": rep, "offset": 3, "limit": 4, "tier": "B"},
        {"county_id": county, "order_by": "name"},
        {"county_id": county, "rep_id": rep, "level": 2, "offset": 100},
        {"county_id": county, "overdue": True},
        {"rep_id": rep, "descending": True},
        *({"rep_id": rep, "order_by": key} for key in views_shops.SORT_KEYS),
        *(
            {"county_id": county, "order_by": key, "descending": True, "offset": 5}
            for key in views_shops.SORT_KEYS
        ),
    ]
    walked = 0
    for text in [*_texts(demo), "", "z", "1", "HN", "张"]:
        for kind in kinds:
            args = {"limit": 25, "offset": 0} | kind
            rows, total = views_shops.shop_page(db, text=text, today=TODAY, **args)
            got, known = shop_page_uncounted(db, text=text, today=TODAY, **args)
            assert got == rows, (text, kind)
            if known is not None:
                assert known == total, (text, kind)
            walked += known is None
    assert walked > 20  # many broad texts leave the count to shop_count


def test_an_empty_or_unsearchable_text_and_the_end_of_the_list(demo: Store) -> None:
    db = demo.db
    n = views_shops.shop_count(db, today=TODAY)
    assert shop_page_uncounted(db, text="", today=TODAY, limit=10)[1] is None
    assert shop_page_uncounted(db, text="", today=TODAY, limit=None)[1] == n
    assert shop_page_uncounted(db, text="", today=TODAY, limit=n + 1)[1] == n
    assert shop_page_uncounted(db, text="---", today=TODAY) == ([], 0)
    assert shop_page_uncounted(db, text="zzzqqq", today=TODAY) == ([], 0)
    many = views_shops.shop_count(db, text="HN-0", today=TODAY)
    assert many > 100
    # Past the end: nothing, and how many is not known from it.
    assert shop_page_uncounted(db, text="HN-0", today=TODAY, offset=many + 5) == ([], None)
    rows, total = shop_page_uncounted(db, text="HN-0", today=TODAY, offset=many - 3, limit=10)
    assert len(rows) == 3 and total == many


def test_sorted_by_code_walks_the_codes(demo: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """With every live shop coded, the whole store sorted by code is walked along the
    codes (equal codes by name), for a short text, a long one and none: still the
    counted list's pages."""
    monkeypatch.setattr(views_shops_first, "_most", lambda *_: 0)
    db = demo.db
    uncoded = [r[0] for r in db.execute("SELECT id FROM shops WHERE code IS NULL")]
    assert uncoded  # the fixture's odd shop: then the counted query answers
    with demo.transaction():
        db.execute("UPDATE shops SET code = 'hn-zha' WHERE code IS NULL")  # equal, any case
    try:
        walked = 0
        for text in ["", "z", "1", "HN", "HN-0", "zha", "ang", "138", "烟酒店", "kfc"]:
            for kind in (
                {},
                {"descending": True},
                {"offset": 50, "limit": 30},
                {"tier": "B", "overdue": True},
                {"level": 4, "descending": True, "offset": 10},
            ):
                args = {"limit": 25, "offset": 0, "order_by": "code"} | kind
                rows, total = views_shops.shop_page(db, text=text, today=TODAY, **args)
                got, known = shop_page_uncounted(db, text=text, today=TODAY, **args)
                assert got == rows, (text, kind)
                assert known in (None, total), (text, kind)
                walked += known is None
        assert walked > 5  # (a short text or none: its count is one key's, known)
    finally:
        with demo.transaction():
            db.execute(
                "UPDATE shops SET code = NULL WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps(uncoded)],
            )


def test_sorted_by_county_goes_county_by_county(
    demo: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole store sorted by county, for a short text, a long one and none: each
    county's shops read in turn (equal names as one, a gone county's first ascending),
    or shop_page when that would read too many; still the counted list's pages."""
    monkeypatch.setattr(views_shops_first, "_most", lambda *_: 0)
    db = demo.db
    taken: set[str] = set()
    for fetch in (20_000, 150):
        monkeypatch.setattr(views_shops_keyed, "FETCH", fetch)
        views_shops_keyed.paths.clear()
        for text in ["", "z", "1", "HN", "HN-9", "张", "zha", "zhang", "ang", "138", "xyzxyz"]:
            for kind in (
                {},
                {"limit": 5},
                {"offset": 20, "limit": 30},
                {"offset": 90, "limit": 60},
                {"offset": 590, "limit": 10},
                {"offset": 550, "limit": 60},  # past KEYED_END: shop_page
                {"tier": "B", "overdue": True},
                {"channel": "other", "offset": 2, "limit": 7},
                {"level": 4, "offset": 10},
            ):
                for descending in (False, True):
                    args: dict[str, Any] = {"limit": 25, "offset": 0, "order_by": "county"}
                    args |= kind
                    args["descending"] = descending
                    rows, total = views_shops.shop_page(db, text=text, today=TODAY, **args)
                    got, known = shop_page_uncounted(db, text=text, today=TODAY, **args)
                    assert got == rows, (text, args)
                    assert known in (None, total), (text, args)
        taken |= set(views_shops_keyed.paths)
    assert taken == {"county read", "too many"}
