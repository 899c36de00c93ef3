"""The sync wire format shared by the client and the server (docs/sync-protocol.md).

Declares the schema version and its header, the request and response bodies (pydantic
models with bounded types: string lengths, integer ranges, list sizes) and ``TABLES``,
the catalogue of synced tables with each writable field's simple type and bounds, which
the server validates pushed values against. It imports nothing from ``fieldapp`` but the
pure rule modules ``fieldapp.pricing``, ``fieldapp.display`` and ``fieldapp.campaigns``
(called, never copied):
a test checks that ``TABLES`` names the same fields as ``fieldapp.model``
(``conflicts``: as the client store's ``conflicts`` table).
Threading: immutable declarations only; safe from any thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    WithJsonSchema,
    field_validator,
)

# The one pure rule module it shares with the device (no store, no Qt): pricing's
# field rules are called, not copied.
from fieldapp import campaigns, display, kinds, pricing, values

#: Version of the synced tables' schema; the server accepts this one and the previous one.
SCHEMA_VERSION = 3
SUPPORTED_SCHEMAS: tuple[int, ...] = (SCHEMA_VERSION - 1, SCHEMA_VERSION)
#: What each version added: a client of an older version never receives these tables or
#: fields in a pull (it could not store them) and cannot send them (unknown to it).
ADDED_IN: dict[int, dict[str, tuple[str, ...]]] = {
    2: {"visit_reviews": (), "kocs": ("erased_at",)},  # () = the whole table
    3: {
        # returns and price overrides; the promotion applied (issue 16)
        "order_lines": ("list_price", "reason", "promotion_id", "net_price", "free_quantity"),
        # the day plan (issue 15)
        "teams": (
            "visit_days_a",
            "visit_days_b",
            "visit_days_c",
            "display_fail_first_pct",
            "display_fail_second_pct",
        ),
        "shops": ("visit_every_days", "route_days", "opens_at", "closes_at"),
        "visits": ("plan_seq", "evidence_flags", "checkin_latitude", "checkin_longitude"),
        # visit evidence (issue 15): the flags the rep's device found, photos' pHash
        "photos": ("phash",),
        # "erase this person" for shop owners (issue 13)
        "owners": ("erased_at",),
        # shelf audits (issue 16)
        "assortment_rules": (),
        "shop_skus": (),
        "shelf_audits": (),
        # price lists and promotions (issue 16), applied to order lines
        "prices": (),
        "promotions": (),
        # the B→KOC→C loop (issue 18): event economics and banquets, community pushes,
        # cloud-store orders, a KOC's referral code
        "events": (
            "cost_products", "cost_venue", "cost_gifts", "cost_other",
            "bottles_supplied", "bottles_opened", "bottles_returned", "table_count",
            "banquet_type", "host_koc_id", "host_owner_id", "host_name",
            "supplier_shop_id", "scan_count",
        ),
        "kocs": ("referrer_code",),
        "community_pushes": (),
        "cloud_orders": (),
        # display agreements, their checks in visits and payouts (issue 16)
        "display_agreements": (),
        "display_agreement_skus": (),
        "display_checks": (),
        "display_payouts": (),
        # head office's campaigns and their tasks recorded in visits (issue 19)
        "campaigns": (),
        "campaign_results": (),
    },
}  # fmt: skip
#: Enum values a version added, and what a client of an older version reads instead
#: (it could not store the new one): ``{version: {(table, field): {new: old}}}``. The
#: row's verify checksum is its id and version, so the older reading does not differ.
VALUES_ADDED_IN: dict[int, dict[tuple[str, str], dict[str, str]]] = {
    3: {("events", "kind"): {"banquet": "scene"}},
}
#: Every request carries the client's schema version in this header.
SCHEMA_HEADER = "X-Fieldapp-Schema"
#: Every request also carries the app's version (``fieldapp.__version__``); head office
#: keeps the last one each device sent (``devices.app_version``) for the console.
APP_VERSION_HEADER = "X-Fieldapp-App-Version"
#: What an app version may look like (PEP 440 and local versions fit); anything else
#: sent in the header is ignored, never stored.
APP_VERSION_PATTERN = r"[0-9A-Za-z][0-9A-Za-z.+!_-]{0,39}"
#: Sent with ``GET /v1/verify`` (the end of a sync), for head office's console:
#: ``pending=N;rejected=M`` (changes waiting to be sent, changes refused that the device
#: still shows). Optional; a value that does not parse is ignored.
OUTBOX_HEADER = "X-Fieldapp-Outbox"
#: Head office's epoch: renewed when its database is restored from a backup. Every
#: answer under ``/v1/`` carries it; a device sends the one it last saw with each push,
#: and a push naming another is refused (409 ``server_restored``, with the epoch and the
#: device's last sequence head office holds) before anything is applied, so the device
#: sends again what head office lost (docs/sync-protocol.md "Head office restored").
EPOCH_HEADER = "X-Fieldapp-Epoch"
#: Limits of one request.
MAX_MUTATIONS = 500
MAX_CHANGES = 100
MAX_PULL_LIMIT = 1000
DEFAULT_PULL_LIMIT = 500
MAX_BODY_BYTES = 8 * 1024 * 1024

INT64_MAX = 2**63 - 1


def app_version(header: str | None) -> str | None:
    """The app version a request names in :data:`APP_VERSION_HEADER`; None when it
    names none or one that does not look like a version."""
    value = (header or "").strip()
    return value if re.fullmatch(APP_VERSION_PATTERN, value) else None


# --------------------------------------------------------------------------- bounded types

Id = Annotated[str, Field(min_length=1, max_length=64)]
Name = Annotated[str, Field(min_length=1, max_length=100)]
Password = Annotated[str, Field(min_length=1, max_length=1024)]
Seq = Annotated[int, Field(ge=1, le=INT64_MAX)]
Version = Annotated[int, Field(ge=0, le=INT64_MAX)]
Timestamp = Annotated[str, Field(max_length=40)]
#: A field value on the wire: a JSON scalar, bounded (no nested objects or lists).
Scalar = (
    Annotated[str, Field(max_length=10_000)]
    | StrictBool
    | Annotated[StrictInt, Field(ge=-INT64_MAX, le=INT64_MAX)]
    | Annotated[StrictFloat, Field(allow_inf_nan=False)]
    | None
)
Op = Literal["insert", "update", "delete"]
Status = Literal["applied", "conflict", "rejected"]
Role = Literal["rep", "supervisor", "admin"]


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ErrorDetail(_Wire):
    code: str
    message: str = ""
    field: str | None = None
    supported: list[int] | None = None
    #: Photo uploads: the server's current offset (``offset_mismatch``, ``length_mismatch``)
    #: and the upload's length (``length_mismatch``).
    offset: int | None = None
    length: int | None = None
    #: 429 (``login_throttled``, ``login_busy``, ``account_locked``): seconds to wait, as
    #: in the ``Retry-After`` header.
    retry_after: int | None = None
    #: 409 ``server_restored``: head office's epoch now, and the last sequence number of
    #: the device's mutations it holds (the device sends the later ones again).
    epoch: str | None = None
    last_seq: int | None = None


class ErrorBody(_Wire):
    """Every error answer: ``{"error": {"code", "message", "field"}}`` with a 4xx status."""

    error: ErrorDetail


# --------------------------------------------------------------------------- login


class LoginRequest(_Wire):
    username: Name
    password: Password
    device_id: Id
    device_name: Annotated[str, Field(max_length=200)] = ""


class UserInfo(_Wire):
    id: str
    name: str
    role: Role
    team_id: str | None


class LoginResponse(_Wire):
    token: str
    expires_at: str
    user: UserInfo


# --------------------------------------------------------------------------- push


class Change(_Wire):
    old: Scalar = None
    new: Scalar = None


class MutationIn(_Wire):
    """One outbox row (docs/api.md "Rows and sync")."""

    mutation_id: Id
    seq: Seq
    table: Annotated[str, Field(min_length=1, max_length=64)]
    row_id: Id
    op: Op
    changes: Annotated[
        dict[Annotated[str, Field(max_length=64)], Change], Field(max_length=MAX_CHANGES)
    ]
    base_version: Version = 0
    created_at: Timestamp = ""

    @field_validator("created_at")
    @classmethod
    def _one_stored_form(cls, value: str) -> str:
        """A valid client time in the value rule's one stored form (UTC, whole seconds,
        ``+00:00``: ``fieldapp.values``), as every datetime field is stored; an invalid
        one is left for the push to refuse with its code (``rules.check_metadata``)."""
        if not value:
            return value
        try:
            return values.normalize_datetime(value)  # parsed once
        except ValueError:
            return value


class PushRequest(_Wire):
    device_id: Id
    mutations: Annotated[list[MutationIn], Field(max_length=MAX_MUTATIONS)]


class ResultError(_Wire):
    code: str
    field: str | None = None


class MutationResult(_Wire):
    mutation_id: str
    seq: int
    status: Status
    version: int
    conflict_id: int | None = None
    conflict_ids: list[int] | None = None
    error: ResultError | None = None


class PushResponse(_Wire):
    results: list[MutationResult]


# --------------------------------------------------------------------------- pull and verify


class PullChange(_Wire):
    seq: int
    table: str
    row_id: str
    op: Literal["upsert", "left"]
    version: int
    row: dict[str, Any] | None = None


class PullResponse(_Wire):
    changes: list[PullChange]
    cursor: int
    more: bool


class TableSum(_Wire):
    count: int
    checksum: int


class VerifyResponse(_Wire):
    tables: dict[str, TableSum]
    #: With ``?cursor=C`` (schema ``CONTENT_SUMS_FROM`` on): the sums leave out the rows
    #: whose last change is after C, listed here per table (the device leaves them out
    #: too), so a teammate's push between a device's pull and its verify is no mismatch.
    changed: dict[str, list[str]] | None = None
    #: More than ``MAX_VERIFY_CHANGED`` rows changed after C: nothing was left out; pull
    #: from the cursor and verify again.
    behind: bool = False


#: ``[row_id, hash]``. Described in the OpenAPI document as a two-item array of strings
#: and integers, not as pydantic's ``prefixItems`` tuple, which some OpenAPI tools (the
#: fuzz test's schemathesis among them) rewrite into a form their own checker refuses.
RowHash = Annotated[
    tuple[str, int],
    WithJsonSchema(
        {
            "type": "array",
            "minItems": 2,
            "maxItems": 2,
            "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
        }
    ),
]


class RowHashes(_Wire):
    """``GET /v1/verify/rows``: one table's rows in the caller's scope whose last change
    is at or before ``cursor``, each ``[row_id, hash]`` (``row_hash``), in id order from
    ``after``; ``more`` when a next page follows (ask with ``after`` = the last id)."""

    rows: list[RowHash]
    more: bool


# --------------------------------------------------------------------------- synced tables

Kind = Literal["text", "int", "float", "bool", "date", "datetime", "enum", "ref"]


@dataclass(frozen=True)
class FieldSpec:
    """A writable field: its kind, whether it may be null, and its bounds."""

    kind: Kind
    nullable: bool = True
    max_length: int | None = None
    min_value: float | None = None
    max_value: float | None = None
    choices: tuple[str, ...] = ()
    ref: str | None = None
    pattern: str | None = None
    #: The error code when a value does not match ``pattern``.
    pattern_error: str = "invalid_format"


def text(
    max_length: int = 200,
    *,
    required: bool = False,
    pattern: str | None = None,
    pattern_error: str = "invalid_format",
) -> FieldSpec:
    return FieldSpec(
        "text",
        nullable=not required,
        max_length=max_length,
        pattern=pattern,
        pattern_error=pattern_error,
    )


def integer(lo: int, hi: int, *, required: bool = False) -> FieldSpec:
    return FieldSpec("int", nullable=not required, min_value=lo, max_value=hi)


def number(lo: float, hi: float) -> FieldSpec:
    return FieldSpec("float", min_value=lo, max_value=hi)


def number_required(lo: float, hi: float) -> FieldSpec:
    return FieldSpec("float", nullable=False, min_value=lo, max_value=hi)


def enum(*choices: str, required: bool = False) -> FieldSpec:
    return FieldSpec("enum", nullable=not required, choices=choices)


def ref(table: str, *, required: bool = False) -> FieldSpec:
    return FieldSpec("ref", nullable=not required, max_length=64, ref=table)


BOOL = FieldSpec("bool", nullable=False)
OPT_BOOL = FieldSpec("bool")
DATE = FieldSpec("date")
REQ_DATE = FieldSpec("date", nullable=False)
DATETIME = FieldSpec("datetime")
REQ_DATETIME = FieldSpec("datetime", nullable=False)
TEXT = text(required=True)
OPT = text()
LONG = text(4000)
# Numbers travel normalised by the client (fieldapp.model): a mainland mobile as 11
# digits, a landline as 0571-88001234 (extension allowed), a WeChat id or a mobile.
MOBILE_PATTERN = r"1[3-9][0-9]{9}"
LANDLINE_PATTERN = r"0[0-9]{2,3}-?[1-9][0-9]{6,7}(-[0-9]{1,6})?"
WECHAT_PATTERN = r"[A-Za-z][-_A-Za-z0-9]{5,19}"
MOBILE = text(11, pattern=MOBILE_PATTERN, pattern_error="invalid_mobile")
PHONE = text(40, pattern=f"{MOBILE_PATTERN}|{LANDLINE_PATTERN}", pattern_error="invalid_phone")
WECHAT = text(20, pattern=f"{WECHAT_PATTERN}|{MOBILE_PATTERN}", pattern_error="invalid_wechat")
LEVEL = integer(1, 5, required=True)
OPT_LEVEL = integer(1, 5)
COUNT = integer(1, 100_000)
#: Days between visits (a shop's frequency, a team's default per tier).
VISIT_DAYS = integer(1, 365)
#: ISO weekday digits in order, each once: "135" = Monday, Wednesday, Friday.
ROUTE_DAYS_PATTERN = r"1?2?3?4?5?6?7?"
ROUTE_DAYS = text(7, pattern=ROUTE_DAYS_PATTERN)
#: A time of day, 24 h: "08:30".
CLOCK_PATTERN = r"([01][0-9]|2[0-3]):[0-5][0-9]"
CLOCK = text(5, pattern=CLOCK_PATTERN)
MONEY = number(0, 1e9)
#: Shelf audits (fieldapp.model.ShelfAudit): facings 0-999, a price seen on a shelf > 0.
FACINGS = integer(0, 999)
SHELF_PRICE = number(0.01, 1_000_000)
CHANNELS = ("convenience", "tobacco_liquor", "supermarket", "restaurant", "other")
#: A month, ``YYYY-MM`` (fieldapp.model.MONTH_PATTERN).
MONTH_PATTERN = r"(19|20)[0-9]{2}-(0[1-9]|1[0-2])"
#: A promotion's quantities (buy N, get M, from a minimum).
PROMO_QUANTITY = integer(1, 1_000_000)
#: Events' bottles and tables (fieldapp.model.OptBottles), a banquet's scan count.
BOTTLES = integer(0, 100_000)
SCANS = integer(0, 1_000_000)
#: ``conflicts.kept_value``/``lost_value`` hold a field value as JSON text.
CONFLICT_VALUE_MAX = 70_000
KOC_STAGE = ("spotted", "introduced", "experienced", "advocating", "dormant")

#: Synced tables: table -> writable field -> spec (the sync metadata ``id``, ``created_*``,
#: ``updated_*``, ``deleted`` and ``version`` are never written through ``changes``, except
#: ``deleted`` by a ``delete``). Kept literal; must match ``fieldapp.model``'s data fields
#: (``conflicts``: the client store's ``conflicts`` columns).
TABLES: dict[str, dict[str, FieldSpec]] = {
    "counties": {
        "name": TEXT,
        "province": OPT,
        "prefecture": OPT,
        "koc_target": integer(1, 100_000, required=True),
    },
    "teams": {
        "name": TEXT,
        "notes": LONG,
        "visit_days_a": VISIT_DAYS,
        "visit_days_b": VISIT_DAYS,
        "visit_days_c": VISIT_DAYS,
        "display_fail_first_pct": integer(0, 100),
        "display_fail_second_pct": integer(0, 100),
    },
    "users": {
        "name": TEXT,
        "role": enum("rep", "supervisor", "admin", required=True),
        "team_id": ref("teams"),
        "mobile": MOBILE,
    },
    "products": {
        "code": OPT,
        "name": TEXT,
        "category": OPT,
        "unit": OPT,
        "price": MONEY,
    },
    "shops": {
        "code": text(40),
        "name": TEXT,
        "channel": enum(
            "convenience",
            "tobacco_liquor",
            "supermarket",
            "restaurant",
            "other",
            required=True,
        ),
        "tier": enum("A", "B", "C", required=True),
        "address": OPT,
        "county_id": ref("counties", required=True),
        "phone": PHONE,
        "latitude": number(-90, 90),
        "longitude": number(-180, 180),
        "cloud_store": enum("none", "opened", "active", required=True),
        "notes": LONG,
        "rep_id": ref("users"),
        "visit_every_days": VISIT_DAYS,
        "route_days": ROUTE_DAYS,
        "opens_at": CLOCK,
        "closes_at": CLOCK,
    },
    "owners": {
        "shop_id": ref("shops", required=True),
        "name": TEXT,
        "mobile": MOBILE,
        "wechat": WECHAT,
        "birthday": DATE,
        "level": LEVEL,
        "cares_about": LONG,
        "notes": LONG,
        "erased_at": DATETIME,
    },
    "interactions": {
        "owner_id": ref("owners", required=True),
        "rep_id": ref("users"),
        "date": FieldSpec("date", nullable=False),
        "kind": enum(
            "visit", "call", "wechat", "gift", "help", "award", "tasting", "other", required=True
        ),
        "note": LONG,
        "level_after": OPT_LEVEL,
    },
    "visits": {
        "shop_id": ref("shops", required=True),
        "rep_id": ref("users"),
        "planned_date": DATE,
        "checkin_at": DATETIME,
        "checkout_at": DATETIME,
        "check_display": enum("good", "fair", "poor"),
        "check_stock": enum("ok", "low", "out"),
        "check_price": enum("ok", "above", "below"),
        "check_competitor": enum("none", "present", "promotion"),
        "check_notes": LONG,
        "relationship_note": LONG,
        "relationship_level": OPT_LEVEL,
        "next_actions": LONG,
        "review_status": enum("draft", "submitted", "approved", "returned", required=True),
        "supervisor_comment": LONG,
        "reviewed_by": ref("users"),
        "reviewed_at": DATETIME,
        "plan_seq": integer(1, 999),
        "evidence_flags": text(kinds.EVIDENCE_FLAGS_MAX, pattern=kinds.EVIDENCE_FLAGS_PATTERN),
        "checkin_latitude": number(-90, 90),
        "checkin_longitude": number(-180, 180),
    },
    "order_lines": {
        "visit_id": ref("visits", required=True),
        "product_id": ref("products", required=True),
        "quantity": integer(-1_000_000, 1_000_000, required=True),
        "unit_price": MONEY,
        "list_price": MONEY,
        "reason": OPT,
        "promotion_id": ref("promotions"),
        "net_price": MONEY,
        "free_quantity": integer(0, 1_000_000),
    },
    # Head office's price lists and promotions (fieldapp.pricing): written only by an
    # admin (fieldapp-server import-prices), read by everyone.
    "prices": {
        "list_name": TEXT,
        "product_id": ref("products", required=True),
        "channel": enum(*CHANNELS),
        "tier": enum("A", "B", "C"),
        "county_id": ref("counties"),
        "price": number_required(0, 1e9),
        "valid_from": REQ_DATE,
        "valid_to": DATE,
    },
    "promotions": {
        "code": text(40),
        "name": TEXT,
        "kind": enum("percent_off", "buy_get", required=True),
        "product_id": ref("products"),
        "percent": number(0.01, 100),
        "buy_quantity": PROMO_QUANTITY,
        "free_quantity": PROMO_QUANTITY,
        "min_quantity": PROMO_QUANTITY,
        "channel": enum(*CHANNELS),
        "tier": enum("A", "B", "C"),
        "county_id": ref("counties"),
        "valid_from": REQ_DATE,
        "valid_to": DATE,
        "priority": integer(0, 1000, required=True),
    },
    # Head office's campaigns (fieldapp.campaigns): written only by head office (the
    # console), read by everyone; a device shows a campaign's task in the visits to the
    # shops its filter takes.
    "campaigns": {
        "name": TEXT,
        "task_kind": enum(*campaigns.TASK_KINDS, required=True),
        "task": text(4000, required=True),
        "product_id": ref("products"),
        "team_id": ref("teams"),
        "county_id": ref("counties"),
        "channel": enum(*CHANNELS),
        "tier": enum("A", "B", "C"),
        "starts_on": REQ_DATE,
        "ends_on": REQ_DATE,
        "notes": LONG,
    },
    "assortment_rules": {
        "team_id": ref("teams", required=True),
        "channel": enum(*CHANNELS, required=True),
        "tier": enum("A", "B", "C", required=True),
        "product_id": ref("products", required=True),
    },
    "shop_skus": {
        "shop_id": ref("shops", required=True),
        "product_id": ref("products", required=True),
        "listed": BOOL,
    },
    "shelf_audits": {
        "visit_id": ref("visits", required=True),
        "product_id": ref("products", required=True),
        "in_distribution": BOOL,
        "out_of_stock": BOOL,
        "facings": FACINGS,
        "shelf_price": SHELF_PRICE,
        "competitor_facings": FACINGS,
        "competitor_price": SHELF_PRICE,
    },
    "events": {
        "kind": enum("tasting", "scene", "banquet", required=True),
        "title": TEXT,
        "venue_shop_id": ref("shops"),
        "venue_note": OPT,
        "starts_at": REQ_DATETIME,
        "ends_at": REQ_DATETIME,
        "capacity": COUNT,
        "budget": MONEY,
        "status": enum("planned", "confirmed", "done", "cancelled", required=True),
        "rep_id": ref("users"),
        "notes": LONG,
        "cost_products": MONEY,
        "cost_venue": MONEY,
        "cost_gifts": MONEY,
        "cost_other": MONEY,
        "bottles_supplied": BOTTLES,
        "bottles_opened": BOTTLES,
        "bottles_returned": BOTTLES,
        "table_count": BOTTLES,
        "banquet_type": enum("wedding", "birthday", "business", "other"),
        "host_koc_id": ref("kocs"),
        "host_owner_id": ref("owners"),
        "host_name": OPT,
        "supplier_shop_id": ref("shops"),
        "scan_count": SCANS,
    },
    "event_products": {
        "event_id": ref("events", required=True),
        "product_id": ref("products", required=True),
    },
    "kocs": {
        "name": TEXT,
        "mobile": MOBILE,
        "wechat": WECHAT,
        "county_id": ref("counties", required=True),
        "trait_acquaintances": LEVEL,
        "trait_trying": LEVEL,
        "trait_sharing": LEVEL,
        "trait_expertise": LEVEL,
        "stage": enum(*KOC_STAGE, required=True),
        "consent": BOOL,
        "consent_at": DATETIME,
        "consent_method": enum("verbal", "written", "wechat", "other"),
        "rep_id": ref("users"),
        "source_visit_id": ref("visits"),
        "source_event_id": ref("events"),
        "notes": LONG,
        "erased_at": DATETIME,
        "referrer_code": text(40),
    },
    "koc_shops": {
        "koc_id": ref("kocs", required=True),
        "shop_id": ref("shops", required=True),
        "introduced_by_owner_id": ref("owners"),
        "introduced_at": DATE,
        "note": OPT,
    },
    "koc_stage_changes": {
        "koc_id": ref("kocs", required=True),
        "from_stage": enum(*KOC_STAGE),
        "to_stage": enum(*KOC_STAGE, required=True),
        "changed_at": REQ_DATETIME,
    },
    "community_groups": {
        "kind": enum(
            "family",
            "workplace",
            "alumni",
            "hobby",
            "neighbourhood",
            "parents",
            "other",
            required=True,
        ),
        "name": TEXT,
        "size": COUNT,
        "admin_koc_id": ref("kocs"),
        "county_id": ref("counties"),
        "notes": LONG,
    },
    "invitations": {
        "event_id": ref("events", required=True),
        "koc_id": ref("kocs"),
        "owner_id": ref("owners"),
        "status": enum("invited", "confirmed", "attended", "no_show", required=True),
        "feedback": OPT_LEVEL,
        "note": LONG,
    },
    "photos": {
        "sha256": text(64, required=True, pattern=r"^[0-9a-f]{64}$"),
        "size": integer(1, 200 * 1024 * 1024, required=True),
        "mime": enum("image/jpeg", "image/png", "image/webp", "image/heic", required=True),
        "taken_at": DATETIME,
        "visit_id": ref("visits"),
        "shop_id": ref("shops"),
        "event_id": ref("events"),
        "caption": OPT,
        "phash": text(16, pattern=kinds.PHASH_PATTERN),
    },
    # Display agreements (fieldapp.display): a shop's agreement, checks in visits (parts of
    # the visit), and the supervisor's payout per month (reps may not write one).
    "display_agreements": {
        "shop_id": ref("shops", required=True),
        "product_id": ref("products"),
        "position": enum("end_cap", "case_stack", "cooler", "shelf", required=True),
        "facings": integer(1, 999, required=True),
        "starts_on": REQ_DATE,
        "ends_on": REQ_DATE,
        "monthly_fee": number_required(0, 1e9),
        "accepted_on": DATE,
        "terms": LONG,
    },
    # The SKUs an agreement covers (parts of it; none: the brand's range).
    "display_agreement_skus": {
        "agreement_id": ref("display_agreements", required=True),
        "product_id": ref("products", required=True),
    },
    "display_checks": {
        "visit_id": ref("visits", required=True),
        "agreement_id": ref("display_agreements", required=True),
        "passed": BOOL,
        # the agreement's terms, each held or not (fieldapp.display.CHECK_TERMS); unset:
        # not checked one by one
        "position_ok": OPT_BOOL,
        "facings_ok": OPT_BOOL,
        "skus_ok": OPT_BOOL,
        "photo_id": ref("photos"),
        "note": LONG,
    },
    "display_payouts": {
        "agreement_id": ref("display_agreements", required=True),
        "month": text(7, required=True, pattern=MONTH_PATTERN),
        "computed": number_required(0, 1e9),
        "amount": number_required(0, 1e9),
        "comment": LONG,
        "approved_by": ref("users"),
        "approved_at": DATETIME,
    },
    # A campaign's task recorded in a visit (a part of the visit, like its display checks).
    "campaign_results": {
        "visit_id": ref("visits", required=True),
        "campaign_id": ref("campaigns", required=True),
        "done": BOOL,
        "answer": LONG,
        "photo_id": ref("photos"),
    },
    # One row per supervisor decision on a visit (the review history); created only by the
    # team's supervisor or an admin (sync/server/service/rules.py ``_check_write``).
    "visit_reviews": {
        "visit_id": ref("visits", required=True),
        "decision": enum("approved", "returned", required=True),
        "comment": LONG,
        "reviewer_id": ref("users"),
        "decided_at": REQ_DATETIME,
    },
    "community_pushes": {
        "koc_id": ref("kocs"),
        "owner_id": ref("owners"),
        "group_id": ref("community_groups"),
        "date": FieldSpec("date", nullable=False),
        "product_id": ref("products"),
        "campaign": OPT,
        "event_id": ref("events"),
        "note": LONG,
        "rep_id": ref("users"),
    },
    "cloud_orders": {
        "order_no": text(64, required=True),
        "ordered_at": REQ_DATETIME,
        "shop_id": ref("shops", required=True),
        "items": LONG,
        "amount": FieldSpec("float", nullable=False, min_value=0, max_value=1e9),
        "buyer_ref": OPT,
        "referrer_code": text(40),
        "group_name": OPT,
        "koc_id": ref("kocs"),
        "group_id": ref("community_groups"),
    },
    # Written by the server when it records a conflict (docs/sync-protocol.md "Push");
    # devices may only update ``CONFLICT_WRITABLE``. Not in ``fieldapp.model``: these are
    # the columns of the client's ``conflicts`` table (fieldapp/store/migrations.py 0002).
    "conflicts": {
        "table_name": text(64, required=True),
        "row_id": text(64, required=True),
        "field": text(64, required=True),
        "kept_value": text(CONFLICT_VALUE_MAX),
        "lost_value": text(CONFLICT_VALUE_MAX),
        "kept_by": text(64),
        "lost_by": text(64),
        "kept_device": text(64),
        "lost_device": text(64),
        "kept_seq": integer(0, INT64_MAX),
        "lost_seq": integer(0, INT64_MAX),
        "lost_client_time": text(40),
        "resolved": BOOL,
        "resolution": enum("kept", "lost"),
    },
}

#: The only ``conflicts`` fields a device may change (by ``update``; never insert/delete).
CONFLICT_WRITABLE: frozenset[str] = frozenset({"resolved", "resolution"})

#: Tables every user reads (no team).
SHARED_TABLES: frozenset[str] = frozenset(
    {"counties", "products", "prices", "promotions", "campaigns"}
)

#: The references (first one set) whose row gives a row its team; none set: the
#: writer's team (docs/sync-protocol.md "Scope").
#: ``teams`` rows are their own team; ``users`` rows take ``team_id`` itself.
TEAM_FROM: dict[str, tuple[str, ...]] = {
    "shops": ("rep_id",),
    "owners": ("shop_id",),
    "interactions": ("owner_id",),
    "visits": ("shop_id",),
    "order_lines": ("visit_id",),
    "assortment_rules": ("team_id",),
    "shop_skus": ("shop_id",),
    "shelf_audits": ("visit_id",),
    "events": ("rep_id",),
    "event_products": ("event_id",),
    "kocs": ("rep_id",),
    "koc_shops": ("koc_id",),
    "koc_stage_changes": ("koc_id",),
    "community_groups": ("admin_koc_id",),
    "invitations": ("event_id",),
    "photos": ("visit_id", "shop_id", "event_id"),
    "visit_reviews": ("visit_id",),
    "community_pushes": ("koc_id", "owner_id"),
    "cloud_orders": ("shop_id",),
    "display_agreements": ("shop_id",),
    "display_agreement_skus": ("agreement_id",),
    "display_checks": ("visit_id",),
    "display_payouts": ("agreement_id",),
    "campaign_results": ("visit_id",),
}


def _agreed(row: dict[str, Any]) -> Any:
    """The price an order line agreed: the promotion's net price, else the list price."""
    net = row.get("net_price")
    return net if net is not None else row.get("list_price")


def _moment(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def _before_or_same(first: Any, second: Any) -> bool:
    """True when both are datetimes and ``second`` is not after ``first``."""
    a, b = _moment(first), _moment(second)
    if a is None or b is None:
        return False
    if (a.tzinfo is None) != (b.tzinfo is None):
        a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
    return b <= a


def _event_problem(r: dict[str, Any]) -> tuple[str, str] | None:
    supplied, opened, returned = (
        r.get(f) for f in ("bottles_supplied", "bottles_opened", "bottles_returned")
    )
    used = sum(v for v in (opened, returned) if isinstance(v, int) and not isinstance(v, bool))
    if isinstance(supplied, int) and not isinstance(supplied, bool) and used > supplied:
        return ("bottles_opened", "bottles_exceed_supplied")
    if r.get("kind") == "banquet" and not r.get("banquet_type"):
        return ("banquet_type", "required")
    if sum(1 for f in ("host_koc_id", "host_owner_id", "host_name") if r.get(f)) > 1:
        return ("host_koc_id", "one_host")
    return None


#: Rules over several fields of one row (the client's ``cross_checks``, same codes):
#: table -> [(fields the rule reads, the check giving (field, code) or None)].
CROSS_FIELD: dict[str, list[tuple[tuple[str, ...], Any]]] = {
    "shops": [
        (
            ("latitude", "longitude"),
            lambda r: (
                (("latitude" if r.get("latitude") is None else "longitude"), "gps_incomplete")
                if (r.get("latitude") is None) != (r.get("longitude") is None)
                else None
            ),
        ),
        (
            ("opens_at", "closes_at"),
            lambda r: (
                ("closes_at", "end_before_start")
                if isinstance(r.get("opens_at"), str)
                and isinstance(r.get("closes_at"), str)
                and r["closes_at"] <= r["opens_at"]
                else None
            ),
        ),
    ],
    "kocs": [
        (
            ("consent", "consent_at", "consent_method"),
            lambda r: (
                ("consent_at", "consent_incomplete")
                if r.get("consent") and not r.get("consent_at")
                else ("consent_method", "consent_incomplete")
                if r.get("consent") and not r.get("consent_method")
                else None
            ),
        )
    ],
    "events": [
        (
            ("starts_at", "ends_at"),
            lambda r: (
                ("ends_at", "end_before_start")
                if _before_or_same(r.get("starts_at"), r.get("ends_at"))
                else None
            ),
        ),
        # fieldapp.model.event_problem, the same rules and codes (one test table, both).
        (
            (
                "kind",
                "banquet_type",
                "bottles_supplied",
                "bottles_opened",
                "bottles_returned",
                "host_koc_id",
                "host_owner_id",
                "host_name",
            ),
            lambda r: _event_problem(r),
        ),
    ],
    "community_pushes": [
        (
            ("koc_id", "owner_id"),
            lambda r: (
                ("koc_id", "one_pusher")
                if (r.get("koc_id") is None) == (r.get("owner_id") is None)
                else None
            ),
        )
    ],
    "visits": [
        (
            ("checkin_at", "checkout_at"),
            lambda r: (
                ("checkout_at", "checkout_without_checkin")
                if r.get("checkout_at") and not r.get("checkin_at")
                else ("checkout_at", "checkout_before_checkin")
                if r.get("checkout_at")
                and _before_or_same(r.get("checkin_at"), r.get("checkout_at"))
                else None
            ),
        )
    ],
    # fieldapp.model.order_line_problem, the same rule and codes (one test table, both).
    "order_lines": [
        (
            ("quantity", "unit_price", "list_price", "reason", "net_price"),
            lambda r: (
                ("quantity", "not_zero")
                if r.get("quantity") == 0
                else ("reason", "reason_required")
                if (
                    (isinstance(r.get("quantity"), int) and r["quantity"] < 0)
                    or (_agreed(r) is not None and r.get("unit_price") != _agreed(r))
                )
                and not (isinstance(r.get("reason"), str) and r["reason"].strip())
                else None
            ),
        )
    ],
    # fieldapp.pricing's rules themselves (one definition; the device's model calls them).
    "prices": [(("valid_from", "valid_to"), pricing.validity_problem)],
    "promotions": [
        (
            ("kind", "percent", "buy_quantity", "free_quantity", "valid_from", "valid_to"),
            pricing.promotion_problem,
        )
    ],
    # fieldapp.model.ShelfAudit.cross_checks, the same rule and code.
    "shelf_audits": [
        (
            ("facings", "in_distribution", "out_of_stock"),
            lambda r: (
                ("facings", "facings_not_on_shelf")
                if (r.get("facings") or 0) > 0
                and (not r.get("in_distribution") or r.get("out_of_stock"))
                else None
            ),
        )
    ],
    # fieldapp.display's rules themselves (one definition; the device's model calls them).
    "display_agreements": [(("starts_on", "ends_on"), display.agreement_problem)],
    "display_checks": [(("passed", "note", *display.CHECK_TERMS), display.check_problem)],
    "display_payouts": [(("computed", "amount", "comment"), display.payout_problem)],
    # fieldapp.campaigns' rules themselves (one definition; the device's model calls them).
    "campaigns": [
        (("starts_on", "ends_on", "task_kind", "product_id"), campaigns.campaign_problem)
    ],
    "campaign_results": [(("done", "answer"), campaigns.result_problem)],
    "invitations": [
        (
            ("koc_id", "owner_id"),
            lambda r: (
                ("koc_id", "one_invitee")
                if (r.get("koc_id") is None) == (r.get("owner_id") is None)
                else None
            ),
        )
    ],
}


def cross_field_error(table: str, row: dict[str, Any], changed: set[str]) -> tuple[str, str] | None:
    """The first cross-field rule of ``table`` that ``row`` breaks among those reading a
    field in ``changed``, as ``(field, code)``; None when all hold."""
    for fields, check in CROSS_FIELD.get(table, []):
        if changed & set(fields):
            found: tuple[str, str] | None = check(row)
            if found is not None:
                return found
    return None


#: "Erase this person" (PIPL): a person with ``erased_at`` set keeps only anonymous facts;
#: their personal fields and those of the rows about them are cleared (``name`` becomes
#: ERASED_NAME, ``consent`` false) and can never be set again. One definition with the
#: device store: ``fieldapp.kinds``.
ERASED_NAME = kinds.ERASED_NAME
PERSONAL_FIELDS = kinds.PERSONAL_FIELDS
ABOUT = kinds.ABOUT
erased_value = kinds.erased_value


def older_value(version: int, table: str, field: str, value: Any) -> Any:
    """What a client of ``version`` reads for ``value`` (:data:`VALUES_ADDED_IN`)."""
    for added, fields in VALUES_ADDED_IN.items():
        if added > version:
            value = fields.get((table, field), {}).get(value, value)
    return value


def hidden_from(version: int) -> dict[str, tuple[str, ...]]:
    """Tables (value ``()``) and fields a client of ``version`` does not know."""
    out: dict[str, tuple[str, ...]] = {}
    for added, items in ADDED_IN.items():
        if added > version:
            for table, fields in items.items():
                out[table] = (
                    () if not fields or out.get(table) == () else (*out.get(table, ()), *fields)
                )
    return out


#: The fields of their own team's row a supervisor may change (the visit frequency per
#: tier of the day plan); everything else about a team is an admin's.
SUPERVISOR_TEAM_FIELDS: frozenset[str] = frozenset(
    {
        "visit_days_a",
        "visit_days_b",
        "visit_days_c",
        "display_fail_first_pct",
        "display_fail_second_pct",
    }
)

#: Fields of ``visits`` only the team's supervisor (or an admin) may write, and the
#: review statuses only they may set.
REVIEW_FIELDS: frozenset[str] = frozenset({"supervisor_comment", "reviewed_by", "reviewed_at"})
REVIEW_STATUSES: frozenset[str] = frozenset({"approved", "returned"})

#: Sync metadata columns; never written through ``changes``.
META_FIELDS: tuple[str, ...] = (
    "id",
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
    "deleted",
    "version",
)

# --------------------------------------------------------------------------- verify sums

#: The schema version from which ``/v1/verify`` sums rows' content (:func:`row_hash`);
#: a client of an older version gets the sums of ``row_id:version`` (:func:`version_hash`).
CONTENT_SUMS_FROM = 3
#: Past this many rows changed after a verify's cursor, the answer is ``behind``.
MAX_VERIFY_CHANGED = 2000
#: At most this many ``table:row_id`` a device leaves out of a verify (``skip``: rows
#: with changes of its own still waiting); at most this many ids in a pull by ``ids``.
MAX_VERIFY_SKIP = 100
MAX_PULL_IDS = 100
#: Rows per page of ``GET /v1/verify/rows``.
ROW_HASHES_PAGE = 5000


#: ``{table: (field, ...)}`` in name order: the content a row's verify hash covers
#: (``fieldapp.kinds.row_hash``; the device hashes the same columns).
HASHED_FIELDS: dict[str, tuple[str, ...]] = {
    table: tuple(sorted(fields)) for table, fields in TABLES.items()
}


def row_hash(table: str, row_id: str, version: int, deleted: Any, row: Any) -> int:
    """A row's share of head office's verify sums: ``fieldapp.kinds.row_hash`` over the
    synced fields of ``row`` (any mapping; a missing field counts as null)."""
    get = row.get
    return kinds.row_hash(row_id, version, deleted, [(f, get(f)) for f in HASHED_FIELDS[table]])


def version_hash(row_id: str, version: int) -> int:
    """A row's share of the sums a client before ``CONTENT_SUMS_FROM`` compares."""
    return kinds.version_hash(row_id, version)


# --------------------------------------------------------------------------- photos

#: Photo files travel by ``HEAD``/``PATCH``/``GET /v1/photos/{sha256}`` (docs/sync-protocol.md
#: "Photos"): the bytes received so far in ``Upload-Offset``, the total in ``Upload-Length``.
UPLOAD_OFFSET_HEADER = "Upload-Offset"
UPLOAD_LENGTH_HEADER = "Upload-Length"
#: The largest photo file the server keeps, and the largest chunk one ``PATCH`` carries.
MAX_PHOTO_BYTES = 50 * 1024 * 1024
MAX_PHOTO_CHUNK = 4 * 1024 * 1024
#: The chunk size the client sends.
PHOTO_CHUNK = 256 * 1024
#: A photo's id on the wire: its SHA-256, 64 lowercase hex digits.
SHA256_PATTERN = r"^[0-9a-f]{64}$"


class PhotoUploadResponse(_Wire):
    """The answer to a ``PATCH``: bytes received so far and whether the file is kept."""

    offset: int
    length: int
    complete: bool
