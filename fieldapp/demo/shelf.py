"""Demo shelf audits (issue 16): team assortment rules, a few shops' own SKU changes and
an audit grid on every visit of the last weeks, plausible and reproducible.

Each team's rules give a channel and tier 3 (tier C) to 6 (tier A) SKUs; a shop keeps
carrying a SKU from one visit to the next more often than not; about one line in
twenty is out of stock, one in twenty-five is sold under the list price by 20–35 %
(price disorder, 乱价). Only visits checked in in the last ``AUDIT_DAYS`` days are
audited, so a team-scale store stays quick to build.
Thread-agnostic: pure functions over row dicts.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

Row = dict[str, Any]

#: Visits checked in within this many days before ``today`` get an audit grid.
AUDIT_DAYS = 45
_SKUS_PER_TIER = {"A": 6, "B": 5, "C": 3}
_CARRY_ODDS = {"A": 0.92, "B": 0.8, "C": 0.6}
_FACINGS = {"A": (3, 10), "B": (2, 6), "C": (1, 3)}
_CHANNELS = ("convenience", "tobacco_liquor", "supermarket", "restaurant", "other")


def assortment_rules(
    rng: random.Random,
    new_id: Callable[[], str],
    *,
    teams: Sequence[Row],
    products: Sequence[Row],
    meta: Row,
) -> list[Row]:
    """Each team's rules: per channel, tier A's SKUs include tier B's, which include C's."""
    out: list[Row] = []
    for team in teams:
        for channel in _CHANNELS:
            ranked = rng.sample(list(products), min(len(products), _SKUS_PER_TIER["A"]))
            for tier, n in _SKUS_PER_TIER.items():
                for p in ranked[:n]:
                    out.append(
                        {"id": new_id(), "team_id": team["id"], "channel": channel,
                         "tier": tier, "product_id": p["id"]} | meta
                    )  # fmt: skip
    return out


def rep_shelf_rows(
    seed: int,
    new_id: Callable[[], str],
    *,
    rows: dict[str, list[Row]],
    rules: Sequence[Row],
    team_id: str | None,
    products: Sequence[Row],
    today: date,
) -> None:
    """Fill ``rows["shop_skus"]`` and ``rows["shelf_audits"]`` of one rep's territory."""
    rng = random.Random(seed ^ 0x5E1F)
    by_key: dict[tuple[str, str], list[str]] = {}
    for r in rules:
        if r["team_id"] == team_id:
            by_key.setdefault((r["channel"], r["tier"]), []).append(r["product_id"])
    price = {p["id"]: p["price"] for p in products}
    extra = [p["id"] for p in products]
    skus: dict[str, list[str]] = {}
    tiers: dict[str, str] = {}
    for shop in rows["shops"]:
        own = list(by_key.get((shop["channel"], shop["tier"]), ()))
        tiers[shop["id"]] = shop["tier"]
        if rng.random() < 0.05:  # the owner takes a SKU the rules do not give
            pid = rng.choice(extra)
            if pid not in own:
                own.append(pid)
                rows["shop_skus"].append(_sku(shop, new_id(), pid, 1))
        if own and rng.random() < 0.03:  # or will not stock one
            pid = own.pop(rng.randrange(len(own)))
            rows["shop_skus"].append(_sku(shop, new_id(), pid, 0))
        skus[shop["id"]] = own
    since = (today - timedelta(days=AUDIT_DAYS)).isoformat()
    carrying: dict[tuple[str, str], bool] = {}
    visits = sorted(
        (v for v in rows["visits"] if v.get("checkin_at") and v["checkin_at"] >= since),
        key=lambda v: str(v["checkin_at"]),
    )
    for v in visits:
        tier = tiers.get(v["shop_id"], "C")
        for pid in skus.get(v["shop_id"], ()):
            key = (v["shop_id"], pid)
            was = carrying.get(key)
            carried = (rng.random() < 0.9) == was if was is not None else (
                rng.random() < _CARRY_ODDS[tier])  # fmt: skip
            carrying[key] = carried
            oos = carried and rng.random() < 0.05
            lo, hi = _FACINGS[tier]
            facings = rng.randint(lo, hi) if carried and not oos else 0
            list_price = price.get(pid) or 10.0
            if rng.random() < 0.04:
                shelf = list_price * rng.uniform(0.65, 0.8)
            else:
                shelf = list_price * rng.uniform(0.95, 1.1)
            shelf = max(0.1, shelf)
            rows["shelf_audits"].append(
                {
                    "id": new_id(),
                    "visit_id": v["id"],
                    "product_id": pid,
                    "in_distribution": int(carried),
                    "out_of_stock": int(oos),
                    "facings": facings,
                    "shelf_price": round(shelf, 1) if carried else None,
                    "competitor_facings": rng.randint(0, 8),
                    "competitor_price": round(list_price * rng.uniform(0.8, 1.1), 1),
                    "created_at": v["checkin_at"],
                    "updated_at": v["checkin_at"],
                    "created_by": v.get("rep_id"),
                    "updated_by": v.get("rep_id"),
                }
            )


def _sku(shop: Row, row_id: str, product_id: str, listed: int) -> Row:
    meta = {k: shop.get(k) for k in ("created_at", "updated_at", "created_by", "updated_by")}
    return meta | {"id": row_id, "shop_id": shop["id"], "product_id": product_id, "listed": listed}
