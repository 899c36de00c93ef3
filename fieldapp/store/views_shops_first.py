"""The shop list's pages without counting every match (the count comes on its own).

:func:`shop_page_uncounted` gives the same rows, in the same order, as
:func:`fieldapp.store.views_shops.shop_page`, and how many shops match only when that
came free; :func:`fieldapp.store.views_shops.shop_count` counts them (the list asks it
off the UI thread). A search of three or more characters that matches thousands of
shops (``zha``: 9,033 of a region's 60,000; ``HN-0``: all of them) cost a keystroke
150-570 ms there to count and sort every match, where its first page is in the first
few hundred shops in the list's order.

So, when the search index proposes many shops (more than :func:`_most`: about 3,800 for
a page of 60 among 60,000), each rank (exact, prefix, anywhere: the list's order) is
found in name order as :class:`fieldapp.store.search.Searcher` does: from the index's
candidates for that rank when it proposes few (all of them sorted, up to ``SORTED``; else
the name order walked among them), else by walking the live shops in name order
(``shops_live_pinyin``) and testing each with its first live owner, the first ``WALK``
of them before going on among the index's candidates only (the index's entries of the
other shops passed over unread). A rep's or a
county's list (hundreds of shops) tests every one of its shops with its first owner
and counts them in the same query (the counted query matched a region's every owner
apart for a broad text: 100-400 ms for a rep's 150 shops). The whole store sorted by
code walks the live codes in order (``shops_code_live``) when every live shop has one;
sorted by county, it goes county by county (``views_shops_keyed``).
The ``LIKE`` conditions and rank expressions of ``match_clause`` decide, as in the list.
A search the index narrows to few shops, a one- or two-character text of the whole list
(``shops_short``) and the other sorts of the whole list keep the counted query of
``shop_page`` (fast there, or not worse than before; its count comes with the page).
``tests/fieldapp/test_search_first.py`` holds every page to ``shop_page``'s.

Threading: like ``views_shops``, on the thread that owns ``db``'s connection.
"""

from __future__ import annotations

import json
import math
from datetime import date, timedelta
from typing import Any

from ..model import BUSINESS_UTC_OFFSET, Channel, Tier
from .db import Sql
from .search import Match, Searcher
from .views_shops import (
    _FIRST_OWNER,
    _LAST_VISIT,
    _NEEDS_COUNTY,
    _NEEDS_LAST_VISIT,
    _ROWS_SQL,
    SORT_KEYS,
    ShopRow,
    _Filters,
    _modifier,
    _page,
    _shop_row,
    _short_key,
    _Sql,
    _text_only,
    list_matches,
)
from .views_shops_keyed import by_county

__all__ = ["WALK", "shop_page_uncounted"]

#: Live shops walked in name order for one rank before the walk goes on among the search
#: index's candidates only (a rank with few matches among many candidates).
WALK = 4000
#: A rank is read from all the index's candidates for it, and sorted, when it proposes at
#: most this many; up to :func:`_most`, the name order is walked among them.
SORTED = 300


def shop_page_uncounted(
    db: Sql,
    *,
    text: str | None = None,
    county_id: str | None = None,
    tier: Tier | str | None = None,
    channel: Channel | str | None = None,
    level: int | None = None,
    overdue: bool = False,
    today: date,
    rep_id: str | None = None,
    order_by: str | None = None,
    descending: bool = False,
    limit: int | None = 200,
    offset: int = 0,
    utc_offset: timedelta = BUSINESS_UTC_OFFSET,
) -> tuple[list[ShopRow], int | None]:
    """The page :func:`~fieldapp.store.views_shops.shop_page` gives, and how many shops
    match when that was known without counting them all (None: ask ``shop_count``)."""
    f = _Filters(text, county_id, tier, channel, level, overdue, today, rep_id, utc_offset)
    if order_by is not None and order_by not in SORT_KEYS:
        raise ValueError(f"unknown sort key {order_by!r}")
    end = None if limit is None else offset + limit
    if order_by in ("code", "county") and end is not None:
        coded = (_by_code if order_by == "code" else by_county)(db, f, descending, end)
        if coded is not None:
            ids, total = coded
            if total is None and len(ids) < end:
                total = len(ids)
            return _rows(db, f, ids[offset:end]), total
    sides = _walked(db, f, order_by, descending, end)
    if sides is None:
        rows, total = _page(
            db, f, order_by=order_by, descending=descending, limit=limit, offset=offset
        )
        if total is None:  # an empty page: none match, or it is past the end
            return [], 0 if offset == 0 else None
        return rows, total
    if f.rep_id is not None or f.county_id is not None:
        page, total = _own(
            db, f, sides, order_by=order_by, descending=descending, limit=limit, offset=offset
        )
    else:
        ids = _ids(db, f, sides, ranked=order_by is None, end=end)
        page = ids[offset:end]
        # Fewer than asked: every match was found.
        total = len(ids) if end is None or len(ids) < end else None
    return _rows(db, f, page), total


def _rows(db: Sql, f: _Filters, ids: list[str]) -> list[ShopRow]:
    """The list's lines of the shops ``ids``, in that order."""
    if not ids:
        return []
    position = {shop: i for i, shop in enumerate(ids)}
    raw = sorted(
        db.query(_ROWS_SQL, [f.end(), _modifier(f.utc_offset), json.dumps(ids)]),
        key=lambda r: position[r["id"]],
    )
    return [_shop_row(r, f) for r in raw]


def _by_code(
    db: Sql, f: _Filters, descending: bool, end: int
) -> tuple[list[str], int | None] | None:
    """The first ``end`` matching shops' ids of the whole store sorted by code, walking
    the live codes in order (``shops_code_live``; equal codes by name), and how many
    match when a count of one key said so; None when the counted query is as fast (the
    search proposes few shops), or when a live shop has no code (those sort first and
    no index finds them)."""
    if f.rep_id is not None or f.county_id is not None:
        return None
    q = _Sql()
    q.add("SELECT s.id FROM shops AS s INDEXED BY shops_code_live")
    q.add(f"LEFT JOIN owners AS o ON o.id = {_FIRST_OWNER}")
    q.add("WHERE s.code IS NOT NULL AND s.deleted = 0")
    key = _short_key(f)
    total: int | None = None
    if key is not None:
        n = db.execute("SELECT count(*) FROM shops_short WHERE frag = ?", [key]).fetchone()[0]
        if n <= _most(db, end):
            return None
        total = n if _text_only(f) else None
        # A shop's entry of any rank: it matches (views_shops._matching's short join).
        q.add(
            "AND EXISTS (SELECT 1 FROM shops_short AS p WHERE p.frag = ?"
            " AND p.rank IN (0, 1, 2) AND p.shop = s.rowid)",
            key,
        )
        _where(q, f, (None, None), None)
    elif f.searching:
        assert f.text is not None
        sides = list_matches(f.text)
        if sides == (None, None):
            return None
        searcher = Searcher(db)
        queries = [_query(searcher, "shops", sides[0], 2), _query(searcher, "owners", sides[1], 2)]
        if _few(db, queries, _most(db, end)):
            return None
        _where(q, f, sides, None)
    else:
        _where(q, f, (None, None), None)
    coded = db.execute(
        "SELECT count(*) FROM shops INDEXED BY shops_code_live"
        " WHERE code IS NOT NULL AND deleted = 0"
    ).fetchone()[0]
    live = db.execute(
        "SELECT count(*) FROM shops INDEXED BY shops_live_pinyin WHERE deleted = 0"
    ).fetchone()[0]
    if coded != live:
        return None
    if not f.searching and _text_only(f):
        total = live
    direction = " DESC" if descending else ""
    q.add(f"ORDER BY s.code COLLATE NOCASE{direction}, s.search_pinyin, s.id LIMIT ?", end)
    return [r[0] for r in db.execute(q.text(), q.params)], total


_Sides = tuple[Match | None, Match | None]


def _walked(
    db: Sql, f: _Filters, order_by: str | None, descending: bool, end: int | None
) -> _Sides | None:
    """The shop's and the owner's match when the page is found walking (both None
    without a text); None when ``shop_page``'s counted query finds it as fast."""
    if _short_key(f) is not None:
        return None
    own = f.rep_id is not None or f.county_id is not None
    if not own and (descending or order_by not in (None, "name")):
        return None
    if not f.searching:
        return None, None
    assert f.text is not None
    shop, owner = list_matches(f.text)
    if shop is None and owner is None:
        return None
    searcher = Searcher(db)
    queries = [_query(searcher, "shops", shop, 2), _query(searcher, "owners", owner, 2)]
    if not own and _few(db, queries, _most(db, end)):
        return None  # the index proposes few shops: counting them is cheap
    return shop, owner


def _most(db: Sql, need: int | None) -> int:
    """The most candidates read rather than walking the shops for ``need`` matches.

    Reading a candidate and walking a shop cost about the same (5 us at region scale:
    the conditions, the first owner); a walk for ``need`` of ``c`` matches among ``n``
    shops reads about ``need * n / c`` shops, so candidates are cheaper while ``c``
    is below ``sqrt(need * n)``; twice that, as matches are fewer than candidates and a
    count read so comes with its page."""
    if need is None:
        return 1 << 62
    shops = db.execute("SELECT max(rowid) FROM shops").fetchone()[0] or 0
    return int(2 * math.sqrt(need * shops))


def _few(db: Sql, queries: list[str | None], most: int) -> bool:
    """Whether the shop and owner MATCH ``queries`` propose at most ``most`` rows in all
    (a None query, which cannot narrow, proposes every row)."""
    if any(q is None for q in queries):
        return False
    n = 0
    for table, query in zip(("shops", "owners"), queries, strict=True):
        if query:
            n += db.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {table}_search(?) LIMIT ?)",
                [query, most + 1 - n],
            ).fetchone()[0]
    return n <= most


def _query(searcher: Searcher, table: str, match: Match | None, tier: int) -> str | None:
    """The index's MATCH query for ``table``'s rows that may have rank ``tier`` ("" for
    none; None when the index cannot narrow them)."""
    if match is None:
        return ""
    return searcher._query(table, match, tier)


def _ids(db: Sql, f: _Filters, sides: _Sides, *, ranked: bool, end: int | None) -> list[str]:
    """The first ``end`` matching shops' ids (all when None) in the list's order: by
    rank (``ranked``), then by name (pinyin) and id."""
    shop, owner = sides
    searcher = Searcher(db)
    ids: list[str] = []
    for tier in (0, 1, 2) if ranked and f.searching else (None,):
        need = None if end is None else end - len(ids)
        if need is not None and need <= 0:
            break
        if (
            tier is not None
            and tier < 2
            and all(m is None or f"THEN {tier}" not in m.rank for m in sides)
        ):
            continue  # no shop can have this rank
        queries: list[str | None] = [None, None]
        if f.searching:
            queries = [
                _query(searcher, "shops", shop, 2 if tier is None else tier),
                _query(searcher, "owners", owner, 2 if tier is None else tier),
            ]
        narrow = all(q is not None for q in queries)
        if narrow and all(q == "" for q in queries):
            continue  # the index holds none
        if narrow and _few(db, queries, SORTED):
            ids += _read(db, f, sides, tier, need, candidates=queries)
            continue
        if narrow and _few(db, queries, _most(db, need)):
            ids += _read(db, f, sides, tier, need, candidates=queries, walk=True)
            continue
        bound = _walk_bound(db)
        found = _read(db, f, sides, tier, need, bound=bound)
        if bound is None or (need is not None and len(found) == need):
            ids += found
        else:
            # Few of this rank near the start: the walk goes on over the name order's
            # entries, reading only the shops among the index's candidates (none: all).
            ids += _read(
                db, f, sides, tier, need, candidates=queries if narrow else None, walk=True
            )
    return ids


def _walk_bound(db: Sql) -> tuple[str, str] | None:
    """The name order's key of the ``WALK``-th live shop; None when there are fewer."""
    row = db.execute(
        "SELECT search_pinyin, id FROM shops INDEXED BY shops_live_pinyin WHERE deleted = 0"
        " ORDER BY search_pinyin, id LIMIT 1 OFFSET ?",
        [WALK - 1],
    ).fetchone()
    return None if row is None else (row[0], row[1])


def _read(
    db: Sql,
    f: _Filters,
    sides: _Sides,
    tier: int | None,
    need: int | None,
    *,
    candidates: list[str | None] | None = None,
    bound: tuple[str, str] | None = None,
    walk: bool = False,
) -> list[str]:
    """The first ``need`` matching shops of rank ``tier`` (any rank: None) in name order:
    among the index's ``candidates`` (shop and owner MATCH queries), or walking the live
    shops in name order (up to ``bound`` when given; only those among the ``candidates``
    with ``walk``: the index's entries of the others are passed over unread)."""
    q = _Sql()
    if candidates is None or walk:
        q.add("SELECT s.id FROM shops AS s INDEXED BY shops_live_pinyin")
    else:
        q.add("SELECT s.id FROM shops AS s")
    q.add(f"LEFT JOIN owners AS o ON o.id = {_FIRST_OWNER}")
    q.add("WHERE s.deleted = 0")
    if candidates is not None:
        shop_q, owner_q = candidates
        parts: list[str] = []
        params: list[Any] = []
        if shop_q:
            parts.append("SELECT rowid FROM shops_search(?)")
            params.append(shop_q)
        if owner_q:
            parts.append(
                "SELECT s5.rowid FROM owners AS o5 JOIN shops AS s5 ON s5.id = o5.shop_id"
                " WHERE o5.rowid IN (SELECT rowid FROM owners_search(?))"
            )
            params.append(owner_q)
        q.add(f"AND s.rowid IN ({' UNION '.join(parts)})", *params)
    if bound is not None:
        q.add("AND (s.search_pinyin, s.id) <= (?, ?)", *bound)
    _where(q, f, sides, tier)
    q.add("ORDER BY s.search_pinyin, s.id LIMIT ?", -1 if need is None else need)
    return [r[0] for r in db.execute(q.text(), q.params)]


def _own(
    db: Sql,
    f: _Filters,
    sides: _Sides,
    *,
    order_by: str | None,
    descending: bool,
    limit: int | None,
    offset: int,
) -> tuple[list[str], int | None]:
    """The page's ids and how many match among a rep's or a county's shops (hundreds),
    in any order: every one of them tested with its first owner, through their own
    index. The counted query matched the owners apart, reading a region's every owner
    for a broad text (100-400 ms for a rep's 150 shops)."""
    q = _Sql()
    q.add("SELECT id, count(*) OVER () AS total FROM (")
    q.add(
        "SELECT s.id, s.code, s.search_pinyin AS name_pinyin, s.channel, s.tier,"
        " s.cloud_store, o.search_pinyin AS owner_pinyin, o.level"
    )
    if order_by is None and f.searching:
        rank, params = _rank(sides)
        q.add(f", {rank} AS rank", *params)
    else:
        q.add(", 0 AS rank")
    if order_by in _NEEDS_COUNTY:
        q.add(", (SELECT c.name FROM counties AS c WHERE c.id = s.county_id) AS county")
    if order_by in _NEEDS_LAST_VISIT:
        q.add(
            ", " + _LAST_VISIT.format(shop="s.id") + " AS last_date",
            f.end(),
            _modifier(f.utc_offset),
        )
    q.add("FROM shops AS s" + (" INDEXED BY shops_rep" if f.rep_id is not None else ""))
    q.add(f"LEFT JOIN owners AS o ON o.id = {_FIRST_OWNER}")
    q.add("WHERE s.deleted = 0")
    if f.rep_id is not None:
        q.add("AND s.rep_id = ?", f.rep_id)
    if f.county_id is not None:
        q.add("AND s.county_id = ?", f.county_id)
    _where(q, f, sides, None)
    q.add("LIMIT -1)")
    # The orders of views_shops._matching_page.
    direction = " DESC" if descending else ""
    if order_by is None:
        q.add(f"ORDER BY rank{direction}, name_pinyin{direction}, id")
    else:
        q.add(f"ORDER BY {SORT_KEYS[order_by]}{direction}, name_pinyin, id")
    q.add("LIMIT ? OFFSET ?", -1 if limit is None else limit, offset)
    rows = db.execute(q.text(), q.params).fetchall()
    if not rows:
        return [], 0 if offset == 0 else None
    return [r[0] for r in rows], int(rows[0][1])


def _rank(sides: _Sides) -> tuple[str, list[Any]]:
    """The list's rank of a shop: the better of its own match's and its owner's."""
    ranks = [m.rank for m in sides if m is not None]
    params = [p for m in sides if m is not None for p in m.rank_params]
    return (f"min({', '.join(ranks)})" if len(ranks) > 1 else ranks[0]), params


def _where(q: _Sql, f: _Filters, sides: _Sides, tier: int | None) -> None:
    """The filters but a rep's and a county's, the search's conditions, and the rank
    ``tier`` (any: None) as ``AND …`` lines (shops ``s``, first owners ``o``)."""
    if f.tier is not None:
        q.add("AND s.tier = ?", str(f.tier))
    if f.channel is not None:
        q.add("AND s.channel = ?", str(f.channel))
    if f.level is not None:
        q.add("AND o.level = ?", int(f.level))
    if f.overdue:
        # Never visited ('' sorts before every date) or last visited on or before the
        # tier's cut-off (an unknown tier counts as C), as views_shops' overdue filter.
        q.add(
            "AND coalesce(" + _LAST_VISIT.format(shop="s.id") + ", '')"
            " <= CASE s.tier WHEN 'A' THEN ? WHEN 'B' THEN ? ELSE ? END",
            f.end(),
            _modifier(f.utc_offset),
            *f.cutoffs(),
        )
    conds = [m.cond for m in sides if m is not None]
    if conds:  # (none: the caller matched the text already)
        q.add(f"AND ({' OR '.join(conds)})", *[p for m in sides if m for p in m.cond_params])
        if tier is not None:
            rank, params = _rank(sides)
            q.add(f"AND {rank} = ?", *params, tier)
