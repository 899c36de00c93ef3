"""The KOC list's pages without counting every match (the count comes on its own).

:func:`koc_rows_uncounted` gives the same rows, in the same order, as
:func:`fieldapp.store.views_kocs.koc_rows`, and how many KOCs match only when that came
free; :func:`fieldapp.store.views_kocs.koc_count` counts them (the list asks it off the
UI thread). A short text over a region's whole store (``z``: 74,000 of 300,000 KOCs;
``1``: 215,000) cost a keystroke 120-600 ms there to sort every match and as much again
to count them, where its first page is among the first few hundred KOCs in the list's
order.

So, when the search index proposes many KOCs (more than :func:`_most`: about 8,500 for a
page of 60 among 300,000) and the list is the whole store's (no rep, no county: those
lists read their own few KOCs through their own index) sorted by rank or by name, each
rank of the list's order (exact, prefix, anywhere; then pinyin, name, id) is found in
that order, stopping when the page is full:

* exact matches (rank 0) from the search index's candidates for them (few);
* prefix matches (rank 1) of a Latin or digit text from the index's candidates when they
  are few, else by walking the live KOCs in the list's order (``kocs_live_pinyin``,
  client migration 0034) within the text's first letter (an initials prefix starts the
  pinyin alike); of a Chinese text from each first letter's
  names that start with it (``kocs_live_first``, which holds the pinyin too);
* the rest (rank 2) walking the live KOCs in the list's order, the first ``WALK`` of them
  before reading the index's candidates after all.

With no search text the list's order is walked directly. Sorted by stage or county, a
broad search's first pages go value by value (``views_kocs_keyed``). The ``LIKE``
conditions and the rank expression of ``match_clause`` decide, as in the list, and every
other filter is tested on the way. Anything else keeps ``koc_rows`` (fast there), with
the count when it is cheap (a rep's or a county's list; a search the index narrows to at
most ``SPARSE`` KOCs). ``tests/fieldapp/test_koc_first.py`` holds every page to ``koc_rows``'.

Threading: like ``views_kocs``, on the thread that owns ``db``'s connection.
"""

from __future__ import annotations

import json
import math
from typing import Any

from ..model import KocStage
from .db import Sql
from .search import SPARSE, Match, Searcher
from .views_kocs import SORT_KEYS, KocRow, _rows, _where, koc_count, koc_rows, list_match
from .views_kocs_keyed import KEYED, keyed_ids

__all__ = ["KEYED_END", "WALK", "koc_rows_uncounted"]

#: Live KOCs walked in the list's order for the rest (rank 2) before its matches are read
#: from the search index's candidates instead (a text with few matches among many
#: candidates).
WALK = 4000
#: A whole store's broad search sorted by stage or county (``views_kocs_keyed``) finds
#: its pages value by value up to this many rows (offset + limit).
KEYED_END = 600
#: The list's order of live KOCs (client migration 0034).
_ORDER = "k.search_pinyin, k.name, k.id"
_INDEX = "kocs_live_pinyin"
#: ``views_kocs._where``'s condition with no filter.
_LIVE = "k.deleted = 0"


def koc_rows_uncounted(
    db: Sql,
    *,
    search: str | None = None,
    county_id: str | None = None,
    stage: KocStage | str | None = None,
    consent: bool | None = None,
    rep_id: str | None = None,
    min_acquaintances: int | None = None,
    min_trying: int | None = None,
    min_sharing: int | None = None,
    min_expertise: int | None = None,
    min_total: int | None = None,
    sort: str | None = None,
    descending: bool = False,
    limit: int | None = 200,
    offset: int = 0,
) -> tuple[list[KocRow], int | None]:
    """The page :func:`~fieldapp.store.views_kocs.koc_rows` gives, and how many KOCs
    match when that was known without counting them all (None: ask ``koc_count``).

    Raises ``ValueError`` for a sort key not in :data:`SORT_KEYS`."""
    if sort is not None and sort not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort!r}")
    filters: dict[str, Any] = {
        "county_id": county_id,
        "stage": stage,
        "consent": consent,
        "rep_id": rep_id,
        "min_acquaintances": min_acquaintances,
        "min_trying": min_trying,
        "min_sharing": min_sharing,
        "min_expertise": min_expertise,
        "min_total": min_total,
    }
    end = None if limit is None else offset + limit
    match = list_match(search) if search else None
    if search and match is None and search.strip():
        return [], 0  # only punctuation or spaces: nothing matches
    whole = rep_id is None and county_id is None
    walk = whole and not descending and sort in (None, "name")
    broad = whole
    # The count comes with the page when it is cheap: a rep's or a county's list, or a
    # search the index narrows to few KOCs (else the list counts on a worker).
    counted = not whole
    if whole and match is not None:
        query = Searcher(db)._query("kocs", match, 2)
        if query == "":
            return [], 0
        if query is not None:
            most = _most(db, end)
            n = _proposed(db, query, max(most, SPARSE))
            broad, counted = n > most, n <= SPARSE
    keyed = whole and broad and sort in KEYED and end is not None and end <= KEYED_END
    if keyed:
        assert sort is not None and end is not None
        cond, params, _rank, _rank_params = _where(db, search=None, **_minimums(filters))
        only = None if stage is None else str(KocStage(stage).value)
        found = keyed_ids(db, sort, descending, match, (cond, params), only, end)
        if found is not None:
            total = len(found) if len(found) < end else None
            return _rows(db, found[offset:end]), total
    if not (walk and broad):
        rows = koc_rows(
            db,
            search=search,
            sort=sort,
            descending=descending,
            limit=limit,
            offset=offset,
            **filters,
        )
        if end is None or len(rows) < (limit or 0):
            return rows, (offset + len(rows) if rows or offset == 0 else None)
        return rows, koc_count(db, search=search, **filters) if counted else None
    cond, params, _rank, _rank_params = _where(db, search=None, **_minimums(filters))
    ids = _ids(db, match if sort is None else None, match, (cond, params), end)
    page = ids[offset:end]
    # Fewer than asked: every match was found.
    total = len(ids) if end is None or len(ids) < end else None
    return _rows(db, page), total


def _minimums(filters: dict[str, Any]) -> dict[str, Any]:
    """``filters`` as ``views_kocs._where``'s keyword arguments."""
    out = {k: v for k, v in filters.items() if not k.startswith("min_") or k == "min_total"}
    out["minimums"] = {k: v for k, v in filters.items() if k.startswith("min_")}
    return out


def _most(db: Sql, need: int | None) -> int:
    """The most candidates read rather than walking the KOCs for ``need`` matches: a walk
    for ``need`` of ``c`` matches among ``n`` KOCs reads about ``need * n / c`` of them,
    so candidates are cheaper while ``c`` is below ``sqrt(need * n)``; twice that, as
    matches are fewer than candidates."""
    if need is None:
        return 1 << 62
    kocs = db.execute("SELECT max(rowid) FROM kocs").fetchone()[0] or 0
    return int(2 * math.sqrt(need * kocs))


def _proposed(db: Sql, query: str, most: int) -> int:
    """How many KOCs the MATCH ``query`` proposes, counted up to ``most + 1``."""
    if not query:
        return 0
    return int(
        db.execute(
            "SELECT count(*) FROM (SELECT 1 FROM kocs_search(?) LIMIT ?)", [query, most + 1]
        ).fetchone()[0]
    )


def _few(db: Sql, query: str, most: int) -> bool:
    """Whether the MATCH ``query`` proposes at most ``most`` KOCs."""
    return _proposed(db, query, most) <= most


def _ids(
    db: Sql,
    ranked: Match | None,
    match: Match | None,
    filters: tuple[str, list[Any]],
    end: int | None,
) -> list[str]:
    """The first ``end`` matching KOCs' ids (all when None) in the list's order: by rank
    when ``ranked`` (the search's match), then by pinyin, name and id."""
    searcher = Searcher(db)
    ids: list[str] = []
    for tier in (0, 1, 2) if ranked is not None else (None,):
        need = None if end is None else end - len(ids)
        if need is not None and need <= 0:
            break
        if match is None:
            ids += _read(db, None, filters, None, need)
            continue
        if tier is not None and tier < 2 and f"THEN {tier}" not in match.rank:
            continue  # no KOC can have this rank
        query = searcher._query("kocs", match, 2 if tier is None else tier)
        if query == "":
            continue  # the index holds none
        if tier == 0 and query is not None:
            ids += _read(db, match, filters, tier, need, candidates=query)
            continue
        if tier == 1 and match.name_prefix is not None:
            ids += _read(db, match, filters, tier, need, start=match.name_prefix)
            continue
        if tier == 1 and match.first_letter is not None:
            if query is not None and _few(db, query, _most(db, need)):
                # Few prefix matches among the letter's many ("ws"): read, not walked.
                ids += _read(db, match, filters, tier, need, candidates=query)
            else:
                ids += _read(db, match, filters, tier, need, first=match.first_letter)
            continue
        if query is not None and _few(db, query, _most(db, need)):
            ids += _read(db, match, filters, tier, need, candidates=query)
            continue
        bound = _walk_bound(db)
        found = _read(db, match, filters, tier, need, bound=bound)
        if bound is None or (need is not None and len(found) == need):
            ids += found
        elif query is not None:
            ids += _read(db, match, filters, tier, need, candidates=query)
        else:
            ids += _read(db, match, filters, tier, need)
    return ids


def _walk_bound(db: Sql) -> tuple[str, str, str] | None:
    """The list order's key of the ``WALK``-th live KOC; None when there are fewer."""
    row = db.execute(
        f"SELECT search_pinyin, name, id FROM kocs INDEXED BY {_INDEX} WHERE deleted = 0"
        " ORDER BY search_pinyin, name, id LIMIT 1 OFFSET ?",
        [WALK - 1],
    ).fetchone()
    return None if row is None else (row[0], row[1], row[2])


def _letters(db: Sql) -> list[str]:
    """The first characters of the live KOCs' pinyin ('' for none), one index seek each."""
    found: list[str] = []
    while True:
        row = db.execute(
            "SELECT substr(search_pinyin, 1, 1) FROM kocs INDEXED BY kocs_live_first"
            f" WHERE deleted = 0 AND substr(search_pinyin, 1, 1) {'>' if found else '>='} ?"
            " ORDER BY substr(search_pinyin, 1, 1) LIMIT 1",
            [found[-1] if found else ""],
        ).fetchone()
        if row is None:
            return found
        found.append(row[0])


def _read(
    db: Sql,
    match: Match | None,
    filters: tuple[str, list[Any]],
    tier: int | None,
    need: int | None,
    *,
    candidates: str | None = None,
    bound: tuple[str, str, str] | None = None,
    start: str | None = None,
    first: str | None = None,
) -> list[str]:
    """The first ``need`` matching KOCs of rank ``tier`` (any rank: None) in the list's
    order: among the index's ``candidates`` (a MATCH query), among the names that start
    with ``start``, among the KOCs whose pinyin starts with ``first``, or walking the
    live KOCs in the list's order (up to ``bound`` when given)."""
    cond, params = filters
    where = ["k.deleted = 0"]
    values: list[Any] = []
    if candidates is not None:
        source = "kocs AS k"
        where.append("k.rowid IN (SELECT rowid FROM kocs_search(?))")
        values.append(candidates)
    elif start is not None:
        # Each first letter's names from ``start`` on: the pinyin comes from the index too,
        # so with no other filter no KOC is read (24,661 of a region's names start with 张).
        letters = _letters(db)
        source = "kocs AS k INDEXED BY kocs_live_first"
        where.append(
            f"substr(k.search_pinyin, 1, 1) IN ({', '.join('?' * len(letters))})"
            " AND k.name >= ? AND k.name < ?"
        )
        values += [*letters, start, start + "\U0010ffff"]
    else:
        source = f"kocs AS k INDEXED BY {_INDEX}"
        if first is not None:
            where.append("k.search_pinyin >= ? AND k.search_pinyin < ?")
            values += [first, chr(ord(first) + 1)]
        if bound is not None:
            where.append("(k.search_pinyin, k.name, k.id) <= (?, ?, ?)")
            values += list(bound)
    if match is not None:
        where.append(match.cond)
        values += match.cond_params
        if tier is not None:
            where.append(f"{match.rank} = ?")
            values += [*match.rank_params, tier]
    if start is not None and cond != _LIVE:
        # With other filters the names are sorted from the index alone, and the KOCs are
        # then read in that order only until the page is full.
        sql = f"SELECT k.rowid FROM {source} WHERE {' AND '.join(where)} ORDER BY {_ORDER}"
        return _filtered(db, [r[0] for r in db.execute(sql, values)], filters, need)
    sql = (
        f"SELECT k.id FROM {source} WHERE {' AND '.join([cond, *where])} ORDER BY {_ORDER} LIMIT ?"
    )
    return [r[0] for r in db.execute(sql, [*params, *values, -1 if need is None else need])]


def _filtered(
    db: Sql, rowids: list[int], filters: tuple[str, list[Any]], need: int | None
) -> list[str]:
    """The ids of the first ``need`` KOCs of ``rowids`` (in that order) that pass
    ``filters``, read a growing slice at a time."""
    cond, params = filters
    ids: list[str] = []
    at, step = 0, max(need or 0, 64)
    while at < len(rowids) and (need is None or len(ids) < need):
        part = rowids[at : at + step]
        passed = dict(
            db.execute(
                f"SELECT k.rowid, k.id FROM kocs AS k WHERE {cond}"
                " AND k.rowid IN (SELECT value FROM json_each(?))",
                [*params, json.dumps(part)],
            ).fetchall()
        )
        ids += [passed[r] for r in part if r in passed]
        at, step = at + step, step * 2
    return ids if need is None else ids[:need]
