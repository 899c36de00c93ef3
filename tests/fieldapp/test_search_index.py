"""The search index (client migration 0030) changes how the search finds its rows, never
which: every query gives what the plain LIKE query gives, by every path (the index's
candidates, the walk in name order, the first rows of the walk, the index's trigrams
for a short text), and the index follows inserts, renames and deletes."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date

import pytest

from fieldapp.demo.generator import generate
from fieldapp.store import Store, search
from fieldapp.store.search import match_clause

COLUMNS = {
    "shops": dict(
        name="s.name",
        phones=("s.phone",),
        code="s.code",
        pinyin="s.search_pinyin",
        initials="s.search_initials",
    ),
    "owners": dict(
        name="o.name",
        phones=("o.mobile", "o.wechat"),
        pinyin="o.search_pinyin",
        initials="o.search_initials",
    ),
    "kocs": dict(
        name="k.name",
        phones=("k.mobile", "k.wechat"),
        pinyin="k.search_pinyin",
        initials="k.search_initials",
    ),
}


def plain(store: Store, table: str, text: str, limit: int) -> list[str]:
    """The search as a plain LIKE scan (no index), best first by (rank, name, id)."""
    alias = table[0]
    match = match_clause(text, **COLUMNS[table])  # type: ignore[arg-type]
    if match is None:
        return []
    sql = (
        f"SELECT {alias}.id FROM {table} AS {alias} NOT INDEXED"
        f" WHERE {alias}.deleted = 0 AND {match.cond}"
        f" ORDER BY {match.rank}, {alias}.name, {alias}.id LIMIT ?"
    )
    return [r[0] for r in store.db.execute(sql, [*match.cond_params, *match.rank_params, limit])]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(tmp_path_factory.mktemp("search") / "demo.db")
    generate(store, scale="rep", seed=5, today=date(2026, 11, 24))
    county = store.counties.list(limit=1)[0].id
    shop = store.shops.list(limit=1)[0].id
    # Texts the demo does not have: Latin letters in either case, quotes, wildcards,
    # a landline, a name shorter than a trigram, one a single character long.
    # (Written as an import would, unchecked: a phone of two digits stays.)
    odd = [
        ('KFC肯德基 "老店"', "HN-0%_1", "0371-6600 1234"),
        ("7-Eleven 便利店", "ZZ-77", None),
        ("犇", None, "12"),
        ("Café 阿里", "hn-0001", None),
    ]
    store.bulk_insert(
        "shops",
        [
            {"id": f"odd-{n}", "name": name, "code": code, "phone": phone,
             "channel": "other", "tier": "C", "cloud_store": "none", "county_id": county}
            for n, (name, code, phone) in enumerate(odd)
        ],
    )  # fmt: skip
    store.owners.create(shop_id=shop, name="王", mobile="13800138000", wechat="wx_13-8")
    store.kocs.create(name="乐乐", county_id=county, wechat="LeLe_99")
    yield store
    store.close()


def texts(store: Store, seed: int, n: int) -> list[str]:
    """Pieces of what the rows hold (1 to 5 characters from any place), typed as is."""
    rnd = random.Random(seed)
    found = [
        "张", "zw", "l", "i", "v", "q", "lxm", "wangfang", "1380", "138", "13", "1", "HN-0",
        "hn", "HN00", "xyzxyz", "烟酒", "烟酒店", "KFC", "kfc肯", '"老', "%_", "-0%_1", "犇",
        "12", "Café", "cafe", "e", "77", "ZZ-77", "乐乐", "lele", "yy", "wx_13", "wx138",
        "0371", "66001234", "6600 1234", "王",
    ]  # fmt: skip
    values = [
        v
        for table in ("shops", "owners", "kocs")
        for r in store.db.execute(
            f"SELECT name, search_pinyin, search_initials FROM {table} ORDER BY id"
        )
        for v in r
        if v
    ]
    phones = [r[0] for r in store.db.execute("SELECT mobile FROM kocs WHERE mobile IS NOT NULL")]
    for source in rnd.sample(values, n) + rnd.sample(phones, min(n // 4, len(phones))):
        word = rnd.choice(source.split(" ")) or source
        start = rnd.randrange(len(word))
        found.append(word[start : start + rnd.randint(1, 5)])
    return found


@pytest.mark.parametrize(
    ("sparse", "walk", "max_terms"),
    [
        (search.SPARSE, search.WALK, search.MAX_TERMS),  # as shipped
        (5, 3, 4),  # the index rarely answers alone: the walks and their fall-backs
        (100_000, 1, 100_000),  # the index answers whenever it can
    ],
)
def test_every_path_gives_the_plain_querys_rows(
    demo: Store, monkeypatch: pytest.MonkeyPatch, sparse: int, walk: int, max_terms: int
) -> None:
    monkeypatch.setattr(search, "SPARSE", sparse)
    monkeypatch.setattr(search, "WALK", walk)
    monkeypatch.setattr(search, "MAX_TERMS", max_terms)
    checked = 0
    for text in texts(demo, seed=sparse, n=120):
        for table in ("shops", "owners", "kocs"):
            for limit in (3, 50):
                got = [h.id for h in getattr(demo.search, table)(text, limit=limit)]
                assert got == plain(demo, table, text, limit), (table, text, limit)
                checked += bool(got)
    assert checked > 300  # most texts find something


def test_the_index_follows_writes(demo: Store) -> None:
    county = demo.counties.list(limit=1)[0].id
    shop = demo.shops.create(
        name="豫丰粮油批发部", code="QX-4411", channel="other", county_id=county
    )
    assert [h.id for h in demo.search.shops("yufengliangyou")] == [shop.id]
    assert [h.id for h in demo.search.shops("QX-4411")] == [shop.id]
    demo.shops.update(shop.id, name="中州粮油批发部", code="QX-5522", phone="0371-55667788")
    assert demo.search.shops("yufengliangyou") == []
    assert demo.search.shops("QX-4411") == []
    assert [h.id for h in demo.search.shops("zhongzhouliangyou")] == [shop.id]
    assert [h.id for h in demo.search.shops("55667788")] == [shop.id]
    demo.shops.delete(shop.id)
    assert demo.search.shops("zhongzhouliangyou") == []
    demo.db.execute("DELETE FROM shops WHERE id = ?", [shop.id])  # gone for good
    found = demo.db.execute(
        "SELECT count(*) FROM shops_search(?)", ['"zhongzhouliangyou"']
    ).fetchone()[0]
    assert found == 0
    assert (
        demo.db.execute("SELECT count(*) FROM shops").fetchone()[0]
        == demo.db.execute("SELECT count(*) FROM shops_search").fetchone()[0]
    )


def _index_bytes(store: Store, table: str) -> bytes:
    return b"".join(
        bytes(r[0]) for r in store.db.execute(f"SELECT block FROM {table}_search_data") if r[0]
    )


def test_an_erased_name_leaves_the_search_index(demo: Store) -> None:
    """FTS5 keeps a replaced row's entries in older segments until they merge: the erase
    merges the index, so the erased name is nowhere in it (a rare first character, so the
    index keeps the rest of the trigram whole)."""
    county = demo.counties.list(limit=1)[0].id
    koc = demo.kocs.create(name="龘靐齉", county_id=county)
    shop = demo.shops.list(limit=1)[0].id
    owner = demo.owners.create(shop_id=shop, name="龘齉靐")
    assert "靐齉".encode() in _index_bytes(demo, "kocs")
    assert "齉靐".encode() in _index_bytes(demo, "owners")
    demo.kocs.erase(koc.id)
    demo.owners.erase(owner.id)
    assert "靐齉".encode() not in _index_bytes(demo, "kocs")
    assert "齉靐".encode() not in _index_bytes(demo, "owners")
    assert demo.search.kocs("龘靐齉") == [] and demo.search.owners("龘齉靐") == []


@pytest.mark.parametrize("max_terms", [search.MAX_TERMS, 100_000])
def test_the_lists_read_the_index_and_show_the_plain_querys_rows(
    demo: Store, monkeypatch: pytest.MonkeyPatch, max_terms: int
) -> None:
    """The shop and KOC lists (every matching row, counted, in any order) read only the
    rows the index proposes; what they show is what the LIKE scan shows, page and count,
    with and without filters (a county's rows: narrowed only when the index proposes
    few), by the best match or a column, for the shop's owner too."""
    from fieldapp.store import views_kocs, views_shops

    today = date(2026, 11, 24)
    county = demo.counties.list(limit=1)[0].id

    def lists(text: str) -> list[object]:
        pages: list[object] = []
        for order_by, level, tier, where in (
            (None, None, None, None),
            ("owner", None, "A", None),
            ("code", 3, None, None),
            (None, None, None, county),
        ):
            pages.append(
                views_shops.shop_page(demo.db, text=text, order_by=order_by, level=level,
                                      tier=tier, county_id=where, today=today, limit=25)
            )  # fmt: skip
        for sort, where in ((None, None), ("name", county)):
            pages.append(views_kocs.koc_rows(demo.db, search=text, sort=sort, county_id=where))
            pages.append(views_kocs.koc_count(demo.db, search=text, county_id=where))
        return pages

    monkeypatch.setattr(search, "MAX_TERMS", max_terms)
    found = 0
    for text in texts(demo, seed=max_terms, n=60):
        narrowed = lists(text)
        with monkeypatch.context() as m:
            m.setattr(views_shops, "candidates_query", lambda *_, **__: None)
            m.setattr(views_kocs, "candidates_query", lambda *_, **__: None)
            m.setattr(views_shops, "short_key", lambda *_: None)  # and no shops_short
            assert narrowed == lists(text), text
        found += bool(narrowed[0][1])  # type: ignore[index]
    assert found > 40  # most texts find shops
