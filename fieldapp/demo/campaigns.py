"""Demo campaigns of head office (issue 19): a question for every shop and a product to
place in convenience stores, running around ``today``.

No random draws: the other demo rows stay what they were.
Thread-agnostic: pure functions over row dicts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

Row = dict[str, Any]


def campaign_rows(
    new_id: Callable[[], str], *, products: Sequence[Row], today: date, meta: Row
) -> list[Row]:
    """Two campaigns open on ``today`` (none without products for the placement)."""
    begin, end = (today - timedelta(days=10)).isoformat(), (today + timedelta(days=20)).isoformat()
    empty = {"product_id": None, "team_id": None, "county_id": None, "channel": None,
             "tier": None, "notes": None}  # fmt: skip
    rows = [
        empty | {"id": new_id(), "name": "春节备货调查", "task_kind": "question",
                 "task": "春节前计划进多少箱？", "starts_on": begin, "ends_on": end} | meta,
    ]  # fmt: skip
    if products:
        rows.append(
            empty | {"id": new_id(), "name": "新品铺货", "task_kind": "placement",
                     "task": "上架新品，端架至少 2 个排面", "product_id": products[0]["id"],
                     "channel": "convenience", "starts_on": begin, "ends_on": end} | meta
        )  # fmt: skip
    return rows


#: Why a rep could not do a campaign's task.
_NOT_DONE = ("老板不在", "店里没位置", "老板说过完节再看")


def rep_results(
    seed: int,
    new_id: Callable[[], str],
    *,
    rows: dict[str, list[Row]],
    campaigns: Sequence[Row],
    team_id: str | None,
) -> None:
    """Fill ``rows["campaign_results"]`` of one rep: each checked-in visit in a
    campaign's period to a shop its filter takes records its task (one in eight not
    done, with why). Its own random stream: the rep's other rows stay what they were."""
    import random

    from ..campaigns import matches

    rng = random.Random(seed ^ 0xCA4A)
    shops = {s["id"]: s for s in rows["shops"]}
    for v in sorted(rows["visits"], key=lambda v: (str(v.get("checkin_at") or ""), v["id"])):
        shop = shops.get(v["shop_id"])
        if shop is None or not v.get("checkin_at"):
            continue
        day = str(v["checkin_at"])[:10]
        for c in campaigns:
            if not (c["starts_on"] <= day <= c["ends_on"] and matches(c, shop, team_id)):
                continue
            done = rng.random() >= 0.125
            answer = f"{rng.randint(5, 40)} 箱" if c["task_kind"] == "question" else None
            rows["campaign_results"].append(
                {"id": new_id(), "visit_id": v["id"], "campaign_id": c["id"], "done": int(done),
                 "answer": answer if done else rng.choice(_NOT_DONE), "photo_id": None,
                 "created_at": v["checkin_at"], "updated_at": v["checkin_at"],
                 "created_by": v.get("rep_id"), "updated_by": v.get("rep_id")}
            )  # fmt: skip
