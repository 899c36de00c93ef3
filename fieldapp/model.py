"""The domain model: enums and one pydantic model per synced table.

Every model lists all columns of its table, sync metadata included, so a row
read from the store is a complete, typed, immutable value. Field rules (required,
ranges, phone formats) live here as types; rules that span fields live in each
model's ``cross_checks``; rules that need the database (references, uniqueness)
live in the store. Thread-agnostic: plain immutable values.
"""

# No ``from __future__ import annotations`` here: pydantic would evaluate every field's
# annotation from its text when the classes are made, a good part of this module's
# import time, which is on the app's start-up path. Every name an annotation uses is
# defined above it.

import re
import unicodedata
from datetime import UTC, date, datetime
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, model_validator
from pydantic_core import PydanticCustomError

from .errors import FieldError
from .kinds import (
    BUSINESS_UTC_OFFSET as BUSINESS_UTC_OFFSET,
    FUNNEL_STAGES as FUNNEL_STAGES,
    META_FIELDS as META_FIELDS,
    TABLES as TABLES,
    Channel as Channel,
    CloudStore as CloudStore,
    CompetitorCheck as CompetitorCheck,
    ConsentMethod as ConsentMethod,
    DisplayCheck as DisplayCheck,
    EventKind as EventKind,
    EventStatus as EventStatus,
    GroupKind as GroupKind,
    InteractionKind as InteractionKind,
    InvitationStatus as InvitationStatus,
    KocStage as KocStage,
    PriceCheck as PriceCheck,
    ReviewDecision as ReviewDecision,
    ReviewStatus as ReviewStatus,
    Role as Role,
    StockCheck as StockCheck,
    Tier as Tier,
    business_today as business_today,
    format_datetime as format_datetime,
    utcnow as utcnow,
)

# --------------------------------------------------------------------------- field types

# ASCII digits only: "\\d" would also take full-width and other scripts' digits.
_MOBILE_RE = re.compile(r"^1[3-9][0-9]{9}$")
# Area code 0xx or 0xxx, a 7-8 digit local number, optional extension.
_LANDLINE_RE = re.compile(r"^0[0-9]{2,3}-?[1-9][0-9]{6,7}(-[0-9]{1,6})?$")
_WECHAT_RE = re.compile(r"^[A-Za-z][-_A-Za-z0-9]{5,19}$")
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _strip_phone(value: str) -> str:
    # NFKC turns full-width digits and dashes (１３８－…) into ASCII ones.
    v = re.sub(r"[\s()]", "", unicodedata.normalize("NFKC", value))
    v = v.replace("—", "-").replace("–", "-")
    if v.startswith("+86"):
        v = v[3:].lstrip("-")
    elif v.startswith("0086"):
        v = v[4:].lstrip("-")
    return v


def normalize_mobile(value: Any) -> Any:
    """Mainland mobile number: 11 digits starting with 1 (spaces, dashes, +86 allowed)."""
    value = _blank_to_none(value)
    if value is None:
        return None
    if not isinstance(value, str):
        raise PydanticCustomError("invalid_mobile", "not a mainland mobile number")
    v = _strip_phone(value).replace("-", "")
    if not _MOBILE_RE.match(v):
        raise PydanticCustomError("invalid_mobile", "not a mainland mobile number")
    return v


def normalize_phone(value: Any) -> Any:
    """A mobile number or a landline such as 0571-88001234 (extension allowed)."""
    value = _blank_to_none(value)
    if value is None:
        return None
    if not isinstance(value, str):
        raise PydanticCustomError("invalid_phone", "not a phone number")
    v = _strip_phone(value)
    digits = v.replace("-", "")
    if _MOBILE_RE.match(digits):
        return digits
    if _LANDLINE_RE.match(v):
        return v
    raise PydanticCustomError("invalid_phone", "not a phone number")


def normalize_wechat(value: Any) -> Any:
    """A WeChat id (6-20 letters, digits, - or _, starting with a letter) or a mobile number."""
    value = _blank_to_none(value)
    if value is None:
        return None
    if not isinstance(value, str):
        raise PydanticCustomError("invalid_wechat", "not a WeChat id")
    v = value.strip()
    if _WECHAT_RE.match(v) or _MOBILE_RE.match(v):
        return v
    raise PydanticCustomError("invalid_wechat", "not a WeChat id")


def _aware_utc(value: Any) -> Any:
    """Datetimes are stored in UTC to the second; a naive one is taken as UTC."""
    # Whole seconds, as stored: two times validated apart must not be equal once saved.
    if isinstance(value, datetime):
        aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return aware.replace(microsecond=0)
    if isinstance(value, str) and value.strip():
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise PydanticCustomError("invalid_datetime", "not a date and time") from None
        aware = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
        return aware.replace(microsecond=0)
    return _blank_to_none(value)


Text = Annotated[str, Field(min_length=1, max_length=200)]
OptText = Annotated[Annotated[str, Field(max_length=200)] | None, BeforeValidator(_blank_to_none)]
LongText = Annotated[Annotated[str, Field(max_length=4000)] | None, BeforeValidator(_blank_to_none)]
Mobile = Annotated[str | None, BeforeValidator(normalize_mobile)]
Phone = Annotated[str | None, BeforeValidator(normalize_phone)]
WeChat = Annotated[str | None, BeforeValidator(normalize_wechat)]
Level = Annotated[int, Field(ge=1, le=5)]
OptLevel = Annotated[Annotated[int, Field(ge=1, le=5)] | None, BeforeValidator(_blank_to_none)]
Ref = Annotated[str, Field(min_length=1, max_length=64)]
OptRef = Annotated[Annotated[str, Field(max_length=64)] | None, BeforeValidator(_blank_to_none)]
Code = Annotated[Annotated[str, Field(max_length=40)] | None, BeforeValidator(_blank_to_none)]
OptCount = Annotated[Annotated[int, Field(ge=1, le=100000)] | None, BeforeValidator(_blank_to_none)]
Latitude = Annotated[Annotated[float, Field(ge=-90, le=90)] | None, BeforeValidator(_blank_to_none)]
Longitude = Annotated[
    Annotated[float, Field(ge=-180, le=180)] | None, BeforeValidator(_blank_to_none)
]


def _format_optional_datetime(value: datetime | None) -> str | None:
    return None if value is None else format_datetime(value)


UtcDateTime = Annotated[
    datetime, BeforeValidator(_aware_utc), PlainSerializer(format_datetime, when_used="json")
]
OptDateTime = Annotated[
    datetime | None,
    BeforeValidator(_aware_utc),
    PlainSerializer(_format_optional_datetime, when_used="json"),
]
OptDate = Annotated[date | None, BeforeValidator(_blank_to_none)]
OptMoney = Annotated[Annotated[float, Field(ge=0, le=1e9)] | None, BeforeValidator(_blank_to_none)]


class Entity(BaseModel):
    """Base of every synced row.

    ``version`` is the server version this row is based on (0: never synced);
    ``deleted`` marks a tombstone.
    """

    # defer_build: validators are built on first use, not at import (start-up time).
    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, defer_build=True
    )

    #: SQL table name.
    table: ClassVar[str] = ""
    #: Reference fields: field name -> table it points at.
    refs: ClassVar[dict[str, str]] = {}
    #: (table, field) pairs whose rows are deleted with this one (they are its parts).
    #: Other rows that must refer to it block the delete; optional references are cleared.
    owns: ClassVar[tuple[tuple[str, str], ...]] = ()

    @model_validator(mode="before")
    @classmethod
    def _blank_is_none(cls, data: Any) -> Any:
        # An emptied form field means "no value", whatever the field's type.
        if isinstance(data, dict):
            return {k: _blank_to_none(v) for k, v in data.items()}
        return data

    id: Ref
    created_at: UtcDateTime
    updated_at: UtcDateTime
    created_by: OptRef = None
    updated_by: OptRef = None
    deleted: bool = False
    version: Annotated[int, Field(ge=0)] = 0

    @classmethod
    def data_fields(cls) -> tuple[str, ...]:
        """The fields a caller may write (all but the sync metadata)."""
        return tuple(n for n in cls.model_fields if n not in META_FIELDS)

    def cross_checks(self) -> list[FieldError]:
        """Rules that involve more than one field; empty when the row is fine."""
        return []

    def data(self) -> dict[str, Any]:
        """The writable fields as JSON-ready values (what the outbox records)."""
        dumped = self.model_dump(mode="json")
        return {k: dumped[k] for k in self.data_fields()}


class County(Entity):
    table: ClassVar[str] = "counties"

    name: Text
    province: OptText = None
    prefecture: OptText = None
    koc_target: Annotated[int, Field(ge=1, le=100000)] = 50


class Team(Entity):
    table: ClassVar[str] = "teams"

    name: Text
    notes: LongText = None


class User(Entity):
    table: ClassVar[str] = "users"
    refs: ClassVar[dict[str, str]] = {"team_id": "teams"}

    name: Text
    role: Role = Role.REP
    team_id: OptRef = None
    mobile: Mobile = None


class Product(Entity):
    table: ClassVar[str] = "products"

    code: OptText = None
    name: Text
    category: OptText = None
    unit: OptText = None
    price: OptMoney = None


class Shop(Entity):
    table: ClassVar[str] = "shops"
    refs: ClassVar[dict[str, str]] = {"county_id": "counties", "rep_id": "users"}
    owns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("owners", "shop_id"),
        ("koc_shops", "shop_id"),
        ("photos", "shop_id"),
    )

    code: Code = None
    name: Text
    channel: Channel
    tier: Tier = Tier.C
    address: OptText = None
    county_id: Ref
    phone: Phone = None
    latitude: Latitude = None
    longitude: Longitude = None
    cloud_store: CloudStore = CloudStore.NONE
    notes: LongText = None
    rep_id: OptRef = None

    def cross_checks(self) -> list[FieldError]:
        if (self.latitude is None) != (self.longitude is None):
            missing = "latitude" if self.latitude is None else "longitude"
            return [FieldError(missing, "gps_incomplete")]
        return []


class Owner(Entity):
    table: ClassVar[str] = "owners"
    refs: ClassVar[dict[str, str]] = {"shop_id": "shops"}
    owns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("interactions", "owner_id"),
        ("invitations", "owner_id"),
    )

    shop_id: Ref
    name: Text
    mobile: Mobile = None
    wechat: WeChat = None
    birthday: OptDate = None
    level: Level = 1
    cares_about: LongText = None
    notes: LongText = None

    def cross_checks(self) -> list[FieldError]:
        if self.birthday is not None and not (date(1900, 1, 1) <= self.birthday <= date.today()):
            return [FieldError("birthday", "out_of_range")]
        return []


class Interaction(Entity):
    table: ClassVar[str] = "interactions"
    refs: ClassVar[dict[str, str]] = {"owner_id": "owners", "rep_id": "users"}

    owner_id: Ref
    rep_id: OptRef = None
    date: date
    kind: InteractionKind
    note: LongText = None
    level_after: OptLevel = None


#: "Erase this person" (China's PIPL): the personal fields of a KOC and of the rows about
#: them, and what they hold once erased (sync.protocol.PERSONAL_FIELDS says the same on the
#: wire; a test keeps the two equal). Anonymous facts (county, stage, traits, links,
#: attendance) stay, so the counts do too.
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


class Koc(Entity):
    table: ClassVar[str] = "kocs"
    refs: ClassVar[dict[str, str]] = {
        "county_id": "counties",
        "rep_id": "users",
        "source_visit_id": "visits",
        "source_event_id": "events",
    }
    owns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("koc_shops", "koc_id"),
        ("koc_stage_changes", "koc_id"),
        ("invitations", "koc_id"),
    )

    name: Text
    mobile: Mobile = None
    wechat: WeChat = None
    county_id: Ref
    trait_acquaintances: Level = 3
    trait_trying: Level = 3
    trait_sharing: Level = 3
    trait_expertise: Level = 3
    stage: KocStage = KocStage.SPOTTED
    consent: bool = False
    consent_at: OptDateTime = None
    consent_method: ConsentMethod | None = None
    rep_id: OptRef = None
    source_visit_id: OptRef = None
    source_event_id: OptRef = None
    notes: LongText = None
    #: Set by "erase this person" (``store.kocs.erase``); personal fields stay cleared.
    erased_at: OptDateTime = None

    def cross_checks(self) -> list[FieldError]:
        errors = []
        if self.consent and self.consent_at is None:
            errors.append(FieldError("consent_at", "consent_incomplete"))
        if self.consent and self.consent_method is None:
            errors.append(FieldError("consent_method", "consent_incomplete"))
        return errors

    @property
    def trait_score(self) -> int:
        return (
            self.trait_acquaintances + self.trait_trying + self.trait_sharing + self.trait_expertise
        )


class KocShop(Entity):
    """A KOC's link to a shop, with the owner who introduced them and when."""

    table: ClassVar[str] = "koc_shops"
    refs: ClassVar[dict[str, str]] = {
        "koc_id": "kocs",
        "shop_id": "shops",
        "introduced_by_owner_id": "owners",
    }

    koc_id: Ref
    shop_id: Ref
    introduced_by_owner_id: OptRef = None
    introduced_at: OptDate = None
    note: OptText = None


class KocStageChange(Entity):
    """Written by the store whenever a KOC's stage changes: the stage history."""

    table: ClassVar[str] = "koc_stage_changes"
    refs: ClassVar[dict[str, str]] = {"koc_id": "kocs"}

    koc_id: Ref
    from_stage: KocStage | None = None
    to_stage: KocStage
    changed_at: UtcDateTime


class CommunityGroup(Entity):
    table: ClassVar[str] = "community_groups"
    refs: ClassVar[dict[str, str]] = {"admin_koc_id": "kocs", "county_id": "counties"}

    kind: GroupKind
    name: Text
    size: OptCount = None
    admin_koc_id: OptRef = None
    county_id: OptRef = None
    notes: LongText = None


class Event(Entity):
    table: ClassVar[str] = "events"
    refs: ClassVar[dict[str, str]] = {"venue_shop_id": "shops", "rep_id": "users"}
    owns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("event_products", "event_id"),
        ("invitations", "event_id"),
        ("photos", "event_id"),
    )

    kind: EventKind
    title: Text
    venue_shop_id: OptRef = None
    venue_note: OptText = None
    starts_at: UtcDateTime
    ends_at: UtcDateTime
    capacity: OptCount = None
    budget: OptMoney = None
    status: EventStatus = EventStatus.PLANNED
    rep_id: OptRef = None
    notes: LongText = None

    def cross_checks(self) -> list[FieldError]:
        if self.ends_at <= self.starts_at:
            return [FieldError("ends_at", "end_before_start")]
        return []


class EventProduct(Entity):
    table: ClassVar[str] = "event_products"
    refs: ClassVar[dict[str, str]] = {"event_id": "events", "product_id": "products"}

    event_id: Ref
    product_id: Ref


class Invitation(Entity):
    """A KOC or an owner invited to an event (exactly one of the two)."""

    table: ClassVar[str] = "invitations"
    refs: ClassVar[dict[str, str]] = {"event_id": "events", "koc_id": "kocs", "owner_id": "owners"}

    event_id: Ref
    koc_id: OptRef = None
    owner_id: OptRef = None
    status: InvitationStatus = InvitationStatus.INVITED
    feedback: OptLevel = None
    note: LongText = None

    def cross_checks(self) -> list[FieldError]:
        if (self.koc_id is None) == (self.owner_id is None):
            return [FieldError("koc_id", "one_invitee")]
        if self.feedback is not None and self.status != InvitationStatus.ATTENDED:
            return [FieldError("feedback", "feedback_needs_attendance")]
        return []


class Visit(Entity):
    table: ClassVar[str] = "visits"
    refs: ClassVar[dict[str, str]] = {"shop_id": "shops", "rep_id": "users", "reviewed_by": "users"}
    owns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("order_lines", "visit_id"),
        ("photos", "visit_id"),
    )

    shop_id: Ref
    rep_id: OptRef = None
    planned_date: OptDate = None
    checkin_at: OptDateTime = None
    checkout_at: OptDateTime = None
    check_display: DisplayCheck | None = None
    check_stock: StockCheck | None = None
    check_price: PriceCheck | None = None
    check_competitor: CompetitorCheck | None = None
    check_notes: LongText = None
    relationship_note: LongText = None
    relationship_level: OptLevel = None
    next_actions: LongText = None
    review_status: ReviewStatus = ReviewStatus.DRAFT
    supervisor_comment: LongText = None
    reviewed_by: OptRef = None
    reviewed_at: OptDateTime = None

    def cross_checks(self) -> list[FieldError]:
        errors = []
        if self.checkout_at is not None:
            if self.checkin_at is None:
                errors.append(FieldError("checkout_at", "checkout_without_checkin"))
            elif self.checkout_at <= self.checkin_at:
                errors.append(FieldError("checkout_at", "checkout_before_checkin"))
        if self.planned_date is None and self.checkin_at is None:
            errors.append(FieldError("planned_date", "required"))
        if self.review_status in (ReviewStatus.SUBMITTED, ReviewStatus.APPROVED) and (
            self.checkin_at is None or self.checkout_at is None
        ):
            errors.append(FieldError("review_status", "visit_not_finished"))
        if self.review_status == ReviewStatus.RETURNED and not self.supervisor_comment:
            errors.append(FieldError("supervisor_comment", "required"))
        return errors


class OrderLine(Entity):
    table: ClassVar[str] = "order_lines"
    refs: ClassVar[dict[str, str]] = {"visit_id": "visits", "product_id": "products"}

    visit_id: Ref
    product_id: Ref
    quantity: Annotated[int, Field(ge=1, le=1_000_000)]
    unit_price: OptMoney = None


class Photo(Entity):
    """A photo file kept beside the store, addressed by its SHA-256, attached to one thing."""

    table: ClassVar[str] = "photos"
    refs: ClassVar[dict[str, str]] = {
        "visit_id": "visits",
        "shop_id": "shops",
        "event_id": "events",
    }

    sha256: Annotated[str, Field(pattern=_SHA256_RE.pattern)]
    size: Annotated[int, Field(ge=1, le=200 * 1024 * 1024)]
    mime: Annotated[str, Field(pattern=r"^image/(jpeg|png|webp|heic)$")] = "image/jpeg"
    taken_at: OptDateTime = None
    visit_id: OptRef = None
    shop_id: OptRef = None
    event_id: OptRef = None
    caption: OptText = None

    def cross_checks(self) -> list[FieldError]:
        attached = [x for x in (self.visit_id, self.shop_id, self.event_id) if x is not None]
        if len(attached) != 1:
            return [FieldError("visit_id", "one_attachment")]
        return []


class VisitReview(Entity):
    """One supervisor decision on a visit: the review history, one row per decision.

    Written by ``store.visits.review`` in the same transaction as the visit's own review
    fields; rows are never edited afterwards (head office accepts them from the team's
    supervisor or an admin only).
    """

    table: ClassVar[str] = "visit_reviews"
    refs: ClassVar[dict[str, str]] = {"visit_id": "visits", "reviewer_id": "users"}

    visit_id: Ref
    decision: ReviewDecision
    comment: LongText = None
    reviewer_id: OptRef = None
    decided_at: UtcDateTime

    def cross_checks(self) -> list[FieldError]:
        if self.decision == ReviewDecision.RETURNED and not self.comment:
            return [FieldError("comment", "required")]
        return []


#: Every synced entity, in dependency order (a table only refers to tables before it,
#: except the KOC's optional source visit/event, which the store allows to be later).
ENTITIES: tuple[type[Entity], ...] = (
    County,
    Team,
    User,
    Product,
    Shop,
    Owner,
    Interaction,
    Visit,
    OrderLine,
    Event,
    EventProduct,
    Koc,
    KocShop,
    KocStageChange,
    CommunityGroup,
    Invitation,
    Photo,
    VisitReview,
)

ENTITY_BY_TABLE: dict[str, type[Entity]] = {e.table: e for e in ENTITIES}
