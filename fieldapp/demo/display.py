"""Demo display agreements (issue 16): about one shop in eight of a rep's tier-A and B
shops has an agreement (an end cap, a case stack, a cooler or shelf space; most for one
to three SKUs, the rest for the brand's range), running from
a few months back to most of a year ahead; every visit to such a shop since it started
checks it, and about one check in eight fails, with a note. The team's supervisor has
decided the payouts of the months before this one (about four in ten of last month's
not yet: due) (``fieldapp.display``'s amount; one
in ten adjusted, with a comment), early in the next month.
Thread-agnostic: pure functions over row dicts, from their own random stream.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from ..display import CHECK_TERMS, month_payout, months_of

Row = dict[str, Any]

_POSITIONS = ("end_cap", "case_stack", "cooler", "shelf")
_FEES = (150.0, 200.0, 300.0, 500.0)
_FAIL_NOTES = ("排面不足", "端架放了竞品", "冰柜没插电", "堆箱被挪走了", "价格牌缺失")


def rep_display_rows(
    seed: int,
    new_id: Callable[[], str],
    *,
    rows: dict[str, list[Row]],
    products: Sequence[Row],
    today: date,
    supervisor_id: str | None,
) -> None:
    """Fill ``rows["display_agreements"]``, ``["display_agreement_skus"]``,
    ``["display_checks"]`` and ``["display_payouts"]`` of one rep."""
    rng = random.Random(seed ^ 0xD15C)
    sku_rng = random.Random(seed ^ 0x5C05)  # its own stream: the other rows stay as they were
    start = date(today.year, today.month, 1) - timedelta(days=rng.randint(60, 120))
    start = date(start.year, start.month, 1)
    by_shop: dict[str, Row] = {}
    for shop in rows["shops"]:
        if shop["tier"] not in ("A", "B") or rng.random() >= 0.125:
            continue
        begins = start if rng.random() < 0.7 else date(today.year, today.month, 1)
        ends = date(begins.year + 1, begins.month, 1) - timedelta(days=1)
        meta = {k: shop.get(k) for k in ("created_by", "updated_by")}
        stamp = f"{(begins - timedelta(days=3)).isoformat()}T02:00:00+00:00"
        first_sku = rng.choice(products)["id"] if rng.random() < 0.7 else None
        agreement = {
            "id": new_id(),
            "shop_id": shop["id"],
            "product_id": None,
            "position": rng.choice(_POSITIONS),
            "facings": rng.choice((2, 4, 6, 8)),
            "starts_on": begins.isoformat(),
            "ends_on": ends.isoformat(),
            "monthly_fee": rng.choice(_FEES),
            "accepted_on": (begins - timedelta(days=rng.randint(1, 5))).isoformat(),
            "terms": "按协议陈列，保持整洁，价格牌齐全",
            "created_at": max(stamp, str(shop["created_at"])),
            "updated_at": max(stamp, str(shop["created_at"])),
        } | meta
        rows["display_agreements"].append(agreement)
        by_shop[shop["id"]] = agreement
        if first_sku is not None:
            others = [p["id"] for p in products if p["id"] != first_sku]
            skus = [first_sku, *sku_rng.sample(others, min(len(others), sku_rng.randint(0, 2)))]
            for pid in skus:
                rows["display_agreement_skus"].append(
                    {"id": new_id(), "agreement_id": agreement["id"], "product_id": pid,
                     "created_at": agreement["created_at"],
                     "updated_at": agreement["updated_at"]} | meta
                )  # fmt: skip
    for v in sorted(rows["visits"], key=lambda v: str(v.get("checkin_at") or "")):
        found = by_shop.get(v["shop_id"])
        if found is None or not v.get("checkin_at"):
            continue
        day = str(v["checkin_at"])[:10]
        if not found["starts_on"] <= day <= found["ends_on"]:
            continue
        passed = rng.random() >= 0.125
        # Each term held, or (a failure) one of them not (its own stream, as the SKUs).
        missed = None if passed else sku_rng.choice(CHECK_TERMS)
        rows["display_checks"].append(
            {
                "id": new_id(),
                "visit_id": v["id"],
                "agreement_id": found["id"],
                "passed": int(passed),
                **{t: int(t != missed) for t in CHECK_TERMS},
                "photo_id": None,
                "note": None if passed else rng.choice(_FAIL_NOTES),
                "created_at": v["checkin_at"],
                "updated_at": v["checkin_at"],
                "created_by": v.get("rep_id"),
                "updated_by": v.get("rep_id"),
            }
        )
    if supervisor_id is None:
        return
    this_month = today.isoformat()[:7]
    last_month = (date(today.year, today.month, 1) - timedelta(days=1)).isoformat()[:7]
    by_month: dict[tuple[str, str], list[Row]] = {}
    for check in rows["display_checks"]:
        by_month.setdefault((check["agreement_id"], str(check["created_at"])[:7]), []).append(
            {"passed": bool(check["passed"])}
        )
    for agreement in rows["display_agreements"]:
        for month in months_of(agreement):
            if month >= this_month:
                break
            if month == last_month and sku_rng.random() < 0.4:
                continue  # not decided yet: due (its own stream; the others stay the same)
            pay = month_payout(agreement, month, by_month.get((agreement["id"], month), []))
            adjusted = rng.random() < 0.1
            year, mon = int(month[:4]), int(month[5:])
            decided = date(year + (mon == 12), 1 if mon == 12 else mon + 1, rng.randint(2, 6))
            stamp = f"{decided.isoformat()}T03:00:00+00:00"
            rows["display_payouts"].append(
                {
                    "id": new_id(),
                    "agreement_id": agreement["id"],
                    "month": month,
                    "computed": pay.payout,
                    "amount": round(pay.payout * 0.9, 2) if adjusted else pay.payout,
                    "comment": "陈列照片不清楚，扣一成" if adjusted else None,
                    "approved_by": supervisor_id,
                    "approved_at": stamp,
                    "created_at": stamp,
                    "updated_at": stamp,
                    "created_by": supervisor_id,
                    "updated_by": supervisor_id,
                }
            )
