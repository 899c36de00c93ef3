"""The sync wire format shared by the client and the server (docs/sync-protocol.md).

Declares the schema version and its header, the request and response bodies (pydantic
models with bounded types: string lengths, integer ranges, list sizes) and ``TABLES``,
the catalogue of synced tables with each writable field's simple type and bounds, which
the server validates pushed values against. It imports nothing from ``fieldapp``: a test
checks that ``TABLES`` names the same fields as ``fieldapp.model`` (``conflicts``: as the
client store's ``conflicts`` table).
Threading: immutable declarations only; safe from any thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt

#: Version of the synced tables' schema; the server accepts this one and the previous one.
SCHEMA_VERSION = 2
SUPPORTED_SCHEMAS: tuple[int, ...] = (SCHEMA_VERSION - 1, SCHEMA_VERSION)
#: What each version added: a client of an older version never receives these tables or
#: fields in a pull (it could not store them) and cannot send them (unknown to it).
ADDED_IN: dict[int, dict[str, tuple[str, ...]]] = {
    2: {"visit_reviews": (), "kocs": ("erased_at",)},  # () = the whole table
}
#: Every request carries the client's schema version in this header.
SCHEMA_HEADER = "X-Fieldapp-Schema"
#: Limits of one request.
MAX_MUTATIONS = 500
MAX_CHANGES = 100
MAX_PULL_LIMIT = 1000
DEFAULT_PULL_LIMIT = 500
MAX_BODY_BYTES = 8 * 1024 * 1024

INT64_MAX = 2**63 - 1

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


def enum(*choices: str, required: bool = False) -> FieldSpec:
    return FieldSpec("enum", nullable=not required, choices=choices)


def ref(table: str, *, required: bool = False) -> FieldSpec:
    return FieldSpec("ref", nullable=not required, max_length=64, ref=table)


BOOL = FieldSpec("bool", nullable=False)
DATE = FieldSpec("date")
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
MONEY = number(0, 1e9)
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
    "teams": {"name": TEXT, "notes": LONG},
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
    },
    "order_lines": {
        "visit_id": ref("visits", required=True),
        "product_id": ref("products", required=True),
        "quantity": integer(1, 1_000_000, required=True),
        "unit_price": MONEY,
    },
    "events": {
        "kind": enum("tasting", "scene", required=True),
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
    },
    # One row per supervisor decision on a visit (the review history); created only by the
    # team's supervisor or an admin (sync/server/service.py ``_check_write``).
    "visit_reviews": {
        "visit_id": ref("visits", required=True),
        "decision": enum("approved", "returned", required=True),
        "comment": LONG,
        "reviewer_id": ref("users"),
        "decided_at": REQ_DATETIME,
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
SHARED_TABLES: frozenset[str] = frozenset({"counties", "products"})

#: The references (first one set) whose row gives a row its team; none set: the
#: writer's team (docs/sync-protocol.md "Scope").
#: ``teams`` rows are their own team; ``users`` rows take ``team_id`` itself.
TEAM_FROM: dict[str, tuple[str, ...]] = {
    "shops": ("rep_id",),
    "owners": ("shop_id",),
    "interactions": ("owner_id",),
    "visits": ("shop_id",),
    "order_lines": ("visit_id",),
    "events": ("rep_id",),
    "event_products": ("event_id",),
    "kocs": ("rep_id",),
    "koc_shops": ("koc_id",),
    "koc_stage_changes": ("koc_id",),
    "community_groups": ("admin_koc_id",),
    "invitations": ("event_id",),
    "photos": ("visit_id", "shop_id", "event_id"),
    "visit_reviews": ("visit_id",),
}


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
        )
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


#: "Erase this person" (PIPL): a KOC with ``erased_at`` set keeps only anonymous facts.
#: These fields are cleared (``name`` becomes ERASED_NAME, ``consent`` false) and can
#: never be set again; the notes of the KOC's shop links and invitations are cleared too.
ERASED_NAME = "—"
PERSONAL_FIELDS: dict[str, tuple[str, ...]] = {
    "kocs": ("name", "mobile", "wechat", "notes", "consent", "consent_at", "consent_method"),
    "koc_shops": ("note",),
    "invitations": ("note",),
}


def erased_value(table: str, field: str) -> Any:
    """What a personal field holds once its person is erased."""
    if table == "kocs" and field == "name":
        return ERASED_NAME
    if table == "kocs" and field == "consent":
        return False
    return None


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
