"""Demo rows for the B→KOC→C chain (issue 18): event economics, banquets, community pushes
and cloud-store orders, so the chain is visible: some events pay back, some do not.

For each rep: every held event gets its costs, bottles and tables; a banquet (宴席) or two
hosted by one of the rep's KOCs are added; KOCs get a referral code; an attendee of a
"good" event (about half) pushes in a group within a week and their people order from
the shop's cloud store within 60 days (by referral code, by the group's name or, with
consent, the KOC's own number); others order nothing. A few orders carry nobody's code
(left for a person to attribute). Drawn from their own random stream, so the rows the
generator made before stay as they were. Thread-agnostic: pure functions over row dicts.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

Row = dict[str, Any]

_BANQUET_TITLES = ("{host}家婚宴", "{host}父亲八十大寿", "{host}公司年会", "{host}孩子升学宴")
_BANQUET_TYPES = ("wedding", "birthday", "business", "other")
_ITEMS = ("金典十年 ×{n}", "金典五年 ×{n}", "冰红茶 ×{n}箱", "礼盒装 ×{n}")
_CAMPAIGNS = ("冬至团购", "年货节", "品鉴会回顾", "新品尝鲜", None)


def _moment(text: str, days: float) -> str:
    return (datetime.fromisoformat(text) + timedelta(days=days)).isoformat(timespec="seconds")


def rep_loop_rows(
    seed: int, new_id: Callable[[], str], *, rows: dict[str, list[Row]], today_text: str
) -> None:
    """Add the chain's rows to one rep's ``rows`` (events changed in place)."""
    rng = random.Random(seed ^ 0x100B)
    rnd = rng.random
    kocs = {k["id"]: k for k in rows["kocs"]}
    for i, k in enumerate(rows["kocs"]):
        if rnd() < 0.6:
            k["referrer_code"] = f"R{seed % 100000:05d}{i:03d}"
    links: dict[str, list[str]] = {}
    for ks in rows["koc_shops"]:
        links.setdefault(ks["koc_id"], []).append(ks["shop_id"])
    groups: dict[str, list[Row]] = {}
    for g in rows["community_groups"]:
        if g.get("admin_koc_id"):
            groups.setdefault(g["admin_koc_id"], []).append(g)
    shops = [s["id"] for s in rows["shops"]]
    attended: dict[str, list[str]] = {}
    for inv in rows["invitations"]:
        if inv["status"] == "attended" and inv.get("koc_id"):
            attended.setdefault(inv["event_id"], []).append(inv["koc_id"])
    n_orders = [0]

    def order(shop_id: str, at: str, koc: Row | None, group: Row | None) -> None:
        if at > today_text or not shop_id:
            return
        n_orders[0] += 1
        code = koc.get("referrer_code") if koc and rnd() < 0.7 else None
        buyer = koc.get("mobile") if koc and not code and koc.get("consent") else None
        rows["cloud_orders"].append(
            {
                "id": new_id(),
                "order_no": f"YD{seed % 10**6:06d}{n_orders[0]:05d}",
                "ordered_at": at,
                "shop_id": shop_id,
                "items": rng.choice(_ITEMS).format(n=rng.randint(1, 6)),
                "amount": float(rng.choice((68, 128, 256, 388, 520, 760))),
                "buyer_ref": buyer or (f"买家{rng.randint(1000, 9999)}" if rnd() < 0.5 else None),
                "referrer_code": code,
                "group_name": group["name"] if group and (not code or rnd() < 0.3) else None,
                "created_at": at,
                "updated_at": at,
            }
        )

    held = [e for e in rows["events"] if e["status"] == "done"]
    for e in held:
        tables = rng.randint(1, 4)
        e["table_count"] = tables
        e["bottles_supplied"] = tables * rng.randint(3, 6)
        e["bottles_opened"] = rng.randint(tables, e["bottles_supplied"])
        e["bottles_returned"] = e["bottles_supplied"] - e["bottles_opened"]
        e["cost_products"] = float(e["bottles_opened"] * rng.choice((68, 128)))
        e["cost_venue"] = float(rng.choice((0, 200, 300, 500)))
        e["cost_gifts"] = float(rng.choice((0, 100, 150)))
    # A banquet or two, hosted by a KOC of the rep's, supplied by the KOC's shop.
    hosts = [k for k in rows["kocs"] if links.get(k["id"])]
    for _ in range(min(len(hosts), rng.randint(1, 2))):
        host = rng.choice(hosts)
        when = held[rng.randrange(len(held))]["starts_at"] if held else None
        if when is None:
            break
        start = _moment(when, rng.randint(1, 5))
        if start > today_text:
            continue
        tables = rng.randint(8, 30)
        supplied = tables * 2
        opened = rng.randint(tables, supplied)
        banquet = {
            "id": new_id(),
            "kind": "banquet",
            "title": rng.choice(_BANQUET_TITLES).format(host=host["name"][:1]),
            "banquet_type": rng.choice(_BANQUET_TYPES),
            "starts_at": start,
            "ends_at": _moment(start, 0.15),
            "status": "done",
            "rep_id": host.get("rep_id"),
            "host_koc_id": host["id"],
            "supplier_shop_id": links[host["id"]][0],
            "table_count": tables,
            "bottles_supplied": supplied,
            "bottles_opened": opened,
            "bottles_returned": supplied - opened,
            "scan_count": rng.randint(0, opened) if rnd() < 0.7 else None,
            "cost_products": float(opened * 40),
            "created_at": start,
            "updated_at": start,
        }
        rows["events"].append(banquet)
        attended.setdefault(banquet["id"], []).append(host["id"])
        held.append(banquet)
    # Pushes and orders after the events: about half pay back.
    for e in held:
        good = rnd() < 0.5
        for koc_id in attended.get(e["id"], []):
            koc = kocs.get(koc_id)
            if koc is None or koc.get("erased_at"):
                continue
            day = datetime.fromisoformat(e["starts_at"]) + timedelta(hours=8)
            pushes = rng.randint(1, 3) if good else (1 if rnd() < 0.3 else 0)
            own = groups.get(koc_id, [])
            for _ in range(pushes):
                on = (day + timedelta(days=rng.randint(0, 6))).date().isoformat()
                if on > today_text[:10]:
                    continue
                rows["community_pushes"].append(
                    {
                        "id": new_id(),
                        "koc_id": koc_id,
                        "group_id": rng.choice(own)["id"] if own else None,
                        "date": on,
                        "campaign": rng.choice(_CAMPAIGNS),
                        "event_id": e["id"] if rnd() < 0.6 else None,
                        "rep_id": e.get("rep_id"),
                        "created_at": e["starts_at"],
                        "updated_at": e["starts_at"],
                    }
                )
            if not good:
                continue
            shop_id = (links.get(koc_id) or shops or [""])[0]
            for _ in range(rng.randint(1, 5)):
                at = _moment(e["starts_at"], rng.uniform(0.5, 60))
                order(shop_id, at, koc, rng.choice(own) if own and rnd() < 0.4 else None)
    # Orders nobody's push explains, for a person to attribute.
    for _ in range(rng.randint(2, 6)):
        if shops and held:
            order(rng.choice(shops), _moment(rng.choice(held)["starts_at"], rng.uniform(1, 30)),
                  None, None)  # fmt: skip
