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

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from . import campaigns, display, kinds, pricing, values
from .errors import FieldError
from .kinds import (
    ABOUT as ABOUT,
    BUSINESS_UTC_OFFSET as BUSINESS_UTC_OFFSET,
    ERASED_NAME as ERASED_NAME,
    FUNNEL_STAGES as FUNNEL_STAGES,
    META_FIELDS as META_FIELDS,
    OWNS as OWNS,
    PERSONAL_FIELDS as PERSONAL_FIELDS,
    TABLES as TABLES,
    UNIQUE_TOGETHER as UNIQUE_TOGETHER,
    BanquetType as BanquetType,
    CampaignTaskKind as CampaignTaskKind,
    Channel as Channel,
    CloudStore as CloudStore,
    CompetitorCheck as CompetitorCheck,
    ConsentMethod as ConsentMethod,
    DisplayCheck as DisplayCheck,
    DisplayPosition as DisplayPosition,
    EventKind as EventKind,
    EventStatus as EventStatus,
    GroupKind as GroupKind,
    InteractionKind as InteractionKind,
    InvitationStatus as InvitationStatus,
    KocStage as KocStage,
    PriceCheck as PriceCheck,
    PromotionKind as PromotionKind,
    ReviewDecision as ReviewDecision,
    ReviewStatus as ReviewStatus,
    Role as Role,
    StockCheck as StockCheck,
    Tier as Tier,
    business_today as business_today,
    erased_value as erased_value,
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
    """Datetimes are stored in UTC to the second (``fieldapp.values``' rule: an offset,
    a bounded range); a naive ``datetime`` object from Python code is taken as UTC, a
    naive text is refused (it has no known instant)."""
    # Whole seconds, as stored: two times validated apart must not be equal once saved.
    try:
        if isinstance(value, datetime):
            aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value
            return values.check_moment(aware)
        if isinstance(value, str) and value.strip():
            return values.parse_datetime(value.strip())
    except ValueError as exc:
        raise PydanticCustomError(str(exc), "not a valid date and time") from None
    return _blank_to_none(value)


def _day(value: Any) -> Any:
    """Dates are exactly YYYY-MM-DD and bounded (``fieldapp.values``' rule)."""
    try:
        if isinstance(value, str) and value.strip():
            return values.parse_date(value.strip())
        if isinstance(value, date) and not isinstance(value, datetime):
            return values.check_day(value)
    except ValueError as exc:
        raise PydanticCustomError(str(exc), "not a valid date") from None
    return _blank_to_none(value)


def _storable(value: str) -> str:
    """Text holds no control character but tab and line breaks (``fieldapp.values``)."""
    code = values.text_problem(value)
    if code is not None:
        raise PydanticCustomError(code, "holds a character that cannot be stored")
    return value


#: Every text column's last check (after pydantic's own type and length checks).
Storable = AfterValidator(_storable)


Text = Annotated[str, Field(min_length=1, max_length=200), Storable]
OptText = Annotated[
    Annotated[str, Field(max_length=200), Storable] | None, BeforeValidator(_blank_to_none)
]
LongText = Annotated[
    Annotated[str, Field(max_length=4000), Storable] | None, BeforeValidator(_blank_to_none)
]
Mobile = Annotated[str | None, BeforeValidator(normalize_mobile)]
Phone = Annotated[str | None, BeforeValidator(normalize_phone)]
WeChat = Annotated[str | None, BeforeValidator(normalize_wechat)]
Level = Annotated[int, Field(ge=1, le=5)]
OptLevel = Annotated[Annotated[int, Field(ge=1, le=5)] | None, BeforeValidator(_blank_to_none)]
Ref = Annotated[str, Field(min_length=1, max_length=64), Storable]
OptRef = Annotated[
    Annotated[str, Field(max_length=64), Storable] | None, BeforeValidator(_blank_to_none)
]
Code = Annotated[
    Annotated[str, Field(max_length=40), Storable] | None, BeforeValidator(_blank_to_none)
]
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
Day = Annotated[date, BeforeValidator(_day)]
OptDate = Annotated[date | None, BeforeValidator(_day)]
OptMoney = Annotated[Annotated[float, Field(ge=0, le=1e9)] | None, BeforeValidator(_blank_to_none)]
#: Days between visits (a shop's frequency, a team's default per tier): 1 to 365.
OptVisitDays = Annotated[
    Annotated[int, Field(ge=1, le=365)] | None, BeforeValidator(_blank_to_none)
]
#: A share deducted from a month's fee, in percent.
OptPercentage = Annotated[
    Annotated[int, Field(ge=0, le=100)] | None, BeforeValidator(_blank_to_none)
]
#: A shop's route days: ISO weekday digits in order, each once ("135" = Mon, Wed, Fri).
#: The same pattern as ``sync.protocol.ROUTE_DAYS_PATTERN`` (code ``invalid_format``).
ROUTE_DAYS_PATTERN = r"^1?2?3?4?5?6?7?$"
RouteDays = Annotated[
    Annotated[str, Field(max_length=7, pattern=ROUTE_DAYS_PATTERN)] | None,
    BeforeValidator(_blank_to_none),
]
#: A time of day "HH:MM" (24 h, Beijing time): a shop's opening and closing time.
CLOCK_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
OptClock = Annotated[
    Annotated[str, Field(max_length=5, pattern=CLOCK_PATTERN)] | None,
    BeforeValidator(_blank_to_none),
]
#: A planned visit's position in its day plan (1 = the first stop).
OptPlanSeq = Annotated[Annotated[int, Field(ge=1, le=999)] | None, BeforeValidator(_blank_to_none)]

#: A visit's evidence flags (``fieldapp.kinds.EVIDENCE_FLAGS_PATTERN``).
OptEvidenceFlags = Annotated[
    Annotated[
        str,
        Field(max_length=kinds.EVIDENCE_FLAGS_MAX, pattern=f"^{kinds.EVIDENCE_FLAGS_PATTERN}$"),
    ]
    | None,
    BeforeValidator(_blank_to_none),
]
OptPhash = Annotated[
    Annotated[str, Field(pattern=f"^{kinds.PHASH_PATTERN}$")] | None,
    BeforeValidator(_blank_to_none),
]


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
    #: Days between visits for shops of tier A, B, C that set none (None: 7, 14, 30);
    #: set by the team's supervisor (``fieldapp.plan``).
    visit_days_a: OptVisitDays = None
    visit_days_b: OptVisitDays = None
    visit_days_c: OptVisitDays = None
    #: Display agreements: the share of a month's fee deducted for its first failed check
    #: and for a second (None: 50 and 100; ``fieldapp.display``); set by the supervisor.
    display_fail_first_pct: OptPercentage = None
    display_fail_second_pct: OptPercentage = None


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
    owns: ClassVar[tuple[tuple[str, str], ...]] = OWNS["shops"]

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
    #: Days between visits; None: the team's default for the shop's tier.
    visit_every_days: OptVisitDays = None
    #: The weekdays of the rep's route this shop is on ("135"); None: no fixed day.
    route_days: RouteDays = None
    #: Opening hours "HH:MM" (either may be unknown): the route's time window.
    opens_at: OptClock = None
    closes_at: OptClock = None

    def cross_checks(self) -> list[FieldError]:
        if (self.latitude is None) != (self.longitude is None):
            missing = "latitude" if self.latitude is None else "longitude"
            return [FieldError(missing, "gps_incomplete")]
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            return [FieldError("closes_at", "end_before_start")]
        return []


class Owner(Entity):
    table: ClassVar[str] = "owners"
    refs: ClassVar[dict[str, str]] = {"shop_id": "shops"}
    owns: ClassVar[tuple[tuple[str, str], ...]] = OWNS["owners"]

    shop_id: Ref
    name: Text
    mobile: Mobile = None
    wechat: WeChat = None
    birthday: OptDate = None
    level: Level = 1
    cares_about: LongText = None
    notes: LongText = None
    #: Set by "erase this person" (``store.owners.erase``); personal fields stay cleared.
    erased_at: OptDateTime = None

    def cross_checks(self) -> list[FieldError]:
        if self.birthday is not None and not (date(1900, 1, 1) <= self.birthday <= date.today()):
            return [FieldError("birthday", "out_of_range")]
        return []


class Interaction(Entity):
    table: ClassVar[str] = "interactions"
    refs: ClassVar[dict[str, str]] = {"owner_id": "owners", "rep_id": "users"}

    owner_id: Ref
    rep_id: OptRef = None
    date: Day
    kind: InteractionKind
    note: LongText = None
    level_after: OptLevel = None


class Koc(Entity):
    table: ClassVar[str] = "kocs"
    refs: ClassVar[dict[str, str]] = {
        "county_id": "counties",
        "rep_id": "users",
        "source_visit_id": "visits",
        "source_event_id": "events",
    }
    owns: ClassVar[tuple[tuple[str, str], ...]] = OWNS["kocs"]

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
    #: The KOC's referral code on the cloud-store platform: an order carrying it is theirs.
    referrer_code: Code = None

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


#: Bottles of an event (supplied, opened, returned) and its tables: 0 to 100,000.
OptBottles = Annotated[
    Annotated[int, Field(ge=0, le=100_000)] | None, BeforeValidator(_blank_to_none)
]
#: A banquet's scan count (codes scanned on the bottles' caps), when known.
OptScans = Annotated[
    Annotated[int, Field(ge=0, le=1_000_000)] | None, BeforeValidator(_blank_to_none)
]


def event_problem(row: dict[str, Any]) -> FieldError | None:
    """The rule over an event's economics and banquet fields (``sync.protocol.CROSS_FIELD``
    says the same with the same codes): bottles opened and returned are at most those
    supplied; a banquet has its type; one host at most (a KOC, an owner or a name)."""
    supplied = row.get("bottles_supplied")
    used = (row.get("bottles_opened") or 0) + (row.get("bottles_returned") or 0)
    if isinstance(supplied, int) and used > supplied:
        return FieldError("bottles_opened", "bottles_exceed_supplied")
    if row.get("kind") == "banquet" and not row.get("banquet_type"):
        return FieldError("banquet_type", "required")
    hosts = [row.get(f) for f in ("host_koc_id", "host_owner_id", "host_name")]
    if sum(1 for h in hosts if h) > 1:
        return FieldError("host_koc_id", "one_host")
    return None


#: The cost fields of an event, in ¥ (products used, venue, gifts, other).
EVENT_COSTS: tuple[str, ...] = ("cost_products", "cost_venue", "cost_gifts", "cost_other")


class Event(Entity):
    """A tasting, a scene event or a banquet (宴席), with its economics."""

    table: ClassVar[str] = "events"
    refs: ClassVar[dict[str, str]] = {
        "venue_shop_id": "shops",
        "rep_id": "users",
        "supplier_shop_id": "shops",
        "host_koc_id": "kocs",
        "host_owner_id": "owners",
    }
    owns: ClassVar[tuple[tuple[str, str], ...]] = OWNS["events"]

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
    # Economics (issue 18): what the event cost, in ¥, and the bottles and tables.
    cost_products: OptMoney = None
    cost_venue: OptMoney = None
    cost_gifts: OptMoney = None
    cost_other: OptMoney = None
    bottles_supplied: OptBottles = None
    bottles_opened: OptBottles = None
    bottles_returned: OptBottles = None
    table_count: OptBottles = None
    # A banquet's own fields: its occasion, its host, the shop that supplied the bottles.
    banquet_type: BanquetType | None = None
    host_koc_id: OptRef = None
    host_owner_id: OptRef = None
    host_name: OptText = None
    supplier_shop_id: OptRef = None
    scan_count: OptScans = None

    def cross_checks(self) -> list[FieldError]:
        errors = []
        if self.ends_at <= self.starts_at:
            errors.append(FieldError("ends_at", "end_before_start"))
        found = event_problem(self.model_dump(mode="json"))
        if found is not None:
            errors.append(found)
        return errors

    @property
    def cost(self) -> float | None:
        """The event's cost in ¥ (the sum of the costs given), None when none is."""
        given = [getattr(self, f) for f in EVENT_COSTS if getattr(self, f) is not None]
        return sum(given) if given else None


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


class CommunityPush(Entity):
    """A KOC (or an owner) sharing in one of their community groups (社群推送): the group,
    the day, the product or campaign, the event it followed (optional), a note."""

    table: ClassVar[str] = "community_pushes"
    refs: ClassVar[dict[str, str]] = {
        "koc_id": "kocs",
        "owner_id": "owners",
        "group_id": "community_groups",
        "product_id": "products",
        "event_id": "events",
        "rep_id": "users",
    }

    koc_id: OptRef = None
    owner_id: OptRef = None
    group_id: OptRef = None
    date: Day
    product_id: OptRef = None
    campaign: OptText = None
    event_id: OptRef = None
    note: LongText = None
    rep_id: OptRef = None

    def cross_checks(self) -> list[FieldError]:
        # The same rule and code as head office (sync.protocol.CROSS_FIELD).
        if (self.koc_id is None) == (self.owner_id is None):
            return [FieldError("koc_id", "one_pusher")]
        return []


#: An order id on the cloud-store platform (its export's own key).
OrderNo = Annotated[str, Field(min_length=1, max_length=64), Storable]


class CloudOrder(Entity):
    """An order from a shop's cloud store (云店), imported from the platform's export.

    ``koc_id`` and ``group_id`` are a person's attribution by hand; the automatic one
    (referrer code, a consenting KOC's phone, the group's name) is computed when read
    (``fieldapp.store.loop``), so a consent withdrawn or a person erased counts at once.
    """

    table: ClassVar[str] = "cloud_orders"
    refs: ClassVar[dict[str, str]] = {
        "shop_id": "shops",
        "koc_id": "kocs",
        "group_id": "community_groups",
    }

    order_no: OrderNo
    ordered_at: UtcDateTime
    shop_id: Ref
    items: LongText = None
    amount: Annotated[float, Field(ge=0, le=1e9)]
    buyer_ref: OptText = None
    referrer_code: Code = None
    group_name: OptText = None
    koc_id: OptRef = None
    group_id: OptRef = None


class Visit(Entity):
    table: ClassVar[str] = "visits"
    refs: ClassVar[dict[str, str]] = {"shop_id": "shops", "rep_id": "users", "reviewed_by": "users"}
    owns: ClassVar[tuple[tuple[str, str], ...]] = OWNS["visits"]

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
    #: The stop's position in the rep's day plan for ``planned_date`` (``fieldapp.plan``).
    plan_seq: OptPlanSeq = None
    #: What the rep's device found in the visit's photos and times (``fieldapp.evidence``).
    evidence_flags: OptEvidenceFlags = None
    #: Where the laptop was at check-in (WGS-84), when its position source said.
    checkin_latitude: Latitude = None
    checkin_longitude: Longitude = None

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


#: Goods given free on an order line (buy N get M): 0 to a million.
OptFreeQuantity = Annotated[
    Annotated[int, Field(ge=0, le=1_000_000)] | None, BeforeValidator(_blank_to_none)
]
#: A promotion's quantities (buy N, get M, from a minimum): 1 to a million.
OptPromoQuantity = Annotated[
    Annotated[int, Field(ge=1, le=1_000_000)] | None, BeforeValidator(_blank_to_none)
]
#: A promotion's percentage off: more than 0, at most 100.
OptPercent = Annotated[
    Annotated[float, Field(ge=0.01, le=100)] | None, BeforeValidator(_blank_to_none)
]
Money = Annotated[float, Field(ge=0, le=1e9)]


def _as_error(found: tuple[str, str] | None) -> list[FieldError]:
    return [] if found is None else [FieldError(found[0], found[1])]


class Price(Entity):
    """A price-list row of head office (``fieldapp.pricing``): a product's list price for a
    channel, tier and county (each empty: any), valid from a day to a day (included)."""

    table: ClassVar[str] = "prices"
    refs: ClassVar[dict[str, str]] = {"product_id": "products", "county_id": "counties"}

    list_name: Text
    product_id: Ref
    channel: Channel | None = None
    tier: Tier | None = None
    county_id: OptRef = None
    price: Money
    valid_from: Day
    valid_to: OptDate = None

    def cross_checks(self) -> list[FieldError]:
        return _as_error(pricing.validity_problem(self.model_dump()))


class Promotion(Entity):
    """A promotion of head office (``fieldapp.pricing``): percentage off or buy N get M,
    for a product (none: all), a segment, a period and a minimum quantity; the highest
    ``priority`` wins when several apply."""

    table: ClassVar[str] = "promotions"
    refs: ClassVar[dict[str, str]] = {"product_id": "products", "county_id": "counties"}

    code: Code = None
    name: Text
    kind: PromotionKind
    product_id: OptRef = None
    percent: OptPercent = None
    buy_quantity: OptPromoQuantity = None
    free_quantity: OptPromoQuantity = None
    min_quantity: OptPromoQuantity = None
    channel: Channel | None = None
    tier: Tier | None = None
    county_id: OptRef = None
    valid_from: Day
    valid_to: OptDate = None
    priority: Annotated[int, Field(ge=0, le=1000)] = 0

    def cross_checks(self) -> list[FieldError]:
        return _as_error(pricing.promotion_problem(self.model_dump()))


def order_line_problem(
    quantity: Any, unit_price: Any, list_price: Any, reason: Any, net_price: Any = None
) -> FieldError | None:
    """The rule over an order line's fields (``sync.protocol.CROSS_FIELD`` says the same
    with the same codes; a test runs both on one table): never 0; a return (a negative
    quantity) or a price other than the agreed one (the promotion's net price when a
    promotion applies, else the list price) needs a reason: a price override, which the
    supervisor sees flagged in the review."""
    if quantity == 0:
        return FieldError("quantity", "not_zero")
    returned = isinstance(quantity, int) and quantity < 0
    agreed = net_price if net_price is not None else list_price
    overridden = agreed is not None and unit_price != agreed
    if (returned or overridden) and not (isinstance(reason, str) and reason.strip()):
        return FieldError("reason", "reason_required")
    return None


class OrderLine(Entity):
    """One product ordered at a visit. A negative quantity is a return; ``list_price`` is
    the product's price when the line was made, ``unit_price`` what the shop pays: a return
    or a price other than the list price carries its ``reason``."""

    table: ClassVar[str] = "order_lines"
    refs: ClassVar[dict[str, str]] = {
        "visit_id": "visits",
        "product_id": "products",
        "promotion_id": "promotions",
    }

    visit_id: Ref
    product_id: Ref
    quantity: Annotated[int, Field(ge=-1_000_000, le=1_000_000)]
    unit_price: OptMoney = None
    list_price: OptMoney = None
    reason: OptText = None
    #: The promotion applied when the line was priced (``fieldapp.pricing``), its net
    #: unit price and the goods it gives free: kept, never re-priced later.
    promotion_id: OptRef = None
    net_price: OptMoney = None
    free_quantity: OptFreeQuantity = None

    def cross_checks(self) -> list[FieldError]:
        found = order_line_problem(
            self.quantity, self.unit_price, self.list_price, self.reason, self.net_price
        )
        return [] if found is None else [found]


#: Facings counted on a shelf (排面数): a whole number from 0 to 999.
Facings = Annotated[Annotated[int, Field(ge=0, le=999)] | None, BeforeValidator(_blank_to_none)]
#: A price seen on a shelf: more than zero (a cent at least), at most a million.
ShelfPrice = Annotated[
    Annotated[float, Field(ge=0.01, le=1_000_000)] | None, BeforeValidator(_blank_to_none)
]


class AssortmentRule(Entity):
    """A team's rule: shops of this channel and tier should carry this SKU."""

    table: ClassVar[str] = "assortment_rules"
    refs: ClassVar[dict[str, str]] = {"team_id": "teams", "product_id": "products"}

    team_id: Ref
    channel: Channel
    tier: Tier
    product_id: Ref


class ShopSku(Entity):
    """One shop's own change to its assortment: a SKU added (``listed``) or taken off."""

    table: ClassVar[str] = "shop_skus"
    refs: ClassVar[dict[str, str]] = {"shop_id": "shops", "product_id": "products"}

    shop_id: Ref
    product_id: Ref
    listed: bool = True


class ShelfAudit(Entity):
    """One SKU's line in a visit's shelf audit (part of the visit)."""

    table: ClassVar[str] = "shelf_audits"
    refs: ClassVar[dict[str, str]] = {"visit_id": "visits", "product_id": "products"}

    visit_id: Ref
    product_id: Ref
    in_distribution: bool = False
    out_of_stock: bool = False
    facings: Facings = None
    shelf_price: ShelfPrice = None
    competitor_facings: Facings = None
    competitor_price: ShelfPrice = None

    def cross_checks(self) -> list[FieldError]:
        # The same rule and code as head office (sync.protocol.CROSS_FIELD["shelf_audits"]).
        if (self.facings or 0) > 0 and (not self.in_distribution or self.out_of_stock):
            return [FieldError("facings", "facings_not_on_shelf")]
        return []


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
    #: The picture's perceptual hash (``fieldapp.evidence.perceptual_hash``).
    phash: OptPhash = None

    def cross_checks(self) -> list[FieldError]:
        attached = [x for x in (self.visit_id, self.shop_id, self.event_id) if x is not None]
        if len(attached) != 1:
            return [FieldError("visit_id", "one_attachment")]
        return []


#: A month as ``YYYY-MM`` (a display agreement's payout month).
MONTH_PATTERN = r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$"
Month = Annotated[str, Field(pattern=MONTH_PATTERN, max_length=7)]


class DisplayAgreement(Entity):
    """A display agreement (陈列协议) with a shop: its SKUs (``display_agreement_skus``;
    none: the brand's range) at a position with some facings, for a period, for a
    monthly fee the owner accepted. ``product_id`` is the single SKU of agreements made
    before they listed several; the store reads it as their one SKU and moves it into
    the list when the agreement is saved again. Once a payout is decided the agreement
    is only ended (``fieldapp.kinds.paid_agreement_error``)."""

    table: ClassVar[str] = "display_agreements"
    refs: ClassVar[dict[str, str]] = {"shop_id": "shops", "product_id": "products"}
    owns: ClassVar[tuple[tuple[str, str], ...]] = OWNS["display_agreements"]

    shop_id: Ref
    product_id: OptRef = None
    position: DisplayPosition
    facings: Annotated[int, Field(ge=1, le=999)] = 1
    starts_on: Day
    ends_on: Day
    monthly_fee: Money
    accepted_on: OptDate = None
    terms: LongText = None

    def cross_checks(self) -> list[FieldError]:
        return _as_error(display.agreement_problem(self.model_dump()))


class DisplayAgreementSku(Entity):
    """A SKU a display agreement covers (part of the agreement; one row per SKU)."""

    table: ClassVar[str] = "display_agreement_skus"
    refs: ClassVar[dict[str, str]] = {
        "agreement_id": "display_agreements",
        "product_id": "products",
    }

    agreement_id: Ref
    product_id: Ref


class DisplayAgreementCheck(Entity):
    """A display agreement checked at a visit (part of the visit): pass or fail, with a
    photo of the visit and a note (a failed check needs one)."""

    table: ClassVar[str] = "display_checks"
    refs: ClassVar[dict[str, str]] = {
        "visit_id": "visits",
        "agreement_id": "display_agreements",
        "photo_id": "photos",
    }

    visit_id: Ref
    agreement_id: Ref
    passed: bool = True
    #: Each term held or not (``fieldapp.display.CHECK_TERMS``); None: not checked alone.
    position_ok: bool | None = None
    facings_ok: bool | None = None
    skus_ok: bool | None = None
    photo_id: OptRef = None
    note: LongText = None

    def cross_checks(self) -> list[FieldError]:
        return _as_error(display.check_problem(self.model_dump()))


class DisplayPayout(Entity):
    """A supervisor's decision on an agreement's payout for a month: the amount computed
    (``fieldapp.display``) and the amount approved; a different amount needs a comment."""

    table: ClassVar[str] = "display_payouts"
    refs: ClassVar[dict[str, str]] = {"agreement_id": "display_agreements", "approved_by": "users"}

    agreement_id: Ref
    month: Month
    computed: Money
    amount: Money
    comment: LongText = None
    approved_by: OptRef = None
    approved_at: OptDateTime = None

    def cross_checks(self) -> list[FieldError]:
        return _as_error(display.payout_problem(self.model_dump()))


class Campaign(Entity):
    """A campaign of head office (``fieldapp.campaigns``): a task for the visits, during
    a period, to the shops its filter takes (team, county, channel, tier; none: any)."""

    table: ClassVar[str] = "campaigns"
    refs: ClassVar[dict[str, str]] = {
        "product_id": "products",
        "team_id": "teams",
        "county_id": "counties",
    }

    name: Text
    task_kind: CampaignTaskKind
    task: Annotated[str, Field(min_length=1, max_length=4000), Storable]
    product_id: OptRef = None
    team_id: OptRef = None
    county_id: OptRef = None
    channel: Channel | None = None
    tier: Tier | None = None
    starts_on: Day
    ends_on: Day
    notes: LongText = None

    def cross_checks(self) -> list[FieldError]:
        return _as_error(campaigns.campaign_problem(self.model_dump()))


class CampaignResult(Entity):
    """A campaign's task recorded in a visit (part of the visit): done, or not done with
    why; the answer to a question; the photo of a photo task."""

    table: ClassVar[str] = "campaign_results"
    refs: ClassVar[dict[str, str]] = {
        "visit_id": "visits",
        "campaign_id": "campaigns",
        "photo_id": "photos",
    }

    visit_id: Ref
    campaign_id: Ref
    done: bool = True
    answer: LongText = None
    photo_id: OptRef = None

    def cross_checks(self) -> list[FieldError]:
        return _as_error(campaigns.result_problem(self.model_dump()))


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
    Price,
    Promotion,
    Campaign,
    OrderLine,
    AssortmentRule,
    ShopSku,
    ShelfAudit,
    Event,
    EventProduct,
    Koc,
    KocShop,
    KocStageChange,
    CommunityGroup,
    Invitation,
    Photo,
    DisplayAgreement,
    DisplayAgreementSku,
    DisplayAgreementCheck,
    DisplayPayout,
    CampaignResult,
    VisitReview,
    CommunityPush,
    CloudOrder,
)

ENTITY_BY_TABLE: dict[str, type[Entity]] = {e.table: e for e in ENTITIES}
