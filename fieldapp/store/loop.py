"""What each step of the B→KOC→C chain paid back (issue 18): attribution and ROI in SQL.

The rules (docs/attribution.md says the same for people; tests/fieldapp/test_loop.py holds
the SQL to a plain-Python reference on random stores and to known answers on fixtures):

* **Shop.** A live cloud-store order belongs to its shop.
* **KOC.** A person's attribution by hand (``cloud_orders.koc_id``) comes first; else the
  live KOC whose referral code equals the order's (without regard to case); else the live
  KOC with recorded consent whose mobile equals the order's buyer reference. A code or a
  number that matches two KOCs attributes to neither (``ambiguous`` is never guessed).
* **Group.** A person's attribution by hand (``cloud_orders.group_id``) comes first; else
  the one live community group whose name equals the order's group name.
* **The KOCs behind an order**: its KOC and the admin KOC of its group.
* **Event.** A KOC attended an event when their invitation is ``attended`` (a banquet's
  host KOC attended it too) and the event is live and not cancelled. An order belongs to
  the latest event (by start, then id) that one of its KOCs attended, started at most
  :data:`MAX_WINDOW` days before the order (last touch).
* **Per event** (events starting in the period): attendees (attended invitations, KOCs and
  owners, plus a banquet host not invited); KOCs found there (``kocs.source_event_id``);
  pushes that followed: live pushes naming the event, or by an attendee dated from the
  event's Beijing day to 7 days after; orders and revenue of the orders belonging to it
  within 30, 60 and 90 days of its start; cost (the sum of its cost fields; None when none
  is given); converted: attendee KOCs behind an order belonging to it within the chosen
  window; conversion = converted ÷ attendees; cost per converted KOC; revenue per ¥.
* **Per KOC**: events attended, pushes, orders driven (orders they are behind), revenue.
* **Per shop**: its orders and revenue, and those driven by its KOCs (a KOC linked to the
  shop behind the order).
* **Funnel** of a period: KOCs who attended an event in it (experienced), those of them
  who pushed in it on or after an event they attended (pushed), and those of these behind
  an order in it after the event (ordered).
A ratio with a zero denominator is None. Days are Beijing days (UTC+8).
Threading: runs SQL on ``db``'s connection; call it on the thread that owns it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ..kinds import BUSINESS_UTC_OFFSET, format_datetime
from .db import Sql

__all__ = [
    "MAX_WINDOW",
    "PUSH_DAYS",
    "WINDOWS",
    "Attribution",
    "EventPayback",
    "Funnel",
    "KindRoi",
    "KocPayback",
    "PushRow",
    "ShopPayback",
    "attended_events",
    "attributions",
    "county_revenue",
    "event_payback",
    "funnel",
    "groups_of",
    "koc_payback",
    "pushes",
    "roi_by_kind",
    "shop_payback",
    "unattributed",
]

#: The windows (days after an event's start) orders are counted in.
WINDOWS: tuple[int, ...] = (30, 60, 90)
MAX_WINDOW = max(WINDOWS)
#: Days after an event's day that an attendee's push counts as following it.
PUSH_DAYS = 7

# The attribution, once: ``ord`` (live orders with their KOC, how, and group), ``okoc``
# (the KOCs behind each order), ``att`` (who attended which event), ``oev`` (each
# order's event). An order's attribution depends on that order alone, so a caller that
# needs some orders only (a period, one KOC's, one shop's) limits ``raw`` to them
# (:func:`_cte`'s ``orders``): the same answers, without attributing every order. Each
# lookup is an index search (migration 0028: ``lower(referrer_code)`` of KOCs and
# orders, group names, order times).
_CTE = f"""
WITH raw AS (
    SELECT o.id, o.order_no, o.ordered_at, o.shop_id, o.amount, o.koc_id AS hand_koc,
           o.group_id AS hand_group,
           (SELECT CASE WHEN count(*) = 1 THEN min(k.id) END FROM kocs k
             WHERE k.deleted = 0 AND o.referrer_code IS NOT NULL
               AND lower(k.referrer_code) = lower(o.referrer_code)) AS ref_koc,
           (SELECT CASE WHEN count(*) = 1 THEN min(k.id) END FROM kocs k
             WHERE k.deleted = 0 AND k.consent = 1 AND o.buyer_ref IS NOT NULL
               AND k.mobile = o.buyer_ref) AS phone_koc,
           (SELECT CASE WHEN count(*) = 1 THEN min(g.id) END FROM community_groups g
             WHERE g.deleted = 0 AND o.group_name IS NOT NULL
               AND g.name = trim(o.group_name)) AS named_group
      FROM cloud_orders o WHERE o.deleted = 0 {{orders}}
),
ord AS MATERIALIZED (
    SELECT id, order_no, ordered_at, shop_id, amount,
           coalesce(hand_koc, ref_koc, phone_koc) AS koc_id,
           CASE WHEN hand_koc IS NOT NULL THEN 'hand' WHEN ref_koc IS NOT NULL THEN 'referrer'
                WHEN phone_koc IS NOT NULL THEN 'phone' END AS koc_how,
           coalesce(hand_group, named_group) AS group_id
      FROM raw
),
okoc AS MATERIALIZED (
    SELECT id AS order_id, koc_id, ordered_at, amount FROM ord WHERE koc_id IS NOT NULL
    UNION
    SELECT o.id, g.admin_koc_id, o.ordered_at, o.amount FROM ord o
      JOIN community_groups g ON g.id = o.group_id AND g.deleted = 0
      JOIN kocs a ON a.id = g.admin_koc_id AND a.erased_at IS NULL
),
att AS MATERIALIZED (
    SELECT i.koc_id, e.id AS event_id, e.starts_at FROM invitations i
      JOIN events e ON e.id = i.event_id AND e.deleted = 0 AND e.status != 'cancelled'
     WHERE i.deleted = 0 AND i.status = 'attended' AND i.koc_id IS NOT NULL
    UNION
    SELECT e.host_koc_id, e.id, e.starts_at FROM events e
     WHERE e.deleted = 0 AND e.status != 'cancelled' AND e.host_koc_id IS NOT NULL
),
touch AS MATERIALIZED (
    SELECT order_id, event_id FROM (
        SELECT x.order_id, a.event_id,
               row_number() OVER (PARTITION BY x.order_id
                                  ORDER BY a.starts_at DESC, a.event_id DESC) AS n
          FROM okoc x CROSS JOIN att a ON a.koc_id = x.koc_id AND a.starts_at <= x.ordered_at
         WHERE julianday(x.ordered_at) - julianday(a.starts_at) < {MAX_WINDOW})
     WHERE n = 1
),
oev AS MATERIALIZED (
    -- ord with each order's event: grouped, not joined (a join of two CTEs is fast only
    -- when the planner chooses to index one, and it does not always).
    SELECT order_id, max(order_no) AS order_no, max(ordered_at) AS ordered_at,
           max(shop_id) AS shop_id, max(amount) AS amount, max(koc_id) AS koc_id,
           max(koc_how) AS koc_how, max(group_id) AS group_id, max(event_id) AS event_id
      FROM (SELECT id AS order_id, order_no, ordered_at, shop_id, amount, koc_id, koc_how,
                   group_id, NULL AS event_id FROM ord
            UNION ALL
            SELECT order_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, event_id FROM touch)
     GROUP BY order_id
)
"""

# The orders one KOC can be behind: attributed to them by hand, their referral code, their
# number (with consent), or a group they run (by hand or by its name). A superset: the
# rules above then decide.
_KOC_ORDERS = """AND (o.koc_id = :koc
     OR lower(o.referrer_code) = (SELECT lower(k.referrer_code) FROM kocs k
                                   WHERE k.id = :koc AND k.deleted = 0)
     OR o.buyer_ref = (SELECT k.mobile FROM kocs k
                        WHERE k.id = :koc AND k.deleted = 0 AND k.consent = 1)
     OR o.group_id IN (SELECT g.id FROM community_groups g WHERE g.admin_koc_id = :koc)
     OR trim(o.group_name) IN (SELECT g.name FROM community_groups g
                                WHERE g.admin_koc_id = :koc AND g.deleted = 0))"""


def _cte(orders: str = "") -> str:
    """The attribution's CTE over the live orders, limited by ``orders`` (SQL on ``o``,
    named parameters)."""
    return _CTE.replace("{orders}", orders)


def _orders_between(
    since: date | None, until: date | None, *, after: int = 0
) -> tuple[str, dict[str, Any]]:
    """SQL on ``o`` keeping orders from Beijing day ``since`` to ``until`` plus ``after``
    days (named parameters)."""
    where, params = "", {}
    if since is not None:
        where += " AND o.ordered_at >= :o_from"
        params["o_from"] = _utc_bound(since)
    if until is not None:
        where += " AND o.ordered_at < :o_to"
        params["o_to"] = _utc_bound(until + timedelta(days=1 + after))
    return where, params


_OFFSET = f"'+{int(BUSINESS_UTC_OFFSET.total_seconds())} seconds'"


def _ratio(num: float, den: float | None) -> float | None:
    return None if not den else num / den


def _utc_bound(day: date) -> str:
    """The UTC text of 00:00 Beijing time on ``day`` (stored datetimes compare as text)."""
    return format_datetime(datetime(day.year, day.month, day.day, tzinfo=UTC) - BUSINESS_UTC_OFFSET)


def _event_filter(
    alias: str, county_id: str | None, product_id: str | None
) -> tuple[str, dict[str, Any]]:
    """SQL keeping the events (``alias``: a row with the event's ``id``/``event_id`` in
    ``{alias}.id``) of a county (their venue shop's, as the dashboard counts events) and
    of a product (one of the event's products); named parameters."""
    where, params = "", {}
    if county_id is not None:
        where += (
            f" AND {alias} IN (SELECT e2.id FROM events e2 JOIN shops s2"
            " ON s2.id = e2.venue_shop_id WHERE s2.county_id = :f_county)"
        )
        params["f_county"] = county_id
    if product_id is not None:
        where += (
            f" AND {alias} IN (SELECT ep.event_id FROM event_products ep"
            " WHERE ep.product_id = :f_product AND ep.deleted = 0)"
        )
        params["f_product"] = product_id
    return where, params


def _period(
    column: str, since: date | None, until: date | None, name: str = "p"
) -> tuple[str, dict[str, Any]]:
    """SQL limiting a UTC datetime ``column`` to Beijing days ``since``..``until``
    (named parameters ``{name}_from``, ``{name}_to``)."""
    where, params = "", {}
    if since is not None:
        where += f" AND {column} >= :{name}_from"
        params[f"{name}_from"] = _utc_bound(since)
    if until is not None:
        where += f" AND {column} < :{name}_to"
        params[f"{name}_to"] = _utc_bound(until + timedelta(days=1))
    return where, params


# --------------------------------------------------------------------------- orders


@dataclass(frozen=True)
class Attribution:
    """One live order with whom it belongs to (None: nobody of that kind)."""

    order_id: str
    order_no: str
    ordered_at: str
    shop_id: str
    amount: float
    koc_id: str | None
    #: ``hand``, ``referrer`` or ``phone`` (how the KOC was found), None without a KOC.
    koc_how: str | None
    group_id: str | None
    event_id: str | None


def attributions(
    db: Sql, *, orders: str = "", params: dict[str, Any] | None = None
) -> list[Attribution]:
    """Every live order's attribution (or of those ``orders`` keeps: SQL on ``o`` with
    named ``params``), newest first."""
    rows = db.execute(
        _cte(orders)
        + """
        SELECT order_id, order_no, ordered_at, shop_id, amount, koc_id, koc_how, group_id,
               event_id
          FROM oev ORDER BY ordered_at DESC, order_id""",
        params or {},
    ).fetchall()
    return [Attribution(*r) for r in rows]


def unattributed(db: Sql) -> list[Attribution]:
    """Live orders with neither a KOC nor a group, newest first (for a person to attribute)."""
    found = attributions(db, orders="AND o.koc_id IS NULL AND o.group_id IS NULL")
    return [a for a in found if a.koc_id is None and a.group_id is None]


def unattributed_count(db: Sql) -> int:
    """How many live orders have neither a KOC nor a group."""
    row = db.execute(
        _cte("AND o.koc_id IS NULL AND o.group_id IS NULL")
        + "SELECT count(*) FROM ord WHERE koc_id IS NULL AND group_id IS NULL"
    ).fetchone()
    return int(row[0])


# --------------------------------------------------------------------------- events


@dataclass(frozen=True)
class EventPayback:
    event_id: str
    title: str
    kind: str
    starts_at: str
    attendees: int
    kocs_found: int
    pushes: int
    #: Orders and revenue belonging to the event within each of :data:`WINDOWS` days.
    orders: dict[int, int]
    revenue: dict[int, float]
    cost: float | None
    #: Attendee KOCs behind an order within ``window`` days.
    converted: int
    window: int

    @property
    def conversion(self) -> float | None:
        return _ratio(self.converted, self.attendees)

    @property
    def cost_per_converted(self) -> float | None:
        return None if self.cost is None else _ratio(self.cost, self.converted)

    @property
    def revenue_per_yuan(self) -> float | None:
        return _ratio(self.revenue[self.window], self.cost)


def event_payback(
    db: Sql,
    *,
    since: date | None = None,
    until: date | None = None,
    window: int = 30,
    event_id: str | None = None,
    county_id: str | None = None,
    product_id: str | None = None,
) -> list[EventPayback]:
    """Each live, not cancelled event starting on Beijing days ``since``..``until`` (or
    the one ``event_id``; of a county, its venue shop's, or featuring a product when
    given), latest first, with what it paid back (``window``: 30/60/90)."""
    if window not in WINDOWS:
        raise ValueError(window)
    where, params = _period("e.starts_at", since, until)
    kept, kparams = _event_filter("e.id", county_id, product_id)
    where += kept
    params |= kparams
    # Only orders up to MAX_WINDOW days after the period can belong to its events.
    orders, oparams = _orders_between(since, until, after=MAX_WINDOW)
    if event_id is not None:
        where += " AND e.id = :event"
        params["event"] = event_id
        # One event: the orders of its window only.
        orders += (
            " AND o.ordered_at >= (SELECT starts_at FROM events WHERE id = :event)"
            " AND julianday(o.ordered_at)"
            f" - julianday((SELECT starts_at FROM events WHERE id = :event)) < {MAX_WINDOW}"
        )
    params |= oparams
    day = f"date(e.starts_at, {_OFFSET})"
    windows_named = ", ".join(
        f"sum(v.age < {w}) AS o{w}, sum(CASE WHEN v.age < {w} THEN v.amount ELSE 0 END) AS r{w}"
        for w in WINDOWS
    )
    picked = ", ".join(f"coalesce(n.o{w}, 0), coalesce(n.r{w}, 0)" for w in WINDOWS)
    named = ", ".join(f"o{w}, r{w}" for w in WINDOWS)
    # Each number is counted once for the chosen events (``sel``) and joined: a count per
    # event row would go through the attribution again for each event.
    sql = (
        _cte(orders)
        + f""",
    sel AS MATERIALIZED (
        SELECT e.* FROM events e WHERE e.deleted = 0 AND e.status != 'cancelled' {where}
    ),
    owners_att AS MATERIALIZED (
        SELECT DISTINCT i.owner_id, i.event_id FROM invitations i JOIN sel e ON e.id = i.event_id
         WHERE i.deleted = 0 AND i.status = 'attended' AND i.owner_id IS NOT NULL
    ),
    sel_att AS MATERIALIZED (SELECT a.* FROM att a JOIN sel e ON e.id = a.event_id),
    people AS (
        SELECT event_id, count(*) AS n FROM (
            SELECT event_id FROM sel_att UNION ALL SELECT event_id FROM owners_att)
         GROUP BY event_id
    ),
    found AS (
        SELECT k.source_event_id AS event_id, count(*) AS n FROM kocs k
          JOIN sel e ON e.id = k.source_event_id WHERE k.deleted = 0 GROUP BY k.source_event_id
    ),
    followed AS (
        SELECT event_id, count(*) AS n FROM (
            SELECT e.id AS event_id, p.id FROM sel e
              JOIN community_pushes p ON p.event_id = e.id AND p.deleted = 0
            UNION
            SELECT e.id, p.id FROM sel e JOIN sel_att a ON a.event_id = e.id
              JOIN community_pushes p ON p.koc_id = a.koc_id AND p.deleted = 0
               AND p.date BETWEEN {day} AND date({day}, '+{PUSH_DAYS} days')
            UNION
            SELECT e.id, p.id FROM sel e JOIN owners_att w ON w.event_id = e.id
              JOIN community_pushes p ON p.owner_id = w.owner_id AND p.deleted = 0
               AND p.date BETWEEN {day} AND date({day}, '+{PUSH_DAYS} days'))
         GROUP BY event_id
    ),
    ev_orders AS MATERIALIZED (
        SELECT v.event_id, v.order_id, v.amount,
               julianday(v.ordered_at) - julianday(e.starts_at) AS age
          FROM oev v JOIN sel e ON e.id = v.event_id
    ),
    won AS (
        SELECT v.event_id, {windows_named} FROM ev_orders v GROUP BY v.event_id
    ),
    converted AS (
        SELECT a.event_id, count(DISTINCT a.koc_id) AS n FROM sel_att a
          JOIN okoc x ON x.koc_id = a.koc_id
          JOIN ev_orders v ON v.order_id = x.order_id AND v.event_id = a.event_id
         WHERE v.age < {window}
         GROUP BY a.event_id
    )
    SELECT e.id, e.title, e.kind, e.starts_at, coalesce(pp.n, 0), coalesce(f.n, 0),
           coalesce(fl.n, 0), {picked},
           CASE WHEN coalesce(e.cost_products, e.cost_venue, e.cost_gifts, e.cost_other)
                     IS NULL THEN NULL
                ELSE coalesce(e.cost_products, 0) + coalesce(e.cost_venue, 0)
                     + coalesce(e.cost_gifts, 0) + coalesce(e.cost_other, 0) END,
           coalesce(c.n, 0)
      FROM sel e
      LEFT JOIN people pp ON pp.event_id = e.id
      LEFT JOIN found f ON f.event_id = e.id
      LEFT JOIN followed fl ON fl.event_id = e.id
      LEFT JOIN (SELECT event_id, {named} FROM won) n ON n.event_id = e.id
      LEFT JOIN converted c ON c.event_id = e.id
     ORDER BY e.starts_at DESC, e.id"""
    )
    out = []
    for r in db.execute(sql, params).fetchall():
        counts = r[7 : 7 + 2 * len(WINDOWS)]
        out.append(
            EventPayback(
                event_id=r[0],
                title=r[1],
                kind=r[2],
                starts_at=r[3],
                attendees=r[4],
                kocs_found=r[5],
                pushes=r[6],
                orders={w: int(counts[2 * i]) for i, w in enumerate(WINDOWS)},
                revenue={w: float(counts[2 * i + 1]) for i, w in enumerate(WINDOWS)},
                cost=r[7 + 2 * len(WINDOWS)],
                converted=r[8 + 2 * len(WINDOWS)],
                window=window,
            )
        )
    return out


@dataclass(frozen=True)
class KindRoi:
    """The events of one kind together: their cost and revenue within the window."""

    kind: str
    events: int
    cost: float
    revenue: float
    attendees: int
    converted: int

    @property
    def revenue_per_yuan(self) -> float | None:
        return _ratio(self.revenue, self.cost)


def roi_by_kind(
    db: Sql,
    *,
    since: date | None = None,
    until: date | None = None,
    window: int = 30,
    county_id: str | None = None,
    product_id: str | None = None,
) -> list[KindRoi]:
    """ROI per event kind over the events of the period (kinds with an event only; of a
    county or featuring a product when given, as :func:`event_payback`)."""
    acc: dict[str, list[float]] = {}
    found = event_payback(
        db, since=since, until=until, window=window, county_id=county_id, product_id=product_id
    )
    for e in found:
        a = acc.setdefault(e.kind, [0, 0.0, 0.0, 0, 0])
        a[0] += 1
        a[1] += e.cost or 0.0
        a[2] += e.revenue[window]
        a[3] += e.attendees
        a[4] += e.converted
    return [
        KindRoi(kind, int(a[0]), a[1], a[2], int(a[3]), int(a[4]))
        for kind, a in sorted(acc.items())
    ]


# --------------------------------------------------------------------------- KOCs, shops


@dataclass(frozen=True)
class KocPayback:
    koc_id: str
    name: str
    events: int
    pushes: int
    orders: int
    revenue: float


def koc_payback(db: Sql, *, koc_id: str | None = None) -> list[KocPayback]:
    """Each live KOC (or the one ``koc_id``): events attended, pushes, orders they are
    behind and their revenue; most revenue first."""
    # Counted once per table and joined (a count per KOC row would go through the
    # attribution again for each KOC).
    where, params = ("AND k.id = :koc", {"koc": koc_id}) if koc_id else ("", {})
    sql = (
        _cte(_KOC_ORDERS if koc_id else "")
        + f""",
    totals AS MATERIALIZED (
        SELECT koc_id, sum(e) AS events, sum(p) AS pushes, sum(n) AS orders,
               sum(revenue) AS revenue FROM (
            SELECT koc_id, 1 AS e, 0 AS p, 0 AS n, 0 AS revenue FROM att
            UNION ALL
            SELECT koc_id, 0, 1, 0, 0 FROM community_pushes
             WHERE deleted = 0 AND koc_id IS NOT NULL
            UNION ALL
            SELECT koc_id, 0, 0, 1, amount FROM okoc
            UNION ALL
            SELECT k.id, 0, 0, 0, 0 FROM kocs k WHERE k.deleted = 0 {where})
         GROUP BY koc_id
    )
    SELECT k.id, k.name, t.events, t.pushes, t.orders, t.revenue
      FROM totals t CROSS JOIN kocs k ON k.id = t.koc_id
     WHERE k.deleted = 0 {where}
     ORDER BY 6 DESC, 5 DESC, k.id"""
    )
    return [
        KocPayback(r[0], r[1], r[2], r[3], r[4], float(r[5]))
        for r in db.execute(sql, params).fetchall()
    ]


@dataclass(frozen=True)
class ShopPayback:
    shop_id: str
    name: str
    orders: int
    revenue: float
    koc_orders: int
    koc_revenue: float

    @property
    def koc_share(self) -> float | None:
        return _ratio(self.koc_revenue, self.revenue)


def shop_payback(
    db: Sql,
    *,
    since: date | None = None,
    until: date | None = None,
    shop_id: str | None = None,
) -> list[ShopPayback]:
    """Each live shop (or the one ``shop_id``) with cloud-store orders in the period: its
    order book and the part its own KOCs drove; most revenue first."""
    orders, params = _orders_between(since, until)
    if shop_id is not None:
        orders += " AND o.shop_id = :shop"
        params["shop"] = shop_id
    sql = (
        _cte(orders)
        + """,
    driven AS (
        SELECT DISTINCT o.id FROM ord o JOIN okoc x ON x.order_id = o.id
          JOIN koc_shops ks ON ks.koc_id = x.koc_id AND ks.shop_id = o.shop_id
                           AND ks.deleted = 0
    )
    SELECT s.id, s.name, count(o.id), coalesce(sum(o.amount), 0),
           count(d.id), coalesce(sum(CASE WHEN d.id IS NOT NULL THEN o.amount END), 0)
      FROM ord o JOIN shops s ON s.id = o.shop_id AND s.deleted = 0
      LEFT JOIN driven d ON d.id = o.id
     GROUP BY s.id ORDER BY 4 DESC, s.id"""
    )
    return [
        ShopPayback(r[0], r[1], r[2], float(r[3]), r[4], float(r[5]))
        for r in db.execute(sql, params).fetchall()
    ]


def county_revenue(
    db: Sql, *, since: date | None = None, until: date | None = None
) -> dict[str, float]:
    """County id -> revenue of the period's orders with a KOC of that county behind them
    (an order counts once per county)."""
    orders, params = _orders_between(since, until)
    sql = (
        _cte(orders)
        + """
    SELECT c, sum(amount) FROM (
        SELECT DISTINCT k.county_id AS c, o.id, o.amount FROM ord o
          JOIN okoc x ON x.order_id = o.id JOIN kocs k ON k.id = x.koc_id AND k.deleted = 0)
     GROUP BY c"""
    )
    return {r[0]: float(r[1]) for r in db.execute(sql, params).fetchall()}


# --------------------------------------------------------------------------- funnel


@dataclass(frozen=True)
class Funnel:
    experienced: int
    pushed: int
    ordered: int


def funnel(
    db: Sql,
    *,
    since: date | None = None,
    until: date | None = None,
    county_id: str | None = None,
    product_id: str | None = None,
) -> Funnel:
    """The chain for a period: KOCs who attended an event starting in it, those of them
    who pushed in it on or after such an event's day, those of these behind an order in
    it after such an event's start. With a county: its KOCs, at events of any county;
    with a product: events featuring it and pushes naming it."""
    ewhere, eparams = _period("a.starts_at", since, until)
    kept, kparams = _event_filter("a.event_id", None, product_id)
    ewhere += kept
    eparams |= kparams
    if county_id is not None:
        ewhere += " AND a.koc_id IN (SELECT k.id FROM kocs k WHERE k.county_id = :f_county)"
        eparams["f_county"] = county_id
    orders, oparams = _orders_between(since, until)
    pwhere, pparams = "", {}
    if since is not None:
        pwhere += " AND p.date >= :push_from"
        pparams["push_from"] = since.isoformat()
    if until is not None:
        pwhere += " AND p.date <= :push_to"
        pparams["push_to"] = until.isoformat()
    if product_id is not None:
        pwhere += " AND p.product_id = :f_product"
    sql = (
        _cte(orders)
        + f""",
    exp AS (SELECT a.koc_id, min(a.starts_at) AS first FROM att a WHERE 1 = 1 {ewhere}
             GROUP BY a.koc_id),
    pushed AS (SELECT DISTINCT e.koc_id, e.first FROM exp e JOIN community_pushes p
                 ON p.koc_id = e.koc_id AND p.deleted = 0
                AND p.date >= date(e.first, {_OFFSET}) {pwhere}),
    ordered AS (SELECT DISTINCT u.koc_id FROM pushed u JOIN okoc x ON x.koc_id = u.koc_id
                  JOIN ord o ON o.id = x.order_id AND o.ordered_at >= u.first)
    SELECT (SELECT count(*) FROM exp), (SELECT count(*) FROM pushed),
           (SELECT count(*) FROM ordered)"""
    )
    r = db.execute(sql, eparams | pparams | oparams).fetchone()
    return Funnel(int(r[0]), int(r[1]), int(r[2]))


# --------------------------------------------------------------------------- pushes


@dataclass(frozen=True)
class PushRow:
    """One live community push as the pages list it."""

    push_id: str
    date: str
    who: str
    koc_id: str | None
    owner_id: str | None
    group: str | None
    product: str | None
    campaign: str | None
    event_id: str | None
    event_title: str | None
    note: str | None


def pushes(db: Sql, *, event_id: str | None = None, koc_id: str | None = None) -> list[PushRow]:
    """The live pushes that followed an event (naming it, or by an attendee within
    :data:`PUSH_DAYS` days, as :func:`event_payback` counts them) or by one KOC; newest
    first."""
    if event_id is not None:
        day = f"date(e.starts_at, {_OFFSET})"
        where = f"""(p.event_id = :event OR EXISTS (
            SELECT 1 FROM events e WHERE e.id = :event
               AND p.date BETWEEN {day} AND date({day}, '+{PUSH_DAYS} days')
               AND (p.koc_id IN (SELECT i.koc_id FROM invitations i WHERE i.event_id = e.id
                                   AND i.deleted = 0 AND i.status = 'attended')
                    OR p.koc_id = e.host_koc_id
                    OR p.owner_id IN (SELECT i.owner_id FROM invitations i
                                       WHERE i.event_id = e.id AND i.deleted = 0
                                         AND i.status = 'attended'))))"""
    elif koc_id is not None:
        where = "p.koc_id = :koc"
    else:
        where = "1 = 1"
    sql = f"""
    SELECT p.id, p.date, coalesce(k.name, o.name, ''), p.koc_id, p.owner_id, g.name, pr.name,
           p.campaign, p.event_id, ev.title, p.note
      FROM community_pushes p
      LEFT JOIN kocs k ON k.id = p.koc_id
      LEFT JOIN owners o ON o.id = p.owner_id
      LEFT JOIN community_groups g ON g.id = p.group_id
      LEFT JOIN products pr ON pr.id = p.product_id
      LEFT JOIN events ev ON ev.id = p.event_id
     WHERE p.deleted = 0 AND {where}
     ORDER BY p.date DESC, p.created_at DESC, p.id"""
    params = {"event": event_id, "koc": koc_id}
    return [PushRow(*r) for r in db.execute(sql, params).fetchall()]


def groups_of(db: Sql, *, koc_id: str) -> list[tuple[str, str]]:
    """(id, name) of the live community groups ``koc_id`` runs, by name."""
    return [
        (r[0], r[1])
        for r in db.execute(
            "SELECT id, name FROM community_groups WHERE admin_koc_id = ? AND deleted = 0"
            " ORDER BY name, id",
            [koc_id],
        ).fetchall()
    ]


def attended_events(db: Sql, *, koc_id: str) -> list[tuple[str, str]]:
    """(title, id) of the live events ``koc_id`` attended (or hosted), latest first."""
    return [
        (r[0], r[1])
        for r in db.execute(
            "SELECT e.title, e.id FROM events e WHERE e.deleted = 0 AND (e.host_koc_id = ?"
            " OR EXISTS (SELECT 1 FROM invitations i WHERE i.event_id = e.id AND i.koc_id = ?"
            " AND i.deleted = 0 AND i.status = 'attended')) ORDER BY e.starts_at DESC, e.id",
            [koc_id, koc_id],
        ).fetchall()
    ]
