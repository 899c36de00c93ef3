"""Demo price lists and promotions (issue 16): head office's standard list, a channel's
lower price for tier-A shops, and a few promotions running around ``today``.

Drawn from their own random stream, so the other demo rows stay what they were.
Thread-agnostic: pure functions over row dicts.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

Row = dict[str, Any]


def price_rows(
    rng: random.Random,
    new_id: Callable[[], str],
    *,
    products: Sequence[Row],
    today: date,
    meta: Row,
) -> tuple[list[Row], list[Row]]:
    """(prices, promotions): every product on the year's list at its own price; supermarkets'
    and tier-A convenience stores' prices a little lower; two or three promotions."""
    start = date(today.year, 1, 1).isoformat()
    prices: list[Row] = []
    priced = [p for p in products if p.get("price")]
    for p in priced:
        base = float(p["price"])
        prices.append({"id": new_id(), "list_name": f"{today.year} 标准价目表",
                       "product_id": p["id"], "channel": None, "tier": None, "county_id": None,
                       "price": base, "valid_from": start, "valid_to": None} | meta)  # fmt: skip
        for channel, tier, share in (("supermarket", None, 0.95), ("convenience", "A", 0.97)):
            prices.append({"id": new_id(), "list_name": f"{today.year} 渠道价",
                           "product_id": p["id"], "channel": channel, "tier": tier,
                           "county_id": None, "price": round(base * share, 1),
                           "valid_from": start, "valid_to": None} | meta)  # fmt: skip
    promotions: list[Row] = []
    if priced:
        picks = rng.sample(priced, min(3, len(priced)))
        begin, end = (today - timedelta(days=20)).isoformat(), (today + timedelta(days=30))
        promotions.append({"id": new_id(), "code": "DEMO-PCT", "name": "冬季九折",
                           "kind": "percent_off", "product_id": picks[0]["id"], "percent": 10.0,
                           "buy_quantity": None, "free_quantity": None, "min_quantity": 6,
                           "channel": None, "tier": None, "county_id": None,
                           "valid_from": begin, "valid_to": end.isoformat(),
                           "priority": 1} | meta)  # fmt: skip
        promotions.append({"id": new_id(), "code": "DEMO-CASE", "name": "整箱买十二送一",
                           "kind": "buy_get", "product_id": picks[-1]["id"], "percent": None,
                           "buy_quantity": 12, "free_quantity": 1, "min_quantity": None,
                           "channel": None, "tier": None, "county_id": None,
                           "valid_from": begin, "valid_to": None,
                           "priority": 5} | meta)  # fmt: skip
        if len(picks) > 2:
            promotions.append({"id": new_id(), "code": "DEMO-A", "name": "A类店特惠",
                               "kind": "percent_off", "product_id": picks[1]["id"],
                               "percent": 5.0, "buy_quantity": None, "free_quantity": None,
                               "min_quantity": None, "channel": None, "tier": "A",
                               "county_id": None, "valid_from": begin,
                               "valid_to": (today + timedelta(days=10)).isoformat(),
                               "priority": 2} | meta)  # fmt: skip
    return prices, promotions
