"""Read-only metrics over the local store: density, funnel, coverage, frequency, outcomes.

These are the numbers a rep or a supervisor watches: KOC density and shop coverage per
county, the KOC stage funnel, overdue shops, owner relationship levels and interaction
frequency, and event outcomes. Each metric is one SQL statement: the counting and
grouping happen inside SQLite, so they stay fast on tens of thousands of shops and
hundreds of thousands of KOCs and visits. Python only shapes the few result rows into
frozen dataclasses.

Rules shared by every function here:

* Tombstones are ignored: a row with ``deleted = 1`` never counts, and neither does a row
  that hangs off a deleted parent where the metric goes through that parent (an owner of a
  deleted shop, an invitation of a deleted KOC or owner, a koc_shops link to a deleted KOC).
* ``rep_id`` filters by the rep responsible: ``shops.rep_id`` for shops, and for owners via
  their shop; ``kocs.rep_id`` for KOCs; ``events.rep_id`` for events.
* Time never comes from the clock: functions that depend on it take ``today``. Windows are
  "the last N days including today": a date ``d`` is in the window when
  ``today - N < d <= today``, so the day exactly N days ago is *out*. Rows dated after
  ``today`` are ignored (the report is "as of today").
* Datetimes (``visits.checkin_at``, ``events.starts_at``) are stored in UTC. Where they are
  turned into calendar dates the caller may pass ``utc_offset`` (China: ``timedelta(hours=8)``)
  so that a 07:00 visit in Beijing falls on the local day, not the previous UTC day. The
  default, zero, uses the UTC date.
* Ratios whose denominator is zero are ``None``, never an exception or a fake 0.

Threading: these functions run SQL on ``db``'s connection; call them on the thread that
owns the store connection (for the UI, hand the work to that thread and post the frozen
results back; the results themselves are immutable and safe to share).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any

from fieldapp.kinds import FUNNEL_STAGES, KocStage

from .days import local_modifier, utc_bound
from .db import Sql
from .overdue import (
    DEFAULT_OVERDUE_DAYS,
    OverdueReport,
    OverdueShop,
    TierOverdue,
    overdue_shop_rows,
    overdue_shops,
)

__all__ = [
    "DEFAULT_OVERDUE_DAYS",
    "CountyDensity",
    "Dashboard",
    "EventOutcome",
    "FrequencySummary",
    "InteractionWeek",
    "OverdueReport",
    "OverdueShop",
    "OwnerFrequency",
    "PeriodNumbers",
    "RepStanding",
    "RepWeek",
    "StageConversion",
    "StageFunnel",
    "StandingNumbers",
    "TierOverdue",
    "county_density",
    "dashboard",
    "event_outcomes",
    "interaction_frequency",
    "interaction_summary",
    "interaction_weeks",
    "overdue_shop_rows",
    "overdue_shops",
    "period_numbers",
    "relationship_levels",
    "rep_share",
    "rep_standings",
    "rep_weeks",
    "stage_funnel",
    "standing_numbers",
    "week_start",
]

#: The owner relationship levels, weakest to strongest.
LEVELS: tuple[int, ...] = (1, 2, 3, 4, 5)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class CountyDensity:
    """KOC density and shop coverage of one county."""

    county_id: str
    name: str
    koc_target: int
    #: Live KOCs in the county that are not dormant.
    kocs: int
    #: Live dormant KOCs in the county (not in ``kocs``).
    dormant: int
    #: ``kocs / koc_target``; None when the target is 0.
    density_ratio: float | None
    #: Live shops in the county.
    shops: int
    #: Live shops with at least one live koc_shops link to a live KOC (any stage).
    covered: int
    #: ``covered / shops``; None when the county has no shops.
    coverage_ratio: float | None


@dataclass(frozen=True)
class StageConversion:
    """Conversion between two consecutive funnel stages."""

    from_stage: KocStage
    to_stage: KocStage
    #: KOCs that reached ``from_stage`` (are at it or a later funnel stage).
    from_count: int
    #: KOCs that reached ``to_stage``.
    to_count: int
    #: ``to_count / from_count``; None when ``from_count`` is 0.
    ratio: float | None


@dataclass(frozen=True)
class StageFunnel:
    """Live KOCs per stage and the conversions along spotted → … → advocating."""

    #: Live KOCs per stage: all five stages, funnel order then dormant, zeros included.
    #: (A plain dict so that ``dataclasses.asdict`` works; treat it as read-only.)
    counts: dict[KocStage, int]
    #: One per consecutive pair of ``FUNNEL_STAGES`` (three).
    conversions: tuple[StageConversion, ...]

    def count(self, stage: KocStage | str) -> int:
        """KOCs currently at ``stage``."""
        return self.counts[KocStage(stage)]

    def reached(self, stage: KocStage | str) -> int:
        """KOCs whose current stage is ``stage`` or a later funnel stage (dormant never)."""
        stage = KocStage(stage)
        if stage is KocStage.DORMANT:
            raise ValueError("dormant is not a funnel stage")
        start = FUNNEL_STAGES.index(stage)
        return sum(self.counts[s] for s in FUNNEL_STAGES[start:])

    @property
    def spotted(self) -> int:
        return self.counts[KocStage.SPOTTED]

    @property
    def introduced(self) -> int:
        return self.counts[KocStage.INTRODUCED]

    @property
    def experienced(self) -> int:
        return self.counts[KocStage.EXPERIENCED]

    @property
    def advocating(self) -> int:
        return self.counts[KocStage.ADVOCATING]

    @property
    def dormant(self) -> int:
        """Outside the funnel; never in ``reached`` or the conversions."""
        return self.counts[KocStage.DORMANT]

    @property
    def active(self) -> int:
        """KOCs in the funnel (all but dormant)."""
        return self.reached(KocStage.SPOTTED)

    @property
    def total(self) -> int:
        return self.active + self.dormant


@dataclass(frozen=True)
class OwnerFrequency:
    owner_id: str
    name: str
    shop_id: str
    shop_name: str
    #: The owner's current relationship level (1..5).
    level: int
    #: Live interactions dated in ``(today - 30, today]``.
    last_30: int
    #: Live interactions dated in ``(today - 90, today]``.
    last_90: int
    #: Date of the latest live interaction on or before ``today``; None: none ever.
    last_date: date | None


@dataclass(frozen=True)
class FrequencySummary:
    today: date
    #: Live owners (of live shops).
    owners: int
    #: Owners with at least one interaction in the last 30 / 90 days.
    active_30: int
    active_90: int
    #: Interactions per owner in the last 30 / 90 days; None when there are no owners.
    avg_30: float | None
    avg_90: float | None


@dataclass(frozen=True)
class EventOutcome:
    event_id: str
    title: str
    kind: str
    status: str
    starts_at: datetime
    #: Live invitations of any status (the invited total).
    invited: int
    confirmed: int
    attended: int
    no_show: int
    #: ``attended / invited`` once attendance was taken (someone marked attended or
    #: no-show); None before that (a future event) and when nobody was invited.
    attendance_rate: float | None
    #: Mean feedback (1..5) over invitations that have one; None when none has.
    avg_feedback: float | None
    #: Live KOCs whose ``source_event_id`` is this event.
    kocs_found: int


# --------------------------------------------------------------------------- helpers


def _ratio(numerator: int | float, denominator: int | float | None) -> float | None:
    if not denominator:
        return None
    return numerator / denominator


def _json_list(values: Iterable[str]) -> str:
    """A list of ids as one JSON parameter, read in SQL with ``json_each``."""
    if isinstance(values, str):
        raise TypeError("expected a sequence of ids, not one string")
    return json.dumps(list(values))


def _rows(db: Sql, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    return list(db.execute(sql, params).fetchall())


def _parse_datetime(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# --------------------------------------------------------------------------- 1. density


def county_density(
    db: Sql,
    *,
    county_ids: Sequence[str] | None = None,
    rep_id: str | None = None,
) -> list[CountyDensity]:
    """KOC density against the target and shop coverage, per live county, by name.

    Counties with no KOCs or no shops are included with zeros. ``county_ids`` limits the
    counties (an empty sequence gives an empty list); ``rep_id`` counts only that rep's
    KOCs (``kocs.rep_id``) and shops (``shops.rep_id``), and compares them with the rep's
    share of the county's target (:func:`rep_share`), not the whole team's. A shop is
    covered when it has a live link to any live KOC, whoever's KOC it is.
    """
    params: dict[str, Any] = {"rep": rep_id}
    county_filter = ""
    if county_ids is not None:
        params["counties"] = _json_list(county_ids)
        county_filter = "AND {col} IN (SELECT value FROM json_each(:counties))"
    rep_koc = "AND k.rep_id = :rep" if rep_id is not None else ""
    rep_shop = "AND s.rep_id = :rep" if rep_id is not None else ""
    sql = f"""
        WITH k AS (
            SELECT k.county_id,
                   sum(k.stage != 'dormant') AS kocs,
                   sum(k.stage = 'dormant') AS dormant
            FROM kocs k
            WHERE k.deleted = 0 {rep_koc} {county_filter.format(col="k.county_id")}
            -- kocs_county_stage holds every column: walked in county order, no row read
            GROUP BY k.county_id
        ),
        s AS (
            SELECT s.county_id,
                   count(*) AS shops,
                   -- A live link to a live KOC. Whether the KOC exists is read from its
                   -- primary key and whether it is deleted from the (few) tombstones'
                   -- index, never from the KOC rows themselves: 3,000 shops at team scale.
                   sum(EXISTS (
                       SELECT 1 FROM koc_shops ks
                       WHERE ks.shop_id = s.id AND ks.deleted = 0
                         AND EXISTS (SELECT 1 FROM kocs kk WHERE kk.id = ks.koc_id)
                         AND ks.koc_id NOT IN (SELECT id FROM kocs WHERE deleted = 1)
                   )) AS covered
            FROM shops s
            WHERE s.deleted = 0 {rep_shop} {county_filter.format(col="s.county_id")}
            GROUP BY +s.county_id
        )
        SELECT c.id, c.name, c.koc_target,
               coalesce(k.kocs, 0), coalesce(k.dormant, 0),
               coalesce(s.shops, 0), coalesce(s.covered, 0)
        FROM counties c
        LEFT JOIN k ON k.county_id = c.id
        LEFT JOIN s ON s.county_id = c.id
        WHERE c.deleted = 0 {county_filter.format(col="c.id")}
        ORDER BY c.name, c.id
    """
    rows = _rows(db, sql, params)
    if rep_id is not None:
        shares = rep_share(db, rep_id=rep_id)
        rows = [(r[0], r[1], shares.get(r[0], (0.0,))[0] * r[2], *r[3:]) for r in rows]
    return [
        CountyDensity(
            county_id=cid,
            name=name,
            koc_target=round(target),
            kocs=kocs,
            dormant=dormant,
            density_ratio=_ratio(kocs, round(target)),
            shops=shops,
            covered=covered,
            coverage_ratio=_ratio(covered, shops),
        )
        for cid, name, target, kocs, dormant, shops, covered in rows
    ]


@dataclass(frozen=True)
class RepStanding:
    """One rep beside the others: KOCs against their share of the targets, shops covered."""

    rep_id: str
    name: str
    #: Live KOCs that are not dormant.
    kocs: int
    #: The rep's share of the targets of the counties they work in (:func:`rep_share`).
    target: int
    #: ``kocs / target``; None when the rep has no share of any target.
    density_ratio: float | None
    shops: int
    covered: int
    coverage_ratio: float | None
    #: Visits checked in within the period whose evidence has a flag (fieldapp.evidence).
    flagged_visits: int = 0


def rep_standings(
    db: Sql,
    *,
    team_id: str | None = None,
    since: date | None = None,
    until: date | None = None,
    utc_offset: timedelta = timedelta(hours=8),
) -> list[RepStanding]:
    """Every live rep (of ``team_id`` when given) with their numbers, by name: the
    dashboard's per-rep comparison table. ``since`` / ``until`` (inclusive local days)
    bound the visits counted as flagged (all of them without)."""
    where = "u.deleted = 0 AND u.role = 'rep'" + (" AND u.team_id = :team" if team_id else "")
    params: dict[str, Any] = {
        "team": team_id,
        "since": utc_bound(since, utc_offset) if since else "",
        "until": utc_bound(until + timedelta(days=1), utc_offset) if until else "9999",
    }
    sql = f"""
        SELECT u.id, u.name,
               (SELECT count(*) FROM visits v
                 WHERE v.rep_id = u.id AND v.deleted = 0 AND v.evidence_flags IS NOT NULL
                   AND v.checkin_at >= :since AND v.checkin_at < :until),
               (SELECT count(*) FROM kocs k
                 WHERE k.rep_id = u.id AND k.deleted = 0 AND k.stage != 'dormant'),
               (SELECT count(*) FROM shops s WHERE s.rep_id = u.id AND s.deleted = 0),
               (SELECT count(*) FROM shops s WHERE s.rep_id = u.id AND s.deleted = 0
                  AND EXISTS (SELECT 1 FROM koc_shops ks JOIN kocs kk ON kk.id = ks.koc_id
                              WHERE ks.shop_id = s.id AND ks.deleted = 0 AND kk.deleted = 0))
        FROM users u WHERE {where}
        ORDER BY u.name, u.id
    """
    targets = {
        cid: target
        for cid, target in _rows(db, "SELECT id, koc_target FROM counties WHERE deleted = 0", {})
    }
    result = []
    for rep_id, name, flagged, kocs, shops, covered in _rows(db, sql, params):
        shares = rep_share(db, rep_id=rep_id)
        target = round(sum(share * targets.get(cid, 0) for cid, (share,) in shares.items()))
        result.append(
            RepStanding(
                rep_id=rep_id,
                name=name,
                kocs=kocs,
                target=target,
                density_ratio=_ratio(kocs, target),
                shops=shops,
                covered=covered,
                coverage_ratio=_ratio(covered, shops),
                flagged_visits=flagged,
            )
        )
    return result


def rep_share(db: Sql, *, rep_id: str) -> dict[str, tuple[float]]:
    """County id → (the rep's share of its KOC target,) for the counties the rep works in.

    The share is the rep's part of the county's live shops (their territory there); in a
    county without shops, an equal part among the reps with live KOCs there. A county
    where the rep has neither shops nor KOCs is left out (share 0).
    """
    sql = """
        WITH s AS (
            SELECT county_id, count(*) AS total, sum(rep_id = :rep) AS mine
            FROM shops WHERE deleted = 0 GROUP BY county_id
        ),
        k AS (
            SELECT county_id, count(DISTINCT rep_id) AS reps, max(rep_id = :rep) AS mine
            FROM kocs WHERE deleted = 0 AND rep_id IS NOT NULL GROUP BY county_id
        )
        SELECT c.id, coalesce(s.total, 0), coalesce(s.mine, 0),
               coalesce(k.reps, 0), coalesce(k.mine, 0)
        FROM counties c LEFT JOIN s ON s.county_id = c.id LEFT JOIN k ON k.county_id = c.id
        WHERE c.deleted = 0
    """
    shares: dict[str, tuple[float]] = {}
    for cid, shops, mine, koc_reps, has_kocs in _rows(db, sql, {"rep": rep_id}):
        if shops and mine:
            shares[cid] = (mine / shops,)
        elif not shops and has_kocs:
            shares[cid] = (1 / koc_reps,)
    return shares


# --------------------------------------------------------------------------- 2. funnel


def stage_funnel(
    db: Sql,
    *,
    county_id: str | None = None,
    rep_id: str | None = None,
) -> StageFunnel:
    """Live KOCs per stage (all five present) and the funnel conversions.

    "Reached stage X" means the current stage is X or later in
    spotted < introduced < experienced < advocating; dormant KOCs are counted apart and
    are in no funnel stage. Conversion X→Y is reached(Y) / reached(X) (None when 0).
    """
    where = ["deleted = 0"]
    params: dict[str, Any] = {}
    if county_id is not None:
        where.append("county_id = :county")
        params["county"] = county_id
    if rep_id is not None:
        where.append("rep_id = :rep")
        params["rep"] = rep_id
    sql = f"SELECT stage, count(*) FROM kocs WHERE {' AND '.join(where)} GROUP BY stage"
    counts = {stage: 0 for stage in KocStage}
    for stage, n in _rows(db, sql, params):
        if stage in counts:  # a stage this version does not know is left out
            counts[KocStage(stage)] = n
    reached = {
        stage: sum(counts[s] for s in FUNNEL_STAGES[i:]) for i, stage in enumerate(FUNNEL_STAGES)
    }
    conversions = tuple(
        StageConversion(
            from_stage=a,
            to_stage=b,
            from_count=reached[a],
            to_count=reached[b],
            ratio=_ratio(reached[b], reached[a]),
        )
        for a, b in pairwise(FUNNEL_STAGES)
    )
    return StageFunnel(
        counts={stage: counts[stage] for stage in (*FUNNEL_STAGES, KocStage.DORMANT)},
        conversions=conversions,
    )


# --------------------------------------------------------------------------- 3. overdue

# In fieldapp.store.overdue (imported above): the Today page needs it at start-up.


# --------------------------------------------------------------------------- 4. levels


def _owner_where(rep_id: str | None, county_id: str | None, params: dict[str, Any]) -> str:
    where = ["o.deleted = 0", "s.deleted = 0"]
    if rep_id is not None:
        where.append("s.rep_id = :rep")
        params["rep"] = rep_id
    if county_id is not None:
        where.append("s.county_id = :county")
        params["county"] = county_id
    return " AND ".join(where)


def relationship_levels(
    db: Sql,
    *,
    rep_id: str | None = None,
    county_id: str | None = None,
) -> dict[int, int]:
    """Live owners (of live shops) per relationship level; keys 1..5 always present.

    ``rep_id`` and ``county_id`` filter through the owner's shop.
    """
    params: dict[str, Any] = {}
    where = _owner_where(rep_id, county_id, params)
    sql = f"""
        SELECT o.level, count(*)
        FROM owners o JOIN shops s ON s.id = o.shop_id
        WHERE {where}
        GROUP BY o.level
    """
    levels = dict.fromkeys(LEVELS, 0)
    for level, n in _rows(db, sql, params):
        if level in levels:
            levels[level] = n
    return levels


# --------------------------------------------------------------------------- 5. frequency


def _window_params(today: date) -> dict[str, Any]:
    return {
        "today": today.isoformat(),
        "from_30": (today - timedelta(days=30)).isoformat(),
        "from_90": (today - timedelta(days=90)).isoformat(),
    }


def interaction_frequency(
    db: Sql,
    *,
    today: date,
    owner_ids: Sequence[str] | None = None,
    rep_id: str | None = None,
    limit: int | None = None,
) -> list[OwnerFrequency]:
    """Per live owner: interactions in the last 30 and 90 days, last date, level.

    Windows include today and exclude the day exactly 30 (90) days ago:
    ``today - 30 < date <= today``. Interactions dated after ``today`` are ignored.
    Ordered by who needs attention first: owners never contacted, then by last
    interaction date (oldest first), then name and id. ``rep_id`` filters by the owner's
    shop; ``owner_ids`` limits the owners (empty: empty list).
    """
    params = _window_params(today)
    where = _owner_where(rep_id, None, params)
    if owner_ids is not None:
        where += " AND o.id IN (SELECT value FROM json_each(:owners))"
        params["owners"] = _json_list(owner_ids)
    params["limit"] = -1 if limit is None else limit
    sql = f"""
        SELECT o.id, o.name, o.shop_id, s.name, o.level,
               (SELECT count(*) FROM interactions i
                WHERE i.owner_id = o.id AND i.deleted = 0
                  AND i.date > :from_30 AND i.date <= :today),
               (SELECT count(*) FROM interactions i
                WHERE i.owner_id = o.id AND i.deleted = 0
                  AND i.date > :from_90 AND i.date <= :today),
               (SELECT max(i.date) FROM interactions i
                WHERE i.owner_id = o.id AND i.deleted = 0 AND i.date <= :today) AS last_date
        FROM owners o JOIN shops s ON s.id = o.shop_id
        WHERE {where}
        ORDER BY last_date IS NOT NULL, last_date, o.name, o.id
        LIMIT :limit
    """
    return [
        OwnerFrequency(
            owner_id=oid,
            name=name,
            shop_id=shop_id,
            shop_name=shop_name,
            level=level,
            last_30=n30,
            last_90=n90,
            last_date=None if last is None else date.fromisoformat(last[:10]),
        )
        for oid, name, shop_id, shop_name, level, n30, n90, last in _rows(db, sql, params)
    ]


def interaction_summary(
    db: Sql,
    *,
    today: date,
    rep_id: str | None = None,
    county_id: str | None = None,
) -> FrequencySummary:
    """Owners reached in the last 30 / 90 days and interactions per owner, as of ``today``.

    Same windows as :func:`interaction_frequency`; averages are over all live owners
    (those without interactions count as 0), None when there are no owners.
    """
    params = _window_params(today)
    where = _owner_where(rep_id, county_id, params)
    sql = f"""
        WITH f AS (
            SELECT o.id,
                   coalesce(i.n30, 0) AS n30,
                   coalesce(i.n90, 0) AS n90
            FROM owners o JOIN shops s ON s.id = o.shop_id
            LEFT JOIN (
                SELECT owner_id, sum(date > :from_30) AS n30, count(*) AS n90
                FROM interactions
                WHERE deleted = 0 AND date > :from_90 AND date <= :today
                GROUP BY owner_id
            ) i ON i.owner_id = o.id
            WHERE {where}
        )
        SELECT count(*), coalesce(sum(n30 > 0), 0), coalesce(sum(n90 > 0), 0),
               coalesce(sum(n30), 0), coalesce(sum(n90), 0)
        FROM f
    """
    owners, active_30, active_90, total_30, total_90 = _rows(db, sql, params)[0]
    return FrequencySummary(
        today=today,
        owners=owners,
        active_30=active_30,
        active_90=active_90,
        avg_30=_ratio(total_30, owners),
        avg_90=_ratio(total_90, owners),
    )


# --------------------------------------------------------------------------- 6. events


def event_outcomes(
    db: Sql,
    *,
    event_ids: Sequence[str] | None = None,
    since: date | None = None,
    until: date | None = None,
    rep_id: str | None = None,
    county_id: str | None = None,
    utc_offset: timedelta = timedelta(0),
) -> list[EventOutcome]:
    """Per live event: invitations by status, attendance, feedback, KOCs found; by start.

    ``since`` and ``until`` are inclusive local dates of ``starts_at``. Invitations count
    when live and their invitee (KOC or owner) is not deleted. The attendance rate is
    attended / all live invitations (None when there are none); the average feedback is
    over invitations with a feedback (None when none has). Cancelled events are listed
    like the others, with their status. ``county_id`` keeps events whose venue shop is in
    that county (an event without a venue shop has no county and is left out).
    """
    where = ["e.deleted = 0"]
    params: dict[str, Any] = {}
    if event_ids is not None:
        where.append("e.id IN (SELECT value FROM json_each(:events))")
        params["events"] = _json_list(event_ids)
    if since is not None:
        where.append("e.starts_at >= :since")
        params["since"] = utc_bound(since, utc_offset)
    if until is not None:
        where.append("e.starts_at < :until")
        params["until"] = utc_bound(until + timedelta(days=1), utc_offset)
    if rep_id is not None:
        where.append("e.rep_id = :rep")
        params["rep"] = rep_id
    if county_id is not None:
        where.append("e.venue_shop_id IN (SELECT id FROM shops WHERE county_id = :county)")
        params["county"] = county_id
    sql = f"""
        WITH inv AS (
            SELECT i.event_id,
                   count(*) AS invited,
                   sum(i.status = 'confirmed') AS confirmed,
                   sum(i.status = 'attended') AS attended,
                   sum(i.status = 'no_show') AS no_show,
                   avg(i.feedback) AS feedback
            FROM invitations i
            JOIN events e ON e.id = i.event_id
            WHERE {" AND ".join(where)} AND i.deleted = 0
              -- The deleted KOCs and owners come from the partial indexes kocs_deleted
              -- and owners_deleted (a handful of ids), not a row read per invitation.
              AND (i.koc_id IS NULL OR i.koc_id NOT IN (SELECT id FROM kocs WHERE deleted = 1))
              AND (i.owner_id IS NULL
                   OR i.owner_id NOT IN (SELECT id FROM owners WHERE deleted = 1))
            GROUP BY i.event_id
        )
        SELECT e.id, e.title, e.kind, e.status, e.starts_at,
               coalesce(inv.invited, 0), coalesce(inv.confirmed, 0),
               coalesce(inv.attended, 0), coalesce(inv.no_show, 0), inv.feedback,
               (SELECT count(*) FROM kocs k
                WHERE k.source_event_id = e.id AND k.deleted = 0)
        FROM events e
        LEFT JOIN inv ON inv.event_id = e.id
        WHERE {" AND ".join(where)}
        ORDER BY e.starts_at, e.id
    """
    return [
        EventOutcome(
            event_id=eid,
            title=title,
            kind=kind,
            status=status,
            starts_at=_parse_datetime(starts_at),
            invited=invited,
            confirmed=confirmed,
            attended=attended,
            no_show=no_show,
            attendance_rate=_ratio(attended, invited) if attended + no_show else None,
            avg_feedback=feedback,
            kocs_found=found,
        )
        for (
            eid,
            title,
            kind,
            status,
            starts_at,
            invited,
            confirmed,
            attended,
            no_show,
            feedback,
            found,
        ) in _rows(db, sql, params)
    ]


# --------------------------------------------------------------------------- 7. weeks

# Weeks start on Monday (as in China) and are counted in SQL as whole numbers: the Julian
# day number (``julianday`` is the day's midnight, x.5, so +0.5 and truncate) divided by
# 7, because day numbers divisible by 7 are Mondays. A number per row is much cheaper to
# compute, sort and group than a date string made with strftime and date modifiers (a
# year of a team's interactions: ~90,000 rows).
_WEEK_NUMBER_SQL = "CAST(julianday({d}) + 0.5 AS INTEGER) / 7"
#: Julian day number of ``date.fromordinal(1)`` (0001-01-01) minus one.
_JDN_OF_ORDINAL_0 = 1721425


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def _week_of_number(number: int) -> date:
    """The Monday of the week numbered ``number`` by ``_WEEK_NUMBER_SQL``."""
    return date.fromordinal(number * 7 - _JDN_OF_ORDINAL_0)


@dataclass(frozen=True)
class RepWeek:
    """One rep's visits in one week (Monday to Sunday, local days) against the plan."""

    rep_id: str
    rep_name: str
    week: date
    #: Live visits planned for a day of the week (``planned_date``), done or not.
    planned: int
    #: Live visits checked in on a day of the week (local date of ``checkin_at``).
    done: int
    #: ``done / planned``; None when nothing was planned.
    ratio: float | None
    #: PJP compliance: of the ``planned`` visits, those done, which counts only with both
    #: check-in and check-out (``fieldapp.store.plan``).
    kept: int = 0

    @property
    def compliance(self) -> float | None:
        """``kept / planned`` (planned visits done, in and out); None when none planned."""
        return _ratio(self.kept, self.planned)


def rep_weeks(
    db: Sql,
    *,
    since: date,
    until: date,
    rep_id: str | None = None,
    county_id: str | None = None,
    team_id: str | None = None,
    utc_offset: timedelta = timedelta(0),
) -> list[RepWeek]:
    """Visits planned and done per rep and week, for the weeks touching ``since..until``.

    Only days in ``since..until`` (inclusive, local) count, so a period starting on a
    Wednesday gives a short first week. Reps with neither planned nor done visits in a
    week have no row for it. ``county_id`` filters by the visit's shop, ``team_id`` by
    the rep's team. Ordered by rep name, then week.
    """
    params: dict[str, Any] = {
        "since": since.isoformat(),
        "until": until.isoformat(),
    }
    # The local day of the check-in, written out literally (the modifier is made from a
    # number): on Beijing time it is the expression of the index visits_checkin_day, so
    # the days come out of the index in order, with no sort of every visit.
    local_day = f"date(v.checkin_at, '{local_modifier(utc_offset)}')"
    where = ["v.deleted = 0", "v.rep_id IS NOT NULL"]
    if rep_id is not None:
        where.append("v.rep_id = :rep")
        params["rep"] = rep_id
    if county_id is not None:
        where.append("v.shop_id IN (SELECT id FROM shops WHERE county_id = :county)")
        params["county"] = county_id
    team = ""
    if team_id is not None:
        # Applied to the rep-days, not to each visit: a probe per rep and day instead of
        # one per visit (and the team list cannot steer SQLite onto the rep index).
        team = "WHERE rep_id IN (SELECT id FROM users WHERE team_id = :team)"
        params["team"] = team_id
    cond = " AND ".join(where)
    sql = f"""
        WITH days AS (
            SELECT v.rep_id, v.planned_date AS day, count(*) AS planned, 0 AS done,
                   sum(v.checkin_at IS NOT NULL AND v.checkout_at IS NOT NULL) AS kept
            FROM visits v
            WHERE {cond} AND v.planned_date >= :since AND v.planned_date <= :until
            GROUP BY v.planned_date, v.rep_id
            UNION ALL
            SELECT v.rep_id, {local_day} AS day, 0, count(*), 0
            FROM visits v
            WHERE {cond} AND {local_day} >= :since AND {local_day} <= :until
            GROUP BY day, v.rep_id
        ),
        -- Days are grouped first: the week arithmetic then runs per rep-day, not per visit.
        weeks AS (
            SELECT rep_id, {_WEEK_NUMBER_SQL.format(d="day")} AS week,
                   sum(planned) AS planned, sum(done) AS done, sum(kept) AS kept
            FROM days {team} GROUP BY rep_id, week
        )
        SELECT w.rep_id, coalesce(u.name, w.rep_id), w.week, w.planned, w.done, w.kept
        FROM weeks w LEFT JOIN users u ON u.id = w.rep_id
        ORDER BY coalesce(u.name, w.rep_id), w.rep_id, w.week
    """
    return [
        RepWeek(
            rep_id=rid,
            rep_name=name,
            week=_week_of_number(week),
            planned=planned,
            done=done,
            ratio=_ratio(done, planned),
            kept=kept,
        )
        for rid, name, week, planned, done, kept in _rows(db, sql, params)
    ]


@dataclass(frozen=True)
class InteractionWeek:
    """Owner interactions in one week: how often, how many owners, what level recorded."""

    week: date
    interactions: int
    #: Distinct owners with an interaction that week.
    owners: int
    #: Mean ``level_after`` of the week's interactions that recorded one; None when none did.
    avg_level: float | None


def interaction_weeks(
    db: Sql,
    *,
    since: date,
    until: date,
    rep_id: str | None = None,
    county_id: str | None = None,
) -> list[InteractionWeek]:
    """Live interactions of live owners (of live shops) per week in ``since..until``.

    Every week touching the period is present, in order, with zeros when empty; days
    outside the period do not count. ``rep_id`` and ``county_id`` filter through the
    owner's shop, as :func:`relationship_levels` does.
    """
    params: dict[str, Any] = {"since": since.isoformat(), "until": until.isoformat()}
    where = _owner_where(rep_id, county_id, params)
    # The live owners as an IN list: SQLite builds it once, then walks each owner's range
    # of interactions_owner_date, which holds every column needed (no row lookups).
    sql = f"""
        SELECT {_WEEK_NUMBER_SQL.format(d="i.date")} AS week, count(*),
               count(DISTINCT i.owner_id), avg(i.level_after)
        FROM interactions i
        WHERE i.owner_id IN (
                SELECT o.id FROM owners o JOIN shops s ON s.id = o.shop_id WHERE {where})
          AND i.deleted = 0 AND i.date >= :since AND i.date <= :until
        GROUP BY week
    """
    found = {
        _week_of_number(w): (n, owners, level) for w, n, owners, level in _rows(db, sql, params)
    }
    out = []
    week = week_start(since)
    while week <= until:
        n, owners, level = found.get(week, (0, 0, None))
        out.append(InteractionWeek(week=week, interactions=n, owners=owners, avg_level=level))
        week += timedelta(days=7)
    return out


# --------------------------------------------------------------------------- 8. dashboard


@dataclass(frozen=True)
class StandingNumbers:
    """The dashboard's "as of today" part: density, funnel, overdue shops, levels."""

    today: date
    density: tuple[CountyDensity, ...]
    funnel: StageFunnel
    overdue: OverdueReport
    levels: dict[int, int]


@dataclass(frozen=True)
class PeriodNumbers:
    """The dashboard's part bound to a period: visit weeks, interaction weeks, events."""

    since: date
    until: date
    rep_weeks: tuple[RepWeek, ...]
    interaction_weeks: tuple[InteractionWeek, ...]
    events: tuple[EventOutcome, ...]


@dataclass(frozen=True)
class Dashboard:
    """Everything the team dashboard shows for one choice of filters."""

    today: date
    since: date
    until: date
    density: tuple[CountyDensity, ...]
    funnel: StageFunnel
    rep_weeks: tuple[RepWeek, ...]
    overdue: OverdueReport
    levels: dict[int, int]
    interaction_weeks: tuple[InteractionWeek, ...]
    events: tuple[EventOutcome, ...]

    @classmethod
    def of(cls, standing: StandingNumbers, period: PeriodNumbers) -> Dashboard:
        """The two halves (computed apart, e.g. on two connections at once) as one."""
        return cls(
            today=standing.today,
            since=period.since,
            until=period.until,
            density=standing.density,
            funnel=standing.funnel,
            rep_weeks=period.rep_weeks,
            overdue=standing.overdue,
            levels=standing.levels,
            interaction_weeks=period.interaction_weeks,
            events=period.events,
        )

    def standing(self) -> StandingNumbers:
        """The "as of today" half."""
        return StandingNumbers(
            today=self.today,
            density=self.density,
            funnel=self.funnel,
            overdue=self.overdue,
            levels=self.levels,
        )

    def period(self) -> PeriodNumbers:
        """The half bound to ``since..until``."""
        return PeriodNumbers(
            since=self.since,
            until=self.until,
            rep_weeks=self.rep_weeks,
            interaction_weeks=self.interaction_weeks,
            events=self.events,
        )


def standing_numbers(
    db: Sql,
    *,
    today: date,
    rep_id: str | None = None,
    county_id: str | None = None,
    utc_offset: timedelta = timedelta(0),
) -> StandingNumbers:
    """The part of :func:`dashboard` that is "as of ``today``" (no period)."""
    return StandingNumbers(
        today=today,
        density=tuple(
            county_density(db, county_ids=None if county_id is None else [county_id], rep_id=rep_id)
        ),
        funnel=stage_funnel(db, county_id=county_id, rep_id=rep_id),
        overdue=overdue_shops(
            db, today=today, rep_id=rep_id, county_id=county_id, utc_offset=utc_offset
        ),
        levels=relationship_levels(db, rep_id=rep_id, county_id=county_id),
    )


def period_numbers(
    db: Sql,
    *,
    since: date,
    until: date,
    rep_id: str | None = None,
    county_id: str | None = None,
    team_id: str | None = None,
    utc_offset: timedelta = timedelta(0),
) -> PeriodNumbers:
    """The part of :func:`dashboard` bound to ``since..until``."""
    return PeriodNumbers(
        since=since,
        until=until,
        rep_weeks=tuple(
            rep_weeks(
                db,
                since=since,
                until=until,
                rep_id=rep_id,
                county_id=county_id,
                team_id=team_id,
                utc_offset=utc_offset,
            )
        ),
        interaction_weeks=tuple(
            interaction_weeks(db, since=since, until=until, rep_id=rep_id, county_id=county_id)
        ),
        events=tuple(
            event_outcomes(
                db,
                since=since,
                until=until,
                rep_id=rep_id,
                county_id=county_id,
                utc_offset=utc_offset,
            )
        ),
    )


def dashboard(
    db: Sql,
    *,
    today: date,
    since: date,
    until: date,
    rep_id: str | None = None,
    county_id: str | None = None,
    team_id: str | None = None,
    utc_offset: timedelta = timedelta(0),
) -> Dashboard:
    """The team dashboard's numbers: density and coverage per county, the KOC funnel, visits
    per rep and week against plan, overdue shops by tier, relationship levels, interactions
    per week, and event outcomes.

    ``rep_id`` and ``county_id`` filter every part (as each function documents);
    ``since``/``until`` (inclusive local days) bound the parts that happen in time
    (visits, interactions, events); the others are "as of ``today``". ``team_id`` keeps the
    visit weeks to that team's reps (a supervisor's store only holds their team anyway).
    The two halves are :func:`standing_numbers` and :func:`period_numbers`.
    """
    return Dashboard.of(
        standing_numbers(
            db, today=today, rep_id=rep_id, county_id=county_id, utc_offset=utc_offset
        ),
        period_numbers(
            db,
            since=since,
            until=until,
            rep_id=rep_id,
            county_id=county_id,
            team_id=team_id,
            utc_offset=utc_offset,
        ),
    )
