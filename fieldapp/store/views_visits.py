"""What the Visit and Review pages show, the few visit actions, and (re-exported from
:mod:`fieldapp.store.views_today`) what the Today page shows.

Queries (each one SQL statement, fast on a team-scale store; each takes the store's
``db`` plus keyword arguments and returns frozen dataclasses):

* from views_today: :func:`planned_visits`, :func:`returned_visits`, :func:`quiet_owners`,
  :func:`kocs_to_follow_up`, :func:`upcoming_events`, :func:`overdue_by_tier`;
* :func:`review_queue`, :func:`review_history`, :func:`team_reps`, :func:`team_counties` —
  the supervisor's queue of submitted visits, a visit's decisions, the filters' choices;
* :func:`visit_detail`, :func:`order_lines`, :func:`visit_photos`, :func:`spotted_kocs`,
  :func:`products` — one visit and what hangs off it, and the product list.

Lists that a table can sort take ``order`` (a key from the function's whitelist, see
``*_ORDERS``; anything else raises ``ValueError``, so no caller text reaches the SQL),
``descending``, ``limit`` and ``offset``, and have a ``count_*`` twin.

Actions (:func:`open_or_create_visit`, :func:`add_order_line`, :func:`add_spotted_koc`,
:func:`finish_visit`, :func:`record_visit_interaction`) write only through the store's
repositories, several rows in one transaction, so each is all-or-nothing and every row
gets its outbox mutation.

Days are Beijing days: stored UTC datetimes are turned into calendar dates with
``utc_offset`` (default :data:`fieldapp.kinds.BUSINESS_UTC_OFFSET`), and time never comes
from the clock — callers pass ``day`` / ``today``.

Threading: these functions run SQL on the connection they are given; call them on the
thread that owns that store (the UI thread for the UI's store, or a worker's own
``Store``). The rows they return are immutable and safe to hand to another thread.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..errors import ValidationError
from ..kinds import (
    BUSINESS_UTC_OFFSET,
    EVIDENCE_FLAGS,
    InteractionKind,
    KocStage,
    ReviewDecision,
    ReviewStatus,
    Tier,
    evidence_codes,
)
from . import pricing
from .days import local_modifier, utc_bound
from .db import Sql

# The Today page's queries live in views_today (the first screen loads only that);
# this module re-exports them.
from .views_today import (
    EVENT_ORDERS as EVENT_ORDERS,
    FOLLOW_UP_ORDERS as FOLLOW_UP_ORDERS,
    PLANNED_ORDERS as PLANNED_ORDERS,
    QUIET_DAYS as QUIET_DAYS,
    QUIET_ORDERS as QUIET_ORDERS,
    RETURNED_ORDERS as RETURNED_ORDERS,
    UPCOMING_DAYS as UPCOMING_DAYS,
    FollowUpKoc as FollowUpKoc,
    FollowUpReason as FollowUpReason,
    OverdueByTier as OverdueByTier,
    PlannedVisit as PlannedVisit,
    Progress as Progress,
    QuietOwner as QuietOwner,
    ReturnedVisit as ReturnedVisit,
    UpcomingEvent as UpcomingEvent,
    _count,
    _d,
    _dt,
    _order_sql,
    _page,
    _progress,
    _rows,
    count_kocs_to_follow_up as count_kocs_to_follow_up,
    count_planned_visits as count_planned_visits,
    count_quiet_owners as count_quiet_owners,
    count_returned_visits as count_returned_visits,
    count_upcoming_events as count_upcoming_events,
    kocs_to_follow_up as kocs_to_follow_up,
    overdue_by_tier as overdue_by_tier,
    planned_visits as planned_visits,
    quiet_owners as quiet_owners,
    returned_visits as returned_visits,
    upcoming_events as upcoming_events,
)

if TYPE_CHECKING:
    # Only in annotations: the Today page imports this module at start-up, before the
    # pydantic models are needed.
    from ..model import Interaction, Koc, OrderLine, Visit
    from . import Store

__all__ = [
    "ANY_FLAG",
    "EVENT_ORDERS",
    "FOLLOW_UP_ORDERS",
    "ORDER_LINE_ORDERS",
    "PLANNED_ORDERS",
    "PRODUCT_ORDERS",
    "QUEUE_ORDERS",
    "QUIET_ORDERS",
    "RETURNED_ORDERS",
    "Choice",
    "FollowUpKoc",
    "FollowUpReason",
    "OrderLineRow",
    "OverdueByTier",
    "PhotoRow",
    "PlannedVisit",
    "ProductRow",
    "Progress",
    "QueueVisit",
    "QuietOwner",
    "ReturnedVisit",
    "ReviewRow",
    "SpottedKoc",
    "UpcomingEvent",
    "VisitDetail",
    "add_order_line",
    "add_spotted_koc",
    "count_kocs_to_follow_up",
    "count_order_lines",
    "count_planned_visits",
    "count_quiet_owners",
    "count_returned_visits",
    "count_review_queue",
    "count_upcoming_events",
    "finish_visit",
    "kocs_to_follow_up",
    "open_or_create_visit",
    "order_lines",
    "overdue_by_tier",
    "planned_visits",
    "products",
    "quiet_owners",
    "record_visit_interaction",
    "returned_visits",
    "review_history",
    "review_queue",
    "spotted_kocs",
    "team_counties",
    "team_reps",
    "upcoming_events",
    "visit_detail",
    "visit_interaction_id",
    "visit_photos",
]


@dataclass(frozen=True)
class OrderLineRow:
    line_id: str
    product_id: str
    product_code: str | None
    product_name: str
    unit: str | None
    quantity: int
    unit_price: float | None
    list_price: float | None = None
    reason: str | None = None
    #: The promotion the line got (``fieldapp.pricing``), its net unit price, free goods.
    promotion: str | None = None
    net_price: float | None = None
    free_quantity: int | None = None

    @property
    def product_label(self) -> str:
        """The product, after the promotion it got when it got one (the order table)."""
        promo = self.promotion_label
        return self.product_name if promo is None else f"[{promo}] {self.product_name}"

    @property
    def override_note(self) -> str | None:
        """For the supervisor's review: the rep's reason when the price was overridden."""
        return (self.reason or "?") if self.overridden else None

    @property
    def promotion_label(self) -> str | None:
        """The promotion's name with the goods it gives free: "整箱买十二送一 +2"."""
        if self.promotion is None:
            return None
        return f"{self.promotion} +{self.free_quantity}" if self.free_quantity else self.promotion

    @property
    def overridden(self) -> bool:
        """A price set apart from the agreed one (net price, else list price): flagged
        for the supervisor."""
        agreed = self.net_price if self.net_price is not None else self.list_price
        return agreed is not None and self.unit_price != agreed

    @property
    def amount(self) -> float | None:
        return None if self.unit_price is None else round(self.quantity * self.unit_price, 2)


@dataclass(frozen=True)
class PhotoRow:
    photo_id: str
    sha256: str
    mime: str
    size: int
    caption: str | None
    taken_at: datetime | None
    created_at: datetime


@dataclass(frozen=True)
class SpottedKoc:
    koc_id: str
    name: str
    mobile: str | None
    stage: KocStage
    trait_score: int
    #: Whether the KOC agreed to be contacted; without it the UI shows no usable number.
    consent: bool = False


@dataclass(frozen=True)
class ProductRow:
    product_id: str
    code: str | None
    name: str
    category: str | None
    unit: str | None
    price: float | None


@dataclass(frozen=True)
class VisitDetail:
    """One visit with its shop, the shop's owner and everything attached to it."""

    visit_id: str
    shop_id: str
    shop_name: str
    shop_tier: Tier
    shop_address: str | None
    county_id: str
    rep_id: str | None
    #: The shop's first live owner (None when the shop has none on record).
    owner_id: str | None
    owner_name: str | None
    owner_level: int | None
    owner_mobile: str | None
    planned_date: date | None
    checkin_at: datetime | None
    checkout_at: datetime | None
    review_status: ReviewStatus
    supervisor_comment: str | None
    reviewed_at: datetime | None
    lines: tuple[OrderLineRow, ...]
    photos: tuple[PhotoRow, ...]
    kocs: tuple[SpottedKoc, ...]

    @property
    def progress(self) -> Progress:
        return _progress(self.checkin_at, self.checkout_at)

    @property
    def read_only(self) -> bool:
        """Submitted or approved visits are no longer edited by the rep."""
        return self.review_status in (ReviewStatus.SUBMITTED, ReviewStatus.APPROVED)


# --------------------------------------------------------------------------- one visit

#: Sort keys of :func:`order_lines`.
ORDER_LINE_ORDERS: dict[str, str] = {
    "product": "p.name",
    "code": "p.code",
    "quantity": "l.quantity",
    "unit_price": "l.unit_price",
    "amount": "l.quantity * l.unit_price",
}


def order_lines(
    db: Sql,
    *,
    visit_id: str,
    order: str | None = None,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[OrderLineRow]:
    """Live order lines of a visit with their product; in the order they were added."""
    params: dict[str, Any] = {"visit": visit_id}
    sql = """
        SELECT l.id, l.product_id, p.code, p.name, p.unit, l.quantity, l.unit_price,
               l.list_price, l.reason, m.name, l.net_price, l.free_quantity
        FROM order_lines l JOIN products p ON p.id = l.product_id
        LEFT JOIN promotions m ON m.id = l.promotion_id
        WHERE l.visit_id = :visit AND l.deleted = 0
    """
    sql += _order_sql(ORDER_LINE_ORDERS, order, descending, "l.rowid", "l.rowid")
    sql += " " + _page(params, limit, offset)
    return [
        OrderLineRow(
            line_id=lid,
            product_id=pid,
            product_code=code,
            product_name=name,
            unit=unit,
            quantity=qty,
            unit_price=price,
            list_price=listed,
            reason=reason,
            promotion=promo,
            net_price=net,
            free_quantity=free,
        )
        for lid, pid, code, name, unit, qty, price, listed, reason, promo, net, free in _rows(
            db, sql, params
        )
    ]


def count_order_lines(db: Sql, *, visit_id: str) -> int:
    return _count(
        db,
        "SELECT 1 FROM order_lines WHERE visit_id = :visit AND deleted = 0",
        {"visit": visit_id},
    )


def visit_photos(db: Sql, *, visit_id: str) -> list[PhotoRow]:
    """Live photos of a visit, in the order they were attached."""
    sql = """
        SELECT id, sha256, mime, size, caption, taken_at, created_at
        FROM photos WHERE visit_id = :visit AND deleted = 0 ORDER BY rowid
    """
    return [
        PhotoRow(
            photo_id=pid,
            sha256=sha,
            mime=mime,
            size=size,
            caption=caption,
            taken_at=_dt(taken),
            created_at=datetime.fromisoformat(created),
        )
        for pid, sha, mime, size, caption, taken, created in _rows(db, sql, {"visit": visit_id})
    ]


def spotted_kocs(db: Sql, *, visit_id: str) -> list[SpottedKoc]:
    """Live KOCs first spotted at this visit (``source_visit_id``), in the order added."""
    sql = """
        SELECT id, name, mobile, stage,
               trait_acquaintances + trait_trying + trait_sharing + trait_expertise, consent
        FROM kocs WHERE source_visit_id = :visit AND deleted = 0 ORDER BY rowid
    """
    return [
        SpottedKoc(
            koc_id=kid,
            name=name,
            mobile=mobile,
            stage=KocStage(stage),
            trait_score=score,
            consent=bool(consent),
        )
        for kid, name, mobile, stage, score, consent in _rows(db, sql, {"visit": visit_id})
    ]


def visit_detail(db: Sql, *, visit_id: str) -> VisitDetail | None:
    """The live visit with its shop, owner, order lines, photos and KOCs; None if gone."""
    sql = """
        SELECT v.id, v.shop_id, s.name, s.tier, s.address, s.county_id, v.rep_id,
               o.id, o.name, o.level, o.mobile,
               v.planned_date, v.checkin_at, v.checkout_at, v.review_status,
               v.supervisor_comment, v.reviewed_at
        FROM visits v
        JOIN shops s ON s.id = v.shop_id
        LEFT JOIN owners o ON o.id = (
            SELECT o2.id FROM owners o2 WHERE o2.shop_id = s.id AND o2.deleted = 0
            ORDER BY o2.rowid LIMIT 1)
        WHERE v.id = :visit AND v.deleted = 0
    """
    found = _rows(db, sql, {"visit": visit_id})
    if not found:
        return None
    (
        vid,
        sid,
        shop_name,
        tier,
        address,
        county_id,
        rep_id,
        owner_id,
        owner_name,
        owner_level,
        owner_mobile,
        planned,
        cin,
        cout,
        status,
        comment,
        reviewed,
    ) = found[0]
    return VisitDetail(
        visit_id=vid,
        shop_id=sid,
        shop_name=shop_name,
        shop_tier=Tier(tier),
        shop_address=address,
        county_id=county_id,
        rep_id=rep_id,
        owner_id=owner_id,
        owner_name=owner_name,
        owner_level=owner_level,
        owner_mobile=owner_mobile,
        planned_date=_d(planned),
        checkin_at=_dt(cin),
        checkout_at=_dt(cout),
        review_status=ReviewStatus(status),
        supervisor_comment=comment,
        reviewed_at=_dt(reviewed),
        lines=tuple(order_lines(db, visit_id=vid)),
        photos=tuple(visit_photos(db, visit_id=vid)),
        kocs=tuple(spotted_kocs(db, visit_id=vid)),
    )


# --------------------------------------------------------------------------- products

#: Sort keys of :func:`products`.
PRODUCT_ORDERS: dict[str, str] = {
    "code": "code",
    "name": "name",
    "category": "category",
    "price": "price",
}


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def products(
    db: Sql,
    *,
    text: str | None = None,
    order: str | None = None,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[ProductRow]:
    """Live products, by code then name; ``text`` keeps those whose code or name has it."""
    params: dict[str, Any] = {}
    where = ["deleted = 0"]
    if text and text.strip():
        where.append("(name LIKE :like ESCAPE '\\' OR code LIKE :like ESCAPE '\\')")
        params["like"] = _like(text.strip())
    sql = f"SELECT id, code, name, category, unit, price FROM products WHERE {' AND '.join(where)} "
    sql += _order_sql(PRODUCT_ORDERS, order, descending, "code IS NULL, code, name, id", "name, id")
    sql += " " + _page(params, limit, offset)
    return [
        ProductRow(product_id=pid, code=code, name=name, category=cat, unit=unit, price=price)
        for pid, code, name, cat, unit, price in _rows(db, sql, params)
    ]


# --------------------------------------------------------------------------- actions

_INTERACTION_NS = uuid.UUID("6b3f3c1e-6f0b-4f5e-9a51-7d0c3b7e2a10")


def visit_interaction_id(visit_id: str) -> str:
    """The id of the owner interaction a visit records when it ends.

    Derived from the visit id, so checking out twice, or on two devices, or editing the
    relationship level afterwards always finds the same row instead of adding another.
    """
    return str(uuid.uuid5(_INTERACTION_NS, "visit:" + visit_id))


def open_or_create_visit(
    store: Store, *, shop_id: str, rep_id: str | None, day: date
) -> tuple[Visit, bool]:
    """The rep's unfinished visit to this shop planned for ``day``, or a new one.

    Returns ``(visit, created)``. Reusing an open visit keeps a double click, or going
    back to "start a visit here", from leaving empty duplicate visits behind.
    """
    where: dict[str, Any] = {"shop_id": shop_id, "planned_date": day.isoformat()}
    if rep_id is not None:
        where["rep_id"] = rep_id
    for visit in store.visits.list(where=where, order_by="created_at", descending=True):
        if visit.checkout_at is None and visit.review_status in (
            ReviewStatus.DRAFT,
            ReviewStatus.RETURNED,
        ):
            return visit, False
    return store.visits.create(shop_id=shop_id, rep_id=rep_id, planned_date=day), True


def add_order_line(
    store: Store,
    *,
    visit_id: str,
    product_id: str,
    quantity: int,
    reason: str | None = None,
) -> OrderLine:
    """Order ``quantity`` of a product at this visit at the price head office's lists give
    the shop on the visit's day, with the promotion of the day (``fieldapp.pricing``):
    ``list_price``, ``promotion_id``, ``net_price`` and ``free_quantity`` are kept on the
    line, and later list changes never rewrite it.

    A second order of the same product is folded into its order line (quantities add up,
    the promotion is chosen again for the new quantity), so the order stays one line per
    product. A negative ``quantity`` is a return: a line of its own that needs a
    ``reason`` (``reason_required``) and gets no promotion; 0 is refused (``not_zero``).
    """
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise ValidationError.single("quantity", "not_a_number", entity="order_lines")
    if quantity == 0:
        raise ValidationError.single("quantity", "not_zero", entity="order_lines")
    with store.transaction():
        visit = store.visits.get(visit_id)
        store.products.get(product_id)
        if quantity > 0:
            for line in store.order_lines.list(
                where={"visit_id": visit_id, "product_id": product_id}
            ):
                if line.quantity > 0:
                    return change_order_line(store, line.id, quantity=line.quantity + quantity)
        offer = pricing.price_line(
            store.db,
            shop_id=visit.shop_id,
            product_id=product_id,
            day=pricing.visit_day(store.db, visit_id),
            quantity=quantity,
        )
        return store.order_lines.create(
            visit_id=visit_id,
            product_id=product_id,
            quantity=quantity,
            unit_price=offer.net_price,
            list_price=offer.list_price,
            net_price=offer.net_price if offer.promotion_id else None,
            promotion_id=offer.promotion_id,
            free_quantity=offer.free_quantity or None,
            reason=reason,
        )


def change_order_line(store: Store, line_id: str, **values: Any) -> OrderLine:
    """Change an order line's quantity, price or reason; a new quantity chooses the
    promotion again (its minimum, buy N get M) at the line's own list price. A unit
    price the rep set apart from the agreed one (an override) stays."""
    with store.transaction():
        line = store.order_lines.get(line_id)
        quantity = values.get("quantity", line.quantity)
        if quantity == line.quantity or isinstance(quantity, bool) or not isinstance(quantity, int):
            return store.order_lines.update(line_id, **values)
        visit = store.visits.get(line.visit_id)
        agreed = line.net_price if line.net_price is not None else line.list_price
        offer = pricing.price_line(
            store.db,
            shop_id=visit.shop_id,
            product_id=line.product_id,
            day=pricing.visit_day(store.db, line.visit_id),
            quantity=quantity,
            list_price=line.list_price,
        )
        promo = offer if offer.promotion_id is not None else None
        changes: dict[str, Any] = {
            "promotion_id": None if promo is None else promo.promotion_id,
            "net_price": None if promo is None else promo.net_price,
            "free_quantity": None if promo is None else (promo.free_quantity or None),
        }
        new_agreed = line.list_price if promo is None else promo.net_price
        # The agreed price follows the promotion; a price the rep set apart stays. A form
        # that sends the whole line back sends the old agreed price: not an override.
        if line.unit_price == agreed and values.get("unit_price", agreed) == agreed:
            values = {k: v for k, v in values.items() if k != "unit_price"}
            changes["unit_price"] = new_agreed
        return store.order_lines.update(line_id, **(changes | values))


def _first_owner_id(store: Store, shop_id: str) -> str | None:
    owners = store.owners.list(where={"shop_id": shop_id}, limit=1)
    return owners[0].id if owners else None


def add_spotted_koc(store: Store, *, visit_id: str, day: date, **fields: Any) -> Koc:
    """A KOC spotted at this visit: the KOC (stage "spotted", in the shop's county, this
    visit as source, the visit's rep) and its link to the shop, introduced by the shop's
    owner on ``day`` — in one transaction, so there is never a KOC without its shop.

    ``fields`` are the KOC's own fields (name, mobile, traits, notes…). Raises
    :class:`ValidationError` (nothing written) for bad input.
    """
    for fixed in ("county_id", "source_visit_id", "stage"):
        if fixed in fields:
            raise ValidationError.single(fixed, "read_only", entity="kocs")
    with store.transaction():
        visit = store.visits.get(visit_id)
        shop = store.shops.get(visit.shop_id)
        fields.setdefault("rep_id", visit.rep_id or store.user_id)
        koc = store.kocs.create(
            county_id=shop.county_id,
            source_visit_id=visit.id,
            stage=KocStage.SPOTTED,
            **fields,
        )
        store.koc_shops.create(
            koc_id=koc.id,
            shop_id=shop.id,
            introduced_by_owner_id=_first_owner_id(store, shop.id),
            introduced_at=day,
        )
    return koc


def record_visit_interaction(store: Store, *, visit_id: str, day: date) -> Interaction | None:
    """Record (or bring up to date) the finished visit as an owner interaction.

    Kind "visit", dated ``day``, with the visit's relationship note and level: a level
    moves the owner's level (unless a later-dated interaction already set one). Only for
    checked-out visits of shops with an owner; returns None otherwise, or when someone
    deleted the interaction on purpose.
    """
    with store.transaction():
        visit = store.visits.get(visit_id)
        if visit.checkout_at is None:
            return None
        iid = visit_interaction_id(visit.id)
        existing = store.interactions.find(iid, include_deleted=True)
        if existing is not None:
            if existing.deleted:
                return None
            return store.interactions.update(
                iid, note=visit.relationship_note, level_after=visit.relationship_level
            )
        owner_id = _first_owner_id(store, visit.shop_id)
        if owner_id is None:
            return None
        return store.interactions.create(
            id=iid,
            owner_id=owner_id,
            rep_id=visit.rep_id,
            date=day,
            kind=InteractionKind.VISIT,
            note=visit.relationship_note,
            level_after=visit.relationship_level,
        )


def finish_visit(store: Store, *, visit_id: str, day: date, at: datetime | None = None) -> Visit:
    """Check out (now unless ``at``) and record the owner interaction, in one transaction."""
    with store.transaction():
        visit = store.visits.check_out(visit_id, at)
        record_visit_interaction(store, visit_id=visit_id, day=day)
    return visit


# --------------------------------------------------------------------------- review queue


@dataclass(frozen=True)
class QueueVisit:
    """A submitted visit waiting for the supervisor's decision."""

    visit_id: str
    rep_id: str | None
    rep_name: str | None
    shop_id: str
    shop_name: str
    tier: Tier
    county_id: str
    county_name: str | None
    #: The local (Beijing) day of the check-in, else the planned day.
    visit_date: date | None
    checkin_at: datetime | None
    checkout_at: datetime | None
    order_lines: int
    photos: int
    #: How often this visit was returned before (it is a resubmission when > 0).
    times_returned: int
    #: The order's value in yuan: each live line's quantity at its own price, else the
    #: product's list price.
    amount: float = 0.0
    #: What the rep's device found in the photos and times (``fieldapp.evidence``'s text).
    evidence_flags: str | None = None

    @property
    def flags(self) -> list[str]:
        """The distinct evidence flag codes, in ``EVIDENCE_FLAGS`` order."""
        return evidence_codes(self.evidence_flags)

    @property
    def flag_count(self) -> int:
        """How many evidence flags (a photo's and the visit's own)."""
        return self.evidence_flags.count(";") + 1 if self.evidence_flags else 0

    @property
    def minutes(self) -> int | None:
        """How long the visit took (check-in to check-out); None before check-out."""
        if self.checkin_at is None or self.checkout_at is None:
            return None
        return max(0, round((self.checkout_at - self.checkin_at).total_seconds() / 60))


@dataclass(frozen=True)
class ReviewRow:
    """One decision of a visit's review history, with the reviewer's name."""

    review_id: str
    decision: ReviewDecision
    comment: str | None
    reviewer_id: str | None
    reviewer_name: str | None
    decided_at: datetime


@dataclass(frozen=True)
class Choice:
    """An id and its name, for a filter's drop-down."""

    id: str
    name: str


#: Sort keys of :func:`review_queue`.
QUEUE_ORDERS: dict[str, str] = {
    "visit_date": "visit_date",
    "rep": "u.name",
    "shop": "s.name",
    "tier": "s.tier",
    "county": "c.name",
    "lines": "n_lines",
    "photos": "n_photos",
    "returned": "n_returned",
    "amount": "amount",
    "duration": "julianday(v.checkout_at) - julianday(v.checkin_at)",
    # How many flags: the text's ";" plus one.
    "flags": "length(coalesce(v.evidence_flags, '')) - length(replace(coalesce(v.evidence_flags,"
    " ''), ';', '')) + (v.evidence_flags IS NOT NULL)",
}
#: :func:`review_queue`'s ``flag``: any evidence flag (else one of ``EVIDENCE_FLAGS``).
ANY_FLAG = "any"


def _queue_sql(
    *,
    team_id: str | None,
    rep_id: str | None,
    county_id: str | None,
    tier: Tier | str | None,
    since: date | None,
    until: date | None,
    utc_offset: timedelta,
    flag: str | None = None,
) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"modifier": local_modifier(utc_offset)}
    where = ["v.deleted = 0", "s.deleted = 0", "v.review_status = 'submitted'"]
    if flag == ANY_FLAG:
        where.append("v.evidence_flags IS NOT NULL")
    elif flag is not None:
        if flag not in EVIDENCE_FLAGS:
            raise ValueError(f"unknown evidence flag {flag!r}")
        # No code is the start of another: ";code" at a flag's start is that flag.
        where.append("(';' || v.evidence_flags) LIKE :flag")
        params["flag"] = f"%;{flag}%"
    if team_id is not None:
        where.append("v.rep_id IN (SELECT id FROM users WHERE team_id = :team AND deleted = 0)")
        params["team"] = team_id
    if rep_id is not None:
        where.append("v.rep_id = :rep")
        params["rep"] = rep_id
    if county_id is not None:
        where.append("s.county_id = :county")
        params["county"] = county_id
    if tier is not None:
        where.append("s.tier = :tier")
        params["tier"] = Tier(tier).value
    # A submitted visit always has a check-in: its local day is what the filter means.
    if since is not None:
        where.append("v.checkin_at >= :since")
        params["since"] = utc_bound(since, utc_offset)
    if until is not None:
        where.append("v.checkin_at < :until")
        params["until"] = utc_bound(until + timedelta(days=1), utc_offset)
    sql = f"""
        SELECT v.id, v.rep_id, u.name, v.shop_id, s.name, s.tier, s.county_id, c.name,
               coalesce(date(v.checkin_at, :modifier), v.planned_date) AS visit_date,
               v.checkin_at, v.checkout_at,
               (SELECT count(*) FROM order_lines l
                WHERE l.visit_id = v.id AND l.deleted = 0) AS n_lines,
               (SELECT count(*) FROM photos p
                WHERE p.visit_id = v.id AND p.deleted = 0) AS n_photos,
               (SELECT count(*) FROM visit_reviews r
                WHERE r.visit_id = v.id AND r.deleted = 0 AND r.decision = 'returned')
                   AS n_returned,
               (SELECT coalesce(sum(l.quantity * coalesce(l.unit_price, p.price, 0)), 0)
                FROM order_lines l LEFT JOIN products p ON p.id = l.product_id
                WHERE l.visit_id = v.id AND l.deleted = 0) AS amount,
               v.evidence_flags
        FROM visits v
        JOIN shops s ON s.id = v.shop_id
        LEFT JOIN users u ON u.id = v.rep_id
        LEFT JOIN counties c ON c.id = s.county_id
        WHERE {" AND ".join(where)}
    """
    return sql, params


def review_queue(
    db: Sql,
    *,
    team_id: str | None = None,
    rep_id: str | None = None,
    county_id: str | None = None,
    tier: Tier | str | None = None,
    since: date | None = None,
    until: date | None = None,
    order: str | None = None,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
    utc_offset: timedelta = BUSINESS_UTC_OFFSET,
    flag: str | None = None,
) -> list[QueueVisit]:
    """Live submitted visits at live shops, oldest first (the queue is worked in order).

    ``team_id`` keeps the visits of that team's reps; ``rep_id``, ``county_id`` (the
    shop's) and ``tier`` narrow further; ``since`` / ``until`` are inclusive local days
    of the check-in; ``flag`` keeps the visits with any evidence flag (:data:`ANY_FLAG`)
    or with that one (a code of ``fieldapp.kinds.EVIDENCE_FLAGS``).
    """
    sql, params = _queue_sql(
        team_id=team_id,
        rep_id=rep_id,
        county_id=county_id,
        tier=tier,
        since=since,
        until=until,
        utc_offset=utc_offset,
        flag=flag,
    )
    sql += _order_sql(QUEUE_ORDERS, order, descending, "v.checkin_at, v.id", "v.checkin_at, v.id")
    sql += " " + _page(params, limit, offset)
    return [
        QueueVisit(
            visit_id=vid,
            rep_id=rid,
            rep_name=rname,
            shop_id=sid,
            shop_name=sname,
            tier=Tier(tier_),
            county_id=cid,
            county_name=cname,
            visit_date=_d(vdate),
            checkin_at=_dt(cin),
            checkout_at=_dt(cout),
            order_lines=lines,
            photos=photos,
            times_returned=returned,
            amount=float(amount),
            evidence_flags=flags,
        )
        for (
            vid,
            rid,
            rname,
            sid,
            sname,
            tier_,
            cid,
            cname,
            vdate,
            cin,
            cout,
            lines,
            photos,
            returned,
            amount,
            flags,
        ) in _rows(db, sql, params)
    ]


def count_review_queue(
    db: Sql,
    *,
    team_id: str | None = None,
    rep_id: str | None = None,
    county_id: str | None = None,
    tier: Tier | str | None = None,
    since: date | None = None,
    until: date | None = None,
    utc_offset: timedelta = BUSINESS_UTC_OFFSET,
    flag: str | None = None,
) -> int:
    sql, params = _queue_sql(
        team_id=team_id,
        rep_id=rep_id,
        county_id=county_id,
        tier=tier,
        since=since,
        until=until,
        utc_offset=utc_offset,
        flag=flag,
    )
    return _count(db, sql, params)


def review_history(db: Sql, *, visit_id: str) -> list[ReviewRow]:
    """The visit's live review decisions, oldest first, with the reviewer's name."""
    sql = """
        SELECT r.id, r.decision, r.comment, r.reviewer_id, u.name, r.decided_at
        FROM visit_reviews r LEFT JOIN users u ON u.id = r.reviewer_id
        WHERE r.visit_id = :visit AND r.deleted = 0
        ORDER BY r.decided_at, r.rowid
    """
    return [
        ReviewRow(
            review_id=rid,
            decision=ReviewDecision(decision),
            comment=comment,
            reviewer_id=reviewer,
            reviewer_name=name,
            decided_at=datetime.fromisoformat(at),
        )
        for rid, decision, comment, reviewer, name, at in _rows(db, sql, {"visit": visit_id})
    ]


def team_reps(db: Sql, *, team_id: str | None) -> list[Choice]:
    """Live reps of the team (every rep in the store when ``team_id`` is None), by name."""
    sql = "SELECT id, name FROM users WHERE deleted = 0 AND role = 'rep'"
    params: dict[str, Any] = {}
    if team_id is not None:
        sql += " AND team_id = :team"
        params["team"] = team_id
    return [Choice(i, n) for i, n in _rows(db, sql + " ORDER BY name, id", params)]


def team_counties(db: Sql, *, team_id: str | None) -> list[Choice]:
    """Live counties where the team's reps have live shops (all when ``team_id`` is None)."""
    if team_id is None:
        sql = "SELECT id, name FROM counties WHERE deleted = 0 ORDER BY name, id"
        return [Choice(i, n) for i, n in _rows(db, sql, {})]
    sql = """
        SELECT c.id, c.name FROM counties c
        WHERE c.deleted = 0 AND c.id IN (
            SELECT s.county_id FROM shops s JOIN users u ON u.id = s.rep_id
            WHERE s.deleted = 0 AND u.team_id = :team)
        ORDER BY c.name, c.id
    """
    return [Choice(i, n) for i, n in _rows(db, sql, {"team": team_id})]
