"""Deterministic demo-data generator: a year of deep-distribution work in 河南省.

``generate(store, scale=..., seed=..., today=...)`` writes counties, teams, users,
products, and for every rep their shops, owners, owner interactions, visits with
order lines, events with products and invitations, KOCs with their shop links,
stage history and community groups. The same (scale, seed, today) always gives
the same rows, ids included: everything is drawn from ``random.Random`` streams
derived from ``seed`` (never ``uuid4`` or the clock), and all dates are relative to
``today`` (a year of history ending today, plus about two weeks of planned visits
and upcoming events).

A rep's year is scheduled day by day (``_RepBuilder._schedule``): every working day
(Monday to Saturday) holds 6-12 visits, the shops on that weekday's route that are
due against their tier's interval (A weekly, B fortnightly, C monthly, the app's
own overdue rule), the most overdue first, with drop-ins where a day has room; today
is done up to now (at most one visit in progress) and planned after it, and the next
two weeks are planned the same way. That is why a rep has about 150 shops, not 300:
at those intervals 150 shops (10/30/60 % A/B/C) ask about 55 visits a week, what six
days of 6-12 hold, so a rep keeps up but falls a little behind at times (about one
shop in ten overdue on a given day); 300 shops would ask twice that and leave half of
them overdue. The region keeps its 60,000 shops with more teams (20 of 20 reps).

Rows are built one rep at a time and written with ``store.bulk_insert`` in
dependency order, committed in batches of about :data:`BATCH_ROWS` rows (with the
store's secondary and search indexes set aside, built once at the end:
``Store.bulk_loading``), so even the ``region`` scale never holds more than one rep's
rows in memory. Shelf photos with EXIF go on about a
quarter of each rep's visits of the last two weeks (``fieldapp.demo.photos``), their
files into the store's photo folder; a store without one (a recording stand-in) gets
no photos.

Datetimes are ISO-8601 text in UTC (``2026-11-24T01:30:00+00:00``); reps work in
Beijing time (UTC+8), so a check-in at 09:30 local is stored as 01:30 UTC.
Threading: runs on the thread that owns the store (it only calls the store from
that thread); the module itself is pure and holds no mutable state.
"""

from __future__ import annotations

import hashlib
import os
import random
import uuid
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time
from itertools import accumulate
from typing import Any, Protocol

from ..kinds import BUSINESS_UTC_OFFSET, TABLES
from . import (
    campaigns as demo_campaigns,
    corpus as C,
    display as demo_display,
    loop,
    photos as demo_photos,
    pricing as demo_pricing,
    shelf,
)

__all__ = ["REP_TABLES", "SCALES", "TABLE_ORDER", "DemoSummary", "ScaleSpec", "generate"]

Row = dict[str, Any]
ProgressFn = Callable[[str, int, int], None]


class BulkStore(Protocol):
    """What the generator needs from a store (``fieldapp.store.Store`` has it)."""

    def bulk_insert(self, table: str, rows: Iterable[Row], *, outbox: bool = False) -> int: ...

    def transaction(self) -> AbstractContextManager[Any]: ...


@dataclass(frozen=True)
class ScaleSpec:
    """How big a demo is: teams, reps per team, shops per rep, KOCs per shop."""

    teams: int
    reps_per_team: int
    shops_per_rep: int
    kocs_per_shop: float


SCALES: dict[str, ScaleSpec] = {
    # One rep (and the supervisor who reviews the visits): ~150 shops. What one rep can
    # keep up with at 6-12 visits a day (see _RepBuilder._schedule): A shops weekly, B
    # fortnightly, C monthly ask about 55 visits a week of 150 shops, a week holds
    # about 55 (six days of 6-12).
    "rep": ScaleSpec(teams=1, reps_per_team=1, shops_per_rep=150, kocs_per_shop=5.0),
    # One team: 20 reps + 1 supervisor, ~3,000 shops, ~15,000 KOCs, ~60,000 visits.
    "team": ScaleSpec(teams=1, reps_per_team=20, shops_per_rep=150, kocs_per_shop=5.0),
    # Twenty teams of 20 reps (every prefecture, the three largest split in two):
    # ~60,000 shops, ~300,000 KOCs, ~1,200,000 visits.
    "region": ScaleSpec(teams=20, reps_per_team=20, shops_per_rep=150, kocs_per_shop=5.0),
}

#: Tables written once per run, before any rep's rows.
MASTER_TABLES: tuple[str, ...] = (
    "counties", "teams", "users", "products", "prices", "promotions", "campaigns",
)  # fmt: skip
#: Tables written per rep, in dependency order (photos after them, with their files).
REP_TABLES: tuple[str, ...] = tuple(t for t in TABLES if t not in MASTER_TABLES and t != "photos")
TABLE_ORDER: tuple[str, ...] = MASTER_TABLES + REP_TABLES


@dataclass(frozen=True)
class DemoSummary:
    """Rows written per table."""

    counties: int = 0
    teams: int = 0
    users: int = 0
    products: int = 0
    shops: int = 0
    owners: int = 0
    interactions: int = 0
    visits: int = 0
    prices: int = 0
    promotions: int = 0
    campaigns: int = 0
    order_lines: int = 0
    assortment_rules: int = 0
    shop_skus: int = 0
    shelf_audits: int = 0
    events: int = 0
    event_products: int = 0
    kocs: int = 0
    koc_shops: int = 0
    koc_stage_changes: int = 0
    community_groups: int = 0
    invitations: int = 0
    photos: int = 0
    display_agreements: int = 0
    display_agreement_skus: int = 0
    display_checks: int = 0
    display_payouts: int = 0
    campaign_results: int = 0
    visit_reviews: int = 0
    community_pushes: int = 0
    cloud_orders: int = 0

    def counts(self) -> dict[str, int]:
        """Rows per table, in dependency order."""
        return {f.name: int(getattr(self, f.name)) for f in fields(self)}

    @property
    def total(self) -> int:
        return sum(self.counts().values())


# --------------------------------------------------------------------------- constants

HISTORY_DAYS = 365


def _derived_id(parent_id: str, kind: str) -> str:
    """A version-4-shaped UUID made from another row's id (no draw from the random stream)."""
    digest = hashlib.sha256(f"{kind}:{parent_id}".encode()).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4))


#: Rows a transaction holds while generating (the last one holds what is left).
BATCH_ROWS = 500_000
PLAN_DAYS = 14
#: Stops on one working day of a rep (Monday to Saturday), past, today or planned:
#: drawn per day between the first two numbers, most often the third.
DAY_CAPACITY: tuple[int, int, int] = (6, 12, 10)
BEIJING_OFFSET_MIN = 8 * 60
#: "Now" on a given ``today``, when no time is given: 14:00 Beijing time.
NOW_MINUTE = 14 * 60

#: Time of day in UTC for each minute; the index is the UTC minute of the day.
_TOD: tuple[str, ...] = tuple(f"T{m // 60:02d}:{m % 60:02d}:00+00:00" for m in range(1440))

CHANNELS: tuple[str, ...] = ("convenience", "tobacco_liquor", "supermarket", "restaurant", "other")
CHANNEL_WEIGHTS: tuple[float, ...] = (0.30, 0.25, 0.10, 0.27, 0.08)
#: Tier odds (A, B, C) per channel; overall about 10/30/60 %.
TIER_ODDS: dict[str, tuple[float, float, float]] = {
    "convenience": (0.06, 0.27, 0.67),
    "tobacco_liquor": (0.12, 0.33, 0.55),
    "supermarket": (0.20, 0.40, 0.40),
    "restaurant": (0.10, 0.30, 0.60),
    "other": (0.04, 0.20, 0.76),
}
#: Days between visits per tier: the app's defaults (``fieldapp.store.overdue``, the
#: day plan's ``tier_days``): A weekly, B fortnightly, C monthly.
VISIT_EVERY: dict[str, int] = {"A": 7, "B": 14, "C": 30}
#: Share of shops the rep has let slip (no visit for two to four intervals); half of
#: them are back on the coming days' plan.
OVERDUE_ODDS = 0.05
#: Chance that a planned visit of a past day was never made.
MISSED_ODDS = 0.02
CLOUD_ODDS: dict[str, tuple[float, float, float]] = {
    "A": (0.20, 0.30, 0.50),
    "B": (0.45, 0.35, 0.20),
    "C": (0.70, 0.22, 0.08),
}
CLOUD_VALUES: tuple[str, ...] = ("none", "opened", "active")
#: Owner's starting relationship level odds (1..5) per shop tier.
LEVEL_ODDS: dict[str, tuple[float, ...]] = {
    "A": (0.0, 0.05, 0.25, 0.45, 0.25),
    "B": (0.05, 0.25, 0.45, 0.20, 0.05),
    "C": (0.25, 0.40, 0.27, 0.07, 0.01),
}
#: Owner interactions per month by level: good owners often, weak ones rarely.
INTERACTIONS_PER_MONTH: tuple[float, ...] = (0.0, 0.4, 0.9, 1.6, 2.6, 3.6)
INTERACTION_KINDS: tuple[str, ...] = (
    "visit",
    "wechat",
    "call",
    "gift",
    "help",
    "tasting",
    "award",
    "other",
)
INTERACTION_KIND_WEIGHTS: tuple[float, ...] = (0.35, 0.22, 0.15, 0.08, 0.08, 0.06, 0.02, 0.04)
#: Chance that an interaction of each kind lifts the owner's level by one.
LEVEL_UP_ODDS: dict[str, float] = {
    "visit": 0.06,
    "wechat": 0.04,
    "call": 0.04,
    "gift": 0.15,
    "help": 0.20,
    "tasting": 0.20,
    "award": 0.35,
    "other": 0.08,
}
DISPLAY = (
    ("good", "fair", "poor"),
    {"A": (0.7, 0.25, 0.05), "B": (0.5, 0.38, 0.12), "C": (0.35, 0.45, 0.2)},
)
STOCK = (("ok", "low", "out"), (0.75, 0.18, 0.07))
PRICE = (("ok", "above", "below"), (0.80, 0.12, 0.08))
COMPETITOR = (("none", "present", "promotion"), (0.45, 0.42, 0.13))
CONSENT_METHODS: tuple[str, ...] = ("wechat", "verbal", "written", "other")
CONSENT_WEIGHTS: tuple[float, ...] = (0.50, 0.30, 0.15, 0.05)
GROUP_KINDS: tuple[str, ...] = (
    "family",
    "workplace",
    "alumni",
    "hobby",
    "neighbourhood",
    "parents",
    "other",
)
GROUP_KIND_WEIGHTS: tuple[float, ...] = (0.20, 0.18, 0.12, 0.18, 0.14, 0.12, 0.06)
#: Where a KOC's journey is headed before time cuts it short (the funnel: each stage
#: narrower than the one before, whether event seats are scarce or not).
STAGE_TARGETS: tuple[int, ...] = (0, 1, 2, 3)
STAGE_TARGET_WEIGHTS: tuple[float, ...] = (0.40, 0.25, 0.19, 0.16)
FUNNEL: tuple[str, ...] = ("spotted", "introduced", "experienced", "advocating")
DORMANT_ODDS = 0.14
#: Chance a KOC at a given furthest stage runs a community group (about 30 % overall).
GROUP_ODDS: tuple[float, ...] = (0.18, 0.30, 0.42, 0.62)
FEEDBACK: tuple[int, ...] = (1, 2, 3, 4, 5)
FEEDBACK_WEIGHTS: tuple[float, ...] = (0.03, 0.07, 0.20, 0.40, 0.30)
BOTTLE_QTY: tuple[int, ...] = (1, 2, 2, 3, 4, 6, 6, 6, 10, 12, 12, 20, 24, 24, 30, 48, 50)
CASE_QTY: tuple[int, ...] = (1, 1, 1, 2, 2, 2, 3, 3, 5, 5, 8, 10)
#: Order weight per product category and channel.
CATEGORY_WEIGHTS: dict[str, dict[str, float]] = {
    "convenience": {"白酒": 0.8, "啤酒": 2.0, "礼盒": 0.1},
    "tobacco_liquor": {"白酒": 2.5, "啤酒": 0.6, "礼盒": 0.8},
    "supermarket": {"白酒": 1.2, "啤酒": 1.5, "礼盒": 0.5},
    "restaurant": {"白酒": 1.0, "啤酒": 2.5, "礼盒": 0.05},
    "other": {"白酒": 1.0, "啤酒": 1.0, "礼盒": 0.3},
}
BEER_WORDS: tuple[str, ...] = ("啤", "精酿", "烧烤", "火锅", "球", "原浆")
GIFT_WORDS: tuple[str, ...] = ("中秋", "春节", "年货", "送礼", "年夜")
NEVER = 10**9  # a day ordinal later than any real one: "has not happened"


def _cum(weights: Sequence[float]) -> list[float]:
    return list(accumulate(weights))


def _expand(items: Sequence[tuple[str, float]], scale: float) -> list[str]:
    """A list where each item appears about weight*scale times (fast weighted choice)."""
    out: list[str] = []
    for item, weight in items:
        out.extend([item] * max(1, round(weight * scale)))
    return out


class _Picker:
    """A weighted choice over a fixed population, from precomputed cumulative weights."""

    __slots__ = ("cum", "items", "total")

    def __init__(self, items: Sequence[Any], weights: Sequence[float]) -> None:
        self.items: Sequence[Any] = items
        self.cum = _cum(weights)
        self.total = self.cum[-1]

    def __call__(self, rnd: Callable[[], float]) -> Any:
        return self.items[bisect_right(self.cum, rnd() * self.total)]


def _photo_sink(store: Any) -> Callable[[bytes], tuple[str, int]] | None:
    """Writes a picture into the store's photo folder (named by its SHA-256, as
    ``store.photos.add_file`` does); None for a store that keeps no files."""
    photos = getattr(store, "photos", None)
    if photos is None or not hasattr(photos, "path_for"):
        return None

    def sink(data: bytes) -> tuple[str, int]:
        from ..store.files import private_folder

        sha = hashlib.sha256(data).hexdigest()
        target = photos.path_for(sha, "image/jpeg")
        if not target.exists():
            private_folder(target.parent)
            part = target.with_name(target.name + ".part")
            fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # owner only
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            part.replace(target)
        return sha, len(data)

    return sink


def _id_maker(rng: random.Random) -> Callable[[], str]:
    """Ids as ``str(uuid.UUID(int=rng.getrandbits(128), version=4))``."""
    bits = rng.getrandbits
    make = uuid.UUID

    def new_id() -> str:
        return str(make(int=bits(128), version=4))

    return new_id


# --------------------------------------------------------------------------- shared context


class _Names:
    """Precomputed name pools shared by all reps."""

    def __init__(self) -> None:
        self.surnames = _expand(C.SURNAMES, 10.0)
        self.male = C.GIVEN_MALE
        self.female = C.GIVEN_FEMALE

    def person(self, rng: random.Random) -> tuple[str, str]:
        """A (full name, surname) pair."""
        s = rng.choice(self.surnames)
        pool = self.female if rng.random() < 0.45 else self.male
        given = rng.choice(pool)
        if rng.random() < 0.62:
            given += rng.choice(pool)
        return s + given, s

    @staticmethod
    def mobile(rng: random.Random) -> str:
        return rng.choice(C.MOBILE_PREFIXES) + f"{rng.randrange(100_000_000):08d}"

    @staticmethod
    def wechat(rng: random.Random, surname: str, mobile: str | None) -> str:
        r = rng.random()
        if mobile is not None and r < 0.25:
            return mobile
        sp = C.SURNAME_PINYIN.get(surname, "wx")
        if r < 0.55:
            return f"{sp}{rng.randrange(1000, 1_000_000)}"
        if r < 0.75:
            return f"{sp}_{rng.choice(C.WECHAT_WORDS)}{rng.randrange(10, 100)}"
        if r < 0.85:
            return f"{rng.choice(C.WECHAT_WORDS)}{sp}{rng.randrange(60, 100)}"
        chars = "abcdefghijklmnopqrstuvwxyz0123456789"
        return "wxid_" + "".join(rng.choice(chars) for _ in range(10))


@dataclass(frozen=True)
class _County:
    id: str
    info: C.CountyInfo
    prefecture: C.Prefecture


@dataclass(frozen=True)
class _RepInfo:
    no: int
    id: str
    supervisor_id: str
    counties: tuple[_County, ...]
    county_weights: tuple[float, ...]
    seed: int


class _Clock:
    """Day ordinals to store text, precomputed for the generator's date range."""

    def __init__(self, today: date, now_minute: int = NOW_MINUTE) -> None:
        self.today = today.toordinal()
        #: "Now": this many minutes after midnight, Beijing time, on ``today``. Nothing
        #: is checked in, finished, reviewed or written after it.
        self.now_m = now_minute
        self.start = self.today - HISTORY_DAYS + 1
        self.base = self.today - 4 * 365
        self.days = [
            date.fromordinal(o).isoformat() for o in range(self.base, self.today + PLAN_DAYS + 60)
        ]

    def day(self, o: int) -> str:
        return self.days[o - self.base]

    def dt(self, o: int, bj_minute: int) -> str:
        """Day ``o`` at ``bj_minute`` minutes after midnight Beijing time (08:00-23:59)."""
        return self.days[o - self.base] + _TOD[bj_minute - BEIJING_OFFSET_MIN]

    def dt_past(self, o: int, bj_minute: int) -> str:
        """Like :meth:`dt`, but never after now: a time later today becomes a minute
        before now (or yesterday evening, early in the morning)."""
        if o < self.today or (o == self.today and bj_minute < self.now_m):
            return self.dt(o, bj_minute)
        if self.now_m > BEIJING_OFFSET_MIN + 1:
            return self.dt(self.today, self.now_m - 1)
        return self.dt(self.today - 1, 22 * 60)


class _Ctx:
    """What every rep's builder shares: clock, names, products, pickers."""

    def __init__(self, today: date, products: list[Row], now_minute: int = NOW_MINUTE) -> None:
        self.clock = _Clock(today, now_minute)
        self.names = _Names()
        self.products = products
        self.channel = _Picker(CHANNELS, CHANNEL_WEIGHTS)
        self.tier = {ch: _Picker(("A", "B", "C"), TIER_ODDS[ch]) for ch in CHANNELS}
        self.cloud = {t: _Picker(CLOUD_VALUES, CLOUD_ODDS[t]) for t in "ABC"}
        self.level = {t: _Picker((1, 2, 3, 4, 5), LEVEL_ODDS[t]) for t in "ABC"}
        self.ikind = _Picker(INTERACTION_KINDS, INTERACTION_KIND_WEIGHTS)
        self.display = {t: _Picker(DISPLAY[0], DISPLAY[1][t]) for t in "ABC"}
        self.stock = _Picker(*STOCK)
        self.price = _Picker(*PRICE)
        self.competitor = _Picker(*COMPETITOR)
        self.consent = _Picker(CONSENT_METHODS, CONSENT_WEIGHTS)
        self.group_kind = _Picker(GROUP_KINDS, GROUP_KIND_WEIGHTS)
        self.feedback = _Picker(FEEDBACK, FEEDBACK_WEIGHTS)
        self.stage_target = _Picker(STAGE_TARGETS, STAGE_TARGET_WEIGHTS)
        idx = range(len(C.PRODUCTS))
        self.order_product = {
            ch: _Picker(
                tuple(idx),
                [CATEGORY_WEIGHTS[ch][p.category] * (10.0 / p.price) ** 0.5 for p in C.PRODUCTS],
            )
            for ch in CHANNELS
        }
        self.baijiu = [i for i in idx if C.PRODUCTS[i].category == "白酒"]
        self.beer = [i for i in idx if C.PRODUCTS[i].category == "啤酒"]
        self.gifts = [i for i in idx if C.PRODUCTS[i].category == "礼盒"]
        self.scene_by_month: dict[int, list[str]] = {
            m: [t for t, months in C.SCENE_THEMES if m in months] for m in range(1, 13)
        }


# --------------------------------------------------------------------------- one rep


class _Shop:
    __slots__ = (
        "channel",
        "county",
        "created_o",
        "done",
        "every",
        "id",
        "last",
        "lat",
        "level",
        "lon",
        "name",
        "owner_id",
        "route_day",
        "slip",
        "tier",
        "visits",
    )

    def __init__(
        self,
        id: str,
        owner_id: str,
        name: str,
        channel: str,
        tier: str,
        county: _County,
        created_o: int,
    ) -> None:
        self.id = id
        self.owner_id = owner_id
        self.name = name
        self.channel = channel
        self.tier = tier
        self.county = county
        self.created_o = created_o
        self.level = 1
        self.every = VISIT_EVERY[tier]
        self.lat: float | None = None
        self.lon: float | None = None
        #: Weekday of the shop's route (1 Monday ... 6 Saturday).
        self.route_day = 1
        #: The day of the last visit made (or planned) while scheduling.
        self.last = 0
        #: Days (first, last) the rep lets the shop slip: no visit then.
        self.slip = (NEVER, NEVER)
        #: The schedule's stops at this shop, by day: (day, kind, Beijing check-in
        #: minute, minutes in the shop, place in the day's plan); kind is "visit"
        #: (planned and made), "drop" (an unplanned drop-in), "missed" (planned, never
        #: made) or "plan" (planned, not checked in yet). Minutes None: not checked in
        #: (minutes in the shop None alone: in the shop now); place None: a past day.
        self.visits: list[tuple[int, str, int | None, int | None, int | None]] = []
        #: Finished visits: (visit id, day, Beijing check-in minute), by day.
        self.done: list[tuple[str, int, int]] = []


class _Event:
    __slots__ = (
        "capacity",
        "created_o",
        "day",
        "done",
        "end_m",
        "exp_kocs",
        "exp_room",
        "id",
        "start_m",
        "status",
        "venue",
    )

    def __init__(
        self,
        id: str,
        day: int,
        start_m: int,
        end_m: int,
        capacity: int,
        status: str,
        venue: _Shop,
        created_o: int,
    ) -> None:
        self.id = id
        self.day = day
        self.start_m = start_m
        self.end_m = end_m
        self.capacity = capacity
        self.status = status
        self.done = status == "done"
        self.venue = venue
        self.created_o = created_o
        self.exp_room = max(0, capacity - 4)
        #: KOCs whose first experience this event was (they attended).
        self.exp_kocs: list[str] = []


class _Koc:
    __slots__ = ("dormant_o", "exp_o", "id", "intro_o")

    def __init__(self, id: str, intro_o: int, exp_o: int, dormant_o: int) -> None:
        self.id = id
        self.intro_o = intro_o
        self.exp_o = exp_o
        self.dormant_o = dormant_o


#: Opening hours by channel (Beijing time); shops of other channels: 08:00-21:00.
OPENING_HOURS: dict[str, tuple[str, str]] = {
    "restaurant": ("10:00", "22:00"),
    "tobacco_liquor": ("08:00", "22:00"),
    "supermarket": ("08:30", "21:30"),
}


class _RepBuilder:
    """Builds every row of one rep's territory, from the rep's own random streams."""

    def __init__(self, ctx: _Ctx, rep: _RepInfo, shops: int, kocs_per_shop: float) -> None:
        self.ctx = ctx
        self.rep = rep
        master = random.Random(rep.seed)
        self.rng = random.Random(master.getrandbits(64))
        self.new_id = _id_maker(random.Random(master.getrandbits(64)))
        self.n_shops = shops
        self.kocs_per_shop = kocs_per_shop
        self.rows: dict[str, list[Row]] = {t: [] for t in REP_TABLES}
        self.shops: list[_Shop] = []
        self.events: list[_Event] = []
        self.kocs: list[_Koc] = []

    def build(self) -> dict[str, list[Row]]:
        self._shops_and_owners()
        self._events()
        self._kocs()
        self._invitations()
        return self.rows

    # ---------------------------------------------------------------- route and day plan (PJP)

    def _route_days(self) -> None:
        """Give every shop its route weekday (Monday to Saturday), balanced by the visits
        its tier asks for, so each working day's due shops are about what a day holds.

        The rep's counties are laid end to end (the main county first) and each
        county's shops from west to east; that strip is cut into six days of equal
        demand (A 1 visit a week, B 1/2, C 7/30). A day's stops so lie in one part of one
        county, or two neighbouring ones, and every county has at least one route day.
        Draws nothing from the random stream.
        """
        rank = {c.id: i for i, c in enumerate(self.rep.counties)}

        def west_to_east(s: _Shop) -> tuple[int, float, str]:
            return (rank[s.county.id], s.county.info.lon if s.lon is None else s.lon, s.id)

        strip = sorted(self.shops, key=west_to_east)
        per_day = sum(7 / s.every for s in strip) / 6
        acc = 0.0
        for s in strip:
            share = 7 / s.every
            s.route_day = min(6, int((acc + share / 2) / per_day) + 1)
            acc += share

    def _schedule(self) -> None:
        """The rep's working days, one at a time, from a year ago to the plan's horizon.

        Each day (not Sundays) holds a number of stops drawn from :data:`DAY_CAPACITY`.
        They are the shops on that weekday's route whose visit cannot wait for next
        week (A every route day, B every other, C every fourth or fifth), the most
        overdue against their tier first; a day with room left takes the shops of the
        day's counties that are due soonest: unplanned drop-ins on a past day, planned
        stops from today on. A route day with more due shops than room leaves the least
        overdue for next week, so a rep falls a little behind at times, as reps do.
        Stops go in a nearest-next order from the westmost one; up to today they get
        times, one after another between about 08:30 and 17:50 with a lunch break, so
        the rep is in one shop at a time. Today's stops after now are still planned,
        the one under way at now is in progress. Past planned stops are now and then
        never made (:data:`MISSED_ODDS`), and a few shops slip (:data:`OVERDUE_ODDS`).
        """
        rng, clock = self.rng, self.ctx.clock
        rnd = rng.random
        today, now_m = clock.today, clock.now_m
        horizon = today + PLAN_DAYS
        low, high, mode = DAY_CAPACITY
        route: dict[int, list[_Shop]] = {d: [] for d in range(1, 7)}
        for s in self.shops:
            route[s.route_day].append(s)
            if s.created_o < clock.start:  # a phase: last seen before the year began
                s.last = clock.start - 1 - rng.randrange(s.every)
            else:  # new: due on its first route day
                s.last = s.created_o - s.every
            if rnd() < OVERDUE_ODDS:
                s.slip = (today - int(s.every * rng.uniform(2.2, 4.0)),
                          today if rnd() < 0.5 else horizon)  # fmt: skip
        county_days: dict[int, set[str]] = {
            d: {s.county.id for s in shops} for d, shops in route.items()
        }

        def can(s: _Shop, d: int) -> bool:
            return s.created_o < d and not s.slip[0] < d <= s.slip[1]

        for d in range(clock.start, horizon + 1):
            weekday = (d - 1) % 7 + 1
            if weekday == 7:
                continue
            room = round(rng.triangular(low, high, mode))
            due = [s for s in route[weekday] if can(s, d) and d - s.last + 7 > s.every]
            due.sort(key=lambda s: (s.last - d) / s.every - 0.1 * rnd())
            stops = [(s, "visit" if d < today else "plan") for s in due[:room]]
            if len(stops) < room:
                taken = {s.id for s, _ in stops}
                near = county_days[weekday]
                # The plan keeps to the route; a drop-in is wherever the rep passes.
                pool = self.shops if d < today else route[weekday]
                soon = [
                    s for s in pool
                    if s.county.id in near and s.id not in taken and can(s, d) and d - s.last >= 3
                ]  # fmt: skip
                soon.sort(key=lambda s: (s.last - d) / s.every - 0.1 * rnd())
                kind = "drop" if d < today else "plan"
                stops += [(s, kind) for s in soon[: room - len(stops)]]
            stops = self._nearest_next(stops)
            times = self._day_times(len(stops)) if d <= today else [(None, None)] * len(stops)
            for seq, ((s, kind), (m, length)) in enumerate(zip(stops, times, strict=True), 1):
                place = seq if d >= today else None
                if kind == "visit" and rnd() < MISSED_ODDS:
                    s.visits.append((d, "missed", None, None, None))
                    continue
                s.last = d
                if d == today and m is not None and length is not None:
                    if m > now_m:
                        m = length = None
                        kind = "plan"
                    else:
                        kind = "visit"
                        if m + length > now_m:
                            length = None  # in the shop now
                s.visits.append((d, kind, m, length, place))

    @staticmethod
    def _nearest_next(stops: list[tuple[_Shop, str]]) -> list[tuple[_Shop, str]]:
        """The day's stops from the westmost, each next the nearest; unplaced last."""
        placed = [x for x in stops if x[0].lat is not None]
        order = [x for x in stops if x[0].lat is None]
        if not placed:
            return order
        here = min(placed, key=lambda x: (x[0].lon, x[0].id))
        placed.remove(here)
        route = [here]
        while placed:
            h = here[0]
            here = min(placed, key=lambda x: (x[0].lat - h.lat) ** 2 + (x[0].lon - h.lon) ** 2)  # type: ignore[operator]
            placed.remove(here)
            route.append(here)
        return route + order

    def _day_times(self, n: int) -> list[tuple[int | None, int | None]]:
        """Check-in minute (Beijing time) and minutes in the shop for ``n`` stops in a
        row: from 08:30-09:20, 15-45 minutes each, 5-30 minutes to the next, a lunch
        break, the last one out by 17:50 (a long day's visits and drives are shorter)."""
        if n == 0:
            return []
        rng = self.rng
        start = rng.randint(510, 560)
        lunch = rng.randint(30, 60)
        lengths = [rng.randint(15, 45) for _ in range(n)]
        gaps = [rng.randint(8, 30) for _ in range(n)]
        gaps[-1] = 0
        budget = 17 * 60 + 50 - start - lunch
        least = 15 * n + 5 * (n - 1)
        need = sum(lengths) + sum(gaps)
        if need > budget:
            f = max(0.0, (budget - least) / (need - least))
            lengths = [15 + int((x - 15) * f) for x in lengths]
            gaps = [5 + int((g - 5) * f) for g in gaps[:-1]] + [0]
        out: list[tuple[int | None, int | None]] = []
        m, fed = start, False
        for length, gap in zip(lengths, gaps, strict=True):
            if not fed and m >= 12 * 60:
                m += lunch
                fed = True
            out.append((m, length))
            m += length + gap
        return out

    def _meta(self, when: str, updated: str | None = None) -> dict[str, Any]:
        rid = self.rep.id
        return {
            "created_at": when,
            "updated_at": updated or when,
            "created_by": rid,
            "updated_by": rid,
        }

    def _address(self, county: _County, town: str) -> str:
        rng = self.rng
        name = county.info.name
        if name.endswith("区"):
            name = county.prefecture.name + name
        road, road2 = rng.sample(C.ROADS, 2)
        return rng.choice(C.ADDRESS_PATTERNS).format(
            county=name,
            road=road,
            road2=road2,
            n=rng.randint(1, 399),
            m=rng.choice((20, 50, 100, 150, 200)),
            town=town,
            village=rng.choice(C.VILLAGES),
            community=rng.choice(C.COMMUNITIES),
            dir=rng.choice(C.DIRECTIONS),
        )

    def _phone(self, county: _County, owner_mobile: str | None) -> str | None:
        rng = self.rng
        r = rng.random()
        if r < 0.55:
            return owner_mobile or self.ctx.names.mobile(rng)
        if r < 0.90:
            area = county.prefecture.area_code
            if area == "0371":
                return f"0371-6{rng.randrange(10_000_000):07d}"
            return f"{area}-{rng.randint(2, 8)}{rng.randrange(1_000_000):06d}"
        return None

    def _shops_and_owners(self) -> None:
        ctx, rng, clock = self.ctx, self.rng, self.ctx.clock
        rnd = rng.random
        names = ctx.names
        new_id = self.new_id
        county_pick = _Picker(self.rep.counties, self.rep.county_weights)
        shops_out, owners_out = self.rows["shops"], self.rows["owners"]
        owners: list[tuple[str, str, str | None, str]] = []
        for i in range(self.n_shops):
            county = county_pick(rnd)
            channel = ctx.channel(rnd)
            tier = ctx.tier[channel](rnd)
            owner_name, surname = names.person(rng)
            town = rng.choice(C.TOWNS)
            name = rng.choice(C.SHOP_NAME_PATTERNS[channel]).format(
                s=surname,
                place=C.short_place(county.info.name),
                town=town[:-1],
                l=rng.choice(C.LUCKY_1),
                ll=rng.choice(C.LUCKY_2),
            )
            if rnd() < 0.85:  # on the master list before the year began
                created_o = clock.start - rng.randint(20, 900)
            else:
                created_o = clock.start + rng.randint(0, HISTORY_DAYS - 35)
            created = clock.dt(created_o, rng.randint(540, 1020))
            shop_id, owner_id = new_id(), new_id()
            shop = _Shop(shop_id, owner_id, name, channel, tier, county, created_o)
            self.shops.append(shop)
            mobile = names.mobile(rng) if rnd() < 0.92 else None
            gps = rnd() < 0.95
            if gps:
                shop.lat = round(county.info.lat + rng.gauss(0, 0.03), 6)
                shop.lon = round(county.info.lon + rng.gauss(0, 0.03), 6)
            pick = int(shop_id[:8], 16)  # not a draw: the random stream stays as it is
            hours = (
                OPENING_HOURS.get(channel, ("08:00", "21:00"))
                if pick % 10 < 7  # hours known for seven shops in ten
                else (None, None)
            )
            shops_out.append(
                {
                    "id": shop_id,
                    "code": f"HN{self.rep.no:04d}{i + 1:04d}",
                    "name": name,
                    "channel": channel,
                    "tier": tier,
                    "address": self._address(county, town),
                    "county_id": county.id,
                    "phone": self._phone(county, mobile),
                    "latitude": shop.lat,
                    "longitude": shop.lon,
                    "cloud_store": ctx.cloud[tier](rnd),
                    "notes": rng.choice(C.SHOP_NOTES) if rnd() < 0.18 else None,
                    "rep_id": self.rep.id,
                    "route_days": None,  # the day plan's route, set below
                    "opens_at": hours[0],
                    "closes_at": hours[1],
                    **self._meta(created),
                }
            )
            owners.append((owner_name, surname, mobile, created))
        self._route_days()
        self._schedule()
        for shop, row, (owner_name, surname, mobile, created) in zip(
            self.shops, shops_out, owners, strict=True
        ):
            row["route_days"] = str(shop.route_day)
            done_days = [d for d, kind, *_ in shop.visits if kind in ("visit", "drop")]
            level, last_change = self._interactions(shop, done_days)
            shop.level = level[-1][1]
            cares = None
            if rnd() < 0.85:
                cares = "；".join(rng.sample(C.OWNER_CARES, rng.randint(1, 3)))
            birthday = None
            if rnd() < 0.65:
                age_days = rng.randint(26 * 365, 65 * 365)
                birthday = date.fromordinal(clock.today - age_days).isoformat()
            owners_out.append(
                {
                    "id": shop.owner_id,
                    "shop_id": shop.id,
                    "name": owner_name,
                    "mobile": mobile,
                    "wechat": names.wechat(rng, surname, mobile) if rnd() < 0.75 else None,
                    "birthday": birthday,
                    "level": shop.level,
                    "cares_about": cares,
                    "notes": rng.choice(C.OWNER_NOTES) if rnd() < 0.25 else None,
                    **self._meta(created, last_change),
                }
            )
            self._visits(shop, level)

    def _interactions(
        self, shop: _Shop, done_days: list[int]
    ) -> tuple[list[tuple[int, int]], str | None]:
        """Write the owner's interactions; return the level timeline [(day, level), ...]
        (starting level first, day 0) and when the owner's level was last set."""
        ctx, rng, clock = self.ctx, self.rng, self.ctx.clock
        rnd = rng.random
        target = ctx.level[shop.tier](rnd)
        start_level = max(1, min(5, target + rng.choice((-1, 0, 0, 0, 1))))
        begin = max(clock.start, shop.created_o + 1)
        span = clock.today - begin + 1
        n = round(INTERACTIONS_PER_MONTH[target] * span / 30.4 * rng.uniform(0.75, 1.25))
        if span > 20:
            n = max(1, n)
        chosen: dict[int, str] = {}
        pick_kind = ctx.ikind
        for _ in range(n):
            kind = pick_kind(rnd)
            if kind == "visit" and done_days:
                day = rng.choice(done_days)
            else:
                day = begin + rng.randrange(span)
            if day not in chosen:
                chosen[day] = kind
        days = sorted(chosen)
        timeline: list[tuple[int, int]] = [(0, start_level)]
        level = start_level
        last_change: str | None = None
        out = self.rows["interactions"]
        rep_id = self.rep.id
        notes = C.INTERACTION_NOTES
        for k, day in enumerate(days):
            kind = chosen[day]
            before = level
            r = rnd()
            up = LEVEL_UP_ODDS[kind] * (0.35 if level > target else 1.0)
            down = 0.03 + (0.07 if level > target else 0.0)
            if r < up:
                level = min(5, level + 1)
            elif r > 1.0 - down:
                level = max(1, level - 1)
            level_after: int | None = None
            if level != before or k == len(days) - 1 or rnd() < 0.6:
                level_after = level
                timeline.append((day, level))
            when = clock.dt_past(day, rng.randint(540, 1260))
            if level_after is not None:
                last_change = when
            out.append(
                {
                    "id": self.new_id(),
                    "owner_id": shop.owner_id,
                    "rep_id": rep_id,
                    "date": clock.day(day),
                    "kind": kind,
                    "note": rng.choice(notes[kind]) if rnd() < 0.8 else None,
                    "level_after": level_after,
                    "created_at": when,
                    "updated_at": when,
                    "created_by": rep_id,
                    "updated_by": rep_id,
                }
            )
        return timeline, last_change

    def _visits(self, shop: _Shop, timeline: list[tuple[int, int]]) -> None:
        """The shop's visit rows from its stops in the schedule (``_schedule``)."""
        ctx, rng, clock = self.ctx, self.rng, self.ctx.clock
        rnd = rng.random
        today = clock.today
        rep_id, sup_id = self.rep.id, self.rep.supervisor_id
        new_id = self.new_id
        visits, lines = self.rows["visits"], self.rows["order_lines"]
        reviews = self.rows["visit_reviews"]
        display, stock, price = ctx.display[shop.tier], ctx.stock, ctx.price
        competitor = ctx.competitor
        order_pick = ctx.order_product[shop.channel]
        products = ctx.products
        pinfo = C.PRODUCTS
        dt, day_s = clock.dt, clock.day
        ti = 0
        level = timeline[0][1]
        for d, kind, m, length, place in shop.visits:
            while ti < len(timeline) and timeline[ti][0] <= d:
                level = timeline[ti][1]
                ti += 1
            vid = new_id()
            if kind == "plan" and d > today:  # planned in the last few evenings
                created = clock.dt_past(
                    today - rng.randint(0, min(6, d - today)), rng.randint(1200, 1320)
                )
            else:  # put on the plan a few evenings before
                created = dt(max(shop.created_o, d - rng.randint(1, 6)), rng.randint(1200, 1320))
            if m is None:  # planned, not checked in: never made, or still to come
                row = self._visit_row(vid, shop.id, day_s(d), None, None, created)
                row["plan_seq"] = place
                visits.append(row)
                continue
            planned = kind == "visit"
            ci = dt(d, m)
            co: str | None = None if length is None else dt(d, m + length)
            shop.done.append((vid, d, m))
            if not planned:
                created = ci
            row = self._visit_row(vid, shop.id, day_s(d) if planned else None, ci, co, created)
            row["plan_seq"] = place
            row["check_display"] = display(rnd) if rnd() < 0.95 else None
            row["check_stock"] = stock(rnd) if rnd() < 0.95 else None
            row["check_price"] = price(rnd) if rnd() < 0.93 else None
            row["check_competitor"] = competitor(rnd) if rnd() < 0.9 else None
            if rnd() < 0.45:
                row["check_notes"] = rng.choice(C.VISIT_CHECK_NOTES)
            if rnd() < 0.3:
                row["relationship_note"] = rng.choice(C.RELATIONSHIP_NOTES)
                row["relationship_level"] = level
            if rnd() < 0.35:
                row["next_actions"] = rng.choice(C.NEXT_ACTIONS)
            updated = co or ci
            if co is not None:
                age = today - d
                r = rnd()
                if age <= 1:
                    status = "submitted" if r < 0.2 else "draft"
                elif age <= 7:
                    status = (
                        "submitted"
                        if r < 0.45
                        else "approved"
                        if r < 0.85
                        else "draft"
                        if r < 0.93
                        else "returned"
                    )
                elif age <= 14:
                    status = "approved" if r < 0.85 else "submitted" if r < 0.95 else "returned"
                else:  # the queue holds the last two weeks only: older ones are decided
                    status = "approved" if r < 0.96 else "returned"
                row["review_status"] = status
                if status in ("approved", "returned"):
                    reviewed = clock.dt_past(
                        min(today, d + rng.randint(0, 3)), rng.randint(1140, 1350)
                    )
                    row["reviewed_by"] = sup_id
                    row["reviewed_at"] = reviewed
                    updated = reviewed
                    if status == "returned":
                        row["supervisor_comment"] = rng.choice(C.SUPERVISOR_COMMENTS)
                    # The decision in the review history too. Its id is derived from the
                    # visit's, so the random stream (and every later id) stays as it was.
                    reviews.append(
                        {
                            "id": _derived_id(row["id"], "review"),
                            "visit_id": row["id"],
                            "decision": status,
                            "comment": row.get("supervisor_comment"),
                            "reviewer_id": sup_id,
                            "decided_at": reviewed,
                            "created_at": reviewed,
                            "updated_at": reviewed,
                            "created_by": sup_id,
                            "updated_by": sup_id,
                        }
                    )
                    fixed = status == "returned" and age > 3 and rnd() < 0.85
                    # A visit returned more than two weeks ago has been fixed by now (a
                    # rep does not leave one for months): those of the 15 % drawn above
                    # take their times from a stream of their own, so every other row
                    # of the demo stays as it was.
                    late = status == "returned" and age > 14 and not fixed
                    if fixed or late:
                        own = random.Random(_derived_id(row["id"], "fixed")) if late else rng
                        # Fixed and sent again a day or two later; decided again unless
                        # that was within the last few days (then it waits in the queue).
                        again_o = min(today, d + own.randint(1, 3) + (today - d) // 10)
                        row["supervisor_comment"] = None
                        row["reviewed_by"] = row["reviewed_at"] = None
                        row["review_status"] = "submitted"
                        updated = clock.dt_past(again_o, own.randint(1140, 1320))
                        if today - again_o > 3:
                            decided = clock.dt_past(
                                min(today, again_o + own.randint(0, 2)), own.randint(1140, 1350)
                            )
                            row["review_status"] = "approved"
                            row["reviewed_by"] = sup_id
                            row["reviewed_at"] = decided
                            updated = decided
                            reviews.append(
                                {
                                    "id": _derived_id(row["id"], "review-again"),
                                    "visit_id": row["id"],
                                    "decision": "approved",
                                    "comment": None,
                                    "reviewer_id": sup_id,
                                    "decided_at": decided,
                                    "created_at": decided,
                                    "updated_at": decided,
                                    "created_by": sup_id,
                                    "updated_by": sup_id,
                                }
                            )
                if rnd() < 0.6:
                    seen: list[int] = []
                    for _ in range(1 + (rnd() < 0.6) + (rnd() < 0.4) + (rnd() < 0.3)):
                        p = order_pick(rnd)
                        if p in seen:
                            continue
                        seen.append(p)
                        info = pinfo[p]
                        qty = rng.choice(CASE_QTY if info.unit == "箱" else BOTTLE_QTY)
                        unit_price = info.price
                        if rnd() < 0.2:
                            unit_price = round(unit_price * rng.choice((0.95, 0.9, 0.88)), 2)
                        lines.append(
                            {
                                "id": new_id(),
                                "visit_id": vid,
                                "product_id": products[p]["id"],
                                "quantity": qty,
                                "unit_price": unit_price,
                                "created_at": co,
                                "updated_at": co,
                                "created_by": rep_id,
                                "updated_by": rep_id,
                            }
                        )
            row["updated_at"] = updated
            visits.append(row)

    def _visit_row(
        self,
        vid: str,
        shop_id: str,
        planned: str | None,
        ci: str | None,
        co: str | None,
        created: str,
    ) -> Row:
        rep_id = self.rep.id
        return {
            "id": vid,
            "shop_id": shop_id,
            "rep_id": rep_id,
            "planned_date": planned,
            "plan_seq": None,
            "checkin_at": ci,
            "checkout_at": co,
            "check_display": None,
            "check_stock": None,
            "check_price": None,
            "check_competitor": None,
            "check_notes": None,
            "relationship_note": None,
            "relationship_level": None,
            "next_actions": None,
            "review_status": "draft",
            "supervisor_comment": None,
            "reviewed_by": None,
            "reviewed_at": None,
            "created_at": created,
            "updated_at": created,
            "created_by": rep_id,
            "updated_by": rep_id,
        }

    # ---------------------------------------------------------------- events

    def _events(self) -> None:
        ctx, rng, clock = self.ctx, self.rng, self.ctx.clock
        rnd = rng.random
        today = clock.today
        by_weight: dict[str, list[_Shop]] = {"restaurant": [], "tobacco_liquor": [], "shop": []}
        for s in self.shops:
            key = s.channel if s.channel in ("restaurant", "tobacco_liquor") else "shop"
            by_weight[key].extend([s] * {"A": 4, "B": 2, "C": 1}[s.tier])
        days: list[int] = []
        for week in range(HISTORY_DAYS // 7 + 1):
            r = rnd()
            count = 0 if r < 0.2 else 1 if r < 0.8 else 2
            for _ in range(count):
                d = clock.start + week * 7 + rng.randrange(7)
                if d < today:
                    days.append(d)
        for _ in range(rng.randint(1, 3)):
            days.append(today + rng.randint(0, PLAN_DAYS))
        days.sort()
        events, products_out = self.rows["events"], self.rows["event_products"]
        # The rep's visits of each day: an event starts after the last one (or ends
        # before the first), so the rep is never in a shop during an event. A working
        # day from today on is taken until 17:50 (its stops have no times yet).
        busy: dict[int, tuple[int, int]] = {}
        for shop in self.shops:
            for day, _, m, length, _ in shop.visits:
                if m is None:
                    continue
                end = m + (length if length is not None else 45)
                first, last = busy.get(day, (m, end))
                busy[day] = (min(first, m), max(last, end))
        for day in range(today, today + PLAN_DAYS + 1):
            if (day - 1) % 7 != 6:
                busy[day] = (510, 17 * 60 + 50)

        def free(day: int, options: tuple[int, ...]) -> tuple[int, ...]:
            """The start times among ``options`` clear of the rep's visits that day."""
            if day not in busy:
                return options
            first, last = busy[day]
            fits = tuple(o for o in options if o >= last or o + 180 <= first)
            return fits or (1080, 1110, 1140)

        for d in days:
            tasting = rnd() < 0.55
            r = rnd()
            if tasting:
                key = "restaurant" if r < 0.6 else "tobacco_liquor" if r < 0.9 else "shop"
            else:
                key = "restaurant" if r < 0.7 else "tobacco_liquor" if r < 0.85 else "shop"
            pool = by_weight[key] or by_weight["restaurant"] or by_weight["shop"]
            venue = rng.choice([s for s in pool if s.created_o < d] or pool)
            place = C.short_place(venue.county.info.name)
            if tasting:
                title = rng.choice(C.TASTING_TITLES).format(
                    venue=venue.name, product=rng.choice(C.TASTING_SERIES), place=place
                )
                if rnd() < 0.8:  # dinner
                    start_m = rng.choice(free(d, (1080, 1110, 1140, 1170)))
                else:
                    start_m = rng.choice(free(d, (870, 900, 930)))
            else:
                month = date.fromordinal(d).month
                title = rng.choice(ctx.scene_by_month[month]).format(venue=venue.name, place=place)
                # On the hour or the half hour, as people set them.
                start_m = rng.choice(
                    free(d, (660, 690, 720) if rnd() < 0.35 else (1050, 1080, 1110, 1140))
                )
            end_m = start_m + rng.choice((120, 150, 180))
            capacity = rng.randint(8, 30)
            if d < today:
                status = "done" if rnd() < 0.93 else "cancelled"
            else:
                status = "confirmed" if rnd() < (0.7 if d - today <= 4 else 0.35) else "planned"
            created_o = min(today, d - rng.randint(5, 15))
            ev = _Event(self.new_id(), d, start_m, end_m, capacity, status, venue, created_o)
            self.events.append(ev)
            created = clock.dt_past(created_o, rng.randint(540, 600))
            updated = clock.dt(d, end_m) if status == "done" else created
            events.append(
                {
                    "id": ev.id,
                    "kind": "tasting" if tasting else "scene",
                    "title": title,
                    "venue_shop_id": venue.id,
                    "venue_note": rng.choice(C.VENUE_NOTES) if rnd() < 0.4 else None,
                    "starts_at": clock.dt(d, start_m),
                    "ends_at": clock.dt(d, end_m),
                    "capacity": capacity,
                    "budget": float(capacity * rng.randint(8, 20) * 10),
                    "status": status,
                    "rep_id": self.rep.id,
                    "notes": rng.choice(C.EVENT_NOTES) if rnd() < 0.5 else None,
                    **self._meta(created, updated),
                }
            )
            if any(w in title for w in BEER_WORDS):
                pool_p = ctx.beer
            elif any(w in title for w in GIFT_WORDS):
                pool_p = ctx.gifts + ctx.baijiu[:4]
            else:
                pool_p = ctx.baijiu
            for p in rng.sample(pool_p, min(len(pool_p), rng.randint(1, 3))):
                products_out.append(
                    {
                        "id": self.new_id(),
                        "event_id": ev.id,
                        "product_id": ctx.products[p]["id"],
                        **self._meta(created),
                    }
                )

    # ---------------------------------------------------------------- KOCs

    def _kocs(self) -> None:
        ctx, rng, clock = self.ctx, self.rng, self.ctx.clock
        rnd = rng.random
        today = clock.today
        names = ctx.names
        dt = clock.dt_past  # everything about a KOC has happened by now
        new_id = self.new_id
        rep_id = self.rep.id
        kocs_out, links_out = self.rows["kocs"], self.rows["koc_shops"]
        changes_out, groups_out = self.rows["koc_stage_changes"], self.rows["community_groups"]
        shop_pick = _Picker(
            self.shops,
            [{"A": 3.0, "B": 1.7, "C": 0.8}[s.tier] * (0.5 + 0.3 * s.level) for s in self.shops],
        )
        by_county: dict[str, list[_Shop]] = {}
        for s in self.shops:
            by_county.setdefault(s.county.id, []).append(s)
        done_events = [e for e in self.events if e.done]
        event_days = [e.day for e in done_events]
        n = round(self.n_shops * self.kocs_per_shop * rng.uniform(0.95, 1.05))
        need_days = (0, 10, 25, 45)
        for _ in range(n):
            koc_id = new_id()
            target = ctx.stage_target(rnd)
            dormant = rnd() < DORMANT_ODDS and target >= 1
            need = need_days[target] + (40 if dormant else 0)
            source_visit: str | None = None
            source_event: str | None = None
            if done_events and rnd() < 0.08:
                ev = rng.choice(done_events)
                shop = ev.venue
                source_event = ev.id
                spot_o, spot_m = ev.day, rng.randint(ev.start_m + 30, ev.end_m - 5)
            else:
                shop = shop_pick(rnd)
                for _ in range(4):
                    if shop.done:
                        break
                    shop = shop_pick(rnd)
                if shop.done:
                    k = bisect_right(shop.done, today - need, key=lambda v: v[1])
                    vid, spot_o, m = rng.choice(shop.done[:k] if k else shop.done)
                    source_visit = vid
                    spot_m = min(m + rng.randint(3, 14), 1439)
                else:
                    spot_o = max(clock.start, shop.created_o + 1) + rng.randrange(30)
                    spot_o = min(spot_o, today)
                    spot_m = rng.randint(540, 1080)
            # Walk the funnel as far as time (and event seats) allow.
            stages: list[tuple[str, int, int]] = [("spotted", spot_o, spot_m)]
            intro_o = exp_o = dormant_o = NEVER
            if target >= 1:
                o = spot_o + rng.randint(2, 30)
                if o <= today:
                    intro_o = o
                    stages.append(("introduced", o, rng.randint(540, 1140)))
            if target >= 2 and intro_o != NEVER:
                i = bisect_right(event_days, intro_o)
                chosen: _Event | None = None
                for ev in done_events[i : i + 8]:
                    if ev.exp_room > 0 and ev.day <= intro_o + 120 and rnd() < 0.6:
                        chosen = ev
                        break
                if chosen is not None:
                    chosen.exp_room -= 1
                    chosen.exp_kocs.append(koc_id)
                    exp_o = chosen.day
                    stages.append(("experienced", chosen.day, chosen.end_m))
            if target >= 3 and exp_o != NEVER:
                o = exp_o + rng.randint(5, 60)
                if o <= today:
                    stages.append(("advocating", o, rng.randint(540, 1260)))
            if dormant and len(stages) > 1:
                o = stages[-1][1] + rng.randint(30, 150)
                if o <= today:
                    dormant_o = o
                    stages.append(("dormant", o, rng.randint(540, 1260)))
            reached = sum(1 for s in stages if s[0] in FUNNEL) - 1
            self.kocs.append(_Koc(koc_id, intro_o, exp_o, dormant_o))
            spotted = dt(spot_o, spot_m)
            last = dt(stages[-1][1], stages[-1][2])
            name, surname = names.person(rng)
            if rnd() < 0.06:
                name = rng.choice(C.NICKNAME_PATTERNS).format(s=surname)
            introduced = reached >= 1
            mobile = names.mobile(rng) if rnd() < (0.9 if introduced else 0.35) else None
            wechat = None
            if rnd() < (0.8 if introduced else 0.25):
                wechat = names.wechat(rng, surname, mobile)
            consent = introduced and rnd() < 0.85
            mu = 2.6 + 0.4 * reached
            traits = [max(1, min(5, round(rng.gauss(mu, 0.9)))) for _ in range(4)]
            if reached == 3:
                traits[2] = max(traits[2], 4)
            intro_dt = dt(stages[1][1], stages[1][2]) if introduced else None
            kocs_out.append(
                {
                    "id": koc_id,
                    "name": name,
                    "mobile": mobile,
                    "wechat": wechat,
                    "county_id": shop.county.id,
                    "trait_acquaintances": traits[0],
                    "trait_trying": traits[1],
                    "trait_sharing": traits[2],
                    "trait_expertise": traits[3],
                    "stage": stages[-1][0],
                    "consent": 1 if consent else 0,
                    "consent_at": intro_dt if consent else None,
                    "consent_method": ctx.consent(rnd) if consent else None,
                    "rep_id": rep_id,
                    "source_visit_id": source_visit,
                    "source_event_id": source_event,
                    "notes": rng.choice(C.KOC_NOTES) if rnd() < 0.55 else None,
                    **self._meta(spotted, last),
                }
            )
            links_out.append(
                {
                    "id": new_id(),
                    "koc_id": koc_id,
                    "shop_id": shop.id,
                    "introduced_by_owner_id": shop.owner_id,
                    "introduced_at": clock.day(intro_o) if introduced else None,
                    "note": rng.choice(C.KOC_SHOP_NOTES) if rnd() < 0.35 else None,
                    **self._meta(spotted),
                }
            )
            if rnd() < 0.15:
                neighbours = by_county[shop.county.id]
                other = rng.choice(neighbours)
                if other is not shop and len(neighbours) > 1:
                    link_o = min(max(spot_o, other.created_o) + rng.randint(1, 60), today)
                    link_m = 1290 if link_o > spot_o else min(1439, spot_m + 10)
                    links_out.append(
                        {
                            "id": new_id(),
                            "koc_id": koc_id,
                            "shop_id": other.id,
                            "introduced_by_owner_id": other.owner_id,
                            "introduced_at": clock.day(max(link_o, intro_o))
                            if introduced
                            else None,
                            "note": rng.choice(C.KOC_SHOP_NOTES) if rnd() < 0.35 else None,
                            **self._meta(dt(link_o, link_m)),
                        }
                    )
            previous: str | None = None
            for stage, o, m in stages:
                when = dt(o, m)
                changes_out.append(
                    {
                        "id": new_id(),
                        "koc_id": koc_id,
                        "from_stage": previous,
                        "to_stage": stage,
                        "changed_at": when,
                        **self._meta(when),
                    }
                )
                previous = stage
            if rnd() < GROUP_ODDS[reached]:
                known = intro_dt or spotted
                for _ in range(2 if rnd() < 0.12 else 1):
                    kind = ctx.group_kind(rnd)
                    lo, hi = C.GROUP_SIZES[kind]
                    groups_out.append(
                        {
                            "id": new_id(),
                            "kind": kind,
                            "name": rng.choice(C.GROUP_NAMES[kind]).format(
                                s=surname,
                                place=C.short_place(shop.county.info.name),
                                town=rng.choice(C.TOWNS)[:-1],
                                community=rng.choice(C.COMMUNITIES),
                                n=rng.randint(1, 12),
                                y=f"{rng.randint(85, 124) % 100:02d}",
                            ),
                            "size": rng.randint(lo, hi),
                            "admin_koc_id": koc_id,
                            "county_id": shop.county.id,
                            "notes": rng.choice(C.GROUP_NOTES) if rnd() < 0.2 else None,
                            **self._meta(known),
                        }
                    )

    # ---------------------------------------------------------------- invitations

    def _invitations(self) -> None:
        rng, clock = self.rng, self.ctx.clock
        rnd = rng.random
        today = clock.today
        kocs = self.kocs
        good_owners = [s for s in self.shops if s.level >= 3] or self.shops
        for ev in self.events:
            invited: dict[str, None] = {}
            created_o = min(ev.created_o + rng.randint(0, 3), ev.day - 1, today)
            created = clock.dt_past(created_o, rng.randint(600, 1200))
            updated = clock.dt(ev.day, ev.end_m) if ev.done else created
            stamp = (ev.id, created, updated)
            attended = 0
            for _ in range(rng.randint(1, 4)):
                shop = rng.choice(good_owners)
                if shop.owner_id in invited or shop.created_o >= ev.day:
                    continue
                invited[shop.owner_id] = None
                if ev.done:
                    status = "attended" if rnd() < 0.8 else "no_show"
                    attended += status == "attended"
                else:
                    status = "confirmed" if rnd() < 0.5 else "invited"
                self._invite(stamp, None, shop.owner_id, status)
            if ev.done:
                # First experiences (booked when the KOC reached "experienced").
                for koc_id in ev.exp_kocs:
                    invited[koc_id] = None
                    self._invite(stamp, koc_id, None, "attended")
                    attended += 1
                # KOCs who had been to an event before come again.
                goal = round(ev.capacity * rng.uniform(0.6, 0.95))
                for _ in range(40):
                    if attended >= goal or not kocs:
                        break
                    k = rng.choice(kocs)
                    if k.exp_o < ev.day < k.dormant_o and k.id not in invited:
                        invited[k.id] = None
                        if rnd() < 0.85:
                            self._invite(stamp, k.id, None, "attended")
                            attended += 1
                        else:
                            self._invite(stamp, k.id, None, "no_show")
                # Introduced KOCs who said yes and did not come (so are not experienced yet).
                no_shows = rng.randint(0, 3)
                for _ in range(12):
                    if no_shows <= 0 or not kocs:
                        break
                    k = rng.choice(kocs)
                    fresh = k.intro_o < ev.day <= k.exp_o and ev.day < k.dormant_o
                    if fresh and k.id not in invited:
                        invited[k.id] = None
                        self._invite(stamp, k.id, None, "no_show")
                        no_shows -= 1
            else:
                # Upcoming (or cancelled): introduced, not dormant KOCs, invited or confirmed.
                when = min(ev.day, today)
                goal = round(ev.capacity * rng.uniform(0.6, 1.1))
                odds = 0.65 if ev.status == "confirmed" else 0.35
                for _ in range(goal * 3):
                    if len(invited) >= goal or not kocs:
                        break
                    k = rng.choice(kocs)
                    if k.intro_o < when < k.dormant_o and k.id not in invited:
                        invited[k.id] = None
                        self._invite(stamp, k.id, None, "confirmed" if rnd() < odds else "invited")

    def _invite(
        self, stamp: tuple[str, str, str], koc_id: str | None, owner_id: str | None, status: str
    ) -> None:
        rng = self.rng
        rnd = rng.random
        event_id, created, updated = stamp
        rep_id = self.rep.id
        self.rows["invitations"].append(
            {
                "id": self.new_id(),
                "event_id": event_id,
                "koc_id": koc_id,
                "owner_id": owner_id,
                "status": status,
                "feedback": self.ctx.feedback(rnd)
                if status == "attended" and rnd() < 0.85
                else None,
                "note": rng.choice(C.INVITATION_NOTES) if rnd() < 0.2 else None,
                "created_at": created,
                "updated_at": updated,
                "created_by": rep_id,
                "updated_by": rep_id,
            }
        )


# --------------------------------------------------------------------------- layout and master data


def _layout(
    rng: random.Random,
    new_id: Callable[[], str],
    spec: ScaleSpec,
    scale: str,
) -> tuple[list[tuple[C.Prefecture, list[C.CountyInfo]]], list[_County]]:
    """Which prefectures each team covers, and the county rows' identities."""
    prefs = list(C.PREFECTURES)
    if scale == "region":
        chosen = rng.sample(prefs, min(spec.teams, len(prefs)))
        plan = [(p, list(p.counties)) for p in chosen]
        # More teams than prefectures: the largest prefectures' counties are shared
        # out between two teams each.
        for p in sorted(chosen, key=lambda p: (-len(p.counties), p.name)):
            if len(plan) >= spec.teams:
                break
            half = len(p.counties) // 2
            at = next(i for i, (q, _) in enumerate(plan) if q is p)
            plan[at : at + 1] = [(p, list(p.counties[:half])), (p, list(p.counties[half:]))]
    elif scale == "team":
        p = rng.choice([p for p in prefs if len(p.counties) >= 9])
        plan = [(p, list(p.counties))]
    else:
        p = rng.choice(prefs)
        towns = [c for c in p.counties if not c.name.endswith("区")] or list(p.counties)
        plan = [(p, rng.sample(towns, min(3, len(towns))))]
    counties = [_County(new_id(), c, p) for p, cs in plan for c in cs]
    return plan, counties


def generate(
    store: BulkStore,
    *,
    scale: str = "rep",
    seed: int = 1,
    today: date | None = None,
    now: datetime | None = None,
    progress: ProgressFn | None = None,
) -> DemoSummary:
    """Fill ``store`` with demo data for ``scale`` ("rep", "team" or "region").

    The same (scale, seed, today) always writes the same rows, ids included.
    ``today`` (default: Beijing's today) is the last day of the year of history; ``now``
    (default: the real now without ``today``, else 14:00 Beijing time on ``today``) is
    the moment nothing happens after: today's visits after it are still on the plan,
    at most one is in progress.
    ``progress(stage, done, total)`` is called after each master table (stage
    "reference data") and after each rep (stage "reps").
    Raises ``ValueError`` for an unknown scale.

    On a store that can (``bulk_loading``, fieldapp/store/bulk.py) the secondary and
    search indexes are built once from the finished tables, and rows are committed in
    batches of about :data:`BATCH_ROWS`: the time a row takes no longer grows with the
    store (region scale had taken 21 times the team scale's time for 10 times the rows).
    """
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    loading = getattr(store, "bulk_loading", None)
    with loading() if loading is not None else nullcontext(), _Batches(store) as batches:
        return _generate(
            store, batches, scale=scale, seed=seed, today=today, now=now, progress=progress
        )


class _Batches:
    """Transactions of about :data:`BATCH_ROWS` rows: ``transaction(counts)`` joins the
    open one (or opens it) and commits it after the block once the rows counted in
    ``counts`` have grown by that many. Fewer commits write each page of the
    primary-key indexes (random UUIDs) once a batch rather than once a rep. In a
    caller's transaction (``store.in_transaction``) everything joins it, with no
    savepoint: under one SQLite writes each row's statement journal to a file."""

    def __init__(self, store: BulkStore) -> None:
        self._store = store
        self._open: ExitStack | None = None
        self._rows = 0
        self._joined = bool(getattr(store, "in_transaction", False))

    @contextmanager
    def transaction(self, counts: dict[str, int]) -> Iterator[None]:
        if self._joined:
            yield
            return
        before = sum(counts.values())
        if self._open is None:
            stack = ExitStack()
            stack.enter_context(self._store.transaction())
            self._open, self._rows = stack, 0
        try:
            yield
        except BaseException as exc:
            self.__exit__(type(exc), exc, exc.__traceback__)  # rolls the batch back
            raise
        self._rows += sum(counts.values()) - before
        if self._rows >= BATCH_ROWS:
            self.__exit__(None, None, None)

    def __enter__(self) -> _Batches:
        return self

    def __exit__(self, *exc: Any) -> None:
        stack, self._open = self._open, None
        if stack is not None:
            stack.__exit__(*exc)


def _generate(
    store: BulkStore,
    batches: _Batches,
    *,
    scale: str,
    seed: int,
    today: date | None,
    now: datetime | None,
    progress: ProgressFn | None,
) -> DemoSummary:
    spec = SCALES[scale]
    local: datetime | None = None
    if now is not None or today is None:
        moment = now or datetime.now(UTC)
        local = moment.astimezone(UTC).replace(tzinfo=None) + BUSINESS_UTC_OFFSET
    today = today or (local.date() if local is not None else date.today())
    if local is None or local.date() < today:
        now_minute = NOW_MINUTE
    elif local.date() == today:
        now_minute = local.hour * 60 + local.minute
    else:  # the whole of today is over
        now_minute = 24 * 60 - 1
    report: ProgressFn = progress or (lambda stage, done, total: None)
    master = random.Random(seed)
    rng = random.Random(master.getrandbits(64))
    new_id = _id_maker(random.Random(master.getrandbits(64)))
    names = _Names()
    clock = _Clock(today)
    counts: dict[str, int] = dict.fromkeys((*TABLE_ORDER, "photos"), 0)

    plan, counties = _layout(rng, new_id, spec, scale)
    setup_o = clock.start - 730
    setup = clock.dt(setup_o, 570)

    # Teams, supervisors and reps.
    teams: list[Row] = []
    users: list[Row] = []
    reps: list[_RepInfo] = []
    rep_no = 0
    for pref, team_counties in plan:
        team_id, sup_id = new_id(), new_id()
        place = C.short_place(pref.name)
        team_name = rng.choice(C.TEAM_NAME_PATTERNS).format(place=place)
        if any(q is pref for q, _ in plan[: len(teams)]):  # a prefecture's second team
            team_name = f"{place}深分二组"
        teams.append(
            {
                "id": team_id,
                "name": team_name,
                "notes": rng.choice(C.TEAM_NOTES),
                "created_at": setup,
                "updated_at": setup,
                "created_by": sup_id,
                "updated_by": sup_id,
            }
        )
        sup_name, _ = names.person(rng)
        users.append(
            {
                "id": sup_id,
                "name": sup_name,
                "role": "supervisor",
                "team_id": team_id,
                "mobile": names.mobile(rng),
                "created_at": setup,
                "updated_at": setup,
                "created_by": sup_id,
                "updated_by": sup_id,
            }
        )
        team_cs = [c for c in counties if c.prefecture is pref and c.info in team_counties]
        for r in range(spec.reps_per_team):
            rep_no += 1
            rep_id = new_id()
            joined = clock.dt(clock.start - rng.randint(30, 1000), rng.randint(540, 600))
            rep_name, _ = names.person(rng)
            users.append(
                {
                    "id": rep_id,
                    "name": rep_name,
                    "role": "rep",
                    "team_id": team_id,
                    "mobile": names.mobile(rng),
                    "created_at": joined,
                    "updated_at": joined,
                    "created_by": sup_id,
                    "updated_by": sup_id,
                }
            )
            if len(team_cs) <= 3 and spec.reps_per_team == 1:
                territory = tuple(team_cs)
                weights: tuple[float, ...] = (0.6, 0.25, 0.15)[: len(territory)]
            else:
                primary = team_cs[r % len(team_cs)]
                second = team_cs[(r + 1 + rng.randrange(len(team_cs) - 1)) % len(team_cs)]
                territory = (primary, second) if second is not primary else (primary,)
                weights = (0.75, 0.25)[: len(territory)]
            rep_seed = master.getrandbits(64)
            reps.append(_RepInfo(rep_no, rep_id, sup_id, territory, weights, rep_seed))

    first_sup = users[0]["id"]
    county_rows: list[Row] = []
    # Each county's density target lies around the active KOCs its reps will have found
    # (some counties under target, some over), not one number for every county.
    expected: dict[str, float] = {}
    for info in reps:
        for c, weight in zip(info.counties, info.county_weights, strict=True):
            active = spec.shops_per_rep * spec.kocs_per_shop * weight * (1 - DORMANT_ODDS)
            expected[c.id] = expected.get(c.id, 0.0) + active
    for n, c in enumerate(counties):
        x = rng.random()
        if c.id in expected:
            # Spread by the golden ratio: neighbouring counties land far apart, so a
            # territory always has counties over and under their targets.
            factor = 0.8 + 0.6 * ((n * 0.618034) % 1.0)
            target = max(10, round(expected[c.id] * factor / 10) * 10)
        else:
            target = 80 if c.info.name.endswith("区") and x < 0.4 else 50
        county_rows.append(
            {
                "id": c.id,
                "name": c.info.name,
                "province": C.PROVINCE,
                "prefecture": c.prefecture.name,
                "koc_target": target,
                "created_at": setup,
                "updated_at": setup,
                "created_by": first_sup,
                "updated_by": first_sup,
            }
        )
    products = [
        {
            "id": new_id(),
            "code": p.code,
            "name": p.name,
            "category": p.category,
            "unit": p.unit,
            "price": p.price,
            "created_at": setup,
            "updated_at": setup,
            "created_by": first_sup,
            "updated_by": first_sup,
        }
        for p in C.PRODUCTS
    ]
    # Head office's price lists and promotions (fieldapp/demo/pricing.py): their own stream.
    price_rng = random.Random(f"prices-{seed}")
    price_id = _id_maker(random.Random(price_rng.getrandbits(64)))
    price_meta = {"created_at": setup, "updated_at": setup, "created_by": None,
                  "updated_by": None}  # fmt: skip
    price_list, promotions = demo_pricing.price_rows(
        price_rng, price_id, products=products, today=today, meta=price_meta
    )
    campaign_id = _id_maker(random.Random(f"campaigns-{seed}"))
    campaigns = demo_campaigns.campaign_rows(
        campaign_id, products=products, today=today, meta=price_meta
    )
    master_rows = {"counties": county_rows, "teams": teams, "users": users, "products": products,
                   "prices": price_list, "promotions": promotions,
                   "campaigns": campaigns}  # fmt: skip
    with batches.transaction(counts):
        for i, table in enumerate(MASTER_TABLES):
            counts[table] += store.bulk_insert(table, master_rows[table])
            report("reference data", i + 1, len(MASTER_TABLES))

    # Shelf audits (fieldapp/demo/shelf.py) draw from their own streams: the rows above
    # stay what they were before there were audits.
    shelf_rng = random.Random(f"shelf-{seed}")
    shelf_id = _id_maker(random.Random(shelf_rng.getrandbits(64)))
    display_id = _id_maker(random.Random(f"display-{seed}"))
    shelf_meta = {"created_at": setup, "updated_at": setup, "created_by": first_sup,
                  "updated_by": first_sup}  # fmt: skip
    rules = shelf.assortment_rules(
        shelf_rng, shelf_id, teams=teams, products=products, meta=shelf_meta
    )
    team_of = {u["id"]: u["team_id"] for u in users}
    # The chain's rows (fieldapp/demo/loop.py) have their own id stream too.
    loop_id = _id_maker(random.Random(random.Random(f"loop-{seed}").getrandbits(64)))
    today_text = datetime.combine(today, time(4), UTC).isoformat()
    sup_of_team = {u["team_id"]: u["id"] for u in users if u["role"] == "supervisor"}

    photo_id = _id_maker(random.Random(f"photos-{seed}"))
    ctx = _Ctx(today, products, now_minute)
    for i, rep in enumerate(reps):
        rows = _RepBuilder(ctx, rep, spec.shops_per_rep, spec.kocs_per_shop).build()
        if i == 0:  # the teams' rules go in with the first rep's rows, in table order
            rows["assortment_rules"] = rules
        shelf.rep_shelf_rows(
            rep.seed, shelf_id, rows=rows, rules=rules, team_id=team_of.get(rep.id),
            products=products, today=today,
        )  # fmt: skip
        loop.rep_loop_rows(rep.seed, loop_id, rows=rows, today_text=today_text)
        demo_display.rep_display_rows(
            rep.seed, display_id, rows=rows, products=products, today=today,
            supervisor_id=sup_of_team.get(team_of.get(rep.id)),
        )  # fmt: skip
        demo_campaigns.rep_results(
            rep.seed, campaign_id, rows=rows, campaigns=campaigns, team_id=team_of.get(rep.id)
        )
        demo_photos.rep_photo_rows(
            rep.seed, photo_id, rows=rows, today=today, sink=_photo_sink(store),
            share=demo_photos.PHOTO_SHARE.get(scale, 0.01),
        )  # fmt: skip
        with batches.transaction(counts):
            for table in REP_TABLES:
                counts[table] += store.bulk_insert(table, rows[table])
            if rows["photos"]:
                counts["photos"] += store.bulk_insert("photos", rows["photos"])
        del rows
        report("reps", i + 1, len(reps))
    return DemoSummary(**counts)
