"""Read-only queries behind the shop list and the shop page.

``shop_rows`` / ``shop_count`` give the filtered, sorted, paged shop list (search by
Chinese, pinyin, initials, phone or code through :func:`fieldapp.store.search.match_clause`,
of the shop and of its owner); ``shop_detail`` and ``shop_interactions`` / ``shop_kocs`` /
``shop_visits`` / ``shop_events`` / ``shop_photos`` give what the shop page shows. Every
query is indexed and limited so the list pages in tens of milliseconds and the shop
page opens in well under 100 ms on a large team's data (measured on ~6,000 shops and
~150,000 visits, twice the team demo).

Rules:

* Tombstones never show: deleted shops, owners, visits, KOCs, links, events and photos
  are left out.
* A shop's owner is its first live owner (oldest ``created_at``, then id). The shop
  list shows that owner; the timeline shows the interactions of all its live owners.
* "Last visit" is the local (Beijing-time by default) date of the latest live visit with
  a ``checkin_at`` before the end of ``today``; overdue follows
  :mod:`fieldapp.store.metrics`: never visited, or last visited N or more days ago
  (A 7, B 14, C 30).
* The sort key is chosen from :data:`SORT_KEYS` (a whitelist); anything else raises
  ``ValueError``. Names sort by pinyin, the order Chinese readers expect. Every order
  ends with the shop id so paging is stable.

Threading: these functions run SQL on ``db``'s connection; call them on the thread that
owns the store connection. The frozen rows they return are safe to hand to any thread.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from ..model import (
    BUSINESS_UTC_OFFSET,
    Channel,
    CloudStore,
    EventKind,
    EventStatus,
    InteractionKind,
    KocStage,
    Photo,
    ReviewStatus,
    Tier,
)
from .db import Sql
from .metrics import DEFAULT_OVERDUE_DAYS
from .search import SPARSE, Match, candidates_query, match_clause, narrowed, short_key

__all__ = [
    "SORT_KEYS",
    "OwnerInfo",
    "ShopDetail",
    "ShopEventRow",
    "ShopInteractionRow",
    "ShopKocRow",
    "ShopRow",
    "ShopVisitRow",
    "shop_count",
    "shop_detail",
    "shop_events",
    "shop_interactions",
    "shop_kocs",
    "shop_photos",
    "shop_rows",
    "shop_visits",
]

S = TypeVar("S", bound=StrEnum)

#: Sort keys the list accepts, each with its SQL expression (never user text).
SORT_KEYS: dict[str, str] = {
    "code": "code COLLATE NOCASE",
    "name": "name_pinyin",
    "channel": "channel",
    "tier": "tier",
    "county": "county",
    "owner": "owner_pinyin",
    "level": "level",
    "last_visit": "last_date",
    # Days since the last visit grow as its date falls; never visited counts as longest.
    "days_since": "-julianday(coalesce(last_date, '0001-01-01'))",
    "cloud_store": "CASE cloud_store WHEN 'none' THEN 0 WHEN 'opened' THEN 1 ELSE 2 END",
}


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class ShopRow:
    """One line of the shop list."""

    id: str
    code: str | None
    name: str
    channel: Channel | str
    tier: Tier | str
    county_id: str
    county: str | None
    #: The shop's (first) live owner; None when it has none.
    owner_id: str | None
    owner: str | None
    #: The owner's relationship level 1..5; None without an owner.
    level: int | None
    #: Local date of the last checked-in visit on or before today; None: never.
    last_visit: date | None
    #: ``today - last_visit`` in days; None when never visited.
    days_since: int | None
    #: Never visited, or last visited 7 / 14 / 30 (tier A / B / C) or more days ago.
    overdue: bool
    cloud_store: CloudStore | str


@dataclass(frozen=True)
class OwnerInfo:
    """The shop's owner as the shop page shows it."""

    id: str
    name: str
    mobile: str | None
    wechat: str | None
    birthday: date | None
    level: int
    cares_about: str | None
    notes: str | None
    #: Erased at the person's request (PIPL): the personal fields are gone for good.
    erased: bool = False


@dataclass(frozen=True)
class ShopDetail:
    """Everything the shop page header and owner card show, plus counts for its tabs."""

    id: str
    code: str | None
    name: str
    channel: Channel | str
    tier: Tier | str
    county_id: str
    county: str | None
    address: str | None
    phone: str | None
    latitude: float | None
    longitude: float | None
    cloud_store: CloudStore | str
    notes: str | None
    rep_id: str | None
    rep: str | None
    owner: OwnerInfo | None
    #: Live interactions of all live owners of the shop.
    interactions: int
    #: Live KOC links of this shop (to live KOCs).
    kocs: int
    #: Live visits at this shop, planned ones included.
    visits: int
    #: Live events held here.
    events: int
    #: Live photos of the shop and of its visits.
    photos: int


@dataclass(frozen=True)
class ShopInteractionRow:
    id: str
    owner_id: str
    owner: str
    date: date
    kind: InteractionKind | str
    note: str | None
    level_after: int | None


@dataclass(frozen=True)
class ShopKocRow:
    """A KOC linked to this shop, with the owner who introduced them and when."""

    link_id: str
    koc_id: str
    name: str
    stage: KocStage | str
    mobile: str | None
    introduced_by_owner_id: str | None
    introduced_by: str | None
    introduced_at: date | None


@dataclass(frozen=True)
class ShopVisitRow:
    id: str
    planned_date: date | None
    checkin_at: datetime | None
    checkout_at: datetime | None
    #: Local date of the check-in; None when not checked in yet.
    checkin_date: date | None
    #: Whole minutes between check-in and check-out; None unless both are set.
    duration_minutes: int | None
    review_status: ReviewStatus | str
    rep: str | None

    @property
    def state(self) -> str:
        """``planned`` (not checked in), ``in_progress`` (not checked out) or ``finished``."""
        if self.checkin_at is None:
            return "planned"
        if self.checkout_at is None:
            return "in_progress"
        return "finished"

    @property
    def status(self) -> str:
        """``planned``, ``in_progress``, else the review status (``draft``, ``submitted`` …)."""
        state = self.state
        return str(self.review_status) if state == "finished" else state

    @property
    def day(self) -> date | None:
        """The day the list shows: the check-in day, else the planned day."""
        return self.checkin_date or self.planned_date


@dataclass(frozen=True)
class ShopEventRow:
    """An event held at this shop (the shop is its venue)."""

    id: str
    kind: EventKind | str
    title: str
    starts_at: datetime
    #: Local date of the start.
    day: date
    status: EventStatus | str
    #: Live invitations, and of those the attended ones.
    invited: int
    attended: int

    @property
    def turnout(self) -> str:
        """Attended of invited, as "22/24" (empty when nobody was invited)."""
        return f"{self.attended}/{self.invited}" if self.invited else ""


# --------------------------------------------------------------------------- helpers


def _enum(kind: type[S], value: Any) -> S | str:
    """The enum member for a stored value; the raw text for a value this version lacks."""
    try:
        return kind(value)
    except ValueError:
        return str(value)


def _date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(str(value)[:10])


def _datetime(value: Any) -> datetime | None:
    if value is None:
        return None
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


def _modifier(utc_offset: timedelta) -> str:
    return f"{int(utc_offset.total_seconds()):+d} seconds"


def _utc_bound(day: date, utc_offset: timedelta) -> str:
    # Same text form as metrics: comparable with stored UTC datetimes.
    return (datetime.combine(day, time()) - utc_offset).strftime("%Y-%m-%dT%H:%M:%S")


class _Sql:
    """SQL text and its positional parameters, written in the order they appear."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, text: str, *params: Any) -> _Sql:
        self.parts.append(text)
        self.params.extend(params)
        return self

    def text(self) -> str:
        return "\n".join(self.parts)


# The shop's first live owner: one owner per shop line, even if a shop has two.
_FIRST_OWNER = (
    "(SELECT o2.id FROM owners o2 WHERE o2.shop_id = s.id AND o2.deleted = 0"
    " ORDER BY o2.created_at, o2.id LIMIT 1)"
)

# The latest check-in before the end of today (param 1) as a local date (param 2 modifier).
_LAST_VISIT = (
    "date((SELECT v.checkin_at FROM visits v WHERE v.shop_id = {shop} AND v.deleted = 0"
    " AND v.checkin_at IS NOT NULL AND v.checkin_at < ?"
    " ORDER BY v.checkin_at DESC LIMIT 1), ?)"
)


@dataclass(frozen=True)
class _Filters:
    text: str | None
    county_id: str | None
    tier: str | None
    channel: str | None
    level: int | None
    overdue: bool
    today: date
    rep_id: str | None
    utc_offset: timedelta

    def end(self) -> str:
        return _utc_bound(self.today + timedelta(days=1), self.utc_offset)

    def cutoffs(self) -> list[str]:
        """The overdue cut-off dates of tiers A, B, C (a visit on or before is overdue)."""
        return [
            (self.today - timedelta(days=DEFAULT_OVERDUE_DAYS[t])).isoformat()
            for t in (Tier.A, Tier.B, Tier.C)
        ]

    @property
    def searching(self) -> bool:
        return bool(self.text and self.text.strip())


_OVERDUE_SQL = (
    "(last_date IS NULL OR last_date <= CASE tier WHEN 'A' THEN ? WHEN 'B' THEN ? ELSE ? END)"
)

#: Sort keys that need every matching shop's first owner, its county's name, or its last
#: visit before the page can be cut.
_NEEDS_OWNER = frozenset({"owner", "level"})
_NEEDS_COUNTY = frozenset({"county"})
_NEEDS_LAST_VISIT = frozenset({"last_visit", "days_since"})

# Owner ``o`` (live) is its shop's first live owner: no live owner of that shop comes
# before it. Most shops have one owner row, which the index alone tells, without reading
# the other rows.
_IS_FIRST_OWNER = (
    "((SELECT count(*) FROM owners o4 WHERE o4.shop_id = o.shop_id) = 1"
    " OR NOT EXISTS (SELECT 1 FROM owners o3 WHERE o3.shop_id = o.shop_id AND o3.deleted = 0"
    " AND (o3.created_at, o3.id) < (o.created_at, o.id)))"
)


#: Sort keys that read a shop column of the same name (see SORT_KEYS).
_SHOP_COLUMN_KEYS = frozenset({"code", "channel", "tier", "cloud_store"})


def _sort_columns(f: _Filters, order_by: str | None) -> list[str]:
    """The shop columns the narrow rows need besides id and name: the sort key's, and the
    tier for the overdue filter."""
    columns = [order_by] if order_by in _SHOP_COLUMN_KEYS else []
    if f.overdue and "tier" not in columns:
        columns.append("tier")
    return columns


def _broad_digits(text: str | None) -> bool:
    """A search for one digit (after normalising: "1", "１", " 3 ")."""
    from ..pinyin import normalize_query

    q = normalize_query(text or "")
    return len(q) == 1 and q.isascii() and q.isdigit()


def _short_key(f: _Filters) -> str | None:
    """The ``shops_short`` key of the search (``search.short_key``), or None."""
    return short_key(f.text) if f.searching else None


def _text_only(f: _Filters) -> bool:
    """Whether the search text is the list's only filter."""
    return (
        f.county_id is None
        and f.tier is None
        and f.channel is None
        and f.level is None
        and not f.overdue
        and f.rep_id is None
    )


#: A rank's page is walked in name order when that reads fewer rows than sorting all the
#: rank's shops, times this (the tests set 0: always sort; a huge number: always walk).
_WALK = 1.0


def _short_ids(db: Sql, key: str, limit: int | None, offset: int) -> tuple[list[str], int]:
    """The page of the whole list's shops for a one- or two-character search (``key``),
    best first, and how many match: counted along the key's entries of ``shops_short``,
    each rank's page read in name order there (sorted) when the rank has few shops, else
    by walking the live shops in name order (``shops_live_pinyin``) and looking each up."""
    counts = dict(
        db.execute(
            "SELECT rank, count(*) FROM shops_short WHERE frag = ? GROUP BY rank", [key]
        ).fetchall()
    )
    total = sum(counts.values())
    # An upper bound of the live shops: a walk reads about (rows wanted) * shops / n rows.
    shops = db.execute("SELECT max(rowid) FROM shops").fetchone()[0] or 0
    end = total if limit is None else min(total, offset + limit)
    ids: list[str] = []
    start = 0
    for rank in (0, 1, 2):
        n = counts.get(rank, 0)
        lo, hi = max(offset, start) - start, min(end, start + n) - start
        start += n
        if hi <= lo:
            continue
        if hi * shops > _WALK * n * n:
            sql = (
                "SELECT s.id FROM shops_short AS p CROSS JOIN shops AS s ON s.rowid = p.shop"
                " WHERE p.frag = ? AND p.rank = ? ORDER BY s.search_pinyin, s.id"
                " LIMIT ? OFFSET ?"
            )
        else:
            sql = (
                "SELECT s.id FROM shops AS s INDEXED BY shops_live_pinyin WHERE s.deleted = 0"
                " AND EXISTS (SELECT 1 FROM shops_short AS p WHERE p.frag = ? AND p.rank = ?"
                " AND p.shop = s.rowid) ORDER BY s.search_pinyin, s.id LIMIT ? OFFSET ?"
            )
        ids += [r[0] for r in db.execute(sql, [key, rank, hi - lo, lo])]
    return ids, total


def _owner_last(owner: Match) -> tuple[str, list[Any]]:
    """The owner side of a search as the last alternative of the WHERE clause (``OR``
    evaluates it only for shops that do not match on their own), with its parameters.

    First a set of shop ids from one pass over the owners (any live owner matching: no
    first-owner test per owner), then, for a shop in it, whether that owner is the first.
    """
    return (
        "(s.id IN (SELECT o.shop_id FROM owners o WHERE o.deleted = 0"
        f" AND {owner.cond}) AND EXISTS (SELECT 1 FROM owners o"
        f" WHERE o.shop_id = s.id AND o.deleted = 0 AND {owner.cond}"
        f" AND {_IS_FIRST_OWNER}))",
        [*owner.cond_params, *owner.cond_params],
    )


def _matching(db: Sql, f: _Filters, *, rank: bool, order_by: str | None) -> tuple[_Sql, _Sql]:
    """(common table expressions it needs, ``SELECT … FROM shops … WHERE <filters>``): one
    narrow row per matching shop with its id, rank and the columns filters and sort keys use.

    A search matches the shop or its first owner. The owner side is matched in one pass
    over the owners (``om``) rather than by looking up every shop's first owner, which
    took most of a keystroke's time on a team's 6,000 shops. Only a level filter or an
    owner sort key joins every shop's first owner (and then matches the owner there).

    A one-digit search is in almost every phone number: nearly every shop matches on its
    own, and nearly every owner too, so that pass would keep (and test for being the first
    owner, and join) a row per shop only to learn what the shop's own match already says.
    Such a search asks the owner side last (see :func:`_owner_last`).

    A text of one or two characters (``search.short_key``) reads its shops and their
    ranks from ``shops_short`` instead (client migration 0033): from the shops of a rep or
    a county, one look-up each; else along the text's entries.
    """
    owner_join = f.level is not None or order_by in _NEEDS_OWNER
    shop_match = owner_match = None
    short = _short_key(f)
    if f.searching and short is None:
        assert f.text is not None
        shop_match, owner_match = list_matches(f.text)
    # Both sides read only the rows the search index proposes (``narrowed``); when it
    # proposes for both, a shop matches only among its own and its owners' candidates.
    candidates: tuple[str, list[Any]] | None = None
    if shop_match is not None and owner_match is not None:
        # A rep's or a county's shops are read through their own index: the search
        # index narrows them further only when it proposes few rows.
        most = SPARSE if f.rep_id is not None or f.county_id is not None else None
        shop_query = candidates_query(db, "shops", shop_match, most=most)
        owner_query = candidates_query(db, "owners", owner_match, most=most)
        shop_match = narrowed(shop_match, "shops", "s", shop_query)
        owner_match = narrowed(owner_match, "owners", "o", owner_query)
        if shop_query and owner_query:
            candidates = (
                "s.rowid IN (SELECT rowid FROM shops_search(?) UNION SELECT s5.rowid"
                " FROM owners o5 JOIN shops s5 ON s5.id = o5.shop_id"
                " WHERE o5.rowid IN (SELECT rowid FROM owners_search(?)))",
                [shop_query, owner_query],
            )
    owner_last = owner_match is not None and not owner_join and _broad_digits(f.text)
    owner_cte = owner_match is not None and not owner_join and not owner_last
    cte = _Sql()
    if owner_last and rank:
        assert owner_match is not None
        # Owners whose match could better their shop's rank (below 2: exact or prefix).
        cte.add(f"omr AS MATERIALIZED (SELECT o.shop_id, {owner_match.rank} AS rank")
        cte.params += owner_match.rank_params
        cte.add(f"FROM owners o WHERE o.deleted = 0 AND {owner_match.rank} < 2")
        cte.params += owner_match.rank_params
        cte.add(f"AND {_IS_FIRST_OWNER})")
    if owner_cte:
        assert owner_match is not None
        # A rank below 2 implies the condition, so owners left out here rank 2 (no match).
        cte.add(f"om AS MATERIALIZED (SELECT o.shop_id, {owner_match.rank} AS rank")
        cte.params += owner_match.rank_params
        cte.add(f"FROM owners o WHERE o.deleted = 0 AND {owner_match.cond}")
        cte.params += owner_match.cond_params
        cte.add(f"AND {_IS_FIRST_OWNER})")

    q = _Sql()
    # Only the columns the filters and the sort key read: a broad search keeps (and sorts)
    # a row per shop, each column copied 6,000 times.
    q.add("SELECT s.id, s.search_pinyin AS name_pinyin")
    for column in _sort_columns(f, order_by):
        q.add(f", s.{column}")
    ranks: list[str] = []
    rank_params: list[Any] = []
    conds: list[str] = []
    cond_params: list[Any] = []
    if shop_match is not None:
        ranks.append(shop_match.rank)
        rank_params += shop_match.rank_params
        conds.append(shop_match.cond)
        cond_params += shop_match.cond_params
    if owner_match is not None and owner_cte:
        ranks.append("coalesce(om.rank, 2)")
        conds.append("om.shop_id IS NOT NULL")
    elif owner_match is not None and owner_last:
        ranks.append("coalesce((SELECT omr.rank FROM omr WHERE omr.shop_id = s.id), 2)")
        cond, cond_params_owner = _owner_last(owner_match)
        conds.append(cond)
        cond_params += cond_params_owner
    elif owner_match is not None:
        ranks.append(owner_match.rank)
        rank_params += owner_match.rank_params
        conds.append(owner_match.cond)
        cond_params += owner_match.cond_params
    if short is not None:
        q.add(", p.rank AS rank" if rank else ", 0 AS rank")
    elif rank and ranks:
        # The better of the shop's and the owner's match.
        q.add(
            ", " + (f"min({', '.join(ranks)})" if len(ranks) > 1 else ranks[0]) + " AS rank",
            *rank_params,
        )
    else:
        q.add(", 0 AS rank")
    if order_by in _NEEDS_COUNTY:
        q.add(", c.name AS county")
    if owner_join:
        q.add(", o.search_pinyin AS owner_pinyin, o.level")
    if f.overdue or order_by in _NEEDS_LAST_VISIT:
        q.add(
            ", " + _LAST_VISIT.format(shop="s.id") + " AS last_date",
            f.end(),
            _modifier(f.utc_offset),
        )
    if short is not None and (f.rep_id is not None or f.county_id is not None):
        q.add("FROM shops s CROSS JOIN shops_short p")
        q.add("ON p.frag = ? AND p.rank IN (0, 1, 2) AND p.shop = s.rowid", short)
    elif short is not None:
        q.add("FROM shops_short p CROSS JOIN shops s ON s.rowid = p.shop AND p.frag = ?", short)
    else:
        q.add("FROM shops s")
    if owner_cte:
        q.add("LEFT JOIN om ON om.shop_id = s.id")
    if order_by in _NEEDS_COUNTY:
        q.add("LEFT JOIN counties c ON c.id = s.county_id")
    if owner_join:
        q.add(f"LEFT JOIN owners o ON o.id = {_FIRST_OWNER}")
    q.add("WHERE s.deleted = 0")
    if f.rep_id is not None:
        q.add("AND s.rep_id = ?", f.rep_id)
    if f.county_id is not None:
        q.add("AND s.county_id = ?", f.county_id)
    if f.tier is not None:
        q.add("AND s.tier = ?", str(f.tier))
    if f.channel is not None:
        q.add("AND s.channel = ?", str(f.channel))
    if f.level is not None:
        q.add("AND o.level = ?", int(f.level))
    if f.searching and short is None:
        if not conds:
            q.add("AND 0")  # nothing searchable in the text (e.g. only punctuation)
        else:
            if candidates is not None:
                q.add("AND " + candidates[0], *candidates[1])
            q.add(f"AND ({' OR '.join(conds)})", *cond_params)
    return cte, q


def _statement(ctes: _Sql, body: _Sql, f: _Filters, head: str, *, name: str = "") -> _Sql:
    """``WITH <ctes> SELECT <head> FROM (<body>) [WHERE <overdue>]``, or with ``name``
    ``WITH <ctes>, <name> AS MATERIALIZED (SELECT <head> …)`` for the caller to go on.

    LIMIT -1 keeps SQLite from flattening the subquery, which would copy the last-visit
    lookup into every expression that uses ``last_date`` (several lookups per shop).
    """
    q = _Sql()
    definitions = ([ctes.text()] if ctes.parts else []) + (
        [f"{name} AS MATERIALIZED ("] if name else []
    )
    if definitions:
        q.add("WITH " + ",\n".join(definitions), *ctes.params)
    q.add(f"SELECT {head} FROM (")
    q.parts += body.parts
    q.params += body.params
    q.add("LIMIT -1)")
    if f.overdue:
        q.add("WHERE " + _OVERDUE_SQL, *f.cutoffs())
    if name:
        q.add(")")
    return q


# The page's shops with everything a list line shows, in no particular order.
_ROWS_SQL = (
    "SELECT s.id, s.code, s.name, s.channel, s.tier, s.county_id, c.name AS county,"
    " o.id AS owner_id, o.name AS owner, o.level, s.cloud_store, "
    + _LAST_VISIT.format(shop="s.id")
    + " AS last_date"
    " FROM shops s"
    " LEFT JOIN counties c ON c.id = s.county_id"
    f" LEFT JOIN owners o ON o.id = {_FIRST_OWNER}"
    " WHERE s.id IN (SELECT value FROM json_each(?))"
)


def _shop_row(r: dict[str, Any], f: _Filters) -> ShopRow:
    tier = _enum(Tier, r["tier"])
    last = _date(r["last_date"])
    # Same rule as the SQL: a tier this version does not know counts as C.
    days = DEFAULT_OVERDUE_DAYS[tier] if isinstance(tier, Tier) else DEFAULT_OVERDUE_DAYS[Tier.C]
    return ShopRow(
        id=r["id"],
        code=r["code"],
        name=r["name"],
        channel=_enum(Channel, r["channel"]),
        tier=tier,
        county_id=r["county_id"],
        county=r["county"],
        owner_id=r["owner_id"],
        owner=r["owner"],
        level=r["level"],
        last_visit=last,
        days_since=None if last is None else (f.today - last).days,
        overdue=last is None or (f.today - last).days >= days,
        cloud_store=_enum(CloudStore, r["cloud_store"]),
    )


# --------------------------------------------------------------------------- the list


def _page(
    db: Sql,
    f: _Filters,
    *,
    order_by: str | None,
    descending: bool,
    limit: int | None,
    offset: int,
) -> tuple[list[ShopRow], int | None]:
    """One page of the list and how many shops match (None when the page is empty).

    Two queries. The first keeps the matching shops' narrow rows (id, rank, sort keys)
    once, counts them and cuts the page; the second reads what the list shows (county,
    first owner, last visit) for the page's ids only. The whole list (no filter but a
    text of one or two characters) in its best-first order counts and cuts its page in
    ``shops_short`` instead (:func:`_short_ids`): such a text matches thousands of shops.
    """
    if order_by is not None and order_by not in SORT_KEYS:
        raise ValueError(f"unknown sort key {order_by!r}")
    key = _short_key(f)
    if key is not None and order_by is None and not descending and _text_only(f):
        ids, total = _short_ids(db, key, limit, offset)
        if not ids:
            return [], None
        position = {shop: i for i, shop in enumerate(ids)}
    else:
        position, total = _matching_page(db, f, order_by, descending, limit, offset)
        if not position:
            return [], None
    raw = sorted(
        db.query(_ROWS_SQL, [f.end(), _modifier(f.utc_offset), json.dumps(list(position))]),
        key=lambda r: position[r["id"]],
    )
    return [_shop_row(r, f) for r in raw], total


def _matching_page(
    db: Sql,
    f: _Filters,
    order_by: str | None,
    descending: bool,
    limit: int | None,
    offset: int,
) -> tuple[dict[str, int], int]:
    """The page's shop ids (id → place) and how many match, by :func:`_matching`."""
    direction = " DESC" if descending else ""
    ctes, body = _matching(db, f, rank=order_by is None, order_by=order_by)
    q = _statement(ctes, body, f, "*", name="m")
    q.add("SELECT id, (SELECT count(*) FROM m) AS total FROM m")
    if order_by is None:
        q.add(f"ORDER BY rank{direction}, name_pinyin{direction}, id")
    else:
        q.add(f"ORDER BY {SORT_KEYS[order_by]}{direction}, name_pinyin, id")
    q.add("LIMIT ? OFFSET ?", -1 if limit is None else limit, offset)
    page = list(db.query(q.text(), q.params))
    if not page:
        return {}, 0
    return {r["id"]: i for i, r in enumerate(page)}, int(page[0]["total"])


def list_matches(text: str) -> tuple[Match | None, Match | None]:
    """What the shop list compares a search text with: the shop's side (``s``: name,
    phone, code, pinyin, initials) and its owner's (``o``: name, mobile, pinyin,
    initials); None for a side with nothing to search for. One definition for the list's
    counted pages and for ``views_shops_first``'s walks."""
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
    return shop, owner


def shop_page(
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
) -> tuple[list[ShopRow], int]:
    """One page of live shops matching the filters, and how many match in all.

    Sorted by ``order_by`` (see SORT_KEYS); without it the best search matches come
    first (exact, prefix, anywhere; shop or owner), then by name in pinyin order.
    The matching shops are found once for both answers, so a search keystroke scans
    the shops and owners once.
    """
    f = _Filters(text, county_id, tier, channel, level, overdue, today, rep_id, utc_offset)
    rows, total = _page(db, f, order_by=order_by, descending=descending, limit=limit, offset=offset)
    if total is None:  # nothing on this page: none match, or the page is past the end
        total = 0 if offset == 0 else _count(db, f)
    return rows, total


def shop_rows(
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
) -> list[ShopRow]:
    """One page of live shops matching the filters (see :func:`shop_page`)."""
    f = _Filters(text, county_id, tier, channel, level, overdue, today, rep_id, utc_offset)
    rows, _total = _page(
        db, f, order_by=order_by, descending=descending, limit=limit, offset=offset
    )
    return rows


def _count(db: Sql, f: _Filters) -> int:
    key = _short_key(f)
    if key is not None and _text_only(f):
        return int(
            db.execute("SELECT count(*) FROM shops_short WHERE frag = ?", [key]).fetchone()[0]
        )
    ctes, body = _matching(db, f, rank=False, order_by=None)
    q = _statement(ctes, body, f, "count(*) AS n")
    return int(next(db.query(q.text(), q.params))["n"])


def shop_count(
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
    utc_offset: timedelta = BUSINESS_UTC_OFFSET,
) -> int:
    """How many live shops match the filters (the same filters as :func:`shop_rows`)."""
    return _count(
        db, _Filters(text, county_id, tier, channel, level, overdue, today, rep_id, utc_offset)
    )


# --------------------------------------------------------------------------- the shop page


def shop_detail(db: Sql, shop_id: str) -> ShopDetail | None:
    """The live shop with county, rep, first owner and counts; None if missing or deleted."""
    row = next(
        db.query(
            f"""
            SELECT s.id, s.code, s.name, s.channel, s.tier, s.county_id, c.name AS county,
                   s.address, s.phone, s.latitude, s.longitude, s.cloud_store, s.notes,
                   s.rep_id, u.name AS rep,
                   o.id AS owner_id, o.name AS owner_name, o.mobile, o.wechat, o.birthday,
                   o.level, o.cares_about, o.notes AS owner_notes,
                   o.erased_at AS owner_erased_at,
                   (SELECT count(*) FROM interactions i JOIN owners oo ON oo.id = i.owner_id
                    WHERE oo.shop_id = s.id AND oo.deleted = 0 AND i.deleted = 0)
                       AS n_interactions,
                   (SELECT count(*) FROM koc_shops ks JOIN kocs k ON k.id = ks.koc_id
                    WHERE ks.shop_id = s.id AND ks.deleted = 0 AND k.deleted = 0) AS n_kocs,
                   (SELECT count(*) FROM visits v WHERE v.shop_id = s.id AND v.deleted = 0)
                       AS n_visits,
                   (SELECT count(*) FROM events e
                    WHERE e.venue_shop_id = s.id AND e.deleted = 0) AS n_events,
                   (SELECT count(*) FROM photos p WHERE p.deleted = 0 AND (p.shop_id = s.id
                    OR p.visit_id IN (SELECT v.id FROM visits v
                    WHERE v.shop_id = s.id AND v.deleted = 0)))
                       AS n_photos
            FROM shops s
            LEFT JOIN counties c ON c.id = s.county_id
            LEFT JOIN users u ON u.id = s.rep_id
            LEFT JOIN owners o ON o.id = {_FIRST_OWNER}
            WHERE s.id = ? AND s.deleted = 0
            """,
            [shop_id],
        ),
        None,
    )
    if row is None:
        return None
    owner = None
    if row["owner_id"] is not None:
        owner = OwnerInfo(
            id=row["owner_id"],
            name=row["owner_name"],
            mobile=row["mobile"],
            wechat=row["wechat"],
            birthday=_date(row["birthday"]),
            level=row["level"],
            cares_about=row["cares_about"],
            notes=row["owner_notes"],
            erased=row["owner_erased_at"] is not None,
        )
    return ShopDetail(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        channel=_enum(Channel, row["channel"]),
        tier=_enum(Tier, row["tier"]),
        county_id=row["county_id"],
        county=row["county"],
        address=row["address"],
        phone=row["phone"],
        latitude=row["latitude"],
        longitude=row["longitude"],
        cloud_store=_enum(CloudStore, row["cloud_store"]),
        notes=row["notes"],
        rep_id=row["rep_id"],
        rep=row["rep"],
        owner=owner,
        interactions=row["n_interactions"],
        kocs=row["n_kocs"],
        visits=row["n_visits"],
        events=row["n_events"],
        photos=row["n_photos"],
    )


def shop_interactions(
    db: Sql, shop_id: str, *, limit: int | None = 200, offset: int = 0
) -> list[ShopInteractionRow]:
    """Interactions with the shop's live owners, newest first (by date, then entry order)."""
    rows = db.query(
        """
        SELECT i.id, i.owner_id, o.name AS owner, i.date, i.kind, i.note, i.level_after
        FROM owners o JOIN interactions i ON i.owner_id = o.id
        WHERE o.shop_id = ? AND o.deleted = 0 AND i.deleted = 0
        ORDER BY i.date DESC, i.created_at DESC, i.rowid DESC
        LIMIT ? OFFSET ?
        """,
        [shop_id, -1 if limit is None else limit, offset],
    )
    return [
        ShopInteractionRow(
            id=r["id"],
            owner_id=r["owner_id"],
            owner=r["owner"],
            date=date.fromisoformat(r["date"][:10]),
            kind=_enum(InteractionKind, r["kind"]),
            note=r["note"],
            level_after=r["level_after"],
        )
        for r in rows
    ]


def shop_kocs(
    db: Sql, shop_id: str, *, limit: int | None = 200, offset: int = 0
) -> list[ShopKocRow]:
    """Live KOCs linked to the shop, most recently introduced first (undated last)."""
    rows = db.query(
        """
        SELECT ks.id AS link_id, k.id AS koc_id, k.name, k.stage, k.mobile,
               ks.introduced_by_owner_id, o.name AS introduced_by, ks.introduced_at,
               k.search_pinyin
        FROM koc_shops ks
        JOIN kocs k ON k.id = ks.koc_id
        LEFT JOIN owners o ON o.id = ks.introduced_by_owner_id AND o.deleted = 0
        WHERE ks.shop_id = ? AND ks.deleted = 0 AND k.deleted = 0
        ORDER BY ks.introduced_at IS NULL, ks.introduced_at DESC, k.search_pinyin, k.id
        LIMIT ? OFFSET ?
        """,
        [shop_id, -1 if limit is None else limit, offset],
    )
    return [
        ShopKocRow(
            link_id=r["link_id"],
            koc_id=r["koc_id"],
            name=r["name"],
            stage=_enum(KocStage, r["stage"]),
            mobile=r["mobile"],
            introduced_by_owner_id=r["introduced_by_owner_id"],
            introduced_by=r["introduced_by"],
            introduced_at=_date(r["introduced_at"]),
        )
        for r in rows
    ]


def shop_visits(
    db: Sql,
    shop_id: str,
    *,
    limit: int | None = 200,
    offset: int = 0,
    utc_offset: timedelta = BUSINESS_UTC_OFFSET,
) -> list[ShopVisitRow]:
    """Live visits at the shop, newest first by check-in day (else planned day)."""
    modifier = _modifier(utc_offset)
    rows = db.query(
        """
        SELECT v.id, v.planned_date, v.checkin_at, v.checkout_at, v.review_status,
               date(v.checkin_at, ?) AS checkin_date, u.name AS rep,
               CAST(round((julianday(v.checkout_at) - julianday(v.checkin_at)) * 1440)
                    AS INTEGER) AS minutes
        FROM visits v
        LEFT JOIN users u ON u.id = v.rep_id
        WHERE v.shop_id = ? AND v.deleted = 0
        ORDER BY coalesce(date(v.checkin_at, ?), v.planned_date) DESC, v.checkin_at DESC, v.id
        LIMIT ? OFFSET ?
        """,
        [modifier, shop_id, modifier, -1 if limit is None else limit, offset],
    )
    return [
        ShopVisitRow(
            id=r["id"],
            planned_date=_date(r["planned_date"]),
            checkin_at=_datetime(r["checkin_at"]),
            checkout_at=_datetime(r["checkout_at"]),
            checkin_date=_date(r["checkin_date"]),
            duration_minutes=r["minutes"],
            review_status=_enum(ReviewStatus, r["review_status"]),
            rep=r["rep"],
        )
        for r in rows
    ]


def shop_events(
    db: Sql,
    shop_id: str,
    *,
    limit: int | None = 200,
    offset: int = 0,
    utc_offset: timedelta = BUSINESS_UTC_OFFSET,
) -> list[ShopEventRow]:
    """Live events held at the shop (its venue), latest start first."""
    rows = db.query(
        """
        SELECT e.id, e.kind, e.title, e.starts_at, e.status, date(e.starts_at, ?) AS day,
               (SELECT count(*) FROM invitations i
                WHERE i.event_id = e.id AND i.deleted = 0) AS invited,
               (SELECT count(*) FROM invitations i
                WHERE i.event_id = e.id AND i.deleted = 0 AND i.status = 'attended')
                   AS attended
        FROM events e
        WHERE e.venue_shop_id = ? AND e.deleted = 0
        ORDER BY e.starts_at DESC, e.id
        LIMIT ? OFFSET ?
        """,
        [_modifier(utc_offset), shop_id, -1 if limit is None else limit, offset],
    )
    out = []
    for r in rows:
        starts = _datetime(r["starts_at"])
        assert starts is not None  # NOT NULL column
        out.append(
            ShopEventRow(
                id=r["id"],
                kind=_enum(EventKind, r["kind"]),
                title=r["title"],
                starts_at=starts,
                day=date.fromisoformat(r["day"]),
                status=_enum(EventStatus, r["status"]),
                invited=r["invited"],
                attended=r["attended"],
            )
        )
    return out


_PHOTO_COLUMNS = ", ".join(f"p.{name}" for name in Photo.model_fields)


def shop_photos(db: Sql, shop_id: str, *, limit: int | None = 24) -> list[Photo]:
    """Live photos of the shop and of its live visits, newest first (by taken time).

    Files are found with ``store.photos.path_of(photo)``.
    """
    rows = db.query(
        f"""
        SELECT {_PHOTO_COLUMNS} FROM photos p
        WHERE p.deleted = 0 AND (p.shop_id = ?
              OR p.visit_id IN (SELECT v.id FROM visits v
                                WHERE v.shop_id = ? AND v.deleted = 0))
        ORDER BY coalesce(p.taken_at, p.created_at) DESC, p.id
        LIMIT ?
        """,
        [shop_id, shop_id, -1 if limit is None else limit],
    )
    return [Photo.model_validate(dict(r)) for r in rows]
