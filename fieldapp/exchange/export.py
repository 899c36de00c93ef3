"""The head-office export: one .xlsx workbook, or one CSV file per sheet, from row sources.

The writer never touches a database. A *row source* (:class:`RowSource`) hands it the
live rows of a table as mappings with the model's field names and the store's text
forms (ISO dates, UTC datetimes as ``2026-11-24T01:02:03+00:00``, 0/1 or true/false for
booleans); the writer resolves names itself (shop name beside shop code, rep name, county
name) and applies the filters. ``fieldapp.exchange.from_store`` feeds it from the local
store and ``sync.server.export`` from the server's ``rows`` table.

In the files: dates are date cells, times are Beijing time (the business time,
``BUSINESS_UTC_OFFSET``) as date-time cells, numbers are numbers, enum codes become
words, headers are in the chosen language (``zh_CN`` or ``en``). User text is always
written as text: a note starting with ``=`` is never a formula (xlsx); in CSV a text cell
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
apostrophe so that Excel, WPS or LibreOffice never run it (the shop import takes it off
again). CSV files are UTF-8 with a BOM. A KOC's mobile and WeChat are only exported once
the KOC's consent is recorded.

What Excel and WPS insist on (LibreOffice is more lenient): sheet names of at most 31
characters, none of ``[]:*?/`` or a backslash (:func:`sheet_title`); at most 1,048,576
rows a sheet, so a longer sheet goes on in "<name> (2)", … and a longer CSV file in
``<key>-2.csv``, … (Excel would silently drop the rest); at most 32,767 characters a
cell, so a longer text is cut there in the workbook, the rest of its row intact (the CSV
keeps it whole); no NaN or infinity, which are written as Excel's ``#NUM!`` error instead
of breaking the file.

Files appear whole or not at all: everything is first written into a work folder beside
the target (``.<target>.<8 hex>.part``: the workbook, xlsxwriter's temporary files for the
sheets, the CSV files), flushed to the disk, and only then renamed into place; any failure
(a full disk, a cancel) removes the work folder and leaves the previous export as it was,
and :class:`ExportError` ``unwritable`` names the cause. Nothing goes to the system temp
folder. Work folders of a killed export older than :data:`STALE_WORK_S` are removed by
the next export to the same target.

Filters (:class:`ExportFilters`): ``date_from``/``date_to`` on each record's business date
(a visit's check-in day, else its planned date; an interaction's date; an event's start
day; a review decision's day), so master data (shops, owners, KOCs, their shop links, groups) is
not cut by the period; ``reps``/``teams`` on the record's rep (a team means its members);
``counties`` on the record's county (the shop's, the KOC's, the venue's). Parts follow
their parent: order lines their visit, invitations their event, KOC shop links their KOC.
Threading: runs on the calling thread; pass a source whose connection belongs to it.
"""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

from .. import display
from ..errors import FieldappError
from ..model import (
    BUSINESS_UTC_OFFSET,
    CampaignTaskKind,
    Channel,
    CloudStore,
    CompetitorCheck,
    ConsentMethod,
    DisplayCheck,
    DisplayPosition,
    EventKind,
    EventStatus,
    GroupKind,
    InteractionKind,
    InvitationStatus,
    KocStage,
    PriceCheck,
    ReviewDecision,
    ReviewStatus,
    StockCheck,
    Tier,
)
from ..pricing import ListPrices
from ..shelf import DEFAULT_PRICE_DISORDER_SHARE, is_price_disorder
from . import labels

Row = Mapping[str, Any]
#: ``progress(done, total, sheet_key)``; it may raise to cancel (the files are removed).
Progress = Callable[[int, int, str], None]


class RowSource(Protocol):
    """Where the rows come from: live rows only, mappings with the model's field names."""

    def rows(self, table: str) -> Iterable[Any]:
        """Live rows of ``table``: mappings, or anything read by ``row["field"]``
        (``sqlite3.Row``)."""
        ...

    def count(self, table: str) -> int: ...


class ExportError(FieldappError):
    """Bad export input; nothing was written. ``code``: ``unknown_rep``, ``unknown_team``,
    ``unknown_county``, ``bad_period``, ``no_folder``, ``not_a_folder``, ``unwritable``,
    ``bad_lang``; ``detail`` names the value."""

    code = "export_error"


@dataclass(frozen=True)
class ExportFilters:
    """What to export; each given filter narrows (empty tuples mean all)."""

    date_from: date | None = None
    date_to: date | None = None
    reps: tuple[str, ...] = ()  # user ids or names
    teams: tuple[str, ...] = ()  # team ids or names
    counties: tuple[str, ...] = ()  # county ids or names


@dataclass(frozen=True)
class ExportSummary:
    path: str
    rows: dict[str, int] = field(default_factory=dict)  # sheet key -> data rows


#: Sheet keys in workbook order.
SHEET_KEYS: tuple[str, ...] = (
    "visits",
    "order_lines",
    "shelf_audits",
    "shelf_numbers",
    "display_writeoff",
    "campaign_tasks",
    "reviews",
    "shops",
    "owners",
    "interactions",
    "kocs",
    "koc_shops",
    "community_groups",
    "events",
    "invitations",
    "pushes",
    "cloud_orders",
    "event_roi",
    "koc_roi",
)

#: Column key and kind per sheet; the kind gives the cell format and the width.
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "visits": (
        ("date", "date"),
        ("shop_code", "code"),
        ("shop", "name"),
        ("county", "word"),
        ("rep", "word"),
        ("planned_date", "date"),
        ("checkin_at", "datetime"),
        ("checkout_at", "datetime"),
        ("check_display", "word"),
        ("check_stock", "word"),
        ("check_price", "word"),
        ("check_competitor", "word"),
        ("check_notes", "long"),
        ("relationship_note", "long"),
        ("relationship_level", "int"),
        ("next_actions", "long"),
        ("review_status", "word"),
        ("supervisor_comment", "long"),
        ("reviewed_by", "word"),
        ("reviewed_at", "datetime"),
        # The day plan (PJP): the stop's position, and 1 when a planned visit was done
        # (checked in and out), 0 when planned but not, empty when not planned.
        ("plan_seq", "int"),
        ("pjp_done", "int"),
        # What the rep's device found in the photos and times (fieldapp.evidence).
        ("evidence_flags", "long"),
        ("visit_id", "id"),
    ),
    "order_lines": (
        ("date", "date"),
        ("visit_id", "id"),
        ("shop_code", "code"),
        ("shop", "name"),
        ("county", "word"),
        ("rep", "word"),
        ("product_code", "code"),
        ("product", "name"),
        ("quantity", "int"),
        ("unit_price", "money"),
        ("amount", "money"),
    ),
    "shelf_audits": (
        ("date", "date"),
        ("visit_id", "id"),
        ("shop_code", "code"),
        ("shop", "name"),
        ("county", "word"),
        ("rep", "word"),
        ("product_code", "code"),
        ("product", "name"),
        ("in_distribution", "word"),
        ("out_of_stock", "word"),
        ("facings", "int"),
        ("shelf_price", "money"),
        ("list_price", "money"),
        ("price_disorder", "word"),
        ("competitor_facings", "int"),
        ("competitor_price", "money"),
    ),
    "shelf_numbers": (
        ("group", "word"),
        ("name", "name"),
        ("pairs", "int"),
        ("carrying", "int"),
        ("numeric_distribution", "pct"),
        ("weighted_distribution", "pct"),
        ("out_of_stock_rate", "pct"),
        ("share_of_shelf", "pct"),
        ("price_disorder", "int"),
    ),
    "display_writeoff": (
        ("month", "code"),
        ("shop_code", "code"),
        ("shop", "name"),
        ("county", "word"),
        ("rep", "word"),
        ("position", "word"),
        ("skus", "name"),
        ("monthly_fee", "money"),
        ("month_fee", "money"),
        ("checks", "int"),
        ("failed_checks", "int"),
        ("failed_terms", "long"),
        ("deduction_pct", "int"),
        ("computed_payout", "money"),
        ("approved_amount", "money"),
        ("approver", "word"),
        ("payout_comment", "long"),
        ("proof_photos", "long"),
        ("agreement_id", "id"),
    ),
    "reviews": (
        ("date", "date"),
        ("shop_code", "code"),
        ("shop", "name"),
        ("county", "word"),
        ("rep", "word"),
        ("decision", "word"),
        ("supervisor_comment", "long"),
        ("reviewed_by", "word"),
        ("reviewed_at", "datetime"),
        ("visit_id", "id"),
    ),
    "shops": (
        ("shop_code", "code"),
        ("name", "name"),
        ("channel", "word"),
        ("tier", "word"),
        ("county", "word"),
        ("address", "long"),
        ("phone", "code"),
        ("latitude", "float"),
        ("longitude", "float"),
        ("cloud_store", "word"),
        ("rep", "word"),
        ("notes", "long"),
        ("created_at", "datetime"),
        ("id", "id"),
    ),
    "owners": (
        ("shop_code", "code"),
        ("shop", "name"),
        ("county", "word"),
        ("owner", "word"),
        ("mobile", "code"),
        ("wechat", "code"),
        ("birthday", "date"),
        ("level", "int"),
        ("cares_about", "long"),
        ("notes", "long"),
        ("id", "id"),
    ),
    "interactions": (
        ("date", "date"),
        ("shop_code", "code"),
        ("shop", "name"),
        ("county", "word"),
        ("owner", "word"),
        ("rep", "word"),
        ("kind", "word"),
        ("level_after", "int"),
        ("note", "long"),
        ("id", "id"),
    ),
    "kocs": (
        ("koc", "word"),
        ("county", "word"),
        ("stage", "word"),
        ("trait_acquaintances", "int"),
        ("trait_trying", "int"),
        ("trait_sharing", "int"),
        ("trait_expertise", "int"),
        ("trait_score", "int"),
        ("consent", "word"),
        ("consent_at", "datetime"),
        ("consent_method", "word"),
        ("mobile", "code"),
        ("wechat", "code"),
        ("rep", "word"),
        ("notes", "long"),
        ("created_at", "datetime"),
        ("id", "id"),
    ),
    "koc_shops": (
        ("koc", "word"),
        ("shop_code", "code"),
        ("shop", "name"),
        ("county", "word"),
        ("introduced_by", "word"),
        ("introduced_at", "date"),
        ("note", "long"),
        ("id", "id"),
    ),
    "community_groups": (
        ("name", "name"),
        ("kind", "word"),
        ("size", "int"),
        ("admin_koc", "word"),
        ("county", "word"),
        ("notes", "long"),
        ("id", "id"),
    ),
    "events": (
        ("date", "date"),
        ("title", "name"),
        ("kind", "word"),
        ("status", "word"),
        ("starts_at", "datetime"),
        ("ends_at", "datetime"),
        ("venue", "name"),
        ("shop_code", "code"),
        ("county", "word"),
        ("capacity", "int"),
        ("budget", "money"),
        ("products", "long"),
        ("invited", "int"),
        ("attended", "int"),
        ("rep", "word"),
        ("notes", "long"),
        ("event_id", "id"),
    ),
    "invitations": (
        ("date", "date"),
        ("event", "name"),
        ("invitee_kind", "word"),
        ("invitee", "word"),
        ("shop", "name"),
        ("status", "word"),
        ("feedback", "int"),
        ("note", "long"),
        ("event_id", "id"),
        ("id", "id"),
    ),
}

#: Which source table drives each sheet (for progress totals).
COLUMNS |= {
    # The B→KOC→C loop (issue 18): pushes, cloud-store orders with their attribution
    # (docs/attribution.md), and what each event and KOC paid back.
    "pushes": (
        ("date", "date"),
        ("pusher", "name"),
        ("pusher_kind", "word"),
        ("push_group", "name"),
        ("product", "name"),
        ("campaign", "name"),
        ("event", "name"),
    ),
    "cloud_orders": (
        ("date", "date"),
        ("order_no", "code"),
        ("ordered_at", "datetime"),
        ("shop_code", "code"),
        ("shop", "name"),
        ("county", "word"),
        ("items", "name"),
        ("amount", "money"),
        ("referrer_code", "code"),
        ("group_name", "name"),
        ("attributed_koc", "name"),
        ("attributed_how", "word"),
        ("attributed_group", "name"),
        ("attributed_event", "name"),
    ),
    "event_roi": (
        ("date", "date"),
        ("title", "name"),
        ("kind", "word"),
        ("attendees", "int"),
        ("kocs_found", "int"),
        ("pushes", "int"),
        ("orders_30", "int"),
        ("orders_60", "int"),
        ("orders_90", "int"),
        ("revenue_30", "money"),
        ("revenue_60", "money"),
        ("revenue_90", "money"),
        ("cost", "money"),
        ("converted", "int"),
        ("conversion", "pct"),
        ("cost_per_converted", "money"),
        ("revenue_per_yuan", "float"),
    ),
    "koc_roi": (
        ("koc", "name"),
        ("events_attended", "int"),
        ("push_count", "int"),
        ("orders_driven", "int"),
        ("revenue", "money"),
    ),
}

#: Head office's campaigns (issue 19): each visit's record of a campaign's task.
COLUMNS["campaign_tasks"] = (
    ("date", "date"),
    ("campaign", "name"),
    ("task_kind", "word"),
    ("task", "long"),
    ("shop_code", "code"),
    ("shop", "name"),
    ("county", "word"),
    ("rep", "word"),
    ("task_done", "word"),
    ("task_answer", "long"),
    ("visit_id", "id"),
)

SHEET_TABLE: dict[str, str] = {
    "visits": "visits",
    "order_lines": "order_lines",
    "shelf_audits": "shelf_audits",
    "shelf_numbers": "shelf_audits",
    "display_writeoff": "display_agreements",
    "campaign_tasks": "campaign_results",
    "reviews": "visit_reviews",
    "shops": "shops",
    "owners": "owners",
    "interactions": "interactions",
    "kocs": "kocs",
    "koc_shops": "koc_shops",
    "community_groups": "community_groups",
    "events": "events",
    "invitations": "invitations",
    "pushes": "community_pushes",
    "cloud_orders": "cloud_orders",
    "event_roi": "events",
    "koc_roi": "kocs",
}

_WIDTHS = {
    "date": 11,
    "datetime": 17,
    "int": 8,
    "money": 11,
    "pct": 8,
    "float": 11,
    "code": 14,
    "name": 22,
    "word": 12,
    "long": 36,
    "id": 38,
}

_NUM_FORMATS = {
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "money": "#,##0.00",
    "pct": "0.0%",
    "float": "0.000000",
}

_OFFSET_S = BUSINESS_UTC_OFFSET.total_seconds()
_SERIAL_1970 = 25569.0  # Excel's serial day number of 1970-01-01
_ORDINAL_1899_12_30 = date(1899, 12, 30).toordinal()  # Excel's day 0
_PROGRESS_EVERY = 5000
#: Data rows per worksheet: Excel's 1,048,576 rows less the header. A longer sheet goes on
#: in "<name> (2)", "<name> (3)" … (a region's visits).
MAX_SHEET_ROWS = 1_048_575
_fromiso = datetime.fromisoformat
_date_fromiso = date.fromisoformat


def _aware(text: str) -> datetime:
    value = _fromiso(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _date_or_none(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _business_day(text: str) -> str:
    """The Beijing calendar day (ISO text) of a stored UTC time."""
    return (_aware(text) + BUSINESS_UTC_OFFSET).date().isoformat()


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: wide (CJK) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# --------------------------------------------------------------------------- cell forms


class _XlsxForms:
    """Values as the workbook wants them: dates and times as serial numbers (the column
    carries the date format, so no per-cell format object is needed)."""

    @staticmethod
    def dt(text: str | None) -> float | None:
        if not text:
            return None
        value = _fromiso(text)
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return (value.timestamp() + _OFFSET_S) / 86400.0 + _SERIAL_1970

    @staticmethod
    def day_of(value: Any) -> Any:
        return None if value is None else int(value)

    @staticmethod
    def d(text: str | None) -> int | None:
        if not text:
            return None
        return _date_fromiso(text).toordinal() - _ORDINAL_1899_12_30


class _CsvForms:
    """Values as CSV text: ISO dates, Beijing times to the minute."""

    @staticmethod
    def dt(text: str | None) -> str | None:
        if not text:
            return None
        return (_aware(text) + BUSINESS_UTC_OFFSET).strftime("%Y-%m-%d %H:%M")

    @staticmethod
    def day_of(value: Any) -> Any:
        return None if value is None else value[:10]

    @staticmethod
    def d(text: str | None) -> str | None:
        return text or None


# --------------------------------------------------------------------------- context


class _Context:
    """Lookups (names for ids), resolved filters and the cell forms of one export."""

    def __init__(
        self, source: RowSource, lang: str, filters: ExportFilters, forms: type[Any]
    ) -> None:
        self.source = source
        self.lang = lang
        self.filters = filters
        self.f = forms
        self.counties: dict[Any, str] = {r["id"]: r["name"] for r in source.rows("counties")}
        self.teams: dict[str, str] = {r["id"]: r["name"] for r in source.rows("teams")}
        users = list(source.rows("users"))
        self.users: dict[Any, str] = {r["id"]: r["name"] for r in users}
        product_rows = list(source.rows("products"))
        self.products: dict[Any, tuple[Any, ...]] = {
            r["id"]: (r["code"], r["name"]) for r in product_rows
        }
        # 乱价 is held against the shop's list price on the audit's day (fieldapp.pricing).
        self.list_prices = ListPrices(
            source.rows("prices"), {r["id"]: r["price"] for r in product_rows}
        )
        self.shelf_share = float(
            getattr(source, "price_disorder_share", DEFAULT_PRICE_DISORDER_SHARE)
        )
        self.shop_rows = list(source.rows("shops"))
        self.shop_segments: dict[Any, dict[str, Any]] = {
            r["id"]: {"channel": r["channel"], "tier": r["tier"], "county_id": r["county_id"]}
            for r in self.shop_rows
        }
        # id -> (code, name, county name, county id, rep id)
        self.shops: dict[Any, tuple[Any, ...]] = {
            r["id"]: (
                r["code"],
                r["name"],
                self.counties.get(r["county_id"]),
                r["county_id"],
                r["rep_id"],
            )
            for r in self.shop_rows
        }
        self.owner_rows = list(source.rows("owners"))
        self.owners: dict[Any, tuple[Any, ...]] = {
            r["id"]: (r["name"], r["shop_id"]) for r in self.owner_rows
        }
        self.koc_rows = list(source.rows("kocs"))
        self.kocs: dict[Any, tuple[Any, ...]] = {
            r["id"]: (r["name"], r["county_id"], r["rep_id"]) for r in self.koc_rows
        }
        self.event_rows = list(source.rows("events"))
        self.words = {
            e: labels.enum_words(e, lang)
            for e in (
                Channel,
                Tier,
                CloudStore,
                InteractionKind,
                KocStage,
                ConsentMethod,
                GroupKind,
                EventKind,
                EventStatus,
                InvitationStatus,
                ReviewStatus,
                ReviewDecision,
                DisplayCheck,
                StockCheck,
                PriceCheck,
                CompetitorCheck,
            )
        }
        self.yes = labels.word("yes", lang)
        self.no = labels.word("no", lang)
        self._resolve(filters, users)
        # Filled while the visits sheet is written, used by order lines and reviews.
        self.visit_info: dict[str, tuple[Any, ...]] = {}
        #: visit id -> (shop id, Beijing day): what an audit line's list price depends on.
        self.visit_shop_day: dict[str, tuple[Any, date | None]] = {}
        self.review_visit: dict[Any, tuple[Any, ...]] = {}
        self.review_fallback: dict[Any, tuple[Any, ...]] = {}
        self.event_info: dict[str, tuple[Any, str]] = {}
        self.invitation_rows: list[Row] = []

    def _resolve(self, filters: ExportFilters, users: list[Row]) -> None:
        if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
            raise ExportError("bad_period", f"{filters.date_from} > {filters.date_to}")
        self.day_from = filters.date_from.isoformat() if filters.date_from else None
        self.day_to = filters.date_to.isoformat() if filters.date_to else None
        self.period = self.day_from is not None or self.day_to is not None
        reps: set[str] | None = None
        if filters.reps:
            reps = set()
            for wanted in filters.reps:
                hit = {r["id"] for r in users if wanted in (r["id"], r["name"])}
                if not hit:
                    raise ExportError("unknown_rep", wanted)
                reps |= hit
        if filters.teams:
            team_ids = set()
            for wanted in filters.teams:
                hit = {tid for tid, name in self.teams.items() if wanted in (tid, name)}
                if not hit:
                    raise ExportError("unknown_team", wanted)
                team_ids |= hit
            members = {r["id"] for r in users if r["team_id"] in team_ids}
            reps = members if reps is None else reps & members
        self.reps: frozenset[str] | None = None if reps is None else frozenset(reps)
        self.county_ids: frozenset[str] | None = None
        if filters.counties:
            ids = set()
            for wanted in filters.counties:
                hit = {cid for cid, name in self.counties.items() if wanted in (cid, name)}
                if not hit:
                    raise ExportError("unknown_county", wanted)
                ids |= hit
            self.county_ids = frozenset(ids)

    def in_period(self, day: str | None) -> bool:
        if day is None:
            return False
        if self.day_from is not None and day < self.day_from:
            return False
        return not (self.day_to is not None and day > self.day_to)

    def keep(self, rep_id: Any, county_id: Any) -> bool:
        """The rep and county filters (period apart)."""
        if self.reps is not None and rep_id not in self.reps:
            return False
        return not (self.county_ids is not None and county_id not in self.county_ids)

    @property
    def narrowed(self) -> bool:
        return self.reps is not None or self.county_ids is not None


# --------------------------------------------------------------------------- sheets


def _visits(c: _Context) -> Iterator[tuple[Any, ...]]:
    dt, d, day_of = c.f.dt, c.f.d, c.f.day_of
    shops, users = c.shops, c.users
    w_display = c.words[DisplayCheck]
    w_stock = c.words[StockCheck]
    w_price = c.words[PriceCheck]
    w_comp = c.words[CompetitorCheck]
    w_review = c.words[ReviewStatus]
    narrowed, period = c.narrowed, c.period
    info, review_visit, fallback = c.visit_info, c.review_visit, c.review_fallback
    decided = (ReviewStatus.APPROVED.value, ReviewStatus.RETURNED.value)
    no_shop = (None, None, None, None, None)
    for r in c.source.rows("visits"):
        vid = r["id"]
        shop_code, shop_name, county, county_id, shop_rep = shops.get(r["shop_id"], no_shop)
        rep_id = r["rep_id"] or shop_rep
        if narrowed and not c.keep(rep_id, county_id):
            continue
        cin = r["checkin_at"]
        cin_v = dt(cin)
        planned = r["planned_date"]
        status = r["review_status"]
        reviewed_at = r["reviewed_at"]
        day = day_of(cin_v) if cin else d(planned)
        rep = users.get(rep_id)
        reviewer = users.get(r["reviewed_by"])
        reviewed_v = dt(reviewed_at)
        review_visit[vid] = (shop_code, shop_name, county, rep)
        if status in decided:
            # The visit's own review fields stand in for a decision made before the review
            # history existed (or data that has none); dropped when the history has the visit.
            review_ok = not period or c.in_period(
                _business_day(reviewed_at)
                if reviewed_at
                else (_business_day(cin) if cin else planned)
            )
            if review_ok:
                fallback[vid] = (
                    day_of(reviewed_v) if reviewed_at else day,
                    shop_code,
                    shop_name,
                    county,
                    rep,
                    w_review.get(status, status),
                    r["supervisor_comment"],
                    reviewer,
                    reviewed_v,
                    vid,
                )
        if period and not c.in_period(_business_day(cin) if cin else planned):
            continue
        info[vid] = (day, vid, shop_code, shop_name, county, rep)
        c.visit_shop_day[vid] = (
            r["shop_id"],
            date.fromisoformat(_business_day(cin)) if cin else _date_or_none(planned),
        )
        yield (
            day,
            shop_code,
            shop_name,
            county,
            rep,
            d(planned),
            cin_v,
            dt(r["checkout_at"]),
            w_display.get(r["check_display"], r["check_display"]),
            w_stock.get(r["check_stock"], r["check_stock"]),
            w_price.get(r["check_price"], r["check_price"]),
            w_comp.get(r["check_competitor"], r["check_competitor"]),
            r["check_notes"],
            r["relationship_note"],
            r["relationship_level"],
            r["next_actions"],
            w_review.get(status, status),
            r["supervisor_comment"],
            reviewer,
            reviewed_v,
            r.get("plan_seq"),
            None if planned is None else int(bool(cin and r["checkout_at"])),
            labels.evidence_text(r.get("evidence_flags"), c.lang),
            vid,
        )


def _order_lines(c: _Context) -> Iterator[tuple[Any, ...]]:
    info, products = c.visit_info, c.products
    no_product = (None, None)
    for r in c.source.rows("order_lines"):
        visit = info.get(r["visit_id"])
        if visit is None:
            continue
        code, name = products.get(r["product_id"], no_product)
        qty = r["quantity"]
        price = r["unit_price"]
        yield (
            *visit,
            code,
            name,
            qty,
            price,
            None if price is None or qty is None else round(qty * price, 2),
        )


def _shelf_audits(c: _Context) -> Iterator[tuple[Any, ...]]:
    """The raw shelf-audit lines (issue 16), with the list price and the 乱价 flag."""
    info, products, prices, share = c.visit_info, c.products, c.list_prices, c.shelf_share
    no_product = (None, None)
    yes, no = c.yes, c.no
    for r in c.source.rows("shelf_audits"):
        visit = info.get(r["visit_id"])
        if visit is None:
            continue
        code, name = products.get(r["product_id"], no_product)
        shop_id, day = c.visit_shop_day[r["visit_id"]]
        price = (
            prices.own(r["product_id"])
            if day is None
            else prices.of(r["product_id"], day=day, shop=c.shop_segments.get(shop_id, {}))
        )
        yield (
            *visit,
            code,
            name,
            yes if r["in_distribution"] else no,
            yes if r["out_of_stock"] else no,
            r["facings"],
            r["shelf_price"],
            price,
            yes if is_price_disorder(r["shelf_price"], price, share) else no,
            r["competitor_facings"],
            r["competitor_price"],
        )


def _shelf_numbers(c: _Context) -> Iterator[tuple[Any, ...]]:
    """The shelf numbers per SKU, county, rep and month, when the source computes them
    (``shelf_numbers(filters)``: the device's store does, in SQL)."""
    compute = getattr(c.source, "shelf_numbers", None)
    if compute is None or c.narrowed:
        return  # narrowed to some people or counties: the store's numbers cover all
    for group, n in compute(c.filters):
        yield (
            labels.header(f"by_{group}", c.lang),
            n.label,
            n.pairs,
            n.carrying,
            n.numeric_distribution,
            n.weighted_distribution,
            n.out_of_stock_rate,
            n.share_of_shelf,
            n.price_disorder,
        )


def _reviews(c: _Context) -> Iterator[tuple[Any, ...]]:
    """The review history (``visit_reviews``), then decided visits that have none."""
    dt, day_of = c.f.dt, c.f.day_of
    w_decision = c.words[ReviewDecision]
    visits, fallback, users = c.review_visit, c.review_fallback, c.users
    for r in c.source.rows("visit_reviews"):
        vid = r["visit_id"]
        visit = visits.get(vid)
        if visit is None:
            continue
        fallback.pop(vid, None)
        decided_at = r["decided_at"]
        if c.period and not c.in_period(_business_day(decided_at) if decided_at else None):
            continue
        decided_v = dt(decided_at)
        yield (
            day_of(decided_v),
            *visit,
            w_decision.get(r["decision"], r["decision"]),
            r["comment"],
            users.get(r["reviewer_id"]),
            decided_v,
            vid,
        )
    yield from fallback.values()


def _shops(c: _Context) -> Iterator[tuple[Any, ...]]:
    w_channel, w_tier, w_cloud = c.words[Channel], c.words[Tier], c.words[CloudStore]
    dt = c.f.dt
    for r in c.shop_rows:
        if c.narrowed and not c.keep(r["rep_id"], r["county_id"]):
            continue
        yield (
            r["code"],
            r["name"],
            w_channel.get(r["channel"], r["channel"]),
            w_tier.get(r["tier"], r["tier"]),
            c.counties.get(r["county_id"]),
            r["address"],
            r["phone"],
            r["latitude"],
            r["longitude"],
            w_cloud.get(r["cloud_store"], r["cloud_store"]),
            c.users.get(r["rep_id"]),
            r["notes"],
            dt(r["created_at"]),
            r["id"],
        )


def _owners(c: _Context) -> Iterator[tuple[Any, ...]]:
    d = c.f.d
    no_shop = (None, None, None, None, None)
    for r in c.owner_rows:
        code, name, county, county_id, rep_id = c.shops.get(r["shop_id"], no_shop)
        if c.narrowed and not c.keep(rep_id, county_id):
            continue
        yield (
            code,
            name,
            county,
            r["name"],
            r["mobile"],
            r["wechat"],
            d(r["birthday"]),
            r["level"],
            r["cares_about"],
            r["notes"],
            r["id"],
        )


def _interactions(c: _Context) -> Iterator[tuple[Any, ...]]:
    d = c.f.d
    w_kind = c.words[InteractionKind]
    owners, shops, users = c.owners, c.shops, c.users
    no_owner = (None, None)
    no_shop = (None, None, None, None, None)
    narrowed, period = c.narrowed, c.period
    for r in c.source.rows("interactions"):
        owner_name, shop_id = owners.get(r["owner_id"], no_owner)
        code, shop_name, county, county_id, shop_rep = shops.get(shop_id, no_shop)
        rep_id = r["rep_id"] or shop_rep
        if narrowed and not c.keep(rep_id, county_id):
            continue
        day = r["date"]
        if period and not c.in_period(day):
            continue
        yield (
            d(day),
            code,
            shop_name,
            county,
            owner_name,
            users.get(r["rep_id"]),
            w_kind.get(r["kind"], r["kind"]),
            r["level_after"],
            r["note"],
            r["id"],
        )


def _kocs(c: _Context) -> Iterator[tuple[Any, ...]]:
    dt = c.f.dt
    w_stage, w_method = c.words[KocStage], c.words[ConsentMethod]
    for r in c.koc_rows:
        if c.narrowed and not c.keep(r["rep_id"], r["county_id"]):
            continue
        traits = (
            r["trait_acquaintances"],
            r["trait_trying"],
            r["trait_sharing"],
            r["trait_expertise"],
        )
        consent = bool(r["consent"])
        yield (
            r["name"],
            c.counties.get(r["county_id"]),
            w_stage.get(r["stage"], r["stage"]),
            *traits,
            sum(t for t in traits if t is not None),
            c.yes if consent else c.no,
            dt(r["consent_at"]),
            w_method.get(r["consent_method"], r["consent_method"]),
            # Contact details of a consumer only travel once they agreed.
            r["mobile"] if consent else None,
            r["wechat"] if consent else None,
            c.users.get(r["rep_id"]),
            r["notes"],
            dt(r["created_at"]),
            r["id"],
        )


def _koc_shops(c: _Context) -> Iterator[tuple[Any, ...]]:
    d = c.f.d
    no_koc = (None, None, None)
    no_shop = (None, None, None, None, None)
    no_owner = (None, None)
    for r in c.source.rows("koc_shops"):
        koc_name, koc_county, koc_rep = c.kocs.get(r["koc_id"], no_koc)
        if c.narrowed and not c.keep(koc_rep, koc_county):
            continue
        code, shop_name, county, _cid, _rep = c.shops.get(r["shop_id"], no_shop)
        yield (
            koc_name,
            code,
            shop_name,
            county,
            c.owners.get(r["introduced_by_owner_id"], no_owner)[0],
            d(r["introduced_at"]),
            r["note"],
            r["id"],
        )


def _groups(c: _Context) -> Iterator[tuple[Any, ...]]:
    w_kind = c.words[GroupKind]
    no_koc = (None, None, None)
    for r in c.source.rows("community_groups"):
        admin, admin_county, admin_rep = c.kocs.get(r["admin_koc_id"], no_koc)
        county_id = r["county_id"] or admin_county
        if c.narrowed and not c.keep(admin_rep, county_id):
            continue
        yield (
            r["name"],
            w_kind.get(r["kind"], r["kind"]),
            r["size"],
            admin,
            c.counties.get(county_id),
            r["notes"],
            r["id"],
        )


def _events(c: _Context) -> Iterator[tuple[Any, ...]]:
    dt, day_of = c.f.dt, c.f.day_of
    w_kind, w_status = c.words[EventKind], c.words[EventStatus]
    products: dict[str, list[str]] = {}
    for r in c.source.rows("event_products"):
        product = c.products.get(r["product_id"])
        if product is not None:
            products.setdefault(r["event_id"], []).append(product[1])
    invited: dict[str, int] = {}
    attended: dict[str, int] = {}
    c.invitation_rows = list(c.source.rows("invitations"))
    for r in c.invitation_rows:
        invited[r["event_id"]] = invited.get(r["event_id"], 0) + 1
        if r["status"] == InvitationStatus.ATTENDED.value:
            attended[r["event_id"]] = attended.get(r["event_id"], 0) + 1
    no_shop = (None, None, None, None, None)
    sep = "、" if c.lang == "zh_CN" else ", "
    for r in c.event_rows:
        code, venue, county, county_id, _rep = c.shops.get(r["venue_shop_id"], no_shop)
        if c.narrowed and not c.keep(r["rep_id"], county_id):
            continue
        starts = r["starts_at"]
        if c.period and not c.in_period(_business_day(starts) if starts else None):
            continue
        eid = r["id"]
        starts_v = dt(starts)
        c.event_info[eid] = (day_of(starts_v), r["title"])
        yield (
            day_of(starts_v),
            r["title"],
            w_kind.get(r["kind"], r["kind"]),
            w_status.get(r["status"], r["status"]),
            starts_v,
            dt(r["ends_at"]),
            venue or r["venue_note"],
            code,
            county,
            r["capacity"],
            r["budget"],
            sep.join(products.get(eid, ())) or None,
            invited.get(eid, 0),
            attended.get(eid, 0),
            c.users.get(r["rep_id"]),
            r["notes"],
            eid,
        )


def _invitations(c: _Context) -> Iterator[tuple[Any, ...]]:
    w_status = c.words[InvitationStatus]
    koc_word, owner_word = labels.word("koc", c.lang), labels.word("owner", c.lang)
    no_koc = (None, None, None)
    no_owner = (None, None)
    no_shop = (None, None, None, None, None)
    for r in c.invitation_rows:
        event = c.event_info.get(r["event_id"])
        if event is None:
            continue
        if r["koc_id"]:
            kind, name, shop = koc_word, c.kocs.get(r["koc_id"], no_koc)[0], None
        else:
            name, shop_id = c.owners.get(r["owner_id"], no_owner)
            kind, shop = owner_word, c.shops.get(shop_id, no_shop)[1]
        yield (
            *event,
            kind,
            name,
            shop,
            w_status.get(r["status"], r["status"]),
            r["feedback"],
            r["note"],
            r["event_id"],
            r["id"],
        )


def _pushes(c: _Context) -> Iterator[tuple[Any, ...]]:
    """Community pushes: who, in which group, what, after which event (no note: free text
    about a person)."""
    koc_word, owner_word = labels.word("koc", c.lang), labels.word("owner", c.lang)
    groups = {r["id"]: r["name"] for r in c.source.rows("community_groups")}
    titles = {r["id"]: r["title"] for r in c.event_rows}
    no_koc, no_owner, no_shop = (None, None, None), (None, None), (None, None, None, None, None)
    for r in c.source.rows("community_pushes"):
        if r["koc_id"]:
            name, county_id, rep_id = c.kocs.get(r["koc_id"], no_koc)
            kind = koc_word
        else:
            name, shop_id = c.owners.get(r["owner_id"], no_owner)
            _code, _shop, _county, county_id, rep_id = c.shops.get(shop_id, no_shop)
            kind = owner_word
        if c.narrowed and not c.keep(r["rep_id"] or rep_id, county_id):
            continue
        if c.period and not c.in_period(r["date"]):
            continue
        yield (
            c.f.d(r["date"]),
            name,
            kind,
            groups.get(r["group_id"]),
            c.products.get(r["product_id"], (None, None))[1],
            r["campaign"],
            titles.get(r["event_id"]),
        )


def _cloud_orders(c: _Context) -> Iterator[tuple[Any, ...]]:
    """Cloud-store orders with their attribution when the source computes it (the device's
    store does, ``fieldapp.store.loop``); the buyer reference stays out (a person's)."""
    dt, day_of = c.f.dt, c.f.day_of
    compute = getattr(c.source, "attributions", None)
    found = {a.order_id: a for a in compute()} if compute is not None else {}
    groups = {r["id"]: r["name"] for r in c.source.rows("community_groups")}
    titles = {r["id"]: r["title"] for r in c.event_rows}
    no_shop, no_koc = (None, None, None, None, None), (None, None, None)
    for r in c.source.rows("cloud_orders"):
        code, shop, county, county_id, rep_id = c.shops.get(r["shop_id"], no_shop)
        if c.narrowed and not c.keep(rep_id, county_id):
            continue
        at = r["ordered_at"]
        if c.period and not c.in_period(_business_day(at) if at else None):
            continue
        a = found.get(r["id"])
        at_v = dt(at)
        yield (
            day_of(at_v),
            r["order_no"],
            at_v,
            code,
            shop,
            county,
            r["items"],
            r["amount"],
            r["referrer_code"],
            r["group_name"],
            c.kocs.get(a.koc_id, no_koc)[0] if a and a.koc_id else None,
            a.koc_how if a else None,
            groups.get(a.group_id) if a and a.group_id else None,
            titles.get(a.event_id) if a and a.event_id else None,
        )


def _event_roi(c: _Context) -> Iterator[tuple[Any, ...]]:
    """What each event of the period paid back, when the source computes it."""
    compute = getattr(c.source, "event_payback", None)
    if compute is None or c.narrowed:
        return  # narrowed to some people or counties: the store's numbers cover all
    w_kind = c.words[EventKind]
    for e in compute(c.filters):
        yield (
            c.f.day_of(c.f.dt(e.starts_at)),
            e.title,
            w_kind.get(e.kind, e.kind),
            e.attendees,
            e.kocs_found,
            e.pushes,
            e.orders[30],
            e.orders[60],
            e.orders[90],
            e.revenue[30],
            e.revenue[60],
            e.revenue[90],
            e.cost,
            e.converted,
            e.conversion,
            e.cost_per_converted,
            e.revenue_per_yuan,
        )


def _koc_roi(c: _Context) -> Iterator[tuple[Any, ...]]:
    """What each KOC drove, when the source computes it."""
    compute = getattr(c.source, "koc_payback", None)
    if compute is None or c.narrowed:
        return
    for k in compute():
        if k.events or k.pushes or k.orders:
            yield (k.name, k.events, k.pushes, k.orders, k.revenue)


def _day_text(value: Any) -> str | None:
    """A datetime (or its text) as its Beijing day, ``YYYY-MM-DD``; a date as itself."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return (value + BUSINESS_UTC_OFFSET).date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if "T" not in text:
        return text[:10]
    try:
        return (datetime.fromisoformat(text) + BUSINESS_UTC_OFFSET).date().isoformat()
    except ValueError:
        return None


def _display_writeoff(c: _Context) -> Iterator[tuple[Any, ...]]:
    """费用核销: per display agreement and month, its checks, the deduction, the payout
    computed (``fieldapp.display``), the supervisor's approved amount and the proof
    photos' references (SHA-256). Months outside the period are left out."""
    visit_day = {
        r["id"]: _day_text(r["checkin_at"]) or _day_text(r["planned_date"])
        for r in c.source.rows("visits")
    }
    photos = {r["id"]: r["sha256"] for r in c.source.rows("photos")}
    team_of = {r["id"]: r["team_id"] for r in c.source.rows("users")}
    shares = {
        r["id"]: (r.get("display_fail_first_pct"), r.get("display_fail_second_pct"))
        for r in c.source.rows("teams")
    }
    checks: dict[Any, dict[str, list[Row]]] = {}
    for r in c.source.rows("display_checks"):
        day = visit_day.get(r["visit_id"])
        if day is not None:
            checks.setdefault(r["agreement_id"], {}).setdefault(day[:7], []).append(r)
    decided = {(r["agreement_id"], r["month"]): r for r in c.source.rows("display_payouts")}
    skus: dict[Any, list[str]] = {}  # an agreement's SKUs (none: the brand's range)
    for r in c.source.rows("display_agreement_skus"):
        name = c.products.get(r["product_id"], (None, None))[1]
        skus.setdefault(r["agreement_id"], []).append(str(name or r["product_id"]))
    w_position = labels.enum_words(DisplayPosition, c.lang)
    no_shop = (None, None, None, None, None)
    month_from = c.day_from[:7] if c.day_from else None
    month_to = c.day_to[:7] if c.day_to else None
    for a in c.source.rows("display_agreements"):
        code, shop, county, county_id, rep_id = c.shops.get(a["shop_id"], no_shop)
        if c.narrowed and not c.keep(rep_id, county_id):
            continue
        first, second = shares.get(team_of.get(rep_id), (None, None))
        for month in display.months_of(a):
            if (month_from and month < month_from) or (month_to and month > month_to):
                continue
            got = checks.get(a["id"], {}).get(month, [])
            pay = display.month_payout(a, month, got, first_pct=first, second_pct=second)
            decision = decided.get((a["id"], month))
            proof = sorted({photos[x["photo_id"]] for x in got if x.get("photo_id") in photos})
            yield (
                month,
                code,
                shop,
                county,
                c.users.get(rep_id),
                w_position.get(a["position"], a["position"]),
                "、".join(sorted(skus[a["id"]]))
                if a["id"] in skus
                else c.products.get(a["product_id"], (None, None))[1],
                a["monthly_fee"],
                pay.fee,
                pay.checks,
                pay.failed,
                _failed_terms(got, c.lang),
                pay.deduction_pct,
                pay.payout,
                None if decision is None else decision["amount"],
                None if decision is None else c.users.get(decision["approved_by"]),
                None if decision is None else decision["comment"],
                " ".join(proof) or None,
                a["id"],
            )


def _campaign_tasks(c: _Context) -> Iterator[tuple[Any, ...]]:
    """Each visit's record of a campaign's task (the visits' filters: rep, county,
    period), by day, campaign and shop."""
    campaigns = {r["id"]: r for r in c.source.rows("campaigns")}
    kinds = labels.enum_words(CampaignTaskKind, c.lang)
    info = c.visit_info
    found = []
    for r in c.source.rows("campaign_results"):
        visit = info.get(r["visit_id"])
        campaign = campaigns.get(r["campaign_id"])
        if visit is None or campaign is None:
            continue
        day, vid, shop_code, shop_name, county, rep = visit
        kind = campaign["task_kind"]
        found.append((
            day, campaign["name"], kinds.get(kind, kind), campaign["task"], shop_code,
            shop_name, county, rep, c.yes if r["done"] else c.no, r["answer"], vid,
        ))  # fmt: skip
    found.sort(key=lambda x: (str(x[0]), str(x[1]), str(x[4] or "")))
    yield from found


def _failed_terms(checks: list[Row], lang: str) -> str | None:
    """The month's terms not held and how often (``位置 ×1、产品 ×2``), None when all held."""
    counts = {t: sum(1 for x in checks if x.get(t) in (False, 0)) for t in display.CHECK_TERMS}
    words = [f"{labels.header(t, lang)} ×{n}" for t, n in counts.items() if n]
    return ("、" if lang.startswith("zh") else ", ").join(words) or None


_BUILDERS: dict[str, Callable[[_Context], Iterator[tuple[Any, ...]]]] = {
    "visits": _visits,
    "order_lines": _order_lines,
    "shelf_audits": _shelf_audits,
    "shelf_numbers": _shelf_numbers,
    "display_writeoff": _display_writeoff,
    "campaign_tasks": _campaign_tasks,
    "reviews": _reviews,
    "shops": _shops,
    "owners": _owners,
    "interactions": _interactions,
    "kocs": _kocs,
    "koc_shops": _koc_shops,
    "community_groups": _groups,
    "events": _events,
    "invitations": _invitations,
    "pushes": _pushes,
    "cloud_orders": _cloud_orders,
    "event_roi": _event_roi,
    "koc_roi": _koc_roi,
}


def sheet_values(
    source: RowSource,
    *,
    lang: str = "zh_CN",
    filters: ExportFilters | None = None,
    for_xlsx: bool = True,
) -> Iterator[tuple[str, list[str], Iterator[tuple[Any, ...]]]]:
    """(sheet key, headers, rows) per sheet, as the writers see them: cell values with
    dates as serial numbers (``for_xlsx``) or ISO text. Consume each sheet's rows before
    the next sheet (order lines need the visits, invitations the events)."""
    lang = _check_lang(lang)
    ctx = _Context(source, lang, filters or ExportFilters(), _XlsxForms if for_xlsx else _CsvForms)
    for key in SHEET_KEYS:
        yield key, [labels.header(k, lang) for k, _ in COLUMNS[key]], _BUILDERS[key](ctx)


def column_formats(sheet: str) -> list[str | None]:
    """The number format of each column of a sheet in the workbook (None: general)."""
    return [_NUM_FORMATS.get(kind) for _key, kind in COLUMNS[sheet]]


def column_widths(sheet: str, lang: str) -> list[int]:
    """The column widths of a sheet in the workbook."""
    return _widths(sheet, lang)


def _widths(sheet: str, lang: str) -> list[int]:
    out = []
    for key, kind in COLUMNS[sheet]:
        # +3 leaves room for the autofilter button beside the header.
        out.append(max(_WIDTHS[kind], display_width(labels.header(key, lang)) + 3))
    return out


def _total(source: RowSource) -> int:
    return sum(source.count(SHEET_TABLE[k]) for k in SHEET_KEYS)


def _check_lang(lang: str) -> str:
    try:
        return labels.check_lang(lang)
    except ValueError:
        raise ExportError("bad_lang", lang) from None


# --------------------------------------------------------------------------- xlsx


def export_xlsx(
    source: RowSource,
    path: str | os.PathLike[str],
    *,
    lang: str = "zh_CN",
    filters: ExportFilters | None = None,
    progress: Progress | None = None,
) -> ExportSummary:
    """Write the workbook to ``path`` (replacing it); return the rows per sheet."""
    import xlsxwriter
    from xlsxwriter.exceptions import XlsxFileError

    lang = _check_lang(lang)
    target = Path(path)
    _check_parent(target)
    ctx = _Context(source, lang, filters or ExportFilters(), _XlsxForms)
    total = _total(source) if progress else 0
    work = _work_folder(target)
    book = work / "book.xlsx"
    counts: dict[str, int] = {}
    try:
        wb = xlsxwriter.Workbook(
            str(book),
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "nan_inf_to_errors": True,
                # The sheets' temporary files hold mobile numbers: beside the target, in
                # the work folder removed below, never in the system temp folder.
                "tmpdir": str(work),
            },
        )
        try:
            _write_book(wb, ctx, lang, counts, total, progress)
        except BaseException as exc:
            try:
                wb.close()  # closes the sheets' files; the half-written book is dropped
            except Exception as closing:
                _close_left_open(wb, closing)
            _close_left_open(wb, exc)
            raise
        try:
            wb.close()  # a failure here (a full disk) is the export's failure
        except BaseException as exc:
            _close_left_open(wb, exc)
            raise
        _commit(book, target)
    except (OSError, XlsxFileError) as exc:
        raise ExportError("unwritable", f"{target}: {_why(exc)}") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if progress is not None:
        progress(total, total, "")
    return ExportSummary(str(target), counts)


def _write_book(
    wb: Any,
    ctx: _Context,
    lang: str,
    counts: dict[str, int],
    total: int,
    progress: Progress | None,
) -> None:
    formats = {k: wb.add_format({"num_format": v}) for k, v in _NUM_FORMATS.items()}
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "bottom": 1, "valign": "vcenter"})
    done = 0
    for key in SHEET_KEYS:
        columns = COLUMNS[key]
        part = 1
        ws = _new_sheet(wb, key, lang, part, formats, head)
        write_row = ws.write_row
        limit = MAX_SHEET_ROWS
        n = row = 0
        for values in _BUILDERS[key](ctx):
            if row == limit:  # Excel's last row: go on in "<sheet> (2)"
                ws.autofilter(0, 0, row, len(columns) - 1)
                part += 1
                ws = _new_sheet(wb, key, lang, part, formats, head)
                write_row = ws.write_row
                row = 0
            n += 1
            row += 1
            if write_row(row, 0, values):
                # xlsxwriter cuts a text longer than a cell holds and then drops
                # the rest of the row: write that row cell by cell instead.
                _write_cut(ws, row, values)
            if progress is not None and not n % _PROGRESS_EVERY:
                progress(done + n, total, key)
        ws.autofilter(0, 0, row, len(columns) - 1)
        counts[key] = n
        done += n
        if progress is not None:
            progress(done, total, key)


def _close_left_open(wb: Any, exc: BaseException) -> None:
    """Close the files xlsxwriter left open when writing or packing the book failed.

    xlsxwriter closes its files only when the book is whole: a full disk leaves the
    sheets' row files and XML files open (its workbook and sheets hold them) and the
    ``zipfile.ZipFile`` it packs the book into, held by the failure's traceback (and so
    by the ``ExportError`` raised from it). Left to the garbage collector, the zip's
    close writes its end record into the full disk again and fails where nobody hears
    it, and until then the work folder cannot be removed on Windows (open files that
    hold mobile numbers). Here each is closed (what it had not written is lost, as the
    book is dropped anyway) and the zip forgets its file, so its own close later does
    nothing."""
    import zipfile

    holders = [wb, *wb.worksheets()]
    for holder in holders:
        for name in ("row_data_fh", "fh"):
            close = getattr(getattr(holder, name, None), "close", None)
            if callable(close):
                with contextlib.suppress(OSError, ValueError):
                    close()
    seen: set[int] = set()
    failure: BaseException | None = exc
    while failure is not None and id(failure) not in seen:
        seen.add(id(failure))
        tb = failure.__traceback__
        while tb is not None:
            for value in list(tb.tb_frame.f_locals.values()):
                if isinstance(value, zipfile.ZipFile) and value.fp is not None:
                    fp, value.fp = value.fp, None
                    with contextlib.suppress(OSError, ValueError):
                        fp.close()  # its buffer may not fit the disk; the file closes anyway
            tb = tb.tb_next
        failure = failure.__context__


# --------------------------------------------------------------------------- whole files

#: A work folder of an export killed midway (``.<target>.<8 hex>.part`` beside the target)
#: older than this is removed by the next export to the same target.
STALE_WORK_S = 12 * 3600


def _work_folder(target: Path) -> Path:
    """A fresh folder beside ``target`` for everything the export writes before its files
    are whole; the leftovers of killed exports of the same target are removed first."""
    parent = target.parent if str(target.parent) else Path(".")
    _sweep(parent, target.name)
    # Not mkdtemp: its folder is private (0700); a CSV folder renamed into place keeps
    # the usual permissions.
    work = parent / f".{target.name}.{uuid.uuid4().hex[:8]}.part"
    try:
        work.mkdir()
    except OSError as exc:
        raise ExportError("unwritable", f"{parent}: {_why(exc)}") from None
    return work


def _sweep(parent: Path, name: str) -> None:
    prefix = f".{name}."
    cutoff = time.time() - STALE_WORK_S
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return
    for entry in entries:
        hexpart = entry.name.removeprefix(prefix).removesuffix(".part")
        if not (
            entry.name.startswith(prefix)
            and entry.name.endswith(".part")
            and len(hexpart) == 8
            and all(c in "0123456789abcdef" for c in hexpart)
        ):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_mtime > cutoff:
                continue  # maybe another export still at work
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:
            continue


def _sync_file(path: Path) -> None:
    """Flush ``path`` to the disk (a full disk or an I/O error shows here, not later)."""
    fd = os.open(path, os.O_RDWR)  # Windows flushes only a handle open for writing
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable where the system can (POSIX; Windows cannot
    open a folder, some network file systems refuse): the files are in place either way."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def _commit(done: Path, target: Path) -> None:
    """Put the whole file ``done`` in place of ``target`` in one step."""
    _sync_file(done)
    os.replace(done, target)
    _sync_folder(target.parent if str(target.parent) else Path("."))


def _why(exc: BaseException) -> str:
    """The words of an OS error, also when xlsxwriter wrapped it."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else exc
    if isinstance(inner, OSError):
        return inner.strerror or str(inner)
    return str(exc)


#: What Excel allows in a sheet name: at most 31 characters, none of these.
_SHEET_NAME_MAX = 31
_SHEET_NAME_BAD = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def sheet_title(key: str, lang: str, part: int = 1) -> str:
    """The name of a sheet's ``part`` (1, 2, …) in the workbook, as Excel and WPS accept it:
    at most 31 characters, none of ``[]:*?/`` or a backslash, no apostrophe at either end."""
    name = labels.sheet_name(key, lang).translate(_SHEET_NAME_BAD).strip("'") or key
    suffix = "" if part == 1 else f" ({part})"
    return name[: _SHEET_NAME_MAX - len(suffix)].rstrip() + suffix


def _new_sheet(wb: Any, key: str, lang: str, part: int, formats: dict[str, Any], head: Any) -> Any:
    """A worksheet with its column formats and widths, header row, frozen pane."""
    ws = wb.add_worksheet(sheet_title(key, lang, part))
    for col, ((_ck, kind), width) in enumerate(zip(COLUMNS[key], _widths(key, lang), strict=True)):
        ws.set_column(col, col, width, formats.get(kind))
    ws.write_row(0, 0, [labels.header(k, lang) for k, _ in COLUMNS[key]], head)
    ws.freeze_panes(1, 0)
    return ws


#: The most characters an Excel (or WPS) cell holds.
MAX_CELL_CHARS = 32_767


def _write_cut(ws: Any, row: int, values: Iterable[Any]) -> None:
    """Write one row cell by cell, texts longer than a cell holds cut to fit."""
    for col, value in enumerate(values):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            value = value[:MAX_CELL_CHARS]
        ws.write(row, col, value)


def _check_parent(target: Path) -> None:
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.exists():
        raise ExportError("no_folder", str(parent))
    if target.exists() and target.is_dir():
        raise ExportError("not_a_file", str(target))


# --------------------------------------------------------------------------- csv

#: A text cell starting with one of these would be a formula in Excel.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_file_name(key: str, part: int = 1) -> str:
    """The CSV file of a sheet (English, plain ASCII: safe on every file system); a sheet
    longer than Excel opens goes on in ``<key>-2.csv``, ``<key>-3.csv`` …"""
    return f"{key}.csv" if part == 1 else f"{key}-{part}.csv"


def _is_csv_part(name: str, key: str) -> bool:
    """``name`` is a continuation file of sheet ``key`` (``<key>-<n>.csv``)."""
    stem = name.removeprefix(f"{key}-").removesuffix(".csv")
    return name.startswith(f"{key}-") and name.endswith(".csv") and stem.isdigit()


def export_csv(
    source: RowSource,
    directory: str | os.PathLike[str],
    *,
    lang: str = "zh_CN",
    filters: ExportFilters | None = None,
    progress: Progress | None = None,
) -> ExportSummary:
    """Write one CSV file per sheet into ``directory`` (created if needed; files of the same
    names are replaced, others left alone)."""
    lang = _check_lang(lang)
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise ExportError("not_a_folder", str(target))
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.exists():
        raise ExportError("no_folder", str(parent))
    ctx = _Context(source, lang, filters or ExportFilters(), _CsvForms)
    total = _total(source) if progress else 0
    counts: dict[str, int] = {}
    tmp = _work_folder(target)
    written: list[str] = []
    try:
        done = 0
        for key in SHEET_KEYS:
            heads = [labels.header(k, lang) for k, _ in COLUMNS[key]]
            limit = MAX_SHEET_ROWS
            part = 1
            written.append(csv_file_name(key))
            fh = (tmp / written[-1]).open("w", encoding="utf-8-sig", newline="")
            try:
                writer = csv.writer(fh)
                writer.writerow(heads)
                n = row = 0
                for values in _BUILDERS[key](ctx):
                    if row == limit:  # Excel's last row: go on in "<key>-2.csv"
                        _close_synced(fh)
                        part += 1
                        written.append(csv_file_name(key, part))
                        fh = (tmp / written[-1]).open("w", encoding="utf-8-sig", newline="")
                        writer = csv.writer(fh)
                        writer.writerow(heads)
                        row = 0
                    n += 1
                    row += 1
                    writer.writerow([_csv_cell(v) for v in values])
                    if progress is not None and not n % _PROGRESS_EVERY:
                        progress(done + n, total, key)
                _close_synced(fh)
            finally:
                with contextlib.suppress(OSError):
                    fh.close()  # after a failure: its error is already on its way
            counts[key] = n
            done += n
            if progress is not None:
                progress(done, total, key)
        if not target.exists():
            os.replace(tmp, target)
            _sync_folder(parent)
        else:
            # Continuation files of an earlier, longer export would read as part of this one.
            for old in target.iterdir():
                if old.name not in written and any(_is_csv_part(old.name, k) for k in SHEET_KEYS):
                    old.unlink()
            for name in written:
                os.replace(tmp / name, target / name)
            _sync_folder(target)
    except OSError as exc:
        raise ExportError("unwritable", f"{target}: {_why(exc)}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if progress is not None:
        progress(total, total, "")
    return ExportSummary(str(target), counts)


def _close_synced(fh: Any) -> None:
    """Close a written file once its bytes are on the disk (a full disk shows here)."""
    fh.flush()
    os.fsync(fh.fileno())
    fh.close()


def _csv_cell(value: Any) -> Any:
    if type(value) is str and value.startswith(_FORMULA_START):
        return "'" + value
    if type(value) is float and value.is_integer():
        return int(value)
    return value
