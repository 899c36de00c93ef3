"""The overdue-shop rule (metric 3 of :mod:`fieldapp.store.metrics`, which re-exports it).

A shop is overdue when it has no live checked-in visit in the last N days, N by tier
(A 7, B 14, C 30). Apart from the other metrics because the Today page, the first
screen, shows it: this module loads in a fraction of the time the whole set takes.
Threading: these functions run SQL on the connection they are given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from ..kinds import Tier
from .days import local_modifier, utc_bound
from .db import Sql

__all__ = [
    "DEFAULT_OVERDUE_DAYS",
    "OverdueReport",
    "OverdueShop",
    "TierOverdue",
    "overdue_shop_rows",
    "overdue_shops",
]

#: How many days a shop of each tier may go without a visit before it is overdue.
DEFAULT_OVERDUE_DAYS: dict[Tier, int] = {Tier.A: 7, Tier.B: 14, Tier.C: 30}


class TierOverdue(NamedTuple):  # the Today page's rows: see views_today
    tier: Tier
    #: The allowed days without a visit used for this tier.
    days: int
    #: Live shops of this tier (after the filters).
    shops: int
    #: Of those, the overdue ones (never visited or last visit ``days`` or more days ago).
    overdue: int


@dataclass(frozen=True)
class OverdueReport:
    today: date
    #: Tiers A, B, C in that order, always all three.
    tiers: tuple[TierOverdue, ...]

    @property
    def shops(self) -> int:
        return sum(t.shops for t in self.tiers)

    @property
    def overdue(self) -> int:
        return sum(t.overdue for t in self.tiers)

    def tier(self, tier: Tier | str) -> TierOverdue:
        tier = Tier(tier)
        return next(t for t in self.tiers if t.tier is tier)


class OverdueShop(NamedTuple):  # the Today page's rows: see views_today
    shop_id: str
    name: str
    tier: Tier
    #: The allowed days without a visit for this shop's tier.
    days: int
    #: Local date of the last live checked-in visit on or before ``today``; None: never.
    last_visit: date | None
    #: ``today - last_visit`` in days; None when never visited.
    days_since: int | None


def _rows(db: Sql, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    return list(db.execute(sql, params).fetchall())


def _tier_days(days: int | None) -> dict[Tier, int]:
    if days is None:
        return dict(DEFAULT_OVERDUE_DAYS)
    if days < 1:
        raise ValueError("days must be at least 1")
    return {tier: days for tier in Tier}


def _last_visit_sql(
    *,
    today: date,
    days: int | None,
    rep_id: str | None,
    county_id: str | None,
    utc_offset: timedelta,
) -> tuple[str, dict[str, Any], dict[Tier, int]]:
    """A CTE ``last`` of live shops with their last visit date and whether overdue.

    The last visit is the latest live visit with a ``checkin_at`` before the end of
    ``today`` (local); its local date is compared with ``today - days(tier)``: a visit
    exactly that many days ago is overdue, a day later is not. ``raw`` is MATERIALIZED
    so that the last-visit subquery runs once per shop, not once per use of ``last_at``.
    """
    tier_days = _tier_days(days)
    params: dict[str, Any] = {
        "end": utc_bound(today + timedelta(days=1), utc_offset),
        "modifier": local_modifier(utc_offset),
        "today": today.isoformat(),
        "days_a": tier_days[Tier.A],
        "days_b": tier_days[Tier.B],
        "days_c": tier_days[Tier.C],
    }
    for tier, n in tier_days.items():
        params[f"cut_{tier.value.lower()}"] = (today - timedelta(days=n)).isoformat()
    where = ["s.deleted = 0"]
    if rep_id is not None:
        where.append("s.rep_id = :rep")
        params["rep"] = rep_id
    if county_id is not None:
        where.append("s.county_id = :county")
        params["county"] = county_id
    sql = f"""
        WITH raw AS MATERIALIZED (
            SELECT s.id, s.name, s.tier,
                   (SELECT v.checkin_at FROM visits v
                    WHERE v.shop_id = s.id AND v.deleted = 0
                      AND v.checkin_at IS NOT NULL AND v.checkin_at < :end
                    ORDER BY v.checkin_at DESC LIMIT 1) AS last_at
            FROM shops s
            WHERE {" AND ".join(where)}
        ),
        last AS (
            SELECT id, name, tier,
                   CASE tier WHEN 'A' THEN :days_a WHEN 'B' THEN :days_b ELSE :days_c END
                       AS days,
                   CASE tier WHEN 'A' THEN :cut_a WHEN 'B' THEN :cut_b ELSE :cut_c END
                       AS cutoff,
                   date(last_at, :modifier) AS last_date
            FROM raw
        )
    """
    return sql, params, tier_days


def overdue_shops(
    db: Sql,
    *,
    today: date,
    days: int | None = None,
    rep_id: str | None = None,
    county_id: str | None = None,
    utc_offset: timedelta = timedelta(0),
) -> OverdueReport:
    """Per tier, live shops and how many are overdue for a visit as of ``today``.

    A shop is overdue when it has no live visit with a ``checkin_at`` whose local date is
    in the last N days including today (``today - N < date <= today``), i.e. when it was
    never visited or last visited N or more days ago. N is 7 / 14 / 30 for tiers A / B / C
    unless ``days`` gives one N for all. Planned visits without a check-in do not count.
    """
    cte, params, tier_days = _last_visit_sql(
        today=today, days=days, rep_id=rep_id, county_id=county_id, utc_offset=utc_offset
    )
    sql = (
        cte
        + """
        SELECT tier, count(*),
               sum(last_date IS NULL OR last_date <= cutoff)
        FROM last GROUP BY tier
    """
    )
    found = {tier: (n, overdue) for tier, n, overdue in _rows(db, sql, params)}
    return OverdueReport(
        today=today,
        tiers=tuple(
            TierOverdue(
                tier=tier,
                days=tier_days[tier],
                shops=found.get(tier.value, (0, 0))[0],
                overdue=found.get(tier.value, (0, 0))[1],
            )
            for tier in Tier
        ),
    )


def overdue_shop_rows(
    db: Sql,
    *,
    today: date,
    days: int | None = None,
    rep_id: str | None = None,
    county_id: str | None = None,
    limit: int | None = 100,
    utc_offset: timedelta = timedelta(0),
) -> list[OverdueShop]:
    """The overdue shops (same rule as :func:`overdue_shops`), most overdue first.

    Never-visited shops come first, then by last visit date, oldest first; ties by name
    and id. ``limit=None`` returns them all.
    """
    cte, params, _ = _last_visit_sql(
        today=today, days=days, rep_id=rep_id, county_id=county_id, utc_offset=utc_offset
    )
    params["limit"] = -1 if limit is None else limit
    sql = (
        cte
        + """
        SELECT id, name, tier, days, last_date,
               CAST(julianday(:today) - julianday(last_date) AS INTEGER)
        FROM last
        WHERE last_date IS NULL OR last_date <= cutoff
        ORDER BY last_date IS NOT NULL, last_date, name, id
        LIMIT :limit
    """
    )
    return [
        OverdueShop(
            shop_id=sid,
            name=name,
            tier=Tier(tier),
            days=n,
            last_visit=None if last is None else date.fromisoformat(last),
            days_since=since,
        )
        for sid, name, tier, n, last, since in _rows(db, sql, params)
    ]
