"""The whole shop list's first pages sorted by county, without sorting every match
(``views_shops_first.shop_page_uncounted`` asks).

``shop_page`` sorts by ``county [DESC], name_pinyin, id``; a broad search of a region's
whole store (no text: 60,000 shops; ``zha``: 9,033) sorted by county read and sorted
every match for its first page (36-146 ms). A region has 156 counties of about 400 shops
each, so the first page is each county's first matches in name order, county after
county in the sort's direction (a county gone from ``counties`` first, its name NULL;
equal names one value), each county's shops read through ``shops_county`` and tested
with their first owner as ``views_shops_first`` tests the whole store's (a one- or
two-character text through ``shops_short``), until the page is full. A search the index
narrows to few shops, or more than ``FETCH`` shops to read for one page, keep
``shop_page``. ``tests/fieldapp/test_search_first.py`` holds every page to
``shop_page``'s.

Threading: like ``views_shops``, on the thread that owns ``db``'s connection.
"""

from __future__ import annotations

from typing import Any

from .db import Sql
from .search import Searcher
from .views_kocs_keyed import county_groups, distinct_ids
from .views_shops import _FIRST_OWNER, _Filters, _short_key, _Sql, list_matches

__all__ = ["FETCH", "KEYED_END", "by_county"]

#: The most shops read through ``shops_county`` for one page before ``shop_page`` sorts
#: every match instead.
FETCH = 20_000
#: Pages found county by county up to this many rows (offset + limit).
KEYED_END = 600

#: Which way each page was found (the tests check every way is taken).
paths: dict[str, int] = {}


def _took(path: str) -> None:
    paths[path] = paths.get(path, 0) + 1


def by_county(
    db: Sql, f: _Filters, descending: bool, end: int
) -> tuple[list[str], int | None] | None:
    """The first ``end`` matching shops' ids of the whole store sorted by county, and
    how many match when fewer were found; None when ``shop_page`` should find them."""
    from . import views_shops_first as first  # (which imports this module)

    if f.rep_id is not None or f.county_id is not None or end > KEYED_END:
        return None
    key = _short_key(f)
    sides: Any = (None, None)
    if key is not None:
        n = db.execute("SELECT count(*) FROM shops_short WHERE frag = ?", [key]).fetchone()[0]
        if n <= first._most(db, end):
            return None
    elif f.searching:
        assert f.text is not None
        sides = list_matches(f.text)
        if sides == (None, None):
            return None
        searcher = Searcher(db)
        queries = [
            first._query(searcher, "shops", sides[0], 2),
            first._query(searcher, "owners", sides[1], 2),
        ]
        if first._few(db, queries, first._most(db, end)):
            return None
    groups = county_groups(db, distinct_ids(db, "shops", "shops_county"))
    if descending:
        groups.reverse()
    ids: list[str] = []
    fetched = 0
    for county_ids in groups:
        need = end - len(ids)
        if need <= 0:
            break
        fetched += db.execute(
            "SELECT count(*) FROM shops INDEXED BY shops_county"
            " WHERE county_id IN (SELECT value FROM json_each(?))",
            [county_ids],
        ).fetchone()[0]
        if fetched > FETCH:
            _took("too many")
            return None
        _took("county read")
        q = _Sql()
        q.add("SELECT s.id FROM shops AS s INDEXED BY shops_county")
        q.add(f"LEFT JOIN owners AS o ON o.id = {_FIRST_OWNER}")
        q.add("WHERE s.county_id IN (SELECT value FROM json_each(?))", county_ids)
        q.add("AND s.deleted = 0")
        if key is not None:
            # A shop's entry of any rank: it matches (views_shops._matching's short join).
            q.add(
                "AND EXISTS (SELECT 1 FROM shops_short AS p WHERE p.frag = ?"
                " AND p.rank IN (0, 1, 2) AND p.shop = s.rowid)",
                key,
            )
        first._where(q, f, sides, None)
        q.add("ORDER BY s.search_pinyin, s.id LIMIT ?", need)
        ids += [r[0] for r in db.execute(q.text(), q.params)]
    return ids, (len(ids) if len(ids) < end else None)
