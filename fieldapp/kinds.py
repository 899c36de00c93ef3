"""The domain's kinds and clock rules: enums, the store's datetime text, Beijing days.

Plain Python (no pydantic): the window's first screen needs these names, not the
models of ``fieldapp.model``, which re-exports everything here.
Thread-agnostic: constants and pure functions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

# --------------------------------------------------------------------------- enums


class Role(StrEnum):
    REP = "rep"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Channel(StrEnum):
    CONVENIENCE = "convenience"
    TOBACCO_LIQUOR = "tobacco_liquor"
    SUPERMARKET = "supermarket"
    RESTAURANT = "restaurant"
    OTHER = "other"


class Tier(StrEnum):
    A = "A"
    B = "B"
    C = "C"


class CloudStore(StrEnum):
    """The shop's online shelf: not opened, opened (set up), active (taking orders)."""

    NONE = "none"
    OPENED = "opened"
    ACTIVE = "active"


class InteractionKind(StrEnum):
    VISIT = "visit"
    CALL = "call"
    WECHAT = "wechat"
    GIFT = "gift"
    HELP = "help"
    AWARD = "award"
    TASTING = "tasting"
    OTHER = "other"


class KocStage(StrEnum):
    SPOTTED = "spotted"
    INTRODUCED = "introduced"
    EXPERIENCED = "experienced"
    ADVOCATING = "advocating"
    DORMANT = "dormant"


#: The funnel order of the active stages (dormant stands apart).
FUNNEL_STAGES: tuple[KocStage, ...] = (
    KocStage.SPOTTED,
    KocStage.INTRODUCED,
    KocStage.EXPERIENCED,
    KocStage.ADVOCATING,
)


class ConsentMethod(StrEnum):
    VERBAL = "verbal"
    WRITTEN = "written"
    WECHAT = "wechat"
    OTHER = "other"


class GroupKind(StrEnum):
    FAMILY = "family"
    WORKPLACE = "workplace"
    ALUMNI = "alumni"
    HOBBY = "hobby"
    NEIGHBOURHOOD = "neighbourhood"
    PARENTS = "parents"
    OTHER = "other"


class EventKind(StrEnum):
    TASTING = "tasting"
    SCENE = "scene"
    #: A banquet (宴席): a wedding, birthday, business dinner … where the brand is served.
    BANQUET = "banquet"


class BanquetType(StrEnum):
    """The occasion of a banquet (宴席)."""

    WEDDING = "wedding"
    BIRTHDAY = "birthday"
    BUSINESS = "business"
    OTHER = "other"


class EventStatus(StrEnum):
    PLANNED = "planned"
    CONFIRMED = "confirmed"
    DONE = "done"
    CANCELLED = "cancelled"


class InvitationStatus(StrEnum):
    INVITED = "invited"
    CONFIRMED = "confirmed"
    ATTENDED = "attended"
    NO_SHOW = "no_show"


class ReviewStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


class ReviewDecision(StrEnum):
    """A supervisor's decision on a submitted visit (one ``visit_reviews`` row each)."""

    APPROVED = "approved"
    RETURNED = "returned"


class DisplayCheck(StrEnum):
    GOOD = "good"
    FAIR = "fair"
    POOR = "poor"


class StockCheck(StrEnum):
    OK = "ok"
    LOW = "low"
    OUT = "out"


class PriceCheck(StrEnum):
    OK = "ok"
    ABOVE = "above"
    BELOW = "below"


class PromotionKind(StrEnum):
    """Percentage off the list price, or buy N get M free (``fieldapp.pricing``)."""

    PERCENT_OFF = "percent_off"
    BUY_GET = "buy_get"


class DisplayPosition(StrEnum):
    """Where a display agreement's goods stand (陈列位置)."""

    END_CAP = "end_cap"  # 端架
    CASE_STACK = "case_stack"  # 堆箱
    COOLER = "cooler"  # 冰柜
    SHELF = "shelf"  # 货架


class CampaignTaskKind(StrEnum):
    """What a head-office campaign asks for in a visit (``fieldapp.campaigns``)."""

    QUESTION = "question"  # a question to ask the owner
    CHECKLIST = "checklist"  # an item to check
    PHOTO = "photo"  # a photo to take
    PLACEMENT = "placement"  # a product to place


class CompetitorCheck(StrEnum):
    NONE = "none"
    PRESENT = "present"
    PROMOTION = "promotion"


# --------------------------------------------------------------------------- tables

#: The synced tables in dependency order (``fieldapp.model.ENTITIES``' tables; a test
#: holds the two equal).
TABLES: tuple[str, ...] = (
    "counties",
    "teams",
    "users",
    "products",
    "shops",
    "owners",
    "interactions",
    "visits",
    "prices",
    "promotions",
    "campaigns",
    "order_lines",
    "assortment_rules",
    "shop_skus",
    "shelf_audits",
    "events",
    "event_products",
    "kocs",
    "koc_shops",
    "koc_stage_changes",
    "community_groups",
    "invitations",
    "photos",
    "display_agreements",
    "display_agreement_skus",
    "display_checks",
    "display_payouts",
    "campaign_results",
    "visit_reviews",
    "community_pushes",
    "cloud_orders",
)

#: Delete rules, one definition for the device store and head office
#: (``fieldapp.store.repo.Repo.delete``, ``sync/server/service/rules.py``): the parts of a
#: row, as ``table -> ((part table, field referring to the row), ...)``. Parts are deleted
#: with their row; any other live row that must refer to it (a required reference) blocks
#: the delete, and optional references to it are cleared.
OWNS: dict[str, tuple[tuple[str, str], ...]] = {
    "shops": (
        ("owners", "shop_id"),
        ("koc_shops", "shop_id"),
        ("photos", "shop_id"),
        ("shop_skus", "shop_id"),
        ("display_agreements", "shop_id"),
    ),
    "owners": (
        ("interactions", "owner_id"),
        ("invitations", "owner_id"),
        ("community_pushes", "owner_id"),
    ),
    "visits": (
        ("order_lines", "visit_id"),
        ("photos", "visit_id"),
        ("shelf_audits", "visit_id"),
        ("display_checks", "visit_id"),
        ("campaign_results", "visit_id"),
    ),
    "display_agreements": (
        ("display_agreement_skus", "agreement_id"),
        ("display_checks", "agreement_id"),
        ("display_payouts", "agreement_id"),
    ),
    "events": (("event_products", "event_id"), ("invitations", "event_id"), ("photos", "event_id")),
    "kocs": (
        ("koc_shops", "koc_id"),
        ("koc_stage_changes", "koc_id"),
        ("invitations", "koc_id"),
        ("community_pushes", "koc_id"),
    ),
}

#: Rows a review locks, one definition for the device store and head office: once a
#: visit is approved it is the supervisor's record, and so are its parts (``OWNS``:
#: order lines, photos). Nobody's app changes, adds or deletes them, and head office
#: refuses a rep who tries (``not_editable``): ``{table: (field, locking values)}``.
LOCKED_WHEN: dict[str, tuple[str, frozenset[str]]] = {
    "visits": ("review_status", frozenset({"approved"})),
}


#: What may still change on a visit once it is submitted or approved: the review itself
#: (who may write these is a rule of its own: the supervisor's, ``sync.protocol``).
REVIEW_OPEN_FIELDS: frozenset[str] = frozenset(
    {"review_status", "supervisor_comment", "reviewed_by", "reviewed_at"}
)

#: Rows under review, one definition for the device store and head office: a submitted
#: visit is what its supervisor is deciding on, so until the decision nothing but the
#: review changes it, whoever writes (``not_editable``). Its parts stay open until it
#: is approved (``LOCKED_WHEN``).
UNDER_REVIEW_WHEN: dict[str, tuple[str, frozenset[str]]] = {
    "visits": ("review_status", frozenset({"submitted"})),
}


#: Who the lock does not bind: the record is the supervisor's, so the team's supervisor
#: (and an admin) may still correct it and its parts; everyone else (a rep, a store whose
#: user is not known) is bound. One rule for the device store and head office.
LOCK_EXEMPT: frozenset[str] = frozenset({"supervisor", "admin"})


def lock_binds(role: str | None) -> bool:
    """Whether the review lock (:data:`LOCKED_WHEN`) binds a writer of ``role``."""
    return role not in LOCK_EXEMPT


def is_locked(table: str, row: Mapping[str, Any]) -> bool:
    """Whether ``row`` of ``table`` is locked by its review (:data:`LOCKED_WHEN`)."""
    rule = LOCKED_WHEN.get(table)
    return rule is not None and row.get(rule[0]) in rule[1]


def locked_fields(
    table: str, row: Mapping[str, Any], changed: Iterable[str], role: str | None
) -> list[str]:
    """The fields among ``changed`` that a writer of ``role`` may no longer change on
    ``row`` of ``table`` (``not_editable``), sorted; one rule for the device store and
    head office. A row under review (:data:`UNDER_REVIEW_WHEN`) takes only its review
    (:data:`REVIEW_OPEN_FIELDS`) whoever writes; a locked one (:data:`LOCKED_WHEN`) the
    same from a writer the lock binds (:func:`lock_binds`)."""
    review = UNDER_REVIEW_WHEN.get(table)
    under_review = review is not None and row.get(review[0]) in review[1]
    if under_review or (lock_binds(role) and is_locked(table, row)):
        return sorted(set(changed) - REVIEW_OPEN_FIELDS)
    return []


def locking_parents(table: str) -> tuple[tuple[str, str], ...]:
    """(parent table, field) of each lockable row that ``table`` rows are parts of."""
    return tuple(
        (parent, field)
        for parent, parts in OWNS.items()
        if parent in LOCKED_WHEN
        for part, field in parts
        if part == table
    )


#: Visit evidence (``fieldapp.evidence``), one rule for the device store and head office:
#: the flags a visit's ``evidence_flags`` may hold, in the order they are shown.
EVIDENCE_FLAGS: tuple[str, ...] = (
    "photo_far",
    "photo_outside_visit",
    "photo_no_exif",
    "photo_reused",
    "visit_too_short",
    "checkin_far",
)
#: ``visits.evidence_flags``: flags joined by ``;``, each ``code[@photo id][=amount]``
#: (metres, minutes or hash bits, at most two decimals), e.g.
#: ``photo_far@3f2a…=667;visit_too_short=4``; null when the visit has no flag.
EVIDENCE_FLAG_PATTERN = (
    "(" + "|".join(EVIDENCE_FLAGS) + r")(@[A-Za-z0-9_.-]{1,64})?(=[0-9]{1,9}(\.[0-9]{1,2})?)?"
)
EVIDENCE_FLAGS_PATTERN = rf"{EVIDENCE_FLAG_PATTERN}(;{EVIDENCE_FLAG_PATTERN})*"
EVIDENCE_FLAGS_MAX = 4000


def evidence_codes(text: str | None) -> list[str]:
    """The distinct flag codes of a stored ``evidence_flags`` text, in
    :data:`EVIDENCE_FLAGS` order (unknown ones left out)."""
    found = {part.partition("=")[0].partition("@")[0] for part in (text or "").split(";")}
    return [code for code in EVIDENCE_FLAGS if code in found]


#: ``photos.phash``: a photo's 64-bit perceptual hash as 16 hex digits.
PHASH_PATTERN = r"[0-9a-f]{16}"


#: Shared rows (every team's: counties, products), one rule for the device store and
#: head office: anyone signed in adds one (a missing county); only head office (an admin,
#: or a ``head_office`` account on the server's console) changes or deletes one, except
#: these fields, which the named role sets too (a supervisor's density target); a rep
#: renames and deletes none. ``{table: {role: fields}}``.
SHARED_EDITS: dict[str, dict[str, frozenset[str]]] = {
    "counties": {"supervisor": frozenset({"koc_target"})},
    "products": {},
    "prices": {},
    "promotions": {},
    "campaigns": {},
}
#: Team rows only a supervisor (or an admin) writes, one rule for the device store and
#: head office (``forbidden`` for a rep): the team's assortment rules and the monthly
#: payouts of display agreements (approved or adjusted by the supervisor).
SUPERVISOR_ONLY: frozenset[str] = frozenset({"assortment_rules", "display_payouts"})


def role_write_error(table: str, role: str | None) -> str | None:
    """``forbidden`` when ``role`` may not write a row of ``table`` (:data:`SUPERVISOR_ONLY`)."""
    return "forbidden" if table in SUPERVISOR_ONLY and role == "rep" else None


#: Shared rows only head office writes, inserts included: price lists and promotions
#: (``fieldapp-server import-prices``), campaigns (the console); reps and supervisors
#: read them.
HEAD_OFFICE_ONLY: frozenset[str] = frozenset({"prices", "promotions", "campaigns"})


def shared_write_error(
    table: str, role: str | None, op: str, changed: Iterable[str]
) -> tuple[str | None, str] | None:
    """``(field, "forbidden")`` when ``role`` may not make this write to a shared row
    (``op``: insert, update, delete; ``changed``: the fields whose value changes), else
    None. No role (a store whose user is not known yet), admins and head office may."""
    if table not in SHARED_EDITS or role in (None, "admin", "head_office"):
        return None
    if table in HEAD_OFFICE_ONLY:
        return None, "forbidden"
    if op == "insert":
        return None
    if op == "delete":
        return None, "forbidden"
    allowed = SHARED_EDITS[table].get(str(role), frozenset())
    bad = sorted(set(changed) - allowed)
    return (bad[0], "forbidden") if bad else None


#: Uniqueness rules, one definition for the device store and head office: among the live
#: rows of a table, no two share the values of one of these field groups (a group with
#: a null value does not count). Head office merges a second insert of a pair into the
#: first (docs/sync-protocol.md "Uniqueness"). Shop codes are unique too, without regard
#: to case (``ShopRepo``, ``rules._check_shop_code``).
UNIQUE_TOGETHER: dict[str, tuple[tuple[str, ...], ...]] = {
    "display_agreement_skus": (("agreement_id", "product_id"),),
    "koc_shops": (("koc_id", "shop_id"),),
    "invitations": (("event_id", "koc_id"), ("event_id", "owner_id")),
    "assortment_rules": (("team_id", "channel", "tier", "product_id"),),
    "shop_skus": (("shop_id", "product_id"),),
    "shelf_audits": (("visit_id", "product_id"),),
    # A cloud-store order is the platform's: its order id names it once (an import of the
    # same export twice writes nothing).
    "cloud_orders": (("order_no",),),
    "display_checks": (("visit_id", "agreement_id"),),
    "campaign_results": (("visit_id", "campaign_id"),),
    "display_payouts": (("agreement_id", "month"),),
}

#: "Erase this person" (China's PIPL), one definition for the device store and head
#: office (``store.kocs.erase``/``store.owners.erase``, ``sync/server/service/push.py``):
#: the personal fields of a KOC or a shop owner and of the rows about them, and what they
#: hold once erased. A person's every detail goes (an owner's notes and what they care
#: about too), and so does the free text of the rows about them (a shop link's, an
#: invitation's, a community push's, an interaction's note). Anonymous facts (county,
#: stage, traits, links, attendance; a shop's owner level, the dates and kinds of the
#: interactions) stay, so the counts do too.
ERASED_NAME = "—"
PERSONAL_FIELDS: dict[str, tuple[str, ...]] = {
    "kocs": (
        "name",
        "mobile",
        "wechat",
        "notes",
        "consent",
        "consent_at",
        "consent_method",
        "referrer_code",
    ),
    "owners": ("name", "mobile", "wechat", "birthday", "cares_about", "notes"),
    "koc_shops": ("note",),
    "invitations": ("note",),
    "community_pushes": ("note",),
    "cloud_orders": ("buyer_ref",),
    "interactions": ("note",),
}
#: The people who can be erased (tables with ``erased_at``) and the rows about them:
#: ``{person table: {table: the field naming the person}}``.
ABOUT: dict[str, dict[str, str]] = {
    "kocs": {
        "koc_shops": "koc_id",
        "invitations": "koc_id",
        "community_pushes": "koc_id",
        "cloud_orders": "koc_id",
    },
    "owners": {
        "interactions": "owner_id",
        "invitations": "owner_id",
        "community_pushes": "owner_id",
    },
}


def erased_value(table: str, field: str) -> Any:
    """What a personal field holds once its person is erased."""
    if table in ABOUT and field == "name":
        return ERASED_NAME
    if table == "kocs" and field == "consent":
        return False
    return None


#: Columns every synced table has; the store fills them, callers never write them.
META_FIELDS: tuple[str, ...] = (
    "id",
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
    "deleted",
    "version",
)


# --------------------------------------------------------------------------- time


def format_datetime(value: datetime) -> str:
    """The one text form of a datetime in the store: UTC, seconds, fixed width.

    Fixed width keeps text order equal to time order in SQL.
    """
    return value.astimezone(UTC).isoformat(timespec="seconds")


def utcnow() -> datetime:
    return datetime.now(UTC)


#: Reps work on Beijing time (China has one time zone): the calendar day of a check-in
#: or an event is taken at this offset from the UTC stored in the store.
BUSINESS_UTC_OFFSET = timedelta(hours=8)


def business_today() -> date:
    """Today's date on Beijing time."""
    return (utcnow() + BUSINESS_UTC_OFFSET).date()


# --------------------------------------------------------------------------- verify sums


def _canonical(value: Any) -> Any:
    """A stored value in one form whatever the store: SQLite's 0/1 booleans and REAL
    numbers read back as floats, JSON's true/false and integral floats."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


#: ``json.dumps(..., ensure_ascii=False, separators=(",", ":"), sort_keys=True)`` without
#: making an encoder per call (a push hashes two row states per write).
_HASH_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def row_hash(row_id: str, version: int, deleted: Any, values: Iterable[tuple[str, Any]]) -> int:
    """One row's share of a verify checksum, one definition for head office's running
    sums and the device's (docs/sync-protocol.md "Verify"): the first 8 bytes
    (big-endian) of the SHA-256 of the row's id, version, deleted flag and its synced
    fields' values (``values``: (field, value) pairs, ``sync.protocol.HASHED_FIELDS``;
    the sync metadata times and authors are not content) as a JSON object of the
    non-null ones with sorted keys. A null field and a missing one are alike, so a new
    nullable field changes no row's hash. So verify tells any difference in content,
    not only in versions."""
    present: dict[str, Any] = {}
    plain = type(row_id) is str  # every value a str or an int: see _hash_text
    for name, v in values:
        if v is None:
            continue
        kind = type(v)
        if kind is not str and kind is not int:  # most values: nothing to make canonical
            v = _canonical(v)
            kind = type(v)
            plain = plain and (kind is str or kind is int)
        present[name] = v
    item = [row_id, int(version), bool(deleted), present]
    payload = _plain_json(item) if plain else None
    if payload is None:
        payload = _HASH_JSON.encode(item).encode()
    return int.from_bytes(_sha256(payload).digest()[:8], "big")


def _plain_json(item: list[Any]) -> bytes | None:
    """``_HASH_JSON.encode(item).encode()`` for an item whose values are all str and
    int (most rows), six times faster: pydantic-core writes those exactly as ``json``
    does with ``ensure_ascii=False`` and compact separators (the same escapes, UTF-8 as
    it is; ``test_row_hash_fast_json_is_the_standard_text`` compares them). It keeps a
    dict's order, so the keys are sorted first. None when it cannot (a lone surrogate:
    the standard way then fails as it always did)."""
    global _to_json
    if _to_json is None:
        from pydantic_core import to_json  # not on the first screen's path

        _to_json = to_json
    present = item[3]
    item[3] = dict(sorted(present.items()))
    try:
        return _to_json(item)  # type: ignore[no-any-return]
    except Exception:
        return None
    finally:
        item[3] = present


_to_json: Any = None


def _sha256(data: bytes) -> Any:
    import hashlib  # not on the first screen's path (sync and migrations only)

    return hashlib.sha256(data)


def version_hash(row_id: str, version: int) -> int:
    """A row's share of the sums a client of an older schema compares (ids and
    versions only): ``sha256("id:version")[:8]``."""
    import hashlib

    return int.from_bytes(hashlib.sha256(f"{row_id}:{version}".encode()).digest()[:8], "big")


#: A display agreement with a payout decided is a record of money paid, one rule for
#: the device store and head office: it is never deleted (``has_payouts``), only ended;
#: of its fields only these still change, and its SKUs (``display_agreement_skus``, its
#: parts) no longer do (``not_editable``). Ended: ``ends_on`` not before the last day
#: of the latest month with a payout (``before_paid_month``).
PAID_AGREEMENT_FIELDS: frozenset[str] = frozenset({"ends_on", "terms"})


def paid_agreement_error(
    table: str, op: str, changed: Mapping[str, Any], paid_months: Iterable[str]
) -> tuple[str, str] | None:
    """Why a write of ``op`` (``insert``/``update``/``delete``) with ``changed`` values to
    a ``display_agreements`` row, or to one of its ``display_agreement_skus``, is refused
    when the agreement has payouts for ``paid_months`` (``YYYY-MM``), as ``(field, code)``;
    None when it may go (see :data:`PAID_AGREEMENT_FIELDS`)."""
    months = sorted(paid_months)
    if not months:
        return None
    if table == "display_agreement_skus":
        return ("product_id", "not_editable")
    if table != "display_agreements":
        return None
    if op == "delete":
        return ("id", "has_payouts")
    for name in sorted(changed):
        if name not in PAID_AGREEMENT_FIELDS:
            return (name, "not_editable")
    if "ends_on" in changed:
        import calendar

        last = months[-1]
        year, month = int(last[:4]), int(last[5:7])
        paid_to = date(year, month, calendar.monthrange(year, month)[1]).isoformat()
        end = changed["ends_on"]
        if end is not None and str(end)[:10] < paid_to:
            return ("ends_on", "before_paid_month")
    return None
