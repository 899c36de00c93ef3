"""Offline pricing (issue 16): which list price and which promotion an order line gets.

One rule, pure Python over plain row dicts, for the device (``fieldapp.store.pricing``
reads the candidate rows and calls it) and for head office (``fieldapp-server
import-prices`` reports the rows it would never pick).

**List price.** Head office keeps price-list rows (``prices``): a product's price for a
channel, a tier and a county (each may be empty: any), valid from a day to a day (both
included; no end: open). On a day, for a shop, the rows that match are candidates; the
most specific wins: county over channel over tier (a row naming the county beats any row
that does not; among those, one naming the channel, then the tier). Equal specificity:
the latest ``valid_from``, then the lowest price, then the row id, so every device picks
the same row. No row: the product's own price (``products.price``). The same list price
is what a shelf price is held against for price disorder (乱价, ``fieldapp.shelf``):
:class:`ListPrices` answers it for many lines at once.

**Promotion.** A promotion (``promotions``) applies to one product or to all (no
product), to a segment (channel, tier, county: empty is any), from a day to a day, from
a minimum quantity. Kinds: ``percent_off`` (``percent`` off the list price) and
``buy_get`` (for every ``buy_quantity`` ordered, ``free_quantity`` more are given
free). Several apply: the highest ``priority`` wins; equal priority: the one that saves
the shop more on this line, then the row id. Promotions never stack. A return (a
negative quantity) gets none.

Money is rounded to the fen (0.01 yuan) half up, once, on the unit price.
Thread-agnostic: pure functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .values import day_of as _day

__all__ = [
    "PROMOTION_KINDS",
    "ListPrices",
    "Quote",
    "applies",
    "best_price",
    "best_promotion",
    "fen",
    "promotion_problem",
    "quote",
    "validity_problem",
]

#: The kinds of promotion.
PROMOTION_KINDS: tuple[str, ...] = ("percent_off", "buy_get")


def fen(value: float) -> float:
    """``value`` rounded to the fen, half up (not Python's half-to-even)."""
    return float(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _in_period(row: Mapping[str, Any], day: date) -> bool:
    start, end = _day(row.get("valid_from")), _day(row.get("valid_to"))
    return start is not None and start <= day and (end is None or day <= end)


def applies(row: Mapping[str, Any], *, day: date, shop: Mapping[str, Any]) -> bool:
    """Whether a price or promotion row holds on ``day`` for ``shop`` (its ``channel``,
    ``tier``, ``county_id``): in its period and each segment field empty or equal."""
    if row.get("deleted"):
        return False
    for field in ("channel", "tier", "county_id"):
        wanted = row.get(field)
        if wanted is not None and wanted != shop.get(field):
            return False
    return _in_period(row, day)


def _specificity(row: Mapping[str, Any]) -> int:
    return (
        (4 if row.get("county_id") is not None else 0)
        + (2 if row.get("channel") is not None else 0)
        + (1 if row.get("tier") is not None else 0)
    )


def best_price(
    rows: Iterable[Mapping[str, Any]], *, day: date, shop: Mapping[str, Any]
) -> Mapping[str, Any] | None:
    """The price-list row that gives the list price (see the module's rule), or None."""
    best: Mapping[str, Any] | None = None
    best_key: tuple[Any, ...] = ()
    for row in rows:
        if not applies(row, day=day, shop=shop):
            continue
        start = _day(row.get("valid_from")) or date.min
        # max over: specificity, later start, lower price, lower id
        key = (_specificity(row), start, -float(row["price"]), _neg_text(str(row["id"])))
        if best is None or key > best_key:
            best, best_key = row, key
    return best


class ListPrices:
    """The list price of any product for any shop on any day, from all price rows at
    once (the shelf numbers, a shop's SKU history, the export's audit lines): the
    best row's price (:func:`best_price`), else the product's own ``price``."""

    def __init__(
        self,
        prices: Iterable[Mapping[str, Any]],
        product_prices: Mapping[str, float | None],
    ) -> None:
        self._rows: dict[str, list[Mapping[str, Any]]] = {}
        for row in prices:
            if not row.get("deleted"):
                self._rows.setdefault(str(row["product_id"]), []).append(row)
        self._own = {str(k): v for k, v in product_prices.items()}

    def own(self, product_id: str) -> float | None:
        """The product's own price (no price list consulted)."""
        value = self._own.get(str(product_id))
        return None if value is None else float(value)

    def of(self, product_id: str, *, day: date, shop: Mapping[str, Any]) -> float | None:
        """The list price of ``product_id`` for ``shop`` (channel, tier, county_id) on ``day``."""
        row = best_price(self._rows.get(str(product_id), ()), day=day, shop=shop)
        return self.own(product_id) if row is None else float(row["price"])


def _neg_text(text: str) -> tuple[int, ...]:
    # Orders ids so that the max is the lowest id.
    return (*tuple(-ord(c) for c in text), 1)


def _saving(promo: Mapping[str, Any], list_price: float, quantity: int) -> float:
    free = _free(promo, quantity)
    pct = float(promo.get("percent") or 0) if promo.get("kind") == "percent_off" else 0.0
    return list_price * quantity * pct / 100 + list_price * free


def _free(promo: Mapping[str, Any], quantity: int) -> int:
    if promo.get("kind") != "buy_get":
        return 0
    buy, free = promo.get("buy_quantity") or 0, promo.get("free_quantity") or 0
    return (quantity // buy) * free if buy > 0 and quantity > 0 else 0


def best_promotion(
    rows: Iterable[Mapping[str, Any]],
    *,
    day: date,
    shop: Mapping[str, Any],
    product_id: str,
    quantity: int,
    list_price: float | None,
) -> Mapping[str, Any] | None:
    """The promotion an order line of ``quantity`` gets (see the module's rule), or None."""
    if quantity <= 0 or list_price is None:
        return None
    best: Mapping[str, Any] | None = None
    best_key: tuple[Any, ...] = ()
    for row in rows:
        if row.get("product_id") not in (None, product_id):
            continue
        if quantity < int(row.get("min_quantity") or 1) or not applies(row, day=day, shop=shop):
            continue
        if row.get("kind") == "buy_get" and _free(row, quantity) == 0:
            continue  # ordered fewer than the promotion's "buy": nothing to give
        saving = _saving(row, list_price, quantity)
        key = (int(row.get("priority") or 0), saving, _neg_text(str(row["id"])))
        if best is None or key > best_key:
            best, best_key = row, key
    return best


@dataclass(frozen=True, slots=True)
class Quote:
    """An order line's price: the list price, the promotion applied, the net unit price
    and the goods given free; ``amount`` is what the shop pays."""

    list_price: float | None
    net_price: float | None
    quantity: int
    free_quantity: int = 0
    promotion_id: str | None = None
    promotion_name: str | None = None
    price_id: str | None = None

    @property
    def amount(self) -> float | None:
        return None if self.net_price is None else fen(self.net_price * self.quantity)


def quote(
    *,
    product: Mapping[str, Any],
    prices: Iterable[Mapping[str, Any]],
    promotions: Iterable[Mapping[str, Any]],
    day: date,
    shop: Mapping[str, Any],
    quantity: int,
    list_price: float | None = None,
) -> Quote:
    """The price of ``quantity`` of ``product`` for ``shop`` on ``day`` (``list_price``
    given: a saved line's own, kept; only the promotion is chosen again)."""
    row = None if list_price is not None else best_price(prices, day=day, shop=shop)
    listed: Any = list_price
    if listed is None:
        listed = row["price"] if row is not None else product.get("price")
    listed = None if listed is None else float(listed)
    promo = best_promotion(
        promotions,
        day=day,
        shop=shop,
        product_id=str(product["id"]),
        quantity=quantity,
        list_price=listed,
    )
    if promo is None or listed is None:
        return Quote(listed, listed, quantity, price_id=None if row is None else str(row["id"]))
    net = listed
    if promo.get("kind") == "percent_off":
        net = fen(listed * (1 - float(promo.get("percent") or 0) / 100))
    return Quote(
        list_price=listed,
        net_price=net,
        quantity=quantity,
        free_quantity=_free(promo, quantity),
        promotion_id=str(promo["id"]),
        promotion_name=str(promo.get("name") or ""),
        price_id=None if row is None else str(row["id"]),
    )


# ----------------------------------------------------------------- rules over a row's fields
# The device's model (``fieldapp.model.Price``/``Promotion.cross_checks``) and head office
# (``sync.protocol.CROSS_FIELD``) call these: one definition, the same codes.


def validity_problem(row: Mapping[str, Any]) -> tuple[str, str] | None:
    """``("valid_to", "end_before_start")`` when the period ends before it starts."""
    start, end = _day(row.get("valid_from")), _day(row.get("valid_to"))
    if start is not None and end is not None and end < start:
        return "valid_to", "end_before_start"
    return None


def promotion_problem(row: Mapping[str, Any]) -> tuple[str, str] | None:
    """A promotion's kind needs its numbers: ``percent`` for ``percent_off``, both
    quantities for ``buy_get`` (code ``required``); then the period's rule."""
    kind = row.get("kind")
    if kind == "percent_off" and row.get("percent") is None:
        return "percent", "required"
    if kind == "buy_get":
        for field in ("buy_quantity", "free_quantity"):
            if row.get(field) is None:
                return field, "required"
    return validity_problem(row)
