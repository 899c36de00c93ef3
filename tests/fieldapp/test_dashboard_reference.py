"""The dashboard's period numbers against a plain-Python model of their rules.

Random small stores (fixed seeds) full of the awkward cases: check-ins a second either
side of Beijing midnight and of the Sunday/Monday turn, weeks across the new year,
periods that start or end mid-week or are one day long, empty weeks, tombstones at every
level (visits, interactions, owners, shops, KOCs, invitations), invitees and owners that
are missing altogether, reps outside the users table. ``rep_weeks``, ``interaction_weeks``
and ``event_outcomes`` must give exactly what the rules in ``fieldapp.store.metrics`` say,
whatever SQL computes them.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlite_utils import Database

from fieldapp.model import BUSINESS_UTC_OFFSET
from fieldapp.store import metrics, migrations

NOW = "2026-01-05T09:30:00+00:00"
#: Around the new year: 2025-12-29 is a Monday whose week ends in 2026.
START = date(2025, 12, 1)
DAYS = 70
OFFSETS = (timedelta(0), BUSINESS_UTC_OFFSET, timedelta(hours=-5))


@dataclass
class World:
    db: Database
    users: dict[str, tuple[str, str | None]]  # id -> (name, team)
    shops: dict[str, tuple[str, str | None, bool]]  # id -> (county, rep, deleted)
    owners: dict[str, tuple[str, bool]]  # id -> (shop, deleted)
    kocs: dict[str, tuple[bool, str | None]]  # id -> (deleted, source event)
    visits: list[dict[str, Any]]
    interactions: list[dict[str, Any]]
    events: list[dict[str, Any]]
    invitations: list[dict[str, Any]]


def _instant(rng: random.Random) -> str:
    """A UTC instant, often a second either side of some midnight (UTC, Beijing, UTC-5)."""
    day = START + timedelta(days=rng.randrange(DAYS))
    if rng.random() < 0.6:
        hour = rng.choice((16, 0, 5))  # midnight in Beijing, UTC, UTC-5
        t = datetime(day.year, day.month, day.day, hour) + timedelta(seconds=rng.choice((-1, 0)))
    else:
        t = datetime(day.year, day.month, day.day) + timedelta(seconds=rng.randrange(86400))
    millis = f".{rng.randrange(1000):03d}000" if rng.random() < 0.5 else ""
    return t.strftime("%Y-%m-%dT%H:%M:%S") + millis + "+00:00"


def _day(rng: random.Random) -> str:
    return (START + timedelta(days=rng.randrange(DAYS))).isoformat()


def build(seed: int) -> World:
    rng = random.Random(seed)
    db = Database(memory=True)
    migrations.apply(db)
    n = iter(range(1, 10**6))

    def add(table: str, **row: Any) -> dict[str, Any]:
        row.setdefault("id", f"{table[:2]}{next(n)}")
        row.setdefault("created_at", NOW)
        row.setdefault("updated_at", NOW)
        db.table(table).insert(row)
        return row

    for tid in ("t1", "t2"):
        add("teams", id=tid, name=tid)
    teams: tuple[str | None, ...] = ("t1", "t2", None)
    users = {f"r{i}": (f"rep {i % 3}", rng.choice(teams)) for i in range(1, 6)}
    for uid, (name, team) in users.items():
        add("users", id=uid, name=name, role="rep", team_id=team)
    reps: list[str | None] = [*users, "ghost"]  # "ghost": a rep the users table lacks
    for cid in ("c1", "c2", "c3"):
        add("counties", id=cid, name=cid)
    shops = {
        f"s{i}": (rng.choice(("c1", "c2", "c3")), rng.choice(reps), rng.random() < 0.15)
        for i in range(1, 9)
    }
    for sid, (county, rep, deleted) in shops.items():
        add("shops", id=sid, name=sid, channel="other", county_id=county, rep_id=rep,
            deleted=int(deleted))  # fmt: skip
    # owners, one on a shop that does not exist
    owners = {
        f"o{i}": (rng.choice([*shops, "s-missing"]), rng.random() < 0.15) for i in range(1, 11)
    }
    for oid, (sid, deleted) in owners.items():
        add("owners", id=oid, shop_id=sid, name=oid, deleted=int(deleted))
    visits = [
        add(
            "visits",
            shop_id=rng.choice(list(shops)),
            rep_id=rng.choice([*reps, None]),
            planned_date=_day(rng) if rng.random() < 0.8 else None,
            checkin_at=_instant(rng) if rng.random() < 0.7 else None,
            deleted=int(rng.random() < 0.1),
        )
        for _ in range(rng.randrange(40, 160))
    ]
    interactions = [
        add(
            "interactions",
            owner_id=rng.choice([*owners, "o-missing"]),
            date=_day(rng),
            kind="call",
            level_after=rng.choice((None, 1, 2, 3, 4, 5)),
            deleted=int(rng.random() < 0.1),
        )
        for _ in range(rng.randrange(20, 120))
    ]
    events = [
        add(
            "events",
            kind="tasting",
            title=f"event {i}",
            venue_shop_id=rng.choice([*shops, None]),
            starts_at=_instant(rng),
            ends_at="2027-01-01T00:00:00+00:00",
            status=rng.choice(("planned", "done", "cancelled")),
            rep_id=rng.choice(reps),
            deleted=int(rng.random() < 0.1),
        )
        for i in range(rng.randrange(3, 12))
    ]
    kocs: dict[str, tuple[bool, str | None]] = {}
    for i in range(1, 13):
        source = rng.choice([None, *(e["id"] for e in events)])
        kocs[f"k{i}"] = (rng.random() < 0.2, source)
        add("kocs", id=f"k{i}", name=f"k{i}", county_id="c1", deleted=int(kocs[f"k{i}"][0]),
            source_event_id=source)  # fmt: skip
    invitations = []
    for e in events:
        for _ in range(rng.randrange(0, 7)):
            who = rng.random()
            invitations.append(
                add(
                    "invitations",
                    event_id=e["id"],
                    koc_id=rng.choice([*kocs, "k-missing"]) if who < 0.6 else None,
                    owner_id=rng.choice([*owners, "o-missing"]) if who >= 0.6 else None,
                    status=rng.choice(("invited", "confirmed", "attended", "no_show")),
                    feedback=rng.choice((None, 1, 3, 5)),
                    deleted=int(rng.random() < 0.1),
                )
            )
    return World(db, users, shops, owners, kocs, visits, interactions, events, invitations)


def _local_day(instant: str, offset: timedelta) -> date:
    return (datetime.fromisoformat(instant) + offset).date()


# --------------------------------------------------------------------------- the rules


def expected_rep_weeks(
    w: World,
    *,
    since: date,
    until: date,
    rep_id: str | None,
    county_id: str | None,
    team_id: str | None,
    utc_offset: timedelta,
) -> list[tuple[str, str, date, int, int]]:
    counts: dict[tuple[str, date], list[int]] = defaultdict(lambda: [0, 0])
    for v in w.visits:
        rep = v["rep_id"]
        if v["deleted"] or rep is None or (rep_id is not None and rep != rep_id):
            continue
        if county_id is not None and w.shops[v["shop_id"]][0] != county_id:
            continue
        if team_id is not None and (rep not in w.users or w.users[rep][1] != team_id):
            continue
        if v["planned_date"] is not None:
            day = date.fromisoformat(v["planned_date"])
            if since <= day <= until:
                counts[rep, metrics.week_start(day)][0] += 1
        if v["checkin_at"] is not None:
            day = _local_day(v["checkin_at"], utc_offset)
            if since <= day <= until:
                counts[rep, metrics.week_start(day)][1] += 1
    rows = [
        (rep, w.users[rep][0] if rep in w.users else rep, week, planned, done)
        for (rep, week), (planned, done) in counts.items()
    ]
    return sorted(rows, key=lambda r: (r[1], r[0], r[2]))


def expected_interaction_weeks(
    w: World, *, since: date, until: date, rep_id: str | None, county_id: str | None
) -> list[tuple[date, int, int, float | None]]:
    def live_owner(oid: str) -> bool:
        if oid not in w.owners or w.owners[oid][1]:
            return False
        sid = w.owners[oid][0]
        if sid not in w.shops or w.shops[sid][2]:
            return False
        county, rep, _ = w.shops[sid]
        return (rep_id is None or rep == rep_id) and (county_id is None or county == county_id)

    weeks: dict[date, list[Any]] = {}
    week = metrics.week_start(since)
    while week <= until:
        weeks[week] = [0, set(), []]
        week += timedelta(days=7)
    for i in w.interactions:
        day = date.fromisoformat(i["date"])
        if i["deleted"] or not live_owner(i["owner_id"]) or not since <= day <= until:
            continue
        entry = weeks[metrics.week_start(day)]
        entry[0] += 1
        entry[1].add(i["owner_id"])
        if i["level_after"] is not None:
            entry[2].append(i["level_after"])
    return [
        (week, n, len(owners), sum(levels) / len(levels) if levels else None)
        for week, (n, owners, levels) in weeks.items()
    ]


def expected_events(
    w: World,
    *,
    since: date,
    until: date,
    rep_id: str | None,
    county_id: str | None,
    utc_offset: timedelta,
) -> list[tuple[Any, ...]]:
    out = []
    for e in sorted(w.events, key=lambda e: (e["starts_at"], e["id"])):
        day = _local_day(e["starts_at"], utc_offset)
        if e["deleted"] or not since <= day <= until:
            continue
        if rep_id is not None and e["rep_id"] != rep_id:
            continue
        venue = e["venue_shop_id"]
        if county_id is not None and (venue is None or w.shops[venue][0] != county_id):
            continue
        inv = [
            i
            for i in w.invitations
            if i["event_id"] == e["id"]
            and not i["deleted"]
            and not (i["koc_id"] in w.kocs and w.kocs[i["koc_id"]][0])
            and not (i["owner_id"] in w.owners and w.owners[i["owner_id"]][1])
        ]
        status = [i["status"] for i in inv]
        attended, no_show = status.count("attended"), status.count("no_show")
        feedback = [i["feedback"] for i in inv if i["feedback"] is not None]
        out.append(
            (
                e["id"],
                len(inv),
                status.count("confirmed"),
                attended,
                no_show,
                attended / len(inv) if inv and attended + no_show else None,
                sum(feedback) / len(feedback) if feedback else None,
                sum(1 for deleted, src in w.kocs.values() if src == e["id"] and not deleted),
            )
        )
    return out


# --------------------------------------------------------------------------- the checks


def _periods(rng: random.Random) -> list[tuple[date, date]]:
    periods = [
        (START, START + timedelta(days=DAYS)),  # everything
        (date(2025, 12, 28), date(2026, 1, 4)),  # Sunday to Sunday across the new year
        (date(2025, 12, 29), date(2025, 12, 29)),  # one Monday
        (date(2026, 1, 4), date(2026, 1, 4)),  # one Sunday
        (START - timedelta(days=30), START - timedelta(days=1)),  # before anything
    ]
    for _ in range(4):
        a = START + timedelta(days=rng.randrange(-5, DAYS))
        periods.append((a, a + timedelta(days=rng.randrange(0, 40))))
    return periods


@pytest.mark.parametrize("seed", range(12))
def test_period_numbers_follow_the_rules(seed: int) -> None:
    w = build(seed)
    rng = random.Random(1000 + seed)
    filters: list[dict[str, Any]] = [
        {},
        {"rep_id": "r1"},
        {"rep_id": "ghost"},
        {"county_id": "c2"},
        {"team_id": "t1"},
        {"rep_id": "r2", "county_id": "c1", "team_id": "t2"},
    ]
    for since, until in _periods(rng):
        for f in filters:
            offset = rng.choice(OFFSETS)
            kw: dict[str, Any] = {"since": since, "until": until}
            rep, county = f.get("rep_id"), f.get("county_id")
            got = metrics.rep_weeks(w.db, **kw, **f, utc_offset=offset)
            want = expected_rep_weeks(
                w, **kw, rep_id=rep, county_id=county, team_id=f.get("team_id"), utc_offset=offset
            )
            assert [(r.rep_id, r.rep_name, r.week, r.planned, r.done) for r in got] == want, (
                since,
                until,
                f,
                offset,
            )
            assert all(r.ratio == (r.done / r.planned if r.planned else None) for r in got)

            weeks = metrics.interaction_weeks(w.db, **kw, rep_id=rep, county_id=county)
            assert [(r.week, r.interactions, r.owners, r.avg_level) for r in weeks] == (
                expected_interaction_weeks(w, **kw, rep_id=rep, county_id=county)
            ), (since, until, f)

            events = metrics.event_outcomes(
                w.db, **kw, rep_id=rep, county_id=county, utc_offset=offset
            )
            assert [
                (
                    e.event_id,
                    e.invited,
                    e.confirmed,
                    e.attended,
                    e.no_show,
                    e.attendance_rate,
                    e.avg_feedback,
                    e.kocs_found,
                )
                for e in events
            ] == expected_events(w, **kw, rep_id=rep, county_id=county, utc_offset=offset), (
                since,
                until,
                f,
                offset,
            )


def test_the_model_sees_the_awkward_cases() -> None:
    """The random stores really hold what the checks above are meant to catch."""
    worlds = [build(seed) for seed in range(12)]
    instants = [v["checkin_at"] for w in worlds for v in w.visits if v["checkin_at"]]
    assert any(i.startswith("2026-01-04T15:59:59") or "T15:59:59" in i for i in instants)
    assert any("T16:00:00" in i for i in instants)
    assert any(i["owner_id"] == "o-missing" for w in worlds for i in w.interactions)
    assert any(i["koc_id"] == "k-missing" for w in worlds for i in w.invitations)
    assert any(w.shops[sid][2] for w in worlds for sid, _ in w.owners.values() if sid in w.shops)
    assert any(v["rep_id"] == "ghost" for w in worlds for v in w.visits)
