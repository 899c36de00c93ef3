"""The domain's kinds and clock rules: enums, the store's datetime text, Beijing days.

Plain Python (no pydantic): the window's first screen needs these names, not the
models of ``fieldapp.model``, which re-exports everything here.
Thread-agnostic: constants and pure functions.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

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
    "order_lines",
    "events",
    "event_products",
    "kocs",
    "koc_shops",
    "koc_stage_changes",
    "community_groups",
    "invitations",
    "photos",
    "visit_reviews",
)

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
