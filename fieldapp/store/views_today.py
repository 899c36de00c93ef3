"""What the Today page shows: the rep's day, on one screen.

Queries (each one SQL statement, fast on a team-scale store; each takes the store's
``db`` plus keyword arguments and returns frozen dataclasses):

* :func:`planned_visits` — a rep's visits planned for a day, with their progress;
* :func:`returned_visits` — visits a supervisor sent back, with the comment;
* :func:`quiet_owners` — owners with no interaction for 30+ days, strongest first;
* :func:`kocs_to_follow_up` — KOCs gone quiet, or spotted without consent;
* :func:`upcoming_events` — a rep's events in the next 14 days;
* :func:`overdue_by_tier` — the most overdue shops per tier with the counts
  (:mod:`fieldapp.store.metrics` rules).

Lists that a table can sort take ``order`` (a key from the function's whitelist, see
``*_ORDERS``; anything else raises ``ValueError``, so no caller text reaches the SQL),
``descending``, ``limit`` and ``offset``, and have a ``count_*`` twin.
:mod:`fieldapp.store.views_visits` re-exports all of it: this module is apart only
because the Today page is the first screen. For the same reason its rows are
NamedTuples (immutable like the other views' frozen dataclasses): making a frozen
dataclass costs about half a millisecond at import, a NamedTuple a tenth of that.

Days are Beijing days: stored UTC datetimes are turned into calendar dates with
``utc_offset`` (default :data:`fieldapp.kinds.BUSINESS_UTC_OFFSET`), and time never comes
from the clock — callers pass ``day`` / ``today``.

Threading: these functions run SQL on the connection they are given; call them on the
thread that owns that store. The rows they return are immutable and safe to hand to
another thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, NamedTuple, TypeVar

from ..kinds import BUSINESS_UTC_OFFSET, EventKind, EventStatus, KocStage, ReviewStatus, Tier
from . import overdue
from .days import local_modifier, utc_bound
from .db import Sql

_T = TypeVar("_T")

__all__ = [
    "EVENT_ORDERS",
    "FOLLOW_UP_ORDERS",
    "PLANNED_ORDERS",
    "QUIET_DAYS",
    "QUIET_ORDERS",
    "RETURNED_ORDERS",
    "UPCOMING_DAYS",
    "FollowUpKoc",
    "FollowUpReason",
    "OverdueByTier",
    "PlannedVisit",
    "Progress",
    "QuietOwner",
    "ReturnedVisit",
    "Rows",
    "UpcomingEvent",
    "count_kocs_to_follow_up",
    "count_planned_visits",
    "count_quiet_owners",
    "count_returned_visits",
    "count_upcoming_events",
    "kocs_to_follow_up",
    "overdue_by_tier",
    "plan_kept",
    "planned_visits",
    "quiet_owners",
    "returned_visits",
    "upcoming_events",
]

#: Days without an interaction (owner) or a touch (KOC) after which they count as quiet.
QUIET_DAYS = 30
#: How far ahead "upcoming" events reach, today included.
UPCOMING_DAYS = 14


# --------------------------------------------------------------------------- rows


class Progress(StrEnum):
    """Where a visit stands on the day: not started, checked in, checked out."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


def _progress(checkin_at: datetime | None, checkout_at: datetime | None) -> Progress:
    if checkout_at is not None:
        return Progress.DONE
    if checkin_at is not None:
        return Progress.IN_PROGRESS
    return Progress.NOT_STARTED


class FollowUpReason(StrEnum):
    #: Introduced or experienced, and not touched for ``days`` days or more.
    QUIET = "quiet"
    #: Spotted, and consent to be contacted not recorded yet.
    NO_CONSENT = "no_consent"


class PlannedVisit(NamedTuple):
    visit_id: str
    shop_id: str
    shop_name: str
    tier: Tier
    planned_date: date
    checkin_at: datetime | None
    checkout_at: datetime | None
    review_status: ReviewStatus
    progress: Progress


class ReturnedVisit(NamedTuple):
    visit_id: str
    shop_id: str
    shop_name: str
    tier: Tier
    #: Beijing date of the check-in, else the planned date.
    visit_date: date | None
    supervisor_comment: str | None
    reviewed_at: datetime | None


class QuietOwner(NamedTuple):
    owner_id: str
    name: str
    mobile: str | None
    level: int
    shop_id: str
    shop_name: str
    tier: Tier
    #: Latest live interaction on or before ``today``; None: never.
    last_date: date | None
    #: ``today - last_date`` in days; None when never.
    days_since: int | None


class FollowUpKoc(NamedTuple):
    koc_id: str
    name: str
    mobile: str | None
    stage: KocStage
    consent: bool
    trait_score: int
    #: The KOC's first linked shop (by introduction date), if any.
    shop_name: str | None
    #: Beijing date of the last touch: the KOC row's or one of its invitations' last change.
    last_touch: date
    days_since: int
    reason: FollowUpReason


class UpcomingEvent(NamedTuple):
    event_id: str
    title: str
    kind: EventKind
    status: EventStatus
    starts_at: datetime
    ends_at: datetime
    #: The venue shop's name, else the free-text venue note.
    venue: str | None
    capacity: int | None
    #: Live invitations of any status, and of them the confirmed ones.
    invited: int
    confirmed: int


@dataclass(frozen=True)
class OverdueByTier:
    """Overdue shops per tier (the counts) and the most overdue few of each tier."""

    report: overdue.OverdueReport
    #: Up to ``per_tier`` shops of each tier, tier A first, most overdue first.
    rows: tuple[overdue.OverdueShop, ...]

    def count(self, tier: Tier | str) -> int:
        return self.report.tier(tier).overdue


class Rows(list[_T]):
    """A page of rows; ``total`` is how many rows the whole list has, when the query was
    asked to count them too (``with_total=True``: one pass instead of a second query)."""

    total: int | None = None


# --------------------------------------------------------------------------- helpers


def _dt(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text.replace("Z", "+00:00"))


def _d(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text[:10])


def _order_sql(
    orders: Mapping[str, str], order: str | None, descending: bool, default: str, tie: str
) -> str:
    """``ORDER BY`` text from a whitelisted key; the key never reaches the SQL itself."""
    if order is None:
        return f"ORDER BY {default}"
    try:
        expr = orders[order]
    except KeyError:
        raise ValueError(f"unknown sort key {order!r}; expected one of {sorted(orders)}") from None
    return f"ORDER BY {expr} {'DESC' if descending else 'ASC'}, {tie}"


def _page(params: dict[str, Any], limit: int | None, offset: int) -> str:
    params["limit"] = -1 if limit is None else limit
    params["offset"] = offset
    return "LIMIT :limit OFFSET :offset"


#: The column a list query adds when asked to count the whole list in the same pass
#: (window functions are computed before ORDER BY and LIMIT).
_TOTAL = ", count(*) OVER () AS total"


def _with_total(out: Rows[_T], rows: list[tuple[Any, ...]], asked: bool, offset: int) -> Rows[_T]:
    if asked:
        # No row on this page: the list has at most ``offset`` rows (0 when offset is 0).
        out.total = int(rows[0][-1]) if rows else (0 if offset == 0 else None)
    return out


def _rows(db: Sql, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    return list(db.execute(sql, dict(params)).fetchall())


def _count(db: Sql, sql: str, params: Mapping[str, Any]) -> int:
    return int(db.execute(f"SELECT count(*) FROM ({sql})", dict(params)).fetchone()[0])


# --------------------------------------------------------------------------- planned visits

_PROGRESS_SQL = (
    "CASE WHEN v.checkout_at IS NOT NULL THEN 2 WHEN v.checkin_at IS NOT NULL THEN 1 ELSE 0 END"
)

#: Sort keys of :func:`planned_visits`.
PLANNED_ORDERS: dict[str, str] = {
    "shop": "s.name",
    "tier": "s.tier",
    "progress": _PROGRESS_SQL,
    "checkin": "v.checkin_at",
}


def _planned_sql(day: date, rep_id: str | None) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"day": day.isoformat()}
    where = ["v.deleted = 0", "s.deleted = 0", "v.planned_date = :day"]
    if rep_id is not None:
        where.append("v.rep_id = :rep")
        params["rep"] = rep_id
    sql = f"""
        SELECT v.id, v.shop_id, s.name, s.tier, v.planned_date, v.checkin_at, v.checkout_at,
               v.review_status
        FROM visits v JOIN shops s ON s.id = v.shop_id
        WHERE {" AND ".join(where)}
    """
    return sql, params


def planned_visits(
    db: Sql,
    *,
    day: date,
    rep_id: str | None,
    order: str | None = None,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[PlannedVisit]:
    """Live visits planned for ``day`` (of ``rep_id``; None: everyone's) at live shops.

    Default order is the day as it goes: visits already started in check-in order, then
    the ones not started yet by tier (A first) and shop name.
    """
    sql, params = _planned_sql(day, rep_id)
    sql += _order_sql(
        PLANNED_ORDERS,
        order,
        descending,
        "v.checkin_at IS NULL, v.checkin_at, s.tier, s.name, v.id",
        "s.name, v.id",
    )
    sql += " " + _page(params, limit, offset)
    return [
        PlannedVisit(
            visit_id=vid,
            shop_id=sid,
            shop_name=name,
            tier=Tier(tier),
            planned_date=date.fromisoformat(planned),
            checkin_at=_dt(cin),
            checkout_at=_dt(cout),
            review_status=ReviewStatus(status),
            progress=_progress(_dt(cin), _dt(cout)),
        )
        for vid, sid, name, tier, planned, cin, cout, status in _rows(db, sql, params)
    ]


def count_planned_visits(db: Sql, *, day: date, rep_id: str | None) -> int:
    sql, params = _planned_sql(day, rep_id)
    return _count(db, sql, params)


def plan_kept(db: Sql, *, rep_id: str, since: date, until: date) -> tuple[int, int]:
    """PJP compliance of a rep over ``since..until`` (planned days, inclusive): the live
    visits planned, and of them those kept, which counts only with both check-in and
    check-out. The same numbers as ``metrics.rep_weeks``' planned and kept (summed), here
    for the first screen, which does not load the metrics module."""
    row = db.execute(
        "SELECT count(*), coalesce(sum(checkin_at IS NOT NULL AND checkout_at IS NOT NULL), 0)"
        " FROM visits WHERE rep_id = ? AND deleted = 0 AND planned_date >= ?"
        " AND planned_date <= ?",
        [rep_id, since.isoformat(), until.isoformat()],
    ).fetchone()
    return int(row[0]), int(row[1])


# --------------------------------------------------------------------------- returned visits

#: Sort keys of :func:`returned_visits`.
RETURNED_ORDERS: dict[str, str] = {
    "shop": "s.name",
    "tier": "s.tier",
    "visit_date": "visit_date",
    "reviewed": "v.reviewed_at",
}


def _returned_sql(
    rep_id: str | None, utc_offset: timedelta, total: bool = False
) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"modifier": local_modifier(utc_offset)}
    where = ["v.deleted = 0", "s.deleted = 0", "v.review_status = 'returned'"]
    if rep_id is not None:
        where.append("v.rep_id = :rep")
        params["rep"] = rep_id
    sql = f"""
        SELECT v.id, v.shop_id, s.name, s.tier,
               coalesce(date(v.checkin_at, :modifier), v.planned_date) AS visit_date,
               v.supervisor_comment, v.reviewed_at{_TOTAL if total else ""}
        FROM visits v JOIN shops s ON s.id = v.shop_id
        WHERE {" AND ".join(where)}
    """
    return sql, params


def returned_visits(
    db: Sql,
    *,
    rep_id: str | None,
    order: str | None = None,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
    utc_offset: timedelta = BUSINESS_UTC_OFFSET,
    with_total: bool = False,
) -> Rows[ReturnedVisit]:
    """Live visits (of ``rep_id``) a supervisor returned; by default the latest review first."""
    sql, params = _returned_sql(rep_id, utc_offset, with_total)
    sql += _order_sql(
        RETURNED_ORDERS,
        order,
        descending,
        "v.reviewed_at IS NULL, v.reviewed_at DESC, visit_date DESC, v.id",
        "v.id",
    )
    sql += " " + _page(params, limit, offset)
    rows = _rows(db, sql, params)
    out: Rows[ReturnedVisit] = Rows(
        ReturnedVisit(
            visit_id=vid,
            shop_id=sid,
            shop_name=name,
            tier=Tier(tier),
            visit_date=_d(vdate),
            supervisor_comment=comment,
            reviewed_at=_dt(reviewed),
        )
        for vid, sid, name, tier, vdate, comment, reviewed, *_ in rows
    )
    return _with_total(out, rows, with_total, offset)


def count_returned_visits(
    db: Sql, *, rep_id: str | None, utc_offset: timedelta = BUSINESS_UTC_OFFSET
) -> int:
    sql, params = _returned_sql(rep_id, utc_offset)
    return _count(db, sql, params)


# --------------------------------------------------------------------------- quiet owners

#: Sort keys of :func:`quiet_owners`.
QUIET_ORDERS: dict[str, str] = {
    "name": "name",
    "shop": "shop_name",
    "level": "level",
    "last_date": "last_date",
}


def _quiet_sql(
    today: date, rep_id: str | None, days: int, total: bool = False
) -> tuple[str, dict[str, Any]]:
    if days < 1:
        raise ValueError("days must be at least 1")
    params: dict[str, Any] = {
        "today": today.isoformat(),
        "cutoff": (today - timedelta(days=days)).isoformat(),
    }
    where = ["o.deleted = 0", "s.deleted = 0"]
    if rep_id is not None:
        where.append("s.rep_id = :rep")
        params["rep"] = rep_id
    # MATERIALIZED: the last interaction is looked up once per owner (SQLite would copy
    # the subquery into the filter and the sort and run it there again).
    sql = f"""
        WITH q AS MATERIALIZED (
            SELECT o.id, o.name AS name, o.mobile, o.level AS level, s.id AS shop_id,
                   s.name AS shop_name, s.tier,
                   (SELECT max(i.date) FROM interactions i
                    WHERE i.owner_id = o.id AND i.deleted = 0 AND i.date <= :today) AS last_date
            FROM owners o JOIN shops s ON s.id = o.shop_id
            WHERE {" AND ".join(where)}
        )
        SELECT *{_TOTAL if total else ""} FROM q
        WHERE last_date IS NULL OR last_date <= :cutoff
    """
    return sql, params


def quiet_owners(
    db: Sql,
    *,
    today: date,
    rep_id: str | None,
    days: int = QUIET_DAYS,
    order: str | None = None,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
    with_total: bool = False,
) -> Rows[QuietOwner]:
    """Owners (of live shops; ``rep_id`` through the shop) with no interaction in the last
    ``days`` days — none dated in ``(today - days, today]``, the metrics window rule.

    Default order puts the relationships that matter most first: highest level, then
    never contacted, then longest quiet, then name.
    """
    sql, params = _quiet_sql(today, rep_id, days, with_total)
    sql += _order_sql(
        QUIET_ORDERS,
        order,
        descending,
        "level DESC, last_date IS NOT NULL, last_date, name, 1",
        "name, 1",
    )
    sql += " " + _page(params, limit, offset)
    rows = _rows(db, sql, params)
    out: Rows[QuietOwner] = Rows()
    for oid, name, mobile, level, sid, shop_name, tier, last, *_ in rows:
        last_date = _d(last)
        out.append(
            QuietOwner(
                owner_id=oid,
                name=name,
                mobile=mobile,
                level=level,
                shop_id=sid,
                shop_name=shop_name,
                tier=Tier(tier),
                last_date=last_date,
                days_since=None if last_date is None else (today - last_date).days,
            )
        )
    return _with_total(out, rows, with_total, offset)


def count_quiet_owners(db: Sql, *, today: date, rep_id: str | None, days: int = QUIET_DAYS) -> int:
    sql, params = _quiet_sql(today, rep_id, days)
    return _count(db, sql, params)


# --------------------------------------------------------------------------- KOCs to follow up

#: Sort keys of :func:`kocs_to_follow_up`.
FOLLOW_UP_ORDERS: dict[str, str] = {
    "name": "name",
    "stage": "stage_rank",
    "last_touch": "last_touch",
    "score": "score",
    "shop": "shop_name",
}


def _follow_up_sql(
    today: date, rep_id: str | None, days: int, utc_offset: timedelta, total: bool = False
) -> tuple[str, dict[str, Any]]:
    if days < 1:
        raise ValueError("days must be at least 1")
    params: dict[str, Any] = {
        "modifier": local_modifier(utc_offset),
        "cutoff": (today - timedelta(days=days)).isoformat(),
    }
    where = ["k.deleted = 0", "k.stage IN ('spotted', 'introduced', 'experienced')"]
    if rep_id is not None:
        where.append("k.rep_id = :rep")
        params["rep"] = rep_id
    # The last touch is the latest change to the KOC or to one of its invitations
    # (invited, confirmed, attended…): both mean the rep dealt with this person.
    # MATERIALIZED: SQLite would otherwise copy the invitations subquery into each
    # place ``last_touch`` is used and run it again there.
    sql = f"""
        WITH c AS MATERIALIZED (
            SELECT k.id, k.name AS name, k.mobile, k.stage, k.consent,
                   k.trait_acquaintances + k.trait_trying + k.trait_sharing
                       + k.trait_expertise AS score,
                   date(max(k.updated_at, coalesce(
                       (SELECT max(i.updated_at) FROM invitations i
                        WHERE i.koc_id = k.id AND i.deleted = 0), '')), :modifier) AS last_touch,
                   CASE k.stage WHEN 'experienced' THEN 0 WHEN 'introduced' THEN 1 ELSE 2 END
                       AS stage_rank
            FROM kocs k
            WHERE {" AND ".join(where)}
        )
        SELECT *{_TOTAL if total else ""} FROM c
        WHERE (stage = 'spotted' AND consent = 0)
           OR (stage IN ('introduced', 'experienced') AND last_touch <= :cutoff)
    """
    return sql, params


def kocs_to_follow_up(
    db: Sql,
    *,
    today: date,
    rep_id: str | None,
    days: int = QUIET_DAYS,
    order: str | None = None,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
    utc_offset: timedelta = BUSINESS_UTC_OFFSET,
    with_total: bool = False,
) -> Rows[FollowUpKoc]:
    """Live KOCs (``kocs.rep_id``) that need the rep: introduced or experienced ones not
    touched in the last ``days`` days (last touch on or before ``today - days``), and
    spotted ones whose consent is not recorded yet.

    Default order: the quiet ones first (they are further along the funnel and slipping
    away; experienced before introduced), then the spotted ones; within each, the
    longest untouched first, then name.
    """
    found, params = _follow_up_sql(today, rep_id, days, utc_offset, with_total)
    order_sql = _order_sql(
        FOLLOW_UP_ORDERS,
        order,
        descending,
        "stage_rank, last_touch, name, 1",
        "name, 1",
    )
    page = _page(params, limit, offset)
    # The shop's name (the first shop that introduced the KOC) is looked up for the
    # page's rows only, unless the list is sorted by it.
    total = ", f.total" if with_total else ""
    select = f"""
        SELECT f.id, f.name AS name, f.mobile, f.stage, f.consent, f.score,
               (SELECT s.name FROM koc_shops ks JOIN shops s ON s.id = ks.shop_id
                WHERE ks.koc_id = f.id AND ks.deleted = 0 AND s.deleted = 0
                ORDER BY ks.introduced_at IS NULL, ks.introduced_at, ks.rowid
                LIMIT 1) AS shop_name,
               f.last_touch AS last_touch, f.stage_rank AS stage_rank{total}
    """
    if order == "shop":
        sql = f"{select} FROM ({found}) f {order_sql} {page}"
    else:
        sql = f"{select} FROM ({found} {order_sql} {page}) f {order_sql}"
    rows = _rows(db, sql, params)
    out: Rows[FollowUpKoc] = Rows()
    for kid, name, mobile, stage, consent, score, shop, touch, _rank, *_ in rows:
        last_touch = date.fromisoformat(touch)
        k_stage = KocStage(stage)
        out.append(
            FollowUpKoc(
                koc_id=kid,
                name=name,
                mobile=mobile,
                stage=k_stage,
                consent=bool(consent),
                trait_score=score,
                shop_name=shop,
                last_touch=last_touch,
                days_since=(today - last_touch).days,
                reason=FollowUpReason.NO_CONSENT
                if k_stage is KocStage.SPOTTED
                else FollowUpReason.QUIET,
            )
        )
    return _with_total(out, rows, with_total, offset)


def count_kocs_to_follow_up(
    db: Sql,
    *,
    today: date,
    rep_id: str | None,
    days: int = QUIET_DAYS,
    utc_offset: timedelta = BUSINESS_UTC_OFFSET,
) -> int:
    sql, params = _follow_up_sql(today, rep_id, days, utc_offset)
    return _count(db, sql, params)


# --------------------------------------------------------------------------- upcoming events

#: Sort keys of :func:`upcoming_events`.
EVENT_ORDERS: dict[str, str] = {
    "starts": "e.starts_at",
    "title": "e.title",
    "kind": "e.kind",
    "invited": "invited",
}


def _events_sql(
    today: date, rep_id: str | None, days: int, utc_offset: timedelta
) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {
        "start": utc_bound(today, utc_offset),
        "end": utc_bound(today + timedelta(days=days), utc_offset),
    }
    where = [
        "e.deleted = 0",
        "e.status != 'cancelled'",
        "e.starts_at >= :start",
        "e.starts_at < :end",
    ]
    if rep_id is not None:
        where.append("e.rep_id = :rep")
        params["rep"] = rep_id
    sql = f"""
        SELECT e.id, e.title, e.kind, e.status, e.starts_at, e.ends_at,
               coalesce(
                   (SELECT s.name FROM shops s WHERE s.id = e.venue_shop_id AND s.deleted = 0),
                   e.venue_note) AS venue,
               e.capacity,
               (SELECT count(*) FROM invitations i
                WHERE i.event_id = e.id AND i.deleted = 0) AS invited,
               (SELECT count(*) FROM invitations i
                WHERE i.event_id = e.id AND i.deleted = 0 AND i.status = 'confirmed')
        FROM events e
        WHERE {" AND ".join(where)}
    """
    return sql, params


def upcoming_events(
    db: Sql,
    *,
    today: date,
    rep_id: str | None,
    days: int = UPCOMING_DAYS,
    order: str | None = None,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
    utc_offset: timedelta = BUSINESS_UTC_OFFSET,
) -> list[UpcomingEvent]:
    """Live, not cancelled events (``events.rep_id``) starting on a local day in
    ``[today, today + days)`` — today and the next ``days - 1`` days; soonest first."""
    sql, params = _events_sql(today, rep_id, days, utc_offset)
    sql += _order_sql(EVENT_ORDERS, order, descending, "e.starts_at, e.id", "e.starts_at, e.id")
    sql += " " + _page(params, limit, offset)
    return [
        UpcomingEvent(
            event_id=eid,
            title=title,
            kind=EventKind(kind),
            status=EventStatus(status),
            starts_at=datetime.fromisoformat(starts),
            ends_at=datetime.fromisoformat(ends),
            venue=venue,
            capacity=capacity,
            invited=invited,
            confirmed=confirmed,
        )
        for eid, title, kind, status, starts, ends, venue, capacity, invited, confirmed in _rows(
            db, sql, params
        )
    ]


def count_upcoming_events(
    db: Sql,
    *,
    today: date,
    rep_id: str | None,
    days: int = UPCOMING_DAYS,
    utc_offset: timedelta = BUSINESS_UTC_OFFSET,
) -> int:
    sql, params = _events_sql(today, rep_id, days, utc_offset)
    return _count(db, sql, params)


# --------------------------------------------------------------------------- overdue shops


def overdue_by_tier(
    db: Sql,
    *,
    today: date,
    rep_id: str | None,
    per_tier: int = 5,
    utc_offset: timedelta = BUSINESS_UTC_OFFSET,
) -> OverdueByTier:
    """Overdue shops per tier (counts) and the ``per_tier`` most overdue of each tier.

    The rule is :func:`fieldapp.store.metrics.overdue_shops`' (A 7, B 14, C 30 days,
    never-visited shops first).
    """
    report = overdue.overdue_shops(db, today=today, rep_id=rep_id, utc_offset=utc_offset)
    rows = overdue.overdue_shop_rows(
        db, today=today, rep_id=rep_id, limit=None, utc_offset=utc_offset
    )
    picked: list[overdue.OverdueShop] = []
    for tier in Tier:
        picked += [r for r in rows if r.tier is tier][:per_tier]
    return OverdueByTier(report=report, rows=tuple(picked))
