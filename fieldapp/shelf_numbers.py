"""The shelf numbers (铺货率 & co., issue 16) in plain Python, over live rows.

The rules are ``fieldapp.store.metrics_shelf``'s (its docstring); the device computes
them in SQL there, head office's export (``fieldapp-server export``, whose rows are JSON
in one table) computes them here, and a test holds the two equal on random stores.
``rows`` maps a table to its live rows (dicts of the model's fields); 乱价 holds a
shelf price against the list price of the shop on the audit's day (``prices`` rows,
``fieldapp.pricing``), else the product's own price.
Thread-agnostic: pure functions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from .kinds import BUSINESS_UTC_OFFSET
from .pricing import ListPrices
from .shelf import is_price_disorder

__all__ = ["GROUPS", "Group", "ShelfNumbers", "shelf_numbers_of_rows"]

Group = Literal["all", "product", "category", "county", "rep", "month"]
GROUPS: tuple[Group, ...] = ("all", "product", "category", "county", "rep", "month")


@dataclass(frozen=True, slots=True)
class ShelfNumbers:
    """One group's shelf numbers (``key``: the SKU, category, county, rep id or month)."""

    key: str
    label: str
    pairs: int
    carrying: int
    numeric_distribution: float | None
    weighted_distribution: float | None
    out_of_stock: int
    out_of_stock_rate: float | None
    facings: int
    competitor_facings: int
    share_of_shelf: float | None
    price_disorder: int


def _ratio(num: float, den: float) -> float | None:
    return None if not den else num / den


def _text(value: Any) -> str:
    if isinstance(value, datetime):
        from .kinds import format_datetime

        return format_datetime(value)
    return str(value)


def _day(instant: Any) -> date:
    moment = instant if isinstance(instant, datetime) else datetime.fromisoformat(str(instant))
    return (moment + BUSINESS_UTC_OFFSET).date()


def shelf_numbers_of_rows(
    rows: Mapping[str, Iterable[Mapping[str, Any]]],
    *,
    start: date,
    end: date,
    by: Group = "all",
    share: float,
) -> list[ShelfNumbers]:
    """The shelf numbers of the Beijing days ``start``..``end``, one per group, by key."""
    every = {t: list(rs) for t, rs in rows.items()}
    live = {t: {str(r["id"]): r for r in rs if not r.get("deleted")} for t, rs in every.items()}
    # As the SQL: a tombstoned rep still gives a shop its team, a county its name.
    users = {str(r["id"]): r for r in every.get("users", [])}
    counties = {str(r["id"]): r for r in every.get("counties", [])}
    products = live.get("products", {})
    list_prices = ListPrices(
        live.get("prices", {}).values(), {pid: p.get("price") for pid, p in products.items()}
    )
    assort: set[tuple[str, str]] = set()
    own_by_shop: dict[str, set[tuple[str, bool]]] = defaultdict(set)
    for k in live.get("shop_skus", {}).values():
        own_by_shop[str(k["shop_id"])].add((str(k["product_id"]), bool(k["listed"])))
    rules: dict[tuple[Any, Any, Any], list[str]] = defaultdict(list)
    for r in live.get("assortment_rules", {}).values():
        rules[(r["team_id"], r["channel"], r["tier"])].append(str(r["product_id"]))
    for s in live.get("shops", {}).values():
        team = users.get(str(s.get("rep_id") or ""), {}).get("team_id")
        own = own_by_shop.get(str(s["id"]), set())
        if team is not None:
            for pid in rules.get((team, s["channel"], s["tier"]), ()):
                if (pid, False) not in own:
                    assort.add((str(s["id"]), pid))
        assort |= {(str(s["id"]), pid) for pid, listed in own if listed}
    visits = {
        vid: v
        for vid, v in live.get("visits", {}).items()
        if v.get("checkin_at") and start <= _day(v["checkin_at"]) <= end
    }
    weight: dict[str, int] = defaultdict(int)
    for o in live.get("order_lines", {}).values():
        if o["visit_id"] in visits:
            weight[str(visits[o["visit_id"]]["shop_id"])] += int(o["quantity"])
    latest: dict[tuple[str, str, str], tuple[tuple[str, str], dict[str, Any]]] = {}
    for a in live.get("shelf_audits", {}).values():
        v = visits.get(str(a["visit_id"]))
        if v is None or (str(v["shop_id"]), str(a["product_id"])) not in assort:
            continue
        if str(a["product_id"]) not in products:
            continue
        day = _day(v["checkin_at"])
        month = day.isoformat()[:7]
        slot = (str(v["shop_id"]), str(a["product_id"]), month if by == "month" else "")
        order = (_text(v["checkin_at"]), str(v["id"]))
        if slot not in latest or latest[slot][0] < order:
            latest[slot] = (
                order,
                dict(a) | {"month": month, "day": day, "shop_id": str(v["shop_id"])},
            )
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    labels: dict[str, str] = {}
    for _, a in latest.values():
        shop, product = live["shops"][a["shop_id"]], products[str(a["product_id"])]
        rep = str(shop.get("rep_id") or "")
        key, label = {
            "all": ("", ""),
            "product": (str(product["id"]), product["name"]),
            "category": (product.get("category") or "", product.get("category") or ""),
            "county": (
                str(shop["county_id"]),
                counties.get(str(shop["county_id"]), {}).get("name"),
            ),
            "rep": (rep, users.get(rep, {}).get("name")),
            "month": (a["month"], a["month"]),
        }[by]
        price = list_prices.of(str(product["id"]), day=a["day"], shop=shop)
        groups[key].append(a | {"list_price": price})
        labels[key] = str(label or key)
    out = []
    for key in sorted(groups):
        g = groups[key]
        carrying = [a for a in g if a["in_distribution"]]
        oos = sum(1 for a in carrying if a["out_of_stock"])
        ours = sum(a.get("facings") or 0 for a in g)
        theirs = sum(a.get("competitor_facings") or 0 for a in g)
        out.append(
            ShelfNumbers(
                key=key,
                label=labels[key],
                pairs=len(g),
                carrying=len(carrying),
                numeric_distribution=_ratio(len(carrying), len(g)),
                weighted_distribution=_ratio(
                    sum(weight[a["shop_id"]] for a in carrying),
                    sum(weight[a["shop_id"]] for a in g),
                ),
                out_of_stock=oos,
                out_of_stock_rate=_ratio(oos, len(carrying)),
                facings=ours,
                competitor_facings=theirs,
                share_of_shelf=_ratio(ours, ours + theirs),
                price_disorder=sum(
                    1 for a in g if is_price_disorder(a.get("shelf_price"), a["list_price"], share)
                ),
            )
        )
    return out
