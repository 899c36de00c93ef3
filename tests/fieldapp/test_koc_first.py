"""The KOC list's pages found without counting every match
(``views_kocs_first.koc_rows_uncounted``): the same rows in the same order as the counted
``koc_rows`` gives, by every path (exact matches from the index's candidates, prefix
matches walked within the first letter or read from the names that start with the text,
the rest walked in the list's order within ``WALK`` KOCs, walked to the end, or read
from the index's candidates, and ``koc_rows`` itself), with every filter, offset and
order; and a total, when it gives one, is ``koc_count``'s."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from fieldapp.demo.generator import generate
from fieldapp.store import Store, views_kocs_first, views_kocs_keyed
from fieldapp.store.views_kocs import SORT_KEYS, koc_count, koc_rows
from fieldapp.store.views_kocs_first import koc_rows_uncounted

TODAY = date(2026, 11, 24)
TRAITS = ("acquaintances", "trying", "sharing", "expertise")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(tmp_path_factory.mktemp("kocfirst") / "demo.db")
    generate(store, scale="rep", seed=7, today=TODAY)
    county = store.counties.list(limit=1)[0].id
    # Polyphonic and equal names, Latin and digits in names, WeChat ids, landline-like
    # numbers, a single-character name, and deleted KOCs that match.
    odd = [
        ("张伟", "13800138000", None),
        ("张伟", None, "zhangwei_88"),
        ("张", None, None),
        ("曾乐", "1380013", None),
        ("单于行", None, "wx-13-8"),
        ("Ivy 李", None, "Ivy_99"),
        ("乐乐", None, "LeLe_99"),
        ("z", "8", None),
        ("ZW", None, "zw"),
        ("李1号", "0371-66001234", None),
        ("朝阳", None, None),
        ("！！", None, None),
        ("㐀张", None, None),
        ("张", "13800138000", None),
    ]
    # (Written as an import would, unchecked: a short mobile stays.)
    store.bulk_insert(
        "kocs",
        [
            {"id": f"odd-{n}", "name": name, "county_id": county, "mobile": mobile,
             "wechat": wechat, "stage": ("spotted", "advocating")[n % 2], "consent": n % 2,
             "deleted": int(n in (1, 3)),
             **{f"trait_{t}": 1 + (n + i) % 5 for i, t in enumerate(TRAITS)}}
            for n, (name, mobile, wechat) in enumerate(odd)
        ],
    )  # fmt: skip
    # Two counties of one name (one value of the county sort), and KOCs whose county is
    # gone (its name NULL: first ascending); some match, some are deleted.
    store.bulk_insert(
        "counties", [{"id": f"twin-{n}", "name": "同名县", "koc_target": 50} for n in (1, 2)]
    )
    store.bulk_insert(
        "kocs",
        [
            {"id": f"keyed-{n}", "name": ("张三", "赵六", "李四")[n % 3],
             "county_id": ("twin-1", "twin-2", "gone-county")[n % 3],
             "stage": ("spotted", "dormant", "advocating", "introduced")[n % 4],
             "consent": n % 2, "deleted": int(n % 7 == 0),
             **{f"trait_{t}": 1 + (n + i) % 5 for i, t in enumerate(TRAITS)}}
            for n in range(24)
        ],
    )  # fmt: skip
    rnd = random.Random(3)
    for koc in rnd.sample([r[0] for r in store.db.execute("SELECT id FROM kocs")], 25):
        store.kocs.delete(koc)
    yield store
    store.close()


def _texts(store: Store) -> list[str]:
    """Texts that match many KOCs or few, as typed: letters, digits, Chinese, mixed,
    punctuation only, spaces."""
    rnd = random.Random(5)
    found = [
        "z", "zh", "zha", "zhang", "zhangw", "zw", "w", "wa", "wang", "l", "li", "1", "13",
        "138", "1380013", "8", "张", "张伟", "李", "曾", "乐", "z", "Z", "ZW", "ivy", "Ivy 李",
        "lele", "LeLe_99", "wx-13", "0371", "66001234", "!!", "  ", "-", "_", "%", "xyzxyz",
        "a", "e", "i", "号", "1号", "zy", "cy", "㐀", "㐀张", "！",
    ]  # fmt: skip
    values = [
        v
        for r in store.db.execute("SELECT name, search_pinyin, search_initials, mobile FROM kocs")
        for v in r
        if v
    ]
    for source in rnd.sample(values, 30):
        word = rnd.choice(source.split(" ")) or source
        start = rnd.randrange(len(word))
        found.append(word[start : start + rnd.randint(1, 4)])
    return found


KINDS: list[dict[str, Any]] = [
    {},
    {"limit": 60},
    {"offset": 7, "limit": 5},
    {"offset": 60, "limit": 60},
    {"offset": 20, "limit": None},
    {"limit": None},
    {"sort": "name"},
    {"sort": "name", "offset": 30, "limit": 30},
    {"sort": "name", "descending": True, "limit": 30},
    {"sort": "total", "limit": 30},
    {"sort": "shops", "descending": True, "limit": 30},
    {"stage": "advocating"},
    {"consent": True, "limit": 40},
    {"consent": False, "sort": "name", "limit": 40},
    {"min_sharing": 3, "min_total": 12, "limit": 20},
    {"min_acquaintances": 5, "stage": "experienced", "limit": 10},
]


def _compare(store: Store, text: str | None, kind: dict[str, Any], **extra: Any) -> None:
    args = {"search": text, **kind, **extra}
    want = koc_rows(store.db, **args)
    got, total = koc_rows_uncounted(store.db, **args)
    assert [r.id for r in got] == [r.id for r in want], args
    assert got == want, args
    if total is not None:
        counted = {
            k: v for k, v in args.items() if k not in ("sort", "descending", "limit", "offset")
        }
        assert total == koc_count(store.db, **counted), args


@pytest.mark.parametrize(
    ("walk", "most"),
    [
        (views_kocs_first.WALK, None),  # as shipped
        (3, 0),  # always walked; the walk's first KOCs rarely fill a page
        (1, None),
        (100_000, 100_000),  # the index's candidates whenever it can
    ],
)
def test_every_path_gives_koc_rows_rows(
    demo: Store, monkeypatch: pytest.MonkeyPatch, walk: int, most: int | None
) -> None:
    monkeypatch.setattr(views_kocs_first, "WALK", walk)
    if most is not None:
        monkeypatch.setattr(views_kocs_first, "_most", lambda _db, _need: most)
    for text in [None, "", *_texts(demo)]:
        for kind in KINDS:
            _compare(demo, text, kind)


def test_a_reps_and_a_countys_list(demo: Store) -> None:
    rep = demo.db.execute("SELECT rep_id FROM kocs WHERE rep_id IS NOT NULL").fetchone()[0]
    county = demo.db.execute("SELECT county_id FROM kocs").fetchone()[0]
    for text in [None, "z", "张", "1", "zhang", "!!"]:
        for kind in KINDS[:8]:
            _compare(demo, text, kind, rep_id=rep)
            _compare(demo, text, kind, county_id=county)


def test_the_total_when_known(demo: Store) -> None:
    # A short page tells how many match; a broad search's full first page does not.
    rows, total = koc_rows_uncounted(demo.db, search="zhangwei", limit=60)
    assert total == koc_count(demo.db, search="zhangwei") == len(rows)
    rows, total = koc_rows_uncounted(demo.db, search="1", limit=5)
    assert len(rows) == 5 and total is None
    assert koc_rows_uncounted(demo.db, search="!!") == ([], 0)


def test_every_sort_key(demo: Store) -> None:
    for key in SORT_KEYS:
        for descending in (False, True):
            _compare(demo, "z", {"sort": key, "descending": descending, "limit": 25})
    with pytest.raises(ValueError):
        koc_rows_uncounted(demo.db, sort="nope")


KEYED_KINDS: list[dict[str, Any]] = [
    {"limit": 5},
    {"offset": 3, "limit": 7},
    {"offset": 25, "limit": 30},
    {"offset": 90, "limit": 60},
    {"limit": 200},
    {"offset": 590, "limit": 10},
    {"offset": 550, "limit": 60},  # past KEYED_END: koc_rows
    {"stage": "dormant", "limit": 20},
    {"consent": True, "offset": 10, "limit": 20},
    {"min_total": 14, "limit": 15},
]


@pytest.mark.parametrize("key", views_kocs_keyed.KEYED)
def test_sorted_by_stage_or_county_value_by_value(
    demo: Store, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    # Every search is broad (the index's candidates never read instead), so every page of
    # the whole store goes value by value; each way a value's KOCs are found is taken:
    # walked, walked further, walked in vain then read through the index, and too many
    # to read (koc_rows).
    monkeypatch.setattr(views_kocs_first, "_most", lambda _db, _need: 0)
    taken: set[str] = set()
    for walk, fetch in [(4000, 20_000), (3, 20_000), (12, 20_000), (40, 150), (2, 30)]:
        monkeypatch.setattr(views_kocs_keyed, "WALK", walk)
        monkeypatch.setattr(views_kocs_keyed, "FETCH", fetch)
        views_kocs_keyed.paths.clear()
        for text in [None, "", "z", "zh", "zhang", "1", "张", "李四", "li", "xyzxyz", "!!"]:
            for kind in KEYED_KINDS:
                for descending in (False, True):
                    _compare(demo, text, {"sort": key, "descending": descending, **kind})
        taken |= set(views_kocs_keyed.paths)
    if key == "stage":
        want = {"stage walked", "stage walked further", "stage walked in vain", "stage read"}
    else:
        want = {"county read"}
    assert want | {"too many"} <= taken


def test_a_stage_this_version_does_not_know(demo: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # It sorts last (after dormant): the stage sort keeps koc_rows then.
    monkeypatch.setattr(views_kocs_first, "_most", lambda _db, _need: 0)
    for stage in ("aaa", "zzz", "experienced2", "dormant "):
        demo.db.execute("UPDATE kocs SET stage = ? WHERE id IN ('keyed-1', 'keyed-5')", [stage])
        try:
            views_kocs_keyed.paths.clear()
            for text in [None, "赵", "z"]:
                for descending in (False, True):
                    _compare(demo, text, {"sort": "stage", "descending": descending, "limit": 9})
            assert views_kocs_keyed.paths == {"unknown stage": 6}
        finally:
            demo.db.execute("UPDATE kocs SET stage = 'dormant' WHERE id IN ('keyed-1', 'keyed-5')")
