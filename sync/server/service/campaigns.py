"""Head office's campaigns (issue 19): which shops each one takes and how far each
shop and rep is with its task, for the console and its export.

A campaign takes the live shops its filter matches (``fieldapp.campaigns.matches``: the
shop's county, channel, tier and team, the rule the device shows the task by). A shop's
state is its latest record (by the visit's Beijing day) among the live visits to it:
``done``, ``not_done`` (with why), else ``open``. The rep of a shop is its rep now; the
record names the rep of its visit.
Threading: functions take an ``Engine``; one connection each, on the calling thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fieldapp.campaigns import matches
from fieldapp.kinds import BUSINESS_UTC_OFFSET
from fieldapp.values import parse_datetime

from ..db import READ_ONLY, rows, teams

__all__ = ["Progress", "ShopState", "progress"]


@dataclass(frozen=True)
class ShopState:
    shop_id: str
    code: str
    name: str
    team: str
    rep: str
    state: str  # done, not_done, open
    day: str = ""  # the record's visit day
    by: str = ""  # the rep of that visit
    answer: str = ""


@dataclass
class Progress:
    """One campaign's shops and their states, and the counts per rep."""

    campaign: dict[str, Any]
    shops: list[ShopState] = field(default_factory=list)
    reps: list[dict[str, Any]] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for s in self.shops if s.state == state)

    @property
    def percent(self) -> int:
        return round(100 * self.count("done") / len(self.shops)) if self.shops else 0


def _live(conn: Any, tables: Iterable[str]) -> list[Any]:
    return list(
        conn.execute(
            sa.select(rows.c.table_name, rows.c.row_id, rows.c.team_id, rows.c.data).where(
                rows.c.table_name.in_(tuple(tables)), rows.c.deleted == sa.false()
            )
        )
    )


def _day(visit: dict[str, Any]) -> str:
    checkin = visit.get("checkin_at")
    if checkin:
        try:
            return (parse_datetime(str(checkin)) + BUSINESS_UTC_OFFSET).date().isoformat()
        except ValueError:
            pass
    return str(visit.get("planned_date") or "")


def progress(engine: Engine, campaign_ids: Iterable[str] | None = None) -> list[Progress]:
    """The live campaigns (those of ``campaign_ids``, or all), by start day (latest
    first) and name, each with its shops' states."""
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        found = _live(conn, ("campaigns", "shops", "users", "campaign_results"))
        team_names = dict(conn.execute(sa.select(teams.c.id, teams.c.name)).all())
        wanted = None if campaign_ids is None else set(campaign_ids)
        by_table: dict[str, list[Any]] = {}
        for r in found:
            by_table.setdefault(r.table_name, []).append(r)
        results = [r for r in by_table.get("campaign_results", [])
                   if wanted is None or r.data.get("campaign_id") in wanted]  # fmt: skip
        visit_ids = sorted({str(r.data.get("visit_id")) for r in results})
        visits: dict[str, dict[str, Any]] = {}
        for chunk in (visit_ids[i : i + 500] for i in range(0, len(visit_ids), 500)):
            for v in conn.execute(
                sa.select(rows.c.row_id, rows.c.data).where(
                    rows.c.table_name == "visits",
                    rows.c.deleted == sa.false(),
                    rows.c.row_id.in_(chunk),
                )
            ):
                visits[v.row_id] = dict(v.data)
    names = {r.row_id: str(r.data.get("name") or "") for r in by_table.get("users", [])}
    shops = sorted(by_table.get("shops", []), key=lambda r: (r.data.get("code") or "", r.row_id))
    latest: dict[tuple[str, str], tuple[str, dict[str, Any], dict[str, Any]]] = {}
    for r in results:
        visit = visits.get(str(r.data.get("visit_id")))
        if visit is None:
            continue
        key = (str(r.data.get("campaign_id")), str(visit.get("shop_id")))
        day = _day(visit)
        if key not in latest or latest[key][0] <= day:
            latest[key] = (day, dict(r.data), visit)
    out: list[Progress] = []
    campaigns = [c for c in by_table.get("campaigns", []) if wanted is None or c.row_id in wanted]
    campaigns.sort(key=lambda c: (str(c.data.get("starts_on") or ""), c.row_id), reverse=True)
    for c in campaigns:
        data = dict(c.data) | {"id": c.row_id}
        prog = Progress(data)
        per_rep: dict[str, dict[str, Any]] = {}
        for shop in shops:
            if not matches(data, shop.data, shop.team_id):
                continue
            rep_id = str(shop.data.get("rep_id") or "")
            found_state = latest.get((c.row_id, shop.row_id))
            state, day, by, answer = "open", "", "", ""
            if found_state is not None:
                day, result, visit = found_state
                state = "done" if result.get("done") else "not_done"
                by = names.get(str(visit.get("rep_id") or ""), "")
                answer = str(result.get("answer") or "")
            team = str(team_names.get(shop.team_id, "") or "")
            prog.shops.append(
                ShopState(shop.row_id, str(shop.data.get("code") or ""),
                          str(shop.data.get("name") or ""), team, names.get(rep_id, ""),
                          state, day, by, answer)
            )  # fmt: skip
            rep = per_rep.setdefault(
                rep_id, {"rep": names.get(rep_id, ""), "team": team, "shops": 0, "done": 0,
                         "not_done": 0}
            )  # fmt: skip
            rep["shops"] += 1
            if state != "open":
                rep[state] += 1
        prog.reps = sorted(per_rep.values(), key=lambda x: (x["team"], x["rep"]))
        out.append(prog)
    return out
