"""Read-only queries behind the events calendar, the event list and the event page.

Every function takes the store's connection (``store.db``) and keyword arguments, runs
one or two SQL statements and returns frozen dataclasses. The UI never writes SQL; it
calls these and the repositories (``store.events`` …) for writes.

Rules shared by every function here:

* Tombstones are ignored: deleted events, invitations, KOCs, owners and shops never show.
  An invitation whose KOC or owner is deleted does not count (as in
  ``metrics.event_outcomes``).
* Times are aware UTC ``datetime`` values in and out; the caller converts Beijing time.
  Stored times are fixed-width UTC text (``format_datetime``), so text comparison in SQL is
  time comparison.
* Intervals are half-open, ``[starts_at, ends_at)``: an event from 18:00 to 20:00 and one
  from 20:00 to 22:00 *touch* and do not overlap.
* Invitation counts: ``invited`` is every live invitation whatever its status (the invited
  total, as in ``metrics.event_outcomes``); ``confirmed``, ``attended`` and ``no_show``
  count those statuses.
* Sort keys are whitelisted per function (``EVENT_SORT_KEYS`` …); an unknown key raises
  ``ValueError``. Ties are broken by a stable key so paging never repeats or skips rows.

Threading: these functions run SQL on ``db``'s connection; call them on the thread that
owns the store connection. The results are immutable and safe to hand to another thread.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal, TypeVar

from ..model import EventKind, EventStatus, InvitationStatus, KocStage, format_datetime
from .db import Sql
from .search import match_clause

__all__ = [
    "EVENT_SORT_KEYS",
    "KOC_SORT_KEYS",
    "OWNER_SORT_KEYS",
    "EventDetail",
    "EventProductRow",
    "EventRow",
    "FoundKoc",
    "InvitableKoc",
    "InvitableOwner",
    "InvitationRow",
    "Overlap",
    "event_count",
    "event_detail",
    "event_rows",
    "events_between",
    "invitable_koc_count",
    "invitable_kocs",
    "invitable_owner_count",
    "invitable_owners",
    "invitations",
    "kocs_found",
    "overlapping_events",
]

S = TypeVar("S", bound=StrEnum)
#: A result row of a statement.
Row = tuple[Any, ...]

# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class EventRow:
    """One live event with its venue and invitation counts (list, calendar, agenda)."""

    id: str
    kind: str
    title: str
    status: str
    starts_at: datetime
    ends_at: datetime
    venue_shop_id: str | None
    #: Name of the live venue shop; None without a venue shop (or when it was deleted).
    venue_name: str | None
    venue_note: str | None
    capacity: int | None
    rep_id: str | None
    #: Live invitations of any status.
    invited: int
    confirmed: int
    attended: int
    no_show: int

    @property
    def venue(self) -> str:
        """The venue as a person reads it: the shop's name, else the free-text note."""
        return self.venue_name or self.venue_note or ""

    @property
    def expected(self) -> int:
        """Invitations that take a place: all but no-shows (for the capacity check)."""
        return self.invited - self.no_show


@dataclass(frozen=True)
class EventProductRow:
    """A product shown at an event."""

    link_id: str
    product_id: str
    name: str
    code: str | None


@dataclass(frozen=True)
class EventDetail:
    """Everything the event page shows at the top: the event, venue, products, counts."""

    id: str
    kind: str
    title: str
    status: str
    starts_at: datetime
    ends_at: datetime
    venue_shop_id: str | None
    venue_name: str | None
    venue_address: str | None
    #: County of the venue shop (where KOCs found at the event live); None without one.
    venue_county_id: str | None
    venue_county_name: str | None
    venue_note: str | None
    capacity: int | None
    budget: float | None
    rep_id: str | None
    rep_name: str | None
    notes: str | None
    products: tuple[EventProductRow, ...]
    invited: int
    confirmed: int
    attended: int
    no_show: int
    #: Live KOCs whose ``source_event_id`` is this event.
    kocs_found: int
    #: Live photos attached to the event.
    photos: int

    @property
    def venue(self) -> str:
        return self.venue_name or self.venue_note or ""

    @property
    def expected(self) -> int:
        """Invitations that take a place: all but no-shows."""
        return self.invited - self.no_show

    @property
    def over_capacity(self) -> bool:
        return self.capacity is not None and self.expected > self.capacity


@dataclass(frozen=True)
class InvitationRow:
    """One invited person with what the check-in list shows about them."""

    id: str
    event_id: str
    person: Literal["koc", "owner"]
    #: The KOC's or the owner's id.
    person_id: str
    name: str
    #: Full pinyin and initials of the name (for quick filtering while checking people in).
    pinyin: str
    initials: str
    #: For a KOC: the county's name; for an owner: the shop's name.
    detail: str
    mobile: str | None
    #: The KOC's stage (None for an owner).
    stage: str | None
    #: The owner's relationship level (None for a KOC).
    level: int | None
    status: str
    feedback: int | None
    note: str | None


@dataclass(frozen=True)
class InvitableKoc:
    id: str
    name: str
    county_id: str
    county_name: str | None
    stage: str
    mobile: str | None
    #: Sum of the four traits (4–20).
    trait_score: int
    #: Already invited to this event (only with ``include_invited=True``).
    invited: bool


@dataclass(frozen=True)
class InvitableOwner:
    id: str
    name: str
    shop_id: str
    shop_name: str
    county_name: str | None
    level: int
    mobile: str | None
    invited: bool


@dataclass(frozen=True)
class FoundKoc:
    """A KOC found at an event (``source_event_id``)."""

    id: str
    name: str
    mobile: str | None
    stage: str
    county_name: str | None
    created_at: datetime


@dataclass(frozen=True)
class Overlap:
    """An event that overlaps a time range, and why it matters."""

    id: str
    title: str
    kind: str
    status: str
    starts_at: datetime
    ends_at: datetime
    venue_shop_id: str | None
    venue_name: str | None
    rep_id: str | None
    #: Run by the rep asked about.
    same_rep: bool
    #: At the venue shop asked about.
    same_venue: bool


# --------------------------------------------------------------------------- helpers

#: Sort keys of :func:`event_rows` and the SQL they sort by.
EVENT_SORT_KEYS: dict[str, str] = {
    "starts_at": "ev.starts_at",
    "ends_at": "ev.ends_at",
    "title": "ev.title",
    "kind": "ev.kind",
    "status": "ev.status",
    "venue": "coalesce(ev.venue_name, ev.venue_note, '')",
    "capacity": "coalesce(ev.capacity, 0)",
    "invited": "invited",
    "confirmed": "confirmed",
    "attended": "attended",
}
#: Sort keys that need the invitation counts before the page can be cut.
_COUNT_KEYS = frozenset({"invited", "confirmed", "attended"})

#: Sort keys of :func:`invitable_kocs`.
KOC_SORT_KEYS: dict[str, str] = {
    "name": "k.search_pinyin",
    "county": "c.name",
    "stage": "k.stage",
    "traits": "trait_score",
    "mobile": "k.mobile",
}

#: Sort keys of :func:`invitable_owners`.
OWNER_SORT_KEYS: dict[str, str] = {
    "name": "o.search_pinyin",
    "shop": "s.search_pinyin",
    "county": "c.name",
    "level": "o.level",
    "mobile": "o.mobile",
}

# Two forms of one rule, "the invitee is not deleted": a lookup per invitation (cheap for
# one event's invitations) and a set of deleted ids built once (cheap for many events).
_LIVE_INVITEE = (
    "NOT EXISTS (SELECT 1 FROM kocs dk WHERE dk.id = i.koc_id AND dk.deleted = 1)"
    " AND NOT EXISTS (SELECT 1 FROM owners dow WHERE dow.id = i.owner_id AND dow.deleted = 1)"
)


_LIVE_INVITEE_BULK = (
    "coalesce(i.koc_id, '') NOT IN (SELECT id FROM kocs WHERE deleted = 1)"
    " AND coalesce(i.owner_id, '') NOT IN (SELECT id FROM owners WHERE deleted = 1)"
)


def _enum(kind: type[S], value: str) -> str:
    """The enum member for a stored value; a value this version does not know stays text."""
    try:
        return kind(value)
    except ValueError:
        return value


def _dt(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _utc(value: datetime) -> str:
    return format_datetime(value)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _values(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _in(column: str, name: str, values: list[str], params: dict[str, Any]) -> str:
    params[name] = json.dumps(values)
    return f"{column} IN (SELECT value FROM json_each(:{name}))"


def _order(keys: dict[str, str], order_by: str, descending: bool, tie: str) -> str:
    try:
        column = keys[order_by]
    except KeyError:
        raise ValueError(f"unknown sort key {order_by!r}; use one of {sorted(keys)}") from None
    return f"{column}{' DESC' if descending else ''}, {tie}"


def _page(limit: int | None, offset: int, params: dict[str, Any]) -> str:
    params["limit"] = -1 if limit is None else limit
    params["offset"] = offset
    return " LIMIT :limit OFFSET :offset"


def _rows(db: Sql, sql: str, params: dict[str, Any]) -> list[Row]:
    return list(db.execute(sql, params).fetchall())


# --------------------------------------------------------------------------- events


def _event_where(
    params: dict[str, Any],
    *,
    start: datetime | None,
    end: datetime | None,
    kind: str | Sequence[str] | None,
    status: str | Sequence[str] | None,
    rep_id: str | None,
    text: str | None,
) -> str:
    where = ["e.deleted = 0"]
    if start is not None:
        where.append("e.ends_at > :start")
        params["start"] = _utc(start)
    if end is not None:
        where.append("e.starts_at < :end")
        params["end"] = _utc(end)
    kinds = _values(kind)
    if kinds is not None:
        where.append(_in("e.kind", "kinds", kinds, params))
    statuses = _values(status)
    if statuses is not None:
        where.append(_in("e.status", "statuses", statuses, params))
    if rep_id is not None:
        where.append("e.rep_id = :rep")
        params["rep"] = rep_id
    needle = (text or "").strip()
    if needle:
        params["text"] = f"%{_escape_like(needle)}%"
        where.append(
            "(e.title LIKE :text ESCAPE '\\' OR e.venue_note LIKE :text ESCAPE '\\'"
            " OR s.name LIKE :text ESCAPE '\\')"
        )
    return " AND ".join(where)


def _event_sql(where: str, order: str, page: str, *, page_first: bool) -> str:
    """Events with their counts. With ``page_first`` the page is cut before counting
    (the sort does not need the counts), so a long list costs one page of counting."""
    counted = "pg" if page_first else "ev"
    return f"""
        WITH ev AS (
            SELECT e.id, e.kind, e.title, e.status, e.starts_at, e.ends_at, e.venue_shop_id,
                   s.name AS venue_name, e.venue_note, e.capacity, e.rep_id
            FROM events e
            LEFT JOIN shops s ON s.id = e.venue_shop_id AND s.deleted = 0
            WHERE {where}
        ),
        pg AS (SELECT * FROM ev ORDER BY {order} {page if page_first else ""}),
        cnt AS (
            SELECT i.event_id,
                   count(*) AS invited,
                   sum(i.status = 'confirmed') AS confirmed,
                   sum(i.status = 'attended') AS attended,
                   sum(i.status = 'no_show') AS no_show
            FROM invitations i
            WHERE i.deleted = 0 AND i.event_id IN (SELECT id FROM {counted})
              AND {_LIVE_INVITEE_BULK}
            GROUP BY i.event_id
        )
        SELECT ev.id, ev.kind, ev.title, ev.status, ev.starts_at, ev.ends_at, ev.venue_shop_id,
               ev.venue_name, ev.venue_note, ev.capacity, ev.rep_id,
               coalesce(cnt.invited, 0) AS invited, coalesce(cnt.confirmed, 0) AS confirmed,
               coalesce(cnt.attended, 0) AS attended, coalesce(cnt.no_show, 0) AS no_show
        FROM {counted} AS ev LEFT JOIN cnt ON cnt.event_id = ev.id
        ORDER BY {order}
        {"" if page_first else page}
    """


def _event_row(r: Row) -> EventRow:
    return EventRow(
        id=r[0],
        kind=_enum(EventKind, r[1]),
        title=r[2],
        status=_enum(EventStatus, r[3]),
        starts_at=_dt(r[4]),
        ends_at=_dt(r[5]),
        venue_shop_id=r[6],
        venue_name=r[7],
        venue_note=r[8],
        capacity=r[9],
        rep_id=r[10],
        invited=r[11],
        confirmed=r[12],
        attended=r[13],
        no_show=r[14],
    )


def event_rows(
    db: Sql,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    kind: str | Sequence[str] | None = None,
    status: str | Sequence[str] | None = None,
    rep_id: str | None = None,
    text: str | None = None,
    order_by: str = "starts_at",
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[EventRow]:
    """Live events matching the filters, with invitation counts, one page of them.

    ``start``/``end`` keep events that overlap ``[start, end)`` (either may be None).
    ``kind`` and ``status`` take one value or several. ``text`` is found in the title,
    the venue note or the venue shop's name. ``order_by`` is a key of
    ``EVENT_SORT_KEYS``; ties go by start time and id.
    """
    params: dict[str, Any] = {}
    where = _event_where(
        params, start=start, end=end, kind=kind, status=status, rep_id=rep_id, text=text
    )
    order = _order(EVENT_SORT_KEYS, order_by, descending, "ev.starts_at, ev.id")
    page = _page(limit, offset, params)
    sql = _event_sql(where, order, page, page_first=order_by not in _COUNT_KEYS)
    return [_event_row(r) for r in _rows(db, sql, params)]


def event_count(
    db: Sql,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    kind: str | Sequence[str] | None = None,
    status: str | Sequence[str] | None = None,
    rep_id: str | None = None,
    text: str | None = None,
) -> int:
    """How many rows :func:`event_rows` returns with the same filters and no limit."""
    params: dict[str, Any] = {}
    where = _event_where(
        params, start=start, end=end, kind=kind, status=status, rep_id=rep_id, text=text
    )
    sql = (
        "SELECT count(*) FROM events e"
        " LEFT JOIN shops s ON s.id = e.venue_shop_id AND s.deleted = 0"
        f" WHERE {where}"
    )
    return int(_rows(db, sql, params)[0][0])


def events_between(
    db: Sql,
    *,
    start: datetime,
    end: datetime,
    kind: str | Sequence[str] | None = None,
    status: str | Sequence[str] | None = None,
    rep_id: str | None = None,
    text: str | None = None,
) -> list[EventRow]:
    """Live events that overlap ``[start, end)`` (the calendar's week or month), by start.

    An event that ends exactly at ``start`` or begins exactly at ``end`` is not included.
    """
    return event_rows(db, start=start, end=end, kind=kind, status=status, rep_id=rep_id, text=text)


def event_detail(db: Sql, *, event_id: str) -> EventDetail | None:
    """The live event with its venue, rep, products and counts; None when there is none."""
    sql = f"""
        SELECT e.id, e.kind, e.title, e.status, e.starts_at, e.ends_at, e.venue_shop_id,
               s.name, s.address, c.id, c.name, e.venue_note, e.capacity, e.budget,
               e.rep_id, u.name, e.notes,
               (SELECT count(*) FROM invitations i
                WHERE i.event_id = e.id AND i.deleted = 0 AND {_LIVE_INVITEE}),
               (SELECT count(*) FROM invitations i
                WHERE i.event_id = e.id AND i.deleted = 0 AND i.status = 'confirmed'
                  AND {_LIVE_INVITEE}),
               (SELECT count(*) FROM invitations i
                WHERE i.event_id = e.id AND i.deleted = 0 AND i.status = 'attended'
                  AND {_LIVE_INVITEE}),
               (SELECT count(*) FROM invitations i
                WHERE i.event_id = e.id AND i.deleted = 0 AND i.status = 'no_show'
                  AND {_LIVE_INVITEE}),
               (SELECT count(*) FROM kocs k WHERE k.source_event_id = e.id AND k.deleted = 0),
               (SELECT count(*) FROM photos p WHERE p.event_id = e.id AND p.deleted = 0)
        FROM events e
        LEFT JOIN shops s ON s.id = e.venue_shop_id AND s.deleted = 0
        LEFT JOIN counties c ON c.id = s.county_id AND c.deleted = 0
        LEFT JOIN users u ON u.id = e.rep_id
        WHERE e.id = :event AND e.deleted = 0
    """
    found = _rows(db, sql, {"event": event_id})
    if not found:
        return None
    r = found[0]
    products = tuple(
        EventProductRow(link_id=lid, product_id=pid, name=name, code=code)
        for lid, pid, name, code in _rows(
            db,
            "SELECT ep.id, p.id, p.name, p.code FROM event_products ep"
            " JOIN products p ON p.id = ep.product_id AND p.deleted = 0"
            " WHERE ep.event_id = :event AND ep.deleted = 0"
            " ORDER BY p.name, p.id",
            {"event": event_id},
        )
    )
    return EventDetail(
        id=r[0],
        kind=_enum(EventKind, r[1]),
        title=r[2],
        status=_enum(EventStatus, r[3]),
        starts_at=_dt(r[4]),
        ends_at=_dt(r[5]),
        venue_shop_id=r[6] if r[7] is not None else None,
        venue_name=r[7],
        venue_address=r[8],
        venue_county_id=r[9],
        venue_county_name=r[10],
        venue_note=r[11],
        capacity=r[12],
        budget=r[13],
        rep_id=r[14],
        rep_name=r[15],
        notes=r[16],
        products=products,
        invited=r[17],
        confirmed=r[18],
        attended=r[19],
        no_show=r[20],
        kocs_found=r[21],
        photos=r[22],
    )


# --------------------------------------------------------------------------- invitations


def invitations(
    db: Sql,
    *,
    event_id: str,
    status: str | Sequence[str] | None = None,
) -> list[InvitationRow]:
    """The event's live invitations with the person's name, ordered by pinyin of the name.

    ``status`` keeps one status or several (e.g. ``"attended"`` for the feedback list).
    """
    params: dict[str, Any] = {"event": event_id}
    where = [
        "i.event_id = :event",
        "i.deleted = 0",
        "coalesce(k.deleted, 0) = 0",
        "coalesce(o.deleted, 0) = 0",
    ]
    statuses = _values(status)
    if statuses is not None:
        where.append(_in("i.status", "statuses", statuses, params))
    sql = f"""
        SELECT i.id, i.koc_id, i.owner_id, i.status, i.feedback, i.note,
               coalesce(k.name, o.name, ''),
               coalesce(k.search_pinyin, o.search_pinyin, ''),
               coalesce(k.search_initials, o.search_initials, ''),
               CASE WHEN i.koc_id IS NOT NULL THEN coalesce(c.name, '')
                    ELSE coalesce(s.name, '') END,
               coalesce(k.mobile, o.mobile), k.stage, o.level
        FROM invitations i
        LEFT JOIN kocs k ON k.id = i.koc_id
        LEFT JOIN owners o ON o.id = i.owner_id
        LEFT JOIN counties c ON c.id = k.county_id
        LEFT JOIN shops s ON s.id = o.shop_id
        WHERE {" AND ".join(where)}
        ORDER BY 8, 7, i.id
    """
    out = []
    for r in _rows(db, sql, params):
        is_koc = r[1] is not None
        out.append(
            InvitationRow(
                id=r[0],
                event_id=event_id,
                person="koc" if is_koc else "owner",
                person_id=r[1] if is_koc else r[2],
                name=r[6],
                pinyin=r[7],
                initials=r[8],
                detail=r[9],
                mobile=r[10],
                stage=None if r[11] is None else _enum(KocStage, r[11]),
                level=r[12],
                status=_enum(InvitationStatus, r[3]),
                feedback=r[4],
                note=r[5],
            )
        )
    return out


def _koc_where(
    params: dict[str, Any],
    *,
    event_id: str,
    text: str | None,
    county_id: str | None,
    stage: str | Sequence[str] | None,
    rep_id: str | None,
    include_invited: bool,
) -> str:
    params["event"] = event_id
    where = ["k.deleted = 0"]
    if not include_invited:
        where.append(
            "k.id NOT IN (SELECT i.koc_id FROM invitations i WHERE i.event_id = :event"
            " AND i.deleted = 0 AND i.koc_id IS NOT NULL)"
        )
    if county_id is not None:
        where.append("k.county_id = :county")
        params["county"] = county_id
    stages = _values(stage)
    if stages is not None:
        where.append(_in("k.stage", "stages", stages, params))
    if rep_id is not None:
        where.append("k.rep_id = :rep")
        params["rep"] = rep_id
    if text is not None:
        match = match_clause(
            text,
            name="k.name",
            phones=("k.mobile", "k.wechat"),
            pinyin="k.search_pinyin",
            initials="k.search_initials",
        )
        if match is not None:
            # match_clause speaks positional "?"; fold its parameters into named ones.
            where.append(_named(match.cond, match.cond_params, "kq", params))
    return " AND ".join(where)


def _named(cond: str, values: list[Any], prefix: str, params: dict[str, Any]) -> str:
    parts = cond.split("?")
    out = [parts[0]]
    for n, (value, rest) in enumerate(zip(values, parts[1:], strict=True)):
        key = f"{prefix}{n}"
        params[key] = value
        out.append(f":{key}{rest}")
    return "".join(out)


def invitable_kocs(
    db: Sql,
    *,
    event_id: str,
    text: str | None = None,
    county_id: str | None = None,
    stage: str | Sequence[str] | None = None,
    rep_id: str | None = None,
    include_invited: bool = False,
    order_by: str = "name",
    descending: bool = False,
    limit: int | None = 200,
    offset: int = 0,
) -> list[InvitableKoc]:
    """Live KOCs that can be invited to the event (not invited yet), filtered, one page.

    ``text`` matches the name (Chinese, pinyin, initials) or a phone / WeChat number.
    With ``include_invited=True`` KOCs already invited are listed too, marked ``invited``.
    ``order_by`` is a key of ``KOC_SORT_KEYS``; ties by name pinyin and id.
    """
    params: dict[str, Any] = {}
    where = _koc_where(
        params,
        event_id=event_id,
        text=text,
        county_id=county_id,
        stage=stage,
        rep_id=rep_id,
        include_invited=include_invited,
    )
    order = _order(KOC_SORT_KEYS, order_by, descending, "k.search_pinyin, k.id")
    invited = (
        "k.id IN (SELECT i.koc_id FROM invitations i WHERE i.event_id = :event"
        " AND i.deleted = 0 AND i.koc_id IS NOT NULL)"
        if include_invited
        else "0"
    )
    sql = f"""
        SELECT k.id, k.name, k.county_id, c.name, k.stage, k.mobile,
               k.trait_acquaintances + k.trait_trying + k.trait_sharing + k.trait_expertise
                   AS trait_score,
               {invited}
        FROM kocs k
        LEFT JOIN counties c ON c.id = k.county_id
        WHERE {where}
        ORDER BY {order}
        {_page(limit, offset, params)}
    """
    return [
        InvitableKoc(
            id=r[0],
            name=r[1],
            county_id=r[2],
            county_name=r[3],
            stage=_enum(KocStage, r[4]),
            mobile=r[5],
            trait_score=r[6],
            invited=bool(r[7]),
        )
        for r in _rows(db, sql, params)
    ]


def invitable_koc_count(
    db: Sql,
    *,
    event_id: str,
    text: str | None = None,
    county_id: str | None = None,
    stage: str | Sequence[str] | None = None,
    rep_id: str | None = None,
    include_invited: bool = False,
) -> int:
    """How many KOCs :func:`invitable_kocs` lists with the same filters and no limit."""
    params: dict[str, Any] = {}
    where = _koc_where(
        params,
        event_id=event_id,
        text=text,
        county_id=county_id,
        stage=stage,
        rep_id=rep_id,
        include_invited=include_invited,
    )
    return int(_rows(db, f"SELECT count(*) FROM kocs k WHERE {where}", params)[0][0])


def _owner_where(
    params: dict[str, Any],
    *,
    event_id: str,
    text: str | None,
    level: int | None,
    min_level: int | None,
    county_id: str | None,
    rep_id: str | None,
    include_invited: bool,
) -> str:
    params["event"] = event_id
    where = ["o.deleted = 0", "s.deleted = 0"]
    if not include_invited:
        where.append(
            "o.id NOT IN (SELECT i.owner_id FROM invitations i WHERE i.event_id = :event"
            " AND i.deleted = 0 AND i.owner_id IS NOT NULL)"
        )
    if level is not None:
        where.append("o.level = :level")
        params["level"] = level
    if min_level is not None:
        where.append("o.level >= :min_level")
        params["min_level"] = min_level
    if county_id is not None:
        where.append("s.county_id = :county")
        params["county"] = county_id
    if rep_id is not None:
        where.append("s.rep_id = :rep")
        params["rep"] = rep_id
    if text is not None:
        owner = match_clause(
            text,
            name="o.name",
            phones=("o.mobile", "o.wechat"),
            pinyin="o.search_pinyin",
            initials="o.search_initials",
        )
        shop = match_clause(
            text,
            name="s.name",
            phones=("s.phone",),
            code="s.code",
            pinyin="s.search_pinyin",
            initials="s.search_initials",
        )
        conds = []
        if owner is not None:
            conds.append(_named(owner.cond, owner.cond_params, "oq", params))
        if shop is not None:
            conds.append(_named(shop.cond, shop.cond_params, "sq", params))
        if conds:
            where.append("(" + " OR ".join(conds) + ")")
    return " AND ".join(where)


def invitable_owners(
    db: Sql,
    *,
    event_id: str,
    text: str | None = None,
    level: int | None = None,
    min_level: int | None = None,
    county_id: str | None = None,
    rep_id: str | None = None,
    include_invited: bool = False,
    order_by: str = "name",
    descending: bool = False,
    limit: int | None = 200,
    offset: int = 0,
) -> list[InvitableOwner]:
    """Live owners (of live shops) that can be invited to the event, filtered, one page.

    ``text`` matches the owner (name, pinyin, initials, mobile, WeChat) or their shop
    (name, pinyin, code, phone). ``level`` keeps one relationship level, ``min_level``
    that level and stronger; ``county_id`` and ``rep_id`` go through the owner's shop.
    ``order_by`` is a key of ``OWNER_SORT_KEYS``; ties by name pinyin and id.
    """
    params: dict[str, Any] = {}
    where = _owner_where(
        params,
        event_id=event_id,
        text=text,
        level=level,
        min_level=min_level,
        county_id=county_id,
        rep_id=rep_id,
        include_invited=include_invited,
    )
    order = _order(OWNER_SORT_KEYS, order_by, descending, "o.search_pinyin, o.id")
    invited = (
        "o.id IN (SELECT i.owner_id FROM invitations i WHERE i.event_id = :event"
        " AND i.deleted = 0 AND i.owner_id IS NOT NULL)"
        if include_invited
        else "0"
    )
    sql = f"""
        SELECT o.id, o.name, s.id, s.name, c.name, o.level, o.mobile, {invited}
        FROM owners o
        JOIN shops s ON s.id = o.shop_id
        LEFT JOIN counties c ON c.id = s.county_id
        WHERE {where}
        ORDER BY {order}
        {_page(limit, offset, params)}
    """
    return [
        InvitableOwner(
            id=r[0],
            name=r[1],
            shop_id=r[2],
            shop_name=r[3],
            county_name=r[4],
            level=r[5],
            mobile=r[6],
            invited=bool(r[7]),
        )
        for r in _rows(db, sql, params)
    ]


def invitable_owner_count(
    db: Sql,
    *,
    event_id: str,
    text: str | None = None,
    level: int | None = None,
    min_level: int | None = None,
    county_id: str | None = None,
    rep_id: str | None = None,
    include_invited: bool = False,
) -> int:
    """How many owners :func:`invitable_owners` lists with the same filters and no limit."""
    params: dict[str, Any] = {}
    where = _owner_where(
        params,
        event_id=event_id,
        text=text,
        level=level,
        min_level=min_level,
        county_id=county_id,
        rep_id=rep_id,
        include_invited=include_invited,
    )
    sql = f"SELECT count(*) FROM owners o JOIN shops s ON s.id = o.shop_id WHERE {where}"
    return int(_rows(db, sql, params)[0][0])


def kocs_found(db: Sql, *, event_id: str) -> list[FoundKoc]:
    """Live KOCs found at the event (their ``source_event_id``), newest first."""
    sql = """
        SELECT k.id, k.name, k.mobile, k.stage, c.name, k.created_at
        FROM kocs k LEFT JOIN counties c ON c.id = k.county_id
        WHERE k.source_event_id = :event AND k.deleted = 0
        ORDER BY k.created_at DESC, k.id
    """
    return [
        FoundKoc(
            id=r[0],
            name=r[1],
            mobile=r[2],
            stage=_enum(KocStage, r[3]),
            county_name=r[4],
            created_at=_dt(r[5]),
        )
        for r in _rows(db, sql, {"event": event_id})
    ]


# --------------------------------------------------------------------------- overlaps


def overlapping_events(
    db: Sql,
    *,
    starts_at: datetime,
    ends_at: datetime,
    rep_id: str | None = None,
    venue_shop_id: str | None = None,
    exclude_event_id: str | None = None,
    include_cancelled: bool = False,
) -> list[Overlap]:
    """Live events overlapping ``[starts_at, ends_at)`` run by ``rep_id`` or held at
    ``venue_shop_id`` (either or both), for the double-booking warnings; by start.

    Touching intervals do not overlap (one ends at 20:00, the next starts at 20:00).
    Cancelled events are left out unless ``include_cancelled``; ``exclude_event_id`` is
    the event being edited. With neither ``rep_id`` nor ``venue_shop_id`` the answer is
    empty, and so it is for an empty or reversed range.
    """
    if (rep_id is None and venue_shop_id is None) or ends_at <= starts_at:
        return []
    params: dict[str, Any] = {
        "start": _utc(starts_at),
        "end": _utc(ends_at),
        "rep": rep_id,
        "venue": venue_shop_id,
    }
    who = []
    if rep_id is not None:
        who.append("e.rep_id = :rep")
    if venue_shop_id is not None:
        who.append("e.venue_shop_id = :venue")
    where = [
        "e.deleted = 0",
        "e.starts_at < :end",
        "e.ends_at > :start",
        "(" + " OR ".join(who) + ")",
    ]
    if not include_cancelled:
        where.append("e.status != 'cancelled'")
    if exclude_event_id is not None:
        where.append("e.id != :exclude")
        params["exclude"] = exclude_event_id
    sql = f"""
        SELECT e.id, e.title, e.kind, e.status, e.starts_at, e.ends_at, e.venue_shop_id,
               s.name, e.rep_id,
               coalesce(e.rep_id = :rep, 0), coalesce(e.venue_shop_id = :venue, 0)
        FROM events e
        LEFT JOIN shops s ON s.id = e.venue_shop_id AND s.deleted = 0
        WHERE {" AND ".join(where)}
        ORDER BY e.starts_at, e.id
    """
    return [
        Overlap(
            id=r[0],
            title=r[1],
            kind=_enum(EventKind, r[2]),
            status=_enum(EventStatus, r[3]),
            starts_at=_dt(r[4]),
            ends_at=_dt(r[5]),
            venue_shop_id=r[6],
            venue_name=r[7],
            rep_id=r[8],
            same_rep=bool(r[9]),
            same_venue=bool(r[10]),
        )
        for r in _rows(db, sql, params)
    ]
