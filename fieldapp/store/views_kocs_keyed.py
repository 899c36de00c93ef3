"""The whole KOC list's first pages sorted by stage or by county, without sorting every
match (``views_kocs_first.koc_rows_uncounted`` asks).

``koc_rows`` sorts by ``<key> [DESC], k.search_pinyin, k.name, k.id``: a broad search
of a region's whole store (``1``: 215,000 of 300,000 KOCs) sorted by stage or county
sorted every match for its first page (144-175 ms). Those keys take few values, so the
first page is each value's first matches in the list's order, value after value in the
sort's direction, until the page is full:

* a stage (five values, and every stage this version does not know, which sort last as
  one value) is walked in the list's order (``kocs_live_pinyin``) within its first
  ``WALK`` live KOCs, then as far as those finds foretell, twice over, when that is
  shorter than the stage; when that does not fill the page, its KOCs are read through
  ``kocs_county_stage`` and sorted;
* a county (a region's 156, about 2,000 KOCs each; a county no longer in ``counties``
  sorts first, its name NULL; equal names are one value) is read through
  ``kocs_county_stage`` and sorted.

The values are found through ``kocs_county_stage`` (a seek each). A stage this version
does not know, or more than ``FETCH`` KOCs read through the index for one page, keep
``koc_rows``. ``tests/fieldapp/test_koc_first.py`` holds every page to ``koc_rows``'.

Threading: like ``views_kocs``, on the thread that owns ``db``'s connection.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from ..model import FUNNEL_STAGES, KocStage
from .db import Sql
from .search import Match

__all__ = ["FETCH", "KEYED", "county_groups", "distinct_ids", "keyed_ids"]

#: Sort keys whose first pages are found value by value.
KEYED = ("stage", "county")
#: Live KOCs walked in the list's order for one stage before its KOCs are read through
#: ``kocs_county_stage`` instead.
WALK = 4000
#: The most KOCs read through ``kocs_county_stage`` for one page before ``koc_rows``
#: sorts every match instead.
FETCH = 20_000
_ORDER = "k.search_pinyin, k.name, k.id"
_INDEX = "kocs_live_pinyin"
_BY_COUNTY = "kocs_county_stage"

#: Which way each page was found (the tests check every way is taken).
paths: dict[str, int] = {}


def _took(path: str) -> None:
    paths[path] = paths.get(path, 0) + 1


def keyed_ids(
    db: Sql,
    sort: str,
    descending: bool,
    match: Match | None,
    filters: tuple[str, list[Any]],
    stage: str | None,
    end: int,
) -> list[str] | None:
    """The first ``end`` ids of the whole store's live KOCs that pass ``filters`` (a
    ``views_kocs._where`` condition) and ``match`` (its LIKE conditions), sorted by
    ``sort`` (one of :data:`KEYED`) then the list's order; None when ``koc_rows`` should
    find them (see the module)."""
    counties = distinct_ids(db)
    if sort == "stage":
        values = _stages(db, counties, stage)
        if values is None:
            _took("unknown stage")
            return None
    else:
        values = _counties(db, counties)
    if descending:
        values.reverse()
    ids: list[str] = []
    fetched = 0
    for test, test_params, county_ids in values:
        need = end - len(ids)
        if need <= 0:
            break
        where = f"{filters[0]} AND {test}"
        params = [*filters[1], *test_params]
        if match is not None:
            where += f" AND {match.cond}"
            params += match.cond_params
        if sort == "stage":
            found, complete = _walk(db, where, params, need, WALK)
            path = "stage walked" if complete else "stage walked in vain"
            size = 0 if complete else _size(db, test, test_params, county_ids)
            # A walk for the rest as long as the first one's finds foretell, twice over,
            # when that is shorter than reading the stage's every KOC.
            rows = 2 * need * WALK // len(found) if found else size
            if not complete and rows < size:
                found, complete = _walk(db, where, params, need, rows)
                path = "stage walked further" if complete else "stage walked in vain"
            _took(path)
            if complete:
                ids += found
                continue
        else:
            size = _size(db, test, test_params, county_ids)
        fetched += size
        if fetched > FETCH:
            _took("too many")
            return None
        _took(f"{sort} read")
        where = f"k.county_id IN (SELECT value FROM json_each(?)) AND {where}"
        ids += _select(db, f"kocs AS k INDEXED BY {_BY_COUNTY}", where, [county_ids, *params], need)
    return ids


_Value = tuple[str, list[Any], str]  # a KOC's test, its params, the counties' ids (JSON)


def distinct_ids(db: Sql, table: str = "kocs", index: str = _BY_COUNTY) -> list[Any]:
    """Every ``county_id`` of ``table``'s rows (live or not), one seek each of ``index``
    (which starts with it)."""
    found: list[Any] = []
    while True:
        row = db.execute(
            f"SELECT county_id FROM {table} INDEXED BY {index}"
            + (" WHERE county_id > ?" if found else " WHERE county_id IS NOT NULL")
            + " ORDER BY county_id LIMIT 1",
            found[-1:],
        ).fetchone()
        if row is None:
            return found
        found.append(row[0])


def county_groups(db: Sql, county_ids: list[Any]) -> list[str]:
    """``county_ids`` grouped by their county's name (JSON lists), in the ascending
    order of ``LEFT JOIN counties``' name: the ids with no county (NULL) first."""
    named: dict[str | None, list[Any]] = {}
    for county_id, name in db.execute(
        "SELECT value, (SELECT c.name FROM counties AS c WHERE c.id = value) FROM json_each(?)",
        [json.dumps(county_ids)],
    ):
        named.setdefault(name, []).append(county_id)
    order = [
        r[0]
        for r in db.execute(
            "SELECT DISTINCT value FROM json_each(?) ORDER BY value",
            [json.dumps([n for n in named if n is not None])],
        )
    ]
    return [json.dumps(named[n]) for n in ([None] if None in named else []) + order]


def _counties(db: Sql, county_ids: list[Any]) -> list[_Value]:
    """The county sort's values in ascending order."""
    test = "k.county_id IN (SELECT value FROM json_each(?))"
    return [(test, [ids], ids) for ids in county_groups(db, county_ids)]


def _stages(db: Sql, county_ids: list[Any], only: str | None) -> list[_Value] | None:
    """The stage sort's values in ascending order (``views_kocs._STAGE_ORDER``: the
    funnel, then dormant); None when a KOC has a stage this version does not know (they
    sort last)."""
    known: list[str] = []
    for stage in (*FUNNEL_STAGES, KocStage.DORMANT):
        if stage.value not in known:
            known.append(stage.value)
    ids = json.dumps(county_ids)
    # The stages between the known ones, through the index (a seek per county each).
    ranked = sorted(known)
    gaps = [("stage < ?", [ranked[0]]), ("stage > ?", [ranked[-1]])]
    gaps += [("stage > ? AND stage < ?", [a, b]) for a, b in itertools.pairwise(ranked)]
    for test, params in gaps:
        if db.execute(
            f"SELECT 1 FROM kocs INDEXED BY {_BY_COUNTY}"
            f" WHERE county_id IN (SELECT value FROM json_each(?)) AND {test} AND deleted = 0"
            " LIMIT 1",
            [ids, *params],
        ).fetchone():
            return None
    # (With a stage filter, the other stages have no matches.)
    return [("k.stage = ?", [s], ids) for s in known if only is None or s == only]


def _size(db: Sql, test: str, params: list[Any], county_ids: str) -> int:
    """How many live KOCs pass ``test`` (a county's or a stage's), through the index,
    counted up to ``FETCH + 1``."""
    return int(
        db.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM kocs AS k INDEXED BY {_BY_COUNTY}"
            " WHERE k.county_id IN (SELECT value FROM json_each(?))"
            f" AND {test} AND k.deleted = 0 LIMIT ?)",
            [county_ids, *params, FETCH + 1],
        ).fetchone()[0]
    )


def _walk(db: Sql, where: str, params: list[Any], need: int, rows: int) -> tuple[list[str], bool]:
    """The first ``need`` ids passing ``where`` among the first ``rows`` live KOCs in the
    list's order, and whether that is all of them (``need`` found, or no KOCs after)."""
    row = db.execute(
        f"SELECT search_pinyin, name, id FROM kocs INDEXED BY {_INDEX} WHERE deleted = 0"
        " ORDER BY search_pinyin, name, id LIMIT 1 OFFSET ?",
        [rows - 1],
    ).fetchone()
    bound = None if row is None else (row[0], row[1], row[2])
    found = _select(db, f"kocs AS k INDEXED BY {_INDEX}", where, params, need, bound)
    return found, bound is None or len(found) == need


def _select(
    db: Sql,
    source: str,
    where: str,
    params: list[Any],
    need: int,
    bound: tuple[str, str, str] | None = None,
) -> list[str]:
    """The first ``need`` ids of ``source``'s KOCs passing ``where`` in the list's order
    (up to ``bound`` when given)."""
    if bound is not None:
        where += " AND (k.search_pinyin, k.name, k.id) <= (?, ?, ?)"
        params = [*params, *bound]
    sql = f"SELECT k.id FROM {source} WHERE {where} ORDER BY {_ORDER} LIMIT ?"
    return [r[0] for r in db.execute(sql, [*params, need])]
