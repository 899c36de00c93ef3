"""The shop list's index of short texts (client migration 0033, ``shops_short``): what its
triggers keep is what ``search.rebuild_short`` computes from the rows, after any write
and after a first load; and the list's pages and counts for a text of one or two
characters read from it are those of the plain ``LIKE`` scan, whichever rank is walked
or sorted, with every filter and order."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from fieldapp.demo.generator import generate
from fieldapp.store import Store, search, views_shops
from tests.conftest import T0, World

TODAY = date(2026, 11, 24)


def kept(store: Store) -> list[tuple[Any, ...]]:
    return sorted(store.db.execute("SELECT frag, rank, shop FROM shops_short").fetchall())


def computed(store: Store) -> list[tuple[Any, ...]]:
    return sorted(search.short_rows(store.db))


def test_the_triggers_keep_what_the_rows_say(world: World) -> None:
    store, county = world.store, world.county_id
    assert kept(store) == computed(store)
    odd = [
        # Latin in either case (exact only as stored), a landline, a code typed in any
        # case, a one-character name, Han beyond the basic block, full-width forms.
        ("KFC肯德基 老店", "HN-0%1", "0371-6600 1234"),
        ("7-Eleven 便利店", "zz-77", None),
        ("犇", None, "12"),
        ("𠀀㐀〇店", "Ａ1", "８８"),
        ("ab", "AB", "13800138000"),
    ]
    store.bulk_insert(  # as an import writes them, unchecked
        "shops",
        [
            {
                "id": f"odd-{n}",
                "name": name,
                "code": code,
                "phone": phone,
                "channel": "other",
                "tier": "C",
                "cloud_store": "none",
                "county_id": county,
            }
            for n, (name, code, phone) in enumerate(odd)
        ],
    )
    shops = [f"odd-{n}" for n in range(len(odd))]
    assert kept(store) == computed(store)
    first = store.owners.create(shop_id=shops[0], name="王芳", mobile="138-0013-8000")
    store.owners.create(shop_id=shops[0], name="赵磊", mobile="13900139000")
    other = store.owners.create(shop_id=shops[1], name="Lily 张", wechat="lily_zz77")
    assert kept(store) == computed(store)
    store.owners.update(first.id, name="李娜")  # the first owner renamed
    # Every column set again, as a pull writes a row (the triggers skip unchanged texts).
    store.db.execute("UPDATE owners SET name = name, mobile = mobile, level = 4, deleted = 0")
    store.db.execute("UPDATE shops SET name = name, code = code, tier = 'A'")
    assert kept(store) == computed(store)
    store.owners.delete(first.id)  # the second becomes the first
    assert kept(store) == computed(store)
    # An owner that comes before the first (an older row pulled later), one moved to
    # another shop, a shop renamed, deleted, undeleted and gone for good.
    store.db.execute(
        "UPDATE owners SET created_at = ? WHERE id = ?",
        [(T0 - timedelta(days=400)).isoformat(), other.id],
    )
    store.db.execute("UPDATE owners SET shop_id = ? WHERE id = ?", [shops[2], other.id])
    assert kept(store) == computed(store)
    store.shops.update(shops[4], name="新名字", code="QX-5522", phone="0371-55667788")
    store.db.execute("UPDATE shops SET deleted = 1 WHERE id = ?", [shops[3]])
    assert kept(store) == computed(store)
    store.db.execute("UPDATE shops SET deleted = 0 WHERE id = ?", [shops[3]])
    assert kept(store) == computed(store)
    store.db.execute("DELETE FROM owners WHERE shop_id = ?", [shops[2]])
    store.db.execute("DELETE FROM shops WHERE id = ?", [shops[1]])
    assert kept(store) == computed(store)
    store.owners.erase(store.owners.create(shop_id=shops[0], name="龘靐").id)
    assert kept(store) == computed(store)
    before = kept(store)
    with store.transaction():
        search.rebuild_short(store.db)
    assert kept(store) == before
    single = store.db.execute("SELECT rowid FROM shops WHERE name = '犇'").fetchone()[0]
    assert ("犇", 0, single) in before  # a one-character name: an exact match


def _row(world: World, table: str, row_id: str, **fields: Any) -> dict[str, Any]:
    now = T0.isoformat()
    base: dict[str, Any] = {
        "id": row_id,
        "created_at": now,
        "updated_at": now,
        "created_by": "u-server",
        "updated_by": "u-server",
        "deleted": False,
    }
    if table == "shops":
        base |= {
            "code": None,
            "name": "鑫旺便利店",
            "channel": "convenience",
            "tier": "B",
            "address": None,
            "county_id": world.county_id,
            "phone": None,
            "latitude": None,
            "longitude": None,
            "cloud_store": "none",
            "notes": None,
            "rep_id": None,
        }
    else:
        base |= {
            "shop_id": None,
            "name": "王芳",
            "mobile": None,
            "wechat": None,
            "birthday": None,
            "level": 1,
            "cares_about": None,
            "notes": None,
        }
    return base | fields


def _upsert(row: dict[str, Any], version: int, table: str) -> dict[str, Any]:
    return {
        "seq": version,
        "table": table,
        "row_id": row["id"],
        "op": "upsert",
        "version": version,
        "row": row | {"version": version},
    }


def test_a_first_load_fills_it_as_its_triggers_would(tmp_path: Path, clock: Any) -> None:
    from tests.conftest import _build_world

    stores = [Store.open(tmp_path / f"{name}.db", clock=clock) for name in ("first", "later")]
    try:
        worlds = [_build_world(store) for store in stores]
        for world, cursor in zip(worlds, (0, 5), strict=True):
            shops = [
                _upsert(
                    _row(
                        world,
                        "shops",
                        f"s{i}",
                        name=f"张伟{i}号店",
                        code=f"HN-{i:03}",
                        phone="0371-6600123",
                    ),
                    i,
                    "shops",
                )
                for i in range(1, 30)
            ]
            owners = [
                _upsert(
                    _row(
                        world,
                        "owners",
                        f"o{i}",
                        shop_id=f"s{i}",
                        name="李娜",
                        mobile=f"1380013{i:04}",
                    ),
                    100 + i,
                    "owners",
                )
                for i in range(1, 20)
            ]
            pages = [
                shops,
                owners,
                [
                    _upsert(_row(world, "shops", "s1", name="Zz超市"), 200, "shops"),
                    _upsert(_row(world, "owners", "o2", shop_id="s2", deleted=True), 201, "owners"),
                    {"seq": 202, "table": "shops", "row_id": "s3", "op": "left", "version": 202},
                ],
            ]
            with world.store.replica.pulling(cursor) as is_first:
                assert is_first == (cursor == 0)
                for n, page in enumerate(pages):
                    world.store.replica.apply_page(page, cursor=cursor + n + 1)
        loaded, later = (kept(world.store) for world in worlds)
        assert loaded == computed(worlds[0].store) and loaded
        assert [(f, r) for f, r, _ in loaded] == [(f, r) for f, r, _ in later]
        assert views_shops.shop_count(worlds[0].store.db, text="李", today=TODAY) == 17
    finally:
        for store in stores:
            store.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(tmp_path_factory.mktemp("short") / "demo.db")
    generate(store, scale="rep", seed=7, today=TODAY)
    county = store.counties.list(limit=1)[0].id
    for n, (name, code, phone) in enumerate(
        [("KFC肯德基", "HN-0%_1", "0371-6600 1234"), ("犇", "hn", "12"), ("Zh", None, "8")]
    ):
        store.db.execute(
            "INSERT INTO shops (id, created_at, updated_at, name, code, phone, channel,"
            " county_id, search_pinyin, search_initials) VALUES (?, ?, ?, ?, ?, ?, 'other', ?,"
            " lower(?), lower(?))",
            [f"odd-{n}", T0.isoformat(), T0.isoformat(), name, code, phone, county, name, name],
        )
    shop = store.shops.list(limit=1)[0].id
    store.owners.create(shop_id=shop, name="王", mobile="13800138000")
    yield store
    store.close()


def _texts(store: Store) -> list[str]:
    """One- and two-character pieces of what the shops and owners hold, as typed."""
    rnd = random.Random(3)
    values = [
        v
        for table in ("shops", "owners")
        for r in store.db.execute(
            f"SELECT name, search_pinyin, code, phone FROM {table}"
            if table == "shops"
            else f"SELECT name, search_initials, mobile, '' FROM {table}"
        )
        for v in r
        if v
    ]
    found = [
        "z",
        "Z",
        "zh",
        "ZH",
        "张",
        "王",
        "hn",
        "HN",
        "Hn",
        "1",
        "13",
        "8",
        "犇",
        "%",
        "k",
        "肯德",
        "x",
        "ｚ",
        "1 3",
        " z ",
        "-",
        "q",
        "a",
        "v",
        "张伟",
    ]
    for source in rnd.sample(values, 40):
        start = rnd.randrange(len(source))
        found.append(source[start : start + rnd.randint(1, 2)])
    return found


@pytest.mark.parametrize("walk", [None, 0.0, 1e12])
def test_the_lists_short_texts_give_the_plain_scans_pages_and_counts(
    demo: Store, monkeypatch: pytest.MonkeyPatch, walk: float | None
) -> None:
    """Every page and count for a short text, read from ``shops_short`` (each rank walked
    in name order or sorted, as chosen, always walked, always sorted), is what the list
    gives without it and without the trigram index: the LIKE conditions alone."""
    if walk is not None:
        monkeypatch.setattr(views_shops, "_WALK", walk)
    db = demo.db
    rep = db.execute("SELECT rep_id FROM shops WHERE rep_id IS NOT NULL LIMIT 1").fetchone()[0]
    county = db.execute("SELECT county_id FROM shops LIMIT 1").fetchone()[0]
    kinds: list[dict[str, Any]] = [
        {},
        {"offset": 7, "limit": 5},
        {"offset": 40, "limit": None},
        {"rep_id": rep},
        {"county_id": county, "order_by": "name"},
        {"tier": "A", "order_by": "owner"},
        {"level": 3},
        {"overdue": True, "order_by": "days_since", "descending": True},
        {"descending": True},
        {"rep_id": rep, "offset": 3, "limit": 4},
    ]

    def lists(text: str) -> list[object]:
        out: list[object] = []
        for kind in kinds:
            args = {"limit": 25, "offset": 0} | kind
            out.append(views_shops.shop_page(db, text=text, today=TODAY, **args))
            counted = {
                k: v
                for k, v in args.items()
                if k in ("rep_id", "county_id", "tier", "level", "overdue")
            }
            out.append(views_shops.shop_count(db, text=text, today=TODAY, **counted))
        return out

    short = 0
    for text in _texts(demo):
        got = lists(text)
        with monkeypatch.context() as m:
            m.setattr(views_shops, "short_key", lambda *_: None)
            m.setattr(views_shops, "candidates_query", lambda *_, **__: None)
            assert got == lists(text), text
        short += search.short_key(text) is not None and bool(got[1])
    assert short > 40  # most texts are short and find shops
